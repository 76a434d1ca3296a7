/*
 * `hybridoc site DIR -o OUT`: the wiki of every design in DIR
 * (site.h), or with --check the unified diff of what a build would
 * change in OUT.  Exit status: 0 built (or up to date); 1 --check
 * found stale, missing or extra files; 2 usage or I/O errors, or a
 * design with input errors -- its page shows them and the rest of the
 * site is built all the same, but the status says so, as `validate`
 * would.  Error findings are a design's content, shown on its page and
 * in the index, and do not change the status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hybridoc/cli.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/site.h"

enum { O_OUTPUT, O_CHECK, O_JOBS, O_TEMPLATES, O_FROM, O_FENCE };

static const struct opt opts[] = {
	[O_OUTPUT] = { "output", 'o', "DIR", "output folder" },
	[O_CHECK] = { "check", 0, NULL,
	    "write nothing; list stale files, diff the designs, exit 1 if any" },
	[O_JOBS] = { "jobs", 'j', "N", "render N designs in parallel" },
	[O_TEMPLATES] = { "templates", 't', "DIR",
	    "use templates in DIR over the built-in ones" },
	[O_FROM] = { "from", 0, "KIND",
	    "the FILEs after DIR are exports of what is deployed (arm or "
	    "terraform), each named after its design (NAME.json, "
	    "NAME.KIND.json): show each design's drift status" },
	[O_FENCE] = { "fence", 0, "FENCE", "markdown (default: the "
	    "diagrams of each design's runbook.md in ```mermaid code fences, "
	    "as GitHub and GitLab read them) or azure-devops (in ::: mermaid "
	    "blocks, as graph instead of flowchart, for an Azure DevOps wiki; "
	    "the .mmd downloads say graph too)" },
	{ NULL, 0, NULL, NULL }
};

static const char exit_help[] =
    "\nexit status: 0 the site is built (error findings and drift are "
    "shown on the\npages, not in the status); 1 --check found stale, "
    "missing or extra files (the\nunified diff is on standard output); 2 "
    "usage or I/O errors, an export that\ncannot be read or belongs to no "
    "design, or a design\nwith input errors: its page shows them and the "
    "rest of the site is built.\n";

/* --help with the exit statuses, which the option table cannot say. */
static void
help(const struct cmd *cmd, int argc, char **argv)
{
	int	 i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			cmd_help(cmd, stdout);
			fputs(exit_help, stdout);
			exit(EXIT_OK);
		}
}

static int
cmd_site(int argc, char **argv)
{
	struct optstate	 st;
	struct site_opts o;
	struct site_stats s;
	struct diags	 d;
	enum diagram_fence fence;
	int		 k, rc;

	memset(&o, 0, sizeof(o));
	o.jobs = 1;
	o.fence = DIAGRAM_FENCE_MARKDOWN;
	help(&site_cmd, argc, argv);
	opt_init(&st, &site_cmd, argc, argv);
	while ((k = opt_next(&st)) != -1) {
		switch (k) {
		case O_OUTPUT:
			o.out = st.arg;
			break;
		case O_CHECK:
			o.check = 1;
			break;
		case O_JOBS:
			if (!opt_long(st.arg, 1, SITE_MAX_JOBS, &o.jobs)) {
				opt_free(&st);
				return cmd_usage(st.cmd, "--jobs takes a number "
				    "from 1 to %d, not '%s'", SITE_MAX_JOBS,
				    st.arg);
			}
			break;
		case O_TEMPLATES:
			o.templates = st.arg;
			break;
		case O_FROM:
			o.from = st.arg;
			break;
		case O_FENCE:
			if (!cmd_fence(st.cmd, st.arg, 0, &fence)) {
				opt_free(&st);
				return EXIT_INPUT;
			}
			o.fence = (int)fence;
			break;
		default:
			opt_free(&st);
			return EXIT_INPUT;
		}
	}
	if (o.from != NULL && strcmp(o.from, "arm") != 0 &&
	    strcmp(o.from, "terraform") != 0) {
		opt_free(&st);
		return cmd_usage(st.cmd, "--from takes arm or terraform, not "
		    "'%s'", o.from);
	}
	if (o.from != NULL && st.npos < 2) {
		opt_free(&st);
		return cmd_usage(st.cmd, "--from needs export files after the "
		    "folder of designs");
	}
	if ((o.from == NULL && st.npos != 1) || st.npos < 1 || o.out == NULL) {
		opt_free(&st);
		return cmd_usage(st.cmd, st.npos < 1 || (o.from == NULL &&
		    st.npos != 1) ? "expected one folder of designs (export "
		    "files after it need --from arm or --from terraform)" :
		    "no output folder given (-o OUT)");
	}
	o.dir = st.pos[0];
	o.exports = st.pos + 1;
	o.nexports = (size_t)st.npos - 1;
	o.progress = isatty(STDERR_FILENO);
	o.diff = stdout;
	diags_init(&d);
	rc = EXIT_OK;
	if (!site_build(&o, &s, &d))
		rc = EXIT_INPUT;
	diags_print(&d, stderr, diag_use_colour(stderr));
	if (rc == EXIT_OK) {
		if (o.check && s.stale == 0)
			fprintf(stderr, "hybridoc site: %s is up to date (%zu "
			    "design%s)\n", o.out, s.designs,
			    s.designs == 1 ? "" : "s");
		else if (!o.check)
			fprintf(stderr, "hybridoc site: %zu design%s in %s "
			    "(%zu rendered, %zu unchanged, %zu removed), %zu "
			    "file%s written\n", s.designs,
			    s.designs == 1 ? "" : "s", o.out, s.rendered,
			    s.reused, s.removed, s.written,
			    s.written == 1 ? "" : "s");
		if (o.from != NULL)
			fprintf(stderr, "hybridoc site: %zu design%s drifted "
			    "from what is deployed\n", s.drifted,
			    s.drifted == 1 ? "" : "s");
		if (o.check && s.stale > 0) {
			fprintf(stderr, "hybridoc site: %zu stale, missing or "
			    "extra file%s in %s; run 'hybridoc site %s -o %s' "
			    "to update\n", s.stale, s.stale == 1 ? "" : "s",
			    o.out, o.dir, o.out);
			rc = EXIT_FINDINGS;
		}
		if (s.input_errors > 0 || diags_errors(&d) > 0) {
			if (s.input_errors > 0)
				fprintf(stderr, "hybridoc site: %zu design%s "
				    "with input errors (shown on %s page%s)\n",
				    s.input_errors,
				    s.input_errors == 1 ? "" : "s",
				    s.input_errors == 1 ? "its" : "their",
				    s.input_errors == 1 ? "" : "s");
			rc = EXIT_INPUT;
		}
	}
	diags_release(&d);
	opt_free(&st);
	return rc;
}

const struct cmd site_cmd = {
	"site", cmd_site, "[options] DIR [--from KIND FILE...] -o OUT",
	"build the wiki of every design in DIR", opts, NULL, 0, 0
};

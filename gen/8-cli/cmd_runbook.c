/*
 * `hybridoc runbook DESIGN -o FILE`: the runbook in Markdown (.md), as
 * one self-contained HTML page (.html), or its procedures as data
 * (.json, docs/runbook-json.md).
 */
#include <stdio.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/cli.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/fsout.h"
#include "hybridoc/mustache.h"
#include "hybridoc/runbook.h"
#include "hybridoc/value.h"
#include "hybridoc/view.h"

enum { O_OUTPUT, O_FORMAT, O_TEMPLATES, O_FENCE };
enum { F_MD, F_HTML, F_JSON };

static const struct opt opts[] = {
	[O_OUTPUT] = { "output", 'o', "FILE",
	    "output file; .md, .html or .json, or -" },
	[O_FORMAT] = { "format", 'f', "FORMAT", NULL },
	[O_TEMPLATES] = { "templates", 't', "DIR",
	    "use templates in DIR over the built-in ones" },
	[O_FENCE] = { "fence", 0, "FENCE", "markdown (default: diagrams in "
	    "```mermaid code fences, as GitHub and GitLab read them) or "
	    "azure-devops (in ::: mermaid blocks, as graph instead of "
	    "flowchart, for an Azure DevOps wiki) (Markdown only)" },
	{ NULL, 0, NULL, NULL }
};
static const struct fmt fmts[] = {
	{ "md", F_MD, "markdown", ".md" },
	{ "html", F_HTML, NULL, ".html .htm" },
	{ "json", F_JSON, NULL, ".json" },
	{ NULL, 0, NULL, NULL }
};

static int
cmd_runbook(int argc, char **argv)
{
	struct optstate	 st;
	struct diags	 d;
	struct analysis	 a;
	struct diagram	*dg;
	struct tmpl_set	*ts;
	struct buf	 out = BUF_INIT;
	struct fsout	*f;
	struct runbook_sink sink;
	const char	*output = NULL, *format = NULL, *tdir = NULL;
	enum diagram_fence fence = DIAGRAM_FENCE_MARKDOWN;
	int		 k, rc = EXIT_OK, html, fmt, fenced = 0;

	opt_init(&st, &runbook_cmd, argc, argv);
	while ((k = opt_next(&st)) != -1) {
		switch (k) {
		case O_OUTPUT:
			output = st.arg;
			break;
		case O_FORMAT:
			format = st.arg;
			break;
		case O_TEMPLATES:
			tdir = st.arg;
			break;
		case O_FENCE:
			if (!cmd_fence(st.cmd, st.arg, 0, &fence)) {
				opt_free(&st);
				return EXIT_INPUT;
			}
			fenced = 1;
			break;
		default:
			opt_free(&st);
			return EXIT_INPUT;
		}
	}
	if (st.npos != 1 || output == NULL) {
		opt_free(&st);
		return cmd_usage(st.cmd, st.npos != 1 ? "expected one design" :
		    "no output given (-o FILE, or -o - for standard output)");
	}
	if ((html = cmd_format(st.cmd, format, output)) < 0) {
		opt_free(&st);
		return EXIT_INPUT;
	}
	fmt = html;
	html = html == F_HTML;
	if (fenced && fmt != F_MD) {
		opt_free(&st);
		return cmd_usage(st.cmd, "--fence is for Markdown output "
		    "(.md), where the diagrams are Mermaid");
	}
	diags_init(&d);
	if (!analysis_run(&a, st.pos[0], 0, &d)) {
		diags_print(&d, stderr, diag_use_colour(stderr));
		diags_release(&d);
		opt_free(&st);
		return EXIT_INPUT;
	}
	/*
	 * Written as it is made (fsout_open): the 200-site runbook is
	 * 20 to 34 MB, and holding it whole was most of its memory.
	 */
	if ((f = fsout_open(output, &d)) == NULL) {
		diags_print(&d, stderr, diag_use_colour(stderr));
		analysis_release(&a);
		diags_release(&d);
		opt_free(&st);
		return EXIT_INPUT;
	}
	if (fmt == F_JSON) {
		/* The procedures as data: no templates, no diagrams. */
		struct value	*v = view_procedures(&a);
		int		 ok;

		ok = value_to_json_flush(&out, v, 2, fsout_take, f);
		buf_putc(&out, '\n');
		value_free(v);
		if (!fsout_close(f, ok && fsout_take(f, &out), &d))
			rc = EXIT_INPUT;
		diags_print(&d, stderr, diag_use_colour(stderr));
		buf_release(&out);
		analysis_release(&a);
		diags_release(&d);
		opt_free(&st);
		return rc;
	}
	ts = runbook_templates(tdir);
	dg = diagram_new(a.dsn, a.sim, DIAGRAM_SUMMARY);
	diagram_set_fence(dg, fence);
	sink.put = fsout_take;
	sink.rewind = fsout_rewind;
	sink.arg = f;
	if (!fsout_close(f, runbook_write(&a, dg, html, ts, &sink, &d), &d))
		rc = EXIT_INPUT;
	diags_print(&d, stderr, diag_use_colour(stderr));
	diagram_free(dg);
	tmpl_set_free(ts);
	buf_release(&out);
	analysis_release(&a);
	diags_release(&d);
	opt_free(&st);
	return rc;
}

const struct cmd runbook_cmd = {
	"runbook", cmd_runbook, "[options] DESIGN -o FILE",
	"write the runbook (Markdown, HTML or JSON)", opts, fmts, F_MD, 0
};

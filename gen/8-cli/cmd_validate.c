/*
 * `hybridoc validate DESIGN...`: every design through the checking
 * stages, findings reported as text (gcc style), JSON or SARIF.  Input
 * errors of one design do not stop the others from being checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/cli.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/findings.h"
#include "hybridoc/fsout.h"
#include "hybridoc/xalloc.h"

enum { O_FORMAT, O_STRICT, O_OUTPUT, O_DEPTH };

int
cmd_validate(int argc, char **argv)
{
	struct optstate	 st;
	struct diags	 d;
	struct analysis	*a;
	struct findings_set *sets;
	struct buf	 out = BUF_INIT;
	const char	*format = "text", *output = "-";
	size_t		 i, nsets = 0, errors = 0, warnings = 0;
	long		 depth = 0;
	int		 strict = 0, k, rc = EXIT_OK, input_bad = 0;
	FILE		*fp;

	opt_init(&st, cmd_find("validate"), argc, argv);
	while ((k = opt_next(&st)) != -1) {
		switch (k) {
		case O_FORMAT:
			format = st.arg;
			break;
		case O_STRICT:
			strict = 1;
			break;
		case O_OUTPUT:
			output = st.arg;
			break;
		case O_DEPTH:
			if (!opt_long(st.arg, 1, 2, &depth)) {
				opt_free(&st);
				return cmd_usage(st.cmd, "--depth takes 1 or 2, "
				    "not '%s'", st.arg);
			}
			break;
		default:
			opt_free(&st);
			return EXIT_INPUT;
		}
	}
	if (strcmp(format, "text") && strcmp(format, "json") &&
	    strcmp(format, "sarif")) {
		opt_free(&st);
		return cmd_usage(st.cmd, "--format takes text, json or sarif, "
		    "not '%s'", format);
	}
	if (st.npos == 0) {
		opt_free(&st);
		return cmd_usage(st.cmd, "no design given");
	}
	diags_init(&d);
	a = xcalloc((size_t)st.npos, sizeof(*a));
	sets = xcalloc((size_t)st.npos, sizeof(*sets));
	for (k = 0; k < st.npos; k++) {
		if (!analysis_run(&a[k], st.pos[k], depth, &d)) {
			input_bad = 1;
			continue;
		}
		sets[nsets].dsn = a[k].dsn;
		sets[nsets].f = &a[k].findings;
		nsets++;
		errors += findings_count(&a[k].findings, DIAG_ERROR);
		warnings += findings_count(&a[k].findings, DIAG_WARNING);
	}
	diags_print(&d, stderr, diag_use_colour(stderr));
	if (strcmp(format, "text") == 0) {
		if (strcmp(output, "-") == 0) {
			fp = stdout;
			findings_text(fp, sets, nsets, diag_use_colour(stdout));
		} else {
			fp = tmpfile();
			if (fp == NULL) {
				perror("hybridoc: tmpfile");
				rc = EXIT_INPUT;
				goto out;
			}
			findings_text(fp, sets, nsets, 0);
			rewind(fp);
			{
				char	 chunk[8192];
				size_t	 n;

				while ((n = fread(chunk, 1, sizeof(chunk),
				    fp)) > 0)
					buf_put(&out, chunk, n);
			}
			fclose(fp);
		}
	} else if (strcmp(format, "json") == 0)
		findings_json(&out, sets, nsets);
	else
		findings_sarif(&out, sets, nsets);
	if ((strcmp(format, "text") != 0 || strcmp(output, "-") != 0) &&
	    !fsout_write(output, out.ptr ? out.ptr : "", out.len, &d)) {
		diags_print(&d, stderr, 0);
		rc = EXIT_INPUT;
		goto out;
	}
	if (strcmp(format, "text") == 0)
		fprintf(stderr, "hybridoc: %zu design%s checked: %zu error%s, "
		    "%zu warning%s%s\n", nsets, nsets == 1 ? "" : "s", errors,
		    errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s",
		    input_bad ? "; some designs have input errors" : "");
	if (input_bad)
		rc = EXIT_INPUT;
	else if (errors || (strict && warnings))
		rc = EXIT_FINDINGS;
out:
	for (k = 0; k < st.npos; k++)
		analysis_release(&a[k]);
	free(a);
	free(sets);
	buf_release(&out);
	diags_release(&d);
	opt_free(&st);
	(void)i;
	return rc;
}

/*
 * `hybridoc validate DESIGN...`: every design through the checking
 * stages, findings reported in one of the formats of findings.h's
 * findings_formats[] (text, gcc style; JSON; SARIF).  Input errors of
 * one design do not stop the others from being checked.
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

enum { O_FORMAT, O_STRICT, O_OUTPUT, O_DEPTH, O_VERBOSE };
enum { F_TEXT };	/* row 0 of findings_cli_fmts[] */

static const struct opt opts[] = {
	[O_FORMAT] = { "format", 'f', "FORMAT", NULL },
	[O_STRICT] = { "strict", 0, NULL, "exit 1 on warnings and unknown values too" },
	[O_OUTPUT] = { "output", 'o', "FILE",
	    "write the report to FILE (default: -)" },
	[O_DEPTH] = { "depth", 0, "N",
	    "failure depth of the simulation (1 or 2)" },
	[O_VERBOSE] = { "verbose", 'v', NULL,
	    "text: a note under each finding with its Microsoft Learn link" },
	{ NULL, 0, NULL, NULL }
};
/* Row i is row i of findings_formats[] (its writer); drift's table too. */
const struct fmt findings_cli_fmts[] = {
	{ "text", F_TEXT, NULL, NULL },
	{ "json", 1, NULL, NULL },
	{ "sarif", 2, NULL, NULL },
	{ NULL, 0, NULL, NULL }
};

static int
cmd_validate(int argc, char **argv)
{
	struct optstate	 st;
	struct diags	 d;
	struct analysis	*a;
	struct findings_set *sets;
	struct buf	 out = BUF_INIT;
	const char	*format = NULL, *output = "-";
	size_t		 nsets = 0, errors = 0, warnings = 0, unknowns = 0;
	long		 depth = 0;
	int		 strict = 0, k, rc = EXIT_OK, input_bad = 0, fmt;
	int		 verbose = 0, pipeline = 0;
	struct sarif_ado ado = SARIF_ADO_INIT;
	size_t		 nbad;
	struct findings_opts fo;

	opt_init(&st, &validate_cmd, argc, argv);
	while ((k = opt_next(&st)) != -1) {
		switch (k) {
		case O_FORMAT:
			format = st.arg;
			break;
		case O_STRICT:
			strict = 1;
			break;
		case O_VERBOSE:
			verbose = 1;
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
	if ((fmt = cmd_format(st.cmd, format, output)) < 0) {
		opt_free(&st);
		return EXIT_INPUT;
	}
	if (st.npos == 0) {
		opt_free(&st);
		return cmd_usage(st.cmd, "no design given");
	}
	if (strcmp(findings_formats[fmt].name, "sarif") == 0 &&
	    (pipeline = cmd_sarif_ado(st.cmd, &ado)) < 0) {
		opt_free(&st);
		return EXIT_INPUT;
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
		/* Values not known yet (HD801): --strict fails on them. */
		unknowns += a[k].dsn->nunknowns;
	}
	diags_print(&d, stderr, diag_use_colour(stderr));
	fo.colour = strcmp(output, "-") == 0 && diag_use_colour(stdout);
	fo.verbose = verbose;
	fo.ado = pipeline > 0 ? &ado : NULL;
	fo.command = "validate";
	findings_formats[fmt].write(&out, sets, nsets, &fo, &d);
	if (!fsout_write(output, out.ptr ? out.ptr : "", out.len, &d)) {
		diags_print(&d, stderr, 0);
		rc = EXIT_INPUT;
		goto out;
	}
	/* Designs read: those checked and those with input errors. */
	nbad = (size_t)st.npos - nsets;
	if (fmt == F_TEXT && nbad == 0) {
		fprintf(stderr, "hybridoc: %zu design%s checked: %zu error%s, "
		    "%zu warning%s", nsets, nsets == 1 ? "" : "s", errors,
		    errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
		if (unknowns > 0)
			fprintf(stderr, ", %zu value%s unknown", unknowns,
			    unknowns == 1 ? "" : "s");
		fputc('\n', stderr);
	} else if (fmt == F_TEXT)
		fprintf(stderr, "hybridoc: %d design%s read: %zu checked "
		    "(%zu error%s, %zu warning%s), %zu could not be checked "
		    "(%zu input error%s)\n", st.npos, st.npos == 1 ? "" : "s",
		    nsets, errors, errors == 1 ? "" : "s", warnings,
		    warnings == 1 ? "" : "s", nbad, diags_errors(&d),
		    diags_errors(&d) == 1 ? "" : "s");
	if (fmt == F_TEXT && strict && warnings > 0 && errors == 0)
		fprintf(stderr, "hybridoc: --strict: %zu warning%s fail%s the "
		    "check (exit status 1); fix %s, or suppress %s with a "
		    "reason\n", warnings, warnings == 1 ? "" : "s",
		    warnings == 1 ? "s" : "", warnings == 1 ? "it" : "them",
		    warnings == 1 ? "it" : "them");
	if (fmt == F_TEXT && strict && unknowns > 0)
		fprintf(stderr, "hybridoc: --strict: %zu value%s unknown "
		    "(HD801); give %s before the change goes ahead\n",
		    unknowns, unknowns == 1 ? " is" : "s are",
		    unknowns == 1 ? "it" : "them");
	if (input_bad)
		rc = EXIT_INPUT;
	else if (errors || (strict && (warnings || unknowns)))
		rc = EXIT_FINDINGS;
out:
	for (k = 0; k < st.npos; k++)
		analysis_release(&a[k]);
	free(a);
	free(sets);
	buf_release(&out);
	diags_release(&d);
	sarif_ado_release(&ado);
	opt_free(&st);
	return rc;
}

const struct cmd validate_cmd = {
	"validate", cmd_validate, "[options] DESIGN...",
	"check designs against Azure's constraints", opts, findings_cli_fmts,
	0, 0
};

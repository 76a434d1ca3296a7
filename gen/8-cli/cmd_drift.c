/*
 * `hybridoc drift --from arm|terraform DESIGN FILE...`: the design
 * against what is deployed.  Each difference is an HD8xx finding at the
 * design's line, reported by validate's writers (findings.h's
 * findings_formats[]: text, JSON, SARIF), and the design's suppress
 * entries apply.  Exit 0 when nothing drifted, 1
 * when anything did (an unsuppressed finding), 2 on input errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/cli.h"
#include "hybridoc/deployed.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/drift.h"
#include "hybridoc/findings.h"
#include "hybridoc/fsout.h"

enum { O_FROM, O_FORMAT, O_OUTPUT };
enum { F_TEXT };	/* row 0 of findings_cli_fmts[], validate's */

static const struct opt opts[] = {
	[O_FROM] = { "from", 0, "KIND", "arm (Azure Resource Manager JSON) "
	    "or terraform (terraform show -json)" },
	[O_FORMAT] = { "format", 'f', "FORMAT", NULL },
	[O_OUTPUT] = { "output", 'o', "FILE",
	    "write the report to FILE (default: -)" },
	{ NULL, 0, NULL, NULL }
};

static int
cmd_drift(int argc, char **argv)
{
	struct optstate	 st;
	struct diags	 d;
	struct deployed	 dp;
	struct design	*dsn = NULL;
	struct findings	 f;
	struct findings_set set;
	struct buf	 out = BUF_INIT;
	const char	*from = NULL, *format = NULL, *output = "-";
	size_t		 i, n = 0, nnotes = 0;
	int		 k, rc = EXIT_INPUT, fmt, pipeline = 0;
	struct sarif_ado ado = SARIF_ADO_INIT;
	struct findings_opts fo;

	opt_init(&st, &drift_cmd, argc, argv);
	while ((k = opt_next(&st)) != -1) {
		switch (k) {
		case O_FROM:
			from = st.arg;
			break;
		case O_FORMAT:
			format = st.arg;
			break;
		case O_OUTPUT:
			output = st.arg;
			break;
		default:
			opt_free(&st);
			return EXIT_INPUT;
		}
	}
	if (from == NULL || (strcmp(from, "arm") != 0 &&
	    strcmp(from, "terraform") != 0)) {
		opt_free(&st);
		return cmd_usage(st.cmd, from ? "--from takes arm or "
		    "terraform, not '%s'" : "--from is required: arm (Azure "
		    "Resource Manager JSON) or terraform (terraform show "
		    "-json)%s", from ? from : "");
	}
	if ((fmt = cmd_format(st.cmd, format, output)) < 0) {
		opt_free(&st);
		return EXIT_INPUT;
	}
	if (st.npos < 2) {
		opt_free(&st);
		return cmd_usage(st.cmd, "give a design and at least one "
		    "export file");
	}
	if (strcmp(findings_formats[fmt].name, "sarif") == 0 &&
	    (pipeline = cmd_sarif_ado(st.cmd, &ado)) < 0) {
		opt_free(&st);
		return EXIT_INPUT;
	}
	diags_init(&d);
	deployed_init(&dp);
	findings_init(&f);
	dsn = design_load(st.pos[0], &d);
	if (!cmd_read_exports(from, st.pos + 1, st.npos - 1, &dp, &d) ||
	    dsn == NULL)
		goto out;
	drift_check(dsn, &dp, &f);
	/* Suppress entries of other rule families match nothing here:
	 * only an unused HD8xx entry is worth a note. */
	{
		struct diags	 sd;

		diags_init(&sd);
		findings_finish(&f, dsn, &sd);
		for (i = 0; i < sd.n; i++)
			if (strstr(sd.v[i].msg, " HD8") != NULL)
				diags_add(&d, sd.v[i].level, sd.v[i].file,
				    sd.v[i].mark, sd.v[i].id, "%s",
				    sd.v[i].msg);
		diags_release(&sd);
	}
	set.dsn = dsn;
	set.f = &f;
	/* Differences; notes (HD803: known only in the export) are not. */
	for (i = 0; i < f.n; i++)
		if (!f.v[i].suppressed && finding_level(&f.v[i]) != DIAG_NOTE)
			n++;
		else if (!f.v[i].suppressed)
			nnotes++;
	/* The writers of validate; no input errors reach here (a design
	 * or export that does not read stops before). */
	fo.colour = strcmp(output, "-") == 0 && diag_use_colour(stdout);
	fo.verbose = 0;
	fo.ado = pipeline > 0 ? &ado : NULL;
	fo.command = "drift";
	findings_formats[fmt].write(&out, &set, 1, &fo, NULL);
	if (!fsout_write(output, out.ptr ? out.ptr : "", out.len, &d))
		goto out;
	if (fmt == F_TEXT)
		fprintf(stderr, "hybridoc: %s: %zu difference%s from what is "
		    "deployed%s\n", dsn->file, n, n == 1 ? "" : "s",
		    nnotes ? "; notes on values the design gives as unknown" :
		    "");
	rc = n > 0 ? EXIT_FINDINGS : EXIT_OK;
out:
	diags_print(&d, stderr, diag_use_colour(stderr));
	findings_release(&f);
	design_free(dsn);
	deployed_release(&dp);
	buf_release(&out);
	diags_release(&d);
	sarif_ado_release(&ado);
	opt_free(&st);
	return rc;
}

const struct cmd drift_cmd = {
	"drift", cmd_drift, "--from KIND [options] DESIGN FILE...",
	"compare a design with what is deployed", opts, findings_cli_fmts,
	0, 0
};

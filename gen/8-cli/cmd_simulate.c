/*
 * `hybridoc simulate DESIGN`: the failover matrix from the simulation
 * stage, as a readable table or as JSON for other tools.
 */
#include <stdio.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/cli.h"
#include "hybridoc/diag.h"
#include "hybridoc/fsout.h"
#include "hybridoc/sim.h"

enum { O_FORMAT, O_DEPTH, O_SCENARIO, O_OUTPUT };
enum { F_TEXT, F_JSON };

static const struct opt opts[] = {
	[O_FORMAT] = { "format", 'f', "FORMAT", NULL },
	[O_DEPTH] = { "depth", 0, "N",
	    "1: every single failure; 2: also every pair" },
	[O_SCENARIO] = { "scenario", 's', "ID", "only this scenario" },
	[O_OUTPUT] = { "output", 'o', "FILE", "write to FILE (default: -)" },
	{ NULL, 0, NULL, NULL }
};
static const struct fmt fmts[] = {
	{ "text", F_TEXT, NULL, NULL },
	{ "json", F_JSON, NULL, NULL },
	{ NULL, 0, NULL, NULL }
};

static int
cmd_simulate(int argc, char **argv)
{
	struct optstate	 st;
	struct diags	 d;
	struct analysis	 a;
	struct buf	 out = BUF_INIT;
	const char	*format = NULL, *scenario = NULL, *output = "-";
	long		 depth = 0;
	int		 k, rc = EXIT_OK, fmt;

	opt_init(&st, &simulate_cmd, argc, argv);
	while ((k = opt_next(&st)) != -1) {
		switch (k) {
		case O_FORMAT:
			format = st.arg;
			break;
		case O_DEPTH:
			if (!opt_long(st.arg, 1, 2, &depth)) {
				opt_free(&st);
				return cmd_usage(st.cmd, "--depth takes 1 or 2, "
				    "not '%s'", st.arg);
			}
			break;
		case O_SCENARIO:
			scenario = st.arg;
			break;
		case O_OUTPUT:
			output = st.arg;
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
	if (st.npos != 1) {
		opt_free(&st);
		return cmd_usage(st.cmd, "expected one design, got %d",
		    st.npos);
	}
	diags_init(&d);
	if (!analysis_run(&a, st.pos[0], depth, &d)) {
		diags_print(&d, stderr, diag_use_colour(stderr));
		diags_release(&d);
		opt_free(&st);
		return EXIT_INPUT;
	}
	if (scenario && sim_scenario(a.sim, scenario) == NULL) {
		struct buf	 hint = BUF_INIT;

		sim_unknown_hint(a.sim, scenario, &hint);
		fprintf(stderr, "hybridoc simulate: no scenario '%s' in %s%s "
		    "(`hybridoc simulate` lists the ids; docs/scenarios.md "
		    "explains them)\n", scenario, st.pos[0],
		    buf_cstr(&hint));
		buf_release(&hint);
		rc = EXIT_INPUT;
		goto out;
	}
	if (scenario)	/* a pair as the simulation spells it */
		scenario = sim_scenario(a.sim, scenario)->id;
	if (fmt == F_JSON) {
		sim_json(&out, a.sim, scenario);
	} else
		sim_text(&out, a.sim, scenario, strcmp(output, "-") == 0 &&
		    diag_use_colour(stdout));
	if (!fsout_write(output, out.ptr ? out.ptr : "", out.len, &d)) {
		diags_print(&d, stderr, 0);
		rc = EXIT_INPUT;
	}
out:
	buf_release(&out);
	analysis_release(&a);
	diags_release(&d);
	opt_free(&st);
	return rc;
}

const struct cmd simulate_cmd = {
	"simulate", cmd_simulate, "[options] DESIGN",
	"compute routing under every failure scenario", opts, fmts, 0, 0
};

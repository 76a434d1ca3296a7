/*
 * `hybridoc diagram DESIGN -o FILE`: one view of the topology (the
 * baseline or a failover scenario) as DOT, SVG, PNG or Mermaid, chosen
 * by --format or the output's extension.
 */
#include <stdio.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/cli.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/fsout.h"
#include "hybridoc/sim.h"

enum { O_OUTPUT, O_FORMAT, O_SCENARIO, O_DETAIL };

int
cmd_diagram(int argc, char **argv)
{
	struct optstate	 st;
	struct diags	 d;
	struct analysis	 a;
	struct diagram	*dg;
	struct buf	 out = BUF_INIT;
	const char	*output = NULL, *format = NULL, *scenario = NULL;
	enum diagram_detail detail = DIAGRAM_SUMMARY;
	enum diagram_format fmt = DIAGRAM_SVG;
	int		 k, rc = EXIT_OK;

	opt_init(&st, cmd_find("diagram"), argc, argv);
	while ((k = opt_next(&st)) != -1) {
		switch (k) {
		case O_OUTPUT:
			output = st.arg;
			break;
		case O_FORMAT:
			format = st.arg;
			break;
		case O_SCENARIO:
			scenario = st.arg;
			break;
		case O_DETAIL:
			if (!diagram_detail_parse(st.arg, &detail)) {
				opt_free(&st);
				return cmd_usage(st.cmd, "--detail takes summary "
				    "or full, not '%s'", st.arg);
			}
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
	if (format ? !diagram_format_parse(format, &fmt) :
	    strcmp(output, "-") != 0 && !diagram_format_from_path(output,
	    &fmt)) {
		opt_free(&st);
		return cmd_usage(st.cmd, format ? "--format takes dot, svg, png "
		    "or mermaid, not '%s'" : "cannot tell the format of '%s': "
		    "use .dot, .svg, .png or .mmd, or --format", format ?
		    format : output);
	}
	diags_init(&d);
	if (!analysis_run_view(&a, st.pos[0], scenario, &d)) {
		diags_print(&d, stderr, diag_use_colour(stderr));
		diags_release(&d);
		opt_free(&st);
		return EXIT_INPUT;
	}
	if (scenario && sim_scenario(a.sim, scenario) == NULL) {
		fprintf(stderr, "hybridoc diagram: no scenario '%s' in %s "
		    "(`hybridoc simulate` lists them)\n", scenario, st.pos[0]);
		rc = EXIT_INPUT;
		goto out;
	}
	dg = diagram_new(a.dsn, a.sim, detail);
	if (!diagram_render(dg, scenario, fmt, &out, &d) ||
	    !fsout_write(output, out.ptr ? out.ptr : "", out.len, &d))
		rc = EXIT_INPUT;
	diagram_free(dg);
	diags_print(&d, stderr, diag_use_colour(stderr));
out:
	buf_release(&out);
	analysis_release(&a);
	diags_release(&d);
	opt_free(&st);
	return rc;
}

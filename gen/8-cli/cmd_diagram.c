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

enum { O_OUTPUT, O_FORMAT, O_SCENARIO, O_DETAIL, O_FENCE };

static const struct opt opts[] = {
	[O_OUTPUT] = { "output", 'o', "FILE",
	    "output file; .dot .svg .png .mmd, or -" },
	[O_FORMAT] = { "format", 'f', "FORMAT", NULL },
	[O_SCENARIO] = { "scenario", 's', "ID",
	    "draw a failure scenario's view" },
	[O_DETAIL] = { "detail", 0, "LEVEL", "summary (default: more than 8 "
	    "VPN-only branches become one box per kind) or full (every site; "
	    "the same picture with 8 or fewer)" },
	[O_FENCE] = { "fence", 0, "FENCE", "none (default: the bare Mermaid "
	    "text), markdown (in a ```mermaid code fence, as GitHub and GitLab "
	    "read it) or azure-devops (in an Azure DevOps wiki's ::: mermaid "
	    "block, as graph instead of flowchart) (Mermaid only)" },
	{ NULL, 0, NULL, NULL }
};
/* Names and extensions in any case: -f DOT, out/x.PNG. */
static const struct fmt fmts[] = {
	{ "dot", DIAGRAM_DOT, "gv", ".dot .gv" },
	{ "svg", DIAGRAM_SVG, NULL, ".svg" },
	{ "png", DIAGRAM_PNG, NULL, ".png" },
	{ "mermaid", DIAGRAM_MERMAID, "mmd", ".mmd .mermaid" },
	{ NULL, 0, NULL, NULL }
};

static int
cmd_diagram(int argc, char **argv)
{
	struct optstate	 st;
	struct diags	 d;
	struct analysis	 a;
	struct diagram	*dg;
	struct buf	 out = BUF_INIT;
	const char	*output = NULL, *format = NULL, *scenario = NULL;
	enum diagram_detail detail = DIAGRAM_SUMMARY;
	enum diagram_fence fence = DIAGRAM_FENCE_NONE;
	int		 k, rc = EXIT_OK, fmt;

	opt_init(&st, &diagram_cmd, argc, argv);
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
		case O_FENCE:
			if (!cmd_fence(st.cmd, st.arg, 1, &fence)) {
				opt_free(&st);
				return EXIT_INPUT;
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
	if ((fmt = cmd_format(st.cmd, format, output)) < 0) {
		opt_free(&st);
		return EXIT_INPUT;
	}
	if (fence != DIAGRAM_FENCE_NONE && fmt != DIAGRAM_MERMAID) {
		opt_free(&st);
		return cmd_usage(st.cmd, "--fence is for Mermaid output "
		    "(--format mermaid or a .mmd file), not %s",
		    diagram_format_name(fmt));
	}
	diags_init(&d);
	if (!analysis_run_view(&a, st.pos[0], scenario, &d)) {
		diags_print(&d, stderr, diag_use_colour(stderr));
		diags_release(&d);
		opt_free(&st);
		return EXIT_INPUT;
	}
	if (scenario && sim_scenario(a.sim, scenario) == NULL) {
		struct buf	 hint = BUF_INIT;

		sim_unknown_hint(a.sim, scenario, &hint);
		fprintf(stderr, "hybridoc diagram: no scenario '%s' in %s%s "
		    "(`hybridoc simulate` lists them)\n", scenario, st.pos[0],
		    buf_cstr(&hint));
		buf_release(&hint);
		rc = EXIT_INPUT;
		goto out;
	}
	if (scenario)	/* a pair as the simulation spells it */
		scenario = sim_scenario(a.sim, scenario)->id;
	dg = diagram_new(a.dsn, a.sim, detail);
	if (fence != DIAGRAM_FENCE_NONE)
		diagram_set_fence(dg, fence);
	diagram_single_view(dg);
	buf_puts(&out, diagram_fence_open(fence));
	if (!diagram_render(dg, scenario, fmt, &out, &d))
		rc = EXIT_INPUT;
	else {
		buf_puts(&out, diagram_fence_close(fence));
		if (!fsout_write(output, out.ptr ? out.ptr : "", out.len, &d))
			rc = EXIT_INPUT;
	}
	diagram_exit_free(dg);	/* main returns next */
	diags_print(&d, stderr, diag_use_colour(stderr));
out:
	buf_release(&out);
	analysis_release(&a);
	diags_release(&d);
	opt_free(&st);
	return rc;
}

const struct cmd diagram_cmd = {
	"diagram", cmd_diagram, "[options] DESIGN -o FILE",
	"draw the topology (DOT, SVG, PNG, Mermaid)", opts, fmts,
	DIAGRAM_SVG, 1
};

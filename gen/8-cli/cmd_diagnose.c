/*
 * `hybridoc diagnose DESIGN`: with --commands, the read-only script
 * that captures what the gateways learned; with --learned (and
 * --bgp-peers), which failure scenarios those captures fit, best first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/cli.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagnose.h"
#include "hybridoc/fsout.h"
#include "hybridoc/xalloc.h"

enum { O_LEARNED, O_BGP, O_COMMANDS, O_SHELL, O_FORMAT, O_DEPTH, O_OUTPUT };
enum { F_TEXT, F_JSON, F_MD };

static const struct opt opts[] = {
	[O_LEARNED] = { "learned", 'l', "GATEWAY=FILE", "the gateway's "
	    "learned routes (az network vnet-gateway list-learned-routes "
	    "-o json)" },
	[O_BGP] = { "bgp-peers", 0, "GATEWAY=FILE", "the VPN gateway's BGP "
	    "sessions (az network vnet-gateway list-bgp-peer-status -o json)" },
	[O_COMMANDS] = { "commands", 0, NULL, "print the read-only capture "
	    "script instead" },
	[O_SHELL] = { "shell", 0, "SHELL", "the script's language: az "
	    "(default) or powershell" },
	[O_FORMAT] = { "format", 'f', "FORMAT", NULL },
	[O_DEPTH] = { "depth", 0, "N", "failure depth of the scenarios (1 or "
	    "2)" },
	[O_OUTPUT] = { "output", 'o', "FILE", "write to FILE (default: -)" },
	{ NULL, 0, NULL, NULL }
};
static const struct fmt fmts[] = {
	{ "text", F_TEXT, NULL, NULL },
	{ "json", F_JSON, NULL, NULL },
	{ "md", F_MD, "markdown", NULL },
	{ NULL, 0, NULL, NULL }
};
static const char *const fmt_names[] = { "text", "json", "md" };

static int
add_input(struct optstate *st, struct dx_input **in, size_t *n,
    enum dx_capture kind)
{
	const char	*eq = strchr(st->arg, '=');

	if (eq == NULL || eq == st->arg || eq[1] == '\0') {
		cmd_usage(st->cmd, "%s takes GATEWAY=FILE (the gateway's name "
		    "in the design), not '%s'", kind == DX_LEARNED ?
		    "--learned" : "--bgp-peers", st->arg);
		return 0;
	}
	*in = xreallocarray(*in, *n + 1, sizeof(**in));
	(*in)[*n].kind = kind;
	(*in)[*n].gateway = xstrndup(st->arg, (size_t)(eq - st->arg));
	(*in)[*n].file = eq + 1;
	(*n)++;
	return 1;
}

static int
cmd_diagnose(int argc, char **argv)
{
	struct optstate	 st;
	struct diags	 d;
	struct analysis	 a;
	struct buf	 out = BUF_INIT;
	struct dx_input	*in = NULL;
	size_t		 nin = 0, i;
	const char	*format = NULL, *output = "-", *shell = "az";
	long		 depth = 0;
	int		 k, rc = EXIT_INPUT, want_cmds = 0, ok = 1, have_learned = 0;
	int		 fmt = F_TEXT;

	opt_init(&st, &diagnose_cmd, argc, argv);
	while (ok && (k = opt_next(&st)) != -1) {
		switch (k) {
		case O_LEARNED:
			ok = add_input(&st, &in, &nin, DX_LEARNED);
			have_learned = 1;
			break;
		case O_BGP:
			ok = add_input(&st, &in, &nin, DX_BGP_PEERS);
			break;
		case O_COMMANDS:
			want_cmds = 1;
			break;
		case O_SHELL:
			shell = st.arg;
			break;
		case O_FORMAT:
			format = st.arg;
			break;
		case O_DEPTH:
			if (!opt_long(st.arg, 1, 2, &depth)) {
				cmd_usage(st.cmd, "--depth takes 1 or 2, not "
				    "'%s'", st.arg);
				ok = 0;
			}
			break;
		case O_OUTPUT:
			output = st.arg;
			break;
		default:
			ok = 0;
			break;
		}
	}
	if (!ok)
		goto done;
	if ((fmt = cmd_format(st.cmd, format, output)) < 0)
		goto done;
	if (strcmp(shell, "az") && strcmp(shell, "powershell")) {
		cmd_usage(st.cmd, "--shell takes az or powershell, not '%s'",
		    shell);
		goto done;
	}
	if (st.npos != 1) {
		cmd_usage(st.cmd, "expected one design, got %d", st.npos);
		goto done;
	}
	if (want_cmds == (nin > 0)) {
		cmd_usage(st.cmd, want_cmds ? "--commands prints the capture "
		    "script; give --learned and --bgp-peers in a second run" :
		    "give --commands, or the captures with --learned "
		    "GATEWAY=FILE");
		goto done;
	}
	if (!want_cmds && !have_learned) {
		cmd_usage(st.cmd, "--bgp-peers needs the learned routes too "
		    "(--learned GATEWAY=FILE)");
		goto done;
	}
	diags_init(&d);
	if (!analysis_run(&a, st.pos[0], depth, &d)) {
		diags_print(&d, stderr, diag_use_colour(stderr));
		diags_release(&d);
		goto done;
	}
	if (want_cmds) {
		dx_commands(&a, st.pos[0], shell, &out);
		rc = EXIT_OK;
	} else
		rc = dx_diagnose(&a, in, nin, fmt_names[fmt], &out, &d);
	if (rc == EXIT_INPUT)
		diags_print(&d, stderr, diag_use_colour(stderr));
	else if (!fsout_write(output, out.ptr ? out.ptr : "", out.len, &d)) {
		diags_print(&d, stderr, 0);
		rc = EXIT_INPUT;
	}
	buf_release(&out);
	analysis_release(&a);
	diags_release(&d);
done:
	for (i = 0; i < nin; i++)
		free((char *)in[i].gateway);
	free(in);
	opt_free(&st);
	return rc;
}

const struct cmd diagnose_cmd = {
	"diagnose", cmd_diagnose, "[options] DESIGN --learned GATEWAY=FILE...",
	"match what the gateways learned to a failure scenario", opts, fmts,
	0, 0
};

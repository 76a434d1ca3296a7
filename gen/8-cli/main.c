/*
 * The front door: the subcommand table (one cmd_*.c per command, as in
 * git), the option parser every command shares, and help.  main() only
 * dispatches; each command parses, reads every input, computes, then
 * writes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/cli.h"
#include "hybridoc/version.h"
#include "hybridoc/xalloc.h"

static const struct opt validate_opts[] = {
	{ "format", 'f', "FORMAT", "text (default), json or sarif" },
	{ "strict", 0, NULL, "exit 1 on warnings too" },
	{ "output", 'o', "FILE", "write the report to FILE (default: -)" },
	{ "depth", 0, "N", "failure depth of the simulation (1 or 2)" },
	{ NULL, 0, NULL, NULL }
};
static const struct opt simulate_opts[] = {
	{ "format", 'f', "FORMAT", "text (default) or json" },
	{ "depth", 0, "N", "1: every single failure; 2: also every pair" },
	{ "scenario", 's', "ID", "only this scenario" },
	{ "output", 'o', "FILE", "write to FILE (default: -)" },
	{ NULL, 0, NULL, NULL }
};
static const struct opt diagram_opts[] = {
	{ "output", 'o', "FILE", "output file; .dot .svg .png .mmd, or -" },
	{ "format", 'f', "FORMAT", "dot, svg, png or mermaid (default: by "
	    "extension)" },
	{ "scenario", 's', "ID", "draw a failure scenario's view" },
	{ "detail", 0, "LEVEL", "summary (default) or full" },
	{ NULL, 0, NULL, NULL }
};
static const struct opt runbook_opts[] = {
	{ "output", 'o', "FILE", "output file; .md, .html or .json, or -" },
	{ "format", 'f', "FORMAT", "md, html or json (default: by "
	    "extension)" },
	{ "templates", 't', "DIR", "use templates in DIR over the built-in "
	    "ones" },
	{ NULL, 0, NULL, NULL }
};
static const struct opt site_opts[] = {
	{ "output", 'o', "DIR", "output folder" },
	{ "check", 0, NULL, "write nothing; print a diff of stale files, "
	    "exit 1 if any" },
	{ "jobs", 'j', "N", "render N designs in parallel" },
	{ "templates", 't', "DIR", "use templates in DIR over the built-in "
	    "ones" },
	{ NULL, 0, NULL, NULL }
};
static const struct opt packet_opts[] = {
	{ "output", 'o', "DIR", "output folder" },
	{ "git", 0, "REV", "take BASE from git revision REV of DESIGN" },
	{ NULL, 0, NULL, NULL }
};
static const struct opt schema_opts[] = {
	{ "format", 'f', "FORMAT", "json (default) or markdown" },
	{ "output", 'o', "FILE", "write to FILE (default: -)" },
	{ NULL, 0, NULL, NULL }
};

const struct cmd commands[] = {
	{ "validate", cmd_validate, "[options] DESIGN...",
	    "check designs against Azure's constraints", validate_opts },
	{ "simulate", cmd_simulate, "[options] DESIGN",
	    "compute routing under every failure scenario", simulate_opts },
	{ "diagram", cmd_diagram, "[options] DESIGN -o FILE",
	    "draw the topology (DOT, SVG, PNG, Mermaid)", diagram_opts },
	{ "runbook", cmd_runbook, "[options] DESIGN -o FILE",
	    "write the runbook (Markdown, HTML or JSON)", runbook_opts },
	{ "site", cmd_site, "[options] DIR -o OUT",
	    "build the wiki of every design in DIR", site_opts },
	{ "packet", cmd_packet, "[options] BASE HEAD -o DIR",
	    "write a change-approval packet", packet_opts },
	{ "schema", cmd_schema, "[options]",
	    "print the JSON Schema of the design format", schema_opts },
	{ NULL, NULL, NULL, NULL, NULL }
};

const struct cmd *
cmd_find(const char *name)
{
	const struct cmd *c;

	for (c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void
cmd_help(const struct cmd *cmd, FILE *fp)
{
	const struct opt *o;
	char		 left[64];

	fprintf(fp, "usage: hybridoc %s %s\n\n%s.\n\noptions:\n", cmd->name,
	    cmd->synopsis, cmd->summary);
	for (o = cmd->opts; o->name; o++) {
		if (o->shortname)
			snprintf(left, sizeof(left), "-%c, --%s%s%s",
			    o->shortname, o->name, o->arg ? " " : "",
			    o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(fp, "  %-24s %s\n", left, o->help);
	}
	fprintf(fp, "  %-24s %s\n", "-h, --help", "show this help");
}

int
cmd_usage(const struct cmd *cmd, const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "hybridoc %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: hybridoc %s %s\n(see 'hybridoc help %s')\n",
	    cmd->name, cmd->synopsis, cmd->name);
	return EXIT_INPUT;
}

int
opt_long(const char *s, long lo, long hi, long *out)
{
	char	*end;
	long	 v;

	if (s == NULL || *s == '\0')
		return 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}

void
opt_init(struct optstate *st, const struct cmd *cmd, int argc, char **argv)
{
	memset(st, 0, sizeof(*st));
	st->cmd = cmd;
	st->argc = argc;
	st->argv = argv;
	st->i = 1;
	st->pos = xcalloc((size_t)argc + 1, sizeof(*st->pos));
}

void
opt_free(struct optstate *st)
{
	free(st->pos);
	st->pos = NULL;
}

int
opt_next(struct optstate *st)
{
	const struct opt *o;
	const char	*a, *eq;
	size_t		 n;
	int		 k;

	while (st->i < st->argc) {
		a = st->argv[st->i++];
		if (st->done || a[0] != '-' || a[1] == '\0') {
			st->pos[st->npos++] = st->argv[st->i - 1];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			st->done = 1;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			cmd_help(st->cmd, stdout);
			exit(EXIT_OK);
		}
		for (k = 0, o = st->cmd->opts; o->name; o++, k++) {
			if (a[1] == '-') {
				eq = strchr(a + 2, '=');
				n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
				if (strlen(o->name) != n ||
				    strncmp(o->name, a + 2, n) != 0)
					continue;
				if (o->arg == NULL && eq) {
					cmd_usage(st->cmd, "option --%s takes "
					    "no argument", o->name);
					return -2;
				}
				st->arg = eq ? eq + 1 : NULL;
			} else {
				if (o->shortname != a[1])
					continue;
				st->arg = a[2] ? a + 2 : NULL;
				if (o->arg == NULL && a[2]) {
					cmd_usage(st->cmd, "option -%c takes "
					    "no argument", a[1]);
					return -2;
				}
			}
			if (o->arg && st->arg == NULL) {
				if (st->i >= st->argc) {
					cmd_usage(st->cmd, "option %s needs "
					    "an argument (%s)", a, o->arg);
					return -2;
				}
				st->arg = st->argv[st->i++];
			}
			return k;
		}
		cmd_usage(st->cmd, "unknown option '%s'", a);
		return -2;
	}
	return -1;
}

static void
usage(FILE *fp)
{
	const struct cmd *c;

	fprintf(fp, "usage: hybridoc COMMAND [options] [args]\n\n"
	    "Checked documentation for Azure hybrid networks "
	    "(ExpressRoute + site-to-site VPN).\n\ncommands:\n");
	for (c = commands; c->name; c++)
		fprintf(fp, "  %-10s %s\n", c->name, c->summary);
	fprintf(fp, "  %-10s %s\n\n", "help", "help on a command");
	fprintf(fp, "exit status: 0 success, 1 error findings (or stale "
	    "output), 2 usage, I/O or input errors\n"
	    "'hybridoc help COMMAND' shows a command's options.\n");
}

int
main(int argc, char **argv)
{
	const struct cmd *c;

	if (argc < 2) {
		usage(stderr);
		return EXIT_INPUT;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		printf("hybridoc %s\n", HYBRIDOC_VERSION);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc < 3) {
			usage(stdout);
			return EXIT_OK;
		}
		if ((c = cmd_find(argv[2])) == NULL) {
			fprintf(stderr, "hybridoc: no command '%s'\n", argv[2]);
			return EXIT_INPUT;
		}
		cmd_help(c, stdout);
		return EXIT_OK;
	}
	if ((c = cmd_find(argv[1])) == NULL) {
		fprintf(stderr, "hybridoc: '%s' is not a command; see "
		    "'hybridoc --help'\n", argv[1]);
		return EXIT_INPUT;
	}
	return c->fn(argc - 1, argv + 1);
}

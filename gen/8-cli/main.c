/*
 * The front door: the table of subcommands (one cmd_*.c per command,
 * as in git, each with its own option and format tables) and main(),
 * which only dispatches; each command parses, reads every input,
 * computes, then writes.  The option parser is in cli.c.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/cli.h"
#include "hybridoc/fsout.h"
#include "hybridoc/proc.h"
#include "hybridoc/version.h"
#include "hybridoc/xalloc.h"

/* The commands, in the order help lists them. */
static const struct cmd *const commands[] = {
	&validate_cmd, &simulate_cmd, &diagram_cmd, &runbook_cmd, &site_cmd,
	&packet_cmd, &diagnose_cmd, &schema_cmd, &import_cmd, &drift_cmd,
	NULL
};

static const struct cmd *
cmd_find(const char *name)
{
	const struct cmd *const *c;

	for (c = commands; *c; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

static void
usage(FILE *fp)
{
	const struct cmd *const *c;

	fprintf(fp, "usage: hybridoc COMMAND [options] [args]\n\n"
	    "Checked documentation for Azure hybrid networks "
	    "(ExpressRoute + site-to-site VPN).\n\ncommands:\n");
	for (c = commands; *c; c++)
		fprintf(fp, "  %-10s %s\n", (*c)->name, (*c)->summary);
	fprintf(fp, "  %-10s %s\n\n", "help", "help on a command");
	fprintf(fp, "options:\n  %-12s %s\n  %-12s %s\n\n", "--version",
	    "print the version", "-h, --help", "show this help");
	fprintf(fp, "exit status: 0 success; 1 error findings, stale output "
	    "(site --check), drift, or diagnose: the network away from its "
	    "baseline; 2 usage, I/O or input errors\n"
	    "'hybridoc help COMMAND' shows a command's options.\n");
}

/*
 * SIGINT, SIGTERM, SIGHUP: end the children (the site's workers, a git
 * or diff), remove the temporary files being written, and then die of
 * the signal as if it had not been caught, so that the caller sees the
 * same status.  Output files are renamed into place only when whole,
 * so what is left is the old file or the new one, never a part.
 */
static void
on_end(int sig)
{
	proc_kill_children(SIGTERM);
	fsout_abandon();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The handler for each ending signal not ignored (nohup keeps it). */
static void
catch_ending_signals(void)
{
	static const int	 sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction	 sa, old;
	size_t			 i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_end;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
}

int
main(int argc, char **argv)
{
	const struct cmd *c;

	catch_ending_signals();
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

/*
 * The command line: the subcommand table (git's layout: one cmd_*.c
 * per subcommand) and a small option parser driven by per-command
 * option tables, which also print each command's help.
 */
#ifndef HYBRIDOC_CLI_H
#define HYBRIDOC_CLI_H

#include <stdio.h>

#define EXIT_OK		0
#define EXIT_FINDINGS	1	/* errors found, or stale output */
#define EXIT_INPUT	2	/* usage, I/O or input errors */

struct opt {
	const char	*name;		/* long name, without "--" */
	int		 shortname;	/* 'o', or 0 */
	const char	*arg;		/* argument name, or NULL for a flag */
	const char	*help;
};

struct cmd {
	const char	*name;
	int		(*fn)(int argc, char **argv);
	const char	*synopsis;	/* after "hybridoc NAME " */
	const char	*summary;
	const struct opt *opts;		/* ends with a NULL name */
};

extern const struct cmd commands[];

struct optstate {
	int		 argc;
	char		**argv;
	int		 i;
	const struct cmd *cmd;
	const char	*arg;		/* the current option's argument */
	char		**pos;		/* positional arguments */
	int		 npos;
	int		 done;
};

void	opt_init(struct optstate *st, const struct cmd *cmd, int argc,
	    char **argv);
/*
 * The index of the next option in cmd->opts, -1 when the options are
 * done (positionals are collected in st->pos), or -2 on a usage error,
 * already printed.  --help is handled: prints help, exits 0.
 */
int	opt_next(struct optstate *st);
void	opt_free(struct optstate *st);
/* Prints the command's help to fp. */
void	cmd_help(const struct cmd *cmd, FILE *fp);
/* "hybridoc NAME: message" and a hint, to stderr; returns EXIT_INPUT. */
int	cmd_usage(const struct cmd *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
const struct cmd *cmd_find(const char *name);
/* Parses a whole number in [lo, hi]; returns non-zero on success. */
int	opt_long(const char *s, long lo, long hi, long *out);

int	cmd_validate(int argc, char **argv);
int	cmd_simulate(int argc, char **argv);
int	cmd_diagram(int argc, char **argv);
int	cmd_runbook(int argc, char **argv);
int	cmd_site(int argc, char **argv);
int	cmd_packet(int argc, char **argv);
int	cmd_schema(int argc, char **argv);
int	cmd_import(int argc, char **argv);
int	cmd_drift(int argc, char **argv);

struct deployed;
struct diags;
/*
 * Reads the export files of kind from ("arm" or "terraform") into dp
 * and finishes it (deployed_finish).  Returns non-zero when every file
 * was read without error.
 */
int	cmd_read_exports(const char *from, char **files, int n,
	    struct deployed *dp, struct diags *d);

#endif

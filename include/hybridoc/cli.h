/*
 * The command line (cli.c): a small option parser driven by each
 * command's own tables, which also print the command's help.  Each
 * cmd_*.c (git's layout: one file per subcommand) defines its struct
 * cmd: the option table, indexed by the command's own enum so that
 * opt_next() returns the enum value, and the table of its output
 * formats, which drives --format parsing, its error and its help line.
 * main.c holds the table of commands and main().
 */
#ifndef HYBRIDOC_CLI_H
#define HYBRIDOC_CLI_H

#include <stdio.h>

#include "hybridoc/diagram.h"

#define EXIT_OK		0
#define EXIT_FINDINGS	1	/* errors found, or stale output */
#define EXIT_INPUT	2	/* usage, I/O or input errors */

struct opt {
	const char	*name;		/* long name, without "--" */
	int		 shortname;	/* 'o', or 0 */
	const char	*arg;		/* argument name, or NULL for a flag */
	const char	*help;
};

/*
 * One output format of a command.  The first listed is the default
 * unless a format has extensions: then the output file's extension
 * picks the format, and standard output ("-") gets the command's
 * stdout_fmt.  An option whose help is NULL and whose argument is
 * "FORMAT" gets its help from this table: "text (default), json or
 * sarif", or "md or html (default: by extension)".
 */
struct fmt {
	const char	*name;		/* listed in help and errors */
	int		 id;		/* the command's own value */
	const char	*alias;		/* also taken by --format, or NULL */
	const char	*exts;		/* ".html .htm": picks it, or NULL */
};

struct cmd {
	const char	*name;
	int		(*fn)(int argc, char **argv);
	const char	*synopsis;	/* after "hybridoc NAME " */
	const char	*summary;
	const struct opt *opts;		/* ends with a NULL name */
	const struct fmt *fmts;		/* ends with a NULL name, or NULL */
	int		 stdout_fmt;	/* id for "-" when chosen by extension */
	int		 fmt_nocase;	/* names and extensions in any case */
};

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
/*
 * The id of the output format that format (--format, or NULL) names, or
 * that output's extension picks.  On a bad value prints the usage error
 * ("--format takes text, json or sarif, not 'x'", or "cannot tell the
 * format of 'x': use .md or .html, or --format") and returns -1.
 */
int	cmd_format(const struct cmd *cmd, const char *format,
	    const char *output);
/*
 * --fence's argument into *fence: markdown or azure-devops, and none
 * too where allow_none.  On a bad value prints the usage error and
 * returns 0.
 */
int	cmd_fence(const struct cmd *cmd, const char *arg, int allow_none,
	    enum diagram_fence *fence);
/* Parses a whole number in [lo, hi]; returns non-zero on success. */
int	opt_long(const char *s, long lo, long hi, long *out);

/* The commands, each defined next to its code in cmd_NAME.c. */
extern const struct cmd validate_cmd, simulate_cmd, diagram_cmd,
	runbook_cmd, site_cmd, packet_cmd, diagnose_cmd, schema_cmd,
	import_cmd, drift_cmd;
/*
 * The --format table of the commands that report findings (validate,
 * drift; cmd_validate.c): row i is row i of findings.h's
 * findings_formats[], whose writer the command calls.
 */
extern const struct fmt findings_cli_fmts[];

struct sarif_ado;
/*
 * For --format sarif: the Azure Pipelines run the command runs in,
 * read from the environment (sarif_ado_detect with getenv) into ado.
 * Returns 1 inside a pipeline (ado filled), 0 outside one, and -1
 * after printing an error naming the missing or malformed variables
 * when TF_BUILD is True but the identity is incomplete (the command
 * then exits 2 and writes nothing).
 */
int	cmd_sarif_ado(const struct cmd *cmd, struct sarif_ado *ado);

struct deployed;
struct diags;
/*
 * Reads the export files of kind from ("arm" or "terraform") into dp
 * and finishes it (deployed_finish); shared by import and drift.
 * Returns non-zero when every file was read without error.
 */
int	cmd_read_exports(const char *from, char **files, int n,
	    struct deployed *dp, struct diags *d);

#endif

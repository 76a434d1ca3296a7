/*
 * The option parser every command shares, each command's help, usage
 * errors, and the choice of an output format from a command's format
 * table (cli.h).  The commands and their tables are in cmd_*.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hybridoc/buf.h"
#include "hybridoc/cli.h"
#include "hybridoc/diagram.h"
#include "hybridoc/findings.h"
#include "hybridoc/xalloc.h"

/* ---- output formats ---- */

/* Does the command choose its format by the output's extension? */
static int
fmt_by_ext(const struct cmd *cmd)
{
	const struct fmt *f;

	for (f = cmd->fmts; f->name; f++)
		if (f->exts != NULL)
			return 1;
	return 0;
}

/* Prints "a, b or c" from the format names, or each one's first extension. */
static void
fmt_list(const struct cmd *cmd, struct buf *b, int exts, int mark_default)
{
	const struct fmt *f;
	size_t		 n = 0, i = 0;

	for (f = cmd->fmts; f->name; f++)
		n++;
	for (f = cmd->fmts; f->name; f++, i++) {
		if (i > 0)
			buf_puts(b, i + 1 == n ? " or " : ", ");
		if (exts)
			buf_put(b, f->exts, strcspn(f->exts, " "));
		else
			buf_puts(b, f->name);
		if (mark_default && i == 0)
			buf_puts(b, " (default)");
	}
}

/* The help line of --format: the formats and which is the default. */
static void
fmt_help(const struct cmd *cmd, FILE *fp)
{
	struct buf	 b = BUF_INIT;
	int		 by_ext = fmt_by_ext(cmd);

	fmt_list(cmd, &b, 0, !by_ext);
	fprintf(fp, "%s%s\n", buf_cstr(&b),
	    by_ext ? " (default: by extension)" : "");
	buf_release(&b);
}

static int
fmt_same(const struct cmd *cmd, const char *a, const char *b, size_t n)
{
	if (strlen(a) != n)
		return 0;
	return cmd->fmt_nocase ? strncasecmp(a, b, n) == 0 :
	    strncmp(a, b, n) == 0;
}

/* Is ext (".PNG") one of the space-separated extensions in exts? */
static int
fmt_has_ext(const struct cmd *cmd, const char *exts, const char *ext)
{
	size_t	 n;

	while (exts != NULL && *exts) {
		n = strcspn(exts, " ");
		if (fmt_same(cmd, ext, exts, n))
			return 1;
		exts += n + (exts[n] == ' ');
	}
	return 0;
}

int
cmd_format(const struct cmd *cmd, const char *format, const char *output)
{
	const struct fmt *f;
	const char	*dot, *slash;
	struct buf	 list = BUF_INIT;

	if (format == NULL && !fmt_by_ext(cmd))
		return cmd->fmts[0].id;
	if (format == NULL && strcmp(output, "-") == 0)
		return cmd->stdout_fmt;
	if (format != NULL) {
		for (f = cmd->fmts; f->name; f++)
			if (fmt_same(cmd, format, f->name, strlen(format)) ||
			    (f->alias && fmt_same(cmd, format, f->alias,
			    strlen(format))))
				return f->id;
	} else {
		dot = strrchr(output, '.');
		slash = strrchr(output, '/');
		if (dot != NULL && (slash == NULL || dot > slash))
			for (f = cmd->fmts; f->name; f++)
				if (fmt_has_ext(cmd, f->exts, dot))
					return f->id;
	}
	fmt_list(cmd, &list, format == NULL, 0);
	if (format != NULL)
		cmd_usage(cmd, "--format takes %s, not '%s'", buf_cstr(&list),
		    format);
	else
		cmd_usage(cmd, "cannot tell the format of '%s': use %s, or "
		    "--format", output, buf_cstr(&list));
	buf_release(&list);
	return -1;
}

/* ---- help, usage errors and options ---- */

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
		/* A name too long for its column: the help goes under it,
		 * in the column, rather than running into it. */
		if (strlen(left) > 24)
			fprintf(fp, "  %s\n  %-24s ", left, "");
		else
			fprintf(fp, "  %-24s ", left);
		if (o->help == NULL && cmd->fmts != NULL)
			fmt_help(cmd, fp);
		else
			fprintf(fp, "%s\n", o->help);
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
cmd_fence(const struct cmd *cmd, const char *arg, int allow_none,
    enum diagram_fence *fence)
{
	enum diagram_fence f;

	if (!diagram_fence_parse(arg, &f) ||
	    (!allow_none && f == DIAGRAM_FENCE_NONE)) {
		cmd_usage(cmd, "--fence takes %smarkdown or azure-devops, not "
		    "'%s'", allow_none ? "none, " : "", arg);
		return 0;
	}
	*fence = f;
	return 1;
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


/* getenv with the const-qualified name sarif_ado_detect wants. */
static char *
env_get(const char *name)
{
	return getenv(name);
}

int
cmd_sarif_ado(const struct cmd *cmd, struct sarif_ado *ado)
{
	struct buf	 err = BUF_INIT;
	int		 rc;

	rc = sarif_ado_detect(ado, env_get, &err);
	if (rc < 0)
		fprintf(stderr, "hybridoc: %s: error: TF_BUILD is True but the "
		    "Azure Pipelines variables that name this run for Azure "
		    "DevOps Advanced Security are incomplete: %s; run inside "
		    "a pipeline job, or unset TF_BUILD to write the SARIF "
		    "without them\n", cmd->name, buf_cstr(&err));
	buf_release(&err);
	return rc;
}

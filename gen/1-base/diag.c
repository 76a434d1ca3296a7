/*
 * The one diagnostics module.  Loader, schema, rules and every command
 * report through here, so every message has the same
 * "file:line:col: severity: message [ID]" shape that editors and CI
 * annotate, and the exit status follows the worst level seen.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/xalloc.h"

void
diags_init(struct diags *d)
{
	memset(d, 0, sizeof(*d));
	d->worst = -1;
}

void
diags_release(struct diags *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
		free(d->v[i].id);
	}
	free(d->v);
	diags_init(d);
}

static void
diags_vadd(struct diags *d, enum diag_level level, const char *file,
    struct mark mark, const char *id, const char *fmt, va_list ap)
{
	struct buf	 b = BUF_INIT;
	struct diag	*g;
	size_t		 limit = d->limit ? d->limit : 100;

	if ((int)level > d->worst)
		d->worst = (int)level;
	if (d->n >= limit) {
		d->dropped++;
		return;
	}
	buf_vprintf(&b, fmt, ap);
	xgrow(&d->v, &d->cap, d->n + 1, sizeof(*d->v));
	g = &d->v[d->n++];
	g->level = level;
	g->file = file ? xstrdup(file) : NULL;
	g->mark = mark;
	g->msg = buf_detach(&b, NULL);
	g->id = id ? xstrdup(id) : NULL;
}

void
diags_add(struct diags *d, enum diag_level level, const char *file,
    struct mark mark, const char *id, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diags_vadd(d, level, file, mark, id, fmt, ap);
	va_end(ap);
}

void
diags_error(struct diags *d, const char *file, struct mark mark,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diags_vadd(d, DIAG_ERROR, file, mark, NULL, fmt, ap);
	va_end(ap);
}

static int
diag_before(const struct diag *a, const struct diag *b)
{
	int	 c = strcmp(a->file ? a->file : "", b->file ? b->file : "");

	if (c != 0)
		return c < 0;
	if (a->mark.line != b->mark.line)
		return a->mark.line < b->mark.line;
	return a->mark.col < b->mark.col;
}

void
diags_sort(struct diags *d, size_t first)
{
	struct diag	 t;
	size_t		 i, j;

	/* Insertion sort: stable, and d holds at most d->limit entries. */
	for (i = first + 1; i < d->n; i++) {
		t = d->v[i];
		for (j = i; j > first && diag_before(&t, &d->v[j - 1]); j--)
			d->v[j] = d->v[j - 1];
		d->v[j] = t;
	}
}

int
diags_full(const struct diags *d)
{
	return d->n >= (d->limit ? d->limit : 100);
}

size_t
diags_errors(const struct diags *d)
{
	size_t	 i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->v[i].level == DIAG_ERROR)
			n++;
	return n;
}

const char *
diag_level_str(enum diag_level level)
{
	switch (level) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	default:
		return "note";
	}
}

int
diag_use_colour(FILE *fp)
{
	const char	*nc = getenv("NO_COLOR");
	const char	*term = getenv("TERM");

	if (nc != NULL && nc[0] != '\0')
		return 0;
	if (term != NULL && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(fp));
}

void
diag_put_line(FILE *fp, const char *s)
{
	unsigned char	 c;

	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\r')
			fputs("\\r", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\x%02x", c);
		else
			fputc(c, fp);
	}
}

void
diags_print(const struct diags *d, FILE *fp, int colour)
{
	static const char *const col[] = { "\033[1;36m", "\033[1;35m",
	    "\033[1;31m" };
	const struct diag *g;
	size_t		 i;

	for (i = 0; i < d->n; i++) {
		g = &d->v[i];
		if (colour)
			fputs("\033[1m", fp);
		if (g->file) {
			diag_put_line(fp, g->file);
			fputc(':', fp);
		}
		if (g->mark.line)
			fprintf(fp, "%u:%u:", g->mark.line, g->mark.col);
		if (g->file || g->mark.line)
			fputc(' ', fp);
		if (colour)
			fprintf(fp, "\033[0m%s%s:\033[0m ", col[g->level],
			    diag_level_str(g->level));
		else
			fprintf(fp, "%s: ", diag_level_str(g->level));
		diag_put_line(fp, g->msg);
		if (g->id)
			fprintf(fp, " [%s]", g->id);
		fputc('\n', fp);
	}
	if (d->dropped)
		fprintf(fp, "hybridoc: %zu more messages not shown\n",
		    d->dropped);
}

/*
 * Quoting for printed commands (shell.h): the one place that decides
 * how a design's value becomes a word of a POSIX shell or PowerShell
 * command line.
 */
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/shell.h"
#include "hybridoc/value.h"

static int	shell_quote(struct buf *, enum shell, const char *, int);

/*
 * Characters that need no quoting anywhere in a word.  PowerShell
 * reads ',' as the array operator, '@' as splatting and '=' '+' '%'
 * differently at the start, so its set is the smaller one.
 */
static int
plain_char(enum shell sh, char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	if (sh == SHELL_SH)
		return strchr("_./:=@%+,-", c) != NULL;
	return strchr("_./:-", c) != NULL;
}

int
shell_word(struct buf *b, enum shell sh, const char *s)
{
	return shell_quote(b, sh, s, 0);
}

int
shell_string(struct buf *b, enum shell sh, const char *s)
{
	return shell_quote(b, sh, s, 1);
}

static int
shell_quote(struct buf *b, enum shell sh, const char *s, int always)
{
	const char	*p;
	int		 plain = !always && *s != '\0' && *s != '-';

	/* Unknown: as it is, for shell_guard_unknown() to find. */
	if (strncmp(s, SHELL_UNKNOWN, strlen(SHELL_UNKNOWN)) == 0 &&
	    s[strlen(s) - 1] == '>' && strchr(s, '\n') == NULL) {
		buf_puts(b, s);
		return 1;
	}

	for (p = s; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			buf_puts(b, "'<value with control characters: see "
			    "the design>'");
			return 0;
		}
		if (!plain_char(sh, *p))
			plain = 0;
	}
	if (plain) {
		buf_puts(b, s);
		return 1;
	}
	buf_putc(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'')
			buf_puts(b, sh == SHELL_SH ? "'\\''" : "''");
		else
			buf_putc(b, *p);
	}
	buf_putc(b, '\'');
	return 1;
}

void
shell_opt(struct buf *b, enum shell sh, const char *opt, const char *value)
{
	buf_printf(b, " %s ", opt);
	shell_word(b, sh, value);
}

void
shell_opt_long(struct buf *b, const char *opt, long n)
{
	buf_printf(b, " %s %ld", opt, n);
}

void
shell_az(struct buf *b, const char *verb, const char *rg, const char *sub)
{
	buf_printf(b, "az %s", verb);
	shell_opt(b, SHELL_SH, "-g", rg);
	if (sub != NULL)
		shell_opt(b, SHELL_SH, "--subscription", sub);
}

void
shell_ps_context(struct buf *b, const char *sub)
{
	if (sub == NULL)
		return;
	buf_puts(b, "Set-AzContext -Subscription ");
	shell_word(b, SHELL_PS, sub);
	/* Process scope: the default context of other sessions (context
	 * autosave) is left as it was. */
	buf_puts(b, " -Scope Process | Out-Null; ");
}

/* Non-zero when [p, e) holds SHELL_UNKNOWN. */
static int
has_unknown(const char *p, const char *e)
{
	size_t	 k = strlen(SHELL_UNKNOWN);

	for (; (size_t)(e - p) >= k; p++)
		if (memcmp(p, SHELL_UNKNOWN, k) == 0)
			return 1;
	return 0;
}

/* Non-zero when line [p, e) ends with a continuation: \ or `. */
static int
continued(const char *p, const char *e)
{
	return e > p && (e[-1] == '\\' || e[-1] == '`');
}

size_t
shell_guard_unknown(struct buf *b)
{
	struct buf	 out = BUF_INIT;
	const char	*p, *end, *q, *e, *ge;
	size_t		 n = 0;
	int		 bad;

	if (b->len == 0 || strstr(buf_cstr(b), SHELL_UNKNOWN) == NULL)
		return 0;
	p = buf_cstr(b);
	end = p + b->len;
	while (p < end) {
		/* One command: its lines up to one without a continuation. */
		q = p;
		bad = 0;
		for (;;) {
			e = memchr(q, '\n', (size_t)(end - q));
			if (e == NULL)
				e = end;
			if (has_unknown(q, e))
				bad = 1;
			if (!continued(q, e) || e == end) {
				ge = e;
				break;
			}
			q = e + 1;
		}
		if (!bad)
			buf_put(&out, p, (size_t)(ge - p));
		else {
			n++;
			for (q = p; q < ge; q = e + 1) {
				e = memchr(q, '\n', (size_t)(ge - q));
				if (e == NULL)
					e = ge;
				buf_puts(&out, "# ");
				buf_put(&out, q, (size_t)(e - q));
				if (e == ge)
					break;
				buf_putc(&out, '\n');
			}
		}
		if (ge < end)
			buf_putc(&out, '\n');
		p = ge + 1;
	}
	buf_truncate(b, 0);
	buf_put(b, out.ptr, out.len);
	buf_release(&out);
	return n;
}

/* Non-zero when s starts a placeholder "<word>" (lower case, digits, -). */
static size_t
hole_len(const char *s)
{
	size_t	 n = 1;

	if (s[0] != '<' || !(s[1] >= 'a' && s[1] <= 'z'))
		return 0;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') ||
	    s[n] == '-')
		n++;
	return s[n] == '>' ? n + 1 : 0;
}

size_t
shell_quote_holes(struct buf *b)
{
	struct buf	 out = BUF_INIT;
	const char	*p, *end;
	size_t		 n = 0, k;
	char		 q = 0;
	int		 bol = 1, comment = 0;

	if (b->len == 0 || strchr(buf_cstr(b), '<') == NULL)
		return 0;
	end = buf_cstr(b) + b->len;
	for (p = buf_cstr(b); p < end; p++) {
		if (*p == '\n') {
			bol = 1;
			comment = 0;
			q = 0;
			buf_putc(&out, *p);
			continue;
		}
		if (bol && (*p == ' ' || *p == '\t')) {
			buf_putc(&out, *p);
			continue;
		}
		if (bol && *p == '#')
			comment = 1;
		bol = 0;
		if (!comment) {
			if (q == 0 && (*p == '\'' || *p == '"'))
				q = *p;
			else if (q != 0 && *p == q)
				q = 0;
			else if (q == 0 && (k = hole_len(p)) != 0) {
				buf_putc(&out, '\'');
				buf_put(&out, p, k);
				buf_putc(&out, '\'');
				p += k - 1;
				n++;
				continue;
			}
		}
		buf_putc(&out, *p);
	}
	if (n) {
		buf_truncate(b, 0);
		buf_put(b, out.ptr, out.len);
	}
	buf_release(&out);
	return n;
}

void
shell_quote_holes_tree(struct value *v)
{
	size_t	 i;

	if (v == NULL)
		return;
	if (v->kind == VALUE_LIST) {
		value_list_fill(v);
		for (i = 0; i < v->n; i++)
			shell_quote_holes_tree(v->items[i]);
		return;
	}
	if (v->kind != VALUE_MAP)
		return;
	for (i = 0; i < v->n; i++) {
		struct value *e = v->items[i];
		struct buf	 t = BUF_INIT;

		if (e->kind == VALUE_STR && (strcmp(v->keys[i], "az") == 0 ||
		    strcmp(v->keys[i], "ps") == 0)) {
			buf_put(&t, e->str, e->len);
			if (shell_quote_holes(&t)) {
				v->items[i] = value_new_str(buf_cstr(&t));
				value_free(e);
			}
			buf_release(&t);
		} else
			shell_quote_holes_tree(e);
	}
}

/*
 * The render stage's template engine.  The view module hands over a
 * value tree; the commands pick a template (built in, or from
 * --templates DIR) and render it here into Markdown, which the markdown
 * module then turns into HTML.  A template is compiled once into a flat
 * list of operations with jump offsets, and rendering walks that list
 * with explicit stacks (contexts, open sections, active partials), so
 * neither nesting in a template nor recursion through partials can run
 * the C stack out: sections nest at most TMPL_MAX_NEST deep per
 * template and partials TMPL_MAX_PARTIAL_DEPTH deep, each with an error
 * beyond.
 *
 * Grammar (core Mustache; O and C are the current delimiters, "{{" and
 * "}}" at the start of every template, partials included):
 *
 *	template = *( text / tag )
 *	text     = any bytes up to the next O
 *	tag      = O name C                     ; escaped variable
 *	         / O "{" name "}" C             ; raw variable
 *	         / O "&" name C                 ; raw variable
 *	         / O "#" name C                 ; section
 *	         / O "^" name C                 ; inverted section
 *	         / O "/" name C                 ; end of the innermost
 *	                                        ;   section; same name
 *	         / O ">" pname C                ; partial
 *	         / O "!" any C                  ; comment, may span lines
 *	         / O "=" *ws delim 1*ws delim *ws "=" C  ; set O and C
 *	name     = *ws ( "." / key *( "." key ) ) *ws
 *	key      = 1*( byte but ws and "." )
 *	pname    = *ws 1*( byte but ws ) *ws
 *	delim    = 1*16( byte but ws and "=" )
 *	ws       = SP / HTAB / CR / LF
 *
 * A section runs its body once for a truthy scalar or map (pushed as
 * the context), once per item of a non-empty list, and not at all for
 * false, null, an empty list or a missing name; an inverted section
 * runs its body exactly when a section would not.  A name resolves
 * its first key against the context stack from the top down, taking
 * the first map that has the key; further keys resolve within the
 * value found (a key of digits indexes a list: "items.0", an extension
 * of the specification), and "." is the top of the stack.
 *
 * Standalone lines: a tag other than a variable that is alone on its
 * line (only SP/HTAB before it on the line, only SP/HTAB and then LF,
 * CRLF or the end of the text after it) takes the whole line with it,
 * newline included.  A standalone partial indents every line of the
 * partial by the whitespace that stood before its tag; lines of
 * interpolated data are not indented.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/mustache.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

#define NOPOS	SIZE_MAX

enum op_kind {
	OP_TEXT,	/* off/len: bytes of src */
	OP_VAR,		/* name: escaped interpolation */
	OP_RAW,		/* name: raw interpolation */
	OP_SECTION,	/* name; jump: its OP_END */
	OP_INVERTED,	/* name; jump: its OP_END */
	OP_END,		/* jump: its OP_SECTION or OP_INVERTED */
	OP_PARTIAL	/* name; off/len: indentation in src when alone */
};

struct op {
	unsigned char	 kind;
	/*
	 * The op starts a line of the template: inside an indented
	 * partial the indentation is written before it runs.
	 */
	unsigned char	 bol;
	unsigned char	 alone;		/* OP_PARTIAL: standalone tag */
	unsigned	 nparts;	/* keys in name; 0 for "." */
	size_t		 name;		/* offset in names: keys, NUL after each */
	size_t		 off;
	size_t		 len;
	size_t		 jump;
	struct mark	 mark;		/* of the tag */
};

struct tmpl {
	char		*name;
	char		*src;
	size_t		 srclen;
	char		*names;
	struct op	*ops;
	size_t		 nops;
	size_t		 cap;
};

enum entry_state {
	ENTRY_OK,
	ENTRY_MISSING,
	ENTRY_BROKEN
};

struct tmpl_entry {
	char		*name;
	struct tmpl	*t;
	enum entry_state state;
};

struct tmpl_set {
	tmpl_lookup_fn	*lookup;
	void		*arg;
	struct tmpl_entry *v;
	size_t		 n;
	size_t		 cap;
};

/* A section open in the compiler. */
struct open_sec {
	size_t		 op;
	size_t		 name;		/* its trimmed name in src */
	size_t		 nlen;
};

struct compiler {
	struct tmpl	*t;
	const char	*s;
	size_t		 len;
	char		 otag[TMPL_MAX_DELIM + 1];
	size_t		 olen;
	/* ctag[0] is room for the '}' or '=' that some closes need. */
	char		 ctag[TMPL_MAX_DELIM + 2];
	size_t		 clen;
	struct open_sec	 open[TMPL_MAX_NEST];
	size_t		 nopen;
	int		 at_bol;
	struct buf	 names;
	/* Line counting for marks: line of m_off, offset of its start. */
	size_t		 m_off;
	size_t		 m_bol;
	unsigned	 m_line;
	struct diags	*d;
	int		 ok;
};

static int
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* First occurrence of pat in s[from..len), or NOPOS. */
static size_t
find(const char *s, size_t len, size_t from, const char *pat, size_t plen)
{
	const char	*p;

	while (from < len && len - from >= plen) {
		p = memchr(s + from, pat[0], len - from - plen + 1);
		if (p == NULL)
			break;
		from = (size_t)(p - s);
		if (memcmp(p, pat, plen) == 0)
			return from;
		from++;
	}
	return NOPOS;
}

/* The 1-based line and column of offset off; offsets mostly grow. */
static struct mark
mark_at(struct compiler *c, size_t off)
{
	struct mark	 m;
	const char	*nl;

	if (off < c->m_off) {
		c->m_off = c->m_bol = 0;
		c->m_line = 1;
	}
	while ((nl = memchr(c->s + c->m_off, '\n', off - c->m_off)) != NULL) {
		c->m_line++;
		c->m_off = c->m_bol = (size_t)(nl - c->s) + 1;
	}
	c->m_off = off;
	m.line = c->m_line;
	m.col = (unsigned)(off - c->m_bol + 1);
	return m;
}

static struct op *
push_op(struct compiler *c, enum op_kind kind, struct mark m, int alone)
{
	struct tmpl	*t = c->t;
	struct op	*op;

	xgrow(&t->ops, &t->cap, t->nops + 1, sizeof(*t->ops));
	op = &t->ops[t->nops++];
	memset(op, 0, sizeof(*op));
	op->kind = (unsigned char)kind;
	op->mark = m;
	/*
	 * A standalone tag's line is gone, so it starts nothing; the line
	 * after it starts where it stood.
	 */
	if (!alone) {
		op->bol = (unsigned char)c->at_bol;
		c->at_bol = 0;
	}
	return op;
}

static void
emit_text(struct compiler *c, size_t from, size_t to)
{
	struct op	*op;
	int		 bol = c->at_bol;

	if (to <= from)
		return;
	op = push_op(c, OP_TEXT, mark_at(c, from), 0);
	op->bol = (unsigned char)bol;
	op->off = from;
	op->len = to - from;
	c->at_bol = c->s[to - 1] == '\n';
}

/* Trims ws from both ends of s[*off..*off+*len). */
static void
trim(const char *s, size_t *off, size_t *len)
{
	while (*len > 0 && is_ws((unsigned char)s[*off])) {
		(*off)++;
		(*len)--;
	}
	while (*len > 0 && is_ws((unsigned char)s[*off + *len - 1]))
		(*len)--;
}

/*
 * Stores the name in s[off..off+len) as keys in names for op.  Returns
 * non-zero on success, 0 after an error for an empty name, white space
 * inside it or an empty key.
 */
static int
add_name(struct compiler *c, struct op *op, size_t off, size_t len,
    int dotted)
{
	const char	*p;
	size_t		 i, start;

	trim(c->s, &off, &len);
	p = c->s + off;
	if (len == 0) {
		diags_error(c->d, c->t->name, op->mark, "empty tag name");
		return 0;
	}
	for (i = 0; i < len; i++)
		if (is_ws((unsigned char)p[i])) {
			diags_error(c->d, c->t->name, op->mark,
			    "tag name \"%.*s\" contains white space",
			    (int)len, p);
			return 0;
		}
	op->name = c->names.len;
	if (!dotted) {
		buf_put(&c->names, p, len);
		buf_putc(&c->names, '\0');
		op->nparts = 1;
		return 1;
	}
	if (len == 1 && p[0] == '.') {
		op->nparts = 0;
		return 1;
	}
	for (start = 0, i = 0; i <= len; i++) {
		if (i < len && p[i] != '.')
			continue;
		if (i == start) {
			diags_error(c->d, c->t->name, op->mark,
			    "tag name \"%.*s\" has an empty part", (int)len, p);
			return 0;
		}
		buf_put(&c->names, p + start, i - start);
		buf_putc(&c->names, '\0');
		op->nparts++;
		start = i + 1;
	}
	return 1;
}

/*
 * The body of "{{=open close=}}": sets the delimiters.  Returns 0 after
 * an error when it is not two delimiters without '=' of at most
 * TMPL_MAX_DELIM bytes.
 */
static int
set_delims(struct compiler *c, size_t off, size_t len, struct mark m)
{
	const char	*p;
	size_t		 i, o0, o1, c0, c1;

	trim(c->s, &off, &len);
	p = c->s + off;
	for (i = 0; i < len && !is_ws((unsigned char)p[i]); i++)
		continue;
	o0 = 0;
	o1 = i;
	while (i < len && is_ws((unsigned char)p[i]))
		i++;
	c0 = i;
	while (i < len && !is_ws((unsigned char)p[i]))
		i++;
	c1 = i;
	if (o1 == o0 || c1 == c0 || c1 != len ||
	    memchr(p, '=', len) != NULL) {
		diags_error(c->d, c->t->name, m, "bad set-delimiter tag "
		    "\"%.*s\": want two delimiters without '=' separated by "
		    "white space", (int)len, p);
		return 0;
	}
	if (o1 - o0 > TMPL_MAX_DELIM || c1 - c0 > TMPL_MAX_DELIM) {
		diags_error(c->d, c->t->name, m, "bad set-delimiter tag "
		    "\"%.*s\": a delimiter is longer than %d bytes",
		    (int)len, p, TMPL_MAX_DELIM);
		return 0;
	}
	memcpy(c->otag, p + o0, o1 - o0);
	c->olen = o1 - o0;
	memcpy(c->ctag + 1, p + c0, c1 - c0);
	c->clen = c1 - c0;
	return 1;
}

static void
open_section(struct compiler *c, enum op_kind kind, size_t off, size_t len,
    struct mark m, int alone)
{
	struct op	*op;
	struct open_sec	*o;

	op = push_op(c, kind, m, alone);
	/* A bad name is still tracked, so that its close tag matches. */
	if (!add_name(c, op, off, len, 1))
		c->ok = 0;
	trim(c->s, &off, &len);
	o = &c->open[c->nopen++];
	o->op = c->t->nops - 1;
	o->name = off;
	o->nlen = len;
}

static void
close_section(struct compiler *c, size_t off, size_t len, struct mark m,
    int alone)
{
	struct open_sec	*o;
	struct op	*op, *open;

	trim(c->s, &off, &len);
	if (c->nopen == 0) {
		diags_error(c->d, c->t->name, m,
		    "close tag \"%.*s\" without an open section",
		    (int)len, c->s + off);
		c->ok = 0;
		return;
	}
	o = &c->open[c->nopen - 1];
	if (o->nlen != len || memcmp(c->s + o->name, c->s + off, len) != 0) {
		open = &c->t->ops[o->op];
		diags_error(c->d, c->t->name, m,
		    "close tag \"%.*s\" does not match section \"%.*s\" "
		    "opened at line %u, column %u", (int)len, c->s + off,
		    (int)o->nlen, c->s + o->name, open->mark.line,
		    open->mark.col);
		c->ok = 0;
		return;
	}
	op = push_op(c, OP_END, m, alone);
	op->jump = o->op;
	c->t->ops[o->op].jump = c->t->nops - 1;
	c->nopen--;
}

/*
 * Compiles c->s into c->t.  Sets c->ok to 0 after reporting an error;
 * stops at the first error that leaves the rest unreadable (an unclosed
 * tag, sections nested too deep).
 */
static void
compile(struct compiler *c)
{
	const char	*s = c->s;
	size_t		 len = c->len;
	size_t		 pos = 0, text = 0, tag, q, close, end, ls, le, next;
	size_t		 clen;
	const char	*cpat;
	struct mark	 m;
	struct op	*op;
	int		 kind, alone;

	while ((tag = find(s, len, pos, c->otag, c->olen)) != NOPOS) {
		q = tag + c->olen;
		kind = q < len ? (unsigned char)s[q] : 0;
		switch (kind) {
		case '#': case '^': case '/': case '>': case '!': case '=':
		case '{': case '&':
			q++;
			break;
		default:
			kind = 0;
			break;
		}
		/* "{" and "=" tags close with "}" C and "=" C. */
		if (kind == '{' || kind == '=') {
			c->ctag[0] = (char)(kind == '{' ? '}' : '=');
			cpat = c->ctag;
			clen = c->clen + 1;
		} else {
			cpat = c->ctag + 1;
			clen = c->clen;
		}
		m = mark_at(c, tag);
		if ((close = find(s, len, q, cpat, clen)) == NOPOS) {
			diags_error(c->d, c->t->name, m, "unclosed tag: "
			    "\"%.*s\" has no \"%.*s\"", (int)(q - tag),
			    s + tag, (int)clen, cpat);
			c->ok = 0;
			return;
		}
		end = close + clen;

		alone = 0;
		ls = tag;
		le = end;
		if (kind != 0 && kind != '{' && kind != '&') {
			while (ls > text && (s[ls - 1] == ' ' ||
			    s[ls - 1] == '\t'))
				ls--;
			while (le < len && (s[le] == ' ' || s[le] == '\t'))
				le++;
			if (ls == 0 || s[ls - 1] == '\n') {
				if (le == len)
					alone = 1;
				else if (s[le] == '\n')
					alone = 1, le++;
				else if (s[le] == '\r' && le + 1 < len &&
				    s[le + 1] == '\n')
					alone = 1, le += 2;
			}
		}
		if (alone) {
			emit_text(c, text, ls);
			next = le;
		} else {
			emit_text(c, text, tag);
			next = end;
		}

		switch (kind) {
		case 0:
		case '&':
		case '{':
			op = push_op(c, kind == 0 ? OP_VAR : OP_RAW, m, 0);
			if (!add_name(c, op, q, close - q, 1))
				c->ok = 0;
			break;
		case '#':
		case '^':
			if (c->nopen == TMPL_MAX_NEST) {
				diags_error(c->d, c->t->name, m,
				    "sections nested deeper than %d",
				    TMPL_MAX_NEST);
				c->ok = 0;
				return;
			}
			open_section(c, kind == '#' ? OP_SECTION :
			    OP_INVERTED, q, close - q, m, alone);
			break;
		case '/':
			close_section(c, q, close - q, m, alone);
			break;
		case '>':
			op = push_op(c, OP_PARTIAL, m, alone);
			if (!add_name(c, op, q, close - q, 0))
				c->ok = 0;
			op->alone = (unsigned char)alone;
			if (alone) {
				op->off = ls;
				op->len = tag - ls;
			}
			break;
		case '=':
			if (!set_delims(c, q, close - q, m))
				c->ok = 0;
			break;
		default:	/* '!' */
			break;
		}
		pos = text = next;
	}
	emit_text(c, text, len);
	while (c->nopen > 0) {
		struct open_sec *o = &c->open[--c->nopen];

		diags_error(c->d, c->t->name, c->t->ops[o->op].mark,
		    "unclosed section \"%.*s\"", (int)o->nlen, s + o->name);
		c->ok = 0;
	}
}

struct tmpl *
tmpl_compile(const char *name, const char *text, size_t len,
    struct diags *d)
{
	struct compiler	 c;
	struct tmpl	*t;

	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	t->src = xmalloc(len + 1);
	if (len)
		memcpy(t->src, text, len);
	t->src[len] = '\0';
	t->srclen = len;

	memset(&c, 0, sizeof(c));
	c.t = t;
	c.s = t->src;
	c.len = len;
	memcpy(c.otag, "{{", 2);
	c.olen = 2;
	memcpy(c.ctag + 1, "}}", 2);
	c.clen = 2;
	c.at_bol = 1;
	c.m_line = 1;
	buf_init(&c.names);
	c.d = d;
	c.ok = 1;

	compile(&c);
	t->names = buf_detach(&c.names, NULL);
	if (!c.ok) {
		tmpl_free(t);
		return NULL;
	}
	return t;
}

void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->src);
	free(t->names);
	free(t->ops);
	free(t);
}

const char *
tmpl_name(const struct tmpl *t)
{
	return t->name;
}

size_t
tmpl_nops(const struct tmpl *t)
{
	return t->nops;
}

struct tmpl_set *
tmpl_set_new(tmpl_lookup_fn *lookup, void *arg)
{
	struct tmpl_set	*ts;

	ts = xcalloc(1, sizeof(*ts));
	ts->lookup = lookup;
	ts->arg = arg;
	return ts;
}

void
tmpl_set_free(struct tmpl_set *ts)
{
	size_t	 i;

	if (ts == NULL)
		return;
	for (i = 0; i < ts->n; i++) {
		free(ts->v[i].name);
		tmpl_free(ts->v[i].t);
	}
	free(ts->v);
	free(ts);
}

/*
 * The set's entry for name, looked up and compiled when new (then
 * *fresh is set).  The pointer is valid until the next call.
 */
static struct tmpl_entry *
set_entry(struct tmpl_set *ts, const char *name, struct diags *d,
    int *fresh)
{
	struct tmpl_entry *e;
	struct buf	 text = BUF_INIT, file = BUF_INIT;
	size_t		 i;

	*fresh = 0;
	for (i = 0; i < ts->n; i++)
		if (strcmp(ts->v[i].name, name) == 0)
			return &ts->v[i];
	*fresh = 1;
	xgrow(&ts->v, &ts->cap, ts->n + 1, sizeof(*ts->v));
	e = &ts->v[ts->n++];
	e->name = xstrdup(name);
	e->t = NULL;
	e->state = ENTRY_MISSING;
	if (ts->lookup != NULL && ts->lookup(ts->arg, name, &text, &file, d)) {
		e->t = tmpl_compile(file.len ? buf_cstr(&file) : name,
		    buf_cstr(&text), text.len, d);
		e->state = e->t != NULL ? ENTRY_OK : ENTRY_BROKEN;
	}
	buf_release(&text);
	buf_release(&file);
	return e;
}

const struct tmpl *
tmpl_set_get(struct tmpl_set *ts, const char *name, struct diags *d)
{
	struct tmpl_entry *e;
	struct mark	 nomark = { 0, 0 };
	int		 fresh;

	e = set_entry(ts, name, d, &fresh);
	if (e->state == ENTRY_MISSING)
		diags_error(d, NULL, nomark, "no template called \"%s\"",
		    name);
	return e->t;
}

/*
 * Escaping tables: HTML marks the five characters it replaces; Markdown
 * marks 1 for always escaped, 2 for CR and LF, 3 for ':' and '.' which
 * are escaped only where an autolink could start.
 */
static const unsigned char html_special[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1
};

static const unsigned char md_special[256] = {
	['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1,
	['<'] = 1, ['>'] = 1, ['|'] = 1, ['~'] = 1, ['&'] = 1, ['!'] = 1,
	['#'] = 1, ['\r'] = 2, ['\n'] = 2, [':'] = 3, ['.'] = 3
};

static void
esc_html(struct buf *out, const char *s, size_t len)
{
	size_t		 i, run = 0;
	const char	*rep;

	for (i = 0; i < len; i++) {
		if (!html_special[(unsigned char)s[i]])
			continue;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		default:
			rep = "&#39;";
			break;
		}
		buf_put(out, s + run, i - run);
		buf_puts(out, rep);
		run = i + 1;
	}
	buf_put(out, s + run, len - run);
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * The offset of a block marker at the start of s that would make a list
 * item, setext underline or thematic break at the start of a line: a
 * leading - + =, or the '.' or ')' of "1." or "12)" followed by white
 * space or the end.  NOPOS when there is none.
 */
static size_t
md_lead_marker(const char *s, size_t len)
{
	size_t	 i = 0, j;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == len)
		return NOPOS;
	if (s[i] == '-' || s[i] == '+' || s[i] == '=')
		return i;
	for (j = i; j < len && j - i < 9 && s[j] >= '0' && s[j] <= '9'; j++)
		continue;
	if (j > i && j < len && (s[j] == '.' || s[j] == ')') &&
	    (j + 1 == len || s[j + 1] == ' ' || s[j + 1] == '\t'))
		return j;
	return NOPOS;
}

static void
esc_markdown(struct buf *out, const char *s, size_t len)
{
	size_t		 i, run = 0, lead;
	unsigned char	 c;
	int		 k;

	lead = md_lead_marker(s, len);
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		k = md_special[c];
		if (k == 3) {
			if (c == ':')
				k = i + 2 < len && s[i + 1] == '/' &&
				    s[i + 2] == '/';
			else
				k = i >= 3 && lower(s[i - 3]) == 'w' &&
				    lower(s[i - 2]) == 'w' &&
				    lower(s[i - 1]) == 'w';
		}
		if (i == lead)
			k = 1;
		if (k == 0)
			continue;
		buf_put(out, s + run, i - run);
		if (k == 2) {
			buf_putc(out, ' ');
			if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
				i++;
		} else {
			buf_putc(out, '\\');
			buf_putc(out, c);
		}
		run = i + 1;
	}
	buf_put(out, s + run, len - run);
}

void
tmpl_escape(struct buf *out, const char *s, size_t len,
    enum tmpl_escape esc)
{
	switch (esc) {
	case TMPL_ESC_HTML:
		esc_html(out, s, len);
		break;
	case TMPL_ESC_MARKDOWN:
		esc_markdown(out, s, len);
		break;
	default:
		buf_put(out, s, len);
		break;
	}
}

/*
 * An open section while rendering: the list iterated, or NULL, and the
 * item of a lazy list made for this pass (freed when it ends).
 */
struct rsec {
	const struct value *list;
	size_t		 i;
	struct value	*own;
};

/* A template being run: the top one or an active partial. */
struct frame {
	const struct tmpl *t;
	size_t		 pc;
	size_t		 ind;		/* its indentation in render.ind */
	size_t		 indlen;
	size_t		 indmark;	/* render.nind when it started */
};

struct render {
	const struct value **ctx;
	size_t		 nctx;
	size_t		 ctxcap;
	struct rsec	*sec;
	size_t		 nsec;
	size_t		 seccap;
	char		*ind;
	size_t		 nind;
	size_t		 indcap;
	struct frame	 frames[TMPL_MAX_PARTIAL_DEPTH + 1];
	size_t		 nframes;
	struct buf	 scratch;
};

static void
push_ctx(struct render *r, const struct value *v)
{
	xgrow(&r->ctx, &r->ctxcap, r->nctx + 1, sizeof(*r->ctx));
	r->ctx[r->nctx++] = v;
}

/*
 * "list.0": a dotted part of digits indexes a list (as mustache.js
 * does), so a template can test "has a first element" and open a table
 * header once.  Not in the specification, which leaves lists opaque.
 */
static const struct value *
list_index(const struct value *list, const char *key)
{
	size_t	 i = 0;

	if (*key == '\0')
		return NULL;
	if (list->lazy != NULL) {
		/*
		 * An item by index must outlive this lookup: the list is
		 * made whole (the built-in templates never index one).
		 */
		union { const struct value *c; struct value *v; } u;

		u.c = list;
		value_list_fill(u.v);
	}
	for (; *key; key++) {
		if (*key < '0' || *key > '9' || i > list->n)
			return NULL;
		i = i * 10 + (size_t)(*key - '0');
	}
	return i < list->n ? list->items[i] : NULL;
}

/* The value op names in the context stack, or NULL. */
static const struct value *
lookup(const struct render *r, const struct tmpl *t, const struct op *op)
{
	const char		*key = t->names + op->name;
	const struct value	*v = NULL, *c;
	size_t			 i;
	unsigned		 part;

	if (op->nparts == 0)
		return r->nctx ? r->ctx[r->nctx - 1] : NULL;
	for (i = r->nctx; i-- > 0;) {
		c = r->ctx[i];
		if (c->kind == VALUE_MAP && (v = value_map_get(c, key)) != NULL)
			break;
	}
	for (part = 1; v != NULL && part < op->nparts; part++) {
		key += strlen(key) + 1;
		v = v->kind == VALUE_LIST ? list_index(v, key) :
		    value_map_get(v, key);
	}
	return v;
}

/*
 * Writes an integral number below 1e15 as value_scalar_text() would
 * ("%.0f"), without the cost of printf, which dominated rendering of
 * number-heavy pages.  Returns 0, writing nothing, for other numbers.
 */
static int
put_int(struct buf *out, double num)
{
	char		 tmp[24], *p = tmp + sizeof(tmp);
	long long	 n;
	unsigned long long u;

	if (!(num > -1e15 && num < 1e15) || num != (double)(long long)num ||
	    (num == 0 && signbit(num)))
		return 0;
	n = (long long)num;
	u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		*--p = '-';
	buf_put(out, p, (size_t)(tmp + sizeof(tmp) - p));
	return 1;
}

static void
put_value(struct render *r, struct buf *out, const struct value *v,
    enum tmpl_escape esc)
{
	if (v == NULL)
		return;
	switch (v->kind) {
	case VALUE_STR:
		tmpl_escape(out, v->str, v->len, esc);
		break;
	case VALUE_NUM:
		/* Digits and '-' need no escape but a leading '-' in Markdown. */
		if ((esc != TMPL_ESC_MARKDOWN || v->num >= 0) &&
		    put_int(out, v->num))
			break;
		/* FALLTHROUGH */
	case VALUE_BOOL:
		buf_truncate(&r->scratch, 0);
		value_scalar_text(&r->scratch, v);
		tmpl_escape(out, buf_cstr(&r->scratch), r->scratch.len, esc);
		break;
	default:
		break;
	}
}

/* Writes template text, indenting each line that starts inside it. */
static void
put_text(struct render *r, struct buf *out, const struct frame *f,
    const char *s, size_t len)
{
	const char	*nl;
	size_t		 n;

	if (f->indlen == 0) {
		buf_put(out, s, len);
		return;
	}
	while (len > 0 && (nl = memchr(s, '\n', len - 1)) != NULL) {
		n = (size_t)(nl - s) + 1;
		buf_put(out, s, n);
		buf_put(out, r->ind + f->ind, f->indlen);
		s += n;
		len -= n;
	}
	buf_put(out, s, len);
}

/*
 * Starts partial op of frame f.  Returns non-zero on success (also when
 * the partial is missing and so renders as nothing), 0 after an error.
 */
static int
enter_partial(struct render *r, struct tmpl_set *ts, const struct frame *f,
    const struct op *op, struct diags *d)
{
	struct tmpl_entry *e;
	struct frame	*nf;
	const char	*name = f->t->names + op->name;
	size_t		 need;
	int		 fresh;

	if (ts == NULL)
		return 1;
	e = set_entry(ts, name, d, &fresh);
	if (e->state == ENTRY_MISSING) {
		if (fresh)
			diags_add(d, DIAG_WARNING, f->t->name, op->mark, NULL,
			    "partial \"%s\" not found; it renders as nothing",
			    name);
		return 1;
	}
	if (e->state == ENTRY_BROKEN) {
		diags_error(d, f->t->name, op->mark,
		    "partial \"%s\" does not compile", name);
		return 0;
	}
	if (r->nframes > TMPL_MAX_PARTIAL_DEPTH) {
		diags_error(d, f->t->name, op->mark, "partials nested deeper "
		    "than %d (does \"%s\" include itself without end?)",
		    TMPL_MAX_PARTIAL_DEPTH, name);
		return 0;
	}
	nf = &r->frames[r->nframes++];
	nf->t = e->t;
	nf->pc = 0;
	nf->indmark = r->nind;
	nf->ind = 0;
	nf->indlen = 0;
	need = f->indlen + op->len;
	if (op->alone && need > 0) {
		/* Nested standalone partials add up their indentation. */
		xgrow(&r->ind, &r->indcap, r->nind + need, 1);
		if (f->indlen)
			memcpy(r->ind + r->nind, r->ind + f->ind, f->indlen);
		memcpy(r->ind + r->nind + f->indlen, f->t->src + op->off,
		    op->len);
		nf->ind = r->nind;
		nf->indlen = need;
		r->nind += need;
	}
	return 1;
}

int
tmpl_render(const struct tmpl *t, struct tmpl_set *ts,
    const struct value *data, enum tmpl_escape esc, struct buf *out,
    struct diags *d)
{
	return tmpl_render_flush(t, ts, data, esc, out, d, NULL, NULL);
}

int
tmpl_render_flush(const struct tmpl *t, struct tmpl_set *ts,
    const struct value *data, enum tmpl_escape esc, struct buf *out,
    struct diags *d, value_flush_fn *flush, void *arg)
{
	struct render	 r;
	struct frame	*f;
	const struct op	*op;
	const struct value *v;
	struct rsec	*sec;
	size_t		 start = out->len, nown = 0;
	int		 ok = 0, flushed = 0;

	assert(t != NULL);
	memset(&r, 0, sizeof(r));
	buf_init(&r.scratch);
	if (data != NULL)
		push_ctx(&r, data);
	r.frames[0].t = t;
	r.nframes = 1;

	while (r.nframes > 0) {
		f = &r.frames[r.nframes - 1];
		if (f->pc >= f->t->nops) {
			r.nind = f->indmark;
			r.nframes--;
			continue;
		}
		op = &f->t->ops[f->pc];
		if (op->bol && f->indlen)
			buf_put(out, r.ind + f->ind, f->indlen);
		switch (op->kind) {
		case OP_TEXT:
			put_text(&r, out, f, f->t->src + op->off, op->len);
			f->pc++;
			break;
		case OP_VAR:
		case OP_RAW:
			put_value(&r, out, lookup(&r, f->t, op),
			    op->kind == OP_VAR ? esc : TMPL_ESC_NONE);
			f->pc++;
			break;
		case OP_SECTION:
			v = lookup(&r, f->t, op);
			if (!value_truthy(v)) {
				f->pc = op->jump + 1;
				break;
			}
			xgrow(&r.sec, &r.seccap, r.nsec + 1, sizeof(*r.sec));
			sec = &r.sec[r.nsec++];
			sec->list = v->kind == VALUE_LIST ? v : NULL;
			sec->i = 0;
			sec->own = NULL;
			push_ctx(&r, sec->list ? value_list_get(v, 0,
			    &sec->own) : v);
			nown += sec->own != NULL;
			f->pc++;
			break;
		case OP_INVERTED:
			v = lookup(&r, f->t, op);
			f->pc = value_truthy(v) ? op->jump + 1 : f->pc + 1;
			break;
		case OP_END:
			if (f->t->ops[op->jump].kind == OP_INVERTED) {
				f->pc++;
				break;
			}
			sec = &r.sec[r.nsec - 1];
			nown -= sec->own != NULL;
			value_free(sec->own);
			sec->own = NULL;
			/*
			 * Not inside an item of a lazy list: the item is
			 * freed before the text it made is passed on.
			 */
			if (flush != NULL && nown == 0 &&
			    out->len >= VALUE_FLUSH_AT) {
				/* between items: nothing refers to out */
				flushed = 1;
				if (!flush(arg, out))
					goto out;
			}
			if (sec->list != NULL &&
			    ++sec->i < value_list_len(sec->list)) {
				r.ctx[r.nctx - 1] = value_list_get(sec->list,
				    sec->i, &sec->own);
				nown += sec->own != NULL;
				f->pc = op->jump + 1;
			} else {
				r.nsec--;
				r.nctx--;
				f->pc++;
			}
			break;
		case OP_PARTIAL:
			f->pc++;
			if (!enter_partial(&r, ts, f, op, d))
				goto out;
			break;
		default:
			assert(!"unknown template op");
			f->pc++;
			break;
		}
	}
	ok = 1;
out:
	if (!ok)
		buf_truncate(out, flushed ? 0 : start);
	while (r.nsec > 0)
		value_free(r.sec[--r.nsec].own);
	free(r.ctx);
	free(r.sec);
	free(r.ind);
	buf_release(&r.scratch);
	return ok;
}

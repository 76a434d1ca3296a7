/*
 * `import`'s YAML writer: a value tree out as the YAML text of a design,
 * each node's comments above it (import.c attaches them: which resource
 * or file a value came from).  Keys come in the tree's order, which
 * import.c has put in the schema table's; strings are plain only where
 * they read back as the same string.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hybridoc/buf.h"
#include "hybridoc/import.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

/* Comments sorted by node, then in the order they were made, so that
 * each node's are found by binary search. */
struct cref {
	const struct value *node;
	size_t		 i;
};

struct yw {
	char *const	*text;
	struct cref	*crefs;
	size_t		 n;
};

/* Non-zero when the plain scalar s would not read back as a string
 * under the YAML 1.2 core schema (null, booleans, numbers); the YAML 1.1
 * words are quoted too, for other readers. */
static int
resolves_non_string(const char *s)
{
	static const char *const words[] = { "null", "~", "true", "false",
		".inf", "-.inf", "+.inf", ".nan", "yes", "no", "on", "off", "y",
		"n", "unknown", NULL };
	size_t		 i;
	char		*end;

	for (i = 0; words[i] != NULL; i++)
		if (strcasecmp(s, words[i]) == 0)
			return 1;
	(void)strtod(s, &end);
	if (end != s && *end == '\0')
		return 1;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'X' ||
	    s[1] == 'O'))
		return 1;
	return 0;
}

void
import_yaml_scalar(struct buf *out, const char *s, int flow)
{
	const unsigned char *p;
	int		 plain = *s != '\0' && !resolves_non_string(s);

	if (plain && strchr("-?:,[]{}#&*!|>'\"%@`", s[0]) != NULL)
		plain = 0;
	for (p = (const unsigned char *)s; plain && *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			plain = 0;
		else if (flow && strchr(",[]{}", *p) != NULL)
			plain = 0;
		else if (*p == '#' && p > (const unsigned char *)s &&
		    p[-1] == ' ')
			plain = 0;
		else if (*p == ':' && (p[1] == ' ' || p[1] == '\0' ||
		    (flow && strchr(",[]{}", p[1]) != NULL)))
			plain = 0;
	}
	if (plain && (s[0] == ' ' || s[strlen(s) - 1] == ' '))
		plain = 0;
	if (plain) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(out, "\\%c", *p);
		else if (*p == '\n')
			buf_puts(out, "\\n");
		else if (*p == '\t')
			buf_puts(out, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(out, "\\x%02x", *p);
		else
			buf_putc(out, (char)*p);
	}
	buf_putc(out, '"');
}

static void
indent(struct buf *out, int n)
{
	while (n-- > 0)
		buf_putc(out, ' ');
}


static int
cref_cmp(const void *a, const void *b)
{
	const struct cref *x = a, *y = b;

	if (x->node != y->node)
		return (uintptr_t)x->node < (uintptr_t)y->node ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}


static void
put_comments(const struct yw *m, struct buf *out, const struct value *v,
    int ind)
{
	size_t	 lo = 0, hi = m->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((uintptr_t)m->crefs[mid].node < (uintptr_t)v)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < m->n && m->crefs[lo].node == v; lo++) {
		indent(out, ind);
		buf_printf(out, "# %s\n", m->text[m->crefs[lo].i]);
	}
}

static int
is_scalar(const struct value *v)
{
	return v->kind != VALUE_LIST && v->kind != VALUE_MAP;
}

static void
put_scalar(struct buf *out, const struct value *v, int flow)
{
	switch (v->kind) {
	case VALUE_NULL:
		buf_puts(out, "null");
		break;
	case VALUE_BOOL:
		buf_puts(out, v->b ? "true" : "false");
		break;
	case VALUE_NUM:
		value_scalar_text(out, v);
		break;
	default:
		/* The marker of a value not known yet, plain; the word
		 * itself is quoted (import_yaml_scalar). */
		if (value_is_unknown(v))
			buf_puts(out, "unknown");
		else
			import_yaml_scalar(out, v->str ? v->str : "", flow);
		break;
	}
}

/* A string with line breaks as a literal block, when that is exact. */
static int
put_block(struct buf *out, const char *s, int ind)
{
	const char	*p, *e;
	size_t		 n = strlen(s), trail = 0;

	if (strchr(s, '\n') == NULL || s[0] == ' ' || s[0] == '\n')
		return 0;
	for (p = s; *p != '\0'; p++)
		if (((unsigned char)*p < 0x20 && *p != '\n') || *p == 0x7f)
			return 0;
	while (trail < n && s[n - 1 - trail] == '\n')
		trail++;
	buf_puts(out, trail == 0 ? "|-" : trail == 1 ? "|" : "|+");
	buf_putc(out, '\n');
	for (p = s; *p != '\0' && p < s + n - (trail ? trail : 0); p = e) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if (e > p) {
			indent(out, ind);
			buf_put(out, p, (size_t)(e - p));
		}
		buf_putc(out, '\n');
		if (*e == '\n')
			e++;
	}
	for (; trail > 1; trail--)
		buf_putc(out, '\n');
	return 1;
}

static void emit_map(const struct yw *m, struct buf *out, const struct value *v,
    int ind, int first_inline);

static void
emit_value(const struct yw *m, struct buf *out, const struct value *x, int ind)
{
	size_t	 j;
	int	 all_scalar = 1;

	if (is_scalar(x)) {
		buf_putc(out, ' ');
		if (x->kind != VALUE_STR || !put_block(out, x->str, ind + 2)) {
			put_scalar(out, x, 0);
			buf_putc(out, '\n');
		}
		return;
	}
	if (x->kind == VALUE_MAP) {
		if (x->n == 0) {
			buf_puts(out, " {}\n");
			return;
		}
		buf_putc(out, '\n');
		emit_map(m, out, x, ind + 2, 0);
		return;
	}
	for (j = 0; j < x->n; j++)
		if (!is_scalar(x->items[j]))
			all_scalar = 0;
	if (all_scalar) {
		buf_puts(out, " [");
		for (j = 0; j < x->n; j++) {
			if (j)
				buf_puts(out, ", ");
			put_scalar(out, x->items[j], 1);
		}
		buf_puts(out, "]\n");
		return;
	}
	buf_putc(out, '\n');
	for (j = 0; j < x->n; j++) {
		const struct value *e = x->items[j];

		put_comments(m, out, e, ind + 2);
		indent(out, ind + 2);
		buf_puts(out, "-");
		if (e->kind == VALUE_MAP && e->n > 0)
			emit_map(m, out, e, ind + 4, 1);
		else if (e->kind == VALUE_MAP)
			buf_puts(out, " {}\n");
		else if (is_scalar(e)) {
			buf_putc(out, ' ');
			put_scalar(out, e, 0);
			buf_putc(out, '\n');
		} else {
			/* A list in a list: not in the format. */
			buf_puts(out, " []\n");
		}
	}
}

static void
emit_map(const struct yw *m, struct buf *out, const struct value *v, int ind,
    int first_inline)
{
	size_t	 i;

	for (i = 0; i < v->n; i++) {
		const struct value *x = v->items[i];

		if (!(first_inline && i == 0)) {
			if (!is_scalar(x))
				put_comments(m, out, x, ind);
			indent(out, ind);
		} else
			buf_putc(out, ' ');
		import_yaml_scalar(out, v->keys[i], 0);
		buf_putc(out, ':');
		emit_value(m, out, x, ind);
	}
}

void
import_yaml_write(struct buf *out, const struct value *root,
    const struct value *const *nodes, char *const *text, size_t n)
{
	struct yw	 w;
	size_t		 i;

	w.text = text;
	w.n = n;
	w.crefs = xcalloc(n + 1, sizeof(*w.crefs));
	for (i = 0; i < n; i++) {
		w.crefs[i].node = nodes[i];
		w.crefs[i].i = i;
	}
	qsort(w.crefs, n, sizeof(*w.crefs), cref_cmp);
	emit_map(&w, out, root, 0, 0);
	free(w.crefs);
}

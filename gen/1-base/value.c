/*
 * The value tree shared by the loader, the schema binder, the view
 * builder, the template engine and the JSON writer.  Trees are shallow
 * by construction (the loader caps nesting at LOAD_MAX_DEPTH and the
 * view builder's trees are a handful of levels), which is what keeps
 * the recursion here bounded.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

struct value *
value_new(enum value_kind kind)
{
	struct value	*v = xcalloc(1, sizeof(*v));

	v->kind = kind;
	return v;
}

struct value *
value_new_null(void)
{
	return value_new(VALUE_NULL);
}

struct value *
value_new_bool(int b)
{
	struct value	*v = value_new(VALUE_BOOL);

	v->b = b != 0;
	v->str = xstrdup(v->b ? "true" : "false");
	v->len = strlen(v->str);
	return v;
}

struct value *
value_new_int(long long n)
{
	struct value	*v = value_new(VALUE_NUM);

	v->num = (double)n;
	v->isint = 1;
	v->str = xasprintf("%lld", n);
	v->len = strlen(v->str);
	return v;
}

static void
num_text(struct buf *out, double d)
{
	char	 tmp[64];
	int	 prec;

	if (isnan(d)) {
		buf_puts(out, "NaN");
		return;
	}
	if (isinf(d)) {
		buf_puts(out, d < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (d == floor(d) && fabs(d) < 1e15) {
		buf_printf(out, "%.0f", d);
		return;
	}
	for (prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	buf_puts(out, tmp);
}

struct value *
value_new_num(double d)
{
	struct value	*v = value_new(VALUE_NUM);
	struct buf	 b = BUF_INIT;

	v->num = d;
	v->isint = d == floor(d) && fabs(d) < 9e15;
	num_text(&b, d);
	v->str = buf_detach(&b, &v->len);
	return v;
}

struct value *
value_new_strn(const char *s, size_t n)
{
	struct value	*v = value_new(VALUE_STR);

	v->str = xstrndup(s, n);
	v->len = n;
	return v;
}

struct value *
value_new_str(const char *s)
{
	return value_new_strn(s, strlen(s));
}

struct value *
value_new_str_owned(char *s)
{
	struct value	*v = value_new(VALUE_STR);

	v->str = s;
	v->len = strlen(s);
	return v;
}

struct value *
value_new_list(void)
{
	return value_new(VALUE_LIST);
}

struct value *
value_new_map(void)
{
	return value_new(VALUE_MAP);
}

struct value_lazy {
	size_t		 n;
	value_item_fn	*item;
	void		(*done)(void *);
	void		*arg;
};

struct value *
value_new_lazy_list(size_t n, value_item_fn *item, void (*done)(void *),
    void *arg)
{
	struct value	*v = value_new(VALUE_LIST);

	v->lazy = xcalloc(1, sizeof(*v->lazy));
	v->lazy->n = n;
	v->lazy->item = item;
	v->lazy->done = done;
	v->lazy->arg = arg;
	return v;
}

static void
lazy_free(struct value_lazy *z)
{
	if (z == NULL)
		return;
	if (z->done != NULL)
		z->done(z->arg);
	free(z);
}

size_t
value_list_len(const struct value *v)
{
	if (v == NULL || v->kind != VALUE_LIST)
		return 0;
	return v->lazy != NULL ? v->lazy->n : v->n;
}

const struct value *
value_list_get(const struct value *v, size_t i, struct value **own)
{
	*own = NULL;
	if (v->lazy != NULL)
		return *own = v->lazy->item(v->lazy->arg, i);
	return v->items[i];
}

void
value_list_fill(struct value *v)
{
	struct value_lazy *z;
	size_t		 i;

	if (v == NULL || (z = v->lazy) == NULL)
		return;
	v->lazy = NULL;
	for (i = 0; i < z->n; i++)
		value_list_push(v, z->item(z->arg, i));
	lazy_free(z);
}

void
value_free(struct value *v)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		value_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->key_marks);
	free(v->str);
	lazy_free(v->lazy);
	free(v);
}

struct value *
value_copy(const struct value *v)
{
	struct value	*c;
	size_t		 i;

	c = xcalloc(1, sizeof(*c));
	*c = *v;
	c->items = NULL;
	c->keys = NULL;
	c->key_marks = NULL;
	c->n = c->cap = 0;
	c->lazy = NULL;
	if (v->lazy != NULL) {
		/* the copy holds the items themselves */
		for (i = 0; i < v->lazy->n; i++)
			value_list_push(c, v->lazy->item(v->lazy->arg, i));
		return c;
	}
	if (v->str) {
		c->str = xmalloc(v->len + 1);
		memcpy(c->str, v->str, v->len + 1);
	}
	if (v->n) {
		c->cap = v->n;
		c->items = xreallocarray(NULL, v->n, sizeof(*c->items));
		if (v->keys) {
			c->keys = xreallocarray(NULL, v->n, sizeof(*c->keys));
			c->key_marks = xreallocarray(NULL, v->n,
			    sizeof(*c->key_marks));
		}
		for (i = 0; i < v->n; i++) {
			c->items[i] = value_copy(v->items[i]);
			if (v->keys) {
				c->keys[i] = xstrdup(v->keys[i]);
				c->key_marks[i] = v->key_marks[i];
			}
		}
		c->n = v->n;
	}
	return c;
}

static void
value_reserve(struct value *v, size_t need)
{
	size_t	 ncap;

	if (need <= v->cap)
		return;
	ncap = v->cap ? v->cap * 2 : 4;
	while (ncap < need)
		ncap *= 2;
	v->items = xreallocarray(v->items, ncap, sizeof(*v->items));
	if (v->kind == VALUE_MAP) {
		v->keys = xreallocarray(v->keys, ncap, sizeof(*v->keys));
		v->key_marks = xreallocarray(v->key_marks, ncap,
		    sizeof(*v->key_marks));
	}
	v->cap = ncap;
}

struct value *
value_list_push(struct value *list, struct value *child)
{
	value_reserve(list, list->n + 1);
	list->items[list->n++] = child;
	return child;
}

struct value *
value_map_put(struct value *map, const char *key, struct value *child)
{
	value_reserve(map, map->n + 1);
	map->keys[map->n] = xstrdup(key);
	map->key_marks[map->n] = child->mark;
	map->items[map->n++] = child;
	return child;
}

struct value *
value_map_str(struct value *map, const char *key, const char *s)
{
	return value_map_put(map, key, s ? value_new_str(s) :
	    value_new_null());
}

struct value *
value_map_int(struct value *map, const char *key, long long n)
{
	return value_map_put(map, key, value_new_int(n));
}

struct value *
value_map_bool(struct value *map, const char *key, int b)
{
	return value_map_put(map, key, value_new_bool(b));
}

struct value *
value_map_list(struct value *map, const char *key)
{
	return value_map_put(map, key, value_new_list());
}

struct value *
value_list_map(struct value *list)
{
	return value_list_push(list, value_new_map());
}

long
value_map_index(const struct value *map, const char *key)
{
	size_t	 i;

	if (map == NULL || map->kind != VALUE_MAP)
		return -1;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return (long)i;
	return -1;
}

struct value *
value_map_get(const struct value *map, const char *key)
{
	long	 i = value_map_index(map, key);

	return i < 0 ? NULL : map->items[i];
}

const char *
value_map_cstr(const struct value *map, const char *key)
{
	const struct value	*v = value_map_get(map, key);

	if (v == NULL || v->kind == VALUE_LIST || v->kind == VALUE_MAP ||
	    v->kind == VALUE_NULL)
		return NULL;
	return v->str;
}

int
value_truthy(const struct value *v)
{
	if (v == NULL)
		return 0;
	switch (v->kind) {
	case VALUE_NULL:
		return 0;
	case VALUE_BOOL:
		return v->b;
	case VALUE_LIST:
		return value_list_len(v) > 0;
	default:
		return 1;
	}
}

void
value_scalar_text(struct buf *out, const struct value *v)
{
	if (v == NULL)
		return;
	switch (v->kind) {
	case VALUE_NUM:
		num_text(out, v->num);
		break;
	case VALUE_BOOL:
		buf_puts(out, v->b ? "true" : "false");
		break;
	case VALUE_STR:
		buf_put(out, v->str, v->len);
		break;
	default:
		break;
	}
}

void
json_put_string(struct buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t	 i;
	unsigned char c;

	buf_putc(out, '"');
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		switch (c) {
		case '"':
			buf_puts(out, "\\\"");
			break;
		case '\\':
			buf_puts(out, "\\\\");
			break;
		case '\n':
			buf_puts(out, "\\n");
			break;
		case '\r':
			buf_puts(out, "\\r");
			break;
		case '\t':
			buf_puts(out, "\\t");
			break;
		case '<':
		case '>':
		case '&':
			/* Safe to embed in an HTML <script> block. */
			buf_printf(out, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				buf_printf(out, "\\u00%c%c", hex[c >> 4],
				    hex[c & 15]);
			} else if (c == 0xe2 && i + 2 < len &&
			    (unsigned char)s[i + 1] == 0x80 &&
			    ((unsigned char)s[i + 2] == 0xa8 ||
			    (unsigned char)s[i + 2] == 0xa9)) {
				/* U+2028/2029 break JavaScript strings. */
				buf_puts(out, (unsigned char)s[i + 2] == 0xa8 ?
				    "\\u2028" : "\\u2029");
				i += 2;
			} else
				buf_putc(out, c);
		}
	}
	buf_putc(out, '"');
}

static void
json_indent(struct buf *out, int indent, int level)
{
	if (indent <= 0)
		return;
	buf_putc(out, '\n');
	buf_printf(out, "%*s", indent * level, "");
}

struct json_out {
	struct buf	*out;
	int		 indent;
	value_flush_fn	*flush;
	void		*arg;
	int		 ok;
};

static void
json_value(struct json_out *j, const struct value *v, int level)
{
	struct buf	*out = j->out;
	struct value	*own;
	int		 indent = j->indent;
	size_t		 i, n = value_list_len(v);

	switch (v->kind) {
	case VALUE_NULL:
		buf_puts(out, "null");
		break;
	case VALUE_BOOL:
		buf_puts(out, v->b ? "true" : "false");
		break;
	case VALUE_NUM:
		if (isnan(v->num) || isinf(v->num))
			buf_puts(out, "null");
		else
			num_text(out, v->num);
		break;
	case VALUE_STR:
		json_put_string(out, v->str, v->len);
		break;
	case VALUE_LIST:
	case VALUE_MAP:
		if (v->kind == VALUE_MAP)
			n = v->n;
		buf_putc(out, v->kind == VALUE_LIST ? '[' : '{');
		for (i = 0; i < n && j->ok; i++) {
			if (i)
				buf_putc(out, ',');
			json_indent(out, indent, level + 1);
			if (v->kind == VALUE_MAP) {
				json_put_string(out, v->keys[i],
				    strlen(v->keys[i]));
				buf_puts(out, indent > 0 ? ": " : ":");
			}
			json_value(j, value_list_get(v, i, &own), level + 1);
			value_free(own);
			if (v->lazy != NULL && j->flush != NULL &&
			    out->len >= VALUE_FLUSH_AT)
				j->ok = j->flush(j->arg, out);
		}
		if (n)
			json_indent(out, indent, level);
		buf_putc(out, v->kind == VALUE_LIST ? ']' : '}');
		break;
	}
}

void
value_to_json(struct buf *out, const struct value *v, int indent)
{
	value_to_json_flush(out, v, indent, NULL, NULL);
}

int
value_to_json_flush(struct buf *out, const struct value *v, int indent,
    value_flush_fn *flush, void *arg)
{
	struct json_out	 j;

	j.out = out;
	j.indent = indent;
	j.flush = flush;
	j.arg = arg;
	j.ok = 1;
	json_value(&j, v, 0);
	return j.ok;
}

int
value_is_unknown(const struct value *v)
{
	return v != NULL && v->kind == VALUE_STR && !v->quoted &&
	    v->str != NULL && strcmp(v->str, "unknown") == 0;
}

/*
 * The loader, first stage of the pipeline: YAML text to a value tree.
 * This is the only file that includes <yaml.h>.  It drives libyaml's
 * event parser with an explicit stack (no recursion, so nesting depth
 * costs nothing but the cap), resolves plain scalars by the YAML 1.2
 * core schema, expands aliases as copies under a node budget, and turns
 * libyaml's 0-based marks into the 1-based line:col every later stage
 * reports.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "hybridoc/buf.h"
#include "hybridoc/hash.h"
#include "hybridoc/load.h"
#include "hybridoc/xalloc.h"

/*
 * A hash index of names by position, so that the duplicate-key check
 * and each alias cost one probe: scanning made a mapping of 100,000
 * keys, or 100,000 aliases over as many anchors, cost 10^10 string
 * comparisons (tests/bad/many-keys.yaml, many-anchors.yaml).  Open
 * addressing; a slot holds position + 1 (0 when empty) and the name's
 * hash, so a probe reads no name unless the hashes match.  The names
 * live in the indexed array: position i's name is the char * at
 * base + i * stride.
 */
struct nameslot {
	size_t		 pos;		/* position + 1; 0: empty */
	size_t		 hash;
};

struct nameidx {
	struct nameslot	*slot;
	size_t		 cap;		/* 0 or a power of two */
	size_t		 n;
};

struct anchor {
	char		*name;		/* first: struct nameidx reads it */
	struct value	*node;
	struct value	*owned;		/* a scalar's own copy, or NULL */
	int		 done;		/* closed; aliases may copy it */
	size_t		 count;		/* nodes in the subtree */
	size_t		 height;	/* levels in the subtree */
};

struct frame {
	struct value	*node;
	char		*key;		/* map: pending key, or NULL */
	struct mark	 key_mark;
	long		 anchor;	/* index in anchors, or -1 */
	size_t		 count;		/* nodes below, for anchors */
	size_t		 height;
	struct nameidx	 keys;		/* map: node->keys by position */
};

struct loader {
	const char	*name;
	struct diags	*d;
	struct frame	*stack;
	size_t		 depth;
	size_t		 stack_cap;
	struct anchor	*anchors;
	size_t		 nanchors;
	size_t		 anchors_cap;
	struct nameidx	 anchor_idx;	/* latest anchor of each name */
	size_t		 nodes;
	size_t		 alias_nodes;	/* nodes copied through aliases */
	struct value	*root;
};

static struct mark
mark_of(yaml_mark_t m)
{
	struct mark	 k;

	k.line = (unsigned)m.line + 1;
	k.col = (unsigned)m.column + 1;
	return k;
}

int
load_file_limit(const char *path, size_t max, const char *what,
    const char *id, char **data, size_t *len, struct diags *d)
{
	FILE		*fp;
	struct buf	 b = BUF_INIT;
	char		 chunk[65536];
	size_t		 n;
	int		 is_stdin = strcmp(path, "-") == 0;
	struct mark	 none = { 0, 0 };

	fp = is_stdin ? stdin : fopen(path, "rb");
	if (fp == NULL) {
		diags_add(d, DIAG_ERROR, path, none, id, "cannot open: %s",
		    strerror(errno));
		return 0;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (b.len + n > max) {
			diags_add(d, DIAG_ERROR, path, none, id, "file is larger "
			    "than the limit of %zu MiB for %s",
			    max / (1024 * 1024), what);
			goto fail;
		}
		buf_put(&b, chunk, n);
	}
	if (ferror(fp)) {
		diags_add(d, DIAG_ERROR, path, none, id, "cannot read: %s",
		    strerror(errno));
		goto fail;
	}
	if (!is_stdin)
		fclose(fp);
	*data = buf_detach(&b, len);
	return 1;
fail:
	if (!is_stdin)
		fclose(fp);
	buf_release(&b);
	return 0;
}

int
load_file(const char *path, char **data, size_t *len, struct diags *d)
{
	return load_file_limit(path, LOAD_MAX_BYTES, "a design", "HD001",
	    data, len, d);
}

/* YAML 1.2 core schema for plain scalars. */
static void
resolve_plain(struct value *v)
{
	const char	*s = v->str;
	char		*end;
	double		 d;
	int		 isint = 1;
	const char	*p;

	if (v->len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0) {
		v->kind = VALUE_NULL;
		return;
	}
	if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 ||
	    strcmp(s, "TRUE") == 0) {
		v->kind = VALUE_BOOL;
		v->b = 1;
		return;
	}
	if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 ||
	    strcmp(s, "FALSE") == 0) {
		v->kind = VALUE_BOOL;
		v->b = 0;
		return;
	}
	if (strlen(s) != v->len)
		return;		/* NUL inside: a string */
	/* Hex and octal integers. */
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o') && s[2] != '\0') {
		unsigned long long u;

		/* Digits only: strtoull would also take "0x0x1f" or " 1f". */
		for (p = s + 2; *p; p++)
			if (s[1] == 'x' ? !isxdigit((unsigned char)*p) :
			    (*p < '0' || *p > '7'))
				return;
		errno = 0;
		u = strtoull(s + 2, &end, s[1] == 'x' ? 16 : 8);
		v->kind = VALUE_NUM;
		v->num = errno == ERANGE ? HUGE_VAL : (double)u;
		v->isint = 1;
		return;
	}
	/* [-+]?[0-9]+ or [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
	p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (*p == '\0')
		return;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			continue;
		if (*p == '.' || *p == 'e' || *p == 'E' || *p == '-' ||
		    *p == '+') {
			isint = 0;
			continue;
		}
		/* Only ".inf" and ".nan": plain "inf" and "nan" are strings. */
		if (p > s && p[-1] == '.' && (strcmp(p, "inf") == 0 ||
		    strcmp(p, "Inf") == 0 || strcmp(p, "INF") == 0 ||
		    strcmp(p, "nan") == 0 || strcmp(p, "NaN") == 0 ||
		    strcmp(p, "NAN") == 0))
			break;
		return;
	}
	d = strtod(s, &end);
	if (*end != '\0') {
		/* ".inf", ".nan" */
		p = s + (*s == '-' || *s == '+');
		if (strcmp(p, ".inf") == 0 || strcmp(p, ".Inf") == 0 ||
		    strcmp(p, ".INF") == 0)
			d = *s == '-' ? -HUGE_VAL : HUGE_VAL;
		else if (strcmp(s, ".nan") == 0 || strcmp(s, ".NaN") == 0 ||
		    strcmp(s, ".NAN") == 0)
			d = NAN;
		else
			return;
		isint = 0;
	}
	v->kind = VALUE_NUM;
	v->num = d;
	v->isint = isint;
}

static int
loader_fail(struct loader *l, struct mark m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
loader_fail(struct loader *l, struct mark m, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diags_add(l->d, DIAG_ERROR, l->name, m, "HD003", "%s", buf_cstr(&b));
	buf_release(&b);
	return 0;
}

static size_t
name_hash(const char *s)
{
	uint64_t	 h = hash_str(HASH_INIT, s);

	/* FNV's low bits mix poorly and the table uses them: mix. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return (size_t)h;
}

static const char *
nameidx_name(const void *base, size_t stride, size_t pos)
{
	const char *const *p = (const void *)((const char *)base +
	    pos * stride);

	return *p;
}

/* The position of name, or -1. */
static long
nameidx_find(const struct nameidx *x, const void *base, size_t stride,
    const char *name)
{
	size_t	 i, h;

	if (x->cap == 0)
		return -1;
	h = name_hash(name);
	for (i = h & (x->cap - 1); x->slot[i].pos != 0;
	    i = (i + 1) & (x->cap - 1))
		if (x->slot[i].hash == h && strcmp(nameidx_name(base, stride,
		    x->slot[i].pos - 1), name) == 0)
			return (long)(x->slot[i].pos - 1);
	return -1;
}

/* Indexes pos; an equal name indexed before now points at pos. */
static void
nameidx_insert(struct nameidx *x, const void *base, size_t stride,
    size_t pos, size_t h)
{
	const char	*name = nameidx_name(base, stride, pos);
	size_t		 i;

	for (i = h & (x->cap - 1); x->slot[i].pos != 0;
	    i = (i + 1) & (x->cap - 1))
		if (x->slot[i].hash == h && strcmp(nameidx_name(base, stride,
		    x->slot[i].pos - 1), name) == 0) {
			x->slot[i].pos = pos + 1;
			return;
		}
	x->slot[i].pos = pos + 1;
	x->slot[i].hash = h;
	x->n++;
}

static void
nameidx_put(struct nameidx *x, const void *base, size_t stride, size_t pos)
{
	struct nameslot	*old = x->slot;
	size_t		 oldcap = x->cap, i, j;

	if ((x->n + 1) * 2 > x->cap) {
		x->cap = x->cap ? x->cap * 2 : 16;
		x->slot = xcalloc(x->cap, sizeof(*x->slot));
		/* The names are distinct: place each without comparing. */
		for (i = 0; i < oldcap; i++) {
			if (old[i].pos == 0)
				continue;
			for (j = old[i].hash & (x->cap - 1);
			    x->slot[j].pos != 0; j = (j + 1) & (x->cap - 1))
				;
			x->slot[j] = old[i];
		}
		free(old);
	}
	nameidx_insert(x, base, stride, pos,
	    name_hash(nameidx_name(base, stride, pos)));
}

static void
nameidx_release(struct nameidx *x)
{
	free(x->slot);
	memset(x, 0, sizeof(*x));
}

static long
anchor_find(const struct loader *l, const char *name)
{
	return nameidx_find(&l->anchor_idx, l->anchors, sizeof(*l->anchors),
	    name);
}

static long
anchor_add(struct loader *l, const yaml_char_t *name, struct value *node)
{
	struct anchor	*a;

	if (name == NULL)
		return -1;
	xgrow(&l->anchors, &l->anchors_cap, l->nanchors + 1,
	    sizeof(*l->anchors));
	a = &l->anchors[l->nanchors];
	a->name = xstrdup((const char *)name);
	a->node = node;
	a->owned = NULL;
	a->done = 0;
	a->count = 1;
	a->height = 1;
	nameidx_put(&l->anchor_idx, l->anchors, sizeof(*l->anchors),
	    l->nanchors);
	return (long)l->nanchors++;
}

/*
 * Attaches a finished node (count nodes, height levels) to the frame on
 * top of the stack, or makes it the root.
 */
static int
attach(struct loader *l, struct value *v, size_t count, size_t height,
    int is_key_allowed)
{
	struct frame	*f;
	long		 i;

	if (l->depth == 0) {
		l->root = v;
		return 1;
	}
	f = &l->stack[l->depth - 1];
	f->count += count;
	if (height + 1 > f->height)
		f->height = height + 1;
	if (f->node->kind == VALUE_LIST) {
		value_list_push(f->node, v);
		return 1;
	}
	if (f->key == NULL) {
		if (!is_key_allowed || v->kind == VALUE_LIST ||
		    v->kind == VALUE_MAP) {
			loader_fail(l, v->mark, "a mapping key must be a "
			    "scalar, not a %s", v->kind == VALUE_LIST ?
			    "sequence" : "mapping");
			value_free(v);
			return 0;
		}
		i = nameidx_find(&f->keys, f->node->keys, sizeof(char *),
		    v->str ? v->str : "");
		if (i >= 0) {
			loader_fail(l, v->mark, "duplicate key '%s' (first "
			    "given at line %u, column %u)", v->str,
			    f->node->key_marks[i].line,
			    f->node->key_marks[i].col);
			value_free(v);
			return 0;
		}
		f->key = v->str ? xstrdup(v->str) : xstrdup("");
		f->key_mark = v->mark;
		value_free(v);
		return 1;
	}
	value_map_put(f->node, f->key, v);
	f->node->key_marks[f->node->n - 1] = f->key_mark;
	nameidx_put(&f->keys, f->node->keys, sizeof(char *), f->node->n - 1);
	free(f->key);
	f->key = NULL;
	return 1;
}

static int
push(struct loader *l, struct value *v, long anchor)
{
	struct frame	*f;

	if (l->depth >= LOAD_MAX_DEPTH)
		return loader_fail(l, v->mark, "nesting is deeper than the "
		    "limit of %d levels", LOAD_MAX_DEPTH);
	xgrow(&l->stack, &l->stack_cap, l->depth + 1, sizeof(*l->stack));
	f = &l->stack[l->depth++];
	f->node = v;
	f->key = NULL;
	f->anchor = anchor;
	f->count = 1;
	f->height = 1;
	memset(&f->keys, 0, sizeof(f->keys));
	return 1;
}

static int
pop(struct loader *l)
{
	struct frame	 f = l->stack[--l->depth];

	nameidx_release(&f.keys);
	if (f.anchor >= 0) {
		l->anchors[f.anchor].done = 1;
		l->anchors[f.anchor].count = f.count;
		l->anchors[f.anchor].height = f.height;
	}
	return attach(l, f.node, f.count, f.height, 0);
}

static int
count_node(struct loader *l, struct mark m, size_t n)
{
	l->nodes += n;
	if (l->nodes > LOAD_MAX_NODES && n > 1)
		return loader_fail(l, m, "alias expansion makes the document "
		    "larger than the limit of %d nodes", LOAD_MAX_NODES);
	if (l->nodes > LOAD_MAX_NODES)
		return loader_fail(l, m, "the document has more than the limit "
		    "of %d nodes (values, lists and mappings)",
		    LOAD_MAX_NODES);
	return 1;
}

static int
on_event(struct loader *l, yaml_event_t *ev)
{
	struct value	*v;
	struct mark	 m = mark_of(ev->start_mark);
	long		 a;
	const char	*name;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (!count_node(l, m, 1))
			return 0;
		v = value_new(VALUE_STR);
		v->mark = m;
		v->str = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		v->len = ev->data.scalar.length;
		v->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		if (!v->quoted && ev->data.scalar.tag == NULL)
			resolve_plain(v);
		a = anchor_add(l, ev->data.scalar.anchor, v);
		if (a >= 0) {
			/* A key is freed once read: keep a copy. */
			l->anchors[a].node = l->anchors[a].owned =
			    value_copy(v);
			l->anchors[a].done = 1;
		}
		return attach(l, v, 1, 1, 1);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (!count_node(l, m, 1))
			return 0;
		v = value_new(ev->type == YAML_SEQUENCE_START_EVENT ?
		    VALUE_LIST : VALUE_MAP);
		v->mark = m;
		a = anchor_add(l, ev->type == YAML_SEQUENCE_START_EVENT ?
		    ev->data.sequence_start.anchor :
		    ev->data.mapping_start.anchor, v);
		if (!push(l, v, a)) {
			value_free(v);
			return 0;
		}
		if (l->depth > 1 && l->stack[l->depth - 2].node->kind ==
		    VALUE_MAP && l->stack[l->depth - 2].key == NULL) {
			/* A collection as a key: refuse before filling it. */
			l->depth--;
			value_free(v);
			return loader_fail(l, m, "a mapping key must be a "
			    "scalar, not a %s", ev->type ==
			    YAML_SEQUENCE_START_EVENT ? "sequence" :
			    "mapping");
		}
		return 1;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return pop(l);
	case YAML_ALIAS_EVENT:
		name = (const char *)ev->data.alias.anchor;
		a = anchor_find(l, name);
		if (a < 0)
			return loader_fail(l, m, "alias '*%s' refers to no "
			    "anchor", name);
		if (!l->anchors[a].done)
			return loader_fail(l, m, "alias '*%s' refers to a "
			    "node that contains it (an alias cycle)", name);
		l->alias_nodes += l->anchors[a].count;
		if (l->alias_nodes > LOAD_MAX_ALIAS_NODES)
			return loader_fail(l, m, "alias expansion copies more "
			    "than the limit of %d nodes (at alias '*%s')",
			    LOAD_MAX_ALIAS_NODES, name);
		if (!count_node(l, m, l->anchors[a].count))
			return 0;
		if (l->depth + l->anchors[a].height > LOAD_MAX_DEPTH)
			return loader_fail(l, m, "alias '*%s' makes nesting "
			    "deeper than the limit of %d levels", name,
			    LOAD_MAX_DEPTH);
		v = value_copy(l->anchors[a].node);
		return attach(l, v, l->anchors[a].count,
		    l->anchors[a].height, 1);
	default:
		return 1;
	}
}

static void
syntax_error(struct loader *l, const yaml_parser_t *p, const char *data,
    size_t len)
{
	struct mark	 m = mark_of(p->problem_mark);
	const char	*problem = p->problem ? p->problem : "syntax error";
	size_t		 off = p->problem_mark.index;
	int		 seq = 0;

	if (p->error == YAML_READER_ERROR) {
		/* The reader's mark is a byte offset; find its line. */
		size_t	 i, line = 1, col = 1;

		off = p->problem_offset;
		/* libyaml points at the bad trailing byte: show the lead. */
		if (strcmp(problem, "invalid trailing UTF-8 octet") == 0) {
			while (off > 0 && off <= len &&
			    ((unsigned char)data[off - 1] & 0xc0) == 0x80)
				off--;
			if (off > 0 && off <= len &&
			    (unsigned char)data[off - 1] >= 0xc0)
				off--;
			seq = 1;
		}
		for (i = 0; i < off && i < len; i++) {
			if (data[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)data[i] & 0xc0) != 0x80)
				col++;
		}
		m.line = (unsigned)line;
		m.col = (unsigned)col;
		/* problem_value is not always a byte: read the byte itself. */
		diags_add(l->d, DIAG_ERROR, l->name, m, "HD002", "YAML: %s (%sbyte 0x%02x at "
		    "offset %zu); a design must be UTF-8 text", problem,
		    seq ? "in the sequence starting with " : "",
		    off < len ? (unsigned)(unsigned char)data[off] :
		    (unsigned)p->problem_value & 0xff, off);
		return;
	}
	if (off < len && data[off] == '\t') {
		diags_add(l->d, DIAG_ERROR, l->name, m, "HD002", "YAML: a tab character here; "
		    "YAML indents with spaces only");
		return;
	}
	if (p->context)
		diags_add(l->d, DIAG_ERROR, l->name, m, "HD002", "YAML: %s %s (line %u, "
		    "column %u)", problem, p->context,
		    (unsigned)p->context_mark.line + 1,
		    (unsigned)p->context_mark.column + 1);
	else
		diags_add(l->d, DIAG_ERROR, l->name, m, "HD002", "YAML: %s", problem);
}

int
load_yaml(const char *name, const char *data, size_t len,
    struct value **out, struct diags *d)
{
	yaml_parser_t	 parser;
	yaml_event_t	 ev;
	struct loader	 l;
	int		 ok = 0, done = 0, docs = 0;
	size_t		 i;

	memset(&l, 0, sizeof(l));
	l.name = name;
	l.d = d;
	*out = NULL;
	if (len > LOAD_MAX_BYTES) {
		struct mark none = { 0, 0 };

		diags_add(d, DIAG_ERROR, name, none, "HD001", "file is larger than the limit of "
		    "%u MiB for a design", LOAD_MAX_BYTES / (1024 * 1024));
		return 0;
	}
	if (!yaml_parser_initialize(&parser)) {
		fprintf(stderr, "hybridoc: out of memory\n");
		exit(2);
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data,
	    len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(&l, &parser, data, len);
			goto out;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				loader_fail(&l, mark_of(ev.start_mark),
				    "a second YAML document starts here; a "
				    "design file holds exactly one");
				yaml_event_delete(&ev);
				goto out;
			}
			break;
		default:
			if (!on_event(&l, &ev)) {
				yaml_event_delete(&ev);
				goto out;
			}
		}
		yaml_event_delete(&ev);
	}
	if (l.root == NULL)
		l.root = value_new_null();
	*out = l.root;
	l.root = NULL;
	ok = 1;
out:
	yaml_parser_delete(&parser);
	/* Open frames are attached to nothing yet: each is its own tree. */
	for (i = 0; i < l.depth; i++) {
		free(l.stack[i].key);
		nameidx_release(&l.stack[i].keys);
		value_free(l.stack[i].node);
	}
	free(l.stack);
	for (i = 0; i < l.nanchors; i++) {
		free(l.anchors[i].name);
		value_free(l.anchors[i].owned);
	}
	free(l.anchors);
	nameidx_release(&l.anchor_idx);
	value_free(l.root);
	return ok;
}

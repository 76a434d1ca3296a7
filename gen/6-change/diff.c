/*
 * The packet's first stage: two bound designs in, a list of semantic
 * changes out (diff.h).  The walk follows the schema table, the same
 * one the binder filled the structs from, so it reads every field
 * through the table's offsets and types and never re-parses YAML.  The
 * schema also names the objects that have identity (the kinds a change
 * is reported against) and the keys they are matched by (schema_ident);
 * every other object (azure, private_peering, bgp, ike, device) is
 * part of the object that holds it, and its fields get dotted names.
 * Recursion follows the schema's nesting, which is fixed and shallow,
 * never the input's.
 */
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diff.h"
#include "hybridoc/prefix.h"
#include "hybridoc/schema.h"
#include "hybridoc/xalloc.h"

#define NOOFF	SCHEMA_NOOFF

/* The object being compared, and where its changes go. */
struct ent {
	struct diff	*df;
	enum diff_kind	 kind;
	const char	*path;		/* object path; "" for the design */
	const char	*old_obj, *new_obj;
	const void	*old_parent, *new_parent;
	const struct value *node;	/* for marks: head's, else base's */
};

const char *
diff_op_name(enum diff_op op)
{
	switch (op) {
	case DIFF_ADDED:
		return "added";
	case DIFF_REMOVED:
		return "removed";
	default:
		return "changed";
	}
}

const char *
diff_kind_name(enum diff_kind kind)
{
	const struct schema_ident *k = schema_ident_kind(
	    (enum schema_kind)kind);

	return k != NULL ? k->words : "object";
}

const char *
diff_kind_id(enum diff_kind kind)
{
	const struct schema_ident *k = schema_ident_kind(
	    (enum schema_kind)kind);

	return k != NULL ? k->id : "object";
}

static struct diff_change *
add(struct ent *e, enum diff_op op, enum schema_sem sem, const char *field,
    char *before, char *after, const char *key)
{
	struct diff_change *c;
	struct diff	*df = e->df;

	xgrow(&df->v, &df->cap, df->n + 1, sizeof(*df->v));
	c = &df->v[df->n++];
	memset(c, 0, sizeof(*c));
	c->op = op;
	c->kind = e->kind;
	c->object = xstrdup(e->path);
	c->field = field ? xstrdup(field) : NULL;
	c->sem = sem;
	c->before = before;
	c->after = after;
	c->old_obj = e->old_obj;
	c->new_obj = e->new_obj;
	c->old_parent = e->old_parent;
	c->new_parent = e->new_parent;
	c->mark = design_mark(e->node, key);
	return c;
}

/* ---- values as text ---- */

static int
present(const struct schema_field *f, const char *base)
{
	/*
	 * A field with a default always has a value, whether the design
	 * sets it or not (ike.dpd_timeout_s: 45 either way); its presence
	 * flag only tells the two apart for the runbook's labels.
	 */
	if (f->off_has != NOOFF)
		return f->def != NULL || *(const int *)(base + f->off_has) != 0;
	if (f->off_node != NOOFF && !(f->flags & SF_REQUIRED) &&
	    f->type == ST_OBJ) {
		const struct schema_ident *k = schema_ident(f->obj);

		if (k == NULL || k->presence)
			return *(const struct value *const *)
			    (base + f->off_node) != NULL;
	}
	return 1;
}

/* The text of one scalar of type t at p; NULL when it has no value. */
static char *
scalar_text(const struct schema_field *f, enum schema_type t, const char *p)
{
	char	 b[PREFIX_STRLEN];
	const struct prefix *px;
	const char *s;
	long	 n;

	switch (t) {
	case ST_INT:
		return xasprintf("%ld", *(const long *)p);
	case ST_BOOL:
		return xstrdup(*(const int *)p ? "true" : "false");
	case ST_ENUM:
		n = *(const int *)p;
		return xstrdup(f->enums && n >= 0 ? f->enums[n] : "");
	case ST_PREFIX:
	case ST_ADDR:
		px = (const struct prefix *)p;
		if (px->family == 0)
			return NULL;
		return xstrdup(prefix_format(px, b, t == ST_PREFIX));
	default:
		s = *(char *const *)p;
		return s ? xstrdup(s) : NULL;
	}
}

/*
 * Non-zero when field f of object o at base is given as unknown.  Only
 * the fields schema_unknowable() names can be, and their objects start
 * with their node (design.h); "device" and "bgp" share the VPN
 * device's struct and sit under their key of its node.
 */
static int
field_unknown(const struct schema_obj *o, const struct schema_field *f,
    const char *base)
{
	const struct value *node;

	if (base == NULL || !schema_unknowable(o->name, f->key))
		return 0;
	node = *(const struct value *const *)base;
	if (o->size == 0)
		node = value_map_get(node, o->name);
	return value_is_unknown(value_map_get(node, f->key));
}

static size_t
elem_size(const struct schema_field *f)
{
	switch (f->elem) {
	case ST_OBJ:
		return f->obj->size;
	case ST_PREFIX:
	case ST_ADDR:
		return sizeof(struct prefix);
	default:
		return sizeof(char *);
	}
}

static int
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* An inline object in one line: "{asn: 65020, peer_ip: 10.1.1.1}". */
static char *
obj_text(const struct schema_obj *o, const char *base)
{
	const struct schema_field *f;
	struct buf	 b = BUF_INIT;
	char		*t;

	buf_putc(&b, '{');
	for (f = o->fields; f->key; f++) {
		if (f->type == ST_OBJ || f->type == ST_LIST ||
		    !present(f, base))
			continue;
		if ((t = scalar_text(f, f->type, base + f->off)) == NULL)
			continue;
		buf_printf(&b, "%s%s: %s", b.len > 1 ? ", " : "", f->key, t);
		free(t);
	}
	buf_putc(&b, '}');
	return buf_detach(&b, NULL);
}

/* ---- the walk ---- */

static void	walk_fields(struct ent *e, const struct schema_obj *o,
		    const char *ob, const char *nb, const char *prefix);

static void
walk_entity(struct diff *df, const struct schema_ident *k,
    const struct schema_obj *o, const char *path, const char *ob,
    const char *nb, const void *op, const void *np)
{
	struct ent	 e;

	memset(&e, 0, sizeof(e));
	e.df = df;
	e.kind = (enum diff_kind)k->kind;
	e.path = path;
	e.old_obj = ob;
	e.new_obj = nb;
	e.old_parent = op;
	e.new_parent = np;
	/*
	 * Every object with identity starts with its node (design.h);
	 * the design itself has its root.
	 */
	if (k->kind == SK_DESIGN)
		e.node = nb ? ((const struct design *)(const void *)nb)->root :
		    NULL;
	else
		e.node = nb ? *(const struct value *const *)(const void *)nb :
		    ob ? *(const struct value *const *)(const void *)ob : NULL;
	if (ob == NULL || nb == NULL) {
		add(&e, ob == NULL ? DIFF_ADDED : DIFF_REMOVED, SEM_UNSET, NULL,
		    NULL, NULL, NULL);
		return;
	}
	walk_fields(&e, o, ob, nb, "");
}

/* The key of list element base: "name", "site->to", or its index. */
static char *
elem_key(const struct schema_ident *k, const struct schema_obj *o,
    const char *base, size_t index)
{
	const struct schema_field *f;
	const char	*a = NULL, *b = NULL;

	if (k == NULL || k->key1 == NULL)
		return xasprintf("%zu", index);
	for (f = o->fields; f->key; f++) {
		if (strcmp(f->key, k->key1) == 0)
			a = *(char *const *)(base + f->off);
		if (k->key2 && strcmp(f->key, k->key2) == 0)
			b = *(char *const *)(base + f->off);
	}
	if (b)
		return xasprintf("%s->%s", a ? a : "", b);
	return xstrdup(a ? a : "");
}

static void
walk_obj_list(struct ent *e, const struct schema_field *f, const char *ob,
    const char *nb, const char *prefix)
{
	const struct schema_ident *k = schema_ident(f->obj);
	const struct schema_ident anon = { f->obj->name,
	    (enum schema_kind)e->kind, NULL, NULL, 0, NULL, NULL };
	const char	*oa = *(char *const *)(ob + f->off);
	const char	*na = *(char *const *)(nb + f->off);
	size_t		 on = *(const size_t *)(ob + f->off_n);
	size_t		 nn = *(const size_t *)(nb + f->off_n);
	size_t		 esz = elem_size(f), i, j;
	char		**okeys, *nk, *path;
	unsigned char	*used;
	const void	*op, *np;

	if (k == NULL)
		k = &anon;
	/* Elements belong to the object that holds the list. */
	op = e->old_obj;
	np = e->new_obj;
	okeys = xcalloc(on + 1, sizeof(*okeys));
	used = xcalloc(on + 1, 1);
	for (j = 0; j < on; j++)
		okeys[j] = elem_key(k, f->obj, oa + j * esz, j);
	for (i = 0; i < nn; i++) {
		nk = elem_key(k, f->obj, na + i * esz, i);
		for (j = 0; j < on; j++)
			if (!used[j] && strcmp(okeys[j], nk) == 0)
				break;
		path = xasprintf("%s%s%s%s.%s", e->path, *e->path ? "." : "",
		    prefix, f->key, nk);
		if (j < on)
			used[j] = 1;
		walk_entity(e->df, k, f->obj, path, j < on ? oa + j * esz :
		    NULL, na + i * esz, op, np);
		free(path);
		free(nk);
	}
	for (j = 0; j < on; j++) {
		if (!used[j]) {
			path = xasprintf("%s%s%s%s.%s", e->path,
			    *e->path ? "." : "", prefix, f->key, okeys[j]);
			walk_entity(e->df, k, f->obj, path, oa + j * esz, NULL,
			    op, np);
			free(path);
		}
		free(okeys[j]);
	}
	free(okeys);
	free(used);
}

/* Non-zero when s is among the first n texts of v. */
static int
in_list(char *const *v, size_t n, const char *s)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (str_eq(v[i], s))
			return 1;
	return 0;
}

/*
 * Lists of scalars are sets: what the base had and the head lacks
 * (removed), then what the head added; a repeated element counts once.
 */
static void
walk_scalar_list(struct ent *e, const struct schema_obj *o,
    const struct schema_field *f, const char *ob, const char *nb,
    const char *field)
{
	enum schema_sem	 sem = schema_sem(o, f);
	const char	*oa = *(char *const *)(ob + f->off);
	const char	*na = *(char *const *)(nb + f->off);
	size_t		 on = *(const size_t *)(ob + f->off_n);
	size_t		 nn = *(const size_t *)(nb + f->off_n);
	size_t		 esz = elem_size(f), i, j;
	char		**ot, **nt;

	ot = xcalloc(on + 1, sizeof(*ot));
	nt = xcalloc(nn + 1, sizeof(*nt));
	for (j = 0; j < on; j++)
		ot[j] = scalar_text(f, f->elem, oa + j * esz);
	for (i = 0; i < nn; i++)
		nt[i] = scalar_text(f, f->elem, na + i * esz);
	for (j = 0; j < on; j++)
		if (ot[j] && !in_list(ot, j, ot[j]) && !in_list(nt, nn, ot[j]))
			add(e, DIFF_REMOVED, sem, field, xstrdup(ot[j]), NULL,
			    f->key);
	for (i = 0; i < nn; i++)
		if (nt[i] && !in_list(nt, i, nt[i]) && !in_list(ot, on, nt[i]))
			add(e, DIFF_ADDED, sem, field, NULL, xstrdup(nt[i]),
			    f->key);
	for (j = 0; j < on; j++)
		free(ot[j]);
	for (i = 0; i < nn; i++)
		free(nt[i]);
	free(ot);
	free(nt);
}

static void
walk_fields(struct ent *e, const struct schema_obj *o, const char *ob,
    const char *nb, const char *prefix)
{
	const struct schema_field *f;
	const struct schema_ident *k;
	struct buf	 field = BUF_INIT;
	char		*a, *b;
	int		 po, pn;

	for (f = o->fields; f->key; f++) {
		buf_truncate(&field, 0);
		buf_printf(&field, "%s%s", prefix, f->key);
		po = present(f, ob);
		pn = present(f, nb);
		switch (f->type) {
		case ST_OBJ:
			k = schema_ident(f->obj);
			if (k != NULL) {
				char	*path = xasprintf("%s%s%s", e->path,
				    *e->path ? "." : "", buf_cstr(&field));

				if (po || pn)
					walk_entity(e->df, k, f->obj, path,
					    po ? ob + f->off : NULL,
					    pn ? nb + f->off : NULL,
					    e->old_obj, e->new_obj);
				free(path);
			} else if (po && pn) {
				buf_putc(&field, '.');
				walk_fields(e, f->obj, ob + f->off,
				    nb + f->off, buf_cstr(&field));
			} else if (po != pn)
				add(e, pn ? DIFF_ADDED : DIFF_REMOVED,
				    schema_sem(o, f), buf_cstr(&field), po ? obj_text(f->obj,
				    ob + f->off) : NULL, pn ?
				    obj_text(f->obj, nb + f->off) : NULL,
				    f->key);
			break;
		case ST_LIST:
			if (f->elem == ST_OBJ)
				walk_obj_list(e, f, ob, nb, prefix);
			else
				walk_scalar_list(e, o, f, ob, nb,
				    buf_cstr(&field));
			break;
		default:
			a = field_unknown(o, f, ob) ? xstrdup("unknown") : po ?
			    scalar_text(f, f->type, ob + f->off) : NULL;
			b = field_unknown(o, f, nb) ? xstrdup("unknown") : pn ?
			    scalar_text(f, f->type, nb + f->off) : NULL;
			if (!str_eq(a, b))
				add(e, DIFF_CHANGED, schema_sem(o, f),
				    buf_cstr(&field), a, b, f->key);
			else {
				free(a);
				free(b);
			}
			break;
		}
	}
	buf_release(&field);
}

void
diff_designs(struct diff *df, const struct design *base,
    const struct design *head)
{
	memset(df, 0, sizeof(*df));
	walk_entity(df, schema_ident(&schema_design), &schema_design, "", (const char *)base,
	    (const char *)head, NULL, NULL);
}

int
diff_field_is(const struct diff_change *c, const char *f)
{
	return c->field && strcmp(c->field, f) == 0;
}

int
diff_field_in(const struct diff_change *c, const char *prefix)
{
	return c->field && strncmp(c->field, prefix, strlen(prefix)) == 0;
}

void
diff_release(struct diff *df)
{
	size_t	 i;

	for (i = 0; i < df->n; i++) {
		free(df->v[i].object);
		free(df->v[i].field);
		free(df->v[i].before);
		free(df->v[i].after);
	}
	free(df->v);
	memset(df, 0, sizeof(*df));
}

const struct diff_change *
diff_find(const struct diff *df, const char *object, const char *field)
{
	size_t	 i;

	for (i = 0; i < df->n; i++)
		if (strcmp(df->v[i].object, object) == 0 &&
		    str_eq(df->v[i].field, field))
			return &df->v[i];
	return NULL;
}

/*
 * A design's summary (view_summary.h): built once from the analysis,
 * kept in the site's manifest as a value tree, read back into the
 * struct.  This file is the only one that names the manifest's keys of
 * a summary; the inventory's lists inside it are inventory.c's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/findings.h"
#include "hybridoc/value.h"
#include "hybridoc/view_summary.h"
#include "hybridoc/xalloc.h"

static const char *const status_names[] = {
	[VIEW_CLEAN] = "clean",
	[VIEW_WARNINGS] = "warnings",
	[VIEW_ERRORS] = "errors",
	[VIEW_INPUT_ERRORS] = "input-errors"
};

static const char *const drift_names[] = {
	[VIEW_DRIFT_NONE] = "none",
	[VIEW_DRIFT_IN_SYNC] = "in-sync",
	[VIEW_DRIFT_DRIFTED] = "drifted",
	[VIEW_DRIFT_UNKNOWN] = "unknown"
};

/* The summary's own keys; any other key of a kept summary is one of the
 * inventory's lists. */
static const char *const own_keys[] = {
	"name", "title", "file", "region", "status", "status_text", "errors",
	"warnings", "ok", "nsites", "ncircuits", "messages", "drift",
	"drift_text", "drift_n", "terms", NULL
};

void
view_summary_init(struct view_summary *s)
{
	memset(s, 0, sizeof(*s));
	diags_init(&s->messages);
	s->messages.limit = SIZE_MAX;
	s->status = VIEW_INPUT_ERRORS;
	s->drift = VIEW_DRIFT_NONE;
}

void
view_summary_release(struct view_summary *s)
{
	size_t	 i;

	free(s->name);
	free(s->title);
	free(s->file);
	free(s->region);
	diags_release(&s->messages);
	for (i = 0; i < s->nterms; i++) {
		free(s->terms[i].kind);
		free(s->terms[i].text);
		free(s->terms[i].detail);
		free(s->terms[i].anchor);
	}
	free(s->terms);
	value_free(s->inventory);
	view_summary_init(s);
}

static char *
dup_or_empty(const char *s)
{
	return xstrdup(s != NULL ? s : "");
}

void
view_summary_set(struct view_summary *s, const struct analysis *a,
    const char *slug, const char *file, const char *title, int ok)
{
	const struct design *dsn = a != NULL ? a->dsn : NULL;

	free(s->name);
	free(s->title);
	free(s->file);
	free(s->region);
	s->name = dup_or_empty(slug);
	s->file = dup_or_empty(file);
	s->title = dup_or_empty(dsn == NULL ? title : dsn->title ?
	    dsn->title : dsn->name);
	s->region = dup_or_empty(dsn != NULL ? dsn->region : NULL);
	s->ok = ok && dsn != NULL;
	s->errors = s->warnings = 0;
	s->nsites = s->ncircuits = 0;
	s->status = VIEW_INPUT_ERRORS;
	if (!s->ok)
		return;
	s->errors = (long)findings_count(&a->findings, DIAG_ERROR);
	s->warnings = (long)findings_count(&a->findings, DIAG_WARNING);
	s->status = s->errors ? VIEW_ERRORS : s->warnings ? VIEW_WARNINGS :
	    VIEW_CLEAN;
	s->nsites = dsn->nsites;
	s->ncircuits = dsn->ncircuits;
}

void
view_summary_add_messages(struct view_summary *s, const struct diags *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		diags_add(&s->messages, d->v[i].level, d->v[i].file,
		    d->v[i].mark, d->v[i].id, "%s", d->v[i].msg);
}

void
view_summary_add_term(struct view_summary *s, const char *kind,
    const char *text, const char *detail, const char *anchor)
{
	struct view_term *t;

	s->terms = xreallocarray(s->terms, s->nterms + 1, sizeof(*s->terms));
	t = &s->terms[s->nterms++];
	t->kind = dup_or_empty(kind);
	t->text = dup_or_empty(text);
	t->detail = dup_or_empty(detail);
	t->anchor = dup_or_empty(anchor);
}

const char *
view_status_name(enum view_status st)
{
	return st <= VIEW_INPUT_ERRORS ? status_names[st] : "input-errors";
}

void
view_status_text(const struct view_summary *s, struct buf *out)
{
	if (s->status == VIEW_INPUT_ERRORS) {
		buf_puts(out, "input errors");
		return;
	}
	if (s->status == VIEW_CLEAN)
		buf_puts(out, "clean");
	else if (s->errors > 0)
		buf_printf(out, "%ld error%s%s", s->errors,
		    s->errors == 1 ? "" : "s", s->warnings > 0 ? ", " : "");
	if (s->warnings > 0)
		buf_printf(out, "%ld warning%s", s->warnings,
		    s->warnings == 1 ? "" : "s");
}

const char *
view_drift_name(enum view_drift d)
{
	return d <= VIEW_DRIFT_UNKNOWN ? drift_names[d] : "unknown";
}

void
view_drift_text(const struct view_summary *s, struct buf *out)
{
	switch (s->drift) {
	case VIEW_DRIFT_NONE:
		buf_puts(out, "no export given");
		break;
	case VIEW_DRIFT_IN_SYNC:
		buf_puts(out, "in sync");
		break;
	case VIEW_DRIFT_DRIFTED:
		buf_printf(out, "drifted: %zu difference%s", s->drift_n,
		    s->drift_n == 1 ? "" : "s");
		break;
	default:
		buf_puts(out, "not compared (input errors)");
		break;
	}
}

/* ---- The manifest's form ---- */

struct value *
view_summary_value(const struct view_summary *s)
{
	struct value	*v = value_new_map(), *list, *item;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	value_map_str(v, "name", s->name ? s->name : "");
	value_map_str(v, "title", s->title ? s->title : "");
	value_map_str(v, "file", s->file ? s->file : "");
	value_map_str(v, "region", s->region ? s->region : "");
	value_map_str(v, "status", view_status_name(s->status));
	view_status_text(s, &b);
	value_map_str(v, "status_text", buf_cstr(&b));
	value_map_int(v, "errors", s->errors);
	value_map_int(v, "warnings", s->warnings);
	value_map_bool(v, "ok", s->ok);
	if (s->ok) {
		value_map_int(v, "nsites", (long long)s->nsites);
		value_map_int(v, "ncircuits", (long long)s->ncircuits);
	}
	list = value_map_list(v, "messages");
	for (i = 0; i < s->messages.n; i++) {
		const struct diag *g = &s->messages.v[i];

		item = value_list_map(list);
		value_map_str(item, "level", diag_level_str(g->level));
		if (g->file)
			value_map_str(item, "file", g->file);
		value_map_int(item, "line", g->mark.line);
		value_map_int(item, "col", g->mark.col);
		value_map_str(item, "msg", g->msg);
		if (g->id)
			value_map_str(item, "id", g->id);
	}
	for (i = 0; s->inventory != NULL && i < s->inventory->n; i++)
		value_map_put(v, s->inventory->keys[i],
		    value_copy(s->inventory->items[i]));
	if (s->drift != VIEW_DRIFT_NONE) {
		value_map_str(v, "drift", view_drift_name(s->drift));
		buf_truncate(&b, 0);
		view_drift_text(s, &b);
		value_map_str(v, "drift_text", buf_cstr(&b));
		if (s->drift != VIEW_DRIFT_UNKNOWN)
			value_map_int(v, "drift_n", (long long)s->drift_n);
	}
	if (s->ok) {
		list = value_map_list(v, "terms");
		for (i = 0; i < s->nterms; i++) {
			item = value_list_map(list);
			value_map_str(item, "k", s->terms[i].kind);
			value_map_str(item, "t", s->terms[i].text);
			value_map_str(item, "d", s->terms[i].detail);
			value_map_str(item, "a", s->terms[i].anchor);
		}
	}
	buf_release(&b);
	return v;
}

static char *
str_of(const struct value *v, const char *key, int *ok)
{
	const char	*s = value_map_cstr(v, key);

	if (s == NULL)
		*ok = 0;
	return dup_or_empty(s);
}

static long long
int_of(const struct value *v, const char *key)
{
	const struct value *x = value_map_get(v, key);

	return x != NULL && x->kind == VALUE_NUM ? (long long)x->num : 0;
}

/* The index of name in names (count n), or -1. */
static int
name_index(const char *const *names, int n, const char *name)
{
	int	 i;

	for (i = 0; name != NULL && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

static int
own_key(const char *key)
{
	size_t	 i;

	for (i = 0; own_keys[i] != NULL; i++)
		if (strcmp(own_keys[i], key) == 0)
			return 1;
	return 0;
}

int
view_summary_read(struct view_summary *s, const struct value *v)
{
	const struct value *list, *m, *x;
	struct mark	 mk;
	const char	*lv;
	size_t		 i;
	int		 ok = 1, k;

	view_summary_init(s);
	if (v == NULL || v->kind != VALUE_MAP) {
		view_summary_set(s, NULL, "", "", "", 0);
		return 0;
	}
	s->name = str_of(v, "name", &ok);
	s->title = str_of(v, "title", &ok);
	s->file = str_of(v, "file", &ok);
	s->region = str_of(v, "region", &ok);
	k = name_index(status_names, 4, value_map_cstr(v, "status"));
	s->status = k < 0 ? VIEW_INPUT_ERRORS : (enum view_status)k;
	ok = ok && k >= 0;
	s->errors = (long)int_of(v, "errors");
	s->warnings = (long)int_of(v, "warnings");
	s->ok = value_truthy(value_map_get(v, "ok"));
	s->nsites = (size_t)int_of(v, "nsites");
	s->ncircuits = (size_t)int_of(v, "ncircuits");
	list = value_map_get(v, "messages");
	for (i = 0; list != NULL && list->kind == VALUE_LIST && i < list->n;
	    i++) {
		m = list->items[i];
		lv = value_map_cstr(m, "level");
		mk.line = (unsigned)int_of(m, "line");
		mk.col = (unsigned)int_of(m, "col");
		diags_add(&s->messages, lv && strcmp(lv, "error") == 0 ?
		    DIAG_ERROR : lv && strcmp(lv, "warning") == 0 ?
		    DIAG_WARNING : DIAG_NOTE, value_map_cstr(m, "file"), mk,
		    value_map_cstr(m, "id"), "%s", value_map_cstr(m, "msg") ?
		    value_map_cstr(m, "msg") : "");
	}
	if ((lv = value_map_cstr(v, "drift")) != NULL) {
		k = name_index(drift_names, 4, lv);
		s->drift = k <= 0 ? VIEW_DRIFT_UNKNOWN : (enum view_drift)k;
		s->drift_n = (size_t)int_of(v, "drift_n");
	}
	list = value_map_get(v, "terms");
	for (i = 0; list != NULL && list->kind == VALUE_LIST && i < list->n;
	    i++) {
		x = list->items[i];
		view_summary_add_term(s, value_map_cstr(x, "k"),
		    value_map_cstr(x, "t"), value_map_cstr(x, "d"),
		    value_map_cstr(x, "a"));
	}
	for (i = 0; i < v->n; i++) {
		if (own_key(v->keys[i]))
			continue;
		if (s->inventory == NULL)
			s->inventory = value_new_map();
		value_map_put(s->inventory, v->keys[i],
		    value_copy(v->items[i]));
	}
	return ok;
}

/*
 * A procedure as a document shows it (procedure.h,
 * procedure_value_doc): each read-only command once.
 *
 * The record (procedure_value, the runbook's and the packet's JSON)
 * keeps the command of every go/no-go check, observation and
 * expectation, so that automation can run each on its own.  A reader
 * needs them once: at 200 sites one test reads the VPN gateway's
 * learned routes for each of a thousand prefixes, and printing the
 * command a thousand times made three quarters of the runbook repeat
 * itself.  So a document gets the procedure's distinct read-only
 * commands as a list of observations, labelled O1, O2, ... (the
 * observe steps first, in their order, then the commands only a check
 * or an expectation reads, in the order they are first used), and
 * each go/no-go check and expectation names its command by that label
 * beside what to look for and its time bound, one table row each.
 * Actions and rollback steps that change things keep their commands
 * in place, every time; a check among them ("check that the test
 * runs") reads an observation like the others.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/hash.h"
#include "hybridoc/procedure.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

#include "procedure_int.h"

/*
 * The distinct commands seen so far: the first step that has each, in
 * order, and an open-addressing table of their indexes (+1; 0 empty)
 * keyed on both texts.
 */
struct obs {
	const struct proc_step **v;
	struct value	**item;		/* its entry in "observations" */
	unsigned char	*rec;		/* read while the test lasts or after */
	size_t		 n, cap;
	size_t		*slot;
	size_t		 nslot;
};

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static uint64_t
obs_hash(const struct proc_step *s)
{
	return hash_str(hash_str(HASH_INIT, nz(s->az)) ^ 0x9e3779b97f4a7c15ULL,
	    nz(s->ps));
}

static int
obs_same(const struct proc_step *a, const struct proc_step *b)
{
	return strcmp(nz(a->az), nz(b->az)) == 0 &&
	    strcmp(nz(a->ps), nz(b->ps)) == 0;
}

static void
obs_grow(struct obs *o)
{
	size_t	 i, j, n = o->nslot ? o->nslot * 2 : 64;

	free(o->slot);
	o->slot = xcalloc(n, sizeof(*o->slot));
	o->nslot = n;
	for (i = 0; i < o->n; i++) {
		if (o->v[i]->az == NULL && o->v[i]->ps == NULL)
			continue;
		j = obs_hash(o->v[i]) & (n - 1);
		while (o->slot[j] != 0)
			j = (j + 1) & (n - 1);
		o->slot[j] = i + 1;
	}
}

/* Appends s as a new entry; returns its index. */
static size_t
obs_push(struct obs *o, const struct proc_step *s)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 16;
		o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
		o->item = xreallocarray(o->item, o->cap, sizeof(*o->item));
		o->rec = xreallocarray(o->rec, o->cap, sizeof(*o->rec));
	}
	o->v[o->n] = s;
	o->item[o->n] = NULL;
	o->rec[o->n] = 0;
	return o->n++;
}

/*
 * The index of s's command, *added non-zero when s is the first step
 * with it.  A step without a command is an entry of its own.
 */
static size_t
obs_index(struct obs *o, const struct proc_step *s, int *added)
{
	size_t	 j, i;

	*added = 1;
	if (s->az == NULL && s->ps == NULL)
		return obs_push(o, s);
	if ((o->n + 1) * 2 > o->nslot)
		obs_grow(o);
	j = obs_hash(s) & (o->nslot - 1);
	while (o->slot[j] != 0) {
		if (obs_same(o->v[o->slot[j] - 1], s)) {
			*added = 0;
			return o->slot[j] - 1;
		}
		j = (j + 1) & (o->nslot - 1);
	}
	i = obs_push(o, s);
	o->slot[j] = i + 1;
	return i;
}

static void
obs_release(struct obs *o)
{
	free(o->v);
	free(o->item);
	free(o->rec);
	free(o->slot);
}

/* A step's commands, or why it has none, into m. */
static void
put_cmds(struct value *m, const struct proc_step *s)
{
	if (s->az)
		value_map_str(m, "az", s->az);
	if (s->ps)
		value_map_str(m, "ps", s->ps);
	if (s->no_command)
		value_map_str(m, "no_command", s->no_command);
}

/* What to look for and the time bound of a step, into m. */
static void
put_result(struct value *m, const struct proc_step *s)
{
	struct value	*w;

	if (s->expect)
		value_map_str(m, "result", s->expect);
	if (s->within) {
		w = value_map_put(m, "within", value_new_map());
		value_map_str(w, "text", s->within);
	}
}

/* A new entry of "observations": its label and command. */
static struct value *
obs_item(struct value *list, size_t i, const struct proc_step *s)
{
	struct value	*m = value_list_map(list);
	char		 label[32];

	snprintf(label, sizeof(label), "O%zu", i + 1);
	value_map_str(m, "label", label);
	put_cmds(m, s);
	return m;
}

/*
 * Row m reads step s's command: its label as "cmd", and the entry made
 * when s is the first to use it, titled with s's text and "first read
 * by WHAT N" (review 20 Q8: every entry has a title).  rec marks it as
 * one to record while the test lasts.
 */
static void
obs_ref(struct obs *o, struct value *list, const struct proc_step *s,
    const char *what, size_t n, int rec, struct value *m)
{
	char		 label[32], first[64];
	size_t		 k;
	int		 added;

	k = obs_index(o, s, &added);
	if (added) {
		o->item[k] = obs_item(list, k, s);
		value_map_str(o->item[k], "text", s->text);
		snprintf(first, sizeof(first), "%s %zu", what, n);
		value_map_str(o->item[k], "first", first);
	}
	o->rec[k] |= (unsigned char)rec;
	snprintf(label, sizeof(label), "O%zu", k + 1);
	value_map_str(m, "cmd", label);
}

/*
 * The steps of one read-only section as rows: number, text, the label
 * of the command to read (cmd) or why there is none, the result to
 * look for and the time bound.  what names the section for an entry
 * it is the first to use ("go/no-go check", "expectation").
 */
static struct value *
doc_rows(const struct proc_steps *ss, struct obs *o, struct value *list,
    const char *what, int after)
{
	struct value	*l = value_new_list(), *m;
	size_t		 i, n = 0;

	for (i = 0; i < ss->n; i++) {
		const struct proc_step *s = &ss->v[i];

		if (after >= 0 && s->after != after)
			continue;
		m = value_list_map(l);
		value_map_int(m, "number", (long long)++n);
		value_map_str(m, "text", s->text);
		if (s->az != NULL || s->ps != NULL)
			obs_ref(o, list, s, what, n, after >= 0, m);
		else if (s->no_command)
			value_map_str(m, "no_command", s->no_command);
		put_result(m, s);
	}
	return l;
}

/*
 * Actions or rollback steps as runbook-step.md.mustache shows them: a
 * step that changes something (it has targets) or has no command keeps
 * it in place; a check among them (no target: "check that the test
 * runs") names its read-only command by label, like the checks.
 */
static struct value *
doc_steps(const struct proc_steps *ss, struct obs *o, struct value *list,
    const char *what)
{
	struct value	*l = value_new_list(), *m;
	size_t		 i;

	for (i = 0; i < ss->n; i++) {
		const struct proc_step *s = &ss->v[i];

		m = value_list_map(l);
		value_map_int(m, "number", (long long)i + 1);
		value_map_str(m, "text", s->text);
		if (s->ntargets == 0 && (s->az != NULL || s->ps != NULL))
			obs_ref(o, list, s, what, i + 1, 1, m);
		else
			put_cmds(m, s);
		put_result(m, s);
		value_map_put(m, "targets", proc_strv_value(s->targets,
		    s->ntargets));
	}
	return l;
}

/*
 * The labels of the observations marked to record, in words: runs of
 * three or more as "O1 to O5", the parts joined by commas and a last
 * "and" ("O1 to O5 and O8").
 */
static void
record_words(const struct obs *o, struct buf *b)
{
	char		 part[3][48];
	size_t		 a, e, nparts = 0, total = 0, k, j;
	struct buf	 t = BUF_INIT;

	for (a = 0; a < o->n; a = e) {
		if (!o->rec[a]) {
			e = a + 1;
			continue;
		}
		for (e = a; e < o->n && o->rec[e]; e++)
			;
		/* one run: one part, or two for a pair */
		nparts = 0;
		if (e - a >= 3)
			snprintf(part[nparts++], sizeof(part[0]), "O%zu to O%zu",
			    a + 1, e);
		else
			for (k = a; k < e; k++)
				snprintf(part[nparts++], sizeof(part[0]),
				    "O%zu", k + 1);
		for (j = 0; j < nparts; j++) {
			if (total++)
				buf_putc(&t, '\0');
			buf_puts(&t, part[j]);
		}
	}
	/* join: "A", "A and B", "A, B and C" */
	{
		const char	*x = t.ptr, *end = t.len ? t.ptr + t.len :
				    t.ptr;
		size_t		 i = 0;

		for (; x != NULL && x < end; x += strlen(x) + 1, i++) {
			if (i > 0)
				buf_puts(b, i + 1 == total ? " and " : ", ");
			buf_puts(b, x);
		}
	}
	buf_release(&t);
}

struct value *
procedure_value_doc(const struct procedure *p)
{
	struct value	*m = proc_value_head(p), *list;
	struct obs	 o = { 0 };
	struct buf	 b = BUF_INIT;
	size_t		 i, k;
	int		 added, hasr, hasw;

	list = value_map_list(m, "observations");
	/* The observe steps first: they are what to record. */
	for (i = 0; i < p->observe.n; i++) {
		const struct proc_step *s = &p->observe.v[i];

		k = obs_index(&o, s, &added);
		if (added) {
			o.item[k] = obs_item(list, k, s);
			value_map_str(o.item[k], "text", s->text);
		}
		o.rec[k] = 1;
	}
	value_map_put(m, "go_no_go", doc_rows(&p->go_no_go, &o, list,
	    "go/no-go check", -1));
	value_map_put(m, "actions", doc_steps(&p->actions, &o, list,
	    "action"));
	/*
	 * What holds while the failure lasts, then (new user 19 #7) when
	 * to end it, and after the rollback what proves the paths are
	 * back: those rows follow the rollback, where they are read.
	 */
	value_map_put(m, "expect", doc_rows(&p->expect, &o, list,
	    "expectation", 0));
	/* the table's columns: only those some expectation fills */
	for (i = 0, hasr = hasw = 0; i < p->expect.n; i++) {
		hasr |= p->expect.v[i].expect != NULL;
		hasw |= p->expect.v[i].within != NULL;
	}
	value_map_bool(m, "expect_result", hasr);
	value_map_bool(m, "expect_within", hasw);
	value_map_put(m, "abort_if", proc_strv_value(p->abort_if,
	    p->nabort_if));
	if (p->nabort_if && p->abort_then)
		value_map_str(m, "abort_then", p->abort_then);
	value_map_put(m, "rollback", doc_steps(&p->rollback, &o, list,
	    "rollback step"));
	value_map_put(m, "expect_after", doc_rows(&p->expect, &o, list,
	    "check after the rollback", 1));
	/* What to record: every observation read while the test lasts or
	 * after it (review 20 Q8), not only the observe steps'. */
	record_words(&o, &b);
	if (b.len)
		value_map_str(m, "record", buf_cstr(&b));
	obs_release(&o);
	buf_release(&b);
	return m;
}

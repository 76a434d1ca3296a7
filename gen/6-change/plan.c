/*
 * The packet's third stage: the semantic diff (diff.h) between base and
 * head becomes the implementation plan -- az CLI commands, the steps on
 * the on-premises devices, downtime -- and its rollback, which
 * packet_view() places in the packet after the routing impact
 * (impact.h).  Changes are taken one object at a time; each known
 * change becomes actions, and anything hybridoc has no procedure for
 * becomes a step to do by hand, so no change is left out.  Every action
 * carries its inverse, so the rollback is the inverses in reverse order
 * by construction -- except that a gateway's delete and recreate is
 * undone by recreating it as it was, whatever point it stopped at.
 * Commands are built from the two designs only, never from the live
 * state of Azure when the packet is written, for the Azure CLI and Az
 * PowerShell alike, with every design value quoted by shell.h; a
 * circuit's commands run where the circuit lives.  What the design does
 * not hold and a recreate must keep -- a gateway's public IP resources
 * and custom BGP addresses -- is recorded by the step's go/no-go when it
 * runs, and read back from that record.  Each downtime cites
 * its source (docs/model.md) or says it is an estimate and why.
 *
 * The plan is seven files with one private header, plan_int.h: the
 * command vocabulary (plan_cmd.c), the stops a block makes before it
 * acts (plan_stop.c), a gateway's record and inventory
 * before it is deleted (plan_rec.c), the gateway steps (plan_gw.c), the
 * go/no-go gates (plan_gate.c), the steps per kind of change
 * (plan_step.c), and this one, which walks the diff, orders the actions
 * and writes the steps and their rollback.  Calls go one way: plan.c ->
 * plan_step.c -> plan_gw.c -> plan_gate.c -> plan_rec.c -> plan_cmd.c.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diff.h"
#include "hybridoc/plan.h"
#include "hybridoc/prefix.h"
#include "hybridoc/shell.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/words.h"
#include "hybridoc/xalloc.h"

#include "plan_int.h"

static int
act_cmp(const void *x, const void *y)
{
	const struct act *a = *(struct act *const *)x;
	const struct act *b = *(struct act *const *)y;

	if (a->phase != b->phase)
		return a->phase < b->phase ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The observation commands run before and after the change. */
/*
 * Values not known yet (design.h).  A field the proposed design gives
 * as unknown is no change to make: Azure keeps what it has.  A field
 * the current design gave as unknown and the proposed one states may
 * already be so in Azure: it is checked, not set.  Both are taken out
 * of the group (listed in to and from) before the steps are planned.
 */
static void
unknown_take(struct group *g, struct buf *to, struct buf *from)
{
	size_t	 i;

	for (i = 0; i < g->n; i++) {
		const struct diff_change *c = &g->v[i];
		struct buf *b;

		if (c->op != DIFF_CHANGED || c->field == NULL)
			continue;
		if (c->after != NULL && strcmp(c->after, "unknown") == 0)
			b = to;
		else if (c->before != NULL && strcmp(c->before, "unknown") == 0)
			b = from;
		else
			continue;
		g->used[i] = 1;
		buf_printf(b, "%s%s.%s", b->len ? ", " : "", c->object,
		    c->field);
		if (b == from)
			buf_printf(b, " = %s", c->after ? c->after : "not set");
	}
}

static void
unknown_acts(struct plan *pl, struct buf *to, struct buf *from)
{
	struct act	*x;

	if (to->len) {
		x = plan_act_new(pl, PH_OTHER, "");
		buf_puts(&x->title, "Leave as deployed what the proposed "
		    "design gives as unknown");
		buf_printf(&x->text, "The proposed design gives %s as unknown "
		    "(finding HD801): nothing changes in Azure for them and "
		    "no command is written. If one is meant to change, give "
		    "its value in the design first.", buf_cstr(to));
	}
	if (from->len) {
		x = plan_act_new(pl, PH_PREPARE, "");
		buf_puts(&x->title, "Check the values the current design "
		    "gave as unknown");
		buf_printf(&x->text, "The current design gave these as "
		    "unknown; the proposed one states %s. They may already be "
		    "so in Azure and at the provider: compare them with what "
		    "is deployed (hybridoc drift on an export lists every "
		    "difference) and stop if one is not what the change "
		    "expects; hybridoc writes no command that sets them.",
		    buf_cstr(from));
	}
	buf_release(to);
	buf_release(from);
}

/*
 * Placeholders the reader must fill in, said once in the step that
 * carries them.
 */
static void
holes_note(struct buf *text, const struct buf *cmds)
{
	const char	*s = buf_cstr(cmds), *h, *e;
	struct buf	 seen = BUF_INIT;

	for (h = strstr(s, CKT_RG_HOLE); h != NULL;
	    h = strstr(e, CKT_RG_HOLE)) {
		char	*name;

		h += strlen(CKT_RG_HOLE);
		e = strchr(h, '>');
		if (e == NULL)
			break;
		name = xstrndup(h, (size_t)(e - h));
		if (strstr(buf_cstr(&seen), name) == NULL) {
			buf_printf(text, "%sThe design does not say which "
			    "resource group circuit %s is in "
			    "(circuits[].resource_group): replace "
			    CKT_RG_HOLE "%s> with it.", text->len ? " " : "",
			    name, name);
			buf_printf(&seen, "[%s]", name);
		}
		free(name);
	}
	buf_release(&seen);
}

static void
plan_build(struct plan *pl, const struct diff *df)
{
	struct group	 g;
	struct act	*x;
	size_t		 i, j;
	int		 gws = 0;
	struct buf	 to_unknown = BUF_INIT, from_unknown = BUF_INIT;

	for (i = 0; i < df->n; i = j) {
		for (j = i + 1; j < df->n; j++)
			if (df->v[j].kind != df->v[i].kind ||
			    strcmp(df->v[j].object, df->v[i].object) != 0 ||
			    (df->v[j].field == NULL) !=
			    (df->v[i].field == NULL))
				break;
		g.v = &df->v[i];
		g.n = j - i;
		g.used = xcalloc(g.n, 1);
		unknown_take(&g, &to_unknown, &from_unknown);
		plan_group(pl, &g, &gws);
		free(g.used);
	}
	unknown_acts(pl, &to_unknown, &from_unknown);
	if (pl->n == 0)
		return;
	x = plan_act_new(pl, PH_PREPARE, "");
	buf_puts(&x->title, "Record the routes before the change");
	buf_puts(&x->text, "Keep the output with the change record; the "
	    "rollback is checked against it.");
	pc_observe(&x->cmds, &x->ps, pl->base);
	x = plan_act_new(pl, PH_VERIFY, "");
	buf_puts(&x->title, "Check the routes against the routing impact");
	buf_puts(&x->text, "Azure should now use the routes listed under "
	    "\"Pass when\" in the post-change verification (the proposed "
	    "design's simulation).");
	pc_observe(&x->cmds, &x->ps, pl->head);
	for (i = 0; i < pl->n; i++) {
		holes_note(&pl->v[i]->text, &pl->v[i]->cmds);
		holes_note(&pl->v[i]->itext, &pl->v[i]->icmds);
	}
	qsort(pl->v, pl->n, sizeof(*pl->v), act_cmp);
}

static void
plan_release(struct plan *pl)
{
	size_t	 i;

	for (i = 0; i < pl->n; i++)
		plan_act_free(pl->v[i]);
	free(pl->v);
}

const char *
plan_outage_name(enum plan_outage o)
{
	static const char *const names[] = { "none", "reset", "reroute",
	    "outage" };

	return (size_t)o < sizeof(names) / sizeof(names[0]) ? names[o] :
	    "none";
}

/*
 * A block of several commands that deletes or recreates, or that stops
 * on a check (exit 1), runs as one script and stops at the first
 * command that fails: a failed subnet update or delete must not go on
 * to the creates.  It is printed as a subshell, ( set -eu ... ), and in
 * PowerShell as a script block, & { ... }, so that pasted into an
 * interactive shell neither set -e nor exit nor throw closes or changes
 * the engineer's session (review 18 N8).  Said once at its top, unless
 * the step set it.
 */
static void
stop_on_error(struct buf *cmds, struct buf *ps, enum plan_outage outage)
{
	struct buf	 t = BUF_INIT;

	const char	*s = buf_cstr(cmds), *nl;
	size_t		 n = 0;

	/* Commands: lines that do not end in a continuation. */
	for (nl = strchr(s, '\n'); nl != NULL; nl = strchr(nl + 1, '\n'))
		n += nl == s || nl[-1] != '\\';
	n += cmds->len && s[cmds->len - 1] != '\n';
	if (n < 2 || strncmp(s, "set -eu", 7) == 0 ||
	    (outage != PLAN_OUT_FULL &&
	    strstr(buf_cstr(cmds), " delete ") == NULL &&
	    strstr(buf_cstr(cmds), "exit 1") == NULL &&
	    strstr(buf_cstr(cmds), "exit 0") == NULL))
		return;
	buf_puts(&t, "# run as one script: it stops at the first command "
	    "that fails; the parentheses keep set -e and exit out of your "
	    "shell\n(\nset -eu\n");
	buf_put(&t, buf_cstr(cmds), cmds->len);
	if (cmds->len && s[cmds->len - 1] != '\n')
		buf_putc(&t, '\n');
	buf_puts(&t, ")\n");
	buf_truncate(cmds, 0);
	buf_put(cmds, buf_cstr(&t), t.len);
	buf_truncate(&t, 0);
	if (ps->len && strncmp(buf_cstr(ps), "$ErrorActionPreference", 22)) {
		buf_puts(&t, "& {\n$ErrorActionPreference = 'Stop'\n");
		buf_put(&t, buf_cstr(ps), ps->len);
		if (buf_cstr(ps)[ps->len - 1] != '\n')
			buf_putc(&t, '\n');
		buf_puts(&t, "}\n");
		buf_truncate(ps, 0);
		buf_put(ps, buf_cstr(&t), t.len);
	}
	buf_release(&t);
}

static void
step_fill(struct plan_step *st, size_t number, const char *object,
    struct buf *title, struct buf *text, struct buf *cmds, struct buf *ps,
    struct buf *down, enum plan_outage outage, const struct gate_in *in)
{
	struct value	*g = value_new_map();
	const char	*s;

	st->number = number;
	st->title = xstrdup(buf_cstr(title));
	st->text = text->len ? xstrdup(buf_cstr(text)) : NULL;
	/* A block of independent parts has its checks and set -e per
	 * part (pc_split_part). */
	if (!pc_is_split(cmds)) {
		pc_records_first(cmds, ps);
		stop_on_error(cmds, ps, outage);
	}
	/* A command that needs an unknown value cannot run (shell.h). */
	shell_guard_unknown(cmds);
	shell_guard_unknown(ps);
	shell_quote_holes(cmds);
	shell_quote_holes(ps);
	st->commands = (s = pc_block(cmds)) != NULL ? xstrdup(s) : NULL;
	st->powershell = (s = pc_block(ps)) != NULL ? xstrdup(s) : NULL;
	st->downtime = down->len ? xstrdup(buf_cstr(down)) : NULL;
	st->interruption = outage;
	st->object = xstrdup(object);
	gate_value(g, in, object, cmds, down, outage);
	st->gate = value_copy(value_map_get(g, "gate"));
	value_free(g);
}

static void
plan_values(struct plan *pl, struct plan_out *out)
{
	size_t		 i, k = 0;
	struct act	*a;
	struct gate_in	 fw, bw;

	/* Forward steps start from base; the rollback from head. */
	memset(&fw, 0, sizeof(fw));
	fw.s = pl->bsim;
	fw.dsn = pl->base;
	fw.hs = pl->hsim;
	fw.hd = pl->head;
	bw = fw;
	bw.s = pl->hsim;
	bw.dsn = pl->head;
	bw.hs = pl->bsim;
	bw.hd = pl->base;
	bw.rollback = 1;
	out->impl = xcalloc(pl->n + 1, sizeof(*out->impl));
	out->back = xcalloc(pl->n + 2, sizeof(*out->back));
	for (i = 0; i < pl->n; i++) {
		a = pl->v[i];
		fw.record = a->record;
		fw.restore = a->restore;
		fw.policy_site = a->policy_site;
		step_fill(&out->impl[out->nimpl++], i + 1, a->object,
		    &a->title, &a->text, &a->cmds, &a->ps, &a->down,
		    a->outage, &fw);
	}
	for (i = pl->n; i-- > 0;) {
		a = pl->v[i];
		if (!a->has_inv)
			continue;
		bw.record = a->irecord;
		bw.policy_site = a->policy_site;
		step_fill(&out->back[k], k + 1, a->object, &a->ititle,
		    &a->itext, &a->icmds, &a->ips, &a->idown, a->ioutage,
		    &bw);
		k++;
	}
	if (k) {
		struct buf	 t = BUF_INIT, x = BUF_INIT, c = BUF_INIT,
				 p = BUF_INIT, d = BUF_INIT;

		buf_puts(&t, "Check the routes against the record made before "
		    "the change");
		buf_puts(&x, "Every route is back as in the \"before\" column "
		    "of the routing impact.");
		pc_observe(&c, &p, pl->base);
		bw.s = NULL;
		bw.dsn = pl->base;
		bw.record = 0;
		bw.policy_site = NULL;
		step_fill(&out->back[k], k + 1, "", &t, &x, &c, &p, &d,
		    PLAN_OUT_NONE, &bw);
		k++;
		buf_release(&t);
		buf_release(&x);
		buf_release(&c);
		buf_release(&p);
		buf_release(&d);
	}
	out->nback = k;
}

void
plan_steps(const struct design *base, const struct design *head,
    const struct sim *bsim, const struct sim *hsim, const struct diff *df,
    struct plan_out *out)
{
	struct plan	 pl;

	memset(out, 0, sizeof(*out));
	memset(&pl, 0, sizeof(pl));
	pl.base = base;
	pl.head = head;
	pl.bsim = bsim;
	pl.hsim = hsim;
	plan_build(&pl, df);
	plan_values(&pl, out);
	plan_release(&pl);
}

static void
steps_release(struct plan_step *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].text);
		free(v[i].commands);
		free(v[i].powershell);
		free(v[i].downtime);
		free(v[i].object);
		value_free(v[i].gate);
	}
	free(v);
}

void
plan_out_release(struct plan_out *out)
{
	steps_release(out->impl, out->nimpl);
	steps_release(out->back, out->nback);
	memset(out, 0, sizeof(*out));
}

struct value *
plan_steps_value(const struct plan_step *v, size_t n)
{
	struct value	*l = value_new_list(), *e;
	size_t		 i;

	for (i = 0; i < n; i++) {
		e = value_list_map(l);
		value_map_int(e, "number", (long long)v[i].number);
		value_map_str(e, "title", v[i].title);
		/* NULL becomes null: a step without text, commands or
		 * downtime. */
		value_map_str(e, "text", v[i].text);
		value_map_str(e, "commands", v[i].commands);
		value_map_str(e, "powershell", v[i].powershell);
		value_map_str(e, "downtime", v[i].downtime);
		value_map_str(e, "interruption",
		    plan_outage_name(v[i].interruption));
		value_map_str(e, "object", v[i].object);
		value_map_put(e, "gate", value_copy(v[i].gate));
	}
	return l;
}

size_t
plan_destructive_rollbacks(const struct plan_step *back, size_t nback,
    struct value *out)
{
	struct buf	 t = BUF_INIT;
	size_t		 i, n = 0;
	struct value	*m;

	for (i = 0; i < nback; i++) {
		const struct plan_step *e = &back[i];

		if (e->interruption != PLAN_OUT_FULL || e->commands == NULL ||
		    strstr(e->commands, " delete ") == NULL)
			continue;
		m = value_list_map(out);
		value_map_int(m, "number", (long long)e->number);
		value_map_str(m, "title", e->title);
		value_map_str(m, "downtime", e->downtime);
		buf_truncate(&t, 0);
		buf_printf(&t, "Rollback %zu, %s, deletes and recreates what "
		    "it restores: %s.", e->number, e->title,
		    e->downtime ? e->downtime : "downtime not stated");
		value_map_str(m, "reason", buf_cstr(&t));
		n++;
	}
	buf_release(&t);
	return n;
}

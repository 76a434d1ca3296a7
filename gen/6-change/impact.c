/*
 * The packet's second stage: the routing impact of the change.  Each
 * version went through the simulation (sim.h) on its own atoms, the
 * most specific prefixes of its address plan; here the atoms of both
 * versions are merged, each is looked up in both (the same atom, else
 * the most specific one that contains it), and every scenario of
 * either version is compared row by row.  Only rows that change are
 * kept, since a packet that listed every prefix in every scenario
 * would hide the few that matter; the rows as text are kept too, so
 * that scenarios with the same change show as one table.
 */
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/impact.h"
#include "hybridoc/prefix.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/view.h"
#include "hybridoc/words.h"
#include "hybridoc/xalloc.h"

#define PFX(p, b)	prefix_format((p), (b), 1)

/* One prefix of either version and where its route comes from. */
struct impact_atom {
	struct prefix	 p;
	long		 b;	/* base atom for "before"; -1: none */
	long		 h;	/* head atom for "after" */
};

static long
atom_exact(const struct sim *s, const struct prefix *p)
{
	size_t	 lo = 0, hi = s->natoms, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = prefix_cmp(&s->atoms[mid], p);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Atoms are sorted, but do not rely on the order's details. */
	for (mid = 0; mid < s->natoms; mid++)
		if (prefix_cmp(&s->atoms[mid], p) == 0)
			return (long)mid;
	return -1;
}

/* The most specific atom of s that contains p, or -1. */
static long
atom_cover(const struct sim *s, const struct prefix *p)
{
	long	 best = -1;
	size_t	 i;

	for (i = 0; i < s->natoms; i++)
		if (prefix_contains(&s->atoms[i], p) &&
		    (best < 0 || s->atoms[i].len > s->atoms[best].len))
			best = (long)i;
	return best;
}

static int
cmp_prefix(const void *a, const void *b)
{
	return prefix_cmp(a, b);
}

static void
union_atoms(struct impact *im, const struct sim *bs, const struct sim *hs)
{
	struct prefix	*all;
	size_t		 n = 0, i, k = 0;
	long		 e;

	all = xreallocarray(NULL, bs->natoms + hs->natoms + 1, sizeof(*all));
	for (i = 0; i < bs->natoms; i++)
		all[n++] = bs->atoms[i];
	for (i = 0; i < hs->natoms; i++)
		all[n++] = hs->atoms[i];
	qsort(all, n, sizeof(*all), cmp_prefix);
	im->u = xcalloc(n + 1, sizeof(*im->u));
	for (i = 0; i < n; i++) {
		if (k && prefix_cmp(&im->u[k - 1].p, &all[i]) == 0)
			continue;
		im->u[k].p = all[i];
		e = atom_exact(bs, &all[i]);
		im->u[k].b = e >= 0 ? e : atom_cover(bs, &all[i]);
		e = atom_exact(hs, &all[i]);
		im->u[k].h = e >= 0 ? e : atom_cover(hs, &all[i]);
		k++;
	}
	im->nu = k;
	free(all);
}

void
impact_route_text(struct buf *b, const struct sim_route *r,
    const struct prefix *row)
{
	char	 t[PREFIX_STRLEN];

	if (r->path == SIM_NONE) {
		buf_puts(b, "unreachable");
		return;
	}
	buf_printf(b, "%s via %s, ", sim_path_name(r->path), r->via);
	if (r->capacity_unknown != NULL)
		buf_printf(b, "capacity %s", r->capacity_unknown);
	else
		words_mbps(b, r->capacity_mbps);
	if (prefix_cmp(&r->matched, row) != 0)
		buf_printf(b, " (route %s)", PFX(&r->matched, t));
}

/*
 * What changed between two routes (NULL: the prefix is not in that
 * version, the same as unreachable): IMPACT_* bits.
 */
static unsigned
route_delta(const struct sim_route *a, const struct sim_route *b)
{
	int	 ra = a && a->path != SIM_NONE, rb = b && b->path != SIM_NONE;
	unsigned cap = a && b && a->capacity_mbps != b->capacity_mbps ?
		    IMPACT_CAPACITY : 0;

	if (ra != rb)
		return IMPACT_REACH | (ra ? IMPACT_LOST : 0);
	if (!ra)
		return 0;
	if (a->path != b->path || strcmp(a->via, b->via) != 0)
		return IMPACT_PATH | cap;
	return cap;
}

static void
scen_rows(struct impact *im, struct impact_scenario *x,
    const struct analysis *ba, const struct analysis *ha,
    const struct sim_scenario *bsc, const struct sim_scenario *hsc)
{
	const struct sim_route *rb, *rh, *ref;
	struct impact_row *row;
	char		 p[PREFIX_STRLEN];
	size_t		 i, cap = 0;
	unsigned	 d;
	int		 baseline = strcmp(x->id, "baseline") == 0;

	for (i = 0; i < im->nu; i++) {
		const struct impact_atom *u = &im->u[i];

		rb = u->b >= 0 ? sim_route_at(ba->sim, bsc, (size_t)u->b) :
		    NULL;
		rh = u->h >= 0 ? sim_route_at(ha->sim, hsc, (size_t)u->h) :
		    NULL;
		/*
		 * A prefix only one version has is compared with itself:
		 * in the baseline it appears or goes; in a failure, only
		 * what the failure does to it counts, or every scenario
		 * would repeat the baseline's row.
		 */
		ref = NULL;
		if (!baseline && rh && !rb)
			ref = sim_route_at(ha->sim, &ha->sim->scenarios[0],
			    (size_t)u->h);
		if (ref)
			d = route_delta(ref, rh);
		else if (!baseline && rb && !rh)
			d = 0;	/* gone: only the baseline says so */
		else
			d = route_delta(rb, rh);
		if (d == 0)
			continue;
		x->nrows++;
		x->pathreach += (d & (IMPACT_PATH | IMPACT_REACH)) != 0;
		x->capacity += (d & IMPACT_CAPACITY) != 0;
		x->lost += (d & IMPACT_LOST) != 0;
		x->lost_existing += (d & IMPACT_LOST) != 0 && rb != NULL;
		PFX(&u->p, p);
		buf_printf(&x->sig, "%s|", p);
		if (rb)
			impact_route_text(&x->sig, rb, &u->p);
		buf_putc(&x->sig, '|');
		if (rh)
			impact_route_text(&x->sig, rh, &u->p);
		buf_putc(&x->sig, '\n');
		if (im->rows >= IMPACT_MAX_ROWS) {
			im->truncated = 1;
			continue;
		}
		im->rows++;
		xgrow(&x->rows, &cap, x->nkept + 1, sizeof(*x->rows));
		row = &x->rows[x->nkept++];
		row->prefix = u->p;
		row->before = rb;
		row->after = rh;
		row->baseline = ref;
		row->changes = d;
	}
}

void
impact_run(struct impact *im, const struct analysis *ba,
    const struct analysis *ha)
{
	const struct sim *bs = ba->sim, *hs = ha->sim;
	struct buf	 t = BUF_INIT;
	size_t		 i;

	memset(im, 0, sizeof(*im));
	union_atoms(im, bs, hs);
	im->sc = xcalloc(hs->nscenarios + bs->nscenarios + 1,
	    sizeof(*im->sc));
	for (i = 0; i < hs->nscenarios + bs->nscenarios; i++) {
		const struct sim_scenario *bsc, *hsc;
		struct impact_scenario	*x = &im->sc[im->nsc];

		if (i < hs->nscenarios) {
			hsc = &hs->scenarios[i];
			bsc = sim_scenario(bs, hsc->id);
			x->status = bsc ? IMPACT_CHANGED : IMPACT_NEW;
			if (bsc == NULL)
				bsc = &bs->scenarios[0];
			x->in_head = 1;
		} else {
			bsc = &bs->scenarios[i - hs->nscenarios];
			if (sim_scenario(hs, bsc->id) != NULL)
				continue;
			hsc = &hs->scenarios[0];
			x->status = IMPACT_REMOVED;
		}
		x->id = x->in_head ? hsc->id : bsc->id;
		buf_init(&x->sig);
		buf_truncate(&t, 0);
		view_scenario_title(x->in_head ? ha : ba, x->id, &t);
		x->title = xstrdup(buf_cstr(&t));
		scen_rows(im, x, ba, ha, bsc, hsc);
		im->nsc++;
	}
	buf_release(&t);
}

void
impact_release(struct impact *im)
{
	size_t	 i;

	for (i = 0; i < im->nsc; i++) {
		free(im->sc[i].title);
		free(im->sc[i].rows);
		buf_release(&im->sc[i].sig);
	}
	free(im->sc);
	free(im->u);
}

const char *
impact_status_name(enum impact_status st)
{
	switch (st) {
	case IMPACT_NEW:
		return "new";
	case IMPACT_REMOVED:
		return "removed";
	default:
		return "changed";
	}
}

const char *
impact_row_site(const struct impact_row *row)
{
	const struct sim_route *rb = row->before, *rh = row->after;

	return rh && rh->site ? rh->site->name : rb && rb->site ?
	    rb->site->name : "";
}

/* ---- the value trees (packet.json, the templates) ---- */

static struct value *
route_value(const struct sim_route *r, const struct prefix *row)
{
	struct value	*m;
	struct buf	 b = BUF_INIT;
	char		 t[PREFIX_STRLEN];

	if (r == NULL)
		return value_new_null();
	m = value_new_map();
	value_map_str(m, "path", sim_path_name(r->path));
	value_map_str(m, "via", r->via);
	value_map_str(m, "route", r->path == SIM_NONE ? "" :
	    PFX(&r->matched, t));
	value_map_int(m, "capacity_mbps", r->capacity_mbps);
	impact_route_text(&b, r, row);
	value_map_put(m, "text", value_new_str_owned(buf_detach(&b, NULL)));
	return m;
}

/* The rows x keeps, as the list {prefix, site, before, after,
 * baseline (when compared with it), changes, what}. */
static struct value *
rows_value(const struct impact_scenario *x)
{
	struct value	*rows = value_new_list(), *row, *ch;
	struct buf	 t = BUF_INIT;
	char		 p[PREFIX_STRLEN];
	size_t		 i;

	for (i = 0; i < x->nkept; i++) {
		const struct impact_row *r = &x->rows[i];
		unsigned d = r->changes;

		row = value_list_map(rows);
		value_map_str(row, "prefix", PFX(&r->prefix, p));
		value_map_str(row, "site", impact_row_site(r));
		value_map_put(row, "before", route_value(r->before,
		    &r->prefix));
		value_map_put(row, "after", route_value(r->after, &r->prefix));
		if (r->baseline) {
			buf_truncate(&t, 0);
			impact_route_text(&t, r->baseline, &r->prefix);
			value_map_str(row, "baseline", buf_cstr(&t));
		}
		ch = value_map_list(row, "changes");
		buf_truncate(&t, 0);
		if (d & IMPACT_PATH) {
			value_list_push(ch, value_new_str("path"));
			buf_puts(&t, "path");
		}
		if (d & IMPACT_CAPACITY) {
			value_list_push(ch, value_new_str("capacity"));
			buf_printf(&t, "%scapacity", t.len ? ", " : "");
		}
		if (d & IMPACT_REACH) {
			value_list_push(ch, value_new_str("reachability"));
			buf_printf(&t, "%s%s", t.len ? ", " : "",
			    d & IMPACT_LOST ? "reachability lost" :
			    "reachability gained");
		}
		value_map_str(row, "what", buf_cstr(&t));
	}
	buf_release(&t);
	return rows;
}

void
impact_routing(const struct impact *im, struct value *routing)
{
	struct value	*e;
	size_t		 i;

	for (i = 0; i < im->nsc; i++) {
		const struct impact_scenario *x = &im->sc[i];

		if (x->nrows == 0)
			continue;
		e = value_list_map(routing);
		value_map_str(e, "scenario", x->id);
		value_map_str(e, "title", x->title);
		value_map_str(e, "status", impact_status_name(x->status));
		value_map_put(e, "rows", rows_value(x));
	}
}

/*
 * The display's routing groups: the baseline alone, then scenarios
 * whose changed rows are identical, in the order of their first
 * scenario, so that a change that moves the same rows everywhere reads
 * as one table.
 */
void
impact_groups(const struct impact *im, struct value *groups)
{
	unsigned char	*done = xcalloc(im->nsc + 1, 1);
	struct value	*g, *l, *e;
	size_t		 i, j, n;
	struct buf	 t = BUF_INIT;

	for (i = 0; i < im->nsc; i++) {
		const struct impact_scenario *x = &im->sc[i];

		if (done[i] || x->nrows == 0)
			continue;
		g = value_list_map(groups);
		l = value_map_list(g, "scenarios");
		n = 0;
		for (j = i; j < im->nsc; j++) {
			const struct impact_scenario *y = &im->sc[j];

			if (done[j] || y->nrows == 0)
				continue;
			if (j != i && (strcmp(x->id, "baseline") == 0 ||
			    strcmp(y->id, "baseline") == 0 ||
			    strcmp(buf_cstr(&x->sig), buf_cstr(&y->sig)) != 0))
				continue;
			done[j] = 1;
			e = value_list_map(l);
			value_map_str(e, "scenario", y->id);
			value_map_str(e, "title", y->title);
			value_map_str(e, "status",
			    impact_status_name(y->status));
			value_map_bool(e, "new", y->status == IMPACT_NEW);
			value_map_bool(e, "removed",
			    y->status == IMPACT_REMOVED);
			n++;
		}
		buf_truncate(&t, 0);
		if (strcmp(x->id, "baseline") == 0)
			buf_puts(&t, "Baseline (nothing failed)");
		else if (n == 1)
			buf_puts(&t, x->title);
		else
			buf_printf(&t, "%zu scenarios with the same change",
			    n);
		value_map_str(g, "title", buf_cstr(&t));
		value_map_bool(g, "several", n > 1);
		value_map_put(g, "rows", rows_value(x));
	}
	buf_release(&t);
	free(done);
}

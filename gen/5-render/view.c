/*
 * The view stage: from the analysis (design, findings, simulation) to
 * the value tree the runbook templates read.  This is where facts are
 * derived for people: SKU limits, which path is primary and which is
 * backup, the comparison of ExpressRoute and the VPN in this design's
 * own numbers, and each failover test with its commands filled in with
 * this design's resource names and its expected observation taken from
 * the simulation.  Templates place these values and compute nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/catalog.h"
#include "hybridoc/design.h"
#include "hybridoc/findings.h"
#include "hybridoc/hash.h"
#include "hybridoc/markdown.h"
#include "hybridoc/prefix.h"
#include "hybridoc/procedure.h"
#include "hybridoc/shell.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/version.h"
#include "hybridoc/view.h"
#include "hybridoc/words.h"
#include "hybridoc/xalloc.h"

#include "view_int.h"

/* ---- sections ---- */

static void
view_meta(const struct analysis *a, struct value *v)
{
	const struct design *dsn = a->dsn;
	struct value	*l;
	size_t		 i;
	const char	*epoch = getenv("SOURCE_DATE_EPOCH");

	value_map_str(v, "name", dsn->name);
	value_map_str(v, "title", dsn->title ? dsn->title : dsn->name);
	if (dsn->description)
		value_map_str(v, "description", dsn->description);
	value_map_str(v, "owner", dsn->owner ? dsn->owner : "");
	value_map_str(v, "file", dsn->file);
	value_map_str(v, "hash", dsn->hash);
	value_map_str(v, "version", HYBRIDOC_VERSION);
	value_map_str(v, "region", dsn->region);
	/* no "subscription ," when the design names none */
	if (dsn->subscription != NULL && dsn->subscription[0] != '\0')
		value_map_str(v, "subscription", dsn->subscription);
	value_map_str(v, "resource_group", dsn->resource_group);
	if (epoch != NULL && *epoch) {
		char	*end;
		long long e = strtoll(epoch, &end, 10);

		if (*end == '\0' && e >= 0) {
			long long days = e / 86400, y, m, dd, z, era, doe, yoe,
			    doy, mp;

			/* civil_from_days (Howard Hinnant's algorithm) */
			z = days + 719468;
			era = z / 146097;
			doe = z - era * 146097;
			yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) /
			    365;
			y = yoe + era * 400;
			doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
			mp = (5 * doy + 2) / 153;
			dd = doy - (153 * mp + 2) / 5 + 1;
			m = mp < 10 ? mp + 3 : mp - 9;
			y += m <= 2;
			view_put_fmt(v, "date", "%04lld-%02lld-%02lld", y, m, dd);
		}
	}
	l = value_map_list(v, "approvers");
	for (i = 0; i < dsn->napprovers; i++)
		view_push_str(l, dsn->approvers[i]);
}

/*
 * A route's capacity as a table cell: "—" when unreachable, the
 * placeholder of an unknown bandwidth it depends on, else Mbps.
 */
static void
put_capacity(struct value *e, int unreachable, const char *unknown,
    long mbps, int estimate)
{
	struct buf	 b = BUF_INIT;

	if (unreachable)
		value_map_str(e, "capacity", "—");
	else {
		sim_capacity_words(&b, mbps, unknown, estimate);
		value_map_put(e, "capacity", value_new_str_owned(buf_detach(&b,
		    NULL)));
	}
	buf_release(&b);
}

/*
 * A detection time with what it rests on, the same words as the
 * procedures' expectations (sim_detect_basis): "45 s (the DPD timeout
 * the design sets)", or "—".
 */
static void
put_detect(struct buf *b, double s, enum sim_detect by)
{
	words_detect(b, s);
	if (s > 0)
		buf_printf(b, " (%s)", sim_detect_basis(by));
}

static void
route_row(const struct sim *s, const struct sim_route *r, struct value *e,
    int with_detect)
{
	char	 t[PREFIX_STRLEN];
	struct buf b = BUF_INIT;

	value_map_str(e, "prefix", PFX(&r->atom, t));
	value_map_str(e, "site", r->site ? r->site->name : "—");
	value_map_str(e, "path", sim_path_name(r->path));
	value_map_bool(e, "unreachable", r->path == SIM_NONE);
	value_map_str(e, "via", r->dropped ? "dropped: static route stays" :
	    r->via && *r->via ? r->via : "—");
	put_capacity(e, r->path == SIM_NONE, r->capacity_unknown,
	    r->capacity_mbps, r->capacity_estimate);
	if (with_detect) {
		put_detect(&b, r->detect_s, r->detect_by);
		value_map_put(e, "detect", value_new_str_owned(buf_detach(&b,
		    NULL)));
	}
	(void)s;
}

static void
view_routing(const struct analysis *a, struct value *v)
{
	const struct sim *s = a->sim;
	const struct sim_scenario *b = &s->scenarios[0];
	struct value	*l = value_map_list(v, "routing"), *e;
	const struct sim_route *r;
	const struct sim_return *ret;
	struct buf	 n = BUF_INIT;
	size_t		 i, k;

	for (i = 0; i < s->natoms; i++) {
		r = sim_route_at(s, b, i);
		e = value_list_map(l);
		route_row(s, r, e, 0);
		value_map_str(e, "backup", sim_path_name(r->backup));
		value_map_str(e, "backup_via", r->backup_via &&
		    *r->backup_via ? r->backup_via : "—");
		ret = NULL;
		if (r->site)
			for (k = 0; k < a->dsn->nsites; k++)
				if (&a->dsn->sites[k] == r->site)
					ret = sim_return_at(s, b, k);
		value_map_str(e, "return", ret ? sim_return_name(ret) : "—");
		buf_truncate(&n, 0);
		if (r->path == SIM_NONE)
			buf_puts(&n, "Unreachable from Azure.");
		else if (r->backup == SIM_NONE)
			buf_puts(&n, "No backup path.");
		if (ret && ret->undetermined)
			buf_puts(&n, n.len ? " " : "");
		if (ret && ret->undetermined)
			buf_puts(&n, "Return path undetermined: set local "
			    "preference.");
		else if (ret && r->path != SIM_NONE &&
		    ret->path != r->path)
			buf_printf(&n, "%sAsymmetric: returns over %s.",
			    n.len ? " " : "", sim_path_name(ret->path));
		value_map_str(e, "notes", n.len ? buf_cstr(&n) : "");
	}
	buf_release(&n);
}

static void
view_findings(const struct analysis *a, struct value *v)
{
	const struct findings *f = &a->findings;
	struct value	*m = value_map_put(v, "findings", value_new_map());
	struct value	*l = value_map_list(m, "items"), *sl, *e;
	struct buf	 b = BUF_INIT;
	size_t		 i, j, k, nsup = 0;

	value_map_int(m, "errors", (long long)findings_count(f, DIAG_ERROR));
	value_map_int(m, "warnings", (long long)findings_count(f,
	    DIAG_WARNING));
	value_map_int(m, "notes", (long long)findings_count(f, DIAG_NOTE));
	words_count(&b, findings_count(f, DIAG_ERROR), "error", "errors");
	value_map_str(m, "errors_text", buf_cstr(&b));
	buf_truncate(&b, 0);
	words_count(&b, findings_count(f, DIAG_WARNING), "warning",
	    "warnings");
	value_map_str(m, "warnings_text", buf_cstr(&b));
	sl = value_new_list();
	for (i = 0; i < f->n; i++) {
		const struct finding *g = &f->v[i];

		if (g->suppressed) {
			/*
			 * Accepted findings of one rule with one reason are
			 * one row (northwind accepts HD602 for 16 branches):
			 * the first of them stands for the group.
			 */
			for (j = 0; j < i; j++)
				if (f->v[j].suppressed &&
				    f->v[j].rule == g->rule &&
				    strcmp(f->v[j].reason ? f->v[j].reason :
				    "", g->reason ? g->reason : "") == 0)
					break;
			if (j < i)
				continue;
		}
		e = value_new_map();
		value_map_str(e, "id", g->rule->id);
		value_map_str(e, "severity", diag_level_str(finding_level(g)));
		value_map_int(e, "line", g->mark.line);
		value_map_str(e, "help", g->rule->help);
		if (g->suppressed) {
			size_t	 n = 1;

			value_map_str(e, "reason", g->reason ? g->reason : "");
			buf_truncate(&b, 0);
			buf_puts(&b, g->object);
			for (k = i + 1; k < f->n; k++)
				if (f->v[k].suppressed &&
				    f->v[k].rule == g->rule &&
				    strcmp(f->v[k].reason ? f->v[k].reason :
				    "", g->reason ? g->reason : "") == 0) {
					buf_printf(&b, ", %s", f->v[k].object);
					n++;
				}
			value_map_str(e, "object", buf_cstr(&b));
			if (n > 1) {
				buf_truncate(&b, 0);
				buf_printf(&b, "%zu findings alike, one per "
				    "object; the first: %s", n, g->msg);
				value_map_str(e, "message", buf_cstr(&b));
			} else
				value_map_str(e, "message", g->msg);
			value_map_int(e, "count", (long long)n);
			value_list_push(sl, e);
			nsup++;
		} else {
			value_map_str(e, "object", g->object);
			value_map_str(e, "message", g->msg);
			value_list_push(l, e);
		}
	}
	value_map_put(m, "suppressed", sl);
	value_map_bool(m, "clean", l->n == 0);
	buf_release(&b);
}

void
view_scenario_title(const struct analysis *a, const char *id,
    struct buf *out)
{
	procedure_scenario_title(a, id, out);
}

/*
 * Long material folds away: at depth 2, or with many sites or
 * scenarios, the failover matrix, the quick card and the tests are
 * grouped by the kind of element that fails, each group in a
 * <details> block (see runbook.md.mustache).
 */
#define VIEW_FOLD_SITES		8
#define VIEW_FOLD_SCENARIOS	40

enum view_group {
	VG_CIRCUITS,
	VG_GATEWAYS,
	VG_TUNNELS,
	VG_DEVICES,
	VG_SITES,
	VG_PAIRS,
	VG_N
};

static const struct {
	const char	*slug;		/* anchor part: "matrix-circuits" */
	const char	*label;
} view_groups[VG_N] = {
	{ "circuits", "ExpressRoute circuits, links and peering locations" },
	{ "gateways", "Gateways" },
	{ "tunnels", "VPN tunnels" },
	{ "devices", "VPN devices" },
	{ "sites", "Sites" },
	{ "pairs", "Two failures at once" },
};

static enum view_group
scenario_group(const struct sim *s, const struct sim_scenario *sc)
{
	if (sc->nfailed != 1)
		return VG_PAIRS;
	switch (s->elems[sc->failed[0]].kind) {
	case SIM_EL_ER_GATEWAY:
	case SIM_EL_VPN_INSTANCE:
		return VG_GATEWAYS;
	case SIM_EL_TUNNEL:
		return VG_TUNNELS;
	case SIM_EL_DEVICE:
		return VG_DEVICES;
	case SIM_EL_SITE:
		return VG_SITES;
	default:
		return VG_CIRCUITS;
	}
}

static int
view_fold(const struct analysis *a, const struct view_opts *o)
{
	return o->layout && (a->sim->depth >= 2 || a->dsn->nsites > VIEW_FOLD_SITES ||
	    a->sim->nscenarios - 1 > VIEW_FOLD_SCENARIOS);
}

/* Which test covers each scenario (by index), and its anchor. */
struct view_testmap {
	size_t		*number;	/* 0: no test */
	char		**anchor;
	size_t		 n;
};

static void
testmap_free(struct view_testmap *m)
{
	size_t	 i;

	for (i = 0; i < m->n; i++)
		free(m->anchor[i]);
	free(m->anchor);
	free(m->number);
}

/* A group's <summary> line: words and numbers only, no design text. */
static void
group_label(struct buf *b, enum view_group g, size_t n, const char *one,
    const char *many)
{
	buf_printf(b, "%s: ", view_groups[g].label);
	words_count(b, n, one, many);
}

/*
 * How many atoms a failure scenario moves: its own routes, which are
 * the atoms sim_route_changed() holds for, in atom order.  Walking
 * them saves a search per atom of the design per scenario.
 */
static size_t
moved_n(const struct sim_scenario *sc)
{
	return sc->nfailed > 0 ? sc->nroutes : 0;
}

/* A scenario's moved routes in the matrix, made one at a time. */
struct view_rows {
	const struct sim *s;
	const struct sim_scenario *sc;
	size_t		*k;		/* the atoms that move */
};

static struct value *
rows_item(void *arg, size_t i)
{
	const struct view_rows *vr = arg;
	struct value	*e = value_new_map();

	route_row(vr->s, sim_route_at(vr->s, vr->sc, vr->k[i]), e, 1);
	return e;
}

static void
rows_free(void *arg)
{
	struct view_rows *vr = arg;

	free(vr->k);
	free(vr);
}

/*
 * The rows of the routes sc moves; with lazy, a lazy list: a 200-site
 * design's matrix has some ten thousand rows, which made half of the
 * runbook view's memory.
 */
static struct value *
matrix_rows(const struct sim *s, const struct sim_scenario *sc, int lazy)
{
	struct value	*rows;
	struct view_rows *vr;
	size_t		 k, n = 0;

	if (!lazy) {
		rows = value_new_list();
		for (k = 0; k < moved_n(sc); k++)
			route_row(s, &sc->routes[k], value_list_map(rows), 1);
		return rows;
	}
	vr = xcalloc(1, sizeof(*vr));
	vr->s = s;
	vr->sc = sc;
	n = moved_n(sc);
	vr->k = xcalloc(n + 1, sizeof(*vr->k));
	for (k = 0; k < n; k++)
		vr->k[k] = sc->routes[k].index;
	return value_new_lazy_list(n, rows_item, rows_free, vr);
}

/*
 * The failover matrix.  "scenarios" stays one flat list, which the
 * packet and diagnose read too; when folding, it is ordered by group and
 * the first and last entry of each group carry the group's marks
 * (group_start with its anchor and label, group_end), and likewise the
 * first and last entry with a table of moved routes (detail_start,
 * detail_end).  "matrix_index" lists the groups for the contents.
 */
static void
view_matrix(const struct analysis *a, const struct view_opts *o,
    const struct view_testmap *tm, struct value *v)
{
	const struct sim *s = a->sim;
	struct value	*l = value_map_list(v, "scenarios"), *e, *rows, *m,
			*idx = value_map_list(v, "matrix_index"),
			*firstd = NULL, *lastd = NULL, *prev = NULL;
	struct buf	 t = BUF_INIT;
	size_t		 i, k, changed, lost, count[VG_N], ndiff;
	int		 fold = view_fold(a, o);
	enum view_group	 g, gi;
	double		 worst;
	enum sim_detect	 worst_by = SIM_DET_NONE;

	memset(count, 0, sizeof(count));
	for (i = 1; i < s->nscenarios; i++)
		count[fold ? scenario_group(s, &s->scenarios[i]) : 0]++;
	for (g = 0; g < VG_N; g++) {
		if (count[g] == 0)
			continue;
		firstd = lastd = NULL;
		ndiff = 0;
		for (i = 1; i < s->nscenarios; i++) {
			const struct sim_scenario *sc = &s->scenarios[i];

			gi = fold ? scenario_group(s, sc) : 0;
			if (gi != g)
				continue;
			e = value_list_map(l);
			if (prev == NULL && o->layout) {
				m = value_map_put(e, "group_start",
				    value_new_map());
				view_put_fmt(m, "anchor", "matrix-%s",
				    view_groups[g].slug);
				buf_truncate(&t, 0);
				group_label(&t, g, count[g], "scenario",
				    "scenarios");
				value_map_str(m, "label", buf_cstr(&t));
				value_list_push(idx, value_copy(m));
			}
			prev = e;
			value_map_str(e, "id", sc->id);
			buf_truncate(&t, 0);
			view_scenario_title(a, sc->id, &t);
			value_map_str(e, "title", buf_cstr(&t));
			if (tm->number[i] > 0 && o->layout) {
				value_map_str(e, "test_anchor", tm->anchor[i]);
				value_map_int(e, "test",
				    (long long)tm->number[i]);
			}
			rows = matrix_rows(s, sc, o->lazy);
			value_map_put(e, "rows", rows);
			changed = lost = 0;
			worst = 0;
			worst_by = SIM_DET_NONE;
			for (k = 0; k < moved_n(sc); k++) {
				const struct sim_route *r = &sc->routes[k];

				changed++;
				lost += r->path == SIM_NONE;
				if (r->detect_s > worst) {
					worst = r->detect_s;
					worst_by = r->detect_by;
				}
			}
			value_map_int(e, "changed", (long long)changed);
			value_map_int(e, "unreachable", (long long)lost);
			buf_truncate(&t, 0);
			put_detect(&t, worst, worst_by);
			value_map_str(e, "detect", buf_cstr(&t));
			value_map_bool(e, "differs", changed > 0);
			if (changed > 0) {
				if (firstd == NULL)
					firstd = e;
				lastd = e;
				ndiff++;
			}
		}
		if (o->layout)
			value_map_bool(prev, "group_end", 1);
		prev = NULL;
		if (firstd != NULL && o->layout) {
			m = value_map_put(firstd, "detail_start",
			    value_new_map());
			buf_truncate(&t, 0);
			buf_printf(&t, "%s: ", view_groups[g].label);
			words_count(&t, ndiff, "table of moved routes",
			    "tables of moved routes");
			value_map_str(m, "label", buf_cstr(&t));
			value_map_bool(lastd, "detail_end", 1);
		}
	}
	value_map_bool(v, "fold", fold);
	buf_release(&t);
}

/* "the VPN", "ExpressRoute over er-b", "no path": where a route went. */
static void
words_route(struct buf *b, const struct sim_route *r)
{
	if (r->path == SIM_NONE)
		buf_puts(b, "no path left");
	else if (r->path == SIM_VPN)
		buf_puts(b, "the VPN");
	else {
		buf_puts(b, "ExpressRoute");
		if (r->via && *r->via)
			buf_printf(b, " over %s", r->via);
	}
}

/*
 * Whether a moved route keeps its path: the VPN over fewer tunnels, or
 * the same circuits over one link.
 */
static int
route_stays(const struct sim_route *r, const struct sim_route *r0)
{
	if (r->path == SIM_NONE || r->path != r0->path)
		return 0;
	return r->path == SIM_VPN || (r->via != NULL && r0->via != NULL &&
	    strcmp(r->via, r0->via) == 0);
}

/*
 * The quick card: one line per single failure, what moves where, the
 * capacity left, the detection time and the test that rehearses it.
 * Circuits and gateways come first, which is what on-call opens the
 * runbook for.
 */
#define VIEW_CARD_LIST	2	/* prefixes named one by one, at most */

static void
view_card(const struct analysis *a, const struct view_opts *o,
    const struct view_testmap *tm, struct value *v)
{
	const struct sim *s = a->sim;
	struct value	*gl = value_map_list(v, "card_groups"), *gv[VG_N],
			*e;
	struct buf	 t = BUF_INIT;
	size_t		 i, k, count[VG_N], nmoved, nlost, ner, nvpn, nsame;
	const char	*ervia;
	int		 fold = view_fold(a, o), samevia;
	enum view_group	 g;
	double		 worst;
	enum sim_detect	 worst_by = SIM_DET_NONE;
	long		 cap;
	const char	*capunk;
	int		 capest;

	memset(count, 0, sizeof(count));
	for (i = 1; i < s->nscenarios; i++)
		if (s->scenarios[i].nfailed == 1)
			count[scenario_group(s, &s->scenarios[i])]++;
	for (g = 0; g < VG_N; g++) {
		gv[g] = NULL;
		if (count[g] == 0)
			continue;
		gv[g] = value_list_map(gl);
		buf_truncate(&t, 0);
		group_label(&t, g, count[g], "failure", "failures");
		value_map_str(gv[g], "label", buf_cstr(&t));
		/* what on-call looks for first stays open */
		value_map_bool(gv[g], "open", !fold || g <= VG_GATEWAYS);
		value_map_list(gv[g], "items");
	}
	for (i = 1; i < s->nscenarios; i++) {
		const struct sim_scenario *sc = &s->scenarios[i];
		const struct sim_route *r;

		if (sc->nfailed != 1)
			continue;
		g = scenario_group(s, sc);
		e = value_list_map(value_map_get(gv[g], "items"));
		buf_truncate(&t, 0);
		view_scenario_title(a, sc->id, &t);
		value_map_str(e, "title", buf_cstr(&t));
		nmoved = nlost = ner = nvpn = 0;
		worst = 0;
		worst_by = SIM_DET_NONE;
		cap = -1;
		capunk = NULL;
		capest = 0;
		ervia = NULL;
		samevia = 1;
		nsame = 0;
		for (k = 0; k < moved_n(sc); k++) {
			r = &sc->routes[k];
			nmoved++;
			nlost += r->path == SIM_NONE;
			ner += r->path == SIM_EXPRESSROUTE;
			nvpn += r->path == SIM_VPN;
			nsame += route_stays(r, sim_route_at(s,
			    &s->scenarios[0], r->index));
			if (r->path == SIM_EXPRESSROUTE) {
				if (ervia == NULL)
					ervia = r->via;
				else if (r->via == NULL ||
				    strcmp(ervia, r->via) != 0)
					samevia = 0;
			}
			if (r->detect_s > worst) {
				worst = r->detect_s;
				worst_by = r->detect_by;
			}
			if (r->path != SIM_NONE && r->capacity_unknown != NULL &&
			    capunk == NULL)
				capunk = r->capacity_unknown;
			else if (r->path != SIM_NONE &&
			    r->capacity_unknown == NULL &&
			    (cap < 0 || r->capacity_mbps < cap)) {
				cap = r->capacity_mbps;
				capest = r->capacity_estimate;
			}
		}
		buf_truncate(&t, 0);
		if (nmoved == 0)
			buf_puts(&t, "no prefix moves; the redundancy of what "
			    "failed carries the traffic");
		else if (nmoved <= VIEW_CARD_LIST) {
			size_t	 n = 0;

			for (k = 0; k < moved_n(sc); k++) {
				char	 p[PREFIX_STRLEN];
				const struct sim_route *r0;

				r = &sc->routes[k];
				r0 = sim_route_at(s, &s->scenarios[0], r->index);
				buf_printf(&t, "%s%s", n++ ? "; " : "",
				    PFX(&r->atom, p));
				if (r->site)
					buf_printf(&t, " (%s)", r->site->name);
				if (route_stays(r, r0)) {
					/* a link of the circuit, a tunnel */
					buf_puts(&t, " stays on ");
					words_route(&t, r);
					buf_puts(&t, " with less redundancy");
					continue;
				}
				buf_puts(&t, r->path == SIM_NONE ? " has " :
				    " moves to ");
				words_route(&t, r);
			}
		} else if (nsame == nmoved) {
			/* a link of a circuit, a tunnel: the path holds */
			words_count(&t, nmoved, "prefix stays", "prefixes stay");
			if (nvpn)
				buf_puts(&t, " on the VPN");
			else if (samevia && ervia != NULL && *ervia)
				buf_printf(&t, " on ExpressRoute over %s", ervia);
			else
				buf_puts(&t, " on ExpressRoute");
			buf_puts(&t, " with less redundancy");
		} else {
			const char *sep = "";

			if (nvpn) {
				words_count(&t, nvpn, "prefix moves",
				    "prefixes move");
				buf_puts(&t, " to the VPN");
				sep = ", ";
			}
			if (ner) {
				buf_puts(&t, sep);
				words_count(&t, ner, "prefix moves",
				    "prefixes move");
				if (samevia && ervia != NULL && *ervia)
					buf_printf(&t, " to ExpressRoute over %s",
					    ervia);
				else
					buf_puts(&t, " to other circuits");
				sep = ", ";
			}
			if (nlost) {
				buf_puts(&t, sep);
				words_count(&t, nlost, "prefix has",
				    "prefixes have");
				buf_puts(&t, " no path left");
			}
		}
		value_map_str(e, "what", buf_cstr(&t));
		if (capunk != NULL) {
			/* no conclusion: a bandwidth is not known yet */
			buf_truncate(&t, 0);
			buf_printf(&t, "capacity not known (%s)", capunk);
			value_map_str(e, "capacity", buf_cstr(&t));
		} else if (cap >= 0) {
			buf_truncate(&t, 0);
			buf_puts(&t, nmoved - nlost > 1 ? "capacity at least " :
			    "capacity ");
			sim_capacity_words(&t, cap, NULL, capest);
			value_map_str(e, "capacity", buf_cstr(&t));
		}
		if (worst > 0) {
			buf_truncate(&t, 0);
			put_detect(&t, worst, worst_by);
			value_map_str(e, "detect", buf_cstr(&t));
		}
		if (tm->number[i] > 0) {
			value_map_str(e, "test_anchor", tm->anchor[i]);
			value_map_int(e, "test", (long long)tm->number[i]);
		}
	}
	buf_release(&t);
}

size_t
view_test_scenarios(const struct analysis *a, const char **ids)
{
	return procedure_test_scenarios(a, ids);
}

static const struct view_diagram *
find_diagram(const struct view_opts *o, const char *scenario)
{
	size_t	 i;

	for (i = 0; i < o->ndiagrams; i++) {
		if (scenario == NULL && o->diagrams[i].scenario == NULL)
			return &o->diagrams[i];
		if (scenario && o->diagrams[i].scenario &&
		    strcmp(o->diagrams[i].scenario, scenario) == 0)
			return &o->diagrams[i];
	}
	return NULL;
}

static void
put_diagram(struct value *m, const struct view_diagram *d)
{
	struct value	*x;

	/*
	 * A false "diagram", not a missing one: Mustache resolves a
	 * missing key in the enclosing context, so a test without its own
	 * picture would get the topology's -- once per scenario, which made
	 * the 200-site runbook 400 MB (tests/bench/RESULTS.md).
	 */
	if (d == NULL) {
		value_map_put(m, "diagram", value_new_bool(0));
		return;
	}
	x = value_map_put(m, "diagram", value_new_map());
	value_map_str(x, "url", d->url);
	if (d->mermaid) {
		value_map_str(x, "mermaid", d->mermaid);
		value_map_put(x, "azure_devops",
		    value_new_bool(d->azure_devops));
	}
}

/*
 * The failover tests before any is built: procedure_test_scenarios()
 * grouped by procedure_id() in the order each id first appears, as
 * procset_tests() groups them (one procedure per distinct action), and
 * which of them the list keeps, with their group marks.  A test is then
 * built alone (procset_test_of), so that the runbook builds, renders
 * and frees one at a time: the 800 records of a 200-site design and
 * their value trees made most of its memory (tests/bench/RESULTS.md).
 */
struct view_plan {
	const struct analysis *a;
	struct view_opts o;
	const char	**sids;		/* scenario ids, grouped by test */
	const struct sim_scenario **ssc; /* the scenarios of sids */
	size_t		*first;		/* test i: sids[first[i]] ... */
	size_t		*count;		/* ... count[i] of them */
	char		**pid;		/* test i's procedure id */
	size_t		 n;		/* tests */
	size_t		*keep;		/* the tests listed, in order */
	size_t		 nkeep;
	/* per kept test, with the layout: its run's group marks */
	unsigned char	*start, *end;
	enum view_group	*group;
	size_t		*run;		/* the run it belongs to */
	size_t		*runlen;	/* tests per run */
	size_t		 nrun;
	/*
	 * With failover.tests: single failures the selection leaves out
	 * that a selected test's action causes (procset_tests credits
	 * them to it): scenario credit_sc[c] links to test credit_test[c].
	 */
	const struct sim_scenario **credit_sc;
	size_t		*credit_test;
	size_t		 ncredit;
};

/*
 * The slot of procedure id in the open-addressing table slot[nslot]
 * (test + 1, 0 empty): where it is, or the empty one where it goes.
 */
static size_t
plan_slot(const struct view_plan *pl, const size_t *slot, size_t nslot,
    const char *id)
{
	size_t	 k = (size_t)hash_str(HASH_INIT, id) & (nslot - 1);

	while (slot[k] != 0 && strcmp(pl->pid[slot[k] - 1], id) != 0)
		k = (k + 1) & (nslot - 1);
	return k;
}

static void
plan_free(void *arg)
{
	struct view_plan *pl = arg;
	size_t		 i;

	for (i = 0; i < pl->n; i++)
		free(pl->pid[i]);
	free(pl->pid);
	free(pl->sids);
	free(pl->ssc);
	free(pl->first);
	free(pl->count);
	free(pl->keep);
	free(pl->start);
	free(pl->end);
	free(pl->group);
	free(pl->run);
	free(pl->runlen);
	free(pl->credit_sc);
	free(pl->credit_test);
	free(pl);
}

/* Whether test i causes one of the nids scenarios ids. */
static int
plan_causes_any(const struct view_plan *pl, size_t i,
    const char *const *ids, size_t nids)
{
	size_t	 j, k;

	for (j = 0; j < pl->count[i]; j++)
		for (k = 0; k < nids; k++)
			if (strcmp(pl->sids[pl->first[i] + j], ids[k]) == 0)
				return 1;
	return 0;
}

/* The plan of the tests; with ids (not NULL) only those causing one. */
static struct view_plan *
plan_new(const struct analysis *a, const struct view_opts *o,
    const char *const *ids, size_t nids)
{
	const struct sim *s = a->sim;
	struct view_plan *pl = xcalloc(1, sizeof(*pl));
	struct buf	 b = BUF_INIT;
	const char	**sc;
	size_t		 ns, j, i, k, *of, *slot, nslot, *at;
	int		 fold = view_fold(a, o);

	pl->a = a;
	pl->o = *o;
	sc = xreallocarray(NULL, s->nscenarios + 1, sizeof(*sc));
	ns = procedure_test_scenarios(a, sc);
	of = xcalloc(ns + 1, sizeof(*of));
	pl->pid = xcalloc(ns + 1, sizeof(*pl->pid));
	pl->count = xcalloc(ns + 1, sizeof(*pl->count));
	for (nslot = 64; nslot < 2 * ns + 2; nslot *= 2)
		;
	slot = xcalloc(nslot, sizeof(*slot));	/* test + 1; 0 is empty */
	for (j = 0; j < ns; j++) {
		buf_truncate(&b, 0);
		procedure_id(a, sc[j], &b);
		k = plan_slot(pl, slot, nslot, buf_cstr(&b));
		if (slot[k] == 0) {
			pl->pid[pl->n] = xstrdup(buf_cstr(&b));
			slot[k] = ++pl->n;
		}
		of[j] = slot[k] - 1;
		pl->count[of[j]]++;
	}
	pl->first = xcalloc(pl->n + 1, sizeof(*pl->first));
	for (i = 1; i < pl->n; i++)
		pl->first[i] = pl->first[i - 1] + pl->count[i - 1];
	at = xcalloc(pl->n + 1, sizeof(*at));
	pl->sids = xcalloc(ns + 1, sizeof(*pl->sids));
	pl->ssc = xcalloc(ns + 1, sizeof(*pl->ssc));
	for (j = 0; j < ns; j++) {
		k = pl->first[of[j]] + at[of[j]]++;
		pl->sids[k] = sc[j];
		pl->ssc[k] = sim_scenario(s, sc[j]);
	}
	if (a->dsn->failover.ntests > 0) {
		pl->credit_sc = xcalloc(s->nscenarios + 1,
		    sizeof(*pl->credit_sc));
		pl->credit_test = xcalloc(s->nscenarios + 1,
		    sizeof(*pl->credit_test));
		for (i = 1; i < s->nscenarios; i++) {
			const struct sim_scenario *x = &s->scenarios[i];

			if (x->nfailed != 1)
				continue;
			for (j = 0; j < ns; j++)
				if (strcmp(sc[j], x->id) == 0)
					break;
			if (j < ns)
				continue;
			buf_truncate(&b, 0);
			procedure_id(a, x->id, &b);
			k = plan_slot(pl, slot, nslot, buf_cstr(&b));
			if (slot[k] == 0)
				continue;
			pl->credit_sc[pl->ncredit] = x;
			pl->credit_test[pl->ncredit++] = slot[k] - 1;
		}
	}
	pl->keep = xcalloc(pl->n + 1, sizeof(*pl->keep));
	for (i = 0; i < pl->n; i++)
		if (ids == NULL || plan_causes_any(pl, i, ids, nids))
			pl->keep[pl->nkeep++] = i;
	pl->start = xcalloc(pl->nkeep + 1, 1);
	pl->end = xcalloc(pl->nkeep + 1, 1);
	pl->group = xcalloc(pl->nkeep + 1, sizeof(*pl->group));
	pl->run = xcalloc(pl->nkeep + 1, sizeof(*pl->run));
	pl->runlen = xcalloc(pl->nkeep + 1, sizeof(*pl->runlen));
	for (k = 0; k < pl->nkeep; k++) {
		i = pl->keep[k];
		pl->group[k] = fold ? scenario_group(s,
		    pl->ssc[pl->first[i]]) : VG_CIRCUITS;
		if (!o->layout)
			continue;
		if (k == 0 || pl->group[k] != pl->group[k - 1]) {
			pl->start[k] = 1;
			if (k > 0)
				pl->end[k - 1] = 1;
			pl->nrun++;
		}
		pl->run[k] = pl->nrun - 1;
		pl->runlen[pl->nrun - 1]++;
	}
	if (o->layout && pl->nkeep > 0)
		pl->end[pl->nkeep - 1] = 1;
	free(sc);
	free(of);
	free(at);
	free(slot);
	buf_release(&b);
	return pl;
}

/* The group_start of run r: its anchor, whether open, its label. */
static struct value *
plan_group_start(const struct view_plan *pl, size_t k)
{
	struct value	*gv = value_new_map();
	struct buf	 t = BUF_INIT;

	view_put_fmt(gv, "anchor", "tests-%s", view_groups[pl->group[k]].slug);
	value_map_bool(gv, "open", pl->group[k] <= VG_GATEWAYS);
	group_label(&t, pl->group[k], pl->runlen[pl->run[k]], "test",
	    "tests");
	value_map_str(gv, "label", buf_cstr(&t));
	buf_release(&t);
	return gv;
}

/* The anchor of test i: "test-disable-peering-er-x". */
static void
plan_anchor(const struct view_plan *pl, size_t i, struct buf *anchor)
{
	buf_puts(anchor, "test-");
	md_slug(pl->pid[i], anchor);
}

/*
 * Test i built alone (procset_test_of), with the single failures the
 * plan credits to it (credit_sc), as procset_tests() builds it.
 */
static struct procset *
plan_build(const struct view_plan *pl, size_t i)
{
	const struct sim_scenario **cr = NULL;
	struct procset	*set;
	size_t		 j, n = 0;

	if (pl->ncredit > 0)
		cr = xreallocarray(NULL, pl->ncredit, sizeof(*cr));
	for (j = 0; j < pl->ncredit; j++)
		if (pl->credit_test[j] == i)
			cr[n++] = pl->credit_sc[j];
	set = procset_test_of(pl->a, pl->sids + pl->first[i], pl->count[i],
	    cr, n);
	free(cr);
	return set;
}

/*
 * Kept test k as the runbook lists it: the procedure (procedure.h),
 * with its scenarios' picture and the simulation's table of the routes
 * its first scenario moves.
 */
static struct value *
entry_value(const struct view_plan *pl, size_t k, const struct procedure *p)
{
	const struct view_opts *o = &pl->o;
	size_t		 i = pl->keep[k];
	const struct sim_scenario *sc = pl->ssc[pl->first[i]];
	struct value	*e, *exp;
	struct buf	 t = BUF_INIT;
	size_t		 j, changed = 0, lost = 0;

	/*
	 * The runbook's page prints each read-only command once
	 * (procedure_value_doc); the packet and diagnose read the record.
	 */
	e = o->layout ? procedure_value_doc(p) : procedure_value(p);
	/* New user 19 item 10: no live placeholder. */
	shell_quote_holes_tree(e);
	if (o->layout && pl->start[k])
		value_map_put(e, "group_start", plan_group_start(pl, k));
	value_map_int(e, "number", (long long)i + 1);
	if (o->layout) {
		plan_anchor(pl, i, &t);
		value_map_str(e, "anchor", buf_cstr(&t));
	}
	put_diagram(e, find_diagram(o, sc->id));
	/*
	 * The table is the expectations' own rows (procedure.h,
	 * struct proc_route), so it cannot say other than the steps
	 * below it.
	 */
	exp = value_map_list(e, "expected");
	for (j = 0; j < p->expect.n; j++) {
		const struct proc_step *st = &p->expect.v[j];
		const struct proc_route *r = st->route;
		struct value *row;

		if (r == NULL)
			continue;
		row = value_list_map(exp);
		buf_truncate(&t, 0);
		buf_puts(&t, r->prefix);
		if (r->at)
			buf_printf(&t, " (test at %s)", r->at);
		value_map_str(row, "prefix", buf_cstr(&t));
		value_map_str(row, "site", r->site);
		value_map_str(row, "path", r->path);
		value_map_bool(row, "unreachable", r->unreachable);
		value_map_str(row, "via", r->via);
		put_capacity(row, r->unreachable, r->capacity_unknown,
		    r->capacity_mbps, r->capacity_estimate);
		buf_truncate(&t, 0);
		if (st->within_cell != NULL)
			buf_puts(&t, st->within_cell);
		else if (st->within_s > 0)
			buf_printf(&t, "%s%ld s", st->source &&
			    strcmp(st->source, "estimate") == 0 ?
			    "about " : "", st->within_s);
		else
			buf_puts(&t, "—");
		value_map_str(row, "within", buf_cstr(&t));
	}
	for (j = 0; j < moved_n(sc); j++) {
		changed++;
		lost += sc->routes[j].path == SIM_NONE;
	}
	buf_truncate(&t, 0);
	if (changed == 0)
		buf_puts(&t, "This failure moves no on-premises "
		    "prefix: Azure's routes stay as in the baseline, "
		    "and the redundancy of the failed element carries "
		    "the traffic.");
	else
		buf_printf(&t, "This failure moves %zu prefix%s as "
		    "the simulation predicts%s.", changed,
		    changed == 1 ? "" : "es", lost ? "; some have no "
		    "path left while it lasts" : "");
	value_map_str(e, "purpose", buf_cstr(&t));
	value_map_bool(e, "several", p->nscenarios > 1);
	if (o->layout && pl->end[k])
		value_map_bool(e, "group_end", 1);
	buf_release(&t);
	return e;
}

/* Kept test k, built, listed and freed (the lazy list's item). */
static struct value *
plan_entry(void *arg, size_t k)
{
	const struct view_plan *pl = arg;
	struct procset	*set = plan_build(pl, pl->keep[k]);
	struct value	*e = entry_value(pl, k, set->v[0]);

	procset_free(set);
	return e;
}

/*
 * The failover tests: the procedures (procedure.h), one per distinct
 * action (view_tests_of() keeps those of given scenarios).  Each test
 * has a stable anchor from its procedure id ("test-disable-peering-
 * er-x"), which the quick card and the matrix link to; tm, when not
 * NULL, is filled in.  The list stays flat; with o->layout,
 * runs of one kind carry group_start and group_end marks, as in the
 * matrix, and each run's start is listed in idx.  With o->lazy the
 * list makes each test when a writer reaches it (value_new_lazy_list).
 */
static struct value *
tests_list(const struct analysis *a, const struct view_opts *o,
    struct value *idx, struct view_testmap *tm)
{
	const struct sim *s = a->sim;
	struct view_plan *pl = plan_new(a, o, NULL, 0);
	struct value	*l;
	struct buf	 anchor = BUF_INIT;
	size_t		 i, j, k, x;

	if (tm != NULL) {
		tm->n = s->nscenarios;
		tm->number = xcalloc(tm->n, sizeof(*tm->number));
		tm->anchor = xcalloc(tm->n, sizeof(*tm->anchor));
	}
	for (k = 0; k < pl->nkeep; k++) {
		i = pl->keep[k];
		if (o->layout && pl->start[k] && idx != NULL)
			value_list_push(idx, plan_group_start(pl, k));
		if (tm == NULL)
			continue;
		buf_truncate(&anchor, 0);
		plan_anchor(pl, i, &anchor);
		for (j = 0; j < pl->count[i]; j++) {
			const struct sim_scenario *sc =
			    pl->ssc[pl->first[i] + j];

			x = sc != NULL ? (size_t)(sc - s->scenarios) : 0;
			if (x > 0 && x < tm->n && tm->number[x] == 0) {
				tm->number[x] = i + 1;
				tm->anchor[x] = xstrdup(buf_cstr(&anchor));
			}
		}
		for (j = 0; j < pl->ncredit; j++) {
			if (pl->credit_test[j] != i)
				continue;
			x = (size_t)(pl->credit_sc[j] - s->scenarios);
			if (x > 0 && x < tm->n && tm->number[x] == 0) {
				tm->number[x] = i + 1;
				tm->anchor[x] = xstrdup(buf_cstr(&anchor));
			}
		}
	}
	buf_release(&anchor);
	if (o->lazy)
		return value_new_lazy_list(pl->nkeep, plan_entry, plan_free,
		    pl);
	l = value_new_list();
	for (k = 0; k < pl->nkeep; k++)
		value_list_push(l, plan_entry(pl, k));
	plan_free(pl);
	return l;
}

static void
view_tests(const struct analysis *a, const struct view_opts *o,
    struct view_testmap *tm, struct value *v)
{
	struct value	*idx = value_new_list();

	value_map_put(v, "tests", tests_list(a, o, idx, tm));
	value_map_put(v, "test_index", idx);
}

struct view_tests *
view_tests_of(const struct analysis *a, const char *const *ids, size_t nids)
{
	struct view_tests *ts = xcalloc(1, sizeof(*ts));
	struct view_opts o;
	size_t		 k;

	memset(&o, 0, sizeof(o));
	ts->plan = plan_new(a, &o, ids, nids);
	ts->n = ts->plan->nkeep;
	ts->v = xcalloc(ts->n + 1, sizeof(*ts->v));
	ts->sets = xcalloc(ts->n + 1, sizeof(*ts->sets));
	for (k = 0; k < ts->n; k++) {
		ts->sets[k] = plan_build(ts->plan, ts->plan->keep[k]);
		ts->v[k].number = ts->plan->keep[k] + 1;
		ts->v[k].proc = ts->sets[k]->v[0];
	}
	return ts;
}

struct value *
view_test_value(const struct view_tests *ts, size_t i)
{
	return entry_value(ts->plan, i, ts->v[i].proc);
}

void
view_tests_free(struct view_tests *ts)
{
	size_t	 k;

	if (ts == NULL)
		return;
	for (k = 0; k < ts->n; k++)
		procset_free(ts->sets[k]);
	free(ts->sets);
	free(ts->v);
	plan_free(ts->plan);
	free(ts);
}

/* Section i of the unplanned chapter, its placeholders quoted. */
static struct value *
outage_item(void *arg, size_t i)
{
	const struct procset *set = arg;
	struct value	*e = procedure_value(set->v[i]);

	shell_quote_holes_tree(e);
	return e;
}

static void
outage_free(void *arg)
{
	procset_free(arg);
}

/* The unplanned-failure section: per circuit, and promised steps. */
static void
view_outage(const struct analysis *a, struct value *v)
{
	struct procset	*set = procset_outage(a);

	/* Made a section at a time, as the tests are: at 200 sites the
	 * chapter is some 200 sections, two of them as long as a gateway
	 * instance's test. */
	value_map_put(v, "outage", value_new_lazy_list(set->n, outage_item,
	    outage_free, set));
}

static void
view_monitoring(const struct analysis *a, struct value *v)
{
	const struct design *dsn = a->dsn;
	struct value	*l = value_map_list(v, "alerts"), *e;
	size_t		 i, j;

#define ALERT(res, met, cond, why) do { \
	e = value_list_map(l); \
	value_map_str(e, "resource", res); \
	value_map_str(e, "metric", met); \
	value_map_str(e, "condition", cond); \
	value_map_str(e, "why", why); \
} while (0)
	for (i = 0; i < dsn->ncircuits; i++) {
		const char *c = dsn->circuits[i].name;

		ALERT(c, "BgpAvailability", "< 100 % over 5 min",
		    "A BGP session of the private peering is down: "
		    "redundancy is lost.");
		ALERT(c, "ArpAvailability", "< 100 % over 5 min",
		    "Layer 2 to Microsoft's edge is failing on a link.");
		ALERT(c, "BitsInPerSecond / BitsOutPerSecond",
		    "> 80 % of the circuit bandwidth",
		    "The circuit nears saturation; a failover would not fit.");
	}
	if (dsn->er_gateway.node)
		ALERT(dsn->er_gateway.name, "ExpressRouteGatewayCpuUtilization",
		    "> 80 % over 15 min", "The gateway nears its throughput "
		    "limit.");
	if (dsn->vpn_gateway.node) {
		const char *g = dsn->vpn_gateway.name;

		ALERT(g, "TunnelAverageBandwidth", "> 80 % of the SKU "
		    "throughput", "Backup capacity may not carry an "
		    "ExpressRoute failover.");
		ALERT(g, "BgpPeerStatus", "= 0 (per peer)",
		    "A BGP session with an on-premises device is down.");
		for (i = 0; i < dsn->nsites; i++)
			for (j = 0; j < dsn->sites[i].ndevices; j++)
				ALERT(dsn->sites[i].devices[j].connection,
				    "Connection status (Resource Health)",
				    "not Connected",
				    "A site-to-site tunnel is down.");
	}
#undef ALERT
}

struct value *
view_runbook(const struct analysis *a, const struct view_opts *o)
{
	struct value	*v = value_new_map();
	struct view_testmap tm;

	value_map_bool(v, "html", o->html);
	view_meta(a, v);
	put_diagram(v, find_diagram(o, NULL));
	view_components(a, v);
	view_comparison(a, v);
	view_routing(a, v);
	view_findings(a, v);
	view_tests(a, o, &tm, v);
	view_matrix(a, o, &tm, v);
	if (o->layout)
		view_card(a, o, &tm, v);
	testmap_free(&tm);
	view_outage(a, v);
	view_monitoring(a, v);
	value_map_int(v, "depth", a->sim->depth);
	value_map_int(v, "nscenarios", (long long)a->sim->nscenarios - 1);
	{
		struct buf b = BUF_INIT;

		words_count(&b, a->sim->nscenarios - 1, "failure scenario",
		    "failure scenarios");
		value_map_put(v, "nscenarios_text", value_new_str_owned(
		    buf_detach(&b, NULL)));
	}
	return v;
}

/* view_procedures' item k: test k's record alone. */
static struct value *
plan_record(void *arg, size_t k)
{
	const struct view_plan *pl = arg;
	struct procset	*set = plan_build(pl, pl->keep[k]);
	struct value	*v = procedure_value(set->v[0]);

	shell_quote_holes_tree(v);
	procset_free(set);
	return v;
}

/* The test procedures as records, made one at a time. */
static struct value *
procedure_list(const struct analysis *a)
{
	struct view_opts o;
	struct view_plan *pl;

	memset(&o, 0, sizeof(o));
	pl = plan_new(a, &o, NULL, 0);
	return value_new_lazy_list(pl->nkeep, plan_record, plan_free, pl);
}

struct value *
view_procedures(const struct analysis *a)
{
	struct value	*v = value_new_map();
	struct procset	*set;

	value_map_str(v, "schema", "hybridoc-runbook/1");
	value_map_str(v, "version", HYBRIDOC_VERSION);
	value_map_str(v, "design", a->dsn->name);
	value_map_str(v, "file", a->dsn->file);
	value_map_str(v, "hash", a->dsn->hash);
	value_map_put(v, "procedures", procedure_list(a));
	set = procset_outage(a);
	shell_quote_holes_tree(value_map_put(v, "outage",
	    procset_value(set)));
	procset_free(set);
	return v;
}

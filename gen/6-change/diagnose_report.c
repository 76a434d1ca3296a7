/*
 * `hybridoc diagnose`, its report: the words for facts and scenarios,
 * the report as a tree, its JSON, text and Markdown, and dx_diagnose(),
 * which checks the inputs, reads them (diagnose_input.c), compares
 * them (diagnose.c) and writes the report.  Shared types are in
 * dx_int.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/catalog.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagnose.h"
#include "hybridoc/jsonin.h"
#include "hybridoc/markdown.h"
#include "hybridoc/mustache.h"
#include "hybridoc/prefix.h"
#include "hybridoc/procedure_cmd.h"
#include "hybridoc/shell.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/view.h"
#include "hybridoc/view_refs.h"
#include "hybridoc/xalloc.h"

#include "dx_int.h"

/* ------------------------------------------------------------------ */
/* Words */

static void
fact_text(const struct dx_run *r, size_t fi, int value, struct buf *b)
{
	const struct design *dsn = r->a->dsn;
	const struct dx_fact *f = &r->m.facts[fi];
	char		 t[PREFIX_STRLEN];
	const char	*gw = dx_gw_name(dsn, f->gw);

	if (f->instance >= 0)
		buf_printf(b, "%s instance %ld (%s): ", gw, f->instance,
		    prefix_format(&dsn->vpn_gateway.instances[f->instance].
		    bgp_ip, t, 0));
	else
		buf_printf(b, "%s: ", gw);
	switch (f->kind) {
	case DX_GATEWAY_UP:
		buf_puts(b, value ? "reports routes" : "reports nothing");
		break;
	case DX_ER_ROUTE:
		buf_printf(b, "%s with AS path %s from %d BGP peer%s",
		    prefix_format(&f->pfx, t, 1), f->as_path, value,
		    value == 1 ? "" : "s");
		break;
	case DX_VPN_ROUTE:
		buf_printf(b, "%s from %s/%s %s", prefix_format(&f->pfx, t, 1),
		    dsn->sites[f->site].name, f->dev->name, value ? "learned" :
		    "not learned");
		break;
	case DX_BGP_PEER:
		buf_printf(b, "BGP session with %s/%s (%s) %s",
		    dsn->sites[f->site].name, f->dev->name,
		    design_addr(dsn, value_map_get(f->dev->node, "bgp"),
		    "peer_ip", &f->dev->bgp_peer_ip, 0, t), value ?
		    "Connected" : "not Connected");
		break;
	}
}

/*
 * For one scenario: what it explains (facts observed as it expects
 * that the baseline does not) and what it contradicts (expected one
 * way, observed another).  Appends words to the lists.
 */
static void
scenario_facts(const struct dx_run *r, const struct sim_scenario *sc,
    char ***expl, size_t *nexpl, char ***contra, size_t *ncontra)
{
	const struct sim_scenario *base = &r->a->sim->scenarios[0];
	struct buf	 b = BUF_INIT;
	size_t		 f;
	int		 e, be;

	for (f = 0; f < r->m.nfacts; f++) {
		if (r->obs[f] < 0)
			continue;
		e = dx_expect(&r->m, sc, f);
		be = dx_expect(&r->m, base, f);
		buf_truncate(&b, 0);
		if (e == r->obs[f]) {
			if (e == be && sc != base)
				continue;
			if (sc == base)
				continue;
			fact_text(r, f, r->obs[f], &b);
			*expl = xreallocarray(*expl, *nexpl + 1,
			    sizeof(**expl));
			(*expl)[(*nexpl)++] = xstrdup(buf_cstr(&b));
		} else {
			fact_text(r, f, r->obs[f], &b);
			buf_puts(&b, "; expected: ");
			{
				struct buf x = BUF_INIT;

				fact_text(r, f, e, &x);
				/* Only the part after the gateway. */
				buf_puts(&b, strchr(buf_cstr(&x), ':') ?
				    strchr(buf_cstr(&x), ':') + 2 :
				    buf_cstr(&x));
				buf_release(&x);
			}
			*contra = xreallocarray(*contra, *ncontra + 1,
			    sizeof(**contra));
			(*contra)[(*ncontra)++] = xstrdup(buf_cstr(&b));
		}
	}
	buf_release(&b);
}

/*
 * The Azure CLI command of a runbook builder (procedure_cmd.h), for a
 * hint: the same group, placeholder and subscription as the runbook.
 */
static void
route_summary(const struct design *dsn, const struct circuit *c,
    int secondary, struct buf *b)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT;

	proc_cmd_route_summary(&az, &ps, dsn, c, secondary);
	buf_puts(b, buf_cstr(&az));
	buf_release(&az);
	buf_release(&ps);
}

/* Both links of circuit c: "CMD, then the same with --path secondary". */
static void
route_summaries(const struct design *dsn, const struct circuit *c,
    struct buf *b)
{
	route_summary(dsn, c, 0, b);
	buf_puts(b, ", then the same with --path secondary");
}

/* The down state of a circuit's BGP neighbour, as the runbook says it. */
#define DX_NOT_UP	"the neighbour is not up (Idle/Active/Connect)"

/* The read-only check that confirms element e. */
static void
element_check(const struct analysis *a, const struct sim_element *e,
    struct buf *b)
{
	const struct design *dsn = a->dsn;
	struct buf	 az = BUF_INIT, ps = BUF_INIT;
	char		 t[PREFIX_STRLEN];
	size_t		 i, n;

	switch (e->kind) {
	case SIM_EL_CIRCUIT:
		buf_printf(b, "circuit %s's BGP sessions on both links (",
		    e->circuit->name);
		route_summaries(dsn, e->circuit, b);
		buf_puts(b, "): " DX_NOT_UP " on either when the circuit is "
		    "down");
		break;
	case SIM_EL_LINK:
		buf_printf(b, "circuit %s's BGP session on the %s link (",
		    e->circuit->name, e->link ? "secondary" : "primary");
		route_summary(dsn, e->circuit, e->link, b);
		buf_puts(b, "): " DX_NOT_UP " on that link while the other "
		    "link's is up and receives prefixes");
		break;
	case SIM_EL_LOCATION:
		buf_printf(b, "every circuit at peering location %s down at "
		    "once (", e->location);
		for (i = n = 0; i < dsn->ncircuits; i++)
			if (dx_same_slug(dsn->circuits[i].peering_location,
			    e->location)) {
				buf_printf(b, "%s%s: ", n++ ? "; " : "",
				    dsn->circuits[i].name);
				route_summaries(dsn, &dsn->circuits[i], b);
			}
		buf_puts(b, "): " DX_NOT_UP " on both links of each; and "
		    "Azure Service Health for the location");
		break;
	case SIM_EL_ER_GATEWAY:
		buf_printf(b, "the circuits' BGP sessions still up and "
		    "receiving prefixes while %s learns none (",
		    dsn->er_gateway.name);
		for (i = 0; i < dsn->ncircuits; i++) {
			buf_printf(b, "%s%s: ", i ? "; " : "",
			    dsn->circuits[i].name);
			route_summary(dsn, &dsn->circuits[i], 0, b);
		}
		buf_putc(b, ')');
		break;
	case SIM_EL_VPN_INSTANCE:
		proc_cmd_bgp_peers(&az, &ps, dsn);
		buf_printf(b, "%s: no Connected session on instance %zu",
		    buf_cstr(&az), e->instance);
		if (e->instance < dsn->vpn_gateway.ninstances &&
		    dsn->vpn_gateway.instances[e->instance].has_bgp_ip)
			buf_printf(b, " (local address %s)",
			    prefix_format(&dsn->vpn_gateway.instances[
			    e->instance].bgp_ip, t, 0));
		if (!dsn->vpn_gateway.active_active)
			buf_puts(b, "; on an active-standby gateway the "
			    "sessions come back on the standby within 1-3 "
			    "minutes, so look at connectedDuration");
		break;
	case SIM_EL_TUNNEL:
	case SIM_EL_DEVICE:
		if (dx_device_bgp(e->device)) {
			proc_cmd_bgp_peers(&az, &ps, dsn);
			shell_opt(&az, SHELL_SH, "--peer", design_addr(dsn,
			    value_map_get(e->device->node, "bgp"), "peer_ip",
			    &e->device->bgp_peer_ip, 0, t));
			buf_printf(b, "%s: the session with %s/%s %s",
			    buf_cstr(&az), e->site->name, e->device->name,
			    e->kind == SIM_EL_TUNNEL ? "on that instance is "
			    "not Connected" : "is not Connected on any "
			    "instance");
		} else {
			proc_cmd_tunnels(&az, &ps, dsn, e->device->connection);
			buf_printf(b, "%s: the tunnel%s of %s/%s (static "
			    "routes stay in the learned routes whatever the "
			    "tunnel's state)", buf_cstr(&az),
			    e->kind == SIM_EL_TUNNEL ? " to that instance" :
			    "s", e->site->name, e->device->name);
		}
		break;
	case SIM_EL_SITE:
		buf_printf(b, "whether anything at site %s answers: its "
		    "devices' tunnels and BGP sessions and its circuits' "
		    "routes all down together", e->site->name);
		break;
	}
	buf_release(&az);
	buf_release(&ps);
}

/* ------------------------------------------------------------------ */
/* The report, as a tree first, then written in each format */

struct dx_item {
	const struct sim_scenario *sc;
	size_t		 contra;
	char		*title;
	char		**expl;
	size_t		 nexpl;
	char		**contr;
	size_t		 ncontr;
};

static void
item_init(struct dx_item *it, const struct dx_run *r,
    const struct sim_scenario *sc, size_t contra)
{
	struct buf	 t = BUF_INIT;

	memset(it, 0, sizeof(*it));
	it->sc = sc;
	it->contra = contra;
	view_scenario_title(r->a, sc->id, &t);
	it->title = buf_detach(&t, NULL);
	scenario_facts(r, sc, &it->expl, &it->nexpl, &it->contr,
	    &it->ncontr);
}

static void
item_release(struct dx_item *it)
{
	free(it->title);
	strv_free(it->expl, it->nexpl);
	strv_free(it->contr, it->ncontr);
}

/*
 * Where the runbook speaks of sc, asked of the view module so that the
 * anchors follow the runbook's headings: the failover matrix's section
 * ("### TITLE", for a scenario that moves a prefix) and the test
 * procedure, by its stable anchor ("test-" and its procedure id's slug,
 * which stays when a test is added before it), whose procedure id goes
 * to proc.
 */
static void
anchors(const struct analysis *a, const struct sim_scenario *sc,
    struct buf *matrix, struct buf *test, struct buf *proc)
{
	struct view_test_ref t;
	struct buf	 h = BUF_INIT;

	if (view_matrix_title(a, sc->id, &h))
		md_slug(buf_cstr(&h), matrix);
	if (view_test_of(a, sc->id, &t)) {
		buf_puts(test, "test-");
		md_slug(t.id, test);
		buf_puts(proc, t.id);
		view_test_ref_release(&t);
	}
	buf_release(&h);
}

/*
 * A capacity's members, the keys `simulate --format json` and the
 * runbook's JSON use: capacity_mbps (null when a bandwidth it depends
 * on is unknown), capacity_unknown (that value's placeholder) and
 * capacity_estimate (what an estimate rests on, SIM_CAPACITY_ESTIMATE).
 */
static void
capacity_json(json_t *x, long mbps, const char *unknown, int estimate)
{
	json_object_set_new(x, "capacity_mbps", unknown != NULL ?
	    json_null() : json_integer(mbps));
	if (unknown != NULL)
		json_object_set_new(x, "capacity_unknown",
		    json_string(unknown));
	else if (estimate)
		json_object_set_new(x, "capacity_estimate",
		    json_string(SIM_CAPACITY_ESTIMATE));
}

/* What the simulation says happens in sc. */
static json_t *
consequences(const struct analysis *a, const struct sim_scenario *sc)
{
	const struct sim *s = a->sim;
	const struct design *dsn = a->dsn;
	json_t		*o = json_object(), *moved = json_array(),
			*lost = json_array(), *cap = json_array();
	char		 t[PREFIX_STRLEN];
	size_t		 k, i;

	for (k = 0; k < s->natoms; k++) {
		const struct sim_route *rt = sim_route_at(s, sc, k);

		prefix_format(&rt->atom, t, 1);
		if (rt->path == SIM_NONE) {
			json_t	*x = json_object();

			json_object_set_new(x, "prefix", json_string(t));
			json_object_set_new(x, "site", json_string(rt->site ?
			    rt->site->name : ""));
			json_array_append_new(lost, x);
		} else if (sim_route_changed(s, sc, k)) {
			json_t	*x = json_object();

			json_object_set_new(x, "prefix", json_string(t));
			json_object_set_new(x, "site", json_string(rt->site ?
			    rt->site->name : ""));
			json_object_set_new(x, "path",
			    json_string(sim_path_name(rt->path)));
			json_object_set_new(x, "via", json_string(rt->via));
			capacity_json(x, rt->capacity_mbps,
			    rt->capacity_unknown, rt->capacity_estimate);
			json_object_set_new(x, "detect_s",
			    json_real(rt->detect_s));
			/* The runbook's words for what the figure rests on. */
			json_object_set_new(x, "detect_basis", rt->detect_s > 0 ?
			    json_string(sim_detect_basis(rt->detect_by)) :
			    json_null());
			json_array_append_new(moved, x);
		}
	}
	for (i = 0; i < dsn->ntraffic; i++) {
		const struct traffic *tr = &dsn->traffic[i];
		const char *unk = NULL;
		long	 minc = -1;
		int	 est = 0;
		json_t	*x;

		if (tr->site == NULL)
			continue;
		/*
		 * The smallest capacity over the site's reachable prefixes,
		 * as the runbook's quick card takes it: an unknown bandwidth
		 * on any of them leaves no conclusion.
		 */
		for (k = 0; k < s->natoms; k++) {
			const struct sim_route *rt = sim_route_at(s, sc, k);

			if (rt->site != tr->site || rt->path == SIM_NONE)
				continue;
			if (rt->capacity_unknown != NULL) {
				if (unk == NULL)
					unk = rt->capacity_unknown;
			} else if (minc < 0 || rt->capacity_mbps < minc) {
				minc = rt->capacity_mbps;
				est = rt->capacity_estimate;
			}
		}
		x = json_object();
		json_object_set_new(x, "site", json_string(tr->site->name));
		json_object_set_new(x, "peak_mbps", json_integer(tr->peak_mbps));
		if (unk == NULL && minc < 0)
			json_object_set_new(x, "capacity_mbps", json_null());
		else
			capacity_json(x, minc, unk, est);
		/* null: not known (a bandwidth is unknown). */
		json_object_set_new(x, "fits", unk != NULL ? json_null() :
		    json_boolean(minc >= 0 && minc >= tr->peak_mbps));
		json_array_append_new(cap, x);
	}
	json_object_set_new(o, "moved", moved);
	json_object_set_new(o, "unreachable", lost);
	json_object_set_new(o, "capacity", cap);
	return o;
}

static json_t *
strv_json(char **v, size_t n)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *
item_json(const struct dx_item *it)
{
	json_t	*o = json_object();

	json_object_set_new(o, "id", json_string(it->sc->id));
	json_object_set_new(o, "title", json_string(it->title));
	json_object_set_new(o, "contradictions", json_integer((json_int_t)
	    it->contra));
	json_object_set_new(o, "explains", strv_json(it->expl, it->nexpl));
	json_object_set_new(o, "contradicts", strv_json(it->contr,
	    it->ncontr));
	return o;
}

/*
 * Every gateway of the design whose learned routes were not given:
 * nothing on its paths was observed, so no failure there is ruled out,
 * whatever the ranking says.
 */
static json_t *
not_captured(const struct dx_run *r)
{
	const struct design *dsn = r->a->dsn;
	const char	*gw[2];
	json_t		*nc = json_array(), *x;
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 g, any;

	gw[DX_GW_ER] = dsn->er_gateway.node ? dsn->er_gateway.name : NULL;
	gw[DX_GW_VPN] = dsn->vpn_gateway.node ? dsn->vpn_gateway.name : NULL;
	for (g = 0; g < 2; g++) {
		if (gw[g] == NULL)
			continue;
		for (any = 0, i = 0; i < r->nfiles; i++)
			if ((int)r->files[i].gw == g) {
				any = 1;
				if (r->files[i].in->kind == DX_LEARNED)
					break;
			}
		if (i < r->nfiles)
			continue;
		buf_truncate(&b, 0);
		buf_printf(&b, "%s: %snot captured; failures on its paths "
		    "cannot be ruled out", gw[g], any ? "learned routes " : "");
		x = json_object();
		json_object_set_new(x, "gateway", json_string(gw[g]));
		json_object_set_new(x, "message", json_string(buf_cstr(&b)));
		json_array_append_new(nc, x);
	}
	buf_release(&b);
	return nc;
}

/* The whole report as JSON: every writer reads this tree. */
static json_t *
report_tree(struct dx_run *r, int *status)
{
	const struct sim *s = r->a->sim;
	const struct design *dsn = r->a->dsn;
	json_t		*root = json_object(), *best = json_array(),
			*others = json_array(), *caps = json_array(),
			*findings = json_array(), *sep = json_array(), *bm;
	struct buf	 b = BUF_INIT, m1 = BUF_INIT, m2 = BUF_INIT,
			 m3 = BUF_INIT;
	const struct sim_scenario *top = &s->scenarios[r->order[0]];
	size_t		 i, j, k, compared = 0;
	int		 base_ok;

	json_object_set_new(root, "design", json_string(dsn->file));
	json_object_set_new(root, "name", json_string(dsn->name));
	for (i = 0; i < r->nfiles; i++) {
		const struct dx_file *f = &r->files[i];
		json_t	*x = json_object();

		json_object_set_new(x, "gateway", json_string(f->in->gateway));
		json_object_set_new(x, "kind", json_string(f->in->kind ==
		    DX_LEARNED ? "learned-routes" : "bgp-peers"));
		json_object_set_new(x, "file", json_string(f->in->file));
		json_object_set_new(x, "entries", json_integer((json_int_t)
		    f->entries));
		json_object_set_new(x, "duplicates", json_integer((json_int_t)
		    f->duplicates));
		json_object_set_new(x, "ibgp_ignored", json_integer(
		    (json_int_t)f->ibgp));
		json_array_append_new(caps, x);
	}
	json_object_set_new(root, "captures", caps);
	json_object_set_new(root, "not_captured", not_captured(r));
	/*
	 * Values the design gives as unknown (HD801): an observation that
	 * needs one (a peer's address or ASN) is matched to nothing in
	 * the design, so the ranking below depends on them.
	 */
	if (dsn->nunknowns > 0) {
		json_t	*unk = json_array();

		for (i = 0; i < dsn->nunknowns; i++)
			json_array_append_new(unk, json_string(
			    dsn->unknowns[i].path));
		json_object_set_new(root, "unknown", unk);
	}
	for (i = 0; i < r->m.nfacts; i++)
		compared += r->obs[i] >= 0;
	json_object_set_new(root, "observations", json_integer((json_int_t)
	    compared));

	/* The best: every scenario with the fewest contradictions. */
	for (i = 0; i < s->nscenarios; i++) {
		const struct sim_scenario *sc = &s->scenarios[r->order[i]];
		struct dx_item it;
		json_t	*x;

		if (r->contra[r->order[i]] != r->contra[r->order[0]])
			break;
		item_init(&it, r, sc, r->contra[r->order[i]]);
		x = item_json(&it);
		json_object_set_new(x, "indistinguishable_from_first",
		    json_boolean(i > 0 && dx_indistinguishable(r, top, sc)));
		json_array_append_new(best, x);
		item_release(&it);
	}
	json_object_set_new(root, "best", best);
	/* How to tell the best apart. */
	if (json_array_size(best) > 1) {
		for (i = 0; i < json_array_size(best); i++) {
			const struct sim_scenario *sc =
			    &s->scenarios[r->order[i]];
			json_t	*x = json_object(), *checks = json_array();

			json_object_set_new(x, "id", json_string(sc->id));
			for (k = 0; k < sc->nfailed; k++) {
				buf_truncate(&b, 0);
				element_check(r->a, &s->elems[sc->failed[k]],
				    &b);
				json_array_append_new(checks,
				    json_string(buf_cstr(&b)));
			}
			if (sc->nfailed == 0)
				json_array_append_new(checks, json_string(
				    "the checks of the other scenarios here all "
				    "come back healthy"));
			json_object_set_new(x, "checks", checks);
			json_array_append_new(sep, x);
		}
	}
	json_object_set_new(root, "tell_apart", sep);
	for (j = i; j < s->nscenarios && j < i + DX_SHOW_OTHERS * 4; j++) {
		struct dx_item it;

		item_init(&it, r, &s->scenarios[r->order[j]],
		    r->contra[r->order[j]]);
		json_array_append_new(others, item_json(&it));
		item_release(&it);
	}
	json_object_set_new(root, "others", others);
	json_object_set_new(root, "others_not_listed", json_integer(
	    (json_int_t)(s->nscenarios - j)));

	/* The best match in the simulation and the runbook. */
	bm = consequences(r->a, top);
	json_object_set_new(bm, "id", json_string(top->id));
	{
		struct buf t = BUF_INIT;

		view_scenario_title(r->a, top->id, &t);
		json_object_set_new(bm, "title", json_string(buf_cstr(&t)));
		buf_release(&t);
	}
	anchors(r->a, top, &m1, &m2, &m3);
	if (m3.len)
		json_object_set_new(bm, "procedure", json_string(
		    buf_cstr(&m3)));
	json_object_set_new(bm, "runbook_matrix_anchor", m1.len ?
	    json_string(buf_cstr(&m1)) : json_null());
	json_object_set_new(bm, "runbook_test_anchor", m2.len ?
	    json_string(buf_cstr(&m2)) : json_null());
	json_object_set_new(root, "best_match", bm);

	for (i = 0; i < r->nnotes; i++) {
		const struct dx_note *n = &r->notes[i];
		json_t	*x = json_object();
		struct mark mk = dx_entry_mark(n->file, n->index, n->key);

		dx_entry_path(n->file, n->index, n->key, &b);
		json_object_set_new(x, "rule", json_string(rules[n->rule].id));
		json_object_set_new(x, "level", json_string(
		    diag_level_str(rules[n->rule].level)));
		json_object_set_new(x, "file", json_string(n->file->in->file));
		json_object_set_new(x, "line", json_integer(mk.line));
		json_object_set_new(x, "column", json_integer(mk.col));
		json_object_set_new(x, "path", json_string(buf_cstr(&b)));
		json_object_set_new(x, "message", json_string(n->msg));
		json_array_append_new(findings, x);
	}
	json_object_set_new(root, "findings", findings);
	json_object_set_new(root, "findings_not_listed", json_integer(
	    (json_int_t)r->notes_dropped));
	base_ok = r->contra[0] == 0;
	/* An incomplete capture is never all clear. */
	*status = base_ok && r->nnotes == 0 && r->notes_dropped == 0 &&
	    json_array_size(json_object_get(root, "not_captured")) == 0 ?
	    0 : 1;
	json_object_set_new(root, "baseline_explains_all",
	    json_boolean(base_ok));
	json_object_set_new(root, "status", json_integer(*status));
	buf_release(&b);
	buf_release(&m1);
	buf_release(&m2);
	buf_release(&m3);
	return root;
}

/* ---- text and Markdown ---- */

static const char *
jstr(json_t *o, const char *k)
{
	const char	*s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static long long
jint(json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

/*
 * Text: s on one line, a control character as a C escape (so that a
 * name from a design or a file cannot start a line of its own or send
 * terminal escapes); Markdown: escaped for inline text.
 */
static void
put(struct buf *out, int md, const char *s)
{
	unsigned char	 c;

	if (md) {
		tmpl_escape(out, s, strlen(s), TMPL_ESC_MARKDOWN);
		return;
	}
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (c == '\n')
			buf_puts(out, "\\n");
		else if (c == '\r')
			buf_puts(out, "\\r");
		else if (c == '\t')
			buf_puts(out, "\\t");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(out, "\\x%02x", c);
		else
			buf_putc(out, (int)c);
	}
}

static void
put_code(struct buf *out, int md, const char *s)
{
	size_t	 ticks = 0, run = 0, i;

	if (!md) {
		put(out, 0, s);
		return;
	}
	for (i = 0; s[i]; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > ticks)
			ticks = run;
	}
	for (i = 0; i <= ticks; i++)
		buf_putc(out, '`');
	buf_puts(out, ticks ? " " : "");
	for (i = 0; s[i]; i++)
		buf_putc(out, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	buf_puts(out, ticks ? " " : "");
	for (i = 0; i <= ticks; i++)
		buf_putc(out, '`');
}

/* x's capacity in the words every writer uses (sim_capacity_words). */
static void
put_capacity(struct buf *out, int md, json_t *x)
{
	struct buf	 w = BUF_INIT;

	sim_capacity_words(&w, (long)jint(x, "capacity_mbps"),
	    json_is_string(json_object_get(x, "capacity_unknown")) ?
	    jstr(x, "capacity_unknown") : NULL,
	    json_is_string(json_object_get(x, "capacity_estimate")));
	put(out, md, buf_cstr(&w));
	buf_release(&w);
}

static void
put_list(struct buf *out, int md, const char *label, json_t *a)
{
	size_t	 i, n = json_array_size(a);

	if (n == 0)
		return;
	buf_printf(out, "%s%s:\n", md ? "  " : "    ", label);
	for (i = 0; i < n && i < DX_LIST_MAX; i++) {
		buf_puts(out, md ? "    - " : "      - ");
		put(out, md, json_string_value(json_array_get(a, i)));
		buf_putc(out, '\n');
	}
	if (n > DX_LIST_MAX)
		buf_printf(out, "%sand %zu more\n", md ? "    - " : "      - ",
		    n - DX_LIST_MAX);
}

static void
put_item(struct buf *out, int md, json_t *x)
{
	buf_puts(out, md ? "- " : "  ");
	put_code(out, md, jstr(x, "id"));
	buf_puts(out, md ? ": " : "  ");
	put(out, md, jstr(x, "title"));
	buf_printf(out, " (%lld contradiction%s)\n", jint(x, "contradictions"),
	    jint(x, "contradictions") == 1 ? "" : "s");
	put_list(out, md, "explains", json_object_get(x, "explains"));
	put_list(out, md, "contradicts", json_object_get(x, "contradicts"));
}

static void
write_human(struct buf *out, json_t *root, int md)
{
	json_t		*best = json_object_get(root, "best"),
			*others = json_object_get(root, "others"),
			*bm = json_object_get(root, "best_match"),
			*a, *x;
	const char	*h2 = md ? "## " : "", *h1 = md ? "# " : "";
	size_t		 i, k;

	buf_printf(out, "%sDiagnosis of ", h1);
	put(out, md, jstr(root, "name"));
	buf_puts(out, " (");
	put(out, md, jstr(root, "design"));
	buf_puts(out, ")\n\n");
	a = json_object_get(root, "captures");
	buf_puts(out, md ? "Captures read:\n\n" : "Captures read:\n");
	for (i = 0; i < json_array_size(a); i++) {
		x = json_array_get(a, i);
		buf_puts(out, md ? "- " : "  ");
		put(out, md, jstr(x, "gateway"));
		buf_printf(out, " %s from ", jstr(x, "kind"));
		put_code(out, md, jstr(x, "file"));
		buf_printf(out, ": %lld %s", jint(x, "entries"),
		    jint(x, "entries") == 1 ? "entry" : "entries");
		if (jint(x, "duplicates"))
			buf_printf(out, ", %lld duplicate%s ignored",
			    jint(x, "duplicates"), jint(x, "duplicates") == 1 ?
			    "" : "s");
		if (jint(x, "ibgp_ignored"))
			buf_printf(out, ", %lld internal (iBGP) %s ignored",
			    jint(x, "ibgp_ignored"), strcmp(jstr(x, "kind"),
			    "bgp-peers") == 0 ? (jint(x, "ibgp_ignored") == 1 ?
			    "session" : "sessions") : (jint(x, "ibgp_ignored") ==
			    1 ? "copy" : "copies"));
		buf_putc(out, '\n');
	}
	a = json_object_get(root, "not_captured");
	for (i = 0; i < json_array_size(a); i++) {
		buf_puts(out, md ? "- **" : "  ");
		put(out, md, jstr(json_array_get(a, i), "message"));
		buf_puts(out, md ? "**\n" : "\n");
	}
	buf_printf(out, "%s%lld observations compared with every "
	    "scenario.\n\n", md ? "\n" : "  ", jint(root, "observations"));
	a = json_object_get(root, "unknown");
	if (json_array_size(a) > 0) {
		buf_printf(out, "%sThe design gives %zu value%s as unknown: an "
		    "observation that needs one (a peer's address or ASN) "
		    "matches nothing in the design, so the ranking below "
		    "depends on them: ", md ? "**Not complete.** " : "",
		    json_array_size(a), json_array_size(a) == 1 ? "" : "s");
		for (i = 0; i < json_array_size(a); i++) {
			if (i)
				buf_puts(out, ", ");
			put_code(out, md, json_string_value(
			    json_array_get(a, i)));
		}
		buf_puts(out, ".\n\n");
	}

	buf_printf(out, "%sBest match%s\n\n", h2,
	    json_array_size(best) > 1 ? "es" : "");
	for (i = 0; i < json_array_size(best); i++)
		put_item(out, md, json_array_get(best, i));
	if (json_array_size(best) > 1) {
		a = json_object_get(root, "tell_apart");
		buf_printf(out, "\n%s scenarios fit the captures equally%s. "
		    "To tell them apart, look at:\n", md ? "These" : "These",
		    json_is_true(json_object_get(json_array_get(best, 1),
		    "indistinguishable_from_first")) ? " (the captures cannot "
		    "tell some of them apart at all)" : "");
		if (md)
			buf_putc(out, '\n');
		for (i = 0; i < json_array_size(a); i++) {
			json_t	*c = json_object_get(json_array_get(a, i),
			    "checks");

			buf_puts(out, md ? "- " : "  ");
			put_code(out, md, jstr(json_array_get(a, i), "id"));
			buf_puts(out, ":\n");
			for (k = 0; k < json_array_size(c); k++) {
				buf_puts(out, md ? "  - " : "      - ");
				put(out, md, json_string_value(
				    json_array_get(c, k)));
				buf_putc(out, '\n');
			}
		}
	}

	buf_printf(out, "\n%sWhat the simulation says happens in ", h2);
	put_code(out, md, jstr(bm, "id"));
	buf_puts(out, "\n\n");
	a = json_object_get(bm, "moved");
	if (json_array_size(a) == 0)
		buf_puts(out, "No prefix changes path.\n");
	for (i = 0; i < json_array_size(a); i++) {
		x = json_array_get(a, i);
		buf_puts(out, md ? "- " : "  ");
		put(out, md, jstr(x, "prefix"));
		buf_puts(out, " (");
		put(out, md, jstr(x, "site"));
		buf_printf(out, "): now over %s via ", jstr(x, "path"));
		put(out, md, jstr(x, "via"));
		buf_puts(out, ", capacity ");
		put_capacity(out, md, x);
		buf_printf(out, ", detected after %g s", json_real_value(
		    json_object_get(x, "detect_s")));
		if (json_is_string(json_object_get(x, "detect_basis"))) {
			buf_puts(out, " (");
			put(out, md, jstr(x, "detect_basis"));
			buf_putc(out, ')');
		}
		buf_putc(out, '\n');
	}
	a = json_object_get(bm, "unreachable");
	buf_puts(out, md ? "\nUnreachable: " : "  Unreachable: ");
	if (json_array_size(a) == 0)
		buf_puts(out, "none");
	for (i = 0; i < json_array_size(a); i++) {
		x = json_array_get(a, i);
		buf_puts(out, i ? ", " : "");
		put(out, md, jstr(x, "prefix"));
		buf_puts(out, " (");
		put(out, md, jstr(x, "site"));
		buf_puts(out, ")");
	}
	buf_putc(out, '\n');
	a = json_object_get(bm, "capacity");
	for (i = 0; i < json_array_size(a); i++) {
		x = json_array_get(a, i);
		buf_puts(out, md ? "\n" : "  ");
		buf_puts(out, "Traffic to ");
		put(out, md, jstr(x, "site"));
		buf_printf(out, " peaks at %lld Mbps; ", jint(x, "peak_mbps"));
		if (json_is_null(json_object_get(x, "capacity_mbps")) &&
		    !json_is_string(json_object_get(x, "capacity_unknown")))
			buf_puts(out, "it has no path.");
		else {
			buf_puts(out, "its path carries ");
			put_capacity(out, md, x);
			buf_puts(out, json_is_null(json_object_get(x, "fits")) ?
			    ": whether it fits is not known." :
			    json_is_true(json_object_get(x, "fits")) ? "." :
			    ": it does not fit.");
		}
		buf_putc(out, md ? '\n' : '\n');
	}
	buf_puts(out, md ? "\nIn the HTML runbook (" : "  In the HTML runbook (");
	{
		struct buf c = BUF_INIT;

		buf_puts(&c, "hybridoc runbook ");
		buf_puts(&c, jstr(root, "design"));
		buf_puts(&c, " -o runbook.html");
		put_code(out, md, buf_cstr(&c));
		buf_release(&c);
	}
	buf_puts(out, "): ");
	k = 0;
	if (!json_is_null(json_object_get(bm, "runbook_matrix_anchor"))) {
		buf_printf(out, "what changes, at %s#%s%s", md ? "`" : "",
		    jstr(bm, "runbook_matrix_anchor"), md ? "`" : "");
		k = 1;
	}
	if (!json_is_null(json_object_get(bm, "runbook_test_anchor"))) {
		buf_printf(out, "%sthe test procedure, at %s#%s%s", k ? "; " :
		    "", md ? "`" : "", jstr(bm, "runbook_test_anchor"),
		    md ? "`" : "");
		k = 1;
	}
	if (!k)
		buf_puts(out, "the baseline's routing policy at "
		    "#routing-policy");
	if (json_object_get(bm, "procedure") != NULL) {
		buf_puts(out, "; procedure ");
		put_code(out, md, jstr(bm, "procedure"));
		buf_puts(out, " in its JSON");
	}
	buf_puts(out, ".\n");

	if (json_array_size(others) > 0) {
		buf_printf(out, "\n%sOther scenarios, fewest contradictions "
		    "first\n\n", h2);
		for (i = 0; i < json_array_size(others) && i < DX_SHOW_OTHERS;
		    i++)
			put_item(out, md, json_array_get(others, i));
		k = json_array_size(others) - i +
		    (size_t)jint(root, "others_not_listed");
		if (k > 0)
			buf_printf(out, "%s%zu more (--format json lists "
			    "them)\n", md ? "- " : "  ", k);
	}

	a = json_object_get(root, "findings");
	buf_printf(out, "\n%sObservations no scenario explains\n\n", h2);
	if (json_array_size(a) == 0)
		buf_puts(out, "None: the captures and the design agree.\n");
	for (i = 0; i < json_array_size(a); i++) {
		x = json_array_get(a, i);
		buf_puts(out, md ? "- " : "");
		if (md) {
			put_code(out, md, jstr(x, "file"));
			buf_printf(out, " line %lld, ", jint(x, "line"));
			put_code(out, md, jstr(x, "path"));
			buf_printf(out, ": %s: ", jstr(x, "level"));
		} else {
			put(out, 0, jstr(x, "file"));
			buf_printf(out, ":%lld:%lld: %s: ", jint(x, "line"),
			    jint(x, "column"), jstr(x, "level"));
			put(out, 0, jstr(x, "path"));
			buf_puts(out, ": ");
		}
		put(out, md, jstr(x, "message"));
		buf_printf(out, " [%s]\n", jstr(x, "rule"));
	}
	if (jint(root, "findings_not_listed"))
		buf_printf(out, "%s%lld more not listed\n", md ? "- " : "",
		    jint(root, "findings_not_listed"));
	a = json_object_get(root, "not_captured");
	buf_puts(out, md ? "\n**Verdict:** " : "\nVerdict: ");
	if (jint(root, "status") == 0)
		buf_puts(out, "the network behaves as designed (the baseline "
		    "explains every observation).");
	else if (!json_is_true(json_object_get(root, "baseline_explains_all")))
		buf_puts(out, "the network is not in its baseline state.");
	else if (json_array_size(json_object_get(root, "findings")) > 0 ||
	    jint(root, "findings_not_listed"))
		buf_puts(out, "the baseline explains the routes, but some "
		    "observations contradict the design (see above).");
	else
		buf_puts(out, "the baseline explains what was captured, but "
		    "the captures are incomplete.");
	if (json_array_size(a) > 0) {
		buf_puts(out, " Not captured: ");
		for (i = 0; i < json_array_size(a); i++) {
			buf_puts(out, i ? ", " : "");
			put(out, md, jstr(json_array_get(a, i), "gateway"));
		}
		buf_printf(out, "; failures on %s paths cannot be ruled out "
		    "(capture %s with ", json_array_size(a) == 1 ? "its" :
		    "their", json_array_size(a) == 1 ? "it" : "them");
		{
			struct buf c = BUF_INIT;

			buf_printf(&c, "hybridoc diagnose %s --commands",
			    jstr(root, "design"));
			put_code(out, md, buf_cstr(&c));
			buf_release(&c);
		}
		buf_puts(out, ").");
	} else if (jint(root, "status") == 0 && json_array_size(best) > 1)
		buf_puts(out, " The captures cannot rule out the other best "
		    "matches above: look at their checks.");
	buf_putc(out, '\n');
}

/* ------------------------------------------------------------------ */

static int
check_inputs(const struct analysis *a, const struct dx_input *in,
    size_t nin, struct diags *d, enum dx_gw *gws)
{
	const struct design *dsn = a->dsn;
	size_t	 i, j;
	int	 ok = 1;

	for (i = 0; i < nin; i++) {
		const char *g = in[i].gateway;
		struct mark none = { 0, 0 };

		if (dsn->er_gateway.node && dsn->er_gateway.name &&
		    strcmp(g, dsn->er_gateway.name) == 0)
			gws[i] = DX_GW_ER;
		else if (dsn->vpn_gateway.node && dsn->vpn_gateway.name &&
		    strcmp(g, dsn->vpn_gateway.name) == 0)
			gws[i] = DX_GW_VPN;
		else {
			diags_error(d, in[i].file, none, "no gateway '%s' in "
			    "%s; it names %s%s%s%s%s", g, dsn->file,
			    dsn->er_gateway.node ? dsn->er_gateway.name : "",
			    dsn->er_gateway.node ? " (ExpressRoute)" : "",
			    dsn->er_gateway.node && dsn->vpn_gateway.node ?
			    " and " : "", dsn->vpn_gateway.node ?
			    dsn->vpn_gateway.name : "", dsn->vpn_gateway.node ?
			    " (VPN)" : "");
			ok = 0;
			continue;
		}
		if (in[i].kind == DX_BGP_PEERS && gws[i] != DX_GW_VPN) {
			diags_error(d, in[i].file, none, "--bgp-peers reads the "
			    "VPN gateway's BGP sessions; %s is the ExpressRoute "
			    "gateway", g);
			ok = 0;
		}
		for (j = 0; j < i; j++)
			if (in[j].kind == in[i].kind &&
			    strcmp(in[j].gateway, g) == 0) {
				diags_error(d, in[i].file, none, "gateway %s "
				    "given twice with %s", g, in[i].kind ==
				    DX_LEARNED ? "--learned" : "--bgp-peers");
				ok = 0;
			}
	}
	return ok;
}

int
dx_diagnose(const struct analysis *a, const struct dx_input *in,
    size_t nin, const char *format, struct buf *out, struct diags *d)
{
	struct dx_run	 r;
	enum dx_gw	*gws;
	size_t		 i;
	int		 status = 2, ok = 1;
	json_t		*root;
	char		*s;

	memset(&r, 0, sizeof(r));
	r.a = a;
	gws = xcalloc(nin + 1, sizeof(*gws));
	if (!check_inputs(a, in, nin, d, gws)) {
		free(gws);
		return 2;
	}
	dx_model_init(&r.m, a);
	r.files = xcalloc(nin + 1, sizeof(*r.files));
	for (i = 0; i < nin; i++) {
		r.files[i].in = &in[i];
		r.files[i].gw = gws[i];
		if (!dx_read_file(&r.files[i], d))
			ok = 0;
		r.nfiles = i + 1;
	}
	if (!ok)
		goto out;
	dx_compare(&r);

	root = report_tree(&r, &status);
	if (strcmp(format, "json") == 0) {
		s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(10));
		buf_puts(out, s);
		buf_putc(out, '\n');
		free(s);
	} else
		write_human(out, root, strcmp(format, "md") == 0);
	json_decref(root);
out:
	for (i = 0; i < r.nfiles; i++)
		dx_file_release(&r.files[i]);
	for (i = 0; i < r.nnotes; i++)
		free(r.notes[i].msg);
	free(r.notes);
	free(r.files);
	free(r.obs);
	free(r.peers);
	free(r.contra);
	free(r.order);
	free(gws);
	dx_model_release(&r.m);
	return status;
}

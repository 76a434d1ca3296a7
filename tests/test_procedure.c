/*
 * Tests for gen/5-render/procedure.c and gen/1-base/shell.c: the
 * properties every procedure must have, checked on every shipped design
 * (designs/ and the procedure golden design) -- a disruptive procedure
 * has go/no-go checks, abort conditions and a rollback; every action's
 * targets lie within its scenarios' objects; the rollback's targets
 * cover the actions'; no ExpressRoute gateway procedure touches a
 * circuit; a step without a command says why -- plus the ids, the
 * grouping of scenarios caused by one action, the choice of the
 * narrowest action, the one instance numbering (diagram label and id,
 * scenario id and text), and the quoting of both shells.
 */
#include "testutil.h"

#include <dirent.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/prefix.h"
#include "hybridoc/procedure.h"
#include "hybridoc/shell.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/view.h"
#include "hybridoc/words.h"
#include "hybridoc/xalloc.h"

#define CONTOSO		"designs/contoso-eastus.yaml"
#define TWO_LOCATIONS	"tests/golden/procedures-two-locations.yaml"
#define SHARED_LOCATION	"tests/golden/procedures-shared-location.yaml"
#define ACTIVE_STANDBY	"tests/golden/procedures-active-standby.yaml"
#define SINGLE_CIRCUIT	"tests/golden/procedures-single-circuit.yaml"
#define FABRIKAM	"designs/fabrikam-max-resiliency.yaml"

static void
load(struct analysis *a, const char *path)
{
	struct diags	 d;

	diags_init(&d);
	if (!analysis_run(a, path, 0, &d)) {
		diags_print(&d, stderr, 0);
		fail_msg("%s does not load", path);
	}
	diags_release(&d);
}

static int
has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static int
targets_cover(const struct proc_steps *rb, const char *t)
{
	size_t	 i, k;

	for (i = 0; i < rb->n; i++)
		for (k = 0; k < rb->v[i].ntargets; k++)
			if (strcmp(rb->v[i].targets[k], t) == 0)
				return 1;
	return 0;
}

static int
covers_scenario(const struct procedure *p, const char *prefix)
{
	size_t	 i;

	for (i = 0; i < p->nscenarios; i++)
		if (has_prefix(p->scenarios[i], prefix))
			return 1;
	return 0;
}

static void
steps_explained(const struct procedure *p, const struct proc_steps *s,
    const char *path)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].az == NULL && s->v[i].ps == NULL &&
		    s->v[i].no_command == NULL && s->v[i].expect == NULL)
			fail_msg("%s: %s: step \"%s\" has no command and no "
			    "reason", path, p->id, s->v[i].text);
}

static int
any_cmd(const struct proc_steps *s, const char *pat)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if ((s->v[i].az && strstr(s->v[i].az, pat)) ||
		    (s->v[i].ps && strstr(s->v[i].ps, pat)))
			return 1;
	return 0;
}

/* Every bound is documented (a reference key) or labelled (T1, T4). */
static void
bound_sourced(const struct procedure *p, const struct proc_step *st,
    const char *path)
{
	/*
	 * Never "docs/model.md": a project file is no source for a
	 * timing (review 17 #8); "design" is a figure the design sets.
	 */
	static const char *const keys[] = { "RESVAL", "ERBFD", "design",
	    "VPNHA" };
	size_t	 i;

	if (st->within == NULL)
		return;
	if (st->source == NULL)
		fail_msg("%s: %s: bound without a source: %s", path, p->id,
		    st->within);
	if (strcmp(st->source, "estimate") == 0) {
		if (strstr(st->within, "(estimate: ") == NULL)
			fail_msg("%s: %s: estimate not labelled: %s", path,
			    p->id, st->within);
		return;
	}
	/* RESVAL's 15 s is a typical time, not a bound (issue 17). */
	if (strcmp(st->source, "RESVAL") == 0 &&
	    !has_prefix(st->within, "typically within "))
		fail_msg("%s: %s: RESVAL's typical time worded as a bound: %s",
		    path, p->id, st->within);
	/* "design" only for a figure the design sets (the DPD timeout). */
	if (strcmp(st->source, "design") == 0 &&
	    strstr(st->within, "the DPD timeout the design sets") == NULL)
		fail_msg("%s: %s: a design figure without saying so: %s", path,
		    p->id, st->within);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(st->source, keys[i]) == 0)
			return;
	fail_msg("%s: %s: bound from %s, neither a documented key nor an "
	    "estimate", path, p->id, st->source);
}

/*
 * A circuit's peering is disabled only when the site failover
 * simulation is unavailable (one location) or would take other
 * circuits too (the circuit shares its location).
 */
static void
peering_needed(const struct analysis *a, const struct procedure *p,
    const char *path)
{
	const struct design *dsn = a->dsn;
	size_t	 i, j, nloc = 0, same;
	char	*s, *t;

	for (i = 0; i < dsn->ncircuits; i++) {
		s = sim_slug(dsn->circuits[i].peering_location);
		for (j = 0; j < i; j++) {
			t = sim_slug(dsn->circuits[j].peering_location);
			if (strcmp(s, t) == 0)
				break;
			free(t);
		}
		if (j < i)
			free(t);
		else
			nloc++;
		free(s);
	}
	if (nloc < 2)
		return;
	for (i = 0; i < dsn->ncircuits; i++) {
		struct buf	 b = BUF_INIT;

		buf_printf(&b, "disable-peering:%s", dsn->circuits[i].name);
		if (strstr(p->id, buf_cstr(&b)) == NULL) {
			buf_release(&b);
			continue;
		}
		buf_release(&b);
		s = sim_slug(dsn->circuits[i].peering_location);
		for (j = 0, same = 0; j < dsn->ncircuits; j++) {
			t = sim_slug(dsn->circuits[j].peering_location);
			same += strcmp(s, t) == 0;
			free(t);
		}
		free(s);
		if (same < 2)
			fail_msg("%s: %s disables the peering of %s, alone "
			    "at its location: the site failover simulation "
			    "is narrower", path, p->id,
			    dsn->circuits[i].name);
	}
}

/* No test VM in a gateway's or an appliance's subnet. */
static void
no_reserved_subnet(const struct procedure *p, const char *path)
{
	static const char *const bad[] = { "-in-GatewaySubnet>",
	    "-in-AzureFirewallSubnet>", "-in-AzureFirewallManagementSubnet>",
	    "-in-RouteServerSubnet>", "-in-AzureBastionSubnet>" };
	const struct proc_steps *all[5] = { &p->go_no_go, &p->actions,
	    &p->observe, &p->expect, &p->rollback };
	size_t	 i, k;

	for (i = 0; i < 5; i++)
		for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
			if (any_cmd(all[i], bad[k]))
				fail_msg("%s: %s: a test VM in a reserved "
				    "subnet (%s)", path, p->id, bad[k]);
}

static int	step_result(const struct proc_steps *, const char *);

static int
strv_has_fwd(char **v, size_t n, const char *pat)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strstr(v[i], pat))
			return 1;
	return 0;
}

static int
abort_has(const struct procedure *p, const char *pat)
{
	size_t	 i;

	for (i = 0; i < p->nabort_if; i++)
		if (strstr(p->abort_if[i], pat))
			return 1;
	return 0;
}

static int
step_text_any(const struct proc_steps *s, const char *pat)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (strstr(s->v[i].text, pat))
			return 1;
	return 0;
}

/*
 * A single failure that leaves a prefix with a baseline path without one
 * is observed, never caused (review 17 #1), and its blast radius names
 * each prefix it cuts off, from the simulation.
 */
static void
isolation_observed(const struct analysis *a, const struct procedure *p,
    const char *path)
{
	const struct sim *s = a->sim;
	const struct sim_scenario *sc;
	char	 pf[PREFIX_STRLEN];
	size_t	 i, k;

	if (strstr(p->blast_radius, "other paths stay up"))
		fail_msg("%s: %s: blast radius promises other paths", path,
		    p->id);
	for (i = 0; i < p->nscenarios; i++) {
		sc = sim_scenario(s, p->scenarios[i]);
		assert_non_null(sc);
		/* On-premises and VPN instance failures (procedure.c). */
		if (sc->nfailed != 1 ||
		    (s->elems[sc->failed[0]].kind != SIM_EL_TUNNEL &&
		    s->elems[sc->failed[0]].kind != SIM_EL_DEVICE &&
		    s->elems[sc->failed[0]].kind != SIM_EL_VPN_INSTANCE))
			continue;
		for (k = 0; k < s->natoms; k++) {
			if (sim_route_at(s, &s->scenarios[0], k)->path ==
			    SIM_NONE || sim_route_at(s, sc, k)->path !=
			    SIM_NONE)
				continue;
			if (p->disruptive || !p->observe_only ||
			    p->actions.n)
				fail_msg("%s: %s: causes %s, which leaves a "
				    "prefix without a path", path, p->id,
				    sc->id);
			prefix_format(&sim_route_at(s, sc, k)->atom, pf, 1);
			if (strstr(p->blast_radius, pf) == NULL)
				fail_msg("%s: %s: blast radius does not name "
				    "%s, which loses its path", path, p->id,
				    pf);
		}
	}
}

/*
 * A VPN test checks the baseline and what carries the traffic during
 * it even when no prefix moves (review 17 #2), and never aborts because
 * the tunnel it takes down is down (review 17 #4).
 */
static void
vpn_checks(const struct analysis *a, const struct procedure *p,
    const char *path)
{
	const struct design *dsn = a->dsn;
	const struct sim_scenario *sc;
	const struct sim_element *e;
	char	 pat[256];
	size_t	 i, j, k, d;

	if (!p->disruptive)
		return;
	for (i = 0; i < p->nscenarios; i++) {
		sc = sim_scenario(a->sim, p->scenarios[i]);
		if (sc == NULL || sc->nfailed != 1)
			continue;
		e = &a->sim->elems[sc->failed[0]];
		if ((e->kind == SIM_EL_TUNNEL || e->kind == SIM_EL_DEVICE) &&
		    !step_text_any(&p->go_no_go, "Now, before the test: "))
			fail_msg("%s: %s: no baseline check", path, p->id);
		if (e->kind == SIM_EL_TUNNEL && dsn->vpn_gateway.active_active) {
			for (j = 0; j < dsn->vpn_gateway.ninstances; j++) {
				if (j == e->instance)
					continue;
				snprintf(pat, sizeof(pat), "The tunnel from "
				    "%s/%s to the other instance IN_%zu ",
				    e->site->name, e->device->name, j);
				if (!step_text_any(&p->go_no_go, pat))
					fail_msg("%s: %s: no check of %s",
					    path, p->id, pat);
			}
		}
		if (e->kind == SIM_EL_VPN_INSTANCE &&
		    dsn->vpn_gateway.active_active)
			for (d = 0; d < dsn->nsites; d++)
				for (j = 0; j < dsn->sites[d].ndevices; j++) {
					snprintf(pat, sizeof(pat), "The tunnel "
					    "from %s/%s to the other instance",
					    dsn->sites[d].name,
					    dsn->sites[d].devices[j].name);
					if (!step_text_any(&p->go_no_go, pat))
						fail_msg("%s: %s: no check of "
						    "%s", path, p->id, pat);
				}
		if (e->kind != SIM_EL_TUNNEL &&
		    e->kind != SIM_EL_VPN_INSTANCE)
			continue;
		snprintf(pat, sizeof(pat), "IN_%zu (", e->instance);
		for (k = 0; k < p->nabort_if; k++)
			if (strstr(p->abort_if[k], "not Connected") &&
			    strstr(p->abort_if[k], pat))
				fail_msg("%s: %s: aborts on the tunnel it "
				    "takes down: %s", path, p->id,
				    p->abort_if[k]);
			else if (strstr(p->abort_if[k], "a tunnel of "))
				fail_msg("%s: %s: an abort any tunnel "
				    "triggers: %s", path, p->id,
				    p->abort_if[k]);
	}
}

/*
 * A prefix that moves from ExpressRoute to the VPN is shown leaving the
 * ExpressRoute gateway's learned routes and by the next hop IP of its
 * effective route: both gateways' routes have next hop type
 * VirtualNetworkGateway, and the VPN gateway learned it before the test
 * too (review 17 #5).
 */
static void
er_to_vpn_discriminates(const struct analysis *a, const struct procedure *p,
    const char *path)
{
	const struct sim *s = a->sim;
	const struct sim_scenario *sc;
	char	 pf[PREFIX_STRLEN], learned[256];
	size_t	 i, j, k;
	int	 gone, hop;

	snprintf(learned, sizeof(learned), "list-learned-routes -g");
	/* Its expectations are its locations' scenarios', not its own. */
	if (strcmp(p->id, "site-failover-each-location") == 0)
		return;
	for (i = 0; i < p->nscenarios; i++) {
		sc = sim_scenario(s, p->scenarios[i]);
		if (sc == NULL)
			continue;
		for (k = 0; k < s->natoms; k++) {
			const struct sim_route *r0 = sim_route_at(s,
			    &s->scenarios[0], k), *r = sim_route_at(s, sc, k);

			if (r0->path != SIM_EXPRESSROUTE || r->path != SIM_VPN)
				continue;
			prefix_format(&r->atom, pf, 1);
			gone = hop = 0;
			for (j = 0; j < p->expect.n; j++) {
				const struct proc_step *st = &p->expect.v[j];

				if (strstr(st->text, pf) == NULL)
					continue;
				gone = gone || (st->az && strstr(st->az,
				    learned) && strstr(st->az,
				    a->dsn->er_gateway.name) && st->expect &&
				    has_prefix(st->expect, "No route to"));
				hop = hop || (st->expect && strstr(st->expect,
				    "nextHopIpAddress"));
			}
			if (!gone || !hop)
				fail_msg("%s: %s: %s moves from ExpressRoute "
				    "to the VPN without %s", path, p->id, pf,
				    !gone ? "a check that it leaves the "
				    "ExpressRoute gateway" : "the next hop IP");
		}
	}
}

/*
 * A circuit command runs where the circuit lives: circuits[].resource_group,
 * else a placeholder the notes explain, never the hub's group (review
 * 17, the packet's verification).
 */
static void
circuit_rg_checked(const struct analysis *a, const struct procset *set,
    const char *path)
{
	char	 hub[256];
	size_t	 i, j, k, m;

	snprintf(hub, sizeof(hub), " -g %s ", a->dsn->resource_group);
	for (i = 0; i < set->n; i++) {
		const struct procedure *p = set->v[i];
		const struct proc_steps *all[5] = { &p->go_no_go, &p->actions,
		    &p->observe, &p->expect, &p->rollback };
		int	 hole = 0;

		for (k = 0; k < 5; k++)
			for (j = 0; j < all[k]->n; j++) {
				const char *az = all[k]->v[j].az;

				if (az && strstr(az, "<resource-group-of-"))
					hole = 1;
				if (az == NULL ||
				    strstr(az, "network express-route ") == NULL)
					continue;
				for (m = 0; m < a->dsn->ncircuits; m++)
					if (a->dsn->circuits[m].resource_group ==
					    NULL && strstr(az, a->dsn->circuits[m].
					    name) && strstr(az, hub))
						fail_msg("%s: %s: circuit %s "
						    "read in the hub's group: "
						    "%s", path, p->id,
						    a->dsn->circuits[m].name,
						    az);
			}
		if (hole && !strv_has_fwd(p->notes, p->nnotes,
		    "circuits[].resource_group"))
			fail_msg("%s: %s: a placeholder without a note", path,
			    p->id);
	}
}

/* Whether scenario id leaves a prefix routed in the baseline with none. */
static int
leaves_no_path(const struct analysis *a, const char *id)
{
	const struct sim_scenario *sc = sim_scenario(a->sim, id);
	size_t	 k;

	for (k = 0; sc != NULL && k < a->sim->natoms; k++)
		if (sim_route_at(a->sim, &a->sim->scenarios[0], k)->path !=
		    SIM_NONE && sim_route_at(a->sim, sc, k)->path == SIM_NONE)
			return 1;
	return 0;
}

/* The scenario's detection as the card and the matrix word it. */
static void
scenario_detect(const struct analysis *a, const struct sim_scenario *sc,
    struct buf *b, double *worst)
{
	enum sim_detect	 by = SIM_DET_NONE;
	size_t		 k;

	*worst = 0;
	for (k = 0; k < a->sim->natoms; k++) {
		const struct sim_route *r = sim_route_at(a->sim, sc, k);

		if (sim_route_changed(a->sim, sc, k) && r->detect_s > *worst) {
			*worst = r->detect_s;
			by = r->detect_by;
		}
	}
	words_detect(b, *worst);
	if (*worst > 0)
		buf_printf(b, " (%s)", sim_detect_basis(by));
}

/*
 * One detection figure per scenario, with one label (issue 17, the
 * audit's site-down HQ: the card and the matrix said 0.9 s, the
 * procedure 45 s): the failover matrix's, the quick card's and the
 * largest detection bound of every procedure (tests and the outage
 * section) built from that scenario are the same figure, and the
 * procedure's step carries the matrix's words.
 */
static size_t
detect_agrees(const struct analysis *a, const char *path)
{
	struct view_opts o;
	struct value	*v;
	const struct value *mx, *cg;
	struct procset	*sets[2];
	struct buf	 want = BUF_INIT;
	size_t		 i, j, k, s, checked = 0;
	double		 worst;

	memset(&o, 0, sizeof(o));
	o.layout = 1;
	v = view_runbook(a, &o);
	mx = value_map_get(v, "scenarios");
	assert_non_null(mx);
	for (i = 0; i < mx->n; i++) {
		const struct sim_scenario *sc = sim_scenario(a->sim,
		    value_map_cstr(mx->items[i], "id"));

		assert_non_null(sc);
		buf_truncate(&want, 0);
		scenario_detect(a, sc, &want, &worst);
		if (strcmp(value_map_cstr(mx->items[i], "detect"),
		    buf_cstr(&want)) != 0)
			fail_msg("%s: matrix %s: %s, not %s", path, sc->id,
			    value_map_cstr(mx->items[i], "detect"),
			    buf_cstr(&want));
	}
	/* The card: the matrix's words for the scenario of the same title. */
	cg = value_map_get(v, "card_groups");
	for (i = 0; cg != NULL && i < cg->n; i++) {
		const struct value *it = value_map_get(cg->items[i], "items");

		for (j = 0; it != NULL && j < it->n; j++) {
			const char *t = value_map_cstr(it->items[j], "title");
			const struct value *d = value_map_get(it->items[j],
			    "detect");

			for (k = 0; k < mx->n; k++)
				if (strcmp(value_map_cstr(mx->items[k], "title"),
				    t) == 0)
					break;
			assert_true(k < mx->n);
			if (d == NULL ? strcmp(value_map_cstr(mx->items[k],
			    "detect"), "—") != 0 : strcmp(d->str,
			    value_map_cstr(mx->items[k], "detect")) != 0)
				fail_msg("%s: card \"%s\": %s, matrix %s", path,
				    t, d ? d->str : "(none)",
				    value_map_cstr(mx->items[k], "detect"));
			checked++;
		}
	}
	sets[0] = procset_tests(a);
	sets[1] = procset_outage(a);
	for (s = 0; s < 2; s++)
		for (i = 0; i < sets[s]->n; i++) {
			const struct procedure *p = sets[s]->v[i];
			const struct sim_scenario *sc;
			long	 max = 0;
			int	 labelled = 0;

			/* Each location's own scenario: checked as those. */
			if (p->nscenarios == 0 || strcmp(p->id,
			    "site-failover-each-location") == 0 ||
			    (sc = sim_scenario(a->sim, p->scenarios[0])) ==
			    NULL || sc->nfailed == 0)
				continue;
			buf_truncate(&want, 0);
			scenario_detect(a, sc, &want, &worst);
			for (j = 0; j < p->expect.n; j++) {
				const struct proc_step *st = &p->expect.v[j];

				if (st->within == NULL ||
				    !has_prefix(st->within, "detected"))
					continue;
				if (st->within_s > max) {
					max = st->within_s;
					labelled = 0;
				}
				if (st->within_s == max && strcmp(st->within_cell,
				    buf_cstr(&want)) == 0)
					labelled = 1;
			}
			if (max == 0)
				continue;
			if (max != (long)(worst + 0.999) || !labelled)
				fail_msg("%s: %s (%s): detection %ld s, the "
				    "matrix says %s", path, p->id, sc->id, max,
				    buf_cstr(&want));
			checked++;
		}
	procset_free(sets[0]);
	procset_free(sets[1]);
	value_free(v);
	buf_release(&want);
	return checked;
}

/* The properties of the issue, on one design; returns the count. */
static size_t
check_design(const char *path)
{
	struct analysis	 a;
	struct procset	*set;
	size_t		 i, j, k, n;

	load(&a, path);
	set = procset_tests(&a);
	assert_true(set->n > 0);
	for (i = 0; i < set->n; i++) {
		const struct procedure *p = set->v[i];

		assert_true(p->nscenarios > 0);
		assert_true(p->nscope > 0);
		if (p->disruptive) {
			if (p->go_no_go.n == 0 || p->nabort_if == 0 ||
			    p->rollback.n == 0 || p->actions.n == 0)
				fail_msg("%s: %s is disruptive without go/no-go, "
				    "abort, actions or rollback", path, p->id);
		} else if (p->actions.n || p->rollback.n)
			fail_msg("%s: %s acts but is not disruptive", path,
			    p->id);
		if (p->observe_only && p->notes == NULL)
			fail_msg("%s: %s is observe only without saying what "
			    "to watch", path, p->id);
		for (j = 0; j < p->actions.n; j++)
			for (k = 0; k < p->actions.v[j].ntargets; k++) {
				const char *t = p->actions.v[j].targets[k];

				if (!procedure_in_scope(p, t))
					fail_msg("%s: %s: target %s outside its "
					    "scenarios' objects", path, p->id, t);
				if (!targets_cover(&p->rollback, t))
					fail_msg("%s: %s: the rollback does not "
					    "cover %s", path, p->id, t);
				if (covers_scenario(p, "er-gateway-down") &&
				    has_prefix(t, "circuits."))
					fail_msg("%s: %s: a gateway scenario "
					    "touches circuit %s", path, p->id, t);
			}
		for (j = 0; j < p->actions.n; j++)
			if (p->disruptive && p->actions.v[j].ntargets == 0 &&
			    p->actions.v[j].expect == NULL)
				fail_msg("%s: %s: action \"%s\" names no target",
				    path, p->id, p->actions.v[j].text);
		steps_explained(p, &p->go_no_go, path);
		steps_explained(p, &p->actions, path);
		steps_explained(p, &p->rollback, path);
		for (j = 0; j < p->expect.n; j++)
			if (p->disruptive && p->expect.v[j].within_s <= 0 &&
			    strstr(p->expect.v[j].text, "No prefix") == NULL)
				fail_msg("%s: %s: expectation \"%s\" has no time "
				    "bound", path, p->id, p->expect.v[j].text);
		for (j = 0; j < p->expect.n; j++)
			bound_sourced(p, &p->expect.v[j], path);
		/* Aborts on observed facts, never on a time alone (T4). */
		for (j = 0; j < p->nabort_if; j++)
			if (strstr(p->abort_if[j], " within ") ||
			    strstr(p->abort_if[j], " s ("))
				fail_msg("%s: %s: abort on a time: %s", path,
				    p->id, p->abort_if[j]);
		if (p->disruptive && (p->abort_then == NULL ||
		    (any_cmd(&p->actions, "vnet-gateway reset") ?
		    !has_prefix(p->abort_then, "stop and escalate") :
		    strcmp(p->abort_then, "roll back at once") != 0)))
			fail_msg("%s: %s: wrong abort action %s", path, p->id,
			    p->abort_then ? p->abort_then : "(none)");
		/* Several failures at once are observed only (H4). */
		for (j = 0; j < p->nscenarios; j++)
			if (strchr(p->scenarios[j], '+') && (p->disruptive ||
			    !p->observe_only || p->actions.n))
				fail_msg("%s: %s: a combined scenario acts",
				    path, p->id);
		/* A peering is disabled only when nothing narrower (H3). */
		if (any_cmd(&p->actions, "Set-AzExpressRouteCircuit"))
			peering_needed(&a, p, path);
		/* ... and it says why (review 17 #16). */
		if (any_cmd(&p->actions, "Set-AzExpressRouteCircuit") &&
		    strstr(p->blast_radius, "site failover simulation") ==
		    NULL && !strv_has_fwd(p->notes, p->nnotes,
		    "site failover simulation"))
			fail_msg("%s: %s: disables a peering without saying "
			    "why the site failover simulation is not used",
			    path, p->id);
		/* The rollback check of an ExpressRoute test reads it (M8). */
		for (j = 0; j < p->expect.n; j++)
			if (has_prefix(p->expect.v[j].text, "After the rollback") &&
			    has_prefix(p->id, "link-failover:") &&
			    p->expect.v[j].az &&
			    strstr(p->expect.v[j].az, "list-bgp-peer-status"))
				fail_msg("%s: %s: the rollback check reads the "
				    "VPN gateway", path, p->id);
		no_reserved_subnet(p, path);
		/*
		 * A site failover simulation leaves the circuits' BGP up:
		 * its rollback is proved by the test's status, not by an
		 * untouched circuit's sessions (review 17 #6).
		 */
		if (any_cmd(&p->actions, "start-site-failover-test")) {
			int	 status = 0;

			for (j = 0; j < p->expect.n; j++) {
				const struct proc_step *st = &p->expect.v[j];

				if (!has_prefix(st->text, "After the rollback"))
					continue;
				if (st->az && strstr(st->az,
				    "list-route-tables-summary"))
					fail_msg("%s: %s: the rollback check "
					    "reads BGP the test never "
					    "touched", path, p->id);
				status = status || (st->az && strstr(st->az,
				    "get-failover-all-tests-detail"));
			}
			if (!status)
				fail_msg("%s: %s: no check that the simulation "
				    "ended", path, p->id);
		}
		/*
		 * A VPN test's way back reads every tunnel it touched, not
		 * BGP only (static sites have none: review 17 #10); a reset
		 * has no rollback to be "after" (#16).
		 */
		if (p->disruptive && (has_prefix(p->id, "shut-") ||
		    has_prefix(p->id, "reset-"))) {
			int	 tun = 0;

			for (j = 0; j < p->expect.n; j++) {
				const struct proc_step *st = &p->expect.v[j];

				if (has_prefix(p->id, "reset-") &&
				    has_prefix(st->text, "After the rollback"))
					fail_msg("%s: %s: a reset has no "
					    "rollback: %s", path, p->id,
					    st->text);
				tun = tun || (has_prefix(st->text, "After the ") &&
				    st->az && strstr(st->az,
				    "--query tunnelConnectionStatus"));
			}
			if (!tun)
				fail_msg("%s: %s: the way back does not read "
				    "the tunnels", path, p->id);
		}
		/* A link test checks that it took effect (review 17 #7). */
		if (has_prefix(p->id, "link-failover:") &&
		    (!any_cmd(&p->actions,
		    "get-circuit-link-failover-all-tests-detail") ||
		    !any_cmd(&p->actions, strstr(p->id, ":secondary") ?
		    "--path secondary -o table" : "--path primary -o table") ||
		    !abort_has(p, "still up once the test reports Running")))
			fail_msg("%s: %s: no check that the test took effect",
			    path, p->id);
		/*
		 * The VNets on a circuit: both kinds of link, past Resource
		 * Graph's 100-row default (review 17 #12); the route sets
		 * refreshed, not an hour old (#11).
		 */
		if (any_cmd(&p->go_no_go, "properties.peer.id") &&
		    (!any_cmd(&p->go_no_go, "microsoft.network/"
		    "expressroutegateways") || !any_cmd(&p->go_no_go,
		    "--first 1000") || !any_cmd(&p->go_no_go, "-First 1000")))
			fail_msg("%s: %s: the circuit's VNets are not all "
			    "listed", path, p->id);
		if (any_cmd(&p->go_no_go, "get-routes-information") &&
		    (!any_cmd(&p->go_no_go, "--attempt-refresh true") ||
		    !any_cmd(&p->go_no_go, "-AttemptRefresh $true") ||
		    !step_result(&p->go_no_go, "lastComputedTime")))
			fail_msg("%s: %s: the route sets may be an hour old",
			    path, p->id);
		/* Every reference key a step cites has its page (#15). */
		for (j = 0; j < 5; j++) {
			const struct proc_steps *all[5] = { &p->go_no_go,
			    &p->actions, &p->observe, &p->expect, &p->rollback };
			size_t	 m;
			char	 pat[64];

			for (m = 0; m < all[j]->n; m++) {
				const char *src = all[j]->v[m].source;

				if (src == NULL || strcmp(src, "estimate") == 0 ||
				    strcmp(src, "design") == 0 ||
				    strcmp(src, "docs/model.md") == 0)
					continue;
				snprintf(pat, sizeof(pat), "%s: learn.microsoft"
				    ".com/", src);
				if (!strv_has_fwd(p->notes, p->nnotes, pat))
					fail_msg("%s: %s: cites %s without its "
					    "page", path, p->id, src);
			}
		}
		/*
		 * Nothing is caused that cuts a prefix off: a failure that
		 * leaves one with no path -- a circuit that is a site's only
		 * path among them -- is observed only (issue 17, audit H1).
		 */
		for (j = 0; j < p->nscenarios; j++)
			if (p->disruptive && leaves_no_path(&a, p->scenarios[j]))
				fail_msg("%s: %s acts, though %s leaves a prefix "
				    "with no path", path, p->id, p->scenarios[j]);
		/*
		 * A static prefix stays in the effective routes whatever
		 * its tunnels do: its expectations read the tunnels (#9).
		 */
		for (j = 0; j < p->expect.n; j++)
			if (strstr(p->expect.v[j].text, "static prefix of the "
			    "local network gateway") && p->expect.v[j].route &&
			    (p->expect.v[j].az == NULL ||
			    strstr(p->expect.v[j].az, "tunnelConnectionStatus")
			    == NULL))
				fail_msg("%s: %s: a static prefix's expectation "
				    "does not read its tunnels: %s", path, p->id,
				    p->expect.v[j].text);
		/* The stop records what its text promises (review 17 #14). */
		for (j = 0; j < p->rollback.n; j++)
			if (p->rollback.v[j].az && strstr(p->rollback.v[j].az,
			    "stop-site-failover-test") &&
			    (strstr(p->rollback.v[j].az, " --details \"[{"
			    "failover-connection-name:") == NULL ||
			    strstr(p->rollback.v[j].az,
			    "is-verified:${CONNECTIVITY_VERIFIED:-false}}") ==
			    NULL))
				fail_msg("%s: %s: the CLI stop does not record "
				    "CONNECTIVITY_VERIFIED", path, p->id);
		isolation_observed(&a, p, path);
		vpn_checks(&a, p, path);
		er_to_vpn_discriminates(&a, p, path);
	}
	n = set->n;
	circuit_rg_checked(&a, set, path);
	procset_free(set);
	set = procset_verify(&a);
	circuit_rg_checked(&a, set, path);
	procset_free(set);
	set = procset_outage(&a);
	circuit_rg_checked(&a, set, path);
	for (i = 0; i < set->n; i++) {
		if (set->v[i]->disruptive || set->v[i]->rollback.n)
			fail_msg("%s: outage %s is not observation only", path,
			    set->v[i]->id);
		/* Unplanned: detection bounds, and no abort (T3). */
		if (set->v[i]->nabort_if)
			fail_msg("%s: outage %s prints abort conditions", path,
			    set->v[i]->id);
		for (j = 0; j < set->v[i]->expect.n; j++) {
			const struct proc_step *st = &set->v[i]->expect.v[j];

			if (st->within && strstr(st->within, "detected") ==
			    NULL)
				fail_msg("%s: outage %s: bound is not a "
				    "detection bound: %s", path, set->v[i]->id,
				    st->within);
			bound_sourced(set->v[i], st, path);
		}
	}
	/* The JSON says the seconds bound detection only (#13). */
	for (i = 0; i < set->n; i++) {
		struct value	*v = procedure_value(set->v[i]);
		const struct value *ex = value_map_get(v, "expect");

		for (j = 0; ex != NULL && j < ex->n; j++) {
			const struct value *w = value_map_get(ex->items[j],
			    "within");
			const char *b = w ? value_map_cstr(w, "bounds") : NULL;

			if (w != NULL && (b == NULL || (strcmp(b, "detection")
			    != 0 && strcmp(b, "estimate") != 0)))
				fail_msg("%s: outage %s: within.bounds is %s",
				    path, set->v[i]->id, b ? b : "missing");
		}
		value_free(v);
	}
	procset_free(set);
	/*
	 * A prefix of a site with ExpressRoute and the VPN stays reached
	 * over the VPN until DPD or the hold time notices that path too:
	 * its bound is not BFD's 1 s (review 17 #13).
	 */
	set = procset_tests(&a);
	for (i = 0; i < set->n; i++)
		for (j = 0; j < set->v[i]->expect.n; j++) {
			const struct proc_step *st = &set->v[i]->expect.v[j];
			const struct site *si = NULL;
			int	 vpn;

			if (st->route == NULL || !st->route->unreachable ||
			    set->v[i]->disruptive)
				continue;
			for (k = 0; k < a.dsn->nsites; k++)
				if (strcmp(a.dsn->sites[k].name,
				    st->route->site) == 0)
					si = &a.dsn->sites[k];
			/* A VPN path: a static device, or one advertising. */
			for (k = 0, vpn = 0; si != NULL && k < si->ndevices; k++)
				vpn = vpn || si->devices[k].is_static ||
				    si->devices[k].nadvertise > 0;
			if (si != NULL && si->ner > 0 && vpn &&
			    st->within_s <= 1)
				fail_msg("%s: %s: %s loses both paths but its "
				    "bound is %ld s", path, set->v[i]->id,
				    st->route->prefix, st->within_s);
		}
	procset_free(set);
	if (detect_agrees(&a, path) == 0)
		fail_msg("%s: no detection figure compared", path);
	analysis_release(&a);
	return n;
}

static void
test_every_shipped_design(void **state)
{
	DIR		*dir;
	struct dirent	*e;
	struct buf	 p = BUF_INIT;
	size_t		 designs = 0, procs = 0, len;

	(void)state;
	dir = opendir("designs");
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		buf_truncate(&p, 0);
		buf_printf(&p, "designs/%s", e->d_name);
		procs += check_design(buf_cstr(&p));
		designs++;
	}
	closedir(dir);
	procs += check_design(TWO_LOCATIONS);
	procs += check_design(SHARED_LOCATION);
	procs += check_design(ACTIVE_STANDBY);
	procs += check_design(SINGLE_CIRCUIT);
	assert_true(designs >= 3);
	assert_true(procs > designs);
	buf_release(&p);
}

static const struct procedure *
find(const struct procset *set, const char *id)
{
	size_t	 i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i]->id, id) == 0)
			return set->v[i];
	fail_msg("no procedure %s", id);
	return NULL;
}

static int
step_text(const struct proc_steps *s, const char *pat)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (strstr(s->v[i].text, pat))
			return 1;
	return 0;
}

static int
step_result(const struct proc_steps *s, const char *pat)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].expect && strstr(s->v[i].expect, pat))
			return 1;
	return 0;
}

static int
strv_has(char **v, size_t n, const char *pat)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strstr(v[i], pat))
			return 1;
	return 0;
}

/* One circuit at one location: both scenarios are one action. */
static void
test_same_action_one_procedure(void **state)
{
	struct analysis	 a;
	struct procset	*set;
	const struct procedure *p;
	struct buf	 id = BUF_INIT;

	(void)state;
	load(&a, CONTOSO);
	set = procset_tests(&a);
	p = find(set, "disable-peering:er-eus-equinix-dc");
	assert_int_equal(p->nscenarios, 2);
	assert_string_equal(p->scenarios[0], "circuit-down:er-eus-equinix-dc");
	assert_string_equal(p->scenarios[1], "location-down:washington-dc");
	assert_true(procedure_id(&a, "location-down:washington-dc", &id));
	assert_string_equal(buf_cstr(&id), p->id);
	buf_truncate(&id, 0);
	assert_false(procedure_id(&a, "circuit-down:no-such", &id));
	assert_false(procedure_id(&a, "baseline", &id));
	/* The peering is disabled with PowerShell only (ERRESET). */
	assert_null(p->actions.v[0].az);
	assert_non_null(strstr(p->actions.v[0].ps, "'Disabled'"));
	assert_non_null(p->actions.v[0].no_command);
	/* Not "the CLI cannot": its generic --set can (review 17-c L4). */
	assert_null(strstr(p->actions.v[0].no_command, "no state argument"));
	assert_non_null(strstr(p->actions.v[0].no_command, "generic --set can "
	    "reach the peering's state, but only PowerShell is documented"));
	/* The blast radius names the sites on the circuit. */
	assert_non_null(strstr(p->blast_radius, "HQ"));
	/* Go/no-go: the VPN backup per tunnel and its learned prefix, and
	 * the capacity warning with its numbers. */
	assert_true(any_cmd(&p->go_no_go, "--query tunnelConnectionStatus"));
	assert_true(any_cmd(&p->go_no_go, "list-bgp-peer-status"));
	assert_true(any_cmd(&p->go_no_go, "list-learned-routes"));
	assert_false(any_cmd(&p->go_no_go, "connectionStatus ") ||
	    any_cmd(&p->go_no_go, "Select-Object ConnectionStatus"));
	/* No gateway stand-in: one location, so the gateway is observed. */
	p = find(set, "observe:er-gateway-down");
	assert_true(p->observe_only);
	assert_int_equal(p->actions.n, 0);
	procset_free(set);
	buf_release(&id);
	analysis_release(&a);
}

/* Two locations: the gateway-scoped simulation, never a peering. */
static void
test_site_failover(void **state)
{
	struct analysis	 a;
	struct procset	*set;
	const struct procedure *p;
	size_t		 i;

	(void)state;
	load(&a, TWO_LOCATIONS);
	set = procset_tests(&a);
	p = find(set, "site-failover:amsterdam");
	assert_true(any_cmd(&p->actions, "az network vnet-gateway "
	    "start-site-failover-test -g rg-conn-hub-weu --subscription "
	    "fabrikam-connectivity-prod"));
	assert_true(any_cmd(&p->actions, "--peering-location Amsterdam"));
	assert_true(any_cmd(&p->actions,
	    "Start-AzVirtualNetworkGatewaySiteFailoverTest"));
	assert_true(any_cmd(&p->rollback, "stop-site-failover-test"));
	assert_true(any_cmd(&p->rollback,
	    "Stop-AzVirtualNetworkGatewaySiteFailoverTest"));
	/*
	 * -Detail, the released cmdlet's name, given the parameter's own
	 * type, List[FailoverConnectionDetails] (review 17-c L2), once
	 * Az.Network is loaded, where the type lives (review 18 N11).
	 */
	assert_true(any_cmd(&p->rollback, "Import-Module Az.Network; "
	    "$detail = [System.Collections."
	    "Generic.List[Microsoft.Azure.Management.Network.Models."
	    "FailoverConnectionDetails]]@([Microsoft.Azure.Management."
	    "Network.Models.FailoverConnectionDetails]@{"));
	assert_true(any_cmd(&p->rollback, " -Detail $detail"));
	assert_false(any_cmd(&p->rollback, "-Details"));
	assert_false(any_cmd(&p->actions, "Set-AzExpressRouteCircuit"));
	p = find(set, "site-failover-each-location");
	assert_false(any_cmd(&p->actions, "Set-AzExpressRouteCircuit"));
	assert_true(any_cmd(&p->actions, "--peering-location Amsterdam2"));
	for (i = 0; i < p->expect.n; i++)
		if (strstr(p->expect.v[i].text, "During the test at") &&
		    strstr(p->expect.v[i].text, "No prefix") == NULL &&
		    p->expect.v[i].within_s != 15)
			fail_msg("site failover bound is not RESVAL's 15 s");
	/*
	 * The only circuit at Amsterdam: its loss is the simulation
	 * there, one procedure with the location's (H3), never its
	 * peering.  Before it: the route sets (get-routes-information).
	 */
	p = find(set, "site-failover:amsterdam");
	assert_int_equal(p->nscenarios, 2);
	assert_string_equal(p->scenarios[1], "circuit-down:er-weu-equinix-ams");
	assert_true(any_cmd(&p->go_no_go, "az network vnet-gateway "
	    "get-routes-information -g rg-conn-hub-weu"));
	assert_true(any_cmd(&p->go_no_go,
	    "Get-AzVirtualNetworkGatewayRoutesInformation"));
	assert_true(any_cmd(&p->go_no_go, "get-failover-all-tests-detail"));
	/* The baseline now: the prefix on its primary path (H5). */
	assert_true(step_text(&p->go_no_go, "Now, before the test: "
	    "10.110.0.0/16 (DC-Amsterdam) is reached as in the baseline, "
	    "over expressroute via er-weu-equinix-ams"));
	/* The return path is observed (M9). */
	assert_true(step_text(&p->expect, "Return path: DC-Amsterdam reaches "
	    "Azure over ExpressRoute via er-weu-digitalrealty-ams2"));
	/*
	 * The rollback reads what proves ExpressRoute is back (M8): the
	 * simulation's status and the VNet back in the circuit's route
	 * table, not its BGP sessions, which the simulation leaves up
	 * (review 17 #6); the return path, the VNet leaving it.
	 */
	assert_false(any_cmd(&p->expect, "list-route-tables-summary"));
	assert_true(any_cmd(&p->expect, "list-route-tables -g "
	    "rg-connectivity-weu --subscription fabrikam-connectivity -n "
	    "er-weu-equinix-ams"));
	assert_true(step_result(&p->expect, "no longer in the route table of "
	    "circuit er-weu-equinix-ams"));
	assert_true(step_text(&p->expect, "After the rollback: the site "
	    "failover test reports that it ended"));
	assert_false(any_cmd(&p->expect, "list-bgp-peer-status"));
	/* RESVAL's 15 s is documented; the way back is an estimate (T1). */
	for (i = 0; i < p->expect.n; i++)
		if (has_prefix(p->expect.v[i].text, "After the rollback") &&
		    strcmp(p->expect.v[i].source, "estimate") != 0)
			fail_msg("the rollback bound is not an estimate");
		else if (p->expect.v[i].route && p->expect.v[i].within_s != 15)
			fail_msg("the site failover bound is not RESVAL's");
	/* Abort on a fact: the prefix missing from the backup (T4). */
	assert_true(strv_has(p->abort_if, p->nabort_if, "10.110.0.0/16 "
	    "(DC-Amsterdam) is missing from the routes ergw-hub-weu learned "
	    "via er-weu-digitalrealty-ams2 once the action has completed"));
	/* The link test is CLI only, and says why. */
	p = find(set, "link-failover:er-weu-equinix-ams:primary");
	assert_true(any_cmd(&p->actions, "az network express-route "
	    "start-circuit-link-failover-test"));
	assert_null(p->actions.v[0].ps);
	assert_non_null(p->actions.v[0].no_command);
	/* Before it: the other link's BGP, no other link test (H5). */
	assert_true(any_cmd(&p->go_no_go, "-n er-weu-equinix-ams "
	    "--peering-name AzurePrivatePeering --path secondary"));
	assert_true(any_cmd(&p->go_no_go, "Get-AzExpressRouteCircuitRoute"
	    "TableSummary -ResourceGroupName rg-connectivity-weu "
	    "-ExpressRouteCircuitName er-weu-equinix-ams -PeeringType "
	    "AzurePrivatePeering -DevicePath Secondary"));
	assert_true(any_cmd(&p->go_no_go, "az network express-route "
	    "get-circuit-link-failover-all-tests-detail -g "
	    "rg-connectivity-weu --subscription fabrikam-connectivity "
	    "--name er-weu-equinix-ams --type LinkFailover"));
	/* After it: the circuit's sessions, not the VPN's peers (M8). */
	assert_true(any_cmd(&p->expect, "list-route-tables-summary"));
	assert_false(any_cmd(&p->expect, "list-bgp-peer-status"));
	/* A reset: every connection listed first; no rollback (H5). */
	p = find(set, "reset-instance:IN_0");
	/*
	 * In every subscription, not only the hub's group: a VNet-to-VNet
	 * connection kept elsewhere is reset too (Resource Graph).
	 */
	assert_true(any_cmd(&p->go_no_go, "virtualNetworkGateway2.id) "
	    "endswith \"/resourceGroups/rg-conn-hub-weu/providers/"
	    "Microsoft.Network/virtualNetworkGateways/vpngw-hub-weu\""));
	assert_true(any_cmd(&p->go_no_go, "--first 1000"));
	assert_true(any_cmd(&p->go_no_go, "-First 1000"));
	assert_false(any_cmd(&p->go_no_go, "vpn-connection list"));
	assert_true(step_result(&p->go_no_go, "cn-DC-Amsterdam-ams-fw-a, "
	    "cn-DC-Amsterdam-ams-fw-b"));
	assert_true(any_cmd(&p->actions, "--gateway-vip 20.73.40.10"));
	assert_true(has_prefix(p->abort_then, "stop and escalate"));
	procset_free(set);
	set = procset_outage(&a);
	p = find(set, "outage:circuit:er-weu-equinix-ams");
	/* Detection by BFD, sourced; no abort (T3). */
	assert_int_equal(p->nabort_if, 0);
	for (i = 0; i < p->expect.n; i++)
		if (p->expect.v[i].route != NULL &&
		    (p->expect.v[i].within_s != 1 ||
		    strcmp(p->expect.v[i].source, "ERBFD") != 0 ||
		    strstr(p->expect.v[i].within, "BFD 300 ms x 3") == NULL))
			fail_msg("outage bound is not BFD's: %s",
			    p->expect.v[i].within);
	assert_non_null(strstr(p->notes[0], "00000000-0000-0000-0000-"
	    "0000000000a1"));
	assert_non_null(strstr(p->notes[1], "Equinix NOC"));
	assert_non_null(strstr(p->notes[2], "on-call"));
	procset_free(set);
	analysis_release(&a);
}

/*
 * A second circuit at Amsterdam: the simulation there would take both,
 * so the peering is disabled -- guarded, with the circuit's VNets
 * listed first -- and the other circuit is named.  A depth-2 pair is
 * observed only.  The test VM is never in a reserved subnet.
 */
static void
test_shared_location(void **state)
{
	struct analysis	 a;
	struct procset	*set;
	const struct procedure *p;
	const char	*ps, *guard, *set_at;
	struct buf	 id = BUF_INIT;

	(void)state;
	load(&a, SHARED_LOCATION);
	set = procset_tests(&a);
	p = find(set, "disable-peering:er-weu-equinix-ams");
	assert_non_null(strstr(p->notes[0], "disconnect the gateway from "
	    "er-weu-colt-ams"));
	/* The circuit lives elsewhere: its commands say where. */
	assert_true(any_cmd(&p->actions, "Set-AzContext -Subscription "
	    "fabrikam-connectivity"));
	assert_true(any_cmd(&p->actions,
	    "-ResourceGroupName rg-connectivity-weu"));
	assert_non_null(strstr(p->blast_radius, "Global Reach to "
	    "er-usw-equinix-sv"));
	assert_non_null(strstr(p->blast_radius, "DC-Eindhoven"));
	/* The guard comes before the destructive step. */
	ps = p->actions.v[0].ps;
	guard = strstr(ps, "if ($ckt.ServiceKey -ne "
	    "'00000000-0000-0000-0000-0000000000a1' -or $null -eq $pp -or "
	    "$pp.State -ne 'Enabled') { throw ");
	set_at = strstr(ps, "Set-AzExpressRouteCircuit");
	assert_non_null(guard);
	assert_non_null(set_at);
	assert_true(guard < set_at);
	assert_non_null(strstr(p->rollback.v[0].ps, "$pp.State -ne "
	    "'Disabled') { throw "));
	/* The VNets on the circuit, from Resource Graph (H5). */
	assert_true(any_cmd(&p->go_no_go, "az graph query -q 'Resources | "
	    "where type =~ \"microsoft.network/connections\" | where "
	    "tostring(properties.peer.id) endswith \"/resourceGroups/"
	    "rg-connectivity-weu/providers/Microsoft.Network/"
	    "expressRouteCircuits/er-weu-equinix-ams\""));
	assert_true(any_cmd(&p->go_no_go, "Search-AzGraph -Query 'Resources"));
	/* The first subnet a VM may use, past the reserved ones. */
	assert_true(any_cmd(&p->observe, "<nic-of-a-test-vm-in-snet-shared>"));
	/* The pair: observe only, no action, the single tests named. */
	p = find(set, "observe:circuit-down:er-weu-equinix-ams+"
	    "link-down:er-weu-digitalrealty-ams2:primary");
	assert_true(p->observe_only);
	assert_false(p->disruptive);
	assert_int_equal(p->actions.n, 0);
	assert_int_equal(p->rollback.n, 0);
	assert_int_equal(p->nabort_if, 0);
	assert_non_null(strstr(p->notes[0], "disable-peering:"
	    "er-weu-equinix-ams, link-failover:er-weu-digitalrealty-ams2:"
	    "primary"));
	assert_true(procedure_id(&a, "circuit-down:er-weu-equinix-ams+"
	    "link-down:er-weu-digitalrealty-ams2:primary", &id));
	assert_string_equal(buf_cstr(&id), p->id);
	procset_free(set);
	buf_release(&id);
	analysis_release(&a);
}

/*
 * Active-standby: the reset reboots whichever instance is active, so
 * the procedure names none and picks none (VPNRESET).
 */
static void
test_active_standby(void **state)
{
	struct analysis	 a;
	struct procset	*set;
	const struct procedure *p;

	(void)state;
	load(&a, ACTIVE_STANDBY);
	set = procset_tests(&a);
	p = find(set, "reset-active-instance");
	assert_null(strstr(p->actions.v[0].text, "instance IN_0"));
	assert_non_null(strstr(p->actions.v[0].text, "the instance that is "
	    "active now, whichever it is"));
	assert_null(strstr(p->actions.v[0].az, "--gateway-vip"));
	assert_null(strstr(p->actions.v[0].ps, "-GatewayVip"));
	assert_non_null(strstr(p->blast_radius, "whichever it is"));
	assert_true(any_cmd(&p->go_no_go, "virtualNetworkGateway1.id"));
	assert_true(has_prefix(p->abort_then, "stop and escalate"));
	assert_non_null(strstr(p->rollback.v[0].text, "do not reset again"));
	procset_free(set);
	analysis_release(&a);
}

/* Static sites are never said to have "learned" routes. */
static void
test_static_wording(void **state)
{
	struct analysis	 a;
	struct procset	*set;
	const struct procedure *p;

	(void)state;
	load(&a, CONTOSO);
	set = procset_tests(&a);
	p = find(set, "shut-tunnel:LocalSite2:branch-fw:IN_0");
	assert_false(step_text(&p->go_no_go, "has learned 10.101"));
	assert_true(step_text(&p->go_no_go, "10.101.0.0/16 is a static "
	    "prefix of the local network gateway of LocalSite2"));
	assert_false(step_text(&p->expect, "learned by vpngw-hub-eus"));
	/*
	 * The way back of a static device's tunnel: an estimate whose
	 * reasoning names no BGP timer (the audit: static sites have no
	 * BGP hold time).
	 */
	{
		size_t	 i, n = 0;

		for (i = 0; i < p->expect.n; i++) {
			const struct proc_step *st = &p->expect.v[i];

			if (!has_prefix(st->text, "After the rollback: every "
			    "tunnel of LocalSite2/branch-fw"))
				continue;
			assert_string_equal(st->source, "estimate");
			assert_null(strstr(st->within, "hold time"));
			assert_non_null(strstr(st->within, "no BGP timer "
			    "applies"));
			n++;
		}
		assert_int_equal(n, 1);
	}
	p = find(set, "observe:site-down:LocalSite2");
	assert_null(strstr(p->notes[0], "learned routes"));
	assert_non_null(strstr(p->notes[0], "static prefixes"));
	procset_free(set);
	analysis_release(&a);
}

/*
 * The runbook's "Expected" table is the expectations' own rows: as many
 * rows as expectations with a route, with the same bound (T6).
 */
static void
test_expected_table(void **state)
{
	struct analysis	 a;
	struct procset	*set;
	struct view_opts o;
	struct value	*v, *tests, *rows;
	size_t		 i, k, r, nroute;

	(void)state;
	memset(&o, 0, sizeof(o));
	load(&a, TWO_LOCATIONS);
	set = procset_tests(&a);
	v = view_runbook(&a, &o);
	tests = value_map_get(v, "tests");
	assert_non_null(tests);
	assert_int_equal(tests->n, set->n);
	for (i = 0; i < set->n; i++) {
		const struct procedure *p = set->v[i];

		rows = value_map_get(tests->items[i], "expected");
		assert_non_null(rows);
		for (k = 0, r = 0, nroute = 0; k < p->expect.n; k++) {
			const struct proc_step *st = &p->expect.v[k];

			if (st->route == NULL)
				continue;
			nroute++;
			assert_true(r < rows->n);
			assert_string_equal(value_map_cstr(rows->items[r],
			    "via"), st->route->via);
			/* The step's own cell: figure and label (issue 17). */
			assert_non_null(st->within_cell);
			assert_string_equal(value_map_cstr(rows->items[r],
			    "within"), st->within_cell);
			r++;
		}
		assert_int_equal(rows->n, nroute);
	}
	value_free(v);
	procset_free(set);
	analysis_release(&a);
}

/*
 * A circuit that is a site's only path (audit H1): its test is observe
 * only -- no peering disabled, no failover simulation started -- its
 * blast radius says from the simulation that the site loses all
 * connectivity, and it points to the outage section, which covers the
 * unplanned case.  The location that holds only that circuit too.
 */
static void
test_single_circuit(void **state)
{
	struct analysis	 a;
	struct procset	*set;
	const struct procedure *p;
	size_t		 i;

	(void)state;
	load(&a, SINGLE_CIRCUIT);
	set = procset_tests(&a);
	for (i = 0; i < set->n; i++)
		assert_null(strstr(set->v[i]->id, "disable-peering:"));
	p = find(set, "observe:circuit-down:er-eus-equinix-dc");
	assert_false(p->disruptive);
	assert_true(p->observe_only);
	assert_int_equal(p->actions.n, 0);
	assert_int_equal(p->rollback.n, 0);
	assert_int_equal(p->nabort_if, 0);
	assert_non_null(strstr(p->blast_radius, "site HQ loses all "
	    "connectivity to Azure (prefix 10.100.0.0/16)"));
	assert_true(strv_has(p->blast_objects, p->nblast_objects, "sites.HQ"));
	assert_true(strv_has(p->notes, p->nnotes, "\"Circuit "
	    "er-eus-equinix-dc is down (unplanned)\""));
	p = find(set, "observe:location-down:washington-dc");
	assert_false(p->disruptive);
	assert_int_equal(p->actions.n, 0);
	procset_free(set);
	/* The unplanned case has its section. */
	set = procset_outage(&a);
	p = find(set, "outage:circuit:er-eus-equinix-dc");
	assert_int_equal(p->actions.n, 0);
	procset_free(set);
	analysis_release(&a);
}

/* A suppressed finding that promises a runbook step gets one. */
static void
test_promised_step(void **state)
{
	struct analysis	 a;
	struct procset	*set;
	const struct procedure *p;

	(void)state;
	load(&a, "tests/procedure/promised-step.yaml");
	set = procset_outage(&a);
	p = find(set, "outage:accepted-findings");
	assert_true(p->actions.n > 0);
	assert_non_null(strstr(p->actions.v[0].text, "runbook step"));
	procset_free(set);
	analysis_release(&a);
}

/*
 * The unplanned chapter covers every kind that can take a site's path
 * down, not only circuits: the ExpressRoute gateway, each VPN gateway
 * instance (named with its public IP) and each site's VPN device; each
 * says who to call, observes, and states what the simulation says.
 */
static const char *const designs_all[] = { "designs/contoso-eastus.yaml",
    "designs/fabrikam-max-resiliency.yaml",
    "designs/northwind-branches.yaml" };

static void
test_outage_kinds(void **state)
{
	static const char *const ids[] = {
		"outage:circuit:er-eus-equinix-dc", "outage:er-gateway-down",
		"outage:vpn-instance-down:0", "outage:vpn-instance-down:1",
		"outage:device-down:HQ:hq-asr",
		"outage:device-down:LocalSite2:branch-fw",
	};
	struct analysis	 a;
	struct procset	*set;
	const struct procedure *p;
	size_t		 i, k;
	int		 call;

	(void)state;
	load(&a, CONTOSO);
	set = procset_outage(&a);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		p = find(set, ids[i]);
		assert_false(p->disruptive);
		assert_int_equal(p->actions.n, 0);
		assert_true(p->observe.n > 0);
		assert_true(p->expect.n > 0);
		if (i == 0)
			continue;
		for (call = 0, k = 0; k < p->nnotes; k++)
			if (strncmp(p->notes[k], "Who to call: ", 13) == 0)
				call = 1;
		assert_true(call);
	}
	p = find(set, "outage:vpn-instance-down:1");
	assert_non_null(strstr(p->title, "IN_1 (20.62.10.5)"));
	/* review 20 Q13: a gateway's section reads the gateway first, and
	 * an instance's reads every VPN device's tunnels */
	assert_non_null(strstr(p->observe.v[0].text, "provisioning state"));
	assert_non_null(strstr(p->observe.v[0].az, "provisioningState"));
	for (call = 0, k = 0; k < p->observe.n; k++)
		call += strstr(p->observe.v[k].text, "Tunnel states of ") !=
		    NULL;
	assert_int_equal(call, 2);
	procset_free(set);
	analysis_release(&a);
	/*
	 * Review 20 Q5: in the unplanned chapter S2SBK's lab figure is
	 * cited only for a move from ExpressRoute to the VPN, never for a
	 * static site or a move between circuits.
	 */
	for (k = 0; k < sizeof(designs_all) / sizeof(designs_all[0]); k++) {
		load(&a, designs_all[k]);
		set = procset_outage(&a);
		for (i = 0; i < set->n; i++) {
			const struct procedure *q = set->v[i];
			size_t	 j;

			for (j = 0; j < q->expect.n; j++) {
				const struct proc_step *st = &q->expect.v[j];

				if (st->within == NULL ||
				    strstr(st->within, "S2SBK") == NULL)
					continue;
				assert_non_null(strstr(st->within, "from "
				    "ExpressRoute to the VPN"));
				if (st->route != NULL)
					assert_string_equal(st->route->path,
					    "vpn");
				else
					assert_non_null(strstr(st->text,
					    "next hop IP changes"));
			}
		}
		procset_free(set);
		analysis_release(&a);
	}
}

/*
 * One numbering: the diagram's label and id, the scenario id and its
 * text name instance n as IN_n next to its public IP.
 */
static void
test_instance_numbering(void **state)
{
	struct analysis	 a;
	struct diagram	*dg;
	struct diags	 d;
	struct buf	 svg = BUF_INIT, t = BUF_INIT;
	const char	*ip[2] = { "20.62.10.4", "20.62.10.5" };
	size_t		 i;

	(void)state;
	load(&a, CONTOSO);
	diags_init(&d);
	dg = diagram_new(a.dsn, a.sim, DIAGRAM_SUMMARY);
	assert_true(diagram_render(dg, NULL, DIAGRAM_SVG, &svg, &d));
	for (i = 0; i < 2; i++) {
		const struct sim_scenario *sc;
		char	 want[64], id[64];
		const char *lab;

		snprintf(want, sizeof(want), "instance IN_%zu of 2", i);
		lab = strstr(buf_cstr(&svg), want);
		assert_non_null(lab);
		/* The public IP is on the same node, before its end. */
		assert_non_null(strstr(lab, ip[i]));
		assert_true(strstr(lab, ip[i]) < strstr(lab, "</g>"));
		snprintf(id, sizeof(id), "vpngw_vpngw_hub_eus_IN_%zu", i);
		assert_non_null(strstr(buf_cstr(&svg), id));
		snprintf(id, sizeof(id), "vpn-instance-down:%zu", i);
		sc = sim_scenario(a.sim, id);
		assert_non_null(sc);
		snprintf(want, sizeof(want), "IN_%zu (%s)", i, ip[i]);
		assert_non_null(strstr(a.sim->elems[sc->failed[0]].label,
		    want));
	}
	assert_null(strstr(buf_cstr(&svg), "instance 1 of 2"));
	assert_null(strstr(buf_cstr(&svg), "instance 2 of 2"));
	diagram_free(dg);
	diags_release(&d);
	buf_release(&svg);
	buf_release(&t);
	analysis_release(&a);
}

/*
 * Before a reset, and before a tunnel test on a BGP device, Azure's own
 * pairing of public IP and BGP address is read and must match the
 * design's, before any check that reads a BGP session by that address
 * (review 17-c M9).  A static device's tunnel test reads no BGP session.
 */
static size_t
step_index(const struct proc_steps *s, const char *pat)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (strstr(s->v[i].text, pat))
			return i;
	fail_msg("no step \"%s\"", pat);
	return 0;
}

static void
test_bgp_pairing(void **state)
{
	static const char *const ids[] = { "reset-instance:IN_0",
	    "reset-instance:IN_1", "shut-tunnel:HQ:hq-asr:IN_0" };
	struct analysis	 a;
	struct procset	*set;
	const struct procedure *p;
	const struct proc_step *st;
	size_t		 i, k;

	(void)state;
	load(&a, CONTOSO);
	set = procset_tests(&a);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		p = find(set, ids[i]);
		k = step_index(&p->go_no_go, "pairs each public IP");
		st = &p->go_no_go.v[k];
		assert_non_null(strstr(st->az, "vnet-gateway show"));
		assert_non_null(strstr(st->az, "bgpSettings.bgpPeeringAddresses[]"
		    ".{ipconfig: ipconfigurationId, tunnelIps: "
		    "tunnelIpAddresses, bgp: defaultBgpIpAddresses"));
		assert_non_null(strstr(st->ps, ").BgpSettings."
		    "BgpPeeringAddresses | Select-Object IpconfigurationId, "
		    "TunnelIpAddresses, DefaultBgpIpAddresses"));
		assert_non_null(strstr(st->expect, "20.62.10.4 with 10.1.255.4 "
		    "(IN_0); 20.62.10.5 with 10.1.255.5 (IN_1)"));
		assert_non_null(strstr(st->expect, "do not start"));
		/* Read before the check that relies on it. */
		assert_true(k < step_index(&p->go_no_go, "The BGP session of "
		    "HQ/hq-asr"));
	}
	p = find(set, "shut-tunnel:LocalSite2:branch-fw:IN_0");
	assert_false(step_text(&p->go_no_go, "pairs each public IP"));
	procset_free(set);
	analysis_release(&a);
}

/*
 * failover.tests selects actions: fabrikam lists circuit-down of its
 * only Amsterdam circuit, whose action (the site failover simulation
 * at Amsterdam) is exactly location-down:amsterdam, so that procedure
 * covers both (review 17-c L1).
 */
static void
test_selected_same_action(void **state)
{
	struct analysis	 a;
	struct procset	*set;
	const struct procedure *p;
	struct buf	 id = BUF_INIT;

	(void)state;
	load(&a, FABRIKAM);
	assert_true(a.dsn->failover.ntests > 0);
	set = procset_tests(&a);
	p = find(set, "site-failover:amsterdam");
	assert_int_equal(p->nscenarios, 2);
	assert_string_equal(p->scenarios[0], "circuit-down:er-weu-equinix-ams");
	assert_string_equal(p->scenarios[1], "location-down:amsterdam");
	assert_true(procedure_id(&a, "location-down:amsterdam", &id));
	assert_string_equal(buf_cstr(&id), p->id);
	/* Only the selected actions: no procedure of its own. */
	assert_int_equal(set->n, 2);
	procset_free(set);
	buf_release(&id);
	analysis_release(&a);
}

/* One quoting function for both shells. */
static void
test_shell_word(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	assert_true(shell_word(&b, SHELL_SH, "rg-hub_1.x"));
	assert_string_equal(buf_cstr(&b), "rg-hub_1.x");
	buf_truncate(&b, 0);
	shell_word(&b, SHELL_SH, "Washington DC");
	assert_string_equal(buf_cstr(&b), "'Washington DC'");
	buf_truncate(&b, 0);
	shell_word(&b, SHELL_PS, "Washington DC");
	assert_string_equal(buf_cstr(&b), "'Washington DC'");
	buf_truncate(&b, 0);
	shell_word(&b, SHELL_SH, "a'b$(x)");
	assert_string_equal(buf_cstr(&b), "'a'\\''b$(x)'");
	buf_truncate(&b, 0);
	shell_word(&b, SHELL_PS, "a'b$x`y");
	assert_string_equal(buf_cstr(&b), "'a''b$x`y'");
	buf_truncate(&b, 0);
	/* PowerShell reads these unquoted as operators. */
	shell_word(&b, SHELL_PS, "a,b");
	assert_string_equal(buf_cstr(&b), "'a,b'");
	buf_truncate(&b, 0);
	shell_word(&b, SHELL_PS, "@x");
	assert_string_equal(buf_cstr(&b), "'@x'");
	buf_truncate(&b, 0);
	shell_word(&b, SHELL_SH, "-rf");
	assert_string_equal(buf_cstr(&b), "'-rf'");
	buf_truncate(&b, 0);
	assert_false(shell_word(&b, SHELL_PS, "a\nb"));
	assert_null(strchr(buf_cstr(&b), '\n'));
	buf_truncate(&b, 0);
	shell_opt(&b, SHELL_SH, "-g", "");
	assert_string_equal(buf_cstr(&b), " -g ''");
	buf_release(&b);
}

/* The label's observation in a document value, or fail. */
static const struct value *
doc_obs(const struct value *d, const char *label)
{
	const struct value *l = value_map_get(d, "observations");
	size_t		 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(value_map_cstr(l->items[i], "label"), label) == 0)
			return l->items[i];
	fail_msg("no observation %s", label);
	return NULL;
}

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL &&
	    strcmp(a, b) == 0);
}

/*
 * A read-only section of the record against its rows in the document
 * value: as many, same text and result, and each step's command is the
 * one its row's label names (no command: no label).
 */
/* Whether label "Ok" is in a record's words ("O1 to O5, O8 and O10"). */
static int
record_has(const char *rec, size_t k)
{
	const char	*s = rec;
	size_t		 a, b;
	char		*end;

	while ((s = strchr(s, 'O')) != NULL) {
		a = (size_t)strtoul(s + 1, &end, 10);
		b = a;
		if (strncmp(end, " to O", 5) == 0)
			b = (size_t)strtoul(end + 5, &end, 10);
		if (k >= a && k <= b)
			return 1;
		s = end;
	}
	return 0;
}

static void
record_covers(const struct value *d, const char *key)
{
	const struct value *rows = value_map_get(d, key);
	const char	*rec = value_map_cstr(d, "record"), *cmd;
	size_t		 i;

	for (i = 0; rows != NULL && i < rows->n; i++) {
		cmd = value_map_cstr(rows->items[i], "cmd");
		if (cmd == NULL)
			continue;
		assert_non_null(rec);
		if (!record_has(rec, (size_t)strtoul(cmd + 1, NULL, 10)))
			fail_msg("%s row %zu reads %s, not in \"%s\"", key,
			    i + 1, cmd, rec);
	}
}

static void
doc_rows_match(const struct proc_steps *ss, const struct value *d,
    const char *key, int after, size_t *nref)
{
	const struct value *rows = value_map_get(d, key), *o;
	size_t		 i, n = 0;

	for (i = 0; i < ss->n; i++)
		n += after < 0 || ss->v[i].after == after;
	assert_int_equal(rows->n, n);
	for (i = 0, n = 0; i < ss->n; i++) {
		const struct proc_step *s = &ss->v[i];
		const struct value *r;
		const char	*cmd;

		if (after >= 0 && s->after != after)
			continue;
		r = rows->items[n++];
		cmd = value_map_cstr(r, "cmd");
		assert_int_equal(value_map_get(r, "number")->num, (long long)n);

		assert_string_equal(value_map_cstr(r, "text"), s->text);
		assert_true(same_str(value_map_cstr(r, "result"), s->expect));
		assert_null(value_map_get(r, "az"));
		assert_null(value_map_get(r, "ps"));
		if (s->az == NULL && s->ps == NULL) {
			assert_null(cmd);
			continue;
		}
		assert_non_null(cmd);
		o = doc_obs(d, cmd);
		assert_true(same_str(value_map_cstr(o, "az"), s->az));
		assert_true(same_str(value_map_cstr(o, "ps"), s->ps));
		(*nref)++;
	}
}

/*
 * Actions or rollback steps in the document value: a step that changes
 * something (targets) or has no command keeps its commands; a check
 * among them names the observation with its exact command.
 */
static void
doc_steps_match(const struct proc_steps *ss, const struct value *d,
    const char *key)
{
	const struct value *rows = value_map_get(d, key), *o;
	size_t		 i;

	assert_int_equal(rows->n, ss->n);
	for (i = 0; i < ss->n; i++) {
		const struct proc_step *s = &ss->v[i];
		const struct value *r = rows->items[i];
		const char	*cmd = value_map_cstr(r, "cmd");

		assert_string_equal(value_map_cstr(r, "text"), s->text);
		assert_int_equal(value_map_get(r, "targets")->n, s->ntargets);
		if (s->ntargets > 0 || (s->az == NULL && s->ps == NULL)) {
			assert_null(cmd);
			assert_true(same_str(value_map_cstr(r, "az"), s->az));
			assert_true(same_str(value_map_cstr(r, "ps"), s->ps));
			continue;
		}
		assert_non_null(cmd);
		assert_null(value_map_get(r, "az"));
		o = doc_obs(d, cmd);
		assert_true(same_str(value_map_cstr(o, "az"), s->az));
		assert_true(same_str(value_map_cstr(o, "ps"), s->ps));
	}
}

/*
 * A document prints each read-only command of a procedure once
 * (procedure_value_doc): the observations' commands are distinct, the
 * observe steps are O1, O2, ... in order with their text, every go/no-go
 * check and expectation names the observation with its exact command,
 * and the actions and the rollback keep their commands in place.  On
 * every shipped design, and the labels are used more than once (the
 * point of them).
 */
static void
test_doc_each_command_once(void **state)
{
	static const char *const designs[] = { CONTOSO, FABRIKAM,
	    "designs/northwind-branches.yaml", TWO_LOCATIONS,
	    SHARED_LOCATION, ACTIVE_STANDBY, SINGLE_CIRCUIT };
	struct analysis	 a;
	struct procset	*set;
	struct value	*d;
	const struct value *obs, *x;
	size_t		 k, i, j, q, nref = 0, nobs = 0, nlead;
	char		 label[32];

	(void)state;
	for (k = 0; k < sizeof(designs) / sizeof(designs[0]); k++) {
		load(&a, designs[k]);
		set = procset_tests(&a);
		for (i = 0; i < set->n; i++) {
			const struct procedure *p = set->v[i];

			d = procedure_value_doc(p);
			obs = value_map_get(d, "observations");
			nobs += obs->n;
			for (j = 0; j < obs->n; j++) {
				snprintf(label, sizeof(label), "O%zu", j + 1);
				assert_string_equal(value_map_cstr(
				    obs->items[j], "label"), label);
			}
			for (j = 0; j < obs->n; j++) {
				size_t	 m;
				const char *az = value_map_cstr(obs->items[j],
				    "az"), *ps = value_map_cstr(obs->items[j],
				    "ps");

				if (az == NULL && ps == NULL)
					continue;
				for (m = j + 1; m < obs->n; m++)
					assert_false(same_str(az, value_map_cstr(
					    obs->items[m], "az")) && same_str(ps,
					    value_map_cstr(obs->items[m], "ps")));
			}
			/* the observe steps lead, in order, once each */
			for (j = 0, nlead = 0; j < p->observe.n; j++) {
				const struct proc_step *st = &p->observe.v[j];
				size_t	 m;

				for (m = 0; m < j; m++)
					if ((st->az != NULL || st->ps != NULL) &&
					    same_str(st->az,
					    p->observe.v[m].az) && same_str(
					    st->ps, p->observe.v[m].ps))
						break;
				if (m < j)
					continue;
				x = obs->items[nlead++];
				assert_string_equal(value_map_cstr(x, "text"),
				    st->text);
				assert_true(same_str(value_map_cstr(x, "az"),
				    st->az));
			}
			/* the observe steps' commands are all recorded */
			for (q = 1; q <= nlead; q++)
				assert_true(record_has(value_map_cstr(d,
				    "record"), q));
			/* what a row read while the test lasts or after it
			 * names is among those to record (review 20 Q8) */
			record_covers(d, "expect");
			record_covers(d, "expect_after");
			doc_rows_match(&p->go_no_go, d, "go_no_go", -1,
			    &nref);
			/* during the failure, then after the rollback */
			doc_rows_match(&p->expect, d, "expect", 0, &nref);
			doc_rows_match(&p->expect, d, "expect_after", 1,
			    &nref);
			/* what changes things stays as the record has it; a
			 * check among the actions reads an observation */
			doc_steps_match(&p->actions, d, "actions");
			doc_steps_match(&p->rollback, d, "rollback");
			assert_int_equal(value_map_get(d, "abort_if")->n,
			    p->nabort_if);
			assert_string_equal(value_map_cstr(d, "id"), p->id);
			value_free(d);
		}
		procset_free(set);
		analysis_release(&a);
	}
	/* labels stand for commands that repeat */
	assert_true(nref > nobs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_shipped_design),
		cmocka_unit_test(test_same_action_one_procedure),
		cmocka_unit_test(test_site_failover),
		cmocka_unit_test(test_promised_step),
		cmocka_unit_test(test_outage_kinds),
		cmocka_unit_test(test_shared_location),
		cmocka_unit_test(test_active_standby),
		cmocka_unit_test(test_static_wording),
		cmocka_unit_test(test_expected_table),
		cmocka_unit_test(test_single_circuit),
		cmocka_unit_test(test_instance_numbering),
		cmocka_unit_test(test_bgp_pairing),
		cmocka_unit_test(test_selected_same_action),
		cmocka_unit_test(test_shell_word),
		cmocka_unit_test(test_doc_each_command_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Procedures, part three (procedure_int.h): what the simulation says a
 * test must show.  The observation commands for the objects a scenario
 * touches, the go/no-go checks (the baseline now, the backup's sessions
 * and routes, what else an action reaches, capacity), the expectations
 * with their bounds -- documented, or labelled estimates -- and their
 * rows of the "Expected" table, the return paths, and the abort
 * conditions, which are observed facts and never a time alone.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/findings.h"
#include "hybridoc/prefix.h"
#include "hybridoc/procedure.h"
#include "hybridoc/rules.h"
#include "hybridoc/shell.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/words.h"
#include "hybridoc/xalloc.h"

#include "procedure_int.h"

/* ---- observation, checks and expectations from the simulation ---- */

/* Flags the sites and circuits a scenario fails or moves. */
void
proc_touched(const struct analysis *a, const struct sim_scenario *sc,
    unsigned char *site_on, unsigned char *circuit_on)
{
	const struct design *dsn = a->dsn;
	const struct sim *s = a->sim;
	size_t	 k, j;

	memset(site_on, 0, dsn->nsites + 1);
	memset(circuit_on, 0, dsn->ncircuits + 1);
	for (k = 0; k < sc->nfailed; k++) {
		const struct sim_element *e = &s->elems[sc->failed[k]];

		if (e->site)
			site_on[(size_t)(e->site - dsn->sites)] = 1;
		if (e->circuit)
			circuit_on[(size_t)(e->circuit - dsn->circuits)] = 1;
		if (e->kind == SIM_EL_LOCATION) {
			char	*slug = sim_slug(e->location);

			for (j = 0; j < dsn->ncircuits; j++)
				if (proc_at_location(&dsn->circuits[j], slug))
					circuit_on[j] = 1;
			free(slug);
		}
	}
	for (k = 0; k < s->natoms; k++) {
		const struct sim_route *r0, *r1;

		if (!sim_route_changed(s, sc, k))
			continue;
		r0 = sim_route_at(s, &s->scenarios[0], k);
		r1 = sim_route_at(s, sc, k);
		if (r1->site)
			site_on[(size_t)(r1->site - dsn->sites)] = 1;
		for (j = 0; j < r0->ncircuits; j++)
			circuit_on[(size_t)(r0->circuits[j] - dsn->circuits)] =
			    1;
		for (j = 0; j < r1->ncircuits; j++)
			circuit_on[(size_t)(r1->circuits[j] - dsn->circuits)] =
			    1;
	}
}

/*
 * The observation commands a test runs before, during and after: the
 * gateways' learned routes and BGP peers, and for the circuits and
 * sites the scenario touches, their route tables, tunnel states and
 * advertised routes.  Only those, so a large design's runbook stays
 * proportional to what each test changes.
 */
void
proc_observe_steps(const struct design *dsn, const unsigned char *site_on,
    const unsigned char *circuit_on, struct proc_steps *steps)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT;
	struct proc_step *s;
	char		 a[DESIGN_TEXTLEN];
	size_t		 i, j;

	if (dsn->er_gateway.node) {
		s = proc_step_add(steps, "Routes the ExpressRoute gateway %s learned",
		    dsn->er_gateway.name);
		proc_cmd_learned(&az, &ps, dsn, dsn->er_gateway.name);
		proc_step_cmds(s, &az, &ps);
		for (i = 0; i < dsn->ncircuits; i++) {
			if (!circuit_on[i])
				continue;
			s = proc_step_add(steps, "Route table of circuit %s, primary "
			    "link (repeat with secondary): the prefixes "
			    "on-premises advertises, and the virtual network's "
			    "prefixes on-premises learns over the circuit (the "
			    "return path)", dsn->circuits[i].name);
			proc_cmd_link_table(&az, &ps, dsn, &dsn->circuits[i], 0, 0);
			proc_step_cmds(s, &az, &ps);
		}
	}
	if (dsn->vpn_gateway.node) {
		s = proc_step_add(steps, "BGP peers of the VPN gateway %s",
		    dsn->vpn_gateway.name);
		proc_cmd_bgp_peers(&az, &ps, dsn);
		proc_step_cmds(s, &az, &ps);
		s = proc_step_add(steps, "Routes the VPN gateway %s learned",
		    dsn->vpn_gateway.name);
		proc_cmd_learned(&az, &ps, dsn, dsn->vpn_gateway.name);
		proc_step_cmds(s, &az, &ps);
		for (i = 0; i < dsn->nsites; i++) {
			if (!site_on[i])
				continue;
			for (j = 0; j < dsn->sites[i].ndevices; j++) {
				const struct vpn_device *v =
				    &dsn->sites[i].devices[j];

				s = proc_step_add(steps, "Tunnel states of %s/%s "
				    "(one per gateway instance)",
				    dsn->sites[i].name, v->name);
				proc_cmd_tunnels(&az, &ps, dsn, v->connection);
				proc_step_cmds(s, &az, &ps);
				if (!v->has_bgp)
					continue;
				design_addr_copy(dsn,
				    value_map_get(v->node, "bgp"), "peer_ip",
				    &v->bgp_peer_ip, 0,
				    a, sizeof(a));
				s = proc_step_add(steps, "Routes advertised to %s/%s "
				    "(BGP peer %s)", dsn->sites[i].name,
				    v->name, a);
				proc_cmd_advertised(&az, &ps, dsn, a);
				proc_step_cmds(s, &az, &ps);
			}
		}
	}
	s = proc_step_add(steps, "Effective routes of a test VM in the VNet");
	proc_cmd_effective(&az, &ps, dsn);
	proc_step_cmds(s, &az, &ps);
	buf_release(&az);
	buf_release(&ps);
}

/*
 * Detection, and where its figure comes from (review 17 #8, #13): the
 * simulation's time for this route with what it rests on (enum
 * sim_detect; for a prefix left with no path, the last of its paths to
 * be noticed), worded by sim_detect_basis() -- the same figure and the
 * same words as the quick card and the failover matrix.  A route the
 * simulation gives no time falls back to the BGP hold time.
 */
static void
detect_within(const struct sim_route *r, struct proc_step *st,
    const char *then)
{
	int	 known = r != NULL && r->detect_s > 0;
	double	 d = known ? r->detect_s : HOLD_S;
	enum sim_detect by = known ? r->detect_by : SIM_DET_HOLD;
	long	 s = (long)(d + 0.999);
	struct buf cell = BUF_INIT;

	if (r != NULL && r->dropped) {
		/* As the matrix shows it: "—", nothing withdraws it. */
		st->within_s = 0;
		proc_set_str(&st->within_cell, "— (%s)",
		    sim_detect_basis(SIM_DET_NONE));
		return;
	}
	st->within_s = s;
	buf_truncate(&cell, 0);
	words_detect(&cell, d);
	buf_printf(&cell, " (%s)", sim_detect_basis(by));
	proc_set_str(&st->within_cell, "%s", buf_cstr(&cell));
	buf_release(&cell);
	if (by == SIM_DET_BFD)
		proc_set_str(&st->within, "detected within %.1f s (%s)%s", d,
		    sim_detect_basis(by), then);
	else if (sim_detect_estimate(by))
		proc_set_str(&st->within, "detected in about %ld s (%s%s%s)%s", s,
		    sim_detect_basis(by), by == SIM_DET_DPD_DEFAULT ||
		    by == SIM_DET_DEVICE_DPD_DEFAULT ? "; read the "
		    "connection's dpdTimeoutSeconds with az network "
		    "vpn-connection show" : "", by == SIM_DET_DEVICE_DPD_DESIGN ||
		    by == SIM_DET_DEVICE_DPD_DEFAULT ? "; read the device's "
		    "DPD interval and retries from its configuration" : "",
		    then);
	else
		proc_set_str(&st->within, "detected within %ld s (%s)%s", s,
		    sim_detect_basis(by), then);
	switch (by) {
	case SIM_DET_BFD:
	case SIM_DET_HOLD:
		proc_set_str(&st->source, SRC_ERBFD);
		break;
	case SIM_DET_VPN_FAILOVER:
		proc_set_str(&st->source, SRC_VPNHA);
		break;
	case SIM_DET_DPD_DESIGN:
		proc_set_str(&st->source, SRC_DESIGN);
		break;
	default:
		proc_set_str(&st->source, SRC_ESTIMATE);
		break;
	}
}

/*
 * The bound of a planned test's expectation: how long the action takes
 * to move the routes, documented (RESVAL) or labelled an estimate.
 */
static void
action_within(const struct analysis *a, const struct sim_scenario *sc,
    const struct sim_route *r, struct proc_step *st)
{
	size_t	 k;

	for (k = 0; k < sc->nfailed; k++) {
		const struct sim_element *e = &a->sim->elems[sc->failed[k]];

		if (proc_elem_sitefo_location(a->dsn, e) != NULL ||
		    (e->kind == SIM_EL_ER_GATEWAY && proc_sitefo_available(a->dsn))) {
			proc_step_typical(st, SITEFO_BOUND_S, SRC_RESVAL, "RESVAL: "
			    "after the simulation starts, traffic failover "
			    "typically completes within 15 s");
			return;
		}
		if (e->kind == SIM_EL_CIRCUIT || e->kind == SIM_EL_LOCATION) {
			proc_step_estimate(st, PEERING_EST_S, "S2SBK measured \"a "
			    "few seconds (less than 10)\" after a peering was "
			    "disabled, in one lab setup; no bound is "
			    "documented");
			return;
		}
		if (e->kind == SIM_EL_LINK) {
			proc_step_estimate(st, PEERING_EST_S, "the test disconnects "
			    "BGP on one link administratively, as a peering "
			    "disable does on both, for which S2SBK measured "
			    "less than 10 s in one lab setup; no bound is "
			    "documented");
			return;
		}
	}
	detect_within(r, st, "");
}

/*
 * The bound of an unplanned failure: detection by BFD or the BGP hold
 * time (ERBFD), or DPD, as the simulation computed it for this route
 * -- the later of the two paths when both go -- then convergence, which
 * no page bounds.
 */
static void
outage_within(const struct analysis *a, const struct sim_route *r0,
    const struct sim_route *r, struct proc_step *st)
{
	const char	*then;

	(void)a;
	/*
	 * What follows detection (review 20 Q5): S2SBK measured only the
	 * move from ExpressRoute to the VPN; a static site runs no BGP;
	 * anything else converges in a time no page gives.
	 */
	if (r == NULL || r->path == SIM_NONE)
		then = "";
	else if (r->path == SIM_VPN && r->site != NULL &&
	    proc_site_static(r->site))
		then = ", then traffic goes on over the tunnels still up "
		    "(a static route: no BGP runs; no documented figure)";
	else if (r0 != NULL && r0->path == SIM_EXPRESSROUTE &&
	    r->path == SIM_VPN)
		then = ", then BGP converges (not documented; S2SBK measured "
		    "less than 10 s in one lab setup, from ExpressRoute to "
		    "the VPN)";
	else
		then = ", then BGP converges (not documented)";
	detect_within(r, st, then);
}

void
proc_prefix_site(struct buf *b, const struct sim_route *r)
{
	char	 p[PREFIX_STRLEN];

	buf_printf(b, "%s (%s)", PFX(&r->atom, p), r->site ? r->site->name :
	    "no site");
}

/* The expectation's row of the "Expected" table. */
static void
step_route(struct proc_step *st, const struct sim_route *r, const char *at)
{
	struct proc_route *x = xcalloc(1, sizeof(*x));
	char	 p[PREFIX_STRLEN];

	x->prefix = xstrdup(PFX(&r->atom, p));
	x->site = xstrdup(r->site ? r->site->name : "—");
	x->path = xstrdup(sim_path_name(r->path));
	x->via = xstrdup(r->dropped ? "dropped: static route stays" :
	    r->via && *r->via ? r->via : "—");
	x->at = at ? xstrdup(at) : NULL;
	x->capacity_mbps = r->path == SIM_NONE ? 0 : r->capacity_mbps;
	if (r->path != SIM_NONE && r->capacity_unknown != NULL)
		x->capacity_unknown = xstrdup(r->capacity_unknown);
	x->capacity_estimate = r->path != SIM_NONE && r->capacity_estimate;
	x->unreachable = r->path == SIM_NONE;
	st->route = x;
}

/* A check that the baseline holds now, before anything is done. */
static void
baseline_check(const struct analysis *a, const struct sim_route *r0,
    struct procedure *p)
{
	const struct design *dsn = a->dsn;
	struct buf	 az = BUF_INIT, ps = BUF_INIT, t = BUF_INIT;
	struct proc_step *s;
	char		 pf[PREFIX_STRLEN];

	PFX(&r0->atom, pf);
	proc_prefix_site(&t, r0);
	if (r0->path == SIM_VPN && r0->site && proc_site_static(r0->site)) {
		s = proc_step_add(&p->go_no_go, "Now, before the test: %s is "
		    "reached as in the baseline, over the VPN via %s (a "
		    "static prefix of the site's local network gateway)",
		    buf_cstr(&t), r0->via);
		proc_cmd_effective(&az, &ps, dsn);
		proc_set_str(&s->expect, "%s in the effective routes with next hop "
		    "VirtualNetworkGateway", pf);
	} else {
		const char *gw = r0->path == SIM_VPN ? dsn->vpn_gateway.name :
		    dsn->er_gateway.name;

		s = proc_step_add(&p->go_no_go, "Now, before the test: %s is "
		    "reached as in the baseline, over %s via %s",
		    buf_cstr(&t), sim_path_name(r0->path), r0->via);
		proc_cmd_learned(&az, &ps, dsn, gw);
		proc_set_str(&s->expect, "%s has learned a route to %s from the "
		    "peers of %s; if the path differs now, the test's "
		    "expectations do not hold: do not start", gw, pf, r0->via);
	}
	proc_step_cmds(s, &az, &ps);
	buf_release(&az);
	buf_release(&ps);
	buf_release(&t);
}

/* Go/no-go for the backup a moved prefix lands on. */
static void
backup_checks(const struct analysis *a, const struct sim_route *r,
    struct procedure *p)
{
	const struct design *dsn = a->dsn;
	struct buf	 az = BUF_INIT, ps = BUF_INIT, t = BUF_INIT, x = BUF_INIT;
	struct proc_step *s;
	char		 ip[DESIGN_TEXTLEN], pf[PREFIX_STRLEN];
	size_t		 i, j;

	PFX(&r->atom, pf);
	if (r->path == SIM_VPN) {
		for (i = 0; i < r->ntunnels; i++) {
			const struct vpn_device *v = r->tunnels[i].device;
			const struct site *st = r->tunnels[i].site;

			buf_truncate(&t, 0);
			buf_printf(&t, "Both tunnels of %s/%s are Connected "
			    "(read per tunnel: the connection's aggregate "
			    "status stays Connected with one tunnel down)",
			    st->name, v->name);
			if (dsn->vpn_gateway.active_active &&
			    !proc_step_has(&p->go_no_go, buf_cstr(&t))) {
				s = proc_step_add(&p->go_no_go, "%s", buf_cstr(&t));
				proc_cmd_tunnels(&az, &ps, dsn, v->connection);
				proc_step_cmds(s, &az, &ps);
				buf_truncate(&x, 0);
				for (j = 0; j < dsn->vpn_gateway.ninstances;
				    j++) {
					buf_puts(&x, j ? ", " : "");
					proc_instance_words(&x, dsn, j);
				}
				proc_set_str(&s->expect, "tunnelConnectionStatus "
				    "lists a Connected tunnel to each instance: "
				    "%s", buf_cstr(&x));
			}
			if (!v->has_bgp)
				continue;
			design_addr_copy(dsn,
			    value_map_get(v->node, "bgp"), "peer_ip",
			    &v->bgp_peer_ip, 0,
			    ip, sizeof(ip));
			buf_truncate(&t, 0);
			buf_printf(&t, "The BGP session of %s/%s (peer %s) is "
			    "Connected on %s", st->name, v->name, ip,
			    dsn->vpn_gateway.name);
			if (!proc_step_has(&p->go_no_go, buf_cstr(&t))) {
				s = proc_step_add(&p->go_no_go, "%s", buf_cstr(&t));
				proc_cmd_bgp_peers(&az, &ps, dsn);
				proc_step_cmds(s, &az, &ps);
				proc_set_str(&s->expect, "Neighbor %s: State "
				    "Connected%s", ip,
				    dsn->vpn_gateway.active_active ? ", on "
				    "both instances" : "");
			}
		}
		if (r->site && proc_site_static(r->site)) {
			s = proc_step_add(&p->go_no_go, "%s is a static prefix of "
			    "the local network gateway of %s, the path this "
			    "test moves it to (no BGP: nothing is learned)",
			    pf, r->site->name);
			proc_cmd_effective(&az, &ps, dsn);
			proc_step_cmds(s, &az, &ps);
			proc_set_str(&s->expect, "%s in the effective routes with "
			    "next hop VirtualNetworkGateway, and the site's "
			    "tunnels Connected (above)", pf);
		} else {
			s = proc_step_add(&p->go_no_go, "The VPN gateway %s has "
			    "learned %s, the prefix this test moves onto it",
			    dsn->vpn_gateway.name, pf);
			proc_cmd_learned(&az, &ps, dsn, dsn->vpn_gateway.name);
			proc_step_cmds(s, &az, &ps);
			proc_set_str(&s->expect, "A route to %s (or a covering "
			    "prefix) learned over BGP from the site's VPN "
			    "peer", pf);
		}
	} else if (r->path == SIM_EXPRESSROUTE) {
		s = proc_step_add(&p->go_no_go, "The ExpressRoute gateway %s has "
		    "learned %s over %s, the backup this test moves it to",
		    dsn->er_gateway.name, pf, r->via);
		proc_cmd_learned(&az, &ps, dsn, dsn->er_gateway.name);
		proc_step_cmds(s, &az, &ps);
		proc_set_str(&s->expect, "A route to %s from the peers of %s", pf,
		    r->via);
	}
	buf_release(&az);
	buf_release(&ps);
	buf_release(&t);
	buf_release(&x);
}

/* The smallest capacity of a site's reachable prefixes, or -1. */
static long
site_capacity(const struct sim *s, const struct sim_scenario *sc,
    const struct site *st, enum sim_path *path, const char **unknown)
{
	long	 cap = -1;
	size_t	 k;

	*unknown = NULL;
	for (k = 0; k < s->natoms; k++) {
		const struct sim_route *r = sim_route_at(s, sc, k);

		if (r->site != st || r->path == SIM_NONE)
			continue;
		if (r->capacity_unknown != NULL && *unknown == NULL)
			*unknown = r->capacity_unknown;
		if (cap < 0 || r->capacity_mbps < cap) {
			cap = r->capacity_mbps;
			*path = r->path;
		}
	}
	return cap;
}

static void
capacity_checks(const struct analysis *a, const struct sim_scenario *sc,
    const unsigned char *site_on, struct procedure *p)
{
	const struct design *dsn = a->dsn;
	struct proc_step *s;
	enum sim_path	 path = SIM_NONE;
	size_t		 i;
	long		 cap;
	const char	*unknown;

	for (i = 0; i < dsn->ntraffic; i++) {
		const struct traffic *t = &dsn->traffic[i];

		if (t->site == NULL ||
		    !site_on[(size_t)(t->site - dsn->sites)])
			continue;
		cap = site_capacity(a->sim, sc, t->site, &path, &unknown);
		if (cap >= 0 && unknown != NULL) {
			/* No conclusion: the bandwidth is not known yet. */
			s = proc_step_add(&p->go_no_go, "Capacity: %s peaks at %ld "
			    "Mbps (traffic in the design), but what its path "
			    "carries during this test is not known: %s "
			    "(finding HD802)", t->site->name, t->peak_mbps,
			    unknown);
			proc_set_str(&s->no_command, "Read the circuit's bandwidth "
			    "from the provider's order and the site's current "
			    "traffic from your monitoring");
			proc_set_str(&s->expect, "The path carries %s's traffic "
			    "now, or degraded service for %s is accepted in "
			    "the change record", t->site->name,
			    t->site->name);
			proc_set_str(&s->source, SRC_MODEL);
			continue;
		}
		if (cap < 0 || cap >= t->peak_mbps)
			continue;
		s = proc_step_add(&p->go_no_go, "Capacity: %s peaks at %ld Mbps "
		    "(traffic in the design), but during this test its path "
		    "carries %ld Mbps over %s (simulation estimate; see "
		    "docs/model.md and finding HD605)", t->site->name,
		    t->peak_mbps, cap, sim_path_name(path));
		proc_set_str(&s->no_command, "Read the site's current traffic from "
		    "your monitoring");
		proc_set_str(&s->expect, "%s's traffic now is below %ld Mbps, or "
		    "degraded service for %s is accepted in the change record",
		    t->site->name, cap, t->site->name);
		proc_set_str(&s->source, SRC_MODEL);
	}
}

static void
window_check(const struct design *dsn, struct procedure *p)
{
	struct proc_step *s;

	if (dsn->failover.maintenance_window)
		s = proc_step_add(&p->go_no_go, "Maintenance window: %s "
		    "(failover.maintenance_window)",
		    dsn->failover.maintenance_window);
	else
		s = proc_step_add(&p->go_no_go, "Maintenance window: not set in "
		    "the design (failover.maintenance_window); agree one in "
		    "the change record");
	proc_set_str(&s->no_command, "A scheduling check");
	proc_set_str(&s->expect, "Now is inside the window, the change record "
	    "is approved, and the people named in the blast radius know");
}


/* Whether the scenario takes circuit c away from the gateway. */
static int
circuit_failed(const struct analysis *a, const struct sim_scenario *sc,
    const struct circuit *c)
{
	size_t	 k;

	for (k = 0; k < sc->nfailed; k++) {
		const struct sim_element *e = &a->sim->elems[sc->failed[k]];

		if (e->kind == SIM_EL_ER_GATEWAY ||
		    (e->kind == SIM_EL_CIRCUIT && e->circuit == c))
			return 1;
		if (e->kind == SIM_EL_LOCATION) {
			char	*slug = sim_slug(e->location);
			int	 r = proc_at_location(c, slug);

			free(slug);
			if (r)
				return 1;
		}
	}
	return 0;
}

/*
 * The return path: what each site whose way back to Azure changes
 * learns from Azure now -- the VNet's address space advertised to its
 * VPN peer, or present in the route table of a circuit it still has.
 */
static void
return_expectations(const struct analysis *a, const struct sim_scenario *sc,
    struct procedure *p, int planned, const char *at,
    const struct sim_route *worst)
{
	const struct design *dsn = a->dsn;
	const struct sim *s = a->sim;
	struct buf	 az = BUF_INIT, ps = BUF_INIT, sp = BUF_INIT;
	struct proc_step *st;
	char		 pf[PREFIX_STRLEN], ip[PREFIX_STRLEN];
	size_t		 i, j;

	for (i = 0; i < dsn->vnet.naddress_space; i++)
		buf_printf(&sp, "%s%s", i ? ", " : "",
		    PFX(&dsn->vnet.address_space[i], pf));
	for (i = 0; i < dsn->nsites; i++) {
		const struct sim_return *r0 = sim_return_at(s,
		    &s->scenarios[0], i), *r = sim_return_at(s, sc, i);
		const struct site *site = &dsn->sites[i];
		const struct circuit *c = NULL;
		const struct vpn_device *v = NULL;

		const struct circuit *c0 = NULL;
		long	 best0 = -1;
		int	 lost;

		/* The circuit its local preference picks in the baseline. */
		for (j = 0; j < site->ner; j++)
			if (site->er[j].local_preference > best0) {
				c0 = site->er[j].circuit;
				best0 = site->er[j].local_preference;
			}
		lost = c0 != NULL && circuit_failed(a, sc, c0);
		/* A changed path, or the same path over another circuit. */
		if (r0 == NULL || r == NULL || (r0->path == r->path &&
		    r0->undetermined == r->undetermined &&
		    !(r->path == SIM_EXPRESSROUTE && lost)))
			continue;
		if (r->undetermined) {
			st = proc_step_add(&p->expect, "%s%s%sReturn path of %s: "
			    "undetermined (equal local preference on "
			    "ExpressRoute and VPN, HD603); read the site's "
			    "router to see which it uses", at ? "During the "
			    "test at " : "", at ? at : "", at ? ": " : "",
			    site->name);
			proc_set_str(&st->no_command, "On-premises: hybridoc "
			    "prints no device commands");
		} else if (r->path == SIM_VPN) {
			for (j = 0; j < site->ndevices && v == NULL; j++)
				if (site->devices[j].has_bgp)
					v = &site->devices[j];
			st = proc_step_add(&p->expect, "%s%s%sReturn path: %s "
			    "reaches Azure over the VPN; Azure advertises %s "
			    "to it there", at ? "During the test at " : "",
			    at ? at : "", at ? ": " : "", site->name,
			    buf_cstr(&sp));
			if (r0->path == SIM_EXPRESSROUTE && c0 != NULL) {
				/*
				 * The VPN advertised the VNet before the
				 * test too: what shows the move is the VNet
				 * leaving the circuit (review 17 #5).
				 */
				proc_cmd_link_table(&az, &ps, dsn, c0, 0, 0);
				proc_set_str(&st->expect, "%s no longer in the "
				    "route table of circuit %s (repeat with "
				    "the secondary link). The VPN "
				    "gateway advertised it before the test "
				    "too, so the move itself shows only on "
				    "the site's router: its best route to it "
				    "now points to the tunnel", buf_cstr(&sp),
				    c0->name);
			} else if (v != NULL) {
				ADDR(&v->bgp_peer_ip, ip);
				proc_cmd_advertised(&az, &ps, dsn, ip);
				proc_set_str(&st->expect, "%s advertised to BGP peer "
				    "%s; on the site's router, the route to "
				    "it points to the tunnel", buf_cstr(&sp),
				    ip);
			} else
				proc_set_str(&st->no_command, "Static site: its "
				    "router's static route to %s must point "
				    "to the tunnel (on-premises, no Azure "
				    "command shows it)", buf_cstr(&sp));
		} else if (r->path == SIM_EXPRESSROUTE) {
			long	 best = -1;

			/* The circuit its local preference picks. */
			for (j = 0; j < site->ner; j++)
				if (!circuit_failed(a, sc,
				    site->er[j].circuit) &&
				    site->er[j].local_preference > best) {
					c = site->er[j].circuit;
					best = site->er[j].local_preference;
				}
			st = proc_step_add(&p->expect, "%s%s%sReturn path: %s "
			    "reaches Azure over ExpressRoute%s%s", at ?
			    "During the test at " : "", at ? at : "",
			    at ? ": " : "", site->name, c ? " via " : "",
			    c ? c->name : "");
			if (c != NULL && lost && c0 != c) {
				/*
				 * The circuit left held the VNet before the
				 * test too: what shows the move is the VNet
				 * leaving the lost one (review 17 #6).
				 */
				proc_cmd_link_table(&az, &ps, dsn, c0, 0, 0);
				proc_set_str(&st->expect, "%s no longer in the "
				    "route table of circuit %s (repeat with "
				    "the secondary link): on-premises "
				    "now learns it only over %s, whose table "
				    "held it before the test too", buf_cstr(&sp),
				    c0->name, c->name);
			} else if (c != NULL) {
				proc_cmd_link_table(&az, &ps, dsn, c, 0, 0);
				proc_set_str(&st->expect, "%s in the circuit's route "
				    "table (what on-premises learns over it); "
				    "on the site's router, the best route to it "
				    "is over the circuit", buf_cstr(&sp));
			} else
				proc_set_str(&st->no_command, "On-premises: read "
				    "the site's router");
		} else {
			st = proc_step_add(&p->expect, "%s%s%sReturn path: %s has no "
			    "way back to Azure", at ? "During the test at " :
			    "", at ? at : "", at ? ": " : "", site->name);
			proc_set_str(&st->no_command, "On-premises: read the site's "
			    "router");
		}
		proc_step_cmds(st, &az, &ps);
		if (planned)
			action_within(a, sc, worst, st);
		else
			outage_within(a, NULL, worst, st);
	}
	buf_release(&az);
	buf_release(&ps);
	buf_release(&sp);
}

/*
 * The second reading of a prefix that moves from ExpressRoute to the
 * VPN: in the effective routes its next hop IP becomes the VPN
 * gateway's instance addresses, no longer the baseline's (review 17
 * #5).  who: the prefix and site, in words.
 */
static void
vpn_next_hop(const struct analysis *a, const struct sim_scenario *sc,
    const struct sim_route *r, struct procedure *p, int planned,
    const char *at, const struct buf *who)
{
	const struct design *dsn = a->dsn;
	struct buf	 az = BUF_INIT, ps = BUF_INIT, x = BUF_INIT;
	struct proc_step *st;
	char		 pf[PREFIX_STRLEN], ip[PREFIX_STRLEN];
	size_t		 j, n = 0;

	(void)at;
	for (j = 0; j < dsn->vpn_gateway.ninstances; j++)
		if (dsn->vpn_gateway.instances[j].has_bgp_ip)
			buf_printf(&x, "%s%s", n++ ? ", " : "",
			    ADDR(&dsn->vpn_gateway.instances[j].bgp_ip, ip));
	st = proc_step_add(&p->expect, "%s: in the effective routes its next "
	    "hop IP changes from the baseline's to the VPN gateway's "
	    "instance addresses", buf_cstr(who));
	proc_cmd_effective(&az, &ps, dsn);
	proc_step_cmds(st, &az, &ps);
	proc_set_str(&st->expect, "The route to %s has nextHopType "
	    "VirtualNetworkGateway (as before) and nextHopIpAddress %s%s "
	    "(the instances' private addresses in GatewaySubnet), not the "
	    "addresses it had in the baseline", PFX(&r->atom, pf),
	    n ? "" : "the private addresses of ", n ? buf_cstr(&x) :
	    dsn->vpn_gateway.name);
	if (planned)
		action_within(a, sc, r, st);
	else
		outage_within(a, sim_route_at(a->sim, &a->sim->scenarios[0],
		    r->index), r, st);
	buf_release(&az);
	buf_release(&ps);
	buf_release(&x);
}

/*
 * The expectations of a scenario, from the simulation: one step per
 * prefix that moves, each with its row of the "Expected" table, and
 * the return paths that change.  planned: a test's action (its bound,
 * and abort conditions on what is observed); otherwise a failure
 * watched (detection bounds, no abort).
 */
void
proc_expectations(const struct analysis *a, const struct sim_scenario *sc,
    struct procedure *p, int planned, const char *at)
{
	const struct design *dsn = a->dsn;
	const struct sim *s = a->sim;
	struct buf	 az = BUF_INIT, ps = BUF_INIT, t = BUF_INIT, x = BUF_INIT;
	struct proc_step *st;
	size_t		 k, i, changed = 0;
	char		 pf[PREFIX_STRLEN];
	const struct sim_route *worst = NULL;

	for (k = 0; k < s->natoms; k++) {
		const struct sim_route *r0, *r;

		if (!sim_route_changed(s, sc, k))
			continue;
		r0 = sim_route_at(s, &s->scenarios[0], k);
		r = sim_route_at(s, sc, k);
		PFX(&r->atom, pf);
		changed++;
		if (worst == NULL || r->detect_s > worst->detect_s)
			worst = r;
		buf_truncate(&t, 0);
		if (at != NULL)
			buf_printf(&t, "During the test at %s: ", at);
		proc_prefix_site(&t, r);
		if (r->path == SIM_NONE && r->site && proc_site_static(r->site)) {
			/* The routes do not show it: the tunnels do (#9). */
			st = proc_step_add(&p->expect, "%s stays in the effective "
			    "routes with next hop VirtualNetworkGateway (a "
			    "static prefix of the local network gateway is "
			    "not withdrawn), but traffic to it fails: "
			    "expected, no tunnel is left", buf_cstr(&t));
			if (r->site->ndevices > 0) {
				proc_cmd_tunnels(&az, &ps, dsn,
				    r->site->devices[0].connection);
				proc_set_str(&st->expect, "No entry of "
				    "tunnelConnectionStatus is Connected%s, and a "
				    "ping or Connection Monitor test from the "
				    "test VM to a host in %s fails",
				    r->site->ndevices > 1 ? " (repeat for each "
				    "device of the site)" : "", pf);
			} else
				proc_cmd_effective(&az, &ps, dsn);
		} else if (r->path == SIM_NONE) {
			st = proc_step_add(&p->expect, "%s leaves the effective "
			    "routes: expected, no path is left",
			    buf_cstr(&t));
			proc_cmd_effective(&az, &ps, dsn);
		} else if (r->path == SIM_VPN && r0->path == SIM_EXPRESSROUTE) {
			/*
			 * Both gateways' routes show next hop type
			 * VirtualNetworkGateway, and the VPN gateway learns
			 * the prefix before the test too: what tells the
			 * move is the prefix leaving the ExpressRoute
			 * gateway (review 17 #5).
			 */
			st = proc_step_add(&p->expect, "%s leaves the routes %s "
			    "learned from %s and is reached over the VPN via "
			    "%s", buf_cstr(&t), dsn->er_gateway.name, r0->via,
			    r->via);
			proc_cmd_learned(&az, &ps, dsn, dsn->er_gateway.name);
			proc_set_str(&st->expect, "No route to %s learned from "
			    "the peers of %s (the baseline had one); the VPN "
			    "gateway had it before the test too, so its own "
			    "table proves nothing", pf, r0->via);
		} else if (r->path == SIM_VPN && r->site &&
		    proc_site_static(r->site)) {
			/*
			 * A static prefix stays in the effective routes
			 * whatever its tunnels do: what shows it still
			 * reached is the tunnel that carries it, and
			 * traffic (review 17 #9).
			 */
			st = proc_step_add(&p->expect, "%s is reached over the VPN "
			    "via %s: a static prefix of the local network "
			    "gateway stays in the effective routes either "
			    "way, so read the tunnel that carries it and probe "
			    "an address in %s from the test VM", buf_cstr(&t),
			    r->via, pf);
			if (r->ntunnels > 0)
				proc_cmd_tunnels(&az, &ps, dsn,
				    r->tunnels[0].device->connection);
			buf_truncate(&x, 0);
			for (i = 0; i < r->ntunnels; i++) {
				buf_puts(&x, i ? ", " : "");
				proc_instance_words(&x, dsn,
				    r->tunnels[i].instance);
			}
			proc_set_str(&st->expect, "In tunnelConnectionStatus, the "
			    "tunnel to %s has connectionStatus Connected, and "
			    "a ping or Connection Monitor test from the test "
			    "VM to a host in %s succeeds", x.len ?
			    buf_cstr(&x) : "the remaining instance", pf);
		} else if (r->path == SIM_VPN) {
			st = proc_step_add(&p->expect, "%s is reached over the VPN "
			    "via %s: learned by %s, next hop "
			    "VirtualNetworkGateway in the effective routes",
			    buf_cstr(&t), r->via, dsn->vpn_gateway.name);
			proc_cmd_learned(&az, &ps, dsn, dsn->vpn_gateway.name);
		} else if (r0->path == SIM_EXPRESSROUTE && r0->via && r->via &&
		    strcmp(r0->via, r->via) == 0) {
			st = proc_step_add(&p->expect, "%s stays on ExpressRoute "
			    "via %s, on its remaining link", buf_cstr(&t),
			    r->via);
			proc_cmd_learned(&az, &ps, dsn, dsn->er_gateway.name);
			proc_set_str(&st->expect, "A route to %s still learned "
			    "from the peers of %s (origin EBgp), now from the "
			    "remaining link's edge router only", pf, r->via);
		} else {
			st = proc_step_add(&p->expect, "%s is reached over "
			    "ExpressRoute via %s: learned by %s from that "
			    "circuit's peers", buf_cstr(&t), r->via,
			    dsn->er_gateway.name);
			proc_cmd_learned(&az, &ps, dsn, dsn->er_gateway.name);
			if (r0->path == SIM_EXPRESSROUTE && r0->via)
				/* The new circuit may have had it before. */
				proc_set_str(&st->expect, "A route to %s from the "
				    "peers of %s, and none any more from those "
				    "of %s (the baseline's)", pf, r->via,
				    r0->via);
		}
		proc_step_cmds(st, &az, &ps);
		step_route(st, r, at);
		if (r->path == SIM_VPN && r0->path == SIM_EXPRESSROUTE &&
		    dsn->vpn_gateway.node)
			vpn_next_hop(a, sc, r, p, planned, at, &t);
		if (!planned) {
			outage_within(a, r0, r, st);
			continue;
		}
		action_within(a, sc, r, st);
		/* Abort on what is observed, never on the clock alone. */
		buf_truncate(&t, 0);
		if (at != NULL)
			buf_printf(&t, "During the test at %s: ", at);
		proc_prefix_site(&t, r);
		if (r->path == SIM_NONE)
			buf_printf(&t, " is still reached over %s via %s once "
			    "the action has completed: the test did not take "
			    "effect", sim_path_name(r0->path), r0->via);
		else if (r->path == SIM_VPN && r->site &&
		    proc_site_static(r->site) &&
		    !dsn->vpn_gateway.active_active)
			buf_printf(&t, ": the tunnel of %s to the gateway is "
			    "not Connected again once the action has completed "
			    "and the standby instance has taken over, so its "
			    "static prefix has nowhere to go", r->site->name);
		else if (r->path == SIM_VPN && r->site &&
		    proc_site_static(r->site)) {
			/* The tunnels left, never the one the test takes. */
			buf_puts(&t, ": the tunnel");
			if (r->ntunnels > 1)
				buf_putc(&t, 's');
			for (i = 0; i < r->ntunnels; i++) {
				buf_printf(&t, "%s from %s/%s to instance ", i ?
				    "," : "", r->tunnels[i].site->name,
				    r->tunnels[i].device->name);
				proc_instance_words(&t, dsn,
				    r->tunnels[i].instance);
			}
			buf_printf(&t, ", which carr%s it during the test, "
			    "%s not Connected once the action has completed, "
			    "so its static prefix has nowhere to go",
			    r->ntunnels > 1 ? "y" : "ies", r->ntunnels > 1 ?
			    "are" : "is");
		}
		else
			buf_printf(&t, " is missing from the routes %s learned "
			    "via %s once the action has completed (the "
			    "go/no-go found it there)", r->path == SIM_VPN ?
			    dsn->vpn_gateway.name : dsn->er_gateway.name,
			    r->via);
		proc_strv_add(&p->abort_if, &p->nabort_if, buf_cstr(&t));
	}
	if (changed == 0) {
		st = proc_step_add(&p->expect, "%s%s%sNo prefix changes path: learned "
		    "routes and effective routes match the baseline; the "
		    "redundancy of the failed element carries the traffic",
		    at ? "During the test at " : "", at ? at : "",
		    at ? ": " : "");
		proc_cmd_effective(&az, &ps, dsn);
		proc_step_cmds(st, &az, &ps);
	}
	return_expectations(a, sc, p, planned, at, worst);
	buf_release(&az);
	buf_release(&ps);
	buf_release(&t);
	buf_release(&x);
}

/* The checks before a site failover simulation at a location. */
static void
sitefo_checks(const struct design *dsn, const char *location,
    struct procedure *p)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT;
	struct proc_step *st;

	st = proc_step_add(&p->go_no_go, "No other failover test runs on %s, "
	    "and no circuit of the gateway is under maintenance (Azure "
	    "refuses the test otherwise)", dsn->er_gateway.name);
	proc_cmd_sitefo_status(&az, &ps, dsn);
	proc_step_cmds(st, &az, &ps);
	proc_set_str(&st->expect, "No test with status Running; Service Health "
	    "lists no maintenance on the circuits");
	proc_set_str(&st->source, SRC_RESVAL);
	st = proc_step_add(&p->go_no_go, "The routes %s learns at %s are also "
	    "learned at another peering location (route redundancy, the "
	    "portal's Route List)", dsn->er_gateway.name, location);
	proc_cmd_routes_information(&az, &ps, dsn);
	proc_step_cmds(st, &az, &ps);
	proc_set_str(&st->expect, "lastComputedTime is after the maintenance "
	    "window opened (RESVAL: the Route List may show results cached "
	    "for up to an hour; if the refresh was refused, wait until "
	    "nextEligibleComputeTime and run it again), and every route set "
	    "whose locations include %s also lists another location; a "
	    "route set only at %s loses connectivity for the test (RESVAL: "
	    "nonredundant routes): accept that in the change record or do "
	    "not start", location, location);
	proc_set_str(&st->source, SRC_RESVAL);
	buf_release(&az);
	buf_release(&ps);
}

/* The checks before a circuit's private peering is disabled. */
static void
circuit_checks(const struct design *dsn, const struct circuit *c,
    struct procedure *p)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT;
	struct proc_step *st;

	st = proc_step_add(&p->go_no_go, "Everything else on circuit %s is "
	    "known: its authorizations (VNets in other subscriptions), its "
	    "peerings' connections (Global Reach)", c->name);
	proc_cmd_circuit_show(&az, &ps, dsn, c);
	proc_step_cmds(st, &az, &ps);
	proc_set_str(&st->expect, "Every authorization and connection shown is "
	    "named in the blast radius below, and its owners agreed");
	st = proc_step_add(&p->go_no_go, "The virtual networks linked to circuit "
	    "%s: every gateway connection whose peer is the circuit, in "
	    "every subscription you can read (Azure Resource Graph; the "
	    "Azure CLI needs its resource-graph extension)", c->name);
	proc_cmd_circuit_links(&az, &ps, dsn, c);
	proc_step_cmds(st, &az, &ps);
	proc_set_str(&st->expect, "Only connections the blast radius names, or "
	    "whose owners agreed; a VNet in a tenant you cannot read does "
	    "not appear here, only as a used authorization above");
	buf_release(&az);
	buf_release(&ps);
}

/* The checks before one link's failover test. */
static void
link_checks(const struct design *dsn, const struct circuit *c, int link,
    struct procedure *p)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT;
	struct proc_step *st;

	st = proc_step_add(&p->go_no_go, "The other link of circuit %s, the %s, "
	    "has its BGP session up with the prefixes on-premises "
	    "advertises: it carries the circuit during the test", c->name,
	    link ? "primary" : "secondary");
	proc_cmd_route_summary(&az, &ps, dsn, c, !link);
	proc_step_cmds(st, &az, &ps);
	proc_set_str(&st->expect, "The neighbour is up (Up/Down shows a duration, "
	    "not Idle, Active or Connect) and StatePfxRcd is not zero; "
	    "otherwise the test takes the whole circuit down: do not start");
	st = proc_step_add(&p->go_no_go, "No link failover test runs on circuit "
	    "%s", c->name);
	proc_cmd_linkfo_status(&az, dsn, c);
	proc_step_cmds(st, &az, NULL);
	proc_set_str(&st->expect, "No test with status Running");
	proc_set_str(&st->source, SRC_LINKFO);
	buf_release(&az);
	buf_release(&ps);
}

/* The checks before a VPN gateway reset: every connection is hit. */
static void
reset_checks(const struct design *dsn, struct procedure *p)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT, l = BUF_INIT;
	struct proc_step *st;
	size_t		 i, j, n = 0;

	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++)
			buf_printf(&l, "%s%s", n++ ? ", " : "",
			    dsn->sites[i].devices[j].connection);
	st = proc_step_add(&p->go_no_go, "Every connection of %s is affected: "
	    "the reset reapplies the configuration to all of them and drops "
	    "the tunnels on the rebooted instance (VPNRESET)",
	    dsn->vpn_gateway.name);
	proc_cmd_gateway_users(&az, &ps, dsn, dsn->vpn_gateway.name);
	proc_step_cmds(st, &az, &ps);
	proc_set_str(&st->expect, "Only the connections the design describes "
	    "(%s); any other (VNet-to-VNet, a site the design does not "
	    "know) and any point-to-site users are named in the change "
	    "record and their owners know", n ? buf_cstr(&l) : "none");
	proc_set_str(&st->source, SRC_VPNRESET);
	buf_release(&az);
	buf_release(&ps);
	buf_release(&l);
}

/*
 * Before a reset, or a tunnel test on a BGP device: which public IP of
 * the gateway holds which BGP address, read from Azure.  The checks that
 * follow read BGP sessions by the design's address (localAddress), and a
 * reset picks its instance by public IP: if the design pairs them wrongly,
 * the check reads the wrong session and the action can take down a
 * device's only working one (review 17-c M9).  Stop on a mismatch.
 */
static void
pairing_check(const struct design *dsn, struct procedure *p)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT, l = BUF_INIT;
	struct proc_step *s;
	char		 ip[PREFIX_STRLEN], bgp[PREFIX_STRLEN];
	size_t		 j;

	if (!dsn->vpn_gateway.node || dsn->vpn_gateway.ninstances == 0)
		return;
	for (j = 0; j < dsn->vpn_gateway.ninstances; j++) {
		const struct gw_instance *gi = &dsn->vpn_gateway.instances[j];

		buf_printf(&l, "%s%s with ", j ? "; " : "", design_addr(dsn,
		    gi->node, "public_ip", &gi->public_ip, 0, ip));
		if (gi->has_bgp_ip)
			buf_printf(&l, "%s", design_addr(dsn, gi->node,
			    "bgp_ip", &gi->bgp_ip, 0, bgp));
		else
			buf_puts(&l, "the BGP address the design does not give "
			    "(record it: it is the localAddress the checks "
			    "below read)");
		if (gi->has_apipa_bgp_ip)
			buf_printf(&l, " and custom address %s", design_addr(dsn,
			    gi->node, "apipa_bgp_ip", &gi->apipa_bgp_ip, 0,
			    bgp));
		buf_printf(&l, " (IN_%zu)", j);
	}
	s = proc_step_add(&p->go_no_go, "%s pairs each public IP with the BGP "
	    "address the design gives it: this procedure names each "
	    "instance by its public IP, and the checks below read its BGP "
	    "session by that address", dsn->vpn_gateway.name);
	proc_cmd_bgp_addresses(&az, &ps, dsn);
	proc_step_cmds(s, &az, &ps);
	proc_set_str(&s->expect, "One entry per instance, each tunnel IP with "
	    "its BGP address as the design says: %s. Any other pairing "
	    "means vpn_gateway.instances in the design is wrong: the checks "
	    "below would read the wrong session, and the action could take "
	    "down a device's only working one: do not start; correct the "
	    "design and rebuild the runbook", buf_cstr(&l));
	buf_release(&az);
	buf_release(&ps);
	buf_release(&l);
}

/*
 * Before a test that takes away one tunnel of a device (a tunnel test,
 * or a reset of the instance at its other end): the device's tunnel to
 * every other instance, and its BGP session there, are up now, since
 * they carry the device's traffic while the test runs -- checked even
 * when no prefix changes path (review 17 #2).
 */
static void
other_instance_checks(const struct design *dsn, const struct site *st,
    const struct vpn_device *v, size_t inst, struct procedure *p)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT, w = BUF_INIT;
	struct proc_step *s;
	char		 ip[PREFIX_STRLEN], bgp[PREFIX_STRLEN];
	size_t		 j;

	for (j = 0; j < dsn->vpn_gateway.ninstances; j++) {
		const struct gw_instance *gi = &dsn->vpn_gateway.instances[j];

		if (j == inst)
			continue;
		buf_truncate(&w, 0);
		proc_instance_words(&w, dsn, j);
		s = proc_step_add(&p->go_no_go, "The tunnel from %s/%s to the "
		    "other instance %s is Connected: it carries the device's "
		    "traffic while the test runs", st->name, v->name,
		    buf_cstr(&w));
		proc_cmd_tunnels(&az, &ps, dsn, v->connection);
		proc_step_cmds(s, &az, &ps);
		proc_set_str(&s->expect, "In tunnelConnectionStatus, the tunnel "
		    "to %s has connectionStatus Connected (the connection's "
		    "own status stays Connected with one tunnel down, so read "
		    "the tunnel); otherwise the test takes %s/%s off Azure: "
		    "do not start", buf_cstr(&w), st->name, v->name);
		if (!v->has_bgp)
			continue;
		ADDR(&v->bgp_peer_ip, ip);
		if (gi->has_bgp_ip)
			ADDR(&gi->bgp_ip, bgp);
		s = proc_step_add(&p->go_no_go, "The BGP session of %s/%s (peer "
		    "%s) is Connected on the other instance %s", st->name,
		    v->name, ip, buf_cstr(&w));
		proc_cmd_bgp_peers(&az, &ps, dsn);
		proc_step_cmds(s, &az, &ps);
		if (gi->has_bgp_ip)
			proc_set_str(&s->expect, "The row with neighbor %s and "
			    "localAddress %s (the BGP address of IN_%zu) has "
			    "state Connected", ip, bgp, j);
		else
			proc_set_str(&s->expect, "A row with neighbor %s and "
			    "the localAddress of IN_%zu has state Connected",
			    ip, j);
	}
	buf_release(&az);
	buf_release(&ps);
	buf_release(&w);
}

/*
 * Before a test on a site's device: the site's prefixes are reached as
 * in the baseline now, whether or not the test moves them -- when no
 * prefix moves, the path that keeps the site up (ExpressRoute, another
 * device) must be up before the device goes (review 17 #2).
 */
static void
site_baseline_checks(const struct analysis *a, const struct site *st,
    const struct vpn_device *except, struct procedure *p)
{
	const struct sim *s = a->sim;
	size_t	 k, j;

	for (k = 0; k < s->natoms; k++) {
		const struct sim_route *r0 = sim_route_at(s, &s->scenarios[0],
		    k);

		if (r0->site == st && r0->path != SIM_NONE)
			baseline_check(a, r0, p);
	}
	if (except == NULL || !a->dsn->vpn_gateway.node)
		return;
	/* The site's other devices carry its VPN traffic. */
	for (j = 0; j < st->ndevices; j++)
		if (&st->devices[j] != except)
			other_instance_checks(a->dsn, st, &st->devices[j],
			    (size_t)-1, p);
}

/* Every device's tunnels to the instances a reset leaves up. */
static void
reset_other_checks(const struct analysis *a, size_t inst,
    struct procedure *p)
{
	const struct design *dsn = a->dsn;
	struct buf	 w = BUF_INIT;
	size_t		 i, j;

	if (!dsn->vpn_gateway.active_active)
		return;
	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++)
			other_instance_checks(dsn, &dsn->sites[i],
			    &dsn->sites[i].devices[j], inst, p);
	for (j = 0; j < dsn->vpn_gateway.ninstances; j++) {
		if (j == inst)
			continue;
		buf_truncate(&w, 0);
		proc_instance_words(&w, dsn, j);
		proc_strv_addf(&p->abort_if, &p->nabort_if, "A tunnel to the "
		    "other instance %s is not Connected once the reset has "
		    "completed", buf_cstr(&w));
	}
	buf_release(&w);
}

void
proc_go_no_go(const struct analysis *a, const struct sim_scenario *sc,
    const unsigned char *site_on, struct procedure *p)
{
	const struct design *dsn = a->dsn;
	const struct sim *s = a->sim;
	struct buf	 t = BUF_INIT;
	struct proc_step *st;
	size_t		 k, i;

	window_check(dsn, p);
	for (k = 0; k < sc->nfailed; k++) {
		const struct sim_element *e = &s->elems[sc->failed[k]];
		const char *loc = proc_elem_sitefo_location(dsn, e);

		if (loc != NULL || (e->kind == SIM_EL_ER_GATEWAY &&
		    proc_sitefo_available(dsn))) {
			sitefo_checks(dsn, loc ? loc : "each location", p);
			continue;
		}
		switch (e->kind) {
		case SIM_EL_CIRCUIT:
			circuit_checks(dsn, e->circuit, p);
			break;
		case SIM_EL_LOCATION: {
			char	*slug = sim_slug(e->location);

			for (i = 0; i < dsn->ncircuits; i++)
				if (proc_at_location(&dsn->circuits[i], slug))
					circuit_checks(dsn, &dsn->circuits[i],
					    p);
			free(slug);
			break;
		}
		case SIM_EL_LINK:
			link_checks(dsn, e->circuit, e->link, p);
			break;
		case SIM_EL_VPN_INSTANCE:
			reset_checks(dsn, p);
			if (dsn->vpn_gateway.active_active)
				pairing_check(dsn, p);
			reset_other_checks(a, e->instance, p);
			break;
		case SIM_EL_TUNNEL:
			site_baseline_checks(a, e->site, NULL, p);
			if (dsn->vpn_gateway.active_active &&
			    e->device->has_bgp)
				pairing_check(dsn, p);
			if (dsn->vpn_gateway.active_active)
				other_instance_checks(dsn, e->site, e->device,
				    e->instance, p);
			break;
		case SIM_EL_DEVICE:
			site_baseline_checks(a, e->site, e->device, p);
			break;
		default:
			break;
		}
	}
	for (k = 0; k < s->natoms; k++) {
		const struct sim_route *r0, *r;

		if (!sim_route_changed(s, sc, k))
			continue;
		r0 = sim_route_at(s, &s->scenarios[0], k);
		r = sim_route_at(s, sc, k);
		if (r0->path == SIM_NONE)
			continue;
		baseline_check(a, r0, p);
		if (r->path == SIM_NONE) {
			buf_truncate(&t, 0);
			proc_prefix_site(&t, r);
			st = proc_step_add(&p->go_no_go, "%s has no path while this "
			    "test runs: the simulation finds no backup",
			    buf_cstr(&t));
			proc_set_str(&st->no_command, "A decision, not a command");
			proc_set_str(&st->expect, "The outage of %s for the test is "
			    "accepted in the change record; otherwise do not "
			    "start", r->site ? r->site->name : "this prefix");
			continue;
		}
		if (r0->path == r->path && r0->via && r->via &&
		    strcmp(r0->via, r->via) == 0)
			continue;
		backup_checks(a, r, p);
	}
	capacity_checks(a, sc, site_on, p);
	proc_strv_add(&p->abort_if, &p->nabort_if, "A BGP peer or tunnel this "
	    "test does not touch leaves Connected");
	proc_strv_add(&p->abort_if, &p->nabort_if, "A prefix the expectations do "
	    "not name changes path or disappears from the effective routes");
	proc_strv_add(&p->abort_if, &p->nabort_if, "Users of an object outside "
	    "the blast radius report an outage");
	buf_release(&t);
}

/*
 * The packet's implementation plan, part three (plan_int.h): the
 * go/no-go gate of each disruptive step.  Computed from the simulation
 * of the design the step starts from: what the step does to the routes
 * (a gateway-wide loss or the scenario that stands for the step), the
 * checks that the path left is up and carries what moves to it, each
 * with its commands and expected result, the capacity left, the
 * maintenance window, when to stop, and whether the step can be undone.
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

/* ---- go/no-go gates of the disruptive steps ---- */

/*
 * What a disruptive step does to the routes, read from the simulation
 * of the design it starts from: either a gateway-wide loss (every
 * ExpressRoute or every VPN path gone: each prefix takes its baseline
 * "backup", the best route of the other kind), or the scenario that
 * stands for the step (a circuit's circuit-down, a device's
 * device-down, a site's site-down).
 */
struct gate {
	const struct sim *s;
	const struct design *dsn;
	enum sim_path	 lost;		/* gateway-wide: the kind lost */
	const struct sim_scenario *sc;	/* else the scenario, or NULL */
	int		 all;		/* the GatewaySubnet: both kinds */
	/* Per atom, computed once by gate_init(): gate_after()'s answer. */
	enum sim_path	*apath;
	const char	**avia;
	long		*acap;
	unsigned char	*acls;		/* enum gate_class */
};

static enum sim_path gate_after(const struct gate *, size_t,
		    const char **, long *);
static void	gate_classify(struct gate *);

/*
 * The scenario id that stands for a step on object, or NULL: the same
 * mapping as the packet's risk (packet.c, step_scenario()), plus a
 * site's removal.
 */
static int
gate_init0(struct gate *g, const struct sim *s, const struct design *dsn,
    const char *object)
{
	const char	*v;
	char		*id = NULL;

	memset(g, 0, sizeof(*g));
	g->s = s;
	g->dsn = dsn;
	if (s == NULL || s->partial)
		return 0;
	if (strcmp(object, "azure.vpn_gateway") == 0) {
		g->lost = SIM_VPN;
		return 1;
	}
	if (strcmp(object, "azure.expressroute_gateway") == 0) {
		g->lost = SIM_EXPRESSROUTE;
		return 1;
	}
	if (strcmp(object, "azure.vnet.subnets.GatewaySubnet") == 0) {
		g->all = 1;
		return 1;
	}
	if (strncmp(object, "circuits.", 9) == 0 &&
	    strchr(object + 9, '.') == NULL)
		id = xasprintf("circuit-down:%s", object + 9);
	else if (strncmp(object, "sites.", 6) == 0 &&
	    (v = strstr(object + 6, ".vpn.")) != NULL &&
	    strchr(v + 5, '.') == NULL)
		id = xasprintf("device-down:%.*s:%s", (int)(v - object - 6),
		    object + 6, v + 5);
	else if (strncmp(object, "sites.", 6) == 0 &&
	    strchr(object + 6, '.') == NULL)
		id = xasprintf("site-down:%s", object + 6);
	if (id == NULL)
		return 0;
	g->sc = sim_scenario(s, id);
	free(id);
	return g->sc != NULL;
}

/*
 * Atom k during the step: its path, what it goes through and the
 * capacity (-1: the simulation has no figure for it).
 */
static enum sim_path
gate_after0(const struct gate *g, size_t k, const char **via, long *cap)
{
	const struct sim_route *b = sim_route_at(g->s, &g->s->scenarios[0], k);
	const struct sim_route *r;
	size_t		 j;

	if (g->all) {
		*via = "";
		*cap = 0;
		return SIM_NONE;
	}
	if (g->sc != NULL) {
		r = sim_route_at(g->s, g->sc, k);
		*via = r->via;
		*cap = r->capacity_mbps;
		return r->path;
	}
	*via = b->via;
	*cap = b->capacity_mbps;
	if (b->path != g->lost)
		return b->path;
	*via = b->backup_via ? b->backup_via : "";
	*cap = -1;
	/* The capacity of the same route in a single failure that uses it. */
	for (j = 1; j < g->s->nscenarios && b->backup != SIM_NONE; j++) {
		r = sim_route_at(g->s, &g->s->scenarios[j], k);
		if (g->s->scenarios[j].nfailed == 1 && r->path == b->backup &&
		    strcmp(r->via, *via) == 0) {
			*cap = r->capacity_mbps;
			break;
		}
	}
	return b->backup;
}

/* Non-zero when atom k keeps its path but loses its only backup. */
static int
gate_no_backup(const struct gate *g, size_t k)
{
	const struct sim_route *b = sim_route_at(g->s, &g->s->scenarios[0], k);

	return g->sc == NULL && !g->all && b->path != SIM_NONE &&
	    b->path != g->lost && b->backup == g->lost;
}

enum gate_class { GC_SAME, GC_LOST, GC_MOVED, GC_NOBACKUP };

static enum gate_class
gate_class0(const struct gate *g, size_t k)
{
	const struct sim_route *b = sim_route_at(g->s, &g->s->scenarios[0], k);
	const char	*via;
	long		 cap;
	enum sim_path	 a;

	if (b->path == SIM_NONE)
		return GC_SAME;
	a = gate_after(g, k, &via, &cap);
	if (a == SIM_NONE)
		return GC_LOST;
	if (a != b->path || strcmp(via, b->via) != 0)
		return GC_MOVED;
	return gate_no_backup(g, k) ? GC_NOBACKUP : GC_SAME;
}

static enum gate_class
gate_class(const struct gate *g, size_t k)
{
	return (enum gate_class)g->acls[k];
}

static enum sim_path
gate_after(const struct gate *g, size_t k, const char **via, long *cap)
{
	*via = g->avia[k];
	*cap = g->acap[k];
	return g->apath[k];
}

/*
 * Each atom's path during the step and its class, once: gate_after0()
 * may look through every scenario for a capacity, and the callers ask
 * for every atom of every site and circuit.
 */
static void
gate_classify(struct gate *g)
{
	size_t	 k, n = g->s->natoms;

	g->apath = xcalloc(n + 1, sizeof(*g->apath));
	g->avia = xcalloc(n + 1, sizeof(*g->avia));
	g->acap = xcalloc(n + 1, sizeof(*g->acap));
	g->acls = xcalloc(n + 1, 1);
	for (k = 0; k < n; k++)
		g->apath[k] = gate_after0(g, k, &g->avia[k], &g->acap[k]);
	for (k = 0; k < n; k++)
		g->acls[k] = (unsigned char)gate_class0(g, k);
}

static int
gate_init(struct gate *g, const struct sim *s, const struct design *dsn,
    const char *object)
{
	if (!gate_init0(g, s, dsn, object))
		return 0;
	gate_classify(g);
	return 1;
}

static void
gate_release(struct gate *g)
{
	free(g->apath);
	free(g->avia);
	free(g->acap);
	free(g->acls);
	g->apath = NULL;
	g->avia = NULL;
	g->acap = NULL;
	g->acls = NULL;
}

/*
 * "LocalSite2 (10.101.0.0/16), HQ (10.100.0.0/16, 10.102.0.0/16)": the
 * atoms of class cl, by site in design order.  Returns how many.
 */
static size_t
gate_sites(struct buf *b, const struct gate *g, enum gate_class cl)
{
	char		 p[PREFIX_STRLEN];
	size_t		 i, k, n = 0, m;

	for (i = 0; i < g->dsn->nsites; i++) {
		m = 0;
		for (k = 0; k < g->s->natoms; k++) {
			const struct sim_route *r = sim_route_at(g->s,
			    &g->s->scenarios[0], k);

			if (r->site != &g->dsn->sites[i] ||
			    gate_class(g, k) != cl)
				continue;
			buf_printf(b, "%s%s%s", m ? ", " : n ? "), " : "",
			    m ? "" : g->dsn->sites[i].name, m ? "" : " (");
			buf_puts(b, PFX(&g->s->atoms[k], p));
			m++;
			n++;
		}
	}
	if (n)
		buf_putc(b, ')');
	return n;
}

/*
 * The downtime of a gateway's deletion in words, naming what the
 * simulation says: the prefixes left without a path and those that
 * keep theirs without a backup.
 */
void
gate_outage_words(struct buf *down, const struct sim *s,
    const struct design *dsn, enum sim_path lost)
{
	struct gate	 g;
	struct buf	 t = BUF_INIT;

	if (!gate_init(&g, s, dsn, lost == SIM_VPN ? "azure.vpn_gateway" :
	    "azure.expressroute_gateway")) {
		buf_puts(down, lost == SIM_VPN ? "VPN-only sites are down and "
		    "ExpressRoute sites have no backup" : "ExpressRoute-only "
		    "sites are down and VPN sites have no backup");
		return;
	}
	if (gate_sites(&t, &g, GC_LOST))
		buf_printf(down, "%s %s no path from the deletion until %s",
		    buf_cstr(&t), strchr(buf_cstr(&t), ')') != strrchr(
		    buf_cstr(&t), ')') ? "have" : "has", lost == SIM_VPN ?
		    "its tunnels are up again" : "its circuit is connected "
		    "again");
	else
		buf_puts(down, "no prefix loses its last path");
	buf_truncate(&t, 0);
	if (gate_sites(&t, &g, GC_NOBACKUP))
		buf_printf(down, "; %s %s no backup meanwhile (%s only)",
		    buf_cstr(&t), strchr(buf_cstr(&t), ')') != strrchr(
		    buf_cstr(&t), ')') ? "have" : "has", lost == SIM_VPN ?
		    "ExpressRoute" : "VPN");
	buf_truncate(&t, 0);
	if (gate_sites(&t, &g, GC_MOVED))
		buf_printf(down, "; %s %s over to %s", buf_cstr(&t),
		    strchr(buf_cstr(&t), ')') != strrchr(buf_cstr(&t), ')') ?
		    "move" : "moves", lost == SIM_VPN ? "ExpressRoute" : "the VPN");
	buf_release(&t);
	gate_release(&g);
}

/* Adds one check {check, commands, powershell, expect} to list. */
static void
gate_check(struct value *list, struct buf *what, struct buf *c, struct buf *p,
    struct buf *expect)
{
	struct value	*e = value_list_map(list);

	value_map_str(e, "check", buf_cstr(what));
	value_map_str(e, "commands", pc_block(c));
	value_map_str(e, "powershell", pc_block(p));
	value_map_str(e, "expect", buf_cstr(expect));
	buf_truncate(what, 0);
	buf_truncate(c, 0);
	buf_truncate(p, 0);
	buf_truncate(expect, 0);
}

/* Non-zero when name is one of the ", "-separated words of via. */
static int
via_has(const char *via, const char *name, size_t len)
{
	const char	*s = via;

	while (s && *s) {
		if (strncmp(s, name, len) == 0 &&
		    (s[len] == '\0' || s[len] == ',' || s[len] == ':'))
			return 1;
		s = strstr(s, ", ");
		if (s)
			s += 2;
	}
	return 0;
}

/* The prefixes of the dependent atoms that go through what (via_has). */
static size_t
gate_prefixes(struct buf *b, const struct gate *g, enum sim_path path,
    const char *name)
{
	char		 p[PREFIX_STRLEN];
	const char	*via;
	long		 cap;
	size_t		 k, n = 0;

	for (k = 0; k < g->s->natoms; k++) {
		enum gate_class cl = gate_class(g, k);

		if ((cl != GC_MOVED && cl != GC_NOBACKUP) ||
		    gate_after(g, k, &via, &cap) != path ||
		    (name && !via_has(via, name, strlen(name))))
			continue;
		buf_printf(b, "%s%s", n++ ? ", " : "",
		    PFX(&g->s->atoms[k], p));
	}
	return n;
}

static void
gate_circuit(struct value *list, const struct design *dsn,
    const struct circuit *ci, const char *pfx)
{
	struct buf	 w = BUF_INIT, c = BUF_INIT, p = BUF_INIT, x = BUF_INIT;
	char		*rg = pc_ckt_rg(ci);
	int		 k;

	buf_printf(&w, "Circuit %s: both BGP sessions of its private peering "
	    "are up and carry %s now", ci->name, pfx);
	for (k = 0; k < 2; k++) {
		pc_azc(&c, "network express-route list-route-tables-summary",
		    dsn,
		    ci);
		pc_arg(&c, "--peering-name AzurePrivatePeering");
		pc_arg(&c, "--path %s", k ? "secondary" : "primary");
		pc_arg(&c, "-o table");
		pc_endl(&c);
		shell_ps_context(&p, pc_ckt_sub(dsn, ci));
		buf_puts(&p, "Get-AzExpressRouteCircuitRouteTableSummary");
		pc_pso(&p, "-ResourceGroupName", rg);
		pc_pso(&p, "-ExpressRouteCircuitName", ci->name);
		buf_printf(&p, " -PeeringType AzurePrivatePeering -DevicePath "
		    "%s\n", k ? "Secondary" : "Primary");
	}
	buf_puts(&x, "On both paths the on-premises neighbor shows a time in "
	    "UpDown and a number of prefixes (not Idle, Active or Connect) in "
	    "StatePfxRcd");
	if (ci->resource_group == NULL)
		buf_printf(&x, " (the design does not say which resource group "
		    "circuit %s is in, circuits[].resource_group: replace "
		    CKT_RG_HOLE "%s> with it)", ci->name, ci->name);
	gate_check(list, &w, &c, &p, &x);
	buf_printf(&w, "Circuit %s's route tables hold %s now", ci->name, pfx);
	pc_er_verify(&c, &p, dsn, ci);
	buf_printf(&x, "Each of %s is listed on the primary and on the "
	    "secondary path", pfx);
	gate_check(list, &w, &c, &p, &x);
	free(rg);
	buf_release(&w);
	buf_release(&c);
	buf_release(&p);
	buf_release(&x);
}

/*
 * The checks that the path a step leaves is up and carries what it
 * must: every circuit and the ExpressRoute gateway for prefixes that
 * rely on ExpressRoute during the step, the VPN BGP peers, tunnels and
 * learned routes for those that rely on the VPN.
 */
static void
gate_checks(struct value *list, const struct gate *g, const char *object)
{
	const struct design *dsn = g->dsn;
	struct buf	 w = BUF_INIT, c = BUF_INIT, p = BUF_INIT, x = BUF_INIT,
			 pf = BUF_INIT, peers = BUF_INIT;
	size_t		 i, j, n;
	int		 bgp = 0;

	for (i = 0; i < dsn->ncircuits; i++) {
		buf_truncate(&pf, 0);
		if (gate_prefixes(&pf, g, SIM_EXPRESSROUTE,
		    dsn->circuits[i].name))
			gate_circuit(list, dsn, &dsn->circuits[i],
			    buf_cstr(&pf));
	}
	buf_truncate(&pf, 0);
	if (dsn->er_gateway.node &&
	    gate_prefixes(&pf, g, SIM_EXPRESSROUTE, NULL)) {
		buf_printf(&w, "ExpressRoute gateway %s has learned %s",
		    dsn->er_gateway.name, buf_cstr(&pf));
		pc_obs_learned(&c, &p, dsn, dsn->er_gateway.name);
		buf_printf(&x, "Each of %s is listed, learned from the "
		    "circuits (origin EBgp)", buf_cstr(&pf));
		gate_check(list, &w, &c, &p, &x);
	}
	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++) {
			const struct vpn_device *v = &dsn->sites[i].devices[j];
			struct buf key = BUF_INIT;
			char	 a[PREFIX_STRLEN];

			buf_printf(&key, "%s:%s", dsn->sites[i].name, v->name);
			buf_truncate(&pf, 0);
			n = gate_prefixes(&pf, g, SIM_VPN, buf_cstr(&key));
			buf_release(&key);
			if (n == 0)
				continue;
			if (v->has_bgp) {
				buf_printf(&peers, "%s%s (%s/%s)",
				    bgp++ ? ", " : "",
				    ADDR(&v->bgp_peer_ip, a),
				    dsn->sites[i].name, v->name);
			}
			buf_printf(&w, "Every tunnel of %s/%s is Connected",
			    dsn->sites[i].name, v->name);
			pc_obs_tunnels(&c, &p, dsn, v->connection);
			buf_printf(&x, "Every entry Connected (one per gateway "
			    "instance); it carries %s", buf_cstr(&pf));
			gate_check(list, &w, &c, &p, &x);
		}
	buf_truncate(&pf, 0);
	if (bgp && gate_prefixes(&pf, g, SIM_VPN, NULL)) {
		buf_printf(&w, "The VPN gateway's BGP peers %s are Connected",
		    buf_cstr(&peers));
		pc_obs_bgp_peers(&c, &p, dsn);
		buf_printf(&x, "State Connected for %s, on every gateway "
		    "instance", buf_cstr(&peers));
		gate_check(list, &w, &c, &p, &x);
		buf_printf(&w, "VPN gateway %s has learned the prefixes that "
		    "move to it", dsn->vpn_gateway.name);
		pc_obs_learned(&c, &p, dsn, dsn->vpn_gateway.name);
		buf_printf(&x, "Each of %s is listed, learned over BGP from "
		    "the peers above (static sites: a prefix of their local "
		    "network gateway instead)", buf_cstr(&pf));
		gate_check(list, &w, &c, &p, &x);
	}
	if (strcmp(object, "azure.vpn_gateway") == 0 && dsn->vpn_gateway.node) {
		buf_printf(&w, "The connections on VPN gateway %s are the "
		    "ones this step deletes and recreates",
		    dsn->vpn_gateway.name);
		pc_az0(&c, "network vpn-connection list", dsn);
		pc_opt(&c, "--vnet-gateway", dsn->vpn_gateway.name);
		pc_arg(&c, "-o table");
		pc_endl(&c);
		buf_truncate(&pf, 0);
		buf_puts(&pf, "*/");
		buf_puts(&pf, dsn->vpn_gateway.name);
		pc_ps0(&p, "Get-AzVirtualNetworkGatewayConnection", dsn);
		buf_puts(&p, " | Where-Object { $_.VirtualNetworkGateway1.Id "
		    "-like ");
		shell_string(&p, SHELL_PS, buf_cstr(&pf));
		buf_puts(&p, " } | Format-Table Name\n");
		n = 0;
		for (i = 0; i < dsn->nsites; i++)
			for (j = 0; j < dsn->sites[i].ndevices; j++)
				buf_printf(&x, "%s%s", n++ ? ", " : "Exactly: ",
				    dsn->sites[i].devices[j].connection);
		if (n == 0)
			buf_puts(&x, "None");
		buf_puts(&x, "; any other connection is not in the design and "
		    "would be lost: stop and add it to the design first");
		gate_check(list, &w, &c, &p, &x);
	}
	buf_release(&w);
	buf_release(&c);
	buf_release(&p);
	buf_release(&x);
	buf_release(&pf);
	buf_release(&peers);
}

/*
 * The capacity the step leaves each site with a declared peak whose
 * prefixes move or lose their backup, from the simulation; the VPN
 * gateway's aggregate is shared by every site on it (docs/model.md).
 */
static void
gate_capacity(struct value *list, const struct gate *g)
{
	const struct design *dsn = g->dsn;
	struct buf	 t = BUF_INIT;
	size_t		 i, k;
	long		 vpn_sum = 0, vpn_cap = -1;
	struct buf	 vpn_sites = BUF_INIT;

	for (i = 0; i < dsn->nsites; i++) {
		long	 peak = sim_site_peak(dsn, &dsn->sites[i]), cap = -1;
		enum sim_path on = SIM_NONE;
		int	 dep = 0, vpn_any = 0;

		for (k = 0; k < g->s->natoms; k++) {
			const struct sim_route *b = sim_route_at(g->s,
			    &g->s->scenarios[0], k);
			const char *via;
			long	 c;
			enum sim_path a;
			enum gate_class cl;

			if (b->site != &dsn->sites[i])
				continue;
			cl = gate_class(g, k);
			a = gate_after(g, k, &via, &c);
			if (a == SIM_VPN) {
				vpn_any = 1;
				if (c >= 0)
					vpn_cap = c;
			}
			if (cl != GC_MOVED && cl != GC_NOBACKUP)
				continue;
			dep = 1;
			on = a;
			if (c >= 0 && (cap < 0 || c < cap))
				cap = c;
		}
		if (vpn_any && peak > 0) {
			vpn_sum += peak;
			buf_printf(&vpn_sites, "%s%s %ld", vpn_sites.len ?
			    ", " : "", dsn->sites[i].name, peak);
		}
		if (!dep || peak <= 0)
			continue;
		buf_printf(&t, "%s: declared peak %ld Mbps; over %s during the "
		    "step ", dsn->sites[i].name, peak, on == SIM_VPN ?
		    "the VPN" : "ExpressRoute");
		if (cap < 0)
			buf_puts(&t, "the simulation has no capacity figure");
		else {
			buf_printf(&t, "it has %ld Mbps", cap);
			if (peak > cap)
				buf_printf(&t, ": WARNING, short by %ld Mbps, "
				    "expect degraded service", peak - cap);
		}
		value_map_str(value_list_map(list), "text", buf_cstr(&t));
		buf_truncate(&t, 0);
	}
	if (vpn_cap >= 0 && strchr(buf_cstr(&vpn_sites), ',') != NULL) {
		buf_printf(&t, "Every site on the VPN during the step shares "
		    "the gateway's aggregate: the declared peaks (%s Mbps) "
		    "sum to %ld Mbps against %ld Mbps", buf_cstr(&vpn_sites),
		    vpn_sum, vpn_cap);
		if (vpn_sum > vpn_cap)
			buf_printf(&t, ": WARNING, short by %ld Mbps",
			    vpn_sum - vpn_cap);
		value_map_str(value_list_map(list), "text", buf_cstr(&t));
	}
	buf_release(&t);
	buf_release(&vpn_sites);
}

/*
 * The go/no-go gate of a disruptive step (its downtime is not "None"):
 * checks computed from the simulation of the design the step starts
 * from (s, dsn), each with its commands and expected result, the
 * capacity the step leaves, the maintenance window, when to stop, and
 * for a step that deletes, that rolling back means recreating.
 */
void
gate_value(struct value *e, const struct sim *s, const struct design *dsn,
    const char *object, const struct buf *cmds, const struct buf *down,
    enum plan_outage outage)
{
	struct value	*m;
	struct gate	 g;
	struct buf	 t = BUF_INIT, lost = BUF_INIT;
	int		 sim_ok;

	if (down->len == 0 || strncmp(buf_cstr(down), "None", 4) == 0) {
		value_map_put(e, "gate", value_new_null());
		return;
	}
	m = value_map_put(e, "gate", value_new_map());
	sim_ok = gate_init(&g, s, dsn, object);
	if (sim_ok) {
		struct value *l = value_map_list(m, "go_no_go");

		gate_checks(l, &g, object);
		if (l->n == 0)
			value_map_str(m, "none", "the simulation moves no "
			    "prefix to another path in this step's scenario, "
			    "so there is no backup path to check");
		gate_capacity(value_map_list(m, "capacity"), &g);
		gate_sites(&lost, &g, GC_LOST);
	} else {
		value_map_list(m, "go_no_go");
		value_map_str(m, "none", "the simulation has no scenario for "
		    "this step");
		value_map_list(m, "capacity");
	}
	if (sim_ok && g.sc)
		buf_printf(&t, "scenario %s", g.sc->id);
	else if (sim_ok)
		buf_puts(&t, g.all ? "every hybrid path down" : g.lost ==
		    SIM_VPN ? "every VPN path down" : "every ExpressRoute path "
		    "down");
	value_map_str(m, "scenario", t.len ? buf_cstr(&t) : NULL);
	buf_truncate(&t, 0);
	value_map_str(m, "no_path", lost.len ? buf_cstr(&lost) : NULL);
	buf_puts(&t, "Start this step only inside the change's approved "
	    "maintenance window, with time left for the downtime below and "
	    "for the rollback");
	value_map_str(m, "window", buf_cstr(&t));
	buf_truncate(&t, 0);
	buf_puts(&t, "Any check above does not show its expected result");
	if (lost.len)
		buf_printf(&t, ", or the owners of %s have not agreed to be "
		    "without a path %s", buf_cstr(&lost), outage ==
		    PLAN_OUT_FULL ? "for the whole step" : "while the step "
		    "runs (at worst)");
	if (!sim_ok)
		buf_puts(&t, ", or the routes recorded in step 1 differ from "
		    "the \"before\" column of the routing impact");
	buf_puts(&t, ": stop, and do not start this step");
	value_map_str(m, "stop_if", buf_cstr(&t));
	buf_truncate(&t, 0);
	if (strstr(buf_cstr(cmds), " delete ") != NULL) {
		if (strcmp(object, "azure.vpn_gateway") == 0)
			buf_puts(&t, "Irreversible once the first delete runs: "
			    "rolling back means recreating the gateway and its "
			    "connections, and creating a VPN gateway takes 45 "
			    "minutes or more (VPNGWCREATE)");
		else if (strcmp(object, "azure.vnet.subnets.GatewaySubnet") ==
		    0)
			buf_puts(&t, "Irreversible once the first delete runs: "
			    "rolling back means recreating both gateways and "
			    "their connections; creating a VPN gateway takes 45 "
			    "minutes or more (VPNGWCREATE), an ExpressRoute "
			    "gateway 45 minutes or more (ERGWCREATE)");
		else if (strcmp(object, "azure.expressroute_gateway") == 0)
			buf_puts(&t, "Irreversible once the first delete runs: "
			    "rolling back means recreating the gateway and its "
			    "connections, and creating an ExpressRoute gateway "
			    "takes 45 minutes or more (ERGWCREATE)");
		else
			buf_puts(&t, "Irreversible once the first delete runs: "
			    "rolling back means recreating what it deleted "
			    "(estimate: minutes per resource plus the time its "
			    "tunnels or BGP sessions take to come up; no "
			    "documented figure)");
	}
	value_map_str(m, "irreversible", t.len ? buf_cstr(&t) : NULL);
	buf_release(&t);
	buf_release(&lost);
	gate_release(&g);
}

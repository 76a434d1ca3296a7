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

#include "hybridoc/procedure_cmd.h"

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
	/*
	 * A device's step: its site, whose prefixes another path keeps
	 * carrying during the step; that path is checked live, not
	 * against step 1's record (review 19 P7).
	 */
	const struct site *carry;
	/* Per atom, computed once by gate_init(): gate_after()'s answer. */
	enum sim_path	*apath;
	const char	**avia;
	long		*acap;
	unsigned char	*acls;		/* enum gate_class */
	/*
	 * Review 20 Q3: a rollback's gate, built from the final design,
	 * runs after the later rollbacks have undone their steps: a
	 * prefix the design before the change (other) lacks may or may
	 * not be there yet, and is named as such.  NULL for a forward step.
	 */
	const struct sim *other;
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
	    strchr(v + 5, '.') == NULL) {
		size_t	 i, n = (size_t)(v - object - 6);

		id = xasprintf("device-down:%.*s:%s", (int)n, object + 6,
		    v + 5);
		for (i = 0; i < dsn->nsites; i++)
			if (strlen(dsn->sites[i].name) == n &&
			    strncmp(dsn->sites[i].name, object + 6, n) == 0)
				g->carry = &dsn->sites[i];
	}
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
static int
sim_has_atom(const struct sim *s, const struct prefix *p)
{
	size_t	 k;

	for (k = 0; k < s->natoms; k++)
		if (prefix_cmp(&s->atoms[k], p) == 0)
			return 1;
	return 0;
}

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
			if (g->other != NULL && !sim_has_atom(g->other,
			    &g->s->atoms[k]))
				buf_puts(b, " if the change has added it by "
				    "then");
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

	shell_quote_holes(c);
	shell_quote_holes(p);
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
		int	 carried = cl == GC_SAME && g->carry != NULL &&
		    sim_route_at(g->s, &g->s->scenarios[0], k)->site ==
		    g->carry;

		if ((cl != GC_MOVED && cl != GC_NOBACKUP && !carried) ||
		    gate_after(g, k, &via, &cap) != path ||
		    (name && !via_has(via, name, strlen(name))))
			continue;
		buf_printf(b, "%s%s", n++ ? ", " : "",
		    PFX(&g->s->atoms[k], p));
	}
	return n;
}

/*
 * Circuit ci's sessions are up and, when it carries pfx already
 * (carried), its route tables hold pfx; otherwise the step is what
 * makes it carry them.
 */
static void
gate_circuit(struct value *list, const struct design *dsn,
    const struct circuit *ci, const char *pfx, int carried)
{
	struct buf	 w = BUF_INIT, c = BUF_INIT, p = BUF_INIT, x = BUF_INIT;
	char		*rg = pc_ckt_rg(ci);
	int		 k;

	if (carried)
		buf_printf(&w, "Circuit %s: both BGP sessions of its private "
		    "peering are up and carry %s now", ci->name, pfx);
	else
		buf_printf(&w, "Circuit %s: both BGP sessions of its private "
		    "peering are up (it will carry %s)", ci->name, pfx);
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
	if (!carried)
		goto out;
	buf_printf(&w, "Circuit %s's route tables hold %s now", ci->name, pfx);
	pc_er_verify(&c, &p, dsn, ci);
	buf_printf(&x, "Each of %s is listed on the primary and on the "
	    "secondary path", pfx);
	gate_check(list, &w, &c, &p, &x);
out:
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
gate_checks(struct value *list, const struct gate *g)
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
			    buf_cstr(&pf), 1);
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
	buf_release(&w);
	buf_release(&c);
	buf_release(&p);
	buf_release(&x);
	buf_release(&pf);
	buf_release(&peers);
}

/* ---- inventories before a gateway or a circuit's peering goes ---- */

/* "cn-a, cn-b": the design's connections on gateway kind vpn. */
static size_t
design_connections(struct buf *b, const struct design *dsn, int vpn)
{
	const char	*cn;
	size_t		 i, j, n = 0;

	if (vpn) {
		for (i = 0; i < dsn->nsites; i++)
			for (j = 0; j < dsn->sites[i].ndevices; j++)
				buf_printf(b, "%s%s", n++ ? ", " : "",
				    dsn->sites[i].devices[j].connection);
		return n;
	}
	for (i = 0; i < dsn->ncircuits; i++) {
		cn = pc_circuit_connection(dsn, &dsn->circuits[i]);
		if (cn)
			buf_printf(b, "%s%s", n++ ? ", " : "", cn);
		else
			buf_printf(b, "%scn-%s", n++ ? ", " : "",
			    dsn->circuits[i].name);
	}
	return n;
}

/* What the design says of gateway gw's addresses, for the record. */
static void
gw_expect(struct buf *x, const struct design *dsn, int vpn)
{
	const struct vpn_gateway *g = &dsn->vpn_gateway;
	char		 t[PREFIX_STRLEN];
	size_t		 i, n = 0;

	if (!vpn) {
		buf_puts(x, "One public IP resource id (ExpressRoute gateway "
		    "public IPs are not in the design)");
		return;
	}
	buf_printf(x, "%zu public IP resource id%s, one per gateway instance "
	    "(the design's public IPs: ", g->ninstances, g->ninstances == 1 ?
	    "" : "s");
	for (i = 0; i < g->ninstances; i++)
		buf_printf(x, "%s%s", i ? ", " : "", design_addr(dsn,
		    g->instances[i].node, "public_ip", &g->instances[i].public_ip,
		    0, t));
	buf_printf(x, "), ASN %ld", g->asn);
	for (i = 0; i < g->ninstances; i++)
		if (g->instances[i].has_bgp_ip)
			buf_printf(x, "%s%s", n++ ? ", " : ", default BGP "
			    "addresses ", ADDR(&g->instances[i].bgp_ip, t));
	n = 0;
	for (i = 0; i < g->ninstances; i++)
		if (g->instances[i].has_apipa_bgp_ip)
			buf_printf(x, "%s%s", n++ ? ", " : ", custom APIPA "
			    "BGP addresses ", ADDR(&g->instances[i].apipa_bgp_ip,
			    t));
	if (n == 0)
		buf_puts(x, ", no custom APIPA BGP address");
}

/* The settings the recreate gives connection v (a VPN device's). */
static void
vpn_conn_expect(struct buf *x, const struct vpn_device *v)
{
	buf_printf(x, "bgp %s, dpd %ld, protocol IKEv%ld, weight 0, "
	    "ipsecPolicies [], policyBasedSelectors false, mode Default, "
	    "customBgp [], ingressNat [], egressNat []", v->has_bgp ? "true" :
	    "false", v->ike.dpd_timeout_s, v->ike.version);
}

/*
 * What the recreate does not restore stops the step; the stop says what
 * to record by hand and where Microsoft documents setting it again
 * (docs/model.md: IPSECPOL, VPNNAT, P2SCERT).  No command is printed
 * for it: the design does not model it.
 */
static const char CONN_STOP[] = " -- the values the recreate sets (the "
    "design's). Anything else is not in the design and the recreate would "
    "drop it: stop, and add it to the design or restore it by hand in the "
    "same window. Record by hand from the connection's .before.json: its "
    "IPsec/IKE policy (IKE and IPsec encryption and integrity, DH and PFS "
    "groups, SA lifetime and size), policy-based traffic selectors, "
    "connection mode, custom BGP addresses and the NAT rules it links "
    "(ingress and egress). Setting an IPsec/IKE policy on the recreated "
    "connection: Microsoft Learn, Configure custom IPsec/IKE connection "
    "policies for S2S VPN and VNet-to-VNet: PowerShell "
    "(vpn-gateway-ipsecikepolicy-rm-powershell, IPSECPOL); NAT rule links: "
    "About NAT on Azure VPN Gateway (nat-overview, VPNNAT)";

/*
 * The checks before a step deletes gateway vpn (or the ExpressRoute
 * one) of dsn: its record (rec_gateway(), when this gate makes it; a
 * rollback that recreates from the step's record checks it is at hand),
 * every connection on it in every subscription, each connection's
 * settings, and for a VPN gateway its point-to-site configuration and
 * NAT rules.
 */
static void
gate_gateway(struct value *list, const struct design *dsn, int vpn,
    int record, const char *cmds)
{
	const char	*gw = vpn ? dsn->vpn_gateway.name :
	    dsn->er_gateway.name;
	struct buf	 w = BUF_INIT, c = BUF_INIT, p = BUF_INIT, x = BUF_INIT;
	const char	*cn;
	char		*own;
	size_t		 i, j;

	if (record) {
		buf_printf(&w, "Record %s gateway %s before it is deleted: its "
		    "public IP resources and BGP addresses (the create and the "
		    "rollback reuse them)", vpn ? "VPN" : "ExpressRoute", gw);
		rec_gateway(&c, &p, dsn, gw);
		gw_expect(&x, dsn, vpn);
		buf_printf(&x, "; if the record differs from the design, stop "
		    "and correct the design first. Keep the %s.* files with "
		    "the change record: the step and its rollback read them",
		    gw);
		if (strstr(cmds, "network vnet subnet update") != NULL &&
		    vpn)
			buf_puts(&x, ". Azure gives a gateway its default BGP "
			    "addresses from GatewaySubnet, so moving it may "
			    "change them: the part that creates the VPN gateway "
			    "then prints the BGP neighbors to change on each "
			    "on-premises device (old -> new) and stops before "
			    "its connections, until they are set and the new "
			    "addresses accepted (HYBRIDOC_ACCEPT_BGP); have the "
			    "devices' owners ready in the window");
		else if (strstr(cmds, "network vnet subnet update") != NULL)
			buf_puts(&x, ". Azure gives a gateway its default BGP "
			    "addresses from GatewaySubnet, so moving it may "
			    "change them; for this ExpressRoute gateway the "
			    "step prints the difference and goes on: the "
			    "on-premises routers peer with the circuit's edge "
			    "routers (MSEEs), not with it");
		gate_check(list, &w, &c, &p, &x);
	} else {
		struct buf f = BUF_INIT;

		buf_printf(&w, "The record of %s gateway %s made before the "
		    "step is at hand", vpn ? "VPN" : "ExpressRoute", gw);
		buf_printf(&f, "%s.public-ips.txt", gw);
		buf_puts(&c, "cat ");
		shell_word(&c, SHELL_SH, buf_cstr(&f));
		pc_endl(&c);
		buf_truncate(&f, 0);
		buf_printf(&f, "%s.before.json", gw);
		buf_puts(&p, "Get-Content -Raw -Path ");
		shell_word(&p, SHELL_PS, buf_cstr(&f));
		buf_puts(&p, " | ConvertFrom-Json | Select-Object -ExpandProperty "
		    "IpConfigurations\n");
		buf_printf(&x, "The public IP resources recorded in the step's "
		    "go/no-go; without the record, stop: the gateway cannot be "
		    "recreated with the same public IPs and BGP addresses");
		gate_check(list, &w, &c, &p, &x);
		buf_release(&f);
	}
	buf_printf(&w, "Every connection on %s gateway %s, in every "
	    "subscription you can read (Azure Resource Graph; the Azure CLI "
	    "needs its resource-graph extension, PowerShell the Az.ResourceGraph "
	    "module)", vpn ? "VPN" : "ExpressRoute",
	    gw);
	rec_gateway_users(&c, &p, dsn, gw);
	if (design_connections(&x, dsn, vpn) == 0)
		buf_puts(&x, "None");
	else {
		buf_truncate(&x, 0);
		/* A rollback after a stop part-way finds fewer. */
		buf_puts(&x, record ? "Exactly: " : "At most: ");
		design_connections(&x, dsn, vpn);
	}
	buf_puts(&x, "; any other connection (a VNet-to-VNet connection from "
	    "another subscription, one added by hand) is not in the design and "
	    "would be lost: stop and add it to the design first");
	gate_check(list, &w, &c, &p, &x);
	if (!record)
		goto out;
	if (vpn)
		for (i = 0; i < dsn->nsites; i++)
			for (j = 0; j < dsn->sites[i].ndevices; j++) {
				const struct vpn_device *v =
				    &dsn->sites[i].devices[j];

				buf_printf(&w, "Record connection %s and check "
				    "its settings", v->connection);
				rec_connection(&c, &p, dsn, v->connection);
				vpn_conn_expect(&x, v);
				buf_puts(&x, CONN_STOP);
				gate_check(list, &w, &c, &p, &x);
			}
	else
		for (i = 0; i < dsn->ncircuits; i++) {
			const struct circuit *ci = &dsn->circuits[i];

			cn = pc_circuit_connection(dsn, ci);
			own = cn ? xstrdup(cn) : xasprintf("cn-%s", ci->name);
			buf_printf(&w, "Record connection %s and check its "
			    "settings", own);
			rec_connection(&c, &p, dsn, own);
			buf_printf(&x, "weight %ld, fastPath %s, and no IPsec "
			    "policy, custom BGP address or NAT rule",
			    ci->routing_weight, ci->fastpath ? "true" :
			    "false or null");
			if (ci->subscription != NULL)
				buf_printf(&x, "; %s is in subscription %s: the "
				    "connection was made with an authorization "
				    "key, which its recreate needs again",
				    ci->name, ci->subscription);
			buf_puts(&x, CONN_STOP);
			gate_check(list, &w, &c, &p, &x);
			free(own);
		}
	if (vpn) {
		buf_printf(&w, "VPN gateway %s has no setting the recreate "
		    "would drop: no point-to-site configuration, NAT rule, "
		    "private IP, custom route or tag, and IPsec replay "
		    "protection and BGP route translation for NAT as Azure "
		    "creates them", gw);
		rec_gw_settings(&c, &p, dsn, gw, 1);
		buf_printf(&x, "pointToSite null, natRules [], privateIp "
		    "false, noReplayProtection false, natRouteTranslation "
		    "false, customRoutes null or [], tags null or {} "
		    "(PowerShell: no point-to-site configuration or NAT rule "
		    "printed, EnablePrivateIpAddress, DisableIPsecProtection "
		    "and EnableBgpRouteTranslationForNat False, CustomRoutes "
		    "and Tag empty). The design models "
		    "none of them and the recreate does not restore them; if "
		    "any differs, stop: their settings are in %s.before.json, "
		    "and restoring them must be added to the change by hand. "
		    "Record by hand: for a point-to-site configuration its "
		    "client address pools, tunnel types, authentication types, "
		    "root and revoked certificates (names and public data), and "
		    "its RADIUS server address or Microsoft Entra tenant, "
		    "audience and issuer -- a RADIUS secret is not in the "
		    "record: get it from its owner; setting it again: Microsoft "
		    "Learn, Configure server settings for P2S VPN Gateway "
		    "certificate authentication (point-to-site-certificate-"
		    "gateway, P2SCERT, which links the RADIUS and Microsoft "
		    "Entra variants). For each NAT rule its name, type, mode, "
		    "internal and external mappings, port ranges and IP "
		    "configuration, and the connections that link it; setting "
		    "it again: New-AzVirtualNetworkGatewayNatRule with "
		    "Set-AzVirtualNetworkGateway -NatRule (Az.Network reference; "
		    "About NAT on Azure VPN Gateway, nat-overview, VPNNAT). The "
		    "others (private IP, replay protection, BGP route "
		    "translation for NAT, custom routes, tags): their values, "
		    "from the same record", gw);
	} else {
		buf_printf(&w, "ExpressRoute gateway %s has no setting the "
		    "recreate would drop: traffic from remote VNets and from "
		    "Virtual WAN as Azure creates it, no tag", gw);
		rec_gw_settings(&c, &p, dsn, gw, 0);
		buf_printf(&x, "remoteVnetTraffic false or null, "
		    "virtualWanTraffic false or null, tags null or {}. The "
		    "design models none of them and the recreate does not "
		    "restore them; if any differs, stop: they are in "
		    "%s.before.json, and restoring them must be added to the "
		    "change by hand", gw);
	}
	gate_check(list, &w, &c, &p, &x);
out:
	buf_release(&w);
	buf_release(&c);
	buf_release(&p);
	buf_release(&x);
}

/* GatewaySubnet's route table, NSG, service endpoints and delegations,
 * recorded for the after-check of its prefix change (review 18 N1). */
static void
gate_subnet_attached(struct value *list, const struct design *dsn)
{
	struct buf	 w = BUF_INIT, c = BUF_INIT, p = BUF_INIT, x = BUF_INIT;

	buf_puts(&w, "What GatewaySubnet carries besides its prefix is "
	    "recorded: route table, network security group, service "
	    "endpoints and their policies, delegations");
	rec_subnet_attached(&c, &p, dsn, "GatewaySubnet", 0);
	buf_puts(&x, "GatewaySubnet.attached-before.json is written and "
	    "lists them (null or [] where there is none). The prefix change "
	    "must leave them as they are; the step compares them right "
	    "after it and stops if any differs");
	gate_check(list, &w, &c, &p, &x);
	buf_release(&w);
	buf_release(&c);
	buf_release(&p);
	buf_release(&x);
}

/* The spokes that use the hub's gateways: they lose them too. */
static void
gate_transit(struct value *list, const struct gate_in *in)
{
	const struct design *dsn = in->dsn;
	struct buf	 w = BUF_INIT, c = BUF_INIT, p = BUF_INIT, x = BUF_INIT;
	size_t		 i, j, n = 0;

	buf_printf(&w, "The virtual networks peered with %s that use its "
	    "gateways (gateway transit)", dsn->vnet.name);
	rec_transit_peerings(&c, &p, dsn);
	/*
	 * Review 20 Q3: a rollback starts where the later rollbacks left
	 * things, somewhere between the designs before and after the
	 * change: at most the spokes of either, in any mix.
	 */
	if (in->rollback && in->hd != NULL) {
		for (i = 0; i < in->hd->nspokes; i++)
			buf_printf(&x, "%s%s", n++ ? ", " : "At most the "
			    "spokes of the designs before and after the "
			    "change: ", in->hd->spokes[i].name);
		for (i = 0; i < dsn->nspokes; i++) {
			for (j = 0; j < in->hd->nspokes; j++)
				if (strcmp(in->hd->spokes[j].name,
				    dsn->spokes[i].name) == 0)
					break;
			if (j == in->hd->nspokes)
				buf_printf(&x, "%s%s", n++ ? ", " :
				    "At most the spokes of the designs before "
				    "and after the change: ",
				    dsn->spokes[i].name);
		}
		if (n)
			buf_puts(&x, " (which of them are peered depends on "
			    "how far the change went)");
	} else
		for (i = 0; i < dsn->nspokes; i++)
			buf_printf(&x, "%s%s", n++ ? ", " :
			    "Exactly the design's spokes: ",
			    dsn->spokes[i].name);
	if (n == 0)
		buf_puts(&x, "None");
	buf_puts(&x, "; they lose hybrid connectivity for the step too. Any "
	    "other is not in the design: its owners must agree first");
	gate_check(list, &w, &c, &p, &x);
	buf_release(&w);
	buf_release(&c);
	buf_release(&p);
	buf_release(&x);
}

/*
 * The checks before a step drops circuit ci's private peering for
 * everything on it (a peering update or delete, the circuit's
 * deletion): the same inventory as the runbook's before a peering is
 * disabled -- the circuit's authorizations and Global Reach
 * connections, and the virtual networks linked to it in every
 * subscription (Azure Resource Graph).
 */
static void
gate_circuit_users(struct value *list, const struct design *dsn,
    const struct circuit *ci)
{
	struct buf	 w = BUF_INIT, c = BUF_INIT, p = BUF_INIT, x = BUF_INIT;
	const char	*cn = pc_circuit_connection(dsn, ci);

	buf_printf(&w, "Everything else on circuit %s is known: its "
	    "authorizations (VNets in other subscriptions), its peerings' "
	    "connections (Global Reach)", ci->name);
	proc_cmd_circuit_show(&c, &p, dsn, ci);
	pc_cmd_end(&c, &p);
	buf_puts(&x, "Every authorization and Global Reach connection shown "
	    "is one whose owners agreed to lose the circuit for the step; the "
	    "design knows none");
	gate_check(list, &w, &c, &p, &x);
	buf_printf(&w, "The virtual networks linked to circuit %s: every "
	    "gateway connection whose peer is the circuit, in every "
	    "subscription you can read (Azure Resource Graph; the Azure CLI "
	    "needs its resource-graph extension, PowerShell the Az.ResourceGraph "
	    "module)", ci->name);
	proc_cmd_circuit_links(&c, &p, dsn, ci);
	pc_cmd_end(&c, &p);
	buf_printf(&x, "Only %s%s (this hub), or connections whose owners "
	    "agreed; a VNet in a tenant you cannot read does not appear here, "
	    "only as a used authorization above", cn ? cn : "cn-", cn ? "" :
	    ci->name);
	gate_check(list, &w, &c, &p, &x);
	buf_release(&w);
	buf_release(&c);
	buf_release(&p);
	buf_release(&x);
}

/* The circuit a step on object acts on, when it drops its peering. */
static const struct circuit *
peering_circuit(const struct design *dsn, const char *object,
    const char *cmds)
{
	size_t	 i;

	if (strncmp(object, "circuits.", 9) != 0 ||
	    strchr(object + 9, '.') != NULL)
		return NULL;
	if (strstr(cmds, "network express-route peering update") == NULL &&
	    strstr(cmds, "network express-route peering delete") == NULL &&
	    strstr(cmds, "network express-route delete") == NULL)
		return NULL;
	for (i = 0; i < dsn->ncircuits; i++)
		if (strcmp(dsn->circuits[i].name, object + 9) == 0)
			return &dsn->circuits[i];
	return NULL;
}

/* Review 20 Q2: how the Key Vault of the keys the step reads is
 * reached (rec_vault_check). */
static void
gate_keyvault(struct value *list, const struct design *dsn, const char *cmds)
{
	struct buf	 w = BUF_INIT, c = BUF_INIT, p = BUF_INIT, x = BUF_INIT,
			 seen = BUF_INIT;
	size_t		 k = 0;

	while (rec_vault_check(&w, &c, &p, &x, &seen, &k, dsn, cmds))
		gate_check(list, &w, &c, &p, &x);
	buf_release(&w);
	buf_release(&c);
	buf_release(&p);
	buf_release(&x);
	buf_release(&seen);
}

/* The inventories a step's commands call for; see the functions above. */
static void
gate_inventory(struct value *list, const struct gate_in *in,
    const char *object, const char *cmds)
{
	const struct design *dsn = in->dsn;
	const struct circuit *ci;
	int		 sub = strcmp(object,
	    "azure.vnet.subnets.GatewaySubnet") == 0;
	int		 any = 0;

	/* A delete, or a create from a record (a rollback's, or a part of
	 * a GatewaySubnet move that recreates one gateway: only that one). */
	if (strstr(cmds, "network vnet-gateway delete") != NULL ||
	    strstr(cmds, ".public-ips.txt)") != NULL) {
		int	 del = strstr(cmds, "network vnet-gateway delete") !=
		    NULL;
		int	 er_sub = sub && (del ||
		    strstr(cmds, "--gateway-type ExpressRoute") != NULL);
		int	 vpn_sub = sub && (del ||
		    strstr(cmds, "--gateway-type Vpn") != NULL);

		if (dsn->er_gateway.node && (er_sub || strcmp(object,
		    "azure.expressroute_gateway") == 0)) {
			gate_gateway(list, dsn, 0, in->record, cmds);
			any = 1;
		}
		if (dsn->vpn_gateway.node && (vpn_sub || strcmp(object,
		    "azure.vpn_gateway") == 0)) {
			gate_gateway(list, dsn, 1, in->record, cmds);
			any = 1;
		}
		if (any)
			gate_transit(list, in);
	}
	if (sub && strstr(cmds, "network vnet subnet update") != NULL)
		gate_subnet_attached(list, dsn);
	gate_keyvault(list, dsn, cmds);
	if ((ci = peering_circuit(dsn, object, cmds)) != NULL)
		gate_circuit_users(list, dsn, ci);
}

/* ---- the gate of a BGP policy change ---- */

/* The baseline route of s for prefix p: the atom that contains it. */
static const struct sim_route *
route_for(const struct sim *s, const struct prefix *p)
{
	size_t	 k;

	for (k = 0; k < s->natoms; k++)
		if (prefix_contains(&s->atoms[k], p))
			return sim_route_at(s, &s->scenarios[0], k);
	return NULL;
}

/*
 * A site's BGP policy change (advertise, withdraw, prepend, local
 * preference) moves live traffic or takes a backup away without any
 * gateway going down.  Each of the site's prefixes whose route in the
 * design the step leads to (hs) differs from now (s) -- another path,
 * another circuit or tunnel, or another backup -- must find that path
 * up before the step; where the path carries the prefix already, it
 * must carry it now.  Appends the prefixes left without a path to
 * lost, and to cap the site's declared peak against the capacity the
 * simulation gives the moved prefixes on their new path.
 */
/*
 * One prefix of a policy change: its route after the step (r) and now
 * (b), and the prefix that carries it after the step (label).  The
 * atoms of the design the step leads to, and the atoms of today's that
 * it no longer has: a more-specific withdrawn falls back to the route
 * of the prefix that covers it, and that one must be carried.
 */
struct pol {
	const struct sim_route *r, *b;
	const struct prefix *label;
	const struct sim_route *lb;	/* label's route now */
};

static size_t
pol_pairs(const struct gate_in *in, struct pol **out)
{
	const struct sim *hs = in->hs, *s = in->s;
	struct pol	*v = xcalloc(hs->natoms + s->natoms + 1, sizeof(*v));
	size_t		 n = 0, k, j;

	for (k = 0; k < hs->natoms; k++) {
		v[n].r = sim_route_at(hs, &hs->scenarios[0], k);
		v[n].b = route_for(s, &hs->atoms[k]);
		v[n].label = &hs->atoms[k];
		/* Its route now, only if today's design has that prefix. */
		for (j = 0; j < s->natoms; j++)
			if (prefix_cmp(&s->atoms[j], &hs->atoms[k]) == 0)
				v[n].lb = sim_route_at(s, &s->scenarios[0], j);
		n++;
	}
	for (k = 0; k < s->natoms; k++) {
		for (j = 0; j < hs->natoms; j++)
			if (prefix_cmp(&hs->atoms[j], &s->atoms[k]) == 0)
				break;
		if (j < hs->natoms)
			continue;
		for (j = 0; j < hs->natoms; j++)
			if (prefix_contains(&hs->atoms[j], &s->atoms[k]))
				break;
		if (j == hs->natoms)
			continue;
		v[n].r = sim_route_at(hs, &hs->scenarios[0], j);
		v[n].b = sim_route_at(s, &s->scenarios[0], k);
		v[n].label = &hs->atoms[j];
		v[n].lb = route_for(s, &hs->atoms[j]);
		n++;
	}
	*out = v;
	return n;
}

static void
gate_policy(struct value *list, const struct gate_in *in, const char *site,
    struct buf *lost, struct buf *cap)
{
	struct pol	*pv = NULL;
	size_t		 npv = 0;
	const struct design *hd = in->hd;
	struct buf	 w = BUF_INIT, c = BUF_INIT, p = BUF_INIT, x = BUF_INIT,
			 er = BUF_INIT, erc = BUF_INIT;
	char		 t[PREFIX_STRLEN];
	size_t		 k, i, j, nlost = 0;

	if (in->s == NULL || in->hs == NULL || in->s->partial ||
	    in->hs->partial)
		goto out;
	npv = pol_pairs(in, &pv);
	for (i = 0; i < hd->ncircuits; i++) {
		const struct circuit *ci = &hd->circuits[i];
		size_t	 len = strlen(ci->name), n = 0, carried = 0;

		buf_truncate(&er, 0);
		for (k = 0; k < npv; k++) {
			const struct sim_route *r = pv[k].r, *b = pv[k].b;

			if (r->site == NULL ||
			    strcmp(r->site->name, site) != 0 ||
			    r->path != SIM_EXPRESSROUTE ||
			    !via_has(r->via, ci->name, len) || b == NULL ||
			    (b->path == r->path &&
			    strcmp(b->via, r->via) == 0 &&
			    b->backup == r->backup))
				continue;
			/* A step that only gives the prefix a backup never
			 * depends on its primary path: restoring the backup is
			 * what is needed when ExpressRoute fails. */
			if (b->path == r->path && strcmp(b->via, r->via) == 0 &&
			    r->backup != SIM_NONE)
				continue;
			if (strstr(buf_cstr(&er), PFX(pv[k].label, t)) != NULL)
				continue;
			buf_printf(&er, "%s%s", n++ ? ", " : "",
			    PFX(pv[k].label, t));
			carried += pv[k].lb != NULL &&
			    pv[k].lb->path == SIM_EXPRESSROUTE &&
			    via_has(pv[k].lb->via, ci->name, len);
		}
		if (n == 0)
			continue;
		gate_circuit(list, in->dsn, ci, buf_cstr(&er), carried == n);
		if (carried == n)
			buf_printf(&erc, "%s%s", erc.len ? ", " : "",
			    buf_cstr(&er));
	}
	if (erc.len && in->dsn->er_gateway.node) {
		buf_printf(&w, "ExpressRoute gateway %s has learned %s from the "
		    "circuits now", in->dsn->er_gateway.name, buf_cstr(&erc));
		pc_obs_learned(&c, &p, in->dsn, in->dsn->er_gateway.name);
		buf_printf(&x, "Each of %s is listed, learned from the circuits "
		    "(origin EBgp); if not, ExpressRoute does not carry it and "
		    "the step would leave it without a path: stop", buf_cstr(&erc));
		gate_check(list, &w, &c, &p, &x);
	}
	for (i = 0; i < hd->nsites; i++)
		for (j = 0; j < hd->sites[i].ndevices; j++) {
			const struct vpn_device *v = &hd->sites[i].devices[j];
			struct buf key = BUF_INIT, pf = BUF_INIT;
			size_t	 n = 0, non = 0, learned = 0;

			buf_printf(&key, "%s:%s", hd->sites[i].name, v->name);
			for (k = 0; k < npv; k++) {
				const struct sim_route *r = pv[k].r;
				const struct sim_route *b = pv[k].b;
				int	 on, backs;

				if (r->site == NULL ||
				    strcmp(r->site->name, site) != 0 ||
				    b == NULL || (b->path == r->path &&
				    strcmp(b->via, r->via) == 0 &&
				    b->backup == r->backup))
					continue;
				/* The device carries it after the step, or
				 * becomes its backup then. */
				on = r->path == SIM_VPN && via_has(r->via,
				    buf_cstr(&key), key.len);
				backs = r->backup == SIM_VPN &&
				    b->backup != SIM_VPN && r->backup_via &&
				    via_has(r->backup_via, buf_cstr(&key),
				    key.len);
				if (!on && !backs)
					continue;
				buf_printf(&pf, "%s%s", n++ ? ", " : "",
				    PFX(pv[k].label, t));
				non += on;
				/* Learned over the VPN now, as path or backup. */
				learned += pv[k].lb != NULL &&
				    (pv[k].lb->path == SIM_VPN ||
				    pv[k].lb->backup == SIM_VPN);
			}
			if (n) {
				buf_printf(&w, "Every tunnel of %s/%s is "
				    "Connected (it will %s %s)",
				    hd->sites[i].name, v->name, non == n ?
				    "carry" : non == 0 ? "back up" :
				    "carry or back up", buf_cstr(&pf));
				pc_obs_tunnels(&c, &p, in->dsn, v->connection);
				buf_puts(&x, "Every entry Connected (one per "
				    "gateway instance)");
				gate_check(list, &w, &c, &p, &x);
				if (v->has_bgp) {
					buf_printf(&w, "The VPN gateway's BGP "
					    "peer %s (%s/%s) is Connected",
					    ADDR(&v->bgp_peer_ip, t),
					    hd->sites[i].name, v->name);
					pc_obs_bgp_peers(&c, &p, in->dsn);
					buf_printf(&x, "State Connected for %s, on "
					    "every gateway instance%s",
					    ADDR(&v->bgp_peer_ip, t), learned >=
					    n ? "" : "; the prefixes are not "
					    "learned yet: the step advertises "
					    "them");
					gate_check(list, &w, &c, &p, &x);
				}
			}
			buf_release(&key);
			buf_release(&pf);
		}
	for (k = 0; k < in->hs->natoms; k++) {
		const struct sim_route *r = pv[k].r, *b = pv[k].b;
		long	 peak;

		if (r->site == NULL || strcmp(r->site->name, site) != 0 ||
		    b == NULL)
			continue;
		if (r->path == SIM_NONE && b->path != SIM_NONE)
			buf_printf(lost, "%s%s", nlost++ ? ", " : "",
			    PFX(pv[k].label, t));
		peak = sim_site_peak(hd, r->site);
		if (r->path == SIM_NONE || r->path == b->path || peak <= 0 ||
		    r->capacity_mbps <= 0)
			continue;
		buf_printf(cap, "%s%s: declared peak %ld Mbps; over %s after "
		    "the step %s has %ld Mbps (the simulation's figure)",
		    cap->len ? "\n" : "", site, peak, r->path == SIM_VPN ?
		    "the VPN" : "ExpressRoute", PFX(pv[k].label, t),
		    r->capacity_mbps);
		if (peak > r->capacity_mbps)
			buf_printf(cap, ": WARNING, short by %ld Mbps if the "
			    "site's peak goes to it", peak - r->capacity_mbps);
	}
out:
	free(pv);
	buf_release(&w);
	buf_release(&c);
	buf_release(&p);
	buf_release(&x);
	buf_release(&er);
	buf_release(&erc);
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
 * Review 19 P5: a gateway rollback that resizes the gateway if it exists
 * and creates it if it is missing (gw_vpn_sku_step, gw_er_sku_step) takes
 * the remaining path down only when it resizes.  The simulation's checks
 * of that path, already in l, are marked as the resize branch's, and the
 * branch's words ("in the resize branch only (GW exists at SKU)") are
 * returned for "Stop if" (to free); NULL for any other step.
 */
static char *
resize_branch(struct value *l, const struct gate_in *in, const char *object,
    const struct buf *cmds)
{
	const char	*c = buf_cstr(cmds), *gw, *sku;
	char		*w;
	size_t		 i;
	int		 vpn = strcmp(object, "azure.vpn_gateway") == 0;

	if (!in->rollback || (!vpn &&
	    strcmp(object, "azure.expressroute_gateway") != 0) ||
	    strstr(c, "vnet-gateway create") == NULL ||
	    strstr(c, "vnet-gateway update") == NULL)
		return NULL;
	gw = vpn ? in->dsn->vpn_gateway.name : in->dsn->er_gateway.name;
	sku = vpn ? vpn_sku_name(in->dsn->vpn_gateway.sku) :
	    er_sku_name(in->dsn->er_gateway.sku);
	w = xasprintf("in the resize branch only (%s exists at %s)", gw, sku);
	for (i = 0; i < l->n; i++) {
		struct value *e = l->items[i];
		long	 k = value_map_index(e, "check");
		char	*t;

		if (k < 0 || e->items[k]->str == NULL)
			continue;
		t = xasprintf("Resize branch only (%s exists at %s): %s", gw,
		    sku, e->items[k]->str);
		value_free(e->items[k]);
		e->items[k] = value_new_str(t);
		free(t);
	}
	return w;
}

/*
 * The go/no-go gate of a disruptive step (its downtime is not "None"):
 * checks computed from the simulation of the design the step starts
 * from (s, dsn), each with its commands and expected result, the
 * capacity the step leaves, the maintenance window, when to stop, and
 * for a step that deletes, that rolling back means recreating.
 */
void
gate_value(struct value *e, const struct gate_in *in, const char *object,
    const struct buf *cmds, const struct buf *down, enum plan_outage outage)
{
	struct value	*m, *l;
	struct gate	 g;
	struct buf	 t = BUF_INIT, lost = BUF_INIT, cap = BUF_INIT;
	int		 sim_ok = 0;
	char		*branch;

	memset(&g, 0, sizeof(g));
	if (in->policy_site == NULL && (down->len == 0 ||
	    strncmp(buf_cstr(down), "None", 4) == 0)) {
		value_map_put(e, "gate", value_new_null());
		return;
	}
	m = value_map_put(e, "gate", value_new_map());
	l = value_map_list(m, "go_no_go");
	if (in->policy_site != NULL)
		gate_policy(l, in, in->policy_site, &lost, &cap);
	else if ((sim_ok = gate_init(&g, in->s, in->dsn, object)) != 0) {
		if (in->rollback)
			g.other = in->hs;
		gate_checks(l, &g);
	}
	branch = resize_branch(l, in, object, cmds);
	gate_inventory(l, in, object, buf_cstr(cmds));
	if (l->n == 0)
		value_map_str(m, "none", in->policy_site != NULL ? "the "
		    "simulation moves none of the site's prefixes to another "
		    "path or backup" : sim_ok ? "the simulation moves no "
		    "prefix to another path in this step's scenario, so there "
		    "is no backup path to check" : "the simulation has no "
		    "scenario for this step");
	if (sim_ok) {
		gate_capacity(value_map_list(m, "capacity"), &g);
		gate_sites(&lost, &g, GC_LOST);
	} else {
		struct value *cl = value_map_list(m, "capacity");
		char	*s, *save = NULL;

		for (s = cap.len ? strtok_r(cap.ptr, "\n", &save) : NULL; s;
		    s = strtok_r(NULL, "\n", &save))
			value_map_str(value_list_map(cl), "text", s);
	}
	if (in->policy_site != NULL)
		buf_printf(&t, "%s's routes compared before and after its BGP "
		    "policy change (the routing impact)", in->policy_site);
	else if (sim_ok && g.sc)
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
	buf_puts(&t, branch != NULL ? "Any check above that applies to the "
	    "branch the block takes does not show its expected result" :
	    "Any check above does not show its expected result");
	/* A rollback that only creates what is missing takes nothing
	 * away: its restore never waits on the owners' agreement; nor
	 * does the create branch of one that resizes if it can. */
	if (lost.len && branch != NULL)
		buf_printf(&t, ", or, %s, the owners of %s have not agreed to "
		    "be without a path for the whole step. Where the gateway "
		    "is missing the block only creates it: neither the checks "
		    "marked for the resize branch nor the owners' agreement "
		    "hold that back (restoring a backup never waits on the "
		    "primary path)", branch, buf_cstr(&lost));
	else if (lost.len && (in->rollback || in->restore) &&
	    strstr(buf_cstr(cmds), " delete ") == NULL &&
	    strstr(buf_cstr(cmds), " update ") == NULL)
		;
	else if (lost.len)
		buf_printf(&t, ", or the owners of %s have not agreed to be "
		    "without a path %s", buf_cstr(&lost), outage ==
		    PLAN_OUT_FULL ? "for the whole step" : "while the step "
		    "runs (at worst)");
	/* A rollback starts from the change made: the "after" column. */
	if (!sim_ok && in->rollback)
		buf_puts(&t, ", or the routes now differ from the \"after\" "
		    "column of the routing impact (the change this step undoes "
		    "is not in place: skip it)");
	else if (!sim_ok)
		buf_puts(&t, ", or the routes recorded in step 1 differ from "
		    "the \"before\" column of the routing impact");
	/* Review 20 Q1: the parts of a block of independent parts. */
	buf_puts(&t, pc_is_split(cmds) ? ": stop, and do not start the part "
	    "it concerns: a check of one gateway (its record, its "
	    "connections, the Key Vault of its keys) holds back only that gateway's part, and the other "
	    "part is still run" : ": stop, and do not start this step");
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
	free(branch);
	buf_release(&t);
	buf_release(&lost);
	buf_release(&cap);
	gate_release(&g);
}

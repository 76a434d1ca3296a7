/*
 * The diagram model (dg_int.h, diagram.h): the style table read by
 * every writer, the model diagram_new() builds from a bound design
 * (clusters, nodes and edges with stable ids), the change diagram
 * diagram_new_change() merges from two of them, and each view's state
 * worked out from the simulation (failed, in use, unreachable) or the
 * change (added, removed, altered), with the legend rows it uses.  The
 * writers -- DOT, the Graphviz adapter, the SVG restyler, Mermaid --
 * only read it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diagram.h"
#include "hybridoc/hash.h"
#include "hybridoc/prefix.h"
#include "hybridoc/sim.h"
#include "hybridoc/xalloc.h"

#include "dg_int.h"

/* ---- Styles: one table, read by every writer ---- */


const struct dg_style dg_styles[] = {
	/* nodes */
	{ "plain", DIAGRAM_COLOUR_LINE, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1", 0, 0 },
	{ "er", DIAGRAM_COLOUR_ER, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1.5", 0, 0 },
	{ "vpn", DIAGRAM_COLOUR_VPN, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1.5", 0, 0 },
	{ "internet", DIAGRAM_COLOUR_VPN, "#fff8f2", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled,dashed", "1.5", 1, 0 },
	{ "prefix", DIAGRAM_COLOUR_LINE, "#f6f8fa", DIAGRAM_COLOUR_TEXT,
	    "filled", "1", 0, 0 },
	{ "failed", DIAGRAM_COLOUR_FAILED, DIAGRAM_COLOUR_FAILED_FILL,
	    DIAGRAM_COLOUR_FAILED, "rounded,filled,dashed", "1", 1, 0 },
	{ "failed-box", DIAGRAM_COLOUR_FAILED, DIAGRAM_COLOUR_FAILED_FILL,
	    DIAGRAM_COLOUR_FAILED, "filled,dashed", "1", 1, 0 },
	{ "inuse", DIAGRAM_COLOUR_INUSE, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "2.5", 0, 0 },
	{ "unreachable", DIAGRAM_COLOUR_UNREACHABLE,
	    DIAGRAM_COLOUR_UNREACHABLE_FILL, DIAGRAM_COLOUR_UNREACHABLE,
	    "filled", "2", 0, 0 },
	{ "unreachable-rows", DIAGRAM_COLOUR_UNREACHABLE, WHITE,
	    DIAGRAM_COLOUR_TEXT, "rounded,filled", "2", 0, 0 },
	/* edges */
	{ "plain", DIAGRAM_COLOUR_LINE, NULL, DIAGRAM_COLOUR_TEXT,
	    "solid", "1", 0, 0 },
	{ "er-primary", DIAGRAM_COLOUR_ER, NULL, DIAGRAM_COLOUR_TEXT,
	    "solid", "2.5", 0, 0 },
	{ "er-backup", DIAGRAM_COLOUR_ER, NULL, DIAGRAM_COLOUR_TEXT,
	    "solid", "1", 0, 0 },
	{ "vpn-primary", DIAGRAM_COLOUR_VPN, NULL, DIAGRAM_COLOUR_TEXT,
	    "dashed", "2.5", 1, 0 },
	{ "vpn-backup", DIAGRAM_COLOUR_VPN, NULL, DIAGRAM_COLOUR_TEXT,
	    "dashed", "1", 1, 0 },
	{ "er-inuse", DIAGRAM_COLOUR_INUSE, NULL, DIAGRAM_COLOUR_TEXT,
	    "solid", "3.5", 0, 0 },
	{ "vpn-inuse", DIAGRAM_COLOUR_INUSE, NULL, DIAGRAM_COLOUR_TEXT,
	    "dashed", "3.5", 1, 0 },
	{ "failed", DIAGRAM_COLOUR_FAILED, NULL, DIAGRAM_COLOUR_FAILED,
	    "dotted", "1", 1, 0 },
	{ "invisible", DIAGRAM_COLOUR_LINE, NULL, DIAGRAM_COLOUR_TEXT,
	    "invis", "1", 0, 1 },
	/* clusters */
	{ "region", "#218bff", "#f5f9ff", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1.5", 0, 0 },
	{ "vnet", "#54aeff", "#eaf5ff", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1", 0, 0 },
	{ "gwsubnet", "#80ccff", "#ddf0ff", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1", 0, 0 },
	{ "provider", DIAGRAM_COLOUR_LINE, "#f6f8fa", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1", 0, 0 },
	{ "site", "#9a6700", "#fff8e5", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1", 0, 0 },
	{ "failed", DIAGRAM_COLOUR_FAILED, DIAGRAM_COLOUR_FAILED_FILL,
	    DIAGRAM_COLOUR_FAILED, "rounded,filled,dashed", "1", 1, 0 },
	/* a change diagram's marks: nodes, edges, clusters */
	{ "added", DIAGRAM_COLOUR_ADDED, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "3", 0, 0 },
	{ "removed", DIAGRAM_COLOUR_REMOVED, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled,dashed", "3", 1, 0 },
	{ "changed", DIAGRAM_COLOUR_CHANGED, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "3", 0, 0 },
	{ "added", DIAGRAM_COLOUR_ADDED, NULL, DIAGRAM_COLOUR_TEXT,
	    "solid", "3", 0, 0 },
	{ "removed", DIAGRAM_COLOUR_REMOVED, NULL, DIAGRAM_COLOUR_TEXT,
	    "dashed", "3", 1, 0 },
	{ "changed", DIAGRAM_COLOUR_CHANGED, NULL, DIAGRAM_COLOUR_TEXT,
	    "solid", "3", 0, 0 },
	{ "added", DIAGRAM_COLOUR_ADDED, "#fbefff", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "3", 0, 0 },
	{ "removed", DIAGRAM_COLOUR_REMOVED, "#ffebe9", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled,dashed", "3", 1, 0 },
	{ "changed", DIAGRAM_COLOUR_CHANGED, "#fff8c5", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "3", 0, 0 },
	/* hidden: a view's unused legend row, what a change adds (before) */
	{ "hidden", DIAGRAM_COLOUR_LINE, WHITE, DIAGRAM_COLOUR_TEXT,
	    "invis", "1", 0, 1 },
	{ "hidden", DIAGRAM_COLOUR_LINE, WHITE, DIAGRAM_COLOUR_TEXT,
	    "invis", "1", 0, 1 },
	/* what the change removes, as a ghost after it: faded, dashed */
	{ "ghost", DIAGRAM_COLOUR_GHOST, "#f6f8fa", DIAGRAM_COLOUR_GHOST,
	    "rounded,filled,dashed", "1", 1, 0 },
	{ "ghost", DIAGRAM_COLOUR_GHOST, NULL, DIAGRAM_COLOUR_GHOST,
	    "dashed", "1", 1, 0 },
	{ "ghost", DIAGRAM_COLOUR_GHOST, "#f6f8fa", DIAGRAM_COLOUR_GHOST,
	    "rounded,filled,dashed", "1", 1, 0 }
};


const struct dg_role_info dg_roles[DG_NROLES] = {
	[DG_REGION] = { DG_CLUSTER, ST_C_REGION, 12, 0 },
	[DG_VNET] = { DG_CLUSTER, ST_C_VNET, 11, 0 },
	[DG_GWSUBNET] = { DG_CLUSTER, ST_C_GWSUBNET, 10, 0 },
	[DG_PROVIDER] = { DG_CLUSTER, ST_C_PROVIDER, 11, 0 },
	[DG_SITE] = { DG_CLUSTER, ST_C_SITE, 11, 0 },
	[DG_BRANCHES] = { DG_CLUSTER, ST_C_SITE, 11, 0 },
	[DG_WORKLOADS] = { DG_NODE, ST_N_PLAIN, 10, 0 },
	[DG_SPOKE] = { DG_NODE, ST_N_PLAIN, 10, 0 },
	[DG_ER_GATEWAY] = { DG_NODE, ST_N_ER, 10, 0 },
	[DG_VPN_INSTANCE] = { DG_NODE, ST_N_VPN, 10, 0 },
	[DG_CIRCUIT] = { DG_NODE, ST_N_ER, 10, 0 },
	[DG_ER_EDGE] = { DG_NODE, ST_N_ER, 10, 0 },
	[DG_CE] = { DG_NODE, ST_N_ER, 10, 0 },
	[DG_INTERNET] = { DG_NODE, ST_N_INTERNET, 11, 0 },
	[DG_ROUTE_SERVER] = { DG_NODE, ST_N_PLAIN, 10, 0 },
	[DG_DEVICE] = { DG_NODE, ST_N_VPN, 10, 0 },
	[DG_PREFIX] = { DG_NODE, ST_N_PREFIX, 9, 0 },
	[DG_GROUP] = { DG_NODE, ST_N_VPN, 9, 0 },
	[DG_LEGEND] = { DG_NODE, ST_N_PLAIN, 9, 1 },
	[DG_E_CONNECTION] = { DG_EDGE, ST_E_ER_PRIMARY, 9, 0 },
	[DG_E_LINK] = { DG_EDGE, ST_E_ER_PRIMARY, 9, 0 },
	[DG_E_CE] = { DG_EDGE, ST_E_ER_PRIMARY, 9, 0 },
	[DG_E_TUNNEL] = { DG_EDGE, ST_E_VPN_PRIMARY, 9, 0 },
	[DG_E_UPLINK] = { DG_EDGE, ST_E_VPN_PRIMARY, 9, 0 },
	[DG_E_LAN] = { DG_EDGE, ST_E_INVIS, 9, 0 },
	[DG_E_KEY] = { DG_EDGE, ST_E_INVIS, 9, 0 }
};

#define HEAVY	"\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81"	/* ━━━━ */
#define LIGHT	"\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"	/* ──── */
#define DASHED	"\xe2\x95\x8d\xe2\x95\x8d\xe2\x95\x8d\xe2\x95\x8d"	/* ╍╍╍╍ */
#define DOTTED	"\xe2\x94\x88\xe2\x94\x88\xe2\x94\x88\xe2\x94\x88"	/* ┈┈┈┈ */

/* In enum dg_key_id's order. */
const struct dg_key dg_legend[] = {
	{ HEAVY, DIAGRAM_COLOUR_ER, NULL, 3, "ExpressRoute private peering" },
	{ DASHED, DIAGRAM_COLOUR_VPN, NULL, 0, "IPsec tunnel (site-to-site VPN)" },
	{ HEAVY, DIAGRAM_COLOUR_LINE, NULL, 3, "thick: primary path" },
	{ LIGHT, DIAGRAM_COLOUR_LINE, NULL, 1, "thin: backup path" },
	{ HEAVY, DIAGRAM_COLOUR_INUSE, NULL, 4, "path in use" },
	{ DOTTED, DIAGRAM_COLOUR_FAILED, NULL, 0, "failed link or tunnel" },
	{ MARK_FAILED "name", DIAGRAM_COLOUR_FAILED, DIAGRAM_COLOUR_FAILED_FILL,
	    0, "failed element" },
	{ MARK_UNREACH "prefix", DIAGRAM_COLOUR_UNREACHABLE,
	    DIAGRAM_COLOUR_UNREACHABLE_FILL, 0, "prefix without a route" },
	{ HEAVY, DIAGRAM_COLOUR_ADDED, NULL, 3, "added by the change" },
	{ DASHED, DIAGRAM_COLOUR_REMOVED, NULL, 0, "removed by the change" },
	{ DASHED, DIAGRAM_COLOUR_GHOST, NULL, 0,
	    "removed by the change (ghost)" },
	{ HEAVY, DIAGRAM_COLOUR_CHANGED, NULL, 3, "altered by the change" }
};
const size_t dg_nlegend = sizeof(dg_legend) / sizeof(dg_legend[0]);

/* ---- Ids ---- */

/*
 * The hash of an id for the id tables here and in dg_graphviz.c.  Its
 * start is not FNV's offset basis (a digit short); only the tables'
 * probe order depends on it, and it stays as it was.
 */
uint64_t
dg_fnv(const char *s)
{
	return hash_str(1469598103934665603ULL, s);
}

static int
id_taken(const struct diagram *dg, const char *id)
{
	size_t	 i;

	if (dg->idcap == 0)
		return 0;
	for (i = dg_fnv(id) & (dg->idcap - 1); dg->ids[i] != NULL;
	    i = (i + 1) & (dg->idcap - 1))
		if (strcmp(dg->ids[i], id) == 0)
			return 1;
	return 0;
}

static void
id_insert(struct diagram *dg, char *id)
{
	size_t	 i, k, ocap;
	char	**old;

	if ((dg->nids + 1) * 2 > dg->idcap) {
		old = dg->ids;
		ocap = dg->idcap;
		dg->idcap = ocap ? ocap * 2 : 64;
		dg->ids = xcalloc(dg->idcap, sizeof(*dg->ids));
		for (k = 0; k < ocap; k++) {
			if (old[k] == NULL)
				continue;
			for (i = dg_fnv(old[k]) & (dg->idcap - 1);
			    dg->ids[i] != NULL; i = (i + 1) & (dg->idcap - 1))
				continue;
			dg->ids[i] = old[k];
		}
		free(old);
	}
	for (i = dg_fnv(id) & (dg->idcap - 1); dg->ids[i] != NULL;
	    i = (i + 1) & (dg->idcap - 1))
		continue;
	dg->ids[i] = id;
	dg->nids++;
}

/* Appends s with every byte outside [A-Za-z0-9] as '_'. */
static void
put_sanitised(struct buf *b, const char *s)
{
	for (; *s; s++) {
		int	 c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			buf_putc(b, c);
		else
			buf_putc(b, '_');
	}
}

/*
 * A new unique id "kind_a_b" (a and b sanitised, either may be NULL);
 * on a clash "_2", "_3" ... in creation order, so the same design gets
 * the same ids.  The string is owned by the object it is given to.
 */
static char *
dg_id(struct diagram *dg, const char *kind, const char *a, const char *b)
{
	struct buf	 id = BUF_INIT;
	size_t		 len, n;
	char		*s;

	buf_puts(&id, kind);
	if (a != NULL) {
		buf_putc(&id, '_');
		put_sanitised(&id, a);
	}
	if (b != NULL) {
		buf_putc(&id, '_');
		put_sanitised(&id, b);
	}
	len = id.len;
	for (n = 2; id_taken(dg, buf_cstr(&id)); n++) {
		buf_truncate(&id, len);
		buf_printf(&id, "_%zu", n);
	}
	s = buf_detach(&id, NULL);
	id_insert(dg, s);
	return s;
}

/* ---- Labels ---- */

/* Starts a new line of a label under construction. */
static void
line(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
line(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	if (b->len > 0)
		buf_putc(b, '\n');
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

static const char *
pfx(const struct prefix *p, char *out)
{
	return prefix_format(p, out, 1);
}

static const char *
addr(const struct prefix *p, char *out)
{
	return prefix_format(p, out, 0);
}

/* Appends the prefixes joined by ", ". */
static void
put_prefixes(struct buf *b, const struct prefix *v, size_t n)
{
	char	 s[PREFIX_STRLEN];
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		buf_puts(b, pfx(&v[i], s));
	}
}

static void
put_bandwidth(struct buf *b, long mbps)
{
	if (mbps >= 1000 && mbps % 1000 == 0)
		buf_printf(b, "%ld Gbps", mbps / 1000);
	else
		buf_printf(b, "%ld Mbps", mbps);
}

/* ---- Building the model ---- */

static size_t
dg_new_obj(struct diagram *dg, enum dg_role role, size_t parent, char *id,
    char *label)
{
	struct dg_obj	*o;

	xgrow(&dg->m.objs, &dg->m.cap, dg->m.nobjs + 1, sizeof(*dg->m.objs));
	o = &dg->m.objs[dg->m.nobjs];
	memset(o, 0, sizeof(*o));
	o->kind = dg_roles[role].kind;
	o->role = role;
	o->id = id;
	o->label = label != NULL ? label : xstrdup("");
	o->parent = parent;
	o->tail = o->head = DG_NONE;
	return dg->m.nobjs++;
}

/* An edge; id as from dg_id(), label NULL for none. */
static size_t
dg_edge(struct diagram *dg, enum dg_role role, char *id, size_t tail,
    size_t head, long minlen, char *label)
{
	size_t	 e;

	e = dg_new_obj(dg, role, DG_NONE, id, label);
	dg->m.objs[e].tail = tail;
	dg->m.objs[e].head = head;
	dg->m.objs[e].minlen = minlen;
	return e;
}

static void
build_azure(struct diagram *dg)
{
	const struct design *dsn = dg->dsn;
	const struct vpn_gateway *vg = &dsn->vpn_gateway;
	const struct subnet *gws;
	struct buf	 b = BUF_INIT;
	char		 s[PREFIX_STRLEN], t[PREFIX_STRLEN];
	size_t		 region, vnet, gwsub, i, k, n;

	line(&b, "Azure%s%s", dsn->region ? DOT_SEP : "",
	    dsn->region ? dsn->region : "");
	if (dsn->subscription != NULL || dsn->resource_group != NULL)
		line(&b, "%s%s%s", dsn->subscription ? dsn->subscription : "",
		    dsn->subscription && dsn->resource_group ? DOT_SEP : "",
		    dsn->resource_group ? dsn->resource_group : "");
	region = dg_new_obj(dg, DG_REGION, DG_NONE,
	    dg_id(dg, "cluster_azure", dsn->region, NULL), buf_detach(&b, NULL));

	line(&b, "VNet %s", dsn->vnet.name ? dsn->vnet.name : "");
	line(&b, "%s", "");
	put_prefixes(&b, dsn->vnet.address_space, dsn->vnet.naddress_space);
	vnet = dg_new_obj(dg, DG_VNET, region,
	    dg_id(dg, "cluster_vnet", dsn->vnet.name, NULL),
	    buf_detach(&b, NULL));

	gws = design_gateway_subnet(dsn);
	if (gws != NULL)
		line(&b, "GatewaySubnet %s", pfx(&gws->prefix, s));
	else
		line(&b, "GatewaySubnet");
	gwsub = dg_new_obj(dg, DG_GWSUBNET, vnet,
	    dg_id(dg, "cluster_gatewaysubnet", NULL, NULL),
	    buf_detach(&b, NULL));

	/* The hub's own address plan: what the gateways advertise. */
	line(&b, "subnets");
	for (i = n = 0; i < dsn->vnet.nsubnets; i++) {
		if (&dsn->vnet.subnets[i] == gws)
			continue;
		line(&b, "%s %s", dsn->vnet.subnets[i].name,
		    pfx(&dsn->vnet.subnets[i].prefix, s));
		n++;
	}
	if (n == 0) {
		buf_truncate(&b, 0);
		line(&b, "address space");
		for (i = 0; i < dsn->vnet.naddress_space; i++)
			line(&b, "%s", pfx(&dsn->vnet.address_space[i], s));
	}
	dg_new_obj(dg, DG_WORKLOADS, vnet,
	    dg_id(dg, "workloads", dsn->vnet.name, NULL), buf_detach(&b, NULL));

	dg->ergw = DG_NONE;
	if (dsn->er_gateway.node != NULL) {
		const struct er_gateway *eg = &dsn->er_gateway;

		line(&b, "ExpressRoute gateway");
		line(&b, "%s", eg->name ? eg->name : "");
		line(&b, "%s", eg->sku_name ? eg->sku_name :
		    er_sku_name(eg->sku));
		if (eg->sku == ER_SKU_ERGWSCALE)
			buf_printf(&b, DOT_SEP "%ld scale units",
			    eg->scale_units);
		if (eg->fastpath)
			buf_puts(&b, DOT_SEP "FastPath");
		dg->ergw = dg_new_obj(dg, DG_ER_GATEWAY, gwsub,
		    dg_id(dg, "ergw", eg->name, NULL), buf_detach(&b, NULL));
	}
	if (vg->node != NULL) {
		dg->ninst = vg->ninstances > 0 ? vg->ninstances :
		    design_tunnels_per_device(dsn);
		dg->inst = xcalloc(dg->ninst, sizeof(*dg->inst));
		for (k = 0; k < dg->ninst; k++) {
			const struct gw_instance *gi = k < vg->ninstances ?
			    &vg->instances[k] : NULL;
			char	 num[32];

			line(&b, "VPN gateway %s", vg->name ? vg->name : "");
			/* Azure's own numbering, as its diagnostics name
			 * the instances (GatewayTenantWorker_IN_0, _IN_1):
			 * the same in ids, scenario ids, text and search. */
			if (dg->ninst > 1)
				line(&b, "instance IN_%zu of %zu%s", k,
				    dg->ninst, vg->active_active ?
				    " (active-active)" : "");
			else
				line(&b, "%s", vg->active_active ?
				    "active-active" : "active-standby");
			line(&b, "%s" DOT_SEP "Gen%ld" DOT_SEP "AS %ld",
			    vg->sku_name ? vg->sku_name :
			    vpn_sku_name(vg->sku), vg->generation, vg->asn);
			if (gi != NULL && (gi->public_ip.family != 0 ||
			    design_unknown(dg->dsn, gi->node, "public_ip")))
				line(&b, "public %s", design_addr(dg->dsn,
				    gi->node, "public_ip", &gi->public_ip, 0,
				    s));
			if (gi != NULL && gi->has_bgp_ip)
				line(&b, "BGP %s", addr(&gi->bgp_ip, s));
			if (gi != NULL && gi->has_apipa_bgp_ip)
				line(&b, "APIPA %s", addr(&gi->apipa_bgp_ip,
				    t));
			snprintf(num, sizeof(num), "IN_%zu", k);
			dg->inst[k] = dg_new_obj(dg, DG_VPN_INSTANCE, gwsub,
			    dg_id(dg, "vpngw", vg->name, num),
			    buf_detach(&b, NULL));
		}
	}

	/*
	 * Route Server changes which paths exist: with branch-to-branch it
	 * passes routes between the ExpressRoute and VPN gateways, so
	 * on-premises sites reach each other through Azure.  Drawn in the
	 * VNet, its peerings and branch-to-branch state in its label (lines
	 * to the gateways would run across the gateway column).
	 */
	if (dsn->route_server.enabled) {
		size_t	 rs;

		for (i = 0; i < dsn->vnet.nsubnets; i++)
			if (strcmp(dsn->vnet.subnets[i].name,
			    "RouteServerSubnet") == 0)
				break;
		line(&b, "Azure Route Server");
		if (i < dsn->vnet.nsubnets)
			line(&b, "RouteServerSubnet %s",
			    pfx(&dsn->vnet.subnets[i].prefix, s));
		line(&b, "peers with the gateways in the GatewaySubnet");
		if (dsn->route_server.branch_to_branch) {
			line(&b, "branch-to-branch on: ExpressRoute and VPN");
			line(&b, "sites learn each other's routes");
		} else {
			line(&b, "branch-to-branch off: ExpressRoute and VPN");
			line(&b, "sites do not reach each other through Azure");
		}
		rs = dg_new_obj(dg, DG_ROUTE_SERVER, vnet,
		    dg_id(dg, "route_server", dsn->vnet.name, NULL),
		    buf_detach(&b, NULL));
		(void)rs;
	}

	for (i = 0; i < dsn->nspokes; i++) {
		const struct spoke *sp = &dsn->spokes[i];

		line(&b, "peered VNet %s", sp->name);
		line(&b, "%s", "");
		put_prefixes(&b, sp->address_space, sp->naddress_space);
		line(&b, "uses the hub's gateways");
		dg_new_obj(dg, DG_SPOKE, region, dg_id(dg, "spoke", sp->name,
		    NULL), buf_detach(&b, NULL));
	}
	buf_release(&b);
}

/*
 * The label of a circuit's primary (l 0) or secondary link: the /30
 * subnet, and on the primary the pair's shared facts (VLAN, BFD).
 */
static char *
link_label(const struct design *dsn, const struct circuit *c, int l)
{
	struct buf	 b = BUF_INIT;
	char		 s[PREFIX_STRLEN];

	if (l == 0)
		line(&b, "VLAN %s" DOT_SEP "%s", design_num(dsn,
		    c->peering.node, "vlan_id", c->peering.vlan_id, s),
		    c->peering.bfd ? "BFD" : "no BFD");
	line(&b, "%s %s", l == 0 ? "primary" : "secondary",
	    design_addr(dsn, c->peering.node, l == 0 ? "primary_subnet" :
	    "secondary_subnet", l == 0 ? &c->peering.primary_subnet :
	    &c->peering.secondary_subnet, 1, s));
	return buf_detach(&b, NULL);
}

/*
 * A circuit that several sites attach to ends at one pair of customer
 * edge routers: its private peering is one primary and one secondary
 * /30, each a single BGP session.  Those routers are drawn once, with
 * the circuit's two links, and each site hangs off them; a circuit of
 * one site ends at that site's ExpressRoute edge (build_site).
 */
static void
build_shared_ce(struct diagram *dg, size_t ci)
{
	const struct design *dsn = dg->dsn;
	const struct circuit *c = &dsn->circuits[ci];
	struct buf	 b = BUF_INIT;
	size_t		 si, k, n = 0;
	int		 l;
	char		 s[PREFIX_STRLEN];

	dg->cenode[ci] = dg->celink[2 * ci] = dg->celink[2 * ci + 1] =
	    DG_NONE;
	for (si = 0; si < dsn->nsites; si++)
		for (k = 0; k < dsn->sites[si].ner; k++)
			if (dsn->sites[si].er[k].circuit == c) {
				n++;
				break;
			}
	if (n < 2)
		return;
	line(&b, "customer edge routers");
	line(&b, "of circuit %s", c->name);
	line(&b, "peer AS %s", design_num(dg->dsn, c->peering.node,
	    "peer_asn", c->peering.peer_asn, s));
	line(&b, "shared by %zu sites", n);
	dg->cenode[ci] = dg_new_obj(dg, DG_CE, DG_NONE,
	    dg_id(dg, "ce", c->name, NULL), buf_detach(&b, NULL));
	for (l = 0; l < 2; l++)
		dg->celink[2 * ci + (size_t)l] = dg_edge(dg, DG_E_LINK,
		    dg_id(dg, "link", c->name, l == 0 ? "primary" :
		    "secondary"), dg->ckt[ci], dg->cenode[ci], 0,
		    link_label(dg->dsn, c, l));
}

/*
 * The Internet, which the IPsec tunnels cross: one node between the VPN
 * gateway's instances and the on-premises devices, as Microsoft's
 * coexistence diagrams draw it.  Each instance has one line to it, two
 * ranks on (the sites' rank is between), so the VPN lane runs beside the
 * ExpressRoute one; each device's tunnels end at it.
 */
static void
build_internet(struct diagram *dg)
{
	struct buf	 b = BUF_INIT;
	size_t		 k;
	char		 num[32];

	dg->inet = DG_NONE;
	if (dg->ninst == 0)
		return;
	line(&b, "Internet");
	line(&b, "IPsec tunnels");
	dg->inet = dg_new_obj(dg, DG_INTERNET, DG_NONE,
	    dg_id(dg, "internet", NULL, NULL), buf_detach(&b, NULL));
	dg->uplink = xcalloc(dg->ninst + 1, sizeof(*dg->uplink));
	for (k = 0; k < dg->ninst; k++) {
		/* Azure's own instance numbering, as everywhere else. */
		snprintf(num, sizeof(num), "IN_%zu", k);
		dg->uplink[k] = dg_edge(dg, DG_E_UPLINK,
		    dg_id(dg, "uplink", num, NULL), dg->inst[k], dg->inet, 2,
		    NULL);
	}
	buf_release(&b);
}

static void
build_circuits(struct diagram *dg)
{
	const struct design *dsn = dg->dsn;
	struct buf	 b = BUF_INIT;
	size_t		*prov, i, k;

	dg->ckt = xcalloc(dsn->ncircuits + 1, sizeof(*dg->ckt));
	dg->cenode = xcalloc(dsn->ncircuits + 1, sizeof(*dg->cenode));
	dg->celink = xcalloc(2 * dsn->ncircuits + 1, sizeof(*dg->celink));
	dg->conn = xcalloc(dsn->ncircuits + 1, sizeof(*dg->conn));
	prov = xcalloc(dsn->ncircuits + 1, sizeof(*prov));
	for (i = 0; i < dsn->ncircuits; i++) {
		const struct circuit *c = &dsn->circuits[i];
		const char *pv = c->provider ? c->provider : "";

		/* One cluster per provider, in order of first use. */
		for (k = 0; k < i; k++)
			if (strcmp(dsn->circuits[k].provider ?
			    dsn->circuits[k].provider : "", pv) == 0)
				break;
		if (k == i) {
			line(&b, "provider %s", pv);
			prov[i] = dg_new_obj(dg, DG_PROVIDER, DG_NONE,
			    dg_id(dg, "cluster_provider", pv, NULL),
			    buf_detach(&b, NULL));
		} else
			prov[i] = prov[k];

		line(&b, "circuit %s", c->name);
		if (c->peering_location != NULL)
			line(&b, "%s", c->peering_location);
		line(&b, "%s", "");
		if (design_unknown(dsn, c->node, "bandwidth_mbps"))
			buf_puts(&b, design_unknown(dsn, c->node,
			    "bandwidth_mbps"));
		else
			put_bandwidth(&b, c->bandwidth_mbps);
		buf_printf(&b, DOT_SEP "%s", circuit_sku_name(c->sku));
		/* the connection's facts, here rather than on a busy edge */
		if (dg->ergw != DG_NONE) {
			line(&b, "connection weight %ld", c->routing_weight);
			if (c->fastpath)
				buf_puts(&b, DOT_SEP "FastPath");
		}
		dg->ckt[i] = dg_new_obj(dg, DG_CIRCUIT, prov[i],
		    dg_id(dg, "circuit", c->name, NULL), buf_detach(&b, NULL));

		dg->conn[i] = DG_NONE;
		if (dg->ergw != DG_NONE)
			dg->conn[i] = dg_edge(dg, DG_E_CONNECTION,
			    dg_id(dg, "connection", c->name, NULL), dg->ergw,
			    dg->ckt[i], -1, NULL);
		build_shared_ce(dg, i);
	}
	free(prov);
	buf_release(&b);
}

static int
pfx_sort(const void *a, const void *b)
{
	return prefix_cmp(&((const struct dg_pfx *)a)->p,
	    &((const struct dg_pfx *)b)->p);
}

/*
 * A site's atoms as the simulation counts them: its address prefixes
 * and everything it advertises, sorted, without repeats.
 */
static void
site_atoms(const struct site *st, struct dg_site *ds)
{
	size_t	 n, cap, i, k, out;

	cap = st->naddress_prefixes;
	for (i = 0; i < st->ner; i++)
		cap += st->er[i].nadvertise;
	for (i = 0; i < st->ndevices; i++)
		cap += st->devices[i].nadvertise;
	ds->pfx = xcalloc(cap + 1, sizeof(*ds->pfx));
	n = 0;
	for (i = 0; i < st->naddress_prefixes; i++)
		ds->pfx[n++].p = st->address_prefixes[i];
	for (i = 0; i < st->ner; i++)
		for (k = 0; k < st->er[i].nadvertise; k++)
			ds->pfx[n++].p = st->er[i].advertise[k];
	for (i = 0; i < st->ndevices; i++)
		for (k = 0; k < st->devices[i].nadvertise; k++)
			ds->pfx[n++].p = st->devices[i].advertise[k];
	qsort(ds->pfx, n, sizeof(*ds->pfx), pfx_sort);
	for (i = out = 0; i < n; i++)
		if (out == 0 || prefix_cmp(&ds->pfx[out - 1].p,
		    &ds->pfx[i].p) != 0)
			ds->pfx[out++] = ds->pfx[i];
	ds->npfx = out;
}

static int
vpn_only(const struct site *st)
{
	return st->ner == 0 && st->ndevices > 0;
}

/* The kind of connectivity that groups branches: "IKEv2 · BGP". */
static char *
group_key(const struct site *st)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, nstatic = 0;
	int		 v1 = 0, v2 = 0;

	for (i = 0; i < st->ndevices; i++) {
		if (st->devices[i].is_static)
			nstatic++;
		if (st->devices[i].ike.version == 1)
			v1 = 1;
		else
			v2 = 1;
	}
	buf_puts(&b, v1 && v2 ? "IKEv1+IKEv2" : v1 ? "IKEv1" : "IKEv2");
	buf_puts(&b, nstatic == st->ndevices ? DOT_SEP "static routes" :
	    nstatic == 0 ? DOT_SEP "BGP" : DOT_SEP "BGP and static");
	if (st->ndevices > 1)
		buf_printf(&b, DOT_SEP "%zu devices", st->ndevices);
	return buf_detach(&b, NULL);
}

/*
 * The label of a device's first tunnel: IKE version, BGP or static,
 * prepend; its other tunnels (one per gateway instance) say the same,
 * so they go without.
 */
static char *
tunnel_label(const struct design *dsn, const struct vpn_device *dv,
    size_t instance)
{
	struct buf	 b = BUF_INIT;

	if (instance > 0)
		return NULL;
	line(&b, "IPsec IKEv%ld", dv->ike.version);
	if (dv->has_bgp) {
		char	 n[PREFIX_STRLEN];

		buf_printf(&b, DOT_SEP "BGP AS %s", design_num(dsn,
		    value_map_get(dv->node, "bgp"), "asn", dv->bgp_asn, n));
	} else
		buf_puts(&b, DOT_SEP "static");
	if (dv->as_path_prepend > 0)
		line(&b, "prepend %ld", dv->as_path_prepend);
	return buf_detach(&b, NULL);
}

static void
build_site(struct diagram *dg, size_t si)
{
	const struct design *dsn = dg->dsn;
	const struct site *st = &dsn->sites[si];
	struct dg_site	*ds = &dg->sites[si];
	struct buf	 b = BUF_INIT;
	char		 s[PREFIX_STRLEN], *part;
	size_t		 i, k, router = DG_NONE;

	line(&b, "%s", st->name);
	if (st->location != NULL)
		line(&b, "%s", st->location);
	ds->cluster = dg_new_obj(dg, DG_SITE, DG_NONE,
	    dg_id(dg, "cluster_site", st->name, NULL), buf_detach(&b, NULL));

	ds->er = xcalloc(st->ner + 1, sizeof(*ds->er));
	ds->link = xcalloc(2 * st->ner + 1, sizeof(*ds->link));
	ds->ce = xcalloc(st->ner + 1, sizeof(*ds->ce));
	for (i = 0; i < st->ner; i++) {
		const struct site_er *se = &st->er[i];
		const struct circuit *c = se->circuit;
		size_t	 ci, l;

		line(&b, "ExpressRoute edge");
		if (st->ner > 1)
			line(&b, "to %s", se->circuit_name);
		if (c != NULL)
			line(&b, "peer AS %s", design_num(dg->dsn,
			    c->peering.node, "peer_asn", c->peering.peer_asn,
			    s));
		if (se->has_local_preference)
			line(&b, "local pref %ld", se->local_preference);
		if (se->as_path_prepend > 0)
			line(&b, "prepend %ld", se->as_path_prepend);
		if (se->nadvertise > 0 && se->nadvertise <= LIST_MAX) {
			line(&b, "advertises ");
			put_prefixes(&b, se->advertise, se->nadvertise);
		} else if (se->nadvertise > 0)
			line(&b, "advertises %zu prefixes", se->nadvertise);
		ds->er[i] = dg_new_obj(dg, DG_ER_EDGE, ds->cluster,
		    dg_id(dg, "eredge", st->name, se->circuit_name),
		    buf_detach(&b, NULL));
		if (router == DG_NONE)
			router = ds->er[i];
		ds->link[2 * i] = ds->link[2 * i + 1] = ds->ce[i] = DG_NONE;
		if (c == NULL)
			continue;
		ci = (size_t)(c - dsn->circuits);
		if (dg->cenode[ci] != DG_NONE) {
			/* the circuit's links are drawn once, to its CEs */
			ds->link[2 * i] = dg->celink[2 * ci];
			ds->link[2 * i + 1] = dg->celink[2 * ci + 1];
			ds->ce[i] = dg_edge(dg, DG_E_CE, dg_id(dg, "ce",
			    st->name, c->name), dg->cenode[ci], ds->er[i], 0,
			    NULL);
			continue;
		}
		for (l = 0; l < 2; l++) {
			part = xasprintf("%s_%s", c->name, l == 0 ? "primary" :
			    "secondary");
			ds->link[2 * i + l] = dg_edge(dg, DG_E_LINK,
			    dg_id(dg, "link", st->name, part), dg->ckt[ci],
			    ds->er[i], 0, link_label(dg->dsn, c, (int)l));
			free(part);
		}
	}

	ds->dev = xcalloc(st->ndevices + 1, sizeof(*ds->dev));
	ds->tun = xcalloc(st->ndevices * dg->ninst + 1, sizeof(*ds->tun));
	for (i = 0; i < st->ndevices; i++) {
		const struct vpn_device *dv = &st->devices[i];

		line(&b, "VPN device %s", dv->name);
		if (dv->vendor != NULL || dv->model != NULL)
			line(&b, "%s%s%s", dv->vendor ? dv->vendor : "",
			    dv->vendor && dv->model ? " " : "",
			    dv->model ? dv->model : "");
		line(&b, "%s", design_addr(dg->dsn, dv->node, "public_ip",
		    &dv->public_ip, 0, s));
		if (dv->has_bgp) {
			const struct value *bn = value_map_get(dv->node, "bgp");
			char	 n[PREFIX_STRLEN];

			line(&b, "BGP AS %s" DOT_SEP "peer %s", design_num(
			    dg->dsn, bn, "asn", dv->bgp_asn, n), design_addr(
			    dg->dsn, bn, "peer_ip", &dv->bgp_peer_ip, 0, s));
		}
		else
			line(&b, "static routes");
		if (dv->has_local_preference)
			line(&b, "local pref %ld", dv->local_preference);
		/* A BGP device that advertises nothing is no backup: show
		 * it, so a packet that empties the list marks the device. */
		if (dv->has_bgp && dv->nadvertise == 0)
			line(&b, "advertises nothing");
		ds->dev[i] = dg_new_obj(dg, DG_DEVICE, ds->cluster,
		    dg_id(dg, "device", st->name, dv->name),
		    buf_detach(&b, NULL));
		if (router == DG_NONE)
			router = ds->dev[i];
		for (k = 0; k < dg->ninst; k++) {
			part = xasprintf("%s_IN_%zu", dv->name, k);
			ds->tun[i * dg->ninst + k] = dg_edge(dg, DG_E_TUNNEL,
			    dg_id(dg, "tunnel", st->name, part), ds->dev[i],
			    dg->inet, 0, tunnel_label(dg->dsn, dv, k));
			free(part);
		}
	}

	for (i = 0; i < ds->npfx; i++) {
		ds->pfx[i].obj = dg_new_obj(dg, DG_PREFIX, ds->cluster,
		    dg_id(dg, "prefix", st->name, pfx(&ds->pfx[i].p, s)),
		    xstrdup(pfx(&ds->pfx[i].p, s)));
		if (router != DG_NONE)
			dg_edge(dg, DG_E_LAN, dg_id(dg, "lan", st->name,
			    pfx(&ds->pfx[i].p, s)), ds->pfx[i].obj, router, -1,
			    NULL);
	}
	buf_release(&b);
}

/* A summary row: name · prefixes · public IPs · ASNs. */
static void
group_row(struct buf *b, const struct design *dsn, const struct site *st)
{
	char	 s[PREFIX_STRLEN], n[PREFIX_STRLEN];
	size_t	 i;

	line(b, "%s" DOT_SEP, st->name);
	put_prefixes(b, st->address_prefixes, st->naddress_prefixes);
	for (i = 0; i < st->ndevices; i++) {
		buf_printf(b, DOT_SEP "%s", design_addr(dsn,
		    st->devices[i].node, "public_ip", &st->devices[i].public_ip,
		    0, s));
		if (st->devices[i].has_bgp)
			buf_printf(b, " AS %s", design_num(dsn, value_map_get(
			    st->devices[i].node, "bgp"), "asn",
			    st->devices[i].bgp_asn, n));
	}
}

/*
 * Sorts the VPN-only branches into groups of the same connectivity;
 * a kind that only one branch has keeps that branch drawn in full.
 */
static void
plan_groups(struct diagram *dg, const size_t *members, size_t n)
{
	const struct design *dsn = dg->dsn;
	size_t		 i, g, out;
	char		*key;

	dg->groups = xcalloc(n + 1, sizeof(*dg->groups));
	for (i = 0; i < n; i++) {
		key = group_key(&dsn->sites[members[i]]);
		for (g = 0; g < dg->ngroups; g++)
			if (strcmp(dg->groups[g].key, key) == 0)
				break;
		if (g == dg->ngroups) {
			dg->groups[g].key = key;
			dg->groups[g].members = xcalloc(n, sizeof(size_t));
			dg->ngroups++;
		} else
			free(key);
		dg->groups[g].members[dg->groups[g].nmembers++] = members[i];
	}
	for (g = out = 0; g < dg->ngroups; g++) {
		if (dg->groups[g].nmembers < 2) {
			free(dg->groups[g].key);
			free(dg->groups[g].members);
			continue;
		}
		dg->groups[out] = dg->groups[g];
		for (i = 0; i < dg->groups[out].nmembers; i++)
			dg->sites[dg->groups[out].members[i]].group = out;
		out++;
	}
	dg->ngroups = out;
}

/* The "s" of a plural. */
static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* One summary node per group, in a cluster of their own. */
static void
build_groups(struct diagram *dg)
{
	const struct design *dsn = dg->dsn;
	struct buf	 b = BUF_INIT;
	size_t		 cl, i, g, k, n;

	for (g = n = 0; g < dg->ngroups; g++)
		n += dg->groups[g].nmembers;
	line(&b, "%zu VPN-only branches (summary)", n);
	cl = dg_new_obj(dg, DG_BRANCHES, DG_NONE,
	    dg_id(dg, "cluster_branches", NULL, NULL), buf_detach(&b, NULL));
	for (g = 0; g < dg->ngroups; g++) {
		struct dg_group *gr = &dg->groups[g];
		struct dg_obj	*o;
		char		 num[32];

		line(&b, "%zu branches" DOT_SEP "IPsec %s", gr->nmembers,
		    gr->key);	/* a group has two members or more */
		for (i = 0; i < gr->nmembers; i++)
			group_row(&b, dsn, &dsn->sites[gr->members[i]]);
		snprintf(num, sizeof(num), "%zu", g + 1);
		gr->node = dg_new_obj(dg, DG_GROUP, cl,
		    dg_id(dg, "branches", num, NULL), buf_detach(&b, NULL));
		o = &dg->m.objs[gr->node];
		o->ljust = 1;
		o->rows = xcalloc(gr->nmembers, sizeof(size_t));
		memcpy(o->rows, gr->members, gr->nmembers * sizeof(size_t));
		o->nrows = gr->nmembers;
		gr->edges = xcalloc(dg->ninst + 1, sizeof(size_t));
		for (k = 0; k < dg->ninst; k++) {
			char	 inum[32];

			snprintf(inum, sizeof(inum), "%zu", k + 1);
			line(&b, "%zu tunnel%s", gr->nmembers,
			    plural(gr->nmembers));
			gr->edges[k] = dg_edge(dg, DG_E_TUNNEL,
			    dg_id(dg, "tunnel_branches", num, inum),
			    gr->node, dg->inet, 0, buf_detach(&b, NULL));
		}
	}
	buf_release(&b);
}

/*
 * The legend: one node per row, rows first to last in one column below
 * the Internet (or beside the last circuit), where the picture has room
 * and the topology is not pushed down.  Invisible edges of the same
 * rank keep them there and in order.  A view hides the rows it does not
 * use (dg_view.keys); DOT draws a row as a small table, Mermaid all the
 * shown rows as one node.
 */
static void
build_legend(struct diagram *dg, unsigned keys)
{
	char	 num[16];
	size_t	 row;
	long	 minlen;
	int	 k;

	for (k = 0; k < DG_NKEYS; k++) {
		if (!(keys & (1u << k)))
			continue;
		snprintf(num, sizeof(num), "%d", k);
		row = dg_new_obj(dg, DG_LEGEND, DG_NONE,
		    dg_id(dg, "legend", num, NULL),
		    xasprintf("%s %s", dg_legend[k].sample, dg_legend[k].text));
		dg->m.objs[row].key = k;
		/*
		 * Beside the Internet, in its rank; else a rank after the
		 * last site, because a same-rank edge out of a cluster
		 * pulls the cluster apart.
		 */
		minlen = dg->lastkey == dg->inet ||
		    dg->m.objs[dg->lastkey].role == DG_LEGEND ? -1 : 0;
		if (dg->lastkey != DG_NONE)
			dg_edge(dg, DG_E_KEY, dg_id(dg, "key", num, NULL),
			    dg->lastkey, row, minlen, NULL);
		dg->lastkey = row;
	}
}

/* Where the legend hangs: the Internet, else the last site's first box. */
static void
legend_anchor(struct diagram *dg)
{
	size_t	 i;

	dg->lastkey = dg->inet;
	for (i = dg->m.nobjs; dg->lastkey == DG_NONE && i-- > 0; )
		if (dg->m.objs[i].kind == DG_NODE && dg->m.objs[i].parent !=
		    DG_NONE && dg->m.objs[dg->m.objs[i].parent].role ==
		    DG_SITE)
			dg->lastkey = i;
}

/* ---- Views ---- */

static size_t
site_index(const struct diagram *dg, const struct site *st)
{
	if (st == NULL || st < dg->dsn->sites ||
	    st >= dg->dsn->sites + dg->dsn->nsites)
		return DG_NONE;
	return (size_t)(st - dg->dsn->sites);
}

static size_t
circuit_index(const struct diagram *dg, const struct circuit *c)
{
	if (c == NULL || c < dg->dsn->circuits ||
	    c >= dg->dsn->circuits + dg->dsn->ncircuits)
		return DG_NONE;
	return (size_t)(c - dg->dsn->circuits);
}

/*
 * Non-zero when the two peering locations are the same one: the
 * simulation has one element per distinct slug of the name.
 */
static int
same_location(const char *a, const char *b)
{
	char	*sa = sim_slug(a), *sb = sim_slug(b);
	int	 same = strcmp(sa, sb) == 0;

	free(sa);
	free(sb);
	return same;
}

static void
fail_circuit(const struct diagram *dg, unsigned char *f, size_t ci)
{
	if (ci != DG_NONE)
		f[dg->ckt[ci]] |= DG_FAILED;
}

/* Marks what one failed element takes down. */
static void
fail_element(const struct diagram *dg, struct dg_view *v,
    const struct sim_element *el, size_t *devdown)
{
	const struct design *dsn = dg->dsn;
	unsigned char	*f = v->flags;
	size_t		 ci, si, di, i, k;

	switch (el->kind) {
	case SIM_EL_CIRCUIT:
		fail_circuit(dg, f, circuit_index(dg, el->circuit));
		break;
	case SIM_EL_LINK:
		for (si = 0; si < dsn->nsites; si++) {
			const struct dg_site *ds = &dg->sites[si];

			if (ds->cluster == DG_NONE)
				continue;
			for (i = 0; i < dsn->sites[si].ner; i++)
				if (dsn->sites[si].er[i].circuit ==
				    el->circuit &&
				    ds->link[2 * i + (el->link ? 1 : 0)] !=
				    DG_NONE)
					f[ds->link[2 * i + (el->link ? 1 :
					    0)]] |= DG_FAILED;
		}
		break;
	case SIM_EL_ER_GATEWAY:
		if (dg->ergw != DG_NONE)
			f[dg->ergw] |= DG_FAILED;
		break;
	case SIM_EL_VPN_INSTANCE:
		if (el->instance < dg->ninst)
			f[dg->inst[el->instance]] |= DG_FAILED;
		break;
	case SIM_EL_TUNNEL:
		si = site_index(dg, el->site);
		if (si == DG_NONE || el->device == NULL ||
		    el->instance >= dg->ninst ||
		    dg->sites[si].cluster == DG_NONE)
			break;
		di = (size_t)(el->device - dsn->sites[si].devices);
		f[dg->sites[si].tun[di * dg->ninst + el->instance]] |=
		    DG_FAILED;
		break;
	case SIM_EL_DEVICE:
		si = site_index(dg, el->site);
		if (si == DG_NONE || el->device == NULL)
			break;
		if (dg->sites[si].cluster == DG_NONE) {
			if (++devdown[si] >= dsn->sites[si].ndevices)
				v->siteflags[si] |= DG_FAILED;
			break;
		}
		di = (size_t)(el->device - dsn->sites[si].devices);
		f[dg->sites[si].dev[di]] |= DG_FAILED;
		break;
	case SIM_EL_SITE:
		si = site_index(dg, el->site);
		if (si == DG_NONE)
			break;
		v->siteflags[si] |= DG_FAILED;
		if (dg->sites[si].cluster == DG_NONE)
			break;
		f[dg->sites[si].cluster] |= DG_FAILED;
		for (k = 0; k < dg->m.nobjs; k++)
			if (dg->m.objs[k].parent == dg->sites[si].cluster)
				f[k] |= DG_FAILED;
		break;
	case SIM_EL_LOCATION:
		for (ci = 0; ci < dsn->ncircuits; ci++)
			if (el->location != NULL &&
			    dsn->circuits[ci].peering_location != NULL &&
			    same_location(el->location,
			    dsn->circuits[ci].peering_location))
				fail_circuit(dg, f, ci);
		break;
	}
}

/* Marks the objects route r goes through, or its unreachable prefix. */
static void
mark_route(const struct diagram *dg, unsigned char *f,
    unsigned char *siteflags, const struct sim_route *r)
{
	const struct design *dsn = dg->dsn;
	size_t		 si, ci, i, k, ti, di, inst;

	si = site_index(dg, r->site);
	if (si == DG_NONE)
		return;
	switch (r->path) {
	case SIM_EXPRESSROUTE:
		for (i = 0; i < r->ncircuits; i++) {
			ci = circuit_index(dg, r->circuits[i]);
			if (ci == DG_NONE)
				continue;
			if (dg->ergw != DG_NONE)
				f[dg->ergw] |= DG_INUSE;
			f[dg->ckt[ci]] |= DG_INUSE;
			if (dg->conn[ci] != DG_NONE)
				f[dg->conn[ci]] |= DG_INUSE;
			if (dg->sites[si].cluster == DG_NONE)
				continue;
			for (k = 0; k < dsn->sites[si].ner; k++) {
				if (dsn->sites[si].er[k].circuit !=
				    r->circuits[i])
					continue;
				f[dg->sites[si].er[k]] |= DG_INUSE;
				if (dg->sites[si].ce[k] != DG_NONE) {
					f[dg->sites[si].ce[k]] |= DG_INUSE;
					f[dg->cenode[ci]] |= DG_INUSE;
				}
				if ((r->links & 1) &&
				    dg->sites[si].link[2 * k] != DG_NONE)
					f[dg->sites[si].link[2 * k]] |=
					    DG_INUSE;
				if ((r->links & 2) &&
				    dg->sites[si].link[2 * k + 1] != DG_NONE)
					f[dg->sites[si].link[2 * k + 1]] |=
					    DG_INUSE;
			}
		}
		break;
	case SIM_VPN:
		for (ti = 0; ti < r->ntunnels; ti++) {
			const struct sim_tunnel *t = &r->tunnels[ti];
			size_t	 tsi = site_index(dg, t->site);

			inst = t->instance;
			if (tsi == DG_NONE || inst >= dg->ninst ||
			    t->device == NULL)
				continue;
			f[dg->inst[inst]] |= DG_INUSE;
			if (dg->inet != DG_NONE) {
				f[dg->inet] |= DG_INUSE;
				f[dg->uplink[inst]] |= DG_INUSE;
			}
			if (dg->sites[tsi].cluster == DG_NONE) {
				const struct dg_group *gr =
				    &dg->groups[dg->sites[tsi].group];

				f[gr->node] |= DG_INUSE;
				f[gr->edges[inst]] |= DG_INUSE;
				continue;
			}
			di = (size_t)(t->device - dsn->sites[tsi].devices);
			f[dg->sites[tsi].dev[di]] |= DG_INUSE;
			f[dg->sites[tsi].tun[di * dg->ninst + inst]] |=
			    DG_INUSE;
		}
		break;
	case SIM_NONE:
		siteflags[si] |= DG_UNREACH;
		if (dg->sites[si].cluster == DG_NONE) {
			f[dg->groups[dg->sites[si].group].node] |= DG_UNREACH;
			break;
		}
		for (k = 0; k < dg->sites[si].npfx; k++)
			if (prefix_cmp(&dg->sites[si].pfx[k].p, &r->atom) == 0)
				f[dg->sites[si].pfx[k].obj] |= DG_UNREACH;
		break;
	}
}

/* Marks every route of scenario sc. */
static void
mark_routes(const struct diagram *dg, const struct sim_scenario *sc,
    unsigned char *f, unsigned char *siteflags)
{
	size_t	 i;

	for (i = 0; i < dg->sim->natoms; i++)
		mark_route(dg, f, siteflags, sim_route_at(dg->sim, sc, i));
}

static char *
view_idstem(const struct diagram *dg, const char *scenario)
{
	struct buf	 b = BUF_INIT;

	buf_puts(&b, "hd_");
	put_sanitised(&b, dg->m.name);
	if (scenario != NULL) {
		buf_puts(&b, "__");
		put_sanitised(&b, scenario);
	}
	return buf_detach(&b, NULL);
}

/* The legend row of what style st draws, or -1. */
static int
style_key(const struct dg_style *st)
{
	switch (st - dg_styles) {
	case ST_N_ER:
		return DG_K_ER;
	case ST_N_VPN: case ST_N_INTERNET:
		return DG_K_VPN;
	case ST_N_FAILED: case ST_N_FAILED_BOX: case ST_C_FAILED:
		return DG_K_FAILED;
	case ST_N_INUSE: case ST_E_ER_INUSE: case ST_E_VPN_INUSE:
		return DG_K_INUSE;
	case ST_N_UNREACH: case ST_N_UNREACH_ROWS:
		return DG_K_UNREACH;
	case ST_E_FAILED:
		return DG_K_FAILED_LINE;
	case ST_N_ADDED: case ST_E_ADDED: case ST_C_ADDED:
		return DG_K_ADDED;
	case ST_N_REMOVED: case ST_E_REMOVED: case ST_C_REMOVED:
		return DG_K_REMOVED;
	case ST_N_GHOST: case ST_E_GHOST: case ST_C_GHOST:
		return DG_K_GHOST;
	case ST_N_CHANGED: case ST_E_CHANGED: case ST_C_CHANGED:
		return DG_K_CHANGED;
	}
	return -1;
}

/* The legend rows view v uses: each mark some object is drawn with. */
static unsigned
view_keys(const struct diagram *dg, const struct dg_view *v)
{
	const struct dg_model *m = &dg->m;
	const struct dg_style *st;
	const struct dg_obj *o;
	unsigned	 keys = 0;
	size_t		 i;
	int		 k;

	for (i = 0; i < m->nobjs; i++) {
		o = &m->objs[i];
		if (o->role == DG_LEGEND)
			continue;
		st = dg_style_of(m, v, i);
		if (st->invisible)
			continue;
		if ((k = style_key(st)) >= 0)
			keys |= 1u << k;
		switch (st - dg_styles) {
		case ST_E_ER_PRIMARY:
		case ST_E_ER_BACKUP:
			keys |= 1u << DG_K_ER;
			break;
		case ST_E_VPN_PRIMARY:
		case ST_E_VPN_BACKUP:
			keys |= 1u << DG_K_VPN;
			break;
		}
		switch (st - dg_styles) {
		case ST_E_ER_PRIMARY:
		case ST_E_VPN_PRIMARY:
			keys |= 1u << DG_K_PRIMARY;
			break;
		case ST_E_ER_BACKUP:
		case ST_E_VPN_BACKUP:
			keys |= 1u << DG_K_BACKUP;
			break;
		}
		/* a summary's struck rows */
		if (o->role == DG_GROUP && v->scenario != NULL)
			for (k = 0; (size_t)k < o->nrows; k++) {
				if (v->siteflags[o->rows[k]] & DG_FAILED)
					keys |= 1u << DG_K_FAILED;
				if (v->siteflags[o->rows[k]] & DG_UNREACH)
					keys |= 1u << DG_K_UNREACH;
			}
	}
	return keys;
}

/* A change diagram's views: "before", or "after" (also NULL, "baseline"). */
static int
change_view(const struct diagram *dg, const char *which, struct dg_view *v)
{
	int	 before = which != NULL && strcmp(which, DIAGRAM_BEFORE) == 0;

	if (which != NULL && !before && strcmp(which, DIAGRAM_AFTER) != 0 &&
	    strcmp(which, "baseline") != 0)
		return 0;
	v->phase = before ? DG_PHASE_BEFORE : DG_PHASE_AFTER;
	v->flags = xcalloc(dg->m.nobjs + 1, 1);
	v->siteflags = xcalloc(dg->dsn->nsites + 1, 1);
	v->idstem = view_idstem(dg, before ? DIAGRAM_BEFORE : DIAGRAM_AFTER);
	v->subtitle = xasprintf("%s" DOT_SEP "%s the change", dg->m.name,
	    before ? "before" : "after");
	v->keys = view_keys(dg, v);
	return 1;
}

int
diagram_view(const struct diagram *dg, const char *scenario,
    struct dg_view *v)
{
	const struct sim_scenario *sc = NULL;
	const struct dg_obj *o;
	size_t		*devdown, i, n;
	unsigned char	*f;

	memset(v, 0, sizeof(*v));
	if (dg->change)
		return change_view(dg, scenario, v);
	if (scenario != NULL && strcmp(scenario, "baseline") == 0)
		scenario = NULL;
	if (scenario != NULL) {
		if (dg->sim == NULL ||
		    (sc = sim_scenario(dg->sim, scenario)) == NULL)
			return 0;
	}
	v->flags = f = xcalloc(dg->m.nobjs + 1, 1);
	v->siteflags = xcalloc(dg->dsn->nsites + 1, 1);
	v->idstem = view_idstem(dg, sc ? sc->id : NULL);
	if (sc == NULL) {
		v->subtitle = xasprintf("%s" DOT_SEP "baseline", dg->m.name);
		v->keys = view_keys(dg, v);
		return 1;
	}
	v->scenario = sc->id;
	v->subtitle = xasprintf("%s" DOT_SEP "scenario %s", dg->m.name,
	    sc->id);

	devdown = xcalloc(dg->dsn->nsites + 1, sizeof(*devdown));
	for (i = 0; i < sc->nfailed; i++)
		if (sc->failed[i] < dg->sim->nelems)
			fail_element(dg, v, &dg->sim->elems[sc->failed[i]],
			    devdown);
	free(devdown);
	/* A summary node fails with all its rows, edges with either end. */
	for (i = 0; i < dg->m.nobjs; i++) {
		o = &dg->m.objs[i];
		if (o->role != DG_GROUP)
			continue;
		for (n = 0; n < o->nrows; n++)
			if (!(v->siteflags[o->rows[n]] & DG_FAILED))
				break;
		if (n == o->nrows)
			f[i] |= DG_FAILED;
	}
	for (i = 0; i < dg->m.nobjs; i++) {
		o = &dg->m.objs[i];
		if (o->kind == DG_EDGE &&
		    ((f[o->tail] | f[o->head]) & DG_FAILED))
			f[i] |= DG_FAILED;
	}
	mark_routes(dg, sc, f, v->siteflags);
	for (i = 0; i < dg->m.nobjs; i++)
		if (f[i] & DG_FAILED)
			f[i] &= (unsigned char)~DG_INUSE;
	v->keys = view_keys(dg, v);
	return 1;
}

void
dg_view_release(struct dg_view *v)
{
	if (v == NULL)
		return;
	free(v->subtitle);
	free(v->idstem);
	free(v->flags);
	free(v->siteflags);
	memset(v, 0, sizeof(*v));
}

const char *
dg_label_of(const struct dg_obj *o, const struct dg_view *v)
{
	return v != NULL && v->phase == DG_PHASE_BEFORE && o->before != NULL ?
	    o->before : o->label;
}

/* How a change diagram draws an object the change touches. */
static const struct dg_style *
change_style(const struct dg_obj *o, int phase)
{
	static const int st[3][4] = {
		{ ST_N_ADDED, ST_N_REMOVED, ST_N_CHANGED, ST_N_GHOST },
		{ ST_E_ADDED, ST_E_REMOVED, ST_E_CHANGED, ST_E_GHOST },
		{ ST_C_ADDED, ST_C_REMOVED, ST_C_CHANGED, ST_C_GHOST }
	};
	int	 kind = o->kind == DG_NODE ? 0 : o->kind == DG_EDGE ? 1 : 2;

	/* what the change adds is not there before, in the same place */
	if (phase == DG_PHASE_BEFORE && o->change == DG_ADDED)
		return &dg_styles[o->kind == DG_EDGE ? ST_E_INVIS :
		    o->kind == DG_NODE ? ST_N_INVIS : ST_C_INVIS];
	/* the layout helpers stay as they are */
	if (dg_styles[dg_roles[o->role].style].invisible)
		return &dg_styles[dg_roles[o->role].style];
	/* what goes away: marked today, a ghost of itself after */
	return &dg_styles[st[kind][o->change == DG_ADDED ? 0 :
	    o->change == DG_CHANGED ? 2 : phase == DG_PHASE_BEFORE ? 1 : 3]];
}

const struct dg_style *
dg_style_of(const struct dg_model *m, const struct dg_view *v, size_t i)
{
	const struct dg_obj *o = &m->objs[i];
	const struct dg_role_info *r = &dg_roles[o->role];
	unsigned	 f = v != NULL && v->scenario != NULL ? v->flags[i] : 0;
	int		 er;

	if (r->legend)
		return &dg_styles[v != NULL && !(v->keys & (1u << o->key)) ?
		    ST_N_INVIS : r->style];
	if (v != NULL && v->phase != DG_PHASE_NONE && o->change != DG_SAME)
		return change_style(o, v->phase);
	switch (o->kind) {
	case DG_CLUSTER:
		return &dg_styles[f & DG_FAILED ? ST_C_FAILED : r->style];
	case DG_NODE:
		/* keep the outline's shape: only colours and dashes change */
		if (f & DG_FAILED)
			return &dg_styles[r->style == ST_N_PREFIX ?
			    ST_N_FAILED_BOX : ST_N_FAILED];
		if (f & DG_UNREACH)	/* a summary marks its rows */
			return &dg_styles[o->role == DG_GROUP ? ST_N_UNREACH_ROWS :
			    ST_N_UNREACH];
		if (f & DG_INUSE)
			return &dg_styles[ST_N_INUSE];
		return &dg_styles[r->style];
	case DG_EDGE:
		er = o->role == DG_E_CONNECTION || o->role == DG_E_LINK ||
		    o->role == DG_E_CE;
		if (o->role != DG_E_TUNNEL && o->role != DG_E_UPLINK && !er)
			return &dg_styles[r->style];
		if (f & DG_FAILED)
			return &dg_styles[ST_E_FAILED];
		if (f & DG_INUSE)
			return &dg_styles[er ? ST_E_ER_INUSE : ST_E_VPN_INUSE];
		if (er)
			return &dg_styles[o->primary ? ST_E_ER_PRIMARY :
			    ST_E_ER_BACKUP];
		return &dg_styles[o->primary ? ST_E_VPN_PRIMARY :
		    ST_E_VPN_BACKUP];
	}
	return &dg_styles[r->style];
}

const char *
dg_line_mark(const struct dg_model *m, const struct dg_view *v, size_t i,
    size_t k)
{
	const struct dg_obj *o = &m->objs[i];
	unsigned	 f;

	if (v == NULL || v->scenario == NULL || dg_roles[o->role].legend)
		return "";
	f = v->flags[i];
	if (o->role == DG_GROUP && k > 0) {
		if (k - 1 >= o->nrows)
			return "";
		f = v->siteflags[o->rows[k - 1]];
		return f & DG_FAILED ? MARK_FAILED : f & DG_UNREACH ?
		    MARK_UNREACH : "";
	}
	if (k > 0)
		return "";
	if (f & DG_FAILED)
		return MARK_FAILED;
	if ((f & DG_UNREACH) && o->kind == DG_NODE)
		return MARK_UNREACH;
	return "";
}

/* Primary paths: the simulation's baseline, else ExpressRoute first. */
static void
mark_primary(struct diagram *dg)
{
	struct dg_obj	*o;
	unsigned char	*f, *sf;
	size_t		 i;

	if (dg->sim != NULL && dg->sim->nscenarios > 0) {
		f = xcalloc(dg->m.nobjs + 1, 1);
		sf = xcalloc(dg->dsn->nsites + 1, 1);
		mark_routes(dg, &dg->sim->scenarios[0], f, sf);
		for (i = 0; i < dg->m.nobjs; i++)
			dg->m.objs[i].primary = (f[i] & DG_INUSE) != 0;
		free(f);
		free(sf);
		return;
	}
	/* ExpressRoute first; a tunnel when its site has none. */
	for (i = 0; i < dg->m.nobjs; i++) {
		o = &dg->m.objs[i];
		if (o->role == DG_E_CONNECTION || o->role == DG_E_LINK ||
		    o->role == DG_E_CE)
			o->primary = 1;
		else if (o->role == DG_E_TUNNEL)
			o->primary = dg->m.objs[o->tail].role == DG_GROUP;
	}
	for (i = 0; i < dg->dsn->nsites; i++) {
		const struct dg_site *ds = &dg->sites[i];
		size_t	 k;

		if (ds->cluster == DG_NONE || dg->dsn->sites[i].ner > 0)
			continue;
		for (k = 0; k < dg->dsn->sites[i].ndevices * dg->ninst; k++)
			dg->m.objs[ds->tun[k]].primary = 1;
	}
	/* an instance's line to the Internet as its tunnels */
	for (i = 0; i < dg->m.nobjs; i++) {
		size_t	 k;

		o = &dg->m.objs[i];
		if (o->role != DG_E_TUNNEL || !o->primary)
			continue;
		for (k = 0; k < dg->ninst && dg->inet != DG_NONE; k++)
			dg->m.objs[dg->uplink[k]].primary = 1;
		break;
	}
}

/* The model of dsn, without its legend. */
static struct diagram *
build(const struct design *dsn, const struct sim *sim,
    enum diagram_detail detail)
{
	struct diagram	*dg;
	size_t		*branches, nbranches, i;

	dg = xcalloc(1, sizeof(*dg));
	dg->dsn = dsn;
	dg->sim = sim != NULL && sim->dsn == dsn ? sim : NULL;
	dg->m.dsn = dsn;
	dg->m.name = xstrdup(dsn->name ? dsn->name : "design");
	dg->m.title = xstrdup(dsn->title ? dsn->title : dg->m.name);
	dg->ergw = DG_NONE;
	dg->fence = DIAGRAM_FENCE_MARKDOWN;

	build_azure(dg);
	build_circuits(dg);
	build_internet(dg);
	dg->sites = xcalloc(dsn->nsites + 1, sizeof(*dg->sites));
	branches = xcalloc(dsn->nsites + 1, sizeof(*branches));
	nbranches = 0;
	for (i = 0; i < dsn->nsites; i++) {
		dg->sites[i].cluster = dg->sites[i].group = DG_NONE;
		site_atoms(&dsn->sites[i], &dg->sites[i]);
		if (vpn_only(&dsn->sites[i]))
			branches[nbranches++] = i;
	}
	if (detail == DIAGRAM_SUMMARY && nbranches > DIAGRAM_GROUP_MIN &&
	    dg->ninst > 0)
		plan_groups(dg, branches, nbranches);
	free(branches);
	for (i = 0; i < dsn->nsites; i++)
		if (dg->sites[i].group == DG_NONE)
			build_site(dg, i);
	if (dg->ngroups > 0)
		build_groups(dg);
	mark_primary(dg);
	return dg;
}

struct diagram *
diagram_new(const struct design *dsn, const struct sim *sim,
    enum diagram_detail detail)
{
	struct diagram	*dg = build(dsn, sim, detail);
	struct dg_view	 v;
	unsigned	 keys;

	/* the rows some view can use: the baseline's, the scenarios' */
	diagram_view(dg, NULL, &v);
	keys = v.keys;
	dg_view_release(&v);
	if (dg->sim != NULL && dg->sim->nscenarios > 1)
		keys |= 1u << DG_K_INUSE | 1u << DG_K_FAILED_LINE |
		    1u << DG_K_FAILED | 1u << DG_K_UNREACH;
	legend_anchor(dg);
	build_legend(dg, keys);
	return dg;
}

/* ---- Change diagrams ---- */

/* Whether a and b (of models am and bm) draw the same. */
static int
same_obj(const struct dg_model *am, const struct dg_obj *a,
    const struct dg_model *bm, const struct dg_obj *b)
{
	/* a box looks the same whether or not it carries traffic */
	if (a->kind != b->kind || a->role != b->role ||
	    (a->kind == DG_EDGE && a->primary != b->primary) ||
	    strcmp(a->label, b->label) != 0)
		return 0;
	if (a->kind == DG_EDGE &&
	    (strcmp(am->objs[a->tail].id, bm->objs[b->tail].id) != 0 ||
	    strcmp(am->objs[a->head].id, bm->objs[b->head].id) != 0))
		return 0;
	return 1;
}

/* Object indices of m by id: a sorted index for bsearch. */
static const struct dg_model *sort_model;

static int
by_id(const void *a, const void *b)
{
	return strcmp(sort_model->objs[*(const size_t *)a].id,
	    sort_model->objs[*(const size_t *)b].id);
}

static size_t
find_id(const struct dg_model *m, const size_t *sorted, const char *id)
{
	size_t	 lo = 0, hi = m->nobjs, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(m->objs[sorted[mid]].id, id);
		if (c == 0)
			return sorted[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return DG_NONE;
}

struct diagram *
diagram_new_change(const struct design *base, const struct sim *bsim,
    const struct design *head, const struct sim *hsim,
    enum diagram_detail detail)
{
	struct diagram	*dg = build(head, hsim, detail);
	struct diagram	*bd = build(base, bsim, detail);
	const struct dg_obj *o;
	struct dg_obj	*n;
	struct dg_view	 v;
	size_t		*sorted, *map, nhead = dg->m.nobjs, i, k;
	unsigned char	*seen;
	unsigned	 keys;

	dg->change = 1;
	sorted = xcalloc(nhead + 1, sizeof(*sorted));
	for (i = 0; i < nhead; i++)
		sorted[i] = i;
	sort_model = &dg->m;
	qsort(sorted, nhead, sizeof(*sorted), by_id);
	sort_model = NULL;
	map = xcalloc(bd->m.nobjs + 1, sizeof(*map));
	seen = xcalloc(nhead + 1, 1);
	/*
	 * Base objects by id (ids derive from names, so the same object has
	 * the same id in both): in both, changed or not; else a ghost in
	 * the head's model, in its old cluster and between its old ends
	 * (which come before it, so are mapped already).
	 */
	for (i = 0; i < bd->m.nobjs; i++) {
		o = &bd->m.objs[i];
		k = find_id(&dg->m, sorted, o->id);
		if (k != DG_NONE) {
			map[i] = k;
			seen[k] = 1;
			if (!same_obj(&dg->m, &dg->m.objs[k], &bd->m, o)) {
				dg->m.objs[k].change = DG_CHANGED;
				if (strcmp(dg->m.objs[k].label, o->label) != 0)
					dg->m.objs[k].before = xstrdup(o->label);
			}
			continue;
		}
		k = dg_new_obj(dg, o->role, o->parent == DG_NONE ? DG_NONE :
		    map[o->parent], xstrdup(o->id), xstrdup(o->label));
		id_insert(dg, dg->m.objs[k].id);
		n = &dg->m.objs[k];
		n->ljust = o->ljust;
		n->primary = o->primary;
		n->minlen = o->minlen;
		if (o->kind == DG_EDGE) {
			n->tail = map[o->tail];
			n->head = map[o->head];
		}
		n->change = DG_REMOVED;
		map[i] = k;
	}
	for (i = 0; i < nhead; i++)
		if (!seen[i])
			dg->m.objs[i].change = DG_ADDED;
	free(seen);
	free(map);
	free(sorted);
	dg_free(bd);		/* never laid out */
	/* the rows the two views use */
	diagram_view(dg, DIAGRAM_BEFORE, &v);
	keys = v.keys;
	dg_view_release(&v);
	diagram_view(dg, DIAGRAM_AFTER, &v);
	keys |= v.keys;
	dg_view_release(&v);
	legend_anchor(dg);
	build_legend(dg, keys);
	return dg;
}

/* The model and its tables (diagram_free frees the layout first). */
void
dg_free(struct diagram *dg)
{
	size_t	 i;

	if (dg == NULL)
		return;
	for (i = 0; i < dg->m.nobjs; i++) {
		free(dg->m.objs[i].id);
		free(dg->m.objs[i].label);
		free(dg->m.objs[i].rows);
		free(dg->m.objs[i].before);
	}
	free(dg->m.objs);
	free(dg->m.title);
	free(dg->m.name);
	for (i = 0; i < dg->dsn->nsites; i++) {
		free(dg->sites[i].er);
		free(dg->sites[i].link);
		free(dg->sites[i].ce);
		free(dg->sites[i].dev);
		free(dg->sites[i].tun);
		free(dg->sites[i].pfx);
	}
	free(dg->sites);
	for (i = 0; i < dg->ngroups; i++) {
		free(dg->groups[i].key);
		free(dg->groups[i].edges);
		free(dg->groups[i].members);
	}
	free(dg->groups);
	free(dg->inst);
	free(dg->ckt);
	free(dg->cenode);
	free(dg->celink);
	free(dg->uplink);
	free(dg->conn);
	free(dg->ids);
	free(dg);
}

const struct dg_model *
diagram_model(const struct diagram *dg)
{
	return &dg->m;
}


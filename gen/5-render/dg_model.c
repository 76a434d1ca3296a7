/*
 * The diagram model (dg_int.h, diagram.h): the model diagram_new()
 * builds from a bound design (clusters, nodes and edges with stable
 * ids) and the change diagram diagram_new_change() merges from two of
 * them, each with the legend rows its views use (dg_view.c works out
 * a view).  The writers -- DOT, the Graphviz adapter, the SVG
 * restyler, Mermaid -- only read it.
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
		dg_put_sanitised(&id, a);
	}
	if (b != NULL) {
		buf_putc(&id, '_');
		dg_put_sanitised(&id, b);
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

	dg->m.legend = keys;
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
		dg_mark_routes(dg, &dg->sim->scenarios[0], f, sf);
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


/*
 * The diagram stage, after the simulation: builds the diagram model
 * (diagram.h) from a bound design, works out each view's state from
 * the simulation (failed, in use, unreachable), writes DOT, and is the
 * adapter to Graphviz.  The DOT text this file writes is the single
 * description of the picture: `-o x.dot` prints it, and SVG and PNG
 * parse it with agread(), lay it out once with gvLayout() and render it
 * with gvRenderData(), so `dot -Tsvg x.dot` draws the same picture.
 * A scenario view reuses the layout: Graphviz reads colours, line
 * styles and pen widths at render time, so the view sets them with
 * agxset() and renders again (Graphviz looks up which node and edge
 * attributes exist when it lays out, so the DOT declares every one a
 * view changes in its node and edge defaults).  Label text and its colour are fixed at
 * layout time, so for SVG the view swaps pointers in the laid-out
 * labels (colour, a struck copy of the font, the title line) around
 * the render and restores them right after; Cairo (PNG) keeps the text
 * it measured, so a scenario PNG is laid out afresh from its own DOT.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/mermaid.h"
#include "hybridoc/prefix.h"
#include "hybridoc/sim.h"
#include "hybridoc/xalloc.h"

#define FONT		"Helvetica"
#define WHITE		"#ffffff"
#define MARK_FAILED	"\xe2\x9c\x97 "		/* U+2717 ballot x */
#define MARK_UNREACH	"\xe2\x9a\xa0 "		/* U+26A0 warning sign */
#define ELLIPSIS	"\xe2\x80\xa6"
#define DOT_SEP		" \xc2\xb7 "		/* middle dot */
/* Advertised prefixes an ExpressRoute edge node lists before a count. */
#define LIST_MAX	3

/* ---- Styles: one table, read by every writer ---- */

enum {
	ST_N_PLAIN, ST_N_ER, ST_N_VPN, ST_N_PREFIX, ST_N_FAILED,
	ST_N_FAILED_BOX, ST_N_INUSE, ST_N_UNREACH, ST_N_UNREACH_ROWS,
	ST_E_PLAIN, ST_E_ER_PRIMARY, ST_E_ER_BACKUP,
	ST_E_VPN_PRIMARY, ST_E_VPN_BACKUP, ST_E_ER_INUSE, ST_E_VPN_INUSE,
	ST_E_FAILED, ST_E_INVIS,
	ST_C_REGION, ST_C_VNET, ST_C_GWSUBNET, ST_C_PROVIDER, ST_C_SITE,
	ST_C_FAILED
};

static const struct dg_style styles[] = {
	/* nodes */
	{ "plain", DIAGRAM_COLOUR_LINE, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1", 0, 0 },
	{ "er", DIAGRAM_COLOUR_ER, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1.5", 0, 0 },
	{ "vpn", DIAGRAM_COLOUR_VPN, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1.5", 0, 0 },
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
	    DIAGRAM_COLOUR_FAILED, "rounded,filled,dashed", "1", 1, 0 }
};

/* The defaults the DOT text declares; objects write what differs. */
#define NODE_DEFAULT	ST_N_PLAIN
#define EDGE_DEFAULT	ST_E_PLAIN
#define NODE_FONTSIZE	10
#define EDGE_FONTSIZE	9

struct role {
	enum dg_kind	 kind;
	int		 style;		/* base style */
	int		 fontsize;
	int		 legend;	/* never restyled */
};

static const struct role roles[DG_NROLES] = {
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
	[DG_DEVICE] = { DG_NODE, ST_N_VPN, 10, 0 },
	[DG_PREFIX] = { DG_NODE, ST_N_PREFIX, 9, 0 },
	[DG_GROUP] = { DG_NODE, ST_N_VPN, 9, 0 },
	[DG_LEGEND] = { DG_NODE, ST_N_PLAIN, 9, 1 },
	[DG_E_CONNECTION] = { DG_EDGE, ST_E_ER_PRIMARY, 9, 0 },
	[DG_E_LINK] = { DG_EDGE, ST_E_ER_PRIMARY, 9, 0 },
	[DG_E_TUNNEL] = { DG_EDGE, ST_E_VPN_PRIMARY, 9, 0 },
	[DG_E_LAN] = { DG_EDGE, ST_E_INVIS, 9, 0 }
};

#define HEAVY	"\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81"	/* ━━━━ */
#define LIGHT	"\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"	/* ──── */
#define DASHED	"\xe2\x95\x8d\xe2\x95\x8d\xe2\x95\x8d\xe2\x95\x8d"	/* ╍╍╍╍ */
#define DOTTED	"\xe2\x94\x88\xe2\x94\x88\xe2\x94\x88\xe2\x94\x88"	/* ┈┈┈┈ */

const struct dg_key dg_legend[] = {
	{ HEAVY, DIAGRAM_COLOUR_ER, NULL, 3, "ExpressRoute private peering" },
	{ DASHED, DIAGRAM_COLOUR_VPN, NULL, 0,
	    "IPsec tunnel (site-to-site VPN)" },
	{ HEAVY, DIAGRAM_COLOUR_TEXT, NULL, 3,
	    "thick: primary path, carries traffic" },
	{ LIGHT, DIAGRAM_COLOUR_TEXT, NULL, 1, "thin: backup path" },
	{ HEAVY, DIAGRAM_COLOUR_INUSE, NULL, 4, "scenario: path in use" },
	{ DOTTED, DIAGRAM_COLOUR_FAILED, NULL, 0,
	    "scenario: failed link or tunnel" },
	{ MARK_FAILED "name", DIAGRAM_COLOUR_FAILED, DIAGRAM_COLOUR_FAILED_FILL,
	    0, "scenario: failed element" },
	{ MARK_UNREACH "prefix", DIAGRAM_COLOUR_UNREACHABLE,
	    DIAGRAM_COLOUR_UNREACHABLE_FILL, 0,
	    "scenario: prefix without a route" }
};
const size_t dg_nlegend = sizeof(dg_legend) / sizeof(dg_legend[0]);

/* ---- The diagram ---- */

struct dg_pfx {
	struct prefix	 p;
	size_t		 obj;
};

/* Where a site's parts are in the model. */
struct dg_site {
	size_t		 cluster;	/* DG_NONE when summarised */
	size_t		 group;		/* index in diagram.groups, or DG_NONE */
	size_t		*er;		/* ER edge node per attachment */
	size_t		*link;		/* 2 per attachment */
	size_t		*dev;		/* per device */
	size_t		*tun;		/* per device x instance */
	struct dg_pfx	*pfx;
	size_t		 npfx;
};

struct dg_group {
	char		*key;		/* connectivity, e.g. "IKEv2 · BGP" */
	size_t		 node;
	size_t		*edges;		/* per instance */
	size_t		*members;	/* site indices */
	size_t		 nmembers;
};

/* A pointer in a laid-out label, changed for one render. */
struct gv_undo {
	char		**str;		/* a string slot, or NULL */
	char		*orig_str;
	textfont_t	**font;		/* a font slot, or NULL */
	textfont_t	*orig_font;
};

struct diagram {
	struct dg_model	 m;
	const struct design *dsn;
	const struct sim *sim;

	size_t		 ergw;
	size_t		*inst;		/* VPN gateway instance nodes */
	size_t		 ninst;
	size_t		*ckt;		/* per circuit */
	size_t		*conn;		/* per circuit; DG_NONE without gateway */
	struct dg_site	*sites;
	struct dg_group	*groups;
	size_t		 ngroups;

	/* id registry: open addressing over m.objs ids */
	char		**ids;
	size_t		 idcap;
	size_t		 nids;

	/* Graphviz, after the layout */
	Agraph_t	*g;
	void		**gv;		/* per object: Agnode_t, Agedge_t, Agraph_t */
	Agsym_t		*nsym[4], *esym[3], *gsym[4], *idsym;
	struct gv_undo	*undo;
	size_t		 nundo, undocap;
	textfont_t	**struck;	/* pairs: original, struck copy */
	size_t		 nstruck, struckcap;
	struct buf	 title;		/* the view's title line */
	struct svg_tmpl	*svg;		/* the baseline SVG, for later views */
};

/* ---- Ids ---- */

static uint64_t
fnv(const char *s)
{
	uint64_t	 h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static int
id_taken(const struct diagram *dg, const char *id)
{
	size_t	 i;

	if (dg->idcap == 0)
		return 0;
	for (i = fnv(id) & (dg->idcap - 1); dg->ids[i] != NULL;
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
			for (i = fnv(old[k]) & (dg->idcap - 1);
			    dg->ids[i] != NULL; i = (i + 1) & (dg->idcap - 1))
				continue;
			dg->ids[i] = old[k];
		}
		free(old);
	}
	for (i = fnv(id) & (dg->idcap - 1); dg->ids[i] != NULL;
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
	o->kind = roles[role].kind;
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
			if (gi != NULL && gi->public_ip.family != 0)
				line(&b, "public %s", addr(&gi->public_ip, s));
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

static void
build_circuits(struct diagram *dg)
{
	const struct design *dsn = dg->dsn;
	struct buf	 b = BUF_INIT;
	size_t		*prov, i, k;

	dg->ckt = xcalloc(dsn->ncircuits + 1, sizeof(*dg->ckt));
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
			    dg->ckt[i], 0, NULL);
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
tunnel_label(const struct vpn_device *dv, size_t instance)
{
	struct buf	 b = BUF_INIT;

	if (instance > 0)
		return NULL;
	line(&b, "IPsec IKEv%ld", dv->ike.version);
	if (dv->has_bgp)
		buf_printf(&b, DOT_SEP "BGP AS %ld", dv->bgp_asn);
	else
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
	long		 vpn_minlen = dsn->ncircuits > 0 ? 2 : 1;

	line(&b, "%s", st->name);
	if (st->location != NULL)
		line(&b, "%s", st->location);
	ds->cluster = dg_new_obj(dg, DG_SITE, DG_NONE,
	    dg_id(dg, "cluster_site", st->name, NULL), buf_detach(&b, NULL));

	ds->er = xcalloc(st->ner + 1, sizeof(*ds->er));
	ds->link = xcalloc(2 * st->ner + 1, sizeof(*ds->link));
	for (i = 0; i < st->ner; i++) {
		const struct site_er *se = &st->er[i];
		const struct circuit *c = se->circuit;
		size_t	 ci, l;

		line(&b, "ExpressRoute edge");
		if (st->ner > 1)
			line(&b, "to %s", se->circuit_name);
		if (c != NULL)
			line(&b, "peer AS %ld", c->peering.peer_asn);
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
		ds->link[2 * i] = ds->link[2 * i + 1] = DG_NONE;
		if (c == NULL)
			continue;
		ci = (size_t)(c - dsn->circuits);
		for (l = 0; l < 2; l++) {
			/* the pair's shared facts once, on the primary */
			if (l == 0)
				line(&b, "VLAN %ld" DOT_SEP "%s",
				    c->peering.vlan_id, c->peering.bfd ?
				    "BFD" : "no BFD");
			line(&b, "%s %s", l == 0 ? "primary" : "secondary",
			    pfx(l == 0 ? &c->peering.primary_subnet :
			    &c->peering.secondary_subnet, s));
			part = xasprintf("%s_%s", c->name, l == 0 ? "primary" :
			    "secondary");
			ds->link[2 * i + l] = dg_edge(dg, DG_E_LINK,
			    dg_id(dg, "link", st->name, part), dg->ckt[ci],
			    ds->er[i], 0, buf_detach(&b, NULL));
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
		line(&b, "%s", addr(&dv->public_ip, s));
		if (dv->has_bgp)
			line(&b, "BGP AS %ld" DOT_SEP "peer %s", dv->bgp_asn,
			    addr(&dv->bgp_peer_ip, s));
		else
			line(&b, "static routes");
		if (dv->has_local_preference)
			line(&b, "local pref %ld", dv->local_preference);
		ds->dev[i] = dg_new_obj(dg, DG_DEVICE, ds->cluster,
		    dg_id(dg, "device", st->name, dv->name),
		    buf_detach(&b, NULL));
		if (router == DG_NONE)
			router = ds->dev[i];
		for (k = 0; k < dg->ninst; k++) {
			part = xasprintf("%s_%zu", dv->name, k + 1);
			ds->tun[i * dg->ninst + k] = dg_edge(dg, DG_E_TUNNEL,
			    dg_id(dg, "tunnel", st->name, part), dg->inst[k],
			    ds->dev[i], vpn_minlen, tunnel_label(dv, k));
			free(part);
		}
	}

	for (i = 0; i < ds->npfx; i++) {
		ds->pfx[i].obj = dg_new_obj(dg, DG_PREFIX, ds->cluster,
		    dg_id(dg, "prefix", st->name, pfx(&ds->pfx[i].p, s)),
		    xstrdup(pfx(&ds->pfx[i].p, s)));
		if (router != DG_NONE)
			dg_edge(dg, DG_E_LAN, dg_id(dg, "lan", st->name,
			    pfx(&ds->pfx[i].p, s)), router, ds->pfx[i].obj, 0,
			    NULL);
	}
	buf_release(&b);
}

/* A summary row: name · prefixes · public IPs · ASNs. */
static void
group_row(struct buf *b, const struct site *st)
{
	char	 s[PREFIX_STRLEN];
	size_t	 i;

	line(b, "%s" DOT_SEP, st->name);
	put_prefixes(b, st->address_prefixes, st->naddress_prefixes);
	for (i = 0; i < st->ndevices; i++) {
		buf_printf(b, DOT_SEP "%s", addr(&st->devices[i].public_ip, s));
		if (st->devices[i].has_bgp)
			buf_printf(b, " AS %ld", st->devices[i].bgp_asn);
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
	long		 vpn_minlen = dsn->ncircuits > 0 ? 2 : 1;

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
			group_row(&b, &dsn->sites[gr->members[i]]);
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
			    dg->inst[k], gr->node, vpn_minlen,
			    buf_detach(&b, NULL));
		}
	}
	buf_release(&b);
}

/* The legend: one node; DOT draws it as a table, Mermaid as lines. */
static void
build_legend(struct diagram *dg)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	line(&b, "legend");
	for (i = 0; i < dg_nlegend; i++)
		line(&b, "%s %s", dg_legend[i].sample, dg_legend[i].text);
	dg_new_obj(dg, DG_LEGEND, DG_NONE, dg_id(dg, "legend", NULL, NULL),
	    buf_detach(&b, NULL));
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

int
diagram_view(const struct diagram *dg, const char *scenario,
    struct dg_view *v)
{
	const struct sim_scenario *sc = NULL;
	const struct dg_obj *o;
	size_t		*devdown, i, n;
	unsigned char	*f;

	memset(v, 0, sizeof(*v));
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

const struct dg_style *
dg_style_of(const struct dg_model *m, const struct dg_view *v, size_t i)
{
	const struct dg_obj *o = &m->objs[i];
	const struct role *r = &roles[o->role];
	unsigned	 f = v != NULL && v->scenario != NULL ? v->flags[i] : 0;
	int		 er;

	if (r->legend)
		return &styles[r->style];
	switch (o->kind) {
	case DG_CLUSTER:
		return &styles[f & DG_FAILED ? ST_C_FAILED : r->style];
	case DG_NODE:
		/* keep the outline's shape: only colours and dashes change */
		if (f & DG_FAILED)
			return &styles[r->style == ST_N_PREFIX ?
			    ST_N_FAILED_BOX : ST_N_FAILED];
		if (f & DG_UNREACH)	/* a summary marks its rows */
			return &styles[o->role == DG_GROUP ? ST_N_UNREACH_ROWS :
			    ST_N_UNREACH];
		if (f & DG_INUSE)
			return &styles[ST_N_INUSE];
		return &styles[r->style];
	case DG_EDGE:
		er = o->role == DG_E_CONNECTION || o->role == DG_E_LINK;
		if (o->role != DG_E_TUNNEL && !er)
			return &styles[r->style];
		if (f & DG_FAILED)
			return &styles[ST_E_FAILED];
		if (f & DG_INUSE)
			return &styles[er ? ST_E_ER_INUSE : ST_E_VPN_INUSE];
		if (er)
			return &styles[o->primary ? ST_E_ER_PRIMARY :
			    ST_E_ER_BACKUP];
		return &styles[o->primary ? ST_E_VPN_PRIMARY :
		    ST_E_VPN_BACKUP];
	}
	return &styles[r->style];
}

const char *
dg_line_mark(const struct dg_model *m, const struct dg_view *v, size_t i,
    size_t k)
{
	const struct dg_obj *o = &m->objs[i];
	unsigned	 f;

	if (v == NULL || v->scenario == NULL || roles[o->role].legend)
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

/* ---- DOT ---- */

/*
 * Appends one label line for a double-quoted DOT string: '"' and '\'
 * escaped for the parser and for Graphviz's label escapes (\N, \G, \l
 * ... stay literal), '&' as an entity because Graphviz decodes entities
 * in plain labels, control characters as spaces.
 */
static void
dot_put_text(struct buf *b, const char *s, size_t n)
{
	size_t	 i, start;

	for (i = start = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep;

		if (c == '\\')
			rep = "\\\\";
		else if (c == '"')
			rep = "\\\"";
		else if (c == '&')
			rep = "&amp;";
		else if (c < 0x20 || c == 0x7f)
			rep = " ";
		else
			continue;
		buf_put(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}

/*
 * The label of object i as a DOT string: each line ends in "\n" (or
 * "\l" left-justified), which also keeps an escaped backslash away
 * from the closing quote, where Graphviz 2.43's scanner would read
 * "\\"" as an escaped quote.
 */
static void
dot_put_label(struct buf *b, const struct dg_model *m,
    const struct dg_view *v, size_t i)
{
	const struct dg_obj *o = &m->objs[i];
	const char	*s = o->label, *nl;
	size_t		 k;

	buf_putc(b, '"');
	for (k = 0;; k++) {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		buf_puts(b, dg_line_mark(m, v, i, k));
		dot_put_text(b, s, (size_t)(nl - s));
		buf_puts(b, o->ljust ? "\\l" : "\\n");
		if (*nl == '\0')
			break;
		s = nl + 1;
	}
	buf_putc(b, '"');
}

/* Appends ", name=value" with value quoted when not a plain number. */
static void
dot_attr(struct buf *b, int *first, const char *name, const char *value)
{
	const char	*p;
	int		 plain = *value != '\0';

	for (p = value; *p; p++)
		if (!((*p >= '0' && *p <= '9') || *p == '.'))
			plain = 0;
	buf_printf(b, plain ? "%s%s=%s" : "%s%s=\"%s\"", *first ? "" : ", ",
	    name, value);
	*first = 0;
}

/* The style attributes that differ from base, in a fixed order. */
static void
dot_style(struct buf *b, int *first, const struct dg_style *st,
    const struct dg_style *base, int kind)
{
	if (strcmp(st->color, base->color) != 0)
		dot_attr(b, first, "color", st->color);
	if (kind != DG_EDGE && st->fillcolor != NULL &&
	    (base->fillcolor == NULL ||
	    strcmp(st->fillcolor, base->fillcolor) != 0))
		dot_attr(b, first, "fillcolor", st->fillcolor);
	if (strcmp(st->fontcolor, base->fontcolor) != 0)
		dot_attr(b, first, "fontcolor", st->fontcolor);
	if (strcmp(st->penwidth, base->penwidth) != 0)
		dot_attr(b, first, "penwidth", st->penwidth);
	if (strcmp(st->style, base->style) != 0)
		dot_attr(b, first, "style", st->style);
}

static void
dot_indent(struct buf *b, size_t depth)
{
	while (depth-- > 0)
		buf_putc(b, '\t');
}

/* The legend as an HTML-like table: constant text, coloured samples. */
static void
dot_legend(struct buf *b, const struct dg_obj *o, size_t depth)
{
	size_t	 i;

	dot_indent(b, depth);
	buf_printf(b, "\"%s\" [shape=plaintext, margin=0, style=\"\", "
	    "fontsize=%d, label=<<TABLE BORDER=\"1\" CELLBORDER=\"0\" "
	    "CELLSPACING=\"0\" CELLPADDING=\"2\" COLOR=\"%s\" "
	    "BGCOLOR=\"%s\"><TR><TD COLSPAN=\"2\"><B>legend</B></TD></TR>",
	    o->id, roles[DG_LEGEND].fontsize, DIAGRAM_COLOUR_LINE, WHITE);
	for (i = 0; i < dg_nlegend; i++) {
		buf_puts(b, "<TR><TD");
		if (dg_legend[i].fill != NULL)
			buf_printf(b, " BGCOLOR=\"%s\"", dg_legend[i].fill);
		buf_putc(b, '>');
		if (dg_legend[i].bar > 0)
			buf_printf(b, "<TABLE BORDER=\"0\" CELLPADDING=\"0\" "
			    "CELLSPACING=\"0\"><TR><TD BGCOLOR=\"%s\" "
			    "WIDTH=\"32\" HEIGHT=\"%d\" FIXEDSIZE=\"TRUE\">"
			    "</TD></TR></TABLE>", dg_legend[i].colour,
			    dg_legend[i].bar);
		else
			buf_printf(b, "<FONT COLOR=\"%s\">%s</FONT>",
			    dg_legend[i].colour, dg_legend[i].sample);
		buf_printf(b, "</TD><TD ALIGN=\"LEFT\">%s</TD></TR>",
		    dg_legend[i].text);
	}
	buf_puts(b, "</TABLE>>];\n");
}

static void
dot_node(struct buf *b, const struct dg_model *m, const struct dg_view *v,
    size_t i, size_t depth)
{
	const struct dg_obj *o = &m->objs[i];
	const struct role *r = &roles[o->role];
	char		 fs[16];
	int		 first = 0;

	if (o->role == DG_LEGEND) {
		dot_legend(b, o, depth);
		return;
	}
	dot_indent(b, depth);
	buf_printf(b, "\"%s\" [label=", o->id);
	dot_put_label(b, m, v, i);
	if (r->fontsize != NODE_FONTSIZE) {
		snprintf(fs, sizeof(fs), "%d", r->fontsize);
		dot_attr(b, &first, "fontsize", fs);
	}
	dot_style(b, &first, dg_style_of(m, v, i), &styles[NODE_DEFAULT],
	    DG_NODE);
	buf_puts(b, "];\n");
}

static void
dot_cluster_attrs(struct buf *b, const struct dg_model *m,
    const struct dg_view *v, size_t i, size_t depth)
{
	const struct dg_style *st = dg_style_of(m, v, i);
	char	 fs[16];

	dot_indent(b, depth);
	buf_puts(b, "graph [label=");
	dot_put_label(b, m, v, i);
	snprintf(fs, sizeof(fs), "%d", roles[m->objs[i].role].fontsize);
	buf_printf(b, ", fontsize=%s, color=\"%s\", fillcolor=\"%s\", "
	    "fontcolor=\"%s\", penwidth=%s, style=\"%s\"];\n", fs, st->color,
	    st->fillcolor, st->fontcolor, st->penwidth, st->style);
}

/*
 * Writes the clusters and nodes in creation order, each cluster with
 * its contents.  The nesting is the model's (region > VNet >
 * GatewaySubnet at most), not the input's, so an explicit stack of
 * that small, fixed depth does.
 */
void
dg_children(const struct dg_model *m, size_t **firstp, size_t **nextp)
{
	size_t	*first, *next, *last, i, p;

	first = xcalloc(m->nobjs + 1, sizeof(size_t));
	next = xcalloc(m->nobjs + 1, sizeof(size_t));
	last = xcalloc(m->nobjs + 1, sizeof(size_t));
	for (i = 0; i <= m->nobjs; i++)
		first[i] = next[i] = last[i] = DG_NONE;
	for (i = 0; i < m->nobjs; i++) {
		if (m->objs[i].kind == DG_EDGE)
			continue;
		p = m->objs[i].parent == DG_NONE ? m->nobjs :
		    m->objs[i].parent;
		if (first[p] == DG_NONE)
			first[p] = i;
		else
			next[last[p]] = i;
		last[p] = i;
	}
	free(last);
	*firstp = first;
	*nextp = next;
}

static void
dot_body(struct buf *b, const struct dg_model *m, const struct dg_view *v)
{
	size_t	*first, *next, stack[8], pos[8], depth, c;

	dg_children(m, &first, &next);
	depth = 0;
	stack[0] = m->nobjs;
	pos[0] = first[m->nobjs];
	for (;;) {
		c = pos[depth];
		if (c == DG_NONE) {
			if (depth == 0)
				break;
			depth--;
			dot_indent(b, depth + 1);
			buf_puts(b, "}\n");
			continue;
		}
		pos[depth] = next[c];
		if (m->objs[c].kind == DG_NODE) {
			dot_node(b, m, v, c, depth + 1);
			continue;
		}
		dot_indent(b, depth + 1);
		buf_printf(b, "subgraph \"%s\" {\n", m->objs[c].id);
		dot_cluster_attrs(b, m, v, c, depth + 2);
		if (depth + 1 >= sizeof(stack) / sizeof(stack[0]))
			abort();	/* the model nests 3 deep */
		depth++;
		stack[depth] = c;
		pos[depth] = first[c];
	}
	free(first);
	free(next);
}

static void
dot_edges(struct buf *b, const struct dg_model *m, const struct dg_view *v)
{
	const struct dg_obj *o;
	char		 num[32];
	size_t		 i;
	int		 first;

	for (i = 0; i < m->nobjs; i++) {
		o = &m->objs[i];
		if (o->kind != DG_EDGE)
			continue;
		buf_printf(b, "\t\"%s\" -> \"%s\" [key=\"%s\"",
		    m->objs[o->tail].id, m->objs[o->head].id, o->id);
		first = 0;
		if (*o->label != '\0') {
			buf_puts(b, ", label=");
			dot_put_label(b, m, v, i);
		}
		if (o->minlen > 1) {
			snprintf(num, sizeof(num), "%ld", o->minlen);
			dot_attr(b, &first, "minlen", num);
		}
		dot_style(b, &first, dg_style_of(m, v, i),
		    &styles[EDGE_DEFAULT], DG_EDGE);
		buf_puts(b, "];\n");
	}
}

/* The whole DOT text of view v. */
static void
dot_write(struct buf *b, const struct dg_model *m, const struct dg_view *v)
{
	const struct dg_style *nd = &styles[NODE_DEFAULT];
	const struct dg_style *ed = &styles[EDGE_DEFAULT];
	const char	*p;

	/* The graph's name is the SVG's <title>. */
	buf_puts(b, "digraph \"");
	for (p = m->name; *p; p++)
		buf_putc(b, (*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
		    *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '.' ? *p : '_');
	buf_puts(b, "\" {\n");
	buf_puts(b, "\tgraph [label=\"");
	dot_put_text(b, m->title, strlen(m->title));
	buf_puts(b, "\\n");
	dot_put_text(b, v->subtitle, strlen(v->subtitle));
	buf_puts(b, "\\n\", labelloc=t, fontname=\"" FONT "\", "
	    "fontsize=14, fontcolor=\"" DIAGRAM_COLOUR_TEXT "\", "
	    "rankdir=LR, nodesep=0.2, ranksep=0.4, pad=0.2, "
	    "outputorder=edgesfirst];\n");
	buf_printf(b, "\tnode [shape=box, style=\"%s\", color=\"%s\", "
	    "fillcolor=\"%s\", fontcolor=\"%s\", penwidth=%s, fontname=\""
	    FONT "\", fontsize=%d, margin=\"0.1,0.05\"];\n", nd->style,
	    nd->color, nd->fillcolor, nd->fontcolor, nd->penwidth,
	    NODE_FONTSIZE);
	buf_printf(b, "\tedge [dir=none, style=\"%s\", color=\"%s\", "
	    "fontcolor=\"%s\", penwidth=%s, fontname=\"" FONT "\", "
	    "fontsize=%d];\n", ed->style, ed->color, ed->fontcolor,
	    ed->penwidth, EDGE_FONTSIZE);
	dot_body(b, m, v);
	dot_edges(b, m, v);
	buf_puts(b, "}\n");
}

/* ---- Graphviz ---- */

static GVC_t	*gv_ctx;
static struct buf gv_msgs;

/* Collects Graphviz's messages instead of letting it print them. */
static int
gv_errf(char *msg)
{
	buf_puts(&gv_msgs, msg);
	return 0;
}

static void
gv_begin(void)
{
	if (gv_ctx == NULL)
		gv_ctx = gvContext();
	buf_truncate(&gv_msgs, 0);
	agseterrf(gv_errf);
}

/* Hands collected messages to d as warnings. */
static void
gv_end(struct diags *d, const char *file)
{
	struct mark	 none = { 0, 0 };
	const char	*s, *nl;

	agseterrf(NULL);
	if (gv_msgs.len == 0)
		return;
	for (s = gv_msgs.ptr; *s; s = *nl ? nl + 1 : nl) {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		if (nl > s && d != NULL)
			diags_add(d, DIAG_WARNING, file, none, NULL,
			    "graphviz: %.*s", (int)(nl - s), s);
	}
	buf_truncate(&gv_msgs, 0);
}

/* cgraph 2.43 takes char * where it only reads: the casts live here. */
static Agsym_t *
gv_sym(Agraph_t *g, int kind, const char *name)
{
	return agattr(g, kind, (char *)name, NULL);
}

static void
gv_set(void *obj, Agsym_t *sym, const char *value)
{
	if (sym != NULL)
		agxset(obj, sym, (char *)value);
}

static Agraph_t *
gv_subg(Agraph_t *g, const char *name)
{
	return agsubg(g, (char *)name, 0);
}

static Agnode_t *
gv_node(Agraph_t *g, const char *name)
{
	return agnode(g, (char *)name, 0);
}

static Agedge_t *
gv_edge(Agraph_t *g, Agnode_t *t, Agnode_t *h, const char *key)
{
	return agedge(g, t, h, (char *)key, 0);
}

/*
 * cgraph's default discipline names objects by the address of their
 * interned name, and keeps subgraphs in the order of those ids: the
 * clusters' order in the layout and the SVG would follow malloc.  This
 * one numbers names in order of first use, so the same DOT text gives
 * the same graph whatever the process did before.  Names get even ids
 * (2, 4, ...) and anonymous objects odd ones, as cgraph expects.
 */
struct gv_names {
	char		**str;		/* name of id 2 * (k + 1) */
	size_t		 n, cap;
	size_t		*slot;		/* hash: k + 1, 0 empty */
	size_t		 nslot;
	IDTYPE		 anon;
};

static void *
gvn_open(Agraph_t *g, Agdisc_t *disc)
{
	struct gv_names	*s;

	(void)g;
	(void)disc;
	s = xcalloc(1, sizeof(*s));
	s->anon = 1;
	return s;
}

/* The index of name str, or DG_NONE; *at is its hash slot. */
static size_t
gvn_find(const struct gv_names *s, const char *str, size_t *at)
{
	size_t	 i;

	if (s->nslot == 0)
		return DG_NONE;
	for (i = fnv(str) & (s->nslot - 1); s->slot[i] != 0;
	    i = (i + 1) & (s->nslot - 1))
		if (strcmp(s->str[s->slot[i] - 1], str) == 0)
			return s->slot[i] - 1;
	*at = i;
	return DG_NONE;
}

static void
gvn_rehash(struct gv_names *s)
{
	size_t	 i, k;

	free(s->slot);
	s->nslot = s->nslot ? s->nslot * 2 : 256;
	s->slot = xcalloc(s->nslot, sizeof(*s->slot));
	for (k = 0; k < s->n; k++) {
		for (i = fnv(s->str[k]) & (s->nslot - 1); s->slot[i] != 0;
		    i = (i + 1) & (s->nslot - 1))
			continue;
		s->slot[i] = k + 1;
	}
}

static long
gvn_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	struct gv_names	*s = state;
	size_t		 k, at = 0;

	(void)objtype;
	if (str == NULL) {
		*id = s->anon;
		s->anon += 2;
		return 1;
	}
	if ((k = gvn_find(s, str, &at)) != DG_NONE) {
		*id = 2 * ((IDTYPE)k + 1);
		return 1;
	}
	if (!createflag)
		return 0;
	if ((s->n + 1) * 2 > s->nslot) {
		gvn_rehash(s);
		gvn_find(s, str, &at);
	}
	xgrow(&s->str, &s->cap, s->n + 1, sizeof(*s->str));
	s->str[s->n] = xstrdup(str);
	s->slot[at] = ++s->n;
	*id = 2 * (IDTYPE)s->n;
	return 1;
}

static long
gvn_alloc(void *state, int objtype, IDTYPE request)
{
	(void)state;
	(void)objtype;
	(void)request;
	return 0;	/* no caller-chosen ids */
}

static void
gvn_free(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;	/* names live until the graph closes */
}

static char *
gvn_print(void *state, int objtype, IDTYPE id)
{
	struct gv_names	*s = state;

	(void)objtype;
	if (id % 2 != 0 || id == 0 || id / 2 > s->n)
		return NULL;
	return s->str[id / 2 - 1];
}

static void
gvn_close(void *state)
{
	struct gv_names	*s = state;
	size_t		 k;

	for (k = 0; k < s->n; k++)
		free(s->str[k]);
	free(s->str);
	free(s->slot);
	free(s);
}

static void
gvn_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t gv_iddisc = { gvn_open, gvn_map, gvn_alloc, gvn_free,
	gvn_print, gvn_close, gvn_register };

/* Feeds the DOT text to cgraph's scanner a line at a time. */
struct gv_reader {
	const char	*p;
};

static int
gv_read(void *chan, char *buf, int bufsize)
{
	struct gv_reader *r = chan;
	int		 n = 0;

	while (n < bufsize && *r->p != '\0') {
		buf[n++] = *r->p;
		if (*r->p++ == '\n')
			break;
	}
	return n;
}

/* Parses DOT text with the disciplines above. */
static Agraph_t *
gv_parse(const char *dot)
{
	static Agiodisc_t io;
	static Agdisc_t	 disc;
	struct gv_reader r;

	io.afread = gv_read;
	io.putstr = AgIoDisc.putstr;
	io.flush = AgIoDisc.flush;
	disc.mem = &AgMemDisc;
	disc.id = &gv_iddisc;
	disc.io = &io;
	r.p = dot;
	return agread(&r, &disc);
}

/* Parses DOT text and lays it out; NULL (and an error in d) on failure. */
static Agraph_t *
gv_layout(const char *dot, struct diags *d, const char *file)
{
	struct mark	 none = { 0, 0 };
	Agraph_t	*g;

	gv_begin();
	g = gv_parse(dot);
	if (g == NULL) {
		gv_end(d, file);
		diags_error(d, file, none, "graphviz cannot read the diagram");
		return NULL;
	}
	if (gvLayout(gv_ctx, g, "dot") != 0) {
		agclose(g);
		gv_end(d, file);
		diags_error(d, file, none, "graphviz layout failed");
		return NULL;
	}
	gv_end(d, file);
	return g;
}

static void
gv_close(Agraph_t *g)
{
	if (g == NULL)
		return;
	gvFreeLayout(gv_ctx, g);
	agclose(g);
}

/* The diagram's one layout, made on first use. */
static int
dg_layout(struct diagram *dg, struct diags *d)
{
	const struct dg_model *m = &dg->m;
	const struct dg_obj *o;
	struct dg_view	 v;
	struct buf	 dot = BUF_INIT;
	struct mark	 none = { 0, 0 };
	Agraph_t	*g, *parent;
	size_t		 i;

	if (dg->g != NULL)
		return 1;
	diagram_view(dg, NULL, &v);
	dot_write(&dot, m, &v);
	dg_view_release(&v);
	g = gv_layout(buf_cstr(&dot), d, dg->dsn->file);
	buf_release(&dot);
	if (g == NULL)
		return 0;
	dg->gv = xcalloc(m->nobjs + 1, sizeof(*dg->gv));
	for (i = 0; i < m->nobjs; i++) {
		o = &m->objs[i];
		switch (o->kind) {
		case DG_CLUSTER:
			parent = o->parent == DG_NONE ? g : dg->gv[o->parent];
			dg->gv[i] = parent ? gv_subg(parent, o->id) : NULL;
			break;
		case DG_NODE:
			dg->gv[i] = gv_node(g, o->id);
			break;
		case DG_EDGE:
			if (dg->gv[o->tail] && dg->gv[o->head])
				dg->gv[i] = gv_edge(g, dg->gv[o->tail],
				    dg->gv[o->head], o->id);
			break;
		}
		if (dg->gv[i] == NULL) {
			diags_error(d, dg->dsn->file, none,
			    "graphviz lost diagram object %s", o->id);
			gv_close(g);
			free(dg->gv);
			dg->gv = NULL;
			return 0;
		}
	}
	dg->nsym[0] = gv_sym(g, AGNODE, "color");
	dg->nsym[1] = gv_sym(g, AGNODE, "fillcolor");
	dg->nsym[2] = gv_sym(g, AGNODE, "penwidth");
	dg->nsym[3] = gv_sym(g, AGNODE, "style");
	dg->esym[0] = gv_sym(g, AGEDGE, "color");
	dg->esym[1] = gv_sym(g, AGEDGE, "penwidth");
	dg->esym[2] = gv_sym(g, AGEDGE, "style");
	dg->gsym[0] = gv_sym(g, AGRAPH, "color");
	dg->gsym[1] = gv_sym(g, AGRAPH, "fillcolor");
	dg->gsym[2] = gv_sym(g, AGRAPH, "penwidth");
	dg->gsym[3] = gv_sym(g, AGRAPH, "style");
	/* the view's id prefixes the SVG's ids; clusters keep theirs */
	dg->idsym = agattr(g, AGRAPH, (char *)"id", (char *)"");
	dg->g = g;
	return 1;
}

/* Sets *slot, remembering the old value for gv_restore(). */
static struct gv_undo *
gv_undo_new(struct diagram *dg)
{
	xgrow(&dg->undo, &dg->undocap, dg->nundo + 1, sizeof(*dg->undo));
	memset(&dg->undo[dg->nundo], 0, sizeof(*dg->undo));
	return &dg->undo[dg->nundo++];
}

static void
gv_swap_str(struct diagram *dg, char **slot, const char *value)
{
	struct gv_undo	*u = gv_undo_new(dg);

	u->str = slot;
	u->orig_str = *slot;
	*slot = (char *)value;	/* Graphviz only reads it */
}

static void
gv_swap_font(struct diagram *dg, textfont_t **slot, textfont_t *value)
{
	struct gv_undo	*u = gv_undo_new(dg);

	u->font = slot;
	u->orig_font = *slot;
	*slot = value;
}

/* Puts back every label pointer changed for the last render. */
static void
gv_restore(struct diagram *dg)
{
	struct gv_undo	*u;

	while (dg->nundo > 0) {
		u = &dg->undo[--dg->nundo];
		if (u->str != NULL)
			*u->str = u->orig_str;
		else
			*u->font = u->orig_font;
	}
}

/* A copy of font f with strike-through, made once per font. */
static textfont_t *
gv_struck(struct diagram *dg, textfont_t *f)
{
	textfont_t	*c;
	size_t		 i;

	for (i = 0; i < dg->nstruck; i += 2)
		if (dg->struck[i] == f)
			return dg->struck[i + 1];
	c = xmalloc(sizeof(*c));
	*c = *f;
	c->flags |= HTML_S;
	xgrow(&dg->struck, &dg->struckcap, dg->nstruck + 2,
	    sizeof(*dg->struck));
	dg->struck[dg->nstruck++] = f;
	dg->struck[dg->nstruck++] = c;
	return c;
}

#define STRIKE_ALL	(-1)
#define STRIKE_NONE	(-2)

/* Recolours a laid-out plain label and strikes span k (or all, none). */
static void
gv_relabel(struct diagram *dg, textlabel_t *lp, const char *colour,
    long strike)
{
	long	 k;

	if (lp == NULL || lp->html)
		return;
	if (colour != NULL && (lp->fontcolor == NULL ||
	    strcmp(colour, lp->fontcolor) != 0))
		gv_swap_str(dg, &lp->fontcolor, colour);
	for (k = 0; k < lp->u.txt.nspans; k++)
		if ((strike == STRIKE_ALL || strike == k) &&
		    lp->u.txt.span[k].font != NULL)
			gv_swap_font(dg, &lp->u.txt.span[k].font,
			    gv_struck(dg, lp->u.txt.span[k].font));
}

/* The number of UTF-8 characters in s. */
static size_t
utf8_len(const char *s)
{
	size_t	 n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * Sets the title's second line to the view's, cut to the width the
 * layout left for it (estimated from the baseline line's measured
 * width per character) so that a long scenario id is not clipped.
 */
static void
gv_retitle(struct diagram *dg, const struct dg_view *v)
{
	textlabel_t	*lp = GD_label(dg->g);
	textspan_t	*sp;
	double		 per, width;
	size_t		 max, n, i, chars;

	if (lp == NULL || lp->html || lp->u.txt.nspans < 2)
		return;
	sp = &lp->u.txt.span[1];
	chars = utf8_len(sp->str);
	per = chars > 0 ? sp->size.x / (double)chars : 0;
	width = GD_bb(dg->g).UR.x - GD_bb(dg->g).LL.x;
	max = per > 0 ? (size_t)(width / per) : SIZE_MAX;
	if (max < chars)
		max = chars;
	buf_truncate(&dg->title, 0);
	buf_puts(&dg->title, v->subtitle);
	if (utf8_len(dg->title.ptr) > max && max > 1) {
		for (i = n = 0; dg->title.ptr[i] != '\0'; i++)
			if (((unsigned char)dg->title.ptr[i] & 0xc0) != 0x80 &&
			    ++n == max)
				break;
		buf_truncate(&dg->title, i);
		buf_puts(&dg->title, ELLIPSIS);
	}
	gv_swap_str(dg, &sp->str, dg->title.ptr);
}

/* Applies view v to the laid-out graph. */
static void
gv_apply(struct diagram *dg, const struct dg_view *v)
{
	const struct dg_model *m = &dg->m;
	const struct dg_style *st;
	const struct dg_obj *o;
	textlabel_t	*lp;
	size_t		 i, k;
	int		 failed;

	/* the root's id, and the prefix Graphviz took for the others */
	gv_set(dg->g, dg->idsym, v->idstem);
	if (GD_drawing(dg->g) != NULL)
		gv_swap_str(dg, &GD_drawing(dg->g)->id, v->idstem);
	for (i = 0; i < m->nobjs; i++) {
		o = &m->objs[i];
		if (roles[o->role].legend)
			continue;	/* drawn as the DOT says, always */
		st = dg_style_of(m, v, i);
		failed = v->scenario != NULL && (v->flags[i] & DG_FAILED);
		switch (o->kind) {
		case DG_CLUSTER:
			gv_set(dg->gv[i], dg->gsym[0], st->color);
			gv_set(dg->gv[i], dg->gsym[1], st->fillcolor);
			gv_set(dg->gv[i], dg->gsym[2], st->penwidth);
			gv_set(dg->gv[i], dg->gsym[3], st->style);
			lp = GD_label((Agraph_t *)dg->gv[i]);
			break;
		case DG_NODE:
			gv_set(dg->gv[i], dg->nsym[0], st->color);
			gv_set(dg->gv[i], dg->nsym[1], st->fillcolor);
			gv_set(dg->gv[i], dg->nsym[2], st->penwidth);
			gv_set(dg->gv[i], dg->nsym[3], st->style);
			lp = ND_label((Agnode_t *)dg->gv[i]);
			break;
		default:
			gv_set(dg->gv[i], dg->esym[0], st->color);
			gv_set(dg->gv[i], dg->esym[1], st->penwidth);
			gv_set(dg->gv[i], dg->esym[2], st->style);
			lp = ED_label((Agedge_t *)dg->gv[i]);
			break;
		}
		if (v->scenario == NULL)
			continue;
		gv_relabel(dg, lp, st->fontcolor, failed ? STRIKE_ALL :
		    STRIKE_NONE);
		if (o->role == DG_GROUP && !failed)
			for (k = 0; k < o->nrows; k++)
				if (v->siteflags[o->rows[k]] &
				    (DG_FAILED | DG_UNREACH))
					gv_relabel(dg, lp, NULL, (long)k + 1);
	}
	gv_retitle(dg, v);
}

/* Removes the DOCTYPE, whose DTD URL is the SVG's only outside reference. */
static void
svg_put(struct buf *out, const char *data, size_t len)
{
	const char	*dt, *end;

	for (dt = data; dt + 9 <= data + len; dt++)
		if (memcmp(dt, "<!DOCTYPE", 9) == 0)
			break;
	if (dt + 9 > data + len || (end = memchr(dt, '>', len - (size_t)(dt - data)))
	    == NULL) {
		buf_put(out, data, len);
		return;
	}
	end++;
	if (end < data + len && *end == '\n')
		end++;
	buf_put(out, data, (size_t)(dt - data));
	buf_put(out, end, len - (size_t)(end - data));
}

static int
gv_render(Agraph_t *g, const char *fmt, struct buf *out, struct diags *d,
    const char *file)
{
	struct mark	 none = { 0, 0 };
	char		*data = NULL;
	unsigned int	 len = 0;
	int		 rc;

	gv_begin();
	rc = gvRenderData(gv_ctx, g, fmt, &data, &len);
	gv_end(d, file);
	if (rc != 0 || data == NULL) {
		if (data != NULL)
			gvFreeRenderData(data);
		diags_error(d, file, none, "graphviz cannot render %s", fmt);
		return 0;
	}
	if (strcmp(fmt, "svg") == 0)
		svg_put(out, data, len);
	else
		buf_put(out, data, len);
	gvFreeRenderData(data);
	return 1;
}

/* ---- SVG views from one render ---- */

/*
 * Graphviz's SVG renderer is not cheap: printing every coordinate of
 * every outline (gvprintdouble, round_corners) costs a third of the
 * layout on a small design and more than the layout on a big one, and
 * the runbook draws the topology and twenty scenarios of it: 16 of the
 * 22 million instructions of a two-site runbook, 2.2 of the 5.2 billion
 * of a 200-site one (tests/bench/RESULTS.md).  So the first baseline
 * SVG is kept as a template, each object's group (<g id="STEM_node7"
 * class="node">...</g>) found in it by the sequence number Graphviz
 * builds the id from, and a later SVG view is that text with every
 * restyled object's attributes written again the way Graphviz 2.43's
 * SVG renderer writes them (svg_grstyle, svg_textspan): fill, stroke,
 * stroke-width and stroke-dasharray of outlines, fill and
 * text-decoration of text; then the ids' prefix and the title's second
 * line.  The geometry is the same in every view (dg_style_of changes
 * colours, widths and dashes only), so nothing else differs.  What the
 * template cannot express -- an object that turns visible or invisible,
 * a group or a text it cannot find -- is rendered by Graphviz as
 * before.  test_diagram checks that both ways give the same bytes.
 */

#define SVG_NONE	((size_t)-1)

struct svg_group {
	size_t		 beg, end;	/* byte range in the template */
	size_t		 obj;
};

struct svg_tmpl {
	char		*text;
	size_t		 len;
	char		*stem;		/* the baseline's id stem */
	struct svg_group *groups;	/* in the template's order */
	size_t		 ngroups;
	size_t		*group;		/* per object: index in groups */
	size_t		 title_beg, title_end; /* text of the title's line 2 */
	size_t		*ids;		/* where the stem is, in order */
	size_t		 nids;
};

static void
svg_tmpl_free(struct svg_tmpl *t)
{
	if (t == NULL)
		return;
	free(t->text);
	free(t->stem);
	free(t->ids);
	free(t->groups);
	free(t->group);
	free(t);
}

/* The first n of s at or after p that starts with pat, or NULL. */
static const char *
svg_find(const char *p, const char *e, const char *pat)
{
	size_t	 n = strlen(pat);

	for (; (size_t)(e - p) >= n; p++)
		if ((p = memchr(p, pat[0], (size_t)(e - p) - n + 1)) == NULL)
			return NULL;
		else if (memcmp(p, pat, n) == 0)
			return p;
	return NULL;
}

/* The end of the group whose "<g" is at p: just past its "</g>\n". */
static const char *
svg_group_end(const char *p, const char *e)
{
	int	 depth = 0;

	for (; p < e; p++) {
		if (*p != '<')
			continue;
		if (p + 2 < e && p[1] == 'g' && (p[2] == ' ' || p[2] == '>'))
			depth++;
		else if (p + 3 < e && memcmp(p, "</g>", 4) == 0 &&
		    --depth == 0) {
			p += 4;
			return p < e && *p == '\n' ? p + 1 : p;
		}
	}
	return NULL;
}

static textlabel_t *
svg_label(const struct diagram *dg, size_t i)
{
	switch (dg->m.objs[i].kind) {
	case DG_CLUSTER:
		return GD_label((Agraph_t *)dg->gv[i]);
	case DG_NODE:
		return ND_label((Agnode_t *)dg->gv[i]);
	default:
		return ED_label((Agedge_t *)dg->gv[i]);
	}
}

/*
 * Indexes the baseline SVG (len bytes at svg, whose ids start with
 * stem) as the template of later views; NULL when it does not look as
 * expected, and then every view is rendered by Graphviz.
 */
static struct svg_tmpl *
svg_index(const struct diagram *dg, const char *stem, const char *svg,
    size_t len)
{
	const struct dg_model *m = &dg->m;
	struct svg_tmpl	*t;
	const char	*p, *q, *e = svg + len, *g0 = NULL, *root;
	size_t		*byseq[3], nseq[3] = { 0, 0, 0 }, i, k, cap = 0;
	size_t		 sl = strlen(stem), seq, nth, text;
	textlabel_t	*lp = GD_label(dg->g);
	int		 kind;

	for (i = 0; i < m->nobjs; i++) {
		seq = AGSEQ(dg->gv[i]);
		kind = (int)m->objs[i].kind;
		if (seq + 1 > nseq[kind])
			nseq[kind] = seq + 1;
	}
	for (k = 0; k < 3; k++) {
		byseq[k] = xreallocarray(NULL, nseq[k] + 1, sizeof(size_t));
		for (i = 0; i <= nseq[k]; i++)
			byseq[k][i] = SVG_NONE;
	}
	for (i = 0; i < m->nobjs; i++)
		byseq[m->objs[i].kind][AGSEQ(dg->gv[i])] = i;

	t = xcalloc(1, sizeof(*t));
	t->group = xreallocarray(NULL, m->nobjs + 1, sizeof(size_t));
	for (i = 0; i < m->nobjs; i++)
		t->group[i] = SVG_NONE;
	t->title_beg = t->title_end = SVG_NONE;
	root = NULL;
	for (p = svg; (p = svg_find(p, e, "<g id=\"")) != NULL; ) {
		q = p + 7;
		if ((size_t)(e - q) <= sl || memcmp(q, stem, sl) != 0) {
			p = q;
			continue;
		}
		q += sl;
		if (*q == '"') {
			root = q;
			p = q;
			continue;
		}
		kind = -1;
		if (strncmp(q, "_clust", 6) == 0)
			kind = DG_CLUSTER, q += 6;
		else if (strncmp(q, "_node", 5) == 0)
			kind = DG_NODE, q += 5;
		else if (strncmp(q, "_edge", 5) == 0)
			kind = DG_EDGE, q += 5;
		for (seq = 0; *q >= '0' && *q <= '9'; q++)
			seq = seq * 10 + (size_t)(*q - '0');
		if (kind < 0 || *q != '"' || seq >= nseq[kind] ||
		    (i = byseq[kind][seq]) == SVG_NONE ||
		    (q = svg_group_end(p, e)) == NULL)
			goto fail;
		if (g0 == NULL)
			g0 = p;
		xgrow(&t->groups, &cap, t->ngroups + 1, sizeof(*t->groups));
		t->groups[t->ngroups].beg = (size_t)(p - svg);
		t->groups[t->ngroups].end = (size_t)(q - svg);
		t->groups[t->ngroups].obj = i;
		t->group[i] = t->ngroups++;
		p = q;
	}
	if (root == NULL || g0 == NULL)
		goto fail;
	/* The title's second line: the <text> of span 1, before any group. */
	if (lp != NULL && !lp->html && lp->u.txt.nspans >= 2) {
		if (lp->u.txt.span[1].str == NULL ||
		    lp->u.txt.span[1].str[0] == '\0')
			goto fail;	/* Graphviz drew no text to change */
		nth = lp->u.txt.span[0].str && lp->u.txt.span[0].str[0];
		for (p = root, text = 0; (p = svg_find(p, g0, "<text")) != NULL;
		    p++, text++)
			if (text == nth)
				break;
		if (p == NULL || (p = memchr(p, '>', (size_t)(g0 - p))) ==
		    NULL || (q = svg_find(p, g0, "</text>")) == NULL)
			goto fail;
		t->title_beg = (size_t)(p + 1 - svg);
		t->title_end = (size_t)(q - svg);
	}
	t->text = xmalloc(len + 1);
	memcpy(t->text, svg, len);
	t->text[len] = '\0';
	t->len = len;
	t->stem = xstrdup(stem);
	/* every id that starts with the stem, so views copy, not search */
	cap = 0;
	for (p = svg; (p = svg_find(p, e, " id=\"")) != NULL; p = q) {
		q = p + 5;
		if ((size_t)(e - q) > sl && memcmp(q, stem, sl) == 0 &&
		    (q[sl] == '"' || q[sl] == '_')) {
			xgrow(&t->ids, &cap, t->nids + 1, sizeof(*t->ids));
			t->ids[t->nids++] = (size_t)(q - svg);
		}
	}
	for (k = 0; k < 3; k++)
		free(byseq[k]);
	return t;
fail:
	for (k = 0; k < 3; k++)
		free(byseq[k]);
	svg_tmpl_free(t);
	return NULL;
}

/* Copies s[0, n) of the template, with its id stem swapped for stem. */
static void
svg_copy(struct buf *out, const struct svg_tmpl *t, const char *s, size_t n,
    const char *stem)
{
	size_t		 at = (size_t)(s - t->text), end = at + n;
	size_t		 lo = 0, hi = t->nids, mid, sl = strlen(t->stem);

	while (lo < hi) {		/* the first id at or after s */
		mid = lo + (hi - lo) / 2;
		if (t->ids[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < t->nids && t->ids[lo] + sl <= end; lo++) {
		buf_put(out, t->text + at, t->ids[lo] - at);
		buf_puts(out, stem);
		at = t->ids[lo] + sl;
	}
	buf_put(out, t->text + at, end - at);
}

/* A colour as Graphviz's SVG renderer prints it: "#rrggbb" lower case. */
static void
svg_colour(struct buf *out, const char *c)
{
	for (; *c; c++)
		buf_putc(out, *c >= 'A' && *c <= 'F' ? *c + ('a' - 'A') : *c);
}

/* A pen width as gvprintdouble() prints it: "%.2f", zeros trimmed. */
static void
svg_number(struct buf *out, const char *s)
{
	char	 b[32];
	size_t	 n;

	snprintf(b, sizeof(b), "%.2f", strtod(s, NULL));
	n = strlen(b);
	while (n > 0 && b[n - 1] == '0')
		n--;
	if (n > 0 && b[n - 1] == '.')
		n--;
	buf_put(out, b, n);
}

/* Text as Graphviz's xml_string0(s, raw) escapes it. */
static void
svg_text(struct buf *out, const char *s)
{
	const char	*prev = NULL;

	for (; *s; prev = s, s++) {
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '-': buf_puts(out, "&#45;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		case '\n': buf_puts(out, "&#10;"); break;
		case '\r': buf_puts(out, "&#13;"); break;
		case ' ':
			buf_puts(out, prev && *prev == ' ' ? "&#160;" : " ");
			break;
		default: buf_putc(out, *s); break;
		}
	}
}

/* The value of attribute name in the tag at p (up to '>'), or NULL. */
static const char *
svg_attr(const char *p, const char *name, size_t *len)
{
	const char	*e = strchr(p, '>'), *v;
	size_t		 n = strlen(name);

	for (; (p = svg_find(p, e, name)) != NULL; p += n)
		if (p[-1] == ' ' && p[n] == '=' && p[n + 1] == '"') {
			v = p + n + 2;
			*len = (size_t)(strchr(v, '"') - v);
			return v;
		}
	return NULL;
}

/*
 * Writes the tag at *pp (an outline or a text) with the style of view
 * st; moves *pp past it.  strike: the text is struck.  Returns 0 when
 * the tag holds what the template cannot rewrite.
 */
static int
svg_tag(struct buf *out, const char **pp, const struct dg_style *st,
    int edge, const char *fontcolor, int strike)
{
	const char	*p = *pp, *e = strchr(p, '>'), *n, *v, *a;
	size_t		 nl, vl;
	int		 text = strncmp(p, "<text", 5) == 0;

	if (e == NULL)
		return 0;
	n = p + 1;
	nl = strcspn(n, " >/");
	buf_putc(out, '<');
	buf_put(out, n, nl);
	for (a = n + nl; a < e && *a == ' '; a = v + vl + 1) {
		a++;
		n = a;
		nl = (size_t)(strchr(a, '=') - a);
		v = a + nl + 2;
		vl = (size_t)(strchr(v, '"') - v);
		if (text) {
			if (nl == 15 && memcmp(n, "text-decoration", 15) == 0)
				return 0;	/* a font flag of its own */
			if (nl == 4 && memcmp(n, "fill", 4) == 0)
				continue;	/* written after font-size */
			if (nl == 9 && memcmp(n, "font-size", 9) == 0 && strike)
				buf_puts(out, " text-decoration=\"line-through\"");
			buf_putc(out, ' ');
			buf_put(out, n, nl + 3 + vl);
			if (nl == 9 && memcmp(n, "font-size", 9) == 0 &&
			    fontcolor != NULL) {
				buf_puts(out, " fill=\"");
				svg_colour(out, fontcolor);
				buf_putc(out, '"');
			}
			continue;
		}
		if (nl == 4 && memcmp(n, "fill", 4) == 0) {
			buf_puts(out, " fill=\"");
			if (vl == 4 && memcmp(v, "none", 4) == 0)
				buf_puts(out, "none");
			else
				svg_colour(out, edge || st->fillcolor == NULL ?
				    st->color : st->fillcolor);
			buf_puts(out, "\" stroke=\"");
			svg_colour(out, st->color);
			buf_putc(out, '"');
			if (strtod(st->penwidth, NULL) != 1.0) {
				buf_puts(out, " stroke-width=\"");
				svg_number(out, st->penwidth);
				buf_putc(out, '"');
			}
			if (strstr(st->style, "dashed") != NULL)
				buf_puts(out, " stroke-dasharray=\"5,2\"");
			else if (strstr(st->style, "dotted") != NULL)
				buf_puts(out, " stroke-dasharray=\"1,5\"");
			continue;
		}
		if ((nl == 6 && memcmp(n, "stroke", 6) == 0) ||
		    (nl == 12 && memcmp(n, "stroke-width", 12) == 0) ||
		    (nl == 16 && memcmp(n, "stroke-dasharray", 16) == 0))
			continue;	/* written with fill */
		if (nl > 8 && memcmp(n + nl - 8, "-opacity", 8) == 0)
			return 0;
		buf_putc(out, ' ');
		buf_put(out, n, nl + 3 + vl);
	}
	buf_put(out, a, (size_t)(e + 1 - a));
	*pp = e + 1;
	return 1;
}

/* Writes object i's group in view v; 0 when it cannot. */
static int
svg_group(struct buf *out, const struct diagram *dg, const struct svg_tmpl *t,
    const struct dg_view *v, size_t i)
{
	const struct dg_obj *o = &dg->m.objs[i];
	const struct svg_group *g = &t->groups[t->group[i]];
	const struct dg_style *st = dg_style_of(&dg->m, v, i);
	const char	*p = t->text + g->beg, *e = t->text + g->end, *q;
	const char	*fontcolor;
	textlabel_t	*lp = svg_label(dg, i);
	int		 failed = (v->flags[i] & DG_FAILED) != 0, strike;
	size_t		 span = 0, vl;

	/* gv_relabel's rules: plain labels only, colour when it differs */
	fontcolor = NULL;
	if (lp != NULL && !lp->html)
		fontcolor = st->fontcolor != NULL ? st->fontcolor :
		    lp->fontcolor;
	while ((q = svg_find(p, e, "<")) != NULL) {
		if (strncmp(q, "<path ", 6) == 0 ||
		    strncmp(q, "<polygon ", 9) == 0 ||
		    strncmp(q, "<polyline ", 10) == 0 ||
		    strncmp(q, "<ellipse ", 9) == 0) {
			svg_copy(out, t, p, (size_t)(q - p), v->idstem);
			if (!svg_tag(out, &q, st, o->kind == DG_EDGE, NULL, 0))
				return 0;
		} else if (strncmp(q, "<text ", 6) == 0 && fontcolor) {
			svg_copy(out, t, p, (size_t)(q - p), v->idstem);
			/* the span this <text> is: Graphviz skips empty ones */
			while (span < (size_t)lp->u.txt.nspans &&
			    (lp->u.txt.span[span].str == NULL ||
			    lp->u.txt.span[span].str[0] == '\0'))
				span++;
			if (span >= (size_t)lp->u.txt.nspans)
				return 0;
			strike = failed;
			if (o->role == DG_GROUP && !failed && span > 0 &&
			    span - 1 < o->nrows)
				strike = (v->siteflags[o->rows[span - 1]] &
				    (DG_FAILED | DG_UNREACH)) != 0;
			/* Graphviz always writes an RGB text colour */
			if (svg_attr(q, "fill", &vl) == NULL ||
			    !svg_tag(out, &q, st, 0, fontcolor, strike))
				return 0;
			span++;
		} else {
			svg_copy(out, t, p, (size_t)(q + 1 - p), v->idstem);
			q++;
		}
		p = q;
	}
	svg_copy(out, t, p, (size_t)(e - p), v->idstem);
	return 1;
}

/* Whether object i looks in view v as in the template (base). */
static int
svg_unchanged(const struct diagram *dg, const struct dg_view *v,
    const struct dg_view *base, size_t i)
{
	const struct dg_obj *o = &dg->m.objs[i];
	const struct dg_style *st = dg_style_of(&dg->m, v, i);
	textlabel_t	*lp;
	size_t		 k;

	if (st != dg_style_of(&dg->m, base, i) || (v->flags[i] & DG_FAILED))
		return 0;
	if (o->role == DG_GROUP)
		for (k = 0; k < o->nrows; k++)
			if (v->siteflags[o->rows[k]] & (DG_FAILED | DG_UNREACH))
				return 0;
	lp = svg_label(dg, i);
	return lp == NULL || lp->html || st->fontcolor == NULL ||
	    (lp->fontcolor != NULL && strcmp(lp->fontcolor, st->fontcolor) == 0);
}

/*
 * Appends view v, made from the template, to out.  Returns non-zero on
 * success; 0 with out unchanged when the template cannot express it.
 */
static int
svg_restyle(struct diagram *dg, const struct dg_view *v, struct buf *out)
{
	const struct svg_tmpl *t = dg->svg;
	const struct dg_model *m = &dg->m;
	const struct dg_style *st, *st0;
	struct dg_view	 base;
	size_t		 start = out->len, pos = 0, k, i;

	if (t == NULL)
		return 0;
	if (v->scenario == NULL && strcmp(v->idstem, t->stem) == 0) {
		buf_put(out, t->text, t->len);
		return 1;
	}
	memset(&base, 0, sizeof(base));
	for (i = 0; i < m->nobjs; i++) {
		if (roles[m->objs[i].role].legend)
			continue;
		st = dg_style_of(m, v, i);
		st0 = dg_style_of(m, &base, i);
		if (st->invisible != st0->invisible)
			return 0;
		if (!st->invisible && t->group[i] == SVG_NONE)
			return 0;
	}
	if (t->title_beg != SVG_NONE) {
		gv_retitle(dg, v);	/* into dg->title */
		gv_restore(dg);
	}
	for (k = 0; k <= t->ngroups; k++) {
		size_t	 beg = k < t->ngroups ? t->groups[k].beg : t->len;

		if (t->title_beg != SVG_NONE && pos <= t->title_beg &&
		    t->title_end <= beg) {
			svg_copy(out, t, t->text + pos, t->title_beg - pos,
			    v->idstem);
			svg_text(out, buf_cstr(&dg->title));
			pos = t->title_end;
		}
		svg_copy(out, t, t->text + pos, beg - pos, v->idstem);
		if (k == t->ngroups)
			break;
		i = t->groups[k].obj;
		if (roles[m->objs[i].role].legend ||
		    dg_style_of(m, v, i)->invisible ||
		    svg_unchanged(dg, v, &base, i))
			svg_copy(out, t, t->text + beg, t->groups[k].end - beg,
			    v->idstem);
		else if (!svg_group(out, dg, t, v, i)) {
			buf_truncate(out, start);
			return 0;
		}
		pos = t->groups[k].end;
	}
	return 1;
}

/* ---- Public ---- */

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
		if (o->role == DG_E_CONNECTION || o->role == DG_E_LINK)
			o->primary = 1;
		else if (o->role == DG_E_TUNNEL)
			o->primary = dg->m.objs[o->head].role == DG_GROUP;
	}
	for (i = 0; i < dg->dsn->nsites; i++) {
		const struct dg_site *ds = &dg->sites[i];
		size_t	 k;

		if (ds->cluster == DG_NONE || dg->dsn->sites[i].ner > 0)
			continue;
		for (k = 0; k < dg->dsn->sites[i].ndevices * dg->ninst; k++)
			dg->m.objs[ds->tun[k]].primary = 1;
	}
}

struct diagram *
diagram_new(const struct design *dsn, const struct sim *sim,
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

	build_azure(dg);
	build_circuits(dg);
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
	build_legend(dg);
	mark_primary(dg);
	return dg;
}

const struct dg_model *
diagram_model(const struct diagram *dg)
{
	return &dg->m;
}

int
diagram_render(struct diagram *dg, const char *scenario,
    enum diagram_format fmt, struct buf *out, struct diags *d)
{
	struct dg_view	 v;
	struct buf	 dot = BUF_INIT;
	struct mark	 none = { 0, 0 };
	Agraph_t	*g;
	size_t		 start;
	int		 rc = 0;

	if (!diagram_view(dg, scenario, &v)) {
		if (dg->sim == NULL)
			diags_error(d, dg->dsn->file, none,
			    "scenario %s: no simulation to draw it from",
			    scenario);
		else
			diags_error(d, dg->dsn->file, none,
			    "unknown scenario %s", scenario);
		return 0;
	}
	switch (fmt) {
	case DIAGRAM_DOT:
		dot_write(out, &dg->m, &v);
		rc = 1;
		break;
	case DIAGRAM_MERMAID:
		mermaid_write(out, &dg->m, &v);
		rc = 1;
		break;
	case DIAGRAM_PNG:
		if (v.scenario != NULL) {
			/* Cairo keeps the text it measured: lay out anew. */
			dot_write(&dot, &dg->m, &v);
			g = gv_layout(buf_cstr(&dot), d, dg->dsn->file);
			buf_release(&dot);
			if (g != NULL)
				rc = gv_render(g, "png", out, d,
				    dg->dsn->file);
			gv_close(g);
			break;
		}
		/* FALLTHROUGH */
	case DIAGRAM_SVG:
		if (!dg_layout(dg, d))
			break;
		/* SVG after the baseline: restyle its text (svg_restyle) */
		if (fmt == DIAGRAM_SVG && svg_restyle(dg, &v, out)) {
			rc = 1;
			break;
		}
		start = out->len;
		gv_apply(dg, &v);
		rc = gv_render(dg->g, fmt == DIAGRAM_SVG ? "svg" : "png", out,
		    d, dg->dsn->file);
		gv_restore(dg);
		if (rc && fmt == DIAGRAM_SVG && v.scenario == NULL &&
		    dg->svg == NULL)
			dg->svg = svg_index(dg, v.idstem, out->ptr + start,
			    out->len - start);
		break;
	}
	dg_view_release(&v);
	return rc;
}

void
diagram_free(struct diagram *dg)
{
	size_t	 i;

	if (dg == NULL)
		return;
	gv_restore(dg);
	gv_close(dg->g);
	svg_tmpl_free(dg->svg);
	free(dg->gv);
	free(dg->undo);
	for (i = 1; i < dg->nstruck; i += 2)
		free(dg->struck[i]);
	free(dg->struck);
	buf_release(&dg->title);
	for (i = 0; i < dg->m.nobjs; i++) {
		free(dg->m.objs[i].id);
		free(dg->m.objs[i].label);
		free(dg->m.objs[i].rows);
	}
	free(dg->m.objs);
	free(dg->m.title);
	free(dg->m.name);
	for (i = 0; i < dg->dsn->nsites; i++) {
		free(dg->sites[i].er);
		free(dg->sites[i].link);
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
	free(dg->conn);
	free(dg->ids);
	free(dg);
}

void
diagram_mermaid(const struct design *dsn, const struct sim *sim,
    const char *scenario, enum diagram_detail detail, struct buf *out)
{
	struct diagram	*dg;
	struct dg_view	 v;

	dg = diagram_new(dsn, sim, detail);
	if (!diagram_view(dg, scenario, &v))
		diagram_view(dg, NULL, &v);
	mermaid_write(out, &dg->m, &v);
	dg_view_release(&v);
	diagram_free(dg);
}

void
diagram_cleanup(void)
{
	if (gv_ctx != NULL)
		gvFreeContext(gv_ctx);
	gv_ctx = NULL;
	buf_release(&gv_msgs);
}

static const struct {
	const char	*name;
	enum diagram_format fmt;
} formats[] = {
	{ "dot", DIAGRAM_DOT }, { "gv", DIAGRAM_DOT },
	{ "svg", DIAGRAM_SVG }, { "png", DIAGRAM_PNG },
	{ "mermaid", DIAGRAM_MERMAID }, { "mmd", DIAGRAM_MERMAID }
};

int
diagram_format_parse(const char *name, enum diagram_format *fmt)
{
	size_t	 i, k;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		for (k = 0; name[k] != '\0' && formats[i].name[k] != '\0';
		    k++) {
			int	 c = (unsigned char)name[k];

			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (c != formats[i].name[k])
				break;
		}
		if (name[k] == '\0' && formats[i].name[k] == '\0') {
			*fmt = formats[i].fmt;
			return 1;
		}
	}
	return 0;
}

int
diagram_format_from_path(const char *path, enum diagram_format *fmt)
{
	const char	*dot, *slash;

	dot = strrchr(path, '.');
	slash = strrchr(path, '/');
	if (dot == NULL || (slash != NULL && dot < slash) || dot[1] == '\0')
		return 0;
	return diagram_format_parse(dot + 1, fmt);
}

int
diagram_detail_parse(const char *name, enum diagram_detail *detail)
{
	if (strcmp(name, "summary") == 0)
		*detail = DIAGRAM_SUMMARY;
	else if (strcmp(name, "full") == 0)
		*detail = DIAGRAM_FULL;
	else
		return 0;
	return 1;
}

const char *
diagram_format_name(enum diagram_format fmt)
{
	switch (fmt) {
	case DIAGRAM_DOT:
		return "dot";
	case DIAGRAM_SVG:
		return "svg";
	case DIAGRAM_PNG:
		return "png";
	case DIAGRAM_MERMAID:
		return "mermaid";
	}
	return "dot";
}

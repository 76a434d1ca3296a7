/*
 * Drift: a design against what is deployed (deployed.h), each
 * difference a finding of the HD8xx family at the design's line for
 * the fact, naming the resource id or Terraform address.  Objects are
 * matched by the names the design gives them (or their defaults:
 * cn-CIRCUIT, cn-SITE-DEVICE, lng-SITE-DEVICE); prefixes and addresses
 * are compared as addresses, not as text.  A fact the export does not
 * report is not a difference.  A shared key is compared by presence
 * only: the export's key is never read.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hybridoc/buf.h"
#include "hybridoc/deployed.h"
#include "hybridoc/design.h"
#include "hybridoc/drift.h"
#include "hybridoc/findings.h"
#include "hybridoc/prefix.h"
#include "hybridoc/xalloc.h"

struct dr {
	const struct design *dsn;
	const struct deployed *dp;
	struct findings	*f;
	char		*obj;	/* object path of the findings that follow */
};

static void
add(struct dr *r, enum rule_id id, struct mark mark, const struct dep_src *s,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* A finding, naming where the deployed fact came from. */
static void
add_obj(struct dr *r, enum rule_id id, const char *object, struct mark mark,
    const struct dep_src *s, const char *msg)
{
	if (s != NULL)
		findings_add(r->f, id, object, mark, "%s (deployed: %s)", msg,
		    s->id ? s->id : s->path);
	else
		findings_add(r->f, id, object, mark, "%s", msg);
}

static void
add(struct dr *r, enum rule_id id, struct mark mark, const struct dep_src *s,
    const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	add_obj(r, id, r->obj ? r->obj : "", mark, s, buf_cstr(&b));
	buf_release(&b);
}

static void
at(struct dr *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sets the object path of the findings that follow. */
static void
at(struct dr *r, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(r->obj);
	r->obj = buf_detach(&b, NULL);
}

/*
 * When obj.key is unknown in the design (design.h): no difference to
 * report, but an HD803 note with what the export gives (text, or the
 * number n when text is NULL), and 1.  A fact the export lacks (text
 * NULL and n < 0) is no note.
 */
static int
unknown_in_design(struct dr *r, const struct value *obj, const char *key,
    const struct dep_src *s, const char *text, long n)
{
	const struct unknown *u = design_unknown_at(r->dsn, obj, key);
	char	 num[32];

	if (u == NULL)
		return 0;
	if (text == NULL && n < 0)
		return 1;
	if (text == NULL) {
		snprintf(num, sizeof(num), "%ld", n);
		text = num;
	}
	if (s != NULL)
		findings_add(r->f, HD803, u->path, u->mark, "%s is unknown in "
		    "the design; the export gives %s: write it in the design "
		    "(deployed: %s)", u->path, text, s->id ? s->id : s->path);
	else
		findings_add(r->f, HD803, u->path, u->mark, "%s is unknown in "
		    "the design; the export gives %s: write it in the design",
		    u->path, text);
	return 1;
}

/* Prefix or address text equal as values; unparsable text as text. */
static int
same_addr(const struct prefix *p, const char *s)
{
	struct prefix	 q;

	if (s == NULL)
		return 1;
	if (strchr(s, '/') != NULL ? prefix_parse(s, &q) != PREFIX_OK :
	    addr_parse(s, &q) != PREFIX_OK)
		return 0;
	return prefix_cmp(p, &q) == 0 && p->len == q.len;
}

static char *
fmt_pfx(const struct prefix *p, int with_len)
{
	char	 t[PREFIX_STRLEN];

	return xstrdup(prefix_format(p, t, with_len));
}

/* The design's prefixes as one text, for messages. */
static char *
pfx_list(const struct prefix *v, size_t n)
{
	struct buf	 b = BUF_INIT;
	char		 t[PREFIX_STRLEN];
	size_t		 i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", prefix_format(&v[i], t,
		    1));
	return buf_detach(&b, NULL);
}

static char *
str_list(char *const *v, size_t n)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", v[i]);
	return buf_detach(&b, NULL);
}

/* Same set of prefixes, in any order. */
static int
same_set(const struct prefix *v, size_t n, char *const *w, size_t m)
{
	size_t	 i, j;

	if (n != m)
		return 0;
	for (i = 0; i < n; i++) {
		for (j = 0; j < m; j++)
			if (same_addr(&v[i], w[j]))
				break;
		if (j == m)
			return 0;
	}
	return 1;
}

static void
check_space(struct dr *r, const struct value *node, const struct prefix *v,
    size_t n, const struct dep_vnet *dv, const char *what)
{
	char	*a, *b;

	if (dv->nspace == 0 || same_set(v, n, dv->space, dv->nspace))
		return;
	a = pfx_list(v, n);
	b = str_list(dv->space, dv->nspace);
	add(r, HD815, design_mark(node, "address_space"), &dv->src,
	    "%s %s: the design's address space is %s, the deployed one %s",
	    what, dv->name, a, b);
	free(a);
	free(b);
}

static void
check_vnet(struct dr *r)
{
	const struct vnet *v = &r->dsn->vnet;
	const struct dep_vnet *dv = deployed_vnet(r->dp, v->name);
	size_t		 i, j;

	at(r, "azure.vnet");
	if (dv == NULL) {
		if (r->dp->nvnets > 0 || r->dp->nsubnets > 0)
			add(r, HD811, design_mark(v->node, "name"), NULL,
			    "VNet %s is not in the export", v->name);
		return;
	}
	check_space(r, v->node, v->address_space, v->naddress_space, dv,
	    "VNet");
	for (i = 0; i < v->nsubnets; i++) {
		const struct subnet *s = &v->subnets[i];
		const struct dep_subnet *ds = NULL;

		for (j = 0; j < r->dp->nsubnets; j++)
			if (strcasecmp(r->dp->subnets[j].vnet, v->name) == 0 &&
			    strcmp(r->dp->subnets[j].name, s->name) == 0)
				ds = &r->dp->subnets[j];
		at(r, "azure.vnet.subnets.%s", s->name);
		if (ds == NULL)
			add(r, HD811, design_mark(s->node, "name"), &dv->src,
			    "subnet %s is not deployed in VNet %s", s->name,
			    v->name);
		else if (!same_addr(&s->prefix, ds->prefix)) {
			char	*a = fmt_pfx(&s->prefix, 1);

			add(r, HD815, design_mark(s->node, "prefix"),
			    &ds->src, "subnet %s: the design's prefix is %s, "
			    "the deployed one %s", s->name, a, ds->prefix);
			free(a);
		}
	}
	at(r, "azure.vnet");
	for (j = 0; j < r->dp->nsubnets; j++) {
		const struct dep_subnet *ds = &r->dp->subnets[j];

		if (strcasecmp(ds->vnet, v->name) != 0)
			continue;
		for (i = 0; i < v->nsubnets; i++)
			if (strcmp(v->subnets[i].name, ds->name) == 0)
				break;
		if (i == v->nsubnets)
			add(r, HD812, design_mark(v->node, v->nsubnets ?
			    "subnets" : "name"), &ds->src, "subnet %s (%s) is "
			    "deployed in VNet %s but not in the design",
			    ds->name, ds->prefix ? ds->prefix : "no prefix",
			    v->name);
	}
	for (i = 0; i < r->dsn->nspokes; i++) {
		const struct spoke *s = &r->dsn->spokes[i];
		const struct dep_vnet *sv = deployed_vnet(r->dp, s->name);

		at(r, "azure.spokes.%s", s->name);
		if (sv == NULL)
			add(r, HD811, design_mark(s->node, "name"), NULL,
			    "spoke VNet %s is not in the export", s->name);
		else
			check_space(r, s->node, s->address_space,
			    s->naddress_space, sv, "spoke VNet");
	}
}

static const char *
bool_word(int b)
{
	return b ? "on" : "off";
}

static void
check_gateways(struct dr *r)
{
	const struct er_gateway *eg = &r->dsn->er_gateway;
	const struct vpn_gateway *vg = &r->dsn->vpn_gateway;
	const struct dep_gateway *de = deployed_gateway(r->dp,
	    r->dsn->vnet.name, DEP_GW_ER);
	const struct dep_gateway *dv = deployed_gateway(r->dp,
	    r->dsn->vnet.name, DEP_GW_VPN);
	size_t		 i;

	at(r, "azure.expressroute_gateway");
	if (eg->node != NULL && de == NULL)
		add(r, HD811, design_mark(eg->node, "name"), NULL,
		    "ExpressRoute gateway %s is not in the export", eg->name);
	else if (eg->node == NULL && de != NULL)
		add(r, HD812, design_mark(r->dsn->azure_node, NULL), &de->src,
		    "ExpressRoute gateway %s is deployed but not in the design",
		    de->name);
	else if (de != NULL) {
		if (strcasecmp(de->name, eg->name) != 0)
			add(r, HD813, design_mark(eg->node, "name"), &de->src,
			    "the ExpressRoute gateway is named %s in the design, "
			    "%s deployed", eg->name, de->name);
		if (de->sku && strcmp(de->sku, eg->sku_name) != 0)
			add(r, HD813, design_mark(eg->node, "sku"), &de->src,
			    "ExpressRoute gateway %s: SKU %s in the design, %s "
			    "deployed", eg->name, eg->sku_name, de->sku);
	}
	at(r, "azure.vpn_gateway");
	if (vg->node != NULL && dv == NULL) {
		add(r, HD811, design_mark(vg->node, "name"), NULL,
		    "VPN gateway %s is not in the export", vg->name);
		return;
	}
	if (vg->node == NULL && dv != NULL) {
		add(r, HD812, design_mark(r->dsn->azure_node, NULL), &dv->src,
		    "VPN gateway %s is deployed but not in the design",
		    dv->name);
		return;
	}
	if (dv == NULL)
		return;
	if (strcasecmp(dv->name, vg->name) != 0)
		add(r, HD813, design_mark(vg->node, "name"), &dv->src,
		    "the VPN gateway is named %s in the design, %s deployed",
		    vg->name, dv->name);
	if (dv->sku && strcmp(dv->sku, vg->sku_name) != 0)
		add(r, HD813, design_mark(vg->node, "sku"), &dv->src,
		    "VPN gateway %s: SKU %s in the design, %s deployed",
		    vg->name, vg->sku_name, dv->sku);
	if (dv->generation > 0 && dv->generation != vg->generation)
		add(r, HD813, design_mark(vg->node, "generation"), &dv->src,
		    "VPN gateway %s: generation %ld in the design, %ld "
		    "deployed", vg->name, vg->generation, dv->generation);
	if (dv->vpn_type && strcasecmp(dv->vpn_type, vg->vpn_type ==
	    VPN_POLICY_BASED ? "PolicyBased" : "RouteBased") != 0)
		add(r, HD813, design_mark(vg->node, "vpn_type"), &dv->src,
		    "VPN gateway %s: VPN type %s in the design, %s deployed",
		    vg->name, vg->vpn_type == VPN_POLICY_BASED ? "PolicyBased" :
		    "RouteBased", dv->vpn_type);
	if (dv->active_active >= 0 && dv->active_active != vg->active_active)
		add(r, HD813, design_mark(vg->node, "active_active"),
		    &dv->src, "VPN gateway %s: active-active %s in the design, "
		    "%s deployed", vg->name, bool_word(vg->active_active),
		    bool_word(dv->active_active));
	if (dv->bgp >= 0 && dv->bgp != vg->bgp)
		add(r, HD813, design_mark(vg->node, "bgp"), &dv->src,
		    "VPN gateway %s: BGP %s in the design, %s deployed",
		    vg->name, bool_word(vg->bgp), bool_word(dv->bgp));
	if (dv->asn >= 0 && dv->asn != vg->asn)
		add(r, HD813, design_mark(vg->node, "asn"), &dv->src,
		    "VPN gateway %s: ASN %ld in the design, %ld deployed",
		    vg->name, vg->asn, dv->asn);
	if (dv->nips != vg->ninstances && dv->nips > 0)
		add(r, HD813, design_mark(vg->node, "instances"), &dv->src,
		    "VPN gateway %s: %zu instance%s in the design, %zu deployed",
		    vg->name, vg->ninstances, vg->ninstances == 1 ? "" : "s",
		    dv->nips);
	for (i = 0; i < vg->ninstances && i < dv->nips; i++) {
		const struct gw_instance *in = &vg->instances[i];
		const char	*pub = deployed_gwip_address(r->dp,
		    &dv->ips[i]);
		const struct dep_pip *pip = dv->ips[i].pip ?
		    deployed_pip(r->dp, dv->ips[i].pip) : NULL;
		char		*a;

		at(r, "azure.vpn_gateway.instances[%zu]", i);
		if (pub != NULL && !unknown_in_design(r, in->node,
		    "public_ip", pip ? &pip->src : &dv->src, pub, -1) &&
		    !same_addr(&in->public_ip, pub)) {
			a = fmt_pfx(&in->public_ip, 0);
			add(r, HD814, design_mark(in->node, "public_ip"), pip ?
			    &pip->src : &dv->src, "VPN gateway %s instance %zu: "
			    "public IP %s in the design, %s deployed", vg->name,
			    i + 1, a, pub);
			free(a);
		}
		(void)unknown_in_design(r, in->node, "bgp_ip", &dv->src,
		    dv->ips[i].bgp_ip, -1);
		if (in->has_bgp_ip && dv->ips[i].bgp_ip != NULL &&
		    !same_addr(&in->bgp_ip, dv->ips[i].bgp_ip)) {
			a = fmt_pfx(&in->bgp_ip, 0);
			add(r, HD814, design_mark(in->node, "bgp_ip"),
			    &dv->src, "VPN gateway %s instance %zu: BGP peer "
			    "address %s in the design, %s deployed", vg->name,
			    i + 1, a, dv->ips[i].bgp_ip);
			free(a);
		}
		if (in->has_apipa_bgp_ip != (dv->ips[i].apipa_ip != NULL) ||
		    (in->has_apipa_bgp_ip && !same_addr(&in->apipa_bgp_ip,
		    dv->ips[i].apipa_ip))) {
			a = in->has_apipa_bgp_ip ? fmt_pfx(&in->apipa_bgp_ip, 0)
			    : xstrdup("none");
			add(r, HD814, design_mark(in->node, "apipa_bgp_ip"),
			    &dv->src, "VPN gateway %s instance %zu: APIPA BGP "
			    "address %s in the design, %s deployed", vg->name,
			    i + 1, a, dv->ips[i].apipa_ip ? dv->ips[i].apipa_ip :
			    "none");
			free(a);
		}
	}
}

/* The ExpressRoute connection of a circuit: by the name a site gives
 * it, else any connection of the ER gateway to the circuit. */
static const struct dep_conn *
er_conn(struct dr *r, const struct circuit *c, const char **name)
{
	size_t	 i, j;
	const struct dep_conn *cn;

	*name = NULL;
	for (i = 0; i < r->dsn->nsites; i++)
		for (j = 0; j < r->dsn->sites[i].ner; j++)
			if (r->dsn->sites[i].er[j].circuit == c) {
				*name = r->dsn->sites[i].er[j].connection;
				if ((cn = deployed_conn(r->dp, *name)) != NULL)
					return cn;
			}
	for (i = 0; i < r->dp->nconns; i++)
		if (r->dp->conns[i].circuit && strcasecmp(r->dp->conns[i].circuit,
		    c->name) == 0)
			return &r->dp->conns[i];
	return NULL;
}

static void
check_circuits(struct dr *r)
{
	size_t		 i, j;

	for (i = 0; i < r->dsn->ncircuits; i++) {
		const struct circuit *c = &r->dsn->circuits[i];
		const struct private_peering *p = &c->peering;
		const struct dep_circuit *dc = deployed_circuit(r->dp, c->name);
		const struct dep_conn *cn;
		const char	*cname;
		char		*a;

		at(r, "circuits.%s", c->name);
		if (dc == NULL) {
			add(r, HD811, design_mark(c->node, "name"), NULL,
			    "circuit %s is not in the export", c->name);
			continue;
		}
		if (dc->provider && !unknown_in_design(r, c->node, "provider",
		    &dc->src, dc->provider, -1) &&
		    strcmp(dc->provider, c->provider) != 0)
			add(r, HD816, design_mark(c->node, "provider"),
			    &dc->src, "circuit %s: provider %s in the design, "
			    "%s deployed", c->name, c->provider, dc->provider);
		if (dc->peering_location && !unknown_in_design(r, c->node,
		    "peering_location", &dc->src, dc->peering_location, -1) &&
		    strcmp(dc->peering_location, c->peering_location) != 0)
			add(r, HD816, design_mark(c->node,
			    "peering_location"), &dc->src, "circuit %s: "
			    "peering location %s in the design, %s deployed",
			    c->name, c->peering_location, dc->peering_location);
		if (dc->bandwidth_mbps >= 0 && !unknown_in_design(r, c->node,
		    "bandwidth_mbps", &dc->src, NULL, dc->bandwidth_mbps) &&
		    dc->bandwidth_mbps != c->bandwidth_mbps)
			add(r, HD816, design_mark(c->node, "bandwidth_mbps"),
			    &dc->src, "circuit %s: bandwidth %ld Mbps in the "
			    "design, %ld Mbps deployed", c->name,
			    c->bandwidth_mbps, dc->bandwidth_mbps);
		if (dc->sku && strcasecmp(dc->sku, circuit_sku_name(c->sku)) !=
		    0)
			add(r, HD816, design_mark(c->node, "sku"), &dc->src,
			    "circuit %s: SKU %s in the design, %s deployed",
			    c->name, circuit_sku_name(c->sku), dc->sku);
		/* The group the circuit's commands run in (a wrong one
		 * sends them to another circuit, or to none). */
		if (c->resource_group && dc->resource_group &&
		    strcasecmp(c->resource_group, dc->resource_group) != 0)
			add(r, HD816, design_mark(c->node, "resource_group"),
			    &dc->src, "circuit %s: resource group %s in the "
			    "design, %s deployed", c->name, c->resource_group,
			    dc->resource_group);
		at(r, "circuits.%s.private_peering", c->name);
		if (!dc->has_peering)
			add(r, HD811, design_mark(p->node, NULL), &dc->src,
			    "circuit %s: the private peering is not in the "
			    "export", c->name);
		else {
			if (dc->peer_asn >= 0 && !unknown_in_design(r, p->node,
			    "peer_asn", &dc->peering_src, NULL, dc->peer_asn) &&
			    dc->peer_asn != p->peer_asn)
				add(r, HD817, design_mark(p->node, "peer_asn"),
				    &dc->peering_src, "circuit %s: peer ASN %ld "
				    "in the design, %ld deployed", c->name,
				    p->peer_asn, dc->peer_asn);
			if (!unknown_in_design(r, p->node, "primary_subnet",
			    &dc->peering_src, dc->primary_subnet, -1) &&
			    !same_addr(&p->primary_subnet,
			    dc->primary_subnet)) {
				a = fmt_pfx(&p->primary_subnet, 1);
				add(r, HD817, design_mark(p->node,
				    "primary_subnet"), &dc->peering_src,
				    "circuit %s: primary peering subnet %s in "
				    "the design, %s deployed", c->name, a,
				    dc->primary_subnet);
				free(a);
			}
			if (!unknown_in_design(r, p->node, "secondary_subnet",
			    &dc->peering_src, dc->secondary_subnet, -1) &&
			    !same_addr(&p->secondary_subnet,
			    dc->secondary_subnet)) {
				a = fmt_pfx(&p->secondary_subnet, 1);
				add(r, HD817, design_mark(p->node,
				    "secondary_subnet"), &dc->peering_src,
				    "circuit %s: secondary peering subnet %s in "
				    "the design, %s deployed", c->name, a,
				    dc->secondary_subnet);
				free(a);
			}
			if (dc->vlan_id >= 0 && !unknown_in_design(r, p->node,
			    "vlan_id", &dc->peering_src, NULL, dc->vlan_id) &&
			    dc->vlan_id != p->vlan_id)
				add(r, HD817, design_mark(p->node, "vlan_id"),
				    &dc->peering_src, "circuit %s: VLAN %ld in "
				    "the design, %ld deployed", c->name,
				    p->vlan_id, dc->vlan_id);
		}
		at(r, "circuits.%s", c->name);
		cn = er_conn(r, c, &cname);
		if (cn == NULL) {
			if (r->dsn->er_gateway.node != NULL)
				add(r, HD811, design_mark(c->node, "name"),
				    &dc->src, "circuit %s: its connection to "
				    "the ExpressRoute gateway%s%s is not in the "
				    "export", c->name, cname ? ", " : "",
				    cname ? cname : "");
			continue;
		}
		if (cn->routing_weight >= 0 && cn->routing_weight !=
		    c->routing_weight)
			add(r, HD818, design_mark(c->node, "routing_weight"),
			    &cn->src, "circuit %s: connection %s has routing "
			    "weight %ld in the design, %ld deployed", c->name,
			    cn->name, c->routing_weight, cn->routing_weight);
		if (cn->fastpath >= 0 && cn->fastpath != c->fastpath)
			add(r, HD818, design_mark(c->node, "fastpath"),
			    &cn->src, "circuit %s: connection %s has FastPath "
			    "%s in the design, %s deployed", c->name, cn->name,
			    bool_word(c->fastpath), bool_word(cn->fastpath));
	}
	at(r, "circuits");
	for (j = 0; j < r->dp->ncircuits; j++)
		if (design_circuit(r->dsn, r->dp->circuits[j].name) == NULL)
			add(r, HD812, r->dsn->ncircuits ?
			    design_mark(r->dsn->circuits[0].node, NULL) :
			    design_mark(r->dsn->azure_node, NULL),
			    &r->dp->circuits[j].src, "circuit %s is deployed "
			    "but not in the design", r->dp->circuits[j].name);
}

static void
check_device(struct dr *r, const struct site *s, const struct vpn_device *v)
{
	const struct dep_lng *l = deployed_lng(r->dp,
	    v->local_network_gateway);
	const struct dep_conn *cn = deployed_conn(r->dp, v->connection);
	char		*a;

	at(r, "sites.%s.vpn.%s", s->name, v->name);
	if (l == NULL)
		add(r, HD811, design_mark(v->node, NULL), NULL, "site %s "
		    "device %s: local network gateway %s is not in the export",
		    s->name, v->name, v->local_network_gateway);
	else {
		if (l->gateway_ip != NULL && !unknown_in_design(r, v->node,
		    "public_ip", &l->src, l->gateway_ip, -1) &&
		    !same_addr(&v->public_ip, l->gateway_ip)) {
			a = fmt_pfx(&v->public_ip, 0);
			add(r, HD814, design_mark(v->node, "public_ip"),
			    &l->src, "site %s device %s: public IP %s in the "
			    "design, %s on local network gateway %s", s->name,
			    v->name, a, l->gateway_ip, l->name);
			free(a);
		}
		if (v->has_bgp && l->asn >= 0 && !unknown_in_design(r,
		    value_map_get(v->node, "bgp"), "asn", &l->src, NULL,
		    l->asn) && l->asn != v->bgp_asn)
			add(r, HD813, design_mark(v->node, "bgp"), &l->src,
			    "site %s device %s: ASN %ld in the design, %ld on "
			    "local network gateway %s", s->name, v->name,
			    v->bgp_asn, l->asn, l->name);
		if (v->has_bgp && l->bgp_peer_ip != NULL &&
		    !unknown_in_design(r, value_map_get(v->node, "bgp"),
		    "peer_ip", &l->src, l->bgp_peer_ip, -1) &&
		    !same_addr(&v->bgp_peer_ip, l->bgp_peer_ip)) {
			a = fmt_pfx(&v->bgp_peer_ip, 0);
			add(r, HD814, design_mark(v->node, "bgp"), &l->src,
			    "site %s device %s: BGP peer address %s in the "
			    "design, %s on local network gateway %s", s->name,
			    v->name, a, l->bgp_peer_ip, l->name);
			free(a);
		}
		if (v->is_static && l->nprefixes > 0 &&
		    !same_set(s->address_prefixes, s->naddress_prefixes,
		    l->prefixes, l->nprefixes)) {
			char	*b = str_list(l->prefixes, l->nprefixes);

			a = pfx_list(s->address_prefixes,
			    s->naddress_prefixes);
			add(r, HD815, design_mark(s->node,
			    "address_prefixes"), &l->src, "site %s device %s: "
			    "the design routes %s to the site, local network "
			    "gateway %s holds %s", s->name, v->name, a, l->name,
			    b);
			free(a);
			free(b);
		}
	}
	if (cn == NULL) {
		add(r, HD811, design_mark(v->node, NULL), NULL, "site %s "
		    "device %s: connection %s is not in the export", s->name,
		    v->name, v->connection);
		return;
	}
	if (cn->bgp >= 0 && cn->bgp != v->has_bgp)
		add(r, HD818, design_mark(v->node, v->has_bgp ? "bgp" :
		    "static"), &cn->src, "site %s device %s: BGP %s on the "
		    "connection in the design, %s deployed", s->name, v->name,
		    bool_word(v->has_bgp), bool_word(cn->bgp));
	if (cn->shared_key == 1 && v->shared_key_ref == NULL)
		add(r, HD818, design_mark(v->node, NULL), &cn->src, "site %s "
		    "device %s: connection %s has a shared key set, but the "
		    "design names no shared_key_ref", s->name, v->name,
		    cn->name);
	else if (cn->shared_key == 0 && v->shared_key_ref != NULL)
		add(r, HD818, design_mark(v->node, "shared_key_ref"),
		    &cn->src, "site %s device %s: the design names a shared "
		    "key, but connection %s has none set", s->name, v->name,
		    cn->name);
	if (cn->ike_version > 0 && cn->ike_version != v->ike.version)
		add(r, HD818, design_mark(v->node, "ike"), &cn->src, "site "
		    "%s device %s: IKEv%ld in the design, IKEv%ld deployed",
		    s->name, v->name, v->ike.version, cn->ike_version);
	if (cn->dpd_timeout_s >= 0 && cn->dpd_timeout_s != v->ike.dpd_timeout_s)
		add(r, HD818, design_mark(v->node, "ike"), &cn->src, "site "
		    "%s device %s: DPD timeout %ld s in the design, %ld s "
		    "deployed", s->name, v->name, v->ike.dpd_timeout_s,
		    cn->dpd_timeout_s);
}

static void
check_sites(struct dr *r)
{
	size_t	 i, j, k;
	int	 claimed;

	for (i = 0; i < r->dsn->nsites; i++)
		for (j = 0; j < r->dsn->sites[i].ndevices; j++)
			check_device(r, &r->dsn->sites[i],
			    &r->dsn->sites[i].devices[j]);
	at(r, "sites");
	for (k = 0; k < r->dp->nlngs; k++) {
		claimed = 0;
		for (i = 0; i < r->dsn->nsites; i++)
			for (j = 0; j < r->dsn->sites[i].ndevices; j++)
				if (strcasecmp(r->dsn->sites[i].devices[j].
				    local_network_gateway, r->dp->lngs[k].name)
				    == 0)
					claimed = 1;
		if (!claimed)
			add(r, HD812, r->dsn->nsites ?
			    design_mark(r->dsn->sites[0].node, NULL) :
			    design_mark(r->dsn->azure_node, NULL),
			    &r->dp->lngs[k].src, "local network gateway %s is "
			    "deployed but no device of the design uses it",
			    r->dp->lngs[k].name);
	}
	for (k = 0; k < r->dp->nconns; k++) {
		const struct dep_conn *c = &r->dp->conns[k];

		claimed = 0;
		for (i = 0; i < r->dsn->nsites; i++) {
			for (j = 0; j < r->dsn->sites[i].ndevices; j++)
				if (strcasecmp(r->dsn->sites[i].devices[j].
				    connection, c->name) == 0)
					claimed = 1;
			for (j = 0; j < r->dsn->sites[i].ner; j++)
				if (strcasecmp(r->dsn->sites[i].er[j].connection,
				    c->name) == 0)
					claimed = 1;
		}
		/* A circuit's connection under another name is matched by
		 * circuit (er_conn), as is one no site names. */
		if (!claimed && c->circuit != NULL && design_circuit(r->dsn,
		    c->circuit) != NULL)
			claimed = 1;
		if (!claimed)
			add(r, HD812, r->dsn->nsites ?
			    design_mark(r->dsn->sites[0].node, NULL) :
			    design_mark(r->dsn->azure_node, NULL), &c->src,
			    "connection %s is deployed but not in the design",
			    c->name);
	}
}

static void
check_route_server(struct dr *r)
{
	const struct route_server *rs = &r->dsn->route_server;
	const struct dep_route_server *d = r->dp->nroute_servers ?
	    &r->dp->route_servers[0] : NULL;

	at(r, "route_server");
	if (rs->enabled && d == NULL && r->dp->nresources > 0)
		add(r, HD811, design_mark(rs->node, "enabled"), NULL,
		    "Route Server is enabled in the design but not in the "
		    "export");
	else if (!rs->enabled && d != NULL)
		add(r, HD812, rs->node ? design_mark(rs->node, "enabled") :
		    design_mark(r->dsn->azure_node, NULL), &d->src,
		    "Route Server %s is deployed but not enabled in the design",
		    d->name);
	else if (d != NULL && d->branch_to_branch >= 0 &&
	    d->branch_to_branch != rs->branch_to_branch)
		add(r, HD813, design_mark(rs->node, "branch_to_branch"),
		    &d->src, "Route Server %s: branch-to-branch %s in the "
		    "design, %s deployed", d->name,
		    bool_word(rs->branch_to_branch),
		    bool_word(d->branch_to_branch));
}

void
drift_check(const struct design *dsn, const struct deployed *dp,
    struct findings *f)
{
	struct dr	 r;

	r.dsn = dsn;
	r.dp = dp;
	r.f = f;
	r.obj = NULL;
	check_vnet(&r);
	check_gateways(&r);
	check_circuits(&r);
	check_sites(&r);
	check_route_server(&r);
	free(r.obj);
}

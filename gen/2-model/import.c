/*
 * `import`'s writer: the model of what is deployed (deployed.h) and an
 * overlay in, the YAML of a design out.  It builds a value tree of the
 * design, merges the overlay into it by names (import.h says who wins),
 * puts every map's keys in the schema table's order, writes YAML with a
 * comment naming each object's resource id, and finally loads the text
 * it wrote with the design loader, so that what leaves is a design that
 * `validate` accepts.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hybridoc/buf.h"
#include "hybridoc/deployed.h"
#include "hybridoc/design.h"
#include "hybridoc/import.h"
#include "hybridoc/prefix.h"
#include "hybridoc/schema.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

/* Comments attached to nodes of the tree being built. */
struct notes_of {
	const struct value **nodes;
	char		**text;
	size_t		 n;
};

struct im {
	const struct deployed *dp;
	int		 deployed_only;	/* IMPORT_DEPLOYED_ONLY */
	const char	*ofile;		/* overlay file name */
	struct diags	*d;
	struct notes_of	 c;
	const struct dep_vnet *hub;
	const struct dep_gateway *ergw, *vpngw;
};

static void
onote(struct im *m, const char *fmt, ...) __attribute__((format(printf, 2,
    3)));

/* A note about the overlay or the result (no input position). */
static void
onote(struct im *m, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	struct mark	 none = { 0, 0 };
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diags_add(m->d, DIAG_NOTE, m->ofile ? m->ofile : "import", none, NULL,
	    "%s", buf_cstr(&b));
	buf_release(&b);
}

static void
comment(struct im *m, const struct value *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
comment(struct im *m, const struct value *node, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;
	size_t		 i;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	for (i = 0; i < b.len; i++)
		if ((unsigned char)b.ptr[i] < 0x20 || b.ptr[i] == 0x7f)
			b.ptr[i] = '?';
	m->c.nodes = xreallocarray(m->c.nodes, m->c.n + 1,
	    sizeof(*m->c.nodes));
	m->c.text = xreallocarray(m->c.text, m->c.n + 1, sizeof(*m->c.text));
	m->c.nodes[m->c.n] = node;
	m->c.text[m->c.n++] = buf_detach(&b, NULL);
}

static void
src_comment(struct im *m, const struct value *node, const struct dep_src *s)
{
	if (s->id != NULL)
		comment(m, node, "from %s", s->id);
	else
		comment(m, node, "from %s %s", s->file, s->path);
}

/* ---- value helpers ---- */

static void
vdel(struct value *map, const char *key)
{
	long	 i = value_map_index(map, key);

	if (i < 0)
		return;
	value_free(map->items[i]);
	free(map->keys[i]);
	memmove(&map->items[i], &map->items[i + 1], (map->n - (size_t)i - 1) *
	    sizeof(*map->items));
	memmove(&map->keys[i], &map->keys[i + 1], (map->n - (size_t)i - 1) *
	    sizeof(*map->keys));
	memmove(&map->key_marks[i], &map->key_marks[i + 1], (map->n -
	    (size_t)i - 1) * sizeof(*map->key_marks));
	map->n--;
}

/* Puts child under key, replacing what was there. */
static struct value *
vset(struct value *map, const char *key, struct value *child)
{
	long	 i = value_map_index(map, key);

	if (i < 0)
		return value_map_put(map, key, child);
	value_free(map->items[i]);
	map->items[i] = child;
	return child;
}

static void
vset_str(struct value *map, const char *key, const char *s)
{
	struct value	*v;

	if (s == NULL)
		return;
	v = vset(map, key, value_new_str(s));
	/* The export's text "unknown" is that word, not the marker. */
	v->quoted = value_is_unknown(v);
}

/*
 * A required value the export does not give: `unknown` (docs/format.md)
 * rather than an invented one, unless the key is already set.  The
 * overlay may give it (merge), else validate lists it (HD801).
 */
static void
vset_unknown(struct value *map, const char *key)
{
	if (value_map_get(map, key) == NULL)
		value_map_put(map, key, value_new_str("unknown"));
}

static void
vset_int(struct value *map, const char *key, long n)
{
	if (n >= 0)
		vset(map, key, value_new_int(n));
}

static void
vset_bool(struct value *map, const char *key, int b)
{
	if (b >= 0)
		vset(map, key, value_new_bool(b));
}

static struct value *
vstrlist(char *const *v, size_t n)
{
	struct value	*l = value_new_list();
	size_t		 i;

	for (i = 0; i < n; i++)
		value_list_push(l, value_new_str(v[i]));
	return l;
}

/* The scalar text of v, for comparisons and messages. */
static char *
vtext(const struct value *v)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	if (v == NULL)
		return xstrdup("");
	if (v->kind == VALUE_LIST) {
		for (i = 0; i < v->n; i++) {
			char	*t = vtext(v->items[i]);

			buf_printf(&b, "%s%s", i ? ", " : "", t);
			free(t);
		}
		return buf_detach(&b, NULL);
	}
	value_scalar_text(&b, v);
	return buf_detach(&b, NULL);
}

/* The element of a list of maps whose "name" is name (case-insensitive). */
static struct value *
by_name(const struct value *list, const char *name)
{
	size_t		 i;
	const char	*n;

	if (list == NULL || list->kind != VALUE_LIST || name == NULL)
		return NULL;
	for (i = 0; i < list->n; i++)
		if ((n = value_map_cstr(list->items[i], "name")) != NULL &&
		    strcasecmp(n, name) == 0)
			return list->items[i];
	return NULL;
}

/* A mapping-or-list field (site.vpn, site.expressroute) as a new list of
 * copies. */
static struct value *
as_list(const struct value *v)
{
	struct value	*l = value_new_list();
	size_t		 i;

	if (v == NULL)
		return l;
	if (v->kind == VALUE_MAP)
		value_list_push(l, value_copy(v));
	else if (v->kind == VALUE_LIST)
		for (i = 0; i < v->n; i++)
			value_list_push(l, value_copy(v->items[i]));
	return l;
}

static void merge(struct im *m, struct value *iv, const struct value *ov,
    const char *where);

/* Objects of the design that only Azure can hold, by object path. */
static int
azure_owned(const char *path)
{
	static const char *const owned[] = { "azure.vnet", "azure.spokes",
		"azure.expressroute_gateway", "azure.vpn_gateway",
		"azure.vnet.subnets", "circuits", "route_server", NULL };
	size_t	 i;

	for (i = 0; owned[i] != NULL; i++)
		if (strcmp(path, owned[i]) == 0)
			return 1;
	return 0;
}

/*
 * Merges the overlay's list of named maps o into the imported list x by
 * name: matches merge, overlay-only elements are kept with a note, and
 * the result follows the overlay's order, then the export's.
 */
static void
merge_named(struct im *m, struct value *x, const struct value *o,
    const char *path)
{
	struct value	**items;
	size_t		 j, k = 0;
	char		*taken;

	if (o == NULL || o->kind != VALUE_LIST || x->kind != VALUE_LIST)
		return;
	for (j = 0; j < o->n; j++) {
		const char	*n = value_map_cstr(o->items[j], "name");
		struct value	*e = by_name(x, n);
		char		*p2;

		if (n == NULL)
			continue;
		p2 = xasprintf("%s.%s", path, n);
		if (e != NULL)
			merge(m, e, o->items[j], p2);
		else if (!m->deployed_only) {
			value_list_push(x, value_copy(o->items[j]));
			onote(m, "%s: in the overlay but not in the export; "
			    "kept as the overlay has it", p2);
		}
		free(p2);
	}
	/* Overlay order first. */
	items = xcalloc(x->n + 1, sizeof(*items));
	taken = xcalloc(x->n + 1, 1);
	for (j = 0; j < o->n; j++) {
		const char	*n = value_map_cstr(o->items[j], "name");
		size_t		 i;

		for (i = 0; n != NULL && i < x->n; i++)
			if (!taken[i] && value_map_cstr(x->items[i], "name") &&
			    strcasecmp(value_map_cstr(x->items[i], "name"), n)
			    == 0) {
				taken[i] = 1;
				items[k++] = x->items[i];
				break;
			}
	}
	for (j = 0; j < x->n; j++)
		if (!taken[j])
			items[k++] = x->items[j];
	memcpy(x->items, items, x->n * sizeof(*items));
	free(items);
	free(taken);
}

/*
 * Merges the overlay map ov into the imported map iv: keys only in the
 * overlay are copied; maps merge; lists of named maps merge by name
 * (merge_named); on scalars the export wins, with a note when the
 * overlay said something else.  where is the object path for notes.
 */
static void
merge(struct im *m, struct value *iv, const struct value *ov,
    const char *where)
{
	size_t		 i;

	if (ov == NULL || ov->kind != VALUE_MAP || iv->kind != VALUE_MAP)
		return;
	for (i = 0; i < ov->n; i++) {
		const char	*k = ov->keys[i];
		const struct value *o = ov->items[i];
		struct value	*x = value_map_get(iv, k);
		char		*path = xasprintf("%s%s%s", where, *where ?
		    "." : "", k);

		if (x == NULL && m->deployed_only && azure_owned(path))
			;	/* not deployed: not in the result */
		else if (x == NULL)
			value_map_put(iv, k, value_copy(o));
		else if (value_is_unknown(x) && !value_is_unknown(o)) {
			/* Not in the export: the overlay's value is no
			 * disagreement. */
			value_free(iv->items[value_map_index(iv, k)]);
			iv->items[value_map_index(iv, k)] = value_copy(o);
		} else if (x->kind == VALUE_MAP && o->kind == VALUE_MAP)
			merge(m, x, o, path);
		else if (x->kind == VALUE_LIST && o->kind == VALUE_LIST &&
		    o->n > 0 && o->items[0]->kind == VALUE_MAP &&
		    value_map_cstr(o->items[0], "name") != NULL)
			merge_named(m, x, o, path);
		else {
			char	*a = vtext(x), *b = vtext(o);

			if (strcmp(a, b) != 0)
				onote(m, "%s: the overlay says '%s', the export "
				    "'%s'; the export's value is kept", path, b,
				    a);
			free(a);
			free(b);
		}
		free(path);
	}
}

/* ---- the design, part by part ---- */

static char *
slug_of(const char *s)
{
	struct buf	 b = BUF_INIT;
	int		 dash = 0;

	for (; *s != '\0' && b.len < 80; s++) {
		char	 c = *s;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b.len > 0)
				buf_putc(&b, '-');
			buf_putc(&b, c);
			dash = 0;
		} else
			dash = 1;
	}
	if (b.len == 0)
		buf_puts(&b, "imported");
	return buf_detach(&b, NULL);
}

static struct value *
build_vnet(struct im *m)
{
	struct value	*v = value_new_map(), *subs;
	size_t		 i;

	value_map_str(v, "name", m->hub->name);
	vset(v, "address_space", vstrlist(m->hub->space, m->hub->nspace));
	subs = value_map_list(v, "subnets");
	for (i = 0; i < m->dp->nsubnets; i++) {
		const struct dep_subnet *s = &m->dp->subnets[i];
		struct value	*e;

		if (strcasecmp(s->vnet, m->hub->name) != 0)
			continue;
		if (s->prefix == NULL) {
			onote(m, "subnet %s of %s has no prefix in the export; "
			    "left out", s->name, s->vnet);
			continue;
		}
		e = value_list_map(subs);
		value_map_str(e, "name", s->name);
		value_map_str(e, "prefix", s->prefix);
		if (s->src.id != NULL)
			src_comment(m, e, &s->src);
	}
	if (subs->n == 0)
		vdel(v, "subnets");
	src_comment(m, v, &m->hub->src);
	return v;
}

static int
peered(const struct dep_vnet *a, const struct dep_vnet *b)
{
	size_t	 i;

	for (i = 0; i < a->npeers; i++)
		if (strcasecmp(a->peers[i], b->name) == 0)
			return 1;
	for (i = 0; i < b->npeers; i++)
		if (strcasecmp(b->peers[i], a->name) == 0)
			return 1;
	return 0;
}

static struct value *
build_spokes(struct im *m, const struct value *ov_spokes)
{
	struct value	*l = value_new_list();
	size_t		 i;

	for (i = 0; i < m->dp->nvnets; i++) {
		const struct dep_vnet *v = &m->dp->vnets[i];
		struct value	*e;

		if (v == m->hub)
			continue;
		if (!peered(v, m->hub) && by_name(ov_spokes, v->name) ==
		    NULL) {
			onote(m, "virtual network %s is not peered with the "
			    "hub %s in the input; left out (name it under "
			    "azure.spokes in the overlay to keep it)", v->name,
			    m->hub->name);
			continue;
		}
		if (v->nspace == 0) {
			onote(m, "virtual network %s has no address space in "
			    "the export; left out", v->name);
			continue;
		}
		e = value_list_map(l);
		value_map_str(e, "name", v->name);
		vset(e, "address_space", vstrlist(v->space, v->nspace));
		src_comment(m, e, &v->src);
	}
	return l;
}

static struct value *
build_ergw(struct im *m)
{
	struct value	*v = value_new_map();
	size_t		 i;
	int		 fastpath = 0;

	value_map_str(v, "name", m->ergw->name);
	vset_str(v, "sku", m->ergw->sku);
	for (i = 0; i < m->dp->nconns; i++)
		if (m->dp->conns[i].gateway && strcasecmp(m->dp->conns[i].gateway,
		    m->ergw->name) == 0 && m->dp->conns[i].fastpath == 1)
			fastpath = 1;
	if (fastpath)
		value_map_bool(v, "fastpath", 1);
	src_comment(m, v, &m->ergw->src);
	return v;
}

static struct value *
build_vpngw(struct im *m)
{
	const struct dep_gateway *g = m->vpngw;
	struct value	*v = value_new_map(), *inst;
	size_t		 i;

	value_map_str(v, "name", g->name);
	vset_str(v, "sku", g->sku);
	vset_int(v, "generation", g->generation);
	vset_str(v, "vpn_type", g->vpn_type);
	vset_int(v, "asn", g->asn);
	vset_bool(v, "active_active", g->active_active);
	vset_bool(v, "bgp", g->bgp);
	inst = value_map_list(v, "instances");
	for (i = 0; i < g->nips; i++) {
		const char	*pub = deployed_gwip_address(m->dp, &g->ips[i]);
		struct value	*e;

		if (pub == NULL)
			onote(m, "gateway %s: ip configuration %s has no public "
			    "IP address in the export (the public IP resource "
			    "%s is %s); its public_ip is written as unknown",
			    g->name, g->ips[i].name ? g->ips[i].name : "?",
			    g->ips[i].pip ? g->ips[i].pip : "(unnamed)",
			    g->ips[i].pip && deployed_pip(m->dp, g->ips[i].pip)
			    ? "not assigned an address" : "not in the input");
		e = value_list_map(inst);
		if (pub != NULL)
			vset_str(e, "public_ip", pub);
		else
			vset_unknown(e, "public_ip");
		vset_str(e, "bgp_ip", g->ips[i].bgp_ip);
		vset_str(e, "apipa_bgp_ip", g->ips[i].apipa_ip);
		if (g->ips[i].pip != NULL && deployed_pip(m->dp, g->ips[i].pip))
			src_comment(m, e, &deployed_pip(m->dp,
			    g->ips[i].pip)->src);
	}
	src_comment(m, v, &g->src);
	return v;
}

/* The gateway connection to a circuit or LNG: to the hub's gateway of
 * that kind when there is one, else any. */
static const struct dep_conn *
conn_of(struct im *m, const struct dep_gateway *gw, const char *peer)
{
	size_t	 i;

	if (gw != NULL)
		return deployed_conn_to(m->dp, gw->name, peer);
	for (i = 0; i < m->dp->nconns; i++)
		if ((m->dp->conns[i].lng && strcasecmp(m->dp->conns[i].lng,
		    peer) == 0) || (m->dp->conns[i].circuit &&
		    strcasecmp(m->dp->conns[i].circuit, peer) == 0))
			return &m->dp->conns[i];
	return NULL;
}

static struct value *
build_circuits(struct im *m)
{
	struct value	*l = value_new_list();
	const char	*hub_sub = m->vpngw ? m->vpngw->subscription :
	    m->ergw ? m->ergw->subscription : m->hub ? m->hub->subscription :
	    NULL;
	size_t		 i;

	for (i = 0; i < m->dp->ncircuits; i++) {
		const struct dep_circuit *c = &m->dp->circuits[i];
		const struct dep_conn *cn = conn_of(m, m->ergw, c->name);
		struct value	*e, *pp;

		e = value_list_map(l);
		value_map_str(e, "name", c->name);
		/*
		 * Where the circuit lives, from its id: the procedures' circuit
		 * commands run there.  Its subscription only when it is not
		 * the hub's (the hub's gateways', as the export tells it).
		 */
		vset_str(e, "resource_group", c->resource_group);
		if (c->subscription != NULL && hub_sub != NULL &&
		    strcasecmp(c->subscription, hub_sub) != 0)
			vset_str(e, "subscription", c->subscription);
		vset_str(e, "provider", c->provider);
		vset_str(e, "peering_location", c->peering_location);
		vset_int(e, "bandwidth_mbps", c->bandwidth_mbps);
		vset_unknown(e, "provider");
		vset_unknown(e, "peering_location");
		vset_unknown(e, "bandwidth_mbps");
		vset_str(e, "sku", c->sku);
		if (cn != NULL) {
			vset_int(e, "routing_weight", cn->routing_weight);
			vset_bool(e, "fastpath", cn->fastpath);
		} else
			onote(m, "circuit %s: no connection to the ExpressRoute "
			    "gateway in the input; routing weight and FastPath "
			    "are left at their defaults", c->name);
		/*
		 * No private peering yet (the provider has not provisioned
		 * it): its facts are unknown, not left out.
		 */
		pp = value_map_put(e, "private_peering", value_new_map());
		if (c->has_peering) {
			vset_int(pp, "peer_asn", c->peer_asn);
			vset_str(pp, "primary_subnet", c->primary_subnet);
			vset_str(pp, "secondary_subnet", c->secondary_subnet);
			vset_int(pp, "vlan_id", c->vlan_id);
			if (c->peering_src.id != NULL)
				src_comment(m, pp, &c->peering_src);
		} else
			comment(m, pp, "not in the export: unknown until the "
			    "peering is configured");
		vset_unknown(pp, "peer_asn");
		vset_unknown(pp, "primary_subnet");
		vset_unknown(pp, "secondary_subnet");
		vset_unknown(pp, "vlan_id");
		src_comment(m, e, &c->src);
		if (cn != NULL)
			comment(m, e, "connection %s", cn->src.id ?
			    cn->src.id : cn->name);
	}
	return l;
}

/* Fills a VPN device map from its LNG and connection. */
static void
fill_device(struct im *m, struct value *dev, const struct dep_lng *lng,
    const char *site, const char *devname)
{
	const struct dep_conn *cn = conn_of(m, m->vpngw, lng->name);
	struct prefix	 addr;
	char		*defconn = xasprintf("cn-%s-%s", site, devname);
	char		*deflng = xasprintf("lng-%s-%s", site, devname);
	struct value	*ike;

	if (lng->gateway_ip != NULL && addr_parse(lng->gateway_ip, &addr) ==
	    PREFIX_OK)
		vset_str(dev, "public_ip", lng->gateway_ip);
	else if (lng->gateway_ip != NULL)
		onote(m, "local network gateway %s: gatewayIpAddress '%s' is "
		    "not an IP address; public_ip is written as unknown: give "
		    "it in the overlay", lng->name, lng->gateway_ip);
	else
		onote(m, "local network gateway %s has %s; public_ip is "
		    "written as unknown: give it in the overlay", lng->name,
		    lng->fqdn ? "an FQDN, not an address" :
		    "no gateway address");
	if (value_map_get(dev, "public_ip") == NULL)
		vset_unknown(dev, "public_ip");
	if (cn != NULL && cn->bgp == 1 && lng->asn >= 0 && lng->bgp_peer_ip) {
		struct value	*b = vset(dev, "bgp", value_new_map());

		vdel(dev, "static");
		value_map_int(b, "asn", lng->asn);
		value_map_str(b, "peer_ip", lng->bgp_peer_ip);
	} else if (cn != NULL && cn->bgp == 1) {
		struct value	*b = vset(dev, "bgp", value_new_map());

		vdel(dev, "static");
		vset_int(b, "asn", lng->asn);
		vset_str(b, "peer_ip", lng->bgp_peer_ip);
		vset_unknown(b, "asn");
		vset_unknown(b, "peer_ip");
		onote(m, "connection %s has BGP on but local network gateway "
		    "%s lacks BGP settings in the export; what is missing is "
		    "written as unknown", cn->name, lng->name);
	} else if (cn != NULL || value_map_get(dev, "bgp") == NULL) {
		vdel(dev, "bgp");
		vset(dev, "static", value_new_bool(1));
	}
	if (cn != NULL) {
		ike = value_map_get(dev, "ike");
		if (cn->ike_version > 0 || cn->dpd_timeout_s >= 0 ||
		    cn->sa_lifetime_s >= 0) {
			if (ike == NULL || ike->kind != VALUE_MAP)
				ike = vset(dev, "ike", value_new_map());
			vset_int(ike, "version", cn->ike_version > 0 ?
			    cn->ike_version : -1);
			vset_int(ike, "dpd_timeout_s", cn->dpd_timeout_s);
			vset_int(ike, "sa_lifetime_s", cn->sa_lifetime_s);
		}
		if (strcasecmp(cn->name, defconn) != 0)
			vset_str(dev, "connection", cn->name);
		if (cn->shared_key == 1 && value_map_get(dev,
		    "shared_key_ref") == NULL)
			comment(m, dev, "connection %s has a shared key set "
			    "(never imported): name where it is kept in "
			    "shared_key_ref", cn->name);
		src_comment(m, dev, &cn->src);
	} else
		onote(m, "local network gateway %s: no connection to the VPN "
		    "gateway in the input", lng->name);
	if (strcasecmp(lng->name, deflng) != 0)
		vset_str(dev, "local_network_gateway", lng->name);
	src_comment(m, dev, &lng->src);
	free(defconn);
	free(deflng);
}

/* The LNG's prefixes without its BGP peer's host route. */
static struct value *
lng_prefixes(struct im *m, const struct dep_lng *l, const char *site)
{
	struct value	*v = value_new_list();
	size_t		 i;
	char		*host = l->bgp_peer_ip ? xasprintf("%s/%s",
	    l->bgp_peer_ip, strchr(l->bgp_peer_ip, ':') ? "128" : "32") :
	    NULL;

	for (i = 0; i < l->nprefixes; i++)
		if (host == NULL || strcmp(l->prefixes[i], host) != 0)
			value_list_push(v, value_new_str(l->prefixes[i]));
	if (v->n == 0) {
		for (i = 0; i < l->nprefixes; i++)
			value_list_push(v, value_new_str(l->prefixes[i]));
		onote(m, "site %s: local network gateway %s holds only the BGP "
		    "peer's address; the site's address_prefixes should come "
		    "from the overlay", site, l->name);
	}
	free(host);
	return v;
}

/* The first AS of an AS path ("65010 65020" -> 65010), or -1. */
static long
first_as(const char *path)
{
	char	*end;
	long	 n;

	while (*path == ' ')
		path++;
	n = strtol(path, &end, 10);
	return end == path ? -1 : n;
}

/*
 * Fills a site's ExpressRoute facts from the route table of a circuit
 * it attaches to: the routes that came from on premises (AS path from
 * the circuit's peer ASN, or else not from Azure's 65515 or 12076)
 * become the attachment's advertise list, and the site's address plan
 * when the overlay gives none.  Only when the site is the one site of
 * the overlay behind that circuit: the routes of several sites cannot
 * be told apart.
 */
static void
apply_routes(struct im *m, struct value *site, const struct value *ov_sites)
{
	const char	*sname = value_map_cstr(site, "name");
	struct value	*ers = as_list(value_map_get(site, "expressroute"));
	size_t		 k, j, i, behind;

	for (k = 0; k < m->dp->nroutes; k++) {
		const struct dep_routes *rt = &m->dp->routes[k];
		const struct dep_circuit *c = deployed_circuit(m->dp,
		    rt->circuit);
		struct value	*nets, *att = NULL;
		long		 peer = c != NULL ? c->peer_asn : -1;

		for (j = 0; j < ers->n; j++)
			if (value_map_cstr(ers->items[j], "circuit") &&
			    strcasecmp(value_map_cstr(ers->items[j], "circuit"),
			    rt->circuit) == 0)
				att = ers->items[j];
		if (att == NULL)
			continue;
		behind = 0;
		for (i = 0; ov_sites && i < ov_sites->n; i++) {
			struct value	*l = as_list(value_map_get(
			    ov_sites->items[i], "expressroute"));

			for (j = 0; j < l->n; j++)
				if (value_map_cstr(l->items[j], "circuit") &&
				    strcasecmp(value_map_cstr(l->items[j],
				    "circuit"), rt->circuit) == 0)
					behind++;
			value_free(l);
		}
		if (behind != 1) {
			onote(m, "routes of circuit %s (%s): %zu sites of the "
			    "overlay sit behind it, so its routes cannot be "
			    "given to one; the overlay's prefixes stand",
			    rt->circuit, rt->src.file, behind);
			continue;
		}
		nets = value_new_list();
		for (j = 0; j < rt->n; j++) {
			struct prefix	 p;
			long		 as = first_as(rt->paths[j]);

			if (prefix_parse(rt->networks[j], &p) != PREFIX_OK)
				continue;
			if (peer >= 0 ? as != peer : (as == AZURE_VPN_ASN ||
			    as == AZURE_ER_ASN || as < 0))
				continue;
			value_list_push(nets, value_new_str(rt->networks[j]));
		}
		if (nets->n == 0) {
			onote(m, "routes of circuit %s (%s): none came from on "
			    "premises", rt->circuit, rt->src.file);
			value_free(nets);
			continue;
		}
		if (value_map_get(site, "address_prefixes") == NULL)
			vset(site, "address_prefixes", value_copy(nets));
		/* The attachment in the site itself (not the copy). */
		{
			struct value	*e = value_map_get(site, "expressroute");

			if (e != NULL && e->kind == VALUE_MAP)
				att = e;
			else
				for (j = 0; e != NULL && j < e->n; j++)
					if (strcasecmp(value_map_cstr(
					    e->items[j], "circuit"),
					    rt->circuit) == 0)
						att = e->items[j];
		}
		if (value_map_get(att, "advertise") == NULL) {
			vset(att, "advertise", nets);
			onote(m, "sites.%s.expressroute: advertise taken from "
			    "the route table of %s in %s", sname, rt->circuit,
			    rt->src.file);
		} else
			value_free(nets);
	}
	value_free(ers);
}

static struct value *
build_sites(struct im *m, const struct value *ov_sites,
    const struct value *circuits)
{
	struct value	*l = value_new_list();
	char		*used = xcalloc(m->dp->nlngs + 1, 1);
	size_t		 i, j;

	for (i = 0; ov_sites && ov_sites->kind == VALUE_LIST &&
	    i < ov_sites->n; i++) {
		const struct value *os = ov_sites->items[i];
		const char	*sname = value_map_cstr(os, "name");
		struct value	*s, *devs, *ers, *keep;

		if (sname == NULL)
			continue;
		s = value_list_push(l, value_copy(os));
		apply_routes(m, s, ov_sites);
		devs = as_list(value_map_get(os, "vpn"));
		keep = value_new_list();
		for (j = 0; j < devs->n; j++) {
			struct value	*dev = devs->items[j];
			char		*dn = value_map_cstr(dev, "name") ?
			    xstrdup(value_map_cstr(dev, "name")) :
			    xasprintf("vpn%zu", j + 1);
			const char	*ln = value_map_cstr(dev,
			    "local_network_gateway");
			char		*lname = ln ? xstrdup(ln) :
			    xasprintf("lng-%s-%s", sname, dn);
			struct dep_lng	*lng = deployed_lng(m->dp, lname);

			if (lng == NULL && m->deployed_only)
				;	/* not deployed */
			else if (lng == NULL) {
				onote(m, "sites.%s.vpn.%s: local network "
				    "gateway %s is not in the export; the "
				    "device is kept as the overlay has it",
				    sname, dn, lname);
				value_list_push(keep, value_copy(dev));
			} else {
				struct value	*k = value_list_push(keep,
				    value_copy(dev));

				used[lng - m->dp->lngs] = 1;
				fill_device(m, k, lng, sname, dn);
				if (value_map_get(s, "address_prefixes") ==
				    NULL)
					vset(s, "address_prefixes",
					    lng_prefixes(m, lng, sname));
			}
			free(dn);
			free(lname);
		}
		/* The kept devices move (comments point at them). */
		if (keep->n == 0 && value_map_get(s, "vpn") != NULL)
			vdel(s, "vpn");
		if (keep->n == 1 && value_map_get(os, "vpn")->kind ==
		    VALUE_MAP) {
			vset(s, "vpn", keep->items[0]);
			keep->n = 0;
			value_free(keep);
		} else if (keep->n > 0)
			vset(s, "vpn", keep);
		else
			value_free(keep);
		value_free(devs);
		/* ExpressRoute attachments: circuits must exist. */
		ers = value_map_get(s, "expressroute");
		if (ers != NULL) {
			struct value	*el = as_list(ers), *kept;

			kept = value_new_list();
			for (j = 0; j < el->n; j++) {
				const char	*cn = value_map_cstr(el->items[j],
				    "circuit");
				const struct dep_conn *c;
				char		*def;

				if (cn == NULL || by_name(circuits, cn) ==
				    NULL) {
					onote(m, "sites.%s.expressroute: circuit "
					    "%s is neither in the export nor "
					    "the overlay; the attachment is "
					    "left out", sname, cn ? cn : "?");
					continue;
				}
				c = conn_of(m, m->ergw, cn);
				def = xasprintf("cn-%s", cn);
				if (c != NULL && strcasecmp(c->name, def) != 0)
					vset_str(el->items[j], "connection",
					    c->name);
				free(def);
				value_list_push(kept, value_copy(el->items[j]));
			}
			if (kept->n == 0)
				vdel(s, "expressroute");
			else
				vset(s, "expressroute", ers->kind == VALUE_MAP &&
				    kept->n == 1 ? value_copy(kept->items[0]) :
				    value_copy(kept));
			value_free(kept);
			value_free(el);
		}
	}
	for (i = 0; i < m->dp->nlngs; i++) {
		const struct dep_lng *lng = &m->dp->lngs[i];
		struct value	*s, *dev;

		if (used[i])
			continue;
		if (m->vpngw == NULL) {
			onote(m, "local network gateway %s: the input has no VPN "
			    "gateway in the hub, so no device is made of it",
			    lng->name);
			continue;
		}
		if (by_name(l, lng->name) != NULL) {
			onote(m, "local network gateway %s: a site of that name "
			    "is in the overlay but does not claim it; left "
			    "out", lng->name);
			continue;
		}
		s = value_list_map(l);
		value_map_str(s, "name", lng->name);
		vset(s, "address_prefixes", lng_prefixes(m, lng, lng->name));
		dev = value_map_put(s, "vpn", value_new_map());
		value_map_str(dev, "name", "vpn1");
		fill_device(m, dev, lng, lng->name, "vpn1");
		if (value_map_get(dev, "public_ip") == NULL)
			value_free(l->items[--l->n]);
	}
	free(used);
	return l;
}

/* ---- schema order ---- */

static void order(struct value *v, const struct schema_obj *obj);

static void
order_list(struct value *v, const struct schema_obj *obj)
{
	size_t	 i;

	if (v->kind == VALUE_MAP)
		order(v, obj);
	else if (v->kind == VALUE_LIST)
		for (i = 0; i < v->n; i++)
			order(v->items[i], obj);
}

/* Puts v's keys in the order of obj's fields; unknown keys last. */
static void
order(struct value *v, const struct schema_obj *obj)
{
	const struct schema_field *f;
	struct value	**items;
	char		**keys;
	struct mark	*marks;
	size_t		 k = 0, i;
	char		*taken;

	if (v == NULL || v->kind != VALUE_MAP || obj == NULL)
		return;
	items = xcalloc(v->n + 1, sizeof(*items));
	keys = xcalloc(v->n + 1, sizeof(*keys));
	marks = xcalloc(v->n + 1, sizeof(*marks));
	taken = xcalloc(v->n + 1, 1);
	for (f = obj->fields; f->key != NULL; f++) {
		long	 j = value_map_index(v, f->key);

		if (j < 0)
			continue;
		taken[j] = 1;
		items[k] = v->items[j];
		keys[k] = v->keys[j];
		marks[k++] = v->key_marks[j];
		if (f->type == ST_OBJ)
			order(v->items[j], f->obj);
		else if (f->type == ST_LIST && f->elem == ST_OBJ)
			order_list(v->items[j], f->obj);
	}
	for (i = 0; i < v->n; i++)
		if (!taken[i]) {
			items[k] = v->items[i];
			keys[k] = v->keys[i];
			marks[k++] = v->key_marks[i];
		}
	memcpy(v->items, items, v->n * sizeof(*items));
	memcpy(v->keys, keys, v->n * sizeof(*keys));
	memcpy(v->key_marks, marks, v->n * sizeof(*marks));
	free(items);
	free(keys);
	free(marks);
	free(taken);
}

/* ---- the whole ---- */

static const struct value *
ov_get(const struct value *ov, const char *dotted)
{
	char		 key[64];
	const char	*p = dotted, *dot;
	size_t		 n;

	while (ov != NULL) {
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		ov = value_map_get(ov, key);
		if (dot == NULL)
			return ov;
		p = dot + 1;
	}
	return NULL;
}

int
import_design(const struct deployed *dp, const struct value *overlay,
    const char *overlay_file, const char *from, struct buf *out,
    struct diags *d)
{
	return import_design_flags(dp, overlay, overlay_file, from, 0, out,
	    d);
}

int
import_design_flags(const struct deployed *dp, const struct value *overlay,
    const char *overlay_file, const char *from, unsigned flags,
    struct buf *out, struct diags *d)
{
	struct im	 m;
	struct value	*root, *az, *l, *circuits;
	struct design	*dsn;
	struct diags	 check;
	struct mark	 none = { 0, 0 };
	size_t		 i;
	int		 ok = 1;
	const struct value *ov_traffic;

	memset(&m, 0, sizeof(m));
	m.dp = dp;
	m.d = d;
	m.ofile = overlay_file;
	m.deployed_only = (flags & IMPORT_DEPLOYED_ONLY) != 0;
	if (overlay != NULL && overlay->kind != VALUE_MAP) {
		diags_error(d, overlay_file, overlay->mark, "the overlay must "
		    "be a mapping: a partial design");
		return 0;
	}
	m.hub = deployed_hub(dp);
	{
		/* The hub is the gateways' VNet, even when the export
		 * holds only the gateways and the overlay the VNet. */
		const char	*hub = m.hub ? m.hub->name : NULL;

		for (i = 0; hub == NULL && i < dp->ngateways; i++)
			hub = dp->gateways[i].vnet;
		if (hub == NULL)
			hub = value_map_cstr(ov_get(overlay, "azure.vnet"),
			    "name");
		if (hub != NULL) {
			m.ergw = deployed_gateway(dp, hub, DEP_GW_ER);
			m.vpngw = deployed_gateway(dp, hub, DEP_GW_VPN);
		}
	}
	for (i = 0; i < dp->ngateways; i++)
		if (&dp->gateways[i] != m.ergw && &dp->gateways[i] != m.vpngw)
			diags_add(d, DIAG_NOTE, dp->gateways[i].src.file, none,
			    NULL, "%s: gateway %s is not one of the hub's two "
			    "gateways (VNet %s); left out",
			    dp->gateways[i].src.path, dp->gateways[i].name,
			    dp->gateways[i].vnet ? dp->gateways[i].vnet : "?");
	for (i = 0; i < dp->nconns; i++) {
		const struct dep_conn *c = &dp->conns[i];

		if (c->gateway == NULL || ((m.ergw == NULL || strcasecmp(
		    c->gateway, m.ergw->name) != 0) && (m.vpngw == NULL ||
		    strcasecmp(c->gateway, m.vpngw->name) != 0)))
			diags_add(d, DIAG_NOTE, c->src.file, none, NULL, "%s: "
			    "connection %s is to gateway %s, which is not in "
			    "the input as the hub's; left out", c->src.path,
			    c->name, c->gateway ? c->gateway : "(none)");
		else if (c->lng != NULL && deployed_lng(dp, c->lng) == NULL)
			diags_add(d, DIAG_NOTE, c->src.file, none, NULL, "%s: "
			    "connection %s is to local network gateway %s, "
			    "which is not in the input; left out", c->src.path,
			    c->name, c->lng);
		else if (c->circuit != NULL && deployed_circuit(dp, c->circuit)
		    == NULL)
			diags_add(d, DIAG_NOTE, c->src.file, none, NULL, "%s: "
			    "connection %s is to circuit %s, which is not in "
			    "the input; left out", c->src.path, c->name,
			    c->circuit);
	}

	for (i = 0; i < dp->npips; i++) {
		size_t	 k;
		int	 used = 0;

		for (k = 0; m.vpngw && k < m.vpngw->nips; k++)
			if (m.vpngw->ips[k].pip && strcasecmp(m.vpngw->ips[k].pip,
			    dp->pips[i].name) == 0)
				used = 1;
		if (!used)
			diags_add(d, DIAG_NOTE, dp->pips[i].src.file, none, NULL,
			    "%s: public IP %s is not used by the hub's VPN "
			    "gateway; left out", dp->pips[i].src.path,
			    dp->pips[i].name);
	}

	root = value_new_map();
	value_map_int(root, "hybridoc", 1);
	if (value_map_cstr(overlay, "name") == NULL)
		value_map_str(root, "name", "");
	az = value_map_put(root, "azure", value_new_map());
	if (m.hub != NULL) {
		const char	*sub = m.vpngw ? m.vpngw->subscription :
		    m.ergw ? m.ergw->subscription : m.hub->subscription;
		const char	*rg = m.vpngw ? m.vpngw->resource_group :
		    m.ergw ? m.ergw->resource_group : m.hub->resource_group;
		const char	*loc = m.vpngw ? m.vpngw->location : m.ergw ?
		    m.ergw->location : m.hub->location;
		char		*slug = slug_of(m.hub->name);

		if (value_map_cstr(overlay, "name") == NULL)
			vset_str(root, "name", slug);
		free(slug);
		if (ov_get(overlay, "azure.subscription") == NULL)
			vset_str(az, "subscription", sub);
		vset_str(az, "resource_group", rg);
		vset_str(az, "region", loc);
		value_map_put(az, "vnet", build_vnet(&m));
		l = build_spokes(&m, ov_get(overlay, "azure.spokes"));
		if (l->n > 0)
			value_map_put(az, "spokes", l);
		else
			value_free(l);
		if (m.ergw != NULL)
			value_map_put(az, "expressroute_gateway",
			    build_ergw(&m));
		if (m.vpngw != NULL)
			value_map_put(az, "vpn_gateway", build_vpngw(&m));
	} else {
		if (dp->nvnets > 1)
			onote(&m, "the export holds %zu virtual networks and no "
			    "gateway: none is taken as the hub", dp->nvnets);
		else
			onote(&m, "the export holds no hub VNet: azure.vnet, "
			    "resource_group and region must come from the "
			    "overlay");
		if (m.ergw != NULL)
			value_map_put(az, "expressroute_gateway",
			    build_ergw(&m));
		if (m.vpngw != NULL)
			value_map_put(az, "vpn_gateway", build_vpngw(&m));
		if (m.ergw || m.vpngw) {
			const struct dep_gateway *g = m.vpngw ? m.vpngw :
			    m.ergw;

			vset_str(az, "resource_group", g->resource_group);
			vset_str(az, "region", g->location);
		}
	}
	circuits = build_circuits(&m);
	/* The overlay's circuits merge in (bfd, and what the export
	 * lacks) before the sites, which need the final circuit list. */
	merge_named(&m, circuits, ov_get(overlay, "circuits"), "circuits");
	/* A design that leaves a circuit's group or subscription out
	 * (the placeholder in its commands) changes nothing deployed:
	 * what is deployed is compared with it without them. */
	for (i = 0; m.deployed_only && i < circuits->n; i++) {
		const struct value *oc = by_name(ov_get(overlay, "circuits"),
		    value_map_cstr(circuits->items[i], "name"));

		if (oc == NULL || value_map_get(oc, "resource_group") == NULL)
			vdel(circuits->items[i], "resource_group");
		if (oc == NULL || value_map_get(oc, "subscription") == NULL)
			vdel(circuits->items[i], "subscription");
	}
	if (circuits->n > 0)
		value_map_put(root, "circuits", circuits);
	l = build_sites(&m, ov_get(overlay, "sites"), circuits);
	if (l->n > 0)
		value_map_put(root, "sites", l);
	else
		value_free(l);
	if (circuits->n == 0)
		value_free(circuits);
	/* Traffic entries must name sites that exist. */
	ov_traffic = ov_get(overlay, "traffic");
	if (ov_traffic != NULL && ov_traffic->kind == VALUE_LIST) {
		struct value	*t = value_new_list();
		const struct value *sites = value_map_get(root, "sites");

		for (i = 0; i < ov_traffic->n; i++) {
			const char	*sn = value_map_cstr(ov_traffic->items[i],
			    "site");
			const char	*to = value_map_cstr(ov_traffic->items[i],
			    "to");

			if (sn == NULL || by_name(sites, sn) == NULL ||
			    (to != NULL && by_name(sites, to) == NULL)) {
				onote(&m, "traffic[%zu]: names a site that is "
				    "not in the result; left out", i);
				continue;
			}
			value_list_push(t, value_copy(ov_traffic->items[i]));
		}
		if (t->n > 0)
			value_map_put(root, "traffic", t);
		else
			value_free(t);
	}
	if (dp->nroute_servers > 0) {
		struct value	*rs = value_map_put(root, "route_server",
		    value_new_map());

		value_map_bool(rs, "enabled", 1);
		vset_bool(rs, "branch_to_branch",
		    dp->route_servers[0].branch_to_branch);
		src_comment(&m, rs, &dp->route_servers[0].src);
	}
	if (overlay != NULL) {
		struct value	*rest = value_copy(overlay);

		/* What was merged part by part above is not merged again. */
		vdel(rest, "circuits");
		vdel(rest, "sites");
		vdel(rest, "traffic");
		merge(&m, root, rest, "");
		value_free(rest);
	}
	order(root, &schema_design);

	buf_printf(out, "# Imported by `hybridoc import --from %s`.  Azure's "
	    "facts come from the\n# export, the rest from the overlay.  Re-run "
	    "the import after a change,\n# and edit the overlay rather than "
	    "this file.\n", from);
	import_yaml_write(out, root, m.c.nodes, m.c.text, m.c.n);

	/* What leaves must load as a design. */
	diags_init(&check);
	dsn = design_load_mem("<imported design>", buf_cstr(out), out->len,
	    &check);
	if (dsn == NULL) {
		diags_error(d, overlay_file ? overlay_file : "import", none,
		    "the imported design is not valid (%zu error%s below, at "
		    "lines of the generated text): the export lacks facts a "
		    "design needs; give them in the overlay",
		    diags_errors(&check), diags_errors(&check) == 1 ? "" : "s");
		for (i = 0; i < check.n; i++)
			diags_add(d, check.v[i].level, check.v[i].file,
			    check.v[i].mark, check.v[i].id, "%s",
			    check.v[i].msg);
		ok = 0;
	}
	design_free(dsn);
	diags_release(&check);
	value_free(root);
	for (i = 0; i < m.c.n; i++)
		free(m.c.text[i]);
	free(m.c.nodes);
	free(m.c.text);
	return ok;
}

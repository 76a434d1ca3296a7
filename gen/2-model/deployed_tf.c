/*
 * The Terraform reader: the JSON of `terraform show -json` (a state's
 * "values" or a plan's "planned_values", in the documented JSON output
 * format) to the model of deployed.h.  Resource types are the azurerm
 * provider's (attribute names from its documentation); both the 3.x
 * names (enable_bgp) and the 4.x ones (bgp_enabled) are read.  In a
 * plan, ids not known until apply are resolved through the
 * configuration's references (azurerm_local_network_gateway.hq.id gives
 * the name of azurerm_local_network_gateway.hq); what stays unknown is
 * noted.  Sensitive values (a connection's shared_key, a circuit's
 * service_key) are never copied: only whether a shared key is set.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "hybridoc/buf.h"
#include "hybridoc/deployed.h"
#include "hybridoc/jsonin.h"
#include "hybridoc/xalloc.h"

/* Module nesting followed; deeper modules are noted. */
#define TF_MAX_MODULES	16

struct tf {
	struct deployed	*dp;
	const char	*file;
	struct diags	*d;
	struct buf	 path;
	json_t		*planned;	/* plan: planned_values.root_module */
	json_t		*config;	/* plan: configuration.root_module */
	const char	*addr;		/* current resource's address */
};

static void
note(struct tf *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
note(struct tf *t, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	struct mark	 none = { 0, 0 };
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diags_add(t->d, DIAG_NOTE, t->file, none, NULL, "%s: %s",
	    buf_cstr(&t->path), buf_cstr(&b));
	buf_release(&b);
}

static void
src_set(struct tf *t, struct dep_src *s)
{
	s->file = xstrdup(t->file);
	s->path = xstrdup(buf_cstr(&t->path));
	s->id = t->addr ? xstrdup(t->addr) : NULL;
}

#define PUSH(arr, n) \
	(arr = xreallocarray(arr, n + 1, sizeof(*arr)), \
	memset(&arr[n], 0, sizeof(*arr)), &arr[n++])

static char *
str(struct tf *t, const json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		note(t, "%s: expected a string; left out", key);
		return NULL;
	}
	return json_string_length(v) > 0 ? xstrdup(json_string_value(v)) :
	    NULL;
}

static long
num(struct tf *t, const json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return -1;
	if (json_is_integer(v) && json_integer_value(v) >= 0 &&
	    json_integer_value(v) <= 4294967295LL)
		return (long)json_integer_value(v);
	if (json_is_real(v) && json_real_value(v) >= 0 &&
	    json_real_value(v) <= 4294967295.0 && json_real_value(v) ==
	    (double)(long)json_real_value(v))
		return (long)json_real_value(v);
	note(t, "%s: expected a whole number from 0 to 4294967295; left out",
	    key);
	return -1;
}

static int
flag(struct tf *t, const json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return -1;
	if (json_is_boolean(v))
		return json_is_true(v);
	note(t, "%s: expected true or false; left out", key);
	return -1;
}

/* The first of two attribute names that is present (3.x and 4.x). */
static int
flag2(struct tf *t, const json_t *o, const char *a, const char *b)
{
	return json_object_get(o, a) != NULL ? flag(t, o, a) : flag(t, o, b);
}

static char **
strv(struct tf *t, const json_t *o, const char *key, size_t *n)
{
	json_t	*a = json_object_get(o, key), *e;
	char	**v = NULL;
	size_t	 i;

	*n = 0;
	if (a == NULL || json_is_null(a))
		return NULL;
	if (!json_is_array(a)) {
		note(t, "%s: expected a list of strings; left out", key);
		return NULL;
	}
	json_array_foreach(a, i, e) {
		if (!json_is_string(e))
			continue;
		v = xreallocarray(v, *n + 1, sizeof(*v));
		v[(*n)++] = xstrdup(json_string_value(e));
	}
	return v;
}

/* The first element of a nested block (a list of one object), or NULL. */
static json_t *
block(const json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	if (json_is_array(v))
		return json_is_object(json_array_get(v, 0)) ? json_array_get(v, 0)
		    : NULL;
	return json_is_object(v) ? v : NULL;
}

static char *
last_segment(const char *id)
{
	const char	*sl = strrchr(id, '/');

	return xstrdup(sl ? sl + 1 : id);
}

/* The segment after "/key/" in an id, or NULL. */
static char *
id_part(const char *id, const char *key)
{
	const char	*p = id;
	size_t		 k = strlen(key);

	while (p != NULL && (p = strchr(p, '/')) != NULL) {
		p++;
		if (strncasecmp(p, key, k) == 0 && p[k] == '/') {
			const char	*s = p + k + 1, *e = strchr(s, '/');

			return e ? xstrndup(s, (size_t)(e - s)) : xstrdup(s);
		}
	}
	return NULL;
}

/* The planned resource at address in module m (recursive by a stack). */
static const json_t *
planned_at(const json_t *m, const char *address)
{
	const json_t	*stack[TF_MAX_MODULES + 1];
	size_t		 sp = 0, i;
	json_t		*e;

	if (m == NULL)
		return NULL;
	stack[sp++] = m;
	while (sp > 0) {
		const json_t *cur = stack[--sp];

		json_array_foreach(json_object_get(cur, "resources"), i, e) {
			const char	*a = jsonin_str(e, "address");

			if (a != NULL && strcmp(a, address) == 0)
				return e;
		}
		json_array_foreach(json_object_get(cur, "child_modules"), i,
		    e) {
			if (sp < TF_MAX_MODULES)
				stack[sp++] = e;
		}
	}
	return NULL;
}

/*
 * In a plan, the name of the resource that attribute key of the current
 * resource refers to, from the configuration's references; NULL when
 * there is no such reference.
 */
static char *
config_ref(struct tf *t, const char *key)
{
	json_t		*e, *refs, *r;
	size_t		 i, j;
	const char	*addr = t->addr;
	char		*base;

	if (t->config == NULL || addr == NULL)
		return NULL;
	/* "x.y[0]" and "x.y[\"k\"]" are configured as "x.y". */
	base = xstrdup(addr);
	if (strchr(base, '[') != NULL)
		*strchr(base, '[') = '\0';
	json_array_foreach(json_object_get(t->config, "resources"), i, e) {
		const char	*a = jsonin_str(e, "address");

		if (a == NULL || strcmp(a, base) != 0)
			continue;
		refs = jsonin_get(e, "expressions");
		refs = json_object_get(json_object_get(refs, key),
		    "references");
		json_array_foreach(refs, j, r) {
			const char	*ref = json_string_value(r);
			const json_t	*pr;
			char		*target;

			if (ref == NULL)
				continue;
			target = xstrdup(ref);
			if (strlen(target) > 3 && strcmp(target +
			    strlen(target) - 3, ".id") == 0)
				target[strlen(target) - 3] = '\0';
			pr = planned_at(t->planned, target);
			free(target);
			if (pr != NULL && jsonin_get_str(pr, "values.name")) {
				free(base);
				return xstrdup(jsonin_get_str(pr,
				    "values.name"));
			}
		}
		break;
	}
	free(base);
	return NULL;
}

/* The name of the resource an id attribute refers to. */
static char *
ref(struct tf *t, const json_t *o, const char *key)
{
	char	*id = str(t, o, key), *n;

	if (id != NULL) {
		n = last_segment(id);
		free(id);
		return n;
	}
	n = config_ref(t, key);
	if (n == NULL && t->planned != NULL && json_object_get(o, key) ==
	    NULL)
		note(t, "%s is not known until apply and no reference to "
		    "another resource in the plan names it", key);
	return n;
}

static void
read_vnet(struct tf *t, const json_t *v)
{
	struct dep_vnet	*n = PUSH(t->dp->vnets, t->dp->nvnets);
	json_t		*e;
	size_t		 i;
	char		*id = str(t, v, "id");

	src_set(t, &n->src);
	n->name = str(t, v, "name");
	n->resource_group = str(t, v, "resource_group_name");
	n->subscription = id ? id_part(id, "subscriptions") : NULL;
	n->location = str(t, v, "location");
	n->space = strv(t, v, "address_space", &n->nspace);
	free(id);
	/* Inline subnet blocks. */
	json_array_foreach(json_object_get(v, "subnet"), i, e) {
		struct dep_subnet *s;
		size_t		 np;
		char		**pv = strv(t, e, "address_prefixes", &np);

		s = PUSH(t->dp->subnets, t->dp->nsubnets);
		src_set(t, &s->src);
		s->name = str(t, e, "name");
		s->vnet = n->name ? xstrdup(n->name) : NULL;
		s->prefix = np > 0 ? xstrdup(pv[0]) : str(t, e,
		    "address_prefix");
		strv_free(pv, np);
	}
}

static void
read_subnet(struct tf *t, const json_t *v)
{
	struct dep_subnet *s;
	size_t		 np;
	char		**pv = strv(t, v, "address_prefixes", &np);

	s = PUSH(t->dp->subnets, t->dp->nsubnets);
	src_set(t, &s->src);
	s->name = str(t, v, "name");
	s->vnet = str(t, v, "virtual_network_name");
	s->prefix = np > 0 ? xstrdup(pv[0]) : NULL;
	if (np > 1)
		note(t, "subnet %s has %zu prefixes; the design takes the "
		    "first", s->name ? s->name : "?", np);
	strv_free(pv, np);
}

static void
read_peering(struct tf *t, const json_t *v)
{
	char	*vnet = str(t, v, "virtual_network_name");
	char	*remote = ref(t, v, "remote_virtual_network_id");
	size_t	 i;

	for (i = 0; vnet && remote && i < t->dp->nvnets; i++)
		if (t->dp->vnets[i].name && strcasecmp(t->dp->vnets[i].name,
		    vnet) == 0) {
			struct dep_vnet	*n = &t->dp->vnets[i];

			n->peers = xreallocarray(n->peers, n->npeers + 1,
			    sizeof(*n->peers));
			n->peers[n->npeers++] = remote;
			remote = NULL;
			break;
		}
	if (remote != NULL)
		note(t, "a peering of VNet %s, which is not in the input "
		    "(or not before it); left out", vnet ? vnet : "?");
	free(vnet);
	free(remote);
}

static void
read_pip(struct tf *t, const json_t *v)
{
	struct dep_pip	*p = PUSH(t->dp->pips, t->dp->npips);

	src_set(t, &p->src);
	p->name = str(t, v, "name");
	p->address = str(t, v, "ip_address");
}

static void
read_gateway(struct tf *t, const json_t *v)
{
	struct dep_gateway *g = PUSH(t->dp->gateways, t->dp->ngateways);
	char		*type = str(t, v, "type"), *gen, *id = str(t, v, "id");
	json_t		*e, *bgp, *pa;
	size_t		 i, j;

	src_set(t, &g->src);
	g->name = str(t, v, "name");
	g->resource_group = str(t, v, "resource_group_name");
	g->subscription = id ? id_part(id, "subscriptions") : NULL;
	free(id);
	g->location = str(t, v, "location");
	g->type = type == NULL ? DEP_GW_UNKNOWN : strcasecmp(type, "Vpn") == 0
	    ? DEP_GW_VPN : strcasecmp(type, "ExpressRoute") == 0 ? DEP_GW_ER :
	    DEP_GW_UNKNOWN;
	if (g->type == DEP_GW_UNKNOWN)
		note(t, "type %s is neither Vpn nor ExpressRoute; left out of "
		    "the design", type ? type : "(absent)");
	free(type);
	g->sku = str(t, v, "sku");
	gen = str(t, v, "generation");
	g->generation = gen == NULL ? -1 : strcasecmp(gen, "Generation1") == 0
	    ? 1 : strcasecmp(gen, "Generation2") == 0 ? 2 : -1;
	free(gen);
	g->vpn_type = str(t, v, "vpn_type");
	g->active_active = flag(t, v, "active_active");
	g->bgp = flag2(t, v, "bgp_enabled", "enable_bgp");
	bgp = block(v, "bgp_settings");
	g->asn = bgp ? num(t, bgp, "asn") : -1;
	json_array_foreach(json_object_get(v, "ip_configuration"), i, e) {
		struct dep_gwip	*ip = PUSH(g->ips, g->nips);
		char		*sub;

		ip->name = str(t, e, "name");
		ip->pip = ref(t, e, "public_ip_address_id");
		sub = str(t, e, "subnet_id");
		if (sub != NULL && g->vnet == NULL)
			g->vnet = id_part(sub, "virtualNetworks");
		free(sub);
	}
	if (g->vnet == NULL && g->nips > 0)
		/* Not guessed, even when the plan holds one VNet. */
		note(t, "gateway %s: the subnet id of its ip_configuration is "
		    "not known until apply, so its VNet is not known; it is "
		    "left out", g->name ? g->name : "?");
	json_array_foreach(bgp ? json_object_get(bgp, "peering_addresses") :
	    NULL, i, pa) {
		char	*cfg = str(t, pa, "ip_configuration_name");
		char	**a;
		size_t	 n;

		for (j = 0; j < g->nips; j++)
			if (cfg && g->ips[j].name && strcmp(cfg,
			    g->ips[j].name) == 0)
				break;
		if (j == g->nips && i < g->nips)
			j = i;
		free(cfg);
		if (j == g->nips)
			continue;
		a = strv(t, pa, "default_addresses", &n);
		if (n > 0)
			g->ips[j].bgp_ip = xstrdup(a[0]);
		strv_free(a, n);
		a = strv(t, pa, "apipa_addresses", &n);
		if (n > 0)
			g->ips[j].apipa_ip = xstrdup(a[0]);
		strv_free(a, n);
		a = strv(t, pa, "tunnel_ip_addresses", &n);
		if (n > 0)
			g->ips[j].public_ip = xstrdup(a[0]);
		strv_free(a, n);
	}
}

static void
read_circuit(struct tf *t, const json_t *v)
{
	struct dep_circuit *c = PUSH(t->dp->circuits, t->dp->ncircuits);
	json_t		*sku = block(v, "sku");
	char		*id = str(t, v, "id");

	src_set(t, &c->src);
	c->name = str(t, v, "name");
	c->resource_group = str(t, v, "resource_group_name");
	c->subscription = id ? id_part(id, "subscriptions") : NULL;
	free(id);
	c->provider = str(t, v, "service_provider_name");
	c->peering_location = str(t, v, "peering_location");
	c->bandwidth_mbps = num(t, v, "bandwidth_in_mbps");
	c->sku = sku ? str(t, sku, "tier") : NULL;
	c->peer_asn = c->vlan_id = -1;
	if (json_object_get(v, "express_route_port_id") != NULL &&
	    !json_is_null(json_object_get(v, "express_route_port_id")))
		note(t, "circuit %s is on ExpressRoute Direct: give its "
		    "provider and peering location in the overlay",
		    c->name ? c->name : "?");
}

static void
read_circuit_peering(struct tf *t, const json_t *v)
{
	char		*type = str(t, v, "peering_type");
	char		*cn = str(t, v, "express_route_circuit_name");
	struct dep_circuit *c = NULL;
	size_t		 i;

	for (i = 0; cn && i < t->dp->ncircuits; i++)
		if (t->dp->circuits[i].name && strcasecmp(
		    t->dp->circuits[i].name, cn) == 0)
			c = &t->dp->circuits[i];
	if (type == NULL || strcmp(type, "AzurePrivatePeering") != 0)
		note(t, "%s is not modelled (a design holds the Azure "
		    "private peering only); left out", type ? type :
		    "a peering without peering_type");
	else if (c == NULL)
		note(t, "a peering of circuit %s, which is not in the input "
		    "(or not before it); left out", cn ? cn : "?");
	else {
		c->has_peering = 1;
		src_set(t, &c->peering_src);
		c->peer_asn = num(t, v, "peer_asn");
		c->primary_subnet = str(t, v, "primary_peer_address_prefix");
		c->secondary_subnet = str(t, v,
		    "secondary_peer_address_prefix");
		c->vlan_id = num(t, v, "vlan_id");
	}
	free(type);
	free(cn);
}

static void
read_lng(struct tf *t, const json_t *v)
{
	struct dep_lng	*l = PUSH(t->dp->lngs, t->dp->nlngs);
	json_t		*bgp = block(v, "bgp_settings");

	src_set(t, &l->src);
	l->name = str(t, v, "name");
	l->gateway_ip = str(t, v, "gateway_address");
	l->fqdn = str(t, v, "gateway_fqdn");
	l->prefixes = strv(t, v, "address_space", &l->nprefixes);
	l->asn = bgp ? num(t, bgp, "asn") : -1;
	l->bgp_peer_ip = bgp ? str(t, bgp, "bgp_peering_address") : NULL;
}

static void
read_conn(struct tf *t, const json_t *v)
{
	struct dep_conn	*c = PUSH(t->dp->conns, t->dp->nconns);
	json_t		*k, *pol;
	char		*proto;

	src_set(t, &c->src);
	c->name = str(t, v, "name");
	c->type = str(t, v, "type");
	c->gateway = ref(t, v, "virtual_network_gateway_id");
	if (c->type != NULL && strcmp(c->type, "IPsec") == 0)
		c->lng = ref(t, v, "local_network_gateway_id");
	if (c->type != NULL && strcmp(c->type, "ExpressRoute") == 0)
		c->circuit = ref(t, v, "express_route_circuit_id");
	if (c->type != NULL && strcmp(c->type, "Vnet2Vnet") == 0)
		note(t, "connection %s is VNet-to-VNet, which a design does "
		    "not model; left out", c->name ? c->name : "?");
	c->routing_weight = num(t, v, "routing_weight");
	c->fastpath = flag(t, v, "express_route_gateway_bypass");
	c->bgp = flag2(t, v, "bgp_enabled", "enable_bgp");
	/* Only whether a key is set; a plan hides sensitive values, and
	 * sensitive_values marks them. */
	k = json_object_get(v, "shared_key");
	c->shared_key = k == NULL ? -1 : json_is_string(k) ?
	    json_string_length(k) > 0 : json_is_null(k) ? 0 : -1;
	proto = str(t, v, "connection_protocol");
	c->ike_version = proto == NULL ? -1 : strcmp(proto, "IKEv1") == 0 ? 1 :
	    strcmp(proto, "IKEv2") == 0 ? 2 : -1;
	free(proto);
	c->dpd_timeout_s = num(t, v, "dpd_timeout_seconds");
	pol = block(v, "ipsec_policy");
	c->sa_lifetime_s = pol ? num(t, pol, "sa_lifetime") : -1;
}

static void
read_route_server(struct tf *t, const json_t *v)
{
	struct dep_route_server *s = PUSH(t->dp->route_servers,
	    t->dp->nroute_servers);

	src_set(t, &s->src);
	s->name = str(t, v, "name");
	s->branch_to_branch = flag(t, v, "branch_to_branch_traffic_enabled");
}

static const struct {
	const char	*type;
	void		(*fn)(struct tf *, const json_t *);
} readers[] = {
	{ "azurerm_virtual_network", read_vnet },
	{ "azurerm_subnet", read_subnet },
	{ "azurerm_virtual_network_peering", read_peering },
	{ "azurerm_public_ip", read_pip },
	{ "azurerm_virtual_network_gateway", read_gateway },
	{ "azurerm_express_route_circuit", read_circuit },
	{ "azurerm_express_route_circuit_peering", read_circuit_peering },
	{ "azurerm_local_network_gateway", read_lng },
	{ "azurerm_virtual_network_gateway_connection", read_conn },
	{ "azurerm_route_server", read_route_server },
	{ NULL, NULL }
};

/* Resources that others depend on come first, so that a peering finds
 * its circuit whatever the order of the file. */
static void
read_module(struct tf *t, const json_t *mod)
{
	const json_t	*stack[TF_MAX_MODULES + 1];
	char		*paths[TF_MAX_MODULES + 1];
	size_t		 sp = 0, i, k, pass;
	json_t		*e;

	for (pass = 0; readers[pass].type != NULL; pass++) {
		sp = 0;
		stack[sp] = mod;
		paths[sp++] = xstrdup(buf_cstr(&t->path));
		while (sp > 0) {
			const json_t	*cur = stack[--sp];
			char		*base = paths[sp];

			json_array_foreach(json_object_get(cur, "resources"), i,
			    e) {
				const char	*type = jsonin_str(e, "type");
				const char	*mode = jsonin_str(e, "mode");
				json_t		*vals = json_object_get(e,
				    "values");

				buf_truncate(&t->path, 0);
				buf_puts(&t->path, base);
				jsonin_path_key(&t->path, "resources");
				jsonin_path_index(&t->path, i);
				t->addr = jsonin_str(e, "address");
				if (pass == 0 && !deployed_count(t->dp,
				    t->file, t->d))
					break;
				if (type == NULL || !json_is_object(vals)) {
					if (pass == 0)
						note(t, "a resource without type "
						    "or values; left out");
					continue;
				}
				if (mode != NULL && strcmp(mode, "data") == 0) {
					if (pass == 0 && strncmp(type,
					    "azurerm_", 8) == 0)
						note(t, "data source %s is read, "
						    "not managed; left out",
						    t->addr ? t->addr : type);
					continue;
				}
				for (k = 0; readers[k].type != NULL; k++)
					if (strcmp(readers[k].type, type) == 0)
						break;
				if (readers[k].type == NULL) {
					if (pass == 0)
						note(t, "resource type %s is "
						    "not part of a hybrid network "
						    "design; left out", type);
					continue;
				}
				if (k == pass) {
					jsonin_path_key(&t->path, "values");
					readers[k].fn(t, vals);
				}
			}
			json_array_foreach(json_object_get(cur,
			    "child_modules"), i, e) {
				if (sp >= TF_MAX_MODULES) {
					if (pass == 0)
						note(t, "modules nested deeper "
						    "than %d; left out",
						    TF_MAX_MODULES);
					continue;
				}
				buf_truncate(&t->path, 0);
				buf_puts(&t->path, base);
				jsonin_path_key(&t->path, "child_modules");
				jsonin_path_index(&t->path, i);
				stack[sp] = e;
				paths[sp++] = xstrdup(buf_cstr(&t->path));
			}
			free(base);
		}
	}
	t->addr = NULL;
}

int
deployed_from_terraform_json(struct deployed *dp, const char *name,
    json_t *root, struct diags *d)
{
	struct tf	 t;
	json_t		*mod;
	struct mark	 m = { 1, 1 };

	memset(&t, 0, sizeof(t));
	t.dp = dp;
	t.file = name;
	t.d = d;
	buf_putc(&t.path, '$');
	if (json_is_object(root) && (mod = jsonin_get(root,
	    "planned_values.root_module")) != NULL) {
		t.planned = mod;
		t.config = jsonin_get(root, "configuration.root_module");
		jsonin_path_key(&t.path, "planned_values");
	} else if (json_is_object(root) && (mod = jsonin_get(root,
	    "values.root_module")) != NULL)
		jsonin_path_key(&t.path, "values");
	else if (json_is_object(root) && jsonin_str(root, "format_version") &&
	    json_object_get(root, "values") == NULL &&
	    json_object_get(root, "planned_values") == NULL) {
		/* An empty state: nothing deployed. */
		buf_release(&t.path);
		return 1;
	} else {
		/* Azure's shapes (deployed_arm.c): said so, with the flag. */
		int	 arm = json_is_array(root) || (json_is_object(root) &&
		    (json_is_array(json_object_get(root, "value")) ||
		    json_is_array(json_object_get(root, "data")) ||
		    jsonin_str(root, "$schema") != NULL ||
		    (jsonin_str(root, "type") != NULL &&
		    strchr(jsonin_str(root, "type"), '/') != NULL)));

		diags_error(d, name, m, "expected the output of `terraform "
		    "show -json`: an object with \"values\" (a state) or "
		    "\"planned_values\" (a plan)%s", arm ? "; this looks like "
		    "Azure Resource Manager JSON: use --from arm" :
		    json_is_object(root) &&
		    json_object_get(root, "resources") != NULL ? "; this "
		    "looks like a raw state file (terraform.tfstate), which "
		    "is not the documented format" : "");
		buf_release(&t.path);
		return 0;
	}
	jsonin_path_key(&t.path, "root_module");
	read_module(&t, mod);
	buf_release(&t.path);
	return 1;
}

int
deployed_read_terraform(struct deployed *dp, const char *file,
    struct diags *d)
{
	json_t	*root = jsonin_load(file, d);
	int	 ok;

	if (root == NULL)
		return 0;
	ok = deployed_from_terraform_json(dp, file, root, d);
	json_decref(root);
	return ok;
}

/*
 * The ARM reader: Azure Resource Manager resource JSON to the model of
 * deployed.h.  It accepts every shape engineers get resources in: one
 * resource (`az network vnet-gateway show`), an array (`az resource
 * list`, `jq -s`), a REST list ({"value": [...]}), Azure Resource Graph
 * ({"data": [...]}), an exported template (`az group export`, whose
 * parameters(), variables(), resourceId() and concat() expressions are
 * resolved when their inputs are literals and otherwise reported), and
 * the REST reference's example files ({"responses": {"200": {"body":
 * ...}}}).  Field names are those of the Microsoft.Network REST API
 * (azure-rest-api-specs, specification/network).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "hybridoc/buf.h"
#include "hybridoc/deployed.h"
#include "hybridoc/jsonin.h"
#include "hybridoc/xalloc.h"

/* Exported templates nest child resources; real ones nest one level. */
#define ARM_MAX_NEST	8

struct rd {
	struct deployed	*dp;
	const char	*file;
	struct diags	*d;
	struct buf	 path;
	json_t		*tmpl;		/* the template, or NULL */
	const char	*rid;		/* the current resource's id */
};

static void
note(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
note(struct rd *r, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	struct mark	 none = { 0, 0 };
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diags_add(r->d, DIAG_NOTE, r->file, none, NULL, "%s: %s",
	    buf_cstr(&r->path), buf_cstr(&b));
	buf_release(&b);
}

static void
src_set(struct rd *r, struct dep_src *s, const char *id)
{
	s->file = xstrdup(r->file);
	s->path = xstrdup(buf_cstr(&r->path));
	s->id = id != NULL ? xstrdup(id) : NULL;
}

/* ---- template expressions ---- */

static char *eval(struct rd *r, const char **p, int depth);

static void
skip_ws(const char **p)
{
	while (**p == ' ')
		(*p)++;
}

/* A literal or resolvable value of a template's parameters/variables. */
static char *
tmpl_lookup(struct rd *r, const char *section, const char *name, int depth)
{
	json_t		*sec, *ent, *v;
	const char	*s;

	sec = json_object_get(r->tmpl, section);
	ent = json_object_get(sec, name);
	if (ent == NULL)
		return NULL;
	v = strcmp(section, "parameters") == 0 ?
	    json_object_get(ent, "defaultValue") : ent;
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (!json_is_string(v))
		return NULL;
	s = json_string_value(v);
	if (s[0] == '[' && s[1] != '[') {
		const char	*q = s + 1;
		char		*out;

		if (depth > 8)
			return NULL;
		out = eval(r, &q, depth + 1);
		skip_ws(&q);
		if (out != NULL && strcmp(q, "]") != 0) {
			free(out);
			return NULL;
		}
		return out;
	}
	return xstrdup(s[0] == '[' ? s + 1 : s);
}

/*
 * Evaluates one expression at *p: 'literal', parameters('x'),
 * variables('x'), resourceId('type', names...) or concat(...).
 * Returns the value (caller frees) or NULL when it cannot be resolved
 * without guessing.
 */
static char *
eval(struct rd *r, const char **p, int depth)
{
	const char	*s = *p;
	char		 fn[32];
	size_t		 n = 0;
	char		*args[8];
	size_t		 nargs = 0, i;
	char		*out = NULL;

	skip_ws(&s);
	if (*s == '\'') {
		struct buf	 b = BUF_INIT;

		for (s++; *s != '\0'; s++) {
			if (*s == '\'' && s[1] == '\'') {
				buf_putc(&b, '\'');
				s++;
			} else if (*s == '\'')
				break;
			else
				buf_putc(&b, *s);
		}
		if (*s != '\'') {
			buf_release(&b);
			return NULL;
		}
		*p = s + 1;
		return buf_detach(&b, NULL);
	}
	while (isalnum((unsigned char)*s) && n < sizeof(fn) - 1)
		fn[n++] = *s++;
	fn[n] = '\0';
	skip_ws(&s);
	if (n == 0 || *s != '(' || depth > 16)
		return NULL;
	s++;
	skip_ws(&s);
	while (*s != ')') {
		if (nargs == sizeof(args) / sizeof(args[0]))
			goto out;
		if ((args[nargs] = eval(r, &s, depth + 1)) == NULL)
			goto out;
		nargs++;
		skip_ws(&s);
		if (*s == ',')
			s++;
		else if (*s != ')')
			goto out;
	}
	s++;
	if (strcasecmp(fn, "parameters") == 0 && nargs == 1)
		out = tmpl_lookup(r, "parameters", args[0], depth);
	else if (strcasecmp(fn, "variables") == 0 && nargs == 1)
		out = tmpl_lookup(r, "variables", args[0], depth);
	else if (strcasecmp(fn, "concat") == 0) {
		struct buf	 b = BUF_INIT;

		for (i = 0; i < nargs; i++)
			buf_puts(&b, args[i]);
		out = buf_detach(&b, NULL);
	} else if (strcasecmp(fn, "resourceId") == 0 && nargs >= 2 &&
	    strchr(args[0], '/') != NULL) {
		/* resourceId('type', 'name'[, 'child']): only the names
		 * matter here, so the id is written relative to the
		 * template's own subscription and group. */
		struct buf	 b = BUF_INIT;
		const char	*t = args[0], *sl;
		size_t		 k;

		buf_puts(&b, "/providers/");
		sl = strchr(t, '/');
		buf_put(&b, t, (size_t)(sl - t));
		t = sl;
		for (k = 1; k < nargs; k++) {
			sl = strchr(t + 1, '/');
			buf_put(&b, t, sl ? (size_t)(sl - t) : strlen(t));
			buf_putc(&b, '/');
			buf_puts(&b, args[k]);
			t = sl ? sl : t + strlen(t);
		}
		out = buf_detach(&b, NULL);
	}
	if (out != NULL)
		*p = s;
out:
	for (i = 0; i < nargs; i++)
		free(args[i]);
	return out;
}

/*
 * A string field's value: literal, or in a template a resolved
 * expression.  An expression that cannot be resolved is noted with its
 * path and gives NULL.  Caller frees.
 */
static char *
resolve(struct rd *r, const char *key, const char *s)
{
	const char	*q;
	char		*out;

	if (r->tmpl == NULL || s[0] != '[')
		return xstrdup(s);
	if (s[1] == '[')
		return xstrdup(s + 1);
	q = s + 1;
	out = eval(r, &q, 0);
	skip_ws(&q);
	if (out == NULL || strcmp(q, "]") != 0) {
		size_t	 plen = r->path.len;

		free(out);
		while (key != NULL && *key != '\0') {
			const char	*dot = strchr(key, '.');
			char		*seg = dot ? xstrndup(key, (size_t)(dot -
			    key)) : xstrdup(key);

			jsonin_path_key(&r->path, seg);
			free(seg);
			key = dot ? dot + 1 : NULL;
		}
		note(r, "the template expression %.200s cannot be resolved "
		    "without guessing; the value is left out", s);
		buf_truncate(&r->path, plen);
		return NULL;
	}
	return out;
}

/* The string at a dotted path, resolved; NULL when absent, with a note
 * when present but not a string. */
static char *
get_str(struct rd *r, const json_t *obj, const char *dotted)
{
	json_t	*v = jsonin_get(obj, dotted);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		note(r, "%s: expected a string; left out", dotted);
		return NULL;
	}
	return resolve(r, dotted, json_string_value(v));
}

/* A whole number at a dotted path, or -1 (with a note when malformed). */
static long
get_num(struct rd *r, const json_t *obj, const char *dotted)
{
	json_t	*v = jsonin_get(obj, dotted);
	char	*s, *end;
	long	 n;

	if (v == NULL || json_is_null(v))
		return -1;
	if (json_is_integer(v) && json_integer_value(v) >= 0 &&
	    json_integer_value(v) <= 4294967295LL)
		return (long)json_integer_value(v);
	if (json_is_string(v) && (s = resolve(r, dotted,
	    json_string_value(v))) != NULL) {
		n = strtol(s, &end, 10);
		if (*s != '\0' && *end == '\0' && n >= 0 && n <= 4294967295L) {
			free(s);
			return n;
		}
		free(s);
	} else if (json_is_string(v))
		return -1;
	note(r, "%s: expected a whole number from 0 to 4294967295; left out",
	    dotted);
	return -1;
}

/* A boolean at a dotted path: 0, 1, or -1 when absent. */
static int
get_bool(struct rd *r, const json_t *obj, const char *dotted)
{
	json_t	*v = jsonin_get(obj, dotted);
	char	*s;
	int	 b = -1;

	if (v == NULL || json_is_null(v))
		return -1;
	if (json_is_boolean(v))
		return json_is_true(v);
	if (json_is_string(v) && (s = resolve(r, dotted,
	    json_string_value(v))) != NULL) {
		if (strcasecmp(s, "true") == 0)
			b = 1;
		else if (strcasecmp(s, "false") == 0)
			b = 0;
		free(s);
		if (b >= 0)
			return b;
	} else if (json_is_string(v))
		return -1;
	note(r, "%s: expected true or false; left out", dotted);
	return -1;
}

/* The last segment of an id ("/.../publicIPAddresses/gwpip" -> gwpip). */
static char *
id_name(const char *id)
{
	const char	*sl;
	size_t		 n = strlen(id);

	while (n > 0 && id[n - 1] == '/')
		n--;
	sl = id + n;
	while (sl > id && sl[-1] != '/')
		sl--;
	return n > (size_t)(sl - id) ? xstrndup(sl, n - (size_t)(sl - id)) :
	    NULL;
}

/* The segment after "/KEY/" in an id (case-insensitive), or NULL. */
static char *
id_part(const char *id, const char *key)
{
	const char	*p = id;
	size_t		 k = strlen(key);

	if (id == NULL)
		return NULL;
	while ((p = strchr(p, '/')) != NULL) {
		p++;
		if (strncasecmp(p, key, k) == 0 && p[k] == '/') {
			const char	*s = p + k + 1, *e = strchr(s, '/');

			return e ? xstrndup(s, (size_t)(e - s)) : xstrdup(s);
		}
	}
	return NULL;
}

/* The name of the resource an {"id": ...} reference points to. */
static char *
ref_name(struct rd *r, const json_t *obj, const char *dotted)
{
	char	*id = get_str(r, obj, dotted), *n;

	if (id == NULL)
		return NULL;
	n = id_name(id);
	free(id);
	return n;
}

/* The strings of an array at a dotted path (resolved); count in *n. */
static char **
get_strv(struct rd *r, const json_t *obj, const char *dotted, size_t *n)
{
	json_t	*a = jsonin_get(obj, dotted), *e;
	char	**v = NULL, *s;
	size_t	 i;

	*n = 0;
	if (a == NULL || json_is_null(a))
		return NULL;
	if (!json_is_array(a)) {
		note(r, "%s: expected an array of strings; left out", dotted);
		return NULL;
	}
	json_array_foreach(a, i, e) {
		if (!json_is_string(e)) {
			note(r, "%s[%zu]: expected a string; left out", dotted,
			    i);
			continue;
		}
		if ((s = resolve(r, NULL, json_string_value(e))) == NULL)
			continue;
		v = xreallocarray(v, *n + 1, sizeof(*v));
		v[(*n)++] = s;
	}
	return v;
}

/* ---- resources ---- */

#define PUSH(arr, n) \
	(arr = xreallocarray(arr, n + 1, sizeof(*arr)), \
	memset(&arr[n], 0, sizeof(*arr)), &arr[n++])

static void
read_subnet(struct rd *r, const json_t *sn, const char *vnet)
{
	struct dep_subnet *s;
	char		*name = get_str(r, sn, "name"), *prefix;
	size_t		 np;
	char		**pv;

	if (name == NULL) {
		note(r, "a subnet without a name; left out");
		return;
	}
	prefix = get_str(r, sn, "properties.addressPrefix");
	if (prefix == NULL) {
		pv = get_strv(r, sn, "properties.addressPrefixes", &np);
		if (np > 0)
			prefix = xstrdup(pv[0]);
		if (np > 1)
			note(r, "subnet %s has %zu prefixes; the design takes "
			    "the first", name, np);
		while (np > 0)
			free(pv[--np]);
		free(pv);
	}
	/* A template child's name is "vnet/subnet". */
	if (strchr(name, '/') != NULL) {
		char	*t = id_name(name);

		free(name);
		name = t;
	}
	s = PUSH(r->dp->subnets, r->dp->nsubnets);
	src_set(r, &s->src, jsonin_str(sn, "id"));
	s->name = name;
	s->vnet = xstrdup(vnet);
	s->prefix = prefix;
}

static void
read_vnet(struct rd *r, const json_t *res, char *name)
{
	struct dep_vnet	*v;
	json_t		*a, *e;
	size_t		 i, plen = r->path.len;

	v = PUSH(r->dp->vnets, r->dp->nvnets);
	src_set(r, &v->src, r->rid);
	v->name = name;
	v->subscription = id_part(r->rid, "subscriptions");
	v->resource_group = id_part(r->rid, "resourceGroups");
	v->location = get_str(r, res, "location");
	v->space = get_strv(r, res, "properties.addressSpace.addressPrefixes",
	    &v->nspace);
	a = jsonin_get(res, "properties.subnets");
	jsonin_path_key(&r->path, "properties");
	jsonin_path_key(&r->path, "subnets");
	json_array_foreach(a, i, e) {
		size_t	 p2 = r->path.len;

		jsonin_path_index(&r->path, i);
		read_subnet(r, e, name);
		buf_truncate(&r->path, p2);
	}
	buf_truncate(&r->path, plen);
	a = jsonin_get(res, "properties.virtualNetworkPeerings");
	json_array_foreach(a, i, e) {
		char	*peer = ref_name(r, e,
		    "properties.remoteVirtualNetwork.id");

		if (peer == NULL)
			continue;
		v->peers = xreallocarray(v->peers, v->npeers + 1,
		    sizeof(*v->peers));
		v->peers[v->npeers++] = peer;
	}
}

/* A peering resource of a VNet (template child or its own resource):
 * recorded on the VNet when the VNet is read, else as a one-sided
 * fact on the remote VNet's list. */
static void
read_vnet_peering(struct rd *r, const json_t *res, const char *vnet)
{
	char	*peer = ref_name(r, res, "properties.remoteVirtualNetwork.id");
	size_t	 i;

	if (peer == NULL || vnet == NULL) {
		free(peer);
		note(r, "a VNet peering without its VNets; left out");
		return;
	}
	for (i = 0; i < r->dp->nvnets; i++)
		if (strcasecmp(r->dp->vnets[i].name, vnet) == 0)
			break;
	if (i == r->dp->nvnets) {
		note(r, "a peering of VNet %s, which is not in the input; "
		    "left out", vnet);
		free(peer);
		return;
	}
	r->dp->vnets[i].peers = xreallocarray(r->dp->vnets[i].peers,
	    r->dp->vnets[i].npeers + 1, sizeof(char *));
	r->dp->vnets[i].peers[r->dp->vnets[i].npeers++] = peer;
}

static void
read_pip(struct rd *r, const json_t *res, char *name)
{
	struct dep_pip	*p = PUSH(r->dp->pips, r->dp->npips);

	src_set(r, &p->src, r->rid);
	p->name = name;
	p->address = get_str(r, res, "properties.ipAddress");
}

static void
read_gateway(struct rd *r, const json_t *res, char *name)
{
	struct dep_gateway *g = PUSH(r->dp->gateways, r->dp->ngateways);
	char		*t, *gen;
	json_t		*a, *e, *bp;
	size_t		 i, j;

	src_set(r, &g->src, r->rid);
	g->name = name;
	g->subscription = id_part(r->rid, "subscriptions");
	g->resource_group = id_part(r->rid, "resourceGroups");
	g->location = get_str(r, res, "location");
	t = get_str(r, res, "properties.gatewayType");
	g->type = t == NULL ? DEP_GW_UNKNOWN : strcasecmp(t, "Vpn") == 0 ?
	    DEP_GW_VPN : strcasecmp(t, "ExpressRoute") == 0 ? DEP_GW_ER :
	    DEP_GW_UNKNOWN;
	if (g->type == DEP_GW_UNKNOWN)
		note(r, "gateway %s: gatewayType %s is neither Vpn nor "
		    "ExpressRoute; left out of the design", name,
		    t ? t : "(absent)");
	free(t);
	g->sku = get_str(r, res, "properties.sku.name");
	if (g->sku == NULL)
		g->sku = get_str(r, res, "sku.name");
	gen = get_str(r, res, "properties.vpnGatewayGeneration");
	g->generation = gen == NULL ? -1 : strcasecmp(gen, "Generation1") ==
	    0 ? 1 : strcasecmp(gen, "Generation2") == 0 ? 2 : -1;
	free(gen);
	g->vpn_type = get_str(r, res, "properties.vpnType");
	g->active_active = get_bool(r, res, "properties.activeActive");
	g->bgp = get_bool(r, res, "properties.enableBgp");
	g->asn = get_num(r, res, "properties.bgpSettings.asn");
	a = jsonin_get(res, "properties.ipConfigurations");
	json_array_foreach(a, i, e) {
		struct dep_gwip	*ip;
		char		*sub;

		ip = PUSH(g->ips, g->nips);
		ip->name = get_str(r, e, "name");
		if (ip->name != NULL && strchr(ip->name, '/') != NULL) {
			char	*n = id_name(ip->name);

			free(ip->name);
			ip->name = n;
		}
		ip->pip = ref_name(r, e, "properties.publicIPAddress.id");
		sub = get_str(r, e, "properties.subnet.id");
		if (sub != NULL && g->vnet == NULL)
			g->vnet = id_part(sub, "virtualNetworks");
		free(sub);
	}
	bp = jsonin_get(res, "properties.bgpSettings.bgpPeeringAddresses");
	json_array_foreach(bp, i, e) {
		char	*cfg = ref_name(r, e, "ipconfigurationId");
		char	**v;
		size_t	 n;

		for (j = 0; j < g->nips; j++)
			if (cfg && g->ips[j].name &&
			    strcasecmp(cfg, g->ips[j].name) == 0)
				break;
		if (j == g->nips && i < g->nips)
			j = i;
		free(cfg);
		if (j == g->nips) {
			note(r, "bgpPeeringAddresses[%zu] names no ip "
			    "configuration of gateway %s; left out", i, name);
			continue;
		}
		v = get_strv(r, e, "defaultBgpIpAddresses", &n);
		if (n > 0 && g->ips[j].bgp_ip == NULL)
			g->ips[j].bgp_ip = xstrdup(v[0]);
		while (n > 0)
			free(v[--n]);
		free(v);
		v = get_strv(r, e, "customBgpIpAddresses", &n);
		if (n > 0 && g->ips[j].apipa_ip == NULL)
			g->ips[j].apipa_ip = xstrdup(v[0]);
		while (n > 0)
			free(v[--n]);
		free(v);
		v = get_strv(r, e, "tunnelIpAddresses", &n);
		if (n > 0 && g->ips[j].public_ip == NULL)
			g->ips[j].public_ip = xstrdup(v[0]);
		while (n > 0)
			free(v[--n]);
		free(v);
	}
	if (json_array_size(bp) == 0) {
		/* Older responses: "10.1.255.4,10.1.255.5". */
		char	*all = get_str(r, res,
		    "properties.bgpSettings.bgpPeeringAddress");
		char	*tok, *save = NULL;

		j = 0;
		for (tok = all ? strtok_r(all, ",", &save) : NULL; tok != NULL
		    && j < g->nips; tok = strtok_r(NULL, ",", &save), j++)
			g->ips[j].bgp_ip = xstrdup(tok);
		free(all);
	}
}

static void
read_peering(struct rd *r, const json_t *pe, struct dep_circuit *c)
{
	char	*type = get_str(r, pe, "properties.peeringType");

	if (type == NULL || strcasecmp(type, "AzurePrivatePeering") != 0) {
		note(r, "circuit %s: %s is not modelled (a design holds the "
		    "Azure private peering only); left out", c->name,
		    type ? type : "a peering without peeringType");
		free(type);
		return;
	}
	free(type);
	c->has_peering = 1;
	free(c->peering_src.file);
	free(c->peering_src.path);
	free(c->peering_src.id);
	src_set(r, &c->peering_src, jsonin_str(pe, "id"));
	c->peer_asn = get_num(r, pe, "properties.peerASN");
	free(c->primary_subnet);
	c->primary_subnet = get_str(r, pe, "properties.primaryPeerAddressPrefix");
	free(c->secondary_subnet);
	c->secondary_subnet = get_str(r, pe,
	    "properties.secondaryPeerAddressPrefix");
	c->vlan_id = get_num(r, pe, "properties.vlanId");
}

static struct dep_circuit *
find_circuit(struct rd *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->dp->ncircuits; i++)
		if (strcasecmp(r->dp->circuits[i].name, name) == 0)
			return &r->dp->circuits[i];
	return NULL;
}

static void
read_circuit(struct rd *r, const json_t *res, char *name)
{
	struct dep_circuit *c = PUSH(r->dp->circuits, r->dp->ncircuits);
	json_t		*a, *e;
	size_t		 i, plen = r->path.len;

	src_set(r, &c->src, r->rid);
	c->name = name;
	c->subscription = id_part(r->rid, "subscriptions");
	c->resource_group = id_part(r->rid, "resourceGroups");
	c->provider = get_str(r, res,
	    "properties.serviceProviderProperties.serviceProviderName");
	c->peering_location = get_str(r, res,
	    "properties.serviceProviderProperties.peeringLocation");
	c->bandwidth_mbps = get_num(r, res,
	    "properties.serviceProviderProperties.bandwidthInMbps");
	c->sku = get_str(r, res, "sku.tier");
	c->peer_asn = c->vlan_id = -1;
	if (jsonin_get(res, "properties.expressRoutePort") != NULL)
		note(r, "circuit %s is on ExpressRoute Direct: its provider "
		    "and peering location come from the port, which the design "
		    "does not model; give them in the overlay", name);
	a = jsonin_get(res, "properties.peerings");
	jsonin_path_key(&r->path, "properties");
	jsonin_path_key(&r->path, "peerings");
	json_array_foreach(a, i, e) {
		size_t	 p2 = r->path.len;

		jsonin_path_index(&r->path, i);
		read_peering(r, e, c);
		buf_truncate(&r->path, p2);
	}
	buf_truncate(&r->path, plen);
}

static void
read_circuit_peering(struct rd *r, const json_t *res, const char *circuit)
{
	struct dep_circuit *c = circuit ? find_circuit(r, circuit) : NULL;

	if (c == NULL) {
		note(r, "a peering of circuit %s, which is not in the input "
		    "(or not before it); left out", circuit ? circuit : "?");
		return;
	}
	read_peering(r, res, c);
}

static void
read_lng(struct rd *r, const json_t *res, char *name)
{
	struct dep_lng	*l = PUSH(r->dp->lngs, r->dp->nlngs);

	src_set(r, &l->src, r->rid);
	l->name = name;
	l->gateway_ip = get_str(r, res, "properties.gatewayIpAddress");
	l->fqdn = get_str(r, res, "properties.fqdn");
	l->prefixes = get_strv(r, res,
	    "properties.localNetworkAddressSpace.addressPrefixes",
	    &l->nprefixes);
	l->asn = get_num(r, res, "properties.bgpSettings.asn");
	l->bgp_peer_ip = get_str(r, res,
	    "properties.bgpSettings.bgpPeeringAddress");
}

static void
read_conn(struct rd *r, const json_t *res, char *name)
{
	struct dep_conn	*c = PUSH(r->dp->conns, r->dp->nconns);
	json_t		*k;
	char		*proto;

	src_set(r, &c->src, r->rid);
	c->name = name;
	c->type = get_str(r, res, "properties.connectionType");
	c->gateway = ref_name(r, res, "properties.virtualNetworkGateway1.id");
	c->lng = ref_name(r, res, "properties.localNetworkGateway2.id");
	c->circuit = ref_name(r, res, "properties.peer.id");
	if (jsonin_get(res, "properties.virtualNetworkGateway2") != NULL)
		note(r, "connection %s is VNet-to-VNet, which a design does "
		    "not model; left out", name);
	c->routing_weight = get_num(r, res, "properties.routingWeight");
	c->fastpath = get_bool(r, res,
	    "properties.expressRouteGatewayBypass");
	c->bgp = get_bool(r, res, "properties.enableBgp");
	/* Only whether a key is set: the value is never read. */
	k = jsonin_get(res, "properties.sharedKey");
	c->shared_key = k == NULL ? -1 : json_is_string(k) &&
	    json_string_length(k) > 0 ? 1 : 0;
	proto = get_str(r, res, "properties.connectionProtocol");
	c->ike_version = proto == NULL ? -1 : strcasecmp(proto, "IKEv1") ==
	    0 ? 1 : strcasecmp(proto, "IKEv2") == 0 ? 2 : -1;
	free(proto);
	c->dpd_timeout_s = get_num(r, res, "properties.dpdTimeoutSeconds");
	c->sa_lifetime_s = -1;
	if (json_array_size(jsonin_get(res, "properties.ipsecPolicies")) > 0)
		c->sa_lifetime_s = get_num(r, json_array_get(jsonin_get(res,
		    "properties.ipsecPolicies"), 0), "saLifeTimeSeconds");
}

static void
read_hub(struct rd *r, const json_t *res, char *name)
{
	struct dep_route_server *s;

	if (jsonin_get(res, "properties.virtualWan") != NULL) {
		note(r, "virtual hub %s belongs to a Virtual WAN, which a "
		    "design does not model; left out", name);
		free(name);
		return;
	}
	s = PUSH(r->dp->route_servers, r->dp->nroute_servers);
	src_set(r, &s->src, r->rid);
	s->name = name;
	s->branch_to_branch = get_bool(r, res,
	    "properties.allowBranchToBranchTraffic");
}

/* The type after "Microsoft.Network/", case-insensitive, or NULL. */
static const char *
net_type(const char *type)
{
	static const char pfx[] = "Microsoft.Network/";

	if (type == NULL || strncasecmp(type, pfx, sizeof(pfx) - 1) != 0)
		return NULL;
	return type + sizeof(pfx) - 1;
}

static void read_resource(struct rd *r, const json_t *res, const char *parent,
    const char *ptype, int nest);

static void
read_children(struct rd *r, const json_t *res, const char *name,
    const char *type, int nest)
{
	json_t	*a = json_object_get(res, "resources"), *e;
	size_t	 i, plen = r->path.len;

	if (!json_is_array(a))
		return;
	if (nest >= ARM_MAX_NEST) {
		note(r, "child resources nested deeper than %d levels; left "
		    "out", ARM_MAX_NEST);
		return;
	}
	jsonin_path_key(&r->path, "resources");
	json_array_foreach(a, i, e) {
		size_t	 p2 = r->path.len;

		jsonin_path_index(&r->path, i);
		read_resource(r, e, name, type, nest + 1);
		buf_truncate(&r->path, p2);
	}
	buf_truncate(&r->path, plen);
}

static void
read_resource(struct rd *r, const json_t *res, const char *parent,
    const char *ptype, int nest)
{
	char		*type, *name, *id, *full = NULL, *parent_name = NULL;
	const char	*t;
	const char	*saved_rid = r->rid;

	if (!deployed_count(r->dp, r->file, r->d))
		return;
	if (!json_is_object(res)) {
		note(r, "expected a resource object; left out");
		return;
	}
	type = get_str(r, res, "type");
	name = get_str(r, res, "name");
	id = get_str(r, res, "id");
	if (type == NULL || name == NULL) {
		note(r, "a resource without %s; left out", type == NULL ?
		    "a type" : "a name that can be read");
		goto out;
	}
	/* A template child's type is relative to its parent's. */
	if (ptype != NULL && strchr(type, '/') == NULL) {
		full = xasprintf("%s/%s", ptype, type);
		free(type);
		type = full;
		full = NULL;
	}
	/* "vnet/subnet": the parent is the part before the slash. */
	if (strchr(name, '/') != NULL) {
		parent_name = xstrndup(name, (size_t)(strrchr(name, '/') -
		    name));
		if (strchr(parent_name, '/') != NULL) {
			char	*pn = id_name(parent_name);

			free(parent_name);
			parent_name = pn;
		}
		full = id_name(name);
		free(name);
		name = full;
		full = NULL;
	} else if (parent != NULL)
		parent_name = xstrdup(parent);
	if (parent_name == NULL && id != NULL) {
		/* .../virtualNetworks/V/subnets/S: the parent is V. */
		const char	*tt = net_type(type);

		if (tt != NULL && strncasecmp(tt, "virtualNetworks/", 16) == 0)
			parent_name = id_part(id, "virtualNetworks");
		else if (tt != NULL && strncasecmp(tt, "expressRouteCircuits/",
		    21) == 0)
			parent_name = id_part(id, "expressRouteCircuits");
	}
	r->rid = id;
	t = net_type(type);
	if (t == NULL)
		note(r, "resource type %s is not part of a hybrid network "
		    "design; left out", type);
	else if (strcasecmp(t, "virtualNetworks") == 0) {
		read_vnet(r, res, name);
		name = NULL;
	} else if (strcasecmp(t, "virtualNetworks/subnets") == 0) {
		if (parent_name != NULL)
			read_subnet(r, res, parent_name);
		else
			note(r, "subnet %s names no VNet; left out", name);
	} else if (strcasecmp(t, "virtualNetworks/virtualNetworkPeerings") ==
	    0)
		read_vnet_peering(r, res, parent_name);
	else if (strcasecmp(t, "publicIPAddresses") == 0) {
		read_pip(r, res, name);
		name = NULL;
	} else if (strcasecmp(t, "virtualNetworkGateways") == 0) {
		read_gateway(r, res, name);
		name = NULL;
	} else if (strcasecmp(t, "expressRouteCircuits") == 0) {
		read_circuit(r, res, name);
		name = NULL;
	} else if (strcasecmp(t, "expressRouteCircuits/peerings") == 0)
		read_circuit_peering(r, res, parent_name);
	else if (strcasecmp(t, "localNetworkGateways") == 0) {
		read_lng(r, res, name);
		name = NULL;
	} else if (strcasecmp(t, "connections") == 0) {
		read_conn(r, res, name);
		name = NULL;
	} else if (strcasecmp(t, "virtualHubs") == 0) {
		read_hub(r, res, name);
		name = NULL;
	} else
		note(r, "resource type %s is not part of a hybrid network "
		    "design; left out", type);
	if (r->tmpl != NULL) {
		char	*n = get_str(r, res, "name");

		read_children(r, res, n, type, nest);
		free(n);
	}
out:
	r->rid = saved_rid;
	free(type);
	free(name);
	free(id);
	free(parent_name);
}

static void
read_array(struct rd *r, const json_t *a, const char *key)
{
	json_t	*e;
	size_t	 i, plen = r->path.len;

	if (key != NULL)
		jsonin_path_key(&r->path, key);
	json_array_foreach(a, i, e) {
		size_t	 p2 = r->path.len;

		jsonin_path_index(&r->path, i);
		read_resource(r, e, NULL, NULL, 0);
		buf_truncate(&r->path, p2);
	}
	buf_truncate(&r->path, plen);
}

int
deployed_from_arm_json(struct deployed *dp, const char *name, json_t *root,
    struct diags *d)
{
	struct rd	 r;
	json_t		*v, *body;
	const char	*schema;
	int		 ok = 1;

	memset(&r, 0, sizeof(r));
	r.dp = dp;
	r.file = name;
	r.d = d;
	buf_putc(&r.path, '$');
	if (json_is_array(root))
		read_array(&r, root, NULL);
	else if (!json_is_object(root)) {
		struct mark	 m = { 1, 1 };

		diags_error(d, name, m, "expected Azure resources: an object "
		    "or an array of them, not a %s", json_is_string(root) ?
		    "string" : json_is_number(root) ? "number" : "literal");
		ok = 0;
	} else if ((v = json_object_get(root, "value")) != NULL &&
	    json_is_array(v))
		read_array(&r, v, "value");
	else if ((v = json_object_get(root, "data")) != NULL &&
	    json_is_array(v))
		read_array(&r, v, "data");
	else if ((v = json_object_get(root, "resources")) != NULL &&
	    json_is_array(v)) {
		schema = jsonin_str(root, "$schema");
		if (schema == NULL || strstr(schema, "eploymentTemplate") ==
		    NULL)
			note(&r, "an object with resources but no deployment "
			    "template $schema: read as a template");
		r.tmpl = root;
		read_array(&r, v, "resources");
	} else if ((v = json_object_get(root, "responses")) != NULL &&
	    json_is_object(v)) {
		/* A REST reference example: the first response's body. */
		const char	*code;
		json_t		*resp;

		body = NULL;
		jsonin_path_key(&r.path, "responses");
		json_object_foreach(v, code, resp) {
			if ((body = json_object_get(resp, "body")) != NULL) {
				jsonin_path_key(&r.path, code);
				jsonin_path_key(&r.path, "body");
				break;
			}
		}
		if (body == NULL) {
			note(&r, "a REST example without a response body: "
			    "nothing to read");
		} else if (json_is_array(json_object_get(body, "value"))) {
			read_array(&r, json_object_get(body, "value"),
			    "value");
		} else
			read_resource(&r, body, NULL, NULL, 0);
	} else if (json_object_get(root, "type") != NULL)
		read_resource(&r, root, NULL, NULL, 0);
	else {
		struct mark	 m = { 1, 1 };

		diags_error(d, name, m, "expected Azure resources: one "
		    "resource (with \"type\"), an array, {\"value\": [...]}, "
		    "{\"data\": [...]} or a template with \"resources\"%s",
		    jsonin_get(root, "values.root_module") != NULL ||
		    jsonin_get(root, "planned_values.root_module") != NULL ||
		    jsonin_str(root, "format_version") != NULL ? "; this looks "
		    "like `terraform show -json`: use --from terraform" : "");
		ok = 0;
	}
	buf_release(&r.path);
	return ok;
}

int
deployed_read_arm(struct deployed *dp, const char *file, struct diags *d)
{
	json_t	*root = jsonin_load(file, d);
	int	 ok;

	if (root == NULL)
		return 0;
	ok = deployed_from_arm_json(dp, file, root, d);
	json_decref(root);
	return ok;
}

int
deployed_read_routes(struct deployed *dp, const char *circuit,
    const char *file, struct diags *d)
{
	json_t		*root = jsonin_load(file, d), *list, *e;
	struct dep_routes *rt;
	struct mark	 m = { 1, 1 };
	size_t		 i;

	if (root == NULL)
		return 0;
	list = json_is_array(root) ? root : json_object_get(root, "value");
	if (!json_is_array(list)) {
		diags_error(d, file, m, "expected a circuit route table (`az "
		    "network express-route list-route-tables`): {\"value\": "
		    "[...]} or an array of routes with \"network\"");
		json_decref(root);
		return 0;
	}
	dp->routes = xreallocarray(dp->routes, dp->nroutes + 1,
	    sizeof(*dp->routes));
	rt = &dp->routes[dp->nroutes++];
	memset(rt, 0, sizeof(*rt));
	rt->src.file = xstrdup(file);
	rt->src.path = xstrdup(list == root ? "$" : "$.value");
	rt->circuit = xstrdup(circuit);
	json_array_foreach(list, i, e) {
		const char	*net = jsonin_str(e, "network");
		const char	*path = jsonin_str(e, "path");
		struct mark	 none = { 0, 0 };

		if (net == NULL) {
			diags_add(d, DIAG_NOTE, file, none, NULL, "%s[%zu]: a "
			    "route without \"network\"; left out", rt->src.path,
			    i);
			continue;
		}
		rt->networks = xreallocarray(rt->networks, rt->n + 1,
		    sizeof(char *));
		rt->paths = xreallocarray(rt->paths, rt->n + 1,
		    sizeof(char *));
		rt->networks[rt->n] = xstrdup(net);
		rt->paths[rt->n++] = xstrdup(path ? path : "");
	}
	json_decref(root);
	return 1;
}

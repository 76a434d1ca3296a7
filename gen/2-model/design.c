/*
 * The typed model: loads a design file through the loader and the
 * schema binder, then makes the cross-object checks that are input
 * errors rather than findings (duplicate names, references to unknown
 * circuits and sites, a VPN device that is neither BGP nor static),
 * and fills defaults that depend on other values (device names,
 * advertised prefixes).  The SKU facts are in sku.c.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/catalog.h"
#include "hybridoc/design.h"
#include "hybridoc/hash.h"
#include "hybridoc/load.h"
#include "hybridoc/schema.h"
#include "hybridoc/xalloc.h"

/* An input error with its id, a row of input_rules[] (catalog.h). */
static void
input_error(struct diags *d, enum input_id id, const char *file,
    struct mark mark, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
input_error(struct diags *d, enum input_id id, const char *file,
    struct mark mark, const char *fmt, ...)
{
	struct buf	 msg = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diags_add(d, DIAG_ERROR, file, mark, input_rules[id].id, "%s",
	    buf_cstr(&msg));
	buf_release(&msg);
}

struct mark
design_mark(const struct value *node, const char *key)
{
	struct mark	 none = { 0, 0 };
	long		 i;

	if (node == NULL)
		return none;
	if (key != NULL && (i = value_map_index(node, key)) >= 0)
		return node->items[i]->mark;
	return node->mark;
}

struct site *
design_site(const struct design *dsn, const char *name)
{
	size_t	 i;

	for (i = 0; i < dsn->nsites; i++)
		if (dsn->sites[i].name != NULL &&
		    strcmp(dsn->sites[i].name, name) == 0)
			return &dsn->sites[i];
	return NULL;
}

struct circuit *
design_circuit(const struct design *dsn, const char *name)
{
	size_t	 i;

	for (i = 0; i < dsn->ncircuits; i++)
		if (dsn->circuits[i].name != NULL &&
		    strcmp(dsn->circuits[i].name, name) == 0)
			return &dsn->circuits[i];
	return NULL;
}

const struct subnet *
design_gateway_subnet(const struct design *dsn)
{
	size_t	 i;

	for (i = 0; i < dsn->vnet.nsubnets; i++)
		if (strcmp(dsn->vnet.subnets[i].name, "GatewaySubnet") == 0)
			return &dsn->vnet.subnets[i];
	return NULL;
}

int
design_coexist(const struct design *dsn)
{
	return dsn->er_gateway.node != NULL && dsn->vpn_gateway.node != NULL;
}

size_t
design_tunnels_per_device(const struct design *dsn)
{
	return dsn->vpn_gateway.active_active ? 2 : 1;
}

/* ---- loading ---- */

static void
hash_source(struct design *dsn)
{
	uint64_t	 h = hash_bytes(HASH_INIT, dsn->source,
			    dsn->source_len);

	snprintf(dsn->hash, sizeof(dsn->hash), "%016llx",
	    (unsigned long long)h);
}

struct named {
	const char	*name;
	size_t		 i;
};

static int
named_cmp(const void *pa, const void *pb)
{
	const struct named *a = pa, *b = pb;
	int		 c = strcmp(a->name, b->name);

	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* Non-zero when map holds key with a value not of kind: the binder has
 * reported it, so a check that reads the key's default would only
 * repeat that error. */
static int
bad_kind(const struct value *map, const char *key, enum value_kind kind)
{
	long	 i = value_map_index(map, key);

	return i >= 0 && map->items[i]->kind != kind;
}

/*
 * Reports a name used twice among n objects of size sz, each use after
 * the first against the first.  Sorted by name, then position, so that
 * 20,000 sites cost n log n comparisons rather than n^2 (seconds).
 */
static void
check_unique(struct design *dsn, struct diags *d, const void *arr, size_t n,
    size_t sz, size_t name_off, const char *what, int *ok)
{
	const char	*base = arr;
	struct named	*u;
	size_t		*first, i, k, g, m = 0;
	const char	*a;
	const struct value *na, *nb;

	if (n < 2)
		return;
	u = xreallocarray(NULL, n, sizeof(*u));
	first = xreallocarray(NULL, n, sizeof(*first));
	for (i = 0; i < n; i++) {
		first[i] = SIZE_MAX;
		a = *(char *const *)(base + i * sz + name_off);
		if (a != NULL) {
			u[m].name = a;
			u[m++].i = i;
		}
	}
	qsort(u, m, sizeof(*u), named_cmp);
	for (k = 1, g = 0; k < m; k++) {
		if (strcmp(u[k].name, u[g].name) == 0)
			first[u[k].i] = u[g].i;
		else
			g = k;
	}
	for (i = 0; i < n; i++) {
		if (first[i] == SIZE_MAX)
			continue;
		a = *(char *const *)(base + i * sz + name_off);
		na = *(const struct value *const *)(base + i * sz);
		nb = *(const struct value *const *)(base + first[i] * sz);
		input_error(d, HD011, dsn->file, design_mark(na, "name"),
		    "duplicate %s name '%s' (also at line %u); names must be "
		    "unique", what, a, design_mark(nb, "name").line);
		*ok = 0;
	}
	free(first);
	free(u);
}

static void
copy_prefixes(struct prefix **dst, size_t *ndst, const struct prefix *src,
    size_t n)
{
	*dst = xreallocarray(NULL, n ? n : 1, sizeof(**dst));
	if (n)		/* src is NULL when the list failed to bind */
		memcpy(*dst, src, n * sizeof(**dst));
	*ndst = n;
}

static int
design_crosscheck(struct design *dsn, struct diags *d)
{
	const char	**names;
	const char	*s;
	struct site	*site;
	struct site_er	*er;
	struct vpn_device *dev;
	size_t		 i, j, k;
	int		 ok = 1;

	check_unique(dsn, d, dsn->vnet.subnets, dsn->vnet.nsubnets,
	    sizeof(struct subnet), offsetof(struct subnet, name), "subnet",
	    &ok);
	check_unique(dsn, d, dsn->spokes, dsn->nspokes, sizeof(struct spoke),
	    offsetof(struct spoke, name), "spoke", &ok);
	check_unique(dsn, d, dsn->circuits, dsn->ncircuits,
	    sizeof(struct circuit), offsetof(struct circuit, name), "circuit",
	    &ok);
	check_unique(dsn, d, dsn->sites, dsn->nsites, sizeof(struct site),
	    offsetof(struct site, name), "site", &ok);

	if (dsn->vpn_gateway.node && dsn->vpn_gateway.ninstances > 2) {
		input_error(d, HD013, dsn->file, design_mark(dsn->vpn_gateway.node,
		    "instances"), "azure.vpn_gateway.instances: %zu "
		    "instances given; a VPN gateway has one (active-standby) "
		    "or two (active-active)", dsn->vpn_gateway.ninstances);
		ok = 0;
	}
	names = xreallocarray(NULL, dsn->ncircuits + dsn->nsites + 1,
	    sizeof(*names));
	for (i = 0; i < dsn->ncircuits; i++)
		names[i] = dsn->circuits[i].name ? dsn->circuits[i].name : "";
	for (i = 0; i < dsn->nsites; i++)
		names[dsn->ncircuits + i] = dsn->sites[i].name ?
		    dsn->sites[i].name : "";
	for (i = 0; i < dsn->nsites; i++) {
		site = &dsn->sites[i];
		if (site->name == NULL)
			continue;	/* reported by the binder */
		if ((site->ner || site->ndevices) == 0) {
			input_error(d, HD013, dsn->file, design_mark(site->node,
			    "name"), "sites.%s: the site has neither "
			    "'expressroute' nor 'vpn'; give it at least one "
			    "way to reach Azure", site->name);
			ok = 0;
		}
		for (j = 0; j < site->ner; j++) {
			er = &site->er[j];
			if (er->circuit_name == NULL)
				continue;	/* reported by the binder */
			er->circuit = design_circuit(dsn, er->circuit_name);
			if (er->circuit == NULL) {
				s = schema_suggest(er->circuit_name, names,
				    dsn->ncircuits);
				input_error(d, HD012, dsn->file, design_mark(er->node,
				    "circuit"), "sites.%s.expressroute: no "
				    "circuit named '%s'%s%s%s", site->name,
				    er->circuit_name,
				    s ? "; did you mean '" : dsn->ncircuits ?
				    "" : "; the design has no circuits",
				    s ? s : "", s ? "'?" : "");
				ok = 0;
			}
			for (k = 0; k < j; k++)
				if (site->er[k].circuit_name &&
				    strcmp(site->er[k].circuit_name,
				    er->circuit_name) == 0) {
					input_error(d, HD011, dsn->file,
					    design_mark(er->node, "circuit"),
					    "sites.%s.expressroute: circuit "
					    "'%s' is attached twice",
					    site->name, er->circuit_name);
					ok = 0;
				}
			if (er->connection == NULL)
				er->connection = xasprintf("cn-%s",
				    er->circuit_name);
			if (value_map_index(er->node, "advertise") < 0)
				copy_prefixes(&er->advertise, &er->nadvertise,
				    site->address_prefixes,
				    site->naddress_prefixes);
		}
		if (site->ner && dsn->er_gateway.node == NULL) {
			input_error(d, HD013, dsn->file, design_mark(site->node,
			    "expressroute"), "sites.%s: the site uses "
			    "ExpressRoute but azure has no "
			    "'expressroute_gateway'", site->name);
			ok = 0;
		}
		if (site->ndevices && dsn->vpn_gateway.node == NULL) {
			input_error(d, HD013, dsn->file, design_mark(site->node,
			    "vpn"), "sites.%s: the site uses a VPN but azure "
			    "has no 'vpn_gateway'", site->name);
			ok = 0;
		}
		for (j = 0; j < site->ndevices; j++) {
			dev = &site->devices[j];
			if (dev->name == NULL)
				dev->name = xasprintf("vpn%zu", j + 1);
			if (dev->node == NULL || dev->node->kind != VALUE_MAP)
				continue;	/* reported by the binder */
			if (dev->connection == NULL)
				dev->connection = xasprintf("cn-%s-%s",
				    site->name, dev->name);
			if (dev->local_network_gateway == NULL)
				dev->local_network_gateway = xasprintf(
				    "lng-%s-%s", site->name, dev->name);
			if (dev->is_static == dev->has_bgp &&
			    !bad_kind(dev->node, "static", VALUE_BOOL) &&
			    !bad_kind(dev->node, "bgp", VALUE_MAP)) {
				input_error(d, HD013, dsn->file, design_mark(dev->node,
				    dev->has_bgp ? "static" : NULL),
				    "sites.%s.vpn.%s: %s", site->name,
				    dev->name, dev->has_bgp ?
				    "both 'bgp' and 'static: true' are given; "
				    "choose one" : "expected 'bgp: {asn, "
				    "peer_ip}' or 'static: true'");
				ok = 0;
			}
			if (dev->has_bgp && !dev->is_static &&
			    value_map_index(dev->node, "advertise") < 0)
				copy_prefixes(&dev->advertise,
				    &dev->nadvertise, site->address_prefixes,
				    site->naddress_prefixes);
			if (dev->is_static && dev->nadvertise) {
				input_error(d, HD013, dsn->file, design_mark(dev->node,
				    "advertise"), "sites.%s.vpn.%s: "
				    "'advertise' needs BGP; a static site is "
				    "routed by its address_prefixes",
				    site->name, dev->name);
				ok = 0;
			}
			for (k = 0; k < j; k++)
				if (strcmp(site->devices[k].name,
				    dev->name) == 0) {
					input_error(d, HD011, dsn->file,
					    design_mark(dev->node, "name"),
					    "sites.%s.vpn: duplicate device "
					    "name '%s'", site->name,
					    dev->name);
					ok = 0;
				}
		}
	}
	for (i = 0; i < dsn->ntraffic; i++) {
		struct traffic *t = &dsn->traffic[i];
		const char *const *snames = names + dsn->ncircuits;

		if (t->site_name == NULL)
			continue;
		t->site = design_site(dsn, t->site_name);
		if (t->site == NULL) {
			s = schema_suggest(t->site_name, snames, dsn->nsites);
			input_error(d, HD012, dsn->file, design_mark(t->node, "site"),
			    "traffic[%zu]: no site named '%s'%s%s%s", i,
			    t->site_name, s ? "; did you mean '" : "",
			    s ? s : "", s ? "'?" : "");
			ok = 0;
		}
		if (t->to_name) {
			t->to = design_site(dsn, t->to_name);
			if (t->to == NULL) {
				s = schema_suggest(t->to_name, snames,
				    dsn->nsites);
				input_error(d, HD012, dsn->file, design_mark(t->node,
				    "to"), "traffic[%zu].to: no site named "
				    "'%s'%s%s%s", i, t->to_name,
				    s ? "; did you mean '" : "", s ? s : "",
				    s ? "'?" : "");
				ok = 0;
			}
		}
	}
	for (i = 0; i < dsn->nsuppress; i++) {
		struct suppress *sp = &dsn->suppress[i];
		const struct rule *r = sp->rule ? rule_find(sp->rule) : NULL;

		if (sp->rule && r == NULL) {
			input_error(d, HD012, dsn->file, design_mark(sp->node, "rule"),
			    "suppress[%zu].rule: '%s' is not a rule id of the "
			    "catalog (HD101 ... HD703)", i, sp->rule);
			ok = 0;
		} else if (r != NULL && !rule_suppressible(r)) {
			/* catalog.h, RULE_NOT_SUPPRESSIBLE */
			input_error(d, HD007, dsn->file, design_mark(sp->node,
			    "rule"), "suppress[%zu].rule: %s is a finding of "
			    "diagnose, about the live network, and cannot be "
			    "suppressed: describe in the design what it "
			    "reports, or find out who configured it", i,
			    sp->rule);
			ok = 0;
		}
	}
	free(names);
	return ok;
}

/* ---- Values not known yet ---- */

/*
 * Records obj.key when it is written as unknown.  A text field (str
 * non-NULL) gets the placeholder, so that every renderer prints it.
 */
static void
unknown_add(struct design *dsn, const struct value *obj, const char *key,
    char **str, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void
unknown_add(struct design *dsn, const struct value *obj, const char *key,
    char **str, const char *fmt, ...)
{
	struct unknown	*u;
	va_list		 ap;
	struct buf	 where = BUF_INIT;

	if (obj == NULL || !value_is_unknown(value_map_get(obj, key)))
		return;
	va_start(ap, fmt);
	buf_vprintf(&where, fmt, ap);
	va_end(ap);
	dsn->unknowns = xreallocarray(dsn->unknowns, dsn->nunknowns + 1,
	    sizeof(*dsn->unknowns));
	u = &dsn->unknowns[dsn->nunknowns++];
	u->obj = obj;
	u->key = key;
	u->path = xasprintf("%s.%s", buf_cstr(&where), key);
	u->placeholder = xasprintf("<unknown: %s>", u->path);
	u->mark = value_map_get(obj, key)->mark;
	buf_release(&where);
	if (str != NULL) {
		free(*str);
		*str = xstrdup(u->placeholder);
	}
}

static int
unknown_cmp(const void *pa, const void *pb)
{
	const struct unknown *a = pa, *b = pb;

	if (a->mark.line != b->mark.line)
		return a->mark.line < b->mark.line ? -1 : 1;
	if (a->mark.col != b->mark.col)
		return a->mark.col < b->mark.col ? -1 : 1;
	return strcmp(a->path, b->path);
}

/* The fields schema_unknowable() allows, each at its object path. */
static void
design_unknowns(struct design *dsn)
{
	size_t		 i, j;
	struct circuit	*c;
	struct site	*st;
	struct vpn_device *dv;
	const struct value *dev, *bgp;

	for (i = 0; i < dsn->vpn_gateway.ninstances; i++) {
		const struct value *n = dsn->vpn_gateway.instances[i].node;

		unknown_add(dsn, n, "public_ip", NULL,
		    "azure.vpn_gateway.instances[%zu]", i);
		unknown_add(dsn, n, "bgp_ip", NULL,
		    "azure.vpn_gateway.instances[%zu]", i);
	}
	for (i = 0; i < dsn->ncircuits; i++) {
		c = &dsn->circuits[i];
		unknown_add(dsn, c->node, "provider", &c->provider,
		    "circuits.%s", c->name);
		unknown_add(dsn, c->node, "peering_location",
		    &c->peering_location, "circuits.%s", c->name);
		unknown_add(dsn, c->node, "bandwidth_mbps", NULL,
		    "circuits.%s", c->name);
		unknown_add(dsn, c->peering.node, "peer_asn", NULL,
		    "circuits.%s.private_peering", c->name);
		unknown_add(dsn, c->peering.node, "primary_subnet", NULL,
		    "circuits.%s.private_peering", c->name);
		unknown_add(dsn, c->peering.node, "secondary_subnet", NULL,
		    "circuits.%s.private_peering", c->name);
		unknown_add(dsn, c->peering.node, "vlan_id", NULL,
		    "circuits.%s.private_peering", c->name);
	}
	for (i = 0; i < dsn->nsites; i++) {
		st = &dsn->sites[i];
		unknown_add(dsn, st->node, "location", &st->location,
		    "sites.%s", st->name);
		for (j = 0; j < st->ndevices; j++) {
			dv = &st->devices[j];
			unknown_add(dsn, dv->node, "public_ip", NULL,
			    "sites.%s.vpn.%s", st->name, dv->name);
			dev = value_map_get(dv->node, "device");
			if (dev != NULL && dev->kind == VALUE_MAP) {
				unknown_add(dsn, dev, "vendor", &dv->vendor,
				    "sites.%s.vpn.%s.device", st->name,
				    dv->name);
				unknown_add(dsn, dev, "model", &dv->model,
				    "sites.%s.vpn.%s.device", st->name,
				    dv->name);
			}
			bgp = value_map_get(dv->node, "bgp");
			if (bgp != NULL && bgp->kind == VALUE_MAP) {
				unknown_add(dsn, bgp, "asn", NULL,
				    "sites.%s.vpn.%s.bgp", st->name,
				    dv->name);
				unknown_add(dsn, bgp, "peer_ip", NULL,
				    "sites.%s.vpn.%s.bgp", st->name,
				    dv->name);
			}
		}
	}
	if (dsn->nunknowns > 1)
		qsort(dsn->unknowns, dsn->nunknowns, sizeof(*dsn->unknowns),
		    unknown_cmp);
}

const struct unknown *
design_unknown_at(const struct design *dsn, const struct value *obj,
    const char *key)
{
	size_t	 i;

	if (dsn == NULL || obj == NULL)
		return NULL;
	for (i = 0; i < dsn->nunknowns; i++)
		if (dsn->unknowns[i].obj == obj &&
		    strcmp(dsn->unknowns[i].key, key) == 0)
			return &dsn->unknowns[i];
	return NULL;
}

const char *
design_unknown(const struct design *dsn, const struct value *obj,
    const char *key)
{
	const struct unknown *u = design_unknown_at(dsn, obj, key);

	return u ? u->placeholder : NULL;
}

const char *
design_num(const struct design *dsn, const struct value *obj,
    const char *key, long v, char *buf)
{
	const char	*ph = design_unknown(dsn, obj, key);

	if (ph != NULL)
		return ph;
	snprintf(buf, PREFIX_STRLEN, "%ld", v);
	return buf;
}

const char *
design_addr(const struct design *dsn, const struct value *obj,
    const char *key, const struct prefix *p, int with_len, char *buf)
{
	const char	*ph = design_unknown(dsn, obj, key);

	if (ph != NULL)
		return ph;
	return prefix_format(p, buf, with_len);
}

void
design_addr_copy(const struct design *dsn, const struct value *obj,
    const char *key, const struct prefix *p, int with_len, char *out,
    size_t n)
{
	const char	*ph = design_unknown(dsn, obj, key);
	char		 t[PREFIX_STRLEN];

	snprintf(out, n, "%s", ph != NULL ? ph : prefix_format(p, t,
	    with_len));
}

struct design *
design_load_mem(const char *name, const char *data, size_t len,
    struct diags *d)
{
	struct design	*dsn;
	struct value	*root;
	size_t		 errs = diags_errors(d), first = d->n;
	int		 ok;

	if (!load_yaml(name, data, len, &root, d))
		return NULL;
	dsn = xcalloc(1, sizeof(*dsn));
	dsn->file = xstrdup(name);
	dsn->root = root;
	dsn->source = xstrndup(data, len);
	dsn->source_len = len;
	hash_source(dsn);
	/* Cross-checks run even after binding errors: one run reports all. */
	ok = schema_bind(&schema_design, root, dsn, name, d);
	if (root->kind == VALUE_MAP && !design_crosscheck(dsn, d))
		ok = 0;
	diags_sort(d, first);
	/* Not the count alone: d may be full and drop new messages. */
	if (!ok || diags_errors(d) > errs) {
		design_free(dsn);
		return NULL;
	}
	design_unknowns(dsn);
	if (dsn->er_gateway.node)
		dsn->er_gateway.sku_name = xstrdup(er_sku_name(
		    dsn->er_gateway.sku));
	if (dsn->vpn_gateway.node)
		dsn->vpn_gateway.sku_name = xstrdup(vpn_sku_name(
		    dsn->vpn_gateway.sku));
	return dsn;
}

struct design *
design_load(const char *path, struct diags *d)
{
	char		*data;
	size_t		 len;
	struct design	*dsn;

	if (!load_file(path, &data, &len, d))
		return NULL;
	dsn = design_load_mem(strcmp(path, "-") == 0 ? "<stdin>" : path,
	    data, len, d);
	free(data);
	return dsn;
}

void
design_identify(const char *file, const char *data, size_t len,
    struct design_id *id)
{
	struct diags	 tmp;
	struct value	*root = NULL;
	const struct value *v;

	memset(id, 0, sizeof(*id));
	snprintf(id->hash, sizeof(id->hash), "%016llx", data != NULL ?
	    (unsigned long long)hash_bytes(HASH_INIT, data, len) : 0ULL);
	if (data == NULL)
		return;
	diags_init(&tmp);
	if (load_yaml(file, data, len, &root, &tmp) &&
	    root->kind == VALUE_MAP &&
	    (v = value_map_get(root, "name")) != NULL &&
	    v->kind == VALUE_STR && strlen(v->str) == v->len &&
	    schema_slug_ok(v->str)) {
		id->name = xstrdup(v->str);
		id->name_mark = v->mark;
	}
	value_free(root);
	diags_release(&tmp);
}

void
design_id_release(struct design_id *id)
{
	free(id->name);
	id->name = NULL;
}

void
design_free(struct design *dsn)
{
	if (dsn == NULL)
		return;
	schema_release(&schema_design, dsn);
	for (size_t i = 0; i < dsn->nunknowns; i++) {
		free(dsn->unknowns[i].path);
		free(dsn->unknowns[i].placeholder);
	}
	free(dsn->unknowns);
	free(dsn->er_gateway.sku_name);
	free(dsn->vpn_gateway.sku_name);
	free(dsn->file);
	free(dsn->source);
	value_free(dsn->root);
	free(dsn);
}

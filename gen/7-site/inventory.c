/*
 * The inventory: the cross-design half of the wiki.  Where a design is
 * analysed, inventory_summary() lists what it uses (prefixes, ASNs,
 * circuits, public addresses) in a small value tree that the site keeps
 * in its manifest, so an unchanged design need not be analysed again.
 * inventory_new() then puts every design's rows into sorted tables and
 * finds what two designs share: CIDR blocks either nest or are
 * disjoint, so one sweep over the prefixes in address order, with a
 * stack of the blocks that contain the current one, finds every
 * overlapping pair; equal ASNs, circuit names and addresses sit next to
 * each other once sorted.  Its view feeds the site's inventory page.
 */
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/inventory.h"
#include "hybridoc/prefix.h"
#include "hybridoc/value.h"
#include "hybridoc/view_summary.h"
#include "hybridoc/xalloc.h"

static const char *const list_names[INV_NKINDS] = {
	"prefixes", "asns", "circuits", "ips"
};
static const char *const key_names[INV_NKINDS] = {
	"prefix", "asn", "name", "ip"
};

const char *
inventory_kind_name(enum inv_kind kind)
{
	static const char *const names[INV_NKINDS] = {
		"prefix", "asn", "circuit", "ip"
	};

	return kind < INV_NKINDS ? names[kind] : "";
}

/* ---- One design's summary ---- */

#define P_ADDR	1
#define P_ER	2
#define P_VPN	4

struct pbits {
	struct prefix	 p;
	int		 bits;
};

static int
pbits_cmp(const void *a, const void *b)
{
	return prefix_cmp(&((const struct pbits *)a)->p,
	    &((const struct pbits *)b)->p);
}

static const char *
prefix_role(int bits)
{
	static const char *const roles[8] = {
		"",
		"address space",
		"advertised over ExpressRoute",
		"address space, advertised over ExpressRoute",
		"advertised over VPN",
		"address space, advertised over VPN",
		"advertised over ExpressRoute and VPN",
		"address space, advertised over ExpressRoute and VPN"
	};

	return roles[bits & 7];
}

static void
put_row(struct value *list, const char *keyname, struct value *key,
    const char *object, const char *role, int azure)
{
	struct value	*row = value_list_map(list);

	value_map_put(row, keyname, key);
	value_map_str(row, "object", object ? object : "");
	value_map_str(row, "role", role);
	value_map_bool(row, "azure", azure);
}

static struct value *
prefix_value(const struct prefix *p)
{
	char	 s[PREFIX_STRLEN];

	return value_new_str(prefix_format(p, s, 1));
}

static struct value *
addr_value(const struct prefix *p)
{
	char	 s[PREFIX_STRLEN];

	return value_new_str(prefix_format(p, s, 0));
}

static void
add_pbits(struct pbits **v, size_t *n, size_t *cap, const struct prefix *p,
    size_t np, int bits)
{
	size_t	 i;

	xgrow(v, cap, *n + np + 1, sizeof(**v));
	for (i = 0; i < np; i++) {
		(*v)[*n].p = p[i];
		(*v)[*n].bits = bits;
		(*n)++;
	}
}

static void
summary_prefixes(const struct design *dsn, struct value *list)
{
	struct pbits	*v = NULL;
	size_t		 n, cap = 0, i, j, k;
	const struct site *s;
	int		 bits;

	for (i = 0; i < dsn->vnet.naddress_space; i++)
		put_row(list, "prefix", prefix_value(&dsn->vnet.address_space[i]),
		    dsn->vnet.name, "Azure VNet address space", 1);
	for (i = 0; i < dsn->nspokes; i++)
		for (j = 0; j < dsn->spokes[i].naddress_space; j++)
			put_row(list, "prefix",
			    prefix_value(&dsn->spokes[i].address_space[j]),
			    dsn->spokes[i].name, "Azure spoke address space",
			    1);
	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		n = 0;
		add_pbits(&v, &n, &cap, s->address_prefixes,
		    s->naddress_prefixes, P_ADDR);
		for (j = 0; j < s->ner; j++)
			add_pbits(&v, &n, &cap, s->er[j].advertise,
			    s->er[j].nadvertise, P_ER);
		for (j = 0; j < s->ndevices; j++)
			add_pbits(&v, &n, &cap, s->devices[j].advertise,
			    s->devices[j].nadvertise, P_VPN);
		if (n == 0)
			continue;
		qsort(v, n, sizeof(*v), pbits_cmp);
		for (j = 0; j < n; j = k) {
			bits = 0;
			for (k = j; k < n && prefix_cmp(&v[k].p, &v[j].p) == 0;
			    k++)
				bits |= v[k].bits;
			put_row(list, "prefix", prefix_value(&v[j].p), s->name,
			    prefix_role(bits), 0);
		}
	}
	free(v);
}

static char *
device_label(const struct site *s, const struct vpn_device *dev)
{
	return xasprintf("%s / %s", s->name ? s->name : "",
	    dev->name ? dev->name : "vpn");
}

static void
summary_asns(const struct design *dsn, struct value *list)
{
	const struct site *s;
	char		*label;
	size_t		 i, j;

	for (i = 0; i < dsn->ncircuits; i++)
		if (dsn->circuits[i].peering.peer_asn > 0)
			put_row(list, "asn",
			    value_new_int(dsn->circuits[i].peering.peer_asn),
			    dsn->circuits[i].name,
			    "ExpressRoute private peering (on-premises side)",
			    0);
	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		for (j = 0; j < s->ndevices; j++) {
			if (!s->devices[j].has_bgp || design_unknown(dsn,
			    value_map_get(s->devices[j].node, "bgp"), "asn"))
				continue;
			label = device_label(s, &s->devices[j]);
			put_row(list, "asn",
			    value_new_int(s->devices[j].bgp_asn), label,
			    "VPN device BGP", 0);
			free(label);
		}
	}
	if (dsn->vpn_gateway.node != NULL && dsn->vpn_gateway.bgp)
		put_row(list, "asn", value_new_int(dsn->vpn_gateway.asn),
		    dsn->vpn_gateway.name, "Azure VPN gateway", 1);
}

static void
summary_ips(const struct design *dsn, struct value *list)
{
	const struct site *s;
	char		*label;
	size_t		 i, j;

	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		for (j = 0; j < s->ndevices; j++) {
			if (s->devices[j].public_ip.family == 0)
				continue;
			label = device_label(s, &s->devices[j]);
			put_row(list, "ip",
			    addr_value(&s->devices[j].public_ip), label,
			    "on-premises VPN device", 0);
			free(label);
		}
	}
	if (dsn->vpn_gateway.node == NULL)
		return;
	for (i = 0; i < dsn->vpn_gateway.ninstances; i++) {
		if (dsn->vpn_gateway.instances[i].public_ip.family == 0)
			continue;
		label = xasprintf("%s instance IN_%zu", dsn->vpn_gateway.name ?
		    dsn->vpn_gateway.name : "", i);
		put_row(list, "ip",
		    addr_value(&dsn->vpn_gateway.instances[i].public_ip),
		    label, "Azure VPN gateway", 1);
		free(label);
	}
}

void
inventory_summary(const struct analysis *a, struct value *sum)
{
	const struct design *dsn = a->dsn;
	struct value	*list, *row;
	size_t		 i;

	list = value_map_list(sum, "sites");
	for (i = 0; i < dsn->nsites; i++) {
		row = value_list_map(list);
		value_map_str(row, "name", dsn->sites[i].name);
		if (dsn->sites[i].location)
			value_map_str(row, "location", dsn->sites[i].location);
	}
	summary_prefixes(dsn, value_map_put(sum, "prefixes",
	    value_new_list()));
	summary_asns(dsn, value_map_list(sum, "asns"));
	list = value_map_list(sum, "circuits");
	for (i = 0; i < dsn->ncircuits; i++) {
		const struct circuit *c = &dsn->circuits[i];

		row = value_list_map(list);
		value_map_str(row, "name", c->name);
		value_map_str(row, "provider", c->provider ? c->provider : "");
		value_map_str(row, "location", c->peering_location ?
		    c->peering_location : "");
		/* Unknown (HD801): no figure rather than 0. */
		if (design_unknown(dsn, c->node, "bandwidth_mbps") == NULL)
			value_map_int(row, "mbps", c->bandwidth_mbps);
		value_map_str(row, "sku", circuit_sku_name(c->sku));
	}
	summary_ips(dsn, value_map_list(sum, "ips"));
}

/* ---- The tables across designs ---- */

static char *
text_of(const struct value *v)
{
	struct buf	 b = BUF_INIT;

	if (v != NULL)
		value_scalar_text(&b, v);
	return buf_detach(&b, NULL);
}

static int
row_tail_cmp(const struct inv_row *a, const struct inv_row *b)
{
	int	 c;

	if ((c = strcmp(a->dname, b->dname)) != 0)
		return c;
	if ((c = strcmp(a->object, b->object)) != 0)
		return c;
	if ((c = strcmp(a->role, b->role)) != 0)
		return c;
	return a->design < b->design ? -1 : a->design > b->design;
}

/* Parseable addresses first, in address order; the rest by text. */
static int
addr_cmp(const struct inv_row *a, const struct inv_row *b)
{
	if ((a->pfx.family == 0) != (b->pfx.family == 0))
		return a->pfx.family == 0 ? 1 : -1;
	if (a->pfx.family == 0)
		return strcmp(a->key, b->key);
	return prefix_cmp(&a->pfx, &b->pfx);
}

static int
prefix_row_cmp(const void *pa, const void *pb)
{
	const struct inv_row *a = pa, *b = pb;
	int	 c;

	if ((c = addr_cmp(a, b)) != 0)
		return c;
	return row_tail_cmp(a, b);
}

static int
asn_row_cmp(const void *pa, const void *pb)
{
	const struct inv_row *a = pa, *b = pb;

	if (a->asn != b->asn)
		return a->asn < b->asn ? -1 : 1;
	return row_tail_cmp(a, b);
}

static int
circuit_row_cmp(const void *pa, const void *pb)
{
	const struct inv_row *a = pa, *b = pb;
	int	 c;

	if ((c = strcmp(a->key, b->key)) != 0)
		return c;
	return row_tail_cmp(a, b);
}

static int
same_key(enum inv_kind kind, const struct inv_row *a, const struct inv_row *b)
{
	switch (kind) {
	case INV_ASN:
		return a->asn == b->asn;
	case INV_IP:
	case INV_PREFIX:
		return addr_cmp(a, b) == 0;
	default:
		return strcmp(a->key, b->key) == 0;
	}
}

static void
collect(struct inventory *inv, enum inv_kind kind)
{
	const struct value *list, *item;
	struct inv_row	*r;
	struct buf	 b = BUF_INIT;
	size_t		 i, j, cap = 0;

	for (i = 0; i < inv->nsums; i++) {
		list = value_map_get(inv->sums[i]->inventory, list_names[kind]);
		if (list == NULL || list->kind != VALUE_LIST)
			continue;
		for (j = 0; j < list->n; j++) {
			item = list->items[j];
			if (item->kind != VALUE_MAP ||
			    value_map_get(item, key_names[kind]) == NULL)
				continue;
			xgrow(&inv->rows[kind], &cap, inv->nrows[kind] + 1,
			    sizeof(*r));
			r = &inv->rows[kind][inv->nrows[kind]++];
			memset(r, 0, sizeof(*r));
			r->design = i;
			r->dname = inv->sums[i]->name ? inv->sums[i]->name :
			    "";
			r->key = text_of(value_map_get(item, key_names[kind]));
			if (kind == INV_CIRCUIT) {
				const char *p = value_map_cstr(item,
				    "provider");
				const char *l = value_map_cstr(item,
				    "location");
				const struct value *m = value_map_get(item,
				    "mbps");

				buf_truncate(&b, 0);
				buf_puts(&b, p ? p : "");
				if (p && *p && l && *l)
					buf_puts(&b, ", ");
				buf_puts(&b, l ? l : "");
				r->object = xstrdup(buf_cstr(&b));
				buf_truncate(&b, 0);
				if (m != NULL) {
					value_scalar_text(&b, m);
					buf_puts(&b, " Mbps");
				}
				if (value_map_cstr(item, "sku") != NULL)
					buf_printf(&b, "%s%s", b.len ? ", " :
					    "", value_map_cstr(item, "sku"));
				r->role = xstrdup(buf_cstr(&b));
			} else {
				r->object = text_of(value_map_get(item,
				    "object"));
				r->role = text_of(value_map_get(item, "role"));
				r->azure = value_truthy(value_map_get(item,
				    "azure"));
			}
			if (kind == INV_PREFIX &&
			    prefix_parse(r->key, &r->pfx) != PREFIX_OK)
				memset(&r->pfx, 0, sizeof(r->pfx));
			if (kind == INV_IP &&
			    addr_parse(r->key, &r->pfx) != PREFIX_OK)
				memset(&r->pfx, 0, sizeof(r->pfx));
			if (kind == INV_ASN)
				r->asn = (long long)value_map_get(item,
				    "asn")->num;
		}
	}
	buf_release(&b);
	if (inv->nrows[kind] > 1)
		qsort(inv->rows[kind], inv->nrows[kind],
		    sizeof(struct inv_row), kind == INV_PREFIX ||
		    kind == INV_IP ? prefix_row_cmp : kind == INV_ASN ?
		    asn_row_cmp : circuit_row_cmp);
	for (j = 0; j < inv->nrows[kind]; j++)
		inv->rows[kind][j].id = xasprintf("%s-%zu",
		    inventory_kind_name(kind), j + 1);
}

static void
with_add(struct inv_row *r, size_t other)
{
	if (r->nwith < INV_MAX_WITH)
		r->with[r->nwith++] = other;
	r->nwith_total++;
}

static void
conflict_add(struct inventory *inv, enum inv_kind kind, size_t first,
    size_t last)
{
	inv->nconflicts_total++;
	if (inv->nconflicts >= INV_MAX_CONFLICTS)
		return;
	if (inv->conflicts == NULL)
		inv->conflicts = xcalloc(INV_MAX_CONFLICTS,
		    sizeof(*inv->conflicts));
	inv->conflicts[inv->nconflicts].kind = kind;
	inv->conflicts[inv->nconflicts].first = first;
	inv->conflicts[inv->nconflicts].last = last;
	inv->nconflicts++;
}

static void
prefix_conflicts(struct inventory *inv)
{
	struct inv_row	*v = inv->rows[INV_PREFIX];
	size_t		 n = inv->nrows[INV_PREFIX], *stack, ns = 0, i, k;

	stack = xreallocarray(NULL, n + 1, sizeof(*stack));
	for (i = 0; i < n; i++) {
		if (v[i].pfx.family == 0)
			continue;
		while (ns > 0 && !prefix_contains(&v[stack[ns - 1]].pfx,
		    &v[i].pfx))
			ns--;
		/* Every block on the stack contains v[i]. */
		for (k = 0; k < ns; k++) {
			if (v[stack[k]].design == v[i].design)
				continue;
			with_add(&v[stack[k]], i);
			with_add(&v[i], stack[k]);
			conflict_add(inv, INV_PREFIX, stack[k], i);
		}
		stack[ns++] = i;
	}
	free(stack);
}

/* Two rows of one key that conflict: other designs, not both Azure ASNs. */
static int
clash(enum inv_kind kind, const struct inv_row *a, const struct inv_row *b)
{
	if (a->design == b->design)
		return 0;
	return !(kind == INV_ASN && a->azure && b->azure);
}

static void
group_conflicts(struct inventory *inv, enum inv_kind kind)
{
	struct inv_row	*v = inv->rows[kind];
	size_t		 n = inv->nrows[kind], i, j, x, y;
	int		 any;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && same_key(kind, &v[i], &v[j]); j++)
			;
		any = 0;
		for (x = i; x < j; x++)
			for (y = x + 1; y < j; y++) {
				if (!clash(kind, &v[x], &v[y]))
					continue;
				with_add(&v[x], y);
				with_add(&v[y], x);
				any = 1;
			}
		if (any)
			conflict_add(inv, kind, i, j - 1);
	}
}

struct inventory *
inventory_new(const struct view_summary *const *sums, size_t n)
{
	struct inventory *inv = xcalloc(1, sizeof(*inv));
	size_t		 i;
	int		 k;

	inv->sums = sums;
	inv->nsums = n;
	inv->flagged = xcalloc(n + 1, sizeof(*inv->flagged));
	for (k = 0; k < INV_NKINDS; k++)
		collect(inv, (enum inv_kind)k);
	prefix_conflicts(inv);
	group_conflicts(inv, INV_ASN);
	group_conflicts(inv, INV_CIRCUIT);
	group_conflicts(inv, INV_IP);
	for (k = 0; k < INV_NKINDS; k++)
		for (i = 0; i < inv->nrows[k]; i++)
			if (inv->rows[k][i].nwith_total > 0)
				inv->flagged[inv->rows[k][i].design]++;
	return inv;
}

void
inventory_free(struct inventory *inv)
{
	size_t	 i;
	int	 k;

	if (inv == NULL)
		return;
	for (k = 0; k < INV_NKINDS; k++) {
		for (i = 0; i < inv->nrows[k]; i++) {
			free(inv->rows[k][i].key);
			free(inv->rows[k][i].object);
			free(inv->rows[k][i].role);
			free(inv->rows[k][i].id);
		}
		free(inv->rows[k]);
	}
	free(inv->conflicts);
	free(inv->flagged);
	free(inv);
}

/* ---- The page's view ---- */

static const char *
design_title(const struct inventory *inv, size_t i)
{
	const char	*t = inv->sums[i]->title;

	return t ? t : inv->sums[i]->name;
}

/* A link to one row: its anchor and "KEY in DESIGN (OBJECT)". */
static void
put_use(struct value *list, const struct inventory *inv, enum inv_kind kind,
    size_t i)
{
	const struct inv_row *r = &inv->rows[kind][i];
	struct value	*u = value_list_map(list);
	struct buf	 b = BUF_INIT;

	value_map_str(u, "id", r->id);
	value_map_str(u, "key", r->key);
	value_map_str(u, "design", r->dname);
	value_map_str(u, "object", r->object);
	value_map_str(u, "role", r->role);
	buf_printf(&b, "%s in %s", r->key, r->dname);
	if (*r->object)
		buf_printf(&b, " (%s)", r->object);
	value_map_str(u, "text", buf_cstr(&b));
	buf_release(&b);
}

static void
view_table(struct value *tables, const struct inventory *inv,
    enum inv_kind kind, const char *const cols[5])
{
	struct value	*t, *rows, *row, *with;
	const struct inv_row *r;
	size_t		 i, k;

	t = value_list_map(tables);
	value_map_str(t, "id", cols[0]);
	value_map_str(t, "title", cols[1]);
	value_map_str(t, "col_key", cols[2]);
	value_map_str(t, "col_object", cols[3]);
	value_map_str(t, "col_role", cols[4]);
	value_map_int(t, "n", (long long)inv->nrows[kind]);
	rows = value_map_list(t, "rows");
	for (i = 0; i < inv->nrows[kind]; i++) {
		r = &inv->rows[kind][i];
		row = value_list_map(rows);
		value_map_str(row, "id", r->id);
		value_map_str(row, "key", r->key);
		value_map_str(row, "object", r->object);
		value_map_str(row, "role", r->role);
		value_map_bool(row, "azure", r->azure);
		value_map_str(row, "design", r->dname);
		value_map_str(row, "design_title", design_title(inv,
		    r->design));
		value_map_bool(row, "flagged", r->nwith_total > 0);
		with = value_map_list(row, "with");
		for (k = 0; k < r->nwith; k++)
			put_use(with, inv, kind, r->with[k]);
		if (r->nwith_total > r->nwith)
			value_map_int(row, "more",
			    (long long)(r->nwith_total - r->nwith));
	}
}

static void
view_conflict(struct value *list, const struct inventory *inv,
    const struct inv_conflict *c)
{
	static const char *const what[INV_NKINDS] = {
		"Prefix", "ASN", "Circuit", "Public IP"
	};
	const struct inv_row *v = inv->rows[c->kind];
	struct value	*e, *uses;
	struct buf	 b = BUF_INIT;
	size_t		 i, k, ndesigns = 0;

	e = value_list_map(list);
	value_map_str(e, "kind", inventory_kind_name(c->kind));
	uses = value_map_list(e, "uses");
	if (c->kind == INV_PREFIX) {
		if (prefix_cmp(&v[c->first].pfx, &v[c->last].pfx) == 0)
			buf_printf(&b, "%s is used in two designs",
			    v[c->first].key);
		else
			buf_printf(&b, "%s overlaps %s", v[c->first].key,
			    v[c->last].key);
		put_use(uses, inv, c->kind, c->first);
		put_use(uses, inv, c->kind, c->last);
	} else {
		for (i = c->first; i <= c->last; i++) {
			if (v[i].nwith_total == 0)
				continue;
			put_use(uses, inv, c->kind, i);
			for (k = c->first; k < i; k++)
				if (v[k].design == v[i].design)
					break;
			if (k == i)
				ndesigns++;
		}
		buf_printf(&b, "%s %s is used in %zu designs%s", what[c->kind],
		    v[c->first].key, ndesigns, c->kind == INV_CIRCUIT ?
		    ": they share its bandwidth" : "");
	}
	value_map_str(e, "text", buf_cstr(&b));
	buf_release(&b);
}

struct value *
inventory_view(const struct inventory *inv)
{
	static const char *const cols[INV_NKINDS][5] = {
		{ "prefixes", "Prefixes", "Prefix", "Site or network",
		    "Used as" },
		{ "asns", "BGP autonomous systems", "ASN", "Where", "Role" },
		{ "circuits", "ExpressRoute circuits", "Circuit",
		    "Provider, peering location", "Bandwidth, SKU" },
		{ "ips", "Public IP addresses", "Address", "Device or gateway",
		    "Role" }
	};
	struct value	*v, *tables, *list;
	size_t		 i;
	int		 k;

	v = value_new_map();
	value_map_int(v, "ndesigns", (long long)inv->nsums);
	value_map_int(v, "nconflicts", (long long)inv->nconflicts_total);
	list = value_map_list(v, "conflicts");
	for (i = 0; i < inv->nconflicts; i++)
		view_conflict(list, inv, &inv->conflicts[i]);
	if (inv->nconflicts_total > inv->nconflicts)
		value_map_int(v, "more_conflicts",
		    (long long)(inv->nconflicts_total - inv->nconflicts));
	tables = value_map_list(v, "tables");
	for (k = 0; k < INV_NKINDS; k++)
		view_table(tables, inv, (enum inv_kind)k, cols[k]);
	return v;
}

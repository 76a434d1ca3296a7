/*
 * The rules stage: the third step of the pipeline, between the typed
 * model (design.h) and the simulation.  The catalog's rows are the
 * leaf table in catalog.c; this file holds the checks and, at its end,
 * rule_checks[], which rules_check() runs in id order against a bound,
 * well-formed design.  A check only reads the design and adds findings
 * for the rule it names by enum: it names the object by its path
 * (sites.HQ, azure.vpn_gateway, ...), points at the most specific key,
 * quotes the design's own values and says how to fix them.  The HD6xx
 * rules have no check here: the simulation (sim.c) produces them.
 *
 * Why one file of about 2,100 lines: it is some 45 small checks of the
 * same shape, grouped by area in catalog order, each independent of the
 * others; splitting them by area would only spread the shared path and
 * prefix helpers (like mandoc's mdoc_validate.c, one unit).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/findings.h"
#include "hybridoc/geo.h"
#include "hybridoc/prefix.h"
#include "hybridoc/rules.h"
#include "hybridoc/xalloc.h"

/* ---- helpers shared by the checks ---- */

/* The canonical text of p, in a caller's PREFIX_STRLEN buffer. */
static const char *
P(const struct prefix *p, char *out)
{
	return prefix_format(p, out, 1);
}

/* An address without its /32 or /128. */
static const char *
A(const struct prefix *p, char *out)
{
	return prefix_format(p, out, 0);
}

/* The mark of the child key2 of the mapping at key1 inside node. */
static struct mark
mark2(const struct value *node, const char *key1, const char *key2)
{
	const struct value *child;

	child = node != NULL ? value_map_get(node, key1) : NULL;
	if (child != NULL && child->kind == VALUE_MAP)
		return design_mark(child, key2);
	return design_mark(node, key1);
}

/* The mark of item i of the list at key inside node. */
static struct mark
item_mark(const struct value *node, const char *key, size_t i)
{
	const struct value *list;

	list = node != NULL ? value_map_get(node, key) : NULL;
	if (list != NULL && list->kind == VALUE_LIST && i < list->n)
		return list->items[i]->mark;
	return design_mark(node, key);
}

/* Appends the prefixes as "a, b, c". */
static void
put_prefixes(struct buf *b, const struct prefix *v, size_t n)
{
	char	 t[PREFIX_STRLEN];
	size_t	 i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? ", " : "", P(&v[i], t));
}

/* The index of a prefix of v[0..n) that contains p, or -1. */
static long
find_containing(const struct prefix *v, size_t n, const struct prefix *p)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (prefix_contains(&v[i], p))
			return (long)i;
	return -1;
}

/* A copy of p with length len and the host bits cleared. */
static struct prefix
widen(const struct prefix *p, int len)
{
	struct prefix	 w = *p;

	w.len = (unsigned char)len;
	prefix_normalize(&w);
	return w;
}

/* Which gateways the design has, in words. */
static const char *
gateways_words(const struct design *dsn)
{
	if (design_coexist(dsn))
		return "the ExpressRoute and VPN gateways";
	if (dsn->er_gateway.node != NULL)
		return "the ExpressRoute gateway";
	return "the VPN gateway";
}

/*
 * An Azure address range of the design: the hub VNet's address space
 * or a spoke's (spokes count like the hub for overlaps, design.md).
 */
struct az_space {
	const struct prefix *p;
	const char	*what;	/* "VNet" or "spoke" */
	const char	*name;
};

/* Every Azure range; the caller frees the array. */
static struct az_space *
azure_spaces(const struct design *dsn, size_t *np)
{
	struct az_space	*v;
	size_t		 i, j, n = dsn->vnet.naddress_space;

	for (i = 0; i < dsn->nspokes; i++)
		n += dsn->spokes[i].naddress_space;
	v = xreallocarray(NULL, n ? n : 1, sizeof(*v));
	n = 0;
	for (i = 0; i < dsn->vnet.naddress_space; i++) {
		v[n].p = &dsn->vnet.address_space[i];
		v[n].what = "VNet";
		v[n++].name = dsn->vnet.name;
	}
	for (i = 0; i < dsn->nspokes; i++)
		for (j = 0; j < dsn->spokes[i].naddress_space; j++) {
			v[n].p = &dsn->spokes[i].address_space[j];
			v[n].what = "spoke";
			v[n++].name = dsn->spokes[i].name;
		}
	*np = n;
	return v;
}

/* The first Azure range that overlaps p, or NULL. */
static const struct az_space *
azure_overlap(const struct az_space *v, size_t n, const struct prefix *p)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (prefix_overlap(v[i].p, p))
			return &v[i];
	return NULL;
}

/* The first Azure range that contains address a, or NULL. */
static const struct az_space *
azure_containing(const struct az_space *v, size_t n, const struct prefix *a)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (prefix_contains(v[i].p, a))
			return &v[i];
	return NULL;
}

/*
 * Reserved ASNs (VPN-FAQ, ER-ROUTING), with why, for messages.  Azure's
 * own private ASNs differ by service: the VPN documentation reserves
 * 65515 and 65517-65520 (65516 is usable on a VPN device), ExpressRoute
 * private peering 65515-65520; er says which row applies.
 */
static const struct {
	long		 lo, hi;
	int		 er;		/* 1: ExpressRoute only, 0: both */
	const char	*why;
} reserved_asns[] = {
	{ 8074, 8075, 0, "used by Microsoft" },
	{ 12076, 12076, 0, "Microsoft's ExpressRoute ASN" },
	{ 23456, 23456, 0, "AS_TRANS, reserved by IANA" },
	{ 64496, 64511, 0, "reserved by IANA for documentation" },
	{ 65515, 65515, 0, "reserved by Azure" },
	{ 65516, 65516, 1, "reserved by Azure for ExpressRoute peering" },
	{ 65517, 65520, 0, "reserved by Azure" },
	{ 65535, 65551, 0, "reserved by IANA" },
	{ 4294967295L, 4294967295L, 0, "reserved by IANA" },
};

/*
 * Why asn is reserved, or NULL when it may be used on premises: on an
 * ExpressRoute peering (er != 0) or a VPN device (er == 0).
 */
static const char *
asn_reserved(long asn, int er)
{
	size_t	 i;

	for (i = 0; i < sizeof(reserved_asns) / sizeof(reserved_asns[0]);
	    i++)
		if (asn >= reserved_asns[i].lo && asn <= reserved_asns[i].hi &&
		    (er || !reserved_asns[i].er))
			return reserved_asns[i].why;
	return NULL;
}

static int
device_uses_bgp(const struct vpn_device *dev)
{
	return dev->has_bgp && !dev->is_static;
}

static char *
device_path(const struct site *s, const struct vpn_device *dev)
{
	return xasprintf("sites.%s.vpn.%s", s->name, dev->name);
}

static char *
site_er_path(const struct site *s, const struct site_er *er)
{
	return xasprintf("sites.%s.expressroute.%s", s->name,
	    er->circuit_name);
}

/* Adds a finding whose object path is heap text, then frees it. */
#define ADD_OWNED(f, id, obj, mark, ...) do {				\
	char *obj_ = (obj);						\
	findings_add((f), (id), obj_, (mark), __VA_ARGS__);		\
	free(obj_);							\
} while (0)

/* ---- values not known yet (HD801, HD802) ---- */

/*
 * When obj.key is unknown: an HD802 note that check id, about what, could
 * not be made, and 1 (the caller skips the check).  Else 0.
 */
static int
unknown_skip(const struct design *dsn, struct findings *f, enum rule_id id,
    const struct value *obj, const char *key, const char *what)
{
	const struct unknown *u = design_unknown_at(dsn, obj, key);

	if (u == NULL)
		return 0;
	findings_add(f, HD802, u->path, u->mark, "%s not checked (%s): %s "
	    "is unknown", rules[id].id, what, u->path);
	return 1;
}

/* A device's BGP object, for its unknown ASN and peer address. */
static const struct value *
bgp_node(const struct vpn_device *dev)
{
	return value_map_get(dev->node, "bgp");
}

/* An ASN as text, or its placeholder when unknown. */
static const char *
asn_text(const struct design *dsn, const struct value *obj, const char *key,
    long asn, char *buf, size_t n)
{
	const char	*ph = design_unknown(dsn, obj, key);

	if (ph != NULL)
		return ph;
	snprintf(buf, n, "%ld", asn);
	return buf;
}

/* HD801: every unknown value, as a note at its line. */
static void
check_hd801(const struct design *dsn, struct findings *f)
{
	size_t	 i;

	for (i = 0; i < dsn->nunknowns; i++)
		findings_add(f, HD801, dsn->unknowns[i].path,
		    dsn->unknowns[i].mark, "%s is unknown: checks that need "
		    "it say so (HD802) and outputs show a placeholder; give "
		    "the value once it is known", dsn->unknowns[i].path);
}

/* ---- address plan ---- */

static void
check_hd101(const struct design *dsn, struct findings *f)
{
	const struct subnet *sn = NULL;
	struct buf	 sp = BUF_INIT;
	size_t		 i;

	if (dsn->er_gateway.node == NULL && dsn->vpn_gateway.node == NULL)
		return;
	if (design_gateway_subnet(dsn) != NULL)
		return;
	for (i = 0; i < dsn->vnet.nsubnets && sn == NULL; i++)
		if (strcasecmp(dsn->vnet.subnets[i].name, "GatewaySubnet") ==
		    0)
			sn = &dsn->vnet.subnets[i];
	if (sn != NULL) {
		ADD_OWNED(f, HD101, xasprintf("azure.vnet.subnets.%s",
		    sn->name), design_mark(sn->node, "name"),
		    "subnet '%s' differs from GatewaySubnet only in case; "
		    "%s must live in a subnet named exactly GatewaySubnet "
		    "(the name is case-sensitive); rename it to GatewaySubnet",
		    sn->name, gateways_words(dsn));
		return;
	}
	put_prefixes(&sp, dsn->vnet.address_space, dsn->vnet.naddress_space);
	findings_add(f, HD101, "azure.vnet", design_mark(dsn->vnet.node,
	    dsn->vnet.nsubnets ? "subnets" : "name"),
	    "VNet %s has no subnet named GatewaySubnet, which %s need%s; "
	    "add a subnet named exactly GatewaySubnet of /27 or larger "
	    "inside %s", dsn->vnet.name, gateways_words(dsn),
	    design_coexist(dsn) ? "" : "s", buf_cstr(&sp));
	buf_release(&sp);
}

static void
check_hd102(const struct design *dsn, struct findings *f)
{
	const struct subnet *gws = design_gateway_subnet(dsn);
	struct prefix	 w;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];

	if (!design_coexist(dsn) || gws == NULL || gws->prefix.family != 4 ||
	    gws->prefix.len <= 27)
		return;
	w = widen(&gws->prefix, 27);
	findings_add(f, HD102, "azure.vnet.subnets.GatewaySubnet",
	    design_mark(gws->node, "prefix"),
	    "GatewaySubnet %s is smaller than /27, which coexisting "
	    "ExpressRoute and VPN gateways need; widen it to a /27 "
	    "(e.g. %s)", P(&gws->prefix, t), P(&w, u));
}

/*
 * ERGW, "Gateway subnet": "If you plan on connecting 16 ExpressRoute
 * circuits to your gateway, you must create a gateway subnet of /26 or
 * larger" (0.1.0 asked from 9 circuits on).
 */
static void
check_hd103(const struct design *dsn, struct findings *f)
{
	const struct subnet *gws = design_gateway_subnet(dsn);
	struct prefix	 w;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];

	if (dsn->er_gateway.node == NULL || dsn->ncircuits < 16 ||
	    gws == NULL || gws->prefix.family != 4 || gws->prefix.len <= 26)
		return;
	w = widen(&gws->prefix, 26);
	findings_add(f, HD103, "azure.vnet.subnets.GatewaySubnet",
	    design_mark(gws->node, "prefix"),
	    "GatewaySubnet %s is smaller than /26, which an ExpressRoute "
	    "gateway with 16 circuits needs (this design links "
	    "%zu); widen it to a /26 (e.g. %s)", P(&gws->prefix, t),
	    dsn->ncircuits, P(&w, u));
}

static void
check_hd104(const struct design *dsn, struct findings *f)
{
	const struct vnet *vn = &dsn->vnet;
	const struct subnet *a, *b;
	struct buf	 sp = BUF_INIT;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];
	size_t		 i, j;

	put_prefixes(&sp, vn->address_space, vn->naddress_space);
	for (i = 0; i < vn->nsubnets; i++) {
		a = &vn->subnets[i];
		if (find_containing(vn->address_space, vn->naddress_space,
		    &a->prefix) < 0)
			ADD_OWNED(f, HD104, xasprintf("azure.vnet.subnets.%s",
			    a->name), design_mark(a->node, "prefix"),
			    "subnet %s %s lies outside the address space of "
			    "VNet %s (%s); move the subnet inside it or add its "
			    "range to address_space", a->name, P(&a->prefix, t),
			    vn->name, buf_cstr(&sp));
		for (j = 0; j < i; j++) {
			b = &vn->subnets[j];
			if (!prefix_overlap(&a->prefix, &b->prefix))
				continue;
			ADD_OWNED(f, HD104, xasprintf("azure.vnet.subnets.%s",
			    a->name), design_mark(a->node, "prefix"),
			    "subnet %s %s overlaps subnet %s %s; give each "
			    "subnet its own range", a->name, P(&a->prefix, t),
			    b->name, P(&b->prefix, u));
		}
	}
	buf_release(&sp);
}

/* One on-premises prefix of a site, where it was written. */
struct onprem {
	struct prefix	 p;
	struct mark	 mark;
	char		*object;	/* owned */
	const char	*how;		/* "address prefix", "advertised ..." */
};

static void
onprem_push(struct onprem **v, size_t *n, size_t *cap,
    const struct prefix *p, struct mark m, char *object, const char *how)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if (prefix_cmp(&(*v)[i].p, p) == 0) {
			free(object);
			return;
		}
	xgrow(v, cap, *n + 1, sizeof(**v));
	(*v)[*n].p = *p;
	(*v)[*n].mark = m;
	(*v)[*n].object = object;
	(*v)[(*n)++].how = how;
}

/*
 * A site's on-premises prefixes: its address_prefixes, then each
 * advertised prefix that no address prefix contains (the others are
 * covered by the address prefix), without repeats.
 */
static struct onprem *
site_onprem(const struct site *s, size_t *np)
{
	struct onprem	*v = NULL;
	const struct site_er *er;
	const struct vpn_device *dev;
	size_t		 n = 0, cap = 0, i, j;

	for (i = 0; i < s->naddress_prefixes; i++)
		onprem_push(&v, &n, &cap, &s->address_prefixes[i],
		    item_mark(s->node, "address_prefixes", i),
		    xasprintf("sites.%s", s->name), "address prefix");
	for (i = 0; i < s->ner; i++) {
		er = &s->er[i];
		for (j = 0; j < er->nadvertise; j++)
			if (find_containing(s->address_prefixes,
			    s->naddress_prefixes, &er->advertise[j]) < 0)
				onprem_push(&v, &n, &cap, &er->advertise[j],
				    item_mark(er->node, "advertise", j),
				    site_er_path(s, er),
				    "prefix advertised over ExpressRoute");
	}
	for (i = 0; i < s->ndevices; i++) {
		dev = &s->devices[i];
		for (j = 0; j < dev->nadvertise; j++)
			if (find_containing(s->address_prefixes,
			    s->naddress_prefixes, &dev->advertise[j]) < 0)
				onprem_push(&v, &n, &cap, &dev->advertise[j],
				    item_mark(dev->node, "advertise", j),
				    device_path(s, dev),
				    "prefix advertised over the VPN");
	}
	*np = n;
	return v;
}

static void
onprem_free(struct onprem *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i].object);
	free(v);
}

static void
check_hd105(const struct design *dsn, struct findings *f)
{
	struct az_space	*az;
	const struct site *s;
	struct onprem	*op;
	size_t		 naz, nop, i, j, k;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];

	az = azure_spaces(dsn, &naz);
	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		op = site_onprem(s, &nop);
		for (j = 0; j < nop; j++)
			for (k = 0; k < naz; k++) {
				if (!prefix_overlap(&op[j].p, az[k].p))
					continue;
				findings_add(f, HD105, op[j].object,
				    op[j].mark, "site %s %s %s overlaps %s %s "
				    "address space %s; Azure and on premises "
				    "would both claim those addresses, so "
				    "renumber one side or drop the prefix",
				    s->name, op[j].how, P(&op[j].p, t),
				    az[k].what, az[k].name, P(az[k].p, u));
			}
		onprem_free(op, nop);
	}
	free(az);
}

struct site_prefix {
	const struct prefix *p;
	size_t		 site;
	size_t		 idx;
};

static int
site_prefix_cmp(const void *pa, const void *pb)
{
	const struct site_prefix *a = pa, *b = pb;
	int	 c = prefix_cmp(a->p, b->p);

	if (c != 0)
		return c;
	if (a->site != b->site)
		return a->site < b->site ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Non-zero when site s has a static VPN device (a local network
 * gateway whose address space is the site's prefixes). */
static int
site_has_static(const struct site *s)
{
	size_t	 i;

	for (i = 0; i < s->ndevices; i++)
		if (!device_uses_bgp(&s->devices[i]))
			return 1;
	return 0;
}

/* Non-zero when Azure learns site s's routes over BGP only (circuits or
 * BGP devices), so they are withdrawn when its paths fail. */
static int
site_bgp_only(const struct site *s)
{
	return !site_has_static(s) && (s->ner > 0 || s->ndevices > 0);
}

/*
 * Two sites' prefixes overlap.  When both sites have static VPN
 * devices, their local network gateways' address spaces overlap, which
 * Azure refuses (VPNHA): HD106, an error.  Otherwise Azure resolves
 * the overlap by longest prefix and its route choice (COEX, S2SBK):
 * HD110, a warning that says which site gets which addresses and what
 * happens when the winner's paths fail.
 */
static void
hd106_report(const struct design *dsn, struct findings *f, int hd110,
    const struct site_prefix *x, const struct site_prefix *y)
{
	const struct site_prefix *hi = x->site > y->site ? x : y;
	const struct site_prefix *lo = x->site > y->site ? y : x;
	const struct site *a = &dsn->sites[hi->site];
	const struct site *b = &dsn->sites[lo->site];
	const struct site *win, *lose;
	const struct prefix *wp, *lp;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];
	char		*then;

	if (site_has_static(a) && site_has_static(b)) {
		if (hd110)
			return;
		ADD_OWNED(f, HD106, xasprintf("sites.%s", a->name),
		    item_mark(a->node, "address_prefixes", hi->idx),
		    "site %s address prefix %s overlaps site %s address "
		    "prefix %s, and both sites have static VPN connections: "
		    "the address spaces of their local network gateways "
		    "would overlap, which Azure does not allow; give each "
		    "site its own prefixes or use BGP", a->name, P(hi->p, t),
		    b->name, P(lo->p, u));
		return;
	}
	if (!hd110)
		return;
	if (hi->p->len == lo->p->len) {
		ADD_OWNED(f, HD110, xasprintf("sites.%s", a->name),
		    item_mark(a->node, "address_prefixes", hi->idx),
		    "sites %s and %s both have prefix %s: Azure sends all "
		    "traffic for it the way its route choice picks "
		    "(ExpressRoute over VPN, then connection weight, then AS "
		    "path; a tie spreads flows over both sites), so hosts of "
		    "the site not chosen are unreachable from Azure until "
		    "the chosen site's routes are withdrawn%s; give each site "
		    "its own prefixes unless this is an anycast or "
		    "active/standby design", b->name, a->name, P(hi->p, t),
		    site_bgp_only(a) && site_bgp_only(b) ? "" :
		    " (a static site's routes never are)");
		return;
	}
	/* The longer prefix wins its addresses (longest prefix match). */
	if (hi->p->len > lo->p->len) {
		win = a, wp = hi->p, lose = b, lp = lo->p;
	} else {
		win = b, wp = lo->p, lose = a, lp = hi->p;
	}
	if (site_bgp_only(win))
		then = xasprintf("when all of site %s's paths fail its routes "
		    "are withdrawn and traffic for %s goes to site %s", win->name,
		    P(wp, t), lose->name);
	else
		then = xasprintf("when site %s's static tunnel drops, its "
		    "route stays and traffic for %s is dropped, not sent to "
		    "site %s", win->name, P(wp, t), lose->name);
	ADD_OWNED(f, HD110, xasprintf("sites.%s", a->name),
	    item_mark(a->node, "address_prefixes", hi->idx),
	    "site %s prefix %s lies inside site %s prefix %s: Azure sends "
	    "traffic for %s to site %s (longest prefix) and the rest of %s "
	    "to site %s; %s; make sure that is intended", win->name,
	    P(wp, t), lose->name, P(lp, u), P(wp, t), win->name, P(lp, u),
	    lose->name, then);
	free(then);
}

/*
 * Sites' prefixes overlap pairwise: sorted by address (a containing
 * prefix sorts before what it contains), one sweep with a stack of the
 * prefixes that contain the current one finds every overlapping pair in
 * O(n log n + pairs), which matters at thousands of prefixes.
 */
static void
overlap_sweep(const struct design *dsn, struct findings *f, int hd110)
{
	struct site_prefix *v, **stack;
	size_t		 n = 0, i, j, top = 0;

	for (i = 0; i < dsn->nsites; i++)
		n += dsn->sites[i].naddress_prefixes;
	v = xreallocarray(NULL, n ? n : 1, sizeof(*v));
	stack = xreallocarray(NULL, n ? n : 1, sizeof(*stack));
	n = 0;
	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].naddress_prefixes; j++) {
			v[n].p = &dsn->sites[i].address_prefixes[j];
			v[n].site = i;
			v[n++].idx = j;
		}
	qsort(v, n, sizeof(*v), site_prefix_cmp);
	for (i = 0; i < n; i++) {
		while (top > 0 && !prefix_contains(stack[top - 1]->p, v[i].p))
			top--;
		for (j = 0; j < top; j++)
			if (stack[j]->site != v[i].site)
				hd106_report(dsn, f, hd110,
				    stack[j], &v[i]);
		stack[top++] = &v[i];
	}
	free(stack);
	free(v);
}

static void
check_hd106(const struct design *dsn, struct findings *f)
{
	overlap_sweep(dsn, f, 0);
}

static void
check_hd110(const struct design *dsn, struct findings *f)
{
	overlap_sweep(dsn, f, 1);
}

static void
check_hd107(const struct design *dsn, struct findings *f)
{
	static const char *const keys[] = { "primary_subnet",
	    "secondary_subnet" };
	static const char *const words[] = { "primary", "secondary" };
	const struct circuit *c;
	const struct prefix *link;
	const struct az_space *hit;
	const struct site *s;
	struct az_space	*az;
	size_t		 naz, i, j, k, l;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];

	az = azure_spaces(dsn, &naz);
	for (i = 0; i < dsn->ncircuits; i++) {
		c = &dsn->circuits[i];
		if (c->peering.node == NULL)
			continue;
		for (j = 0; j < 2; j++) {
			link = j == 0 ? &c->peering.primary_subnet :
			    &c->peering.secondary_subnet;
			if (unknown_skip(dsn, f, HD107, c->peering.node,
			    keys[j], "overlap of the link subnet with Azure "
			    "and on-premises addresses"))
				continue;
			if ((hit = azure_overlap(az, naz, link)) != NULL)
				ADD_OWNED(f, HD107, xasprintf("circuits.%s."
				    "private_peering", c->name),
				    design_mark(c->peering.node, keys[j]),
				    "circuit %s %s link subnet %s overlaps %s "
				    "%s address space %s; pick link subnets "
				    "outside Azure's and the on-premises "
				    "address plan", c->name, words[j],
				    P(link, t), hit->what, hit->name,
				    P(hit->p, u));
			for (k = 0; k < dsn->nsites; k++) {
				s = &dsn->sites[k];
				for (l = 0; l < s->naddress_prefixes; l++) {
					if (!prefix_overlap(link,
					    &s->address_prefixes[l]))
						continue;
					ADD_OWNED(f, HD107, xasprintf(
					    "circuits.%s.private_peering",
					    c->name), design_mark(
					    c->peering.node, keys[j]),
					    "circuit %s %s link subnet %s "
					    "overlaps site %s address prefix "
					    "%s; pick link subnets outside "
					    "Azure's and the on-premises "
					    "address plan", c->name, words[j],
					    P(link, t), s->name,
					    P(&s->address_prefixes[l], u));
				}
			}
		}
	}
	free(az);
}

static void
check_hd108(const struct design *dsn, struct findings *f)
{
	const struct site *s;
	const struct site_er *er;
	const struct vpn_device *dev;
	struct buf	 own = BUF_INIT;
	size_t		 i, j, k;
	char		 t[PREFIX_STRLEN];

	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		buf_truncate(&own, 0);
		put_prefixes(&own, s->address_prefixes, s->naddress_prefixes);
		for (j = 0; j < s->ner; j++) {
			er = &s->er[j];
			for (k = 0; k < er->nadvertise; k++) {
				if (find_containing(s->address_prefixes,
				    s->naddress_prefixes,
				    &er->advertise[k]) >= 0)
					continue;
				ADD_OWNED(f, HD108, site_er_path(s, er),
				    item_mark(er->node, "advertise", k),
				    "site %s advertises %s over circuit %s, "
				    "outside its address_prefixes (%s); add "
				    "the prefix to address_prefixes or stop "
				    "advertising it", s->name,
				    P(&er->advertise[k], t), er->circuit_name,
				    buf_cstr(&own));
			}
		}
		for (j = 0; j < s->ndevices; j++) {
			dev = &s->devices[j];
			for (k = 0; k < dev->nadvertise; k++) {
				if (find_containing(s->address_prefixes,
				    s->naddress_prefixes,
				    &dev->advertise[k]) >= 0)
					continue;
				ADD_OWNED(f, HD108, device_path(s, dev),
				    item_mark(dev->node, "advertise", k),
				    "site %s advertises %s over VPN device %s, "
				    "outside its address_prefixes (%s); add "
				    "the prefix to address_prefixes or stop "
				    "advertising it", s->name,
				    P(&dev->advertise[k], t), dev->name,
				    buf_cstr(&own));
			}
		}
	}
	buf_release(&own);
}

static void
check_hd109(const struct design *dsn, struct findings *f)
{
	const struct vnet *vn = &dsn->vnet;
	size_t		 i;
	char		 t[PREFIX_STRLEN];

	if (!design_coexist(dsn))
		return;
	for (i = 0; i < vn->naddress_space; i++) {
		if (vn->address_space[i].family != 6)
			continue;
		findings_add(f, HD109, "azure.vnet",
		    item_mark(vn->node, "address_space", i),
		    "VNet %s is dual-stack (IPv6 address space %s): the "
		    "ExpressRoute and VPN gateways can coexist in it, but the "
		    "VPN gateway carries IPv4 only, so IPv6 traffic has no VPN "
		    "backup when ExpressRoute fails; plan a second circuit if "
		    "IPv6 must survive that", vn->name,
		    P(&vn->address_space[i], t));
	}
}

/* ---- gateways ---- */

static void
check_hd201(const struct design *dsn, struct findings *f)
{
	const struct vpn_gateway *gw = &dsn->vpn_gateway;

	if (!design_coexist(dsn) || gw->vpn_type != VPN_POLICY_BASED)
		return;
	findings_add(f, HD201, "azure.vpn_gateway",
	    design_mark(gw->node, "vpn_type"),
	    "VPN gateway %s is PolicyBased, but coexisting with ExpressRoute "
	    "gateway %s needs a RouteBased VPN gateway; set vpn_type: "
	    "RouteBased (the gateway has to be recreated)", gw->name,
	    dsn->er_gateway.name);
}

static void
check_hd202(const struct design *dsn, struct findings *f)
{
	const struct vpn_gateway *gw = &dsn->vpn_gateway;

	if (!design_coexist(dsn) || gw->sku != VPN_SKU_BASIC)
		return;
	findings_add(f, HD202, "azure.vpn_gateway",
	    design_mark(gw->node, "sku"),
	    "VPN gateway %s uses the Basic SKU, which cannot coexist with "
	    "ExpressRoute gateway %s; use VpnGw1AZ or larger", gw->name,
	    dsn->er_gateway.name);
}

static void
check_hd203(const struct design *dsn, struct findings *f)
{
	const struct vpn_gateway *gw = &dsn->vpn_gateway;
	long		 other;

	/* The retired SKUs have no generations; HD205 covers them. */
	if (gw->node == NULL || vpn_sku_legacy(gw->sku) ||
	    vpn_sku_mbps(gw->sku, gw->generation) > 0)
		return;
	other = gw->generation == 1 ? 2 : 1;
	findings_add(f, HD203, "azure.vpn_gateway",
	    design_mark(gw->node, value_map_get(gw->node, "generation") ?
	    "generation" : "sku"),
	    "VPN gateway %s: SKU %s does not exist in generation %ld%s; %s",
	    gw->name, vpn_sku_name(gw->sku), gw->generation,
	    value_map_get(gw->node, "generation") ? "" : " (the default)",
	    vpn_sku_mbps(gw->sku, other) > 0 ?
	    (other == 2 ? "set generation: 2" : "set generation: 1") :
	    "choose another SKU");
}

static void
check_hd204(const struct design *dsn, struct findings *f)
{
	const struct vpn_gateway *gw = &dsn->vpn_gateway;

	if (gw->node == NULL || !vpn_sku_non_az(gw->sku))
		return;
	findings_add(f, HD204, "azure.vpn_gateway",
	    design_mark(gw->node, "sku"),
	    "VPN gateway %s uses non-AZ SKU %s, which Azure is migrating to "
	    "the AZ SKUs; use %sAZ", gw->name, vpn_sku_name(gw->sku),
	    vpn_sku_name(gw->sku));
}

/*
 * ER-SCALE, "Upgrade and migration paths": the non-zone-redundant
 * Standard, High Performance and Ultra Performance SKUs must use the
 * gateway migration tool to move to ErGwScale; ERGW lists the
 * zone-redundant ErGw1AZ-ErGw3AZ.  The counterpart of HD204.
 */
static void
check_hd210(const struct design *dsn, struct findings *f)
{
	static const char *const az[] = { "ErGw1AZ", "ErGw2AZ", "ErGw3AZ" };
	const struct er_gateway *gw = &dsn->er_gateway;

	if (gw->node == NULL || er_sku_zone_redundant(gw->sku))
		return;
	findings_add(f, HD210, "azure.expressroute_gateway",
	    design_mark(gw->node, "sku"),
	    "ExpressRoute gateway %s uses the %s SKU, which is not "
	    "zone-redundant; migrate it with the gateway migration tool to "
	    "%s or to ErGwScale", gw->name, er_sku_name(gw->sku),
	    gw->sku == ER_SKU_HIGHPERFORMANCE ? az[1] :
	    gw->sku == ER_SKU_ULTRAPERFORMANCE ? az[2] : az[0]);
}

static void
check_hd205(const struct design *dsn, struct findings *f)
{
	const struct vpn_gateway *gw = &dsn->vpn_gateway;

	if (gw->node == NULL || !vpn_sku_legacy(gw->sku))
		return;
	findings_add(f, HD205, "azure.vpn_gateway",
	    design_mark(gw->node, "sku"),
	    "VPN gateway %s uses the legacy %s SKU, which is retired; move "
	    "to a VpnGw AZ SKU such as VpnGw1AZ", gw->name,
	    vpn_sku_name(gw->sku));
}

static void
check_hd206(const struct design *dsn, struct findings *f)
{
	const struct vpn_gateway *gw = &dsn->vpn_gateway;

	if (gw->node == NULL)
		return;
	if (gw->active_active && gw->sku == VPN_SKU_BASIC)
		findings_add(f, HD206, "azure.vpn_gateway",
		    design_mark(gw->node, "active_active"),
		    "VPN gateway %s is active-active, which the Basic SKU "
		    "does not support; use VpnGw1AZ or larger, or set "
		    "active_active: false", gw->name);
	if (gw->active_active && gw->ninstances != 2)
		findings_add(f, HD206, "azure.vpn_gateway",
		    design_mark(gw->node, "instances"),
		    "VPN gateway %s is active-active but lists %zu "
		    "instance; an active-active gateway has two instances, "
		    "each with its own public IP: add the second one",
		    gw->name, gw->ninstances);
	else if (!gw->active_active && gw->ninstances != 1)
		findings_add(f, HD206, "azure.vpn_gateway",
		    design_mark(gw->node, "instances"),
		    "VPN gateway %s is active-standby but lists %zu "
		    "instances; list one, or set active_active: true",
		    gw->name, gw->ninstances);
}

static void
check_hd207(const struct design *dsn, struct findings *f)
{
	const struct vpn_gateway *gw = &dsn->vpn_gateway;

	if (gw->node == NULL || gw->active_active)
		return;
	findings_add(f, HD207, "azure.vpn_gateway",
	    design_mark(gw->node, "active_active"),
	    "VPN gateway %s is active-standby: an unplanned failover to the "
	    "standby instance can take 1 to 3 minutes (planned: 10 to 15 s); "
	    "set active_active: true and add a second instance with its own "
	    "public IP", gw->name);
}

/* The smallest zone-redundant ExpressRoute SKU for mbps, in words. */
static char *
er_sku_for(long mbps)
{
	static const enum er_sku az[] = { ER_SKU_ERGW1AZ, ER_SKU_ERGW2AZ,
	    ER_SKU_ERGW3AZ };
	struct er_gateway gw;
	size_t		 i;

	memset(&gw, 0, sizeof(gw));
	for (i = 0; i < sizeof(az) / sizeof(az[0]); i++) {
		gw.sku = az[i];
		if (er_sku_mbps(&gw) >= mbps)
			return xstrdup(er_sku_name(az[i]));
	}
	gw.sku = ER_SKU_ERGWSCALE;
	for (gw.scale_units = 1; gw.scale_units <= 40; gw.scale_units++)
		if (er_sku_mbps(&gw) >= mbps)
			return xasprintf("ErGwScale with %ld scale units",
			    gw.scale_units);
	return xstrdup("ErGwScale with 40 scale units");
}

static void
check_hd208(const struct design *dsn, struct findings *f)
{
	const struct er_gateway *gw = &dsn->er_gateway;
	const struct circuit *c;
	long		 mbps;
	size_t		 i;
	char		*fix;

	if (gw->node == NULL)
		return;
	mbps = er_sku_mbps(gw);
	for (i = 0; i < dsn->ncircuits; i++) {
		c = &dsn->circuits[i];
		if (unknown_skip(dsn, f, HD208, c->node, "bandwidth_mbps",
		    "whether the ExpressRoute gateway is slower than the "
		    "circuit"))
			continue;
		if (c->bandwidth_mbps <= mbps)
			continue;
		fix = er_sku_for(c->bandwidth_mbps);
		findings_add(f, HD208, "azure.expressroute_gateway",
		    design_mark(gw->node, "sku"),
		    "ExpressRoute gateway %s (%s, %ld Mbps) is slower than "
		    "circuit %s (%ld Mbps), so traffic over the circuit is "
		    "capped at %ld Mbps; use %s", gw->name,
		    er_sku_name(gw->sku), mbps, c->name, c->bandwidth_mbps,
		    mbps, fix);
		free(fix);
	}
}

static void
check_hd209(const struct design *dsn, struct findings *f)
{
	const struct er_gateway *gw = &dsn->er_gateway;
	const struct circuit *c;
	size_t		 i;
	static const char fix[] = "FastPath needs ErGw3AZ, UltraPerformance "
	    "or ErGwScale with 10 or more scale units";

	if (gw->node == NULL || er_sku_fastpath(gw))
		return;
	if (gw->fastpath)
		findings_add(f, HD209, "azure.expressroute_gateway",
		    design_mark(gw->node, "fastpath"),
		    "ExpressRoute gateway %s asks for FastPath, but its SKU %s "
		    "has none; %s, or set fastpath: false", gw->name,
		    er_sku_name(gw->sku), fix);
	for (i = 0; i < dsn->ncircuits; i++) {
		c = &dsn->circuits[i];
		if (!c->fastpath)
			continue;
		ADD_OWNED(f, HD209, xasprintf("circuits.%s", c->name),
		    design_mark(c->node, "fastpath"),
		    "the connection of circuit %s asks for FastPath, but "
		    "ExpressRoute gateway %s (%s) has none; %s, or set "
		    "fastpath: false", c->name, gw->name, er_sku_name(gw->sku),
		    fix);
	}
}

/* ---- BGP ---- */

static void
check_hd301(const struct design *dsn, struct findings *f)
{
	const struct vpn_gateway *gw = &dsn->vpn_gateway;

	if (!design_coexist(dsn) || gw->asn == AZURE_VPN_ASN)
		return;
	findings_add(f, HD301, "azure.vpn_gateway", design_mark(gw->node,
	    "asn"), "VPN gateway %s has ASN %ld, but a VPN gateway that "
	    "coexists with ExpressRoute gateway %s must keep ASN 65515; set "
	    "asn: 65515", gw->name, gw->asn, dsn->er_gateway.name);
}

static void
check_hd302(const struct design *dsn, struct findings *f)
{
	const struct site *s;
	const struct vpn_device *dev;
	const struct circuit *c;
	const char	*why;
	size_t		 i, j;
	static const char fix[] = "use a private ASN from 64512-65514 or "
	    "65521-65534, or your own public ASN";

	for (i = 0; i < dsn->ncircuits; i++) {
		c = &dsn->circuits[i];
		if (c->peering.node == NULL || unknown_skip(dsn, f, HD302,
		    c->peering.node, "peer_asn", "whether the ASN is reserved") ||
		    (why = asn_reserved(c->peering.peer_asn, 1)) == NULL)
			continue;
		ADD_OWNED(f, HD302, xasprintf("circuits.%s.private_peering",
		    c->name), design_mark(c->peering.node, "peer_asn"),
		    "circuit %s private peering uses on-premises ASN %ld, which "
		    "is %s; %s", c->name, c->peering.peer_asn, why,
		    fix);
	}
	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		for (j = 0; j < s->ndevices; j++) {
			dev = &s->devices[j];
			if (!device_uses_bgp(dev) || unknown_skip(dsn, f,
			    HD302, bgp_node(dev), "asn", "whether the ASN is "
			    "reserved") ||
			    (why = asn_reserved(dev->bgp_asn, 0)) == NULL)
				continue;
			ADD_OWNED(f, HD302, device_path(s, dev),
			    mark2(dev->node, "bgp", "asn"),
			    "site %s VPN device %s uses BGP ASN %ld, which is "
			    "%s; %s", s->name, dev->name,
			    dev->bgp_asn, why, fix);
		}
	}
}

/* Reserved ASNs are HD302's; this rule reports the rest once. */
static void
check_hd303(const struct design *dsn, struct findings *f)
{
	const struct vpn_gateway *gw = &dsn->vpn_gateway;
	const struct site *s;
	const struct vpn_device *dev;
	const struct circuit *c;
	size_t		 i, j;

	if (gw->node == NULL || asn_reserved(gw->asn, 1) != NULL)
		return;
	for (i = 0; i < dsn->ncircuits; i++) {
		c = &dsn->circuits[i];
		if (c->peering.node == NULL || unknown_skip(dsn, f, HD303,
		    c->peering.node, "peer_asn", "whether the ASN differs from "
		    "the VPN gateway's") || c->peering.peer_asn != gw->asn)
			continue;
		ADD_OWNED(f, HD303, xasprintf("circuits.%s.private_peering",
		    c->name), design_mark(c->peering.node, "peer_asn"),
		    "circuit %s private peering uses on-premises ASN %ld, the "
		    "same as VPN gateway %s; on-premises and Azure ASNs must "
		    "differ, so pick another ASN on one side", c->name,
		    c->peering.peer_asn, gw->name);
	}
	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		for (j = 0; j < s->ndevices; j++) {
			dev = &s->devices[j];
			if (!device_uses_bgp(dev) || unknown_skip(dsn, f,
			    HD303, bgp_node(dev), "asn", "whether the ASN "
			    "differs from the VPN gateway's") ||
			    dev->bgp_asn != gw->asn)
				continue;
			ADD_OWNED(f, HD303, device_path(s, dev),
			    mark2(dev->node, "bgp", "asn"),
			    "site %s VPN device %s uses BGP ASN %ld, the same "
			    "as VPN gateway %s; BGP needs different ASNs on "
			    "each side of the tunnel, so pick another ASN",
			    s->name, dev->name, dev->bgp_asn, gw->name);
		}
	}
}

/* Non-zero when a is 169.254.21.0-169.254.22.255 (VPN-BGP). */
static int
in_apipa_range(const struct prefix *a)
{
	struct prefix	 r21, r22;

	if (prefix_parse("169.254.21.0/24", &r21) != PREFIX_OK ||
	    prefix_parse("169.254.22.0/24", &r22) != PREFIX_OK)
		abort();
	return prefix_contains(&r21, a) || prefix_contains(&r22, a);
}

/* Non-zero when a is one of the five addresses Azure keeps in sn. */
static int
subnet_reserved(const struct prefix *sn, const struct prefix *a)
{
	struct prefix	 r;
	unsigned	 i;

	for (i = 0; i < 4; i++) {
		r = prefix_nth(sn, i);
		if (prefix_cmp(&r, a) == 0)
			return 1;
	}
	r = prefix_last(sn);
	return prefix_cmp(&r, a) == 0;
}

static void
check_hd304(const struct design *dsn, struct findings *f)
{
	const struct vpn_gateway *gw = &dsn->vpn_gateway;
	const struct subnet *gws = design_gateway_subnet(dsn);
	const struct gw_instance *in;
	struct prefix	 lo, hi;
	size_t		 i;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];
	char		 v[PREFIX_STRLEN], w[PREFIX_STRLEN];

	if (gw->node == NULL)
		return;
	for (i = 0; i < gw->ninstances; i++) {
		in = &gw->instances[i];
		if (in->has_bgp_ip && gws != NULL &&
		    !prefix_contains(&gws->prefix, &in->bgp_ip))
			ADD_OWNED(f, HD304, xasprintf("azure.vpn_gateway."
			    "instances.%zu", i), design_mark(in->node,
			    "bgp_ip"), "VPN gateway %s instances[%zu] BGP "
			    "address %s is outside GatewaySubnet %s; use an "
			    "address of GatewaySubnet (or a custom APIPA "
			    "address in apipa_bgp_ip)", gw->name, i,
			    A(&in->bgp_ip, t), P(&gws->prefix, u));
		else if (in->has_bgp_ip && gws != NULL &&
		    in->bgp_ip.family == 4 &&
		    subnet_reserved(&gws->prefix, &in->bgp_ip)) {
			/* The last usable address: broadcast minus one. */
			lo = prefix_nth(&gws->prefix, 4);
			hi = prefix_last(&gws->prefix);
			hi = prefix_nth(&hi, (unsigned long long)-1);
			ADD_OWNED(f, HD304, xasprintf("azure.vpn_gateway."
			    "instances.%zu", i), design_mark(in->node,
			    "bgp_ip"), "VPN gateway %s instances[%zu] BGP "
			    "address %s is one of the five addresses Azure "
			    "reserves in GatewaySubnet %s (the network "
			    "address, the next three and the broadcast "
			    "address); use one from %s to %s", gw->name, i,
			    A(&in->bgp_ip, t), P(&gws->prefix, u), A(&lo, v),
			    A(&hi, w));
		}
		if (in->has_apipa_bgp_ip && !in_apipa_range(&in->apipa_bgp_ip))
			ADD_OWNED(f, HD304, xasprintf("azure.vpn_gateway."
			    "instances.%zu", i), design_mark(in->node,
			    "apipa_bgp_ip"), "VPN gateway %s instances[%zu] "
			    "custom APIPA BGP address %s is outside "
			    "169.254.21.0-169.254.22.255, the range Azure "
			    "accepts; pick an address in that range",
			    gw->name, i, A(&in->apipa_bgp_ip, t));
	}
}

static void
check_hd305(const struct design *dsn, struct findings *f)
{
	const struct site *s;
	const struct vpn_device *dev;
	const struct az_space *hit;
	struct az_space	*az;
	size_t		 naz, i, j;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];

	az = azure_spaces(dsn, &naz);
	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		for (j = 0; j < s->ndevices; j++) {
			dev = &s->devices[j];
			if (!device_uses_bgp(dev) || unknown_skip(dsn, f,
			    HD305, bgp_node(dev), "peer_ip", "whether the BGP "
			    "peer address is outside Azure and apart from the "
			    "public IP"))
				continue;
			if ((hit = azure_containing(az, naz,
			    &dev->bgp_peer_ip)) != NULL)
				ADD_OWNED(f, HD305, device_path(s, dev),
				    mark2(dev->node, "bgp", "peer_ip"),
				    "site %s VPN device %s BGP peer address %s "
				    "is inside %s %s address space %s; use an "
				    "on-premises address outside Azure's "
				    "ranges (e.g. a loopback)", s->name,
				    dev->name, A(&dev->bgp_peer_ip, t),
				    hit->what, hit->name, P(hit->p, u));
			if (!design_unknown(dsn, dev->node, "public_ip") &&
			    prefix_cmp(&dev->bgp_peer_ip, &dev->public_ip) ==
			    0)
				ADD_OWNED(f, HD305, device_path(s, dev),
				    mark2(dev->node, "bgp", "peer_ip"),
				    "site %s VPN device %s BGP peer address %s "
				    "equals its public IP; use a separate "
				    "private address (e.g. a loopback or "
				    "tunnel interface) as the BGP peer",
				    s->name, dev->name, A(&dev->bgp_peer_ip,
				    t));
		}
	}
	free(az);
}

static void
check_hd306(const struct design *dsn, struct findings *f)
{
	const struct vpn_gateway *gw = &dsn->vpn_gateway;
	const struct site *s;
	const struct vpn_device *dev;
	struct prefix	 ll;
	size_t		 i, j;
	char		 t[PREFIX_STRLEN];

	if (gw->node == NULL)
		return;
	for (i = 0; i < gw->ninstances; i++)
		if (gw->instances[i].has_apipa_bgp_ip)
			return;
	if (prefix_parse("169.254.0.0/16", &ll) != PREFIX_OK)
		abort();
	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		for (j = 0; j < s->ndevices; j++) {
			dev = &s->devices[j];
			if (!device_uses_bgp(dev) || unknown_skip(dsn, f,
			    HD306, bgp_node(dev), "peer_ip", "whether an APIPA "
			    "peer needs a custom APIPA address on the gateway") ||
			    !prefix_contains(&ll, &dev->bgp_peer_ip))
				continue;
			ADD_OWNED(f, HD306, device_path(s, dev),
			    mark2(dev->node, "bgp", "peer_ip"),
			    "site %s VPN device %s peers from APIPA address "
			    "%s, but VPN gateway %s has no custom APIPA BGP "
			    "address; set apipa_bgp_ip on its instances "
			    "(169.254.21.0-169.254.22.255)", s->name,
			    dev->name, A(&dev->bgp_peer_ip, t), gw->name);
		}
	}
}

static void
check_hd307(const struct design *dsn, struct findings *f)
{
	const struct site *s;
	const struct vpn_device *dev, *first;
	struct buf	 names = BUF_INIT;
	size_t		 i, j, n;

	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		if (s->ndevices < 2)
			continue;
		first = NULL;
		n = 0;
		buf_truncate(&names, 0);
		for (j = 0; j < s->ndevices; j++) {
			dev = &s->devices[j];
			if (device_uses_bgp(dev))
				continue;
			if (first == NULL)
				first = dev;
			buf_printf(&names, "%s%s", n++ ? ", " : "", dev->name);
		}
		if (first == NULL)
			continue;
		ADD_OWNED(f, HD307, xasprintf("sites.%s", s->name),
		    design_mark(first->node, value_map_get(first->node,
		    "static") ? "static" : NULL),
		    "site %s has %zu VPN devices, but %s %s no BGP; the "
		    "gateway fails over between a site's devices only by BGP, "
		    "so configure bgp: {asn, peer_ip} on every device",
		    s->name, s->ndevices, buf_cstr(&names),
		    n > 1 ? "have" : "has");
	}
	buf_release(&names);
}

static void
check_hd308(const struct design *dsn, struct findings *f)
{
	const struct vpn_gateway *gw = &dsn->vpn_gateway;
	const struct value *explicit;
	const struct site *s = NULL;
	const struct vpn_device *dev = NULL;
	size_t		 i, j;
	char		*why;

	if (gw->node == NULL || gw->sku != VPN_SKU_BASIC)
		return;
	explicit = value_map_get(gw->node, "bgp");
	/* The first device that uses BGP, for the message. */
	for (i = 0; i < dsn->nsites && dev == NULL; i++)
		for (j = 0; j < dsn->sites[i].ndevices && dev == NULL; j++)
			if (device_uses_bgp(&dsn->sites[i].devices[j])) {
				s = &dsn->sites[i];
				dev = &s->devices[j];
			}
	if (dev == NULL && !(explicit != NULL && gw->bgp))
		return;
	if (dev != NULL) {
		char	 an[32];

		why = xasprintf("site %s VPN device %s uses BGP (ASN %s)",
		    s->name, dev->name, asn_text(dsn, bgp_node(dev), "asn",
		    dev->bgp_asn, an, sizeof(an)));
	}
	else
		why = xstrdup("bgp is set to true");
	findings_add(f, HD308, "azure.vpn_gateway",
	    design_mark(gw->node, explicit != NULL && gw->bgp ? "bgp" : "sku"),
	    "VPN gateway %s uses the Basic SKU, which has no BGP, but %s; use "
	    "VpnGw1AZ or larger, or make the connections static", gw->name,
	    why);
	free(why);
}

/*
 * BGP turned off on a (non-Basic: HD308) VPN gateway while devices use
 * BGP: the BGP sessions never come up, Azure learns none of their
 * routes (VPN-BGP: BGP must be enabled on the gateway and on each
 * connection), and the simulation gives those tunnels no routes.
 */
static void
check_hd309(const struct design *dsn, struct findings *f)
{
	const struct vpn_gateway *gw = &dsn->vpn_gateway;
	const struct site *s;
	const struct vpn_device *dev;
	size_t		 i, j;
	char		 an[32];

	if (gw->node == NULL || gw->bgp || gw->sku == VPN_SKU_BASIC)
		return;
	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		for (j = 0; j < s->ndevices; j++) {
			dev = &s->devices[j];
			if (!device_uses_bgp(dev))
				continue;
			ADD_OWNED(f, HD309, device_path(s, dev),
			    design_mark(dev->node, "bgp"),
			    "site %s VPN device %s uses BGP (ASN %s), but VPN "
			    "gateway %s has bgp: false: the BGP session never "
			    "comes up and Azure learns no route over this "
			    "tunnel, so it carries no traffic%s; set bgp: true "
			    "on the gateway or make the connection static",
			    s->name, dev->name, asn_text(dsn, bgp_node(dev),
			    "asn", dev->bgp_asn, an, sizeof(an)), gw->name,
			    s->ner > 0 ? " and is no backup for ExpressRoute" :
			    "");
		}
	}
}

/* ---- ExpressRoute ---- */

static void
check_hd401(const struct design *dsn, struct findings *f)
{
	static const char *const keys[] = { "primary_subnet",
	    "secondary_subnet" };
	static const char *const words[] = { "primary", "secondary" };
	const struct circuit *c;
	const struct prefix *link;
	struct prefix	 w;
	size_t		 i, j;
	int		 want;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];

	for (i = 0; i < dsn->ncircuits; i++) {
		c = &dsn->circuits[i];
		if (c->peering.node == NULL)
			continue;
		for (j = 0; j < 2; j++) {
			link = j == 0 ? &c->peering.primary_subnet :
			    &c->peering.secondary_subnet;
			if (unknown_skip(dsn, f, HD401, c->peering.node,
			    keys[j], "whether the link subnet is a /30 apart "
			    "from the other link's"))
				continue;
			want = link->family == 6 ? 126 : 30;
			if (link->len == want)
				continue;
			w = widen(link, want);
			ADD_OWNED(f, HD401, xasprintf("circuits.%s."
			    "private_peering", c->name),
			    design_mark(c->peering.node, keys[j]),
			    "circuit %s %s link subnet %s is a /%u; each "
			    "private peering link is a /%d (your router on the "
			    "first usable address, Microsoft on the second), "
			    "e.g. %s", c->name, words[j], P(link, t),
			    (unsigned)link->len, want, P(&w, u));
		}
		if (c->peering.primary_subnet.family != 0 &&
		    c->peering.secondary_subnet.family != 0 &&
		    prefix_overlap(&c->peering.primary_subnet,
		    &c->peering.secondary_subnet))
			ADD_OWNED(f, HD401, xasprintf("circuits.%s."
			    "private_peering", c->name),
			    design_mark(c->peering.node, "secondary_subnet"),
			    "circuit %s secondary link subnet %s overlaps the "
			    "primary link subnet %s; the two links need "
			    "separate subnets", c->name,
			    P(&c->peering.secondary_subnet, t),
			    P(&c->peering.primary_subnet, u));
	}
}

static void
check_hd402(const struct design *dsn, struct findings *f)
{
	const struct circuit *c;
	const struct site *s, *backed;
	const char	*by;
	size_t		 i, j, k;

	for (i = 0; i < dsn->ncircuits; i++) {
		c = &dsn->circuits[i];
		if (c->peering.node == NULL || c->peering.bfd)
			continue;
		backed = NULL;
		by = NULL;
		for (j = 0; j < dsn->nsites && backed == NULL; j++) {
			s = &dsn->sites[j];
			for (k = 0; k < s->ner; k++)
				if (s->er[k].circuit == c)
					break;
			if (k == s->ner)
				continue;
			if (s->ner > 1) {
				backed = s;
				by = "another circuit";
			} else if (s->ndevices > 0) {
				backed = s;
				by = "a VPN";
			}
		}
		if (backed == NULL)
			continue;
		ADD_OWNED(f, HD402, xasprintf("circuits.%s.private_peering",
		    c->name), design_mark(c->peering.node, "bfd"),
		    "BFD is off on the private peering of circuit %s, which "
		    "site %s backs up with %s: a link failure is detected only "
		    "when the 180 s BGP hold time runs out instead of in about "
		    "1 s (300 ms x 3); set bfd: true and enable BFD on the "
		    "on-premises routers (a circuit created before August 1, "
		    "2018 gets BFD only after its peering is reset: disabled "
		    "and enabled again, in a maintenance window)", c->name,
		    backed->name, by);
	}
}

static void
check_hd403(const struct design *dsn, struct findings *f)
{
	const struct er_gateway *gw = &dsn->er_gateway;
	const struct circuit *c;
	struct buf	 same = BUF_INIT;
	long		 max;
	size_t		 i, j, n;

	if (gw->node == NULL)
		return;
	max = er_sku_max_circuits(gw);
	if ((long)dsn->ncircuits > max)
		findings_add(f, HD403, "azure.expressroute_gateway",
		    design_mark(gw->node, "sku"),
		    "ExpressRoute gateway %s (%s) can link %ld circuits, but "
		    "the design has %zu; use a SKU that takes more circuits "
		    "(ErGw2AZ: 8, ErGw3AZ: 16) or link fewer", gw->name,
		    er_sku_name(gw->sku), max, dsn->ncircuits);
	for (i = 0; i < dsn->ncircuits; i++) {
		c = &dsn->circuits[i];
		n = 0;
		buf_truncate(&same, 0);
		if (unknown_skip(dsn, f, HD403, c->node, "peering_location",
		    "how many circuits share the peering location"))
			continue;
		for (j = 0; j < i; j++)
			if (strcasecmp(dsn->circuits[j].peering_location,
			    c->peering_location) == 0)
				buf_printf(&same, "%s%s", n++ ? ", " : "",
				    dsn->circuits[j].name);
		/* Report at the fifth only, once per location. */
		if (n != 4)
			continue;
		ADD_OWNED(f, HD403, xasprintf("circuits.%s", c->name),
		    design_mark(c->node, "peering_location"),
		    "circuit %s is the fifth circuit from peering location %s "
		    "(after %s); a VNet links at most 4 circuits from one "
		    "peering location, so use another location", c->name,
		    c->peering_location, buf_cstr(&same));
	}
	buf_release(&same);
}

/*
 * Circuit sizes.  From a provider: 50 Mbps to 10 Gbps (ER-FAQ).  On
 * ExpressRoute Direct ("About ExpressRoute Direct", Circuit sizes):
 * 1, 2, 5 or 10 Gbps on a 10 Gbps port pair; 5, 10, 40 or 100 Gbps on a
 * 100 Gbps port pair.
 */
static const long sold_provider[] = { 50, 100, 200, 500, 1000, 2000, 5000,
    10000, 0 };
static const long sold_direct10[] = { 1000, 2000, 5000, 10000, 0 };
static const long sold_direct100[] = { 5000, 10000, 40000, 100000, 0 };

static int
size_in(const long *v, long mbps)
{
	for (; *v != 0; v++)
		if (*v == mbps)
			return 1;
	return 0;
}

static void
check_hd404(const struct design *dsn, struct findings *f)
{
	const struct circuit *c;
	size_t		 i;

	for (i = 0; i < dsn->ncircuits; i++) {
		c = &dsn->circuits[i];
		if (unknown_skip(dsn, f, HD404, c->node, "bandwidth_mbps",
		    "whether the bandwidth is a size that is sold"))
			continue;
		switch (c->direct_port_gbps) {
		case 0:
			if (size_in(sold_provider, c->bandwidth_mbps))
				continue;
			ADD_OWNED(f, HD404, xasprintf("circuits.%s",
			    c->name), design_mark(c->node, "bandwidth_mbps"),
			    "circuit %s bandwidth %ld Mbps is not a size "
			    "providers sell (50, 100, 200, 500, 1000, 2000, "
			    "5000 or 10000 Mbps)%s; use the bandwidth of the "
			    "circuit order", c->name, c->bandwidth_mbps,
			    size_in(sold_direct100, c->bandwidth_mbps) ?
			    ", but an ExpressRoute Direct size: set "
			    "direct_port_gbps to the port's size" : "");
			break;
		case 10:
		case 100:
			if (size_in(c->direct_port_gbps == 10 ? sold_direct10 :
			    sold_direct100, c->bandwidth_mbps))
				continue;
			ADD_OWNED(f, HD404, xasprintf("circuits.%s",
			    c->name), design_mark(c->node, "bandwidth_mbps"),
			    "circuit %s bandwidth %ld Mbps is not a circuit "
			    "size of a %ld Gbps ExpressRoute Direct port (%s "
			    "Gbps); use the bandwidth of the circuit", c->name,
			    c->bandwidth_mbps, c->direct_port_gbps,
			    c->direct_port_gbps == 10 ? "1, 2, 5 or 10" :
			    "5, 10, 40 or 100");
			break;
		default:
			ADD_OWNED(f, HD404, xasprintf("circuits.%s",
			    c->name), design_mark(c->node, "direct_port_gbps"),
			    "circuit %s is on a %ld Gbps ExpressRoute Direct "
			    "port, but Direct ports are 10 or 100 Gbps; give "
			    "the size of the port pair", c->name,
			    c->direct_port_gbps);
			break;
		}
	}
}

/*
 * Circuit SKU against the hub's region (geo.h): a Standard circuit
 * reaches only the regions of its peering location's geopolitical
 * region ("Connectivity across geopolitical regions isn't supported on
 * the standard ExpressRoute SKU"); a Local circuit only the regions
 * local to its peering location.  A location or region the tables do
 * not list is skipped.
 */
static void
check_hd405(const struct design *dsn, struct findings *f)
{
	const struct circuit *c;
	const char	*lg, *rg, *locals;
	size_t		 i;
	int		 r;

	if (dsn->er_gateway.node == NULL || dsn->region == NULL)
		return;
	for (i = 0; i < dsn->ncircuits; i++) {
		c = &dsn->circuits[i];
		if (c->sku != CIRCUIT_PREMIUM && unknown_skip(dsn, f, HD405,
		    c->node, "peering_location", "whether the circuit's SKU "
		    "reaches the hub's region from its peering location"))
			continue;
		if (c->sku == CIRCUIT_STANDARD) {
			lg = geo_region_of_location(c->peering_location);
			rg = geo_region_of_region(dsn->region);
			if (lg == NULL || rg == NULL || strcmp(lg, rg) == 0)
				continue;
			ADD_OWNED(f, HD405, xasprintf("circuits.%s", c->name),
			    design_mark(c->node, "sku"),
			    "circuit %s is Standard at peering location %s "
			    "(geopolitical region %s), but the hub is in %s "
			    "(%s): a Standard circuit does not reach across "
			    "geopolitical regions; set sku: Premium or use a "
			    "peering location in %s", c->name,
			    c->peering_location, lg, dsn->region, rg, rg);
		} else if (c->sku == CIRCUIT_LOCAL) {
			r = geo_local_reaches(c->peering_location,
			    dsn->region, &locals);
			if (r != 0)
				continue;
			if (*locals == '\0')
				ADD_OWNED(f, HD405, xasprintf("circuits.%s",
				    c->name), design_mark(c->node, "sku"),
				    "circuit %s is Local, but ExpressRoute "
				    "Local is not available at peering "
				    "location %s; use Standard or another "
				    "peering location", c->name,
				    c->peering_location);
			else
				ADD_OWNED(f, HD405, xasprintf("circuits.%s",
				    c->name), design_mark(c->node, "sku"),
				    "circuit %s is Local at peering location "
				    "%s, which reaches only %s, not the hub's "
				    "region %s; use Standard (same geopolitical "
				    "region) or Premium", c->name,
				    c->peering_location, locals, dsn->region);
		}
	}
}

/* ---- VPN ---- */

static void
check_hd501(const struct design *dsn, struct findings *f)
{
	const struct site *s;
	const struct vpn_device *dev;
	size_t		 i, j;

	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		for (j = 0; j < s->ndevices; j++) {
			dev = &s->devices[j];
			if (dev->ike.version != 1)
				continue;
			ADD_OWNED(f, HD501, device_path(s, dev),
			    mark2(dev->node, "ike", "version"),
			    "site %s VPN device %s uses IKEv1: its connection "
			    "may reconnect during Main Mode rekeys (Microsoft "
			    "documents no duration); use IKEv2 (ike: "
			    "{version: 2})", s->name, dev->name);
		}
	}
}

static void
check_hd502(const struct design *dsn, struct findings *f)
{
	const struct site *s;
	const struct vpn_device *dev;
	size_t		 i, j;

	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		for (j = 0; j < s->ndevices; j++) {
			dev = &s->devices[j];
			if (dev->ike.dpd_timeout_s < 9 ||
			    dev->ike.dpd_timeout_s > 3600)
				ADD_OWNED(f, HD502, device_path(s, dev),
				    mark2(dev->node, "ike", "dpd_timeout_s"),
				    "site %s VPN device %s DPD timeout %ld s "
				    "is outside the 9-3600 s Azure allows; use "
				    "the default 45 s or a value in that range",
				    s->name, dev->name, dev->ike.dpd_timeout_s);
			if (dev->ike.has_sa_lifetime_s &&
			    dev->ike.sa_lifetime_s < 300)
				ADD_OWNED(f, HD502, device_path(s, dev),
				    mark2(dev->node, "ike", "sa_lifetime_s"),
				    "site %s VPN device %s phase 2 SA lifetime "
				    "%ld s is below the 300 s minimum of a "
				    "custom policy; use at least 300 s (the "
				    "default is 27000 s)", s->name, dev->name,
				    dev->ike.sa_lifetime_s);
		}
	}
}

struct ipuse {
	const struct prefix *ip;
	size_t		 site;
	size_t		 dev;
	size_t		 n;		/* position in document order */
};

static int
ipuse_cmp(const void *pa, const void *pb)
{
	const struct ipuse *a = pa, *b = pb;
	int		 c = prefix_cmp(a->ip, b->ip);

	return c ? c : (a->n > b->n) - (a->n < b->n);
}

/*
 * For each VPN device in document order, the first earlier device (of
 * any site, its own included) with the same public IP (bgp == 0) or the
 * same BGP peer address (bgp != 0, BGP devices only), or NULL in
 * *match.  Sorting by address keeps 20,000 sites at n log n (a pairwise
 * scan took seconds).  The caller frees the array.
 */
static const struct ipuse **
hd503_matches(const struct design *dsn, int bgp, struct ipuse **usesp)
{
	struct ipuse	*u;
	const struct ipuse **match;
	const struct vpn_device *dev;
	size_t		 i, j, k, g, m = 0, n = 0;

	for (i = 0; i < dsn->nsites; i++)
		n += dsn->sites[i].ndevices;
	u = xreallocarray(NULL, n ? n : 1, sizeof(*u));
	match = xcalloc(n ? n : 1, sizeof(*match));
	for (i = 0, k = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++, k++) {
			dev = &dsn->sites[i].devices[j];
			if (bgp && !device_uses_bgp(dev))
				continue;
			u[m].ip = bgp ? &dev->bgp_peer_ip : &dev->public_ip;
			/* Unknown (family 0): shares nothing. */
			if (u[m].ip->family == 0)
				continue;
			u[m].site = i;
			u[m].dev = j;
			u[m++].n = k;
		}
	qsort(u, m, sizeof(*u), ipuse_cmp);
	for (k = 1, g = 0; k < m; k++) {
		if (prefix_cmp(u[k].ip, u[g].ip) != 0)
			g = k;
		else
			match[u[k].n] = &u[g];
	}
	*usesp = u;
	return match;
}

/* Reports device dev of site s sharing what with an earlier device. */
static void
hd503_shared(const struct design *dsn, struct findings *f,
    const struct site *s, const struct vpn_device *dev,
    const struct ipuse *m, int bgp)
{
	const struct site *o = &dsn->sites[m->site];
	const struct vpn_device *od = &o->devices[m->dev];
	char		 t[PREFIX_STRLEN];
	char		*other;

	if (o == s)
		other = xasprintf("its device %s", od->name);
	else
		other = xasprintf("site %s device %s", o->name, od->name);
	ADD_OWNED(f, HD503, device_path(s, dev),
	    bgp ? mark2(dev->node, "bgp", "peer_ip") :
	    design_mark(dev->node, "public_ip"),
	    "site %s VPN device %s has the same %s %s as %s; each device's "
	    "local network gateway needs its own %s", s->name, dev->name,
	    bgp ? "BGP peer address" : "public IP",
	    A(bgp ? &dev->bgp_peer_ip : &dev->public_ip, t), other,
	    bgp ? "BGP peer address" : "public IP");
	free(other);
}

static void
check_hd503(const struct design *dsn, struct findings *f)
{
	const struct site *s;
	const struct vpn_device *dev;
	struct ipuse	*uses, *buses;
	const struct ipuse **match, **bmatch;
	size_t		 i, j, n = 0;
	char		 t[PREFIX_STRLEN];

	match = hd503_matches(dsn, 0, &uses);
	bmatch = hd503_matches(dsn, 1, &buses);
	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		for (j = 0; j < s->ndevices; j++, n++) {
			dev = &s->devices[j];
			if (device_uses_bgp(dev))
				(void)unknown_skip(dsn, f, HD503, bgp_node(dev),
				    "peer_ip", "whether the BGP peer address "
				    "is used once");
			if (unknown_skip(dsn, f, HD503, dev->node, "public_ip",
			    "whether the public IP is an Internet address used "
			    "once"))
				;
			else if (prefix_is_private(&dev->public_ip))
				ADD_OWNED(f, HD503, device_path(s, dev),
				    design_mark(dev->node, "public_ip"),
				    "site %s VPN device %s public IP %s is "
				    "private or reserved, not an Internet "
				    "address; give the device's public IP (the "
				    "NAT's outside address when behind NAT)",
				    s->name, dev->name, A(&dev->public_ip, t));
			if (match[n] != NULL)
				hd503_shared(dsn, f, s, dev, match[n], 0);
			if (bmatch[n] != NULL)
				hd503_shared(dsn, f, s, dev, bmatch[n], 1);
		}
	}
	free(match);
	free(uses);
	free(bmatch);
	free(buses);
}

static void
check_hd504(const struct design *dsn, struct findings *f)
{
	static const enum vpn_sku az[] = { VPN_SKU_VPNGW1AZ,
	    VPN_SKU_VPNGW2AZ, VPN_SKU_VPNGW3AZ, VPN_SKU_VPNGW4AZ,
	    VPN_SKU_VPNGW5AZ };
	const struct vpn_gateway *gw = &dsn->vpn_gateway;
	size_t		 i, ndev = 0, per, tunnels;
	long		 max;
	char		*fix = NULL;

	if (gw->node == NULL)
		return;
	for (i = 0; i < dsn->nsites; i++)
		ndev += dsn->sites[i].ndevices;
	per = design_tunnels_per_device(dsn);
	tunnels = ndev * per;
	max = vpn_sku_tunnels(gw->sku);
	if ((long)tunnels <= max)
		return;
	for (i = 0; i < sizeof(az) / sizeof(az[0]) && fix == NULL; i++)
		if (vpn_sku_tunnels(az[i]) >= (long)tunnels)
			fix = xasprintf("use %s (%ld tunnels%s)",
			    vpn_sku_name(az[i]), vpn_sku_tunnels(az[i]),
			    vpn_sku_mbps(az[i], 1) > 0 ? "" :
			    ", generation 2");
	if (fix == NULL)
		fix = xstrdup("split the sites over more VPN gateways");
	findings_add(f, HD504, "azure.vpn_gateway",
	    design_mark(gw->node, "sku"),
	    "VPN gateway %s (%s) allows %ld site-to-site tunnels, but the "
	    "design needs %zu (%zu device%s%s); %s", gw->name,
	    vpn_sku_name(gw->sku), max, tunnels, ndev, ndev == 1 ? "" : "s",
	    per == 2 ? ", two tunnels each on an active-active gateway" : "",
	    fix);
	free(fix);
}

/* ---- limits ---- */

static void
check_hd701(const struct design *dsn, struct findings *f)
{
	const struct site *s;
	const struct vpn_device *dev;
	const struct circuit *c;
	size_t		 i, j, k, n;
	long		 max;

	/*
	 * VPN-FAQ (BGP): up to 4000 prefixes per BGP peer, past which the
	 * session drops.  Per device, only what it advertises over BGP: a
	 * static connection's prefixes are local network gateway
	 * configuration, not advertisements.
	 */
	for (i = 0; dsn->vpn_gateway.node != NULL && i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		for (j = 0; j < s->ndevices; j++) {
			dev = &s->devices[j];
			if (!device_uses_bgp(dev) || dev->nadvertise <= 4000)
				continue;
			ADD_OWNED(f, HD701, device_path(s, dev),
			    design_mark(dev->node, value_map_get(dev->node,
			    "advertise") ? "advertise" : "bgp"),
			    "site %s VPN device %s advertises %zu prefixes to "
			    "VPN gateway %s, more than the 4000 it accepts "
			    "from one BGP peer (past the limit the BGP session "
			    "drops); summarize the prefixes it advertises",
			    s->name, dev->name, dev->nadvertise,
			    dsn->vpn_gateway.name);
		}
	}
	for (i = 0; i < dsn->ncircuits; i++) {
		c = &dsn->circuits[i];
		n = 0;
		for (j = 0; j < dsn->nsites; j++) {
			s = &dsn->sites[j];
			for (k = 0; k < s->ner; k++)
				if (s->er[k].circuit == c)
					n += s->er[k].nadvertise;
		}
		max = c->sku == CIRCUIT_PREMIUM ? 10000 : 4000;
		if ((long)n <= max)
			continue;
		ADD_OWNED(f, HD701, xasprintf("circuits.%s", c->name),
		    design_mark(c->node, "sku"),
		    "sites advertise %zu prefixes over circuit %s, more than "
		    "the %ld private peering accepts on a %s circuit (past the "
		    "limit the BGP session drops); summarize the prefixes%s",
		    n, c->name, max, circuit_sku_name(c->sku),
		    c->sku == CIRCUIT_PREMIUM ? "" :
		    " or use a Premium circuit (10000)");
	}
}

static void
check_hd702(const struct design *dsn, struct findings *f)
{
	size_t		 i, n = dsn->vnet.naddress_space;

	if (dsn->er_gateway.node == NULL)
		return;
	for (i = 0; i < dsn->nspokes; i++)
		n += dsn->spokes[i].naddress_space;
	if (n <= 1000)
		return;
	findings_add(f, HD702, "azure.vnet",
	    design_mark(dsn->vnet.node, "address_space"),
	    "VNet %s and its %zu spoke%s would advertise %zu prefixes over "
	    "ExpressRoute, more than the 1000 a gateway advertises; "
	    "summarize the address spaces", dsn->vnet.name, dsn->nspokes,
	    dsn->nspokes == 1 ? "" : "s", n);
}

static void
check_hd703(const struct design *dsn, struct findings *f)
{
	const struct er_gateway *gw = &dsn->er_gateway;
	const struct site *s;
	size_t		 i, j, n = 0;
	long		 max;

	if (gw->node == NULL)
		return;
	for (i = 0; i < dsn->nsites; i++) {
		s = &dsn->sites[i];
		for (j = 0; j < s->ner; j++)
			n += s->er[j].nadvertise;
	}
	max = er_sku_routes(gw);
	if ((long)n <= max)
		return;
	findings_add(f, HD703, "azure.expressroute_gateway",
	    design_mark(gw->node, "sku"),
	    "ExpressRoute gateway %s (%s) learns at most %ld routes, but the "
	    "sites advertise %zu over its circuits; summarize the prefixes "
	    "or use a SKU that learns more (ErGw2AZ, ErGw3AZ: 9500; "
	    "ErGwScale: 60000)",
	    gw->name, er_sku_name(gw->sku), max, n);
}

/* ---- the checks, in catalog order ---- */

const struct rule_check rule_checks[] = {
	{ HD101, check_hd101 },
	{ HD102, check_hd102 },
	{ HD103, check_hd103 },
	{ HD104, check_hd104 },
	{ HD105, check_hd105 },
	{ HD106, check_hd106 },
	{ HD107, check_hd107 },
	{ HD108, check_hd108 },
	{ HD109, check_hd109 },
	{ HD110, check_hd110 },
	{ HD201, check_hd201 },
	{ HD202, check_hd202 },
	{ HD203, check_hd203 },
	{ HD204, check_hd204 },
	{ HD205, check_hd205 },
	{ HD206, check_hd206 },
	{ HD207, check_hd207 },
	{ HD208, check_hd208 },
	{ HD209, check_hd209 },
	{ HD210, check_hd210 },
	{ HD301, check_hd301 },
	{ HD302, check_hd302 },
	{ HD303, check_hd303 },
	{ HD304, check_hd304 },
	{ HD305, check_hd305 },
	{ HD306, check_hd306 },
	{ HD307, check_hd307 },
	{ HD308, check_hd308 },
	{ HD309, check_hd309 },
	{ HD401, check_hd401 },
	{ HD402, check_hd402 },
	{ HD403, check_hd403 },
	{ HD404, check_hd404 },
	{ HD405, check_hd405 },
	{ HD501, check_hd501 },
	{ HD502, check_hd502 },
	{ HD503, check_hd503 },
	{ HD504, check_hd504 },
	{ HD701, check_hd701 },
	{ HD702, check_hd702 },
	{ HD703, check_hd703 },
	{ HD801, check_hd801 },
	{ RULE_COUNT, NULL }
};

void
rules_check(const struct design *dsn, struct findings *f)
{
	const struct rule_check *c;

	for (c = rule_checks; c->check != NULL; c++)
		c->check(dsn, f);
}

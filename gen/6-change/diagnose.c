/*
 * `hybridoc diagnose`, the analysis: the facts a design can show
 * (dx_model), what the captures show of them and the ranking of the
 * scenarios.  The captures are read by diagnose_input.c, the report
 * is made by diagnose_report.c (with dx_diagnose(), which runs the
 * three), and their shared types are in dx_int.h.  See diagnose.h for
 * the model; the capture script is in diagnose_commands.c.
 *
 * Where an observable comes from (estimates are labelled):
 *   - The VPN gateway lists routes learned over BGP with the device's
 *     BGP address as sourcePeer, the instance's own address as
 *     localAddress and the AS path as the device sent it; static
 *     routes of a local network gateway and the VNet's prefixes appear
 *     with origin "Network" whatever the tunnel's state
 *     (learn.microsoft.com/powershell/module/az.network/
 *     get-azvirtualnetworkgatewaylearnedroute, example 1), so a static
 *     tunnel's failure cannot be seen in learned routes.
 *   - The ExpressRoute gateway lists a circuit's prefixes with AS path
 *     "12076-<peer ASN>" (12076 is Microsoft's edge) and the Microsoft
 *     edge router as sourcePeer, one per link.  That one BGP peer per
 *     link shows is an estimate from public captures (each prefix of a
 *     one-circuit gateway appears from two peers, one per link); which
 *     link a peer is cannot be read from the gateway, so a primary-link
 *     and a secondary-link failure look alike.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/catalog.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagnose.h"
#include "hybridoc/jsonin.h"
#include "hybridoc/markdown.h"
#include "hybridoc/mustache.h"
#include "hybridoc/prefix.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/view.h"
#include "hybridoc/xalloc.h"

#include "dx_int.h"

/* ------------------------------------------------------------------ */
/* The model */

/*
 * The AS paths Azure shows for a route from a VPN device and over a
 * circuit.  An ASN the design gives as unknown is its placeholder, so the
 * path matches no observed one and shows what is missing, never a made-up
 * number.
 */
char *
dx_vpn_as_path(const struct design *dsn, const struct vpn_device *d)
{
	struct buf	 b = BUF_INIT;
	char		 t[PREFIX_STRLEN];
	const char	*asn = design_num(dsn, value_map_get(d->node, "bgp"),
			    "asn", d->bgp_asn, t);
	long		 i;

	for (i = 0; i <= d->as_path_prepend && i < 64; i++)
		buf_printf(&b, "%s%s", i ? "-" : "", asn);
	return buf_detach(&b, NULL);
}

static char *
er_as_path(const struct design *dsn, const struct circuit *c, long prepend)
{
	struct buf	 b = BUF_INIT;
	long		 i;
	char		 t[PREFIX_STRLEN];
	const char	*asn = design_num(dsn, c->peering.node, "peer_asn",
			    c->peering.peer_asn, t);

	buf_printf(&b, "%ld", AZURE_ER_ASN);
	for (i = 0; i <= prepend && i < 64; i++)
		buf_printf(&b, "-%s", asn);
	return buf_detach(&b, NULL);
}

int
dx_device_bgp(const struct vpn_device *d)
{
	return !d->is_static && d->has_bgp;
}

static size_t
fact_add(struct dx_model *m, size_t *cap, enum dx_fact_kind kind,
    enum dx_gw gw, long instance)
{
	struct dx_fact	*f;

	xgrow(&m->facts, cap, m->nfacts + 1, sizeof(*m->facts));
	f = &m->facts[m->nfacts];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->gw = gw;
	f->instance = instance;
	return m->nfacts++;
}

static void
er_facts(struct dx_model *m, size_t *cap)
{
	const struct design *dsn = m->a->dsn;
	size_t		 i, j, k, n, c;

	for (i = 0; i < dsn->nsites; i++) {
		const struct site *st = &dsn->sites[i];

		for (j = 0; j < st->ner; j++) {
			const struct site_er *e = &st->er[j];
			char	*path;

			if (e->circuit == NULL)
				continue;
			c = (size_t)(e->circuit - dsn->circuits);
			path = er_as_path(dsn, e->circuit,
			    e->as_path_prepend);
			for (k = 0; k < e->nadvertise; k++) {
				struct prefix p = e->advertise[k];
				struct dx_fact *f = NULL;

				prefix_normalize(&p);
				for (n = 0; n < m->nfacts; n++)
					if (m->facts[n].kind == DX_ER_ROUTE &&
					    prefix_cmp(&m->facts[n].pfx, &p) ==
					    0 && strcmp(m->facts[n].as_path,
					    path) == 0)
						break;
				if (n == m->nfacts) {
					n = fact_add(m, cap, DX_ER_ROUTE,
					    DX_GW_ER, -1);
					m->facts[n].pfx = p;
					m->facts[n].as_path = xstrdup(path);
				}
				f = &m->facts[n];
				f->circuits = xreallocarray(f->circuits,
				    f->ncontrib + 1, sizeof(size_t));
				f->sites = xreallocarray(f->sites,
				    f->ncontrib + 1, sizeof(size_t));
				f->circuits[f->ncontrib] = c;
				f->sites[f->ncontrib] = i;
				f->ncontrib++;
			}
			free(path);
		}
	}
}

static void
vpn_facts(struct dx_model *m, size_t *cap)
{
	const struct design *dsn = m->a->dsn;
	size_t		 i, j, k, u;
	long		 inst;

	for (u = 0; u < m->vpn_units; u++)
		fact_add(m, cap, DX_GATEWAY_UP, DX_GW_VPN,
		    m->vpn_keyed ? (long)u : -1);
	for (i = 0; i < dsn->nsites; i++) {
		const struct site *st = &dsn->sites[i];

		for (j = 0; j < st->ndevices; j++) {
			const struct vpn_device *d = &st->devices[j];

			if (!dx_device_bgp(d))
				continue;
			for (u = 0; u < m->vpn_units; u++) {
				inst = m->vpn_keyed ? (long)u : -1;
				for (k = 0; k < d->nadvertise; k++) {
					size_t n = fact_add(m, cap,
					    DX_VPN_ROUTE, DX_GW_VPN, inst);

					m->facts[n].pfx = d->advertise[k];
					prefix_normalize(&m->facts[n].pfx);
					m->facts[n].as_path =
					    dx_vpn_as_path(dsn, d);
					m->facts[n].site = i;
					m->facts[n].dev = d;
				}
				k = fact_add(m, cap, DX_BGP_PEER, DX_GW_VPN,
				    inst);
				m->facts[k].site = i;
				m->facts[k].dev = d;
			}
		}
	}
}

void
dx_model_init(struct dx_model *m, const struct analysis *a)
{
	const struct design *dsn = a->dsn;
	const struct vpn_gateway *g = &dsn->vpn_gateway;
	size_t		 cap = 0;

	memset(m, 0, sizeof(*m));
	m->a = a;
	if (dsn->er_gateway.node != NULL) {
		fact_add(m, &cap, DX_GATEWAY_UP, DX_GW_ER, -1);
		er_facts(m, &cap);
	}
	if (g->node != NULL) {
		m->vpn_keyed = g->active_active && g->ninstances >= 2 &&
		    g->instances[0].has_bgp_ip && g->instances[1].has_bgp_ip;
		m->vpn_units = m->vpn_keyed ? 2 : 1;
		vpn_facts(m, &cap);
	}
}

void
dx_model_release(struct dx_model *m)
{
	size_t	 i;

	for (i = 0; i < m->nfacts; i++) {
		free(m->facts[i].as_path);
		free(m->facts[i].circuits);
		free(m->facts[i].sites);
	}
	free(m->facts);
	memset(m, 0, sizeof(*m));
}

int
dx_same_slug(const char *a, const char *b)
{
	char	*sa, *sb;
	int	 eq;

	if (a == NULL || b == NULL)
		return 0;
	sa = sim_slug(a);
	sb = sim_slug(b);
	eq = *sa != '\0' && strcmp(sa, sb) == 0;
	free(sa);
	free(sb);
	return eq;
}

/* Live links (0-2) of circuit c in sc. */
static int
links_up(const struct sim *s, const struct sim_scenario *sc,
    const struct circuit *c)
{
	size_t	 i;
	int	 up = 2;

	for (i = 0; i < sc->nfailed; i++) {
		const struct sim_element *e = &s->elems[sc->failed[i]];

		switch (e->kind) {
		case SIM_EL_ER_GATEWAY:
			return 0;
		case SIM_EL_CIRCUIT:
			if (e->circuit == c)
				return 0;
			break;
		case SIM_EL_LOCATION:
			if (dx_same_slug(e->location, c->peering_location))
				return 0;
			break;
		case SIM_EL_LINK:
			if (e->circuit == c)
				up--;
			break;
		default:
			break;
		}
	}
	return up < 0 ? 0 : up;
}

static int
site_down(const struct sim *s, const struct sim_scenario *sc,
    const struct site *st)
{
	size_t	 i;

	for (i = 0; i < sc->nfailed; i++)
		if (s->elems[sc->failed[i]].kind == SIM_EL_SITE &&
		    s->elems[sc->failed[i]].site == st)
			return 1;
	return 0;
}

static int
instance_down(const struct sim *s, const struct sim_scenario *sc, long k)
{
	size_t	 i;

	for (i = 0; i < sc->nfailed; i++)
		if (s->elems[sc->failed[i]].kind == SIM_EL_VPN_INSTANCE &&
		    (long)s->elems[sc->failed[i]].instance == k)
			return 1;
	return 0;
}

static size_t
vpn_instances(const struct design *dsn)
{
	return dsn->vpn_gateway.node == NULL ? 0 :
	    dsn->vpn_gateway.active_active ? 2 : 1;
}

/* The tunnel from d to instance k is up (the simulation's rule). */
static int
tunnel_up(const struct sim *s, const struct sim_scenario *sc,
    const struct site *st, const struct vpn_device *d, long k)
{
	const struct design *dsn = s->dsn;
	size_t	 i;

	if (site_down(s, sc, st))
		return 0;
	if (dsn->vpn_gateway.active_active && instance_down(s, sc, k))
		return 0;
	for (i = 0; i < sc->nfailed; i++) {
		const struct sim_element *e = &s->elems[sc->failed[i]];

		if (e->kind == SIM_EL_DEVICE && e->device == d)
			return 0;
		if (e->kind == SIM_EL_TUNNEL && e->device == d &&
		    (long)e->instance == k)
			return 0;
	}
	return 1;
}

static int
device_up(const struct sim *s, const struct sim_scenario *sc,
    const struct site *st, const struct vpn_device *d, long k)
{
	size_t	 n = vpn_instances(s->dsn), j;

	if (k >= 0)
		return tunnel_up(s, sc, st, d, k);
	for (j = 0; j < n; j++)
		if (tunnel_up(s, sc, st, d, (long)j))
			return 1;
	return 0;
}

int
dx_expect(const struct dx_model *m, const struct sim_scenario *sc,
    size_t fi)
{
	const struct sim *s = m->a->sim;
	const struct design *dsn = m->a->dsn;
	const struct dx_fact *f = &m->facts[fi];
	size_t	 i, j, n;
	int	 sum = 0;

	switch (f->kind) {
	case DX_GATEWAY_UP:
		if (f->gw == DX_GW_ER) {
			for (i = 0; i < sc->nfailed; i++)
				if (s->elems[sc->failed[i]].kind ==
				    SIM_EL_ER_GATEWAY)
					return 0;
			return 1;
		}
		if (f->instance >= 0)
			return !instance_down(s, sc, f->instance);
		/* Not keyed: down only when every instance of an
		   active-active gateway is (a standby takes over). */
		if (!dsn->vpn_gateway.active_active)
			return 1;
		n = vpn_instances(dsn);
		for (j = 0; j < n; j++)
			if (!instance_down(s, sc, (long)j))
				return 1;
		return 0;
	case DX_ER_ROUTE:
		for (i = 0; i < f->ncontrib; i++) {
			int	 seen = 0, live = 0;

			for (j = 0; j < i; j++)
				if (f->circuits[j] == f->circuits[i])
					seen = 1;
			if (seen)
				continue;
			for (j = i; j < f->ncontrib; j++)
				if (f->circuits[j] == f->circuits[i] &&
				    !site_down(s, sc, &dsn->sites[f->sites[j]]))
					live = 1;
			if (live)
				sum += links_up(s, sc,
				    &dsn->circuits[f->circuits[i]]);
		}
		return sum;
	case DX_VPN_ROUTE:
	case DX_BGP_PEER:
		return device_up(s, sc, &dsn->sites[f->site], f->dev,
		    f->instance);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Comparing */

static void
note(struct dx_run *r, enum rule_id rule, const struct dx_file *f,
    size_t index, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void
note(struct dx_run *r, enum rule_id rule, const struct dx_file *f,
    size_t index, const char *key, const char *fmt, ...)
{
	struct dx_note	*n;
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	if (r->rule_count[rule] >= DX_MAX_NOTES) {
		r->notes_dropped++;
		return;
	}
	r->rule_count[rule]++;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	r->notes = xreallocarray(r->notes, r->nnotes + 1, sizeof(*r->notes));
	n = &r->notes[r->nnotes++];
	n->rule = rule;
	n->file = f;
	n->index = index;
	n->key = key;
	n->msg = buf_detach(&b, NULL);
}

const char *
dx_gw_name(const struct design *dsn, enum dx_gw gw)
{
	return gw == DX_GW_ER ? dsn->er_gateway.name : dsn->vpn_gateway.name;
}

/* The VPN instance whose BGP address is a; -1 when none. */
static long
instance_of(const struct design *dsn, const struct prefix *a)
{
	const struct vpn_gateway *g = &dsn->vpn_gateway;
	size_t	 i;

	for (i = 0; i < g->ninstances && i < 2; i++) {
		struct prefix b = g->instances[i].bgp_ip;

		b.len = a->len;
		if (g->instances[i].has_bgp_ip && prefix_cmp(&b, a) == 0)
			return (long)i;
		b = g->instances[i].apipa_bgp_ip;
		b.len = a->len;
		if (g->instances[i].has_apipa_bgp_ip &&
		    prefix_cmp(&b, a) == 0)
			return (long)i;
	}
	return -1;
}

static int
addr_eq(const struct prefix *a, const struct prefix *b)
{
	struct prefix	 x = *a, y = *b;

	x.len = y.len = (unsigned char)(x.family == 6 ? 128 : 32);
	return x.family == y.family && prefix_cmp(&x, &y) == 0;
}

/* The BGP device whose peer address is a. */
static const struct vpn_device *
device_of(const struct design *dsn, const struct prefix *a, size_t *site)
{
	size_t	 i, j;

	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++) {
			const struct vpn_device *d = &dsn->sites[i].devices[j];

			if (dx_device_bgp(d) && addr_eq(&d->bgp_peer_ip, a)) {
				*site = i;
				return d;
			}
		}
	return NULL;
}

static size_t
fact_find(const struct dx_run *r, enum dx_fact_kind kind, enum dx_gw gw,
    long instance, const struct vpn_device *dev, const struct prefix *p,
    const char *as_path)
{
	size_t	 i;

	for (i = 0; i < r->m.nfacts; i++) {
		const struct dx_fact *f = &r->m.facts[i];

		if (f->kind != kind || f->gw != gw || f->instance != instance)
			continue;
		if (kind == DX_ER_ROUTE) {
			if (prefix_cmp(&f->pfx, p) == 0 &&
			    strcmp(f->as_path, as_path) == 0)
				return i;
		} else if (kind == DX_VPN_ROUTE) {
			if (f->dev == dev && prefix_cmp(&f->pfx, p) == 0)
				return i;
		} else if (kind == DX_BGP_PEER) {
			if (f->dev == dev)
				return i;
		} else
			return i;
	}
	return (size_t)-1;
}

/* Any site's address prefix holding p, for "more specific". */
static int
inside_design(const struct design *dsn, const struct prefix *p)
{
	size_t	 i, k;

	for (i = 0; i < dsn->nsites; i++)
		for (k = 0; k < dsn->sites[i].naddress_prefixes; k++)
			if (prefix_contains(&dsn->sites[i].address_prefixes[k],
			    p))
				return 1;
	return 0;
}

static int
configured_prefix(const struct design *dsn, enum dx_gw gw,
    const struct prefix *p)
{
	size_t	 i, j, k;

	for (k = 0; k < dsn->vnet.naddress_space; k++)
		if (prefix_cmp(&dsn->vnet.address_space[k], p) == 0)
			return 1;
	for (i = 0; i < dsn->nspokes; i++)
		for (k = 0; k < dsn->spokes[i].naddress_space; k++)
			if (prefix_cmp(&dsn->spokes[i].address_space[k], p) ==
			    0)
				return 1;
	if (gw != DX_GW_VPN)
		return 0;
	/* Static local network gateways, and each BGP peer's /32. */
	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++) {
			const struct vpn_device *d = &dsn->sites[i].devices[j];

			if (dx_device_bgp(d)) {
				if (p->len == (p->family == 6 ? 128 : 32) &&
				    addr_eq(&d->bgp_peer_ip, p))
					return 1;
				continue;
			}
			for (k = 0; k < dsn->sites[i].naddress_prefixes; k++)
				if (prefix_cmp(&dsn->sites[i].
				    address_prefixes[k], p) == 0)
					return 1;
		}
	return 0;
}

static void
observe_er(struct dx_run *r, struct dx_file *f)
{
	const struct design *dsn = r->a->dsn;
	char		 t[PREFIX_STRLEN];
	size_t		 i, k, fi, n;
	int		 known_as;

	for (i = 0; i < f->nroutes; i++) {
		const struct dx_route *rt = &f->routes[i];
		struct dx_peerset *ps;

		if (rt->origin == DX_OR_IBGP) {
			f->ibgp++;
			continue;
		}
		if (rt->origin == DX_OR_OTHER) {
			f->other++;
			continue;
		}
		if (rt->origin == DX_OR_NETWORK) {
			if (!configured_prefix(dsn, DX_GW_ER, &rt->network))
				note(r, HD905, f, rt->index,
				    "network", "%s holds %s as its own "
				    "(origin Network), but the design's VNet and "
				    "spokes do not", dsn->er_gateway.name,
				    prefix_format(&rt->network, t, 1));
			continue;
		}
		fi = fact_find(r, DX_ER_ROUTE, DX_GW_ER, -1, NULL,
		    &rt->network, rt->as_path);
		if (fi != (size_t)-1) {
			ps = &r->peers[fi];
			for (k = 0; k < ps->n; k++)
				if (addr_eq(&ps->v[k], &rt->peer))
					break;
			if (k == ps->n && ps->n < DX_MAX_PEERS)
				ps->v[ps->n++] = rt->peer;
			continue;
		}
		/* Unexplained: which way does it disagree? */
		known_as = 0;
		for (n = 0; n < dsn->ncircuits; n++) {
			char	*pre = er_as_path(dsn, &dsn->circuits[n], 0);

			if (strncmp(rt->as_path, pre, strlen(pre)) == 0)
				known_as = 1;
			free(pre);
		}
		if (!known_as) {
			const char *unk = NULL;

			/* An ASN the design leaves unknown may be this one. */
			for (n = 0; n < dsn->ncircuits && unk == NULL; n++)
				unk = design_unknown(dsn,
				    dsn->circuits[n].peering.node, "peer_asn");
			note(r, HD901, f, rt->index, "asPath",
			    "%s learned %s with AS path %s from a peer AS no "
			    "circuit of the design has%s%s%s",
			    dsn->er_gateway.name,
			    prefix_format(&rt->network, t, 1),
			    *rt->as_path ? rt->as_path : "(empty)",
			    unk ? " (the design gives " : "", unk ? unk : "",
			    unk ? ", which may be it)" : "");
			continue;
		}
		for (n = 0; n < r->m.nfacts; n++)
			if (r->m.facts[n].kind == DX_ER_ROUTE &&
			    prefix_cmp(&r->m.facts[n].pfx, &rt->network) == 0)
				break;
		if (n < r->m.nfacts) {
			note(r, HD903, f, rt->index, "asPath",
			    "%s learned %s with AS path %s; the design's "
			    "prepends give %s", dsn->er_gateway.name,
			    prefix_format(&rt->network, t, 1), rt->as_path,
			    r->m.facts[n].as_path);
			continue;
		}
		for (n = 0; n < r->m.nfacts; n++)
			if (r->m.facts[n].kind == DX_ER_ROUTE &&
			    prefix_contains(&r->m.facts[n].pfx, &rt->network))
				break;
		if (n < r->m.nfacts || inside_design(dsn, &rt->network))
			note(r, HD902, f, rt->index, "network",
			    "%s learned %s over ExpressRoute, more specific "
			    "than the design advertises", dsn->er_gateway.name,
			    prefix_format(&rt->network, t, 1));
		else
			note(r, HD904, f, rt->index, "network",
			    "%s learned %s over ExpressRoute, a prefix no site "
			    "of the design advertises there",
			    dsn->er_gateway.name,
			    prefix_format(&rt->network, t, 1));
	}
	/* A gateway that reports nothing may have failed: its routes
	   are not compared one by one. */
	for (fi = 0; fi < r->m.nfacts; fi++)
		if (r->m.facts[fi].kind == DX_ER_ROUTE)
			r->obs[fi] = f->entries > 0 ? (int)r->peers[fi].n : -1;
	r->obs[fact_find(r, DX_GATEWAY_UP, DX_GW_ER, -1, NULL, NULL, NULL)] =
	    f->nroutes > 0 || f->entries > 0;
}

static long
vpn_unit(const struct dx_run *r, int has_local, const struct prefix *local)
{
	if (!r->m.vpn_keyed)
		return -1;
	return has_local ? instance_of(r->a->dsn, local) : -2;
}

static void
observe_vpn(struct dx_run *r, struct dx_file *f)
{
	const struct design *dsn = r->a->dsn;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];
	size_t		 i, fi, site, n;
	long		 k;
	int		 reported[2] = { 0, 0 };

	/* Route facts start at 0: absent unless seen. */
	for (fi = 0; fi < r->m.nfacts; fi++)
		if (r->m.facts[fi].kind == DX_VPN_ROUTE)
			r->obs[fi] = 0;
	for (i = 0; i < f->nroutes; i++) {
		const struct dx_route *rt = &f->routes[i];
		const struct vpn_device *dev;
		char	*want;

		k = vpn_unit(r, rt->has_local, &rt->local);
		if (k == -2 || (r->m.vpn_keyed && k < 0)) {
			note(r, HD906, f, rt->index,
			    "localAddress", "%s reports %s on local address "
			    "%s, which is neither instance's BGP address in "
			    "the design", dsn->vpn_gateway.name,
			    prefix_format(&rt->network, t, 1), rt->has_local ?
			    prefix_format(&rt->local, u, 0) : "(none)");
			continue;
		}
		if (k >= 0)
			reported[k] = 1;
		else
			reported[0] = 1;
		if (rt->origin == DX_OR_IBGP) {
			f->ibgp++;
			continue;
		}
		if (rt->origin == DX_OR_OTHER) {
			f->other++;
			continue;
		}
		if (rt->origin == DX_OR_NETWORK) {
			if (!configured_prefix(dsn, DX_GW_VPN, &rt->network))
				note(r, HD905, f, rt->index,
				    "network", "%s holds %s as configured "
				    "(origin Network), but neither the VNet, its "
				    "spokes, a static site nor a BGP peer address "
				    "of the design is that prefix",
				    dsn->vpn_gateway.name,
				    prefix_format(&rt->network, t, 1));
			continue;
		}
		if ((dev = device_of(dsn, &rt->peer, &site)) == NULL) {
			note(r, HD901, f, rt->index, "sourcePeer",
			    "%s learned %s from %s, a BGP peer the design does "
			    "not know", dsn->vpn_gateway.name,
			    prefix_format(&rt->network, t, 1),
			    prefix_format(&rt->peer, u, 0));
			continue;
		}
		fi = fact_find(r, DX_VPN_ROUTE, DX_GW_VPN, k, dev,
		    &rt->network, NULL);
		if (fi == (size_t)-1) {
			int	 inside = 0;

			for (n = 0; n < dev->nadvertise; n++)
				if (prefix_contains(&dev->advertise[n],
				    &rt->network))
					inside = 1;
			if (inside || inside_design(dsn, &rt->network))
				note(r, HD902, f, rt->index,
				    "network", "%s learned %s from %s/%s, more "
				    "specific than the design advertises",
				    dsn->vpn_gateway.name,
				    prefix_format(&rt->network, t, 1),
				    dsn->sites[site].name, dev->name);
			else
				note(r, HD904, f, rt->index,
				    "network", "%s learned %s from %s/%s, a "
				    "prefix the design does not advertise there",
				    dsn->vpn_gateway.name,
				    prefix_format(&rt->network, t, 1),
				    dsn->sites[site].name, dev->name);
			continue;
		}
		r->obs[fi] = 1;
		want = r->m.facts[fi].as_path;
		if (strcmp(want, rt->as_path) != 0)
			note(r, HD903, f, rt->index, "asPath",
			    "%s learned %s from %s/%s with AS path %s; the "
			    "design's ASN and prepends give %s",
			    dsn->vpn_gateway.name,
			    prefix_format(&rt->network, t, 1),
			    dsn->sites[site].name, dev->name,
			    *rt->as_path ? rt->as_path : "(empty)", want);
	}
	for (fi = 0; fi < r->m.nfacts; fi++) {
		const struct dx_fact *fa = &r->m.facts[fi];
		long	 unit = fa->instance < 0 ? 0 : fa->instance;

		if (fa->gw != DX_GW_VPN)
			continue;
		if (fa->kind == DX_GATEWAY_UP)
			r->obs[fi] = reported[unit];
		else if (fa->kind == DX_VPN_ROUTE && !reported[unit])
			r->obs[fi] = -1;	/* nothing to compare with */
	}
}

static void
observe_peers(struct dx_run *r, struct dx_file *f)
{
	const struct design *dsn = r->a->dsn;
	char		 t[PREFIX_STRLEN];
	size_t		 i, fi, site;
	long		 k;

	for (fi = 0; fi < r->m.nfacts; fi++)
		if (r->m.facts[fi].kind == DX_BGP_PEER)
			r->obs[fi] = 0;
	for (i = 0; i < f->npeers; i++) {
		const struct dx_peer *p = &f->peers[i];
		const struct vpn_device *dev;
		const struct subnet *gs = design_gateway_subnet(dsn);

		/* The other instance, a Route Server or the ExpressRoute
		   gateway: internal sessions, not the design's peers. */
		if (gs != NULL && prefix_contains(&gs->prefix, &p->neighbor)) {
			f->ibgp++;
			continue;
		}
		if ((dev = device_of(dsn, &p->neighbor, &site)) == NULL) {
			note(r, HD901, f, p->index, "neighbor",
			    "%s has a BGP session with %s (%s), a peer the "
			    "design does not know", dsn->vpn_gateway.name,
			    prefix_format(&p->neighbor, t, 0), p->connected ?
			    "Connected" : "not Connected");
			continue;
		}
		k = vpn_unit(r, p->has_local, &p->local);
		if (k == -2 || (r->m.vpn_keyed && k < 0)) {
			note(r, HD906, f, p->index,
			    "localAddress", "%s lists its session with %s/%s "
			    "on a local address that is neither instance's "
			    "BGP address in the design", dsn->vpn_gateway.name,
			    dsn->sites[site].name, dev->name);
			continue;
		}
		fi = fact_find(r, DX_BGP_PEER, DX_GW_VPN, k, dev, NULL, NULL);
		if (fi != (size_t)-1 && p->connected)
			r->obs[fi] = 1;
	}
}

/* ------------------------------------------------------------------ */
/* Ranking */

static size_t
contradictions(const struct dx_run *r, const struct sim_scenario *sc)
{
	size_t	 f, n = 0;

	for (f = 0; f < r->m.nfacts; f++)
		if (r->obs[f] >= 0 && dx_expect(&r->m, sc, f) != r->obs[f])
			n++;
	return n;
}

static const struct dx_run *rank_run;

static int
rank_cmp(const void *va, const void *vb)
{
	size_t	 a = *(const size_t *)va, b = *(const size_t *)vb;
	const struct sim *s = rank_run->a->sim;

	if (rank_run->contra[a] != rank_run->contra[b])
		return rank_run->contra[a] < rank_run->contra[b] ? -1 : 1;
	if (s->scenarios[a].nfailed != s->scenarios[b].nfailed)
		return s->scenarios[a].nfailed < s->scenarios[b].nfailed ?
		    -1 : 1;
	return a < b ? -1 : a > b;
}

/* Same expectation on every fact compared: the captures cannot tell. */
int
dx_indistinguishable(const struct dx_run *r, const struct sim_scenario *a,
    const struct sim_scenario *b)
{
	size_t	 f;

	for (f = 0; f < r->m.nfacts; f++)
		if (r->obs[f] >= 0 && dx_expect(&r->m, a, f) !=
		    dx_expect(&r->m, b, f))
			return 0;
	return 1;
}

/*
 * Compares the captures read into r->files with the model: the
 * observations of each file (learned routes first: BGP status is read
 * after them), then each scenario's contradictions and the ranking.
 */
void
dx_compare(struct dx_run *r)
{
	const struct analysis *a = r->a;
	size_t		 i;

	r->obs = xcalloc(r->m.nfacts + 1, sizeof(int));
	r->peers = xcalloc(r->m.nfacts + 1, sizeof(*r->peers));
	for (i = 0; i < r->m.nfacts; i++)
		r->obs[i] = -1;
	/* Learned routes first: BGP status is read after them. */
	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].in->kind == DX_LEARNED) {
			if (r->files[i].gw == DX_GW_ER)
				observe_er(r, &r->files[i]);
			else
				observe_vpn(r, &r->files[i]);
		}
	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].in->kind == DX_BGP_PEERS)
			observe_peers(r, &r->files[i]);

	r->contra = xcalloc(a->sim->nscenarios + 1, sizeof(size_t));
	r->order = xcalloc(a->sim->nscenarios + 1, sizeof(size_t));
	for (i = 0; i < a->sim->nscenarios; i++) {
		r->contra[i] = contradictions(r, &a->sim->scenarios[i]);
		r->order[i] = i;
	}
	rank_run = r;
	qsort(r->order, a->sim->nscenarios, sizeof(size_t), rank_cmp);
	rank_run = NULL;
}

/*
 * The view stage: from the analysis (design, findings, simulation) to
 * the value tree the runbook templates read.  This is where facts are
 * derived for people: SKU limits, which path is primary and which is
 * backup, the comparison of ExpressRoute and the VPN in this design's
 * own numbers, and each failover test with its commands filled in with
 * this design's resource names and its expected observation taken from
 * the simulation.  Templates place these values and compute nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/catalog.h"
#include "hybridoc/design.h"
#include "hybridoc/findings.h"
#include "hybridoc/markdown.h"
#include "hybridoc/prefix.h"
#include "hybridoc/procedure.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/version.h"
#include "hybridoc/view.h"
#include "hybridoc/words.h"
#include "hybridoc/xalloc.h"

#define PFX(p, b)	prefix_format((p), (b), 1)
#define ADDR(p, b)	prefix_format((p), (b), 0)
/* The same, or the placeholder when the design gives it as unknown. */
#define UPFX(o, k, p, b)	design_addr(dsn, (o), (k), (p), 1, (b))
#define UADDR(o, k, p, b)	design_addr(dsn, (o), (k), (p), 0, (b))
#define UINT(m, name, o, k, v) do {					\
	if (design_unknown(dsn, (o), (k)) != NULL)			\
		value_map_str((m), (name), design_unknown(dsn, (o), (k)));	\
	else								\
		value_map_int((m), (name), (v));			\
} while (0)

/* ---- small builders ---- */

static struct value *
put_fmt(struct value *map, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static struct value *
put_fmt(struct value *map, const char *key, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return value_map_put(map, key, value_new_str_owned(buf_detach(&b,
	    NULL)));
}

static void
push_str(struct value *list, const char *s)
{
	value_list_push(list, value_new_str(s));
}

static struct value *
put_prefixes(struct value *map, const char *key, const struct prefix *p,
    size_t n)
{
	struct buf	 b = BUF_INIT;

	words_prefixes(&b, p, n, ", ");
	return value_map_put(map, key, value_new_str_owned(buf_detach(&b,
	    NULL)));
}

static void
put_mbps(struct value *map, const char *key, long mbps)
{
	struct buf	 b = BUF_INIT;

	words_mbps(&b, mbps);
	value_map_put(map, key, value_new_str_owned(buf_detach(&b, NULL)));
}

/* ---- sections ---- */

static void
view_meta(const struct analysis *a, struct value *v)
{
	const struct design *dsn = a->dsn;
	struct value	*l;
	size_t		 i;
	const char	*epoch = getenv("SOURCE_DATE_EPOCH");

	value_map_str(v, "name", dsn->name);
	value_map_str(v, "title", dsn->title ? dsn->title : dsn->name);
	if (dsn->description)
		value_map_str(v, "description", dsn->description);
	value_map_str(v, "owner", dsn->owner ? dsn->owner : "");
	value_map_str(v, "file", dsn->file);
	value_map_str(v, "hash", dsn->hash);
	value_map_str(v, "version", HYBRIDOC_VERSION);
	value_map_str(v, "region", dsn->region);
	/* no "subscription ," when the design names none */
	if (dsn->subscription != NULL && dsn->subscription[0] != '\0')
		value_map_str(v, "subscription", dsn->subscription);
	value_map_str(v, "resource_group", dsn->resource_group);
	if (epoch != NULL && *epoch) {
		char	*end;
		long long e = strtoll(epoch, &end, 10);

		if (*end == '\0' && e >= 0) {
			long long days = e / 86400, y, m, dd, z, era, doe, yoe,
			    doy, mp;

			/* civil_from_days (Howard Hinnant's algorithm) */
			z = days + 719468;
			era = z / 146097;
			doe = z - era * 146097;
			yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) /
			    365;
			y = yoe + era * 400;
			doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
			mp = (5 * doy + 2) / 153;
			dd = doy - (153 * mp + 2) / 5 + 1;
			m = mp < 10 ? mp + 3 : mp - 9;
			y += m <= 2;
			put_fmt(v, "date", "%04lld-%02lld-%02lld", y, m, dd);
		}
	}
	l = value_map_list(v, "approvers");
	for (i = 0; i < dsn->napprovers; i++)
		push_str(l, dsn->approvers[i]);
}

static void
view_components(const struct analysis *a, struct value *v)
{
	const struct design *dsn = a->dsn;
	struct value	*m, *l, *e, *ll;
	char		 t[PREFIX_STRLEN];
	size_t		 i, j, ntun = 0;

	m = value_map_put(v, "vnet", value_new_map());
	value_map_str(m, "name", dsn->vnet.name);
	put_prefixes(m, "address_space", dsn->vnet.address_space,
	    dsn->vnet.naddress_space);
	l = value_map_list(m, "subnets");
	for (i = 0; i < dsn->vnet.nsubnets; i++) {
		e = value_list_map(l);
		value_map_str(e, "name", dsn->vnet.subnets[i].name);
		value_map_str(e, "prefix", PFX(&dsn->vnet.subnets[i].prefix,
		    t));
		value_map_bool(e, "gateway", strcmp(dsn->vnet.subnets[i].name,
		    "GatewaySubnet") == 0);
	}
	l = value_map_list(v, "spokes");
	for (i = 0; i < dsn->nspokes; i++) {
		e = value_list_map(l);
		value_map_str(e, "name", dsn->spokes[i].name);
		put_prefixes(e, "address_space", dsn->spokes[i].address_space,
		    dsn->spokes[i].naddress_space);
	}
	if (dsn->er_gateway.node) {
		const struct er_gateway *g = &dsn->er_gateway;

		m = value_map_put(v, "er_gateway", value_new_map());
		value_map_str(m, "name", g->name);
		value_map_str(m, "sku", er_sku_name(g->sku));
		if (g->sku == ER_SKU_ERGWSCALE)
			put_fmt(m, "scale", "%ld scale units", g->scale_units);
		put_mbps(m, "throughput", er_sku_mbps(g));
		value_map_str(m, "source", er_sku_source_key(g->sku));
		value_map_int(m, "routes", er_sku_routes(g));
		value_map_int(m, "max_circuits", er_sku_max_circuits(g));
		value_map_str(m, "fastpath", er_sku_fastpath(g) ?
		    (g->fastpath ? "available, on" : "available, off") :
		    "not available on this SKU");
		value_map_str(m, "zones", er_sku_zone_redundant(g->sku) ?
		    "zone-redundant" : "not zone-redundant");
	}
	for (i = 0; i < dsn->nsites; i++)
		ntun += dsn->sites[i].ndevices * design_tunnels_per_device(dsn);
	if (dsn->vpn_gateway.node) {
		const struct vpn_gateway *g = &dsn->vpn_gateway;

		m = value_map_put(v, "vpn_gateway", value_new_map());
		value_map_str(m, "name", g->name);
		value_map_str(m, "sku", vpn_sku_name(g->sku));
		value_map_int(m, "generation", g->generation);
		value_map_str(m, "vpn_type", g->vpn_type == VPN_ROUTE_BASED ?
		    "RouteBased" : "PolicyBased");
		put_mbps(m, "throughput", vpn_sku_mbps(g->sku, g->generation));
		value_map_str(m, "source", vpn_sku_source_key(g->sku));
		value_map_int(m, "tunnel_limit", vpn_sku_tunnels(g->sku));
		value_map_int(m, "tunnels", (long long)ntun);
		value_map_int(m, "asn", g->asn);
		value_map_str(m, "mode", g->active_active ? "active-active" :
		    "active-standby");
		value_map_str(m, "zones", vpn_sku_zone_redundant(g->sku) ?
		    "zone-redundant" : "not zone-redundant");
		l = value_map_list(m, "instances");
		for (j = 0; j < g->ninstances; j++) {
			e = value_list_map(l);
			put_fmt(e, "index", "IN_%zu", j);
			value_map_str(e, "public_ip", UADDR(g->instances[j].node,
			    "public_ip", &g->instances[j].public_ip, t));
			value_map_str(e, "bgp_ip", g->instances[j].has_bgp_ip ?
			    ADDR(&g->instances[j].bgp_ip, t) :
			    design_unknown(dsn, g->instances[j].node, "bgp_ip") ?
			    design_unknown(dsn, g->instances[j].node, "bgp_ip") :
			    "—");
			value_map_str(e, "apipa",
			    g->instances[j].has_apipa_bgp_ip ?
			    ADDR(&g->instances[j].apipa_bgp_ip, t) : "—");
		}
	}
	l = value_map_list(v, "circuits");
	for (i = 0; i < dsn->ncircuits; i++) {
		const struct circuit *c = &dsn->circuits[i];

		e = value_list_map(l);
		value_map_str(e, "name", c->name);
		value_map_str(e, "provider", c->provider);
		value_map_str(e, "location", c->peering_location);
		if (design_unknown(dsn, c->node, "bandwidth_mbps"))
			value_map_str(e, "bandwidth", design_unknown(dsn,
			    c->node, "bandwidth_mbps"));
		else
			put_mbps(e, "bandwidth", c->bandwidth_mbps);
		value_map_str(e, "sku", circuit_sku_name(c->sku));
		value_map_int(e, "routing_weight", c->routing_weight);
		/* Numbers, or the placeholder string when unknown. */
		UINT(e, "peer_asn", c->peering.node, "peer_asn",
		    c->peering.peer_asn);
		UINT(e, "vlan", c->peering.node, "vlan_id",
		    c->peering.vlan_id);
		value_map_str(e, "primary", UPFX(c->peering.node,
		    "primary_subnet", &c->peering.primary_subnet, t));
		value_map_str(e, "secondary", UPFX(c->peering.node,
		    "secondary_subnet", &c->peering.secondary_subnet, t));
		value_map_str(e, "bfd", c->peering.bfd ? "on" : "off");
	}
	l = value_map_list(v, "sites");
	for (i = 0; i < dsn->nsites; i++) {
		const struct site *s = &dsn->sites[i];

		e = value_list_map(l);
		value_map_str(e, "name", s->name);
		value_map_str(e, "location", s->location ? s->location : "");
		put_prefixes(e, "prefixes", s->address_prefixes,
		    s->naddress_prefixes);
		value_map_str(e, "connectivity", s->ner && s->ndevices ?
		    "ExpressRoute, VPN backup" : s->ner ? "ExpressRoute only" :
		    "VPN only");
		ll = value_map_list(e, "er");
		for (j = 0; j < s->ner; j++) {
			struct value *x = value_list_map(ll);

			value_map_str(x, "circuit", s->er[j].circuit_name);
			put_prefixes(x, "advertise", s->er[j].advertise,
			    s->er[j].nadvertise);
			if (s->er[j].has_local_preference)
				value_map_int(x, "local_preference",
				    s->er[j].local_preference);
			else
				value_map_str(x, "local_preference", "not set");
			value_map_int(x, "prepend", s->er[j].as_path_prepend);
		}
		ll = value_map_list(e, "devices");
		for (j = 0; j < s->ndevices; j++) {
			const struct vpn_device *d = &s->devices[j];
			struct value *x = value_list_map(ll);

			value_map_str(x, "name", d->name);
			put_fmt(x, "device", "%s%s%s", d->vendor ? d->vendor :
			    "", d->vendor && d->model ? " " : "",
			    d->model ? d->model : "");
			value_map_str(x, "public_ip", UADDR(d->node,
			    "public_ip", &d->public_ip, t));
			if (d->has_bgp) {
				const struct value *bn = value_map_get(d->node,
				    "bgp");
				char	 an[PREFIX_STRLEN];

				put_fmt(x, "routing", "BGP AS %s, peer %s",
				    design_num(dsn, bn, "asn", d->bgp_asn, an),
				    UADDR(bn, "peer_ip", &d->bgp_peer_ip, t));
			}
			else
				value_map_str(x, "routing", "static");
			put_prefixes(x, "advertise", d->advertise,
			    d->nadvertise);
			value_map_int(x, "prepend", d->as_path_prepend);
			/* A default is Azure's, not the design's (VPNDPD). */
			put_fmt(x, "ike", "IKEv%ld, DPD %ld s%s", d->ike.version,
			    d->ike.dpd_timeout_s, d->ike.has_dpd_timeout_s ? "" :
			    " (not set: Azure's default, VPNDPD)");
			if (d->has_local_preference)
				value_map_int(x, "local_preference",
				    d->local_preference);
			else
				value_map_str(x, "local_preference", "not set");
			value_map_int(x, "tunnels",
			    (long long)design_tunnels_per_device(dsn));
			value_map_str(x, "connection", d->connection);
		}
	}
}

static const struct sim_scenario *
first_scenario_of(const struct sim *s, enum sim_elem_kind kind)
{
	size_t	 i;

	for (i = 1; i < s->nscenarios; i++)
		if (s->scenarios[i].nfailed == 1 &&
		    s->elems[s->scenarios[i].failed[0]].kind == kind)
			return &s->scenarios[i];
	return NULL;
}

static void
view_comparison(const struct analysis *a, struct value *v)
{
	const struct design *dsn = a->dsn;
	struct value	*rows = value_map_list(v, "comparison"), *r;
	struct buf	 er = BUF_INIT, vpn = BUF_INIT;
	size_t		 i, j, nbgp = 0, nstatic = 0, nboth = 0, nvpnonly = 0,
			 nbfd = 0, ike1 = 0;
	long		 total = 0, dpd = 0;
	int		 dpd_default = 0;
	const char	*total_unknown = NULL;
	char		 t[PREFIX_STRLEN];

	for (i = 0; i < dsn->ncircuits; i++) {
		total += dsn->circuits[i].bandwidth_mbps;
		nbfd += dsn->circuits[i].peering.bfd != 0;
		if (total_unknown == NULL)
			total_unknown = design_unknown(dsn,
			    dsn->circuits[i].node, "bandwidth_mbps");
	}
	for (i = 0; i < dsn->nsites; i++) {
		const struct site *s = &dsn->sites[i];

		nboth += s->ner && s->ndevices;
		nvpnonly += !s->ner && s->ndevices;
		for (j = 0; j < s->ndevices; j++) {
			nbgp += s->devices[j].has_bgp != 0;
			nstatic += s->devices[j].is_static != 0;
			ike1 += s->devices[j].ike.version == 1;
			if (s->devices[j].ike.dpd_timeout_s > dpd)
				dpd = s->devices[j].ike.dpd_timeout_s;
			dpd_default = dpd_default ||
			    !s->devices[j].ike.has_dpd_timeout_s;
		}
	}

#define ROW(aspect) do { \
	r = value_list_map(rows); \
	value_map_str(r, "aspect", aspect); \
	value_map_str(r, "er", dsn->er_gateway.node ? buf_cstr(&er) : "—"); \
	value_map_str(r, "vpn", dsn->vpn_gateway.node ? buf_cstr(&vpn) : "—"); \
	buf_truncate(&er, 0); buf_truncate(&vpn, 0); \
} while (0)

	buf_puts(&er, "Private circuit");
	for (i = 0; i < dsn->ncircuits; i++)
		buf_printf(&er, "%s%s at %s", i ? "; " : " through ",
		    dsn->circuits[i].provider,
		    dsn->circuits[i].peering_location);
	buf_puts(&vpn, "IPsec over the Internet to");
	for (i = 0; i < dsn->vpn_gateway.ninstances; i++)
		buf_printf(&vpn, "%s%s", i ? " and " : " ",
		    UADDR(dsn->vpn_gateway.instances[i].node, "public_ip",
		    &dsn->vpn_gateway.instances[i].public_ip, t));
	ROW("Connectivity");

	if (total_unknown != NULL)
		buf_puts(&er, total_unknown);
	else
		words_mbps(&er, total);
	buf_printf(&er, " in %zu circuit%s", dsn->ncircuits,
	    dsn->ncircuits == 1 ? "" : "s");
	if (dsn->er_gateway.node) {
		buf_puts(&er, ", gateway ");
		words_mbps(&er, er_sku_mbps(&dsn->er_gateway));
		buf_printf(&er, " (%s)",
		    er_sku_source_key(dsn->er_gateway.sku));
	}
	if (dsn->vpn_gateway.node) {
		words_mbps(&vpn, vpn_sku_mbps(dsn->vpn_gateway.sku,
		    dsn->vpn_gateway.generation));
		buf_printf(&vpn, " aggregate (%s generation %ld, %s), shared "
		    "by every tunnel", vpn_sku_name(dsn->vpn_gateway.sku),
		    dsn->vpn_gateway.generation,
		    vpn_sku_source_key(dsn->vpn_gateway.sku));
	}
	ROW("Bandwidth");

	buf_puts(&er, "None on the circuit itself (private, not "
	    "encrypted); add IPsec over it or MACsec on ExpressRoute Direct "
	    "where policy needs it");
	buf_printf(&vpn, "IPsec, %s", ike1 ? "IKEv1 on some connections, "
	    "IKEv2 on the rest" : "IKEv2");
	ROW("Encryption");

	buf_puts(&er, "BGP with Microsoft (AS 12076), peer AS");
	/* each ASN once: two circuits to one edge share it */
	for (i = j = 0; i < dsn->ncircuits; i++) {
		const struct value *pi = dsn->circuits[i].peering.node;
		size_t	 k;

		for (k = 0; k < i; k++)
			if (design_unknown(dsn, pi, "peer_asn") == NULL &&
			    design_unknown(dsn,
			    dsn->circuits[k].peering.node, "peer_asn") ==
			    NULL && dsn->circuits[k].peering.peer_asn ==
			    dsn->circuits[i].peering.peer_asn)
				break;
		if (k < i)
			continue;
		buf_printf(&er, "%s%s", j++ ? ", " : " ", design_num(dsn, pi,
		    "peer_asn", dsn->circuits[i].peering.peer_asn, t));
	}
	if (nbgp > 0) {
		words_count(&vpn, nbgp, "BGP device", "BGP devices");
		buf_printf(&vpn, " with the gateway (AS %ld)",
		    dsn->vpn_gateway.asn);
	}
	if (nstatic > 0) {
		buf_puts(&vpn, nbgp ? ", " : "");
		words_count(&vpn, nstatic, "device", "devices");
		buf_puts(&vpn, " with static routes");
	}
	if (nbgp == 0 && nstatic == 0)
		buf_puts(&vpn, "No VPN device in this design");
	ROW("Routing");

	if (dsn->route_server.enabled && dsn->route_server.branch_to_branch &&
	    dsn->route_server.routing_preference == RS_PREF_VPNGATEWAY)
		buf_puts(&er, "Backup path: Route Server's routing preference "
		    "(VpnGateway) makes Azure prefer the VPN for equal "
		    "prefixes");
	else if (dsn->route_server.enabled &&
	    dsn->route_server.branch_to_branch &&
	    dsn->route_server.routing_preference == RS_PREF_ASPATH)
		buf_puts(&er, "Route Server's routing preference (ASPath): "
		    "the shorter AS path wins for equal prefixes, ExpressRoute "
		    "counting 12076 as one AS more");
	else
		buf_puts(&er, "Primary path: Azure prefers it for equal "
		    "prefixes");
	if (nboth > 0) {
		buf_printf(&vpn, "%s for ", dsn->route_server.enabled &&
		    dsn->route_server.branch_to_branch &&
		    dsn->route_server.routing_preference ==
		    RS_PREF_VPNGATEWAY ? "Primary path" : "Backup");
		words_count(&vpn, nboth, "site", "sites");
		buf_puts(&vpn, " with ExpressRoute");
	}
	if (nvpnonly > 0) {
		buf_puts(&vpn, nboth ? "; the only path for " :
		    "The only path for ");
		words_count(&vpn, nvpnonly, "site", "sites");
	}
	if (nboth == 0 && nvpnonly == 0)
		buf_puts(&vpn, "No site uses it");
	ROW("Role");

	if (dsn->ncircuits && nbfd == dsn->ncircuits)
		buf_puts(&er, "Link failure: 0.9 s (BFD, 300 ms x 3, on every "
		    "circuit; ERBFD)");
	else if (nbfd)
		buf_printf(&er, "Link failure: 0.9 s with BFD (%zu of %zu "
		    "circuits), up to 180 s (BGP hold time) without; ERBFD", nbfd,
		    dsn->ncircuits);
	else
		buf_puts(&er, "Link failure: up to 180 s (BGP hold time; BFD "
		    "off; ERBFD)");
	buf_puts(&er, "; a peering disabled by hand withdraws its routes at "
	    "once (Microsoft measured under 10 s end to end, S2SBK)");
	buf_printf(&vpn, "Tunnel loss: DPD, up to %ld s (%s; BGP hold 180 s, "
	    "VPNBGPTS); ", dpd ? dpd : 45, dpd_default ? "Azure's default "
	    "45 s where a device sets none, VPNDPD" : "the timeouts the "
	    "design sets");
	if (dsn->vpn_gateway.active_active)
		buf_puts(&vpn, "active-active: a lost instance's tunnels drop "
		    "and the other instance's keep carrying traffic (no "
		    "failover time documented)");
	else
		buf_puts(&vpn, "active-standby instance failover 10-15 s "
		    "planned, 1-3 min unplanned (VPNHA)");
	if (nstatic)
		buf_puts(&vpn, "; a static site's routes are never withdrawn: "
		    "when its tunnels drop, traffic to it is dropped");
	ROW("Failure detection");

	{
		const struct sim_scenario *sc = first_scenario_of(a->sim,
		    SIM_EL_CIRCUIT);
		long	 worst = -1;

		if (dsn->er_gateway.node) {
			buf_puts(&er, "Remaining circuits after one fails: ");
			if (total_unknown != NULL)
				buf_puts(&er,
				    total_unknown);
			else if (dsn->ncircuits > 1) {
				long	 best = 0;

				for (i = 0; i < dsn->ncircuits; i++) {
					long	 rest = total -
					    dsn->circuits[i].bandwidth_mbps;

					if (i == 0 || rest < best)
						best = rest;
				}
				words_mbps(&er, best);
				buf_puts(&er, " at worst");
			} else
				buf_puts(&er, "none (one circuit)");
		}
		if (sc != NULL) {
			for (i = 0; i < a->sim->natoms; i++) {
				const struct sim_route *r0 = sim_route_at(
				    a->sim, &a->sim->scenarios[0], i);
				const struct sim_route *r1 = sim_route_at(
				    a->sim, sc, i);

				if (r0->path == SIM_EXPRESSROUTE &&
				    r1->path == SIM_VPN &&
				    (worst < 0 || r1->capacity_mbps < worst))
					worst = r1->capacity_mbps;
			}
		}
		if (worst >= 0) {
			buf_puts(&vpn, "Carries ExpressRoute traffic when a "
			    "circuit fails: ");
			words_mbps(&vpn, worst);
			buf_printf(&vpn, " gateway aggregate (a benchmark, %s), "
			    "shared with every other tunnel; ", vpn_sku_source_key(
			    dsn->vpn_gateway.sku));
			if (dsn->ntraffic == 0)
				buf_puts(&vpn, "no traffic declared, so whether "
				    "it is enough is not checked");
			else
				buf_puts(&vpn, "declared peaks are checked "
				    "against it in every scenario (HD605)");
		} else
			buf_puts(&vpn, "Not a backup for ExpressRoute in this "
			    "design");
	}
	ROW("Backup capacity");
#undef ROW
	buf_release(&er);
	buf_release(&vpn);
}

/*
 * A route's capacity as a table cell: "—" when unreachable, the
 * placeholder of an unknown bandwidth it depends on, else Mbps.
 */
static void
put_capacity(struct value *e, int unreachable, const char *unknown,
    long mbps, int estimate)
{
	struct buf	 b = BUF_INIT;

	if (unreachable)
		value_map_str(e, "capacity", "—");
	else if (unknown != NULL)
		value_map_str(e, "capacity", unknown);
	else {
		words_mbps(&b, mbps);
		if (estimate)
			buf_puts(&b, " (" SIM_CAPACITY_ESTIMATE ")");
		value_map_put(e, "capacity", value_new_str_owned(buf_detach(&b,
		    NULL)));
	}
	buf_release(&b);
}

/*
 * A detection time with what it rests on, the same words as the
 * procedures' expectations (sim_detect_basis): "45 s (the DPD timeout
 * the design sets)", or "—".
 */
static void
put_detect(struct buf *b, double s, enum sim_detect by)
{
	words_detect(b, s);
	if (s > 0)
		buf_printf(b, " (%s)", sim_detect_basis(by));
}

static void
route_row(const struct sim *s, const struct sim_route *r, struct value *e,
    int with_detect)
{
	char	 t[PREFIX_STRLEN];
	struct buf b = BUF_INIT;

	value_map_str(e, "prefix", PFX(&r->atom, t));
	value_map_str(e, "site", r->site ? r->site->name : "—");
	value_map_str(e, "path", sim_path_name(r->path));
	value_map_bool(e, "unreachable", r->path == SIM_NONE);
	value_map_str(e, "via", r->dropped ? "dropped: static route stays" :
	    r->via && *r->via ? r->via : "—");
	put_capacity(e, r->path == SIM_NONE, r->capacity_unknown,
	    r->capacity_mbps, r->capacity_estimate);
	if (with_detect) {
		put_detect(&b, r->detect_s, r->detect_by);
		value_map_put(e, "detect", value_new_str_owned(buf_detach(&b,
		    NULL)));
	}
	(void)s;
}

static void
view_routing(const struct analysis *a, struct value *v)
{
	const struct sim *s = a->sim;
	const struct sim_scenario *b = &s->scenarios[0];
	struct value	*l = value_map_list(v, "routing"), *e;
	const struct sim_route *r;
	const struct sim_return *ret;
	struct buf	 n = BUF_INIT;
	size_t		 i, k;

	for (i = 0; i < s->natoms; i++) {
		r = sim_route_at(s, b, i);
		e = value_list_map(l);
		route_row(s, r, e, 0);
		value_map_str(e, "backup", sim_path_name(r->backup));
		value_map_str(e, "backup_via", r->backup_via &&
		    *r->backup_via ? r->backup_via : "—");
		ret = NULL;
		if (r->site)
			for (k = 0; k < a->dsn->nsites; k++)
				if (&a->dsn->sites[k] == r->site)
					ret = sim_return_at(s, b, k);
		value_map_str(e, "return", ret ? sim_return_name(ret) : "—");
		buf_truncate(&n, 0);
		if (r->path == SIM_NONE)
			buf_puts(&n, "Unreachable from Azure.");
		else if (r->backup == SIM_NONE)
			buf_puts(&n, "No backup path.");
		if (ret && ret->undetermined)
			buf_puts(&n, n.len ? " " : "");
		if (ret && ret->undetermined)
			buf_puts(&n, "Return path undetermined: set local "
			    "preference.");
		else if (ret && r->path != SIM_NONE &&
		    ret->path != r->path)
			buf_printf(&n, "%sAsymmetric: returns over %s.",
			    n.len ? " " : "", sim_path_name(ret->path));
		value_map_str(e, "notes", n.len ? buf_cstr(&n) : "");
	}
	buf_release(&n);
}

static void
view_findings(const struct analysis *a, struct value *v)
{
	const struct findings *f = &a->findings;
	struct value	*m = value_map_put(v, "findings", value_new_map());
	struct value	*l = value_map_list(m, "items"), *sl, *e;
	struct buf	 b = BUF_INIT;
	size_t		 i, j, k, nsup = 0;

	value_map_int(m, "errors", (long long)findings_count(f, DIAG_ERROR));
	value_map_int(m, "warnings", (long long)findings_count(f,
	    DIAG_WARNING));
	value_map_int(m, "notes", (long long)findings_count(f, DIAG_NOTE));
	words_count(&b, findings_count(f, DIAG_ERROR), "error", "errors");
	value_map_str(m, "errors_text", buf_cstr(&b));
	buf_truncate(&b, 0);
	words_count(&b, findings_count(f, DIAG_WARNING), "warning",
	    "warnings");
	value_map_str(m, "warnings_text", buf_cstr(&b));
	sl = value_new_list();
	for (i = 0; i < f->n; i++) {
		const struct finding *g = &f->v[i];

		if (g->suppressed) {
			/*
			 * Accepted findings of one rule with one reason are
			 * one row (northwind accepts HD602 for 16 branches):
			 * the first of them stands for the group.
			 */
			for (j = 0; j < i; j++)
				if (f->v[j].suppressed &&
				    f->v[j].rule == g->rule &&
				    strcmp(f->v[j].reason ? f->v[j].reason :
				    "", g->reason ? g->reason : "") == 0)
					break;
			if (j < i)
				continue;
		}
		e = value_new_map();
		value_map_str(e, "id", g->rule->id);
		value_map_str(e, "severity", diag_level_str(finding_level(g)));
		value_map_int(e, "line", g->mark.line);
		value_map_str(e, "help", g->rule->help);
		if (g->suppressed) {
			size_t	 n = 1;

			value_map_str(e, "reason", g->reason ? g->reason : "");
			buf_truncate(&b, 0);
			buf_puts(&b, g->object);
			for (k = i + 1; k < f->n; k++)
				if (f->v[k].suppressed &&
				    f->v[k].rule == g->rule &&
				    strcmp(f->v[k].reason ? f->v[k].reason :
				    "", g->reason ? g->reason : "") == 0) {
					buf_printf(&b, ", %s", f->v[k].object);
					n++;
				}
			value_map_str(e, "object", buf_cstr(&b));
			if (n > 1) {
				buf_truncate(&b, 0);
				buf_printf(&b, "%zu findings alike, one per "
				    "object; the first: %s", n, g->msg);
				value_map_str(e, "message", buf_cstr(&b));
			} else
				value_map_str(e, "message", g->msg);
			value_map_int(e, "count", (long long)n);
			value_list_push(sl, e);
			nsup++;
		} else {
			value_map_str(e, "object", g->object);
			value_map_str(e, "message", g->msg);
			value_list_push(l, e);
		}
	}
	value_map_put(m, "suppressed", sl);
	value_map_bool(m, "clean", l->n == 0);
	buf_release(&b);
}

void
view_scenario_title(const struct analysis *a, const char *id,
    struct buf *out)
{
	procedure_scenario_title(a, id, out);
}

/*
 * Long material folds away: at depth 2, or with many sites or
 * scenarios, the failover matrix, the quick card and the tests are
 * grouped by the kind of element that fails, each group in a
 * <details> block (see runbook.md.mustache).
 */
#define VIEW_FOLD_SITES		8
#define VIEW_FOLD_SCENARIOS	40

enum view_group {
	VG_CIRCUITS,
	VG_GATEWAYS,
	VG_TUNNELS,
	VG_DEVICES,
	VG_SITES,
	VG_PAIRS,
	VG_N
};

static const struct {
	const char	*slug;		/* anchor part: "matrix-circuits" */
	const char	*label;
} view_groups[VG_N] = {
	{ "circuits", "ExpressRoute circuits, links and peering locations" },
	{ "gateways", "Gateways" },
	{ "tunnels", "VPN tunnels" },
	{ "devices", "VPN devices" },
	{ "sites", "Sites" },
	{ "pairs", "Two failures at once" },
};

static enum view_group
scenario_group(const struct sim *s, const struct sim_scenario *sc)
{
	if (sc->nfailed != 1)
		return VG_PAIRS;
	switch (s->elems[sc->failed[0]].kind) {
	case SIM_EL_ER_GATEWAY:
	case SIM_EL_VPN_INSTANCE:
		return VG_GATEWAYS;
	case SIM_EL_TUNNEL:
		return VG_TUNNELS;
	case SIM_EL_DEVICE:
		return VG_DEVICES;
	case SIM_EL_SITE:
		return VG_SITES;
	default:
		return VG_CIRCUITS;
	}
}

static int
view_fold(const struct analysis *a, const struct view_opts *o)
{
	return o->layout && (a->sim->depth >= 2 || a->dsn->nsites > VIEW_FOLD_SITES ||
	    a->sim->nscenarios - 1 > VIEW_FOLD_SCENARIOS);
}

/* Which test covers each scenario (by index), and its anchor. */
struct view_testmap {
	size_t		*number;	/* 0: no test */
	char		**anchor;
	size_t		 n;
};

static void
testmap_free(struct view_testmap *m)
{
	size_t	 i;

	for (i = 0; i < m->n; i++)
		free(m->anchor[i]);
	free(m->anchor);
	free(m->number);
}

/* A group's <summary> line: words and numbers only, no design text. */
static void
group_label(struct buf *b, enum view_group g, size_t n, const char *one,
    const char *many)
{
	buf_printf(b, "%s: ", view_groups[g].label);
	words_count(b, n, one, many);
}

/*
 * The failover matrix.  "scenarios" stays one flat list, which the
 * packet and diagnose read too; when folding, it is ordered by group and
 * the first and last entry of each group carry the group's marks
 * (group_start with its anchor and label, group_end), and likewise the
 * first and last entry with a table of moved routes (detail_start,
 * detail_end).  "matrix_index" lists the groups for the contents.
 */
static void
view_matrix(const struct analysis *a, const struct view_opts *o,
    const struct view_testmap *tm, struct value *v)
{
	const struct sim *s = a->sim;
	struct value	*l = value_map_list(v, "scenarios"), *e, *rows, *m,
			*idx = value_map_list(v, "matrix_index"),
			*firstd = NULL, *lastd = NULL, *prev = NULL;
	struct buf	 t = BUF_INIT;
	size_t		 i, k, changed, lost, count[VG_N], ndiff;
	int		 fold = view_fold(a, o);
	enum view_group	 g, gi;
	double		 worst;
	enum sim_detect	 worst_by = SIM_DET_NONE;

	memset(count, 0, sizeof(count));
	for (i = 1; i < s->nscenarios; i++)
		count[fold ? scenario_group(s, &s->scenarios[i]) : 0]++;
	for (g = 0; g < VG_N; g++) {
		if (count[g] == 0)
			continue;
		firstd = lastd = NULL;
		ndiff = 0;
		for (i = 1; i < s->nscenarios; i++) {
			const struct sim_scenario *sc = &s->scenarios[i];

			gi = fold ? scenario_group(s, sc) : 0;
			if (gi != g)
				continue;
			e = value_list_map(l);
			if (prev == NULL && o->layout) {
				m = value_map_put(e, "group_start",
				    value_new_map());
				put_fmt(m, "anchor", "matrix-%s",
				    view_groups[g].slug);
				buf_truncate(&t, 0);
				group_label(&t, g, count[g], "scenario",
				    "scenarios");
				value_map_str(m, "label", buf_cstr(&t));
				value_list_push(idx, value_copy(m));
			}
			prev = e;
			value_map_str(e, "id", sc->id);
			buf_truncate(&t, 0);
			view_scenario_title(a, sc->id, &t);
			value_map_str(e, "title", buf_cstr(&t));
			if (tm->number[i] > 0 && o->layout) {
				value_map_str(e, "test_anchor", tm->anchor[i]);
				value_map_int(e, "test",
				    (long long)tm->number[i]);
			}
			rows = value_map_list(e, "rows");
			changed = lost = 0;
			worst = 0;
			worst_by = SIM_DET_NONE;
			for (k = 0; k < s->natoms; k++) {
				const struct sim_route *r;

				if (!sim_route_changed(s, sc, k))
					continue;
				r = sim_route_at(s, sc, k);
				route_row(s, r, value_list_map(rows), 1);
				changed++;
				lost += r->path == SIM_NONE;
				if (r->detect_s > worst) {
					worst = r->detect_s;
					worst_by = r->detect_by;
				}
			}
			value_map_int(e, "changed", (long long)changed);
			value_map_int(e, "unreachable", (long long)lost);
			buf_truncate(&t, 0);
			put_detect(&t, worst, worst_by);
			value_map_str(e, "detect", buf_cstr(&t));
			value_map_bool(e, "differs", changed > 0);
			if (changed > 0) {
				if (firstd == NULL)
					firstd = e;
				lastd = e;
				ndiff++;
			}
		}
		if (o->layout)
			value_map_bool(prev, "group_end", 1);
		prev = NULL;
		if (firstd != NULL && o->layout) {
			m = value_map_put(firstd, "detail_start",
			    value_new_map());
			buf_truncate(&t, 0);
			buf_printf(&t, "%s: ", view_groups[g].label);
			words_count(&t, ndiff, "table of moved routes",
			    "tables of moved routes");
			value_map_str(m, "label", buf_cstr(&t));
			value_map_bool(lastd, "detail_end", 1);
		}
	}
	value_map_bool(v, "fold", fold);
	buf_release(&t);
}

/* "the VPN", "ExpressRoute over er-b", "no path": where a route went. */
static void
words_route(struct buf *b, const struct sim_route *r)
{
	if (r->path == SIM_NONE)
		buf_puts(b, "no path left");
	else if (r->path == SIM_VPN)
		buf_puts(b, "the VPN");
	else {
		buf_puts(b, "ExpressRoute");
		if (r->via && *r->via)
			buf_printf(b, " over %s", r->via);
	}
}

/*
 * Whether a moved route keeps its path: the VPN over fewer tunnels, or
 * the same circuits over one link.
 */
static int
route_stays(const struct sim_route *r, const struct sim_route *r0)
{
	if (r->path == SIM_NONE || r->path != r0->path)
		return 0;
	return r->path == SIM_VPN || (r->via != NULL && r0->via != NULL &&
	    strcmp(r->via, r0->via) == 0);
}

/*
 * The quick card: one line per single failure, what moves where, the
 * capacity left, the detection time and the test that rehearses it.
 * Circuits and gateways come first, which is what on-call opens the
 * runbook for.
 */
#define VIEW_CARD_LIST	2	/* prefixes named one by one, at most */

static void
view_card(const struct analysis *a, const struct view_opts *o,
    const struct view_testmap *tm, struct value *v)
{
	const struct sim *s = a->sim;
	struct value	*gl = value_map_list(v, "card_groups"), *gv[VG_N],
			*e;
	struct buf	 t = BUF_INIT;
	size_t		 i, k, count[VG_N], nmoved, nlost, ner, nvpn, nsame;
	const char	*ervia;
	int		 fold = view_fold(a, o), samevia;
	enum view_group	 g;
	double		 worst;
	enum sim_detect	 worst_by = SIM_DET_NONE;
	long		 cap;
	const char	*capunk;
	int		 capest;

	memset(count, 0, sizeof(count));
	for (i = 1; i < s->nscenarios; i++)
		if (s->scenarios[i].nfailed == 1)
			count[scenario_group(s, &s->scenarios[i])]++;
	for (g = 0; g < VG_N; g++) {
		gv[g] = NULL;
		if (count[g] == 0)
			continue;
		gv[g] = value_list_map(gl);
		buf_truncate(&t, 0);
		group_label(&t, g, count[g], "failure", "failures");
		value_map_str(gv[g], "label", buf_cstr(&t));
		/* what on-call looks for first stays open */
		value_map_bool(gv[g], "open", !fold || g <= VG_GATEWAYS);
		value_map_list(gv[g], "items");
	}
	for (i = 1; i < s->nscenarios; i++) {
		const struct sim_scenario *sc = &s->scenarios[i];
		const struct sim_route *r;

		if (sc->nfailed != 1)
			continue;
		g = scenario_group(s, sc);
		e = value_list_map(value_map_get(gv[g], "items"));
		buf_truncate(&t, 0);
		view_scenario_title(a, sc->id, &t);
		value_map_str(e, "title", buf_cstr(&t));
		nmoved = nlost = ner = nvpn = 0;
		worst = 0;
		worst_by = SIM_DET_NONE;
		cap = -1;
		capunk = NULL;
		capest = 0;
		ervia = NULL;
		samevia = 1;
		nsame = 0;
		for (k = 0; k < s->natoms; k++) {
			if (!sim_route_changed(s, sc, k))
				continue;
			r = sim_route_at(s, sc, k);
			nmoved++;
			nlost += r->path == SIM_NONE;
			ner += r->path == SIM_EXPRESSROUTE;
			nvpn += r->path == SIM_VPN;
			nsame += route_stays(r, sim_route_at(s,
			    &s->scenarios[0], k));
			if (r->path == SIM_EXPRESSROUTE) {
				if (ervia == NULL)
					ervia = r->via;
				else if (r->via == NULL ||
				    strcmp(ervia, r->via) != 0)
					samevia = 0;
			}
			if (r->detect_s > worst) {
				worst = r->detect_s;
				worst_by = r->detect_by;
			}
			if (r->path != SIM_NONE && r->capacity_unknown != NULL &&
			    capunk == NULL)
				capunk = r->capacity_unknown;
			else if (r->path != SIM_NONE &&
			    r->capacity_unknown == NULL &&
			    (cap < 0 || r->capacity_mbps < cap)) {
				cap = r->capacity_mbps;
				capest = r->capacity_estimate;
			}
		}
		buf_truncate(&t, 0);
		if (nmoved == 0)
			buf_puts(&t, "no prefix moves; the redundancy of what "
			    "failed carries the traffic");
		else if (nmoved <= VIEW_CARD_LIST) {
			size_t	 n = 0;

			for (k = 0; k < s->natoms; k++) {
				char	 p[PREFIX_STRLEN];

				if (!sim_route_changed(s, sc, k))
					continue;
				const struct sim_route *r0 = sim_route_at(s,
				    &s->scenarios[0], k);

				r = sim_route_at(s, sc, k);
				buf_printf(&t, "%s%s", n++ ? "; " : "",
				    PFX(&r->atom, p));
				if (r->site)
					buf_printf(&t, " (%s)", r->site->name);
				if (route_stays(r, r0)) {
					/* a link of the circuit, a tunnel */
					buf_puts(&t, " stays on ");
					words_route(&t, r);
					buf_puts(&t, " with less redundancy");
					continue;
				}
				buf_puts(&t, r->path == SIM_NONE ? " has " :
				    " moves to ");
				words_route(&t, r);
			}
		} else if (nsame == nmoved) {
			/* a link of a circuit, a tunnel: the path holds */
			words_count(&t, nmoved, "prefix stays", "prefixes stay");
			if (nvpn)
				buf_puts(&t, " on the VPN");
			else if (samevia && ervia != NULL && *ervia)
				buf_printf(&t, " on ExpressRoute over %s", ervia);
			else
				buf_puts(&t, " on ExpressRoute");
			buf_puts(&t, " with less redundancy");
		} else {
			const char *sep = "";

			if (nvpn) {
				words_count(&t, nvpn, "prefix moves",
				    "prefixes move");
				buf_puts(&t, " to the VPN");
				sep = ", ";
			}
			if (ner) {
				buf_puts(&t, sep);
				words_count(&t, ner, "prefix moves",
				    "prefixes move");
				if (samevia && ervia != NULL && *ervia)
					buf_printf(&t, " to ExpressRoute over %s",
					    ervia);
				else
					buf_puts(&t, " to other circuits");
				sep = ", ";
			}
			if (nlost) {
				buf_puts(&t, sep);
				words_count(&t, nlost, "prefix has",
				    "prefixes have");
				buf_puts(&t, " no path left");
			}
		}
		value_map_str(e, "what", buf_cstr(&t));
		if (capunk != NULL) {
			/* no conclusion: a bandwidth is not known yet */
			buf_truncate(&t, 0);
			buf_printf(&t, "capacity not known (%s)", capunk);
			value_map_str(e, "capacity", buf_cstr(&t));
		} else if (cap >= 0) {
			buf_truncate(&t, 0);
			buf_puts(&t, nmoved - nlost > 1 ? "capacity at least " :
			    "capacity ");
			words_mbps(&t, cap);
			if (capest)
				buf_puts(&t, " (" SIM_CAPACITY_ESTIMATE ")");
			value_map_str(e, "capacity", buf_cstr(&t));
		}
		if (worst > 0) {
			buf_truncate(&t, 0);
			put_detect(&t, worst, worst_by);
			value_map_str(e, "detect", buf_cstr(&t));
		}
		if (tm->number[i] > 0) {
			value_map_str(e, "test_anchor", tm->anchor[i]);
			value_map_int(e, "test", (long long)tm->number[i]);
		}
	}
	buf_release(&t);
}

size_t
view_test_scenarios(const struct analysis *a, const char **ids)
{
	return procedure_test_scenarios(a, ids);
}

static const struct view_diagram *
find_diagram(const struct view_opts *o, const char *scenario)
{
	size_t	 i;

	for (i = 0; i < o->ndiagrams; i++) {
		if (scenario == NULL && o->diagrams[i].scenario == NULL)
			return &o->diagrams[i];
		if (scenario && o->diagrams[i].scenario &&
		    strcmp(o->diagrams[i].scenario, scenario) == 0)
			return &o->diagrams[i];
	}
	return NULL;
}

static void
put_diagram(struct value *m, const struct view_diagram *d)
{
	struct value	*x;

	/*
	 * A false "diagram", not a missing one: Mustache resolves a
	 * missing key in the enclosing context, so a test without its own
	 * picture would get the topology's -- once per scenario, which made
	 * the 200-site runbook 400 MB (tests/bench/RESULTS.md).
	 */
	if (d == NULL) {
		value_map_put(m, "diagram", value_new_bool(0));
		return;
	}
	x = value_map_put(m, "diagram", value_new_map());
	value_map_str(x, "url", d->url);
	if (d->mermaid) {
		value_map_str(x, "mermaid", d->mermaid);
		value_map_put(x, "azure_devops",
		    value_new_bool(d->azure_devops));
	}
}

/* Whether procedure p causes one of the nids scenarios ids. */
static int
causes_any(const struct procedure *p, const char *const *ids, size_t nids)
{
	size_t	 i, k;

	for (i = 0; i < p->nscenarios; i++)
		for (k = 0; k < nids; k++)
			if (strcmp(p->scenarios[i], ids[k]) == 0)
				return 1;
	return 0;
}

/*
 * The failover tests into list l: the procedures (procedure.h), one per
 * distinct action, each with its scenarios' picture and the
 * simulation's table of the routes its first scenario moves.  With ids
 * (not NULL), only those that cause one of them, numbered as in the
 * whole runbook.  Each test has a stable anchor from its procedure id
 * ("test-disable-peering-er-x"), which the quick card and the matrix
 * link to; tm, when not NULL, is filled in on the way.  The list stays
 * flat (the packet and diagnose read it); with o->layout, runs of one
 * kind carry group_start and group_end marks, as in the matrix, and
 * each group's start is copied to idx.
 */
static void
tests_list(const struct analysis *a, const struct view_opts *o,
    const char *const *ids, size_t nids, struct value *l, struct value *idx,
    struct view_testmap *tm)
{
	const struct sim *s = a->sim;
	struct procset	*set = procset_tests(a);
	struct value	*e, *exp, *gv = NULL, *prev = NULL, **starts;
	struct buf	 t = BUF_INIT, anchor = BUF_INIT;
	size_t		 i, j, k, ng = 0, *counts;
	int		 fold = view_fold(a, o);
	enum view_group	 g, last = VG_N, *kinds;

	kinds = xcalloc(set->n + 1, sizeof(*kinds));
	counts = xcalloc(set->n + 1, sizeof(*counts));
	starts = xcalloc(set->n + 1, sizeof(*starts));
	if (tm != NULL) {
		tm->n = s->nscenarios;
		tm->number = xcalloc(tm->n, sizeof(*tm->number));
		tm->anchor = xcalloc(tm->n, sizeof(*tm->anchor));
	}
	for (i = 0; i < set->n; i++) {
		const struct procedure *p = set->v[i];
		const struct sim_scenario *sc = sim_scenario(s,
		    p->scenarios[0]);
		size_t	 changed = 0, lost = 0;

		if (ids != NULL && !causes_any(p, ids, nids))
			continue;
		g = fold ? scenario_group(s, sc) : VG_CIRCUITS;
		e = value_list_push(l, procedure_value(p));
		if (o->layout && (gv == NULL || g != last)) {
			if (prev != NULL)
				value_map_bool(prev, "group_end", 1);
			gv = value_map_put(e, "group_start", value_new_map());
			put_fmt(gv, "anchor", "tests-%s",
			    view_groups[g].slug);
			value_map_bool(gv, "open", g <= VG_GATEWAYS);
			kinds[ng] = g;
			starts[ng] = gv;
			last = g;
			ng++;
		}
		if (o->layout) {
			counts[ng - 1]++;
			prev = e;
		}
		value_map_int(e, "number", (long long)i + 1);
		buf_truncate(&anchor, 0);
		buf_puts(&anchor, "test-");
		md_slug(p->id, &anchor);
		if (o->layout)
			value_map_str(e, "anchor", buf_cstr(&anchor));
		for (j = 0; j < p->nscenarios; j++) {
			const struct sim_scenario *x = sim_scenario(s,
			    p->scenarios[j]);

			k = x != NULL ? (size_t)(x - s->scenarios) : 0;
			if (tm != NULL && k > 0 && k < tm->n &&
			    tm->number[k] == 0) {
				tm->number[k] = i + 1;
				tm->anchor[k] = xstrdup(buf_cstr(&anchor));
			}
		}
		put_diagram(e, find_diagram(o, sc->id));
		/*
		 * The table is the expectations' own rows (procedure.h,
		 * struct proc_route), so it cannot say other than the steps
		 * below it.
		 */
		exp = value_map_list(e, "expected");
		for (k = 0; k < p->expect.n; k++) {
			const struct proc_step *st = &p->expect.v[k];
			const struct proc_route *r = st->route;
			struct value *row;

			if (r == NULL)
				continue;
			row = value_list_map(exp);
			buf_truncate(&t, 0);
			buf_puts(&t, r->prefix);
			if (r->at)
				buf_printf(&t, " (test at %s)", r->at);
			value_map_str(row, "prefix", buf_cstr(&t));
			value_map_str(row, "site", r->site);
			value_map_str(row, "path", r->path);
			value_map_bool(row, "unreachable", r->unreachable);
			value_map_str(row, "via", r->via);
			put_capacity(row, r->unreachable, r->capacity_unknown,
			    r->capacity_mbps, r->capacity_estimate);
			buf_truncate(&t, 0);
			if (st->within_cell != NULL)
				buf_puts(&t, st->within_cell);
			else if (st->within_s > 0)
				buf_printf(&t, "%s%ld s", st->source &&
				    strcmp(st->source, "estimate") == 0 ?
				    "about " : "", st->within_s);
			else
				buf_puts(&t, "—");
			value_map_str(row, "within", buf_cstr(&t));
		}
		for (k = 0; k < s->natoms; k++) {
			if (!sim_route_changed(s, sc, k))
				continue;
			changed++;
			lost += sim_route_at(s, sc, k)->path == SIM_NONE;
		}
		buf_truncate(&t, 0);
		if (changed == 0)
			buf_puts(&t, "This failure moves no on-premises "
			    "prefix: Azure's routes stay as in the baseline, "
			    "and the redundancy of the failed element carries "
			    "the traffic.");
		else
			buf_printf(&t, "This failure moves %zu prefix%s as "
			    "the simulation predicts%s.", changed,
			    changed == 1 ? "" : "es", lost ? "; some have no "
			    "path left while it lasts" : "");
		value_map_str(e, "purpose", buf_cstr(&t));
		value_map_bool(e, "several", p->nscenarios > 1);
	}
	if (prev != NULL)
		value_map_bool(prev, "group_end", 1);
	/* each group's label, now that its tests are counted */
	for (i = 0; i < ng; i++) {
		buf_truncate(&t, 0);
		group_label(&t, kinds[i], counts[i], "test", "tests");
		value_map_str(starts[i], "label", buf_cstr(&t));
		if (idx != NULL)
			value_list_push(idx, value_copy(starts[i]));
	}
	free(kinds);
	free(counts);
	free(starts);
	procset_free(set);
	buf_release(&t);
	buf_release(&anchor);
}

static void
view_tests(const struct analysis *a, const struct view_opts *o,
    struct view_testmap *tm, struct value *v)
{
	struct value	*l = value_map_list(v, "tests");
	struct value	*idx = value_map_list(v, "test_index");

	tests_list(a, o, NULL, 0, l, idx, tm);
}

struct value *
view_tests_of(const struct analysis *a, const char *const *ids, size_t nids)
{
	struct view_opts o;
	struct value	*l = value_new_list();

	memset(&o, 0, sizeof(o));
	tests_list(a, &o, ids, nids, l, NULL, NULL);
	return l;
}

/* The unplanned-failure section: per circuit, and promised steps. */
static void
view_outage(const struct analysis *a, struct value *v)
{
	struct procset	*set = procset_outage(a);

	value_map_put(v, "outage", procset_value(set));
	procset_free(set);
}

static void
view_monitoring(const struct analysis *a, struct value *v)
{
	const struct design *dsn = a->dsn;
	struct value	*l = value_map_list(v, "alerts"), *e;
	size_t		 i, j;

#define ALERT(res, met, cond, why) do { \
	e = value_list_map(l); \
	value_map_str(e, "resource", res); \
	value_map_str(e, "metric", met); \
	value_map_str(e, "condition", cond); \
	value_map_str(e, "why", why); \
} while (0)
	for (i = 0; i < dsn->ncircuits; i++) {
		const char *c = dsn->circuits[i].name;

		ALERT(c, "BgpAvailability", "< 100 % over 5 min",
		    "A BGP session of the private peering is down: "
		    "redundancy is lost.");
		ALERT(c, "ArpAvailability", "< 100 % over 5 min",
		    "Layer 2 to Microsoft's edge is failing on a link.");
		ALERT(c, "BitsInPerSecond / BitsOutPerSecond",
		    "> 80 % of the circuit bandwidth",
		    "The circuit nears saturation; a failover would not fit.");
	}
	if (dsn->er_gateway.node)
		ALERT(dsn->er_gateway.name, "ExpressRouteGatewayCpuUtilization",
		    "> 80 % over 15 min", "The gateway nears its throughput "
		    "limit.");
	if (dsn->vpn_gateway.node) {
		const char *g = dsn->vpn_gateway.name;

		ALERT(g, "TunnelAverageBandwidth", "> 80 % of the SKU "
		    "throughput", "Backup capacity may not carry an "
		    "ExpressRoute failover.");
		ALERT(g, "BgpPeerStatus", "= 0 (per peer)",
		    "A BGP session with an on-premises device is down.");
		for (i = 0; i < dsn->nsites; i++)
			for (j = 0; j < dsn->sites[i].ndevices; j++)
				ALERT(dsn->sites[i].devices[j].connection,
				    "Connection status (Resource Health)",
				    "not Connected",
				    "A site-to-site tunnel is down.");
	}
#undef ALERT
}

struct value *
view_runbook(const struct analysis *a, const struct view_opts *o)
{
	struct value	*v = value_new_map();
	struct view_testmap tm;

	value_map_bool(v, "html", o->html);
	view_meta(a, v);
	put_diagram(v, find_diagram(o, NULL));
	view_components(a, v);
	view_comparison(a, v);
	view_routing(a, v);
	view_findings(a, v);
	view_tests(a, o, &tm, v);
	view_matrix(a, o, &tm, v);
	if (o->layout)
		view_card(a, o, &tm, v);
	testmap_free(&tm);
	view_outage(a, v);
	view_monitoring(a, v);
	value_map_int(v, "depth", a->sim->depth);
	value_map_int(v, "nscenarios", (long long)a->sim->nscenarios - 1);
	{
		struct buf b = BUF_INIT;

		words_count(&b, a->sim->nscenarios - 1, "failure scenario",
		    "failure scenarios");
		value_map_put(v, "nscenarios_text", value_new_str_owned(
		    buf_detach(&b, NULL)));
	}
	return v;
}

struct value *
view_procedures(const struct analysis *a)
{
	struct value	*v = value_new_map();
	struct procset	*set;

	value_map_str(v, "schema", "hybridoc-runbook/1");
	value_map_str(v, "version", HYBRIDOC_VERSION);
	value_map_str(v, "design", a->dsn->name);
	value_map_str(v, "file", a->dsn->file);
	value_map_str(v, "hash", a->dsn->hash);
	set = procset_tests(a);
	value_map_put(v, "procedures", procset_value(set));
	procset_free(set);
	set = procset_outage(a);
	value_map_put(v, "outage", procset_value(set));
	procset_free(set);
	return v;
}

/*
 * The runbook's two reference tables, built for view_runbook() (view.c):
 * the components (gateways, circuits, sites and their devices, each
 * figure with its docs/model.md source key) and the comparison of
 * ExpressRoute and the VPN in this design's own numbers.  They read the
 * design and the simulation's baseline only; the failover sections stay
 * in view.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/prefix.h"
#include "hybridoc/sim.h"
#include "hybridoc/sku.h"
#include "hybridoc/value.h"
#include "hybridoc/view.h"
#include "hybridoc/words.h"
#include "hybridoc/xalloc.h"

#include "view_int.h"

void
view_components(const struct analysis *a, struct value *v)
{
	const struct design *dsn = a->dsn;
	struct value	*m, *l, *e, *ll;
	char		 t[PREFIX_STRLEN];
	size_t		 i, j, ntun = 0;

	m = value_map_put(v, "vnet", value_new_map());
	value_map_str(m, "name", dsn->vnet.name);
	view_put_prefixes(m, "address_space", dsn->vnet.address_space,
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
		view_put_prefixes(e, "address_space", dsn->spokes[i].address_space,
		    dsn->spokes[i].naddress_space);
	}
	if (dsn->er_gateway.node) {
		const struct er_gateway *g = &dsn->er_gateway;

		m = value_map_put(v, "er_gateway", value_new_map());
		value_map_str(m, "name", g->name);
		value_map_str(m, "sku", er_sku_name(g->sku));
		if (g->sku == ER_SKU_ERGWSCALE)
			view_put_fmt(m, "scale", "%ld scale units", g->scale_units);
		view_put_mbps(m, "throughput", er_sku_mbps(g));
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
		view_put_mbps(m, "throughput", vpn_sku_mbps(g->sku, g->generation));
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
			view_put_fmt(e, "index", "IN_%zu", j);
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
			view_put_mbps(e, "bandwidth", c->bandwidth_mbps);
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
		view_put_prefixes(e, "prefixes", s->address_prefixes,
		    s->naddress_prefixes);
		value_map_str(e, "connectivity", s->ner && s->ndevices ?
		    "ExpressRoute, VPN backup" : s->ner ? "ExpressRoute only" :
		    "VPN only");
		ll = value_map_list(e, "er");
		for (j = 0; j < s->ner; j++) {
			struct value *x = value_list_map(ll);

			value_map_str(x, "circuit", s->er[j].circuit_name);
			view_put_prefixes(x, "advertise", s->er[j].advertise,
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
			view_put_fmt(x, "device", "%s%s%s", d->vendor ? d->vendor :
			    "", d->vendor && d->model ? " " : "",
			    d->model ? d->model : "");
			value_map_str(x, "public_ip", UADDR(d->node,
			    "public_ip", &d->public_ip, t));
			if (d->has_bgp) {
				const struct value *bn = value_map_get(d->node,
				    "bgp");
				char	 an[PREFIX_STRLEN];

				view_put_fmt(x, "routing", "BGP AS %s, peer %s",
				    design_num(dsn, bn, "asn", d->bgp_asn, an),
				    UADDR(bn, "peer_ip", &d->bgp_peer_ip, t));
			}
			else
				value_map_str(x, "routing", "static");
			view_put_prefixes(x, "advertise", d->advertise,
			    d->nadvertise);
			value_map_int(x, "prepend", d->as_path_prepend);
			/* A default is Azure's, not the design's (VPNDPD). */
			view_put_fmt(x, "ike", "IKEv%ld, DPD %ld s%s", d->ike.version,
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

void
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

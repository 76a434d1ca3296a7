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
	value_map_str(v, "subscription", dsn->subscription ?
	    dsn->subscription : "");
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
			value_map_str(e, "public_ip",
			    ADDR(&g->instances[j].public_ip, t));
			value_map_str(e, "bgp_ip", g->instances[j].has_bgp_ip ?
			    ADDR(&g->instances[j].bgp_ip, t) : "—");
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
		put_mbps(e, "bandwidth", c->bandwidth_mbps);
		value_map_str(e, "sku", circuit_sku_name(c->sku));
		value_map_int(e, "routing_weight", c->routing_weight);
		value_map_int(e, "peer_asn", c->peering.peer_asn);
		value_map_int(e, "vlan", c->peering.vlan_id);
		value_map_str(e, "primary", PFX(&c->peering.primary_subnet, t));
		value_map_str(e, "secondary", PFX(&c->peering.secondary_subnet,
		    t));
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
			value_map_str(x, "public_ip", ADDR(&d->public_ip, t));
			if (d->has_bgp)
				put_fmt(x, "routing", "BGP AS %ld, peer %s",
				    d->bgp_asn, ADDR(&d->bgp_peer_ip, t));
			else
				value_map_str(x, "routing", "static");
			put_prefixes(x, "advertise", d->advertise,
			    d->nadvertise);
			value_map_int(x, "prepend", d->as_path_prepend);
			put_fmt(x, "ike", "IKEv%ld, DPD %ld s", d->ike.version,
			    d->ike.dpd_timeout_s);
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
	char		 t[PREFIX_STRLEN];

	for (i = 0; i < dsn->ncircuits; i++) {
		total += dsn->circuits[i].bandwidth_mbps;
		nbfd += dsn->circuits[i].peering.bfd != 0;
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
		    ADDR(&dsn->vpn_gateway.instances[i].public_ip, t));
	ROW("Connectivity");

	words_mbps(&er, total);
	buf_printf(&er, " in %zu circuit%s", dsn->ncircuits,
	    dsn->ncircuits == 1 ? "" : "s");
	if (dsn->er_gateway.node) {
		buf_puts(&er, ", gateway ");
		words_mbps(&er, er_sku_mbps(&dsn->er_gateway));
	}
	if (dsn->vpn_gateway.node) {
		words_mbps(&vpn, vpn_sku_mbps(dsn->vpn_gateway.sku,
		    dsn->vpn_gateway.generation));
		buf_printf(&vpn, " aggregate (%s generation %ld), shared by "
		    "every tunnel", vpn_sku_name(dsn->vpn_gateway.sku),
		    dsn->vpn_gateway.generation);
	}
	ROW("Bandwidth");

	buf_puts(&er, "None on the circuit itself (private, not "
	    "encrypted); add IPsec over it or MACsec on ExpressRoute Direct "
	    "where policy needs it");
	buf_printf(&vpn, "IPsec, %s", ike1 ? "IKEv1 on some connections, "
	    "IKEv2 on the rest" : "IKEv2");
	ROW("Encryption");

	buf_puts(&er, "BGP with Microsoft (AS 12076), peer AS");
	for (i = 0; i < dsn->ncircuits; i++)
		buf_printf(&er, "%s%ld", i ? ", " : " ",
		    dsn->circuits[i].peering.peer_asn);
	buf_printf(&vpn, "%zu BGP device%s with the gateway (AS %ld), %zu "
	    "static", nbgp, nbgp == 1 ? "" : "s", dsn->vpn_gateway.asn,
	    nstatic);
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
	buf_printf(&vpn, "%s for %zu site%s with ExpressRoute; the only "
	    "path for %zu site%s", dsn->route_server.enabled &&
	    dsn->route_server.branch_to_branch &&
	    dsn->route_server.routing_preference == RS_PREF_VPNGATEWAY ?
	    "Primary path" : "Backup", nboth, nboth == 1 ? "" : "s",
	    nvpnonly, nvpnonly == 1 ? "" : "s");
	ROW("Role");

	if (dsn->ncircuits && nbfd == dsn->ncircuits)
		buf_puts(&er, "Link failure: 0.9 s (BFD, 300 ms x 3, on every "
		    "circuit)");
	else if (nbfd)
		buf_printf(&er, "Link failure: 0.9 s with BFD (%zu of %zu "
		    "circuits), up to 180 s (BGP hold time) without", nbfd,
		    dsn->ncircuits);
	else
		buf_puts(&er, "Link failure: up to 180 s (BGP hold time; BFD "
		    "off)");
	buf_puts(&er, "; a peering disabled by hand withdraws its routes at "
	    "once (Microsoft measured under 10 s end to end)");
	buf_printf(&vpn, "Tunnel loss: DPD, up to %ld s (BGP hold 180 s); ",
	    dpd ? dpd : 45);
	if (dsn->vpn_gateway.active_active)
		buf_puts(&vpn, "active-active: a lost instance's tunnels drop "
		    "and the other instance's keep carrying traffic (no "
		    "failover time documented)");
	else
		buf_puts(&vpn, "active-standby instance failover 10-15 s "
		    "planned, 1-3 min unplanned");
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
			if (dsn->ncircuits > 1) {
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
			buf_puts(&vpn, " gateway aggregate, shared with every "
			    "other tunnel; ");
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
	if (r->path == SIM_NONE)
		value_map_str(e, "capacity", "—");
	else
		put_mbps(e, "capacity", r->capacity_mbps);
	if (with_detect) {
		words_detect(&b, r->detect_s);
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
	size_t		 i, nsup = 0;

	value_map_int(m, "errors", (long long)findings_count(f, DIAG_ERROR));
	value_map_int(m, "warnings", (long long)findings_count(f,
	    DIAG_WARNING));
	value_map_int(m, "notes", (long long)findings_count(f, DIAG_NOTE));
	sl = value_new_list();
	for (i = 0; i < f->n; i++) {
		const struct finding *g = &f->v[i];

		e = value_new_map();
		value_map_str(e, "id", g->rule->id);
		value_map_str(e, "severity", diag_level_str(finding_level(g)));
		value_map_str(e, "object", g->object);
		value_map_int(e, "line", g->mark.line);
		value_map_str(e, "message", g->msg);
		value_map_str(e, "help", g->rule->help);
		if (g->suppressed) {
			value_map_str(e, "reason", g->reason ? g->reason : "");
			value_list_push(sl, e);
			nsup++;
		} else
			value_list_push(l, e);
	}
	value_map_put(m, "suppressed", sl);
	value_map_bool(m, "clean", l->n == 0);
}

void
view_scenario_title(const struct analysis *a, const char *id,
    struct buf *out)
{
	procedure_scenario_title(a, id, out);
}

static void
view_matrix(const struct analysis *a, struct value *v)
{
	const struct sim *s = a->sim;
	struct value	*l = value_map_list(v, "scenarios"), *e, *rows;
	struct buf	 t = BUF_INIT;
	size_t		 i, k, changed, lost;
	double		 worst;

	for (i = 1; i < s->nscenarios; i++) {
		const struct sim_scenario *sc = &s->scenarios[i];

		e = value_list_map(l);
		value_map_str(e, "id", sc->id);
		buf_truncate(&t, 0);
		view_scenario_title(a, sc->id, &t);
		value_map_str(e, "title", buf_cstr(&t));
		rows = value_map_list(e, "rows");
		changed = lost = 0;
		worst = 0;
		for (k = 0; k < s->natoms; k++) {
			const struct sim_route *r;

			if (!sim_route_changed(s, sc, k))
				continue;
			r = sim_route_at(s, sc, k);
			route_row(s, r, value_list_map(rows), 1);
			changed++;
			lost += r->path == SIM_NONE;
			if (r->detect_s > worst)
				worst = r->detect_s;
		}
		value_map_int(e, "changed", (long long)changed);
		value_map_int(e, "unreachable", (long long)lost);
		buf_truncate(&t, 0);
		words_detect(&t, worst);
		value_map_str(e, "detect", buf_cstr(&t));
		value_map_bool(e, "differs", changed > 0);
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
	if (d->mermaid)
		value_map_str(x, "mermaid", d->mermaid);
}

/*
 * The failover tests: the procedures (procedure.h), one per distinct
 * action, each with its scenarios' picture and the simulation's table
 * of the routes its first scenario moves.
 */
static void
view_tests(const struct analysis *a, const struct view_opts *o,
    struct value *v)
{
	const struct sim *s = a->sim;
	struct procset	*set = procset_tests(a);
	struct value	*l = value_map_list(v, "tests"), *e, *exp;
	struct buf	 t = BUF_INIT;
	size_t		 i, k;

	for (i = 0; i < set->n; i++) {
		const struct procedure *p = set->v[i];
		const struct sim_scenario *sc = sim_scenario(s,
		    p->scenarios[0]);
		size_t	 changed = 0, lost = 0;

		e = value_list_push(l, procedure_value(p));
		value_map_int(e, "number", (long long)i + 1);
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
			if (r->unreachable)
				value_map_str(row, "capacity", "—");
			else
				put_mbps(row, "capacity", r->capacity_mbps);
			buf_truncate(&t, 0);
			if (st->within_s > 0)
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
	procset_free(set);
	buf_release(&t);
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

	value_map_bool(v, "html", o->html);
	view_meta(a, v);
	put_diagram(v, find_diagram(o, NULL));
	view_components(a, v);
	view_comparison(a, v);
	view_routing(a, v);
	view_findings(a, v);
	view_matrix(a, v);
	view_tests(a, o, v);
	view_outage(a, v);
	view_monitoring(a, v);
	value_map_int(v, "depth", a->sim->depth);
	value_map_int(v, "nscenarios", (long long)a->sim->nscenarios - 1);
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

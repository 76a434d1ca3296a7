/*
 * The schema binder, second stage of the pipeline: value tree to the
 * typed model of design.h.  The table below is the design format: the
 * binder walks it against the tree (unknown keys with a did-you-mean,
 * wrong types, missing keys, enum values, prefix and address syntax,
 * limits), and the same table prints the JSON Schema and the format
 * reference (schema_json, schema_markdown, in schema_doc.c).
 * Cross-object checks (duplicate names, references) are in design.c,
 * after binding.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/prefix.h"
#include "hybridoc/rules.h"
#include "hybridoc/schema.h"
#include "hybridoc/xalloc.h"

#define OFF(t, m)	offsetof(struct t, m)
#define NO		SCHEMA_NOOFF

#define MAX_LIST	SCHEMA_MAX_LIST

static const char *const vpn_types[] = { "RouteBased", "PolicyBased",
	NULL };
static const char *const rs_prefs[] = { "ExpressRoute", "VpnGateway",
	"ASPath", NULL };

#define F_END { NULL, ST_STR, ST_STR, 0, 0, 0, NO, NO, NULL, NULL, 0, 0, \
	NULL, NULL }

/* Field constructors, to keep the table readable. */
#define F_STR(k, t, m, fl, doc) \
	{ k, ST_STR, ST_STR, fl, OFF(t, m), 0, NO, NO, NULL, NULL, 0, 0, \
	NULL, doc }
#define F_NAME(k, t, m, fl, doc) \
	{ k, ST_NAME, ST_STR, fl, OFF(t, m), 0, NO, NO, NULL, NULL, 0, 0, \
	NULL, doc }
#define F_INT(k, t, m, has, lo, hi, def, doc) \
	{ k, ST_INT, ST_STR, 0, OFF(t, m), 0, has, NO, NULL, NULL, lo, hi, \
	def, doc }
#define F_RINT(k, t, m, lo, hi, doc) \
	{ k, ST_INT, ST_STR, SF_REQUIRED, OFF(t, m), 0, NO, NO, NULL, NULL, \
	lo, hi, NULL, doc }
#define F_BOOL(k, t, m, def, doc) \
	{ k, ST_BOOL, ST_STR, 0, OFF(t, m), 0, NO, NO, NULL, NULL, 0, 0, \
	def, doc }
#define F_ENUM(k, t, m, e, def, doc) \
	{ k, ST_ENUM, ST_STR, def ? 0 : SF_REQUIRED, OFF(t, m), 0, NO, NO, \
	NULL, e, 0, 0, def, doc }
#define F_PFX(k, t, m, fl, doc) \
	{ k, ST_PREFIX, ST_STR, fl, OFF(t, m), 0, NO, NO, NULL, NULL, 0, 0, \
	NULL, doc }
#define F_ADDR(k, t, m, fl, has, doc) \
	{ k, ST_ADDR, ST_STR, fl, OFF(t, m), 0, has, NO, NULL, NULL, 0, 0, \
	NULL, doc }
#define F_LIST(k, t, m, n, el, o, fl, doc) \
	{ k, ST_LIST, el, fl, OFF(t, m), OFF(t, n), NO, NO, o, NULL, 0, 0, \
	NULL, doc }
#define F_OBJ(k, off, node, has, o, fl, doc) \
	{ k, ST_OBJ, ST_STR, fl, off, 0, has, node, o, NULL, 0, 0, NULL, doc }

static const struct schema_field subnet_fields[] = {
	F_NAME("name", subnet, name, SF_REQUIRED,
	    "Subnet name; the gateways need one named exactly GatewaySubnet."),
	F_PFX("prefix", subnet, prefix, SF_REQUIRED, "Subnet prefix."),
	F_END
};
static const struct schema_obj subnet_obj = { "subnet",
	sizeof(struct subnet), subnet_fields, "A subnet of the hub VNet." };

static const struct schema_field vnet_fields[] = {
	F_NAME("name", vnet, name, SF_REQUIRED, "VNet resource name."),
	F_LIST("address_space", vnet, address_space, naddress_space,
	    ST_PREFIX, NULL, SF_REQUIRED | SF_NONEMPTY,
	    "The VNet's address space: one or more prefixes."),
	F_LIST("subnets", vnet, subnets, nsubnets, ST_OBJ, &subnet_obj, 0,
	    "Subnets, GatewaySubnet among them."),
	F_END
};
static const struct schema_obj vnet_obj = { "vnet", sizeof(struct vnet),
	vnet_fields, "The hub virtual network that holds both gateways." };

static const struct schema_field spoke_fields[] = {
	F_NAME("name", spoke, name, SF_REQUIRED, "Spoke VNet name."),
	F_LIST("address_space", spoke, address_space, naddress_space,
	    ST_PREFIX, NULL, SF_REQUIRED | SF_NONEMPTY,
	    "The spoke's address space, advertised to on premises."),
	F_END
};
static const struct schema_obj spoke_obj = { "spoke", sizeof(struct spoke),
	spoke_fields, "A peered VNet that uses the hub's gateways." };

static const struct schema_field ergw_fields[] = {
	F_NAME("name", er_gateway, name, SF_REQUIRED,
	    "ExpressRoute gateway resource name."),
	F_ENUM("sku", er_gateway, sku, er_sku_names, NULL,
	    "Gateway SKU; sets throughput, routes learned, FastPath, circuits."),
	F_INT("scale_units", er_gateway, scale_units, NO, 1, 40, "1",
	    "Scale units, ErGwScale only (1 Gbps each)."),
	F_BOOL("fastpath", er_gateway, fastpath, "false",
	    "FastPath wanted on the gateway's connections."),
	F_END
};
static const struct schema_obj ergw_obj = { "expressroute_gateway",
	sizeof(struct er_gateway), ergw_fields,
	"The virtual network gateway of type ExpressRoute." };

static const struct schema_field inst_fields[] = {
	F_ADDR("public_ip", gw_instance, public_ip, SF_REQUIRED, NO,
	    "The instance's public IP address."),
	F_ADDR("bgp_ip", gw_instance, bgp_ip, 0,
	    OFF(gw_instance, has_bgp_ip),
	    "The instance's BGP address in GatewaySubnet."),
	F_ADDR("apipa_bgp_ip", gw_instance, apipa_bgp_ip, 0,
	    OFF(gw_instance, has_apipa_bgp_ip),
	    "A custom APIPA BGP address (169.254.21.0-169.254.22.255)."),
	F_END
};
static const struct schema_obj inst_obj = { "instance",
	sizeof(struct gw_instance), inst_fields,
	"A VPN gateway instance (two when active-active)." };

static const struct schema_field vpngw_fields[] = {
	F_NAME("name", vpn_gateway, name, SF_REQUIRED,
	    "VPN gateway resource name."),
	F_ENUM("sku", vpn_gateway, sku, vpn_sku_names, NULL,
	    "Gateway SKU; sets throughput and the tunnel limit."),
	F_INT("generation", vpn_gateway, generation, NO, 1, 2, "1",
	    "Gateway generation (1 or 2)."),
	F_ENUM("vpn_type", vpn_gateway, vpn_type, vpn_types, "RouteBased",
	    "RouteBased (required to coexist with ExpressRoute) or "
	    "PolicyBased."),
	F_INT("asn", vpn_gateway, asn, NO, 1, 4294967295L, "65515",
	    "The gateway's BGP ASN; 65515 when it coexists with "
	    "ExpressRoute."),
	F_BOOL("active_active", vpn_gateway, active_active, "false",
	    "Active-active: two instances, two public IPs."),
	F_BOOL("bgp", vpn_gateway, bgp, "true", "BGP enabled on the gateway."),
	F_LIST("instances", vpn_gateway, instances, ninstances, ST_OBJ,
	    &inst_obj, SF_REQUIRED | SF_NONEMPTY,
	    "One entry per gateway instance."),
	F_END
};
static const struct schema_obj vpngw_obj = { "vpn_gateway",
	sizeof(struct vpn_gateway), vpngw_fields,
	"The virtual network gateway of type VPN (site-to-site)." };

static const struct schema_field azure_fields[] = {
	F_STR("subscription", design, subscription, 0,
	    "Subscription name or id, used in the runbook's commands."),
	F_NAME("resource_group", design, resource_group, SF_REQUIRED,
	    "Resource group of the gateways and connections."),
	F_NAME("region", design, region, SF_REQUIRED,
	    "Azure region, e.g. eastus."),
	F_OBJ("vnet", OFF(design, vnet), OFF(design, vnet.node), NO,
	    &vnet_obj, SF_REQUIRED, "The hub VNet."),
	F_LIST("spokes", design, spokes, nspokes, ST_OBJ, &spoke_obj, 0,
	    "Peered VNets using the hub's gateways."),
	F_OBJ("expressroute_gateway", OFF(design, er_gateway),
	    OFF(design, er_gateway.node), NO, &ergw_obj, 0,
	    "The ExpressRoute gateway."),
	F_OBJ("vpn_gateway", OFF(design, vpn_gateway),
	    OFF(design, vpn_gateway.node), NO, &vpngw_obj, 0,
	    "The site-to-site VPN gateway."),
	F_END
};
static const struct schema_obj azure_obj = { "azure", 0, azure_fields,
	"The Azure side: subscription, region, hub VNet and gateways." };

static const struct schema_field pp_fields[] = {
	F_RINT("peer_asn", private_peering, peer_asn, 1, 4294967295L,
	    "The on-premises (or provider) ASN of the peering."),
	F_PFX("primary_subnet", private_peering, primary_subnet, SF_REQUIRED,
	    "The primary link's /30."),
	F_PFX("secondary_subnet", private_peering, secondary_subnet,
	    SF_REQUIRED, "The secondary link's /30."),
	F_RINT("vlan_id", private_peering, vlan_id, 1, 4094,
	    "The peering's VLAN id."),
	F_BOOL("bfd", private_peering, bfd, "false",
	    "BFD on the peering (failure detection in about a second)."),
	F_END
};
static const struct schema_obj pp_obj = { "private_peering",
	sizeof(struct private_peering), pp_fields,
	"The circuit's Azure private peering." };

static const struct schema_field circuit_fields[] = {
	F_NAME("name", circuit, name, SF_REQUIRED, "Circuit name."),
	F_STR("provider", circuit, provider, SF_REQUIRED,
	    "Connectivity provider."),
	F_STR("peering_location", circuit, peering_location, SF_REQUIRED,
	    "Peering location, e.g. Washington DC."),
	F_RINT("bandwidth_mbps", circuit, bandwidth_mbps, 1, 100000,
	    "Circuit bandwidth in Mbps."),
	F_INT("direct_port_gbps", circuit, direct_port_gbps, NO, 0, 100, "0",
	    "ExpressRoute Direct port pair size in Gbps (10 or 100); 0: a "
	    "circuit from a provider."),
	F_ENUM("sku", circuit, sku, circuit_sku_names, "Standard",
	    "Circuit SKU: Local, Standard or Premium."),
	F_INT("routing_weight", circuit, routing_weight, NO, 0, 32000, "0",
	    "Routing weight of the gateway connection; higher wins."),
	F_BOOL("fastpath", circuit, fastpath, "false",
	    "FastPath on the gateway connection."),
	F_OBJ("private_peering", OFF(circuit, peering),
	    OFF(circuit, peering.node), NO, &pp_obj, SF_REQUIRED,
	    "The private peering."),
	F_NAME("resource_group", circuit, resource_group, 0,
	    "Resource group the circuit lives in; the procedures' circuit "
	    "commands run there. Without it they carry the placeholder "
	    "`<resource-group-of-NAME>` to fill in, never the hub's group."),
	F_STR("subscription", circuit, subscription, 0,
	    "Subscription the circuit lives in, when not the hub's; circuit "
	    "commands then carry it."),
	F_LIST("shared_with", circuit, shared_with, nshared_with, ST_STR,
	    NULL, 0, "What else uses the circuit (other VNets, "
	    "subscriptions, Global Reach), named in the blast radius of "
	    "any procedure that disables its peering."),
	F_STR("service_key", circuit, service_key, 0,
	    "The circuit's service key, quoted to the provider in an "
	    "outage."),
	F_STR("provider_noc", circuit, provider_noc, 0,
	    "How to reach the provider's NOC (phone, mail or portal)."),
	F_STR("escalation", circuit, escalation, 0,
	    "Who to escalate to when the provider does not restore the "
	    "circuit in time."),
	F_END
};
static const struct schema_obj circuit_obj = { "circuit",
	sizeof(struct circuit), circuit_fields,
	"An ExpressRoute circuit linked to the ExpressRoute gateway." };

static const struct schema_field site_er_fields[] = {
	F_NAME("circuit", site_er, circuit_name, SF_REQUIRED,
	    "The circuit (by name) the site reaches Azure over."),
	F_LIST("advertise", site_er, advertise, nadvertise, ST_PREFIX, NULL, 0,
	    "Prefixes the site advertises over the circuit "
	    "(default: address_prefixes)."),
	F_INT("as_path_prepend", site_er, as_path_prepend, NO, 0, 10, "0",
	    "Times the site prepends its ASN on this circuit."),
	F_INT("local_preference", site_er, local_preference,
	    OFF(site_er, has_local_preference), 0, 4294967295L, NULL,
	    "On-premises local preference for routes learned over this "
	    "circuit."),
	F_NAME("connection", site_er, connection, 0,
	    "Name of the gateway connection to the circuit (default "
	    "cn-CIRCUIT)."),
	F_END
};
static const struct schema_obj site_er_obj = { "expressroute",
	sizeof(struct site_er), site_er_fields,
	"A site's ExpressRoute attachment: a mapping, or a list of them." };

static const struct schema_field device_fields[] = {
	F_STR("vendor", vpn_device, vendor, 0, "Device vendor."),
	F_STR("model", vpn_device, model, 0, "Device model."),
	F_END
};
static const struct schema_obj device_obj = { "device", 0, device_fields,
	"The on-premises VPN device." };

static const struct schema_field bgp_fields[] = {
	F_RINT("asn", vpn_device, bgp_asn, 1, 4294967295L,
	    "The device's BGP ASN."),
	F_ADDR("peer_ip", vpn_device, bgp_peer_ip, SF_REQUIRED, NO,
	    "The device's BGP peer address."),
	F_END
};
static const struct schema_obj bgp_obj = { "bgp", 0, bgp_fields,
	"BGP on the tunnel." };

static const struct schema_field ike_fields[] = {
	F_INT("version", vpn_device, ike.version, NO, 1, 2, "2",
	    "IKE version."),
	F_INT("dpd_timeout_s", vpn_device, ike.dpd_timeout_s,
	    OFF(vpn_device, ike.has_dpd_timeout_s), 0, 86400, "45",
	    "Dead peer detection timeout in seconds (9-3600); Azure's "
	    "default, 45, when not set."),
	F_INT("sa_lifetime_s", vpn_device, ike.sa_lifetime_s,
	    OFF(vpn_device, ike.has_sa_lifetime_s), 0, 172800, NULL,
	    "Custom IPsec (phase 2) SA lifetime in seconds (at least 300)."),
	F_END
};
static const struct schema_obj ike_obj = { "ike", 0, ike_fields,
	"IKE/IPsec settings of the connection." };

static const struct schema_field vpn_fields[] = {
	F_NAME("name", vpn_device, name, 0,
	    "Device name, unique in the site (default vpn1, vpn2, ...)."),
	F_OBJ("device", 0, NO, NO, &device_obj, 0, "Vendor and model."),
	F_ADDR("public_ip", vpn_device, public_ip, SF_REQUIRED, NO,
	    "The device's public IP (the on-premises VIP)."),
	F_BOOL("static", vpn_device, is_static, "false",
	    "No BGP: the gateway routes to the site's address_prefixes."),
	F_OBJ("bgp", 0, NO, OFF(vpn_device, has_bgp), &bgp_obj, 0,
	    "BGP on the tunnel."),
	F_LIST("advertise", vpn_device, advertise, nadvertise, ST_PREFIX,
	    NULL, 0, "Prefixes advertised over BGP (default: "
	    "address_prefixes)."),
	F_INT("as_path_prepend", vpn_device, as_path_prepend, NO, 0, 10, "0",
	    "Times the device prepends its ASN."),
	F_INT("local_preference", vpn_device, local_preference,
	    OFF(vpn_device, has_local_preference), 0, 4294967295L, NULL,
	    "On-premises local preference for routes learned over the VPN."),
	F_OBJ("ike", 0, NO, NO, &ike_obj, 0, "IKE settings."),
	F_STR("shared_key_ref", vpn_device, shared_key_ref, 0,
	    "Where the connection's shared key is kept, e.g. a Key Vault "
	    "secret id; never the key itself."),
	F_NAME("connection", vpn_device, connection, 0,
	    "Name of the Azure connection (default cn-SITE-DEVICE)."),
	F_NAME("local_network_gateway", vpn_device, local_network_gateway, 0,
	    "Name of the local network gateway (default lng-SITE-DEVICE)."),
	F_END
};
static const struct schema_obj vpn_obj = { "vpn", sizeof(struct vpn_device),
	vpn_fields, "A site's VPN device: a mapping, or a list of devices." };

static const struct schema_field site_fields[] = {
	F_NAME("name", site, name, SF_REQUIRED, "Site name."),
	F_STR("location", site, location, 0, "Where the site is."),
	F_LIST("address_prefixes", site, address_prefixes, naddress_prefixes,
	    ST_PREFIX, NULL, SF_REQUIRED | SF_NONEMPTY,
	    "The site's address plan."),
	F_LIST("expressroute", site, er, ner, ST_OBJ, &site_er_obj,
	    SF_ONE_OR_MANY, "ExpressRoute attachment(s)."),
	F_LIST("vpn", site, devices, ndevices, ST_OBJ, &vpn_obj,
	    SF_ONE_OR_MANY, "VPN device(s) and their tunnels."),
	F_END
};
static const struct schema_obj site_obj = { "site", sizeof(struct site),
	site_fields, "An on-premises site." };

static const struct schema_field traffic_fields[] = {
	F_NAME("site", traffic, site_name, SF_REQUIRED, "The site."),
	F_RINT("peak_mbps", traffic, peak_mbps, 0, 1000000,
	    "Peak traffic between Azure and the site, in Mbps."),
	F_NAME("to", traffic, to_name, 0,
	    "Another site: declares transit between the two."),
	F_END
};
static const struct schema_obj traffic_obj = { "traffic",
	sizeof(struct traffic), traffic_fields,
	"Declared traffic, for capacity and transit checks." };

static const struct schema_field rs_fields[] = {
	F_BOOL("enabled", route_server, enabled, "false",
	    "Azure Route Server in the hub."),
	F_BOOL("branch_to_branch", route_server, branch_to_branch, "false",
	    "Route Server branch-to-branch (ExpressRoute-VPN transit)."),
	F_ENUM("routing_preference", route_server, routing_preference,
	    rs_prefs, "ExpressRoute",
	    "Route Server routing preference (HubRoutingPreference): "
	    "ExpressRoute, VpnGateway or ASPath; applies with "
	    "branch-to-branch."),
	F_END
};
static const struct schema_obj rs_obj = { "route_server",
	sizeof(struct route_server), rs_fields, "Azure Route Server." };

static const struct schema_field failover_fields[] = {
	F_INT("depth", failover, depth, NO, 1, 2, "1",
	    "1: every single failure; 2: also every pair."),
	F_LIST("tests", failover, tests, ntests, ST_STR, NULL, 0,
	    "Scenario ids to write test procedures for (default: all of "
	    "depth 1)."),
	F_STR("maintenance_window", failover, maintenance_window, 0,
	    "When disruptive failover tests may run, e.g. \"Sun 02:00-04:00 "
	    "UTC\"; every disruptive procedure states it."),
	F_END
};
static const struct schema_obj failover_obj = { "failover",
	sizeof(struct failover), failover_fields,
	"Failover simulation and test settings." };

static const struct schema_field suppress_fields[] = {
	F_STR("rule", suppress, rule, SF_REQUIRED, "Rule id, e.g. HD207."),
	F_STR("object", suppress, object, SF_REQUIRED,
	    "Object path, e.g. sites.LocalSite2; also matches objects "
	    "below it."),
	F_STR("reason", suppress, reason, SF_REQUIRED,
	    "Why the finding is accepted."),
	F_END
};
static const struct schema_obj suppress_obj = { "suppress",
	sizeof(struct suppress), suppress_fields,
	"An accepted finding." };

static const struct schema_field design_fields[] = {
	{ "hybridoc", ST_INT, ST_STR, SF_REQUIRED, OFF(design, version), 0,
	    NO, NO, NULL, NULL, 1, 1, NULL, "Format version: 1." },
	{ "name", ST_SLUG, ST_STR, SF_REQUIRED, OFF(design, name), 0, NO, NO,
	    NULL, NULL, 0, 0, NULL,
	    "Design slug ([a-z0-9-]), used in file names." },
	F_STR("title", design, title, 0, "Title."),
	F_STR("description", design, description, 0,
	    "Description (Markdown)."),
	F_STR("owner", design, owner, 0, "Owner, e.g. a team address."),
	F_LIST("approvers", design, approvers, napprovers, ST_STR, NULL, 0,
	    "Sign-off rows of change packets."),
	F_OBJ("azure", 0, OFF(design, azure_node), NO, &azure_obj,
	    SF_REQUIRED, "The Azure side."),
	F_LIST("circuits", design, circuits, ncircuits, ST_OBJ, &circuit_obj,
	    0, "ExpressRoute circuits."),
	F_LIST("sites", design, sites, nsites, ST_OBJ, &site_obj, 0,
	    "On-premises sites."),
	F_LIST("traffic", design, traffic, ntraffic, ST_OBJ, &traffic_obj, 0,
	    "Declared traffic."),
	F_OBJ("route_server", OFF(design, route_server),
	    OFF(design, route_server.node), NO, &rs_obj, 0,
	    "Azure Route Server."),
	F_OBJ("failover", OFF(design, failover), OFF(design, failover.node),
	    NO, &failover_obj, 0, "Failover settings."),
	F_LIST("suppress", design, suppress, nsuppress, ST_OBJ, &suppress_obj,
	    0, "Accepted findings."),
	F_END
};
const struct schema_obj schema_design = { "design", sizeof(struct design),
	design_fields, "A hybridoc design, format version 1." };

/* ---- What each field means (schema.h, enum schema_sem) ---- */

/*
 * One row per field of every object above.  A sub-object as a whole
 * (circuit.private_peering, vpn.bgp, vpn.ike, vpn.device) means what
 * its strongest field means, so adding or removing it is classed like
 * its contents: tests/test_schema.c checks that, and tests/test_packet.c
 * that removing any connectivity field or object is high risk.
 * route_server.enabled is connectivity: creating or deleting a Route
 * Server in a VNet with a gateway takes the gateways down until the
 * operation completes (ARSDOWN, docs/model.md); branch_to_branch and
 * routing_preference are routing policy (ExpressRoute-VPN transit and
 * which path wins).
 */
static const struct {
	const char	*obj;
	const char	*key;
	enum schema_sem	 sem;
} sems[] = {
	{ "design", "hybridoc", SEM_SETTING },
	{ "design", "name", SEM_DOC },
	{ "design", "title", SEM_DOC },
	{ "design", "description", SEM_DOC },
	{ "design", "owner", SEM_DOC },
	{ "design", "approvers", SEM_DOC },
	{ "design", "azure", SEM_OBJECT },
	{ "design", "circuits", SEM_OBJECT },
	{ "design", "sites", SEM_OBJECT },
	{ "design", "traffic", SEM_OBJECT },
	{ "design", "route_server", SEM_OBJECT },
	{ "design", "failover", SEM_OBJECT },
	{ "design", "suppress", SEM_OBJECT },
	{ "azure", "subscription", SEM_IDENTITY },
	{ "azure", "resource_group", SEM_IDENTITY },
	{ "azure", "region", SEM_IDENTITY },
	{ "azure", "vnet", SEM_OBJECT },
	{ "azure", "spokes", SEM_OBJECT },
	{ "azure", "expressroute_gateway", SEM_OBJECT },
	{ "azure", "vpn_gateway", SEM_OBJECT },
	{ "vnet", "name", SEM_IDENTITY },
	{ "vnet", "address_space", SEM_ADDRESS },
	{ "vnet", "subnets", SEM_OBJECT },
	{ "subnet", "name", SEM_IDENTITY },
	{ "subnet", "prefix", SEM_ADDRESS },
	{ "spoke", "name", SEM_IDENTITY },
	{ "spoke", "address_space", SEM_ADDRESS },
	{ "expressroute_gateway", "name", SEM_IDENTITY },
	{ "expressroute_gateway", "sku", SEM_SKU },
	{ "expressroute_gateway", "scale_units", SEM_SKU },
	{ "expressroute_gateway", "fastpath", SEM_POLICY },
	{ "instance", "public_ip", SEM_CONN },
	{ "instance", "bgp_ip", SEM_CONN },
	{ "instance", "apipa_bgp_ip", SEM_CONN },
	{ "vpn_gateway", "name", SEM_IDENTITY },
	{ "vpn_gateway", "sku", SEM_SKU },
	{ "vpn_gateway", "generation", SEM_SKU },
	{ "vpn_gateway", "vpn_type", SEM_CONN },
	{ "vpn_gateway", "active_active", SEM_CONN },
	{ "vpn_gateway", "asn", SEM_CONN },
	{ "vpn_gateway", "bgp", SEM_CONN },
	{ "vpn_gateway", "instances", SEM_OBJECT },
	{ "private_peering", "peer_asn", SEM_CONN },
	{ "private_peering", "vlan_id", SEM_CONN },
	{ "private_peering", "primary_subnet", SEM_CONN },
	{ "private_peering", "secondary_subnet", SEM_CONN },
	{ "private_peering", "bfd", SEM_POLICY },
	{ "circuit", "name", SEM_IDENTITY },
	{ "circuit", "provider", SEM_IDENTITY },
	{ "circuit", "peering_location", SEM_IDENTITY },
	{ "circuit", "bandwidth_mbps", SEM_CAPACITY },
	{ "circuit", "direct_port_gbps", SEM_SKU },
	{ "circuit", "sku", SEM_SKU },
	{ "circuit", "routing_weight", SEM_POLICY },
	{ "circuit", "fastpath", SEM_POLICY },
	{ "circuit", "private_peering", SEM_CONN },
	{ "circuit", "resource_group", SEM_IDENTITY },
	{ "circuit", "subscription", SEM_IDENTITY },
	{ "circuit", "shared_with", SEM_DOC },
	{ "circuit", "service_key", SEM_DOC },
	{ "circuit", "provider_noc", SEM_DOC },
	{ "circuit", "escalation", SEM_DOC },
	{ "expressroute", "circuit", SEM_IDENTITY },
	{ "expressroute", "connection", SEM_CONN },
	{ "expressroute", "advertise", SEM_POLICY },
	{ "expressroute", "local_preference", SEM_POLICY },
	{ "expressroute", "as_path_prepend", SEM_POLICY },
	{ "device", "vendor", SEM_DOC },
	{ "device", "model", SEM_DOC },
	{ "bgp", "asn", SEM_CONN },
	{ "bgp", "peer_ip", SEM_CONN },
	{ "ike", "version", SEM_CONN },
	{ "ike", "dpd_timeout_s", SEM_CONN },
	{ "ike", "sa_lifetime_s", SEM_CONN },
	{ "vpn", "name", SEM_IDENTITY },
	{ "vpn", "device", SEM_DOC },
	{ "vpn", "public_ip", SEM_CONN },
	{ "vpn", "local_network_gateway", SEM_CONN },
	{ "vpn", "connection", SEM_CONN },
	{ "vpn", "shared_key_ref", SEM_CONN },
	{ "vpn", "bgp", SEM_CONN },
	{ "vpn", "static", SEM_CONN },
	{ "vpn", "ike", SEM_CONN },
	{ "vpn", "advertise", SEM_POLICY },
	{ "vpn", "local_preference", SEM_POLICY },
	{ "vpn", "as_path_prepend", SEM_POLICY },
	{ "site", "name", SEM_IDENTITY },
	{ "site", "location", SEM_DOC },
	{ "site", "address_prefixes", SEM_ADDRESS },
	{ "site", "expressroute", SEM_OBJECT },
	{ "site", "vpn", SEM_OBJECT },
	{ "traffic", "site", SEM_DEMAND },
	{ "traffic", "to", SEM_DEMAND },
	{ "traffic", "peak_mbps", SEM_DEMAND },
	{ "route_server", "enabled", SEM_CONN },
	{ "route_server", "branch_to_branch", SEM_POLICY },
	{ "route_server", "routing_preference", SEM_POLICY },
	{ "failover", "depth", SEM_DEMAND },
	{ "failover", "tests", SEM_DEMAND },
	{ "failover", "maintenance_window", SEM_DOC },
	{ "suppress", "rule", SEM_DEMAND },
	{ "suppress", "object", SEM_DEMAND },
	{ "suppress", "reason", SEM_DEMAND },
};

enum schema_sem
schema_sem(const struct schema_obj *o, const struct schema_field *f)
{
	size_t	 i;

	for (i = 0; i < sizeof(sems) / sizeof(sems[0]); i++)
		if (strcmp(sems[i].obj, o->name) == 0 &&
		    strcmp(sems[i].key, f->key) == 0)
			return sems[i].sem;
	return SEM_UNSET;
}

const char *
schema_sem_name(enum schema_sem sem)
{
	static const char *const names[] = { "unset", "doc", "demand",
	    "identity", "address", "sku", "capacity", "policy",
	    "connectivity", "setting", "object" };

	return (size_t)sem < sizeof(names) / sizeof(names[0]) ?
	    names[sem] : "unset";
}

/* What a change to a field of each class means, in words (format.md). */
const char *
schema_sem_words(enum schema_sem sem)
{
	static const char *const words[] = {
		"not declared",
		"Documentation only: nothing in Azure changes.",
		"What the network must carry or survive, or an accepted "
		"finding: no network change.",
		"Names or places an object.",
		"The address plan.",
		"A SKU, generation or scale: the resource is resized or "
		"recreated.",
		"Bandwidth.",
		"Routing policy: advertisements, preferences, weights, BFD, "
		"FastPath.",
		"Connectivity: addresses, BGP, IPsec, connections; tunnels or "
		"BGP sessions reset.",
		"Any other setting of an Azure resource.",
		"Holds objects whose own fields say what a change means.",
	};

	return (size_t)sem < sizeof(words) / sizeof(words[0]) ?
	    words[sem] : words[0];
}

/* ---- Which objects have identity (schema.h, struct schema_ident) ---- */

static const struct schema_ident idents[] = {
	{ "design", SK_DESIGN, NULL, NULL, 0, "design", "design" },
	{ "vnet", SK_VNET, NULL, NULL, 0, "vnet", "VNet" },
	{ "subnet", SK_SUBNET, "name", NULL, 0, "subnet", "subnet" },
	{ "spoke", SK_SPOKE, "name", NULL, 0, "spoke", "spoke VNet" },
	{ "expressroute_gateway", SK_ER_GATEWAY, NULL, NULL, 1,
	    "er_gateway", "ExpressRoute gateway" },
	{ "vpn_gateway", SK_VPN_GATEWAY, NULL, NULL, 1, "vpn_gateway",
	    "VPN gateway" },
	{ "instance", SK_INSTANCE, NULL, NULL, 0, "instance",
	    "VPN gateway instance" },
	{ "circuit", SK_CIRCUIT, "name", NULL, 0, "circuit", "circuit" },
	{ "site", SK_SITE, "name", NULL, 0, "site", "site" },
	{ "expressroute", SK_SITE_ER, "circuit", NULL, 0, "site_er",
	    "ExpressRoute attachment" },
	{ "vpn", SK_DEVICE, "name", NULL, 0, "device", "VPN device" },
	{ "traffic", SK_TRAFFIC, "site", "to", 0, "traffic",
	    "traffic entry" },
	{ "route_server", SK_ROUTE_SERVER, NULL, NULL, 0, "route_server",
	    "Route Server" },
	{ "failover", SK_FAILOVER, NULL, NULL, 0, "failover",
	    "failover settings" },
	{ "suppress", SK_SUPPRESS, "rule", "object", 0, "suppress",
	    "suppress entry" },
};

const struct schema_ident *
schema_ident(const struct schema_obj *o)
{
	size_t	 i;

	for (i = 0; i < sizeof(idents) / sizeof(idents[0]); i++)
		if (strcmp(idents[i].obj, o->name) == 0)
			return &idents[i];
	return NULL;
}

const struct schema_ident *
schema_ident_kind(enum schema_kind k)
{
	size_t	 i;

	for (i = 0; i < sizeof(idents) / sizeof(idents[0]); i++)
		if (idents[i].kind == k)
			return &idents[i];
	return NULL;
}

/* ---- binding ---- */

struct binder {
	const char	*file;
	struct diags	*d;
	int		 ok;
};

static void
bind_error(struct binder *b, const char *id, struct mark m, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

/* An input error; id is its row of input_rules[] (catalog.h). */
static void
bind_error(struct binder *b, const char *id, struct mark m, const char *fmt,
    ...)
{
	struct buf	 msg = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diags_add(b->d, DIAG_ERROR, b->file, m, id, "%s", buf_cstr(&msg));
	buf_release(&msg);
	b->ok = 0;
}

static const char *
kind_name(const struct value *v)
{
	switch (v->kind) {
	case VALUE_NULL:
		return "nothing (null)";
	case VALUE_BOOL:
		return "a boolean";
	case VALUE_NUM:
		return "a number";
	case VALUE_STR:
		return "a string";
	case VALUE_LIST:
		return "a list";
	default:
		return "a mapping";
	}
}

const char *
schema_type_words(enum schema_type t)
{
	switch (t) {
	case ST_STR:
		return "a string";
	case ST_NAME:
		return "a name (letters, digits, '_', '.', '-')";
	case ST_SLUG:
		return "a slug (lower-case letters, digits and '-')";
	case ST_INT:
		return "an integer";
	case ST_BOOL:
		return "true or false";
	case ST_ENUM:
		return "one of the listed values";
	case ST_PREFIX:
		return "an IP prefix such as 10.1.0.0/16";
	case ST_ADDR:
		return "an IP address such as 131.107.72.22";
	case ST_OBJ:
		return "a mapping";
	default:
		return "a list";
	}
}

static size_t
edit_distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j;
	size_t	 row[64], prev, tmp;

	if (la > 60 || lb > 60)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *
schema_suggest(const char *word, const char *const *cands, size_t n)
{
	size_t		 i, d, best = 3, lw = strlen(word);
	const char	*pick = NULL;

	for (i = 0; i < n; i++) {
		if (strcasecmp(word, cands[i]) == 0)
			return cands[i];
		d = edit_distance(word, cands[i]);
		/* Short words: one edit at most, or anything matches. */
		if (lw <= 3 && d > 1)
			continue;
		if (d < best) {
			best = d;
			pick = cands[i];
		}
	}
	return pick;
}

static int
name_ok(const char *s, int slug)
{
	size_t	 i;

	if (s[0] == '\0' || strlen(s) > 80)
		return 0;
	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			continue;
		if (slug && c == '-' && i > 0)
			continue;
		if (!slug && ((c >= 'A' && c <= 'Z') ||
		    (i > 0 && (c == '_' || c == '.' || c == '-'))))
			continue;
		return 0;
	}
	return 1;
}

int
schema_slug_ok(const char *s)
{
	return name_ok(s, 1);
}

static void
enum_list(struct buf *b, const char *const *e)
{
	size_t	 i;

	for (i = 0; e[i]; i++)
		buf_printf(b, "%s%s", i ? ", " : "", e[i]);
}

/*
 * The fields a design may give as `unknown` (value_is_unknown): values
 * Azure or the provider assigns, or that an import cannot read.  Names,
 * references, SKUs, switches and the address plan are the designer's
 * choice and may not be unknown.  design.c lists each unknown with its
 * object path; rules, simulation and renderers ask design_unknown().
 */
static const struct {
	const char	*obj;
	const char	*key;
} unknowable[] = {
	{ "instance", "public_ip" },
	{ "instance", "bgp_ip" },
	{ "circuit", "provider" },
	{ "circuit", "peering_location" },
	{ "circuit", "bandwidth_mbps" },
	{ "private_peering", "peer_asn" },
	{ "private_peering", "primary_subnet" },
	{ "private_peering", "secondary_subnet" },
	{ "private_peering", "vlan_id" },
	{ "site", "location" },
	{ "vpn", "public_ip" },
	{ "device", "vendor" },
	{ "device", "model" },
	{ "bgp", "asn" },
	{ "bgp", "peer_ip" },
};

int
schema_unknowable(const char *obj, const char *key)
{
	size_t	 i;

	for (i = 0; i < sizeof(unknowable) / sizeof(unknowable[0]); i++)
		if (strcmp(unknowable[i].obj, obj) == 0 &&
		    strcmp(unknowable[i].key, key) == 0)
			return 1;
	return 0;
}

static void bind_obj(struct binder *, const struct schema_obj *,
    const struct value *, char *, const char *);
static void defaults_obj(const struct schema_obj *, char *, unsigned);

/*
 * The rest of a list element's path: ".NAME" for an object known by one
 * key (a site, circuit, device, subnet, spoke, attachment), as the
 * design's own messages and object paths name it; a VPN device without
 * a name is "vpnN", the name it then gets; anything else "[i]".
 */
static void
elem_path(struct buf *sub, const struct schema_field *f,
    const struct value *item, size_t i, const char *index)
{
	const struct schema_ident *id = f->elem == ST_OBJ ?
	    schema_ident(f->obj) : NULL;
	const struct value *k;

	if (id != NULL && id->key1 != NULL && id->key2 == NULL) {
		k = item->kind == VALUE_MAP ? value_map_get(item, id->key1) :
		    NULL;
		if (k != NULL && k->kind == VALUE_STR && name_ok(k->str, 0) &&
		    !value_is_unknown(k)) {
			buf_putc(sub, '.');
			buf_puts(sub, k->str);
			return;
		}
		if (k == NULL && id->kind == SK_DEVICE) {
			buf_printf(sub, ".vpn%zu", i + 1);
			return;
		}
	}
	buf_puts(sub, index);
}

/* A YAML 1.1 boolean word (y, yes, on, ...), which YAML 1.2 and this
 * loader read as a string. */
static int
yaml11_bool(const char *s)
{
	static const char *const words[] = { "y", "Y", "yes", "Yes", "YES",
		"n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
		"OFF", NULL };
	size_t	 i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(s, words[i]) == 0)
			return 1;
	return 0;
}

/* Binds a scalar of type t at dst.  Returns non-zero when it bound. */
static int
bind_scalar(struct binder *b, const struct schema_field *f,
    enum schema_type t, const struct value *v, char *dst, const char *path)
{
	enum prefix_status st;
	struct prefix	 p;
	char		 txt[PREFIX_STRLEN];
	long		 i;

	if (value_is_unknown(v)) {
		bind_error(b, "HD006", v->mark, "%s: may not be unknown (only "
		    "values Azure or a provider assigns may be; quote "
		    "\"unknown\" to mean the word)", path);
		return 0;
	}
	if (v->kind == VALUE_LIST || v->kind == VALUE_MAP ||
	    (v->kind == VALUE_NULL && t != ST_STR)) {
		bind_error(b, "HD006", v->mark, "%s: expected %s, got %s", path,
		    schema_type_words(t), kind_name(v));
		return 0;
	}
	switch (t) {
	case ST_STR:
		*(char **)dst = xstrdup(v->kind == VALUE_NULL ? "" : v->str);
		return 1;
	case ST_NAME:
	case ST_SLUG:
		if (v->kind != VALUE_STR && v->kind != VALUE_NUM)
			goto type;
		if (!name_ok(v->str, t == ST_SLUG)) {
			bind_error(b, "HD009", v->mark, "%s: '%s' is not %s of at most "
			    "80 characters", path, v->str, schema_type_words(t));
			return 0;
		}
		*(char **)dst = xstrdup(v->str);
		return 1;
	case ST_INT:
		if (v->kind != VALUE_NUM || !v->isint)
			goto type;
		if (f->min == f->max && v->num != (double)f->min) {
			bind_error(b, "HD008", v->mark, "%s: %s is not supported; "
			    "expected %ld", path, v->str, f->min);
			return 0;
		}
		if (v->num < (double)f->min || v->num > (double)f->max) {
			bind_error(b, "HD008", v->mark, "%s: %s is out of range; expected "
			    "an integer from %ld to %ld", path, v->str, f->min,
			    f->max);
			return 0;
		}
		*(long *)dst = (long)v->num;
		return 1;
	case ST_BOOL:
		if (v->kind != VALUE_BOOL)
			goto type;
		*(int *)dst = v->b;
		return 1;
	case ST_ENUM:
		for (i = 0; f->enums[i]; i++)
			if (v->kind == VALUE_STR &&
			    strcmp(v->str, f->enums[i]) == 0) {
				*(int *)dst = (int)i;
				return 1;
			}
		{
			struct buf	 e = BUF_INIT;
			const char	*s;

			enum_list(&e, f->enums);
			for (i = 0; f->enums[i]; i++)
				;
			s = v->str ? schema_suggest(v->str, f->enums,
			    (size_t)i) : NULL;
			bind_error(b, "HD007", v->mark, "%s: '%s' is not allowed; "
			    "expected one of %s%s%s%s", path, v->str,
			    buf_cstr(&e), s ? " (did you mean '" : "",
			    s ? s : "", s ? "'?)" : "");
			buf_release(&e);
		}
		return 0;
	case ST_PREFIX:
	case ST_ADDR:
		if (v->kind != VALUE_STR)
			goto type;
		st = t == ST_PREFIX ? prefix_parse(v->str, &p) :
		    addr_parse(v->str, &p);
		if (st == PREFIX_HOSTBITS) {
			prefix_normalize(&p);
			bind_error(b, "HD010", v->mark, "%s: %s has host bits set; did "
			    "you mean %s?", path, v->str,
			    prefix_format(&p, txt, 1));
			return 0;
		}
		if (st == PREFIX_SYNTAX) {
			bind_error(b, "HD009", v->mark, "%s: '%s' is not %s", path,
			    v->str, schema_type_words(t));
			return 0;
		}
		if (st != PREFIX_OK) {
			bind_error(b, "HD009", v->mark, "%s: '%s' is not %s (%s)", path,
			    v->str, schema_type_words(t), prefix_status_str(st));
			return 0;
		}
		*(struct prefix *)dst = p;
		return 1;
	default:
		return 0;
	}
type:
	bind_error(b, "HD006", v->mark, "%s: expected %s, got %s '%s'%s", path,
	    schema_type_words(t), kind_name(v), v->str ? v->str : "",
	    t == ST_BOOL && v->kind == VALUE_STR && yaml11_bool(v->str) ?
	    " (YAML 1.1 booleans such as yes, no, on and off are strings "
	    "here: write true or false, unquoted)" : "");
	return 0;
}

static void
bind_default(const struct schema_field *f, char *dst)
{
	long	 i;

	if (f->def == NULL)
		return;
	switch (f->type) {
	case ST_INT:
		*(long *)dst = strtol(f->def, NULL, 10);
		break;
	case ST_BOOL:
		*(int *)dst = strcmp(f->def, "true") == 0;
		break;
	case ST_ENUM:
		for (i = 0; f->enums[i]; i++)
			if (strcmp(f->def, f->enums[i]) == 0)
				*(int *)dst = (int)i;
		break;
	case ST_STR:
		*(char **)dst = xstrdup(f->def);
		break;
	default:
		break;
	}
}

static void
bind_list(struct binder *b, const struct schema_field *f,
    const struct value *v, char *base, const char *path)
{
	const struct value *const *items;
	const struct value *one[1];
	size_t		 n, i, esz;
	char		*arr;
	struct buf	 sub = BUF_INIT;

	if (v->kind == VALUE_MAP && (f->flags & SF_ONE_OR_MANY)) {
		one[0] = v;
		items = one;
		n = 1;
	} else if (v->kind != VALUE_LIST) {
		bind_error(b, "HD006", v->mark, "%s: expected a list%s, got %s", path,
		    f->flags & SF_ONE_OR_MANY ? " or a mapping" : "",
		    kind_name(v));
		return;
	} else {
		items = (const struct value *const *)v->items;
		n = v->n;
	}
	if (n == 0 && (f->flags & SF_NONEMPTY)) {
		bind_error(b, "HD008", v->mark, "%s: expected at least one entry", path);
		return;
	}
	if (n > MAX_LIST) {
		bind_error(b, "HD008", v->mark, "%s: %zu entries is more than the limit "
		    "of %d", path, n, MAX_LIST);
		return;
	}
	switch (f->elem) {
	case ST_OBJ:
		esz = f->obj->size;
		break;
	case ST_PREFIX:
	case ST_ADDR:
		esz = sizeof(struct prefix);
		break;
	default:
		esz = sizeof(char *);
		break;
	}
	arr = xcalloc(n ? n : 1, esz);
	*(void **)(base + f->off) = arr;
	*(size_t *)(base + f->off_n) = n;
	for (i = 0; i < n; i++) {
		char	 num[32], *np = num + sizeof(num);
		size_t	 k = i;

		/* "path[i]" without printf: this runs for every element */
		*--np = '\0';
		*--np = ']';
		do
			*--np = (char)('0' + k % 10);
		while ((k /= 10) > 0);
		*--np = '[';
		buf_truncate(&sub, 0);
		buf_puts(&sub, path);
		elem_path(&sub, f, items[i], i, np);
		if (f->elem == ST_OBJ) {
			/* Defaults of absent objects inside the element. */
			defaults_obj(f->obj, arr + i * esz, 0);
			*(const struct value **)(arr + i * esz) = items[i];
			bind_obj(b, f->obj, items[i], arr + i * esz,
			    buf_cstr(&sub));
		} else
			bind_scalar(b, f, f->elem, items[i], arr + i * esz,
			    buf_cstr(&sub));
	}
	buf_release(&sub);
}

static void
bind_obj(struct binder *b, const struct schema_obj *o, const struct value *v,
    char *base, const char *path)
{
	const struct schema_field *f;
	const char	*cands[32];
	const char	*meant[32];	/* keys a did-you-mean named */
	const char	*s;
	size_t		 i, j, nc = 0, nm = 0;
	long		 k;
	struct buf	 sub = BUF_INIT;
	const struct value *c;

	if (v->kind != VALUE_MAP) {
		bind_error(b, "HD006", v->mark, "%s: expected a mapping (%s), got %s",
		    *path ? path : "design", o->name, kind_name(v));
		return;
	}
	for (f = o->fields; f->key; f++)
		if (nc < 32)
			cands[nc++] = f->key;
	/* Unknown keys first, in document order. */
	for (i = 0; i < v->n; i++) {
		for (f = o->fields; f->key; f++)
			if (strcmp(f->key, v->keys[i]) == 0)
				break;
		if (f->key)
			continue;
		if (diags_full(b->d)) {
			/* Only counted: skip the suggestion and the list. */
			bind_error(b, "HD004", v->key_marks[i], "unknown key");
			continue;
		}
		s = schema_suggest(v->keys[i], cands, nc);
		if (s) {
			bind_error(b, "HD004", v->key_marks[i], "%s: unknown key '%s'; "
			    "did you mean '%s'?", *path ? path : "design",
			    v->keys[i], s);
			if (nm < 32)
				meant[nm++] = s;
		} else {
			struct buf	 e = BUF_INIT;

			cands[nc] = NULL;
			enum_list(&e, cands);
			bind_error(b, "HD004", v->key_marks[i], "%s: unknown key '%s'; "
			    "expected one of %s", *path ? path : "design",
			    v->keys[i], buf_cstr(&e));
			buf_release(&e);
		}
	}
	for (f = o->fields; f->key; f++) {
		k = value_map_index(v, f->key);
		/* puts, not printf: this runs for every field of every object */
		buf_truncate(&sub, 0);
		buf_puts(&sub, path);
		if (*path)
			buf_putc(&sub, '.');
		buf_puts(&sub, f->key);
		if (k < 0) {
			/* A misspelling of it was reported (did you mean):
			 * that error explains this one. */
			for (j = 0; j < nm; j++)
				if (strcmp(meant[j], f->key) == 0)
					break;
			if ((f->flags & SF_REQUIRED) && j == nm)
				bind_error(b, "HD005", v->mark, "%s: missing required "
				    "key '%s' (%s)", path[0] ? path : "design",
				    f->key, schema_type_words(f->type == ST_LIST ?
				    f->elem : f->type));
			else if (!(f->flags & SF_REQUIRED))
				bind_default(f, base + f->off);
			continue;
		}
		c = v->items[k];
		/* Not known yet: left zero, listed by design.c. */
		if (value_is_unknown(c) && schema_unknowable(o->name, f->key))
			continue;
		if (f->off_has != SCHEMA_NOOFF)
			*(int *)(base + f->off_has) = 1;
		switch (f->type) {
		case ST_OBJ:
			if (f->off_node != SCHEMA_NOOFF)
				*(const struct value **)(base + f->off_node) =
				    c;
			bind_obj(b, f->obj, c, base + f->off,
			    buf_cstr(&sub));
			break;
		case ST_LIST:
			bind_list(b, f, c, base, buf_cstr(&sub));
			break;
		default:
			bind_scalar(b, f, f->type, c, base + f->off,
			    buf_cstr(&sub));
			break;
		}
	}
	/* Defaults inside absent optional objects are applied by the
	 * caller's bind_default pass over those objects: see below. */
	buf_release(&sub);
}

/*
 * Optional objects that are absent still need their fields' defaults
 * (e.g. ike.version when no ike: is given).  Applied before binding so
 * that given values overwrite them.
 */
static void
defaults_obj(const struct schema_obj *o, char *base, unsigned depth)
{
	const struct schema_field *f;

	if (depth > 8)
		return;
	for (f = o->fields; f->key; f++) {
		if (f->type == ST_OBJ)
			defaults_obj(f->obj, base + f->off, depth + 1);
		else if (f->type != ST_LIST)
			bind_default(f, base + f->off);
	}
}

static void
bind_obj_defaults(struct binder *b, const struct schema_obj *o,
    const struct value *v, char *base, const char *path)
{
	defaults_obj(o, base, 0);
	bind_obj(b, o, v, base, path);
}

int
schema_bind(const struct schema_obj *obj, const struct value *root,
    void *base, const char *file, struct diags *d)
{
	struct binder	 b;

	b.file = file;
	b.d = d;
	b.ok = 1;
	if (root->kind == VALUE_NULL) {
		bind_error(&b, "HD006", root->mark.line ? root->mark :
		    (struct mark){ 1, 1 }, "the file is empty; expected a "
		    "design mapping starting with 'hybridoc: 1'");
		return 0;
	}
	bind_obj_defaults(&b, obj, root, base, "");
	return b.ok;
}

static void
release_strings(const struct schema_field *f, char *p)
{
	if (f->type == ST_STR || f->type == ST_NAME || f->type == ST_SLUG) {
		free(*(char **)p);
		*(char **)p = NULL;
	}
}

void
schema_release(const struct schema_obj *obj, void *basep)
{
	const struct schema_field *f;
	char		*base = basep, *arr;
	size_t		 i, n, esz;

	if (base == NULL)
		return;
	for (f = obj->fields; f->key; f++) {
		switch (f->type) {
		case ST_OBJ:
			schema_release(f->obj, base + f->off);
			break;
		case ST_LIST:
			arr = *(char **)(base + f->off);
			n = *(size_t *)(base + f->off_n);
			if (f->elem == ST_OBJ) {
				esz = f->obj->size;
				for (i = 0; i < n; i++)
					schema_release(f->obj, arr + i * esz);
			} else if (f->elem == ST_STR || f->elem == ST_NAME) {
				for (i = 0; i < n; i++)
					free(((char **)(void *)arr)[i]);
			}
			free(arr);
			*(char **)(base + f->off) = NULL;
			*(size_t *)(base + f->off_n) = 0;
			break;
		default:
			release_strings(f, base + f->off);
			break;
		}
	}
}

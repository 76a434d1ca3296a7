/*
 * The rule catalog: one row per rule (id, severity, title, description,
 * fix, help link), indexed by enum rule_id.  A leaf: the checks that
 * produce findings for these rows live in rules.c and sim.c, and
 * findings.c, the design's suppress ids, the SARIF rule entries and the
 * runbook read the rows.  Each help link is the Microsoft Learn page the
 * rule's fact comes from; the description says when the rule fires and
 * the fix what to change, in the words of the checks' own messages.
 */
#include <stddef.h>
#include <string.h>

#include "hybridoc/catalog.h"

/* Sources of azure-rules.md, all under learn.microsoft.com/en-us/azure/. */
#define LEARN		"https://learn.microsoft.com/en-us/azure/"
#define COEX		LEARN "expressroute/expressroute-howto-coexist-resource-manager"
#define COEX_PORTAL	LEARN "expressroute/how-to-configure-coexisting-gateway-portal"
#define S2S_BACKUP	LEARN "expressroute/use-s2s-vpn-as-backup-for-expressroute-privatepeering"
#define ER_GW		LEARN "expressroute/expressroute-about-virtual-network-gateways"
#define ER_FAQ		LEARN "expressroute/expressroute-faqs"
#define ER_ROUTING	LEARN "expressroute/expressroute-routing"
#define ER_BFD		LEARN "expressroute/expressroute-bfd"
#define VPN_FAQ		LEARN "vpn-gateway/vpn-gateway-vpn-faq"
#define VPN_SKU		LEARN "vpn-gateway/about-gateway-skus"
#define VPN_HA		LEARN "vpn-gateway/vpn-gateway-highlyavailable"
#define VPN_AA		LEARN "vpn-gateway/about-active-active-gateways"
#define VPN_BGP		LEARN "vpn-gateway/bgp-howto"
#define VPN_DEV		LEARN "vpn-gateway/vpn-gateway-about-vpn-devices"
#define RS_ERVPN	LEARN "route-server/expressroute-vpn-support"
/*
 * Not in the Sources list: "Add, change, or delete a virtual network
 * subnet" (MicrosoftDocs/azure-docs,
 * articles/virtual-network/virtual-network-manage-subnet.md): a subnet's
 * range must lie within the VNet's address space and not overlap
 * another subnet.
 */
#define VNET_SUBNET	LEARN "virtual-network/virtual-network-manage-subnet"

const struct rule rules[] = {
	/* Address plan */
	[HD101] = { "HD101", DIAG_ERROR,
	    "No subnet is named exactly GatewaySubnet",
	    "A gateway exists but no subnet of the VNet is named "
	    "exactly GatewaySubnet (the finding says so when a subnet "
	    "differs only in case).",
	    "Add a subnet named exactly GatewaySubnet, /27 or larger, "
	    "inside the VNet address space, or rename the one that "
	    "differs in case.",
	    ER_GW },
	[HD102] = { "HD102", DIAG_ERROR,
	    "GatewaySubnet is smaller than /27 with both gateways",
	    "Both an ExpressRoute and a VPN gateway exist and "
	    "GatewaySubnet is smaller than /27.",
	    "Widen GatewaySubnet to a /27 or larger.",
	    COEX },
	/* The /26 needed for many circuits: ER-GW, "Gateway subnet". */
	[HD103] = { "HD103", DIAG_ERROR,
	    "GatewaySubnet is smaller than /26 with more than 8 circuits",
	    "The ExpressRoute gateway links more than 8 circuits and "
	    "GatewaySubnet is smaller than /26.",
	    "Widen GatewaySubnet to a /26 or larger, or link fewer "
	    "circuits.",
	    ER_GW },
	[HD104] = { "HD104", DIAG_ERROR,
	    "A subnet lies outside the VNet address space or overlaps another",
	    "A subnet lies outside the VNet address space, or two "
	    "subnets overlap.",
	    "Give each subnet its own range inside the VNet address "
	    "space.",
	    VNET_SUBNET },
	[HD105] = { "HD105", DIAG_ERROR,
	    "An on-premises prefix overlaps the VNet address space",
	    "An on-premises prefix overlaps the VNet address space (or "
	    "a spoke's), so Azure and on premises both claim those "
	    "addresses.",
	    "Renumber one side or drop the prefix.",
	    S2S_BACKUP },
	[HD106] = { "HD106", DIAG_ERROR,
	    "Address prefixes of two sites overlap",
	    "Address prefixes of two sites overlap, so Azure cannot "
	    "tell the sites apart for those addresses.",
	    "Give each site its own prefixes.",
	    VPN_FAQ },
	[HD107] = { "HD107", DIAG_ERROR,
	    "A private peering link subnet overlaps the VNet or on premises",
	    "A private peering link subnet overlaps the VNet address "
	    "space or an on-premises prefix.",
	    "Pick link subnets outside Azure's and the on-premises "
	    "address plan.",
	    ER_ROUTING },
	[HD108] = { "HD108", DIAG_WARNING,
	    "A site advertises a prefix outside its address_prefixes",
	    "A site advertises, over a circuit or a VPN device, a "
	    "prefix that is not inside its own address_prefixes.",
	    "Add the prefix to the site's address_prefixes, or stop "
	    "advertising it.",
	    S2S_BACKUP },
	[HD109] = { "HD109", DIAG_ERROR,
	    "IPv6 address space with both gateways",
	    "The VNet has IPv6 address space while both gateways exist.",
	    "Remove the IPv6 range, or move one gateway to another "
	    "VNet.",
	    COEX },
	/* Gateways */
	[HD201] = { "HD201", DIAG_ERROR,
	    "Policy-based VPN gateway next to an ExpressRoute gateway",
	    "The VPN gateway is policy-based while an ExpressRoute "
	    "gateway exists; coexistence needs a route-based VPN "
	    "gateway.",
	    "Set vpn_type: RouteBased (the gateway has to be "
	    "recreated).",
	    COEX },
	[HD202] = { "HD202", DIAG_ERROR,
	    "Basic VPN gateway next to an ExpressRoute gateway",
	    "The VPN gateway uses the Basic SKU while an ExpressRoute "
	    "gateway exists; Basic cannot coexist with ExpressRoute.",
	    "Use VpnGw1AZ or larger.",
	    COEX },
	[HD203] = { "HD203", DIAG_ERROR,
	    "VPN gateway SKU does not exist in that generation",
	    "The VPN gateway's SKU does not exist in its generation "
	    "(for example VpnGw1 in generation 2, VpnGw4 in generation "
	    "1).",
	    "Set the generation the SKU exists in, or choose another "
	    "SKU.",
	    VPN_SKU },
	[HD204] = { "HD204", DIAG_WARNING,
	    "Non-AZ VPN gateway SKU (slated for migration)",
	    "The VPN gateway uses a non-AZ VpnGw SKU, which Azure is "
	    "migrating to the AZ SKUs.",
	    "Use the AZ SKU of the same size (VpnGw1 to VpnGw1AZ).",
	    VPN_SKU },
	[HD205] = { "HD205", DIAG_WARNING,
	    "Legacy Standard or HighPerformance VPN gateway SKU (retired)",
	    "The VPN gateway uses the legacy Standard or "
	    "HighPerformance SKU, which is retired.",
	    "Move to a VpnGw AZ SKU such as VpnGw1AZ.",
	    VPN_SKU },
	[HD206] = { "HD206", DIAG_ERROR,
	    "active_active does not match the gateway instances or SKU",
	    "active_active does not match the gateway: an active-active"
	    " gateway needs two instances and a non-Basic SKU, an "
	    "active-standby one lists one instance.",
	    "List two instances for active-active (each with its own "
	    "public IP) or one for active-standby, or change "
	    "active_active.",
	    VPN_AA },
	[HD207] = { "HD207", DIAG_WARNING,
	    "Active-standby VPN gateway: unplanned failover takes 1-3 minutes",
	    "The VPN gateway is active-standby: an unplanned failover "
	    "to the standby instance takes 1-3 minutes.",
	    "Make the gateway active-active, or accept the failover "
	    "time.",
	    VPN_HA },
	[HD208] = { "HD208", DIAG_WARNING,
	    "ExpressRoute gateway is slower than a linked circuit",
	    "The ExpressRoute gateway's throughput is below the "
	    "bandwidth of a circuit linked to it, so traffic over the "
	    "circuit is capped.",
	    "Use an ExpressRoute gateway SKU at least as fast as the "
	    "fastest circuit.",
	    ER_GW },
	/* FastPath SKUs: ER-GW, "FastPath" column of the SKU table. */
	[HD209] = { "HD209", DIAG_ERROR,
	    "FastPath on a gateway SKU without it",
	    "FastPath is asked for, on the gateway or a circuit's "
	    "connection, but the gateway's SKU has none.",
	    "Use a gateway SKU with FastPath, or set fastpath: false.",
	    ER_GW },
	/* BGP */
	[HD301] = { "HD301", DIAG_ERROR,
	    "VPN gateway ASN is not 65515 next to ExpressRoute",
	    "The VPN gateway's ASN is not 65515 while it coexists with "
	    "an ExpressRoute gateway.",
	    "Set asn: 65515 on the VPN gateway.",
	    COEX },
	[HD302] = { "HD302", DIAG_ERROR,
	    "An on-premises ASN is reserved",
	    "An on-premises ASN (a VPN device's BGP ASN or a circuit's "
	    "peer ASN) is one Azure reserves.",
	    "Pick a private ASN Azure allows on premises.",
	    VPN_FAQ },
	[HD303] = { "HD303", DIAG_ERROR,
	    "An on-premises ASN equals the Azure ASN",
	    "An on-premises ASN equals the Azure gateway's ASN.",
	    "Pick another ASN on one side; the two sides of a BGP "
	    "session need different ASNs.",
	    VPN_FAQ },
	[HD304] = { "HD304", DIAG_ERROR,
	    "Azure BGP address outside GatewaySubnet or the APIPA range",
	    "An Azure BGP address is outside GatewaySubnet, is one of "
	    "the five addresses Azure reserves in it, or a custom APIPA"
	    " address is outside 169.254.21.0-169.254.22.255.",
	    "Use an address of GatewaySubnet that Azure does not "
	    "reserve, or a custom APIPA address in "
	    "169.254.21.0-169.254.22.255.",
	    VPN_BGP },
	[HD305] = { "HD305", DIAG_ERROR,
	    "On-premises BGP peer address inside the VNet or the public IP",
	    "An on-premises BGP peer address is inside the VNet address"
	    " space or equals the device's public IP.",
	    "Use a separate on-premises address outside Azure's ranges "
	    "(e.g. a loopback) as the BGP peer.",
	    VPN_FAQ },
	[HD306] = { "HD306", DIAG_WARNING,
	    "APIPA BGP peer on premises without an Azure APIPA address",
	    "An on-premises device peers from an APIPA address but the "
	    "VPN gateway has no custom APIPA BGP address.",
	    "Set apipa_bgp_ip on the gateway's instances "
	    "(169.254.21.0-169.254.22.255).",
	    VPN_BGP },
	[HD307] = { "HD307", DIAG_ERROR,
	    "Several VPN devices of a site without BGP",
	    "A site has several VPN devices without BGP; the gateway "
	    "fails over between a site's devices only by BGP.",
	    "Configure bgp: {asn, peer_ip} on every device of the site.",
	    VPN_HA },
	[HD308] = { "HD308", DIAG_ERROR,
	    "BGP on a Basic VPN gateway",
	    "BGP is asked for on a Basic VPN gateway, which has no BGP.",
	    "Use VpnGw1AZ or larger, or make the connections static.",
	    VPN_SKU },
	/* ExpressRoute */
	[HD401] = { "HD401", DIAG_ERROR,
	    "Private peering link subnet is not a /30 or the two overlap",
	    "A private peering link subnet is not a /30 (IPv6 /126), or"
	    " the primary and secondary link subnets overlap.",
	    "Give each link its own /30 (your router on the first "
	    "usable address, Microsoft on the second).",
	    ER_ROUTING },
	[HD402] = { "HD402", DIAG_WARNING,
	    "BFD off on a private peering backed up by a VPN",
	    "BFD is off on a private peering that a VPN backs up: a "
	    "failure is detected only when the 180 s BGP hold time runs"
	    " out.",
	    "Set bfd: true and enable BFD on the on-premises routers.",
	    ER_BFD },
	/* Circuits per SKU: ER-GW; 4 per peering location: ER-FAQ. */
	[HD403] = { "HD403", DIAG_ERROR,
	    "More circuits than the gateway SKU or one peering location allows",
	    "More circuits are linked than the ExpressRoute gateway SKU"
	    " allows, or more than 4 come from one peering location.",
	    "Use a SKU that takes more circuits, link fewer, or take "
	    "circuits from another peering location.",
	    ER_GW },
	[HD404] = { "HD404", DIAG_WARNING,
	    "Circuit bandwidth no provider sells",
	    "A circuit's bandwidth is not a size providers sell and not"
	    " an ExpressRoute Direct size.",
	    "Use a bandwidth providers sell (50, 100, 200, 500, 1000, "
	    "2000, 5000 or 10000 Mbps).",
	    ER_FAQ },
	/* VPN */
	[HD501] = { "HD501", DIAG_WARNING,
	    "IKEv1 on a connection",
	    "A connection uses IKEv1: every rekey drops the tunnel for "
	    "up to 5 s.",
	    "Use IKEv2 (ike: {version: 2}).",
	    VPN_DEV },
	[HD502] = { "HD502", DIAG_ERROR,
	    "DPD timeout or phase 2 SA lifetime out of range",
	    "A DPD timeout is outside 9-3600 s, or a custom phase 2 SA "
	    "lifetime is below 300 s.",
	    "Use the default DPD timeout of 45 s and a phase 2 lifetime"
	    " of at least 300 s (the default is 27000 s).",
	    VPN_DEV },
	[HD503] = { "HD503", DIAG_ERROR,
	    "Device public IP is private, reserved or shared by two sites",
	    "A device's public IP is private or reserved, or two "
	    "devices share a public IP.",
	    "Give each device its own Internet address (the NAT's "
	    "outside address when behind NAT).",
	    VPN_FAQ },
	[HD504] = { "HD504", DIAG_ERROR,
	    "More tunnels than the VPN gateway SKU allows",
	    "The site-to-site tunnels exceed the VPN gateway SKU's "
	    "limit (each device counts twice on an active-active "
	    "gateway).",
	    "Use a VPN gateway SKU that allows more tunnels, or connect"
	    " fewer devices.",
	    VPN_SKU },
	/* Routing and failover: produced by the simulation (sim.c). */
	[HD601] = { "HD601", DIAG_WARNING,
	    "Baseline traffic to an ExpressRoute site goes over the VPN",
	    "In the baseline, Azure sends traffic for a prefix of a "
	    "site that has ExpressRoute over the VPN, because the VPN "
	    "advertises it more specifically or ExpressRoute does not "
	    "advertise it.",
	    "Advertise the same prefixes on both paths, unless the VPN "
	    "is meant to carry that traffic.",
	    S2S_BACKUP },
	[HD602] = { "HD602", DIAG_WARNING,
	    "A prefix becomes unreachable under a single failure",
	    "A prefix becomes unreachable from Azure under a single "
	    "failure other than the loss of its own whole site (or is "
	    "unreachable even in the baseline).",
	    "Add a backup path: a second VPN device or circuit, or a "
	    "VPN next to ExpressRoute.",
	    S2S_BACKUP },
	[HD603] = { "HD603", DIAG_WARNING,
	    "A site's return path is undetermined",
	    "A site's return path to Azure is undetermined: the VNet "
	    "prefixes arrive with AS paths of equal length over "
	    "ExpressRoute and the VPN, and local preference does not "
	    "favour one.",
	    "Give the ExpressRoute path the higher local preference on "
	    "the on-premises routers.",
	    S2S_BACKUP },
	[HD604] = { "HD604", DIAG_WARNING,
	    "A site's return path is asymmetric",
	    "A site's return path differs from Azure's path to it in "
	    "the baseline (asymmetric routing); stateful firewalls drop"
	    " such flows.",
	    "Give the path Azure uses the higher local preference.",
	    S2S_BACKUP },
	[HD605] = { "HD605", DIAG_WARNING,
	    "Path capacity below the site's declared peak traffic",
	    "In a scenario, or even in the baseline, the path to a site"
	    " carries less than the site's declared peak traffic.",
	    "Add capacity (VPN gateway SKU, circuit bandwidth) or "
	    "accept degraded service in those scenarios.",
	    VPN_SKU },
	[HD606] = { "HD606", DIAG_ERROR,
	    "ExpressRoute-VPN transit without Route Server branch-to-branch",
	    "Transit between a site reached only over ExpressRoute and "
	    "a site reached only over the VPN is declared, but Route "
	    "Server with branch-to-branch is not enabled.",
	    "Enable route_server.enabled and "
	    "route_server.branch_to_branch (active-active VPN gateway, "
	    "ASN 65515).",
	    RS_ERVPN },
	[HD607] = { "HD607", DIAG_ERROR,
	    "Route Server branch-to-branch needs an active-active ASN 65515 VPN gateway",
	    "Route Server branch-to-branch is enabled with a VPN "
	    "gateway that is not active-active or not ASN 65515.",
	    "Make the VPN gateway active-active with two instances and "
	    "keep ASN 65515.",
	    RS_ERVPN },
	[HD608] = { "HD608", DIAG_NOTE,
	    "AS-path prepending on the VPN does not beat ExpressRoute",
	    "A device prepends its AS path on the VPN; Azure prefers "
	    "ExpressRoute over the VPN for the same prefix whatever the"
	    " AS path, so prepending only orders the site's VPN "
	    "tunnels.",
	    "Remove the prepending, or keep it only to order the VPN "
	    "tunnels.",
	    S2S_BACKUP },
	/* Limits */
	[HD701] = { "HD701", DIAG_ERROR,
	    "Too many prefixes advertised to the VPN gateway or a circuit",
	    "The prefixes sent to the VPN gateway exceed 4000, or those"
	    " advertised over a circuit exceed its private peering "
	    "limit (4000 on Local/Standard, 10000 on Premium).",
	    "Summarize the prefixes, or use a Premium circuit.",
	    ER_FAQ },
	[HD702] = { "HD702", DIAG_ERROR,
	    "More than 1000 VNet prefixes advertised over ExpressRoute",
	    "The VNet and its spokes would advertise more than 1000 "
	    "prefixes over ExpressRoute.",
	    "Summarize the address spaces.",
	    ER_FAQ },
	[HD703] = { "HD703", DIAG_WARNING,
	    "Routes learned exceed the ExpressRoute gateway SKU's limit",
	    "The routes the sites advertise over the circuits exceed "
	    "what the ExpressRoute gateway SKU learns.",
	    "Summarize the prefixes, or use a SKU that learns more.",
	    ER_GW },
	[RULE_COUNT] = { NULL, DIAG_NOTE, NULL, NULL, NULL, NULL }
};

_Static_assert(sizeof(rules) / sizeof(rules[0]) == RULE_COUNT + 1,
    "one catalog row per enum rule_id");

const struct rule *
rule_find(const char *id)
{
	const struct rule *r;

	if (id == NULL)
		return NULL;
	for (r = rules; r->id != NULL; r++)
		if (strcmp(r->id, id) == 0)
			return r;
	return NULL;
}

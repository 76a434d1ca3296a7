/*
 * The rule catalog: one row per rule (id, severity, title, description,
 * fix, help link, why), indexed by enum rule_id.  A leaf: the checks that
 * produce findings for these rows live in rules.c and sim.c, and
 * findings.c, the design's suppress ids, the SARIF rule entries and the
 * runbook read the rows.  Each help link is the Microsoft Learn page the
 * rule's fact comes from; the description says when the rule fires and
 * the fix what to change, in the words of the checks' own messages,
 * and the why the Azure fact behind the rule with the Learn page it
 * is on, or says that the rule is a hybridoc policy.
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
/* Added with the domain audit (reviews/azure-domain-audit.md). */
#define ER_DIRECT	LEARN "expressroute/expressroute-erdirect-about"
#define ER_IPV6		LEARN "expressroute/expressroute-howto-add-ipv6-portal"
#define ER_SCALE	LEARN "expressroute/scalable-gateway"
#define ER_LOCATIONS	LEARN "expressroute/expressroute-locations-providers"
/*
 * Not in the Sources list: "Add, change, or delete a virtual network
 * subnet" (MicrosoftDocs/azure-docs,
 * articles/virtual-network/virtual-network-manage-subnet.md): a subnet's
 * range must lie within the VNet's address space and not overlap
 * another subnet.
 */
#define VNET_SUBNET	LEARN "virtual-network/virtual-network-manage-subnet"
/* Drift (HD8xx): how the deployed state is read, and where each fact
 * is set. */
#define EXPORT_CLI	LEARN "azure-resource-manager/templates/export-template-cli"
#define ER_CIRCUIT	LEARN "expressroute/expressroute-howto-circuit-arm"
#define ER_PEERING	LEARN "expressroute/expressroute-howto-routing-arm"
#define ER_LINK		LEARN "expressroute/expressroute-howto-linkvnet-arm"

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
	    ER_GW,
	    "Azure recognizes a subnet as the gateway subnet only by its "
	    "name: it must be named exactly GatewaySubnet, and both "
	    "gateway types are deployed into it (About ExpressRoute "
	    "virtual network gateways)." },
	[HD102] = { "HD102", DIAG_ERROR,
	    "GatewaySubnet is smaller than /27 with both gateways",
	    "Both an ExpressRoute and a VPN gateway exist and "
	    "GatewaySubnet is smaller than /27.",
	    "Widen GatewaySubnet to a /27 or larger.",
	    COEX,
	    "An ExpressRoute gateway and a VPN gateway in the same VNet "
	    "both live in GatewaySubnet, which must be /27 or larger (a "
	    "shorter prefix such as /26) for them to coexist; with a "
	    "smaller one, adding the ExpressRoute gateway fails with an "
	    "error (Configure ExpressRoute and S2S coexisting "
	    "connections)." },
	/*
	 * ERGW, "Gateway subnet": "If you plan on connecting 16
	 * ExpressRoute circuits to your gateway, you must create a gateway
	 * subnet of /26 or larger" (0.1.0 said more than 8).
	 */
	[HD103] = { "HD103", DIAG_ERROR,
	    "GatewaySubnet is smaller than /26 with 16 circuits",
	    "The ExpressRoute gateway links 16 circuits and "
	    "GatewaySubnet is smaller than /26.",
	    "Widen GatewaySubnet to a /26 or larger, or link fewer "
	    "circuits.",
	    ER_GW,
	    "Microsoft Learn: if you plan on connecting 16 ExpressRoute "
	    "circuits to your gateway, you must create a gateway subnet "
	    "of /26 or larger; /27 is the recommendation otherwise (About "
	    "ExpressRoute virtual network gateways)." },
	[HD104] = { "HD104", DIAG_ERROR,
	    "A subnet lies outside the VNet address space or overlaps another",
	    "A subnet lies outside the VNet address space, or two "
	    "subnets overlap.",
	    "Give each subnet its own range inside the VNet address "
	    "space.",
	    VNET_SUBNET,
	    "A subnet's range must lie within the virtual network's "
	    "address space and must not overlap another subnet of the "
	    "same virtual network (Add, change, or delete a virtual "
	    "network subnet)." },
	[HD105] = { "HD105", DIAG_ERROR,
	    "An on-premises prefix overlaps the VNet address space",
	    "An on-premises prefix overlaps the VNet address space (or "
	    "a spoke's), so Azure and on premises both claim those "
	    "addresses.",
	    "Renumber one side or drop the prefix.",
	    S2S_BACKUP,
	    "A virtual network connected to on-premises networks must use "
	    "address ranges that don't overlap theirs: Azure routes its "
	    "own address space inside the VNet, so on-premises addresses "
	    "in that range cannot be reached from Azure (Virtual networks "
	    "and virtual machines in Azure)." },
	/*
	 * VPNHA: "The AddressPrefix property field in each local network
	 * gateway must not overlap": only static sites put their prefixes
	 * in a local network gateway.  BGP overlaps are HD110.
	 */
	[HD106] = { "HD106", DIAG_ERROR,
	    "Address prefixes of two static VPN sites overlap",
	    "Prefixes of two sites that both have static VPN connections "
	    "overlap: their local network gateways' address spaces would "
	    "overlap, which Azure does not allow.",
	    "Give each site its own prefixes, or use BGP.",
	    VPN_HA,
	    "When several on-premises VPN devices or sites connect, the "
	    "AddressPrefix of each local network gateway must not "
	    "overlap; a static site's prefixes are exactly its local "
	    "network gateway's AddressPrefix (Highly available "
	    "cross-premises connectivity)." },
	[HD107] = { "HD107", DIAG_ERROR,
	    "A private peering link subnet overlaps the VNet or on premises",
	    "A private peering link subnet overlaps the VNet address "
	    "space or an on-premises prefix.",
	    "Pick link subnets outside Azure's and the on-premises "
	    "address plan.",
	    ER_ROUTING,
	    "The address ranges of a private peering's link subnets can't "
	    "overlap the address ranges used for virtual networks in "
	    "Azure (ExpressRoute routing requirements); an overlap with "
	    "an on-premises prefix makes the link addresses ambiguous on "
	    "premises, which hybridoc refuses as its own policy." },
	[HD108] = { "HD108", DIAG_WARNING,
	    "A site advertises a prefix outside its address_prefixes",
	    "A site advertises, over a circuit or a VPN device, a "
	    "prefix that is not inside its own address_prefixes.",
	    "Add the prefix to the site's address_prefixes, or stop "
	    "advertising it.",
	    S2S_BACKUP,
	    "A hybridoc policy, not an Azure rule: address_prefixes is "
	    "the design's inventory of a site's addresses, which the "
	    "simulation, the overlap rules and the runbook's checks read, "
	    "so a prefix advertised outside it is a gap in the inventory "
	    "or a route leak." },
	/*
	 * ER-IPV6, Limitations: "You can still configure coexistence with
	 * VPN Gateway in a dual-stack virtual network, but VPN Gateway only
	 * supports IPv4 traffic" (0.1.0 made this an error).
	 */
	[HD109] = { "HD109", DIAG_NOTE,
	    "Dual-stack VNet with both gateways: the VPN carries IPv4 only",
	    "The VNet is dual-stack and holds both gateways: allowed, but "
	    "the VPN gateway carries IPv4 only, so IPv6 traffic has no VPN "
	    "backup when ExpressRoute fails.",
	    "Nothing to change; plan a second circuit if IPv6 must survive "
	    "an ExpressRoute failure.",
	    ER_IPV6,
	    "You can configure coexistence with VPN Gateway in a "
	    "dual-stack virtual network, but VPN Gateway only supports "
	    "IPv4 traffic, so IPv6 is carried over ExpressRoute alone "
	    "(Add IPv6 support for private peering, Limitations)." },
	/*
	 * Longest prefix first, then ExpressRoute over VPN, weight, AS path
	 * (COEX note, S2SBK); static routes are never withdrawn.
	 */
	[HD110] = { "HD110", DIAG_WARNING,
	    "Address prefixes of two sites overlap; routing decides which wins",
	    "Prefixes of two sites overlap where BGP resolves it: the site "
	    "with the longer prefix gets those addresses, equal prefixes "
	    "go where Azure's route choice picks; the finding says what "
	    "happens when the winner's paths fail.",
	    "Give each site its own prefixes, unless the overlap is an "
	    "intended anycast or active/standby design.",
	    S2S_BACKUP,
	    "Azure picks the longest matching prefix first, whatever the "
	    "path, so overlapping prefixes of two BGP sites are legal but "
	    "send the overlapping addresses to one site (Using S2S VPN as "
	    "a backup for ExpressRoute private peering); warning about it "
	    "is a hybridoc policy." },
	/* Gateways */
	[HD201] = { "HD201", DIAG_ERROR,
	    "Policy-based VPN gateway next to an ExpressRoute gateway",
	    "The VPN gateway is policy-based while an ExpressRoute "
	    "gateway exists; coexistence needs a route-based VPN "
	    "gateway.",
	    "Set vpn_type: RouteBased (the gateway has to be "
	    "recreated).",
	    COEX,
	    "Only route-based VPN gateways are supported for coexistence "
	    "with an ExpressRoute gateway (Configure ExpressRoute and S2S "
	    "coexisting connections, Limits and limitations)." },
	[HD202] = { "HD202", DIAG_ERROR,
	    "Basic VPN gateway next to an ExpressRoute gateway",
	    "The VPN gateway uses the Basic SKU while an ExpressRoute "
	    "gateway exists; Basic cannot coexist with ExpressRoute.",
	    "Use VpnGw1AZ or larger.",
	    COEX,
	    "ExpressRoute-VPN Gateway coexist configurations are not "
	    "supported on the Basic SKU VPN gateway (Configure "
	    "ExpressRoute and S2S coexisting connections, Limits and "
	    "limitations)." },
	[HD203] = { "HD203", DIAG_ERROR,
	    "VPN gateway SKU does not exist in that generation",
	    "The VPN gateway's SKU does not exist in its generation "
	    "(for example VpnGw1 in generation 2, VpnGw4 in generation "
	    "1).",
	    "Set the generation the SKU exists in, or choose another "
	    "SKU.",
	    VPN_SKU,
	    "Each VPN gateway SKU exists in given generations only: "
	    "Generation 1 offers VpnGw1 to VpnGw3 and their AZ SKUs, "
	    "Generation 2 VpnGw2 to VpnGw5 and their AZ SKUs (About VPN "
	    "Gateway SKUs)." },
	[HD204] = { "HD204", DIAG_WARNING,
	    "Non-AZ VPN gateway SKU (slated for migration)",
	    "The VPN gateway uses a non-AZ VpnGw SKU, which Azure is "
	    "migrating to the AZ SKUs.",
	    "Use the AZ SKU of the same size (VpnGw1 to VpnGw1AZ).",
	    VPN_SKU,
	    "Microsoft is consolidating the VPN gateway SKUs on the "
	    "zone-redundant AZ SKUs and migrating the non-AZ VpnGw SKUs "
	    "to them (About VPN Gateway SKUs)." },
	[HD205] = { "HD205", DIAG_WARNING,
	    "Legacy Standard or HighPerformance VPN gateway SKU (retired)",
	    "The VPN gateway uses the legacy Standard or "
	    "HighPerformance SKU, which is retired.",
	    "Move to a VpnGw AZ SKU such as VpnGw1AZ.",
	    VPN_SKU,
	    "The legacy Standard and High Performance VPN gateway SKUs "
	    "are being deprecated (VPN Gateway legacy SKUs, SKU "
	    "deprecation), so a design should not plan on them." },
	[HD206] = { "HD206", DIAG_ERROR,
	    "active_active does not match the gateway instances or SKU",
	    "active_active does not match the gateway: an active-active"
	    " gateway needs two instances and a non-Basic SKU, an "
	    "active-standby one lists one instance.",
	    "List two instances for active-active (each with its own "
	    "public IP) or one for active-standby, or change "
	    "active_active.",
	    VPN_AA,
	    "An active-active VPN gateway runs both instances with a "
	    "public IP address each and needs a route-based SKU other "
	    "than Basic; an active-standby gateway has one active "
	    "instance and one public IP (About active-active VPN "
	    "gateways)." },
	[HD207] = { "HD207", DIAG_WARNING,
	    "Active-standby VPN gateway: unplanned failover takes 1-3 minutes",
	    "The VPN gateway is active-standby: an unplanned failover "
	    "to the standby instance takes 1-3 minutes.",
	    "Make the gateway active-active, or accept the failover "
	    "time.",
	    VPN_HA,
	    "In active-standby, Azure fails over to the standby instance "
	    "automatically: for planned maintenance connectivity should "
	    "be restored within 10 to 15 seconds, for unplanned issues "
	    "recovery takes about 1 to 3 minutes in the worst case "
	    "(Highly available cross-premises connectivity)." },
	[HD208] = { "HD208", DIAG_WARNING,
	    "ExpressRoute gateway is slower than a linked circuit",
	    "The ExpressRoute gateway's throughput is below the "
	    "bandwidth of a circuit linked to it, so traffic over the "
	    "circuit is capped.",
	    "Use an ExpressRoute gateway SKU at least as fast as the "
	    "fastest circuit.",
	    ER_GW,
	    "Each ExpressRoute gateway SKU has a documented throughput "
	    "(ErGw1AZ 1 Gbps, ErGw2AZ 2 Gbps, ErGw3AZ 10 Gbps, ErGwScale "
	    "1 Gbps per scale unit), and traffic that crosses the gateway "
	    "is capped there whatever the circuit's bandwidth (About "
	    "ExpressRoute virtual network gateways)." },
	/* FastPath SKUs: ERGW, "FastPath" column of the SKU table. */
	[HD209] = { "HD209", DIAG_ERROR,
	    "FastPath on a gateway SKU without it",
	    "FastPath is asked for, on the gateway or a circuit's "
	    "connection, but the gateway's SKU has none.",
	    "Use a gateway SKU with FastPath, or set fastpath: false.",
	    ER_GW,
	    "FastPath is available only on the UltraPerformance and "
	    "ErGw3AZ gateway SKUs and on ErGwScale with at least 10 scale "
	    "units (About ExpressRoute virtual network gateways, feature "
	    "table)." },
	/* ER-SCALE: the migration tool for the non-AZ SKUs; cf. HD204. */
	[HD210] = { "HD210", DIAG_WARNING,
	    "Non-zone-redundant ExpressRoute gateway SKU (migration)",
	    "The ExpressRoute gateway uses Standard, HighPerformance or "
	    "UltraPerformance, which are not zone-redundant; Microsoft's "
	    "gateway migration tool moves them to the AZ SKUs or ErGwScale.",
	    "Migrate to ErGw1AZ, ErGw2AZ or ErGw3AZ (same throughput) or "
	    "to ErGwScale with the gateway migration tool.",
	    ER_SCALE,
	    "The Standard, HighPerformance and UltraPerformance "
	    "ExpressRoute gateway SKUs are not zone-redundant; "
	    "Microsoft's gateway migration tool moves them to the AZ SKUs "
	    "or to ErGwScale (About ExpressRoute scalable gateway)." },
	/* BGP */
	[HD301] = { "HD301", DIAG_ERROR,
	    "VPN gateway ASN is not 65515 next to ExpressRoute",
	    "The VPN gateway's ASN is not 65515 while it coexists with "
	    "an ExpressRoute gateway.",
	    "Set asn: 65515 on the VPN gateway.",
	    COEX,
	    "For ExpressRoute and Azure VPN to work together, the VPN "
	    "gateway's autonomous system number must stay at its default, "
	    "65515; a gateway changed back to 65515 must be reset to "
	    "apply it (Configure ExpressRoute and S2S coexisting "
	    "connections)." },
	[HD302] = { "HD302", DIAG_ERROR,
	    "An on-premises ASN is reserved",
	    "An on-premises ASN (a VPN device's BGP ASN or a circuit's "
	    "peer ASN) is one Azure reserves: 65515 and 65517-65520 on a "
	    "VPN device, 65515-65520 on an ExpressRoute peering, and the "
	    "IANA and Microsoft ASNs on both.",
	    "Pick a private ASN Azure allows on premises.",
	    VPN_FAQ,
	    "Azure reserves ASNs an on-premises VPN device can't use: "
	    "8074, 8075, 12076 and 65515, 65517-65520, plus IANA's 23456, "
	    "64496-64511 and 65535-65551 (VPN Gateway FAQ); ExpressRoute "
	    "reserves 65515 to 65520 for internal use (ExpressRoute "
	    "routing requirements)." },
	[HD303] = { "HD303", DIAG_ERROR,
	    "An on-premises ASN equals the Azure ASN",
	    "An on-premises ASN equals the Azure gateway's ASN.",
	    "Pick another ASN on one side; the two sides of a BGP "
	    "session need different ASNs.",
	    VPN_FAQ,
	    "You must assign different ASNs to your on-premises networks "
	    "and your Azure virtual networks if you connect them with BGP "
	    "(VPN Gateway FAQ, BGP)." },
	[HD304] = { "HD304", DIAG_ERROR,
	    "Azure BGP address outside GatewaySubnet or the APIPA range",
	    "An Azure BGP address is outside GatewaySubnet, is one of "
	    "the five addresses Azure reserves in it, or a custom APIPA"
	    " address is outside 169.254.21.0-169.254.22.255.",
	    "Use an address of GatewaySubnet that Azure does not "
	    "reserve, or a custom APIPA address in "
	    "169.254.21.0-169.254.22.255.",
	    VPN_BGP,
	    "A VPN gateway's BGP address is an address of GatewaySubnet, "
	    "or a custom APIPA address from Azure's range for VPN, "
	    "169.254.21.0 to 169.254.22.255 (Configure BGP for VPN "
	    "Gateway); Azure reserves the first four and the last address "
	    "of every subnet." },
	[HD305] = { "HD305", DIAG_ERROR,
	    "On-premises BGP peer address inside the VNet or the public IP",
	    "An on-premises BGP peer address is inside the VNet address"
	    " space or equals the device's public IP.",
	    "Use a separate on-premises address outside Azure's ranges "
	    "(e.g. a loopback) as the BGP peer.",
	    VPN_FAQ,
	    "The on-premises BGP peer address can't be the same as the "
	    "public IP address of the VPN device or lie in the VNet's "
	    "address space; Microsoft suggests an address on a loopback "
	    "interface of the device (VPN Gateway FAQ, BGP)." },
	[HD306] = { "HD306", DIAG_WARNING,
	    "APIPA BGP peer on premises without an Azure APIPA address",
	    "An on-premises device peers from an APIPA address but the "
	    "VPN gateway has no custom APIPA BGP address.",
	    "Set apipa_bgp_ip on the gateway's instances "
	    "(169.254.21.0-169.254.22.255).",
	    VPN_BGP,
	    "When an on-premises device peers from an APIPA address, the "
	    "Azure VPN gateway needs a custom APIPA BGP address in "
	    "169.254.21.0-169.254.22.255 (Configure BGP for VPN Gateway), "
	    "and the on-premises side must initiate the BGP session "
	    "(Troubleshoot BGP issues for Azure VPN Gateway)." },
	[HD307] = { "HD307", DIAG_ERROR,
	    "Several VPN devices of a site without BGP",
	    "A site has several VPN devices without BGP; the gateway "
	    "fails over between a site's devices only by BGP.",
	    "Configure bgp: {asn, peer_ip} on every device of the site.",
	    VPN_HA,
	    "BGP is required when several VPN devices of one on-premises "
	    "network connect to the gateway: each device's local network "
	    "gateway needs its own public IP and its own BGP peer address "
	    "(Highly available cross-premises connectivity)." },
	[HD308] = { "HD308", DIAG_ERROR,
	    "BGP on a Basic VPN gateway",
	    "BGP is asked for on a Basic VPN gateway, which has no BGP.",
	    "Use VpnGw1AZ or larger, or make the connections static.",
	    VPN_SKU,
	    "BGP isn't supported on the Basic VPN gateway SKU (About VPN "
	    "Gateway SKUs; Troubleshoot BGP issues for Azure VPN "
	    "Gateway)." },
	/* VPN-BGP: BGP must be enabled on the gateway and the connection. */
	[HD309] = { "HD309", DIAG_ERROR,
	    "VPN devices use BGP but the VPN gateway has BGP off",
	    "A VPN device uses BGP while the VPN gateway has bgp: false: "
	    "the session never comes up, Azure learns no route over the "
	    "tunnel and it is no backup (the simulation gives it no "
	    "routes).",
	    "Set bgp: true on the VPN gateway, or make the connection "
	    "static.",
	    VPN_BGP,
	    "BGP must be enabled on the VPN gateway as well as on the "
	    "connection for the session to come up; with it off on the "
	    "gateway, no route is learned over the tunnel (Configure BGP "
	    "for VPN Gateway; Troubleshoot BGP issues for Azure VPN "
	    "Gateway)." },
	/* ExpressRoute */
	[HD401] = { "HD401", DIAG_ERROR,
	    "Private peering link subnet is not a /30 or the two overlap",
	    "A private peering link subnet is not a /30 (IPv6 /126), or"
	    " the primary and secondary link subnets overlap.",
	    "Give each link its own /30 (your router on the first "
	    "usable address, Microsoft on the second).",
	    ER_ROUTING,
	    "Private peering needs two /30 subnets (IPv6: /126), one for "
	    "the primary link and one for the secondary; your router "
	    "takes the first address of each and Microsoft the second for "
	    "its BGP session (ExpressRoute routing requirements)." },
	/* ERBFD: 300 ms x 3; circuits from before August 1, 2018. */
	[HD402] = { "HD402", DIAG_WARNING,
	    "BFD off on a private peering backed up by a VPN or a circuit",
	    "BFD is off on a private peering that a VPN or another "
	    "circuit backs up: a link failure is detected only when the "
	    "180 s BGP hold time runs out instead of in 0.9 s (300 ms x "
	    "3).",
	    "Set bfd: true and enable BFD on the on-premises routers; a "
	    "circuit created before August 1, 2018 needs its peering reset "
	    "(disabled and enabled again, in a maintenance window) to get "
	    "BFD.",
	    ER_BFD,
	    "With BFD, a link failure between the on-premises edge and "
	    "the Microsoft edge is detected in under a second (300 ms "
	    "intervals, multiplier 3); without it only when the BGP hold "
	    "time of 180 s expires. BFD is on by default for circuits "
	    "created after August 1, 2018; older ones get it when the "
	    "peering is disabled and enabled again (Configure BFD over "
	    "ExpressRoute; Reset ExpressRoute peerings)." },
	/* Circuits per SKU: ERGW; 4 per peering location: ER-FAQ. */
	[HD403] = { "HD403", DIAG_ERROR,
	    "More circuits than the gateway SKU or one peering location allows",
	    "More circuits are linked than the ExpressRoute gateway SKU"
	    " allows, or more than 4 come from one peering location.",
	    "Use a SKU that takes more circuits, link fewer, or take "
	    "circuits from another peering location.",
	    ER_GW,
	    "An ExpressRoute gateway links at most 4 circuits on ErGw1AZ, "
	    "8 on ErGw2AZ and 16 on ErGw3AZ, and at most 4 circuits from "
	    "the same peering location can connect to one virtual network "
	    "(About ExpressRoute virtual network gateways)." },
	/*
	 * ER-DIRECT, "Circuit sizes": 1, 2, 5, 10 Gbps on a 10 Gbps port;
	 * 5, 10, 40, 100 Gbps on a 100 Gbps port.  Providers: 50 Mbps to
	 * 10 Gbps.
	 */
	[HD404] = { "HD404", DIAG_WARNING,
	    "Circuit bandwidth is not a size of its provider or Direct port",
	    "A circuit's bandwidth is not a size providers sell (50 Mbps "
	    "to 10 Gbps), or not a circuit size of its ExpressRoute Direct "
	    "port (10 Gbps port: 1, 2, 5, 10 Gbps; 100 Gbps port: 5, 10, "
	    "40, 100 Gbps).",
	    "Use the bandwidth of the circuit order; for ExpressRoute "
	    "Direct set direct_port_gbps to the port pair's size.",
	    ER_DIRECT,
	    "Providers sell circuits from 50 Mbps to 10 Gbps; on "
	    "ExpressRoute Direct a 10 Gbps port takes circuits of 1, 2, 5 "
	    "or 10 Gbps and a 100 Gbps port circuits of 5, 10, 40 or 100 "
	    "Gbps (About ExpressRoute Direct, circuit sizes)." },
	/*
	 * ER-LOCATIONS: "Connectivity across geopolitical regions isn't
	 * supported on the standard ExpressRoute SKU"; the "Local Azure
	 * regions" column for Local circuits.
	 */
	[HD405] = { "HD405", DIAG_ERROR,
	    "Circuit SKU does not reach the hub's region",
	    "A Standard circuit's peering location is in another "
	    "geopolitical region than the hub, or a Local circuit's peering "
	    "location does not have the hub's region among its local "
	    "regions (or has no ExpressRoute Local).",
	    "Use a Premium circuit, or a circuit at a peering location in "
	    "(or, for Local, next to) the hub's region.",
	    ER_LOCATIONS,
	    "Connectivity across geopolitical regions isn't supported on "
	    "the Standard ExpressRoute SKU, and a Local circuit reaches "
	    "only the local Azure regions of its peering location; "
	    "Premium reaches every region (ExpressRoute locations and "
	    "providers)." },
	/* VPN */
	[HD501] = { "HD501", DIAG_WARNING,
	    "IKEv1 on a connection",
	    "A connection uses IKEv1, which may reconnect during Main "
	    "Mode rekeys (no duration is documented; 0.1.0's 5 s had no "
	    "source).",
	    "Use IKEv2 (ike: {version: 2}).",
	    VPN_DEV,
	    "VPN gateways using IKEv1 may experience reconnects during "
	    "Main Mode rekeys, so IKEv2 is the recommendation; Microsoft "
	    "documents no duration for the drop (About cryptographic "
	    "requirements and VPN gateways; VPN Gateway FAQ)." },
	[HD502] = { "HD502", DIAG_ERROR,
	    "DPD timeout or phase 2 SA lifetime out of range",
	    "A DPD timeout is outside 9-3600 s, or a custom phase 2 SA "
	    "lifetime is below 300 s.",
	    "Use the default DPD timeout of 45 s and a phase 2 lifetime"
	    " of at least 300 s (the default is 27000 s).",
	    VPN_DEV,
	    "The default DPD timeout is 45 seconds and each connection "
	    "takes a value from 9 to 3,600 seconds (VPN Gateway FAQ). The "
	    "300-second floor for a custom phase 2 SA lifetime is not "
	    "stated on the pages hybridoc cites: treat that part as "
	    "hybridoc's policy." },
	/*
	 * VPNHA: local network gateways "must have unique public IP
	 * addresses" and "a unique BGP peer IP address".
	 */
	[HD503] = { "HD503", DIAG_ERROR,
	    "Device public IP private or reserved, or an address not unique",
	    "A device's public IP is private or reserved, or two devices "
	    "(of the same site or of different sites) share a public IP "
	    "or a BGP peer address.",
	    "Give each device its own Internet address (the NAT's "
	    "outside address when behind NAT) and its own BGP peer "
	    "address.",
	    VPN_HA,
	    "The local network gateways of your VPN devices must have "
	    "unique public IP addresses and unique BGP peer addresses "
	    "(Highly available cross-premises connectivity); that a "
	    "device's public IP be an Internet address, not a private or "
	    "reserved one, follows from the tunnel crossing the Internet." },
	[HD504] = { "HD504", DIAG_ERROR,
	    "More tunnels than the VPN gateway SKU allows",
	    "The site-to-site tunnels exceed the VPN gateway SKU's "
	    "limit (each device counts twice on an active-active "
	    "gateway).",
	    "Use a VPN gateway SKU that allows more tunnels, or connect"
	    " fewer devices.",
	    VPN_SKU,
	    "VpnGw1 to VpnGw3 (and their AZ SKUs) take up to 30 "
	    "site-to-site tunnels, VpnGw4 and VpnGw5 up to 100, Basic 10; "
	    "a device connected to an active-active gateway uses two "
	    "tunnels, one to each instance (About VPN Gateway SKUs; VPN "
	    "Gateway FAQ)." },
	/* Routing and failover: produced by the simulation (sim.c). */
	[HD601] = { "HD601", DIAG_WARNING,
	    "Baseline traffic to an ExpressRoute site goes over the VPN",
	    "In the baseline, Azure sends traffic for a prefix of a "
	    "site that has ExpressRoute over the VPN, because the VPN "
	    "advertises it more specifically or ExpressRoute does not "
	    "advertise it.",
	    "Advertise the same prefixes on both paths, unless the VPN "
	    "is meant to carry that traffic.",
	    S2S_BACKUP,
	    "Azure chooses the longest matching prefix first; only for "
	    "the same prefix does it prefer ExpressRoute (when a route is "
	    "advertised through both ExpressRoute and VPN, Azure prefers "
	    "routing over ExpressRoute), so a more specific prefix over "
	    "the VPN draws the traffic there (Using S2S VPN as a backup "
	    "for ExpressRoute private peering)." },
	[HD602] = { "HD602", DIAG_WARNING,
	    "A prefix becomes unreachable under a single failure",
	    "A prefix becomes unreachable from Azure under a single "
	    "failure other than the loss of its own whole site (or is "
	    "unreachable even in the baseline).",
	    "Add a backup path: a second VPN device or circuit, or a "
	    "VPN next to ExpressRoute.",
	    S2S_BACKUP,
	    "A hybridoc policy, not an Azure rule: the coexistence "
	    "pattern exists so that one path backs up the other, and the "
	    "simulation finds each prefix that a single failure leaves "
	    "without any path from Azure." },
	[HD603] = { "HD603", DIAG_WARNING,
	    "A site's return path is undetermined",
	    "A site's return path to Azure is undetermined: the VNet "
	    "prefixes arrive with AS paths of equal length over "
	    "ExpressRoute and the VPN, and local preference does not "
	    "favour one.",
	    "Give the ExpressRoute path the higher local preference on "
	    "the on-premises routers.",
	    S2S_BACKUP,
	    "VNet prefixes reach on premises with AS path 12076 over "
	    "ExpressRoute and 65515 over the VPN, the same length, so "
	    "Microsoft's example gives the ExpressRoute routes the higher "
	    "local preference (150 against 100) for return traffic to "
	    "prefer ExpressRoute (Using S2S VPN as a backup for "
	    "ExpressRoute private peering)." },
	[HD604] = { "HD604", DIAG_WARNING,
	    "A site's return path is asymmetric",
	    "A site's return path differs from Azure's path to it in "
	    "the baseline (asymmetric routing); stateful firewalls drop"
	    " such flows.",
	    "Give the path Azure uses the higher local preference.",
	    S2S_BACKUP,
	    "Microsoft's guidance is to make on-premises routers prefer "
	    "ExpressRoute for traffic to Azure with local preference "
	    "(Using S2S VPN as a backup for ExpressRoute private "
	    "peering); when the two directions take different paths, "
	    "stateful devices such as firewalls drop the flow (Asymmetric "
	    "routing with multiple network paths)." },
	/*
	 * Capacity of the limiting element: circuit, ExpressRoute gateway
	 * (bypassed with FastPath), VPN gateway aggregate (VPN-SKU, ERGW).
	 */
	[HD605] = { "HD605", DIAG_WARNING,
	    "Declared peaks exceed a circuit's or gateway's capacity",
	    "In a scenario, or even in the baseline, the declared peaks of "
	    "the sites whose traffic crosses a circuit, the ExpressRoute "
	    "gateway or the VPN gateway add up to more than it carries.",
	    "Add capacity there (circuit bandwidth, gateway SKU, FastPath) "
	    "or accept degraded service in those scenarios.",
	    VPN_SKU,
	    "A circuit's bandwidth and a gateway SKU's throughput are "
	    "documented limits, and all tunnels of a VPN gateway, "
	    "point-to-site included, share its aggregate throughput, a "
	    "benchmark rather than a guarantee (About VPN Gateway SKUs; "
	    "VPN Gateway FAQ); the message cites the page of the figure "
	    "it compares with. The aggregate is not split between tunnels "
	    "or sites. Where fewer instances of an active-active VPN "
	    "gateway than it has carry the traffic (an instance or a "
	    "tunnel down), the same figure is labelled an estimate, in a "
	    "finding of its own: Microsoft gives it for the whole gateway "
	    "and documents no per-instance capacity." },
	[HD606] = { "HD606", DIAG_ERROR,
	    "ExpressRoute-VPN transit without Route Server branch-to-branch",
	    "Transit between a site reached only over ExpressRoute and "
	    "a site reached only over the VPN is declared, but Route "
	    "Server with branch-to-branch is not enabled.",
	    "Enable route_server.enabled and "
	    "route_server.branch_to_branch (active-active VPN gateway, "
	    "ASN 65515).",
	    RS_ERVPN,
	    "A VNet does not route between its ExpressRoute connections "
	    "and its site-to-site VPN connections by itself; transit "
	    "between them needs Azure Route Server with branch-to-branch "
	    "traffic enabled (About Azure Route Server support for "
	    "ExpressRoute and Azure VPN; VPN Gateway FAQ)." },
	[HD607] = { "HD607", DIAG_ERROR,
	    "Route Server branch-to-branch needs an active-active ASN 65515 VPN gateway",
	    "Route Server branch-to-branch is enabled with a VPN "
	    "gateway that is not active-active or not ASN 65515.",
	    "Make the VPN gateway active-active with two instances and "
	    "keep ASN 65515.",
	    RS_ERVPN,
	    "For Route Server to exchange routes between ExpressRoute and "
	    "the VPN gateway, the VPN gateway must be active-active and "
	    "keep ASN 65515 (About Azure Route Server support for "
	    "ExpressRoute and Azure VPN)." },
	[HD608] = { "HD608", DIAG_NOTE,
	    "AS-path prepending on the VPN does not beat ExpressRoute",
	    "A device prepends its AS path on the VPN; Azure prefers "
	    "ExpressRoute over the VPN for the same prefix whatever the"
	    " AS path, so prepending only orders the site's VPN "
	    "tunnels.",
	    "Remove the prepending, or keep it only to order the VPN "
	    "tunnels.",
	    S2S_BACKUP,
	    "For the same prefix Azure prefers ExpressRoute over the VPN "
	    "whatever the AS path, so prepending on the VPN only ranks "
	    "the VPN tunnels among themselves (Using S2S VPN as a backup "
	    "for ExpressRoute private peering); Route Server's routing "
	    "preference set to AS Path would change that, which the "
	    "design format does not model." },
	/* Limits */
	/* VPN-FAQ (BGP): 4000 prefixes per BGP peer; ER-FAQ for circuits. */
	[HD701] = { "HD701", DIAG_ERROR,
	    "Too many prefixes from one BGP peer of the VPN gateway or a circuit",
	    "One VPN device advertises more than 4000 prefixes to the VPN "
	    "gateway (the limit is per BGP peer; static prefixes are not "
	    "advertisements), or those advertised over a circuit exceed "
	    "its private peering limit (4000 on Local/Standard, 10000 on "
	    "Premium).",
	    "Summarize the prefixes, or use a Premium circuit.",
	    ER_FAQ,
	    "VPN Gateway accepts up to 4,000 prefixes per BGP peer and "
	    "drops the session when a device advertises more "
	    "(Troubleshoot BGP issues for Azure VPN Gateway); "
	    "ExpressRoute private peering accepts 4,000 routes on Local "
	    "and Standard circuits and 10,000 with Premium (ExpressRoute "
	    "FAQ, limits)." },
	[HD702] = { "HD702", DIAG_ERROR,
	    "More than 1000 VNet prefixes advertised over ExpressRoute",
	    "The VNet and its spokes would advertise more than 1000 "
	    "prefixes over ExpressRoute.",
	    "Summarize the address spaces.",
	    ER_FAQ,
	    "The maximum number of routes an ExpressRoute gateway "
	    "advertises is 1,000 (About ExpressRoute virtual network "
	    "gateways)." },
	[HD703] = { "HD703", DIAG_WARNING,
	    "Routes learned exceed the ExpressRoute gateway SKU's limit",
	    "The routes the sites advertise over the circuits exceed "
	    "what the ExpressRoute gateway SKU learns.",
	    "Summarize the prefixes, or use a SKU that learns more.",
	    ER_GW,
	    "An ExpressRoute gateway learns at most 4,000 routes on "
	    "ErGw1AZ (Standard), 9,500 on ErGw2AZ and ErGw3AZ, and 60,000 "
	    "on ErGwScale (About ExpressRoute virtual network gateways)." },
	/*
	 * Values not known yet: a design may give `unknown` for what Azure
	 * or the provider has not assigned (docs/format.md).
	 */
	[HD801] = { "HD801", DIAG_NOTE,
	    "A value is not known yet",
	    "The design gives a value as unknown (a VLAN, a peering subnet, "
	    "a public IP, an ASN, a bandwidth, a location): the checks, the "
	    "simulation and the procedures work with what is known, and "
	    "print a placeholder where it would be. With --strict, validate "
	    "fails while any value is unknown.",
	    "Give the value once Azure or the provider has assigned it.",
	    ER_PEERING,
	    "A hybridoc policy: Azure and the provider assign some values "
	    "(the VLAN, the peering subnets' addresses, public IPs) only "
	    "during provisioning, so a planned design cannot state them; "
	    "hybridoc lists each one rather than invent it." },
	[HD802] = { "HD802", DIAG_NOTE,
	    "A check could not be made because a value is unknown",
	    "A rule or the simulation needs a value the design gives as "
	    "unknown, so its conclusion is not drawn: the note names the "
	    "check and the value, instead of passing it silently.",
	    "Give the value; the check then runs.",
	    ER_CIRCUIT,
	    "A hybridoc policy: a check whose input is not known is "
	    "reported as not made, never as passed." },
	[HD803] = { "HD803", DIAG_NOTE,
	    "A value the design gives as unknown is known in the export",
	    "hybridoc drift found, in what is deployed, a value the design "
	    "gives as unknown: no difference is reported for it, and the "
	    "note says what the export holds.",
	    "Write the value in the design in place of unknown.",
	    EXPORT_CLI,
	    "A hybridoc policy: what Azure reports as deployed (the "
	    "resource's properties, Azure CLI output) is the value the design "
	    "left open, so drift points to it instead of reporting a "
	    "difference." },
	/* Drift: `hybridoc drift` compares a design with an export. */
	[HD811] = { "HD811", DIAG_ERROR,
	    "An object of the design is not deployed",
	    "A gateway, circuit, private peering, connection, local network "
	    "gateway, VNet or subnet of the design is not in the export.",
	    "Deploy it, or remove it from the design if it was retired.",
	    EXPORT_CLI,
	    "A hybridoc policy, not an Azure rule: the design is the "
	    "reviewed record of the network, so an object it names that "
	    "the export lacks is not deployed yet, or was retired and "
	    "should leave the design." },
	[HD812] = { "HD812", DIAG_WARNING,
	    "A deployed object is not in the design",
	    "The export holds a gateway, circuit, connection, local network "
	    "gateway or subnet that the design does not describe.",
	    "Add it to the design (hybridoc import shows how), or remove it "
	    "from Azure.", EXPORT_CLI,
	    "A hybridoc policy, not an Azure rule: rules and simulations "
	    "are only as complete as the design, so a deployed gateway, "
	    "circuit, connection or subnet it does not describe is a "
	    "blind spot in every check." },
	[HD813] = { "HD813", DIAG_ERROR,
	    "A gateway setting differs from what is deployed",
	    "A gateway's SKU, generation, VPN type, active-active mode, BGP "
	    "switch, ASN or instance count (or a local network gateway's "
	    "ASN) differs from the export.",
	    "Change the design or the deployment so that they agree.",
	    VPN_SKU,
	    "A hybridoc policy: the SKU, generation, active-active mode "
	    "and ASN decide which Azure limits apply (About VPN Gateway "
	    "SKUs), so findings computed from a design whose gateway "
	    "differs from the deployed one describe another network." },
	[HD814] = { "HD814", DIAG_ERROR,
	    "An address differs from what is deployed",
	    "A public IP or a BGP peer address of a gateway instance or a "
	    "VPN device differs from the export.",
	    "Change the design or the deployment so that they agree.",
	    VPN_BGP,
	    "A hybridoc policy: the runbook's commands and the BGP checks "
	    "address gateway instances and devices by these addresses "
	    "(Configure BGP for VPN Gateway), so a design with other "
	    "addresses prints commands for the wrong peers." },
	[HD815] = { "HD815", DIAG_ERROR,
	    "An address space or prefix differs from what is deployed",
	    "A VNet's address space, a subnet's prefix, or the prefixes a "
	    "local network gateway routes to a static site differ from the "
	    "export.",
	    "Change the design or the deployment so that they agree.",
	    VNET_SUBNET,
	    "A hybridoc policy: the overlap rules and the simulation's "
	    "routes are computed from the address spaces and prefixes, "
	    "and Azure routes what is deployed (Add, change, or delete a "
	    "virtual network subnet), so a difference makes both wrong." },
	[HD816] = { "HD816", DIAG_ERROR,
	    "A circuit differs from what is deployed",
	    "A circuit's provider, peering location, bandwidth, SKU or "
	    "resource group differs from the export.",
	    "Change the design or the circuit so that they agree.",
	    ER_CIRCUIT,
	    "A hybridoc policy: a circuit's bandwidth, SKU and peering "
	    "location decide its capacity, its route limits and the "
	    "regions it reaches (Create and modify an ExpressRoute "
	    "circuit), so the design's numbers must be the deployed ones." },
	[HD817] = { "HD817", DIAG_ERROR,
	    "A private peering differs from what is deployed",
	    "A private peering's peer ASN, primary or secondary subnet or "
	    "VLAN differs from the export.",
	    "Change the design or the peering so that they agree.",
	    ER_PEERING,
	    "A hybridoc policy: the peer ASN, link subnets and VLAN are "
	    "what the on-premises routers must match for the BGP sessions "
	    "to come up (Create and modify peering for an ExpressRoute "
	    "circuit), so the design must hold the deployed values." },
	[HD818] = { "HD818", DIAG_ERROR,
	    "A gateway connection differs from what is deployed",
	    "A connection's routing weight, FastPath, BGP switch, IKE "
	    "version, DPD timeout or shared-key presence differs from the "
	    "export (the key itself is never read).",
	    "Change the design or the connection so that they agree.",
	    ER_LINK,
	    "A hybridoc policy: a connection's routing weight, FastPath "
	    "and BGP switch change Azure's route choice and data path "
	    "(Connect a virtual network to an ExpressRoute circuit), so "
	    "the simulation is only right with the deployed values." },
	/*
	 * Diagnose: what the gateways report and no failure scenario
	 * explains (diagnose.c finds them in the captures of a running
	 * network, not in the design).
	 */
	[HD901] = { "HD901", DIAG_ERROR,
	    "A gateway learns from or peers with a peer the design lacks",
	    "A gateway learned a route from, or has a BGP session with, a "
	    "peer whose address (or, over ExpressRoute, whose AS) is no "
	    "device or circuit of the design.",
	    "Add the device to the design, or find out who configured it.",
	    VPN_BGP,
	    "A hybridoc policy of diagnose: every BGP peer that sends "
	    "routes to a gateway should be a device or circuit of the "
	    "design; a peer the design lacks means the design is "
	    "incomplete or someone configured a peer outside it." },
	[HD902] = { "HD902", DIAG_WARNING,
	    "A gateway learns a prefix more specific than the design's",
	    "A known peer sends a prefix inside the site's address space "
	    "that the design does not advertise; the longest prefix wins, "
	    "so it draws that traffic whatever the design's policy.",
	    "Advertise it in the design, or filter it on the device.",
	    ER_ROUTING,
	    "Azure chooses the longest matching prefix first "
	    "(ExpressRoute routing requirements; Using S2S VPN as a "
	    "backup for ExpressRoute private peering), so a more specific "
	    "prefix from any peer draws that traffic whatever the "
	    "design's policy; that the design should declare it is "
	    "hybridoc's policy." },
	[HD903] = { "HD903", DIAG_WARNING,
	    "An AS path contradicts the design's ASN and prepends",
	    "A route arrives with an AS path other than the one the "
	    "design's ASN and as_path_prepend give, so the design's "
	    "routing policy is not the network's.",
	    "Correct as_path_prepend or the ASN in the design, or the "
	    "device's configuration.",
	    ER_ROUTING,
	    "Azure compares AS path length among ExpressRoute connections "
	    "of equal weight and among VPN tunnels (Optimize ExpressRoute "
	    "routing), so a path other than the design's can change which "
	    "path wins; the simulation holds only for the design's AS "
	    "paths (hybridoc policy)." },
	[HD904] = { "HD904", DIAG_WARNING,
	    "A known peer sends a prefix the design does not advertise there",
	    "A device or circuit of the design sends a prefix that is "
	    "neither among its advertisements nor inside a site's "
	    "address space.",
	    "Add the prefix to the design, or filter it on the device.",
	    VPN_BGP,
	    "A hybridoc policy of diagnose: a known peer should send only "
	    "the prefixes the design gives it; Azure installs any other "
	    "prefix just the same, so it is routing the design does not "
	    "describe." },
	[HD905] = { "HD905", DIAG_WARNING,
	    "A gateway holds a configured prefix the design does not declare",
	    "A gateway lists a prefix with origin Network (the VNet, a "
	    "peered VNet or a local network gateway) that the design's "
	    "address space, spokes and static sites do not hold.",
	    "Add the VNet range, spoke or static prefix to the design.",
	    VPN_BGP,
	    "In a gateway's learned routes, origin Network marks prefixes "
	    "configured on Azure's side (the VNet's address space, peered "
	    "VNets, local network gateways' address prefixes) rather than "
	    "learned by BGP (Configure BGP for VPN Gateway); one the "
	    "design does not hold is a range it misses (hybridoc policy)." },
	[HD906] = { "HD906", DIAG_WARNING,
	    "A VPN gateway reports on an address that is no instance's",
	    "An active-active VPN gateway reports routes or sessions on a "
	    "local address that is neither instance's BGP address in the "
	    "design.",
	    "Correct the instances' bgp_ip in the design.",
	    VPN_AA,
	    "Each instance of an active-active VPN gateway has its own "
	    "BGP peer address (About active-active VPN gateways), so an "
	    "address that is neither instance's in the design means the "
	    "design's bgp_ip values are not the gateway's." },
	[RULE_COUNT] = { NULL, DIAG_NOTE, NULL, NULL, NULL, NULL, NULL }
};

_Static_assert(sizeof(rules) / sizeof(rules[0]) == RULE_COUNT + 1,
    "one catalog row per enum rule_id");

int
rule_suppressible(const struct rule *r)
{
	return strncmp(r->id, "HD9", 3) != 0;
}

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

/*
 * The input errors.  The loader (load.c), the binder (schema.c) and the
 * model's cross-object checks (design.c) give each error one of these
 * ids; docs/rules.md lists them with the rules.
 */
#define FORMAT_REF	"docs/format.md (hybridoc schema --format markdown)"
const struct rule input_rules[] = {
	[HD001] = { "HD001", DIAG_ERROR, "The design file cannot be read",
	    "The file named on the command line does not exist, is not a "
	    "regular file, cannot be read, or is larger than the limit for "
	    "a design (8 MiB).",
	    "Check the path and the file's permissions; split a design that "
	    "large into several.",
	    NULL,
	    "A hybridoc policy: a design is one regular file of at most 8 "
	    "MiB, read whole before anything is checked, so a file that "
	    "is missing, unreadable or larger is refused before any rule "
	    "runs." },
	[HD002] = { "HD002", DIAG_ERROR, "The file is not YAML text",
	    "The YAML parser stops: a syntax error, a tab used for "
	    "indentation, bytes that are not UTF-8, or a control character.",
	    "Fix the YAML at the position given: indent with spaces, close "
	    "quotes and brackets, save the file as UTF-8.",
	    NULL,
	    "A design is YAML text in UTF-8; YAML forbids tabs in "
	    "indentation and most control characters, and hybridoc checks "
	    "only what it could parse, so it stops at the first syntax "
	    "error." },
	[HD003] = { "HD003", DIAG_ERROR, "YAML that a design may not use",
	    "Well-formed YAML that the loader refuses: a duplicate key, a "
	    "key that is a list or mapping, a second document, an alias to "
	    "no anchor or to itself, or nesting, alias expansion or a node "
	    "count beyond the loader's limits.",
	    "Give each key once, use plain scalar keys, keep one document "
	    "per file, and write repeated parts out instead of through "
	    "aliases.",
	    NULL,
	    "YAML requires the keys of a mapping to be unique; the rest "
	    "is hybridoc's policy: plain scalar keys, one document per "
	    "file, and limits on nesting, aliases and nodes, so that a "
	    "hostile file (an alias bomb) cannot exhaust memory." },
	[HD004] = { "HD004", DIAG_ERROR, "Unknown key",
	    "A key that the design format does not have at that place "
	    "(the message suggests the nearest one, and lists the keys "
	    "allowed).",
	    "Correct the spelling, or move the key to the object it "
	    "belongs to; the keys of each object are in " FORMAT_REF ".",
	    NULL,
	    "A hybridoc policy: the format is closed, so a misspelt key "
	    "is an error instead of a silently ignored setting whose "
	    "check never runs." },
	[HD005] = { "HD005", DIAG_ERROR, "Missing required key",
	    "An object lacks a key the format requires (the message names "
	    "it and the kind of value it takes).",
	    "Add the key; " FORMAT_REF " says which keys each object "
	    "requires.",
	    NULL,
	    "A hybridoc policy: the rules and the simulation need the "
	    "keys the format requires (docs/format.md), so a design "
	    "without them cannot be checked." },
	[HD006] = { "HD006", DIAG_ERROR, "Wrong type of value",
	    "A value of the wrong kind: a string where a number, boolean, "
	    "list or mapping is expected, or the other way round (quoted "
	    "numbers and yes/no are strings in YAML 1.2).",
	    "Write the value as the type the message names: unquoted "
	    "numbers, true or false, a list or a mapping.",
	    NULL,
	    "In YAML 1.2 a quoted value or yes/no is a string, not a "
	    "number or a boolean; hybridoc takes each value only as its "
	    "key's type (a hybridoc policy), so a value's meaning never "
	    "rests on a guess." },
	[HD007] = { "HD007", DIAG_ERROR, "Value not allowed",
	    "A value outside the fixed list the key takes, such as a SKU "
	    "name (the message lists the values and suggests the nearest).",
	    "Use one of the values listed; they are case-sensitive.",
	    NULL,
	    "A hybridoc policy: keys such as SKU names take only the "
	    "values Azure accepts, spelt as Azure spells them, so a typo "
	    "cannot pass as an unknown SKU without limits." },
	[HD008] = { "HD008", DIAG_ERROR, "Number or count out of range",
	    "An integer outside the range of its key (a VLAN id, an ASN, a "
	    "bandwidth, the format version), or a list that is empty where "
	    "one entry is needed, or longer than the limit.",
	    "Use a value in the range the message gives; "
	    FORMAT_REF " has every key's range.",
	    NULL,
	    "Where Azure sets a range hybridoc uses it (a VLAN id 1-4094 "
	    "on a private peering; ASNs of 16 or 32 bits, ExpressRoute "
	    "routing requirements); other ranges, such as the format "
	    "version and list lengths, are hybridoc's policy "
	    "(docs/format.md)." },
	[HD009] = { "HD009", DIAG_ERROR, "Bad name, address or prefix",
	    "A name with characters other than letters, digits, '_', '.' "
	    "and '-' (or longer than 80), or an IP address or prefix that "
	    "does not parse.",
	    "Write names with those characters only, addresses as 10.0.0.1 "
	    "or 2001:db8::1, prefixes as 10.1.0.0/16.",
	    NULL,
	    "A hybridoc policy: names become file names, anchors and "
	    "command arguments, so they keep to characters that need no "
	    "quoting; addresses and prefixes must parse because every "
	    "rule computes with them." },
	[HD010] = { "HD010", DIAG_ERROR, "Prefix with host bits set",
	    "A prefix whose address has bits set beyond its length, such as "
	    "10.1.2.0/16: it is not the network it seems to name.",
	    "Use the network address the message suggests, or the length "
	    "that was meant.",
	    NULL,
	    "A hybridoc policy: a prefix such as 10.1.2.0/16 is a typo in "
	    "the address or in the length, and hybridoc cannot tell which "
	    "was meant, so it refuses to guess." },
	[HD011] = { "HD011", DIAG_ERROR, "Duplicate name",
	    "Two objects of one kind share a name (subnets, spokes, "
	    "circuits, sites, a site's VPN devices), or a site attaches "
	    "the same circuit twice.",
	    "Give each object its own name; attach a circuit once per "
	    "site.",
	    NULL,
	    "Azure names resources of one kind uniquely within their "
	    "parent (two subnets of a VNet cannot share a name), and "
	    "hybridoc uses the design's names as ids in findings, "
	    "suppressions and scenario ids, so they must be unique (a "
	    "hybridoc policy where Azure would allow it)." },
	[HD012] = { "HD012", DIAG_ERROR, "Reference to nothing",
	    "A name that refers to no object: a circuit a site attaches, "
	    "a site in traffic, a failover test's scenario id, or a "
	    "suppress entry's rule id.",
	    "Use a name that exists (the message suggests the nearest); "
	    "scenario ids are listed by hybridoc simulate and in "
	    "docs/scenarios.md, rule ids in docs/rules.md.",
	    NULL,
	    "A hybridoc policy: every reference is resolved before "
	    "checking, so a typo in a circuit, site, scenario or rule id "
	    "cannot silently drop a check or a suppression." },
	[HD013] = { "HD013", DIAG_ERROR, "Settings that contradict or leave "
	    "out a part",
	    "Settings that cannot go together or a part that is missing: a "
	    "VPN device with both or neither of bgp and static: true, "
	    "advertise on a static device, a site with neither expressroute "
	    "nor vpn, a site using a gateway the design does not have, or "
	    "more than two VPN gateway instances.",
	    "Do what the message says: choose BGP or static, add the "
	    "gateway or the connection, give one or two instances.",
	    NULL,
	    "A connection routes either by BGP or by the local network "
	    "gateway's static prefixes, and a VPN gateway has one "
	    "(active-standby) or two (active-active) instances (About "
	    "active-active VPN gateways); that every site uses a "
	    "connection is hybridoc's policy." },
	[INPUT_COUNT] = { NULL, DIAG_NOTE, NULL, NULL, NULL, NULL, NULL }
};

_Static_assert(sizeof(input_rules) / sizeof(input_rules[0]) ==
    INPUT_COUNT + 1, "one row per enum input_id");

const struct rule *
input_rule_find(const char *id)
{
	const struct rule *r;

	if (id == NULL)
		return NULL;
	for (r = input_rules; r->id != NULL; r++)
		if (strcmp(r->id, id) == 0)
			return r;
	return NULL;
}

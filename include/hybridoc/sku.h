/*
 * The one SKU table: every fact hybridoc uses about an ExpressRoute
 * gateway, VPN gateway or circuit SKU, one row per SKU with the
 * Microsoft Learn page it comes from.  The rows are X-macros so that
 * the same list makes the enums (design.h), the names the schema
 * accepts (schema.c), the lookups below (rules, simulation, runbook)
 * and the table in docs/model.md; a SKU is added or corrected here
 * and nowhere else.
 */
#ifndef HYBRIDOC_SKU_H
#define HYBRIDOC_SKU_H

#define SKU_LEARN	"https://learn.microsoft.com/azure/"
/* "About ExpressRoute virtual network gateways": SKU, feature and
 * performance tables. */
#define SKU_SRC_ERGW	SKU_LEARN "expressroute/expressroute-about-virtual-network-gateways"
/* "About ExpressRoute scalable gateway". */
#define SKU_SRC_ERSCALE	SKU_LEARN "expressroute/scalable-gateway"
/* "About VPN Gateway SKUs". */
#define SKU_SRC_VPN	SKU_LEARN "vpn-gateway/about-gateway-skus"
/* "Working with VPN Gateway legacy SKUs". */
#define SKU_SRC_VPNOLD	SKU_LEARN "vpn-gateway/vpn-gateway-about-skus-legacy"
/* "ExpressRoute circuits and routing domains" / ER-ROUTING limits. */
#define SKU_SRC_CIRCUIT	SKU_LEARN "expressroute/expressroute-routing"

/*
 * ExpressRoute gateway SKUs.  X(id, name, Mbps, routes learned, max
 * circuits, FastPath, zone-redundant, legacy, source).  ErGwScale's
 * Mbps is per scale unit; its circuits and FastPath depend on the scale
 * units (er_sku_max_circuits, er_sku_fastpath).
 */
#define ER_SKUS(X) \
	X(STANDARD,	   "Standard",	       1000, 4000, 4,  0, 0, 1, SKU_SRC_ERGW) \
	X(HIGHPERFORMANCE, "HighPerformance",  2000, 9500, 8,  0, 0, 1, SKU_SRC_ERGW) \
	X(ULTRAPERFORMANCE, "UltraPerformance", 10000, 9500, 16, 1, 0, 1, SKU_SRC_ERGW) \
	X(ERGW1AZ,	   "ErGw1AZ",	       1000, 4000, 4,  0, 1, 0, SKU_SRC_ERGW) \
	X(ERGW2AZ,	   "ErGw2AZ",	       2000, 9500, 8,  0, 1, 0, SKU_SRC_ERGW) \
	X(ERGW3AZ,	   "ErGw3AZ",	       10000, 9500, 16, 1, 1, 0, SKU_SRC_ERGW) \
	X(ERGWSCALE,	   "ErGwScale",	       1000, 60000, 4,  0, 1, 0, SKU_SRC_ERSCALE)

/*
 * VPN gateway SKUs.  X(id, name, Mbps generation 1, Mbps generation 2
 * (0: not in that generation), S2S tunnels, zone-redundant, VpnGw level
 * (0: not a VpnGw SKU), legacy, source).
 */
#define VPN_SKUS(X) \
	X(BASIC,	   "Basic",	      100,  0,     10,  0, 0, 0, SKU_SRC_VPN) \
	X(VPNGW1,	   "VpnGw1",	      650,  0,     30,  0, 1, 0, SKU_SRC_VPN) \
	X(VPNGW2,	   "VpnGw2",	      1000, 1250,  30,  0, 2, 0, SKU_SRC_VPN) \
	X(VPNGW3,	   "VpnGw3",	      1250, 2500,  30,  0, 3, 0, SKU_SRC_VPN) \
	X(VPNGW4,	   "VpnGw4",	      0,    5000,  100, 0, 4, 0, SKU_SRC_VPN) \
	X(VPNGW5,	   "VpnGw5",	      0,    10000, 100, 0, 5, 0, SKU_SRC_VPN) \
	X(VPNGW1AZ,	   "VpnGw1AZ",	      650,  0,     30,  1, 1, 0, SKU_SRC_VPN) \
	X(VPNGW2AZ,	   "VpnGw2AZ",	      1000, 1250,  30,  1, 2, 0, SKU_SRC_VPN) \
	X(VPNGW3AZ,	   "VpnGw3AZ",	      1250, 2500,  30,  1, 3, 0, SKU_SRC_VPN) \
	X(VPNGW4AZ,	   "VpnGw4AZ",	      0,    5000,  100, 1, 4, 0, SKU_SRC_VPN) \
	X(VPNGW5AZ,	   "VpnGw5AZ",	      0,    10000, 100, 1, 5, 0, SKU_SRC_VPN) \
	X(STANDARD,	   "Standard",	      100,  100,   10,  0, 0, 1, SKU_SRC_VPNOLD) \
	X(HIGHPERFORMANCE, "HighPerformance", 200,  200,   30,  0, 0, 1, SKU_SRC_VPNOLD)

/* Circuit SKUs.  X(id, name, source). */
#define CIRCUIT_SKUS(X) \
	X(LOCAL,	"Local",	SKU_SRC_CIRCUIT) \
	X(STANDARD,	"Standard",	SKU_SRC_CIRCUIT) \
	X(PREMIUM,	"Premium",	SKU_SRC_CIRCUIT)

/* One row of a table, for the lookups and the docs. */
struct er_sku_row {
	const char	*name;
	long		 mbps;		/* ErGwScale: per scale unit */
	long		 routes;	/* routes learned by the gateway */
	long		 circuits;	/* ErGwScale: at one scale unit */
	int		 fastpath;	/* ErGwScale: see er_sku_fastpath */
	int		 zone_redundant;
	int		 legacy;
	const char	*source;
};

struct vpn_sku_row {
	const char	*name;
	long		 mbps_gen1;	/* 0: not in generation 1 */
	long		 mbps_gen2;	/* 0: not in generation 2 */
	long		 tunnels;	/* site-to-site */
	int		 zone_redundant;
	int		 level;		/* VpnGw1..5; 0 otherwise */
	int		 legacy;
	const char	*source;
};

/* Indexed by enum er_sku / enum vpn_sku (design.h). */
extern const struct er_sku_row er_sku_rows[];
extern const struct vpn_sku_row vpn_sku_rows[];
/* The names alone, NULL-terminated, for the schema's enums. */
extern const char *const er_sku_names[];
extern const char *const vpn_sku_names[];
extern const char *const circuit_sku_names[];

#endif

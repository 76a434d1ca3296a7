/*
 * The SKU facts: the table of sku.h laid out as arrays indexed by the
 * enums of design.h, and the lookups the rules, the simulation and the
 * views ask.  ErGwScale is the one SKU whose figures depend on the
 * design (its scale units); every other answer is a table cell.
 */
#include <string.h>

#include "hybridoc/design.h"
#include "hybridoc/sku.h"

#define ER_ROW(e, n, mb, rt, ci, fp, zr, lg, src) \
	{ n, mb, rt, ci, fp, zr, lg, src },
#define VPN_ROW(e, n, g1, g2, tu, zr, lv, lg, src) \
	{ n, g1, g2, tu, zr, lv, lg, src },
#define NAME_OF(e, n, ...)	n,

const struct er_sku_row er_sku_rows[] = { ER_SKUS(ER_ROW) };
const struct vpn_sku_row vpn_sku_rows[] = { VPN_SKUS(VPN_ROW) };
const char *const er_sku_names[] = { ER_SKUS(NAME_OF) NULL };
const char *const vpn_sku_names[] = { VPN_SKUS(NAME_OF) NULL };
const char *const circuit_sku_names[] = { CIRCUIT_SKUS(NAME_OF) NULL };

const char *
er_sku_name(enum er_sku sku)
{
	return er_sku_rows[sku].name;
}

/* The scale units of an ErGwScale gateway (at least one). */
static long
units(const struct er_gateway *gw)
{
	return gw->scale_units > 0 ? gw->scale_units : 1;
}

long
er_sku_mbps(const struct er_gateway *gw)
{
	if (gw->sku == ER_SKU_ERGWSCALE)
		return er_sku_rows[gw->sku].mbps * units(gw);
	return er_sku_rows[gw->sku].mbps;
}

long
er_sku_routes(const struct er_gateway *gw)
{
	return er_sku_rows[gw->sku].routes;
}

int
er_sku_fastpath(const struct er_gateway *gw)
{
	if (gw->sku == ER_SKU_ERGWSCALE)
		return gw->scale_units >= 10;
	return er_sku_rows[gw->sku].fastpath;
}

long
er_sku_max_circuits(const struct er_gateway *gw)
{
	if (gw->sku == ER_SKU_ERGWSCALE)
		return gw->scale_units >= 10 ? 16 : gw->scale_units >= 2 ? 8 :
		    4;
	return er_sku_rows[gw->sku].circuits;
}

int
er_sku_zone_redundant(enum er_sku sku)
{
	return er_sku_rows[sku].zone_redundant;
}

const char *
vpn_sku_name(enum vpn_sku sku)
{
	return vpn_sku_rows[sku].name;
}

long
vpn_sku_mbps(enum vpn_sku sku, long generation)
{
	const struct vpn_sku_row *r = &vpn_sku_rows[sku];

	if (r->legacy)		/* retired, no generations */
		return r->mbps_gen1;
	return generation == 2 ? r->mbps_gen2 : r->mbps_gen1;
}

long
vpn_sku_tunnels(enum vpn_sku sku)
{
	return vpn_sku_rows[sku].tunnels;
}

int
vpn_sku_zone_redundant(enum vpn_sku sku)
{
	return vpn_sku_rows[sku].zone_redundant;
}

int
vpn_sku_non_az(enum vpn_sku sku)
{
	return vpn_sku_rows[sku].level > 0 && !vpn_sku_rows[sku].zone_redundant;
}

int
vpn_sku_legacy(enum vpn_sku sku)
{
	return vpn_sku_rows[sku].legacy;
}

const char *
circuit_sku_name(enum circuit_sku sku)
{
	return circuit_sku_names[sku];
}

/*
 * The docs/model.md key of a SKU row's source page, which the runbook
 * prints beside the row's figures.
 */
static const char *
source_key(const char *url)
{
	if (strstr(url, "scalable-gateway"))
		return "ER-SCALE";
	if (strstr(url, "skus-legacy"))
		return "VPN-SKU-LEGACY";
	if (strstr(url, "about-gateway-skus"))
		return "VPN-SKU";
	return "ERGW";
}

const char *
er_sku_source_key(enum er_sku sku)
{
	return source_key(er_sku_rows[sku].source);
}

const char *
vpn_sku_source_key(enum vpn_sku sku)
{
	return source_key(vpn_sku_rows[sku].source);
}

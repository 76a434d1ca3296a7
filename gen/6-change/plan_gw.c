/*
 * The packet's implementation plan, part two (plan_int.h): the steps
 * that change a virtual network gateway as a whole -- create, delete,
 * a SKU or generation change as a documented resize in place or as a
 * delete and recreate, and the GatewaySubnet's move, which recreates
 * both gateways (COEX).  Each step fills a title, text, commands and
 * downtime; the downtime of a recreate names what the simulation says
 * is left without a path (plan_gate.c).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diff.h"
#include "hybridoc/plan.h"
#include "hybridoc/prefix.h"
#include "hybridoc/shell.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/words.h"
#include "hybridoc/xalloc.h"

#include "plan_int.h"

/*
 * Non-zero when Azure resizes a VPN gateway from a to b in place: an
 * upgrade within the same generation and SKU family (VpnGwx or
 * VpnGwxAZ), never Basic or a legacy SKU.  A downgrade is a delete and
 * recreate (VPNUPG: "You can't downgrade a SKU without deleting the
 * gateway and creating a new one").
 */
static int
vpn_resizable(const struct vpn_gateway *a, const struct vpn_gateway *b)
{
	if (a->generation != b->generation)
		return 0;
	if (a->sku == VPN_SKU_BASIC || b->sku == VPN_SKU_BASIC ||
	    vpn_sku_legacy(a->sku) || vpn_sku_legacy(b->sku))
		return 0;
	return vpn_sku_non_az(a->sku) == vpn_sku_non_az(b->sku) &&
	    vpn_sku_rows[b->sku].level > vpn_sku_rows[a->sku].level;
}

/*
 * Non-zero when an ExpressRoute gateway resizes from a to b in place
 * (ERGW): upgrades within the non-AZ or the AZ family, and the two
 * documented downgrades, HighPerformance to Standard and ErGw2Az to
 * ErGw1Az; "for all other downgrade scenarios, you need to delete and
 * recreate the gateway".
 */
static int
er_resizable(const struct er_gateway *a, const struct er_gateway *b)
{
	int	 az_a = a->sku >= ER_SKU_ERGW1AZ && a->sku <= ER_SKU_ERGW3AZ;
	int	 az_b = b->sku >= ER_SKU_ERGW1AZ && b->sku <= ER_SKU_ERGW3AZ;

	if (a->sku == ER_SKU_ERGWSCALE || b->sku == ER_SKU_ERGWSCALE)
		return a->sku == b->sku && b->scale_units > a->scale_units;
	if ((a->sku == ER_SKU_HIGHPERFORMANCE && b->sku == ER_SKU_STANDARD) ||
	    (a->sku == ER_SKU_ERGW2AZ && b->sku == ER_SKU_ERGW1AZ))
		return 1;
	return az_a == az_b && b->sku > a->sku;
}

/*
 * Creating a gateway needs its public IP resources, which the design
 * does not name: the Azure CLI line carries placeholders, PowerShell
 * (an IP configuration object per public IP) is not printed.
 */
void
gw_vpn_create(struct buf *c, struct buf *p, const struct design *dsn)
{
	const struct vpn_gateway *g = &dsn->vpn_gateway;
	size_t	 i;

	pc_az(c, "network vnet-gateway create", dsn, g->name);
	pc_opt(c, "-l", dsn->region);
	pc_opt(c, "--vnet", dsn->vnet.name);
	pc_arg(c, "--gateway-type Vpn");
	pc_arg(c, "--vpn-type %s",
	    g->vpn_type == VPN_ROUTE_BASED ? "RouteBased" :
	    "PolicyBased");
	pc_arg(c, "--sku %s", vpn_sku_name(g->sku));
	pc_arg(c, "--vpn-gateway-generation Generation%ld", g->generation);
	pc_arg(c, "--asn %ld", g->asn);
	pc_arg(c, "--public-ip-addresses");
	for (i = 0; i < g->ninstances; i++)
		pc_arg(c, "<public-ip-resource-%zu>", i + 1);
	pc_endl(c);
	pc_ps_none(p, "creating a gateway needs an IP configuration object per "
	    "public IP resource, which the design does not name");
}

void
gw_er_create(struct buf *c, struct buf *p, const struct design *dsn)
{
	const struct er_gateway *g = &dsn->er_gateway;

	pc_az(c, "network vnet-gateway create", dsn, g->name);
	pc_opt(c, "-l", dsn->region);
	pc_opt(c, "--vnet", dsn->vnet.name);
	pc_arg(c, "--gateway-type ExpressRoute");
	pc_arg(c, "--sku %s", er_sku_name(g->sku));
	pc_arg(c, "--public-ip-addresses <public-ip-resource>");
	pc_endl(c);
	pc_ps_none(p, "creating a gateway needs an IP configuration object for "
	    "its public IP resource, which the design does not name");
}

void
gw_delete(struct buf *c, struct buf *p, const struct design *dsn,
    const char *gw)
{
	pc_az(c, "network vnet-gateway delete", dsn, gw);
	pc_endl(c);
	pc_ps0(p, "Remove-AzVirtualNetworkGateway", dsn);
	pc_pso(p, "-Name", gw);
	buf_puts(p, " -Force\n");
}

static void
gateway_resize(struct buf *c, struct buf *p, const struct design *dsn,
    const char *gw, const char *sku)
{
	pc_az(c, "network vnet-gateway update", dsn, gw);
	pc_arg(c, "--sku %s", sku);
	pc_endl(c);
	pc_ps_gw(p, dsn, gw);
	buf_printf(p, "Resize-AzVirtualNetworkGateway -VirtualNetworkGateway "
	    "$gw -GatewaySku %s\n", sku);
}

/* Every VPN connection of the design, deleted or created. */
static void
all_vpn_connections(struct buf *c, struct buf *p, const struct design *dsn,
    int create)
{
	size_t	 i, j;

	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++) {
			if (create)
				pc_conn_create(c, p, dsn,
				    &dsn->sites[i].devices[j]);
			else
				pc_conn_delete(c, p, dsn,
				    dsn->sites[i].devices[j].connection);
		}
}

static void
all_er_connections(struct buf *c, struct buf *p, const struct design *dsn,
    int create)
{
	const char	*cn;
	char		*conn;
	size_t		 i;

	for (i = 0; i < dsn->ncircuits; i++) {
		cn = pc_circuit_connection(dsn, &dsn->circuits[i]);
		conn = cn ? xstrdup(cn) : xasprintf("cn-%s",
		    dsn->circuits[i].name);
		if (create)
			pc_er_conn_create(c, p, dsn, &dsn->circuits[i], conn);
		else
			pc_conn_delete(c, p, dsn, conn);
		free(conn);
	}
}

/* A VPN gateway SKU or generation change, from -> to. */
enum plan_outage
gw_vpn_sku_step(struct buf *title, struct buf *text, struct buf *cmds,
    struct buf *ps, struct buf *down, const struct design *from,
    const struct design *to, const struct sim *fsim)
{
	const struct vpn_gateway *a = &from->vpn_gateway, *b = &to->vpn_gateway;

	buf_printf(title, "Change VPN gateway %s from %s (generation %ld) to "
	    "%s (generation %ld)", b->name, vpn_sku_name(a->sku),
	    a->generation, vpn_sku_name(b->sku), b->generation);
	if (vpn_resizable(a, b)) {
		buf_puts(text, "An upgrade within the same SKU family and "
		    "generation: the gateway keeps its public IPs, BGP "
		    "settings and connections. Aggregate throughput goes from ");
		words_mbps(text, vpn_sku_mbps(a->sku, a->generation));
		buf_puts(text, " to ");
		words_mbps(text, vpn_sku_mbps(b->sku, b->generation));
		buf_puts(text, ".");
		gateway_resize(cmds, ps, to, b->name, vpn_sku_name(b->sku));
		buf_puts(down, "Very little: Learn says an upgrade \"incurs "
		    "very little downtime\" and takes about 45 minutes to "
		    "complete (VPNUPG), with no figure for the interruption "
		    "itself; keep ExpressRoute up during the change");
		return PLAN_OUT_RESET;
	}
	buf_printf(text, "%s cannot be reached from %s by a resize (a "
	    "downgrade, a different generation, AZ and non-AZ, Basic or a "
	    "retired SKU; VPNUPG): use the gateway migration experience in "
	    "the Azure portal where it applies, or delete the gateway and its "
	    "connections and create them again as below.",
	    vpn_sku_name(b->sku), vpn_sku_name(a->sku));
	all_vpn_connections(cmds, ps, from, 0);
	gw_delete(cmds, ps, to, a->name);
	gw_vpn_create(cmds, ps, to);
	all_vpn_connections(cmds, ps, to, 1);
	buf_puts(down, "No VPN from the gateway's deletion until it is "
	    "recreated and every tunnel is up again: ");
	gate_outage_words(down, fsim, from, SIM_VPN);
	buf_puts(down, "; creating a VPN gateway takes 45 minutes or more "
	    "(VPNGWCREATE)");
	return PLAN_OUT_FULL;
}

enum plan_outage
gw_er_sku_step(struct buf *title, struct buf *text, struct buf *cmds,
    struct buf *ps, struct buf *down, const struct design *from,
    const struct design *to, const struct sim *fsim)
{
	const struct er_gateway *a = &from->er_gateway, *b = &to->er_gateway;

	buf_printf(title, "Change ExpressRoute gateway %s from %s to %s",
	    b->name, er_sku_name(a->sku), er_sku_name(b->sku));
	if (b->sku == ER_SKU_ERGWSCALE)
		buf_printf(title, " (%ld scale unit%s)", b->scale_units,
		    b->scale_units == 1 ? "" : "s");
	if (er_resizable(a, b)) {
		buf_puts(text, "A documented resize in place (ERGW). "
		    "Throughput goes from ");
		words_mbps(text, er_sku_mbps(a));
		buf_puts(text, " to ");
		words_mbps(text, er_sku_mbps(b));
		buf_puts(text, ".");
		gateway_resize(cmds, ps, to, b->name, er_sku_name(b->sku));
		buf_puts(down, "Not documented for a resize (ERGW gives no "
		    "figure); estimate: plan for ExpressRoute traffic to fail "
		    "over to the VPN while the gateway is resized, so run it in "
		    "a maintenance window");
		return PLAN_OUT_RESET;
	}
	buf_puts(text, "Not a documented resize (ERGW lists the upgrades "
	    "and the only two downgrades done in place): use the gateway "
	    "migration experience in the Azure portal, which builds the new "
	    "gateway beside the old one in GatewaySubnet and moves the "
	    "connections, or delete and recreate the gateway as below.");
	all_er_connections(cmds, ps, from, 0);
	gw_delete(cmds, ps, to, a->name);
	gw_er_create(cmds, ps, to);
	all_er_connections(cmds, ps, to, 1);
	buf_puts(down, "With delete and recreate, no ExpressRoute until the "
	    "gateway and its connections are back (\"recreating a gateway "
	    "incurs downtime\", ERGW): ");
	gate_outage_words(down, fsim, from, SIM_EXPRESSROUTE);
	buf_puts(down, "; creating an ExpressRoute gateway takes 45 minutes "
	    "or more (ERGWCREATE)");
	return PLAN_OUT_FULL;
}

/* The documented procedure for a new GatewaySubnet prefix. */
enum plan_outage
gw_subnet_step(struct buf *title, struct buf *text, struct buf *cmds,
    struct buf *ps, struct buf *down, const struct design *from,
    const struct design *to)
{
	const struct subnet *a = design_gateway_subnet(from);
	const struct subnet *b = design_gateway_subnet(to);
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];

	if (b == NULL) {
		buf_puts(title, "Remove GatewaySubnet");
		buf_puts(text, "Both gateways must be gone before the subnet "
		    "can be deleted.");
		pc_subnet_cmd(cmds, ps, to, "GatewaySubnet", NULL, "delete");
		return PLAN_OUT_NONE;
	}
	if (a == NULL) {
		buf_printf(title, "Create GatewaySubnet %s", PFX(&b->prefix,
		    t));
		pc_subnet_cmd(cmds, ps, to, "GatewaySubnet", &b->prefix,
		    "create");
		return PLAN_OUT_NONE;
	}
	buf_printf(title, "Move GatewaySubnet from %s to %s",
	    PFX(&a->prefix, t), PFX(&b->prefix, u));
	buf_puts(text, "A subnet that holds gateways cannot be changed: the "
	    "documented procedure deletes the connections and both "
	    "gateways, changes the subnet, and creates the gateways and "
	    "connections again (COEX). The public IP resources are kept "
	    "and reused.");
	all_vpn_connections(cmds, ps, from, 0);
	all_er_connections(cmds, ps, from, 0);
	if (from->vpn_gateway.node)
		gw_delete(cmds, ps, from, from->vpn_gateway.name);
	if (from->er_gateway.node)
		gw_delete(cmds, ps, from, from->er_gateway.name);
	pc_subnet_cmd(cmds, ps, to, "GatewaySubnet", &b->prefix, "update");
	if (to->er_gateway.node)
		gw_er_create(cmds, ps, to);
	if (to->vpn_gateway.node)
		gw_vpn_create(cmds, ps, to);
	all_er_connections(cmds, ps, to, 1);
	all_vpn_connections(cmds, ps, to, 1);
	buf_puts(down, "Full outage of hybrid connectivity: neither "
	    "ExpressRoute nor the VPN works from the deletion of the "
	    "gateways until both are recreated and every connection is up "
	    "again; each gateway takes 45 minutes or more to create "
	    "(VPNGWCREATE, ERGWCREATE)");
	return PLAN_OUT_FULL;
}

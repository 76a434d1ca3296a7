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
 * Review 20 Q10: custom BGP addresses are APIPA ones (169.254.21.0 to
 * 169.254.22.255), default ones come from GatewaySubnet: a record that
 * lists any stops the CLI form, which cannot set them at creation.  It
 * runs before the create and (review 21 N3) before the delete of a
 * gateway to be recreated, so the CLI form never deletes what it cannot
 * rebuild.  done: what the stop says of the block so far.
 */
static void
apipa_stop(struct buf *c, const struct vpn_gateway *g, const char *done)
{
	struct buf	 f = BUF_INIT;
	char		*msg;

	buf_printf(&f, "%s.addresses-before.json", g->name);
	buf_puts(c, "# custom APIPA BGP addresses: no documented Azure "
	    "CLI parameter at creation;\n# where the record lists "
	    "any (customBgpIpAddresses), use the PowerShell form\n"
	    "if grep -q '\"169\\.254\\.' ");
	shell_word(c, SHELL_SH, buf_cstr(&f));
	buf_puts(c, "; then\n    ");
	msg = xasprintf("STOP: the record lists custom APIPA BGP addresses "
	    "(169.254.x.x), which the Azure CLI cannot set when it creates "
	    "the gateway: use the PowerShell form of this block; %s", done);
	pc_stop_sh(c, msg);
	buf_puts(c, "\nfi\n");
	free(msg);
	buf_release(&f);
}

/*
 * A new gateway's public IP resources are not in the design: the Azure
 * CLI line carries placeholders and PowerShell (an IP configuration
 * object per public IP) is not printed.  A gateway recreated (reuse) is
 * created from the record its go/no-go made (rec_gateway()): the same
 * public IP resources in the same order and, in PowerShell, the same IP
 * configuration names and custom (APIPA) BGP addresses -- the on-premises
 * devices are configured with them.  The Azure CLI derives active-active
 * from two public IPs and names the IP configurations itself, and has no
 * documented parameter for custom BGP addresses at creation
 * (vnet_gateway/_create.py): its line says so.
 */
void
gw_vpn_create(struct buf *c, struct buf *p, const struct design *dsn,
    int reuse)
{
	const struct vpn_gateway *g = &dsn->vpn_gateway;
	size_t	 i;

	if (reuse)
		apipa_stop(c, g, "nothing was created");
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
	if (reuse)
		rec_public_ips(c, g->name);
	else {
		pc_arg(c, "--public-ip-addresses");
		for (i = 0; i < g->ninstances; i++)
			pc_arg(c, "<public-ip-resource-%zu>", i + 1);
	}
	pc_endl(c);
	if (!reuse) {
		pc_ps_none(p, "creating a gateway needs an IP configuration "
		    "object per public IP resource, which the design does not "
		    "name");
		return;
	}
	rec_ps_config(p, dsn, g->name);
	pc_ps0(p, "New-AzVirtualNetworkGateway", dsn);
	pc_pso(p, "-Name", g->name);
	pc_pso(p, "-Location", dsn->region);
	buf_printf(p, " -IpConfigurations $ipc -GatewayType Vpn -VpnType %s "
	    "-GatewaySku %s -VpnGatewayGeneration Generation%ld",
	    g->vpn_type == VPN_ROUTE_BASED ? "RouteBased" : "PolicyBased",
	    vpn_sku_name(g->sku), g->generation);
	if (g->bgp)
		buf_printf(p, " -EnableBgp $true -Asn %ld", g->asn);
	if (g->active_active)
		buf_puts(p, " -EnableActiveActiveFeature");
	buf_puts(p, " @more\n");
}

void
gw_er_create(struct buf *c, struct buf *p, const struct design *dsn,
    int reuse)
{
	const struct er_gateway *g = &dsn->er_gateway;

	pc_az(c, "network vnet-gateway create", dsn, g->name);
	pc_opt(c, "-l", dsn->region);
	pc_opt(c, "--vnet", dsn->vnet.name);
	pc_arg(c, "--gateway-type ExpressRoute");
	pc_arg(c, "--sku %s", er_sku_name(g->sku));
	if (reuse)
		rec_public_ips(c, g->name);
	else
		pc_arg(c, "--public-ip-addresses <public-ip-resource>");
	pc_endl(c);
	if (!reuse) {
		pc_ps_none(p, "creating a gateway needs an IP configuration "
		    "object for its public IP resource, which the design does "
		    "not name");
		return;
	}
	rec_ps_config(p, dsn, g->name);
	pc_ps0(p, "New-AzVirtualNetworkGateway", dsn);
	pc_pso(p, "-Name", g->name);
	pc_pso(p, "-Location", dsn->region);
	buf_printf(p, " -IpConfigurations $ipc -GatewayType ExpressRoute "
	    "-GatewaySku %s\n", er_sku_name(g->sku));
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

/*
 * What the record is and what the recreate does with it; gw NULL: each
 * gateway.  vpn: the on-premises VPN devices use the gateway's public
 * IPs and BGP addresses; an ExpressRoute gateway's public IP is only
 * kept.
 */
static void
record_text(struct buf *text, const char *gw, int vpn)
{
	const char	*g = gw ? gw : "GATEWAY";

	buf_printf(text, " The go/no-go records %s first (%s.before.json, "
	    "%s.public-ips.txt, %s.addresses-before.json%s): the create "
	    "reuses its public IP resources%s, and the step then compares "
	    "the public IPs and BGP addresses with the record%s. The "
	    "connections are recreated as they are before this step (the "
	    "inventory the go/no-go checked); later steps make their own "
	    "changes. Run the go/no-go's record commands once, before the "
	    "first run of the step: run again after a gateway is recreated, "
	    "they would record the new gateway instead of the original, and "
	    "the address check would compare it with itself.", gw ?
	    "the gateway" : "each gateway", g, g, g, gw ? "" :
	    ", one set per gateway, named after it", vpn ? " and custom BGP "
	    "addresses" : "", vpn ? " -- the on-premises VPN devices are "
	    "configured with them" : "");
}

/*
 * --query "[?name=='NAME']WHAT": the resource of a list named NAME.  A
 * list answers empty when it is missing and fails on any other error,
 * where a show would fail both ways.
 */
static void
name_query(struct buf *c, const char *name, const char *what)
{
	struct buf	 q = BUF_INIT;
	const char	*s;

	buf_puts(&q, "[?name=='");
	for (s = name; *s; s++) {
		if (*s == '\'' || *s == '\\')
			buf_putc(&q, '\\');
		buf_putc(&q, *s);
	}
	buf_printf(&q, "']%s", what);
	/* A plain name reads better in double quotes, as elsewhere. */
	if (strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") == strlen(name))
		pc_arg(c, "--query \"%s\"", buf_cstr(&q));
	else
		pc_opt(c, "--query", buf_cstr(&q));
	buf_release(&q);
}

/*
 * Shell lines that run body only when connection conn is missing: the
 * rollback creates only what is not there any more, whatever point the
 * step stopped at.
 */
static void
conn_if(struct buf *c, struct buf *p, const struct design *dsn,
    const char *conn, const struct buf *bc, const struct buf *bp,
    int present)
{
	/* On a line of its own: set -e stops on a failed lookup, which
	 * inside [ ] would read as missing (review 18 N5). */
	buf_puts(c, "cx=$(");
	pc_az0(c, "network vpn-connection list", dsn);
	name_query(c, conn, ".name");
	pc_arg(c, "-o tsv)");
	pc_endl(c);
	buf_printf(c, "if [ %s \"$cx\" ]; then\n", present ? "-n" : "-z");
	buf_put(c, buf_cstr(bc), bc->len);
	buf_puts(c, "fi\n");
	pc_ps0(p, "$cx = Get-AzVirtualNetworkGatewayConnection", dsn);
	buf_puts(p, " | Where-Object Name");
	pc_pso(p, "-eq", conn);
	buf_printf(p, "\nif ($null %s $cx) {\n", present ? "-ne" : "-eq");
	buf_put(p, buf_cstr(bp), bp->len);
	buf_puts(p, "}\n");
}

/*
 * Before any connection of an existing gateway is created (review 18
 * N4): the gateway is in provisioning state Succeeded, and its public
 * IPs and BGP addresses are compared with the record (a VPN gateway's
 * difference stops), whether the rollback created it or found it.
 */
static void
gw_ready(struct buf *c, struct buf *p, const struct design *dsn, int vpn,
    const char *again)
{
	const char	*gw = vpn ? dsn->vpn_gateway.name :
	    dsn->er_gateway.name;

	buf_puts(c, "state=$(");
	pc_az0(c, "network vnet-gateway show", dsn);
	pc_opt(c, "-n", gw);
	pc_arg(c, "--query provisioningState -o tsv)");
	pc_endl(c);
	buf_printf(c, "if [ \"$state\" != Succeeded ]; then\n    echo "
	    "\"STOP: %s is in provisioning state $state, not Succeeded: let "
	    "an operation in progress end and run %s again; if it "
	    "stays Failed, create none of its connections and open a "
	    "support case\" >&2; exit 1\nfi\n", gw, again);
	pc_ps0(p, "$gwNow = Get-AzVirtualNetworkGateway", dsn);
	pc_pso(p, "-Name", gw);
	buf_printf(p, "; if ($gwNow.ProvisioningState -ne 'Succeeded') { "
	    "throw \"STOP: %s is in provisioning state "
	    "$($gwNow.ProvisioningState), not Succeeded: let an operation in "
	    "progress end and run %s again; if it stays Failed, "
	    "create none of its connections and open a support case\" }\n",
	    gw, again);
	rec_compare(c, p, dsn, gw, vpn);
}

/* The connections of conns on gateway kind vpn, each only if missing. */
static void
conns_if_missing(struct buf *c, struct buf *p, const struct design *conns,
    int vpn, const char *again)
{
	struct buf	 bc = BUF_INIT, bp = BUF_INIT;
	const char	*cn;
	char		*conn;
	size_t		 i, j;

	gw_ready(c, p, conns, vpn, again);
	if (vpn) {
		int	 bgp;

		/* Review 20 Q4: a static site's tunnel does not depend on
		 * the gateway's BGP addresses: its connection is created
		 * before the acceptance that the BGP ones wait for. */
		for (bgp = 0; bgp < 2; bgp++) {
			if (bgp)
				rec_accept(c, p, conns->vpn_gateway.name);
			for (i = 0; i < conns->nsites; i++)
				for (j = 0; j < conns->sites[i].ndevices;
				    j++) {
					const struct vpn_device *v =
					    &conns->sites[i].devices[j];

					if (!v->has_bgp != !bgp)
						continue;
					buf_truncate(&bc, 0);
					buf_truncate(&bp, 0);
					pc_conn_create(&bc, &bp, conns, v);
					conn_if(c, p, conns, v->connection,
					    &bc, &bp, 0);
				}
		}
	} else {
		for (i = 0; i < conns->ncircuits; i++) {
			cn = pc_circuit_connection(conns, &conns->circuits[i]);
			conn = cn ? xstrdup(cn) : xasprintf("cn-%s",
			    conns->circuits[i].name);
			buf_truncate(&bc, 0);
			buf_truncate(&bp, 0);
			pc_er_conn_create(&bc, &bp, conns, &conns->circuits[i],
			    conn);
			conn_if(c, p, conns, conn, &bc, &bp, 0);
			free(conn);
		}
	}
	buf_release(&bc);
	buf_release(&bp);
}

/* The connections of conns on gateway kind vpn, each deleted only if
 * it exists. */
static void
conns_delete_if_present(struct buf *c, struct buf *p,
    const struct design *conns, int vpn)
{
	struct buf	 bc = BUF_INIT, bp = BUF_INIT;
	const char	*cn;
	char		*conn;
	size_t		 i, j;

	if (vpn)
		for (i = 0; i < conns->nsites; i++)
			for (j = 0; j < conns->sites[i].ndevices; j++) {
				const char *vc =
				    conns->sites[i].devices[j].connection;

				buf_truncate(&bc, 0);
				buf_truncate(&bp, 0);
				pc_conn_delete(&bc, &bp, conns, vc);
				conn_if(c, p, conns, vc, &bc, &bp, 1);
			}
	else
		for (i = 0; i < conns->ncircuits; i++) {
			cn = pc_circuit_connection(conns, &conns->circuits[i]);
			conn = cn ? xstrdup(cn) : xasprintf("cn-%s",
			    conns->circuits[i].name);
			buf_truncate(&bc, 0);
			buf_truncate(&bp, 0);
			pc_conn_delete(&bc, &bp, conns, conn);
			conn_if(c, p, conns, conn, &bc, &bp, 1);
			free(conn);
		}
	buf_release(&bc);
	buf_release(&bp);
}

/* "sku=$(az network vnet-gateway list ...)": empty when it is missing. */
static void
gw_sku_now(struct buf *c, struct buf *p, const struct design *dsn,
    const char *gw, int gen)
{
	buf_puts(c, "sku=$(");
	pc_az0(c, "network vnet-gateway list", dsn);
	/* With gen, "SKU/GenerationN": a generation change keeps the name. */
	name_query(c, gw, gen ? ".join('/', [sku.name, vpnGatewayGeneration])" :
	    ".sku.name");
	pc_arg(c, "-o tsv)");
	pc_endl(c);
	pc_ps0(p, "$gwNow = Get-AzVirtualNetworkGateway", dsn);
	buf_puts(p, " | Where-Object Name");
	pc_pso(p, "-eq", gw);
	pc_endl(p);
}

/* The gateway created from the record (gw_ready() compares its
 * addresses before its connections). */
static void
gw_from_record(struct buf *c, struct buf *p, const struct design *dsn,
    int vpn)
{
	if (vpn)
		gw_vpn_create(c, p, dsn, 1);
	else
		gw_er_create(c, p, dsn, 1);
}

/* Gateway vpn (or the ExpressRoute one) of dsn, created from the
 * record only if it is missing. */
static void
gw_if_missing(struct buf *c, struct buf *p, const struct design *dsn,
    int vpn)
{
	gw_sku_now(c, p, dsn, vpn ? dsn->vpn_gateway.name :
	    dsn->er_gateway.name, 0);
	buf_puts(c, "if [ -z \"$sku\" ]; then\n");
	buf_puts(p, "if ($null -eq $gwNow) {\n");
	gw_from_record(c, p, dsn, vpn);
	buf_puts(c, "fi\n");
	buf_puts(p, "}\n");
}

/*
 * A gateway's SKU as the blocks compare it (caller frees): with gen, a
 * VPN SKU with its generation ("VpnGw2AZ/Generation2"), as a generation
 * change keeps the SKU's name.
 */
static char *
sku_label(const struct design *d, int vpn, int gen)
{
	if (gen)
		return xasprintf("%s/Generation%ld",
		    vpn_sku_name(d->vpn_gateway.sku), d->vpn_gateway.generation);
	return xstrdup(vpn ? vpn_sku_name(d->vpn_gateway.sku) :
	    er_sku_name(d->er_gateway.sku));
}

/*
 * The delete and recreate of one gateway, vpn or not, from from's SKU
 * to gwd's, as one block that can be run again after any stop (review
 * 18 N6): the connections of conns (the inventory the go/no-go checked)
 * and the gateway are deleted only while it still has from's SKU; the
 * gateway is created from the record only if it is missing; then it
 * must be in provisioning state Succeeded, its public IPs and BGP
 * addresses are compared with the record, and each connection of conns
 * that is missing is created exactly as it was -- the design before
 * this step, so a later step's change to a connection (routing weight,
 * DPD, key, a new circuit) is made by that step and nowhere else.  Any
 * other SKU stops.
 */
static void
recreate(struct buf *cmds, struct buf *ps, const struct design *from,
    const struct design *gwd, const struct design *conns, int vpn)
{
	const char	*gw = vpn ? gwd->vpn_gateway.name :
	    gwd->er_gateway.name;
	int		 gen = vpn && from->vpn_gateway.generation !=
	    gwd->vpn_gateway.generation;
	char		*was = sku_label(from, vpn, gen);
	char		*now = sku_label(gwd, vpn, gen);
	const char	*psv = gen ? "\"$($gwNow.Sku.Name)/"
	    "$($gwNow.VpnGatewayGeneration)\"" : "$gwNow.Sku.Name";

	gw_sku_now(cmds, ps, gwd, gw, gen);
	buf_printf(cmds, "if [ \"$sku\" = %s ]; then\n", was);
	buf_printf(ps, "if ($null -ne $gwNow -and %s -eq '%s') {\n", psv, was);
	if (vpn)
		apipa_stop(cmds, &gwd->vpn_gateway, "nothing was deleted");
	conns_delete_if_present(cmds, ps, conns, vpn);
	gw_delete(cmds, ps, gwd, gw);
	buf_printf(cmds, "elif [ -n \"$sku\" ] && [ \"$sku\" != %s ]; then\n"
	    "    echo \"STOP: %s is $sku, neither %s nor %s\" >&2; exit 1\n"
	    "fi\n", now, gw, was, now);
	buf_printf(ps, "} elseif ($null -ne $gwNow -and %s -ne '%s') { throw "
	    "\"STOP: %s is $(%s), neither %s nor %s\" }\n", psv, now, gw, psv,
	    was, now);
	gw_if_missing(cmds, ps, gwd, vpn);
	conns_if_missing(cmds, ps, conns, vpn, "this step");
	free(was);
	free(now);
}

/*
 * The rollback of a delete and recreate from base to head, computed
 * from what exists when it runs, whatever point the step stopped at:
 * the gateway missing (stopped after its delete) is created from the
 * record its go/no-go made; still at base's SKU (stopped before the
 * delete), it is left alone; at head's SKU (the step completed), it is
 * resized back where Azure does that in place (VPNUPG, ERGW), else
 * deleted and created from the record; any other SKU stops.  Then
 * every connection of the inventory (base) that is missing is created.
 */
enum plan_outage
gw_undo_recreate(struct buf *title, struct buf *text, struct buf *cmds,
    struct buf *ps, struct buf *down, const struct design *head,
    const struct design *base, int vpn)
{
	const char	*gw = vpn ? base->vpn_gateway.name :
	    base->er_gateway.name;
	/* A generation change keeps the SKU's name: both are compared. */
	int		 gen = vpn && head->vpn_gateway.generation !=
	    base->vpn_gateway.generation;
	char		*was = sku_label(base, vpn, gen);
	char		*now = sku_label(head, vpn, gen);
	const char	*psv = gen ? "\"$($gwNow.Sku.Name)/"
	    "$($gwNow.VpnGatewayGeneration)\"" : "$gwNow.Sku.Name";
	int		 resize = vpn ? vpn_resizable(&head->vpn_gateway,
	    &base->vpn_gateway) : er_resizable(&head->er_gateway,
	    &base->er_gateway);
	int		 same = strcmp(was, now) == 0;

	buf_printf(title, "Put %s gateway %s back to %s: %s if it exists, "
	    "recreate it from the record if not", vpn ? "VPN" :
	    "ExpressRoute", gw, was, resize ? "resize it" : "recreate it");
	buf_printf(text, "What runs depends on what exists now, whatever "
	    "point the step stopped at. The gateway missing (the step stopped "
	    "after its delete): it is created from the record its go/no-go "
	    "made, with its original SKU, public IP resources and custom BGP "
	    "addresses.");
	if (!same)
		buf_printf(text, " Still at %s (the step stopped before its "
		    "delete): it is left as it is.", was);
	if (resize)
		buf_printf(text, " At %s (the step completed): it is resized "
		    "back in place, which keeps its public IPs, BGP settings and "
		    "connections (%s).", now, vpn ? "VPNUPG" : "ERGW");
	else
		buf_printf(text, " At %s (the step completed): %s cannot be "
		    "reached by a resize, so its connections and the gateway are "
		    "deleted and it is created from the record.", now, was);
	buf_puts(text, " Any other SKU: stop. Then, before any of its "
	    "connections is created, the gateway must be in provisioning "
	    "state Succeeded and its addresses are compared with the record");
	buf_puts(text, vpn ? " (a difference stops: the on-premises devices "
	    "need the new BGP neighbors first, which the stop lists, and the "
	    "block goes on only when run again with HYBRIDOC_ACCEPT_BGP "
	    "naming the new addresses)" : " (a difference is "
	    "printed: the on-premises routers peer with the circuit's edge "
	    "routers, not with this gateway)");
	buf_puts(text, "; then every connection of the inventory that is "
	    "missing is created, and no other.");
	gw_sku_now(cmds, ps, base, gw, gen);
	buf_puts(cmds, "if [ -z \"$sku\" ]; then\n");
	buf_puts(ps, "if ($null -eq $gwNow) {\n");
	gw_from_record(cmds, ps, base, vpn);
	buf_printf(cmds, "elif [ \"$sku\" = %s ]; then\n", now);
	buf_printf(ps, "} elseif (%s -eq '%s') {\n", psv, now);
	if (resize && !same)
		gateway_resize(cmds, ps, base, gw, vpn ?
		    vpn_sku_name(base->vpn_gateway.sku) :
		    er_sku_name(base->er_gateway.sku));
	else {
		/* Each only if it exists: a run again after a stop. */
		if (vpn)
			apipa_stop(cmds, &base->vpn_gateway, "nothing was "
			    "deleted");
		conns_delete_if_present(cmds, ps, base, vpn);
		gw_delete(cmds, ps, base, gw);
		gw_from_record(cmds, ps, base, vpn);
	}
	if (!same) {
		buf_printf(cmds, "elif [ \"$sku\" = %s ]; then\n", was);
		buf_printf(cmds, "    echo '%s is still %s: not changed'\n",
		    gw, was);
		buf_printf(ps, "} elseif (%s -eq '%s') {\n", psv, was);
		buf_printf(ps, "'%s is still %s: not changed'\n", gw, was);
	}
	buf_printf(cmds, "else\n    echo \"STOP: %s is $sku, neither %s "
	    "nor %s\" >&2; exit 1\nfi\n", gw, was, now);
	buf_printf(ps, "} else { throw \"STOP: %s is $(%s), neither %s nor "
	    "%s\" }\n", gw, psv, was, now);
	conns_if_missing(cmds, ps, base, vpn, "this rollback");
	if (resize && vpn)
		buf_puts(down, "If the gateway exists, a resize: Learn says "
		    "an upgrade \"incurs very little downtime\" and takes about "
		    "45 minutes to complete (VPNUPG), with no figure for the "
		    "interruption itself. During that interruption VPN-only "
		    "sites have no path, and sites with ExpressRoute have no VPN "
		    "backup. ");
	else if (resize)
		buf_puts(down, "If the gateway exists, a resize: no documented "
		    "figure (ERGW); estimate: plan for ExpressRoute traffic to "
		    "fail over to the VPN while the gateway is resized. ");
	buf_printf(down, "If it %s, no %s until it is created and its "
	    "connections are up again; creating %s gateway takes 45 minutes "
	    "or more (%s)", resize ? "is missing" : "is missing or must be "
	    "recreated", vpn ? "VPN" : "ExpressRoute", vpn ? "a VPN" :
	    "an ExpressRoute", vpn ? "VPNGWCREATE" : "ERGWCREATE");
	free(was);
	free(now);
	return PLAN_OUT_FULL;
}

/*
 * A VPN gateway SKU or generation change, from -> to; conns is the
 * design whose connections a recreate deletes and creates again (the
 * one before the step).  *recreated: set when it is a delete and
 * recreate.
 */
enum plan_outage
gw_vpn_sku_step(struct buf *title, struct buf *text, struct buf *cmds,
    struct buf *ps, struct buf *down, const struct design *from,
    const struct design *to, const struct design *conns,
    const struct sim *fsim, int *recreated)
{
	const struct vpn_gateway *a = &from->vpn_gateway, *b = &to->vpn_gateway;

	*recreated = 0;
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
		    "itself. During that interruption VPN-only sites have no "
		    "path, and sites with ExpressRoute have no VPN backup: "
		    "schedule no circuit work in the same window (ExpressRoute "
		    "carries only the sites attached to a circuit)");
		return PLAN_OUT_RESET;
	}
	*recreated = 1;
	buf_printf(text, "%s cannot be reached from %s by a resize (a "
	    "downgrade, a different generation, AZ and non-AZ, Basic or a "
	    "retired SKU; VPNUPG): use the gateway migration experience in "
	    "the Azure portal where it applies, or delete the gateway and its "
	    "connections and create them again as below.",
	    vpn_sku_name(b->sku), vpn_sku_name(a->sku));
	record_text(text, b->name, 1);
	recreate(cmds, ps, from, to, conns, 1);
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
    const struct design *to, const struct design *conns,
    const struct sim *fsim, int *recreated)
{
	const struct er_gateway *a = &from->er_gateway, *b = &to->er_gateway;

	*recreated = 0;
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
	*recreated = 1;
	buf_puts(text, "Not a documented resize (ERGW lists the upgrades "
	    "and the only two downgrades done in place): use the gateway "
	    "migration experience in the Azure portal, which builds the new "
	    "gateway beside the old one in GatewaySubnet and moves the "
	    "connections, or delete and recreate the gateway as below.");
	record_text(text, b->name, 0);
	recreate(cmds, ps, from, to, conns, 0);
	buf_puts(down, "With delete and recreate, no ExpressRoute until the "
	    "gateway and its connections are back (\"recreating a gateway "
	    "incurs downtime\", ERGW): ");
	gate_outage_words(down, fsim, from, SIM_EXPRESSROUTE);
	buf_puts(down, "; creating an ExpressRoute gateway takes 45 minutes "
	    "or more (ERGWCREATE)");
	return PLAN_OUT_FULL;
}

/*
 * Review 18 N7: before the VPN gateway's create, the block waits until
 * the ExpressRoute gateway has learned each site prefix advertised over
 * ExpressRoute (origin EBgp), checking every minute; after ten checks it
 * stops, saying how the VPN comes back without ExpressRoute (next).
 * Ten minutes is an estimate (no documented figure): BGP on a new
 * circuit connection is expected up within a few minutes, and the
 * margin keeps a slow session from being taken for a failed one.
 */
#define LEARN_TRIES	10
static void
gw_wait_learned(struct buf *c, struct buf *p, const struct design *dsn,
    const char *next)
{
	const char	*gw = dsn->er_gateway.name;
	char		 t[PREFIX_STRLEN];
	size_t		 i, j, k;

	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ner; j++)
			for (k = 0; k < dsn->sites[i].er[j].nadvertise; k++) {
				const char *pf = PFX(&dsn->sites[i].er[j].
				    advertise[k], t);

				buf_puts(c, "i=0\nwhile :; do\nr=$(");
				pc_az0(c, "network vnet-gateway "
				    "list-learned-routes", dsn);
				pc_opt(c, "-n", gw);
				pc_arg(c, "--query \"value[?origin=='EBgp' && "
				    "network=='%s'].network\"", pf);
				pc_arg(c, "-o tsv)");
				pc_endl(c);
				buf_printf(c, "if [ -n \"$r\" ]; then break; "
				    "fi\ni=$((i + 1))\nif [ \"$i\" -ge %d ]; "
				    "then\n    echo 'STOP: %s has not learned %s "
				    "over ExpressRoute after %d minutes: check "
				    "the circuit connection and the BGP sessions "
				    "of the circuit; to bring the VPN back "
				    "without ExpressRoute, %s' "
				    ">&2; exit 1\nfi\nsleep 60\ndone\n"
				    "echo '%s learned %s over ExpressRoute'\n",
				    LEARN_TRIES, gw, pf, LEARN_TRIES, next, gw,
				    pf);
				pc_ps0(p, "$i = 0; while (-not "
				    "(Get-AzVirtualNetworkGatewayLearnedRoute",
				    dsn);
				pc_pso(p, "-VirtualNetworkGatewayName", gw);
				buf_printf(p, " | Where-Object { $_.Origin -eq "
				    "'EBgp' -and $_.Network -eq '%s' })) { "
				    "$i++; if ($i -ge %d) { throw 'STOP: %s "
				    "has not learned %s over ExpressRoute after "
				    "%d minutes: check the circuit connection "
				    "and the BGP sessions of the circuit; to "
				    "bring the VPN back without ExpressRoute, "
				    "%s' }; Start-Sleep -Seconds 60 }\n", pf,
				    LEARN_TRIES, gw, pf, LEARN_TRIES, next);
			}
}

/*
 * GatewaySubnet's prefix now, on a line of its own (set -e stops on a
 * failed read; review 18 N5): "pfx" in the shell, "$pfx" (a list) in
 * PowerShell.  A subnet gives addressPrefix, or addressPrefixes when
 * it has several.
 */
static void
subnet_prefix_now(struct buf *c, struct buf *p, const struct design *dsn)
{
	buf_puts(c, "pfx=$(");
	pc_az(c, "network vnet subnet show", dsn, "GatewaySubnet");
	pc_opt(c, "--vnet-name", dsn->vnet.name);
	pc_arg(c, "--query \"addressPrefix || addressPrefixes[0]\"");
	pc_arg(c, "-o tsv)");
	pc_endl(c);
	pc_ps0(p, "$vnet = Get-AzVirtualNetwork", dsn);
	pc_pso(p, "-Name", dsn->vnet.name);
	buf_puts(p, "; $pfx = @((Get-AzVirtualNetworkSubnetConfig -Name "
	    "GatewaySubnet -VirtualNetwork $vnet).AddressPrefix)\n");
}

/* A gateway's part starts only once part 1 has moved the prefix. */
static void
subnet_moved_guard(struct buf *c, struct buf *p, const struct design *dsn,
    const char *want)
{
	subnet_prefix_now(c, p, dsn);
	buf_printf(c, "if [ \"$pfx\" != %s ]; then\n    echo \"STOP: "
	    "GatewaySubnet is $pfx, not %s: run part 1 of this step first "
	    "(or, to restore service without the move, the rollback of this "
	    "step)\" >&2; exit 1\nfi\n", want, want);
	buf_printf(p, "if (-not ($pfx -contains '%s')) { throw \"STOP: "
	    "GatewaySubnet is $pfx, not %s: run part 1 of this step first "
	    "(or, to restore service without the move, the rollback of this "
	    "step)\" }\n", want, want);
}

/*
 * Part 1 of the move: every connection and gateway of objs that exists
 * is deleted and the prefix changed, only while GatewaySubnet still has
 * the old prefix.  Run again after the move, it deletes nothing -- the
 * gateways parts 2 and 3 created stay -- and only compares what the
 * subnet carries with the record.
 */
static void
subnet_move(struct buf *c, struct buf *p, const struct design *objs,
    const struct design *to, const char *was, const char *want)
{
	int		 vpn;

	subnet_prefix_now(c, p, to);
	buf_printf(c, "if [ \"$pfx\" = %s ]; then\n    echo 'GatewaySubnet "
	    "is %s already: nothing is deleted; go on with the next part'\n"
	    "elif [ \"$pfx\" != %s ]; then\n    echo \"STOP: GatewaySubnet is "
	    "$pfx, neither %s nor %s\" >&2; exit 1\nelse\n", want, want, was,
	    was, want);
	buf_printf(p, "if ($pfx -contains '%s') { 'GatewaySubnet is %s "
	    "already: nothing is deleted; go on with the next part' } elseif "
	    "(-not ($pfx -contains '%s')) { throw \"STOP: GatewaySubnet is "
	    "$pfx, neither %s nor %s\" } else {\n", want, want, was, was,
	    want);
	if (objs->vpn_gateway.node)
		apipa_stop(c, &objs->vpn_gateway, "nothing was deleted");
	conns_delete_if_present(c, p, objs, 1);
	conns_delete_if_present(c, p, objs, 0);
	for (vpn = 1; vpn >= 0; vpn--) {
		const char *gw = vpn ? objs->vpn_gateway.name :
		    objs->er_gateway.name;

		if ((vpn ? objs->vpn_gateway.node : objs->er_gateway.node) ==
		    NULL)
			continue;
		gw_sku_now(c, p, objs, gw, 0);
		buf_puts(c, "if [ -n \"$sku\" ]; then\n");
		buf_puts(p, "if ($null -ne $gwNow) {\n");
		gw_delete(c, p, objs, gw);
		buf_puts(c, "fi\n");
		buf_puts(p, "}\n");
	}
	pc_subnet_cmd(c, p, to, "GatewaySubnet", &design_gateway_subnet(to)->
	    prefix, "update");
	buf_puts(c, "fi\n");
	buf_puts(p, "}\n");
	rec_subnet_attached(c, p, to, "GatewaySubnet", 1);
}

/*
 * The opening of a rebuilding part's text (parts 2 and 3 of a move):
 * what makes it safe to run again, up to the comparison of gw's
 * addresses with the record; prefix is GatewaySubnet's new prefix.
 */
static void
rebuild_text(struct buf *text, const char *prefix, const char *gw)
{
	buf_printf(text, "Reads what exists and creates only what is "
	    "missing, so it can be run again after any stop: it starts "
	    "only once GatewaySubnet is %s (part 1 done); %s is created "
	    "from the record of part 1's go/no-go if it is missing; "
	    "before any of its connections is created it must be in "
	    "provisioning state Succeeded, and its public IPs and BGP "
	    "addresses are compared with the record", prefix, gw);
}

/*
 * The documented procedure for a new GatewaySubnet prefix, from -> to,
 * in parts that can each be run again (review 18 N6): part 0 deletes
 * the connections and gateways and changes the prefix; part 1 creates
 * the ExpressRoute gateway and its connections, part 2 the VPN gateway,
 * its address check and its connections -- each reads what exists and
 * creates only what is missing (the rollback's logic), so a stop
 * anywhere is resumed by running the same part again.  The gateways
 * and connections deleted and created again are those of objs, the
 * design as it is when the step runs (base both ways: the rollback runs
 * after the later steps are undone), so a gateway added or resized by
 * a later step is that step's work.  nparts: how many parts the step
 * has (gw_subnet_parts()).
 */
int
gw_subnet_parts(const struct design *from, const struct design *to,
    const struct design *objs)
{
	if (design_gateway_subnet(from) == NULL ||
	    design_gateway_subnet(to) == NULL)
		return 1;
	return 1 + (objs->er_gateway.node != NULL) +
	    (objs->vpn_gateway.node != NULL);
}

enum plan_outage
gw_subnet_step(struct buf *title, struct buf *text, struct buf *cmds,
    struct buf *ps, struct buf *down, const struct design *from,
    const struct design *to, const struct design *objs, int part)
{
	const struct subnet *a = design_gateway_subnet(from);
	const struct subnet *b = design_gateway_subnet(to);
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];
	int		 n = gw_subnet_parts(from, to, objs);
	int		 er = objs->er_gateway.node != NULL;
	int		 vpn = objs->vpn_gateway.node != NULL;
	/* Which gateway a part recreates: 1 ExpressRoute, 2 VPN. */
	int		 what = part == 0 ? 0 : (part == 1 && er) ? 1 : 2;
	const char	*later = vpn ? (er ? "parts 2 and 3" : "part 2") :
	    "part 2";

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
	PFX(&a->prefix, t);
	PFX(&b->prefix, u);
	buf_printf(title, "Move GatewaySubnet from %s to %s", t, u);
	if (n > 1)
		buf_printf(title, ", part %d of %d: ", part + 1, n);
	if (what == 1) {
		buf_printf(title, "create ExpressRoute gateway %s and its "
		    "connections", objs->er_gateway.name);
		rebuild_text(text, u, objs->er_gateway.name);
		buf_puts(text, " -- a difference is printed and the part goes "
		    "on: the on-premises routers peer with the circuit's edge "
		    "routers (MSEEs), not with the ExpressRoute gateway; then "
		    "each of its connections that is missing is created.");
		if (vpn)
			buf_printf(text, " It then waits until %s has learned "
			    "each prefix the sites advertise over ExpressRoute "
			    "(origin EBgp), checking once a minute; after %d "
			    "checks it stops (estimate: no documented figure; "
			    "BGP on a new connection is expected up within "
			    "minutes, and the margin keeps a slow session from "
			    "being taken for a failed one). It affects only the "
			    "ExpressRoute gateway and its connections; the VPN "
			    "stays down until part 3.", objs->er_gateway.name,
			    LEARN_TRIES);
		else
			buf_puts(text, " It affects only the ExpressRoute "
			    "gateway and its connections.");
		subnet_moved_guard(cmds, ps, to, u);
		gw_if_missing(cmds, ps, objs, 0);
		conns_if_missing(cmds, ps, objs, 0, "this part");
		if (vpn)
			gw_wait_learned(cmds, ps, objs, "go on with part 3, "
			    "which does not need it");
		if (vpn)
			buf_puts(down, "Nothing more stops; the full outage of "
			    "part 1 goes on. ExpressRoute is back when this "
			    "part ends: creating an ExpressRoute gateway takes "
			    "45 minutes or more (ERGWCREATE), then its "
			    "connections come up; the VPN stays down until "
			    "part 3 ends");
		else
			buf_puts(down, "Nothing more stops; ExpressRoute is "
			    "back when this part ends: creating an ExpressRoute "
			    "gateway takes 45 minutes or more (ERGWCREATE), "
			    "then its connections come up");
		return PLAN_OUT_FULL;
	}
	if (what == 2) {
		buf_printf(title, "create VPN gateway %s, check its BGP "
		    "addresses, create its connections", objs->vpn_gateway.name);
		rebuild_text(text, u, objs->vpn_gateway.name);
		buf_printf(text, "; then each of its "
		    "connections that is missing is created. It affects only "
		    "the VPN gateway and its connections. Azure gives the "
		    "gateway its default BGP addresses from GatewaySubnet, so "
		    "the move may change them%s. If they differ, the part "
		    "prints, for each on-premises device that peers over BGP "
		    "and each gateway instance, the neighbor address the device "
		    "has and the one the gateway has now (old -> new), and "
		    "stops before any connection is created. To go on: set "
		    "those neighbors on the devices and instances[].bgp_ip in "
		    "the design, set HYBRIDOC_ACCEPT_BGP to exactly the "
		    "addresses the stop message names, and run this part "
		    "again; nothing else gets past the check, and a value that "
		    "no longer matches the gateway stops it again. A change of "
		    "the public IP resources or the ASN stops whatever is "
		    "accepted.", er ? " (more "
		    "likely so since the ExpressRoute gateway was created first "
		    "in the empty subnet; estimate: Azure documents no order in "
		    "which it assigns them)" : "");
		subnet_moved_guard(cmds, ps, to, u);
		gw_if_missing(cmds, ps, objs, 1);
		conns_if_missing(cmds, ps, objs, 1, "this part");
		buf_printf(down, "Nothing more stops; the full outage of part "
		    "1 goes on for the VPN. The VPN is back when this part ends: "
		    "creating a VPN gateway takes 45 minutes or more "
		    "(VPNGWCREATE), then its tunnels and BGP sessions come up%s; "
		    "if its BGP addresses changed, the connections of sites "
		    "without BGP are created first and the sites that peer "
		    "over BGP with the VPN gateway stay down until their "
		    "devices have the new neighbors and the part is run again",
		    er ? ", 90 "
		    "minutes or more after part 1 in all (ERGWCREATE and "
		    "VPNGWCREATE, one after the other)" : "");
		return PLAN_OUT_FULL;
	}
	if (n > 1)
		buf_puts(title, "delete the connections and gateways, change "
		    "the prefix");
	buf_puts(text, "A subnet that holds gateways cannot be changed: the "
	    "documented procedure deletes the connections and both "
	    "gateways, changes the subnet, and creates the gateways and "
	    "connections again (COEX). The public IP resources are kept "
	    "and reused. Only the subnet's prefix changes: its route table, "
	    "network security group, service endpoints and delegations are "
	    "compared with the go/no-go's record right after the change.");
	record_text(text, NULL, vpn);
	if (n > 1)
		buf_printf(text, " The step is in %d parts, each one block that "
		    "can be run again after a stop: this one deletes the "
		    "connections and gateways that exist and changes the "
		    "prefix, only while GatewaySubnet is still %s -- run again "
		    "later, it deletes nothing and only compares what the "
		    "subnet carries; %s recreate%s the gateway%s and "
		    "connection%s, each creating only what is missing.", n, t,
		    later,
		    n > 2 ? "" : "s", n > 2 ? "s" : "", "s");
	subnet_move(cmds, ps, objs, to, t, u);
	if (er && vpn)
		buf_puts(down, "Full outage of hybrid connectivity from the "
		    "deletion of the connections until parts 2 and 3 bring it "
		    "back: ExpressRoute after part 2, 45 minutes or more "
		    "(ERGWCREATE); the VPN after part 3, 90 minutes or more in "
		    "all (ERGWCREATE and VPNGWCREATE, one after the other)");
	else if (er || vpn)
		buf_printf(down, "No %s from the deletion of the connections "
		    "until part 2 recreates the gateway and its connections; "
		    "creating it takes 45 minutes or more (%s)",
		    vpn ? "VPN" : "ExpressRoute", vpn ? "VPNGWCREATE" :
		    "ERGWCREATE");
	return PLAN_OUT_FULL;
}

/*
 * One side of the GatewaySubnet move's rollback (vpn: the VPN gateway,
 * else the ExpressRoute one): the gateway if missing, then its missing
 * connections, with the checks that side needs first (its records; the
 * shared keys for the VPN side, the circuits for the ExpressRoute
 * side).  split: as one of two independent parts (pc_split_part).
 */
static void
undo_part(struct buf *cmds, struct buf *ps, const struct design *objs,
    int vpn, int split)
{
	struct buf	 c = BUF_INIT, p = BUF_INIT;

	gw_if_missing(&c, &p, objs, vpn);
	conns_if_missing(&c, &p, objs, vpn, "this rollback");
	if (vpn)
		pc_keys_first(&c, &p, objs);
	else
		pc_circuits_first_for(&c, &p, &c, objs);
	if (split) {
		pc_records_first(&c, &p);
		pc_split_part(cmds, ps, &c, &p, vpn ? "VPN" : "ExpressRoute",
		    vpn ? objs->vpn_gateway.name : objs->er_gateway.name);
	} else {
		buf_put(cmds, buf_cstr(&c), c.len);
		buf_put(ps, buf_cstr(&p), p.len);
	}
	buf_release(&c);
	buf_release(&p);
}

/*
 * The rollback of a GatewaySubnet move (from, the proposed prefix, back
 * to, the current one), computed from what exists when it runs: each
 * gateway of objs that is missing is created from the record, in
 * whatever prefix GatewaySubnet has now, then each missing connection.
 * Nothing that exists is deleted: the gateways work in the larger
 * prefix, and moving it back would delete and recreate both again.
 */
enum plan_outage
gw_subnet_undo(struct buf *title, struct buf *text, struct buf *cmds,
    struct buf *ps, struct buf *down, const struct design *from,
    const struct design *to, const struct design *objs)
{
	const struct subnet *a = design_gateway_subnet(from);
	const struct subnet *b = design_gateway_subnet(to);
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];

	if (a == NULL || b == NULL)
		return gw_subnet_step(title, text, cmds, ps, down, from, to,
		    objs, 0);
	buf_puts(title, "Restore the gateways and connections the "
	    "GatewaySubnet move left missing");
	buf_printf(text, "What runs depends on what exists now, whatever "
	    "point the step stopped at: each gateway that is missing is "
	    "created from the record the step's go/no-go made, in the prefix "
	    "GatewaySubnet has now; then each gateway, created or found, "
	    "must be in provisioning state Succeeded and its addresses are "
	    "compared with the record (the VPN gateway's difference prints "
	    "the on-premises BGP neighbors to change and stops until "
	    "HYBRIDOC_ACCEPT_BGP names the new addresses; the ExpressRoute "
	    "gateway's is printed) before each of its "
	    "connections that is missing is created. Nothing "
	    "that exists is deleted. Moving GatewaySubnet back from %s to %s "
	    "is not needed to restore service and is left out: it would "
	    "delete and recreate both gateways again, another outage of 90 "
	    "minutes or more (ERGWCREATE, VPNGWCREATE); if it is wanted, "
	    "plan it as a change of its own.", PFX(&a->prefix, t),
	    PFX(&b->prefix, u));
	/* Review 20 Q1: the two restores are independent blocks, each with
	 * only the checks it needs, so a stop on one side never holds back
	 * the other (restoring a backup never waits on the primary). */
	if (objs->er_gateway.node && objs->vpn_gateway.node) {
		buf_puts(text, " The block has two independent parts, each "
		    "run again as often as needed: the ExpressRoute part "
		    "(ExpressRoute gateway and its connections; it reads the "
		    "circuit, not Key Vault) and the VPN part (VPN gateway and "
		    "its connections; it reads the shared keys, not the "
		    "circuit). Either can run first and neither waits on the "
		    "other: a stop in one part does not keep the other from "
		    "restoring its side.");
		undo_part(cmds, ps, objs, 0, 1);
		undo_part(cmds, ps, objs, 1, 1);
		pc_split_end(cmds, ps);
	} else if (objs->er_gateway.node)
		undo_part(cmds, ps, objs, 0, 0);
	else if (objs->vpn_gateway.node)
		undo_part(cmds, ps, objs, 1, 0);
	buf_puts(down, "Nothing more stops: only what is missing is created. "
	    "A path whose gateway is missing stays down until it is created "
	    "and its connections are up, 45 minutes or more per gateway "
	    "(ERGWCREATE, VPNGWCREATE)");
	return PLAN_OUT_FULL;
}

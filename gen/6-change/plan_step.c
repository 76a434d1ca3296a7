/*
 * The packet's implementation plan, part four (plan_int.h): from the
 * changes of one object (a group of the semantic diff, diff.h) to
 * actions, each with its inverse -- sites, devices, ExpressRoute
 * attachments, circuits, subnets, spokes, gateways, Route Server --
 * and, for anything hybridoc has no procedure for, a step to do by
 * hand, so no change is left out.  Each downtime cites its source
 * (docs/model.md) or says it is an estimate and why.
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

struct act *
plan_act_new(struct plan *pl, enum phase ph, const char *object)
{
	struct act	*a = xcalloc(1, sizeof(*a));

	a->phase = ph;
	a->seq = pl->n;
	a->object = xstrdup(object ? object : "");
	xgrow(&pl->v, &pl->cap, pl->n + 1, sizeof(*pl->v));
	pl->v[pl->n++] = a;
	return a;
}

void
plan_act_free(struct act *a)
{
	if (a == NULL)
		return;
	free(a->object);
	free(a->policy_site);
	buf_release(&a->title);
	buf_release(&a->text);
	buf_release(&a->cmds);
	buf_release(&a->ps);
	buf_release(&a->down);
	buf_release(&a->ititle);
	buf_release(&a->itext);
	buf_release(&a->icmds);
	buf_release(&a->ips);
	buf_release(&a->idown);
	free(a);
}

static void
plan_device_add(struct plan *pl, const struct design *dsn,
    const struct site *s, const struct vpn_device *v, const char *object)
{
	struct act	*a;
	char		 t[PREFIX_STRLEN], n[PREFIX_STRLEN];

	a = plan_act_new(pl, PH_SITE, object);
	buf_printf(&a->title, "Create local network gateway %s for %s/%s",
	    v->local_network_gateway, s->name, v->name);
	buf_printf(&a->text, "It stands for %s's ", s->name);
	words_device(&a->text, v);
	buf_printf(&a->text, " at %s in Azure, ", U_ADDR(v->node, "public_ip",
	    &v->public_ip, t));
	if (v->has_bgp)
		buf_printf(&a->text, "with BGP (AS %s, peer %s): the prefixes "
		    "come over BGP.", U_NUM(BGPN(v), "asn", v->bgp_asn, n),
		    U_ADDR(BGPN(v), "peer_ip", &v->bgp_peer_ip, t));
	else {
		buf_puts(&a->text, "routing statically to ");
		words_prefixes(&a->text, s->address_prefixes,
		    s->naddress_prefixes, ", ");
		buf_putc(&a->text, '.');
	}
	pc_name_free(&a->cmds, &a->ps, dsn, NULL,
	    "network local-network-gateway list", NULL, NULL,
	    "Get-AzLocalNetworkGateway", NULL, NULL, NULL,
	    v->local_network_gateway);
	pc_lng_create(&a->cmds, &a->ps, dsn, s, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Delete local network gateway %s",
	    v->local_network_gateway);
	buf_puts(&a->itext, CREATED_ONLY);
	pc_lng_delete(&a->icmds, &a->ips, dsn, v);

	a = plan_act_new(pl, PH_SITE, object);
	buf_printf(&a->title, "Connect %s to %s (connection %s)",
	    v->local_network_gateway, dsn->vpn_gateway.name, v->connection);
	buf_puts(&a->text, "The shared key is read from Key Vault into a "
	    "shell variable and never written down");
	buf_puts(&a->text, v->has_bgp ? "; BGP is enabled on the "
	    "connection." : "; static routing.");
	pc_name_free(&a->cmds, &a->ps, dsn, NULL,
	    "network vpn-connection list", NULL, NULL,
	    "Get-AzVirtualNetworkGatewayConnection", NULL, NULL, NULL,
	    v->connection);
	pc_conn_create(&a->cmds, &a->ps, dsn, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Delete connection %s", v->connection);
	buf_puts(&a->itext, CREATED_ONLY);
	pc_conn_delete(&a->icmds, &a->ips, dsn, v->connection);

	a = plan_act_new(pl, PH_SITE, object);
	buf_printf(&a->title, "Configure %s/%s (", s->name, v->name);
	words_device(&a->title, v);
	buf_putc(&a->title, ')');
	pc_device_config(&a->text, dsn, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Remove the Azure tunnels%s from %s/%s",
	    v->has_bgp ? " and BGP sessions" : "", s->name, v->name);
	buf_printf(&a->itext, "Remove what the step above configured on the "
	    "device: the tunnels to the gateway%s.", v->has_bgp ?
	    ", the BGP neighbors and the advertisements" :
	    " and the static routes");

	a = plan_act_new(pl, PH_SITE, object);
	buf_printf(&a->title, "Verify %s/%s", s->name, v->name);
	pc_device_verify(&a->cmds, &a->ps, &a->text, dsn, s, v);
}

static void
plan_device_remove(struct plan *pl, const struct design *dsn,
    const struct site *s, const struct vpn_device *v, const char *object,
    int whole_site)
{
	struct act	*a;

	a = plan_act_new(pl, PH_REMOVE, object);
	buf_printf(&a->title, "Delete connection %s (%s/%s)", v->connection,
	    s->name, v->name);
	buf_printf(&a->text, "The connection is recorded first "
	    "(%s.before.json) and its settings shown; the rollback recreates "
	    "it from the design, so the block stops before the delete if they "
	    "are more than bgp %s, dpd %ld, protocol IKEv%ld, weight 0, "
	    "connection mode Default and no IPsec policy, policy-based "
	    "selectors, custom BGP address or NAT rule (add them to the "
	    "design first), or if its shared key cannot be read from Key "
	    "Vault for the rollback.", v->connection, v->has_bgp ? "true" :
	    "false", v->ike.dpd_timeout_s, v->ike.version);
	rec_connection(&a->cmds, &a->ps, dsn, v->connection);
	pc_conn_guard(&a->cmds, &a->ps, dsn, v);
	pc_key_check(&a->cmds, &a->ps, v);
	pc_conn_delete(&a->cmds, &a->ps, dsn, v->connection);
	buf_printf(&a->down, "%s/%s's tunnels go down%s", s->name, v->name,
	    whole_site ? "; the site is retired" : "; its traffic moves to "
	    "the site's other paths (routing impact)");
	a->outage = whole_site ? PLAN_OUT_NONE : PLAN_OUT_REROUTE;
	a->has_inv = 1;
	buf_printf(&a->ititle, "Recreate connection %s", v->connection);
	buf_printf(&a->itext, "The shared key is read from Key Vault into a "
	    "shell variable and never written down. Compare the result with "
	    "%s.before.json, recorded before the delete.", v->connection);
	pc_conn_create(&a->icmds, &a->ips, dsn, v);

	a = plan_act_new(pl, PH_REMOVE, object);
	buf_printf(&a->title, "Delete local network gateway %s",
	    v->local_network_gateway);
	buf_printf(&a->text, "The local network gateway is recorded first "
	    "(%s.before.json; its BGP settings, FQDN and prefixes), and the "
	    "block stops if any connection still uses it.",
	    v->local_network_gateway);
	rec_lng(&a->cmds, &a->ps, dsn, v->local_network_gateway);
	pc_lng_delete(&a->cmds, &a->ps, dsn, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Recreate local network gateway %s",
	    v->local_network_gateway);
	buf_printf(&a->itext, "From the design; compare it with %s.before.json "
	    "and restore by hand what the design does not hold (an FQDN "
	    "instead of an IP, BGP peer weight).", v->local_network_gateway);
	pc_lng_create(&a->icmds, &a->ips, dsn, s, v);

	a = plan_act_new(pl, PH_REMOVE, object);
	buf_printf(&a->title, "Remove the Azure tunnels from %s/%s (",
	    s->name, v->name);
	words_device(&a->title, v);
	buf_putc(&a->title, ')');
	buf_printf(&a->text, "Remove the tunnels%s for Azure from the "
	    "device; keep its configuration with the change record for the "
	    "rollback.", v->has_bgp ? " and BGP sessions" : " and static "
	    "routes");
	a->has_inv = 1;
	buf_printf(&a->ititle, "Restore the Azure tunnels on %s/%s", s->name,
	    v->name);
	pc_device_config(&a->itext, dsn, v);
}

static void
plan_er_add(struct plan *pl, const struct design *dsn, const struct site *s,
    const struct site_er *er, const char *object)
{
	struct act	*a = plan_act_new(pl, PH_SITE, object);

	buf_printf(&a->title, "Attach %s to circuit %s", s->name,
	    er->circuit_name);
	pc_er_config(&a->text, dsn, s, er);
	buf_puts(&a->text, " Then check the circuit's route tables for the "
	    "advertised prefixes.");
	pc_er_verify(&a->cmds, &a->ps, dsn, er->circuit);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Withdraw %s's prefixes from circuit %s",
	    s->name, er->circuit_name);
	buf_printf(&a->itext, "On %s's routers, stop advertising ", s->name);
	words_prefixes(&a->itext, er->advertise, er->nadvertise, ", ");
	buf_printf(&a->itext, " over %s and remove its BGP sessions.",
	    er->circuit_name);
	a->ioutage = PLAN_OUT_REROUTE;
}

static void
plan_er_remove(struct plan *pl, const struct design *dsn,
    const struct site *s, const struct site_er *er, const char *object)
{
	struct act	*a = plan_act_new(pl, PH_REMOVE, object);

	buf_printf(&a->title, "Withdraw %s's prefixes from circuit %s",
	    s->name, er->circuit_name);
	buf_printf(&a->text, "On %s's routers, stop advertising ", s->name);
	words_prefixes(&a->text, er->advertise, er->nadvertise, ", ");
	buf_printf(&a->text, " over %s and remove its BGP sessions; the "
	    "circuit's route tables no longer list them.", er->circuit_name);
	pc_er_verify(&a->cmds, &a->ps, dsn, er->circuit);
	buf_printf(&a->down, "%s's traffic over %s moves to its other paths "
	    "(routing impact)", s->name, er->circuit_name);
	a->outage = PLAN_OUT_REROUTE;
	a->has_inv = 1;
	buf_printf(&a->ititle, "Re-attach %s to circuit %s", s->name,
	    er->circuit_name);
	pc_er_config(&a->itext, dsn, s, er);
}

static void
plan_circuit_add(struct plan *pl, const struct design *dsn,
    const struct circuit *ci, const char *object, int remove)
{
	struct act	*a;
	const char	*cn = pc_circuit_connection(dsn, ci);
	char		*conn = cn ? xstrdup(cn) : xasprintf("cn-%s", ci->name);
	struct buf	 bw = BUF_INIT;
	enum phase	 ph = remove ? PH_REMOVE : PH_CIRCUIT;
	struct buf	*fc, *fp, *ic, *ip, *fx, *ix, *ft, *it;

	if (design_unknown(dsn, ci->node, "bandwidth_mbps"))
		buf_puts(&bw, design_unknown(dsn, ci->node, "bandwidth_mbps"));
	else
		words_mbps(&bw, ci->bandwidth_mbps);
	/* For a removal the forward steps are the inverse of an addition,
	 * in reverse order; build both from one description. */
#define SIDES(a) do { \
	ft = remove ? &(a)->ititle : &(a)->title; \
	it = remove ? &(a)->title : &(a)->ititle; \
	fc = remove ? &(a)->icmds : &(a)->cmds; \
	ic = remove ? &(a)->cmds : &(a)->icmds; \
	fp = remove ? &(a)->ips : &(a)->ps; \
	ip = remove ? &(a)->ps : &(a)->ips; \
	fx = remove ? &(a)->itext : &(a)->text; \
	ix = remove ? &(a)->text : &(a)->itext; \
	(a)->has_inv = 1; \
} while (0)
	struct act	*steps[3];
	int		 k;

	for (k = 0; k < 3; k++)
		steps[k] = plan_act_new(pl, ph, object);
	if (remove) {
		/* Removal runs connection, peering, circuit. */
		struct act *t0 = steps[0];

		steps[0] = steps[2];
		steps[2] = t0;
	}
	a = steps[0];
	SIDES(a);
	buf_printf(ft, "Create circuit %s (%s at %s, %s, %s)", ci->name,
	    ci->provider, ci->peering_location, buf_cstr(&bw),
	    circuit_sku_name(ci->sku));
	buf_printf(fx, "Send the service key to %s and wait until the "
	    "provider's provisioning state is Provisioned; the provider's "
	    "lead time applies. It also affects the bill: \"Your "
	    "ExpressRoute circuit is billed from the moment a service key is "
	    "issued\" (ERCKT), so create it when %s is ready to provision "
	    "it.", ci->provider, ci->provider);
	if (!remove)
		pc_name_free(fc, fp, dsn, ci, "network express-route list",
		    NULL, NULL, "Get-AzExpressRouteCircuit", NULL, NULL, NULL,
		    ci->name);
	pc_circuit_create(fc, fp, dsn, ci);
	if (!remove)
		buf_puts(ix, CREATED_ONLY " ");
	buf_printf(it, "Delete circuit %s", ci->name);
	buf_printf(ix, "Ask %s to deprovision the circuit first; billing "
	    "stops once it is deleted.", ci->provider);
	pc_circuit_delete(ic, ip, dsn, ci);

	a = steps[1];
	SIDES(a);
	buf_printf(ft, "Configure the private peering of %s", ci->name);
	if (!remove) {
		pc_name_free(fc, fp, dsn, ci, "network express-route peering "
		    "list", "--circuit-name", ci->name,
		    "Get-AzExpressRouteCircuit", "-Name", ci->name, ".Peerings",
		    "AzurePrivatePeering");
		buf_puts(ix, CREATED_ONLY);
	}
	pc_peering_create(fc, fp, dsn, ci);
	buf_printf(it, "Delete the private peering of %s", ci->name);
	pc_peering_delete(ic, ip, dsn, ci);

	a = steps[2];
	SIDES(a);
	buf_printf(ft, "Connect %s to %s (connection %s, routing weight %ld)",
	    ci->name, dsn->er_gateway.name, conn, ci->routing_weight);
	if (pc_ckt_foreign(dsn, ci)) {
		buf_printf(fx, "%s lives in subscription %s: a connection "
		    "from another subscription redeems an authorization of the "
		    "circuit, which its owner creates (az network express-route "
		    "auth create) and names for you; replace "
		    "<authorization-for-%s> with that name. Stop unless the "
		    "list shows it with authorizationUseStatus Available. Its "
		    "key is read into a variable and passed with "
		    "--authorization-key / -AuthorizationKey, never written "
		    "down.", ci->name, ci->subscription, conn);
		buf_printf(ix, "Deleting the connection releases the "
		    "authorization; if it was created for this change, ask "
		    "%s's owner to delete it too (az network express-route "
		    "auth delete).", ci->name);
	}
	if (!remove) {
		pc_name_free(fc, fp, dsn, NULL, "network vpn-connection list",
		    NULL, NULL, "Get-AzVirtualNetworkGatewayConnection", NULL,
		    NULL, NULL, conn);
		buf_printf(ix, "%s" CREATED_ONLY, ix->len ? " " : "");
	}
	pc_er_conn_create(fc, fp, dsn, ci, conn);
	buf_printf(it, "Delete connection %s", conn);
	pc_conn_delete(ic, ip, dsn, conn);
	if (remove) {
		buf_printf(&a->down, "Traffic over %s moves to the remaining "
		    "paths (routing impact)", ci->name);
		a->outage = PLAN_OUT_REROUTE;
	}
#undef SIDES
	buf_release(&bw);
	free(conn);
}

/*
 * New user 19 item 1: a block that recreates VPN connections reads every
 * one's shared key before its first delete or create, so it never stops
 * half way on a key (the recreate flow itself is plan_gw.c's).
 */
static void
keys_first(struct act *a, const struct design *conns)
{
	pc_keys_first(&a->cmds, &a->ps, conns);
	pc_keys_first(&a->icmds, &a->ips, conns);
}

static void
plan_gwsubnet(struct plan *pl, const char *object)
{
	struct act	*a, *first = NULL;
	int		 k, n = gw_subnet_parts(pl->base, pl->head, pl->base);

	for (k = 0; k < n; k++) {
		a = plan_act_new(pl, PH_GWSUBNET, object);
		a->outage = gw_subnet_step(&a->title, &a->text, &a->cmds,
		    &a->ps, &a->down, pl->base, pl->head, pl->base, k);
		if (k > 0) {
			/* Parts 2 and 3 create what is missing from part 1's
			 * record; part 1's rollback covers them all.  The
			 * keys are read before the part's first create, and
			 * part 1 reads those of the connections the last
			 * part recreates before its first delete. */
			a->restore = 1;
			pc_keys_first(&a->cmds, &a->ps, pl->base);
			if (first != NULL)
				pc_first_part_checks(&first->cmds, &first->ps,
				    &a->cmds, &a->ps, pl->base, k == n - 1);
			continue;
		}
		first = a;
		a->has_inv = 1;
		/* The rollback recreates the same gateways, from the record
		 * the step made: recording again could overwrite it with
		 * nothing after a stop part-way. */
		a->record = 1;
		a->ioutage = gw_subnet_undo(&a->ititle, &a->itext, &a->icmds,
		    &a->ips, &a->idown, pl->head, pl->base, pl->base);
	}
}

/* ---- the plan from the diff ---- */

int
plan_is_doc(const struct diff_change *c)
{
	switch (c->kind) {
	case DIFF_TRAFFIC:
	case DIFF_FAILOVER:
	case DIFF_SUPPRESS:
		return 1;
	default:
		/* the schema says which fields are documentation only */
		return c->field != NULL && c->sem == SEM_DOC;
	}
}

static const struct diff_change *
group_take(struct group *g, const char *field)
{
	size_t	 i;

	for (i = 0; i < g->n; i++)
		if (!g->used[i] && diff_field_is(&g->v[i], field)) {
			g->used[i] = 1;
			return &g->v[i];
		}
	return NULL;
}

/* Takes every change whose field starts with prefix; returns how many. */
static size_t
group_take_all(struct group *g, const char *prefix)
{
	size_t	 i, n = 0;

	for (i = 0; i < g->n; i++)
		if (!g->used[i] && diff_field_in(&g->v[i], prefix)) {
			g->used[i] = 1;
			n++;
		}
	return n;
}

/* "advertise: + 10.1.5.0/24, - 10.1.6.0/24" for the changes taken. */
static void
list_delta(struct buf *b, const struct group *g, const char *field)
{
	size_t	 i;
	int	 first = 1;

	for (i = 0; i < g->n; i++) {
		const struct diff_change *c = &g->v[i];

		if (!diff_field_is(c, field) || c->op == DIFF_CHANGED)
			continue;
		buf_printf(b, "%s%s %s", first ? "" : ", ",
		    c->op == DIFF_ADDED ? "add" : "withdraw",
		    c->op == DIFF_ADDED ? c->after : c->before);
		first = 0;
	}
}

static void
plan_circuit_changes(struct plan *pl, struct group *g)
{
	const struct circuit *a = g->v[0].old_obj, *b = g->v[0].new_obj;
	const struct design *h = pl->head;
	const struct diff_change *c;
	struct act	*x;
	const char	*cn = pc_circuit_connection(h, b);
	char		*conn = cn ? xstrdup(cn) : xasprintf("cn-%s", b->name);
	char		 t[PREFIX_STRLEN];
	int		 k;

	if ((c = group_take(g, "bandwidth_mbps")) != NULL) {
		x = plan_act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "Change the bandwidth of %s from ",
		    b->name);
		words_mbps(&x->title, a->bandwidth_mbps);
		buf_puts(&x->title, " to ");
		words_mbps(&x->title, b->bandwidth_mbps);
		x->has_inv = 1;
		if (b->bandwidth_mbps > a->bandwidth_mbps) {
			buf_printf(&x->text, "Confirm with %s that the port "
			    "has room for the new bandwidth first, and ask "
			    "them to match it on their side afterwards. The "
			    "block first reads the circuit and stops unless it "
			    "is the one the current design describes, or "
			    "already at the new bandwidth (then nothing is "
			    "changed). What "
			    "lasts: the circuit is billed at the new bandwidth "
			    "from now on, and it cannot be lowered without "
			    "disruption (ERCKT).", b->provider);
			pc_ckt_expect(&x->cmds, &x->ps, pl->base, a, b);
			pc_azc(&x->cmds, "network express-route update", h, b);
			pc_arg(&x->cmds, "--bandwidth %ld", b->bandwidth_mbps);
			pc_endl(&x->cmds);
			pc_guard_end(&x->cmds);
			pc_ps_ckt(&x->ps, h, b);
			buf_printf(&x->ps, "$ckt.ServiceProviderProperties."
			    "BandwidthInMbps = %ld; Set-AzExpressRouteCircuit "
			    "-ExpressRouteCircuit $ckt\n}\n", b->bandwidth_mbps);
			buf_puts(&x->down, "None: Learn says the bandwidth is "
			    "increased \"without any downtime\" (ERCKT)");
			buf_printf(&x->ititle, "Keep the bandwidth of %s",
			    b->name);
			buf_puts(&x->itext, "ExpressRoute cannot lower a "
			    "circuit's bandwidth without disruption (ERCKT); "
			    "roll back by leaving the upgrade in place (the bill "
			    "is the only difference), or by moving to a new "
			    "circuit at the old bandwidth.");
		} else {
			/* New user 19 item 2: keep, verify, then delete,
			 * in the step and its rollback alike. */
			buf_printf(&x->text, "ExpressRoute cannot lower a "
			    "circuit's bandwidth without disruption (ERCKT), "
			    "so this is a circuit replacement: keep %s, order "
			    "a new circuit at the lower bandwidth under another "
			    "name (two circuits cannot share a name in one "
			    "resource group), connect it, move the sites' BGP "
			    "sessions to it, verify them, and only then delete "
			    "%s. hybridoc prints no command for it: the new "
			    "circuit's name and the provider's order are not in "
			    "the design. If the difference comes from drift "
			    "(the deployed circuit is already at the higher "
			    "bandwidth), the real fix may be to update the "
			    "design to what is deployed instead.", b->name,
			    b->name);
			buf_puts(&x->down, "Each site's ExpressRoute path "
			    "moves once, while its BGP sessions move; no "
			    "documented figure (estimate: as long as the BGP "
			    "sessions take to come up on the new circuit)");
			x->outage = PLAN_OUT_REROUTE;
			buf_printf(&x->ititle, "Move back to a circuit at the "
			    "old bandwidth");
			buf_printf(&x->itext, "Until %s is deleted (the "
			    "step keeps it until the new circuit is verified), "
			    "rolling back is moving the BGP sessions back to "
			    "it; after it is deleted, a circuit at the old "
			    "bandwidth must be ordered again.", b->name);
		}
	}
	if ((c = group_take(g, "sku")) != NULL) {
		int	 premium = (a->sku == CIRCUIT_PREMIUM) !=
		    (b->sku == CIRCUIT_PREMIUM) &&
		    a->sku != CIRCUIT_LOCAL && b->sku != CIRCUIT_LOCAL;

		x = plan_act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "Change the SKU of %s from %s to %s",
		    b->name, circuit_sku_name(a->sku),
		    circuit_sku_name(b->sku));
		for (k = 0; k < 2; k++) {
			const struct circuit *to = k ? a : b;
			struct buf *cm = k ? &x->icmds : &x->cmds;
			struct buf *pm = k ? &x->ips : &x->ps;

			pc_azc(cm, "network express-route update", h, b);
			pc_arg(cm, "--sku-tier %s", circuit_sku_name(to->sku));
			pc_endl(cm);
			pc_ps_ckt(pm, h, b);
			buf_printf(pm, "$ckt.Sku.Tier = '%s'; $ckt.Sku.Name = "
			    "'%s_MeteredData'; Set-AzExpressRouteCircuit "
			    "-ExpressRouteCircuit $ckt\n",
			    circuit_sku_name(to->sku),
			    circuit_sku_name(to->sku));
		}
		if (premium) {
			buf_puts(&x->down, "None: the premium add-on is "
			    "enabled or disabled \"without any downtime\" "
			    "(ERCKT)");
			if (b->sku != CIRCUIT_PREMIUM)
				buf_puts(&x->text, "Before leaving Premium: "
				    "fewer than 10 linked virtual networks, "
				    "none in another geopolitical region, and "
				    "fewer than 4,000 routes on the private "
				    "peering, or the update fails (ERCKT).");
		} else {
			buf_puts(&x->down, "Not documented for this SKU "
			    "change (ERCKT covers Standard and Premium only); "
			    "estimate: treat it as disruptive and run it in a "
			    "maintenance window");
			x->outage = PLAN_OUT_RESET;
		}
		x->has_inv = 1;
		buf_printf(&x->ititle, "Change the SKU of %s back to %s",
		    b->name, circuit_sku_name(a->sku));
	}
	if ((c = group_take(g, "routing_weight")) != NULL) {
		x = plan_act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "Set the routing weight of connection %s "
		    "to %ld (was %ld)", conn, b->routing_weight,
		    a->routing_weight);
		buf_puts(&x->text, "Among ExpressRoute connections Azure "
		    "prefers the higher routing weight (EROPT).");
		buf_puts(&x->down, "Estimate: no interruption; traffic moves "
		    "to the preferred circuit over routes the gateway already "
		    "has (EROPT gives no figure; the routing impact shows the "
		    "new paths)");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Set the routing weight of connection "
		    "%s back to %ld", conn, a->routing_weight);
		for (k = 0; k < 2; k++) {
			long	 w = k ? a->routing_weight : b->routing_weight;
			struct buf *cm = k ? &x->icmds : &x->cmds;
			struct buf *pm = k ? &x->ips : &x->ps;

			pc_az(cm, "network vpn-connection update", h, conn);
			pc_arg(cm, "--routing-weight %ld", w);
			pc_endl(cm);
			pc_ps_conn(pm, h, conn);
			buf_printf(pm, "$c.RoutingWeight = %ld; "
			    "Set-AzVirtualNetworkGatewayConnection "
			    "-VirtualNetworkGatewayConnection $c -Force\n", w);
		}
	}
	if ((c = group_take(g, "fastpath")) != NULL) {
		x = plan_act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "Turn FastPath %s on connection %s",
		    b->fastpath ? "on" : "off", conn);
		buf_puts(&x->down, "Not documented (FASTPATH gives no figure); "
		    "estimate: the hub VMs' data path moves between the "
		    "gateway and FastPath, so treat it as a brief interruption "
		    "of ExpressRoute traffic and run it in a maintenance window");
		x->outage = x->ioutage = PLAN_OUT_RESET;
		buf_printf(&x->idown, "%s", buf_cstr(&x->down));
		x->has_inv = 1;
		buf_printf(&x->ititle, "Turn FastPath %s again on connection "
		    "%s", a->fastpath ? "on" : "off", conn);
		for (k = 0; k < 2; k++) {
			int	 on = k ? a->fastpath : b->fastpath;
			struct buf *cm = k ? &x->icmds : &x->cmds;
			struct buf *pm = k ? &x->ips : &x->ps;

			pc_az(cm, "network vpn-connection update", h, conn);
			pc_arg(cm, "--set expressRouteGatewayBypass=%s",
			    on ? "true" : "false");
			pc_endl(cm);
			pc_ps_conn(pm, h, conn);
			buf_printf(pm, "$c.ExpressRouteGatewayBypass = $%s; "
			    "Set-AzVirtualNetworkGatewayConnection "
			    "-VirtualNetworkGatewayConnection $c -Force\n",
			    on ? "true" : "false");
		}
	}
	if ((c = group_take(g, "private_peering.bfd")) != NULL) {
		x = plan_act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "%s BFD on the BGP sessions of %s",
		    b->peering.bfd ? "Enable" : "Disable", b->name);
		buf_printf(&x->text, "On the routers of the sites attached to "
		    "%s, on both links (VLAN %s). Microsoft's side has BFD "
		    "on for circuits created after August 1, 2018; an older "
		    "circuit gets it by disabling and re-enabling the peering "
		    "(ERBFD, ERRESET). With BFD a link failure is detected in "
		    "about a second (300 ms x 3) instead of the 180 s BGP hold "
		    "time (ERBFD).", b->name, design_num(h, b->peering.node,
		    "vlan_id", b->peering.vlan_id, t));
		buf_puts(&x->down, "Estimate: none if the routers add BFD "
		    "to running sessions; a router that restarts the BGP "
		    "session moves that link's traffic to the other link for "
		    "as long as the session takes to come back (no documented "
		    "figure)");
		x->outage = PLAN_OUT_RESET;
		x->has_inv = 1;
		buf_printf(&x->ititle, "%s BFD on the BGP sessions of %s",
		    a->peering.bfd ? "Enable" : "Disable", b->name);
	}
	if (group_take_all(g, "private_peering.") > 0) {
		x = plan_act_new(pl, PH_CIRCUIT, g->v[0].object);
		buf_printf(&x->title, "Update the private peering of %s",
		    b->name);
		buf_printf(&x->text, "Only what changes is set, and only if the "
		    "peering still has the current design's value (else the "
		    "block stops). Agree the window with %s, who configures "
		    "the VLAN and peer addresses on its side of the circuit, "
		    "and change the routers' side in the same window. Then "
		    "both paths' sessions are read: if either neighbor does not "
		    "show a time in UpDown once %s and the routers match, run "
		    "the rollback.", b->provider, b->provider);
		for (k = 0; k < 2; k++) {
			const struct circuit *to = k ? a : b;
			const struct circuit *fr = k ? b : a;
			struct buf	*cm = k ? &x->icmds : &x->cmds;
			struct buf	*pm = k ? &x->ips : &x->ps;
			struct buf	 set = BUF_INIT;
			int		 f;
			/* The fields: CLI option, query key, PowerShell
			 * property, design key. */
			static const char *const fld[4][4] = {
				{ "--peer-asn", "peerASN", "PeerASN",
				  "peer_asn" },
				{ "--primary-peer-subnet",
				  "primaryPeerAddressPrefix",
				  "PrimaryPeerAddressPrefix",
				  "primary_subnet" },
				{ "--secondary-peer-subnet",
				  "secondaryPeerAddressPrefix",
				  "SecondaryPeerAddressPrefix",
				  "secondary_subnet" },
				{ "--vlan-id", "vlanId", "VlanId", "vlan_id" },
			};

			pc_ps_ckt(pm, h, b);
			buf_puts(pm, "$pp = $ckt.Peerings | Where-Object Name "
			    "-eq 'AzurePrivatePeering'");
			for (f = 0; f < 4; f++) {
				char	 tv[PREFIX_STRLEN], fv[PREFIX_STRLEN];
				int	 num = f == 0 || f == 3;

				/* Unknown on either side: left as deployed. */
				if (design_unknown(pl->base, a->peering.node,
				    fld[f][3]) != NULL ||
				    design_unknown(h, b->peering.node,
				    fld[f][3]) != NULL)
					continue;
				if (f == 0) {
					if (to->peering.peer_asn ==
					    fr->peering.peer_asn)
						continue;
					snprintf(tv, sizeof(tv), "%ld",
					    to->peering.peer_asn);
					snprintf(fv, sizeof(fv), "%ld",
					    fr->peering.peer_asn);
				} else if (f == 3) {
					if (to->peering.vlan_id ==
					    fr->peering.vlan_id)
						continue;
					snprintf(tv, sizeof(tv), "%ld",
					    to->peering.vlan_id);
					snprintf(fv, sizeof(fv), "%ld",
					    fr->peering.vlan_id);
				} else {
					const struct prefix *tp = f == 1 ?
					    &to->peering.primary_subnet :
					    &to->peering.secondary_subnet;
					const struct prefix *fp = f == 1 ?
					    &fr->peering.primary_subnet :
					    &fr->peering.secondary_subnet;

					if (prefix_cmp(tp, fp) == 0)
						continue;
					PFX(tp, tv);
					PFX(fp, fv);
				}
				/* The guard: the peering as the design had it. */
				buf_puts(cm, "v=$(");
				pc_azc0(cm, "network express-route peering show",
				    h, b);
				pc_opt(cm, "--circuit-name", b->name);
				pc_arg(cm, "-n AzurePrivatePeering");
				pc_arg(cm, "--query %s -o tsv)", fld[f][1]);
				pc_endl(cm);
				buf_printf(cm, "if [ \"$v\" != '%s' ]; then echo "
				    "\"STOP: %s is $v, not %s\" >&2; exit 1; fi\n",
				    fv, fld[f][1], fv);
				buf_printf(&set, " %s %s", fld[f][0], tv);
				buf_printf(pm, "; if ($pp.%s -ne %s%s%s) { throw "
				    "\"STOP: %s is $($pp.%s), not %s\" }",
				    fld[f][2], num ? "" : "'", fv, num ? "" :
				    "'", fld[f][2], fld[f][2], fv);
				buf_printf(pm, "; $pp.%s = %s%s%s", fld[f][2],
				    num ? "" : "'", tv, num ? "" : "'");
			}
			pc_azc0(cm, "network express-route peering update", h,
			    b);
			pc_opt(cm, "--circuit-name", b->name);
			pc_arg(cm, "-n AzurePrivatePeering");
			if (set.len)
				pc_arg(cm, "%s", buf_cstr(&set) + 1);
			pc_endl(cm);
			buf_puts(pm, "; Set-AzExpressRouteCircuit "
			    "-ExpressRouteCircuit $ckt\n");
			buf_release(&set);
			/* The after-check: both paths' sessions. */
			pc_er_sessions(cm, pm, h, b);
		}
		buf_printf(&x->down, "Both BGP sessions of %s restart with "
		    "the new settings, for everything connected to the "
		    "circuit: its traffic moves to the other paths until the "
		    "routers match (estimate: no documented figure; the "
		    "routing impact shows where the traffic goes)", b->name);
		x->outage = PLAN_OUT_REROUTE;
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the private peering of %s",
		    b->name);
		buf_printf(&x->idown, "%s", buf_cstr(&x->down));
		x->ioutage = x->outage;
	}
	free(conn);
}

static void
bgp_policy_text(struct buf *b, const struct group *g, const char *who,
    int undo)
{
	size_t	 i, mark = b->len;

	buf_printf(b, "On %s: ", who);
	for (i = 0; i < g->n; i++) {
		const struct diff_change *c = &g->v[i];
		const char *add = undo ? "withdraw" : "advertise";
		const char *del = undo ? "advertise" : "withdraw";

		if (diff_field_is(c, "advertise") && c->op != DIFF_CHANGED)
			buf_printf(b, "%s %s; ", c->op == DIFF_ADDED ? add :
			    del, c->op == DIFF_ADDED ? c->after : c->before);
		else if (diff_field_is(c, "as_path_prepend")) {
			const char *n = undo ? c->before : c->after;

			if (n == NULL || strcmp(n, "0") == 0)
				buf_puts(b, "stop prepending the AS; ");
			else if (strcmp(n, "1") == 0)
				buf_puts(b, "prepend the AS once; ");
			else
				buf_printf(b, "prepend the AS %s times; ", n);
		}
		else if (diff_field_is(c, "local_preference"))
			buf_printf(b, "local preference %s on learned "
			    "routes; ", (undo ? c->before : c->after) ?
			    (undo ? c->before : c->after) : "default");
	}
	if (b->len == mark + strlen(who) + 5) {
		buf_truncate(b, mark);
		return;
	}
	buf_truncate(b, b->len - 2);
	buf_putc(b, '.');
}

/*
 * A BGP policy change resets no session, but it moves the traffic whose
 * best route changes and can take a backup away: its go/no-go checks
 * the path each of the site's moved prefixes takes (plan_gate.c), both
 * ways.
 */
static void
policy_down(struct act *x, const char *site)
{
	static const char down[] = "No interruption expected for traffic that "
	    "keeps its path (estimate: a policy change sends BGP updates and resets no "
	    "session); traffic whose best route changes moves once Azure has "
	    "the update (no documented figure), and the routing impact lists "
	    "it and any backup lost";

	x->policy_site = xstrdup(site);
	buf_puts(&x->down, down);
	buf_puts(&x->idown, down);
}

static void
plan_device_changes(struct plan *pl, struct group *g)
{
	const struct vpn_device *a = g->v[0].old_obj, *b = g->v[0].new_obj;
	const struct site *sa = g->v[0].old_parent, *sb = g->v[0].new_parent;
	const struct design *h = pl->head;
	const char	*object = g->v[0].object;
	struct act	*x;
	struct buf	 who = BUF_INIT;
	size_t		 n;

	buf_printf(&who, "%s/%s", sb->name, b->name);
	n = group_take_all(g, "public_ip") + group_take_all(g, "bgp") +
	    group_take_all(g, "static");
	if (n) {
		x = plan_act_new(pl, PH_SITE, object);
		buf_printf(&x->title, "Update local network gateway %s (%s)",
		    b->local_network_gateway, buf_cstr(&who));
		buf_puts(&x->text, "Change the device in the same window. ");
		pc_device_config(&x->text, h, b);
		pc_lng_mode_guard(&x->cmds, &x->ps, h, sa, a, b);
		pc_lng_update(&x->cmds, &x->ps, h, sb, a, b);
		pc_device_verify(&x->cmds, &x->ps, &x->text, h, sb, b);
		buf_printf(&x->down, "%s's tunnels re-establish and its BGP "
		    "session restarts (estimate: Learn changes the gateway IP "
		    "\"without removing an existing VPN gateway connection\" "
		    "(LNGMOD) but gives no figure for the reconnection)",
		    buf_cstr(&who));
		x->outage = x->ioutage = PLAN_OUT_RESET;
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore local network gateway %s",
		    b->local_network_gateway);
		pc_device_config(&x->itext, pl->base, a);
		pc_lng_mode_guard(&x->icmds, &x->ips, h, sb, b, a);
		pc_lng_update(&x->icmds, &x->ips, h, sa, b, a);
		buf_printf(&x->idown, "%s", buf_cstr(&x->down));
	}
	if (group_take_all(g, "ike.")) {
		x = plan_act_new(pl, PH_SITE, object);
		buf_printf(&x->title, "Change the IKE settings of connection "
		    "%s", b->connection);
		buf_printf(&x->text, "IKEv%ld, DPD %ld s", b->ike.version,
		    b->ike.dpd_timeout_s);
		if (b->ike.has_sa_lifetime_s)
			buf_printf(&x->text, ", IPsec SA lifetime %ld s (a "
			    "custom IPsec policy on the connection: az network "
			    "vpn-connection ipsec-policy add with every "
			    "parameter of the policy)", b->ike.sa_lifetime_s);
		buf_printf(&x->text, "; the same on %s.", buf_cstr(&who));
		pc_ike_update(&x->cmds, &x->ps, h, a, b);
		buf_printf(&x->down, "%s's tunnels re-establish with the new "
		    "settings (estimate: down until both sides match; no "
		    "documented figure)", buf_cstr(&who));
		x->outage = x->ioutage = PLAN_OUT_RESET;
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the IKE settings of "
		    "connection %s", b->connection);
		buf_printf(&x->itext, "IKEv%ld, DPD %ld s.", a->ike.version,
		    a->ike.dpd_timeout_s);
		pc_ike_update(&x->icmds, &x->ips, h, b, a);
	}
	if (group_take(g, "shared_key_ref")) {
		x = plan_act_new(pl, PH_SITE, object);
		buf_printf(&x->title, "Rotate the shared key of connection %s",
		    b->connection);
		buf_printf(&x->text, "Set the same key on %s at the same "
		    "time; the key never leaves Key Vault and the shell "
		    "variable.", buf_cstr(&who));
		pc_key_update(&x->cmds, &x->ps, h, b);
		buf_printf(&x->down, "%s's tunnels drop until both sides use "
		    "the new key (estimate: as long as the two sides differ)",
		    buf_cstr(&who));
		x->outage = x->ioutage = PLAN_OUT_RESET;
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the previous shared key of "
		    "connection %s", b->connection);
		pc_key_update(&x->icmds, &x->ips, h, a);
	}
	n = group_take_all(g, "advertise") + group_take_all(g,
	    "as_path_prepend") + group_take_all(g, "local_preference");
	if (n && b->has_bgp) {
		x = plan_act_new(pl, PH_SITE, object);
		buf_printf(&x->title, "Change the BGP policy of %s",
		    buf_cstr(&who));
		bgp_policy_text(&x->text, g, buf_cstr(&who), 0);
		buf_puts(&x->text, " Check what the VPN gateway learns.");
		policy_down(x, sb->name);
		pc_obs_learned(&x->cmds, &x->ps, h, h->vpn_gateway.name);
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the BGP policy of %s",
		    buf_cstr(&who));
		bgp_policy_text(&x->itext, g, buf_cstr(&who), 1);
		pc_obs_learned(&x->icmds, &x->ips, h, h->vpn_gateway.name);
	}
	buf_release(&who);
}

static void
plan_site_er_changes(struct plan *pl, struct group *g)
{
	const struct site_er *b = g->v[0].new_obj;
	const struct site *sb = g->v[0].new_parent;
	const struct design *h = pl->head;
	struct act	*x;
	struct buf	 who = BUF_INIT;
	size_t		 n;

	n = group_take_all(g, "advertise") + group_take_all(g,
	    "as_path_prepend") + group_take_all(g, "local_preference");
	if (n == 0)
		return;
	buf_printf(&who, "%s's routers, over circuit %s", sb->name,
	    b->circuit_name);
	x = plan_act_new(pl, PH_SITE, g->v[0].object);
	buf_printf(&x->title, "Change %s's BGP policy on circuit %s",
	    sb->name, b->circuit_name);
	bgp_policy_text(&x->text, g, buf_cstr(&who), 0);
	pc_er_verify(&x->cmds, &x->ps, h, b->circuit);
	policy_down(x, sb->name);
	x->has_inv = 1;
	buf_printf(&x->ititle, "Restore %s's BGP policy on circuit %s",
	    sb->name, b->circuit_name);
	bgp_policy_text(&x->itext, g, buf_cstr(&who), 1);
	pc_er_verify(&x->icmds, &x->ips, h, b->circuit);
	buf_release(&who);
}

static void
plan_site_changes(struct plan *pl, struct group *g)
{
	const struct site *sa = g->v[0].old_obj, *sb = g->v[0].new_obj;
	const struct design *h = pl->head;
	struct act	*x;
	size_t		 j, k;

	if (group_take_all(g, "address_prefixes") == 0)
		return;
	for (j = 0; j < sb->ndevices; j++) {
		const struct vpn_device *v = &sb->devices[j];

		if (v->has_bgp)
			continue;
		for (k = 0; k < sa->ndevices; k++)
			if (strcmp(sa->devices[k].name, v->name) == 0)
				break;
		/* A new device's gateway is created with the new prefixes. */
		if (k == sa->ndevices)
			continue;
		x = plan_act_new(pl, PH_SITE, g->v[0].object);
		buf_printf(&x->title, "Update the prefixes of local network "
		    "gateway %s (%s/%s, static)", v->local_network_gateway,
		    sb->name, v->name);
		buf_puts(&x->text,
		    "Azure routes to a static site's prefixes: ");
		list_delta(&x->text, g, "address_prefixes");
		buf_puts(&x->text, ".");
		buf_puts(&x->text, " The command sets the whole list, so "
		    "the block first stops unless the live list is the current "
		    "design's; a live list that is already the new one is "
		    "printed and left as it is.");
		pc_lng_guard(&x->cmds, &x->ps, h, v, sa, sb);
		pc_lng_prefixes(&x->cmds, &x->ps, h, v, sb);
		pc_guard_end2(&x->cmds, &x->ps);
		/* Review 19 P1: a connected gateway's update drops the
		 * site's tunnels (LNGMOD). */
		buf_printf(&x->down, "%s/%s's tunnels may drop while the "
		    "gateway applies it (LNGMOD: \"results in some downtime "
		    "for your VPN connection\"; no figure)", sb->name, v->name);
		x->outage = x->ioutage = PLAN_OUT_RESET;
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the prefixes of local network "
		    "gateway %s", v->local_network_gateway);
		pc_lng_guard(&x->icmds, &x->ips, h, v, sb, sa);
		pc_lng_prefixes(&x->icmds, &x->ips, h, v, sa);
		pc_guard_end2(&x->icmds, &x->ips);
		buf_printf(&x->idown, "%s", buf_cstr(&x->down));
	}
}

static void
plan_vnet_changes(struct plan *pl, struct group *g)
{
	struct act	*x;
	size_t		 k;

	if (group_take_all(g, "address_space") == 0)
		return;
	x = plan_act_new(pl, PH_VNET, g->v[0].object);
	buf_printf(&x->title, "Change the address space of %s: ",
	    pl->head->vnet.name);
	list_delta(&x->title, g, "address_space");
	buf_puts(&x->text, "Both gateways advertise the new space to on "
	    "premises. Then each spoke's peering to the hub, the remote side "
	    "of the VNet that changed, is synced so the spoke learns it "
	    "(PEERSYNC); a VNet peered with the hub that is not in the design "
	    "needs the same.");
	/* Review 19 P6: the CLI sets the whole list. */
	pc_space_guard(&x->cmds, pl->head, pl->head->vnet.name,
	    pl->base->vnet.address_space, pl->base->vnet.naddress_space,
	    pl->head->vnet.address_space, pl->head->vnet.naddress_space);
	pc_vnet_space(&x->cmds, &x->ps, pl->base, pl->head);
	pc_guard_end(&x->cmds);
	/* The spokes peered before the change: a spoke peered by a later
	 * step gets the new space with its peering. */
	for (k = 0; k < pl->base->nspokes; k++)
		pc_peering_sync_spoke(&x->cmds, &x->ps, pl->head,
		    &pl->base->spokes[k]);
	x->has_inv = 1;
	buf_printf(&x->ititle, "Restore the address space of %s",
	    pl->base->vnet.name);
	pc_space_guard(&x->icmds, pl->base, pl->base->vnet.name,
	    pl->head->vnet.address_space, pl->head->vnet.naddress_space,
	    pl->base->vnet.address_space, pl->base->vnet.naddress_space);
	pc_vnet_space(&x->icmds, &x->ips, pl->head, pl->base);
	pc_guard_end(&x->icmds);
	for (k = 0; k < pl->base->nspokes; k++)
		pc_peering_sync_spoke(&x->icmds, &x->ips, pl->base,
		    &pl->base->spokes[k]);
}

static void
plan_subnet(struct plan *pl, struct group *g)
{
	const struct diff_change *c = &g->v[0];
	const struct subnet *a = c->old_obj, *b = c->new_obj;
	struct act	*x;

	if (c->field == NULL && c->op == DIFF_ADDED) {
		x = plan_act_new(pl, PH_VNET, c->object);
		buf_printf(&x->title, "Create subnet %s", b->name);
		pc_name_free(&x->cmds, &x->ps, pl->head, NULL,
		    "network vnet subnet list", "--vnet-name",
		    pl->head->vnet.name, "Get-AzVirtualNetwork", "-Name",
		    pl->head->vnet.name, ".Subnets", b->name);
		pc_subnet_cmd(&x->cmds, &x->ps, pl->head, b->name, &b->prefix,
		    "create");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Delete subnet %s", b->name);
		buf_puts(&x->itext, CREATED_ONLY);
		pc_subnet_cmd(&x->icmds, &x->ips, pl->head, b->name, NULL,
		    "delete");
	} else if (c->field == NULL) {
		x = plan_act_new(pl, PH_REMOVE, c->object);
		buf_printf(&x->title, "Delete subnet %s", a->name);
		buf_printf(&x->text, "The subnet is recorded first "
		    "(%s.before.json, with its NSG, route table, NAT gateway, "
		    "delegations and service endpoints), and the block stops "
		    "unless it is empty (no IP configuration or private "
		    "endpoint).", a->name);
		pc_subnet_record(&x->cmds, &x->ps, pl->base, a->name);
		pc_subnet_cmd(&x->cmds, &x->ps, pl->base, a->name, NULL,
		    "delete");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Recreate subnet %s", a->name);
		pc_subnet_recreate(&x->itext, &x->icmds, &x->ips, pl->base, a);
	} else if (group_take(g, "prefix")) {
		x = plan_act_new(pl, PH_VNET, c->object);
		buf_printf(&x->title, "Change the prefix of subnet %s",
		    b->name);
		buf_puts(&x->text, "Azure changes a subnet's prefix only "
		    "while the subnet is empty.");
		pc_subnet_cmd(&x->cmds, &x->ps, pl->head, b->name, &b->prefix,
		    "update");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the prefix of subnet %s",
		    a->name);
		pc_subnet_cmd(&x->icmds, &x->ips, pl->base, a->name, &a->prefix,
		    "update");
	}
	g->used[0] = 1;
}

static void
plan_spoke(struct plan *pl, struct group *g)
{
	const struct diff_change *c = &g->v[0];
	const struct spoke *a = c->old_obj, *b = c->new_obj;
	struct act	*x;

	if (c->field == NULL) {
		int	 add = c->op == DIFF_ADDED;
		const struct design *dsn = add ? pl->head : pl->base;
		const struct spoke *s = add ? b : a;

		x = plan_act_new(pl, add ? PH_VNET : PH_REMOVE, c->object);
		buf_printf(&x->title, "%s spoke %s %s the hub", add ? "Peer" :
		    "Unpeer", s->name, add ? "with" : "from");
		buf_printf(&x->text, "%s uses the hub's gateways; on-premises "
		    "sites %s ", s->name, add ? "learn" : "stop learning");
		words_prefixes(&x->text, s->address_space,
		    s->naddress_space, ", ");
		buf_puts(&x->text, ".");
		if (add) {
			pc_peerings_free(&x->cmds, &x->ps, dsn, s);
			buf_puts(&x->itext, CREATED_ONLY);
		}
		pc_peering_cmds(&x->cmds, &x->ps, dsn, s, add);
		if (!add) {
			buf_printf(&x->down, "%s loses hybrid connectivity",
			    s->name);
			x->outage = PLAN_OUT_REROUTE;
		}
		x->has_inv = 1;
		buf_printf(&x->ititle, "%s spoke %s", add ? "Unpeer" :
		    "Peer again", s->name);
		pc_peering_cmds(&x->icmds, &x->ips, dsn, s, !add);
		g->used[0] = 1;
		return;
	}
	if (group_take_all(g, "address_space") == 0)
		return;
	x = plan_act_new(pl, PH_VNET, c->object);
	buf_printf(&x->title, "Change the address space of spoke %s: ",
	    b->name);
	list_delta(&x->title, g, "address_space");
	buf_puts(&x->text, "Change the spoke's address space, then sync the "
	    "hub's peering to it, the remote side of the VNet that changed "
	    "(PEERSYNC), so the hub's gateways advertise it. A spoke in "
	    "another resource group than the hub's: run the first command "
	    "there.");
	pc_space_guard(&x->cmds, pl->head, b->name, a->address_space,
	    a->naddress_space, b->address_space, b->naddress_space);
	pc_spoke_space(&x->cmds, &x->ps, pl->head, a, b);
	pc_guard_end(&x->cmds);
	pc_peering_sync(&x->cmds, &x->ps, pl->head, b);
	x->has_inv = 1;
	buf_printf(&x->ititle, "Restore the address space of spoke %s",
	    a->name);
	pc_space_guard(&x->icmds, pl->head, a->name, b->address_space,
	    b->naddress_space, a->address_space, a->naddress_space);
	pc_spoke_space(&x->icmds, &x->ips, pl->head, b, a);
	pc_guard_end(&x->icmds);
	pc_peering_sync(&x->icmds, &x->ips, pl->head, b);
}

static void
plan_gateway(struct plan *pl, struct group *g, int vpn)
{
	const struct diff_change *c = &g->v[0];
	struct act	*x;
	size_t		 n;
	int		 recreated;
	enum plan_outage (*step)(struct buf *, struct buf *, struct buf *,
	    struct buf *, struct buf *, const struct design *,
	    const struct design *, const struct design *, const struct sim *,
	    int *);

	if (c->field == NULL) {
		int	 add = c->op == DIFF_ADDED;
		const struct design *dsn = add ? pl->head : pl->base;
		const char *gw = vpn ? dsn->vpn_gateway.name :
		    dsn->er_gateway.name;
		struct buf *fc, *ic, *fp, *ip;

		x = plan_act_new(pl, add ? PH_GATEWAY : PH_REMOVE, c->object);
		x->has_inv = 1;
		/* A deletion is recorded, so that its rollback recreates the
		 * gateway with the same public IPs and BGP addresses. */
		x->record = !add;
		fc = add ? &x->cmds : &x->icmds;
		ic = add ? &x->icmds : &x->cmds;
		fp = add ? &x->ps : &x->ips;
		ip = add ? &x->ips : &x->ps;
		buf_printf(&x->title, "%s %s gateway %s", add ? "Create" :
		    "Delete", vpn ? "VPN" : "ExpressRoute", gw);
		buf_printf(&x->ititle, "%s %s gateway %s", add ? "Delete" :
		    "Recreate", vpn ? "VPN" : "ExpressRoute", gw);
		if (vpn)
			gw_vpn_create(fc, fp, dsn, !add);
		else
			gw_er_create(fc, fp, dsn, !add);
		/* Recreated from the record the deletion's gate made. */
		if (!add)
			rec_compare(fc, fp, dsn, gw, vpn);
		if (!add && vpn)
			rec_accept(fc, fp, gw);
		gw_delete(ic, ip, dsn, gw);
		buf_puts(add ? &x->text : &x->itext, vpn ? "Gateway creation "
		    "takes 45 minutes or more (VPNGWCREATE)." : "Gateway "
		    "creation takes 45 minutes or more (ERGWCREATE).");
		if (!add) {
			buf_printf(&x->down,
			    "Every %s connection of the design "
			    "ends", vpn ? "VPN" : "ExpressRoute");
			x->outage = PLAN_OUT_FULL;
		}
		g->used[0] = 1;
		return;
	}
	n = vpn ? group_take_all(g, "sku") + group_take_all(g, "generation") :
	    group_take_all(g, "sku") + group_take_all(g, "scale_units");
	if (n == 0)
		return;
	x = plan_act_new(pl, PH_GATEWAY, c->object);
	x->has_inv = 1;
	/* A recreate is undone from what exists when the rollback runs
	 * (gw_undo_recreate()); a resize by the way back, itself a resize
	 * or a recreate. */
	step = vpn ? gw_vpn_sku_step : gw_er_sku_step;
	x->outage = step(&x->title, &x->text, &x->cmds, &x->ps, &x->down,
	    pl->base, pl->head, pl->base, pl->bsim, &recreated);
	x->record = recreated;
	if (recreated)
		x->ioutage = gw_undo_recreate(&x->ititle, &x->itext, &x->icmds,
		    &x->ips, &x->idown, pl->head, pl->base, vpn);
	else {
		x->ioutage = step(&x->ititle, &x->itext, &x->icmds, &x->ips,
		    &x->idown, pl->head, pl->base, pl->base, pl->hsim,
		    &x->irecord);
		/* The recreate reads the gateway's SKU first (review 18
		 * N6): still base's, nothing is deleted or created, and a
		 * run again after a stop creates only what is missing. */
		if (x->irecord)
			buf_printf(&x->itext, " The block first reads the "
			    "gateway's SKU: still %s (the resize did not run, "
			    "or this block already recreated it), nothing is "
			    "deleted or created and only a missing connection "
			    "is.", vpn ? vpn_sku_name(pl->base->vpn_gateway.sku) :
			    er_sku_name(pl->base->er_gateway.sku));
	}
	if (vpn)
		keys_first(x, pl->base);
}

/* A change hybridoc has no procedure for: named, to be done by hand. */
static void
plan_generic(struct plan *pl, const struct diff_change *c)
{
	struct act	*x = plan_act_new(pl, PH_OTHER, c->object);
	const char	*obj = *c->object ? c->object : "the design";
	struct buf	 v = BUF_INIT;

	if (c->field == NULL) {
		buf_printf(&x->title, "%s %s %s", c->op == DIFF_ADDED ? "Add" :
		    "Remove", diff_kind_name(c->kind), obj);
		buf_printf(&x->ititle, "%s %s %s", c->op == DIFF_ADDED ?
		    "Remove" : "Restore", diff_kind_name(c->kind), obj);
	} else {
		buf_printf(&x->title, "Set %s of %s to ", c->field, obj);
		words_show_value(&v, c->op == DIFF_REMOVED ? NULL : c->after);
		buf_puts(&x->title, buf_cstr(&v));
		buf_truncate(&v, 0);
		buf_printf(&x->ititle, "Set %s of %s back to ", c->field, obj);
		words_show_value(&v, c->op == DIFF_ADDED ? NULL : c->before);
		buf_puts(&x->ititle, buf_cstr(&v));
		if (c->op != DIFF_CHANGED) {
			buf_truncate(&x->title, 0);
			buf_truncate(&x->ititle, 0);
			buf_printf(&x->title, "%s %s %s %s", c->op ==
			    DIFF_ADDED ? "Add" : "Remove", c->op == DIFF_ADDED ?
			    c->after : c->before, c->op == DIFF_ADDED ? "to" :
			    "from", c->field);
			buf_printf(&x->ititle, "%s %s %s %s", c->op ==
			    DIFF_ADDED ? "Remove" : "Add", c->op ==
			    DIFF_ADDED ? c->after : c->before, c->op ==
			    DIFF_ADDED ? "from" : "to", c->field);
		}
	}
	buf_puts(&x->text, "hybridoc has no procedure for this change: "
	    "apply it with the usual tooling and record the commands in the "
	    "change.");
	x->has_inv = 1;
	buf_puts(&x->itext, "Undo it with the same tooling.");
	/*
	 * New user 19 item 3: a change of connectivity, SKU or addresses,
	 * or a removal, may interrupt traffic even without a procedure:
	 * it gets a downtime line, and with it a go/no-go gate that
	 * observes the paths left (plan_gate.c).
	 */
	if (c->op == DIFF_REMOVED || (c->field != NULL &&
	    (c->sem == SEM_CONN || c->sem == SEM_SKU ||
	    c->sem == SEM_ADDRESS))) {
		buf_printf(&x->down, "May interrupt what %s carries while it "
		    "is applied (estimate: hybridoc has no procedure and no "
		    "documented figure for this change; treat it as an "
		    "interruption until the routes are checked)", obj);
		buf_printf(&x->idown, "%s", buf_cstr(&x->down));
		x->outage = x->ioutage = PLAN_OUT_RESET;
	}
	buf_release(&v);
}

/* A whole site, device, ExpressRoute attachment or circuit added or removed. */
static void
plan_object(struct plan *pl, struct group *g)
{
	const struct diff_change *c = &g->v[0];
	const struct site *s;
	size_t		 j;

	switch (c->kind) {
	case DIFF_SITE:
		s = c->op == DIFF_ADDED ? c->new_obj : c->old_obj;
		for (j = 0; j < s->ner; j++) {
			if (c->op == DIFF_ADDED)
				plan_er_add(pl, pl->head, s, &s->er[j],
				    c->object);
			else
				plan_er_remove(pl, pl->base, s, &s->er[j],
				    c->object);
		}
		for (j = 0; j < s->ndevices; j++) {
			if (c->op == DIFF_ADDED)
				plan_device_add(pl, pl->head, s,
				    &s->devices[j], c->object);
			else
				plan_device_remove(pl, pl->base, s,
				    &s->devices[j], c->object, 1);
		}
		break;
	case DIFF_DEVICE:
		if (c->op == DIFF_ADDED)
			plan_device_add(pl, pl->head, c->new_parent,
			    c->new_obj, c->object);
		else
			plan_device_remove(pl, pl->base, c->old_parent,
			    c->old_obj, c->object, 0);
		break;
	case DIFF_SITE_ER:
		if (c->op == DIFF_ADDED)
			plan_er_add(pl, pl->head, c->new_parent, c->new_obj,
			    c->object);
		else
			plan_er_remove(pl, pl->base, c->old_parent,
			    c->old_obj, c->object);
		break;
	case DIFF_CIRCUIT:
		plan_circuit_add(pl, c->op == DIFF_ADDED ? pl->head : pl->base,
		    c->op == DIFF_ADDED ? c->new_obj : c->old_obj, c->object,
		    c->op == DIFF_REMOVED);
		break;
	default:
		return;
	}
	g->used[0] = 1;
}

/*
 * Route Server on or off.  No command is printed: a Route Server needs
 * its own subnet and a public IP, which the design does not name.  The
 * gateways are down while it is created or deleted (ARSDOWN).
 */
static void
plan_route_server(struct plan *pl, struct group *g)
{
	const struct route_server *b = g->v[0].new_obj;
	const struct design *h = pl->head;
	int		 gw = h->er_gateway.node != NULL ||
	    h->vpn_gateway.node != NULL;
	struct act	*x;
	int		 k;

	if (group_take(g, "enabled") == NULL)
		return;
	x = plan_act_new(pl, PH_GATEWAY, g->v[0].object);
	x->has_inv = 1;
	for (k = 0; k < 2; k++) {
		int	 on = k ? !b->enabled : b->enabled;
		struct buf *t = k ? &x->ititle : &x->title;
		struct buf *d = k ? &x->idown : &x->down;

		buf_printf(t, "%s Azure Route Server in %s", on ? "Create" :
		    "Delete", h->vnet.name);
		if (!gw)
			continue;
		buf_puts(d, "Both virtual network gateways are down until the "
		    "operation completes: Learn says to \"expect downtime "
		    "until the operation is complete\" when a route server is "
		    "created or deleted in a virtual network with a gateway, "
		    "with no figure; the circuits and their other connections "
		    "are not affected (ARSDOWN)");
	}
	buf_puts(&x->text, "hybridoc prints no command for this step: a "
	    "Route Server needs its own subnet (RouteServerSubnet) and a "
	    "public IP, which the design does not name; follow Learn's Route "
	    "Server quickstart.");
	buf_puts(&x->itext, "The same, the other way round.");
	x->outage = x->ioutage = gw ? PLAN_OUT_FULL : PLAN_OUT_NONE;
}

/* Field changes of a circuit, device, attachment, site or the VNet. */
static void
plan_fields(struct plan *pl, struct group *g)
{
	switch (g->v[0].kind) {
	case DIFF_CIRCUIT:
		plan_circuit_changes(pl, g);
		break;
	case DIFF_DEVICE:
		plan_device_changes(pl, g);
		break;
	case DIFF_SITE_ER:
		plan_site_er_changes(pl, g);
		break;
	case DIFF_SITE:
		plan_site_changes(pl, g);
		break;
	case DIFF_VNET:
		plan_vnet_changes(pl, g);
		break;
	case DIFF_ROUTE_SERVER:
		plan_route_server(pl, g);
		break;
	default:
		break;
	}
}

void
plan_group(struct plan *pl, struct group *g, int *gwsubnet_done)
{
	const struct diff_change *c = &g->v[0];
	size_t		 i;

	for (i = 0; i < g->n; i++)
		if (plan_is_doc(&g->v[i]))
			g->used[i] = 1;
	if (c->kind == DIFF_SUBNET &&
	    strcmp(c->object, "azure.vnet.subnets.GatewaySubnet") == 0) {
		if (!*gwsubnet_done)
			plan_gwsubnet(pl, c->object);
		*gwsubnet_done = 1;
		memset(g->used, 1, g->n);
		return;
	}
	switch (c->kind) {
	case DIFF_SUBNET:
		plan_subnet(pl, g);
		break;
	case DIFF_SPOKE:
		plan_spoke(pl, g);
		break;
	case DIFF_VPN_GATEWAY:
	case DIFF_ER_GATEWAY:
		plan_gateway(pl, g, c->kind == DIFF_VPN_GATEWAY);
		break;
	default:
		if (c->field != NULL)
			plan_fields(pl, g);
		else if (!g->used[0])
			plan_object(pl, g);
		break;
	}
	for (i = 0; i < g->n; i++)
		if (!g->used[i])
			plan_generic(pl, &g->v[i]);
}

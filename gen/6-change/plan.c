/*
 * The packet's third stage: the semantic diff (diff.h) between base and
 * head becomes the implementation plan -- az CLI commands, the steps on
 * the on-premises devices, downtime -- and its rollback, which
 * packet_view() places in the packet after the routing impact
 * (impact.h).  Changes are taken one object at a time; each known
 * change becomes actions, and anything hybridoc has no procedure for
 * becomes a step to do by hand, so no change is left out.  Every action
 * carries its inverse, so the rollback is the inverses in reverse order
 * by construction.  Commands are built from the two designs only,
 * never from the live state of Azure, for the Azure CLI and Az
 * PowerShell alike, with every design value quoted by shell.h; a
 * circuit's commands run where the circuit lives.  Each downtime cites
 * its source (docs/model.md) or says it is an estimate and why.
 *
 * Why one file of about 2,600 lines: its first half is a vocabulary of
 * az CLI and PowerShell commands with their inverses, its second the diff-to-plan
 * walk.  The vocabulary is being replaced by one procedure module
 * shared with the runbook (view.c), which will take it out of here;
 * splitting it off before that would only move it twice.
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

#define PFX(p, b)	prefix_format((p), (b), 1)
#define ADDR(p, b)	prefix_format((p), (b), 0)
/*
 * The same for a value the design may give as unknown: its placeholder
 * then, which shell_guard_unknown() finds in a command (design.h).
 */
#define U_ADDR(o, k, p, b)	design_addr(dsn, (o), (k), (p), 0, (b))
#define U_PFX(o, k, p, b)	design_addr(dsn, (o), (k), (p), 1, (b))
#define U_NUM(o, k, v, b)	design_num(dsn, (o), (k), (v), (b))
#define BGPN(v)			value_map_get((v)->node, "bgp")

/* ---- implementation plan and its inverse ---- */

/* Phases order the plan: the riskiest infrastructure first, checks last. */
enum phase {
	PH_PREPARE,
	PH_GWSUBNET,
	PH_GATEWAY,
	PH_VNET,
	PH_CIRCUIT,
	PH_SITE,
	PH_REMOVE,
	PH_OTHER,
	PH_VERIFY
};

/*
 * One action and its inverse (has_inv 0: nothing to undo).  cmds holds
 * Azure CLI lines, ps the same steps in Az PowerShell; outage is how
 * much traffic the action stops (enum plan_outage, plan.h).
 */
struct act {
	enum phase	 phase;
	size_t		 seq;
	char		*object;
	struct buf	 title, text, cmds, ps, down;
	enum plan_outage outage;
	int		 has_inv;
	struct buf	 ititle, itext, icmds, ips, idown;
	enum plan_outage ioutage;
};

struct plan {
	struct act	**v;
	size_t		 n, cap;
	const struct design *base, *head;
	const struct sim *bsim, *hsim;	/* their simulations, or NULL */
};

static void	gate_outage_words(struct buf *, const struct sim *,
		    const struct design *, enum sim_path);

static struct act *
act_new(struct plan *pl, enum phase ph, const char *object)
{
	struct act	*a = xcalloc(1, sizeof(*a));

	a->phase = ph;
	a->seq = pl->n;
	a->object = xstrdup(object ? object : "");
	xgrow(&pl->v, &pl->cap, pl->n + 1, sizeof(*pl->v));
	pl->v[pl->n++] = a;
	return a;
}

static void
act_free(struct act *a)
{
	if (a == NULL)
		return;
	free(a->object);
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

static int
act_cmp(const void *x, const void *y)
{
	const struct act *a = *(struct act *const *)x;
	const struct act *b = *(struct act *const *)y;

	if (a->phase != b->phase)
		return a->phase < b->phase ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/*
 * Azure CLI commands are built one argument at a time and wrapped with
 * a backslash before a line grows past CMD_WIDTH, so they read (and
 * print) well and still paste into a shell.  Every value from a design
 * passes through shell_word() (shell.h), as in the procedures; only
 * fixed words and numbers are formatted in.  PowerShell lines are not
 * wrapped: one statement list per line, like the procedures'.
 */
#define CMD_WIDTH	76

static size_t
line_len(const struct buf *c)
{
	const char	*s = buf_cstr(c), *nl = strrchr(s, '\n');

	return nl ? (size_t)(s + c->len - nl - 1) : c->len;
}

static void
wrap_put(struct buf *c, const struct buf *t)
{
	if (line_len(c) + 1 + t->len > CMD_WIDTH && line_len(c) > 0)
		buf_puts(c, " \\\n    ");
	else
		buf_putc(c, ' ');
	buf_put(c, t->ptr ? t->ptr : "", t->len);
}

/* A fixed argument: only hybridoc's own words and numbers. */
static void
arg(struct buf *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
arg(struct buf *c, const char *fmt, ...)
{
	struct buf	 t = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&t, fmt, ap);
	va_end(ap);
	wrap_put(c, &t);
	buf_release(&t);
}

/* "OPT VALUE" with VALUE from a design, quoted for the POSIX shell. */
static void
opt(struct buf *c, const char *o, const char *value)
{
	struct buf	 t = BUF_INIT;

	buf_printf(&t, "%s ", o);
	shell_word(&t, SHELL_SH, value);
	wrap_put(c, &t);
	buf_release(&t);
}

/* A PowerShell parameter with a value from a design. */
static void
pso(struct buf *p, const char *o, const char *value)
{
	shell_opt(p, SHELL_PS, o, value);
}

/* Ends the command on the current line. */
static void
endl(struct buf *c)
{
	buf_putc(c, '\n');
}

/* The subscription the hub's commands name, when the design has one. */
static const char *
hub_sub(const struct design *dsn)
{
	return dsn->subscription != NULL && dsn->subscription[0] != '\0' ?
	    dsn->subscription : NULL;
}

/*
 * The head of a command as shell_az() builds it (the one place every
 * printed az command starts), wrapped before "-g" and before
 * "--subscription" where the line would grow past CMD_WIDTH (a
 * circuit's resource group placeholder is long).  The parts are cut at
 * the lengths shell_az() gives without them, never by searching the
 * quoted values.
 */
static void
az_head(struct buf *c, const char *what, const char *rg, const char *sub)
{
	struct buf	 t = BUF_INIT, verb = BUF_INIT, head = BUF_INIT,
			 part = BUF_INIT;

	shell_az(&t, what, rg, sub);
	shell_az(&head, what, rg, NULL);
	if (line_len(c) + t.len <= CMD_WIDTH) {
		buf_put(c, buf_cstr(&t), t.len);
		goto out;
	}
	/* "az WHAT": shell_az() puts " -g " right after the fixed verb. */
	buf_printf(&verb, "az %s", what);
	buf_put(c, buf_cstr(&verb), verb.len);
	buf_put(&part, buf_cstr(&head) + verb.len + 1, head.len - verb.len - 1);
	wrap_put(c, &part);
	if (t.len > head.len) {
		buf_truncate(&part, 0);
		buf_put(&part, buf_cstr(&t) + head.len + 1, t.len - head.len - 1);
		wrap_put(c, &part);
	}
out:
	buf_release(&t);
	buf_release(&verb);
	buf_release(&head);
	buf_release(&part);
}

/* "az WHAT -g RG [--subscription SUB]" and, with az(), "-n NAME". */
static void
az0(struct buf *c, const char *what, const struct design *dsn)
{
	az_head(c, what, dsn->resource_group, hub_sub(dsn));
}

static void
az(struct buf *c, const char *what, const struct design *dsn,
    const char *name)
{
	az0(c, what, dsn);
	opt(c, "-n", name);
}

/* "[Set-AzContext ...; ]CMDLET -ResourceGroupName RG" for the hub. */
static void
ps0(struct buf *p, const char *cmdlet, const struct design *dsn)
{
	shell_ps_context(p, hub_sub(dsn));
	buf_puts(p, cmdlet);
	pso(p, "-ResourceGroupName", dsn->resource_group);
}

/*
 * Where a circuit lives: the resource group and subscription the design
 * gives it.  Without circuits[].resource_group the commands carry a
 * placeholder rather than the hub's group, since a circuit often lives
 * elsewhere (a connectivity subscription); plan_build() tells the
 * reader to fill it in.
 */
#define CKT_RG_HOLE	"<resource-group-of-"

static char *
ckt_rg(const struct circuit *ci)
{
	return ci->resource_group ? xstrdup(ci->resource_group) :
	    xasprintf(CKT_RG_HOLE "%s>", ci->name);
}

static const char *
ckt_sub(const struct design *dsn, const struct circuit *ci)
{
	return ci->subscription ? ci->subscription : hub_sub(dsn);
}

static void
azc0(struct buf *c, const char *what, const struct design *dsn,
    const struct circuit *ci)
{
	char	*rg = ckt_rg(ci);

	az_head(c, what, rg, ckt_sub(dsn, ci));
	free(rg);
}

static void
azc(struct buf *c, const char *what, const struct design *dsn,
    const struct circuit *ci)
{
	azc0(c, what, dsn, ci);
	opt(c, "-n", ci->name);
}

/* "[Set-AzContext ...; ]$ckt = Get-AzExpressRouteCircuit ...; " */
static void
ps_ckt(struct buf *p, const struct design *dsn, const struct circuit *ci)
{
	char	*rg = ckt_rg(ci);

	shell_ps_context(p, ckt_sub(dsn, ci));
	buf_puts(p, "$ckt = Get-AzExpressRouteCircuit");
	pso(p, "-ResourceGroupName", rg);
	pso(p, "-Name", ci->name);
	buf_puts(p, "; ");
	free(rg);
}

/* A PowerShell line for a step whose parameter no reference confirms. */
static void
ps_none(struct buf *p, const char *why)
{
	buf_printf(p, "# PowerShell: not printed, %s; use the Azure CLI "
	    "command\n", why);
}

/* The Azure side's prefixes: the VNet's and every spoke's. */
static void
azure_prefixes(struct buf *b, const struct design *dsn)
{
	size_t	 i;

	words_prefixes(b, dsn->vnet.address_space,
	    dsn->vnet.naddress_space, ", ");
	for (i = 0; i < dsn->nspokes; i++) {
		buf_puts(b, ", ");
		words_prefixes(b, dsn->spokes[i].address_space,
		    dsn->spokes[i].naddress_space, ", ");
	}
}

/* Prefixes as separate shell words (az) or a PowerShell array. */
static void
az_prefixes(struct buf *c, const char *o, const struct prefix *p, size_t n)
{
	struct buf	 b = BUF_INIT;
	char		 t[PREFIX_STRLEN];
	size_t		 i;

	buf_puts(&b, o);
	for (i = 0; i < n; i++)
		buf_printf(&b, " %s", PFX(&p[i], t));
	wrap_put(c, &b);
	buf_release(&b);
}

static void
ps_prefixes(struct buf *b, const char *o, const struct prefix *p, size_t n)
{
	char	 t[PREFIX_STRLEN];
	size_t	 i;

	buf_printf(b, " %s @(", o);
	for (i = 0; i < n; i++)
		buf_printf(b, "%s'%s'", i ? ", " : "", PFX(&p[i], t));
	buf_putc(b, ')');
}

/*
 * A BGP device's local network gateway, in both shells: its address space
 * is only the peer's address (an unknown one as its placeholder) ...
 */
static void
lng_peer_prefix(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *v)
{
	const char *unk = design_unknown(dsn, BGPN(v), "peer_ip");

	if (unk != NULL) {
		arg(c, "--local-address-prefixes %s", unk);
		buf_printf(p, " -AddressPrefix %s", unk);
	} else {
		az_prefixes(c, "--local-address-prefixes", &v->bgp_peer_ip, 1);
		ps_prefixes(p, "-AddressPrefix", &v->bgp_peer_ip, 1);
	}
}

/* ... and its BGP settings: the ASN and the peering address. */
static void
lng_bgp_settings(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *v)
{
	char	 t[PREFIX_STRLEN];

	arg(c, "--asn %s", U_NUM(BGPN(v), "asn", v->bgp_asn, t));
	arg(c, "--bgp-peering-address %s", U_ADDR(BGPN(v), "peer_ip",
	    &v->bgp_peer_ip, t));
	buf_printf(p, " -Asn %s", U_NUM(BGPN(v), "asn", v->bgp_asn, t));
	buf_printf(p, " -BgpPeeringAddress %s", U_ADDR(BGPN(v), "peer_ip",
	    &v->bgp_peer_ip, t));
}

static void
lng_create(struct buf *c, struct buf *p, const struct design *dsn,
    const struct site *s, const struct vpn_device *v)
{
	char	 t[PREFIX_STRLEN];

	az(c, "network local-network-gateway create", dsn,
	    v->local_network_gateway);
	opt(c, "-l", dsn->region);
	arg(c, "--gateway-ip-address %s", U_ADDR(v->node, "public_ip",
	    &v->public_ip, t));
	ps0(p, "New-AzLocalNetworkGateway", dsn);
	pso(p, "-Name", v->local_network_gateway);
	pso(p, "-Location", dsn->region);
	buf_printf(p, " -GatewayIpAddress %s", U_ADDR(v->node, "public_ip",
	    &v->public_ip, t));
	if (v->has_bgp) {
		/* With BGP the gateway needs only the peer's address. */
		lng_peer_prefix(c, p, dsn, v);
		lng_bgp_settings(c, p, dsn, v);
	} else {
		az_prefixes(c, "--local-address-prefixes", s->address_prefixes,
		    s->naddress_prefixes);
		ps_prefixes(p, "-AddressPrefix", s->address_prefixes,
		    s->naddress_prefixes);
	}
	endl(c);
	endl(p);
}

static void
lng_delete(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *v)
{
	az(c, "network local-network-gateway delete", dsn,
	    v->local_network_gateway);
	endl(c);
	ps0(p, "Remove-AzLocalNetworkGateway", dsn);
	pso(p, "-Name", v->local_network_gateway);
	buf_puts(p, " -Force\n");
}

/*
 * A Key Vault reference as vault and secret name: "VAULT/NAME", or the
 * secret id "https://VAULT.vault.azure.net/secrets/NAME[/VERSION]".
 * Fills *vault and *name (the caller frees) and returns non-zero, or 0
 * when ref has neither form.
 */
static int
kv_split(const char *ref, char **vault, char **name)
{
	const char	*h, *dot, *sec, *end;

	*vault = *name = NULL;
	if (strncmp(ref, "https://", 8) == 0) {
		h = ref + 8;
		dot = strchr(h, '.');
		sec = strstr(h, "/secrets/");
		if (dot == NULL || sec == NULL || dot > sec || dot == h)
			return 0;
		sec += 9;
		end = strchr(sec, '/');
		if (end == sec || *sec == '\0')
			return 0;
		*vault = xstrndup(h, (size_t)(dot - h));
		*name = end ? xstrndup(sec, (size_t)(end - sec)) :
		    xstrdup(sec);
		return 1;
	}
	sec = strchr(ref, '/');
	if (strstr(ref, "://") == NULL && sec && sec != ref && sec[1] &&
	    strchr(sec + 1, '/') == NULL) {
		*vault = xstrndup(ref, (size_t)(sec - ref));
		*name = xstrdup(sec + 1);
		return 1;
	}
	return 0;
}

/* Reads the connection's shared key from its Key Vault reference. */
static void
psk_read(struct buf *c, struct buf *p, const struct vpn_device *v)
{
	const char	*ref = v->shared_key_ref;
	char		*vault, *name;

	if (ref == NULL) {
		buf_puts(c, "# the design names no shared_key_ref: store the "
		    "key in Key Vault first\n");
		buf_puts(c, "psk=$(az keyvault secret show --id "
		    "<key-vault-secret-id> --query value -o tsv)\n");
		buf_puts(p, "# the design names no shared_key_ref: store the "
		    "key in Key Vault first\n");
		buf_puts(p, "$psk = Get-AzKeyVaultSecret -VaultName <vault> "
		    "-Name <secret> -AsPlainText\n");
		return;
	}
	buf_puts(c, "psk=$(az keyvault secret show");
	if (kv_split(ref, &vault, &name) && strstr(ref, "://") == NULL) {
		buf_puts(c, " \\\n    --vault-name ");
		shell_word(c, SHELL_SH, vault);
		buf_puts(c, " --name ");
		shell_word(c, SHELL_SH, name);
	} else {
		buf_puts(c, " \\\n    --id ");
		shell_word(c, SHELL_SH, ref);
	}
	arg(c, "--query value -o tsv)");
	endl(c);
	if (vault != NULL) {
		buf_puts(p, "$psk = Get-AzKeyVaultSecret");
		pso(p, "-VaultName", vault);
		pso(p, "-Name", name);
		buf_puts(p, " -AsPlainText\n");
	} else
		buf_puts(p, "# the shared_key_ref is not a Key Vault secret id: "
		    "read the key into $psk from where it is kept\n");
	free(vault);
	free(name);
}

/* "$gw = Get-AzVirtualNetworkGateway ...; " for gateway name gw. */
static void
ps_gw(struct buf *p, const struct design *dsn, const char *gw)
{
	ps0(p, "$gw = Get-AzVirtualNetworkGateway", dsn);
	pso(p, "-Name", gw);
	buf_puts(p, "; ");
}

/* "$c = Get-AzVirtualNetworkGatewayConnection ...; " */
static void
ps_conn(struct buf *p, const struct design *dsn, const char *conn)
{
	ps0(p, "$c = Get-AzVirtualNetworkGatewayConnection", dsn);
	pso(p, "-Name", conn);
	buf_puts(p, "; ");
}

static void
conn_create(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *v)
{
	psk_read(c, p, v);
	az(c, "network vpn-connection create", dsn, v->connection);
	opt(c, "-l", dsn->region);
	opt(c, "--vnet-gateway1", dsn->vpn_gateway.name);
	opt(c, "--local-gateway2", v->local_network_gateway);
	arg(c, "--shared-key \"$psk\"");
	if (v->has_bgp)
		arg(c, "--enable-bgp");
	endl(c);
	if (v->ike.version == 1) {
		az(c, "network vpn-connection update", dsn, v->connection);
		arg(c, "--set connectionProtocol=IKEv1");
		endl(c);
	}
	if (v->ike.dpd_timeout_s != 45) {
		az(c, "network vpn-connection update", dsn, v->connection);
		arg(c, "--set dpdTimeoutSeconds=%ld", v->ike.dpd_timeout_s);
		endl(c);
	}
	buf_puts(c, "unset psk\n");
	ps_gw(p, dsn, dsn->vpn_gateway.name);
	buf_puts(p, "$lng = Get-AzLocalNetworkGateway");
	pso(p, "-ResourceGroupName", dsn->resource_group);
	pso(p, "-Name", v->local_network_gateway);
	buf_puts(p, "; New-AzVirtualNetworkGatewayConnection");
	pso(p, "-Name", v->connection);
	pso(p, "-ResourceGroupName", dsn->resource_group);
	pso(p, "-Location", dsn->region);
	buf_puts(p, " -VirtualNetworkGateway1 $gw -LocalNetworkGateway2 $lng "
	    "-ConnectionType IPsec -SharedKey $psk");
	if (v->has_bgp)
		buf_puts(p, " -EnableBgp $true");
	if (v->ike.version == 1)
		buf_puts(p, " -ConnectionProtocol IKEv1");
	if (v->ike.dpd_timeout_s != 45)
		buf_printf(p, " -DpdTimeoutInSeconds %ld",
		    v->ike.dpd_timeout_s);
	buf_puts(p, "\nRemove-Variable psk\n");
}

static void
conn_delete(struct buf *c, struct buf *p, const struct design *dsn,
    const char *conn)
{
	az(c, "network vpn-connection delete", dsn, conn);
	endl(c);
	ps0(p, "Remove-AzVirtualNetworkGatewayConnection", dsn);
	pso(p, "-Name", conn);
	buf_puts(p, " -Force\n");
}

/* What the on-premises device needs, in words. */
static void
device_config(struct buf *b, const struct design *dsn,
    const struct vpn_device *v)
{
	const struct vpn_gateway *g = &dsn->vpn_gateway;
	char		 t[PREFIX_STRLEN], n[PREFIX_STRLEN];
	size_t		 i;

	buf_puts(b, "Tunnel");
	buf_puts(b, g->ninstances > 1 ? "s to " : " to ");
	for (i = 0; i < g->ninstances; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == g->ninstances ?
		    " and " : ", ", U_ADDR(g->instances[i].node, "public_ip",
		    &g->instances[i].public_ip, t));
	if (g->ninstances > 1)
		buf_puts(b, " (one per gateway instance)");
	buf_printf(b, ", IKEv%ld with the shared key from Key Vault, DPD "
	    "%ld s. ", v->ike.version, v->ike.dpd_timeout_s);
	if (v->has_bgp) {
		buf_printf(b, "BGP as AS %s from %s with neighbor%s ",
		    U_NUM(BGPN(v), "asn", v->bgp_asn, n),
		    U_ADDR(BGPN(v), "peer_ip", &v->bgp_peer_ip, t),
		    g->ninstances > 1 ? "s" : "");
		for (i = 0; i < g->ninstances; i++) {
			const struct gw_instance *in = &g->instances[i];

			buf_printf(b, "%s%s", i == 0 ? "" : " and ",
			    in->has_apipa_bgp_ip ? ADDR(&in->apipa_bgp_ip, t) :
			    in->has_bgp_ip ? ADDR(&in->bgp_ip, t) :
			    "(the gateway's BGP address)");
		}
		buf_printf(b, " (AS %ld, eBGP multihop); advertise ", g->asn);
		words_prefixes(b, v->advertise, v->nadvertise, ", ");
		if (v->as_path_prepend)
			buf_printf(b, ", prepending AS %s %ld time%s",
			    U_NUM(BGPN(v), "asn", v->bgp_asn, n),
			    v->as_path_prepend,
			    v->as_path_prepend == 1 ? "" : "s");
		if (v->has_local_preference)
			buf_printf(b, "; local preference %ld on routes "
			    "learned over the VPN", v->local_preference);
		buf_putc(b, '.');
	} else {
		buf_puts(b, "Static routes for ");
		azure_prefixes(b, dsn);
		buf_puts(b, " into the tunnel");
		buf_puts(b, g->ninstances > 1 ? "s." : ".");
	}
}


/* Observation commands (the same as the procedures', procedure.h). */
static void
obs_learned(struct buf *c, struct buf *p, const struct design *dsn,
    const char *gw)
{
	az(c, "network vnet-gateway list-learned-routes", dsn, gw);
	arg(c, "-o table");
	endl(c);
	ps0(p, "Get-AzVirtualNetworkGatewayLearnedRoute", dsn);
	pso(p, "-VirtualNetworkGatewayName", gw);
	buf_puts(p, " | Format-Table\n");
}

static void
obs_bgp_peers(struct buf *c, struct buf *p, const struct design *dsn)
{
	az(c, "network vnet-gateway list-bgp-peer-status", dsn,
	    dsn->vpn_gateway.name);
	arg(c, "-o table");
	endl(c);
	ps0(p, "Get-AzVirtualNetworkGatewayBgpPeerStatus", dsn);
	pso(p, "-VirtualNetworkGatewayName", dsn->vpn_gateway.name);
	endl(p);
}

static void
obs_tunnels(struct buf *c, struct buf *p, const struct design *dsn,
    const char *conn)
{
	/* Per tunnel: the aggregate connectionStatus stays Connected on an
	 * active-active gateway with one tunnel down. */
	az(c, "network vpn-connection show", dsn, conn);
	arg(c, "--query tunnelConnectionStatus -o table");
	endl(c);
	shell_ps_context(p, hub_sub(dsn));
	buf_puts(p, "(Get-AzVirtualNetworkGatewayConnection");
	pso(p, "-ResourceGroupName", dsn->resource_group);
	pso(p, "-Name", conn);
	buf_puts(p, ").TunnelConnectionStatus\n");
}

static void
obs_effective(struct buf *c, struct buf *p, const struct design *dsn)
{
	az0(c, "network nic show-effective-route-table", dsn);
	arg(c, "-n <nic-of-a-test-vm>");
	arg(c, "-o table");
	endl(c);
	ps0(p, "Get-AzEffectiveRouteTable", dsn);
	buf_puts(p, " -NetworkInterfaceName <nic-of-a-test-vm> | "
	    "Format-Table\n");
}

static void
device_verify(struct buf *c, struct buf *p, struct buf *text,
    const struct design *dsn, const struct site *s,
    const struct vpn_device *v)
{
	char	 t[PREFIX_STRLEN];

	obs_tunnels(c, p, dsn, v->connection);
	buf_puts(text, "Expect every tunnel Connected");
	if (v->has_bgp) {
		obs_bgp_peers(c, p, dsn);
		obs_learned(c, p, dsn, dsn->vpn_gateway.name);
		buf_printf(text, ", BGP peer %s Connected, and ",
		    U_ADDR(BGPN(v), "peer_ip", &v->bgp_peer_ip, t));
		words_prefixes(text, v->advertise, v->nadvertise, ", ");
		buf_printf(text, " learned from it.");
	} else {
		obs_effective(c, p, dsn);
		buf_puts(text, ", and a test VM's effective routes sending ");
		words_prefixes(text, s->address_prefixes,
		    s->naddress_prefixes, ", ");
		buf_puts(text, " to the VPN gateway.");
	}
}

static void
plan_device_add(struct plan *pl, const struct design *dsn,
    const struct site *s, const struct vpn_device *v, const char *object)
{
	struct act	*a;
	char		 t[PREFIX_STRLEN], n[PREFIX_STRLEN];

	a = act_new(pl, PH_SITE, object);
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
	lng_create(&a->cmds, &a->ps, dsn, s, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Delete local network gateway %s",
	    v->local_network_gateway);
	lng_delete(&a->icmds, &a->ips, dsn, v);

	a = act_new(pl, PH_SITE, object);
	buf_printf(&a->title, "Connect %s to %s (connection %s)",
	    v->local_network_gateway, dsn->vpn_gateway.name, v->connection);
	buf_puts(&a->text, "The shared key is read from Key Vault into a "
	    "shell variable and never written down");
	buf_puts(&a->text, v->has_bgp ? "; BGP is enabled on the "
	    "connection." : "; static routing.");
	conn_create(&a->cmds, &a->ps, dsn, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Delete connection %s", v->connection);
	conn_delete(&a->icmds, &a->ips, dsn, v->connection);

	a = act_new(pl, PH_SITE, object);
	buf_printf(&a->title, "Configure %s/%s (", s->name, v->name);
	words_device(&a->title, v);
	buf_putc(&a->title, ')');
	device_config(&a->text, dsn, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Remove the Azure tunnels%s from %s/%s",
	    v->has_bgp ? " and BGP sessions" : "", s->name, v->name);
	buf_printf(&a->itext, "Remove what the step above configured on the "
	    "device: the tunnels to the gateway%s.", v->has_bgp ?
	    ", the BGP neighbors and the advertisements" :
	    " and the static routes");

	a = act_new(pl, PH_SITE, object);
	buf_printf(&a->title, "Verify %s/%s", s->name, v->name);
	device_verify(&a->cmds, &a->ps, &a->text, dsn, s, v);
}

static void
plan_device_remove(struct plan *pl, const struct design *dsn,
    const struct site *s, const struct vpn_device *v, const char *object,
    int whole_site)
{
	struct act	*a;

	a = act_new(pl, PH_REMOVE, object);
	buf_printf(&a->title, "Delete connection %s (%s/%s)", v->connection,
	    s->name, v->name);
	conn_delete(&a->cmds, &a->ps, dsn, v->connection);
	buf_printf(&a->down, "%s/%s's tunnels go down%s", s->name, v->name,
	    whole_site ? "; the site is retired" : "; its traffic moves to "
	    "the site's other paths (routing impact)");
	a->outage = whole_site ? PLAN_OUT_NONE : PLAN_OUT_REROUTE;
	a->has_inv = 1;
	buf_printf(&a->ititle, "Recreate connection %s", v->connection);
	buf_puts(&a->itext, "The shared key is read from Key Vault into a "
	    "shell variable and never written down.");
	conn_create(&a->icmds, &a->ips, dsn, v);

	a = act_new(pl, PH_REMOVE, object);
	buf_printf(&a->title, "Delete local network gateway %s",
	    v->local_network_gateway);
	lng_delete(&a->cmds, &a->ps, dsn, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Recreate local network gateway %s",
	    v->local_network_gateway);
	lng_create(&a->icmds, &a->ips, dsn, s, v);

	a = act_new(pl, PH_REMOVE, object);
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
	device_config(&a->itext, dsn, v);
}

static const char *
circuit_connection(const struct design *dsn, const struct circuit *c)
{
	size_t	 i, j;

	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ner; j++)
			if (dsn->sites[i].er[j].circuit == c &&
			    dsn->sites[i].er[j].connection)
				return dsn->sites[i].er[j].connection;
	return NULL;
}


static void
er_config(struct buf *b, const struct design *dsn, const struct site *s,
    const struct site_er *er)
{
	const struct circuit *c = er->circuit;
	const struct value *pn = c->peering.node;
	static const char *const keys[] = { "primary_subnet",
	    "secondary_subnet" };
	const struct prefix *link;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];
	struct prefix	 p;
	int		 l;

	buf_printf(b, "On %s's routers: private peering of %s on VLAN %s; ",
	    s->name, c->name, U_NUM(pn, "vlan_id", c->peering.vlan_id, t));
	for (l = 0; l < 2; l++) {
		link = l == 0 ? &c->peering.primary_subnet :
		    &c->peering.secondary_subnet;
		buf_printf(b, "%s link %s", l == 0 ? "primary" : "secondary",
		    U_PFX(pn, keys[l], link, t));
		/* The router and Microsoft addresses need the subnet. */
		if (design_unknown(dsn, pn, keys[l]) == NULL) {
			p = prefix_nth(link, 1);
			buf_printf(b, " (router %s, ", ADDR(&p, u));
			p = prefix_nth(link, 2);
			buf_printf(b, "Microsoft %s)", ADDR(&p, u));
		}
		buf_puts(b, l == 0 ? ", " : "; ");
	}
	buf_printf(b, "BGP from AS %s to AS 12076%s; advertise ",
	    U_NUM(pn, "peer_asn", c->peering.peer_asn, t),
	    c->peering.bfd ? " with BFD" : "");
	words_prefixes(b, er->advertise, er->nadvertise, ", ");
	if (er->as_path_prepend)
		buf_printf(b, ", prepending %ld time%s", er->as_path_prepend,
		    er->as_path_prepend == 1 ? "" : "s");
	if (er->has_local_preference)
		buf_printf(b, "; local preference %ld on routes learned over "
		    "ExpressRoute", er->local_preference);
	buf_putc(b, '.');
}

static void
er_verify(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci)
{
	char	*rg = ckt_rg(ci);
	int	 k;

	for (k = 0; k < 2; k++) {
		azc(c, "network express-route list-route-tables", dsn, ci);
		arg(c, "--peering-name AzurePrivatePeering");
		arg(c, "--path %s", k ? "secondary" : "primary");
		arg(c, "-o table");
		endl(c);
		shell_ps_context(p, ckt_sub(dsn, ci));
		buf_puts(p, "Get-AzExpressRouteCircuitRouteTable");
		pso(p, "-ResourceGroupName", rg);
		pso(p, "-ExpressRouteCircuitName", ci->name);
		buf_printf(p, " -PeeringType AzurePrivatePeering -DevicePath "
		    "%s\n", k ? "Secondary" : "Primary");
	}
	free(rg);
}

static void
plan_er_add(struct plan *pl, const struct design *dsn, const struct site *s,
    const struct site_er *er, const char *object)
{
	struct act	*a = act_new(pl, PH_SITE, object);

	buf_printf(&a->title, "Attach %s to circuit %s", s->name,
	    er->circuit_name);
	er_config(&a->text, dsn, s, er);
	buf_puts(&a->text, " Then check the circuit's route tables for the "
	    "advertised prefixes.");
	er_verify(&a->cmds, &a->ps, dsn, er->circuit);
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
	struct act	*a = act_new(pl, PH_REMOVE, object);

	buf_printf(&a->title, "Withdraw %s's prefixes from circuit %s",
	    s->name, er->circuit_name);
	buf_printf(&a->text, "On %s's routers, stop advertising ", s->name);
	words_prefixes(&a->text, er->advertise, er->nadvertise, ", ");
	buf_printf(&a->text, " over %s and remove its BGP sessions; the "
	    "circuit's route tables no longer list them.", er->circuit_name);
	er_verify(&a->cmds, &a->ps, dsn, er->circuit);
	buf_printf(&a->down, "%s's traffic over %s moves to its other paths "
	    "(routing impact)", s->name, er->circuit_name);
	a->outage = PLAN_OUT_REROUTE;
	a->has_inv = 1;
	buf_printf(&a->ititle, "Re-attach %s to circuit %s", s->name,
	    er->circuit_name);
	er_config(&a->itext, dsn, s, er);
}

static void
circuit_create(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci)
{
	char	*rg = ckt_rg(ci);

	azc(c, "network express-route create", dsn, ci);
	opt(c, "-l", dsn->region);
	{
		char	 t[PREFIX_STRLEN];

		arg(c, "--bandwidth %s", U_NUM(ci->node, "bandwidth_mbps",
		    ci->bandwidth_mbps, t));
	}
	opt(c, "--provider", ci->provider);
	opt(c, "--peering-location", ci->peering_location);
	arg(c, "--sku-tier %s", circuit_sku_name(ci->sku));
	arg(c, "--sku-family MeteredData");
	endl(c);
	azc(c, "network express-route show", dsn, ci);
	arg(c, "--query \"{key: serviceKey, provider: "
	    "serviceProviderProvisioningState}\" -o table");
	endl(c);
	shell_ps_context(p, ckt_sub(dsn, ci));
	buf_puts(p, "New-AzExpressRouteCircuit");
	pso(p, "-Name", ci->name);
	pso(p, "-ResourceGroupName", rg);
	pso(p, "-Location", dsn->region);
	buf_printf(p, " -SkuTier %s -SkuFamily MeteredData",
	    circuit_sku_name(ci->sku));
	pso(p, "-ServiceProviderName", ci->provider);
	pso(p, "-PeeringLocation", ci->peering_location);
	buf_printf(p, " -BandwidthInMbps %ld\n", ci->bandwidth_mbps);
	shell_ps_context(p, ckt_sub(dsn, ci));
	buf_puts(p, "Get-AzExpressRouteCircuit");
	pso(p, "-ResourceGroupName", rg);
	pso(p, "-Name", ci->name);
	buf_puts(p, " | Select-Object ServiceKey, "
	    "ServiceProviderProvisioningState\n");
	free(rg);
}

static void
circuit_delete(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci)
{
	char	*rg = ckt_rg(ci);

	azc(c, "network express-route delete", dsn, ci);
	endl(c);
	shell_ps_context(p, ckt_sub(dsn, ci));
	buf_puts(p, "Remove-AzExpressRouteCircuit");
	pso(p, "-ResourceGroupName", rg);
	pso(p, "-Name", ci->name);
	buf_puts(p, " -Force\n");
	free(rg);
}

/* The whole private peering configuration as PowerShell parameters. */
static void
ps_peering_args(struct buf *p, const struct circuit *ci)
{
	char	 t[PREFIX_STRLEN], u[PREFIX_STRLEN];

	buf_printf(p, " -Name AzurePrivatePeering -ExpressRouteCircuit $ckt "
	    "-PeeringType AzurePrivatePeering -PeerASN %ld "
	    "-PrimaryPeerAddressPrefix %s -SecondaryPeerAddressPrefix %s "
	    "-VlanId %ld", ci->peering.peer_asn,
	    PFX(&ci->peering.primary_subnet, t),
	    PFX(&ci->peering.secondary_subnet, u), ci->peering.vlan_id);
}

static void
peering_create(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci)
{
	char	 t[PREFIX_STRLEN];

	azc0(c, "network express-route peering create", dsn, ci);
	opt(c, "--circuit-name", ci->name);
	arg(c, "--peering-type AzurePrivatePeering");
	arg(c, "--peer-asn %s", U_NUM(ci->peering.node, "peer_asn",
	    ci->peering.peer_asn, t));
	arg(c, "--primary-peer-subnet %s", U_PFX(ci->peering.node,
	    "primary_subnet", &ci->peering.primary_subnet, t));
	arg(c, "--secondary-peer-subnet %s", U_PFX(ci->peering.node,
	    "secondary_subnet", &ci->peering.secondary_subnet, t));
	arg(c, "--vlan-id %s", U_NUM(ci->peering.node, "vlan_id",
	    ci->peering.vlan_id, t));
	endl(c);
	ps_ckt(p, dsn, ci);
	buf_puts(p, "Add-AzExpressRouteCircuitPeeringConfig");
	ps_peering_args(p, ci);
	buf_puts(p, "; Set-AzExpressRouteCircuit -ExpressRouteCircuit $ckt\n");
}

static void
peering_delete(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci)
{
	azc0(c, "network express-route peering delete", dsn, ci);
	opt(c, "--circuit-name", ci->name);
	arg(c, "-n AzurePrivatePeering");
	endl(c);
	ps_ckt(p, dsn, ci);
	buf_puts(p, "Remove-AzExpressRouteCircuitPeeringConfig -Name "
	    "AzurePrivatePeering -ExpressRouteCircuit $ckt; "
	    "Set-AzExpressRouteCircuit -ExpressRouteCircuit $ckt\n");
}

/*
 * The gateway connection to a circuit.  The circuit is named by its
 * resource id, read first where it lives: it need not be in the hub's
 * resource group or subscription.
 */
static void
er_conn_create(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci, const char *conn)
{
	buf_puts(c, "ckt=$(");
	azc(c, "network express-route show", dsn, ci);
	arg(c, "--query id -o tsv)");
	endl(c);
	az(c, "network vpn-connection create", dsn, conn);
	opt(c, "-l", dsn->region);
	opt(c, "--vnet-gateway1", dsn->er_gateway.name);
	arg(c, "--express-route-circuit2 \"$ckt\"");
	arg(c, "--routing-weight %ld", ci->routing_weight);
	endl(c);
	ps_ckt(p, dsn, ci);
	ps_gw(p, dsn, dsn->er_gateway.name);
	buf_puts(p, "New-AzVirtualNetworkGatewayConnection");
	pso(p, "-Name", conn);
	pso(p, "-ResourceGroupName", dsn->resource_group);
	pso(p, "-Location", dsn->region);
	buf_printf(p, " -VirtualNetworkGateway1 $gw -PeerId $ckt.Id "
	    "-ConnectionType ExpressRoute -RoutingWeight %ld\n",
	    ci->routing_weight);
	if (ci->fastpath) {
		az(c, "network vpn-connection update", dsn, conn);
		arg(c, "--set expressRouteGatewayBypass=true");
		endl(c);
		ps_conn(p, dsn, conn);
		buf_puts(p, "$c.ExpressRouteGatewayBypass = $true; "
		    "Set-AzVirtualNetworkGatewayConnection "
		    "-VirtualNetworkGatewayConnection $c -Force\n");
	}
}

/* A subnet of the hub VNet created, updated (prefix) or deleted. */
static void
subnet_cmd(struct buf *c, struct buf *p, const struct design *dsn,
    const char *name, const struct prefix *px, const char *verb)
{
	char	 t[PREFIX_STRLEN];

	if (strcmp(verb, "create") == 0) {
		az(c, "network vnet subnet create", dsn, name);
		ps0(p, "$vnet = Get-AzVirtualNetwork", dsn);
		pso(p, "-Name", dsn->vnet.name);
		buf_puts(p, "; Add-AzVirtualNetworkSubnetConfig");
	} else if (strcmp(verb, "update") == 0) {
		az(c, "network vnet subnet update", dsn, name);
		ps0(p, "$vnet = Get-AzVirtualNetwork", dsn);
		pso(p, "-Name", dsn->vnet.name);
		buf_puts(p, "; Set-AzVirtualNetworkSubnetConfig");
	} else {
		az(c, "network vnet subnet delete", dsn, name);
		ps0(p, "$vnet = Get-AzVirtualNetwork", dsn);
		pso(p, "-Name", dsn->vnet.name);
		buf_puts(p, "; Remove-AzVirtualNetworkSubnetConfig");
	}
	opt(c, "--vnet-name", dsn->vnet.name);
	pso(p, "-Name", name);
	buf_puts(p, " -VirtualNetwork $vnet");
	if (px != NULL) {
		arg(c, "--address-prefixes %s", PFX(px, t));
		buf_printf(p, " -AddressPrefix %s", PFX(px, t));
	}
	endl(c);
	buf_puts(p, " | Set-AzVirtualNetwork\n");
}

static void
plan_circuit_add(struct plan *pl, const struct design *dsn,
    const struct circuit *ci, const char *object, int remove)
{
	struct act	*a;
	const char	*cn = circuit_connection(dsn, ci);
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
		steps[k] = act_new(pl, ph, object);
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
	    "lead time applies.", ci->provider);
	circuit_create(fc, fp, dsn, ci);
	buf_printf(it, "Delete circuit %s", ci->name);
	buf_printf(ix, "Ask %s to deprovision the circuit first; billing "
	    "stops once it is deleted.", ci->provider);
	circuit_delete(ic, ip, dsn, ci);

	a = steps[1];
	SIDES(a);
	buf_printf(ft, "Configure the private peering of %s", ci->name);
	peering_create(fc, fp, dsn, ci);
	buf_printf(it, "Delete the private peering of %s", ci->name);
	peering_delete(ic, ip, dsn, ci);

	a = steps[2];
	SIDES(a);
	buf_printf(ft, "Connect %s to %s (connection %s, routing weight %ld)",
	    ci->name, dsn->er_gateway.name, conn, ci->routing_weight);
	if (ci->subscription != NULL)
		buf_printf(fx, "%s lives in subscription %s: a connection "
		    "from another subscription needs an authorization of the "
		    "circuit (its owner creates one; pass its key with "
		    "--authorization-key / -AuthorizationKey).", ci->name,
		    ci->subscription);
	er_conn_create(fc, fp, dsn, ci, conn);
	buf_printf(it, "Delete connection %s", conn);
	conn_delete(ic, ip, dsn, conn);
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
static void
vpn_gateway_create(struct buf *c, struct buf *p, const struct design *dsn)
{
	const struct vpn_gateway *g = &dsn->vpn_gateway;
	size_t	 i;

	az(c, "network vnet-gateway create", dsn, g->name);
	opt(c, "-l", dsn->region);
	opt(c, "--vnet", dsn->vnet.name);
	arg(c, "--gateway-type Vpn");
	arg(c, "--vpn-type %s", g->vpn_type == VPN_ROUTE_BASED ? "RouteBased" :
	    "PolicyBased");
	arg(c, "--sku %s", vpn_sku_name(g->sku));
	arg(c, "--vpn-gateway-generation Generation%ld", g->generation);
	arg(c, "--asn %ld", g->asn);
	arg(c, "--public-ip-addresses");
	for (i = 0; i < g->ninstances; i++)
		arg(c, "<public-ip-resource-%zu>", i + 1);
	endl(c);
	ps_none(p, "creating a gateway needs an IP configuration object per "
	    "public IP resource, which the design does not name");
}

static void
er_gateway_create(struct buf *c, struct buf *p, const struct design *dsn)
{
	const struct er_gateway *g = &dsn->er_gateway;

	az(c, "network vnet-gateway create", dsn, g->name);
	opt(c, "-l", dsn->region);
	opt(c, "--vnet", dsn->vnet.name);
	arg(c, "--gateway-type ExpressRoute");
	arg(c, "--sku %s", er_sku_name(g->sku));
	arg(c, "--public-ip-addresses <public-ip-resource>");
	endl(c);
	ps_none(p, "creating a gateway needs an IP configuration object for "
	    "its public IP resource, which the design does not name");
}

static void
gateway_delete(struct buf *c, struct buf *p, const struct design *dsn,
    const char *gw)
{
	az(c, "network vnet-gateway delete", dsn, gw);
	endl(c);
	ps0(p, "Remove-AzVirtualNetworkGateway", dsn);
	pso(p, "-Name", gw);
	buf_puts(p, " -Force\n");
}

static void
gateway_resize(struct buf *c, struct buf *p, const struct design *dsn,
    const char *gw, const char *sku)
{
	az(c, "network vnet-gateway update", dsn, gw);
	arg(c, "--sku %s", sku);
	endl(c);
	ps_gw(p, dsn, gw);
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
				conn_create(c, p, dsn,
				    &dsn->sites[i].devices[j]);
			else
				conn_delete(c, p, dsn,
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
		cn = circuit_connection(dsn, &dsn->circuits[i]);
		conn = cn ? xstrdup(cn) : xasprintf("cn-%s",
		    dsn->circuits[i].name);
		if (create)
			er_conn_create(c, p, dsn, &dsn->circuits[i], conn);
		else
			conn_delete(c, p, dsn, conn);
		free(conn);
	}
}

/* A VPN gateway SKU or generation change, from -> to. */
static enum plan_outage
vpn_sku_step(struct buf *title, struct buf *text, struct buf *cmds,
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
		    "itself. During that interruption VPN-only sites have no "
		    "path, and sites with ExpressRoute have no VPN backup: "
		    "schedule no circuit work in the same window (ExpressRoute "
		    "carries only the sites attached to a circuit)");
		return PLAN_OUT_RESET;
	}
	buf_printf(text, "%s cannot be reached from %s by a resize (a "
	    "downgrade, a different generation, AZ and non-AZ, Basic or a "
	    "retired SKU; VPNUPG): use the gateway migration experience in "
	    "the Azure portal where it applies, or delete the gateway and its "
	    "connections and create them again as below.",
	    vpn_sku_name(b->sku), vpn_sku_name(a->sku));
	all_vpn_connections(cmds, ps, from, 0);
	gateway_delete(cmds, ps, to, a->name);
	vpn_gateway_create(cmds, ps, to);
	all_vpn_connections(cmds, ps, to, 1);
	buf_puts(down, "No VPN from the gateway's deletion until it is "
	    "recreated and every tunnel is up again: ");
	gate_outage_words(down, fsim, from, SIM_VPN);
	buf_puts(down, "; creating a VPN gateway takes 45 minutes or more "
	    "(VPNGWCREATE)");
	return PLAN_OUT_FULL;
}

static enum plan_outage
er_sku_step(struct buf *title, struct buf *text, struct buf *cmds,
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
	gateway_delete(cmds, ps, to, a->name);
	er_gateway_create(cmds, ps, to);
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
static enum plan_outage
gwsubnet_step(struct buf *title, struct buf *text, struct buf *cmds,
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
		subnet_cmd(cmds, ps, to, "GatewaySubnet", NULL, "delete");
		return PLAN_OUT_NONE;
	}
	if (a == NULL) {
		buf_printf(title, "Create GatewaySubnet %s", PFX(&b->prefix, t));
		subnet_cmd(cmds, ps, to, "GatewaySubnet", &b->prefix, "create");
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
		gateway_delete(cmds, ps, from, from->vpn_gateway.name);
	if (from->er_gateway.node)
		gateway_delete(cmds, ps, from, from->er_gateway.name);
	subnet_cmd(cmds, ps, to, "GatewaySubnet", &b->prefix, "update");
	if (to->er_gateway.node)
		er_gateway_create(cmds, ps, to);
	if (to->vpn_gateway.node)
		vpn_gateway_create(cmds, ps, to);
	all_er_connections(cmds, ps, to, 1);
	all_vpn_connections(cmds, ps, to, 1);
	buf_puts(down, "Full outage of hybrid connectivity: neither "
	    "ExpressRoute nor the VPN works from the deletion of the "
	    "gateways until both are recreated and every connection is up "
	    "again; each gateway takes 45 minutes or more to create "
	    "(VPNGWCREATE, ERGWCREATE)");
	return PLAN_OUT_FULL;
}

static void
plan_gwsubnet(struct plan *pl, const char *object)
{
	struct act	*a = act_new(pl, PH_GWSUBNET, object);

	a->outage = gwsubnet_step(&a->title, &a->text, &a->cmds, &a->ps,
	    &a->down, pl->base, pl->head);
	a->has_inv = 1;
	a->ioutage = gwsubnet_step(&a->ititle, &a->itext, &a->icmds, &a->ips,
	    &a->idown, pl->head, pl->base);
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

/* The changes of one object: v[0..n) share object and kind. */
struct group {
	const struct diff_change *v;
	size_t		 n;
	unsigned char	*used;		/* parallel to v */
};

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
	const char	*cn = circuit_connection(h, b);
	char		*conn = cn ? xstrdup(cn) : xasprintf("cn-%s", b->name);
	char		 t[PREFIX_STRLEN];
	int		 k;

	if ((c = group_take(g, "bandwidth_mbps")) != NULL) {
		x = act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "Change the bandwidth of %s from ",
		    b->name);
		words_mbps(&x->title, a->bandwidth_mbps);
		buf_puts(&x->title, " to ");
		words_mbps(&x->title, b->bandwidth_mbps);
		x->has_inv = 1;
		if (b->bandwidth_mbps > a->bandwidth_mbps) {
			buf_printf(&x->text, "Confirm with %s that the port "
			    "has room for the new bandwidth first, and ask "
			    "them to match it on their side afterwards.",
			    b->provider);
			azc(&x->cmds, "network express-route update", h, b);
			arg(&x->cmds, "--bandwidth %ld", b->bandwidth_mbps);
			endl(&x->cmds);
			ps_ckt(&x->ps, h, b);
			buf_printf(&x->ps, "$ckt.ServiceProviderProperties."
			    "BandwidthInMbps = %ld; Set-AzExpressRouteCircuit "
			    "-ExpressRouteCircuit $ckt\n", b->bandwidth_mbps);
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
			buf_printf(&x->text, "ExpressRoute cannot lower a "
			    "circuit's bandwidth without disruption (ERCKT): "
			    "create a new circuit at the lower bandwidth, "
			    "connect it, move the sites' BGP sessions to it, "
			    "then delete %s.", b->name);
			buf_puts(&x->down, "Each site's ExpressRoute path "
			    "moves once, while its BGP sessions move; no "
			    "documented figure (estimate: as long as the BGP "
			    "sessions take to come up on the new circuit)");
			x->outage = PLAN_OUT_REROUTE;
			buf_printf(&x->ititle, "Move back to a circuit at the "
			    "old bandwidth");
			buf_puts(&x->itext, "Keep the old circuit until the new "
			    "one is verified, then rolling back is moving the "
			    "BGP sessions back.");
		}
	}
	if ((c = group_take(g, "sku")) != NULL) {
		int	 premium = (a->sku == CIRCUIT_PREMIUM) !=
		    (b->sku == CIRCUIT_PREMIUM) &&
		    a->sku != CIRCUIT_LOCAL && b->sku != CIRCUIT_LOCAL;

		x = act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "Change the SKU of %s from %s to %s",
		    b->name, circuit_sku_name(a->sku),
		    circuit_sku_name(b->sku));
		for (k = 0; k < 2; k++) {
			const struct circuit *to = k ? a : b;
			struct buf *cm = k ? &x->icmds : &x->cmds;
			struct buf *pm = k ? &x->ips : &x->ps;

			azc(cm, "network express-route update", h, b);
			arg(cm, "--sku-tier %s", circuit_sku_name(to->sku));
			endl(cm);
			ps_ckt(pm, h, b);
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
		x = act_new(pl, PH_CIRCUIT, c->object);
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

			az(cm, "network vpn-connection update", h, conn);
			arg(cm, "--routing-weight %ld", w);
			endl(cm);
			ps_conn(pm, h, conn);
			buf_printf(pm, "$c.RoutingWeight = %ld; "
			    "Set-AzVirtualNetworkGatewayConnection "
			    "-VirtualNetworkGatewayConnection $c -Force\n", w);
		}
	}
	if ((c = group_take(g, "fastpath")) != NULL) {
		x = act_new(pl, PH_CIRCUIT, c->object);
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

			az(cm, "network vpn-connection update", h, conn);
			arg(cm, "--set expressRouteGatewayBypass=%s",
			    on ? "true" : "false");
			endl(cm);
			ps_conn(pm, h, conn);
			buf_printf(pm, "$c.ExpressRouteGatewayBypass = $%s; "
			    "Set-AzVirtualNetworkGatewayConnection "
			    "-VirtualNetworkGatewayConnection $c -Force\n",
			    on ? "true" : "false");
		}
	}
	if ((c = group_take(g, "private_peering.bfd")) != NULL) {
		x = act_new(pl, PH_CIRCUIT, c->object);
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
		x = act_new(pl, PH_CIRCUIT, g->v[0].object);
		buf_printf(&x->title, "Update the private peering of %s",
		    b->name);
		buf_puts(&x->text, "Change the routers' side in the same "
		    "window.");
		for (k = 0; k < 2; k++) {
			const struct circuit *to = k ? a : b;
			const struct circuit *fr = k ? b : a;
			struct buf	*cm = k ? &x->icmds : &x->cmds;
			struct buf	*pm = k ? &x->ips : &x->ps;

			azc0(cm, "network express-route peering update", h, b);
			opt(cm, "--circuit-name", b->name);
			arg(cm, "-n AzurePrivatePeering");
			/* Unknown on either side: left as deployed. */
#define KNOWN(key) (design_unknown(pl->base, a->peering.node, key) == NULL && \
	design_unknown(h, b->peering.node, key) == NULL)
			if (KNOWN("peer_asn") &&
			    to->peering.peer_asn != fr->peering.peer_asn)
				arg(cm, "--peer-asn %ld", to->peering.peer_asn);
			if (KNOWN("primary_subnet") &&
			    prefix_cmp(&to->peering.primary_subnet,
			    &fr->peering.primary_subnet) != 0)
				arg(cm, "--primary-peer-subnet %s",
				    PFX(&to->peering.primary_subnet, t));
			if (KNOWN("secondary_subnet") &&
			    prefix_cmp(&to->peering.secondary_subnet,
			    &fr->peering.secondary_subnet) != 0)
				arg(cm, "--secondary-peer-subnet %s",
				    PFX(&to->peering.secondary_subnet, t));
			if (KNOWN("vlan_id") &&
			    to->peering.vlan_id != fr->peering.vlan_id)
				arg(cm, "--vlan-id %ld", to->peering.vlan_id);
#undef KNOWN
			endl(cm);
			/* Set-...PeeringConfig takes the whole peering. */
			ps_ckt(pm, h, b);
			buf_puts(pm, "Set-AzExpressRouteCircuitPeeringConfig");
			ps_peering_args(pm, to);
			buf_puts(pm, "; Set-AzExpressRouteCircuit "
			    "-ExpressRouteCircuit $ckt\n");
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

/* The local network gateway of device `to` updated from `from`. */
/* Non-zero when key (public_ip, or bgp's asn or peer_ip) is unknown in a
 * or b. */
static int
dev_unknown(const struct vpn_device *a, const struct vpn_device *b,
    const char *key)
{
	int	 top = strcmp(key, "public_ip") == 0;

	return value_is_unknown(value_map_get(top ? a->node : BGPN(a), key)) ||
	    value_is_unknown(value_map_get(top ? b->node : BGPN(b), key));
}

static void
lng_update(struct buf *c, struct buf *p, const struct design *dsn,
    const struct site *s, const struct vpn_device *from,
    const struct vpn_device *to)
{
	char	 t[PREFIX_STRLEN];
	int	 ip = prefix_cmp(&from->public_ip, &to->public_ip) != 0;

	az(c, "network local-network-gateway update", dsn,
	    to->local_network_gateway);
	ps0(p, "$lng = Get-AzLocalNetworkGateway", dsn);
	pso(p, "-Name", to->local_network_gateway);
	buf_puts(p, "; ");
	/* Unknown on either side: left as deployed (unknown_take). */
	if (ip && !dev_unknown(from, to, "public_ip")) {
		arg(c, "--gateway-ip-address %s", ADDR(&to->public_ip, t));
		buf_printf(p, "$lng.GatewayIpAddress = '%s'; ",
		    ADDR(&to->public_ip, t));
	}
	buf_puts(p, "Set-AzLocalNetworkGateway -LocalNetworkGateway $lng");
	if (to->has_bgp) {
		if (!from->has_bgp)
			lng_peer_prefix(c, p, dsn, to);
		if (!from->has_bgp || (!dev_unknown(from, to, "asn") &&
		    !dev_unknown(from, to, "peer_ip") &&
		    (from->bgp_asn != to->bgp_asn ||
		    prefix_cmp(&from->bgp_peer_ip, &to->bgp_peer_ip) != 0)))
			lng_bgp_settings(c, p, dsn, to);
	} else if (from->has_bgp) {
		az_prefixes(c, "--local-address-prefixes", s->address_prefixes,
		    s->naddress_prefixes);
		arg(c, "--remove bgpSettings");
		ps_prefixes(p, "-AddressPrefix", s->address_prefixes,
		    s->naddress_prefixes);
	}
	endl(c);
	endl(p);
	if (!to->has_bgp && from->has_bgp)
		ps_none(p, "no reference confirms how Set-AzLocalNetworkGateway "
		    "removes BGP settings");
	if (from->has_bgp != to->has_bgp) {
		az(c, "network vpn-connection update", dsn, to->connection);
		arg(c, "--enable-bgp %s", to->has_bgp ? "true" : "false");
		endl(c);
		ps_conn(p, dsn, to->connection);
		buf_printf(p, "Set-AzVirtualNetworkGatewayConnection "
		    "-VirtualNetworkGatewayConnection $c -EnableBgp $%s -Force\n",
		    to->has_bgp ? "true" : "false");
	}
}

static void
ike_update(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *from, const struct vpn_device *to)
{
	if (from->ike.version != to->ike.version) {
		az(c, "network vpn-connection update", dsn, to->connection);
		arg(c, "--set connectionProtocol=IKEv%ld", to->ike.version);
		endl(c);
		ps_none(p, "Set-AzVirtualNetworkGatewayConnection has no "
		    "documented parameter for the IKE version");
	}
	if (from->ike.dpd_timeout_s != to->ike.dpd_timeout_s) {
		az(c, "network vpn-connection update", dsn, to->connection);
		arg(c, "--set dpdTimeoutSeconds=%ld", to->ike.dpd_timeout_s);
		endl(c);
		ps_conn(p, dsn, to->connection);
		buf_printf(p, "Set-AzVirtualNetworkGatewayConnection "
		    "-VirtualNetworkGatewayConnection $c -DpdTimeoutInSeconds "
		    "%ld -Force\n", to->ike.dpd_timeout_s);
	}
}

static void
key_update(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *v)
{
	psk_read(c, p, v);
	az0(c, "network vpn-connection shared-key update", dsn);
	opt(c, "--connection-name", v->connection);
	arg(c, "--value \"$psk\"");
	endl(c);
	buf_puts(c, "unset psk\n");
	ps0(p, "Set-AzVirtualNetworkGatewayConnectionSharedKey", dsn);
	pso(p, "-Name", v->connection);
	buf_puts(p, " -Value $psk -Force\nRemove-Variable psk\n");
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
		x = act_new(pl, PH_SITE, object);
		buf_printf(&x->title, "Update local network gateway %s (%s)",
		    b->local_network_gateway, buf_cstr(&who));
		buf_puts(&x->text, "Change the device in the same window. ");
		device_config(&x->text, h, b);
		lng_update(&x->cmds, &x->ps, h, sb, a, b);
		device_verify(&x->cmds, &x->ps, &x->text, h, sb, b);
		buf_printf(&x->down, "%s's tunnels re-establish and its BGP "
		    "session restarts (estimate: Learn changes the gateway IP "
		    "\"without removing an existing VPN gateway connection\" "
		    "(LNGMOD) but gives no figure for the reconnection)",
		    buf_cstr(&who));
		x->outage = x->ioutage = PLAN_OUT_RESET;
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore local network gateway %s",
		    b->local_network_gateway);
		device_config(&x->itext, pl->base, a);
		lng_update(&x->icmds, &x->ips, h, sa, b, a);
		buf_printf(&x->idown, "%s", buf_cstr(&x->down));
	}
	if (group_take_all(g, "ike.")) {
		x = act_new(pl, PH_SITE, object);
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
		ike_update(&x->cmds, &x->ps, h, a, b);
		buf_printf(&x->down, "%s's tunnels re-establish with the new "
		    "settings (estimate: down until both sides match; no "
		    "documented figure)", buf_cstr(&who));
		x->outage = x->ioutage = PLAN_OUT_RESET;
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the IKE settings of "
		    "connection %s", b->connection);
		buf_printf(&x->itext, "IKEv%ld, DPD %ld s.", a->ike.version,
		    a->ike.dpd_timeout_s);
		ike_update(&x->icmds, &x->ips, h, b, a);
	}
	if (group_take(g, "shared_key_ref")) {
		x = act_new(pl, PH_SITE, object);
		buf_printf(&x->title, "Rotate the shared key of connection %s",
		    b->connection);
		buf_printf(&x->text, "Set the same key on %s at the same "
		    "time; the key never leaves Key Vault and the shell "
		    "variable.", buf_cstr(&who));
		key_update(&x->cmds, &x->ps, h, b);
		buf_printf(&x->down, "%s's tunnels drop until both sides use "
		    "the new key (estimate: as long as the two sides differ)",
		    buf_cstr(&who));
		x->outage = x->ioutage = PLAN_OUT_RESET;
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the previous shared key of "
		    "connection %s", b->connection);
		key_update(&x->icmds, &x->ips, h, a);
	}
	n = group_take_all(g, "advertise") + group_take_all(g,
	    "as_path_prepend") + group_take_all(g, "local_preference");
	if (n && b->has_bgp) {
		x = act_new(pl, PH_SITE, object);
		buf_printf(&x->title, "Change the BGP policy of %s",
		    buf_cstr(&who));
		bgp_policy_text(&x->text, g, buf_cstr(&who), 0);
		buf_puts(&x->text, " Check what the VPN gateway learns.");
		obs_learned(&x->cmds, &x->ps, h, h->vpn_gateway.name);
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the BGP policy of %s",
		    buf_cstr(&who));
		bgp_policy_text(&x->itext, g, buf_cstr(&who), 1);
		obs_learned(&x->icmds, &x->ips, h, h->vpn_gateway.name);
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
	x = act_new(pl, PH_SITE, g->v[0].object);
	buf_printf(&x->title, "Change %s's BGP policy on circuit %s",
	    sb->name, b->circuit_name);
	bgp_policy_text(&x->text, g, buf_cstr(&who), 0);
	er_verify(&x->cmds, &x->ps, h, b->circuit);
	x->has_inv = 1;
	buf_printf(&x->ititle, "Restore %s's BGP policy on circuit %s",
	    sb->name, b->circuit_name);
	bgp_policy_text(&x->itext, g, buf_cstr(&who), 1);
	er_verify(&x->icmds, &x->ips, h, b->circuit);
	buf_release(&who);
}

/* A static device's local network gateway set to site s's prefixes. */
static void
lng_prefixes(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *v, const struct site *s)
{
	az(c, "network local-network-gateway update", dsn,
	    v->local_network_gateway);
	az_prefixes(c, "--local-address-prefixes", s->address_prefixes,
	    s->naddress_prefixes);
	endl(c);
	ps0(p, "$lng = Get-AzLocalNetworkGateway", dsn);
	pso(p, "-Name", v->local_network_gateway);
	buf_puts(p, "; Set-AzLocalNetworkGateway -LocalNetworkGateway $lng");
	ps_prefixes(p, "-AddressPrefix", s->address_prefixes,
	    s->naddress_prefixes);
	endl(p);
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
		x = act_new(pl, PH_SITE, g->v[0].object);
		buf_printf(&x->title, "Update the prefixes of local network "
		    "gateway %s (%s/%s, static)", v->local_network_gateway,
		    sb->name, v->name);
		buf_puts(&x->text, "Azure routes to a static site's prefixes: ");
		list_delta(&x->text, g, "address_prefixes");
		buf_puts(&x->text, ".");
		lng_prefixes(&x->cmds, &x->ps, h, v, sb);
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the prefixes of local network "
		    "gateway %s", v->local_network_gateway);
		lng_prefixes(&x->icmds, &x->ips, h, v, sa);
	}
}

/*
 * The VNet's address space from `from` to `to`: az sets the whole list,
 * PowerShell adds and removes the prefixes that differ.
 */
static void
vnet_space(struct buf *c, struct buf *p, const struct design *from,
    const struct design *to)
{
	char	 t[PREFIX_STRLEN];
	size_t	 i, j;

	az(c, "network vnet update", to, to->vnet.name);
	az_prefixes(c, "--address-prefixes", to->vnet.address_space,
	    to->vnet.naddress_space);
	endl(c);
	ps0(p, "$vnet = Get-AzVirtualNetwork", to);
	pso(p, "-Name", to->vnet.name);
	buf_puts(p, "; ");
	for (i = 0; i < to->vnet.naddress_space; i++) {
		for (j = 0; j < from->vnet.naddress_space; j++)
			if (prefix_cmp(&to->vnet.address_space[i],
			    &from->vnet.address_space[j]) == 0)
				break;
		if (j == from->vnet.naddress_space)
			buf_printf(p, "$vnet.AddressSpace.AddressPrefixes."
			    "Add('%s'); ", PFX(&to->vnet.address_space[i], t));
	}
	for (j = 0; j < from->vnet.naddress_space; j++) {
		for (i = 0; i < to->vnet.naddress_space; i++)
			if (prefix_cmp(&to->vnet.address_space[i],
			    &from->vnet.address_space[j]) == 0)
				break;
		if (i == to->vnet.naddress_space)
			buf_printf(p, "[void]$vnet.AddressSpace.AddressPrefixes."
			    "Remove('%s'); ",
			    PFX(&from->vnet.address_space[j], t));
	}
	buf_puts(p, "Set-AzVirtualNetwork -VirtualNetwork $vnet\n");
}

static void
plan_vnet_changes(struct plan *pl, struct group *g)
{
	struct act	*x;

	if (group_take_all(g, "address_space") == 0)
		return;
	x = act_new(pl, PH_VNET, g->v[0].object);
	buf_printf(&x->title, "Change the address space of %s: ",
	    pl->head->vnet.name);
	list_delta(&x->title, g, "address_space");
	buf_puts(&x->text, "Both gateways advertise the new space to on "
	    "premises; sync every peering afterwards (az network vnet "
	    "peering sync) so the spokes learn it.");
	vnet_space(&x->cmds, &x->ps, pl->base, pl->head);
	x->has_inv = 1;
	buf_printf(&x->ititle, "Restore the address space of %s",
	    pl->base->vnet.name);
	vnet_space(&x->icmds, &x->ips, pl->head, pl->base);
}

static void
plan_subnet(struct plan *pl, struct group *g)
{
	const struct diff_change *c = &g->v[0];
	const struct subnet *a = c->old_obj, *b = c->new_obj;
	struct act	*x;

	if (c->field == NULL && c->op == DIFF_ADDED) {
		x = act_new(pl, PH_VNET, c->object);
		buf_printf(&x->title, "Create subnet %s", b->name);
		subnet_cmd(&x->cmds, &x->ps, pl->head, b->name, &b->prefix,
		    "create");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Delete subnet %s", b->name);
		subnet_cmd(&x->icmds, &x->ips, pl->head, b->name, NULL,
		    "delete");
	} else if (c->field == NULL) {
		x = act_new(pl, PH_REMOVE, c->object);
		buf_printf(&x->title, "Delete subnet %s", a->name);
		buf_puts(&x->text, "The subnet must be empty.");
		subnet_cmd(&x->cmds, &x->ps, pl->base, a->name, NULL, "delete");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Recreate subnet %s", a->name);
		subnet_cmd(&x->icmds, &x->ips, pl->base, a->name, &a->prefix,
		    "create");
	} else if (group_take(g, "prefix")) {
		x = act_new(pl, PH_VNET, c->object);
		buf_printf(&x->title, "Change the prefix of subnet %s",
		    b->name);
		buf_puts(&x->text, "Azure changes a subnet's prefix only "
		    "while the subnet is empty.");
		subnet_cmd(&x->cmds, &x->ps, pl->head, b->name, &b->prefix,
		    "update");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the prefix of subnet %s",
		    a->name);
		subnet_cmd(&x->icmds, &x->ips, pl->base, a->name, &a->prefix,
		    "update");
	}
	g->used[0] = 1;
}

/* The two peerings between the hub and spoke s, "HUB-to-S", "S-to-HUB". */
static void
peering_cmds(struct buf *c, struct buf *p, const struct design *dsn,
    const struct spoke *s, int create)
{
	char	*hs = xasprintf("%s-to-%s", dsn->vnet.name, s->name);
	char	*sh = xasprintf("%s-to-%s", s->name, dsn->vnet.name);

	buf_puts(c, "# peering names: use yours if they differ; a spoke in "
	    "another resource group needs its resource ID\n");
	buf_puts(p, "# peering names: use yours if they differ; a spoke in "
	    "another resource group needs its resource ID\n");
	if (create) {
		az(c, "network vnet peering create", dsn, hs);
		opt(c, "--vnet-name", dsn->vnet.name);
		opt(c, "--remote-vnet", s->name);
		arg(c, "--allow-vnet-access");
		arg(c, "--allow-forwarded-traffic");
		arg(c, "--allow-gateway-transit");
		endl(c);
		az(c, "network vnet peering create", dsn, sh);
		opt(c, "--vnet-name", s->name);
		opt(c, "--remote-vnet", dsn->vnet.name);
		arg(c, "--allow-vnet-access");
		arg(c, "--allow-forwarded-traffic");
		arg(c, "--use-remote-gateways");
		endl(c);
		ps0(p, "$hub = Get-AzVirtualNetwork", dsn);
		pso(p, "-Name", dsn->vnet.name);
		buf_puts(p, "; $spoke = Get-AzVirtualNetwork");
		pso(p, "-ResourceGroupName", dsn->resource_group);
		pso(p, "-Name", s->name);
		buf_puts(p, "\nAdd-AzVirtualNetworkPeering");
		pso(p, "-Name", hs);
		buf_puts(p, " -VirtualNetwork $hub -RemoteVirtualNetworkId "
		    "$spoke.Id -AllowForwardedTraffic -AllowGatewayTransit\n");
		buf_puts(p, "Add-AzVirtualNetworkPeering");
		pso(p, "-Name", sh);
		buf_puts(p, " -VirtualNetwork $spoke -RemoteVirtualNetworkId "
		    "$hub.Id -AllowForwardedTraffic -UseRemoteGateways\n");
	} else {
		az(c, "network vnet peering delete", dsn, hs);
		opt(c, "--vnet-name", dsn->vnet.name);
		endl(c);
		az(c, "network vnet peering delete", dsn, sh);
		opt(c, "--vnet-name", s->name);
		endl(c);
		ps0(p, "Remove-AzVirtualNetworkPeering", dsn);
		pso(p, "-Name", hs);
		pso(p, "-VirtualNetworkName", dsn->vnet.name);
		buf_puts(p, " -Force\n");
		ps0(p, "Remove-AzVirtualNetworkPeering", dsn);
		pso(p, "-Name", sh);
		pso(p, "-VirtualNetworkName", s->name);
		buf_puts(p, " -Force\n");
	}
	free(hs);
	free(sh);
}

static void
peering_sync(struct buf *c, struct buf *p, const struct design *dsn,
    const struct spoke *s)
{
	char	*hs = xasprintf("%s-to-%s", dsn->vnet.name, s->name);

	az(c, "network vnet peering sync", dsn, hs);
	opt(c, "--vnet-name", dsn->vnet.name);
	endl(c);
	ps0(p, "Sync-AzVirtualNetworkPeering", dsn);
	pso(p, "-Name", hs);
	pso(p, "-VirtualNetworkName", dsn->vnet.name);
	endl(p);
	free(hs);
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

		x = act_new(pl, add ? PH_VNET : PH_REMOVE, c->object);
		buf_printf(&x->title, "%s spoke %s %s the hub", add ? "Peer" :
		    "Unpeer", s->name, add ? "with" : "from");
		buf_printf(&x->text, "%s uses the hub's gateways; on-premises "
		    "sites %s ", s->name, add ? "learn" : "stop learning");
		words_prefixes(&x->text, s->address_space,
		    s->naddress_space, ", ");
		buf_puts(&x->text, ".");
		peering_cmds(&x->cmds, &x->ps, dsn, s, add);
		if (!add) {
			buf_printf(&x->down, "%s loses hybrid connectivity",
			    s->name);
			x->outage = PLAN_OUT_REROUTE;
		}
		x->has_inv = 1;
		buf_printf(&x->ititle, "%s spoke %s", add ? "Unpeer" :
		    "Peer again", s->name);
		peering_cmds(&x->icmds, &x->ips, dsn, s, !add);
		g->used[0] = 1;
		return;
	}
	if (group_take_all(g, "address_space") == 0)
		return;
	x = act_new(pl, PH_VNET, c->object);
	buf_printf(&x->title, "Change the address space of spoke %s: ",
	    b->name);
	list_delta(&x->title, g, "address_space");
	buf_puts(&x->text, "Change the spoke's address space, then sync both "
	    "peerings so the hub's gateways advertise it.");
	peering_sync(&x->cmds, &x->ps, pl->head, b);
	x->has_inv = 1;
	buf_printf(&x->ititle, "Restore the address space of spoke %s",
	    a->name);
	peering_sync(&x->icmds, &x->ips, pl->head, b);
}

static void
plan_gateway(struct plan *pl, struct group *g, int vpn)
{
	const struct diff_change *c = &g->v[0];
	struct act	*x;
	size_t		 n;

	if (c->field == NULL) {
		int	 add = c->op == DIFF_ADDED;
		const struct design *dsn = add ? pl->head : pl->base;
		const char *gw = vpn ? dsn->vpn_gateway.name :
		    dsn->er_gateway.name;
		struct buf *fc, *ic, *fp, *ip;

		x = act_new(pl, add ? PH_GATEWAY : PH_REMOVE, c->object);
		x->has_inv = 1;
		fc = add ? &x->cmds : &x->icmds;
		ic = add ? &x->icmds : &x->cmds;
		fp = add ? &x->ps : &x->ips;
		ip = add ? &x->ips : &x->ps;
		buf_printf(&x->title, "%s %s gateway %s", add ? "Create" :
		    "Delete", vpn ? "VPN" : "ExpressRoute", gw);
		buf_printf(&x->ititle, "%s %s gateway %s", add ? "Delete" :
		    "Recreate", vpn ? "VPN" : "ExpressRoute", gw);
		if (vpn)
			vpn_gateway_create(fc, fp, dsn);
		else
			er_gateway_create(fc, fp, dsn);
		gateway_delete(ic, ip, dsn, gw);
		buf_puts(add ? &x->text : &x->itext, vpn ? "Gateway creation "
		    "takes 45 minutes or more (VPNGWCREATE)." : "Gateway "
		    "creation takes 45 minutes or more (ERGWCREATE).");
		if (!add) {
			buf_printf(&x->down, "Every %s connection of the design "
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
	x = act_new(pl, PH_GATEWAY, c->object);
	x->has_inv = 1;
	if (vpn) {
		x->outage = vpn_sku_step(&x->title, &x->text, &x->cmds, &x->ps,
		    &x->down, pl->base, pl->head, pl->bsim);
		x->ioutage = vpn_sku_step(&x->ititle, &x->itext, &x->icmds,
		    &x->ips, &x->idown, pl->head, pl->base, pl->hsim);
	} else {
		x->outage = er_sku_step(&x->title, &x->text, &x->cmds, &x->ps,
		    &x->down, pl->base, pl->head, pl->bsim);
		x->ioutage = er_sku_step(&x->ititle, &x->itext, &x->icmds,
		    &x->ips, &x->idown, pl->head, pl->base, pl->hsim);
	}
}

/* A change hybridoc has no procedure for: named, to be done by hand. */
static void
plan_generic(struct plan *pl, const struct diff_change *c)
{
	struct act	*x = act_new(pl, PH_OTHER, c->object);
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
	x = act_new(pl, PH_GATEWAY, g->v[0].object);
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

static void
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

/* The observation commands run before and after the change. */
/*
 * Values not known yet (design.h).  A field the proposed design gives
 * as unknown is no change to make: Azure keeps what it has.  A field
 * the current design gave as unknown and the proposed one states may
 * already be so in Azure: it is checked, not set.  Both are taken out
 * of the group (listed in to and from) before the steps are planned.
 */
static void
unknown_take(struct group *g, struct buf *to, struct buf *from)
{
	size_t	 i;

	for (i = 0; i < g->n; i++) {
		const struct diff_change *c = &g->v[i];
		struct buf *b;

		if (c->op != DIFF_CHANGED || c->field == NULL)
			continue;
		if (c->after != NULL && strcmp(c->after, "unknown") == 0)
			b = to;
		else if (c->before != NULL && strcmp(c->before, "unknown") == 0)
			b = from;
		else
			continue;
		g->used[i] = 1;
		buf_printf(b, "%s%s.%s", b->len ? ", " : "", c->object,
		    c->field);
		if (b == from)
			buf_printf(b, " = %s", c->after ? c->after : "not set");
	}
}

static void
unknown_acts(struct plan *pl, struct buf *to, struct buf *from)
{
	struct act	*x;

	if (to->len) {
		x = act_new(pl, PH_OTHER, "");
		buf_puts(&x->title, "Leave as deployed what the proposed "
		    "design gives as unknown");
		buf_printf(&x->text, "The proposed design gives %s as unknown "
		    "(finding HD801): nothing changes in Azure for them and "
		    "no command is written. If one is meant to change, give "
		    "its value in the design first.", buf_cstr(to));
	}
	if (from->len) {
		x = act_new(pl, PH_PREPARE, "");
		buf_puts(&x->title, "Check the values the current design "
		    "gave as unknown");
		buf_printf(&x->text, "The current design gave these as "
		    "unknown; the proposed one states %s. They may already be "
		    "so in Azure and at the provider: compare them with what "
		    "is deployed (hybridoc drift on an export lists every "
		    "difference) and stop if one is not what the change "
		    "expects; hybridoc writes no command that sets them.",
		    buf_cstr(from));
	}
	buf_release(to);
	buf_release(from);
}

static void
observe(struct buf *c, struct buf *p, const struct design *dsn)
{
	if (dsn->er_gateway.node)
		obs_learned(c, p, dsn, dsn->er_gateway.name);
	if (dsn->vpn_gateway.node) {
		obs_bgp_peers(c, p, dsn);
		obs_learned(c, p, dsn, dsn->vpn_gateway.name);
	}
	obs_effective(c, p, dsn);
}

/*
 * Placeholders the reader must fill in, said once in the step that
 * carries them.
 */
static void
holes_note(struct buf *text, const struct buf *cmds)
{
	const char	*s = buf_cstr(cmds), *h, *e;
	struct buf	 seen = BUF_INIT;

	for (h = strstr(s, CKT_RG_HOLE); h != NULL;
	    h = strstr(e, CKT_RG_HOLE)) {
		char	*name;

		h += strlen(CKT_RG_HOLE);
		e = strchr(h, '>');
		if (e == NULL)
			break;
		name = xstrndup(h, (size_t)(e - h));
		if (strstr(buf_cstr(&seen), name) == NULL) {
			buf_printf(text, "%sThe design does not say which "
			    "resource group circuit %s is in "
			    "(circuits[].resource_group): replace "
			    CKT_RG_HOLE "%s> with it.", text->len ? " " : "",
			    name, name);
			buf_printf(&seen, "[%s]", name);
		}
		free(name);
	}
	buf_release(&seen);
}

static void
plan_build(struct plan *pl, const struct diff *df)
{
	struct group	 g;
	struct act	*x;
	size_t		 i, j;
	int		 gws = 0;
	struct buf	 to_unknown = BUF_INIT, from_unknown = BUF_INIT;

	for (i = 0; i < df->n; i = j) {
		for (j = i + 1; j < df->n; j++)
			if (df->v[j].kind != df->v[i].kind ||
			    strcmp(df->v[j].object, df->v[i].object) != 0 ||
			    (df->v[j].field == NULL) !=
			    (df->v[i].field == NULL))
				break;
		g.v = &df->v[i];
		g.n = j - i;
		g.used = xcalloc(g.n, 1);
		unknown_take(&g, &to_unknown, &from_unknown);
		plan_group(pl, &g, &gws);
		free(g.used);
	}
	unknown_acts(pl, &to_unknown, &from_unknown);
	if (pl->n == 0)
		return;
	x = act_new(pl, PH_PREPARE, "");
	buf_puts(&x->title, "Record the routes before the change");
	buf_puts(&x->text, "Keep the output with the change record; the "
	    "rollback is checked against it.");
	observe(&x->cmds, &x->ps, pl->base);
	x = act_new(pl, PH_VERIFY, "");
	buf_puts(&x->title, "Check the routes against the routing impact");
	buf_puts(&x->text, "Azure should now use the routes listed under "
	    "\"Pass when\" in the post-change verification (the proposed "
	    "design's simulation).");
	observe(&x->cmds, &x->ps, pl->head);
	for (i = 0; i < pl->n; i++) {
		holes_note(&pl->v[i]->text, &pl->v[i]->cmds);
		holes_note(&pl->v[i]->itext, &pl->v[i]->icmds);
	}
	qsort(pl->v, pl->n, sizeof(*pl->v), act_cmp);
}

static void
plan_release(struct plan *pl)
{
	size_t	 i;

	for (i = 0; i < pl->n; i++)
		act_free(pl->v[i]);
	free(pl->v);
}

const char *
plan_outage_name(enum plan_outage o)
{
	static const char *const names[] = { "none", "reset", "reroute",
	    "outage" };

	return (size_t)o < sizeof(names) / sizeof(names[0]) ? names[o] :
	    "none";
}

/* The Markdown code block adds its own last newline. */
static const char *
block(struct buf *b)
{
	if (b->len && b->ptr[b->len - 1] == '\n')
		buf_truncate(b, b->len - 1);
	return b->len ? buf_cstr(b) : NULL;
}

/* ---- go/no-go gates of the disruptive steps ---- */

/*
 * What a disruptive step does to the routes, read from the simulation
 * of the design it starts from: either a gateway-wide loss (every
 * ExpressRoute or every VPN path gone: each prefix takes its baseline
 * "backup", the best route of the other kind), or the scenario that
 * stands for the step (a circuit's circuit-down, a device's
 * device-down, a site's site-down).
 */
struct gate {
	const struct sim *s;
	const struct design *dsn;
	enum sim_path	 lost;		/* gateway-wide: the kind lost */
	const struct sim_scenario *sc;	/* else the scenario, or NULL */
	int		 all;		/* the GatewaySubnet: both kinds */
	/* Per atom, computed once by gate_init(): gate_after()'s answer. */
	enum sim_path	*apath;
	const char	**avia;
	long		*acap;
	unsigned char	*acls;		/* enum gate_class */
};

static enum sim_path gate_after(const struct gate *, size_t,
		    const char **, long *);
static void	gate_classify(struct gate *);

/*
 * The scenario id that stands for a step on object, or NULL: the same
 * mapping as the packet's risk (packet.c, step_scenario()), plus a
 * site's removal.
 */
static int
gate_init0(struct gate *g, const struct sim *s, const struct design *dsn,
    const char *object)
{
	const char	*v;
	char		*id = NULL;

	memset(g, 0, sizeof(*g));
	g->s = s;
	g->dsn = dsn;
	if (s == NULL || s->partial)
		return 0;
	if (strcmp(object, "azure.vpn_gateway") == 0) {
		g->lost = SIM_VPN;
		return 1;
	}
	if (strcmp(object, "azure.expressroute_gateway") == 0) {
		g->lost = SIM_EXPRESSROUTE;
		return 1;
	}
	if (strcmp(object, "azure.vnet.subnets.GatewaySubnet") == 0) {
		g->all = 1;
		return 1;
	}
	if (strncmp(object, "circuits.", 9) == 0 &&
	    strchr(object + 9, '.') == NULL)
		id = xasprintf("circuit-down:%s", object + 9);
	else if (strncmp(object, "sites.", 6) == 0 &&
	    (v = strstr(object + 6, ".vpn.")) != NULL &&
	    strchr(v + 5, '.') == NULL)
		id = xasprintf("device-down:%.*s:%s", (int)(v - object - 6),
		    object + 6, v + 5);
	else if (strncmp(object, "sites.", 6) == 0 &&
	    strchr(object + 6, '.') == NULL)
		id = xasprintf("site-down:%s", object + 6);
	if (id == NULL)
		return 0;
	g->sc = sim_scenario(s, id);
	free(id);
	return g->sc != NULL;
}

/*
 * Atom k during the step: its path, what it goes through and the
 * capacity (-1: the simulation has no figure for it).
 */
static enum sim_path
gate_after0(const struct gate *g, size_t k, const char **via, long *cap)
{
	const struct sim_route *b = sim_route_at(g->s, &g->s->scenarios[0], k);
	const struct sim_route *r;
	size_t		 j;

	if (g->all) {
		*via = "";
		*cap = 0;
		return SIM_NONE;
	}
	if (g->sc != NULL) {
		r = sim_route_at(g->s, g->sc, k);
		*via = r->via;
		*cap = r->capacity_mbps;
		return r->path;
	}
	*via = b->via;
	*cap = b->capacity_mbps;
	if (b->path != g->lost)
		return b->path;
	*via = b->backup_via ? b->backup_via : "";
	*cap = -1;
	/* The capacity of the same route in a single failure that uses it. */
	for (j = 1; j < g->s->nscenarios && b->backup != SIM_NONE; j++) {
		r = sim_route_at(g->s, &g->s->scenarios[j], k);
		if (g->s->scenarios[j].nfailed == 1 && r->path == b->backup &&
		    strcmp(r->via, *via) == 0) {
			*cap = r->capacity_mbps;
			break;
		}
	}
	return b->backup;
}

/* Non-zero when atom k keeps its path but loses its only backup. */
static int
gate_no_backup(const struct gate *g, size_t k)
{
	const struct sim_route *b = sim_route_at(g->s, &g->s->scenarios[0], k);

	return g->sc == NULL && !g->all && b->path != SIM_NONE &&
	    b->path != g->lost && b->backup == g->lost;
}

enum gate_class { GC_SAME, GC_LOST, GC_MOVED, GC_NOBACKUP };

static enum gate_class
gate_class0(const struct gate *g, size_t k)
{
	const struct sim_route *b = sim_route_at(g->s, &g->s->scenarios[0], k);
	const char	*via;
	long		 cap;
	enum sim_path	 a;

	if (b->path == SIM_NONE)
		return GC_SAME;
	a = gate_after(g, k, &via, &cap);
	if (a == SIM_NONE)
		return GC_LOST;
	if (a != b->path || strcmp(via, b->via) != 0)
		return GC_MOVED;
	return gate_no_backup(g, k) ? GC_NOBACKUP : GC_SAME;
}

static enum gate_class
gate_class(const struct gate *g, size_t k)
{
	return (enum gate_class)g->acls[k];
}

static enum sim_path
gate_after(const struct gate *g, size_t k, const char **via, long *cap)
{
	*via = g->avia[k];
	*cap = g->acap[k];
	return g->apath[k];
}

/*
 * Each atom's path during the step and its class, once: gate_after0()
 * may look through every scenario for a capacity, and the callers ask
 * for every atom of every site and circuit.
 */
static void
gate_classify(struct gate *g)
{
	size_t	 k, n = g->s->natoms;

	g->apath = xcalloc(n + 1, sizeof(*g->apath));
	g->avia = xcalloc(n + 1, sizeof(*g->avia));
	g->acap = xcalloc(n + 1, sizeof(*g->acap));
	g->acls = xcalloc(n + 1, 1);
	for (k = 0; k < n; k++)
		g->apath[k] = gate_after0(g, k, &g->avia[k], &g->acap[k]);
	for (k = 0; k < n; k++)
		g->acls[k] = (unsigned char)gate_class0(g, k);
}

static int
gate_init(struct gate *g, const struct sim *s, const struct design *dsn,
    const char *object)
{
	if (!gate_init0(g, s, dsn, object))
		return 0;
	gate_classify(g);
	return 1;
}

static void
gate_release(struct gate *g)
{
	free(g->apath);
	free(g->avia);
	free(g->acap);
	free(g->acls);
	g->apath = NULL;
	g->avia = NULL;
	g->acap = NULL;
	g->acls = NULL;
}

/*
 * "LocalSite2 (10.101.0.0/16), HQ (10.100.0.0/16, 10.102.0.0/16)": the
 * atoms of class cl, by site in design order.  Returns how many.
 */
static size_t
gate_sites(struct buf *b, const struct gate *g, enum gate_class cl)
{
	char		 p[PREFIX_STRLEN];
	size_t		 i, k, n = 0, m;

	for (i = 0; i < g->dsn->nsites; i++) {
		m = 0;
		for (k = 0; k < g->s->natoms; k++) {
			const struct sim_route *r = sim_route_at(g->s,
			    &g->s->scenarios[0], k);

			if (r->site != &g->dsn->sites[i] ||
			    gate_class(g, k) != cl)
				continue;
			buf_printf(b, "%s%s%s", m ? ", " : n ? "), " : "",
			    m ? "" : g->dsn->sites[i].name, m ? "" : " (");
			buf_puts(b, PFX(&g->s->atoms[k], p));
			m++;
			n++;
		}
	}
	if (n)
		buf_putc(b, ')');
	return n;
}

/*
 * The downtime of a gateway's deletion in words, naming what the
 * simulation says: the prefixes left without a path and those that
 * keep theirs without a backup.
 */
static void
gate_outage_words(struct buf *down, const struct sim *s,
    const struct design *dsn, enum sim_path lost)
{
	struct gate	 g;
	struct buf	 t = BUF_INIT;

	if (!gate_init(&g, s, dsn, lost == SIM_VPN ? "azure.vpn_gateway" :
	    "azure.expressroute_gateway")) {
		buf_puts(down, lost == SIM_VPN ? "VPN-only sites are down and "
		    "ExpressRoute sites have no backup" : "ExpressRoute-only "
		    "sites are down and VPN sites have no backup");
		return;
	}
	if (gate_sites(&t, &g, GC_LOST))
		buf_printf(down, "%s %s no path from the deletion until %s",
		    buf_cstr(&t), strchr(buf_cstr(&t), ')') != strrchr(
		    buf_cstr(&t), ')') ? "have" : "has", lost == SIM_VPN ?
		    "its tunnels are up again" : "its circuit is connected "
		    "again");
	else
		buf_puts(down, "no prefix loses its last path");
	buf_truncate(&t, 0);
	if (gate_sites(&t, &g, GC_NOBACKUP))
		buf_printf(down, "; %s %s no backup meanwhile (%s only)",
		    buf_cstr(&t), strchr(buf_cstr(&t), ')') != strrchr(
		    buf_cstr(&t), ')') ? "have" : "has", lost == SIM_VPN ?
		    "ExpressRoute" : "VPN");
	buf_truncate(&t, 0);
	if (gate_sites(&t, &g, GC_MOVED))
		buf_printf(down, "; %s %s over to %s", buf_cstr(&t),
		    strchr(buf_cstr(&t), ')') != strrchr(buf_cstr(&t), ')') ?
		    "move" : "moves", lost == SIM_VPN ? "ExpressRoute" : "the VPN");
	buf_release(&t);
	gate_release(&g);
}

/* Adds one check {check, commands, powershell, expect} to list. */
static void
gate_check(struct value *list, struct buf *what, struct buf *c, struct buf *p,
    struct buf *expect)
{
	struct value	*e = value_list_map(list);

	value_map_str(e, "check", buf_cstr(what));
	value_map_str(e, "commands", block(c));
	value_map_str(e, "powershell", block(p));
	value_map_str(e, "expect", buf_cstr(expect));
	buf_truncate(what, 0);
	buf_truncate(c, 0);
	buf_truncate(p, 0);
	buf_truncate(expect, 0);
}

/* Non-zero when name is one of the ", "-separated words of via. */
static int
via_has(const char *via, const char *name, size_t len)
{
	const char	*s = via;

	while (s && *s) {
		if (strncmp(s, name, len) == 0 &&
		    (s[len] == '\0' || s[len] == ',' || s[len] == ':'))
			return 1;
		s = strstr(s, ", ");
		if (s)
			s += 2;
	}
	return 0;
}

/* The prefixes of the dependent atoms that go through what (via_has). */
static size_t
gate_prefixes(struct buf *b, const struct gate *g, enum sim_path path,
    const char *name)
{
	char		 p[PREFIX_STRLEN];
	const char	*via;
	long		 cap;
	size_t		 k, n = 0;

	for (k = 0; k < g->s->natoms; k++) {
		enum gate_class cl = gate_class(g, k);

		if ((cl != GC_MOVED && cl != GC_NOBACKUP) ||
		    gate_after(g, k, &via, &cap) != path ||
		    (name && !via_has(via, name, strlen(name))))
			continue;
		buf_printf(b, "%s%s", n++ ? ", " : "",
		    PFX(&g->s->atoms[k], p));
	}
	return n;
}

static void
gate_circuit(struct value *list, const struct design *dsn,
    const struct circuit *ci, const char *pfx)
{
	struct buf	 w = BUF_INIT, c = BUF_INIT, p = BUF_INIT, x = BUF_INIT;
	char		*rg = ckt_rg(ci);
	int		 k;

	buf_printf(&w, "Circuit %s: both BGP sessions of its private peering "
	    "are up and carry %s now", ci->name, pfx);
	for (k = 0; k < 2; k++) {
		azc(&c, "network express-route list-route-tables-summary", dsn,
		    ci);
		arg(&c, "--peering-name AzurePrivatePeering");
		arg(&c, "--path %s", k ? "secondary" : "primary");
		arg(&c, "-o table");
		endl(&c);
		shell_ps_context(&p, ckt_sub(dsn, ci));
		buf_puts(&p, "Get-AzExpressRouteCircuitRouteTableSummary");
		pso(&p, "-ResourceGroupName", rg);
		pso(&p, "-ExpressRouteCircuitName", ci->name);
		buf_printf(&p, " -PeeringType AzurePrivatePeering -DevicePath "
		    "%s\n", k ? "Secondary" : "Primary");
	}
	buf_puts(&x, "On both paths the on-premises neighbor shows a time in "
	    "UpDown and a number of prefixes (not Idle, Active or Connect) in "
	    "StatePfxRcd");
	if (ci->resource_group == NULL)
		buf_printf(&x, " (the design does not say which resource group "
		    "circuit %s is in, circuits[].resource_group: replace "
		    CKT_RG_HOLE "%s> with it)", ci->name, ci->name);
	gate_check(list, &w, &c, &p, &x);
	buf_printf(&w, "Circuit %s's route tables hold %s now", ci->name, pfx);
	er_verify(&c, &p, dsn, ci);
	buf_printf(&x, "Each of %s is listed on the primary and on the "
	    "secondary path", pfx);
	gate_check(list, &w, &c, &p, &x);
	free(rg);
	buf_release(&w);
	buf_release(&c);
	buf_release(&p);
	buf_release(&x);
}

/*
 * The checks that the path a step leaves is up and carries what it
 * must: every circuit and the ExpressRoute gateway for prefixes that
 * rely on ExpressRoute during the step, the VPN BGP peers, tunnels and
 * learned routes for those that rely on the VPN.
 */
static void
gate_checks(struct value *list, const struct gate *g, const char *object)
{
	const struct design *dsn = g->dsn;
	struct buf	 w = BUF_INIT, c = BUF_INIT, p = BUF_INIT, x = BUF_INIT,
			 pf = BUF_INIT, peers = BUF_INIT;
	size_t		 i, j, n;
	int		 bgp = 0;

	for (i = 0; i < dsn->ncircuits; i++) {
		buf_truncate(&pf, 0);
		if (gate_prefixes(&pf, g, SIM_EXPRESSROUTE,
		    dsn->circuits[i].name))
			gate_circuit(list, dsn, &dsn->circuits[i],
			    buf_cstr(&pf));
	}
	buf_truncate(&pf, 0);
	if (dsn->er_gateway.node &&
	    gate_prefixes(&pf, g, SIM_EXPRESSROUTE, NULL)) {
		buf_printf(&w, "ExpressRoute gateway %s has learned %s",
		    dsn->er_gateway.name, buf_cstr(&pf));
		obs_learned(&c, &p, dsn, dsn->er_gateway.name);
		buf_printf(&x, "Each of %s is listed, learned from the "
		    "circuits (origin EBgp)", buf_cstr(&pf));
		gate_check(list, &w, &c, &p, &x);
	}
	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++) {
			const struct vpn_device *v = &dsn->sites[i].devices[j];
			struct buf key = BUF_INIT;
			char	 a[PREFIX_STRLEN];

			buf_printf(&key, "%s:%s", dsn->sites[i].name, v->name);
			buf_truncate(&pf, 0);
			n = gate_prefixes(&pf, g, SIM_VPN, buf_cstr(&key));
			buf_release(&key);
			if (n == 0)
				continue;
			if (v->has_bgp) {
				buf_printf(&peers, "%s%s (%s/%s)",
				    bgp++ ? ", " : "",
				    ADDR(&v->bgp_peer_ip, a),
				    dsn->sites[i].name, v->name);
			}
			buf_printf(&w, "Every tunnel of %s/%s is Connected",
			    dsn->sites[i].name, v->name);
			obs_tunnels(&c, &p, dsn, v->connection);
			buf_printf(&x, "Every entry Connected (one per gateway "
			    "instance); it carries %s", buf_cstr(&pf));
			gate_check(list, &w, &c, &p, &x);
		}
	buf_truncate(&pf, 0);
	if (bgp && gate_prefixes(&pf, g, SIM_VPN, NULL)) {
		buf_printf(&w, "The VPN gateway's BGP peers %s are Connected",
		    buf_cstr(&peers));
		obs_bgp_peers(&c, &p, dsn);
		buf_printf(&x, "State Connected for %s, on every gateway "
		    "instance", buf_cstr(&peers));
		gate_check(list, &w, &c, &p, &x);
		buf_printf(&w, "VPN gateway %s has learned the prefixes that "
		    "move to it", dsn->vpn_gateway.name);
		obs_learned(&c, &p, dsn, dsn->vpn_gateway.name);
		buf_printf(&x, "Each of %s is listed, learned over BGP from "
		    "the peers above (static sites: a prefix of their local "
		    "network gateway instead)", buf_cstr(&pf));
		gate_check(list, &w, &c, &p, &x);
	}
	if (strcmp(object, "azure.vpn_gateway") == 0 && dsn->vpn_gateway.node) {
		buf_printf(&w, "The connections on VPN gateway %s are the "
		    "ones this step deletes and recreates",
		    dsn->vpn_gateway.name);
		az0(&c, "network vpn-connection list", dsn);
		opt(&c, "--vnet-gateway", dsn->vpn_gateway.name);
		arg(&c, "-o table");
		endl(&c);
		buf_truncate(&pf, 0);
		buf_puts(&pf, "*/");
		buf_puts(&pf, dsn->vpn_gateway.name);
		ps0(&p, "Get-AzVirtualNetworkGatewayConnection", dsn);
		buf_puts(&p, " | Where-Object { $_.VirtualNetworkGateway1.Id "
		    "-like ");
		shell_string(&p, SHELL_PS, buf_cstr(&pf));
		buf_puts(&p, " } | Format-Table Name\n");
		n = 0;
		for (i = 0; i < dsn->nsites; i++)
			for (j = 0; j < dsn->sites[i].ndevices; j++)
				buf_printf(&x, "%s%s", n++ ? ", " : "Exactly: ",
				    dsn->sites[i].devices[j].connection);
		if (n == 0)
			buf_puts(&x, "None");
		buf_puts(&x, "; any other connection is not in the design and "
		    "would be lost: stop and add it to the design first");
		gate_check(list, &w, &c, &p, &x);
	}
	buf_release(&w);
	buf_release(&c);
	buf_release(&p);
	buf_release(&x);
	buf_release(&pf);
	buf_release(&peers);
}

/*
 * The capacity the step leaves each site with a declared peak whose
 * prefixes move or lose their backup, from the simulation; the VPN
 * gateway's aggregate is shared by every site on it (docs/model.md).
 */
static void
gate_capacity(struct value *list, const struct gate *g)
{
	const struct design *dsn = g->dsn;
	struct buf	 t = BUF_INIT;
	size_t		 i, k;
	long		 vpn_sum = 0, vpn_cap = -1;
	struct buf	 vpn_sites = BUF_INIT;

	for (i = 0; i < dsn->nsites; i++) {
		long	 peak = sim_site_peak(dsn, &dsn->sites[i]), cap = -1;
		enum sim_path on = SIM_NONE;
		int	 dep = 0, vpn_any = 0;

		for (k = 0; k < g->s->natoms; k++) {
			const struct sim_route *b = sim_route_at(g->s,
			    &g->s->scenarios[0], k);
			const char *via;
			long	 c;
			enum sim_path a;
			enum gate_class cl;

			if (b->site != &dsn->sites[i])
				continue;
			cl = gate_class(g, k);
			a = gate_after(g, k, &via, &c);
			if (a == SIM_VPN) {
				vpn_any = 1;
				if (c >= 0)
					vpn_cap = c;
			}
			if (cl != GC_MOVED && cl != GC_NOBACKUP)
				continue;
			dep = 1;
			on = a;
			if (c >= 0 && (cap < 0 || c < cap))
				cap = c;
		}
		if (vpn_any && peak > 0) {
			vpn_sum += peak;
			buf_printf(&vpn_sites, "%s%s %ld", vpn_sites.len ?
			    ", " : "", dsn->sites[i].name, peak);
		}
		if (!dep || peak <= 0)
			continue;
		buf_printf(&t, "%s: declared peak %ld Mbps; over %s during the "
		    "step ", dsn->sites[i].name, peak, on == SIM_VPN ?
		    "the VPN" : "ExpressRoute");
		if (cap < 0)
			buf_puts(&t, "the simulation has no capacity figure");
		else {
			buf_printf(&t, "it has %ld Mbps", cap);
			if (peak > cap)
				buf_printf(&t, ": WARNING, short by %ld Mbps, "
				    "expect degraded service", peak - cap);
		}
		value_map_str(value_list_map(list), "text", buf_cstr(&t));
		buf_truncate(&t, 0);
	}
	if (vpn_cap >= 0 && strchr(buf_cstr(&vpn_sites), ',') != NULL) {
		buf_printf(&t, "Every site on the VPN during the step shares "
		    "the gateway's aggregate: the declared peaks (%s Mbps) "
		    "sum to %ld Mbps against %ld Mbps", buf_cstr(&vpn_sites),
		    vpn_sum, vpn_cap);
		if (vpn_sum > vpn_cap)
			buf_printf(&t, ": WARNING, short by %ld Mbps",
			    vpn_sum - vpn_cap);
		value_map_str(value_list_map(list), "text", buf_cstr(&t));
	}
	buf_release(&t);
	buf_release(&vpn_sites);
}

/*
 * The go/no-go gate of a disruptive step (its downtime is not "None"):
 * checks computed from the simulation of the design the step starts
 * from (s, dsn), each with its commands and expected result, the
 * capacity the step leaves, the maintenance window, when to stop, and
 * for a step that deletes, that rolling back means recreating.
 */
static void
gate_value(struct value *e, const struct sim *s, const struct design *dsn,
    const char *object, const struct buf *cmds, const struct buf *down,
    enum plan_outage outage)
{
	struct value	*m;
	struct gate	 g;
	struct buf	 t = BUF_INIT, lost = BUF_INIT;
	int		 sim_ok;

	if (down->len == 0 || strncmp(buf_cstr(down), "None", 4) == 0) {
		value_map_put(e, "gate", value_new_null());
		return;
	}
	m = value_map_put(e, "gate", value_new_map());
	sim_ok = gate_init(&g, s, dsn, object);
	if (sim_ok) {
		struct value *l = value_map_list(m, "go_no_go");

		gate_checks(l, &g, object);
		if (l->n == 0)
			value_map_str(m, "none", "the simulation moves no "
			    "prefix to another path in this step's scenario, "
			    "so there is no backup path to check");
		gate_capacity(value_map_list(m, "capacity"), &g);
		gate_sites(&lost, &g, GC_LOST);
	} else {
		value_map_list(m, "go_no_go");
		value_map_str(m, "none", "the simulation has no scenario for "
		    "this step");
		value_map_list(m, "capacity");
	}
	if (sim_ok && g.sc)
		buf_printf(&t, "scenario %s", g.sc->id);
	else if (sim_ok)
		buf_puts(&t, g.all ? "every hybrid path down" : g.lost ==
		    SIM_VPN ? "every VPN path down" : "every ExpressRoute path "
		    "down");
	value_map_str(m, "scenario", t.len ? buf_cstr(&t) : NULL);
	buf_truncate(&t, 0);
	value_map_str(m, "no_path", lost.len ? buf_cstr(&lost) : NULL);
	buf_puts(&t, "Start this step only inside the change's approved "
	    "maintenance window, with time left for the downtime below and "
	    "for the rollback");
	value_map_str(m, "window", buf_cstr(&t));
	buf_truncate(&t, 0);
	buf_puts(&t, "Any check above does not show its expected result");
	if (lost.len)
		buf_printf(&t, ", or the owners of %s have not agreed to be "
		    "without a path %s", buf_cstr(&lost), outage ==
		    PLAN_OUT_FULL ? "for the whole step" : "while the step "
		    "runs (at worst)");
	if (!sim_ok)
		buf_puts(&t, ", or the routes recorded in step 1 differ from "
		    "the \"before\" column of the routing impact");
	buf_puts(&t, ": stop, and do not start this step");
	value_map_str(m, "stop_if", buf_cstr(&t));
	buf_truncate(&t, 0);
	if (strstr(buf_cstr(cmds), " delete ") != NULL) {
		if (strcmp(object, "azure.vpn_gateway") == 0)
			buf_puts(&t, "Irreversible once the first delete runs: "
			    "rolling back means recreating the gateway and its "
			    "connections, and creating a VPN gateway takes 45 "
			    "minutes or more (VPNGWCREATE)");
		else if (strcmp(object, "azure.vnet.subnets.GatewaySubnet") ==
		    0)
			buf_puts(&t, "Irreversible once the first delete runs: "
			    "rolling back means recreating both gateways and "
			    "their connections; creating a VPN gateway takes 45 "
			    "minutes or more (VPNGWCREATE), an ExpressRoute "
			    "gateway 45 minutes or more (ERGWCREATE)");
		else if (strcmp(object, "azure.expressroute_gateway") == 0)
			buf_puts(&t, "Irreversible once the first delete runs: "
			    "rolling back means recreating the gateway and its "
			    "connections, and creating an ExpressRoute gateway "
			    "takes 45 minutes or more (ERGWCREATE)");
		else
			buf_puts(&t, "Irreversible once the first delete runs: "
			    "rolling back means recreating what it deleted "
			    "(estimate: minutes per resource plus the time its "
			    "tunnels or BGP sessions take to come up; no "
			    "documented figure)");
	}
	value_map_str(m, "irreversible", t.len ? buf_cstr(&t) : NULL);
	buf_release(&t);
	buf_release(&lost);
	gate_release(&g);
}

static void
step_value(struct value *list, size_t number, const char *object,
    struct buf *title, struct buf *text, struct buf *cmds, struct buf *ps,
    struct buf *down, enum plan_outage outage, const struct sim *sim,
    const struct design *dsn)
{
	struct value	*e = value_list_map(list);

	value_map_int(e, "number", (long long)number);
	value_map_str(e, "title", buf_cstr(title));
	/* NULL becomes null: a step without text, commands or downtime. */
	value_map_str(e, "text", text->len ? buf_cstr(text) : NULL);
	/* A command that needs an unknown value cannot run (shell.h). */
	shell_guard_unknown(cmds);
	shell_guard_unknown(ps);
	value_map_str(e, "commands", block(cmds));
	value_map_str(e, "powershell", block(ps));
	value_map_str(e, "downtime", down->len ? buf_cstr(down) : NULL);
	value_map_str(e, "interruption", plan_outage_name(outage));
	value_map_str(e, "object", object);
	gate_value(e, sim, dsn, object, cmds, down, outage);
}

static void
plan_values(struct plan *pl, struct value *impl, struct value *back)
{
	size_t		 i, k = 0;
	struct act	*a;

	for (i = 0; i < pl->n; i++) {
		a = pl->v[i];
		step_value(impl, i + 1, a->object, &a->title, &a->text,
		    &a->cmds, &a->ps, &a->down, a->outage, pl->bsim, pl->base);
	}
	for (i = pl->n; i-- > 0;) {
		a = pl->v[i];
		if (!a->has_inv)
			continue;
		step_value(back, ++k, a->object, &a->ititle, &a->itext,
		    &a->icmds, &a->ips, &a->idown, a->ioutage, pl->hsim,
		    pl->head);
	}
	if (k) {
		struct buf	 t = BUF_INIT, x = BUF_INIT, c = BUF_INIT,
				 p = BUF_INIT, d = BUF_INIT;

		buf_puts(&t, "Check the routes against the record made before "
		    "the change");
		buf_puts(&x, "Every route is back as in the \"before\" column "
		    "of the routing impact.");
		observe(&c, &p, pl->base);
		step_value(back, ++k, "", &t, &x, &c, &p, &d, PLAN_OUT_NONE,
		    NULL, pl->base);
		buf_release(&t);
		buf_release(&x);
		buf_release(&c);
		buf_release(&p);
		buf_release(&d);
	}
}

void
plan_steps(const struct design *base, const struct design *head,
    const struct sim *bsim, const struct sim *hsim, const struct diff *df,
    struct value *impl, struct value *back)
{
	struct plan	 pl;

	memset(&pl, 0, sizeof(pl));
	pl.base = base;
	pl.head = head;
	pl.bsim = bsim;
	pl.hsim = hsim;
	plan_build(&pl, df);
	plan_values(&pl, impl, back);
	plan_release(&pl);
}

/*
 * The packet's implementation plan, part one (plan_int.h): the
 * vocabulary of commands.  Each function appends the Azure CLI lines of
 * one operation to one buffer and the same operation in Az PowerShell
 * to another -- a local network gateway, a connection, a circuit and
 * its peering, a subnet, a peering between VNets, the observations --
 * built from a design only, never from the live state of Azure.  Azure
 * CLI commands are wrapped at CMD_WIDTH with a backslash; every design
 * value passes through shell.h; a circuit's commands run where the
 * circuit lives.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diff.h"
#include "hybridoc/plan.h"
#include "hybridoc/prefix.h"
#include "hybridoc/procedure_cmd.h"
#include "hybridoc/shell.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/words.h"
#include "hybridoc/xalloc.h"

#include "plan_int.h"

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

void
pc_wrap_put(struct buf *c, const struct buf *t)
{
	if (line_len(c) + 1 + t->len > CMD_WIDTH && line_len(c) > 0)
		buf_puts(c, " \\\n    ");
	else
		buf_putc(c, ' ');
	buf_put(c, t->ptr ? t->ptr : "", t->len);
}

/* A fixed argument: only hybridoc's own words and numbers. */
void
pc_arg(struct buf *c, const char *fmt, ...)
{
	struct buf	 t = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&t, fmt, ap);
	va_end(ap);
	pc_wrap_put(c, &t);
	buf_release(&t);
}

/* "OPT VALUE" with VALUE from a design, quoted for the POSIX shell. */
void
pc_opt(struct buf *c, const char *o, const char *value)
{
	struct buf	 t = BUF_INIT;

	buf_printf(&t, "%s ", o);
	shell_word(&t, SHELL_SH, value);
	pc_wrap_put(c, &t);
	buf_release(&t);
}

/* A PowerShell parameter with a value from a design. */
void
pc_pso(struct buf *p, const char *o, const char *value)
{
	shell_opt(p, SHELL_PS, o, value);
}

/* Ends the command on the current line. */
void
pc_endl(struct buf *c)
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
	pc_wrap_put(c, &part);
	if (t.len > head.len) {
		buf_truncate(&part, 0);
		buf_put(&part, buf_cstr(&t) + head.len + 1,
		    t.len - head.len - 1);
		pc_wrap_put(c, &part);
	}
out:
	buf_release(&t);
	buf_release(&verb);
	buf_release(&head);
	buf_release(&part);
}

/* "az WHAT -g RG [--subscription SUB]" and, with pc_az(), "-n NAME". */
void
pc_az0(struct buf *c, const char *what, const struct design *dsn)
{
	az_head(c, what, dsn->resource_group, hub_sub(dsn));
}

void
pc_az(struct buf *c, const char *what, const struct design *dsn,
    const char *name)
{
	pc_az0(c, what, dsn);
	pc_opt(c, "-n", name);
}

/* "[Set-AzContext ...; ]CMDLET -ResourceGroupName RG" for the hub. */
void
pc_ps0(struct buf *p, const char *cmdlet, const struct design *dsn)
{
	shell_ps_context(p, hub_sub(dsn));
	buf_puts(p, cmdlet);
	pc_pso(p, "-ResourceGroupName", dsn->resource_group);
}

/*
 * Where a circuit lives: the resource group and subscription the design
 * gives it.  Without circuits[].resource_group the commands carry a
 * placeholder rather than the hub's group, since a circuit often lives
 * elsewhere (a connectivity subscription); plan_build() tells the
 * reader to fill it in.
 */
char *
pc_ckt_rg(const struct circuit *ci)
{
	return ci->resource_group ? xstrdup(ci->resource_group) :
	    xasprintf(CKT_RG_HOLE "%s>", ci->name);
}

const char *
pc_ckt_sub(const struct design *dsn, const struct circuit *ci)
{
	return ci->subscription ? ci->subscription : hub_sub(dsn);
}

void
pc_azc0(struct buf *c, const char *what, const struct design *dsn,
    const struct circuit *ci)
{
	char	*rg = pc_ckt_rg(ci);

	az_head(c, what, rg, pc_ckt_sub(dsn, ci));
	free(rg);
}

void
pc_azc(struct buf *c, const char *what, const struct design *dsn,
    const struct circuit *ci)
{
	pc_azc0(c, what, dsn, ci);
	pc_opt(c, "-n", ci->name);
}

/* "[Set-AzContext ...; ]$ckt = Get-AzExpressRouteCircuit ...; " */
void
pc_ps_ckt(struct buf *p, const struct design *dsn, const struct circuit *ci)
{
	char	*rg = pc_ckt_rg(ci);

	shell_ps_context(p, pc_ckt_sub(dsn, ci));
	buf_puts(p, "$ckt = Get-AzExpressRouteCircuit");
	pc_pso(p, "-ResourceGroupName", rg);
	pc_pso(p, "-Name", ci->name);
	buf_puts(p, "; ");
	free(rg);
}

/* A PowerShell line for a step whose parameter no reference confirms. */
void
pc_ps_none(struct buf *p, const char *why)
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
	pc_wrap_put(c, &b);
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
		pc_arg(c, "--local-address-prefixes %s", unk);
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

	pc_arg(c, "--asn %s", U_NUM(BGPN(v), "asn", v->bgp_asn, t));
	pc_arg(c, "--bgp-peering-address %s", U_ADDR(BGPN(v), "peer_ip",
	    &v->bgp_peer_ip, t));
	buf_printf(p, " -Asn %s", U_NUM(BGPN(v), "asn", v->bgp_asn, t));
	buf_printf(p, " -BgpPeeringAddress %s", U_ADDR(BGPN(v), "peer_ip",
	    &v->bgp_peer_ip, t));
}

void
pc_lng_create(struct buf *c, struct buf *p, const struct design *dsn,
    const struct site *s, const struct vpn_device *v)
{
	char	 t[PREFIX_STRLEN];

	pc_az(c, "network local-network-gateway create", dsn,
	    v->local_network_gateway);
	pc_opt(c, "-l", dsn->region);
	pc_arg(c, "--gateway-ip-address %s", U_ADDR(v->node, "public_ip",
	    &v->public_ip, t));
	pc_ps0(p, "New-AzLocalNetworkGateway", dsn);
	pc_pso(p, "-Name", v->local_network_gateway);
	pc_pso(p, "-Location", dsn->region);
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
	pc_endl(c);
	pc_endl(p);
}

void
pc_lng_delete(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *v)
{
	pc_az(c, "network local-network-gateway delete", dsn,
	    v->local_network_gateway);
	pc_endl(c);
	pc_ps0(p, "Remove-AzLocalNetworkGateway", dsn);
	pc_pso(p, "-Name", v->local_network_gateway);
	buf_puts(p, " -Force\n");
}

/*
 * A Key Vault reference as vault and secret name: "VAULT/NAME", or the
 * secret id "https://VAULT.vault.azure.net/secrets/NAME[/VERSION]".
 * Fills *vault and *name (the caller frees) and returns non-zero, or 0
 * when ref has neither form.
 */
int
pc_kv_split(const char *ref, char **vault, char **name)
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
		/* New user 19 item 1: never a live placeholder. */
		buf_puts(c, "# the design names no shared_key_ref: store the "
		    "key in Key Vault, set shared_key_ref and write the packet "
		    "again; the read would be:\n");
		buf_puts(c, "# psk=$(az keyvault secret show --id "
		    "'<key-vault-secret-id>' --query value -o tsv)\n");
		buf_puts(p, "# the design names no shared_key_ref: store the "
		    "key in Key Vault, set shared_key_ref and write the packet "
		    "again; the read would be:\n");
		buf_puts(p, "# $psk = Get-AzKeyVaultSecret -VaultName "
		    "'<vault>' -Name '<secret>' -AsPlainText\n");
		pc_no_key(c, p, v);
		return;
	}
	buf_puts(c, "psk=$(az keyvault secret show");
	if (pc_kv_split(ref, &vault, &name) && strstr(ref, "://") == NULL) {
		buf_puts(c, " \\\n    --vault-name ");
		shell_word(c, SHELL_SH, vault);
		buf_puts(c, " --name ");
		shell_word(c, SHELL_SH, name);
	} else {
		buf_puts(c, " \\\n    --id ");
		shell_word(c, SHELL_SH, ref);
	}
	pc_arg(c, "--query value -o tsv)");
	pc_endl(c);
	if (vault != NULL) {
		buf_puts(p, "$psk = Get-AzKeyVaultSecret");
		pc_pso(p, "-VaultName", vault);
		pc_pso(p, "-Name", name);
		buf_puts(p, " -AsPlainText\n");
	} else
		buf_puts(p,
		    "# the shared_key_ref is not a Key Vault secret id: "
		    "read the key into $psk from where it is kept\n");
	free(vault);
	free(name);
}

/* "$gw = Get-AzVirtualNetworkGateway ...; " for gateway name gw. */
void
pc_ps_gw(struct buf *p, const struct design *dsn, const char *gw)
{
	pc_ps0(p, "$gw = Get-AzVirtualNetworkGateway", dsn);
	pc_pso(p, "-Name", gw);
	buf_puts(p, "; ");
}

/* "$c = Get-AzVirtualNetworkGatewayConnection ...; " */
void
pc_ps_conn(struct buf *p, const struct design *dsn, const char *conn)
{
	pc_ps0(p, "$c = Get-AzVirtualNetworkGatewayConnection", dsn);
	pc_pso(p, "-Name", conn);
	buf_puts(p, "; ");
}

void
pc_conn_create(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *v)
{
	psk_read(c, p, v);
	pc_az(c, "network vpn-connection create", dsn, v->connection);
	pc_opt(c, "-l", dsn->region);
	pc_opt(c, "--vnet-gateway1", dsn->vpn_gateway.name);
	pc_opt(c, "--local-gateway2", v->local_network_gateway);
	pc_arg(c, "--shared-key \"$psk\"");
	if (v->has_bgp)
		pc_arg(c, "--enable-bgp");
	pc_endl(c);
	if (v->ike.version == 1) {
		pc_az(c, "network vpn-connection update", dsn, v->connection);
		pc_arg(c, "--set connectionProtocol=IKEv1");
		pc_endl(c);
	}
	if (v->ike.dpd_timeout_s != 45) {
		pc_az(c, "network vpn-connection update", dsn, v->connection);
		pc_arg(c, "--set dpdTimeoutSeconds=%ld", v->ike.dpd_timeout_s);
		pc_endl(c);
	}
	buf_puts(c, "unset psk\n");
	pc_ps_gw(p, dsn, dsn->vpn_gateway.name);
	buf_puts(p, "$lng = Get-AzLocalNetworkGateway");
	pc_pso(p, "-ResourceGroupName", dsn->resource_group);
	pc_pso(p, "-Name", v->local_network_gateway);
	buf_puts(p, "; New-AzVirtualNetworkGatewayConnection");
	pc_pso(p, "-Name", v->connection);
	pc_pso(p, "-ResourceGroupName", dsn->resource_group);
	pc_pso(p, "-Location", dsn->region);
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

void
pc_conn_delete(struct buf *c, struct buf *p, const struct design *dsn,
    const char *conn)
{
	pc_az(c, "network vpn-connection delete", dsn, conn);
	pc_endl(c);
	pc_ps0(p, "Remove-AzVirtualNetworkGatewayConnection", dsn);
	pc_pso(p, "-Name", conn);
	buf_puts(p, " -Force\n");
}

/* What the on-premises device needs, in words. */
void
pc_device_config(struct buf *b, const struct design *dsn,
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

/*
 * The length of the shell word at s: up to an unquoted space or ';', quotes
 * as shell.h writes them (single quotes, or double quotes with
 * backslash escapes).
 */
static size_t
word_len(const char *s)
{
	const char	*e = s;
	char		 q = 0;

	/* An unquoted ';' ends a command: it is never part of a word. */
	for (; *e && (q || (*e != ' ' && *e != ';')); e++) {
		if (q == '"' && *e == '\\' && e[1])
			e++;
		else if (q && *e == q)
			q = 0;
		else if (!q && (*e == '\'' || *e == '"'))
			q = *e;
	}
	return (size_t)(e - s);
}

/* One command of a single-line list, wrapped (see pc_cmd_end()). */
static void
wrap_command(struct buf *c, const char *w, size_t len)
{
	const char	*end = w + len;
	struct buf	 t = BUF_INIT, q = BUF_INIT;
	size_t		 n, mark;

	/* A query too long for a line goes first, into $q. */
	for (n = 0; w + n < end; ) {
		const char *s = w + n;
		size_t	 k = word_len(s);

		if (k == 2 && strncmp(s, "-q", 2) == 0 && s[2] == ' ') {
			const char *v = s + 3;
			size_t	 vl = word_len(v);

			if (vl > CMD_WIDTH / 2) {
				buf_puts(c, "q=");
				buf_put(c, v, vl);
				buf_putc(c, '\n');
				buf_put(&q, w, (size_t)(v - w));
				buf_puts(&q, "\"$q\"");
				buf_put(&q, v + vl, (size_t)(end - v - vl));
				w = buf_cstr(&q);
				end = w + q.len;
				break;
			}
		}
		n += k;
		while (w + n < end && w[n] == ' ')
			n++;
	}
	mark = c->len;
	/* The verb: every word before the first option. */
	while (w < end && *w != '-') {
		n = word_len(w);
		buf_put(c, w, n);
		w += n;
		while (w < end && *w == ' ')
			buf_putc(c, *w++);
	}
	if (c->len > mark && c->ptr[c->len - 1] == ' ')
		buf_truncate(c, c->len - 1);
	while (w < end) {
		buf_truncate(&t, 0);
		n = word_len(w);
		buf_put(&t, w, n);
		w += n;
		while (w < end && *w == ' ')
			w++;
		/* An option keeps its value on its line. */
		if (w < end && *w != '-') {
			n = word_len(w);
			buf_putc(&t, ' ');
			buf_put(&t, w, n);
			w += n;
			while (w < end && *w == ' ')
				w++;
		}
		pc_wrap_put(c, &t);
	}
	pc_endl(c);
	buf_release(&t);
	buf_release(&q);
}

/*
 * Ends the commands just appended: the Azure CLI ones, written on one
 * line by a builder shared with the runbook (several joined by "; "),
 * each on its own line and wrapped like every other command of the plan
 * -- the verb whole, then each option with its value, a long query
 * first in a variable -- and PowerShell's line as it is.
 */
void
pc_cmd_end(struct buf *c, struct buf *p)
{
	const char	*s = buf_cstr(c), *nl = strrchr(s, '\n');
	size_t		 start = nl ? (size_t)(nl - s) + 1 : 0, n;
	char		*line = xstrdup(s + start), *w = line, *cmd;

	buf_truncate(c, start);
	while (*w) {
		for (cmd = w; *w; ) {
			if (w[0] == ';' && w[1] == ' ')
				break;
			n = word_len(w);
			if (n == 0)
				n = 1;
			w += n;
			while (*w == ' ')
				w++;
		}
		wrap_command(c, cmd, (size_t)(w - cmd));
		if (*w == ';')
			w += 2;
	}
	free(line);
	pc_endl(p);
}

/*
 * Observation commands: the procedures' own builders
 * (hybridoc/procedure_cmd.h), so the runbook and the packet print the
 * same text.
 */
static void
obs_end(struct buf *c, struct buf *p)
{
	pc_cmd_end(c, p);
}

void
pc_obs_learned(struct buf *c, struct buf *p, const struct design *dsn,
    const char *gw)
{
	proc_cmd_learned(c, p, dsn, gw);
	obs_end(c, p);
}

void
pc_obs_bgp_peers(struct buf *c, struct buf *p, const struct design *dsn)
{
	proc_cmd_bgp_peers(c, p, dsn);
	obs_end(c, p);
}

void
pc_obs_tunnels(struct buf *c, struct buf *p, const struct design *dsn,
    const char *conn)
{
	proc_cmd_tunnels(c, p, dsn, conn);
	obs_end(c, p);
}

static void
obs_effective(struct buf *c, struct buf *p, const struct design *dsn)
{
	proc_cmd_effective(c, p, dsn);
	obs_end(c, p);
}

void
pc_device_verify(struct buf *c, struct buf *p, struct buf *text,
    const struct design *dsn, const struct site *s,
    const struct vpn_device *v)
{
	char	 t[PREFIX_STRLEN];

	pc_obs_tunnels(c, p, dsn, v->connection);
	buf_puts(text, "Expect every tunnel Connected");
	if (v->has_bgp) {
		pc_obs_bgp_peers(c, p, dsn);
		pc_obs_learned(c, p, dsn, dsn->vpn_gateway.name);
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

const char *
pc_circuit_connection(const struct design *dsn, const struct circuit *c)
{
	size_t	 i, j;

	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ner; j++)
			if (dsn->sites[i].er[j].circuit == c &&
			    dsn->sites[i].er[j].connection)
				return dsn->sites[i].er[j].connection;
	return NULL;
}

void
pc_er_config(struct buf *b, const struct design *dsn, const struct site *s,
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

void
pc_er_verify(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci)
{
	char	*rg = pc_ckt_rg(ci);
	int	 k;

	for (k = 0; k < 2; k++) {
		pc_azc(c, "network express-route list-route-tables", dsn, ci);
		pc_arg(c, "--peering-name AzurePrivatePeering");
		pc_arg(c, "--path %s", k ? "secondary" : "primary");
		pc_arg(c, "-o table");
		pc_endl(c);
		shell_ps_context(p, pc_ckt_sub(dsn, ci));
		buf_puts(p, "Get-AzExpressRouteCircuitRouteTable");
		pc_pso(p, "-ResourceGroupName", rg);
		pc_pso(p, "-ExpressRouteCircuitName", ci->name);
		buf_printf(p, " -PeeringType AzurePrivatePeering -DevicePath "
		    "%s\n", k ? "Secondary" : "Primary");
	}
	free(rg);
}

void
pc_circuit_create(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci)
{
	char	*rg = pc_ckt_rg(ci);

	pc_azc(c, "network express-route create", dsn, ci);
	pc_opt(c, "-l", dsn->region);
	{
		char	 t[PREFIX_STRLEN];

		pc_arg(c, "--bandwidth %s", U_NUM(ci->node, "bandwidth_mbps",
		    ci->bandwidth_mbps, t));
	}
	pc_opt(c, "--provider", ci->provider);
	pc_opt(c, "--peering-location", ci->peering_location);
	pc_arg(c, "--sku-tier %s", circuit_sku_name(ci->sku));
	pc_arg(c, "--sku-family MeteredData");
	pc_endl(c);
	pc_azc(c, "network express-route show", dsn, ci);
	pc_arg(c, "--query \"{key: serviceKey, provider: "
	    "serviceProviderProvisioningState}\" -o table");
	pc_endl(c);
	shell_ps_context(p, pc_ckt_sub(dsn, ci));
	buf_puts(p, "New-AzExpressRouteCircuit");
	pc_pso(p, "-Name", ci->name);
	pc_pso(p, "-ResourceGroupName", rg);
	pc_pso(p, "-Location", dsn->region);
	buf_printf(p, " -SkuTier %s -SkuFamily MeteredData",
	    circuit_sku_name(ci->sku));
	pc_pso(p, "-ServiceProviderName", ci->provider);
	pc_pso(p, "-PeeringLocation", ci->peering_location);
	buf_printf(p, " -BandwidthInMbps %ld\n", ci->bandwidth_mbps);
	shell_ps_context(p, pc_ckt_sub(dsn, ci));
	buf_puts(p, "Get-AzExpressRouteCircuit");
	pc_pso(p, "-ResourceGroupName", rg);
	pc_pso(p, "-Name", ci->name);
	buf_puts(p, " | Select-Object ServiceKey, "
	    "ServiceProviderProvisioningState\n");
	free(rg);
}

void
pc_circuit_delete(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci)
{
	char	*rg = pc_ckt_rg(ci);

	pc_azc(c, "network express-route delete", dsn, ci);
	pc_endl(c);
	shell_ps_context(p, pc_ckt_sub(dsn, ci));
	buf_puts(p, "Remove-AzExpressRouteCircuit");
	pc_pso(p, "-ResourceGroupName", rg);
	pc_pso(p, "-Name", ci->name);
	buf_puts(p, " -Force\n");
	free(rg);
}

/* The whole private peering configuration as PowerShell parameters. */
void
pc_ps_peering_args(struct buf *p, const struct circuit *ci)
{
	char	 t[PREFIX_STRLEN], u[PREFIX_STRLEN];

	buf_printf(p, " -Name AzurePrivatePeering -ExpressRouteCircuit $ckt "
	    "-PeeringType AzurePrivatePeering -PeerASN %ld "
	    "-PrimaryPeerAddressPrefix %s -SecondaryPeerAddressPrefix %s "
	    "-VlanId %ld", ci->peering.peer_asn,
	    PFX(&ci->peering.primary_subnet, t),
	    PFX(&ci->peering.secondary_subnet, u), ci->peering.vlan_id);
}

void
pc_peering_create(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci)
{
	char	 t[PREFIX_STRLEN];

	pc_azc0(c, "network express-route peering create", dsn, ci);
	pc_opt(c, "--circuit-name", ci->name);
	pc_arg(c, "--peering-type AzurePrivatePeering");
	pc_arg(c, "--peer-asn %s", U_NUM(ci->peering.node, "peer_asn",
	    ci->peering.peer_asn, t));
	pc_arg(c, "--primary-peer-subnet %s", U_PFX(ci->peering.node,
	    "primary_subnet", &ci->peering.primary_subnet, t));
	pc_arg(c, "--secondary-peer-subnet %s", U_PFX(ci->peering.node,
	    "secondary_subnet", &ci->peering.secondary_subnet, t));
	pc_arg(c, "--vlan-id %s", U_NUM(ci->peering.node, "vlan_id",
	    ci->peering.vlan_id, t));
	pc_endl(c);
	pc_ps_ckt(p, dsn, ci);
	buf_puts(p, "Add-AzExpressRouteCircuitPeeringConfig");
	pc_ps_peering_args(p, ci);
	buf_puts(p, "; Set-AzExpressRouteCircuit -ExpressRouteCircuit $ckt\n");
}

void
pc_peering_delete(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci)
{
	pc_azc0(c, "network express-route peering delete", dsn, ci);
	pc_opt(c, "--circuit-name", ci->name);
	pc_arg(c, "-n AzurePrivatePeering");
	pc_endl(c);
	pc_ps_ckt(p, dsn, ci);
	buf_puts(p, "Remove-AzExpressRouteCircuitPeeringConfig -Name "
	    "AzurePrivatePeering -ExpressRouteCircuit $ckt; "
	    "Set-AzExpressRouteCircuit -ExpressRouteCircuit $ckt\n");
}

/*
 * The gateway connection to a circuit.  The circuit is named by its
 * resource id, read first where it lives: it need not be in the hub's
 * resource group or subscription.
 */
/* Non-zero when circuit ci lives in another subscription than the hub. */
int
pc_ckt_foreign(const struct design *dsn, const struct circuit *ci)
{
	return ci->subscription != NULL && (hub_sub(dsn) == NULL ||
	    strcmp(ci->subscription, hub_sub(dsn)) != 0);
}

/* "<authorization-for-CONN>": the circuit owner's authorization. */
static char *
auth_hole(const char *conn)
{
	return xasprintf("<authorization-for-%s>", conn);
}

/*
 * Review 19 P11: the authorization must be Available (not yet redeemed),
 * or the block stops before its key is read.
 */
static void
auth_check_sh(struct buf *c, const struct design *dsn,
    const struct circuit *ci, const char *auth)
{
	buf_puts(c, "st=$(");
	pc_azc0(c, "network express-route auth show", dsn, ci);
	pc_opt(c, "--circuit-name", ci->name);
	pc_opt(c, "-n", auth);
	pc_arg(c, "--query authorizationUseStatus -o tsv)");
	pc_endl(c);
	buf_puts(c, "if [ \"$st\" != Available ]; then echo \"STOP: the "
	    "authorization is $st, not Available (already redeemed or not "
	    "created): ask the circuit owner for a new one\" >&2; exit 1; "
	    "fi\n");
}

void
pc_er_conn_create(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci, const char *conn)
{
	int	 foreign = pc_ckt_foreign(dsn, ci);
	char	*auth = auth_hole(conn);

	buf_puts(c, "ckt=$(");
	pc_azc(c, "network express-route show", dsn, ci);
	pc_arg(c, "--query id -o tsv)");
	pc_endl(c);
	if (foreign) {
		/* A circuit in another subscription: its owner's
		 * authorization, listed first, its key read into a
		 * variable and never written down. */
		pc_azc0(c, "network express-route auth list", dsn, ci);
		pc_opt(c, "--circuit-name", ci->name);
		pc_arg(c, "-o table");
		pc_endl(c);
		auth_check_sh(c, dsn, ci, auth);
		buf_puts(c, "authkey=$(");
		pc_azc0(c, "network express-route auth show", dsn, ci);
		pc_opt(c, "--circuit-name", ci->name);
		pc_opt(c, "-n", auth);
		pc_arg(c, "--query authorizationKey -o tsv)");
		pc_endl(c);
	}
	pc_az(c, "network vpn-connection create", dsn, conn);
	pc_opt(c, "-l", dsn->region);
	pc_opt(c, "--vnet-gateway1", dsn->er_gateway.name);
	pc_arg(c, "--express-route-circuit2 \"$ckt\"");
	if (foreign)
		pc_arg(c, "--authorization-key \"$authkey\"");
	pc_arg(c, "--routing-weight %ld", ci->routing_weight);
	pc_endl(c);
	if (foreign)
		buf_puts(c, "unset authkey\n");
	pc_ps_ckt(p, dsn, ci);
	if (foreign) {
		buf_puts(p, "$auth = Get-AzExpressRouteCircuitAuthorization "
		    "-ExpressRouteCircuit $ckt");
		pc_pso(p, "-Name", auth);
		buf_puts(p, "; if ($auth.AuthorizationUseStatus -ne "
		    "'Available') { throw 'STOP: the authorization is not "
		    "Available (already redeemed or not created): ask the "
		    "circuit owner for a new one' }; ");
	}
	pc_ps_gw(p, dsn, dsn->er_gateway.name);
	buf_puts(p, "New-AzVirtualNetworkGatewayConnection");
	pc_pso(p, "-Name", conn);
	pc_pso(p, "-ResourceGroupName", dsn->resource_group);
	pc_pso(p, "-Location", dsn->region);
	buf_printf(p, " -VirtualNetworkGateway1 $gw -PeerId $ckt.Id "
	    "-ConnectionType ExpressRoute%s -RoutingWeight %ld\n",
	    foreign ? " -AuthorizationKey $auth.AuthorizationKey" : "",
	    ci->routing_weight);
	free(auth);
	if (ci->fastpath) {
		pc_az(c, "network vpn-connection update", dsn, conn);
		pc_arg(c, "--set expressRouteGatewayBypass=true");
		pc_endl(c);
		pc_ps_conn(p, dsn, conn);
		buf_puts(p, "$c.ExpressRouteGatewayBypass = $true; "
		    "Set-AzVirtualNetworkGatewayConnection "
		    "-VirtualNetworkGatewayConnection $c -Force\n");
	}
}

/* A subnet of the hub VNet created, updated (prefix) or deleted. */
void
pc_subnet_cmd(struct buf *c, struct buf *p, const struct design *dsn,
    const char *name, const struct prefix *px, const char *verb)
{
	char	 t[PREFIX_STRLEN];

	if (strcmp(verb, "create") == 0) {
		pc_az(c, "network vnet subnet create", dsn, name);
		pc_ps0(p, "$vnet = Get-AzVirtualNetwork", dsn);
		pc_pso(p, "-Name", dsn->vnet.name);
		buf_puts(p, "; Add-AzVirtualNetworkSubnetConfig");
	} else if (strcmp(verb, "update") == 0) {
		/*
		 * The Set- cmdlet of a subnet configuration clears the
		 * route table, NSG, service endpoints and delegations it is
		 * not given (review 18 N1): only the fetched subnet's
		 * prefix is set.
		 */
		pc_az(c, "network vnet subnet update", dsn, name);
		pc_opt(c, "--vnet-name", dsn->vnet.name);
		pc_arg(c, "--address-prefixes %s", PFX(px, t));
		pc_endl(c);
		pc_ps0(p, "$vnet = Get-AzVirtualNetwork", dsn);
		pc_pso(p, "-Name", dsn->vnet.name);
		buf_puts(p, "; $sn = Get-AzVirtualNetworkSubnetConfig");
		pc_pso(p, "-Name", name);
		buf_printf(p, " -VirtualNetwork $vnet; $sn.AddressPrefix = "
		    "@('%s'); $vnet | Set-AzVirtualNetwork\n", PFX(px, t));
		return;
	} else {
		pc_az(c, "network vnet subnet delete", dsn, name);
		pc_ps0(p, "$vnet = Get-AzVirtualNetwork", dsn);
		pc_pso(p, "-Name", dsn->vnet.name);
		buf_puts(p, "; Remove-AzVirtualNetworkSubnetConfig");
	}
	pc_opt(c, "--vnet-name", dsn->vnet.name);
	pc_pso(p, "-Name", name);
	buf_puts(p, " -VirtualNetwork $vnet");
	if (px != NULL) {
		pc_arg(c, "--address-prefixes %s", PFX(px, t));
		buf_printf(p, " -AddressPrefix %s", PFX(px, t));
	}
	pc_endl(c);
	buf_puts(p, " | Set-AzVirtualNetwork\n");
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

void
pc_lng_update(struct buf *c, struct buf *p, const struct design *dsn,
    const struct site *s, const struct vpn_device *from,
    const struct vpn_device *to)
{
	char	 t[PREFIX_STRLEN];
	int	 ip = prefix_cmp(&from->public_ip, &to->public_ip) != 0;

	pc_az(c, "network local-network-gateway update", dsn,
	    to->local_network_gateway);
	pc_ps0(p, "$lng = Get-AzLocalNetworkGateway", dsn);
	pc_pso(p, "-Name", to->local_network_gateway);
	buf_puts(p, "; ");
	/* Unknown on either side: left as deployed (unknown_take). */
	if (ip && !dev_unknown(from, to, "public_ip")) {
		pc_arg(c, "--gateway-ip-address %s", ADDR(&to->public_ip, t));
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
		pc_arg(c, "--remove bgpSettings");
		ps_prefixes(p, "-AddressPrefix", s->address_prefixes,
		    s->naddress_prefixes);
	}
	pc_endl(c);
	pc_endl(p);
	if (!to->has_bgp && from->has_bgp)
		pc_ps_none(p,
		    "no reference confirms how Set-AzLocalNetworkGateway "
		    "removes BGP settings");
	if (from->has_bgp != to->has_bgp) {
		pc_az(c, "network vpn-connection update", dsn, to->connection);
		pc_arg(c, "--enable-bgp %s", to->has_bgp ? "true" : "false");
		pc_endl(c);
		pc_ps_conn(p, dsn, to->connection);
		buf_printf(p, "Set-AzVirtualNetworkGatewayConnection "
		    "-VirtualNetworkGatewayConnection $c -EnableBgp $%s -Force\n",
		    to->has_bgp ? "true" : "false");
	}
}

/*
 * Review 19 P10: no Learn page says connectionProtocol can be changed on
 * an existing connection (docs/model.md: not documented), so the change
 * is read back and the block stops if it did not take.
 */
static void
ike_readback(struct buf *c, const struct design *dsn,
    const struct vpn_device *to)
{
	char	*msg = xasprintf("STOP: connectionProtocol of %s did not "
	    "change to IKEv%ld: the in-place change is not documented; "
	    "recreate the connection instead (record it, remove it and "
	    "create it from the design)", to->connection, to->ike.version);

	buf_puts(c, "proto=$(");
	pc_az(c, "network vpn-connection show", dsn, to->connection);
	pc_arg(c, "--query connectionProtocol -o tsv)");
	pc_endl(c);
	buf_printf(c, "if [ \"$proto\" != IKEv%ld ]; then echo ",
	    to->ike.version);
	shell_string(c, SHELL_SH, msg);
	buf_puts(c, " >&2; exit 1; fi\n");
	free(msg);
}

void
pc_ike_update(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *from, const struct vpn_device *to)
{
	if (from->ike.version != to->ike.version) {
		pc_az(c, "network vpn-connection update", dsn, to->connection);
		pc_arg(c, "--set connectionProtocol=IKEv%ld", to->ike.version);
		pc_endl(c);
		ike_readback(c, dsn, to);
		pc_ps_none(p, "Set-AzVirtualNetworkGatewayConnection has no "
		    "documented parameter for the IKE version");
	}
	if (from->ike.dpd_timeout_s != to->ike.dpd_timeout_s) {
		pc_az(c, "network vpn-connection update", dsn, to->connection);
		pc_arg(c, "--set dpdTimeoutSeconds=%ld", to->ike.dpd_timeout_s);
		pc_endl(c);
		pc_ps_conn(p, dsn, to->connection);
		buf_printf(p, "Set-AzVirtualNetworkGatewayConnection "
		    "-VirtualNetworkGatewayConnection $c -DpdTimeoutInSeconds "
		    "%ld -Force\n", to->ike.dpd_timeout_s);
	}
}

void
pc_key_update(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *v)
{
	psk_read(c, p, v);
	pc_az0(c, "network vpn-connection shared-key update", dsn);
	pc_opt(c, "--connection-name", v->connection);
	pc_arg(c, "--value \"$psk\"");
	pc_endl(c);
	buf_puts(c, "unset psk\n");
	pc_ps0(p, "Set-AzVirtualNetworkGatewayConnectionSharedKey", dsn);
	pc_pso(p, "-Name", v->connection);
	buf_puts(p, " -Value $psk -Force\nRemove-Variable psk\n");
}

/* A static device's local network gateway set to site s's prefixes. */
void
pc_lng_prefixes(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *v, const struct site *s)
{
	pc_az(c, "network local-network-gateway update", dsn,
	    v->local_network_gateway);
	az_prefixes(c, "--local-address-prefixes", s->address_prefixes,
	    s->naddress_prefixes);
	pc_endl(c);
	pc_ps0(p, "$lng = Get-AzLocalNetworkGateway", dsn);
	pc_pso(p, "-Name", v->local_network_gateway);
	buf_puts(p, "; Set-AzLocalNetworkGateway -LocalNetworkGateway $lng");
	ps_prefixes(p, "-AddressPrefix", s->address_prefixes,
	    s->naddress_prefixes);
	pc_endl(p);
}

/*
 * A VNet's address space from (fp, fn) to (tp, tn): az sets the whole
 * list, PowerShell adds and removes the prefixes that differ.
 */
static void
space_cmds(struct buf *c, struct buf *p, const struct design *dsn,
    const char *vnet, const struct prefix *fp, size_t fn,
    const struct prefix *tp, size_t tn)
{
	char	 t[PREFIX_STRLEN];
	size_t	 i, j;

	pc_az(c, "network vnet update", dsn, vnet);
	az_prefixes(c, "--address-prefixes", tp, tn);
	pc_endl(c);
	pc_ps0(p, "$vnet = Get-AzVirtualNetwork", dsn);
	pc_pso(p, "-Name", vnet);
	buf_puts(p, "; ");
	for (i = 0; i < tn; i++) {
		for (j = 0; j < fn; j++)
			if (prefix_cmp(&tp[i], &fp[j]) == 0)
				break;
		if (j == fn)
			buf_printf(p, "$vnet.AddressSpace.AddressPrefixes."
			    "Add('%s'); ", PFX(&tp[i], t));
	}
	for (j = 0; j < fn; j++) {
		for (i = 0; i < tn; i++)
			if (prefix_cmp(&tp[i], &fp[j]) == 0)
				break;
		if (i == tn)
			buf_printf(p,
			    "[void]$vnet.AddressSpace.AddressPrefixes."
			    "Remove('%s'); ", PFX(&fp[j], t));
	}
	buf_puts(p, "Set-AzVirtualNetwork -VirtualNetwork $vnet\n");
}

/* The hub VNet's address space from `from` to `to`. */
void
pc_vnet_space(struct buf *c, struct buf *p, const struct design *from,
    const struct design *to)
{
	space_cmds(c, p, to, to->vnet.name, from->vnet.address_space,
	    from->vnet.naddress_space, to->vnet.address_space,
	    to->vnet.naddress_space);
}

/* Spoke `to`'s address space, from spoke `from`'s. */
void
pc_spoke_space(struct buf *c, struct buf *p, const struct design *dsn,
    const struct spoke *from, const struct spoke *to)
{
	space_cmds(c, p, dsn, to->name, from->address_space,
	    from->naddress_space, to->address_space, to->naddress_space);
}

/* The two peerings between the hub and spoke s, "HUB-to-S", "S-to-HUB". */
void
pc_peering_cmds(struct buf *c, struct buf *p, const struct design *dsn,
    const struct spoke *s, int create)
{
	char	*hs = xasprintf("%s-to-%s", dsn->vnet.name, s->name);
	char	*sh = xasprintf("%s-to-%s", s->name, dsn->vnet.name);

	buf_puts(c, "# peering names: use yours if they differ; a spoke in "
	    "another resource group needs its resource ID\n");
	buf_puts(p, "# peering names: use yours if they differ; a spoke in "
	    "another resource group needs its resource ID\n");
	if (create) {
		pc_az(c, "network vnet peering create", dsn, hs);
		pc_opt(c, "--vnet-name", dsn->vnet.name);
		pc_opt(c, "--remote-vnet", s->name);
		pc_arg(c, "--allow-vnet-access");
		pc_arg(c, "--allow-forwarded-traffic");
		pc_arg(c, "--allow-gateway-transit");
		pc_endl(c);
		pc_az(c, "network vnet peering create", dsn, sh);
		pc_opt(c, "--vnet-name", s->name);
		pc_opt(c, "--remote-vnet", dsn->vnet.name);
		pc_arg(c, "--allow-vnet-access");
		pc_arg(c, "--allow-forwarded-traffic");
		pc_arg(c, "--use-remote-gateways");
		pc_endl(c);
		pc_ps0(p, "$hub = Get-AzVirtualNetwork", dsn);
		pc_pso(p, "-Name", dsn->vnet.name);
		buf_puts(p, "; $spoke = Get-AzVirtualNetwork");
		pc_pso(p, "-ResourceGroupName", dsn->resource_group);
		pc_pso(p, "-Name", s->name);
		buf_puts(p, "\nAdd-AzVirtualNetworkPeering");
		pc_pso(p, "-Name", hs);
		buf_puts(p, " -VirtualNetwork $hub -RemoteVirtualNetworkId "
		    "$spoke.Id -AllowForwardedTraffic -AllowGatewayTransit\n");
		buf_puts(p, "Add-AzVirtualNetworkPeering");
		pc_pso(p, "-Name", sh);
		buf_puts(p, " -VirtualNetwork $spoke -RemoteVirtualNetworkId "
		    "$hub.Id -AllowForwardedTraffic -UseRemoteGateways\n");
	} else {
		pc_az(c, "network vnet peering delete", dsn, hs);
		pc_opt(c, "--vnet-name", dsn->vnet.name);
		pc_endl(c);
		pc_az(c, "network vnet peering delete", dsn, sh);
		pc_opt(c, "--vnet-name", s->name);
		pc_endl(c);
		pc_ps0(p, "Remove-AzVirtualNetworkPeering", dsn);
		pc_pso(p, "-Name", hs);
		pc_pso(p, "-VirtualNetworkName", dsn->vnet.name);
		buf_puts(p, " -Force\n");
		pc_ps0(p, "Remove-AzVirtualNetworkPeering", dsn);
		pc_pso(p, "-Name", sh);
		pc_pso(p, "-VirtualNetworkName", s->name);
		buf_puts(p, " -Force\n");
	}
	free(hs);
	free(sh);
}

/*
 * Spoke s's peering to the hub synced, after the hub's address space
 * changed: the remote side of a changed VNet is the one synced.
 */
void
pc_peering_sync_spoke(struct buf *c, struct buf *p, const struct design *dsn,
    const struct spoke *s)
{
	char	*sh = xasprintf("%s-to-%s", s->name, dsn->vnet.name);

	pc_az(c, "network vnet peering sync", dsn, sh);
	pc_opt(c, "--vnet-name", s->name);
	pc_endl(c);
	pc_ps0(p, "Sync-AzVirtualNetworkPeering", dsn);
	pc_pso(p, "-Name", sh);
	pc_pso(p, "-VirtualNetworkName", s->name);
	pc_endl(p);
	free(sh);
}

/* The hub's peering to spoke s synced, after the spoke's space changed. */
void
pc_peering_sync(struct buf *c, struct buf *p, const struct design *dsn,
    const struct spoke *s)
{
	char	*hs = xasprintf("%s-to-%s", dsn->vnet.name, s->name);

	pc_az(c, "network vnet peering sync", dsn, hs);
	pc_opt(c, "--vnet-name", dsn->vnet.name);
	pc_endl(c);
	pc_ps0(p, "Sync-AzVirtualNetworkPeering", dsn);
	pc_pso(p, "-Name", hs);
	pc_pso(p, "-VirtualNetworkName", dsn->vnet.name);
	pc_endl(p);
	free(hs);
}

void
pc_observe(struct buf *c, struct buf *p, const struct design *dsn)
{
	if (dsn->er_gateway.node)
		pc_obs_learned(c, p, dsn, dsn->er_gateway.name);
	if (dsn->vpn_gateway.node) {
		pc_obs_bgp_peers(c, p, dsn);
		pc_obs_learned(c, p, dsn, dsn->vpn_gateway.name);
	}
	obs_effective(c, p, dsn);
}

/* The Markdown code block adds its own last newline. */
const char *
pc_block(struct buf *b)
{
	if (b->len && b->ptr[b->len - 1] == '\n')
		buf_truncate(b, b->len - 1);
	return b->len ? buf_cstr(b) : NULL;
}

/* Both BGP sessions of circuit ci's private peering, path by path. */
void
pc_er_sessions(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci)
{
	char	*rg = pc_ckt_rg(ci);
	int	 k;

	for (k = 0; k < 2; k++) {
		pc_azc(c, "network express-route list-route-tables-summary",
		    dsn, ci);
		pc_arg(c, "--peering-name AzurePrivatePeering");
		pc_arg(c, "--path %s", k ? "secondary" : "primary");
		pc_arg(c, "-o table");
		pc_endl(c);
		shell_ps_context(p, pc_ckt_sub(dsn, ci));
		buf_puts(p, "Get-AzExpressRouteCircuitRouteTableSummary");
		pc_pso(p, "-ResourceGroupName", rg);
		pc_pso(p, "-ExpressRouteCircuitName", ci->name);
		buf_printf(p, " -PeeringType AzurePrivatePeering -DevicePath "
		    "%s\n", k ? "Secondary" : "Primary");
	}
	free(rg);
}

/* "echo 'MSG' >&2; exit 1" and "throw 'MSG'": msg quoted for each. */
void
pc_stop_sh(struct buf *c, const char *msg)
{
	buf_puts(c, "echo ");
	shell_string(c, SHELL_SH, msg);
	buf_puts(c, " >&2; exit 1");
}

void
pc_stop_ps(struct buf *p, const char *msg)
{
	buf_puts(p, "throw ");
	shell_string(p, SHELL_PS, msg);
}

/*
 * New user 19 item 1: a device without shared_key_ref stops the block,
 * saying what to set, rather than run a placeholder.
 */
void
pc_no_key(struct buf *c, struct buf *p, const struct vpn_device *v)
{
	char	*msg = xasprintf("STOP: the design names no shared_key_ref for "
	    "connection %s: store its key in Key Vault, set shared_key_ref "
	    "of the device to the secret (VAULT/SECRET or the secret id), "
	    "write the packet again; nothing was changed", v->connection);

	pc_stop_sh(c, msg);
	pc_endl(c);
	pc_stop_ps(p, msg);
	pc_endl(p);
	free(msg);
}

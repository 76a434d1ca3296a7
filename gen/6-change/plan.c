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
 * never from the live state of Azure.
 *
 * Why one file of about 2,000 lines: its first half is a vocabulary of
 * az CLI commands with their inverses, its second the diff-to-plan
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

/* One action and its inverse (has_inv 0: nothing to undo). */
struct act {
	enum phase	 phase;
	size_t		 seq;
	char		*object;
	struct buf	 title, text, cmds, down;
	int		 has_inv;
	struct buf	 ititle, itext, icmds, idown;
};

struct plan {
	struct act	**v;
	size_t		 n, cap;
	const struct design *base, *head;
};

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
	buf_release(&a->down);
	buf_release(&a->ititle);
	buf_release(&a->itext);
	buf_release(&a->icmds);
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
 * Commands are built one argument at a time and wrapped with a
 * backslash before a line grows past CMD_WIDTH, so they read (and
 * print) well and still paste into a shell.
 */
#define CMD_WIDTH	76

static size_t
line_len(const struct buf *c)
{
	const char	*s = buf_cstr(c), *nl = strrchr(s, '\n');

	return nl ? (size_t)(s + c->len - nl - 1) : c->len;
}

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
	if (line_len(c) + 1 + t.len > CMD_WIDTH && line_len(c) > 0)
		buf_puts(c, " \\\n    ");
	else
		buf_putc(c, ' ');
	buf_put(c, t.ptr ? t.ptr : "", t.len);
	buf_release(&t);
}

/* Ends the command on the current line. */
static void
endl(struct buf *c)
{
	buf_putc(c, '\n');
}

/* "az WHAT -g RG" and, with az(), "-n NAME". */
static void
az0(struct buf *c, const char *what, const struct design *dsn)
{
	shell_az(c, what, dsn->resource_group, NULL);
}

static void
az(struct buf *c, const char *what, const struct design *dsn,
    const char *name)
{
	az0(c, what, dsn);
	arg(c, "-n %s", name);
}

/*
 * The same for a circuit: in the resource group (and subscription) the
 * circuit lives in, which need not be the hub's.
 */
static void
azc0(struct buf *c, const char *what, const struct design *dsn,
    const struct circuit *ci)
{
	shell_az(c, what, ci->resource_group ? ci->resource_group :
	    dsn->resource_group, ci->subscription);
}

static void
azc(struct buf *c, const char *what, const struct design *dsn,
    const struct circuit *ci)
{
	azc0(c, what, dsn, ci);
	arg(c, "-n %s", ci->name);
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

static void
lng_create(struct buf *c, const struct design *dsn, const struct site *s,
    const struct vpn_device *v)
{
	char	 t[PREFIX_STRLEN];

	az(c, "network local-network-gateway create", dsn,
	    v->local_network_gateway);
	arg(c, "-l %s", dsn->region);
	arg(c, "--gateway-ip-address %s", U_ADDR(v->node, "public_ip",
	    &v->public_ip, t));
	if (v->has_bgp) {
		/* With BGP the gateway needs only the peer's address. */
		arg(c, "--local-address-prefixes %s", U_PFX(BGPN(v), "peer_ip",
		    &v->bgp_peer_ip, t));
		arg(c, "--asn %s", U_NUM(BGPN(v), "asn", v->bgp_asn, t));
		arg(c, "--bgp-peering-address %s", U_ADDR(BGPN(v), "peer_ip",
		    &v->bgp_peer_ip, t));
	} else {
		struct buf	 p = BUF_INIT;

		words_prefixes(&p, s->address_prefixes,
		    s->naddress_prefixes, " ");
		arg(c, "--local-address-prefixes %s", buf_cstr(&p));
		buf_release(&p);
	}
	endl(c);
}

static void
lng_delete(struct buf *c, const struct design *dsn,
    const struct vpn_device *v)
{
	az(c, "network local-network-gateway delete", dsn,
	    v->local_network_gateway);
	endl(c);
}

/* Reads the connection's shared key from its Key Vault reference. */
static void
psk_read(struct buf *c, const struct vpn_device *v)
{
	const char	*ref = v->shared_key_ref, *sl;

	if (ref == NULL) {
		buf_puts(c, "# the design names no shared_key_ref: store the "
		    "key in Key Vault first\n");
		buf_puts(c, "psk=$(az keyvault secret show --id "
		    "<key-vault-secret-id> --query value -o tsv)\n");
		return;
	}
	buf_puts(c, "psk=$(az keyvault secret show");
	sl = strchr(ref, '/');
	if (strstr(ref, "://") == NULL && sl && sl != ref && sl[1] &&
	    strchr(sl + 1, '/') == NULL) {
		char	*vault = xstrndup(ref, (size_t)(sl - ref));

		buf_puts(c, " \\\n    --vault-name ");
		shell_word(c, SHELL_SH, vault);
		buf_puts(c, " --name ");
		shell_word(c, SHELL_SH, sl + 1);
		free(vault);
	} else {
		buf_puts(c, " \\\n    --id ");
		shell_word(c, SHELL_SH, ref);
	}
	arg(c, "--query value -o tsv)");
	endl(c);
}

static void
conn_create(struct buf *c, const struct design *dsn,
    const struct vpn_device *v)
{
	psk_read(c, v);
	az(c, "network vpn-connection create", dsn, v->connection);
	arg(c, "-l %s", dsn->region);
	arg(c, "--vnet-gateway1 %s", dsn->vpn_gateway.name);
	arg(c, "--local-gateway2 %s", v->local_network_gateway);
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
}

static void
conn_delete(struct buf *c, const struct design *dsn,
    const struct vpn_device *v)
{
	az(c, "network vpn-connection delete", dsn, v->connection);
	endl(c);
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

static void
device_verify(struct buf *c, struct buf *text, const struct design *dsn,
    const struct site *s, const struct vpn_device *v)
{
	char	 t[PREFIX_STRLEN];

	az(c, "network vpn-connection show", dsn, v->connection);
	arg(c, "--query connectionStatus -o tsv");
	endl(c);
	buf_puts(text, "Expect the connection Connected");
	if (v->has_bgp) {
		az(c, "network vnet-gateway list-bgp-peer-status", dsn,
		    dsn->vpn_gateway.name);
		arg(c, "-o table");
		endl(c);
		az(c, "network vnet-gateway list-learned-routes", dsn,
		    dsn->vpn_gateway.name);
		arg(c, "-o table");
		endl(c);
		buf_printf(text, ", BGP peer %s Connected, and ",
		    U_ADDR(BGPN(v), "peer_ip", &v->bgp_peer_ip, t));
		words_prefixes(text, v->advertise, v->nadvertise, ", ");
		buf_printf(text, " learned from it.");
	} else {
		az(c, "network nic show-effective-route-table", dsn,
		    "<nic-of-a-test-vm>");
		arg(c, "-o table");
		endl(c);
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
	lng_create(&a->cmds, dsn, s, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Delete local network gateway %s",
	    v->local_network_gateway);
	lng_delete(&a->icmds, dsn, v);

	a = act_new(pl, PH_SITE, object);
	buf_printf(&a->title, "Connect %s to %s (connection %s)",
	    v->local_network_gateway, dsn->vpn_gateway.name, v->connection);
	buf_puts(&a->text, "The shared key is read from Key Vault into a "
	    "shell variable and never written down");
	buf_puts(&a->text, v->has_bgp ? "; BGP is enabled on the "
	    "connection." : "; static routing.");
	conn_create(&a->cmds, dsn, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Delete connection %s", v->connection);
	conn_delete(&a->icmds, dsn, v);

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
	device_verify(&a->cmds, &a->text, dsn, s, v);
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
	conn_delete(&a->cmds, dsn, v);
	buf_printf(&a->down, "%s/%s's tunnels go down%s", s->name, v->name,
	    whole_site ? "; the site is retired" : "; its traffic moves to "
	    "the site's other paths (routing impact)");
	a->has_inv = 1;
	buf_printf(&a->ititle, "Recreate connection %s", v->connection);
	buf_puts(&a->itext, "The shared key is read from Key Vault into a "
	    "shell variable and never written down.");
	conn_create(&a->icmds, dsn, v);

	a = act_new(pl, PH_REMOVE, object);
	buf_printf(&a->title, "Delete local network gateway %s",
	    v->local_network_gateway);
	lng_delete(&a->cmds, dsn, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Recreate local network gateway %s",
	    v->local_network_gateway);
	lng_create(&a->icmds, dsn, s, v);

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
er_verify(struct buf *c, const struct design *dsn, const struct circuit *ci)
{
	int	 k;

	for (k = 0; k < 2; k++) {
		azc(c, "network express-route list-route-tables", dsn, ci);
		arg(c, "--peering-name AzurePrivatePeering");
		arg(c, "--path %s", k ? "secondary" : "primary");
		arg(c, "-o table");
		endl(c);
	}
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
	er_verify(&a->cmds, dsn, er->circuit);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Withdraw %s's prefixes from circuit %s",
	    s->name, er->circuit_name);
	buf_printf(&a->itext, "On %s's routers, stop advertising ", s->name);
	words_prefixes(&a->itext, er->advertise, er->nadvertise, ", ");
	buf_printf(&a->itext, " over %s and remove its BGP sessions.",
	    er->circuit_name);
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
	er_verify(&a->cmds, dsn, er->circuit);
	buf_printf(&a->down, "%s's traffic over %s moves to its other paths "
	    "(routing impact)", s->name, er->circuit_name);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Re-attach %s to circuit %s", s->name,
	    er->circuit_name);
	er_config(&a->itext, dsn, s, er);
}

static void
circuit_create(struct buf *c, const struct design *dsn,
    const struct circuit *ci)
{
	azc(c, "network express-route create", dsn, ci);
	arg(c, "-l %s", dsn->region);
	{
		char	 t[PREFIX_STRLEN];

		arg(c, "--bandwidth %s", U_NUM(ci->node, "bandwidth_mbps",
		    ci->bandwidth_mbps, t));
	}
	buf_puts(c, " --provider ");
	shell_word(c, SHELL_SH, ci->provider);
	buf_puts(c, " \\\n    --peering-location ");
	shell_word(c, SHELL_SH, ci->peering_location);
	arg(c, "--sku-tier %s", circuit_sku_name(ci->sku));
	arg(c, "--sku-family MeteredData");
	endl(c);
	azc(c, "network express-route show", dsn, ci);
	arg(c, "--query \"{key: serviceKey, provider: "
	    "serviceProviderProvisioningState}\" -o table");
	endl(c);
}

static void
peering_create(struct buf *c, const struct design *dsn,
    const struct circuit *ci)
{
	char	 t[PREFIX_STRLEN];

	azc0(c, "network express-route peering create", dsn, ci);
	arg(c, "--circuit-name %s", ci->name);
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
}

static void
er_conn_create(struct buf *c, const struct design *dsn,
    const struct circuit *ci, const char *conn)
{
	az(c, "network vpn-connection create", dsn, conn);
	arg(c, "-l %s", dsn->region);
	arg(c, "--vnet-gateway1 %s", dsn->er_gateway.name);
	arg(c, "--express-route-circuit2 %s", ci->name);
	arg(c, "--routing-weight %ld", ci->routing_weight);
	endl(c);
	if (ci->fastpath) {
		az(c, "network vpn-connection update", dsn, conn);
		arg(c, "--set expressRouteGatewayBypass=true");
		endl(c);
	}
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
	struct buf	*fc, *fx, *ic, *ix, *ft, *it;

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
	circuit_create(fc, dsn, ci);
	buf_printf(it, "Delete circuit %s", ci->name);
	buf_printf(ix, "Ask %s to deprovision the circuit first; billing "
	    "stops once it is deleted.", ci->provider);
	azc(ic, "network express-route delete", dsn, ci);
	endl(ic);

	a = steps[1];
	SIDES(a);
	buf_printf(ft, "Configure the private peering of %s", ci->name);
	peering_create(fc, dsn, ci);
	buf_printf(it, "Delete the private peering of %s", ci->name);
	azc0(ic, "network express-route peering delete", dsn, ci);
	arg(ic, "--circuit-name %s", ci->name);
	arg(ic, "-n AzurePrivatePeering");
	endl(ic);

	a = steps[2];
	SIDES(a);
	buf_printf(ft, "Connect %s to %s (connection %s, routing weight %ld)",
	    ci->name, dsn->er_gateway.name, conn, ci->routing_weight);
	er_conn_create(fc, dsn, ci, conn);
	buf_printf(it, "Delete connection %s", conn);
	az(ic, "network vpn-connection delete", dsn, conn);
	endl(ic);
	if (remove)
		buf_printf(&a->down, "Traffic over %s moves to the remaining "
		    "paths (routing impact)", ci->name);
#undef SIDES
	buf_release(&bw);
	free(conn);
}

/* Non-zero when Azure resizes a VPN gateway from a to b in place. */
static int
vpn_resizable(const struct vpn_gateway *a, const struct vpn_gateway *b)
{
	if (a->generation != b->generation)
		return 0;
	if (a->sku == VPN_SKU_BASIC || b->sku == VPN_SKU_BASIC ||
	    vpn_sku_legacy(a->sku) || vpn_sku_legacy(b->sku))
		return 0;
	return vpn_sku_non_az(a->sku) == vpn_sku_non_az(b->sku);
}

/* Non-zero when an ExpressRoute gateway resizes from a to b in place:
 * upgrades within the non-AZ or the AZ family only. */
static int
er_resizable(const struct er_gateway *a, const struct er_gateway *b)
{
	int	 az_a = a->sku >= ER_SKU_ERGW1AZ && a->sku <= ER_SKU_ERGW3AZ;
	int	 az_b = b->sku >= ER_SKU_ERGW1AZ && b->sku <= ER_SKU_ERGW3AZ;

	if (a->sku == ER_SKU_ERGWSCALE || b->sku == ER_SKU_ERGWSCALE)
		return a->sku == b->sku && b->scale_units > a->scale_units;
	return az_a == az_b && b->sku > a->sku;
}

static void
vpn_gateway_create(struct buf *c, const struct design *dsn)
{
	const struct vpn_gateway *g = &dsn->vpn_gateway;
	size_t	 i;

	az(c, "network vnet-gateway create", dsn, g->name);
	arg(c, "-l %s", dsn->region);
	arg(c, "--vnet %s", dsn->vnet.name);
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
}

static void
er_gateway_create(struct buf *c, const struct design *dsn)
{
	const struct er_gateway *g = &dsn->er_gateway;

	az(c, "network vnet-gateway create", dsn, g->name);
	arg(c, "-l %s", dsn->region);
	arg(c, "--vnet %s", dsn->vnet.name);
	arg(c, "--gateway-type ExpressRoute");
	arg(c, "--sku %s", er_sku_name(g->sku));
	arg(c, "--public-ip-addresses <public-ip-resource>");
	endl(c);
}

/* Every VPN connection of the design, deleted or created. */
static void
all_vpn_connections(struct buf *c, const struct design *dsn, int create)
{
	size_t	 i, j;

	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++) {
			if (create)
				conn_create(c, dsn, &dsn->sites[i].devices[j]);
			else
				conn_delete(c, dsn, &dsn->sites[i].devices[j]);
		}
}

static void
all_er_connections(struct buf *c, const struct design *dsn, int create)
{
	const char	*cn;
	char		*conn;
	size_t		 i;

	for (i = 0; i < dsn->ncircuits; i++) {
		cn = circuit_connection(dsn, &dsn->circuits[i]);
		conn = cn ? xstrdup(cn) : xasprintf("cn-%s",
		    dsn->circuits[i].name);
		if (create)
			er_conn_create(c, dsn, &dsn->circuits[i], conn);
		else {
			az(c, "network vpn-connection delete", dsn, conn);
			endl(c);
		}
		free(conn);
	}
}

/* A VPN gateway SKU or generation change, from -> to. */
static void
vpn_sku_step(struct buf *title, struct buf *text, struct buf *cmds,
    struct buf *down, const struct design *from, const struct design *to)
{
	const struct vpn_gateway *a = &from->vpn_gateway, *b = &to->vpn_gateway;

	buf_printf(title, "Change VPN gateway %s from %s (generation %ld) to "
	    "%s (generation %ld)", b->name, vpn_sku_name(a->sku),
	    a->generation, vpn_sku_name(b->sku), b->generation);
	if (vpn_resizable(a, b)) {
		buf_puts(text, "A resize within the same SKU family and "
		    "generation: the gateway keeps its public IPs, BGP "
		    "settings and connections. Aggregate throughput goes from ");
		words_mbps(text, vpn_sku_mbps(a->sku, a->generation));
		buf_puts(text, " to ");
		words_mbps(text, vpn_sku_mbps(b->sku, b->generation));
		buf_puts(text, ".");
		az(cmds, "network vnet-gateway update", to, b->name);
		arg(cmds, "--sku %s", vpn_sku_name(b->sku));
		endl(cmds);
		buf_puts(down, "Tunnels may drop briefly while the instances "
		    "are resized; keep ExpressRoute up during the change");
		return;
	}
	buf_printf(text, "%s cannot be reached from %s by a resize (a "
	    "different generation, AZ and non-AZ, Basic or a retired SKU): "
	    "use the gateway migration experience in the Azure portal, or "
	    "delete the gateway and its connections and create them again "
	    "as below. Gateway creation takes 45 minutes or more.",
	    vpn_sku_name(b->sku), vpn_sku_name(a->sku));
	all_vpn_connections(cmds, from, 0);
	az(cmds, "network vnet-gateway delete", to, a->name);
	endl(cmds);
	vpn_gateway_create(cmds, to);
	all_vpn_connections(cmds, to, 1);
	buf_puts(down, "No VPN from the gateway's deletion until it is "
	    "recreated and every tunnel is up again: VPN-only sites are "
	    "down and ExpressRoute sites have no backup; creating a VPN "
	    "gateway takes 45 minutes or more (Learn, VPN Gateway: create "
	    "a gateway, docs/model.md VPNGWCREATE)");
}

static void
er_sku_step(struct buf *title, struct buf *text, struct buf *cmds,
    struct buf *down, const struct design *from, const struct design *to)
{
	const struct er_gateway *a = &from->er_gateway, *b = &to->er_gateway;

	buf_printf(title, "Change ExpressRoute gateway %s from %s to %s",
	    b->name, er_sku_name(a->sku), er_sku_name(b->sku));
	if (b->sku == ER_SKU_ERGWSCALE)
		buf_printf(title, " (%ld scale unit%s)", b->scale_units,
		    b->scale_units == 1 ? "" : "s");
	if (er_resizable(a, b)) {
		buf_puts(text, "An upgrade within the SKU family: a resize "
		    "in place. Throughput goes from ");
		words_mbps(text, er_sku_mbps(a));
		buf_puts(text, " to ");
		words_mbps(text, er_sku_mbps(b));
		buf_puts(text, ".");
		az(cmds, "network vnet-gateway update", to, b->name);
		arg(cmds, "--sku %s", er_sku_name(b->sku));
		endl(cmds);
		buf_puts(down, "None expected; ExpressRoute traffic may "
		    "fail over to the VPN briefly");
		return;
	}
	buf_puts(text, "Not a resize (a downgrade, or between the non-AZ "
	    "and AZ families): use the gateway migration experience in the "
	    "Azure portal, which builds the new gateway beside the old one in "
	    "GatewaySubnet and moves the connections, or delete and recreate "
	    "the gateway as below.");
	all_er_connections(cmds, from, 0);
	az(cmds, "network vnet-gateway delete", to, a->name);
	endl(cmds);
	er_gateway_create(cmds, to);
	all_er_connections(cmds, to, 1);
	buf_puts(down, "With delete and recreate, no ExpressRoute until the "
	    "gateway and its connections are back: traffic fails over to "
	    "the VPN (see the capacity of the circuit-down scenarios); "
	    "creating an ExpressRoute gateway takes 45 minutes or more "
	    "(docs/model.md ERGWCREATE); the migration experience keeps "
	    "it short");
}

/* The documented procedure for a new GatewaySubnet prefix. */
static void
gwsubnet_step(struct buf *title, struct buf *text, struct buf *cmds,
    struct buf *down, const struct design *from, const struct design *to)
{
	const struct subnet *a = design_gateway_subnet(from);
	const struct subnet *b = design_gateway_subnet(to);
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];

	if (b == NULL) {
		buf_puts(title, "Remove GatewaySubnet");
		buf_puts(text, "Both gateways must be gone before the subnet "
		    "can be deleted.");
		az(cmds, "network vnet subnet delete", to, "GatewaySubnet");
		arg(cmds, "--vnet-name %s", to->vnet.name);
		endl(cmds);
		return;
	}
	if (a == NULL) {
		buf_printf(title, "Create GatewaySubnet %s", PFX(&b->prefix, t));
		az(cmds, "network vnet subnet create", to, "GatewaySubnet");
		arg(cmds, "--vnet-name %s", to->vnet.name);
		arg(cmds, "--address-prefixes %s", t);
		endl(cmds);
		return;
	}
	buf_printf(title, "Move GatewaySubnet from %s to %s",
	    PFX(&a->prefix, t), PFX(&b->prefix, u));
	buf_puts(text, "A subnet that holds gateways cannot be changed: the "
	    "documented procedure deletes the connections and both "
	    "gateways, changes the subnet, and creates the gateways and "
	    "connections again. Each gateway takes 45 minutes or more to "
	    "create; the public IP resources are kept and reused.");
	all_vpn_connections(cmds, from, 0);
	all_er_connections(cmds, from, 0);
	if (from->vpn_gateway.node) {
		az(cmds, "network vnet-gateway delete", from,
		    from->vpn_gateway.name);
		endl(cmds);
	}
	if (from->er_gateway.node) {
		az(cmds, "network vnet-gateway delete", from,
		    from->er_gateway.name);
		endl(cmds);
	}
	az(cmds, "network vnet subnet update", to, "GatewaySubnet");
	arg(cmds, "--vnet-name %s", to->vnet.name);
	arg(cmds, "--address-prefixes %s", u);
	endl(cmds);
	if (to->er_gateway.node)
		er_gateway_create(cmds, to);
	if (to->vpn_gateway.node)
		vpn_gateway_create(cmds, to);
	all_er_connections(cmds, to, 1);
	all_vpn_connections(cmds, to, 1);
	buf_puts(down, "Full outage of hybrid connectivity: neither "
	    "ExpressRoute nor the VPN works from the deletion of the "
	    "gateways until both are recreated and every connection is up "
	    "again: each gateway takes 45 minutes or more to create "
	    "(docs/model.md VPNGWCREATE, ERGWCREATE)");
}

static void
plan_gwsubnet(struct plan *pl, const char *object)
{
	struct act	*a = act_new(pl, PH_GWSUBNET, object);

	gwsubnet_step(&a->title, &a->text, &a->cmds, &a->down, pl->base,
	    pl->head);
	a->has_inv = 1;
	gwsubnet_step(&a->ititle, &a->itext, &a->icmds, &a->idown, pl->head,
	    pl->base);
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
			    "has room for the new bandwidth first. An upgrade "
			    "is made in place without downtime.", b->provider);
			azc(&x->cmds, "network express-route update", h, b);
			arg(&x->cmds, "--bandwidth %ld", b->bandwidth_mbps);
			endl(&x->cmds);
			buf_puts(&x->down, "None");
			buf_printf(&x->ititle, "Keep the bandwidth of %s",
			    b->name);
			buf_puts(&x->itext, "ExpressRoute cannot lower a "
			    "circuit's bandwidth in place; roll back by "
			    "leaving the upgrade in place (the bill is the "
			    "only difference), or by moving to a new circuit "
			    "at the old bandwidth.");
		} else {
			buf_printf(&x->text, "ExpressRoute cannot lower a "
			    "circuit's bandwidth in place: create a new circuit "
			    "at the lower bandwidth, connect it, move the "
			    "sites' BGP sessions to it, then delete %s.",
			    b->name);
			buf_puts(&x->down, "Each site's ExpressRoute path "
			    "moves once, while its BGP sessions move");
			buf_printf(&x->ititle, "Move back to a circuit at the "
			    "old bandwidth");
			buf_puts(&x->itext, "Keep the old circuit until the new "
			    "one is verified, then rolling back is moving the "
			    "BGP sessions back.");
		}
	}
	if ((c = group_take(g, "sku")) != NULL) {
		x = act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "Change the SKU of %s from %s to %s",
		    b->name, circuit_sku_name(a->sku),
		    circuit_sku_name(b->sku));
		azc(&x->cmds, "network express-route update", h, b);
		arg(&x->cmds, "--sku-tier %s", circuit_sku_name(b->sku));
		endl(&x->cmds);
		buf_puts(&x->down, "None");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Change the SKU of %s back to %s",
		    b->name, circuit_sku_name(a->sku));
		azc(&x->icmds, "network express-route update", h, b);
		arg(&x->icmds, "--sku-tier %s", circuit_sku_name(a->sku));
		endl(&x->icmds);
	}
	if ((c = group_take(g, "routing_weight")) != NULL) {
		x = act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "Set the routing weight of connection %s "
		    "to %ld (was %ld)", conn, b->routing_weight,
		    a->routing_weight);
		buf_puts(&x->text, "Among ExpressRoute connections Azure "
		    "prefers the higher routing weight.");
		az(&x->cmds, "network vpn-connection update", h, conn);
		arg(&x->cmds, "--routing-weight %ld", b->routing_weight);
		endl(&x->cmds);
		x->has_inv = 1;
		buf_printf(&x->ititle, "Set the routing weight of connection "
		    "%s back to %ld", conn, a->routing_weight);
		az(&x->icmds, "network vpn-connection update", h, conn);
		arg(&x->icmds, "--routing-weight %ld", a->routing_weight);
		endl(&x->icmds);
	}
	if ((c = group_take(g, "fastpath")) != NULL) {
		x = act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "Turn FastPath %s on connection %s",
		    b->fastpath ? "on" : "off", conn);
		az(&x->cmds, "network vpn-connection update", h, conn);
		arg(&x->cmds, "--set expressRouteGatewayBypass=%s",
		    b->fastpath ? "true" : "false");
		endl(&x->cmds);
		x->has_inv = 1;
		buf_printf(&x->ititle, "Turn FastPath %s again on connection "
		    "%s", a->fastpath ? "on" : "off", conn);
		az(&x->icmds, "network vpn-connection update", h, conn);
		arg(&x->icmds, "--set expressRouteGatewayBypass=%s",
		    a->fastpath ? "true" : "false");
		endl(&x->icmds);
	}
	if ((c = group_take(g, "private_peering.bfd")) != NULL) {
		x = act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "%s BFD on the BGP sessions of %s",
		    b->peering.bfd ? "Enable" : "Disable", b->name);
		buf_printf(&x->text, "On the routers of the sites attached to "
		    "%s, on both links (VLAN %s). Microsoft's side has BFD "
		    "on; with it a link failure is detected in about a "
		    "second instead of the 180 s BGP hold time.", b->name,
		    design_num(h, b->peering.node, "vlan_id",
		    b->peering.vlan_id, t));
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

			azc0(cm, "network express-route peering update", h, b);
			arg(cm, "--circuit-name %s", b->name);
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
		}
		buf_printf(&x->down, "The BGP sessions of %s reset: its "
		    "traffic moves to the other paths until they are up",
		    b->name);
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the private peering of %s",
		    b->name);
		buf_printf(&x->idown, "%s", buf_cstr(&x->down));
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
lng_update(struct buf *c, const struct design *dsn, const struct site *s,
    const struct vpn_device *from, const struct vpn_device *to)
{
	char	 t[PREFIX_STRLEN];

	az(c, "network local-network-gateway update", dsn,
	    to->local_network_gateway);
	/* Unknown on either side: left as deployed (unknown_take). */
	if (!dev_unknown(from, to, "public_ip") &&
	    prefix_cmp(&from->public_ip, &to->public_ip) != 0)
		arg(c, "--gateway-ip-address %s", ADDR(&to->public_ip, t));
	if (to->has_bgp) {
		if (!from->has_bgp)
			arg(c, "--local-address-prefixes %s", U_PFX(BGPN(to),
			    "peer_ip", &to->bgp_peer_ip, t));
		if (!from->has_bgp || (!dev_unknown(from, to, "asn") &&
		    !dev_unknown(from, to, "peer_ip") &&
		    (from->bgp_asn != to->bgp_asn ||
		    prefix_cmp(&from->bgp_peer_ip, &to->bgp_peer_ip) != 0))) {
			arg(c, "--asn %s", U_NUM(BGPN(to), "asn", to->bgp_asn,
			    t));
			arg(c, "--bgp-peering-address %s", U_ADDR(BGPN(to),
			    "peer_ip", &to->bgp_peer_ip, t));
		}
	} else if (from->has_bgp) {
		struct buf	 p = BUF_INIT;

		words_prefixes(&p, s->address_prefixes,
		    s->naddress_prefixes, " ");
		arg(c, "--local-address-prefixes %s", buf_cstr(&p));
		arg(c, "--remove bgpSettings");
		buf_release(&p);
	}
	endl(c);
	if (from->has_bgp != to->has_bgp) {
		az(c, "network vpn-connection update", dsn, to->connection);
		arg(c, "--enable-bgp %s", to->has_bgp ? "true" : "false");
		endl(c);
	}
}

static void
ike_update(struct buf *c, const struct design *dsn,
    const struct vpn_device *from, const struct vpn_device *to)
{
	if (from->ike.version != to->ike.version) {
		az(c, "network vpn-connection update", dsn, to->connection);
		arg(c, "--set connectionProtocol=IKEv%ld", to->ike.version);
		endl(c);
	}
	if (from->ike.dpd_timeout_s != to->ike.dpd_timeout_s) {
		az(c, "network vpn-connection update", dsn, to->connection);
		arg(c, "--set dpdTimeoutSeconds=%ld", to->ike.dpd_timeout_s);
		endl(c);
	}
}

static void
key_update(struct buf *c, const struct design *dsn,
    const struct vpn_device *v)
{
	psk_read(c, v);
	az0(c, "network vpn-connection shared-key update", dsn);
	arg(c, "--connection-name %s", v->connection);
	arg(c, "--value \"$psk\"");
	endl(c);
	buf_puts(c, "unset psk\n");
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
		lng_update(&x->cmds, h, sb, a, b);
		device_verify(&x->cmds, &x->text, h, sb, b);
		buf_printf(&x->down, "%s's tunnels re-establish and its BGP "
		    "session resets", buf_cstr(&who));
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore local network gateway %s",
		    b->local_network_gateway);
		device_config(&x->itext, pl->base, a);
		lng_update(&x->icmds, h, sa, b, a);
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
		ike_update(&x->cmds, h, a, b);
		buf_printf(&x->down, "%s's tunnels re-establish",
		    buf_cstr(&who));
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the IKE settings of "
		    "connection %s", b->connection);
		buf_printf(&x->itext, "IKEv%ld, DPD %ld s.", a->ike.version,
		    a->ike.dpd_timeout_s);
		ike_update(&x->icmds, h, b, a);
	}
	if (group_take(g, "shared_key_ref")) {
		x = act_new(pl, PH_SITE, object);
		buf_printf(&x->title, "Rotate the shared key of connection %s",
		    b->connection);
		buf_printf(&x->text, "Set the same key on %s at the same "
		    "time; the key never leaves Key Vault and the shell "
		    "variable.", buf_cstr(&who));
		key_update(&x->cmds, h, b);
		buf_printf(&x->down, "%s's tunnels drop until both sides use "
		    "the new key", buf_cstr(&who));
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the previous shared key of "
		    "connection %s", b->connection);
		key_update(&x->icmds, h, a);
	}
	n = group_take_all(g, "advertise") + group_take_all(g,
	    "as_path_prepend") + group_take_all(g, "local_preference");
	if (n && b->has_bgp) {
		x = act_new(pl, PH_SITE, object);
		buf_printf(&x->title, "Change the BGP policy of %s",
		    buf_cstr(&who));
		bgp_policy_text(&x->text, g, buf_cstr(&who), 0);
		buf_puts(&x->text, " Check what the VPN gateway learns.");
		az(&x->cmds, "network vnet-gateway list-learned-routes", h,
		    h->vpn_gateway.name);
		arg(&x->cmds, "-o table");
		endl(&x->cmds);
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the BGP policy of %s",
		    buf_cstr(&who));
		bgp_policy_text(&x->itext, g, buf_cstr(&who), 1);
		az(&x->icmds, "network vnet-gateway list-learned-routes", h,
		    h->vpn_gateway.name);
		arg(&x->icmds, "-o table");
		endl(&x->icmds);
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
	er_verify(&x->cmds, h, b->circuit);
	x->has_inv = 1;
	buf_printf(&x->ititle, "Restore %s's BGP policy on circuit %s",
	    sb->name, b->circuit_name);
	bgp_policy_text(&x->itext, g, buf_cstr(&who), 1);
	er_verify(&x->icmds, h, b->circuit);
	buf_release(&who);
}

static void
plan_site_changes(struct plan *pl, struct group *g)
{
	const struct site *sa = g->v[0].old_obj, *sb = g->v[0].new_obj;
	const struct design *h = pl->head;
	struct act	*x;
	struct buf	 p = BUF_INIT;
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
		az(&x->cmds, "network local-network-gateway update", h,
		    v->local_network_gateway);
		buf_truncate(&p, 0);
		words_prefixes(&p, sb->address_prefixes,
		    sb->naddress_prefixes, " ");
		arg(&x->cmds, "--local-address-prefixes %s", buf_cstr(&p));
		endl(&x->cmds);
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the prefixes of local network "
		    "gateway %s", v->local_network_gateway);
		az(&x->icmds, "network local-network-gateway update", h,
		    v->local_network_gateway);
		buf_truncate(&p, 0);
		words_prefixes(&p, sa->address_prefixes,
		    sa->naddress_prefixes, " ");
		arg(&x->icmds, "--local-address-prefixes %s", buf_cstr(&p));
		endl(&x->icmds);
	}
	buf_release(&p);
}

static void
vnet_space(struct buf *c, const struct design *dsn)
{
	struct buf	 p = BUF_INIT;

	az(c, "network vnet update", dsn, dsn->vnet.name);
	words_prefixes(&p, dsn->vnet.address_space,
	    dsn->vnet.naddress_space, " ");
	arg(c, "--address-prefixes %s", buf_cstr(&p));
	endl(c);
	buf_release(&p);
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
	vnet_space(&x->cmds, pl->head);
	x->has_inv = 1;
	buf_printf(&x->ititle, "Restore the address space of %s",
	    pl->base->vnet.name);
	vnet_space(&x->icmds, pl->base);
}

static void
subnet_cmd(struct buf *c, const struct design *dsn, const struct subnet *s,
    const char *verb)
{
	char	 t[PREFIX_STRLEN];

	buf_printf(c, "az network vnet subnet %s -g %s", verb,
	    dsn->resource_group);
	arg(c, "--vnet-name %s", dsn->vnet.name);
	arg(c, "-n %s", s->name);
	if (strcmp(verb, "delete") != 0)
		arg(c, "--address-prefixes %s", PFX(&s->prefix, t));
	endl(c);
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
		subnet_cmd(&x->cmds, pl->head, b, "create");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Delete subnet %s", b->name);
		subnet_cmd(&x->icmds, pl->head, b, "delete");
	} else if (c->field == NULL) {
		x = act_new(pl, PH_REMOVE, c->object);
		buf_printf(&x->title, "Delete subnet %s", a->name);
		buf_puts(&x->text, "The subnet must be empty.");
		subnet_cmd(&x->cmds, pl->base, a, "delete");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Recreate subnet %s", a->name);
		subnet_cmd(&x->icmds, pl->base, a, "create");
	} else if (group_take(g, "prefix")) {
		x = act_new(pl, PH_VNET, c->object);
		buf_printf(&x->title, "Change the prefix of subnet %s",
		    b->name);
		buf_puts(&x->text, "Azure changes a subnet's prefix only "
		    "while the subnet is empty.");
		subnet_cmd(&x->cmds, pl->head, b, "update");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the prefix of subnet %s",
		    a->name);
		subnet_cmd(&x->icmds, pl->base, a, "update");
	}
	g->used[0] = 1;
}

static void
peering_cmds(struct buf *c, const struct design *dsn, const struct spoke *s,
    int create)
{
	buf_puts(c, "# peering names: use yours if they differ; a spoke in "
	    "another resource group needs its resource ID\n");
	buf_printf(c, "az network vnet peering %s -g %s",
	    create ? "create" : "delete", dsn->resource_group);
	arg(c, "-n %s-to-%s", dsn->vnet.name, s->name);
	arg(c, "--vnet-name %s", dsn->vnet.name);
	if (create) {
		arg(c, "--remote-vnet %s", s->name);
		arg(c, "--allow-vnet-access");
		arg(c, "--allow-forwarded-traffic");
		arg(c, "--allow-gateway-transit");
	}
	endl(c);
	buf_printf(c, "az network vnet peering %s -g %s",
	    create ? "create" : "delete", dsn->resource_group);
	arg(c, "-n %s-to-%s", s->name, dsn->vnet.name);
	arg(c, "--vnet-name %s", s->name);
	if (create) {
		arg(c, "--remote-vnet %s", dsn->vnet.name);
		arg(c, "--allow-vnet-access");
		arg(c, "--allow-forwarded-traffic");
		arg(c, "--use-remote-gateways");
	}
	endl(c);
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
		peering_cmds(&x->cmds, dsn, s, add);
		if (!add)
			buf_printf(&x->down, "%s loses hybrid connectivity",
			    s->name);
		x->has_inv = 1;
		buf_printf(&x->ititle, "%s spoke %s", add ? "Unpeer" :
		    "Peer again", s->name);
		peering_cmds(&x->icmds, dsn, s, !add);
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
	buf_printf(&x->cmds, "az network vnet peering sync -g %s",
	    pl->head->resource_group);
	arg(&x->cmds, "-n %s-to-%s", pl->head->vnet.name, b->name);
	arg(&x->cmds, "--vnet-name %s", pl->head->vnet.name);
	endl(&x->cmds);
	x->has_inv = 1;
	buf_printf(&x->ititle, "Restore the address space of spoke %s",
	    a->name);
	buf_printf(&x->icmds, "az network vnet peering sync -g %s",
	    pl->head->resource_group);
	arg(&x->icmds, "-n %s-to-%s", pl->head->vnet.name, b->name);
	arg(&x->icmds, "--vnet-name %s", pl->head->vnet.name);
	endl(&x->icmds);
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
		struct buf *fc, *ic;

		x = act_new(pl, add ? PH_GATEWAY : PH_REMOVE, c->object);
		x->has_inv = 1;
		fc = add ? &x->cmds : &x->icmds;
		ic = add ? &x->icmds : &x->cmds;
		buf_printf(&x->title, "%s %s gateway %s", add ? "Create" :
		    "Delete", vpn ? "VPN" : "ExpressRoute", vpn ?
		    dsn->vpn_gateway.name : dsn->er_gateway.name);
		buf_printf(&x->ititle, "%s %s gateway %s", add ? "Delete" :
		    "Recreate", vpn ? "VPN" : "ExpressRoute", vpn ?
		    dsn->vpn_gateway.name : dsn->er_gateway.name);
		if (vpn)
			vpn_gateway_create(fc, dsn);
		else
			er_gateway_create(fc, dsn);
		az(ic, "network vnet-gateway delete", dsn, vpn ?
		    dsn->vpn_gateway.name : dsn->er_gateway.name);
		endl(ic);
		buf_puts(add ? &x->text : &x->itext, "Gateway creation takes "
		    "45 minutes or more.");
		if (!add)
			buf_printf(&x->down, "Every %s connection of the design "
			    "ends", vpn ? "VPN" : "ExpressRoute");
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
		vpn_sku_step(&x->title, &x->text, &x->cmds, &x->down, pl->base,
		    pl->head);
		vpn_sku_step(&x->ititle, &x->itext, &x->icmds, &x->idown,
		    pl->head, pl->base);
	} else {
		er_sku_step(&x->title, &x->text, &x->cmds, &x->down, pl->base,
		    pl->head);
		er_sku_step(&x->ititle, &x->itext, &x->icmds, &x->idown,
		    pl->head, pl->base);
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
observe(struct buf *c, const struct design *dsn)
{
	if (dsn->er_gateway.node) {
		az(c, "network vnet-gateway list-learned-routes", dsn,
		    dsn->er_gateway.name);
		arg(c, "-o table");
		endl(c);
	}
	if (dsn->vpn_gateway.node) {
		az(c, "network vnet-gateway list-bgp-peer-status", dsn,
		    dsn->vpn_gateway.name);
		arg(c, "-o table");
		endl(c);
		az(c, "network vnet-gateway list-learned-routes", dsn,
		    dsn->vpn_gateway.name);
		arg(c, "-o table");
		endl(c);
	}
	az(c, "network nic show-effective-route-table", dsn,
	    "<nic-of-a-test-vm>");
	arg(c, "-o table");
	endl(c);
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
	observe(&x->cmds, pl->base);
	x = act_new(pl, PH_VERIFY, "");
	buf_puts(&x->title, "Check the routes against the routing impact");
	buf_puts(&x->text, "Azure should now use the routes listed under "
	    "\"Pass when\" in the post-change verification (the proposed "
	    "design's simulation).");
	observe(&x->cmds, pl->head);
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

static void
step_value(struct value *list, size_t number, const char *object,
    struct buf *title, struct buf *text, struct buf *cmds, struct buf *down)
{
	struct value	*e = value_list_map(list);

	value_map_int(e, "number", (long long)number);
	value_map_str(e, "title", buf_cstr(title));
	/* NULL becomes null: a step without text, commands or downtime. */
	value_map_str(e, "text", text->len ? buf_cstr(text) : NULL);
	/* The Markdown code block adds its own last newline. */
	/* A command that needs an unknown value cannot run (shell.h). */
	shell_guard_unknown(cmds);
	if (cmds->len && cmds->ptr[cmds->len - 1] == '\n')
		buf_truncate(cmds, cmds->len - 1);
	value_map_str(e, "commands", cmds->len ? buf_cstr(cmds) : NULL);
	value_map_str(e, "downtime", down->len ? buf_cstr(down) : NULL);
	value_map_str(e, "object", object);
}

static void
plan_values(struct plan *pl, struct value *impl, struct value *back)
{
	size_t		 i, k = 0;
	struct act	*a;

	for (i = 0; i < pl->n; i++) {
		a = pl->v[i];
		step_value(impl, i + 1, a->object, &a->title, &a->text,
		    &a->cmds, &a->down);
	}
	for (i = pl->n; i-- > 0;) {
		a = pl->v[i];
		if (!a->has_inv)
			continue;
		step_value(back, ++k, a->object, &a->ititle, &a->itext,
		    &a->icmds, &a->idown);
	}
	if (k) {
		struct buf	 t = BUF_INIT, x = BUF_INIT, c = BUF_INIT,
				 d = BUF_INIT;

		buf_puts(&t, "Check the routes against the record made before "
		    "the change");
		buf_puts(&x, "Every route is back as in the \"before\" column "
		    "of the routing impact.");
		observe(&c, pl->base);
		step_value(back, ++k, "", &t, &x, &c, &d);
		buf_release(&t);
		buf_release(&x);
		buf_release(&c);
		buf_release(&d);
	}
}

void
plan_steps(const struct design *base, const struct design *head,
    const struct diff *df, struct value *impl, struct value *back)
{
	struct plan	 pl;

	memset(&pl, 0, sizeof(pl));
	pl.base = base;
	pl.head = head;
	plan_build(&pl, df);
	plan_values(&pl, impl, back);
	plan_release(&pl);
}

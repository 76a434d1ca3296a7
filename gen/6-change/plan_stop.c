/*
 * The packet's implementation plan: the stops a block makes before it
 * acts (plan_int.h), from review 19 and new user 19.  A check that
 * decides whether the block goes on is a command that stops it (exit 1
 * in sh, throw in PowerShell), never a printout for the reader to
 * judge: a connection's settings before its delete, every connection's
 * shared key before a recreate, a name that is free before a create
 * (a create is a PUT that overwrites), the live prefix list before a
 * command that replaces the whole list, an empty subnet before its
 * delete, the circuit the design describes before its bandwidth goes
 * up.  Calls go one way: plan_step.c -> plan_stop.c -> plan_cmd.c.
 */
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/prefix.h"
#include "hybridoc/shell.h"
#include "hybridoc/sku.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

#include "plan_int.h"

/*
 * Review 19 P4: before a connection is deleted, its settings are
 * compared with what the rollback recreates from the design (BGP, DPD,
 * IKE version, weight 0, connection mode Default, and no IPsec policy,
 * policy-based selectors, custom BGP address or NAT rule), and the
 * block stops unless they match.  The query's literals are hybridoc's
 * own words and numbers.
 */
void
pc_conn_guard(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *v)
{
	char	*msg = xasprintf("STOP: connection %s has settings the "
	    "design does not hold (see %s.before.json): add them to the "
	    "design first; nothing was deleted", v->connection,
	    v->connection);

	/* Review 20 Q11: whether the service returns 45, 0 or null for a
	 * connection created without a DPD timeout is not documented: at
	 * the default (45 s), all three are taken as it. */
	int	 dflt = v->ike.dpd_timeout_s == 45;
	char	*dpd = dflt ? xstrdup("contains([`0`, `45`], "
	    "dpdTimeoutSeconds || `45`)") : xasprintf("dpdTimeoutSeconds == "
	    "`%ld`", v->ike.dpd_timeout_s);
	char	*pdpd = dflt ? xstrdup("$c.DpdTimeoutSeconds -notin 0,45") :
	    xasprintf("$c.DpdTimeoutSeconds -ne %ld", v->ike.dpd_timeout_s);

	buf_puts(c, "ok=$(");
	pc_az(c, "network vpn-connection show", dsn, v->connection);
	pc_arg(c, "--query 'enableBgp == `%s` && %s "
	    "&& connectionProtocol == `\"IKEv%ld\"` && (routingWeight || `0`) "
	    "== `0` && (connectionMode || `\"Default\"`) == `\"Default\"` && "
	    "usePolicyBasedTrafficSelectors != `true` && length(ipsecPolicies "
	    "|| `[]`) == `0` && length(gatewayCustomBgpIpAddresses || `[]`) == "
	    "`0` && length(ingressNatRules || `[]`) == `0` && "
	    "length(egressNatRules || `[]`) == `0`'", v->has_bgp ? "true" :
	    "false", dpd, v->ike.version);
	pc_arg(c, "-o json)");
	pc_endl(c);
	buf_puts(c, "if [ \"$ok\" != true ]; then ");
	pc_stop_sh(c, msg);
	buf_puts(c, "; fi\n");
	pc_ps_conn(p, dsn, v->connection);
	buf_printf(p, "if ($c.EnableBgp -ne $%s -or %s -or $c.ConnectionProtocol -ne 'IKEv%ld' -or "
	    "$c.RoutingWeight -ne 0 -or ($c.ConnectionMode -and "
	    "$c.ConnectionMode -ne 'Default') -or "
	    "$c.UsePolicyBasedTrafficSelectors -or $c.IpsecPolicies.Count -ne "
	    "0 -or $c.GatewayCustomBgpIpAddresses.Count -ne 0 -or "
	    "$c.IngressNatRules.Count -ne 0 -or $c.EgressNatRules.Count -ne "
	    "0) { ", v->has_bgp ? "true" : "false", pdpd, v->ike.version);
	pc_stop_ps(p, msg);
	buf_puts(p, " }\n");
	free(msg);
	free(dpd);
	free(pdpd);
}

/*
 * New user 19 item 1: the shared key of connection v can be read, or
 * the block stops -- run before anything is deleted, so that a recreate
 * never stops half way on its key.  Only the secret's id is printed,
 * never its value.
 */
void
pc_key_check(struct buf *c, struct buf *p, const struct vpn_device *v)
{
	const char	*ref = v->shared_key_ref;
	char		*vault = NULL, *name = NULL, *msg;

	if (ref == NULL) {
		pc_no_key(c, p, v);
		return;
	}
	msg = xasprintf("STOP: the shared key of connection %s cannot be "
	    "read from Key Vault (shared_key_ref): nothing was changed",
	    v->connection);
	buf_puts(c, "if ! az keyvault secret show");
	if (pc_kv_split(ref, &vault, &name) && strstr(ref, "://") == NULL) {
		pc_opt(c, "--vault-name", vault);
		pc_opt(c, "--name", name);
	} else
		pc_opt(c, "--id", ref);
	pc_arg(c, "--query id -o tsv >/dev/null; then");
	buf_puts(c, "\n    ");
	pc_stop_sh(c, msg);
	buf_puts(c, "\nfi\n");
	if (vault != NULL) {
		buf_puts(p, "if (-not (Get-AzKeyVaultSecret");
		pc_pso(p, "-VaultName", vault);
		pc_pso(p, "-Name", name);
		buf_puts(p, " -ErrorAction SilentlyContinue)) { ");
		pc_stop_ps(p, msg);
		buf_puts(p, " }\n");
	} else
		buf_puts(p, "# the shared_key_ref is not a Key Vault secret "
		    "id: check by hand that the key can be read before going "
		    "on\n");
	free(vault);
	free(name);
	free(msg);
}

/*
 * The key checks of every connection of dsn that c creates, put at the
 * top of c and p (after a leading "set -eu" / "$ErrorActionPreference"
 * line), so they run before the block's first delete.
 */
static void
put_first(struct buf *b, const struct buf *add, const char *lead)
{
	struct buf	 t = BUF_INIT;
	const char	*s = buf_cstr(b), *nl;
	size_t		 at = 0;

	if (add->len == 0)
		return;
	if (strncmp(s, lead, strlen(lead)) == 0 &&
	    (nl = strchr(s, '\n')) != NULL)
		at = (size_t)(nl - s) + 1;
	buf_put(&t, s, at);
	buf_put(&t, buf_cstr(add), add->len);
	buf_put(&t, s + at, b->len - at);
	buf_truncate(b, 0);
	buf_put(b, buf_cstr(&t), t.len);
	buf_release(&t);
}

void
pc_keys_first(struct buf *c, struct buf *p, const struct design *dsn)
{
	pc_keys_first_for(c, p, c, dsn);
}

void
pc_keys_first_for(struct buf *c, struct buf *p, const struct buf *from,
    const struct design *dsn)
{
	struct buf	 kc = BUF_INIT, kp = BUF_INIT, w = BUF_INIT;
	size_t		 i, j;

	if (strstr(buf_cstr(from), "vpn-connection create") == NULL)
		return;
	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++) {
			const struct vpn_device *v = &dsn->sites[i].devices[j];

			buf_truncate(&w, 0);
			buf_puts(&w, "-n ");
			shell_word(&w, SHELL_SH, v->connection);
			if (strstr(buf_cstr(from), buf_cstr(&w)) == NULL)
				continue;
			if (kc.len == 0) {
				buf_puts(&kc, "# first, before anything is "
				    "deleted or created: every connection's "
				    "shared key can be read\n");
				buf_puts(&kp, "# first, before anything is "
				    "deleted or created: every connection's "
				    "shared key can be read\n");
			}
			pc_key_check(&kc, &kp, v);
		}
	put_first(c, &kc, "set -eu");
	if (p->len)
		put_first(p, &kp, "$ErrorActionPreference");
	buf_release(&kc);
	buf_release(&kp);
	buf_release(&w);
}

/*
 * Review 19 P8: a create is a PUT that overwrites a resource of the
 * same name, so the block stops unless the name is free.  list_what is
 * the az list command ("network local-network-gateway list") with
 * opt/val its scoping (--vnet-name X) or NULL, in the hub's group or,
 * for a circuit (ci), where the circuit lives; ps_get the cmdlet that
 * lists them ("Get-AzLocalNetworkGateway"), with ps_opt/ps_val and
 * ps_tail (trusted, e.g. ").Subnets") to reach the list.
 */
static void name_check(struct buf *, struct buf *, const struct design *,
		    const struct circuit *, const char *, const char *,
		    const char *, const char *, const char *, const char *,
		    const char *, const char *, char *, int);

void
pc_name_free(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci, const char *list_what, const char *opt,
    const char *val, const char *ps_get, const char *ps_opt,
    const char *ps_val, const char *ps_tail, const char *name)
{
	name_check(c, p, dsn, ci, list_what, opt, val, ps_get, ps_opt,
	    ps_val, ps_tail, name, xasprintf("STOP: %s already exists: this "
	    "step would overwrite it and its rollback remove it; find out "
	    "whose it is first", name), 0);
}

/*
 * Review 20 Q6: a rollback that recreates what its step deleted does
 * nothing where the name exists (the step stopped before its delete):
 * a create is a PUT that would strip the live resource's settings.
 * The same lookup as pc_name_free; "exit 0" / "return" instead of a stop.
 */
void
pc_skip_if_exists(struct buf *c, struct buf *p, const struct design *dsn,
    const char *list_what, const char *opt, const char *val,
    const char *ps_get, const char *ps_opt, const char *ps_val,
    const char *ps_tail, const char *name, const char *why)
{
	name_check(c, p, dsn, NULL, list_what, opt, val, ps_get, ps_opt,
	    ps_val, ps_tail, name, xasprintf("%s exists (%s): nothing to "
	    "roll back", name, why), 1);
}

static void
name_check(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci, const char *list_what, const char *opt,
    const char *val, const char *ps_get, const char *ps_opt,
    const char *ps_val, const char *ps_tail, const char *name, char *msg,
    int skip)
{
	struct buf	 q = BUF_INIT, s = BUF_INIT;
	const char	*t;

	buf_puts(c, "id=$(");
	if (ci)
		pc_azc0(c, list_what, dsn, ci);
	else
		pc_az0(c, list_what, dsn);
	if (opt)
		pc_opt(c, opt, val);
	/* As plan_gw.c's lists: a plain name in double quotes, anything
	 * else escaped for JMESPath and quoted for the shell. */
	buf_puts(&q, "[?name=='");
	for (t = name; *t; t++) {
		if (*t == '\'' || *t == '\\')
			buf_putc(&q, '\\');
		buf_putc(&q, *t);
	}
	buf_puts(&q, "'].id");
	if (strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") == strlen(name))
		buf_printf(&s, "--query \"%s\"", buf_cstr(&q));
	else {
		buf_puts(&s, "--query ");
		shell_word(&s, SHELL_SH, buf_cstr(&q));
	}
	pc_wrap_put(c, &s);
	pc_arg(c, "-o tsv)");
	pc_endl(c);
	buf_puts(c, "if [ -n \"$id\" ]; then ");
	if (skip) {
		buf_puts(c, "echo ");
		shell_word(c, SHELL_SH, msg);
		buf_puts(c, "; exit 0");
	} else
		pc_stop_sh(c, msg);
	buf_puts(c, "; fi\n");
	if (ci) {
		char	*rg = pc_ckt_rg(ci);

		shell_ps_context(p, pc_ckt_sub(dsn, ci));
		buf_printf(p, "if ((%s", ps_get);
		pc_pso(p, "-ResourceGroupName", rg);
		free(rg);
	} else {
		char	*head = xasprintf("if ((%s", ps_get);

		pc_ps0(p, head, dsn);
		free(head);
	}
	if (ps_opt)
		pc_pso(p, ps_opt, ps_val);
	buf_printf(p, ")%s | Where-Object Name -eq ", ps_tail ? ps_tail : "");
	shell_string(p, SHELL_PS, name);
	buf_puts(p, ") { ");
	if (skip) {
		shell_string(p, SHELL_PS, msg);
		buf_puts(p, "; return");
	} else
		pc_stop_ps(p, msg);
	buf_puts(p, " }\n");
	buf_release(&q);
	buf_release(&s);
	free(msg);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "a b c": prefixes formatted and sorted as JMESPath's sort() does. */
static void
sorted_prefixes(struct buf *b, const struct prefix *px, size_t n,
    const char *sep, const char *q)
{
	char	**v = xcalloc(n + 1, sizeof(*v));
	char	  t[PREFIX_STRLEN];
	size_t	  i;

	for (i = 0; i < n; i++)
		v[i] = xstrdup(PFX(&px[i], t));
	qsort(v, n, sizeof(*v), str_cmp);
	for (i = 0; i < n; i++) {
		buf_printf(b, "%s%s%s%s", i ? sep : "", q, v[i], q);
		free(v[i]);
	}
	free(v);
}

/*
 * Review 19 P6: the Azure CLI sets a whole prefix list, so before it
 * does, the live list is read and compared with the one of the design
 * the step starts from (fp, fn); review 20 Q7: the one it leads to (tp,
 * tn) means the change is made already (a run again after it worked, a
 * rollback of a step that never ran): it is printed and the command
 * skipped; anything else stops the block.  what is the show command,
 * query the list's JMESPath path.  The guard opens an if that
 * pc_guard_end() closes after the command.
 */
static void
list_guard_sh(struct buf *c, const struct design *dsn, const char *what,
    const char *name, const char *query, const struct prefix *fp,
    size_t fn, const struct prefix *tp, size_t tn, const char *label)
{
	struct buf	 want = BUF_INIT, to = BUF_INIT, msg = BUF_INIT;

	sorted_prefixes(&want, fp, fn, " ", "");
	if (tp == NULL) {
		/* Two-way (a routing-mode change, whose command does more
		 * than set the list): the start or a stop. */
		buf_printf(&msg, "STOP: the live %s of %s is not %s as the "
		    "design has it: the command below replaces the whole "
		    "list; add the live prefixes to the design first", label,
		    name, buf_cstr(&want));
		buf_puts(c, "cur=$(");
		pc_az(c, what, dsn, name);
		pc_arg(c, "--query \"join(' ', sort(%s))\" -o tsv)", query);
		pc_endl(c);
		buf_printf(c, "if [ \"$cur\" != '%s' ]; then ",
		    buf_cstr(&want));
		pc_stop_sh(c, buf_cstr(&msg));
		buf_puts(c, "; fi\n");
		buf_release(&want);
		buf_release(&msg);
		return;
	}
	sorted_prefixes(&to, tp, tn, " ", "");
	buf_printf(&msg, "STOP: the live %s of %s is neither %s as the design "
	    "has it before this step nor %s as it has it after: the command "
	    "below replaces the whole list; add the live prefixes to the "
	    "design first", label, name, buf_cstr(&want), buf_cstr(&to));
	buf_puts(c, "cur=$(");
	pc_az(c, what, dsn, name);
	pc_arg(c, "--query \"join(' ', sort(%s))\" -o tsv)", query);
	pc_endl(c);
	buf_printf(c, "if [ \"$cur\" = '%s' ]; then\n    echo 'the live %s "
	    "of %s is already %s: nothing to change'\n", buf_cstr(&to),
	    label, name, buf_cstr(&to));
	buf_printf(c, "elif [ \"$cur\" != '%s' ]; then\n    ",
	    buf_cstr(&want));
	pc_stop_sh(c, buf_cstr(&msg));
	buf_puts(c, "\nelse\n");
	buf_release(&want);
	buf_release(&to);
	buf_release(&msg);
}

void
pc_guard_end(struct buf *c)
{
	buf_puts(c, "fi\n");
}

void
pc_guard_end2(struct buf *c, struct buf *p)
{
	buf_puts(c, "fi\n");
	buf_puts(p, "}\n");
}

void
pc_subnet_recreate(struct buf *itext, struct buf *c, struct buf *p,
    const struct design *dsn, const struct subnet *a)
{
	buf_printf(itext, "The design holds only its prefix: "
	    "restore by hand what %s.before.json lists (NSG, route "
	    "table, NAT gateway, delegations, service endpoints), for "
	    "example with the --network-security-group, --route-table, "
	    "--nat-gateway, --service-endpoints and --delegations "
	    "options of az network vnet subnet update.", a->name);
	buf_printf(itext, " Only if the step deleted it: where "
	    "%s exists (the step stopped before its delete) the block "
	    "creates nothing, since a create would replace the live "
	    "subnet's settings with the prefix alone.", a->name);
	pc_skip_if_exists(c, p, dsn, "network vnet subnet list",
	    "--vnet-name", dsn->vnet.name, "Get-AzVirtualNetwork", "-Name",
	    dsn->vnet.name, ".Subnets", a->name, "the step stopped before "
	    "its delete");
	pc_subnet_cmd(c, p, dsn, a->name, &a->prefix, "create");
}

void
pc_space_guard(struct buf *c, const struct design *dsn, const char *vnet,
    const struct prefix *fp, size_t fn, const struct prefix *tp, size_t tn)
{
	list_guard_sh(c, dsn, "network vnet show", vnet,
	    "addressSpace.addressPrefixes", fp, fn, tp, tn, "address space");
}

void
pc_lng_guard_list(struct buf *c, struct buf *p, const struct design *dsn,
    const char *lng, const struct prefix *px, size_t n,
    const struct prefix *tp, size_t tn)
{
	struct buf	 want = BUF_INIT, to = BUF_INIT, msg = BUF_INIT;

	list_guard_sh(c, dsn, "network local-network-gateway show", lng,
	    "localNetworkAddressSpace.addressPrefixes", px, n, tp, tn,
	    "prefix list");
	sorted_prefixes(&want, px, n, ", ", "'");
	if (tp == NULL) {
		buf_printf(&msg, "STOP: the live prefix list of %s is not the "
		    "design's: the command below replaces the whole list; add "
		    "the live prefixes to the design first", lng);
		pc_ps0(p, "$lng = Get-AzLocalNetworkGateway", dsn);
		pc_pso(p, "-Name", lng);
		buf_printf(p, "; if (Compare-Object @($lng."
		    "LocalNetworkAddressSpace.AddressPrefixes) @(%s)) { ",
		    buf_cstr(&want));
		pc_stop_ps(p, buf_cstr(&msg));
		buf_puts(p, " }\n");
		buf_release(&want);
		buf_release(&msg);
		return;
	}
	sorted_prefixes(&to, tp, tn, ", ", "'");
	buf_printf(&msg, "STOP: the live prefix list of %s is neither the "
	    "design's before this step nor after it: the command below "
	    "replaces the whole list; add the live prefixes to the design "
	    "first", lng);
	pc_ps0(p, "$lng = Get-AzLocalNetworkGateway", dsn);
	pc_pso(p, "-Name", lng);
	buf_printf(p, "\nif (-not (Compare-Object @($lng.LocalNetworkAddressSpace."
	    "AddressPrefixes) @(%s))) { 'the live prefix list of %s is already "
	    "the one after this step: nothing to change' } elseif "
	    "(Compare-Object @($lng.LocalNetworkAddressSpace.AddressPrefixes) "
	    "@(%s)) { ", buf_cstr(&to), lng, buf_cstr(&want));
	pc_stop_ps(p, buf_cstr(&msg));
	buf_puts(p, " } else {\n");
	buf_release(&want);
	buf_release(&to);
	buf_release(&msg);
}

void
pc_lng_guard(struct buf *c, struct buf *p, const struct design *dsn,
    const struct vpn_device *v, const struct site *from,
    const struct site *to)
{
	pc_lng_guard_list(c, p, dsn, v->local_network_gateway,
	    from->address_prefixes, from->naddress_prefixes,
	    to->address_prefixes, to->naddress_prefixes);
}

/*
 * Review 19 P9: a subnet recorded before it is deleted (NAME.before.json,
 * with its NSG, route table, NAT gateway, delegations and service
 * endpoints), and the block stopped unless nothing is in it.
 */
void
pc_subnet_record(struct buf *c, struct buf *p, const struct design *dsn,
    const char *name)
{
	struct buf	 f = BUF_INIT, fw = BUF_INIT, fp = BUF_INIT;
	char		*msg = xasprintf("STOP: subnet %s is not empty (IP "
	    "configurations or private endpoints): move them first; nothing "
	    "was deleted", name);

	buf_printf(&f, "%s.before.json", name);
	shell_word(&fw, SHELL_SH, buf_cstr(&f));
	shell_word(&fp, SHELL_PS, buf_cstr(&f));
	pc_az(c, "network vnet subnet show", dsn, name);
	pc_opt(c, "--vnet-name", dsn->vnet.name);
	pc_arg(c, "-o json > %s", buf_cstr(&fw));
	pc_endl(c);
	pc_az(c, "network vnet subnet show", dsn, name);
	pc_opt(c, "--vnet-name", dsn->vnet.name);
	pc_arg(c, "--query '{nsg: networkSecurityGroup.id, routeTable: "
	    "routeTable.id, natGateway: natGateway.id, delegations: "
	    "delegations[].serviceName, serviceEndpoints: "
	    "serviceEndpoints[].service}' -o json");
	pc_endl(c);
	buf_puts(c, "n=$(");
	pc_az(c, "network vnet subnet show", dsn, name);
	pc_opt(c, "--vnet-name", dsn->vnet.name);
	pc_arg(c, "--query 'sum([length(ipConfigurations || `[]`), "
	    "length(privateEndpoints || `[]`)])' -o tsv)");
	pc_endl(c);
	buf_puts(c, "if [ \"$n\" != 0 ]; then ");
	pc_stop_sh(c, msg);
	buf_puts(c, "; fi\n");
	pc_ps0(p, "$vnet = Get-AzVirtualNetwork", dsn);
	pc_pso(p, "-Name", dsn->vnet.name);
	buf_puts(p, "; $sn = Get-AzVirtualNetworkSubnetConfig");
	pc_pso(p, "-Name", name);
	buf_printf(p, " -VirtualNetwork $vnet; $sn | ConvertTo-Json -Depth 10 "
	    "| Set-Content -Path %s; $sn | Select-Object "
	    "@{Name='Nsg'; Expression={$_.NetworkSecurityGroup.Id}}, "
	    "@{Name='RouteTable'; Expression={$_.RouteTable.Id}}, "
	    "@{Name='NatGateway'; Expression={$_.NatGateway.Id}}, "
	    "Delegations, ServiceEndpoints\n", buf_cstr(&fp));
	buf_puts(p, "if ($sn.IpConfigurations.Count + "
	    "$sn.PrivateEndpoints.Count -ne 0) { ");
	pc_stop_ps(p, msg);
	buf_puts(p, " }\n");
	buf_release(&f);
	buf_release(&fw);
	buf_release(&fp);
	free(msg);
}

/*
 * Review 19 P12: before a circuit's bandwidth goes up, which cannot be
 * undone, the circuit is read and the block stops unless it is the one
 * the design describes: its bandwidth, provider state Provisioned and
 * its SKU tier.
 */
void
pc_ckt_expect(struct buf *c, struct buf *p, const struct design *dsn,
    const struct circuit *ci, const struct circuit *to)
{
	const char	*tier = circuit_sku_names[ci->sku];
	const char	*ttier = circuit_sku_names[to->sku];
	char		*want = xasprintf("%ld Provisioned %s",
	    ci->bandwidth_mbps, tier);
	char		*done = xasprintf("%ld Provisioned %s",
	    to->bandwidth_mbps, ttier);
	char		*msg = xasprintf("STOP: circuit %s is neither %ld Mbps "
	    "(before this step) nor %ld Mbps (after it), provider state "
	    "Provisioned and SKU tier %s as the design has it: nothing was "
	    "changed", ci->name, ci->bandwidth_mbps, to->bandwidth_mbps, tier);

	buf_puts(c, "cur=$(");
	pc_azc(c, "network express-route show", dsn, ci);
	pc_arg(c, "--query \"join(' ', [to_string(serviceProviderProperties."
	    "bandwidthInMbps), serviceProviderProvisioningState, sku.tier])\" "
	    "-o tsv)");
	pc_endl(c);
	/* Review 20 Q7: already at the new bandwidth: nothing to do. */
	buf_printf(c, "if [ \"$cur\" = '%s' ]; then\n    echo 'circuit %s "
	    "is already %ld Mbps: nothing to change'\nelif [ \"$cur\" != "
	    "'%s' ]; then\n    ", done, ci->name, to->bandwidth_mbps, want);
	pc_stop_sh(c, msg);
	buf_puts(c, "\nelse\n");
	pc_ps_ckt(p, dsn, ci);
	buf_printf(p, "if ($ckt.ServiceProviderProperties.BandwidthInMbps "
	    "-eq %ld -and $ckt.ServiceProviderProvisioningState -eq "
	    "'Provisioned' -and $ckt.Sku.Tier -eq '%s') { 'circuit %s is "
	    "already %ld Mbps: nothing to change' } elseif "
	    "($ckt.ServiceProviderProperties.BandwidthInMbps "
	    "-ne %ld -or $ckt.ServiceProviderProvisioningState -ne "
	    "'Provisioned' -or $ckt.Sku.Tier -ne '%s') { ",
	    to->bandwidth_mbps, ttier, ci->name, to->bandwidth_mbps,
	    ci->bandwidth_mbps, tier);
	pc_stop_ps(p, msg);
	buf_puts(p, " } else {\n");
	free(want);
	free(done);
	free(msg);
}

/*
 * Review 19 P6: a change between BGP and static routing sets the local
 * network gateway's whole prefix list (to the site's prefixes, or to the
 * BGP peer's address), so the block first stops unless the live list is
 * the one the device has now (from, in site s).
 */
void
pc_lng_mode_guard(struct buf *c, struct buf *p, const struct design *dsn,
    const struct site *s, const struct vpn_device *from,
    const struct vpn_device *to)
{
	if (from->has_bgp == to->has_bgp)
		return;
	if (!from->has_bgp)
		pc_lng_guard_list(c, p, dsn, to->local_network_gateway,
		    s->address_prefixes, s->naddress_prefixes, NULL, 0);
	else if (!value_is_unknown(value_map_get(BGPN(from), "peer_ip")))
		pc_lng_guard_list(c, p, dsn, to->local_network_gateway,
		    &from->bgp_peer_ip, 1, NULL, 0);
}

/*
 * Review 19 P8: both peerings of spoke s (HUB-to-S, S-to-HUB, as
 * pc_peering_cmds() names them) are free before they are created.
 */
void
pc_peerings_free(struct buf *c, struct buf *p, const struct design *dsn,
    const struct spoke *s)
{
	char	*hs = xasprintf("%s-to-%s", dsn->vnet.name, s->name);
	char	*sh = xasprintf("%s-to-%s", s->name, dsn->vnet.name);

	pc_name_free(c, p, dsn, NULL, "network vnet peering list",
	    "--vnet-name", dsn->vnet.name, "Get-AzVirtualNetworkPeering",
	    "-VirtualNetworkName", dsn->vnet.name, NULL, hs);
	pc_name_free(c, p, dsn, NULL, "network vnet peering list",
	    "--vnet-name", s->name, "Get-AzVirtualNetworkPeering",
	    "-VirtualNetworkName", s->name, NULL, sh);
	free(hs);
	free(sh);
}

/* ---- review 19 P2: the records a block reads, before it starts ---- */

/* Whether name ends with one of the record suffixes the go/no-go
 * writes (plan_rec.c, plan_stop.c). */
static int
is_record(const char *name, size_t n)
{
	static const char *const ends[] = { ".before.json",
	    ".public-ips.txt", ".addresses-before.json",
	    ".attached-before.json" };
	size_t	 i, k;

	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		k = strlen(ends[i]);
		if (n > k && memcmp(name + n - k, ends[i], k) == 0)
			return 1;
	}
	return 0;
}

/* Whether the NUL-separated list names holds the n bytes at s. */
static int
has_name(const struct buf *names, const char *s, size_t n)
{
	const char	*p = names->ptr, *end = names->len ? names->ptr +
	    names->len : names->ptr;

	for (; p != NULL && p < end; p += strlen(p) + 1)
		if (strlen(p) == n && memcmp(p, s, n) == 0)
			return 1;
	return 0;
}

/* The start of the line of text b that s is on. */
static const char *
line_start(const char *b, const char *s)
{
	while (s > b && s[-1] != '\n')
		s--;
	return s;
}

/* Whether s, in text b, is inside a message (after "echo '", "throw '"
 * or "# " on its line): named there, not read. */
static int
in_message(const char *b, const char *s)
{
	const char	*l = line_start(b, s);
	static const char *const leads[] = { "echo '", "throw '", "# " };
	size_t		 i, k;

	for (i = 0; i < sizeof(leads) / sizeof(leads[0]); i++)
		for (k = 0; l + k < s; k++)
			if (strncmp(l + k, leads[i], strlen(leads[i])) == 0)
				return 1;
	return 0;
}

/* Whether s, in text b, is on a line that checks a record (made by
 * records_checks): named there, not read. */
static int
in_check(const char *b, const char *s)
{
	const char	*l = line_start(b, s);

	return strncmp(l, "if [ ! -s ", 10) == 0 ||
	    strncmp(l, "if (-not (Test-Path -Path ", 26) == 0;
}

/* Whether PowerShell text b writes the file named by the n bytes at s
 * (Set-Content -Path NAME, quoted or not). */
static int
ps_writes(const char *b, const char *s, size_t n)
{
	const char	*x;
	static const char lead[] = "Set-Content -Path ";

	for (x = strstr(b, lead); x != NULL; x = strstr(x + 1, lead)) {
		x += sizeof(lead) - 1;
		if (*x == '\'')
			x++;
		if (strncmp(x, s, n) == 0)
			return 1;
	}
	return 0;
}

/*
 * The record files block b reads and does not itself write, each once,
 * into names (NUL-separated).  A name is a run of [A-Za-z0-9._-]; the
 * block writes it when "> NAME", "NAME.new" or "-Path 'NAME'" after
 * Set-Content or Out-File occurs in it.
 */
static void
records_read(const char *b, struct buf *names)
{
	static const char word[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
	struct buf	 written = BUF_INIT, w = BUF_INIT;
	const char	*s, *x;
	size_t		 n;
	int		 pass;

	/* Pass 0: the names the block writes ("> NAME", across a line
	 * continuation too; "NAME.new"; Set-Content -Path NAME).  Pass 1:
	 * the others it names outside a message. */
	for (pass = 0; pass < 2; pass++)
		for (s = b; *s; s += n ? n : 1) {
			n = strspn(s, word);
			if (n == 0 || !is_record(s, n) || (s != b &&
			    s[-1] != ' ' && s[-1] != '\'' && s[-1] != '"' &&
			    s[-1] != '\n'))
				continue;
			if (pass == 1) {
				if (!in_message(b, s) && !in_check(b, s) &&
				    !has_name(&written, s, n) &&
				    !has_name(names, s, n)) {
					buf_put(names, s, n);
					buf_putc(names, '\0');
				}
				continue;
			}
			for (x = s; x > b && (x[-1] == ' ' || x[-1] == '\\' ||
			    x[-1] == '\n' || x[-1] == '\''); x--)
				;
			buf_truncate(&w, 0);
			buf_put(&w, s, n);
			buf_puts(&w, ".new");
			if ((x > b && x[-1] == '>') || strstr(b,
			    buf_cstr(&w)) != NULL || ps_writes(b, s, n)) {
				if (!has_name(&written, s, n)) {
					buf_put(&written, s, n);
					buf_putc(&written, '\0');
				}
			}
		}
	buf_release(&written);
	buf_release(&w);
}

/* The checks, in shell sh, that every record of names exists, is not
 * empty and, for a subnet's attachments, is in sh's own format. */
static void
records_checks(const struct buf *names, enum shell sh, struct buf *k)
{
	const char	*n, *end = names->len ?
	    names->ptr + names->len : names->ptr;
	char		*msg;
	int		 obj;

	for (n = names->ptr; n != NULL && n < end; n += strlen(n) + 1) {
		msg = xasprintf("STOP: %s is missing or empty: run this step's "
		    "go/no-go first, with the same tool as this block (the "
		    "Azure CLI and PowerShell write their records in different "
		    "formats); nothing was changed", n);
		obj = strstr(n, ".attached-before.json") != NULL;
		if (sh == SHELL_SH) {
			buf_puts(k, "if [ ! -s ");
			shell_word(k, SHELL_SH, n);
			if (obj) {
				buf_puts(k, " ] || [ \"$(head -c 1 ");
				shell_word(k, SHELL_SH, n);
				buf_puts(k, ")\" != '{' ]; then\n    ");
			} else
				buf_puts(k, " ]; then\n    ");
			pc_stop_sh(k, msg);
			buf_puts(k, "\nfi\n");
		} else {
			buf_puts(k, "if (-not (Test-Path -Path ");
			shell_word(k, SHELL_PS, n);
			buf_puts(k, ") -or -not (Get-Content -Raw -Path ");
			shell_word(k, SHELL_PS, n);
			buf_puts(k, ")");
			if (obj) {
				buf_puts(k, " -or -not (Get-Content -Raw -Path ");
				shell_word(k, SHELL_PS, n);
				buf_puts(k, ").TrimStart().StartsWith('[')");
			}
			buf_puts(k, ") { ");
			pc_stop_ps(k, msg);
			buf_puts(k, " }\n");
		}
		free(msg);
	}
}

/* Drops from names those that block b already checks (lead NAME). */
static void
drop_checked(struct buf *names, const char *b, const char *lead)
{
	struct buf	 keep = BUF_INIT, w = BUF_INIT;
	const char	*n, *end = names->len ?
	    names->ptr + names->len : names->ptr;

	for (n = names->ptr; n != NULL && n < end; n += strlen(n) + 1) {
		buf_truncate(&w, 0);
		buf_puts(&w, lead);
		buf_puts(&w, n);
		if (strstr(b, buf_cstr(&w)) != NULL)
			continue;
		buf_puts(&keep, n);
		buf_putc(&keep, '\0');
	}
	buf_truncate(names, 0);
	if (keep.len)
		buf_put(names, keep.ptr, keep.len);
	buf_release(&keep);
	buf_release(&w);
}

/*
 * Review 19 P2: a block that reads records of the go/no-go checks, at
 * its top, that each exists and is not empty, and that the one record
 * whose format differs between the two shells (a subnet's attachments:
 * a JSON object from the CLI, a JSON array from PowerShell) is the one
 * this shell wrote -- so a go/no-go run with the other tool, or not at
 * all, stops the block before its first delete, not after it.
 */
void
pc_records_first(struct buf *c, struct buf *p)
{
	pc_records_first_for(c, p, c, p);
}

/*
 * The same checks put first in c and p for the records that fc and fp
 * read: the first part of a move, which deletes, checks the records its
 * later parts and its rollback need to rebuild, before its first delete
 * (review 21 N1).  A record c already checks is not checked twice.
 */
void
pc_records_first_for(struct buf *c, struct buf *p, const struct buf *fc,
    const struct buf *fp)
{
	struct buf	 names = BUF_INIT, kc = BUF_INIT, kp = BUF_INIT;

	records_read(buf_cstr(fc), &names);
	drop_checked(&names, buf_cstr(c), "if [ ! -s ");
	records_checks(&names, SHELL_SH, &kc);
	buf_truncate(&names, 0);
	records_read(buf_cstr(fp), &names);
	drop_checked(&names, buf_cstr(p), "if (-not (Test-Path -Path ");
	records_checks(&names, SHELL_PS, &kp);
	put_first(c, &kc, "set -eu");
	if (p->len)
		put_first(p, &kp, "$ErrorActionPreference");
	buf_release(&names);
	buf_release(&kc);
	buf_release(&kp);
}

/*
 * Review 19 P3: a block that deletes what a later part reconnects to a
 * circuit reads that circuit first, where the commands look for it (its
 * resource group and subscription, or the placeholder left in them), so
 * a circuit that cannot be read stops the move before its first delete,
 * not some 45 minutes into the outage.  Circuits named in the
 * "express-route show" of from.
 */
void
pc_circuits_first_for(struct buf *c, struct buf *p, const struct buf *from,
    const struct design *dsn)
{
	struct buf	 kc = BUF_INIT, kp = BUF_INIT;
	const char	*f = buf_cstr(from);
	char		*msg;
	size_t		 i;

	if (strstr(f, "express-route show") == NULL)
		return;
	for (i = 0; i < dsn->ncircuits; i++) {
		const struct circuit *ci = &dsn->circuits[i];

		if (strstr(f, ci->name) == NULL)
			continue;
		msg = xasprintf("STOP: circuit %s cannot be read where these "
		    "commands look for it (resource group and subscription: "
		    "circuits[].resource_group and subscription, or replace "
		    "the placeholder): a later part reconnects the "
		    "ExpressRoute gateway to it; nothing was changed",
		    ci->name);
		buf_puts(&kc, "if ! ");
		pc_azc(&kc, "network express-route show", dsn, ci);
		pc_arg(&kc, "--query id -o tsv >/dev/null; then");
		buf_puts(&kc, "\n    ");
		pc_stop_sh(&kc, msg);
		buf_puts(&kc, "\nfi\n");
		if (p->len) {
			pc_ps_ckt(&kp, dsn, ci);
			buf_puts(&kp, "if (-not $ckt) { ");
			pc_stop_ps(&kp, msg);
			buf_puts(&kp, " }\n");
		}
		free(msg);
	}
	put_first(c, &kc, "set -eu");
	if (p->len)
		put_first(p, &kp, "$ErrorActionPreference");
	buf_release(&kc);
	buf_release(&kp);
}

void
pc_split_part(struct buf *cmds, struct buf *ps, const struct buf *c,
    const struct buf *p, const char *what, const char *gw)
{
	if (cmds->len == 0) {
		/* set +e: a caller's set -e would end the block at the
		 * first part that stops (review 21 N2). */
		buf_puts(cmds, PC_SPLIT_MARK " each stops on its own and "
		    "the next still runs; either can run first, on its own, "
		    "and again after a stop\n(\nset +e\nrc=0\n");
		buf_puts(ps, PC_SPLIT_MARK " each stops on its own and "
		    "the next still runs; either can run first, on its own, "
		    "and again after a stop\n& {\n$stopped = @()\n");
	}
	buf_printf(cmds, "# %s part: %s and its connections\n(\nset -eu\n",
	    what, gw);
	buf_put(cmds, buf_cstr(c), c->len);
	if (c->len && buf_cstr(c)[c->len - 1] != '\n')
		buf_putc(cmds, '\n');
	/* Not "( ... ) || ...": set -e would be ignored inside. */
	buf_printf(cmds, ")\nif [ $? -ne 0 ]; then echo 'the %s part stopped "
	    "(see above); the other part does not depend on it' >&2; rc=1; "
	    "fi\n", what);
	buf_printf(ps, "# %s part: %s and its connections\ntry { & {\n"
	    "$ErrorActionPreference = 'Stop'\n", what, gw);
	buf_put(ps, buf_cstr(p), p->len);
	if (p->len && buf_cstr(p)[p->len - 1] != '\n')
		buf_putc(ps, '\n');
	buf_printf(ps, "} } catch { $stopped += '%s'; Write-Warning \"the %s "
	    "part stopped: $($_.Exception.Message); the other part does not "
	    "depend on it\" }\n", what, what);
}

void
pc_split_end(struct buf *cmds, struct buf *ps)
{
	buf_puts(cmds, "exit \"$rc\"\n)\n");
	buf_puts(ps, "if ($stopped.Count -gt 0) { throw \"STOP: the $($stopped "
	    "-join ' and ') part stopped (see above); run it again once the "
	    "cause is fixed\" }\n}\n");
}

int
pc_is_split(const struct buf *b)
{
	return strncmp(buf_cstr(b), PC_SPLIT_MARK, strlen(PC_SPLIT_MARK)) == 0;
}

/*
 * Part 1 of a GatewaySubnet move, which deletes, checks before its first
 * delete what a later part (lc, lp) needs to rebuild: the circuits it
 * reconnects (review 19 P3), the records it reads (review 21 N1) and,
 * for the last part (keys), the shared keys of the connections it
 * recreates (new user 19 item 1).
 */
void
pc_first_part_checks(struct buf *c, struct buf *p, const struct buf *lc,
    const struct buf *lp, const struct design *dsn, int keys)
{
	if (keys)
		pc_keys_first_for(c, p, lc, dsn);
	pc_circuits_first_for(c, p, lc, dsn);
	pc_records_first_for(c, p, lc, lp);
}

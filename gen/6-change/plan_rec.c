/*
 * The packet's implementation plan, part one b (plan_int.h): the
 * commands that record a gateway before a step deletes it and take the
 * inventory of what depends on it -- its public IP resources and BGP
 * addresses (GW.before.json, GW.public-ips.txt,
 * GW.addresses-before.json), read back by the create and compared after
 * it; every connection on it in every subscription (Azure Resource
 * Graph) and each one's settings; its point-to-site configuration and
 * NAT rules; the VNets that use its gateway transit.  Built on the
 * command vocabulary (plan_cmd.c); used by the gates (plan_gate.c) and
 * the gateway steps (plan_gw.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/procedure_cmd.h"
#include "hybridoc/shell.h"
#include "hybridoc/xalloc.h"

#include "plan_int.h"

/* ---- a gateway's record before it is deleted and recreated ---- */

/* "GW.WHAT", a file of the record, quoted for the shell sh. */
static void
rec_file(struct buf *b, enum shell sh, const char *gw, const char *what)
{
	struct buf	 f = BUF_INIT;

	buf_printf(&f, "%s.%s", gw, what);
	shell_word(b, sh, buf_cstr(&f));
	buf_release(&f);
}

/*
 * The addresses on-premises devices depend on, as one JMESPath list:
 * the public IP resources in IP-configuration order, the ASN, and per IP
 * configuration the default and the custom (APIPA) BGP addresses.
 */
#define GW_ADDRESSES	"\"[ipConfigurations[].publicIPAddress.id, " \
	"bgpSettings.asn, bgpSettings.bgpPeeringAddresses[]." \
	"defaultBgpIpAddresses, bgpSettings.bgpPeeringAddresses[]." \
	"customBgpIpAddresses]\""

/*
 * "> FILE.new && mv FILE.new FILE": a record is replaced only by a
 * complete one -- run again after the gateway is gone, the failed read
 * leaves the earlier record as it was.
 */
static void
rec_to(struct buf *c, const char *gw, const char *what)
{
	struct buf	 t = BUF_INIT, f = BUF_INIT;

	buf_printf(&f, "%s.new", what);
	buf_puts(&t, ">");
	pc_arg(c, "%s", buf_cstr(&t));
	buf_truncate(&t, 0);
	rec_file(&t, SHELL_SH, gw, buf_cstr(&f));
	pc_wrap_put(c, &t);
	buf_truncate(&t, 0);
	buf_puts(&t, "&& mv ");
	rec_file(&t, SHELL_SH, gw, buf_cstr(&f));
	buf_putc(&t, ' ');
	rec_file(&t, SHELL_SH, gw, what);
	pc_wrap_put(c, &t);
	pc_endl(c);
	buf_release(&t);
	buf_release(&f);
}

void
rec_gateway(struct buf *c, struct buf *p, const struct design *dsn,
    const char *gw)
{
	pc_az(c, "network vnet-gateway show", dsn, gw);
	pc_arg(c, "-o json");
	rec_to(c, gw, "before.json");
	pc_az(c, "network vnet-gateway show", dsn, gw);
	pc_arg(c, "--query \"ipConfigurations[].publicIPAddress.id\"");
	pc_arg(c, "-o tsv");
	rec_to(c, gw, "public-ips.txt");
	pc_az(c, "network vnet-gateway show", dsn, gw);
	pc_arg(c, "--query %s", GW_ADDRESSES);
	pc_arg(c, "-o json");
	rec_to(c, gw, "addresses-before.json");
	buf_puts(c, "cat ");
	rec_file(c, SHELL_SH, gw, "addresses-before.json");
	pc_endl(c);
	/* -ErrorAction Stop: no gateway, no (empty) record written. */
	pc_ps0(p, "$gwOld = Get-AzVirtualNetworkGateway", dsn);
	pc_pso(p, "-Name", gw);
	buf_puts(p, " -ErrorAction Stop; $gwOld | ConvertTo-Json -Depth 10 | "
	    "Set-Content -Path ");
	rec_file(p, SHELL_PS, gw, "before.json");
	buf_puts(p, "\n$gwOld.IpConfigurations | Select-Object Name, "
	    "@{Name='PublicIpAddress'; Expression={$_.PublicIpAddress.Id}}; "
	    "$gwOld.BgpSettings.BgpPeeringAddresses | Select-Object "
	    "IpconfigurationId, DefaultBgpIpAddresses, CustomBgpIpAddresses\n");
}

/*
 * After a create: the public IPs and BGP addresses the on-premises
 * devices use are those of the record, or the block stops before any
 * connection is created -- a changed BGP address (the default ones come
 * from GatewaySubnet) would leave the sessions down with nothing said.
 */
#define SUBNET_STOP_FMT "'STOP: the route table, NSG, service " \
	"endpoints or delegations of %s differ from %s.attached-before.json: set " \
	"them back as recorded and run this block again (with the prefix " \
	"moved it deletes nothing and repeats only this comparison); to " \
	"restore service instead, run the rollback of this step, which " \
	"creates what is missing"

/* An ExpressRoute gateway's new BGP addresses need nothing on premises
 * (review 18 N2): the block goes on. */
#define ER_NOTE "'NOTE: the BGP addresses differ from the record; " \
	"nothing to change on premises: the on-premises routers peer with " \
	"the circuit edge routers (MSEEs), not with an ExpressRoute gateway'"

/*
 * A VPN gateway's BGP addresses that differ from the record need the
 * on-premises devices changed before its connections are created
 * (review 18 N6).  The block then prints, per BGP device and gateway
 * instance, the neighbor address the device has (the design's) and the
 * one the gateway has now, read by its public (tunnel) IP, and stops.
 * The only way past is explicit: HYBRIDOC_ACCEPT_BGP set to exactly the
 * addresses the check read (defaults, then custom APIPA ones, in
 * Azure's order) and the block run again; a stale or partial value
 * stops again.  The public IP resources and the ASN must match the
 * record whatever is accepted: the devices' tunnels point at them.
 */
#define ACCEPT_VAR	"HYBRIDOC_ACCEPT_BGP"

static int
is_apipa(const struct prefix *p)
{
	return p->family == 4 && p->addr[0] == 169 && p->addr[1] == 254;
}

/* "NAME=$(az network vnet-gateway show ... --query Q -o tsv)". */
static void
rec_read(struct buf *c, const struct design *dsn, const char *gw,
    const char *var, const char *query)
{
	buf_printf(c, "%s=$(", var);
	pc_az(c, "network vnet-gateway show", dsn, gw);
	pc_arg(c, "--query \"%s\"", query);
	pc_arg(c, "-o tsv)");
	pc_endl(c);
}

/* The neighbor each BGP device must change, old -> new, per instance. */
static void
rec_neighbors(struct buf *c, struct buf *p, const struct design *dsn,
    const char *gw)
{
	const struct vpn_gateway *g = &dsn->vpn_gateway;
	struct buf	 q = BUF_INIT, w = BUF_INIT;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN], var[32];
	size_t		 i, j, k, n = 0;

	buf_printf(c, "    echo 'The BGP addresses of %s differ from the "
	    "record. BGP neighbor settings to change on premises (site/device: "
	    "old -> new):' >&2\n", gw);
	buf_printf(p, "Write-Warning 'The BGP addresses of %s differ from the "
	    "record. BGP neighbor settings to change on premises (site/device: "
	    "old -> new):'\n", gw);
	for (k = 0; k < g->ninstances; k++) {
		const struct gw_instance *in = &g->instances[k];
		const char *pip = U_ADDR(in->node, "public_ip", &in->public_ip,
		    t);
		int	 apipa;

		for (apipa = 0; apipa < 2; apipa++) {
			int	 used = 0;

			for (i = 0; i < dsn->nsites; i++)
				for (j = 0; j < dsn->sites[i].ndevices; j++) {
					const struct vpn_device *v =
					    &dsn->sites[i].devices[j];

					if (v->has_bgp && !v->is_static &&
					    is_apipa(&v->bgp_peer_ip) == apipa)
						used = 1;
				}
			if (!used)
				continue;
			snprintf(var, sizeof(var), "%s%zu", apipa ? "a" : "d",
			    k);
			buf_truncate(&q, 0);
			buf_printf(&q, "bgpSettings.bgpPeeringAddresses[?"
			    "tunnelIpAddresses[0]=='%s'].%s[] | join(' ', @)",
			    pip, apipa ? "customBgpIpAddresses" :
			    "defaultBgpIpAddresses");
			buf_puts(c, "    ");
			rec_read(c, dsn, gw, var, buf_cstr(&q));
			buf_printf(p, "$%s = ($gwNew.BgpSettings."
			    "BgpPeeringAddresses | Where-Object { "
			    "$_.TunnelIpAddresses -contains '%s' }).%s -join "
			    "' '\n", var, pip, apipa ? "CustomBgpIpAddresses" :
			    "DefaultBgpIpAddresses");
			for (i = 0; i < dsn->nsites; i++)
				for (j = 0; j < dsn->sites[i].ndevices; j++) {
					const struct vpn_device *v =
					    &dsn->sites[i].devices[j];
					int	 has = apipa ?
					    in->has_apipa_bgp_ip :
					    in->has_bgp_ip;

					if (!v->has_bgp || v->is_static ||
					    is_apipa(&v->bgp_peer_ip) != apipa)
						continue;
					buf_truncate(&w, 0);
					buf_printf(&w, "%s/%s: BGP neighbor %s "
					    "(instance IN_%zu, public IP %s) -> ",
					    dsn->sites[i].name, v->name, has ?
					    ADDR(apipa ? &in->apipa_bgp_ip :
					    &in->bgp_ip, u) : "not in the design",
					    k, pip);
					buf_puts(c, "    echo ");
					shell_word(c, SHELL_SH, buf_cstr(&w));
					buf_printf(c, "\"$%s\" >&2\n", var);
					buf_puts(p, "Write-Warning (");
					shell_word(p, SHELL_PS, buf_cstr(&w));
					buf_printf(p, " + $%s)\n", var);
					n++;
				}
		}
	}
	if (n == 0) {
		buf_puts(c, "    echo 'No device of the design peers over BGP "
		    "with this gateway: nothing to change on premises' >&2\n");
		buf_puts(p, "Write-Warning 'No device of the design peers over "
		    "BGP with this gateway: nothing to change on premises'\n");
	}
	buf_release(&q);
	buf_release(&w);
}

/* Review 20 Q9: each shell's own way to set the value the block reads
 * (sh: a variable of the shell the block's subshell inherits;
 * PowerShell: $env:..., which "set NAME=..." does not set). */
#define ACCEPT_STOP(set, where) "STOP: the BGP connections of %s are " \
	"not created (those of sites without BGP are): set the new BGP neighbors above on those devices and " \
	"instances[].bgp_ip in the design, then run " set "'%s' (exactly the " \
	"addresses %s has now, defaults then custom ones) and run this block " \
	"again in the same " where "; it reads what exists and creates only " \
	"what is missing. Without that value it stops here again"
#define ACCEPT_STOP_SH ACCEPT_STOP(ACCEPT_VAR "=", "shell (pasted there, " \
	"the block's parentheses see it; to run the block as a script, " \
	"export it)")
#define ACCEPT_STOP_PS ACCEPT_STOP("`$env:" ACCEPT_VAR " = ", \
	"PowerShell session")

void
rec_compare(struct buf *c, struct buf *p, const struct design *dsn,
    const char *gw, int vpn)
{
	struct buf	 t = BUF_INIT;

	pc_az(c, "network vnet-gateway show", dsn, gw);
	pc_arg(c, "--query %s", GW_ADDRESSES);
	pc_arg(c, "-o json >");
	rec_file(&t, SHELL_SH, gw, "addresses-after.json");
	pc_wrap_put(c, &t);
	pc_endl(c);
	if (vpn) {
		/* Each lookup on a line of its own (review 18 N5). */
		rec_read(c, dsn, gw, "ips", "ipConfigurations[].publicIPAddress.id");
		rec_read(c, dsn, gw, "asn", "bgpSettings.asn");
		rec_read(c, dsn, gw, "bgpd", "join(' ', "
		    "bgpSettings.bgpPeeringAddresses[].defaultBgpIpAddresses[])");
		rec_read(c, dsn, gw, "bgpc", "join(' ', "
		    "bgpSettings.bgpPeeringAddresses[].customBgpIpAddresses[])");
		buf_puts(c, "now=\"$bgpd${bgpc:+ $bgpc}\"\n");
	}
	if (vpn) {
		buf_puts(c, "bgpchg=0\n");
		buf_puts(p, "$bgpchg = $false\n");
	}
	buf_puts(c, "if diff ");
	rec_file(c, SHELL_SH, gw, "addresses-before.json");
	buf_putc(c, ' ');
	rec_file(c, SHELL_SH, gw, "addresses-after.json");
	buf_puts(c, "; then\n    echo 'public IPs and BGP addresses "
	    "unchanged'\n");
	if (vpn) {
		buf_puts(c, "elif [ \"$ips\" != \"$(cat ");
		rec_file(c, SHELL_SH, gw, "public-ips.txt");
		buf_printf(c, ")\" ] || [ \"$asn\" != %ld ]; then\n    echo "
		    "'STOP: the public IP resources or the ASN differ from the "
		    "record (see the diff above): the on-premises tunnels point "
		    "at them; create no connection, compare with %s.before.json "
		    "and open a support case if the public IPs changed' >&2; "
		    "exit 1\nelse\n", dsn->vpn_gateway.asn, gw);
	} else
		buf_puts(c, "else\n    echo " ER_NOTE "\n");
	pc_ps0(p, "$gwNew = Get-AzVirtualNetworkGateway", dsn);
	pc_pso(p, "-Name", gw);
	buf_puts(p, "; $gwOld = Get-Content -Raw -Path ");
	rec_file(p, SHELL_PS, gw, "before.json");
	buf_puts(p, " | ConvertFrom-Json");
	if (vpn)
		buf_puts(p, "; $now = (@($gwNew.BgpSettings.BgpPeeringAddresses."
		    "DefaultBgpIpAddresses) + @($gwNew.BgpSettings."
		    "BgpPeeringAddresses.CustomBgpIpAddresses) | Where-Object "
		    "{ $_ }) -join ' '");
	buf_puts(p, "\nif (Compare-Object "
	    "(@($gwOld.IpConfigurations.PublicIpAddress.Id) + "
	    "@($gwOld.BgpSettings.BgpPeeringAddresses.DefaultBgpIpAddresses) + "
	    "@($gwOld.BgpSettings.BgpPeeringAddresses.CustomBgpIpAddresses)) "
	    "(@($gwNew.IpConfigurations.PublicIpAddress.Id) + "
	    "@($gwNew.BgpSettings.BgpPeeringAddresses.DefaultBgpIpAddresses) + "
	    "@($gwNew.BgpSettings.BgpPeeringAddresses.CustomBgpIpAddresses))) "
	    "{");
	if (!vpn) {
		buf_puts(p, " Write-Warning " ER_NOTE " } else { 'public IPs "
		    "and BGP addresses unchanged' }\n");
		buf_puts(c, "fi\n");
		buf_release(&t);
		return;
	}
	buf_printf(p, "\nif ((Compare-Object @($gwOld.IpConfigurations."
	    "PublicIpAddress.Id) @($gwNew.IpConfigurations.PublicIpAddress.Id)) "
	    "-or $gwNew.BgpSettings.Asn -ne %ld) { throw 'STOP: the public IP "
	    "resources or the ASN differ from the record: the on-premises "
	    "tunnels point at them; create no connection, compare with "
	    "%s.before.json and open a support case if the public IPs "
	    "changed' }\n", dsn->vpn_gateway.asn, gw);
	rec_neighbors(c, p, dsn, gw);
	/* Review 20 Q4: the acceptance is asked for by rec_accept(),
	 * after the connections that run no BGP are created. */
	buf_puts(c, "    bgpchg=1\nfi\n");
	buf_puts(p, "$bgpchg = $true\n} else { 'public IPs and BGP addresses "
	    "unchanged' }\n");
	buf_release(&t);
}

void
rec_accept(struct buf *c, struct buf *p, const char *gw)
{
	buf_printf(c, "if [ \"$bgpchg\" = 1 ]; then\n"
	    "    if [ \"${" ACCEPT_VAR ":-}\" != \"$now\" ]; then\n"
	    "        echo \"" ACCEPT_STOP_SH "\" >&2; exit 1\n    fi\n"
	    "    echo \"ACCEPTED: the new BGP addresses $now (" ACCEPT_VAR
	    "); the BGP connections are created with them\"\nfi\n", gw,
	    "$now", gw);
	buf_printf(p, "if ($bgpchg) {\nif ($env:" ACCEPT_VAR " -ne $now) { "
	    "throw \"" ACCEPT_STOP_PS "\" }\n\"ACCEPTED: the new BGP addresses "
	    "$now (" ACCEPT_VAR "); the BGP connections are created with "
	    "them\"\n}\n", gw, "$now", gw);
}

/* The public IP resources recorded, as create arguments. */
void
rec_public_ips(struct buf *c, const char *gw)
{
	struct buf	 t = BUF_INIT;

	buf_puts(&t, "--public-ip-addresses $(cat ");
	rec_file(&t, SHELL_SH, gw, "public-ips.txt");
	buf_putc(&t, ')');
	pc_wrap_put(c, &t);
	buf_release(&t);
}

/*
 * PowerShell: the record read back, and the IP configurations (same
 * names, same public IP resources) and custom BGP addresses of the
 * gateway as it was, in $ipc and $more (splatted into
 * New-AzVirtualNetworkGateway).
 */
void
rec_ps_config(struct buf *p, const struct design *dsn, const char *gw)
{
	buf_puts(p, "$gwOld = Get-Content -Raw -Path ");
	rec_file(p, SHELL_PS, gw, "before.json");
	buf_puts(p, " | ConvertFrom-Json\n");
	pc_ps0(p, "$vnet = Get-AzVirtualNetwork", dsn);
	pc_pso(p, "-Name", dsn->vnet.name);
	buf_puts(p, "; $sn = Get-AzVirtualNetworkSubnetConfig -Name "
	    "GatewaySubnet -VirtualNetwork $vnet; $ipc = "
	    "@($gwOld.IpConfigurations | ForEach-Object { "
	    "New-AzVirtualNetworkGatewayIpConfig -Name $_.Name -SubnetId "
	    "$sn.Id -PublicIpAddressId $_.PublicIpAddress.Id }); $apipa = "
	    "@($gwOld.BgpSettings.BgpPeeringAddresses | Where-Object { "
	    "$_.CustomBgpIpAddresses.Count -gt 0 } | ForEach-Object { "
	    "New-AzIpConfigurationBgpPeeringAddressObject -IpConfigurationId "
	    "$_.IpconfigurationId -CustomAddress $_.CustomBgpIpAddresses }); "
	    "$more = @{}; if ($apipa.Count -gt 0) { "
	    "$more.IpConfigurationBgpPeeringAddresses = $apipa }\n");
}

/*
 * Every connection, in any subscription the operator can read, whose
 * VirtualNetworkGateway1 or VirtualNetworkGateway2 is gateway gw
 * (Azure Resource Graph): a VNet-to-VNet connection from another
 * subscription sits there, not in the hub's resource group.
 */
void
rec_gateway_users(struct buf *c, struct buf *p, const struct design *dsn,
    const char *gw)
{
	proc_cmd_gateway_users(c, p, dsn, gw);
	pc_cmd_end(c, p);
}

/*
 * A connection's settings a recreate must restore, recorded: what the
 * design models (BGP, DPD, IKE version, routing weight, FastPath) and
 * what it does not (IPsec policy, policy-based selectors, connection
 * mode, custom BGP addresses, NAT rules).
 */
void
rec_connection(struct buf *c, struct buf *p, const struct design *dsn,
    const char *conn)
{
	struct buf	 t = BUF_INIT;

	pc_az(c, "network vpn-connection show", dsn, conn);
	pc_arg(c, "-o json >");
	rec_file(&t, SHELL_SH, conn, "before.json");
	pc_wrap_put(c, &t);
	pc_endl(c);
	pc_az(c, "network vpn-connection show", dsn, conn);
	pc_arg(c, "--query \"{bgp: enableBgp, dpd: dpdTimeoutSeconds, "
	    "protocol: connectionProtocol, weight: routingWeight, fastPath: "
	    "expressRouteGatewayBypass, ipsecPolicies: ipsecPolicies, "
	    "policyBasedSelectors: usePolicyBasedTrafficSelectors, mode: "
	    "connectionMode, customBgp: gatewayCustomBgpIpAddresses, "
	    "ingressNat: ingressNatRules, egressNat: egressNatRules}\"");
	pc_arg(c, "-o json");
	pc_endl(c);
	pc_ps0(p, "$c = Get-AzVirtualNetworkGatewayConnection", dsn);
	pc_pso(p, "-Name", conn);
	buf_puts(p, "; $c | ConvertTo-Json -Depth 10 | Set-Content -Path ");
	rec_file(p, SHELL_PS, conn, "before.json");
	buf_puts(p, "; $c | Select-Object EnableBgp, DpdTimeoutSeconds, "
	    "ConnectionProtocol, RoutingWeight, ExpressRouteGatewayBypass, "
	    "IpsecPolicies, UsePolicyBasedTrafficSelectors, ConnectionMode, "
	    "GatewayCustomBgpIpAddresses, IngressNatRules, EgressNatRules\n");
	buf_release(&t);
}

#define LNG_USERS_KQL "Resources | where type =~ " \
	"'microsoft.network/connections' | where " \
	"tostring(properties.localNetworkGateway2.id) =~ "

/*
 * A local network gateway recorded before it is deleted, and the block
 * stopped if a connection still uses it.
 */
void
rec_lng(struct buf *c, struct buf *p, const struct design *dsn,
    const char *lng)
{
	struct buf	 t = BUF_INIT, q = BUF_INIT;

	pc_az(c, "network local-network-gateway show", dsn, lng);
	pc_arg(c, "-o json >");
	rec_file(&t, SHELL_SH, lng, "before.json");
	pc_wrap_put(c, &t);
	pc_endl(c);
	/*
	 * Review 18 N10: any connection, in any subscription the operator
	 * can read, whose localNetworkGateway2 is this one by its full id
	 * (Azure Resource Graph), not a name suffix in one group.
	 */
	buf_puts(c, "id=$(");
	pc_az0(c, "network local-network-gateway show", dsn);
	pc_opt(c, "-n", lng);
	pc_arg(c, "--query id -o tsv)");
	pc_endl(c);
	buf_puts(c, "q=\"" LNG_USERS_KQL "'$id' | project name, "
	    "resourceGroup, subscriptionId\"\n");
	buf_puts(c, "users=$(az graph query -q \"$q\" --first 1000 --query "
	    "\"data[].name\" -o tsv)\n");
	(void)q;
	buf_puts(c, "if [ -n \"$users\" ]; then echo \"STOP: still used by "
	    "$users\" >&2; exit 1; fi\n");
	pc_ps0(p, "$l = Get-AzLocalNetworkGateway", dsn);
	pc_pso(p, "-Name", lng);
	buf_puts(p, " -ErrorAction Stop; $l | ConvertTo-Json -Depth 10 | "
	    "Set-Content -Path ");
	rec_file(p, SHELL_PS, lng, "before.json");
	buf_putc(p, '\n');
	/* Az.ResourceGraph 0.10.0 on: the rows are under .Data. */
	buf_puts(p, "$users = (Search-AzGraph -Query \"" LNG_USERS_KQL
	    "'$($l.Id)' | project name, resourceGroup, subscriptionId\" "
	    "-First 1000).Data; if ($users) { throw \"STOP: still used by "
	    "$($users.name)\" }\n");
	buf_release(&t);
	buf_release(&q);
}

/*
 * The gateway-level settings the design does not model and a recreate
 * does not restore: a VPN gateway's point-to-site configuration, NAT
 * rules, private IP, IPsec replay protection, BGP route translation for
 * NAT and custom routes; an ExpressRoute gateway's traffic from remote
 * VNets and Virtual WAN; either one's tags.
 */
void
rec_gw_settings(struct buf *c, struct buf *p, const struct design *dsn,
    const char *gw, int vpn)
{
	pc_az(c, "network vnet-gateway show", dsn, gw);
	if (vpn)
		pc_arg(c, "--query \"{pointToSite: vpnClientConfiguration, "
		    "natRules: natRules, privateIp: enablePrivateIpAddress, "
		    "noReplayProtection: disableIPSecReplayProtection, "
		    "natRouteTranslation: enableBgpRouteTranslationForNat, "
		    "customRoutes: customRoutes.addressPrefixes, tags: tags}\"");
	else
		pc_arg(c, "--query \"{remoteVnetTraffic: "
		    "allowRemoteVnetTraffic, virtualWanTraffic: "
		    "allowVirtualWanTraffic, tags: tags}\"");
	pc_arg(c, "-o json");
	pc_endl(c);
	pc_ps0(p, "$g = Get-AzVirtualNetworkGateway", dsn);
	pc_pso(p, "-Name", gw);
	if (vpn)
		buf_puts(p, "; $g.VpnClientConfiguration; $g.NatRules; $g | "
		    "Select-Object EnablePrivateIpAddress, "
		    "DisableIPsecProtection, "
		    "EnableBgpRouteTranslationForNat, "
		    "@{Name='CustomRoutes'; "
		    "Expression={$_.CustomRoutes.AddressPrefixes}}, Tag\n");
	else
		buf_puts(p, "; $g | Select-Object AllowRemoteVnetTraffic, "
		    "AllowVirtualWanTraffic, Tag\n");
}

/* The hub's peerings that share its gateways (gateway transit). */
void
rec_transit_peerings(struct buf *c, struct buf *p, const struct design *dsn)
{
	pc_az0(c, "network vnet peering list", dsn);
	pc_opt(c, "--vnet-name", dsn->vnet.name);
	pc_arg(c, "--query \"[?allowGatewayTransit].{name: name, remote: "
	    "remoteVirtualNetwork.id}\"");
	pc_arg(c, "-o table");
	pc_endl(c);
	pc_ps0(p, "Get-AzVirtualNetworkPeering", dsn);
	pc_pso(p, "-VirtualNetworkName", dsn->vnet.name);
	buf_puts(p, " | Where-Object AllowGatewayTransit | Select-Object Name, "
	    "@{Name='Remote'; Expression={$_.RemoteVirtualNetwork.Id}}\n");
}

/*
 * What a subnet carries besides its prefix (review 18 N1): route table,
 * NSG, service endpoints and their policies, delegations, written to
 * SUBNET.attached-WHEN.json.
 */
#define SUBNET_ATTACHED "\"{routeTable: routeTable.id, nsg: " \
	"networkSecurityGroup.id, serviceEndpoints: serviceEndpoints[]." \
	"service, serviceEndpointPolicies: serviceEndpointPolicies[].id, " \
	"delegations: delegations[].serviceName}\""
/* Five strings, never null (a list is joined by spaces), compared as
 * one compressed JSON text: no Compare-Object of empty or null lists. */
#define SUBNET_PS_ATTACHED "ConvertTo-Json -Compress -InputObject " \
	"@(\"$($sn.RouteTable.Id)\", \"$($sn.NetworkSecurityGroup.Id)\", " \
	"\"$($sn.ServiceEndpoints.Service)\", " \
	"\"$($sn.ServiceEndpointPolicies.Id)\", " \
	"\"$($sn.Delegations.ServiceName)\")"

void
rec_subnet_attached(struct buf *c, struct buf *p, const struct design *dsn,
    const char *subnet, int after)
{
	struct buf	 t = BUF_INIT;
	const char	*f = after ? "attached-after.json" :
	    "attached-before.json";

	pc_az(c, "network vnet subnet show", dsn, subnet);
	pc_opt(c, "--vnet-name", dsn->vnet.name);
	pc_arg(c, "--query %s", SUBNET_ATTACHED);
	pc_arg(c, "-o json >");
	rec_file(&t, SHELL_SH, subnet, f);
	pc_wrap_put(c, &t);
	pc_endl(c);
	pc_ps0(p, "$vnet = Get-AzVirtualNetwork", dsn);
	pc_pso(p, "-Name", dsn->vnet.name);
	buf_puts(p, "; $sn = Get-AzVirtualNetworkSubnetConfig");
	pc_pso(p, "-Name", subnet);
	buf_puts(p, " -VirtualNetwork $vnet; ");
	if (!after) {
		buf_puts(p, SUBNET_PS_ATTACHED " | Set-Content -Path ");
		rec_file(p, SHELL_PS, subnet, f);
		buf_puts(p, "; Get-Content -Path ");
		rec_file(p, SHELL_PS, subnet, f);
		buf_putc(p, '\n');
	} else {
		buf_puts(p, "$old = (Get-Content -Raw -Path ");
		rec_file(p, SHELL_PS, subnet, "attached-before.json");
		buf_puts(p, ").Trim(); if ((" SUBNET_PS_ATTACHED ") -ne $old) "
		    "{ throw ");
		buf_printf(p, SUBNET_STOP_FMT "' }\n", subnet, subnet);
	}
	if (after) {
		buf_puts(c, "if ! diff ");
		rec_file(c, SHELL_SH, subnet, "attached-before.json");
		buf_putc(c, ' ');
		rec_file(c, SHELL_SH, subnet, f);
		buf_printf(c, "; then\n    echo " SUBNET_STOP_FMT "' >&2; "
		    "exit 1\nfi\n", subnet, subnet);
		buf_printf(c, "echo '%s: route table, NSG, service endpoints "
		    "and delegations unchanged'\n", subnet);
	}
	buf_release(&t);
}

/*
 * Review 20 Q2: a step that deletes or creates a gateway and reads the
 * shared keys of the connections it (re)creates from Key Vault checks
 * first how the vault is reached.  A vault with public network access
 * disabled, a firewall that denies by default or a private endpoint may
 * be reachable from the operator's machine only over the ExpressRoute
 * or VPN path the step takes down; the design does not model the
 * vault's network, so the check reads it and says what to do.  Only
 * the vault's settings are read, never a secret.  One vault a call: w,
 * c, p and x for the next one after device *k that is not in seen; 0
 * when none is left.
 */
int
rec_vault_check(struct buf *w, struct buf *c, struct buf *p, struct buf *x,
    struct buf *seen, size_t *k, const struct design *dsn, const char *cmds)
{
	struct buf	 n = BUF_INIT;
	size_t		 i, j, at = 0;
	char		*vault, *name;

	if (strstr(cmds, "keyvault secret show") == NULL ||
	    (strstr(cmds, "vnet-gateway delete") == NULL &&
	    strstr(cmds, "vnet-gateway create") == NULL))
		return 0;
	buf_truncate(w, 0);
	buf_truncate(c, 0);
	buf_truncate(p, 0);
	buf_truncate(x, 0);
	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++, at++) {
			const struct vpn_device *v = &dsn->sites[i].devices[j];

			if (at < *k)
				continue;
			*k = at + 1;

			buf_truncate(&n, 0);
			buf_puts(&n, "-n ");
			shell_word(&n, SHELL_SH, v->connection);
			if (v->shared_key_ref == NULL ||
			    strstr(cmds, buf_cstr(&n)) == NULL ||
			    !pc_kv_split(v->shared_key_ref, &vault, &name))
				continue;
			free(name);
			buf_truncate(&n, 0);
			buf_printf(&n, "|%s|", vault);
			if (strstr(buf_cstr(seen), buf_cstr(&n)) != NULL) {
				free(vault);
				continue;
			}
			buf_puts(seen, buf_cstr(&n));
			buf_printf(w, "Key Vault %s, which holds the shared keys "
			    "this step reads, can be reached without the paths "
			    "it removes (its network settings; no secret is "
			    "read)", vault);
			/* The design does not say the vault's subscription:
			 * the hub's, as the expected result says. */
			buf_puts(c, "az keyvault show");
			if (dsn->subscription != NULL &&
			    dsn->subscription[0] != '\0')
				pc_opt(c, "--subscription", dsn->subscription);
			pc_opt(c, "--name", vault);
			/* Single quotes: a backquote in double quotes would
			 * be a command substitution. */
			pc_arg(c, "--query '{publicNetworkAccess: properties."
			    "publicNetworkAccess, defaultAction: properties."
			    "networkAcls.defaultAction, privateEndpoints: "
			    "length(properties.privateEndpointConnections || "
			    "`[]`)}'");
			pc_arg(c, "-o json");
			pc_endl(c);
			if (dsn->subscription != NULL &&
			    dsn->subscription[0] != '\0') {
				buf_puts(p, "Set-AzContext");
				pc_pso(p, "-Subscription", dsn->subscription);
				buf_puts(p, " -Scope Process | Out-Null; ");
			}
			buf_puts(p, "$kv = Get-AzKeyVault");
			pc_pso(p, "-VaultName", vault);
			buf_puts(p, "; $kv | Select-Object VaultName, "
			    "PublicNetworkAccess, @{Name='DefaultAction'; "
			    "Expression={$_.NetworkAcls.DefaultAction}}, "
			    "@{Name='PrivateEndpoints'; Expression={@("
			    "Get-AzPrivateEndpointConnection "
			    "-PrivateLinkResourceId $kv.ResourceId).Count}}\n");
			buf_puts(x, "publicNetworkAccess Enabled, defaultAction "
			    "Allow (or null: no firewall) and no private endpoint "
			    "(0; a vault in another subscription than the hub's "
			    "is read with that one): the keys can be read from anywhere you can sign "
			    "in. Otherwise the vault may be reachable from your "
			    "machine only over the ExpressRoute or VPN path this "
			    "step takes down, and the keys could not be read to "
			    "recreate the connections: run every part of this "
			    "step and its rollback from one machine whose path to "
			    "Azure and to the vault does not cross the gateways "
			    "being deleted (Azure Cloud Shell, or a VM inside "
			    "Azure that the vault's firewall or private endpoint "
			    "admits), and the same if Azure Resource Manager is "
			    "reached over Private Link; if there is none, stop. "
			    "Never write a key into a log or a ticket");
			free(vault);
			buf_release(&n);
			return 1;
		}
	buf_release(&n);
	return 0;
}


/*
 * Procedures, part two (procedure_int.h): where each object lives (the
 * resource group and subscription of the hub and of each circuit) and the
 * exact Azure CLI and Az PowerShell text of every command a procedure
 * prints.  Each command here was checked against its reference; the list
 * with the pages is docs/model.md, "Commands the procedures print", and
 * tests/commands.test.sh keeps the two in step.  Values from the design
 * are quoted for their shell by shell.c.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/findings.h"
#include "hybridoc/prefix.h"
#include "hybridoc/procedure.h"
#include "hybridoc/rules.h"
#include "hybridoc/shell.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

#include "procedure_int.h"

/* ---- where things live, and how they are named ---- */

/*
 * A circuit's resource group: circuits[].resource_group, or a
 * placeholder the reader must fill in (written to hole), never the
 * hub's group -- a circuit often lives elsewhere, and a command run
 * against the wrong group fails or finds a namesake.
 */
const char *
proc_circuit_rg(const struct circuit *c, struct buf *hole)
{
	if (c->resource_group != NULL)
		return c->resource_group;
	buf_truncate(hole, 0);
	buf_printf(hole, PROC_RG_HOLE "%s>", c->name);
	return buf_cstr(hole);
}

/*
 * The subscription every command names, when the design records one: a
 * command never acts on whatever subscription happens to be current.
 */
static const char *
hub_sub(const struct design *dsn)
{
	return dsn->subscription != NULL && dsn->subscription[0] != '\0' ?
	    dsn->subscription : NULL;
}

static const char *
circuit_sub(const struct design *dsn, const struct circuit *c)
{
	return c->subscription != NULL ? c->subscription : hub_sub(dsn);
}

static void
az_hub(struct buf *b, const struct design *dsn, const char *verb)
{
	shell_az(b, verb, dsn->resource_group, hub_sub(dsn));
}

static void
ps_circuit_rg(struct buf *ps, const struct circuit *c)
{
	struct buf	 hole = BUF_INIT;

	shell_opt(ps, SHELL_PS, "-ResourceGroupName", proc_circuit_rg(c, &hole));
	buf_release(&hole);
}

static void
az_circuit(struct buf *b, const struct design *dsn, const struct circuit *c,
    const char *verb)
{
	struct buf	 hole = BUF_INIT;

	shell_az(b, verb, proc_circuit_rg(c, &hole), circuit_sub(dsn, c));
	buf_release(&hole);
}

/* "IN_0 (20.62.10.4)": Azure's own instance name and its public IP. */
void
proc_instance_words(struct buf *b, const struct design *dsn, size_t i)
{
	char	 t[PREFIX_STRLEN];

	buf_printf(b, "IN_%zu", i);
	if (i < dsn->vpn_gateway.ninstances)
		buf_printf(b, " (%s)", design_addr(dsn,
		    dsn->vpn_gateway.instances[i].node, "public_ip",
		    &dsn->vpn_gateway.instances[i].public_ip, 0, t));
}

int
proc_site_static(const struct site *s)
{
	size_t	 i;

	if (s->ner > 0 || s->ndevices == 0)
		return 0;
	for (i = 0; i < s->ndevices; i++)
		if (s->devices[i].has_bgp)
			return 0;
	return 1;
}

/* Distinct peering locations (by slug) of the circuits. */
static size_t
nlocations(const struct design *dsn)
{
	size_t	 i, j, n = 0;
	char	*a, *b;
	int	 seen;

	for (i = 0; i < dsn->ncircuits; i++) {
		seen = 0;
		a = sim_slug(dsn->circuits[i].peering_location);
		for (j = 0; j < i && !seen; j++) {
			b = sim_slug(dsn->circuits[j].peering_location);
			seen = strcmp(a, b) == 0;
			free(b);
		}
		free(a);
		n += !seen;
	}
	return n;
}

/*
 * The site failover simulation works only for a gateway connected to
 * circuits in at least two distinct peering locations (RESVAL).
 */
int
proc_sitefo_available(const struct design *dsn)
{
	return dsn->er_gateway.node != NULL && nlocations(dsn) >= 2;
}

int
proc_at_location(const struct circuit *c, const char *slug)
{
	char	*s = sim_slug(c->peering_location);
	int	 r = strcmp(s, slug) == 0;

	free(s);
	return r;
}

/* The number of the design's circuits at c's peering location. */
static size_t
circuits_at(const struct design *dsn, const struct circuit *c)
{
	char	*slug = sim_slug(c->peering_location);
	size_t	 i, n = 0;

	for (i = 0; i < dsn->ncircuits; i++)
		n += proc_at_location(&dsn->circuits[i], slug);
	free(slug);
	return n;
}

/*
 * The peering location whose site failover simulation causes this
 * element's failure for this gateway, or NULL.  A location: itself.  A
 * circuit: its location when it is the gateway's only circuit there --
 * the simulation then disconnects exactly that circuit from this
 * gateway, the circuit's loss as the gateway sees it, without touching
 * the circuit's other users (RESVAL), which disabling its peering would.
 */
const char *
proc_elem_sitefo_location(const struct design *dsn, const struct sim_element *e)
{
	if (!proc_sitefo_available(dsn))
		return NULL;
	if (e->kind == SIM_EL_LOCATION)
		return e->location;
	if (e->kind == SIM_EL_CIRCUIT && circuits_at(dsn, e->circuit) == 1)
		return e->circuit->peering_location;
	return NULL;
}

/*
 * The start of a command on one of the hub's resources, in both shells:
 * "az VERB -g RG [--subscription S] -n NAME" and, after the context,
 * "CMDLET -ResourceGroupName RG" (CMDLET may open with "(" for a
 * property read).  Each caller adds its own options and ending.
 */
static void
hub_cmd(struct buf *az, struct buf *ps, const struct design *dsn,
    const char *verb, const char *name, const char *cmdlet)
{
	az_hub(az, dsn, verb);
	shell_opt(az, SHELL_SH, "-n", name);
	shell_ps_context(ps, hub_sub(dsn));
	buf_puts(ps, cmdlet);
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", dsn->resource_group);
}

/* ---- commands (each verified: docs/model.md) ---- */

void
proc_cmd_learned(struct buf *az, struct buf *ps, const struct design *dsn,
    const char *gw)
{
	hub_cmd(az, ps, dsn, "network vnet-gateway list-learned-routes", gw,
	    "Get-AzVirtualNetworkGatewayLearnedRoute");
	buf_puts(az, " -o table");
	shell_opt(ps, SHELL_PS, "-VirtualNetworkGatewayName", gw);
	buf_puts(ps, " | Format-Table");
}

/* A gateway's provisioning state and SKU (review 20 Q13). */
void
proc_cmd_gateway_state(struct buf *az, struct buf *ps,
    const struct design *dsn, const char *gw)
{
	hub_cmd(az, ps, dsn, "network vnet-gateway show", gw,
	    "Get-AzVirtualNetworkGateway");
	buf_puts(az, " --query \"{state: provisioningState, sku: sku.name}\" "
	    "-o table");
	shell_opt(ps, SHELL_PS, "-Name", gw);
	buf_puts(ps, " | Select-Object ProvisioningState, @{Name='Sku'; "
	    "Expression={$_.Sku.Name}}");
}

void
proc_cmd_bgp_peers(struct buf *az, struct buf *ps, const struct design *dsn)
{
	hub_cmd(az, ps, dsn, "network vnet-gateway list-bgp-peer-status",
	    dsn->vpn_gateway.name, "Get-AzVirtualNetworkGatewayBgpPeerStatus");
	buf_puts(az, " -o table");
	shell_opt(ps, SHELL_PS, "-VirtualNetworkGatewayName",
	    dsn->vpn_gateway.name);
}

/*
 * The VPN gateway's bgpPeeringAddresses: per IP configuration, its
 * public (tunnel) IP and its BGP addresses (IPConfigurationBgpPeering
 * Address: ipconfigurationId, tunnelIpAddresses, defaultBgpIpAddresses,
 * customBgpIpAddresses; Az.Network PSIpConfigurationBgpPeeringAddress).
 * Read, never set: which public IP pairs with which BGP address is
 * Azure's, and the design's instance list only claims it.
 */
void
proc_cmd_bgp_addresses(struct buf *az, struct buf *ps,
    const struct design *dsn)
{
	hub_cmd(az, ps, dsn, "network vnet-gateway show", dsn->vpn_gateway.name,
	    "(Get-AzVirtualNetworkGateway");
	buf_puts(az, " --query \"bgpSettings.bgpPeeringAddresses[].{ipconfig: "
	    "ipconfigurationId, tunnelIps: tunnelIpAddresses, bgp: "
	    "defaultBgpIpAddresses, apipa: customBgpIpAddresses}\" -o json");
	shell_opt(ps, SHELL_PS, "-Name", dsn->vpn_gateway.name);
	buf_puts(ps, ").BgpSettings.BgpPeeringAddresses | Select-Object "
	    "IpconfigurationId, TunnelIpAddresses, DefaultBgpIpAddresses, "
	    "CustomBgpIpAddresses");
}

void
proc_cmd_advertised(struct buf *az, struct buf *ps, const struct design *dsn,
    const char *peer)
{
	hub_cmd(az, ps, dsn, "network vnet-gateway list-advertised-routes",
	    dsn->vpn_gateway.name, "Get-AzVirtualNetworkGatewayAdvertisedRoute");
	shell_opt(az, SHELL_SH, "--peer", peer);
	buf_puts(az, " -o table");
	shell_opt(ps, SHELL_PS, "-VirtualNetworkGatewayName",
	    dsn->vpn_gateway.name);
	shell_opt(ps, SHELL_PS, "-Peer", peer);
}

void
proc_cmd_tunnels(struct buf *az, struct buf *ps, const struct design *dsn,
    const char *conn)
{
	/* The context first: ( ) takes one pipeline, not a ';' list. */
	hub_cmd(az, ps, dsn, "network vpn-connection show", conn,
	    "(Get-AzVirtualNetworkGatewayConnection");
	buf_puts(az, " --query tunnelConnectionStatus -o table");
	shell_opt(ps, SHELL_PS, "-Name", conn);
	buf_puts(ps, ").TunnelConnectionStatus");
}

/*
 * A per-link table of a circuit's private peering: the route table, or
 * with arp the ARP table (the two commands take the same arguments).
 */
void
proc_cmd_link_table(struct buf *az, struct buf *ps, const struct design *dsn,
    const struct circuit *c, int secondary, int arp)
{
	az_circuit(az, dsn, c, arp ? "network express-route list-arp-tables" :
	    "network express-route list-route-tables");
	shell_opt(az, SHELL_SH, "-n", c->name);
	buf_printf(az, " --peering-name AzurePrivatePeering --path %s -o table",
	    secondary ? "secondary" : "primary");
	shell_ps_context(ps, circuit_sub(dsn, c));
	buf_puts(ps, arp ? "Get-AzExpressRouteCircuitARPTable" :
	    "Get-AzExpressRouteCircuitRouteTable");
	ps_circuit_rg(ps, c);
	shell_opt(ps, SHELL_PS, "-ExpressRouteCircuitName", c->name);
	buf_printf(ps, " -PeeringType AzurePrivatePeering -DevicePath %s",
	    secondary ? "Secondary" : "Primary");
}

void
proc_cmd_circuit_show(struct buf *az, struct buf *ps, const struct design *dsn,
    const struct circuit *c)
{
	az_circuit(az, dsn, c, "network express-route show");
	shell_opt(az, SHELL_SH, "-n", c->name);
	buf_puts(az, " -o json");
	shell_ps_context(ps, circuit_sub(dsn, c));
	buf_puts(ps, "Get-AzExpressRouteCircuit");
	ps_circuit_rg(ps, c);
	shell_opt(ps, SHELL_PS, "-Name", c->name);
}

/*
 * Subnets that hold a gateway or an appliance and never a test VM: their
 * names are reserved by the service that uses them (VPN and ExpressRoute
 * gateways, Azure Firewall, Route Server, Bastion).
 */
static int
subnet_reserved(const char *name)
{
	static const char *const reserved[] = {
		"GatewaySubnet", "AzureFirewallSubnet",
		"AzureFirewallManagementSubnet", "RouteServerSubnet",
		"AzureBastionSubnet",
	};
	size_t	 i;

	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strcmp(name, reserved[i]) == 0)
			return 1;
	return 0;
}

/* The first subnet a test VM may sit in. */
static const char *
test_subnet(const struct design *dsn)
{
	size_t	 i;

	for (i = 0; i < dsn->vnet.nsubnets; i++)
		if (!subnet_reserved(dsn->vnet.subnets[i].name))
			return dsn->vnet.subnets[i].name;
	return "a-workload-subnet";
}

void
proc_cmd_effective(struct buf *az, struct buf *ps, const struct design *dsn)
{
	az_hub(az, dsn, "network nic show-effective-route-table");
	buf_printf(az, " -n <nic-of-a-test-vm-in-%s> -o table",
	    test_subnet(dsn));
	shell_ps_context(ps, hub_sub(dsn));
	buf_puts(ps, "Get-AzEffectiveRouteTable");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", dsn->resource_group);
	buf_printf(ps, " -NetworkInterfaceName <nic-of-a-test-vm-in-%s> | "
	    "Format-Table", test_subnet(dsn));
}

/*
 * The connection that carries circuit c's traffic for the stop's
 * details: the one a site names, else the "cn-CIRCUIT" the design
 * defaults to.  Returns it; *own is what to free.
 */
static const char *
circuit_connection(const struct design *dsn, const struct circuit *c,
    char **own)
{
	size_t	 j, k;

	*own = NULL;
	for (j = 0; j < dsn->nsites; j++)
		for (k = 0; k < dsn->sites[j].ner; k++)
			if (dsn->sites[j].er[k].circuit == c &&
			    dsn->sites[j].er[k].connection)
				return dsn->sites[j].er[k].connection;
	return *own = xasprintf("cn-%s", c->name);
}

/*
 * A value of the Azure CLI's shorthand syntax inside the double quotes
 * of a shell word: single-quoted (shorthand's quoting, which keeps
 * spaces), so only letters, digits, spaces and . _ - ( ) are allowed;
 * returns 0 for anything else.
 */
static int
shorthand_value(struct buf *b, const char *s)
{
	const char *t;

	for (t = s; *t; t++)
		if (!((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z') ||
		    (*t >= '0' && *t <= '9') || strchr(" ._-()", *t)))
			return 0;
	buf_printf(b, "'%s'", s);
	return 1;
}

/*
 * The stop's --details (azure-cli stop-site-failover-test, shorthand
 * syntax as its example): one entry per connection at the other
 * locations, is-verified from CONNECTIVITY_VERIFIED.  Returns 0 when a
 * name cannot be written safely (the Azure CLI command is then left
 * out, the PowerShell one stays).
 */
static int
sitefo_cli_details(struct buf *az, const struct design *dsn,
    const char *slug)
{
	size_t	 i, n = 0;
	int	 ok = 1;

	buf_puts(az, " --details \"[");
	for (i = 0; i < dsn->ncircuits && ok; i++) {
		const struct circuit *c = &dsn->circuits[i];
		char	*own;
		const char *conn;

		if (proc_at_location(c, slug))
			continue;
		conn = circuit_connection(dsn, c, &own);
		buf_printf(az, "%s{failover-connection-name:", n++ ? "," : "");
		ok = shorthand_value(az, conn);
		buf_puts(az, ",failover-location:");
		ok = ok && shorthand_value(az, c->peering_location);
		buf_puts(az, ",is-verified:${CONNECTIVITY_VERIFIED:-false}}");
		free(own);
	}
	buf_puts(az, "]\"");
	return ok;
}

void
proc_cmd_sitefo(struct buf *az, struct buf *ps, const struct design *dsn,
    const char *location, int stop)
{
	az_hub(az, dsn, stop ? "network vnet-gateway stop-site-failover-test" :
	    "network vnet-gateway start-site-failover-test");
	shell_opt(az, SHELL_SH, "--virtual-network-gateway-name",
	    dsn->er_gateway.name);
	shell_opt(az, SHELL_SH, "--peering-location", location);
	if (stop) {
		char	*slug = sim_slug(location);

		/* Success is what the operator saw, never assumed: unset,
		 * the stop still runs and records false. */
		buf_puts(az, " --was-simulation-successful "
		    "\"${SIMULATION_OK:-false}\"");
		if (!sitefo_cli_details(az, dsn, slug))
			buf_truncate(az, 0);
		free(slug);
	}
	shell_ps_context(ps, hub_sub(dsn));
	if (stop) {
		/*
		 * -Detail is mandatory (AZPS stop-azvirtualnetworkgateway
		 * sitefailovertest): the gateway's connections at the other
		 * locations, which carried the traffic.  Its type is
		 * List[FailoverConnectionDetails], so the list is built as
		 * that type rather than left to the binder to convert an
		 * array.  The name is -Detail as the released cmdlet declares
		 * it (azure-powershell StopAzureVirtualNetworkGatewaySite
		 * FailoverTest.cs, "List<FailoverConnectionDetails> Detail",
		 * and its help); the preview's help and tests said -Details,
		 * which the released module does not accept (review 17-c L2).
		 */
		char	*slug = sim_slug(location);
		size_t	 i, n = 0;

		/*
		 * The type exists once Az.Network is loaded; a fresh session
		 * that has only run Set-AzContext (Az.Accounts) has not
		 * loaded it, and the cast would fail "Unable to find type"
		 * (review 18 N11).
		 */
		buf_puts(ps, "Import-Module Az.Network; "
		    "$detail = [System.Collections.Generic.List["
		    "Microsoft.Azure.Management.Network.Models."
		    "FailoverConnectionDetails]]@(");
		for (i = 0; i < dsn->ncircuits; i++) {
			const struct circuit *c = &dsn->circuits[i];
			const char *conn;
			char	*def;

			if (proc_at_location(c, slug))
				continue;
			conn = circuit_connection(dsn, c, &def);
			buf_printf(ps, "%s[Microsoft.Azure.Management.Network."
			    "Models.FailoverConnectionDetails]@{"
			    "FailoverConnectionName = ", n++ ? ", " : "");
			shell_string(ps, SHELL_PS, conn);
			buf_puts(ps, "; FailoverLocation = ");
			shell_string(ps, SHELL_PS, c->peering_location);
			buf_puts(ps, "; IsVerified = "
			    "[bool]$ConnectivityVerified}");
			free(def);
		}
		buf_puts(ps, "); ");
		free(slug);
	}
	buf_puts(ps, stop ? "Stop-AzVirtualNetworkGatewaySiteFailoverTest" :
	    "Start-AzVirtualNetworkGatewaySiteFailoverTest");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", dsn->resource_group);
	shell_opt(ps, SHELL_PS, "-VirtualNetworkGatewayName",
	    dsn->er_gateway.name);
	shell_opt(ps, SHELL_PS, "-PeeringLocation", location);
	if (stop)
		buf_puts(ps, " -WasSimulationSuccessful ([bool]$SimulationOk) "
		    "-Detail $detail");
}

void
proc_cmd_sitefo_status(struct buf *az, struct buf *ps, const struct design *dsn)
{
	az_hub(az, dsn, "network vnet-gateway get-failover-all-tests-detail");
	shell_opt(az, SHELL_SH, "--virtual-network-gateway-name",
	    dsn->er_gateway.name);
	buf_puts(az, " --type SingleSiteFailover --fetch-latest true");
	shell_ps_context(ps, hub_sub(dsn));
	buf_puts(ps, "Get-AzVirtualNetworkGatewayFailoverAllTestsDetail");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", dsn->resource_group);
	shell_opt(ps, SHELL_PS, "-VirtualNetworkGatewayName",
	    dsn->er_gateway.name);
	buf_puts(ps, " -Type SingleSiteFailover -FetchLatest $true");
}

void
proc_cmd_linkfo(struct buf *az, const struct design *dsn,
    const struct circuit *c, int link, int stop)
{
	az_circuit(az, dsn, c, stop ?
	    "network express-route stop-circuit-link-failover-test" :
	    "network express-route start-circuit-link-failover-test");
	shell_opt(az, SHELL_SH, "--name", c->name);
	buf_printf(az, " --link-type %s", link ? "Secondary" : "Primary");
	if (stop)
		buf_puts(az, " --circuit-test-category BgpDisconnect "
		    "--simulation-successful \"${SIMULATION_OK:-false}\" "
		    "--is-verified \"${CONNECTIVITY_VERIFIED:-false}\"");
	else
		buf_puts(az, " --maintenance-category BgpDisconnect");
}

/*
 * The peering's state (ERRESET), guarded: nothing is set unless the
 * circuit read is the one the design names (its service key, when the
 * design records it) and its private peering is in the state the step
 * expects to leave; otherwise the command throws before
 * Set-AzExpressRouteCircuit.
 */
void
proc_cmd_peering_state(struct buf *ps, const struct design *dsn,
    const struct circuit *c, int enable)
{
	const char *from = enable ? "Disabled" : "Enabled";

	shell_ps_context(ps, circuit_sub(dsn, c));
	buf_puts(ps, "$ckt = Get-AzExpressRouteCircuit");
	ps_circuit_rg(ps, c);
	shell_opt(ps, SHELL_PS, "-Name", c->name);
	buf_puts(ps, " -ErrorAction Stop; $pp = $ckt.Peerings | Where-Object "
	    "PeeringType -eq 'AzurePrivatePeering'; if (");
	if (c->service_key) {
		buf_puts(ps, "$ckt.ServiceKey -ne ");
		shell_string(ps, SHELL_PS, c->service_key);
		buf_puts(ps, " -or ");
	}
	buf_printf(ps, "$null -eq $pp -or $pp.State -ne '%s') { throw "
	    "'Stopped: not the circuit the design names, or its private "
	    "peering is not %s; nothing was changed' }; $pp.State = '%s'; "
	    "Set-AzExpressRouteCircuit -ExpressRouteCircuit $ckt", from, from,
	    enable ? "Enabled" : "Disabled");
}

/*
 * The BGP neighbour of one link of a circuit's private peering: its
 * state (Up/Down) and the prefixes it received.
 */
void
proc_cmd_route_summary(struct buf *az, struct buf *ps, const struct design *dsn,
    const struct circuit *c, int secondary)
{
	az_circuit(az, dsn, c, "network express-route list-route-tables-summary");
	shell_opt(az, SHELL_SH, "-n", c->name);
	buf_printf(az, " --peering-name AzurePrivatePeering --path %s -o table",
	    secondary ? "secondary" : "primary");
	shell_ps_context(ps, circuit_sub(dsn, c));
	buf_puts(ps, "Get-AzExpressRouteCircuitRouteTableSummary");
	ps_circuit_rg(ps, c);
	shell_opt(ps, SHELL_PS, "-ExpressRouteCircuitName", c->name);
	buf_printf(ps, " -PeeringType AzurePrivatePeering -DevicePath %s",
	    secondary ? "Secondary" : "Primary");
}

/* The circuit's link failover tests: none may be running (LINKFO). */
void
proc_cmd_linkfo_status(struct buf *az, const struct design *dsn,
    const struct circuit *c)
{
	az_circuit(az, dsn, c,
	    "network express-route get-circuit-link-failover-all-tests-detail");
	shell_opt(az, SHELL_SH, "--name", c->name);
	buf_puts(az, " --type LinkFailover --fetch-latest true");
}

/*
 * A KQL string literal: double quotes, backslash escapes (so the shell's
 * single quotes around the whole query need no escaping of their own).
 */
static void
kql_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/*
 * Every connection, in any subscription the operator can read, whose
 * VirtualNetworkGateway1 or VirtualNetworkGateway2 is gateway gw of the
 * hub's resource group (Azure Resource Graph): a VNet-to-VNet
 * connection from another subscription, or one in another resource
 * group, is there too, where a list of the hub's group would miss it.
 */
void
proc_cmd_gateway_users(struct buf *az, struct buf *ps,
    const struct design *dsn, const char *gw)
{
	struct buf	 q = BUF_INIT, id = BUF_INIT;

	buf_printf(&id, "/resourceGroups/%s/providers/Microsoft.Network/"
	    "virtualNetworkGateways/%s", dsn->resource_group, gw);
	buf_puts(&q, "Resources | where type =~ "
	    "\"microsoft.network/connections\" | where tostring("
	    "properties.virtualNetworkGateway1.id) endswith ");
	kql_string(&q, buf_cstr(&id));
	buf_puts(&q, " or tostring(properties.virtualNetworkGateway2.id) "
	    "endswith ");
	kql_string(&q, buf_cstr(&id));
	buf_puts(&q, " | project name, resourceGroup, subscriptionId, "
	    "connectionType = tostring(properties.connectionType)");
	buf_puts(az, "az graph query -q ");
	shell_string(az, SHELL_SH, buf_cstr(&q));
	buf_puts(az, " --first 1000 -o table");
	buf_puts(ps, "Search-AzGraph -Query ");
	shell_string(ps, SHELL_PS, buf_cstr(&q));
	buf_puts(ps, " -First 1000");
	buf_release(&q);
	buf_release(&id);
}

/*
 * Every gateway connection, in any subscription the operator can read,
 * whose peer is the circuit: the virtual networks that lose it
 * (Azure Resource Graph).
 */
void
proc_cmd_circuit_links(struct buf *az, struct buf *ps, const struct design *dsn,
    const struct circuit *c)
{
	struct buf	 q = BUF_INIT, w = BUF_INIT, id = BUF_INIT;

	(void)dsn;
	/* Without the circuit's group, match its name under any group. */
	if (c->resource_group != NULL)
		buf_printf(&id, "/resourceGroups/%s", c->resource_group);
	buf_printf(&id, "/providers/Microsoft.Network/expressRouteCircuits/%s",
	    c->name);
	buf_puts(&q, "Resources | where type =~ "
	    "\"microsoft.network/connections\" | where tostring("
	    "properties.peer.id) endswith ");
	kql_string(&q, buf_cstr(&id));
	buf_puts(&q, " | project name, resourceGroup, subscriptionId, "
	    "gateway = tostring(properties.virtualNetworkGateway1.id)");
	/*
	 * Virtual WAN hubs link circuits through their ExpressRoute
	 * gateways' expressRouteConnections, not connections resources
	 * (review 17 #12); and Resource Graph returns 100 rows unless
	 * asked for more (--first / -First, up to 1000).
	 */
	buf_puts(&w, "Resources | where type =~ "
	    "\"microsoft.network/expressroutegateways\" | mv-expand c = "
	    "properties.expressRouteConnections | where tostring("
	    "c.properties.expressRouteCircuitPeering.id) contains ");
	buf_puts(&id, "/peerings/");
	kql_string(&w, buf_cstr(&id));
	buf_puts(&w, " | project name, resourceGroup, subscriptionId, "
	    "connection = tostring(c.name)");
	buf_puts(az, "az graph query -q ");
	shell_string(az, SHELL_SH, buf_cstr(&q));
	buf_puts(az, " --first 1000 -o table; az graph query -q ");
	shell_string(az, SHELL_SH, buf_cstr(&w));
	buf_puts(az, " --first 1000 -o table");
	buf_puts(ps, "Search-AzGraph -Query ");
	shell_string(ps, SHELL_PS, buf_cstr(&q));
	buf_puts(ps, " -First 1000; Search-AzGraph -Query ");
	shell_string(ps, SHELL_PS, buf_cstr(&w));
	buf_puts(ps, " -First 1000");
	buf_release(&q);
	buf_release(&w);
	buf_release(&id);
}

/*
 * The ExpressRoute gateway's route sets: which prefixes it learns at
 * which peering locations, so a prefix learned only at the location
 * under test is known before the test (RESVAL's "Route List").
 */
void
proc_cmd_routes_information(struct buf *az, struct buf *ps,
    const struct design *dsn)
{
	/*
	 * --attempt-refresh / -AttemptRefresh (azure-cli
	 * get-routes-information, Az.Network GetAzureVirtualNetworkGateway
	 * RoutesInformation): recompute, or the answer may be an hour old
	 * (RESVAL); the output's lastComputedTime says which it is.
	 */
	az_hub(az, dsn, "network vnet-gateway get-routes-information");
	shell_opt(az, SHELL_SH, "--virtual-network-gateway-name",
	    dsn->er_gateway.name);
	buf_puts(az, " --attempt-refresh true -o json");
	shell_ps_context(ps, hub_sub(dsn));
	buf_puts(ps, "Get-AzVirtualNetworkGatewayRoutesInformation");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", dsn->resource_group);
	shell_opt(ps, SHELL_PS, "-VirtualNetworkGatewayName",
	    dsn->er_gateway.name);
	buf_puts(ps, " -AttemptRefresh $true");
}

void
proc_cmd_reset(struct buf *az, struct buf *ps, const struct design *dsn,
    size_t inst)
{
	char	 t[DESIGN_TEXTLEN];
	int	 vip = dsn->vpn_gateway.active_active &&
	    inst < dsn->vpn_gateway.ninstances;

	if (vip)
		design_addr_copy(dsn,
		    dsn->vpn_gateway.instances[inst].node, "public_ip",
		    &dsn->vpn_gateway.instances[inst].public_ip, 0,
		    t, sizeof(t));
	hub_cmd(az, ps, dsn, "network vnet-gateway reset",
	    dsn->vpn_gateway.name, "$gw = Get-AzVirtualNetworkGateway");
	if (vip)
		shell_opt(az, SHELL_SH, "--gateway-vip", t);
	shell_opt(ps, SHELL_PS, "-Name", dsn->vpn_gateway.name);
	buf_puts(ps, "; Reset-AzVirtualNetworkGateway -VirtualNetworkGateway "
	    "$gw");
	if (vip)
		shell_opt(ps, SHELL_PS, "-GatewayVip", t);
}

/*
 * The start of a read of circuit c where it lives (procedure_cmd.h):
 * the same group, placeholder and subscription as every circuit
 * command above, for diagnose's capture script, which ends each
 * command its own way.
 */
const char *
proc_cmd_circuit_read(struct buf *az, struct buf *ps, const struct design *dsn,
    const struct circuit *c, const char *verb, const char *cmdlet)
{
	if (az != NULL) {
		az_circuit(az, dsn, c, verb);
		shell_opt(az, SHELL_SH, "-n", c->name);
	}
	if (ps != NULL) {
		buf_puts(ps, cmdlet);
		ps_circuit_rg(ps, c);
		shell_opt(ps, SHELL_PS, "-ExpressRouteCircuitName", c->name);
	}
	return circuit_sub(dsn, c);
}

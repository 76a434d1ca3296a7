/*
 * Procedures as data (procedure.h): from the analysis -- design,
 * simulation, findings -- to the records every writer renders.  This
 * is where the narrowest documented action for each failure is chosen,
 * where its blast radius is spelled out, and where go/no-go checks,
 * expectations and abort conditions are computed from the simulation.
 *
 * The actions, narrowest first (references in docs/model.md):
 *  - a peering location: the ExpressRoute gateway's site failover
 *    simulation, which disconnects only this gateway's connections at
 *    that location (RESVAL); needs circuits at two or more locations;
 *  - the ExpressRoute gateway: that simulation for each location in
 *    turn (Azure runs one test at a time); never a circuit's peering;
 *  - one link: the circuit link failover test (LINKFO), Azure CLI only;
 *  - a circuit: disabling its private peering (ERRESET), with every
 *    user of the circuit the design knows in the blast radius;
 *  - a VPN instance: a reset of that instance (VPNRESET);
 *  - a tunnel or device: on the on-premises device only;
 *  - a whole site: no safe action, observe only.
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

#define PFX(p, b)	prefix_format((p), (b), 1)
#define ADDR(p, b)	prefix_format((p), (b), 0)

/* Reference keys; docs/model.md lists each with its page. */
#define SRC_RESVAL	"RESVAL"
#define SRC_ERRESET	"ERRESET"
#define SRC_S2SBK	"S2SBK"
#define SRC_LINKFO	"LINKFO"
#define SRC_ERBFD	"ERBFD"
#define SRC_VPNRESET	"VPNRESET"
#define SRC_MODEL	"docs/model.md"
#define SRC_ESTIMATE	"estimate"

/*
 * Seconds (docs/model.md, "Time bounds the procedures use").  Only
 * SITEFO_BOUND_S is a documented bound; the others are estimates, and
 * every step that uses one says so with its reasoning.  No abort
 * condition depends on them: a test aborts on what is observed (a
 * prefix missing on its backup, a session not Connected), never on the
 * clock alone.
 */
#define SITEFO_BOUND_S	15	/* RESVAL: "typically completes within 15 s" */
#define PEERING_EST_S	10	/* estimate: S2SBK's one lab measurement */
#define HOLD_S		180	/* ERBFD, VPNBGPTS: BGP hold time */

/* ---- small helpers ---- */

static void
strv_add(char ***v, size_t *n, const char *s)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

/* strv_add of a formatted string. */
static void
strv_addf(char ***v, size_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
strv_addf(char ***v, size_t *n, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	strv_add(v, n, buf_cstr(&b));
	buf_release(&b);
}

/* The objects a scenario is about, and what else an action affects. */
#define scope_add(p, ...)	strv_addf(&(p)->scope, &(p)->nscope, __VA_ARGS__)
#define blast_add(p, ...)	strv_addf(&(p)->blast_objects, \
	    &(p)->nblast_objects, __VA_ARGS__)

static void
strv_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static struct proc_step *
step_add(struct proc_steps *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static struct proc_step *
step_add(struct proc_steps *s, const char *fmt, ...)
{
	struct proc_step *p;
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	xgrow(&s->v, &s->cap, s->n + 1, sizeof(*s->v));
	p = &s->v[s->n++];
	memset(p, 0, sizeof(*p));
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p->text = buf_detach(&b, NULL);
	return p;
}

/* A step with the same text already there (checks are listed once). */
static int
step_has(const struct proc_steps *s, const char *text)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].text, text) == 0)
			return 1;
	return 0;
}

static void
set_str(char **dst, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
set_str(char **dst, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(*dst);
	*dst = buf_detach(&b, NULL);
}

static void
step_cmds(struct proc_step *p, struct buf *az, struct buf *ps)
{
	if (az != NULL && az->len) {
		p->az = xstrdup(buf_cstr(az));
		buf_truncate(az, 0);
	}
	if (ps != NULL && ps->len) {
		p->ps = xstrdup(buf_cstr(ps));
		buf_truncate(ps, 0);
	}
}

static void
step_target(struct proc_step *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
step_target(struct proc_step *p, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	strv_add(&p->targets, &p->ntargets, buf_cstr(&b));
	buf_release(&b);
}

static void
step_within(struct proc_step *p, long s, const char *source,
    const char *why)
{
	p->within_s = s;
	set_str(&p->within, "within %ld s (%s)", s, why);
	set_str(&p->source, "%s", source);
}

/* A time no page documents: labelled an estimate, with its reasoning. */
static void
step_estimate(struct proc_step *p, long s, const char *why)
{
	p->within_s = s;
	set_str(&p->within, "about %ld s (estimate: %s)", s, why);
	set_str(&p->source, SRC_ESTIMATE);
}

/* The rollback's bound: how long BGP may take to come back. */
static void
step_back_estimate(struct proc_step *p)
{
	step_estimate(p, HOLD_S, "no page gives the time BGP takes to "
	    "re-establish after a test ends; one BGP hold time, 180 s "
	    "(ERBFD, VPNBGPTS), is allowed before it counts as not back");
}

/* ---- where things live, and how they are named ---- */

static const char *
circuit_rg(const struct design *dsn, const struct circuit *c)
{
	return c->resource_group ? c->resource_group : dsn->resource_group;
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
az_circuit(struct buf *b, const struct design *dsn, const struct circuit *c,
    const char *verb)
{
	shell_az(b, verb, circuit_rg(dsn, c), circuit_sub(dsn, c));
}

/* "IN_0 (20.62.10.4)": Azure's own instance name and its public IP. */
static void
instance_words(struct buf *b, const struct design *dsn, size_t i)
{
	char	 t[PREFIX_STRLEN];

	buf_printf(b, "IN_%zu", i);
	if (i < dsn->vpn_gateway.ninstances)
		buf_printf(b, " (%s)",
		    ADDR(&dsn->vpn_gateway.instances[i].public_ip, t));
}

static int
site_static(const struct site *s)
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
static int
sitefo_available(const struct design *dsn)
{
	return dsn->er_gateway.node != NULL && nlocations(dsn) >= 2;
}

static int
at_location(const struct circuit *c, const char *slug)
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
		n += at_location(&dsn->circuits[i], slug);
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
static const char *
elem_sitefo_location(const struct design *dsn, const struct sim_element *e)
{
	if (!sitefo_available(dsn))
		return NULL;
	if (e->kind == SIM_EL_LOCATION)
		return e->location;
	if (e->kind == SIM_EL_CIRCUIT && circuits_at(dsn, e->circuit) == 1)
		return e->circuit->peering_location;
	return NULL;
}

/* ---- commands (each verified: docs/model.md) ---- */

static void
cmd_learned(struct buf *az, struct buf *ps, const struct design *dsn,
    const char *gw)
{
	az_hub(az, dsn, "network vnet-gateway list-learned-routes");
	shell_opt(az, SHELL_SH, "-n", gw);
	buf_puts(az, " -o table");
	shell_ps_context(ps, hub_sub(dsn));
	buf_puts(ps, "Get-AzVirtualNetworkGatewayLearnedRoute");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", dsn->resource_group);
	shell_opt(ps, SHELL_PS, "-VirtualNetworkGatewayName", gw);
	buf_puts(ps, " | Format-Table");
}

static void
cmd_bgp_peers(struct buf *az, struct buf *ps, const struct design *dsn)
{
	az_hub(az, dsn, "network vnet-gateway list-bgp-peer-status");
	shell_opt(az, SHELL_SH, "-n", dsn->vpn_gateway.name);
	buf_puts(az, " -o table");
	shell_ps_context(ps, hub_sub(dsn));
	buf_puts(ps, "Get-AzVirtualNetworkGatewayBgpPeerStatus");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", dsn->resource_group);
	shell_opt(ps, SHELL_PS, "-VirtualNetworkGatewayName",
	    dsn->vpn_gateway.name);
}

static void
cmd_advertised(struct buf *az, struct buf *ps, const struct design *dsn,
    const char *peer)
{
	az_hub(az, dsn, "network vnet-gateway list-advertised-routes");
	shell_opt(az, SHELL_SH, "-n", dsn->vpn_gateway.name);
	shell_opt(az, SHELL_SH, "--peer", peer);
	buf_puts(az, " -o table");
	shell_ps_context(ps, hub_sub(dsn));
	buf_puts(ps, "Get-AzVirtualNetworkGatewayAdvertisedRoute");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", dsn->resource_group);
	shell_opt(ps, SHELL_PS, "-VirtualNetworkGatewayName",
	    dsn->vpn_gateway.name);
	shell_opt(ps, SHELL_PS, "-Peer", peer);
}

static void
cmd_tunnels(struct buf *az, struct buf *ps, const struct design *dsn,
    const char *conn)
{
	az_hub(az, dsn, "network vpn-connection show");
	shell_opt(az, SHELL_SH, "-n", conn);
	buf_puts(az, " --query tunnelConnectionStatus -o table");
	/* The context first: ( ) takes one pipeline, not a ';' list. */
	shell_ps_context(ps, hub_sub(dsn));
	buf_puts(ps, "(Get-AzVirtualNetworkGatewayConnection");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", dsn->resource_group);
	shell_opt(ps, SHELL_PS, "-Name", conn);
	buf_puts(ps, ").TunnelConnectionStatus");
}

/*
 * A per-link table of a circuit's private peering: the route table, or
 * with arp the ARP table (the two commands take the same arguments).
 */
static void
cmd_link_table(struct buf *az, struct buf *ps, const struct design *dsn,
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
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", circuit_rg(dsn, c));
	shell_opt(ps, SHELL_PS, "-ExpressRouteCircuitName", c->name);
	buf_printf(ps, " -PeeringType AzurePrivatePeering -DevicePath %s",
	    secondary ? "Secondary" : "Primary");
}

static void
cmd_circuit_show(struct buf *az, struct buf *ps, const struct design *dsn,
    const struct circuit *c)
{
	az_circuit(az, dsn, c, "network express-route show");
	shell_opt(az, SHELL_SH, "-n", c->name);
	buf_puts(az, " -o json");
	shell_ps_context(ps, circuit_sub(dsn, c));
	buf_puts(ps, "Get-AzExpressRouteCircuit");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", circuit_rg(dsn, c));
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

static void
cmd_effective(struct buf *az, struct buf *ps, const struct design *dsn)
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

static void
cmd_sitefo(struct buf *az, struct buf *ps, const struct design *dsn,
    const char *location, int stop)
{
	az_hub(az, dsn, stop ? "network vnet-gateway stop-site-failover-test" :
	    "network vnet-gateway start-site-failover-test");
	shell_opt(az, SHELL_SH, "--virtual-network-gateway-name",
	    dsn->er_gateway.name);
	shell_opt(az, SHELL_SH, "--peering-location", location);
	if (stop)
		/* Success is what the operator saw, never assumed: unset,
		 * the stop still runs and records false. */
		buf_puts(az, " --was-simulation-successful "
		    "\"${SIMULATION_OK:-false}\"");
	shell_ps_context(ps, hub_sub(dsn));
	if (stop) {
		/*
		 * -Detail is mandatory (AZPS stop-azvirtualnetworkgateway
		 * sitefailovertest): the gateway's connections at the other
		 * locations, which carried the traffic, as Learn's example
		 * builds them.
		 */
		char	*slug = sim_slug(location);
		size_t	 i, j, k, n = 0;

		buf_puts(ps, "$detail = @(");
		for (i = 0; i < dsn->ncircuits; i++) {
			const struct circuit *c = &dsn->circuits[i];
			const char *conn = NULL;
			char	*def = NULL;

			if (at_location(c, slug))
				continue;
			for (j = 0; j < dsn->nsites && conn == NULL; j++)
				for (k = 0; k < dsn->sites[j].ner; k++)
					if (dsn->sites[j].er[k].circuit == c &&
					    dsn->sites[j].er[k].connection) {
						conn = dsn->sites[j].er[k].connection;
						break;
					}
			if (conn == NULL)
				conn = def = xasprintf("cn-%s", c->name);
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

static void
cmd_sitefo_status(struct buf *az, struct buf *ps, const struct design *dsn)
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

static void
cmd_linkfo(struct buf *az, const struct design *dsn, const struct circuit *c,
    int link, int stop)
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
static void
cmd_peering_state(struct buf *ps, const struct design *dsn,
    const struct circuit *c, int enable)
{
	const char *from = enable ? "Disabled" : "Enabled";

	shell_ps_context(ps, circuit_sub(dsn, c));
	buf_puts(ps, "$ckt = Get-AzExpressRouteCircuit");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", circuit_rg(dsn, c));
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
static void
cmd_route_summary(struct buf *az, struct buf *ps, const struct design *dsn,
    const struct circuit *c, int secondary)
{
	az_circuit(az, dsn, c, "network express-route list-route-tables-summary");
	shell_opt(az, SHELL_SH, "-n", c->name);
	buf_printf(az, " --peering-name AzurePrivatePeering --path %s -o table",
	    secondary ? "secondary" : "primary");
	shell_ps_context(ps, circuit_sub(dsn, c));
	buf_puts(ps, "Get-AzExpressRouteCircuitRouteTableSummary");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", circuit_rg(dsn, c));
	shell_opt(ps, SHELL_PS, "-ExpressRouteCircuitName", c->name);
	buf_printf(ps, " -PeeringType AzurePrivatePeering -DevicePath %s",
	    secondary ? "Secondary" : "Primary");
}

/* The circuit's link failover tests: none may be running (LINKFO). */
static void
cmd_linkfo_status(struct buf *az, const struct design *dsn,
    const struct circuit *c)
{
	az_circuit(az, dsn, c,
	    "network express-route get-circuit-link-failover-all-tests-detail");
	shell_opt(az, SHELL_SH, "--name", c->name);
	buf_puts(az, " --type LinkFailover --fetch-latest true");
}

/* Every connection of the VPN gateway (a reset affects them all). */
static void
cmd_gateway_connections(struct buf *az, struct buf *ps,
    const struct design *dsn)
{
	az_hub(az, dsn, "network vpn-connection list");
	shell_opt(az, SHELL_SH, "--vnet-gateway", dsn->vpn_gateway.name);
	buf_puts(az, " -o table");
	shell_ps_context(ps, hub_sub(dsn));
	buf_puts(ps, "Get-AzVirtualNetworkGatewayConnection");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", dsn->resource_group);
	buf_puts(ps, " | Where-Object { $_.VirtualNetworkGateway1.Id -like ");
	{
		struct buf	 pat = BUF_INIT;

		buf_printf(&pat, "*/virtualNetworkGateways/%s",
		    dsn->vpn_gateway.name);
		shell_string(ps, SHELL_PS, buf_cstr(&pat));
		buf_release(&pat);
	}
	buf_puts(ps, " } | Select-Object Name, ConnectionType, "
	    "ConnectionStatus");
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
 * Every gateway connection, in any subscription the operator can read,
 * whose peer is the circuit: the virtual networks that lose it
 * (Azure Resource Graph).
 */
static void
cmd_circuit_links(struct buf *az, struct buf *ps, const struct design *dsn,
    const struct circuit *c)
{
	struct buf	 q = BUF_INIT, id = BUF_INIT;

	buf_printf(&id, "/resourceGroups/%s/providers/Microsoft.Network/"
	    "expressRouteCircuits/%s", circuit_rg(dsn, c), c->name);
	buf_puts(&q, "Resources | where type =~ "
	    "\"microsoft.network/connections\" | where tostring("
	    "properties.peer.id) endswith ");
	kql_string(&q, buf_cstr(&id));
	buf_puts(&q, " | project name, resourceGroup, subscriptionId, "
	    "gateway = tostring(properties.virtualNetworkGateway1.id)");
	buf_puts(az, "az graph query -q ");
	shell_string(az, SHELL_SH, buf_cstr(&q));
	buf_puts(az, " -o table");
	buf_puts(ps, "Search-AzGraph -Query ");
	shell_string(ps, SHELL_PS, buf_cstr(&q));
	buf_release(&q);
	buf_release(&id);
}

/*
 * The ExpressRoute gateway's route sets: which prefixes it learns at
 * which peering locations, so a prefix learned only at the location
 * under test is known before the test (RESVAL's "Route List").
 */
static void
cmd_routes_information(struct buf *az, struct buf *ps,
    const struct design *dsn)
{
	az_hub(az, dsn, "network vnet-gateway get-routes-information");
	shell_opt(az, SHELL_SH, "--virtual-network-gateway-name",
	    dsn->er_gateway.name);
	buf_puts(az, " -o json");
	shell_ps_context(ps, hub_sub(dsn));
	buf_puts(ps, "Get-AzVirtualNetworkGatewayRoutesInformation");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", dsn->resource_group);
	shell_opt(ps, SHELL_PS, "-VirtualNetworkGatewayName",
	    dsn->er_gateway.name);
}

static void
cmd_reset(struct buf *az, struct buf *ps, const struct design *dsn,
    size_t inst)
{
	char	 t[PREFIX_STRLEN];
	int	 vip = dsn->vpn_gateway.active_active &&
	    inst < dsn->vpn_gateway.ninstances;

	if (vip)
		ADDR(&dsn->vpn_gateway.instances[inst].public_ip, t);
	az_hub(az, dsn, "network vnet-gateway reset");
	shell_opt(az, SHELL_SH, "-n", dsn->vpn_gateway.name);
	if (vip)
		shell_opt(az, SHELL_SH, "--gateway-vip", t);
	shell_ps_context(ps, hub_sub(dsn));
	buf_puts(ps, "$gw = Get-AzVirtualNetworkGateway");
	shell_opt(ps, SHELL_PS, "-ResourceGroupName", dsn->resource_group);
	shell_opt(ps, SHELL_PS, "-Name", dsn->vpn_gateway.name);
	buf_puts(ps, "; Reset-AzVirtualNetworkGateway -VirtualNetworkGateway "
	    "$gw");
	if (vip)
		shell_opt(ps, SHELL_PS, "-GatewayVip", t);
}

/* ---- scope: the objects a scenario is about ---- */


static void
elem_scope(const struct design *dsn, const struct sim_element *e,
    struct procedure *p)
{
	size_t	 i;
	char	*slug;

	switch (e->kind) {
	case SIM_EL_CIRCUIT:
		scope_add(p, "circuits.%s", e->circuit->name);
		scope_add(p, "er_gateway.connections.%s", e->circuit->name);
		break;
	case SIM_EL_LINK:
		scope_add(p, "circuits.%s.links.%s", e->circuit->name,
		    e->link ? "secondary" : "primary");
		break;
	case SIM_EL_ER_GATEWAY:
		scope_add(p, "er_gateway");
		break;
	case SIM_EL_VPN_INSTANCE:
		scope_add(p, "vpn_gateway.instances.%zu", e->instance);
		break;
	case SIM_EL_TUNNEL:
		scope_add(p, "sites.%s.devices.%s.tunnels.%zu", e->site->name,
		    e->device->name, e->instance);
		break;
	case SIM_EL_DEVICE:
		scope_add(p, "sites.%s.devices.%s", e->site->name,
		    e->device->name);
		break;
	case SIM_EL_SITE:
		scope_add(p, "sites.%s", e->site->name);
		break;
	case SIM_EL_LOCATION:
		slug = sim_slug(e->location);
		for (i = 0; i < dsn->ncircuits; i++)
			if (at_location(&dsn->circuits[i], slug)) {
				scope_add(p, "circuits.%s",
				    dsn->circuits[i].name);
				scope_add(p, "er_gateway.connections.%s",
				    dsn->circuits[i].name);
			}
		free(slug);
		break;
	}
}

int
procedure_in_scope(const struct procedure *p, const char *path)
{
	size_t	 i, n;

	for (i = 0; i < p->nscope; i++) {
		n = strlen(p->scope[i]);
		if (strncmp(path, p->scope[i], n) == 0 &&
		    (path[n] == '\0' || path[n] == '.'))
			return 1;
	}
	return 0;
}

/* ---- ids ---- */

static void
elem_id(const struct design *dsn, const struct sim_element *e,
    struct buf *b)
{
	size_t	 i, n = 0;
	char	*slug;

	switch (e->kind) {
	case SIM_EL_CIRCUIT:
		if (elem_sitefo_location(dsn, e) != NULL) {
			slug = sim_slug(e->circuit->peering_location);
			buf_printf(b, "site-failover:%s", slug);
			free(slug);
		} else
			buf_printf(b, "disable-peering:%s", e->circuit->name);
		break;
	case SIM_EL_LINK:
		buf_printf(b, "link-failover:%s:%s", e->circuit->name,
		    e->link ? "secondary" : "primary");
		break;
	case SIM_EL_ER_GATEWAY:
		if (sitefo_available(dsn))
			buf_puts(b, "site-failover-each-location");
		else
			buf_puts(b, "observe:er-gateway-down");
		break;
	case SIM_EL_VPN_INSTANCE:
		if (dsn->vpn_gateway.active_active)
			buf_printf(b, "reset-instance:IN_%zu", e->instance);
		else
			buf_puts(b, "reset-active-instance");
		break;
	case SIM_EL_TUNNEL:
		buf_printf(b, "shut-tunnel:%s:%s:IN_%zu", e->site->name,
		    e->device->name, e->instance);
		break;
	case SIM_EL_DEVICE:
		buf_printf(b, "shut-device:%s:%s", e->site->name,
		    e->device->name);
		break;
	case SIM_EL_SITE:
		buf_printf(b, "observe:site-down:%s", e->site->name);
		break;
	case SIM_EL_LOCATION:
		slug = sim_slug(e->location);
		if (sitefo_available(dsn)) {
			buf_printf(b, "site-failover:%s", slug);
			free(slug);
			break;
		}
		/* Unavailable: the same action as each circuit's test. */
		for (i = 0; i < dsn->ncircuits; i++)
			if (at_location(&dsn->circuits[i], slug))
				buf_printf(b, "%sdisable-peering:%s",
				    n++ ? "+" : "", dsn->circuits[i].name);
		free(slug);
		break;
	}
}

static void
scenario_id(const struct analysis *a, const struct sim_scenario *sc,
    struct buf *b)
{
	size_t	 k;

	for (k = 0; k < sc->nfailed; k++) {
		if (k)
			buf_putc(b, '+');
		elem_id(a->dsn, &a->sim->elems[sc->failed[k]], b);
	}
}

/*
 * A procedure's id: the action's (scenario_id), or for several failures
 * at once "observe:" and the scenario (build_test says why).
 */
static void
procedure_id_of(const struct analysis *a, const struct sim_scenario *sc,
    struct buf *b)
{
	if (sc->nfailed > 1)
		buf_printf(b, "observe:%s", sc->id);
	else
		scenario_id(a, sc, b);
}

int
procedure_id(const struct analysis *a, const char *scenario,
    struct buf *out)
{
	const struct sim_scenario *sc = sim_scenario(a->sim, scenario);

	if (sc == NULL || sc->nfailed == 0)
		return 0;
	procedure_id_of(a, sc, out);
	return 1;
}


/* ---- scenarios ---- */

void
procedure_scenario_title(const struct analysis *a, const char *id,
    struct buf *out)
{
	const struct sim_scenario *sc = sim_scenario(a->sim, id);
	size_t	 i;

	if (sc == NULL || sc->nfailed == 0) {
		buf_puts(out, "Baseline: nothing failed");
		return;
	}
	for (i = 0; i < sc->nfailed; i++) {
		const char *l = a->sim->elems[sc->failed[i]].label;

		if (i == 0)
			buf_printf(out, "%c%s", l[0] >= 'a' && l[0] <= 'z' ?
			    l[0] - 'a' + 'A' : l[0], l + 1);
		else
			buf_printf(out, " and %s", l);
	}
	buf_puts(out, " fail");
	if (sc->nfailed == 1)
		buf_putc(out, 's');
}

size_t
procedure_test_scenarios(const struct analysis *a, const char **ids)
{
	const struct design *dsn = a->dsn;
	const struct sim *s = a->sim;
	size_t	 i, n = 0;

	if (dsn->failover.ntests) {
		for (i = 0; i < dsn->failover.ntests; i++)
			ids[n++] = sim_scenario(s,
			    dsn->failover.tests[i])->id;
		return n;
	}
	for (i = 1; i < s->nscenarios; i++)
		if (s->scenarios[i].nfailed == 1)
			ids[n++] = s->scenarios[i].id;
	return n;
}

/* ---- the pieces of a failover test ---- */

static void
sitefo_steps(const struct design *dsn, const char *location,
    struct procedure *p, int with_rollback_in_actions)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT;
	struct proc_step *s;
	char		*slug = sim_slug(location);
	size_t		 i;

	s = step_add(&p->actions, "Start the site failover simulation of "
	    "gateway %s at peering location %s: Azure disconnects this "
	    "gateway's connections to the circuits there, and only those",
	    dsn->er_gateway.name, location);
	cmd_sitefo(&az, &ps, dsn, location, 0);
	step_cmds(s, &az, &ps);
	set_str(&s->source, SRC_RESVAL);
	for (i = 0; i < dsn->ncircuits; i++)
		if (at_location(&dsn->circuits[i], slug))
			step_target(s, "er_gateway.connections.%s",
			    dsn->circuits[i].name);
	s = step_add(&p->actions, "Check what the API reports for the "
	    "test at %s before going on", location);
	cmd_sitefo_status(&az, &ps, dsn);
	step_cmds(s, &az, &ps);
	set_str(&s->expect, "The test at %s has status Running and lists "
	    "this gateway's connections there as disconnected; anything "
	    "else: stop the test (rollback)", location);
	if (with_rollback_in_actions) {
		s = step_add(&p->actions, "Stop the simulation at %s once its "
		    "expectations are checked (Azure runs one test at a "
		    "time, and a test left running runs indefinitely)",
		    location);
		cmd_sitefo(&az, &ps, dsn, location, 1);
		step_cmds(s, &az, &ps);
		set_str(&s->source, SRC_RESVAL);
		for (i = 0; i < dsn->ncircuits; i++)
			if (at_location(&dsn->circuits[i], slug))
				step_target(s, "er_gateway.connections.%s",
				    dsn->circuits[i].name);
	}
	s = step_add(&p->rollback, "Stop the site failover simulation at %s "
	    "(restores every connection of the gateway there). The result "
	    "is recorded in Azure's test history as you report it: set "
	    "SIMULATION_OK=true / $SimulationOk = $true only if every "
	    "expectation held, and CONNECTIVITY_VERIFIED=true / "
	    "$ConnectivityVerified = $true only if you checked traffic over "
	    "the other locations; unset, both are recorded as false and the "
	    "stop still runs",
	    location);
	cmd_sitefo(&az, &ps, dsn, location, 1);
	step_cmds(s, &az, &ps);
	set_str(&s->source, SRC_RESVAL);
	for (i = 0; i < dsn->ncircuits; i++)
		if (at_location(&dsn->circuits[i], slug))
			step_target(s, "er_gateway.connections.%s",
			    dsn->circuits[i].name);
	free(slug);
	buf_release(&az);
	buf_release(&ps);
}

static void
peering_steps(const struct design *dsn, const struct circuit *c,
    struct procedure *p)
{
	struct buf	 ps = BUF_INIT;
	struct proc_step *s;

	s = step_add(&p->actions, "Disable the private peering of circuit %s "
	    "(resource group %s): both BGP sessions of the circuit go "
	    "down, for everything connected to it", c->name,
	    circuit_rg(dsn, c));
	cmd_peering_state(&ps, dsn, c, 0);
	step_cmds(s, NULL, &ps);
	set_str(&s->no_command, "No Azure CLI command: az network "
	    "express-route peering update has no state argument, and only "
	    "PowerShell is documented for this (ERRESET)");
	set_str(&s->source, SRC_ERRESET);
	step_target(s, "circuits.%s.private_peering", c->name);
	s = step_add(&p->rollback, "Enable the private peering of circuit %s "
	    "again", c->name);
	cmd_peering_state(&ps, dsn, c, 1);
	step_cmds(s, NULL, &ps);
	set_str(&s->no_command, "No Azure CLI command (as above: ERRESET "
	    "documents PowerShell only)");
	set_str(&s->source, SRC_ERRESET);
	step_target(s, "circuits.%s.private_peering", c->name);
	buf_release(&ps);
}


static void
blast_circuit(const struct design *dsn, const struct circuit *c,
    struct procedure *p, struct buf *w)
{
	size_t	 i, j, n = 0;

	buf_printf(w, "%sDisabling the private peering of %s shuts both of "
	    "its BGP sessions for everything connected to it: every virtual "
	    "network linked to it in any subscription, and its Global Reach "
	    "links (ERRESET). In this design it carries ", w->len ? " " : "",
	    c->name);
	blast_add(p, "circuits.%s", c->name);
	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ner; j++)
			if (dsn->sites[i].er[j].circuit == c) {
				buf_printf(w, "%s%s", n++ ? ", " : "",
				    dsn->sites[i].name);
				blast_add(p, "sites.%s.expressroute",
				    dsn->sites[i].name);
			}
	if (n == 0)
		buf_puts(w, "no site's traffic");
	buf_puts(w, ". ");
	if (c->nshared_with) {
		buf_puts(w, "Also uses it (circuits[].shared_with): ");
		for (i = 0; i < c->nshared_with; i++) {
			buf_printf(w, "%s%s", i ? ", " : "", c->shared_with[i]);
			blast_add(p, "external:%s", c->shared_with[i]);
		}
		buf_puts(w, ".");
	} else
		buf_printf(w, "The design does not say what else uses %s "
		    "(circuits[].shared_with is not set): the go/no-go "
		    "lists its connections before anything is disabled.",
		    c->name);
}

/*
 * A reset (VPNRESET).  Active-active: --gateway-vip picks the instance
 * by its public IP; without one Azure reboots the primary instance,
 * which need not be the one under test, so no command is printed when
 * the design lacks the IP.  Active-standby: Azure reboots whichever
 * instance is active now; no command picks IN_0 or IN_1, and the text
 * says so instead of naming one.  A reset cannot be rolled back: its
 * abort is to stop and escalate.
 */
static void
reset_steps(const struct design *dsn, size_t inst, struct procedure *p,
    struct buf *w)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT, t = BUF_INIT;
	struct proc_step *s;
	int		 aa = dsn->vpn_gateway.active_active;
	int		 vip = inst < dsn->vpn_gateway.ninstances &&
	    dsn->vpn_gateway.instances[inst].public_ip.family != 0;

	instance_words(&t, dsn, inst);
	if (aa) {
		s = step_add(&p->actions, "Reset VPN gateway instance %s "
		    "(selected by its public IP): it reboots at once",
		    buf_cstr(&t));
		if (vip) {
			cmd_reset(&az, &ps, dsn, inst);
			step_cmds(s, &az, &ps);
		} else
			set_str(&s->no_command, "The design does not record "
			    "this instance's public IP "
			    "(vpn_gateway.instances[].public_ip); without "
			    "--gateway-vip Azure resets the primary instance, "
			    "which may be the other one (VPNRESET), so no "
			    "command is printed");
		step_target(s, "vpn_gateway.instances.%zu", inst);
	} else {
		s = step_add(&p->actions, "Reset VPN gateway %s: Azure "
		    "reboots the instance that is active now, whichever it "
		    "is; on an active-standby gateway no command chooses "
		    "IN_0 or IN_1 (VPNRESET). The standby takes over after "
		    "a brief disruption. Do not repeat the reset: a second "
		    "one reboots the new active instance",
		    dsn->vpn_gateway.name);
		cmd_reset(&az, &ps, dsn, inst);
		step_cmds(s, &az, &ps);
		step_target(s, "vpn_gateway.instances.%zu", inst);
	}
	set_str(&s->source, SRC_VPNRESET);
	s = step_add(&p->rollback, "Nothing can be undone: the rebooted "
	    "instance comes back by itself. Wait until every BGP peer and "
	    "every tunnel state is Connected again (observation commands). "
	    "If not, stop and escalate: do not reset again, open a support "
	    "case for %s with the time of the reset", dsn->vpn_gateway.name);
	set_str(&s->no_command, "A reset has no inverse command (VPNRESET)");
	step_target(s, "vpn_gateway.instances.%zu", inst);
	set_str(&p->abort_then, "stop and escalate (a reset cannot be "
	    "rolled back): run no further step, do not reset again, keep "
	    "the observations, and open a support case for %s with the "
	    "time of the reset; if a site has no path left, tell its "
	    "owners", dsn->vpn_gateway.name);
	if (aa)
		buf_printf(w, "%sInstance %s reboots: every site-to-site "
		    "tunnel and point-to-site user on it drops, and the reset "
		    "reapplies the configuration to every connection of the "
		    "gateway (VPNRESET). Tunnels to the other instance keep "
		    "carrying traffic.", w->len ? " " : "", buf_cstr(&t));
	else
		buf_printf(w, "%sThe active instance of %s reboots, whichever "
		    "it is: every site-to-site connection of the gateway "
		    "drops until the standby has taken over, point-to-site "
		    "users are disconnected and must reconnect, and the reset "
		    "reapplies the configuration to every connection "
		    "(VPNRESET).", w->len ? " " : "", dsn->vpn_gateway.name);
	blast_add(p, "vpn_gateway.instances.%zu", inst);
	buf_release(&az);
	buf_release(&ps);
	buf_release(&t);
}

/* What the site failover simulation at a location affects. */
static void
sitefo_blast(const struct design *dsn, const char *location,
    struct procedure *p, struct buf *w)
{
	char	*slug = sim_slug(location);
	size_t	 i;

	buf_printf(w, "%sOnly gateway %s's connections to the circuits at %s "
	    "are disconnected; those circuits stay connected to every other "
	    "gateway, and this gateway keeps its circuits at other "
	    "locations (RESVAL). Routes learned only at %s lose "
	    "connectivity for the test.", w->len ? " " : "",
	    dsn->er_gateway.name, location, location);
	for (i = 0; i < dsn->ncircuits; i++)
		if (at_location(&dsn->circuits[i], slug))
			blast_add(p, "er_gateway.connections.%s",
			    dsn->circuits[i].name);
	free(slug);
}

/* The actions, rollback, notes and blast radius of one element. */
static void
elem_actions(const struct analysis *a, const struct sim_scenario *sc,
    const struct sim_element *e, struct procedure *p, struct buf *w)
{
	const struct design *dsn = a->dsn;
	struct buf	 az = BUF_INIT, ps = BUF_INIT, t = BUF_INIT;
	struct proc_step *s;
	size_t		 i;
	char		*slug;
	char		 ip[PREFIX_STRLEN];

	(void)sc;
	switch (e->kind) {
	case SIM_EL_CIRCUIT:
		p->disruptive = 1;
		if (elem_sitefo_location(dsn, e) != NULL) {
			/* Narrower than the peering: H3 of the audit. */
			sitefo_steps(dsn, e->circuit->peering_location, p, 0);
			sitefo_blast(dsn, e->circuit->peering_location, p, w);
			buf_truncate(&t, 0);
			buf_printf(&t, "Circuit %s is this gateway's only "
			    "circuit at %s, so the site failover simulation "
			    "there is the circuit's loss as gateway %s sees "
			    "it, without disabling the circuit's private "
			    "peering, which would cut every other virtual "
			    "network and Global Reach link on it (RESVAL, "
			    "ERRESET). The circuit's BGP sessions to "
			    "on-premises stay up; only this virtual network's "
			    "prefixes leave them.", e->circuit->name,
			    e->circuit->peering_location, dsn->er_gateway.name);
			strv_add(&p->notes, &p->nnotes, buf_cstr(&t));
			break;
		}
		peering_steps(dsn, e->circuit, p);
		blast_circuit(dsn, e->circuit, p, w);
		if (sitefo_available(dsn)) {
			size_t	 n = 0;

			slug = sim_slug(e->circuit->peering_location);
			buf_truncate(&t, 0);
			buf_printf(&t, "Disabling the peering is the only "
			    "documented way to take circuit %s alone away: "
			    "the site failover simulation at %s would also "
			    "disconnect the gateway from ", e->circuit->name,
			    e->circuit->peering_location);
			for (i = 0; i < dsn->ncircuits; i++)
				if (&dsn->circuits[i] != e->circuit &&
				    at_location(&dsn->circuits[i], slug))
					buf_printf(&t, "%s%s", n++ ? ", " : "",
					    dsn->circuits[i].name);
			buf_puts(&t, ", a different failure.");
			free(slug);
			strv_add(&p->notes, &p->nnotes, buf_cstr(&t));
		}
		break;
	case SIM_EL_LOCATION:
		p->disruptive = 1;
		slug = sim_slug(e->location);
		if (sitefo_available(dsn)) {
			sitefo_steps(dsn, e->location, p, 0);
			sitefo_blast(dsn, e->location, p, w);
		} else {
			strv_add(&p->notes, &p->nnotes, "The site failover "
			    "simulation needs circuits in at least two "
			    "peering locations on the gateway (RESVAL); this "
			    "design has one, so the loss of the location is "
			    "caused by disabling each circuit there.");
			for (i = 0; i < dsn->ncircuits; i++)
				if (at_location(&dsn->circuits[i], slug)) {
					peering_steps(dsn, &dsn->circuits[i], p);
					blast_circuit(dsn, &dsn->circuits[i], p,
					    w);
				}
		}
		free(slug);
		break;
	case SIM_EL_ER_GATEWAY:
		if (!sitefo_available(dsn)) {
			p->observe_only = 1;
			strv_add(&p->notes, &p->nnotes, "Observe only: no "
			    "documented action takes the ExpressRoute gateway "
			    "out without touching the circuits, which serve "
			    "more than this gateway. The gateway-scoped site "
			    "failover simulation needs circuits in at least "
			    "two peering locations (RESVAL); this design has "
			    "fewer. Do not disable a circuit's peering to "
			    "stand in for the gateway. Watch the signals "
			    "below during planned Azure maintenance or a "
			    "real incident.");
			break;
		}
		p->disruptive = 1;
		strv_add(&p->notes, &p->nnotes, "Azure runs one site "
		    "failover simulation at a time (RESVAL), so the loss of "
		    "the whole gateway is tested one peering location after "
		    "the other; each step's expectations are those of its "
		    "location's scenario. The circuits are never touched.");
		for (i = 0; i < dsn->ncircuits; i++) {
			size_t	 j;
			int	 first = 1;
			char	*si = sim_slug(dsn->circuits[i].peering_location);

			for (j = 0; j < i; j++)
				if (at_location(&dsn->circuits[j], si))
					first = 0;
			free(si);
			if (first)
				sitefo_steps(dsn,
				    dsn->circuits[i].peering_location, p, 1);
		}
		buf_printf(w, "%sGateway %s's connections are disconnected "
		    "one peering location at a time; the circuits stay up "
		    "for every other gateway (RESVAL).", w->len ? " " : "",
		    dsn->er_gateway.name);
		blast_add(p, "er_gateway");
		break;
	case SIM_EL_LINK:
		p->disruptive = 1;
		s = step_add(&p->actions, "Start the link failover test on the "
		    "%s link of circuit %s (BGP on that link is disconnected; "
		    "the other link carries the circuit)", e->link ?
		    "secondary" : "primary", e->circuit->name);
		cmd_linkfo(&az, dsn, e->circuit, e->link, 0);
		step_cmds(s, &az, NULL);
		set_str(&s->no_command, "No PowerShell command: the Az.Network "
		    "source of Start-AzExpressRouteCircuitLinkFailoverTest was "
		    "seen calling the gateway site-failover API instead; use "
		    "the Azure CLI");
		set_str(&s->source, SRC_LINKFO);
		step_target(s, "circuits.%s.links.%s", e->circuit->name,
		    e->link ? "secondary" : "primary");
		s = step_add(&p->rollback, "Stop the link failover test on the "
		    "%s link of circuit %s (the result is recorded as you "
		    "report it: set SIMULATION_OK=true only if every "
		    "expectation held and CONNECTIVITY_VERIFIED=true only if "
		    "traffic was checked over the other link; unset, both are "
		    "recorded as false and the stop still runs)", e->link ?
		    "secondary" : "primary", e->circuit->name);
		cmd_linkfo(&az, dsn, e->circuit, e->link, 1);
		step_cmds(s, &az, NULL);
		set_str(&s->no_command, "No PowerShell command (as above)");
		set_str(&s->source, SRC_LINKFO);
		step_target(s, "circuits.%s.links.%s", e->circuit->name,
		    e->link ? "secondary" : "primary");
		strv_add(&p->notes, &p->nnotes, "The link failover test needs "
		    "ExpressRoute API 2025-07-01 and an Azure CLI that has "
		    "az network express-route start-circuit-link-failover-test "
		    "(check with --help). Where it is not available, shut the "
		    "BGP session of that link on the on-premises router only "
		    "(VLAN and /30 in the design), and bring it up to roll "
		    "back.");
		buf_printf(w, "%sBGP on the %s link of %s is disconnected for "
		    "every virtual network on the circuit; the circuit keeps "
		    "working on its other link, without redundancy, until the "
		    "test stops (LINKFO).", w->len ? " " : "", e->link ?
		    "secondary" : "primary", e->circuit->name);
		blast_add(p, "circuits.%s.links.%s", e->circuit->name,
		    e->link ? "secondary" : "primary");
		break;
	case SIM_EL_VPN_INSTANCE:
		p->disruptive = 1;
		reset_steps(dsn, e->instance, p, w);
		break;
	case SIM_EL_TUNNEL:
		p->disruptive = 1;
		instance_words(&t, dsn, e->instance);
		s = step_add(&p->actions, "On %s/%s (%s %s), shut down the tunnel "
		    "to gateway instance %s", e->site->name, e->device->name,
		    e->device->vendor ? e->device->vendor : "VPN",
		    e->device->model ? e->device->model : "device",
		    buf_cstr(&t));
		set_str(&s->no_command, "On-premises action: hybridoc prints no "
		    "device commands; shut the tunnel whose peer is the "
		    "address above");
		step_target(s, "sites.%s.devices.%s.tunnels.%zu", e->site->name,
		    e->device->name, e->instance);
		s = step_add(&p->rollback, "On %s/%s, bring the tunnel to "
		    "instance %s back up", e->site->name, e->device->name,
		    buf_cstr(&t));
		set_str(&s->no_command, "On-premises action");
		step_target(s, "sites.%s.devices.%s.tunnels.%zu", e->site->name,
		    e->device->name, e->instance);
		buf_printf(w, "%sOnly the tunnel from %s/%s to instance %s.",
		    w->len ? " " : "", e->site->name, e->device->name,
		    buf_cstr(&t));
		blast_add(p, "sites.%s.devices.%s.tunnels.%zu", e->site->name,
		    e->device->name, e->instance);
		break;
	case SIM_EL_DEVICE:
		p->disruptive = 1;
		ADDR(&e->device->public_ip, ip);
		s = step_add(&p->actions, "On %s/%s (%s %s, %s), shut down every "
		    "tunnel to Azure", e->site->name, e->device->name,
		    e->device->vendor ? e->device->vendor : "VPN",
		    e->device->model ? e->device->model : "device", ip);
		set_str(&s->no_command, "On-premises action: hybridoc prints no "
		    "device commands");
		step_target(s, "sites.%s.devices.%s", e->site->name,
		    e->device->name);
		s = step_add(&p->rollback, "On %s/%s, bring every tunnel to "
		    "Azure back up", e->site->name, e->device->name);
		set_str(&s->no_command, "On-premises action");
		step_target(s, "sites.%s.devices.%s", e->site->name,
		    e->device->name);
		buf_printf(w, "%sEvery tunnel of %s/%s; the site's other paths "
		    "stay up.", w->len ? " " : "", e->site->name,
		    e->device->name);
		blast_add(p, "sites.%s.devices.%s", e->site->name,
		    e->device->name);
		break;
	case SIM_EL_SITE:
		p->observe_only = 1;
		buf_printf(&t, "Observe only: no safe action takes site %s off "
		    "Azure without taking its own network down. During a "
		    "planned outage of the site or a real one, watch that "
		    "%s, that no other site's route changes, and that every "
		    "other BGP peer stays Connected.", e->site->name,
		    site_static(e->site) ? "its tunnels leave Connected while "
		    "its static prefixes (local network gateway) stay in the "
		    "effective routes, so its traffic is dropped" :
		    "its prefixes leave the learned routes");
		strv_add(&p->notes, &p->nnotes, buf_cstr(&t));
		break;
	}
	buf_release(&az);
	buf_release(&ps);
	buf_release(&t);
}

/* ---- observation, checks and expectations from the simulation ---- */

/* Flags the sites and circuits a scenario fails or moves. */
static void
touched(const struct analysis *a, const struct sim_scenario *sc,
    unsigned char *site_on, unsigned char *circuit_on)
{
	const struct design *dsn = a->dsn;
	const struct sim *s = a->sim;
	size_t	 k, j;

	memset(site_on, 0, dsn->nsites + 1);
	memset(circuit_on, 0, dsn->ncircuits + 1);
	for (k = 0; k < sc->nfailed; k++) {
		const struct sim_element *e = &s->elems[sc->failed[k]];

		if (e->site)
			site_on[(size_t)(e->site - dsn->sites)] = 1;
		if (e->circuit)
			circuit_on[(size_t)(e->circuit - dsn->circuits)] = 1;
		if (e->kind == SIM_EL_LOCATION) {
			char	*slug = sim_slug(e->location);

			for (j = 0; j < dsn->ncircuits; j++)
				if (at_location(&dsn->circuits[j], slug))
					circuit_on[j] = 1;
			free(slug);
		}
	}
	for (k = 0; k < s->natoms; k++) {
		const struct sim_route *r0, *r1;

		if (!sim_route_changed(s, sc, k))
			continue;
		r0 = sim_route_at(s, &s->scenarios[0], k);
		r1 = sim_route_at(s, sc, k);
		if (r1->site)
			site_on[(size_t)(r1->site - dsn->sites)] = 1;
		for (j = 0; j < r0->ncircuits; j++)
			circuit_on[(size_t)(r0->circuits[j] - dsn->circuits)] =
			    1;
		for (j = 0; j < r1->ncircuits; j++)
			circuit_on[(size_t)(r1->circuits[j] - dsn->circuits)] =
			    1;
	}
}

/*
 * The observation commands a test runs before, during and after: the
 * gateways' learned routes and BGP peers, and for the circuits and
 * sites the scenario touches, their route tables, tunnel states and
 * advertised routes.  Only those, so a large design's runbook stays
 * proportional to what each test changes.
 */
static void
observe_steps(const struct design *dsn, const unsigned char *site_on,
    const unsigned char *circuit_on, struct proc_steps *steps)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT;
	struct proc_step *s;
	char		 a[PREFIX_STRLEN];
	size_t		 i, j;

	if (dsn->er_gateway.node) {
		s = step_add(steps, "Routes the ExpressRoute gateway %s learned",
		    dsn->er_gateway.name);
		cmd_learned(&az, &ps, dsn, dsn->er_gateway.name);
		step_cmds(s, &az, &ps);
		for (i = 0; i < dsn->ncircuits; i++) {
			if (!circuit_on[i])
				continue;
			s = step_add(steps, "Route table of circuit %s, primary "
			    "link (repeat with secondary): the prefixes "
			    "on-premises advertises, and the virtual network's "
			    "prefixes on-premises learns over the circuit (the "
			    "return path)", dsn->circuits[i].name);
			cmd_link_table(&az, &ps, dsn, &dsn->circuits[i], 0, 0);
			step_cmds(s, &az, &ps);
		}
	}
	if (dsn->vpn_gateway.node) {
		s = step_add(steps, "BGP peers of the VPN gateway %s",
		    dsn->vpn_gateway.name);
		cmd_bgp_peers(&az, &ps, dsn);
		step_cmds(s, &az, &ps);
		s = step_add(steps, "Routes the VPN gateway %s learned",
		    dsn->vpn_gateway.name);
		cmd_learned(&az, &ps, dsn, dsn->vpn_gateway.name);
		step_cmds(s, &az, &ps);
		for (i = 0; i < dsn->nsites; i++) {
			if (!site_on[i])
				continue;
			for (j = 0; j < dsn->sites[i].ndevices; j++) {
				const struct vpn_device *v =
				    &dsn->sites[i].devices[j];

				s = step_add(steps, "Tunnel states of %s/%s "
				    "(one per gateway instance)",
				    dsn->sites[i].name, v->name);
				cmd_tunnels(&az, &ps, dsn, v->connection);
				step_cmds(s, &az, &ps);
				if (!v->has_bgp)
					continue;
				ADDR(&v->bgp_peer_ip, a);
				s = step_add(steps, "Routes advertised to %s/%s "
				    "(BGP peer %s)", dsn->sites[i].name,
				    v->name, a);
				cmd_advertised(&az, &ps, dsn, a);
				step_cmds(s, &az, &ps);
			}
		}
	}
	s = step_add(steps, "Effective routes of a test VM in the VNet");
	cmd_effective(&az, &ps, dsn);
	step_cmds(s, &az, &ps);
	buf_release(&az);
	buf_release(&ps);
}

/*
 * The bound of a planned test's expectation: how long the action takes
 * to move the routes, documented (RESVAL) or labelled an estimate.
 */
static void
action_within(const struct analysis *a, const struct sim_scenario *sc,
    const struct sim_route *r, struct proc_step *st)
{
	size_t	 k;

	for (k = 0; k < sc->nfailed; k++) {
		const struct sim_element *e = &a->sim->elems[sc->failed[k]];

		if (elem_sitefo_location(a->dsn, e) != NULL ||
		    (e->kind == SIM_EL_ER_GATEWAY && sitefo_available(a->dsn))) {
			step_within(st, SITEFO_BOUND_S, SRC_RESVAL, "RESVAL: "
			    "after the simulation starts, traffic failover "
			    "typically completes within 15 s");
			return;
		}
		if (e->kind == SIM_EL_CIRCUIT || e->kind == SIM_EL_LOCATION) {
			step_estimate(st, PEERING_EST_S, "S2SBK measured \"a "
			    "few seconds (less than 10)\" after a peering was "
			    "disabled, in one lab setup; no bound is "
			    "documented");
			return;
		}
		if (e->kind == SIM_EL_LINK) {
			step_estimate(st, PEERING_EST_S, "the test disconnects "
			    "BGP on one link administratively, as a peering "
			    "disable does on both, for which S2SBK measured "
			    "less than 10 s in one lab setup; no bound is "
			    "documented");
			return;
		}
	}
	step_within(st, r != NULL && r->detect_s > 0 ?
	    (long)(r->detect_s + 0.999) : HOLD_S, SRC_MODEL, "at most the "
	    "simulation's detection time: the connection's DPD timeout, or "
	    "the 180 s BGP hold time, docs/model.md");
}

/*
 * The bound of an unplanned failure: detection by BFD or the BGP hold
 * time (ERBFD), or DPD (docs/model.md), as the simulation computed it
 * for this route, then convergence, which no page bounds.
 */
static void
outage_within(const struct sim_route *r, struct proc_step *st)
{
	double	 d = r != NULL && r->detect_s > 0 ? r->detect_s : HOLD_S;
	long	 s = (long)(d + 0.999);

	st->within_s = s;
	if (d < 1.0) {
		set_str(&st->within, "detected within %.1f s (BFD: 300 ms x "
		    "3, ERBFD), then BGP converges (not documented; S2SBK "
		    "measured less than 10 s in one lab setup)", d);
		set_str(&st->source, SRC_ERBFD);
	} else if (s == HOLD_S) {
		set_str(&st->within, "detected within %ld s (the BGP hold "
		    "time without BFD, ERBFD, VPNBGPTS), then BGP converges "
		    "(not documented; S2SBK measured less than 10 s in one "
		    "lab setup)", s);
		set_str(&st->source, SRC_ERBFD);
	} else {
		set_str(&st->within, "detected within %ld s (the "
		    "connection's DPD timeout, docs/model.md), then BGP "
		    "converges (not documented)", s);
		set_str(&st->source, SRC_MODEL);
	}
}

static void
prefix_site(struct buf *b, const struct sim_route *r)
{
	char	 p[PREFIX_STRLEN];

	buf_printf(b, "%s (%s)", PFX(&r->atom, p), r->site ? r->site->name :
	    "no site");
}

/* The expectation's row of the "Expected" table. */
static void
step_route(struct proc_step *st, const struct sim_route *r, const char *at)
{
	struct proc_route *x = xcalloc(1, sizeof(*x));
	char	 p[PREFIX_STRLEN];

	x->prefix = xstrdup(PFX(&r->atom, p));
	x->site = xstrdup(r->site ? r->site->name : "—");
	x->path = xstrdup(sim_path_name(r->path));
	x->via = xstrdup(r->dropped ? "dropped: static route stays" :
	    r->via && *r->via ? r->via : "—");
	x->at = at ? xstrdup(at) : NULL;
	x->capacity_mbps = r->path == SIM_NONE ? 0 : r->capacity_mbps;
	x->unreachable = r->path == SIM_NONE;
	st->route = x;
}

/* A check that the baseline holds now, before anything is done. */
static void
baseline_check(const struct analysis *a, const struct sim_route *r0,
    struct procedure *p)
{
	const struct design *dsn = a->dsn;
	struct buf	 az = BUF_INIT, ps = BUF_INIT, t = BUF_INIT;
	struct proc_step *s;
	char		 pf[PREFIX_STRLEN];

	PFX(&r0->atom, pf);
	prefix_site(&t, r0);
	if (r0->path == SIM_VPN && r0->site && site_static(r0->site)) {
		s = step_add(&p->go_no_go, "Now, before the test: %s is "
		    "reached as in the baseline, over the VPN via %s (a "
		    "static prefix of the site's local network gateway)",
		    buf_cstr(&t), r0->via);
		cmd_effective(&az, &ps, dsn);
		set_str(&s->expect, "%s in the effective routes with next hop "
		    "VirtualNetworkGateway", pf);
	} else {
		const char *gw = r0->path == SIM_VPN ? dsn->vpn_gateway.name :
		    dsn->er_gateway.name;

		s = step_add(&p->go_no_go, "Now, before the test: %s is "
		    "reached as in the baseline, over %s via %s",
		    buf_cstr(&t), sim_path_name(r0->path), r0->via);
		cmd_learned(&az, &ps, dsn, gw);
		set_str(&s->expect, "%s has learned a route to %s from the "
		    "peers of %s; if the path differs now, the test's "
		    "expectations do not hold: do not start", gw, pf, r0->via);
	}
	step_cmds(s, &az, &ps);
	buf_release(&az);
	buf_release(&ps);
	buf_release(&t);
}

/* Go/no-go for the backup a moved prefix lands on. */
static void
backup_checks(const struct analysis *a, const struct sim_route *r,
    struct procedure *p)
{
	const struct design *dsn = a->dsn;
	struct buf	 az = BUF_INIT, ps = BUF_INIT, t = BUF_INIT, x = BUF_INIT;
	struct proc_step *s;
	char		 ip[PREFIX_STRLEN], pf[PREFIX_STRLEN];
	size_t		 i, j;

	PFX(&r->atom, pf);
	if (r->path == SIM_VPN) {
		for (i = 0; i < r->ntunnels; i++) {
			const struct vpn_device *v = r->tunnels[i].device;
			const struct site *st = r->tunnels[i].site;

			buf_truncate(&t, 0);
			buf_printf(&t, "Both tunnels of %s/%s are Connected "
			    "(read per tunnel: the connection's aggregate "
			    "status stays Connected with one tunnel down)",
			    st->name, v->name);
			if (dsn->vpn_gateway.active_active &&
			    !step_has(&p->go_no_go, buf_cstr(&t))) {
				s = step_add(&p->go_no_go, "%s", buf_cstr(&t));
				cmd_tunnels(&az, &ps, dsn, v->connection);
				step_cmds(s, &az, &ps);
				buf_truncate(&x, 0);
				for (j = 0; j < dsn->vpn_gateway.ninstances;
				    j++) {
					buf_puts(&x, j ? ", " : "");
					instance_words(&x, dsn, j);
				}
				set_str(&s->expect, "tunnelConnectionStatus "
				    "lists a Connected tunnel to each instance: "
				    "%s", buf_cstr(&x));
			}
			if (!v->has_bgp)
				continue;
			ADDR(&v->bgp_peer_ip, ip);
			buf_truncate(&t, 0);
			buf_printf(&t, "The BGP session of %s/%s (peer %s) is "
			    "Connected on %s", st->name, v->name, ip,
			    dsn->vpn_gateway.name);
			if (!step_has(&p->go_no_go, buf_cstr(&t))) {
				s = step_add(&p->go_no_go, "%s", buf_cstr(&t));
				cmd_bgp_peers(&az, &ps, dsn);
				step_cmds(s, &az, &ps);
				set_str(&s->expect, "Neighbor %s: State "
				    "Connected%s", ip,
				    dsn->vpn_gateway.active_active ? ", on "
				    "both instances" : "");
			}
		}
		if (r->site && site_static(r->site)) {
			s = step_add(&p->go_no_go, "%s is a static prefix of "
			    "the local network gateway of %s, the path this "
			    "test moves it to (no BGP: nothing is learned)",
			    pf, r->site->name);
			cmd_effective(&az, &ps, dsn);
			step_cmds(s, &az, &ps);
			set_str(&s->expect, "%s in the effective routes with "
			    "next hop VirtualNetworkGateway, and the site's "
			    "tunnels Connected (above)", pf);
		} else {
			s = step_add(&p->go_no_go, "The VPN gateway %s has "
			    "learned %s, the prefix this test moves onto it",
			    dsn->vpn_gateway.name, pf);
			cmd_learned(&az, &ps, dsn, dsn->vpn_gateway.name);
			step_cmds(s, &az, &ps);
			set_str(&s->expect, "A route to %s (or a covering "
			    "prefix) learned over BGP from the site's VPN "
			    "peer", pf);
		}
	} else if (r->path == SIM_EXPRESSROUTE) {
		s = step_add(&p->go_no_go, "The ExpressRoute gateway %s has "
		    "learned %s over %s, the backup this test moves it to",
		    dsn->er_gateway.name, pf, r->via);
		cmd_learned(&az, &ps, dsn, dsn->er_gateway.name);
		step_cmds(s, &az, &ps);
		set_str(&s->expect, "A route to %s from the peers of %s", pf,
		    r->via);
	}
	buf_release(&az);
	buf_release(&ps);
	buf_release(&t);
	buf_release(&x);
}

/* The smallest capacity of a site's reachable prefixes, or -1. */
static long
site_capacity(const struct sim *s, const struct sim_scenario *sc,
    const struct site *st, enum sim_path *path)
{
	long	 cap = -1;
	size_t	 k;

	for (k = 0; k < s->natoms; k++) {
		const struct sim_route *r = sim_route_at(s, sc, k);

		if (r->site != st || r->path == SIM_NONE)
			continue;
		if (cap < 0 || r->capacity_mbps < cap) {
			cap = r->capacity_mbps;
			*path = r->path;
		}
	}
	return cap;
}

static void
capacity_checks(const struct analysis *a, const struct sim_scenario *sc,
    const unsigned char *site_on, struct procedure *p)
{
	const struct design *dsn = a->dsn;
	struct proc_step *s;
	enum sim_path	 path = SIM_NONE;
	size_t		 i;
	long		 cap;

	for (i = 0; i < dsn->ntraffic; i++) {
		const struct traffic *t = &dsn->traffic[i];

		if (t->site == NULL ||
		    !site_on[(size_t)(t->site - dsn->sites)])
			continue;
		cap = site_capacity(a->sim, sc, t->site, &path);
		if (cap < 0 || cap >= t->peak_mbps)
			continue;
		s = step_add(&p->go_no_go, "Capacity: %s peaks at %ld Mbps "
		    "(traffic in the design), but during this test its path "
		    "carries %ld Mbps over %s (simulation estimate; see "
		    "docs/model.md and finding HD605)", t->site->name,
		    t->peak_mbps, cap, sim_path_name(path));
		set_str(&s->no_command, "Read the site's current traffic from "
		    "your monitoring");
		set_str(&s->expect, "%s's traffic now is below %ld Mbps, or "
		    "degraded service for %s is accepted in the change record",
		    t->site->name, cap, t->site->name);
		set_str(&s->source, SRC_MODEL);
	}
}

static void
window_check(const struct design *dsn, struct procedure *p)
{
	struct proc_step *s;

	if (dsn->failover.maintenance_window)
		s = step_add(&p->go_no_go, "Maintenance window: %s "
		    "(failover.maintenance_window)",
		    dsn->failover.maintenance_window);
	else
		s = step_add(&p->go_no_go, "Maintenance window: not set in "
		    "the design (failover.maintenance_window); agree one in "
		    "the change record");
	set_str(&s->no_command, "A scheduling check");
	set_str(&s->expect, "Now is inside the window, the change record "
	    "is approved, and the people named in the blast radius know");
}

/* The circuits a procedure is about (its scope). */
static int
circuit_in_scope(const struct procedure *p, const struct circuit *c)
{
	struct buf	 b = BUF_INIT;
	int		 r;

	size_t		 i;

	buf_printf(&b, "circuits.%s", c->name);
	r = procedure_in_scope(p, buf_cstr(&b));
	/* Or a part of it: one link. */
	buf_putc(&b, '.');
	for (i = 0; i < p->nscope; i++)
		r = r || strncmp(p->scope[i], buf_cstr(&b), b.len) == 0;
	buf_truncate(&b, 0);
	buf_printf(&b, "er_gateway.connections.%s", c->name);
	r = r || procedure_in_scope(p, buf_cstr(&b)) ||
	    procedure_in_scope(p, "er_gateway");
	buf_release(&b);
	return r;
}

/*
 * The last expectations of a planned test: what proves the paths it
 * touched are back.  ExpressRoute: the gateway's learned routes and
 * both BGP sessions of every circuit in scope; VPN: the BGP peers and
 * the tunnels.
 */
static void
expectations_end(const struct analysis *a, struct procedure *p)
{
	const struct design *dsn = a->dsn;
	struct buf	 az = BUF_INIT, ps = BUF_INIT;
	struct proc_step *st;
	size_t		 i;
	int		 er = 0;

	for (i = 0; i < dsn->ncircuits; i++) {
		const struct circuit *c = &dsn->circuits[i];

		if (!circuit_in_scope(p, c))
			continue;
		er = 1;
		st = step_add(&p->expect, "After the rollback: both BGP "
		    "sessions of circuit %s are up again (primary shown; "
		    "repeat with --path secondary / -DevicePath Secondary)",
		    c->name);
		cmd_route_summary(&az, &ps, dsn, c, 0);
		step_cmds(st, &az, &ps);
		set_str(&st->expect, "The neighbour is up (Up/Down shows a "
		    "duration, not Idle, Active or Connect) and StatePfxRcd "
		    "is the count it had in the baseline");
		step_back_estimate(st);
	}
	if (er && dsn->er_gateway.node) {
		st = step_add(&p->expect, "After the rollback: the "
		    "ExpressRoute gateway %s has learned every prefix from "
		    "the same circuits as in the baseline",
		    dsn->er_gateway.name);
		cmd_learned(&az, &ps, dsn, dsn->er_gateway.name);
		step_cmds(st, &az, &ps);
		step_back_estimate(st);
	}
	if (!er && dsn->vpn_gateway.node) {
		st = step_add(&p->expect, "After the rollback: every BGP peer "
		    "of the VPN gateway %s is Connected and every tunnel state "
		    "is Connected, as in the baseline", dsn->vpn_gateway.name);
		cmd_bgp_peers(&az, &ps, dsn);
		step_cmds(st, &az, &ps);
		step_back_estimate(st);
	}
	buf_release(&az);
	buf_release(&ps);
}

/* Whether the scenario takes circuit c away from the gateway. */
static int
circuit_failed(const struct analysis *a, const struct sim_scenario *sc,
    const struct circuit *c)
{
	size_t	 k;

	for (k = 0; k < sc->nfailed; k++) {
		const struct sim_element *e = &a->sim->elems[sc->failed[k]];

		if (e->kind == SIM_EL_ER_GATEWAY ||
		    (e->kind == SIM_EL_CIRCUIT && e->circuit == c))
			return 1;
		if (e->kind == SIM_EL_LOCATION) {
			char	*slug = sim_slug(e->location);
			int	 r = at_location(c, slug);

			free(slug);
			if (r)
				return 1;
		}
	}
	return 0;
}

/*
 * The return path: what each site whose way back to Azure changes
 * learns from Azure now -- the VNet's address space advertised to its
 * VPN peer, or present in the route table of a circuit it still has.
 */
static void
return_expectations(const struct analysis *a, const struct sim_scenario *sc,
    struct procedure *p, int planned, const char *at,
    const struct sim_route *worst)
{
	const struct design *dsn = a->dsn;
	const struct sim *s = a->sim;
	struct buf	 az = BUF_INIT, ps = BUF_INIT, sp = BUF_INIT;
	struct proc_step *st;
	char		 pf[PREFIX_STRLEN], ip[PREFIX_STRLEN];
	size_t		 i, j;

	for (i = 0; i < dsn->vnet.naddress_space; i++)
		buf_printf(&sp, "%s%s", i ? ", " : "",
		    PFX(&dsn->vnet.address_space[i], pf));
	for (i = 0; i < dsn->nsites; i++) {
		const struct sim_return *r0 = sim_return_at(s,
		    &s->scenarios[0], i), *r = sim_return_at(s, sc, i);
		const struct site *site = &dsn->sites[i];
		const struct circuit *c = NULL;
		const struct vpn_device *v = NULL;

		const struct circuit *c0 = NULL;
		long	 best0 = -1;
		int	 lost;

		/* The circuit its local preference picks in the baseline. */
		for (j = 0; j < site->ner; j++)
			if (site->er[j].local_preference > best0) {
				c0 = site->er[j].circuit;
				best0 = site->er[j].local_preference;
			}
		lost = c0 != NULL && circuit_failed(a, sc, c0);
		/* A changed path, or the same path over another circuit. */
		if (r0 == NULL || r == NULL || (r0->path == r->path &&
		    r0->undetermined == r->undetermined &&
		    !(r->path == SIM_EXPRESSROUTE && lost)))
			continue;
		if (r->undetermined) {
			st = step_add(&p->expect, "%s%s%sReturn path of %s: "
			    "undetermined (equal local preference on "
			    "ExpressRoute and VPN, HD603); read the site's "
			    "router to see which it uses", at ? "During the "
			    "test at " : "", at ? at : "", at ? ": " : "",
			    site->name);
			set_str(&st->no_command, "On-premises: hybridoc "
			    "prints no device commands");
		} else if (r->path == SIM_VPN) {
			for (j = 0; j < site->ndevices && v == NULL; j++)
				if (site->devices[j].has_bgp)
					v = &site->devices[j];
			st = step_add(&p->expect, "%s%s%sReturn path: %s "
			    "reaches Azure over the VPN; Azure advertises %s "
			    "to it there", at ? "During the test at " : "",
			    at ? at : "", at ? ": " : "", site->name,
			    buf_cstr(&sp));
			if (v != NULL) {
				ADDR(&v->bgp_peer_ip, ip);
				cmd_advertised(&az, &ps, dsn, ip);
				set_str(&st->expect, "%s advertised to BGP peer "
				    "%s; on the site's router, the route to "
				    "it points to the tunnel", buf_cstr(&sp),
				    ip);
			} else
				set_str(&st->no_command, "Static site: its "
				    "router's static route to %s must point "
				    "to the tunnel (on-premises, no Azure "
				    "command shows it)", buf_cstr(&sp));
		} else if (r->path == SIM_EXPRESSROUTE) {
			long	 best = -1;

			/* The circuit its local preference picks. */
			for (j = 0; j < site->ner; j++)
				if (!circuit_failed(a, sc,
				    site->er[j].circuit) &&
				    site->er[j].local_preference > best) {
					c = site->er[j].circuit;
					best = site->er[j].local_preference;
				}
			st = step_add(&p->expect, "%s%s%sReturn path: %s "
			    "reaches Azure over ExpressRoute%s%s", at ?
			    "During the test at " : "", at ? at : "",
			    at ? ": " : "", site->name, c ? " via " : "",
			    c ? c->name : "");
			if (c != NULL) {
				cmd_link_table(&az, &ps, dsn, c, 0, 0);
				set_str(&st->expect, "%s in the circuit's route "
				    "table (what on-premises learns over it); "
				    "on the site's router, the best route to it "
				    "is over the circuit", buf_cstr(&sp));
			} else
				set_str(&st->no_command, "On-premises: read "
				    "the site's router");
		} else {
			st = step_add(&p->expect, "%s%s%sReturn path: %s has no "
			    "way back to Azure", at ? "During the test at " :
			    "", at ? at : "", at ? ": " : "", site->name);
			set_str(&st->no_command, "On-premises: read the site's "
			    "router");
		}
		step_cmds(st, &az, &ps);
		if (planned)
			action_within(a, sc, worst, st);
		else
			outage_within(worst, st);
	}
	buf_release(&az);
	buf_release(&ps);
	buf_release(&sp);
}

/*
 * The expectations of a scenario, from the simulation: one step per
 * prefix that moves, each with its row of the "Expected" table, and
 * the return paths that change.  planned: a test's action (its bound,
 * and abort conditions on what is observed); otherwise a failure
 * watched (detection bounds, no abort).
 */
static void
expectations(const struct analysis *a, const struct sim_scenario *sc,
    struct procedure *p, int planned, const char *at)
{
	const struct design *dsn = a->dsn;
	const struct sim *s = a->sim;
	struct buf	 az = BUF_INIT, ps = BUF_INIT, t = BUF_INIT;
	struct proc_step *st;
	size_t		 k, changed = 0;
	char		 pf[PREFIX_STRLEN];
	const struct sim_route *worst = NULL;

	for (k = 0; k < s->natoms; k++) {
		const struct sim_route *r0, *r;

		if (!sim_route_changed(s, sc, k))
			continue;
		r0 = sim_route_at(s, &s->scenarios[0], k);
		r = sim_route_at(s, sc, k);
		PFX(&r->atom, pf);
		changed++;
		if (worst == NULL || r->detect_s > worst->detect_s)
			worst = r;
		buf_truncate(&t, 0);
		if (at != NULL)
			buf_printf(&t, "During the test at %s: ", at);
		prefix_site(&t, r);
		if (r->path == SIM_NONE && r->site && site_static(r->site)) {
			st = step_add(&p->expect, "%s stays in the effective "
			    "routes with next hop VirtualNetworkGateway (a "
			    "static prefix of the local network gateway is "
			    "not withdrawn), but traffic to it fails: "
			    "expected, no tunnel is left", buf_cstr(&t));
			cmd_effective(&az, &ps, dsn);
		} else if (r->path == SIM_NONE) {
			st = step_add(&p->expect, "%s leaves the effective "
			    "routes: expected, no path is left",
			    buf_cstr(&t));
			cmd_effective(&az, &ps, dsn);
		} else if (r->path == SIM_VPN && r->site &&
		    site_static(r->site)) {
			st = step_add(&p->expect, "%s is reached over the VPN "
			    "via %s: a static prefix of the local network "
			    "gateway, next hop VirtualNetworkGateway in the "
			    "effective routes", buf_cstr(&t), r->via);
			cmd_effective(&az, &ps, dsn);
		} else if (r->path == SIM_VPN) {
			st = step_add(&p->expect, "%s is reached over the VPN "
			    "via %s: learned by %s, next hop "
			    "VirtualNetworkGateway in the effective routes",
			    buf_cstr(&t), r->via, dsn->vpn_gateway.name);
			cmd_learned(&az, &ps, dsn, dsn->vpn_gateway.name);
		} else if (r0->path == SIM_EXPRESSROUTE && r0->via && r->via &&
		    strcmp(r0->via, r->via) == 0) {
			st = step_add(&p->expect, "%s stays on ExpressRoute "
			    "via %s, on its remaining link", buf_cstr(&t),
			    r->via);
			cmd_learned(&az, &ps, dsn, dsn->er_gateway.name);
		} else {
			st = step_add(&p->expect, "%s is reached over "
			    "ExpressRoute via %s: learned by %s from that "
			    "circuit's peers", buf_cstr(&t), r->via,
			    dsn->er_gateway.name);
			cmd_learned(&az, &ps, dsn, dsn->er_gateway.name);
		}
		step_cmds(st, &az, &ps);
		step_route(st, r, at);
		if (!planned) {
			outage_within(r, st);
			continue;
		}
		action_within(a, sc, r, st);
		/* Abort on what is observed, never on the clock alone. */
		buf_truncate(&t, 0);
		if (at != NULL)
			buf_printf(&t, "During the test at %s: ", at);
		prefix_site(&t, r);
		if (r->path == SIM_NONE)
			buf_printf(&t, " is still reached over %s via %s once "
			    "the action has completed: the test did not take "
			    "effect", sim_path_name(r0->path), r0->via);
		else if (r->path == SIM_VPN && r->site && site_static(r->site))
			buf_printf(&t, ": a tunnel of %s is not Connected once "
			    "the action has completed, so its static prefix "
			    "has nowhere to go", r->site->name);
		else
			buf_printf(&t, " is missing from the routes %s learned "
			    "via %s once the action has completed (the "
			    "go/no-go found it there)", r->path == SIM_VPN ?
			    dsn->vpn_gateway.name : dsn->er_gateway.name,
			    r->via);
		strv_add(&p->abort_if, &p->nabort_if, buf_cstr(&t));
	}
	if (changed == 0) {
		st = step_add(&p->expect, "%s%s%sNo prefix changes path: learned "
		    "routes and effective routes match the baseline; the "
		    "redundancy of the failed element carries the traffic",
		    at ? "During the test at " : "", at ? at : "",
		    at ? ": " : "");
		cmd_effective(&az, &ps, dsn);
		step_cmds(st, &az, &ps);
	}
	return_expectations(a, sc, p, planned, at, worst);
	buf_release(&az);
	buf_release(&ps);
	buf_release(&t);
}

/* The checks before a site failover simulation at a location. */
static void
sitefo_checks(const struct design *dsn, const char *location,
    struct procedure *p)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT;
	struct proc_step *st;

	st = step_add(&p->go_no_go, "No other failover test runs on %s, "
	    "and no circuit of the gateway is under maintenance (Azure "
	    "refuses the test otherwise)", dsn->er_gateway.name);
	cmd_sitefo_status(&az, &ps, dsn);
	step_cmds(st, &az, &ps);
	set_str(&st->expect, "No test with status Running; Service Health "
	    "lists no maintenance on the circuits");
	set_str(&st->source, SRC_RESVAL);
	st = step_add(&p->go_no_go, "The routes %s learns at %s are also "
	    "learned at another peering location (route redundancy, the "
	    "portal's Route List)", dsn->er_gateway.name, location);
	cmd_routes_information(&az, &ps, dsn);
	step_cmds(st, &az, &ps);
	set_str(&st->expect, "Every route set whose locations include %s "
	    "also lists another location; a route set only at %s loses "
	    "connectivity for the test (RESVAL: nonredundant routes): "
	    "accept that in the change record or do not start", location,
	    location);
	set_str(&st->source, SRC_RESVAL);
	buf_release(&az);
	buf_release(&ps);
}

/* The checks before a circuit's private peering is disabled. */
static void
circuit_checks(const struct design *dsn, const struct circuit *c,
    struct procedure *p)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT;
	struct proc_step *st;

	st = step_add(&p->go_no_go, "Everything else on circuit %s is "
	    "known: its authorizations (VNets in other subscriptions), its "
	    "peerings' connections (Global Reach)", c->name);
	cmd_circuit_show(&az, &ps, dsn, c);
	step_cmds(st, &az, &ps);
	set_str(&st->expect, "Every authorization and connection shown is "
	    "named in the blast radius below, and its owners agreed");
	st = step_add(&p->go_no_go, "The virtual networks linked to circuit "
	    "%s: every gateway connection whose peer is the circuit, in "
	    "every subscription you can read (Azure Resource Graph; the "
	    "Azure CLI needs its resource-graph extension)", c->name);
	cmd_circuit_links(&az, &ps, dsn, c);
	step_cmds(st, &az, &ps);
	set_str(&st->expect, "Only connections the blast radius names, or "
	    "whose owners agreed; a VNet in a tenant you cannot read does "
	    "not appear here, only as a used authorization above");
	buf_release(&az);
	buf_release(&ps);
}

/* The checks before one link's failover test. */
static void
link_checks(const struct design *dsn, const struct circuit *c, int link,
    struct procedure *p)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT;
	struct proc_step *st;

	st = step_add(&p->go_no_go, "The other link of circuit %s, the %s, "
	    "has its BGP session up with the prefixes on-premises "
	    "advertises: it carries the circuit during the test", c->name,
	    link ? "primary" : "secondary");
	cmd_route_summary(&az, &ps, dsn, c, !link);
	step_cmds(st, &az, &ps);
	set_str(&st->expect, "The neighbour is up (Up/Down shows a duration, "
	    "not Idle, Active or Connect) and StatePfxRcd is not zero; "
	    "otherwise the test takes the whole circuit down: do not start");
	st = step_add(&p->go_no_go, "No link failover test runs on circuit "
	    "%s", c->name);
	cmd_linkfo_status(&az, dsn, c);
	step_cmds(st, &az, NULL);
	set_str(&st->expect, "No test with status Running");
	set_str(&st->source, SRC_LINKFO);
	buf_release(&az);
	buf_release(&ps);
}

/* The checks before a VPN gateway reset: every connection is hit. */
static void
reset_checks(const struct design *dsn, struct procedure *p)
{
	struct buf	 az = BUF_INIT, ps = BUF_INIT, l = BUF_INIT;
	struct proc_step *st;
	size_t		 i, j, n = 0;

	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++)
			buf_printf(&l, "%s%s", n++ ? ", " : "",
			    dsn->sites[i].devices[j].connection);
	st = step_add(&p->go_no_go, "Every connection of %s is affected: "
	    "the reset reapplies the configuration to all of them and drops "
	    "the tunnels on the rebooted instance (VPNRESET)",
	    dsn->vpn_gateway.name);
	cmd_gateway_connections(&az, &ps, dsn);
	step_cmds(st, &az, &ps);
	set_str(&st->expect, "Only the connections the design describes "
	    "(%s); any other (VNet-to-VNet, a site the design does not "
	    "know) and any point-to-site users are named in the change "
	    "record and their owners know", n ? buf_cstr(&l) : "none");
	set_str(&st->source, SRC_VPNRESET);
	buf_release(&az);
	buf_release(&ps);
	buf_release(&l);
}

static void
go_no_go(const struct analysis *a, const struct sim_scenario *sc,
    const unsigned char *site_on, struct procedure *p)
{
	const struct design *dsn = a->dsn;
	const struct sim *s = a->sim;
	struct buf	 t = BUF_INIT;
	struct proc_step *st;
	size_t		 k, i;

	window_check(dsn, p);
	for (k = 0; k < sc->nfailed; k++) {
		const struct sim_element *e = &s->elems[sc->failed[k]];
		const char *loc = elem_sitefo_location(dsn, e);

		if (loc != NULL || (e->kind == SIM_EL_ER_GATEWAY &&
		    sitefo_available(dsn))) {
			sitefo_checks(dsn, loc ? loc : "each location", p);
			continue;
		}
		switch (e->kind) {
		case SIM_EL_CIRCUIT:
			circuit_checks(dsn, e->circuit, p);
			break;
		case SIM_EL_LOCATION: {
			char	*slug = sim_slug(e->location);

			for (i = 0; i < dsn->ncircuits; i++)
				if (at_location(&dsn->circuits[i], slug))
					circuit_checks(dsn, &dsn->circuits[i],
					    p);
			free(slug);
			break;
		}
		case SIM_EL_LINK:
			link_checks(dsn, e->circuit, e->link, p);
			break;
		case SIM_EL_VPN_INSTANCE:
			reset_checks(dsn, p);
			break;
		default:
			break;
		}
	}
	for (k = 0; k < s->natoms; k++) {
		const struct sim_route *r0, *r;

		if (!sim_route_changed(s, sc, k))
			continue;
		r0 = sim_route_at(s, &s->scenarios[0], k);
		r = sim_route_at(s, sc, k);
		if (r0->path == SIM_NONE)
			continue;
		baseline_check(a, r0, p);
		if (r->path == SIM_NONE) {
			buf_truncate(&t, 0);
			prefix_site(&t, r);
			st = step_add(&p->go_no_go, "%s has no path while this "
			    "test runs: the simulation finds no backup",
			    buf_cstr(&t));
			set_str(&st->no_command, "A decision, not a command");
			set_str(&st->expect, "The outage of %s for the test is "
			    "accepted in the change record; otherwise do not "
			    "start", r->site ? r->site->name : "this prefix");
			continue;
		}
		if (r0->path == r->path && r0->via && r->via &&
		    strcmp(r0->via, r->via) == 0)
			continue;
		backup_checks(a, r, p);
	}
	capacity_checks(a, sc, site_on, p);
	strv_add(&p->abort_if, &p->nabort_if, "A BGP peer or tunnel this "
	    "test does not touch leaves Connected");
	strv_add(&p->abort_if, &p->nabort_if, "A prefix the expectations do "
	    "not name changes path or disappears from the effective routes");
	strv_add(&p->abort_if, &p->nabort_if, "Users of an object outside "
	    "the blast radius report an outage");
	buf_release(&t);
}

static void
step_release(struct proc_step *s)
{
	free(s->text);
	free(s->az);
	free(s->ps);
	free(s->no_command);
	free(s->expect);
	free(s->within);
	free(s->source);
	strv_free(s->targets, s->ntargets);
	if (s->route != NULL) {
		free(s->route->prefix);
		free(s->route->site);
		free(s->route->path);
		free(s->route->via);
		free(s->route->at);
		free(s->route);
	}
}

/* Keeps the first of steps with the same text (checks listed once). */
static void
steps_dedupe(struct proc_steps *s)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < s->n; i++) {
		for (j = 0; j < n; j++)
			if (strcmp(s->v[j].text, s->v[i].text) == 0)
				break;
		if (j < n) {
			step_release(&s->v[i]);
			continue;
		}
		s->v[n++] = s->v[i];
	}
	s->n = n;
}

/* ---- building procedures ---- */

static void
procedure_free(struct procedure *p)
{
	struct proc_steps *all[5];
	size_t	 i, j;

	if (p == NULL)
		return;
	all[0] = &p->go_no_go;
	all[1] = &p->actions;
	all[2] = &p->observe;
	all[3] = &p->expect;
	all[4] = &p->rollback;
	for (i = 0; i < 5; i++) {
		for (j = 0; j < all[i]->n; j++)
			step_release(&all[i]->v[j]);
		free(all[i]->v);
	}
	free(p->id);
	strv_free(p->scenarios, p->nscenarios);
	free(p->title);
	free(p->blast_radius);
	strv_free(p->blast_objects, p->nblast_objects);
	strv_free(p->scope, p->nscope);
	strv_free(p->notes, p->nnotes);
	strv_free(p->abort_if, p->nabort_if);
	free(p->abort_then);
	free(p);
}

void
procset_free(struct procset *ps)
{
	size_t	 i;

	if (ps == NULL)
		return;
	for (i = 0; i < ps->n; i++)
		procedure_free(ps->v[i]);
	free(ps->v);
	free(ps);
}

static struct procedure *
procset_add(struct procset *set, const char *id)
{
	struct procedure *p = xcalloc(1, sizeof(*p));

	p->id = xstrdup(id);
	xgrow(&set->v, &set->cap, set->n + 1, sizeof(*set->v));
	set->v[set->n++] = p;
	return p;
}

static struct procedure *
procset_find(const struct procset *set, const char *id)
{
	size_t	 i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i]->id, id) == 0)
			return set->v[i];
	return NULL;
}

/*
 * The ExpressRoute gateway tested one peering location at a time: the
 * checks and expectations are each location's scenario's, in turn.  No
 * documented action reproduces the simulation's whole-gateway loss.
 */
static void
each_location(const struct analysis *a, struct procedure *p,
    unsigned char *site_on, unsigned char *circuit_on)
{
	const struct design *dsn = a->dsn;
	const struct sim_scenario *ls;
	struct buf	 id = BUF_INIT;
	size_t		 i, j;
	char		*slug;
	int		 first;

	strv_add(&p->notes, &p->nnotes, "The simulation's table below is "
	    "the loss of the whole gateway; no documented action causes it. "
	    "What each step causes is the loss of one location, with the "
	    "expectations listed per location.");
	for (i = 0; i < dsn->ncircuits; i++) {
		slug = sim_slug(dsn->circuits[i].peering_location);
		for (j = 0, first = 1; j < i; j++)
			if (at_location(&dsn->circuits[j], slug))
				first = 0;
		buf_truncate(&id, 0);
		buf_printf(&id, "location-down:%s", slug);
		free(slug);
		if (!first || (ls = sim_scenario(a->sim, buf_cstr(&id))) ==
		    NULL)
			continue;
		touched(a, ls, site_on, circuit_on);
		go_no_go(a, ls, site_on, p);
		expectations(a, ls, p, 1, dsn->circuits[i].peering_location);
	}
	expectations_end(a, p);
	buf_release(&id);
}

/*
 * Several failures at once.  Their single tests' actions run together
 * would add up two blast radii and two rollbacks, and two site failover
 * simulations at once are refused (RESVAL: one test at a time); no page
 * documents a combined test as safe.  So the pair is observed only:
 * what to watch when it happens, and which single tests to run instead.
 */
static void
combined_observe(const struct analysis *a, const struct sim_scenario *sc,
    struct procedure *p)
{
	struct buf	 t = BUF_INIT;
	size_t		 k;

	p->observe_only = 1;
	buf_puts(&t, "Observe only: this scenario is several failures at "
	    "once. Running the single tests' actions together would add up "
	    "their blast radii and leave two rollbacks to run under stress, "
	    "and Azure runs one site failover simulation at a time on a "
	    "gateway (RESVAL); no documented test causes the combination "
	    "safely. Test each failure alone (");
	for (k = 0; k < sc->nfailed; k++) {
		const struct sim_element *e = &a->sim->elems[sc->failed[k]];

		elem_scope(a->dsn, e, p);
		if (k)
			buf_puts(&t, ", ");
		elem_id(a->dsn, e, &t);
	}
	buf_puts(&t, "), and during an incident or planned maintenance that "
	    "causes this combination, watch the signals below: each prefix "
	    "should move as the expectations say, and every BGP peer and "
	    "tunnel outside the failed elements should stay Connected.");
	strv_add(&p->notes, &p->nnotes, buf_cstr(&t));
	buf_release(&t);
}

static void
build_test(const struct analysis *a, const struct sim_scenario *sc,
    struct procset *set, unsigned char *site_on, unsigned char *circuit_on)
{
	struct buf	 id = BUF_INIT, w = BUF_INIT, t = BUF_INIT;
	struct procedure *p;
	size_t		 k;

	procedure_id_of(a, sc, &id);
	if ((p = procset_find(set, buf_cstr(&id))) != NULL) {
		/* The same action: one procedure lists every scenario. */
		strv_add(&p->scenarios, &p->nscenarios, sc->id);
		for (k = 0; k < sc->nfailed; k++)
			elem_scope(a->dsn, &a->sim->elems[sc->failed[k]], p);
		goto out;
	}
	p = procset_add(set, buf_cstr(&id));
	strv_add(&p->scenarios, &p->nscenarios, sc->id);
	procedure_scenario_title(a, sc->id, &t);
	p->title = buf_detach(&t, NULL);
	if (sc->nfailed > 1)
		combined_observe(a, sc, p);
	else
		for (k = 0; k < sc->nfailed; k++) {
			elem_scope(a->dsn, &a->sim->elems[sc->failed[k]], p);
			elem_actions(a, sc, &a->sim->elems[sc->failed[k]], p,
			    &w);
		}
	if (p->observe_only)
		p->disruptive = 0;
	p->blast_radius = w.len ? buf_detach(&w, NULL) :
	    xstrdup("Nothing: this procedure only observes.");
	touched(a, sc, site_on, circuit_on);
	observe_steps(a->dsn, site_on, circuit_on, &p->observe);
	if (strcmp(p->id, "site-failover-each-location") == 0)
		each_location(a, p, site_on, circuit_on);
	else {
		if (p->disruptive)
			go_no_go(a, sc, site_on, p);
		expectations(a, sc, p, p->disruptive, NULL);
		/* Nothing to roll back when nothing was done. */
		if (p->disruptive)
			expectations_end(a, p);
	}
	if (p->disruptive && p->abort_then == NULL)
		set_str(&p->abort_then, "roll back at once");
	steps_dedupe(&p->go_no_go);
	if (!p->disruptive) {
		/* Nothing is done, so nothing to abort or undo. */
		strv_free(p->abort_if, p->nabort_if);
		p->abort_if = NULL;
		p->nabort_if = 0;
	}
out:
	buf_release(&id);
	buf_release(&w);
	buf_release(&t);
}

struct procset *
procset_tests(const struct analysis *a)
{
	struct procset	*set = xcalloc(1, sizeof(*set));
	const char	**ids;
	unsigned char	*site_on, *circuit_on;
	size_t		 i, n;

	ids = xreallocarray(NULL, a->sim->nscenarios + 1, sizeof(*ids));
	site_on = xcalloc(a->dsn->nsites + 1, 1);
	circuit_on = xcalloc(a->dsn->ncircuits + 1, 1);
	n = procedure_test_scenarios(a, ids);
	for (i = 0; i < n; i++)
		build_test(a, sim_scenario(a->sim, ids[i]), set, site_on,
		    circuit_on);
	free(ids);
	free(site_on);
	free(circuit_on);
	return set;
}

/* ---- the outage section ---- */

static void
outage_circuit(const struct analysis *a, const struct circuit *c,
    struct procset *set, unsigned char *site_on, unsigned char *circuit_on)
{
	const struct design *dsn = a->dsn;
	struct buf	 b = BUF_INIT, az = BUF_INIT, ps = BUF_INIT;
	struct procedure *p;
	struct proc_step *s;
	const struct sim_scenario *sc;
	size_t		 i;

	buf_printf(&b, "outage:circuit:%s", c->name);
	p = procset_add(set, buf_cstr(&b));
	buf_truncate(&b, 0);
	buf_printf(&b, "circuit-down:%s", c->name);
	sc = sim_scenario(a->sim, buf_cstr(&b));
	strv_add(&p->scenarios, &p->nscenarios, buf_cstr(&b));
	set_str(&p->title, "Circuit %s is down (unplanned)", c->name);
	set_str(&p->blast_radius, "Nothing: this section only observes and "
	    "calls.");
	scope_add(p, "circuits.%s", c->name);
	buf_truncate(&b, 0);
	if (c->service_key)
		buf_printf(&b, "Service key: %s (quote it to the provider).",
		    c->service_key);
	else
		buf_puts(&b, "Service key: not recorded in the design "
		    "(circuits[].service_key); the show command below "
		    "prints it as serviceKey.");
	strv_add(&p->notes, &p->nnotes, buf_cstr(&b));
	buf_truncate(&b, 0);
	buf_printf(&b, "Provider %s NOC: %s.", c->provider, c->provider_noc ?
	    c->provider_noc : "not recorded in the design "
	    "(circuits[].provider_noc)");
	strv_add(&p->notes, &p->nnotes, buf_cstr(&b));
	buf_truncate(&b, 0);
	buf_printf(&b, "Escalation: %s.", c->escalation ? c->escalation :
	    "not recorded in the design (circuits[].escalation)");
	strv_add(&p->notes, &p->nnotes, buf_cstr(&b));
	buf_truncate(&b, 0);
	buf_printf(&b, "Peering location %s, resource group %s%s%s.",
	    c->peering_location, circuit_rg(dsn, c), c->subscription ?
	    ", subscription " : "", c->subscription ? c->subscription : "");
	strv_add(&p->notes, &p->nnotes, buf_cstr(&b));
	s = step_add(&p->observe, "Check first: the circuit's provisioning "
	    "states (circuitProvisioningState and "
	    "serviceProviderProvisioningState both Provisioned/Enabled?) "
	    "and its service key");
	cmd_circuit_show(&az, &ps, dsn, c);
	step_cmds(s, &az, &ps);
	for (i = 0; i < 2; i++) {
		s = step_add(&p->observe, "Layer 2 on the %s link: an empty "
		    "ARP table means the link or the provider is down",
		    i ? "secondary" : "primary");
		cmd_link_table(&az, &ps, dsn, c, (int)i, 1);
		step_cmds(s, &az, &ps);
	}
	memset(site_on, 0, dsn->nsites + 1);
	memset(circuit_on, 0, dsn->ncircuits + 1);
	circuit_on[(size_t)(c - dsn->circuits)] = 1;
	if (sc != NULL)
		touched(a, sc, site_on, circuit_on);
	observe_steps(dsn, site_on, circuit_on, &p->observe);
	if (sc != NULL)
		expectations(a, sc, p, 0, NULL);
	buf_release(&b);
	buf_release(&az);
	buf_release(&ps);
}

/* Suppressed findings whose reason promises a runbook step get one. */
static void
outage_promises(const struct analysis *a, struct procset *set)
{
	const struct findings *f = &a->findings;
	struct procedure *p = NULL;
	struct proc_step *s;
	size_t		 i;

	for (i = 0; i < f->n; i++) {
		const struct finding *g = &f->v[i];

		if (!g->suppressed || g->reason == NULL ||
		    strstr(g->reason, "runbook") == NULL)
			continue;
		if (p == NULL) {
			p = procset_add(set, "outage:accepted-findings");
			set_str(&p->title, "Steps promised by accepted "
			    "findings");
			set_str(&p->blast_radius, "What each step's reason "
			    "says; hybridoc prints no command for it.");
			strv_add(&p->notes, &p->nnotes, "These findings were "
			    "accepted (suppress:) on the promise of a runbook "
			    "step. Carry each out when the failure its "
			    "finding names happens.");
		}
		s = step_add(&p->actions, "%s on %s: %s", g->rule->id,
		    g->object, g->reason);
		set_str(&s->no_command, "An operational step the design "
		    "describes in words (suppress[].reason)");
		set_str(&s->expect, "As the finding says: %s", g->msg);
		step_target(s, "%s", g->object);
		scope_add(p, "%s", g->object);
	}
}

struct procset *
procset_outage(const struct analysis *a)
{
	struct procset	*set = xcalloc(1, sizeof(*set));
	unsigned char	*site_on, *circuit_on;
	size_t		 i;

	site_on = xcalloc(a->dsn->nsites + 1, 1);
	circuit_on = xcalloc(a->dsn->ncircuits + 1, 1);
	for (i = 0; i < a->dsn->ncircuits; i++)
		outage_circuit(a, &a->dsn->circuits[i], set, site_on,
		    circuit_on);
	outage_promises(a, set);
	free(site_on);
	free(circuit_on);
	return set;
}

/* ---- a packet's post-change verification ---- */

struct procset *
procset_verify(const struct analysis *a)
{
	const struct design *dsn = a->dsn;
	const struct sim *s = a->sim;
	struct procset	*set = xcalloc(1, sizeof(*set));
	struct procedure *p = procset_add(set, "verify:after-change");
	struct buf	 az = BUF_INIT, ps = BUF_INIT, t = BUF_INIT;
	struct proc_step *st;
	unsigned char	*site_on, *circuit_on;
	size_t		 k;

	set_str(&p->title, "Verify the change (observation only)");
	set_str(&p->blast_radius, "Nothing: every command only reads state.");
	strv_add(&p->scenarios, &p->nscenarios, "baseline");
	site_on = xcalloc(dsn->nsites + 1, 1);
	circuit_on = xcalloc(dsn->ncircuits + 1, 1);
	memset(site_on, 1, dsn->nsites);
	memset(circuit_on, 1, dsn->ncircuits);
	observe_steps(dsn, site_on, circuit_on, &p->observe);
	for (k = 0; k < s->natoms; k++) {
		const struct sim_route *r = sim_route_at(s, &s->scenarios[0],
		    k);

		buf_truncate(&t, 0);
		prefix_site(&t, r);
		if (r->path == SIM_NONE) {
			st = step_add(&p->expect, "%s has no route from Azure "
			    "after the change: if that is not intended, roll "
			    "back", buf_cstr(&t));
			cmd_effective(&az, &ps, dsn);
		} else if (r->site && site_static(r->site)) {
			st = step_add(&p->expect, "%s is routed over the VPN "
			    "via %s (static: a prefix of the local network "
			    "gateway, with every tunnel Connected)",
			    buf_cstr(&t), r->via);
			cmd_effective(&az, &ps, dsn);
		} else {
			st = step_add(&p->expect, "%s is learned over %s via "
			    "%s", buf_cstr(&t), sim_path_name(r->path), r->via);
			cmd_learned(&az, &ps, dsn, r->path == SIM_VPN ?
			    dsn->vpn_gateway.name : dsn->er_gateway.name);
		}
		step_cmds(st, &az, &ps);
	}
	free(site_on);
	free(circuit_on);
	buf_release(&az);
	buf_release(&ps);
	buf_release(&t);
	return set;
}

/* ---- values ---- */

static struct value *
strv_value(char **v, size_t n)
{
	struct value	*l = value_new_list();
	size_t		 i;

	for (i = 0; i < n; i++)
		value_list_push(l, value_new_str(v[i]));
	return l;
}

static struct value *
steps_value(const struct proc_steps *s)
{
	struct value	*l = value_new_list(), *m, *w;
	size_t		 i;

	for (i = 0; i < s->n; i++) {
		const struct proc_step *p = &s->v[i];

		m = value_list_map(l);
		value_map_int(m, "number", (long long)i + 1);
		value_map_str(m, "text", p->text);
		if (p->az)
			value_map_str(m, "az", p->az);
		if (p->ps)
			value_map_str(m, "ps", p->ps);
		if (p->no_command)
			value_map_str(m, "no_command", p->no_command);
		if (p->expect)
			value_map_str(m, "result", p->expect);
		if (p->within) {
			w = value_map_put(m, "within", value_new_map());
			value_map_str(w, "text", p->within);
			value_map_int(w, "seconds", p->within_s);
		}
		if (p->source)
			value_map_str(m, "source", p->source);
		value_map_put(m, "targets", strv_value(p->targets,
		    p->ntargets));
		if (p->route) {
			w = value_map_put(m, "route", value_new_map());
			value_map_str(w, "prefix", p->route->prefix);
			value_map_str(w, "site", p->route->site);
			value_map_str(w, "path", p->route->path);
			value_map_str(w, "via", p->route->via);
			if (p->route->at)
				value_map_str(w, "at", p->route->at);
			value_map_int(w, "capacity_mbps",
			    p->route->capacity_mbps);
			value_map_bool(w, "unreachable",
			    p->route->unreachable);
		}
	}
	return l;
}

struct value *
procedure_value(const struct procedure *p)
{
	struct value	*m = value_new_map(), *b;

	value_map_str(m, "id", p->id);
	value_map_put(m, "scenarios", strv_value(p->scenarios,
	    p->nscenarios));
	value_map_str(m, "title", p->title ? p->title : p->id);
	value_map_bool(m, "disruptive", p->disruptive);
	value_map_bool(m, "observe_only", p->observe_only);
	b = value_map_put(m, "blast_radius", value_new_map());
	value_map_str(b, "text", p->blast_radius ? p->blast_radius : "");
	value_map_put(b, "objects", strv_value(p->blast_objects,
	    p->nblast_objects));
	value_map_put(m, "scope", strv_value(p->scope, p->nscope));
	value_map_put(m, "notes", strv_value(p->notes, p->nnotes));
	value_map_put(m, "go_no_go", steps_value(&p->go_no_go));
	value_map_put(m, "actions", steps_value(&p->actions));
	value_map_put(m, "observe", steps_value(&p->observe));
	value_map_put(m, "expect", steps_value(&p->expect));
	value_map_put(m, "abort_if", strv_value(p->abort_if, p->nabort_if));
	if (p->nabort_if && p->abort_then)
		value_map_str(m, "abort_then", p->abort_then);
	value_map_put(m, "rollback", steps_value(&p->rollback));
	return m;
}

struct value *
procset_value(const struct procset *ps)
{
	struct value	*l = value_new_list();
	size_t		 i;

	for (i = 0; i < ps->n; i++)
		value_list_push(l, procedure_value(ps->v[i]));
	return l;
}

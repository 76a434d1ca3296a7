/*
 * `hybridoc diagnose DESIGN --commands`: the capture script, with the
 * design's names filled in, in POSIX sh for the Azure CLI or in Az
 * PowerShell.  Every command lists or shows; none creates, changes or
 * deletes anything, and none changes the CLI's own defaults (the
 * subscription is passed to each az command, not set).  Commands and
 * parameters, as documented on Microsoft Learn:
 *   az network vnet-gateway list-learned-routes -g -n
 *       (Get-AzVirtualNetworkGatewayLearnedRoute -ResourceGroupName
 *        -VirtualNetworkGatewayName)
 *   az network vnet-gateway list-bgp-peer-status -g -n
 *       (Get-AzVirtualNetworkGatewayBGPPeerStatus)
 * Each circuit is read where it lives, as the runbook's commands do
 * (procedure_cmd.h): circuits[].resource_group and subscription, or
 * the quoted placeholder "<resource-group-of-CIRCUIT>", never the hub's
 * group.  The PowerShell script sets its subscription for its own
 * process only (Set-AzContext -Scope Process) and checks it.
 *   az network express-route list-route-tables -g -n --peering-name
 *       AzurePrivatePeering --path primary|secondary
 *       (Get-AzExpressRouteCircuitRouteTable -ExpressRouteCircuitName
 *        -PeeringType AzurePrivatePeering -DevicePath Primary|Secondary)
 *   az network nic show-effective-route-table -g -n
 *       (Get-AzEffectiveRouteTable -NetworkInterfaceName
 *        -ResourceGroupName)
 */
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diagnose.h"
#include "hybridoc/procedure_cmd.h"
#include "hybridoc/shell.h"

/* s in single quotes for sh: ' becomes '\''. */
static void
sh_quote(struct buf *b, const char *s)
{
	buf_putc(b, '\'');
	for (; s && *s; s++) {
		if (*s == '\'')
			buf_puts(b, "'\\''");
		else if (*s == '\n' || *s == '\r')
			buf_putc(b, ' ');
		else
			buf_putc(b, *s);
	}
	buf_putc(b, '\'');
}

/* s in single quotes for PowerShell: ' (and its typographic forms,
   which PowerShell also reads as quotes) doubled. */
static void
ps_quote(struct buf *b, const char *s)
{
	buf_putc(b, '\'');
	for (; s && *s; s++) {
		if (*s == '\'')
			buf_puts(b, "''");
		else if (strncmp(s, "\xe2\x80\x98", 3) == 0 ||
		    strncmp(s, "\xe2\x80\x99", 3) == 0 ||
		    strncmp(s, "\xe2\x80\x9a", 3) == 0 ||
		    strncmp(s, "\xe2\x80\x9b", 3) == 0) {
			buf_puts(b, "''");
			s += 2;
		} else if (*s == '\n' || *s == '\r')
			buf_putc(b, ' ');
		else
			buf_putc(b, *s);
	}
	buf_putc(b, '\'');
}

/* A comment line: no newline from the design can end it early. */
static void
comment(struct buf *b, const char *s)
{
	for (; s && *s; s++)
		buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* For a script with a circuit whose group the design does not name. */
#define HOLE_NOTE "# Each circuit is read in its own resource group.  Where " \
	"the design names\n# none (circuits[].resource_group), replace " \
	"the placeholder\n# '<resource-group-of-CIRCUIT>' below; otherwise " \
	"that optional read fails\n# and is skipped.\n"

/* Whether some circuit's resource group is not in the design. */
static int
holes(const struct design *dsn)
{
	size_t	 i;

	for (i = 0; i < dsn->ncircuits; i++)
		if (dsn->circuits[i].resource_group == NULL)
			return 1;
	return 0;
}

/* Whether two subscriptions (NULL: the design names none) differ. */
static int
other_sub(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0);
}

/*
 * "Set-AzContext -Subscription SUB -Scope Process | Out-Null" on a line
 * of its own, as the packets set it (shell_ps_context).
 */
static void
ps_context_line(struct buf *b, const char *indent, const char *sub)
{
	struct buf	 c = BUF_INIT;

	shell_ps_context(&c, sub);
	/* Without the "; " that joins it to a cmdlet on one line. */
	while (c.len > 0 && (c.ptr[c.len - 1] == ' ' ||
	    c.ptr[c.len - 1] == ';'))
		buf_truncate(&c, c.len - 1);
	buf_printf(b, "%s%s\n", indent, buf_cstr(&c));
	buf_release(&c);
}

static void
commands_sh(const struct analysis *a, const char *design_path,
    struct buf *b)
{
	const struct design *dsn = a->dsn;
	size_t		 i;

	buf_puts(b, "#!/bin/sh\n# Read-only capture for `hybridoc diagnose`, "
	    "design ");
	comment(b, dsn->name);
	buf_puts(b, ".\n# Every command below lists or shows; nothing is "
	    "created, changed or deleted,\n# and the Azure CLI's defaults "
	    "are left as they are.  Run it while the\n# incident lasts: "
	    "sh capture.sh [DIR] (default: a new diagnose-TIME folder).\n");
	if (holes(dsn))
		buf_puts(b, HOLE_NOTE);
	buf_puts(b, "# Optional: TEST_NIC (and TEST_NIC_RG) to capture a test "
	    "VM's effective routes.\nset -eu\n");
	buf_puts(b, "RG=");
	sh_quote(b, dsn->resource_group);
	buf_puts(b, "\n");
	if (dsn->subscription) {
		buf_puts(b, "SUB=");
		sh_quote(b, dsn->subscription);
		buf_puts(b, "\n");
	}
	buf_puts(b, "OUT=${1:-diagnose-$(date -u +%Y%m%dT%H%M%SZ)}\n"
	    "mkdir -p \"$OUT\"\n");
#define SUBARG	(dsn->subscription ? " --subscription \"$SUB\"" : "")
	if (dsn->er_gateway.node) {
		buf_printf(b, "\n# What the ExpressRoute gateway learned "
		    "(from the circuits' Microsoft edge routers)\n"
		    "az network vnet-gateway list-learned-routes%s "
		    "-g \"$RG\" -n ", SUBARG);
		sh_quote(b, dsn->er_gateway.name);
		buf_puts(b, " -o json > \"$OUT/");
		comment(b, dsn->er_gateway.name);
		buf_puts(b, ".learned.json\"\n");
	}
	if (dsn->vpn_gateway.node) {
		buf_printf(b, "\n# What the VPN gateway learned, and the state "
		    "of its BGP sessions\naz network vnet-gateway "
		    "list-learned-routes%s -g \"$RG\" -n ", SUBARG);
		sh_quote(b, dsn->vpn_gateway.name);
		buf_puts(b, " -o json > \"$OUT/");
		comment(b, dsn->vpn_gateway.name);
		buf_printf(b, ".learned.json\"\naz network vnet-gateway "
		    "list-bgp-peer-status%s -g \"$RG\" -n ", SUBARG);
		sh_quote(b, dsn->vpn_gateway.name);
		buf_puts(b, " -o json > \"$OUT/");
		comment(b, dsn->vpn_gateway.name);
		buf_puts(b, ".bgp-peers.json\"\n");
	}
	if (dsn->ncircuits > 0)
		buf_puts(b, "\n# Optional, for people: each circuit's route "
		    "table on both links\n");
	for (i = 0; i < dsn->ncircuits; i++) {
		const char *nm = dsn->circuits[i].name;

		buf_puts(b, "for path in primary secondary; do\n\t");
		(void)proc_cmd_circuit_read(b, NULL, dsn, &dsn->circuits[i],
		    "network express-route list-route-tables", NULL);
		buf_puts(b, " --peering-name AzurePrivatePeering --path "
		    "\"$path\" -o json > \"$OUT/");
		comment(b, nm);
		/* A failed read leaves no empty file to mistake for one. */
		buf_puts(b, ".$path.json\" || { rm -f \"$OUT/");
		comment(b, nm);
		buf_puts(b, ".$path.json\"; echo \"could not read ");
		comment(b, nm);
		buf_puts(b, "'s $path route table\" >&2; }\ndone\n");
	}
	buf_printf(b, "\n# Optional: a test VM's effective routes\n"
	    "if [ -n \"${TEST_NIC:-}\" ]; then\n"
	    "\taz network nic show-effective-route-table%s "
	    "-g \"${TEST_NIC_RG:-$RG}\" -n \"$TEST_NIC\" -o json "
	    "> \"$OUT/effective-routes.json\"\nfi\n", SUBARG);
#undef SUBARG
	buf_puts(b, "\necho \"Captured into $OUT.  Then run:\"\n"
	    "echo \"hybridoc diagnose ");
	{
		struct buf q = BUF_INIT;

		sh_quote(&q, design_path);
		/* Inside double quotes: escape what the shell expands. */
		for (i = 0; i < q.len; i++) {
			if (strchr("\"$`\\", q.ptr[i]))
				buf_putc(b, '\\');
			buf_putc(b, q.ptr[i]);
		}
		buf_release(&q);
	}
	if (dsn->er_gateway.node) {
		buf_puts(b, " --learned ");
		comment(b, dsn->er_gateway.name);
		buf_puts(b, "=$OUT/");
		comment(b, dsn->er_gateway.name);
		buf_puts(b, ".learned.json");
	}
	if (dsn->vpn_gateway.node) {
		buf_puts(b, " --learned ");
		comment(b, dsn->vpn_gateway.name);
		buf_puts(b, "=$OUT/");
		comment(b, dsn->vpn_gateway.name);
		buf_puts(b, ".learned.json --bgp-peers ");
		comment(b, dsn->vpn_gateway.name);
		buf_puts(b, "=$OUT/");
		comment(b, dsn->vpn_gateway.name);
		buf_puts(b, ".bgp-peers.json");
	}
	buf_puts(b, "\"\n");
}

static void
ps_save(struct buf *b, const char *cmd, const char *gw, const char *file)
{
	buf_printf(b, "Save-Capture (%s -ResourceGroupName $RG "
	    "-VirtualNetworkGatewayName ", cmd);
	ps_quote(b, gw);
	buf_puts(b, ") (Join-Path $Out ");
	ps_quote(b, file);
	buf_puts(b, ")\n");
}

static void
commands_ps(const struct analysis *a, const char *design_path,
    struct buf *b)
{
	const struct design *dsn = a->dsn;
	struct buf	 f = BUF_INIT;
	const char	*hsub = dsn->subscription != NULL &&
	    dsn->subscription[0] != '\0' ? dsn->subscription : NULL;
	size_t		 i;

	buf_puts(b, "# Read-only capture for `hybridoc diagnose`, design ");
	comment(b, dsn->name);
	buf_puts(b, ".\n# Every cmdlet below is a Get-; nothing is created, "
	    "changed or deleted.\n");
	if (hsub != NULL) {
		buf_puts(b, "# It reads subscription ");
		comment(b, hsub);
		buf_puts(b, ", set for this PowerShell process only\n# "
		    "(-Scope Process): the saved default context is left as "
		    "it is.\n");
	} else
		buf_puts(b, "# The design names no subscription: run it in the "
		    "hub's (Set-AzContext).\n");
	buf_puts(b, "# Run it while the incident lasts:\n# ./capture.ps1 "
	    "[-Out DIR] [-TestNic NIC [-TestNicResourceGroup RG]]\n");
	if (holes(dsn))
		buf_puts(b, HOLE_NOTE);
	buf_puts(b, "param(\n"
	    "\t[string]$Out = ('diagnose-' + (Get-Date).ToUniversalTime()."
	    "ToString('yyyyMMddTHHmmssZ')),\n"
	    "\t[string]$TestNic = '',\n"
	    "\t[string]$TestNicResourceGroup = ''\n)\n"
	    "$ErrorActionPreference = 'Stop'\n");
	if (hsub != NULL) {
		ps_context_line(b, "", hsub);
		buf_puts(b, "$ctx = Get-AzContext\nif ($ctx.Subscription.Id "
		    "-ne ");
		ps_quote(b, hsub);
		buf_puts(b, " -and $ctx.Subscription.Name -ne ");
		ps_quote(b, hsub);
		buf_puts(b, ") { throw ");
		{
			struct buf m = BUF_INIT;

			buf_puts(&m, "Stopped: the context is not subscription ");
			comment(&m, hsub);
			buf_puts(&m, "; nothing was captured");
			ps_quote(b, buf_cstr(&m));
			buf_release(&m);
		}
		buf_puts(b, " }\n");
	}
	for (i = 0; i < dsn->ncircuits; i++)
		if (hsub == NULL && dsn->circuits[i].subscription) {
			/* To come back to after a circuit's own. */
			buf_puts(b, "$HubContext = Get-AzContext\n");
			break;
		}
	buf_puts(b, "$RG = ");
	ps_quote(b, dsn->resource_group);
	buf_puts(b, "\nif (-not $TestNicResourceGroup) { $TestNicResourceGroup "
	    "= $RG }\nNew-Item -ItemType Directory -Force -Path $Out | "
	    "Out-Null\n"
	    "# The shape `az ... -o json` prints: {\"value\": [...]}, with\n"
	    "# Origin and State as their names (ConvertTo-Json would write an\n"
	    "# enumeration as its number).\n"
	    "function Save-Capture($Items, $Path) {\n"
	    "\t$rows = @($Items | ForEach-Object {\n"
	    "\t\t$row = [ordered]@{}\n"
	    "\t\tforeach ($p in $_.PSObject.Properties) {\n"
	    "\t\t\t$v = $p.Value\n"
	    "\t\t\tif ($p.Name -in 'Origin', 'State' -and $null -ne $v) "
	    "{ $v = \"$v\" }\n"
	    "\t\t\t$row[$p.Name] = $v\n"
	    "\t\t}\n"
	    "\t\t$row\n"
	    "\t})\n"
	    "\tConvertTo-Json -InputObject @{ value = $rows } -Depth 6 |"
	    " Set-Content -Path $Path -Encoding utf8\n}\n");
	if (dsn->er_gateway.node) {
		buf_puts(b, "\n# What the ExpressRoute gateway learned\n");
		buf_truncate(&f, 0);
		buf_printf(&f, "%s.learned.json", dsn->er_gateway.name);
		ps_save(b, "Get-AzVirtualNetworkGatewayLearnedRoute",
		    dsn->er_gateway.name, buf_cstr(&f));
	}
	if (dsn->vpn_gateway.node) {
		buf_puts(b, "\n# What the VPN gateway learned, and the state "
		    "of its BGP sessions\n");
		buf_truncate(&f, 0);
		buf_printf(&f, "%s.learned.json", dsn->vpn_gateway.name);
		ps_save(b, "Get-AzVirtualNetworkGatewayLearnedRoute",
		    dsn->vpn_gateway.name, buf_cstr(&f));
		buf_truncate(&f, 0);
		buf_printf(&f, "%s.bgp-peers.json", dsn->vpn_gateway.name);
		ps_save(b, "Get-AzVirtualNetworkGatewayBGPPeerStatus",
		    dsn->vpn_gateway.name, buf_cstr(&f));
	}
	if (dsn->ncircuits > 0)
		buf_puts(b, "\n# Optional, for people: each circuit's route "
		    "table on both links\n");
	for (i = 0; i < dsn->ncircuits; i++) {
		const struct circuit *c = &dsn->circuits[i];
		struct buf	 cmd = BUF_INIT;
		const char	*sub;

		sub = proc_cmd_circuit_read(NULL, &cmd, dsn, c, NULL,
		    "Get-AzExpressRouteCircuitRouteTable");
		buf_puts(b, "foreach ($path in 'Primary', 'Secondary') {\n"
		    "\ttry {\n");
		if (other_sub(sub, hsub))
			ps_context_line(b, "\t\t", sub);
		buf_printf(b, "\t\tSave-Capture (%s -PeeringType "
		    "AzurePrivatePeering -DevicePath $path) (Join-Path $Out (",
		    buf_cstr(&cmd));
		ps_quote(b, c->name);
		buf_puts(b, " + '.' + $path.ToLower() + '.json'))\n\t} catch "
		    "{ Write-Warning \"could not read the $path route table: "
		    "$_\" }\n}\n");
		/* Back to the hub's subscription for what follows. */
		if (other_sub(sub, hsub)) {
			if (hsub != NULL)
				ps_context_line(b, "", hsub);
			else
				buf_puts(b, "Set-AzContext -Context $HubContext "
				    "-Scope Process | Out-Null\n");
		}
		buf_release(&cmd);
	}
	buf_puts(b, "\n# Optional: a test VM's effective routes\n"
	    "if ($TestNic) {\n\tSave-Capture (Get-AzEffectiveRouteTable "
	    "-NetworkInterfaceName $TestNic -ResourceGroupName "
	    "$TestNicResourceGroup) (Join-Path $Out "
	    "'effective-routes.json')\n}\n");
	buf_puts(b, "\nWrite-Output \"Captured into $Out.  Then run:\"\n"
	    "Write-Output ('hybridoc diagnose ' + ");
	ps_quote(b, design_path);
	if (dsn->er_gateway.node) {
		buf_truncate(&f, 0);
		buf_printf(&f, " --learned %s=", dsn->er_gateway.name);
		buf_puts(b, " + ");
		ps_quote(b, buf_cstr(&f));
		buf_puts(b, " + (Join-Path $Out ");
		buf_truncate(&f, 0);
		buf_printf(&f, "%s.learned.json", dsn->er_gateway.name);
		ps_quote(b, buf_cstr(&f));
		buf_puts(b, ")");
	}
	if (dsn->vpn_gateway.node) {
		const char *sfx[2] = { ".learned.json", ".bgp-peers.json" };
		const char *opt[2] = { " --learned ", " --bgp-peers " };
		int	 k;

		for (k = 0; k < 2; k++) {
			buf_truncate(&f, 0);
			buf_printf(&f, "%s%s=", opt[k], dsn->vpn_gateway.name);
			buf_puts(b, " + ");
			ps_quote(b, buf_cstr(&f));
			buf_puts(b, " + (Join-Path $Out ");
			buf_truncate(&f, 0);
			buf_printf(&f, "%s%s", dsn->vpn_gateway.name, sfx[k]);
			ps_quote(b, buf_cstr(&f));
			buf_puts(b, ")");
		}
	}
	buf_puts(b, ")\n");
	buf_release(&f);
}

void
dx_commands(const struct analysis *a, const char *design_path,
    const char *shell, struct buf *out)
{
	if (strcmp(shell, "powershell") == 0)
		commands_ps(a, design_path, out);
	else
		commands_sh(a, design_path, out);
}

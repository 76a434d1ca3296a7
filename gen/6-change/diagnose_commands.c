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
	    "sh capture.sh [DIR] (default: a new diagnose-TIME folder).\n"
	    "# Optional: CIRCUIT_RG when the circuits live in another "
	    "resource group;\n# TEST_NIC (and TEST_NIC_RG) to capture a "
	    "test VM's effective routes.\nset -eu\n");
	buf_puts(b, "RG=");
	sh_quote(b, dsn->resource_group);
	buf_puts(b, "\n");
	if (dsn->subscription) {
		buf_puts(b, "SUB=");
		sh_quote(b, dsn->subscription);
		buf_puts(b, "\n");
	}
	buf_puts(b, "CIRCUIT_RG=${CIRCUIT_RG:-$RG}\n"
	    "OUT=${1:-diagnose-$(date -u +%Y%m%dT%H%M%SZ)}\n"
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

		buf_printf(b, "for path in primary secondary; do\n"
		    "\taz network express-route list-route-tables%s "
		    "-g \"$CIRCUIT_RG\" -n ", SUBARG);
		sh_quote(b, nm);
		buf_puts(b, " --peering-name AzurePrivatePeering --path "
		    "\"$path\" -o json > \"$OUT/");
		comment(b, nm);
		buf_puts(b, ".$path.json\" || echo \"could not read ");
		comment(b, nm);
		buf_puts(b, "'s $path route table\" >&2\ndone\n");
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
	size_t		 i;

	buf_puts(b, "# Read-only capture for `hybridoc diagnose`, design ");
	comment(b, dsn->name);
	buf_puts(b, ".\n# Every cmdlet below is a Get-; nothing is created, "
	    "changed or deleted.\n# Run it in the design's subscription ");
	comment(b, dsn->subscription ? dsn->subscription : "(not named in "
	    "the design)");
	buf_puts(b, " while the incident lasts:\n# ./capture.ps1 [-Out DIR]"
	    " [-CircuitResourceGroup RG] [-TestNic NIC [-TestNicResourceGroup"
	    " RG]]\nparam(\n"
	    "\t[string]$Out = ('diagnose-' + (Get-Date).ToUniversalTime()."
	    "ToString('yyyyMMddTHHmmssZ')),\n"
	    "\t[string]$CircuitResourceGroup = '',\n"
	    "\t[string]$TestNic = '',\n"
	    "\t[string]$TestNicResourceGroup = ''\n)\n"
	    "$ErrorActionPreference = 'Stop'\n$RG = ");
	ps_quote(b, dsn->resource_group);
	buf_puts(b, "\nif (-not $CircuitResourceGroup) { $CircuitResourceGroup "
	    "= $RG }\nif (-not $TestNicResourceGroup) { $TestNicResourceGroup "
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
		buf_puts(b, "foreach ($path in 'Primary', 'Secondary') {\n"
		    "\ttry {\n\t\tSave-Capture "
		    "(Get-AzExpressRouteCircuitRouteTable -ResourceGroupName "
		    "$CircuitResourceGroup -ExpressRouteCircuitName ");
		ps_quote(b, dsn->circuits[i].name);
		buf_puts(b, " -PeeringType AzurePrivatePeering -DevicePath "
		    "$path) (Join-Path $Out (");
		ps_quote(b, dsn->circuits[i].name);
		buf_puts(b, " + '.' + $path.ToLower() + '.json'))\n\t} catch "
		    "{ Write-Warning \"could not read the $path route table: "
		    "$_\" }\n}\n");
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

# Read-only capture for `hybridoc diagnose`, design contoso-eastus.
# Every cmdlet below is a Get-; nothing is created, changed or deleted.
# It reads subscription prod-connectivity, set for this PowerShell process only
# (-Scope Process): the saved default context is left as it is.
# Run it while the incident lasts:
# ./capture.ps1 [-Out DIR] [-TestNic NIC [-TestNicResourceGroup RG]]
# Each circuit is read in its own resource group.  Where the design names
# none (circuits[].resource_group), replace the placeholder
# '<resource-group-of-CIRCUIT>' below; otherwise that optional read fails
# and is skipped.
param(
	[string]$Out = ('diagnose-' + (Get-Date).ToUniversalTime().ToString('yyyyMMddTHHmmssZ')),
	[string]$TestNic = '',
	[string]$TestNicResourceGroup = ''
)
$ErrorActionPreference = 'Stop'
Set-AzContext -Subscription prod-connectivity -Scope Process | Out-Null
$ctx = Get-AzContext
if ($ctx.Subscription.Id -ne 'prod-connectivity' -and $ctx.Subscription.Name -ne 'prod-connectivity') { throw 'Stopped: the context is not subscription prod-connectivity; nothing was captured' }
$RG = 'rg-hub-eus'
if (-not $TestNicResourceGroup) { $TestNicResourceGroup = $RG }
New-Item -ItemType Directory -Force -Path $Out | Out-Null
# The shape `az ... -o json` prints: {"value": [...]}, with
# Origin and State as their names (ConvertTo-Json would write an
# enumeration as its number).
function Save-Capture($Items, $Path) {
	$rows = @($Items | ForEach-Object {
		$row = [ordered]@{}
		foreach ($p in $_.PSObject.Properties) {
			$v = $p.Value
			if ($p.Name -in 'Origin', 'State' -and $null -ne $v) { $v = "$v" }
			$row[$p.Name] = $v
		}
		$row
	})
	ConvertTo-Json -InputObject @{ value = $rows } -Depth 6 | Set-Content -Path $Path -Encoding utf8
}

# What the ExpressRoute gateway learned
Save-Capture (Get-AzVirtualNetworkGatewayLearnedRoute -ResourceGroupName $RG -VirtualNetworkGatewayName 'ergw-hub-eus') (Join-Path $Out 'ergw-hub-eus.learned.json')

# What the VPN gateway learned, and the state of its BGP sessions
Save-Capture (Get-AzVirtualNetworkGatewayLearnedRoute -ResourceGroupName $RG -VirtualNetworkGatewayName 'vpngw-hub-eus') (Join-Path $Out 'vpngw-hub-eus.learned.json')
Save-Capture (Get-AzVirtualNetworkGatewayBGPPeerStatus -ResourceGroupName $RG -VirtualNetworkGatewayName 'vpngw-hub-eus') (Join-Path $Out 'vpngw-hub-eus.bgp-peers.json')

# Optional, for people: each circuit's route table on both links
foreach ($path in 'Primary', 'Secondary') {
	try {
		Save-Capture (Get-AzExpressRouteCircuitRouteTable -ResourceGroupName '<resource-group-of-er-eus-equinix-dc>' -ExpressRouteCircuitName er-eus-equinix-dc -PeeringType AzurePrivatePeering -DevicePath $path) (Join-Path $Out ('er-eus-equinix-dc' + '.' + $path.ToLower() + '.json'))
	} catch { Write-Warning "could not read the $path route table: $_" }
}

# Optional: a test VM's effective routes
if ($TestNic) {
	Save-Capture (Get-AzEffectiveRouteTable -NetworkInterfaceName $TestNic -ResourceGroupName $TestNicResourceGroup) (Join-Path $Out 'effective-routes.json')
}

Write-Output "Captured into $Out.  Then run:"
Write-Output ('hybridoc diagnose ' + 'designs/contoso-eastus.yaml' + ' --learned ergw-hub-eus=' + (Join-Path $Out 'ergw-hub-eus.learned.json') + ' --learned vpngw-hub-eus=' + (Join-Path $Out 'vpngw-hub-eus.learned.json') + ' --bgp-peers vpngw-hub-eus=' + (Join-Path $Out 'vpngw-hub-eus.bgp-peers.json'))

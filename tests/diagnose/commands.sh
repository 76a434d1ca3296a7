#!/bin/sh
# Read-only capture for `hybridoc diagnose`, design contoso-eastus.
# Every command below lists or shows; nothing is created, changed or deleted,
# and the Azure CLI's defaults are left as they are.  Run it while the
# incident lasts: sh capture.sh [DIR] (default: a new diagnose-TIME folder).
# Each circuit is read in its own resource group.  Where the design names
# none (circuits[].resource_group), replace the placeholder
# '<resource-group-of-CIRCUIT>' below; otherwise that optional read fails
# and is skipped.
# Optional: TEST_NIC (and TEST_NIC_RG) to capture a test VM's effective routes.
set -eu
RG='rg-hub-eus'
SUB='prod-connectivity'
OUT=${1:-diagnose-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"

# What the ExpressRoute gateway learned (from the circuits' Microsoft edge routers)
az network vnet-gateway list-learned-routes --subscription "$SUB" -g "$RG" -n 'ergw-hub-eus' -o json > "$OUT/ergw-hub-eus.learned.json"

# What the VPN gateway learned, and the state of its BGP sessions
az network vnet-gateway list-learned-routes --subscription "$SUB" -g "$RG" -n 'vpngw-hub-eus' -o json > "$OUT/vpngw-hub-eus.learned.json"
az network vnet-gateway list-bgp-peer-status --subscription "$SUB" -g "$RG" -n 'vpngw-hub-eus' -o json > "$OUT/vpngw-hub-eus.bgp-peers.json"

# Optional, for people: each circuit's route table on both links
for path in primary secondary; do
	az network express-route list-route-tables -g '<resource-group-of-er-eus-equinix-dc>' --subscription prod-connectivity -n er-eus-equinix-dc --peering-name AzurePrivatePeering --path "$path" -o json > "$OUT/er-eus-equinix-dc.$path.json" || { rm -f "$OUT/er-eus-equinix-dc.$path.json"; echo "could not read er-eus-equinix-dc's $path route table" >&2; }
done

# Optional: a test VM's effective routes
if [ -n "${TEST_NIC:-}" ]; then
	az network nic show-effective-route-table --subscription "$SUB" -g "${TEST_NIC_RG:-$RG}" -n "$TEST_NIC" -o json > "$OUT/effective-routes.json"
fi

echo "Captured into $OUT.  Then run:"
echo "hybridoc diagnose 'designs/contoso-eastus.yaml' --learned ergw-hub-eus=$OUT/ergw-hub-eus.learned.json --learned vpngw-hub-eus=$OUT/vpngw-hub-eus.learned.json --bgp-peers vpngw-hub-eus=$OUT/vpngw-hub-eus.bgp-peers.json"

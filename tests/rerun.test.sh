#!/bin/sh
# Review 18 N6: every part of plan-commands' GatewaySubnet move, and the
# rollback that restores what it left missing, can be run again after a
# stop: each reads what exists and only deletes or creates what the
# state calls for.  The Azure CLI blocks of the committed golden packet
# run under sh against a stand-in for az (tests/rerun/az) that keeps
# the gateways, connections and GatewaySubnet's prefix as files and logs
# every call; a delete of something missing, a create over something
# that exists or an unexpected command is an error.  A VPN gateway whose
# BGP addresses changed stops its part until HYBRIDOC_ACCEPT_BGP names
# exactly the new addresses, and nothing else gets past.
pk=tests/packet/plan-commands/packet.md
pass=0
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok; else fail "$1"; fi; }

# The Azure CLI block a section runs (the one after its "Stop if"), the
# section found by the start of its heading.
block() {
	awk -v h="$1" '
	index($0, h) == 1 { in_s = 1; stop = 0; next }
	in_s && /^### / { exit }
	in_s && /^\*\*Stop if:\*\*/ { stop = 1; next }
	in_s && stop && /^```sh$/ { cap = 1; next }
	cap && /^```$/ { exit }
	cap { print }' "$pk"
}
block "### Step 2: Move GatewaySubnet" >"$tmp/part1.sh"
block "### Step 3: Move GatewaySubnet" >"$tmp/part2.sh"
block "### Step 4: Move GatewaySubnet" >"$tmp/part3.sh"
block "### Rollback 14: Restore the gateways" >"$tmp/undo.sh"
# A section with no go/no-go: its first Azure CLI block.
first_block() {
	awk -v h="$1" '
	index($0, h) == 1 { in_s = 1; next }
	in_s && /^### / { exit }
	in_s && /^```sh$/ { cap = 1; next }
	cap && /^```$/ { exit }
	cap { print }' "$pk"
}
first_block "### Step 5: Change the address space of vnet-hub-eus" >"$tmp/space.sh"
first_block "### Rollback 13: Restore the address space of vnet-hub-eus" >"$tmp/unspace.sh"
for f in part1 part2 part3 undo space unspace; do
	check "$f: block found" "[ -s '$tmp/$f.sh' ]"
done
# The circuit's resource group the reader fills in.
sed -i "s/<resource-group-of-er-eus-equinix-dc>/rg-connectivity/" \
    "$tmp"/*.sh

mkdir "$tmp/bin"
cp tests/rerun/az "$tmp/bin/az"
chmod +x "$tmp/bin/az"
PATH="$tmp/bin:$PATH"
export PATH

# A fresh Azure: both gateways, their three connections, the old prefix,
# and the record part 1's go/no-go makes.
setup() {
	rm -rf "$tmp/w"
	mkdir -p "$tmp/w/state"
	S="$tmp/w/state"
	export S
	echo 10.1.255.0/27 >"$S/pfx"
	echo VpnGw2AZ >"$S/gw-vpngw-hub-eus"
	echo ErGw1AZ >"$S/gw-ergw-hub-eus"
	echo "10.1.255.4 10.1.255.5" >"$S/bgp-vpngw-hub-eus"
	echo "10.1.255.6 10.1.255.7" >"$S/bgp-ergw-hub-eus"
	for c in cn-HQ-hq-asr cn-LocalSite2-branch-fw cn-er-eus-equinix-dc; do
		: >"$S/conn-$c"
	done
	: >"$S/log"
	(cd "$tmp/w" && for g in vpngw-hub-eus ergw-hub-eus; do
		az network vnet-gateway show -n $g \
		    --query "ipConfigurations[].publicIPAddress.id" -o tsv \
		    >$g.public-ips.txt
		az network vnet-gateway show -n $g \
		    --query "[ipConfigurations[].publicIPAddress.id, bgpSettings.asn, bgpSettings.bgpPeeringAddresses[].defaultBgpIpAddresses, bgpSettings.bgpPeeringAddresses[].customBgpIpAddresses]" \
		    -o json >$g.addresses-before.json
	done
	az network vnet subnet show -n GatewaySubnet --query "{routeTable: routeTable.id}" \
	    -o json >GatewaySubnet.attached-before.json)
	: >"$S/log"
}
# run PART: runs its block in the work folder; the exit status, stderr
# in $tmp/err.
run() {
	(cd "$tmp/w" && sh "$tmp/$1.sh" >"$tmp/out" 2>"$tmp/err")
}
calls() { grep -c -- "$1" "$S/log"; }
clean() { [ ! -s "$S/errors" ]; }

# 1. The parts in order, each run twice: the second run changes nothing.
setup
run part1; check "part 1 runs" "[ $? -eq 0 ]"
check "part 1 moved the prefix" "[ \"\$(cat \$S/pfx)\" = 10.1.255.0/26 ]"
check "part 1 deleted the gateways" "[ ! -f \$S/gw-vpngw-hub-eus ] && [ ! -f \$S/gw-ergw-hub-eus ]"
check "part 1 deleted the connections" "! ls \$S/conn-* >/dev/null 2>&1"
n=$(calls " delete ")
run part1; check "part 1 again runs" "[ $? -eq 0 ]"
check "part 1 again deletes nothing" "[ $(calls ' delete ') -eq $n ]"
check "part 1 again updates no subnet" "[ $(calls 'subnet update') -eq 1 ]"
run part2; check "part 2 runs" "[ $? -eq 0 ]"
check "part 2 created the ExpressRoute gateway" "[ -f \$S/gw-ergw-hub-eus ]"
check "part 2 created its connection" "[ -f \$S/conn-er-eus-equinix-dc ] || [ -f \$S/conn-cn-er-eus-equinix-dc ]"
check "part 2 left the VPN gateway" "[ ! -f \$S/gw-vpngw-hub-eus ]"
n=$(calls " create ")
run part2; check "part 2 again runs" "[ $? -eq 0 ]"
check "part 2 again creates nothing" "[ $(calls ' create ') -eq $n ]"
run part3; check "part 3 runs" "[ $? -eq 0 ]"
check "part 3 created the VPN gateway and its connections" "[ -f \$S/gw-vpngw-hub-eus ] && [ -f \$S/conn-cn-HQ-hq-asr ] && [ -f \$S/conn-cn-LocalSite2-branch-fw ]"
n=$(calls " create ")
run part3; check "part 3 again runs" "[ $? -eq 0 ]"
check "part 3 again creates nothing" "[ $(calls ' create ') -eq $n ]"
n=$(calls " delete ")
run part1; check "part 1 after part 3 runs" "[ $? -eq 0 ]"
check "part 1 after part 3 deletes nothing" "[ $(calls ' delete ') -eq $n ] && [ -f \$S/gw-vpngw-hub-eus ] && [ -f \$S/gw-ergw-hub-eus ]"
n=$(calls " create ")
run undo; check "the rollback after a full run changes nothing" "[ $? -eq 0 ] && [ $(calls ' create ') -eq $n ]"
check "no delete of a missing resource, no create over one" clean

# 2. Part 2 or 3 before part 1: a stop, nothing created.
setup
run part2; check "part 2 before part 1 stops" "[ $? -ne 0 ] && grep -q 'run part 1 of this step first' '$tmp/err'"
run part3; check "part 3 before part 1 stops" "[ $? -ne 0 ]"
check "nothing created before part 1" "[ $(calls ' create ') -eq 0 ]"

# 3. Part 1 stopped after its first gateway delete: run again, it
#    finishes without deleting anything twice.
setup
: >"$S/fail-delete-ergw-hub-eus"
run part1; check "part 1 stops on a failed delete" "[ $? -ne 0 ] && [ \"\$(cat \$S/pfx)\" = 10.1.255.0/27 ]"
rm -f "$S/fail-delete-ergw-hub-eus"
run part1; check "part 1 run again finishes" "[ $? -eq 0 ] && [ \"\$(cat \$S/pfx)\" = 10.1.255.0/26 ]"
check "part 1 run again deletes nothing twice" clean

# 4. The VPN gateway comes back with other BGP addresses: part 3 prints
#    each device's neighbor old -> new and stops before any connection;
#    only HYBRIDOC_ACCEPT_BGP naming exactly the new addresses gets past.
setup
echo "10.1.255.36 10.1.255.37" >"$S/newbgp-vpngw-hub-eus"
run part1 && run part2
run part3; st=$?
check "changed addresses stop part 3" "[ $st -ne 0 ]"
check "no BGP connection created" "[ ! -f \$S/conn-cn-HQ-hq-asr ]"
# Review 20 Q4: a static site's tunnel does not depend on the BGP
# addresses: its connection is created before the stop.
check "the static site's connection created before the stop" "[ -f \$S/conn-cn-LocalSite2-branch-fw ]"
check "old -> new per device and instance" "grep -qF 'HQ/hq-asr: BGP neighbor 10.1.255.4 (instance IN_0, public IP 20.62.10.4) -> 10.1.255.36' '$tmp/err' && grep -qF 'HQ/hq-asr: BGP neighbor 10.1.255.5 (instance IN_1, public IP 20.62.10.5) -> 10.1.255.37' '$tmp/err'"
check "the stop names the acceptance" "grep -qF \"HYBRIDOC_ACCEPT_BGP='10.1.255.36 10.1.255.37'\" '$tmp/err'"
run part3; check "run again without acceptance: the same stop" "[ $? -ne 0 ] && [ ! -f \$S/conn-cn-HQ-hq-asr ]"
HYBRIDOC_ACCEPT_BGP='10.1.255.36' run part3
check "a partial acceptance stops" "[ $? -ne 0 ] && [ ! -f \$S/conn-cn-HQ-hq-asr ]"
HYBRIDOC_ACCEPT_BGP='10.1.255.4 10.1.255.5' run part3
check "accepting the old addresses stops" "[ $? -ne 0 ] && [ ! -f \$S/conn-cn-HQ-hq-asr ]"
run undo; check "the rollback stops at the same check" "[ $? -ne 0 ] && [ ! -f \$S/conn-cn-HQ-hq-asr ]"
n=$(calls "vnet-gateway create")
HYBRIDOC_ACCEPT_BGP='10.1.255.36 10.1.255.37' run part3
check "the exact acceptance creates the connections" "[ $? -eq 0 ] && [ -f \$S/conn-cn-HQ-hq-asr ] && [ -f \$S/conn-cn-LocalSite2-branch-fw ] && grep -q '^ACCEPTED' '$tmp/out'"
check "the accepted run creates no gateway" "[ $(calls 'vnet-gateway create') -eq $n ]"
check "nothing deleted twice or created over" clean

# 5. The rollback after a stop in part 3 (gateway created, connections
#    missing, addresses unchanged) creates only the missing ones.
setup
run part1 && run part2
: >"$S/fail-create-cn-HQ-hq-asr"
run part3; check "part 3 stops on a failed connection create" "[ $? -ne 0 ]"
rm -f "$S/fail-create-cn-HQ-hq-asr"
n=$(calls "vnet-gateway create")
run undo; check "the rollback finishes" "[ $? -eq 0 ] && [ -f \$S/conn-cn-HQ-hq-asr ] && [ -f \$S/conn-cn-LocalSite2-branch-fw ]"
check "the rollback creates no gateway that exists" "[ $(calls 'vnet-gateway create') -eq $n ]"
check "the rollback deletes nothing" "[ $(calls ' delete ') -eq 5 ]"
check "rollback: nothing created over" clean

# 6. A go/no-go not run, or run with PowerShell (review 19 P2): the
#    part stops before its first delete or create.
setup
rm -f "$tmp/w/GatewaySubnet.attached-before.json"
run part1; check "part 1 without the subnet record stops" "[ $? -ne 0 ] && grep -q 'is missing or empty' '$tmp/err'"
check "part 1 without the record deletes nothing" "[ $(calls ' delete ') -eq 0 ]"
echo '["","","","",""]' >"$tmp/w/GatewaySubnet.attached-before.json"
run part1; check "part 1 with PowerShell's record stops" "[ $? -ne 0 ] && [ $(calls ' delete ') -eq 0 ]"
setup
run part1
rm -f "$tmp/w/ergw-hub-eus.public-ips.txt"
run part2; check "part 2 without the public IP record stops" "[ $? -ne 0 ] && [ $(calls ' create ') -eq 0 ]"
# Review 21 N1: part 1 checks the records parts 2 and 3 and the
# rollback rebuild from, before its first delete.
for f in ergw-hub-eus.public-ips.txt ergw-hub-eus.addresses-before.json \
    vpngw-hub-eus.public-ips.txt vpngw-hub-eus.addresses-before.json; do
	setup
	rm -f "$tmp/w/$f"
	run part1
	check "part 1 without $f stops before any delete" "[ $? -ne 0 ] && [ $(calls ' delete ') -eq 0 ]"
done

# 8. Review 20 Q1: the rollback's ExpressRoute and VPN parts are
#    independent: a stop on one side does not keep the other from
#    restoring its side.
setup
run part1
: >"$S/fail-create-cn-er-eus-equinix-dc"
run undo; st=$?
check "undo: a failed ExpressRoute connection create stops the block" "[ $st -ne 0 ] && grep -q 'the ExpressRoute part stopped' '$tmp/err'"
check "undo: the VPN part still restores its side" "[ -f \$S/gw-vpngw-hub-eus ] && [ -f \$S/conn-cn-HQ-hq-asr ] && [ -f \$S/conn-cn-LocalSite2-branch-fw ]"
rm -f "$S/fail-create-cn-er-eus-equinix-dc"
run undo; check "undo again: the ExpressRoute part finishes" "[ $? -eq 0 ] && [ -f \$S/conn-cn-er-eus-equinix-dc ]"
check "undo again: nothing created over" clean
setup
run part1
: >"$S/kv-deny"
run undo; st=$?
check "undo: Key Vault unreadable stops the VPN part" "[ $st -ne 0 ] && grep -q 'cannot be read from Key Vault' '$tmp/err' && [ ! -f \$S/gw-vpngw-hub-eus ]"
check "undo: Key Vault unreadable, ExpressRoute still restored" "[ -f \$S/gw-ergw-hub-eus ] && [ -f \$S/conn-cn-er-eus-equinix-dc ]"
setup
run part1
: >"$S/ckt-missing"
run undo; st=$?
check "undo: circuit unreadable stops only the ExpressRoute part" "[ $st -ne 0 ] && [ ! -f \$S/gw-ergw-hub-eus ] && [ -f \$S/gw-vpngw-hub-eus ] && [ -f \$S/conn-cn-LocalSite2-branch-fw ]"
# Review 21 N2: the same under a caller's set -e (sh -e, a wrapper).
setup
run part1
: >"$S/ckt-missing"
(cd "$tmp/w" && sh -e "$tmp/undo.sh" >"$tmp/out" 2>"$tmp/err"); st=$?
check "undo under sh -e: the VPN part still runs" "[ $st -ne 0 ] && [ -f \$S/gw-vpngw-hub-eus ] && [ -f \$S/conn-cn-LocalSite2-branch-fw ]"

# 9. Review 20 Q15: the stops added since review 19 fire.
setup
: >"$S/kv-deny"
run part1; check "part 1: Key Vault unreadable stops before any delete" "[ $? -ne 0 ] && [ $(calls ' delete ') -eq 0 ]"
setup
run part1 && run part2
: >"$S/kv-deny"
n=$(calls " create ")
run part3; check "part 3: Key Vault unreadable stops before any create" "[ $? -ne 0 ] && [ $(calls ' create ') -eq $n ] && [ ! -f \$S/gw-vpngw-hub-eus ]"
setup
run part1
echo Updating >"$S/state-ergw-hub-eus"
run part2; check "part 2: a gateway not Succeeded creates no connection" "[ $? -ne 0 ] && grep -q 'not Succeeded' '$tmp/err' && [ ! -f \$S/conn-cn-er-eus-equinix-dc ]"
setup
echo /routeTables/rt-other >"$S/routetable"
# the record was made without it: the live one now differs
run part1; check "part 1: attachments that differ after the update stop it" "[ $? -ne 0 ] && grep -q 'differ' '$tmp/err'"
# Part 1 stopped between the gateway deletes and the subnet update: the
# rollback creates both gateways in the prefix GatewaySubnet still has.
setup
rm -f "$S/gw-vpngw-hub-eus" "$S/gw-ergw-hub-eus" "$S"/conn-*
run undo; check "undo with the prefix still /27 restores both sides" "[ $? -eq 0 ] && [ -f \$S/gw-vpngw-hub-eus ] && [ -f \$S/gw-ergw-hub-eus ] && [ \"\$(cat \$S/pfx)\" = 10.1.255.0/27 ] && [ \"\$(cat \$S/created-in-ergw-hub-eus)\" = 10.1.255.0/27 ]"
check "undo with the prefix still /27: nothing created over" clean

# 10. Review 20 Q7: a whole-list update already at its target is
#     printed and skipped (a run again after it worked, the rollback of
#     a step that never ran); only a third list stops.
setup
echo "10.1.0.0/16" >"$S/space"
run space; check "Step 5 from the design's list updates it" "[ $? -eq 0 ] && [ \"\$(cat \$S/space)\" = '10.1.0.0/16 10.5.0.0/16' ] && [ $(calls 'vnet update') -eq 1 ]"
run space; check "Step 5 again: already done, nothing updated" "[ $? -eq 0 ] && grep -q 'already 10.1.0.0/16 10.5.0.0/16: nothing to change' '$tmp/out' && [ $(calls 'vnet update') -eq 1 ]"
echo "10.1.0.0/16" >"$S/space"
run unspace; check "Rollback 13 of a step that never ran changes nothing" "[ $? -eq 0 ] && [ $(calls 'vnet update') -eq 1 ] && [ \"\$(cat \$S/space)\" = 10.1.0.0/16 ]"
echo "10.1.0.0/16 10.9.0.0/16" >"$S/space"
run space; check "Step 5 from a third list stops" "[ $? -ne 0 ] && grep -q 'is neither' '$tmp/err' && [ $(calls 'vnet update') -eq 1 ]"

# 11. Review 20 Q10: a record with custom APIPA BGP addresses stops the
#     Azure CLI's create, which cannot set them.
setup
sed -i 's/\[\[\], \[\]\]\]$/[["169.254.21.1"], []]]/' "$tmp/w/vpngw-hub-eus.addresses-before.json"
# Review 21 N3: before part 1 deletes anything, not after.
run part1; check "custom APIPA addresses stop part 1 before any delete" "[ $? -ne 0 ] && grep -q 'custom APIPA BGP addresses' '$tmp/err' && [ $(calls ' delete ') -eq 0 ] && [ -f \$S/gw-vpngw-hub-eus ]"
# and part 3, should the record be changed after part 1
setup
run part1 && run part2
sed -i 's/\[\[\], \[\]\]\]$/[["169.254.21.1"], []]]/' "$tmp/w/vpngw-hub-eus.addresses-before.json"
n=$(calls "vnet-gateway create")
run part3; check "custom APIPA addresses stop the CLI create" "[ $? -ne 0 ] && grep -q 'custom APIPA BGP addresses' '$tmp/err' && [ $(calls 'vnet-gateway create') -eq $n ] && [ ! -f \$S/gw-vpngw-hub-eus ]"

# 7. No text sends the reader to "the rest of the block".
check "no 'the rest of the block'" "! grep -rlF 'the rest of the block' tests/packet"
echo "rerun: $pass passed, $fails failed"
[ $fails -eq 0 ]

#!/bin/sh
# Every Azure CLI and Az PowerShell command the sources can print is
# listed with its reference in docs/model.md ("Commands the procedures
# print") and appears in at least one golden file (tests/golden,
# tests/packet, tests/diagnose), so a changed command shows up in review.  The commands
# are read from the sources' string literals: "network GROUP VERB" for
# the Azure CLI (after "az "), Verb-AzNoun for PowerShell.
fail=0
pass=0
goldens=$(find tests/golden tests/packet tests/diagnose -type f \( \
    -name '*.out' -o -name '*.md' -o -name '*.json' -o -name '*.txt' -o \
    -name '*.sh' -o -name '*.ps1' \) | sort)
[ -n "$goldens" ] || { echo "commands: no golden files"; exit 1; }
az=$(grep -ohE '"(az )?network (vnet-gateway|express-route|vpn-connection|local-network-gateway|vnet|nic)( [a-z][a-z-]*)+' \
    gen/*/*.c | sed 's/^"//; s/^az //' | sort -u)
# "network vnet peering %s": a group whose verb comes at run time is
# covered by the verbs spelled out elsewhere.
az=$(echo "$az" | awk '{ a[NR] = $0 } END { for (i = 1; i <= NR; i++) {
	p = 0; for (j = 1; j <= NR; j++) if (index(a[j], a[i] " ") == 1) p = 1;
	if (!p) print a[i] } }')
ps=$(grep -ohE '\b(Get|Set|Start|Stop|Reset|New|Remove|Update|Search)-Az[A-Za-z]+' \
    gen/*/*.c | sort -u)
IFS='
'
for c in $az; do
	group=$(echo "$c" | cut -d' ' -f1-2)
	verb=$(echo "$c" | cut -d' ' -f3-)
	if ! grep -F "az $group" docs/model.md | grep -qE "(^|[ |\\\\])$verb([ |\\\\\`]|$)"; then
		echo "FAIL: az $c is not listed in docs/model.md"
		fail=$((fail + 1))
	elif ! grep -qF "az $c" $goldens; then
		echo "FAIL: az $c appears in no golden file"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
for c in $ps; do
	if ! grep -qF "$c" docs/model.md; then
		echo "FAIL: $c is not listed in docs/model.md"
		fail=$((fail + 1))
	elif ! grep -qF "$c" $goldens; then
		echo "FAIL: $c appears in no golden file"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
# Azure Resource Graph: one command outside "az network".
if grep -qF '"az graph query' gen/*/*.c; then
	if ! grep -qF 'az graph query' docs/model.md; then
		echo "FAIL: az graph query is not listed in docs/model.md"
		fail=$((fail + 1))
	elif ! grep -qF 'az graph query' $goldens; then
		echo "FAIL: az graph query appears in no golden file"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
fi
echo "commands: $pass passed, $fail failed"
[ $fail -eq 0 ]

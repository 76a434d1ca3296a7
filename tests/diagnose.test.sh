#!/bin/sh
# `hybridoc diagnose` end to end.
#
# Golden cases: each tests/diagnose/contoso-*/ holds hand-written
# captures of designs/contoso-eastus.yaml (or of the case's own
# design.yaml, when it has one) in the shape `az network vnet-gateway
# list-learned-routes -o json` and `list-bgp-peer-status -o json` print
# (the public examples on Microsoft Learn and in the
# azure-rest-api-specs): a healthy network, a circuit down, a tunnel
# down with a BGP peer the design does not know, a VPN gateway instance
# down (the capacity left on one active-active instance is an estimate,
# and the report says so), and a link down on a circuit whose bandwidth
# the design gives as unknown (the report prints the placeholder, never
# a made-up figure).  The report in text, JSON and Markdown must equal
# expected.txt, expected.json and expected.md, and the exit status the
# file status.
#
# The runbook anchors the reports give are headings of the case's
# design's HTML runbook.
#
# The capture scripts (--commands, az and PowerShell) must equal
# tests/diagnose/commands.sh and commands.ps1, parse (sh -n), and be
# read-only: every az command lists or shows, every cmdlet is a Get-.
#
# Bad inputs: each tests/diagnose/bad/NAME.json is given to
# `diagnose designs/contoso-eastus.yaml --learned vpngw-hub-eus=FILE`
# (or the command line in NAME.cmd, @ standing for the file); standard
# error and the exit status must equal NAME.err, and nothing may be
# printed on standard output.  Hostile inputs too big to commit (deep
# nesting, more values than the limit, a file over 64 MiB) are
# generated into a scratch folder and must exit 2 with the message of
# the limit; a large but well-formed capture must be read, its findings
# capped.
#
# REGEN=1 rewrites the expectations.  Prints "ok NAME" or "FAIL NAME"
# with a diff, then "diagnose: N passed, N failed".
bin=${HYBRIDOC:-./hybridoc}
case $bin in
/*)	;;
*/*)	bin=$(pwd)/$bin ;;
esac
D=tests/diagnose
DESIGN=designs/contoso-eastus.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
limit=${CASE_SECONDS:-20}

ok() {
	pass=$((pass + 1))
	echo "ok $1"
}
bad() {
	fail=$((fail + 1))
	echo "FAIL $*"
}

# same NAME EXPECTED ACTUAL: compare, or rewrite under REGEN.
same() {
	if [ -n "$REGEN" ]; then
		cp "$3" "$2"
		ok "$1 (regenerated)"
	elif cmp -s "$2" "$3"; then
		ok "$1"
	else
		bad "$1"
		diff -u "$2" "$3" | head -n 30
	fi
}

run() {
	# shellcheck disable=SC2086
	NO_COLOR=1 timeout "$limit" $VALGRIND "$bin" "$@"
}

# The design a case's captures are of.
design_of() {
	if [ -f "$1/design.yaml" ]; then
		echo "$1/design.yaml"
	else
		echo "$DESIGN"
	fi
}

for c in "$D"/contoso-*/; do
	c=${c%/}
	name=$(basename "$c")
	design=$(design_of "$c")
	for f in text:txt json:json md:md; do
		run diagnose "$design" \
		    --learned ergw-hub-eus="$c/ergw-hub-eus.learned.json" \
		    --learned vpngw-hub-eus="$c/vpngw-hub-eus.learned.json" \
		    --bgp-peers vpngw-hub-eus="$c/vpngw-hub-eus.bgp-peers.json" \
		    --format "${f%:*}" >"$tmp/out" 2>"$tmp/err"
		echo $? >"$tmp/status"
		[ -s "$tmp/err" ] && cat "$tmp/err" >>"$tmp/status"
		same "$name.${f#*:}" "$c/expected.${f#*:}" "$tmp/out"
		same "$name.${f#*:} status" "$c/status" "$tmp/status"
	done
	# The same through standard input: one capture may be "-".
	run diagnose "$design" --learned ergw-hub-eus="$c/ergw-hub-eus.learned.json" \
	    --learned vpngw-hub-eus=- \
	    --bgp-peers vpngw-hub-eus="$c/vpngw-hub-eus.bgp-peers.json" \
	    <"$c/vpngw-hub-eus.learned.json" >"$tmp/out" 2>&1
	if [ -z "$REGEN" ] && ! sed "s|$c/vpngw-hub-eus.learned.json|-|" \
	    "$c/expected.txt" | cmp -s - "$tmp/out"; then
		bad "$name stdin"
		sed "s|$c/vpngw-hub-eus.learned.json|-|" "$c/expected.txt" |
		    diff -u - "$tmp/out" | head -n 20
	else
		ok "$name stdin"
	fi
done

# The anchors of the best match are headings of the HTML runbook.
for c in "$D"/contoso-*/; do
	if ! run runbook "$(design_of "${c%/}")" -o "$tmp/runbook.html" \
	    2>"$tmp/err"; then
		bad "runbook for the anchors of $c"
		cat "$tmp/err"
		continue
	fi
	for a in $(sed -n 's/.*"runbook_[a-z]*_anchor": "\([^"]*\)".*/\1/p' \
	    "$c/expected.json"); do
		if grep -q "id=\"$a\"" "$tmp/runbook.html"; then
			ok "anchor $a"
		else
			bad "anchor $a is no heading of the runbook"
		fi
	done
done

# The test anchor is the stable one, from the procedure id, not the
# numbered heading's, which changes when a test is added before it.
for c in "$D"/contoso-*/; do
	p=$(sed -n 's/^    "procedure": "\([^"]*\)".*/\1/p' "$c/expected.json")
	a=$(sed -n 's/.*"runbook_test_anchor": "\([^"]*\)".*/\1/p' "$c/expected.json")
	[ -n "$p$a" ] || continue
	want=test-$(printf '%s' "$p" | tr 'A-Z' 'a-z' | sed 's/[^a-z0-9][^a-z0-9]*/-/g')
	if [ "$a" = "$want" ]; then ok "stable anchor $a"
	else bad "test anchor $a is not the stable $want"; fi
done

# The runbook's outage section names the two diagnose commands.
if run runbook "$DESIGN" -o "$tmp/runbook.md" 2>"$tmp/err"; then
	sed -n '/^## When something fails unplanned/,/^## [^W]/p' \
	    "$tmp/runbook.md" >"$tmp/outage.md"
	for c in 'hybridoc diagnose DESIGN --commands' \
	    'hybridoc diagnose DESIGN --learned GATEWAY=FILE'; do
		if grep -qF "$c" "$tmp/outage.md"; then
			ok "outage section names $c"
		else
			bad "outage section does not name $c"
		fi
	done
else
	bad "runbook for the outage section"
	cat "$tmp/err"
fi

# The Markdown report is valid CommonMark/GFM with the tables intact:
# cmark-gfm is not needed here; the report has no raw HTML (a "<" that
# is text, as in an unknown's placeholder, is escaped "\<").
if grep -n '\(^\|[^\\]\)<[a-z]' "$D"/contoso-*/expected.md >/dev/null; then
	bad "markdown has raw HTML"
else
	ok "markdown has no raw HTML"
fi

# The capture scripts.
run diagnose "$DESIGN" --commands >"$tmp/sh" 2>&1
same commands.sh "$D/commands.sh" "$tmp/sh"
run diagnose "$DESIGN" --commands --shell powershell >"$tmp/ps1" 2>&1
same commands.ps1 "$D/commands.ps1" "$tmp/ps1"
if sh -n "$tmp/sh"; then ok "commands.sh parses"; else bad "commands.sh parses"; fi
# Read-only: the verb of every az command, every cmdlet's verb.
verbs=$(grep -o 'az network [a-z-]* [a-z-]*' "$tmp/sh" | awk '{print $4}' |
    sort -u | tr '\n' ' ')
case " $verbs" in
*" list-learned-routes "*) ;;
*) bad "commands.sh captures learned routes" ;;
esac
if printf '%s\n' $verbs | grep -v -E '^(list-[a-z-]*|show|show-[a-z-]*)$' \
    >/dev/null; then
	bad "commands.sh is read-only: verbs $verbs"
else
	ok "commands.sh is read-only ($verbs)"
fi
# Set-AzContext is the one other verb, for this process only.
# ps_readonly NAME FILE
ps_readonly() {
	cmdlets=$(grep -v '^[[:space:]]*Set-AzContext .* -Scope Process | Out-Null$' "$2" |
	    grep -v '^#' | grep -o '[A-Z][a-z]*-Az[A-Za-z]*' | sort -u | tr '\n' ' ')
	if printf '%s\n' $cmdlets | grep -v '^Get-' >/dev/null || [ -z "$cmdlets" ]
	then
		bad "$1 is read-only: $cmdlets"
	else
		ok "$1 is read-only ($cmdlets)"
	fi
}
ps_readonly commands.ps1 "$tmp/ps1"
# It sets the design's subscription, then checks it, before any read.
if sed -n '/^\$ErrorActionPreference/{n;p;n;p;n;p;}' "$tmp/ps1" | tr '\n' '@' |
    grep -q "^Set-AzContext -Subscription prod-connectivity -Scope Process | Out-Null@\$ctx = Get-AzContext@if (\$ctx.Subscription.Id -ne 'prod-connectivity' .*throw"
then
	ok "commands.ps1 sets and checks its subscription"
else
	bad "commands.ps1 sets and checks its subscription"
fi
# Every az command carries the subscription; the circuit's runs in the
# circuit's group (the placeholder here), never the hub's.
if grep '^[[:space:]]*az ' "$tmp/sh" | grep -v -e '--subscription' >/dev/null
then
	bad "commands.sh: an az command without --subscription"
else
	ok "commands.sh: every az command has --subscription"
fi
if grep -q "list-route-tables -g '<resource-group-of-er-eus-equinix-dc>' --subscription prod-connectivity -n er-eus-equinix-dc " "$tmp/sh" &&
    grep -q "Get-AzExpressRouteCircuitRouteTable -ResourceGroupName '<resource-group-of-er-eus-equinix-dc>' " "$tmp/ps1" &&
    ! grep -q 'CIRCUIT_RG\|CircuitResourceGroup' "$tmp/sh" "$tmp/ps1"; then
	ok "capture scripts: the circuit's placeholder group"
else
	bad "capture scripts: the circuit's placeholder group"
fi
# The files the script writes are the files the examples hold.
for f in $(sed -n 's/^echo "hybridoc diagnose .*//p; s/.*=\$OUT\/\([^ "]*\).*/\1/p' "$tmp/sh") \
    $(grep -o '=\$OUT/[^ "]*' "$tmp/sh" | sed 's|=\$OUT/||'); do
	for c in "$D"/contoso-*/; do
		if [ -f "$c$f" ]; then ok "example $(basename "$c")/$f"
		else bad "example $(basename "$c") has no $f, which the capture script writes"; fi
	done
done

# A circuit in its own group and subscription: the scripts and the
# hints read it there.
sed -e '/^    peering_location: Washington DC$/a\
    resource_group: rg-circuits\
    subscription: sub-circuits' "$DESIGN" >"$tmp/own.yaml"
run diagnose "$tmp/own.yaml" --commands >"$tmp/own.sh" 2>&1
run diagnose "$tmp/own.yaml" --commands --shell powershell >"$tmp/own.ps1" 2>&1
c=$D/contoso-circuit-down
run diagnose "$tmp/own.yaml" --learned ergw-hub-eus="$c/ergw-hub-eus.learned.json" \
    --learned vpngw-hub-eus="$c/vpngw-hub-eus.learned.json" >"$tmp/own.txt" 2>&1
if grep -q "list-route-tables -g rg-circuits --subscription sub-circuits -n er-eus-equinix-dc " "$tmp/own.sh" &&
    ! grep -q 'resource-group-of' "$tmp/own.sh" "$tmp/own.ps1" &&
    sh -n "$tmp/own.sh" &&
    grep -A1 '^	try {$' "$tmp/own.ps1" | grep -q '^		Set-AzContext -Subscription sub-circuits -Scope Process | Out-Null$' &&
    grep -q "Get-AzExpressRouteCircuitRouteTable -ResourceGroupName rg-circuits -ExpressRouteCircuitName er-eus-equinix-dc " "$tmp/own.ps1" &&
    sed -n '/^foreach (\$path/,$p' "$tmp/own.ps1" | grep -q '^Set-AzContext -Subscription prod-connectivity -Scope Process | Out-Null$' &&
    grep -q "list-route-tables-summary -g rg-circuits --subscription sub-circuits -n er-eus-equinix-dc .*: the neighbour is not up (Idle/Active/Connect) on either" "$tmp/own.txt"
then
	ok "a circuit's own group and subscription"
else
	bad "a circuit's own group and subscription"
	grep -n 'circuits\|resource-group-of' "$tmp/own.sh" "$tmp/own.ps1" "$tmp/own.txt" | head
fi
ps_readonly "commands.ps1 of a circuit elsewhere" "$tmp/own.ps1"
# The hints for the hub's objects carry the subscription too.
if grep -- '- az ' "$D"/contoso-*/expected.txt | grep -v -e '--subscription prod-connectivity' >/dev/null
then
	bad "a hint without --subscription"
else
	ok "every hint has --subscription"
fi

# Captures of only some gateways: never all clear.  Each format names
# the gateway not captured; the status is 1.
b=$D/contoso-baseline
for g in ergw-hub-eus vpngw-hub-eus; do
	case $g in
	ergw-hub-eus) o=vpngw-hub-eus ;;
	*) o=ergw-hub-eus ;;
	esac
	for f in text json md; do
		run diagnose "$DESIGN" --learned "$g=$b/$g.learned.json" \
		    --format $f >"$tmp/part" 2>"$tmp/err"
		rc=$?
		if [ $rc = 1 ] && [ ! -s "$tmp/err" ] &&
		    grep -q "$o: not captured; failures on its paths cannot be ruled out" "$tmp/part" &&
		    ! grep -q 'behaves as designed' "$tmp/part"; then
			ok "only $g captured, $f"
		else
			bad "only $g captured, $f: exit $rc"
			grep -n 'captured\|Verdict' "$tmp/part" | head -5
		fi
	done
done
# The VPN gateway's BGP sessions without its learned routes.
run diagnose "$DESIGN" --learned "ergw-hub-eus=$b/ergw-hub-eus.learned.json" \
    --bgp-peers "vpngw-hub-eus=$b/vpngw-hub-eus.bgp-peers.json" >"$tmp/part" 2>&1
rc=$?
if [ $rc = 1 ] && grep -q "vpngw-hub-eus: learned routes not captured; failures on its paths cannot be ruled out" "$tmp/part"
then
	ok "learned routes not captured"
else
	bad "learned routes not captured: exit $rc"
fi
# A complete capture names nothing as not captured.
if grep -q 'not captured' "$D"/contoso-*/expected.txt; then
	bad "a complete capture says not captured"
else
	ok "a complete capture says nothing of it"
fi
# Every shipped design has a script in each shell.
for y in designs/*.yaml; do
	if run diagnose "$y" --commands >"$tmp/x" 2>&1 && sh -n "$tmp/x" &&
	    run diagnose "$y" --commands --shell powershell >/dev/null 2>&1
	then
		ok "commands $(basename "$y")"
	else
		bad "commands $(basename "$y")"
	fi
done

# Bad inputs, committed.
for j in "$D"/bad/*.json; do
	base=${j%.json}
	name=bad/$(basename "$base")
	if [ -f "$base.cmd" ]; then
		cmd=$(sed "s|@|$j|g" "$base.cmd")
	else
		cmd="diagnose $DESIGN --learned vpngw-hub-eus=$j"
	fi
	# shellcheck disable=SC2086
	run $cmd >"$tmp/out" 2>"$tmp/err"
	echo "exit status $?" >>"$tmp/err"
	same "$name" "$base.err" "$tmp/err"
	if [ -s "$tmp/out" ]; then
		bad "$name wrote to standard output"
	fi
done

# Bad inputs, generated.  gen NAME PYTHON: writes $tmp/NAME.json.
if command -v python3 >/dev/null 2>&1; then
	python3 - "$tmp" <<'PY'
import sys, os
d = sys.argv[1]
def w(name, data):
    with open(os.path.join(d, name + ".json"), "w") as f:
        f.write(data)
w("deep", '{"value": ' + "[" * 100000 + "]" * 100000 + "}")
w("many-values", '{"value": [' + ",".join(["0"] * 4100000) + "]}")
# Over 64 MiB: one long string inside a well-formed capture.
w("huge", '{"value": [{"network": "10.100.0.0/16", "origin": "EBgp", '
  '"sourcePeer": "10.100.255.1", "asPath": "' + "1" * (65 << 20) + '"}]}')
# Well-formed and large: 50,000 routes from a peer nobody knows.
r = ('{"asPath": "65099", "localAddress": "10.1.255.4", "network": '
     '"10.%d.%d.0/24", "nextHop": "10.100.255.9", "origin": "EBgp", '
     '"sourcePeer": "10.100.255.9", "weight": 32768}')
w("large", '{"value": [' + ",\n".join(r % (i // 256, i % 256)
  for i in range(50000)) + "]}")
PY
	for h in deep:"nesting deeper than" many-values:"values" \
	    huge:"larger than the limit"; do
		n=${h%%:*}
		(cd "$tmp" && run diagnose "$OLDPWD/$DESIGN" \
		    --learned vpngw-hub-eus="$n.json") >/dev/null 2>"$tmp/err"
		rc=$?
		if [ $rc = 2 ] && grep -q "^$n.json:.*error: .*${h#*:}" "$tmp/err"
		then
			ok "hostile $n"
		else
			bad "hostile $n: exit $rc"
			head -c 600 "$tmp/err"
		fi
	done
	(cd "$tmp" && run diagnose "$OLDPWD/$DESIGN" \
	    --learned vpngw-hub-eus=large.json --format json) >"$tmp/out" \
	    2>"$tmp/err"
	rc=$?
	if [ $rc = 1 ] && [ ! -s "$tmp/err" ] &&
	    grep -q '"findings_not_listed": 49950' "$tmp/out"; then
		ok "hostile large"
	else
		bad "hostile large: exit $rc"
		head -c 600 "$tmp/err"
		grep findings_not_listed "$tmp/out"
	fi
else
	echo "skip generated hostile inputs: no python3"
fi

# A bad capture writes nothing, not even an empty report.
run diagnose "$DESIGN" --learned vpngw-hub-eus="$D/bad/not-json.json" \
    -o "$tmp/report.md" >/dev/null 2>&1
rc=$?
if [ $rc = 2 ] && [ ! -e "$tmp/report.md" ]; then
	ok "bad capture writes nothing"
else
	bad "bad capture writes nothing: exit $rc"
fi

# Usage errors.
for u in "diagnose $DESIGN" "diagnose $DESIGN --learned novalue" \
    "diagnose $DESIGN --commands --learned x=y" \
    "diagnose $DESIGN --bgp-peers vpngw-hub-eus=x" \
    "diagnose $DESIGN --commands --shell fish" \
    "diagnose $DESIGN --learned x=y --format html"; do
	# shellcheck disable=SC2086
	run $u >/dev/null 2>&1
	rc=$?
	if [ $rc = 2 ]; then ok "usage: $u"; else bad "usage: $u exit $rc"; fi
done

echo "diagnose: $pass passed, $fail failed"
[ $fail = 0 ]

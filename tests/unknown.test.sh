#!/bin/sh
# Designs that are not complete yet: values given as `unknown`
# (docs/format.md, "Values not known yet").
#
# - tests/unknown/*.yaml are the shipped designs with every field that
#   may be unknown made unknown; they cover every such field of the
#   schema (read from `hybridoc schema`), each one is listed as an
#   HD801 note at its line, and no rule or simulation conclusion turns
#   the missing values into an error;
# - every command runs on them without a crash (validate in three
#   formats, simulate, diagram in three formats, runbook in three,
#   packet both ways, site, drift against the exports of tests/import,
#   diagnose) and what they print has placeholders, never a made-up
#   value (VLAN 0, AS 0, 0 Mbps) nor a command that can run with an
#   empty argument or a placeholder;
# - validate --strict exits 1; quoted "unknown" is the word; unknown in
#   a field that may not be unknown is an input error (exit 2);
# - import writes unknown for what an export lacks (tests/unknown/
#   contoso-partial.arm.json), and the overlay fills it.
#
# Runs $HYBRIDOC (default ./hybridoc).  Prints "ok NAME" or "FAIL NAME",
# then "unknown: N passed, N failed".
. tests/lib.sh
fx=tests/unknown
designs="contoso-eastus fabrikam-max-resiliency northwind-branches"

# A command's exit status: 0 or 1 (findings, drift), never 2 or a signal.
ran() {
	if [ "$2" -le 1 ]; then ok "$1"
	else bad "$1" "exit $2" "$(head -5 "$tmp/err")"; fi
}

# Lines of generated text that make up a value for an unknown, or a
# command that would run with an empty argument or a placeholder.
made_up() {
	grep -nE "VLAN 0([^0-9./]|$)|AS 0([^0-9.]|$)|[^0-9.]0 Mbps|peer AS 0$|AS path [0-9-]*-0([^0-9]|$)" "$1" |
	    grep -v "HD80[1-3]" | head -3
	grep -nE "^ *(az |Set-AzContext|Get-Az|New-Az|Reset-Az|Set-Az|Remove-Az).*(<unknown: |'' |''$| \"\"( |$))" "$1" |
	    head -3
	grep -nE "^ *(az |Set-AzContext|Get-Az|New-Az|Set-Az).* --?[A-Za-z-]+  " "$1" | head -3
}

clean() {
	m=$(made_up "$2")
	if [ -z "$m" ]; then ok "$1"; else bad "$1" "$m"; fi
}

# Every field the schema lets be unknown, as OBJECT.KEY.
"$bin" schema >"$tmp/schema.json"
awk '/^    "[a-z_]+": \{$/ { obj = $1; gsub(/[":]/, "", obj) }
    /"const": "unknown"/ { k = $1; gsub(/[":]/, "", k); print obj "." k }' \
    "$tmp/schema.json" | sort -u >"$tmp/want"
if [ "$(wc -l <"$tmp/want")" -ge 10 ]; then ok "schema lists the unknown-able fields"
else bad "schema lists the unknown-able fields" "$(cat "$tmp/want")"; fi

: >"$tmp/seen"
for d in $designs; do
	f=$fx/$d.yaml
	# validate: every unknown is a note at its line; no error finding.
	"$bin" validate --format json "$f" >"$tmp/v.json" 2>"$tmp/err"
	ran "validate json $d" $?
	"$bin" validate "$f" >"$tmp/v.txt" 2>"$tmp/err"
	rc=$?
	n=$(grep -c "^$f:[0-9]*:[0-9]*: note: .*\[HD801\]" "$tmp/v.txt")
	u=$(grep -c ": unknown$\|: unknown[,}]\|{[a-z_]*: unknown" "$f")
	nu=$(grep -o "[a-z_]*: unknown" "$f" | wc -l)
	if [ "$rc" -eq 0 ] && [ "$n" -eq "$nu" ] && [ "$n" -gt 0 ]; then
		ok "validate $d: $n HD801 notes"
	else
		bad "validate $d" "exit $rc, $n HD801 notes for $nu unknowns ($u lines)" \
		    "$(grep -v HD80 "$tmp/v.txt" | head -5)"
	fi
	if grep -q ": error: " "$tmp/v.txt"; then
		bad "no error from an unknown $d" "$(grep ': error: ' "$tmp/v.txt" | head -3)"
	else ok "no error from an unknown $d"; fi
	if grep -q "HD802" "$tmp/v.txt"; then ok "HD802 says what was not checked $d"
	else bad "HD802 says what was not checked $d"; fi
	# Which object.key each note is about, for the coverage check.
	sed -n 's/.*note: \([^ ]*\) is unknown.*\[HD801\]$/\1/p' "$tmp/v.txt" |
	    sed -e 's/^azure\.vpn_gateway\.instances\[[0-9]*\]\./instance./' \
		-e 's/^circuits\.[^.]*\.private_peering\./private_peering./' \
		-e 's/^circuits\.[^.]*\./circuit./' \
		-e 's/^sites\.[^.]*\.vpn\.[^.]*\.device\./device./' \
		-e 's/^sites\.[^.]*\.vpn\.[^.]*\.bgp\./bgp./' \
		-e 's/^sites\.[^.]*\.vpn\.[^.]*\./vpn./' \
		-e 's/^sites\.[^.]*\./site./' >>"$tmp/seen"
	"$bin" validate --strict "$f" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 1 ] && grep -q -- "--strict: [0-9]* values are unknown" "$tmp/err"
	then ok "validate --strict $d"; else bad "validate --strict $d" "exit $rc"; fi
	"$bin" validate --format sarif "$f" >"$tmp/v.sarif" 2>"$tmp/err"
	ran "validate sarif $d" $?
	grep -q '"HD801"' "$tmp/v.sarif" && ok "sarif HD801 $d" || bad "sarif HD801 $d"

	# simulate: a capacity that needs an unknown bandwidth says so.
	"$bin" simulate "$f" >"$tmp/s.txt" 2>"$tmp/err"
	ran "simulate $d" $?
	"$bin" simulate --format json "$f" >"$tmp/s.json" 2>"$tmp/err"
	ran "simulate json $d" $?
	if grep -q '"capacity_unknown": "\\u003cunknown: circuits\.' "$tmp/s.json" &&
	    ! grep -qE 'expressroute +0 Mbps' "$tmp/s.txt"
	then ok "capacity unknown $d"
	else bad "capacity unknown $d" "$(grep -m2 expressroute "$tmp/s.txt")"; fi

	for x in dot svg mmd; do
		"$bin" diagram "$f" -o "$tmp/d.$x" 2>"$tmp/err"
		ran "diagram $x $d" $?
		clean "diagram $x has placeholders $d" "$tmp/d.$x"
	done
	grep -q "&lt;unknown: \|<unknown: " "$tmp/d.svg" && ok "diagram shows placeholders $d" ||
	    bad "diagram shows placeholders $d"

	for x in md html json; do
		"$bin" runbook "$f" -o "$tmp/r.$x" 2>"$tmp/err"
		ran "runbook $x $d" $?
	done
	clean "runbook makes up nothing $d" "$tmp/r.md"
	if grep -q '^ *# az .*<unknown: ' "$tmp/r.md" ||
	    ! grep -q 'bgp.peer_ip' "$f"; then ok "runbook comments out commands $d"
	else bad "runbook comments out commands $d"; fi
	grep -q 'private\\_peering\.vlan\\_id\\>' "$tmp/r.md" && ok "runbook placeholder $d" || bad "runbook placeholder $d"

	# packet, both ways: the shipped design and its unknown twin.
	sed "s/^name: $d-unknown/name: $d/" "$f" >"$tmp/u.yaml"
	rm -rf "$tmp/p"
	"$bin" packet "designs/$d.yaml" "$tmp/u.yaml" -o "$tmp/p" 2>"$tmp/err"
	ran "packet to unknown $d" $?
	clean "packet to unknown makes up nothing $d" "$tmp/p/packet.md"
	grep -q "Leave as deployed what the proposed design gives as unknown" \
	    "$tmp/p/packet.md" && ok "packet leaves unknowns as deployed $d" ||
	    bad "packet leaves unknowns as deployed $d"
	rm -rf "$tmp/p"
	"$bin" packet "$tmp/u.yaml" "designs/$d.yaml" -o "$tmp/p" 2>"$tmp/err"
	ran "packet from unknown $d" $?
	clean "packet from unknown makes up nothing $d" "$tmp/p/packet.md"
	grep -q "Check the values the current design gave as unknown" \
	    "$tmp/p/packet.md" && ok "packet checks filled values $d" ||
	    bad "packet checks filled values $d"

	# drift: an unknown is a note with the deployed value, no difference.
	for k in arm tf; do
		from=arm
		[ $k = tf ] && from=terraform
		"$bin" drift --from $from "$f" "tests/import/$d.$k.json" \
		    >"$tmp/dr" 2>"$tmp/err"
		rc=$?
		if [ $rc -eq 0 ] && grep -q "HD803" "$tmp/dr" &&
		    ! grep -q "HD81[1-8]" "$tmp/dr"
		then ok "drift $k $d"
		else bad "drift $k $d" "exit $rc" "$(grep -v HD803 "$tmp/dr" | head -3)"; fi
	done
done

sort -u "$tmp/seen" >"$tmp/seen.u"
if cmp -s "$tmp/want" "$tmp/seen.u"; then ok "fixtures cover every unknown-able field"
else bad "fixtures cover every unknown-able field" "$(diff "$tmp/want" "$tmp/seen.u")"; fi

# The site of the three, and diagnose on captures of the real network.
mkdir "$tmp/sd"
cp $fx/*.yaml "$tmp/sd/"
"$bin" site "$tmp/sd" -o "$tmp/site" --jobs 2 >/dev/null 2>"$tmp/err"
ran "site" $?
cat "$tmp"/site/*.html "$tmp"/site/*/*.html >"$tmp/site.all" 2>/dev/null
clean "site makes up nothing" "$tmp/site.all"
b=tests/diagnose/contoso-baseline
"$bin" diagnose $fx/contoso-eastus.yaml \
    --learned ergw-hub-eus=$b/ergw-hub-eus.learned.json \
    --learned vpngw-hub-eus=$b/vpngw-hub-eus.learned.json \
    --bgp-peers vpngw-hub-eus=$b/vpngw-hub-eus.bgp-peers.json \
    >"$tmp/dx" 2>"$tmp/err"
ran "diagnose" $?
grep -q "values as unknown" "$tmp/dx" && ok "diagnose says it is not complete" ||
    bad "diagnose says it is not complete"
clean "diagnose makes up nothing" "$tmp/dx"
"$bin" diagnose $fx/contoso-eastus.yaml --commands >"$tmp/dxc" 2>"$tmp/err"
ran "diagnose --commands" $?

# Forms: quoted is the word, and only some fields may be unknown.
sed 's/^    provider: unknown$/    provider: "unknown"/' $fx/contoso-eastus.yaml >"$tmp/q.yaml"
"$bin" validate "$tmp/q.yaml" >"$tmp/q.txt" 2>&1
if ! grep -q "provider is unknown" "$tmp/q.txt" &&
    grep -q "peering_location is unknown" "$tmp/q.txt"
then ok "quoted unknown is the word"; else bad "quoted unknown is the word"; fi
for e in 's/^    name: vnet-hub-eus$/    name: unknown/' \
    's/^    sku: VpnGw2AZ$/    sku: unknown/' \
    's/^    address_space: \[10.1.0.0\/16\]$/    address_space: [unknown]/' \
    's/^      vlan_id: 100$/      vlan_id: "unknown"/'; do
	sed "$e" designs/contoso-eastus.yaml >"$tmp/n.yaml"
	if cmp -s designs/contoso-eastus.yaml "$tmp/n.yaml"; then
		bad "not unknown-able: $e" "the sed expression changed nothing"
		continue
	fi
	"$bin" validate "$tmp/n.yaml" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q "n.yaml:[0-9]*:[0-9]*: error: .*\[HD00[69]\]" "$tmp/err"
	then ok "not unknown-able: $e"
	else bad "not unknown-able: $e" "exit $rc" "$(head -2 "$tmp/err")"; fi
done
sed 's/^    name: vnet-hub-eus$/    name: unknown/' designs/contoso-eastus.yaml >"$tmp/n.yaml"
"$bin" validate "$tmp/n.yaml" >/dev/null 2>"$tmp/err"
grep -q "may not be unknown" "$tmp/err" && ok "says which fields may not be unknown" ||
    bad "says which fields may not be unknown" "$(cat "$tmp/err")"

# import: what the export lacks is unknown; the overlay fills it.
"$bin" import --from arm $fx/contoso-partial.arm.json \
    --overlay tests/import/contoso-eastus.overlay.yaml -o "$tmp/i.yaml" \
    2>"$tmp/err"
rc=$?
n=$(grep -c ": unknown$" "$tmp/i.yaml" 2>/dev/null)
if [ $rc -eq 0 ] && [ "$n" -eq 8 ]; then ok "import writes unknown"
else bad "import writes unknown" "exit $rc, $n unknowns" "$(head -3 "$tmp/err")"; fi
"$bin" validate "$tmp/i.yaml" >"$tmp/iv" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ "$(grep -c 'HD801' "$tmp/iv")" -eq 8 ]; then ok "imported unknowns validate"
else bad "imported unknowns validate" "exit $rc"; fi
cat tests/import/contoso-eastus.overlay.yaml >"$tmp/o.yaml"
sed 's/^    name: hq-asr$/    name: hq-asr\n    public_ip: 131.107.72.22/' \
    "$tmp/o.yaml" >"$tmp/o2.yaml"
"$bin" import --from arm $fx/contoso-partial.arm.json --overlay "$tmp/o2.yaml" \
    -o "$tmp/i2.yaml" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "public_ip: 131.107.72.22" "$tmp/i2.yaml" &&
    [ "$(grep -c ': unknown$' "$tmp/i2.yaml")" -eq 7 ] &&
    ! grep -q "export's value is kept" "$tmp/err"
then ok "overlay fills an unknown"
else bad "overlay fills an unknown" "exit $rc" "$(head -3 "$tmp/err")"; fi

echo "unknown: $pass passed, $fails failed"
[ $fails -eq 0 ]

#!/bin/sh
# Runbook tests: golden Markdown for every shipped design (REGEN=1
# rewrites them), byte-identical reruns of the Markdown and the HTML,
# tables that a second GFM renderer (pandoc) reads with the same number
# of tables and the right column count per row, and an HTML page with
# no external resource and every diagram inline, whose one script is
# the wiki's site.js inline (copy buttons, diagrams full size: on call
# at 3 a.m. from a file on disk or a change record, copying a command
# by hand is where mistakes happen) and otherwise inert.  The
# first render of each runs under $VALGRIND (make valgrind), so errors
# and leaks in the runbook and HTML paths fail here too.
bin=${HYBRIDOC:-./hybridoc}
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
command -v pandoc >/dev/null 2>&1 || { echo "pandoc missing (apt-get install pandoc)"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 missing"; exit 77; }

# Counts per table: rows whose unescaped '|' count differs from the
# header's, and the number of tables; then pandoc's table count.
cat >"$tmp/tables.py" <<'PY'
import json, re, subprocess, sys
md = open(sys.argv[1], encoding="utf-8").read()
def cells(line):
    line = re.sub(r"\\\\.", "", line)   # drop backslash escapes
    line = re.sub(r"`[^`]*`", "", line)  # code spans
    return line.count("|")
lines = md.split("\n")
tables = 0
broken = 0
in_code = False
i = 0
while i < len(lines):
    l = lines[i]
    if l.lstrip().startswith("```"):
        in_code = not in_code
    if not in_code and i + 1 < len(lines) and l.startswith("|") and re.match(r"^\|(\s*-+\s*\|)+\s*$", lines[i + 1]):
        tables += 1
        want = cells(l)
        j = i + 2
        while j < len(lines) and lines[j].startswith("|"):
            if cells(lines[j]) != want:
                broken += 1
                print("broken row:", lines[j][:120])
            j += 1
        i = j
        continue
    i += 1
doc = json.loads(subprocess.run(["pandoc", "-f", "gfm", "-t", "json", sys.argv[1]],
    capture_output=True, check=True).stdout)
count = 0
widths_ok = True
def walk(x):
    global count, widths_ok
    if isinstance(x, dict):
        if x.get("t") == "Table":
            count += 1
        for v in x.values():
            walk(v)
    elif isinstance(x, list):
        for v in x:
            walk(v)
walk(doc)
print(tables, count, broken)
sys.exit(0 if tables == count and broken == 0 else 1)
PY

for y in designs/*.yaml tests/golden/runbook/*.yaml; do
	[ -f "$y" ] || continue
	n=$(basename "$y" .yaml)
	# shellcheck disable=SC2086
	$VALGRIND $bin runbook "$y" -o "$tmp/$n.md" 2>"$tmp/$n.err" || { bad "$n: runbook failed"; cat "$tmp/$n.err"; continue; }
	$bin runbook "$y" -o "$tmp/$n.2.md" 2>/dev/null
	cmp -s "$tmp/$n.md" "$tmp/$n.2.md" && ok "$n: md deterministic" || bad "$n: md differs between runs"
	if [ -n "$REGEN" ]; then
		cp "$tmp/$n.md" "tests/golden/runbook/$n.md"
		ok "$n: regenerated"
	elif cmp -s "$tmp/$n.md" "tests/golden/runbook/$n.md"; then
		ok "$n: golden"
	else
		bad "$n: differs from tests/golden/runbook/$n.md"
		diff -u "tests/golden/runbook/$n.md" "$tmp/$n.md" | head -n 30
	fi
	if python3 "$tmp/tables.py" "$tmp/$n.md" >"$tmp/$n.tab"; then
		ok "$n: tables ($(cat "$tmp/$n.tab"))"
	else
		bad "$n: tables"; cat "$tmp/$n.tab"
	fi
	# shellcheck disable=SC2086
	$VALGRIND $bin runbook "$y" -o "$tmp/$n.html" 2>"$tmp/$n.err" || { bad "$n: html failed"; cat "$tmp/$n.err"; continue; }
	$bin runbook "$y" -o "$tmp/$n.2.html" 2>/dev/null
	cmp -s "$tmp/$n.html" "$tmp/$n.2.html" && ok "$n: html deterministic" || bad "$n: html differs between runs"
	# One inline script, and it is templates/site.js as it is (the code
	# the wiki runs, not a second copy of it).  Around it, links to the
	# rules' help pages are fine; anything the page would load (src=,
	# <link>, url(), xlink:href) or run (on...=, javascript:) is not.
	awk '/^<script>$/ { s = 1; next } /^<\/script>$/ { s = 0; next } s' \
	    "$tmp/$n.html" >"$tmp/$n.js"
	awk '/^<script>$/ { s = 1 } !s { print } /^<\/script>$/ { s = 0 }' \
	    "$tmp/$n.html" >"$tmp/$n.rest"
	if [ "$(grep -c '^<script>$' "$tmp/$n.html")" -eq 1 ] &&
	    cmp -s "$tmp/$n.js" templates/site.js; then
		ok "$n: html's one script is site.js inline"
	else
		bad "$n: html's script is not site.js inline, or not alone"
	fi
	if grep -qi '<script\|javascript:\| on[a-z]*=\|<img\|<link\|src=\|url(\|xlink:href=' "$tmp/$n.rest"; then
		bad "$n: html has another script, an image file or an external reference"
		grep -oi '<script[^>]*>\|javascript:[^"]*\| on[a-z]*=[^ ]*\|<img[^>]*>\|<link[^>]*>\|src=[^ ]*\|url([^)]*)\|xlink:href=[^ ]*' "$tmp/$n.rest" | head -5
	else
		ok "$n: html self-contained, inert but for its script"
	fi
	# the commands are in the page without the script: copy by hand
	if grep -q '<pre' "$tmp/$n.rest"; then
		ok "$n: commands without script"
	else
		bad "$n: no command block outside the script"
	fi
	[ "$(grep -c '<svg' "$tmp/$n.html")" -ge 1 ] && ok "$n: diagrams inline" || bad "$n: no inline svg"
done
# --templates: a file of the same name replaces the built-in one (here a
# partial), the others stay built in; a broken template is an error
# naming its file, line and column, exit 2, and no output written.
mkdir -p "$tmp/tpl"
printf '## Summary\n\nCUSTOM SUMMARY for {{name}}\n' \
    >"$tmp/tpl/runbook-summary.md.mustache"
if $bin runbook designs/contoso-eastus.yaml --templates "$tmp/tpl" \
    -o "$tmp/custom.md" && grep -q '^CUSTOM SUMMARY for contoso-eastus$' \
    "$tmp/custom.md" && grep -q '^## Failover test procedures' \
    "$tmp/custom.md"; then
	ok "--templates overrides one template by name"
else
	bad "--templates override"
fi
printf 'line one\n  {{#sites}}\n' >"$tmp/tpl/runbook-summary.md.mustache"
$bin runbook designs/contoso-eastus.yaml --templates "$tmp/tpl" \
    -o "$tmp/broken.md" 2>"$tmp/broken.err"
rc=$?
if [ "$rc" = 2 ] && [ ! -e "$tmp/broken.md" ] &&
    grep -q "tpl/runbook-summary.md.mustache:2:3: error: unclosed section" \
    "$tmp/broken.err"; then
	ok "template error: file:line:col, exit 2, nothing written"
else
	bad "template error (exit $rc)"; cat "$tmp/broken.err"
fi
# The comparison table follows Route Server's routing preference
# (docs/model.md): with VpnGateway the VPN is the primary path.
if $bin runbook tests/sim/rs-pref-vpn.yaml -o "$tmp/rs.md" 2>/dev/null &&
    grep -q '^| \*\*Role\*\* | Backup path: Route Server.s routing preference (VpnGateway)' "$tmp/rs.md" &&
    grep -q 'Primary path for 1 site with ExpressRoute' "$tmp/rs.md"; then
	ok "comparison follows the routing preference"
else
	bad "comparison follows the routing preference"
	grep '^| \*\*Role' "$tmp/rs.md"
fi
# Every figure of the components' gateway table cites its docs/model.md
# key (issue 17); a DPD timeout the design does not set is Azure's
# default, cited, not the design's.
for n in contoso-eastus fabrikam-max-resiliency northwind-branches; do
	f=tests/golden/runbook/$n.md
	if grep -q '^| Throughput | [0-9.]* Gbps (ERGW) | [0-9.]* Gbps aggregate, a benchmark (VPN-SKU) |$' "$f" &&
	    grep -q '^| Limits | [0-9]* routes learned, [0-9]* circuits (ERGW) | [0-9]* of [0-9]* tunnels used (VPN-SKU) |$' "$f"; then
		ok "$n: gateway figures cite their keys"
	else
		bad "$n: gateway figures without their keys"
		grep '^| Throughput\|^| Limits' "$f"
	fi
	for k in ERGW VPN-SKU; do
		grep -q "^| $k | " docs/model.md || bad "$n: key $k not in docs/model.md"
	done
done
if grep -q '| branch-fw | .* | IKEv2, DPD 45 s (not set: Azure.s default, VPNDPD) |' tests/golden/runbook/contoso-eastus.md &&
    grep -q '| hq-asr | .* | IKEv2, DPD 45 s | ' tests/golden/runbook/contoso-eastus.md &&
    grep -q '^| VPNDPD | ' docs/model.md; then
	ok "DPD: the design's figure, or Azure's default cited"
else
	bad "DPD: the design's figure, or Azure's default cited"
fi
# The runbook is written as it is made (runbook_write, fsout_open):
# through a temporary file for a path, gathered whole for standard
# output; both give the same bytes.  A write that fails midway (here a
# file size limit) says so, exits 2 and leaves no file, not even the
# temporary one.
y=designs/northwind-branches.yaml
for f in md html json; do
	$bin runbook "$y" -o "$tmp/stream.$f" 2>/dev/null
	$bin runbook "$y" -f "$f" -o - >"$tmp/whole.$f" 2>/dev/null
	if [ -s "$tmp/stream.$f" ] && cmp -s "$tmp/stream.$f" "$tmp/whole.$f"; then
		ok "$f: streamed to a file, the bytes of standard output"
	else
		bad "$f: streamed to a file differs from standard output"
	fi
	mkdir -p "$tmp/full"
	(trap '' XFSZ; ulimit -f 64; $bin runbook "$y" -o "$tmp/full/x.$f") \
	    2>"$tmp/full.err"
	rc=$?
	if [ "$rc" = 2 ] && [ -z "$(ls -A "$tmp/full")" ] &&
	    grep -q "full/x.$f: error: cannot write" "$tmp/full.err"; then
		ok "$f: a failed write midway: exit 2, nothing left"
	else
		bad "$f: a failed write midway (exit $rc)"
		cat "$tmp/full.err"; ls -A "$tmp/full"
	fi
done
# A VPN capacity that rests on fewer instances than the gateway has is
# the SKU's aggregate figure, labelled an estimate wherever it appears:
# quick card, matrix, Expected table, JSON (review 17-c M8); a route on
# both instances keeps the plain figure.
est="estimate: the SKU's aggregate figure, VPN-SKU; per-instance capacity is not documented"
$bin runbook designs/contoso-eastus.yaml -o "$tmp/est.md" 2>/dev/null
$bin runbook designs/contoso-eastus.yaml -o "$tmp/est.json" 2>/dev/null
if grep -qF "**VPN gateway instance IN\_0 (20.62.10.4) fails**: 10.101.0.0/16 (LocalSite2) stays on the VPN with less redundancy; capacity 1.25 Gbps ($est);" "$tmp/est.md" &&
    grep -qF "**Tunnel from LocalSite2 device branch-fw to instance IN\_1 (20.62.10.5) fails**: 10.101.0.0/16 (LocalSite2) stays on the VPN with less redundancy; capacity 1.25 Gbps ($est);" "$tmp/est.md" &&
    [ "$(grep -cF "| 10.101.0.0/16 | LocalSite2 | vpn | LocalSite2:branch-fw:1 | 1.25 Gbps ($est) |" "$tmp/est.md")" -ge 3 ] &&
    grep -qF '**Circuit er-eus-equinix-dc fails**: 10.100.0.0/16 (HQ) moves to the VPN; capacity 1.25 Gbps;' "$tmp/est.md" &&
    [ "$($bin simulate designs/contoso-eastus.yaml --format json | grep -o '"capacity_estimate": "[^"]*"' | grep -cF "$est")" -eq 4 ] &&
    $bin simulate designs/contoso-eastus.yaml | grep -qF "1250 Mbps (est.)" &&
    python3 - "$tmp/est.json" "$est" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def routes(p, sc):
    return [s["route"] for s in p["expect"] if "route" in s and sc in p["scenarios"]]
n = 0
for p in d["procedures"]:
    for r in routes(p, "vpn-instance-down:0"):
        assert r["capacity_estimate"] == sys.argv[2], r
        n += 1
    for r in routes(p, "circuit-down:er-eus-equinix-dc"):
        assert "capacity_estimate" not in r, r
sys.exit(0 if n >= 1 else 1)
PY
then
	ok "capacity on one instance labelled an estimate everywhere"
else
	bad "capacity on one instance labelled an estimate everywhere"
fi
# A scenario that a listed test's action causes is linked to that test,
# even when failover.tests does not list it (review 17-c L1).
$bin runbook designs/fabrikam-max-resiliency.yaml -o "$tmp/fab.md" 2>/dev/null
if grep -qF '**Peering location Amsterdam fails**: 3 prefixes move to ExpressRoute over er-weu-digitalrealty-ams2; capacity at least 2 Gbps; detected within 0.9 s (BFD 300 ms x 3, ERBFD). [Test 1](#test-site-failover-amsterdam)' "$tmp/fab.md" &&
    grep -qF '| `location-down:amsterdam` | Peering location Amsterdam fails | 3 | 0 | 0.9 s (BFD 300 ms x 3, ERBFD) | [Test 1](#test-site-failover-amsterdam) |' "$tmp/fab.md"; then
	ok "a test's action credits every scenario it causes"
else
	bad "a test's action credits every scenario it causes"
fi
# Lists of ids in the Markdown templates: no stray space before "." or
# ")" after the last one, and no trailing space on the line.
if grep -n '` [.)]\|` $' tests/golden/runbook/*.md tests/packet/*/packet.md >"$tmp/sp"; then
	bad "no stray spaces after a list of ids" "$(head -3 "$tmp/sp")"
else
	ok "no stray spaces after a list of ids"
fi
echo "runbook: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

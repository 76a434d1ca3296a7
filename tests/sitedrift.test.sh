#!/bin/sh
# `hybridoc site DIR --from arm|terraform FILE... -o OUT`: each design's
# drift status on the index and on its page.
#
# - the shipped designs with their exports from tests/import: an
#   unchanged export is "in sync", an export with one changed fact is
#   "drifted: 1 difference" with a link to the page's drift section,
#   which lists the finding with its line; a design without an export
#   says so; both export kinds;
# - the build is deterministic (same bytes with 1 and 2 jobs) and
#   incremental (the same exports reuse every design; a changed export
#   renders its design again; no exports any more drops the column);
# - text from the design and the export is escaped in the HTML;
# - an export named after no design, or unreadable, is exit 2 with
#   nothing written; --from without files or with a bad kind is usage.
#
# Runs $HYBRIDOC (default ./hybridoc).  Prints "ok NAME" or "FAIL NAME",
# then "sitedrift: N passed, N failed".
. tests/lib.sh
fx=tests/import

mkdir "$tmp/d" "$tmp/x"
cp designs/*.yaml "$tmp/d/"
# contoso: the VLAN changed in Azure; fabrikam: as designed; northwind:
# no export.
sed 's/"vlanId": 100,/"vlanId": 101,/' $fx/contoso-eastus.arm.json \
    >"$tmp/x/contoso-eastus.arm.json"
if cmp -s $fx/contoso-eastus.arm.json "$tmp/x/contoso-eastus.arm.json"; then
	bad "fixture" "the sed expression changed nothing"
fi
cp $fx/fabrikam-max-resiliency.arm.json "$tmp/x/"

"$bin" site "$tmp/d" -o "$tmp/s" --from arm "$tmp/x/contoso-eastus.arm.json" \
    "$tmp/x/fabrikam-max-resiliency.arm.json" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "1 design drifted from what is deployed" "$tmp/err"
then ok "build with exports"; else bad "build with exports" "exit $rc" "$(cat "$tmp/err")"; fi
idx=$tmp/s/index.html
grep -q '<th>Deployed</th>' "$idx" && ok "index has the column" || bad "index has the column"
grep -q '<a class="drift drift-drifted" href="contoso-eastus/index.html#drift">drifted: 1 difference</a>' "$idx" &&
    ok "index: contoso drifted, linked" || bad "index: contoso drifted, linked" "$(grep -n drift "$idx" | head -5)"
grep -q '<a class="drift drift-in-sync" href="fabrikam-max-resiliency/index.html#drift">in sync</a>' "$idx" &&
    ok "index: fabrikam in sync" || bad "index: fabrikam in sync"
grep -q '<span class="muted">no export given</span>' "$idx" &&
    ok "index: northwind has no export" || bad "index: northwind has no export"
grep -q '1 drifted</span>, <span class="drift-in-sync">1 in sync</span>, <span class="drift-none">1 with no export' "$idx" &&
    ok "index counts" || bad "index counts"
pg=$tmp/s/contoso-eastus/index.html
if grep -q '<h2 id="drift">.*drifted: 1 difference' "$pg" &&
    grep -q 'contoso-eastus.yaml:50:16: error: circuit er-eus-equinix-dc: VLAN 100 in the design, 101 deployed .*\[HD817\]' "$pg"
then ok "page lists the difference at its line"
else bad "page lists the difference at its line" "$(grep -n -A4 'id="drift"' "$pg" | head -8)"; fi
grep -q 'Nothing differs' "$tmp/s/fabrikam-max-resiliency/index.html" &&
    ok "page: in sync" || bad "page: in sync"
grep -q 'id="drift"' "$tmp/s/northwind-branches/index.html" &&
    bad "page: no export, no section" || ok "page: no export, no section"

# Deterministic, whatever the jobs.
"$bin" site "$tmp/d" -o "$tmp/s2" --jobs 2 --from arm "$tmp/x/contoso-eastus.arm.json" \
    "$tmp/x/fabrikam-max-resiliency.arm.json" >/dev/null 2>&1
if diff -r "$tmp/s" "$tmp/s2" >/dev/null; then ok "deterministic with 2 jobs"
else bad "deterministic with 2 jobs" "$(diff -r "$tmp/s" "$tmp/s2" | head -5)"; fi

# Incremental: same exports, nothing rendered; one changed, one design.
"$bin" site "$tmp/d" -o "$tmp/s" --from arm "$tmp/x/contoso-eastus.arm.json" \
    "$tmp/x/fabrikam-max-resiliency.arm.json" >/dev/null 2>"$tmp/err"
grep -q "(0 rendered, 3 unchanged" "$tmp/err" && ok "same exports reuse" ||
    bad "same exports reuse" "$(cat "$tmp/err")"
cp $fx/contoso-eastus.arm.json "$tmp/x/contoso-eastus.arm.json"
"$bin" site "$tmp/d" -o "$tmp/s" --from arm "$tmp/x/contoso-eastus.arm.json" \
    "$tmp/x/fabrikam-max-resiliency.arm.json" >/dev/null 2>"$tmp/err"
if grep -q "(1 rendered, 2 unchanged" "$tmp/err" &&
    grep -q 'contoso-eastus/index.html#drift">in sync</a>' "$idx"
then ok "a changed export renders its design again"
else bad "a changed export renders its design again" "$(cat "$tmp/err")"; fi
"$bin" site "$tmp/d" -o "$tmp/s" >/dev/null 2>"$tmp/err"
if grep -q "(2 rendered, 1 unchanged" "$tmp/err" && ! grep -q 'Deployed' "$idx" &&
    ! grep -q 'id="drift"' "$tmp/s/contoso-eastus/index.html"
then ok "no exports: no drift shown"
else bad "no exports: no drift shown" "$(cat "$tmp/err")"; fi

# Terraform exports too.
rm -rf "$tmp/x" && mkdir "$tmp/x"
cp $fx/northwind-branches.tf.json "$tmp/x/northwind-branches.tf.json"
"$bin" site "$tmp/d" -o "$tmp/t" --from terraform "$tmp/x/northwind-branches.tf.json" \
    >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && grep -q 'northwind-branches/index.html#drift">in sync</a>' "$tmp/t/index.html"
then ok "terraform export"; else bad "terraform export" "exit $rc" "$(cat "$tmp/err")"; fi

# Escaped: a provider with markup in the design, another in Azure.
mkdir "$tmp/e" "$tmp/ex"
sed 's/^    provider: Equinix$/    provider: "<b>Equi\&nix<\/b>"/' designs/contoso-eastus.yaml \
    >"$tmp/e/contoso-eastus.yaml"
sed 's/"serviceProviderName": "Equinix"/"serviceProviderName": "<i>Eq<\/i>"/' \
    $fx/contoso-eastus.arm.json >"$tmp/ex/contoso-eastus.json"
"$bin" site "$tmp/e" -o "$tmp/es" --from arm "$tmp/ex/contoso-eastus.json" \
    >/dev/null 2>"$tmp/err"
pg=$tmp/es/contoso-eastus/index.html
if grep -q 'provider &lt;b&gt;Equi&amp;nix&lt;/b&gt; in the design, &lt;i&gt;Eq&lt;/i&gt; deployed' "$pg" &&
    ! grep -q '<i>Eq</i>' "$pg"
then ok "escaped"; else bad "escaped" "$(grep -n 'provider' "$pg" | head -3)"; fi

# Refused: an export named after no design, an unreadable one.
cp $fx/contoso-eastus.arm.json "$tmp/ex/other.json"
"$bin" site "$tmp/e" -o "$tmp/r1" --from arm "$tmp/ex/other.json" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ ! -e "$tmp/r1" ] && grep -q "other.json: error: this export belongs to no design" "$tmp/err"
then ok "export of no design refused"; else bad "export of no design refused" "exit $rc" "$(cat "$tmp/err")"; fi
printf '{"value": [' >"$tmp/ex/contoso-eastus.json"
"$bin" site "$tmp/e" -o "$tmp/r2" --from arm "$tmp/ex/contoso-eastus.json" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ ! -e "$tmp/r2" ] && grep -q "contoso-eastus.json:1:[0-9]*: error" "$tmp/err"
then ok "bad export refused"; else bad "bad export refused" "exit $rc" "$(cat "$tmp/err")"; fi
"$bin" site "$tmp/e" -o "$tmp/r3" --from arm >/dev/null 2>&1
[ $? -eq 2 ] && ok "--from without files is usage" || bad "--from without files is usage"
"$bin" site "$tmp/e" -o "$tmp/r3" --from bicep "$tmp/ex/other.json" >/dev/null 2>&1
[ $? -eq 2 ] && ok "--from bicep is usage" || bad "--from bicep is usage"
"$bin" site "$tmp/e" "$tmp/ex/other.json" -o "$tmp/r3" >/dev/null 2>&1
[ $? -eq 2 ] && [ ! -e "$tmp/r3" ] && ok "files without --from is usage" || bad "files without --from is usage"

echo "sitedrift: $pass passed, $fails failed"
[ $fails -eq 0 ]

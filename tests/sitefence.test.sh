#!/bin/sh
# `hybridoc site DIR -o OUT --fence azure-devops`: every design's
# runbook.md holds its diagrams in an Azure DevOps wiki's ::: mermaid
# blocks (with graph, not flowchart), as `runbook --fence azure-devops`
# writes them; the HTML pages are the same as without it; switching
# the fence renders every design again (a manifest of the other fence
# is stale), and --check sees the difference; a bad value is usage.
#
# Runs $HYBRIDOC (default ./hybridoc).  Prints "ok NAME" or "FAIL NAME",
# then "sitefence: N passed, N failed".
. tests/lib.sh

mkdir "$tmp/d"
cp designs/contoso-eastus.yaml designs/northwind-branches.yaml "$tmp/d/"
"$bin" site "$tmp/d" -o "$tmp/md" >/dev/null 2>&1
"$bin" site "$tmp/d" -o "$tmp/ado" --fence azure-devops >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && ok "build with --fence azure-devops" ||
    bad "build with --fence azure-devops" "exit $rc" "$(cat "$tmp/err")"
for n in contoso-eastus northwind-branches; do
	md=$tmp/ado/$n/runbook.md
	if grep -q '^::: mermaid$' "$md" && ! grep -q '^```mermaid' "$md" &&
	    [ "$(grep -c '^::: mermaid$' "$md")" -eq \
	    "$(grep -c '^```mermaid$' "$tmp/md/$n/runbook.md")" ]; then
		ok "$n: runbook.md in ::: mermaid blocks"
	else
		bad "$n: runbook.md in ::: mermaid blocks"
	fi
	# the same text as runbook --fence azure-devops writes
	(cd "$tmp/d" && "$bin" runbook $n.yaml --fence azure-devops \
	    -o "$tmp/$n.md" 2>/dev/null)
	cmp -s "$md" "$tmp/$n.md" && ok "$n: as runbook --fence azure-devops" ||
	    bad "$n: differs from runbook --fence azure-devops"
	grep -q '^graph ' "$tmp/ado/$n/topology.mmd" &&
	    ! grep -q '^flowchart ' "$tmp/ado/$n/topology.mmd" &&
	    ok "$n: the .mmd says graph" || bad "$n: the .mmd says flowchart"
	cmp -s "$tmp/ado/$n/index.html" "$tmp/md/$n/index.html" &&
	    ok "$n: the page is the same" || bad "$n: the page differs"
done
# switching the fence: every design again, and --check sees it
"$bin" site "$tmp/d" -o "$tmp/ado" >/dev/null 2>"$tmp/err"
grep -q '(2 rendered, 0 unchanged' "$tmp/err" && ok "switching renders again" ||
    bad "switching renders again" "$(cat "$tmp/err")"
grep -q '^```mermaid$' "$tmp/ado/contoso-eastus/runbook.md" &&
    ok "back to code fences" || bad "back to code fences"
"$bin" site "$tmp/d" -o "$tmp/ado" >/dev/null 2>"$tmp/err"
grep -q '(0 rendered, 2 unchanged' "$tmp/err" && ok "same fence reuses" ||
    bad "same fence reuses" "$(cat "$tmp/err")"
"$bin" site "$tmp/d" -o "$tmp/ado" --check --fence azure-devops \
    >"$tmp/diff" 2>/dev/null
[ $? -eq 1 ] && grep -q '^+::: mermaid$' "$tmp/diff" &&
    ok "--check sees the other fence" || bad "--check sees the other fence"
"$bin" site "$tmp/d" -o "$tmp/x" --fence github >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "fence takes markdown or azure-devops, not 'github'" \
    "$tmp/err" && [ ! -e "$tmp/x" ] && ok "a bad --fence is usage" ||
    bad "a bad --fence is usage" "exit $rc" "$(cat "$tmp/err")"
# A design with input errors is named on the terminal as the path the
# user gave (DIR/FILE), so an editor opens it; the page keeps FILE.
mkdir -p "$tmp/dd"
sed 's/^  resource_group: rg-hub-eus$/  resource_group: [bad/' designs/contoso-eastus.yaml >"$tmp/dd/broken.yaml"
"$bin" site "$tmp/dd" -o "$tmp/ddout" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "^$tmp/dd/broken.yaml:[0-9]*:[0-9]*: error: YAML" "$tmp/err" &&
    ok "site names a broken design DIR/FILE" ||
    bad "site names a broken design DIR/FILE" "exit $rc" "$(cat "$tmp/err")"
echo "sitefence: $pass passed, $fails failed"
[ "$fails" -eq 0 ]

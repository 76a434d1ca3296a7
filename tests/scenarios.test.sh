#!/bin/sh
# Scenario ids on the command line (docs/scenarios.md): a pair is
# accepted in either order and gives the same output; an unknown id
# gets a did-you-mean; a pair at depth 1 gets the hint to add
# --depth 2; both exit 2.  A failover test may name a pair either way.
bin=${HYBRIDOC:-./hybridoc}
d=designs/contoso-eastus.yaml
pass=0
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

a=circuit-down:er-eus-equinix-dc+er-gateway-down
b=er-gateway-down+circuit-down:er-eus-equinix-dc
"$bin" simulate --depth 2 "$d" -s "$a" >"$tmp/a.txt" 2>&1 || fail "simulate -s $a"
"$bin" simulate --depth 2 "$d" -s "$b" >"$tmp/b.txt" 2>&1 || fail "simulate -s $b"
cmp -s "$tmp/a.txt" "$tmp/b.txt" && grep -q "^\* $a " "$tmp/a.txt" && ok ||
    fail "the pair in either order does not give the same output"
"$bin" simulate "$d" -s circuit-down:er-eus-equinx-dc >/dev/null 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && grep -q "no scenario 'circuit-down:er-eus-equinx-dc' in $d; did you mean 'circuit-down:er-eus-equinix-dc'?" "$tmp/err" &&
    ok || { fail "typo (exit $st):"; cat "$tmp/err"; }
# A cut-off id, and a word near none: the id it begins, or the ids.
"$bin" simulate "$d" -s circuit-down:er-eus >/dev/null 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && grep -q "no scenario 'circuit-down:er-eus' in $d; did you mean 'circuit-down:er-eus-equinix-dc'?" "$tmp/err" &&
    ok || { fail "cut-off id (exit $st):"; cat "$tmp/err"; }
"$bin" simulate "$d" -s bogus >/dev/null 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && grep -q "no scenario 'bogus' in $d; the scenarios are circuit-down:er-eus-equinix-dc, link-down:" "$tmp/err" &&
    ok || { fail "no near id (exit $st):"; cat "$tmp/err"; }
"$bin" simulate "$d" -s "$b" >/dev/null 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && grep -q "at depth 2 only: add --depth 2" "$tmp/err" &&
    ok || { fail "pair at depth 1 (exit $st):"; cat "$tmp/err"; }
"$bin" diagram "$d" -s "$b" -o "$tmp/x.svg" 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && grep -q "add --depth 2" "$tmp/err" && [ ! -e "$tmp/x.svg" ] &&
    ok || { fail "diagram, pair at depth 1 (exit $st):"; cat "$tmp/err"; }

# failover.tests with a pair written the other way round.
sed 's/^failover:$/failover:/' "$d" >"$tmp/f.yaml"
if grep -q '^failover:' "$tmp/f.yaml"; then
	awk -v t="$b" '/^failover:/ { print; print "  depth: 2"; print "  tests: [\"" t "\"]"; skip = 1; next }
	    skip && /^  / { next } { skip = 0; print }' "$tmp/f.yaml" >"$tmp/g.yaml"
else
	{ cat "$tmp/f.yaml"; printf 'failover:\n  depth: 2\n  tests: ["%s"]\n' "$b"; } >"$tmp/g.yaml"
fi
"$bin" validate "$tmp/g.yaml" >/dev/null 2>"$tmp/err"
st=$?
[ $st -le 1 ] && ok || { fail "failover.tests with $b (exit $st):"; cat "$tmp/err"; }
# diagram takes the depth from the design.
"$bin" diagram --scenario "$b" "$tmp/g.yaml" -o "$tmp/b.svg" 2>"$tmp/err" &&
    "$bin" diagram --scenario "$a" "$tmp/g.yaml" -o "$tmp/a.svg" 2>>"$tmp/err" &&
    cmp -s "$tmp/a.svg" "$tmp/b.svg" && ok ||
    { fail "diagram of the pair in either order differs:"; cat "$tmp/err"; }


echo "scenarios: $pass passed, $fails failed"
[ $fails -eq 0 ]

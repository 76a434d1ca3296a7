#!/bin/sh
# Input errors reach the reports, and the SARIF passes the checks of
# the services that ingest it:
#  - a broken and a good design validated together: exit 2; the SARIF
#    has a result for each input error of the broken one (its rule id
#    HD0xx, at its file, line and column) beside the good one's
#    findings, and invocations[0].executionSuccessful is false; the
#    JSON lists the same errors, and its counts add up (designs read =
#    checked + not checked); the text summary says how many designs
#    were read and how many could not be checked;
#  - partialFingerprints stay the same when unrelated lines move (a
#    comment added at the top of the design);
#  - Microsoft's SARIF Multitool (`validate`, @microsoft/sarif-multitool
#    from tests/node_modules, installed by tests/testdeps.sh) with
#    GitHub's ingestion rules (--rule-kind Gh) and the SARIF rules
#    reports no error or warning on the shipped designs' SARIF and on
#    the broken + good one; a copy without the rules' fullDescription
#    and help is seen to fail (GH2012);
#  - Azure DevOps Advanced Security's rules (--rule-kind GHAzDO): see
#    below, with and without an Azure Pipelines job's variables;
#  - drift's SARIF passes GitHub's and the SARIF rules too, and its
#    run's automationDetails.id is hybridoc/drift/, not validate's.
# Exit status 0 pass, 1 fail, 77 skipped (python3 or the multitool
# missing: run tests/testdeps.sh as root).
bin=${HYBRIDOC:-./hybridoc}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
pass=0
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mt=tests/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

command -v python3 >/dev/null 2>&1 || { echo "sarifmt: no python3; skipped"; exit 77; }
ok() { pass=$((pass + 1)); }
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

bad=tests/bad/all-errors-one-run.yaml
good=designs/contoso-eastus.yaml
for f in sarif json; do
	NO_COLOR=1 "$bin" validate "$bad" "$good" -f $f -o "$tmp/both.$f" \
	    2>"$tmp/err.$f"
	st=$?
	[ $st -eq 2 ] && ok || fail "validate -f $f of a broken and a good design exits $st, not 2"
done
NO_COLOR=1 "$bin" validate "$bad" "$good" >/dev/null 2>"$tmp/err.txt"
# The good design's own counts, as its single run states them.
counts=$(NO_COLOR=1 "$bin" validate "$good" 2>&1 >/dev/null | tail -n 1 |
    sed -n 's/^hybridoc: 1 design checked: \(.*\)$/\1/p')
if [ -n "$counts" ] && grep -qxF "hybridoc: 2 designs read: 1 checked ($counts), 1 could not be checked (5 input errors)" "$tmp/err.txt"; then
	ok
else
	fail "text summary:"; tail -n 1 "$tmp/err.txt"
fi
# The errors as printed on standard error: file:line:col and id.
grep -o '^[^:]*:[0-9]*:[0-9]*: error: .*\[HD0[0-9][0-9]\]$' "$tmp/err.txt" |
    sed 's/^\([^:]*\):\([0-9]*\):\([0-9]*\): error: .*\[\(HD0[0-9]*\)\]$/\1 \2 \3 \4/' \
    >"$tmp/printed"
[ "$(wc -l <"$tmp/printed")" -eq 5 ] && ok ||
    fail "expected 5 input errors with ids on stderr, got $(wc -l <"$tmp/printed")"

python3 - "$tmp" "$bad" "$good" <<'PY' >"$tmp/py.out" 2>&1
import json, sys
tmp, bad, good = sys.argv[1:4]
printed = [l.split() for l in open(tmp + "/printed")]
problems = []
s = json.load(open(tmp + "/both.sarif"))
run = s["runs"][0]
if run["invocations"][0]["executionSuccessful"] is not False:
    problems.append("executionSuccessful is not false")
rules = run["tool"]["driver"]["rules"]
got = []
for r in run["results"]:
    loc = r["locations"][0]["physicalLocation"]
    uri = loc["artifactLocation"]["uri"]
    if rules[r["ruleIndex"]]["id"] != r["ruleId"]:
        problems.append("ruleIndex of %s" % r["ruleId"])
    if uri == bad:
        got.append([uri, str(loc["region"]["startLine"]),
                    str(loc["region"]["startColumn"]), r["ruleId"]])
if sorted(got) != sorted(printed):
    problems.append("SARIF input errors %s != printed %s" % (got, printed))
if not any(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
           == good for r in run["results"]):
    problems.append("no result for the good design")
for r in rules:
    for k in ("fullDescription", "help"):
        if k not in r:
            problems.append("rule %s has no %s" % (r["id"], k))
if not run.get("automationDetails", {}).get("id"):
    problems.append("no automationDetails.id")
if not run["tool"]["driver"].get("fullName"):
    problems.append("no driver.fullName")
j = json.load(open(tmp + "/both.json"))
sm = j["summary"]
je = [[e["file"], str(e["line"]), str(e["column"]), e["id"]]
      for e in j["input_errors"]]
if sorted(je) != sorted(printed):
    problems.append("JSON input errors %s != printed" % je)
if sm["designs"] != sm["checked"] + sm["not_checked"] or \
        sm["checked"] != len(j["designs"]) or sm["not_checked"] != 1 or \
        sm["input_errors"] != len(j["input_errors"]) or sm["designs"] != 2:
    problems.append("JSON counts do not add up: %s" % sm)
if sm["errors"] != sum(d["errors"] for d in j["designs"]) or \
        sm["warnings"] != sum(d["warnings"] for d in j["designs"]):
    problems.append("JSON finding counts do not add up: %s" % sm)
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
if [ $? -eq 0 ]; then ok; else fail "reports of a broken and a good design:"; cat "$tmp/py.out"; fi

# Fingerprints do not move with the lines.
"$bin" validate "$good" -f sarif -o "$tmp/a.sarif" 2>/dev/null
mkdir -p "$tmp/designs"
{ printf '# a comment that moves every line down\n\n'; cat "$good"; } \
    >"$tmp/designs/contoso-eastus.yaml"
(cd "$tmp" && "$bin" validate designs/contoso-eastus.yaml -f sarif \
    -o b.sarif 2>/dev/null)
python3 - "$tmp/a.sarif" "$tmp/b.sarif" <<'PY' >"$tmp/fp.out" 2>&1
import json, sys
def fps(p):
    rs = json.load(open(p))["runs"][0]["results"]
    return [(r["ruleId"], r["partialFingerprints"]["hybridocObject/v1"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in rs]
a, b = fps(sys.argv[1]), fps(sys.argv[2])
ok = len(a) == len(b) > 0 and [x[:2] for x in a] == [x[:2] for x in b] \
    and all(y[2] == x[2] + 2 for x, y in zip(a, b)) \
    and len(set(x[1] for x in a)) == len(a)
print(a, b)
sys.exit(0 if ok else 1)
PY
[ $? -eq 0 ] && ok || { fail "fingerprints moved with the lines:"; cat "$tmp/fp.out"; }

# The multitool.
if [ ! -x "$mt" ] || ! "$mt" --help >/dev/null 2>&1; then
	echo "sarifmt: $mt is missing or does not run (sh tests/testdeps.sh as root); multitool checks skipped"
	echo "sarifmt: $pass passed, $fails failed"
	[ $fails -eq 0 ] || exit 1
	exit 77
fi
"$bin" validate designs/*.yaml -f sarif -o "$tmp/designs.sarif" 2>/dev/null
python3 - "$tmp/designs.sarif" "$tmp/stripped.sarif" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
for r in s["runs"][0]["tool"]["driver"]["rules"]:
    r.pop("fullDescription", None)
    r.pop("help", None)
json.dump(s, open(sys.argv[2], "w"), indent=1)
PY
multitool() {	# file, rule kind: prints the count of errors and warnings
	rm -f "$tmp/mt.sarif"
	"$mt" validate "$1" --rule-kind "$2" --level "Error;Warning" \
	    -o "$tmp/mt.sarif" >"$tmp/mt.log" 2>&1
	grep -c ': error \|: warning ' "$tmp/mt.log"
}
# drift's SARIF (a changed VLAN: one HD817 result) names its run after
# drift, and passes the same rules.
sed 's/"vlanId": 100/"vlanId": 101/' tests/import/contoso-eastus.arm.json \
    >"$tmp/vlan.arm.json"
"$bin" drift --from arm -f sarif "$good" "$tmp/vlan.arm.json" \
    -o "$tmp/drift.sarif" 2>/dev/null
if grep -q '"automationDetails": {"id": "hybridoc/drift/"}' "$tmp/drift.sarif" &&
    grep -q '"ruleId": "HD817"' "$tmp/drift.sarif"; then
	ok
else
	fail "drift's SARIF: automationDetails.id hybridoc/drift/ and HD817"
	grep -n automationDetails "$tmp/drift.sarif"
fi
for f in designs.sarif both.sarif drift.sarif; do
	for k in Gh Sarif; do
		n=$(multitool "$tmp/$f" $k)
		if [ "$n" -eq 0 ] && grep -q 'Analysis completed successfully' "$tmp/mt.log"; then
			ok
		else
			fail "multitool --rule-kind $k on $f: $n errors or warnings"
			grep ': error \|: warning ' "$tmp/mt.log" | head -n 10
		fi
	done
done
# Azure DevOps Advanced Security (--rule-kind GHAzDO).  Outside a
# pipeline the run cannot name one: exactly the five pipeline-only
# errors remain (GHAzDO1019 for the four azuredevops/pipeline/build/*
# properties, GHAzDO1020 for the id's prefix), nothing else.  With the
# variables of an Azure Pipelines job set, none remains, GitHub's and
# the SARIF rules still pass, and the same variables give the same
# bytes.  A job's variables half set: exit 2, the missing ones named,
# nothing written.
ado_env="TF_BUILD=True SYSTEM_COLLECTIONURI=https://dev.azure.com/contoso/
SYSTEM_TEAMPROJECTID=aaaaaaaa-1111-2222-3333-444444444444
BUILD_DEFINITIONID=42 SYSTEM_DEFINITIONID=42 BUILD_DEFINITIONNAME=hybridoc
BUILD_BUILDID=98765 SYSTEM_PHASEID=3a3a2a60-14c7-570b-14a4-fa42ad92f52a
SYSTEM_PHASENAME=Job SYSTEM_JOBID=12f1170f-54f2-53f3-20dd-22fc7dff55f9
SYSTEM_JOBNAME=__default BUILD_SOURCEBRANCH=refs/heads/main"
n=$(multitool "$tmp/designs.sarif" GHAzDO)
e19=$(grep -c 'error GHAzDO1019' "$tmp/mt.log")
e20=$(grep -c 'error GHAzDO1020' "$tmp/mt.log")
if [ "$n" -eq 5 ] && [ "$e19" -eq 4 ] && [ "$e20" -eq 1 ]; then
	ok
else
	fail "multitool GHAzDO outside a pipeline: $n errors or warnings" \
	    "($e19 GHAzDO1019, $e20 GHAzDO1020), expected exactly 4 + 1"
	grep ': error \|: warning ' "$tmp/mt.log" | head -n 10
fi
# shellcheck disable=SC2086
env $ado_env "$bin" validate designs/*.yaml -f sarif -o "$tmp/ado.sarif" \
    2>/dev/null
# shellcheck disable=SC2086
env $ado_env "$bin" validate designs/*.yaml -f sarif -o "$tmp/ado2.sarif" \
    2>/dev/null
cmp -s "$tmp/ado.sarif" "$tmp/ado2.sarif" && ok ||
    fail "validate in a pipeline is not deterministic"
grep -q '"id": "azuredevops/pipeline/build/contoso/aaaaaaaa-1111-2222-3333-444444444444/42/3a3a2a60-14c7-570b-14a4-fa42ad92f52a/refs/heads/main/98765"' \
    "$tmp/ado.sarif" && ok || fail "automationDetails.id in a pipeline"
for k in GHAzDO Gh Sarif; do
	n=$(multitool "$tmp/ado.sarif" $k)
	if [ "$n" -eq 0 ] && grep -q 'Analysis completed successfully' "$tmp/mt.log"; then
		ok
	else
		fail "multitool --rule-kind $k in a pipeline: $n errors or warnings"
		grep ': error \|: warning ' "$tmp/mt.log" | head -n 10
	fi
done
env -u SYSTEM_COLLECTIONURI -u SYSTEM_TEAMPROJECTID -u BUILD_DEFINITIONID \
    -u SYSTEM_DEFINITIONID -u BUILD_DEFINITIONNAME -u SYSTEM_PHASEID \
    -u SYSTEM_JOBID -u SYSTEM_PHASENAME -u SYSTEM_JOBNAME \
    -u BUILD_SOURCEBRANCH \
    TF_BUILD=True BUILD_BUILDID=98765 "$bin" validate "$good" -f sarif \
    -o "$tmp/half.sarif" 2>"$tmp/half.err"
st=$?
if [ $st -eq 2 ] && [ ! -e "$tmp/half.sarif" ] &&
    grep -q 'SYSTEM_TEAMPROJECTID is not set' "$tmp/half.err"; then
	ok
else
	fail "half-set pipeline variables: exit $st, not 2 with nothing written:"
	cat "$tmp/half.err"
fi
n=$(multitool "$tmp/stripped.sarif" Gh)
if [ "$n" -gt 0 ] && grep -q GH2012 "$tmp/mt.log"; then
	ok
else
	fail "multitool does not see rules without fullDescription/help ($n)"
fi

echo "sarifmt: $pass passed, $fails failed"
[ $fails -eq 0 ]

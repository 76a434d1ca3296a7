#!/bin/sh
# The CI recipes of tests/ci/ against their services' published JSON
# Schemas, vendored in tests/ci/schemas/ (where each comes from is in
# tests/ci/schemas/README.md), with ajv (tests/ci/validate.js):
#  - github-actions.yml against SchemaStore's github-workflow.json;
#  - azure-pipelines.yml against Azure Pipelines' service-schema.json;
#  - a copy of each with one known mistake is rejected (so the check is
#    seen to fail): an unknown key in a GitHub step, and Azure's
#    `fetchDepth: 0` (the schema wants a string).
# Exit status 0 pass, 1 fail, 77 skipped (node or ajv missing: run
# tests/testdeps.sh as root).
pass=0
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
js=tests/ci/validate.js

if ! command -v node >/dev/null 2>&1 ||
    [ ! -f tests/node_modules/ajv/package.json ] ||
    [ ! -f tests/node_modules/js-yaml/package.json ]; then
	echo "cischema: node or ajv is missing (sh tests/testdeps.sh as root);" \
	    "skipped"
	exit 77
fi

check() {	# schema, file, expected verdict (valid or invalid)
	node "$js" "tests/ci/schemas/$1" "$2" >"$tmp/out" 2>&1
	st=$?
	if [ "$3" = valid ] && [ $st -eq 0 ]; then
		pass=$((pass + 1))
	elif [ "$3" = invalid ] && [ $st -eq 1 ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $2 against $1: exit $st, expected $3"
		cat "$tmp/out"
		fails=$((fails + 1))
	fi
}

check github-workflow.json tests/ci/github-actions.yml valid
check azure-pipelines.json tests/ci/azure-pipelines.yml valid

sed 's/^        with:$/        witth:/' tests/ci/github-actions.yml >"$tmp/gh.yml"
if cmp -s tests/ci/github-actions.yml "$tmp/gh.yml"; then
	echo "FAIL the broken copy of github-actions.yml is not broken"
	fails=$((fails + 1))
fi
check github-workflow.json "$tmp/gh.yml" invalid
sed 's/fetchDepth: "0"/fetchDepth: 0/' tests/ci/azure-pipelines.yml >"$tmp/az.yml"
if cmp -s tests/ci/azure-pipelines.yml "$tmp/az.yml"; then
	echo "FAIL the broken copy of azure-pipelines.yml is not broken"
	fails=$((fails + 1))
fi
check azure-pipelines.json "$tmp/az.yml" invalid

echo "cischema: $pass passed, $fails failed"
[ $fails -eq 0 ]

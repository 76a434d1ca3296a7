#!/bin/sh
# The test tools: pandoc (a second GFM reader), tidy (HTML), mandoc (man
# page lint), python3 (table and JSON checks, benchmark generator),
# xmllint (SVG is XML), chromium (the browser test), npm (JSON Schema and
# SARIF validators), java (the Nu HTML checker).  Installed with apt-get
# when run as root; otherwise the command is printed and the tests that
# need a missing tool skip.
#
# Then the npm packages, once, into tests/node_modules (git-ignored), at
# the pinned versions below: ajv and ajv-cli (the design schema, the CI
# recipes' schemas, SARIF), vnu-jar (the Nu HTML checker) and axe-core
# (accessibility, injected into pages by tests/browser/run.sh) and
# @microsoft/sarif-multitool (SARIF against GitHub's ingestion rules,
# tests/sarifmt.test.sh; a self-contained .NET program).  One
# install of the whole set: `npm install --no-save` prunes what it was
# not asked for, and the tests run in parallel, so they only use what is
# here (tests/schema/setup.sh repeats the same list as a fallback).
NPM_PKGS="ajv-cli@5.0.0 ajv@8.17.1 ajv-draft-04@1.0.0 ajv-formats@3.0.1
vnu-jar@26.9.27 axe-core@4.14.1 @microsoft/sarif-multitool@5.7.0"
need=
for pair in pandoc:pandoc tidy:tidy mandoc:mandoc python3:python3 \
    xmllint:libxml2-utils chromium:chromium npm:npm java:default-jre-headless; do
	cmd=${pair%%:*}
	pkg=${pair#*:}
	command -v "$cmd" >/dev/null 2>&1 || need="$need $pkg"
done
if [ -n "$need" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "hybridoc: installing test tools:$need" >&2
		export DEBIAN_FRONTEND=noninteractive
		{ apt-get update -qq && apt-get install -y -qq $need; } >&2 ||
		    echo "hybridoc: apt-get failed; tests that need$need" \
		    "will skip" >&2
	else
		echo "hybridoc: for every test, run as root: apt-get install" \
		    "-y$need" >&2
	fi
fi

tests=$(cd "$(dirname "$0")" && pwd)
have=1
for p in $NPM_PKGS; do
	name=${p%@*}
	ver=${p##*@}
	f=$tests/node_modules/$name/package.json
	grep -q "\"version\": *\"$ver\"" "$f" 2>/dev/null || have=0
done
[ $have = 1 ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
	echo "hybridoc: npm is missing; the schema, SARIF, HTML and" \
	    "accessibility checks will skip" >&2
	exit 0
fi
# shellcheck disable=SC2086
npm install --prefix "$tests" --no-save --no-package-lock --no-audit \
    --no-fund --loglevel=error $NPM_PKGS >&2 ||
    echo "hybridoc: npm install failed; the schema, SARIF, HTML and" \
    "accessibility checks will skip" >&2
exit 0

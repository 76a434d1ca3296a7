#!/bin/sh
# Installs ajv-cli, the JSON Schema validator the schema test runs, into
# tests/node_modules (git-ignored) on first use:
#   sh tests/schema/setup.sh
# Prints the path of the ajv command.  Exit status: 0 ready, 1 the
# install failed although the npm registry answers, 77 node or npm is
# missing or the registry cannot be reached (callers count the test as
# skipped).
#
# tests/testdeps.sh installs the whole set first; this and the SARIF
# check (tests/sarif/validate.sh) install into the same
# folder with `npm install --no-save`, and npm prunes every package it
# was not asked for, so both installs name the union of both sets: the
# SARIF validator's pins are repeated here.
here=$(cd "$(dirname "$0")" && pwd)
tests=$(dirname "$here")
ajv=$tests/node_modules/.bin/ajv
pkgs="ajv-cli@5.0.0 ajv@8.17.1 ajv-draft-04@1.0.0 ajv-formats@3.0.1
vnu-jar@26.9.27 axe-core@4.14.1 @microsoft/sarif-multitool@5.7.0"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1
then
	echo "setup.sh: node or npm not found; JSON Schema check skipped" >&2
	exit 77
fi
if [ -x "$ajv" ] && [ -f "$tests/node_modules/ajv-cli/package.json" ]; then
	echo "$ajv"
	exit 0
fi
if ! timeout 30 npm ping --loglevel=error >/dev/null 2>&1; then
	echo "setup.sh: the npm registry cannot be reached; JSON Schema" \
	    "check skipped" >&2
	exit 77
fi
# shellcheck disable=SC2086
if ! npm install --prefix "$tests" --no-save --no-package-lock \
    --no-audit --no-fund --loglevel=error $pkgs >&2 || [ ! -x "$ajv" ]; then
	echo "setup.sh: npm install $pkgs failed" >&2
	exit 1
fi
echo "$ajv"

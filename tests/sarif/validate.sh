#!/bin/sh
# Validates SARIF files against the official SARIF 2.1.0 JSON schema:
#   sh tests/sarif/validate.sh FILE...
# sarif-schema-2.1.0.json is the OASIS schema as the npm package
# @microsoft/jest-sarif@1.0.0-beta.0 ships it (lib/schemas/
# sarif-2.1.0-rtm.5.json, MIT); `npm pack @microsoft/jest-sarif` fetches
# it again.  The validator is ajv (draft-04 flavour) plus ajv-formats,
# installed on first use into tests/node_modules (git-ignored) at the
# pinned versions below.  Exit status: 0 valid, 1 invalid, 77 when node
# or the packages cannot be had (callers treat 77 as "skipped").
here=$(cd "$(dirname "$0")" && pwd)
tests=$(dirname "$here")
pkgs="ajv-cli@5.0.0 ajv@8.17.1 ajv-draft-04@1.0.0 ajv-formats@3.0.1
vnu-jar@26.9.27 axe-core@4.14.1 @microsoft/sarif-multitool@5.7.0"

if ! command -v node >/dev/null 2>&1; then
	echo "validate.sh: node not found; SARIF schema check skipped" >&2
	exit 77
fi
if [ ! -f "$tests/node_modules/ajv-draft-04/package.json" ] ||
    [ ! -f "$tests/node_modules/ajv-formats/package.json" ]; then
	if ! command -v npm >/dev/null 2>&1 ||
	    ! npm install --prefix "$tests" --no-save --no-package-lock \
	    --no-audit --no-fund --loglevel=error $pkgs >&2; then
		echo "validate.sh: cannot install $pkgs; SARIF schema" \
		    "check skipped" >&2
		exit 77
	fi
fi
exec node "$here/validate.js" "$@"

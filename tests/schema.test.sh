#!/bin/sh
# The JSON Schema that `hybridoc schema` prints, checked with a real
# validator (ajv-cli, draft 2020-12, strict mode; installed on demand by
# tests/schema/setup.sh):
#  - the schema itself compiles;
#  - every shipped design validates, and starts with the
#    yaml-language-server line that points editors at docs/;
#  - the designs in tests/schema/accept/ (edge forms the loader takes)
#    validate, and hybridoc accepts them too;
#  - the bad-input cases listed below, the ones a schema can express,
#    are rejected, and hybridoc rejects them too (exit status 2).
# Exit status 0 pass, 1 fail, 77 skipped (no node/npm, or the npm
# registry cannot be reached to install ajv-cli).
bin=${HYBRIDOC:-./hybridoc}
pass=0
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The schema-expressible part of tests/bad/: unknown keys, wrong types,
# enum values, missing keys and empty required lists, integer ranges
# and list length, name and address syntax.  Not listed, because no
# JSON Schema over the parsed data can see them: YAML syntax and the
# loader's limits (yaml-*, tabs-*, alias-*, deep-nesting*, duplicate-key*,
# multi-document*, nul-byte, control-char, binary-garbage, invalid-utf8*,
# merge-key, complex-key-*), the lexical form of numbers (version-float,
# exponent-integer), host bits (prefix-host-bits*, ipv6-host-bits,
# many-errors), cross-object checks (duplicate-*, unknown-*-ref*,
# unknown-traffic-*, circuit-attached-twice, site-without-connection,
# er-without-gateway, vpn-without-gateway, vpn-both-bgp-and-static,
# vpn-neither-bgp-nor-static, static-with-advertise, too-many-instances,
# failover-unknown-test, suppress-*-rule) and files (missing-file,
# read-directory).
rejected="
unknown-key-case unknown-key-circuit unknown-key-empty
unknown-key-no-suggestion unknown-key-peering unknown-key-site
unknown-key-top unknown-key-vpn
wrong-type-bool wrong-type-bool-int wrong-type-float wrong-type-int
wrong-type-list wrong-type-list-item wrong-type-mapping wrong-type-null
wrong-type-one-or-many wrong-type-prefix-number wrong-type-quoted-int
wrong-type-scalar-got-list wrong-type-scalar-got-mapping inf-integer
nan-integer empty comments-only null-document root-scalar not-a-mapping
bad-enum-case bad-enum-circuit-sku bad-enum-no-suggestion bad-enum-number
bad-enum-sku
missing-required-azure missing-required-bgp-asn missing-required-name
missing-required-peering missing-required-prefixes
missing-required-public-ip missing-required-version
suppress-missing-reason empty-instances empty-list-required version-2
out-of-range-asn out-of-range-bandwidth out-of-range-hex
out-of-range-prepend out-of-range-vlan out-of-range-vlan-zero
huge-integer huge-hex-integer negative-number failover-depth-3
generation-3 list-too-long
bad-name-leading-dash bad-name-space bad-slug name-html name-too-long
addr-bad-octet addr-hostname addr-with-len addr-ipv6-bad
prefix-bad-length prefix-bad-octet prefix-leading-zero prefix-no-length
prefix-three-octets prefix-trailing-garbage ipv6-bad ipv6-bad-group
ipv6-bad-length
all-errors-one-run
"

ok() {
	pass=$((pass + 1))
}
fail() {
	echo "FAIL $*"
	fails=$((fails + 1))
}

ajv=$(sh tests/schema/setup.sh)
rc=$?
[ "$rc" -eq 77 ] && exit 77
[ "$rc" -ne 0 ] && { echo "FAIL cannot install ajv-cli"; exit 1; }

schema=$tmp/design.schema.json
if ! "$bin" schema -o "$schema"; then
	echo "FAIL hybridoc schema"
	exit 1
fi
opts="--spec=draft2020 --strict=true --allow-union-types
    -c ./tests/schema/keywords.js -s $schema"

# shellcheck disable=SC2086
if "$ajv" compile $opts >"$tmp/compile" 2>&1; then
	ok
else
	fail "the schema does not compile in strict mode:"
	cat "$tmp/compile"
fi

# One ajv run over every file (node starts once); ajv prints
# "FILE valid" or "FILE invalid" and the errors for each.
set --
for y in designs/*.yaml tests/schema/accept/*.yaml; do
	set -- "$@" -d "$y"
done
for n in $rejected; do
	if [ ! -f "tests/bad/$n.yaml" ]; then
		fail "tests/bad/$n.yaml is listed here but does not exist"
		continue
	fi
	set -- "$@" -d "tests/bad/$n.yaml"
done
# shellcheck disable=SC2086
"$ajv" validate $opts --all-errors --errors=text "$@" >"$tmp/ajv" 2>&1
verdict() {
	if grep -qFx "$1 valid" "$tmp/ajv"; then
		echo valid
	elif grep -qFx "$1 invalid" "$tmp/ajv"; then
		echo invalid
	else
		echo "no verdict"
	fi
}

for y in designs/*.yaml tests/schema/accept/*.yaml; do
	v=$(verdict "$y")
	if [ "$v" = valid ]; then
		ok
	else
		fail "$y: $v against the schema"
		grep -A5 -F "$y invalid" "$tmp/ajv" | tail -n +2 | cut -c1-300
	fi
done
for y in designs/*.yaml; do
	first=$(head -n 1 "$y")
	if [ "$first" = "# yaml-language-server: \$schema=../docs/design.schema.json" ]
	then
		ok
	else
		fail "$y: the first line is not the yaml-language-server comment"
	fi
done
for y in tests/schema/accept/*.yaml; do
	if NO_COLOR=1 "$bin" validate "$y" >/dev/null 2>"$tmp/err" ||
	    [ $? -ne 2 ]; then
		ok
	else
		fail "$y: hybridoc refuses it:"
		cat "$tmp/err"
	fi
done
for n in $rejected; do
	y=tests/bad/$n.yaml
	[ -f "$y" ] || continue
	v=$(verdict "$y")
	NO_COLOR=1 timeout 10 "$bin" validate "$y" >/dev/null 2>&1
	st=$?
	if [ "$v" != invalid ]; then
		fail "$y: $v against the schema; expected invalid"
	elif [ $st -ne 2 ]; then
		fail "$y: hybridoc exits $st; expected 2"
	else
		ok
	fi
done

echo "schema: $pass passed, $fails failed"
[ $fails -eq 0 ]

#!/bin/sh
# The JSON Schema that `hybridoc schema` prints, checked with a real
# validator (ajv-cli, draft 2020-12, strict mode with no keyword added;
# installed by tests/testdeps.sh, or on demand by tests/schema/setup.sh):
#  - the schema itself compiles in strict mode;
#  - every shipped design validates, and starts with the
#    yaml-language-server line that points editors at docs/;
#  - the designs in tests/schema/accept/ (edge forms the loader takes)
#    validate, and hybridoc accepts them too;
#  - every other YAML file under tests/ that hybridoc accepts (exit 0
#    or 1) validates: the schema rejects nothing the tool takes;
#  - every file of tests/bad/ is listed below, either as one a schema
#    can express (rejected: the schema must reject it, and hybridoc
#    exits 2 on it) or as one it cannot (beyond), so that a new bad
#    case has to be classified.
# Exit status 0 pass, 1 fail, 77 skipped (no node/npm, or the npm
# registry cannot be reached to install ajv-cli).
bin=${HYBRIDOC:-./hybridoc}
pass=0
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The schema-expressible part of tests/bad/: unknown keys, wrong types,
# enum values, missing keys and empty required lists, integer ranges
# and list length, name and address syntax, and the checks above one
# field (allOf/oneOf/anyOf/if-then in the schema): at most two gateway
# instances, bgp or static on a VPN device, no advertise on a static
# one, a site with ExpressRoute or a VPN, the gateway each needs, and
# suppress rule ids from the catalog.
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
too-many-instances vpn-neither-bgp-nor-static vpn-both-bgp-and-static
static-with-advertise site-without-connection suppress-unknown-rule
suppress-diagnose-rule
suppress-lowercase-rule er-without-gateway vpn-without-gateway
injected-newline missing-prefixes-with-expressroute
misspelt-required-key yaml11-bool-static
"
# What no JSON Schema over the parsed data can see: YAML syntax and the
# loader's limits, the lexical form of numbers (1.0 is a JSON integer),
# host bits, and checks across objects (unique names, references).
beyond="
alias-bomb alias-cycle-mapping alias-cycle alias-deep alias-forward
alias-key-sequence alias-undefined binary-garbage control-char nul-byte
invalid-utf8-overlong invalid-utf8-surrogate invalid-utf8-truncated
invalid-utf8 complex-key-mapping complex-key-sequence deep-nesting-65
deep-nesting-block deep-nesting duplicate-key-flow duplicate-key
merge-key multi-document-empty-second multi-document tabs-indent-list
tabs-indent yaml-bad-character yaml-bad-indent yaml-mapping-in-scalar
yaml-sequence-in-mapping yaml-syntax yaml-unclosed-quote
exponent-integer version-float
ipv6-host-bits prefix-host-bits-subnet prefix-host-bits many-errors
circuit-attached-twice duplicate-circuit duplicate-device-default-name
duplicate-device-name duplicate-site duplicate-spoke duplicate-subnet
failover-unknown-test unknown-circuit-ref-no-circuits
unknown-circuit-ref-no-match unknown-circuit-ref unknown-traffic-site
unknown-traffic-to
missing-file read-directory
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
opts="--spec=draft2020 --strict=true --allow-union-types -s $schema"

# shellcheck disable=SC2086
if "$ajv" compile $opts >"$tmp/compile" 2>&1; then
	ok
else
	fail "the schema does not compile in strict mode:"
	cat "$tmp/compile"
fi

# Every tests/bad/*.yaml is classified, and only once.
for y in tests/bad/*.yaml; do
	n=$(basename "$y" .yaml)
	k=0
	for m in $rejected $beyond; do
		[ "$m" = "$n" ] && k=$((k + 1))
	done
	if [ $k -eq 1 ]; then
		ok
	else
		fail "$y is listed $k times in rejected/beyond; classify it once"
	fi
done
# The YAML under tests/ (outside tests/bad) that hybridoc accepts.
accepted=
for y in $(find tests -name '*.yaml' -not -path 'tests/bad/*' \
    -not -path 'tests/node_modules/*' -not -path 'tests/schema/accept/*' |
    LC_ALL=C sort); do
	NO_COLOR=1 timeout 20 "$bin" validate "$y" >/dev/null 2>&1
	[ $? -le 1 ] && accepted="$accepted $y"
done

# One ajv run over every file (node starts once); ajv prints
# "FILE valid" or "FILE invalid" and the errors for each.
set --
for y in designs/*.yaml tests/schema/accept/*.yaml $accepted; do
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

for y in designs/*.yaml tests/schema/accept/*.yaml $accepted; do
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

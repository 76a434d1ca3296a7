#!/bin/sh
# Builds the seed corpora and dictionaries of the fuzz harnesses into
# OUT (a build folder; nothing here is committed):
#   OUT/seeds/design    designs/, tests/{golden,bad,rules,sim,hostile}/*.yaml
#   OUT/seeds/packet    BASE NUL HEAD of each tests/packet/*/, and each
#                       design of designs/ against itself
#   OUT/seeds/mustache  templates/*.mustache and the templates and
#                       partials of the Mustache spec ($MUSTACHE_SPEC_DIR,
#                       default tests/mustache-spec)
#   OUT/seeds/prefix    every address-like token of the seed designs and
#                       the string literals of tests/test_prefix.c
#   OUT/seeds/diagnose  the captures and bad inputs of tests/diagnose
#   OUT/seeds/import    the exports of tests/import/ (ARM, Terraform and
#                       the official REST examples)
#   OUT/design.dict     the design format's keys and enum values
# Usage: sh tests/fuzz/seeds.sh OUT
set -eu
out=${1:?usage: seeds.sh OUT}
spec=${MUSTACHE_SPEC_DIR:-tests/mustache-spec}
rm -rf "$out/seeds"
mkdir -p "$out/seeds/design" "$out/seeds/packet" "$out/seeds/mustache" \
	"$out/seeds/prefix" "$out/seeds/diagnose" "$out/seeds/import"
n=0
for f in tests/diagnose/*/*.json; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	cp "$f" "$out/seeds/diagnose/$n-$(basename "$f")"
done
for c in tests/diagnose/contoso-*/; do
	[ -f "$c/vpngw-hub-eus.learned.json" ] || continue
	{ cat "$c/vpngw-hub-eus.learned.json"; printf '\0'; cat "$c/ergw-hub-eus.learned.json"; } \
		>"$out/seeds/diagnose/both-$(basename "$c")"
done
for f in tests/import/*.json tests/import/official/*.json; do
	[ -f "$f" ] && cp "$f" "$out/seeds/import/$(basename "$f")"
done

n=0
for f in designs/*.yaml tests/golden/*.yaml tests/bad/*.yaml \
    tests/rules/*.yaml tests/sim/*.yaml tests/hostile/*.yaml \
    tests/packet/*/*.yaml; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	cp "$f" "$out/seeds/design/$n-$(basename "$f")"
done

for d in tests/packet/*/; do
	[ -f "$d/base.yaml" ] && [ -f "$d/head.yaml" ] || continue
	{ cat "$d/base.yaml"; printf '\0'; cat "$d/head.yaml"; } \
		>"$out/seeds/packet/$(basename "$d")"
done
for f in designs/*.yaml; do
	cp "$f" "$out/seeds/packet/self-$(basename "$f")"
	for g in designs/*.yaml; do
		[ "$f" = "$g" ] && continue
		{ cat "$f"; printf '\0'; cat "$g"; } \
			>"$out/seeds/packet/$(basename "$f" .yaml)-$(basename "$g")"
	done
done

for f in templates/*.mustache; do
	[ -f "$f" ] && cp "$f" "$out/seeds/mustache/"
done
if [ -d "$spec" ] && command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import yaml' 2>/dev/null; then
	python3 - "$spec" "$out/seeds/mustache" <<'PY'
import os, sys, yaml
spec, out = sys.argv[1], sys.argv[2]
n = 0
for name in sorted(os.listdir(spec)):
    if not name.endswith(".yml"):
        continue
    with open(os.path.join(spec, name), encoding="utf-8") as fp:
        doc = yaml.safe_load(fp)
    for test in doc.get("tests", []):
        texts = [test.get("template", "")]
        texts += list((test.get("partials") or {}).values())
        for t in texts:
            n += 1
            with open(os.path.join(out, "spec-%03d" % n), "w",
                      encoding="utf-8") as o:
                o.write(t)
PY
elif [ -d "$spec" ]; then
	# No PyYAML: the spec files whole are seeds too.
	cp "$spec"/*.yml "$out/seeds/mustache/" 2>/dev/null || true
fi

# Address-like tokens from the designs, and the prefix tests' literals.
cat "$out"/seeds/design/* 2>/dev/null |
	grep -aoE '[0-9A-Fa-f:.]*[.:][0-9A-Fa-f:.]*(/[0-9]+)?' |
	grep -E '[0-9]' | sort -u | head -n 2000 |
	while IFS= read -r t; do
		n=$((n + 1))
		printf '%s' "$t" >"$out/seeds/prefix/d$n"
	done
if [ -f tests/test_prefix.c ]; then
	grep -oE '"[^"\\]{1,80}"' tests/test_prefix.c | tr -d '"' |
		sort -u | while IFS= read -r t; do
		n=$((n + 1))
		printf '%s' "$t" >"$out/seeds/prefix/t$n"
	done
fi
printf '10.0.0.0/8\n10.1.0.0/16' >"$out/seeds/prefix/pair-v4"
printf '2001:db8::/32\n::ffff:10.0.0.1' >"$out/seeds/prefix/pair-v6"

# The design format's keys and the scalars of the seed designs.
{
	cat "$out"/seeds/design/* 2>/dev/null |
		grep -aoE '^[ -]*[a-z_]+:' | sed 's/^[ -]*//' | sort -u
	cat designs/*.yaml | grep -aoE ': [A-Za-z][A-Za-z0-9]+$' |
		sed 's/^: //' | sort -u
} | sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/' >"$out/design.dict"
cat >>"$out/design.dict" <<'DICT'
"&a "
"*a"
"<<: "
"- "
"{"
"}"
"["
"]"
": "
"\x0a  "
"\x0a    - "
"---"
"!!str "
"0x"
"0o"
".inf"
"1e9"
"99999999999999999999"
DICT
echo "seeds: $(ls "$out/seeds/design" | wc -l) design," \
	"$(ls "$out/seeds/packet" | wc -l) packet," \
	"$(ls "$out/seeds/mustache" | wc -l) mustache," \
	"$(ls "$out/seeds/prefix" | wc -l) prefix," \
	"$(ls "$out/seeds/diagnose" | wc -l) diagnose," \
	"$(ls "$out/seeds/import" | wc -l) import"

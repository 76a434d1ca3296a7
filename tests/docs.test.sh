#!/bin/sh
# The documentation against the program:
#  - docs/design.schema.json and docs/format.md are what `hybridoc
#    schema` prints now (run `make docs` after changing the schema);
#  - docs/rules.md and docs/scenarios.md are what the generator
#    ($BUILD/docgen, tests/docgen.c) writes now from the rule catalog
#    and the simulation, and the README links docs/rules.md;
#  - docs/hybridoc.1 describes every command of `hybridoc --help` in its
#    SYNOPSIS and in a subsection of its own, with every option of
#    `hybridoc help COMMAND`, and no option the command does not have.
# MANPAGE=FILE checks another page (to see the test fail).
bin=${HYBRIDOC:-./hybridoc}
man=${MANPAGE:-docs/hybridoc.1}
pass=0
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() {
	pass=$((pass + 1))
}
fail() {
	echo "FAIL $*"
	fails=$((fails + 1))
}

# stale FILE ARGS...: FILE is what `hybridoc schema ARGS` prints.
stale() {
	file=$1
	shift
	if ! "$bin" schema "$@" -o "$tmp/now"; then
		fail "hybridoc schema $*"
	elif [ ! -f "$file" ]; then
		fail "$file is missing; run 'make docs'"
	elif ! cmp -s "$tmp/now" "$file"; then
		fail "$file is stale; run 'make docs'"
		diff -u "$file" "$tmp/now" | head -n 20
	else
		ok
	fi
}
stale docs/design.schema.json --format json
stale docs/format.md --format markdown
docgen=${BUILD:-build}/docgen
for page in rules scenarios; do
	if [ ! -x "$docgen" ]; then
		fail "$docgen is not built (make $docgen)"
	elif ! "$docgen" $page >"$tmp/$page.md"; then
		fail "$docgen $page"
	elif [ ! -f docs/$page.md ]; then
		fail "docs/$page.md is missing; run 'make docs'"
	elif ! cmp -s "$tmp/$page.md" docs/$page.md; then
		fail "docs/$page.md is stale; run 'make docs'"
		diff -u docs/$page.md "$tmp/$page.md" | head -n 20
	else
		ok
	fi
done
grep -q '](docs/rules.md)' README.md && ok ||
	fail "README.md does not link docs/rules.md"
# The README's worked example is today's output: the simulate block
# line for line, and of the validate block the finding, and the summary
# line that goes to standard error (the note is shortened there).
# block CMD: the console block of README.md that runs CMD, without it.
block() {
	awk -v c="$ $1" 'f && /^```/ {exit} f {print} $0 == c {f = 1}' README.md
}
sc=circuit-down:er-eus-equinix-dc
block "./hybridoc simulate designs/contoso-eastus.yaml --scenario $sc" \
    >"$tmp/readme-sim"
"$bin" simulate designs/contoso-eastus.yaml --scenario "$sc" \
    >"$tmp/sim" 2>/dev/null
if [ -s "$tmp/readme-sim" ] && cmp -s "$tmp/readme-sim" "$tmp/sim"; then
	ok
else
	fail "README.md: the simulate example is not today's output:"
	diff -u "$tmp/readme-sim" "$tmp/sim" | head -n 20
fi
block "./hybridoc validate designs/contoso-eastus.yaml" >"$tmp/readme-val"
NO_COLOR=1 "$bin" validate designs/contoso-eastus.yaml >"$tmp/val" \
    2>"$tmp/val.err"
for want in "$(sed -n 1p "$tmp/val")" "$(tail -n 1 "$tmp/val.err")"; do
	if [ -n "$want" ] && grep -qxF "$want" "$tmp/readme-val"; then
		ok
	else
		fail "README.md: the validate example lacks: $want"
	fi
done
# The README's pictures are today's diagrams of the seed design.
for pic in contoso-eastus.svg:"" \
    contoso-eastus-circuit-down.svg:circuit-down:er-eus-equinix-dc; do
	file=docs/${pic%%:*}
	sc=${pic#*:}
	if ! "$bin" diagram designs/contoso-eastus.yaml ${sc:+--scenario "$sc"} \
	    -o "$tmp/pic.svg"; then
		fail "hybridoc diagram for $file"
	elif cmp -s "$tmp/pic.svg" "$file"; then
		ok
	else
		fail "$file is stale; run 'make docs'"
	fi
done

# "-f, --format FORMAT  help" lines of `hybridoc help`, as "-f --format"
# (or "--strict"), -h and --help left out: every command has them.
help_opts() {
	sed -n 's/^  *\(-[a-z], \)\{0,1\}\(--[a-z-]*\).*/\1\2/p' |
	    sed 's/,//' | grep -v -- '--help'
}
# The option names of ".It Fl ..." lines on standard input, one a line.
man_opts() {
	grep '^\.It Fl ' | grep -o 'Fl [^ ]*' | sed 's/^Fl /-/' |
	    LC_ALL=C sort -u
}

cmds=$("$bin" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
[ -n "$cmds" ] || fail "no commands in 'hybridoc --help'"
for c in $cmds; do
	# The command's lines of the SYNOPSIS (from ".Cm c" to the next
	# ".Nm") and its subsection (from ".Ss c" to the next heading).
	awk -v c="$c" '/^\.Sh /{s = ($0 == ".Sh SYNOPSIS")} !s{next}
	    $0 == ".Cm " c {f = 1; next} $0 == ".Nm" {f = 0} f' "$man" \
	    >"$tmp/synopsis"
	awk -v c="$c" '$0 == ".Ss " c {f = 1; next} /^\.S[sh] /{f = 0} f' \
	    "$man" >"$tmp/section"
	if [ ! -s "$tmp/section" ]; then
		fail "$man has no '.Ss $c'"
		continue
	fi
	if awk '/^\.Sh /{s = ($0 == ".Sh SYNOPSIS")} s' "$man" |
	    grep -qx "\.Cm $c"; then
		ok
	else
		fail "$man: $c is not in the SYNOPSIS"
	fi
	[ "$c" = help ] && continue
	"$bin" help "$c" | help_opts >"$tmp/opts"
	tr ' ' '\n' <"$tmp/opts" | LC_ALL=C sort -u >"$tmp/want"
	man_opts <"$tmp/section" >"$tmp/got"
	if cmp -s "$tmp/want" "$tmp/got"; then
		ok
	else
		fail "$man, $c: the options differ from 'hybridoc help $c'" \
		    "(- help, + man page):"
		diff -u "$tmp/want" "$tmp/got" | tail -n +4 | grep '^[-+]'
	fi
	# Each option in the SYNOPSIS, by either of its names.
	while read -r a b; do
		long=${b:-$a}
		re="Fl -${long#--}"
		[ -n "$b" ] && re="Fl (${a#-}|-${long#--})"
		if grep -qE "$re( |\$)" "$tmp/synopsis"; then
			ok
		else
			fail "$man: $long is not in the SYNOPSIS of $c"
		fi
	done <"$tmp/opts"
done
if grep -q '^\.Fl -version$' "$man"; then
	ok
else
	fail "$man: --version is not described"
fi

# hybridoc --help names --version and every command whose exit status 1
# means something (diagnose too); in every command's help an option's
# name and its text stand apart (two spaces at least, or the text on the
# next line).
"$bin" --help >"$tmp/help"
if grep -q '^  --version ' "$tmp/help" && grep -q '^exit status: .*diagnose' "$tmp/help"; then
	ok
else
	fail "hybridoc --help: --version or diagnose's exit status missing"
fi
for c in validate simulate diagram runbook site packet diagnose schema import drift; do
	"$bin" help "$c" | grep -E '^ +(-[a-z], )?--[a-z]' |
	    sed -E 's/^ +(-[a-z], )?--[a-z-]+( [A-Z][A-Z=_]*)?//' |
	    grep -E '^ [^ ]' >"$tmp/cramped"
	if [ -s "$tmp/cramped" ]; then
		fail "help $c: option and text run together: $(head -1 "$tmp/cramped")"
	else
		ok
	fi
done

# docs/model.md's source keys are one set: no key is written two ways
# (ER-BFD and ERBFD), and the runbook's and packets' citations, which
# use the same keys, find one spelling.
sed -n 's/^| \([A-Z][A-Z0-9-]*\) | .*/\1/p' docs/model.md | sort -u >"$tmp/keys"
tr -d - <"$tmp/keys" | sort | uniq -d >"$tmp/twice"
if [ -s "$tmp/keys" ] && [ ! -s "$tmp/twice" ]; then
	ok
else
	fail "docs/model.md: source keys written two ways: $(tr '\n' ' ' <"$tmp/twice")"
fi

echo "docs: $pass passed, $fails failed"
[ $fails -eq 0 ]

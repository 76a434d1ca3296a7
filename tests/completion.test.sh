#!/bin/sh
# completion/hybridoc.bash: sources it in bash, fills COMP_WORDS as
# bash would for a command line, runs the completion function and
# compares COMPREPLY (sorted) with what is expected.  Then checks that
# the script's commands, options and --format/--detail/--fence values are the
# ones `hybridoc --help` and `hybridoc help COMMAND` list, so the two
# cannot drift.  Exit status 0 pass, 1 fail, 77 no bash.
# Word lists are split on purpose; the completion script defines
# _hybridoc_commands.
# shellcheck disable=SC2086,SC2046,SC2154,SC2020
if [ -z "$BASH_VERSION" ]; then
	command -v bash >/dev/null 2>&1 || { echo "no bash: skipped"; exit 77; }
	exec bash "$0" "$@"
fi
bin=${HYBRIDOC:-./hybridoc}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
repo=$PWD
pass=0
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shellcheck source=../completion/hybridoc.bash disable=SC1091
. "$repo/completion/hybridoc.bash"

# Completes the words given (the last is the word being completed) and
# prints the sorted replies on one line.
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_hybridoc
	printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | LC_ALL=C sort |
	    tr '\n' ' ' | sed 's/ $//'
}

# expect "WANTED" WORDS...
expect() {
	local want=$1 got

	shift
	got=$(comp "$@")
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL '$*<TAB>': got '$got', want '$want'"
		fails=$((fails + 1))
	fi
}

expect "diagnose diagram drift help import packet runbook schema simulate site validate" hybridoc ""
expect "validate" hybridoc va
expect "simulate site" hybridoc si
expect "--help --version" hybridoc --
expect "--depth --format --help --output --strict --verbose" hybridoc validate --
expect "--check --fence --from --help --jobs --output --templates" hybridoc site designs --
expect "azure-devops markdown" hybridoc site designs --fence ""
expect "tests/import/contoso-eastus.arm.json tests/import/contoso-eastus.routes.json tests/import/contoso-eastus.tf.json" hybridoc site designs --from arm tests/import/contoso-eastus.
expect "--deployed --from --git --help --output" hybridoc packet --
expect "--format --help --output -f -h -o" hybridoc schema -
expect "json sarif text" hybridoc validate --format ""
expect "json sarif text" hybridoc validate a.yaml -f ""
expect "json text" hybridoc simulate --format ""
expect "dot mermaid png svg" hybridoc diagram --format ""
expect "arm terraform" hybridoc import --from ""
expect "json sarif text" hybridoc drift --format ""
expect "html" hybridoc runbook --format h
expect "json markdown" hybridoc schema --format ""
# "--format=" as bash splits it (the default COMP_WORDBREAKS) ...
expect "json markdown" hybridoc schema --format =
expect "markdown" hybridoc schema --format = m
# ... and whole, when '=' is not a word break.
expect "--format=markdown" hybridoc schema --format=m
expect "full summary" hybridoc diagram --detail ""
expect "azure-devops markdown none" hybridoc diagram --fence ""
expect "azure-devops" hybridoc runbook a.yaml --fence a
expect "1 2" hybridoc simulate --depth ""
expect "1 2" hybridoc validate --strict --depth ""
expect "az powershell" hybridoc diagnose --shell ""
expect "md" hybridoc diagnose a.yaml -f m
expect "--help" hybridoc validate --he
expect "diagnose diagram drift import packet runbook schema simulate site validate" hybridoc help ""
expect "schema simulate site" hybridoc help s
expect "" hybridoc help validate ""
expect "" hybridoc schema ""

# Scenario ids after --scenario/-s, from the design on the line (the
# script runs `hybridoc` from PATH, here the binary under test).  Ids
# contain ':', a word break: bash hands over "circuit-down" ":" "er"
# and replaces only the part after the last ':'.
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/hybridoc"
PATH=$tmp/bin:$PATH
d=designs/contoso-eastus.yaml
expect "circuit-down:er-eus-equinix-dc" hybridoc simulate $d --scenario circ
expect "circuit-down:er-eus-equinix-dc" hybridoc diagram $d -s circ
expect "er-eus-equinix-dc" hybridoc simulate $d --scenario circuit-down : er
expect "er-eus-equinix-dc:primary er-eus-equinix-dc:secondary" \
    hybridoc simulate $d -s link-down : ""
expect "primary secondary" \
    hybridoc simulate $d -s link-down : er-eus-equinix-dc : ""
expect "--scenario=circuit-down:er-eus-equinix-dc" \
    hybridoc simulate $d --scenario=circ
# Pairs only at --depth 2; none without a design.
expect "" hybridoc simulate $d -s "circuit-down:er-eus-equinix-dc+"
n=$(comp hybridoc simulate --depth 2 $d -s "circuit-down:er-eus-equinix-dc+" |
    wc -w)
if [ "$n" -ge 5 ]; then
	pass=$((pass + 1))
else
	echo "FAIL --depth 2: $n pair ids after 'circuit-down:er-eus-equinix-dc+'"
	fails=$((fails + 1))
fi
expect "" hybridoc simulate -s circ

# Files: designs for design operands, folders for site and its -o.
mkdir -p "$tmp/w/sub" "$tmp/w/out"
: >"$tmp/w/a.yaml"
: >"$tmp/w/b.yml"
: >"$tmp/w/notes.txt"
cd "$tmp/w" || exit 1
expect "a.yaml b.yml out sub" hybridoc validate ""
expect "a.yaml" hybridoc simulate a
expect "a.yaml b.yml out sub" hybridoc packet --git HEAD ""
expect "out sub" hybridoc site ""
expect "out sub" hybridoc site . -o ""
expect "out sub" hybridoc packet --git HEAD a.yaml --output ""
expect "out sub" hybridoc runbook a.yaml --templates ""
expect "a.yaml b.yml notes.txt out sub" hybridoc runbook a.yaml -o ""
# diagnose --learned GATEWAY=FILE: bash splits at '=' ...
expect "notes.txt" hybridoc diagnose a.yaml --learned gw = n
expect "=a.yaml =b.yml =notes.txt =out =sub" hybridoc diagnose a.yaml --bgp-peers gw =
# ... or keeps the word whole.
expect "gw=notes.txt" hybridoc diagnose a.yaml -l gw=n
cd "$repo" || exit 1

# The script against the binary's own tables.
cmds=$("$bin" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p' |
    LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
mine=$(printf '%s\n' $_hybridoc_commands | LC_ALL=C sort | tr '\n' ' ' |
    sed 's/ $//')
if [ -z "$cmds" ] || [ "$cmds" != "$mine" ]; then
	echo "FAIL commands: hybridoc --help lists '$cmds', completion '$mine'"
	fails=$((fails + 1))
else
	pass=$((pass + 1))
fi
for c in $cmds; do
	[ "$c" = help ] && continue
	"$bin" help "$c" >"$tmp/help" || { echo "FAIL help $c"; fails=$((fails + 1)); }
	want=$(sed -n 's/^  *\(-[a-z], \)\{0,1\}\(--[a-z-]*\).*/\1\2/p' "$tmp/help" |
	    tr ', ' '\n\n' | sed '/^$/d' | LC_ALL=C sort | tr '\n' ' ' |
	    sed 's/ $//')
	got=$(printf '%s\n' $(_hybridoc_opts "$c") | LC_ALL=C sort |
	    tr '\n' ' ' | sed 's/ $//')
	if [ -z "$want" ] || [ "$want" != "$got" ]; then
		echo "FAIL $c options: help has '$want', completion '$got'"
		fails=$((fails + 1))
	else
		pass=$((pass + 1))
	fi
	# --format, --detail and --fence values: the help text's words,
	# without the parenthesized remarks ("text (default), json or sarif").
	for o in format detail fence; do
		line=$(grep -E "^ +(-[a-z], )?--$o " "$tmp/help") || continue
		want=$(printf '%s\n' "$line" | sed 's/^ *\(-[a-z], \)\{0,1\}--[a-z]* [A-Z]* *//;
		    s/([^)]*)//g; s/,/ /g; s/ or / /g' | tr ' ' '\n' |
		    sed '/^$/d' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
		if [ "$o" = format ]; then
			got=$(_hybridoc_formats "$c")
		elif [ "$o" = fence ]; then
			got=$(_hybridoc_fences "$c")
		else
			got="summary full"
		fi
		got=$(printf '%s\n' $got | LC_ALL=C sort | tr '\n' ' ' |
		    sed 's/ $//')
		if [ "$want" != "$got" ]; then
			echo "FAIL $c --$o values: help has '$want', completion '$got'"
			fails=$((fails + 1))
		else
			pass=$((pass + 1))
		fi
	done
done

echo "completion: $pass passed, $fails failed"
[ $fails -eq 0 ]

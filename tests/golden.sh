#!/bin/sh
# Golden tests: every tests/golden/NAME.yaml and tests/bad/NAME.yaml is
# run through `hybridoc validate` (or the command line in NAME.cmd, with
# @ standing for the YAML file), and its standard error plus the exit
# status must equal NAME.err byte for byte; standard output must equal
# NAME.out when that file exists.  REGEN=1 rewrites the expectations.
# Each case runs under a guard against hangs only (20 seconds;
# CASE_SECONDS raises it for slow builds: sanitizers, valgrind).  A
# wall-clock limit tighter than that would fail on a loaded machine; the
# speed of the slow bad inputs is measured by `make bench` instead, as a
# ratio against a plain validate of a shipped design.  An input too big to commit is generated: NAME.gen is a
# script that writes it to the path given as its argument, and the case
# then runs from a scratch folder with the input at the path
# tests/bad/NAME.yaml, so messages name it as they would a committed one.
# GOLDEN_SHARD=K/N runs only the cases whose index is K modulo N (the
# suite runs N shards side by side).
# Prints "ok NAME" or a diff per case, then "golden: N passed, N failed".
bin=${HYBRIDOC:-./hybridoc}
case $bin in
/*)	;;
*/*)	bin=$(pwd)/$bin ;;
esac
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shard=${GOLDEN_SHARD:-0/1}
shard_k=${shard%/*}
shard_n=${shard#*/}
index=-1
for y in tests/golden/*.yaml tests/bad/*.yaml tests/bad/*.gen; do
	[ -f "$y" ] || continue
	index=$((index + 1))
	[ $((index % shard_n)) = "$shard_k" ] || continue
	base=${y%.*}
	name=$(basename "$base")
	dir=.
	if [ "${y##*.}" = gen ]; then
		dir=$tmp/gen
		y=$base.yaml
		mkdir -p "$dir/${y%/*}"
		if ! sh "$base.gen" "$dir/$y"; then
			echo "FAIL $name: $base.gen failed"
			fail=$((fail + 1))
			continue
		fi
	fi
	limit=${CASE_SECONDS:-20}
	if [ -f "$base.cmd" ]; then
		cmd=$(sed "s|@|$y|g" "$base.cmd")
	else
		cmd="validate $y"
	fi
	# shellcheck disable=SC2086
	(cd "$dir" && NO_COLOR=1 timeout $limit $VALGRIND $bin $cmd) \
		>"$tmp/out" 2>"$tmp/err"
	echo "exit status $?" >>"$tmp/err"
	[ "$dir" = . ] || rm -rf "$dir"
	if [ -n "$REGEN" ]; then
		cp "$tmp/err" "$base.err"
		if [ -f "$base.out" ] || [ -s "$tmp/out" ]; then
			cp "$tmp/out" "$base.out"
		fi
		echo "ok $name (regenerated)"
		pass=$((pass + 1))
		continue
	fi
	ok=1
	if ! cmp -s "$tmp/err" "$base.err"; then
		ok=0
		echo "FAIL $name: stderr/exit differ"
		diff -u "$base.err" "$tmp/err" | head -n 20
	fi
	if [ -f "$base.out" ] && ! cmp -s "$tmp/out" "$base.out"; then
		ok=0
		echo "FAIL $name: stdout differs"
		diff -u "$base.out" "$tmp/out" | head -n 20
	fi
	if [ $ok = 1 ]; then
		echo "ok $name"
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/bin/sh
# Golden tests: every tests/golden/NAME.yaml and tests/bad/NAME.yaml is
# run through `hybridoc validate` (or the command line in NAME.cmd, with
# @ standing for the YAML file), and its standard error plus the exit
# status must equal NAME.err byte for byte; standard output must equal
# NAME.out when that file exists.  REGEN=1 rewrites the expectations.
# Each case must finish within 5 seconds (hostile inputs included; 60
# under $VALGRIND).  An input too big to commit is generated: NAME.gen
# is a script that writes it to the path given as its argument, and the
# case then runs from a scratch folder with the input at the path
# tests/bad/NAME.yaml, so messages name it as they would a committed one.
# Prints "ok NAME" or a diff per case, then "golden: N passed, N failed".
bin=${HYBRIDOC:-./hybridoc}
case $bin in
/*)	;;
*/*)	bin=$(pwd)/$bin ;;
esac
limit=5
[ -n "$VALGRIND" ] && limit=60
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for y in tests/golden/*.yaml tests/bad/*.yaml tests/bad/*.gen; do
	[ -f "$y" ] || continue
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

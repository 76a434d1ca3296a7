#!/bin/sh
# Runs the suite: every cmocka test binary given as an argument, the
# golden tests (tests/golden.sh, in shards) and the shell tests
# (tests/*.test.sh), each under $VALGRIND when set.  Units run
# TEST_JOBS at a time (default: one per processor); their reports are
# printed in a fixed order once all have finished, then one closing
# line: "N passed, N failed" (", N skipped" when some were).
#
# A shell test that ends with a line "NAME: N passed, N failed" counts
# those; otherwise its exit status counts as one test (77: skipped, as
# automake has it).  TEST_TIMES=FILE appends to FILE when each unit
# ends (seconds since the epoch and its name), to balance the units.

# Worker: sh tests/run.sh --one DIR KIND UNIT NAME runs one unit and
# leaves its output in DIR/NAME.log and its exit status in DIR/NAME.rc.
if [ "$1" = --one ]; then
	dir=$2 kind=$3 unit=$4 name=$5
	case $kind in
	bin)	$VALGRIND "$unit" ;;
	golden)	GOLDEN_SHARD=$unit sh tests/golden.sh ;;
	sh)	sh "$unit" ;;
	esac >"$dir/$name.log" 2>&1
	echo $? >"$dir/$name.rc"
	[ -z "$TEST_TIMES" ] || echo "$(date +%s) $name" >>"$TEST_TIMES"
	exit 0
fi

# Inside an Azure Pipelines job (TF_BUILD=True) validate --format sarif
# stamps the pipeline's identity into the SARIF (findings.h, struct
# sarif_ado); the suite checks hybridoc's own output, so it runs as
# outside a pipeline (tests/sarifmt.test.sh sets the variables itself).
unset TF_BUILD
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export VALGRIND

# The units, longest first so that the last to start are short: shell
# tests, golden shards, then the binaries.
: >"$tmp/units"
for s in tests/*.test.sh; do
	[ -f "$s" ] && echo "sh $s sh-$(basename "$s" .test.sh)" >>"$tmp/units"
done
shards=0
if [ -f tests/golden.sh ]; then
	shards=$jobs
	k=0
	while [ $k -lt $shards ]; do
		echo "golden $k/$shards golden-$k" >>"$tmp/units"
		k=$((k + 1))
	done
fi
for t in "$@"; do
	echo "bin $t bin-$(basename "$t")" >>"$tmp/units"
done
xargs -n 3 -P "$jobs" sh tests/run.sh --one "$tmp" <"$tmp/units"

pass=0
fail=0
skipped=0
failed_units=
rc_of() { cat "$tmp/$1.rc" 2>/dev/null || echo 127; }

for t in "$@"; do
	name=$(basename "$t")
	out=$(cat "$tmp/bin-$name.log")
	rc=$(rc_of "bin-$name")
	printf '%s\n' "$out" | grep -E '^\[ *(PASSED|FAILED|  ERROR) *\]|^\[  FAILED  \]|ERROR SUMMARY|==[0-9]+==' | sed "s|^|$name: |"
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
	if [ "$rc" -ne 0 ]; then
		[ -z "$f" ] || [ "$f" = 0 ] && fail=$((fail + 1))
		failed_units="$failed_units $name"
		printf '%s\n' "$out" | tail -n 40
	fi
done

if [ $shards -gt 0 ]; then
	gp=0 gf=0 grc=0
	k=0
	while [ $k -lt $shards ]; do
		out=$(cat "$tmp/golden-$k.log")
		[ "$(rc_of "golden-$k")" -ne 0 ] && grc=1
		printf '%s\n' "$out" | grep -v '^ok ' | grep -v '^golden:'
		p=$(printf '%s\n' "$out" | sed -n 's/^golden: \([0-9]*\) passed.*/\1/p')
		f=$(printf '%s\n' "$out" | sed -n 's/^golden: [0-9]* passed, \([0-9]*\) failed.*/\1/p')
		gp=$((gp + ${p:-0}))
		gf=$((gf + ${f:-0}))
		k=$((k + 1))
	done
	echo "golden: $gp passed, $gf failed"
	[ $grc -ne 0 ] && [ $gf = 0 ] && gf=1
	[ $gf -ne 0 ] && failed_units="$failed_units golden"
	pass=$((pass + gp))
	fail=$((fail + gf))
fi

for s in $(sed -n 's/^sh \([^ ]*\) .*/\1/p' "$tmp/units"); do
	name=$(basename "$s" .test.sh)
	out=$(cat "$tmp/sh-$name.log")
	rc=$(rc_of "sh-$name")
	line=$(printf '%s\n' "$out" | grep -E '^[A-Za-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ "$rc" -eq 77 ]; then
		# A test that says why it skipped ("NAME: skipped (why)") is
		# shown by that line alone.
		if printf '%s\n' "$out" | tail -n 1 | grep -q "^$name: skipped"; then
			printf '%s\n' "$out" | tail -n 1
		else
			printf '%s\n' "$out" | tail -n 5
			echo "$name: skipped"
		fi
		skipped=$((skipped + 1))
		continue
	fi
	if [ -n "$line" ]; then
		p=$(printf '%s\n' "$line" | sed 's/^[^:]*: \([0-9]*\) passed.*/\1/')
		f=$(printf '%s\n' "$line" | sed 's/^[^:]*: [0-9]* passed, \([0-9]*\) failed.*/\1/')
	elif [ "$rc" -eq 0 ]; then
		p=1 f=0
	else
		p=0 f=1
	fi
	[ "$rc" -ne 0 ] && [ "$f" = 0 ] && f=1
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$f" -ne 0 ]; then
		printf '%s\n' "$out" | grep -v '^ok ' | grep -v ' passed, [0-9]* failed$' | tail -n 40
		failed_units="$failed_units $name"
	fi
	if [ -n "$line" ]; then
		echo "$line"
	else
		echo "$name: $p passed, $f failed"
	fi
done
[ -n "$failed_units" ] && echo "failing:$failed_units"
if [ "$skipped" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skipped skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]

#!/bin/sh
# Runs every fuzz harness (tests/fuzz/fuzz_NAME.c, built as
# DIR/fuzz/fuzz_NAME) for FUZZ_TIME seconds each (default 60), on its
# own working corpus DIR/corpus/NAME (kept between runs) seeded from
# DIR/seeds/NAME (tests/fuzz/seeds.sh).  A harness not built fails.
# A crash, leak, sanitizer report or an input slower than FUZZ_TIMEOUT
# seconds (default 10) fails the run; the input is kept as
# DIR/crash/NAME-* for a named regression case.  Prints one line per
# harness ("fuzz_X: N runs, cov C, ok" or "... FAILED") and a summary.
# Usage: FUZZ_TIME=10 sh tests/fuzz/run.sh DIR [NAME...]
set -u
dir=${1:?usage: run.sh DIR [NAME...]}
shift
time=${FUZZ_TIME:-60}
timeout=${FUZZ_TIMEOUT:-10}
names=$*
if [ -z "$names" ]; then
	for c in tests/fuzz/fuzz_*.c; do
		n=${c##*/fuzz_}
		names="$names ${n%.c}"
	done
fi
mkdir -p "$dir/crash" "$dir/log"
fail=0
for n in $names; do
	bin=$dir/fuzz/fuzz_$n
	if [ ! -x "$bin" ]; then
		echo "fuzz_$n: FAILED: $bin is not built"
		fail=$((fail + 1))
		continue
	fi
	mkdir -p "$dir/corpus/$n" "$dir/seeds/$n"
	dict=
	for f in "$dir/$n.dict" "tests/fuzz/$n.dict"; do
		[ -f "$f" ] && dict="-dict=$f" && break
	done
	case $n in
	prefix)	maxlen=256 ;;
	mustache) maxlen=16384 ;;
	*)	maxlen=131072 ;;
	esac
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$time" -timeout="$timeout" \
		-rss_limit_mb=2560 -max_len="$maxlen" $dict \
		-artifact_prefix="$dir/crash/$n-" -print_final_stats=1 \
		"$dir/corpus/$n" "$dir/seeds/$n" >"$dir/log/$n.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
		"$dir/log/$n.log" | tail -n 1)
	cov=$(grep -oE 'cov: [0-9]+' "$dir/log/$n.log" | tail -n 1 |
		sed 's/cov: //')
	if [ "$rc" -eq 0 ]; then
		echo "fuzz_$n: ${runs:-?} runs, cov ${cov:-?}, ok"
	else
		fail=$((fail + 1))
		echo "fuzz_$n: FAILED (exit $rc); log $dir/log/$n.log"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' \
			"$dir/log/$n.log" | head -n 10
	fi
done
echo "fuzz: $(echo $names | wc -w) harnesses, $fail failed"
[ "$fail" -eq 0 ]

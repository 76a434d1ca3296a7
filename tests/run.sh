#!/bin/sh
# Runs every cmocka test binary given as an argument (under $VALGRIND
# when set), then the golden tests, and prints one closing line:
# "N passed, N failed".
pass=0
fail=0
failed_bins=
for t in "$@"; do
	out=$($VALGRIND "$t" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -E '^\[ *(PASSED|FAILED|  ERROR) *\]|^\[  FAILED  \]|ERROR SUMMARY|==[0-9]+==' | sed "s|^|$(basename "$t"): |"
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
	if [ "$rc" -ne 0 ]; then
		[ -z "$f" ] || [ "$f" = 0 ] && fail=$((fail + 1))
		failed_bins="$failed_bins $(basename "$t")"
		printf '%s\n' "$out" | tail -n 40
	fi
done
if [ -f tests/golden.sh ]; then
	out=$(VALGRIND="$VALGRIND" sh tests/golden.sh 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -v '^ok ' | grep -v '^golden:'
	p=$(printf '%s\n' "$out" | sed -n 's/^golden: \([0-9]*\) passed.*/\1/p')
	f=$(printf '%s\n' "$out" | sed -n 's/^golden: [0-9]* passed, \([0-9]*\) failed.*/\1/p')
	echo "golden: ${p:-0} passed, ${f:-0} failed"
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
	[ "$rc" -ne 0 ] && [ "${f:-0}" = 0 ] && fail=$((fail + 1)) && failed_bins="$failed_bins golden"
fi
# Shell tests: tests/*.test.sh.  A script that ends with a line
# "NAME: N passed, N failed" counts those; otherwise its exit status
# counts as one test (77: skipped, as automake has it).
skipped=0
for s in tests/*.test.sh; do
	[ -f "$s" ] || continue
	out=$(VALGRIND="$VALGRIND" sh "$s" 2>&1)
	rc=$?
	name=$(basename "$s" .test.sh)
	line=$(printf '%s\n' "$out" | grep -E '^[A-Za-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ "$rc" -eq 77 ]; then
		printf '%s\n' "$out" | tail -n 5
		echo "$name: skipped"
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
		failed_bins="$failed_bins $name"
	fi
	if [ -n "$line" ]; then
		echo "$line"
	else
		echo "$name: $p passed, $f failed"
	fi
done
[ -n "$failed_bins" ] && echo "failing:$failed_bins"
if [ "$skipped" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skipped skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]

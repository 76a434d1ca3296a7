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
[ -n "$failed_bins" ] && echo "failing:$failed_bins"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

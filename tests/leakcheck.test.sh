#!/bin/sh
# The leak checkers of `make valgrind` and `make asan` still catch a
# leak of ours with the Graphviz suppressions loaded: the canary
# (tests/leakcheck/canary.c) leaks a definite and an indirect block
# after a Graphviz layout, and must fail the checker of this run.
# Under plain `make test` there is no checker and nothing to prove: it
# prints "leakcheck: skipped (asan/valgrind only)" and exits 77, which
# tests/run.sh counts as skipped.  Otherwise it prints "leakcheck: N
# passed, N failed".
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; sed 's/^/	/' "$tmp/log" | tail -n 30; fail=$((fail + 1)); }

libs="libcgraph libgvc"
build() {	# build CC FLAGS...
	cc=$1
	shift
	# shellcheck disable=SC2046,SC2086
	$cc -g -O0 "$@" $(pkg-config --cflags $libs) -o "$tmp/canary" \
	    tests/leakcheck/canary.c $(pkg-config --libs $libs) \
	    >"$tmp/log" 2>&1
}

# caught NAME STATUS DIRECT INDIRECT RUNNER...: the canary run under
# RUNNER exits with STATUS (any: any failure) and reports both leaks.
caught() {
	name=$1 want=$2 direct=$3 indirect=$4
	shift 4
	"$@" "$tmp/canary" >"$tmp/log" 2>&1
	rc=$?
	if [ $rc -ne 0 ] && { [ "$want" = any ] || [ $rc -eq "$want" ]; } &&
	    grep -q "$direct" "$tmp/log" && grep -q "$indirect" "$tmp/log"; then
		ok "$name"
	else
		echo "canary exited $rc" >>"$tmp/log"
		bad "$name"
	fi
}

if [ -n "$VALGRIND" ]; then
	if build cc; then
		# shellcheck disable=SC2086
		caught valgrind-reports-definite-and-indirect-leaks 99 \
		    'definitely lost' 'indirectly lost' $VALGRIND
	else
		bad "canary-builds"
	fi
elif case ${ASAN_OPTIONS-} in *detect_leaks=1*) true ;; *) false ;; esac; then
	if build clang -fsanitize=address,undefined -fno-omit-frame-pointer; then
		caught lsan-reports-direct-and-indirect-leaks any \
		    'Direct leak' 'Indirect leak' env
	else
		bad "canary-builds"
	fi
else
	echo "leakcheck: skipped (asan/valgrind only: make asan, make valgrind)"
	exit 77
fi
echo "leakcheck: $pass passed, $fail failed"
[ $fail = 0 ]

#!/bin/sh
# A site build ended by SIGTERM (a CI job's timeout, a `kill`) ends
# its workers too: nothing is written after the build is gone, no
# temporary file is left beside the pages, and the build dies of the
# signal (status 143 in the shell), as it would without a handler.
#
# Runs $HYBRIDOC (default ./hybridoc).  Prints "ok NAME" or "FAIL NAME",
# then "sigterm: N passed, N failed".
. tests/lib.sh

# 36 designs: enough that the build is still running when the first
# page appears.
mkdir "$tmp/d" "$tmp/t"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	for f in designs/*.yaml; do
		b=$(basename "$f" .yaml)
		sed "s/^name: .*/name: $b-$i/" "$f" >"$tmp/d/$b-$i.yaml"
	done
done

# Waits (at most about 60 s) until a file matching $2 exists below $1.
appears() {
	n=0
	while [ $n -lt 600 ]; do
		[ -n "$(find "$1" -name "$2" 2>/dev/null | head -n 1)" ] &&
		    return 0
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

# The state of a folder: every name with its checksum.
state() {
	(cd "$1" && find . -type f -exec cksum {} + 2>/dev/null | sort)
}

TMPDIR=$tmp/t "$bin" site "$tmp/d" -o "$tmp/out" --jobs 2 \
    >/dev/null 2>"$tmp/err" &
pid=$!
if appears "$tmp/out" index.html; then
	kill -TERM $pid
	wait $pid
	rc=$?
	state "$tmp/out" >"$tmp/s1"
	if [ $rc -eq 0 ]; then
		bad "site killed mid-build" "it finished before the signal;" \
		    "the test needs a larger input"
	else
		[ $rc -eq 143 ] && ok "site dies of SIGTERM (143)" ||
		    bad "site dies of SIGTERM (143)" "exit $rc" "$(cat "$tmp/err")"
		sleep 2
		state "$tmp/out" >"$tmp/s2"
		cmp -s "$tmp/s1" "$tmp/s2" &&
		    ok "no page written after the build was killed" ||
		    bad "no page written after the build was killed" \
		    "$(diff "$tmp/s1" "$tmp/s2" | head -n 5)"
		left=$(find "$tmp/out" -name '.*.tmp*' | head -n 3)
		[ -z "$left" ] && ok "no temporary file left in the site" ||
		    bad "no temporary file left in the site" "$left"
		# no worker of this build still running (pgrep matches the
		# workers' command line, the parent's)
		if command -v pgrep >/dev/null 2>&1; then
			pgrep -f -- "$tmp/out" >"$tmp/ps" &&
			    bad "workers ended with the build" "$(cat "$tmp/ps")" ||
			    ok "workers ended with the build"
		fi
	fi
else
	kill -TERM $pid 2>/dev/null
	wait $pid
	bad "site killed mid-build" "no page appeared" "$(cat "$tmp/err")"
fi

echo "sigterm: $pass passed, $fails failed"
[ $fails -eq 0 ]

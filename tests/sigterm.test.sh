#!/bin/sh
# A site build ended by SIGTERM (a CI job's timeout, a `kill`) ends
# its workers too: nothing is written after the build is gone, no
# temporary file is left beside the pages, and the build dies of the
# signal (status 143 in the shell), as it would without a handler.
#
# Runs $HYBRIDOC (default ./hybridoc).  Prints "ok NAME" or "FAIL NAME",
# then "sigterm: N passed, N failed".
. tests/lib.sh

# Three large designs (northwind with 300 more VPN branches each):
# each takes seconds, so when the first page appears the other worker
# is still rendering.
mkdir "$tmp/d" "$tmp/t"
for i in 1 2 3; do
	awk -v d="$i" '/^name: /{print "name: big-" d; next}
	/^traffic:/{
		for (k = 1; k <= 300; k++) {
			printf "  - name: gen-%d\n", k
			printf "    address_prefixes: [10.%d.%d.0/24]\n", \
			    200 + int(k / 250), k % 250
			printf "    vpn:\n      name: gen-%d-fw\n", k
			printf "      device: {vendor: Fortinet, model: F}\n"
			printf "      public_ip: 198.51.%d.%d\n", \
			    100 + int(k / 250), k % 250 + 1
			printf "      bgp: {asn: %d, peer_ip: 10.%d.%d.254}\n", \
			    65300 + k, 200 + int(k / 250), k % 250
		}
	}
	{print}' designs/northwind-branches.yaml >"$tmp/d/big-$i.yaml"
done

# Waits (at most about 300 s, a hang guard) until a file matching $2
# exists below $1.
appears() {
	n=0
	while [ $n -lt 3000 ]; do
		[ -n "$(find "$1" -name "$2" 2>/dev/null | head -n 1)" ] &&
		    return 0
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

# The state of a folder: every name with its checksum, but for the
# temporary files, which a worker still inside a long write() removes
# only when the write returns (checked on their own below).
state() {
	(cd "$1" && find . -type f ! -name '.*.tmp*' -exec cksum {} + \
	    2>/dev/null | sort)
}

TMPDIR=$tmp/t "$bin" site "$tmp/d" -o "$tmp/out" --jobs 2 \
    >/dev/null 2>"$tmp/err" &
pid=$!
if appears "$tmp/out" index.html; then
	kill -TERM $pid
	wait $pid
	rc=$?
	# a write the kill caught inside the kernel (a rename) may still
	# land: the first picture is taken a moment later
	sleep 0.3
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

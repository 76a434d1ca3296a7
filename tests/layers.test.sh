#!/bin/sh
# The modules flow one way.  Each object file under $BUILD/N-stage/ is a
# module of stage N (gen/1-base ... gen/8-cli); from `nm` of every
# object, module A depends on module B when A uses a symbol B defines.
# Two rules:
#   - no module calls a module of a later stage (a higher N), and
#   - no cycle, within a stage or across.
# The checker runs first on three made-up graphs (one clean, one with a
# call up the pipeline, one with a cycle), so that it is known to catch
# both, then on the real one.  Exit status 0 pass, 1 fail.
BUILD=${BUILD:-build}
pass=0
fail=0

# Reads "FROM TO" lines; prints a line per broken rule; exits 1 if any.
check() {
	awk '
	function stage(m) { return substr(m, 1, index(m, "-") - 1) + 0 }
	{
		if ($1 == $2 || seen[$1 " " $2]++)
			next
		if (stage($2) > stage($1)) {
			print "later stage: " $1 " calls " $2
			bad = 1
		}
		from[++n] = $1; to[n] = $2; node[$1]; node[$2]
		out[$1]++
	}
	END {
		# Peel off modules that call nothing left; what remains
		# is a cycle or leads into one.
		do {
			changed = 0
			for (m in node)
				if (!(m in gone) && out[m] == 0) {
					gone[m]
					changed = 1
					for (i = 1; i <= n; i++)
						if (to[i] == m && !(i in cut)) {
							cut[i]
							out[from[i]]--
						}
				}
		} while (changed)
		for (i = 1; i <= n; i++)
			if (!(from[i] in gone) && !(to[i] in gone)) {
				print "cycle: " from[i] " calls " to[i]
				bad = 1
			}
		exit bad
	}'
}

expect() {	# expect NAME STATUS: the checker on standard input
	out=$(check)
	rc=$?
	if [ "$rc" -eq "$2" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL layers self-test $1: status $rc, expected $2"
		printf '%s\n' "$out"
	fi
}

expect clean 0 <<-END
	2-model/a 1-base/b
	3-check/c 2-model/a
	3-check/c 3-check/d
	3-check/d 1-base/b
END
expect up 1 <<-END
	2-model/a 1-base/b
	2-model/a 3-check/c
END
expect cycle 1 <<-END
	3-check/a 3-check/b
	3-check/b 3-check/c
	3-check/c 3-check/a
	3-check/c 1-base/x
END

# The real graph, from the objects the build made from today's sources
# (the Makefile's $BUILD/objects.list; every object when it is absent).
if [ -f "$BUILD/objects.list" ]; then
	# shellcheck disable=SC2046
	set -- $(cat "$BUILD/objects.list")
else
	set -- "$BUILD"/[1-9]-*/*.o
fi
if [ ! -f "$1" ]; then
	echo "FAIL no objects under $BUILD/[1-9]-*/ (run make first)"
	fail=$((fail + 1))
else
	edges=$(for o in "$@"; do
		m=${o#"$BUILD"/}
		nm "$o" | awk -v m="${m%.o}" '
		    NF == 3 && $2 ~ /^[TDBR]$/ { print "D", m, $3 }
		    NF == 2 && $1 == "U" { print "U", m, $2 }'
	done | awk '
	    $1 == "D" && !($3 in def) { def[$3] = $2 }
	    $1 == "U" { use[++n] = $2 " " $3 }
	    END {
		for (i = 1; i <= n; i++) {
			split(use[i], p, " ")
			if ((p[2] in def) && def[p[2]] != p[1])
				print p[1], def[p[2]]
		}
	    }' | sort -u)
	nmods=$#
	nedges=$(printf '%s\n' "$edges" | grep -c .)
	if [ "$nedges" -lt "$nmods" ]; then
		echo "FAIL only $nedges dependencies among $nmods modules: nm read nothing?"
		fail=$((fail + 1))
	elif out=$(printf '%s\n' "$edges" | check); then
		pass=$((pass + 1))
	else
		printf '%s\n' "$out"
		echo "FAIL the module graph of $BUILD"
		fail=$((fail + 1))
	fi
fi
# The Makefile deletes an object no source makes any more (a moved
# source's old object), on any run, and keeps the others.
if [ -f Makefile ] && [ -f "$BUILD/6-change/diff.o" ] &&
    command -v make >/dev/null 2>&1; then
	tmp=$(mktemp -d)
	mkdir -p "$tmp/6-change"
	cp "$BUILD/6-change/diff.o" "$tmp/6-change/diff.o"
	cp "$BUILD/6-change/diff.o" "$tmp/6-change/moved_away.o"
	env -u MAKEFLAGS -u MAKELEVEL make -s -n BUILD="$tmp" \
	    "$tmp/6-change/diff.o" >/dev/null 2>&1
	if [ -f "$tmp/6-change/moved_away.o" ] ||
	    [ ! -f "$tmp/6-change/diff.o" ]; then
		echo "FAIL make keeps a stale object or deletes a current one"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	rm -rf "$tmp"
fi
echo "layers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

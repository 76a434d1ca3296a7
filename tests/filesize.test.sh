#!/bin/sh
# No source file in gen/ is over 1,500 lines unless its opening comment
# says why it is one unit: a sentence starting "Why one file" in its
# first 30 lines.  When that sentence gives a size ("Why one file of
# about 2,100 lines"), the file must still be within a quarter of it,
# so the reason is re-read when the file grows past what it was written
# for.  The checker runs first on made-up files (short, long with a
# reason, long without, long with a stale size), so that it is known to
# catch each case, then on gen/.  Exit status 0 pass, 1 fail.
LIMIT=1500
pass=0
fail=0

# check FILE...: prints a line per file that breaks the rule; status 1
# if any does.
check() {
	bad=0
	for f in "$@"; do
		n=$(wc -l <"$f")
		[ "$n" -le "$LIMIT" ] && continue
		msg=$(head -n 30 "$f" | awk -v n="$n" -v f="$f" '
		    { text = text " " $0 }
		    END {
			gsub(/[ \t]*\*[ \t]*/, " ", text)
			gsub(/[ \t]+/, " ", text)
			i = index(text, "Why one file")
			if (i == 0) {
				printf "%s: %d lines, over the limit, and no " \
				    "\"Why one file\" in its first 30 lines\n", f, n
				exit
			}
			s = substr(text, i, 60)
			if (match(s, /about [0-9][0-9,]* lines/)) {
				about = substr(s, RSTART + 6, RLENGTH - 12)
				gsub(/,/, "", about)
				if (n > about * 1.25 || n < about * 0.75)
					printf "%s: %d lines, but its \"Why one " \
					    "file\" says about %d\n", f, n, about
			}
		    }')
		if [ -n "$msg" ]; then
			printf '%s\n' "$msg"
			bad=1
		fi
	done
	return "$bad"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# lines N: N lines of C.
lines() {
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) print "int x" i ";" }'
}

expect() {	# expect NAME STATUS FILE
	out=$(check "$3")
	rc=$?
	if [ "$rc" -eq "$2" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL filesize self-test $1: status $rc, expected $2"
		printf '%s\n' "$out"
	fi
}

lines 1500 >"$tmp/short.c"
expect short 0 "$tmp/short.c"
{ printf '/*\n * A module.\n *\n * Why one file: it is one state machine.\n */\n'
  lines 1600; } >"$tmp/reason.c"
expect reason 0 "$tmp/reason.c"
{ printf '/*\n * A module.\n */\n'; lines 1600; } >"$tmp/none.c"
expect none 1 "$tmp/none.c"
{ printf '/*\n * A module.\n *\n * Why one file of about\n'
  printf ' * 1,600 lines: one state machine.\n */\n'; lines 1600; } \
    >"$tmp/sized.c"
expect sized 0 "$tmp/sized.c"
{ printf '/*\n * Why one file of about 1,600 lines: one machine.\n */\n'
  lines 2400; } >"$tmp/stale.c"
expect stale 1 "$tmp/stale.c"
{ lines 40; printf '/* Why one file: too late to count. */\n'
  lines 1600; } >"$tmp/late.c"
expect late 1 "$tmp/late.c"

# The real sources.
set -- gen/[1-9]-*/*.c
if [ ! -f "$1" ]; then
	echo "FAIL no sources under gen/[1-9]-*/"
	fail=$((fail + 1))
elif check "$@"; then
	pass=$((pass + 1))
else
	echo "FAIL gen/ has files over $LIMIT lines without a reason"
	fail=$((fail + 1))
fi
echo "filesize: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

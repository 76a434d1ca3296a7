#!/bin/sh
# Hostile designs and hostile output folders, end to end.
#
# Injection: tests/hostile/inject.yaml carries markup and escapes in
# every free-text field; it goes through every command and format, and
# tests/hostile/check.py checks each output: HTML and SVG inert (no
# inline script, no on* attribute, no javascript: URL) and showing the
# text as written; JSON and SARIF parse and keep the strings exactly;
# DOT parses with `dot` and its labels show the literal text; Mermaid
# keeps quotes inside labels and has no fence; Markdown tables keep
# their columns; text reports keep one message per line.
#
# Output safety: a site build killed with SIGKILL leaves only whole
# files (each the old or the new version); nothing is written through a
# symbolic link in the output folder; an unwritable output gives exit 2
# and a message; -o onto a FIFO or a symbolic link keeps it.
#
# Runs $HYBRIDOC (default ./hybridoc) under $VALGRIND for the rendering
# cases.  Needs python3 and dot; exits 77 (skipped) without them.
# Prints "ok NAME" or "FAIL NAME" with details, then
# "hostile: N passed, N failed".
bin=${HYBRIDOC:-./hybridoc}
case $bin in
/*)	;;
*/*)	bin=$(pwd)/$bin ;;
esac
if ! command -v python3 >/dev/null 2>&1 || ! command -v dot >/dev/null 2>&1
then
	echo "hostile: python3 and dot are needed"
	exit 77
fi
H=tests/hostile/inject.yaml
CHECK="python3 tests/hostile/check.py"
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0
fail=0

# t NAME COMMAND...: one test; its output is shown when it fails.
t() {
	name=$1
	shift
	start=$(date +%s)
	if "$@" >"$tmp/log" 2>&1; then
		echo "ok $name ($(($(date +%s) - start)) s)"
		pass=$((pass + 1))
	else
		echo "FAIL $name ($(($(date +%s) - start)) s)"
		sed 's/^/	/' "$tmp/log" | head -n 30
		fail=$((fail + 1))
	fi
}

# run ARGS...: the program under $VALGRIND; exit status 0 or 1 (findings)
# counts as success.
run() {
	# shellcheck disable=SC2086
	NO_COLOR=1 $VALGRIND "$bin" "$@"
	rc=$?
	[ $rc -le 1 ] || { echo "exit status $rc: hybridoc $*"; return 1; }
}

# The strings of inject.yaml (\n: the newline in them), for the checks.
title='TITLE <script>alert(1)</script><img src=x onerror=alert(1)> '"'sq'"' "dq" \N \G \l \\ | `tick` ``` {{mustache}} {{{raw}}}'
location='LOCATION <script>alert(1)</script><img src=x onerror=alert(1)> "dq" '"'sq'"' \N \G \l \\ | `t` ``` {{m}}'
vendor='VENDOR <script>alert(1)</script> "dq" \N | `t`'
model='MODEL <img src=x onerror=alert(1)> '"'sq'"' \l \\ | ``` {{m}}'
provider='PROVIDER <script>alert(1)</script> "dq" '"'sq'"' \N \l | `t` ``` {{m}}'
peering='PEERING <svg onload=alert(1)> "dq" \G \\ | `t`'
reason='REASON <script>alert(1)</script><img src=x onerror=alert(1)> "dq" '"'sq'"' \N \\ | `t` ``` {{m}}\nhybridoc.yaml:1:1: error: injected line [HD101]'

# ---- injection: validate, simulate, diagram, runbook ----

o=$tmp/out
mkdir -p "$o"
text_report() {
	run validate "$H" >"$o/validate.txt" 2>&1 &&
	$CHECK lines "$o/validate.txt" "$H:" "hybridoc:"
}
t validate-text-one-line-each text_report
json_report() {
	run validate -f json -o "$o/findings.json" "$H" &&
	$CHECK json "$o/findings.json" "$reason"
}
t validate-json-strings-intact json_report
sarif_report() {
	run validate -f sarif -o "$o/findings.sarif" "$H" &&
	$CHECK json "$o/findings.sarif" "$reason"
}
t validate-sarif-strings-intact sarif_report
sim_json() {
	run simulate -f json -o "$o/sim.json" "$H" &&
	$CHECK json "$o/sim.json"
}
t simulate-json-parses sim_json
sim_text() {
	run simulate -o "$o/sim.txt" "$H" &&
	! grep -n '^line2' "$o/sim.txt"
}
t simulate-text-one-line-each sim_text
diagram_dot() {
	run diagram -o "$o/topology.dot" "$H" &&
	dot -Tsvg "$o/topology.dot" >"$o/dot.svg" &&
	$CHECK svgtext "$o/dot.svg" "$location" "$vendor" "$model" \
	    "$provider" "$peering"
}
t diagram-dot-parses-and-keeps-text diagram_dot
diagram_svg() {
	run diagram -o "$o/topology.svg" "$H" &&
	$CHECK html "$o/topology.svg" '<script>alert(1)</script>' &&
	run diagram --detail full -o "$o/full.svg" "$H" &&
	$CHECK html "$o/full.svg" '<script>alert(1)</script>' &&
	run diagram -s site-down:HQ -o "$o/scenario.svg" "$H" &&
	$CHECK html "$o/scenario.svg" '<script>alert(1)</script>'
}
t diagram-svg-inert diagram_svg
diagram_mmd() {
	run diagram -o "$o/topology.mmd" "$H" &&
	$CHECK mermaid "$o/topology.mmd" &&
	run diagram --detail full -s site-down:HQ -o "$o/scenario.mmd" "$H" &&
	$CHECK mermaid "$o/scenario.mmd"
}
t diagram-mermaid-quotes-and-fences diagram_mmd
runbook_md() {
	run runbook -o "$o/runbook.md" "$H" &&
	$CHECK markdown "$o/runbook.md"
}
t runbook-markdown-tables-and-tags runbook_md
runbook_html() {
	run runbook -o "$o/runbook.html" "$H" &&
	$CHECK html "$o/runbook.html" "$title" "$location" "$vendor" \
	    '<script>alert(1)</script>' 'javascript:alert(1)'
}
t runbook-html-inert runbook_html

# ---- injection: diagnose (the captures of tests/diagnose, whose
# gateway names inject.yaml shares; a circuit down, so that the
# hostile peering location is named among the checks) ----

C=tests/diagnose/contoso-circuit-down
dx() {
	run diagnose "$H" --learned ergw-hub-eus=$C/ergw-hub-eus.learned.json \
	    --learned vpngw-hub-eus=$C/vpngw-hub-eus.learned.json \
	    --bgp-peers vpngw-hub-eus=$C/vpngw-hub-eus.bgp-peers.json "$@"
}
diagnose_md() {
	dx -f md -o "$o/diagnose.md" &&
	grep -q 'PEERING' "$o/diagnose.md" &&
	$CHECK markdown "$o/diagnose.md"
}
t diagnose-markdown-escaped diagnose_md
diagnose_json() {
	dx -f json -o "$o/diagnose.json" &&
	grep -q 'PEERING' "$o/diagnose.json" &&
	$CHECK json "$o/diagnose.json"
}
t diagnose-json-parses diagnose_json
diagnose_text() {
	dx -o "$o/diagnose.txt" &&
	grep -q 'PEERING' "$o/diagnose.txt" &&
	! grep -n '^line2' "$o/diagnose.txt"
}
t diagnose-text-one-line-each diagnose_text
diagnose_commands() {
	run diagnose --commands "$H" >"$o/capture.sh" &&
	sh -n "$o/capture.sh" &&
	run diagnose --commands --shell powershell "$H" >"$o/capture.ps1" &&
	! grep -n '^line2' "$o/capture.sh" "$o/capture.ps1"
}
t diagnose-commands-parse diagnose_commands

# ---- injection: site ----

mkdir -p "$tmp/designs"
cp "$H" "$tmp/designs/"
site_all() {
	run site "$tmp/designs" -o "$tmp/site" || return 1
	rc=0
	for f in "$tmp/site"/*.html "$tmp/site"/*/*.html "$tmp/site"/*/*.svg
	do
		$CHECK html "$f" || rc=1
	done
	for f in "$tmp/site"/*/*.json "$tmp/site"/*/*.sarif; do
		$CHECK json "$f" || rc=1
	done
	$CHECK html "$tmp/site/hostile-inject/index.html" "$title" \
	    "$location" || rc=1
	$CHECK json "$tmp/site/hostile-inject/findings.json" "$reason" || rc=1
	$CHECK mermaid "$tmp/site/hostile-inject/topology.mmd" || rc=1
	$CHECK markdown "$tmp/site/hostile-inject/runbook.md" || rc=1
	dot -Tsvg "$tmp/site/hostile-inject/topology.dot" >/dev/null || rc=1
	# The search index is a script: no design text may close it.
	if grep -in '</script\|<!--' "$tmp/site/search-index.js"; then
		echo "search-index.js can be broken out of"
		rc=1
	fi
	return $rc
}
t site-pages-inert site_all

# ---- injection: packet ----

sed 's/LOCATION /LOCATION-NEW /; s/PROVIDER /PROVIDER-NEW /' "$H" \
	>"$tmp/head.yaml"
packet_all() {
	run packet "$H" "$tmp/head.yaml" -o "$tmp/packet" || return 1
	rc=0
	for f in "$tmp/packet"/*.html "$tmp/packet"/*.svg; do
		$CHECK html "$f" || rc=1
	done
	$CHECK html "$tmp/packet/packet.html" "$title" || rc=1
	$CHECK json "$tmp/packet/packet.json" "$location\\nline2" \
	    "LOCATION-NEW ${location#LOCATION }\\nline2" || rc=1
	$CHECK markdown "$tmp/packet/packet.md" || rc=1
	return $rc
}
t packet-inert packet_all

# ---- output safety ----

# -o onto a FIFO writes into it: renaming over it (or over /dev/null,
# as root) replaced the node with a regular file.
fifo_kept() {
	mkfifo "$tmp/fifo" || return 1
	cat "$tmp/fifo" >"$tmp/fifo.got" &
	reader=$!
	run validate -f json -o "$tmp/fifo" designs/contoso-eastus.yaml
	rc=$?
	# A reader still waiting means nothing came through the FIFO.
	i=0
	while kill -0 $reader 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 $reader 2>/dev/null; then
		kill $reader
		echo "nothing was written into the FIFO"
		rc=1
	fi
	wait $reader
	[ $rc = 0 ] && [ -p "$tmp/fifo" ] &&
	$CHECK json "$tmp/fifo.got"
}
t output-fifo-kept fifo_kept

# -o onto a symbolic link the user made: the target is replaced whole
# and the link stays.
link_kept() {
	echo old >"$tmp/target.md"
	ln -s target.md "$tmp/link.md"
	run runbook -o "$tmp/link.md" designs/contoso-eastus.yaml &&
	[ -L "$tmp/link.md" ] && grep -q '^# ' "$tmp/target.md"
}
t output-symlink-kept link_kept

# No path built from a design may leave the output folder through a
# link: a design's folder, a page in it, a top-level page.
symlink_refused() {
	what=$1
	rm -rf "$tmp/sl" && mkdir -p "$tmp/sl/out" "$tmp/sl/elsewhere" &&
	cp designs/contoso-eastus.yaml "$tmp/sl/" || return 1
	case $what in
	folder)
		ln -s "$tmp/sl/elsewhere" "$tmp/sl/out/contoso-eastus" ;;
	page)
		mkdir -p "$tmp/sl/out/contoso-eastus"
		ln -s "$tmp/sl/elsewhere/page.html" \
		    "$tmp/sl/out/contoso-eastus/index.html" ;;
	index)
		ln -s "$tmp/sl/elsewhere/index.html" "$tmp/sl/out/index.html" ;;
	esac
	NO_COLOR=1 "$bin" site "$tmp/sl" -o "$tmp/sl/out" 2>"$tmp/sl/err"
	rc=$?
	cat "$tmp/sl/err"
	[ $rc = 2 ] || { echo "exit status $rc, expected 2"; return 1; }
	grep -q 'symbolic link' "$tmp/sl/err" || return 1
	if [ -n "$(ls -A "$tmp/sl/elsewhere")" ]; then
		echo "written outside the output folder:"
		ls -la "$tmp/sl/elsewhere"
		return 1
	fi
}
t site-symlink-folder-refused symlink_refused folder
t site-symlink-page-refused symlink_refused page
t site-symlink-index-refused symlink_refused index

# Unwritable output: exit 2 and a message naming the path; nothing
# half-made.  Permission tests need a user the permissions bind: as
# root they run as nobody through setpriv (else only the path cases).
as_user() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}
unwritable() {
	cmd=$1
	out=$2
	shift 2
	case $cmd in
	runbook) NO_COLOR=1 as_user "$bin" runbook designs/contoso-eastus.yaml \
	    -o "$out" 2>"$tmp/uw.err" ;;
	diagram) NO_COLOR=1 as_user "$bin" diagram designs/contoso-eastus.yaml \
	    -o "$out" 2>"$tmp/uw.err" ;;
	site) NO_COLOR=1 as_user "$bin" site designs -o "$out" \
	    2>"$tmp/uw.err" ;;
	packet) NO_COLOR=1 as_user "$bin" packet designs/contoso-eastus.yaml \
	    designs/contoso-eastus.yaml -o "$out" 2>"$tmp/uw.err" ;;
	esac
	rc=$?
	cat "$tmp/uw.err"
	[ $rc = 2 ] || { echo "exit status $rc, expected 2"; return 1; }
	grep -q "^$out: error: \|^${out%/*}: error: " "$tmp/uw.err" || {
		echo "no message naming $out"
		return 1
	}
}
touch "$tmp/a-file"
t runbook-into-missing-folder unwritable runbook "$tmp/none/x.md"
t runbook-under-a-file unwritable runbook "$tmp/a-file/x.md"
t diagram-under-a-file unwritable diagram "$tmp/a-file/x.svg"
t site-onto-a-file unwritable site "$tmp/a-file"
t site-under-a-file unwritable site "$tmp/a-file/site"
t packet-under-a-file unwritable packet "$tmp/a-file/packet"
if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null 2>&1; then
	chmod 755 "$tmp"
	mkdir -p "$tmp/ro"
	"$bin" site designs -o "$tmp/ro/site" >/dev/null 2>&1
	(cd "$tmp/ro/site" && find . -type f -exec cksum {} + | sort) \
		>"$tmp/ro.before"
	chmod -R a-w "$tmp/ro"
	t runbook-into-readonly-folder unwritable runbook "$tmp/ro/x.md"
	t site-into-readonly-folder unwritable site "$tmp/ro/new-site"
	# Other designs: new pages are due, none can be written.
	ro_site() {
		NO_COLOR=1 as_user "$bin" site "$tmp/designs" \
		    -o "$tmp/ro/site" 2>"$tmp/uw.err"
		rc=$?
		cat "$tmp/uw.err"
		[ $rc = 2 ] || { echo "exit status $rc, expected 2"; return 1; }
		(cd "$tmp/ro/site" && find . -type f -exec cksum {} + | sort) |
		    cmp -s - "$tmp/ro.before" || {
			echo "the old site changed"
			return 1
		}
	}
	t site-readonly-old-site-intact ro_site
	chmod -R u+w "$tmp/ro"
fi

# SIGKILL during a site build: every file left is whole, the old or the
# new version.  Old: the site of N designs; new: the same designs with
# another title, built into a second folder.  The killed build starts
# from a copy of the old site and is killed once it has replaced some
# files.
killed_site() (
	# Sanitizers add nothing to this test but time: no leak check, and
	# LSan's slow unwinding off.
	ASAN_OPTIONS=detect_leaks=0
	export ASAN_OPTIONS
	n=10
	k=$tmp/kill
	mkdir -p "$k/old" "$k/new"
	python3 tests/bench/gen_design.py --designs $n -o "$k/old" ||
		return 1
	for f in "$k/old"/*.yaml; do
		sed 's/^title: \(.*\)/title: "\1 (retitled)"/' "$f" \
		    >"$k/new/${f##*/}"
	done
	"$bin" site "$k/old" -o "$k/site-old" >/dev/null 2>&1 &&
	"$bin" site "$k/new" -o "$k/site-new" >/dev/null 2>&1 || {
		echo "reference builds failed"
		return 1
	}
	cp -Rp "$k/site-old" "$k/site"
	touch "$k/stamp"
	sleep 1
	"$bin" site "$k/new" -o "$k/site" >/dev/null 2>&1 &
	pid=$!
	i=0
	while [ $i -lt 3000 ]; do
		[ -n "$(find "$k/site" -type f -newer "$k/stamp" | head -n 1)" ] &&
			break
		kill -0 $pid 2>/dev/null || break
		sleep 0.01
		i=$((i + 1))
	done
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	old=0 new=0 bad=0
	# Each file is read once (a copy), so a file replaced between two
	# comparisons cannot look like neither version.
	for f in $(cd "$k/site" && find . -type f ! -name '.*.tmp*'); do
		cp "$k/site/$f" "$k/snap" 2>/dev/null || continue
		if cmp -s "$k/snap" "$k/site-new/$f"; then
			new=$((new + 1))
		elif cmp -s "$k/snap" "$k/site-old/$f"; then
			old=$((old + 1))
		else
			echo "not a whole file: $f"
			bad=$((bad + 1))
		fi
	done
	# Temporary files may stay behind (nothing runs after SIGKILL):
	# hidden, and never under a published name.
	find "$k/site" -name '*.tmp*' ! -name '.*' | sed 's/^/stray: /'
	echo "after SIGKILL: $old old files, $new new, $bad broken"
	[ $bad = 0 ] && [ -z "$(find "$k/site" -name '*.tmp*' ! -name '.*')" ] ||
		return 1
	[ $old -gt 0 ] && [ $new -gt 0 ] || echo "(the kill did not land" \
	    "mid-build; inconclusive)"
	# The next build repairs the site completely.
	"$bin" site "$k/new" -o "$k/site" >/dev/null 2>&1 &&
	"$bin" site "$k/new" -o "$k/site" --check >/dev/null 2>&1
)
t site-sigkill-leaves-whole-files killed_site

echo "hostile: $pass passed, $fail failed"
[ $fail = 0 ]

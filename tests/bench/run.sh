#!/bin/sh
# `make bench`: times hybridoc against `dot -Tsvg` and mingrammer's
# diagrams with hyperfine, one hyperfine invocation per comparison so
# that the commands share the machine's state, then prints a table of
# medians and ratios (tests/bench/report.py) and the issue's targets.
#
#   sh tests/bench/run.sh            # the whole run (about 5-10 minutes)
#   BENCH_QUICK=1 sh tests/bench/run.sh   # 3 runs each, for a smoke test
#
# Environment: HYBRIDOC (default ./hybridoc), OUT (default
# tests/bench/out, which git ignores), PYTHON (default /usr/bin/python3:
# Debian's python3-diagrams lives in its dist-packages).  Designs come
# from tests/bench/gen_design.py; results land in $OUT/*.json (hyperfine),
# $OUT/mem.tsv (peak RSS from /usr/bin/time) and $OUT/results.md.
set -eu

HYBRIDOC=${HYBRIDOC:-./hybridoc}
OUT=${OUT:-tests/bench/out}
PYTHON=${PYTHON:-/usr/bin/python3}
BENCH=$(dirname "$0")
H=$(cd "$(dirname "$HYBRIDOC")" && pwd)/$(basename "$HYBRIDOC")

need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "bench: $1 is missing; apt-get install -y $2" >&2
	exit 2
}
need hyperfine hyperfine
need dot graphviz
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing;" \
    "apt-get install -y time" >&2; exit 2; }
"$PYTHON" -c 'import diagrams' 2>/dev/null || { echo "bench: $PYTHON" \
    "cannot import diagrams; apt-get install -y python3-diagrams" >&2;
    exit 2; }
[ -x "$H" ] || { echo "bench: no $HYBRIDOC; run make first" >&2; exit 2; }

# Runs per comparison: W warm-up runs, R timed runs; the slow peer and
# the cold site builds get fewer.
if [ -n "${BENCH_QUICK:-}" ]; then
	W=0 R=3 WS=0 RS=1 RC=1
else
	W=2 R=15 WS=1 RS=3 RC=2
fi

rm -rf "$OUT"
mkdir -p "$OUT/d" "$OUT/o"
D=$OUT/d
O=$OUT/o

# ---- the machine, before ----
{
	echo "date	$(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "nproc	$(nproc)"
	echo "cpu	$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
	echo "mem	$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
	echo "load_before	$(cut -d' ' -f1-3 /proc/loadavg)"
	echo "hybridoc	$("$H" --version 2>&1 | head -n 1)"
	echo "dot	$(dot -V 2>&1 | head -n 1)"
	echo "diagrams	python3-diagrams $(dpkg-query -W -f '${Version}' python3-diagrams 2>/dev/null || echo '?')"
	echo "python	$("$PYTHON" --version 2>&1)"
	echo "hyperfine	$(hyperfine --version)"
} > "$OUT/machine.tsv"

# ---- designs ----
echo "bench: generating designs in $D"
for n in 2 10 50 200; do
	"$PYTHON" "$BENCH/gen_design.py" --sites $n -o "$D/d$n.yaml"
	"$H" diagram "$D/d$n.yaml" -o "$D/d$n.dot"
	"$H" diagram --detail full "$D/d$n.yaml" -o "$D/d$n-full.dot"
done
for n in 250 500; do
	"$PYTHON" "$BENCH/gen_design.py" --sites $n --prefixes $((n * 10)) \
	    -o "$D/s$n.yaml"
done
"$PYTHON" "$BENCH/gen_design.py" --big -o "$D/s1000.yaml"
"$PYTHON" "$BENCH/gen_design.py" --designs 200 -o "$D/site"

hf() {
	name=$1
	shift
	echo "bench: $name"
	hyperfine -N --style basic --export-json "$OUT/$name.json" "$@" |
	    grep -E '^Benchmark|Time \(mean|±|faster' || true
}

# ---- 1. diagram SVG vs dot -Tsvg on hybridoc's own DOT ----
for n in 2 10 50 200; do
	hf "dot-$n" --warmup $W --runs $R \
	    -n hybridoc "$H diagram $D/d$n.yaml -o $O/a.svg" \
	    -n dot "dot -Tsvg -o $O/b.svg $D/d$n.dot"
done

# ---- 2. diagram SVG (full and default) vs the peer ----
for n in 2 10 50 200; do
	w=$W r=$R
	[ $n -ge 200 ] && w=$WS r=$RS
	hf "peer-$n" --warmup $w --runs $r \
	    -n full "$H diagram --detail full $D/d$n.yaml -o $O/a.svg" \
	    -n default "$H diagram $D/d$n.yaml -o $O/b.svg" \
	    -n peer "$PYTHON $BENCH/peer_diagrams.py $D/d$n.yaml -o $O/c.svg"
done

# ---- 3. the HTML runbook vs one dot -Tsvg ----
for n in 2 10 50 200; do
	w=$W r=$R
	[ $n -ge 200 ] && r=$((R / 3 + 1))
	hf "runbook-$n" --warmup $w --runs $r \
	    -n runbook "$H runbook $D/d$n.yaml -o $O/r.html" \
	    -n dot "dot -Tsvg -o $O/b.svg $D/d$n.dot"
done

# ---- 4. simulate, depth 1: 250, 500, 1,000 sites (10 prefixes each) ----
hf simulate --warmup $W --runs $R \
    -n 250 "$H simulate --depth 1 $D/s250.yaml -o $O/s.txt" \
    -n 500 "$H simulate --depth 1 $D/s500.yaml -o $O/s.txt" \
    -n 1000 "$H simulate --depth 1 $D/s1000.yaml -o $O/s.txt"

# ---- 5. site: cold with --jobs 1 and 2, and the rebuild after one change ----
# hyperfine runs each command's runs in turn, so the rebuild starts from
# the last cold --jobs 1 build.  The change flips the first design's
# title: each rebuild has one design to render again.  The cold builds
# are the slowest part of the run: two runs each.  /usr/bin/time around
# the first one records the site's peak memory (it adds a millisecond).
flip="sed -i -e 's/^title: Benchmark/title: Changed/;t' -e 's/^title: Changed/title: Benchmark/' $D/site/bench-site-000.yaml"
hf site --warmup 0 --runs $RC \
    --prepare "rm -rf $O/site-1" -n cold-j1 "/usr/bin/time -f %M -o $OUT/rss-site $H site --jobs 1 $D/site -o $O/site-1" \
    --prepare "rm -rf $O/site-2" -n cold-j2 "$H site --jobs 2 $D/site -o $O/site-2" \
    --prepare "$flip" -n rebuild-j1 "$H site --jobs 1 $D/site -o $O/site-1"

# ---- 6b. how fast the slow bad inputs are refused, against a plain
# validate of a shipped design (exit 2 expected, so -i).  The .gen
# inputs are too big to commit: their scripts write them here.
for g in many-anchors many-unknown-keys many-keys too-many-nodes huge-file; do
	sh "tests/bad/$g.gen" "$D/$g.yaml"
done
hf refuse --warmup $W --runs $R -i \
    -n validate "$H validate designs/contoso-eastus.yaml" \
    -n many-anchors "$H validate $D/many-anchors.yaml" \
    -n many-unknown-keys "$H validate $D/many-unknown-keys.yaml" \
    -n many-keys "$H validate $D/many-keys.yaml" \
    -n too-many-nodes "$H validate $D/too-many-nodes.yaml" \
    -n alias-bomb "$H validate tests/bad/alias-bomb.yaml" \
    -n deep-nesting "$H validate tests/bad/deep-nesting.yaml" \
    -n huge-file "$H validate $D/huge-file.yaml"
rm -f "$D/huge-file.yaml"	# 50 MB

# ---- 6. peak memory (maximum resident set size) ----
echo "bench: peak memory"
mem() {
	name=$1
	shift
	/usr/bin/time -f %M -o "$OUT/rss" "$@" >/dev/null 2>&1 || true
	printf '%s\t%s\n' "$name" "$(tail -n 1 "$OUT/rss")" >> "$OUT/mem.tsv"
}
: > "$OUT/mem.tsv"
for n in 2 10 50 200; do
	mem "diagram-$n" "$H" diagram "$D/d$n.yaml" -o "$O/a.svg"
	mem "dot-$n" dot -Tsvg -o "$O/b.svg" "$D/d$n.dot"
	mem "full-$n" "$H" diagram --detail full "$D/d$n.yaml" -o "$O/a.svg"
	mem "dot-full-$n" dot -Tsvg -o "$O/b.svg" "$D/d$n-full.dot"
	mem "runbook-$n" "$H" runbook "$D/d$n.yaml" -o "$O/r.html"
done
mem peer-200 "$PYTHON" "$BENCH/peer_diagrams.py" "$D/d200.yaml" -o "$O/c.svg"
mem simulate-1000 "$H" simulate --depth 1 "$D/s1000.yaml" -o "$O/s.txt"
printf 'site-cold-j1\t%s\n' "$(tail -n 1 "$OUT/rss-site")" >> "$OUT/mem.tsv"
rm -f "$OUT/rss" "$OUT/rss-site"

# ---- 7. instructions, when perf can count them: what the load does not move ----
ins() {
	perf stat -x, -e instructions:u "$@" 2>&1 >/dev/null |
	    awk -F, '/instructions/ { print $1 }'
}
if perf stat -e instructions:u true >/dev/null 2>&1; then
	echo "bench: instruction counts"
	: > "$OUT/ins.tsv"
	for n in 2 10 50 200; do
		printf 'diagram-%s\t%s\n' $n "$(ins "$H" diagram "$D/d$n.yaml" -o "$O/a.svg")"
		printf 'dot-%s\t%s\n' $n "$(ins dot -Tsvg -o "$O/b.svg" "$D/d$n.dot")"
		printf 'runbook-%s\t%s\n' $n "$(ins "$H" runbook "$D/d$n.yaml" -o "$O/r.html")"
	done >> "$OUT/ins.tsv"
	for n in 250 500 1000; do
		printf 'simulate-%s\t%s\n' $n "$(ins "$H" simulate --depth 1 "$D/s$n.yaml" -o "$O/s.txt")"
	done >> "$OUT/ins.tsv"
fi

echo "load_after	$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.tsv"
rm -rf "$O/site-1" "$O/site-2"	# 400 MB each
"$PYTHON" "$BENCH/report.py" "$OUT"

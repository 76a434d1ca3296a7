#!/usr/bin/python3
"""Print `make bench`'s table from what tests/bench/run.sh measured.

usage: report.py OUT

Reads OUT/*.json (hyperfine --export-json), OUT/mem.tsv (name, peak RSS
in KiB) and OUT/machine.tsv, prints the medians, their ratios and each
of issue 9's targets with "ok" or "MISS", and writes the same as
Markdown to OUT/results.md for tests/bench/RESULTS.md.  Times are
hyperfine's medians of wall-clock time; the "cpu" ratio beside each is
of mean user+system time, which a busy machine disturbs less.
"""

import json
import os
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "tests/bench/out"
# Section 8's target: a slow bad input is refused in at most this many
# times the CPU time of a plain validate of a shipped design.
REFUSE_MAX = 100
lines = []


def emit(s=""):
    print(s)
    lines.append(s)


def bench(name):
    """{command name: (median s, mean cpu s)} of one hyperfine run."""
    path = os.path.join(OUT, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as fp:
        data = json.load(fp)
    return {r["command"]: (r["median"], r["user"] + r["system"])
            for r in data["results"]}


def ms(s):
    return "%.0f ms" % (s * 1000) if s < 10 else "%.1f s" % s


def verdict(ok):
    return "ok" if ok else "**MISS**"


def table(head, rows):
    emit("| " + " | ".join(head) + " |")
    emit("|" + "|".join("---" for _ in head) + "|")
    for r in rows:
        emit("| " + " | ".join(str(c) for c in r) + " |")
    emit()


def main():
    mach = {}
    if os.path.exists(os.path.join(OUT, "machine.tsv")):
        with open(os.path.join(OUT, "machine.tsv")) as fp:
            for ln in fp:
                k, _, v = ln.rstrip("\n").partition("\t")
                mach[k] = v
    emit("Machine: %s, %s CPUs, %s; load average %s before, %s after "
         "(%s)." % (mach.get("cpu", "?"), mach.get("nproc", "?"),
                    mach.get("mem", "?"), mach.get("load_before", "?"),
                    mach.get("load_after", "?"), mach.get("date", "?")))
    emit("Versions: %s; %s; %s (%s); %s." % (
        mach.get("hybridoc", "?"), mach.get("dot", "?"),
        mach.get("diagrams", "?"), mach.get("python", "?"),
        mach.get("hyperfine", "?")))
    emit()

    emit("**1. `hybridoc diagram` to SVG vs `dot -Tsvg` on its own DOT** "
         "(default view; target: at most 1.15x)")
    emit()
    rows = []
    for n in (2, 10, 50, 200):
        b = bench("dot-%d" % n)
        if b is None:
            continue
        h, d = b["hybridoc"], b["dot"]
        rows.append((n, ms(h[0]), ms(d[0]), "%.2fx" % (h[0] / d[0]),
                     "%.2fx" % (h[1] / d[1]), verdict(h[0] / d[0] <= 1.15)))
    table(("N", "hybridoc", "dot -Tsvg", "ratio", "cpu ratio", "target"),
          rows)

    emit("**2. `hybridoc diagram` vs mingrammer's diagrams (peer)** "
         "(targets: `--detail full` at least 4x faster at N = 2 and 10, "
         "2.5x at N = 50; default view at least 5x faster at N = 200)")
    emit()
    rows = []
    for n in (2, 10, 50, 200):
        b = bench("peer-%d" % n)
        if b is None:
            continue
        f, d, p = b["full"], b["default"], b["peer"]
        if n <= 10:
            ok = p[0] / f[0] >= 4
        elif n == 50:
            ok = p[0] / f[0] >= 2.5
        else:
            ok = p[0] / d[0] >= 5
        rows.append((n, ms(f[0]), ms(d[0]), ms(p[0]),
                     "%.1fx" % (p[0] / f[0]), "%.1fx" % (p[0] / d[0]),
                     "%.1fx / %.1fx" % (p[1] / f[1], p[1] / d[1]),
                     verdict(ok)))
    table(("N", "full", "default", "peer", "peer/full", "peer/default",
           "cpu ratios", "target"), rows)

    emit("**3. `hybridoc runbook -o x.html` vs one `dot -Tsvg` of the "
         "design** (target: at most 2x)")
    emit()
    rows = []
    for n in (2, 10, 50, 200):
        b = bench("runbook-%d" % n)
        if b is None:
            continue
        r, d = b["runbook"], b["dot"]
        rows.append((n, ms(r[0]), ms(d[0]), "%.2fx" % (r[0] / d[0]),
                     "%.2fx" % (r[1] / d[1]), verdict(r[0] / d[0] <= 2)))
    table(("N", "runbook", "dot -Tsvg", "ratio", "cpu ratio", "target"),
          rows)

    b = bench("simulate")
    if b is not None:
        emit("**4. `hybridoc simulate --depth 1`, 10 prefixes a site** "
             "(target: 1,000 sites under 1 s, linear)")
        emit()
        rows = []
        for n in ("250", "500", "1000"):
            t = b[n]
            rows.append((n, ms(t[0]), "%.2f ms" % (t[0] * 1000 / int(n)),
                         ms(t[1]),
                         verdict(t[0] < 1) if n == "1000" else ""))
        table(("sites", "median", "per site", "cpu", "target"), rows)
        emit("Growth: 500/250 sites %.2fx, 1000/500 sites %.2fx "
             "(2.00x is linear)." % (b["500"][0] / b["250"][0],
                                     b["1000"][0] / b["500"][0]))
        emit()

    b = bench("site")
    if b is not None:
        c1, c2, inc = b["cold-j1"], b["cold-j2"], b["rebuild-j1"]
        emit("**5. `hybridoc site` on 200 generated designs** (targets: "
             "rebuild after one change at most 5% of cold; `--jobs 2` "
             "at least 1.6x faster than `--jobs 1`)")
        emit()
        table(("build", "median", "cpu", "ratio", "target"), (
            ("cold, --jobs 1", ms(c1[0]), ms(c1[1]), "", ""),
            ("cold, --jobs 2", ms(c2[0]), ms(c2[1]),
             "%.2fx faster" % (c1[0] / c2[0]), verdict(c1[0] / c2[0] >= 1.6)),
            ("rebuild, one design changed", ms(inc[0]), ms(inc[1]),
             "%.1f%% of cold" % (100 * inc[0] / c1[0]),
             verdict(inc[0] / c1[0] <= 0.05))))

    mem = {}
    if os.path.exists(os.path.join(OUT, "mem.tsv")):
        with open(os.path.join(OUT, "mem.tsv")) as fp:
            for ln in fp:
                k, _, v = ln.rstrip("\n").partition("\t")
                if v.strip().isdigit():
                    mem[k] = int(v) / 1024.0
    if mem:
        emit("**6. Peak memory** (maximum resident set size; targets: "
             "diagram at most 1.2x dot's on the same graph, 200-site "
             "runbook under 64 MiB)")
        emit()
        rows = []
        for n in (2, 10, 50, 200):
            for a, b_, what in (("diagram-%d", "dot-%d", "default"),
                                ("full-%d", "dot-full-%d", "full")):
                a, b_ = a % n, b_ % n
                if a in mem and b_ in mem:
                    rows.append(("diagram %s, N = %d" % (what, n),
                                 "%.1f MiB" % mem[a],
                                 "dot %.1f MiB" % mem[b_],
                                 "%.2fx" % (mem[a] / mem[b_]),
                                 verdict(mem[a] / mem[b_] <= 1.2)))
        for n in (2, 10, 50, 200):
            k = "runbook-%d" % n
            if k in mem:
                rows.append(("runbook HTML, N = %d" % n,
                             "%.1f MiB" % mem[k], "", "",
                             verdict(mem[k] < 64) if n == 200 else ""))
        for k, what in (("peer-200", "peer, N = 200"),
                        ("simulate-1000", "simulate, 1,000 sites"),
                        ("site-cold-j1", "site, 200 designs, cold")):
            if k in mem:
                rows.append((what, "%.1f MiB" % mem[k], "", "", ""))
        table(("run", "peak RSS", "against", "ratio", "target"), rows)

    b = bench("refuse")
    if b and "validate" in b:
        emit("**8. Slow bad inputs, refused** (`hybridoc validate` exits 2 "
             "on each; against a plain validate of "
             "designs/contoso-eastus.yaml; target: each at most %dx its "
             "CPU time, which is about the 1 s per case that `make test` "
             "used to allow)" % REFUSE_MAX)
        emit()
        base_wall, base_cpu = b["validate"]
        rows = [("validate contoso-eastus (exit 0)", ms(base_wall),
                 "%.1f ms" % (base_cpu * 1000), "", "", "")]
        for k in ("many-anchors", "many-unknown-keys", "many-keys",
                  "too-many-nodes", "alias-bomb", "deep-nesting",
                  "huge-file"):
            if k in b:
                w, c = b[k]
                rows.append((k, ms(w), "%.1f ms" % (c * 1000),
                             "%.1fx" % (w / base_wall),
                             "%.1fx" % (c / base_cpu),
                             verdict(c / base_cpu <= REFUSE_MAX)))
        table(("input", "median", "cpu", "ratio", "cpu ratio", "target"),
              rows)

    ins = {}
    if os.path.exists(os.path.join(OUT, "ins.tsv")):
        with open(os.path.join(OUT, "ins.tsv")) as fp:
            for ln in fp:
                k, _, v = ln.rstrip("\n").partition("\t")
                if v.strip().isdigit():
                    ins[k] = int(v)
    if ins:
        emit("**7. Instructions executed** (`perf stat -e instructions:u`, "
             "one run each: unlike time, the machine's load does not move "
             "them)")
        emit()
        rows = []
        for n in (2, 10, 50, 200):
            d = ins.get("dot-%d" % n)
            if not d:
                continue
            rows.append((n, "%.0f M" % (d / 1e6),
                         "%.0f M (%.2fx)" % (ins.get("diagram-%d" % n, 0)
                                             / 1e6,
                                             ins.get("diagram-%d" % n, 0)
                                             / d),
                         "%.0f M (%.2fx)" % (ins.get("runbook-%d" % n, 0)
                                             / 1e6,
                                             ins.get("runbook-%d" % n, 0)
                                             / d)))
        table(("N", "dot -Tsvg", "diagram (ratio)", "runbook HTML (ratio)"),
              rows)
        s = [ins.get("simulate-%d" % n) for n in (250, 500, 1000)]
        if all(s):
            emit("simulate, 250 / 500 / 1,000 sites: %.0f / %.0f / %.0f M "
                 "instructions (growth %.2fx, %.2fx)." % (
                     s[0] / 1e6, s[1] / 1e6, s[2] / 1e6, s[1] / s[0],
                     s[2] / s[1]))
            emit()

    with open(os.path.join(OUT, "results.md"), "w") as fp:
        fp.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

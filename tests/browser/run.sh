#!/bin/sh
# Browser test of the wiki: Debian's chromium, headless, from file://,
# with name resolution switched off so that nothing can come from the
# network.  Builds the site of designs/ into a temporary folder, then:
#   - index.html?q=10.100.0.0 (the query string site.js runs on load):
#     the search finds the prefix, and AS65010 and a design name too;
#   - a design page and the inventory, each copied with a probe script
#     that measures what was laid out: the inline SVG diagrams and the
#     tables have a size, the stylesheet applied, light and dark themes
#     give the expected background;
#   - printing: the page prints to PDF, and the print rules hide the
#     header bar and permalinks and print on white even in dark mode;
#   - screenshots in light and dark mode (and a phone-sized one) into
#     build/screenshots/ (SCREENSHOTS=DIR elsewhere), to look at;
#   - every page type (the wiki's index, inventory and design page, a
#     runbook page and a change packet) through the Nu HTML checker
#     (vnu.jar, with its SVG check) and through axe-core, injected into
#     the page, in light and dark mode: any error or violation fails.
#     Both come from tests/node_modules (tests/testdeps.sh installs
#     them; without java or npm these checks are skipped, saying so).
# Usage, from the top of the tree after `make`:  sh tests/browser/run.sh
# HYBRIDOC=path picks the binary (default ./hybridoc).  Prints one line
# per check and "browser: N passed, N failed"; exits 1 on a failure.
set -u
bin=${HYBRIDOC:-./hybridoc}
shots=${SCREENSHOTS:-build/screenshots}
pass=0
fail=0

ok() { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

browser=
for b in chromium chromium-browser; do
	command -v "$b" >/dev/null 2>&1 && browser=$b && break
done
if [ -z "$browser" ]; then
	if [ "$(id -u)" = 0 ]; then
		apt-get install -y chromium >/dev/null 2>&1 && browser=chromium
	fi
	if [ -z "$browser" ]; then
		echo "browser: chromium is not installed (apt-get install -y chromium)"
		exit 1
	fi
fi
[ -x "$bin" ] || { echo "browser: $bin is not built (run make)"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
site=$tmp/site
mkdir -p "$shots"

# Chromium with a throw-away profile; its own chatter goes to a log.
run() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" \
		--host-resolver-rules='MAP * ~NOTFOUND' --hide-scrollbars \
		"$@" 2>>"$tmp/chromium.log"
}

if "$bin" site designs -o "$site" --jobs 2 2>"$tmp/site.err"; then
	ok "site built from designs/"
else
	bad "site build failed:"; cat "$tmp/site.err"
	exit 1
fi

# ---- Search, from the query string, as every page's form submits it.
search() {
	run --virtual-time-budget=5000 --dump-dom \
		"file://$site/index.html?q=$1" >"$tmp/search.html"
	if grep -q "$2" "$tmp/search.html"; then
		ok "search '$1' finds $3"
	else
		bad "search '$1' does not find $3"
		grep -o '<div id="search-results".*' "$tmp/search.html" | head -c 2000
		echo
	fi
}
search 10.100.0.0 '<a href="inventory.html#prefix-[0-9]*">10.100.0.0/16</a>' \
	"HQ's prefix 10.100.0.0/16"
search 10.100.7.9 '<a href="inventory.html#prefix-[0-9]*">10.100.0.0/16</a>' \
	"the prefix that contains 10.100.7.9"
search AS65010 '<a href="inventory.html#asn-[0-9]*">65010</a>' "ASN 65010"
search northwind '<a href="northwind-branches/index.html">Northwind' \
	"the northwind-branches design"
search LocalSite2 '<a href="contoso-eastus/index.html#site-localsite2">LocalSite2</a>' \
	"the LocalSite2 site"
search zzzz-nothing 'Nothing matches' "nothing for a made-up word"

# ---- Layout, measured in the page by a probe script (in copies only).
cat >"$site/probe.js" <<'JS'
(function () {
	var svgs = document.querySelectorAll("main svg");
	var tables = document.querySelectorAll("main table");
	var big = 0, shown = 0, i, r, pre;

	for (i = 0; i < svgs.length; i++) {
		r = svgs[i].getBoundingClientRect();
		if (r.width > 200 && r.height > 100)
			big++;
	}
	for (i = 0; i < tables.length; i++) {
		r = tables[i].getBoundingClientRect();
		if (r.width > 50 && r.height > 20 && tables[i].rows.length > 1)
			shown++;
	}
	var outside = 0, hidden = 0, pr, de = document.documentElement;
	for (i = 0; i < svgs.length; i++) {
		r = svgs[i].getBoundingClientRect();
		pr = svgs[i].parentElement.getBoundingClientRect();
		if (r.width < 1 || r.height < 1 ||
		    getComputedStyle(svgs[i]).visibility === "hidden")
			hidden++;
		if (r.left < pr.left - 1 || r.right > pr.right + 1 ||
		    r.right > window.innerWidth + 1)
			outside++;
	}
	pre = document.createElement("pre");
	pre.id = "probe";
	pre.textContent = "probe overflow=" + (de.scrollWidth >
	    window.innerWidth + 1 ? 1 : 0) + " width=" + de.scrollWidth +
	    " viewport=" + window.innerWidth + " svg_outside=" + outside +
	    " svg_hidden=" + hidden + " svg_filter=" + (svgs.length ?
	    getComputedStyle(svgs[0]).filter.replace(/ /g, "") : "none") +
	    " svgs=" + svgs.length + " big_svgs=" + big +
	    " svg_texts=" + document.querySelectorAll("main svg text").length +
	    " tables=" + tables.length + " shown_tables=" + shown +
	    " bg=" + getComputedStyle(document.body).backgroundColor +
	    " header=" + getComputedStyle(document.querySelector(
	    ".site-header")).display + " end";
	document.body.appendChild(pre);
}());
JS
probe() {	# page (relative to the site), label, extra chromium flags
	page=$1
	copy=${page%.html}.probe.html
	case $page in
	*/*) src=../probe.js ;;
	*) src=probe.js ;;
	esac
	sed "s|</body>|<script src=\"$src\"></script></body>|" \
		"$site/$page" >"$site/$copy"
	shift 2
	run --virtual-time-budget=5000 --window-size="${SIZE:-1280,1000}" "$@" \
		--dump-dom "file://$site/$copy" |
		grep -o 'probe overflow=[^<]* end' >"$tmp/probe.txt"
	cat "$tmp/probe.txt"
}
num() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" "$tmp/probe.txt"; }

probe contoso-eastus/index.html "design page"
[ "$(num big_svgs)" -ge 2 ] 2>/dev/null &&
	ok "design page: $(num big_svgs) inline SVG diagrams laid out" ||
	bad "design page: SVG diagrams not rendered"
[ "$(num svg_texts)" -ge 20 ] 2>/dev/null &&
	ok "design page: diagram labels drawn ($(num svg_texts) texts)" ||
	bad "design page: no diagram labels"
[ "$(num shown_tables)" -ge 5 ] 2>/dev/null &&
	ok "design page: $(num shown_tables) tables rendered" ||
	bad "design page: tables not rendered"
grep -q 'bg=rgb(255, 255, 255)' "$tmp/probe.txt" &&
	grep -q 'header=flex' "$tmp/probe.txt" &&
	ok "design page: stylesheet applied, light theme" ||
	bad "design page: stylesheet or light theme missing"

probe contoso-eastus/index.html "design page, dark" \
	--blink-settings=preferredColorScheme=0
grep -q 'bg=rgb(13, 17, 23)' "$tmp/probe.txt" &&
	ok "design page: dark theme (prefers-color-scheme: dark)" ||
	bad "design page: dark theme not applied"

probe inventory.html "inventory"
[ "$(num shown_tables)" -ge 4 ] 2>/dev/null &&
	ok "inventory: $(num shown_tables) tables rendered" ||
	bad "inventory: tables not rendered"

probe index.html "index"
[ "$(num shown_tables)" -ge 1 ] 2>/dev/null &&
	ok "index: designs table rendered" || bad "index: no designs table"

# ---- No sideways page scrolling, every diagram inside its box, at
# desktop (1400 px) and phone (390 px) widths, light and dark.
dark=--blink-settings=preferredColorScheme=0
light=--blink-settings=preferredColorScheme=1
word() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" "$tmp/probe.txt"; }
for size in 1400,1000 390,900; do
	for page in index.html contoso-eastus/index.html \
	    fabrikam-max-resiliency/index.html; do
		schemes=light
		[ $size = 1400,1000 ] && schemes="light dark"
		for scheme in $schemes; do
			if [ $scheme = dark ]; then flag=$dark; else flag=$light; fi
			SIZE=$size probe "$page" "$page" $flag >/dev/null
			w=${size%,*}
			if [ "$(num overflow)" = 0 ]; then
				ok "$page at $w px, $scheme: no sideways scrolling"
			else
				bad "$page at $w px, $scheme: the page is $(num width) px wide in a $(num viewport) px window"
			fi
			if [ "$(num svg_outside)" = 0 ] && [ "$(num svg_hidden)" = 0 ]; then
				ok "$page at $w px, $scheme: $(num svgs) diagrams visible, each within its box"
			else
				bad "$page at $w px, $scheme: $(num svg_outside) diagrams outside their box, $(num svg_hidden) not visible"
			fi
			if [ $scheme = dark ] && [ "$(num svgs)" -gt 0 ]; then
				case $(word svg_filter) in
				*invert*) ok "$page, dark: diagrams follow the dark scheme (no white slab)" ;;
				*) bad "$page, dark: diagrams keep their white background ($(word svg_filter))" ;;
				esac
			fi
		done
	done
done

# ---- Search hits land on an anchor that exists: a site name, an ASN, a
# prefix and a device model.  The first hit's link is opened in a copy
# of its page that reports whether its fragment names an element.
cat >"$site/anchor-probe.js" <<'JS'
window.addEventListener("load", function () {
	var id = decodeURIComponent(window.location.hash.slice(1));
	var pre = document.createElement("pre");

	pre.id = "probe";
	pre.textContent = "probe anchor=" + (id && document.getElementById(id) ?
	    "found" : "missing") + " end";
	document.body.appendChild(pre);
});
JS
lands() {	# query, what
	run --virtual-time-budget=5000 --dump-dom \
		"file://$site/index.html?q=$1" >"$tmp/search.html"
	href=$(grep -o '<ol class="search-list"><li><span[^>]*>[^<]*</span> <a href="[^"]*"' \
		"$tmp/search.html" | sed 's/.*href="//; s/"$//' | head -n 1)
	case $href in
	*#*) ;;
	*) bad "search '$1' ($2): the first hit '$href' names no anchor"; return ;;
	esac
	page=${href%%#*}
	copy=${page%.html}.anchor.html
	case $page in
	*/*) src=../anchor-probe.js ;;
	*) src=anchor-probe.js ;;
	esac
	sed "s|</body>|<script src=\"$src\"></script></body>|" \
		"$site/$page" >"$site/$copy"
	run --virtual-time-budget=5000 --dump-dom \
		"file://$site/$copy#${href#*#}" | grep -o 'probe anchor=[a-z]*' \
		>"$tmp/anchor.txt"
	if grep -q 'anchor=found' "$tmp/anchor.txt"; then
		ok "search '$1' ($2) lands on $href"
	else
		bad "search '$1' ($2): $href has no such anchor"
	fi
}
lands LocalSite2 "a site name"
lands "AS%2065010" "an ASN, with a space"
lands 10.101.0.0/16 "a prefix"
lands "FortiGate%2060F" "a device model"

# ---- The runbook as on-call uses it: the quick card and contents come
# first, every heading has an id, every in-page link (the card's and the
# matrix's links to tests) names an element that exists, each command
# block has a copy button and wraps instead of scrolling sideways, a
# link into a folded group opens it, a diagram opens full size, and the
# index keeps its status column in view on a phone.
cat >"$site/runbook-probe.js" <<'JS'
window.addEventListener("load", function () {
	var main = document.querySelector("main"), i, n, el, out = [];
	var links = main.querySelectorAll("a[href^='#']"), broken = 0, first;
	var heads = main.querySelectorAll("h1, h2, h3, h4, h5, h6"), noid = 0;
	var pres = main.querySelectorAll("pre"), wide = 0, copies = 0;
	var target, hidden, btn, dlg, big, status, sr;

	for (i = 0; i < links.length; i++)
		if (!document.getElementById(decodeURIComponent(
		    links[i].getAttribute("href").slice(1))))
			broken++;
	for (i = 0; i < heads.length; i++)
		if (!heads[i].id)
			noid++;
	for (i = 0; i < pres.length; i++) {
		if (pres[i].scrollWidth > pres[i].clientWidth + 1)
			wide++;
		if (pres[i].parentElement.querySelector(".copy"))
			copies++;
	}
	first = main.querySelector("h2");
	out.push("first_h2=" + (first ? first.id : "none"));
	/* the card: what follows its heading, up to the next section */
	n = 0;
	el = document.getElementById("quick-card");
	for (el = el ? el.nextElementSibling : null; el &&
	    el.tagName !== "H2"; el = el.nextElementSibling)
		n += el.querySelectorAll("a[href^='#test-']").length;
	out.push("card_tests=" + n);
	out.push("matrix_tests=" + main.querySelectorAll(
	    "table a[href^='#test-']").length);
	out.push("links=" + links.length + " broken=" + broken);
	out.push("headings=" + heads.length + " noid=" + noid);
	out.push("pres=" + pres.length + " wide_pres=" + wide +
	    " copy_buttons=" + copies);
	out.push("details=" + main.querySelectorAll("details").length);
	/* the page was opened at a fragment: is its target on screen? */
	target = window.location.hash ? document.getElementById(
	    decodeURIComponent(window.location.hash.slice(1))) : null;
	hidden = target ? (target.nextElementSibling || target)
	    .getBoundingClientRect().height === 0 : true;
	out.push("target=" + (target ? (hidden ? "hidden" : "shown") :
	    "none"));
	btn = main.querySelector(".diagram-open");
	if (btn) {
		btn.click();
		dlg = document.querySelector("dialog.diagram-full");
		big = dlg ? dlg.querySelector("svg") : null;
		out.push("dialog=" + (dlg && dlg.open ? "open" : "closed") +
		    " dialog_svg_width=" + (big ? Math.round(
		    big.getBoundingClientRect().width) : 0));
		if (dlg)
			dlg.close();
	}
	status = document.querySelector("table.designs td .status");
	if (status) {
		sr = status.getBoundingClientRect();
		out.push("status_right=" + Math.round(sr.right) +
		    " status_width=" + Math.round(sr.width));
	}
	out.push("viewport=" + window.innerWidth);
	el = document.createElement("pre");
	el.id = "probe";
	el.textContent = "rbprobe " + out.join(" ") + " end";
	document.body.appendChild(el);
});
JS
rbprobe() {	# page, fragment, window size
	page=$1
	copy=${page%.html}.rb.html
	case $page in
	*/*) src=../runbook-probe.js ;;
	*) src=runbook-probe.js ;;
	esac
	sed "s|</body>|<script src=\"$src\"></script></body>|" \
		"$site/$page" >"$site/$copy"
	run --virtual-time-budget=5000 --window-size="$3" $light --dump-dom \
		"file://$site/$copy$2" |
		grep -o 'rbprobe [^<]* end' >"$tmp/probe.txt"
	rm -f "$site/$copy"
}
val() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" "$tmp/probe.txt"; }
for d in contoso-eastus fabrikam-max-resiliency northwind-branches; do
	for size in 1400,1000 390,900; do
		w=${size%,*}
		rbprobe "$d/index.html" "" $size
		[ "$(val first_h2)" = quick-card ] &&
			ok "$d at $w px: the quick card comes first" ||
			bad "$d at $w px: the first section is '$(val first_h2)', not the quick card"
		[ "$(val card_tests)" -ge 2 ] 2>/dev/null &&
			ok "$d at $w px: the quick card links $(val card_tests) tests" ||
			bad "$d at $w px: the quick card links no test ($(cat "$tmp/probe.txt"))"
		[ "$(val matrix_tests)" -ge 2 ] 2>/dev/null &&
			ok "$d at $w px: failover-matrix rows link $(val matrix_tests) tests" ||
			bad "$d at $w px: matrix rows link no test"
		[ "$(val broken)" = 0 ] && [ "$(val links)" -ge 10 ] 2>/dev/null &&
			ok "$d at $w px: all $(val links) in-page links resolve" ||
			bad "$d at $w px: $(val broken) of $(val links) in-page links name no element"
		[ "$(val noid)" = 0 ] &&
			ok "$d at $w px: every heading has an anchor ($(val headings))" ||
			bad "$d at $w px: $(val noid) headings without an id"
		[ "$(val wide_pres)" = 0 ] &&
			ok "$d at $w px: no command block scrolls sideways ($(val pres) blocks)" ||
			bad "$d at $w px: $(val wide_pres) of $(val pres) command blocks scroll sideways"
		[ "$(val copy_buttons)" = "$(val pres)" ] && [ "$(val pres)" -gt 0 ] &&
			ok "$d at $w px: a copy button on each of $(val pres) code blocks" ||
			bad "$d at $w px: $(val copy_buttons) copy buttons for $(val pres) code blocks"
		# on a phone the full-size picture is wider than the screen
		dw=$(val dialog_svg_width)
		if [ "$(val dialog)" = open ] && { [ "$w" = 1400 ] ||
		    [ "${dw:-0}" -gt "$w" ]; }; then
			ok "$d at $w px: the diagram opens full size ($dw px)"
		else
			bad "$d at $w px: the diagram does not open full size ($(val dialog), $dw px)"
		fi
	done
done
# fabrikam (depth 2) and northwind (many sites) fold their long material
rbprobe northwind-branches/index.html "" 1400,1000
[ "$(val details)" -ge 4 ] 2>/dev/null &&
	ok "northwind: long material folds into $(val details) groups" ||
	bad "northwind: nothing folded ($(val details) <details>)"
# a link into a folded group opens it: the last test, at the fragment
last=$(grep -o '<div id="test-[a-z0-9-]*"' "$site/northwind-branches/index.html" |
	tail -n 1 | sed 's/.*id="//; s/"$//')
rbprobe northwind-branches/index.html "#$last" 1400,1000
[ "$(val target)" = shown ] &&
	ok "northwind: #$last opens its folded group" ||
	bad "northwind: #$last stays folded ($(val target))"
rbprobe index.html "" 390,900
[ -n "$(val status_right)" ] && [ "$(val status_right)" -le 390 ] &&
	[ "$(val status_width)" -gt 0 ] &&
	ok "index at 390 px: the status column stays in view" ||
	bad "index at 390 px: the status column is off screen ($(cat "$tmp/probe.txt"))"

# ---- Screenshots, to look at.
shot() {	# name, url, window size, extra flags
	name=$1 url=$2 size=$3
	shift 3
	rm -f "$shots/$name.png"
	run --window-size="$size" --virtual-time-budget=5000 "$@" \
		--screenshot="$PWD/$shots/$name.png" "$url" >/dev/null
	if [ -s "$shots/$name.png" ]; then
		ok "screenshot $shots/$name.png"
	else
		bad "no screenshot $shots/$name.png"
	fi
}
shot design-1400 "file://$site/fabrikam-max-resiliency/index.html" 1400,1400 $light
shot design-1400-dark "file://$site/fabrikam-max-resiliency/index.html" 1400,1400 $dark
shot design-390 "file://$site/contoso-eastus/index.html" 390,1600 $light
shot index-light "file://$site/index.html?q=10.100.0.0" 1280,900 $light
shot index-dark "file://$site/index.html?q=10.100.0.0" 1280,900 $dark
shot design-light "file://$site/contoso-eastus/index.html" 1280,1400 $light
shot design-dark "file://$site/contoso-eastus/index.html" 1280,1400 $dark
shot inventory-light "file://$site/inventory.html" 1280,1000 $light
shot inventory-dark "file://$site/inventory.html" 1280,1000 $dark
shot design-phone "file://$site/northwind-branches/index.html" 390,1200 $light

# ---- Print.
run --virtual-time-budget=5000 --no-pdf-header-footer \
	--print-to-pdf="$tmp/design.pdf" \
	"file://$site/contoso-eastus/index.html" >/dev/null
size=$(wc -c <"$tmp/design.pdf" 2>/dev/null || echo 0)
[ "$size" -gt 20000 ] && ok "design page prints to PDF ($size bytes)" ||
	bad "design page does not print"
# The print rules, applied to the screen by a probe (a page's file://
# stylesheet is another origin to its script, so the copy inlines it).
cat >"$site/print-probe.js" <<'JS'
window.addEventListener("load", function () {
	var sheets = document.styleSheets, css = "", i, j, r, pre, st;

	for (i = 0; i < sheets.length; i++)
		for (j = 0; j < sheets[i].cssRules.length; j++) {
			r = sheets[i].cssRules[j];
			if (r.media && r.media.mediaText === "print")
				css += r.cssText.replace(/^@media print\s*\{/,
				    "").replace(/\}\s*$/, "");
		}
	st = document.createElement("style");
	st.textContent = css;
	document.head.appendChild(st);
	var pres = document.querySelectorAll("pre, pre code"), nowrap = 0, k;
	var svg = document.querySelector("main svg");
	for (k = 0; k < pres.length; k++)
		if (getComputedStyle(pres[k]).whiteSpace !== "pre-wrap")
			nowrap++;
	pre = document.createElement("pre");
	pre.id = "probe";
	pre.textContent = "probe header=" + getComputedStyle(
	    document.querySelector(".site-header")).display +
	    " nowrap=" + nowrap + " svg_maxh=" + (svg ?
	    getComputedStyle(svg).maxHeight : "none") + " svg_filter=" +
	    (svg ? getComputedStyle(svg).filter.replace(/ /g, "") : "none") +
	    " anchor=" +
	    getComputedStyle(document.querySelector(".anchor")).display +
	    " bg=" + getComputedStyle(document.body).backgroundColor + " end";
	document.body.appendChild(pre);
});
JS
awk -v css="$site/hybridoc.css" '
/<link rel="stylesheet"/ {
	print "<style>"
	while ((getline l < css) > 0)
		print l
	print "</style>"
	next
}
{ sub(/<\/body>/, "<script src=\"../print-probe.js\"></script></body>"); print }
' "$site/contoso-eastus/index.html" >"$site/contoso-eastus/print.html"
run --virtual-time-budget=5000 --dump-dom $dark \
	"file://$site/contoso-eastus/print.html" |
	grep -o 'probe header=[^<]* end' >"$tmp/probe.txt"
grep -q 'nowrap=0 ' "$tmp/probe.txt" &&
	ok "print: every command block wraps" ||
	bad "print: command blocks that do not wrap ($(cat "$tmp/probe.txt"))"
grep -q 'svg_filter=none' "$tmp/probe.txt" &&
	grep -q 'svg_maxh=[0-9.]*px' "$tmp/probe.txt" &&
	ok "print: diagrams in their own colours, at most a page tall" ||
	bad "print: diagrams not held to a page ($(cat "$tmp/probe.txt"))"
grep -q 'header=none .*anchor=none bg=rgb(255, 255, 255)' "$tmp/probe.txt" &&
	ok "print stylesheet: no header bar or permalinks, white paper even in dark mode" ||
	bad "print stylesheet not applied ($(cat "$tmp/probe.txt"))"

# ---- Nu HTML checker and axe-core on every page type.
mods=$PWD/tests/node_modules
vnu=$mods/vnu-jar/build/dist/vnu.jar
axe=$mods/axe-core/axe.min.js
[ -f "$vnu" ] && [ -f "$axe" ] || sh tests/testdeps.sh
"$bin" runbook designs/northwind-branches.yaml -f html \
	-o "$site/runbook.html" 2>/dev/null
# the standalone runbook (a file on disk, a change record) runs the
# wiki's script inline: the same copy buttons and full-size diagrams
rbprobe runbook.html "" 1400,1000
[ "$(val copy_buttons)" = "$(val pres)" ] && [ "$(val pres)" -gt 0 ] &&
	ok "runbook -f html: a copy button on each of $(val pres) code blocks" ||
	bad "runbook -f html: $(val copy_buttons) copy buttons for $(val pres) code blocks"
[ "$(val dialog)" = open ] &&
	ok "runbook -f html: the diagram opens full size" ||
	bad "runbook -f html: the diagram does not open full size ($(val dialog))"
"$bin" packet tests/packet/new-branch/base.yaml \
	tests/packet/new-branch/head.yaml -o "$site/packet" >/dev/null 2>&1
pages="index.html inventory.html contoso-eastus/index.html runbook.html
packet/packet.html"
for p in $pages; do
	[ -f "$site/$p" ] || bad "no page $p to check"
done
if [ -f "$vnu" ] && command -v java >/dev/null 2>&1; then
	(cd "$site" && java -jar "$vnu" --errors-only --also-check-svg \
		--format gnu $pages) >"$tmp/vnu.txt" 2>&1
	rc=$?
	n=$(grep -c ': error' "$tmp/vnu.txt")
	if [ $rc -eq 0 ] && [ "$n" -eq 0 ]; then
		ok "Nu HTML checker: no errors in $(echo $pages | wc -w) page types"
	else
		bad "Nu HTML checker: $n errors (exit $rc):"
		head -n 30 "$tmp/vnu.txt"
	fi
else
	echo "skip Nu HTML checker: java or vnu-jar missing (sh tests/testdeps.sh as root)"
fi
if [ -f "$axe" ]; then
	cp "$axe" "$site/axe.min.js"
	cat >"$site/axe-probe.js" <<'JS'
window.addEventListener("load", function () {
	axe.run(document, { resultTypes: ["violations"] }).then(function (r) {
		var pre = document.createElement("pre");
		pre.textContent = "AXE-BEGIN " + r.violations.length + "\n" +
		    r.violations.map(function (v) {
			return v.impact + " " + v.id + " x" + v.nodes.length +
			    ": " + v.nodes.slice(0, 3).map(function (n) {
				return n.target.join(" ") + " | " +
				    (n.failureSummary || "").replace(/\s+/g, " ");
			    }).join(" || ");
		    }).join("\n") + "\nAXE-END";
		document.body.appendChild(pre);
	}, function (e) {
		var pre = document.createElement("pre");
		pre.textContent = "AXE-BEGIN failed " + e + "\nAXE-END";
		document.body.appendChild(pre);
	});
});
JS
	for p in $pages; do
		case $p in
		*/*) rel=.. ;;
		*) rel=. ;;
		esac
		copy=${p%.html}.axe.html
		sed "s|</body>|<script src=\"$rel/axe.min.js\"></script><script src=\"$rel/axe-probe.js\"></script></body>|" \
			"$site/$p" >"$site/$copy"
		for scheme in light dark; do
			flag=$light
			[ $scheme = dark ] && flag=$dark
			run --virtual-time-budget=30000 --window-size=1280,1000 \
				$flag --dump-dom "file://$site/$copy" |
				sed -n '/AXE-BEGIN/,/AXE-END/p' >"$tmp/axe.txt"
			if grep -q 'AXE-BEGIN 0$' "$tmp/axe.txt"; then
				ok "axe-core: no violations in $p ($scheme)"
			else
				bad "axe-core: $p ($scheme):"
				grep -v '^AXE-' "$tmp/axe.txt" | cut -c1-400
				grep -q AXE-BEGIN "$tmp/axe.txt" ||
					echo "(axe did not report)"
			fi
		done
		rm -f "$site/$copy"
	done
else
	echo "skip axe-core: tests/node_modules/axe-core missing (sh tests/testdeps.sh as root)"
fi

echo "browser: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

/*
 * hybridoc wiki: offline search.  The index is search-index.js, loaded by
 * a <script> tag before this file (window.HYBRIDOC_SEARCH), so nothing is
 * fetched and the search works from file://.  Every page's search form
 * submits to index.html?q=...; here the query runs on load and as you
 * type.  Results are built with textContent: no design text is ever
 * parsed as HTML.
 *
 * A query is split into words; an entry matches when every word is a whole
 * token of its text (tokens are split at spaces and punctuation; a
 * hyphenated, dotted or slashed token also counts as its parts, so
 * "eastus" finds contoso-eastus), or, for a word of four characters or
 * more, the start of one ("forti" finds FortiGate, "as" finds only "as").
 * A word that is an IPv4
 * address or prefix also matches every prefix or address that overlaps
 * it (10.100.1.7 finds 10.100.0.0/16); "AS65010" and "AS 65010" find
 * ASN 65010 and every entry with that number as a token.
 */
(function () {
	"use strict";

	var data = window.HYBRIDOC_SEARCH || [];
	var form = document.getElementById("search");
	var input = document.getElementById("q");
	var box = document.getElementById("search-results");
	var LIMIT = 200;
	var KINDS = {
		design: "design", site: "site", prefix: "prefix", asn: "ASN",
		circuit: "circuit", ip: "public IP", device: "device model",
		sku: "SKU", subnet: "subnet", link: "/30 link", rule: "rule",
		scenario: "scenario"
	};
	var PREFIX_MIN = 4;

	if (!form || !input || !box)
		return;

	/* [first, last] address of an IPv4 address or prefix, or null. */
	function ipv4(s) {
		var m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/
		    .exec(s);
		var a, len, size, i, o;

		if (!m)
			return null;
		a = 0;
		for (i = 1; i <= 4; i++) {
			o = parseInt(m[i], 10);
			if (o > 255)
				return null;
			a = a * 256 + o;
		}
		len = m[5] === undefined ? 32 : parseInt(m[5], 10);
		if (len > 32)
			return null;
		size = Math.pow(2, 32 - len);
		a = a - (a % size);
		return [a, a + size - 1];
	}

	/* "AS 65010" is one word, as65010. */
	function words(q) {
		var v = q.toLowerCase().split(/[\s,;]+/).filter(function (w) {
			return w.length > 0;
		}), out = [], i;

		for (i = 0; i < v.length; i++)
			if (v[i] === "as" && i + 1 < v.length &&
			    /^\d+$/.test(v[i + 1]))
				out.push("as" + v[++i]);
			else
				out.push(v[i]);
		return out;
	}

	/* An entry's tokens, computed once. */
	function tokens(e) {
		var v, parts, i, j, set = {};

		if (e.tok)
			return e.tok;
		v = (e.t + " " + e.d).toLowerCase().split(
		    /[\s,;()\[\]"'\u00b7\u2014]+/);
		for (i = 0; i < v.length; i++) {
			if (v[i].length === 0)
				continue;
			set[v[i].replace(/[.:]$/, "")] = true;
			parts = v[i].split(/[-_:./]+/);
			for (j = 0; j < parts.length; j++)
				if (parts[j].length > 0)
					set[parts[j]] = true;
		}
		e.tok = Object.keys(set);
		return e.tok;
	}

	function has_token(e, w) {
		var tok = tokens(e), i;

		for (i = 0; i < tok.length; i++)
			if (tok[i] === w || (w.length >= PREFIX_MIN &&
			    tok[i].lastIndexOf(w, 0) === 0))
				return true;
		return false;
	}

	function matches(e, ws) {
		var i, w, r, p, m;

		for (i = 0; i < ws.length; i++) {
			w = ws[i];
			if (has_token(e, w))
				continue;
			if ((m = /^as(\d+)$/.exec(w)) !== null &&
			    has_token(e, m[1]))
				continue;
			if (e.k === "asn" && /^as\d+$/.test(w) &&
			    e.t === w.slice(2))
				continue;
			if ((e.k === "prefix" || e.k === "ip" || e.k === "link") &&
			    (r = ipv4(w)) !== null && (p = ipv4(e.t)) !== null &&
			    r[0] <= p[1] && p[0] <= r[1])
				continue;
			return false;
		}
		return true;
	}

	function clear(el) {
		while (el.firstChild)
			el.removeChild(el.firstChild);
	}

	function show(q) {
		var ws = words(q);
		var found = [], i, list, li, a, kind, more, status, head;

		clear(box);
		if (ws.length === 0) {
			box.hidden = true;
			return;
		}
		for (i = 0; i < data.length; i++)
			if (matches(data[i], ws))
				found.push(data[i]);
		head = document.createElement("h2");
		head.textContent = "Search results";
		box.appendChild(head);
		status = document.createElement("p");
		status.className = "search-status";
		status.textContent = found.length === 0 ?
		    "Nothing matches \u201c" + q + "\u201d." :
		    found.length + (found.length === 1 ? " match" :
		    " matches") + " for \u201c" + q + "\u201d" +
		    (found.length > LIMIT ? "; the first " + LIMIT + ":" : ":");
		box.appendChild(status);
		list = document.createElement("ol");
		list.className = "search-list";
		for (i = 0; i < found.length && i < LIMIT; i++) {
			li = document.createElement("li");
			kind = document.createElement("span");
			kind.className = "kind kind-" + found[i].k;
			kind.textContent = KINDS[found[i].k] || found[i].k;
			a = document.createElement("a");
			a.href = found[i].u;
			a.textContent = found[i].t;
			more = document.createElement("span");
			more.className = "muted";
			more.textContent = " " + found[i].d;
			li.appendChild(kind);
			li.appendChild(document.createTextNode(" "));
			li.appendChild(a);
			li.appendChild(more);
			list.appendChild(li);
		}
		if (found.length > 0)
			box.appendChild(list);
		box.hidden = false;
	}

	function query() {
		var m = /[?&]q=([^&#]*)/.exec(window.location.search);

		if (!m)
			return "";
		try {
			return decodeURIComponent(m[1].replace(/\+/g, " "));
		} catch (err) {
			return "";
		}
	}

	form.addEventListener("submit", function (ev) {
		ev.preventDefault();
		show(input.value);
	});
	input.addEventListener("input", function () {
		show(input.value);
	});
	input.value = query();
	show(input.value);
}());

/*
 * A design's page: a copy button on every code block, folded groups
 * that open when a link or search hit points into them, and diagrams
 * that open full size in a dialog, to pan and pinch-zoom on a phone.
 * Everything is built with DOM calls and textContent; nothing here is
 * fetched.  `hybridoc runbook -f html` inlines this file, so a runbook
 * opened from disk or a change record has the same buttons; without
 * script (a mail client, a policy against inline script) the page
 * reads the same, the groups open on a link in Chromium, and the
 * commands are selected by hand.
 */
(function () {
	"use strict";

	var main = document.querySelector("main");

	if (!main)
		return;

	/* A button that copies the command text, not its wrapped look. */
	function copy_button(pre) {
		var box = document.createElement("div");
		var b = document.createElement("button");

		box.className = "code-box";
		b.type = "button";
		b.className = "copy";
		b.textContent = "Copy";
		b.setAttribute("aria-label", "Copy " +
		    (pre.getAttribute("aria-label") || "code"));
		b.addEventListener("click", function () {
			var text = pre.textContent, done;

			done = function () {
				b.textContent = "Copied";
				window.setTimeout(function () {
					b.textContent = "Copy";
				}, 1500);
			};
			if (navigator.clipboard && navigator.clipboard.writeText)
				navigator.clipboard.writeText(text).then(done,
				    function () {});
			else {
				var r = document.createRange(), sel =
				    window.getSelection();

				r.selectNodeContents(pre);
				sel.removeAllRanges();
				sel.addRange(r);
				try {
					if (document.execCommand("copy"))
						done();
				} catch (err) {
					/* the selection stays: copy by hand */
				}
			}
		});
		pre.parentNode.insertBefore(box, pre);
		box.appendChild(pre);
		box.appendChild(b);
	}

	/* Opens every <details> around the element the URL points at. */
	function open_target() {
		var id, el;

		try {
			id = decodeURIComponent(window.location.hash.slice(1));
		} catch (err) {
			return;
		}
		el = id ? document.getElementById(id) : null;
		if (!el)
			return;
		for (var p = el.parentElement; p; p = p.parentElement)
			if (p.tagName === "DETAILS")
				p.open = true;
		el.scrollIntoView();
	}

	/* A diagram, full size, in a dialog of its own. */
	function full_size(svg) {
		var d = document.createElement("dialog");
		var bar = document.createElement("div");
		var close = document.createElement("button");
		var pane = document.createElement("div");
		var big = svg.cloneNode(true);

		d.className = "diagram-full";
		d.setAttribute("aria-label", "Diagram, full size");
		bar.className = "diagram-bar";
		close.type = "button";
		close.textContent = "Close";
		close.addEventListener("click", function () {
			d.close();
		});
		pane.className = "diagram-pane";
		big.removeAttribute("id");
		bar.appendChild(close);
		pane.appendChild(big);
		d.appendChild(bar);
		d.appendChild(pane);
		d.addEventListener("close", function () {
			d.parentNode.removeChild(d);
		});
		document.body.appendChild(d);
		d.showModal();
	}

	function diagram_button(svg) {
		var b = document.createElement("button");

		b.type = "button";
		b.className = "diagram-open";
		b.textContent = "Open full size";
		b.addEventListener("click", function () {
			full_size(svg);
		});
		svg.addEventListener("click", function () {
			if (window.innerWidth < 800)
				full_size(svg);
		});
		svg.parentNode.insertBefore(b, svg);
	}

	var pres = main.querySelectorAll("pre"), svgs, i;

	for (i = 0; i < pres.length; i++)
		if (pres[i].id !== "probe")
			copy_button(pres[i]);
	svgs = main.querySelectorAll("svg");
	for (i = 0; i < svgs.length; i++)
		if (!svgs[i].parentElement.closest("svg") &&
		    svgs[i].getAttribute("viewBox"))
			diagram_button(svgs[i]);
	window.addEventListener("hashchange", open_target);
	/* paper has no disclosure triangles: print every group open */
	window.addEventListener("beforeprint", function () {
		var d = main.querySelectorAll("details:not([open])"), k;

		for (k = 0; k < d.length; k++) {
			d[k].open = true;
			d[k].setAttribute("data-print-opened", "");
		}
	});
	window.addEventListener("afterprint", function () {
		var d = main.querySelectorAll("details[data-print-opened]"), k;

		for (k = 0; k < d.length; k++) {
			d[k].open = false;
			d[k].removeAttribute("data-print-opened");
		}
	});
	open_target();
}());

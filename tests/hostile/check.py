#!/usr/bin/env python3
"""Checks that hostile design strings came out inert (tests/hostile.test.sh).

usage: check.py KIND FILE [ARG...]

  html FILE [LITERAL...]   HTML (or SVG): no inline script that is not the
                           site's own, no on* attribute, no javascript:,
                           vbscript: or data: URL in a link or source
                           attribute, no iframe/object/embed/base/meta
                           refresh; each LITERAL appears in the text
                           content (escaped, so shown as written)
  svgtext FILE LITERAL...  an SVG Graphviz drew: each LITERAL appears in
                           the text of one <text> element (so the DOT label
                           escaping kept it literally)
  json FILE [LITERAL...]   parses as JSON; each LITERAL (\\n stands for a
                           newline) is one of its strings, exactly
  mermaid FILE             no ``` and no double quote outside the quoted
                           labels; no raw < other than <br/>
  markdown FILE            every GFM table row has as many unescaped |
                           as its header; none of the plain-text fields'
                           markup (<script>alert(1), <img src=x
                           onerror=alert(1)>, <svg onload=alert(1)>) is
                           raw outside code (the description is Markdown
                           by design, so its own tags, alert(2) on, pass
                           through to the .md; cmark-gfm drops them from
                           HTML)
  lines FILE PREFIX...     every line starts with one of the PREFIXes

Exits 0 when the file passes, 1 with one line per problem otherwise.
"""

import html.parser
import json
import re
import sys

URL_ATTRS = {"href", "src", "xlink:href", "action", "formaction", "data",
             "poster", "background", "cite", "srcset", "lowsrc", "dynsrc"}
BAD_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base",
            "applet"}
OWN_SCRIPTS = ("site.js", "search-index.js")
# What the plain-text fields of inject.yaml carry (the description, being
# Markdown, uses alert(2) and up).
PLAIN_MARKUP = ("<script>alert(1)", "<img src=x onerror=alert(1)>",
                "<svg onload=alert(1)>")


def unescape_literal(s):
    return s.replace("\\n", "\n")


class Inert(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.text = []
        self.in_script = False
        self.script = []

    def problem(self, msg):
        line, col = self.getpos()
        self.problems.append("%d:%d: %s" % (line, col + 1, msg))

    def handle_starttag(self, tag, attrs):
        self.check_tag(tag, attrs)
        if tag == "script":
            self.in_script = True
            self.script = []
            src = dict(attrs).get("src")
            if src is not None and not src.endswith(OWN_SCRIPTS):
                self.problem("script from %r" % src)

    def handle_startendtag(self, tag, attrs):
        self.check_tag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script" and self.in_script:
            self.in_script = False
            body = "".join(self.script)
            if "alert(" in body:
                self.problem("inline script runs design text: %r" %
                             body[:80])

    def check_tag(self, tag, attrs):
        if tag in BAD_TAGS:
            self.problem("<%s> element" % tag)
        for name, value in attrs:
            name = (name or "").lower()
            value = value or ""
            if name.startswith("on"):
                self.problem("event handler %s=%r on <%s>" %
                             (name, value[:60], tag))
            if name in URL_ATTRS or name.endswith(":href"):
                v = re.sub(r"[\x00-\x20]+", "", value).lower()
                if v.startswith(("javascript:", "vbscript:")) or (
                        v.startswith("data:") and not
                        v.startswith("data:image/")):
                    self.problem("%s=%r on <%s>" % (name, value[:60], tag))
            if name == "style" and "javascript:" in value.lower():
                self.problem("style with javascript: on <%s>" % tag)
            if tag == "meta" and name == "http-equiv" and \
                    value.lower() == "refresh":
                self.problem("<meta http-equiv=refresh>")

    def handle_data(self, data):
        if self.in_script:
            self.script.append(data)
        else:
            self.text.append(data)


def check_html(path, literals):
    with open(path, encoding="utf-8") as fp:
        src = fp.read()
    p = Inert()
    p.feed(src)
    p.close()
    problems = p.problems
    text = re.sub(r"\s+", " ", "".join(p.text))
    for lit in literals:
        lit = re.sub(r"\s+", " ", unescape_literal(lit))
        if lit not in text:
            problems.append("text does not show %r" % lit)
    return problems


class SvgText(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.cur = None

    def handle_starttag(self, tag, attrs):
        if tag == "text":
            self.cur = []

    def handle_endtag(self, tag):
        if tag == "text" and self.cur is not None:
            self.texts.append("".join(self.cur))
            self.cur = None

    def handle_data(self, data):
        if self.cur is not None:
            self.cur.append(data)


def check_svgtext(path, literals):
    with open(path, encoding="utf-8") as fp:
        p = SvgText()
        p.feed(fp.read())
    problems = []
    for lit in literals:
        lit = unescape_literal(lit)
        if not any(lit in t for t in p.texts):
            problems.append("no <text> shows %r" % lit)
    return problems


def strings(v, out):
    if isinstance(v, str):
        out.add(v)
    elif isinstance(v, list):
        for x in v:
            strings(x, out)
    elif isinstance(v, dict):
        for k, x in v.items():
            out.add(k)
            strings(x, out)


def check_json(path, literals):
    try:
        with open(path, encoding="utf-8") as fp:
            doc = json.load(fp)
    except ValueError as e:
        return ["not JSON: %s" % e]
    have = set()
    strings(doc, have)
    problems = []
    for lit in literals:
        lit = unescape_literal(lit)
        if lit not in have:
            near = [s for s in have if lit[:12] in s][:1]
            problems.append("no string is exactly %r%s" %
                            (lit, " (nearest %r)" % near[0] if near else ""))
    return problems


LABEL = re.compile(r'(\[\[|\[\(|\(\[|\(\(|\[|\(|\{\{|\{|\|)"([^"\n]*)"'
                   r'(\]\]|\)\]|\]\)|\)\)|\]|\)|\}\}|\}|\|)')


def check_mermaid(path):
    problems = []
    with open(path, encoding="utf-8") as fp:
        lines = fp.read().split("\n")
    for n, line in enumerate(lines, 1):
        if "```" in line:
            problems.append("%d: a ``` fence" % n)
        rest = LABEL.sub("", line)
        if '"' in rest:
            problems.append("%d: a raw double quote: %s" % (n, line[:100]))
        for m in LABEL.finditer(line):
            raw = re.sub(r"<br/?>", "", m.group(2))
            if "<" in raw or ">" in raw:
                problems.append("%d: raw < or > in a label: %s" %
                                (n, m.group(2)[:80]))
    return problems


def cells(row):
    """Unescaped | in a GFM table row (a backslash escapes even in code)."""
    n = 0
    i = 0
    while i < len(row):
        if row[i] == "\\":
            i += 2
            continue
        if row[i] == "|":
            n += 1
        i += 1
    return n


def check_markdown(path):
    problems = []
    with open(path, encoding="utf-8") as fp:
        lines = fp.read().split("\n")
    fence = None
    header = None
    for n, line in enumerate(lines, 1):
        s = line.lstrip()
        if fence is None and s.startswith(("```", "~~~")):
            fence = s[:3]
            header = None
            continue
        if fence is not None:
            if s.startswith(fence):
                fence = None
            continue
        if s.startswith("|"):
            if header is None:
                header = cells(s)
            elif cells(s) != header:
                problems.append("%d: %d cells' pipes, header has %d: %s" %
                                (n, cells(s), header, line[:100]))
        else:
            header = None
        code = re.sub(r"`[^`]*`", "", line)
        for tag in PLAIN_MARKUP:
            for m in re.finditer(re.escape(tag), code):
                if m.start() == 0 or code[m.start() - 1] != "\\":
                    problems.append("%d: raw %s: %s" % (n, tag, line[:100]))
    if fence is not None:
        problems.append("a code fence is never closed")
    return problems


def check_lines(path, prefixes):
    problems = []
    with open(path, encoding="utf-8") as fp:
        for n, line in enumerate(fp.read().split("\n"), 1):
            if line and not line.startswith(tuple(prefixes)):
                problems.append("%d: a line of its own: %s" %
                                (n, line[:100]))
    return problems


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    kind, path, args = argv[1], argv[2], argv[3:]
    if kind == "html":
        problems = check_html(path, args)
    elif kind == "svgtext":
        problems = check_svgtext(path, args)
    elif kind == "json":
        problems = check_json(path, args)
    elif kind == "mermaid":
        problems = check_mermaid(path)
    elif kind == "markdown":
        problems = check_markdown(path)
    elif kind == "lines":
        problems = check_lines(path, args)
    else:
        sys.stderr.write("check.py: unknown kind %r\n" % kind)
        return 2
    for p in problems[:20]:
        print("%s:%s" % (path, p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

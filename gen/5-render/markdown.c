/*
 * The HTML stage: Markdown that the templates produced goes through
 * cmark-gfm here and nowhere else.  cmark-gfm renders headings without
 * ids, so after rendering, each "<hN>" (which only a real heading can
 * produce: any "<" from text arrives escaped) gets the id computed from
 * the same heading's text in the tree, in document order.  Diagram
 * images are swapped for inline SVG the same way.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "hybridoc/buf.h"
#include "hybridoc/hash.h"
#include "hybridoc/markdown.h"
#include "hybridoc/xalloc.h"

void
md_slug(const char *text, struct buf *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t		 start = out->len;
	int		 dash = 0;

	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s >= 0x80) {
			if (dash && out->len > start)
				buf_putc(out, '-');
			dash = 0;
			buf_putc(out, *s);
		} else if (*s >= 'A' && *s <= 'Z') {
			if (dash && out->len > start)
				buf_putc(out, '-');
			dash = 0;
			buf_putc(out, *s + ('a' - 'A'));
		} else if (*s == '-' || *s == '_' || *s == ' ' || *s == '.' ||
		    *s == ':' || *s == '/')
			dash = 1;
	}
	if (out->len == start)
		buf_puts(out, "section");
}

/* The plain text under a node, for slugs. */
static void
node_text(cmark_node *n, struct buf *out)
{
	cmark_iter	*it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node	*c;
	const char	*lit;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(c) == CMARK_NODE_TEXT ||
		    cmark_node_get_type(c) == CMARK_NODE_CODE) {
			lit = cmark_node_get_literal(c);
			if (lit)
				buf_puts(out, lit);
		}
	}
	cmark_iter_free(it);
}

/*
 * The heading ids so far, in order, and a hash set over them: with a
 * scan of the list per candidate, a text that repeats one heading n
 * times cost n^3 comparisons (2,700 "## Same" took a minute).
 */
struct slugs {
	char	**v;
	size_t	  n, cap;
	size_t	 *slot;		/* index + 1 into v; 0 is empty */
	size_t	  nslot;	/* a power of two, over twice n */
};

/* The slot of s: where it is, or the empty one where it would go. */
static size_t *
slug_slot(const struct slugs *sl, const char *s)
{
	size_t	 i = (size_t)hash_str(HASH_INIT, s) & (sl->nslot - 1);

	while (sl->slot[i] != 0 && strcmp(sl->v[sl->slot[i] - 1], s) != 0)
		i = (i + 1) & (sl->nslot - 1);
	return &sl->slot[i];
}

static void
slug_add(struct slugs *sl, const char *text)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, k, base;

	if (2 * (sl->n + 1) >= sl->nslot) {
		free(sl->slot);
		sl->nslot = sl->nslot ? 2 * sl->nslot : 64;
		sl->slot = xcalloc(sl->nslot, sizeof(*sl->slot));
		for (i = 0; i < sl->n; i++)
			*slug_slot(sl, sl->v[i]) = i + 1;
	}
	md_slug(text, &b);
	base = b.len;
	for (k = 1; *slug_slot(sl, buf_cstr(&b)) != 0; k++) {
		buf_truncate(&b, base);
		buf_printf(&b, "-%zu", k);
	}
	xgrow(&sl->v, &sl->cap, sl->n + 1, sizeof(*sl->v));
	sl->v[sl->n++] = buf_detach(&b, NULL);
	*slug_slot(sl, sl->v[sl->n - 1]) = sl->n;
}

static cmark_node *
md_parse(const char *md, size_t len, cmark_parser **pp)
{
	static const char *const exts[] = { "table", "autolink",
	    "strikethrough", "tagfilter" };
	cmark_parser	*p;
	size_t		 i;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(exts[i]));
	cmark_parser_feed(p, md, len);
	*pp = p;
	return cmark_parser_finish(p);
}

/*
 * The raw HTML the templates may write, a line at a time: what folds a
 * long section away (<details>, <summary>TEXT</summary>, </details>)
 * and a stable anchor (<div id="ID"></div>: an HTML block of its own,
 * where an <a> would be inline text).  GitHub renders these too, so
 * the Markdown keeps them; here they pass through cmark-gfm as custom
 * blocks, since safe mode drops every other raw HTML.  TEXT holds no
 * markup character and ID only [a-z0-9-], so nothing else can ride
 * along, from a template or from a design's description.
 */
static int
md_allowed_line(const char *s, size_t n)
{
	static const char *const fixed[] = { "<details>", "<details open>",
	    "</details>" };
	size_t	 i, k;

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' ||
	    s[n - 1] == ' '))
		n--;
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (n == strlen(fixed[i]) && memcmp(s, fixed[i], n) == 0)
			return 1;
	if (n > 19 && memcmp(s, "<summary>", 9) == 0 &&
	    memcmp(s + n - 10, "</summary>", 10) == 0) {
		for (k = 9; k < n - 10; k++)
			if (strchr("<>&\"'", s[k]) != NULL)
				return 0;
		return 1;
	}
	if (n > 17 && memcmp(s, "<div id=\"", 9) == 0 &&
	    memcmp(s + n - 8, "\"></div>", 8) == 0) {
		for (k = 9; k < n - 8; k++)
			if (!((s[k] >= 'a' && s[k] <= 'z') ||
			    (s[k] >= '0' && s[k] <= '9') || s[k] == '-'))
				return 0;
		return 1;
	}
	return 0;
}

/* Whether every line of an HTML block is an allowed one. */
static int
md_allowed_block(const char *lit)
{
	const char	*nl;

	if (lit == NULL || *lit == '\0')
		return 0;
	for (; *lit; lit = nl + 1) {
		if ((nl = strchr(lit, '\n')) == NULL)
			nl = lit + strlen(lit);
		if (nl > lit && !md_allowed_line(lit, (size_t)(nl - lit)))
			return 0;
		if (*nl == '\0')
			break;
	}
	return 1;
}

static void	slug_add(struct slugs *, const char *);

/*
 * One walk over the blocks: allowed HTML blocks become custom blocks,
 * which render as they are, and each heading's slug is added to sl in
 * document order.  Only container blocks can hold either, so the walk
 * skips every other block's inline content, most of the tree.
 */
static void
md_prepare(cmark_node *doc, struct slugs *sl)
{
	cmark_iter	*it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node	*n, **v = NULL, *c;
	struct buf	 t = BUF_INIT;
	size_t		 nv = 0, cap = 0, i;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_DOCUMENT:
		case CMARK_NODE_BLOCK_QUOTE:
		case CMARK_NODE_LIST:
		case CMARK_NODE_ITEM:
			continue;
		case CMARK_NODE_HTML_BLOCK:
			if (md_allowed_block(cmark_node_get_literal(n))) {
				xgrow(&v, &cap, nv + 1, sizeof(*v));
				v[nv++] = n;
			}
			break;
		case CMARK_NODE_HEADING:
			buf_truncate(&t, 0);
			node_text(n, &t);
			slug_add(sl, buf_cstr(&t));
			break;
		default:
			break;
		}
		/* a leaf block: on past its inlines */
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
	buf_release(&t);
	for (i = 0; i < nv; i++) {
		c = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
		cmark_node_set_on_enter(c, cmark_node_get_literal(v[i]));
		cmark_node_insert_before(v[i], c);
		cmark_node_free(v[i]);
	}
	free(v);
}

/*
 * A long runbook is converted in parts of about MD_PART bytes: cmark-gfm
 * holds the whole tree of what it parses, about eleven bytes for each
 * byte of Markdown, which made 63 of the 113 MB a 200-site runbook
 * needed at its peak (tests/bench/RESULTS.md).  A part ends before an
 * ATX heading at column 0 ("## x") outside a fenced code block: such a
 * heading ends any paragraph, list, quote or table before it, so each
 * part converts to what it would in the whole.  Two things reach across that line, and a text
 * with either is converted whole: HTML blocks (a line starting with '<',
 * which may run to a closing tag) and link reference definitions
 * ("[x]: url", which hold for the whole document).
 */
#define MD_PART		65536

static size_t
md_indent(const char *s, const char *e)
{
	size_t	 n = 0;

	while (s + n < e && s[n] == ' ' && n < 4)
		n++;
	return n;
}

/*
 * Whether the line s..nl (nl at its '\n' or at e, the end of the text)
 * lets the text be cut: it opens no HTML block and defines no link
 * reference.  An allowed line looks at the line after it, which must
 * be whole (or absent) when this is asked.
 */
static int
md_cuttable_line(const char *s, const char *nl, const char *e)
{
	const char	*l = s + md_indent(s, nl);

	/* an allowed line ends its block at the blank line after */
	if (l == s && md_allowed_line(s, (size_t)(nl - s)) &&
	    (nl + 1 >= e || nl[1] == '\n' ||
	    md_allowed_line(nl + 1, strcspn(nl + 1, "\n"))))
		return 1;
	if (l - s < 4 && l < nl && *l == '<')
		return 0;
	if (l - s < 4 && l < nl && *l == '[' &&
	    (l = memchr(l, ']', (size_t)(nl - l))) != NULL &&
	    l + 1 < nl && l[1] == ':')
		return 0;
	return 1;
}

/* Whether the text may be cut: no HTML block, no reference definition. */
static int
md_cuttable(const char *md, size_t len)
{
	const char	*s = md, *e = md + len, *nl;

	for (; s < e; s = nl + 1) {
		if ((nl = memchr(s, '\n', (size_t)(e - s))) == NULL)
			nl = e;
		if (!md_cuttable_line(s, nl, e))
			return 0;
	}
	return 1;
}

/*
 * Whether the line s..nl is an ATX heading at column 0 outside a fenced
 * code block; *fence (the open fence's length, 0 for none) and *fc (its
 * character) carry the fence from line to line.
 */
static int
md_heading_line(const char *s, const char *nl, size_t *fence, char *fc)
{
	const char	*l = s + md_indent(s, nl);
	size_t		 n;

	for (n = 0; l + n < nl && (l[n] == '`' || l[n] == '~') &&
	    l[n] == l[0]; n++)
		;
	if (*fence > 0) {
		/* a closing fence: the same character, as long */
		if (l - s < 4 && n >= *fence && l[0] == *fc &&
		    l + n + strspn(l + n, " \t") >= nl)
			*fence = 0;
		return 0;
	}
	/* an opening fence; backticks may not follow in its info */
	if (l - s < 4 && n >= 3 && (l[0] == '~' ||
	    memchr(l + n, '`', (size_t)(nl - l - n)) == NULL)) {
		*fence = n;
		*fc = l[0];
		return 0;
	}
	for (n = 0; s + n < nl && s[n] == '#'; n++)
		;
	return n >= 1 && n <= 6 && (s + n == nl || s[n] == ' ' ||
	    s[n] == '\t');
}

/* Where the part that starts at from ends: see MD_PART. */
static size_t
md_cut(const char *md, size_t len, size_t from)
{
	const char	*s = md + from, *e = md + len, *nl;
	size_t		 fence = 0;
	char		 fc = 0;

	for (; s < e; s = nl + 1) {
		if ((nl = memchr(s, '\n', (size_t)(e - s))) == NULL)
			nl = e;
		if (md_heading_line(s, nl, &fence, &fc) &&
		    (size_t)(s - md) >= from + MD_PART)
			return (size_t)(s - md);
	}
	return len;
}

/*
 * Converts one part, appending its HTML to out; with flush (not NULL)
 * out is handed to flush(farg, out) whenever it holds MD_PART bytes.
 * Returns 0 when flush failed.
 */
static int
md_html_part(const char *md, size_t len, md_embed_fn *embed, void *arg,
    struct slugs *slp, struct buf *out, md_flush_fn *flush, void *farg)
{
	cmark_parser	*p;
	cmark_node	*doc;
	struct slugs	 sl = *slp;
	char		*html;
	const char	*s, *h, *u, *e;
	size_t		 next = sl.n;
	int		 ok = 1;

	doc = md_parse(md, len, &p);
	md_prepare(doc, &sl);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT,
	    cmark_parser_get_syntax_extensions(p));
	/* the tree is eleven bytes a byte of Markdown: gone before the HTML */
	cmark_node_free(doc);
	cmark_parser_free(p);
	for (s = html; *s; ) {
		if (flush != NULL && out->len >= MD_PART && ok)
			ok = flush(farg, out);
		h = strchr(s, '<');
		if (h == NULL) {
			buf_puts(out, s);
			break;
		}
		buf_put(out, s, (size_t)(h - s));
		if (h[1] == 'h' && h[2] >= '1' && h[2] <= '6' && h[3] == '>' &&
		    next < sl.n) {
			buf_printf(out, "<h%c id=\"%s\"><a class=\"anchor\" "
			    "href=\"#%s\" aria-label=\"Permalink\">#</a>", h[2],
			    sl.v[next], sl.v[next]);
			next++;
			s = h + 4;
			continue;
		}
		/* A code block scrolls sideways when a command is long:
		 * keyboard users reach it (tabindex) and screen readers
		 * hear what it is (axe: scrollable-region-focusable). */
		if (strncmp(h, "<table>", 7) == 0) {
			/* Tables scroll sideways too (display: block). */
			buf_puts(out, "<table tabindex=\"0\">");
			s = h + 7;
			continue;
		}
		if (strncmp(h, "<pre>", 5) == 0) {
			const char *lang = "", *le = lang;

			if (strncmp(h + 5, "<code class=\"language-", 22) == 0) {
				lang = h + 27;
				le = lang + strcspn(lang, "\" <>&");
			}
			buf_puts(out, "<pre tabindex=\"0\" role=\"group\" "
			    "aria-label=\"");
			if (le > lang) {
				buf_put(out, lang, (size_t)(le - lang));
				buf_puts(out, " code");
			} else
				buf_puts(out, "Code");
			buf_puts(out, "\">");
			s = h + 5;
			continue;
		}
		if (strncmp(h, "<img src=\"", 10) == 0 &&
		    (u = strchr(h + 10, '"')) != NULL &&
		    (e = strstr(h, " />")) != NULL &&
		    embed(arg, h + 10, (size_t)(u - h - 10), out)) {
			s = e + 3;
			continue;
		}
		buf_putc(out, '<');
		s = h + 1;
	}
	free(html);
	*slp = sl;
	return ok;
}

void
md_html_cb(const char *md, size_t len, md_embed_fn *embed, void *arg,
    struct buf *out)
{
	struct slugs	 sl = { NULL, 0, 0, NULL, 0 };
	size_t		 i, at, end;
	int		 cut = len > MD_PART && md_cuttable(md, len);

	at = 0;
	do {
		end = cut ? md_cut(md, len, at) : len;
		md_html_part(md + at, end - at, embed, arg, &sl, out, NULL,
		    NULL);
		at = end;
	} while (at < len);
	for (i = 0; i < sl.n; i++)
		free(sl.v[i]);
	free(sl.v);
	free(sl.slot);
}

/*
 * The same conversion fed a piece at a time (md_stream_put), so that
 * neither the Markdown nor the HTML of a long runbook need stand whole
 * in memory.  Whether the text may be cut (md_cuttable) is known only
 * at its end; the stream cuts while every line so far allows it.  A
 * line that forbids it before the first cut makes the stream keep the
 * rest and convert it whole at the end, as md_html_cb() does; after a
 * cut, md_stream_end() fails and the caller converts the whole text
 * again with md_html_cb().  The parts, and so the HTML, are the ones
 * md_html_cb() makes of the whole text.
 */
struct md_stream {
	md_embed_fn	*embed;
	void		*arg;
	md_flush_fn	*flush;
	void		*farg;
	int		 ok;		/* no flush failed */
	struct slugs	 sl;
	struct buf	 md;		/* from the current part's start */
	size_t		 checked;	/* lines before are md_cuttable_line */
	size_t		 scanned;	/* lines before are md_heading_line */
	size_t		 fence;		/* md_heading_line's state there */
	char		 fc;
	int		 whole;		/* convert in one at the end */
	int		 cut;		/* a part was converted */
	int		 broken;	/* cannot be cut after a cut: start over */
};

struct md_stream *
md_stream_new(md_embed_fn *embed, void *arg, md_flush_fn *flush, void *farg)
{
	struct md_stream *ms = xcalloc(1, sizeof(*ms));

	ms->embed = embed;
	ms->arg = arg;
	ms->flush = flush;
	ms->farg = farg;
	ms->ok = 1;
	buf_init(&ms->md);
	return ms;
}

void
md_stream_free(struct md_stream *ms)
{
	size_t	 i;

	if (ms == NULL)
		return;
	for (i = 0; i < ms->sl.n; i++)
		free(ms->sl.v[i]);
	free(ms->sl.v);
	free(ms->sl.slot);
	buf_release(&ms->md);
	free(ms);
}

/*
 * Checks the lines not checked yet: each once the line after it is
 * whole (md_cuttable_line looks at it), all of them at the end.
 */
static void
md_stream_check(struct md_stream *ms, int end)
{
	const char	*p = ms->md.ptr, *e = p + ms->md.len, *s, *nl;

	for (s = p + ms->checked; s < e; s = nl + 1) {
		if ((nl = memchr(s, '\n', (size_t)(e - s))) == NULL) {
			if (!end)
				break;
			nl = e;
		} else if (!end && memchr(nl + 1, '\n',
		    (size_t)(e - nl - 1)) == NULL)
			break;
		if (!md_cuttable_line(s, nl, e)) {
			if (ms->cut)
				ms->broken = 1;
			else
				ms->whole = 1;
			return;
		}
		ms->checked = (size_t)(nl + 1 - p);
	}
}

/* Converts md[0..n) as one part and keeps the rest as the next part. */
static void
md_stream_part(struct md_stream *ms, size_t n, struct buf *out)
{
	if (!md_html_part(ms->md.ptr, n, ms->embed, ms->arg, &ms->sl, out,
	    ms->flush, ms->farg))
		ms->ok = 0;
	memmove(ms->md.ptr, ms->md.ptr + n, ms->md.len - n);
	buf_truncate(&ms->md, ms->md.len - n);
	ms->checked = ms->checked > n ? ms->checked - n : 0;
	ms->scanned = 0;
	ms->fence = 0;
	ms->fc = 0;
	ms->cut = 1;
}

int
md_stream_put(struct md_stream *ms, const char *md, size_t len,
    struct buf *out)
{
	const char	*p, *e, *s, *nl;

	if (ms->broken)
		return 1;
	buf_put(&ms->md, md, len);
	if (ms->whole)
		return 1;
	md_stream_check(ms, 0);
	if (ms->whole || ms->broken)
		return 1;
	/* the whole lines that md_cut would scan, with its fence state */
	for (;;) {
		p = ms->md.ptr;
		e = p + ms->md.len;
		for (s = p + ms->scanned; s < e; s = nl + 1) {
			if ((nl = memchr(s, '\n', (size_t)(e - s))) == NULL)
				break;
			if (md_heading_line(s, nl, &ms->fence, &ms->fc) &&
			    (size_t)(s - p) >= MD_PART) {
				/* the lines before it must be checked */
				if ((size_t)(s - p) > ms->checked)
					return ms->ok;
				break;
			}
			ms->scanned = (size_t)(nl + 1 - p);
		}
		if (s >= e || nl == NULL)
			return ms->ok;
		md_stream_part(ms, (size_t)(s - p), out);
	}
}

int
md_stream_end(struct md_stream *ms, struct buf *out)
{
	size_t	 at, end, len;
	int	 cut;

	if (!ms->ok)
		return -1;
	if (ms->broken)
		return 0;
	if (!ms->whole)
		md_stream_check(ms, 1);
	if (ms->broken)
		return 0;
	/* what md_html_cb() does with what is left */
	len = ms->md.len;
	cut = !ms->whole && (ms->cut || len > MD_PART);
	at = 0;
	do {
		end = cut ? md_cut(ms->md.ptr, len, at) : len;
		if (!md_html_part(ms->md.ptr + at, end - at, ms->embed,
		    ms->arg, &ms->sl, out, ms->flush, ms->farg))
			ms->ok = 0;
		at = end;
	} while (at < len);
	buf_truncate(&ms->md, 0);
	return ms->ok ? 1 : -1;
}

struct embeds {
	const struct md_embed *v;
	size_t		 n;
};

static int
embed_table(void *arg, const char *url, size_t len, struct buf *out)
{
	const struct embeds *t = arg;
	size_t		 k;

	for (k = 0; k < t->n; k++)
		if (strlen(t->v[k].url) == len &&
		    memcmp(t->v[k].url, url, len) == 0) {
			buf_put(out, t->v[k].html, t->v[k].len);
			return 1;
		}
	return 0;
}

void
md_html(const char *md, size_t len, const struct md_embed *emb, size_t nemb,
    struct buf *out)
{
	struct embeds	 t;

	t.v = emb;
	t.n = nemb;
	md_html_cb(md, len, embed_table, &t, out);
}

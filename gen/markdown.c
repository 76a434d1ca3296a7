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

struct slugs {
	char	**v;
	size_t	  n, cap;
};

static void
slug_add(struct slugs *sl, const char *text)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, k, base;
	int		 clash;

	md_slug(text, &b);
	base = b.len;
	for (k = 1;; k++) {
		clash = 0;
		for (i = 0; i < sl->n; i++)
			if (strcmp(sl->v[i], buf_cstr(&b)) == 0)
				clash = 1;
		if (!clash)
			break;
		buf_truncate(&b, base);
		buf_printf(&b, "-%zu", k);
	}
	xgrow(&sl->v, &sl->cap, sl->n + 1, sizeof(*sl->v));
	sl->v[sl->n++] = buf_detach(&b, NULL);
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

void
md_html(const char *md, size_t len, const struct md_embed *emb, size_t nemb,
    struct buf *out)
{
	cmark_parser	*p;
	cmark_node	*doc;
	cmark_iter	*it;
	cmark_event_type ev;
	cmark_node	*n;
	struct slugs	 sl = { NULL, 0, 0 };
	struct buf	 t = BUF_INIT;
	char		*html;
	const char	*s, *h;
	size_t		 i, next = 0, k;

	doc = md_parse(md, len, &p);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			buf_truncate(&t, 0);
			node_text(n, &t);
			slug_add(&sl, buf_cstr(&t));
		}
	}
	cmark_iter_free(it);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT,
	    cmark_parser_get_syntax_extensions(p));
	for (s = html; *s; ) {
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
		if (strncmp(h, "<img src=\"", 10) == 0) {
			for (k = 0; k < nemb; k++) {
				size_t ul = strlen(emb[k].url);

				if (strncmp(h + 10, emb[k].url, ul) == 0 &&
				    h[10 + ul] == '"')
					break;
			}
			if (k < nemb) {
				const char *e = strstr(h, " />");

				if (e != NULL) {
					buf_put(out, emb[k].html, emb[k].len);
					s = e + 3;
					continue;
				}
			}
		}
		buf_putc(out, '<');
		s = h + 1;
	}
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
	for (i = 0; i < sl.n; i++)
		free(sl.v[i]);
	free(sl.v);
	buf_release(&t);
}

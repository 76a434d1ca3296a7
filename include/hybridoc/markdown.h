/*
 * Markdown to HTML through cmark-gfm (this module is its only user):
 * GitHub-flavoured tables, autolinks, strikethrough and the tag filter,
 * never unsafe mode, so raw HTML in a design's text is dropped, not
 * passed on.  Headings get stable ids and a permalink, and images whose
 * URL names a known diagram are replaced by that diagram's inline SVG,
 * so the page needs no other file.
 */
#ifndef HYBRIDOC_MARKDOWN_H
#define HYBRIDOC_MARKDOWN_H

#include <stddef.h>

struct buf;

/* An image URL and the HTML that replaces it (our own SVG). */
struct md_embed {
	const char	*url;
	const char	*html;
	size_t		 len;
};

/*
 * Appends the HTML of len bytes of Markdown to out.  Headings get
 * id="slug" (lower-case words joined by '-', "-2" ... on repeats) and a
 * permalink anchor.  Images with a URL in emb become its HTML.
 */
void	md_html(const char *md, size_t len, const struct md_embed *emb,
	    size_t nemb, struct buf *out);
/*
 * md_html with images asked for on the way: for each image, embed(arg,
 * url, ulen, out) appends the HTML that replaces it and returns
 * non-zero, or returns 0 to keep the image.  The runbook draws each
 * diagram only when its turn comes, so that one SVG at a time is in
 * memory rather than twenty-one.
 */
typedef int	md_embed_fn(void *arg, const char *url, size_t ulen,
		    struct buf *out);
void	md_html_cb(const char *md, size_t len, md_embed_fn *embed, void *arg,
	    struct buf *out);
/*
 * md_html_cb fed a piece at a time: md_stream_put() appends to out the
 * HTML of what can be converted so far, md_stream_end() the rest, and
 * the HTML is the same as md_html_cb() makes of the whole text.  The
 * text is converted in parts cut before headings, as md_html_cb()
 * does for a long text; whether it may be cut is known only at its
 * end, so md_stream_end() returns 0, appending nothing, when a line
 * forbids it after a part was converted: the caller then throws the
 * HTML away and converts the whole text with md_html_cb().  It returns
 * 1 when all is converted.
 */
struct md_stream;
/*
 * flush (may be NULL) takes the HTML in out (and empties it) whenever
 * out holds 64 KiB, within a part too; 0 from it is a write error:
 * md_stream_put() returns 0 and md_stream_end() -1.
 */
typedef int	md_flush_fn(void *arg, struct buf *out);
struct md_stream *md_stream_new(md_embed_fn *embed, void *arg,
	    md_flush_fn *flush, void *farg);
int	md_stream_put(struct md_stream *ms, const char *md, size_t len,
	    struct buf *out);
int	md_stream_end(struct md_stream *ms, struct buf *out);
void	md_stream_free(struct md_stream *ms);
/* Appends the heading slug of text (as md_html would make it). */
void	md_slug(const char *text, struct buf *out);

#endif

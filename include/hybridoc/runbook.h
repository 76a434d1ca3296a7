/*
 * The runbook: the view rendered through the runbook templates to
 * Markdown, and that Markdown through cmark-gfm to one self-contained
 * HTML page with the diagrams inline.  Also the template set every
 * templated output shares: built-in templates, each overridable by a
 * file of the same name in a --templates folder.
 */
#ifndef HYBRIDOC_RUNBOOK_H
#define HYBRIDOC_RUNBOOK_H

#include <stddef.h>

struct analysis;
struct buf;
struct diagram;
struct diags;
struct tmpl_set;

/* Test procedures beyond this many get no diagram of their own. */
#define RUNBOOK_MAX_SCENARIO_DIAGRAMS	20

/*
 * The templates: built-in, or from dir (may be NULL) when it holds a
 * file of the same name.  The caller frees with tmpl_set_free().
 */
struct tmpl_set	*runbook_templates(const char *dir);

/*
 * Renders the runbook of a into out: Markdown when html is 0, else a
 * complete HTML page.  dg is the design's diagram (built by the caller
 * so that one layout serves every view).  Returns non-zero on success;
 * template and Graphviz errors go to d.
 */
int	runbook_render(const struct analysis *a, struct diagram *dg, int html,
	    struct tmpl_set *ts, struct buf *out, struct diags *d);

/*
 * Where runbook_write() hands the runbook as it is made: put(arg, b)
 * takes the bytes of b and empties it (0 on a write error, which stops
 * the run); rewind(arg) drops everything put so far (the HTML is then
 * made again, whole: see md_stream_end()).  fsout_take and
 * fsout_rewind make a file one.
 */
struct runbook_sink {
	int		(*put)(void *arg, struct buf *b);
	int		(*rewind)(void *arg);
	void		*arg;
};

/*
 * runbook_render() a piece at a time: the failover tests are built,
 * rendered and freed one by one, and the text (for HTML, the page as
 * cmark-gfm converts it in parts) goes to sink as it grows, so a long
 * runbook never stands whole in memory.  The bytes are the same.  On
 * failure what the sink took is a part of the runbook, to be thrown
 * away.
 */
int	runbook_write(const struct analysis *a, struct diagram *dg, int html,
	    struct tmpl_set *ts, const struct runbook_sink *sink,
	    struct diags *d);

/*
 * The runbook's HTML body only (no page around it), with diagrams
 * inline: for pages that wrap it in their own layout.
 */
int	runbook_html_body(const struct analysis *a, struct diagram *dg,
	    struct tmpl_set *ts, struct buf *out, struct diags *d);

/* Strips an XML declaration and DOCTYPE so an SVG can sit in HTML. */
void	runbook_inline_svg(const char *svg, size_t len, struct buf *out);
/*
 * The same, with every id of the SVG prefixed by prefix, and the
 * references to them (href="#id", url(#id)) with it: two drawings of
 * one design in a page reuse Graphviz's ids, and ids must be unique.
 */
void	runbook_inline_svg_ids(const char *svg, size_t len,
	    const char *prefix, struct buf *out);

#endif

/*
 * The Mustache template engine: the render stage turns the view's value
 * tree into Markdown (and the site's pages) through templates.  A
 * template is compiled once into a list of operations and can then be
 * rendered any number of times against different value trees.  The
 * language is the core Mustache specification (interpolation, sections,
 * inverted sections, comments, partials, set-delimiters); lambdas are
 * not supported.  The escaping of {{name}} is chosen per render:
 * HTML, Markdown or none; {{{name}}} and {{&name}} are always raw.
 *
 * Partials are found through a caller-provided lookup function and
 * compiled once into a struct tmpl_set, which owns every template it
 * compiled:
 *
 *	struct tmpl_set *ts = tmpl_set_new(lookup, arg);
 *	const struct tmpl *t = tmpl_set_get(ts, "runbook.md.mustache", d);
 *	if (t != NULL && tmpl_render(t, ts, view, TMPL_ESC_MARKDOWN, &out, d))
 *		...
 *	tmpl_set_free(ts);
 *
 * Errors in a template are reported as "file:line:col: error: ..." with
 * the position of the offending tag.
 */
#ifndef HYBRIDOC_MUSTACHE_H
#define HYBRIDOC_MUSTACHE_H

#include <stddef.h>

#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/value.h"

/* Sections open at once inside one template. */
#define TMPL_MAX_NEST		64
/* Partials active at once while rendering (a recursive partial stops here). */
#define TMPL_MAX_PARTIAL_DEPTH	64
/* Longest delimiter a set-delimiter tag may choose, in bytes. */
#define TMPL_MAX_DELIM		16

enum tmpl_escape {
	TMPL_ESC_NONE,		/* as is */
	/*
	 * HTML text and attribute values: & < > " ' become &amp; &lt;
	 * &gt; &quot; &#39;.
	 */
	TMPL_ESC_HTML,
	/*
	 * Markdown inline text and GFM table cells: every ASCII character
	 * with inline meaning (\ ` * _ [ ] < > | ~ & ! #) gets a
	 * backslash, so no emphasis, code span, link, image, raw HTML,
	 * entity or table-cell split can form; ':' before "//" and '.'
	 * after "www" are escaped so that no bare URL is autolinked.  CR,
	 * LF and CRLF each become one space so that a table row stays one
	 * line.  A - + = or ordered-list marker ("12." "3)") that begins
	 * the value (after blanks) is escaped too, so that a value placed
	 * at the start of a line, or after "- ", starts no block.  Bare e-mail
	 * addresses cannot be kept from GFM's autolinker by escaping; they
	 * link to exactly the address shown.
	 */
	TMPL_ESC_MARKDOWN
};

struct tmpl;
struct tmpl_set;

/*
 * Finds the template called name for a tmpl_set.  On success appends its
 * text to text and the name to show in messages (e.g. its path) to file,
 * and returns non-zero.  Returns 0 when there is no such template; it
 * may add its own diagnostics to d (e.g. a file that exists but cannot
 * be read).
 */
typedef int tmpl_lookup_fn(void *arg, const char *name, struct buf *text,
    struct buf *file, struct diags *d);

/*
 * Compiles len bytes of template text.  name is the file name used in
 * messages.  The text is copied.  Returns the template (caller frees
 * with tmpl_free), or NULL after adding one error per problem found to
 * d.
 */
struct tmpl	*tmpl_compile(const char *name, const char *text, size_t len,
		    struct diags *d);
/* Frees a template from tmpl_compile(); accepts NULL. */
void		 tmpl_free(struct tmpl *t);
/* The name given to tmpl_compile() (or the lookup's file name). */
const char	*tmpl_name(const struct tmpl *t);
/* Number of operations t compiled to (for tests and benchmarks). */
size_t		 tmpl_nops(const struct tmpl *t);

/*
 * A set of templates found by lookup(arg, ...), compiled on first use
 * and kept until tmpl_set_free().  Never fails.
 */
struct tmpl_set	*tmpl_set_new(tmpl_lookup_fn *lookup, void *arg);
/* Frees the set and every template in it; accepts NULL. */
void		 tmpl_set_free(struct tmpl_set *ts);
/*
 * The compiled template called name, compiling it on first use.  The
 * set owns it.  Returns NULL when it does not exist (an error is added
 * to d) or does not compile (its errors are added to d the first time;
 * later calls return NULL without repeating them).
 */
const struct tmpl *tmpl_set_get(struct tmpl_set *ts, const char *name,
		    struct diags *d);

/*
 * Renders t against data (the bottom of the context stack; may be NULL),
 * appending to out.  Partials come from ts, compiled on first use; with
 * ts NULL, or when the lookup finds nothing, a partial renders as
 * nothing (as the specification says) and a warning is added the first
 * time a set misses a name.  Returns non-zero on success.  Returns 0
 * after adding an error to d when partials nest deeper than
 * TMPL_MAX_PARTIAL_DEPTH or a partial does not compile; out is then
 * restored to its length on entry.
 */
int		 tmpl_render(const struct tmpl *t, struct tmpl_set *ts,
		    const struct value *data, enum tmpl_escape esc,
		    struct buf *out, struct diags *d);

/*
 * tmpl_render for a long output: at the end of a section's pass, once
 * out holds VALUE_FLUSH_AT bytes or more, flush(arg, out) takes them
 * (and empties out), so the output need not stand whole in memory; a
 * lazy list (value_new_lazy_list) has one item at a time made.  When
 * flush fails, or the render does after a flush, out is emptied and 0
 * returned; what flush took is the caller's to throw away.
 */
int		 tmpl_render_flush(const struct tmpl *t, struct tmpl_set *ts,
		    const struct value *data, enum tmpl_escape esc,
		    struct buf *out, struct diags *d, value_flush_fn *flush,
		    void *arg);

/*
 * Appends len bytes of s to out, escaped as esc says.  The Markdown
 * escape looks at out to learn whether s starts an output line.
 */
void		 tmpl_escape(struct buf *out, const char *s, size_t len,
		    enum tmpl_escape esc);

#endif

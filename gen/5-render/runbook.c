/*
 * The runbook writer: view -> Mustache -> Markdown, and for HTML
 * Markdown -> cmark-gfm -> a page.  Diagrams are drawn from the one
 * diagram the caller built: the Markdown carries Mermaid blocks (which
 * wikis render), the HTML the same views as inline SVG.  Nothing here
 * derives facts; that is the view's job.
 */
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/load.h"
#include "hybridoc/markdown.h"
#include "hybridoc/mustache.h"
#include "hybridoc/runbook.h"
#include "hybridoc/sim.h"
#include "hybridoc/templates.h"
#include "hybridoc/value.h"
#include "hybridoc/view.h"
#include "hybridoc/xalloc.h"

static int
lookup(void *arg, const char *name, struct buf *text, struct buf *file,
    struct diags *d)
{
	return template_load(arg, name, text, file, d) > 0;
}

struct tmpl_set *
runbook_templates(const char *dir)
{
	/* The set keeps arg as void *; lookup only reads the string. */
	union { const char *c; void *v; } u;

	u.c = dir;
	return tmpl_set_new(lookup, u.v);
}

void
runbook_inline_svg(const char *svg, size_t len, struct buf *out)
{
	const char	*s = svg, *e = svg + len, *p;

	/* Skip to the <svg element: no XML declaration, no DOCTYPE. */
	for (p = s; p + 4 < e; p++)
		if (p[0] == '<' && p[1] == 's' && p[2] == 'v' && p[3] == 'g')
			break;
	if (p + 4 >= e)
		p = s;
	buf_put(out, p, (size_t)(e - p));
}

void
runbook_inline_svg_ids(const char *svg, size_t len, const char *prefix,
    struct buf *out)
{
	static const char *const marks[] = { " id=\"", "href=\"#", "url(#" };
	struct buf	 whole = BUF_INIT;
	const char	*p, *e, *from;
	size_t		 i, ml;

	runbook_inline_svg(svg, len, &whole);
	from = p = buf_cstr(&whole);
	e = p + whole.len;
	for (; p < e; p++)
		for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
			ml = strlen(marks[i]);
			if ((size_t)(e - p) < ml || memcmp(p, marks[i], ml) != 0)
				continue;
			buf_put(out, from, (size_t)(p - from) + ml);
			buf_puts(out, prefix);
			p += ml - 1;
			from = p + 1;
			break;
		}
	buf_put(out, from, (size_t)(e - from));
	buf_release(&whole);
}

struct drawn {
	char		*scenario;
	char		*url;
	struct buf	 mermaid;
};

/*
 * The runbook's diagrams: the topology and up to
 * RUNBOOK_MAX_SCENARIO_DIAGRAMS tests that move a route.  For Markdown
 * their Mermaid text is drawn here; the SVG of the HTML page is drawn
 * when md_html_cb() reaches each image (embed_svg), so that one SVG at
 * a time is in memory: twenty-one of a 200-site design held 11 MB.
 */
static int
draw(const struct analysis *a, struct diagram *dg, int html,
    struct drawn **out, size_t *nout, struct diags *d)
{
	const char	**ids;
	size_t		 n, i, k = 0;
	struct drawn	*v;
	int		 ok = 1;

	ids = xreallocarray(NULL, a->sim->nscenarios + 1, sizeof(*ids));
	n = view_test_scenarios(a, ids);
	v = xcalloc(n + 1, sizeof(*v));
	v[k].scenario = NULL;
	v[k].url = xstrdup("topology.svg");
	k++;
	for (i = 0; i < n && k <= RUNBOOK_MAX_SCENARIO_DIAGRAMS; i++) {
		const struct sim_scenario *sc = sim_scenario(a->sim, ids[i]);

		if (sc == NULL || !sc->differs)
			continue;
		v[k].scenario = xstrdup(ids[i]);
		v[k].url = xasprintf("scenario-%zu.svg", k);
		k++;
	}
	for (i = 0; i < k; i++) {
		buf_init(&v[i].mermaid);
		if (!html && ok)
			ok = diagram_render(dg, v[i].scenario,
			    DIAGRAM_MERMAID, &v[i].mermaid, d);
	}
	free(ids);
	*out = v;
	*nout = k;
	return ok;
}

static void
drawn_free(struct drawn *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].scenario);
		free(v[i].url);
		buf_release(&v[i].mermaid);
	}
	free(v);
}

struct embed {
	struct diagram	*dg;
	const struct drawn *v;
	size_t		 n;
	struct buf	 svg;
	struct diags	*d;
	int		 ok;
};

/* md_html_cb's callback: the inline SVG of the diagram at url. */
static int
embed_svg(void *arg, const char *url, size_t len, struct buf *out)
{
	struct embed	*c = arg;
	size_t		 k;

	for (k = 0; k < c->n; k++) {
		if (strlen(c->v[k].url) != len ||
		    memcmp(c->v[k].url, url, len) != 0)
			continue;
		buf_truncate(&c->svg, 0);
		if (!diagram_render(c->dg, c->v[k].scenario, DIAGRAM_SVG,
		    &c->svg, c->d)) {
			c->ok = 0;
			return 0;
		}
		runbook_inline_svg(buf_cstr(&c->svg), c->svg.len, out);
		return 1;
	}
	return 0;
}

/*
 * Markdown of the runbook into out, and the diagrams it refers to.
 * The tests are made one at a time (view_opts.lazy); with flush (not
 * NULL) the text is handed to flush(farg, out) as it grows, so neither
 * the tests nor the text stand whole in memory.
 */
static int
render_md(const struct analysis *a, struct diagram *dg, int html,
    struct tmpl_set *ts, const struct drawn *dv, size_t ndv,
    struct buf *out, value_flush_fn *flush, void *farg, struct diags *d)
{
	struct view_diagram *vd;
	struct view_opts o;
	struct value	*view;
	const struct tmpl *t;
	size_t		 i;
	int		 ok;

	vd = xcalloc(ndv + 1, sizeof(*vd));
	for (i = 0; i < ndv; i++) {
		vd[i].scenario = dv[i].scenario;
		vd[i].url = dv[i].url;
		vd[i].mermaid = html ? NULL : buf_cstr(&dv[i].mermaid);
		vd[i].azure_devops = diagram_fence(dg) ==
		    DIAGRAM_FENCE_AZURE_DEVOPS;
	}
	memset(&o, 0, sizeof(o));
	o.html = html;
	o.layout = 1;
	o.lazy = 1;
	o.diagrams = vd;
	o.ndiagrams = ndv;
	view = view_runbook(a, &o);
	t = tmpl_set_get(ts, "runbook.md.mustache", d);
	ok = t != NULL && tmpl_render_flush(t, ts, view, TMPL_ESC_MARKDOWN,
	    out, d, flush, farg);
	value_free(view);
	free(vd);
	return ok;
}

/* The sink of a buffer: appends what it takes. */
struct bufsink {
	struct buf	*out;
	size_t		 start;
};

static int
bufsink_take(void *arg, struct buf *b)
{
	struct bufsink	*bs = arg;

	buf_put(bs->out, b->ptr ? b->ptr : "", b->len);
	buf_truncate(b, 0);
	return 1;
}

static int
bufsink_rewind(void *arg)
{
	struct bufsink	*bs = arg;

	buf_truncate(bs->out, bs->start);
	return 1;
}

/* The HTML body from the whole Markdown at once (md_html_cb). */
static int
html_body_whole(const struct analysis *a, struct diagram *dg,
    struct tmpl_set *ts, struct buf *out, struct diags *d)
{
	struct buf	 md = BUF_INIT;
	struct drawn	*dv = NULL;
	struct embed	 c;
	size_t		 ndv = 0;
	int		 ok;

	ok = draw(a, dg, 1, &dv, &ndv, d) &&
	    render_md(a, dg, 1, ts, dv, ndv, &md, NULL, NULL, d);
	if (ok) {
		memset(&c, 0, sizeof(c));
		c.dg = dg;
		c.v = dv;
		c.n = ndv;
		c.d = d;
		c.ok = 1;
		buf_init(&c.svg);
		/* the topology first: the scenarios restyle its SVG */
		ok = diagram_render(dg, NULL, DIAGRAM_SVG, &c.svg, d);
		if (ok) {
			/* room for it all at once: no copies on the way */
			buf_grow(out, md.len + md.len / 2 + ndv * c.svg.len);
			md_html_cb(buf_cstr(&md), md.len, embed_svg, &c, out);
			ok = c.ok;
		}
		buf_release(&c.svg);
	}
	drawn_free(dv, ndv);
	buf_release(&md);
	return ok;
}

/* The Markdown stage's flush in a streamed HTML body: on to cmark-gfm. */
struct hstream {
	struct md_stream *ms;
	struct buf	 html;
	const struct runbook_sink *sink;
};

static int
hstream_take(void *arg, struct buf *md)
{
	struct hstream	*h = arg;

	int		 ok;

	ok = md_stream_put(h->ms, md->ptr ? md->ptr : "", md->len, &h->html);
	buf_truncate(md, 0);
	return ok && (h->html.len == 0 || h->sink->put(h->sink->arg,
	    &h->html));
}

/*
 * The HTML body streamed to sink: the Markdown converted in parts as
 * it is rendered (md_stream).  Returns 1 on success, 0 on an error, -1
 * when the text turned out not to allow parts after some were written:
 * the caller rewinds and converts it whole.
 */
static int
html_body_stream(const struct analysis *a, struct diagram *dg,
    struct tmpl_set *ts, const struct runbook_sink *sink, struct diags *d)
{
	struct buf	 md = BUF_INIT;
	struct drawn	*dv = NULL;
	struct embed	 c;
	struct hstream	 h;
	size_t		 ndv = 0;
	int		 ok;

	if (!draw(a, dg, 1, &dv, &ndv, d)) {
		drawn_free(dv, ndv);
		return 0;
	}
	memset(&c, 0, sizeof(c));
	buf_init(&c.svg);
	/* the topology first: the scenarios restyle its SVG */
	if (!diagram_render(dg, NULL, DIAGRAM_SVG, &c.svg, d)) {
		buf_release(&c.svg);
		drawn_free(dv, ndv);
		return 0;
	}
	c.dg = dg;
	c.v = dv;
	c.n = ndv;
	c.d = d;
	c.ok = 1;
	h.ms = md_stream_new(embed_svg, &c, sink->put, sink->arg);
	buf_init(&h.html);
	h.sink = sink;
	ok = render_md(a, dg, 1, ts, dv, ndv, &md, hstream_take, &h, d);
	if (ok && md_stream_put(h.ms, md.ptr ? md.ptr : "", md.len,
	    &h.html)) {
		ok = md_stream_end(h.ms, &h.html);
		if (ok > 0)
			ok = c.ok && (h.html.len == 0 ||
			    sink->put(sink->arg, &h.html));
		else if (ok < 0)
			ok = 0;
		else
			ok = -1;
	} else
		ok = 0;
	if (ok > 0 && !c.ok)
		ok = 0;
	md_stream_free(h.ms);
	buf_release(&h.html);
	buf_release(&c.svg);
	drawn_free(dv, ndv);
	buf_release(&md);
	return ok;
}

int
runbook_html_body(const struct analysis *a, struct diagram *dg,
    struct tmpl_set *ts, struct buf *out, struct diags *d)
{
	struct bufsink	 bs;
	struct runbook_sink sink;
	int		 ok;

	bs.out = out;
	bs.start = out->len;
	sink.put = bufsink_take;
	sink.rewind = bufsink_rewind;
	sink.arg = &bs;
	ok = html_body_stream(a, dg, ts, &sink, d);
	if (ok < 0) {
		bufsink_rewind(&bs);
		ok = html_body_whole(a, dg, ts, out, d);
	}
	return ok;
}

/*
 * The page is rendered first with a marker where the body goes, and the
 * body is then written straight to the sink at the marker, as it is
 * made.  The marker holds '<', so a template that escapes the body, or
 * uses it other than once, shows no bare marker and gets the body as a
 * value.
 */
#define BODY_MARK	"<\001hybridoc-body\001>"

/* The page's value around body (owned by the page afterwards). */
static struct value *
page_new(const struct analysis *a, struct value *body)
{
	const struct template_file *css = template_find("hybridoc.css");
	struct value	*page = value_new_map();

	value_map_str(page, "title", a->dsn->title ? a->dsn->title :
	    a->dsn->name);
	value_map_str(page, "name", a->dsn->name);
	value_map_put(page, "css", css ? value_new_strn(css->data, css->len) :
	    value_new_str(""));
	value_map_put(page, "body", body);
	return page;
}

/* Hands len bytes at s to the sink. */
static int
sink_put(const struct runbook_sink *sink, const char *s, size_t len)
{
	struct buf	 b = BUF_INIT;
	int		 ok;

	buf_put(&b, s, len);
	ok = sink->put(sink->arg, &b);
	buf_release(&b);
	return ok;
}

int
runbook_write(const struct analysis *a, struct diagram *dg, int html,
    struct tmpl_set *ts, const struct runbook_sink *sink, struct diags *d)
{
	struct buf	 frame = BUF_INIT, body = BUF_INIT;
	struct drawn	*dv = NULL;
	size_t		 ndv = 0, pre;
	struct value	*page;
	const struct tmpl *t;
	const char	*m;
	int		 ok;

	if (!html) {
		ok = draw(a, dg, 0, &dv, &ndv, d) &&
		    render_md(a, dg, 0, ts, dv, ndv, &body, sink->put,
		    sink->arg, d) &&
		    (body.len == 0 || sink->put(sink->arg, &body));
		drawn_free(dv, ndv);
		buf_release(&body);
		return ok;
	}
	if ((t = tmpl_set_get(ts, "runbook.html.mustache", d)) == NULL)
		return 0;
	page = page_new(a, value_new_str(BODY_MARK));
	ok = tmpl_render(t, ts, page, TMPL_ESC_HTML, &frame, d);
	value_free(page);
	m = ok ? strstr(buf_cstr(&frame), BODY_MARK) : NULL;
	if (m != NULL && strstr(m + 1, BODY_MARK) == NULL) {
		pre = (size_t)(m - frame.ptr);
		ok = sink_put(sink, frame.ptr, pre);
		if (ok && (ok = html_body_stream(a, dg, ts, sink, d)) < 0) {
			/* the text cannot be cut after all: whole, anew */
			ok = sink->rewind(sink->arg) &&
			    sink_put(sink, frame.ptr, pre) &&
			    html_body_whole(a, dg, ts, &body, d) &&
			    sink->put(sink->arg, &body);
		}
		ok = ok && sink_put(sink, m + strlen(BODY_MARK),
		    strlen(m + strlen(BODY_MARK)));
	} else if (ok && (ok = runbook_html_body(a, dg, ts, &body, d))) {
		page = page_new(a, value_new_str_owned(buf_detach(&body,
		    NULL)));
		buf_truncate(&frame, 0);
		ok = tmpl_render(t, ts, page, TMPL_ESC_HTML, &frame, d) &&
		    sink->put(sink->arg, &frame);
		value_free(page);
	}
	buf_release(&frame);
	buf_release(&body);
	return ok;
}

int
runbook_render(const struct analysis *a, struct diagram *dg, int html,
    struct tmpl_set *ts, struct buf *out, struct diags *d)
{
	struct bufsink	 bs;
	struct runbook_sink sink;

	bs.out = out;
	bs.start = out->len;
	sink.put = bufsink_take;
	sink.rewind = bufsink_rewind;
	sink.arg = &bs;
	return runbook_write(a, dg, html, ts, &sink, d);
}

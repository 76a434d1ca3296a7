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
	const char	*dir = arg;
	const struct template_file *t;
	char		*data;
	size_t		 len;

	if (dir != NULL && strchr(name, '/') == NULL) {
		struct buf	 path = BUF_INIT;
		FILE		*fp;

		buf_printf(&path, "%s/%s", dir, name);
		fp = fopen(buf_cstr(&path), "rb");
		if (fp != NULL) {
			fclose(fp);
			if (!load_file(buf_cstr(&path), &data, &len, d)) {
				buf_release(&path);
				return 0;
			}
			buf_put(text, data, len);
			buf_puts(file, buf_cstr(&path));
			free(data);
			buf_release(&path);
			return 1;
		}
		buf_release(&path);
	}
	if ((t = template_find(name)) == NULL)
		return 0;
	buf_put(text, t->data, t->len);
	buf_printf(file, "templates/%s", name);
	return 1;
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

struct drawn {
	char		*scenario;
	char		*url;
	struct buf	 mermaid;
	struct buf	 svg;
};

static int
draw(const struct analysis *a, struct diagram *dg, int html,
    struct drawn **out, size_t *nout, struct diags *d)
{
	const char	**ids;
	size_t		 n, i, k = 0;
	struct drawn	*v;
	struct buf	 svg = BUF_INIT;
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
	for (i = 0; i < k && ok; i++) {
		buf_init(&v[i].mermaid);
		buf_init(&v[i].svg);
		if (html) {
			buf_truncate(&svg, 0);
			ok = diagram_render(dg, v[i].scenario, DIAGRAM_SVG,
			    &svg, d);
			runbook_inline_svg(buf_cstr(&svg), svg.len,
			    &v[i].svg);
		} else
			ok = diagram_render(dg, v[i].scenario,
			    DIAGRAM_MERMAID, &v[i].mermaid, d);
	}
	for (; i < k; i++) {
		buf_init(&v[i].mermaid);
		buf_init(&v[i].svg);
	}
	buf_release(&svg);
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
		buf_release(&v[i].svg);
	}
	free(v);
}

/* Markdown of the runbook, and the diagrams it refers to. */
static int
render_md(const struct analysis *a, struct diagram *dg, int html,
    struct tmpl_set *ts, struct buf *out, struct drawn **dv, size_t *ndv,
    struct diags *d)
{
	struct view_diagram *vd;
	struct view_opts o;
	struct value	*view;
	const struct tmpl *t;
	size_t		 i;
	int		 ok;

	if (!draw(a, dg, html, dv, ndv, d))
		return 0;
	vd = xcalloc(*ndv + 1, sizeof(*vd));
	for (i = 0; i < *ndv; i++) {
		vd[i].scenario = (*dv)[i].scenario;
		vd[i].url = (*dv)[i].url;
		vd[i].mermaid = html ? NULL : buf_cstr(&(*dv)[i].mermaid);
	}
	memset(&o, 0, sizeof(o));
	o.html = html;
	o.diagrams = vd;
	o.ndiagrams = *ndv;
	view = view_runbook(a, &o);
	t = tmpl_set_get(ts, "runbook.md.mustache", d);
	ok = t != NULL && tmpl_render(t, ts, view, TMPL_ESC_MARKDOWN, out, d);
	value_free(view);
	free(vd);
	return ok;
}

int
runbook_html_body(const struct analysis *a, struct diagram *dg,
    struct tmpl_set *ts, struct buf *out, struct diags *d)
{
	struct buf	 md = BUF_INIT;
	struct drawn	*dv = NULL;
	struct md_embed	*emb;
	size_t		 ndv = 0, i;
	int		 ok;

	ok = render_md(a, dg, 1, ts, &md, &dv, &ndv, d);
	if (ok) {
		emb = xcalloc(ndv + 1, sizeof(*emb));
		for (i = 0; i < ndv; i++) {
			emb[i].url = dv[i].url;
			emb[i].html = buf_cstr(&dv[i].svg);
			emb[i].len = dv[i].svg.len;
		}
		md_html(buf_cstr(&md), md.len, emb, ndv, out);
		free(emb);
	}
	drawn_free(dv, ndv);
	buf_release(&md);
	return ok;
}

int
runbook_render(const struct analysis *a, struct diagram *dg, int html,
    struct tmpl_set *ts, struct buf *out, struct diags *d)
{
	struct buf	 body = BUF_INIT;
	struct drawn	*dv = NULL;
	size_t		 ndv = 0;
	struct value	*page;
	const struct tmpl *t;
	const struct template_file *css;
	int		 ok;

	if (!html) {
		ok = render_md(a, dg, 0, ts, out, &dv, &ndv, d);
		drawn_free(dv, ndv);
		return ok;
	}
	if (!runbook_html_body(a, dg, ts, &body, d)) {
		buf_release(&body);
		return 0;
	}
	page = value_new_map();
	value_map_str(page, "title", a->dsn->title ? a->dsn->title :
	    a->dsn->name);
	value_map_str(page, "name", a->dsn->name);
	css = template_find("hybridoc.css");
	value_map_put(page, "css", css ? value_new_strn(css->data, css->len) :
	    value_new_str(""));
	value_map_put(page, "body", value_new_strn(buf_cstr(&body), body.len));
	t = tmpl_set_get(ts, "runbook.html.mustache", d);
	ok = t != NULL && tmpl_render(t, ts, page, TMPL_ESC_HTML, out, d);
	value_free(page);
	buf_release(&body);
	return ok;
}

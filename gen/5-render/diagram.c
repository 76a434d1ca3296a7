/*
 * The diagram stage, after the simulation (diagram.h): the facade of
 * the diagram module.  diagram_new() builds the model (dg_model.c);
 * diagram_render() works out the view and hands it to a writer: DOT
 * (dg_dot.c), Mermaid (dg_mermaid.c), or SVG and PNG through the
 * Graphviz adapter (dg_graphviz.c), where SVG views after the baseline
 * come from the SVG restyler (dg_svg.c).  On a Graphviz other than the
 * release the adapter was written for (dg_gv_internals()), every SVG
 * and PNG view is laid out from its own DOT with the public API only.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/mermaid.h"
#include "hybridoc/xalloc.h"

#include "dg_int.h"

/* Set by diagram_graphviz_plain(): draw as on an unknown Graphviz. */
static int	 plain;

void
diagram_graphviz_plain(int on)
{
	plain = on;
}

/* May views reuse the layout and the SVG text (dg_graphviz.c)? */
static int
internals(void)
{
	return !plain && dg_gv_internals();
}

/*
 * The SVG every view of a laid-out diagram is restyled from: the
 * baseline with every legend row shown where the layout put it, since
 * a scenario shows rows the baseline hides and the restyler can hide
 * or move a row but not draw one.
 * Without a simulation there is one view, drawn as it is.
 */
static void
svg_template(struct diagram *dg, struct diags *d)
{
	struct dg_view	 v;
	struct buf	 svg = BUF_INIT;
	size_t		 i;

	diagram_view(dg, NULL, &v);
	if (dg->sim != NULL)
		for (i = 0; i < dg->m.nobjs; i++)
			if (dg->m.objs[i].role == DG_LEGEND)
				v.keys |= 1u << dg->m.objs[i].key;
	if (dg_gv_render_view(dg, &v, "svg", &svg, d)) {
		dg->svg = dg_svg_index(dg, v.idstem, svg.ptr, svg.len);
		dg->svgkeys = v.keys;
	}
	buf_release(&svg);
	dg_view_release(&v);
}

int
diagram_render(struct diagram *dg, const char *scenario,
    enum diagram_format fmt, struct buf *out, struct diags *d)
{
	struct dg_view	 v;
	struct buf	 dot = BUF_INIT;
	struct mark	 none = { 0, 0 };
	size_t		 start, start0 = out->len;
	int		 rc = 0;

	if (!diagram_view(dg, scenario, &v)) {
		if (dg->sim == NULL)
			diags_error(d, dg->dsn->file, none,
			    "scenario %s: no simulation to draw it from",
			    scenario);
		else
			diags_error(d, dg->dsn->file, none,
			    "unknown scenario %s", scenario);
		return 0;
	}
	switch (fmt) {
	case DIAGRAM_DOT:
		dot_write(out, &dg->m, &v);
		rc = 1;
		break;
	case DIAGRAM_MERMAID:
		mermaid_write(out, &dg->m, &v);
		rc = 1;
		break;
	case DIAGRAM_PNG:
		if (v.scenario != NULL || v.phase == DG_PHASE_BEFORE ||
		    !internals()) {
			/* Cairo keeps the text it measured: lay out anew. */
			dot_write(&dot, &dg->m, &v);
			rc = dg_gv_render_dot(buf_cstr(&dot), NULL, "png", out,
			    d, dg->dsn->file);
			buf_release(&dot);
			break;
		}
		/* FALLTHROUGH */
	case DIAGRAM_SVG:
		if (!internals()) {
			/* Each view its own layout, through the public API. */
			dot_write(&dot, &dg->m, &v);
			rc = dg_gv_render_dot(buf_cstr(&dot), v.idstem, "svg",
			    out, d, dg->dsn->file);
			buf_release(&dot);
			break;
		}
		if (!dg_gv_layout(dg, d))
			break;
		if (fmt == DIAGRAM_SVG && v.phase == DG_PHASE_NONE &&
		    !dg->single) {
			/* views from the template's text (dg_svg.c) */
			if (dg->svg == NULL)
				svg_template(dg, d);
			if (dg_svg_restyle(dg, &v, out)) {
				rc = 1;
				break;
			}
		}
		start = out->len;
		rc = dg_gv_render_view(dg, &v, fmt == DIAGRAM_SVG ? "svg" :
		    "png", out, d);
		/* a view's legend rows from the top, as restyled */
		if (rc && fmt == DIAGRAM_SVG)
			dg_svg_legend_moves(dg, &v, out, start);
		break;
	}
	if (rc && fmt == DIAGRAM_SVG)
		dg_svg_titles(out, start0);
	dg_view_release(&v);
	return rc;
}

void
diagram_single_view(struct diagram *dg)
{
	dg->single = 1;
}

void
diagram_exit_free(struct diagram *dg)
{
	if (dg == NULL)
		return;
	dg_gv_leave(dg);
	diagram_free(dg);
}

void
diagram_free(struct diagram *dg)
{
	if (dg == NULL)
		return;
	dg_gv_free(dg);
	dg_svg_free(dg->svg);
	dg_free(dg);
}

void
diagram_mermaid(const struct design *dsn, const struct sim *sim,
    const char *scenario, enum diagram_detail detail, struct buf *out)
{
	struct diagram	*dg;
	struct dg_view	 v;

	dg = diagram_new(dsn, sim, detail);
	if (!diagram_view(dg, scenario, &v))
		diagram_view(dg, NULL, &v);
	mermaid_write(out, &dg->m, &v);
	dg_view_release(&v);
	diagram_free(dg);
}

void
diagram_set_fence(struct diagram *dg, enum diagram_fence f)
{
	dg->fence = f;
	dg->m.graph = f == DIAGRAM_FENCE_AZURE_DEVOPS;
}

enum diagram_fence
diagram_fence(const struct diagram *dg)
{
	return dg->fence;
}

int
diagram_fence_parse(const char *name, enum diagram_fence *f)
{
	if (strcmp(name, "none") == 0)
		*f = DIAGRAM_FENCE_NONE;
	else if (strcmp(name, "markdown") == 0)
		*f = DIAGRAM_FENCE_MARKDOWN;
	else if (strcmp(name, "azure-devops") == 0)
		*f = DIAGRAM_FENCE_AZURE_DEVOPS;
	else
		return 0;
	return 1;
}

const char *
diagram_fence_open(enum diagram_fence f)
{
	switch (f) {
	case DIAGRAM_FENCE_NONE:
		break;
	case DIAGRAM_FENCE_MARKDOWN:
		return "```mermaid\n";
	case DIAGRAM_FENCE_AZURE_DEVOPS:
		return "::: mermaid\n";
	}
	return "";
}

const char *
diagram_fence_close(enum diagram_fence f)
{
	switch (f) {
	case DIAGRAM_FENCE_NONE:
		break;
	case DIAGRAM_FENCE_MARKDOWN:
		return "```\n";
	case DIAGRAM_FENCE_AZURE_DEVOPS:
		return ":::\n";
	}
	return "";
}

void
diagram_cleanup(void)
{
	dg_gv_cleanup();
}

static const struct {
	const char	*name;
	enum diagram_format fmt;
} formats[] = {
	{ "dot", DIAGRAM_DOT }, { "gv", DIAGRAM_DOT },
	{ "svg", DIAGRAM_SVG }, { "png", DIAGRAM_PNG },
	{ "mermaid", DIAGRAM_MERMAID }, { "mmd", DIAGRAM_MERMAID }
};

int
diagram_format_parse(const char *name, enum diagram_format *fmt)
{
	size_t	 i, k;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		for (k = 0; name[k] != '\0' && formats[i].name[k] != '\0';
		    k++) {
			int	 c = (unsigned char)name[k];

			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (c != formats[i].name[k])
				break;
		}
		if (name[k] == '\0' && formats[i].name[k] == '\0') {
			*fmt = formats[i].fmt;
			return 1;
		}
	}
	return 0;
}

int
diagram_format_from_path(const char *path, enum diagram_format *fmt)
{
	const char	*dot, *slash;

	dot = strrchr(path, '.');
	slash = strrchr(path, '/');
	if (dot == NULL || (slash != NULL && dot < slash) || dot[1] == '\0')
		return 0;
	return diagram_format_parse(dot + 1, fmt);
}

int
diagram_detail_parse(const char *name, enum diagram_detail *detail)
{
	if (strcmp(name, "summary") == 0)
		*detail = DIAGRAM_SUMMARY;
	else if (strcmp(name, "full") == 0)
		*detail = DIAGRAM_FULL;
	else
		return 0;
	return 1;
}

const char *
diagram_format_name(enum diagram_format fmt)
{
	switch (fmt) {
	case DIAGRAM_DOT:
		return "dot";
	case DIAGRAM_SVG:
		return "svg";
	case DIAGRAM_PNG:
		return "png";
	case DIAGRAM_MERMAID:
		return "mermaid";
	}
	return "dot";
}

/*
 * The Mermaid writer, beside the DOT writer in dg_dot.c: the same
 * diagram model and view as a `flowchart LR` for wikis that render
 * Mermaid natively (GitHub, Azure DevOps).  Clusters become nested
 * subgraphs inside one subgraph that carries the title; ExpressRoute
 * edges are thick (===), IPsec edges dotted (-.-); colours come from
 * the same style table as the Graphviz picture, as classDef lines for
 * nodes, style lines for subgraphs and linkStyle lines for edges.
 * Labels are quoted and every character Mermaid could read as syntax
 * is written as an entity code, so no design string escapes its label.
 */
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/diagram.h"
#include "hybridoc/mermaid.h"
#include "hybridoc/xalloc.h"

#define DOT_SEP	" \xc2\xb7 "		/* middle dot */

/* Appends s (n bytes) for a quoted Mermaid label. */
static void
mm_text(struct buf *b, const char *s, size_t n)
{
	size_t	 i, start;

	for (i = start = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep;

		switch (c) {
		case '"':
			rep = "#quot;";
			break;
		case '#':
			rep = "#35;";
			break;
		case '&':
			rep = "#amp;";
			break;
		case '<':
			rep = "#lt;";
			break;
		case '>':
			rep = "#gt;";
			break;
		case '|':
			rep = "#124;";
			break;
		case '`':
			rep = "#96;";
			break;
		default:
			if (c >= 0x20 && c != 0x7f)
				continue;
			rep = " ";
			break;
		}
		buf_put(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}

/*
 * Object i's label, quoted, lines joined by sep: "<br/>" for nodes; a
 * subgraph's title stays on one line (" · "), because Mermaid clips the
 * second line of a subgraph title under the first box inside it
 * (mermaid-js/mermaid#3806).
 */
static void
mm_label_sep(struct buf *b, const struct dg_model *m, const struct dg_view *v,
    size_t i, const char *sep)
{
	const char	*s = m->objs[i].label, *nl;
	size_t		 k;

	buf_putc(b, '"');
	for (k = 0;; k++) {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		if (k > 0 && nl > s)
			buf_puts(b, sep);
		buf_puts(b, dg_line_mark(m, v, i, k));
		mm_text(b, s, (size_t)(nl - s));
		if (*nl == '\0')
			break;
		s = nl + 1;
	}
	if (k == 0 && *m->objs[i].label == '\0')
		buf_putc(b, ' ');	/* Mermaid wants some text */
	buf_putc(b, '"');
}

static void
mm_label(struct buf *b, const struct dg_model *m, const struct dg_view *v,
    size_t i)
{
	mm_label_sep(b, m, v, i, "<br/>");
}

static void
mm_indent(struct buf *b, size_t depth)
{
	while (depth-- > 0)
		buf_puts(b, "  ");
}

static void
mm_node(struct buf *b, const struct dg_model *m, const struct dg_view *v,
    size_t i, size_t depth)
{
	const struct dg_obj *o = &m->objs[i];
	int	 round = o->role != DG_PREFIX && o->role != DG_GROUP &&
		    o->role != DG_LEGEND;

	mm_indent(b, depth);
	buf_printf(b, "%s%c", o->id, round ? '(' : '[');
	mm_label(b, m, v, i);
	buf_puts(b, round ? ")\n" : "]\n");
}

/*
 * Subgraphs and nodes in creation order, each subgraph with its
 * contents; the model nests three deep at most, so a small stack.
 */
static void
mm_body(struct buf *b, const struct dg_model *m, const struct dg_view *v)
{
	size_t	*first, *next, pos[8], depth, c;

	dg_children(m, &first, &next);
	depth = 0;
	pos[0] = first[m->nobjs];
	for (;;) {
		c = pos[depth];
		if (c == DG_NONE) {
			if (depth == 0)
				break;
			depth--;
			mm_indent(b, depth + 2);
			buf_puts(b, "end\n");
			continue;
		}
		pos[depth] = next[c];
		if (m->objs[c].role == DG_LEGEND)
			continue;	/* one node: mm_legend() */
		if (m->objs[c].kind == DG_NODE) {
			mm_node(b, m, v, c, depth + 2);
			continue;
		}
		mm_indent(b, depth + 2);
		buf_printf(b, "subgraph %s[", m->objs[c].id);
		mm_label_sep(b, m, v, c, DOT_SEP);
		buf_puts(b, "]\n");
		if (depth + 1 >= sizeof(pos) / sizeof(pos[0]))
			abort();	/* the model nests 3 deep */
		pos[++depth] = first[c];
	}
	free(first);
	free(next);
}

/* The CSS-like properties of a style, for classDef and style lines. */
static void
mm_props(struct buf *b, const struct dg_style *st, int edge)
{
	if (!edge && st->fillcolor != NULL)
		buf_printf(b, "fill:%s,", st->fillcolor);
	buf_printf(b, "stroke:%s,stroke-width:%spx", st->color, st->penwidth);
	if (st->dashed)
		buf_puts(b, strstr(st->style, "dotted") != NULL ?
		    ",stroke-dasharray:2 3" : ",stroke-dasharray:6 4");
	if (!edge)
		buf_printf(b, ",color:%s", st->fontcolor);
}


/* Edges, then their linkStyle lines grouped by style. */
static void
mm_edges(struct buf *b, const struct dg_model *m, const struct dg_view *v)
{
	const struct dg_style **est;
	const struct dg_obj *o;
	size_t		 i, k, n;
	int		 any;

	est = xcalloc(m->nobjs + 1, sizeof(*est));
	n = 0;
	for (i = 0; i < m->nobjs; i++) {
		o = &m->objs[i];
		if (o->kind != DG_EDGE || dg_style_of(m, v, i)->invisible)
			continue;
		buf_printf(b, "  %s %s", m->objs[o->tail].id,
		    o->role == DG_E_TUNNEL || o->role == DG_E_UPLINK ? "-.-" :
		    o->role == DG_E_CONNECTION || o->role == DG_E_LINK ||
		    o->role == DG_E_CE ? "===" : "---");
		if (*o->label != '\0') {
			buf_putc(b, '|');
			mm_label(b, m, v, i);
			buf_putc(b, '|');
		}
		buf_printf(b, " %s\n", m->objs[o->head].id);
		est[n++] = dg_style_of(m, v, i);
	}
	/* one linkStyle line per distinct style, in order of first use */
	for (i = 0; i < n; i++) {
		for (k = 0; k < i; k++)
			if (est[k] == est[i])
				break;
		if (k < i)
			continue;
		buf_puts(b, "  linkStyle ");
		any = 0;
		for (k = i; k < n; k++)
			if (est[k] == est[i]) {
				buf_printf(b, any ? ",%zu" : "%zu", k);
				any = 1;
			}
		buf_putc(b, ' ');
		mm_props(b, est[i], 1);
		buf_putc(b, '\n');
	}
	free(est);
}

/* classDef and class lines for nodes, style lines for subgraphs. */
static void
mm_styles(struct buf *b, const struct dg_model *m, const struct dg_view *v)
{
	const struct dg_style **used, *st;
	size_t		 nused = 0, i, k;
	int		 any;

	used = xcalloc(m->nobjs + 1, sizeof(*used));
	for (i = 0; i < m->nobjs; i++) {
		if (m->objs[i].kind != DG_NODE || m->objs[i].role == DG_LEGEND)
			continue;
		st = dg_style_of(m, v, i);
		for (k = 0; k < nused; k++)
			if (used[k] == st)
				break;
		if (k == nused)
			used[nused++] = st;
	}
	for (k = 0; k < nused; k++) {
		buf_printf(b, "  classDef %s ", used[k]->name);
		mm_props(b, used[k], 0);
		buf_putc(b, '\n');
		buf_puts(b, "  class ");
		any = 0;
		for (i = 0; i < m->nobjs; i++)
			if (m->objs[i].kind == DG_NODE &&
			    m->objs[i].role != DG_LEGEND &&
			    dg_style_of(m, v, i) == used[k]) {
				buf_printf(b, any ? ",%s" : "%s",
				    m->objs[i].id);
				any = 1;
			}
		buf_printf(b, " %s\n", used[k]->name);
	}
	for (i = 0; i < m->nobjs; i++) {
		if (m->objs[i].kind != DG_CLUSTER)
			continue;
		buf_printf(b, "  style %s ", m->objs[i].id);
		mm_props(b, dg_style_of(m, v, i), 0);
		buf_putc(b, '\n');
	}
	free(used);
}

/*
 * The legend as one node: the rows view v shows, a line each (Mermaid
 * has no table to draw samples in).  Returns its style, or NULL when
 * the view shows no row.
 */
static const struct dg_style *
mm_legend(struct buf *b, const struct dg_model *m, const struct dg_view *v)
{
	const struct dg_style *any = NULL;
	const struct dg_key *k;
	size_t	 i;
	int	 shown;

	for (i = 0; i < m->nobjs; i++) {
		if (m->objs[i].role != DG_LEGEND)
			continue;
		k = &dg_legend[dg_legend_key(m, v, i, &shown)];
		if (!shown)
			continue;
		buf_puts(b, any ? "<br/>" : "    legend[\"legend<br/>");
		mm_text(b, k->sample, strlen(k->sample));
		buf_putc(b, ' ');
		mm_text(b, k->text, strlen(k->text));
		any = dg_style_of(m, v, i);
	}
	if (any)
		buf_puts(b, "\"]\n");
	return any;
}

/*
 * Whether left to right would grow wider than a page column: Mermaid
 * puts what a subgraph holds side by side in LR, so a design with more
 * than two sites or summaries, or more than MM_LR_NODES boxes, goes top
 * to bottom (fabrikam was 5,551 px wide in LR, northwind in full
 * 10,443 px).
 */
#define MM_LR_SITES	2
#define MM_LR_NODES	20

static int
mm_wide(const struct dg_model *m)
{
	size_t	 i, sites = 0, nodes = 0;

	for (i = 0; i < m->nobjs; i++) {
		if (m->objs[i].role == DG_SITE || m->objs[i].role == DG_GROUP)
			sites++;
		if (m->objs[i].kind == DG_NODE)
			nodes++;
	}
	return sites > MM_LR_SITES || nodes > MM_LR_NODES;
}

void
mermaid_write(struct buf *out, const struct dg_model *m,
    const struct dg_view *v)
{
	const char	*p;
	const struct dg_style *legend;

	/* Azure DevOps's older Mermaid: the keyword first, then comments */
	if (m->graph)
		buf_printf(out, "graph %s\n", mm_wide(m) ? "TB" : "LR");
	buf_puts(out, "%% hybridoc diagram: ");
	for (p = v->subtitle; *p; p++)
		buf_putc(out, (unsigned char)*p < 0x20 ? ' ' : *p);
	buf_putc(out, '\n');
	if (!m->graph)
		buf_printf(out, "flowchart %s\n", mm_wide(m) ? "TB" : "LR");
	buf_printf(out, "  subgraph %s[\"", v->idstem);
	mm_text(out, m->title, strlen(m->title));
	buf_puts(out, DOT_SEP);
	mm_text(out, v->subtitle, strlen(v->subtitle));
	buf_puts(out, "\"]\n");
	mm_body(out, m, v);
	legend = mm_legend(out, m, v);
	buf_puts(out, "  end\n");
	mm_edges(out, m, v);
	mm_styles(out, m, v);
	if (legend) {
		buf_puts(out, "  style legend ");
		mm_props(out, legend, 0);
		buf_putc(out, '\n');
	}
	/* transparent: the title takes the page's text colour, dark or not */
	buf_printf(out, "  style %s fill:none,stroke:none\n", v->idstem);
}

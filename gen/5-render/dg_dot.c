/*
 * The DOT writer of the diagram module (dg_int.h): one view of the
 * model as a Graphviz digraph.  This text is the single description of
 * the picture: `-o x.dot` prints it, and the Graphviz adapter lays out
 * and renders the same text for SVG and PNG.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/diagram.h"
#include "hybridoc/xalloc.h"

#include "dg_int.h"

/*
 * Appends one label line for a double-quoted DOT string: '"' and '\'
 * escaped for the parser and for Graphviz's label escapes (\N, \G, \l
 * ... stay literal), '&' as an entity because Graphviz decodes entities
 * in plain labels, control characters as spaces.
 */
static void
dot_put_text(struct buf *b, const char *s, size_t n)
{
	size_t	 i, start;

	for (i = start = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep;

		if (c == '\\')
			rep = "\\\\";
		else if (c == '"')
			rep = "\\\"";
		else if (c == '&')
			rep = "&amp;";
		else if (c < 0x20 || c == 0x7f)
			rep = " ";
		else
			continue;
		buf_put(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}

/*
 * The label of object i as a DOT string: each line ends in "\n" (or
 * "\l" left-justified), which also keeps an escaped backslash away
 * from the closing quote, where Graphviz 2.43's scanner would read
 * "\\"" as an escaped quote.
 */
static void
dot_put_label(struct buf *b, const struct dg_model *m,
    const struct dg_view *v, size_t i)
{
	const struct dg_obj *o = &m->objs[i];
	const char	*s = dg_label_of(o, v), *nl;
	size_t		 k;

	buf_putc(b, '"');
	for (k = 0;; k++) {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		buf_puts(b, dg_line_mark(m, v, i, k));
		dot_put_text(b, s, (size_t)(nl - s));
		buf_puts(b, o->ljust ? "\\l" : "\\n");
		if (*nl == '\0')
			break;
		s = nl + 1;
	}
	buf_putc(b, '"');
}

/* Appends ", name=value" with value quoted when not a plain number. */
static void
dot_attr(struct buf *b, int *first, const char *name, const char *value)
{
	const char	*p;
	int		 plain = *value != '\0';

	for (p = value; *p; p++)
		if (!((*p >= '0' && *p <= '9') || *p == '.'))
			plain = 0;
	/* puts, not printf: this runs for most objects (tests/bench) */
	if (!*first)
		buf_puts(b, ", ");
	buf_puts(b, name);
	buf_puts(b, plain ? "=" : "=\"");
	buf_puts(b, value);
	if (!plain)
		buf_putc(b, '"');
	*first = 0;
}

/* The style attributes that differ from base, in a fixed order. */
static void
dot_style(struct buf *b, int *first, const struct dg_style *st,
    const struct dg_style *base, int kind)
{
	if (strcmp(st->color, base->color) != 0)
		dot_attr(b, first, "color", st->color);
	if (kind != DG_EDGE && st->fillcolor != NULL &&
	    (base->fillcolor == NULL ||
	    strcmp(st->fillcolor, base->fillcolor) != 0))
		dot_attr(b, first, "fillcolor", st->fillcolor);
	if (strcmp(st->fontcolor, base->fontcolor) != 0)
		dot_attr(b, first, "fontcolor", st->fontcolor);
	if (strcmp(st->penwidth, base->penwidth) != 0)
		dot_attr(b, first, "penwidth", st->penwidth);
	if (strcmp(st->style, base->style) != 0)
		dot_attr(b, first, "style", st->style);
}

static void
dot_indent(struct buf *b, size_t depth)
{
	while (depth-- > 0)
		buf_putc(b, '\t');
}

/*
 * A legend row as an HTML-like table: constant text, a coloured sample.
 * Every row's cells have the same least widths, so that the rows,
 * centred in their column, line up.  Row i holds the key the view shows
 * there (dg_legend_key): the view's rows from the top, then the ones it
 * hides, invisible, so every view has the same rows and layout.
 */
static void
dot_legend(struct buf *b, const struct dg_model *m, const struct dg_view *v,
    size_t i, size_t depth)
{
	const struct dg_obj *o = &m->objs[i];
	int		 shown;
	const struct dg_key *k = &dg_legend[dg_legend_key(m, v, i, &shown)];

	dot_indent(b, depth);
	buf_printf(b, "\"%s\" [shape=plaintext, margin=0, width=0, height=0, "
	    "style=\"%s\", "
	    "fontsize=%d, label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" "
	    "CELLSPACING=\"0\" CELLPADDING=\"1\"><TR><TD WIDTH=\"36\"",
	    o->id, dg_style_of(m, v, i)->invisible ? "invis" : "",
	    dg_roles[DG_LEGEND].fontsize);
	if (k->fill != NULL)
		buf_printf(b, " BGCOLOR=\"%s\"", k->fill);
	buf_putc(b, '>');
	if (k->bar > 0)
		buf_printf(b, "<TABLE BORDER=\"0\" CELLPADDING=\"0\" "
		    "CELLSPACING=\"0\"><TR><TD BGCOLOR=\"%s\" WIDTH=\"28\" "
		    "HEIGHT=\"%d\" FIXEDSIZE=\"TRUE\"></TD></TR></TABLE>",
		    k->colour, k->bar);
	else
		buf_printf(b, "<FONT COLOR=\"%s\">%s</FONT>", k->colour,
		    k->sample);
	buf_printf(b, "</TD><TD WIDTH=\"128\" ALIGN=\"LEFT\">%s</TD></TR>"
	    "</TABLE>>];\n", k->text);
}

static void
dot_node(struct buf *b, const struct dg_model *m, const struct dg_view *v,
    size_t i, size_t depth)
{
	const struct dg_obj *o = &m->objs[i];
	const struct dg_role_info *r = &dg_roles[o->role];
	char		 fs[16];
	int		 first = 0;

	if (o->role == DG_LEGEND) {
		dot_legend(b, m, v, i, depth);
		return;
	}
	dot_indent(b, depth);
	buf_putc(b, '"');
	buf_puts(b, o->id);
	buf_puts(b, "\" [label=");
	dot_put_label(b, m, v, i);
	if (r->fontsize != NODE_FONTSIZE) {
		snprintf(fs, sizeof(fs), "%d", r->fontsize);
		dot_attr(b, &first, "fontsize", fs);
	}
	dot_style(b, &first, dg_style_of(m, v, i), &dg_styles[NODE_DEFAULT],
	    DG_NODE);
	buf_puts(b, "];\n");
}

static void
dot_cluster_attrs(struct buf *b, const struct dg_model *m,
    const struct dg_view *v, size_t i, size_t depth)
{
	const struct dg_style *st = dg_style_of(m, v, i);
	char	 fs[16];

	dot_indent(b, depth);
	buf_puts(b, "graph [label=");
	dot_put_label(b, m, v, i);
	snprintf(fs, sizeof(fs), "%d", dg_roles[m->objs[i].role].fontsize);
	buf_printf(b, ", fontsize=%s, color=\"%s\", fillcolor=\"%s\", "
	    "fontcolor=\"%s\", penwidth=%s, style=\"%s\"];\n", fs, st->color,
	    st->fillcolor, st->fontcolor, st->penwidth, st->style);
}

/*
 * Writes the clusters and nodes in creation order, each cluster with
 * its contents.  The nesting is the model's (region > VNet >
 * GatewaySubnet at most), not the input's, so an explicit stack of
 * that small, fixed depth does.
 */
void
dg_children(const struct dg_model *m, size_t **firstp, size_t **nextp)
{
	size_t	*first, *next, *last, i, p;

	first = xcalloc(m->nobjs + 1, sizeof(size_t));
	next = xcalloc(m->nobjs + 1, sizeof(size_t));
	last = xcalloc(m->nobjs + 1, sizeof(size_t));
	for (i = 0; i <= m->nobjs; i++)
		first[i] = next[i] = last[i] = DG_NONE;
	for (i = 0; i < m->nobjs; i++) {
		if (m->objs[i].kind == DG_EDGE)
			continue;
		p = m->objs[i].parent == DG_NONE ? m->nobjs :
		    m->objs[i].parent;
		if (first[p] == DG_NONE)
			first[p] = i;
		else
			next[last[p]] = i;
		last[p] = i;
	}
	free(last);
	*firstp = first;
	*nextp = next;
}

/*
 * A site's nodes share one rank: its ExpressRoute edges, devices and
 * prefixes stack in one column, with the ExpressRoute lane arriving on
 * one side and the VPN lane (through the Internet) on the other, so the
 * two never cross however many sites there are.  The gateways share
 * one too, so both lanes start from the same column.
 */
static void
dot_same_rank(struct buf *b, const struct dg_model *m, const size_t *first,
    const size_t *next, size_t cl, size_t depth)
{
	size_t	 c;

	dot_indent(b, depth);
	buf_puts(b, "{rank=same;");
	for (c = first[cl]; c != DG_NONE; c = next[c])
		if (m->objs[c].kind == DG_NODE)
			{
			buf_puts(b, " \"");
			buf_puts(b, m->objs[c].id);
			buf_puts(b, "\";");
		}
	buf_puts(b, "}\n");
}

static void
dot_body(struct buf *b, const struct dg_model *m, const struct dg_view *v)
{
	size_t	*first, *next, stack[8], pos[8], depth, c;

	dg_children(m, &first, &next);
	depth = 0;
	stack[0] = m->nobjs;
	pos[0] = first[m->nobjs];
	for (;;) {
		c = pos[depth];
		if (c == DG_NONE) {
			if (depth == 0)
				break;
			if (m->objs[stack[depth]].role == DG_SITE ||
			    m->objs[stack[depth]].role == DG_GWSUBNET)
				dot_same_rank(b, m, first, next, stack[depth],
				    depth + 1);
			depth--;
			dot_indent(b, depth + 1);
			buf_puts(b, "}\n");
			continue;
		}
		pos[depth] = next[c];
		if (m->objs[c].kind == DG_NODE) {
			dot_node(b, m, v, c, depth + 1);
			continue;
		}
		dot_indent(b, depth + 1);
		buf_printf(b, "subgraph \"%s\" {\n", m->objs[c].id);
		dot_cluster_attrs(b, m, v, c, depth + 2);
		if (depth + 1 >= sizeof(stack) / sizeof(stack[0]))
			abort();	/* the model nests 3 deep */
		depth++;
		stack[depth] = c;
		pos[depth] = first[c];
	}
	free(first);
	free(next);
}

static void
dot_edges(struct buf *b, const struct dg_model *m, const struct dg_view *v)
{
	const struct dg_obj *o;
	char		 num[32];
	size_t		 i;
	int		 first;

	for (i = 0; i < m->nobjs; i++) {
		o = &m->objs[i];
		if (o->kind != DG_EDGE)
			continue;
		buf_puts(b, "\t\"");
		buf_puts(b, m->objs[o->tail].id);
		buf_puts(b, "\" -> \"");
		buf_puts(b, m->objs[o->head].id);
		buf_puts(b, "\" [key=\"");
		buf_puts(b, o->id);
		buf_putc(b, '"');
		first = 0;
		if (*o->label != '\0') {
			buf_puts(b, ", label=");
			dot_put_label(b, m, v, i);
		}
		if (o->minlen > 1 || o->minlen < 0) {
			snprintf(num, sizeof(num), "%ld", o->minlen < 0 ? 0 :
			    o->minlen);
			dot_attr(b, &first, "minlen", num);
		}
		dot_style(b, &first, dg_style_of(m, v, i),
		    &dg_styles[EDGE_DEFAULT], DG_EDGE);
		buf_puts(b, "];\n");
	}
}

/* The whole DOT text of view v. */
void
dot_write(struct buf *b, const struct dg_model *m, const struct dg_view *v)
{
	const struct dg_style *nd = &dg_styles[NODE_DEFAULT];
	const struct dg_style *ed = &dg_styles[EDGE_DEFAULT];
	const char	*p;

	/* The graph's name is the SVG's <title>. */
	buf_puts(b, "digraph \"");
	for (p = m->name; *p; p++)
		buf_putc(b, (*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
		    *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '.' ? *p : '_');
	buf_puts(b, "\" {\n");
	buf_puts(b, "\tgraph [label=\"");
	dot_put_text(b, m->title, strlen(m->title));
	buf_puts(b, "\\n");
	dot_put_text(b, v->subtitle, strlen(v->subtitle));
	buf_puts(b, "\\n\", labelloc=t, fontname=\"" FONT "\", "
	    "fontsize=14, fontcolor=\"" DIAGRAM_COLOUR_TEXT "\", "
	    "rankdir=LR, nodesep=0.2, ranksep=0.4, pad=0.2, "
	    "outputorder=edgesfirst];\n");
	buf_printf(b, "\tnode [shape=box, style=\"%s\", color=\"%s\", "
	    "fillcolor=\"%s\", fontcolor=\"%s\", penwidth=%s, fontname=\""
	    FONT "\", fontsize=%d, margin=\"0.1,0.05\"];\n", nd->style,
	    nd->color, nd->fillcolor, nd->fontcolor, nd->penwidth,
	    NODE_FONTSIZE);
	buf_printf(b, "\tedge [dir=none, style=\"%s\", color=\"%s\", "
	    "fontcolor=\"%s\", penwidth=%s, fontname=\"" FONT "\", "
	    "fontsize=%d];\n", ed->style, ed->color, ed->fontcolor,
	    ed->penwidth, EDGE_FONTSIZE);
	dot_body(b, m, v);
	dot_edges(b, m, v);
	buf_puts(b, "}\n");
}


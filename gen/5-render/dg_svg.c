/*
 * The SVG restyler of the diagram module (dg_int.h): the SVG views of
 * a diagram made from the text of one template SVG instead of a render
 * each.
 *
 * Graphviz's SVG renderer is not cheap: printing every coordinate of
 * every outline (gvprintdouble, round_corners) costs a third of the
 * layout on a small design and more than the layout on a big one, and
 * the runbook draws the topology and twenty scenarios of it: 16 of the
 * 22 million instructions of a two-site runbook, 2.2 of the 5.2 billion
 * of a 200-site one (tests/bench/RESULTS.md).  So one render is kept as
 * a template -- the baseline with every legend row shown, since a view
 * may leave a row out but cannot draw one (diagram.c) -- each object's
 * group (<g id="STEM_node7" class="node">...</g>) found in it by the
 * sequence number Graphviz builds the id from, and a later SVG view is that text with every
 * restyled object's attributes written again the way Graphviz 2.43's
 * SVG renderer writes them (svg_grstyle, svg_textspan): fill, stroke,
 * stroke-width and stroke-dasharray of outlines, fill and
 * text-decoration of text; then the ids' prefix and the title's second
 * line.  The geometry is the same in every view (dg_style_of changes
 * colours, widths and dashes only; a legend row a view does not use is
 * left out, as Graphviz leaves out an invisible node), so nothing else
 * differs.  What the template cannot express -- an object that turns
 * visible or invisible, a group or a text it cannot find, a change
 * diagram's relabelled objects -- is rendered by Graphviz as before.
 * test_diagram checks that both ways give the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/diagram.h"
#include "hybridoc/xalloc.h"

#include "dg_int.h"

#define SVG_NONE	((size_t)-1)

struct svg_group {
	size_t		 beg, end;	/* byte range in the template */
	size_t		 obj;
};

struct svg_tmpl {
	char		*text;
	size_t		 len;
	char		*stem;		/* the baseline's id stem */
	struct svg_group *groups;	/* in the template's order */
	size_t		 ngroups;
	size_t		*group;		/* per object: index in groups */
	size_t		 title_beg, title_end; /* text of the title's line 2 */
	size_t		*ids;		/* where the stem is, in order */
	size_t		 nids;
};

void
dg_svg_free(struct svg_tmpl *t)
{
	if (t == NULL)
		return;
	free(t->text);
	free(t->stem);
	free(t->ids);
	free(t->groups);
	free(t->group);
	free(t);
}

/* The first n of s at or after p that starts with pat, or NULL. */
static const char *
svg_find(const char *p, const char *e, const char *pat)
{
	size_t	 n = strlen(pat);

	for (; (size_t)(e - p) >= n; p++)
		if ((p = memchr(p, pat[0], (size_t)(e - p) - n + 1)) == NULL)
			return NULL;
		else if (memcmp(p, pat, n) == 0)
			return p;
	return NULL;
}

/* The end of the group whose "<g" is at p: just past its "</g>\n". */
static const char *
svg_group_end(const char *p, const char *e)
{
	int	 depth = 0;

	for (; p < e; p++) {
		if (*p != '<')
			continue;
		if (p + 2 < e && p[1] == 'g' && (p[2] == ' ' || p[2] == '>'))
			depth++;
		else if (p + 3 < e && memcmp(p, "</g>", 4) == 0 &&
		    --depth == 0) {
			p += 4;
			return p < e && *p == '\n' ? p + 1 : p;
		}
	}
	return NULL;
}

/*
 * Indexes the baseline SVG (len bytes at svg, whose ids start with
 * stem) as the template of later views; NULL when it does not look as
 * expected, and then every view is rendered by Graphviz.
 */
struct svg_tmpl *
dg_svg_index(const struct diagram *dg, const char *stem, const char *svg,
    size_t len)
{
	const struct dg_model *m = &dg->m;
	struct svg_tmpl	*t;
	const char	*p, *q, *e = svg + len, *g0 = NULL, *root;
	size_t		*byseq[3], nseq[3] = { 0, 0, 0 }, i, k, cap = 0;
	size_t		 sl = strlen(stem), seq, nth, text;
	struct dg_label	 tl;
	const char	*s0, *s1;
	int		 kind;

	for (i = 0; i < m->nobjs; i++) {
		seq = dg_gv_seq(dg, i);
		kind = (int)m->objs[i].kind;
		if (seq + 1 > nseq[kind])
			nseq[kind] = seq + 1;
	}
	for (k = 0; k < 3; k++) {
		byseq[k] = xreallocarray(NULL, nseq[k] + 1, sizeof(size_t));
		for (i = 0; i <= nseq[k]; i++)
			byseq[k][i] = SVG_NONE;
	}
	for (i = 0; i < m->nobjs; i++)
		byseq[m->objs[i].kind][dg_gv_seq(dg, i)] = i;

	t = xcalloc(1, sizeof(*t));
	t->group = xreallocarray(NULL, m->nobjs + 1, sizeof(size_t));
	for (i = 0; i < m->nobjs; i++)
		t->group[i] = SVG_NONE;
	t->title_beg = t->title_end = SVG_NONE;
	root = NULL;
	for (p = svg; (p = svg_find(p, e, "<g id=\"")) != NULL; ) {
		q = p + 7;
		if ((size_t)(e - q) <= sl || memcmp(q, stem, sl) != 0) {
			p = q;
			continue;
		}
		q += sl;
		if (*q == '"') {
			root = q;
			p = q;
			continue;
		}
		kind = -1;
		if (strncmp(q, "_clust", 6) == 0)
			kind = DG_CLUSTER, q += 6;
		else if (strncmp(q, "_node", 5) == 0)
			kind = DG_NODE, q += 5;
		else if (strncmp(q, "_edge", 5) == 0)
			kind = DG_EDGE, q += 5;
		for (seq = 0; *q >= '0' && *q <= '9'; q++)
			seq = seq * 10 + (size_t)(*q - '0');
		if (kind < 0 || *q != '"' || seq >= nseq[kind] ||
		    (i = byseq[kind][seq]) == SVG_NONE ||
		    (q = svg_group_end(p, e)) == NULL)
			goto fail;
		if (g0 == NULL)
			g0 = p;
		xgrow(&t->groups, &cap, t->ngroups + 1, sizeof(*t->groups));
		t->groups[t->ngroups].beg = (size_t)(p - svg);
		t->groups[t->ngroups].end = (size_t)(q - svg);
		t->groups[t->ngroups].obj = i;
		t->group[i] = t->ngroups++;
		p = q;
	}
	if (root == NULL || g0 == NULL)
		goto fail;
	/* The title's second line: the <text> of span 1, before any group. */
	dg_gv_label(dg, DG_NONE, &tl);
	if (tl.plain && tl.nspans >= 2) {
		s0 = dg_gv_span(dg, DG_NONE, 0);
		s1 = dg_gv_span(dg, DG_NONE, 1);
		if (s1 == NULL || s1[0] == '\0')
			goto fail;	/* Graphviz drew no text to change */
		nth = s0 && s0[0];
		for (p = root, text = 0; (p = svg_find(p, g0, "<text")) != NULL;
		    p++, text++)
			if (text == nth)
				break;
		if (p == NULL || (p = memchr(p, '>', (size_t)(g0 - p))) ==
		    NULL || (q = svg_find(p, g0, "</text>")) == NULL)
			goto fail;
		t->title_beg = (size_t)(p + 1 - svg);
		t->title_end = (size_t)(q - svg);
	}
	t->text = xmalloc(len + 1);
	memcpy(t->text, svg, len);
	t->text[len] = '\0';
	t->len = len;
	t->stem = xstrdup(stem);
	/* every id that starts with the stem, so views copy, not search */
	cap = 0;
	for (p = svg; (p = svg_find(p, e, " id=\"")) != NULL; p = q) {
		q = p + 5;
		if ((size_t)(e - q) > sl && memcmp(q, stem, sl) == 0 &&
		    (q[sl] == '"' || q[sl] == '_')) {
			xgrow(&t->ids, &cap, t->nids + 1, sizeof(*t->ids));
			t->ids[t->nids++] = (size_t)(q - svg);
		}
	}
	for (k = 0; k < 3; k++)
		free(byseq[k]);
	return t;
fail:
	for (k = 0; k < 3; k++)
		free(byseq[k]);
	dg_svg_free(t);
	return NULL;
}

/* Copies s[0, n) of the template, with its id stem swapped for stem. */
static void
svg_copy(struct buf *out, const struct svg_tmpl *t, const char *s, size_t n,
    const char *stem)
{
	size_t		 at = (size_t)(s - t->text), end = at + n;
	size_t		 lo = 0, hi = t->nids, mid, sl = strlen(t->stem);

	while (lo < hi) {		/* the first id at or after s */
		mid = lo + (hi - lo) / 2;
		if (t->ids[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < t->nids && t->ids[lo] + sl <= end; lo++) {
		buf_put(out, t->text + at, t->ids[lo] - at);
		buf_puts(out, stem);
		at = t->ids[lo] + sl;
	}
	buf_put(out, t->text + at, end - at);
}

/* A colour as Graphviz's SVG renderer prints it: "#rrggbb" lower case. */
static void
svg_colour(struct buf *out, const char *c)
{
	for (; *c; c++)
		buf_putc(out, *c >= 'A' && *c <= 'F' ? *c + ('a' - 'A') : *c);
}

/* A pen width as gvprintdouble() prints it: "%.2f", zeros trimmed. */
static void
svg_number(struct buf *out, const char *s)
{
	char	 b[32];
	size_t	 n;

	snprintf(b, sizeof(b), "%.2f", strtod(s, NULL));
	n = strlen(b);
	while (n > 0 && b[n - 1] == '0')
		n--;
	if (n > 0 && b[n - 1] == '.')
		n--;
	buf_put(out, b, n);
}

/*
 * How far view v moves legend row i down the SVG: from where the layout
 * put the key the row was laid out with (dg->layoutkeys) to the row the
 * view shows that key in, so that the view's legend has no gap; 0 for a
 * row that stays.  *shown: whether the view draws the row at all.
 */
static double
svg_legend_shift(const struct diagram *dg, const struct dg_view *v,
    size_t i, int *shown)
{
	const struct dg_model *m = &dg->m;
	int		 laid[DG_NKEYS], order[DG_NKEYS], key;
	size_t		 row = dg_legend_row(m, i), j, k;

	dg_legend_order(m, dg->layoutkeys, laid);
	key = laid[row];
	*shown = (v->keys & (1u << key)) != 0;
	if (!*shown)
		return 0;
	dg_legend_order(m, v->keys, order);
	for (j = 0; order[j] != key; j++)
		continue;
	if (j == row)
		return 0;
	for (k = m->nobjs; k-- > 0; )
		if (m->objs[k].role == DG_LEGEND && dg_legend_row(m, k) == j)
			break;
	/* Graphviz's y grows up, the SVG's down */
	return dg_gv_y(dg, i) - dg_gv_y(dg, k);
}

/* The attribute that moves a legend row's group down by dy. */
static void
svg_translate(struct buf *out, double dy)
{
	char	 b[32];

	snprintf(b, sizeof(b), "%.2f", dy);
	buf_puts(out, " transform=\"translate(0,");
	svg_number(out, b);
	buf_puts(out, ")\"");
}

void
dg_svg_legend_moves(const struct diagram *dg, const struct dg_view *v,
    struct buf *out, size_t start)
{
	const struct dg_model *m = &dg->m;
	struct buf	 pat = BUF_INIT, tail = BUF_INIT;
	const char	*p, *gt;
	size_t		 i, at;
	double		 dy;
	int		 shown;

	/* from the last row up, so that an insertion moves no later one */
	for (i = m->nobjs; i-- > 0; ) {
		if (m->objs[i].role != DG_LEGEND ||
		    (dy = svg_legend_shift(dg, v, i, &shown)) == 0)
			continue;
		buf_truncate(&pat, 0);
		buf_printf(&pat, "<g id=\"%s_node%zu\"", v->idstem,
		    dg_gv_seq(dg, i));
		p = strstr(buf_cstr(out) + start, buf_cstr(&pat));
		if (p == NULL || (gt = strchr(p, '>')) == NULL)
			continue;
		at = (size_t)(gt - out->ptr);
		buf_truncate(&tail, 0);
		buf_put(&tail, out->ptr + at, out->len - at);
		buf_truncate(out, at);
		svg_translate(out, dy);
		buf_put(out, tail.ptr, tail.len);
	}
	buf_release(&pat);
	buf_release(&tail);
}

/* Text as Graphviz's xml_string0(s, raw) escapes it. */
static void
svg_text(struct buf *out, const char *s)
{
	const char	*prev = NULL;

	for (; *s; prev = s, s++) {
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '-': buf_puts(out, "&#45;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		case '\n': buf_puts(out, "&#10;"); break;
		case '\r': buf_puts(out, "&#13;"); break;
		case ' ':
			buf_puts(out, prev && *prev == ' ' ? "&#160;" : " ");
			break;
		default: buf_putc(out, *s); break;
		}
	}
}

/* The value of attribute name in the tag at p (up to '>'), or NULL. */
static const char *
svg_attr(const char *p, const char *name, size_t *len)
{
	const char	*e = strchr(p, '>'), *v;
	size_t		 n = strlen(name);

	for (; (p = svg_find(p, e, name)) != NULL; p += n)
		if (p[-1] == ' ' && p[n] == '=' && p[n + 1] == '"') {
			v = p + n + 2;
			*len = (size_t)(strchr(v, '"') - v);
			return v;
		}
	return NULL;
}

/*
 * Writes the tag at *pp (an outline or a text) with the style of view
 * st; moves *pp past it.  strike: the text is struck.  Returns 0 when
 * the tag holds what the template cannot rewrite.
 */
static int
svg_tag(struct buf *out, const char **pp, const struct dg_style *st,
    int edge, const char *fontcolor, int strike)
{
	const char	*p = *pp, *e = strchr(p, '>'), *n, *v, *a;
	size_t		 nl, vl;
	int		 text = strncmp(p, "<text", 5) == 0;

	if (e == NULL)
		return 0;
	n = p + 1;
	nl = strcspn(n, " >/");
	buf_putc(out, '<');
	buf_put(out, n, nl);
	for (a = n + nl; a < e && *a == ' '; a = v + vl + 1) {
		a++;
		n = a;
		nl = (size_t)(strchr(a, '=') - a);
		v = a + nl + 2;
		vl = (size_t)(strchr(v, '"') - v);
		if (text) {
			if (nl == 15 && memcmp(n, "text-decoration", 15) == 0)
				return 0;	/* a font flag of its own */
			if (nl == 4 && memcmp(n, "fill", 4) == 0)
				continue;	/* written after font-size */
			if (nl == 9 && memcmp(n, "font-size", 9) == 0 && strike)
				buf_puts(out, " text-decoration=\"line-through\"");
			buf_putc(out, ' ');
			buf_put(out, n, nl + 3 + vl);
			if (nl == 9 && memcmp(n, "font-size", 9) == 0 &&
			    fontcolor != NULL) {
				buf_puts(out, " fill=\"");
				svg_colour(out, fontcolor);
				buf_putc(out, '"');
			}
			continue;
		}
		if (nl == 4 && memcmp(n, "fill", 4) == 0) {
			buf_puts(out, " fill=\"");
			if (vl == 4 && memcmp(v, "none", 4) == 0)
				buf_puts(out, "none");
			else
				svg_colour(out, edge || st->fillcolor == NULL ?
				    st->color : st->fillcolor);
			buf_puts(out, "\" stroke=\"");
			svg_colour(out, st->color);
			buf_putc(out, '"');
			if (strtod(st->penwidth, NULL) != 1.0) {
				buf_puts(out, " stroke-width=\"");
				svg_number(out, st->penwidth);
				buf_putc(out, '"');
			}
			if (strstr(st->style, "dashed") != NULL)
				buf_puts(out, " stroke-dasharray=\"5,2\"");
			else if (strstr(st->style, "dotted") != NULL)
				buf_puts(out, " stroke-dasharray=\"1,5\"");
			continue;
		}
		if ((nl == 6 && memcmp(n, "stroke", 6) == 0) ||
		    (nl == 12 && memcmp(n, "stroke-width", 12) == 0) ||
		    (nl == 16 && memcmp(n, "stroke-dasharray", 16) == 0))
			continue;	/* written with fill */
		if (nl > 8 && memcmp(n + nl - 8, "-opacity", 8) == 0)
			return 0;
		buf_putc(out, ' ');
		buf_put(out, n, nl + 3 + vl);
	}
	buf_put(out, a, (size_t)(e + 1 - a));
	*pp = e + 1;
	return 1;
}

/* Writes object i's group in view v; 0 when it cannot. */
static int
svg_group(struct buf *out, const struct diagram *dg, const struct svg_tmpl *t,
    const struct dg_view *v, size_t i)
{
	const struct dg_obj *o = &dg->m.objs[i];
	const struct svg_group *g = &t->groups[t->group[i]];
	const struct dg_style *st = dg_style_of(&dg->m, v, i);
	const char	*p = t->text + g->beg, *e = t->text + g->end, *q;
	const char	*fontcolor;
	struct dg_label	 lp;
	const char	*sp;
	int		 failed = (v->flags[i] & DG_FAILED) != 0, strike;
	size_t		 span = 0, vl;

	/* gv_relabel's rules: plain labels only, colour when it differs */
	fontcolor = NULL;
	dg_gv_label(dg, i, &lp);
	if (lp.plain)
		fontcolor = st->fontcolor != NULL ? st->fontcolor :
		    lp.fontcolor;
	while ((q = svg_find(p, e, "<")) != NULL) {
		if (strncmp(q, "<path ", 6) == 0 ||
		    strncmp(q, "<polygon ", 9) == 0 ||
		    strncmp(q, "<polyline ", 10) == 0 ||
		    strncmp(q, "<ellipse ", 9) == 0) {
			svg_copy(out, t, p, (size_t)(q - p), v->idstem);
			if (!svg_tag(out, &q, st, o->kind == DG_EDGE, NULL, 0))
				return 0;
		} else if (strncmp(q, "<text ", 6) == 0 && fontcolor) {
			svg_copy(out, t, p, (size_t)(q - p), v->idstem);
			/* the span this <text> is: Graphviz skips empty ones */
			while (span < lp.nspans &&
			    ((sp = dg_gv_span(dg, i, span)) == NULL ||
			    sp[0] == '\0'))
				span++;
			if (span >= lp.nspans)
				return 0;
			strike = failed;
			if (o->role == DG_GROUP && !failed && span > 0 &&
			    span - 1 < o->nrows)
				strike = (v->siteflags[o->rows[span - 1]] &
				    (DG_FAILED | DG_UNREACH)) != 0;
			/* Graphviz always writes an RGB text colour */
			if (svg_attr(q, "fill", &vl) == NULL ||
			    !svg_tag(out, &q, st, 0, fontcolor, strike))
				return 0;
			span++;
		} else {
			svg_copy(out, t, p, (size_t)(q + 1 - p), v->idstem);
			q++;
		}
		p = q;
	}
	svg_copy(out, t, p, (size_t)(e - p), v->idstem);
	return 1;
}

/* Whether object i looks in view v as in the template (base). */
static int
svg_unchanged(const struct diagram *dg, const struct dg_view *v,
    const struct dg_view *base, size_t i)
{
	const struct dg_obj *o = &dg->m.objs[i];
	const struct dg_style *st = dg_style_of(&dg->m, v, i);
	struct dg_label	 lp;
	size_t		 k;

	if (st != dg_style_of(&dg->m, base, i) || (v->flags[i] & DG_FAILED))
		return 0;
	if (o->role == DG_GROUP)
		for (k = 0; k < o->nrows; k++)
			if (v->siteflags[o->rows[k]] & (DG_FAILED | DG_UNREACH))
				return 0;
	dg_gv_label(dg, i, &lp);
	return !lp.plain || st->fontcolor == NULL ||
	    (lp.fontcolor != NULL && strcmp(lp.fontcolor, st->fontcolor) == 0);
}

/*
 * Appends view v, made from the template, to out.  Returns non-zero on
 * success; 0 with out unchanged when the template cannot express it.
 */
int
dg_svg_restyle(struct diagram *dg, const struct dg_view *v, struct buf *out)
{
	const struct svg_tmpl *t = dg->svg;
	const struct dg_model *m = &dg->m;
	const char	*title = NULL;
	const struct dg_style *st, *st0;
	struct dg_view	 base;
	size_t		 start = out->len, pos = 0, k, i;
	const char	*gt;
	double		 dy;
	int		 shown;

	if (t == NULL)
		return 0;
	if (v->phase != DG_PHASE_NONE)
		return 0;	/* labels of their own: Graphviz draws them */
	if (v->scenario == NULL && v->keys == dg->svgkeys &&
	    strcmp(v->idstem, t->stem) == 0) {
		buf_put(out, t->text, t->len);
		return 1;
	}
	memset(&base, 0, sizeof(base));
	for (i = 0; i < m->nobjs; i++) {
		if (dg_roles[m->objs[i].role].legend) {
			/* a row can be left out or moved, not drawn anew */
			svg_legend_shift(dg, v, i, &shown);
			if (shown && t->group[i] == SVG_NONE)
				return 0;
			continue;
		}
		st = dg_style_of(m, v, i);
		st0 = dg_style_of(m, &base, i);
		if (st->invisible != st0->invisible)
			return 0;
		if (!st->invisible && t->group[i] == SVG_NONE)
			return 0;
	}
	if (t->title_beg != SVG_NONE)
		title = dg_gv_title(dg, v);
	for (k = 0; k <= t->ngroups; k++) {
		size_t	 beg = k < t->ngroups ? t->groups[k].beg : t->len;

		if (t->title_beg != SVG_NONE && pos <= t->title_beg &&
		    t->title_end <= beg) {
			svg_copy(out, t, t->text + pos, t->title_beg - pos,
			    v->idstem);
			svg_text(out, title);
			pos = t->title_end;
		}
		svg_copy(out, t, t->text + pos, beg - pos, v->idstem);
		if (k == t->ngroups)
			break;
		i = t->groups[k].obj;
		if (dg_roles[m->objs[i].role].legend) {
			/* hidden as Graphviz: the comment before, no group */
			dy = svg_legend_shift(dg, v, i, &shown);
			if (shown && dy == 0)
				svg_copy(out, t, t->text + beg,
				    t->groups[k].end - beg, v->idstem);
			else if (shown) {
				gt = memchr(t->text + beg, '>',
				    t->groups[k].end - beg);
				svg_copy(out, t, t->text + beg,
				    (size_t)(gt - (t->text + beg)), v->idstem);
				svg_translate(out, dy);
				svg_copy(out, t, gt, (size_t)(t->text +
				    t->groups[k].end - gt), v->idstem);
			}
		} else if (dg_style_of(m, v, i)->invisible ||
		    svg_unchanged(dg, v, &base, i))
			svg_copy(out, t, t->text + beg, t->groups[k].end - beg,
			    v->idstem);
		else if (!svg_group(out, dg, t, v, i)) {
			buf_truncate(out, start);
			return 0;
		}
		pos = t->groups[k].end;
	}
	return 1;
}


/* ---- titles a person can read (dg_int.h, dg_svg_titles) ---- */

/* Appends the contents of every <text> in [p, e), joined by " · ",
 * with '"' escaped for an attribute (the rest is escaped already). */
static void
svg_texts(struct buf *b, const char *p, const char *e)
{
	const char	*q, *c;
	int		 n = 0;

	while (p < e && (q = strstr(p, "<text")) != NULL && q < e) {
		if ((q = strchr(q, '>')) == NULL || q >= e)
			break;
		q++;
		if ((c = strstr(q, "</text>")) == NULL || c > e)
			break;
		if (c > q) {
			if (n++)
				buf_puts(b, " \xc2\xb7 ");
			for (; q < c; q++)
				if (*q == '"')
					buf_puts(b, "&quot;");
				else
					buf_putc(b, *q);
		}
		p = c + 7;
	}
}

void
dg_svg_titles(struct buf *out, size_t start)
{
	struct buf	 b = BUF_INIT, label = BUF_INIT;
	const char	*s, *e, *p, *g, *t, *te, *ge, *svg;

	if (out->len <= start)
		return;
	s = out->ptr + start;
	e = out->ptr + out->len;
	svg = strstr(s, "<svg");
	if (svg == NULL)
		return;
	/* At the end of the <svg> start tag, after what Graphviz wrote. */
	if ((p = strchr(svg, '>')) == NULL)
		return;
	buf_put(&b, s, (size_t)(p - s));
	/* The diagram's title lines: the graph's texts before its first
	 * child group. */
	if ((g = strstr(p, "class=\"graph\"")) != NULL) {
		const char *first = strstr(g, "<g id=");

		svg_texts(&label, g, first != NULL ? first : e);
	}
	if (label.len > 0) {
		buf_puts(&b, " role=\"img\" aria-label=\"");
		buf_put(&b, label.ptr, label.len);
		buf_putc(&b, '"');
	} else
		buf_puts(&b, " role=\"img\"");
	/* Each group's title: its visible text, or none. */
	while ((g = strstr(p, "<g id=\"")) != NULL) {
		int	 edge;

		t = strstr(g, ">\n<title>");
		ge = strstr(g, "\n</g>");
		te = t != NULL ? strstr(t, "</title>") : NULL;
		if (t == NULL || ge == NULL || t > ge || te == NULL ||
		    te > ge) {
			/* A group without a title of its own. */
			buf_put(&b, p, (size_t)(g + 6 - p));
			p = g + 6;
			continue;
		}
		t += 2;		/* at <title> */
		edge = strncmp(strstr(g, "class=\"") ? strstr(g, "class=\"") +
		    7 : "", "edge", 4) == 0;
		buf_put(&b, p, (size_t)(t - p));
		buf_truncate(&label, 0);
		svg_texts(&label, te, ge);
		if (strncmp(strstr(g, "class=\"") + 7, "graph", 5) == 0) {
			/* Left as it is: the document's title, its name. */
			buf_put(&b, t, (size_t)(te + 8 - t));
			p = te + 8;
			continue;
		}
		/* The internal name stays, out of sight, on the group: what
		 * reads the SVG back (tests/test_crossings.c) keys on it. */
		buf_truncate(&b, b.len - 2);	/* before ">\n" */
		buf_puts(&b, " data-name=\"");
		buf_put(&b, t + 7, (size_t)(te - t - 7));
		buf_puts(&b, "\">\n");
		if (edge || label.len == 0) {
			/* No text to show: no tooltip at all. */
			p = te + 8;
			if (*p == '\n')
				p++;
			continue;
		}
		buf_puts(&b, "<title>");
		buf_put(&b, label.ptr, label.len);
		buf_puts(&b, "</title>");
		p = te + 8;
	}
	buf_put(&b, p, (size_t)(e - p));
	buf_truncate(out, start);
	buf_put(out, b.ptr, b.len);
	buf_release(&b);
	buf_release(&label);
}

/*
 * The Graphviz adapter of the diagram module (dg_int.h), the only file
 * that includes Graphviz's headers.  The DOT text dg_dot.c writes is
 * the single description of the picture: SVG and PNG parse it with
 * agread(), lay it out once with gvLayout() and render it with
 * gvRenderData(), so `dot -Tsvg x.dot` draws the same picture.
 *
 * A scenario view reuses the layout: Graphviz reads colours, line
 * styles and pen widths at render time, so the view sets them with
 * agxset() and renders again (Graphviz looks up which node and edge
 * attributes exist when it lays out, so the DOT declares every one a
 * view changes in its node and edge defaults).  Label text and its
 * colour are fixed at layout time, so for SVG the view swaps pointers
 * in the laid-out labels (textlabel_t: colour, a struck copy of the
 * span's font, the title line) around the render and restores them
 * right after; Cairo (PNG) keeps the text it measured, so a scenario
 * PNG is laid out afresh from its own DOT.
 *
 * Those label structs are Graphviz's internals, not its API, and the
 * SVG restyler (dg_svg.c) copies the bytes of its SVG renderer.  Both
 * were written for Graphviz 2.42 and 2.43 (Debian 12, Ubuntu 22.04):
 * dg_gv_internals() says whether the headers this was compiled with
 * and the library it runs with are one of those.  When not, diagram.c
 * draws every view with plain gvLayout() and gvRenderData() from its
 * own DOT, which is slower and needs nothing but the public API.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <graphviz/graphviz_version.h>
#include <graphviz/gvc.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/xalloc.h"

#include "dg_int.h"

/* A pointer in a laid-out label, changed for one render. */
struct gv_undo {
	char		**str;		/* a string slot, or NULL */
	char		*orig_str;
	textfont_t	**font;		/* a font slot, or NULL */
	textfont_t	*orig_font;
};

/* A diagram's layout, and what a render changes in it. */
struct dg_gv {
	Agraph_t	*g;
	void		**obj;		/* per object: Agnode_t, Agedge_t, Agraph_t */
	Agsym_t		*nsym[4], *esym[3], *gsym[4], *idsym;
	struct gv_undo	*undo;
	size_t		 nundo, undocap;
	textfont_t	**struck;	/* pairs: original, struck copy */
	size_t		 nstruck, struckcap;
	struct buf	 title;		/* the view's title line */
	struct buf	*lines;		/* label lines of the last render */
	size_t		 nlines, linecap;
};

static GVC_t	*gv_ctx;
static struct buf gv_msgs;
/* Layouts left for the process's exit (dg_gv_leave), freed by cleanup. */
static Agraph_t	**gv_left;
static size_t	 gv_nleft, gv_leftcap;

/* Collects Graphviz's messages instead of letting it print them. */
static int
gv_errf(char *msg)
{
	buf_puts(&gv_msgs, msg);
	return 0;
}

static void
gv_begin(void)
{
	if (gv_ctx == NULL)
		gv_ctx = gvContext();
	buf_truncate(&gv_msgs, 0);
	agseterrf(gv_errf);
}

/* Hands collected messages to d as warnings. */
static void
gv_end(struct diags *d, const char *file)
{
	struct mark	 none = { 0, 0 };
	const char	*s, *nl;

	agseterrf(NULL);
	if (gv_msgs.len == 0)
		return;
	for (s = gv_msgs.ptr; *s; s = *nl ? nl + 1 : nl) {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		if (nl > s && d != NULL)
			diags_add(d, DIAG_WARNING, file, none, NULL,
			    "graphviz: %.*s", (int)(nl - s), s);
	}
	buf_truncate(&gv_msgs, 0);
}

/* cgraph 2.43 takes char * where it only reads: the casts live here. */
static Agsym_t *
gv_sym(Agraph_t *g, int kind, const char *name)
{
	return agattr(g, kind, (char *)name, NULL);
}

static void
gv_set(void *obj, Agsym_t *sym, const char *value)
{
	if (sym != NULL)
		agxset(obj, sym, (char *)value);
}

static Agraph_t *
gv_subg(Agraph_t *g, const char *name)
{
	return agsubg(g, (char *)name, 0);
}

static Agnode_t *
gv_node(Agraph_t *g, const char *name)
{
	return agnode(g, (char *)name, 0);
}

static Agedge_t *
gv_edge(Agraph_t *g, Agnode_t *t, Agnode_t *h, const char *key)
{
	return agedge(g, t, h, (char *)key, 0);
}

/*
 * cgraph's default discipline names objects by the address of their
 * interned name, and keeps subgraphs in the order of those ids: the
 * clusters' order in the layout and the SVG would follow malloc.  This
 * one numbers names in order of first use, so the same DOT text gives
 * the same graph whatever the process did before.  Names get even ids
 * (2, 4, ...) and anonymous objects odd ones, as cgraph expects.
 */
struct gv_names {
	char		**str;		/* name of id 2 * (k + 1) */
	size_t		 n, cap;
	size_t		*slot;		/* hash: k + 1, 0 empty */
	size_t		 nslot;
	IDTYPE		 anon;
};

static void *
gvn_open(Agraph_t *g, Agdisc_t *disc)
{
	struct gv_names	*s;

	(void)g;
	(void)disc;
	s = xcalloc(1, sizeof(*s));
	s->anon = 1;
	return s;
}

/* The index of name str, or DG_NONE; *at is its hash slot. */
static size_t
gvn_find(const struct gv_names *s, const char *str, size_t *at)
{
	size_t	 i;

	if (s->nslot == 0)
		return DG_NONE;
	for (i = dg_fnv(str) & (s->nslot - 1); s->slot[i] != 0;
	    i = (i + 1) & (s->nslot - 1))
		if (strcmp(s->str[s->slot[i] - 1], str) == 0)
			return s->slot[i] - 1;
	*at = i;
	return DG_NONE;
}

static void
gvn_rehash(struct gv_names *s)
{
	size_t	 i, k;

	free(s->slot);
	s->nslot = s->nslot ? s->nslot * 2 : 256;
	s->slot = xcalloc(s->nslot, sizeof(*s->slot));
	for (k = 0; k < s->n; k++) {
		for (i = dg_fnv(s->str[k]) & (s->nslot - 1); s->slot[i] != 0;
		    i = (i + 1) & (s->nslot - 1))
			continue;
		s->slot[i] = k + 1;
	}
}

static long
gvn_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	struct gv_names	*s = state;
	size_t		 k, at = 0;

	(void)objtype;
	if (str == NULL) {
		*id = s->anon;
		s->anon += 2;
		return 1;
	}
	if ((k = gvn_find(s, str, &at)) != DG_NONE) {
		*id = 2 * ((IDTYPE)k + 1);
		return 1;
	}
	if (!createflag)
		return 0;
	if ((s->n + 1) * 2 > s->nslot) {
		gvn_rehash(s);
		gvn_find(s, str, &at);
	}
	xgrow(&s->str, &s->cap, s->n + 1, sizeof(*s->str));
	s->str[s->n] = xstrdup(str);
	s->slot[at] = ++s->n;
	*id = 2 * (IDTYPE)s->n;
	return 1;
}

static long
gvn_alloc(void *state, int objtype, IDTYPE request)
{
	(void)state;
	(void)objtype;
	(void)request;
	return 0;	/* no caller-chosen ids */
}

static void
gvn_free(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;	/* names live until the graph closes */
}

static char *
gvn_print(void *state, int objtype, IDTYPE id)
{
	struct gv_names	*s = state;

	(void)objtype;
	if (id % 2 != 0 || id == 0 || id / 2 > s->n)
		return NULL;
	return s->str[id / 2 - 1];
}

static void
gvn_close(void *state)
{
	struct gv_names	*s = state;
	size_t		 k;

	for (k = 0; k < s->n; k++)
		free(s->str[k]);
	free(s->str);
	free(s->slot);
	free(s);
}

static void
gvn_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t gv_iddisc = { gvn_open, gvn_map, gvn_alloc, gvn_free,
	gvn_print, gvn_close, gvn_register };

/* Feeds the DOT text to cgraph's scanner a line at a time. */
struct gv_reader {
	const char	*p;
};

static int
gv_read(void *chan, char *buf, int bufsize)
{
	struct gv_reader *r = chan;
	const char	*nl;
	size_t		 n;

	if (bufsize <= 0 || *r->p == '\0')
		return 0;
	/* a line (with its newline), or what fits */
	nl = strchr(r->p, '\n');
	n = nl != NULL ? (size_t)(nl - r->p) + 1 : strlen(r->p);
	if (n > (size_t)bufsize)
		n = (size_t)bufsize;
	memcpy(buf, r->p, n);
	r->p += n;
	return (int)n;
}

/* Parses DOT text with the disciplines above. */
static Agraph_t *
gv_parse(const char *dot)
{
	static Agiodisc_t io;
	static Agdisc_t	 disc;
	struct gv_reader r;

	io.afread = gv_read;
	io.putstr = AgIoDisc.putstr;
	io.flush = AgIoDisc.flush;
	disc.mem = &AgMemDisc;
	disc.id = &gv_iddisc;
	disc.io = &io;
	r.p = dot;
	return agread(&r, &disc);
}

/* Parses DOT text and lays it out; NULL (and an error in d) on failure. */
static Agraph_t *
gv_layout(const char *dot, const char *id, struct diags *d, const char *file)
{
	struct mark	 none = { 0, 0 };
	Agraph_t	*g;

	gv_begin();
	g = gv_parse(dot);
	if (g == NULL) {
		gv_end(d, file);
		diags_error(d, file, none, "graphviz cannot read the diagram");
		return NULL;
	}
	/* Before the layout, which takes the SVG ids' prefix from it. */
	if (id != NULL)
		agattr(g, AGRAPH, (char *)"id", (char *)(uintptr_t)id);
	if (gvLayout(gv_ctx, g, "dot") != 0) {
		agclose(g);
		gv_end(d, file);
		diags_error(d, file, none, "graphviz layout failed");
		return NULL;
	}
	gv_end(d, file);
	return g;
}

static void
gv_close(Agraph_t *g)
{
	if (g == NULL)
		return;
	gvFreeLayout(gv_ctx, g);
	agclose(g);
}

/* The diagram's one layout, made on first use. */
int
dg_gv_layout(struct diagram *dg, struct diags *d)
{
	const struct dg_model *m = &dg->m;
	const struct dg_obj *o;
	struct dg_view	 v;
	struct buf	 dot = BUF_INIT;
	struct mark	 none = { 0, 0 };
	Agraph_t	*g, *parent;
	size_t		 i;

	if (dg->gv != NULL)
		return 1;
	diagram_view(dg, NULL, &v);
	dot_write(&dot, m, &v);
	dg->layoutkeys = v.keys;
	dg_view_release(&v);
	g = gv_layout(buf_cstr(&dot), NULL, d, dg->dsn->file);
	buf_release(&dot);
	if (g == NULL)
		return 0;
	dg->gv = xcalloc(1, sizeof(*dg->gv));
	dg->gv->obj = xcalloc(m->nobjs + 1, sizeof(*dg->gv->obj));
	for (i = 0; i < m->nobjs; i++) {
		o = &m->objs[i];
		switch (o->kind) {
		case DG_CLUSTER:
			parent = o->parent == DG_NONE ? g : dg->gv->obj[o->parent];
			dg->gv->obj[i] = parent ? gv_subg(parent, o->id) : NULL;
			break;
		case DG_NODE:
			dg->gv->obj[i] = gv_node(g, o->id);
			break;
		case DG_EDGE:
			if (dg->gv->obj[o->tail] && dg->gv->obj[o->head])
				dg->gv->obj[i] = gv_edge(g, dg->gv->obj[o->tail],
				    dg->gv->obj[o->head], o->id);
			break;
		}
		if (dg->gv->obj[i] == NULL) {
			diags_error(d, dg->dsn->file, none,
			    "graphviz lost diagram object %s", o->id);
			gv_close(g);
			free(dg->gv->obj);
			free(dg->gv);
			dg->gv = NULL;
			return 0;
		}
	}
	dg->gv->nsym[0] = gv_sym(g, AGNODE, "color");
	dg->gv->nsym[1] = gv_sym(g, AGNODE, "fillcolor");
	dg->gv->nsym[2] = gv_sym(g, AGNODE, "penwidth");
	dg->gv->nsym[3] = gv_sym(g, AGNODE, "style");
	dg->gv->esym[0] = gv_sym(g, AGEDGE, "color");
	dg->gv->esym[1] = gv_sym(g, AGEDGE, "penwidth");
	dg->gv->esym[2] = gv_sym(g, AGEDGE, "style");
	dg->gv->gsym[0] = gv_sym(g, AGRAPH, "color");
	dg->gv->gsym[1] = gv_sym(g, AGRAPH, "fillcolor");
	dg->gv->gsym[2] = gv_sym(g, AGRAPH, "penwidth");
	dg->gv->gsym[3] = gv_sym(g, AGRAPH, "style");
	/* the view's id prefixes the SVG's ids; clusters keep theirs */
	dg->gv->idsym = agattr(g, AGRAPH, (char *)"id", (char *)"");
	dg->gv->g = g;
	return 1;
}

/* Sets *slot, remembering the old value for gv_restore(). */
static struct gv_undo *
gv_undo_new(struct diagram *dg)
{
	xgrow(&dg->gv->undo, &dg->gv->undocap, dg->gv->nundo + 1, sizeof(*dg->gv->undo));
	memset(&dg->gv->undo[dg->gv->nundo], 0, sizeof(*dg->gv->undo));
	return &dg->gv->undo[dg->gv->nundo++];
}

static void
gv_swap_str(struct diagram *dg, char **slot, const char *value)
{
	struct gv_undo	*u = gv_undo_new(dg);

	u->str = slot;
	u->orig_str = *slot;
	*slot = (char *)value;	/* Graphviz only reads it */
}

static void
gv_swap_font(struct diagram *dg, textfont_t **slot, textfont_t *value)
{
	struct gv_undo	*u = gv_undo_new(dg);

	u->font = slot;
	u->orig_font = *slot;
	*slot = value;
}

/* Puts back every label pointer changed for the last render. */
static void
gv_restore(struct diagram *dg)
{
	struct gv_undo	*u;

	if (dg->gv == NULL)
		return;
	while (dg->gv->nundo > 0) {
		u = &dg->gv->undo[--dg->gv->nundo];
		if (u->str != NULL)
			*u->str = u->orig_str;
		else
			*u->font = u->orig_font;
	}
	while (dg->gv->nlines > 0)
		buf_release(&dg->gv->lines[--dg->gv->nlines]);
}

/* A copy of font f with strike-through, made once per font. */
static textfont_t *
gv_struck(struct diagram *dg, textfont_t *f)
{
	textfont_t	*c;
	size_t		 i;

	for (i = 0; i < dg->gv->nstruck; i += 2)
		if (dg->gv->struck[i] == f)
			return dg->gv->struck[i + 1];
	c = xmalloc(sizeof(*c));
	*c = *f;
	c->flags |= HTML_S;
	xgrow(&dg->gv->struck, &dg->gv->struckcap, dg->gv->nstruck + 2,
	    sizeof(*dg->gv->struck));
	dg->gv->struck[dg->gv->nstruck++] = f;
	dg->gv->struck[dg->gv->nstruck++] = c;
	return c;
}

#define STRIKE_ALL	(-1)
#define STRIKE_NONE	(-2)

/* Recolours a laid-out plain label and strikes span k (or all, none). */
static void
gv_relabel(struct diagram *dg, textlabel_t *lp, const char *colour,
    long strike)
{
	long	 k;

	if (lp == NULL || lp->html)
		return;
	if (colour != NULL && (lp->fontcolor == NULL ||
	    strcmp(colour, lp->fontcolor) != 0))
		gv_swap_str(dg, &lp->fontcolor, colour);
	for (k = 0; k < lp->u.txt.nspans; k++)
		if ((strike == STRIKE_ALL || strike == k) &&
		    lp->u.txt.span[k].font != NULL)
			gv_swap_font(dg, &lp->u.txt.span[k].font,
			    gv_struck(dg, lp->u.txt.span[k].font));
}

/* The number of UTF-8 characters in s. */
static size_t
utf8_len(const char *s)
{
	size_t	 n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * Sets the title's second line to the view's, cut to the width the
 * layout left for it (estimated from the baseline line's measured
 * width per character) so that a long scenario id is not clipped.
 */
static void
gv_retitle(struct diagram *dg, const struct dg_view *v)
{
	textlabel_t	*lp = GD_label(dg->gv->g);
	textspan_t	*sp;
	double		 per, width;
	size_t		 max, n, i, chars;

	if (lp == NULL || lp->html || lp->u.txt.nspans < 2)
		return;
	sp = &lp->u.txt.span[1];
	chars = utf8_len(sp->str);
	per = chars > 0 ? sp->size.x / (double)chars : 0;
	width = GD_bb(dg->gv->g).UR.x - GD_bb(dg->gv->g).LL.x;
	max = per > 0 ? (size_t)(width / per) : SIZE_MAX;
	if (max < chars)
		max = chars;
	buf_truncate(&dg->gv->title, 0);
	buf_puts(&dg->gv->title, v->subtitle);
	if (utf8_len(dg->gv->title.ptr) > max && max > 1) {
		for (i = n = 0; dg->gv->title.ptr[i] != '\0'; i++)
			if (((unsigned char)dg->gv->title.ptr[i] & 0xc0) != 0x80 &&
			    ++n == max)
				break;
		buf_truncate(&dg->gv->title, i);
		buf_puts(&dg->gv->title, ELLIPSIS);
	}
	gv_swap_str(dg, &sp->str, dg->gv->title.ptr);
}

/*
 * Puts text's lines in the laid-out label's spans, for the before view
 * of a change diagram: the layout is the after version's, and an
 * object the change relabels shows its old text in the same place.
 * Lines beyond the spans join the last one; spans beyond the lines
 * are left empty.
 */
static void
gv_respan(struct diagram *dg, textlabel_t *lp, const char *text)
{
	const char	*s = text, *nl;
	struct buf	*line;
	long		 k;

	if (lp == NULL || lp->html || lp->u.txt.nspans < 1)
		return;
	for (k = 0; k < lp->u.txt.nspans; k++) {
		xgrow(&dg->gv->lines, &dg->gv->linecap, dg->gv->nlines + 1,
		    sizeof(*dg->gv->lines));
		line = &dg->gv->lines[dg->gv->nlines++];
		buf_init(line);
		while (*s != '\0') {
			nl = strchr(s, '\n');
			if (nl == NULL)
				nl = s + strlen(s);
			if (line->len > 0)
				buf_puts(line, DOT_SEP);
			buf_put(line, s, (size_t)(nl - s));
			s = *nl ? nl + 1 : nl;
			if (k + 1 < lp->u.txt.nspans)
				break;
		}
		gv_swap_str(dg, &lp->u.txt.span[k].str, buf_cstr(line));
	}
}

/* Applies view v to the laid-out graph. */
static void
gv_apply(struct diagram *dg, const struct dg_view *v)
{
	const struct dg_model *m = &dg->m;
	const struct dg_style *st;
	const struct dg_obj *o;
	textlabel_t	*lp;
	size_t		 i, k;
	int		 failed, order[DG_NKEYS];

	dg_legend_order(m, dg->layoutkeys, order);
	/* the root's id, and the prefix Graphviz took for the others */
	gv_set(dg->gv->g, dg->gv->idsym, v->idstem);
	if (GD_drawing(dg->gv->g) != NULL)
		gv_swap_str(dg, &GD_drawing(dg->gv->g)->id, v->idstem);
	for (i = 0; i < m->nobjs; i++) {
		o = &m->objs[i];
		st = dg_style_of(m, v, i);
		if (dg_roles[o->role].legend) {
			/*
			 * Only the rows of the marks this view uses, each
			 * where the layout put its key; the SVG moves it
			 * up to the view's row (dg_svg_legend_moves).
			 */
			gv_set(dg->gv->obj[i], dg->gv->nsym[3],
			    v->keys & (1u << order[dg_legend_row(m, i)]) ?
			    "" : "invis");
			continue;
		}
		failed = v->scenario != NULL && (v->flags[i] & DG_FAILED);
		switch (o->kind) {
		case DG_CLUSTER:
			gv_set(dg->gv->obj[i], dg->gv->gsym[0], st->color);
			gv_set(dg->gv->obj[i], dg->gv->gsym[1], st->fillcolor);
			gv_set(dg->gv->obj[i], dg->gv->gsym[2], st->penwidth);
			gv_set(dg->gv->obj[i], dg->gv->gsym[3], st->style);
			lp = GD_label((Agraph_t *)dg->gv->obj[i]);
			break;
		case DG_NODE:
			gv_set(dg->gv->obj[i], dg->gv->nsym[0], st->color);
			gv_set(dg->gv->obj[i], dg->gv->nsym[1], st->fillcolor);
			gv_set(dg->gv->obj[i], dg->gv->nsym[2], st->penwidth);
			gv_set(dg->gv->obj[i], dg->gv->nsym[3], st->style);
			lp = ND_label((Agnode_t *)dg->gv->obj[i]);
			break;
		default:
			gv_set(dg->gv->obj[i], dg->gv->esym[0], st->color);
			gv_set(dg->gv->obj[i], dg->gv->esym[1], st->penwidth);
			gv_set(dg->gv->obj[i], dg->gv->esym[2], st->style);
			lp = ED_label((Agedge_t *)dg->gv->obj[i]);
			break;
		}
		if (v->phase == DG_PHASE_BEFORE && o->before != NULL)
			gv_respan(dg, lp, o->before);
		if (v->scenario == NULL && v->phase == DG_PHASE_NONE)
			continue;
		gv_relabel(dg, lp, st->fontcolor, failed ? STRIKE_ALL :
		    STRIKE_NONE);
		if (o->role == DG_GROUP && !failed)
			for (k = 0; k < o->nrows; k++)
				if (v->siteflags[o->rows[k]] &
				    (DG_FAILED | DG_UNREACH))
					gv_relabel(dg, lp, NULL, (long)k + 1);
	}
	gv_retitle(dg, v);
}

/* Removes the DOCTYPE, whose DTD URL is the SVG's only outside reference. */
static void
svg_put(struct buf *out, const char *data, size_t len)
{
	const char	*dt, *end;

	for (dt = data; dt + 9 <= data + len; dt++)
		if (memcmp(dt, "<!DOCTYPE", 9) == 0)
			break;
	if (dt + 9 > data + len || (end = memchr(dt, '>', len - (size_t)(dt - data)))
	    == NULL) {
		buf_put(out, data, len);
		return;
	}
	end++;
	if (end < data + len && *end == '\n')
		end++;
	buf_put(out, data, (size_t)(dt - data));
	buf_put(out, end, len - (size_t)(end - data));
}

static int
gv_render(Agraph_t *g, const char *fmt, struct buf *out, struct diags *d,
    const char *file)
{
	struct mark	 none = { 0, 0 };
	char		*data = NULL;
	unsigned int	 len = 0;
	int		 rc;

	gv_begin();
	rc = gvRenderData(gv_ctx, g, fmt, &data, &len);
	gv_end(d, file);
	if (rc != 0 || data == NULL) {
		if (data != NULL)
			gvFreeRenderData(data);
		diags_error(d, file, none, "graphviz cannot render %s", fmt);
		return 0;
	}
	if (strcmp(fmt, "svg") == 0)
		svg_put(out, data, len);
	else
		buf_put(out, data, len);
	gvFreeRenderData(data);
	return 1;
}


/* ---- The version check ---- */

/* Does version ("2.43.0") start with a release this file was written for? */
static int
gv_known(const char *version)
{
	return version != NULL && (strncmp(version, "2.42.", 5) == 0 ||
	    strncmp(version, "2.43.", 5) == 0);
}

int
dg_gv_internals(void)
{
#ifdef PACKAGE_VERSION
	const char	*compiled = PACKAGE_VERSION;
#else
	const char	*compiled = NULL;
#endif

	if (gv_ctx == NULL)
		gv_ctx = gvContext();
	return gv_known(compiled) && gv_known(gvcVersion(gv_ctx));
}

/* ---- What the other files of the module ask ---- */

int
dg_gv_render_view(struct diagram *dg, const struct dg_view *v,
    const char *fmt, struct buf *out, struct diags *d)
{
	int	 rc;

	gv_apply(dg, v);
	rc = gv_render(dg->gv->g, fmt, out, d, dg->dsn->file);
	gv_restore(dg);
	return rc;
}

int
dg_gv_render_dot(const char *dot, const char *id, const char *fmt,
    struct buf *out, struct diags *d, const char *file)
{
	Agraph_t	*g;
	int		 rc = 0;

	g = gv_layout(dot, id, d, file);
	if (g != NULL)
		rc = gv_render(g, fmt, out, d, file);
	gv_close(g);
	return rc;
}

static textlabel_t *
gv_label(const struct diagram *dg, size_t i)
{
	if (i == DG_NONE)
		return GD_label(dg->gv->g);
	switch (dg->m.objs[i].kind) {
	case DG_CLUSTER:
		return GD_label((Agraph_t *)dg->gv->obj[i]);
	case DG_NODE:
		return ND_label((Agnode_t *)dg->gv->obj[i]);
	default:
		return ED_label((Agedge_t *)dg->gv->obj[i]);
	}
}

void
dg_gv_label(const struct diagram *dg, size_t i, struct dg_label *l)
{
	textlabel_t	*lp = gv_label(dg, i);

	l->plain = lp != NULL && !lp->html;
	l->fontcolor = lp != NULL ? lp->fontcolor : NULL;
	l->nspans = l->plain ? (size_t)lp->u.txt.nspans : 0;
}

const char *
dg_gv_span(const struct diagram *dg, size_t i, size_t k)
{
	return gv_label(dg, i)->u.txt.span[k].str;
}

double
dg_gv_y(const struct diagram *dg, size_t i)
{
	return ND_coord((Agnode_t *)dg->gv->obj[i]).y;
}

size_t
dg_gv_seq(const struct diagram *dg, size_t i)
{
	return (size_t)AGSEQ(dg->gv->obj[i]);
}

const char *
dg_gv_title(struct diagram *dg, const struct dg_view *v)
{
	gv_retitle(dg, v);
	gv_restore(dg);
	return buf_cstr(&dg->gv->title);
}

void
dg_gv_free(struct diagram *dg)
{
	size_t	 i;

	if (dg->gv == NULL)
		return;
	gv_restore(dg);
	gv_close(dg->gv->g);
	free(dg->gv->obj);
	free(dg->gv->undo);
	free(dg->gv->lines);
	for (i = 1; i < dg->gv->nstruck; i += 2)
		free(dg->gv->struck[i]);
	free(dg->gv->struck);
	buf_release(&dg->gv->title);
	free(dg->gv);
	dg->gv = NULL;
}

void
dg_gv_leave(struct diagram *dg)
{
	Agraph_t	*g;

	if (dg->gv == NULL)
		return;
	g = dg->gv->g;
	dg->gv->g = NULL;
	xgrow(&gv_left, &gv_leftcap, gv_nleft + 1, sizeof(*gv_left));
	gv_left[gv_nleft++] = g;
	dg_gv_free(dg);
}

void
dg_gv_cleanup(void)
{
	while (gv_nleft > 0)
		gv_close(gv_left[--gv_nleft]);
	free(gv_left);
	gv_left = NULL;
	gv_leftcap = 0;
	if (gv_ctx != NULL)
		gvFreeContext(gv_ctx);
	gv_ctx = NULL;
	buf_release(&gv_msgs);
}

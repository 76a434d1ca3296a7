/*
 * The diagram module's private header, shared by its files and by
 * nothing else:
 *
 *	dg_view.c	the style table, and a view of the model: its
 *			objects' state and styles in one picture
 *	dg_model.c	the model (its legend from the rows its views use)
 *	dg_dot.c	the DOT writer
 *	dg_graphviz.c	the Graphviz adapter (the only file that includes
 *			Graphviz's headers, and the only one that touches
 *			its laid-out structs, behind a version check)
 *	dg_svg.c	the SVG restyler: views from one template SVG
 *	dg_mermaid.c	the Mermaid writer
 *	diagram.c	the facade of diagram.h: render, free, formats
 *
 * Each depends only on the ones above it, and diagram.c on all.
 */
#ifndef HYBRIDOC_DG_INT_H
#define HYBRIDOC_DG_INT_H

#include <stddef.h>
#include <stdint.h>

#include "hybridoc/buf.h"
#include "hybridoc/diagram.h"
#include "hybridoc/prefix.h"

struct design;
struct diags;
struct sim;
struct svg_tmpl;
struct dg_gv;

#define FONT		"Helvetica"
#define WHITE		"#ffffff"
#define MARK_FAILED	"\xe2\x9c\x97 "		/* U+2717 ballot x */
#define MARK_UNREACH	"\xe2\x9a\xa0 "		/* U+26A0 warning sign */
#define ELLIPSIS	"\xe2\x80\xa6"
#define DOT_SEP		" \xc2\xb7 "		/* middle dot */
/* Advertised prefixes an ExpressRoute edge node lists before a count. */
#define LIST_MAX	3

/* ---- Styles: one table (dg_view.c), read by every writer ---- */

enum {
	ST_N_PLAIN, ST_N_ER, ST_N_VPN, ST_N_INTERNET, ST_N_PREFIX, ST_N_FAILED,
	ST_N_FAILED_BOX, ST_N_INUSE, ST_N_UNREACH, ST_N_UNREACH_ROWS,
	ST_E_PLAIN, ST_E_ER_PRIMARY, ST_E_ER_BACKUP,
	ST_E_VPN_PRIMARY, ST_E_VPN_BACKUP, ST_E_ER_INUSE, ST_E_VPN_INUSE,
	ST_E_FAILED, ST_E_INVIS,
	ST_C_REGION, ST_C_VNET, ST_C_GWSUBNET, ST_C_PROVIDER, ST_C_SITE,
	ST_C_FAILED,
	/* a change diagram's marks, per kind of object */
	ST_N_ADDED, ST_N_REMOVED, ST_N_CHANGED,
	ST_E_ADDED, ST_E_REMOVED, ST_E_CHANGED,
	ST_C_ADDED, ST_C_REMOVED, ST_C_CHANGED,
	ST_N_INVIS, ST_C_INVIS,
	ST_N_GHOST, ST_E_GHOST, ST_C_GHOST
};

extern const struct dg_style dg_styles[];

/* The defaults the DOT text declares; objects write what differs. */
#define NODE_DEFAULT	ST_N_PLAIN
#define EDGE_DEFAULT	ST_E_PLAIN
#define NODE_FONTSIZE	10
#define EDGE_FONTSIZE	9

struct dg_role_info {
	enum dg_kind	 kind;
	int		 style;		/* base style */
	int		 fontsize;
	int		 legend;	/* never restyled */
};

extern const struct dg_role_info dg_roles[DG_NROLES];

/* ---- The diagram ---- */

struct dg_pfx {
	struct prefix	 p;
	size_t		 obj;
};

/* Where a site's parts are in the model. */
struct dg_site {
	size_t		 cluster;	/* DG_NONE when summarised */
	size_t		 group;		/* index in diagram.groups, or DG_NONE */
	size_t		*er;		/* ER edge node per attachment */
	size_t		*link;		/* 2 per attachment (shared when the
					   circuit serves several sites) */
	size_t		*ce;		/* per attachment: shared edge routers
					   to this site, or DG_NONE */
	size_t		*dev;		/* per device */
	size_t		*tun;		/* per device x instance */
	struct dg_pfx	*pfx;
	size_t		 npfx;
};

struct dg_group {
	char		*key;		/* connectivity, e.g. "IKEv2 · BGP" */
	size_t		 node;
	size_t		*edges;		/* per instance */
	size_t		*members;	/* site indices */
	size_t		 nmembers;
};

struct diagram {
	struct dg_model	 m;
	const struct design *dsn;
	const struct sim *sim;

	size_t		 ergw;
	size_t		*inst;		/* VPN gateway instance nodes */
	size_t		 ninst;
	size_t		*ckt;		/* per circuit */
	size_t		*cenode;	/* per circuit: shared edge routers */
	size_t		*celink;	/* per circuit: 2 links to them */
	size_t		 inet;		/* the Internet, or DG_NONE */
	size_t		*uplink;	/* per instance: to the Internet */
	size_t		*conn;		/* per circuit; DG_NONE without gateway */
	size_t		 lastkey;	/* the legend's last row (or its anchor) */
	unsigned	 svgkeys;	/* legend rows of the SVG template */
	unsigned	 layoutkeys;	/* the keys of the view laid out: they
					   fix which key each row is laid
					   out with (dg_legend_order) */
	int		 change;	/* made by diagram_new_change() */
	enum diagram_fence fence;	/* diagram_set_fence() */
	int		 single;	/* diagram_single_view() */
	struct dg_site	*sites;
	struct dg_group	*groups;
	size_t		 ngroups;

	/* id registry: open addressing over m.objs ids */
	char		**ids;
	size_t		 idcap;
	size_t		 nids;

	/* Graphviz, after the layout (dg_graphviz.c), and the SVG template */
	struct dg_gv	*gv;
	struct svg_tmpl	*svg;		/* the template SVG views are made from:
					   the baseline with every legend row */
};

/* ---- Between the files ---- */

/* dg_view.c */
struct sim_scenario;
/* Appends s with every byte outside [A-Za-z0-9] as '_'. */
void	dg_put_sanitised(struct buf *b, const char *s);
/* Legend row i's place among the legend's rows, from 0 at the top. */
size_t	dg_legend_row(const struct dg_model *m, size_t i);
/*
 * The keys of the legend's rows in the order a view with keys shows
 * them (the shown ones first, then the hidden, each in key order), one
 * per row in order[DG_NKEYS]; returns the number shown.
 */
size_t	dg_legend_order(const struct dg_model *m, unsigned keys, int *order);
/* Marks what every route of scenario sc goes through (DG_INUSE), or
   its unreachable prefix, in f (per object) and siteflags (per site). */
void	dg_mark_routes(const struct diagram *dg, const struct sim_scenario *sc,
	    unsigned char *f, unsigned char *siteflags);

/* dg_model.c */
uint64_t dg_fnv(const char *s);
/* Frees the model and its tables, not the layout (diagram_free does). */
void	dg_free(struct diagram *dg);
/* Object o's label in view v: a change diagram's before view has its own. */
const char *dg_label_of(const struct dg_obj *o, const struct dg_view *v);

/* dg_dot.c */
void	dot_write(struct buf *b, const struct dg_model *m,
	    const struct dg_view *v);

/* dg_graphviz.c */

/*
 * Whether the Graphviz compiled against and run with is a release whose
 * internals this module was written for (2.42, 2.43): only then may a
 * view reuse the layout (dg_gv_layout, dg_gv_render_view) and the SVG
 * restyler read its labels.
 */
int	dg_gv_internals(void);
/* The diagram's one layout, made on first use; 0 with an error in d. */
int	dg_gv_layout(struct diagram *dg, struct diags *d);
/* Renders view v of the laid-out diagram in fmt ("svg", "png"). */
int	dg_gv_render_view(struct diagram *dg, const struct dg_view *v,
	    const char *fmt, struct buf *out, struct diags *d);
/*
 * Lays out DOT text afresh and renders it in fmt, with the root's id
 * (the prefix of the SVG's ids) set to id unless NULL.
 */
int	dg_gv_render_dot(const char *dot, const char *id, const char *fmt,
	    struct buf *out, struct diags *d, const char *file);
/* What the SVG restyler needs of a laid-out label (i DG_NONE: the title). */
struct dg_label {
	int		 plain;		/* a label, and not an HTML one */
	const char	*fontcolor;
	size_t		 nspans;	/* lines, when plain */
};
void	dg_gv_label(const struct diagram *dg, size_t i, struct dg_label *l);
/* Line k of the label (k < nspans), or NULL. */
const char *dg_gv_span(const struct diagram *dg, size_t i, size_t k);
/* The y of node i's centre in the layout (Graphviz's, up is +). */
double	dg_gv_y(const struct diagram *dg, size_t i);
/* The sequence number Graphviz builds object i's SVG id from. */
size_t	dg_gv_seq(const struct diagram *dg, size_t i);
/* The title's second line for view v, cut to the width of the layout. */
const char *dg_gv_title(struct diagram *dg, const struct dg_view *v);
/* Frees the layout; the diagram can be laid out again. */
void	dg_gv_free(struct diagram *dg);
/* Lets go of the layout without freeing the graph (dg_gv_cleanup does). */
void	dg_gv_leave(struct diagram *dg);
void	dg_gv_cleanup(void);

/* dg_svg.c */

/*
 * Indexes the baseline SVG (len bytes at svg, whose ids start with
 * stem) as the template of later views; NULL when it does not look as
 * expected, and then every view is rendered by Graphviz.
 */
struct svg_tmpl *dg_svg_index(const struct diagram *dg, const char *stem,
	    const char *svg, size_t len);
/*
 * Appends view v, made from the template, to out.  Returns non-zero on
 * success; 0 with out unchanged when the template cannot express it.
 */
int	dg_svg_restyle(struct diagram *dg, const struct dg_view *v,
	    struct buf *out);
void	dg_svg_free(struct svg_tmpl *t);
/*
 * Moves the legend rows of view v in the SVG Graphviz rendered from the
 * layout (out from start) to the rows the view shows their keys in, as
 * the restyler does.
 */
void	dg_svg_legend_moves(const struct diagram *dg, const struct dg_view *v,
	    struct buf *out, size_t start);
/*
 * Makes the SVG in out from start say what a person sees, not
 * Graphviz's internal names: each graph, cluster and node <title> (the
 * hover tooltip, read by screen readers) becomes its visible text; an
 * edge's, which has none, is left out; the internal name moves to the
 * group's data-name attribute; the <svg> element gets role="img" and an
 * aria-label of the diagram's title lines.
 */
void	dg_svg_titles(struct buf *out, size_t start);

#endif

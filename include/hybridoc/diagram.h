/*
 * Topology diagrams (`hybridoc diagram`, the runbook's and the packet's
 * pictures).  diagram_new() turns a bound design, and optionally its
 * simulation, into a diagram model: clusters for the Azure region, the
 * VNet and its GatewaySubnet, the providers' circuits, the on-premises
 * sites and a legend; nodes for gateways, circuits, routers, devices
 * and prefixes; ExpressRoute and IPsec edges.  diagram_render() writes
 * one view of it -- the baseline topology or one failover scenario --
 * as DOT, SVG, PNG or Mermaid.  SVG and PNG are laid out in-process
 * with Graphviz (gen/5-render/dg_graphviz.c is the only file that
 * includes it), once per diagram: a scenario view restyles the laid-out graph (colours,
 * line styles, struck text) and renders it again, so twenty scenario
 * views cost about one layout.
 *
 * Output is deterministic: ids derive from object names, attributes
 * come in a fixed order, same design and view, same bytes.  Every
 * string from the design is escaped for where it lands (DOT labels
 * with Graphviz's backslash escapes and entities, SVG text, Mermaid
 * entity codes).
 *
 * The second half of this header is the model itself, which the
 * writers share (gen/5-render/dg_*.c).
 * Other modules need only the first half.
 */
#ifndef HYBRIDOC_DIAGRAM_H
#define HYBRIDOC_DIAGRAM_H

#include <stddef.h>

struct buf;
struct design;
struct diags;
struct sim;

/*
 * Colours shared with the HTML pages' stylesheet, so that a path looks
 * the same in the picture and in the tables around it.
 */
#define DIAGRAM_COLOUR_ER		"#0969da"	/* ExpressRoute */
#define DIAGRAM_COLOUR_VPN		"#bc4c00"	/* IPsec VPN */
#define DIAGRAM_COLOUR_FAILED		"#8c959f"	/* failed: lines, text */
#define DIAGRAM_COLOUR_FAILED_FILL	"#eaeef2"	/* failed: background */
#define DIAGRAM_COLOUR_INUSE		"#1a7f37"	/* path in use */
#define DIAGRAM_COLOUR_UNREACHABLE	"#cf222e"	/* no route */
#define DIAGRAM_COLOUR_UNREACHABLE_FILL	"#ffebe9"
#define DIAGRAM_COLOUR_ADDED		"#8250df"	/* change: added */
#define DIAGRAM_COLOUR_REMOVED		"#cf222e"	/* change: removed */
#define DIAGRAM_COLOUR_CHANGED		"#bf8700"	/* change: changed */
#define DIAGRAM_COLOUR_GHOST		"#afb8c1"	/* change: removed, after */
#define DIAGRAM_COLOUR_TEXT		"#1f2328"
#define DIAGRAM_COLOUR_LINE		"#57606a"	/* neutral lines */

/*
 * With DIAGRAM_SUMMARY, once there are more than this many VPN-only
 * branches they are drawn as one summary node per kind of connectivity
 * (IKE version, BGP or static, device count), a row per branch; a kind
 * only one branch has stays drawn in full.
 */
#define DIAGRAM_GROUP_MIN	8

enum diagram_detail {
	DIAGRAM_SUMMARY,	/* group many VPN-only branches */
	DIAGRAM_FULL		/* draw every site */
};

enum diagram_format {
	DIAGRAM_DOT,
	DIAGRAM_SVG,
	DIAGRAM_PNG,
	DIAGRAM_MERMAID
};

/*
 * How Markdown holds a diagram's Mermaid text.  GitHub, GitLab and most
 * Markdown renderers read a ```mermaid code fence; the Azure DevOps
 * wiki reads its own ::: mermaid ... ::: block (Microsoft Learn,
 * "Markdown syntax for wikis", Add Mermaid diagrams to a wiki page) and
 * has rejected the `flowchart` keyword while accepting `graph` (Azure
 * DevOps docs issue #12028), so with that fence the Mermaid text
 * starts with `graph`, which every Mermaid release reads the same way
 * for a diagram without links between subgraphs, as ours is.
 */
enum diagram_fence {
	DIAGRAM_FENCE_NONE,		/* the bare Mermaid text */
	DIAGRAM_FENCE_MARKDOWN,		/* ```mermaid ... ``` */
	DIAGRAM_FENCE_AZURE_DEVOPS	/* ::: mermaid ... ::: */
};

struct diagram;

/*
 * Builds the diagram model of dsn.  sim may be NULL: then primary and
 * backup paths are inferred from the design (ExpressRoute first) and
 * only the baseline can be rendered; with a simulation they are its
 * baseline, and its scenarios can be rendered.  dsn and sim must
 * outlive the diagram.  Nothing is laid out until the first SVG or
 * PNG.  Never fails; the caller frees with diagram_free().
 */
struct diagram	*diagram_new(const struct design *dsn, const struct sim *sim,
		    enum diagram_detail detail);
/*
 * The diagram of a change from base to head (`hybridoc packet`): the
 * head's model with what only the base has added back as ghosts, laid
 * out once, so that both views keep every unchanged object in the same
 * place.  Its views are DIAGRAM_BEFORE and DIAGRAM_AFTER (NULL and
 * "baseline" are the after view).  Before: what the change adds is not
 * drawn (its place stays empty), what it removes is outlined in dashed
 * red, what it alters in amber with its old label.  After: the added
 * outlined in purple, the removed as faded grey dashed ghosts, the
 * altered in amber with its new label.  Each
 * view's legend lists the marks it uses.  Objects are matched by id,
 * which derives from names; an object differs when its label, role or
 * ends do, an edge also when it stops or starts carrying traffic.  The designs and simulations must outlive
 * the diagram.
 */
#define DIAGRAM_BEFORE	"before"
#define DIAGRAM_AFTER	"after"
struct diagram	*diagram_new_change(const struct design *base,
		    const struct sim *bsim, const struct design *head,
		    const struct sim *hsim, enum diagram_detail detail);
/*
 * Appends one view in format fmt to out: scenario NULL or "baseline"
 * for the topology, else a scenario id of the simulation.  SVG and PNG
 * of every view share the diagram's one layout; a scenario PNG is the
 * exception and is laid out afresh, because Graphviz's Cairo renderer
 * fixes text when it lays out.  SVG is self-contained (no external
 * references, no DOCTYPE), has a <title> (the design's name), and its
 * element ids start with "hd_NAME" ("hd_NAME__SCENARIO" for a scenario)
 * so that several views can share one HTML page.  Returns non-zero on
 * success; 0 after adding an error to d (an unknown scenario, a
 * scenario without a simulation, a Graphviz failure), with out
 * unchanged.  Graphviz warnings are added to d as warnings.
 */
int		 diagram_render(struct diagram *dg, const char *scenario,
		    enum diagram_format fmt, struct buf *out, struct diags *d);
/*
 * Sets the fence Markdown will hold this diagram's Mermaid in (default
 * DIAGRAM_FENCE_MARKDOWN); only the Mermaid text's first keyword
 * depends on it, the fence itself is the caller's (diagram_fence_open,
 * diagram_fence_close).
 */
void		 diagram_set_fence(struct diagram *dg, enum diagram_fence f);
enum diagram_fence diagram_fence(const struct diagram *dg);
/* "none", "markdown", "azure-devops"; non-zero when known. */
int		 diagram_fence_parse(const char *name, enum diagram_fence *f);
/* The fence's opening and closing lines, each with its newline, or "". */
const char	*diagram_fence_open(enum diagram_fence f);
const char	*diagram_fence_close(enum diagram_fence f);
/* Frees the diagram and its layout; NULL is fine. */
void		 diagram_free(struct diagram *dg);
/*
 * For a command that draws one view and exits.  diagram_single_view():
 * render it straight from the layout, keeping no SVG template for
 * views to come (diagram_render indexes and restyles one otherwise).
 * diagram_exit_free(): free the diagram but leave its Graphviz layout
 * allocated, and reachable from the module, until the process exits or
 * diagram_cleanup() -- as `dot` does; freeing a 200-site layout is 8%
 * of `hybridoc diagram` (tests/bench/RESULTS.md).
 */
void		 diagram_single_view(struct diagram *dg);
void		 diagram_exit_free(struct diagram *dg);
/*
 * The Mermaid flowchart of one view in one call (diagram_new, render,
 * free).  An unknown scenario gives the baseline.
 */
void		 diagram_mermaid(const struct design *dsn, const struct sim *sim,
		    const char *scenario, enum diagram_detail detail,
		    struct buf *out);
/*
 * Releases the Graphviz context the module creates on first use.
 * Optional (the context lives until exit otherwise); diagrams laid out
 * before must have been freed.
 */
void		 diagram_cleanup(void);
/*
 * With on non-zero, every SVG and PNG view is laid out from its own DOT
 * through Graphviz's public API, as on a Graphviz release other than
 * the one the module was written for (see README, "Graphviz"); for
 * tests.  Off by default.
 */
void		 diagram_graphviz_plain(int on);

/*
 * Format by name ("dot", "gv", "svg", "png", "mermaid", "mmd") or by
 * a path's extension (".dot", ".gv", ".svg", ".png", ".mmd", ".mermaid",
 * any case).  Return non-zero and set *fmt when known, else 0.
 */
int		 diagram_format_parse(const char *name, enum diagram_format *fmt);
int		 diagram_format_from_path(const char *path,
		    enum diagram_format *fmt);
/* "summary" or "full"; non-zero when known. */
int		 diagram_detail_parse(const char *name,
		    enum diagram_detail *detail);
/* "dot", "svg", "png", "mermaid". */
const char	*diagram_format_name(enum diagram_format fmt);

/* ---- The model, for the writers (gen/5-render/dg_*.c) ---- */

#define DG_NONE		((size_t)-1)

enum dg_kind {
	DG_CLUSTER,
	DG_NODE,
	DG_EDGE
};

/* What an object stands for; fixes its kind, shape and base style. */
enum dg_role {
	/* clusters */
	DG_REGION,		/* the Azure region */
	DG_VNET,
	DG_GWSUBNET,
	DG_PROVIDER,		/* one per connectivity provider */
	DG_SITE,
	DG_BRANCHES,		/* holds the summary nodes */
	/* nodes */
	DG_WORKLOADS,		/* the hub VNet's other subnets */
	DG_SPOKE,
	DG_ER_GATEWAY,
	DG_VPN_INSTANCE,
	DG_CIRCUIT,
	DG_ER_EDGE,		/* a site's end of a circuit */
	DG_CE,			/* edge routers of a circuit shared by sites */
	DG_INTERNET,		/* what the IPsec tunnels cross */
	DG_ROUTE_SERVER,	/* Azure Route Server, when enabled */
	DG_DEVICE,		/* a site's VPN device */
	DG_PREFIX,		/* one atom of a site's address plan */
	DG_GROUP,		/* summary of VPN-only branches */
	DG_LEGEND,		/* one row of the key to line styles and
				   colours (dg_obj.key) */
	/* edges */
	DG_E_CONNECTION,	/* ExpressRoute gateway to circuit */
	DG_E_LINK,		/* circuit to site (or to its shared edge
				   routers): primary or secondary link */
	DG_E_CE,		/* shared edge routers to a site */
	DG_E_TUNNEL,		/* device (or summary) to the Internet, one
				   per gateway instance */
	DG_E_UPLINK,		/* VPN gateway instance to the Internet */
	DG_E_LAN,		/* invisible: router to prefix, for ranks */
	DG_E_KEY,		/* invisible: holds the legend's rows in
				   one column beside the Internet */
	DG_NROLES
};

/*
 * One row of the legend: a line sample and what it means.  A view
 * shows only the rows of marks it uses (dg_view.keys), so the
 * baseline has no scenario rows and a scenario only its own; they
 * fill the legend's rows from the top (dg_legend_key), so the legend
 * of a view has no gap where a row it does not use would be.
 */
enum dg_key_id {
	DG_K_ER, DG_K_VPN, DG_K_PRIMARY, DG_K_BACKUP, DG_K_INUSE,
	DG_K_FAILED_LINE, DG_K_FAILED, DG_K_UNREACH, DG_K_ADDED,
	DG_K_REMOVED, DG_K_GHOST, DG_K_CHANGED, DG_NKEYS
};

struct dg_key {
	const char	*sample;	/* box-drawing characters */
	const char	*colour;	/* of the sample */
	const char	*fill;		/* a cell background, or NULL */
	int		 bar;		/* DOT: a solid bar this high, or 0 */
	const char	*text;
};

extern const struct dg_key dg_legend[];
extern const size_t dg_nlegend;

struct dg_obj {
	enum dg_kind	 kind;
	enum dg_role	 role;
	char		*id;		/* unique, [A-Za-z0-9_] only */
	char		*label;		/* raw text, lines split by '\n' */
	int		 ljust;		/* lines left-justified */
	size_t		 parent;	/* enclosing cluster, or DG_NONE */
	size_t		 tail, head;	/* edges: node indices */
	long		 minlen;	/* edges: rank distance (0: 1; -1: the
				   same rank, drawn across the lanes) */
	int		 primary;	/* carries traffic in the baseline */
	int		 key;		/* legend rows: enum dg_key_id of the
				   row's place in key order (a view may
				   show another key there: dg_legend_key) */
	/* Change diagrams (diagram_new_change): what the change did. */
	int		 change;	/* DG_SAME, DG_ADDED, ... */
	char		*before;	/* DG_CHANGED: the label before, or NULL */
	/* Summary nodes: the site index of label line k + 1. */
	size_t		*rows;
	size_t		 nrows;
};

struct dg_model {
	const struct design *dsn;
	struct dg_obj	*objs;		/* clusters before what they hold */
	size_t		 nobjs;
	size_t		 cap;
	char		*title;		/* first title line */
	char		*name;		/* the design's name */
	int		 graph;		/* Mermaid: `graph`, not `flowchart` */
	unsigned	 legend;	/* the keys of the legend's rows */
};

/* Object state in one view. */
#define DG_FAILED	0x01	/* failed, or cut off by a failure */
#define DG_INUSE	0x02	/* carries traffic in this scenario */
#define DG_UNREACH	0x04	/* a prefix (or summary row) without route */

/* dg_obj.change */
enum {
	DG_SAME,
	DG_ADDED,		/* only after the change */
	DG_REMOVED,		/* only before: a ghost in the after view */
	DG_CHANGED		/* in both, drawn differently */
};

/* dg_view.phase */
enum {
	DG_PHASE_NONE,		/* not a change diagram's view */
	DG_PHASE_BEFORE,
	DG_PHASE_AFTER
};

struct dg_view {
	const char	*scenario;	/* NULL: the baseline */
	char		*subtitle;	/* second title line */
	char		*idstem;	/* unique per view: "hd-NAME[-SCENARIO]" */
	unsigned char	*flags;		/* per object */
	unsigned char	*siteflags;	/* per design site (summary rows) */
	unsigned	 keys;		/* legend rows shown: 1 << DG_K_... */
	int		 phase;		/* DG_PHASE_... */
};

/* The style of an object in a view: a row of dg_model.c's table. */
struct dg_style {
	const char	*name;		/* Mermaid class name */
	const char	*color;
	const char	*fillcolor;	/* nodes, clusters */
	const char	*fontcolor;
	const char	*style;		/* Graphviz style list */
	const char	*penwidth;
	int		 dashed;	/* the line is dashed or dotted */
	int		 invisible;
};

/* The model of the diagram (for the writers); owned by dg. */
const struct dg_model *diagram_model(const struct diagram *dg);
/*
 * Fills v for scenario (NULL or "baseline": the baseline).  Returns
 * non-zero on success, 0 when the scenario is unknown or there is no
 * simulation.  Release with dg_view_release().
 */
int		 diagram_view(const struct diagram *dg, const char *scenario,
		    struct dg_view *v);
void		 dg_view_release(struct dg_view *v);
/*
 * The model's containment tree as child lists, for writers that walk
 * it: first[p] is p's first child, next[c] the child after c (DG_NONE
 * at the end), and index m->nobjs stands for the root.  Edges are left
 * out.  The caller frees both arrays.
 */
void		 dg_children(const struct dg_model *m, size_t **first,
		    size_t **next);
/* The style of object i in view v. */
const struct dg_style *dg_style_of(const struct dg_model *m,
		    const struct dg_view *v, size_t i);
/*
 * The key legend row i (a DG_LEGEND object) shows in view v (NULL:
 * every row in key order), with *shown whether v shows it.  A view's
 * rows are the keys of the marks it uses, in key order, from the
 * legend's first row down, then the ones it hides: every view has the
 * same rows in its layout, and no gap in its legend.
 */
int		 dg_legend_key(const struct dg_model *m, const struct dg_view *v,
		    size_t i, int *shown);
/*
 * The marker a text-only writer puts before line k of object i's label
 * in view v ("✗ " failed, "⚠ " unreachable), or "".
 */
const char	*dg_line_mark(const struct dg_model *m, const struct dg_view *v,
		    size_t i, size_t k);

#endif

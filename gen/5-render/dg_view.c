/*
 * The views of the diagram module (dg_int.h, diagram.h): how one
 * picture of the model looks.  The style table every writer reads;
 * diagram_view() works out each object's state from the simulation's
 * scenario (failed, in use, unreachable) or, for a change diagram,
 * from what the change did (added, removed, altered), and the legend
 * rows the view uses; dg_style_of() and dg_line_mark() turn that state
 * into the table's rows and the text writers' marks.  The model is
 * built once (dg_model.c, which asks this file which rows its views
 * use); a view only reads it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diagram.h"
#include "hybridoc/sim.h"
#include "hybridoc/xalloc.h"

#include "dg_int.h"

/* ---- Styles: one table, read by every writer ---- */


const struct dg_style dg_styles[] = {
	/* nodes */
	{ "plain", DIAGRAM_COLOUR_LINE, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1", 0, 0 },
	{ "er", DIAGRAM_COLOUR_ER, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1.5", 0, 0 },
	{ "vpn", DIAGRAM_COLOUR_VPN, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1.5", 0, 0 },
	{ "internet", DIAGRAM_COLOUR_VPN, "#fff8f2", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled,dashed", "1.5", 1, 0 },
	{ "prefix", DIAGRAM_COLOUR_LINE, "#f6f8fa", DIAGRAM_COLOUR_TEXT,
	    "filled", "1", 0, 0 },
	{ "failed", DIAGRAM_COLOUR_FAILED, DIAGRAM_COLOUR_FAILED_FILL,
	    DIAGRAM_COLOUR_FAILED, "rounded,filled,dashed", "1", 1, 0 },
	{ "failed-box", DIAGRAM_COLOUR_FAILED, DIAGRAM_COLOUR_FAILED_FILL,
	    DIAGRAM_COLOUR_FAILED, "filled,dashed", "1", 1, 0 },
	{ "inuse", DIAGRAM_COLOUR_INUSE, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "2.5", 0, 0 },
	{ "unreachable", DIAGRAM_COLOUR_UNREACHABLE,
	    DIAGRAM_COLOUR_UNREACHABLE_FILL, DIAGRAM_COLOUR_UNREACHABLE,
	    "filled", "2", 0, 0 },
	{ "unreachable-rows", DIAGRAM_COLOUR_UNREACHABLE, WHITE,
	    DIAGRAM_COLOUR_TEXT, "rounded,filled", "2", 0, 0 },
	/* edges */
	{ "plain", DIAGRAM_COLOUR_LINE, NULL, DIAGRAM_COLOUR_TEXT,
	    "solid", "1", 0, 0 },
	{ "er-primary", DIAGRAM_COLOUR_ER, NULL, DIAGRAM_COLOUR_TEXT,
	    "solid", "2.5", 0, 0 },
	{ "er-backup", DIAGRAM_COLOUR_ER, NULL, DIAGRAM_COLOUR_TEXT,
	    "solid", "1", 0, 0 },
	{ "vpn-primary", DIAGRAM_COLOUR_VPN, NULL, DIAGRAM_COLOUR_TEXT,
	    "dashed", "2.5", 1, 0 },
	{ "vpn-backup", DIAGRAM_COLOUR_VPN, NULL, DIAGRAM_COLOUR_TEXT,
	    "dashed", "1", 1, 0 },
	{ "er-inuse", DIAGRAM_COLOUR_INUSE, NULL, DIAGRAM_COLOUR_TEXT,
	    "solid", "3.5", 0, 0 },
	{ "vpn-inuse", DIAGRAM_COLOUR_INUSE, NULL, DIAGRAM_COLOUR_TEXT,
	    "dashed", "3.5", 1, 0 },
	{ "failed", DIAGRAM_COLOUR_FAILED, NULL, DIAGRAM_COLOUR_FAILED,
	    "dotted", "1", 1, 0 },
	{ "invisible", DIAGRAM_COLOUR_LINE, NULL, DIAGRAM_COLOUR_TEXT,
	    "invis", "1", 0, 1 },
	/* clusters */
	{ "region", "#218bff", "#f5f9ff", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1.5", 0, 0 },
	{ "vnet", "#54aeff", "#eaf5ff", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1", 0, 0 },
	{ "gwsubnet", "#80ccff", "#ddf0ff", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1", 0, 0 },
	{ "provider", DIAGRAM_COLOUR_LINE, "#f6f8fa", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1", 0, 0 },
	{ "site", "#9a6700", "#fff8e5", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "1", 0, 0 },
	{ "failed", DIAGRAM_COLOUR_FAILED, DIAGRAM_COLOUR_FAILED_FILL,
	    DIAGRAM_COLOUR_FAILED, "rounded,filled,dashed", "1", 1, 0 },
	/* a change diagram's marks: nodes, edges, clusters */
	{ "added", DIAGRAM_COLOUR_ADDED, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "3", 0, 0 },
	{ "removed", DIAGRAM_COLOUR_REMOVED, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled,dashed", "3", 1, 0 },
	{ "changed", DIAGRAM_COLOUR_CHANGED, WHITE, DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "3", 0, 0 },
	{ "added", DIAGRAM_COLOUR_ADDED, NULL, DIAGRAM_COLOUR_TEXT,
	    "solid", "3", 0, 0 },
	{ "removed", DIAGRAM_COLOUR_REMOVED, NULL, DIAGRAM_COLOUR_TEXT,
	    "dashed", "3", 1, 0 },
	{ "changed", DIAGRAM_COLOUR_CHANGED, NULL, DIAGRAM_COLOUR_TEXT,
	    "solid", "3", 0, 0 },
	{ "added", DIAGRAM_COLOUR_ADDED, "#fbefff", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "3", 0, 0 },
	{ "removed", DIAGRAM_COLOUR_REMOVED, "#ffebe9", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled,dashed", "3", 1, 0 },
	{ "changed", DIAGRAM_COLOUR_CHANGED, "#fff8c5", DIAGRAM_COLOUR_TEXT,
	    "rounded,filled", "3", 0, 0 },
	/* hidden: a view's unused legend row, what a change adds (before) */
	{ "hidden", DIAGRAM_COLOUR_LINE, WHITE, DIAGRAM_COLOUR_TEXT,
	    "invis", "1", 0, 1 },
	{ "hidden", DIAGRAM_COLOUR_LINE, WHITE, DIAGRAM_COLOUR_TEXT,
	    "invis", "1", 0, 1 },
	/* what the change removes, as a ghost after it: faded, dashed */
	{ "ghost", DIAGRAM_COLOUR_GHOST, "#f6f8fa", DIAGRAM_COLOUR_GHOST,
	    "rounded,filled,dashed", "1", 1, 0 },
	{ "ghost", DIAGRAM_COLOUR_GHOST, NULL, DIAGRAM_COLOUR_GHOST,
	    "dashed", "1", 1, 0 },
	{ "ghost", DIAGRAM_COLOUR_GHOST, "#f6f8fa", DIAGRAM_COLOUR_GHOST,
	    "rounded,filled,dashed", "1", 1, 0 }
};


const struct dg_role_info dg_roles[DG_NROLES] = {
	[DG_REGION] = { DG_CLUSTER, ST_C_REGION, 12, 0 },
	[DG_VNET] = { DG_CLUSTER, ST_C_VNET, 11, 0 },
	[DG_GWSUBNET] = { DG_CLUSTER, ST_C_GWSUBNET, 10, 0 },
	[DG_PROVIDER] = { DG_CLUSTER, ST_C_PROVIDER, 11, 0 },
	[DG_SITE] = { DG_CLUSTER, ST_C_SITE, 11, 0 },
	[DG_BRANCHES] = { DG_CLUSTER, ST_C_SITE, 11, 0 },
	[DG_WORKLOADS] = { DG_NODE, ST_N_PLAIN, 10, 0 },
	[DG_SPOKE] = { DG_NODE, ST_N_PLAIN, 10, 0 },
	[DG_ER_GATEWAY] = { DG_NODE, ST_N_ER, 10, 0 },
	[DG_VPN_INSTANCE] = { DG_NODE, ST_N_VPN, 10, 0 },
	[DG_CIRCUIT] = { DG_NODE, ST_N_ER, 10, 0 },
	[DG_ER_EDGE] = { DG_NODE, ST_N_ER, 10, 0 },
	[DG_CE] = { DG_NODE, ST_N_ER, 10, 0 },
	[DG_INTERNET] = { DG_NODE, ST_N_INTERNET, 11, 0 },
	[DG_ROUTE_SERVER] = { DG_NODE, ST_N_PLAIN, 10, 0 },
	[DG_DEVICE] = { DG_NODE, ST_N_VPN, 10, 0 },
	[DG_PREFIX] = { DG_NODE, ST_N_PREFIX, 9, 0 },
	[DG_GROUP] = { DG_NODE, ST_N_VPN, 9, 0 },
	[DG_LEGEND] = { DG_NODE, ST_N_PLAIN, 9, 1 },
	[DG_E_CONNECTION] = { DG_EDGE, ST_E_ER_PRIMARY, 9, 0 },
	[DG_E_LINK] = { DG_EDGE, ST_E_ER_PRIMARY, 9, 0 },
	[DG_E_CE] = { DG_EDGE, ST_E_ER_PRIMARY, 9, 0 },
	[DG_E_TUNNEL] = { DG_EDGE, ST_E_VPN_PRIMARY, 9, 0 },
	[DG_E_UPLINK] = { DG_EDGE, ST_E_VPN_PRIMARY, 9, 0 },
	[DG_E_LAN] = { DG_EDGE, ST_E_INVIS, 9, 0 },
	[DG_E_KEY] = { DG_EDGE, ST_E_INVIS, 9, 0 }
};

#define HEAVY	"\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81"	/* ━━━━ */
#define LIGHT	"\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"	/* ──── */
#define DASHED	"\xe2\x95\x8d\xe2\x95\x8d\xe2\x95\x8d\xe2\x95\x8d"	/* ╍╍╍╍ */
#define DOTTED	"\xe2\x94\x88\xe2\x94\x88\xe2\x94\x88\xe2\x94\x88"	/* ┈┈┈┈ */

/* In enum dg_key_id's order. */
const struct dg_key dg_legend[] = {
	{ HEAVY, DIAGRAM_COLOUR_ER, NULL, 3, "ExpressRoute private peering" },
	{ DASHED, DIAGRAM_COLOUR_VPN, NULL, 0, "IPsec tunnel (site-to-site VPN)" },
	{ HEAVY, DIAGRAM_COLOUR_LINE, NULL, 3, "thick: primary path" },
	{ LIGHT, DIAGRAM_COLOUR_LINE, NULL, 1, "thin: backup path" },
	{ HEAVY, DIAGRAM_COLOUR_INUSE, NULL, 4, "path in use" },
	{ DOTTED, DIAGRAM_COLOUR_FAILED, NULL, 0, "failed link or tunnel" },
	{ MARK_FAILED "name", DIAGRAM_COLOUR_FAILED, DIAGRAM_COLOUR_FAILED_FILL,
	    0, "failed element" },
	{ MARK_UNREACH "prefix", DIAGRAM_COLOUR_UNREACHABLE,
	    DIAGRAM_COLOUR_UNREACHABLE_FILL, 0, "prefix without a route" },
	{ HEAVY, DIAGRAM_COLOUR_ADDED, NULL, 3, "added by the change" },
	{ DASHED, DIAGRAM_COLOUR_REMOVED, NULL, 0, "removed by the change" },
	{ DASHED, DIAGRAM_COLOUR_GHOST, NULL, 0,
	    "removed by the change (ghost)" },
	{ HEAVY, DIAGRAM_COLOUR_CHANGED, NULL, 3, "altered by the change" }
};
const size_t dg_nlegend = sizeof(dg_legend) / sizeof(dg_legend[0]);

/* Appends s with every byte outside [A-Za-z0-9] as '_'. */
void
dg_put_sanitised(struct buf *b, const char *s)
{
	for (; *s; s++) {
		int	 c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			buf_putc(b, c);
		else
			buf_putc(b, '_');
	}
}

static size_t
site_index(const struct diagram *dg, const struct site *st)
{
	if (st == NULL || st < dg->dsn->sites ||
	    st >= dg->dsn->sites + dg->dsn->nsites)
		return DG_NONE;
	return (size_t)(st - dg->dsn->sites);
}

static size_t
circuit_index(const struct diagram *dg, const struct circuit *c)
{
	if (c == NULL || c < dg->dsn->circuits ||
	    c >= dg->dsn->circuits + dg->dsn->ncircuits)
		return DG_NONE;
	return (size_t)(c - dg->dsn->circuits);
}

/*
 * Non-zero when the two peering locations are the same one: the
 * simulation has one element per distinct slug of the name.
 */
static int
same_location(const char *a, const char *b)
{
	char	*sa = sim_slug(a), *sb = sim_slug(b);
	int	 same = strcmp(sa, sb) == 0;

	free(sa);
	free(sb);
	return same;
}

static void
fail_circuit(const struct diagram *dg, unsigned char *f, size_t ci)
{
	if (ci != DG_NONE)
		f[dg->ckt[ci]] |= DG_FAILED;
}

/* Marks what one failed element takes down. */
static void
fail_element(const struct diagram *dg, struct dg_view *v,
    const struct sim_element *el, size_t *devdown)
{
	const struct design *dsn = dg->dsn;
	unsigned char	*f = v->flags;
	size_t		 ci, si, di, i, k;

	switch (el->kind) {
	case SIM_EL_CIRCUIT:
		fail_circuit(dg, f, circuit_index(dg, el->circuit));
		break;
	case SIM_EL_LINK:
		for (si = 0; si < dsn->nsites; si++) {
			const struct dg_site *ds = &dg->sites[si];

			if (ds->cluster == DG_NONE)
				continue;
			for (i = 0; i < dsn->sites[si].ner; i++)
				if (dsn->sites[si].er[i].circuit ==
				    el->circuit &&
				    ds->link[2 * i + (el->link ? 1 : 0)] !=
				    DG_NONE)
					f[ds->link[2 * i + (el->link ? 1 :
					    0)]] |= DG_FAILED;
		}
		break;
	case SIM_EL_ER_GATEWAY:
		if (dg->ergw != DG_NONE)
			f[dg->ergw] |= DG_FAILED;
		break;
	case SIM_EL_VPN_INSTANCE:
		if (el->instance < dg->ninst)
			f[dg->inst[el->instance]] |= DG_FAILED;
		break;
	case SIM_EL_TUNNEL:
		si = site_index(dg, el->site);
		if (si == DG_NONE || el->device == NULL ||
		    el->instance >= dg->ninst ||
		    dg->sites[si].cluster == DG_NONE)
			break;
		di = (size_t)(el->device - dsn->sites[si].devices);
		f[dg->sites[si].tun[di * dg->ninst + el->instance]] |=
		    DG_FAILED;
		break;
	case SIM_EL_DEVICE:
		si = site_index(dg, el->site);
		if (si == DG_NONE || el->device == NULL)
			break;
		if (dg->sites[si].cluster == DG_NONE) {
			if (++devdown[si] >= dsn->sites[si].ndevices)
				v->siteflags[si] |= DG_FAILED;
			break;
		}
		di = (size_t)(el->device - dsn->sites[si].devices);
		f[dg->sites[si].dev[di]] |= DG_FAILED;
		break;
	case SIM_EL_SITE:
		si = site_index(dg, el->site);
		if (si == DG_NONE)
			break;
		v->siteflags[si] |= DG_FAILED;
		if (dg->sites[si].cluster == DG_NONE)
			break;
		f[dg->sites[si].cluster] |= DG_FAILED;
		for (k = 0; k < dg->m.nobjs; k++)
			if (dg->m.objs[k].parent == dg->sites[si].cluster)
				f[k] |= DG_FAILED;
		break;
	case SIM_EL_LOCATION:
		for (ci = 0; ci < dsn->ncircuits; ci++)
			if (el->location != NULL &&
			    dsn->circuits[ci].peering_location != NULL &&
			    same_location(el->location,
			    dsn->circuits[ci].peering_location))
				fail_circuit(dg, f, ci);
		break;
	}
}

/* Marks the objects route r goes through, or its unreachable prefix. */
static void
mark_route(const struct diagram *dg, unsigned char *f,
    unsigned char *siteflags, const struct sim_route *r)
{
	const struct design *dsn = dg->dsn;
	size_t		 si, ci, i, k, ti, di, inst;

	si = site_index(dg, r->site);
	if (si == DG_NONE)
		return;
	switch (r->path) {
	case SIM_EXPRESSROUTE:
		for (i = 0; i < r->ncircuits; i++) {
			ci = circuit_index(dg, r->circuits[i]);
			if (ci == DG_NONE)
				continue;
			if (dg->ergw != DG_NONE)
				f[dg->ergw] |= DG_INUSE;
			f[dg->ckt[ci]] |= DG_INUSE;
			if (dg->conn[ci] != DG_NONE)
				f[dg->conn[ci]] |= DG_INUSE;
			if (dg->sites[si].cluster == DG_NONE)
				continue;
			for (k = 0; k < dsn->sites[si].ner; k++) {
				if (dsn->sites[si].er[k].circuit !=
				    r->circuits[i])
					continue;
				f[dg->sites[si].er[k]] |= DG_INUSE;
				if (dg->sites[si].ce[k] != DG_NONE) {
					f[dg->sites[si].ce[k]] |= DG_INUSE;
					f[dg->cenode[ci]] |= DG_INUSE;
				}
				if ((r->links & 1) &&
				    dg->sites[si].link[2 * k] != DG_NONE)
					f[dg->sites[si].link[2 * k]] |=
					    DG_INUSE;
				if ((r->links & 2) &&
				    dg->sites[si].link[2 * k + 1] != DG_NONE)
					f[dg->sites[si].link[2 * k + 1]] |=
					    DG_INUSE;
			}
		}
		break;
	case SIM_VPN:
		for (ti = 0; ti < r->ntunnels; ti++) {
			const struct sim_tunnel *t = &r->tunnels[ti];
			size_t	 tsi = site_index(dg, t->site);

			inst = t->instance;
			if (tsi == DG_NONE || inst >= dg->ninst ||
			    t->device == NULL)
				continue;
			f[dg->inst[inst]] |= DG_INUSE;
			if (dg->inet != DG_NONE) {
				f[dg->inet] |= DG_INUSE;
				f[dg->uplink[inst]] |= DG_INUSE;
			}
			if (dg->sites[tsi].cluster == DG_NONE) {
				const struct dg_group *gr =
				    &dg->groups[dg->sites[tsi].group];

				f[gr->node] |= DG_INUSE;
				f[gr->edges[inst]] |= DG_INUSE;
				continue;
			}
			di = (size_t)(t->device - dsn->sites[tsi].devices);
			f[dg->sites[tsi].dev[di]] |= DG_INUSE;
			f[dg->sites[tsi].tun[di * dg->ninst + inst]] |=
			    DG_INUSE;
		}
		break;
	case SIM_NONE:
		siteflags[si] |= DG_UNREACH;
		if (dg->sites[si].cluster == DG_NONE) {
			f[dg->groups[dg->sites[si].group].node] |= DG_UNREACH;
			break;
		}
		for (k = 0; k < dg->sites[si].npfx; k++)
			if (prefix_cmp(&dg->sites[si].pfx[k].p, &r->atom) == 0)
				f[dg->sites[si].pfx[k].obj] |= DG_UNREACH;
		break;
	}
}

/* Marks every route of scenario sc. */
void
dg_mark_routes(const struct diagram *dg, const struct sim_scenario *sc,
    unsigned char *f, unsigned char *siteflags)
{
	size_t	 i;

	for (i = 0; i < dg->sim->natoms; i++)
		mark_route(dg, f, siteflags, sim_route_at(dg->sim, sc, i));
}

static char *
view_idstem(const struct diagram *dg, const char *scenario)
{
	struct buf	 b = BUF_INIT;

	buf_puts(&b, "hd_");
	dg_put_sanitised(&b, dg->m.name);
	if (scenario != NULL) {
		buf_puts(&b, "__");
		dg_put_sanitised(&b, scenario);
	}
	return buf_detach(&b, NULL);
}

/* The number of bits set in x. */
static size_t
popcount(unsigned x)
{
	size_t	 n = 0;

	for (; x != 0; x &= x - 1)
		n++;
	return n;
}

size_t
dg_legend_row(const struct dg_model *m, size_t i)
{
	return popcount(m->legend & ((1u << m->objs[i].key) - 1));
}

size_t
dg_legend_order(const struct dg_model *m, unsigned keys, int *order)
{
	size_t	 n = 0, shown;
	int	 k;

	for (k = 0; k < DG_NKEYS; k++)
		if (m->legend & keys & (1u << k))
			order[n++] = k;
	shown = n;
	for (k = 0; k < DG_NKEYS; k++)
		if (m->legend & ~keys & (1u << k))
			order[n++] = k;
	return shown;
}

int
dg_legend_key(const struct dg_model *m, const struct dg_view *v, size_t i,
    int *shown)
{
	int	 order[DG_NKEYS];
	size_t	 n, row = dg_legend_row(m, i);

	n = dg_legend_order(m, v != NULL ? v->keys : m->legend, order);
	*shown = row < n;
	return order[row];
}

/* The legend row of what style st draws, or -1. */
static int
style_key(const struct dg_style *st)
{
	switch (st - dg_styles) {
	case ST_N_ER:
		return DG_K_ER;
	case ST_N_VPN: case ST_N_INTERNET:
		return DG_K_VPN;
	case ST_N_FAILED: case ST_N_FAILED_BOX: case ST_C_FAILED:
		return DG_K_FAILED;
	case ST_N_INUSE: case ST_E_ER_INUSE: case ST_E_VPN_INUSE:
		return DG_K_INUSE;
	case ST_N_UNREACH: case ST_N_UNREACH_ROWS:
		return DG_K_UNREACH;
	case ST_E_FAILED:
		return DG_K_FAILED_LINE;
	case ST_N_ADDED: case ST_E_ADDED: case ST_C_ADDED:
		return DG_K_ADDED;
	case ST_N_REMOVED: case ST_E_REMOVED: case ST_C_REMOVED:
		return DG_K_REMOVED;
	case ST_N_GHOST: case ST_E_GHOST: case ST_C_GHOST:
		return DG_K_GHOST;
	case ST_N_CHANGED: case ST_E_CHANGED: case ST_C_CHANGED:
		return DG_K_CHANGED;
	}
	return -1;
}

/* The legend rows view v uses: each mark some object is drawn with. */
static unsigned
view_keys(const struct diagram *dg, const struct dg_view *v)
{
	const struct dg_model *m = &dg->m;
	const struct dg_style *st;
	const struct dg_obj *o;
	unsigned	 keys = 0;
	size_t		 i;
	int		 k;

	for (i = 0; i < m->nobjs; i++) {
		o = &m->objs[i];
		if (o->role == DG_LEGEND)
			continue;
		st = dg_style_of(m, v, i);
		if (st->invisible)
			continue;
		if ((k = style_key(st)) >= 0)
			keys |= 1u << k;
		switch (st - dg_styles) {
		case ST_E_ER_PRIMARY:
		case ST_E_ER_BACKUP:
			keys |= 1u << DG_K_ER;
			break;
		case ST_E_VPN_PRIMARY:
		case ST_E_VPN_BACKUP:
			keys |= 1u << DG_K_VPN;
			break;
		}
		switch (st - dg_styles) {
		case ST_E_ER_PRIMARY:
		case ST_E_VPN_PRIMARY:
			keys |= 1u << DG_K_PRIMARY;
			break;
		case ST_E_ER_BACKUP:
		case ST_E_VPN_BACKUP:
			keys |= 1u << DG_K_BACKUP;
			break;
		}
		/* a summary's struck rows */
		if (o->role == DG_GROUP && v->scenario != NULL)
			for (k = 0; (size_t)k < o->nrows; k++) {
				if (v->siteflags[o->rows[k]] & DG_FAILED)
					keys |= 1u << DG_K_FAILED;
				if (v->siteflags[o->rows[k]] & DG_UNREACH)
					keys |= 1u << DG_K_UNREACH;
			}
	}
	return keys;
}

/* A change diagram's views: "before", or "after" (also NULL, "baseline"). */
static int
change_view(const struct diagram *dg, const char *which, struct dg_view *v)
{
	int	 before = which != NULL && strcmp(which, DIAGRAM_BEFORE) == 0;

	if (which != NULL && !before && strcmp(which, DIAGRAM_AFTER) != 0 &&
	    strcmp(which, "baseline") != 0)
		return 0;
	v->phase = before ? DG_PHASE_BEFORE : DG_PHASE_AFTER;
	v->flags = xcalloc(dg->m.nobjs + 1, 1);
	v->siteflags = xcalloc(dg->dsn->nsites + 1, 1);
	v->idstem = view_idstem(dg, before ? DIAGRAM_BEFORE : DIAGRAM_AFTER);
	v->subtitle = xasprintf("%s" DOT_SEP "%s the change", dg->m.name,
	    before ? "before" : "after");
	v->keys = view_keys(dg, v);
	return 1;
}

int
diagram_view(const struct diagram *dg, const char *scenario,
    struct dg_view *v)
{
	const struct sim_scenario *sc = NULL;
	const struct dg_obj *o;
	size_t		*devdown, i, n;
	unsigned char	*f;

	memset(v, 0, sizeof(*v));
	if (dg->change)
		return change_view(dg, scenario, v);
	if (scenario != NULL && strcmp(scenario, "baseline") == 0)
		scenario = NULL;
	if (scenario != NULL) {
		if (dg->sim == NULL ||
		    (sc = sim_scenario(dg->sim, scenario)) == NULL)
			return 0;
	}
	v->flags = f = xcalloc(dg->m.nobjs + 1, 1);
	v->siteflags = xcalloc(dg->dsn->nsites + 1, 1);
	v->idstem = view_idstem(dg, sc ? sc->id : NULL);
	if (sc == NULL) {
		v->subtitle = xasprintf("%s" DOT_SEP "baseline", dg->m.name);
		v->keys = view_keys(dg, v);
		return 1;
	}
	v->scenario = sc->id;
	v->subtitle = xasprintf("%s" DOT_SEP "scenario %s", dg->m.name,
	    sc->id);

	devdown = xcalloc(dg->dsn->nsites + 1, sizeof(*devdown));
	for (i = 0; i < sc->nfailed; i++)
		if (sc->failed[i] < dg->sim->nelems)
			fail_element(dg, v, &dg->sim->elems[sc->failed[i]],
			    devdown);
	free(devdown);
	/* A summary node fails with all its rows, edges with either end. */
	for (i = 0; i < dg->m.nobjs; i++) {
		o = &dg->m.objs[i];
		if (o->role != DG_GROUP)
			continue;
		for (n = 0; n < o->nrows; n++)
			if (!(v->siteflags[o->rows[n]] & DG_FAILED))
				break;
		if (n == o->nrows)
			f[i] |= DG_FAILED;
	}
	for (i = 0; i < dg->m.nobjs; i++) {
		o = &dg->m.objs[i];
		if (o->kind == DG_EDGE &&
		    ((f[o->tail] | f[o->head]) & DG_FAILED))
			f[i] |= DG_FAILED;
	}
	dg_mark_routes(dg, sc, f, v->siteflags);
	for (i = 0; i < dg->m.nobjs; i++)
		if (f[i] & DG_FAILED)
			f[i] &= (unsigned char)~DG_INUSE;
	v->keys = view_keys(dg, v);
	return 1;
}

void
dg_view_release(struct dg_view *v)
{
	if (v == NULL)
		return;
	free(v->subtitle);
	free(v->idstem);
	free(v->flags);
	free(v->siteflags);
	memset(v, 0, sizeof(*v));
}

const char *
dg_label_of(const struct dg_obj *o, const struct dg_view *v)
{
	return v != NULL && v->phase == DG_PHASE_BEFORE && o->before != NULL ?
	    o->before : o->label;
}

/* How a change diagram draws an object the change touches. */
static const struct dg_style *
change_style(const struct dg_obj *o, int phase)
{
	static const int st[3][4] = {
		{ ST_N_ADDED, ST_N_REMOVED, ST_N_CHANGED, ST_N_GHOST },
		{ ST_E_ADDED, ST_E_REMOVED, ST_E_CHANGED, ST_E_GHOST },
		{ ST_C_ADDED, ST_C_REMOVED, ST_C_CHANGED, ST_C_GHOST }
	};
	int	 kind = o->kind == DG_NODE ? 0 : o->kind == DG_EDGE ? 1 : 2;

	/* what the change adds is not there before, in the same place */
	if (phase == DG_PHASE_BEFORE && o->change == DG_ADDED)
		return &dg_styles[o->kind == DG_EDGE ? ST_E_INVIS :
		    o->kind == DG_NODE ? ST_N_INVIS : ST_C_INVIS];
	/* the layout helpers stay as they are */
	if (dg_styles[dg_roles[o->role].style].invisible)
		return &dg_styles[dg_roles[o->role].style];
	/* what goes away: marked today, a ghost of itself after */
	return &dg_styles[st[kind][o->change == DG_ADDED ? 0 :
	    o->change == DG_CHANGED ? 2 : phase == DG_PHASE_BEFORE ? 1 : 3]];
}

const struct dg_style *
dg_style_of(const struct dg_model *m, const struct dg_view *v, size_t i)
{
	const struct dg_obj *o = &m->objs[i];
	const struct dg_role_info *r = &dg_roles[o->role];
	unsigned	 f = v != NULL && v->scenario != NULL ? v->flags[i] : 0;
	int		 er;

	if (r->legend)
		return &dg_styles[v != NULL && dg_legend_row(m, i) >=
		    popcount(v->keys & m->legend) ? ST_N_INVIS : r->style];
	if (v != NULL && v->phase != DG_PHASE_NONE && o->change != DG_SAME)
		return change_style(o, v->phase);
	switch (o->kind) {
	case DG_CLUSTER:
		return &dg_styles[f & DG_FAILED ? ST_C_FAILED : r->style];
	case DG_NODE:
		/* keep the outline's shape: only colours and dashes change */
		if (f & DG_FAILED)
			return &dg_styles[r->style == ST_N_PREFIX ?
			    ST_N_FAILED_BOX : ST_N_FAILED];
		if (f & DG_UNREACH)	/* a summary marks its rows */
			return &dg_styles[o->role == DG_GROUP ? ST_N_UNREACH_ROWS :
			    ST_N_UNREACH];
		if (f & DG_INUSE)
			return &dg_styles[ST_N_INUSE];
		return &dg_styles[r->style];
	case DG_EDGE:
		er = o->role == DG_E_CONNECTION || o->role == DG_E_LINK ||
		    o->role == DG_E_CE;
		if (o->role != DG_E_TUNNEL && o->role != DG_E_UPLINK && !er)
			return &dg_styles[r->style];
		if (f & DG_FAILED)
			return &dg_styles[ST_E_FAILED];
		if (f & DG_INUSE)
			return &dg_styles[er ? ST_E_ER_INUSE : ST_E_VPN_INUSE];
		if (er)
			return &dg_styles[o->primary ? ST_E_ER_PRIMARY :
			    ST_E_ER_BACKUP];
		return &dg_styles[o->primary ? ST_E_VPN_PRIMARY :
		    ST_E_VPN_BACKUP];
	}
	return &dg_styles[r->style];
}

const char *
dg_line_mark(const struct dg_model *m, const struct dg_view *v, size_t i,
    size_t k)
{
	const struct dg_obj *o = &m->objs[i];
	unsigned	 f;

	if (v == NULL || v->scenario == NULL || dg_roles[o->role].legend)
		return "";
	f = v->flags[i];
	if (o->role == DG_GROUP && k > 0) {
		if (k - 1 >= o->nrows)
			return "";
		f = v->siteflags[o->rows[k - 1]];
		return f & DG_FAILED ? MARK_FAILED : f & DG_UNREACH ?
		    MARK_UNREACH : "";
	}
	if (k > 0)
		return "";
	if (f & DG_FAILED)
		return MARK_FAILED;
	if ((f & DG_UNREACH) && o->kind == DG_NODE)
		return MARK_UNREACH;
	return "";
}


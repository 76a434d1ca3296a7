/*
 * The simulation stage, after the rules: from a bound design it lists
 * the failure elements, builds the scenarios, and computes for each
 * scenario Azure's route to every atom of the on-premises address plan
 * and each site's return path, following "The simulation model" in
 * design.md and the facts of azure-rules.md.  Candidate routes are
 * indexed once per atom (longest prefix first, then Azure's order of
 * preference), and an inverted index from elements to the atoms and
 * sites that depend on them lets each scenario re-evaluate only what
 * its failures touch, so cost follows scenarios x affected atoms x
 * log(routes) rather than scenarios x atoms x routes.  The HD6xx
 * findings are derived here from the results; the writers are in
 * sim_text.c.
 *
 * Why one file of about 2,550 lines: the engine (elements, candidates
 * and atoms, the inverted index, evaluation, scenarios) is one idea
 * whose parts share private state, and the HD6xx findings at the end
 * read that state directly.  The findings are the seam to split along
 * (a sim_findings.c beside sim_text.c) once the routing checks being
 * added now have settled.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/findings.h"
#include "hybridoc/hash.h"
#include "hybridoc/prefix.h"
#include "hybridoc/schema.h"
#include "hybridoc/sim.h"
#include "hybridoc/xalloc.h"

/*
 * Timers, each with its source in docs/model.md.  A link failure on an
 * ExpressRoute peering with BFD is detected in 300 ms x 3 = 0.9 s
 * (ERBFD); without BFD when the BGP hold time, 180 s, runs out (ERBFD,
 * ER-FAQ).  A whole ExpressRoute gateway failure is not covered by BFD,
 * which runs only between the customer edge and the Microsoft edge
 * (ERBFD): the hold time is an estimate for it.  An active-standby VPN
 * gateway fails over in 1-3 minutes unplanned (VPNHA): the simulation
 * takes the upper bound.  On an active-active gateway nothing fails
 * over: the failed instance's tunnels drop and the peer notices by DPD
 * or BGP hold like any tunnel failure (an estimate: Microsoft documents
 * no figure).  VPN has no BFD: the gateway declares a peer dead after
 * the connection's DPD timeout (Azure's default 45 s when the design
 * sets none: VPN-FAQ, IPsec/IKE policy section; an estimate, labelled
 * so), or for BGP when the hold time runs out, whichever comes first
 * (VPN-FAQ: fixed 60/180 s timers).  Each route records what its
 * figure rests on (enum sim_detect), so the runbook's card, matrix and
 * procedures show one figure with one source.
 */
#define SIM_BFD_S		0.9
#define SIM_HOLD_S		180.0
#define SIM_VPN_FAILOVER_S	180.0
#define SIM_DPD_DEFAULT_S	45L
/* Azure uses ECMP over at most 4 ExpressRoute circuits (ER-FAQ). */
#define SIM_ER_ECMP_MAX		4
/* Items a finding's message names before "and N more". */
#define SIM_LIST_MAX		8
/* Elements one candidate route depends on, at most. */
#define SIM_NDEP		6

/* One route Azure may learn: a prefix over a circuit or a tunnel. */
struct cand {
	struct prefix	 pfx;
	enum sim_path	 path;
	size_t		 site;		/* index in design.sites */
	size_t		 order;		/* creation order: last tie-break */
	long		 weight;	/* ER connection routing weight */
	long		 aslen;		/* AS path length, prepends counted */
	size_t		 circuit;	/* ER: index in design.circuits */
	int		 cls;		/* preference class: lower wins */
	long		 aspath;	/* AS path length compared across
					   paths under the ASPath preference */
	size_t		 tunnel;	/* VPN: index in ctx.tun */
};

struct tun {
	size_t		 site;
	size_t		 dev;		/* global device index */
	size_t		 instance;
	const struct vpn_device *device;
	size_t		 el;
};

/* An inverted index: element -> sorted items (atoms or sites). */
struct inv {
	size_t		*off;		/* nel + 1 */
	size_t		*v;
	size_t		*last;		/* item + 1 last added per element */
	size_t		*pos;
	int		 fill;		/* 0: counting pass, 1: filling */
};

/* Set of prefix lengths in use, per family. */
struct lens {
	unsigned char	 v4[33];
	unsigned char	 v6[129];
};

/* A prefix with an owner, for the address-plan lookups. */
struct pent {
	struct prefix	 p;
	size_t		 id;
};

struct ctx {
	const struct design *dsn;
	struct sim	*s;
	size_t		 noel;		/* an always-alive element slot */
	unsigned char	*down;		/* nelems + 1 */

	size_t		*el_circuit;	/* per circuit */
	size_t		*el_link;	/* 2 per circuit */
	size_t		*el_location;	/* per circuit; noel when none */
	size_t		 el_ergw;
	size_t		*el_inst;	/* per instance */
	size_t		*el_device;	/* per global device */
	size_t		*el_site;	/* per site */
	size_t		*devbase;	/* per site: its first global device */
	size_t		 ndev;
	size_t		 ninst;
	int		 aa;		/* active-active: an instance failure
					   takes its tunnels down; else the
					   standby takes over */
	struct tun	*tun;
	size_t		 ntun;
	long		 vpn_mbps;
	long		 er_mbps;

	struct cand	*cand;
	size_t		 ncand;
	size_t		 cand_cap;
	struct lens	 cand_lens;
	size_t		*cl_off;	/* per atom: its candidates */
	size_t		*cl;
	size_t		*win_off;	/* per atom: baseline winners */
	size_t		*win;
	struct inv	 atoms_of;	/* element -> atoms */
	struct inv	 sites_of;	/* element -> sites */
	long		*er_lp;		/* per site; -1 unset */
	long		*vpn_lp;

	/* Scratch for one evaluation. */
	const struct circuit **circ;
	struct sim_tunnel *tuns;
	size_t		*wins;
	size_t		 nwins;
	size_t		*aff;
	size_t		 aff_cap;
};

static size_t
site_index(const struct design *dsn, const struct site *site)
{
	return (size_t)(site - dsn->sites);
}

static size_t
circuit_index(const struct design *dsn, const struct circuit *c)
{
	return (size_t)(c - dsn->circuits);
}

const char *
sim_path_name(enum sim_path p)
{
	switch (p) {
	case SIM_EXPRESSROUTE:
		return "expressroute";
	case SIM_VPN:
		return "vpn";
	default:
		return "none";
	}
}

const char *
sim_detect_basis(enum sim_detect d)
{
	switch (d) {
	case SIM_DET_BFD:
		return "BFD 300 ms x 3, ERBFD";
	case SIM_DET_HOLD:
		return "BGP hold time, ERBFD, VPNBGPTS";
	case SIM_DET_ERGW:
		return "estimate: the BGP hold time, as BFD does not cover "
		    "the gateway, ERBFD";
	case SIM_DET_VPN_FAILOVER:
		return "active-standby failover, the upper bound of VPNHA's "
		    "1-3 min";
	case SIM_DET_DPD_DESIGN:
		return "the DPD timeout the design sets";
	case SIM_DET_DPD_DEFAULT:
		return "estimate: Azure's default DPD timeout, VPNDPD";
	case SIM_DET_DEVICE_DPD_DESIGN:
		return "estimate: the device's DPD, not in the design, moves "
		    "the traffic; shown: the connection's DPD timeout the "
		    "design sets";
	case SIM_DET_DEVICE_DPD_DEFAULT:
		return "estimate: the device's DPD, not in the design, moves "
		    "the traffic; shown: Azure's default DPD timeout, VPNDPD";
	default:
		return "nothing withdraws a static route";
	}
}

int
sim_detect_estimate(enum sim_detect d)
{
	return d == SIM_DET_ERGW || d == SIM_DET_DPD_DEFAULT ||
	    d == SIM_DET_DEVICE_DPD_DESIGN || d == SIM_DET_DEVICE_DPD_DEFAULT;
}

const char *
sim_return_name(const struct sim_return *r)
{
	return r->undetermined ? "undetermined" : sim_path_name(r->path);
}

char *
sim_slug(const char *s)
{
	char	*out, *o;
	int	 dash = 0;

	out = o = xmalloc(strlen(s) + 1);
	for (; *s; s++) {
		int	 c = (unsigned char)*s;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && o > out)
				*o++ = '-';
			dash = 0;
			*o++ = (char)c;
		} else
			dash = 1;
	}
	*o = '\0';
	return out;
}

/* ------------------------------------------------------------------ */
/* Elements */

/*
 * Instances are named as Azure's diagnostics name them (IN_0, IN_1 of
 * GatewayTenantWorker_IN_n), always next to their public IP, so the
 * scenario id, the text and the diagram agree.
 */
static char *
inst_label(const struct design *dsn, int aa, size_t i)
{
	char	 t[PREFIX_STRLEN];

	if (i < dsn->vpn_gateway.ninstances &&
	    dsn->vpn_gateway.instances[i].public_ip.family != 0)
		return xasprintf("%sVPN gateway instance IN_%zu (%s)", aa ? "" :
		    "active ", i, prefix_format(
		    &dsn->vpn_gateway.instances[i].public_ip, t, 0));
	return xasprintf("%sVPN gateway instance IN_%zu", aa ? "" : "active ",
	    i);
}

static char *
tunnel_label(const struct design *dsn, const struct site *st,
    const struct vpn_device *v, size_t i)
{
	char	 t[PREFIX_STRLEN];

	if (i < dsn->vpn_gateway.ninstances &&
	    dsn->vpn_gateway.instances[i].public_ip.family != 0)
		return xasprintf("tunnel from %s device %s to instance IN_%zu "
		    "(%s)", st->name, v->name, i, prefix_format(
		    &dsn->vpn_gateway.instances[i].public_ip, t, 0));
	return xasprintf("tunnel from %s device %s to instance IN_%zu",
	    st->name, v->name, i);
}

static size_t
elem_add(struct sim *s, size_t *cap, enum sim_elem_kind kind, char *id,
    char *scenario, char *label)
{
	struct sim_element *e;

	xgrow(&s->elems, cap, s->nelems + 1, sizeof(*s->elems));
	e = &s->elems[s->nelems];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->id = id;
	e->scenario = scenario;
	e->label = label;
	return s->nelems++;
}

static void
build_elements(struct ctx *x)
{
	const struct design *dsn = x->dsn;
	struct sim	*s = x->s;
	struct sim_element *e;
	size_t		 cap = 0, i, j, k, n, ci;
	char		**slugs;
	size_t		*loc_el, nloc = 0;
	const char	*ln[2] = { "primary", "secondary" };

	x->el_circuit = xcalloc(dsn->ncircuits + 1, sizeof(size_t));
	x->el_link = xcalloc(2 * dsn->ncircuits + 1, sizeof(size_t));
	x->el_location = xcalloc(dsn->ncircuits + 1, sizeof(size_t));
	x->el_site = xcalloc(dsn->nsites + 1, sizeof(size_t));
	x->devbase = xcalloc(dsn->nsites + 1, sizeof(size_t));
	for (i = 0; i < dsn->nsites; i++) {
		x->devbase[i] = x->ndev;
		x->ndev += dsn->sites[i].ndevices;
	}
	x->el_device = xcalloc(x->ndev + 1, sizeof(size_t));
	if (dsn->vpn_gateway.node != NULL) {
		x->aa = dsn->vpn_gateway.active_active;
		x->ninst = x->aa ? 2 : 1;
	}
	x->el_inst = xcalloc(x->ninst + 1, sizeof(size_t));

	for (i = 0; i < dsn->ncircuits; i++) {
		const char *nm = dsn->circuits[i].name;

		x->el_circuit[i] = elem_add(s, &cap, SIM_EL_CIRCUIT,
		    xasprintf("circuit:%s", nm),
		    xasprintf("circuit-down:%s", nm),
		    xasprintf("circuit %s", nm));
		s->elems[x->el_circuit[i]].circuit = &dsn->circuits[i];
	}
	for (i = 0; i < dsn->ncircuits; i++) {
		const char *nm = dsn->circuits[i].name;

		for (k = 0; k < 2; k++) {
			n = elem_add(s, &cap, SIM_EL_LINK,
			    xasprintf("link:%s:%s", nm, ln[k]),
			    xasprintf("link-down:%s:%s", nm, ln[k]),
			    xasprintf("%s link of circuit %s", ln[k], nm));
			s->elems[n].circuit = &dsn->circuits[i];
			s->elems[n].link = (int)k;
			x->el_link[2 * i + k] = n;
		}
	}
	x->el_ergw = SIZE_MAX;
	if (dsn->er_gateway.node != NULL)
		x->el_ergw = elem_add(s, &cap, SIM_EL_ER_GATEWAY,
		    xstrdup("er-gateway"), xstrdup("er-gateway-down"),
		    xasprintf("ExpressRoute gateway %s",
		    dsn->er_gateway.name ? dsn->er_gateway.name : ""));
	for (i = 0; i < x->ninst; i++) {
		x->el_inst[i] = elem_add(s, &cap, SIM_EL_VPN_INSTANCE,
		    xasprintf("vpn-instance:%zu", i),
		    xasprintf("vpn-instance-down:%zu", i),
		    inst_label(dsn, x->aa, i));
		s->elems[x->el_inst[i]].instance = i;
	}
	/* Tunnels: site by site, device by device, instance by instance. */
	x->ntun = x->ndev * x->ninst;
	x->tun = xcalloc(x->ntun + 1, sizeof(*x->tun));
	for (i = 0; i < dsn->nsites; i++) {
		const struct site *st = &dsn->sites[i];

		for (j = 0; j < st->ndevices; j++) {
			for (k = 0; k < x->ninst; k++) {
				struct tun *t = &x->tun[(x->devbase[i] + j) *
				    x->ninst + k];

				t->site = i;
				t->dev = x->devbase[i] + j;
				t->instance = k;
				t->device = &st->devices[j];
				t->el = elem_add(s, &cap, SIM_EL_TUNNEL,
				    xasprintf("tunnel:%s:%s:%zu", st->name,
				    st->devices[j].name, k),
				    xasprintf("tunnel-down:%s:%s:%zu",
				    st->name, st->devices[j].name, k),
				    tunnel_label(dsn, st, &st->devices[j], k));
				e = &s->elems[t->el];
				e->site = st;
				e->device = &st->devices[j];
				e->instance = k;
			}
		}
	}
	for (i = 0; i < dsn->nsites; i++) {
		const struct site *st = &dsn->sites[i];

		for (j = 0; j < st->ndevices; j++) {
			n = elem_add(s, &cap, SIM_EL_DEVICE,
			    xasprintf("device:%s:%s", st->name,
			    st->devices[j].name),
			    xasprintf("device-down:%s:%s", st->name,
			    st->devices[j].name),
			    xasprintf("VPN device %s at %s",
			    st->devices[j].name, st->name));
			s->elems[n].site = st;
			s->elems[n].device = &st->devices[j];
			x->el_device[x->devbase[i] + j] = n;
		}
	}
	for (i = 0; i < dsn->nsites; i++) {
		const struct site *st = &dsn->sites[i];

		x->el_site[i] = elem_add(s, &cap, SIM_EL_SITE,
		    xasprintf("site:%s", st->name),
		    xasprintf("site-down:%s", st->name),
		    xasprintf("site %s", st->name));
		s->elems[x->el_site[i]].site = st;
	}
	/* Peering locations: one element per distinct slug. */
	slugs = xcalloc(dsn->ncircuits + 1, sizeof(*slugs));
	loc_el = xcalloc(dsn->ncircuits + 1, sizeof(*loc_el));
	for (ci = 0; ci < dsn->ncircuits; ci++) {
		const char *pl = dsn->circuits[ci].peering_location;
		char	*slug;

		x->el_location[ci] = SIZE_MAX;
		if (pl == NULL)
			continue;
		slug = sim_slug(pl);
		if (*slug == '\0') {
			free(slug);
			continue;
		}
		for (k = 0; k < nloc; k++)
			if (strcmp(slugs[k], slug) == 0)
				break;
		if (k == nloc) {
			slugs[nloc] = slug;
			loc_el[nloc] = elem_add(s, &cap, SIM_EL_LOCATION,
			    xasprintf("location:%s", slug),
			    xasprintf("location-down:%s", slug),
			    xasprintf("peering location %s", pl));
			s->elems[loc_el[nloc]].location = pl;
			nloc++;
		} else
			free(slug);
		x->el_location[ci] = loc_el[k];
	}
	for (k = 0; k < nloc; k++)
		free(slugs[k]);
	free(slugs);
	free(loc_el);

	/* Absent elements point at the always-alive slot. */
	x->noel = s->nelems;
	if (x->el_ergw == SIZE_MAX)
		x->el_ergw = x->noel;
	for (ci = 0; ci < dsn->ncircuits; ci++)
		if (x->el_location[ci] == SIZE_MAX)
			x->el_location[ci] = x->noel;
	x->down = xcalloc(s->nelems + 1, 1);
}

/* ------------------------------------------------------------------ */
/* Candidate routes and atoms */

static void
lens_add(struct lens *l, const struct prefix *p)
{
	if (p->family == 4 && p->len <= 32)
		l->v4[p->len] = 1;
	else if (p->family == 6 && p->len <= 128)
		l->v6[p->len] = 1;
}

static int
lens_has(const struct lens *l, int family, int len)
{
	return family == 4 ? l->v4[len] : l->v6[len];
}

static struct prefix
masked(const struct prefix *p, int len)
{
	struct prefix	 q = *p;

	q.len = (unsigned char)len;
	prefix_normalize(&q);
	return q;
}

static void
cand_add(struct ctx *x, const struct prefix *p, enum sim_path path,
    size_t site, long weight, long aslen, size_t circuit, size_t tunnel)
{
	struct cand	*c;

	xgrow(&x->cand, &x->cand_cap, x->ncand + 1, sizeof(*x->cand));
	c = &x->cand[x->ncand];
	c->pfx = *p;
	prefix_normalize(&c->pfx);
	c->path = path;
	c->site = site;
	c->order = x->ncand;
	c->weight = weight;
	c->aslen = aslen;
	c->circuit = circuit;
	c->tunnel = tunnel;
	/*
	 * Azure's preference between the paths for one prefix: ExpressRoute
	 * over VPN (COEX, S2SBK), unless Route Server with
	 * branch-to-branch has another routing preference (ARS-PREF):
	 * VpnGateway turns it round, ASPath compares AS path lengths
	 * whatever the source.  An ExpressRoute route reaches the gateway
	 * through Microsoft's edge with 12076 in front of the on-premises
	 * path (S2SBK's learned routes show "12076-65020"), so it
	 * counts one AS more there.
	 */
	c->cls = path == SIM_EXPRESSROUTE ? 0 : 1;
	c->aspath = 0;
	if (x->dsn->route_server.enabled &&
	    x->dsn->route_server.branch_to_branch) {
		switch (x->dsn->route_server.routing_preference) {
		case RS_PREF_EXPRESSROUTE:
			break;
		case RS_PREF_VPNGATEWAY:
			c->cls = path == SIM_EXPRESSROUTE ? 1 : 0;
			break;
		case RS_PREF_ASPATH:
			c->cls = 0;
			c->aspath = aslen + (path == SIM_EXPRESSROUTE);
			break;
		}
	}
	lens_add(&x->cand_lens, &c->pfx);
	x->ncand++;
}

/* A device without BGP (or marked static) routes to the site's prefixes. */
static int
device_static(const struct vpn_device *d)
{
	return d->is_static || !d->has_bgp;
}

static void
build_candidates(struct ctx *x)
{
	const struct design *dsn = x->dsn;
	size_t		 i, j, k, n;

	if (dsn->er_gateway.node != NULL) {
		for (i = 0; i < dsn->nsites; i++) {
			const struct site *st = &dsn->sites[i];

			for (j = 0; j < st->ner; j++) {
				const struct site_er *a = &st->er[j];

				if (a->circuit == NULL)
					continue;
				for (k = 0; k < a->nadvertise; k++)
					cand_add(x, &a->advertise[k],
					    SIM_EXPRESSROUTE, i,
					    a->circuit->routing_weight,
					    1 + a->as_path_prepend,
					    circuit_index(dsn, a->circuit), 0);
			}
		}
	}
	for (n = 0; n < x->ntun; n++) {
		const struct tun *t = &x->tun[n];
		const struct vpn_device *d = t->device;
		const struct site *st = &dsn->sites[t->site];

		/* BGP off on the gateway (HD309): a BGP tunnel learns nothing. */
		if (!device_static(d) && !dsn->vpn_gateway.bgp)
			continue;
		if (device_static(d)) {
			for (k = 0; k < st->naddress_prefixes; k++)
				cand_add(x, &st->address_prefixes[k], SIM_VPN,
				    t->site, 0, 0, 0, n);
		} else {
			for (k = 0; k < d->nadvertise; k++)
				cand_add(x, &d->advertise[k], SIM_VPN, t->site,
				    0, 1 + d->as_path_prepend, 0, n);
		}
	}
}

/*
 * Azure's order among routes for one prefix: ExpressRoute over VPN;
 * among ExpressRoute the higher weight, then the shorter AS path;
 * among VPN the shorter AS path.  Ties are ECMP; creation order keeps
 * the sort stable.
 */
static int
cand_rank_cmp(const struct cand *a, const struct cand *b)
{
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	if (a->aspath != b->aspath)
		return a->aspath < b->aspath ? -1 : 1;
	/* An ASPath tie between the two paths: ExpressRoute (estimate). */
	if (a->path != b->path)
		return a->path == SIM_EXPRESSROUTE ? -1 : 1;
	if (a->path == SIM_EXPRESSROUTE && a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	if (a->aslen != b->aslen)
		return a->aslen < b->aslen ? -1 : 1;
	return 0;
}

static int
cand_sort_cmp(const void *va, const void *vb)
{
	const struct cand *a = va, *b = vb;
	int		 c;

	if ((c = prefix_cmp(&a->pfx, &b->pfx)) != 0)
		return c;
	if ((c = cand_rank_cmp(a, b)) != 0)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int
pent_cmp(const void *va, const void *vb)
{
	const struct pent *a = va, *b = vb;
	int		 c;

	if ((c = prefix_cmp(&a->p, &b->p)) != 0)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int
prefix_qcmp(const void *a, const void *b)
{
	return prefix_cmp(a, b);
}

static int
size_cmp(const void *va, const void *vb)
{
	size_t	 a = *(const size_t *)va, b = *(const size_t *)vb;

	return a < b ? -1 : a > b;
}

/* First candidate whose prefix is not below q. */
static size_t
cand_lower(const struct ctx *x, const struct prefix *q)
{
	size_t	 lo = 0, hi = x->ncand, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (prefix_cmp(&x->cand[mid].pfx, q) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t
pent_lower(const struct pent *v, size_t n, const struct prefix *q)
{
	size_t	 lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (prefix_cmp(&v[mid].p, q) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
pent_push(struct pent **v, size_t *n, size_t *cap, struct lens *l,
    const struct prefix *p, size_t id)
{
	xgrow(v, cap, *n + 1, sizeof(**v));
	(*v)[*n].p = *p;
	prefix_normalize(&(*v)[*n].p);
	(*v)[*n].id = id;
	if (l != NULL)
		lens_add(l, &(*v)[*n].p);
	(*n)++;
}

/*
 * Atoms: every site address prefix and every advertised prefix, sorted
 * and without duplicates.  Each belongs to the site whose address
 * prefixes hold it most specifically (first in design order on a tie),
 * or failing that to the first site that advertises it.
 */
static const struct site **
build_atoms(struct ctx *x)
{
	const struct design *dsn = x->dsn;
	struct sim	*s = x->s;
	struct pent	*addr = NULL, *adv = NULL;
	size_t		 naddr = 0, addr_cap = 0, nadv = 0, adv_cap = 0;
	struct lens	 addr_lens;
	size_t		 i, j, k, m = 0, n, a;
	const struct site **owner;

	memset(&addr_lens, 0, sizeof(addr_lens));
	for (i = 0; i < dsn->nsites; i++) {
		const struct site *st = &dsn->sites[i];

		for (k = 0; k < st->naddress_prefixes; k++)
			pent_push(&addr, &naddr, &addr_cap, &addr_lens,
			    &st->address_prefixes[k], i);
		for (j = 0; j < st->ner; j++)
			for (k = 0; k < st->er[j].nadvertise; k++)
				pent_push(&adv, &nadv, &adv_cap, NULL,
				    &st->er[j].advertise[k], i);
		for (j = 0; j < st->ndevices; j++)
			for (k = 0; k < st->devices[j].nadvertise; k++)
				pent_push(&adv, &nadv, &adv_cap, NULL,
				    &st->devices[j].advertise[k], i);
	}
	if (naddr > 0)
		qsort(addr, naddr, sizeof(*addr), pent_cmp);
	if (nadv > 0)
		qsort(adv, nadv, sizeof(*adv), pent_cmp);

	n = naddr + nadv;
	s->atoms = xcalloc(n + 1, sizeof(*s->atoms));
	for (i = 0; i < naddr; i++)
		s->atoms[m++] = addr[i].p;
	for (i = 0; i < nadv; i++)
		s->atoms[m++] = adv[i].p;
	qsort(s->atoms, n, sizeof(*s->atoms), prefix_qcmp);
	for (i = 0, k = 0; i < n; i++)
		if (k == 0 || prefix_cmp(&s->atoms[k - 1], &s->atoms[i]) != 0)
			s->atoms[k++] = s->atoms[i];
	s->natoms = k;

	owner = xcalloc(s->natoms + 1, sizeof(*owner));
	for (a = 0; a < s->natoms; a++) {
		const struct prefix *p = &s->atoms[a];
		int	 len;

		for (len = p->len; len >= 0 && owner[a] == NULL; len--) {
			struct prefix q;

			if (!lens_has(&addr_lens, p->family, len))
				continue;
			q = masked(p, len);
			j = pent_lower(addr, naddr, &q);
			if (j < naddr && prefix_cmp(&addr[j].p, &q) == 0)
				owner[a] = &dsn->sites[addr[j].id];
		}
		if (owner[a] == NULL) {
			j = pent_lower(adv, nadv, p);
			if (j < nadv && prefix_cmp(&adv[j].p, p) == 0)
				owner[a] = &dsn->sites[adv[j].id];
		}
	}
	free(addr);
	free(adv);
	return owner;
}

/* Each atom's candidates: longest prefix first, then Azure's order. */
static void
build_cand_lists(struct ctx *x)
{
	struct sim	*s = x->s;
	size_t		 a, i, n = 0, cap = 0;
	int		 len;

	if (x->ncand > 0)
		qsort(x->cand, x->ncand, sizeof(*x->cand), cand_sort_cmp);
	x->cl_off = xcalloc(s->natoms + 1, sizeof(size_t));
	for (a = 0; a < s->natoms; a++) {
		const struct prefix *p = &s->atoms[a];

		x->cl_off[a] = n;
		for (len = p->len; len >= 0; len--) {
			struct prefix q;

			if (!lens_has(&x->cand_lens, p->family, len))
				continue;
			q = masked(p, len);
			for (i = cand_lower(x, &q); i < x->ncand &&
			    prefix_cmp(&x->cand[i].pfx, &q) == 0; i++) {
				xgrow(&x->cl, &cap, n + 1, sizeof(*x->cl));
				x->cl[n++] = i;
			}
		}
	}
	x->cl_off[s->natoms] = n;
}

/* ------------------------------------------------------------------ */
/* Dependencies and the inverted index */

/* The elements candidate c needs alive; returns their number. */
static size_t
cand_deps(const struct ctx *x, const struct cand *c, size_t *out)
{
	size_t	 n = 0;

	out[n++] = x->el_site[c->site];
	if (c->path == SIM_EXPRESSROUTE) {
		out[n++] = x->el_ergw;
		out[n++] = x->el_circuit[c->circuit];
		out[n++] = x->el_link[2 * c->circuit];
		out[n++] = x->el_link[2 * c->circuit + 1];
		out[n++] = x->el_location[c->circuit];
	} else {
		const struct tun *t = &x->tun[c->tunnel];

		/* Active-standby instances matter for detection only. */
		out[n++] = x->el_inst[t->instance];
		out[n++] = t->el;
		out[n++] = x->el_device[t->dev];
	}
	return n;
}

static void
inv_init(struct inv *iv, size_t nel)
{
	memset(iv, 0, sizeof(*iv));
	iv->off = xcalloc(nel + 2, sizeof(size_t));
	iv->last = xcalloc(nel + 1, sizeof(size_t));
}

static void
inv_add(struct inv *iv, const struct ctx *x, size_t e, size_t item)
{
	if (e == x->noel || iv->last[e] == item + 1)
		return;
	iv->last[e] = item + 1;
	if (iv->fill)
		iv->v[iv->pos[e]++] = item;
	else
		iv->off[e + 1]++;
}

/* Ends the counting pass: offsets from counts, ready to fill. */
static void
inv_switch(struct inv *iv, size_t nel)
{
	size_t	 e;

	for (e = 0; e < nel; e++)
		iv->off[e + 1] += iv->off[e];
	iv->v = xcalloc(iv->off[nel] + 1, sizeof(size_t));
	iv->pos = xcalloc(nel + 1, sizeof(size_t));
	for (e = 0; e < nel; e++) {
		iv->pos[e] = iv->off[e];
		iv->last[e] = 0;
	}
	iv->fill = 1;
}

static void
inv_release(struct inv *iv)
{
	free(iv->off);
	free(iv->v);
	free(iv->last);
	free(iv->pos);
}

static void
site_deps_add(struct ctx *x, struct inv *iv, size_t si)
{
	const struct site *st = &x->dsn->sites[si];
	size_t		 j, k, ci;

	inv_add(iv, x, x->el_site[si], si);
	for (j = 0; j < st->ner; j++) {
		if (st->er[j].circuit == NULL)
			continue;
		ci = circuit_index(x->dsn, st->er[j].circuit);
		inv_add(iv, x, x->el_ergw, si);
		inv_add(iv, x, x->el_circuit[ci], si);
		inv_add(iv, x, x->el_link[2 * ci], si);
		inv_add(iv, x, x->el_link[2 * ci + 1], si);
		inv_add(iv, x, x->el_location[ci], si);
	}
	for (j = 0; j < st->ndevices && x->ninst > 0; j++) {
		inv_add(iv, x, x->el_device[x->devbase[si] + j], si);
		for (k = 0; k < x->ninst; k++) {
			inv_add(iv, x, x->el_inst[k], si);
			inv_add(iv, x, x->tun[(x->devbase[si] + j) * x->ninst +
			    k].el, si);
		}
	}
}

static void
build_index(struct ctx *x)
{
	size_t	 nel = x->s->nelems, pass, a, i, si, d, nd;
	size_t	 deps[SIM_NDEP];

	inv_init(&x->atoms_of, nel);
	inv_init(&x->sites_of, nel);
	for (pass = 0; pass < 2; pass++) {
		for (a = 0; a < x->s->natoms; a++)
			for (i = x->cl_off[a]; i < x->cl_off[a + 1]; i++) {
				nd = cand_deps(x, &x->cand[x->cl[i]], deps);
				for (d = 0; d < nd; d++)
					inv_add(&x->atoms_of, x, deps[d], a);
			}
		for (si = 0; si < x->dsn->nsites; si++)
			site_deps_add(x, &x->sites_of, si);
		if (pass == 0) {
			inv_switch(&x->atoms_of, nel);
			inv_switch(&x->sites_of, nel);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Evaluation */

static int
circuit_alive(const struct ctx *x, size_t ci)
{
	const unsigned char *dn = x->down;

	return !dn[x->el_ergw] && !dn[x->el_circuit[ci]] &&
	    !dn[x->el_location[ci]] &&
	    (!dn[x->el_link[2 * ci]] || !dn[x->el_link[2 * ci + 1]]);
}

static int
tunnel_alive(const struct ctx *x, size_t n)
{
	const struct tun *t = &x->tun[n];
	const unsigned char *dn = x->down;

	return !dn[x->el_site[t->site]] && !dn[t->el] &&
	    !dn[x->el_device[t->dev]] &&
	    (!x->aa || !dn[x->el_inst[t->instance]]);
}

/*
 * Non-zero when c stays in Azure's routes even while its tunnel is
 * down: a static connection's prefixes are the local network gateway's
 * configuration, not BGP advertisements, so nothing withdraws them
 * (VPN-FAQ, "Use AddressPrefix to specify traffic for the local network
 * gateway"); traffic to them is dropped, not rerouted.
 */
static int
cand_stays(const struct ctx *x, const struct cand *c)
{
	return c->path == SIM_VPN && device_static(x->tun[c->tunnel].device);
}

static int
cand_alive(const struct ctx *x, const struct cand *c)
{
	if (c->path == SIM_VPN)
		return tunnel_alive(x, c->tunnel);
	return !x->down[x->el_site[c->site]] && circuit_alive(x, c->circuit);
}

/*
 * Azure's choice for atom a under the current failures, ignoring
 * routes over path skip (SIM_NONE: ignore none).  Fills the scalar
 * fields of r; the circuits and tunnels go to the scratch arrays
 * (r->circuits and r->tunnels point there) and the winning candidates
 * to x->wins.
 */
static void
eval_atom(struct ctx *x, size_t a, enum sim_path skip, struct sim_route *r)
{
	const struct design *dsn = x->dsn;
	const struct cand *first = NULL, *c;
	size_t		 i, k;
	long		 sum = 0;
	int		 alive, bypass = 1;

	r->path = SIM_NONE;
	memset(&r->matched, 0, sizeof(r->matched));
	r->circuits = x->circ;
	r->ncircuits = 0;
	r->tunnels = x->tuns;
	r->ntunnels = 0;
	r->links = 0;
	r->capacity_mbps = 0;
	r->capacity_unknown = NULL;
	r->capacity_estimate = 0;
	r->detect_s = 0;
	r->detect_by = SIM_DET_NONE;
	r->dropped = 0;
	r->fastpath = 0;
	x->nwins = 0;
	for (i = x->cl_off[a]; i < x->cl_off[a + 1]; i++) {
		c = &x->cand[x->cl[i]];
		if (c->path == skip)
			continue;
		alive = cand_alive(x, c);
		if (!alive && !cand_stays(x, c))
			continue;
		if (first == NULL) {
			first = c;
			r->path = c->path;
			r->matched = c->pfx;
		} else if (prefix_cmp(&first->pfx, &c->pfx) != 0 ||
		    cand_rank_cmp(first, c) != 0)
			break;
		if (!alive)
			continue;
		if (c->path == SIM_EXPRESSROUTE) {
			const struct circuit *cc = &dsn->circuits[c->circuit];

			for (k = 0; k < r->ncircuits; k++)
				if (r->circuits[k] == cc)
					break;
			if (k == r->ncircuits) {
				if (r->ncircuits == SIM_ER_ECMP_MAX)
					continue;
				x->circ[r->ncircuits++] = cc;
			}
		} else {
			const struct tun *t = &x->tun[c->tunnel];

			for (k = 0; k < r->ntunnels; k++)
				if (r->tunnels[k].device == t->device &&
				    r->tunnels[k].instance == t->instance)
					break;
			if (k == r->ntunnels) {
				x->tuns[k].site = &dsn->sites[t->site];
				x->tuns[k].device = t->device;
				x->tuns[k].instance = t->instance;
				r->ntunnels++;
			}
		}
		x->wins[x->nwins++] = x->cl[i];
	}
	/*
	 * Every route of the winning group is a static route whose tunnel
	 * is down: Azure keeps it and drops the traffic (cand_stays).
	 */
	if (first != NULL && r->ncircuits == 0 && r->ntunnels == 0) {
		r->path = SIM_NONE;
		r->dropped = 1;
		return;
	}
	/*
	 * Capacity: the bandwidth of the element that limits the path
	 * (docs/model.md).  ExpressRoute: the ECMP circuits' bandwidth,
	 * capped by the gateway's throughput unless FastPath sends the
	 * traffic past the gateway (every circuit of the route has FastPath
	 * on a gateway SKU that supports it; FASTPATH).  A circuit's two
	 * links are each rate-limited at the full circuit bandwidth, the
	 * second being there for redundancy (ER-RATE), so one link down
	 * leaves the capacity as it was.  VPN: the gateway's aggregate
	 * throughput (VPN-SKU), which every tunnel shares; Microsoft
	 * documents no per-tunnel limit for these SKUs, so none is applied
	 * and nothing is divided among tunnels: whether the sites sharing
	 * the gateway fit is the over-capacity check on declared peaks.
	 */
	if (r->path == SIM_EXPRESSROUTE) {
		r->links = 3;
		for (k = 0; k < r->ncircuits; k++) {
			size_t ci = circuit_index(dsn, r->circuits[k]);

			if (x->down[x->el_link[2 * ci]])
				r->links &= ~1;
			if (x->down[x->el_link[2 * ci + 1]])
				r->links &= ~2;
			sum += r->circuits[k]->bandwidth_mbps;
			if (r->capacity_unknown == NULL)
				r->capacity_unknown = design_unknown(dsn,
				    r->circuits[k]->node, "bandwidth_mbps");
			if (!r->circuits[k]->fastpath)
				bypass = 0;
		}
		r->capacity_mbps = sum;
		r->fastpath = bypass && er_sku_fastpath(&dsn->er_gateway);
		if (!r->fastpath && x->er_mbps > 0 && x->er_mbps < sum)
			r->capacity_mbps = x->er_mbps;
	} else if (r->path == SIM_VPN) {
		unsigned long	 on = 0;

		r->capacity_mbps = x->vpn_mbps;
		/* Fewer instances than the gateway has: no documented figure. */
		for (k = 0; k < r->ntunnels; k++)
			if (r->tunnels[k].instance < 8 * sizeof(on))
				on |= 1UL << r->tunnels[k].instance;
		for (k = 0; dsn->vpn_gateway.active_active &&
		    k < dsn->vpn_gateway.ninstances && k < 8 * sizeof(on); k++)
			if (!(on & (1UL << k)))
				r->capacity_estimate = 1;
	}
}

static double
device_detect(const struct vpn_device *d, enum sim_detect *by)
{
	double	 dpd = (double)d->ike.dpd_timeout_s;

	if (dpd <= 0)
		dpd = (double)SIM_DPD_DEFAULT_S;
	if (!device_static(d) && dpd > SIM_HOLD_S) {
		*by = SIM_DET_HOLD;
		return SIM_HOLD_S;
	}
	*by = d->ike.has_dpd_timeout_s ? SIM_DET_DPD_DESIGN :
	    SIM_DET_DPD_DEFAULT;
	return dpd;
}

/*
 * How long until Azure notices that failed element e broke candidate
 * c, or -1 when c does not depend on e; *by says on what it rests.
 */
static double
cand_detect(const struct ctx *x, const struct cand *c, size_t e,
    enum sim_detect *by)
{
	size_t	 deps[SIM_NDEP], n, i;

	n = cand_deps(x, c, deps);
	for (i = 0; i < n; i++)
		if (deps[i] == e)
			break;
	if (i == n)
		return -1;
	if (c->path == SIM_EXPRESSROUTE) {
		if (e == x->el_ergw) {
			*by = SIM_DET_ERGW;
			return SIM_HOLD_S;
		}
		if (x->dsn->circuits[c->circuit].peering.bfd) {
			*by = SIM_DET_BFD;
			return SIM_BFD_S;
		}
		*by = SIM_DET_HOLD;
		return SIM_HOLD_S;
	}
	if (e == x->el_inst[x->tun[c->tunnel].instance] && !x->aa) {
		*by = SIM_DET_VPN_FAILOVER;
		return SIM_VPN_FAILOVER_S;
	}
	{
		const struct tun *t = &x->tun[c->tunnel];
		double	 d = device_detect(t->device, by);

		/*
		 * A static device's tunnel or the instance at its far end:
		 * the device's DPD moves what it sends; Azure's DPD only
		 * what Azure sends (review 17-c L3).
		 */
		if (device_static(t->device) && (e == t->el ||
		    e == x->el_inst[t->instance]))
			*by = *by == SIM_DET_DPD_DESIGN ?
			    SIM_DET_DEVICE_DPD_DESIGN :
			    SIM_DET_DEVICE_DPD_DEFAULT;
		return d;
	}
}

/*
 * The slowest detection among the failures that hit a's baseline
 * route; when a is left with no path, among the failures that hit any
 * of its candidates, since Azure keeps using (and black-holing) each
 * path until its own failure is noticed: a site whose circuit goes in
 * 0.9 s but whose VPN backup goes with it leaves the tables only when
 * the tunnels' DPD runs out.
 */
static void
detect_time(const struct ctx *x, size_t a, const struct sim_scenario *sc,
    struct sim_route *r)
{
	const size_t	*v = r->path == SIM_NONE ? x->cl : x->win;
	size_t	 i, f, lo, hi;
	enum sim_detect by = SIM_DET_NONE;
	double	 t;

	lo = r->path == SIM_NONE ? x->cl_off[a] : x->win_off[a];
	hi = r->path == SIM_NONE ? x->cl_off[a + 1] : x->win_off[a + 1];
	r->detect_s = 0;
	r->detect_by = SIM_DET_NONE;
	for (i = lo; i < hi; i++)
		for (f = 0; f < sc->nfailed; f++) {
			t = cand_detect(x, &x->cand[v[i]], sc->failed[f], &by);
			if (t > r->detect_s) {
				r->detect_s = t;
				r->detect_by = by;
			}
		}
}

static char *
via_text(const struct sim_route *r)
{
	struct buf	 b = BUF_INIT;
	size_t		 k;

	buf_puts(&b, "");
	for (k = 0; k < r->ncircuits; k++)
		buf_printf(&b, "%s%s", k ? ", " : "", r->circuits[k]->name);
	for (k = 0; k < r->ntunnels; k++)
		buf_printf(&b, "%s%s:%s:%zu", k ? ", " : "",
		    r->tunnels[k].site->name, r->tunnels[k].device->name,
		    r->tunnels[k].instance);
	return buf_detach(&b, NULL);
}

/* Copies a scratch route into heap storage at *dst. */
static void
route_keep(struct sim_route *dst, const struct sim_route *r)
{
	*dst = *r;
	dst->circuits = NULL;
	dst->tunnels = NULL;
	if (r->ncircuits) {
		dst->circuits = xcalloc(r->ncircuits, sizeof(*dst->circuits));
		memcpy(dst->circuits, r->circuits,
		    r->ncircuits * sizeof(*dst->circuits));
	}
	if (r->ntunnels) {
		dst->tunnels = xcalloc(r->ntunnels, sizeof(*dst->tunnels));
		memcpy(dst->tunnels, r->tunnels,
		    r->ntunnels * sizeof(*dst->tunnels));
	}
	dst->via = via_text(r);
}

static int
route_equal(const struct sim_route *a, const struct sim_route *b)
{
	size_t	 k;

	if (a->path != b->path || a->links != b->links ||
	    a->dropped != b->dropped || a->fastpath != b->fastpath ||
	    a->capacity_mbps != b->capacity_mbps ||
	    a->capacity_estimate != b->capacity_estimate ||
	    a->detect_s != b->detect_s || a->detect_by != b->detect_by ||
	    prefix_cmp(&a->matched, &b->matched) != 0 ||
	    a->ncircuits != b->ncircuits || a->ntunnels != b->ntunnels)
		return 0;
	for (k = 0; k < a->ncircuits; k++)
		if (a->circuits[k] != b->circuits[k])
			return 0;
	for (k = 0; k < a->ntunnels; k++)
		if (a->tunnels[k].device != b->tunnels[k].device ||
		    a->tunnels[k].instance != b->tunnels[k].instance)
			return 0;
	return 1;
}

static void
eval_return(const struct ctx *x, size_t si, struct sim_return *r)
{
	const struct site *st = &x->dsn->sites[si];
	int		 er = 0, vpn = 0;
	size_t		 j, k;

	memset(r, 0, sizeof(*r));
	r->site = st;
	r->index = si;
	r->er_local_preference = x->er_lp[si];
	r->vpn_local_preference = x->vpn_lp[si];
	r->path = SIM_NONE;
	if (x->down[x->el_site[si]])
		return;
	if (x->dsn->er_gateway.node != NULL)
		for (j = 0; j < st->ner && !er; j++)
			if (st->er[j].circuit != NULL && circuit_alive(x,
			    circuit_index(x->dsn, st->er[j].circuit)))
				er = 1;
	for (j = 0; j < st->ndevices && !vpn; j++) {
		/* Without BGP on the gateway a BGP device learns no route. */
		if (!device_static(&st->devices[j]) &&
		    !x->dsn->vpn_gateway.bgp)
			continue;
		for (k = 0; k < x->ninst && !vpn; k++)
			if (tunnel_alive(x, (x->devbase[si] + j) * x->ninst +
			    k))
				vpn = 1;
	}
	r->paths = er | vpn << 1;
	if (er && vpn) {
		if (r->er_local_preference < 0 ||
		    r->vpn_local_preference < 0 ||
		    r->er_local_preference == r->vpn_local_preference)
			r->undetermined = 1;
		else
			r->path = r->er_local_preference >
			    r->vpn_local_preference ? SIM_EXPRESSROUTE :
			    SIM_VPN;
	} else if (er)
		r->path = SIM_EXPRESSROUTE;
	else if (vpn)
		r->path = SIM_VPN;
}

static void
local_preferences(struct ctx *x)
{
	const struct design *dsn = x->dsn;
	size_t		 i, j;

	x->er_lp = xcalloc(dsn->nsites + 1, sizeof(long));
	x->vpn_lp = xcalloc(dsn->nsites + 1, sizeof(long));
	for (i = 0; i < dsn->nsites; i++) {
		const struct site *st = &dsn->sites[i];

		x->er_lp[i] = x->vpn_lp[i] = -1;
		for (j = 0; j < st->ner; j++)
			if (st->er[j].has_local_preference &&
			    st->er[j].local_preference > x->er_lp[i])
				x->er_lp[i] = st->er[j].local_preference;
		for (j = 0; j < st->ndevices; j++)
			if (!device_static(&st->devices[j]) &&
			    st->devices[j].has_local_preference &&
			    st->devices[j].local_preference > x->vpn_lp[i])
				x->vpn_lp[i] = st->devices[j].local_preference;
	}
}

/* ------------------------------------------------------------------ */
/* Scenarios */

/* Non-zero when element a's failure includes element b's. */
static int
elem_contains(const struct ctx *x, size_t a, size_t b)
{
	const struct sim_element *ea = &x->s->elems[a], *eb = &x->s->elems[b];

	switch (ea->kind) {
	case SIM_EL_LOCATION:
		return (eb->kind == SIM_EL_CIRCUIT ||
		    eb->kind == SIM_EL_LINK) &&
		    x->el_location[circuit_index(x->dsn, eb->circuit)] == a;
	case SIM_EL_CIRCUIT:
		return eb->kind == SIM_EL_LINK && eb->circuit == ea->circuit;
	case SIM_EL_SITE:
		return (eb->kind == SIM_EL_DEVICE ||
		    eb->kind == SIM_EL_TUNNEL) && eb->site == ea->site;
	case SIM_EL_DEVICE:
		return eb->kind == SIM_EL_TUNNEL && eb->device == ea->device;
	case SIM_EL_VPN_INSTANCE:
		return x->aa && eb->kind == SIM_EL_TUNNEL &&
		    eb->instance == ea->instance;
	default:
		return 0;
	}
}

static void
build_scenarios(struct ctx *x, long depth)
{
	struct sim	*s = x->s;
	size_t		 cap = 0, i, j, n = s->nelems;
	struct sim_scenario *sc;

	xgrow(&s->scenarios, &cap, 1 + n, sizeof(*s->scenarios));
	sc = &s->scenarios[s->nscenarios++];
	memset(sc, 0, sizeof(*sc));
	sc->id = xstrdup("baseline");
	for (i = 0; i < n; i++) {
		sc = &s->scenarios[s->nscenarios++];
		memset(sc, 0, sizeof(*sc));
		sc->id = xstrdup(s->elems[i].scenario);
		sc->failed = xcalloc(1, sizeof(size_t));
		sc->failed[0] = i;
		sc->nfailed = 1;
	}
	if (depth < 2)
		return;
	/* Pairs grow with the square of the elements: cap them. */
	if (n > 1 && n * (n - 1) / 2 > SIM_MAX_PAIRS) {
		s->pairs_skipped = n * (n - 1) / 2;
		s->depth = 1;
		return;
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			if (elem_contains(x, i, j) || elem_contains(x, j, i))
				continue;
			xgrow(&s->scenarios, &cap, s->nscenarios + 1,
			    sizeof(*s->scenarios));
			sc = &s->scenarios[s->nscenarios++];
			memset(sc, 0, sizeof(*sc));
			sc->id = xasprintf("%s+%s", s->elems[i].scenario,
			    s->elems[j].scenario);
			sc->failed = xcalloc(2, sizeof(size_t));
			sc->failed[0] = i;
			sc->failed[1] = j;
			sc->nfailed = 2;
		}
}

static void
run_baseline(struct ctx *x, const struct site **owner)
{
	struct sim	*s = x->s;
	struct sim_scenario *sc = &s->scenarios[0];
	struct sim_route r, b;
	size_t		 a, i, cap = 0, n = 0;
	int		 stays;

	sc->routes = xcalloc(s->natoms + 1, sizeof(*sc->routes));
	sc->nroutes = s->natoms;
	x->win_off = xcalloc(s->natoms + 1, sizeof(size_t));
	for (a = 0; a < s->natoms; a++) {
		eval_atom(x, a, SIM_NONE, &r);
		x->win_off[a] = n;
		xgrow(&x->win, &cap, n + x->nwins + 1, sizeof(*x->win));
		for (i = 0; i < x->nwins; i++)
			x->win[n++] = x->wins[i];
		r.atom = s->atoms[a];
		r.index = a;
		r.site = owner[a];
		route_keep(&sc->routes[a], &r);
		sc->routes[a].backup = SIM_NONE;
		/*
		 * Static routes that win stay when their tunnels drop, so
		 * nothing behind them ever takes over (cand_stays).
		 */
		stays = x->nwins > 0;
		for (i = 0; i < x->nwins; i++)
			if (!cand_stays(x, &x->cand[x->wins[i]]))
				stays = 0;
		if (r.path != SIM_NONE && !stays) {
			eval_atom(x, a, r.path, &b);
			sc->routes[a].backup = b.path;
			sc->routes[a].backup_via = via_text(&b);
		} else
			sc->routes[a].backup_via = xstrdup("");
	}
	x->win_off[s->natoms] = n;
	sc->ret = xcalloc(x->dsn->nsites + 1, sizeof(*sc->ret));
	sc->nret = x->dsn->nsites;
	for (i = 0; i < x->dsn->nsites; i++)
		eval_return(x, i, &sc->ret[i]);
}

/* The union of the sorted lists of the failed elements, into x->aff. */
static size_t
affected(struct ctx *x, const struct inv *iv, const struct sim_scenario *sc)
{
	const size_t	*l0, *l1;
	size_t		 n0, n1, i = 0, j = 0, n = 0, e;

	e = sc->failed[0];
	l0 = iv->v + iv->off[e];
	n0 = iv->off[e + 1] - iv->off[e];
	l1 = NULL;
	n1 = 0;
	if (sc->nfailed > 1) {
		e = sc->failed[1];
		l1 = iv->v + iv->off[e];
		n1 = iv->off[e + 1] - iv->off[e];
	}
	xgrow(&x->aff, &x->aff_cap, n0 + n1 + 1, sizeof(*x->aff));
	while (i < n0 || j < n1) {
		if (j == n1 || (i < n0 && l0[i] < l1[j]))
			x->aff[n++] = l0[i++];
		else if (i == n0 || l1[j] < l0[i])
			x->aff[n++] = l1[j++];
		else {
			x->aff[n++] = l0[i++];
			j++;
		}
	}
	return n;
}

static void
run_scenario(struct ctx *x, struct sim_scenario *sc)
{
	struct sim	*s = x->s;
	const struct sim_scenario *base = &s->scenarios[0];
	struct sim_route r;
	struct sim_return ret;
	size_t		 f, i, n, a, cap = 0;

	for (f = 0; f < sc->nfailed; f++)
		x->down[sc->failed[f]] = 1;
	n = affected(x, &x->atoms_of, sc);
	for (i = 0; i < n; i++) {
		a = x->aff[i];
		eval_atom(x, a, SIM_NONE, &r);
		/* A dropped static route is never noticed: nothing withdraws it. */
		if (r.dropped) {
			r.detect_s = 0;
			r.detect_by = SIM_DET_NONE;
		} else
			detect_time(x, a, sc, &r);
		if (route_equal(&r, &base->routes[a]))
			continue;
		r.atom = s->atoms[a];
		r.index = a;
		r.site = base->routes[a].site;
		r.backup = SIM_NONE;
		r.backup_via = NULL;
		xgrow(&sc->routes, &cap, sc->nroutes + 1, sizeof(*sc->routes));
		route_keep(&sc->routes[sc->nroutes++], &r);
	}
	n = affected(x, &x->sites_of, sc);
	cap = 0;
	for (i = 0; i < n; i++) {
		eval_return(x, x->aff[i], &ret);
		if (ret.path == base->ret[x->aff[i]].path &&
		    ret.undetermined == base->ret[x->aff[i]].undetermined)
			continue;
		xgrow(&sc->ret, &cap, sc->nret + 1, sizeof(*sc->ret));
		sc->ret[sc->nret++] = ret;
	}
	sc->differs = sc->nroutes > 0 || sc->nret > 0;
	for (f = 0; f < sc->nfailed; f++)
		x->down[sc->failed[f]] = 0;
}

static void
ctx_release(struct ctx *x)
{
	free(x->down);
	free(x->el_circuit);
	free(x->el_link);
	free(x->el_location);
	free(x->el_inst);
	free(x->el_device);
	free(x->el_site);
	free(x->devbase);
	free(x->tun);
	free(x->cand);
	free(x->cl_off);
	free(x->cl);
	free(x->win_off);
	free(x->win);
	inv_release(&x->atoms_of);
	inv_release(&x->sites_of);
	free(x->er_lp);
	free(x->vpn_lp);
	free(x->circ);
	free(x->tuns);
	free(x->wins);
	free(x->aff);
}

/*
 * Whether a scenario id names the scenario whose id is sid: the same
 * text, or for a pair "A+B" also "B+A" (a pair is one set of two
 * failures; its id lists them in the order of the scenario list).
 */
static int
id_matches(const char *sid, const char *id)
{
	const char	*p = strchr(id, '+'), *q;
	size_t		 a, b;

	if (strcmp(sid, id) == 0)
		return 1;
	if (p == NULL || (q = strchr(sid, '+')) == NULL)
		return 0;
	a = (size_t)(p - id);
	b = strlen(p + 1);
	return strlen(sid) == a + b + 1 && (size_t)(q - sid) == b &&
	    strncmp(sid, p + 1, b) == 0 && strncmp(q + 1, id, a) == 0;
}

/*
 * sim_scenario()'s index (struct sim, slots): each id in its first
 * free slot from its hash; an id met twice keeps its first scenario,
 * as the search in order would.
 */
static void
build_id_index(struct sim *s)
{
	size_t	 i, k, n = 16;

	while (n < 2 * s->nscenarios)
		n *= 2;
	s->slots = xcalloc(n, sizeof(*s->slots));
	s->nslots = n;
	for (i = 0; i < s->nscenarios; i++) {
		k = (size_t)hash_str(HASH_INIT, s->scenarios[i].id) & (n - 1);
		for (; s->slots[k] != 0; k = (k + 1) & (n - 1))
			if (strcmp(s->scenarios[s->slots[k] - 1].id,
			    s->scenarios[i].id) == 0)
				break;
		if (s->slots[k] == 0)
			s->slots[k] = i + 1;
	}
}

/* The index of the scenario whose id is exactly id, or nscenarios. */
static size_t
id_lookup(const struct sim *s, const char *id)
{
	size_t	 k = (size_t)hash_str(HASH_INIT, id) & (s->nslots - 1);

	for (; s->slots[k] != 0; k = (k + 1) & (s->nslots - 1))
		if (strcmp(s->scenarios[s->slots[k] - 1].id, id) == 0)
			return s->slots[k] - 1;
	return s->nscenarios;
}

/*
 * The simulation: every scenario, or with view only the baseline and
 * the scenario named only (none when NULL).
 */
static struct sim *
simulate(const struct design *dsn, long depth, int view, const char *only)
{
	struct sim	*s;
	struct ctx	 x;
	const struct site **owner;
	size_t		 i, maxc = 0;

	if (depth <= 0)
		depth = dsn->failover.depth;
	if (depth != 2)
		depth = 1;
	s = xcalloc(1, sizeof(*s));
	s->dsn = dsn;
	s->depth = depth;
	memset(&x, 0, sizeof(x));
	x.dsn = dsn;
	x.s = s;
	if (dsn->vpn_gateway.node != NULL)
		x.vpn_mbps = vpn_sku_mbps(dsn->vpn_gateway.sku,
		    dsn->vpn_gateway.generation);
	if (dsn->er_gateway.node != NULL)
		x.er_mbps = er_sku_mbps(&dsn->er_gateway);

	build_elements(&x);
	build_candidates(&x);
	owner = build_atoms(&x);
	build_cand_lists(&x);
	for (i = 0; i < s->natoms; i++)
		if (x.cl_off[i + 1] - x.cl_off[i] > maxc)
			maxc = x.cl_off[i + 1] - x.cl_off[i];
	x.circ = xcalloc(maxc + 1, sizeof(*x.circ));
	x.tuns = xcalloc(maxc + 1, sizeof(*x.tuns));
	x.wins = xcalloc(maxc + 1, sizeof(*x.wins));
	build_index(&x);
	local_preferences(&x);
	build_scenarios(&x, depth);
	build_id_index(s);
	run_baseline(&x, owner);
	s->partial = view;
	for (i = 1; i < s->nscenarios; i++)
		if (!view || (only != NULL &&
		    id_matches(s->scenarios[i].id, only)))
			run_scenario(&x, &s->scenarios[i]);
	free(owner);
	ctx_release(&x);
	return s;
}

struct sim *
sim_run(const struct design *dsn, long depth)
{
	return simulate(dsn, depth, 0, NULL);
}

struct sim *
sim_run_view(const struct design *dsn, long depth, const char *id)
{
	return simulate(dsn, depth, 1, id);
}

static void
route_release(struct sim_route *r)
{
	free(r->circuits);
	free(r->tunnels);
	free(r->via);
	free(r->backup_via);
}

void
sim_free(struct sim *s)
{
	size_t	 i, j;

	if (s == NULL)
		return;
	for (i = 0; i < s->nscenarios; i++) {
		struct sim_scenario *sc = &s->scenarios[i];

		for (j = 0; j < sc->nroutes; j++)
			route_release(&sc->routes[j]);
		free(sc->routes);
		free(sc->ret);
		free(sc->failed);
		free(sc->id);
	}
	free(s->scenarios);
	for (i = 0; i < s->nelems; i++) {
		free(s->elems[i].id);
		free(s->elems[i].scenario);
		free(s->elems[i].label);
	}
	free(s->elems);
	free(s->atoms);
	free(s->slots);
	free(s);
}

/*
 * The first scenario in order that id_matches() id: by the index, the
 * one of that very id or, for a pair "A+B", of "B+A", whichever comes
 * first; in order when there is no index.
 */
const struct sim_scenario *
sim_scenario(const struct sim *s, const char *id)
{
	const char	*p;
	char		*swapped;
	size_t		 i, j;

	if (s->slots == NULL) {
		for (i = 0; i < s->nscenarios; i++)
			if (id_matches(s->scenarios[i].id, id))
				return &s->scenarios[i];
		return NULL;
	}
	i = id_lookup(s, id);
	/* id_matches() swaps the two parts about the one '+'. */
	if ((p = strchr(id, '+')) != NULL && strchr(p + 1, '+') == NULL) {
		swapped = xasprintf("%s+%.*s", p + 1, (int)(p - id), id);
		if ((j = id_lookup(s, swapped)) < i)
			i = j;
		free(swapped);
	}
	return i < s->nscenarios ? &s->scenarios[i] : NULL;
}

void
sim_unknown_hint(const struct sim *s, const char *id, struct buf *out)
{
	const char	**ids;
	const char	*sug;
	size_t		 i;

	ids = xreallocarray(NULL, s->nscenarios + 1, sizeof(*ids));
	for (i = 0; i < s->nscenarios; i++)
		ids[i] = s->scenarios[i].id;
	sug = schema_suggest(id, ids, s->nscenarios);
	/* Not a near miss: an id it begins (a cut-off name). */
	for (i = 1; sug == NULL && *id != '\0' && i < s->nscenarios; i++)
		if (strncmp(ids[i], id, strlen(id)) == 0)
			sug = ids[i];
	if (strchr(id, '+') != NULL && s->depth < 2)
		buf_puts(out, "; a pair of failures is a scenario at depth 2 "
		    "only: add --depth 2 (or set failover.depth: 2 in the "
		    "design)");
	else if (sug != NULL)
		buf_printf(out, "; did you mean '%s'?", sug);
	else {
		/* Nothing near: the ids there are, when few, else the
		 * kinds they are made of. */
		buf_puts(out, s->nscenarios <= 25 ? "; the scenarios are " :
		    "; scenario ids start with a kind: ");
		for (i = 1; i < s->nscenarios; i++) {
			size_t		 k, len = strcspn(ids[i], ":+");

			if (s->nscenarios > 25) {
				for (k = 1; k < i; k++)
					if (strcspn(ids[k], ":+") == len &&
					    strncmp(ids[k], ids[i], len) == 0)
						break;
				if (k < i)
					continue;
				buf_printf(out, "%s%.*s", i > 1 ? ", " : "",
				    (int)len, ids[i]);
			} else
				buf_printf(out, "%s%s", i > 1 ? ", " : "",
				    ids[i]);
		}
	}
	free(ids);
}

int
sim_failed(const struct sim_scenario *sc, size_t e)
{
	size_t	 i;

	for (i = 0; i < sc->nfailed; i++)
		if (sc->failed[i] == e)
			return 1;
	return 0;
}

/* The scenario's own route for atom i, or NULL. */
static const struct sim_route *
own_route(const struct sim_scenario *sc, size_t i)
{
	size_t	 lo = 0, hi = sc->nroutes, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sc->routes[mid].index < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sc->nroutes && sc->routes[lo].index == i ?
	    &sc->routes[lo] : NULL;
}

const struct sim_route *
sim_route_at(const struct sim *s, const struct sim_scenario *sc, size_t i)
{
	const struct sim_route *r;

	if (sc->nfailed > 0 && (r = own_route(sc, i)) != NULL)
		return r;
	return &s->scenarios[0].routes[i];
}

int
sim_route_changed(const struct sim *s, const struct sim_scenario *sc,
    size_t i)
{
	(void)s;
	return sc->nfailed > 0 && own_route(sc, i) != NULL;
}

const struct sim_return *
sim_return_at(const struct sim *s, const struct sim_scenario *sc, size_t i)
{
	size_t	 lo = 0, hi = sc->nret, mid;

	if (sc->nfailed == 0)
		return &sc->ret[i];
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sc->ret[mid].index < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < sc->nret && sc->ret[lo].index == i)
		return &sc->ret[lo];
	return &s->scenarios[0].ret[i];
}

/* ------------------------------------------------------------------ */
/* Findings (HD6xx) */

static const char *
path_words(enum sim_path p)
{
	switch (p) {
	case SIM_EXPRESSROUTE:
		return "ExpressRoute";
	case SIM_VPN:
		return "the VPN";
	default:
		return "no path";
	}
}

/* Appends " and N more" when only shown of total items were listed. */
static void
list_more(struct buf *b, size_t shown, size_t total)
{
	if (total > shown)
		buf_printf(b, " and %zu more", total - shown);
}

/* Appends the atoms of list (indices) as "a, b and c", capped. */
static void
list_atoms(struct buf *b, const struct sim *s, const size_t *list, size_t n)
{
	char	 t[PREFIX_STRLEN];
	size_t	 i, shown = n > SIM_LIST_MAX ? SIM_LIST_MAX : n;

	for (i = 0; i < shown; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == shown &&
		    shown == n ? " and " : ", ",
		    prefix_format(&s->atoms[list[i]], t, 1));
	list_more(b, shown, n);
}

/* Per site: the atoms that belong to it, from the baseline. */
struct site_atoms {
	size_t	*off;
	size_t	*v;
};

static void
site_atoms_build(const struct sim *s, struct site_atoms *sa)
{
	const struct sim_scenario *base = &s->scenarios[0];
	size_t		 ns = s->dsn->nsites, i, si, *pos;

	sa->off = xcalloc(ns + 2, sizeof(size_t));
	sa->v = xcalloc(s->natoms + 1, sizeof(size_t));
	pos = xcalloc(ns + 1, sizeof(size_t));
	for (i = 0; i < s->natoms; i++)
		if (base->routes[i].site != NULL)
			sa->off[site_index(s->dsn, base->routes[i].site) + 1]++;
	for (si = 0; si < ns; si++) {
		sa->off[si + 1] += sa->off[si];
		pos[si] = sa->off[si];
	}
	for (i = 0; i < s->natoms; i++)
		if (base->routes[i].site != NULL)
			sa->v[pos[site_index(s->dsn,
			    base->routes[i].site)]++] = i;
	free(pos);
}

static void
site_atoms_release(struct site_atoms *sa)
{
	free(sa->off);
	free(sa->v);
}

/* HD601: baseline traffic to an ExpressRoute site over the VPN. */
static void
hd601(const struct sim *s, struct findings *f)
{
	const struct design *dsn = s->dsn;
	const struct sim_scenario *base = &s->scenarios[0];
	char		 ta[PREFIX_STRLEN], te[PREFIX_STRLEN];
	size_t		 i, j, k;

	/* With Route Server preferring the VPN, that is the design. */
	if (dsn->er_gateway.node == NULL || (dsn->route_server.enabled &&
	    dsn->route_server.branch_to_branch &&
	    dsn->route_server.routing_preference != RS_PREF_EXPRESSROUTE))
		return;
	for (i = 0; i < s->natoms; i++) {
		const struct sim_route *r = &base->routes[i];
		const struct prefix *er = NULL;
		struct mark	 mk;
		char		*obj;

		if (r->path != SIM_VPN || r->site == NULL || r->site->ner == 0)
			continue;
		for (j = 0; j < r->site->ner; j++)
			for (k = 0; k < r->site->er[j].nadvertise; k++) {
				const struct prefix *p =
				    &r->site->er[j].advertise[k];

				if (prefix_contains(p, &r->atom) &&
				    (er == NULL || p->len > er->len))
					er = p;
			}
		mk = r->ntunnels ? design_mark(r->tunnels[0].device->node,
		    "advertise") : design_mark(r->site->node, NULL);
		obj = xasprintf("sites.%s", r->site->name);
		prefix_format(&r->atom, ta, 1);
		if (er != NULL)
			findings_add(f, HD601, obj, mk, "in the baseline "
			    "Azure sends traffic for %s at site %s over the "
			    "VPN (%s), not ExpressRoute: the VPN advertises "
			    "it more specifically than ExpressRoute's %s and "
			    "the longest prefix wins first; advertise the "
			    "same prefixes on both paths unless the VPN is "
			    "meant to carry it", ta, r->site->name, r->via,
			    prefix_format(er, te, 1));
		else
			findings_add(f, HD601, obj, mk, "in the baseline "
			    "Azure sends traffic for %s at site %s over the "
			    "VPN (%s), not ExpressRoute: the site does not "
			    "advertise it over ExpressRoute; add it to "
			    "expressroute.advertise", ta, r->site->name,
			    r->via);
		free(obj);
	}
}

/* HD602: prefixes lost under a single failure (or never reachable). */
static void
hd602(const struct sim *s, struct findings *f)
{
	const struct design *dsn = s->dsn;
	const struct sim_scenario *base = &s->scenarios[0];
	size_t		 ns = dsn->nsites, si, k, i, j;
	size_t		**atoms, *natoms, *acap, **scen, *nscen, *scap;
	size_t		**dead, *ndead, *dcap;
	unsigned char	*drop;

	/* Baseline dead atoms by site in one pass (not sites x atoms). */
	dead = xcalloc(ns + 1, sizeof(*dead));
	ndead = xcalloc(ns + 1, sizeof(size_t));
	dcap = xcalloc(ns + 1, sizeof(size_t));
	for (i = 0; i < s->natoms; i++) {
		if (base->routes[i].site == NULL ||
		    base->routes[i].path != SIM_NONE)
			continue;
		si = site_index(dsn, base->routes[i].site);
		xgrow(&dead[si], &dcap[si], ndead[si] + 1, sizeof(size_t));
		dead[si][ndead[si]++] = i;
	}
	atoms = xcalloc(ns + 1, sizeof(*atoms));
	natoms = xcalloc(ns + 1, sizeof(size_t));
	acap = xcalloc(ns + 1, sizeof(size_t));
	scen = xcalloc(ns + 1, sizeof(*scen));
	nscen = xcalloc(ns + 1, sizeof(size_t));
	scap = xcalloc(ns + 1, sizeof(size_t));
	drop = xcalloc(ns + 1, 1);
	for (k = 1; k < s->nscenarios; k++) {
		const struct sim_scenario *sc = &s->scenarios[k];
		const struct sim_element *e;

		if (sc->nfailed != 1)
			continue;
		e = &s->elems[sc->failed[0]];
		for (i = 0; i < sc->nroutes; i++) {
			const struct sim_route *r = &sc->routes[i];

			if (r->path != SIM_NONE || r->site == NULL ||
			    base->routes[r->index].path == SIM_NONE)
				continue;
			if (e->kind == SIM_EL_SITE && e->site == r->site)
				continue;
			si = site_index(dsn, r->site);
			drop[si] |= r->dropped != 0;
			xgrow(&atoms[si], &acap[si], natoms[si] + 1,
			    sizeof(size_t));
			atoms[si][natoms[si]++] = r->index;
			if (nscen[si] == 0 || scen[si][nscen[si] - 1] != k) {
				xgrow(&scen[si], &scap[si], nscen[si] + 1,
				    sizeof(size_t));
				scen[si][nscen[si]++] = k;
			}
		}
	}
	for (si = 0; si < ns; si++) {
		const struct site *st = &dsn->sites[si];
		struct buf	 b = BUF_INIT;
		size_t		 shown;
		char		*obj = xasprintf("sites.%s", st->name);

		if (ndead[si] > 0) {
			list_atoms(&b, s, dead[si], ndead[si]);
			findings_add(f, HD602, obj, design_mark(st->node,
			    NULL), "site %s: %s %s unreachable from Azure "
			    "even in the baseline: no live path advertises "
			    "%s; advertise %s over ExpressRoute or the VPN",
			    st->name, buf_cstr(&b), ndead[si] > 1 ? "are" :
			    "is", ndead[si] > 1 ? "them" : "it",
			    ndead[si] > 1 ? "them" : "it");
			buf_release(&b);
		}
		free(dead[si]);
		if (natoms[si] > 0) {
			/* Atoms arrive scenario by scenario: sort, unique. */
			qsort(atoms[si], natoms[si], sizeof(size_t),
			    size_cmp);
			for (i = 0, j = 0; i < natoms[si]; i++)
				if (j == 0 || atoms[si][j - 1] != atoms[si][i])
					atoms[si][j++] = atoms[si][i];
			natoms[si] = j;
			list_atoms(&b, s, atoms[si], natoms[si]);
			buf_printf(&b, " %s unreachable from Azure under a "
			    "single failure: ", natoms[si] > 1 ? "become" :
			    "becomes");
			shown = nscen[si] > SIM_LIST_MAX ? SIM_LIST_MAX :
			    nscen[si];
			for (i = 0; i < shown; i++)
				buf_printf(&b, "%s%s", i ? ", " : "",
				    s->scenarios[scen[si][i]].id);
			list_more(&b, shown, nscen[si]);
			if (drop[si])
				findings_add(f, HD602, obj, design_mark(
				    st->node, NULL), "site %s: %s; its static "
				    "routes stay when its tunnels drop, so the "
				    "traffic is dropped, not rerouted: use BGP "
				    "on the site's VPN devices and add a backup "
				    "path (a second VPN device or circuit)",
				    st->name, buf_cstr(&b));
			else
				findings_add(f, HD602, obj, design_mark(
				    st->node, NULL), "site %s: %s; add a "
				    "backup path (a second VPN device or "
				    "circuit, or a VPN next to ExpressRoute)",
				    st->name, buf_cstr(&b));
			buf_release(&b);
		}
		free(obj);
		free(atoms[si]);
		free(scen[si]);
	}
	free(drop);
	free(atoms);
	free(natoms);
	free(acap);
	free(scen);
	free(nscen);
	free(scap);
	free(dead);
	free(ndead);
	free(dcap);
}

static struct mark
preference_mark(const struct site *st, enum sim_path p)
{
	size_t	 j;

	if (p != SIM_VPN)
		for (j = 0; j < st->ner; j++)
			if (st->er[j].has_local_preference || p ==
			    SIM_EXPRESSROUTE)
				return design_mark(st->er[j].node,
				    "local_preference");
	for (j = 0; j < st->ndevices; j++)
		if (!device_static(&st->devices[j]))
			return design_mark(st->devices[j].node,
			    "local_preference");
	return design_mark(st->node, NULL);
}

static void
pref_text(struct buf *b, long lp)
{
	if (lp < 0)
		buf_puts(b, "not set");
	else
		buf_printf(b, "%ld", lp);
}

/*
 * HD603's fix, into b, and where it points: at the value that is
 * missing (the VPN device's or the circuit attachment's mapping), or at
 * ExpressRoute's when both are set and equal.  A value the design
 * leaves out is the router's own default, which is the vendor's and
 * not in the design, so the rule does not guess it.
 */
static struct mark
hd603_advice(struct buf *b, const struct site *st,
    const struct sim_return *ret)
{
	long	 er = ret->er_local_preference, vpn = ret->vpn_local_preference;
	long	 above = vpn + 50 > 4294967295L ? 4294967295L : vpn + 50;
	size_t	 j;

	if (vpn == 4294967295L) {
		/* Nothing is above it: the VPN's must come down. */
		buf_printf(b, "%s); set vpn.local_preference below "
		    "expressroute.local_preference, e.g. 100 and 150", er < 0 ?
		    ": a value left out is the router's own default, which "
		    "the design does not state" : "");
		for (j = 0; j < st->ndevices; j++)
			if (!device_static(&st->devices[j]))
				return design_mark(st->devices[j].node,
				    "local_preference");
		return design_mark(st->node, NULL);
	}

	if (er >= 0 && vpn < 0) {
		buf_printf(b, ": a value left out is the router's own "
		    "default, which the design does not state); set "
		    "vpn.local_preference ");
		if (er > 0)
			buf_printf(b, "below %ld, e.g. %ld", er, er > 100 ? 100 :
			    er / 2);
		else
			buf_puts(b, "to 0 and expressroute.local_preference "
			    "above it, e.g. 100");
		for (j = 0; j < st->ndevices; j++)
			if (!device_static(&st->devices[j]) &&
			    !st->devices[j].has_local_preference)
				return design_mark(st->devices[j].node, NULL);
		return design_mark(st->node, NULL);
	}
	if (er < 0 && vpn >= 0) {
		buf_printf(b, ": a value left out is the router's own "
		    "default, which the design does not state); set "
		    "expressroute.local_preference above %ld, e.g. %ld", vpn,
		    above);
		for (j = 0; j < st->ner; j++)
			if (!st->er[j].has_local_preference)
				return design_mark(st->er[j].node, NULL);
		return design_mark(st->node, NULL);
	}
	if (er < 0) {
		buf_puts(b, ": a value left out is the router's own "
		    "default, which the design does not state); set "
		    "expressroute.local_preference above vpn.local_preference, "
		    "e.g. 150 and 100");
		for (j = 0; j < st->ner; j++)
			return design_mark(st->er[j].node, NULL);
		return design_mark(st->node, NULL);
	}
	buf_printf(b, "); set expressroute.local_preference above %ld, "
	    "e.g. %ld", vpn, above);
	for (j = 0; j < st->ner; j++)
		if (st->er[j].has_local_preference)
			return design_mark(st->er[j].node, "local_preference");
	return design_mark(st->node, NULL);
}

/* HD603 and HD604: undetermined and asymmetric return paths. */
static void
hd603_604(const struct sim *s, const struct site_atoms *sa,
    struct findings *f)
{
	const struct design *dsn = s->dsn;
	const struct sim_scenario *base = &s->scenarios[0];
	size_t		 si, i, n, *list;

	list = xcalloc(s->natoms + 1, sizeof(size_t));
	for (si = 0; si < dsn->nsites; si++) {
		const struct site *st = &dsn->sites[si];
		const struct sim_return *ret = &base->ret[si];
		struct buf	 b = BUF_INIT;
		char		*obj = xasprintf("sites.%s", st->name);
		enum sim_path	 azure = SIM_NONE;

		if (ret->undetermined) {
			struct mark	 at;

			buf_puts(&b, "ExpressRoute ");
			pref_text(&b, ret->er_local_preference);
			buf_puts(&b, ", VPN ");
			pref_text(&b, ret->vpn_local_preference);
			at = hd603_advice(&b, st, ret);
			findings_add(f, HD603, obj, at, "site %s: return "
			    "traffic to Azure may take either path: the VNet "
			    "prefixes arrive with AS paths of equal length "
			    "over ExpressRoute (12076) and the VPN (65515), "
			    "and the design's local preference does not "
			    "decide (%s", st->name, buf_cstr(&b));
		} else if (ret->path != SIM_NONE) {
			n = 0;
			for (i = sa->off[si]; i < sa->off[si + 1]; i++) {
				const struct sim_route *r =
				    &base->routes[sa->v[i]];

				if (r->path != SIM_NONE && r->path !=
				    ret->path) {
					list[n++] = sa->v[i];
					azure = r->path;
				}
			}
			if (n > 0) {
				list_atoms(&b, s, list, n);
				buf_puts(&b, " over ");
				buf_puts(&b, path_words(azure));
				buf_puts(&b, " but the site returns over ");
				buf_puts(&b, path_words(ret->path));
				buf_puts(&b, " (local preference "
				    "ExpressRoute ");
				pref_text(&b, ret->er_local_preference);
				buf_puts(&b, ", VPN ");
				pref_text(&b, ret->vpn_local_preference);
				buf_puts(&b, ")");
				findings_add(f, HD604, obj,
				    preference_mark(st, ret->path), "site %s: "
				    "asymmetric routing: Azure sends traffic "
				    "for %s; stateful firewalls drop such "
				    "flows; give the path Azure uses the "
				    "higher local preference", st->name,
				    buf_cstr(&b));
			}
		}
		buf_release(&b);
		free(obj);
	}
	free(list);
}

/*
 * Over capacity (HD605).  In every scenario, each element that carries
 * traffic -- a circuit, the ExpressRoute gateway (unless FastPath sends
 * the traffic past it), the VPN gateway's aggregate -- is loaded with
 * the declared peaks of the sites whose routes cross it; a transit
 * entry loads both its sites' paths.  Over ECMP circuits a site's peak
 * is spread evenly (an estimate: ECMP balances flows, not bits).  When
 * the load exceeds what the element carries, the finding names the
 * sites, their peaks and the excess, with every scenario where that
 * same overload happens.  No traffic declared: no finding.  The figure
 * compared with is cited: a gateway SKU's page (ERGW, VPN-SKU); on an
 * active-active VPN gateway whose load some instances do not share in
 * that scenario (an instance or a tunnel down), the SKU's aggregate
 * figure is an estimate and worded SIM_CAPACITY_ESTIMATE, as the
 * runbook words it; such scenarios make a finding of their own.
 */
enum { CAP_ERGW, CAP_VPNGW, CAP_CIRCUIT };

struct overload {
	size_t		 el;		/* CAP_ERGW, CAP_VPNGW, CAP_CIRCUIT+i */
	char		*desc;		/* who and how much */
	struct buf	 scen;		/* scenario ids */
	size_t		 nscen;
	long		 excess;	/* the largest, for the message */
	int		 estimate;	/* the capacity is an estimate */
};

/*
 * Loads site st's element shares of peak into load[] (and who[]); sets
 * *vpn_est when a route of the site on the VPN is carried by fewer
 * instances than the gateway has (capacity_estimate).
 */
static void
cap_load_site(const struct sim *s, const struct site_atoms *sa,
    const struct sim_scenario *sc, const struct site *st, long peak,
    long *load, struct buf *who, unsigned char *seen, int *vpn_est)
{
	const struct design *dsn = s->dsn;
	size_t	 si = site_index(dsn, st), i, k, nel = dsn->ncircuits + 2;
	long	 share;

	memset(seen, 0, nel);
	for (i = sa->off[si]; i < sa->off[si + 1]; i++) {
		const struct sim_route *r = sim_route_at(s, sc, sa->v[i]);
		size_t	 e;

		if (r->path == SIM_VPN && r->capacity_estimate)
			*vpn_est = 1;
		if (r->path == SIM_VPN && !seen[CAP_VPNGW]) {
			seen[CAP_VPNGW] = 1;
			load[CAP_VPNGW] += peak;
			buf_printf(&who[CAP_VPNGW], "%s%s %ld", who[CAP_VPNGW].len ?
			    ", " : "", st->name, peak);
		}
		if (r->path != SIM_EXPRESSROUTE)
			continue;
		if (!r->fastpath && !seen[CAP_ERGW]) {
			seen[CAP_ERGW] = 1;
			load[CAP_ERGW] += peak;
			buf_printf(&who[CAP_ERGW], "%s%s %ld", who[CAP_ERGW].len ?
			    ", " : "", st->name, peak);
		}
		share = (peak + (long)r->ncircuits - 1) / (long)r->ncircuits;
		for (k = 0; k < r->ncircuits; k++) {
			e = CAP_CIRCUIT + circuit_index(dsn, r->circuits[k]);
			if (seen[e])
				continue;
			seen[e] = 1;
			load[e] += share;
			buf_printf(&who[e], "%s%s %ld%s", who[e].len ? ", " : "",
			    st->name, share, r->ncircuits > 1 ?
			    " (ECMP share)" : "");
		}
	}
}

/* What element el carries in Mbps, with its name and object path. */
static long
cap_element(const struct design *dsn, size_t el, char **name, char **obj,
    struct mark *mark)
{
	const struct circuit *c;

	if (el == CAP_ERGW) {
		*name = xasprintf("ExpressRoute gateway %s (%s)",
		    dsn->er_gateway.name, er_sku_name(dsn->er_gateway.sku));
		*obj = xstrdup("azure.expressroute_gateway");
		*mark = design_mark(dsn->er_gateway.node, "sku");
		return er_sku_mbps(&dsn->er_gateway);
	}
	if (el == CAP_VPNGW) {
		*name = xasprintf("VPN gateway %s (%s, aggregate of every "
		    "tunnel)", dsn->vpn_gateway.name,
		    vpn_sku_name(dsn->vpn_gateway.sku));
		*obj = xstrdup("azure.vpn_gateway");
		*mark = design_mark(dsn->vpn_gateway.node, "sku");
		return vpn_sku_mbps(dsn->vpn_gateway.sku,
		    dsn->vpn_gateway.generation);
	}
	c = &dsn->circuits[el - CAP_CIRCUIT];
	*name = xasprintf("circuit %s", c->name);
	*obj = xasprintf("circuits.%s", c->name);
	*mark = design_mark(c->node, "bandwidth_mbps");
	return c->bandwidth_mbps;
}

/*
 * What the figure element el carries rests on, after "carries N Mbps":
 * the gateway SKU's page, or the estimate's words when some instances
 * of an active-active VPN gateway do not share the load; nothing for a
 * circuit, whose bandwidth is the design's own figure.
 */
static void
cap_source(const struct design *dsn, size_t el, int estimate, struct buf *b)
{
	if (el == CAP_ERGW)
		buf_printf(b, " (%s)", er_sku_source_key(dsn->er_gateway.sku));
	else if (el == CAP_VPNGW && estimate)
		buf_puts(b, " (" SIM_CAPACITY_ESTIMATE ")");
	else if (el == CAP_VPNGW)
		buf_printf(b, " (%s; a benchmark, not a guarantee)",
		    vpn_sku_source_key(dsn->vpn_gateway.sku));
}

static void
hd605(const struct sim *s, const struct site_atoms *sa, struct findings *f)
{
	const struct design *dsn = s->dsn;
	size_t		 nel = dsn->ncircuits + 2, k, e, i, j, nov = 0, ovcap = 0;
	long		*load, *cap, *unk;
	char		**unk_scen;
	int		 vpn_est, est;
	struct buf	*who, src = BUF_INIT;
	unsigned char	*seen;
	struct overload	*ov = NULL;
	char		*name, *obj;
	struct mark	 mark;

	if (dsn->ntraffic == 0)
		return;
	load = xcalloc(nel, sizeof(*load));
	cap = xcalloc(nel, sizeof(*cap));
	unk = xcalloc(nel, sizeof(*unk));
	unk_scen = xcalloc(nel, sizeof(*unk_scen));
	who = xcalloc(nel, sizeof(*who));
	seen = xcalloc(nel, 1);
	for (e = 0; e < nel; e++) {
		buf_init(&who[e]);
		if ((e == CAP_ERGW && dsn->er_gateway.node == NULL) ||
		    (e == CAP_VPNGW && dsn->vpn_gateway.node == NULL))
			continue;
		cap[e] = cap_element(dsn, e, &name, &obj, &mark);
		free(name);
		free(obj);
	}
	for (k = 0; k < s->nscenarios; k++) {
		const struct sim_scenario *sc = &s->scenarios[k];

		for (e = 0; e < nel; e++) {
			load[e] = 0;
			buf_truncate(&who[e], 0);
		}
		vpn_est = 0;
		for (i = 0; i < dsn->ntraffic; i++) {
			const struct traffic *t = &dsn->traffic[i];

			if (t->site == NULL || t->peak_mbps <= 0)
				continue;
			cap_load_site(s, sa, sc, t->site, t->peak_mbps, load,
			    who, seen, &vpn_est);
			if (t->to != NULL && t->to != t->site)
				cap_load_site(s, sa, sc, t->to, t->peak_mbps,
				    load, who, seen, &vpn_est);
		}
		for (e = 0; e < nel; e++) {
			if (e >= CAP_CIRCUIT && load[e] > 0 && unk[e] < load[e] &&
			    design_unknown(dsn, dsn->circuits[e -
			    CAP_CIRCUIT].node, "bandwidth_mbps") != NULL) {
				/* The largest load, for the note. */
				unk[e] = load[e];
				free(unk_scen[e]);
				unk_scen[e] = xstrdup(sc->id);
			}
			if (cap[e] <= 0 || load[e] <= cap[e])
				continue;
			est = e == CAP_VPNGW && vpn_est;
			for (j = 0; j < nov; j++)
				if (ov[j].el == e && ov[j].estimate == est &&
				    strcmp(ov[j].desc, buf_cstr(&who[e])) == 0)
					break;
			if (j == nov) {
				xgrow(&ov, &ovcap, nov + 1, sizeof(*ov));
				ov[nov].el = e;
				ov[nov].desc = xstrdup(buf_cstr(&who[e]));
				buf_init(&ov[nov].scen);
				ov[nov].nscen = 0;
				ov[nov].excess = 0;
				ov[nov].estimate = est;
				nov++;
			}
			if (ov[j].nscen < SIM_LIST_MAX)
				buf_printf(&ov[j].scen, "%s%s", ov[j].nscen ?
				    ", " : "", sc->id);
			ov[j].nscen++;
			if (load[e] - cap[e] > ov[j].excess)
				ov[j].excess = load[e] - cap[e];
		}
	}
	for (j = 0; j < nov; j++) {
		long	 c = cap_element(dsn, ov[j].el, &name, &obj, &mark);

		list_more(&ov[j].scen, ov[j].nscen < SIM_LIST_MAX ?
		    ov[j].nscen : SIM_LIST_MAX, ov[j].nscen);
		buf_truncate(&src, 0);
		cap_source(dsn, ov[j].el, ov[j].estimate, &src);
		findings_add(f, HD605, obj, mark, "%s carries %ld Mbps%s, but "
		    "the declared peaks of the sites whose traffic crosses it "
		    "(%s Mbps) exceed that by %ld Mbps in %zu scenario%s: %s; "
		    "add capacity there or accept degraded service in %s",
		    name, c, buf_cstr(&src), ov[j].desc, ov[j].excess,
		    ov[j].nscen,
		    ov[j].nscen == 1 ? "" : "s", buf_cstr(&ov[j].scen),
		    ov[j].nscen == 1 ? "it" : "them");
		free(name);
		free(obj);
		free(ov[j].desc);
		buf_release(&ov[j].scen);
	}
	for (e = CAP_CIRCUIT; e < nel; e++) {
		const struct unknown *u;

		if (unk_scen[e] == NULL)
			continue;
		u = design_unknown_at(dsn, dsn->circuits[e - CAP_CIRCUIT].node,
		    "bandwidth_mbps");
		findings_add(f, HD802, u->path, u->mark, "HD605 not checked "
		    "(whether circuit %s carries the declared peaks, up to "
		    "%ld Mbps in scenario %s): %s is unknown",
		    dsn->circuits[e - CAP_CIRCUIT].name, unk[e], unk_scen[e],
		    u->path);
		free(unk_scen[e]);
	}
	free(unk_scen);
	free(unk);
	for (e = 0; e < nel; e++)
		buf_release(&who[e]);
	buf_release(&src);
	free(ov);
	free(who);
	free(seen);
	free(load);
	free(cap);
}

/*
 * HD802: a circuit whose peering location is unknown is simulated as
 * alone at its location, so every conclusion about a location's loss
 * (which sites survive it, site failover) depends on that value.
 */
static void
location_unknown(const struct sim *s, struct findings *f)
{
	const struct design *dsn = s->dsn;
	const struct unknown *u;
	size_t		 i;

	for (i = 0; i < dsn->ncircuits; i++) {
		u = design_unknown_at(dsn, dsn->circuits[i].node,
		    "peering_location");
		if (u == NULL)
			continue;
		findings_add(f, HD802, u->path, u->mark, "HD602 not checked "
		    "for the loss of a peering location shared with other "
		    "circuits: the simulation puts circuit %s alone at its "
		    "own location, so what survives a location's loss "
		    "depends on %s, which is unknown",
		    dsn->circuits[i].name, u->path);
	}
}

long
sim_site_peak(const struct design *dsn, const struct site *st)
{
	long	 sum = -1;
	size_t	 i;

	for (i = 0; i < dsn->ntraffic; i++) {
		const struct traffic *t = &dsn->traffic[i];

		if (t->site != st && t->to != st)
			continue;
		sum = (sum < 0 ? 0 : sum) + t->peak_mbps;
	}
	return sum;
}

/* The path of site st's first reachable prefix in sc, or SIM_NONE. */
static enum sim_path
site_path(const struct sim *s, const struct sim_scenario *sc,
    const struct site *st)
{
	size_t	 i;

	for (i = 0; i < s->natoms; i++) {
		const struct sim_route *r = sim_route_at(s, sc, i);

		if (r->site == st && r->path != SIM_NONE)
			return r->path;
	}
	return SIM_NONE;
}

/* HD606: declared transit between an ER-only and a VPN-only site. */
static void
hd606(const struct sim *s, struct findings *f)
{
	const struct design *dsn = s->dsn;
	const struct route_server *rs = &dsn->route_server;
	size_t		 i, k, nmix, nvpn;
	struct buf	 mix = BUF_INIT, vpnok = BUF_INIT;

	if (rs->enabled && rs->branch_to_branch)
		return;
	for (i = 0; i < dsn->ntraffic; i++) {
		const struct traffic *t = &dsn->traffic[i];
		const struct site *a = t->site, *b = t->to;
		const struct site *er, *vpn;
		char		*obj;

		if (a == NULL || b == NULL || a == b)
			continue;
		if (a->ner > 0 && a->ndevices == 0 && b->ndevices > 0 &&
		    b->ner == 0) {
			er = a;
			vpn = b;
		} else if (b->ner > 0 && b->ndevices == 0 &&
		    a->ndevices > 0 && a->ner == 0) {
			er = b;
			vpn = a;
		} else
			goto dual;
		obj = xasprintf("sites.%s", a->name);
		findings_add(f, HD606, obj, design_mark(t->node, "to"),
		    "transit from %s to %s is declared, but %s is reached "
		    "only over ExpressRoute and %s only over the VPN, and "
		    "the gateways do not exchange routes between them "
		    "without Azure Route Server with branch-to-branch; "
		    "enable route_server.enabled and "
		    "route_server.branch_to_branch (active-active VPN "
		    "gateway, ASN 65515)", a->name, b->name, er->name,
		    vpn->name);
		free(obj);
		continue;
dual:
		/*
		 * One site is on ExpressRoute and VPN, the other on one of
		 * them (M5).  Per scenario: where Azure reaches one over
		 * ExpressRoute and the other over the VPN, the transit
		 * crosses the two gateways, which needs Route Server
		 * branch-to-branch (RS-ERVPN, VPN-FAQ); where both are on
		 * the VPN it stays on the VPN gateway, which passes BGP
		 * routes between its connections (VPN-BGP).
		 */
		nmix = nvpn = 0;
		buf_truncate(&mix, 0);
		buf_truncate(&vpnok, 0);
		for (k = 0; k < s->nscenarios; k++) {
			enum sim_path pa = site_path(s, &s->scenarios[k], a);
			enum sim_path pb = site_path(s, &s->scenarios[k], b);

			if (pa == SIM_NONE || pb == SIM_NONE)
				continue;
			if (pa != pb) {
				if (nmix < SIM_LIST_MAX)
					buf_printf(&mix, "%s%s", nmix ? ", " :
					    "", s->scenarios[k].id);
				nmix++;
			} else if (pa == SIM_VPN) {
				if (nvpn < SIM_LIST_MAX)
					buf_printf(&vpnok, "%s%s", nvpn ?
					    ", " : "", s->scenarios[k].id);
				nvpn++;
			}
		}
		if (nmix == 0)
			continue;
		list_more(&mix, nmix < SIM_LIST_MAX ? nmix : SIM_LIST_MAX,
		    nmix);
		list_more(&vpnok, nvpn < SIM_LIST_MAX ? nvpn : SIM_LIST_MAX,
		    nvpn);
		obj = xasprintf("sites.%s", a->name);
		findings_add(f, HD606, obj, design_mark(t->node, "to"),
		    "transit from %s to %s is declared, but in %zu "
		    "scenario%s (%s) Azure reaches one of them over "
		    "ExpressRoute and the other over the VPN, and the "
		    "gateways do not exchange routes without Azure Route "
		    "Server with branch-to-branch, so the transit fails "
		    "there%s%s%s; enable route_server.enabled and "
		    "route_server.branch_to_branch (active-active VPN "
		    "gateway, ASN 65515)", a->name, b->name, nmix,
		    nmix == 1 ? "" : "s", buf_cstr(&mix),
		    nvpn ? "; it works over the VPN gateway alone only "
		    "while both are reached over the VPN (" : "",
		    nvpn ? buf_cstr(&vpnok) : "", nvpn ? ")" : "");
		free(obj);
	}
	buf_release(&mix);
	buf_release(&vpnok);
}

/* HD607: branch-to-branch with an unsuitable VPN gateway. */
static void
hd607(const struct sim *s, struct findings *f)
{
	const struct design *dsn = s->dsn;
	const struct route_server *rs = &dsn->route_server;
	const struct vpn_gateway *g = &dsn->vpn_gateway;

	if (!rs->enabled || !rs->branch_to_branch || g->node == NULL)
		return;
	if (g->active_active && g->asn == AZURE_VPN_ASN)
		return;
	findings_add(f, HD607, "route_server", design_mark(rs->node,
	    "branch_to_branch"), "Route Server branch-to-branch needs an "
	    "active-active VPN gateway with ASN 65515, but %s is %s with "
	    "ASN %ld; make it active-active with two instances and keep "
	    "ASN 65515", g->name ? g->name : "the VPN gateway",
	    g->active_active ? "active-active" : "active-standby", g->asn);
}

/* HD608: prepending on the VPN of a site that has ExpressRoute. */
static void
hd608(const struct sim *s, struct findings *f)
{
	const struct design *dsn = s->dsn;
	size_t		 i, j;

	for (i = 0; i < dsn->nsites; i++) {
		const struct site *st = &dsn->sites[i];
		char		*obj;

		if (st->ner == 0)
			continue;
		obj = xasprintf("sites.%s", st->name);
		for (j = 0; j < st->ndevices; j++) {
			const struct vpn_device *d = &st->devices[j];

			if (d->as_path_prepend <= 0 || device_static(d) ||
			    (dsn->route_server.enabled &&
			    dsn->route_server.branch_to_branch &&
			    dsn->route_server.routing_preference ==
			    RS_PREF_ASPATH))
				continue;
			findings_add(f, HD608, obj, design_mark(d->node,
			    "as_path_prepend"), "site %s: device %s prepends "
			    "%ld AS%s on the VPN; Azure prefers ExpressRoute "
			    "over the VPN for the same prefix whatever the "
			    "AS path, so this only orders the site's VPN "
			    "tunnels", st->name, d->name, d->as_path_prepend,
			    d->as_path_prepend > 1 ? "es" : "");
		}
		free(obj);
	}
}

void
sim_findings(const struct sim *s, struct findings *f)
{
	struct site_atoms sa;

	assert(!s->partial);
	site_atoms_build(s, &sa);
	hd601(s, f);
	hd602(s, f);
	hd603_604(s, &sa, f);
	hd605(s, &sa, f);
	location_unknown(s, f);
	hd606(s, f);
	hd607(s, f);
	hd608(s, f);
	site_atoms_release(&sa);
}

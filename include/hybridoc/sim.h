/*
 * The routing and failover simulation (design.md, "The simulation
 * model").  From a bound design it enumerates failure elements, builds
 * the scenarios (baseline, every single failure, and with depth 2 every
 * pair), and for each scenario and each atom of the on-premises address
 * plan computes Azure's route choice, its capacity and its failure
 * detection time, plus each site's return path.  The results feed the
 * HD6xx findings, `hybridoc simulate`, the diagrams' scenario views,
 * the runbook and the packet.  A struct sim is owned by the caller and
 * freed with sim_free(); it points into the design, which must outlive
 * it.
 */
#ifndef HYBRIDOC_SIM_H
#define HYBRIDOC_SIM_H

#include <stddef.h>

#include "hybridoc/prefix.h"

struct buf;
struct circuit;
struct design;
struct diags;
struct findings;
struct site;
struct vpn_device;

enum sim_path {
	SIM_NONE,
	SIM_EXPRESSROUTE,
	SIM_VPN
};

enum sim_elem_kind {
	SIM_EL_CIRCUIT,		/* circuit-down:NAME */
	SIM_EL_LINK,		/* link-down:NAME:primary|secondary */
	SIM_EL_ER_GATEWAY,	/* er-gateway-down */
	SIM_EL_VPN_INSTANCE,	/* vpn-instance-down:N */
	SIM_EL_TUNNEL,		/* tunnel-down:SITE:DEVICE:N */
	SIM_EL_DEVICE,		/* device-down:SITE:DEVICE */
	SIM_EL_SITE,		/* site-down:NAME */
	SIM_EL_LOCATION		/* location-down:PEERING-LOCATION-SLUG */
};

struct sim_element {
	enum sim_elem_kind kind;
	char		*id;		/* "circuit:NAME", as in "failed" */
	char		*scenario;	/* "circuit-down:NAME" */
	char		*label;		/* human words: "circuit er-x" */
	const struct circuit *circuit;	/* CIRCUIT, LINK */
	int		 link;		/* LINK: 0 primary, 1 secondary */
	size_t		 instance;	/* VPN_INSTANCE, TUNNEL */
	const struct site *site;	/* TUNNEL, DEVICE, SITE */
	const struct vpn_device *device; /* TUNNEL, DEVICE */
	const char	*location;	/* LOCATION: peering location */
};

/* One tunnel: a device to one gateway instance. */
struct sim_tunnel {
	const struct site *site;
	const struct vpn_device *device;
	size_t		 instance;
};

/*
 * Azure's route to one atom in one scenario (docs/model.md).  Capacity:
 * the bandwidth of the element that limits the path: over ExpressRoute
 * the sum of the ECMP circuits' bandwidth capped by the ExpressRoute
 * gateway's throughput unless FastPath bypasses the gateway (a single
 * link carries the whole circuit bandwidth, so a link failure does not
 * reduce it); over VPN the gateway's aggregate throughput, shared by
 * every tunnel (no per-tunnel limit is documented).  Detection: the
 * time until Azure notices the failure that moved this atom (0 in the
 * baseline and when the atom's path was not touched): ER with BFD
 * 0.9 s (300 ms x 3), without BFD or a gateway failure 180 s (BGP
 * hold); an active-standby VPN instance failure 180 s (upper bound of
 * the unplanned 1-3 min failover); a tunnel, a VPN device or an
 * active-active instance failure the connection's DPD timeout, for BGP
 * capped by the 180 s hold time.
 */
/*
 * What a detection time rests on (docs/model.md, "Failure kinds"), so
 * every place that shows the figure shows the same source with it:
 * sim_detect_basis() words it.
 */
enum sim_detect {
	SIM_DET_NONE,		/* nothing to detect (baseline, dropped) */
	SIM_DET_BFD,		/* 300 ms x 3 (ERBFD) */
	SIM_DET_HOLD,		/* the BGP hold time, 180 s (ERBFD, VPNBGPTS) */
	SIM_DET_ERGW,		/* estimate: hold time for a whole ER gateway */
	SIM_DET_VPN_FAILOVER,	/* active-standby: VPNHA's 1-3 min, upper */
	SIM_DET_DPD_DESIGN,	/* the DPD timeout the design sets */
	SIM_DET_DPD_DEFAULT,	/* estimate: Azure's default DPD timeout */
	/*
	 * A static device's tunnel, or the instance at its other end, lost:
	 * the device's own DPD (not in the design) moves its traffic to
	 * Azure; the connection's timeout, the design's or Azure's default,
	 * stands in as an estimate (review 17-c L3).
	 */
	SIM_DET_DEVICE_DPD_DESIGN,
	SIM_DET_DEVICE_DPD_DEFAULT
};

struct sim_route {
	struct prefix	 atom;
	size_t		 index;		/* the atom's index in sim.atoms */
	const struct site *site;	/* the site the atom belongs to */
	enum sim_path	 path;
	struct prefix	 matched;	/* the route used (longest match) */
	/* ExpressRoute: the circuits used (ECMP when several) and links. */
	const struct circuit **circuits;
	size_t		 ncircuits;
	int		 links;		/* bit 0 primary, bit 1 secondary up */
	/* VPN: the tunnels used (ECMP when several). */
	struct sim_tunnel *tunnels;
	size_t		 ntunnels;
	/* "er-a, er-b" or "HQ:vpn1:0, HQ:vpn1:1"; "" when unreachable. */
	char		*via;
	long		 capacity_mbps;	/* 0 when unreachable */
	/*
	 * The placeholder of an unknown circuit bandwidth the capacity
	 * depends on (the design's unknown), or NULL: capacity_mbps then
	 * counts only the known circuits and is no conclusion.
	 */
	const char	*capacity_unknown;
	/*
	 * 1 over VPN on an active-active gateway when fewer instances than
	 * the gateway has carry the route (an instance or a tunnel down):
	 * capacity_mbps is then the SKU's aggregate figure (VPN-SKU), which
	 * Microsoft gives for the whole gateway, not per instance, so it is
	 * an estimate, worded SIM_CAPACITY_ESTIMATE (review 17-c M8).
	 */
	int		 capacity_estimate;
	int		 fastpath;	/* ExpressRoute past the gateway */
	/*
	 * Unreachable because Azure keeps a static route whose tunnel is
	 * down: the traffic is dropped, not rerouted (path is SIM_NONE).
	 */
	int		 dropped;
	/*
	 * Seconds until Azure notices the failure: for a route that moves,
	 * the failure of the path it used; for one left with no path, the
	 * last of its paths to be noticed (it stays in the tables until
	 * then).
	 */
	double		 detect_s;
	enum sim_detect	 detect_by;	/* what detect_s rests on */
	/* The same atom's next choice if this path failed (baseline). */
	enum sim_path	 backup;
	char		*backup_via;	/* baseline: "" when no backup;
					   NULL outside the baseline */
};

struct sim_return {
	const struct site *site;
	size_t		 index;		/* the site's index in design.sites */
	enum sim_path	 path;		/* SIM_NONE when undetermined */
	int		 undetermined;
	long		 er_local_preference;	/* -1 when not set */
	long		 vpn_local_preference;	/* -1 when not set */
	int		 paths;		/* up: bit 0 ExpressRoute, bit 1 VPN */
};

struct sim_scenario {
	char		*id;		/* "baseline", "circuit-down:NAME" */
	size_t		*failed;	/* indices into sim.elems */
	size_t		 nfailed;
	/*
	 * The baseline holds one route per atom (in sim.atoms order) and
	 * one return per site (design order).  Every other scenario holds
	 * only the entries that differ from the baseline (path, what it
	 * goes through, links, capacity or detection time), in the same
	 * order: a 1,000-site design has thousands of scenarios and full
	 * tables would not fit in memory.  Use sim_route_at() and
	 * sim_return_at() for the complete table of any scenario.
	 */
	struct sim_route *routes;
	size_t		 nroutes;
	struct sim_return *ret;
	size_t		 nret;
	int		 differs;	/* a route or return differs from the
					   baseline */
};

struct sim {
	const struct design *dsn;
	struct prefix	*atoms;		/* sorted */
	size_t		 natoms;
	struct sim_element *elems;
	size_t		 nelems;
	struct sim_scenario *scenarios;	/* [0] is the baseline */
	size_t		 nscenarios;
	long		 depth;		/* as simulated */
	/*
	 * Depth 2 asked for, but the pairs of elements would number more
	 * than SIM_MAX_PAIRS: their count, and depth is 1.  0 otherwise.
	 */
	size_t		 pairs_skipped;
	/*
	 * Made by sim_run_view(): only the baseline and the one scenario
	 * asked for were computed.
	 */
	int		 partial;
	/*
	 * sim_scenario()'s index of the ids: open addressing on hash_str,
	 * nslots a power of two at least twice nscenarios, each slot a
	 * scenario's index + 1 or 0 for empty.  NULL: found in order.
	 */
	size_t		*slots;
	size_t		 nslots;
};

/*
 * At most this many pairs at depth 2 (a design of about 450 failure
 * elements).  Past it the simulation keeps to single failures, so
 * that a large design asking for depth 2 costs memory in proportion to
 * its size, not its square; list the pairs that matter in
 * failover.tests instead.
 */
#define SIM_MAX_PAIRS	100000

/*
 * Runs the simulation at depth 1 or 2 (0: the design's failover.depth).
 * Never fails on a bound design.  The caller frees with sim_free().
 *
 * Elements, in this order (each kind in design order): circuits, their
 * primary and secondary links, the ExpressRoute gateway, the VPN
 * gateway instances (two when active-active, else one: the active one,
 * with a standby behind it), tunnels (device x instance), VPN devices,
 * sites, peering locations (one per distinct slug).  What cannot
 * fail is left out: without an ExpressRoute gateway there is no
 * er-gateway-down, without a VPN gateway no instance or tunnel
 * scenarios.  Scenarios: the baseline, one per element, then with depth
 * 2 one per pair "A+B" (A before B in element order), leaving out
 * pairs where one element is part of the other (a circuit and its
 * link, a location and its circuits, a site and its devices or
 * tunnels, a device and its tunnels, an active-active instance and its
 * tunnels): such a pair is the larger failure alone.
 *
 * Cost: candidate routes per atom are found once (atoms x prefix
 * lengths x log routes); a scenario re-evaluates only the atoms and
 * sites that depend on its failed elements.
 */
struct sim	*sim_run(const struct design *dsn, long depth);
/*
 * The same for one view of the design (a diagram): every scenario is
 * listed, so ids can be looked up, but only the baseline and the
 * scenario id (none when NULL) are computed; the others read as the
 * baseline.  partial is set, and sim_findings() refuses such a run.
 */
struct sim	*sim_run_view(const struct design *dsn, long depth,
		    const char *id);
void		 sim_free(struct sim *s);
/*
 * The scenario with that id, or NULL.  A pair's two failures may be
 * given in either order: "A+B" and "B+A" name the same scenario.
 */
const struct sim_scenario *sim_scenario(const struct sim *s, const char *id);
/*
 * For an id that names no scenario: appends to out "; did you mean
 * 'X'?" (the nearest id), or for a pair when s was simulated at depth
 * 1, the hint to add --depth 2.  Appends nothing when it has neither.
 */
void	sim_unknown_hint(const struct sim *s, const char *id, struct buf *out);
/*
 * The route of atom index i (< s->natoms) in scenario sc: the
 * scenario's own entry when it differs from the baseline, else the
 * baseline's.  Never NULL; points into s.
 */
const struct sim_route *sim_route_at(const struct sim *s,
		    const struct sim_scenario *sc, size_t i);
/* Non-zero when atom i's route in sc differs from the baseline. */
int		 sim_route_changed(const struct sim *s,
		    const struct sim_scenario *sc, size_t i);
/* The return path of site index i in sc, as sim_route_at(). */
const struct sim_return *sim_return_at(const struct sim *s,
		    const struct sim_scenario *sc, size_t i);
/* "expressroute", "vpn", "none" or "undetermined". */
const char	*sim_return_name(const struct sim_return *r);
/*
 * The slug that names a peering location in scenario ids: lower-case
 * letters and digits, every run of anything else one '-'.  Two
 * locations with the same slug are one element.  Caller frees.
 */
char		*sim_slug(const char *s);
/* Non-zero when element index e failed in the scenario. */
int		 sim_failed(const struct sim_scenario *sc, size_t e);
const char	*sim_path_name(enum sim_path p);
/* What a capacity_estimate figure rests on, after "1.25 Gbps (". */
#define SIM_CAPACITY_ESTIMATE	"estimate: the SKU's aggregate figure, " \
	"VPN-SKU; per-instance capacity is not documented"	/* "expressroute" */
/*
 * A path's capacity in the words every writer uses (the runbook's
 * tables, diagnose): the placeholder of the unknown bandwidth it
 * depends on when unknown is not NULL, else "1.25 Gbps", followed by
 * " (" SIM_CAPACITY_ESTIMATE ")" when estimate is non-zero.
 */
void		 sim_capacity_words(struct buf *b, long mbps,
		    const char *unknown, int estimate);
/*
 * What a detection time rests on, in words with its reference key
 * ("BFD, ERBFD"; "estimate: ..."): the same words wherever the figure
 * is shown.  sim_detect_estimate() says whether it is an estimate.
 */
const char	*sim_detect_basis(enum sim_detect d);
int		 sim_detect_estimate(enum sim_detect d);
/*
 * Adds the HD6xx findings, each on object "sites.NAME" (HD607 on
 * "route_server") with the scenarios and prefixes named: HD601 per
 * prefix, HD602 per site from the single failures (and prefixes
 * unreachable even in the baseline), HD603/HD604 from the baseline
 * return paths, HD605 per traffic entry and site (the smallest capacity
 * over the site's reachable prefixes, in every scenario simulated),
 * HD606 per traffic entry with to:, HD607 once, HD608 per device.
 */
void		 sim_findings(const struct sim *s, struct findings *f);
/*
 * JSON in the shape of design.md; only one scenario when id is not
 * NULL (an unknown id gives an empty scenario list: check with
 * sim_scenario() first).  Each scenario lists its complete table, one
 * route per atom sorted by prefix and one return per site in design
 * order.  Beyond design.md's keys: a top-level "depth"; per scenario
 * "differs"; per route "matched", "circuits" and "links"
 * (ExpressRoute) or "tunnels" (VPN), "changed" (outside the baseline)
 * and "backup"/"backup_via" (baseline); per return the two local
 * preferences.  Same design, same bytes.  Ends with a newline.
 */
void		 sim_json(struct buf *out, const struct sim *s, const char *id);
/*
 * The readable matrix for `hybridoc simulate`: the baseline's full
 * table, then each scenario with only its changed rows, scenarios that
 * differ marked with '*'.  With id, that scenario's full table with its
 * changed rows marked.  colour adds ANSI highlighting.
 */
void		 sim_text(struct buf *out, const struct sim *s, const char *id,
		    int colour);

/*
 * The declared peak traffic of site st in Mbps: the sum of the traffic
 * entries from or to it (transit included); -1 when none is declared.
 */
long	 sim_site_peak(const struct design *dsn, const struct site *st);

#endif

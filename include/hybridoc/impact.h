/*
 * The routing impact, the packet stage after the semantic diff
 * (diff.h): the simulations (sim.h) of base and head compared prefix
 * by prefix in every scenario, keeping only the rows that change.  The
 * rows are the "routing" list of packet.json (packet.h, which says how
 * prefixes are matched between the versions); the per-scenario counts
 * feed the packet's risk reasons and choose the runbook tests of its
 * verification.
 */
#ifndef HYBRIDOC_IMPACT_H
#define HYBRIDOC_IMPACT_H

#include <stddef.h>

#include "hybridoc/buf.h"
#include "hybridoc/prefix.h"

struct analysis;
struct impact_atom;
struct sim_route;
struct value;

/* A scenario of the head only, of both, or of the base only. */
enum impact_status {
	IMPACT_CHANGED,
	IMPACT_NEW,
	IMPACT_REMOVED
};

/* What a row changes: bits of impact_row.changes. */
#define IMPACT_PATH	1u	/* another path or next hop */
#define IMPACT_CAPACITY	2u
#define IMPACT_REACH	4u	/* reachability gained or lost */
#define IMPACT_LOST	8u	/* with IMPACT_REACH: lost */

/*
 * One prefix whose route a scenario changes.  The routes point into
 * the simulations (sim.h), which must outlive the row.
 */
struct impact_row {
	struct prefix	 prefix;
	const struct sim_route *before;	/* base's route; NULL: the prefix
					   is not in the base */
	const struct sim_route *after;	/* head's; NULL: not in the head */
	/*
	 * A prefix only the head has, in a failure: the head's baseline
	 * route, which the row is compared with (else NULL).
	 */
	const struct sim_route *baseline;
	unsigned	 changes;	/* IMPACT_PATH ... IMPACT_LOST */
};

/* One scenario of either version and what the change does in it. */
struct impact_scenario {
	const char	*id;		/* the simulation's scenario id */
	enum impact_status status;
	int		 in_head;	/* the head has the scenario */
	size_t		 nrows;		/* changed rows, kept or not */
	size_t		 pathreach;	/* rows with a path or reachability
					   change */
	size_t		 capacity;	/* rows with a capacity change */
	size_t		 lost;		/* rows that lose reachability */
	size_t		 lost_existing;	/* of them, prefixes the base had:
					   a regression, not a new prefix's
					   own single point of failure */
	char		*title;		/* "Circuit er-x fails" */
	struct buf	 sig;		/* the rows as text, for grouping */
	struct impact_row *rows;	/* the rows kept in the packet */
	size_t		 nkept;
};

struct impact {
	struct impact_atom *u;		/* the prefixes of both versions */
	size_t		 nu;
	struct impact_scenario *sc;	/* head order, then base-only */
	size_t		 nsc;
	size_t		 rows;		/* rows kept, over every scenario */
	int		 truncated;	/* rows were left out */
};

/* Routing rows kept in the packet, over every scenario. */
#define IMPACT_MAX_ROWS		5000

/*
 * Compares the simulations of base and head and fills im (need not be
 * initialised; release it with impact_release()), keeping at most
 * IMPACT_MAX_ROWS rows in all.  The scenarios' ids and the rows' routes
 * point into the simulations, which must outlive im.  Never fails.
 */
void		 impact_run(struct impact *im, const struct analysis *base,
		    const struct analysis *head);
void		 impact_release(struct impact *im);
/* "changed", "new", "removed". */
const char	*impact_status_name(enum impact_status s);
/* Appends the words of a route ("expressroute via er-x, 1 Gbps");
 * row is the row's prefix, named when the route is a shorter one. */
void		 impact_route_text(struct buf *b, const struct sim_route *r,
		    const struct prefix *row);
/* The site of a row's prefix (the head's, else the base's), or "". */
const char	*impact_row_site(const struct impact_row *row);
/*
 * The value trees, made here only: appends to routing, a value list,
 * one map {scenario, title, status, rows} per scenario that has
 * changed rows (packet.json's "routing").  Never fails.
 */
void		 impact_routing(const struct impact *im, struct value *routing);
/*
 * Appends to groups, a value list, the routing tables the packet
 * shows: the baseline alone, then the scenarios whose changed rows are
 * identical, each group a map {scenarios, title, several, rows}.
 * Never fails.
 */
void		 impact_groups(const struct impact *im, struct value *groups);

#endif

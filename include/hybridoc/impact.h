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

struct analysis;
struct impact_atom;
struct value;

/* One scenario of either version and what the change does in it. */
struct impact_scenario {
	const char	*id;		/* the simulation's scenario id */
	const char	*status;	/* "changed", "new", "removed" */
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
	struct value	*entry;		/* in the routing list; NULL when
					   the scenario has no rows */
};

struct impact {
	struct impact_atom *u;		/* the prefixes of both versions */
	size_t		 nu;
	struct impact_scenario *sc;	/* head order, then base-only */
	size_t		 nsc;
	size_t		 rows;		/* rows kept in the routing list */
	int		 truncated;	/* rows were left out */
};

/* Routing rows kept in the packet, over every scenario. */
#define IMPACT_MAX_ROWS		5000

/*
 * Compares the simulations of base and head and fills im (need not be
 * initialised; release it with impact_release()).  Appends to routing,
 * a value list, one map {scenario, title, status, rows} per scenario
 * that has changed rows, keeping at most IMPACT_MAX_ROWS rows in all.
 * The scenarios' ids point into the simulations and their entries into
 * routing: both must outlive im.  Never fails.
 */
void		 impact_run(struct impact *im, const struct analysis *base,
		    const struct analysis *head, struct value *routing);
/* Frees what impact_run() allocated in im; routing keeps its entries. */
void		 impact_release(struct impact *im);
/*
 * Appends to groups, a value list, the routing tables the packet
 * shows: the baseline alone, then the scenarios whose changed rows are
 * identical, each group a map {scenarios, title, several, rows} that
 * holds copies.  Never fails.
 */
void		 impact_groups(const struct impact *im, struct value *groups);

#endif

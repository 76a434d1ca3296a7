/*
 * The checks of the rule catalog (catalog.h holds the rows: id,
 * severity, title, description, fix, help link).  Each check adds
 * findings for the rule it names by enum.  The HD6xx rules have no
 * check here: the simulation produces them (sim_findings() in sim.h).
 */
#ifndef HYBRIDOC_RULES_H
#define HYBRIDOC_RULES_H

#include <stddef.h>

#include "hybridoc/catalog.h"

struct design;
struct findings;

/* A check and the catalog row whose findings it adds. */
struct rule_check {
	enum rule_id	 id;
	void		(*check)(const struct design *, struct findings *);
};

/*
 * Every check, in catalog order, ending with a NULL check.  The HD6xx
 * rows have none: the simulation produces them.
 */
extern const struct rule_check rule_checks[];

/* Runs every check of the catalog that has one (not HD6xx). */
void	rules_check(const struct design *dsn, struct findings *f);

#endif

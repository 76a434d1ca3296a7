/*
 * The rule catalog of azure-rules.md as one table: id, severity, a
 * short description, the help link (the Microsoft Learn page the fact
 * comes from) and the check.  Ids are stable and never reused.  The
 * HD6xx and HD8xx rules have no check here: the simulation
 * (sim_findings() in sim.h) and drift (drift.h) produce them.
 */
#ifndef HYBRIDOC_RULES_H
#define HYBRIDOC_RULES_H

#include <stddef.h>

#include "hybridoc/diag.h"

struct design;
struct findings;

struct rule {
	const char	*id;		/* "HD102" */
	enum diag_level	 level;
	const char	*title;		/* one line, for SARIF and docs */
	const char	*help;		/* https URL of the source */
	void		(*check)(const struct design *, struct findings *);
};

/* The catalog, in id order, ending with a NULL id. */
extern const struct rule rules[];

/* The rule with that id, or NULL. */
const struct rule *rule_find(const char *id);
/* Runs every check of the catalog that has one (not HD6xx). */
void	rules_check(const struct design *dsn, struct findings *f);

#endif

/*
 * The rule catalog as one leaf table: for each rule its id, severity,
 * title, description, fix and help link (the Microsoft Learn page the
 * fact comes from).  Checks name a rule by its enum constant (HD102), so
 * a typo is a compile error; findings, the SARIF rule entries, the
 * runbook and the docs read the rows.  The checks themselves are in
 * rules.c (HD1xx-HD5xx, HD7xx) and sim.c (HD6xx).  Ids are stable and
 * never reused.  Nothing here depends on another module: the model (a
 * design's suppress ids) and every later stage may read it.
 */
#ifndef HYBRIDOC_CATALOG_H
#define HYBRIDOC_CATALOG_H

#include "hybridoc/diag.h"

/* One constant per row of rules[], in id order. */
enum rule_id {
	HD101, HD102, HD103, HD104, HD105, HD106, HD107, HD108, HD109,
	HD201, HD202, HD203, HD204, HD205, HD206, HD207, HD208, HD209,
	HD301, HD302, HD303, HD304, HD305, HD306, HD307, HD308,
	HD401, HD402, HD403, HD404,
	HD501, HD502, HD503, HD504,
	HD601, HD602, HD603, HD604, HD605, HD606, HD607, HD608,
	HD701, HD702, HD703,
	RULE_COUNT
};

struct rule {
	const char	*id;		/* "HD102" */
	enum diag_level	 level;
	const char	*title;		/* one line, for SARIF and docs */
	const char	*description;	/* when the rule fires, one or two sentences */
	const char	*fix;		/* what to change in the design */
	const char	*help;		/* https URL of the source */
};

/*
 * The catalog, indexed by enum rule_id (rules[HD102]), in id order,
 * with a row of NULL id after the last (rules[RULE_COUNT]).
 */
extern const struct rule rules[];

/* The rule with that id text ("HD102"), or NULL. */
const struct rule *rule_find(const char *id);

#endif

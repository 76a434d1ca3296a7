/*
 * The rule catalog as one leaf table: for each rule its id, severity,
 * title, description, fix, help link (the Microsoft Learn page the
 * fact comes from) and why (the fact itself, as text).  Checks name a
 * rule by its enum constant (HD102), so a typo is a compile error;
 * findings, the SARIF rule entries, the runbook and the docs read the
 * rows.  The checks themselves are in
 * rules.c (HD1xx-HD5xx, HD7xx), sim.c (HD6xx) and drift.c (HD8xx,
 * differences from what is deployed).  Ids are stable and
 * never reused.  Nothing here depends on another module: the model (a
 * design's suppress ids) and every later stage may read it.
 */
#ifndef HYBRIDOC_CATALOG_H
#define HYBRIDOC_CATALOG_H

#include "hybridoc/diag.h"

/* One constant per row of rules[], in id order. */
enum rule_id {
	HD101, HD102, HD103, HD104, HD105, HD106, HD107, HD108, HD109,
	HD110,
	HD201, HD202, HD203, HD204, HD205, HD206, HD207, HD208, HD209,
	HD210,
	HD301, HD302, HD303, HD304, HD305, HD306, HD307, HD308,
	HD309,
	HD401, HD402, HD403, HD404, HD405,
	HD501, HD502, HD503, HD504,
	HD601, HD602, HD603, HD604, HD605, HD606, HD607, HD608,
	HD701, HD702, HD703,
	HD801, HD802, HD803,
	HD811, HD812, HD813, HD814, HD815, HD816, HD817, HD818,
	HD901, HD902, HD903, HD904, HD905, HD906,
	RULE_COUNT
};

struct rule {
	const char	*id;		/* "HD102" */
	enum diag_level	 level;
	const char	*title;		/* one line, for SARIF and docs */
	const char	*description;	/* when the rule fires, one or two sentences */
	const char	*fix;		/* what to change in the design */
	const char	*help;		/* https URL of the source */
	/*
	 * Why the rule exists, one or two sentences: the Azure fact it
	 * enforces as Microsoft Learn states it, naming the page (help
	 * links the main one), or, where the rule is hybridoc's own
	 * choice, a sentence that says it is a hybridoc policy and why.
	 * Every row has one (test_rules checks it); docs/rules.md and
	 * the SARIF rule entries show it.
	 */
	const char	*why;
};

/*
 * The catalog, indexed by enum rule_id (rules[HD102]), in id order,
 * with a row of NULL id after the last (rules[RULE_COUNT]).
 */
extern const struct rule rules[];

/* The rule with that id text ("HD102"), or NULL. */
const struct rule *rule_find(const char *id);

/*
 * Whether a design's suppress: entry may name r: every rule but
 * diagnose's (HD901-HD999).  A suppression records a property of the
 * design that its reviewers accepted; a diagnose finding is an
 * observation of the live network that no failure scenario of the
 * design explains, made during an incident, and hiding it could hide
 * the cause.  RULE_NOT_SUPPRESSIBLE says so wherever suppressing is
 * explained (docs/rules.md, the SARIF rules' help).
 */
int		 rule_suppressible(const struct rule *r);
#define RULE_NOT_SUPPRESSIBLE	"A diagnose finding cannot be " \
	"suppressed: it is an observation of the live network that no " \
	"failure scenario of the design explains, not a property of the " \
	"design that its reviewers could accept, and hiding it during an " \
	"incident could hide the cause. If what it reports is meant to be " \
	"there, describe it in the design; otherwise find out who " \
	"configured it."

/*
 * Input errors: a file that is not a well-formed design stops before
 * any rule runs (exit status 2).  Each kind has a stable id of its own,
 * HD001 up, so that SARIF and JSON can report it like a finding; the
 * rows have the same columns as rules[], with help NULL (the format
 * reference, docs/format.md, is the source).  Their level is always
 * DIAG_ERROR, and they cannot be suppressed.
 */
enum input_id {
	HD001,		/* the file cannot be read */
	HD002,		/* not YAML text */
	HD003,		/* YAML the loader refuses */
	HD004,		/* unknown key */
	HD005,		/* missing required key */
	HD006,		/* wrong type */
	HD007,		/* value not in the allowed list */
	HD008,		/* number or count out of range */
	HD009,		/* bad name, address or prefix syntax */
	HD010,		/* prefix with host bits set */
	HD011,		/* duplicate name */
	HD012,		/* reference to nothing */
	HD013,		/* settings that contradict or leave out a part */
	INPUT_COUNT
};

/* Indexed by enum input_id, with a row of NULL id after the last. */
extern const struct rule input_rules[];

/* The input error row with that id text ("HD004"), or NULL. */
const struct rule *input_rule_find(const char *id);

#endif

/*
 * Procedures as data: every procedure hybridoc prints -- the runbook's
 * failover tests, its outage section, the packet's verification and
 * its optional failover tests -- is built here as a record, and every
 * writer (Markdown and HTML through the templates, JSON) renders the
 * record through procedure_value().  A procedure never does more than
 * it says: each action names the design objects it changes (targets,
 * as paths like "circuits.er-ams.private_peering"), the rollback names
 * the same objects, a disruptive procedure starts with go/no-go checks
 * computed from the simulation and stops on its abort conditions, and
 * a command that could not be confirmed against its reference is not
 * printed (the step says why instead).  The commands and their
 * reference pages are listed in docs/model.md, "Commands the
 * procedures print".  Records are owned by their set (procset_free).
 */
#ifndef HYBRIDOC_PROCEDURE_H
#define HYBRIDOC_PROCEDURE_H

#include <stddef.h>

struct analysis;
struct buf;
struct design;
struct sim_scenario;
struct value;

/*
 * The simulated route an expectation checks: one row of the runbook's
 * "Expected" table, so the table and the step are one record.
 */
struct proc_route {
	char		*prefix;
	char		*site;		/* "—" when no site */
	char		*path;		/* sim_path_name() */
	char		*via;		/* "—" when none */
	char		*at;		/* peering location under test, or NULL */
	long		 capacity_mbps;	/* 0 when unreachable */
	/*
	 * The placeholder of an unknown bandwidth the capacity depends on
	 * (sim.h), or NULL: capacity_mbps is then no conclusion.
	 */
	char		*capacity_unknown;
	int		 capacity_estimate;	/* sim.h: an estimate */
	int		 unreachable;
};

/* One check, action, observation, expectation or rollback step. */
struct proc_step {
	char		*text;
	char		*az;		/* Azure CLI command, or NULL */
	char		*ps;		/* Az PowerShell command, or NULL */
	char		*no_command;	/* why no command is printed, or NULL */
	char		*expect;	/* the result that must be seen */
	char		*within;	/* time bound, in words */
	long		 within_s;	/* the bound in seconds (0: none) */
	/*
	 * The bound as a table cell, with its source or estimate label:
	 * for a detection time the quick card's and the failover
	 * matrix's words ("45 s (the DPD timeout the design sets)").
	 */
	char		*within_cell;
	char		*source;	/* reference of the bound or command */
	char		**targets;	/* design paths this step changes */
	size_t		 ntargets;
	struct proc_route *route;	/* expectations: the route, or NULL */
	/* An expectation read after the rollback (or once a reset
	 * instance is back), not while the failure lasts. */
	int		 after;
};

struct proc_steps {
	struct proc_step *v;
	size_t		 n, cap;
};

struct procedure {
	char		*id;		/* stable: see procedure_id() */
	char		**scenarios;	/* the scenarios this action causes */
	size_t		 nscenarios;
	char		*title;
	int		 disruptive;
	int		 observe_only;	/* no safe action exists */
	char		*blast_radius;	/* what else is affected, in words */
	char		**blast_objects;
	size_t		 nblast_objects;
	char		**scope;	/* the scenarios' objects (paths) */
	size_t		 nscope;
	char		**notes;	/* prerequisites, availability, contacts */
	size_t		 nnotes;
	struct proc_steps go_no_go, actions, observe, expect, rollback;
	char		**abort_if;
	size_t		 nabort_if;
	/*
	 * What to do when an abort condition holds: "roll back at once",
	 * or for an action that cannot be undone (a reset) whom to call.
	 */
	char		*abort_then;
};

struct procset {
	struct procedure **v;
	size_t		 n, cap;
};

/*
 * The scenarios that get a test procedure: failover.tests, or every
 * single failure.  Fills ids (pointers into the simulation); returns
 * the count.  ids must hold sim->nscenarios entries.
 */
size_t		 procedure_test_scenarios(const struct analysis *a,
		    const char **ids);
/* A short, human title for a scenario id ("Circuit er-x fails"). */
void		 procedure_scenario_title(const struct analysis *a,
		    const char *id, struct buf *out);
/*
 * The runbook's failover tests: one procedure per distinct action over
 * the scenarios procedure_test_scenarios() picks, in their order.  The
 * caller frees with procset_free().
 */
struct procset	*procset_tests(const struct analysis *a);
/*
 * The same tests one at a time: the procedure procset_tests() makes
 * for the scenarios ids (nids of them, in its order, all with one
 * procedure_id()), built without the others, in a set of its own.
 * credit (ncredit) are the single failures a design's failover.tests
 * leaves out that have the same procedure_id(): procset_tests()
 * credits them to it (NULL, 0 without failover.tests).  The runbook
 * renders and frees each before it builds the next.
 */
struct procset	*procset_test_of(const struct analysis *a,
		    const char *const *ids, size_t nids,
		    const struct sim_scenario *const *credit, size_t ncredit);
/*
 * The outage section: per circuit what to check first, who to call and
 * what the simulation says happens; plus a step for every suppressed
 * finding whose reason promises a runbook step.
 */
struct procset	*procset_outage(const struct analysis *a);
/*
 * A packet's post-change verification: observation only (BGP status,
 * learned and advertised routes, effective routes) for the design
 * after the change.
 */
struct procset	*procset_verify(const struct analysis *a);
void		 procset_free(struct procset *ps);

/*
 * The id of the procedure that tests a scenario (e.g. "circuit-down:
 * er-x" -> "disable-peering:er-x"), for links from other outputs
 * (diagnose).  Appends it to out and returns non-zero, or returns 0
 * when the scenario is unknown.  Ids are stable: they depend only on
 * the action and the names of the objects it touches.
 */
int		 procedure_id(const struct analysis *a, const char *scenario,
		    struct buf *out);
/* Non-zero when path equals a scope entry of p or lies below one. */
int		 procedure_in_scope(const struct procedure *p,
		    const char *path);
/* The record as a value tree (the JSON and template shape). */
struct value	*procedure_value(const struct procedure *p);
/*
 * The record as a document shows it (procedure_doc.c): the fields of
 * procedure_value() up to notes, the actions and rollback as they are,
 * and each distinct read-only command once, in "observations" (label
 * O1, O2, ..., the observe steps' text or the first check that reads
 * it, az, ps); "record" names the observe steps' labels ("O1 to O7");
 * each go_no_go and expect row names its command by label (cmd)
 * beside its result and time bound.  The JSON keeps procedure_value().
 */
struct value	*procedure_value_doc(const struct procedure *p);
/* A list value of every procedure of the set. */
struct value	*procset_value(const struct procset *ps);

#endif

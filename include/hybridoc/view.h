/*
 * The view: design, findings and simulation turned into the value tree
 * the templates read.  Every derived fact (SKU throughput and tunnel
 * limits, detection times, which path is primary, the commands of a
 * test procedure) is computed here, once, in C; templates only place
 * values.  The tree is owned by the caller (value_free).
 */
#ifndef HYBRIDOC_VIEW_H
#define HYBRIDOC_VIEW_H

#include <stddef.h>

struct analysis;
struct buf;
struct procedure;
struct procset;
struct value;

/* A diagram the runbook shows: a scenario (NULL: the topology). */
struct view_diagram {
	const char	*scenario;
	const char	*url;		/* e.g. "topology.svg" */
	const char	*mermaid;	/* Mermaid text, or NULL */
	int		 azure_devops;	/* in a ::: mermaid block, not ``` */
};

struct view_opts {
	int		 html;		/* the Markdown is for HTML output */
	const struct view_diagram *diagrams;
	size_t		 ndiagrams;
	/*
	 * The runbook page's own layout: the quick card, each test's
	 * anchor, and the group marks that fold long lists (group_start,
	 * group_end, detail_start, detail_end).  Off, "tests" and
	 * "scenarios" hold the facts alone, in simulation order.
	 */
	int		 layout;
	/*
	 * "tests" is a lazy list (value_new_lazy_list): each test is
	 * built when a writer reaches it and freed after, so that a long
	 * runbook never holds them all.  For tmpl_render(); a reader of
	 * items (the packet, diagnose) leaves it off.
	 */
	int		 lazy;
};

/* The scenarios that get a test procedure: failover.tests, or every
 * single failure.  Fills ids (pointers into the simulation); returns
 * the count.  ids must hold sim->nscenarios entries. */
size_t	view_test_scenarios(const struct analysis *a, const char **ids);
/* The whole runbook view. */
struct value *view_runbook(const struct analysis *a,
	    const struct view_opts *o);
/*
 * A failover test as the runbook lists it, for a stage that reads its
 * facts (the packet): its number in the whole runbook and its record
 * (procedure.h: id, title, the scenarios it causes, disruptive).  The
 * record is owned by the list.
 */
struct view_test {
	size_t		 number;	/* 1-based, as in the runbook */
	const struct procedure *proc;
};

struct view_plan;

struct view_tests {
	struct view_test *v;
	size_t		 n;
	struct view_plan *plan;		/* private: what v was built from */
	struct procset	**sets;		/* private: the records' owners */
};

/*
 * The runbook's failover tests that cause one of the nids scenarios
 * ids (ids NULL: every test), in its order and with its numbers (the
 * same records, without pictures).  For the packet, which needs the tests of the scenarios a
 * change affects, not a whole runbook.  Free with view_tests_free().
 */
struct view_tests *view_tests_of(const struct analysis *a,
	    const char *const *ids, size_t nids);
/*
 * Test i of ts as the runbook's entry for the templates and packet.json
 * (procedure_value() with number, expected, purpose, several); owned
 * by the caller.
 */
struct value *view_test_value(const struct view_tests *ts, size_t i);
void	view_tests_free(struct view_tests *ts);
/*
 * The runbook as data (`runbook -o x.json`): the failover procedures
 * and the outage section as procedure records (docs/runbook-json.md).
 * "procedures" is a lazy list, each record made as value_to_json()
 * reaches it.
 */
struct value *view_procedures(const struct analysis *a);
/* A short, human title for a scenario id ("Circuit er-x fails"). */
void	view_scenario_title(const struct analysis *a, const char *id,
	    struct buf *out);

#endif

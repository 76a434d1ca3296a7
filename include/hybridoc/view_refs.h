/*
 * Where the runbook speaks of a scenario, for pages that link into it
 * (diagnose's report): the failover matrix's section and the failover
 * test that causes it, as the runbook numbers and titles them, without
 * building the runbook's view.
 */
#ifndef HYBRIDOC_VIEW_REFS_H
#define HYBRIDOC_VIEW_REFS_H

#include <stddef.h>

struct analysis;
struct buf;

/*
 * The failover matrix's heading for scenario id: appends its title to
 * out and returns 1 when the runbook gives the scenario a section (it
 * moves a route), else 0.
 */
int	view_matrix_title(const struct analysis *a, const char *id,
	    struct buf *out);

/* The runbook's failover test that causes a scenario. */
struct view_test_ref {
	size_t		 number;	/* "Test N" */
	char		*id;		/* the procedure's id */
	char		*title;
};

/*
 * The first test that causes scenario id into t (free with
 * view_test_ref_release); 0 when no test does (t is then empty).
 */
int	view_test_of(const struct analysis *a, const char *id,
	    struct view_test_ref *t);
void	view_test_ref_release(struct view_test_ref *t);

#endif

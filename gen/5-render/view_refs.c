/*
 * The runbook's references to a scenario (view_refs.h), from the same
 * facts the runbook's view places: the simulation's moved routes for
 * the failover matrix, the procedures (procedure.h) for the tests,
 * numbered in their order as the runbook numbers them.
 */
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/procedure.h"
#include "hybridoc/sim.h"
#include "hybridoc/view.h"
#include "hybridoc/view_refs.h"
#include "hybridoc/xalloc.h"

int
view_matrix_title(const struct analysis *a, const char *id, struct buf *out)
{
	const struct sim *s = a->sim;
	const struct sim_scenario *sc = sim_scenario(s, id);
	size_t		 k;

	/* The matrix lists every scenario but the baseline (index 0). */
	if (sc == NULL || sc == &s->scenarios[0])
		return 0;
	for (k = 0; k < s->natoms; k++)
		if (sim_route_changed(s, sc, k)) {
			view_scenario_title(a, id, out);
			return 1;
		}
	return 0;
}

int
view_test_of(const struct analysis *a, const char *id,
    struct view_test_ref *t)
{
	struct procset	*set = procset_tests(a);
	size_t		 i, j;
	int		 found = 0;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < set->n && !found; i++) {
		const struct procedure *p = set->v[i];

		for (j = 0; j < p->nscenarios; j++)
			if (strcmp(p->scenarios[j], id) == 0)
				break;
		if (j == p->nscenarios)
			continue;
		t->number = i + 1;
		t->id = xstrdup(p->id);
		t->title = xstrdup(p->title ? p->title : p->id);
		found = 1;
	}
	procset_free(set);
	return found;
}

void
view_test_ref_release(struct view_test_ref *t)
{
	free(t->id);
	free(t->title);
	memset(t, 0, sizeof(*t));
}

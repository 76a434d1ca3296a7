/*
 * The checking half of the pipeline in one call: design (load, schema,
 * cross-checks) -> rules -> simulation -> HD6xx findings -> suppression.
 * Commands call this and then only render.
 */
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/rules.h"
#include "hybridoc/schema.h"
#include "hybridoc/sim.h"
#include "hybridoc/xalloc.h"

/* failover.tests must name scenarios the simulation has. */
static int
check_tests(const struct design *dsn, const struct sim *s, struct diags *d)
{
	const char	**ids;
	const char	*sug;
	size_t		 i;
	int		 ok = 1;
	const struct value *list;

	if (dsn->failover.ntests == 0)
		return 1;
	ids = xreallocarray(NULL, s->nscenarios + 1, sizeof(*ids));
	for (i = 0; i < s->nscenarios; i++)
		ids[i] = s->scenarios[i].id;
	list = value_map_get(dsn->failover.node, "tests");
	for (i = 0; i < dsn->failover.ntests; i++) {
		if (sim_scenario(s, dsn->failover.tests[i]) != NULL)
			continue;
		sug = schema_suggest(dsn->failover.tests[i], ids,
		    s->nscenarios);
		diags_error(d, dsn->file, list && i < list->n ?
		    list->items[i]->mark : design_mark(dsn->failover.node,
		    "tests"), "failover.tests[%zu]: no scenario '%s'%s%s%s "
		    "(`hybridoc simulate` lists them)", i,
		    dsn->failover.tests[i], sug ? "; did you mean '" : "",
		    sug ? sug : "", sug ? "'?" : "");
		ok = 0;
	}
	free(ids);
	return ok;
}

/*
 * view: for one picture of the design (the scenario view, NULL for the
 * baseline): no findings, and only that scenario simulated.
 */
static int
analysis_finish(struct analysis *a, long depth, int view, const char *scenario,
    struct diags *d)
{
	findings_init(&a->findings);
	if (view)
		a->sim = sim_run_view(a->dsn, depth, scenario);
	else {
		rules_check(a->dsn, &a->findings);
		a->sim = sim_run(a->dsn, depth);
	}
	if (a->sim->pairs_skipped)
		diags_add(d, DIAG_WARNING, a->dsn->file,
		    design_mark(a->dsn->failover.node, "depth"), NULL,
		    "failover depth 2 would simulate %zu pairs of failures, "
		    "more than the limit of %d; simulated single failures "
		    "only (use depth 1, or split the design)",
		    a->sim->pairs_skipped, SIM_MAX_PAIRS);
	if (!check_tests(a->dsn, a->sim, d)) {
		analysis_release(a);
		return 0;
	}
	if (!view) {
		sim_findings(a->sim, &a->findings);
		findings_finish(&a->findings, a->dsn, d);
	}
	return 1;
}

static int
analysis_path(struct analysis *a, const char *path, long depth, int view,
    const char *scenario, struct diags *d)
{
	memset(a, 0, sizeof(*a));
	a->dsn = design_load(path, d);
	if (a->dsn == NULL)
		return 0;
	return analysis_finish(a, depth, view, scenario, d);
}

int
analysis_run(struct analysis *a, const char *path, long depth,
    struct diags *d)
{
	return analysis_path(a, path, depth, 0, NULL, d);
}

int
analysis_run_view(struct analysis *a, const char *path,
    const char *scenario, struct diags *d)
{
	return analysis_path(a, path, 0, 1, scenario, d);
}

int
analysis_run_mem(struct analysis *a, const char *name, const char *data,
    size_t len, long depth, struct diags *d)
{
	memset(a, 0, sizeof(*a));
	a->dsn = design_load_mem(name, data, len, d);
	if (a->dsn == NULL)
		return 0;
	return analysis_finish(a, depth, 0, NULL, d);
}

void
analysis_release(struct analysis *a)
{
	findings_release(&a->findings);
	sim_free(a->sim);
	design_free(a->dsn);
	memset(a, 0, sizeof(*a));
}

/*
 * One design taken through the checking stages: load and bind, rule
 * checks, simulation, HD6xx findings, suppression.  Every command that
 * reads a design starts here, so no command re-derives what another
 * stage computed.
 */
#ifndef HYBRIDOC_ANALYSIS_H
#define HYBRIDOC_ANALYSIS_H

#include "hybridoc/findings.h"

struct design;
struct diags;
struct sim;

struct analysis {
	struct design	*dsn;
	struct sim	*sim;
	struct findings	 findings;
};

/*
 * Loads path and runs every check; depth 0 takes the design's
 * failover.depth.  Input errors (which stop the pipeline) go to d.
 * failover.tests entries that name no scenario are input errors too.
 * Returns non-zero when the design was well-formed; then a holds the
 * results and the caller releases them with analysis_release().
 */
int	analysis_run(struct analysis *a, const char *path, long depth,
	    struct diags *d);
/*
 * For one picture of the design, the baseline or the scenario named
 * (NULL: the baseline): loads and checks as analysis_run() does, but
 * simulates only that scenario (sim_run_view()) and finds nothing
 * (a->findings stays empty).
 */
int	analysis_run_view(struct analysis *a, const char *path,
	    const char *scenario, struct diags *d);
/* The same for a design already in memory (name for messages). */
int	analysis_run_mem(struct analysis *a, const char *name,
	    const char *data, size_t len, long depth, struct diags *d);
void	analysis_release(struct analysis *a);

#endif

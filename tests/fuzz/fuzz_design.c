/*
 * libFuzzer harness for the checking half of the pipeline: one design
 * through the loader, schema binder, rules and simulation
 * (analysis_run_mem), then through the writers that need no Graphviz
 * layout -- findings JSON and SARIF, the simulation's JSON and text,
 * the Markdown runbook (with its Mermaid diagrams) and the DOT of the
 * topology -- so that whatever a hostile design gets past the checks
 * is also escaped and written without a fault.  Seeds: designs/ and
 * the YAML of the golden, bad-input, rule and simulation tests
 * (tests/fuzz/seeds.sh).
 */
#include <stddef.h>
#include <stdint.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/findings.h"
#include "hybridoc/mustache.h"
#include "hybridoc/runbook.h"
#include "hybridoc/sim.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tmpl_set *templates;

static void
render(struct analysis *a, struct diags *d)
{
	struct findings_set set;
	struct diagram	*dg;
	struct buf	 out = BUF_INIT;

	set.dsn = a->dsn;
	set.f = &a->findings;
	findings_json(&out, &set, 1);
	buf_truncate(&out, 0);
	findings_sarif(&out, &set, 1);
	buf_truncate(&out, 0);
	sim_json(&out, a->sim, NULL);
	buf_truncate(&out, 0);
	sim_text(&out, a->sim, NULL, 0);
	buf_truncate(&out, 0);
	if (templates == NULL)
		templates = runbook_templates(NULL);
	dg = diagram_new(a->dsn, a->sim, DIAGRAM_SUMMARY);
	runbook_render(a, dg, 0, templates, &out, d);
	buf_truncate(&out, 0);
	diagram_render(dg, NULL, DIAGRAM_DOT, &out, d);
	diagram_free(dg);
	buf_release(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct analysis	 a;
	struct diags	 d;

	diags_init(&d);
	if (analysis_run_mem(&a, "fuzz.yaml", (const char *)data, size, 0,
	    &d)) {
		render(&a, &d);
		analysis_release(&a);
	}
	diags_release(&d);
	return 0;
}

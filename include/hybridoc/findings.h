/*
 * Findings: what the rules and the simulation say about a well-formed
 * design, each tied to a catalog rule (rules.h), an object path
 * ("sites.HQ", "azure.vpn_gateway", "circuits.er-eus-equinix-dc") and
 * a position.  Suppression from the design's suppress: entries is
 * applied once, after every check ran.  Writers for text, JSON and
 * SARIF 2.1.0 live in findings.c.
 */
#ifndef HYBRIDOC_FINDINGS_H
#define HYBRIDOC_FINDINGS_H

#include <stddef.h>
#include <stdio.h>

#include "hybridoc/catalog.h"
#include "hybridoc/diag.h"
#include "hybridoc/value.h"

struct buf;
struct design;
struct rule;

struct finding {
	const struct rule *rule;
	char		*object;	/* object path */
	struct mark	 mark;
	char		*msg;		/* what is wrong and how to fix it */
	int		 suppressed;
	const char	*reason;	/* the suppress entry's reason */
};

struct findings {
	struct finding	*v;
	size_t		 n;
	size_t		 cap;
};

void	findings_init(struct findings *f);
void	findings_release(struct findings *f);
/*
 * Adds a finding for the catalog rule id (an id outside the catalog is
 * a programming error and aborts).  The message is formatted.
 */
void	findings_add(struct findings *f, enum rule_id id, const char *object,
	    struct mark mark, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
/*
 * Marks findings matched by the design's suppress entries (rule equal,
 * object equal or a parent path of the finding's object), then sorts
 * all findings by line, column, rule id and message so output is
 * stable.  An entry that matches nothing adds a note to d at the
 * entry's position.
 */
void	findings_finish(struct findings *f, const struct design *dsn,
	    struct diags *d);
/* Counts of unsuppressed findings at level (DIAG_ERROR, ...). */
size_t	findings_count(const struct findings *f, enum diag_level level);
/* The level of a finding (its rule's severity). */
enum diag_level finding_level(const struct finding *g);

/* One design's findings, for the writers below. */
struct findings_set {
	const struct design	*dsn;
	const struct findings	*f;
};

/*
 * Text: "file:line:col: severity: message [ID]" per unsuppressed
 * finding, then one line per suppressed one ("note: suppressed ...").
 */
void	findings_text(FILE *fp, const struct findings_set *sets, size_t n,
	    int colour);
/*
 * The same; with verbose, each finding is followed by a note line at
 * its position with the rule's title and its Microsoft Learn link.
 */
void	findings_text_verbose(FILE *fp, const struct findings_set *sets,
	    size_t n, int colour, int verbose);
/*
 * JSON, stable and indented, ending in a newline:
 * {"designs":[{"file","name","errors","warnings","findings":[{"rule",
 * "severity","object","line","column","message","help","suppressed",
 * "reason" (suppressed only)}]}],
 *  "summary":{"designs","errors","warnings","suppressed"}}
 * errors and warnings count unsuppressed findings.
 */
void	findings_json(struct buf *out, const struct findings_set *sets,
	    size_t n);
/* SARIF 2.1.0 with every catalog rule in the driver. */
void	findings_sarif(struct buf *out, const struct findings_set *sets,
	    size_t n);
/*
 * The same reports with the input errors of input (its diagnostics
 * whose id is a row of input_rules[]) as well: JSON lists them under
 * "input_errors" and counts the designs read, checked and not checked;
 * SARIF makes each a result at its file, line and column, and sets
 * invocations[0].executionSuccessful to false when there is any.
 */
void	findings_json_inputs(struct buf *out, const struct findings_set *sets,
	    size_t n, const struct diags *input);
void	findings_sarif_inputs(struct buf *out,
	    const struct findings_set *sets, size_t n,
	    const struct diags *input);
/*
 * The Azure Pipelines run a SARIF log comes from, for Azure DevOps
 * Advanced Security: its ingestion wants the run's
 * automationDetails.id to read
 * azuredevops/pipeline/build/ORG/PROJECT-ID/DEFINITION-ID/PHASE-ID/
 * BRANCH/BUILD-ID and four automationDetails properties
 * (azuredevops/pipeline/build/buildDefinitionId, buildDefinitionName,
 * phaseId, phaseName).  Only a pipeline knows them: sarif_ado.c reads
 * them from Azure Pipelines' predefined variables.  Strings owned by
 * the struct.
 */
struct sarif_ado {
	char	*id;			/* automationDetails.id */
	char	*definition_id;		/* a positive integer, as text */
	char	*definition_name;
	char	*phase_id;		/* a GUID, 8-4-4-4-12, lower case */
	char	*phase_name;
};
#define SARIF_ADO_INIT	{ NULL, NULL, NULL, NULL, NULL }

/*
 * Reads the pipeline's identity with get (getenv, or a test's own
 * table): TF_BUILD, SYSTEM_COLLECTIONURI (the organization),
 * SYSTEM_TEAMPROJECTID, BUILD_DEFINITIONID or SYSTEM_DEFINITIONID,
 * BUILD_DEFINITIONNAME, BUILD_BUILDID, SYSTEM_PHASEID or SYSTEM_JOBID,
 * SYSTEM_PHASENAME or SYSTEM_JOBNAME, BUILD_SOURCEBRANCH.  Returns 0,
 * a not touched, when TF_BUILD is not True or none of the others is
 * set (not a pipeline); 1 with a filled when every one is set and
 * well formed; -1 when some are set and others missing or malformed,
 * with a sentence naming each problem in err and a not touched.
 */
int	sarif_ado_detect(struct sarif_ado *a, char *(*get)(const char *),
	    struct buf *err);
/* Frees a's strings; a may be NULL. */
void	sarif_ado_release(struct sarif_ado *a);
/*
 * findings_sarif_inputs with, when ado is not NULL, the pipeline's
 * automationDetails instead of the default {"id":
 * "hybridoc/validate/"}.
 */
void	findings_sarif_ado(struct buf *out,
	    const struct findings_set *sets, size_t n,
	    const struct diags *input, const struct sarif_ado *ado);
/*
 * findings_sarif_ado for the command that found them: outside a
 * pipeline the run's automationDetails.id is "hybridoc/COMMAND/", a
 * hierarchical id whose part before the last "/" names the run's
 * category (SARIF 2.1.0, runAutomationDetails): code scanning keeps
 * one analysis per category, so validate's and drift's logs uploaded
 * side by side do not replace each other's results.  command NULL is
 * "validate".
 */
void	findings_sarif_run(struct buf *out,
	    const struct findings_set *sets, size_t n,
	    const struct diags *input, const struct sarif_ado *ado,
	    const char *command);

/*
 * The report formats of `hybridoc validate` and `hybridoc drift`, one
 * row each: its --format name and its writer, which appends the report
 * (with the input errors of input, which may be NULL) to out.  The table
 * drives both commands' dispatch; their --format table (cli.h's
 * findings_cli_fmts[], in cmd_validate.c) lists the same names, and
 * tests/test_findings.c fails when they differ.  A new format is a
 * writer and a row here, and a row there.
 */
struct findings_opts {
	int		 colour;	/* text: ANSI colour */
	int		 verbose;	/* text: a note with the Learn link */
	const struct sarif_ado *ado;	/* sarif: the pipeline's run, or NULL */
	const char	*command;	/* sarif: "validate" (NULL) or "drift" */
};
struct findings_format {
	const char	*name;
	void		(*write)(struct buf *out,
			    const struct findings_set *sets, size_t n,
			    const struct findings_opts *o,
			    const struct diags *input);
};
extern const struct findings_format findings_formats[];	/* NULL name ends */

/* How many distinct files the input errors of d are in. */
size_t	findings_input_files(const struct diags *d);

#endif

/*
 * The Azure Pipelines identity of a SARIF run (findings.h, struct
 * sarif_ado).  Azure DevOps Advanced Security files a SARIF log under
 * the pipeline, phase and branch its automationDetails name: the id
 * azuredevops/pipeline/build/ORG/PROJECT-ID/DEFINITION-ID/PHASE-ID/
 * BRANCH/BUILD-ID and four properties.  A pipeline's agent exports
 * those facts as predefined variables (Azure Pipelines, "Use
 * predefined variables": System.CollectionUri, System.TeamProjectId,
 * System.DefinitionId, Build.DefinitionName, Build.BuildId,
 * System.PhaseId, System.PhaseName, System.JobId, System.JobName,
 * Build.SourceBranch, and TF_BUILD=True inside any pipeline), which
 * is all this file reads; outside a pipeline nothing is read and the
 * SARIF keeps hybridoc's own id.  The variables, their fallbacks and
 * the checks are those of Microsoft's SARIF Multitool (its
 * GHAzDO1019/GHAzDO1020 rules and its pipeline detector), so that a
 * log written here passes `sarif-multitool validate --rule-kind
 * GHAzDO`.  The caller passes getenv, or a table in a test.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/findings.h"
#include "hybridoc/xalloc.h"

/* The value of name, trimmed of blanks, or NULL when unset or blank. */
static char *
var(char *(*get)(const char *), const char *name)
{
	const char	*v = get(name);
	size_t		 n;

	if (v == NULL)
		return NULL;
	while (*v == ' ' || *v == '\t')
		v++;
	n = strlen(v);
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t' ||
	    v[n - 1] == '\r' || v[n - 1] == '\n'))
		n--;
	if (n == 0)
		return NULL;
	{
		char	*s = xmalloc(n + 1);

		memcpy(s, v, n);
		s[n] = '\0';
		return s;
	}
}

/* One problem more in err, "; " between them. */
static void
problem(struct buf *err, const char *fmt, const char *a, const char *b)
{
	if (err->len > 0)
		buf_puts(err, "; ");
	buf_printf(err, fmt, a, b);
}

/* s is a positive decimal integer that fits an int. */
static int
positive_int(const char *s)
{
	long	 v = 0;

	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
		if (v > INT_MAX)
			return 0;
	}
	return v > 0;
}

/* s is a GUID in the 8-4-4-4-12 form, not all zeros; lower-cased. */
static int
guid(char *s)
{
	static const int groups[] = { 8, 4, 4, 4, 12 };
	size_t		 g, k;
	int		 nonzero = 0;
	char		*p = s;

	for (g = 0; g < 5; g++) {
		for (k = 0; k < (size_t)groups[g]; k++, p++) {
			if (!isxdigit((unsigned char)*p))
				return 0;
			*p = (char)tolower((unsigned char)*p);
			nonzero |= *p != '0';
		}
		if (g < 4 && *p++ != '-')
			return 0;
	}
	return *p == '\0' && nonzero;
}

/*
 * The organization in a collection URI: https://dev.azure.com/ORG/
 * or https://ORG.visualstudio.com/ (vsrm. forms too), else NULL.
 */
static char *
organization(const char *uri)
{
	const char	*h, *e;
	size_t		 n;

	if (strncmp(uri, "https://", 8) == 0)
		h = uri + 8;
	else if (strncmp(uri, "http://", 7) == 0)
		h = uri + 7;
	else
		return NULL;
	e = h + strcspn(h, "/");
	n = (size_t)(e - h);
	if ((n == 13 && strncmp(h, "dev.azure.com", 13) == 0) ||
	    (n == 18 && strncmp(h, "vsrm.dev.azure.com", 18) == 0)) {
		if (*e != '/' || e[1] == '\0' || e[1] == '/')
			return NULL;
		h = e + 1;
		n = strcspn(h, "/");
	} else if (n > 17 && strncmp(e - 17, ".visualstudio.com", 17) == 0) {
		n -= 17;
		if (n > 5 && strncmp(h + n - 5, ".vsrm", 5) == 0)
			n -= 5;
	} else
		return NULL;
	if (n == 0 || memchr(h, '.', n) != NULL)
		return NULL;
	{
		char	*s = xmalloc(n + 1);

		memcpy(s, h, n);
		s[n] = '\0';
		return s;
	}
}

int
sarif_ado_detect(struct sarif_ado *a, char *(*get)(const char *),
    struct buf *err)
{
	enum { COLL, PROJ, DEF, DEF2, DNAME, BUILD, PHASE, PHASE2, PNAME,
	    PNAME2, BRANCH, NVARS };
	static const char *const names[NVARS] = {
		"SYSTEM_COLLECTIONURI", "SYSTEM_TEAMPROJECTID",
		"BUILD_DEFINITIONID", "SYSTEM_DEFINITIONID",
		"BUILD_DEFINITIONNAME", "BUILD_BUILDID", "SYSTEM_PHASEID",
		"SYSTEM_JOBID", "SYSTEM_PHASENAME", "SYSTEM_JOBNAME",
		"BUILD_SOURCEBRANCH"
	};
	struct buf	 e = BUF_INIT, id = BUF_INIT;
	char		*v[NVARS], *tf, *org = NULL;
	char		*def, *phase, *pname;
	const char	*defvar, *phasevar;
	size_t		 i, set = 0;
	int		 rc = 0;

	tf = var(get, "TF_BUILD");
	if (tf == NULL || (strcmp(tf, "True") != 0 && strcmp(tf, "true") !=
	    0 && strcmp(tf, "TRUE") != 0 && strcmp(tf, "1") != 0)) {
		free(tf);
		return 0;
	}
	free(tf);
	for (i = 0; i < NVARS; i++)
		set += (v[i] = var(get, names[i])) != NULL;
	if (set == 0)
		goto out;
	/* Of each pair the first wins; two definition ids must agree. */
	def = v[DEF] ? v[DEF] : v[DEF2];
	defvar = v[DEF] ? names[DEF] : names[DEF2];
	phase = v[PHASE] ? v[PHASE] : v[PHASE2];
	phasevar = v[PHASE] ? names[PHASE] : names[PHASE2];
	pname = v[PNAME] ? v[PNAME] : v[PNAME2];
	if (v[COLL] == NULL)
		problem(&e, "%s is not set%s", names[COLL], "");
	else if ((org = organization(v[COLL])) == NULL)
		problem(&e, "%s='%s' names no Azure DevOps organization",
		    names[COLL], v[COLL]);
	if (v[PROJ] == NULL)
		problem(&e, "%s is not set%s", names[PROJ], "");
	else if (!guid(v[PROJ]))
		problem(&e, "%s='%s' is not a GUID", names[PROJ], v[PROJ]);
	if (def == NULL)
		problem(&e, "%s (or %s) is not set", names[DEF], names[DEF2]);
	else if (!positive_int(def))
		problem(&e, "%s='%s' is not a positive integer", defvar, def);
	else if (v[DEF] != NULL && v[DEF2] != NULL &&
	    strcmp(v[DEF], v[DEF2]) != 0)
		problem(&e, "%s and %s disagree", names[DEF], names[DEF2]);
	if (v[DNAME] == NULL)
		problem(&e, "%s is not set%s", names[DNAME], "");
	if (v[BUILD] == NULL)
		problem(&e, "%s is not set%s", names[BUILD], "");
	else if (!positive_int(v[BUILD]))
		problem(&e, "%s='%s' is not a positive integer", names[BUILD],
		    v[BUILD]);
	if (phase == NULL)
		problem(&e, "%s (or %s) is not set", names[PHASE],
		    names[PHASE2]);
	else if (!guid(phase))
		problem(&e, "%s='%s' is not a GUID", phasevar, phase);
	if (pname == NULL)
		problem(&e, "%s (or %s) is not set", names[PNAME],
		    names[PNAME2]);
	if (v[BRANCH] == NULL)
		problem(&e, "%s is not set%s", names[BRANCH], "");
	if (e.len > 0) {
		if (err != NULL)
			buf_puts(err, buf_cstr(&e));
		rc = -1;
		goto out;
	}
	buf_printf(&id, "azuredevops/pipeline/build/%s/%s/%s/%s/%s/%s",
	    org, v[PROJ], def, phase, v[BRANCH], v[BUILD]);
	a->id = buf_detach(&id, NULL);
	a->definition_id = xstrdup(def);
	a->definition_name = xstrdup(v[DNAME]);
	a->phase_id = xstrdup(phase);
	a->phase_name = xstrdup(pname);
	rc = 1;
out:
	for (i = 0; i < NVARS; i++)
		free(v[i]);
	free(org);
	buf_release(&e);
	return rc;
}

void
sarif_ado_release(struct sarif_ado *a)
{
	if (a == NULL)
		return;
	free(a->id);
	free(a->definition_id);
	free(a->definition_name);
	free(a->phase_id);
	free(a->phase_name);
	a->id = a->definition_id = a->definition_name = NULL;
	a->phase_id = a->phase_name = NULL;
}

/*
 * Procedures, part one (procedure_int.h): the records themselves -- the
 * pieces every record is made of (lists of strings without duplicates,
 * steps with their commands, expected results and time bounds,
 * documented or labelled estimates), a set's life (add, find, free,
 * checks listed once), and the notes every finished record gets from
 * its own text (the placeholder to fill in, the pages of the reference
 * keys it cites).  Everything here is owned by the procedure it is
 * added to.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/findings.h"
#include "hybridoc/prefix.h"
#include "hybridoc/procedure.h"
#include "hybridoc/rules.h"
#include "hybridoc/shell.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

#include "procedure_int.h"

void
proc_strv_add(char ***v, size_t *n, const char *s)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

/* strv_add of a formatted string. */
void
proc_strv_addf(char ***v, size_t *n, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	proc_strv_add(v, n, buf_cstr(&b));
	buf_release(&b);
}

void
proc_strv_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

struct proc_step *
proc_step_add(struct proc_steps *s, const char *fmt, ...)
{
	struct proc_step *p;
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	xgrow(&s->v, &s->cap, s->n + 1, sizeof(*s->v));
	p = &s->v[s->n++];
	memset(p, 0, sizeof(*p));
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p->text = buf_detach(&b, NULL);
	return p;
}

/* A step with the same text already there (checks are listed once). */
int
proc_step_has(const struct proc_steps *s, const char *text)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].text, text) == 0)
			return 1;
	return 0;
}

void
proc_set_str(char **dst, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(*dst);
	*dst = buf_detach(&b, NULL);
}

void
proc_step_cmds(struct proc_step *p, struct buf *az, struct buf *ps)
{
	/* A command that needs an unknown value cannot run (shell.h). */
	if (az != NULL)
		shell_guard_unknown(az);
	if (ps != NULL)
		shell_guard_unknown(ps);
	if (az != NULL && az->len) {
		p->az = xstrdup(buf_cstr(az));
		buf_truncate(az, 0);
	}
	if (ps != NULL && ps->len) {
		p->ps = xstrdup(buf_cstr(ps));
		buf_truncate(ps, 0);
	}
}

void
proc_step_target(struct proc_step *p, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	proc_strv_add(&p->targets, &p->ntargets, buf_cstr(&b));
	buf_release(&b);
}

void
proc_step_within(struct proc_step *p, long s, const char *source,
    const char *why)
{
	p->within_s = s;
	proc_set_str(&p->within, "within %ld s (%s)", s, why);
	proc_set_str(&p->within_cell, "%ld s (%s)", s, source);
	proc_set_str(&p->source, "%s", source);
}

/*
 * A figure a page calls typical, not a bound (RESVAL's "typically
 * completes within 15 s"): worded as typical.
 */
void
proc_step_typical(struct proc_step *p, long s, const char *source,
    const char *why)
{
	p->within_s = s;
	proc_set_str(&p->within, "typically within %ld s (%s; typical, not "
	    "a bound)", s, why);
	proc_set_str(&p->within_cell, "typically %ld s (%s)", s, source);
	proc_set_str(&p->source, "%s", source);
}

/* A time no page documents: labelled an estimate, with its reasoning. */
void
proc_step_estimate(struct proc_step *p, long s, const char *why)
{
	p->within_s = s;
	proc_set_str(&p->within, "about %ld s (estimate: %s)", s, why);
	proc_set_str(&p->within_cell, "about %ld s (estimate)", s);
	proc_set_str(&p->source, SRC_ESTIMATE);
}

/* The rollback's bound: how long BGP may take to come back. */
void
proc_step_back_estimate(struct proc_step *p)
{
	proc_step_estimate(p, HOLD_S, "no page gives the time BGP takes to "
	    "re-establish after a test ends; one BGP hold time, 180 s "
	    "(ERBFD, VPNBGPTS), is allowed before it counts as not back");
}

/*
 * The same bound for the tunnels of a static device, which have no BGP
 * (audit: the hold time is no reason there): the tunnel comes back when
 * IKE negotiates again, for which no page gives a time.
 */
void
proc_step_tunnel_back_estimate(struct proc_step *p)
{
	proc_step_estimate(p, HOLD_S, "no page gives the time a tunnel takes "
	    "to come back once what the test stopped is up again: IKE must "
	    "negotiate a new security association first; a static device "
	    "runs no BGP, so no BGP timer applies. 180 s is a margin chosen "
	    "to match the other rollback checks, not a timer: past it, the "
	    "tunnel counts as not back");
}

int
procedure_in_scope(const struct procedure *p, const char *path)
{
	size_t	 i, n;

	for (i = 0; i < p->nscope; i++) {
		n = strlen(p->scope[i]);
		if (strncmp(path, p->scope[i], n) == 0 &&
		    (path[n] == '\0' || path[n] == '.'))
			return 1;
	}
	return 0;
}

/* ---- a set of records: its life and its finishing notes ---- */

static void
step_release(struct proc_step *s)
{
	free(s->text);
	free(s->az);
	free(s->ps);
	free(s->no_command);
	free(s->expect);
	free(s->within);
	free(s->within_cell);
	free(s->source);
	proc_strv_free(s->targets, s->ntargets);
	if (s->route != NULL) {
		free(s->route->prefix);
		free(s->route->site);
		free(s->route->path);
		free(s->route->via);
		free(s->route->capacity_unknown);
		free(s->route->at);
		free(s->route);
	}
}

/* Keeps the first of steps with the same text (checks listed once). */
void
proc_steps_dedupe(struct proc_steps *s)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < s->n; i++) {
		for (j = 0; j < n; j++)
			if (strcmp(s->v[j].text, s->v[i].text) == 0)
				break;
		if (j < n) {
			step_release(&s->v[i]);
			continue;
		}
		s->v[n++] = s->v[i];
	}
	s->n = n;
}

static void
procedure_free(struct procedure *p)
{
	struct proc_steps *all[5];
	size_t	 i, j;

	if (p == NULL)
		return;
	all[0] = &p->go_no_go;
	all[1] = &p->actions;
	all[2] = &p->observe;
	all[3] = &p->expect;
	all[4] = &p->rollback;
	for (i = 0; i < 5; i++) {
		for (j = 0; j < all[i]->n; j++)
			step_release(&all[i]->v[j]);
		free(all[i]->v);
	}
	free(p->id);
	proc_strv_free(p->scenarios, p->nscenarios);
	free(p->title);
	free(p->blast_radius);
	proc_strv_free(p->blast_objects, p->nblast_objects);
	proc_strv_free(p->scope, p->nscope);
	proc_strv_free(p->notes, p->nnotes);
	proc_strv_free(p->abort_if, p->nabort_if);
	free(p->abort_then);
	free(p);
}

void
procset_free(struct procset *ps)
{
	size_t	 i;

	if (ps == NULL)
		return;
	for (i = 0; i < ps->n; i++)
		procedure_free(ps->v[i]);
	free(ps->v);
	free(ps);
}

struct procedure *
proc_procset_add(struct procset *set, const char *id)
{
	struct procedure *p = xcalloc(1, sizeof(*p));

	p->id = xstrdup(id);
	xgrow(&set->v, &set->cap, set->n + 1, sizeof(*set->v));
	set->v[set->n++] = p;
	return p;
}

struct procedure *
proc_procset_find(const struct procset *set, const char *id)
{
	size_t	 i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i]->id, id) == 0)
			return set->v[i];
	return NULL;
}

/*
 * When a command carries a circuit's resource group placeholder, the
 * procedure says what to fill in (once).
 */
static void
hole_note(struct procedure *p)
{
	const struct proc_steps *all[5] = { &p->go_no_go, &p->actions,
	    &p->observe, &p->expect, &p->rollback };
	size_t	 i, j;

	for (i = 0; i < 5; i++)
		for (j = 0; j < all[i]->n; j++)
			if ((all[i]->v[j].az && strstr(all[i]->v[j].az,
			    PROC_RG_HOLE)) || (all[i]->v[j].ps &&
			    strstr(all[i]->v[j].ps, PROC_RG_HOLE))) {
				proc_strv_add(&p->notes, &p->nnotes, "A "
				    "circuit's resource group is not in the "
				    "design (circuits[].resource_group): "
				    "replace <resource-group-of-CIRCUIT> in "
				    "the commands with the group the circuit "
				    "lives in (az network express-route list "
				    "shows it) before running them; hybridoc "
				    "does not assume the hub's group.");
				return;
			}
}

/*
 * The pages behind the reference keys a procedure cites, so a reader
 * of the runbook alone can check them (review 17 #15); the same rows
 * as docs/model.md, "References".
 */
static const struct {
	const char	*key, *page;
} sources[] = {
	{ SRC_RESVAL, "learn.microsoft.com/azure/expressroute/"
	    "resiliency-validation" },
	{ SRC_ERRESET, "learn.microsoft.com/azure/expressroute/"
	    "expressroute-howto-reset-peering" },
	{ SRC_S2SBK, "learn.microsoft.com/azure/expressroute/"
	    "use-s2s-vpn-as-backup-for-expressroute-privatepeering" },
	{ SRC_LINKFO, "learn.microsoft.com/dotnet/api/"
	    "azure.resourcemanager.network.expressroutecircuitresource."
	    "startcircuitlinkfailovertest (API 2025-07-01)" },
	{ SRC_ERBFD, "learn.microsoft.com/azure/expressroute/expressroute-bfd" },
	{ "VPNBGPTS", "learn.microsoft.com/troubleshoot/azure/vpn-gateway/"
	    "vpn-gateway-troubleshoot-bgp" },
	{ SRC_VPNRESET, "learn.microsoft.com/azure/vpn-gateway/reset-gateway" },
	{ SRC_VPNHA, "learn.microsoft.com/azure/vpn-gateway/"
	    "vpn-gateway-highlyavailable" },
	{ SRC_VPNDPD, "learn.microsoft.com/azure/vpn-gateway/"
	    "vpn-gateway-vpn-faq (IPsec/IKE policy: \"The default DPD "
	    "timeout is 45 seconds\")" },
};

/* Whether key occurs in s as a word. */
static int
cites(const char *s, const char *key)
{
	size_t	 n = strlen(key);
	const char *t;

	for (t = s; s != NULL && (t = strstr(t, key)) != NULL; t += n)
		if ((t == s || !(t[-1] >= 'A' && t[-1] <= 'Z')) &&
		    !(t[n] >= 'A' && t[n] <= 'Z'))
			return 1;
	return 0;
}

static int
steps_cite(const struct proc_steps *st, const char *key)
{
	size_t	 j;

	for (j = 0; j < st->n; j++)
		if (cites(st->v[j].text, key) || cites(st->v[j].within, key) ||
		    cites(st->v[j].source, key) || cites(st->v[j].expect, key) ||
		    cites(st->v[j].no_command, key))
			return 1;
	return 0;
}

static void
sources_note(struct procedure *p)
{
	const struct proc_steps *all[5] = { &p->go_no_go, &p->actions,
	    &p->observe, &p->expect, &p->rollback };
	struct buf	 b = BUF_INIT;
	size_t		 i, k, n = 0;
	int		 hit;

	for (k = 0; k < sizeof(sources) / sizeof(sources[0]); k++) {
		hit = cites(p->blast_radius, sources[k].key);
		for (i = 0; i < 5 && !hit; i++)
			hit = steps_cite(all[i], sources[k].key);
		for (i = 0; i < p->nnotes && !hit; i++)
			hit = cites(p->notes[i], sources[k].key);
		for (i = 0; i < p->nabort_if && !hit; i++)
			hit = cites(p->abort_if[i], sources[k].key);
		hit = hit || cites(p->abort_then, sources[k].key);
		if (hit)
			buf_printf(&b, "%s%s: %s", n++ ? "; " : "Sources "
			    "this procedure cites: ", sources[k].key,
			    sources[k].page);
	}
	if (n) {
		buf_putc(&b, '.');
		proc_strv_add(&p->notes, &p->nnotes, buf_cstr(&b));
	}
	buf_release(&b);
}

struct procset *
proc_procset_finish(struct procset *set)
{
	size_t	 i;

	for (i = 0; i < set->n; i++) {
		hole_note(set->v[i]);
		sources_note(set->v[i]);
	}
	return set;
}

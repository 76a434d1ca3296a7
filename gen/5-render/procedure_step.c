/*
 * Procedures, part one (procedure_int.h): the pieces every record is
 * made of -- lists of strings without duplicates, and steps with their
 * commands, expected results and time bounds, documented or labelled
 * estimates.  Everything here is owned by the procedure it is added to.
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
	proc_set_str(&p->source, "%s", source);
}

/* A time no page documents: labelled an estimate, with its reasoning. */
void
proc_step_estimate(struct proc_step *p, long s, const char *why)
{
	p->within_s = s;
	proc_set_str(&p->within, "about %ld s (estimate: %s)", s, why);
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

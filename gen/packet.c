/*
 * The packet stage: base and head, each through the checking pipeline
 * (analysis.h), and the semantic diff between them become one value
 * tree -- change summary, risk, findings before and after, routing
 * impact per scenario, implementation plan, verification, rollback and
 * sign-off -- which the packet templates render to Markdown, cmark-gfm
 * to HTML, and the JSON writer prints as is.  Every fact is derived
 * here from the diff, the two simulations and the two finding lists;
 * the templates only place values.  The implementation plan is a list
 * of actions, each with its inverse, so the rollback is the inverses
 * in reverse order by construction.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/diff.h"
#include "hybridoc/findings.h"
#include "hybridoc/load.h"
#include "hybridoc/markdown.h"
#include "hybridoc/mustache.h"
#include "hybridoc/packet.h"
#include "hybridoc/prefix.h"
#include "hybridoc/rules.h"
#include "hybridoc/runbook.h"
#include "hybridoc/sim.h"
#include "hybridoc/templates.h"
#include "hybridoc/value.h"
#include "hybridoc/version.h"
#include "hybridoc/view.h"
#include "hybridoc/xalloc.h"

#define PFX(p, b)	prefix_format((p), (b), 1)
#define ADDR(p, b)	prefix_format((p), (b), 0)

/* Longest value shown in a summary cell; JSON keeps the whole value. */
#define SHOW_MAX	60

enum risk {
	RISK_NONE,
	RISK_LOW,
	RISK_MEDIUM,
	RISK_HIGH
};

static const char *const risk_names[] = { "none", "low", "medium", "high" };

/* ---- small builders ---- */

static struct value *
put_list(struct value *map, const char *key)
{
	return value_map_put(map, key, value_new_list());
}

static struct value *
push_map(struct value *list)
{
	return value_list_push(list, value_new_map());
}

static void
put_opt(struct value *map, const char *key, const char *s)
{
	value_map_put(map, key, s ? value_new_str(s) : value_new_null());
}

static void
put_buf(struct value *map, const char *key, struct buf *b)
{
	value_map_put(map, key, value_new_str_owned(buf_detach(b, NULL)));
}

static void
mbps_text(struct buf *b, long mbps)
{
	if (mbps >= 1000 && mbps % 1000 == 0)
		buf_printf(b, "%ld Gbps", mbps / 1000);
	else if (mbps >= 1000 && mbps % 10 == 0)
		buf_printf(b, "%.2f Gbps", (double)mbps / 1000);
	else
		buf_printf(b, "%ld Mbps", mbps);
}

static void
prefixes_text(struct buf *b, const struct prefix *p, size_t n,
    const char *sep)
{
	char	 t[PREFIX_STRLEN];
	size_t	 i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? sep : "", PFX(&p[i], t));
}

/* A value for a table cell: one line, at most SHOW_MAX characters. */
static void
show_value(struct buf *b, const char *s)
{
	size_t	 i, n = 0;

	if (s == NULL) {
		buf_puts(b, "not set");
		return;
	}
	for (i = 0; s[i] && s[i] != '\n' && n < SHOW_MAX; i++) {
		buf_putc(b, s[i]);
		/* Count characters, not UTF-8 continuation bytes. */
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	}
	while (((unsigned char)s[i] & 0xc0) == 0x80)
		buf_putc(b, s[i++]);
	if (s[i] == '\n' && s[i + 1] == '\0')
		return;
	if (s[i])
		buf_puts(b, "…");
}

/*
 * A shell word for a value from the design that is not a name (names
 * are limited to letters, digits, _ . - by the schema): as is when it
 * is plainly safe, else in single quotes.  A value with control
 * characters (a newline would end the command, and the Markdown code
 * block) is replaced by a placeholder; returns 0 then.
 */
static int
sh_word(struct buf *b, const char *s)
{
	const char	*p;
	int		 plain = *s != '\0' && *s != '-';

	for (p = s; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			buf_puts(b, "'<value with control characters: see "
			    "the design>'");
			return 0;
		}
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("_./:=@%+,-", *p)))
			plain = 0;
	}
	if (plain) {
		buf_puts(b, s);
		return 1;
	}
	buf_putc(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'')
			buf_puts(b, "'\\''");
		else
			buf_putc(b, *p);
	}
	buf_putc(b, '\'');
	return 1;
}

/* "Cisco ASR 1001-X", "VPN device" when neither is given. */
static void
device_words(struct buf *b, const struct vpn_device *v)
{
	if (v->vendor && v->model)
		buf_printf(b, "%s %s", v->vendor, v->model);
	else if (v->vendor || v->model)
		buf_puts(b, v->vendor ? v->vendor : v->model);
	else
		buf_puts(b, "VPN device");
}

/* ---- routing impact ---- */

/* One prefix of either version and where its route comes from. */
struct uatom {
	struct prefix	 p;
	long		 b;	/* base atom for "before"; -1: none */
	long		 h;	/* head atom for "after" */
};

/* Scenario-level results, kept for risk and verification. */
struct scen {
	const char	*id;
	const char	*status;	/* "changed", "new", "removed" */
	int		 in_head;
	size_t		 nrows;
	size_t		 pathreach;	/* rows with a path or reachability
					   change */
	size_t		 capacity;	/* rows with a capacity change */
	size_t		 lost;		/* rows that lose reachability */
	char		*title;
	struct buf	 sig;		/* the rows as text, for grouping */
	struct value	*entry;		/* in the routing list */
};

struct impact {
	struct uatom	*u;
	size_t		 nu;
	struct scen	*sc;
	size_t		 nsc;
	size_t		 rows;
	int		 truncated;
};

static long
atom_exact(const struct sim *s, const struct prefix *p)
{
	size_t	 lo = 0, hi = s->natoms, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = prefix_cmp(&s->atoms[mid], p);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Atoms are sorted, but do not rely on the order's details. */
	for (mid = 0; mid < s->natoms; mid++)
		if (prefix_cmp(&s->atoms[mid], p) == 0)
			return (long)mid;
	return -1;
}

/* The most specific atom of s that contains p, or -1. */
static long
atom_cover(const struct sim *s, const struct prefix *p)
{
	long	 best = -1;
	size_t	 i;

	for (i = 0; i < s->natoms; i++)
		if (prefix_contains(&s->atoms[i], p) &&
		    (best < 0 || s->atoms[i].len > s->atoms[best].len))
			best = (long)i;
	return best;
}

static int
cmp_prefix(const void *a, const void *b)
{
	return prefix_cmp(a, b);
}

static void
union_atoms(struct impact *im, const struct sim *bs, const struct sim *hs)
{
	struct prefix	*all;
	size_t		 n = 0, i, k = 0;
	long		 e;

	all = xreallocarray(NULL, bs->natoms + hs->natoms + 1, sizeof(*all));
	for (i = 0; i < bs->natoms; i++)
		all[n++] = bs->atoms[i];
	for (i = 0; i < hs->natoms; i++)
		all[n++] = hs->atoms[i];
	qsort(all, n, sizeof(*all), cmp_prefix);
	im->u = xcalloc(n + 1, sizeof(*im->u));
	for (i = 0; i < n; i++) {
		if (k && prefix_cmp(&im->u[k - 1].p, &all[i]) == 0)
			continue;
		im->u[k].p = all[i];
		e = atom_exact(bs, &all[i]);
		im->u[k].b = e >= 0 ? e : atom_cover(bs, &all[i]);
		e = atom_exact(hs, &all[i]);
		im->u[k].h = e >= 0 ? e : atom_cover(hs, &all[i]);
		k++;
	}
	im->nu = k;
	free(all);
}

static void
route_text(struct buf *b, const struct sim_route *r, const struct prefix *row)
{
	char	 t[PREFIX_STRLEN];

	if (r->path == SIM_NONE) {
		buf_puts(b, "unreachable");
		return;
	}
	buf_printf(b, "%s via %s, ", sim_path_name(r->path), r->via);
	mbps_text(b, r->capacity_mbps);
	if (prefix_cmp(&r->matched, row) != 0)
		buf_printf(b, " (route %s)", PFX(&r->matched, t));
}

static struct value *
route_value(const struct sim_route *r, const struct prefix *row)
{
	struct value	*m;
	struct buf	 b = BUF_INIT;
	char		 t[PREFIX_STRLEN];

	if (r == NULL)
		return value_new_null();
	m = value_new_map();
	value_map_str(m, "path", sim_path_name(r->path));
	value_map_str(m, "via", r->via);
	value_map_str(m, "route", r->path == SIM_NONE ? "" :
	    PFX(&r->matched, t));
	value_map_int(m, "capacity_mbps", r->capacity_mbps);
	route_text(&b, r, row);
	put_buf(m, "text", &b);
	return m;
}

/*
 * What changed between two routes (NULL: the prefix is not in that
 * version, the same as unreachable).  Bits: 1 path, 2 capacity,
 * 4 reachability, 8 reachability lost.
 */
static unsigned
route_delta(const struct sim_route *a, const struct sim_route *b)
{
	int	 ra = a && a->path != SIM_NONE, rb = b && b->path != SIM_NONE;

	if (ra != rb)
		return 4 | (ra ? 8 : 0);
	if (!ra)
		return 0;
	if (a->path != b->path || strcmp(a->via, b->via) != 0)
		return 1 | (a->capacity_mbps != b->capacity_mbps ? 2 : 0);
	return a->capacity_mbps != b->capacity_mbps ? 2 : 0;
}

static void
scen_rows(struct impact *im, struct scen *x, const struct analysis *ba,
    const struct analysis *ha, const struct sim_scenario *bsc,
    const struct sim_scenario *hsc, struct value *rows)
{
	const struct sim_route *rb, *rh, *ref;
	struct value	*row, *ch;
	struct buf	 t = BUF_INIT;
	char		 p[PREFIX_STRLEN];
	size_t		 i;
	unsigned	 d;
	int		 baseline = strcmp(x->id, "baseline") == 0;

	for (i = 0; i < im->nu; i++) {
		const struct uatom *u = &im->u[i];

		rb = u->b >= 0 ? sim_route_at(ba->sim, bsc, (size_t)u->b) :
		    NULL;
		rh = u->h >= 0 ? sim_route_at(ha->sim, hsc, (size_t)u->h) :
		    NULL;
		/*
		 * A prefix only one version has is compared with itself:
		 * in the baseline it appears or goes; in a failure, only
		 * what the failure does to it counts, or every scenario
		 * would repeat the baseline's row.
		 */
		ref = NULL;
		if (!baseline && rh && !rb)
			ref = sim_route_at(ha->sim, &ha->sim->scenarios[0],
			    (size_t)u->h);
		if (ref)
			d = route_delta(ref, rh);
		else if (!baseline && rb && !rh)
			d = 0;	/* gone: only the baseline says so */
		else
			d = route_delta(rb, rh);
		if (d == 0)
			continue;
		x->nrows++;
		x->pathreach += (d & 5) != 0;
		x->capacity += (d & 2) != 0;
		x->lost += (d & 8) != 0;
		PFX(&u->p, p);
		buf_printf(&x->sig, "%s|", p);
		if (rb)
			route_text(&x->sig, rb, &u->p);
		buf_putc(&x->sig, '|');
		if (rh)
			route_text(&x->sig, rh, &u->p);
		buf_putc(&x->sig, '\n');
		if (im->rows >= PACKET_MAX_ROWS) {
			im->truncated = 1;
			continue;
		}
		im->rows++;
		row = push_map(rows);
		value_map_str(row, "prefix", p);
		value_map_str(row, "site", rh && rh->site ? rh->site->name :
		    rb && rb->site ? rb->site->name : "");
		value_map_put(row, "before", route_value(rb, &u->p));
		value_map_put(row, "after", route_value(rh, &u->p));
		if (ref) {
			buf_truncate(&t, 0);
			route_text(&t, ref, &u->p);
			value_map_str(row, "baseline", buf_cstr(&t));
		}
		ch = put_list(row, "changes");
		buf_truncate(&t, 0);
		if (d & 1) {
			value_list_push(ch, value_new_str("path"));
			buf_puts(&t, "path");
		}
		if (d & 2) {
			value_list_push(ch, value_new_str("capacity"));
			buf_printf(&t, "%scapacity", t.len ? ", " : "");
		}
		if (d & 4) {
			value_list_push(ch, value_new_str("reachability"));
			buf_printf(&t, "%s%s", t.len ? ", " : "", d & 8 ?
			    "reachability lost" : "reachability gained");
		}
		value_map_str(row, "what", buf_cstr(&t));
	}
	buf_release(&t);
}

static void
impact_run(struct impact *im, const struct analysis *ba,
    const struct analysis *ha, struct value *routing)
{
	const struct sim *bs = ba->sim, *hs = ha->sim;
	struct buf	 t = BUF_INIT;
	struct value	*e, *rows;
	size_t		 i;

	memset(im, 0, sizeof(*im));
	union_atoms(im, bs, hs);
	im->sc = xcalloc(hs->nscenarios + bs->nscenarios + 1,
	    sizeof(*im->sc));
	for (i = 0; i < hs->nscenarios + bs->nscenarios; i++) {
		const struct sim_scenario *bsc, *hsc;
		struct scen	*x = &im->sc[im->nsc];

		if (i < hs->nscenarios) {
			hsc = &hs->scenarios[i];
			bsc = sim_scenario(bs, hsc->id);
			x->status = bsc ? "changed" : "new";
			if (bsc == NULL)
				bsc = &bs->scenarios[0];
			x->in_head = 1;
		} else {
			bsc = &bs->scenarios[i - hs->nscenarios];
			if (sim_scenario(hs, bsc->id) != NULL)
				continue;
			hsc = &hs->scenarios[0];
			x->status = "removed";
		}
		x->id = x->in_head ? hsc->id : bsc->id;
		buf_init(&x->sig);
		buf_truncate(&t, 0);
		view_scenario_title(x->in_head ? ha : ba, x->id, &t);
		x->title = xstrdup(buf_cstr(&t));
		e = value_new_map();
		value_map_str(e, "scenario", x->id);
		value_map_str(e, "title", x->title);
		value_map_str(e, "status", x->status);
		rows = put_list(e, "rows");
		scen_rows(im, x, ba, ha, bsc, hsc, rows);
		im->nsc++;
		if (x->nrows == 0) {
			value_free(e);
			continue;
		}
		x->entry = value_list_push(routing, e);
	}
	buf_release(&t);
}

static void
impact_release(struct impact *im)
{
	size_t	 i;

	for (i = 0; i < im->nsc; i++) {
		free(im->sc[i].title);
		buf_release(&im->sc[i].sig);
	}
	free(im->sc);
	free(im->u);
}

/*
 * The display's routing groups: the baseline alone, then scenarios
 * whose changed rows are identical, in the order of their first
 * scenario, so that a change that moves the same rows everywhere reads
 * as one table.
 */
static void
impact_groups(const struct impact *im, struct value *groups)
{
	unsigned char	*done = xcalloc(im->nsc + 1, 1);
	struct value	*g, *l, *e;
	size_t		 i, j, n;
	struct buf	 t = BUF_INIT;

	for (i = 0; i < im->nsc; i++) {
		const struct scen *x = &im->sc[i];

		if (done[i] || x->nrows == 0 || x->entry == NULL)
			continue;
		g = push_map(groups);
		l = put_list(g, "scenarios");
		n = 0;
		for (j = i; j < im->nsc; j++) {
			const struct scen *y = &im->sc[j];

			if (done[j] || y->nrows == 0 || y->entry == NULL)
				continue;
			if (j != i && (strcmp(x->id, "baseline") == 0 ||
			    strcmp(y->id, "baseline") == 0 ||
			    strcmp(buf_cstr(&x->sig), buf_cstr(&y->sig)) != 0))
				continue;
			done[j] = 1;
			e = push_map(l);
			value_map_str(e, "scenario", y->id);
			value_map_str(e, "title", y->title);
			value_map_str(e, "status", y->status);
			value_map_bool(e, "new", strcmp(y->status, "new") == 0);
			value_map_bool(e, "removed",
			    strcmp(y->status, "removed") == 0);
			n++;
		}
		buf_truncate(&t, 0);
		if (strcmp(x->id, "baseline") == 0)
			buf_puts(&t, "Baseline (nothing failed)");
		else if (n == 1)
			buf_puts(&t, x->title);
		else
			buf_printf(&t, "%zu scenarios with the same change",
			    n);
		value_map_str(g, "title", buf_cstr(&t));
		value_map_bool(g, "several", n > 1);
		value_map_put(g, "rows", value_copy(value_map_get(x->entry,
		    "rows")));
	}
	buf_release(&t);
	free(done);
}

/* ---- findings before and after ---- */

static void
finding_value(struct value *list, const struct finding *g)
{
	struct value	*e = push_map(list);

	value_map_str(e, "id", g->rule->id);
	value_map_str(e, "severity", diag_level_str(finding_level(g)));
	value_map_str(e, "object", g->object);
	value_map_str(e, "message", g->msg);
	value_map_int(e, "line", g->mark.line);
	if (g->suppressed)
		value_map_str(e, "reason", g->reason ? g->reason : "");
}

static int
same_finding(const struct finding *a, const struct finding *b)
{
	return a->rule == b->rule && strcmp(a->object, b->object) == 0;
}

struct fcounts {
	size_t	 new_errors, new_warnings;
	size_t	 resolved, nnew;
	struct buf new_err_ids, new_warn_ids;
};

static void
ids_add(struct buf *b, const char *id)
{
	const char	*p = buf_cstr(b);
	size_t		 n = strlen(id);

	/* Each id once, in order of appearance. */
	while ((p = strstr(p, id)) != NULL) {
		if ((p == buf_cstr(b) || p[-1] == ' ') &&
		    (p[n] == ',' || p[n] == '\0'))
			return;
		p += n;
	}
	buf_printf(b, "%s%s", b->len ? ", " : "", id);
}

static void
findings_compare(const struct analysis *ba, const struct analysis *ha,
    struct value *m, struct fcounts *fc)
{
	const struct findings *bf = &ba->findings, *hf = &ha->findings;
	unsigned char	*used = xcalloc(bf->n + 1, 1);
	struct value	*ln, *lr, *lu, *ls;
	size_t		 i, j;

	ln = put_list(m, "new");
	lr = put_list(m, "resolved");
	lu = put_list(m, "unchanged");
	ls = put_list(m, "suppressed");
	for (i = 0; i < hf->n; i++) {
		const struct finding *g = &hf->v[i];

		if (g->suppressed)
			continue;
		for (j = 0; j < bf->n; j++)
			if (!used[j] && !bf->v[j].suppressed &&
			    same_finding(&bf->v[j], g))
				break;
		if (j < bf->n) {
			used[j] = 1;
			finding_value(lu, g);
			continue;
		}
		finding_value(ln, g);
		fc->nnew++;
		if (finding_level(g) == DIAG_ERROR) {
			fc->new_errors++;
			ids_add(&fc->new_err_ids, g->rule->id);
		} else if (finding_level(g) == DIAG_WARNING) {
			fc->new_warnings++;
			ids_add(&fc->new_warn_ids, g->rule->id);
		}
	}
	for (j = 0; j < bf->n; j++) {
		const struct finding *g = &bf->v[j];

		if (used[j] || g->suppressed)
			continue;
		for (i = 0; i < hf->n; i++)
			if (hf->v[i].suppressed && same_finding(&hf->v[i], g))
				break;
		if (i < hf->n)
			finding_value(ls, &hf->v[i]);
		else {
			finding_value(lr, g);
			fc->resolved++;
		}
	}
	free(used);
}

/* ---- implementation plan and its inverse ---- */

/* Phases order the plan: the riskiest infrastructure first, checks last. */
enum phase {
	PH_PREPARE,
	PH_GWSUBNET,
	PH_GATEWAY,
	PH_VNET,
	PH_CIRCUIT,
	PH_SITE,
	PH_REMOVE,
	PH_OTHER,
	PH_VERIFY
};

/* One action and its inverse (has_inv 0: nothing to undo). */
struct act {
	enum phase	 phase;
	size_t		 seq;
	char		*object;
	struct buf	 title, text, cmds, down;
	int		 has_inv;
	struct buf	 ititle, itext, icmds, idown;
};

struct plan {
	struct act	**v;
	size_t		 n, cap;
	const struct design *base, *head;
};

static struct act *
act_new(struct plan *pl, enum phase ph, const char *object)
{
	struct act	*a = xcalloc(1, sizeof(*a));

	a->phase = ph;
	a->seq = pl->n;
	a->object = xstrdup(object ? object : "");
	xgrow(&pl->v, &pl->cap, pl->n + 1, sizeof(*pl->v));
	pl->v[pl->n++] = a;
	return a;
}

static void
act_free(struct act *a)
{
	if (a == NULL)
		return;
	free(a->object);
	buf_release(&a->title);
	buf_release(&a->text);
	buf_release(&a->cmds);
	buf_release(&a->down);
	buf_release(&a->ititle);
	buf_release(&a->itext);
	buf_release(&a->icmds);
	buf_release(&a->idown);
	free(a);
}

static int
act_cmp(const void *x, const void *y)
{
	const struct act *a = *(struct act *const *)x;
	const struct act *b = *(struct act *const *)y;

	if (a->phase != b->phase)
		return a->phase < b->phase ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/*
 * Commands are built one argument at a time and wrapped with a
 * backslash before a line grows past CMD_WIDTH, so they read (and
 * print) well and still paste into a shell.
 */
#define CMD_WIDTH	76

static size_t
line_len(const struct buf *c)
{
	const char	*s = buf_cstr(c), *nl = strrchr(s, '\n');

	return nl ? (size_t)(s + c->len - nl - 1) : c->len;
}

static void
arg(struct buf *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
arg(struct buf *c, const char *fmt, ...)
{
	struct buf	 t = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&t, fmt, ap);
	va_end(ap);
	if (line_len(c) + 1 + t.len > CMD_WIDTH && line_len(c) > 0)
		buf_puts(c, " \\\n    ");
	else
		buf_putc(c, ' ');
	buf_put(c, t.ptr ? t.ptr : "", t.len);
	buf_release(&t);
}

/* Ends the command on the current line. */
static void
endl(struct buf *c)
{
	buf_putc(c, '\n');
}

/* "az WHAT -g RG" and, with az(), "-n NAME". */
static void
az0(struct buf *c, const char *what, const struct design *dsn)
{
	buf_printf(c, "az %s -g %s", what, dsn->resource_group);
}

static void
az(struct buf *c, const char *what, const struct design *dsn,
    const char *name)
{
	az0(c, what, dsn);
	arg(c, "-n %s", name);
}

/* The Azure side's prefixes: the VNet's and every spoke's. */
static void
azure_prefixes(struct buf *b, const struct design *dsn)
{
	size_t	 i;

	prefixes_text(b, dsn->vnet.address_space, dsn->vnet.naddress_space,
	    ", ");
	for (i = 0; i < dsn->nspokes; i++) {
		buf_puts(b, ", ");
		prefixes_text(b, dsn->spokes[i].address_space,
		    dsn->spokes[i].naddress_space, ", ");
	}
}

static void
lng_create(struct buf *c, const struct design *dsn, const struct site *s,
    const struct vpn_device *v)
{
	char	 t[PREFIX_STRLEN];

	az(c, "network local-network-gateway create", dsn,
	    v->local_network_gateway);
	arg(c, "-l %s", dsn->region);
	arg(c, "--gateway-ip-address %s", ADDR(&v->public_ip, t));
	if (v->has_bgp) {
		/* With BGP the gateway needs only the peer's address. */
		arg(c, "--local-address-prefixes %s", PFX(&v->bgp_peer_ip, t));
		arg(c, "--asn %ld", v->bgp_asn);
		arg(c, "--bgp-peering-address %s", ADDR(&v->bgp_peer_ip, t));
	} else {
		struct buf	 p = BUF_INIT;

		prefixes_text(&p, s->address_prefixes, s->naddress_prefixes,
		    " ");
		arg(c, "--local-address-prefixes %s", buf_cstr(&p));
		buf_release(&p);
	}
	endl(c);
}

static void
lng_delete(struct buf *c, const struct design *dsn,
    const struct vpn_device *v)
{
	az(c, "network local-network-gateway delete", dsn,
	    v->local_network_gateway);
	endl(c);
}

/* Reads the connection's shared key from its Key Vault reference. */
static void
psk_read(struct buf *c, const struct vpn_device *v)
{
	const char	*ref = v->shared_key_ref, *sl;

	if (ref == NULL) {
		buf_puts(c, "# the design names no shared_key_ref: store the "
		    "key in Key Vault first\n");
		buf_puts(c, "psk=$(az keyvault secret show --id "
		    "<key-vault-secret-id> --query value -o tsv)\n");
		return;
	}
	buf_puts(c, "psk=$(az keyvault secret show");
	sl = strchr(ref, '/');
	if (strstr(ref, "://") == NULL && sl && sl != ref && sl[1] &&
	    strchr(sl + 1, '/') == NULL) {
		char	*vault = xstrndup(ref, (size_t)(sl - ref));

		buf_puts(c, " \\\n    --vault-name ");
		sh_word(c, vault);
		buf_puts(c, " --name ");
		sh_word(c, sl + 1);
		free(vault);
	} else {
		buf_puts(c, " \\\n    --id ");
		sh_word(c, ref);
	}
	arg(c, "--query value -o tsv)");
	endl(c);
}

static void
conn_create(struct buf *c, const struct design *dsn,
    const struct vpn_device *v)
{
	psk_read(c, v);
	az(c, "network vpn-connection create", dsn, v->connection);
	arg(c, "-l %s", dsn->region);
	arg(c, "--vnet-gateway1 %s", dsn->vpn_gateway.name);
	arg(c, "--local-gateway2 %s", v->local_network_gateway);
	arg(c, "--shared-key \"$psk\"");
	if (v->has_bgp)
		arg(c, "--enable-bgp");
	endl(c);
	if (v->ike.version == 1) {
		az(c, "network vpn-connection update", dsn, v->connection);
		arg(c, "--set connectionProtocol=IKEv1");
		endl(c);
	}
	if (v->ike.dpd_timeout_s != 45) {
		az(c, "network vpn-connection update", dsn, v->connection);
		arg(c, "--set dpdTimeoutSeconds=%ld", v->ike.dpd_timeout_s);
		endl(c);
	}
	buf_puts(c, "unset psk\n");
}

static void
conn_delete(struct buf *c, const struct design *dsn,
    const struct vpn_device *v)
{
	az(c, "network vpn-connection delete", dsn, v->connection);
	endl(c);
}

/* What the on-premises device needs, in words. */
static void
device_config(struct buf *b, const struct design *dsn,
    const struct vpn_device *v)
{
	const struct vpn_gateway *g = &dsn->vpn_gateway;
	char		 t[PREFIX_STRLEN];
	size_t		 i;

	buf_puts(b, "Tunnel");
	buf_puts(b, g->ninstances > 1 ? "s to " : " to ");
	for (i = 0; i < g->ninstances; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == g->ninstances ?
		    " and " : ", ", ADDR(&g->instances[i].public_ip, t));
	if (g->ninstances > 1)
		buf_puts(b, " (one per gateway instance)");
	buf_printf(b, ", IKEv%ld with the shared key from Key Vault, DPD "
	    "%ld s. ", v->ike.version, v->ike.dpd_timeout_s);
	if (v->has_bgp) {
		buf_printf(b, "BGP as AS %ld from %s with neighbor%s ",
		    v->bgp_asn, ADDR(&v->bgp_peer_ip, t),
		    g->ninstances > 1 ? "s" : "");
		for (i = 0; i < g->ninstances; i++) {
			const struct gw_instance *in = &g->instances[i];

			buf_printf(b, "%s%s", i == 0 ? "" : " and ",
			    in->has_apipa_bgp_ip ? ADDR(&in->apipa_bgp_ip, t) :
			    in->has_bgp_ip ? ADDR(&in->bgp_ip, t) :
			    "(the gateway's BGP address)");
		}
		buf_printf(b, " (AS %ld, eBGP multihop); advertise ", g->asn);
		prefixes_text(b, v->advertise, v->nadvertise, ", ");
		if (v->as_path_prepend)
			buf_printf(b, ", prepending AS %ld %ld time%s",
			    v->bgp_asn, v->as_path_prepend,
			    v->as_path_prepend == 1 ? "" : "s");
		if (v->has_local_preference)
			buf_printf(b, "; local preference %ld on routes "
			    "learned over the VPN", v->local_preference);
		buf_putc(b, '.');
	} else {
		buf_puts(b, "Static routes for ");
		azure_prefixes(b, dsn);
		buf_puts(b, " into the tunnel");
		buf_puts(b, g->ninstances > 1 ? "s." : ".");
	}
}

static void
device_verify(struct buf *c, struct buf *text, const struct design *dsn,
    const struct site *s, const struct vpn_device *v)
{
	char	 t[PREFIX_STRLEN];

	az(c, "network vpn-connection show", dsn, v->connection);
	arg(c, "--query connectionStatus -o tsv");
	endl(c);
	buf_puts(text, "Expect the connection Connected");
	if (v->has_bgp) {
		az(c, "network vnet-gateway list-bgp-peer-status", dsn,
		    dsn->vpn_gateway.name);
		arg(c, "-o table");
		endl(c);
		az(c, "network vnet-gateway list-learned-routes", dsn,
		    dsn->vpn_gateway.name);
		arg(c, "-o table");
		endl(c);
		buf_printf(text, ", BGP peer %s Connected, and ",
		    ADDR(&v->bgp_peer_ip, t));
		prefixes_text(text, v->advertise, v->nadvertise, ", ");
		buf_printf(text, " learned from it.");
	} else {
		az(c, "network nic show-effective-route-table", dsn,
		    "<nic-of-a-test-vm>");
		arg(c, "-o table");
		endl(c);
		buf_puts(text, ", and a test VM's effective routes sending ");
		prefixes_text(text, s->address_prefixes, s->naddress_prefixes,
		    ", ");
		buf_puts(text, " to the VPN gateway.");
	}
}

static void
plan_device_add(struct plan *pl, const struct design *dsn,
    const struct site *s, const struct vpn_device *v, const char *object)
{
	struct act	*a;
	char		 t[PREFIX_STRLEN];

	a = act_new(pl, PH_SITE, object);
	buf_printf(&a->title, "Create local network gateway %s for %s/%s",
	    v->local_network_gateway, s->name, v->name);
	buf_printf(&a->text, "It stands for %s's ", s->name);
	device_words(&a->text, v);
	buf_printf(&a->text, " at %s in Azure, ", ADDR(&v->public_ip, t));
	if (v->has_bgp)
		buf_printf(&a->text, "with BGP (AS %ld, peer %s): the prefixes "
		    "come over BGP.", v->bgp_asn, ADDR(&v->bgp_peer_ip, t));
	else {
		buf_puts(&a->text, "routing statically to ");
		prefixes_text(&a->text, s->address_prefixes,
		    s->naddress_prefixes, ", ");
		buf_putc(&a->text, '.');
	}
	lng_create(&a->cmds, dsn, s, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Delete local network gateway %s",
	    v->local_network_gateway);
	lng_delete(&a->icmds, dsn, v);

	a = act_new(pl, PH_SITE, object);
	buf_printf(&a->title, "Connect %s to %s (connection %s)",
	    v->local_network_gateway, dsn->vpn_gateway.name, v->connection);
	buf_puts(&a->text, "The shared key is read from Key Vault into a "
	    "shell variable and never written down");
	buf_puts(&a->text, v->has_bgp ? "; BGP is enabled on the "
	    "connection." : "; static routing.");
	conn_create(&a->cmds, dsn, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Delete connection %s", v->connection);
	conn_delete(&a->icmds, dsn, v);

	a = act_new(pl, PH_SITE, object);
	buf_printf(&a->title, "Configure %s/%s (", s->name, v->name);
	device_words(&a->title, v);
	buf_putc(&a->title, ')');
	device_config(&a->text, dsn, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Remove the Azure tunnels%s from %s/%s",
	    v->has_bgp ? " and BGP sessions" : "", s->name, v->name);
	buf_printf(&a->itext, "Remove what the step above configured on the "
	    "device: the tunnels to the gateway%s.", v->has_bgp ?
	    ", the BGP neighbors and the advertisements" :
	    " and the static routes");

	a = act_new(pl, PH_SITE, object);
	buf_printf(&a->title, "Verify %s/%s", s->name, v->name);
	device_verify(&a->cmds, &a->text, dsn, s, v);
}

static void
plan_device_remove(struct plan *pl, const struct design *dsn,
    const struct site *s, const struct vpn_device *v, const char *object,
    int whole_site)
{
	struct act	*a;

	a = act_new(pl, PH_REMOVE, object);
	buf_printf(&a->title, "Delete connection %s (%s/%s)", v->connection,
	    s->name, v->name);
	conn_delete(&a->cmds, dsn, v);
	buf_printf(&a->down, "%s/%s's tunnels go down%s", s->name, v->name,
	    whole_site ? "; the site is retired" : "; its traffic moves to "
	    "the site's other paths (routing impact)");
	a->has_inv = 1;
	buf_printf(&a->ititle, "Recreate connection %s", v->connection);
	buf_puts(&a->itext, "The shared key is read from Key Vault into a "
	    "shell variable and never written down.");
	conn_create(&a->icmds, dsn, v);

	a = act_new(pl, PH_REMOVE, object);
	buf_printf(&a->title, "Delete local network gateway %s",
	    v->local_network_gateway);
	lng_delete(&a->cmds, dsn, v);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Recreate local network gateway %s",
	    v->local_network_gateway);
	lng_create(&a->icmds, dsn, s, v);

	a = act_new(pl, PH_REMOVE, object);
	buf_printf(&a->title, "Remove the Azure tunnels from %s/%s (",
	    s->name, v->name);
	device_words(&a->title, v);
	buf_putc(&a->title, ')');
	buf_printf(&a->text, "Remove the tunnels%s for Azure from the "
	    "device; keep its configuration with the change record for the "
	    "rollback.", v->has_bgp ? " and BGP sessions" : " and static "
	    "routes");
	a->has_inv = 1;
	buf_printf(&a->ititle, "Restore the Azure tunnels on %s/%s", s->name,
	    v->name);
	device_config(&a->itext, dsn, v);
}

static const char *
circuit_connection(const struct design *dsn, const struct circuit *c)
{
	size_t	 i, j;

	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ner; j++)
			if (dsn->sites[i].er[j].circuit == c &&
			    dsn->sites[i].er[j].connection)
				return dsn->sites[i].er[j].connection;
	return NULL;
}

static void
er_config(struct buf *b, const struct site *s, const struct site_er *er)
{
	const struct circuit *c = er->circuit;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];
	struct prefix	 p;

	buf_printf(b, "On %s's routers: private peering of %s on VLAN %ld; ",
	    s->name, c->name, c->peering.vlan_id);
	p = prefix_nth(&c->peering.primary_subnet, 1);
	buf_printf(b, "primary link %s (router %s, ",
	    PFX(&c->peering.primary_subnet, t), ADDR(&p, u));
	p = prefix_nth(&c->peering.primary_subnet, 2);
	buf_printf(b, "Microsoft %s), ", ADDR(&p, u));
	p = prefix_nth(&c->peering.secondary_subnet, 1);
	buf_printf(b, "secondary link %s (router %s, ",
	    PFX(&c->peering.secondary_subnet, t), ADDR(&p, u));
	p = prefix_nth(&c->peering.secondary_subnet, 2);
	buf_printf(b, "Microsoft %s); BGP from AS %ld to AS 12076%s; "
	    "advertise ", ADDR(&p, u), c->peering.peer_asn,
	    c->peering.bfd ? " with BFD" : "");
	prefixes_text(b, er->advertise, er->nadvertise, ", ");
	if (er->as_path_prepend)
		buf_printf(b, ", prepending %ld time%s", er->as_path_prepend,
		    er->as_path_prepend == 1 ? "" : "s");
	if (er->has_local_preference)
		buf_printf(b, "; local preference %ld on routes learned over "
		    "ExpressRoute", er->local_preference);
	buf_putc(b, '.');
}

static void
er_verify(struct buf *c, const struct design *dsn, const struct circuit *ci)
{
	int	 k;

	for (k = 0; k < 2; k++) {
		az(c, "network express-route list-route-tables", dsn,
		    ci->name);
		arg(c, "--peering-name AzurePrivatePeering");
		arg(c, "--path %s", k ? "secondary" : "primary");
		arg(c, "-o table");
		endl(c);
	}
}

static void
plan_er_add(struct plan *pl, const struct design *dsn, const struct site *s,
    const struct site_er *er, const char *object)
{
	struct act	*a = act_new(pl, PH_SITE, object);

	buf_printf(&a->title, "Attach %s to circuit %s", s->name,
	    er->circuit_name);
	er_config(&a->text, s, er);
	buf_puts(&a->text, " Then check the circuit's route tables for the "
	    "advertised prefixes.");
	er_verify(&a->cmds, dsn, er->circuit);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Withdraw %s's prefixes from circuit %s",
	    s->name, er->circuit_name);
	buf_printf(&a->itext, "On %s's routers, stop advertising ", s->name);
	prefixes_text(&a->itext, er->advertise, er->nadvertise, ", ");
	buf_printf(&a->itext, " over %s and remove its BGP sessions.",
	    er->circuit_name);
}

static void
plan_er_remove(struct plan *pl, const struct design *dsn,
    const struct site *s, const struct site_er *er, const char *object)
{
	struct act	*a = act_new(pl, PH_REMOVE, object);

	buf_printf(&a->title, "Withdraw %s's prefixes from circuit %s",
	    s->name, er->circuit_name);
	buf_printf(&a->text, "On %s's routers, stop advertising ", s->name);
	prefixes_text(&a->text, er->advertise, er->nadvertise, ", ");
	buf_printf(&a->text, " over %s and remove its BGP sessions; the "
	    "circuit's route tables no longer list them.", er->circuit_name);
	er_verify(&a->cmds, dsn, er->circuit);
	buf_printf(&a->down, "%s's traffic over %s moves to its other paths "
	    "(routing impact)", s->name, er->circuit_name);
	a->has_inv = 1;
	buf_printf(&a->ititle, "Re-attach %s to circuit %s", s->name,
	    er->circuit_name);
	er_config(&a->itext, s, er);
}

static void
circuit_create(struct buf *c, const struct design *dsn,
    const struct circuit *ci)
{
	az(c, "network express-route create", dsn, ci->name);
	arg(c, "-l %s", dsn->region);
	arg(c, "--bandwidth %ld", ci->bandwidth_mbps);
	buf_puts(c, " --provider ");
	sh_word(c, ci->provider);
	buf_puts(c, " \\\n    --peering-location ");
	sh_word(c, ci->peering_location);
	arg(c, "--sku-tier %s", circuit_sku_name(ci->sku));
	arg(c, "--sku-family MeteredData");
	endl(c);
	az(c, "network express-route show", dsn, ci->name);
	arg(c, "--query \"{key: serviceKey, provider: "
	    "serviceProviderProvisioningState}\" -o table");
	endl(c);
}

static void
peering_create(struct buf *c, const struct design *dsn,
    const struct circuit *ci)
{
	char	 t[PREFIX_STRLEN];

	az0(c, "network express-route peering create", dsn);
	arg(c, "--circuit-name %s", ci->name);
	arg(c, "--peering-type AzurePrivatePeering");
	arg(c, "--peer-asn %ld", ci->peering.peer_asn);
	arg(c, "--primary-peer-subnet %s", PFX(&ci->peering.primary_subnet,
	    t));
	arg(c, "--secondary-peer-subnet %s",
	    PFX(&ci->peering.secondary_subnet, t));
	arg(c, "--vlan-id %ld", ci->peering.vlan_id);
	endl(c);
}

static void
er_conn_create(struct buf *c, const struct design *dsn,
    const struct circuit *ci, const char *conn)
{
	az(c, "network vpn-connection create", dsn, conn);
	arg(c, "-l %s", dsn->region);
	arg(c, "--vnet-gateway1 %s", dsn->er_gateway.name);
	arg(c, "--express-route-circuit2 %s", ci->name);
	arg(c, "--routing-weight %ld", ci->routing_weight);
	endl(c);
	if (ci->fastpath) {
		az(c, "network vpn-connection update", dsn, conn);
		arg(c, "--set expressRouteGatewayBypass=true");
		endl(c);
	}
}

static void
plan_circuit_add(struct plan *pl, const struct design *dsn,
    const struct circuit *ci, const char *object, int remove)
{
	struct act	*a;
	const char	*cn = circuit_connection(dsn, ci);
	char		*conn = cn ? xstrdup(cn) : xasprintf("cn-%s", ci->name);
	struct buf	 bw = BUF_INIT;
	enum phase	 ph = remove ? PH_REMOVE : PH_CIRCUIT;
	struct buf	*fc, *fx, *ic, *ix, *ft, *it;

	mbps_text(&bw, ci->bandwidth_mbps);
	/* For a removal the forward steps are the inverse of an addition,
	 * in reverse order; build both from one description. */
#define SIDES(a) do { \
	ft = remove ? &(a)->ititle : &(a)->title; \
	it = remove ? &(a)->title : &(a)->ititle; \
	fc = remove ? &(a)->icmds : &(a)->cmds; \
	ic = remove ? &(a)->cmds : &(a)->icmds; \
	fx = remove ? &(a)->itext : &(a)->text; \
	ix = remove ? &(a)->text : &(a)->itext; \
	(a)->has_inv = 1; \
} while (0)
	struct act	*steps[3];
	int		 k;

	for (k = 0; k < 3; k++)
		steps[k] = act_new(pl, ph, object);
	if (remove) {
		/* Removal runs connection, peering, circuit. */
		struct act *t0 = steps[0];

		steps[0] = steps[2];
		steps[2] = t0;
	}
	a = steps[0];
	SIDES(a);
	buf_printf(ft, "Create circuit %s (%s at %s, %s, %s)", ci->name,
	    ci->provider, ci->peering_location, buf_cstr(&bw),
	    circuit_sku_name(ci->sku));
	buf_printf(fx, "Send the service key to %s and wait until the "
	    "provider's provisioning state is Provisioned; the provider's "
	    "lead time applies.", ci->provider);
	circuit_create(fc, dsn, ci);
	buf_printf(it, "Delete circuit %s", ci->name);
	buf_printf(ix, "Ask %s to deprovision the circuit first; billing "
	    "stops once it is deleted.", ci->provider);
	az(ic, "network express-route delete", dsn, ci->name);
	endl(ic);

	a = steps[1];
	SIDES(a);
	buf_printf(ft, "Configure the private peering of %s", ci->name);
	peering_create(fc, dsn, ci);
	buf_printf(it, "Delete the private peering of %s", ci->name);
	az0(ic, "network express-route peering delete", dsn);
	arg(ic, "--circuit-name %s", ci->name);
	arg(ic, "-n AzurePrivatePeering");
	endl(ic);

	a = steps[2];
	SIDES(a);
	buf_printf(ft, "Connect %s to %s (connection %s, routing weight %ld)",
	    ci->name, dsn->er_gateway.name, conn, ci->routing_weight);
	er_conn_create(fc, dsn, ci, conn);
	buf_printf(it, "Delete connection %s", conn);
	az(ic, "network vpn-connection delete", dsn, conn);
	endl(ic);
	if (remove)
		buf_printf(&a->down, "Traffic over %s moves to the remaining "
		    "paths (routing impact)", ci->name);
#undef SIDES
	buf_release(&bw);
	free(conn);
}

/* Non-zero when Azure resizes a VPN gateway from a to b in place. */
static int
vpn_resizable(const struct vpn_gateway *a, const struct vpn_gateway *b)
{
	if (a->generation != b->generation)
		return 0;
	if (a->sku == VPN_SKU_BASIC || b->sku == VPN_SKU_BASIC ||
	    vpn_sku_legacy(a->sku) || vpn_sku_legacy(b->sku))
		return 0;
	return vpn_sku_non_az(a->sku) == vpn_sku_non_az(b->sku);
}

/* Non-zero when an ExpressRoute gateway resizes from a to b in place:
 * upgrades within the non-AZ or the AZ family only. */
static int
er_resizable(const struct er_gateway *a, const struct er_gateway *b)
{
	int	 az_a = a->sku >= ER_SKU_ERGW1AZ && a->sku <= ER_SKU_ERGW3AZ;
	int	 az_b = b->sku >= ER_SKU_ERGW1AZ && b->sku <= ER_SKU_ERGW3AZ;

	if (a->sku == ER_SKU_ERGWSCALE || b->sku == ER_SKU_ERGWSCALE)
		return a->sku == b->sku && b->scale_units > a->scale_units;
	return az_a == az_b && b->sku > a->sku;
}

static void
vpn_gateway_create(struct buf *c, const struct design *dsn)
{
	const struct vpn_gateway *g = &dsn->vpn_gateway;
	size_t	 i;

	az(c, "network vnet-gateway create", dsn, g->name);
	arg(c, "-l %s", dsn->region);
	arg(c, "--vnet %s", dsn->vnet.name);
	arg(c, "--gateway-type Vpn");
	arg(c, "--vpn-type %s", g->vpn_type == VPN_ROUTE_BASED ? "RouteBased" :
	    "PolicyBased");
	arg(c, "--sku %s", vpn_sku_name(g->sku));
	arg(c, "--vpn-gateway-generation Generation%ld", g->generation);
	arg(c, "--asn %ld", g->asn);
	arg(c, "--public-ip-addresses");
	for (i = 0; i < g->ninstances; i++)
		arg(c, "<public-ip-resource-%zu>", i + 1);
	endl(c);
}

static void
er_gateway_create(struct buf *c, const struct design *dsn)
{
	const struct er_gateway *g = &dsn->er_gateway;

	az(c, "network vnet-gateway create", dsn, g->name);
	arg(c, "-l %s", dsn->region);
	arg(c, "--vnet %s", dsn->vnet.name);
	arg(c, "--gateway-type ExpressRoute");
	arg(c, "--sku %s", er_sku_name(g->sku));
	arg(c, "--public-ip-addresses <public-ip-resource>");
	endl(c);
}

/* Every VPN connection of the design, deleted or created. */
static void
all_vpn_connections(struct buf *c, const struct design *dsn, int create)
{
	size_t	 i, j;

	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++) {
			if (create)
				conn_create(c, dsn, &dsn->sites[i].devices[j]);
			else
				conn_delete(c, dsn, &dsn->sites[i].devices[j]);
		}
}

static void
all_er_connections(struct buf *c, const struct design *dsn, int create)
{
	const char	*cn;
	char		*conn;
	size_t		 i;

	for (i = 0; i < dsn->ncircuits; i++) {
		cn = circuit_connection(dsn, &dsn->circuits[i]);
		conn = cn ? xstrdup(cn) : xasprintf("cn-%s",
		    dsn->circuits[i].name);
		if (create)
			er_conn_create(c, dsn, &dsn->circuits[i], conn);
		else {
			az(c, "network vpn-connection delete", dsn, conn);
			endl(c);
		}
		free(conn);
	}
}

/* A VPN gateway SKU or generation change, from -> to. */
static void
vpn_sku_step(struct buf *title, struct buf *text, struct buf *cmds,
    struct buf *down, const struct design *from, const struct design *to)
{
	const struct vpn_gateway *a = &from->vpn_gateway, *b = &to->vpn_gateway;

	buf_printf(title, "Change VPN gateway %s from %s (generation %ld) to "
	    "%s (generation %ld)", b->name, vpn_sku_name(a->sku),
	    a->generation, vpn_sku_name(b->sku), b->generation);
	if (vpn_resizable(a, b)) {
		buf_puts(text, "A resize within the same SKU family and "
		    "generation: the gateway keeps its public IPs, BGP "
		    "settings and connections. Aggregate throughput goes from ");
		mbps_text(text, vpn_sku_mbps(a->sku, a->generation));
		buf_puts(text, " to ");
		mbps_text(text, vpn_sku_mbps(b->sku, b->generation));
		buf_puts(text, ".");
		az(cmds, "network vnet-gateway update", to, b->name);
		arg(cmds, "--sku %s", vpn_sku_name(b->sku));
		endl(cmds);
		buf_puts(down, "Tunnels may drop briefly while the instances "
		    "are resized; keep ExpressRoute up during the change");
		return;
	}
	buf_printf(text, "%s cannot be reached from %s by a resize (a "
	    "different generation, AZ and non-AZ, Basic or a retired SKU): "
	    "use the gateway migration experience in the Azure portal, or "
	    "delete the gateway and its connections and create them again "
	    "as below. Gateway creation takes 45 minutes or more.",
	    vpn_sku_name(b->sku), vpn_sku_name(a->sku));
	all_vpn_connections(cmds, from, 0);
	az(cmds, "network vnet-gateway delete", to, a->name);
	endl(cmds);
	vpn_gateway_create(cmds, to);
	all_vpn_connections(cmds, to, 1);
	buf_puts(down, "No VPN from the gateway's deletion until it is "
	    "recreated and every tunnel is up again: VPN-only sites are "
	    "down and ExpressRoute sites have no backup");
}

static void
er_sku_step(struct buf *title, struct buf *text, struct buf *cmds,
    struct buf *down, const struct design *from, const struct design *to)
{
	const struct er_gateway *a = &from->er_gateway, *b = &to->er_gateway;

	buf_printf(title, "Change ExpressRoute gateway %s from %s to %s",
	    b->name, er_sku_name(a->sku), er_sku_name(b->sku));
	if (b->sku == ER_SKU_ERGWSCALE)
		buf_printf(title, " (%ld scale unit%s)", b->scale_units,
		    b->scale_units == 1 ? "" : "s");
	if (er_resizable(a, b)) {
		buf_puts(text, "An upgrade within the SKU family: a resize "
		    "in place. Throughput goes from ");
		mbps_text(text, er_sku_mbps(a));
		buf_puts(text, " to ");
		mbps_text(text, er_sku_mbps(b));
		buf_puts(text, ".");
		az(cmds, "network vnet-gateway update", to, b->name);
		arg(cmds, "--sku %s", er_sku_name(b->sku));
		endl(cmds);
		buf_puts(down, "None expected; ExpressRoute traffic may "
		    "fail over to the VPN briefly");
		return;
	}
	buf_puts(text, "Not a resize (a downgrade, or between the non-AZ "
	    "and AZ families): use the gateway migration experience in the "
	    "Azure portal, which builds the new gateway beside the old one in "
	    "GatewaySubnet and moves the connections, or delete and recreate "
	    "the gateway as below.");
	all_er_connections(cmds, from, 0);
	az(cmds, "network vnet-gateway delete", to, a->name);
	endl(cmds);
	er_gateway_create(cmds, to);
	all_er_connections(cmds, to, 1);
	buf_puts(down, "With delete and recreate, no ExpressRoute until the "
	    "gateway and its connections are back: traffic fails over to "
	    "the VPN (see the capacity of the circuit-down scenarios); the "
	    "migration experience keeps it short");
}

/* The documented procedure for a new GatewaySubnet prefix. */
static void
gwsubnet_step(struct buf *title, struct buf *text, struct buf *cmds,
    struct buf *down, const struct design *from, const struct design *to)
{
	const struct subnet *a = design_gateway_subnet(from);
	const struct subnet *b = design_gateway_subnet(to);
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];

	if (b == NULL) {
		buf_puts(title, "Remove GatewaySubnet");
		buf_puts(text, "Both gateways must be gone before the subnet "
		    "can be deleted.");
		az(cmds, "network vnet subnet delete", to, "GatewaySubnet");
		arg(cmds, "--vnet-name %s", to->vnet.name);
		endl(cmds);
		return;
	}
	if (a == NULL) {
		buf_printf(title, "Create GatewaySubnet %s", PFX(&b->prefix, t));
		az(cmds, "network vnet subnet create", to, "GatewaySubnet");
		arg(cmds, "--vnet-name %s", to->vnet.name);
		arg(cmds, "--address-prefixes %s", t);
		endl(cmds);
		return;
	}
	buf_printf(title, "Move GatewaySubnet from %s to %s",
	    PFX(&a->prefix, t), PFX(&b->prefix, u));
	buf_puts(text, "A subnet that holds gateways cannot be changed: the "
	    "documented procedure deletes the connections and both "
	    "gateways, changes the subnet, and creates the gateways and "
	    "connections again. Each gateway takes 45 minutes or more to "
	    "create; the public IP resources are kept and reused.");
	all_vpn_connections(cmds, from, 0);
	all_er_connections(cmds, from, 0);
	if (from->vpn_gateway.node) {
		az(cmds, "network vnet-gateway delete", from,
		    from->vpn_gateway.name);
		endl(cmds);
	}
	if (from->er_gateway.node) {
		az(cmds, "network vnet-gateway delete", from,
		    from->er_gateway.name);
		endl(cmds);
	}
	az(cmds, "network vnet subnet update", to, "GatewaySubnet");
	arg(cmds, "--vnet-name %s", to->vnet.name);
	arg(cmds, "--address-prefixes %s", u);
	endl(cmds);
	if (to->er_gateway.node)
		er_gateway_create(cmds, to);
	if (to->vpn_gateway.node)
		vpn_gateway_create(cmds, to);
	all_er_connections(cmds, to, 1);
	all_vpn_connections(cmds, to, 1);
	buf_puts(down, "Full outage of hybrid connectivity: neither "
	    "ExpressRoute nor the VPN works from the deletion of the "
	    "gateways until both are recreated and every connection is up "
	    "again (plan two hours or more)");
}

static void
plan_gwsubnet(struct plan *pl, const char *object)
{
	struct act	*a = act_new(pl, PH_GWSUBNET, object);

	gwsubnet_step(&a->title, &a->text, &a->cmds, &a->down, pl->base,
	    pl->head);
	a->has_inv = 1;
	gwsubnet_step(&a->ititle, &a->itext, &a->icmds, &a->idown, pl->head,
	    pl->base);
}

/* ---- the plan from the diff ---- */

/* A change the plan does not act on: text that documents the design. */
static int
is_doc(const struct diff_change *c)
{
	static const char *const design_doc[] = { "title", "description",
	    "owner", "approvers", "name", NULL };
	size_t	 i;

	switch (c->kind) {
	case DIFF_TRAFFIC:
	case DIFF_FAILOVER:
	case DIFF_SUPPRESS:
		return 1;
	case DIFF_DESIGN:
		for (i = 0; design_doc[i]; i++)
			if (c->field && strcmp(c->field, design_doc[i]) == 0)
				return 1;
		return 0;
	case DIFF_SITE:
		return c->field && strcmp(c->field, "location") == 0;
	case DIFF_DEVICE:
		return c->field && strncmp(c->field, "device.", 7) == 0;
	default:
		return 0;
	}
}

static int
field_is(const struct diff_change *c, const char *f)
{
	return c->field && strcmp(c->field, f) == 0;
}

static int
field_in(const struct diff_change *c, const char *prefix)
{
	return c->field && strncmp(c->field, prefix, strlen(prefix)) == 0;
}

/* The changes of one object: v[0..n) share object and kind. */
struct group {
	const struct diff_change *v;
	size_t		 n;
	unsigned char	*used;		/* parallel to v */
};

static const struct diff_change *
group_take(struct group *g, const char *field)
{
	size_t	 i;

	for (i = 0; i < g->n; i++)
		if (!g->used[i] && field_is(&g->v[i], field)) {
			g->used[i] = 1;
			return &g->v[i];
		}
	return NULL;
}

/* Takes every change whose field starts with prefix; returns how many. */
static size_t
group_take_all(struct group *g, const char *prefix)
{
	size_t	 i, n = 0;

	for (i = 0; i < g->n; i++)
		if (!g->used[i] && field_in(&g->v[i], prefix)) {
			g->used[i] = 1;
			n++;
		}
	return n;
}

/* "advertise: + 10.1.5.0/24, - 10.1.6.0/24" for the changes taken. */
static void
list_delta(struct buf *b, const struct group *g, const char *field)
{
	size_t	 i;
	int	 first = 1;

	for (i = 0; i < g->n; i++) {
		const struct diff_change *c = &g->v[i];

		if (!field_is(c, field) || c->op == DIFF_CHANGED)
			continue;
		buf_printf(b, "%s%s %s", first ? "" : ", ",
		    c->op == DIFF_ADDED ? "add" : "withdraw",
		    c->op == DIFF_ADDED ? c->after : c->before);
		first = 0;
	}
}

static void
plan_circuit_changes(struct plan *pl, struct group *g)
{
	const struct circuit *a = g->v[0].old_obj, *b = g->v[0].new_obj;
	const struct design *h = pl->head;
	const struct diff_change *c;
	struct act	*x;
	const char	*cn = circuit_connection(h, b);
	char		*conn = cn ? xstrdup(cn) : xasprintf("cn-%s", b->name);
	char		 t[PREFIX_STRLEN];
	int		 k;

	if ((c = group_take(g, "bandwidth_mbps")) != NULL) {
		x = act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "Change the bandwidth of %s from ",
		    b->name);
		mbps_text(&x->title, a->bandwidth_mbps);
		buf_puts(&x->title, " to ");
		mbps_text(&x->title, b->bandwidth_mbps);
		x->has_inv = 1;
		if (b->bandwidth_mbps > a->bandwidth_mbps) {
			buf_printf(&x->text, "Confirm with %s that the port "
			    "has room for the new bandwidth first. An upgrade "
			    "is made in place without downtime.", b->provider);
			az(&x->cmds, "network express-route update", h,
			    b->name);
			arg(&x->cmds, "--bandwidth %ld", b->bandwidth_mbps);
			endl(&x->cmds);
			buf_puts(&x->down, "None");
			buf_printf(&x->ititle, "Keep the bandwidth of %s",
			    b->name);
			buf_puts(&x->itext, "ExpressRoute cannot lower a "
			    "circuit's bandwidth in place; roll back by "
			    "leaving the upgrade in place (the bill is the "
			    "only difference), or by moving to a new circuit "
			    "at the old bandwidth.");
		} else {
			buf_printf(&x->text, "ExpressRoute cannot lower a "
			    "circuit's bandwidth in place: create a new circuit "
			    "at the lower bandwidth, connect it, move the "
			    "sites' BGP sessions to it, then delete %s.",
			    b->name);
			buf_puts(&x->down, "Each site's ExpressRoute path "
			    "moves once, while its BGP sessions move");
			buf_printf(&x->ititle, "Move back to a circuit at the "
			    "old bandwidth");
			buf_puts(&x->itext, "Keep the old circuit until the new "
			    "one is verified, then rolling back is moving the "
			    "BGP sessions back.");
		}
	}
	if ((c = group_take(g, "sku")) != NULL) {
		x = act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "Change the SKU of %s from %s to %s",
		    b->name, circuit_sku_name(a->sku),
		    circuit_sku_name(b->sku));
		az(&x->cmds, "network express-route update", h, b->name);
		arg(&x->cmds, "--sku-tier %s", circuit_sku_name(b->sku));
		endl(&x->cmds);
		buf_puts(&x->down, "None");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Change the SKU of %s back to %s",
		    b->name, circuit_sku_name(a->sku));
		az(&x->icmds, "network express-route update", h, b->name);
		arg(&x->icmds, "--sku-tier %s", circuit_sku_name(a->sku));
		endl(&x->icmds);
	}
	if ((c = group_take(g, "routing_weight")) != NULL) {
		x = act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "Set the routing weight of connection %s "
		    "to %ld (was %ld)", conn, b->routing_weight,
		    a->routing_weight);
		buf_puts(&x->text, "Among ExpressRoute connections Azure "
		    "prefers the higher routing weight.");
		az(&x->cmds, "network vpn-connection update", h, conn);
		arg(&x->cmds, "--routing-weight %ld", b->routing_weight);
		endl(&x->cmds);
		x->has_inv = 1;
		buf_printf(&x->ititle, "Set the routing weight of connection "
		    "%s back to %ld", conn, a->routing_weight);
		az(&x->icmds, "network vpn-connection update", h, conn);
		arg(&x->icmds, "--routing-weight %ld", a->routing_weight);
		endl(&x->icmds);
	}
	if ((c = group_take(g, "fastpath")) != NULL) {
		x = act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "Turn FastPath %s on connection %s",
		    b->fastpath ? "on" : "off", conn);
		az(&x->cmds, "network vpn-connection update", h, conn);
		arg(&x->cmds, "--set expressRouteGatewayBypass=%s",
		    b->fastpath ? "true" : "false");
		endl(&x->cmds);
		x->has_inv = 1;
		buf_printf(&x->ititle, "Turn FastPath %s again on connection "
		    "%s", a->fastpath ? "on" : "off", conn);
		az(&x->icmds, "network vpn-connection update", h, conn);
		arg(&x->icmds, "--set expressRouteGatewayBypass=%s",
		    a->fastpath ? "true" : "false");
		endl(&x->icmds);
	}
	if ((c = group_take(g, "private_peering.bfd")) != NULL) {
		x = act_new(pl, PH_CIRCUIT, c->object);
		buf_printf(&x->title, "%s BFD on the BGP sessions of %s",
		    b->peering.bfd ? "Enable" : "Disable", b->name);
		buf_printf(&x->text, "On the routers of the sites attached to "
		    "%s, on both links (VLAN %ld). Microsoft's side has BFD "
		    "on; with it a link failure is detected in about a "
		    "second instead of the 180 s BGP hold time.", b->name,
		    b->peering.vlan_id);
		x->has_inv = 1;
		buf_printf(&x->ititle, "%s BFD on the BGP sessions of %s",
		    a->peering.bfd ? "Enable" : "Disable", b->name);
	}
	if (group_take_all(g, "private_peering.") > 0) {
		x = act_new(pl, PH_CIRCUIT, g->v[0].object);
		buf_printf(&x->title, "Update the private peering of %s",
		    b->name);
		buf_puts(&x->text, "Change the routers' side in the same "
		    "window.");
		for (k = 0; k < 2; k++) {
			const struct circuit *to = k ? a : b;
			const struct circuit *fr = k ? b : a;
			struct buf	*cm = k ? &x->icmds : &x->cmds;

			az0(cm, "network express-route peering update", h);
			arg(cm, "--circuit-name %s", b->name);
			arg(cm, "-n AzurePrivatePeering");
			if (to->peering.peer_asn != fr->peering.peer_asn)
				arg(cm, "--peer-asn %ld", to->peering.peer_asn);
			if (prefix_cmp(&to->peering.primary_subnet,
			    &fr->peering.primary_subnet) != 0)
				arg(cm, "--primary-peer-subnet %s",
				    PFX(&to->peering.primary_subnet, t));
			if (prefix_cmp(&to->peering.secondary_subnet,
			    &fr->peering.secondary_subnet) != 0)
				arg(cm, "--secondary-peer-subnet %s",
				    PFX(&to->peering.secondary_subnet, t));
			if (to->peering.vlan_id != fr->peering.vlan_id)
				arg(cm, "--vlan-id %ld", to->peering.vlan_id);
			endl(cm);
		}
		buf_printf(&x->down, "The BGP sessions of %s reset: its "
		    "traffic moves to the other paths until they are up",
		    b->name);
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the private peering of %s",
		    b->name);
		buf_printf(&x->idown, "%s", buf_cstr(&x->down));
	}
	free(conn);
}

/* The local network gateway of device `to` updated from `from`. */
static void
lng_update(struct buf *c, const struct design *dsn, const struct site *s,
    const struct vpn_device *from, const struct vpn_device *to)
{
	char	 t[PREFIX_STRLEN];

	az(c, "network local-network-gateway update", dsn,
	    to->local_network_gateway);
	if (prefix_cmp(&from->public_ip, &to->public_ip) != 0)
		arg(c, "--gateway-ip-address %s", ADDR(&to->public_ip, t));
	if (to->has_bgp) {
		if (!from->has_bgp)
			arg(c, "--local-address-prefixes %s",
			    PFX(&to->bgp_peer_ip, t));
		if (!from->has_bgp || from->bgp_asn != to->bgp_asn ||
		    prefix_cmp(&from->bgp_peer_ip, &to->bgp_peer_ip) != 0) {
			arg(c, "--asn %ld", to->bgp_asn);
			arg(c, "--bgp-peering-address %s",
			    ADDR(&to->bgp_peer_ip, t));
		}
	} else if (from->has_bgp) {
		struct buf	 p = BUF_INIT;

		prefixes_text(&p, s->address_prefixes, s->naddress_prefixes,
		    " ");
		arg(c, "--local-address-prefixes %s", buf_cstr(&p));
		arg(c, "--remove bgpSettings");
		buf_release(&p);
	}
	endl(c);
	if (from->has_bgp != to->has_bgp) {
		az(c, "network vpn-connection update", dsn, to->connection);
		arg(c, "--enable-bgp %s", to->has_bgp ? "true" : "false");
		endl(c);
	}
}

static void
ike_update(struct buf *c, const struct design *dsn,
    const struct vpn_device *from, const struct vpn_device *to)
{
	if (from->ike.version != to->ike.version) {
		az(c, "network vpn-connection update", dsn, to->connection);
		arg(c, "--set connectionProtocol=IKEv%ld", to->ike.version);
		endl(c);
	}
	if (from->ike.dpd_timeout_s != to->ike.dpd_timeout_s) {
		az(c, "network vpn-connection update", dsn, to->connection);
		arg(c, "--set dpdTimeoutSeconds=%ld", to->ike.dpd_timeout_s);
		endl(c);
	}
}

static void
key_update(struct buf *c, const struct design *dsn,
    const struct vpn_device *v)
{
	psk_read(c, v);
	az0(c, "network vpn-connection shared-key update", dsn);
	arg(c, "--connection-name %s", v->connection);
	arg(c, "--value \"$psk\"");
	endl(c);
	buf_puts(c, "unset psk\n");
}

static void
bgp_policy_text(struct buf *b, const struct group *g, const char *who,
    int undo)
{
	size_t	 i, mark = b->len;

	buf_printf(b, "On %s: ", who);
	for (i = 0; i < g->n; i++) {
		const struct diff_change *c = &g->v[i];
		const char *add = undo ? "withdraw" : "advertise";
		const char *del = undo ? "advertise" : "withdraw";

		if (field_is(c, "advertise") && c->op != DIFF_CHANGED)
			buf_printf(b, "%s %s; ", c->op == DIFF_ADDED ? add :
			    del, c->op == DIFF_ADDED ? c->after : c->before);
		else if (field_is(c, "as_path_prepend"))
			buf_printf(b, "prepend the AS %s time(s); ",
			    undo ? c->before : c->after);
		else if (field_is(c, "local_preference"))
			buf_printf(b, "local preference %s on learned "
			    "routes; ", (undo ? c->before : c->after) ?
			    (undo ? c->before : c->after) : "default");
	}
	if (b->len == mark + strlen(who) + 5) {
		buf_truncate(b, mark);
		return;
	}
	buf_truncate(b, b->len - 2);
	buf_putc(b, '.');
}

static void
plan_device_changes(struct plan *pl, struct group *g)
{
	const struct vpn_device *a = g->v[0].old_obj, *b = g->v[0].new_obj;
	const struct site *sa = g->v[0].old_parent, *sb = g->v[0].new_parent;
	const struct design *h = pl->head;
	const char	*object = g->v[0].object;
	struct act	*x;
	struct buf	 who = BUF_INIT;
	size_t		 n;

	buf_printf(&who, "%s/%s", sb->name, b->name);
	n = group_take_all(g, "public_ip") + group_take_all(g, "bgp") +
	    group_take_all(g, "static");
	if (n) {
		x = act_new(pl, PH_SITE, object);
		buf_printf(&x->title, "Update local network gateway %s (%s)",
		    b->local_network_gateway, buf_cstr(&who));
		buf_puts(&x->text, "Change the device in the same window. ");
		device_config(&x->text, h, b);
		lng_update(&x->cmds, h, sb, a, b);
		device_verify(&x->cmds, &x->text, h, sb, b);
		buf_printf(&x->down, "%s's tunnels re-establish and its BGP "
		    "session resets", buf_cstr(&who));
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore local network gateway %s",
		    b->local_network_gateway);
		device_config(&x->itext, pl->base, a);
		lng_update(&x->icmds, h, sa, b, a);
		buf_printf(&x->idown, "%s", buf_cstr(&x->down));
	}
	if (group_take_all(g, "ike.")) {
		x = act_new(pl, PH_SITE, object);
		buf_printf(&x->title, "Change the IKE settings of connection "
		    "%s", b->connection);
		buf_printf(&x->text, "IKEv%ld, DPD %ld s", b->ike.version,
		    b->ike.dpd_timeout_s);
		if (b->ike.has_sa_lifetime_s)
			buf_printf(&x->text, ", IPsec SA lifetime %ld s (a "
			    "custom IPsec policy on the connection: az network "
			    "vpn-connection ipsec-policy add with every "
			    "parameter of the policy)", b->ike.sa_lifetime_s);
		buf_printf(&x->text, "; the same on %s.", buf_cstr(&who));
		ike_update(&x->cmds, h, a, b);
		buf_printf(&x->down, "%s's tunnels re-establish",
		    buf_cstr(&who));
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the IKE settings of "
		    "connection %s", b->connection);
		buf_printf(&x->itext, "IKEv%ld, DPD %ld s.", a->ike.version,
		    a->ike.dpd_timeout_s);
		ike_update(&x->icmds, h, b, a);
	}
	if (group_take(g, "shared_key_ref")) {
		x = act_new(pl, PH_SITE, object);
		buf_printf(&x->title, "Rotate the shared key of connection %s",
		    b->connection);
		buf_printf(&x->text, "Set the same key on %s at the same "
		    "time; the key never leaves Key Vault and the shell "
		    "variable.", buf_cstr(&who));
		key_update(&x->cmds, h, b);
		buf_printf(&x->down, "%s's tunnels drop until both sides use "
		    "the new key", buf_cstr(&who));
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the previous shared key of "
		    "connection %s", b->connection);
		key_update(&x->icmds, h, a);
	}
	n = group_take_all(g, "advertise") + group_take_all(g,
	    "as_path_prepend") + group_take_all(g, "local_preference");
	if (n && b->has_bgp) {
		x = act_new(pl, PH_SITE, object);
		buf_printf(&x->title, "Change the BGP policy of %s",
		    buf_cstr(&who));
		bgp_policy_text(&x->text, g, buf_cstr(&who), 0);
		buf_puts(&x->text, " Check what the VPN gateway learns.");
		az(&x->cmds, "network vnet-gateway list-learned-routes", h,
		    h->vpn_gateway.name);
		arg(&x->cmds, "-o table");
		endl(&x->cmds);
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the BGP policy of %s",
		    buf_cstr(&who));
		bgp_policy_text(&x->itext, g, buf_cstr(&who), 1);
		az(&x->icmds, "network vnet-gateway list-learned-routes", h,
		    h->vpn_gateway.name);
		arg(&x->icmds, "-o table");
		endl(&x->icmds);
	}
	buf_release(&who);
}

static void
plan_site_er_changes(struct plan *pl, struct group *g)
{
	const struct site_er *b = g->v[0].new_obj;
	const struct site *sb = g->v[0].new_parent;
	const struct design *h = pl->head;
	struct act	*x;
	struct buf	 who = BUF_INIT;
	size_t		 n;

	n = group_take_all(g, "advertise") + group_take_all(g,
	    "as_path_prepend") + group_take_all(g, "local_preference");
	if (n == 0)
		return;
	buf_printf(&who, "%s's routers, over circuit %s", sb->name,
	    b->circuit_name);
	x = act_new(pl, PH_SITE, g->v[0].object);
	buf_printf(&x->title, "Change %s's BGP policy on circuit %s",
	    sb->name, b->circuit_name);
	bgp_policy_text(&x->text, g, buf_cstr(&who), 0);
	er_verify(&x->cmds, h, b->circuit);
	x->has_inv = 1;
	buf_printf(&x->ititle, "Restore %s's BGP policy on circuit %s",
	    sb->name, b->circuit_name);
	bgp_policy_text(&x->itext, g, buf_cstr(&who), 1);
	er_verify(&x->icmds, h, b->circuit);
	buf_release(&who);
}

static void
plan_site_changes(struct plan *pl, struct group *g)
{
	const struct site *sa = g->v[0].old_obj, *sb = g->v[0].new_obj;
	const struct design *h = pl->head;
	struct act	*x;
	struct buf	 p = BUF_INIT;
	size_t		 j, k;

	if (group_take_all(g, "address_prefixes") == 0)
		return;
	for (j = 0; j < sb->ndevices; j++) {
		const struct vpn_device *v = &sb->devices[j];

		if (v->has_bgp)
			continue;
		for (k = 0; k < sa->ndevices; k++)
			if (strcmp(sa->devices[k].name, v->name) == 0)
				break;
		/* A new device's gateway is created with the new prefixes. */
		if (k == sa->ndevices)
			continue;
		x = act_new(pl, PH_SITE, g->v[0].object);
		buf_printf(&x->title, "Update the prefixes of local network "
		    "gateway %s (%s/%s, static)", v->local_network_gateway,
		    sb->name, v->name);
		buf_puts(&x->text, "Azure routes to a static site's prefixes: ");
		list_delta(&x->text, g, "address_prefixes");
		buf_puts(&x->text, ".");
		az(&x->cmds, "network local-network-gateway update", h,
		    v->local_network_gateway);
		buf_truncate(&p, 0);
		prefixes_text(&p, sb->address_prefixes, sb->naddress_prefixes,
		    " ");
		arg(&x->cmds, "--local-address-prefixes %s", buf_cstr(&p));
		endl(&x->cmds);
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the prefixes of local network "
		    "gateway %s", v->local_network_gateway);
		az(&x->icmds, "network local-network-gateway update", h,
		    v->local_network_gateway);
		buf_truncate(&p, 0);
		prefixes_text(&p, sa->address_prefixes, sa->naddress_prefixes,
		    " ");
		arg(&x->icmds, "--local-address-prefixes %s", buf_cstr(&p));
		endl(&x->icmds);
	}
	buf_release(&p);
}

static void
vnet_space(struct buf *c, const struct design *dsn)
{
	struct buf	 p = BUF_INIT;

	az(c, "network vnet update", dsn, dsn->vnet.name);
	prefixes_text(&p, dsn->vnet.address_space, dsn->vnet.naddress_space,
	    " ");
	arg(c, "--address-prefixes %s", buf_cstr(&p));
	endl(c);
	buf_release(&p);
}

static void
plan_vnet_changes(struct plan *pl, struct group *g)
{
	struct act	*x;

	if (group_take_all(g, "address_space") == 0)
		return;
	x = act_new(pl, PH_VNET, g->v[0].object);
	buf_printf(&x->title, "Change the address space of %s: ",
	    pl->head->vnet.name);
	list_delta(&x->title, g, "address_space");
	buf_puts(&x->text, "Both gateways advertise the new space to on "
	    "premises; sync every peering afterwards (az network vnet "
	    "peering sync) so the spokes learn it.");
	vnet_space(&x->cmds, pl->head);
	x->has_inv = 1;
	buf_printf(&x->ititle, "Restore the address space of %s",
	    pl->base->vnet.name);
	vnet_space(&x->icmds, pl->base);
}

static void
subnet_cmd(struct buf *c, const struct design *dsn, const struct subnet *s,
    const char *verb)
{
	char	 t[PREFIX_STRLEN];

	buf_printf(c, "az network vnet subnet %s -g %s", verb,
	    dsn->resource_group);
	arg(c, "--vnet-name %s", dsn->vnet.name);
	arg(c, "-n %s", s->name);
	if (strcmp(verb, "delete") != 0)
		arg(c, "--address-prefixes %s", PFX(&s->prefix, t));
	endl(c);
}

static void
plan_subnet(struct plan *pl, struct group *g)
{
	const struct diff_change *c = &g->v[0];
	const struct subnet *a = c->old_obj, *b = c->new_obj;
	struct act	*x;

	if (c->field == NULL && c->op == DIFF_ADDED) {
		x = act_new(pl, PH_VNET, c->object);
		buf_printf(&x->title, "Create subnet %s", b->name);
		subnet_cmd(&x->cmds, pl->head, b, "create");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Delete subnet %s", b->name);
		subnet_cmd(&x->icmds, pl->head, b, "delete");
	} else if (c->field == NULL) {
		x = act_new(pl, PH_REMOVE, c->object);
		buf_printf(&x->title, "Delete subnet %s", a->name);
		buf_puts(&x->text, "The subnet must be empty.");
		subnet_cmd(&x->cmds, pl->base, a, "delete");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Recreate subnet %s", a->name);
		subnet_cmd(&x->icmds, pl->base, a, "create");
	} else if (group_take(g, "prefix")) {
		x = act_new(pl, PH_VNET, c->object);
		buf_printf(&x->title, "Change the prefix of subnet %s",
		    b->name);
		buf_puts(&x->text, "Azure changes a subnet's prefix only "
		    "while the subnet is empty.");
		subnet_cmd(&x->cmds, pl->head, b, "update");
		x->has_inv = 1;
		buf_printf(&x->ititle, "Restore the prefix of subnet %s",
		    a->name);
		subnet_cmd(&x->icmds, pl->base, a, "update");
	}
	g->used[0] = 1;
}

static void
peering_cmds(struct buf *c, const struct design *dsn, const struct spoke *s,
    int create)
{
	buf_puts(c, "# peering names: use yours if they differ; a spoke in "
	    "another resource group needs its resource ID\n");
	buf_printf(c, "az network vnet peering %s -g %s",
	    create ? "create" : "delete", dsn->resource_group);
	arg(c, "-n %s-to-%s", dsn->vnet.name, s->name);
	arg(c, "--vnet-name %s", dsn->vnet.name);
	if (create) {
		arg(c, "--remote-vnet %s", s->name);
		arg(c, "--allow-vnet-access");
		arg(c, "--allow-forwarded-traffic");
		arg(c, "--allow-gateway-transit");
	}
	endl(c);
	buf_printf(c, "az network vnet peering %s -g %s",
	    create ? "create" : "delete", dsn->resource_group);
	arg(c, "-n %s-to-%s", s->name, dsn->vnet.name);
	arg(c, "--vnet-name %s", s->name);
	if (create) {
		arg(c, "--remote-vnet %s", dsn->vnet.name);
		arg(c, "--allow-vnet-access");
		arg(c, "--allow-forwarded-traffic");
		arg(c, "--use-remote-gateways");
	}
	endl(c);
}

static void
plan_spoke(struct plan *pl, struct group *g)
{
	const struct diff_change *c = &g->v[0];
	const struct spoke *a = c->old_obj, *b = c->new_obj;
	struct act	*x;

	if (c->field == NULL) {
		int	 add = c->op == DIFF_ADDED;
		const struct design *dsn = add ? pl->head : pl->base;
		const struct spoke *s = add ? b : a;

		x = act_new(pl, add ? PH_VNET : PH_REMOVE, c->object);
		buf_printf(&x->title, "%s spoke %s %s the hub", add ? "Peer" :
		    "Unpeer", s->name, add ? "with" : "from");
		buf_printf(&x->text, "%s uses the hub's gateways; on-premises "
		    "sites %s ", s->name, add ? "learn" : "stop learning");
		prefixes_text(&x->text, s->address_space, s->naddress_space,
		    ", ");
		buf_puts(&x->text, ".");
		peering_cmds(&x->cmds, dsn, s, add);
		if (!add)
			buf_printf(&x->down, "%s loses hybrid connectivity",
			    s->name);
		x->has_inv = 1;
		buf_printf(&x->ititle, "%s spoke %s", add ? "Unpeer" :
		    "Peer again", s->name);
		peering_cmds(&x->icmds, dsn, s, !add);
		g->used[0] = 1;
		return;
	}
	if (group_take_all(g, "address_space") == 0)
		return;
	x = act_new(pl, PH_VNET, c->object);
	buf_printf(&x->title, "Change the address space of spoke %s: ",
	    b->name);
	list_delta(&x->title, g, "address_space");
	buf_puts(&x->text, "Change the spoke's address space, then sync both "
	    "peerings so the hub's gateways advertise it.");
	buf_printf(&x->cmds, "az network vnet peering sync -g %s",
	    pl->head->resource_group);
	arg(&x->cmds, "-n %s-to-%s", pl->head->vnet.name, b->name);
	arg(&x->cmds, "--vnet-name %s", pl->head->vnet.name);
	endl(&x->cmds);
	x->has_inv = 1;
	buf_printf(&x->ititle, "Restore the address space of spoke %s",
	    a->name);
	buf_printf(&x->icmds, "az network vnet peering sync -g %s",
	    pl->head->resource_group);
	arg(&x->icmds, "-n %s-to-%s", pl->head->vnet.name, b->name);
	arg(&x->icmds, "--vnet-name %s", pl->head->vnet.name);
	endl(&x->icmds);
}

static void
plan_gateway(struct plan *pl, struct group *g, int vpn)
{
	const struct diff_change *c = &g->v[0];
	struct act	*x;
	size_t		 n;

	if (c->field == NULL) {
		int	 add = c->op == DIFF_ADDED;
		const struct design *dsn = add ? pl->head : pl->base;
		struct buf *fc, *ic;

		x = act_new(pl, add ? PH_GATEWAY : PH_REMOVE, c->object);
		x->has_inv = 1;
		fc = add ? &x->cmds : &x->icmds;
		ic = add ? &x->icmds : &x->cmds;
		buf_printf(&x->title, "%s %s gateway %s", add ? "Create" :
		    "Delete", vpn ? "VPN" : "ExpressRoute", vpn ?
		    dsn->vpn_gateway.name : dsn->er_gateway.name);
		buf_printf(&x->ititle, "%s %s gateway %s", add ? "Delete" :
		    "Recreate", vpn ? "VPN" : "ExpressRoute", vpn ?
		    dsn->vpn_gateway.name : dsn->er_gateway.name);
		if (vpn)
			vpn_gateway_create(fc, dsn);
		else
			er_gateway_create(fc, dsn);
		az(ic, "network vnet-gateway delete", dsn, vpn ?
		    dsn->vpn_gateway.name : dsn->er_gateway.name);
		endl(ic);
		buf_puts(add ? &x->text : &x->itext, "Gateway creation takes "
		    "45 minutes or more.");
		if (!add)
			buf_printf(&x->down, "Every %s connection of the design "
			    "ends", vpn ? "VPN" : "ExpressRoute");
		g->used[0] = 1;
		return;
	}
	n = vpn ? group_take_all(g, "sku") + group_take_all(g, "generation") :
	    group_take_all(g, "sku") + group_take_all(g, "scale_units");
	if (n == 0)
		return;
	x = act_new(pl, PH_GATEWAY, c->object);
	x->has_inv = 1;
	if (vpn) {
		vpn_sku_step(&x->title, &x->text, &x->cmds, &x->down, pl->base,
		    pl->head);
		vpn_sku_step(&x->ititle, &x->itext, &x->icmds, &x->idown,
		    pl->head, pl->base);
	} else {
		er_sku_step(&x->title, &x->text, &x->cmds, &x->down, pl->base,
		    pl->head);
		er_sku_step(&x->ititle, &x->itext, &x->icmds, &x->idown,
		    pl->head, pl->base);
	}
}

/* A change hybridoc has no procedure for: named, to be done by hand. */
static void
plan_generic(struct plan *pl, const struct diff_change *c)
{
	struct act	*x = act_new(pl, PH_OTHER, c->object);
	const char	*obj = *c->object ? c->object : "the design";
	struct buf	 v = BUF_INIT;

	if (c->field == NULL) {
		buf_printf(&x->title, "%s %s %s", c->op == DIFF_ADDED ? "Add" :
		    "Remove", diff_kind_name(c->kind), obj);
		buf_printf(&x->ititle, "%s %s %s", c->op == DIFF_ADDED ?
		    "Remove" : "Restore", diff_kind_name(c->kind), obj);
	} else {
		buf_printf(&x->title, "Set %s of %s to ", c->field, obj);
		show_value(&v, c->op == DIFF_REMOVED ? NULL : c->after);
		buf_puts(&x->title, buf_cstr(&v));
		buf_truncate(&v, 0);
		buf_printf(&x->ititle, "Set %s of %s back to ", c->field, obj);
		show_value(&v, c->op == DIFF_ADDED ? NULL : c->before);
		buf_puts(&x->ititle, buf_cstr(&v));
		if (c->op != DIFF_CHANGED) {
			buf_truncate(&x->title, 0);
			buf_truncate(&x->ititle, 0);
			buf_printf(&x->title, "%s %s %s %s", c->op ==
			    DIFF_ADDED ? "Add" : "Remove", c->op == DIFF_ADDED ?
			    c->after : c->before, c->op == DIFF_ADDED ? "to" :
			    "from", c->field);
			buf_printf(&x->ititle, "%s %s %s %s", c->op ==
			    DIFF_ADDED ? "Remove" : "Add", c->op ==
			    DIFF_ADDED ? c->after : c->before, c->op ==
			    DIFF_ADDED ? "from" : "to", c->field);
		}
	}
	buf_puts(&x->text, "hybridoc has no procedure for this change: "
	    "apply it with the usual tooling and record the commands in the "
	    "change.");
	x->has_inv = 1;
	buf_puts(&x->itext, "Undo it with the same tooling.");
	buf_release(&v);
}

static void
plan_group(struct plan *pl, struct group *g, int *gwsubnet_done)
{
	const struct diff_change *c = &g->v[0];
	size_t		 i, j;

	for (i = 0; i < g->n; i++)
		if (is_doc(&g->v[i]))
			g->used[i] = 1;
	if (c->kind == DIFF_SUBNET &&
	    strcmp(c->object, "azure.vnet.subnets.GatewaySubnet") == 0) {
		if (!*gwsubnet_done)
			plan_gwsubnet(pl, c->object);
		*gwsubnet_done = 1;
		memset(g->used, 1, g->n);
		return;
	}
	if (c->field == NULL && !g->used[0]) {
		const struct site *s;

		switch (c->kind) {
		case DIFF_SITE:
			s = c->op == DIFF_ADDED ? c->new_obj : c->old_obj;
			for (j = 0; j < s->ner; j++) {
				if (c->op == DIFF_ADDED)
					plan_er_add(pl, pl->head, s, &s->er[j],
					    c->object);
				else
					plan_er_remove(pl, pl->base, s,
					    &s->er[j], c->object);
			}
			for (j = 0; j < s->ndevices; j++) {
				if (c->op == DIFF_ADDED)
					plan_device_add(pl, pl->head, s,
					    &s->devices[j], c->object);
				else
					plan_device_remove(pl, pl->base, s,
					    &s->devices[j], c->object, 1);
			}
			g->used[0] = 1;
			break;
		case DIFF_DEVICE:
			if (c->op == DIFF_ADDED)
				plan_device_add(pl, pl->head, c->new_parent,
				    c->new_obj, c->object);
			else
				plan_device_remove(pl, pl->base, c->old_parent,
				    c->old_obj, c->object, 0);
			g->used[0] = 1;
			break;
		case DIFF_SITE_ER:
			if (c->op == DIFF_ADDED)
				plan_er_add(pl, pl->head, c->new_parent,
				    c->new_obj, c->object);
			else
				plan_er_remove(pl, pl->base, c->old_parent,
				    c->old_obj, c->object);
			g->used[0] = 1;
			break;
		case DIFF_CIRCUIT:
			plan_circuit_add(pl, c->op == DIFF_ADDED ? pl->head :
			    pl->base, c->op == DIFF_ADDED ? c->new_obj :
			    c->old_obj, c->object, c->op == DIFF_REMOVED);
			g->used[0] = 1;
			break;
		case DIFF_SUBNET:
			plan_subnet(pl, g);
			break;
		case DIFF_SPOKE:
			plan_spoke(pl, g);
			break;
		case DIFF_VPN_GATEWAY:
		case DIFF_ER_GATEWAY:
			plan_gateway(pl, g, c->kind == DIFF_VPN_GATEWAY);
			break;
		default:
			break;
		}
	} else if (c->field != NULL) {
		switch (c->kind) {
		case DIFF_CIRCUIT:
			plan_circuit_changes(pl, g);
			break;
		case DIFF_DEVICE:
			plan_device_changes(pl, g);
			break;
		case DIFF_SITE_ER:
			plan_site_er_changes(pl, g);
			break;
		case DIFF_SITE:
			plan_site_changes(pl, g);
			break;
		case DIFF_VNET:
			plan_vnet_changes(pl, g);
			break;
		case DIFF_SUBNET:
			plan_subnet(pl, g);
			break;
		case DIFF_SPOKE:
			plan_spoke(pl, g);
			break;
		case DIFF_VPN_GATEWAY:
		case DIFF_ER_GATEWAY:
			plan_gateway(pl, g, c->kind == DIFF_VPN_GATEWAY);
			break;
		default:
			break;
		}
	}
	for (i = 0; i < g->n; i++)
		if (!g->used[i])
			plan_generic(pl, &g->v[i]);
}

/* The observation commands run before and after the change. */
static void
observe(struct buf *c, const struct design *dsn)
{
	if (dsn->er_gateway.node) {
		az(c, "network vnet-gateway list-learned-routes", dsn,
		    dsn->er_gateway.name);
		arg(c, "-o table");
		endl(c);
	}
	if (dsn->vpn_gateway.node) {
		az(c, "network vnet-gateway list-bgp-peer-status", dsn,
		    dsn->vpn_gateway.name);
		arg(c, "-o table");
		endl(c);
		az(c, "network vnet-gateway list-learned-routes", dsn,
		    dsn->vpn_gateway.name);
		arg(c, "-o table");
		endl(c);
	}
	az(c, "network nic show-effective-route-table", dsn,
	    "<nic-of-a-test-vm>");
	arg(c, "-o table");
	endl(c);
}

static void
plan_build(struct plan *pl, const struct diff *df)
{
	struct group	 g;
	struct act	*x;
	size_t		 i, j;
	int		 gws = 0;

	for (i = 0; i < df->n; i = j) {
		for (j = i + 1; j < df->n; j++)
			if (df->v[j].kind != df->v[i].kind ||
			    strcmp(df->v[j].object, df->v[i].object) != 0 ||
			    (df->v[j].field == NULL) !=
			    (df->v[i].field == NULL))
				break;
		g.v = &df->v[i];
		g.n = j - i;
		g.used = xcalloc(g.n, 1);
		plan_group(pl, &g, &gws);
		free(g.used);
	}
	if (pl->n == 0)
		return;
	x = act_new(pl, PH_PREPARE, "");
	buf_puts(&x->title, "Record the routes before the change");
	buf_puts(&x->text, "Keep the output with the change record; the "
	    "rollback is checked against it.");
	observe(&x->cmds, pl->base);
	x = act_new(pl, PH_VERIFY, "");
	buf_puts(&x->title, "Check the routes against the routing impact");
	buf_puts(&x->text, "The baseline rows of the routing impact, "
	    "column \"after\", are what Azure should now use.");
	observe(&x->cmds, pl->head);
	qsort(pl->v, pl->n, sizeof(*pl->v), act_cmp);
}

static void
plan_release(struct plan *pl)
{
	size_t	 i;

	for (i = 0; i < pl->n; i++)
		act_free(pl->v[i]);
	free(pl->v);
}

static void
step_value(struct value *list, size_t number, const char *object,
    struct buf *title, struct buf *text, struct buf *cmds, struct buf *down)
{
	struct value	*e = push_map(list);

	value_map_int(e, "number", (long long)number);
	value_map_str(e, "title", buf_cstr(title));
	put_opt(e, "text", text->len ? buf_cstr(text) : NULL);
	/* The Markdown code block adds its own last newline. */
	if (cmds->len && cmds->ptr[cmds->len - 1] == '\n')
		buf_truncate(cmds, cmds->len - 1);
	put_opt(e, "commands", cmds->len ? buf_cstr(cmds) : NULL);
	put_opt(e, "downtime", down->len ? buf_cstr(down) : NULL);
	value_map_str(e, "object", object);
}

static void
plan_values(struct plan *pl, struct value *impl, struct value *back)
{
	size_t		 i, k = 0;
	struct act	*a;

	for (i = 0; i < pl->n; i++) {
		a = pl->v[i];
		step_value(impl, i + 1, a->object, &a->title, &a->text,
		    &a->cmds, &a->down);
	}
	for (i = pl->n; i-- > 0;) {
		a = pl->v[i];
		if (!a->has_inv)
			continue;
		step_value(back, ++k, a->object, &a->ititle, &a->itext,
		    &a->icmds, &a->idown);
	}
	if (k) {
		struct buf	 t = BUF_INIT, x = BUF_INIT, c = BUF_INIT,
				 d = BUF_INIT;

		buf_puts(&t, "Check the routes against the record made before "
		    "the change");
		buf_puts(&x, "Every route is back as in the \"before\" column "
		    "of the routing impact.");
		observe(&c, pl->base);
		step_value(back, ++k, "", &t, &x, &c, &d);
		buf_release(&t);
		buf_release(&x);
		buf_release(&c);
		buf_release(&d);
	}
}

/* ---- summary ---- */

static void
describe_device(struct buf *b, const struct vpn_device *v)
{
	char	 t[PREFIX_STRLEN];

	device_words(b, v);
	buf_printf(b, " at %s, ", ADDR(&v->public_ip, t));
	if (v->has_bgp)
		buf_printf(b, "BGP AS %ld", v->bgp_asn);
	else
		buf_puts(b, "static");
}

/* One line on an object that was added or removed. */
static void
describe(struct buf *b, const struct diff_change *c)
{
	const void	*o = c->op == DIFF_ADDED ? c->new_obj : c->old_obj;
	char		 t[PREFIX_STRLEN];
	size_t		 j;

	switch (c->kind) {
	case DIFF_SITE: {
		const struct site *s = o;

		prefixes_text(b, s->address_prefixes, s->naddress_prefixes,
		    ", ");
		for (j = 0; j < s->ner; j++)
			buf_printf(b, "; ExpressRoute over %s",
			    s->er[j].circuit_name);
		for (j = 0; j < s->ndevices; j++) {
			buf_printf(b, "; VPN device %s (", s->devices[j].name);
			describe_device(b, &s->devices[j]);
			buf_putc(b, ')');
		}
		break;
	}
	case DIFF_DEVICE:
		describe_device(b, o);
		break;
	case DIFF_SITE_ER: {
		const struct site_er *er = o;

		buf_printf(b, "circuit %s, advertising ", er->circuit_name);
		prefixes_text(b, er->advertise, er->nadvertise, ", ");
		break;
	}
	case DIFF_CIRCUIT: {
		const struct circuit *ci = o;

		buf_printf(b, "%s at %s, ", ci->provider, ci->peering_location);
		mbps_text(b, ci->bandwidth_mbps);
		buf_printf(b, ", %s", circuit_sku_name(ci->sku));
		break;
	}
	case DIFF_SUBNET:
		buf_puts(b, PFX(&((const struct subnet *)o)->prefix, t));
		break;
	case DIFF_SPOKE:
		prefixes_text(b, ((const struct spoke *)o)->address_space,
		    ((const struct spoke *)o)->naddress_space, ", ");
		break;
	case DIFF_VPN_GATEWAY: {
		const struct vpn_gateway *g = o;

		buf_printf(b, "%s %s, generation %ld", g->name,
		    vpn_sku_name(g->sku), g->generation);
		break;
	}
	case DIFF_ER_GATEWAY:
		buf_printf(b, "%s %s", ((const struct er_gateway *)o)->name,
		    er_sku_name(((const struct er_gateway *)o)->sku));
		break;
	case DIFF_INSTANCE:
		buf_printf(b, "public IP %s", ADDR(&((const struct gw_instance *)
		    o)->public_ip, t));
		break;
	case DIFF_TRAFFIC:
		buf_printf(b, "peak %ld Mbps", ((const struct traffic *)o)->
		    peak_mbps);
		break;
	case DIFF_SUPPRESS:
		show_value(b, ((const struct suppress *)o)->reason);
		break;
	default:
		break;
	}
}

/* Non-zero when a value does not fit a cell: several lines, or long. */
static int
long_value(const char *s)
{
	const char	*nl;

	if (s == NULL)
		return 0;
	nl = strchr(s, '\n');
	if (nl && nl[1] != '\0')
		return 1;
	return strlen(s) > SHOW_MAX;
}

/* One line of s (from p to its end of line) shown as a cell value. */
static void
show_line(struct buf *b, const char *p)
{
	const char	*nl = strchr(p, '\n');
	char		*l = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);

	show_value(b, *l ? l : "(empty line)");
	free(l);
}

/*
 * Long text that changed (a description): the first line that differs,
 * before and after, rather than two cut-off openings that look alike.
 */
static void
text_change(struct buf *b, const char *x, const char *y)
{
	const char	*p = x, *q = y;
	size_t		 line = 1;

	for (;;) {
		const char *pe = strchr(p, '\n'), *qe = strchr(q, '\n');
		size_t	 pl = pe ? (size_t)(pe - p) : strlen(p);
		size_t	 ql = qe ? (size_t)(qe - q) : strlen(q);

		if (pl != ql || strncmp(p, q, pl) != 0 || !pe || !qe)
			break;
		p = pe + 1;
		q = qe + 1;
		line++;
	}
	buf_printf(b, "line %zu ", line);
	if (*p)
		show_line(b, p);
	else
		buf_puts(b, "(none)");
	buf_puts(b, " → ");
	if (*q)
		show_line(b, q);
	else
		buf_puts(b, "(none)");
}

static void
field_change_text(struct buf *b, const struct diff_change *c)
{
	buf_printf(b, "%s: ", c->field);
	if (c->op == DIFF_CHANGED && c->before && c->after &&
	    (long_value(c->before) || long_value(c->after))) {
		text_change(b, c->before, c->after);
		return;
	}
	if (c->op == DIFF_ADDED) {
		buf_puts(b, "+ ");
		show_value(b, c->after);
	} else if (c->op == DIFF_REMOVED) {
		buf_puts(b, "− ");
		show_value(b, c->before);
	} else {
		show_value(b, c->before);
		buf_puts(b, " → ");
		show_value(b, c->after);
	}
}

struct counts {
	size_t	 added, removed, changed;
};

static void
summary_build(const struct diff *df, struct value *summary,
    struct value *elements, struct counts *n)
{
	struct value	*e, *fl, *f, *el;
	struct buf	 d = BUF_INIT;
	size_t		 i, j, k;

	for (i = 0; i < df->n; i = j) {
		const struct diff_change *c = &df->v[i];
		const char	*op;

		for (j = i + 1; j < df->n; j++)
			if (df->v[j].kind != c->kind ||
			    strcmp(df->v[j].object, c->object) != 0 ||
			    (df->v[j].field == NULL) != (c->field == NULL))
				break;
		op = c->field ? "changed" : diff_op_name(c->op);
		e = push_map(summary);
		value_map_str(e, "op", op);
		value_map_str(e, "kind", diff_kind_id(c->kind));
		value_map_str(e, "kind_words", diff_kind_name(c->kind));
		value_map_str(e, "object", *c->object ? c->object : "design");
		buf_truncate(&d, 0);
		fl = value_new_list();
		if (c->field == NULL)
			describe(&d, c);
		for (k = i; k < j && c->field; k++) {
			f = push_map(fl);
			value_map_str(f, "field", df->v[k].field);
			value_map_str(f, "op", diff_op_name(df->v[k].op));
			put_opt(f, "before", df->v[k].before);
			put_opt(f, "after", df->v[k].after);
			if (d.len)
				buf_puts(&d, "; ");
			field_change_text(&d, &df->v[k]);
		}
		value_map_str(e, "details", buf_cstr(&d));
		value_map_put(e, "fields", fl);
		el = push_map(elements);
		value_map_str(el, "op", op);
		value_map_str(el, "kind", diff_kind_id(c->kind));
		value_map_str(el, "kind_words", diff_kind_name(c->kind));
		value_map_str(el, "object", *c->object ? c->object : "design");
		if (c->field)
			n->changed++;
		else if (c->op == DIFF_ADDED)
			n->added++;
		else
			n->removed++;
	}
	buf_release(&d);
}

/* ---- risk ---- */

enum cls {
	CL_DOC,
	CL_DEMAND,
	CL_ADD,
	CL_REMOVE,
	CL_SKU,
	CL_GWSUBNET,
	CL_CAPACITY,
	CL_CONN,
	CL_POLICY,
	CL_OTHER,
	CL_N
};

static const struct cls_info {
	enum risk	 level;
	const char	*words;
} cls_info[CL_N] = {
	{ RISK_LOW, "Descriptive text" },
	{ RISK_LOW, "Declared traffic, failover tests or accepted findings "
	    "(no network change)" },
	{ RISK_LOW, "New objects" },
	{ RISK_HIGH, "Connectivity removed" },
	{ RISK_MEDIUM, "SKU change" },
	{ RISK_MEDIUM, "GatewaySubnet change: both gateways are deleted "
	    "and recreated" },
	{ RISK_MEDIUM, "Capacity change" },
	{ RISK_MEDIUM, "Connection settings change; tunnels or BGP sessions "
	    "reset" },
	{ RISK_MEDIUM, "Routing policy change (advertisements, preferences, "
	    "weights, BFD, FastPath)" },
	{ RISK_LOW, "Other configuration change" },
};

static enum cls
classify(const struct diff_change *c)
{
	static const char *const sku[] = { "sku", "generation",
	    "scale_units", NULL };
	static const char *const policy[] = { "advertise", "as_path_prepend",
	    "local_preference", "routing_weight", "private_peering.bfd",
	    "fastpath", NULL };
	static const char *const conn[] = { "public_ip", "bgp", "static",
	    "ike.", "shared_key_ref", "connection", "local_network_gateway",
	    "private_peering.", "asn", "active_active", "vpn_type", NULL };
	size_t	 i;

	if (c->kind == DIFF_SUBNET &&
	    strcmp(c->object, "azure.vnet.subnets.GatewaySubnet") == 0)
		return CL_GWSUBNET;
	if (is_doc(c))
		return c->kind == DIFF_TRAFFIC || c->kind == DIFF_FAILOVER ||
		    c->kind == DIFF_SUPPRESS ? CL_DEMAND : CL_DOC;
	if (c->field == NULL)
		return c->op == DIFF_ADDED ? CL_ADD : CL_REMOVE;
	if (c->op == DIFF_REMOVED && (field_is(c, "address_prefixes") ||
	    field_is(c, "address_space")))
		return CL_REMOVE;
	for (i = 0; sku[i]; i++)
		if (field_is(c, sku[i]))
			return CL_SKU;
	if (field_is(c, "bandwidth_mbps"))
		return CL_CAPACITY;
	for (i = 0; policy[i]; i++)
		if (field_is(c, policy[i]))
			return CL_POLICY;
	for (i = 0; conn[i]; i++)
		if (field_is(c, conn[i]) || (conn[i][strlen(conn[i]) - 1] ==
		    '.' && field_in(c, conn[i])) || (strcmp(conn[i], "bgp") ==
		    0 && field_in(c, "bgp.")))
			return CL_CONN;
	if (c->kind == DIFF_INSTANCE)
		return CL_CONN;
	return CL_OTHER;
}

struct reason {
	enum risk	 level;
	size_t		 seq;
	char		*text;
};

struct reasons {
	struct reason	*v;
	size_t		 n, cap;
};

static void
reason_add(struct reasons *r, enum risk level, struct buf *text)
{
	xgrow(&r->v, &r->cap, r->n + 1, sizeof(*r->v));
	r->v[r->n].level = level;
	r->v[r->n].seq = r->n;
	r->v[r->n].text = buf_detach(text, NULL);
	r->n++;
}

/* Appends item to a list of at most 4, then counts the rest. */
static void
items_add(struct buf *b, size_t *n, const char *item)
{
	if (*n < 4)
		buf_printf(b, "%s%s", *n ? "; " : "", item);
	(*n)++;
}

static void
items_end(struct buf *b, size_t n)
{
	if (n > 4)
		buf_printf(b, "; and %zu more", n - 4);
	buf_putc(b, '.');
}

static void
risk_from_diff(const struct diff *df, struct reasons *r, int *docs_only)
{
	struct buf	 b[CL_N], item = BUF_INIT;
	size_t		 n[CL_N], i, k;

	memset(n, 0, sizeof(n));
	for (k = 0; k < CL_N; k++)
		buf_init(&b[k]);
	*docs_only = df->n > 0;
	for (i = 0; i < df->n; i++) {
		const struct diff_change *c = &df->v[i];
		enum cls	 cl = classify(c);

		if (cl != CL_DOC && cl != CL_DEMAND)
			*docs_only = 0;
		buf_truncate(&item, 0);
		if (c->field == NULL)
			buf_puts(&item, c->object);
		else {
			if (*c->object)
				buf_printf(&item, "%s ", c->object);
			field_change_text(&item, c);
		}
		/* A GatewaySubnet change is one reason, however told. */
		if (cl == CL_GWSUBNET && n[cl])
			continue;
		items_add(&b[cl], &n[cl], buf_cstr(&item));
	}
	for (k = 0; k < CL_N; k++) {
		struct buf	 t = BUF_INIT;

		if (n[k] == 0)
			continue;
		if (k == CL_DOC && *docs_only)
			buf_puts(&t, "Descriptions only, no network change");
		else
			buf_puts(&t, cls_info[k].words);
		if (k != CL_GWSUBNET) {
			buf_printf(&t, ": %s", buf_cstr(&b[k]));
			items_end(&t, n[k]);
		} else
			buf_putc(&t, '.');
		reason_add(r, cls_info[k].level, &t);
	}
	for (k = 0; k < CL_N; k++)
		buf_release(&b[k]);
	buf_release(&item);
}

static const char *
row_text(const struct value *row, const char *side)
{
	const struct value *v = value_map_get(row, side);

	return v && v->kind == VALUE_MAP ? value_map_cstr(v, "text") :
	    "not in the design";
}

static int
row_has(const struct value *row, const char *change)
{
	const struct value *l = value_map_get(row, "changes");
	size_t	 i;

	for (i = 0; l && i < l->n; i++)
		if (strcmp(l->items[i]->str, change) == 0)
			return 1;
	return 0;
}

static int
row_reachable(const struct value *row, const char *side)
{
	const struct value *v = value_map_get(row, side);

	return v && v->kind == VALUE_MAP &&
	    strcmp(value_map_cstr(v, "path"), "none") != 0;
}

static void
risk_from_routing(const struct impact *im, struct reasons *r)
{
	struct buf	 path = BUF_INIT, lost = BUF_INIT, gain = BUF_INIT,
			 cap = BUF_INIT, fo = BUF_INIT, fc = BUF_INIT,
			 item = BUF_INIT, t = BUF_INIT;
	size_t		 np = 0, nl = 0, ng = 0, nc = 0, nfo = 0, nfc = 0,
			 nlost = 0, i, k;

	for (i = 0; i < im->nsc; i++) {
		const struct scen *x = &im->sc[i];
		const struct value *rows;

		if (x->nrows == 0)
			continue;
		if (strcmp(x->id, "baseline") != 0) {
			if (x->pathreach) {
				items_add(&fo, &nfo, x->id);
				nlost += x->lost > 0;
			} else if (x->capacity)
				items_add(&fc, &nfc, x->id);
			continue;
		}
		rows = x->entry ? value_map_get(x->entry, "rows") : NULL;
		for (k = 0; rows && k < rows->n; k++) {
			const struct value *row = rows->items[k];
			int	 rb = row_reachable(row, "before");
			int	 ra = row_reachable(row, "after");

			buf_truncate(&item, 0);
			buf_printf(&item, "%s (%s) %s → %s",
			    value_map_cstr(row, "prefix"),
			    value_map_cstr(row, "site"), row_text(row, "before"),
			    row_text(row, "after"));
			if (rb && !ra)
				items_add(&lost, &nl, buf_cstr(&item));
			else if (!rb && ra)
				items_add(&gain, &ng, value_map_cstr(row,
				    "prefix"));
			else if (row_has(row, "path"))
				items_add(&path, &np, buf_cstr(&item));
			else if (row_has(row, "capacity"))
				items_add(&cap, &nc, buf_cstr(&item));
		}
	}
#define EMIT(n, b, lv, words) do { \
	if (n) { \
		buf_truncate(&t, 0); \
		buf_printf(&t, "%s: %s", words, buf_cstr(&b)); \
		items_end(&t, n); \
		reason_add(r, lv, &t); \
	} \
} while (0)
	EMIT(np, path, RISK_HIGH, "The baseline path changes");
	EMIT(nl, lost, RISK_HIGH, "Connectivity removed in the baseline");
	EMIT(nc, cap, RISK_MEDIUM, "Baseline capacity changes");
	if (nfo) {
		buf_truncate(&t, 0);
		buf_printf(&t, "Failover behaviour changes in %zu scenario%s",
		    nfo, nfo == 1 ? "" : "s");
		if (nlost)
			buf_printf(&t, " (%zu with prefixes that lose their "
			    "route)", nlost);
		buf_printf(&t, ": %s", buf_cstr(&fo));
		items_end(&t, nfo);
		reason_add(r, RISK_MEDIUM, &t);
	}
	EMIT(nfc, fc, RISK_MEDIUM, "Capacity changes under failure in these "
	    "scenarios");
	EMIT(ng, gain, RISK_LOW, "New prefixes reachable from Azure");
#undef EMIT
	buf_release(&path);
	buf_release(&lost);
	buf_release(&gain);
	buf_release(&cap);
	buf_release(&fo);
	buf_release(&fc);
	buf_release(&item);
	buf_release(&t);
}

static int
reason_cmp(const void *x, const void *y)
{
	const struct reason *a = x, *b = y;

	if (a->level != b->level)
		return a->level > b->level ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void
risk_build(const struct diff *df, const struct impact *im,
    const struct fcounts *fc, struct value *m, enum risk *levelp,
    int *docs_only)
{
	struct reasons	 r = { NULL, 0, 0 };
	struct value	*l, *e;
	struct buf	 t = BUF_INIT;
	enum risk	 level = RISK_NONE;
	size_t		 i;

	if (fc->new_errors) {
		buf_printf(&t, "New error findings: %s.",
		    buf_cstr(&fc->new_err_ids));
		reason_add(&r, RISK_HIGH, &t);
	}
	risk_from_routing(im, &r);
	risk_from_diff(df, &r, docs_only);
	if (fc->new_warnings) {
		buf_printf(&t, "New warnings: %s.",
		    buf_cstr(&fc->new_warn_ids));
		reason_add(&r, RISK_MEDIUM, &t);
	}
	/* qsort is not stable; the sequence number makes it so. */
	if (r.n > 1)
		qsort(r.v, r.n, sizeof(*r.v), reason_cmp);
	if (r.n == 0) {
		buf_puts(&t, "No change: the two versions describe the same "
		    "design.");
		reason_add(&r, RISK_NONE, &t);
	}
	for (i = 0; i < r.n; i++)
		if (r.v[i].level > level)
			level = r.v[i].level;
	value_map_str(m, "level", risk_names[level]);
	l = put_list(m, "reasons");
	for (i = 0; i < r.n; i++) {
		e = push_map(l);
		value_map_str(e, "level", risk_names[r.v[i].level]);
		value_map_str(e, "reason", r.v[i].text);
		free(r.v[i].text);
	}
	free(r.v);
	*levelp = level;
	buf_release(&t);
}

/* ---- verification ---- */

static int
affected(const struct impact *im, const char *id, int *capacity_only)
{
	size_t	 i;

	*capacity_only = 0;
	for (i = 0; i < im->nsc; i++) {
		const struct scen *x = &im->sc[i];

		if (!x->in_head || strcmp(x->id, id) != 0)
			continue;
		if (strcmp(x->status, "new") == 0 || x->pathreach)
			return 1;
		*capacity_only = x->capacity > 0;
		return 0;
	}
	return 0;
}

static void
copy_key(struct value *to, const struct value *from, const char *key)
{
	const struct value *v = value_map_get(from, key);

	if (v)
		value_map_put(to, key, value_copy(v));
}

/*
 * The runbook's test procedures of the scenarios the change affects
 * (failover behaviour changes, or the scenario is new), taken from the
 * head's runbook view so the two documents agree; the pre-checks,
 * the same for every test, once.
 */
static void
verification_build(const struct analysis *ha, const struct impact *im,
    struct value *m)
{
	struct view_opts o;
	struct value	*rb, *tests, *l, *u, *co, *e;
	const struct value *t;
	size_t		 i, k;
	int		 cap, have_pre = 0;

	memset(&o, 0, sizeof(o));
	rb = view_runbook(ha, &o);
	tests = value_map_get(rb, "tests");
	l = value_new_list();
	for (i = 0; tests && i < tests->n; i++) {
		t = tests->items[i];
		if (!affected(im, value_map_cstr(t, "id"), &cap))
			continue;
		if (!have_pre) {
			copy_key(m, t, "prechecks");
			have_pre = 1;
		}
		e = push_map(l);
		value_map_str(e, "scenario", value_map_cstr(t, "id"));
		copy_key(e, t, "title");
		value_map_put(e, "runbook_test", value_copy(value_map_get(t,
		    "number")));
		copy_key(e, t, "purpose");
		copy_key(e, t, "steps");
		copy_key(e, t, "expected");
		copy_key(e, t, "rollback");
		copy_key(e, t, "success");
	}
	if (!have_pre)
		put_list(m, "prechecks");
	value_map_put(m, "tests", l);
	u = put_list(m, "untested");
	co = put_list(m, "capacity_only");
	for (i = 0; i < im->nsc; i++) {
		const struct scen *x = &im->sc[i];
		int	 found = 0;

		if (!x->in_head || strcmp(x->id, "baseline") == 0)
			continue;
		for (k = 0; tests && k < tests->n; k++)
			if (strcmp(value_map_cstr(tests->items[k], "id"),
			    x->id) == 0)
				found = 1;
		if (affected(im, x->id, &cap) && !found) {
			e = push_map(u);
			value_map_str(e, "scenario", x->id);
			value_map_str(e, "title", x->title);
		} else if (cap) {
			e = push_map(co);
			value_map_str(e, "scenario", x->id);
			value_map_str(e, "title", x->title);
		}
	}
	value_free(rb);
}

/* ---- the view ---- */

static void
version_value(struct value *m, const struct analysis *a)
{
	const struct findings *f = &a->findings;

	value_map_str(m, "file", a->dsn->file);
	value_map_str(m, "name", a->dsn->name);
	value_map_str(m, "hash", a->dsn->hash);
	value_map_int(m, "errors", (long long)findings_count(f, DIAG_ERROR));
	value_map_int(m, "warnings", (long long)findings_count(f,
	    DIAG_WARNING));
	value_map_int(m, "notes", (long long)findings_count(f, DIAG_NOTE));
}

static void
changes_value(const struct diff *df, struct value *l)
{
	struct value	*e;
	struct buf	 p = BUF_INIT;
	size_t		 i;

	for (i = 0; i < df->n; i++) {
		const struct diff_change *c = &df->v[i];

		e = push_map(l);
		value_map_str(e, "op", diff_op_name(c->op));
		value_map_str(e, "kind", diff_kind_id(c->kind));
		put_opt(e, "object", *c->object ? c->object : NULL);
		put_opt(e, "field", c->field);
		buf_truncate(&p, 0);
		buf_printf(&p, "%s%s%s", c->object, *c->object && c->field ?
		    "." : "", c->field ? c->field : "");
		value_map_str(e, "path", buf_cstr(&p));
		put_opt(e, "before", c->before);
		put_opt(e, "after", c->after);
		value_map_int(e, "line", c->mark.line);
	}
	buf_release(&p);
}

struct value *
packet_view(const struct analysis *ba, const struct analysis *ha,
    const struct diff *df)
{
	struct value	*v = value_new_map(), *m, *disp, *l, *e, *back;
	struct impact	 im;
	struct fcounts	 fc;
	struct counts	 n = { 0, 0, 0 };
	struct plan	 pl;
	struct buf	 t = BUF_INIT;
	const struct value *impl;
	enum risk	 level;
	int		 docs_only;
	size_t		 i;
	const struct design *h = ha->dsn;

	memset(&fc, 0, sizeof(fc));
	memset(&pl, 0, sizeof(pl));
	pl.base = ba->dsn;
	pl.head = h;

	value_map_int(v, "packet", 1);
	value_map_str(v, "generator", "hybridoc " HYBRIDOC_VERSION);
	value_map_str(v, "design", h->name);
	value_map_str(v, "title", h->title ? h->title : h->name);
	version_value(value_map_put(v, "base", value_new_map()), ba);
	version_value(value_map_put(v, "head", value_new_map()), ha);
	value_map_bool(v, "changed", df->n > 0);
	m = value_map_put(v, "counts", value_new_map());
	l = put_list(v, "summary");
	e = value_new_list();
	summary_build(df, l, e, &n);
	value_map_int(m, "added", (long long)n.added);
	value_map_int(m, "removed", (long long)n.removed);
	value_map_int(m, "changed", (long long)n.changed);
	changes_value(df, put_list(v, "changes"));

	/* Risk needs the findings and the routing impact; both come
	 * after it in the document. */
	m = value_map_put(v, "risk", value_new_map());
	findings_compare(ba, ha, value_map_put(v, "findings",
	    value_new_map()), &fc);
	impact_run(&im, ba, ha, put_list(v, "routing"));
	if (im.truncated)
		value_map_bool(v, "truncated", 1);
	risk_build(df, &im, &fc, m, &level, &docs_only);

	m = value_map_put(v, "diagrams", value_new_map());
	value_map_str(m, "before", PACKET_BEFORE_SVG);
	value_map_str(m, "after", PACKET_AFTER_SVG);
	value_map_put(m, "elements", e);

	plan_build(&pl, df);
	back = value_new_list();
	plan_values(&pl, put_list(v, "implementation"), back);
	verification_build(ha, &im, value_map_put(v, "verification",
	    value_new_map()));
	value_map_put(v, "rollback", back);
	m = put_list(v, "approvals");
	for (i = 0; i < h->napprovers; i++) {
		e = push_map(m);
		value_map_str(e, "role", h->approvers[i]);
		value_map_str(e, "name", "");
		value_map_str(e, "decision", "");
		value_map_str(e, "date", "");
	}
	value_map_int(v, "exit_status", findings_count(&ha->findings,
	    DIAG_ERROR) ? 1 : 0);

	disp = value_map_put(v, "display", value_new_map());
	buf_puts(&t, risk_names[level]);
	for (i = 0; i < t.len; i++)
		t.ptr[i] = (char)(t.ptr[i] - 'a' + 'A');
	value_map_str(disp, "level", buf_cstr(&t));
	value_map_bool(disp, "docs_only", docs_only);
	impact_groups(&im, put_list(disp, "routing_groups"));
	l = put_list(disp, "downtime");
	impl = value_map_get(v, "implementation");
	for (i = 0; impl && i < impl->n; i++) {
		const char *dt = value_map_cstr(impl->items[i], "downtime");

		if (dt == NULL || strcmp(dt, "None") == 0)
			continue;
		e = push_map(l);
		value_map_put(e, "number", value_copy(value_map_get(
		    impl->items[i], "number")));
		value_map_str(e, "title", value_map_cstr(impl->items[i],
		    "title"));
		value_map_str(e, "downtime", dt);
	}
	plan_release(&pl);
	impact_release(&im);
	buf_release(&fc.new_err_ids);
	buf_release(&fc.new_warn_ids);
	buf_release(&t);
	return v;
}

/* ---- writers ---- */

int
packet_markdown(const struct value *view, struct tmpl_set *ts,
    struct buf *out, struct diags *d)
{
	const struct tmpl *t = tmpl_set_get(ts, "packet.md.mustache", d);

	return t != NULL && tmpl_render(t, ts, view, TMPL_ESC_MARKDOWN, out,
	    d);
}

int
packet_html(const struct value *view, struct tmpl_set *ts,
    const char *before_svg, size_t before_len, const char *after_svg,
    size_t after_len, struct buf *out, struct diags *d)
{
	struct buf	 md = BUF_INIT, body = BUF_INIT, bsvg = BUF_INIT,
			 asvg = BUF_INIT;
	struct md_embed	 emb[2];
	struct value	*page;
	const struct tmpl *t;
	const struct template_file *css;
	size_t		 nemb = 0;
	int		 ok;

	if (!packet_markdown(view, ts, &md, d)) {
		buf_release(&md);
		return 0;
	}
	if (before_svg) {
		runbook_inline_svg(before_svg, before_len, &bsvg);
		emb[nemb].url = PACKET_BEFORE_SVG;
		emb[nemb].html = buf_cstr(&bsvg);
		emb[nemb].len = bsvg.len;
		nemb++;
	}
	if (after_svg) {
		runbook_inline_svg(after_svg, after_len, &asvg);
		emb[nemb].url = PACKET_AFTER_SVG;
		emb[nemb].html = buf_cstr(&asvg);
		emb[nemb].len = asvg.len;
		nemb++;
	}
	md_html(buf_cstr(&md), md.len, emb, nemb, &body);
	page = value_new_map();
	value_map_str(page, "title", value_map_cstr(view, "title"));
	value_map_str(page, "design", value_map_cstr(view, "design"));
	value_map_put(page, "risk", value_copy(value_map_get(view, "risk")));
	css = template_find("hybridoc.css");
	value_map_put(page, "css", css ? value_new_strn(css->data, css->len) :
	    value_new_str(""));
	value_map_put(page, "body", value_new_strn(buf_cstr(&body),
	    body.len));
	t = tmpl_set_get(ts, "packet.html.mustache", d);
	ok = t != NULL && tmpl_render(t, ts, page, TMPL_ESC_HTML, out, d);
	value_free(page);
	buf_release(&md);
	buf_release(&body);
	buf_release(&bsvg);
	buf_release(&asvg);
	return ok;
}

void
packet_json(const struct value *view, struct buf *out)
{
	struct value	*copy = value_new_map();
	size_t		 i;

	/* A shallow view of the keys without "display"; the items stay
	 * owned by view, so the copy's arrays are released by hand. */
	for (i = 0; i < view->n; i++)
		if (strcmp(view->keys[i], "display") != 0)
			value_map_put(copy, view->keys[i], view->items[i]);
	value_to_json(out, copy, 2);
	buf_putc(out, '\n');
	for (i = 0; i < copy->n; i++) {
		free(copy->keys[i]);
		copy->items[i] = NULL;
	}
	copy->n = 0;
	value_free(copy);
}

int
packet_exit_status(const struct value *view)
{
	const struct value *v = value_map_get(view, "exit_status");

	return v && v->kind == VALUE_NUM && v->num != 0 ? 1 : 0;
}

/* ---- the base version from git ---- */

/*
 * Runs git with argv (no shell), collecting standard output in out (at
 * most LOAD_MAX_BYTES) and standard error in err.  Returns non-zero
 * when git ran and exited with status 0.
 */
static int
git_run(char *const argv[], struct buf *out, struct buf *err)
{
	FILE		*ef;
	char		 tmp[8192];
	ssize_t		 n;
	size_t		 r;
	pid_t		 pid;
	int		 pfd[2], st = 0, ok = 0, big = 0;

	if ((ef = tmpfile()) == NULL) {
		buf_printf(err, "cannot make a temporary file: %s",
		    strerror(errno));
		return 0;
	}
	if (pipe(pfd) < 0) {
		buf_printf(err, "cannot make a pipe: %s", strerror(errno));
		fclose(ef);
		return 0;
	}
	fflush(NULL);
	if ((pid = fork()) < 0) {
		buf_printf(err, "cannot start git: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		fclose(ef);
		return 0;
	}
	if (pid == 0) {
		if (dup2(pfd[1], STDOUT_FILENO) < 0 ||
		    dup2(fileno(ef), STDERR_FILENO) < 0)
			_exit(126);
		close(pfd[0]);
		close(pfd[1]);
		execvp("git", argv);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		n = read(pfd[0], tmp, sizeof(tmp));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (out->len + (size_t)n > LOAD_MAX_BYTES) {
			big = 1;
			break;
		}
		buf_put(out, tmp, (size_t)n);
	}
	close(pfd[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	rewind(ef);
	while ((r = fread(tmp, 1, sizeof(tmp), ef)) > 0)
		buf_put(err, tmp, r);
	fclose(ef);
	/* git's message: its first line, without the trailing newline. */
	if (err->len) {
		const char *nl = strchr(buf_cstr(err), '\n');

		if (nl)
			buf_truncate(err, (size_t)(nl - buf_cstr(err)));
	}
	if (big) {
		buf_truncate(err, 0);
		buf_printf(err, "the file is larger than %u bytes",
		    LOAD_MAX_BYTES);
	} else if (WIFEXITED(st) && WEXITSTATUS(st) == 127 && err->len == 0)
		buf_puts(err, "cannot run git (is it installed?)");
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		ok = 1;
	else if (err->len == 0)
		buf_puts(err, "git failed");
	return ok;
}

int
packet_git_show(const char *rev, const char *path, char **data, size_t *len,
    char **name, struct diags *d)
{
	static const struct mark nomark = { 0, 0 };
	struct buf	 out = BUF_INIT, err = BUF_INIT, spec = BUF_INIT;
	const char	*slash = strrchr(path, '/');
	char		*dir, *argv[7];
	const char	*file = slash ? slash + 1 : path;
	int		 ok = 0;

	*data = NULL;
	*len = 0;
	*name = NULL;
	if (*rev == '\0' || *rev == '-') {
		diags_error(d, path, nomark, "--git: '%s' is not a revision",
		    rev);
		return 0;
	}
	if (*file == '\0') {
		diags_error(d, path, nomark, "--git: expected a design file, "
		    "not a folder");
		return 0;
	}
	dir = slash ? xstrndup(path, slash == path ? 1 :
	    (size_t)(slash - path)) : xstrdup(".");
	argv[0] = (char *)(uintptr_t)"git";
	argv[1] = (char *)(uintptr_t)"-C";
	argv[2] = dir;
	argv[3] = (char *)(uintptr_t)"rev-parse";
	argv[4] = (char *)(uintptr_t)"--show-prefix";
	argv[5] = NULL;
	if (!git_run(argv, &out, &err)) {
		diags_error(d, path, nomark, "--git: cannot find the file in a "
		    "git repository: %s", buf_cstr(&err));
		goto out;
	}
	while (out.len && (out.ptr[out.len - 1] == '\n' ||
	    out.ptr[out.len - 1] == '\r'))
		buf_truncate(&out, out.len - 1);
	buf_printf(&spec, "%s:%s%s", rev, buf_cstr(&out), file);
	buf_truncate(&out, 0);
	buf_truncate(&err, 0);
	argv[3] = (char *)(uintptr_t)"show";
	argv[4] = spec.ptr;
	if (!git_run(argv, &out, &err)) {
		diags_error(d, buf_cstr(&spec), nomark, "--git: cannot read "
		    "the base version: %s", buf_cstr(&err));
		goto out;
	}
	*len = out.len;
	*data = buf_detach(&out, NULL);
	*name = buf_detach(&spec, NULL);
	ok = 1;
out:
	free(dir);
	buf_release(&out);
	buf_release(&err);
	buf_release(&spec);
	return ok;
}

/* ---- marking the diagrams ---- */

/*
 * The diagram models of the two versions are compared by object id
 * (ids derive from object names, so the same object has the same id in
 * both), and the differences are marked in the SVG Graphviz wrote:
 * each object is a <g class="node|cluster|edge"> whose <title> is its
 * name (an edge's: "TAIL->HEAD", as Graphviz escapes it).  A class
 * added to that group and a small style sheet inside the SVG outline
 * it, so the mark survives in the .svg file and inline in the page.
 */

struct svgmark {
	char		*title;
	const char	*cls;
};

/* The legend and layout helpers are not part of the design. */
static int
mark_skip(const struct dg_obj *o)
{
	return o->role == DG_LEGEND || o->role == DG_E_LAN;
}

static const struct dg_obj *
model_find(const struct dg_model *m, const char *id)
{
	size_t	 i;

	for (i = 0; i < m->nobjs; i++)
		if (strcmp(m->objs[i].id, id) == 0)
			return &m->objs[i];
	return NULL;
}

static char *
svg_title(const struct dg_model *m, const struct dg_obj *o)
{
	if (o->kind != DG_EDGE)
		return xstrdup(o->id);
	return xasprintf("%s&#45;&gt;%s", m->objs[o->tail].id,
	    m->objs[o->head].id);
}

static int
same_obj(const struct dg_model *am, const struct dg_obj *a,
    const struct dg_model *bm, const struct dg_obj *b)
{
	if (a->kind != b->kind || a->role != b->role ||
	    a->primary != b->primary || strcmp(a->label, b->label) != 0)
		return 0;
	if (a->kind == DG_EDGE &&
	    (strcmp(am->objs[a->tail].id, bm->objs[b->tail].id) != 0 ||
	    strcmp(am->objs[a->head].id, bm->objs[b->head].id) != 0))
		return 0;
	return 1;
}

static void
marks_of(const struct dg_model *m, const struct dg_model *other,
    const char *only_cls, struct svgmark **v, size_t *n, size_t *cap)
{
	const struct dg_obj *o, *p;
	size_t		 i;

	for (i = 0; i < m->nobjs; i++) {
		o = &m->objs[i];
		if (mark_skip(o))
			continue;
		p = model_find(other, o->id);
		if (p != NULL && same_obj(m, o, other, p))
			continue;
		xgrow(v, cap, *n + 1, sizeof(**v));
		(*v)[*n].title = svg_title(m, o);
		(*v)[*n].cls = p ? "hd-changed" : only_cls;
		(*n)++;
	}
}

static const char svg_mark_style[] =
    "<style>\n"
    ".hd-added > polygon, .hd-added > ellipse, .hd-added > path "
    "{ stroke: #8250df; stroke-width: 4px; }\n"
    ".hd-removed > polygon, .hd-removed > ellipse, .hd-removed > path "
    "{ stroke: #cf222e; stroke-width: 4px; stroke-dasharray: 8 4; }\n"
    ".hd-changed > polygon, .hd-changed > ellipse, .hd-changed > path "
    "{ stroke: #bf8700; stroke-width: 4px; }\n"
    "</style>\n";

static size_t
svg_apply(const char *svg, size_t len, const struct svgmark *v, size_t n,
    struct buf *out)
{
	const char	*s = svg, *e = svg + len, *g, *cl, *t, *te, *gt;
	size_t		 i, marked = 0;
	int		 styled = n == 0;

	while (s < e) {
		/* The style sheet goes just inside the <svg> element. */
		if (!styled && (g = strstr(s, "<svg")) != NULL &&
		    (gt = strchr(g, '>')) != NULL && gt < e) {
			buf_put(out, s, (size_t)(gt + 1 - s));
			buf_putc(out, '\n');
			buf_puts(out, svg_mark_style);
			s = gt + 1;
			styled = 1;
			continue;
		}
		g = strstr(s, "<g id=\"");
		if (g == NULL || g >= e)
			break;
		cl = strstr(g, " class=\"");
		gt = strchr(g, '>');
		t = strstr(g, "<title>");
		te = t ? strstr(t, "</title>") : NULL;
		if (cl == NULL || gt == NULL || cl > gt || t == NULL ||
		    te == NULL || te >= e) {
			buf_put(out, s, (size_t)(g + 3 - s));
			s = g + 3;
			continue;
		}
		t += 7;
		for (i = 0; i < n; i++)
			if (strlen(v[i].title) == (size_t)(te - t) &&
			    strncmp(v[i].title, t, (size_t)(te - t)) == 0)
				break;
		/* Up to the class value's closing quote. */
		cl += 8;
		cl = strchr(cl, '"');
		if (i == n || cl == NULL || cl > gt) {
			buf_put(out, s, (size_t)(g + 3 - s));
			s = g + 3;
			continue;
		}
		buf_put(out, s, (size_t)(cl - s));
		buf_printf(out, " %s", v[i].cls);
		s = cl;
		marked++;
	}
	if (s < e)
		buf_put(out, s, (size_t)(e - s));
	return marked;
}

size_t
packet_mark_svgs(const struct dg_model *bm, const char *bsvg, size_t blen,
    const struct dg_model *am, const char *asvg, size_t alen,
    struct buf *bout, struct buf *aout)
{
	struct svgmark	*bv = NULL, *av = NULL;
	size_t		 bn = 0, an = 0, bc = 0, ac = 0, i, n;

	marks_of(bm, am, "hd-removed", &bv, &bn, &bc);
	marks_of(am, bm, "hd-added", &av, &an, &ac);
	n = svg_apply(bsvg, blen, bv, bn, bout);
	n += svg_apply(asvg, alen, av, an, aout);
	for (i = 0; i < bn; i++)
		free(bv[i].title);
	for (i = 0; i < an; i++)
		free(av[i].title);
	free(bv);
	free(av);
	return n;
}

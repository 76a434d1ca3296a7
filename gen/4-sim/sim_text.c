/*
 * The simulation's two outputs for `hybridoc simulate`, after sim.c
 * has computed every scenario: the JSON document of design.md (each
 * scenario's complete routing table, sorted by prefix, so tools and
 * tests can look up any scenario and prefix directly) and the text
 * matrix a change reviewer scans (the baseline in full, then per
 * scenario only what moves).  Both append to a caller's buffer and
 * depend on nothing but the struct sim, so the same bytes come out for
 * the same design.
 */
#include <stdio.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/prefix.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/words.h"

#define ANSI_BOLD	"\033[1m"
#define ANSI_YELLOW	"\033[1;33m"
#define ANSI_RED	"\033[31m"
#define ANSI_RESET	"\033[0m"

static void
json_str(struct buf *b, const char *s)
{
	json_put_string(b, s, strlen(s));
}

/* Integral seconds print as integers; same value, same text. */
static void
json_seconds(struct buf *b, double v)
{
	if (v == (double)(long)v)
		buf_printf(b, "%ld", (long)v);
	else
		buf_printf(b, "%.3f", v);
}

static void
json_pref(struct buf *b, long lp)
{
	if (lp < 0)
		buf_puts(b, "null");
	else
		buf_printf(b, "%ld", lp);
}

static void
json_route(struct buf *b, const struct design *dsn,
    const struct sim_route *r, int baseline, int changed)
{
	long	 peak = r->site != NULL ? sim_site_peak(dsn, r->site) : -1;

	char	 t[PREFIX_STRLEN];
	size_t	 k;

	buf_puts(b, "{\"prefix\": ");
	json_str(b, prefix_format(&r->atom, t, 1));
	buf_puts(b, ", \"site\": ");
	if (r->site != NULL)
		json_str(b, r->site->name);
	else
		buf_puts(b, "null");
	buf_printf(b, ", \"path\": \"%s\", \"via\": ", sim_path_name(r->path));
	if (r->path == SIM_NONE)
		buf_puts(b, "null");
	else
		json_str(b, r->via);
	if (r->dropped)
		buf_puts(b, ", \"dropped\": true");
	if (r->fastpath)
		buf_puts(b, ", \"fastpath\": true");
	/* The site's declared peak beside the capacity; null: none. */
	buf_printf(b, ", \"capacity_mbps\": %ld, ", r->capacity_mbps);
	/* Only the known circuits counted: which value is missing. */
	if (r->capacity_unknown != NULL) {
		buf_puts(b, "\"capacity_unknown\": ");
		json_str(b, r->capacity_unknown);
		buf_puts(b, ", ");
	}
	if (r->capacity_estimate)
		buf_puts(b, "\"capacity_estimate\": \"" SIM_CAPACITY_ESTIMATE
		    "\", ");
	buf_puts(b, "\"peak_mbps\": ");
	if (peak < 0)
		buf_puts(b, "null");
	else
		buf_printf(b, "%ld", peak);
	buf_puts(b, ", \"detect_s\": ");
	json_seconds(b, r->detect_s);
	/* What the figure rests on, as the runbook words it. */
	buf_puts(b, ", \"detect_basis\": ");
	if (r->detect_s > 0)
		json_str(b, sim_detect_basis(r->detect_by));
	else
		buf_puts(b, "null");
	buf_puts(b, ", \"matched\": ");
	if (r->path == SIM_NONE)
		buf_puts(b, "null");
	else
		json_str(b, prefix_format(&r->matched, t, 1));
	if (r->path == SIM_EXPRESSROUTE) {
		buf_puts(b, ", \"circuits\": [");
		for (k = 0; k < r->ncircuits; k++) {
			if (k)
				buf_puts(b, ", ");
			json_str(b, r->circuits[k]->name);
		}
		buf_printf(b, "], \"links\": [%s%s%s]",
		    r->links & 1 ? "\"primary\"" : "",
		    (r->links & 3) == 3 ? ", " : "",
		    r->links & 2 ? "\"secondary\"" : "");
	} else if (r->path == SIM_VPN) {
		buf_puts(b, ", \"tunnels\": [");
		for (k = 0; k < r->ntunnels; k++) {
			struct buf n = BUF_INIT;

			buf_printf(&n, "%s:%s:%zu", r->tunnels[k].site->name,
			    r->tunnels[k].device->name,
			    r->tunnels[k].instance);
			if (k)
				buf_puts(b, ", ");
			json_put_string(b, n.ptr, n.len);
			buf_release(&n);
		}
		buf_puts(b, "]");
	}
	if (baseline) {
		buf_printf(b, ", \"backup\": \"%s\", \"backup_via\": ",
		    sim_path_name(r->backup));
		if (r->backup == SIM_NONE || r->backup_via == NULL)
			buf_puts(b, "null");
		else
			json_str(b, r->backup_via);
	} else
		buf_printf(b, ", \"changed\": %s", changed ? "true" : "false");
	buf_puts(b, "}");
}

static void
json_return(struct buf *b, const struct sim_return *r, int baseline,
    int changed)
{
	buf_puts(b, "{\"site\": ");
	json_str(b, r->site->name);
	buf_printf(b, ", \"path\": \"%s\", \"er_local_preference\": ",
	    sim_return_name(r));
	json_pref(b, r->er_local_preference);
	buf_puts(b, ", \"vpn_local_preference\": ");
	json_pref(b, r->vpn_local_preference);
	if (!baseline)
		buf_printf(b, ", \"changed\": %s", changed ? "true" : "false");
	buf_puts(b, "}");
}

static void
json_scenario(struct buf *b, const struct sim *s,
    const struct sim_scenario *sc)
{
	const struct sim_scenario *base = &s->scenarios[0];
	int		 baseline = sc->nfailed == 0;
	size_t		 i;

	buf_puts(b, "  {\"id\": ");
	json_str(b, sc->id);
	buf_puts(b, ", \"failed\": [");
	for (i = 0; i < sc->nfailed; i++) {
		if (i)
			buf_puts(b, ", ");
		json_str(b, s->elems[sc->failed[i]].id);
	}
	buf_printf(b, "], \"differs\": %s,\n   \"routes\": [",
	    sc->differs ? "true" : "false");
	for (i = 0; i < s->natoms; i++) {
		buf_puts(b, i ? ",\n    " : "\n    ");
		json_route(b, s->dsn, sim_route_at(s, sc, i), baseline,
		    sim_route_changed(s, sc, i));
	}
	buf_puts(b, "],\n   \"return\": [");
	for (i = 0; i < base->nret; i++) {
		const struct sim_return *r = sim_return_at(s, sc, i);

		buf_puts(b, i ? ",\n    " : "\n    ");
		json_return(b, r, baseline, r != &base->ret[i]);
	}
	buf_puts(b, "]}");
}

void
sim_json(struct buf *out, const struct sim *s, const char *id)
{
	size_t	 i, n = 0;

	buf_puts(out, "{\"design\": ");
	json_str(out, s->dsn->name ? s->dsn->name : "");
	buf_printf(out, ",\n \"depth\": %ld,\n \"scenarios\": [", s->depth);
	for (i = 0; i < s->nscenarios; i++) {
		if (id != NULL && strcmp(id, s->scenarios[i].id) != 0)
			continue;
		buf_puts(out, n++ ? ",\n" : "\n");
		json_scenario(out, s, &s->scenarios[i]);
	}
	buf_puts(out, "]}\n");
}

/* ------------------------------------------------------------------ */
/* Text */

struct cols {
	int	 prefix;
	int	 site;
	int	 capacity;
	int	 peak;
	int	 detect;
	int	 colour;
	const struct design *dsn;
};

/* The site's declared peak beside its capacity; "-" when none. */
static void
peak_text(char *t, size_t n, const struct design *dsn,
    const struct sim_route *r)
{
	long	 p = r->site != NULL ? sim_site_peak(dsn, r->site) : -1;

	if (p < 0)
		snprintf(t, n, "-");
	else
		snprintf(t, n, "%ld Mbps", p);
}

void
sim_capacity_words(struct buf *b, long mbps, const char *unknown,
    int estimate)
{
	if (unknown != NULL) {
		buf_puts(b, unknown);
		return;
	}
	words_mbps(b, mbps);
	if (estimate)
		buf_puts(b, " (" SIM_CAPACITY_ESTIMATE ")");
}

static void
capacity_text(char *t, size_t n, const struct sim_route *r)
{
	if (r->path == SIM_NONE)
		snprintf(t, n, "-");
	else if (r->capacity_unknown != NULL)
		snprintf(t, n, "unknown");
	else
		snprintf(t, n, "%ld Mbps%s", r->capacity_mbps,
		    r->capacity_estimate ? " (est.)" : "");
}

/* The detection time, "(est.)" when it is an estimate (the legend
 * gives what it rests on, as the runbook does). */
static void
detect_text(char *t, size_t n, const struct sim_route *r)
{
	if (r->detect_s <= 0)
		snprintf(t, n, "-");
	else
		snprintf(t, n, "%g s%s", r->detect_s,
		    sim_detect_estimate(r->detect_by) ? " (est.)" : "");
}

static void
text_widths(const struct sim *s, const struct sim_scenario *only,
    struct cols *w)
{
	char	 t[PREFIX_STRLEN];
	size_t	 k, i;
	int	 n;

	w->prefix = (int)strlen("prefix");
	w->site = (int)strlen("site");
	w->capacity = (int)strlen("capacity");
	w->peak = (int)strlen("peak");
	w->detect = (int)strlen("detect");
	for (k = 0; k < s->nscenarios; k++) {
		const struct sim_scenario *sc = &s->scenarios[k];

		if (only != NULL && sc != only && k != 0)
			continue;
		for (i = 0; i < sc->nroutes; i++) {
			const struct sim_route *r = &sc->routes[i];

			n = (int)strlen(prefix_format(&r->atom, t, 1));
			if (n > w->prefix)
				w->prefix = n;
			n = r->site ? (int)strlen(r->site->name) : 1;
			if (n > w->site)
				w->site = n;
			capacity_text(t, sizeof(t), r);
			n = (int)strlen(t);
			if (n > w->capacity)
				w->capacity = n;
			peak_text(t, sizeof(t), w->dsn, r);
			n = (int)strlen(t);
			if (n > w->peak)
				w->peak = n;
			detect_text(t, sizeof(t), r);
			n = (int)strlen(t);
			if (n > w->detect)
				w->detect = n;
		}
	}
}

static void
text_head(struct buf *b, const struct cols *w)
{
	buf_printf(b, "    %-*s  %-*s  %-12s  %*s  %*s  %-*s  %s\n",
	    w->prefix, "prefix", w->site, "site", "path", w->capacity,
	    "capacity", w->peak, "peak", w->detect, "detect", "via");
}

static void
text_route(struct buf *b, const struct sim_route *r, const struct cols *w,
    int mark, int baseline)
{
	char	 t[PREFIX_STRLEN], cap[64], det[32], pk[64];
	int	 none = r->path == SIM_NONE && w->colour;

	capacity_text(cap, sizeof(cap), r);
	peak_text(pk, sizeof(pk), w->dsn, r);
	detect_text(det, sizeof(det), r);
	char	 mk[2] = { (char)mark, '\0' };

	buf_printf(b, "  %s %-*s  %-*s  %s%-12s%s  %*s  %*s  %-*s  %s",
	    mark == '*' && w->colour ? ANSI_YELLOW "*" ANSI_RESET : mk,
	    w->prefix, prefix_format(&r->atom, t, 1),
	    w->site, r->site ? r->site->name : "?",
	    none ? ANSI_RED : "", sim_path_name(r->path),
	    none ? ANSI_RESET : "", w->capacity, cap, w->peak, pk, w->detect,
	    det,
	    r->dropped ? "dropped: static route stays, not withdrawn" :
	    r->path == SIM_NONE ? "unreachable" : r->via);
	if (r->path == SIM_EXPRESSROUTE && r->links != 3)
		buf_puts(b, r->links == 2 ? " (secondary link only)" :
		    r->links == 1 ? " (primary link only)" : "");
	if (baseline && r->path != SIM_NONE) {
		if (r->backup == SIM_NONE)
			buf_puts(b, "  [backup: none]");
		else
			buf_printf(b, "  [backup: %s %s]",
			    sim_path_name(r->backup), r->backup_via);
	}
	buf_putc(b, '\n');
}

static void
text_return(struct buf *b, const struct sim_return *r, int first)
{
	buf_printf(b, "%s%s %s", first ? "" : ", ", r->site->name,
	    sim_return_name(r));
	if (r->path != SIM_NONE && r->paths == 3)
		buf_printf(b, " (local preference %ld vs %ld)",
		    r->path == SIM_EXPRESSROUTE ? r->er_local_preference :
		    r->vpn_local_preference,
		    r->path == SIM_EXPRESSROUTE ? r->vpn_local_preference :
		    r->er_local_preference);
}

/*
 * Appends a label that may hold design text (a peering location) on
 * one line: control characters become spaces, so the table keeps its
 * rows.
 */
static void
put_flat(struct buf *b, const char *s)
{
	for (; *s; s++)
		buf_putc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

static void
text_scenario_head(struct buf *b, const struct sim *s,
    const struct sim_scenario *sc, const struct cols *w)
{
	size_t	 i;

	if (sc->differs && w->colour)
		buf_printf(b, ANSI_YELLOW "*" ANSI_RESET " " ANSI_BOLD "%s"
		    ANSI_RESET, sc->id);
	else if (w->colour)
		buf_printf(b, "%c " ANSI_BOLD "%s" ANSI_RESET,
		    sc->differs ? '*' : ' ', sc->id);
	else
		buf_printf(b, "%c %s", sc->differs ? '*' : ' ', sc->id);
	if (sc->nfailed > 0) {
		buf_puts(b, " (");
		for (i = 0; i < sc->nfailed; i++) {
			buf_puts(b, i ? " and " : "");
			put_flat(b, s->elems[sc->failed[i]].label);
		}
		buf_printf(b, " fail%s)", sc->nfailed > 1 ? "" : "s");
	}
}

static void
text_baseline(struct buf *b, const struct sim *s, const struct cols *w)
{
	const struct sim_scenario *base = &s->scenarios[0];
	size_t		 i;

	text_scenario_head(b, s, base, w);
	buf_putc(b, '\n');
	text_head(b, w);
	for (i = 0; i < base->nroutes; i++)
		text_route(b, &base->routes[i], w, ' ', 1);
	buf_puts(b, "    return: ");
	for (i = 0; i < base->nret; i++)
		text_return(b, &base->ret[i], i == 0);
	buf_puts(b, base->nret ? "\n" : "none\n");
}

/* One scenario in the overview: its changed rows only. */
static void
text_changes(struct buf *b, const struct sim *s,
    const struct sim_scenario *sc, const struct cols *w)
{
	size_t	 i;

	text_scenario_head(b, s, sc, w);
	if (!sc->differs) {
		buf_puts(b, ": no change\n");
		return;
	}
	buf_putc(b, '\n');
	for (i = 0; i < sc->nroutes; i++)
		text_route(b, &sc->routes[i], w, ' ', 0);
	if (sc->nroutes < s->natoms)
		buf_printf(b, "    (%zu other route%s as in the baseline)\n",
		    s->natoms - sc->nroutes,
		    s->natoms - sc->nroutes == 1 ? "" : "s");
	if (sc->nret > 0) {
		buf_puts(b, "    return: ");
		for (i = 0; i < sc->nret; i++)
			text_return(b, &sc->ret[i], i == 0);
		buf_putc(b, '\n');
	}
}

/* One scenario on its own: the whole table, changes marked. */
static void
text_full(struct buf *b, const struct sim *s, const struct sim_scenario *sc,
    const struct cols *w)
{
	const struct sim_scenario *base = &s->scenarios[0];
	size_t	 i;

	text_scenario_head(b, s, sc, w);
	buf_putc(b, '\n');
	text_head(b, w);
	for (i = 0; i < s->natoms; i++)
		text_route(b, sim_route_at(s, sc, i), w,
		    sim_route_changed(s, sc, i) ? '*' : ' ', sc == base);
	buf_puts(b, "    return: ");
	for (i = 0; i < base->nret; i++) {
		const struct sim_return *r = sim_return_at(s, sc, i);

		if (r != &base->ret[i] && sc != base)
			buf_puts(b, i ? ", *" : "*");
		else if (i)
			buf_puts(b, ", ");
		text_return(b, r, 1);
	}
	buf_puts(b, base->nret ? "\n" : "none\n");
}

/*
 * What the columns and marks mean, and what each detection time shown
 * rests on, in the words and reference keys the runbook uses
 * (sim_detect_basis), once per distinct time.
 */
static void
text_legend(struct buf *out, const struct sim *s,
    const struct sim_scenario *only)
{
	struct { enum sim_detect by; double t; } seen[32];
	size_t	 i, j, k, n = 0;

	for (i = 1; i < s->nscenarios; i++) {
		if (only != NULL && only != &s->scenarios[i])
			continue;
		for (j = 0; j < s->natoms; j++) {
			const struct sim_route *r = sim_route_at(s,
			    &s->scenarios[i], j);

			if (r->detect_s <= 0 || r->detect_by == SIM_DET_NONE)
				continue;
			for (k = 0; k < n; k++)
				if (seen[k].by == r->detect_by &&
				    seen[k].t == r->detect_s)
					break;
			if (k == n && n < sizeof(seen) / sizeof(seen[0])) {
				seen[n].by = r->detect_by;
				seen[n++].t = r->detect_s;
			}
		}
	}
	buf_puts(out, "detect: time until the failure is detected and the "
	    "route moves; (est.) marks an estimate\n");
	for (k = 0; k < n; k++) {
		char	 t[32];

		snprintf(t, sizeof(t), "%g s", seen[k].t);
		buf_printf(out, "  %-8s %s\n", t, sim_detect_basis(seen[k].by));
	}
	buf_puts(out, "via: the circuit, or the tunnels as "
	    "SITE:DEVICE:INSTANCE, that carry the route; [backup: ...] what "
	    "takes over when it fails\n");
	buf_puts(out, only != NULL ? "*: a row or return path that differs "
	    "from the baseline\n" : "*: a scenario that changes a route or "
	    "a return path; only its changed rows are shown\n");
	buf_puts(out, "return: the path each site's traffic back to Azure "
	    "takes, and the local preferences that decide it\n\n");
}

void
sim_text(struct buf *out, const struct sim *s, const char *id, int colour)
{
	const struct sim_scenario *only = NULL;
	struct cols	 w;
	size_t		 i, j, k, ndiff = 0;

	if (id != NULL && (only = sim_scenario(s, id)) == NULL) {
		buf_printf(out, "no scenario '%s' at depth %ld\n", id,
		    s->depth);
		return;
	}
	for (i = 1; i < s->nscenarios; i++)
		ndiff += s->scenarios[i].differs != 0;
	w.colour = colour;
	w.dsn = s->dsn;
	text_widths(s, only, &w);
	buf_printf(out, "%s%s%s: %zu destination%s, %zu failure scenario%s "
	    "at depth %ld, %zu differ%s from the baseline (*)\n\n",
	    colour ? ANSI_BOLD : "", s->dsn->name ? s->dsn->name : "",
	    colour ? ANSI_RESET : "", s->natoms, s->natoms == 1 ? "" : "s",
	    s->nscenarios - 1, s->nscenarios == 2 ? "" : "s", s->depth,
	    ndiff, ndiff == 1 ? "s" : "");
	/* Capacity is the limiting element's bandwidth (docs/model.md). */
	if (s->dsn->ntraffic == 0)
		buf_puts(out, "no traffic declared: capacity is the bandwidth "
		    "of the element that limits each path; declare traffic "
		    "peaks to check them against it\n\n");
	else
		buf_puts(out, "capacity: bandwidth of the element that limits "
		    "the path, shared by every site crossing it; peak: the "
		    "site's declared peak traffic\n\n");
	/* A figure without a documented source says so (review 17-c M8). */
	for (i = 0, k = 0; i < s->nscenarios && !k; i++)
		for (j = 0; j < s->natoms && !k; j++)
			if (only == NULL || only == &s->scenarios[i])
				k = sim_route_at(s, &s->scenarios[i],
				    j)->capacity_estimate;
	if (k)
		buf_puts(out, "(est.) marks a capacity that is an "
		    SIM_CAPACITY_ESTIMATE "\n\n");
	text_legend(out, s, only);
	if (only != NULL) {
		text_full(out, s, only, &w);
		return;
	}
	text_baseline(out, s, &w);
	buf_putc(out, '\n');
	for (i = 1; i < s->nscenarios; i++) {
		/* Changed scenarios stand apart; unchanged ones stack. */
		if (i > 1 && (s->scenarios[i].differs ||
		    s->scenarios[i - 1].differs))
			buf_putc(out, '\n');
		text_changes(out, s, &s->scenarios[i], &w);
	}
}

/*
 * Edge crossings in the laid-out topology diagrams (issue 18).  Every
 * shipped design (every YAML file in designs/) and every diagram fixture
 * (every one in tests/diagram/) is drawn as SVG in both details; the edges are
 * read back from the SVG (each edge group's title names its two nodes,
 * its path is Graphviz's cubic Bezier spline), flattened into 16 line
 * segments per Bezier piece, and two edges that share no node cross
 * where their segments properly intersect (points closer than 6 units
 * are one crossing, so a curve grazing a segment twice counts once).
 * Edges that share a node meet at it by design and are not counted.
 *
 * Targets: the seed design (contoso-eastus) has none; a design of up to
 * 12 sites has at most 2 in either detail; the 50-site fixture's full
 * view fits 1600 px (1200 pt) of width with no text under 10 px
 * (7.5 pt); and no diagram exceeds the count recorded for it in
 * tests/bench/RESULTS.md (CEILING below), so a layout change that
 * brings crossings back fails here.  The counts are printed
 * ("crossings: NAME DETAIL N") for RESULTS.md.
 */
#include "testutil.h"

#include <glob.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/sim.h"
#include "hybridoc/xalloc.h"

#define STEPS		16	/* segments per Bezier piece */
#define SAME_POINT	6.0	/* crossings closer than this are one */
#define SEED		"designs/contoso-eastus.yaml"
#define SMALL_SITES	12
#define SMALL_MAX	2
#define WIDE_PT		1200.0	/* 1600 px at 96 px per 72 pt */
#define MIN_FONT_PT	7.5	/* 10 px */

struct pt {
	double	 x, y;
};

struct edge {
	char		 tail[128], head[128];
	struct pt	*p;
	size_t		 n;
};

/* Counts recorded in tests/bench/RESULTS.md: no diagram may exceed its. */
static const struct {
	const char	*path;
	int		 full;
	int		 max;
} ceiling[] = {
	{ "tests/diagram/sites50.yaml", 0, 1 },
	{ "tests/diagram/sites50.yaml", 1, 1 },
};

/* Decodes the few entities Graphviz writes into a title. */
static void
untitle(const char *s, size_t n, char *out, size_t cap)
{
	size_t	 o = 0;

	while (n > 0 && o + 1 < cap) {
		if (*s == '&') {
			const char	*semi = memchr(s, ';', n);
			size_t		 k;

			if (semi != NULL) {
				k = (size_t)(semi - s) + 1;
				if (strncmp(s, "&#45;", k) == 0)
					out[o++] = '-';
				else if (strncmp(s, "&gt;", k) == 0)
					out[o++] = '>';
				else if (strncmp(s, "&lt;", k) == 0)
					out[o++] = '<';
				else if (strncmp(s, "&amp;", k) == 0)
					out[o++] = '&';
				else
					out[o++] = '?';
				s += k, n -= k;
				continue;
			}
		}
		out[o++] = *s++, n--;
	}
	out[o] = '\0';
}

static void
push(struct edge *e, size_t *cap, double x, double y)
{
	if (e->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		e->p = xrealloc(e->p, *cap * sizeof(*e->p));
	}
	e->p[e->n].x = x;
	e->p[e->n].y = y;
	e->n++;
}

/* "M x,y C x,y x,y x,y x,y x,y x,y ..." into a polyline. */
static void
flatten(struct edge *e, const char *d, const char *end)
{
	struct pt	 c[4] = { { 0, 0 }, { 0, 0 }, { 0, 0 }, { 0, 0 } };
	size_t		 cap = 0, k = 0, i;
	char		*next;

	while (d < end) {
		double	 x, y;

		while (d < end && !(*d == '-' || *d == '.' ||
		    (*d >= '0' && *d <= '9')))
			d++;
		if (d >= end)
			break;
		x = strtod(d, &next);
		if (next == d || *next != ',')
			break;
		y = strtod(next + 1, &next);
		d = next;
		if (e->n == 0 && k == 0) {
			push(e, &cap, x, y);
			c[0].x = x, c[0].y = y;
			continue;
		}
		c[++k].x = x, c[k].y = y;
		if (k < 3)
			continue;
		for (i = 1; i <= STEPS; i++) {
			double	 t = (double)i / STEPS, m = 1 - t;

			push(e, &cap,
			    m * m * m * c[0].x + 3 * m * m * t * c[1].x +
			    3 * m * t * t * c[2].x + t * t * t * c[3].x,
			    m * m * m * c[0].y + 3 * m * m * t * c[1].y +
			    3 * m * t * t * c[2].y + t * t * t * c[3].y);
		}
		c[0] = c[3];
		k = 0;
	}
}

/* The edges of an SVG: title "tail->head" and the path's polyline. */
static struct edge *
read_edges(const char *svg, size_t *np)
{
	struct edge	*v = NULL;
	size_t		 n = 0;
	const char	*p = svg;

	while ((p = strstr(p, "class=\"edge\"")) != NULL) {
		const char	*t, *te, *d, *de, *ge, *arrow;
		char		 title[300];

		ge = strstr(p, "</g>");
		/* hybridoc keeps the name in data-name (its <title> is what a
		 * person reads); plain Graphviz in the <title>. */
		if (strncmp(p + 12, " data-name=\"", 12) == 0) {
			t = p + 24;
			te = strchr(t, '"');
		} else {
			t = strstr(p, "<title>");
			te = t != NULL ? strstr(t, "</title>") : NULL;
			if (t != NULL)
				t += strlen("<title>");
		}
		d = strstr(p, " d=\"");
		assert_non_null(ge);
		if (t == NULL || te == NULL || d == NULL || t > ge || d > ge) {
			p = ge;
			continue;
		}
		untitle(t, (size_t)(te - t), title, sizeof(title));
		arrow = strstr(title, "->");
		if (arrow == NULL)
			arrow = strstr(title, "--");
		assert_non_null(arrow);
		v = xrealloc(v, (n + 1) * sizeof(*v));
		memset(&v[n], 0, sizeof(v[n]));
		snprintf(v[n].tail, sizeof(v[n].tail), "%.*s",
		    (int)(arrow - title), title);
		snprintf(v[n].head, sizeof(v[n].head), "%s", arrow + 2);
		d += 4;
		de = strchr(d, '"');
		flatten(&v[n], d, de);
		n++;
		p = ge;
	}
	*np = n;
	return v;
}

static double
cross(struct pt o, struct pt a, struct pt b)
{
	return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/* Proper intersection of segments ab and cd, written to *at. */
static int
meet(struct pt a, struct pt b, struct pt c, struct pt d, struct pt *at)
{
	double	 d1 = cross(c, d, a), d2 = cross(c, d, b);
	double	 d3 = cross(a, b, c), d4 = cross(a, b, d), t;

	if ((d1 > 0) == (d2 > 0) || (d3 > 0) == (d4 > 0))
		return 0;
	t = d1 / (d1 - d2);
	at->x = a.x + t * (b.x - a.x);
	at->y = a.y + t * (b.y - a.y);
	return 1;
}

static int
share(const struct edge *a, const struct edge *b)
{
	return strcmp(a->tail, b->tail) == 0 || strcmp(a->tail, b->head) == 0
	    || strcmp(a->head, b->tail) == 0 || strcmp(a->head, b->head) == 0;
}

static size_t
crossings(const char *svg)
{
	struct edge	*e;
	struct pt	*found = NULL, at;
	size_t		 n, i, j, k, l, total = 0, nf, cap = 0, q;

	e = read_edges(svg, &n);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			if (share(&e[i], &e[j]))
				continue;
			nf = 0;
			for (k = 0; k + 1 < e[i].n; k++)
				for (l = 0; l + 1 < e[j].n; l++) {
					if (!meet(e[i].p[k], e[i].p[k + 1],
					    e[j].p[l], e[j].p[l + 1], &at))
						continue;
					for (q = 0; q < nf; q++) {
						double	 dx = found[q].x - at.x;
						double	 dy = found[q].y - at.y;

						if (dx * dx + dy * dy <
						    SAME_POINT * SAME_POINT)
							break;
					}
					if (q < nf)
						continue;
					if (nf == cap) {
						cap = cap ? cap * 2 : 16;
						found = xrealloc(found,
						    cap * sizeof(*found));
					}
					found[nf++] = at;
				}
			total += nf;
		}
	for (i = 0; i < n; i++)
		free(e[i].p);
	free(e);
	free(found);
	return total;
}

/* The counter itself, on hand-made SVG: an X, parallel lines, a shared end. */
static void
test_counter(void **state)
{
	const char	*x =
	    "<g id=\"e1\" class=\"edge\"><title>a&#45;&gt;b</title>"
	    "<path d=\"M0,0C10,10 20,20 30,30\"/></g>"
	    "<g id=\"e2\" class=\"edge\"><title>c&#45;&gt;d</title>"
	    "<path d=\"M0,30C10,20 20,10 30,0\"/></g>"
	    "<g id=\"e3\" class=\"edge\"><title>a&#45;&gt;d</title>"
	    "<path d=\"M0,0C10,0 20,0 30,0\"/></g>"
	    "<g id=\"e4\" class=\"edge\"><title>e&#45;&gt;f</title>"
	    "<path d=\"M0,50C10,50 20,50 30,50\"/></g>";
	const char	*wave =
	    "<g id=\"e1\" class=\"edge\"><title>a&#45;&gt;b</title>"
	    "<path d=\"M0,0C30,100 60,-100 90,0\"/></g>"
	    "<g id=\"e2\" class=\"edge\"><title>c&#45;&gt;d</title>"
	    "<path d=\"M0,0C30,0 60,0 90,0\"/></g>";

	(void)state;
	/* e1 x e2 once; e3 shares a node with e1 and e2; e4 is apart. */
	assert_int_equal(crossings(x), 1);
	/* an S-curve across a line: once in the middle (ends touch). */
	assert_int_equal(crossings(wave), 1);
	assert_int_equal(crossings("<svg></svg>"), 0);
}

static char *
draw(const char *path, enum diagram_detail detail, size_t *nsites)
{
	struct design	*dsn;
	struct sim	*sim;
	struct diagram	*dg;
	struct diags	 d;
	struct buf	 b = BUF_INIT;

	diags_init(&d);
	dsn = design_load(path, &d);
	if (dsn == NULL) {
		diags_print(&d, stderr, 0);
		fail_msg("%s does not load", path);
	}
	sim = sim_run(dsn, 0);
	dg = diagram_new(dsn, sim, detail);
	if (!diagram_render(dg, NULL, DIAGRAM_SVG, &b, &d)) {
		diags_print(&d, stderr, 0);
		fail_msg("%s: no SVG", path);
	}
	*nsites = dsn->nsites;
	diagram_free(dg);
	sim_free(sim);
	design_free(dsn);
	diags_release(&d);
	buf_putc(&b, '\0');
	return b.ptr;
}

static double
svg_width_pt(const char *svg)
{
	const char	*w = strstr(svg, "<svg width=\"");

	assert_non_null(w);
	return strtod(w + strlen("<svg width=\""), NULL);
}

static double
min_font_pt(const char *svg)
{
	const char	*p = svg;
	double		 min = 1e9, v;

	while ((p = strstr(p, "font-size=\"")) != NULL) {
		p += strlen("font-size=\"");
		v = strtod(p, NULL);
		if (v < min)
			min = v;
	}
	return min;
}

/* Whether the design at path loads (a test may keep broken ones too). */
static int
loads(const char *path)
{
	struct design	*dsn;
	struct diags	 d;

	diags_init(&d);
	dsn = design_load(path, &d);
	design_free(dsn);
	diags_release(&d);
	return dsn != NULL;
}

/*
 * Every design pattern names, in both details, against the targets;
 * with any, a design that does not load is left out (else it fails).
 */
static void
check_designs(const char *pattern, int any)
{
	glob_t	 g;
	size_t	 i, j, n, nsites;
	int	 full, bad = 0;

	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	for (i = 0; i < g.gl_pathc; i++)
		for (full = 0; full <= 1; full++) {
			const char	*path = g.gl_pathv[i];
			char		*svg;

			if (any && !loads(path))
				break;

			svg = draw(path, full ? DIAGRAM_FULL : DIAGRAM_SUMMARY,
			    &nsites);
			n = crossings(svg);
			printf("crossings: %s %s %zu (%zu sites, %.0f pt wide)\n",
			    path, full ? "full" : "default", n, nsites,
			    svg_width_pt(svg));
			if (strcmp(path, SEED) == 0 && n != 0)
				bad = printf("FAIL %s: %zu crossings, the seed "
				    "has none\n", path, n);
			if (nsites <= SMALL_SITES && n > SMALL_MAX)
				bad = printf("FAIL %s (%s): %zu crossings, at "
				    "most %d for %zu sites\n", path,
				    full ? "full" : "default", n, SMALL_MAX,
				    nsites);
			for (j = 0; j < sizeof(ceiling) / sizeof(ceiling[0]);
			    j++)
				if (strcmp(ceiling[j].path, path) == 0 &&
				    ceiling[j].full == full &&
				    n > (size_t)ceiling[j].max)
					bad = printf("FAIL %s (%s): %zu "
					    "crossings, more than the %d "
					    "recorded\n", path,
					    full ? "full" : "default", n,
					    ceiling[j].max);
			free(svg);
		}
	globfree(&g);
	if (bad)
		fail_msg("crossings above their targets (FAIL lines above)");
}

static void
check_all(const char *pattern)
{
	check_designs(pattern, 0);
}

static void
test_shipped_designs(void **state)
{
	(void)state;
	check_all("designs/*.yaml");
}

static void
test_diagram_fixtures(void **state)
{
	(void)state;
	check_all("tests/diagram/*.yaml");
}

/*
 * Every other design the tests keep (golden cases, packets, rules,
 * simulation, procedures, unknown values): none of up to 12 sites
 * above 2 crossings, in either detail.
 */
static void
test_other_test_designs(void **state)
{
	(void)state;
	check_designs("tests/golden/*.yaml", 1);
	check_designs("tests/packet/*/*.yaml", 1);
	check_designs("tests/rules/*.yaml", 1);
	check_designs("tests/sim/*.yaml", 1);
	check_designs("tests/procedure/*.yaml", 1);
	check_designs("tests/unknown/*.yaml", 1);
}

/* 50 sites in full: within 1600 px of width, no text under 10 px. */
static void
test_fifty_sites_full_fits(void **state)
{
	char	*svg;
	size_t	 nsites;
	double	 w, f;

	(void)state;
	svg = draw("tests/diagram/sites50.yaml", DIAGRAM_FULL, &nsites);
	w = svg_width_pt(svg);
	f = min_font_pt(svg);
	printf("sites50 full: %.0f pt (%.0f px) wide, smallest text %.1f pt "
	    "(%.1f px)\n", w, w * 96 / 72, f, f * 96 / 72);
	if (w > WIDE_PT)
		fail_msg("50 sites in full are %.0f px wide (at most 1600)",
		    w * 96 / 72);
	if (f < MIN_FONT_PT)
		fail_msg("50 sites in full: text of %.1f px (at least 10)",
		    f * 96 / 72);
	free(svg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counter),
		cmocka_unit_test(test_shipped_designs),
		cmocka_unit_test(test_diagram_fixtures),
		cmocka_unit_test(test_other_test_designs),
		cmocka_unit_test(test_fifty_sites_full_fits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

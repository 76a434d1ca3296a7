/*
 * Tests for the diagram module, gen/5-render/diagram.c and dg_*.c.  Golden DOT and Mermaid
 * for every shipped design (each designs/NAME.yaml), for the fixtures in
 * tests/diagram/ and for two scenario views; REGEN=1 rewrites them in
 * tests/golden/diagram/.  The outputs are checked with the real tools:
 * `dot` must read every DOT text without a word on stderr, `xmllint`
 * must read every SVG.  Beyond that: same design, same bytes (DOT, SVG,
 * PNG, Mermaid); a scenario view keeps the baseline's geometry and
 * leaves the laid-out graph as it found it; hostile strings come out
 * exactly as written; a 50-site design stays within a page width with
 * no overlapping nodes.
 */
#include "testutil.h"

#include <sys/wait.h>

#include <glob.h>
#include <unistd.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/mustache.h"
#include "hybridoc/runbook.h"
#include "hybridoc/sim.h"
#include "hybridoc/xalloc.h"

#define GOLDEN_DIR	"tests/golden/diagram"
/* A3 landscape, in inches: the widest page a change request prints on. */
#define PAGE_WIDTH_IN	16.5

struct fixture {
	struct design	*dsn;
	struct sim	*sim;
	struct diagram	*dg;
};

static struct fixture
open_design(const char *path, enum diagram_detail detail, int with_sim)
{
	struct fixture	 f;
	struct diags	 d;

	diags_init(&d);
	f.dsn = design_load(path, &d);
	if (f.dsn == NULL) {
		diags_print(&d, stderr, 0);
		diags_release(&d);
		fail_msg("%s does not load", path);
	}
	diags_release(&d);
	f.sim = with_sim ? sim_run(f.dsn, 0) : NULL;
	f.dg = diagram_new(f.dsn, f.sim, detail);
	return f;
}

static void
close_design(struct fixture *f)
{
	diagram_free(f->dg);
	sim_free(f->sim);
	design_free(f->dsn);
}

/* One view as a NUL-terminated heap string; fails the test on error. */
static char *
render(struct diagram *dg, const char *scenario, enum diagram_format fmt,
    size_t *lenp)
{
	struct buf	 b = BUF_INIT;
	struct diags	 d;

	diags_init(&d);
	if (!diagram_render(dg, scenario, fmt, &b, &d)) {
		diags_print(&d, stderr, 0);
		fail_msg("render %s (%s) failed", diagram_format_name(fmt),
		    scenario ? scenario : "baseline");
	}
	if (d.n > 0) {
		diags_print(&d, stderr, 0);
		fail_msg("render %s left %zu messages",
		    diagram_format_name(fmt), d.n);
	}
	diags_release(&d);
	return buf_detach(&b, lenp);
}

static char *
read_file(const char *path)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[4096];
	size_t		 n;
	FILE		*fp;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(&b, chunk, n);
	fclose(fp);
	return buf_detach(&b, NULL);
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE	*fp;

	if ((fp = fopen(path, "wb")) == NULL)
		fail_msg("cannot write %s", path);
	if (fwrite(data, 1, len, fp) != len)
		fail_msg("cannot write %s", path);
	fclose(fp);
}

/* A temporary file holding data; the caller unlinks and frees. */
static char *
temp_file(const char *data, size_t len)
{
	char	*path = xstrdup("/tmp/hd-diagram-XXXXXX");
	int	 fd;

	if ((fd = mkstemp(path)) < 0)
		fail_msg("mkstemp failed");
	close(fd);
	write_file(path, data, len);
	return path;
}

/* Compares text with the golden file, or writes it with REGEN=1. */
static void
golden(const char *name, const char *text)
{
	char	*path, *want;

	path = xasprintf("%s/%s", GOLDEN_DIR, name);
	if (getenv("REGEN") != NULL && *getenv("REGEN") != '\0') {
		write_file(path, text, strlen(text));
		free(path);
		return;
	}
	want = read_file(path);
	if (want == NULL)
		fail_msg("%s is missing: run with REGEN=1 to create it", path);
	if (strcmp(want, text) != 0) {
		char	*got = temp_file(text, strlen(text));

		fail_msg("%s differs from the output (kept in %s); "
		    "diff -u %s %s, or REGEN=1 when intended", path, got,
		    path, got);
	}
	free(want);
	free(path);
}

/* Runs a shell command; its exit status. */
static int
run(const char *cmd)
{
	int	 rc = system(cmd);

	return rc == -1 ? -1 : WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

/* `dot` draws the DOT text without a single message. */
static void
assert_dot_reads(const char *dot)
{
	char	*in = temp_file(dot, strlen(dot)), *cmd, *err;

	cmd = xasprintf("dot -Tsvg '%s' -o /dev/null 2>'%s.err'", in, in);
	if (run(cmd) != 0)
		fail_msg("dot rejects %s", in);
	free(cmd);
	cmd = xasprintf("%s.err", in);
	err = read_file(cmd);
	if (err == NULL || *err != '\0')
		fail_msg("dot complains about %s: %s", in, err ? err : "?");
	unlink(cmd);
	unlink(in);
	free(err);
	free(cmd);
	free(in);
}

/* The SVG is well-formed XML, self-contained, titled. */
static void
assert_svg_ok(const char *svg)
{
	char		*in, *cmd;
	const char	*p;

	if (run("command -v xmllint >/dev/null 2>&1") == 0) {
		in = temp_file(svg, strlen(svg));
		cmd = xasprintf("xmllint --noout --nonet '%s'", in);
		if (run(cmd) != 0)
			fail_msg("xmllint rejects %s", in);
		unlink(in);
		free(cmd);
		free(in);
	} else
		fprintf(stderr, "test_diagram: no xmllint, XML not checked\n");
	assert_non_null(strstr(svg, "<svg"));
	assert_non_null(strstr(svg, "<title>"));
	assert_null(strstr(svg, "<!DOCTYPE"));
	assert_null(strstr(svg, "href"));
	assert_null(strstr(svg, "<image"));
	assert_null(strstr(svg, "url("));
	assert_null(strstr(svg, "@import"));
	/* the only URLs are the namespace names */
	for (p = svg; (p = strstr(p, "http")) != NULL; p++)
		if (strncmp(p - 7, "xmlns=\"", 7) != 0 &&
		    strncmp(p - 13, "xmlns:xlink=\"", 13) != 0)
			fail_msg("SVG refers outside: %.60s", p);
}

/* Renders every format twice from two diagrams: the same bytes. */
static void
assert_deterministic(const char *path, const char *scenario)
{
	static const enum diagram_format fmts[] = { DIAGRAM_DOT, DIAGRAM_SVG,
	    DIAGRAM_PNG, DIAGRAM_MERMAID };
	struct fixture	 a, b;
	char		*x, *y;
	size_t		 i, nx, ny;

	a = open_design(path, DIAGRAM_SUMMARY, 1);
	b = open_design(path, DIAGRAM_SUMMARY, 1);
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		x = render(a.dg, scenario, fmts[i], &nx);
		y = render(b.dg, scenario, fmts[i], &ny);
		if (nx != ny || memcmp(x, y, nx) != 0)
			fail_msg("%s %s differs between runs", path,
			    diagram_format_name(fmts[i]));
		free(x);
		free(y);
	}
	close_design(&a);
	close_design(&b);
}

/* The golden name of a design path: "designs/x.yaml" -> "x". */
static char *
stem(const char *path)
{
	const char	*s = strrchr(path, '/'), *dot;

	s = s ? s + 1 : path;
	dot = strrchr(s, '.');
	return xstrndup(s, dot ? (size_t)(dot - s) : strlen(s));
}

/* Golden DOT and Mermaid of one view; the DOT must draw with `dot`. */
static void
check_golden(const char *path, enum diagram_detail detail,
    const char *scenario, const char *suffix)
{
	struct fixture	 f;
	char		*dot, *mmd, *name, *g;

	f = open_design(path, detail, 1);
	name = stem(path);
	dot = render(f.dg, scenario, DIAGRAM_DOT, NULL);
	mmd = render(f.dg, scenario, DIAGRAM_MERMAID, NULL);
	g = xasprintf("%s%s.dot", name, suffix);
	golden(g, dot);
	free(g);
	g = xasprintf("%s%s.mmd", name, suffix);
	golden(g, mmd);
	free(g);
	assert_dot_reads(dot);
	free(dot);
	free(mmd);
	free(name);
	close_design(&f);
}

static void
test_golden_shipped(void **state)
{
	glob_t	 gl;
	size_t	 i;

	(void)state;
	if (glob("designs/*.yaml", 0, NULL, &gl) != 0)
		fail_msg("no shipped designs in designs/");
	for (i = 0; i < gl.gl_pathc; i++)
		check_golden(gl.gl_pathv[i], DIAGRAM_SUMMARY, NULL, "");
	globfree(&gl);
}

static void
test_golden_fixtures(void **state)
{
	(void)state;
	check_golden("tests/diagram/hostile.yaml", DIAGRAM_SUMMARY, NULL, "");
	check_golden("tests/diagram/er-only.yaml", DIAGRAM_SUMMARY, NULL, "");
	check_golden("tests/diagram/vpn-only.yaml", DIAGRAM_SUMMARY, NULL, "");
	check_golden("tests/diagram/sites12.yaml", DIAGRAM_SUMMARY, NULL, "");
	check_golden("tests/diagram/sites50.yaml", DIAGRAM_SUMMARY, NULL, "");
	check_golden("tests/diagram/sites50.yaml", DIAGRAM_FULL, NULL,
	    ".full");
}

/* The seed's circuit failure: HQ's traffic moves to the tunnels. */
static void
test_golden_scenario_circuit_down(void **state)
{
	(void)state;
	check_golden("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY,
	    "circuit-down:er-eus-equinix-dc", ".circuit-down");
}

/* A summarised branch loses its device: its row is marked. */
static void
test_golden_scenario_branch_down(void **state)
{
	(void)state;
	check_golden("designs/northwind-branches.yaml", DIAGRAM_SUMMARY,
	    "device-down:branch-madison:madison-fw", ".device-down");
}

static void
test_deterministic_baseline(void **state)
{
	(void)state;
	assert_deterministic("designs/contoso-eastus.yaml", NULL);
}

static void
test_deterministic_scenario(void **state)
{
	(void)state;
	assert_deterministic("designs/contoso-eastus.yaml",
	    "circuit-down:er-eus-equinix-dc");
}

static void
test_svg_self_contained(void **state)
{
	struct fixture	 f;
	char		*svg;

	(void)state;
	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY, 1);
	svg = render(f.dg, NULL, DIAGRAM_SVG, NULL);
	assert_svg_ok(svg);
	assert_non_null(strstr(svg, "<title>contoso&#45;eastus</title>"));
	free(svg);
	svg = render(f.dg, "circuit-down:er-eus-equinix-dc", DIAGRAM_SVG,
	    NULL);
	assert_svg_ok(svg);
	/*
	 * What a person hovers over or a screen reader reads: the
	 * diagram's title lines as the image's label, each object's
	 * visible text as its title, never an internal name.
	 */
	assert_non_null(strstr(svg, " role=\"img\" aria-label=\"Contoso East "
	    "US hybrid connectivity \xc2\xb7 contoso&#45;eastus \xc2\xb7 "
	    "scenario circuit&#45;down:er&#45;eus&#45;equinix&#45;dc\">"));
	assert_non_null(strstr(svg, "<title>VNet vnet&#45;hub&#45;eus \xc2\xb7 "
	    "10.1.0.0/16</title>"));
	assert_non_null(strstr(svg, " data-name=\"cluster_vnet_vnet_hub_eus\""));
	assert_null(strstr(svg, "<title>cluster_"));
	{
		const char	*t;

		for (t = svg; (t = strstr(t, "<title>")) != NULL; t++)
			if (strncmp(t + 7, "ergw_", 5) == 0 ||
			    strncmp(t + 7, "vpngw_", 6) == 0 ||
			    strncmp(t + 7, "circuit_", 8) == 0 ||
			    strncmp(t + 7, "legend_", 7) == 0)
				fail_msg("internal name as a title: %.40s", t);
			else if (strstr(t, "&#45;&gt;") != NULL &&
			    strstr(t, "&#45;&gt;") < strstr(t, "</title>"))
				fail_msg("an edge's name as a title: %.60s", t);
	}
	free(svg);
	close_design(&f);
}

/* The SVG's coordinates (points, d, x, y, cx, cy, viewBox) in order. */
static char *
geometry(const char *svg)
{
	static const char *const attrs[] = { "points=\"", "d=\"", "x=\"",
	    "y=\"", "cx=\"", "cy=\"", "viewBox=\"" };
	struct buf	 b = BUF_INIT;
	const char	*p, *q;
	size_t		 i, n;

	for (p = svg; (p = strchr(p, '=')) != NULL; p++) {
		for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
			n = strlen(attrs[i]) - 2;	/* the name */
			if ((size_t)(p - svg) > n && p[-(long)n - 1] == ' ' &&
			    strncmp(p - n, attrs[i], n) == 0 && p[1] == '"')
				break;
		}
		if (i == sizeof(attrs) / sizeof(attrs[0]))
			continue;
		q = strchr(p + 2, '"');
		if (q == NULL)
			break;
		buf_puts(&b, attrs[i]);
		buf_put(&b, p + 2, (size_t)(q - p - 2));
		buf_putc(&b, '\n');
		p = q;
	}
	return buf_detach(&b, NULL);
}

/*
 * The SVG without its legend rows' groups: a view shows only the rows
 * of the marks it uses, so they come and go between views.
 */
static char *
without_legend(const char *svg)
{
	struct buf	 b = BUF_INIT;
	const char	*p = svg, *g, *t, *end;

	while ((g = strstr(p, "<g id=\"")) != NULL) {
		t = strstr(g, " data-name=\"");
		end = strstr(g, "</g>");
		if (t == NULL || end == NULL)
			break;
		if (t < end && strncmp(t + 12, "legend_", 7) == 0) {
			buf_put(&b, p, (size_t)(g - p));
			p = end + 4;
			continue;
		}
		buf_put(&b, p, (size_t)(g + 1 - p));
		p = g + 1;
	}
	buf_puts(&b, p);
	return buf_detach(&b, NULL);
}

/*
 * A scenario SVG is the baseline's layout restyled: every coordinate
 * is the same, for every scenario of the design (the legend aside,
 * whose rows a view shows or hides); and rendering them leaves the
 * baseline as it was.
 */
static void
check_reuses_layout(const char *path)
{
	struct fixture	 f;
	char		*base, *again, *sc, *g0, *g1, *strip;
	size_t		 i;

	f = open_design(path, DIAGRAM_SUMMARY, 1);
	base = render(f.dg, NULL, DIAGRAM_SVG, NULL);
	strip = without_legend(base);
	g0 = geometry(strip);
	free(strip);
	for (i = 1; i < f.sim->nscenarios; i++) {
		sc = render(f.dg, f.sim->scenarios[i].id, DIAGRAM_SVG, NULL);
		strip = without_legend(sc);
		g1 = geometry(strip);
		free(strip);
		if (strcmp(g0, g1) != 0)
			fail_msg("%s: %s moved the layout", path,
			    f.sim->scenarios[i].id);
		assert_string_not_equal(base, sc);
		free(g1);
		free(sc);
	}
	again = render(f.dg, NULL, DIAGRAM_SVG, NULL);
	assert_string_equal(base, again);
	free(again);
	free(g0);
	free(base);
	close_design(&f);
}

static void
test_scenario_reuses_layout(void **state)
{
	glob_t	 gl;
	size_t	 i;

	(void)state;
	if (glob("designs/*.yaml", 0, NULL, &gl) != 0)
		fail_msg("no shipped designs in designs/");
	for (i = 0; i < gl.gl_pathc; i++)
		check_reuses_layout(gl.gl_pathv[i]);
	globfree(&gl);
}

/* The SVG <g> element whose <title> is title, or NULL. */
static const char *
svg_group(const char *svg, const char *title)
{
	char		*t = xasprintf(" data-name=\"%s\"", title);
	const char	*p = strstr(svg, t);

	free(t);
	return p;
}

/* Whether the SVG draws a legend row with text (a shown row's group). */
static int
legend_shows(const char *svg, const char *text)
{
	const char	*g, *end;
	char		*t = xasprintf(">%s</text>", text);
	int		 found = 0;

	for (g = svg; (g = strstr(g, " data-name=\"legend_")) != NULL; g = end) {
		end = strstr(g, "</g>");
		if (end == NULL)
			break;
		if (strstr(g, t) != NULL && strstr(g, t) < end)
			found = 1;
	}
	free(t);
	return found;
}

/* The y of the first <text> in object title's group (SVG y grows down). */
static double
group_y(const char *svg, const char *title)
{
	const char	*g = svg_group(svg, title), *y;

	if (g == NULL)
		fail_msg("no group %s", title);
	y = strstr(g, " y=\"");
	assert_non_null(y);
	return strtod(y + 4, NULL);
}

/* The x of the first <text> in object title's group. */
static double
group_x(const char *svg, const char *title)
{
	const char	*g = svg_group(svg, title), *x;

	if (g == NULL)
		fail_msg("no group %s", title);
	x = strstr(g, "<text");
	assert_non_null(x);
	x = strstr(x, " x=\"");
	assert_non_null(x);
	return strtod(x + 4, NULL);
}

/*
 * The legend: beside the Internet, not above the topology; the
 * baseline shows no scenario marks, a scenario only the marks it
 * draws, in SVG (restyled and laid out afresh), DOT and Mermaid.
 */
static void
test_legend(void **state)
{
	struct fixture	 f;
	char		*svg, *txt;

	(void)state;
	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY, 1);
	svg = render(f.dg, NULL, DIAGRAM_SVG, NULL);
	assert_true(legend_shows(svg, "ExpressRoute private peering"));
	assert_true(legend_shows(svg, "IPsec tunnel (site&#45;to&#45;site VPN)"));
	assert_true(legend_shows(svg, "thick: primary path"));
	assert_true(legend_shows(svg, "thin: backup path"));
	assert_false(legend_shows(svg, "path in use"));
	assert_false(legend_shows(svg, "failed element"));
	assert_false(legend_shows(svg, "prefix without a route"));
	/* in the Internet's column, below it; the region starts higher */
	assert_true(group_x(svg, "legend_0") > group_x(svg, "internet") - 80);
	assert_true(group_y(svg, "legend_0") > group_y(svg, "internet"));
	assert_true(group_y(svg, "cluster_azure_eastus") < group_y(svg, "legend_0"));
	free(svg);

	svg = render(f.dg, "circuit-down:er-eus-equinix-dc", DIAGRAM_SVG, NULL);
	assert_true(legend_shows(svg, "path in use"));
	assert_true(legend_shows(svg, "failed link or tunnel"));
	assert_true(legend_shows(svg, "failed element"));
	assert_false(legend_shows(svg, "prefix without a route"));
	assert_false(legend_shows(svg, "thin: backup path"));
	free(svg);
	txt = render(f.dg, "circuit-down:er-eus-equinix-dc", DIAGRAM_MERMAID,
	    NULL);
	assert_non_null(strstr(txt, "path in use"));
	assert_null(strstr(txt, "prefix without a route"));
	free(txt);
	txt = render(f.dg, NULL, DIAGRAM_MERMAID, NULL);
	assert_non_null(strstr(txt, "legend[\"legend<br/>"));
	assert_null(strstr(txt, "path in use"));
	free(txt);
	/* the branch device down: its prefix has no route */
	svg = render(f.dg, "device-down:LocalSite2:branch-fw", DIAGRAM_SVG,
	    NULL);
	assert_true(legend_shows(svg, "prefix without a route"));
	free(svg);
	txt = render(f.dg, "device-down:LocalSite2:branch-fw", DIAGRAM_DOT,
	    NULL);
	assert_non_null(strstr(txt, "prefix without a route"));
	free(txt);
	close_design(&f);

	/* no VPN, no IPsec row; no scenarios, no scenario rows */
	f = open_design("tests/diagram/er-only.yaml", DIAGRAM_SUMMARY, 0);
	svg = render(f.dg, NULL, DIAGRAM_SVG, NULL);
	assert_true(legend_shows(svg, "ExpressRoute private peering"));
	assert_false(legend_shows(svg, "IPsec tunnel (site&#45;to&#45;site VPN)"));
	assert_null(strstr(svg, "path in use"));
	free(svg);
	txt = render(f.dg, NULL, DIAGRAM_DOT, NULL);
	assert_null(strstr(txt, "path in use"));
	free(txt);
	close_design(&f);
}

/*
 * The y of each shown legend row (its description, the group's last
 * <text>), moved by its group's transform, in ascending order; returns
 * how many.
 */
static size_t
legend_rows(const char *svg, double *y, size_t max)
{
	const char	*t, *g, *end, *p, *last, *tr;
	size_t		 n = 0, k;
	double		 v;

	for (t = svg; (t = strstr(t, " data-name=\"legend_")) != NULL; t = end) {
		for (g = t; g > svg && strncmp(g, "<g id=", 6) != 0; g--)
			continue;
		end = strstr(t, "</g>");
		assert_non_null(end);
		last = NULL;
		for (p = t; (p = strstr(p, "<text")) != NULL && p < end; p++)
			last = p;
		assert_non_null(last);
		v = strtod(strstr(last, " y=\"") + 4, NULL);
		tr = strstr(g, "translate(0,");
		if (tr != NULL && tr < t)
			v += strtod(tr + 12, NULL);
		assert_true(n < max);
		for (k = n++; k > 0 && y[k - 1] > v; k--)
			y[k] = y[k - 1];
		y[k] = v;
	}
	return n;
}

/*
 * A view's legend rows are contiguous from the legend's first row:
 * rows y, n of them, start at top and are pitch apart.
 */
static void
check_rows(const char *svg, double top, double pitch, const char *what)
{
	double	 y[DG_NKEYS + 1];
	size_t	 n = legend_rows(svg, y, DG_NKEYS + 1), k;

	if (n == 0)
		fail_msg("%s: no legend row", what);
	for (k = 0; k < n; k++)
		if (y[k] < top + (double)k * pitch - 0.01 ||
		    y[k] > top + (double)k * pitch + 0.01)
			fail_msg("%s: legend row %zu at y %.2f, not %.2f (a gap "
			    "or an overlap)", what, k + 1, y[k],
			    top + (double)k * pitch);
}

/* Every scenario's legend (restyled or rendered) against the baseline's. */
static void
check_legend_compact(const char *path, enum diagram_detail detail)
{
	struct fixture	 f;
	double		 y[DG_NKEYS + 1], top, pitch;
	char		*svg, *what;
	size_t		 i, n;

	f = open_design(path, detail, 1);
	svg = render(f.dg, NULL, DIAGRAM_SVG, NULL);
	n = legend_rows(svg, y, DG_NKEYS + 1);
	assert_true(n >= 2);
	top = y[0];
	pitch = y[1] - y[0];
	assert_true(pitch > 10 && pitch < 40);
	check_rows(svg, top, pitch, path);
	free(svg);
	for (i = 1; i < f.sim->nscenarios; i++) {
		what = xasprintf("%s %s", path, f.sim->scenarios[i].id);
		svg = render(f.dg, f.sim->scenarios[i].id, DIAGRAM_SVG, NULL);
		check_rows(svg, top, pitch, what);
		free(svg);
		free(what);
	}
	close_design(&f);
}

/*
 * A scenario's legend has no gap where a row it does not use would be
 * (the layout is shared, so the rows are reassigned per view): for
 * every scenario, restyled from the template and drawn by Graphviz
 * first, for a change diagram's before and after views, in DOT (the
 * hidden rows last) and with the public API only.
 */
static void
test_legend_compact(void **state)
{
	struct fixture	 f, b, a;
	struct diagram	*dg, *fresh;
	double		 y[DG_NKEYS + 1], top, pitch;
	char		*svg, *dot;
	const char	*p, *inv;
	size_t		 n;

	(void)state;
	check_legend_compact("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY);
	check_legend_compact("designs/contoso-eastus.yaml", DIAGRAM_FULL);
	check_legend_compact("designs/northwind-branches.yaml",
	    DIAGRAM_SUMMARY);
	check_legend_compact("tests/diagram/sites12.yaml", DIAGRAM_SUMMARY);

	/* drawn by Graphviz from the layout (no template yet): the same */
	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY, 1);
	svg = render(f.dg, NULL, DIAGRAM_SVG, NULL);
	n = legend_rows(svg, y, DG_NKEYS + 1);
	top = y[0];
	pitch = y[1] - y[0];
	free(svg);
	assert_int_equal(n, 4);
	fresh = diagram_new(f.dsn, f.sim, DIAGRAM_SUMMARY);
	svg = render(fresh, "vpn-instance-down:0", DIAGRAM_SVG, NULL);
	/* no ExpressRoute blue in this view: the IPsec row is the first */
	assert_false(legend_shows(svg, "ExpressRoute private peering"));
	check_rows(svg, top, pitch, "vpn-instance-down:0 (Graphviz)");
	free(svg);
	diagram_free(fresh);
	/* DOT: the view's rows first, the hidden ones after them */
	dot = render(f.dg, "vpn-instance-down:0", DIAGRAM_DOT, NULL);
	inv = NULL;
	for (p = dot; (p = strstr(p, "\"legend_")) != NULL; p++) {
		if (strncmp(strchr(p, '['), "[shape=plaintext", 16) != 0)
			continue;
		if (strstr(p, "style=\"invis\"") < strchr(p, '\n')) {
			if (inv == NULL)
				inv = p;
		} else if (inv != NULL)
			fail_msg("DOT: a shown legend row after a hidden one");
	}
	assert_non_null(inv);
	assert_true(strstr(dot, "IPsec tunnel") < inv);
	assert_true(strstr(dot, "ExpressRoute private peering") > inv);
	free(dot);
	/* the public API only: each view its own layout, from its DOT */
	diagram_graphviz_plain(1);
	svg = render(f.dg, "vpn-instance-down:0", DIAGRAM_SVG, NULL);
	diagram_graphviz_plain(0);
	n = legend_rows(svg, y, DG_NKEYS + 1);
	assert_true(n >= 2);
	check_rows(svg, y[0], y[1] - y[0], "vpn-instance-down:0 (plain)");
	assert_true(y[1] - y[0] > pitch - 0.01 && y[1] - y[0] < pitch + 0.01);
	free(svg);
	close_design(&f);

	/* a change diagram: before and after share the after's layout */
	b = open_design("tests/packet/remove-site/base.yaml", DIAGRAM_SUMMARY,
	    1);
	a = open_design("tests/packet/remove-site/head.yaml", DIAGRAM_SUMMARY,
	    1);
	dg = diagram_new_change(b.dsn, b.sim, a.dsn, a.sim, DIAGRAM_SUMMARY);
	svg = render(dg, DIAGRAM_AFTER, DIAGRAM_SVG, NULL);
	n = legend_rows(svg, y, DG_NKEYS + 1);
	assert_true(n >= 2);
	top = y[0];
	pitch = y[1] - y[0];
	check_rows(svg, top, pitch, "remove-site after");
	free(svg);
	svg = render(dg, DIAGRAM_BEFORE, DIAGRAM_SVG, NULL);
	assert_true(legend_shows(svg, "removed by the change"));
	check_rows(svg, top, pitch, "remove-site before");
	free(svg);
	diagram_free(dg);
	close_design(&a);
	close_design(&b);
}

/* The runbook's Markdown of the seed design with diagrams fenced so. */
static char *
runbook_md(enum diagram_fence fence)
{
	struct analysis	 a;
	struct diags	 d;
	struct diagram	*dg;
	struct tmpl_set	*ts;
	struct buf	 out = BUF_INIT;

	diags_init(&d);
	if (!analysis_run(&a, "designs/contoso-eastus.yaml", 0, &d))
		fail_msg("the seed design does not load");
	ts = runbook_templates(NULL);
	dg = diagram_new(a.dsn, a.sim, DIAGRAM_SUMMARY);
	diagram_set_fence(dg, fence);
	if (!runbook_render(&a, dg, 0, ts, &out, &d))
		fail_msg("runbook_render failed");
	diagram_free(dg);
	tmpl_set_free(ts);
	analysis_release(&a);
	diags_release(&d);
	return buf_detach(&out, NULL);
}

/*
 * The Azure DevOps wiki's fence: ::: mermaid blocks and `graph` in the
 * runbook's Markdown and around `diagram`'s Mermaid; the default stays
 * GitHub's ```mermaid with `flowchart`.
 */
static void
test_mermaid_fence(void **state)
{
	struct fixture	 f;
	enum diagram_fence fence;
	char		*txt, *md;
	size_t		 n;
	const char	*p;

	(void)state;
	assert_true(diagram_fence_parse("azure-devops", &fence));
	assert_int_equal(fence, DIAGRAM_FENCE_AZURE_DEVOPS);
	assert_true(diagram_fence_parse("markdown", &fence));
	assert_int_equal(fence, DIAGRAM_FENCE_MARKDOWN);
	assert_true(diagram_fence_parse("none", &fence));
	assert_int_equal(fence, DIAGRAM_FENCE_NONE);
	assert_false(diagram_fence_parse("ado", &fence));
	assert_string_equal(diagram_fence_open(DIAGRAM_FENCE_AZURE_DEVOPS),
	    "::: mermaid\n");
	assert_string_equal(diagram_fence_close(DIAGRAM_FENCE_AZURE_DEVOPS),
	    ":::\n");
	assert_string_equal(diagram_fence_open(DIAGRAM_FENCE_NONE), "");

	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY, 1);
	assert_int_equal(diagram_fence(f.dg), DIAGRAM_FENCE_MARKDOWN);
	txt = render(f.dg, NULL, DIAGRAM_MERMAID, NULL);
	assert_non_null(strstr(txt, "\nflowchart LR\n"));
	assert_null(strstr(txt, "graph LR"));
	free(txt);
	diagram_set_fence(f.dg, DIAGRAM_FENCE_AZURE_DEVOPS);
	txt = render(f.dg, NULL, DIAGRAM_MERMAID, NULL);
	assert_true(strncmp(txt, "graph LR\n%% hybridoc diagram: ", 30) == 0);
	assert_null(strstr(txt, "flowchart"));
	free(txt);
	close_design(&f);

	md = runbook_md(DIAGRAM_FENCE_AZURE_DEVOPS);
	assert_null(strstr(md, "```mermaid"));
	for (n = 0, p = md; (p = strstr(p, "\n::: mermaid\ngraph ")) != NULL;
	    p++)
		n++;
	assert_true(n >= 2);	/* the topology and a scenario */
	/* each block closed before the next opens */
	for (p = md; (p = strstr(p, "\n::: mermaid\n")) != NULL; p++)
		assert_true(strstr(p + 1, "\n:::\n") != NULL &&
		    (strstr(p + 1, "\n::: mermaid\n") == NULL ||
		    strstr(p + 1, "\n:::\n") <
		    strstr(p + 1, "\n::: mermaid\n")));
	free(md);
	md = runbook_md(DIAGRAM_FENCE_MARKDOWN);
	assert_null(strstr(md, "::: mermaid"));
	assert_non_null(strstr(md, "```mermaid\n%% hybridoc diagram: "));
	free(md);
}

static void
test_scenario_circuit_down_svg(void **state)
{
	struct fixture	 f;
	const char	*g, *end;
	char		*svg;

	(void)state;
	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY, 1);
	svg = render(f.dg, "circuit-down:er-eus-equinix-dc", DIAGRAM_SVG,
	    NULL);
	/* named in the title */
	assert_non_null(strstr(svg, "scenario circuit&#45;down:er&#45;eus"
	    "&#45;equinix&#45;dc</text>"));
	/* the circuit greyed and struck */
	g = svg_group(svg, "circuit_er_eus_equinix_dc");
	assert_non_null(g);
	end = strstr(g, "</g>");
	assert_non_null(strstr(g, "fill=\"" DIAGRAM_COLOUR_FAILED_FILL "\""));
	assert_true(strstr(g, "line-through") != NULL &&
	    strstr(g, "line-through") < end);
	/* HQ's tunnels carry the traffic, through the Internet */
	g = svg_group(svg, "device_HQ_hq_asr&#45;&gt;internet");
	assert_non_null(g);
	end = strstr(g, "</g>");
	assert_true(strstr(g, "stroke=\"" DIAGRAM_COLOUR_INUSE "\"") < end);
	g = svg_group(svg, "vpngw_vpngw_hub_eus_IN_0&#45;&gt;internet");
	assert_non_null(g);
	end = strstr(g, "</g>");
	assert_true(strstr(g, "stroke=\"" DIAGRAM_COLOUR_INUSE "\"") < end);
	free(svg);

	/* in the baseline neither */
	svg = render(f.dg, NULL, DIAGRAM_SVG, NULL);
	assert_null(strstr(svg, "line-through"));
	assert_null(strstr(svg, "stroke=\"" DIAGRAM_COLOUR_INUSE "\""));
	assert_non_null(strstr(svg, "contoso&#45;eastus · baseline</text>"));
	free(svg);
	close_design(&f);
}

static void
test_scenario_unreachable_prefix(void **state)
{
	struct fixture	 f;
	char		*dot, *line;

	(void)state;
	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY, 1);
	dot = render(f.dg, "device-down:LocalSite2:branch-fw", DIAGRAM_DOT,
	    NULL);
	line = strstr(dot, "\"prefix_LocalSite2_10_101_0_0_16\" [");
	assert_non_null(line);
	*strchr(line, '\n') = '\0';
	assert_non_null(strstr(line, "color=\"" DIAGRAM_COLOUR_UNREACHABLE));
	assert_non_null(strstr(line, "label=\"\xe2\x9a\xa0 10.101.0.0/16"));
	free(dot);
	close_design(&f);
}

static void
test_scenario_png(void **state)
{
	struct fixture	 f;
	char		*png;
	size_t		 len;

	(void)state;
	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY, 1);
	png = render(f.dg, "circuit-down:er-eus-equinix-dc", DIAGRAM_PNG,
	    &len);
	assert_true(len > 8 && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0);
	free(png);
	png = render(f.dg, NULL, DIAGRAM_PNG, &len);
	assert_true(len > 8 && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0);
	free(png);
	close_design(&f);
}

static void
test_scenario_unknown(void **state)
{
	struct fixture	 f;
	struct buf	 b = BUF_INIT;
	struct diags	 d;

	(void)state;
	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY, 1);
	diags_init(&d);
	buf_puts(&b, "kept");
	assert_int_equal(diagram_render(f.dg, "circuit-down:nope",
	    DIAGRAM_SVG, &b, &d), 0);
	assert_int_equal(diags_errors(&d), 1);
	assert_non_null(strstr(d.v[0].msg, "circuit-down:nope"));
	assert_string_equal(buf_cstr(&b), "kept");
	buf_release(&b);
	diags_release(&d);
	close_design(&f);
}

/* Without a simulation: the baseline draws, a scenario is an error. */
static void
test_no_simulation(void **state)
{
	struct fixture	 f;
	struct buf	 b = BUF_INIT;
	struct diags	 d;
	char		*dot;

	(void)state;
	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY, 0);
	dot = render(f.dg, NULL, DIAGRAM_DOT, NULL);
	/* ExpressRoute is primary for HQ, the tunnel for LocalSite2 */
	assert_non_null(strstr(dot, "[key=\"link_HQ_er_eus_equinix_dc_primary"
	    "\", label=\"VLAN 100 · BFD\\nprimary 192.168.100.128/30\\n\", "
	    "color=\"" DIAGRAM_COLOUR_ER "\", penwidth=2.5];"));
	assert_non_null(strstr(dot, "\"device_HQ_hq_asr\" -> \"internet\" "
	    "[key=\"tunnel_HQ_hq_asr_IN_1\", color=\"" DIAGRAM_COLOUR_VPN "\", "
	    "style=\"dashed\"];"));
	assert_non_null(strstr(dot, "[key=\"tunnel_LocalSite2_branch_fw_IN_1\", "
	    "color=\"" DIAGRAM_COLOUR_VPN "\", penwidth=2.5, "
	    "style=\"dashed\"];"));
	/* the instances reach the Internet on their own rank */
	assert_non_null(strstr(dot, "\"vpngw_vpngw_hub_eus_IN_0\" -> \"internet\" "
	    "[key=\"uplink_IN_0\", minlen=2, color=\"" DIAGRAM_COLOUR_VPN "\", "
	    "penwidth=2.5, style=\"dashed\"];"));
	free(dot);
	diags_init(&d);
	assert_int_equal(diagram_render(f.dg, "circuit-down:er-eus-equinix-dc",
	    DIAGRAM_DOT, &b, &d), 0);
	assert_int_equal(diags_errors(&d), 1);
	assert_int_equal(b.len, 0);
	diags_release(&d);
	close_design(&f);
}

/* "&lt;" -> "<" for the entities Graphviz writes in SVG text. */
static char *
xml_text(const char *svg)
{
	struct buf	 b = BUF_INIT;
	const char	*p, *q, *end;

	for (p = svg; (p = strstr(p, "<text")) != NULL; p = end) {
		p = strchr(p, '>') + 1;
		end = strstr(p, "</text>");
		for (q = p; q < end; q++) {
			if (*q != '&') {
				buf_putc(&b, *q);
				continue;
			}
			if (strncmp(q, "&amp;", 5) == 0)
				buf_putc(&b, '&');
			else if (strncmp(q, "&lt;", 4) == 0)
				buf_putc(&b, '<');
			else if (strncmp(q, "&gt;", 4) == 0)
				buf_putc(&b, '>');
			else if (strncmp(q, "&quot;", 6) == 0)
				buf_putc(&b, '"');
			else if (q[1] == '#')
				buf_putc(&b, (int)strtol(q + 2, NULL, 10));
			else
				fail_msg("unknown entity at %.10s", q);
			q = strchr(q, ';');
		}
		buf_putc(&b, '\n');
	}
	return buf_detach(&b, NULL);
}

/* The strings of tests/diagram/hostile.yaml, as the picture shows them. */
static const char *const hostile[] = {
	("Title \"quoted\" <b>bold</b> & co &amp; \\N \\G \\l #35; | `tick` "
	    "%% end\\"),
	"sub \"one\" <&>",
	"provider A&T \"Provider\" <x> \\",
	"Loc\\N \\E &lt;",
	"Back\\slash \"q\" <loc> &lt; &#92; \\\\",
	"Ven<dor> & \"Co\" M|o#d`el]"
};

static void
test_hostile_strings_svg(void **state)
{
	struct fixture	 f;
	char		*svg, *text, *sc;
	size_t		 i;

	(void)state;
	f = open_design("tests/diagram/hostile.yaml", DIAGRAM_SUMMARY, 1);
	svg = render(f.dg, NULL, DIAGRAM_SVG, NULL);
	assert_svg_ok(svg);
	text = xml_text(svg);
	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		if (strstr(text, hostile[i]) == NULL)
			fail_msg("SVG lost \"%s\":\n%s", hostile[i], text);
	free(text);
	free(svg);
	/* a struck scenario view as well */
	sc = render(f.dg, "circuit-down:er-hostile", DIAGRAM_SVG, NULL);
	assert_svg_ok(sc);
	text = xml_text(sc);
	assert_non_null(strstr(text, hostile[2]));
	free(text);
	free(sc);
	close_design(&f);
}

static void
test_hostile_strings_dot(void **state)
{
	struct fixture	 f;
	char		*dot, *in, *cmd, *svg, *text;
	size_t		 i;

	(void)state;
	f = open_design("tests/diagram/hostile.yaml", DIAGRAM_SUMMARY, 1);
	dot = render(f.dg, "circuit-down:er-hostile", DIAGRAM_DOT, NULL);
	assert_dot_reads(dot);
	free(dot);
	/* the DOT drawn by `dot` shows the same text */
	dot = render(f.dg, NULL, DIAGRAM_DOT, NULL);
	in = temp_file(dot, strlen(dot));
	cmd = xasprintf("dot -Tsvg '%s' -o '%s.svg'", in, in);
	assert_int_equal(run(cmd), 0);
	free(cmd);
	cmd = xasprintf("%s.svg", in);
	svg = read_file(cmd);
	assert_non_null(svg);
	text = xml_text(svg);
	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		if (strstr(text, hostile[i]) == NULL)
			fail_msg("dot's SVG lost \"%s\"", hostile[i]);
	unlink(cmd);
	unlink(in);
	free(text);
	free(svg);
	free(cmd);
	free(in);
	free(dot);
	close_design(&f);
}

static void
test_hostile_strings_mermaid(void **state)
{
	struct fixture	 f;
	char		*mmd, *p, *q;

	(void)state;
	f = open_design("tests/diagram/hostile.yaml", DIAGRAM_SUMMARY, 1);
	mmd = render(f.dg, NULL, DIAGRAM_MERMAID, NULL);
	assert_non_null(strstr(mmd, "Title #quot;quoted#quot; #lt;b#gt;bold"
	    "#lt;/b#gt; #amp; co #amp;amp; \\N \\G \\l #35;35; #124; "
	    "#96;tick#96; %% end\\ · "));
	assert_non_null(strstr(mmd, "Ven#lt;dor#gt; #amp; #quot;Co#quot; "
	    "M#124;o#35;d#96;el]"));
	/* inside every quoted label: no quote, no raw < > | # & ` */
	for (p = strchr(mmd, '\n'); p != NULL && (p = strchr(p, '"'));
	    p = q + 1) {
		q = strchr(p + 1, '"');
		assert_non_null(q);
		for (p++; p < q; p++) {
			if (*p == '<' && strncmp(p, "<br/>", 5) == 0) {
				p += 4;
				continue;
			}
			if (*p == '#') {
				assert_non_null(strchr(p, ';'));
				continue;	/* an entity code */
			}
			if (strchr("<>|&`\n", *p) != NULL)
				fail_msg("raw '%c' in a Mermaid label", *p);
		}
	}
	free(mmd);
	close_design(&f);
}

/* The Mermaid flowchart's frame: header, balanced subgraphs. */
static void
test_mermaid_shape(void **state)
{
	struct fixture	 f;
	char		*mmd, *p;
	int		 depth = 0;

	(void)state;
	f = open_design("designs/northwind-branches.yaml", DIAGRAM_SUMMARY, 1);
	mmd = render(f.dg, NULL, DIAGRAM_MERMAID, NULL);
	assert_true(strncmp(mmd, "%% hybridoc diagram: northwind-branches",
	    39) == 0);
	/* 17 sites would be far too wide left to right */
	assert_non_null(strstr(mmd, "\nflowchart TB\n"));
	/* the root is transparent: its title takes the page's colours */
	assert_non_null(strstr(mmd, "\n  style hd_northwind_branches "
	    "fill:none,stroke:none\n"));
	for (p = mmd; *p; p = strchr(p, '\n') + 1) {
		while (*p == ' ')
			p++;
		if (strncmp(p, "subgraph ", 9) == 0) {
			/* one-line titles (mermaid#3806 clips a second) */
			assert_null(memchr(p, '<', strcspn(p, "\n")));
			depth++;
		}
		else if (strncmp(p, "end\n", 4) == 0)
			depth--;
		assert_true(depth >= 0);
	}
	assert_int_equal(depth, 0);
	assert_non_null(strstr(mmd, " === "));	/* ExpressRoute */
	assert_non_null(strstr(mmd, " -.-|"));	/* IPsec */
	assert_non_null(strstr(mmd, "linkStyle "));
	assert_non_null(strstr(mmd, "classDef er "));
	free(mmd);
	close_design(&f);

	/* the seed design fits a page column left to right */
	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY, 1);
	mmd = render(f.dg, NULL, DIAGRAM_MERMAID, NULL);
	assert_non_null(strstr(mmd, "\nflowchart LR\n"));
	assert_non_null(strstr(mmd, "subgraph cluster_azure_eastus[\"Azure · "
	    "eastus · prod-connectivity · rg-hub-eus\"]\n"));
	free(mmd);
	close_design(&f);
}

/* `dot -Tplain` of a DOT text: graph width, and any two nodes that overlap. */
static double
plain_check(const char *dot)
{
	char	*in = temp_file(dot, strlen(dot)), *cmd, line[4096];
	double	 width = 0, (*box)[4] = NULL, x, y, w, h;
	size_t	 n = 0, cap = 0, i, k;
	FILE	*fp;

	cmd = xasprintf("dot -Tplain '%s'", in);
	if ((fp = popen(cmd, "r")) == NULL)
		fail_msg("cannot run dot");
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (sscanf(line, "graph %*f %lf", &width) == 1)
			continue;
		if (sscanf(line, "node %*s %lf %lf %lf %lf", &x, &y, &w, &h) !=
		    4)
			continue;
		xgrow(&box, &cap, n + 1, sizeof(*box));
		box[n][0] = x - w / 2;
		box[n][1] = y - h / 2;
		box[n][2] = x + w / 2;
		box[n][3] = y + h / 2;
		n++;
	}
	assert_int_equal(pclose(fp), 0);
	assert_true(n > 0);
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			if (box[i][0] < box[k][2] && box[k][0] < box[i][2] &&
			    box[i][1] < box[k][3] && box[k][1] < box[i][3])
				fail_msg("nodes %zu and %zu overlap", i, k);
	unlink(in);
	free(box);
	free(cmd);
	free(in);
	return width;
}

/*
 * 50 sites: summarised, the branches fold into a few nodes and the
 * picture is no wider than the 12-site one; in full every site has
 * its cluster.  Neither overlaps nodes or outgrows the page width.
 */
static void
test_large_design(void **state)
{
	struct fixture	 f;
	char		*dot;
	double		 w50, w50full, w12;
	size_t		 n;
	const char	*p;

	(void)state;
	f = open_design("tests/diagram/sites50.yaml", DIAGRAM_SUMMARY, 1);
	dot = render(f.dg, NULL, DIAGRAM_DOT, NULL);
	assert_non_null(strstr(dot, "subgraph \"cluster_branches\""));
	assert_null(strstr(dot, "cluster_site_branch_01\""));
	w50 = plain_check(dot);
	free(dot);
	close_design(&f);

	f = open_design("tests/diagram/sites50.yaml", DIAGRAM_FULL, 1);
	dot = render(f.dg, NULL, DIAGRAM_DOT, NULL);
	assert_null(strstr(dot, "cluster_branches"));
	for (n = 0, p = dot; (p = strstr(p, "subgraph \"cluster_site_branch_"));
	    p++)
		n++;
	assert_int_equal(n, 48);
	w50full = plain_check(dot);
	free(dot);
	close_design(&f);

	f = open_design("tests/diagram/sites12.yaml", DIAGRAM_SUMMARY, 1);
	dot = render(f.dg, NULL, DIAGRAM_DOT, NULL);
	w12 = plain_check(dot);
	free(dot);
	close_design(&f);

	if (w50 > PAGE_WIDTH_IN || w50full > PAGE_WIDTH_IN)
		fail_msg("50 sites: %.1f in (summary), %.1f in (full) wide",
		    w50, w50full);
	if (w50 > w12 * 1.05)
		fail_msg("50 sites %.1f in wide against 12 sites %.1f in",
		    w50, w12);
}

/*
 * A circuit two sites attach to: its /30 links drawn once, to its
 * customer edge routers, and each site hangs off those; every device's
 * tunnels end at the one Internet node, which each gateway instance
 * reaches once.
 */
static void
test_shared_circuit_links_once(void **state)
{
	struct fixture	 f;
	char		*dot;

	(void)state;
	f = open_design("designs/fabrikam-max-resiliency.yaml", DIAGRAM_FULL,
	    1);
	dot = render(f.dg, NULL, DIAGRAM_DOT, NULL);
	assert_int_equal(count(dot, "192.168.240.0/30"), 1);
	assert_int_equal(count(dot, "192.168.240.4/30"), 1);
	assert_int_equal(count(dot, "192.168.240.8/30"), 1);
	assert_int_equal(count(dot, "192.168.240.12/30"), 1);
	assert_non_null(strstr(dot, "\"circuit_er_weu_equinix_ams\" -> "
	    "\"ce_er_weu_equinix_ams\" [key=\"link_er_weu_equinix_ams_primary\""));
	assert_non_null(strstr(dot, "\"ce_er_weu_equinix_ams\" -> "
	    "\"eredge_DC_Amsterdam_er_weu_equinix_ams\""));
	assert_non_null(strstr(dot, "\"ce_er_weu_equinix_ams\" -> "
	    "\"eredge_DC_Eindhoven_er_weu_equinix_ams\""));
	assert_int_equal(count(dot, "\"internet\" [label="), 1);
	assert_int_equal(count(dot, " -> \"internet\" [key=\"uplink_"), 2);
	/* 4 devices x 2 instances */
	assert_int_equal(count(dot, " -> \"internet\" [key=\"tunnel_"), 8);
	free(dot);
	close_design(&f);

	/* a circuit of one site ends at that site's edge, links labelled */
	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_FULL, 1);
	dot = render(f.dg, NULL, DIAGRAM_DOT, NULL);
	assert_null(strstr(dot, "\"ce_"));
	assert_int_equal(count(dot, "192.168.100.128/30"), 1);
	assert_non_null(strstr(dot, "{rank=same; \"eredge_HQ_er_eus_equinix_dc\"; "
	    "\"device_HQ_hq_asr\"; \"prefix_HQ_10_100_0_0_16\";}"));
	free(dot);
	close_design(&f);
}

/* Route Server, when enabled, is drawn in the VNet with its state. */
static void
test_route_server(void **state)
{
	struct fixture	 f;
	char		*dot;

	(void)state;
	f = open_design("tests/sim/hd607-branch-to-branch.yaml",
	    DIAGRAM_SUMMARY, 1);
	dot = render(f.dg, NULL, DIAGRAM_DOT, NULL);
	assert_non_null(strstr(dot, "[label=\"Azure Route Server\\npeers with "
	    "the gateways in the GatewaySubnet\\nbranch-to-branch on: "));
	free(dot);
	close_design(&f);
	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY, 1);
	dot = render(f.dg, NULL, DIAGRAM_DOT, NULL);
	assert_null(strstr(dot, "Route Server"));
	free(dot);
	close_design(&f);
}

/* Eight VPN-only branches or fewer are drawn one by one. */
static void
test_few_branches_not_grouped(void **state)
{
	struct fixture	 f;
	char		*dot;

	(void)state;
	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY, 1);
	dot = render(f.dg, NULL, DIAGRAM_DOT, NULL);
	assert_null(strstr(dot, "cluster_branches"));
	assert_non_null(strstr(dot, "subgraph \"cluster_site_LocalSite2\""));
	free(dot);
	close_design(&f);
}

/*
 * Scenario DOT draws with `dot`: every single failure of a design with
 * two circuits, summary rows, designs with one gateway only.
 */
static void
test_every_scenario_dot(void **state)
{
	static const char *const grouped[] = {
		"site-down:branch-01", "device-down:branch-03:fw-03",
		"tunnel-down:branch-02:fw-02:0", "vpn-instance-down:1",
		"location-down:dublin"
	};
	static const char *const single[] = {
		"tests/diagram/er-only.yaml", "tests/diagram/vpn-only.yaml"
	};
	struct fixture	 f;
	struct buf	 all = BUF_INIT;
	char		*dot;
	size_t		 i, k, n;

	(void)state;
	/* one file of many graphs: one `dot` process draws them all */
	f = open_design("designs/fabrikam-max-resiliency.yaml",
	    DIAGRAM_SUMMARY, 1);
	for (i = 0, n = 0; i < f.sim->nscenarios; i++) {
		/* every single failure, the first few pairs */
		if (f.sim->scenarios[i].nfailed > 1 && n++ >= 4)
			continue;
		dot = render(f.dg, f.sim->scenarios[i].id, DIAGRAM_DOT, NULL);
		buf_puts(&all, dot);
		free(dot);
	}
	close_design(&f);
	f = open_design("tests/diagram/sites12.yaml", DIAGRAM_SUMMARY, 1);
	for (i = 0; i < sizeof(grouped) / sizeof(grouped[0]); i++) {
		dot = render(f.dg, grouped[i], DIAGRAM_DOT, NULL);
		buf_puts(&all, dot);
		free(dot);
	}
	close_design(&f);
	/* one gateway only: every scenario */
	for (k = 0; k < sizeof(single) / sizeof(single[0]); k++) {
		f = open_design(single[k], DIAGRAM_SUMMARY, 1);
		for (i = 0; i < f.sim->nscenarios; i++) {
			dot = render(f.dg, f.sim->scenarios[i].id,
			    DIAGRAM_DOT, NULL);
			buf_puts(&all, dot);
			free(dot);
		}
		close_design(&f);
	}
	assert_dot_reads(buf_cstr(&all));
	buf_release(&all);
}

static void
test_format_names(void **state)
{
	enum diagram_format fmt;
	enum diagram_detail det;

	(void)state;
	assert_true(diagram_format_parse("svg", &fmt) && fmt == DIAGRAM_SVG);
	assert_true(diagram_format_parse("DOT", &fmt) && fmt == DIAGRAM_DOT);
	assert_true(diagram_format_parse("mmd", &fmt) &&
	    fmt == DIAGRAM_MERMAID);
	assert_false(diagram_format_parse("sv", &fmt));
	assert_false(diagram_format_parse("svgz", &fmt));
	assert_false(diagram_format_parse("", &fmt));
	assert_true(diagram_format_from_path("out/contoso.PNG", &fmt) &&
	    fmt == DIAGRAM_PNG);
	assert_true(diagram_format_from_path("a.b/x.gv", &fmt) &&
	    fmt == DIAGRAM_DOT);
	assert_false(diagram_format_from_path("a.svg/x", &fmt));
	assert_false(diagram_format_from_path("x.", &fmt));
	assert_false(diagram_format_from_path("-", &fmt));
	assert_true(diagram_detail_parse("full", &det) && det == DIAGRAM_FULL);
	assert_false(diagram_detail_parse("Full", &det));
	assert_string_equal(diagram_format_name(DIAGRAM_MERMAID), "mermaid");
}

static int
teardown(void **state)
{
	(void)state;
	diagram_cleanup();
	return 0;
}

/*
 * A scenario SVG drawn after the baseline is the baseline's SVG text
 * restyled (dg_svg_restyle in dg_svg.c); drawn first, Graphviz renders
 * it.  Both ways must give the same bytes for every scenario: struck
 * and recoloured text, summary rows, hostile strings, both details.
 */
static void
check_restyle(const char *path, enum diagram_detail detail)
{
	struct fixture	 f;
	struct diagram	*fresh;
	char		*base, *a, *b;
	size_t		 i;

	f = open_design(path, detail, 1);
	base = render(f.dg, NULL, DIAGRAM_SVG, NULL);
	for (i = 1; i < f.sim->nscenarios; i++) {
		fresh = diagram_new(f.dsn, f.sim, detail);
		a = render(fresh, f.sim->scenarios[i].id, DIAGRAM_SVG, NULL);
		b = render(f.dg, f.sim->scenarios[i].id, DIAGRAM_SVG, NULL);
		if (strcmp(a, b) != 0)
			fail_msg("%s: the restyled SVG of %s differs from "
			    "Graphviz's", path, f.sim->scenarios[i].id);
		free(a);
		free(b);
		diagram_free(fresh);
	}
	/* and the baseline again, from the template */
	a = render(f.dg, NULL, DIAGRAM_SVG, NULL);
	assert_string_equal(a, base);
	free(a);
	free(base);
	close_design(&f);
}

static void
test_restyled_svg_is_graphviz_svg(void **state)
{
	(void)state;
	check_restyle("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY);
	check_restyle("designs/contoso-eastus.yaml", DIAGRAM_FULL);
	check_restyle("tests/diagram/hostile.yaml", DIAGRAM_SUMMARY);
	check_restyle("tests/diagram/sites12.yaml", DIAGRAM_SUMMARY);
}

/*
 * On a Graphviz release the adapter was not written for, every view is
 * laid out from its own DOT through the public API: the same styles,
 * the view's own ids, and no layout or SVG text shared between views.
 */
static void
test_plain_graphviz(void **state)
{
	struct fixture	 f;
	const char	*g, *end;
	char		*svg, *again, *base, *png, *fast;
	size_t		 len;

	(void)state;
	f = open_design("designs/contoso-eastus.yaml", DIAGRAM_SUMMARY, 1);
	diagram_graphviz_plain(1);
	svg = render(f.dg, "circuit-down:er-eus-equinix-dc", DIAGRAM_SVG,
	    NULL);
	base = render(f.dg, NULL, DIAGRAM_SVG, NULL);
	again = render(f.dg, "circuit-down:er-eus-equinix-dc", DIAGRAM_SVG,
	    NULL);
	png = render(f.dg, "circuit-down:er-eus-equinix-dc", DIAGRAM_PNG,
	    &len);
	diagram_graphviz_plain(0);
	assert_string_equal(svg, again);
	/* a fresh layout, not the restyled baseline the fast path gives */
	fast = render(f.dg, "circuit-down:er-eus-equinix-dc", DIAGRAM_SVG,
	    NULL);
	assert_string_not_equal(svg, fast);
	free(fast);
	assert_null(strstr(svg, "<!DOCTYPE"));
	assert_non_null(strstr(svg, "id=\"hd_contoso_eastus__circuit_down_"));
	assert_non_null(strstr(svg, "scenario circuit&#45;down:er&#45;eus"
	    "&#45;equinix&#45;dc</text>"));
	g = svg_group(svg, "circuit_er_eus_equinix_dc");
	assert_non_null(g);
	end = strstr(g, "</g>");
	assert_true(strstr(g, "fill=\"" DIAGRAM_COLOUR_FAILED_FILL "\"") <
	    end);
	g = svg_group(svg, "device_HQ_hq_asr&#45;&gt;internet");
	assert_non_null(g);
	end = strstr(g, "</g>");
	assert_true(strstr(g, "stroke=\"" DIAGRAM_COLOUR_INUSE "\"") < end);
	assert_non_null(strstr(base, "contoso&#45;eastus · baseline</text>"));
	assert_null(strstr(base, "stroke=\"" DIAGRAM_COLOUR_INUSE "\""));
	assert_true(len > 8 && memcmp(png, "\x89PNG", 4) == 0);
	free(svg);
	free(again);
	free(base);
	free(png);
	close_design(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_shipped),
		cmocka_unit_test(test_golden_fixtures),
		cmocka_unit_test(test_golden_scenario_circuit_down),
		cmocka_unit_test(test_golden_scenario_branch_down),
		cmocka_unit_test(test_deterministic_baseline),
		cmocka_unit_test(test_deterministic_scenario),
		cmocka_unit_test(test_svg_self_contained),
		cmocka_unit_test(test_scenario_reuses_layout),
		cmocka_unit_test(test_scenario_circuit_down_svg),
		cmocka_unit_test(test_legend),
		cmocka_unit_test(test_legend_compact),
		cmocka_unit_test(test_mermaid_fence),
		cmocka_unit_test(test_scenario_unreachable_prefix),
		cmocka_unit_test(test_scenario_png),
		cmocka_unit_test(test_scenario_unknown),
		cmocka_unit_test(test_no_simulation),
		cmocka_unit_test(test_hostile_strings_svg),
		cmocka_unit_test(test_hostile_strings_dot),
		cmocka_unit_test(test_hostile_strings_mermaid),
		cmocka_unit_test(test_mermaid_shape),
		cmocka_unit_test(test_large_design),
		cmocka_unit_test(test_shared_circuit_links_once),
		cmocka_unit_test(test_route_server),
		cmocka_unit_test(test_few_branches_not_grouped),
		cmocka_unit_test(test_every_scenario_dot),
		cmocka_unit_test(test_restyled_svg_is_graphviz_svg),
		cmocka_unit_test(test_plain_graphviz),
		cmocka_unit_test(test_format_names),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}

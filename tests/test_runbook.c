/*
 * Unit tests for gen/5-render/runbook.c (the golden Markdown and the HTML checks
 * are in tests/runbook.test.sh).  The HTML page is rendered around a
 * marker and the body written in its place: a page template that uses
 * the body twice, escaped, or not at all must still get it as a value,
 * and no marker may leak.  A test procedure without a diagram of its
 * own must not show the topology's (a Mustache lookup falls through to
 * the enclosing context).
 */
#include "testutil.h"

#include <sys/stat.h>

#include <unistd.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/mustache.h"
#include "hybridoc/procedure.h"
#include "hybridoc/runbook.h"
#include "hybridoc/shell.h"
#include "hybridoc/value.h"
#include "hybridoc/view.h"
#include "hybridoc/xalloc.h"

#define DESIGN	"designs/contoso-eastus.yaml"
#define MARK	"\001hybridoc-body\001"

/* The runbook of design with templates from dir (NULL: built-in). */
static char *
runbook_of(const char *design, const char *dir, int html)
{
	struct analysis	 a;
	struct diags	 d;
	struct diagram	*dg;
	struct tmpl_set	*ts;
	struct buf	 out = BUF_INIT;

	diags_init(&d);
	if (!analysis_run(&a, design, 0, &d))
		fail_msg("%s does not load", design);
	ts = runbook_templates(dir);
	dg = diagram_new(a.dsn, a.sim, DIAGRAM_SUMMARY);
	if (!runbook_render(&a, dg, html, ts, &out, &d)) {
		diags_print(&d, stderr, 0);
		fail_msg("runbook_render failed");
	}
	diagram_free(dg);
	tmpl_set_free(ts);
	analysis_release(&a);
	diags_release(&d);
	return buf_detach(&out, NULL);
}

static char *
runbook(const char *dir, int html)
{
	return runbook_of(DESIGN, dir, html);
}

/* A folder holding runbook.html.mustache with text; freed by the caller. */
static char *
page_template(const char *text)
{
	char	*dir = xstrdup("/tmp/hybridoc-test-runbook.XXXXXX"), *path;
	FILE	*fp;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/runbook.html.mustache", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	free(path);
	return dir;
}

static void
remove_template(char *dir)
{
	char	*path = xasprintf("%s/runbook.html.mustache", dir);

	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

/*
 * The built-in page: the body once, in <main>, no marker left; then the
 * wiki's script, inline (runbook.test.sh checks it is site.js).
 */
static void
test_page_body_in_place(void **state)
{
	char	*h;

	(void)state;
	h = runbook(NULL, 1);
	assert_null(strstr(h, MARK));
	assert_int_equal(count(h, "<main class=\"doc runbook\">\n<h1 id="), 1);
	assert_int_equal(count(h, "<h2 id=\"topology\">"), 1);
	assert_non_null(strstr(h, "</main>\n<script>\n"));
	assert_non_null(strstr(h, "</script>\n</body>\n</html>"));
	free(h);
}

/*
 * The quick card comes before everything else but the title: a line per
 * single failure with what moves where, the capacity and detection
 * time, and a link to the test's stable anchor, which exists.
 */
static void
test_quick_card_first(void **state)
{
	char	*m, *card, *meta, *sum;

	(void)state;
	m = runbook(NULL, 0);
	card = strstr(m, "\n## Quick card\n");
	meta = strstr(m, "\n| Field | Value |\n");
	sum = strstr(m, "\n## Summary\n");
	assert_non_null(card);
	assert_non_null(meta);
	assert_non_null(sum);
	assert_true(strstr(m, "\n## ") == card);
	assert_true(card < meta && meta < sum);
	assert_non_null(strstr(card, "- **Circuit er-eus-equinix-dc fails**: "
	    "10.100.0.0/16 (HQ) moves to the VPN; capacity "));
	assert_non_null(strstr(card, "[Test 1](#test-disable-peering-er-eus-"
	    "equinix-dc)\n"));
	assert_non_null(strstr(m, "<div id=\"test-disable-peering-er-eus-"
	    "equinix-dc\"></div>\n\n### Test 1: "));
	/* a link of the circuit keeps the path */
	assert_non_null(strstr(card, "- **Primary link of circuit "
	    "er-eus-equinix-dc fails**: 10.100.0.0/16 (HQ) stays on "
	    "ExpressRoute over er-eus-equinix-dc with less redundancy"));
	assert_non_null(strstr(m, "\n## Contents\n"));
	free(m);
}

/* Every href="#x" of the page names an element with id="x". */
static void
assert_links_resolve(const char *h)
{
	const char	*p = h, *e;
	size_t		 n = 0;
	char		*id;

	while ((p = strstr(p, "href=\"#")) != NULL) {
		p += 7;
		e = strchr(p, '"');
		assert_non_null(e);
		id = xasprintf("id=\"%.*s\"", (int)(e - p), p);
		if (strstr(h, id) == NULL)
			fail_msg("no element %s", id);
		free(id);
		n++;
	}
	assert_true(n > 20);
}

/* The card's and the matrix's links land on an element of the page. */
static void
test_in_page_links_resolve(void **state)
{
	char	*h;

	(void)state;
	h = runbook(NULL, 1);
	assert_links_resolve(h);
	/* each matrix row that has a test links it */
	assert_int_equal(count(h, "<td><a href=\"#test-"), 15);
	free(h);
	h = runbook_of("designs/fabrikam-max-resiliency.yaml", NULL, 1);
	assert_links_resolve(h);
	free(h);
}

/*
 * At depth 2 (fabrikam) the card, the matrix and the tests fold into
 * <details> groups, balanced, which reach the HTML; a small design at
 * depth 1 (contoso) folds nothing.
 */
static void
test_long_material_folds(void **state)
{
	char	*m, *h;

	(void)state;
	m = runbook_of("designs/fabrikam-max-resiliency.yaml", NULL, 0);
	assert_true(count(m, "\n<details") >= 10);
	assert_int_equal(count(m, "\n<details"), count(m, "\n</details>"));
	assert_non_null(strstr(m, "<summary>Two failures at once: "));
	free(m);
	h = runbook_of("designs/fabrikam-max-resiliency.yaml", NULL, 1);
	*strstr(h, "</main>\n<script>") = '\0';	/* the page, not its script */
	assert_int_equal(count(h, "<details"), count(h, "</details>"));
	assert_true(count(h, "<summary>") >= 10);
	assert_null(strstr(h, "raw HTML omitted"));
	free(h);
	m = runbook(NULL, 0);
	assert_null(strstr(m, "<details"));
	free(m);
}

/* Numbers become words: no "(s)", no "0 static", no repeated ASN. */
static void
test_wording_from_numbers(void **state)
{
	static const char *const designs[] = { "designs/contoso-eastus.yaml",
	    "designs/fabrikam-max-resiliency.yaml",
	    "designs/northwind-branches.yaml" };
	static const char *const never[] = { "(s)", " 0 static",
	    "path for 0 ", "subscription ,", "AS 65100, 65100",
	    " 0 error", " 0 warning" };
	size_t	 i, j;
	char	*m;

	(void)state;
	for (i = 0; i < sizeof(designs) / sizeof(designs[0]); i++) {
		m = runbook_of(designs[i], NULL, 0);
		for (j = 0; j < sizeof(never) / sizeof(never[0]); j++)
			if (strstr(m, never[j]) != NULL)
				fail_msg("%s: \"%s\"", designs[i], never[j]);
		free(m);
	}
	m = runbook(NULL, 0);
	assert_non_null(strstr(m, "The checks found **no errors** and "
	    "**1 warning**"));
	free(m);
}

/* Accepted findings of one rule and reason are one row. */
static void
test_suppressed_grouped(void **state)
{
	char	*m, *acc;

	(void)state;
	m = runbook_of("designs/northwind-branches.yaml", NULL, 0);
	acc = strstr(m, "Accepted (suppressed in the design):");
	assert_non_null(acc);
	assert_int_equal(count(acc, "\n| [HD602]"), 1);
	assert_non_null(strstr(acc, "| 16 findings alike, one per object; "
	    "the first: site branch-milwaukee: "));
	assert_non_null(strstr(acc, "sites.branch-milwaukee, "
	    "sites.branch-madison, "));
	free(m);
}

/* A page that shows the body twice gets it twice. */
static void
test_page_body_twice(void **state)
{
	char	*dir, *h;

	(void)state;
	dir = page_template("[{{{body}}}][{{{body}}}]\n");
	h = runbook(dir, 1);
	assert_null(strstr(h, MARK));
	assert_int_equal(count(h, "<h2 id=\"topology\">"), 2);
	assert_int_equal(h[0], '[');
	free(h);
	remove_template(dir);
}

/* A page that escapes the body gets it escaped, not raw. */
static void
test_page_body_escaped(void **state)
{
	char	*dir, *h;

	(void)state;
	dir = page_template("<pre>{{body}}</pre>\n");
	h = runbook(dir, 1);
	assert_null(strstr(h, MARK));
	assert_null(strstr(h, "<h2 id="));
	assert_non_null(strstr(h, "&lt;h2 id=&quot;topology&quot;&gt;"));
	free(h);
	remove_template(dir);
}

/* A page without the body is just the page. */
static void
test_page_without_body(void **state)
{
	char	*dir, *h;

	(void)state;
	dir = page_template("<p>{{name}}</p>\n");
	h = runbook(dir, 1);
	assert_string_equal(h, "<p>contoso-eastus</p>\n");
	free(h);
	remove_template(dir);
}

/*
 * Tests without a scenario diagram (a tunnel that moves no route) show
 * no picture: the topology's Mermaid block appears once, in Topology.
 */
static void
test_test_without_diagram_has_none(void **state)
{
	char	*md, *h;

	(void)state;
	md = runbook(NULL, 0);
	assert_int_equal(count(md, "%% hybridoc diagram: contoso-eastus · "
	    "baseline"), 1);
	free(md);
	h = runbook(NULL, 1);
	assert_int_equal(count(h, "id=\"hd_contoso_eastus\" class=\"graph\""),
	    1);
	free(h);
}

/*
 * The runbook builds and renders one test at a time (procset_test_of,
 * lazy lists): for every shipped design the records are those of
 * procset_tests() building them all, and the Markdown is what the
 * whole view gives, tests and matrix rows made at once.
 */
static void
test_tests_one_at_a_time(void **state)
{
	static const char *const designs[] = { "designs/contoso-eastus.yaml",
	    "designs/fabrikam-max-resiliency.yaml",
	    "designs/northwind-branches.yaml" };
	struct analysis	 a;
	struct diags	 d;
	struct procset	*set;
	struct value	*all, *v;
	struct view_opts o;
	struct tmpl_set	*ts;
	const struct tmpl *t;
	struct buf	 one = BUF_INIT, whole = BUF_INIT;
	size_t		 i;
	char		*md;

	(void)state;
	for (i = 0; i < sizeof(designs) / sizeof(designs[0]); i++) {
		diags_init(&d);
		if (!analysis_run(&a, designs[i], 0, &d))
			fail_msg("%s does not load", designs[i]);
		set = procset_tests(&a);
		all = procset_value(set);
		/* The view quotes the placeholders (new user 19 item 10). */
		shell_quote_holes_tree(all);
		v = view_procedures(&a);
		buf_truncate(&one, 0);
		buf_truncate(&whole, 0);
		value_to_json(&one, value_map_get(v, "procedures"), 2);
		value_to_json(&whole, all, 2);
		assert_true(set->n > 0);
		assert_string_equal(buf_cstr(&one), buf_cstr(&whole));
		value_free(v);
		value_free(all);
		procset_free(set);
		/* the Markdown from the view made whole (no diagrams) */
		buf_truncate(&whole, 0);
		ts = runbook_templates(NULL);
		memset(&o, 0, sizeof(o));
		o.layout = 1;
		for (o.lazy = 0; o.lazy < 2; o.lazy++) {
			v = view_runbook(&a, &o);
			t = tmpl_set_get(ts, "runbook.md.mustache", &d);
			assert_non_null(t);
			assert_true(tmpl_render(t, ts, v, TMPL_ESC_MARKDOWN,
			    o.lazy ? &one : &whole, &d));
			value_free(v);
			if (!o.lazy)
				buf_truncate(&one, 0);
		}
		assert_true(whole.len > 1000);
		assert_string_equal(buf_cstr(&one), buf_cstr(&whole));
		tmpl_set_free(ts);
		analysis_release(&a);
		diags_release(&d);
	}
	md = runbook_of(designs[2], NULL, 0);
	assert_non_null(strstr(md, "## Failover test procedures"));
	free(md);
	buf_release(&one);
	buf_release(&whole);
}

static const char *const shipped[] = { "designs/contoso-eastus.yaml",
    "designs/fabrikam-max-resiliency.yaml",
    "designs/northwind-branches.yaml" };

/*
 * Calls fn on each failover test of design's runbook, the test's
 * section NUL-terminated (up to the next test or the unplanned
 * chapter), with design and arg.  Returns how many tests it saw.
 */
static size_t
each_test(const char *design, void (*fn)(char *t, const char *design,
    void *arg), void *arg)
{
	size_t		 ntests = 0;
	char		*m, *t, *end, *stop;

	m = runbook_of(design, NULL, 0);
	stop = strstr(m, "\n## When something fails");
	assert_non_null(stop);
	for (t = strstr(m, "\n### Test "); t != NULL && t < stop; t = end) {
		end = strstr(t + 1, "\n### Test ");
		if (end == NULL || end > stop)
			end = stop;
		*end = '\0';
		ntests++;
		fn(t, design, arg);
		*end = '\n';
	}
	free(m);
	return ntests;
}

/* One test's section read as test_each_command_once_per_test says. */
static void
command_once(char *t, const char *design, void *arg)
{
	size_t		*nrows = arg;
	char		*l, *e, *x;

	*nrows += count(t, "\n| 1 | ");
	/* every line inside a fence, once */
	for (l = strstr(t, "```sh\n"); l != NULL; l = strstr(e, "```sh\n")) {
		l += 6;
		e = strchr(l, '\n');
		*e = '\0';
		x = strstr(e + 1, l);
		if (x != NULL)
			fail_msg("%s: a command twice in one test: %s", design,
			    l);
		*e = '\n';
	}
	x = strstr(t, "**Go/no-go.**");
	if (x != NULL)
		assert_non_null(strstr(x, "otherwise stop here.\n\n| # | "
		    "Check | Where to see it | Expected |\n|---|"));
}

/*
 * Each test says each read-only command once: within a test, no line
 * of a command block repeats, and its go/no-go checks and expectations
 * are table rows naming their command by label (review of the 200-site
 * runbook: three quarters of its bytes were repeated commands).
 */
static void
test_each_command_once_per_test(void **state)
{
	size_t		 i, ntests, nrows;

	(void)state;
	for (i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
		nrows = 0;
		ntests = each_test(shipped[i], command_once, &nrows);
		assert_true(ntests >= 2);
		assert_true(nrows >= ntests);
	}
}

/* One test's section read as test_rollback_checks_after_rollback says. */
static void
after_rollback(char *t, const char *design, void *arg)
{
	size_t		*nafter = arg;
	char		*ex, *hold, *rb, *after, *x;

	(void)design;
	rb = strstr(t, "\n**Rollback.**");
	after = strstr(t, "\n**After the rollback.**");
	x = strstr(t, "| After the rollback: ");
	if (rb == NULL) {
		assert_null(after);
		return;
	}
	ex = strstr(t, "\n**Expected**");
	hold = strstr(t, "\n**Hold, then roll back.**");
	assert_non_null(ex);
	assert_non_null(hold);
	assert_true(ex < hold && hold < rb);
	if (x != NULL) {
		assert_non_null(after);
		assert_true(rb < after && after < x);
		(*nafter)++;
	}
}

/*
 * The order an engineer reads a test in (new user 19 #7): what holds
 * during the failure, when to end it ("Hold, then roll back"), abort,
 * the rollback, and only then the checks that prove the paths are
 * back; no "After the rollback:" row above the rollback.
 */
static void
test_rollback_checks_after_rollback(void **state)
{
	size_t		 i, nafter;

	(void)state;
	for (i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
		nafter = 0;
		each_test(shipped[i], after_rollback, &nafter);
		assert_true(nafter > 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_body_in_place),
		cmocka_unit_test(test_quick_card_first),
		cmocka_unit_test(test_in_page_links_resolve),
		cmocka_unit_test(test_long_material_folds),
		cmocka_unit_test(test_wording_from_numbers),
		cmocka_unit_test(test_suppressed_grouped),
		cmocka_unit_test(test_page_body_twice),
		cmocka_unit_test(test_page_body_escaped),
		cmocka_unit_test(test_page_without_body),
		cmocka_unit_test(test_test_without_diagram_has_none),
		cmocka_unit_test(test_tests_one_at_a_time),
		cmocka_unit_test(test_each_command_once_per_test),
		cmocka_unit_test(test_rollback_checks_after_rollback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

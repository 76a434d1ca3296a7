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
#include "hybridoc/runbook.h"
#include "hybridoc/xalloc.h"

#define DESIGN	"designs/contoso-eastus.yaml"
#define MARK	"\001hybridoc-body\001"

/* The runbook of DESIGN with templates from dir (NULL: built-in). */
static char *
runbook(const char *dir, int html)
{
	struct analysis	 a;
	struct diags	 d;
	struct diagram	*dg;
	struct tmpl_set	*ts;
	struct buf	 out = BUF_INIT;

	diags_init(&d);
	if (!analysis_run(&a, DESIGN, 0, &d))
		fail_msg("%s does not load", DESIGN);
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

/* The built-in page: the body once, in <main>, no marker left. */
static void
test_page_body_in_place(void **state)
{
	char	*h;

	(void)state;
	h = runbook(NULL, 1);
	assert_null(strstr(h, MARK));
	assert_int_equal(count(h, "<main class=\"doc runbook\">\n<h1 id="), 1);
	assert_int_equal(count(h, "<h2 id=\"topology\">"), 1);
	assert_non_null(strstr(h, "</main>\n</body>\n</html>"));
	free(h);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_body_in_place),
		cmocka_unit_test(test_page_body_twice),
		cmocka_unit_test(test_page_body_escaped),
		cmocka_unit_test(test_page_without_body),
		cmocka_unit_test(test_test_without_diagram_has_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

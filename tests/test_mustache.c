/*
 * Unit tests for gen/5-render/mustache.c.  The first test runs every case of the
 * official Mustache specification (tests/mustache-spec, or
 * $MUSTACHE_SPEC_DIR), loaded through our own YAML loader, with HTML
 * escaping, and names each failing case by file and name.  The rest pin
 * what the specification leaves open or what hybridoc adds: error
 * positions, Markdown escaping, the partial and nesting caps, nested
 * partial indentation and compiling once for many renders.
 */
#include "testutil.h"

#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/load.h"
#include "hybridoc/mustache.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

#define SPEC_CASES	136

static const char *const spec_files[] = {
	"comments.yml", "delimiters.yml", "interpolation.yml",
	"inverted.yml", "partials.yml", "sections.yml"
};

/* A YAML text as a value tree; fails the test when it does not load. */
static struct value *
yaml(const char *text)
{
	struct diags	 d;
	struct value	*v = NULL;

	diags_init(&d);
	if (!load_yaml("test.yaml", text, strlen(text), &v, &d)) {
		diags_print(&d, stderr, 0);
		diags_release(&d);
		fail_msg("test YAML does not load: %s", text);
	}
	diags_release(&d);
	return v;
}

/* Appends a scalar's text; 0 for a list or map. */
static int
scalar(struct buf *out, const struct value *v)
{
	if (v == NULL || v->kind == VALUE_LIST || v->kind == VALUE_MAP)
		return 0;
	value_scalar_text(out, v);
	return 1;
}

/* Lookup over a map of name -> template text (the spec's partials). */
static int
map_lookup(void *arg, const char *name, struct buf *text, struct buf *file,
    struct diags *d)
{
	(void)d;
	if (!scalar(text, value_map_get(arg, name)))
		return 0;
	buf_printf(file, "%s.mustache", name);
	return 1;
}

/* Counts calls, then does map_lookup. */
struct counting {
	const struct value	*map;
	int			 calls;
};

static int
counting_lookup(void *arg, const char *name, struct buf *text,
    struct buf *file, struct diags *d)
{
	struct counting	*c = arg;

	c->calls++;
	return map_lookup((void *)c->map, name, text, file, d);
}

/*
 * Compiles tmpl_text, renders it against the YAML data with partials
 * from the YAML map partials (may be NULL) and returns the output (caller
 * frees), or NULL when compiling or rendering fails; d collects the
 * messages.
 */
static char *
render(const char *tmpl_text, const char *data, const char *partials,
    enum tmpl_escape esc, struct diags *d)
{
	struct value	*dv, *pv;
	struct tmpl	*t;
	struct tmpl_set	*ts;
	struct buf	 out = BUF_INIT;
	char		*res = NULL;

	dv = yaml(data);
	pv = partials ? yaml(partials) : value_new_map();
	ts = tmpl_set_new(map_lookup, pv);
	t = tmpl_compile("t.mustache", tmpl_text, strlen(tmpl_text), d);
	if (t != NULL && tmpl_render(t, ts, dv, esc, &out, d))
		res = buf_detach(&out, NULL);
	buf_release(&out);
	tmpl_free(t);
	tmpl_set_free(ts);
	value_free(pv);
	value_free(dv);
	return res;
}

/* Renders and compares; fails with the diagnostics when it errs. */
static void
check(const char *tmpl_text, const char *data, const char *partials,
    enum tmpl_escape esc, const char *want)
{
	struct diags	 d;
	char		*got;

	diags_init(&d);
	got = render(tmpl_text, data, partials, esc, &d);
	if (got == NULL) {
		diags_print(&d, stderr, 0);
		diags_release(&d);
		fail_msg("template \"%s\" failed", tmpl_text);
	}
	diags_release(&d);
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "template: \"%s\"\nwant: \"%s\"\ngot:  \"%s\"\n",
		    tmpl_text, want, got);
		free(got);
		fail_msg("output differs");
	}
	free(got);
}

/*
 * Compiles text, expects failure with a first error at line:col whose
 * message contains msg.
 */
static void
check_error(const char *text, unsigned line, unsigned col, const char *msg)
{
	struct diags	 d;
	struct tmpl	*t;

	diags_init(&d);
	t = tmpl_compile("bad.mustache", text, strlen(text), &d);
	if (t != NULL) {
		tmpl_free(t);
		fail_msg("\"%s\" compiled", text);
	}
	if (diags_errors(&d) == 0)
		fail_msg("\"%s\" failed without an error", text);
	if (d.v[0].file == NULL || strcmp(d.v[0].file, "bad.mustache") != 0 ||
	    d.v[0].mark.line != line || d.v[0].mark.col != col ||
	    strstr(d.v[0].msg, msg) == NULL) {
		diags_print(&d, stderr, 0);
		diags_release(&d);
		fail_msg("\"%s\": want bad.mustache:%u:%u: ...%s...", text,
		    line, col, msg);
	}
	assert_int_equal(d.v[0].level, DIAG_ERROR);
	diags_release(&d);
}

static const char *
spec_dir(void)
{
	const char	*e = getenv("MUSTACHE_SPEC_DIR");

	return e != NULL && *e != '\0' ? e : "tests/mustache-spec";
}

/* Runs one spec case; returns non-zero when it passes. */
static int
spec_case(const char *file, const struct value *c)
{
	const struct value	*name, *data, *tmpl_v, *partials, *expected;
	struct buf		 text = BUF_INIT, want = BUF_INIT, out = BUF_INIT;
	struct diags		 d;
	struct tmpl		*t = NULL;
	struct tmpl_set		*ts;
	int			 pass = 0;

	name = value_map_get(c, "name");
	data = value_map_get(c, "data");
	tmpl_v = value_map_get(c, "template");
	partials = value_map_get(c, "partials");
	expected = value_map_get(c, "expected");
	diags_init(&d);
	ts = tmpl_set_new(map_lookup, (void *)partials);
	if (!scalar(&text, tmpl_v) || !scalar(&want, expected)) {
		fprintf(stderr, "spec %s: %s: no template or expected\n",
		    file, name ? name->str : "?");
		goto out;
	}
	t = tmpl_compile("template", text.ptr ? text.ptr : "", text.len, &d);
	if (t == NULL ||
	    !tmpl_render(t, ts, data, TMPL_ESC_HTML, &out, &d) ||
	    diags_errors(&d) != 0) {
		fprintf(stderr, "FAIL %s: %s: error\n", file,
		    name ? name->str : "?");
		diags_print(&d, stderr, 0);
		goto out;
	}
	if (out.len != want.len ||
	    memcmp(buf_cstr(&out), buf_cstr(&want), want.len) != 0) {
		fprintf(stderr, "FAIL %s: %s\n  template: \"%s\"\n"
		    "  want: \"%s\"\n  got:  \"%s\"\n", file,
		    name ? name->str : "?", buf_cstr(&text),
		    buf_cstr(&want), buf_cstr(&out));
		goto out;
	}
	pass = 1;
out:
	tmpl_free(t);
	tmpl_set_free(ts);
	diags_release(&d);
	buf_release(&text);
	buf_release(&want);
	buf_release(&out);
	return pass;
}

static void
test_spec(void **state)
{
	struct diags		 d;
	struct value		*root;
	const struct value	*tests;
	char			*path, *data;
	size_t			 len, i, f, total = 0, passed = 0;

	(void)state;
	for (f = 0; f < sizeof(spec_files) / sizeof(spec_files[0]); f++) {
		diags_init(&d);
		path = xasprintf("%s/%s", spec_dir(), spec_files[f]);
		root = NULL;
		if (!load_file(path, &data, &len, &d)) {
			diags_print(&d, stderr, 0);
			fail_msg("cannot read %s (set MUSTACHE_SPEC_DIR)",
			    path);
		}
		if (!load_yaml(path, data, len, &root, &d)) {
			diags_print(&d, stderr, 0);
			fail_msg("cannot load %s", path);
		}
		free(data);
		tests = value_map_get(root, "tests");
		if (tests == NULL || tests->kind != VALUE_LIST)
			fail_msg("%s: no tests list", path);
		for (i = 0; i < tests->n; i++) {
			total++;
			passed += (size_t)spec_case(spec_files[f],
			    tests->items[i]);
		}
		value_free(root);
		free(path);
		diags_release(&d);
	}
	printf("mustache spec: %zu of %zu cases passed\n", passed, total);
	assert_int_equal(total, SPEC_CASES);
	assert_int_equal(passed, total);
}

/* Errors: each kind with the position of its tag. */

static void
test_error_unclosed_section(void **state)
{
	(void)state;
	check_error("a\n  {{#items}}\nx\n", 2, 3,
	    "unclosed section \"items\"");
}

static void
test_error_unclosed_inner_section(void **state)
{
	(void)state;
	/* The innermost open section is reported first. */
	check_error("{{#a}}{{^b}}\n", 1, 7, "unclosed section \"b\"");
}

static void
test_error_mismatched_close(void **state)
{
	(void)state;
	check_error("{{#a}}\n\n x {{/b}}\n", 3, 4,
	    "close tag \"b\" does not match section \"a\" opened at line 1, "
	    "column 1");
}

static void
test_error_close_without_open(void **state)
{
	(void)state;
	check_error("x\n{{/a}}", 2, 1, "close tag \"a\" without an open");
}

static void
test_error_unclosed_tag(void **state)
{
	(void)state;
	check_error("line one\nab {{name\n", 2, 4, "unclosed tag");
}

static void
test_error_unclosed_triple(void **state)
{
	(void)state;
	check_error("{{{name}}", 1, 1, "unclosed tag");
}

static void
test_error_unclosed_custom_delims(void **state)
{
	(void)state;
	check_error("{{=<% %>=}}\n<% a }}", 2, 1, "unclosed tag");
}

static void
test_error_bad_delims_one(void **state)
{
	(void)state;
	check_error("ok\n  {{=| =}}", 2, 3, "bad set-delimiter tag");
}

static void
test_error_bad_delims_three(void **state)
{
	(void)state;
	check_error("{{=a b c=}}", 1, 1, "bad set-delimiter tag");
}

static void
test_error_bad_delims_equals(void **state)
{
	(void)state;
	check_error("{{=a= b=}}", 1, 1, "bad set-delimiter tag");
}

static void
test_error_bad_delims_long(void **state)
{
	(void)state;
	check_error("{{=<<<<<<<<<<<<<<<<<< >>=}}", 1, 1, "longer than 16");
}

static void
test_error_empty_name(void **state)
{
	(void)state;
	check_error("a {{ }}", 1, 3, "empty tag name");
}

static void
test_error_name_with_space(void **state)
{
	(void)state;
	check_error("{{#a b}}{{/a b}}", 1, 1, "contains white space");
}

static void
test_error_empty_dotted_part(void **state)
{
	(void)state;
	check_error("{{a..b}}", 1, 1, "empty part");
}

static void
test_error_all_reported(void **state)
{
	struct diags	 d;
	const char	*text = "{{/x}}\n{{a..b}}\n{{#open}}";

	(void)state;
	diags_init(&d);
	assert_null(tmpl_compile("bad.mustache", text, strlen(text), &d));
	assert_int_equal(diags_errors(&d), 3);
	assert_int_equal(d.v[1].mark.line, 2);
	assert_int_equal(d.v[2].mark.line, 3);
	diags_release(&d);
}

/* Section nesting: 64 open at once compile; 65 is an error. */
static char *
nested_sections(int n)
{
	struct buf	 b = BUF_INIT;
	int		 i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "{{#a}}");
	buf_puts(&b, "{{x}}");
	for (i = 0; i < n; i++)
		buf_printf(&b, "{{/a}}");
	return buf_detach(&b, NULL);
}

static void
test_nesting_cap_ok(void **state)
{
	char	*text = nested_sections(TMPL_MAX_NEST);

	(void)state;
	check(text, "{a: true, x: deep}", NULL, TMPL_ESC_HTML, "deep");
	free(text);
}

static void
test_nesting_cap_error(void **state)
{
	char	*text = nested_sections(TMPL_MAX_NEST + 1);

	(void)state;
	check_error(text, 1, 6 * TMPL_MAX_NEST + 1,
	    "sections nested deeper than 64");
	free(text);
}

/* Partials: the recursion cap. */

static struct value *
node_chain(int depth)
{
	struct value	*root = value_new_map(), *v = root, *list, *child;
	int		 i;

	value_map_int(root, "n", 0);
	for (i = 0; i < depth; i++) {
		list = value_map_put(v, "nodes", value_new_list());
		child = value_list_push(list, value_new_map());
		value_map_int(child, "n", i + 1);
		v = child;
	}
	/* Else the leaf's {{#nodes}} would find its parent's list. */
	value_map_put(v, "nodes", value_new_list());
	return root;
}

/* Renders "{{>node}}" over a chain depth deep; the output or NULL. */
static char *
render_chain(int depth, struct diags *d)
{
	struct value	*data = node_chain(depth);
	struct value	*parts;
	struct tmpl_set	*ts;
	const struct tmpl *t;
	struct buf	 out = BUF_INIT;
	char		*res = NULL;

	parts = yaml("top: '{{>node}}'\n"
	    "node: '{{n}}<{{#nodes}}{{>node}}{{/nodes}}>'\n");
	ts = tmpl_set_new(map_lookup, parts);
	t = tmpl_set_get(ts, "top", d);
	assert_non_null(t);
	buf_puts(&out, "kept");
	if (tmpl_render(t, ts, data, TMPL_ESC_HTML, &out, d))
		res = buf_detach(&out, NULL);
	else
		assert_string_equal(buf_cstr(&out), "kept");
	buf_release(&out);
	tmpl_set_free(ts);
	value_free(parts);
	value_free(data);
	return res;
}

static void
test_partial_recursion_ok(void **state)
{
	struct diags	 d;
	char		*got;

	(void)state;
	diags_init(&d);
	/* top + 64 nested "node" partials. */
	got = render_chain(TMPL_MAX_PARTIAL_DEPTH - 1, &d);
	assert_non_null(got);
	assert_int_equal(diags_errors(&d), 0);
	assert_memory_equal(got, "kept0<1<2<", 10);
	free(got);
	diags_release(&d);
}

static void
test_partial_recursion_cap(void **state)
{
	struct diags	 d;

	(void)state;
	diags_init(&d);
	assert_null(render_chain(TMPL_MAX_PARTIAL_DEPTH, &d));
	assert_int_equal(diags_errors(&d), 1);
	assert_string_equal(d.v[0].file, "node.mustache");
	assert_int_equal(d.v[0].mark.line, 1);
	assert_int_equal(d.v[0].mark.col, 17);
	assert_non_null(strstr(d.v[0].msg, "partials nested deeper than 64"));
	diags_release(&d);
}

static void
test_partial_self_loop(void **state)
{
	struct diags	 d;

	(void)state;
	diags_init(&d);
	assert_null(render("a{{>p}}", "{}", "p: 'x{{>p}}'", TMPL_ESC_HTML,
	    &d));
	assert_int_equal(diags_errors(&d), 1);
	diags_release(&d);
}

static void
test_partial_nested_indent(void **state)
{
	(void)state;
	/* Standalone partials inside standalone partials add up. */
	check("  {{>a}}\nend\n", "{}",
	    "a: \"x\\n  {{>b}}\\ny\\n\"\nb: \"1\\n2\\n\"\n",
	    TMPL_ESC_HTML, "  x\n    1\n    2\n  y\nend\n");
}

static void
test_partial_inline_in_indented(void **state)
{
	(void)state;
	/* An inline partial inside an indented one is not indented. */
	check("  {{>a}}\n", "{}", "a: \"x {{>b}}\\n\"\nb: \"1\\n2\"\n",
	    TMPL_ESC_HTML, "  x 1\n2\n");
}

static void
test_partial_indent_section_lines(void **state)
{
	(void)state;
	/* Lines of a list section are indented once per item. */
	check("  {{>p}}\n", "{l: [a, b]}",
	    "p: \"{{#l}}\\n- {{.}}\\n{{/l}}\\n\"\n", TMPL_ESC_HTML,
	    "  - a\n  - b\n");
}

static void
test_partial_missing_warns(void **state)
{
	struct diags	 d;
	char		*got;

	(void)state;
	diags_init(&d);
	got = render("[{{>nope}}{{>nope}}]", "{}", NULL, TMPL_ESC_HTML, &d);
	assert_string_equal(got, "[]");
	assert_int_equal(diags_errors(&d), 0);
	/* One warning per set, at the first tag. */
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].level, DIAG_WARNING);
	assert_int_equal(d.v[0].mark.col, 2);
	free(got);
	diags_release(&d);
}

static void
test_partial_broken(void **state)
{
	struct diags	 d;

	(void)state;
	diags_init(&d);
	assert_null(render("a\n{{>p}}", "{}", "p: \"x\\n{{#s}}\"",
	    TMPL_ESC_HTML, &d));
	assert_true(diags_errors(&d) >= 2);
	/* The partial's own error names the partial's file. */
	assert_string_equal(d.v[0].file, "p.mustache");
	assert_int_equal(d.v[0].mark.line, 2);
	diags_release(&d);
}

static void
test_set_get_missing(void **state)
{
	struct diags	 d;
	struct value	*m = value_new_map();
	struct tmpl_set	*ts = tmpl_set_new(map_lookup, m);

	(void)state;
	diags_init(&d);
	assert_null(tmpl_set_get(ts, "nope", &d));
	assert_int_equal(diags_errors(&d), 1);
	assert_non_null(strstr(d.v[0].msg, "nope"));
	tmpl_set_free(ts);
	value_free(m);
	diags_release(&d);
}

/* Compile once, render many times, partials compiled once per set. */
static void
test_compile_once_render_twice(void **state)
{
	struct diags	 d;
	struct counting	 cnt;
	struct value	*parts, *d1, *d2;
	struct tmpl_set	*ts;
	const struct tmpl *t, *again;
	struct buf	 out = BUF_INIT;

	(void)state;
	diags_init(&d);
	parts = yaml("page: \"# {{title}}\\n{{#sites}}{{>row}}{{/sites}}\"\n"
	    "row: \"| {{name}} | {{asn}} |\\n\"\n");
	d1 = yaml("{title: One, sites: [{name: a, asn: 65001}, "
	    "{name: b, asn: 65002}]}");
	d2 = yaml("{title: Two, sites: [{name: 'c|d', asn: 1.5}]}");
	cnt.map = parts;
	cnt.calls = 0;
	ts = tmpl_set_new(counting_lookup, &cnt);
	t = tmpl_set_get(ts, "page", &d);
	assert_non_null(t);
	assert_string_equal(tmpl_name(t), "page.mustache");
	again = tmpl_set_get(ts, "page", &d);
	assert_ptr_equal(t, again);

	assert_true(tmpl_render(t, ts, d1, TMPL_ESC_MARKDOWN, &out, &d));
	assert_string_equal(buf_cstr(&out),
	    "# One\n| a | 65001 |\n| b | 65002 |\n");
	buf_truncate(&out, 0);
	assert_true(tmpl_render(t, ts, d2, TMPL_ESC_MARKDOWN, &out, &d));
	assert_string_equal(buf_cstr(&out), "# Two\n| c\\|d | 1.5 |\n");
	/* "page" and "row", each looked up once. */
	assert_int_equal(cnt.calls, 2);
	assert_int_equal(d.n, 0);

	buf_release(&out);
	tmpl_set_free(ts);
	value_free(parts);
	value_free(d1);
	value_free(d2);
	diags_release(&d);
}

static void
test_compiled_ops(void **state)
{
	struct diags	 d;
	struct tmpl	*t;
	const char	*text = "a{{b}}c{{#d}}e{{/d}}";

	(void)state;
	diags_init(&d);
	t = tmpl_compile("x", text, strlen(text), &d);
	assert_non_null(t);
	/* text, var, text, section, text, end */
	assert_int_equal(tmpl_nops(t), 6);
	tmpl_free(t);
	diags_release(&d);
}

/* Escaping. */

static void
test_html_quotes(void **state)
{
	(void)state;
	check("{{q}}|{{{q}}}|{{&q}}", "{q: \"<a href='x' t=\\\"y\\\">&\"}",
	    NULL, TMPL_ESC_HTML,
	    "&lt;a href=&#39;x&#39; t=&quot;y&quot;&gt;&amp;|"
	    "<a href='x' t=\"y\">&|<a href='x' t=\"y\">&");
}

static void
test_esc_none(void **state)
{
	(void)state;
	check("{{q}}", "{q: '<b>*x*</b>'}", NULL, TMPL_ESC_NONE,
	    "<b>*x*</b>");
}

static void
test_md_table_pipe(void **state)
{
	(void)state;
	check("| {{a}} | {{b}} |", "{a: 'x|y', b: '||'}", NULL,
	    TMPL_ESC_MARKDOWN, "| x\\|y | \\|\\| |");
}

static void
test_md_newlines(void **state)
{
	(void)state;
	check("| {{a}} |", "{a: \"one\\ntwo\\r\\nthree\\rfour\\n\"}", NULL,
	    TMPL_ESC_MARKDOWN, "| one two three four  |");
}

static void
test_md_script(void **state)
{
	(void)state;
	check("{{a}}", "{a: '<script>alert(1)</script>'}", NULL,
	    TMPL_ESC_MARKDOWN, "\\<script\\>alert(1)\\</script\\>");
}

static void
test_md_backticks(void **state)
{
	(void)state;
	check("{{a}}", "{a: '`code` ```'}", NULL, TMPL_ESC_MARKDOWN,
	    "\\`code\\` \\`\\`\\`");
}

static void
test_md_links(void **state)
{
	(void)state;
	check("{{a}}", "{a: '[x](javascript:y) ![i](u) <http://e>'}", NULL,
	    TMPL_ESC_MARKDOWN,
	    "\\[x\\](javascript:y) \\!\\[i\\](u) \\<http\\://e\\>");
}

static void
test_md_autolinks(void **state)
{
	(void)state;
	check("{{a}}", "{a: 'see https://x.example/a or WWW.y.example'}",
	    NULL, TMPL_ESC_MARKDOWN,
	    "see https\\://x.example/a or WWW\\.y.example");
}

static void
test_md_emphasis_and_entities(void **state)
{
	(void)state;
	check("{{a}}", "{a: '*b* _i_ ~~s~~ &amp; \\ #h'}", NULL,
	    TMPL_ESC_MARKDOWN,
	    "\\*b\\* \\_i\\_ \\~\\~s\\~\\~ \\&amp; \\\\ \\#h");
}

static void
test_md_plain_kept(void **state)
{
	(void)state;
	/* Names, prefixes and addresses stay readable. */
	check("{{a}} {{b}} {{c}} {{d}}", "{a: hub-vnet-01, b: 10.0.0.0/24, "
	    "c: '2001:db8::/32', d: 65515}", NULL, TMPL_ESC_MARKDOWN,
	    "hub-vnet-01 10.0.0.0/24 2001:db8::/32 65515");
}

static void
test_md_block_markers(void **state)
{
	(void)state;
	check("{{a}}\n{{b}}\n{{c}}\n{{d}}\n{{e}}\n", "{a: '- x', b: '+ y', "
	    "c: '===', d: '12. z', e: '  3) w'}", NULL, TMPL_ESC_MARKDOWN,
	    "\\- x\n\\+ y\n\\===\n12\\. z\n  3\\) w\n");
}

static void
test_md_raw_untouched(void **state)
{
	(void)state;
	check("{{{a}}}{{&a}}", "{a: '*x*|'}", NULL, TMPL_ESC_MARKDOWN,
	    "*x*|*x*|");
}

static void
test_escape_direct(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	tmpl_escape(&b, "a|b\0c", 5, TMPL_ESC_MARKDOWN);
	assert_int_equal(b.len, 6);
	assert_memory_equal(b.ptr, "a\\|b\0c", 6);
	buf_release(&b);
}

/* Numbers print exactly as value_scalar_text() prints them. */
static void
test_numbers_match_scalar_text(void **state)
{
	static const double nums[] = {
		0, -0.0, 7, -7, 65515, 4294967296.0, 123456789012345.0,
		-999999999999999.0, 1e15, 1e20, 1.5, -2.25, 0.1, 1e300,
		1.0 / 3
	};
	struct diags	 d;
	struct tmpl	*t;
	struct value	*data;
	struct buf	 out = BUF_INIT, want = BUF_INIT;
	size_t		 i;

	(void)state;
	diags_init(&d);
	t = tmpl_compile("n", "{{n}}", 5, &d);
	assert_non_null(t);
	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		data = value_new_map();
		value_map_put(data, "n", value_new_num(nums[i]));
		buf_truncate(&out, 0);
		buf_truncate(&want, 0);
		value_scalar_text(&want, value_map_get(data, "n"));
		assert_true(tmpl_render(t, NULL, data, TMPL_ESC_HTML, &out,
		    &d));
		assert_string_equal(buf_cstr(&out), buf_cstr(&want));
		value_free(data);
	}
	buf_release(&out);
	buf_release(&want);
	tmpl_free(t);
	diags_release(&d);
}

static void
test_md_negative_number(void **state)
{
	(void)state;
	/* A leading '-' could start a list item: escaped like text. */
	check("{{a}} {{b}}", "{a: -5, b: -1.5}", NULL, TMPL_ESC_MARKDOWN,
	    "\\-5 \\-1.5");
}

/* Rendering details the spec does not pin. */

static void
test_render_null_data(void **state)
{
	struct diags	 d;
	struct tmpl	*t;
	struct buf	 out = BUF_INIT;
	const char	*text = "a{{b}}{{#c}}x{{/c}}{{^c}}y{{/c}}{{.}}";

	(void)state;
	diags_init(&d);
	t = tmpl_compile("x", text, strlen(text), &d);
	assert_non_null(t);
	assert_true(tmpl_render(t, NULL, NULL, TMPL_ESC_HTML, &out, &d));
	assert_string_equal(buf_cstr(&out), "ay");
	buf_release(&out);
	tmpl_free(t);
	diags_release(&d);
}

static void
test_render_appends(void **state)
{
	struct diags	 d;
	struct tmpl	*t;
	struct buf	 out = BUF_INIT;

	(void)state;
	diags_init(&d);
	t = tmpl_compile("x", "b", 1, &d);
	buf_puts(&out, "a");
	assert_true(tmpl_render(t, NULL, NULL, TMPL_ESC_HTML, &out, &d));
	assert_string_equal(buf_cstr(&out), "ab");
	buf_release(&out);
	tmpl_free(t);
	diags_release(&d);
}

static void
test_nested_lists(void **state)
{
	(void)state;
	check("{{#rows}}[{{#.}}{{.}},{{/.}}]{{/rows}}",
	    "{rows: [[1, 2], [], [3]]}", NULL, TMPL_ESC_HTML,
	    "[1,2,][][3,]");
}

static void
test_list_of_maps_parent_lookup(void **state)
{
	(void)state;
	check("{{#sites}}{{name}}@{{region}};{{/sites}}",
	    "{region: west, sites: [{name: a}, {name: b, region: east}]}",
	    NULL, TMPL_ESC_HTML, "a@west;b@east;");
}

static void
test_list_index(void **state)
{
	(void)state;
	check("{{#xs.0}}head;{{/xs.0}}{{xs.1}}|{{#ys.0}}no{{/ys.0}}"
	    "{{^ys.0}}empty{{/ys.0}}|{{xs.9}}{{xs.x}}",
	    "{xs: [a, b], ys: []}", NULL, TMPL_ESC_HTML, "head;b|empty|");
}

/* A lazy list's items: {n: i}, counting how many were made. */
static struct value *
lazy_item(void *arg, size_t i)
{
	struct value	*m = value_new_map();

	(*(size_t *)arg)++;
	value_map_int(m, "n", (long long)i);
	value_map_str(m, "pad", "twenty bytes of text");
	return m;
}

/* {xs: a lazy list of n}, or the same list made whole. */
static struct value *
lazy_data(size_t n, int lazy, size_t *made)
{
	struct value	*v = value_new_map(), *l;
	size_t		 i;

	if (lazy)
		value_map_put(v, "xs", value_new_lazy_list(n, lazy_item, NULL,
		    made));
	else {
		l = value_map_list(v, "xs");
		for (i = 0; i < n; i++)
			value_list_push(l, lazy_item(made, i));
	}
	return v;
}

static char *
render_value(const char *text, const struct value *v, value_flush_fn *fl,
    void *arg)
{
	struct diags	 d;
	struct tmpl	*t;
	struct buf	 out = BUF_INIT;

	diags_init(&d);
	t = tmpl_compile("t", text, strlen(text), &d);
	assert_non_null(t);
	assert_true(tmpl_render_flush(t, NULL, v, TMPL_ESC_NONE, &out, &d, fl,
	    arg));
	tmpl_free(t);
	diags_release(&d);
	return buf_detach(&out, NULL);
}

static int
collect(void *arg, struct buf *out)
{
	buf_put(arg, out->ptr, out->len);
	buf_truncate(out, 0);
	return 1;
}

/*
 * A lazy list (the runbook's tests) renders as the same list made
 * whole: once per item, each made when its turn comes; empty and
 * inverted sections, nested passes over it and an item by index
 * ("xs.1", which makes the list whole) work as for any list; a flush
 * takes the output between items without changing a byte; the JSON
 * writer prints it as the list.
 */
static void
test_lazy_list(void **state)
{
	static const char *const texts[] = {
		"{{^xs}}none{{/xs}}{{#xs}}{{n}},{{/xs}}",
		"{{#xs}}[{{#xs}}{{n}}{{/xs}}]{{/xs}}",
		"{{xs.1.n}}|{{#xs}}{{n}}{{/xs}}",
		"{{#xs}}{{n}}{{xs.0.n}};{{/xs}}",
	};
	struct value	*lv, *ev;
	struct buf	 got = BUF_INIT, ej = BUF_INIT, lj = BUF_INIT;
	size_t		 i, n, made = 0, eager = 0;
	char		*a, *b;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		for (n = 0; n < 4; n++) {
			lv = lazy_data(n, 1, &made);
			ev = lazy_data(n, 0, &eager);
			a = render_value(texts[i], lv, NULL, NULL);
			b = render_value(texts[i], ev, NULL, NULL);
			assert_string_equal(a, b);
			free(a);
			free(b);
			value_free(lv);
			value_free(ev);
		}
	/* one item made per item rendered */
	made = 0;
	lv = lazy_data(3, 1, &made);
	a = render_value("{{#xs}}{{n}}{{/xs}}", lv, NULL, NULL);
	assert_string_equal(a, "012");
	assert_int_equal(made, 3);
	assert_true(value_truthy(value_map_get(lv, "xs")));
	assert_int_equal(value_list_len(value_map_get(lv, "xs")), 3);
	free(a);
	value_free(lv);
	/* flushed in pieces: the same bytes */
	lv = lazy_data(20000, 1, &made);
	ev = lazy_data(20000, 0, &eager);
	a = render_value("{{#xs}}{{n}} {{pad}}\n{{/xs}}end", lv, collect, &got);
	buf_puts(&got, a);
	b = render_value("{{#xs}}{{n}} {{pad}}\n{{/xs}}end", ev, NULL, NULL);
	assert_true(strlen(a) < VALUE_FLUSH_AT + 64);
	assert_string_equal(buf_cstr(&got), b);
	/* JSON: the same text, flushed in pieces */
	value_to_json(&ej, ev, 2);
	buf_truncate(&got, 0);
	assert_true(value_to_json_flush(&lj, lv, 2, collect, &got));
	assert_true(lj.len < VALUE_FLUSH_AT + 256);
	buf_put(&got, lj.ptr, lj.len);
	assert_string_equal(buf_cstr(&got), buf_cstr(&ej));
	free(a);
	free(b);
	value_free(lv);
	value_free(ev);
	buf_release(&got);
	buf_release(&ej);
	buf_release(&lj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec),
		cmocka_unit_test(test_error_unclosed_section),
		cmocka_unit_test(test_error_unclosed_inner_section),
		cmocka_unit_test(test_error_mismatched_close),
		cmocka_unit_test(test_error_close_without_open),
		cmocka_unit_test(test_error_unclosed_tag),
		cmocka_unit_test(test_error_unclosed_triple),
		cmocka_unit_test(test_error_unclosed_custom_delims),
		cmocka_unit_test(test_error_bad_delims_one),
		cmocka_unit_test(test_error_bad_delims_three),
		cmocka_unit_test(test_error_bad_delims_equals),
		cmocka_unit_test(test_error_bad_delims_long),
		cmocka_unit_test(test_error_empty_name),
		cmocka_unit_test(test_error_name_with_space),
		cmocka_unit_test(test_error_empty_dotted_part),
		cmocka_unit_test(test_error_all_reported),
		cmocka_unit_test(test_nesting_cap_ok),
		cmocka_unit_test(test_nesting_cap_error),
		cmocka_unit_test(test_partial_recursion_ok),
		cmocka_unit_test(test_partial_recursion_cap),
		cmocka_unit_test(test_partial_self_loop),
		cmocka_unit_test(test_partial_nested_indent),
		cmocka_unit_test(test_partial_inline_in_indented),
		cmocka_unit_test(test_partial_indent_section_lines),
		cmocka_unit_test(test_partial_missing_warns),
		cmocka_unit_test(test_partial_broken),
		cmocka_unit_test(test_set_get_missing),
		cmocka_unit_test(test_compile_once_render_twice),
		cmocka_unit_test(test_compiled_ops),
		cmocka_unit_test(test_html_quotes),
		cmocka_unit_test(test_esc_none),
		cmocka_unit_test(test_md_table_pipe),
		cmocka_unit_test(test_md_newlines),
		cmocka_unit_test(test_md_script),
		cmocka_unit_test(test_md_backticks),
		cmocka_unit_test(test_md_links),
		cmocka_unit_test(test_md_autolinks),
		cmocka_unit_test(test_md_emphasis_and_entities),
		cmocka_unit_test(test_md_plain_kept),
		cmocka_unit_test(test_md_block_markers),
		cmocka_unit_test(test_md_raw_untouched),
		cmocka_unit_test(test_escape_direct),
		cmocka_unit_test(test_numbers_match_scalar_text),
		cmocka_unit_test(test_md_negative_number),
		cmocka_unit_test(test_render_null_data),
		cmocka_unit_test(test_render_appends),
		cmocka_unit_test(test_nested_lists),
		cmocka_unit_test(test_list_of_maps_parent_lookup),
		cmocka_unit_test(test_list_index),
		cmocka_unit_test(test_lazy_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Unit tests for gen/5-render/markdown.c, the cmark-gfm adapter: a long text is
 * converted in parts (md_cut), which must give what converting it whole
 * gives -- fenced code, HTML blocks and reference definitions that reach
 * past a cut, heading ids that stay unique across parts -- and images
 * asked for through md_html_cb() are replaced only when the callback
 * says so.
 */
#include "testutil.h"

#include "hybridoc/buf.h"
#include "hybridoc/markdown.h"
#include "hybridoc/xalloc.h"

/* Past MD_PART (64 KiB): the text is cut at least once. */
#define LONG	(80 * 1024)
/* The first part ends at the first heading line past this. */
#define PART	65536

/* The HTML of md, a NUL-terminated heap string. */
static char *
html(const char *md)
{
	struct buf	 out = BUF_INIT;

	md_html(md, strlen(md), NULL, 0, &out);
	return buf_detach(&out, NULL);
}

/* Text without headings up to at least n bytes. */
static void
pad(struct buf *b, size_t n)
{
	while (b->len < n)
		buf_puts(b, "More words of a paragraph.\n");
	buf_putc(b, '\n');
}

/* Paragraphs up to at least n bytes, each after a heading. */
static void
filler(struct buf *b, size_t n)
{
	size_t	 k = 0;

	while (b->len < n)
		buf_printf(b, "## Section %zu\n\nSome text with a | pipe and "
		    "`code`, and a list:\n\n- one\n- two\n\n| a | b |\n|---|---|"
		    "\n| %zu | x |\n\n", k, k), k++;
}

/*
 * A long runbook-like text converts to the same HTML cut and whole: a
 * reference definition at its end makes md_html convert it whole, and
 * renders nothing itself.
 */
static void
test_cut_same_as_whole(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*cut, *whole, *md;
	size_t		 k;

	(void)state;
	for (k = 0; b.len < 3 * LONG; k++)
		buf_printf(&b, "### Test %zu: circuit er-%zu fails\n\nScenario "
		    "`circuit-down:er-%zu`.\n\n- Routes learned\n\n  ```sh\n  az "
		    "network vnet-gateway list-learned-routes -n gw-%zu\n  ```\n"
		    "\n| Prefix | Path |\n|---|---|\n| 10.%zu.0.0/16 | vpn |\n\n"
		    "**Sign-off.** Tested by: ____\n", k, k, k, k, k % 256);
	md = xstrdup(buf_cstr(&b));
	cut = html(md);
	buf_puts(&b, "\n[unused]: /nowhere\n");
	whole = html(buf_cstr(&b));
	assert_string_equal(cut, whole);
	assert_int_equal(count(cut, "<h3 id=\"test-"), k);
	free(cut);
	free(whole);
	free(md);
	buf_release(&b);
}

/* A "# ..." line inside fenced code past the cut point stays code. */
static void
test_cut_keeps_fenced_code(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*h;
	size_t		 k;

	(void)state;
	/* the fence opens before the first cut and its lines run past it */
	filler(&b, PART - 400);
	pad(&b, PART - 100);
	buf_puts(&b, "~~~~ sh\n");
	for (k = 0; k < 400; k++)
		buf_printf(&b, "# comment %zu, not a heading\n```\n", k);
	buf_puts(&b, "~~~~\n\n# After the code\n");
	h = html(buf_cstr(&b));
	assert_null(strstr(h, ">comment 0"));
	assert_non_null(strstr(h, "# comment 399, not a heading"));
	assert_non_null(strstr(h, "After the code</h1>"));
	free(h);
	buf_release(&b);
}

/* An HTML block may run past a heading line: the text converts whole. */
static void
test_html_block_converts_whole(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*h;

	(void)state;
	/* the first heading line past the first cut is inside the block */
	filler(&b, PART - 400);
	pad(&b, PART + 10);
	buf_puts(&b, "<pre>\n# inside the HTML block\n</pre>\n\n# After\n");
	h = html(buf_cstr(&b));
	/* raw HTML is dropped, heading line and all, never made a heading */
	assert_null(strstr(h, "inside the HTML block"));
	assert_non_null(strstr(h, "After</h1>"));
	free(h);
	buf_release(&b);
}

/*
 * The raw HTML the templates fold and anchor with passes (GitHub
 * renders it too); anything else, or these tags with more in them, is
 * dropped as before.
 */
static void
test_allowed_html(void **state)
{
	char	*h;

	(void)state;
	h = html("<div id=\"test-a-1\"></div>\n\n<details open>\n"
	    "<summary>Gateways: 3 tests</summary>\n\n# Inside\n\n"
	    "</details>\n");
	assert_non_null(strstr(h, "<div id=\"test-a-1\"></div>"));
	assert_non_null(strstr(h, "<details open>\n<summary>Gateways: 3 "
	    "tests</summary>"));
	assert_non_null(strstr(h, "Inside</h1>"));
	assert_non_null(strstr(h, "</details>"));
	free(h);
	h = html("<details onclick=\"x()\">\n\n<summary><b>x</b></summary>"
	    "\n\n<div id=\"A B\"></div>\n\n<div id=\"x\" class=\"y\">"
	    "</div>\n\n<details>\n<script>alert(1)</script>\n");
	assert_null(strstr(h, "onclick"));
	assert_null(strstr(h, "<b>"));
	assert_null(strstr(h, "id=\"A B\""));
	assert_null(strstr(h, "class=\"y\""));
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "<details"));
	free(h);
}

/* Folded groups do not stop a long text from being cut into parts. */
static void
test_allowed_html_cut_same_as_whole(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*h, *whole;
	size_t		 i;

	(void)state;
	for (i = 0; i < 3; i++) {
		buf_printf(&b, "<div id=\"g-%zu\"></div>\n\n<details>\n"
		    "<summary>Group %zu</summary>\n\n", i, i);
		filler(&b, (i + 1) * LONG);
		buf_puts(&b, "\n</details>\n\n");
	}
	h = html(buf_cstr(&b));
	buf_puts(&b, "\n[unused]: /nowhere\n");
	whole = html(buf_cstr(&b));
	assert_string_equal(h, whole);
	free(whole);
	for (i = 0; i < 3; i++) {
		char	 id[32];

		snprintf(id, sizeof(id), "<div id=\"g-%zu\"></div>", i);
		assert_non_null(strstr(h, id));
	}
	assert_null(strstr(h, "raw HTML omitted"));
	free(h);
	buf_release(&b);
}

/* A reference defined at the top holds at the bottom of a long text. */
static void
test_reference_definition_converts_whole(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*h;

	(void)state;
	buf_puts(&b, "[docs]: https://learn.example/expressroute\n\n");
	filler(&b, 2 * LONG);
	buf_puts(&b, "\n# End\n\nSee [the docs][docs].\n");
	h = html(buf_cstr(&b));
	assert_non_null(strstr(h,
	    "<a href=\"https://learn.example/expressroute\">the docs</a>"));
	free(h);
	buf_release(&b);
}

/* Repeated headings in different parts still get distinct ids. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_cut_heading_ids_unique(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*h, **ids = NULL;
	const char	*p, *q;
	size_t		 k, n, nids = 0, cap = 0;

	(void)state;
	for (n = 0; b.len < 3 * LONG; n++) {
		buf_puts(&b, "## Same\n\n");
		pad(&b, b.len + 1000);
	}
	h = html(buf_cstr(&b));
	for (p = h; (p = strstr(p, "<h2 id=\"")) != NULL; p = q) {
		p += 8;
		q = strchr(p, '"');
		xgrow(&ids, &cap, nids + 1, sizeof(*ids));
		ids[nids++] = xasprintf("%.*s", (int)(q - p), p);
	}
	assert_int_equal(nids, n);
	qsort(ids, nids, sizeof(*ids), cmp_str);
	for (k = 0; k < nids; k++) {
		if (k > 0 && strcmp(ids[k - 1], ids[k]) == 0)
			fail_msg("heading id %s appears twice", ids[k]);
		if (strncmp(ids[k], "same", 4) != 0)
			fail_msg("heading id %s", ids[k]);
	}
	for (k = 0; k < nids; k++)
		free(ids[k]);
	free(ids);
	free(h);
	buf_release(&b);
}

static int
embed_one(void *arg, const char *url, size_t len, struct buf *out)
{
	size_t	*calls = arg;

	(*calls)++;
	if (len != 7 || memcmp(url, "a.svg/x", 7) != 0)
		return 0;
	buf_puts(out, "<svg>A</svg>");
	return 1;
}

/* md_html_cb replaces the images the callback knows, keeps the others. */
static void
test_embed_callback(void **state)
{
	static const char md[] = "![one](a.svg/x)\n\n![two](b.svg)\n";
	struct buf	 out = BUF_INIT;
	size_t		 calls = 0;

	(void)state;
	md_html_cb(md, strlen(md), embed_one, &calls, &out);
	assert_int_equal(calls, 2);
	assert_non_null(strstr(buf_cstr(&out), "<p><svg>A</svg></p>"));
	assert_non_null(strstr(buf_cstr(&out), "<img src=\"b.svg\" alt=\"two\""));
	buf_release(&out);
}

/*
 * Code blocks and tables scroll sideways when wide: keyboard users can
 * focus them (tabindex), and a code block says what it holds.
 */
static void
test_scrollable_blocks_focusable(void **state)
{
	char	*h;

	(void)state;
	h = html("```sh\naz network list\n```\n\n```\nplain\n```\n\n"
	    "| a | b |\n|---|---|\n| 1 | 2 |\n");
	assert_non_null(strstr(h, "<pre tabindex=\"0\" role=\"group\" "
	    "aria-label=\"sh code\"><code class=\"language-sh\">az network"));
	assert_non_null(strstr(h, "<pre tabindex=\"0\" role=\"group\" "
	    "aria-label=\"Code\"><code>plain"));
	assert_non_null(strstr(h, "<table tabindex=\"0\">"));
	assert_null(strstr(h, "<pre>"));
	assert_null(strstr(h, "<table>"));
	free(h);
}

/* The empty text converts to nothing, and does not crash. */
static void
test_empty(void **state)
{
	char	*h;

	(void)state;
	h = html("");
	assert_string_equal(h, "");
	free(h);
}

static int
no_embed(void *arg, const char *url, size_t len, struct buf *out)
{
	(void)arg;
	(void)url;
	(void)len;
	(void)out;
	return 0;
}

/* md_stream fed in pieces of step bytes: 1 when done, 0 to start over. */
static int
streamed(const char *md, size_t step, char **out)
{
	struct md_stream *ms = md_stream_new(no_embed, NULL, NULL, NULL);
	struct buf	 b = BUF_INIT;
	size_t		 len = strlen(md), at, n;
	int		 rc;

	for (at = 0; at < len; at += n) {
		n = len - at < step ? len - at : step;
		assert_int_equal(md_stream_put(ms, md + at, n, &b), 1);
	}
	rc = md_stream_end(ms, &b);
	md_stream_free(ms);
	*out = buf_detach(&b, NULL);
	return rc;
}

/*
 * The runbook converts its Markdown as it is rendered (md_stream): fed
 * a byte, a few bytes or 64 KiB at a time, the HTML is md_html_cb()'s
 * of the whole text -- with the fences, headings in code and allowed
 * HTML of a long text, with an HTML block at its start (converted
 * whole), and a text that forbids cutting only past the first cut
 * makes md_stream_end() ask for a start over.
 */
static void
test_stream_same_as_whole(void **state)
{
	static const size_t steps[] = { 1, 7, 4096, 65536, 1 << 20 };
	struct buf	 b = BUF_INIT, early = BUF_INIT, late = BUF_INIT;
	char		*whole, *s;
	size_t		 i, k;

	(void)state;
	for (k = 0; b.len < 3 * LONG; k++)
		buf_printf(&b, "<div id=\"t-%zu\"></div>\n\n### Test %zu\n\n"
		    "1. Step\n\n   ```sh\n   # not a heading %zu\n   ```\n\n"
		    "~~~~\n## nor this\n~~~~\n\n| a | b |\n|---|---|\n| %zu | "
		    "x |\n\n", k, k, k, k);
	buf_printf(&early, "<b>raw</b>\n\n%s", buf_cstr(&b));
	buf_printf(&late, "%s\n<p>raw</p>\n", buf_cstr(&b));
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		whole = html(buf_cstr(&b));
		assert_int_equal(streamed(buf_cstr(&b), steps[i], &s), 1);
		assert_string_equal(s, whole);
		assert_int_equal(count(s, "<h3 id=\"test-"), k);
		free(s);
		free(whole);
		whole = html(buf_cstr(&early));
		assert_int_equal(streamed(buf_cstr(&early), steps[i], &s), 1);
		assert_string_equal(s, whole);
		free(s);
		free(whole);
		assert_int_equal(streamed(buf_cstr(&late), steps[i], &s), 0);
		free(s);
	}
	/* a short text is one part, with or without HTML */
	assert_int_equal(streamed("<p>x</p>\n\n# A\n", 3, &s), 1);
	whole = html("<p>x</p>\n\n# A\n");
	assert_string_equal(s, whole);
	free(s);
	free(whole);
	buf_release(&b);
	buf_release(&early);
	buf_release(&late);
}

/* A flush that fails stops the stream: md_stream_end() says so. */
static int
flush_fails(void *arg, struct buf *out)
{
	(*(int *)arg)++;
	buf_truncate(out, 0);
	return 0;
}

static void
test_stream_flush_fails(void **state)
{
	struct md_stream *ms;
	struct buf	 b = BUF_INIT, out = BUF_INIT;
	int		 calls = 0;

	(void)state;
	filler(&b, 3 * LONG);
	ms = md_stream_new(no_embed, NULL, flush_fails, &calls);
	md_stream_put(ms, b.ptr, b.len, &out);
	assert_int_equal(md_stream_end(ms, &out), -1);
	assert_true(calls > 0);
	md_stream_free(ms);
	buf_release(&b);
	buf_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cut_same_as_whole),
		cmocka_unit_test(test_cut_keeps_fenced_code),
		cmocka_unit_test(test_html_block_converts_whole),
		cmocka_unit_test(test_reference_definition_converts_whole),
		cmocka_unit_test(test_allowed_html),
		cmocka_unit_test(test_allowed_html_cut_same_as_whole),
		cmocka_unit_test(test_cut_heading_ids_unique),
		cmocka_unit_test(test_embed_callback),
		cmocka_unit_test(test_scrollable_blocks_focusable),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_stream_same_as_whole),
		cmocka_unit_test(test_stream_flush_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Unit tests for gen/jsonin.c: every refusal (duplicate keys, invalid
 * UTF-8, UTF-16, numbers out of range, nesting past the limit, too many
 * values, trailing text, truncated text, empty files, files over the
 * byte limit), each checked for its message and for the line:col of
 * the start of the offending token; what is accepted (a byte order
 * mark, nesting at the limit, scalars at the top); the accessors; and
 * the JSON path helpers.
 */
#include "testutil.h"

#include <unistd.h>

#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/jsonin.h"
#include "hybridoc/xalloc.h"

static json_t *
parse_ok(const char *text, size_t len)
{
	struct diags	 d;
	json_t		*j;

	diags_init(&d);
	j = jsonin_parse("t.json", text, len, &d);
	if (j == NULL) {
		diags_print(&d, stderr, 0);
		fail_msg("does not parse: %s", text);
	}
	assert_int_equal(d.n, 0);
	diags_release(&d);
	return j;
}

/* Parses len bytes that must fail with one error at line:col whose
 * message contains want. */
static void
fails(const char *text, size_t len, unsigned line, unsigned col,
    const char *want)
{
	struct diags	 d;
	json_t		*j;

	diags_init(&d);
	j = jsonin_parse("t.json", text, len, &d);
	if (j != NULL)
		fail_msg("parses but should fail: %s", text);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].level, DIAG_ERROR);
	assert_string_equal(d.v[0].file, "t.json");
	if (strstr(d.v[0].msg, want) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", d.v[0].msg, want);
	if (d.v[0].mark.line != line || d.v[0].mark.col != col)
		fail_msg("\"%s\" at %u:%u, want %u:%u", d.v[0].msg,
		    d.v[0].mark.line, d.v[0].mark.col, line, col);
	diags_release(&d);
}

#define FAILS(name, text, line, col, want)				\
static void								\
name(void **state)							\
{									\
	(void)state;							\
	fails(text, sizeof(text) - 1, line, col, want);			\
}

FAILS(duplicate_key, "{\"a\": 1,\n  \"a\": 2}", 2, 3,
    "the key \"a\" appears twice in this object; expected each key once")
FAILS(duplicate_key_nested, "[{\"x\": {\"b\": 1, \"b\": 1}}]", 1, 17,
    "the key \"b\" appears twice")
FAILS(invalid_utf8_byte, "[\"ok\",\n \"a\xff\"]", 2, 4,
    "invalid UTF-8 (byte 0xff); expected UTF-8 text")
FAILS(invalid_utf8_after_multibyte, "[\"\xc3\xa9\xc3\"]", 1, 4,
    "invalid UTF-8 (byte 0xc3)")
FAILS(invalid_utf8_overlong, "[\"\xc0\xaf\"]", 1, 3, "invalid UTF-8")
FAILS(invalid_utf8_surrogate, "[\"\xed\xa0\x80\"]", 1, 3, "invalid UTF-8")
FAILS(invalid_utf8_outside_string, "[1, \xfe]", 1, 5, "byte 0xfe")
FAILS(utf16_le, "[\0]\0", 1, 1, "UTF-16")
FAILS(utf16_bom, "\xff\xfe[\0]\0", 1, 1, "UTF-16")
FAILS(escaped_nul, "{\"a\": \"x\\u0000y\"}", 1, 7,
    "holds \\u0000; expected text without NUL characters")
FAILS(lone_surrogate_escape, "[\"\\ud800\"]", 1, 2, "invalid Unicode")
FAILS(integer_too_big, "{\"asn\":\n   99999999999999999999}", 2, 4,
    "the number 99999999999999999999 is out of range; expected an "
    "integer from -9223372036854775808 to 9223372036854775807")
FAILS(integer_too_small, "[-9223372036854775809]", 1, 2, "out of range")
FAILS(real_too_big, "[1, 1e999]", 1, 5, "the number 1e999 is out of range")
FAILS(trailing_garbage, "{\"a\": 1}\n  x", 2, 3,
    "text after the end of the value; expected one JSON value per file")
FAILS(trailing_second_value, "[1] [2]", 1, 5, "text after the end")
FAILS(truncated, "{\"a\": [1,\n  2", 2, 4,
    "the text ends here; expected the rest of the value")
FAILS(truncated_string, "[\"abc", 1, 6, "the text ends here")
FAILS(empty, "", 1, 1, "the file is empty; expected a JSON value")
FAILS(only_space, "  \n ", 1, 1, "the file is empty")
FAILS(trailing_comma, "[1,\n ]", 2, 2,
    "unexpected ']'; expected a value, or a ',' or closing bracket")
FAILS(bad_literal, "{\"a\": tru}", 1, 7,
    "JSON: not a JSON value; expected a string, number")
FAILS(missing_colon, "{\"a\" 1}", 1, 6, "JSON: ':' expected")
FAILS(single_quotes, "['a']", 1, 2, "not a JSON value")
FAILS(unexpected_string, "{\"sharedKey\" \"Abc123\"}", 1, 14,
    "JSON: ':' expected")

/* A token of a malformed file may be a secret: never quoted back. */
static void
secrets_not_quoted(void **state)
{
	static const char *const texts[] = {
		"{\"sharedKey\": Abc123}",
		"{\"sharedKey\" \"Abc123\"}",
		"{\"sharedKey\": \"Abc123\" \"x\"}",
		"[\"Abc123\" \"x\"]",
		"{\"sharedKey\": 'Abc123'}",
		NULL
	};
	struct diags	 d;
	size_t		 i;

	(void)state;
	for (i = 0; texts[i] != NULL; i++) {
		diags_init(&d);
		assert_null(jsonin_parse("t.json", texts[i], strlen(texts[i]),
		    &d));
		assert_int_equal(d.n, 1);
		if (strstr(d.v[0].msg, "Abc123") != NULL)
			fail_msg("%s: \"%s\" quotes the token", texts[i],
			    d.v[0].msg);
		diags_release(&d);
	}
}

/* Nesting: 512 levels parse, 513 are refused at the 513th bracket. */
static char *
nested(size_t depth, size_t *len)
{
	char	*s = xmalloc(2 * depth + 1);
	size_t	 i;

	for (i = 0; i < depth; i++) {
		s[i] = '[';
		s[2 * depth - 1 - i] = ']';
	}
	s[2 * depth] = '\0';
	*len = 2 * depth;
	return s;
}

static void
depth_at_limit(void **state)
{
	size_t	 len;
	char	*s = nested(JSONIN_MAX_DEPTH, &len);

	(void)state;
	json_decref(parse_ok(s, len));
	free(s);
}

static void
depth_over_limit(void **state)
{
	size_t	 len;
	char	*s = nested(JSONIN_MAX_DEPTH + 1, &len);

	(void)state;
	fails(s, len, 1, JSONIN_MAX_DEPTH + 1, "nesting deeper than 512 "
	    "levels; expected at most 512 nested arrays and objects");
	free(s);
}

/* Far past jansson's own limit of 2048: still our message. */
static void
depth_far_over_limit(void **state)
{
	size_t	 len;
	char	*s = nested(100000, &len);

	(void)state;
	fails(s, len, 1, JSONIN_MAX_DEPTH + 1, "nesting deeper than 512");
	free(s);
}

/* Brackets inside strings do not count. */
static void
depth_ignores_strings(void **state)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	buf_puts(&b, "[\"");
	for (i = 0; i < 1000; i++)
		buf_puts(&b, "[{\\\"");
	buf_puts(&b, "\"]");
	json_decref(parse_ok(b.ptr, b.len));
	buf_release(&b);
}

static void
too_many_values(void **state)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	buf_putc(&b, '[');
	for (i = 0; i < JSONIN_MAX_VALUES; i++)
		buf_puts(&b, "0,");
	buf_puts(&b, "0]");
	/* The outer array is one value, so the last 0 is one too many. */
	fails(b.ptr, b.len, 1, 2 * JSONIN_MAX_VALUES, "more than 4000000 "
	    "values and keys");
	buf_release(&b);
}

static void
byte_order_mark_skipped(void **state)
{
	static const char text[] = "\xef\xbb\xbf{\"a\": \"b\"}";
	json_t	*j;

	(void)state;
	j = parse_ok(text, sizeof(text) - 1);
	assert_string_equal(jsonin_str(j, "a"), "b");
	json_decref(j);
}

static void
accepts_values(void **state)
{
	static const char text[] = "{\"s\": \"\\ud83d\\ude00\\t\", "
	    "\"n\": -9223372036854775808, \"r\": 1.5e300, \"t\": true,\n"
	    "\t\"z\": null, \"l\": [], \"o\": {}}";
	json_t	*j;

	(void)state;
	j = parse_ok(text, sizeof(text) - 1);
	assert_string_equal(jsonin_str(j, "s"), "\xf0\x9f\x98\x80\t");
	assert_true(json_integer_value(json_object_get(j, "n")) == INT64_MIN);
	json_decref(j);
	json_decref(parse_ok("42", 2));
}

/* Writes text to a new temporary file; returns its path. */
static char *
temp_json(const char *text, size_t len)
{
	char	*path = xstrdup("/tmp/hybridoc-test-jsonin-XXXXXX");
	int	 fd;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	return path;
}

static void
load_file_ok(void **state)
{
	char		*path = temp_json("{\"id\": \"x\"}\n", 12);
	struct diags	 d;
	json_t		*j;

	(void)state;
	diags_init(&d);
	j = jsonin_load(path, &d);
	assert_non_null(j);
	assert_string_equal(jsonin_str(j, "id"), "x");
	assert_int_equal(d.n, 0);
	json_decref(j);
	unlink(path);
	free(path);
}

static void
load_file_error_names_file(void **state)
{
	char		*path = temp_json("{\"id\":\n x}", 10);
	struct diags	 d;

	(void)state;
	diags_init(&d);
	assert_null(jsonin_load(path, &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, path);
	assert_int_equal(d.v[0].mark.line, 2);
	assert_int_equal(d.v[0].mark.col, 2);
	diags_release(&d);
	unlink(path);
	free(path);
}

static void
load_file_missing(void **state)
{
	struct diags	 d;

	(void)state;
	diags_init(&d);
	assert_null(jsonin_load("/nonexistent/hybridoc.json", &d));
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "cannot open"));
	diags_release(&d);
}

static void
load_file_over_limit(void **state)
{
	char		*path = xstrdup("/tmp/hybridoc-test-jsonin-XXXXXX");
	int		 fd;
	struct diags	 d;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	/* A sparse file: the reader must stop at the limit. */
	assert_int_equal(ftruncate(fd, (off_t)JSONIN_MAX_BYTES + 4), 0);
	close(fd);
	diags_init(&d);
	assert_null(jsonin_load(path, &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].msg, "file is larger than the limit of 64 "
	    "MiB for JSON input");
	diags_release(&d);
	unlink(path);
	free(path);
}

static void
accessors(void **state)
{
	static const char text[] = "{\"properties\": {\"sku\": {\"name\": "
	    "\"ErGw1AZ\", \"n\": 3}}, \"name\": 7}";
	json_t	*j;

	(void)state;
	j = parse_ok(text, sizeof(text) - 1);
	assert_null(jsonin_str(j, "name"));
	assert_null(jsonin_str(j, "absent"));
	assert_null(jsonin_str(NULL, "name"));
	assert_string_equal(jsonin_get_str(j, "properties.sku.name"),
	    "ErGw1AZ");
	assert_null(jsonin_get_str(j, "properties.sku.n"));
	assert_null(jsonin_get(j, "properties.sku.name.x"));
	assert_null(jsonin_get(j, "properties.nope.name"));
	assert_int_equal(json_integer_value(jsonin_get(j, "properties.sku.n")),
	    3);
	json_decref(j);
}

static void
paths(void **state)
{
	struct buf	 p = BUF_INIT;

	(void)state;
	buf_putc(&p, '$');
	jsonin_path_key(&p, "value");
	jsonin_path_index(&p, 3);
	jsonin_path_key(&p, "properties");
	jsonin_path_key(&p, "bgpSettings");
	assert_string_equal(buf_cstr(&p), "$.value[3].properties.bgpSettings");
	buf_truncate(&p, 1);
	jsonin_path_key(&p, "resources");
	jsonin_path_key(&p, "a b");
	jsonin_path_key(&p, "it's\\");
	jsonin_path_key(&p, "1st");
	jsonin_path_key(&p, "line\nbreak");
	jsonin_path_key(&p, "");
	assert_string_equal(buf_cstr(&p), "$.resources['a b']['it\\'s\\\\']"
	    "['1st']['line\\u000abreak']['']");
	buf_release(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(duplicate_key),
		cmocka_unit_test(duplicate_key_nested),
		cmocka_unit_test(invalid_utf8_byte),
		cmocka_unit_test(invalid_utf8_after_multibyte),
		cmocka_unit_test(invalid_utf8_overlong),
		cmocka_unit_test(invalid_utf8_surrogate),
		cmocka_unit_test(invalid_utf8_outside_string),
		cmocka_unit_test(utf16_le),
		cmocka_unit_test(utf16_bom),
		cmocka_unit_test(escaped_nul),
		cmocka_unit_test(lone_surrogate_escape),
		cmocka_unit_test(integer_too_big),
		cmocka_unit_test(integer_too_small),
		cmocka_unit_test(real_too_big),
		cmocka_unit_test(trailing_garbage),
		cmocka_unit_test(trailing_second_value),
		cmocka_unit_test(truncated),
		cmocka_unit_test(truncated_string),
		cmocka_unit_test(empty),
		cmocka_unit_test(only_space),
		cmocka_unit_test(trailing_comma),
		cmocka_unit_test(bad_literal),
		cmocka_unit_test(missing_colon),
		cmocka_unit_test(single_quotes),
		cmocka_unit_test(unexpected_string),
		cmocka_unit_test(secrets_not_quoted),
		cmocka_unit_test(depth_at_limit),
		cmocka_unit_test(depth_over_limit),
		cmocka_unit_test(depth_far_over_limit),
		cmocka_unit_test(depth_ignores_strings),
		cmocka_unit_test(too_many_values),
		cmocka_unit_test(byte_order_mark_skipped),
		cmocka_unit_test(accepts_values),
		cmocka_unit_test(load_file_ok),
		cmocka_unit_test(load_file_error_names_file),
		cmocka_unit_test(load_file_missing),
		cmocka_unit_test(load_file_over_limit),
		cmocka_unit_test(accessors),
		cmocka_unit_test(paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

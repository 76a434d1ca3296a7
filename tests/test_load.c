/*
 * Unit tests for gen/1-base/load.c: the 1-based line:col marks of keys,
 * values and items; YAML 1.2 core-schema resolution of plain scalars
 * (one small test per form, through the RESOLVE_* macros); anchors and
 * aliases; and every way the loader refuses input (alias cycles, alias
 * bombs, nesting, duplicate keys, several documents, bytes that are not
 * UTF-8 text, files over the size limit), each checked for its message
 * and its position.
 */
#include "testutil.h"

#include <math.h>
#include <unistd.h>

#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/load.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

/* Parses text that must load; fails the test with the messages if not. */
static struct value *
parse_ok(const char *text)
{
	struct diags	 d;
	struct value	*v;

	diags_init(&d);
	if (!load_yaml("t.yaml", text, strlen(text), &v, &d)) {
		diags_print(&d, stderr, 0);
		fail_msg("does not load: %s", text);
	}
	assert_non_null(v);
	assert_int_equal(d.n, 0);
	diags_release(&d);
	return v;
}

/*
 * Parses len bytes that must fail with exactly one error at line:col
 * whose message contains want.
 */
static void
parse_fails(const char *text, size_t len, unsigned line, unsigned col,
    const char *want)
{
	struct diags	 d;
	struct value	*v = (struct value *)1;

	diags_init(&d);
	if (load_yaml("t.yaml", text, len, &v, &d))
		fail_msg("loads but should fail: %s", text);
	assert_null(v);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].level, DIAG_ERROR);
	assert_string_equal(d.v[0].file, "t.yaml");
	if (strstr(d.v[0].msg, want) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", d.v[0].msg, want);
	if (d.v[0].mark.line != line || d.v[0].mark.col != col)
		fail_msg("\"%s\" at %u:%u, want %u:%u", d.v[0].msg,
		    d.v[0].mark.line, d.v[0].mark.col, line, col);
	diags_release(&d);
}

/* The value of "a" in a one-key document "a: TEXT". */
static struct value *
scalar_of(const char *text, struct value **root)
{
	struct value	*a;

	*root = parse_ok(text);
	assert_int_equal((*root)->kind, VALUE_MAP);
	a = value_map_get(*root, "a");
	assert_non_null(a);
	return a;
}

/* ---- marks ---- */

static void
marks_scalar_values(void **state)
{
	struct value	*v = parse_ok("a: 1\nbb:   xyz\n");

	(void)state;
	assert_int_equal(v->mark.line, 1);
	assert_int_equal(v->mark.col, 1);
	assert_int_equal(value_map_get(v, "a")->mark.line, 1);
	assert_int_equal(value_map_get(v, "a")->mark.col, 4);
	assert_int_equal(value_map_get(v, "bb")->mark.line, 2);
	assert_int_equal(value_map_get(v, "bb")->mark.col, 7);
	value_free(v);
}

static void
marks_keys(void **state)
{
	struct value	*v = parse_ok("a: 1\n  # comment\nbb:\n  ccc: 2\n");
	struct value	*bb;

	(void)state;
	assert_int_equal(v->n, 2);
	assert_int_equal(v->key_marks[0].line, 1);
	assert_int_equal(v->key_marks[0].col, 1);
	assert_int_equal(v->key_marks[1].line, 3);
	assert_int_equal(v->key_marks[1].col, 1);
	bb = value_map_get(v, "bb");
	assert_int_equal(bb->key_marks[0].line, 4);
	assert_int_equal(bb->key_marks[0].col, 3);
	value_free(v);
}

static void
marks_list_items(void **state)
{
	struct value	*v = parse_ok("l:\n  - x\n  -   [y, z]\n");
	struct value	*l = value_map_get(v, "l");

	(void)state;
	assert_int_equal(l->kind, VALUE_LIST);
	assert_int_equal(l->mark.line, 2);
	assert_int_equal(l->mark.col, 3);
	assert_int_equal(l->items[0]->mark.line, 2);
	assert_int_equal(l->items[0]->mark.col, 5);
	assert_int_equal(l->items[1]->mark.line, 3);
	assert_int_equal(l->items[1]->mark.col, 7);
	assert_int_equal(l->items[1]->items[1]->mark.line, 3);
	assert_int_equal(l->items[1]->items[1]->mark.col, 11);
	value_free(v);
}

static void
marks_flow_mapping(void **state)
{
	struct value	*v = parse_ok("m: {a: 1, bc: 22}\n");
	struct value	*m = value_map_get(v, "m");

	(void)state;
	assert_int_equal(m->mark.col, 4);
	assert_int_equal(m->key_marks[1].line, 1);
	assert_int_equal(m->key_marks[1].col, 11);
	assert_int_equal(m->items[1]->mark.col, 15);
	value_free(v);
}

static void
marks_block_scalar(void **state)
{
	struct value	*v = parse_ok("x: 1\nd: |\n  two\n  lines\n");
	struct value	*d = value_map_get(v, "d");

	(void)state;
	assert_int_equal(d->kind, VALUE_STR);
	assert_string_equal(d->str, "two\nlines\n");
	assert_int_equal(d->mark.line, 2);
	assert_int_equal(d->mark.col, 4);
	value_free(v);
}

/* Columns count characters, not bytes: "é" is one column. */
static void
marks_count_characters(void **state)
{
	struct value	*v, *z;

	v = parse_ok("t: \xc3\xa9\xc3\xa9\nz: [\xc3\xa9, y]\n");
	z = value_map_get(v, "z");

	(void)state;
	assert_int_equal(z->items[1]->mark.line, 2);
	assert_int_equal(z->items[1]->mark.col, 8);
	value_free(v);
}

static void
marks_crlf(void **state)
{
	struct value	*v = parse_ok("a: 1\r\nb: 2\r\n");

	(void)state;
	assert_int_equal(value_map_get(v, "b")->mark.line, 2);
	assert_int_equal(value_map_get(v, "b")->mark.col, 4);
	value_free(v);
}

/* ---- core schema ---- */

#define RESOLVE_KIND(name, text, k)					\
	static void name(void **state)					\
	{								\
		struct value *root, *a = scalar_of("a: " text "\n", &root); \
		(void)state;						\
		assert_int_equal(a->kind, k);				\
		value_free(root);					\
	}

#define RESOLVE_STR(name, text, want)					\
	static void name(void **state)					\
	{								\
		struct value *root, *a = scalar_of("a: " text "\n", &root); \
		(void)state;						\
		assert_int_equal(a->kind, VALUE_STR);			\
		assert_string_equal(a->str, want);			\
		value_free(root);					\
	}

#define RESOLVE_BOOL(name, text, want)					\
	static void name(void **state)					\
	{								\
		struct value *root, *a = scalar_of("a: " text "\n", &root); \
		(void)state;						\
		assert_int_equal(a->kind, VALUE_BOOL);			\
		assert_int_equal(a->b, want);				\
		value_free(root);					\
	}

#define RESOLVE_INT(name, text, want)					\
	static void name(void **state)					\
	{								\
		struct value *root, *a = scalar_of("a: " text "\n", &root); \
		(void)state;						\
		assert_int_equal(a->kind, VALUE_NUM);			\
		assert_true(a->isint);					\
		assert_true(a->num == (double)(want));			\
		assert_string_equal(a->str, text);			\
		value_free(root);					\
	}

#define RESOLVE_FLOAT(name, text, want)					\
	static void name(void **state)					\
	{								\
		struct value *root, *a = scalar_of("a: " text "\n", &root); \
		(void)state;						\
		assert_int_equal(a->kind, VALUE_NUM);			\
		assert_false(a->isint);					\
		assert_true(a->num == (want));				\
		value_free(root);					\
	}

RESOLVE_KIND(null_empty, "", VALUE_NULL)
RESOLVE_KIND(null_tilde, "~", VALUE_NULL)
RESOLVE_KIND(null_word, "null", VALUE_NULL)
RESOLVE_KIND(null_title, "Null", VALUE_NULL)
RESOLVE_KIND(null_upper, "NULL", VALUE_NULL)
RESOLVE_STR(null_mixed_is_string, "nULL", "nULL")
RESOLVE_BOOL(bool_true, "true", 1)
RESOLVE_BOOL(bool_true_title, "True", 1)
RESOLVE_BOOL(bool_true_upper, "TRUE", 1)
RESOLVE_BOOL(bool_false, "false", 0)
RESOLVE_BOOL(bool_false_title, "False", 0)
RESOLVE_BOOL(bool_false_upper, "FALSE", 0)
RESOLVE_STR(yes_is_string, "yes", "yes")
RESOLVE_STR(no_is_string, "no", "no")
RESOLVE_STR(on_is_string, "on", "on")
RESOLVE_STR(off_is_string, "off", "off")
RESOLVE_INT(int_zero, "0", 0)
RESOLVE_INT(int_plain, "65515", 65515)
RESOLVE_INT(int_negative, "-17", -17)
RESOLVE_INT(int_plus, "+5", 5)
RESOLVE_INT(int_leading_zero_is_decimal, "017", 17)
RESOLVE_INT(int_hex, "0x1F", 31)
RESOLVE_INT(int_hex_lower, "0xff", 255)
RESOLVE_INT(int_octal, "0o17", 15)
RESOLVE_INT(int_beyond_64_bits, "99999999999999999999", 1e20)
RESOLVE_STR(hex_no_digits_is_string, "0x", "0x")
RESOLVE_STR(hex_bad_digit_is_string, "0x1G", "0x1G")
RESOLVE_STR(hex_twice_is_string, "0x0x10", "0x0x10")
RESOLVE_STR(hex_signed_is_string, "0x-1", "0x-1")
RESOLVE_STR(octal_bad_digit_is_string, "0o8", "0o8")
RESOLVE_STR(negative_hex_is_string, "-0x10", "-0x10")
RESOLVE_FLOAT(float_plain, "1.5", 1.5)
RESOLVE_FLOAT(float_exponent, "-2.5e3", -2500.0)
RESOLVE_FLOAT(float_exponent_no_dot, "1e3", 1000.0)
RESOLVE_FLOAT(float_leading_dot, ".5", 0.5)
RESOLVE_FLOAT(float_trailing_dot, "5.", 5.0)
RESOLVE_FLOAT(float_inf, ".inf", HUGE_VAL)
RESOLVE_FLOAT(float_inf_title, ".Inf", HUGE_VAL)
RESOLVE_FLOAT(float_inf_plus, "+.inf", HUGE_VAL)
RESOLVE_FLOAT(float_inf_negative, "-.inf", -HUGE_VAL)
RESOLVE_STR(inf_word_is_string, "inf", "inf")
RESOLVE_STR(inf_negative_word_is_string, "-inf", "-inf")
RESOLVE_STR(infinity_is_string, "infinity", "infinity")
RESOLVE_STR(nan_word_is_string, "nan", "nan")
RESOLVE_STR(nan_title_is_string, "NaN", "NaN")
RESOLVE_STR(dot_is_string, ".", ".")
RESOLVE_STR(sign_is_string, "+", "+")
RESOLVE_STR(exponent_only_is_string, "1e", "1e")
RESOLVE_STR(two_dots_is_string, "1.2.3", "1.2.3")
RESOLVE_STR(underscore_is_string, "1_000", "1_000")
RESOLVE_STR(prefix_is_string, "10.1.0.0/16", "10.1.0.0/16")
RESOLVE_STR(address_is_string, "10.1.0.4", "10.1.0.4")
RESOLVE_STR(quoted_number_is_string, "\"1\"", "1")
RESOLVE_STR(single_quoted_true_is_string, "'true'", "true")
RESOLVE_STR(quoted_null_is_string, "\"null\"", "null")
RESOLVE_STR(quoted_empty_is_string, "\"\"", "")
RESOLVE_STR(tagged_is_string, "!!str 12", "12")

static void
float_nan(void **state)
{
	struct value	*root, *a = scalar_of("a: .nan\n", &root);

	(void)state;
	assert_int_equal(a->kind, VALUE_NUM);
	assert_false(a->isint);
	assert_true(isnan(a->num));
	value_free(root);
}

static void
quoted_flag(void **state)
{
	struct value	*v = parse_ok("a: \"x\"\nb: x\nc: |\n  x\n");

	(void)state;
	assert_true(value_map_get(v, "a")->quoted);
	assert_false(value_map_get(v, "b")->quoted);
	assert_true(value_map_get(v, "c")->quoted);
	value_free(v);
}

static void
block_scalar_number_is_string(void **state)
{
	struct value	*v = parse_ok("a: >-\n  42\n");

	(void)state;
	assert_int_equal(value_map_get(v, "a")->kind, VALUE_STR);
	assert_string_equal(value_map_get(v, "a")->str, "42");
	value_free(v);
}

/* "\0" in a double-quoted string is a real NUL: len says so. */
static void
quoted_nul_escape_keeps_length(void **state)
{
	struct value	*v = parse_ok("a: \"x\\0y\"\n");
	struct value	*a = value_map_get(v, "a");

	(void)state;
	assert_int_equal(a->kind, VALUE_STR);
	assert_int_equal(a->len, 3);
	assert_int_equal(a->str[1], '\0');
	assert_int_equal(a->str[2], 'y');
	value_free(v);
}

static void
keys_keep_order(void **state)
{
	struct value	*v = parse_ok("z: 1\na: 2\nm: 3\n");

	(void)state;
	assert_string_equal(v->keys[0], "z");
	assert_string_equal(v->keys[1], "a");
	assert_string_equal(v->keys[2], "m");
	value_free(v);
}

/* A number as a key is the key's text. */
static void
number_key_is_text(void **state)
{
	struct value	*v = parse_ok("1: a\n0x10: b\n");

	(void)state;
	assert_string_equal(v->keys[0], "1");
	assert_string_equal(v->keys[1], "0x10");
	value_free(v);
}

/* ---- documents ---- */

static void
empty_input_is_null(void **state)
{
	struct value	*v = parse_ok("");

	(void)state;
	assert_int_equal(v->kind, VALUE_NULL);
	value_free(v);
}

static void
comments_only_is_null(void **state)
{
	struct value	*v = parse_ok("# a comment\n\n   \n# another\n");

	(void)state;
	assert_int_equal(v->kind, VALUE_NULL);
	value_free(v);
}

static void
explicit_document_markers(void **state)
{
	struct value	*v = parse_ok("%YAML 1.2\n---\na: 1\n...\n");

	(void)state;
	assert_int_equal(v->kind, VALUE_MAP);
	assert_int_equal(value_map_get(v, "a")->mark.line, 3);
	value_free(v);
}

static void
root_list(void **state)
{
	struct value	*v = parse_ok("- 1\n- two\n");

	(void)state;
	assert_int_equal(v->kind, VALUE_LIST);
	assert_int_equal(v->n, 2);
	value_free(v);
}

static void
multi_document(void **state)
{
	const char	*s = "a: 1\n---\nb: 2\n";

	(void)state;
	parse_fails(s, strlen(s), 2, 1, "a second YAML document starts "
	    "here; a design file holds exactly one");
}

static void
multi_document_empty_second(void **state)
{
	const char	*s = "---\na: 1\n---\n";

	(void)state;
	parse_fails(s, strlen(s), 3, 1, "a second YAML document");
}

/* ---- anchors and aliases ---- */

static void
alias_copies_mapping(void **state)
{
	struct value	*v = parse_ok("a: &x {k: v, n: 2}\nb: *x\n");
	struct value	*a = value_map_get(v, "a"), *b = value_map_get(v, "b");

	(void)state;
	assert_int_equal(b->kind, VALUE_MAP);
	assert_ptr_not_equal(a, b);
	assert_ptr_not_equal(a->items[0], b->items[0]);
	assert_string_equal(value_map_cstr(b, "k"), "v");
	assert_true(value_map_get(b, "n")->num == 2);
	/* A copy keeps the marks of the anchored node (its "&"). */
	assert_int_equal(b->mark.line, 1);
	assert_int_equal(b->mark.col, 4);
	assert_int_equal(b->key_marks[1].col, 14);
	value_free(v);
}

static void
alias_copies_scalar(void **state)
{
	struct value	*v = parse_ok("a: &x 5\nb: [*x, *x]\n");
	struct value	*b = value_map_get(v, "b");

	(void)state;
	assert_int_equal(b->n, 2);
	assert_int_equal(b->items[1]->kind, VALUE_NUM);
	assert_true(b->items[1]->num == 5);
	value_free(v);
}

/* An anchored key is freed once read; its alias still works. */
static void
alias_of_anchored_key(void **state)
{
	struct value	*v = parse_ok("&k name: 1\nx: *k\n");

	(void)state;
	assert_string_equal(value_map_cstr(v, "x"), "name");
	value_free(v);
}

static void
alias_as_key(void **state)
{
	struct value	*v = parse_ok("a: &k title\n*k : x\n");

	(void)state;
	assert_string_equal(value_map_cstr(v, "title"), "x");
	value_free(v);
}

/* The latest anchor of a name wins, as YAML says. */
static void
alias_redefined_anchor(void **state)
{
	struct value	*v = parse_ok("a: &x 1\nb: &x 2\nc: *x\n");

	(void)state;
	assert_true(value_map_get(v, "c")->num == 2);
	value_free(v);
}

static void
alias_cycle(void **state)
{
	const char	*s = "a: &x [1, *x]\n";

	(void)state;
	parse_fails(s, strlen(s), 1, 11, "alias '*x' refers to a node that "
	    "contains it (an alias cycle)");
}

static void
alias_cycle_nested(void **state)
{
	const char	*s = "a: &x\n  b:\n    c: [*x]\n";

	(void)state;
	parse_fails(s, strlen(s), 3, 9, "an alias cycle");
}

static void
alias_undefined(void **state)
{
	const char	*s = "a: 1\nb: *nope\n";

	(void)state;
	parse_fails(s, strlen(s), 2, 4, "alias '*nope' refers to no anchor");
}

static void
alias_forward(void **state)
{
	const char	*s = "a: *t\nb: &t x\n";

	(void)state;
	parse_fails(s, strlen(s), 1, 4, "refers to no anchor");
}

/* Billion laughs: ten levels of ten aliases each. */
static void
alias_bomb(void **state)
{
	struct buf	 b = BUF_INIT;
	int		 i, j;

	(void)state;
	buf_puts(&b, "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (i = 1; i < 10; i++) {
		buf_printf(&b, "l%d: &l%d [", i, i);
		for (j = 0; j < 10; j++)
			buf_printf(&b, "%s*l%d", j ? ", " : "", i - 1);
		buf_puts(&b, "]\n");
	}
	parse_fails(b.ptr, b.len, 5, 45, "alias expansion copies more than "
	    "the limit");
	buf_release(&b);
}

/* Many small aliases within the budget are fine. */
static void
alias_many_small(void **state)
{
	struct buf	 b = BUF_INIT;
	struct value	*v;
	int		 i;

	(void)state;
	buf_puts(&b, "a: &k {x: 1}\nl:\n");
	for (i = 0; i < 1000; i++)
		buf_puts(&b, "  - *k\n");
	v = parse_ok(b.ptr);
	assert_int_equal(value_map_get(v, "l")->n, 1000);
	value_free(v);
	buf_release(&b);
}

static void
alias_too_deep(void **state)
{
	struct buf	 b = BUF_INIT;
	int		 i;

	(void)state;
	buf_puts(&b, "a: &d ");
	for (i = 0; i < 40; i++)
		buf_putc(&b, '[');
	for (i = 0; i < 40; i++)
		buf_putc(&b, ']');
	buf_puts(&b, "\nb: ");
	for (i = 0; i < 30; i++)
		buf_putc(&b, '[');
	buf_puts(&b, "*d");
	for (i = 0; i < 30; i++)
		buf_putc(&b, ']');
	buf_putc(&b, '\n');
	parse_fails(b.ptr, b.len, 2, 34, "alias '*d' makes nesting deeper "
	    "than the limit of 64 levels");
	buf_release(&b);
}

/* ---- nesting ---- */

/* n opening brackets, then n closing ones. */
static char *
brackets(size_t n, int close)
{
	char	*s = xmalloc(2 * n + 2);
	size_t	 i;

	for (i = 0; i < n; i++)
		s[i] = '[';
	for (i = 0; i < n; i++)
		s[n + i] = close ? ']' : ' ';
	s[2 * n] = '\n';
	s[2 * n + 1] = '\0';
	return s;
}

static void
depth_at_limit(void **state)
{
	char		*s = brackets(LOAD_MAX_DEPTH, 1);
	struct value	*v;

	(void)state;
	v = parse_ok(s);
	assert_int_equal(v->kind, VALUE_LIST);
	value_free(v);
	free(s);
}

static void
depth_over_limit(void **state)
{
	char	*s = brackets(LOAD_MAX_DEPTH + 1, 1);

	(void)state;
	parse_fails(s, strlen(s), 1, LOAD_MAX_DEPTH + 1, "nesting is deeper "
	    "than the limit of 64 levels");
	free(s);
}

static void
depth_hundred_thousand(void **state)
{
	char	*s = brackets(100000, 0);

	(void)state;
	parse_fails(s, strlen(s), 1, LOAD_MAX_DEPTH + 1, "nesting is deeper");
	free(s);
}

static void
depth_block_mappings(void **state)
{
	struct buf	 b = BUF_INIT;
	int		 i;

	(void)state;
	for (i = 0; i < 70; i++)
		buf_printf(&b, "%*sk%d:\n", 2 * i, "", i);
	parse_fails(b.ptr, b.len, 65, 129, "nesting is deeper");
	buf_release(&b);
}

/* ---- keys ---- */

static void
duplicate_key(void **state)
{
	const char	*s = "a: 1\nb: 2\na: 3\n";

	(void)state;
	parse_fails(s, strlen(s), 3, 1, "duplicate key 'a' (first given at "
	    "line 1, column 1)");
}

static void
duplicate_key_nested(void **state)
{
	const char	*s = "top:\n  x: 1\n  y: 2\n  x: 3\n";

	(void)state;
	parse_fails(s, strlen(s), 4, 3, "duplicate key 'x' (first given at "
	    "line 2, column 3)");
}

static void
duplicate_key_flow(void **state)
{
	const char	*s = "m: {k: 1, k: 2}\n";

	(void)state;
	parse_fails(s, strlen(s), 1, 11, "duplicate key 'k' (first given at "
	    "line 1, column 5)");
}

/* Different text, same meaning: still two keys (keys are text). */
static void
same_number_different_text(void **state)
{
	struct value	*v = parse_ok("1: a\n01: b\n");

	(void)state;
	assert_int_equal(v->n, 2);
	value_free(v);
}

static void
key_sequence(void **state)
{
	const char	*s = "a: 1\n? [b, c]\n: 2\n";

	(void)state;
	parse_fails(s, strlen(s), 2, 3, "a mapping key must be a scalar, not "
	    "a sequence");
}

static void
key_mapping(void **state)
{
	const char	*s = "{a: 1}: x\n";

	(void)state;
	parse_fails(s, strlen(s), 1, 1, "a mapping key must be a scalar, not "
	    "a mapping");
}

static void
key_alias_to_sequence(void **state)
{
	const char	*s = "a: &l [1]\n*l : 2\n";

	(void)state;
	parse_fails(s, strlen(s), 1, 4, "a mapping key must be a scalar, not "
	    "a sequence");
}

/* ---- syntax and bytes ---- */

static void
syntax_error_with_context(void **state)
{
	const char	*s = "a: [1, 2\nb: 3\n";

	(void)state;
	parse_fails(s, strlen(s), 2, 2, "YAML: did not find expected ',' or "
	    "']' while parsing a flow sequence (line 1, column 4)");
}

static void
syntax_error_without_context(void **state)
{
	const char	*s = "a: b: c\n";

	(void)state;
	parse_fails(s, strlen(s), 1, 5, "YAML: mapping values are not allowed "
	    "in this context");
}

static void
unclosed_quote(void **state)
{
	const char	*s = "a: \"abc\n";

	(void)state;
	parse_fails(s, strlen(s), 2, 1, "while scanning a quoted scalar (line "
	    "1, column 4)");
}

static void
tab_indent(void **state)
{
	const char	*s = "a:\n\tb: 1\n";

	(void)state;
	parse_fails(s, strlen(s), 2, 1, "a tab character here; YAML indents "
	    "with spaces only");
}

static void
invalid_utf8(void **state)
{
	const char	*s = "a: 1\nb: x\xe9y\n";

	(void)state;
	parse_fails(s, strlen(s), 2, 5, "(in the sequence starting with byte "
	    "0xe9 at offset 9); a design must be UTF-8 text");
}

static void
invalid_utf8_lead_byte(void **state)
{
	const char	*s = "a: \xff\n";

	(void)state;
	parse_fails(s, strlen(s), 1, 4, "invalid leading UTF-8 octet (byte "
	    "0xff at offset 3)");
}

/* libyaml's problem_value is a code point here; the byte is shown. */
static void
invalid_utf8_overlong(void **state)
{
	const char	*s = "a: x\xc0\xafy\n";

	(void)state;
	parse_fails(s, strlen(s), 1, 5, "invalid length of a UTF-8 sequence "
	    "(byte 0xc0 at offset 4)");
}

static void
invalid_utf8_surrogate(void **state)
{
	const char	*s = "a: \xed\xa0\x80\n";

	(void)state;
	parse_fails(s, strlen(s), 1, 4, "invalid Unicode character (byte 0xed "
	    "at offset 3)");
}

static void
nul_byte(void **state)
{
	static const char s[] = "a: 1\nb: x\0y\n";

	(void)state;
	parse_fails(s, sizeof(s) - 1, 2, 5, "control characters are not "
	    "allowed (byte 0x00 at offset 9)");
}

static void
control_character(void **state)
{
	const char	*s = "a: \x07\n";

	(void)state;
	parse_fails(s, strlen(s), 1, 4, "(byte 0x07 at offset 3)");
}

/* ---- files ---- */

/* Writes len bytes of c to a new temporary file; returns its path. */
static char *
temp_file(size_t len, int c)
{
	char	*path = xstrdup("/tmp/hybridoc-test-load-XXXXXX");
	char	 chunk[65536];
	int	 fd;
	size_t	 n;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	memset(chunk, c, sizeof(chunk));
	while (len > 0) {
		n = len < sizeof(chunk) ? len : sizeof(chunk);
		assert_int_equal(write(fd, chunk, n), (ssize_t)n);
		len -= n;
	}
	close(fd);
	return path;
}

static void
file_reads_whole(void **state)
{
	char		*path = temp_file(100000, 'x');
	char		*data = NULL;
	size_t		 len = 0;
	struct diags	 d;

	(void)state;
	diags_init(&d);
	assert_true(load_file(path, &data, &len, &d));
	assert_int_equal(len, 100000);
	assert_int_equal(data[len], '\0');
	assert_int_equal(data[99999], 'x');
	free(data);
	diags_release(&d);
	unlink(path);
	free(path);
}

static void
file_missing(void **state)
{
	char		*data = NULL;
	size_t		 len = 0;
	struct diags	 d;

	(void)state;
	diags_init(&d);
	assert_false(load_file("/nonexistent/hybridoc.yaml", &data, &len,
	    &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "/nonexistent/hybridoc.yaml");
	assert_int_equal(d.v[0].mark.line, 0);
	assert_string_equal(d.v[0].msg,
	    "cannot open: No such file or directory");
	diags_release(&d);
}

static void
file_is_directory(void **state)
{
	char		*data = NULL;
	size_t		 len = 0;
	struct diags	 d;

	(void)state;
	diags_init(&d);
	assert_false(load_file("/tmp", &data, &len, &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].msg, "cannot read: Is a directory");
	diags_release(&d);
}

static void
file_over_limit(void **state)
{
	char		*path = temp_file(LOAD_MAX_BYTES + 1, '#');
	char		*data = NULL;
	size_t		 len = 0;
	struct diags	 d;

	(void)state;
	diags_init(&d);
	assert_false(load_file(path, &data, &len, &d));
	assert_null(data);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].msg, "file is larger than the limit of 8 "
	    "MiB for a design");
	diags_release(&d);
	unlink(path);
	free(path);
}

static void
file_at_limit(void **state)
{
	char		*path = temp_file(LOAD_MAX_BYTES, '#');
	char		*data = NULL;
	size_t		 len = 0;
	struct diags	 d;

	(void)state;
	diags_init(&d);
	assert_true(load_file(path, &data, &len, &d));
	assert_int_equal(len, LOAD_MAX_BYTES);
	free(data);
	diags_release(&d);
	unlink(path);
	free(path);
}

/* load_yaml refuses a length over the limit before reading any byte. */
static void
yaml_over_limit(void **state)
{
	struct diags	 d;
	struct value	*v;

	(void)state;
	diags_init(&d);
	assert_false(load_yaml("big.yaml", "", (size_t)LOAD_MAX_BYTES + 1, &v,
	    &d));
	assert_null(v);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "larger than the limit"));
	diags_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(marks_scalar_values),
		cmocka_unit_test(marks_keys),
		cmocka_unit_test(marks_list_items),
		cmocka_unit_test(marks_flow_mapping),
		cmocka_unit_test(marks_block_scalar),
		cmocka_unit_test(marks_count_characters),
		cmocka_unit_test(marks_crlf),
		cmocka_unit_test(null_empty),
		cmocka_unit_test(null_tilde),
		cmocka_unit_test(null_word),
		cmocka_unit_test(null_title),
		cmocka_unit_test(null_upper),
		cmocka_unit_test(null_mixed_is_string),
		cmocka_unit_test(bool_true),
		cmocka_unit_test(bool_true_title),
		cmocka_unit_test(bool_true_upper),
		cmocka_unit_test(bool_false),
		cmocka_unit_test(bool_false_title),
		cmocka_unit_test(bool_false_upper),
		cmocka_unit_test(yes_is_string),
		cmocka_unit_test(no_is_string),
		cmocka_unit_test(on_is_string),
		cmocka_unit_test(off_is_string),
		cmocka_unit_test(int_zero),
		cmocka_unit_test(int_plain),
		cmocka_unit_test(int_negative),
		cmocka_unit_test(int_plus),
		cmocka_unit_test(int_leading_zero_is_decimal),
		cmocka_unit_test(int_hex),
		cmocka_unit_test(int_hex_lower),
		cmocka_unit_test(int_octal),
		cmocka_unit_test(int_beyond_64_bits),
		cmocka_unit_test(hex_no_digits_is_string),
		cmocka_unit_test(hex_bad_digit_is_string),
		cmocka_unit_test(hex_twice_is_string),
		cmocka_unit_test(hex_signed_is_string),
		cmocka_unit_test(octal_bad_digit_is_string),
		cmocka_unit_test(negative_hex_is_string),
		cmocka_unit_test(float_plain),
		cmocka_unit_test(float_exponent),
		cmocka_unit_test(float_exponent_no_dot),
		cmocka_unit_test(float_leading_dot),
		cmocka_unit_test(float_trailing_dot),
		cmocka_unit_test(float_inf),
		cmocka_unit_test(float_inf_title),
		cmocka_unit_test(float_inf_plus),
		cmocka_unit_test(float_inf_negative),
		cmocka_unit_test(float_nan),
		cmocka_unit_test(inf_word_is_string),
		cmocka_unit_test(inf_negative_word_is_string),
		cmocka_unit_test(infinity_is_string),
		cmocka_unit_test(nan_word_is_string),
		cmocka_unit_test(nan_title_is_string),
		cmocka_unit_test(dot_is_string),
		cmocka_unit_test(sign_is_string),
		cmocka_unit_test(exponent_only_is_string),
		cmocka_unit_test(two_dots_is_string),
		cmocka_unit_test(underscore_is_string),
		cmocka_unit_test(prefix_is_string),
		cmocka_unit_test(address_is_string),
		cmocka_unit_test(quoted_number_is_string),
		cmocka_unit_test(single_quoted_true_is_string),
		cmocka_unit_test(quoted_null_is_string),
		cmocka_unit_test(quoted_empty_is_string),
		cmocka_unit_test(tagged_is_string),
		cmocka_unit_test(quoted_flag),
		cmocka_unit_test(block_scalar_number_is_string),
		cmocka_unit_test(quoted_nul_escape_keeps_length),
		cmocka_unit_test(keys_keep_order),
		cmocka_unit_test(number_key_is_text),
		cmocka_unit_test(empty_input_is_null),
		cmocka_unit_test(comments_only_is_null),
		cmocka_unit_test(explicit_document_markers),
		cmocka_unit_test(root_list),
		cmocka_unit_test(multi_document),
		cmocka_unit_test(multi_document_empty_second),
		cmocka_unit_test(alias_copies_mapping),
		cmocka_unit_test(alias_copies_scalar),
		cmocka_unit_test(alias_of_anchored_key),
		cmocka_unit_test(alias_as_key),
		cmocka_unit_test(alias_redefined_anchor),
		cmocka_unit_test(alias_cycle),
		cmocka_unit_test(alias_cycle_nested),
		cmocka_unit_test(alias_undefined),
		cmocka_unit_test(alias_forward),
		cmocka_unit_test(alias_bomb),
		cmocka_unit_test(alias_many_small),
		cmocka_unit_test(alias_too_deep),
		cmocka_unit_test(depth_at_limit),
		cmocka_unit_test(depth_over_limit),
		cmocka_unit_test(depth_hundred_thousand),
		cmocka_unit_test(depth_block_mappings),
		cmocka_unit_test(duplicate_key),
		cmocka_unit_test(duplicate_key_nested),
		cmocka_unit_test(duplicate_key_flow),
		cmocka_unit_test(same_number_different_text),
		cmocka_unit_test(key_sequence),
		cmocka_unit_test(key_mapping),
		cmocka_unit_test(key_alias_to_sequence),
		cmocka_unit_test(syntax_error_with_context),
		cmocka_unit_test(syntax_error_without_context),
		cmocka_unit_test(unclosed_quote),
		cmocka_unit_test(tab_indent),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(invalid_utf8_lead_byte),
		cmocka_unit_test(invalid_utf8_overlong),
		cmocka_unit_test(invalid_utf8_surrogate),
		cmocka_unit_test(nul_byte),
		cmocka_unit_test(control_character),
		cmocka_unit_test(file_reads_whole),
		cmocka_unit_test(file_missing),
		cmocka_unit_test(file_is_directory),
		cmocka_unit_test(file_over_limit),
		cmocka_unit_test(file_at_limit),
		cmocka_unit_test(yaml_over_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Unit tests for gen/1-base/prefix.c: the parser's status for each kind of
 * bad text, RFC 5952 formatting, and the arithmetic the rules stage
 * relies on (contain, overlap, order, nth/last address, private space).
 * Most cases are one line each through the *_TEST macros so that every
 * edge case shows up as its own named test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hybridoc/prefix.h"

/* Parses s as a prefix and checks the status. */
static void
check_parse(const char *s, enum prefix_status want)
{
	struct prefix	 p;
	enum prefix_status st;

	st = prefix_parse(s, &p);
	if (st != want)
		fail_msg("prefix_parse(\"%s\") = %d (%s), want %d (%s)", s,
		    (int)st, prefix_status_str(st), (int)want,
		    prefix_status_str(want));
}

/* Parses in (prefix if it has a '/', else address), formats, compares. */
static void
check_format(const char *in, const char *want)
{
	struct prefix	 p;
	char		 out[PREFIX_STRLEN];
	enum prefix_status st;

	st = strchr(in, '/') != NULL ? prefix_parse(in, &p) :
	    addr_parse(in, &p);
	if (st != PREFIX_OK)
		fail_msg("parse(\"%s\") = %s", in, prefix_status_str(st));
	assert_string_equal(prefix_format(&p, out, 1), want);
}

static struct prefix
P(const char *s)
{
	struct prefix	 p;
	enum prefix_status st;

	st = strchr(s, '/') != NULL ? prefix_parse(s, &p) : addr_parse(s, &p);
	if (st != PREFIX_OK)
		fail_msg("test input \"%s\" does not parse: %s", s,
		    prefix_status_str(st));
	return p;
}

/* Formatted text of p with its length. */
static const char *
F(const struct prefix *p, char *out)
{
	return prefix_format(p, out, 1);
}

#define PARSE_TEST(name, s, st)						\
	static void name(void **state)					\
	{								\
		(void)state;						\
		check_parse(s, st);					\
	}

#define FORMAT_TEST(name, in, want)					\
	static void name(void **state)					\
	{								\
		(void)state;						\
		check_format(in, want);					\
	}

#define CONTAINS_TEST(name, outer, inner, want)				\
	static void name(void **state)					\
	{								\
		struct prefix o = P(outer), i = P(inner);		\
		(void)state;						\
		assert_int_equal(prefix_contains(&o, &i) != 0, want);	\
	}

#define OVERLAP_TEST(name, a, b, want)					\
	static void name(void **state)					\
	{								\
		struct prefix x = P(a), y = P(b);			\
		(void)state;						\
		assert_int_equal(prefix_overlap(&x, &y) != 0, want);	\
		assert_int_equal(prefix_overlap(&y, &x) != 0, want);	\
	}

#define NTH_TEST(name, pfx, n, want)					\
	static void name(void **state)					\
	{								\
		struct prefix p = P(pfx), r;				\
		char out[PREFIX_STRLEN];				\
		(void)state;						\
		r = prefix_nth(&p, n);					\
		assert_string_equal(F(&r, out), want);			\
	}

#define LAST_TEST(name, pfx, want)					\
	static void name(void **state)					\
	{								\
		struct prefix p = P(pfx), r;				\
		char out[PREFIX_STRLEN];				\
		(void)state;						\
		r = prefix_last(&p);					\
		assert_string_equal(F(&r, out), want);			\
	}

/* IPv4: valid forms. */
PARSE_TEST(v4_ok, "10.1.0.0/16", PREFIX_OK)
PARSE_TEST(v4_len0, "0.0.0.0/0", PREFIX_OK)
PARSE_TEST(v4_len32, "10.1.2.3/32", PREFIX_OK)
PARSE_TEST(v4_all_255, "255.255.255.255/32", PREFIX_OK)
PARSE_TEST(v4_len31_aligned, "10.0.0.2/31", PREFIX_OK)

/* IPv4: octets. */
PARSE_TEST(v4_leading_zero_first, "010.0.0.0/8", PREFIX_SYNTAX)
PARSE_TEST(v4_leading_zero_inner, "10.01.0.0/16", PREFIX_SYNTAX)
PARSE_TEST(v4_leading_zero_00, "10.00.0.0/16", PREFIX_SYNTAX)
PARSE_TEST(v4_octet_256, "10.256.0.0/16", PREFIX_SYNTAX)
PARSE_TEST(v4_octet_999, "999.0.0.0/8", PREFIX_SYNTAX)
PARSE_TEST(v4_octet_4digits, "10.1000.0.0/16", PREFIX_SYNTAX)
PARSE_TEST(v4_three_octets, "10.0.0/24", PREFIX_SYNTAX)
PARSE_TEST(v4_five_octets, "10.0.0.0.0/24", PREFIX_SYNTAX)
PARSE_TEST(v4_empty_octet, "10..0.0/24", PREFIX_SYNTAX)
PARSE_TEST(v4_trailing_dot, "10.0.0./24", PREFIX_SYNTAX)
PARSE_TEST(v4_leading_dot, ".10.0.0/24", PREFIX_SYNTAX)
PARSE_TEST(v4_plus_sign, "+10.0.0.0/8", PREFIX_SYNTAX)
PARSE_TEST(v4_minus_octet, "10.-1.0.0/16", PREFIX_SYNTAX)
PARSE_TEST(v4_hex_octet, "0x0a.0.0.0/8", PREFIX_SYNTAX)
PARSE_TEST(v4_letter, "10.a.0.0/16", PREFIX_SYNTAX)
PARSE_TEST(v4_leading_space, " 10.0.0.0/8", PREFIX_SYNTAX)
PARSE_TEST(v4_space_before_slash, "10.0.0.0 /8", PREFIX_SYNTAX)
PARSE_TEST(v4_bad_addr_and_len, "foo/99", PREFIX_SYNTAX)

/* The length. */
PARSE_TEST(len_trailing_garbage, "10.0.0.0/24x", PREFIX_BADLEN)
PARSE_TEST(len_trailing_space, "10.0.0.0/24 ", PREFIX_BADLEN)
PARSE_TEST(len_leading_space, "10.0.0.0/ 24", PREFIX_BADLEN)
PARSE_TEST(len_leading_zero, "10.0.0.0/024", PREFIX_BADLEN)
PARSE_TEST(len_double_zero, "0.0.0.0/00", PREFIX_BADLEN)
PARSE_TEST(len_empty, "10.0.0.0/", PREFIX_BADLEN)
PARSE_TEST(len_v4_33, "10.0.0.0/33", PREFIX_BADLEN)
PARSE_TEST(len_v4_huge, "10.0.0.0/4294967328", PREFIX_BADLEN)
PARSE_TEST(len_negative, "10.0.0.0/-1", PREFIX_BADLEN)
PARSE_TEST(len_plus, "10.0.0.0/+8", PREFIX_BADLEN)
PARSE_TEST(len_second_slash, "10.0.0.0/24/8", PREFIX_BADLEN)
PARSE_TEST(len_v6_129, "2001:db8::/129", PREFIX_BADLEN)
PARSE_TEST(len_v6_128, "2001:db8::1/128", PREFIX_OK)
PARSE_TEST(len_v6_0, "::/0", PREFIX_OK)

/* No length, or nothing at all. */
PARSE_TEST(nolen_v4, "10.0.0.0", PREFIX_NOLEN)
PARSE_TEST(nolen_v6, "::1", PREFIX_NOLEN)
PARSE_TEST(nolen_garbage, "foo", PREFIX_SYNTAX)
PARSE_TEST(empty_string, "", PREFIX_SYNTAX)
PARSE_TEST(only_len, "/24", PREFIX_SYNTAX)

/* Host bits. */
PARSE_TEST(hostbits_v4, "10.1.2.0/16", PREFIX_HOSTBITS)
PARSE_TEST(hostbits_v4_len0, "10.0.0.0/0", PREFIX_HOSTBITS)
PARSE_TEST(hostbits_v4_len31, "10.0.0.1/31", PREFIX_HOSTBITS)
PARSE_TEST(hostbits_v6, "2001:db8::1/64", PREFIX_HOSTBITS)
PARSE_TEST(hostbits_v6_partial_byte, "2001:db8:4000::/33", PREFIX_HOSTBITS)

/* IPv6 text forms. */
PARSE_TEST(v6_unspecified, "::/128", PREFIX_OK)
PARSE_TEST(v6_loopback, "::1/128", PREFIX_OK)
PARSE_TEST(v6_trailing_dc, "1::/16", PREFIX_OK)
PARSE_TEST(v6_inner_dc, "1::2/128", PREFIX_OK)
PARSE_TEST(v6_full, "2001:db8:0:0:0:0:0:1/128", PREFIX_OK)
PARSE_TEST(v6_dc_one_group_end, "1:2:3:4:5:6:7::/128", PREFIX_OK)
PARSE_TEST(v6_dc_one_group_start, "::2:3:4:5:6:7:8/128", PREFIX_OK)
PARSE_TEST(v6_dc_one_group_mid, "1:2:3::5:6:7:8/128", PREFIX_OK)
PARSE_TEST(v6_four_digit_zeros, "0001:0db8::/32", PREFIX_OK)
PARSE_TEST(v6_upper_case, "2001:DB8::ABCD/128", PREFIX_OK)
PARSE_TEST(v6_too_many_groups, "1:2:3:4:5:6:7:8:9/128", PREFIX_SYNTAX)
PARSE_TEST(v6_too_few_groups, "1:2:3:4:5:6:7/128", PREFIX_SYNTAX)
PARSE_TEST(v6_dc_with_8_groups, "1:2:3:4::5:6:7:8/128", PREFIX_SYNTAX)
PARSE_TEST(v6_two_dc, "1::2::3/128", PREFIX_SYNTAX)
PARSE_TEST(v6_two_dc_ends, "::1::/128", PREFIX_SYNTAX)
PARSE_TEST(v6_triple_colon, ":::/128", PREFIX_SYNTAX)
PARSE_TEST(v6_triple_colon_inner, "1:::2/128", PREFIX_SYNTAX)
PARSE_TEST(v6_lone_leading_colon, ":1::2/128", PREFIX_SYNTAX)
PARSE_TEST(v6_lone_trailing_colon, "1::2:/128", PREFIX_SYNTAX)
PARSE_TEST(v6_full_trailing_colon, "1:2:3:4:5:6:7:8:/128", PREFIX_SYNTAX)
PARSE_TEST(v6_single_colon, ":/128", PREFIX_SYNTAX)
PARSE_TEST(v6_five_digits, "12345::/16", PREFIX_SYNTAX)
PARSE_TEST(v6_five_digits_zero, "00000::/16", PREFIX_SYNTAX)
PARSE_TEST(v6_not_hex, "2001:db8::g/128", PREFIX_SYNTAX)
PARSE_TEST(v6_zone_id, "fe80::1%eth0/128", PREFIX_SYNTAX)
PARSE_TEST(v6_space, "2001:db8:: /48", PREFIX_SYNTAX)

/* IPv6 with an embedded dotted quad. */
PARSE_TEST(v6_quad_mapped, "::ffff:1.2.3.4/128", PREFIX_OK)
PARSE_TEST(v6_quad_after_dc, "::1.2.3.4/128", PREFIX_OK)
PARSE_TEST(v6_quad_six_groups, "1:2:3:4:5:6:1.2.3.4/128", PREFIX_OK)
PARSE_TEST(v6_quad_seven_groups, "1:2:3:4:5:6:7:1.2.3.4/128", PREFIX_SYNTAX)
PARSE_TEST(v6_quad_dc_six_groups, "1:2:3::4:5:6:1.2.3.4/128", PREFIX_SYNTAX)
PARSE_TEST(v6_quad_not_last, "::1.2.3.4:5/128", PREFIX_SYNTAX)
PARSE_TEST(v6_quad_first, "1.2.3.4::/128", PREFIX_SYNTAX)
PARSE_TEST(v6_quad_leading_zero, "::ffff:1.2.3.04/128", PREFIX_SYNTAX)
PARSE_TEST(v6_quad_three_octets, "::ffff:1.2.3/128", PREFIX_SYNTAX)
PARSE_TEST(v6_quad_octet_256, "::ffff:1.2.3.256/128", PREFIX_SYNTAX)
PARSE_TEST(v6_quad_hex_octet, "::ffff:1.2.3.a/128", PREFIX_SYNTAX)

static void
parse_v4_bytes(void **state)
{
	struct prefix	 p;
	static const unsigned char want[16] = { 192, 168, 10, 0 };

	(void)state;
	assert_int_equal(prefix_parse("192.168.10.0/24", &p), PREFIX_OK);
	assert_int_equal(p.family, 4);
	assert_int_equal(p.len, 24);
	assert_memory_equal(p.addr, want, 16);
}

static void
parse_v6_bytes(void **state)
{
	struct prefix	 p;
	static const unsigned char want[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0xab, 0xcd
	};

	(void)state;
	assert_int_equal(prefix_parse("2001:DB8::aBcD/128", &p), PREFIX_OK);
	assert_int_equal(p.family, 6);
	assert_int_equal(p.len, 128);
	assert_memory_equal(p.addr, want, 16);
}

static void
parse_v6_dc_placement(void **state)
{
	struct prefix	 p;
	static const unsigned char want[16] = {
		0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 4
	};

	(void)state;
	assert_int_equal(prefix_parse("1:2::3:4/128", &p), PREFIX_OK);
	assert_memory_equal(p.addr, want, 16);
}

static void
parse_v6_quad_bytes(void **state)
{
	struct prefix	 p;
	static const unsigned char want[16] = {
		0, 0x64, 0xff, 0x9b, 0, 0, 0, 0,
		0, 0, 0, 0, 192, 0, 2, 33
	};

	(void)state;
	assert_int_equal(prefix_parse("64:ff9b::192.0.2.33/128", &p),
	    PREFIX_OK);
	assert_memory_equal(p.addr, want, 16);
}

static void
parse_error_zeroes(void **state)
{
	static const char *const bad[] = {
		"010.0.0.0/8", "10.0.0.0", "10.0.0.0/33", "1::2::3/64", NULL
	};
	struct prefix	 p, zero;
	size_t		 i;

	(void)state;
	memset(&zero, 0, sizeof(zero));
	for (i = 0; bad[i] != NULL; i++) {
		memset(&p, 0xa5, sizeof(p));
		assert_int_not_equal(prefix_parse(bad[i], &p), PREFIX_OK);
		assert_memory_equal(&p, &zero, sizeof(p));
	}
}

static void
parse_null(void **state)
{
	struct prefix	 p;

	(void)state;
	assert_int_equal(prefix_parse(NULL, &p), PREFIX_SYNTAX);
	assert_int_equal(addr_parse(NULL, &p), PREFIX_SYNTAX);
}

static void
hostbits_keeps_value_v4(void **state)
{
	struct prefix	 p;
	char		 out[PREFIX_STRLEN];

	(void)state;
	assert_int_equal(prefix_parse("10.1.2.3/16", &p), PREFIX_HOSTBITS);
	assert_string_equal(F(&p, out), "10.1.2.3/16");
	assert_true(prefix_has_host_bits(&p));
	prefix_normalize(&p);
	assert_false(prefix_has_host_bits(&p));
	assert_string_equal(F(&p, out), "10.1.0.0/16");
}

static void
hostbits_keeps_value_v6(void **state)
{
	struct prefix	 p;
	char		 out[PREFIX_STRLEN];

	(void)state;
	assert_int_equal(prefix_parse("2001:db8:abcd:12::1/33", &p),
	    PREFIX_HOSTBITS);
	prefix_normalize(&p);
	assert_string_equal(F(&p, out), "2001:db8:8000::/33");
}

static void
normalize_len0(void **state)
{
	struct prefix	 p;
	char		 out[PREFIX_STRLEN];

	(void)state;
	assert_int_equal(prefix_parse("255.1.2.3/0", &p), PREFIX_HOSTBITS);
	prefix_normalize(&p);
	assert_string_equal(F(&p, out), "0.0.0.0/0");
}

static void
normalize_clean_unchanged(void **state)
{
	struct prefix	 p = P("10.1.0.0/16"), q;

	(void)state;
	q = p;
	prefix_normalize(&q);
	assert_memory_equal(&p, &q, sizeof(p));
}

static void
normalize_full_length(void **state)
{
	struct prefix	 p = P("2001:db8::ffff"), q;

	(void)state;
	q = p;
	prefix_normalize(&q);
	assert_memory_equal(&p, &q, sizeof(p));
	assert_false(prefix_has_host_bits(&p));
}

/* addr_parse. */
static void
addr_v4(void **state)
{
	struct prefix	 p;

	(void)state;
	assert_int_equal(addr_parse("20.62.10.4", &p), PREFIX_OK);
	assert_int_equal(p.family, 4);
	assert_int_equal(p.len, 32);
}

static void
addr_v6(void **state)
{
	struct prefix	 p;

	(void)state;
	assert_int_equal(addr_parse("2001:db8::1", &p), PREFIX_OK);
	assert_int_equal(p.family, 6);
	assert_int_equal(p.len, 128);
}

static void
addr_with_len(void **state)
{
	struct prefix	 p;

	(void)state;
	assert_int_equal(addr_parse("10.0.0.1/32", &p), PREFIX_SYNTAX);
	assert_int_equal(p.family, 0);
}

static void
addr_leading_zero(void **state)
{
	struct prefix	 p;

	(void)state;
	assert_int_equal(addr_parse("10.0.0.01", &p), PREFIX_SYNTAX);
}

static void
addr_empty(void **state)
{
	struct prefix	 p;

	(void)state;
	assert_int_equal(addr_parse("", &p), PREFIX_SYNTAX);
}

static void
status_strings(void **state)
{
	enum prefix_status st, st2;

	(void)state;
	for (st = PREFIX_OK; st <= PREFIX_HOSTBITS; st++) {
		assert_non_null(prefix_status_str(st));
		assert_true(prefix_status_str(st)[0] != '\0');
		for (st2 = PREFIX_OK; st2 < st; st2++)
			assert_string_not_equal(prefix_status_str(st),
			    prefix_status_str(st2));
	}
	assert_string_equal(prefix_status_str(PREFIX_HOSTBITS),
	    "host bits are set");
	assert_non_null(prefix_status_str((enum prefix_status)99));
}

/* Formatting: RFC 5952 and dotted quads. */
FORMAT_TEST(fmt_v4, "10.1.0.0/16", "10.1.0.0/16")
FORMAT_TEST(fmt_v4_zero, "0.0.0.0/0", "0.0.0.0/0")
FORMAT_TEST(fmt_v4_max, "255.255.255.255", "255.255.255.255/32")
FORMAT_TEST(fmt_v6_unspecified, "::", "::/128")
FORMAT_TEST(fmt_v6_loopback, "::1", "::1/128")
FORMAT_TEST(fmt_v6_trailing, "1::", "1::/128")
FORMAT_TEST(fmt_v6_inner, "1::2", "1::2/128")
FORMAT_TEST(fmt_v6_expanded_start, "0:0:0:0:0:0:0:1", "::1/128")
FORMAT_TEST(fmt_v6_expanded_end, "1:0:0:0:0:0:0:0", "1::/128")
FORMAT_TEST(fmt_v6_lowercase, "2001:DB8::ABCD", "2001:db8::abcd/128")
FORMAT_TEST(fmt_v6_strip_zeros, "2001:0db8:0000::0001", "2001:db8::1/128")
FORMAT_TEST(fmt_v6_leftmost_tie, "2001:db8:0:0:1:0:0:1",
    "2001:db8::1:0:0:1/128")
FORMAT_TEST(fmt_v6_longest_run, "2001:0:0:1:0:0:0:1", "2001:0:0:1::1/128")
FORMAT_TEST(fmt_v6_single_zero_mid, "2001:db8:0:1:1:1:1:1",
    "2001:db8:0:1:1:1:1:1/128")
FORMAT_TEST(fmt_v6_single_zero_first, "::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8/128")
FORMAT_TEST(fmt_v6_single_zero_last, "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0/128")
FORMAT_TEST(fmt_v6_no_zero, "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8/128")
FORMAT_TEST(fmt_v6_two_zeros_end, "1:2:3:4:5:6:0:0", "1:2:3:4:5:6::/128")
FORMAT_TEST(fmt_v6_prefix, "2001:db8:0:0::/64", "2001:db8::/64")
FORMAT_TEST(fmt_v6_mapped, "::ffff:1.2.3.4", "::ffff:1.2.3.4/128")
FORMAT_TEST(fmt_v6_mapped_hex, "::ffff:102:304", "::ffff:1.2.3.4/128")
FORMAT_TEST(fmt_v6_compat_hex, "::1.2.3.4", "::102:304/128")
FORMAT_TEST(fmt_v6_nat64, "64:ff9b::192.0.2.33", "64:ff9b::c000:221/128")
FORMAT_TEST(fmt_v6_max, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")

static void
fmt_without_len(void **state)
{
	struct prefix	 a = P("10.1.0.0/16"), b = P("2001:db8::/32");
	char		 out[PREFIX_STRLEN];

	(void)state;
	assert_string_equal(prefix_format(&a, out, 0), "10.1.0.0");
	assert_string_equal(prefix_format(&b, out, 0), "2001:db8::");
}

static void
fmt_returns_out(void **state)
{
	struct prefix	 a = P("10.1.0.0/16");
	char		 out[PREFIX_STRLEN];

	(void)state;
	assert_ptr_equal(prefix_format(&a, out, 1), out);
}

static void
fmt_family_none(void **state)
{
	struct prefix	 p;
	char		 out[PREFIX_STRLEN] = "junk";

	(void)state;
	memset(&p, 0, sizeof(p));
	assert_string_equal(prefix_format(&p, out, 1), "");
}

static void
fmt_round_trip(void **state)
{
	static const char *const canon[] = {
		"0.0.0.0/0", "10.0.0.0/8", "192.168.100.128/30",
		"255.255.255.255/32", "::/0", "::1/128", "2001:db8::/32",
		"fe80::/10", "fd00:1:2:3::/64", "2001:db8:0:1::/64",
		"2001:db8::1:0:0:1/128", "1:0:0:2::/64",
		"2603:1030:0:5::2/127", "::ffff:10.1.2.3/128",
		"1:2:3:4:5:6:7:8/128", NULL
	};
	char		 out[PREFIX_STRLEN];
	struct prefix	 p;
	size_t		 i;

	(void)state;
	for (i = 0; canon[i] != NULL; i++) {
		p = P(canon[i]);
		assert_string_equal(F(&p, out), canon[i]);
	}
}

/* Order. */
static void
cmp_family_first(void **state)
{
	struct prefix	 a = P("255.255.255.255/32"), b = P("::/0");

	(void)state;
	assert_true(prefix_cmp(&a, &b) < 0);
	assert_true(prefix_cmp(&b, &a) > 0);
}

static void
cmp_address_then_len(void **state)
{
	struct prefix	 a = P("10.0.0.0/8"), b = P("10.0.0.0/16"),
			 c = P("10.1.0.0/16"), d = P("9.0.0.0/32");

	(void)state;
	assert_true(prefix_cmp(&a, &b) < 0);
	assert_true(prefix_cmp(&b, &c) < 0);
	assert_true(prefix_cmp(&a, &c) < 0);
	assert_true(prefix_cmp(&d, &a) < 0);
	assert_true(prefix_cmp(&c, &a) > 0);
}

static void
cmp_equal(void **state)
{
	struct prefix	 a = P("2001:db8::/32"), b = P("2001:DB8:0::/32");

	(void)state;
	assert_int_equal(prefix_cmp(&a, &b), 0);
	assert_int_equal(prefix_cmp(&a, &a), 0);
}

static void
cmp_v6_bytes(void **state)
{
	struct prefix	 a = P("2001:db8::ffff/128"), b = P("2001:db8:1::/48");

	(void)state;
	assert_true(prefix_cmp(&a, &b) < 0);
	assert_true(prefix_cmp(&b, &a) > 0);
}

/* Containment. */
CONTAINS_TEST(contains_nested, "10.0.0.0/8", "10.1.0.0/16", 1)
CONTAINS_TEST(contains_not_reverse, "10.1.0.0/16", "10.0.0.0/8", 0)
CONTAINS_TEST(contains_self, "10.1.0.0/16", "10.1.0.0/16", 1)
CONTAINS_TEST(contains_disjoint, "10.0.0.0/8", "11.0.0.0/16", 0)
CONTAINS_TEST(contains_last_addr, "10.0.0.0/8", "10.255.255.255", 1)
CONTAINS_TEST(contains_partial_byte_in, "10.0.0.0/25", "10.0.0.127", 1)
CONTAINS_TEST(contains_partial_byte_out, "10.0.0.0/25", "10.0.0.128", 0)
CONTAINS_TEST(contains_v4_all, "0.0.0.0/0", "203.0.113.7", 1)
CONTAINS_TEST(contains_v4_all_not_v6, "0.0.0.0/0", "::/0", 0)
CONTAINS_TEST(contains_v6_all_not_v4, "::/0", "0.0.0.0/0", 0)
CONTAINS_TEST(contains_v6_all, "::/0", "2001:db8::1", 1)
CONTAINS_TEST(contains_v6_nested, "2001:db8::/32", "2001:db8:1::/48", 1)
CONTAINS_TEST(contains_v6_disjoint, "2001:db8::/32", "2001:db9::/48", 0)
CONTAINS_TEST(contains_v6_partial, "fe80::/10", "febf::1", 1)
CONTAINS_TEST(contains_v6_partial_out, "fe80::/10", "fec0::1", 0)
CONTAINS_TEST(contains_mapped_not_v4, "::ffff:10.0.0.0/104", "10.1.0.0/16", 0)

static void
contains_ignores_host_bits(void **state)
{
	struct prefix	 o, i = P("10.2.0.0/16");

	(void)state;
	assert_int_equal(prefix_parse("10.3.4.5/8", &o), PREFIX_HOSTBITS);
	assert_true(prefix_contains(&o, &i));
}

static void
contains_family_none(void **state)
{
	struct prefix	 z, z2;

	(void)state;
	memset(&z, 0, sizeof(z));
	z2 = z;
	assert_false(prefix_contains(&z, &z2));
	assert_false(prefix_overlap(&z, &z2));
}

/* Overlap. */
OVERLAP_TEST(overlap_nested, "10.0.0.0/8", "10.1.2.0/24", 1)
OVERLAP_TEST(overlap_same, "10.1.0.0/16", "10.1.0.0/16", 1)
OVERLAP_TEST(overlap_adjacent, "10.0.0.0/25", "10.0.0.128/25", 0)
OVERLAP_TEST(overlap_disjoint, "10.1.0.0/16", "10.2.0.0/16", 0)
OVERLAP_TEST(overlap_addr_in, "192.168.100.128/30", "192.168.100.131", 1)
OVERLAP_TEST(overlap_addr_out, "192.168.100.128/30", "192.168.100.132", 0)
OVERLAP_TEST(overlap_v6_nested, "2001:db8::/32", "2001:db8:ff::/48", 1)
OVERLAP_TEST(overlap_v6_adjacent, "2001:db8::/127", "2001:db8::2/127", 0)
OVERLAP_TEST(overlap_v4_v6_all, "0.0.0.0/0", "::/0", 0)
OVERLAP_TEST(overlap_v4_v6_mapped, "10.0.0.0/8", "::ffff:10.0.0.0/104", 0)
OVERLAP_TEST(overlap_v4_v6_zero, "0.0.0.0/32", "::/128", 0)

/* nth and last. */
NTH_TEST(nth_zero, "10.1.1.0/24", 0, "10.1.1.0/32")
NTH_TEST(nth_four, "10.1.1.0/24", 4, "10.1.1.4/32")
NTH_TEST(nth_carry, "10.1.1.0/24", 256, "10.1.2.0/32")
NTH_TEST(nth_carry_many, "10.1.255.255/32", 1, "10.2.0.0/32")
NTH_TEST(nth_from_network, "10.1.1.0/24", 255, "10.1.1.255/32")
NTH_TEST(nth_v4_wraps, "255.255.255.255/32", 1, "0.0.0.0/32")
NTH_TEST(nth_v4_high_n_wraps, "10.0.0.0/8", 0x100000001ULL, "10.0.0.1/32")
NTH_TEST(nth_v6, "2001:db8::/64", 4, "2001:db8::4/128")
NTH_TEST(nth_v6_large, "2001:db8::/64", 1ULL << 40, "2001:db8::100:0:0/128")
NTH_TEST(nth_v6_carry_high, "0:0:0:0:ffff:ffff:ffff:ffff/128", 1,
    "0:0:0:1::/128")
NTH_TEST(nth_v6_max_n, "::/0", ~0ULL, "::ffff:ffff:ffff:ffff/128")

static void
nth_from_start_when_host_bits(void **state)
{
	struct prefix	 p, r;
	char		 out[PREFIX_STRLEN];

	(void)state;
	assert_int_equal(prefix_parse("10.1.1.7/24", &p), PREFIX_HOSTBITS);
	r = prefix_nth(&p, 1);
	assert_string_equal(F(&r, out), "10.1.1.1/32");
}

static void
nth_family_none(void **state)
{
	struct prefix	 p, r, zero;

	(void)state;
	memset(&p, 0, sizeof(p));
	memset(&zero, 0, sizeof(zero));
	r = prefix_nth(&p, 5);
	assert_memory_equal(&r, &zero, sizeof(r));
}

LAST_TEST(last_v4_16, "10.1.0.0/16", "10.1.255.255/32")
LAST_TEST(last_v4_25, "10.0.0.0/25", "10.0.0.127/32")
LAST_TEST(last_v4_30, "192.168.100.128/30", "192.168.100.131/32")
LAST_TEST(last_v4_32, "10.1.2.3/32", "10.1.2.3/32")
LAST_TEST(last_v4_0, "0.0.0.0/0", "255.255.255.255/32")
LAST_TEST(last_v6_32, "2001:db8::/32",
    "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff/128")
LAST_TEST(last_v6_10, "fe80::/10", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")
LAST_TEST(last_v6_0, "::/0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")
LAST_TEST(last_v6_128, "::1/128", "::1/128")

static void
maxlen(void **state)
{
	struct prefix	 a = P("10.0.0.0/8"), b = P("::/0"), z;

	(void)state;
	memset(&z, 0, sizeof(z));
	assert_int_equal(prefix_maxlen(&a), 32);
	assert_int_equal(prefix_maxlen(&b), 128);
	assert_int_equal(prefix_maxlen(&z), 0);
}

/* Private and reserved space. */
static void
is_private_table(void **state)
{
	static const struct {
		const char	*s;
		int		 private;
	} cases[] = {
		{ "0.0.0.0", 1 },		{ "0.255.255.255", 1 },
		{ "1.0.0.0", 0 },		{ "9.255.255.255", 0 },
		{ "10.0.0.0", 1 },		{ "10.255.255.255", 1 },
		{ "11.0.0.0", 0 },		{ "100.63.255.255", 0 },
		{ "100.64.0.0", 1 },		{ "100.127.255.255", 1 },
		{ "100.128.0.0", 0 },		{ "126.255.255.255", 0 },
		{ "127.0.0.1", 1 },		{ "128.0.0.0", 0 },
		{ "169.253.255.255", 0 },	{ "169.254.0.1", 1 },
		{ "169.255.0.0", 0 },		{ "172.15.255.255", 0 },
		{ "172.16.0.0", 1 },		{ "172.31.255.255", 1 },
		{ "172.32.0.0", 0 },		{ "192.167.255.255", 0 },
		{ "192.168.0.1", 1 },		{ "192.169.0.0", 0 },
		{ "223.255.255.255", 0 },	{ "224.0.0.1", 1 },
		{ "239.255.255.255", 1 },	{ "240.0.0.1", 1 },
		{ "255.255.255.255", 1 },	{ "8.8.8.8", 0 },
		{ "20.62.10.4", 0 },		{ "131.107.72.22", 0 },
		{ "192.0.2.1", 0 },		{ "198.51.100.7", 0 },
		{ "203.0.113.9", 0 },
		{ "10.0.0.0/8", 1 },		{ "172.16.0.0/12", 1 },
		{ "8.0.0.0/7", 0 },		{ "0.0.0.0/0", 0 },
		{ "::", 1 },			{ "::1", 1 },
		{ "::2", 0 },			{ "fc00::1", 1 },
		{ "fd12:3456::1", 1 },		{ "fbff:ffff::", 0 },
		{ "fe00::1", 0 },		{ "fe80::1", 1 },
		{ "febf:ffff::1", 1 },		{ "fec0::1", 0 },
		{ "ff02::1", 1 },		{ "ffff::", 1 },
		{ "2001:db8::1", 0 },		{ "2603:1030::1", 0 },
		{ "fc00::/7", 1 },		{ "::/0", 0 },
		{ "::/127", 0 },
	};
	struct prefix	 p;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		p = P(cases[i].s);
		if ((prefix_is_private(&p) != 0) != cases[i].private)
			fail_msg("prefix_is_private(%s) = %d, want %d",
			    cases[i].s, prefix_is_private(&p),
			    cases[i].private);
	}
}

static void
is_private_family_none(void **state)
{
	struct prefix	 z;

	(void)state;
	memset(&z, 0, sizeof(z));
	assert_false(prefix_is_private(&z));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(v4_ok),
		cmocka_unit_test(v4_len0),
		cmocka_unit_test(v4_len32),
		cmocka_unit_test(v4_all_255),
		cmocka_unit_test(v4_len31_aligned),
		cmocka_unit_test(v4_leading_zero_first),
		cmocka_unit_test(v4_leading_zero_inner),
		cmocka_unit_test(v4_leading_zero_00),
		cmocka_unit_test(v4_octet_256),
		cmocka_unit_test(v4_octet_999),
		cmocka_unit_test(v4_octet_4digits),
		cmocka_unit_test(v4_three_octets),
		cmocka_unit_test(v4_five_octets),
		cmocka_unit_test(v4_empty_octet),
		cmocka_unit_test(v4_trailing_dot),
		cmocka_unit_test(v4_leading_dot),
		cmocka_unit_test(v4_plus_sign),
		cmocka_unit_test(v4_minus_octet),
		cmocka_unit_test(v4_hex_octet),
		cmocka_unit_test(v4_letter),
		cmocka_unit_test(v4_leading_space),
		cmocka_unit_test(v4_space_before_slash),
		cmocka_unit_test(v4_bad_addr_and_len),
		cmocka_unit_test(len_trailing_garbage),
		cmocka_unit_test(len_trailing_space),
		cmocka_unit_test(len_leading_space),
		cmocka_unit_test(len_leading_zero),
		cmocka_unit_test(len_double_zero),
		cmocka_unit_test(len_empty),
		cmocka_unit_test(len_v4_33),
		cmocka_unit_test(len_v4_huge),
		cmocka_unit_test(len_negative),
		cmocka_unit_test(len_plus),
		cmocka_unit_test(len_second_slash),
		cmocka_unit_test(len_v6_129),
		cmocka_unit_test(len_v6_128),
		cmocka_unit_test(len_v6_0),
		cmocka_unit_test(nolen_v4),
		cmocka_unit_test(nolen_v6),
		cmocka_unit_test(nolen_garbage),
		cmocka_unit_test(empty_string),
		cmocka_unit_test(only_len),
		cmocka_unit_test(hostbits_v4),
		cmocka_unit_test(hostbits_v4_len0),
		cmocka_unit_test(hostbits_v4_len31),
		cmocka_unit_test(hostbits_v6),
		cmocka_unit_test(hostbits_v6_partial_byte),
		cmocka_unit_test(v6_unspecified),
		cmocka_unit_test(v6_loopback),
		cmocka_unit_test(v6_trailing_dc),
		cmocka_unit_test(v6_inner_dc),
		cmocka_unit_test(v6_full),
		cmocka_unit_test(v6_dc_one_group_end),
		cmocka_unit_test(v6_dc_one_group_start),
		cmocka_unit_test(v6_dc_one_group_mid),
		cmocka_unit_test(v6_four_digit_zeros),
		cmocka_unit_test(v6_upper_case),
		cmocka_unit_test(v6_too_many_groups),
		cmocka_unit_test(v6_too_few_groups),
		cmocka_unit_test(v6_dc_with_8_groups),
		cmocka_unit_test(v6_two_dc),
		cmocka_unit_test(v6_two_dc_ends),
		cmocka_unit_test(v6_triple_colon),
		cmocka_unit_test(v6_triple_colon_inner),
		cmocka_unit_test(v6_lone_leading_colon),
		cmocka_unit_test(v6_lone_trailing_colon),
		cmocka_unit_test(v6_full_trailing_colon),
		cmocka_unit_test(v6_single_colon),
		cmocka_unit_test(v6_five_digits),
		cmocka_unit_test(v6_five_digits_zero),
		cmocka_unit_test(v6_not_hex),
		cmocka_unit_test(v6_zone_id),
		cmocka_unit_test(v6_space),
		cmocka_unit_test(v6_quad_mapped),
		cmocka_unit_test(v6_quad_after_dc),
		cmocka_unit_test(v6_quad_six_groups),
		cmocka_unit_test(v6_quad_seven_groups),
		cmocka_unit_test(v6_quad_dc_six_groups),
		cmocka_unit_test(v6_quad_not_last),
		cmocka_unit_test(v6_quad_first),
		cmocka_unit_test(v6_quad_leading_zero),
		cmocka_unit_test(v6_quad_three_octets),
		cmocka_unit_test(v6_quad_octet_256),
		cmocka_unit_test(v6_quad_hex_octet),
		cmocka_unit_test(parse_v4_bytes),
		cmocka_unit_test(parse_v6_bytes),
		cmocka_unit_test(parse_v6_dc_placement),
		cmocka_unit_test(parse_v6_quad_bytes),
		cmocka_unit_test(parse_error_zeroes),
		cmocka_unit_test(parse_null),
		cmocka_unit_test(hostbits_keeps_value_v4),
		cmocka_unit_test(hostbits_keeps_value_v6),
		cmocka_unit_test(normalize_len0),
		cmocka_unit_test(normalize_clean_unchanged),
		cmocka_unit_test(normalize_full_length),
		cmocka_unit_test(addr_v4),
		cmocka_unit_test(addr_v6),
		cmocka_unit_test(addr_with_len),
		cmocka_unit_test(addr_leading_zero),
		cmocka_unit_test(addr_empty),
		cmocka_unit_test(status_strings),
		cmocka_unit_test(fmt_v4),
		cmocka_unit_test(fmt_v4_zero),
		cmocka_unit_test(fmt_v4_max),
		cmocka_unit_test(fmt_v6_unspecified),
		cmocka_unit_test(fmt_v6_loopback),
		cmocka_unit_test(fmt_v6_trailing),
		cmocka_unit_test(fmt_v6_inner),
		cmocka_unit_test(fmt_v6_expanded_start),
		cmocka_unit_test(fmt_v6_expanded_end),
		cmocka_unit_test(fmt_v6_lowercase),
		cmocka_unit_test(fmt_v6_strip_zeros),
		cmocka_unit_test(fmt_v6_leftmost_tie),
		cmocka_unit_test(fmt_v6_longest_run),
		cmocka_unit_test(fmt_v6_single_zero_mid),
		cmocka_unit_test(fmt_v6_single_zero_first),
		cmocka_unit_test(fmt_v6_single_zero_last),
		cmocka_unit_test(fmt_v6_no_zero),
		cmocka_unit_test(fmt_v6_two_zeros_end),
		cmocka_unit_test(fmt_v6_prefix),
		cmocka_unit_test(fmt_v6_mapped),
		cmocka_unit_test(fmt_v6_mapped_hex),
		cmocka_unit_test(fmt_v6_compat_hex),
		cmocka_unit_test(fmt_v6_nat64),
		cmocka_unit_test(fmt_v6_max),
		cmocka_unit_test(fmt_without_len),
		cmocka_unit_test(fmt_returns_out),
		cmocka_unit_test(fmt_family_none),
		cmocka_unit_test(fmt_round_trip),
		cmocka_unit_test(cmp_family_first),
		cmocka_unit_test(cmp_address_then_len),
		cmocka_unit_test(cmp_equal),
		cmocka_unit_test(cmp_v6_bytes),
		cmocka_unit_test(contains_nested),
		cmocka_unit_test(contains_not_reverse),
		cmocka_unit_test(contains_self),
		cmocka_unit_test(contains_disjoint),
		cmocka_unit_test(contains_last_addr),
		cmocka_unit_test(contains_partial_byte_in),
		cmocka_unit_test(contains_partial_byte_out),
		cmocka_unit_test(contains_v4_all),
		cmocka_unit_test(contains_v4_all_not_v6),
		cmocka_unit_test(contains_v6_all_not_v4),
		cmocka_unit_test(contains_v6_all),
		cmocka_unit_test(contains_v6_nested),
		cmocka_unit_test(contains_v6_disjoint),
		cmocka_unit_test(contains_v6_partial),
		cmocka_unit_test(contains_v6_partial_out),
		cmocka_unit_test(contains_mapped_not_v4),
		cmocka_unit_test(contains_ignores_host_bits),
		cmocka_unit_test(contains_family_none),
		cmocka_unit_test(overlap_nested),
		cmocka_unit_test(overlap_same),
		cmocka_unit_test(overlap_adjacent),
		cmocka_unit_test(overlap_disjoint),
		cmocka_unit_test(overlap_addr_in),
		cmocka_unit_test(overlap_addr_out),
		cmocka_unit_test(overlap_v6_nested),
		cmocka_unit_test(overlap_v6_adjacent),
		cmocka_unit_test(overlap_v4_v6_all),
		cmocka_unit_test(overlap_v4_v6_mapped),
		cmocka_unit_test(overlap_v4_v6_zero),
		cmocka_unit_test(nth_zero),
		cmocka_unit_test(nth_four),
		cmocka_unit_test(nth_carry),
		cmocka_unit_test(nth_carry_many),
		cmocka_unit_test(nth_from_network),
		cmocka_unit_test(nth_v4_wraps),
		cmocka_unit_test(nth_v4_high_n_wraps),
		cmocka_unit_test(nth_v6),
		cmocka_unit_test(nth_v6_large),
		cmocka_unit_test(nth_v6_carry_high),
		cmocka_unit_test(nth_v6_max_n),
		cmocka_unit_test(nth_from_start_when_host_bits),
		cmocka_unit_test(nth_family_none),
		cmocka_unit_test(last_v4_16),
		cmocka_unit_test(last_v4_25),
		cmocka_unit_test(last_v4_30),
		cmocka_unit_test(last_v4_32),
		cmocka_unit_test(last_v4_0),
		cmocka_unit_test(last_v6_32),
		cmocka_unit_test(last_v6_10),
		cmocka_unit_test(last_v6_0),
		cmocka_unit_test(last_v6_128),
		cmocka_unit_test(maxlen),
		cmocka_unit_test(is_private_table),
		cmocka_unit_test(is_private_family_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * libFuzzer harness for the prefix module, which every address of a
 * design passes through.  The input (up to the first NUL, or split at
 * the first newline into two texts) is parsed with prefix_parse() and
 * addr_parse(); whatever parses must survive a round trip through
 * prefix_format() to the same value, and the set operations must agree
 * with one another (a prefix contains and overlaps itself, contains its
 * first and last address, overlap is symmetric and implied by
 * containment).  A broken law traps, which libFuzzer reports as a
 * crash with the input saved.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hybridoc/prefix.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)	do { if (!(c)) __builtin_trap(); } while (0)

/* Round trip of a value that parsed (host bits cleared first). */
static void
round_trip(const struct prefix *p, int with_len)
{
	struct prefix	 q, r;
	char		 s[PREFIX_STRLEN];
	enum prefix_status st;

	q = *p;
	prefix_normalize(&q);
	CHECK(!prefix_has_host_bits(&q));
	prefix_format(&q, s, with_len);
	CHECK(strlen(s) < PREFIX_STRLEN);
	st = with_len ? prefix_parse(s, &r) : addr_parse(s, &r);
	CHECK(st == PREFIX_OK);
	CHECK(prefix_cmp(&q, &r) == 0);
	CHECK(memcmp(&q, &r, sizeof(q)) == 0);
}

static void
laws(const struct prefix *p)
{
	struct prefix	 first, last, q = *p;

	prefix_normalize(&q);
	CHECK(prefix_contains(&q, &q));
	CHECK(prefix_overlap(&q, &q));
	CHECK(prefix_cmp(&q, &q) == 0);
	first = prefix_nth(&q, 0);
	last = prefix_last(&q);
	CHECK(prefix_contains(&q, &first));
	CHECK(prefix_contains(&q, &last));
	CHECK(prefix_cmp(&first, &last) <= 0);
	CHECK(prefix_maxlen(&q) == (q.family == 4 ? 32 : 128));
	CHECK(q.len <= prefix_maxlen(&q));
	/* Private means wholly inside private space: so is every part. */
	if (prefix_is_private(&q))
		CHECK(prefix_is_private(&first) && prefix_is_private(&last));
	round_trip(&q, 1);
	round_trip(&first, 0);
}

static void
pair(const struct prefix *a, const struct prefix *b)
{
	int		 ab = prefix_contains(a, b), ba = prefix_contains(b, a);
	int		 c = prefix_cmp(a, b);

	CHECK(prefix_overlap(a, b) == prefix_overlap(b, a));
	if (ab || ba)
		CHECK(prefix_overlap(a, b));
	if (ab && ba)
		CHECK(c == 0);
	CHECK((c < 0) == (prefix_cmp(b, a) > 0));
	if (a->family != b->family)
		CHECK(!prefix_overlap(a, b));
}

/* Parses s every way; returns non-zero with *out set when it parsed. */
static int
parse_all(const char *s, struct prefix *out)
{
	struct prefix	 p;
	enum prefix_status st;
	int		 got = 0;

	st = prefix_parse(s, &p);
	CHECK(prefix_status_str(st) != NULL);
	if (st == PREFIX_OK || st == PREFIX_HOSTBITS) {
		CHECK(p.family == 4 || p.family == 6);
		CHECK((st == PREFIX_HOSTBITS) == prefix_has_host_bits(&p));
		laws(&p);
		*out = p;
		prefix_normalize(out);
		got = 1;
	} else
		CHECK(p.family == 0);
	st = addr_parse(s, &p);
	if (st == PREFIX_OK) {
		CHECK(p.len == prefix_maxlen(&p));
		laws(&p);
		if (!got)
			*out = p;
		got = 1;
	} else {
		CHECK(st == PREFIX_SYNTAX);
		CHECK(p.family == 0);
	}
	return got;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 text[512], *nl;
	struct prefix	 a, b;
	size_t		 n = size < sizeof(text) - 1 ? size : sizeof(text) - 1;
	int		 ga, gb;

	memcpy(text, data, n);
	text[n] = '\0';
	if ((nl = strchr(text, '\n')) == NULL) {
		parse_all(text, &a);
		return 0;
	}
	*nl = '\0';
	ga = parse_all(text, &a);
	gb = parse_all(nl + 1, &b);
	if (ga && gb)
		pair(&a, &b);
	return 0;
}

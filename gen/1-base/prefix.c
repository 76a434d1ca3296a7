/*
 * Address arithmetic under the model and rules stages: every address
 * space, subnet, advertised prefix, peering link subnet and device IP
 * of a design passes through prefix_parse() or addr_parse() when the
 * model is built, and the rules and the simulation then compare,
 * contain and overlap the parsed values.  The parser is written here
 * rather than taken from inet_pton() so that each kind of bad input
 * gets its own status (and so that the "010" octets Azure refuses are
 * refused here too), and it never touches the heap.
 */
#include <stdio.h>
#include <string.h>

#include "hybridoc/prefix.h"

static const char *const status_str[] = {
	"valid",				/* PREFIX_OK */
	"not an IP address or prefix",		/* PREFIX_SYNTAX */
	"missing \"/length\"",			/* PREFIX_NOLEN */
	"prefix length is missing or out of range", /* PREFIX_BADLEN */
	"host bits are set",			/* PREFIX_HOSTBITS */
};

/*
 * Space that cannot hold a device's public Internet address.  Matched
 * with prefix_contains(), so a prefix counts only when it lies wholly
 * inside one entry.
 */
static const struct prefix private_space[] = {
	{ 4, 8, { 0 } },			/* 0.0.0.0/8 "this network" */
	{ 4, 8, { 10 } },			/* RFC 1918 */
	{ 4, 10, { 100, 64 } },			/* RFC 6598 shared CGN */
	{ 4, 8, { 127 } },			/* loopback */
	{ 4, 16, { 169, 254 } },		/* link-local */
	{ 4, 12, { 172, 16 } },			/* RFC 1918 */
	{ 4, 16, { 192, 168 } },		/* RFC 1918 */
	{ 4, 4, { 224 } },			/* multicast */
	{ 4, 4, { 240 } },			/* reserved, broadcast */
	{ 6, 128, { 0 } },			/* :: unspecified */
	{ 6, 128, { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 } },
						/* ::1 loopback */
	{ 6, 7, { 0xfc } },			/* unique local */
	{ 6, 10, { 0xfe, 0x80 } },		/* link-local */
	{ 6, 8, { 0xff } },			/* multicast */
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * A decimal number of 1..maxdigits digits without a leading zero,
 * spanning all of s[0..n).  Returns non-zero on success, 0 on failure.
 */
static int
parse_decimal(const char *s, size_t n, size_t maxdigits, unsigned *out)
{
	unsigned	 v = 0;
	size_t		 i;

	if (n == 0 || n > maxdigits)
		return 0;
	if (s[0] == '0' && n > 1)
		return 0;
	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]))
			return 0;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*out = v;
	return 1;
}

/*
 * Exactly four dotted decimal octets spanning all of s[0..n) into
 * out[0..3].  Returns non-zero on success, 0 on failure.
 */
static int
parse_v4(const char *s, size_t n, unsigned char *out)
{
	size_t		 i = 0, start;
	unsigned	 v;
	int		 k;

	for (k = 0; k < 4; k++) {
		if (k > 0) {
			if (i >= n || s[i] != '.')
				return 0;
			i++;
		}
		start = i;
		while (i < n && is_digit((unsigned char)s[i]))
			i++;
		if (!parse_decimal(s + start, i - start, 3, &v) || v > 255)
			return 0;
		out[k] = (unsigned char)v;
	}
	return i == n;
}

/*
 * RFC 4291 section 2.2 text forms spanning all of s[0..n): eight
 * groups of one to four hex digits, at most one "::" standing for one
 * or more zero groups, and a dotted quad in place of the last two
 * groups.  Returns non-zero on success, 0 on failure.
 */
static int
parse_v6(const char *s, size_t n, unsigned char *out)
{
	unsigned char	 w[16];
	size_t		 i = 0, start, k, ngroups = 0, gap;
	int		 dc = -1;	/* group index where "::" stands */
	int		 d;
	unsigned	 v;

	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		dc = 0;
		i = 2;
	} else if (n >= 1 && s[0] == ':')
		return 0;

	while (i < n) {
		if (ngroups == 8)
			return 0;
		start = i;
		v = 0;
		while (i < n && (d = hex_value((unsigned char)s[i])) >= 0) {
			v = (v << 4) | (unsigned)d;
			if (++i - start > 4)
				break;
		}
		k = i - start;
		if (i < n && s[i] == '.') {
			/* Embedded dotted quad: the rest of the text. */
			if (ngroups > 6 || !parse_v4(s + start, n - start,
			    w + 2 * ngroups))
				return 0;
			ngroups += 2;
			break;
		}
		if (k == 0 || k > 4)
			return 0;
		w[2 * ngroups] = (unsigned char)(v >> 8);
		w[2 * ngroups + 1] = (unsigned char)(v & 0xff);
		ngroups++;
		if (i == n)
			break;
		if (s[i] != ':')
			return 0;
		i++;
		if (i < n && s[i] == ':') {
			if (dc >= 0)
				return 0;
			dc = (int)ngroups;
			i++;
		} else if (i == n)
			return 0;	/* a lone trailing ':' */
	}

	if (dc < 0) {
		if (ngroups != 8)
			return 0;
		memcpy(out, w, 16);
		return 1;
	}
	if (ngroups > 7)
		return 0;
	gap = 8 - ngroups;
	memset(out, 0, 16);
	memcpy(out, w, 2 * (size_t)dc);
	memcpy(out + 2 * ((size_t)dc + gap), w + 2 * dc,
	    2 * (ngroups - (size_t)dc));
	return 1;
}

/*
 * Any address in s[0..n): IPv6 when it holds a colon, else IPv4.
 * Returns non-zero on success with p->family and p->addr set.
 */
static int
parse_addr(const char *s, size_t n, struct prefix *p)
{
	if (memchr(s, ':', n) != NULL) {
		p->family = 6;
		return parse_v6(s, n, p->addr);
	}
	p->family = 4;
	return parse_v4(s, n, p->addr);
}

int
prefix_maxlen(const struct prefix *p)
{
	switch (p->family) {
	case 4:
		return 32;
	case 6:
		return 128;
	default:
		return 0;
	}
}

/* The length of p, never more than the family allows. */
static int
eff_len(const struct prefix *p)
{
	int	 max = prefix_maxlen(p);

	return p->len < max ? p->len : max;
}

/* Non-zero when the first len bits of a and b are equal. */
static int
bits_equal(const unsigned char *a, const unsigned char *b, int len)
{
	int		 full = len / 8, rest = len % 8;
	unsigned	 mask;

	if (memcmp(a, b, (size_t)full) != 0)
		return 0;
	if (rest == 0)
		return 1;
	mask = (0xffu << (8 - rest)) & 0xff;
	return ((a[full] ^ b[full]) & mask) == 0;
}

enum prefix_status
prefix_parse(const char *s, struct prefix *p)
{
	const char	*slash;
	size_t		 alen;
	unsigned	 len;

	memset(p, 0, sizeof(*p));
	if (s == NULL)
		return PREFIX_SYNTAX;
	slash = strchr(s, '/');
	alen = slash != NULL ? (size_t)(slash - s) : strlen(s);
	if (!parse_addr(s, alen, p)) {
		memset(p, 0, sizeof(*p));
		return PREFIX_SYNTAX;
	}
	if (slash == NULL) {
		memset(p, 0, sizeof(*p));
		return PREFIX_NOLEN;
	}
	if (!parse_decimal(slash + 1, strlen(slash + 1), 3, &len) ||
	    len > (unsigned)prefix_maxlen(p)) {
		memset(p, 0, sizeof(*p));
		return PREFIX_BADLEN;
	}
	p->len = (unsigned char)len;
	return prefix_has_host_bits(p) ? PREFIX_HOSTBITS : PREFIX_OK;
}

enum prefix_status
addr_parse(const char *s, struct prefix *p)
{
	memset(p, 0, sizeof(*p));
	if (s == NULL || !parse_addr(s, strlen(s), p)) {
		memset(p, 0, sizeof(*p));
		return PREFIX_SYNTAX;
	}
	p->len = (unsigned char)prefix_maxlen(p);
	return PREFIX_OK;
}

const char *
prefix_status_str(enum prefix_status st)
{
	if ((size_t)st >= sizeof(status_str) / sizeof(status_str[0]))
		return "unknown prefix status";
	return status_str[st];
}

void
prefix_normalize(struct prefix *p)
{
	int	 max = prefix_maxlen(p), len = eff_len(p), i;

	for (i = len; i < max; i++)
		p->addr[i / 8] &= (unsigned char)~(0x80u >> (i % 8));
}

int
prefix_has_host_bits(const struct prefix *p)
{
	int	 max = prefix_maxlen(p), i;

	for (i = eff_len(p); i < max; i++)
		if (p->addr[i / 8] & (0x80u >> (i % 8)))
			return 1;
	return 0;
}

/*
 * RFC 5952 text of a 16-byte address into out (PREFIX_STRLEN bytes);
 * returns the number of characters written.
 */
static size_t
format_v6(const unsigned char *a, char *out)
{
	static const unsigned char mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
	};
	unsigned	 w[8];
	size_t		 o = 0;
	int		 g, i, run, best = -1, bestn = 0;

	/* Section 5: an IPv4-mapped address keeps its dotted quad. */
	if (memcmp(a, mapped, sizeof(mapped)) == 0)
		return (size_t)snprintf(out, PREFIX_STRLEN,
		    "::ffff:%u.%u.%u.%u", a[12], a[13], a[14], a[15]);

	for (g = 0; g < 8; g++)
		w[g] = (unsigned)a[2 * g] << 8 | a[2 * g + 1];
	/*
	 * Section 4.2: the longest run of two or more zero groups, the
	 * leftmost of equals, becomes "::".
	 */
	for (g = 0; g < 8; g = i > g ? i : g + 1) {
		for (i = g; i < 8 && w[i] == 0; i++)
			continue;
		run = i - g;
		if (run >= 2 && run > bestn) {
			best = g;
			bestn = run;
		}
	}
	for (g = 0; g < 8; g++) {
		if (g == best) {
			out[o++] = ':';
			if (g == 0)
				out[o++] = ':';
			g += bestn - 1;
			continue;
		}
		o += (size_t)snprintf(out + o, PREFIX_STRLEN - o, "%x%s",
		    w[g], g < 7 ? ":" : "");
	}
	out[o] = '\0';
	return o;
}

char *
prefix_format(const struct prefix *p, char *out, int with_len)
{
	const unsigned char	*a = p->addr;
	size_t			 o;

	switch (p->family) {
	case 4:
		o = (size_t)snprintf(out, PREFIX_STRLEN, "%u.%u.%u.%u",
		    a[0], a[1], a[2], a[3]);
		break;
	case 6:
		o = format_v6(a, out);
		break;
	default:
		out[0] = '\0';
		return out;
	}
	if (with_len)
		snprintf(out + o, PREFIX_STRLEN - o, "/%u", (unsigned)p->len);
	return out;
}

int
prefix_cmp(const struct prefix *a, const struct prefix *b)
{
	int	 c;

	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	c = memcmp(a->addr, b->addr, (size_t)prefix_maxlen(a) / 8);
	if (c != 0)
		return c < 0 ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return 0;
}

int
prefix_contains(const struct prefix *outer, const struct prefix *inner)
{
	if (outer->family == 0 || outer->family != inner->family)
		return 0;
	if (eff_len(outer) > eff_len(inner))
		return 0;
	return bits_equal(outer->addr, inner->addr, eff_len(outer));
}

int
prefix_overlap(const struct prefix *a, const struct prefix *b)
{
	return prefix_contains(a, b) || prefix_contains(b, a);
}

struct prefix
prefix_nth(const struct prefix *p, unsigned long long n)
{
	struct prefix	 r = *p;
	int		 i, bytes = prefix_maxlen(p) / 8;
	unsigned	 carry = 0;

	if (bytes == 0) {
		memset(&r, 0, sizeof(r));
		return r;
	}
	prefix_normalize(&r);
	r.len = (unsigned char)prefix_maxlen(p);
	for (i = bytes - 1; i >= 0; i--) {
		carry += r.addr[i] + (unsigned)(n & 0xff);
		r.addr[i] = (unsigned char)(carry & 0xff);
		carry >>= 8;
		n >>= 8;
	}
	return r;
}

struct prefix
prefix_last(const struct prefix *p)
{
	struct prefix	 r = *p;
	int		 max = prefix_maxlen(p), i;

	for (i = eff_len(p); i < max; i++)
		r.addr[i / 8] |= (unsigned char)(0x80u >> (i % 8));
	r.len = (unsigned char)max;
	return r;
}

int
prefix_is_private(const struct prefix *p)
{
	size_t	 i;

	for (i = 0; i < sizeof(private_space) / sizeof(private_space[0]); i++)
		if (prefix_contains(&private_space[i], p))
			return 1;
	return 0;
}

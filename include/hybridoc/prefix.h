/*
 * IPv4 and IPv6 prefixes and addresses: parse, format, compare,
 * contain, overlap.  A struct prefix is a value type (no heap).
 * Addresses are prefixes of full length (/32 or /128).
 */
#ifndef HYBRIDOC_PREFIX_H
#define HYBRIDOC_PREFIX_H

#include <stddef.h>

#define PREFIX_STRLEN	64	/* room for any formatted prefix + NUL */

struct prefix {
	unsigned char	family;		/* 4 or 6; 0 for "none" */
	unsigned char	len;		/* 0..32 or 0..128 */
	unsigned char	addr[16];	/* network order; v4 in addr[0..3] */
};

enum prefix_status {
	PREFIX_OK = 0,
	PREFIX_SYNTAX,		/* not an address or prefix at all */
	PREFIX_NOLEN,		/* a prefix was wanted but no "/len" given */
	PREFIX_BADLEN,		/* "/len" missing digits or out of range */
	PREFIX_HOSTBITS		/* valid, but bits set beyond len */
};

/*
 * Parses "a.b.c.d/len" or an IPv6 prefix "x::y/len".  Octets are
 * decimal 0..255 without leading zeros (as Azure requires: "010" is
 * rejected, being octal to some tools); IPv6 follows RFC 4291 text
 * forms including "::" and an embedded dotted quad.  No surrounding
 * space.  On PREFIX_HOSTBITS *p still holds the parsed address and
 * length, so prefix_normalize() gives the corrected prefix.  On the
 * other errors *p is zeroed.  The address is judged first (a bad one
 * is PREFIX_SYNTAX whatever follows); everything after the '/' must
 * then be a decimal without leading zeros, else PREFIX_BADLEN (so
 * "/24x", "/ 24" and "/024" are PREFIX_BADLEN).
 */
enum prefix_status prefix_parse(const char *s, struct prefix *p);
/*
 * Parses a bare address (no "/len") into a /32 or /128.  Any error,
 * a "/len" included, is PREFIX_SYNTAX with *p zeroed.
 */
enum prefix_status addr_parse(const char *s, struct prefix *p);
/* A short English phrase for a status, e.g. "host bits are set". */
const char	*prefix_status_str(enum prefix_status st);

/* Clears the bits beyond len. */
void	prefix_normalize(struct prefix *p);
/* Non-zero when bits beyond len are set. */
int	prefix_has_host_bits(const struct prefix *p);
/*
 * Writes the canonical text to out (PREFIX_STRLEN bytes): dotted quad
 * or RFC 5952 IPv6, followed by "/len" unless with_len is 0.
 * IPv4-mapped addresses (::ffff:0:0/96) keep their dotted quad, as
 * RFC 5952 section 5 recommends.  Family 0 gives "".  Returns out.
 */
char	*prefix_format(const struct prefix *p, char *out, int with_len);
/* Total order: family, then address bytes, then length. */
int	prefix_cmp(const struct prefix *a, const struct prefix *b);
/* Non-zero when outer contains inner (same family, outer no longer). */
int	prefix_contains(const struct prefix *outer, const struct prefix *inner);
/* Non-zero when the two share at least one address. */
int	prefix_overlap(const struct prefix *a, const struct prefix *b);
/* Maximum length for the family: 32 or 128. */
int	prefix_maxlen(const struct prefix *p);
/*
 * The address offset n from the start of p (n may exceed 2^32 only for
 * v6; only the low 64 bits are added).  Used for "the first usable
 * address" and subnet reserved addresses.  Counts from p's first
 * address (host bits ignored), returns a /32 or /128, wraps around at
 * the top of the family's space and is not clamped to p: check with
 * prefix_contains() when that matters.  Family 0 gives a zeroed value.
 */
struct prefix prefix_nth(const struct prefix *p, unsigned long long n);
/* The last address of p (broadcast for v4) as a full-length prefix. */
struct prefix prefix_last(const struct prefix *p);
/*
 * Non-zero when the address is private, loopback, link-local,
 * multicast, documentation-free reserved space, i.e. cannot be a
 * device's public Internet address.  RFC 1918, 100.64/10, 127/8,
 * 169.254/16, 0/8, 224/4, 240/4; IPv6 fc00::/7, fe80::/10, ::1, ::,
 * ff00::/8.  Documentation ranges (192.0.2/24, 198.51.100/24,
 * 203.0.113/24, 2001:db8::/32) count as public so examples work.
 * A prefix counts as private only when it lies wholly inside one of
 * those ranges.
 */
int	prefix_is_private(const struct prefix *p);

#endif

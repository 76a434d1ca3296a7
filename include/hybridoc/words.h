/*
 * How a design's values are said in words, once for every writer: the
 * runbook view, the packet and its stages (impact, plan) say a
 * bandwidth, a prefix list, a device or a detection time the same way.
 * Each function appends to b and never fails.
 */
#ifndef HYBRIDOC_WORDS_H
#define HYBRIDOC_WORDS_H

#include <stddef.h>

struct buf;
struct prefix;
struct vpn_device;

/* A bandwidth: "10 Gbps", "2.50 Gbps", "500 Mbps". */
void	words_mbps(struct buf *b, long mbps);
/* The n prefixes at p, with their lengths, separated by sep. */
void	words_prefixes(struct buf *b, const struct prefix *p, size_t n,
	    const char *sep);
/*
 * A design value for a table cell: its first line, at most
 * WORDS_SHOW_MAX characters, with "…" when anything is cut off (a
 * single final newline is not); "not set" for NULL.
 */
#define WORDS_SHOW_MAX	60
void	words_show_value(struct buf *b, const char *s);
/* "Cisco ASR 1001-X"; the vendor or model alone; else "VPN device". */
void	words_device(struct buf *b, const struct vpn_device *v);
/*
 * A count and its noun, for text built from numbers: "no errors",
 * "1 error", "3 errors" (never "0 error(s)").
 */
void	words_count(struct buf *b, size_t n, const char *one,
	    const char *many);
/* A detection time in seconds: "1 s", "3 min"; "—" when s <= 0. */
void	words_detect(struct buf *b, double s);

#endif

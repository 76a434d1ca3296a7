/*
 * The inventory across designs, for the wiki (site.h): every on-premises
 * and Azure prefix, BGP ASN, ExpressRoute circuit and public IP address
 * of a set of designs, each with the design that uses it, and the
 * conflicts no single-design check can see -- prefixes that overlap
 * between designs, ASNs reused by another design, circuits and public
 * addresses that appear in more than one design.
 *
 * It works in two steps so that the site can cache the first one:
 * inventory_summary() takes what one analysed design holds into a small
 * value tree (the inventory member of the design's summary,
 * view_summary.h, which the site keeps in its manifest); inventory_new()
 * reads any number of summaries and builds the sorted tables and their
 * conflicts.  The tree holds these lists (every string as the design
 * wrote it):
 *
 *	"sites":    [{"name", "location"?}]
 *	"prefixes": [{"prefix", "object", "role", "azure"}]
 *	"asns":     [{"asn", "object", "role", "azure"}]
 *	"circuits": [{"name", "provider", "location", "mbps", "sku"}]
 *	"ips":      [{"ip", "object", "role", "azure"}]
 *
 * written and read here only.
 */
#ifndef HYBRIDOC_INVENTORY_H
#define HYBRIDOC_INVENTORY_H

#include <stddef.h>

#include "hybridoc/prefix.h"

struct analysis;
struct value;
struct view_summary;

/* Rows of one conflicting item listed with a row (more are counted). */
#define INV_MAX_WITH		8
/* Conflicts listed on the inventory page (more are counted). */
#define INV_MAX_CONFLICTS	500

enum inv_kind {
	INV_PREFIX,
	INV_ASN,
	INV_CIRCUIT,
	INV_IP,
	INV_NKINDS
};

struct inv_row {
	size_t		 design;	/* index of its summary */
	const char	*dname;		/* the design's name (borrowed) */
	char		*key;		/* prefix, ASN, circuit name, address */
	char		*object;	/* site, circuit, device, gateway */
	char		*role;		/* how the design uses it */
	int		 azure;		/* the Azure side of the design */
	struct prefix	 pfx;		/* INV_PREFIX and INV_IP (family 0:
					   not parseable) */
	long long	 asn;		/* INV_ASN */
	char		*id;		/* anchor on the page: "prefix-3" */
	size_t		 with[INV_MAX_WITH];	/* rows it conflicts with */
	size_t		 nwith;		/* listed in with */
	size_t		 nwith_total;	/* all of them */
};

/* One conflict: two prefixes that overlap, or a key in several designs. */
struct inv_conflict {
	enum inv_kind	 kind;
	size_t		 first;		/* row index */
	size_t		 last;		/* INV_PREFIX: the other row; else the
					   group is rows first..last */
};

struct inventory {
	const struct view_summary *const *sums;	/* borrowed */
	size_t		 nsums;
	struct inv_row	*rows[INV_NKINDS];
	size_t		 nrows[INV_NKINDS];
	struct inv_conflict *conflicts;	/* at most INV_MAX_CONFLICTS */
	size_t		 nconflicts;
	size_t		 nconflicts_total;
	size_t		*flagged;	/* per summary: rows in a conflict */
};

/*
 * Adds the lists above for the analysed design a to the map sum.  Rows
 * are deduplicated and sorted so that the same design gives the same
 * summary.
 */
void	inventory_summary(const struct analysis *a, struct value *sum);

/*
 * Builds the tables from n summaries (their name, title and
 * inventory lists above; missing lists are empty).  The summaries must
 * outlive the inventory.  Rows are sorted (prefixes and addresses by
 * value, ASNs by number, circuits by name; then by design), so the same
 * summaries give the same inventory.  ASN 65515 and other Azure VPN
 * gateway ASNs conflict only with on-premises uses: every Azure VPN
 * gateway may have the default.  Never fails; free with
 * inventory_free().
 */
struct inventory *inventory_new(const struct view_summary *const *sums,
	    size_t n);
void	inventory_free(struct inventory *inv);

/*
 * The value tree the inventory page template reads: "tables" (one per
 * kind: id, title, column names, rows with their conflicts),
 * "conflicts", "nconflicts" and "more_conflicts".  Links are relative
 * to the site's top folder, where the page lives.  The caller frees it
 * with value_free().
 */
struct value *inventory_view(const struct inventory *inv);

/* "prefix", "asn", "circuit", "ip". */
const char *inventory_kind_name(enum inv_kind kind);

#endif

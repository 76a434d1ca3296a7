/*
 * Private to the view stage (view.c, view_tables.c): the small value
 * builders both use, the design-address macros, and the two tables
 * view_tables.c builds for view_runbook().
 */
#ifndef HYBRIDOC_VIEW_INT_H
#define HYBRIDOC_VIEW_INT_H

#include <stddef.h>

#include "hybridoc/prefix.h"

struct analysis;
struct value;

#define PFX(p, b)	prefix_format((p), (b), 1)
#define ADDR(p, b)	prefix_format((p), (b), 0)
/* The same, or the placeholder when the design gives it as unknown. */
#define UPFX(o, k, p, b)	design_addr(dsn, (o), (k), (p), 1, (b))
#define UADDR(o, k, p, b)	design_addr(dsn, (o), (k), (p), 0, (b))
#define UINT(m, name, o, k, v) do {					\
	if (design_unknown(dsn, (o), (k)) != NULL)			\
		value_map_str((m), (name), design_unknown(dsn, (o), (k)));	\
	else								\
		value_map_int((m), (name), (v));			\
} while (0)

struct value	*view_put_fmt(struct value *, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
void		 view_push_str(struct value *, const char *);
struct value	*view_put_prefixes(struct value *, const char *,
		    const struct prefix *, size_t);
void		 view_put_mbps(struct value *, const char *, long);

void		 view_components(const struct analysis *, struct value *);
void		 view_comparison(const struct analysis *, struct value *);

#endif

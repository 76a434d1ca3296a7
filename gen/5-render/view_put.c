/*
 * The view stage's small value builders (view_int.h): a formatted
 * string, a list item, a prefix list and a bandwidth in words, as map
 * entries.  Shared by view.c and view_tables.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "hybridoc/buf.h"
#include "hybridoc/prefix.h"
#include "hybridoc/value.h"
#include "hybridoc/words.h"

#include "view_int.h"

struct value *
view_put_fmt(struct value *map, const char *key, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return value_map_put(map, key, value_new_str_owned(buf_detach(&b,
	    NULL)));
}

void
view_push_str(struct value *list, const char *s)
{
	value_list_push(list, value_new_str(s));
}

struct value *
view_put_prefixes(struct value *map, const char *key, const struct prefix *p,
    size_t n)
{
	struct buf	 b = BUF_INIT;

	words_prefixes(&b, p, n, ", ");
	return value_map_put(map, key, value_new_str_owned(buf_detach(&b,
	    NULL)));
}

void
view_put_mbps(struct value *map, const char *key, long mbps)
{
	struct buf	 b = BUF_INIT;

	words_mbps(&b, mbps);
	value_map_put(map, key, value_new_str_owned(buf_detach(&b, NULL)));
}

/*
 * Allocation that cannot fail: on exhaustion or size overflow the
 * program prints a message and exits with status 2.  Everything from
 * these functions is released with free().
 */
#ifndef HYBRIDOC_XALLOC_H
#define HYBRIDOC_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* realloc for n elements of size bytes, overflow-checked. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Formatted string on the heap; caller frees. */
char *xasprintf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/*
 * Grow *arr (of *cap elements of size bytes) so that it holds at least
 * need elements.  Doubles, overflow-checked.
 */
void xgrow(void *arrp, size_t *cap, size_t need, size_t size);

/* Frees the n strings of v, then v; v may be NULL when n is 0. */
void strv_free(char **v, size_t n);

#endif

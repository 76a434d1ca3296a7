/*
 * Allocation that cannot fail.  Every module allocates through here, so
 * running out of memory is one message and exit status 2, never a NULL
 * dereference somewhere deep in a writer.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/xalloc.h"

static void
xalloc_die(const char *what)
{
	fprintf(stderr, "hybridoc: %s\n", what);
	exit(2);
}

void *
xmalloc(size_t size)
{
	void	*p = malloc(size ? size : 1);

	if (p == NULL)
		xalloc_die("out of memory");
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		xalloc_die("out of memory");
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	void	*q = realloc(p, size ? size : 1);

	if (q == NULL)
		xalloc_die("out of memory");
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		xalloc_die("allocation size overflow");
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	if (n == SIZE_MAX)
		xalloc_die("allocation size overflow");
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		xalloc_die("bad format");
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
xgrow(void *arrp, size_t *cap, size_t need, size_t size)
{
	void	**arr = arrp;
	size_t	  ncap = *cap ? *cap : 8;

	if (need <= *cap)
		return;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			xalloc_die("allocation size overflow");
		ncap *= 2;
	}
	*arr = xreallocarray(*arr, ncap, size);
	*cap = ncap;
}

void
strv_free(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

/*
 * The growable byte buffer every writer appends to.  Kept NUL-terminated
 * so that a buffer's content can be handed to C string functions and
 * libraries without a copy.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/xalloc.h"

void
buf_init(struct buf *b)
{
	b->ptr = NULL;
	b->len = b->cap = 0;
}

void
buf_release(struct buf *b)
{
	free(b->ptr);
	buf_init(b);
}

void
buf_grow(struct buf *b, size_t n)
{
	size_t	 need, ncap;

	if (n > SIZE_MAX - b->len - 1) {
		fprintf(stderr, "hybridoc: buffer size overflow\n");
		exit(2);
	}
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	b->ptr = xrealloc(b->ptr, ncap);
	b->cap = ncap;
}

void
buf_put(struct buf *b, const void *data, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void
buf_putc(struct buf *b, int c)
{
	buf_grow(b, 1);
	b->ptr[b->len++] = (char)c;
	b->ptr[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

/*
 * Formats straight into the room the buffer has, and only when that is
 * too small grows it and formats again: measuring first made every
 * call format twice, an eighth of a long runbook's time.
 */
void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 cp;
	size_t	 room;
	int	 n;

	buf_grow(b, 64);
	room = b->cap - b->len;
	va_copy(cp, ap);
	n = vsnprintf(b->ptr + b->len, room, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->ptr[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->ptr[len] = '\0';
}

const char *
buf_cstr(const struct buf *b)
{
	return b->ptr ? b->ptr : "";
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char	*p;

	if (b->ptr == NULL)
		buf_grow(b, 0), b->ptr[0] = '\0';
	p = b->ptr;
	if (len)
		*len = b->len;
	buf_init(b);
	return p;
}

/*
 * A growable byte buffer that is always NUL-terminated.  Writers append
 * to a buffer the caller owns: struct buf b = BUF_INIT; ...;
 * buf_release(&b).  ptr is never NULL after the first append; before
 * it, buf_cstr() returns "".
 */
#ifndef HYBRIDOC_BUF_H
#define HYBRIDOC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*ptr;
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	buf_init(struct buf *b);
/* Frees the storage; the buffer is empty and reusable afterwards. */
void	buf_release(struct buf *b);
/* Makes room for n more bytes. */
void	buf_grow(struct buf *b, size_t n);
void	buf_put(struct buf *b, const void *data, size_t n);
void	buf_putc(struct buf *b, int c);
void	buf_puts(struct buf *b, const char *s);
void	buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Cuts the content to len bytes (len <= b->len). */
void	buf_truncate(struct buf *b, size_t len);
/* The content as a C string; "" for an empty, never-grown buffer. */
const char *buf_cstr(const struct buf *b);
/* Hands the storage (NUL-terminated, never NULL) to the caller, who
 * frees it; the buffer is empty afterwards. */
char	*buf_detach(struct buf *b, size_t *len);

#endif

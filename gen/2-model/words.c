/*
 * The wording of design values (words.h): bandwidths, prefix lists,
 * table cells, device names and detection times, said one way for the
 * runbook view and every stage of the packet.
 */
#include <stddef.h>

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/prefix.h"
#include "hybridoc/words.h"

void
words_mbps(struct buf *b, long mbps)
{
	if (mbps >= 1000 && mbps % 1000 == 0)
		buf_printf(b, "%ld Gbps", mbps / 1000);
	else if (mbps >= 1000 && mbps % 10 == 0)
		buf_printf(b, "%.2f Gbps", (double)mbps / 1000);
	else
		buf_printf(b, "%ld Mbps", mbps);
}

void
words_prefixes(struct buf *b, const struct prefix *p, size_t n,
    const char *sep)
{
	char	 t[PREFIX_STRLEN];
	size_t	 i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? sep : "",
		    prefix_format(&p[i], t, 1));
}

void
words_show_value(struct buf *b, const char *s)
{
	size_t	 i, n = 0;

	if (s == NULL) {
		buf_puts(b, "not set");
		return;
	}
	for (i = 0; s[i] && s[i] != '\n' && n < WORDS_SHOW_MAX; i++) {
		buf_putc(b, s[i]);
		/* Count characters, not UTF-8 continuation bytes. */
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	}
	while (((unsigned char)s[i] & 0xc0) == 0x80)
		buf_putc(b, s[i++]);
	if (s[i] == '\n' && s[i + 1] == '\0')
		return;
	if (s[i])
		buf_puts(b, "…");
}

void
words_device(struct buf *b, const struct vpn_device *v)
{
	if (v->vendor && v->model)
		buf_printf(b, "%s %s", v->vendor, v->model);
	else if (v->vendor || v->model)
		buf_puts(b, v->vendor ? v->vendor : v->model);
	else
		buf_puts(b, "VPN device");
}

void
words_detect(struct buf *b, double s)
{
	if (s <= 0)
		buf_puts(b, "—");
	else if (s < 60 || (long)s % 60 != 0)
		buf_printf(b, "%g s", s);
	else
		buf_printf(b, "%g min", s / 60);
}

void
words_count(struct buf *b, size_t n, const char *one, const char *many)
{
	if (n == 0)
		buf_printf(b, "no %s", many);
	else if (n == 1)
		buf_printf(b, "1 %s", one);
	else
		buf_printf(b, "%zu %s", n, many);
}

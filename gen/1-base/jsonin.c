/*
 * JSON input, the adapter around jansson for the commands that read
 * exports (import, drift, diagnose).  jansson parses; this file adds
 * what it lacks for untrusted input: a byte limit, a value count and a
 * nesting limit checked by a cheap scan before jansson allocates, and
 * messages that point at the start of the offending token and say what
 * was expected (jansson reports the position after the token it was
 * reading, in a sentence of its own).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/jsonin.h"
#include "hybridoc/load.h"
#include "hybridoc/xalloc.h"

/* The 1-based line and column (in characters) of byte off in data. */
static struct mark
mark_at(const char *data, size_t len, size_t off)
{
	struct mark	 m = { 1, 1 };
	size_t		 i;

	if (off > len)
		off = len;
	for (i = 0; i < off; i++) {
		if (data[i] == '\n') {
			m.line++;
			m.col = 1;
		} else if (((unsigned char)data[i] & 0xc0) != 0x80)
			m.col++;
	}
	return m;
}

/*
 * Offset of the first byte that does not start a valid UTF-8 sequence
 * (overlong forms, surrogates and code points past U+10FFFF are
 * invalid, as jansson holds them), or len when all is valid.
 */
static size_t
utf8_invalid(const unsigned char *s, size_t len)
{
	size_t		 i = 0, n, k;
	uint32_t	 cp;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf) {
			n = 1;
			cp = s[i] & 0x1f;
		} else if (s[i] >= 0xe0 && s[i] <= 0xef) {
			n = 2;
			cp = s[i] & 0x0f;
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			n = 3;
			cp = s[i] & 0x07;
		} else
			return i;
		if (len - i <= n)
			return i;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_structural(char c)
{
	return c == '[' || c == ']' || c == '{' || c == '}' || c == ':' ||
	    c == ',' || c == '"';
}

/* End offset of the token starting at i (a string, a bare word, or one
 * structural character). */
static size_t
token_end(const char *data, size_t len, size_t i)
{
	if (data[i] == '"') {
		for (i++; i < len; i++) {
			if (data[i] == '\\')
				i++;
			else if (data[i] == '"')
				return i + 1;
		}
		return len;
	}
	if (is_structural(data[i]))
		return i + 1;
	while (i < len && !is_ws(data[i]) && !is_structural(data[i]))
		i++;
	return i;
}

/*
 * Start of the token that holds the byte before end (jansson's error
 * position is just past the token it was reading), or end itself when
 * that byte is white space.
 */
static size_t
token_start(const char *data, size_t len, size_t end)
{
	size_t	 i = 0, e;

	if (end > len)
		end = len;
	while (i < end) {
		if (is_ws(data[i])) {
			i++;
			continue;
		}
		e = token_end(data, len, i);
		if (e >= end)
			return i;
		i = e;
	}
	return end;
}

/*
 * The pre-scan: nesting depth and the number of values and keys,
 * before jansson allocates anything.  Returns non-zero when within the
 * limits; otherwise sets *off to the offending byte and *what.
 */
static int
prescan(const char *data, size_t len, size_t *off, int *what)
{
	size_t	 i, depth = 0, values = 0;
	int	 in_word = 0;

	for (i = 0; i < len; i++) {
		char	 c = data[i];

		if (c == '"') {
			in_word = 0;
			if (++values > JSONIN_MAX_VALUES)
				goto values;
			for (i++; i < len && data[i] != '"'; i++)
				if (data[i] == '\\')
					i++;
			continue;
		}
		if (c == '[' || c == '{') {
			in_word = 0;
			if (++values > JSONIN_MAX_VALUES)
				goto values;
			if (++depth > JSONIN_MAX_DEPTH) {
				*off = i;
				*what = 'd';
				return 0;
			}
		} else if (c == ']' || c == '}') {
			in_word = 0;
			if (depth > 0)
				depth--;
		} else if (is_ws(c) || c == ',' || c == ':')
			in_word = 0;
		else if (!in_word) {
			in_word = 1;
			if (++values > JSONIN_MAX_VALUES)
				goto values;
		}
	}
	return 1;
values:
	*off = i;
	*what = 'v';
	return 0;
}

/* The token jansson quotes in "... near 'TOKEN'", or NULL. */
static char *
near_token(const char *text)
{
	const char	*p = strstr(text, "near '");
	size_t		 n;
	char		*s;

	if (p == NULL)
		return NULL;
	p += strlen("near '");
	n = strlen(p);
	if (n == 0 || p[n - 1] != '\'')
		return NULL;
	s = malloc(n);
	if (s == NULL)
		return NULL;
	memcpy(s, p, n - 1);
	s[n - 1] = '\0';
	return s;
}

/* Reports jansson's error e on data as "what was expected". */
static void
report(const char *name, const char *data, size_t len,
    const json_error_t *e, struct diags *d)
{
	size_t		 pos = e->position < 0 ? 0 : (size_t)e->position;
	size_t		 start = token_start(data, len, pos);
	struct mark	 m = mark_at(data, len, start);
	char		*tok = near_token(e->text);
	size_t		 toklen = start < len ? token_end(data, len, start) -
	    start : 0;

	switch (json_error_code(e)) {
	case json_error_premature_end_of_input:
		m = mark_at(data, len, len);
		diags_error(d, name, m, "JSON: the text ends here; expected "
		    "the rest of the value (a closing bracket, a string's "
		    "closing quote or more)");
		break;
	case json_error_end_of_input_expected:
		diags_error(d, name, m, "JSON: text after the end of the "
		    "value; expected one JSON value per file");
		break;
	case json_error_duplicate_key:
		diags_error(d, name, m, "JSON: the key %.*s appears twice in "
		    "this object; expected each key once", toklen > 200 ? 200 :
		    (int)toklen, data + start);
		break;
	case json_error_numeric_overflow:
		diags_error(d, name, m, "JSON: the number %.*s is out of "
		    "range; expected an integer from -9223372036854775808 to "
		    "9223372036854775807 or a real number within a double",
		    toklen > 60 ? 60 : (int)toklen, data + start);
		break;
	case json_error_null_character:
	case json_error_null_byte_in_key:
		diags_error(d, name, m, "JSON: a string holds \\u0000; "
		    "expected text without NUL characters");
		break;
	case json_error_invalid_utf8:
		/* Handled before parsing; kept for safety. */
		diags_error(d, name, m, "JSON: invalid UTF-8; expected UTF-8 "
		    "text");
		break;
	case json_error_stack_overflow:
		diags_error(d, name, m, "JSON: nesting deeper than %d "
		    "levels; expected at most %d nested arrays and objects",
		    JSONIN_MAX_DEPTH, JSONIN_MAX_DEPTH);
		break;
	default:
		/*
		 * The offending text is not quoted back unless it is one
		 * structural character: a malformed export may hold a
		 * secret (a connection's sharedKey) in the token.
		 */
		if (strncmp(e->text, "unexpected token", 16) == 0 &&
		    tok != NULL && strlen(tok) == 1 && strchr("[]{}:,", *tok))
			diags_error(d, name, m, "JSON: unexpected '%s'; expected "
			    "a value, or a ',' or closing bracket after one",
			    tok);
		else if (strncmp(e->text, "unexpected token", 16) == 0)
			diags_error(d, name, m, "JSON: unexpected text; "
			    "expected a value, or a ',' or closing bracket "
			    "after one");
		else if (strncmp(e->text, "invalid token", 13) == 0)
			diags_error(d, name, m, "JSON: not a JSON value; "
			    "expected a string, number, object, array, true, "
			    "false or null");
		else {
			char	*t = xstrdup(e->text), *near = strstr(t,
			    " near ");

			if (near != NULL)
				*near = '\0';
			diags_error(d, name, m, "JSON: %s", t);
			free(t);
		}
		break;
	}
	free(tok);
}

json_t *
jsonin_parse(const char *name, const char *data, size_t len,
    struct diags *d)
{
	json_error_t	 e;
	json_t		*j;
	size_t		 off, bad;
	int		 what;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (len >= 2 && (memcmp(data, "\xff\xfe", 2) == 0 ||
	    memcmp(data, "\xfe\xff", 2) == 0 ||
	    (data[0] != '\0' && data[1] == '\0') || data[0] == '\0')) {
		struct mark	 m = { 1, 1 };

		diags_error(d, name, m, "JSON: the file is UTF-16 or holds "
		    "NUL bytes; expected UTF-8 text");
		return NULL;
	}
	if (len > JSONIN_MAX_BYTES) {
		struct mark	 none = { 0, 0 };

		diags_error(d, name, none, "file is larger than the limit of "
		    "%u MiB for JSON input", JSONIN_MAX_BYTES / (1024 * 1024));
		return NULL;
	}
	if ((bad = utf8_invalid((const unsigned char *)data, len)) < len) {
		diags_error(d, name, mark_at(data, len, bad), "JSON: invalid "
		    "UTF-8 (byte 0x%02x); expected UTF-8 text",
		    (unsigned char)data[bad]);
		return NULL;
	}
	if (!prescan(data, len, &off, &what)) {
		if (what == 'd')
			diags_error(d, name, mark_at(data, len, off), "JSON: "
			    "nesting deeper than %d levels; expected at most %d "
			    "nested arrays and objects", JSONIN_MAX_DEPTH,
			    JSONIN_MAX_DEPTH);
		else
			diags_error(d, name, mark_at(data, len, off), "JSON: "
			    "more than %u values and keys; expected at most "
			    "that many in one file", JSONIN_MAX_VALUES);
		return NULL;
	}
	j = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	    &e);
	if (j == NULL) {
		if (len == 0 || token_start(data, len, len) == len) {
			size_t	 i;

			for (i = 0; i < len && is_ws(data[i]); i++)
				;
			if (i == len) {
				struct mark	 m = { 1, 1 };

				diags_error(d, name, m, "JSON: the file is "
				    "empty; expected a JSON value");
				return NULL;
			}
		}
		report(name, data, len, &e, d);
	}
	return j;
}

json_t *
jsonin_load(const char *file, struct diags *d)
{
	char		*data;
	size_t		 len;
	json_t		*j;

	/* Room for a byte order mark above the limit. */
	if (!load_file_limit(file, JSONIN_MAX_BYTES + 3, "JSON input", NULL,
	    &data, &len, d))
		return NULL;
	j = jsonin_parse(file, data, len, d);
	free(data);
	return j;
}

const char *
jsonin_str(const json_t *obj, const char *key)
{
	const json_t	*v;

	if (obj == NULL || !json_is_object(obj))
		return NULL;
	v = json_object_get(obj, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

json_t *
jsonin_get(const json_t *obj, const char *dotted)
{
	const char	*p = dotted, *dot;
	char		 key[128];
	json_t		*v = (json_t *)obj;
	size_t		 n;

	while (v != NULL) {
		if (!json_is_object(v))
			return NULL;
		dot = strchr(p, '.');
		n = dot != NULL ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		v = json_object_get(v, key);
		if (dot == NULL)
			return v;
		p = dot + 1;
	}
	return NULL;
}

const char *
jsonin_get_str(const json_t *obj, const char *dotted)
{
	json_t	*v = jsonin_get(obj, dotted);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int
plain_key(const char *key)
{
	const char	*p;

	if (*key == '\0' || (*key >= '0' && *key <= '9'))
		return 0;
	for (p = key; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_'))
			return 0;
	return 1;
}

void
jsonin_path_key(struct buf *path, const char *key)
{
	const unsigned char *p;

	if (plain_key(key)) {
		buf_putc(path, '.');
		buf_puts(path, key);
		return;
	}
	buf_puts(path, "['");
	for (p = (const unsigned char *)key; *p != '\0'; p++) {
		if (*p == '\'' || *p == '\\') {
			buf_putc(path, '\\');
			buf_putc(path, *p);
		} else if (*p < 0x20 || *p == 0x7f)
			buf_printf(path, "\\u%04x", *p);
		else
			buf_putc(path, *p);
	}
	buf_puts(path, "']");
}

void
jsonin_path_index(struct buf *path, size_t i)
{
	buf_printf(path, "[%zu]", i);
}

/*
 * JSON input: the one adapter around jansson, shared by `import`,
 * `drift` and `diagnose`.  It reads a file, refuses what a hostile or
 * broken export could hold, and reports every refusal as
 * "file:line:col: error: ..." saying what was expected, with line and
 * column (1-based, columns in characters) at the start of the offending
 * token.
 *
 * Refused: files over JSONIN_MAX_BYTES; more than JSONIN_MAX_VALUES
 * values and keys (jansson spends about 100 bytes on each, so 64 MiB of
 * "[0,0,0,..." would otherwise cost gigabytes); nesting deeper than
 * JSONIN_MAX_DEPTH arrays and objects (checked before jansson's own
 * limit of 2048 is reached); a key given twice in one object; invalid
 * UTF-8, UTF-16 text and "\u0000"; integers outside a signed 64-bit
 * integer and reals outside a double; anything after the first value.
 * A UTF-8 byte order mark is skipped.  The file "-" is standard input.
 */
#ifndef HYBRIDOC_JSONIN_H
#define HYBRIDOC_JSONIN_H

#include <stddef.h>

#include <jansson.h>

#include "hybridoc/buf.h"
#include "hybridoc/diag.h"

#define JSONIN_MAX_BYTES	(64u * 1024 * 1024)
#define JSONIN_MAX_DEPTH	512
#define JSONIN_MAX_VALUES	4000000u

/*
 * Reads and parses a JSON file: at most 64 MiB; duplicate keys, invalid
 * UTF-8, numbers out of range, nesting deeper than 512 and trailing
 * garbage are refused.  On error adds "file:line:col: error: ..." (what
 * was expected) to d and returns NULL; "-" reads standard input.  The
 * caller releases the result with json_decref().
 */
json_t	*jsonin_load(const char *file, struct diags *d);

/*
 * The same for len bytes in memory (need not be NUL-terminated); name
 * is the file name used in messages.
 */
json_t	*jsonin_parse(const char *name, const char *data, size_t len,
	    struct diags *d);

/* The string at key of an object, or NULL when absent or not a string. */
const char *jsonin_str(const json_t *obj, const char *key);

/*
 * The value at a dotted path of object keys ("properties.sku.name"),
 * or NULL when any step is absent or not an object.
 */
json_t	*jsonin_get(const json_t *obj, const char *dotted);

/* jsonin_get() when the value is a string, else NULL. */
const char *jsonin_get_str(const json_t *obj, const char *dotted);

/*
 * Appends ".key" or "[i]" to a JSON path held in path, for messages
 * like "$.value[3].properties.bgpSettings".  A key that is not a plain
 * name (letters, digits, '_', not starting with a digit) is written in
 * bracket form, ['a key'], with ' and \ escaped and control characters
 * as \uXXXX, so that a path never breaks a message line.
 */
void	jsonin_path_key(struct buf *path, const char *key);
void	jsonin_path_index(struct buf *path, size_t i);

#endif

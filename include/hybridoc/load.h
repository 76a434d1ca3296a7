/*
 * The loader: YAML text to a value tree, through libyaml (this is the
 * only file that includes <yaml.h>).  Every node keeps its 1-based
 * line and column.  One document per input.  Plain scalars resolve by
 * the YAML 1.2 core schema: null, ~ and empty are null; true/false are
 * booleans; decimal, 0x, 0o integers and decimal floats are numbers;
 * everything else, and every quoted or block scalar, is a string.
 *
 * Anchors and aliases work (an alias is a copy of the anchored node);
 * an alias to a node still being built is a cycle and an error.  Limits
 * keep hostile input cheap: LOAD_MAX_BYTES of input, LOAD_MAX_DEPTH of
 * nesting, LOAD_MAX_NODES nodes in all after alias expansion, of which
 * at most LOAD_MAX_ALIAS_NODES copied through aliases (so a "billion
 * laughs" fails before it costs much time or memory).  A key given
 * twice in one mapping is an error.  The byte and node limits are set
 * so that the largest input loads and is refused within a second (the
 * reference design of 1,000 sites and 10,000 prefixes is 0.4 MB and
 * 40,000 nodes); at 16 MiB and 2,000,000 nodes a design of unknown
 * keys took seconds.
 */
#ifndef HYBRIDOC_LOAD_H
#define HYBRIDOC_LOAD_H

#include <stddef.h>

#include "hybridoc/diag.h"
#include "hybridoc/value.h"

#define LOAD_MAX_BYTES	(8u * 1024 * 1024)
#define LOAD_MAX_DEPTH	64
#define LOAD_MAX_NODES	500000
#define LOAD_MAX_ALIAS_NODES 100000

/*
 * Reads a whole file ("-" is standard input) into *data (NUL-terminated,
 * caller frees) and *len.  Files over LOAD_MAX_BYTES are refused.
 * Returns non-zero on success; on failure adds an error to d naming
 * path and returns 0.
 */
int	load_file(const char *path, char **data, size_t *len,
	    struct diags *d);
/*
 * The same with a limit of max bytes; a larger file is refused as "larger
 * than the limit of N MiB for WHAT", with rule id (NULL: none) on every
 * error.  load_file() is this for a design (LOAD_MAX_BYTES, "a design",
 * HD001); the JSON readers use it with their own limit.
 */
int	load_file_limit(const char *path, size_t max, const char *what,
	    const char *id, char **data, size_t *len, struct diags *d);

/*
 * Parses len bytes of YAML into *out (caller frees with value_free).
 * name is the file name used in messages.  An empty document gives a
 * VALUE_NULL root.  Returns non-zero on success; on failure adds
 * "name:line:col: error: ..." to d, sets *out to NULL and returns 0.
 */
int	load_yaml(const char *name, const char *data, size_t len,
	    struct value **out, struct diags *d);

#endif

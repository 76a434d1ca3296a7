/*
 * The value tree: maps, lists and scalars, each with the 1-based line
 * and column where it stood in its source.  The YAML loader produces
 * it, the schema binds designs from it, the view module builds one for
 * templates, the Mustache engine reads it and the JSON writer prints
 * it.  A tree is owned by its root: value_free() frees everything
 * below it.
 */
#ifndef HYBRIDOC_VALUE_H
#define HYBRIDOC_VALUE_H

#include <stddef.h>

struct buf;

struct mark {
	unsigned	line;	/* 1-based; 0 when unknown */
	unsigned	col;	/* 1-based */
};

enum value_kind {
	VALUE_NULL,
	VALUE_BOOL,
	VALUE_NUM,	/* a number: num holds it, str its text */
	VALUE_STR,
	VALUE_LIST,
	VALUE_MAP
};

struct value {
	enum value_kind	 kind;
	struct mark	 mark;
	/*
	 * Scalars: str is the text as written (NUL-terminated, len
	 * bytes, may hold NUL bytes only if the source did).  For
	 * VALUE_NUM num is its value and isint says it was an integer
	 * literal; for VALUE_BOOL b is 0 or 1.  quoted is set when the
	 * YAML scalar was quoted or a block scalar.
	 */
	char		*str;
	size_t		 len;
	double		 num;
	int		 isint;
	int		 b;
	int		 quoted;
	/* Lists and maps: n children in items; maps also keys. */
	struct value	**items;
	char		**keys;
	struct mark	*key_marks;
	size_t		 n;
	size_t		 cap;
	/* A list made an item at a time (value_new_lazy_list), or NULL. */
	struct value_lazy *lazy;
};

/* Makes item i of a lazy list as a new tree, which the caller frees. */
typedef struct value *value_item_fn(void *arg, size_t i);
/*
 * Takes the bytes a writer has put in out so far (and empties out),
 * e.g. to a file; returns 0 on an error, which stops the writer.
 */
typedef int	value_flush_fn(void *arg, struct buf *out);

struct value	*value_new(enum value_kind kind);
struct value	*value_new_null(void);
struct value	*value_new_bool(int b);
struct value	*value_new_int(long long v);
struct value	*value_new_num(double v);
struct value	*value_new_str(const char *s);
struct value	*value_new_strn(const char *s, size_t n);
/* Takes ownership of s (from malloc). */
struct value	*value_new_str_owned(char *s);
struct value	*value_new_list(void);
struct value	*value_new_map(void);
/*
 * A list of n items made one at a time as a writer reaches them, so
 * that a long list (the runbook's 800 tests of 200 sites) never stands
 * whole in memory: item(arg, i) makes item i, and done(arg), when not
 * NULL, frees arg with the list.  Its n and items stay 0 and NULL, so
 * a reader that walks items sees an empty list: only value_list_len(),
 * value_list_get(), value_truthy(), value_copy(), value_to_json() and
 * the Mustache engine know it.  Items must not depend on each other.
 */
struct value	*value_new_lazy_list(size_t n, value_item_fn *item,
		    void (*done)(void *), void *arg);
/* A list's length, lazy or not (0 for other values). */
size_t		 value_list_len(const struct value *v);
/*
 * Item i of a list: for a lazy list a new tree, which *own is set to
 * (the caller frees it); otherwise the item itself, and *own is NULL.
 */
const struct value *value_list_get(const struct value *v, size_t i,
		    struct value **own);
/*
 * Makes every item of a lazy list at once and keeps them, so that it
 * is an ordinary list afterwards (for a reader that needs items by
 * index that long); nothing for other values.
 */
void		 value_list_fill(struct value *v);
void		 value_free(struct value *v);
/* Deep copy, marks included. */
struct value	*value_copy(const struct value *v);

/* Appends child (owned by list afterwards); returns child. */
struct value	*value_list_push(struct value *list, struct value *child);
/*
 * Appends key -> child to a map (owned by the map afterwards); returns
 * child.  Does not check for an existing key: builders own that.
 */
struct value	*value_map_put(struct value *map, const char *key,
		    struct value *child);
/* Convenience setters that build the scalar and put it; return it. */
struct value	*value_map_str(struct value *map, const char *key,
		    const char *s);
struct value	*value_map_int(struct value *map, const char *key,
		    long long v);
struct value	*value_map_bool(struct value *map, const char *key, int b);
/* An empty list or map put under key, or pushed onto list; returns it. */
struct value	*value_map_list(struct value *map, const char *key);
struct value	*value_list_map(struct value *list);
/* The child for key, or NULL (also when map is not a map). */
struct value	*value_map_get(const struct value *map, const char *key);
/* The index of key in map, or -1. */
long		 value_map_index(const struct value *map, const char *key);
/* A map child's string, or NULL when absent or not a scalar. */
const char	*value_map_cstr(const struct value *map, const char *key);

/*
 * Non-zero when v is the word unknown written plain (not quoted): the
 * design format's mark for a value not known yet (docs/format.md).
 */
int		 value_is_unknown(const struct value *v);
/* Mustache truthiness: false, null, empty list are false. */
int		 value_truthy(const struct value *v);
/*
 * Appends the scalar's text (numbers in their shortest round-trip
 * form, booleans as true/false, null as nothing) to out.  Lists and
 * maps append nothing.
 */
void		 value_scalar_text(struct buf *out, const struct value *v);
/*
 * Writes v as JSON to out.  indent 0 gives one line; otherwise that
 * many spaces per level.  Keys keep their order.  Ends with no newline.
 */
void		 value_to_json(struct buf *out, const struct value *v,
		    int indent);
/*
 * value_to_json, handing out to flush(arg, out) after an item of a
 * lazy list once it holds at least VALUE_FLUSH_AT bytes.  Returns 0
 * when flush failed (out then holds what was not taken).
 */
#define VALUE_FLUSH_AT	65536
int		 value_to_json_flush(struct buf *out, const struct value *v,
		    int indent, value_flush_fn *flush, void *arg);
/* Appends s (len bytes) as a JSON string literal, quotes included. */
void		 json_put_string(struct buf *out, const char *s, size_t len);

#endif

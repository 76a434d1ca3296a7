/*
 * The schema of the design format as one table.  Each object type is a
 * list of fields (key, type, required, enum values, default, one-line
 * doc, where the value goes in the typed model).  The same table drives
 * the binder (value tree -> struct design, with every input error),
 * `hybridoc schema` (JSON Schema) and the format reference, so the
 * three cannot drift.
 */
#ifndef HYBRIDOC_SCHEMA_H
#define HYBRIDOC_SCHEMA_H

#include <stddef.h>

#include "hybridoc/diag.h"
#include "hybridoc/value.h"

struct buf;

enum schema_type {
	ST_STR,		/* any scalar, as text */
	ST_NAME,	/* an object name: [A-Za-z0-9][A-Za-z0-9_.-]* */
	ST_SLUG,	/* a file-name slug: [a-z0-9][a-z0-9-]* */
	ST_INT,		/* integer in [min, max], stored as long */
	ST_BOOL,	/* stored as int */
	ST_ENUM,	/* one of enums, stored as int (the index) */
	ST_PREFIX,	/* IPv4/IPv6 prefix, host bits clear */
	ST_ADDR,	/* IPv4/IPv6 address */
	ST_OBJ,		/* a mapping of the child object */
	ST_LIST		/* a sequence of elem (objects: of obj) */
};

#define SF_REQUIRED	0x01u
#define SF_ONE_OR_MANY	0x02u	/* a list that may be given as one mapping */
#define SF_NONEMPTY	0x04u	/* a list that must have an element */
#define SCHEMA_NOOFF	((size_t)-1)
/* Elements a list may hold, so hostile designs stay cheap (design.md). */
#define SCHEMA_MAX_LIST	20000

struct schema_obj;

/*
 * What a change to a field means, for the semantic diff, the packet's
 * risk and the plan (schema_sem()).  Every field declares one; a field
 * without (SEM_UNSET) fails tests/test_schema.c, and the packet refuses
 * to class it rather than call it low risk.
 */
enum schema_sem {
	SEM_UNSET,	/* not declared */
	SEM_DOC,	/* documentation only: nothing in Azure changes */
	SEM_DEMAND,	/* what the network must carry or survive, or an
			   accepted finding: no network change */
	SEM_IDENTITY,	/* names or places an object */
	SEM_ADDRESS,	/* the address plan */
	SEM_SKU,	/* a SKU, generation or scale: resize or recreate */
	SEM_CAPACITY,	/* bandwidth */
	SEM_POLICY,	/* routing policy: advertisements, preferences,
			   weights, BFD, FastPath */
	SEM_CONN,	/* connectivity: addresses, BGP, IPsec, connections;
			   tunnels or sessions reset */
	SEM_SETTING,	/* any other setting of an Azure resource */
	SEM_OBJECT	/* holds objects whose own fields say the rest */
};

/*
 * The objects with identity: what a change is reported against (diff.h's
 * enum diff_kind takes these values).  Every other object (azure,
 * private_peering, bgp, ike, device) is part of the object holding it.
 */
enum schema_kind {
	SK_DESIGN,		/* top-level keys and azure.* scalars */
	SK_VNET,
	SK_SUBNET,
	SK_SPOKE,
	SK_ER_GATEWAY,
	SK_VPN_GATEWAY,
	SK_INSTANCE,		/* a VPN gateway instance */
	SK_CIRCUIT,
	SK_SITE,
	SK_SITE_ER,		/* a site's ExpressRoute attachment */
	SK_DEVICE,		/* a site's VPN device and its connection */
	SK_TRAFFIC,
	SK_ROUTE_SERVER,
	SK_FAILOVER,
	SK_SUPPRESS,
	SK_NKINDS
};

/*
 * The identity of a schema object (schema_ident()).  key1, key2: the
 * fields whose values, joined by "->", name an element of a list (NULL:
 * matched by position).  presence: for a singleton, whether being
 * absent is meaningful (a missing gateway is no gateway; a missing
 * route_server is its defaults).  id: the kind in JSON ("er_gateway");
 * words: in prose ("ExpressRoute gateway").
 */
struct schema_ident {
	const char	*obj;
	enum schema_kind kind;
	const char	*key1;
	const char	*key2;
	int		 presence;
	const char	*id;
	const char	*words;
};

struct schema_field {
	const char	*key;
	enum schema_type type;
	enum schema_type elem;		/* ST_LIST: the element type */
	unsigned	 flags;
	size_t		 off;		/* where the value (or array) goes */
	size_t		 off_n;		/* ST_LIST: the element count */
	size_t		 off_has;	/* int set to 1 when given, or NOOFF */
	size_t		 off_node;	/* ST_OBJ: value pointer, or NOOFF */
	const struct schema_obj *obj;	/* ST_OBJ, list of ST_OBJ */
	const char *const *enums;	/* ST_ENUM, NULL-terminated */
	long		 min, max;	/* ST_INT */
	const char	*def;		/* default, as YAML text, or NULL */
	const char	*doc;
};

struct schema_obj {
	const char	*name;		/* for docs: "site", "circuit" */
	size_t		 size;		/* element size in a list */
	const struct schema_field *fields;	/* ends with a NULL key */
	const char	*doc;
};

/* The root: a whole design. */
extern const struct schema_obj schema_design;

/*
 * Binds the value tree root into the struct at base according to obj,
 * reporting every input error to d under the file name.  Returns
 * non-zero when no error was found.  Strings and arrays it allocates
 * belong to the struct (design_free() releases them).
 */
/* The meaning of field f of object o (SEM_UNSET when not declared). */
enum schema_sem schema_sem(const struct schema_obj *o,
	    const struct schema_field *f);
/* "doc", "demand", "identity", ... */
const char *schema_sem_name(enum schema_sem sem);
/* What a change of class sem means, as a sentence (the format reference). */
const char *schema_sem_words(enum schema_sem sem);

/* The identity of object o, or NULL when o is part of its holder. */
const struct schema_ident *schema_ident(const struct schema_obj *o);
/* The identity of kind k (never NULL for k < SK_NKINDS), or NULL. */
const struct schema_ident *schema_ident_kind(enum schema_kind k);

int	schema_bind(const struct schema_obj *obj, const struct value *root,
	    void *base, const char *file, struct diags *d);
/* Frees what schema_bind allocated below base. */
void	schema_release(const struct schema_obj *obj, void *base);

/*
 * The closest of the candidates to word (edit distance at most 2, or
 * a case-insensitive match), or NULL.
 */
const char *schema_suggest(const char *word, const char *const *cands,
	    size_t n);

/* A value of type t in words ("an integer"), for errors and docs. */
const char *schema_type_words(enum schema_type t);

/*
 * Non-zero when s is a valid ST_SLUG (what the design's name must be):
 * [a-z0-9][a-z0-9-]*, at most 80 characters.
 */
int	schema_slug_ok(const char *s);

/*
 * Non-zero when field key of object type obj ("circuit", "bgp") may be
 * given as `unknown` (docs/format.md, "Values not known yet").
 */
int	schema_unknowable(const char *obj, const char *key);

/* JSON Schema (draft 2020-12) of the design format, pretty-printed. */
void	schema_json(struct buf *out);
/* The format reference in Markdown. */
void	schema_markdown(struct buf *out);

#endif

/*
 * The design format's table (schema.c) printed for readers: as a JSON
 * Schema for editors and validators (`hybridoc schema`), and as the
 * Markdown format reference (docs/format.md).  Both walk the same table
 * the binder walks, so neither can say something the binder does not.
 */
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/rules.h"
#include "hybridoc/schema.h"
#include "hybridoc/value.h"

/*
 * The address patterns say as much of prefix.c's syntax as a regular
 * expression can: dotted quads without leading zeros, the IPv6 text
 * forms of RFC 4291 (one "::" at most, a dotted quad last), lengths in
 * range for the family.  Host bits are the binder's alone.  They are
 * written for JSON text: "\\\\." here is "\\." there and "\." in the
 * pattern.
 */
#define V4_OCTET	"(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
#define V4_ADDR		V4_OCTET "(\\\\." V4_OCTET "){3}"
#define H6		"[0-9A-Fa-f]{1,4}"
/* RFC 4291 text forms: a dotted quad last, then the pure hex ones. */
#define V6_V4		"(" H6 ":){6}" V4_ADDR "|::(" H6 ":){0,5}" V4_ADDR \
	"|" H6 "::(" H6 ":){0,4}" V4_ADDR "|(" H6 ":){2}:(" H6 ":){0,3}" \
	V4_ADDR "|(" H6 ":){3}:(" H6 ":){0,2}" V4_ADDR "|(" H6 ":){4}:(" \
	H6 ":)?" V4_ADDR "|(" H6 ":){5}:" V4_ADDR
#define V6_HEX		"(" H6 ":){7}" H6 "|(" H6 ":){1,7}:|(" H6 ":){1,6}:" \
	H6 "|(" H6 ":){1,5}(:" H6 "){1,2}|(" H6 ":){1,4}(:" H6 "){1,3}|(" \
	H6 ":){1,3}(:" H6 "){1,4}|(" H6 ":){1,2}(:" H6 "){1,5}|" H6 ":(:" \
	H6 "){1,6}|:((:" H6 "){1,7}|:)"
#define V6_ADDR		"(" V6_V4 "|" V6_HEX ")"
#define V4_LEN		"(3[0-2]|[12]?[0-9])"
#define V6_LEN		"(12[0-8]|1[01][0-9]|[1-9]?[0-9])"
#define PFX_PATTERN	"^(" V4_ADDR "/" V4_LEN "|" V6_ADDR "/" V6_LEN ")$"
#define ADDR_PATTERN	"^(" V4_ADDR "|" V6_ADDR ")$"
#define NAME_PATTERN	"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$"
#define SLUG_PATTERN	"^[a-z0-9][a-z0-9-]{0,79}$"

#define MAX_OBJS	64

/* Every object type reachable from the root, in first-seen order. */
static size_t
collect_objs(const struct schema_obj **out, size_t max)
{
	const struct schema_field *f;
	size_t		 n = 0, i, j;

	out[n++] = &schema_design;
	for (i = 0; i < n; i++) {
		for (f = out[i]->fields; f->key; f++) {
			if (f->obj == NULL)
				continue;
			for (j = 0; j < n; j++)
				if (out[j] == f->obj)
					break;
			if (j == n && n < max)
				out[n++] = f->obj;
		}
	}
	return n;
}

/*
 * A pattern, with the binder's own words for it as the subschema's
 * title: a standard annotation, so that validators in strict mode
 * (ajv's default) accept the schema, and editors show it on hover.
 */
static void
json_pattern(struct buf *b, const char *pattern, enum schema_type t)
{
	struct buf	 msg = BUF_INIT;

	buf_printf(b, "\"pattern\": \"%s\", \"title\": ", pattern);
	buf_printf(&msg, "Expected %s%s.", schema_type_words(t), t == ST_NAME ||
	    t == ST_SLUG ? " of at most 80 characters" : "");
	json_put_string(b, msg.ptr, msg.len);
	buf_release(&msg);
}

/*
 * What bind_scalar() accepts, as JSON Schema.  Strings take any scalar
 * (null as the empty string); names and slugs take numbers too, since
 * the binder reads them as their text, which the pattern or minimum
 * then checks.
 */
static void
json_scalar_schema(struct buf *b, const struct schema_field *f,
    enum schema_type t)
{
	size_t	 i;

	switch (t) {
	case ST_STR:
		buf_puts(b, "\"type\": [\"string\", \"number\", \"boolean\", "
		    "\"null\"]");
		break;
	case ST_NAME:
		buf_puts(b, "\"type\": [\"string\", \"number\"], "
		    "\"minimum\": 0, ");
		json_pattern(b, NAME_PATTERN, t);
		break;
	case ST_SLUG:
		buf_puts(b, "\"type\": [\"string\", \"integer\"], "
		    "\"minimum\": 0, ");
		json_pattern(b, SLUG_PATTERN, t);
		break;
	case ST_INT:
		if (f->min == f->max)
			buf_printf(b, "\"type\": \"integer\", \"const\": %ld",
			    f->min);
		else
			buf_printf(b, "\"type\": \"integer\", \"minimum\": %ld, "
			    "\"maximum\": %ld", f->min, f->max);
		break;
	case ST_BOOL:
		buf_puts(b, "\"type\": \"boolean\"");
		break;
	case ST_ENUM:
		buf_puts(b, "\"type\": \"string\", \"enum\": [");
		for (i = 0; f->enums[i]; i++) {
			if (i)
				buf_puts(b, ", ");
			json_put_string(b, f->enums[i], strlen(f->enums[i]));
		}
		buf_putc(b, ']');
		break;
	case ST_PREFIX:
		buf_puts(b, "\"type\": \"string\", ");
		json_pattern(b, PFX_PATTERN, t);
		break;
	case ST_ADDR:
		buf_puts(b, "\"type\": \"string\", ");
		json_pattern(b, ADDR_PATTERN, t);
		break;
	default:
		break;
	}
}

static void
json_field(struct buf *b, const struct schema_obj *o,
    const struct schema_field *f)
{
	buf_puts(b, "{\"description\": ");
	json_put_string(b, f->doc, strlen(f->doc));
	buf_puts(b, ", ");
	if (f->type == ST_OBJ)
		buf_printf(b, "\"$ref\": \"#/$defs/%s\"", f->obj->name);
	else if (f->type == ST_LIST) {
		if (f->flags & SF_ONE_OR_MANY)
			buf_printf(b, "\"oneOf\": [{\"$ref\": \"#/$defs/%s\"}, "
			    "{\"type\": \"array\", %s\"maxItems\": %d, "
			    "\"items\": {\"$ref\": \"#/$defs/%s\"}}]",
			    f->obj->name, f->flags & SF_NONEMPTY ?
			    "\"minItems\": 1, " : "", SCHEMA_MAX_LIST, f->obj->name);
		else {
			buf_puts(b, "\"type\": \"array\", ");
			if (f->flags & SF_NONEMPTY)
				buf_puts(b, "\"minItems\": 1, ");
			buf_printf(b, "\"maxItems\": %d, \"items\": {",
			    SCHEMA_MAX_LIST);
			if (f->elem == ST_OBJ)
				buf_printf(b, "\"$ref\": \"#/$defs/%s\"",
				    f->obj->name);
			else
				json_scalar_schema(b, f, f->elem);
			buf_putc(b, '}');
		}
	} else if (o != NULL && schema_unknowable(o->name, f->key)) {
		buf_puts(b, "\"anyOf\": [{");
		json_scalar_schema(b, f, f->type);
		buf_puts(b, "}, {\"type\": \"string\", \"const\": \"unknown\", "
		    "\"title\": \"Not known yet (plain, not quoted).\"}]");
	} else
		json_scalar_schema(b, f, f->type);
	if (f->def) {
		buf_puts(b, ", \"default\": ");
		if (f->type == ST_INT || f->type == ST_BOOL)
			buf_puts(b, f->def);
		else
			json_put_string(b, f->def, strlen(f->def));
	}
	buf_putc(b, '}');
}

/*
 * The loader's structural checks that sit above one field (design.c's
 * design_bind): they go in the object's allOf, so that an editor or a
 * JSON Schema validator rejects what `hybridoc validate` rejects.
 * Cross-object checks (names, references) and host bits stay the
 * loader's: a schema over the parsed data cannot see them.
 */
static void
json_obj_checks(struct buf *b, const struct schema_obj *o, const char *in)
{
	const struct rule *r;

	static const char *const gw[][3] = {
		{ "expressroute", "expressroute_gateway", "ExpressRoute" },
		{ "vpn", "vpn_gateway", "a VPN" },
	};
	size_t		 i;

	if (strcmp(o->name, "design") == 0) {
		buf_printf(b, ",\n%s  \"allOf\": [", in);
		for (i = 0; i < 2; i++)
			buf_printf(b, "%s{\"description\": \"A site that uses "
			    "%s needs azure.%s.\", \"if\": {\"required\": "
			    "[\"sites\"], \"properties\": {\"sites\": "
			    "{\"type\": \"array\", \"contains\": {\"type\": "
			    "\"object\", \"required\": [\"%s\"], \"properties\": "
			    "{\"%s\": {\"not\": {\"type\": \"array\", "
			    "\"maxItems\": 0}}}}}}}, \"then\": {\"properties\": "
			    "{\"azure\": {\"type\": \"object\", \"required\": "
			    "[\"%s\"], \"properties\": {\"%s\": true}}}}}",
			    i ? ", " : "", gw[i][2], gw[i][1], gw[i][0],
			    gw[i][0], gw[i][1], gw[i][1]);
		buf_putc(b, ']');
	} else if (strcmp(o->name, "vpn_gateway") == 0)
		buf_printf(b, ",\n%s  \"allOf\": [{\"description\": \"A VPN "
		    "gateway has one instance (active-standby) or two "
		    "(active-active).\", \"properties\": {\"instances\": "
		    "{\"type\": \"array\", \"maxItems\": 2}}}]", in);
	else if (strcmp(o->name, "vpn") == 0)
		buf_printf(b, ",\n%s  \"oneOf\": [{\"description\": \"BGP: "
		    "'bgp' given, 'static' absent or false.\", \"required\": "
		    "[\"bgp\"], \"properties\": {\"bgp\": true, \"static\": {\"const\": "
		    "false}}}, {\"description\": \"Static: 'static: true', "
		    "no 'bgp' and no 'advertise' (a static site is routed by "
		    "its address_prefixes).\", \"required\": [\"static\"], "
		    "\"properties\": {\"static\": {\"const\": true}, \"bgp\": "
		    "false, \"advertise\": false}}]", in);
	else if (strcmp(o->name, "site") == 0)
		buf_printf(b, ",\n%s  \"anyOf\": [{\"description\": \"The "
		    "site reaches Azure over ExpressRoute.\", \"required\": "
		    "[\"expressroute\"], \"properties\": {\"expressroute\": "
		    "{\"not\": {\"type\": \"array\", \"maxItems\": 0}}}}, "
		    "{\"description\": \"The site reaches Azure over a VPN.\", "
		    "\"required\": [\"vpn\"], \"properties\": {\"vpn\": "
		    "{\"not\": {\"type\": \"array\", \"maxItems\": 0}}}}]",
		    in);
	else if (strcmp(o->name, "suppress") == 0) {
		const char *sep = "";

		buf_printf(b, ",\n%s  \"allOf\": [{\"description\": \"A "
		    "rule id of the catalog that a design may suppress (not "
		    "diagnose's, HD901 and up).\", \"properties\": "
		    "{\"rule\": {\"enum\": [", in);
		for (r = rules; r->id != NULL; r++) {
			if (!rule_suppressible(r))
				continue;
			buf_printf(b, "%s\"%s\"", sep, r->id);
			sep = ", ";
		}
		buf_puts(b, "]}}}]");
	}
}

static void
json_obj(struct buf *b, const struct schema_obj *o, const char *indent)
{
	const struct schema_field *f;
	int		 first = 1;

	buf_printf(b, "{\n%s  \"type\": \"object\",\n%s  \"description\": ",
	    indent, indent);
	json_put_string(b, o->doc, strlen(o->doc));
	buf_printf(b, ",\n%s  \"additionalProperties\": false,\n%s  "
	    "\"properties\": {", indent, indent);
	for (f = o->fields; f->key; f++) {
		buf_printf(b, "%s\n%s    \"%s\": ", f == o->fields ? "" : ",",
		    indent, f->key);
		json_field(b, o, f);
	}
	buf_printf(b, "\n%s  }", indent);
	for (f = o->fields; f->key; f++) {
		if (!(f->flags & SF_REQUIRED))
			continue;
		if (first)
			buf_printf(b, ",\n%s  \"required\": [", indent);
		buf_printf(b, "%s\"%s\"", first ? "" : ", ", f->key);
		first = 0;
	}
	if (!first)
		buf_putc(b, ']');
	json_obj_checks(b, o, indent);
	buf_printf(b, "\n%s}", indent);
}

void
schema_json(struct buf *b)
{
	const struct schema_obj *objs[MAX_OBJS];
	size_t		 n, i;

	n = collect_objs(objs, MAX_OBJS);
	buf_puts(b, "{\n  \"$schema\": "
	    "\"https://json-schema.org/draft/2020-12/schema\",\n"
	    "  \"$id\": \"https://hybridoc.invalid/schema/design-v1.json\",\n"
	    "  \"title\": \"hybridoc design, format version 1\",\n"
	    "  \"description\": \"Generated by 'hybridoc schema' from the "
	    "loader's schema table. 'hybridoc validate' checks more: host "
	    "bits, references between objects, and the Azure rules.\",\n"
	    "  \"$ref\": \"#/$defs/design\",\n  \"$defs\": {");
	for (i = 0; i < n; i++) {
		buf_printf(b, "%s\n    \"%s\": ", i ? "," : "", objs[i]->name);
		json_obj(b, objs[i], "    ");
	}
	buf_puts(b, "\n  }\n}\n");
}

/* Text for a Markdown table cell: '|' escaped, newlines as spaces. */
static void
md_cell(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			buf_puts(b, "\\|");
		else if (*s == '\n')
			buf_putc(b, ' ');
		else
			buf_putc(b, *s);
	}
}

/* A link to an object type's section (GitHub's heading anchors). */
static void
md_objlink(struct buf *b, const struct schema_obj *o)
{
	buf_printf(b, "[`%s`](#%s)", o->name, o->name);
}

static void
md_type(struct buf *b, const struct schema_obj *o,
    const struct schema_field *f)
{
	enum schema_type t = f->type == ST_LIST ? f->elem : f->type;
	size_t		 j;

	if (f->type == ST_LIST)
		buf_puts(b, f->flags & SF_ONE_OR_MANY ? "one or a list of " :
		    "list of ");
	switch (t) {
	case ST_STR:
		buf_puts(b, "string");
		break;
	case ST_NAME:
		buf_puts(b, "name");
		break;
	case ST_SLUG:
		buf_puts(b, "slug");
		break;
	case ST_INT:
		if (f->min == f->max)
			buf_printf(b, "integer: `%ld`", f->min);
		else
			buf_printf(b, "integer, %ld to %ld", f->min, f->max);
		break;
	case ST_BOOL:
		buf_puts(b, "boolean");
		break;
	case ST_ENUM:
		buf_puts(b, "one of ");
		for (j = 0; f->enums[j]; j++)
			buf_printf(b, "%s`%s`", j ? ", " : "", f->enums[j]);
		break;
	case ST_PREFIX:
		buf_puts(b, "prefix");
		break;
	case ST_ADDR:
		buf_puts(b, "address");
		break;
	default:
		if (f->obj)
			md_objlink(b, f->obj);
		else
			buf_puts(b, "mapping");
		break;
	}
	if (f->type == ST_LIST && (f->flags & SF_NONEMPTY))
		buf_puts(b, ", at least one");
	if (o != NULL && schema_unknowable(o->name, f->key))
		buf_puts(b, ", or `unknown`");
}

/*
 * Where each object type sits in a design, as key paths from the root
 * ("sites[].vpn").  objs is in collect_objs() order, so a parent's
 * paths are known before its children's.
 */
static void
md_paths(const struct schema_obj **objs, size_t n, struct buf *paths)
{
	const struct schema_field *f;
	size_t		 i, j;

	for (i = 1; i < n; i++) {
		for (j = 0; j < i; j++) {
			for (f = objs[j]->fields; f->key; f++) {
				if (f->obj != objs[i])
					continue;
				if (paths[i].len)
					buf_puts(&paths[i], ", ");
				buf_putc(&paths[i], '`');
				if (j > 0 && paths[j].len > 1) {
					buf_put(&paths[i], paths[j].ptr + 1,
					    strcspn(paths[j].ptr + 1, "`"));
					buf_putc(&paths[i], '.');
				}
				/* One-or-many: the mapping sits at the key. */
				buf_printf(&paths[i], "%s%s`", f->key,
				    f->type == ST_LIST &&
				    !(f->flags & SF_ONE_OR_MANY) ? "[]" : "");
			}
		}
	}
}

void
schema_markdown(struct buf *b)
{
	const struct schema_obj *objs[MAX_OBJS];
	const struct schema_field *f;
	const struct schema_ident *id;
	struct buf	 paths[MAX_OBJS];
	size_t		 n, i;
	enum schema_sem	 sem;

	n = collect_objs(objs, MAX_OBJS);
	for (i = 0; i < n; i++)
		buf_init(&paths[i]);
	md_paths(objs, n, paths);
	buf_puts(b, "# Design format reference (version 1)\n\n"
	    "Generated by `hybridoc schema --format markdown` from the schema "
	    "table the loader uses; do not edit by hand.\n\n"
	    "A design is one YAML file. Keys are snake_case; an unknown key "
	    "is an error, with a did-you-mean suggestion. `hybridoc schema` "
	    "prints the same table as a JSON Schema (draft 2020-12) for "
	    "editors: start a design with\n\n"
	    "```yaml\n"
	    "# yaml-language-server: $schema=../docs/design.schema.json\n"
	    "```\n\n"
	    "(the path relative to the design) and editors that use "
	    "yaml-language-server, such as VS Code with the YAML extension, "
	    "complete keys and flag mistakes as you type. `hybridoc validate` "
	    "checks more than the schema can say: host bits, references "
	    "between objects (a site's circuit, a traffic entry's site), and "
	    "Azure's rules.\n\n"
	    "## Types\n\n"
	    "| type | what it takes |\n|---|---|\n"
	    "| string | any scalar, read as text |\n"
	    "| name | letters, digits, `_`, `.` and `-`, starting with a "
	    "letter or digit; at most 80 characters |\n"
	    "| slug | lower-case letters, digits and `-`, starting with a "
	    "letter or digit; at most 80 characters; used in file names |\n"
	    "| integer | a whole number in the range shown |\n"
	    "| boolean | `true` or `false` |\n"
	    "| prefix | an IPv4 or IPv6 prefix with no host bits set, such as "
	    "`10.1.0.0/16` |\n"
	    "| address | an IPv4 or IPv6 address, such as `131.107.72.22` |\n"
	    "| one or a list of | a single mapping, or a list of them |\n");
	buf_puts(b, "\n### Values not known yet\n\n"
	    "A value that Azure or the provider has not assigned yet (a "
	    "VLAN, the peering /30s, a device's public IP, an ASN, a "
	    "bandwidth, a location) may be written as the plain word "
	    "`unknown`, as in `vlan_id: unknown`. Only the fields whose type "
	    "below says \"or `unknown`\" take it; names, references, SKUs, "
	    "switches and the address plan are the designer's and may not "
	    "be unknown (an input error, exit status 2). Quoted, `\"unknown\"` "
	    "is the word itself.\n\n"
	    "`hybridoc validate` lists every unknown as a note (HD801) with "
	    "its line; every check that needs one says it could not be made "
	    "(HD802) instead of passing; procedures, runbooks, packets and "
	    "diagrams print `<unknown: circuits.NAME.private_peering.vlan_id>` "
	    "where the value would be, and write no command that needs it. "
	    "`hybridoc validate --strict` exits 1 while any value is unknown, "
	    "so a design can be held complete before a change goes ahead.\n");
	buf_printf(b, "\nA list holds at most %d entries.\n", SCHEMA_MAX_LIST);
	buf_puts(b, "\n## What a change means\n\n"
	    "Every field declares what a change to it means; `hybridoc "
	    "packet` classes the risk of a change and plans its steps from "
	    "this class, never from a default. The *change* column of each "
	    "table below gives it.\n\n"
	    "| change | meaning |\n|---|---|\n");
	for (sem = SEM_UNSET + 1; sem <= SEM_OBJECT; sem++)
		buf_printf(b, "| %s | %s |\n", schema_sem_name(sem),
		    schema_sem_words(sem));
	for (i = 0; i < n; i++) {
		buf_printf(b, "\n## `%s`\n\n%s", objs[i]->name, objs[i]->doc);
		if (i == 0)
			buf_puts(b, " The top level of the file.");
		else
			buf_printf(b, " At %s.", buf_cstr(&paths[i]));
		if ((id = schema_ident(objs[i])) != NULL) {
			buf_printf(b, " A change packet reports its changes "
			    "against the %s", id->words);
			if (id->key1 != NULL && id->key2 != NULL)
				buf_printf(b, ", matched between versions by "
				    "`%s` and `%s`", id->key1, id->key2);
			else if (id->key1 != NULL)
				buf_printf(b, ", matched between versions by "
				    "`%s`", id->key1);
			buf_putc(b, '.');
		} else
			buf_puts(b, " A change packet reports its changes "
			    "against the object that holds it.");
		buf_puts(b, "\n\n| key | type | required | default | change | "
		    "description |\n|---|---|---|---|---|---|\n");
		for (f = objs[i]->fields; f->key; f++) {
			buf_printf(b, "| `%s` | ", f->key);
			md_type(b, objs[i], f);
			buf_printf(b, " | %s | ", f->flags & SF_REQUIRED ?
			    "yes" : "");
			if (f->def)
				buf_printf(b, "`%s`", f->def);
			buf_printf(b, " | %s | ",
			    schema_sem_name(schema_sem(objs[i], f)));
			md_cell(b, f->doc);
			buf_puts(b, " |\n");
		}
	}
	for (i = 0; i < n; i++)
		buf_release(&paths[i]);
}

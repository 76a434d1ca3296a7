/*
 * `hybridoc diagnose`, its inputs: the captures (learned routes and BGP
 * peers, as az or PowerShell JSON) read into struct dx_file, with
 * positions from a JSON path back to line and column for messages.
 * Shared types are in dx_int.h; diagnose.c compares what is read here.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/catalog.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagnose.h"
#include "hybridoc/jsonin.h"
#include "hybridoc/load.h"
#include "hybridoc/markdown.h"
#include "hybridoc/mustache.h"
#include "hybridoc/prefix.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/view.h"
#include "hybridoc/xalloc.h"

#include "dx_int.h"

/* ------------------------------------------------------------------ */
/* Positions: a JSON path back to line and column in the file's text */

struct jstep {
	const char	*key;		/* NULL: an index */
	size_t		 index;
};

static const char *
skip_ws(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t' || *s == '\n' ||
	    *s == '\r'))
		s++;
	return s;
}

static const char *
skip_string(const char *s, const char *e)
{
	for (s++; s < e && *s != '"'; s++)
		if (*s == '\\')
			s++;
	return s < e ? s + 1 : e;
}

/* Past one value; iterative, so nesting depth costs nothing. */
static const char *
skip_value(const char *s, const char *e)
{
	size_t	 depth = 0;

	s = skip_ws(s, e);
	do {
		if (s >= e)
			return e;
		if (*s == '"')
			s = skip_string(s, e);
		else if (*s == '{' || *s == '[') {
			depth++;
			s++;
		} else if (*s == '}' || *s == ']') {
			if (depth > 0)
				depth--;
			s++;
		} else if (depth > 0)
			s++;
		else {
			while (s < e && !strchr(",]} \t\r\n", *s))
				s++;
		}
	} while (depth > 0);
	return s;
}

/* Where the value at path is; as far as it gets when it cannot tell. */
static struct mark
json_mark(const char *text, size_t len, const struct jstep *path,
    size_t npath)
{
	const char	*s = text, *e = text + len, *p;
	struct mark	 mk = { 1, 1 };
	size_t		 i, k;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		text = s = text + 3;	/* a byte order mark */
	s = skip_ws(s, e);
	for (i = 0; i < npath && s < e; i++) {
		if (path[i].key != NULL) {
			const char *found = NULL;

			if (*s != '{')
				break;
			s = skip_ws(s + 1, e);
			while (s < e && *s == '"' && found == NULL) {
				const char *ks = s + 1, *ke;

				s = skip_string(s, e);
				ke = s - 1;
				if ((size_t)(ke - ks) == strlen(path[i].key) &&
				    memcmp(ks, path[i].key, (size_t)(ke - ks))
				    == 0)
					found = ks - 1;
				s = skip_ws(s, e);
				if (s < e && *s == ':')
					s = skip_ws(s + 1, e);
				if (found)
					break;
				s = skip_ws(skip_value(s, e), e);
				if (s < e && *s == ',')
					s = skip_ws(s + 1, e);
			}
			if (found == NULL)
				break;
			/* A value's mark: the key for a scalar field. */
			if (i + 1 == npath)
				s = found;
		} else {
			if (*s != '[')
				break;
			s = skip_ws(s + 1, e);
			for (k = 0; k < path[i].index && s < e; k++) {
				s = skip_ws(skip_value(s, e), e);
				if (s < e && *s == ',')
					s = skip_ws(s + 1, e);
			}
		}
	}
	for (p = text; p < s && p < e; p++) {
		if (*p == '\n') {
			mk.line++;
			mk.col = 1;
		} else if (((unsigned char)*p & 0xc0) != 0x80)
			mk.col++;
	}
	return mk;
}

/* ------------------------------------------------------------------ */
/* Reading the captures */

/* A member by name, any case (PowerShell writes "Network"). */
static json_t *
member(json_t *obj, const char *name, const char **key)
{
	const char	*k;
	json_t		*v;

	if (!json_is_object(obj))
		return NULL;
	if ((v = json_object_get(obj, name)) != NULL) {
		if (key)
			*key = name;
		return v;
	}
	json_object_foreach(obj, k, v) {
		if (strcasecmp(k, name) == 0) {
			if (key)
				*key = k;
			return v;
		}
	}
	return NULL;
}

/* The member's string; NULL when absent or null; *bad when another type. */
static const char *
member_str(json_t *obj, const char *name, int *bad)
{
	json_t	*v = member(obj, name, NULL);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*bad = 1;
		return NULL;
	}
	return json_string_value(v);
}

static const char *
json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "true or false";
	default:
		return "null";
	}
}

/* What a file is, when it is not the capture asked for. */
static const char *
looks_like(json_t *root, json_t *entry)
{
	if (member(root, "RouteServiceRole_IN_0", NULL) != NULL)
		return "the output of `az network routeserver peering "
		    "list-learned-routes` (a Route Server's, not a gateway's)";
	if (entry == NULL || !json_is_object(entry))
		return NULL;
	if (member(entry, "neighbor", NULL) && member(entry, "state", NULL))
		return "the output of `az network vnet-gateway "
		    "list-bgp-peer-status` (give it with --bgp-peers)";
	if (member(entry, "addressPrefix", NULL) &&
	    member(entry, "nextHopType", NULL))
		return "the output of `az network nic "
		    "show-effective-route-table` (a VM's effective routes)";
	if (member(entry, "network", NULL) && member(entry, "path", NULL) &&
	    member(entry, "locPrf", NULL))
		return "the output of `az network express-route "
		    "list-route-tables` (a circuit's route table)";
	if (member(entry, "network", NULL) && member(entry, "origin", NULL))
		return "the output of `az network vnet-gateway "
		    "list-learned-routes` (give it with --learned)";
	if (member(entry, "provisioningState", NULL) ||
	    member(entry, "properties", NULL))
		return "a resource listing, not a capture of routes";
	return NULL;
}


/*
 * The whole file (NUL-terminated), or NULL with an error.  The limit is
 * jsonin's (with room for a byte order mark), so that what is too big is
 * refused as jsonin_load() refuses it.
 */
static char *
slurp(const char *path, size_t *len, struct diags *d)
{
	char	*data;

	if (!load_file_limit(path, JSONIN_MAX_BYTES + 3, "JSON input", NULL,
	    &data, len, d))
		return NULL;
	return data;
}

/* The position of $.value[i].key (key NULL: the entry itself). */
struct mark
dx_entry_mark(const struct dx_file *f, size_t i, const char *key)
{
	struct jstep	 p[3];
	size_t		 n = 0;

	if (f->array_key) {
		p[n].key = f->array_key;
		p[n++].index = 0;
	}
	p[n].key = NULL;
	p[n++].index = i;
	if (key) {
		p[n].key = key;
		p[n++].index = 0;
	}
	return json_mark(f->text, f->len, p, n);
}

void
dx_entry_path(const struct dx_file *f, size_t i, const char *key,
    struct buf *path)
{
	buf_truncate(path, 0);
	buf_puts(path, "$");
	if (f->array_key)
		jsonin_path_key(path, f->array_key);
	jsonin_path_index(path, i);
	if (key)
		jsonin_path_key(path, key);
}

/*
 * An error at entry i (its key, or the entry itself when key is NULL),
 * counted in *errs; returns 0 for the entry readers to return.
 */
static int
entry_error(const struct dx_file *f, struct diags *d, size_t *errs,
    size_t i, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static int
entry_error(const struct dx_file *f, struct diags *d, size_t *errs,
    size_t i, const char *key, const char *fmt, ...)
{
	struct buf	 path = BUF_INIT, msg = BUF_INIT;
	va_list		 ap;

	dx_entry_path(f, i, key, &path);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diags_error(d, f->in->file, dx_entry_mark(f, i, key), "%s: %s",
	    buf_cstr(&path), buf_cstr(&msg));
	buf_release(&path);
	buf_release(&msg);
	(*errs)++;
	return 0;
}

static char *
norm_as_path(const char *s)
{
	struct buf	 b = BUF_INIT;
	int		 sep = 0;

	buf_puts(&b, "");
	for (; s && *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (sep && b.len > 0)
				buf_putc(&b, '-');
			sep = 0;
			buf_putc(&b, *s);
		} else
			sep = 1;
	}
	return buf_detach(&b, NULL);
}

static enum dx_origin
origin_of(const char *s)
{
	if (strcasecmp(s, "Network") == 0)
		return DX_OR_NETWORK;
	if (strcasecmp(s, "EBgp") == 0)
		return DX_OR_EBGP;
	if (strcasecmp(s, "IBgp") == 0)
		return DX_OR_IBGP;
	return DX_OR_OTHER;
}

/* An address field: *ok 0 when present but not an address. */
static int
addr_field(json_t *e, const char *name, struct prefix *out, int *ok)
{
	int		 bad = 0;
	const char	*s = member_str(e, name, &bad);

	*ok = !bad;
	if (s == NULL || *s == '\0')
		return 0;
	if (addr_parse(s, out) != PREFIX_OK) {
		*ok = 0;
		return 0;
	}
	return 1;
}

static int
route_same(const struct dx_route *a, const struct dx_route *b)
{
	return prefix_cmp(&a->network, &b->network) == 0 &&
	    a->origin == b->origin && a->has_peer == b->has_peer &&
	    (!a->has_peer || prefix_cmp(&a->peer, &b->peer) == 0) &&
	    a->has_local == b->has_local &&
	    (!a->has_local || prefix_cmp(&a->local, &b->local) == 0) &&
	    strcmp(a->as_path, b->as_path) == 0;
}

static int
route_cmp(const void *va, const void *vb)
{
	const struct dx_route *a = va, *b = vb;
	int	 c;

	if ((c = prefix_cmp(&a->network, &b->network)) != 0)
		return c;
	if (a->origin != b->origin)
		return a->origin < b->origin ? -1 : 1;
	if (a->has_peer != b->has_peer)
		return a->has_peer - b->has_peer;
	if (a->has_peer && (c = prefix_cmp(&a->peer, &b->peer)) != 0)
		return c;
	if (a->has_local != b->has_local)
		return a->has_local - b->has_local;
	if (a->has_local && (c = prefix_cmp(&a->local, &b->local)) != 0)
		return c;
	if ((c = strcmp(a->as_path, b->as_path)) != 0)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* The spelling of member name in e (any case), for positions. */
static const char *
key_of(json_t *e, const char *name)
{
	const char	*k = NULL;

	return member(e, name, &k) ? k : NULL;
}

/*
 * An optional address member, an IP address or null, into *addr;
 * *has tells which.  Returns 0 after counting the error.
 */
static int
addr_member(const struct dx_file *f, json_t *e, size_t i, const char *name,
    struct prefix *addr, int *has, struct diags *d, size_t *errs)
{
	int	 ok;

	*has = addr_field(e, name, addr, &ok);
	if (!ok)
		return entry_error(f, d, errs, i, key_of(e, name), "expected "
		    "\"%s\" to be an IP address or null", name);
	return 1;
}

static int
read_learned_entry(struct dx_file *f, json_t *e, size_t i, struct diags *d,
    size_t *errs)
{
	struct dx_route	 r;
	const char	*net, *org, *key = NULL;
	int		 bad = 0;
	json_t		*v;

	memset(&r, 0, sizeof(r));
	r.index = i;
	if ((v = member(e, "network", &key)) == NULL)
		return entry_error(f, d, errs, i, NULL, "expected a learned "
		    "route with \"network\", \"origin\", \"sourcePeer\" and "
		    "\"asPath\"");
	if (!json_is_string(v) || (net = json_string_value(v)) == NULL ||
	    prefix_parse(net, &r.network) != PREFIX_OK)
		return entry_error(f, d, errs, i, key, "expected a prefix such "
		    "as \"10.1.0.0/16\", got %s", json_is_string(v) ?
		    "a string that is not one" : json_kind(v));
	org = member_str(e, "origin", &bad);
	if (bad || org == NULL)
		return entry_error(f, d, errs, i, key_of(e, "origin"),
		    "expected \"origin\" (Network, EBgp or IBgp) as a string");
	r.origin = origin_of(org);
	if (!addr_member(f, e, i, "sourcePeer", &r.peer, &r.has_peer, d,
	    errs) || !addr_member(f, e, i, "localAddress", &r.local,
	    &r.has_local, d, errs))
		return 0;
	net = member_str(e, "asPath", &bad);
	if (bad)
		return entry_error(f, d, errs, i, key_of(e, "asPath"),
		    "expected \"asPath\" to be a string such as "
		    "\"65010-65010\" or null");
	if (r.origin == DX_OR_EBGP && !r.has_peer)
		return entry_error(f, d, errs, i, NULL, "a route learned over "
		    "eBGP without a \"sourcePeer\" address");
	r.as_path = norm_as_path(net);
	xgrow(&f->routes, &f->routes_cap, f->nroutes + 1, sizeof(*f->routes));
	f->routes[f->nroutes++] = r;
	return 1;
}

static int
read_peer_entry(struct dx_file *f, json_t *e, size_t i, struct diags *d,
    size_t *errs)
{
	struct dx_peer	 p;
	const char	*st;
	int		 bad = 0, ok;

	memset(&p, 0, sizeof(p));
	p.index = i;
	if (!addr_field(e, "neighbor", &p.neighbor, &ok) || !ok)
		return entry_error(f, d, errs, i, NULL, "expected a BGP peer "
		    "with \"neighbor\" (an IP address), \"localAddress\" and "
		    "\"state\"");
	st = member_str(e, "state", &bad);
	if (bad || st == NULL)
		return entry_error(f, d, errs, i, key_of(e, "state"),
		    "expected \"state\" (Connected, Connecting, Idle, Stopped "
		    "or Unknown) as a string");
	if (!addr_member(f, e, i, "localAddress", &p.local, &p.has_local, d,
	    errs))
		return 0;
	p.connected = strcasecmp(st, "Connected") == 0;
	xgrow(&f->peers, &f->peers_cap, f->npeers + 1, sizeof(*f->peers));
	f->peers[f->npeers++] = p;
	return 1;
}

/* Reads one capture; 0 with errors in d when it is not one. */
int
dx_read_file(struct dx_file *f, struct diags *d)
{
	const char	*file = f->in->file, *what;
	json_t		*root, *arr, *e;
	size_t		 i, errs = 0, before = diags_errors(d);
	struct mark	 top = { 1, 1 };
	struct buf	 keys = BUF_INIT;
	int		 advertised = 1;

	if ((f->text = slurp(file, &f->len, d)) == NULL)
		return 0;
	if ((root = jsonin_parse(file, f->text, f->len, d)) == NULL)
		return 0;
	if (json_is_array(root))
		arr = root;	/* PowerShell's ConvertTo-Json of a list */
	else
		arr = member(root, "value", &f->array_key);
	if (arr == NULL || !json_is_array(arr)) {
		what = looks_like(root, json_is_object(root) ? root : NULL);
		if (what == NULL && json_is_object(root) && arr == NULL)
			what = looks_like(root, root);
		if (what == NULL && json_is_object(root) && arr == NULL) {
			const char *k;
			json_t	*v;
			size_t	 n = 0;

			buf_puts(&keys, "an object without one (its keys: ");
			json_object_foreach(root, k, v) {
				if (n++ == 5) {
					buf_puts(&keys, ", ...");
					break;
				}
				buf_printf(&keys, "%s\"%s\"", n > 1 ? ", " : "",
				    k);
			}
			buf_puts(&keys, n ? ")" : "none)");
			what = buf_cstr(&keys);
		}
		diags_error(d, file, top, "expected the JSON that `az network "
		    "vnet-gateway %s -o json` prints, an object with a "
		    "\"value\" list; this looks like %s",
		    f->in->kind == DX_LEARNED ? "list-learned-routes" :
		    "list-bgp-peer-status", what ? what : arr == NULL ?
		    json_kind(root) : "an object whose \"value\" is not a list");
		json_decref(root);
		buf_release(&keys);
		return 0;
	}
	/* The right capture for the option? Judge by the first entry. */
	e = json_array_size(arr) ? json_array_get(arr, 0) : NULL;
	if (e != NULL && json_is_object(e)) {
		int	 learned = member(e, "network", NULL) != NULL &&
		    member(e, "origin", NULL) != NULL;
		int	 peers = member(e, "neighbor", NULL) != NULL &&
		    member(e, "state", NULL) != NULL;

		if ((f->in->kind == DX_LEARNED && !learned) ||
		    (f->in->kind == DX_BGP_PEERS && !peers)) {
			what = looks_like(root, e);
			diags_error(d, file, dx_entry_mark(f, 0, NULL), "expected "
			    "the output of `az network vnet-gateway %s`; this "
			    "looks like %s", f->in->kind == DX_LEARNED ?
			    "list-learned-routes" : "list-bgp-peer-status",
			    what ? what : "something else (no \"network\" "
			    "and \"origin\", nor \"neighbor\" and \"state\")");
			json_decref(root);
			return 0;
		}
	}
	f->entries = json_array_size(arr);
	for (i = 0; i < f->entries && errs < DX_MAX_ERRORS; i++) {
		e = json_array_get(arr, i);
		if (!json_is_object(e)) {
			entry_error(f, d, &errs, i, NULL, "expected an object "
			    "(one %s), got %s", f->in->kind == DX_LEARNED ?
			    "route" : "BGP peer", json_kind(e));
			continue;
		}
		if (f->in->kind == DX_LEARNED) {
			int	 bad = 0;
			const char *o = member_str(e, "origin", &bad);

			if (!read_learned_entry(f, e, i, d, &errs))
				continue;
			if (o == NULL || strcasecmp(o, "Igp") != 0 ||
			    f->routes[f->nroutes - 1].has_peer)
				advertised = 0;
		} else
			read_peer_entry(f, e, i, d, &errs);
	}
	if (errs >= DX_MAX_ERRORS && i < f->entries)
		diags_error(d, file, top, "stopped after %d errors",
		    DX_MAX_ERRORS);
	if (diags_errors(d) == before && f->in->kind == DX_LEARNED &&
	    f->nroutes > 0 && advertised) {
		diags_error(d, file, top, "expected learned routes; every "
		    "entry has origin \"Igp\" and no sourcePeer, as the output "
		    "of `az network vnet-gateway list-advertised-routes` "
		    "(what Azure sends a peer, not what it learned) has");
	}
	json_decref(root);
	if (diags_errors(d) != before)
		return 0;
	/* Duplicates of one instance: same route, same instance. */
	if (f->nroutes > 1) {
		size_t	 k = 0;

		qsort(f->routes, f->nroutes, sizeof(*f->routes), route_cmp);
		for (i = 0; i < f->nroutes; i++) {
			if (k > 0 && route_same(&f->routes[k - 1],
			    &f->routes[i])) {
				free(f->routes[i].as_path);
				f->duplicates++;
				continue;
			}
			f->routes[k++] = f->routes[i];
		}
		f->nroutes = k;
	}
	return 1;
}

void
dx_file_release(struct dx_file *f)
{
	size_t	 i;

	for (i = 0; i < f->nroutes; i++)
		free(f->routes[i].as_path);
	free(f->routes);
	free(f->peers);
	free(f->text);
}

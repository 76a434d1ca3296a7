/*
 * `hybridoc diagnose`: the facts a design can show (dx_model), what
 * the captures show of them, the ranking of the scenarios and the
 * report.  See diagnose.h for the model; the capture script is in
 * diagnose_commands.c.
 *
 * Where an observable comes from (estimates are labelled):
 *   - The VPN gateway lists routes learned over BGP with the device's
 *     BGP address as sourcePeer, the instance's own address as
 *     localAddress and the AS path as the device sent it; static
 *     routes of a local network gateway and the VNet's prefixes appear
 *     with origin "Network" whatever the tunnel's state
 *     (learn.microsoft.com/powershell/module/az.network/
 *     get-azvirtualnetworkgatewaylearnedroute, example 1), so a static
 *     tunnel's failure cannot be seen in learned routes.
 *   - The ExpressRoute gateway lists a circuit's prefixes with AS path
 *     "12076-<peer ASN>" (12076 is Microsoft's edge) and the Microsoft
 *     edge router as sourcePeer, one per link.  That one BGP peer per
 *     link shows is an estimate from public captures (each prefix of a
 *     one-circuit gateway appears from two peers, one per link); which
 *     link a peer is cannot be read from the gateway, so a primary-link
 *     and a secondary-link failure look alike.
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
#include "hybridoc/markdown.h"
#include "hybridoc/mustache.h"
#include "hybridoc/prefix.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/view.h"
#include "hybridoc/xalloc.h"

/* Distinct BGP peers counted per ExpressRoute route, at most. */
#define DX_MAX_PEERS		64
/* Input errors per file before giving up on it. */
#define DX_MAX_ERRORS		20
/* Findings of one rule listed one by one; the rest are counted. */
#define DX_MAX_NOTES		50
/* Items in an "explains"/"contradicts" list before "and N more". */
#define DX_LIST_MAX		8
/* Other candidates shown in text and Markdown after the best. */
#define DX_SHOW_OTHERS		5

/* ------------------------------------------------------------------ */
/* The model */

char *
dx_vpn_as_path(const struct vpn_device *d)
{
	struct buf	 b = BUF_INIT;
	long		 i;

	for (i = 0; i <= d->as_path_prepend && i < 64; i++)
		buf_printf(&b, "%s%ld", i ? "-" : "", d->bgp_asn);
	return buf_detach(&b, NULL);
}

static char *
er_as_path(long peer_asn, long prepend)
{
	struct buf	 b = BUF_INIT;
	long		 i;

	buf_printf(&b, "%ld", AZURE_ER_ASN);
	for (i = 0; i <= prepend && i < 64; i++)
		buf_printf(&b, "-%ld", peer_asn);
	return buf_detach(&b, NULL);
}

static int
device_bgp(const struct vpn_device *d)
{
	return !d->is_static && d->has_bgp;
}

static size_t
fact_add(struct dx_model *m, size_t *cap, enum dx_fact_kind kind,
    enum dx_gw gw, long instance)
{
	struct dx_fact	*f;

	xgrow(&m->facts, cap, m->nfacts + 1, sizeof(*m->facts));
	f = &m->facts[m->nfacts];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->gw = gw;
	f->instance = instance;
	return m->nfacts++;
}

static void
er_facts(struct dx_model *m, size_t *cap)
{
	const struct design *dsn = m->a->dsn;
	size_t		 i, j, k, n, c;

	for (i = 0; i < dsn->nsites; i++) {
		const struct site *st = &dsn->sites[i];

		for (j = 0; j < st->ner; j++) {
			const struct site_er *e = &st->er[j];
			char	*path;

			if (e->circuit == NULL)
				continue;
			c = (size_t)(e->circuit - dsn->circuits);
			path = er_as_path(e->circuit->peering.peer_asn,
			    e->as_path_prepend);
			for (k = 0; k < e->nadvertise; k++) {
				struct prefix p = e->advertise[k];
				struct dx_fact *f = NULL;

				prefix_normalize(&p);
				for (n = 0; n < m->nfacts; n++)
					if (m->facts[n].kind == DX_ER_ROUTE &&
					    prefix_cmp(&m->facts[n].pfx, &p) ==
					    0 && strcmp(m->facts[n].as_path,
					    path) == 0)
						break;
				if (n == m->nfacts) {
					n = fact_add(m, cap, DX_ER_ROUTE,
					    DX_GW_ER, -1);
					m->facts[n].pfx = p;
					m->facts[n].as_path = xstrdup(path);
				}
				f = &m->facts[n];
				f->circuits = xreallocarray(f->circuits,
				    f->ncontrib + 1, sizeof(size_t));
				f->sites = xreallocarray(f->sites,
				    f->ncontrib + 1, sizeof(size_t));
				f->circuits[f->ncontrib] = c;
				f->sites[f->ncontrib] = i;
				f->ncontrib++;
			}
			free(path);
		}
	}
}

static void
vpn_facts(struct dx_model *m, size_t *cap)
{
	const struct design *dsn = m->a->dsn;
	size_t		 i, j, k, u;
	long		 inst;

	for (u = 0; u < m->vpn_units; u++)
		fact_add(m, cap, DX_GATEWAY_UP, DX_GW_VPN,
		    m->vpn_keyed ? (long)u : -1);
	for (i = 0; i < dsn->nsites; i++) {
		const struct site *st = &dsn->sites[i];

		for (j = 0; j < st->ndevices; j++) {
			const struct vpn_device *d = &st->devices[j];

			if (!device_bgp(d))
				continue;
			for (u = 0; u < m->vpn_units; u++) {
				inst = m->vpn_keyed ? (long)u : -1;
				for (k = 0; k < d->nadvertise; k++) {
					size_t n = fact_add(m, cap,
					    DX_VPN_ROUTE, DX_GW_VPN, inst);

					m->facts[n].pfx = d->advertise[k];
					prefix_normalize(&m->facts[n].pfx);
					m->facts[n].as_path =
					    dx_vpn_as_path(d);
					m->facts[n].site = i;
					m->facts[n].dev = d;
				}
				k = fact_add(m, cap, DX_BGP_PEER, DX_GW_VPN,
				    inst);
				m->facts[k].site = i;
				m->facts[k].dev = d;
			}
		}
	}
}

void
dx_model_init(struct dx_model *m, const struct analysis *a)
{
	const struct design *dsn = a->dsn;
	const struct vpn_gateway *g = &dsn->vpn_gateway;
	size_t		 cap = 0;

	memset(m, 0, sizeof(*m));
	m->a = a;
	if (dsn->er_gateway.node != NULL) {
		fact_add(m, &cap, DX_GATEWAY_UP, DX_GW_ER, -1);
		er_facts(m, &cap);
	}
	if (g->node != NULL) {
		m->vpn_keyed = g->active_active && g->ninstances >= 2 &&
		    g->instances[0].has_bgp_ip && g->instances[1].has_bgp_ip;
		m->vpn_units = m->vpn_keyed ? 2 : 1;
		vpn_facts(m, &cap);
	}
}

void
dx_model_release(struct dx_model *m)
{
	size_t	 i;

	for (i = 0; i < m->nfacts; i++) {
		free(m->facts[i].as_path);
		free(m->facts[i].circuits);
		free(m->facts[i].sites);
	}
	free(m->facts);
	memset(m, 0, sizeof(*m));
}

static int
same_slug(const char *a, const char *b)
{
	char	*sa, *sb;
	int	 eq;

	if (a == NULL || b == NULL)
		return 0;
	sa = sim_slug(a);
	sb = sim_slug(b);
	eq = *sa != '\0' && strcmp(sa, sb) == 0;
	free(sa);
	free(sb);
	return eq;
}

/* Live links (0-2) of circuit c in sc. */
static int
links_up(const struct sim *s, const struct sim_scenario *sc,
    const struct circuit *c)
{
	size_t	 i;
	int	 up = 2;

	for (i = 0; i < sc->nfailed; i++) {
		const struct sim_element *e = &s->elems[sc->failed[i]];

		switch (e->kind) {
		case SIM_EL_ER_GATEWAY:
			return 0;
		case SIM_EL_CIRCUIT:
			if (e->circuit == c)
				return 0;
			break;
		case SIM_EL_LOCATION:
			if (same_slug(e->location, c->peering_location))
				return 0;
			break;
		case SIM_EL_LINK:
			if (e->circuit == c)
				up--;
			break;
		default:
			break;
		}
	}
	return up < 0 ? 0 : up;
}

static int
site_down(const struct sim *s, const struct sim_scenario *sc,
    const struct site *st)
{
	size_t	 i;

	for (i = 0; i < sc->nfailed; i++)
		if (s->elems[sc->failed[i]].kind == SIM_EL_SITE &&
		    s->elems[sc->failed[i]].site == st)
			return 1;
	return 0;
}

static int
instance_down(const struct sim *s, const struct sim_scenario *sc, long k)
{
	size_t	 i;

	for (i = 0; i < sc->nfailed; i++)
		if (s->elems[sc->failed[i]].kind == SIM_EL_VPN_INSTANCE &&
		    (long)s->elems[sc->failed[i]].instance == k)
			return 1;
	return 0;
}

static size_t
vpn_instances(const struct design *dsn)
{
	return dsn->vpn_gateway.node == NULL ? 0 :
	    dsn->vpn_gateway.active_active ? 2 : 1;
}

/* The tunnel from d to instance k is up (the simulation's rule). */
static int
tunnel_up(const struct sim *s, const struct sim_scenario *sc,
    const struct site *st, const struct vpn_device *d, long k)
{
	const struct design *dsn = s->dsn;
	size_t	 i;

	if (site_down(s, sc, st))
		return 0;
	if (dsn->vpn_gateway.active_active && instance_down(s, sc, k))
		return 0;
	for (i = 0; i < sc->nfailed; i++) {
		const struct sim_element *e = &s->elems[sc->failed[i]];

		if (e->kind == SIM_EL_DEVICE && e->device == d)
			return 0;
		if (e->kind == SIM_EL_TUNNEL && e->device == d &&
		    (long)e->instance == k)
			return 0;
	}
	return 1;
}

static int
device_up(const struct sim *s, const struct sim_scenario *sc,
    const struct site *st, const struct vpn_device *d, long k)
{
	size_t	 n = vpn_instances(s->dsn), j;

	if (k >= 0)
		return tunnel_up(s, sc, st, d, k);
	for (j = 0; j < n; j++)
		if (tunnel_up(s, sc, st, d, (long)j))
			return 1;
	return 0;
}

int
dx_expect(const struct dx_model *m, const struct sim_scenario *sc,
    size_t fi)
{
	const struct sim *s = m->a->sim;
	const struct design *dsn = m->a->dsn;
	const struct dx_fact *f = &m->facts[fi];
	size_t	 i, j, n;
	int	 sum = 0;

	switch (f->kind) {
	case DX_GATEWAY_UP:
		if (f->gw == DX_GW_ER) {
			for (i = 0; i < sc->nfailed; i++)
				if (s->elems[sc->failed[i]].kind ==
				    SIM_EL_ER_GATEWAY)
					return 0;
			return 1;
		}
		if (f->instance >= 0)
			return !instance_down(s, sc, f->instance);
		/* Not keyed: down only when every instance of an
		   active-active gateway is (a standby takes over). */
		if (!dsn->vpn_gateway.active_active)
			return 1;
		n = vpn_instances(dsn);
		for (j = 0; j < n; j++)
			if (!instance_down(s, sc, (long)j))
				return 1;
		return 0;
	case DX_ER_ROUTE:
		for (i = 0; i < f->ncontrib; i++) {
			int	 seen = 0, live = 0;

			for (j = 0; j < i; j++)
				if (f->circuits[j] == f->circuits[i])
					seen = 1;
			if (seen)
				continue;
			for (j = i; j < f->ncontrib; j++)
				if (f->circuits[j] == f->circuits[i] &&
				    !site_down(s, sc, &dsn->sites[f->sites[j]]))
					live = 1;
			if (live)
				sum += links_up(s, sc,
				    &dsn->circuits[f->circuits[i]]);
		}
		return sum;
	case DX_VPN_ROUTE:
	case DX_BGP_PEER:
		return device_up(s, sc, &dsn->sites[f->site], f->dev,
		    f->instance);
	}
	return 0;
}

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

enum dx_origin {
	DX_OR_NETWORK,
	DX_OR_EBGP,
	DX_OR_IBGP,
	DX_OR_OTHER
};

struct dx_route {
	size_t		 index;		/* in the file's array */
	struct prefix	 network;
	enum dx_origin	 origin;
	int		 has_peer;
	struct prefix	 peer;		/* sourcePeer */
	int		 has_local;
	struct prefix	 local;		/* localAddress */
	char		*as_path;	/* normalized: digits joined by '-' */
};

struct dx_peer {
	size_t		 index;
	struct prefix	 neighbor;
	int		 has_local;
	struct prefix	 local;
	int		 connected;
};

/* One capture as read. */
struct dx_file {
	const struct dx_input *in;
	enum dx_gw	 gw;
	char		*text;		/* for positions */
	size_t		 len;
	const char	*array_key;	/* "value", its spelling, or NULL */
	struct dx_route	*routes;
	size_t		 nroutes, routes_cap;
	struct dx_peer	*peers;
	size_t		 npeers, peers_cap;
	size_t		 entries;
	size_t		 duplicates;
	size_t		 ibgp;
	size_t		 other;
};

/* The file's bytes (standard input for "-"), at most a little over
   jsonin's limit so that jsonin_parse() refuses what is too big. */
static char *
slurp(const char *path, size_t *len, struct diags *d)
{
	FILE		*fp;
	struct buf	 b = BUF_INIT;
	char		 chunk[65536];
	size_t		 n;
	int		 is_stdin = strcmp(path, "-") == 0;
	struct mark	 none = { 0, 0 };

	if ((fp = is_stdin ? stdin : fopen(path, "rb")) == NULL) {
		diags_error(d, path, none, "cannot open: %s", strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		buf_put(&b, chunk, n);
		if (b.len > JSONIN_MAX_BYTES + 3)
			break;
	}
	if (ferror(fp)) {
		diags_error(d, path, none, "cannot read: %s", strerror(errno));
		if (!is_stdin)
			fclose(fp);
		buf_release(&b);
		return NULL;
	}
	if (!is_stdin)
		fclose(fp);
	buf_puts(&b, "");
	return buf_detach(&b, len);
}

/* The position of $.value[i].key (key NULL: the entry itself). */
static struct mark
entry_mark(const struct dx_file *f, size_t i, const char *key)
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

static void
entry_path(const struct dx_file *f, size_t i, const char *key,
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

static void
entry_error(const struct dx_file *f, struct diags *d, size_t i,
    const char *key, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void
entry_error(const struct dx_file *f, struct diags *d, size_t i,
    const char *key, const char *fmt, ...)
{
	struct buf	 path = BUF_INIT, msg = BUF_INIT;
	va_list		 ap;

	entry_path(f, i, key, &path);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diags_error(d, f->in->file, entry_mark(f, i, key), "%s: %s",
	    buf_cstr(&path), buf_cstr(&msg));
	buf_release(&path);
	buf_release(&msg);
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

static int
read_learned_entry(struct dx_file *f, json_t *e, size_t i, struct diags *d,
    size_t *errs)
{
	struct dx_route	 r;
	const char	*net, *org, *key = NULL;
	int		 bad = 0, ok;
	json_t		*v;

	memset(&r, 0, sizeof(r));
	r.index = i;
	if ((v = member(e, "network", &key)) == NULL) {
		(*errs)++;
		entry_error(f, d, i, NULL, "expected a learned route with "
		    "\"network\", \"origin\", \"sourcePeer\" and \"asPath\"");
		return 0;
	}
	if (!json_is_string(v) || (net = json_string_value(v)) == NULL ||
	    prefix_parse(net, &r.network) != PREFIX_OK) {
		(*errs)++;
		entry_error(f, d, i, key, "expected a prefix such as "
		    "\"10.1.0.0/16\", got %s", json_is_string(v) ?
		    "a string that is not one" : json_kind(v));
		return 0;
	}
	org = member_str(e, "origin", &bad);
	if (bad || org == NULL) {
		(*errs)++;
		entry_error(f, d, i, key_of(e, "origin"), "expected "
		    "\"origin\" (Network, "
		    "EBgp or IBgp) as a string");
		return 0;
	}
	r.origin = origin_of(org);
	r.has_peer = addr_field(e, "sourcePeer", &r.peer, &ok);
	if (!ok) {
		(*errs)++;
		entry_error(f, d, i, key_of(e, "sourcePeer"), "expected "
		    "\"sourcePeer\" to be an "
		    "IP address or null");
		return 0;
	}
	r.has_local = addr_field(e, "localAddress", &r.local, &ok);
	if (!ok) {
		(*errs)++;
		entry_error(f, d, i, key_of(e, "localAddress"), "expected "
		    "\"localAddress\" to be "
		    "an IP address or null");
		return 0;
	}
	net = member_str(e, "asPath", &bad);
	if (bad) {
		(*errs)++;
		entry_error(f, d, i, key_of(e, "asPath"), "expected "
		    "\"asPath\" to be a "
		    "string such as \"65010-65010\" or null");
		return 0;
	}
	if (r.origin == DX_OR_EBGP && !r.has_peer) {
		(*errs)++;
		entry_error(f, d, i, NULL, "a route learned over eBGP "
		    "without a \"sourcePeer\" address");
		return 0;
	}
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
	if (!addr_field(e, "neighbor", &p.neighbor, &ok) || !ok) {
		(*errs)++;
		entry_error(f, d, i, NULL, "expected a BGP peer with "
		    "\"neighbor\" (an IP address), \"localAddress\" and "
		    "\"state\"");
		return 0;
	}
	st = member_str(e, "state", &bad);
	if (bad || st == NULL) {
		(*errs)++;
		entry_error(f, d, i, key_of(e, "state"), "expected "
		    "\"state\" (Connected, "
		    "Connecting, Idle, Stopped or Unknown) as a string");
		return 0;
	}
	p.has_local = addr_field(e, "localAddress", &p.local, &ok);
	if (!ok) {
		(*errs)++;
		entry_error(f, d, i, key_of(e, "localAddress"), "expected "
		    "\"localAddress\" to be "
		    "an IP address or null");
		return 0;
	}
	p.connected = strcasecmp(st, "Connected") == 0;
	xgrow(&f->peers, &f->peers_cap, f->npeers + 1, sizeof(*f->peers));
	f->peers[f->npeers++] = p;
	return 1;
}

/* Reads one capture; 0 with errors in d when it is not one. */
static int
read_file(struct dx_file *f, struct diags *d)
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
			diags_error(d, file, entry_mark(f, 0, NULL), "expected "
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
			errs++;
			entry_error(f, d, i, NULL, "expected an object (one %s), "
			    "got %s", f->in->kind == DX_LEARNED ? "route" :
			    "BGP peer", json_kind(e));
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

static void
file_release(struct dx_file *f)
{
	size_t	 i;

	for (i = 0; i < f->nroutes; i++)
		free(f->routes[i].as_path);
	free(f->routes);
	free(f->peers);
	free(f->text);
}

/* ------------------------------------------------------------------ */
/* Comparing */

/* A finding: an observation no scenario explains. */
struct dx_note {
	enum rule_id	 rule;
	const struct dx_file *file;
	size_t		 index;
	const char	*key;		/* the field it points at */
	char		*msg;
};

struct dx_peerset {
	struct prefix	 v[DX_MAX_PEERS];
	size_t		 n;
};

struct dx_run {
	const struct analysis *a;
	struct dx_model	 m;
	struct dx_file	*files;
	size_t		 nfiles;
	int		*obs;		/* per fact; -1 not compared */
	struct dx_peerset *peers;	/* per fact (ER routes) */
	struct dx_note	*notes;
	size_t		 nnotes;
	size_t		 notes_dropped;
	size_t		 rule_count[RULE_COUNT];	/* listed per rule */
	/* Per scenario, in simulation order. */
	size_t		*contra;
	size_t		*order;		/* ranking */
	int		 have[2];	/* learned routes given per gateway */
	int		 have_peers;
};

static void
note(struct dx_run *r, enum rule_id rule, const struct dx_file *f,
    size_t index, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void
note(struct dx_run *r, enum rule_id rule, const struct dx_file *f,
    size_t index, const char *key, const char *fmt, ...)
{
	struct dx_note	*n;
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	if (r->rule_count[rule] >= DX_MAX_NOTES) {
		r->notes_dropped++;
		return;
	}
	r->rule_count[rule]++;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	r->notes = xreallocarray(r->notes, r->nnotes + 1, sizeof(*r->notes));
	n = &r->notes[r->nnotes++];
	n->rule = rule;
	n->file = f;
	n->index = index;
	n->key = key;
	n->msg = buf_detach(&b, NULL);
}

static const char *
gw_name(const struct design *dsn, enum dx_gw gw)
{
	return gw == DX_GW_ER ? dsn->er_gateway.name : dsn->vpn_gateway.name;
}

/* The VPN instance whose BGP address is a; -1 when none. */
static long
instance_of(const struct design *dsn, const struct prefix *a)
{
	const struct vpn_gateway *g = &dsn->vpn_gateway;
	size_t	 i;

	for (i = 0; i < g->ninstances && i < 2; i++) {
		struct prefix b = g->instances[i].bgp_ip;

		b.len = a->len;
		if (g->instances[i].has_bgp_ip && prefix_cmp(&b, a) == 0)
			return (long)i;
		b = g->instances[i].apipa_bgp_ip;
		b.len = a->len;
		if (g->instances[i].has_apipa_bgp_ip &&
		    prefix_cmp(&b, a) == 0)
			return (long)i;
	}
	return -1;
}

static int
addr_eq(const struct prefix *a, const struct prefix *b)
{
	struct prefix	 x = *a, y = *b;

	x.len = y.len = (unsigned char)(x.family == 6 ? 128 : 32);
	return x.family == y.family && prefix_cmp(&x, &y) == 0;
}

/* The BGP device whose peer address is a. */
static const struct vpn_device *
device_of(const struct design *dsn, const struct prefix *a, size_t *site)
{
	size_t	 i, j;

	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++) {
			const struct vpn_device *d = &dsn->sites[i].devices[j];

			if (device_bgp(d) && addr_eq(&d->bgp_peer_ip, a)) {
				*site = i;
				return d;
			}
		}
	return NULL;
}

static size_t
fact_find(const struct dx_run *r, enum dx_fact_kind kind, enum dx_gw gw,
    long instance, const struct vpn_device *dev, const struct prefix *p,
    const char *as_path)
{
	size_t	 i;

	for (i = 0; i < r->m.nfacts; i++) {
		const struct dx_fact *f = &r->m.facts[i];

		if (f->kind != kind || f->gw != gw || f->instance != instance)
			continue;
		if (kind == DX_ER_ROUTE) {
			if (prefix_cmp(&f->pfx, p) == 0 &&
			    strcmp(f->as_path, as_path) == 0)
				return i;
		} else if (kind == DX_VPN_ROUTE) {
			if (f->dev == dev && prefix_cmp(&f->pfx, p) == 0)
				return i;
		} else if (kind == DX_BGP_PEER) {
			if (f->dev == dev)
				return i;
		} else
			return i;
	}
	return (size_t)-1;
}

/* Any site's address prefix holding p, for "more specific". */
static int
inside_design(const struct design *dsn, const struct prefix *p)
{
	size_t	 i, k;

	for (i = 0; i < dsn->nsites; i++)
		for (k = 0; k < dsn->sites[i].naddress_prefixes; k++)
			if (prefix_contains(&dsn->sites[i].address_prefixes[k],
			    p))
				return 1;
	return 0;
}

static int
configured_prefix(const struct design *dsn, enum dx_gw gw,
    const struct prefix *p)
{
	size_t	 i, j, k;

	for (k = 0; k < dsn->vnet.naddress_space; k++)
		if (prefix_cmp(&dsn->vnet.address_space[k], p) == 0)
			return 1;
	for (i = 0; i < dsn->nspokes; i++)
		for (k = 0; k < dsn->spokes[i].naddress_space; k++)
			if (prefix_cmp(&dsn->spokes[i].address_space[k], p) ==
			    0)
				return 1;
	if (gw != DX_GW_VPN)
		return 0;
	/* Static local network gateways, and each BGP peer's /32. */
	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++) {
			const struct vpn_device *d = &dsn->sites[i].devices[j];

			if (device_bgp(d)) {
				if (p->len == (p->family == 6 ? 128 : 32) &&
				    addr_eq(&d->bgp_peer_ip, p))
					return 1;
				continue;
			}
			for (k = 0; k < dsn->sites[i].naddress_prefixes; k++)
				if (prefix_cmp(&dsn->sites[i].
				    address_prefixes[k], p) == 0)
					return 1;
		}
	return 0;
}

static void
observe_er(struct dx_run *r, struct dx_file *f)
{
	const struct design *dsn = r->a->dsn;
	char		 t[PREFIX_STRLEN];
	size_t		 i, k, fi, n;
	int		 known_as;

	for (i = 0; i < f->nroutes; i++) {
		const struct dx_route *rt = &f->routes[i];
		struct dx_peerset *ps;

		if (rt->origin == DX_OR_IBGP) {
			f->ibgp++;
			continue;
		}
		if (rt->origin == DX_OR_OTHER) {
			f->other++;
			continue;
		}
		if (rt->origin == DX_OR_NETWORK) {
			if (!configured_prefix(dsn, DX_GW_ER, &rt->network))
				note(r, HD905, f, rt->index,
				    "network", "%s holds %s as its own "
				    "(origin Network), but the design's VNet and "
				    "spokes do not", dsn->er_gateway.name,
				    prefix_format(&rt->network, t, 1));
			continue;
		}
		fi = fact_find(r, DX_ER_ROUTE, DX_GW_ER, -1, NULL,
		    &rt->network, rt->as_path);
		if (fi != (size_t)-1) {
			ps = &r->peers[fi];
			for (k = 0; k < ps->n; k++)
				if (addr_eq(&ps->v[k], &rt->peer))
					break;
			if (k == ps->n && ps->n < DX_MAX_PEERS)
				ps->v[ps->n++] = rt->peer;
			continue;
		}
		/* Unexplained: which way does it disagree? */
		known_as = 0;
		for (n = 0; n < dsn->ncircuits; n++) {
			char	*pre = er_as_path(dsn->circuits[n].peering.
			    peer_asn, 0);

			if (strncmp(rt->as_path, pre, strlen(pre)) == 0)
				known_as = 1;
			free(pre);
		}
		if (!known_as) {
			note(r, HD901, f, rt->index, "asPath",
			    "%s learned %s with AS path %s from a peer AS no "
			    "circuit of the design has", dsn->er_gateway.name,
			    prefix_format(&rt->network, t, 1),
			    *rt->as_path ? rt->as_path : "(empty)");
			continue;
		}
		for (n = 0; n < r->m.nfacts; n++)
			if (r->m.facts[n].kind == DX_ER_ROUTE &&
			    prefix_cmp(&r->m.facts[n].pfx, &rt->network) == 0)
				break;
		if (n < r->m.nfacts) {
			note(r, HD903, f, rt->index, "asPath",
			    "%s learned %s with AS path %s; the design's "
			    "prepends give %s", dsn->er_gateway.name,
			    prefix_format(&rt->network, t, 1), rt->as_path,
			    r->m.facts[n].as_path);
			continue;
		}
		for (n = 0; n < r->m.nfacts; n++)
			if (r->m.facts[n].kind == DX_ER_ROUTE &&
			    prefix_contains(&r->m.facts[n].pfx, &rt->network))
				break;
		if (n < r->m.nfacts || inside_design(dsn, &rt->network))
			note(r, HD902, f, rt->index, "network",
			    "%s learned %s over ExpressRoute, more specific "
			    "than the design advertises", dsn->er_gateway.name,
			    prefix_format(&rt->network, t, 1));
		else
			note(r, HD904, f, rt->index, "network",
			    "%s learned %s over ExpressRoute, a prefix no site "
			    "of the design advertises there",
			    dsn->er_gateway.name,
			    prefix_format(&rt->network, t, 1));
	}
	/* A gateway that reports nothing may have failed: its routes
	   are not compared one by one. */
	for (fi = 0; fi < r->m.nfacts; fi++)
		if (r->m.facts[fi].kind == DX_ER_ROUTE)
			r->obs[fi] = f->entries > 0 ? (int)r->peers[fi].n : -1;
	r->obs[fact_find(r, DX_GATEWAY_UP, DX_GW_ER, -1, NULL, NULL, NULL)] =
	    f->nroutes > 0 || f->entries > 0;
}

static long
vpn_unit(const struct dx_run *r, int has_local, const struct prefix *local)
{
	if (!r->m.vpn_keyed)
		return -1;
	return has_local ? instance_of(r->a->dsn, local) : -2;
}

static void
observe_vpn(struct dx_run *r, struct dx_file *f)
{
	const struct design *dsn = r->a->dsn;
	char		 t[PREFIX_STRLEN], u[PREFIX_STRLEN];
	size_t		 i, fi, site, n;
	long		 k;
	int		 reported[2] = { 0, 0 };

	/* Route facts start at 0: absent unless seen. */
	for (fi = 0; fi < r->m.nfacts; fi++)
		if (r->m.facts[fi].kind == DX_VPN_ROUTE)
			r->obs[fi] = 0;
	for (i = 0; i < f->nroutes; i++) {
		const struct dx_route *rt = &f->routes[i];
		const struct vpn_device *dev;
		char	*want;

		k = vpn_unit(r, rt->has_local, &rt->local);
		if (k == -2 || (r->m.vpn_keyed && k < 0)) {
			note(r, HD906, f, rt->index,
			    "localAddress", "%s reports %s on local address "
			    "%s, which is neither instance's BGP address in "
			    "the design", dsn->vpn_gateway.name,
			    prefix_format(&rt->network, t, 1), rt->has_local ?
			    prefix_format(&rt->local, u, 0) : "(none)");
			continue;
		}
		if (k >= 0)
			reported[k] = 1;
		else
			reported[0] = 1;
		if (rt->origin == DX_OR_IBGP) {
			f->ibgp++;
			continue;
		}
		if (rt->origin == DX_OR_OTHER) {
			f->other++;
			continue;
		}
		if (rt->origin == DX_OR_NETWORK) {
			if (!configured_prefix(dsn, DX_GW_VPN, &rt->network))
				note(r, HD905, f, rt->index,
				    "network", "%s holds %s as configured "
				    "(origin Network), but neither the VNet, its "
				    "spokes, a static site nor a BGP peer address "
				    "of the design is that prefix",
				    dsn->vpn_gateway.name,
				    prefix_format(&rt->network, t, 1));
			continue;
		}
		if ((dev = device_of(dsn, &rt->peer, &site)) == NULL) {
			note(r, HD901, f, rt->index, "sourcePeer",
			    "%s learned %s from %s, a BGP peer the design does "
			    "not know", dsn->vpn_gateway.name,
			    prefix_format(&rt->network, t, 1),
			    prefix_format(&rt->peer, u, 0));
			continue;
		}
		fi = fact_find(r, DX_VPN_ROUTE, DX_GW_VPN, k, dev,
		    &rt->network, NULL);
		if (fi == (size_t)-1) {
			int	 inside = 0;

			for (n = 0; n < dev->nadvertise; n++)
				if (prefix_contains(&dev->advertise[n],
				    &rt->network))
					inside = 1;
			if (inside || inside_design(dsn, &rt->network))
				note(r, HD902, f, rt->index,
				    "network", "%s learned %s from %s/%s, more "
				    "specific than the design advertises",
				    dsn->vpn_gateway.name,
				    prefix_format(&rt->network, t, 1),
				    dsn->sites[site].name, dev->name);
			else
				note(r, HD904, f, rt->index,
				    "network", "%s learned %s from %s/%s, a "
				    "prefix the design does not advertise there",
				    dsn->vpn_gateway.name,
				    prefix_format(&rt->network, t, 1),
				    dsn->sites[site].name, dev->name);
			continue;
		}
		r->obs[fi] = 1;
		want = r->m.facts[fi].as_path;
		if (strcmp(want, rt->as_path) != 0)
			note(r, HD903, f, rt->index, "asPath",
			    "%s learned %s from %s/%s with AS path %s; the "
			    "design's ASN and prepends give %s",
			    dsn->vpn_gateway.name,
			    prefix_format(&rt->network, t, 1),
			    dsn->sites[site].name, dev->name,
			    *rt->as_path ? rt->as_path : "(empty)", want);
	}
	for (fi = 0; fi < r->m.nfacts; fi++) {
		const struct dx_fact *fa = &r->m.facts[fi];
		long	 unit = fa->instance < 0 ? 0 : fa->instance;

		if (fa->gw != DX_GW_VPN)
			continue;
		if (fa->kind == DX_GATEWAY_UP)
			r->obs[fi] = reported[unit];
		else if (fa->kind == DX_VPN_ROUTE && !reported[unit])
			r->obs[fi] = -1;	/* nothing to compare with */
	}
}

static void
observe_peers(struct dx_run *r, struct dx_file *f)
{
	const struct design *dsn = r->a->dsn;
	char		 t[PREFIX_STRLEN];
	size_t		 i, fi, site;
	long		 k;

	for (fi = 0; fi < r->m.nfacts; fi++)
		if (r->m.facts[fi].kind == DX_BGP_PEER)
			r->obs[fi] = 0;
	for (i = 0; i < f->npeers; i++) {
		const struct dx_peer *p = &f->peers[i];
		const struct vpn_device *dev;
		const struct subnet *gs = design_gateway_subnet(dsn);

		/* The other instance, a Route Server or the ExpressRoute
		   gateway: internal sessions, not the design's peers. */
		if (gs != NULL && prefix_contains(&gs->prefix, &p->neighbor)) {
			f->ibgp++;
			continue;
		}
		if ((dev = device_of(dsn, &p->neighbor, &site)) == NULL) {
			note(r, HD901, f, p->index, "neighbor",
			    "%s has a BGP session with %s (%s), a peer the "
			    "design does not know", dsn->vpn_gateway.name,
			    prefix_format(&p->neighbor, t, 0), p->connected ?
			    "Connected" : "not Connected");
			continue;
		}
		k = vpn_unit(r, p->has_local, &p->local);
		if (k == -2 || (r->m.vpn_keyed && k < 0)) {
			note(r, HD906, f, p->index,
			    "localAddress", "%s lists its session with %s/%s "
			    "on a local address that is neither instance's "
			    "BGP address in the design", dsn->vpn_gateway.name,
			    dsn->sites[site].name, dev->name);
			continue;
		}
		fi = fact_find(r, DX_BGP_PEER, DX_GW_VPN, k, dev, NULL, NULL);
		if (fi != (size_t)-1 && p->connected)
			r->obs[fi] = 1;
	}
}

/* ------------------------------------------------------------------ */
/* Ranking */

static size_t
contradictions(const struct dx_run *r, const struct sim_scenario *sc)
{
	size_t	 f, n = 0;

	for (f = 0; f < r->m.nfacts; f++)
		if (r->obs[f] >= 0 && dx_expect(&r->m, sc, f) != r->obs[f])
			n++;
	return n;
}

static const struct dx_run *rank_run;

static int
rank_cmp(const void *va, const void *vb)
{
	size_t	 a = *(const size_t *)va, b = *(const size_t *)vb;
	const struct sim *s = rank_run->a->sim;

	if (rank_run->contra[a] != rank_run->contra[b])
		return rank_run->contra[a] < rank_run->contra[b] ? -1 : 1;
	if (s->scenarios[a].nfailed != s->scenarios[b].nfailed)
		return s->scenarios[a].nfailed < s->scenarios[b].nfailed ?
		    -1 : 1;
	return a < b ? -1 : a > b;
}

/* Same expectation on every fact compared: the captures cannot tell. */
static int
indistinguishable(const struct dx_run *r, const struct sim_scenario *a,
    const struct sim_scenario *b)
{
	size_t	 f;

	for (f = 0; f < r->m.nfacts; f++)
		if (r->obs[f] >= 0 && dx_expect(&r->m, a, f) !=
		    dx_expect(&r->m, b, f))
			return 0;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Words */

static void
fact_text(const struct dx_run *r, size_t fi, int value, struct buf *b)
{
	const struct design *dsn = r->a->dsn;
	const struct dx_fact *f = &r->m.facts[fi];
	char		 t[PREFIX_STRLEN];
	const char	*gw = gw_name(dsn, f->gw);

	if (f->instance >= 0)
		buf_printf(b, "%s instance %ld (%s): ", gw, f->instance,
		    prefix_format(&dsn->vpn_gateway.instances[f->instance].
		    bgp_ip, t, 0));
	else
		buf_printf(b, "%s: ", gw);
	switch (f->kind) {
	case DX_GATEWAY_UP:
		buf_puts(b, value ? "reports routes" : "reports nothing");
		break;
	case DX_ER_ROUTE:
		buf_printf(b, "%s with AS path %s from %d BGP peer%s",
		    prefix_format(&f->pfx, t, 1), f->as_path, value,
		    value == 1 ? "" : "s");
		break;
	case DX_VPN_ROUTE:
		buf_printf(b, "%s from %s/%s %s", prefix_format(&f->pfx, t, 1),
		    dsn->sites[f->site].name, f->dev->name, value ? "learned" :
		    "not learned");
		break;
	case DX_BGP_PEER:
		buf_printf(b, "BGP session with %s/%s (%s) %s",
		    dsn->sites[f->site].name, f->dev->name,
		    design_addr(dsn, value_map_get(f->dev->node, "bgp"),
		    "peer_ip", &f->dev->bgp_peer_ip, 0, t), value ?
		    "Connected" : "not Connected");
		break;
	}
}

/*
 * For one scenario: what it explains (facts observed as it expects
 * that the baseline does not) and what it contradicts (expected one
 * way, observed another).  Appends words to the lists.
 */
static void
scenario_facts(const struct dx_run *r, const struct sim_scenario *sc,
    char ***expl, size_t *nexpl, char ***contra, size_t *ncontra)
{
	const struct sim_scenario *base = &r->a->sim->scenarios[0];
	struct buf	 b = BUF_INIT;
	size_t		 f;
	int		 e, be;

	for (f = 0; f < r->m.nfacts; f++) {
		if (r->obs[f] < 0)
			continue;
		e = dx_expect(&r->m, sc, f);
		be = dx_expect(&r->m, base, f);
		buf_truncate(&b, 0);
		if (e == r->obs[f]) {
			if (e == be && sc != base)
				continue;
			if (sc == base)
				continue;
			fact_text(r, f, r->obs[f], &b);
			*expl = xreallocarray(*expl, *nexpl + 1,
			    sizeof(**expl));
			(*expl)[(*nexpl)++] = xstrdup(buf_cstr(&b));
		} else {
			fact_text(r, f, r->obs[f], &b);
			buf_puts(&b, "; expected: ");
			{
				struct buf x = BUF_INIT;

				fact_text(r, f, e, &x);
				/* Only the part after the gateway. */
				buf_puts(&b, strchr(buf_cstr(&x), ':') ?
				    strchr(buf_cstr(&x), ':') + 2 :
				    buf_cstr(&x));
				buf_release(&x);
			}
			*contra = xreallocarray(*contra, *ncontra + 1,
			    sizeof(**contra));
			(*contra)[(*ncontra)++] = xstrdup(buf_cstr(&b));
		}
	}
	buf_release(&b);
}

static void
strv_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The read-only check that confirms element e. */
static void
element_check(const struct analysis *a, const struct sim_element *e,
    struct buf *b)
{
	const struct design *dsn = a->dsn;
	const char	*rg = dsn->resource_group;
	char		 t[PREFIX_STRLEN];
	size_t		 i;

	switch (e->kind) {
	case SIM_EL_CIRCUIT:
		buf_printf(b, "circuit %s's route table on both links (az "
		    "network express-route list-route-tables-summary -g %s "
		    "-n %s --peering-name AzurePrivatePeering --path primary, "
		    "then --path secondary): no prefixes received on either "
		    "when the circuit is down", e->circuit->name, rg,
		    e->circuit->name);
		break;
	case SIM_EL_LINK:
		buf_printf(b, "circuit %s's route table on the %s link (az "
		    "network express-route list-route-tables-summary -g %s "
		    "-n %s --peering-name AzurePrivatePeering --path %s): "
		    "empty when that link is down while the other still "
		    "receives", e->circuit->name, e->link ? "secondary" :
		    "primary", rg, e->circuit->name, e->link ? "secondary" :
		    "primary");
		break;
	case SIM_EL_LOCATION:
		buf_printf(b, "every circuit at peering location %s (",
		    e->location);
		for (i = 0; i < dsn->ncircuits; i++)
			if (same_slug(dsn->circuits[i].peering_location,
			    e->location))
				buf_printf(b, "%s ", dsn->circuits[i].name);
		buf_truncate(b, b->len - (b->ptr[b->len - 1] == ' '));
		buf_printf(b, ") down at once in its route-table summary, "
		    "and Azure Service Health for the location");
		break;
	case SIM_EL_ER_GATEWAY:
		buf_printf(b, "the circuits' route-table summaries still "
		    "receive prefixes while %s learns none (az network "
		    "express-route list-route-tables-summary -g %s -n CIRCUIT "
		    "--peering-name AzurePrivatePeering --path primary)",
		    dsn->er_gateway.name, rg);
		break;
	case SIM_EL_VPN_INSTANCE:
		buf_printf(b, "az network vnet-gateway list-bgp-peer-status "
		    "-g %s -n %s: no Connected session on instance %zu", rg,
		    dsn->vpn_gateway.name, e->instance);
		if (e->instance < dsn->vpn_gateway.ninstances &&
		    dsn->vpn_gateway.instances[e->instance].has_bgp_ip)
			buf_printf(b, " (local address %s)",
			    prefix_format(&dsn->vpn_gateway.instances[
			    e->instance].bgp_ip, t, 0));
		if (!dsn->vpn_gateway.active_active)
			buf_puts(b, "; on an active-standby gateway the "
			    "sessions come back on the standby within 1-3 "
			    "minutes, so look at connectedDuration");
		break;
	case SIM_EL_TUNNEL:
	case SIM_EL_DEVICE:
		if (device_bgp(e->device))
			buf_printf(b, "az network vnet-gateway "
			    "list-bgp-peer-status -g %s -n %s --peer %s: the "
			    "session with %s/%s %s", rg, dsn->vpn_gateway.name,
			    design_addr(dsn, value_map_get(e->device->node,
			    "bgp"), "peer_ip", &e->device->bgp_peer_ip, 0, t),
			    e->site->name, e->device->name,
			    e->kind == SIM_EL_TUNNEL ? "on that instance is "
			    "not Connected" : "is not Connected on any "
			    "instance");
		else
			buf_printf(b, "az network vpn-connection show -g %s -n "
			    "%s --query %s: the tunnel%s of %s/%s (static "
			    "routes stay in the learned routes whatever the "
			    "tunnel's state)", rg, e->device->connection,
			    dsn->vpn_gateway.active_active ?
			    "tunnelConnectionStatus" : "connectionStatus",
			    e->kind == SIM_EL_TUNNEL ? " to that instance" :
			    "s", e->site->name, e->device->name);
		break;
	case SIM_EL_SITE:
		buf_printf(b, "whether anything at site %s answers: its "
		    "devices' tunnels and BGP sessions and its circuits' "
		    "routes all down together", e->site->name);
		break;
	}
}

/* ------------------------------------------------------------------ */
/* The report, as a tree first, then written in each format */

struct dx_item {
	const struct sim_scenario *sc;
	size_t		 contra;
	char		*title;
	char		**expl;
	size_t		 nexpl;
	char		**contr;
	size_t		 ncontr;
};

static void
item_init(struct dx_item *it, const struct dx_run *r,
    const struct sim_scenario *sc, size_t contra)
{
	struct buf	 t = BUF_INIT;

	memset(it, 0, sizeof(*it));
	it->sc = sc;
	it->contra = contra;
	view_scenario_title(r->a, sc->id, &t);
	it->title = buf_detach(&t, NULL);
	scenario_facts(r, sc, &it->expl, &it->nexpl, &it->contr,
	    &it->ncontr);
}

static void
item_release(struct dx_item *it)
{
	free(it->title);
	strv_free(it->expl, it->nexpl);
	strv_free(it->contr, it->ncontr);
}

/* Non-zero when the list value l holds the string id. */
static int
list_has(const struct value *l, const char *id)
{
	size_t	 i;

	if (l == NULL || l->kind != VALUE_LIST)
		return 0;
	for (i = 0; i < l->n; i++)
		if (l->items[i]->kind == VALUE_STR &&
		    strcmp(l->items[i]->str, id) == 0)
			return 1;
	return 0;
}

/*
 * Where the runbook speaks of sc, read from the runbook's own view so
 * that the anchors follow its headings: the failover matrix's section
 * ("### TITLE", for a scenario that moves a prefix) and the test
 * procedure ("### Test N: TITLE").  A test entry lists the scenarios
 * it covers when procedures are records ("scenarios"); its id is then
 * the procedure's, written to proc.
 */
static void
anchors(const struct analysis *a, const struct sim_scenario *sc,
    struct buf *matrix, struct buf *test, struct buf *proc)
{
	struct view_opts o;
	struct value	*v, *l, *e;
	struct buf	 h = BUF_INIT;
	size_t		 i;

	memset(&o, 0, sizeof(o));
	o.html = 1;
	v = view_runbook(a, &o);
	l = value_map_get(v, "scenarios");
	for (i = 0; l && l->kind == VALUE_LIST && i < l->n; i++) {
		e = l->items[i];
		if (strcmp(value_map_cstr(e, "id") ? value_map_cstr(e, "id") :
		    "", sc->id) == 0 && value_truthy(value_map_get(e,
		    "differs")) && value_map_cstr(e, "title"))
			md_slug(value_map_cstr(e, "title"), matrix);
	}
	l = value_map_get(v, "tests");
	for (i = 0; l && l->kind == VALUE_LIST && i < l->n; i++) {
		const struct value *sl;
		const char *id, *title, *num;

		e = l->items[i];
		id = value_map_cstr(e, "id");
		title = value_map_cstr(e, "title");
		num = value_map_cstr(e, "number");
		sl = value_map_get(e, "scenarios");
		if (id == NULL || title == NULL || num == NULL)
			continue;
		if (sl != NULL ? !list_has(sl, sc->id) : strcmp(id, sc->id))
			continue;
		buf_printf(&h, "Test %s: %s", num, title);
		md_slug(buf_cstr(&h), test);
		if (sl != NULL)
			buf_puts(proc, id);
		break;
	}
	buf_release(&h);
	value_free(v);
}

/* What the simulation says happens in sc. */
static json_t *
consequences(const struct analysis *a, const struct sim_scenario *sc)
{
	const struct sim *s = a->sim;
	const struct design *dsn = a->dsn;
	json_t		*o = json_object(), *moved = json_array(),
			*lost = json_array(), *cap = json_array();
	char		 t[PREFIX_STRLEN];
	size_t		 k, i;

	for (k = 0; k < s->natoms; k++) {
		const struct sim_route *rt = sim_route_at(s, sc, k);

		prefix_format(&rt->atom, t, 1);
		if (rt->path == SIM_NONE) {
			json_t	*x = json_object();

			json_object_set_new(x, "prefix", json_string(t));
			json_object_set_new(x, "site", json_string(rt->site ?
			    rt->site->name : ""));
			json_array_append_new(lost, x);
		} else if (sim_route_changed(s, sc, k)) {
			json_t	*x = json_object();

			json_object_set_new(x, "prefix", json_string(t));
			json_object_set_new(x, "site", json_string(rt->site ?
			    rt->site->name : ""));
			json_object_set_new(x, "path",
			    json_string(sim_path_name(rt->path)));
			json_object_set_new(x, "via", json_string(rt->via));
			json_object_set_new(x, "capacity_mbps",
			    json_integer(rt->capacity_mbps));
			json_object_set_new(x, "detect_s",
			    json_real(rt->detect_s));
			json_array_append_new(moved, x);
		}
	}
	for (i = 0; i < dsn->ntraffic; i++) {
		const struct traffic *tr = &dsn->traffic[i];
		long	 minc = -1;
		json_t	*x;

		if (tr->site == NULL)
			continue;
		for (k = 0; k < s->natoms; k++) {
			const struct sim_route *rt = sim_route_at(s, sc, k);

			if (rt->site != tr->site || rt->path == SIM_NONE)
				continue;
			if (minc < 0 || rt->capacity_mbps < minc)
				minc = rt->capacity_mbps;
		}
		x = json_object();
		json_object_set_new(x, "site", json_string(tr->site->name));
		json_object_set_new(x, "peak_mbps", json_integer(tr->peak_mbps));
		json_object_set_new(x, "capacity_mbps", minc < 0 ? json_null() :
		    json_integer(minc));
		json_object_set_new(x, "fits", json_boolean(minc >= 0 &&
		    minc >= tr->peak_mbps));
		json_array_append_new(cap, x);
	}
	json_object_set_new(o, "moved", moved);
	json_object_set_new(o, "unreachable", lost);
	json_object_set_new(o, "capacity", cap);
	return o;
}

static json_t *
strv_json(char **v, size_t n)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *
item_json(const struct dx_item *it)
{
	json_t	*o = json_object();

	json_object_set_new(o, "id", json_string(it->sc->id));
	json_object_set_new(o, "title", json_string(it->title));
	json_object_set_new(o, "contradictions", json_integer((json_int_t)
	    it->contra));
	json_object_set_new(o, "explains", strv_json(it->expl, it->nexpl));
	json_object_set_new(o, "contradicts", strv_json(it->contr,
	    it->ncontr));
	return o;
}

/* The whole report as JSON: every writer reads this tree. */
static json_t *
report_tree(struct dx_run *r, int *status)
{
	const struct sim *s = r->a->sim;
	const struct design *dsn = r->a->dsn;
	json_t		*root = json_object(), *best = json_array(),
			*others = json_array(), *caps = json_array(),
			*findings = json_array(), *sep = json_array(), *bm;
	struct buf	 b = BUF_INIT, m1 = BUF_INIT, m2 = BUF_INIT,
			 m3 = BUF_INIT;
	const struct sim_scenario *top = &s->scenarios[r->order[0]];
	size_t		 i, j, k, compared = 0;
	int		 base_ok;

	json_object_set_new(root, "design", json_string(dsn->file));
	json_object_set_new(root, "name", json_string(dsn->name));
	for (i = 0; i < r->nfiles; i++) {
		const struct dx_file *f = &r->files[i];
		json_t	*x = json_object();

		json_object_set_new(x, "gateway", json_string(f->in->gateway));
		json_object_set_new(x, "kind", json_string(f->in->kind ==
		    DX_LEARNED ? "learned-routes" : "bgp-peers"));
		json_object_set_new(x, "file", json_string(f->in->file));
		json_object_set_new(x, "entries", json_integer((json_int_t)
		    f->entries));
		json_object_set_new(x, "duplicates", json_integer((json_int_t)
		    f->duplicates));
		json_object_set_new(x, "ibgp_ignored", json_integer(
		    (json_int_t)f->ibgp));
		json_array_append_new(caps, x);
	}
	json_object_set_new(root, "captures", caps);
	/*
	 * Values the design gives as unknown (HD801): an observation that
	 * needs one (a peer's address or ASN) is matched to nothing in
	 * the design, so the ranking below depends on them.
	 */
	if (dsn->nunknowns > 0) {
		json_t	*unk = json_array();

		for (i = 0; i < dsn->nunknowns; i++)
			json_array_append_new(unk, json_string(
			    dsn->unknowns[i].path));
		json_object_set_new(root, "unknown", unk);
	}
	for (i = 0; i < r->m.nfacts; i++)
		compared += r->obs[i] >= 0;
	json_object_set_new(root, "observations", json_integer((json_int_t)
	    compared));

	/* The best: every scenario with the fewest contradictions. */
	for (i = 0; i < s->nscenarios; i++) {
		const struct sim_scenario *sc = &s->scenarios[r->order[i]];
		struct dx_item it;
		json_t	*x;

		if (r->contra[r->order[i]] != r->contra[r->order[0]])
			break;
		item_init(&it, r, sc, r->contra[r->order[i]]);
		x = item_json(&it);
		json_object_set_new(x, "indistinguishable_from_first",
		    json_boolean(i > 0 && indistinguishable(r, top, sc)));
		json_array_append_new(best, x);
		item_release(&it);
	}
	json_object_set_new(root, "best", best);
	/* How to tell the best apart. */
	if (json_array_size(best) > 1) {
		for (i = 0; i < json_array_size(best); i++) {
			const struct sim_scenario *sc =
			    &s->scenarios[r->order[i]];
			json_t	*x = json_object(), *checks = json_array();

			json_object_set_new(x, "id", json_string(sc->id));
			for (k = 0; k < sc->nfailed; k++) {
				buf_truncate(&b, 0);
				element_check(r->a, &s->elems[sc->failed[k]],
				    &b);
				json_array_append_new(checks,
				    json_string(buf_cstr(&b)));
			}
			if (sc->nfailed == 0)
				json_array_append_new(checks, json_string(
				    "the checks of the other scenarios here all "
				    "come back healthy"));
			json_object_set_new(x, "checks", checks);
			json_array_append_new(sep, x);
		}
	}
	json_object_set_new(root, "tell_apart", sep);
	for (j = i; j < s->nscenarios && j < i + DX_SHOW_OTHERS * 4; j++) {
		struct dx_item it;

		item_init(&it, r, &s->scenarios[r->order[j]],
		    r->contra[r->order[j]]);
		json_array_append_new(others, item_json(&it));
		item_release(&it);
	}
	json_object_set_new(root, "others", others);
	json_object_set_new(root, "others_not_listed", json_integer(
	    (json_int_t)(s->nscenarios - j)));

	/* The best match in the simulation and the runbook. */
	bm = consequences(r->a, top);
	json_object_set_new(bm, "id", json_string(top->id));
	{
		struct buf t = BUF_INIT;

		view_scenario_title(r->a, top->id, &t);
		json_object_set_new(bm, "title", json_string(buf_cstr(&t)));
		buf_release(&t);
	}
	anchors(r->a, top, &m1, &m2, &m3);
	if (m3.len)
		json_object_set_new(bm, "procedure", json_string(
		    buf_cstr(&m3)));
	json_object_set_new(bm, "runbook_matrix_anchor", m1.len ?
	    json_string(buf_cstr(&m1)) : json_null());
	json_object_set_new(bm, "runbook_test_anchor", m2.len ?
	    json_string(buf_cstr(&m2)) : json_null());
	json_object_set_new(root, "best_match", bm);

	for (i = 0; i < r->nnotes; i++) {
		const struct dx_note *n = &r->notes[i];
		json_t	*x = json_object();
		struct mark mk = entry_mark(n->file, n->index, n->key);

		entry_path(n->file, n->index, n->key, &b);
		json_object_set_new(x, "rule", json_string(rules[n->rule].id));
		json_object_set_new(x, "level", json_string(
		    diag_level_str(rules[n->rule].level)));
		json_object_set_new(x, "file", json_string(n->file->in->file));
		json_object_set_new(x, "line", json_integer(mk.line));
		json_object_set_new(x, "column", json_integer(mk.col));
		json_object_set_new(x, "path", json_string(buf_cstr(&b)));
		json_object_set_new(x, "message", json_string(n->msg));
		json_array_append_new(findings, x);
	}
	json_object_set_new(root, "findings", findings);
	json_object_set_new(root, "findings_not_listed", json_integer(
	    (json_int_t)r->notes_dropped));
	base_ok = r->contra[0] == 0;
	*status = base_ok && r->nnotes == 0 && r->notes_dropped == 0 ? 0 : 1;
	json_object_set_new(root, "baseline_explains_all",
	    json_boolean(base_ok));
	json_object_set_new(root, "status", json_integer(*status));
	buf_release(&b);
	buf_release(&m1);
	buf_release(&m2);
	buf_release(&m3);
	return root;
}

/* ---- text and Markdown ---- */

static const char *
jstr(json_t *o, const char *k)
{
	const char	*s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static long long
jint(json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

/*
 * Text: s on one line, a control character as a C escape (so that a
 * name from a design or a file cannot start a line of its own or send
 * terminal escapes); Markdown: escaped for inline text.
 */
static void
put(struct buf *out, int md, const char *s)
{
	unsigned char	 c;

	if (md) {
		tmpl_escape(out, s, strlen(s), TMPL_ESC_MARKDOWN);
		return;
	}
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (c == '\n')
			buf_puts(out, "\\n");
		else if (c == '\r')
			buf_puts(out, "\\r");
		else if (c == '\t')
			buf_puts(out, "\\t");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(out, "\\x%02x", c);
		else
			buf_putc(out, (int)c);
	}
}

static void
put_code(struct buf *out, int md, const char *s)
{
	size_t	 ticks = 0, run = 0, i;

	if (!md) {
		put(out, 0, s);
		return;
	}
	for (i = 0; s[i]; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > ticks)
			ticks = run;
	}
	for (i = 0; i <= ticks; i++)
		buf_putc(out, '`');
	buf_puts(out, ticks ? " " : "");
	for (i = 0; s[i]; i++)
		buf_putc(out, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	buf_puts(out, ticks ? " " : "");
	for (i = 0; i <= ticks; i++)
		buf_putc(out, '`');
}

static void
put_list(struct buf *out, int md, const char *label, json_t *a)
{
	size_t	 i, n = json_array_size(a);

	if (n == 0)
		return;
	buf_printf(out, "%s%s:\n", md ? "  " : "    ", label);
	for (i = 0; i < n && i < DX_LIST_MAX; i++) {
		buf_puts(out, md ? "    - " : "      - ");
		put(out, md, json_string_value(json_array_get(a, i)));
		buf_putc(out, '\n');
	}
	if (n > DX_LIST_MAX)
		buf_printf(out, "%sand %zu more\n", md ? "    - " : "      - ",
		    n - DX_LIST_MAX);
}

static void
put_item(struct buf *out, int md, json_t *x)
{
	buf_puts(out, md ? "- " : "  ");
	put_code(out, md, jstr(x, "id"));
	buf_puts(out, md ? ": " : "  ");
	put(out, md, jstr(x, "title"));
	buf_printf(out, " (%lld contradiction%s)\n", jint(x, "contradictions"),
	    jint(x, "contradictions") == 1 ? "" : "s");
	put_list(out, md, "explains", json_object_get(x, "explains"));
	put_list(out, md, "contradicts", json_object_get(x, "contradicts"));
}

static void
write_human(struct buf *out, json_t *root, int md)
{
	json_t		*best = json_object_get(root, "best"),
			*others = json_object_get(root, "others"),
			*bm = json_object_get(root, "best_match"),
			*a, *x;
	const char	*h2 = md ? "## " : "", *h1 = md ? "# " : "";
	size_t		 i, k;

	buf_printf(out, "%sDiagnosis of ", h1);
	put(out, md, jstr(root, "name"));
	buf_puts(out, " (");
	put(out, md, jstr(root, "design"));
	buf_puts(out, ")\n\n");
	a = json_object_get(root, "captures");
	buf_puts(out, md ? "Captures read:\n\n" : "Captures read:\n");
	for (i = 0; i < json_array_size(a); i++) {
		x = json_array_get(a, i);
		buf_puts(out, md ? "- " : "  ");
		put(out, md, jstr(x, "gateway"));
		buf_printf(out, " %s from ", jstr(x, "kind"));
		put_code(out, md, jstr(x, "file"));
		buf_printf(out, ": %lld entries", jint(x, "entries"));
		if (jint(x, "duplicates"))
			buf_printf(out, ", %lld duplicates ignored",
			    jint(x, "duplicates"));
		if (jint(x, "ibgp_ignored"))
			buf_printf(out, ", %lld internal (iBGP) %s ignored",
			    jint(x, "ibgp_ignored"), strcmp(jstr(x, "kind"),
			    "bgp-peers") == 0 ? "sessions" : "copies");
		buf_putc(out, '\n');
	}
	buf_printf(out, "%s%lld observations compared with every "
	    "scenario.\n\n", md ? "\n" : "  ", jint(root, "observations"));
	a = json_object_get(root, "unknown");
	if (json_array_size(a) > 0) {
		buf_printf(out, "%sThe design gives %zu value%s as unknown: an "
		    "observation that needs one (a peer's address or ASN) "
		    "matches nothing in the design, so the ranking below "
		    "depends on them: ", md ? "**Not complete.** " : "",
		    json_array_size(a), json_array_size(a) == 1 ? "" : "s");
		for (i = 0; i < json_array_size(a); i++) {
			if (i)
				buf_puts(out, ", ");
			put_code(out, md, json_string_value(
			    json_array_get(a, i)));
		}
		buf_puts(out, ".\n\n");
	}

	buf_printf(out, "%sBest match%s\n\n", h2,
	    json_array_size(best) > 1 ? "es" : "");
	for (i = 0; i < json_array_size(best); i++)
		put_item(out, md, json_array_get(best, i));
	if (json_array_size(best) > 1) {
		a = json_object_get(root, "tell_apart");
		buf_printf(out, "\n%s scenarios fit the captures equally%s. "
		    "To tell them apart, look at:\n", md ? "These" : "These",
		    json_is_true(json_object_get(json_array_get(best, 1),
		    "indistinguishable_from_first")) ? " (the captures cannot "
		    "tell some of them apart at all)" : "");
		if (md)
			buf_putc(out, '\n');
		for (i = 0; i < json_array_size(a); i++) {
			json_t	*c = json_object_get(json_array_get(a, i),
			    "checks");

			buf_puts(out, md ? "- " : "  ");
			put_code(out, md, jstr(json_array_get(a, i), "id"));
			buf_puts(out, ":\n");
			for (k = 0; k < json_array_size(c); k++) {
				buf_puts(out, md ? "  - " : "      - ");
				put(out, md, json_string_value(
				    json_array_get(c, k)));
				buf_putc(out, '\n');
			}
		}
	}

	buf_printf(out, "\n%sWhat the simulation says happens in ", h2);
	put_code(out, md, jstr(bm, "id"));
	buf_puts(out, "\n\n");
	a = json_object_get(bm, "moved");
	if (json_array_size(a) == 0)
		buf_puts(out, "No prefix changes path.\n");
	for (i = 0; i < json_array_size(a); i++) {
		x = json_array_get(a, i);
		buf_puts(out, md ? "- " : "  ");
		put(out, md, jstr(x, "prefix"));
		buf_puts(out, " (");
		put(out, md, jstr(x, "site"));
		buf_printf(out, "): now over %s via ", jstr(x, "path"));
		put(out, md, jstr(x, "via"));
		buf_printf(out, ", %lld Mbps, detected after %g s\n",
		    jint(x, "capacity_mbps"), json_real_value(
		    json_object_get(x, "detect_s")));
	}
	a = json_object_get(bm, "unreachable");
	buf_puts(out, md ? "\nUnreachable: " : "  Unreachable: ");
	if (json_array_size(a) == 0)
		buf_puts(out, "none");
	for (i = 0; i < json_array_size(a); i++) {
		x = json_array_get(a, i);
		buf_puts(out, i ? ", " : "");
		put(out, md, jstr(x, "prefix"));
		buf_puts(out, " (");
		put(out, md, jstr(x, "site"));
		buf_puts(out, ")");
	}
	buf_putc(out, '\n');
	a = json_object_get(bm, "capacity");
	for (i = 0; i < json_array_size(a); i++) {
		x = json_array_get(a, i);
		buf_puts(out, md ? "\n" : "  ");
		buf_puts(out, "Traffic to ");
		put(out, md, jstr(x, "site"));
		buf_printf(out, " peaks at %lld Mbps; ", jint(x, "peak_mbps"));
		if (json_is_null(json_object_get(x, "capacity_mbps")))
			buf_puts(out, "it has no path.");
		else
			buf_printf(out, "its path carries %lld Mbps%s",
			    jint(x, "capacity_mbps"), json_is_true(
			    json_object_get(x, "fits")) ? "." :
			    ": it does not fit.");
		buf_putc(out, md ? '\n' : '\n');
	}
	buf_puts(out, md ? "\nIn the HTML runbook (" : "  In the HTML runbook (");
	{
		struct buf c = BUF_INIT;

		buf_puts(&c, "hybridoc runbook ");
		buf_puts(&c, jstr(root, "design"));
		buf_puts(&c, " -o runbook.html");
		put_code(out, md, buf_cstr(&c));
		buf_release(&c);
	}
	buf_puts(out, "): ");
	k = 0;
	if (!json_is_null(json_object_get(bm, "runbook_matrix_anchor"))) {
		buf_printf(out, "what changes, at %s#%s%s", md ? "`" : "",
		    jstr(bm, "runbook_matrix_anchor"), md ? "`" : "");
		k = 1;
	}
	if (!json_is_null(json_object_get(bm, "runbook_test_anchor"))) {
		buf_printf(out, "%sthe test procedure, at %s#%s%s", k ? "; " :
		    "", md ? "`" : "", jstr(bm, "runbook_test_anchor"),
		    md ? "`" : "");
		k = 1;
	}
	if (!k)
		buf_puts(out, "the baseline's routing policy at "
		    "#routing-policy");
	if (json_object_get(bm, "procedure") != NULL) {
		buf_puts(out, "; procedure ");
		put_code(out, md, jstr(bm, "procedure"));
		buf_puts(out, " in its JSON");
	}
	buf_puts(out, ".\n");

	if (json_array_size(others) > 0) {
		buf_printf(out, "\n%sOther scenarios, fewest contradictions "
		    "first\n\n", h2);
		for (i = 0; i < json_array_size(others) && i < DX_SHOW_OTHERS;
		    i++)
			put_item(out, md, json_array_get(others, i));
		k = json_array_size(others) - i +
		    (size_t)jint(root, "others_not_listed");
		if (k > 0)
			buf_printf(out, "%s%zu more (--format json lists "
			    "them)\n", md ? "- " : "  ", k);
	}

	a = json_object_get(root, "findings");
	buf_printf(out, "\n%sObservations no scenario explains\n\n", h2);
	if (json_array_size(a) == 0)
		buf_puts(out, "None: the captures and the design agree.\n");
	for (i = 0; i < json_array_size(a); i++) {
		x = json_array_get(a, i);
		buf_puts(out, md ? "- " : "");
		if (md) {
			put_code(out, md, jstr(x, "file"));
			buf_printf(out, " line %lld, ", jint(x, "line"));
			put_code(out, md, jstr(x, "path"));
			buf_printf(out, ": %s: ", jstr(x, "level"));
		} else {
			put(out, 0, jstr(x, "file"));
			buf_printf(out, ":%lld:%lld: %s: ", jint(x, "line"),
			    jint(x, "column"), jstr(x, "level"));
			put(out, 0, jstr(x, "path"));
			buf_puts(out, ": ");
		}
		put(out, md, jstr(x, "message"));
		buf_printf(out, " [%s]\n", jstr(x, "rule"));
	}
	if (jint(root, "findings_not_listed"))
		buf_printf(out, "%s%lld more not listed\n", md ? "- " : "",
		    jint(root, "findings_not_listed"));
	buf_printf(out, "\n%s%s%s\n", md ? "**Verdict:** " : "Verdict: ",
	    jint(root, "status") == 0 ? "the network behaves as designed "
	    "(the baseline explains every observation)." :
	    json_is_true(json_object_get(root, "baseline_explains_all")) ?
	    "the baseline explains the routes, but some observations "
	    "contradict the design (see above)." :
	    "the network is not in its baseline state.",
	    jint(root, "status") == 0 && json_array_size(best) > 1 ?
	    " The captures cannot rule out the other best matches above: "
	    "look at their checks." : "");
}

/* ------------------------------------------------------------------ */

static int
check_inputs(const struct analysis *a, const struct dx_input *in,
    size_t nin, struct diags *d, enum dx_gw *gws)
{
	const struct design *dsn = a->dsn;
	size_t	 i, j;
	int	 ok = 1;

	for (i = 0; i < nin; i++) {
		const char *g = in[i].gateway;
		struct mark none = { 0, 0 };

		if (dsn->er_gateway.node && dsn->er_gateway.name &&
		    strcmp(g, dsn->er_gateway.name) == 0)
			gws[i] = DX_GW_ER;
		else if (dsn->vpn_gateway.node && dsn->vpn_gateway.name &&
		    strcmp(g, dsn->vpn_gateway.name) == 0)
			gws[i] = DX_GW_VPN;
		else {
			diags_error(d, in[i].file, none, "no gateway '%s' in "
			    "%s; it names %s%s%s%s%s", g, dsn->file,
			    dsn->er_gateway.node ? dsn->er_gateway.name : "",
			    dsn->er_gateway.node ? " (ExpressRoute)" : "",
			    dsn->er_gateway.node && dsn->vpn_gateway.node ?
			    " and " : "", dsn->vpn_gateway.node ?
			    dsn->vpn_gateway.name : "", dsn->vpn_gateway.node ?
			    " (VPN)" : "");
			ok = 0;
			continue;
		}
		if (in[i].kind == DX_BGP_PEERS && gws[i] != DX_GW_VPN) {
			diags_error(d, in[i].file, none, "--bgp-peers reads the "
			    "VPN gateway's BGP sessions; %s is the ExpressRoute "
			    "gateway", g);
			ok = 0;
		}
		for (j = 0; j < i; j++)
			if (in[j].kind == in[i].kind &&
			    strcmp(in[j].gateway, g) == 0) {
				diags_error(d, in[i].file, none, "gateway %s "
				    "given twice with %s", g, in[i].kind ==
				    DX_LEARNED ? "--learned" : "--bgp-peers");
				ok = 0;
			}
	}
	return ok;
}

int
dx_diagnose(const struct analysis *a, const struct dx_input *in,
    size_t nin, const char *format, struct buf *out, struct diags *d)
{
	struct dx_run	 r;
	enum dx_gw	*gws;
	size_t		 i;
	int		 status = 2, ok = 1;
	json_t		*root;
	char		*s;

	memset(&r, 0, sizeof(r));
	r.a = a;
	gws = xcalloc(nin + 1, sizeof(*gws));
	if (!check_inputs(a, in, nin, d, gws)) {
		free(gws);
		return 2;
	}
	dx_model_init(&r.m, a);
	r.files = xcalloc(nin + 1, sizeof(*r.files));
	for (i = 0; i < nin; i++) {
		r.files[i].in = &in[i];
		r.files[i].gw = gws[i];
		if (!read_file(&r.files[i], d))
			ok = 0;
		r.nfiles = i + 1;
	}
	if (!ok)
		goto out;
	r.obs = xcalloc(r.m.nfacts + 1, sizeof(int));
	r.peers = xcalloc(r.m.nfacts + 1, sizeof(*r.peers));
	for (i = 0; i < r.m.nfacts; i++)
		r.obs[i] = -1;
	/* Learned routes first: BGP status is read after them. */
	for (i = 0; i < nin; i++)
		if (in[i].kind == DX_LEARNED) {
			if (gws[i] == DX_GW_ER)
				observe_er(&r, &r.files[i]);
			else
				observe_vpn(&r, &r.files[i]);
		}
	for (i = 0; i < nin; i++)
		if (in[i].kind == DX_BGP_PEERS)
			observe_peers(&r, &r.files[i]);

	r.contra = xcalloc(a->sim->nscenarios + 1, sizeof(size_t));
	r.order = xcalloc(a->sim->nscenarios + 1, sizeof(size_t));
	for (i = 0; i < a->sim->nscenarios; i++) {
		r.contra[i] = contradictions(&r, &a->sim->scenarios[i]);
		r.order[i] = i;
	}
	rank_run = &r;
	qsort(r.order, a->sim->nscenarios, sizeof(size_t), rank_cmp);
	rank_run = NULL;

	root = report_tree(&r, &status);
	if (strcmp(format, "json") == 0) {
		s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(10));
		buf_puts(out, s);
		buf_putc(out, '\n');
		free(s);
	} else
		write_human(out, root, strcmp(format, "md") == 0);
	json_decref(root);
out:
	for (i = 0; i < r.nfiles; i++)
		file_release(&r.files[i]);
	for (i = 0; i < r.nnotes; i++)
		free(r.notes[i].msg);
	free(r.notes);
	free(r.files);
	free(r.obs);
	free(r.peers);
	free(r.contra);
	free(r.order);
	free(gws);
	dx_model_release(&r.m);
	return status;
}

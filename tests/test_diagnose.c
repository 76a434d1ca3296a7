/*
 * Tests for gen/diagnose.c.  The round trip: for every shipped design
 * and every single failure (and the baseline), write the captures the
 * simulation predicts, as `az` prints them (a test helper, not a
 * product feature), feed them to diagnose, and check that the scenario
 * is among the best matches and that every scenario whose captures
 * would be the same is named with it.
 *
 * The captures carry what real ones carry and diagnose must see past:
 * the VNet's and spokes' prefixes and static sites' prefixes with
 * origin Network, each BGP peer's /32, iBGP copies between the VPN
 * gateway's instances, the same route from both ExpressRoute gateway
 * instances, duplicate entries, Azure's weights, and a shuffled order.
 * Scenarios are "the same" when their captures without that noise
 * (copies, duplicates, order) are byte for byte equal: a check
 * independent of diagnose's own ranking.
 */
#include "testutil.h"

#include <dirent.h>
#include <unistd.h>

#include <jansson.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagnose.h"
#include "hybridoc/prefix.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/view.h"
#include "hybridoc/view_refs.h"
#include "hybridoc/xalloc.h"

/* A small deterministic generator for the noise. */
static unsigned long rng_state;

static unsigned
rng(void)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(rng_state >> 33);
}

struct entry {
	char	*text;		/* one JSON object */
	int	 noise;		/* not part of the canonical capture */
};

struct capture {
	struct entry	*v;
	size_t		 n;
};

static void
add(struct capture *c, int noise, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
add(struct capture *c, int noise, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	c->v[c->n].text = buf_detach(&b, NULL);
	c->v[c->n].noise = noise;
	c->n++;
}

static void
route(struct capture *c, int noise, const char *net, const char *path,
    const char *local, const char *peer, const char *origin, int weight)
{
	add(c, noise, "{\"asPath\": \"%s\", \"localAddress\": \"%s\", "
	    "\"network\": \"%s\", \"nextHop\": %s%s%s, \"origin\": \"%s\", "
	    "\"sourcePeer\": \"%s\", \"weight\": %d}", path, local, net,
	    strcmp(origin, "Network") ? "\"" : "", strcmp(origin, "Network") ?
	    peer : "null", strcmp(origin, "Network") ? "\"" : "", origin, peer,
	    weight);
}

static void
capture_free(struct capture *c)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		free(c->v[i].text);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* The canonical text (no noise, in order) or the noisy file. */
static char *
capture_text(const struct capture *c, int noisy)
{
	struct buf	 b = BUF_INIT;
	size_t		*ord = xcalloc(c->n + 1, sizeof(size_t)), i, j, t, k = 0;

	for (i = 0; i < c->n; i++)
		if (noisy || !c->v[i].noise)
			ord[k++] = i;
	if (noisy)
		for (i = k; i > 1; i--) {
			j = rng() % i;
			t = ord[i - 1];
			ord[i - 1] = ord[j];
			ord[j] = t;
		}
	buf_puts(&b, "{\n  \"value\": [");
	for (i = 0; i < k; i++) {
		buf_printf(&b, "%s\n    %s", i ? "," : "", c->v[ord[i]].text);
		if (noisy && rng() % 4 == 0)	/* a duplicate */
			buf_printf(&b, ",\n    %s", c->v[ord[i]].text);
	}
	buf_puts(&b, "\n  ]\n}\n");
	free(ord);
	return buf_detach(&b, NULL);
}

static const char *
fmt_addr(const struct prefix *p, char *t)
{
	return prefix_format(p, t, 0);
}

static const char *
fmt_pfx(const struct prefix *p, char *t)
{
	return prefix_format(p, t, 1);
}

/* A GatewaySubnet address n, for the gateway and edge addresses that
   the design does not name. */
static void
gws_addr(const struct design *dsn, unsigned n, char *t)
{
	const struct subnet *gs = design_gateway_subnet(dsn);
	struct prefix	 p;

	if (gs == NULL) {
		snprintf(t, PREFIX_STRLEN, "10.255.255.%u", n);
		return;
	}
	p = prefix_nth(&gs->prefix, n);
	prefix_format(&p, t, 0);
}

static void
network_entries(const struct design *dsn, struct capture *c,
    const char *local, int vpn)
{
	char	 t[PREFIX_STRLEN];
	size_t	 i, j, k;

	for (k = 0; k < dsn->vnet.naddress_space; k++)
		route(c, 0, fmt_pfx(&dsn->vnet.address_space[k], t), "", local,
		    local, "Network", 32768);
	for (i = 0; i < dsn->nspokes; i++)
		for (k = 0; k < dsn->spokes[i].naddress_space; k++)
			route(c, 0, fmt_pfx(&dsn->spokes[i].address_space[k],
			    t), "", local, local, "Network", 32768);
	if (!vpn)
		return;
	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++) {
			const struct vpn_device *d = &dsn->sites[i].devices[j];

			if (!d->is_static && d->has_bgp) {
				struct prefix h = d->bgp_peer_ip;

				h.len = 32;
				route(c, 0, fmt_pfx(&h, t), "", local, local,
				    "Network", 32768);
				continue;
			}
			for (k = 0; k < dsn->sites[i].naddress_prefixes; k++)
				route(c, 0, fmt_pfx(&dsn->sites[i].
				    address_prefixes[k], t), "", local, local,
				    "Network", 32768);
		}
}

/*
 * The captures the simulation predicts for scenario sc: the ER
 * gateway's learned routes, the VPN gateway's, and its BGP sessions.
 */
static void
predict(const struct dx_model *m, const struct sim_scenario *sc,
    struct capture *er, struct capture *vpn, struct capture *peers)
{
	const struct design *dsn = m->a->dsn;
	char		 t[PREFIX_STRLEN], loc[2][PREFIX_STRLEN],
			 msee[PREFIX_STRLEN], peer[PREFIX_STRLEN];
	size_t		 f, u;
	int		 v, k, up[2] = { 1, 1 };

	for (f = 0; f < m->nfacts; f++) {
		const struct dx_fact *x = &m->facts[f];

		if (x->kind == DX_GATEWAY_UP && x->gw == DX_GW_VPN)
			up[x->instance < 0 ? 0 : x->instance] =
			    dx_expect(m, sc, f);
	}
	/* ExpressRoute: two gateway instances, one edge router per link. */
	gws_addr(dsn, 12, loc[0]);
	gws_addr(dsn, 13, loc[1]);
	if (dsn->er_gateway.node && dx_expect(m, sc, 0))
		for (k = 0; k < 2; k++)
			network_entries(dsn, er, loc[k], 0);
	for (f = 0; f < m->nfacts; f++) {
		const struct dx_fact *x = &m->facts[f];

		v = dx_expect(m, sc, f);
		if (x->kind == DX_ER_ROUTE) {
			/* The first edge addresses: 6, 7, 8... per live link. */
			for (k = 0; k < v; k++) {
				gws_addr(dsn, 6 + (unsigned)k, msee);
				route(er, 0, fmt_pfx(&x->pfx, t), x->as_path,
				    loc[0], msee, "EBgp", 32769);
				route(er, 1, fmt_pfx(&x->pfx, t), x->as_path,
				    loc[1], msee, "EBgp", 32769);
			}
		}
	}
	if (!dsn->vpn_gateway.node)
		return;
	/* VPN: each instance's own BGP address (or a stand-in). */
	for (u = 0; u < 2; u++) {
		if (u < dsn->vpn_gateway.ninstances &&
		    dsn->vpn_gateway.instances[u].has_bgp_ip)
			fmt_addr(&dsn->vpn_gateway.instances[u].bgp_ip, loc[u]);
		else
			gws_addr(dsn, 30 - (unsigned)u, loc[u]);
	}
	for (u = 0; u < m->vpn_units; u++)
		if (up[u])
			network_entries(dsn, vpn, loc[u], 1);
	for (f = 0; f < m->nfacts; f++) {
		const struct dx_fact *x = &m->facts[f];
		long	 in = x->instance < 0 ? 0 : x->instance;

		if (x->gw != DX_GW_VPN || x->kind == DX_GATEWAY_UP)
			continue;
		v = dx_expect(m, sc, f);
		fmt_addr(&x->dev->bgp_peer_ip, peer);
		if (x->kind == DX_VPN_ROUTE && v) {
			route(vpn, 0, fmt_pfx(&x->pfx, t), x->as_path, loc[in],
			    peer, "EBgp", 32768);
			/* The other instance's iBGP copy. */
			if (m->vpn_keyed && up[1 - in])
				route(vpn, 1, fmt_pfx(&x->pfx, t), x->as_path,
				    loc[1 - in], loc[in], "IBgp", 32768);
		}
		if (x->kind == DX_BGP_PEER && (v || up[in]))
			add(peers, 0, "{\"asn\": %ld, \"connectedDuration\": "
			    "%s, \"localAddress\": \"%s\", \"messagesReceived\": "
			    "8812, \"messagesSent\": 8820, \"neighbor\": \"%s\", "
			    "\"routesReceived\": %zu, \"state\": \"%s\"}",
			    x->dev->bgp_asn, v ? "\"3.02:11:40.5512304\"" :
			    "null", loc[in], peer,
			    v ? x->dev->nadvertise : 0, v ? "Connected" :
			    "Connecting");
	}
}

static void
write_file(const char *path, const char *s)
{
	FILE	*fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(s, fp);
	fclose(fp);
}

struct canon {
	char	*er, *vpn, *peers;
};

static int
canon_eq(const struct canon *a, const struct canon *b)
{
	return strcmp(a->er, b->er) == 0 && strcmp(a->vpn, b->vpn) == 0 &&
	    strcmp(a->peers, b->peers) == 0;
}

static int
named(json_t *best, const char *id)
{
	size_t	 i;

	for (i = 0; i < json_array_size(best); i++)
		if (strcmp(json_string_value(json_object_get(
		    json_array_get(best, i), "id")), id) == 0)
			return 1;
	return 0;
}

static size_t
round_trip(const char *path, const char *dir)
{
	struct analysis	 a;
	struct diags	 d;
	struct dx_model	 m;
	struct canon	*cn;
	size_t		 i, j, n, checked = 0;
	char		 fer[512], fvpn[512], fpeers[512];

	diags_init(&d);
	if (!analysis_run(&a, path, 1, &d))
		fail_msg("%s does not load", path);
	dx_model_init(&m, &a);
	n = a.sim->nscenarios;
	cn = xcalloc(n + 1, sizeof(*cn));
	snprintf(fer, sizeof(fer), "%s/er.json", dir);
	snprintf(fvpn, sizeof(fvpn), "%s/vpn.json", dir);
	snprintf(fpeers, sizeof(fpeers), "%s/peers.json", dir);
	for (i = 0; i < n; i++) {
		struct capture er = { 0 }, vpn = { 0 }, peers = { 0 };

		predict(&m, &a.sim->scenarios[i], &er, &vpn, &peers);
		cn[i].er = capture_text(&er, 0);
		cn[i].vpn = capture_text(&vpn, 0);
		cn[i].peers = capture_text(&peers, 0);
		capture_free(&er);
		capture_free(&vpn);
		capture_free(&peers);
	}
	for (i = 0; i < n; i++) {
		const struct sim_scenario *sc = &a.sim->scenarios[i];
		struct capture er = { 0 }, vpn = { 0 }, peers = { 0 };
		struct dx_input in[3];
		size_t	 nin = 0;
		struct buf out = BUF_INIT;
		json_t	*root, *best;
		json_error_t je;
		char	*s;
		int	 rc;

		if (sc->nfailed > 1)
			continue;
		rng_state = i + 1;
		predict(&m, sc, &er, &vpn, &peers);
		if (a.dsn->er_gateway.node) {
			write_file(fer, s = capture_text(&er, 1));
			free(s);
			in[nin].kind = DX_LEARNED;
			in[nin].gateway = a.dsn->er_gateway.name;
			in[nin++].file = fer;
		}
		if (a.dsn->vpn_gateway.node) {
			write_file(fvpn, s = capture_text(&vpn, 1));
			free(s);
			write_file(fpeers, s = capture_text(&peers, 1));
			free(s);
			in[nin].kind = DX_LEARNED;
			in[nin].gateway = a.dsn->vpn_gateway.name;
			in[nin++].file = fvpn;
			in[nin].kind = DX_BGP_PEERS;
			in[nin].gateway = a.dsn->vpn_gateway.name;
			in[nin++].file = fpeers;
		}
		capture_free(&er);
		capture_free(&vpn);
		capture_free(&peers);
		rc = dx_diagnose(&a, in, nin, "json", &out, &d);
		if (rc == 2) {
			diags_print(&d, stderr, 0);
			fail_msg("%s %s: input error", path, sc->id);
		}
		root = json_loads(buf_cstr(&out), 0, &je);
		assert_non_null(root);
		best = json_object_get(root, "best");
		if (!named(best, sc->id))
			fail_msg("%s: %s is not among the best matches of its "
			    "own captures (best: %s)", path, sc->id,
			    json_string_value(json_object_get(
			    json_array_get(best, 0), "id")));
		/* Predicted captures contradict nothing. */
		assert_int_equal(json_integer_value(json_object_get(
		    json_array_get(best, 0), "contradictions")), 0);
		assert_int_equal(json_array_size(json_object_get(root,
		    "findings")), 0);
		for (j = 0; j < n; j++)
			if (a.sim->scenarios[j].nfailed <= 1 &&
			    canon_eq(&cn[i], &cn[j]) &&
			    !named(best, a.sim->scenarios[j].id))
				fail_msg("%s: %s has the same captures as %s "
				    "but is not named with it", path,
				    a.sim->scenarios[j].id, sc->id);
		/* Exit 0 exactly when the baseline explains everything. */
		if (rc != (canon_eq(&cn[i], &cn[0]) ? 0 : 1))
			fail_msg("%s %s: exit %d", path, sc->id, rc);
		json_decref(root);
		buf_release(&out);
		checked++;
	}
	for (i = 0; i < n; i++) {
		free(cn[i].er);
		free(cn[i].vpn);
		free(cn[i].peers);
	}
	free(cn);
	unlink(fer);
	unlink(fvpn);
	unlink(fpeers);
	dx_model_release(&m);
	analysis_release(&a);
	diags_release(&d);
	return checked;
}

static void
every_design_every_single_failure(void **state)
{
	DIR		*dp;
	struct dirent	*de;
	char		 dir[] = "/tmp/hybridoc-diagnose-XXXXXX", path[512];
	size_t		 designs = 0, scenarios = 0, len;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_non_null(dp = opendir("designs"));
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		snprintf(path, sizeof(path), "designs/%s", de->d_name);
		scenarios += round_trip(path, dir);
		designs++;
	}
	closedir(dp);
	rmdir(dir);
	/* Three designs ship, each with a dozen scenarios or more. */
	assert_true(designs >= 3);
	assert_true(scenarios >= 3 * 12);
}

/* ---- single captures of the seed design ---- */

#define SEED	"designs/contoso-eastus.yaml"
#define FIX	"tests/diagnose/contoso-baseline/"

static struct analysis	 seed;
static char		 scratch[] = "/tmp/hybridoc-diagnose-XXXXXX";

static int
setup(void **state)
{
	struct diags	 d;

	(void)state;
	diags_init(&d);
	if (!analysis_run(&seed, SEED, 1, &d))
		return -1;
	diags_release(&d);
	return mkdtemp(scratch) ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	analysis_release(&seed);
	rmdir(scratch);
	return 0;
}

/* The baseline VPN capture with a change: entries that contain drop are
   left out, and add (a JSON object, or NULL) is appended. */
static char *
vpn_variant(const char *drop, const char *add)
{
	json_t		*root = json_load_file(FIX "vpngw-hub-eus.learned.json", 0, NULL);
	json_t		*v = json_object_get(root, "value"), *out = json_array();
	char		*s, *path;
	size_t		 i;

	assert_non_null(root);
	for (i = 0; i < json_array_size(v); i++) {
		s = json_dumps(json_array_get(v, i), JSON_SORT_KEYS |
		    JSON_COMPACT);
		if (drop == NULL || strstr(s, drop) == NULL)
			json_array_append(out, json_array_get(v, i));
		free(s);
	}
	if (add != NULL)
		json_array_append_new(out, json_loads(add, 0, NULL));
	json_object_set_new(root, "value", out);
	path = xasprintf("%s/vpn.json", scratch);
	assert_int_equal(json_dump_file(root, path, JSON_INDENT(2) |
	    JSON_SORT_KEYS), 0);
	json_decref(root);
	return path;
}

/* Runs diagnose on the ER capture er (NULL: the baseline's) and the VPN
   capture vpn; returns the JSON report, *rc the status. */
static json_t *
diagnose(const char *er, const char *vpn, int *rc)
{
	struct dx_input	 in[2];
	struct diags	 d;
	struct buf	 out = BUF_INIT;
	json_t		*root;

	in[0].kind = DX_LEARNED;
	in[0].gateway = "ergw-hub-eus";
	in[0].file = er ? er : FIX "ergw-hub-eus.learned.json";
	in[1].kind = DX_LEARNED;
	in[1].gateway = "vpngw-hub-eus";
	in[1].file = vpn;
	diags_init(&d);
	*rc = dx_diagnose(&seed, in, 2, "json", &out, &d);
	if (*rc == 2)
		diags_print(&d, stderr, 0);
	assert_int_not_equal(*rc, 2);
	root = json_loads(buf_cstr(&out), 0, NULL);
	assert_non_null(root);
	buf_release(&out);
	diags_release(&d);
	return root;
}

static const char *
best_id(json_t *root)
{
	return json_string_value(json_object_get(json_array_get(
	    json_object_get(root, "best"), 0), "id"));
}

/* The contradictions of scenario id, wherever it is ranked. */
static long long
contra_of(json_t *root, const char *id)
{
	const char	*lists[2] = { "best", "others" };
	size_t		 k, i;

	for (k = 0; k < 2; k++) {
		json_t	*l = json_object_get(root, lists[k]);

		for (i = 0; i < json_array_size(l); i++)
			if (strcmp(json_string_value(json_object_get(
			    json_array_get(l, i), "id")), id) == 0)
				return json_integer_value(json_object_get(
				    json_array_get(l, i), "contradictions"));
	}
	fail_msg("%s not in the report", id);
	return -1;
}

/* An instance that reports nothing is one observation, not every
   route lost: instance 1 silent is vpn-instance-down:1, and the
   baseline contradicts it once. */
static void
silent_instance(void **state)
{
	json_t	*root;
	char	*vpn;
	int	 rc;

	(void)state;
	vpn = vpn_variant("\"localAddress\":\"10.1.255.5\"", NULL);
	root = diagnose(NULL, vpn, &rc);
	assert_string_equal(best_id(root), "vpn-instance-down:1");
	assert_int_equal(contra_of(root, "vpn-instance-down:1"), 0);
	assert_int_equal(contra_of(root, "baseline"), 1);
	assert_int_equal(rc, 1);
	json_decref(root);
	unlink(vpn);
	free(vpn);
}

/* The ExpressRoute gateway reporting nothing at all. */
static void
silent_er_gateway(void **state)
{
	json_t	*root;
	char	*vpn, *er = xasprintf("%s/er.json", scratch);
	FILE	*fp = fopen(er, "w");
	int	 rc;

	(void)state;
	fputs("{\"value\": []}\n", fp);
	fclose(fp);
	vpn = vpn_variant(NULL, NULL);
	root = diagnose(er, vpn, &rc);
	assert_string_equal(best_id(root), "er-gateway-down");
	assert_int_equal(contra_of(root, "er-gateway-down"), 0);
	assert_int_equal(contra_of(root, "baseline"), 1);
	json_decref(root);
	unlink(er);
	unlink(vpn);
	free(er);
	free(vpn);
}

/* Order, duplicates and weights carry no meaning: the ranking and the
   findings of a shuffled, duplicated, reweighted capture are the
   baseline's. */
static void
order_weights_duplicates(void **state)
{
	json_t	*a, *b, *root, *v, *w;
	char	*vpn, *s1, *s2;
	size_t	 i, n;
	int	 rc;

	(void)state;
	vpn = vpn_variant(NULL, NULL);
	a = diagnose(NULL, vpn, &rc);
	assert_int_equal(rc, 0);
	root = json_load_file(vpn, 0, NULL);
	v = json_object_get(root, "value");
	w = json_array();
	n = json_array_size(v);
	for (i = n; i > 0; i--) {
		json_t	*e = json_deep_copy(json_array_get(v, i - 1));

		json_object_set_new(e, "weight", json_integer(32769 + i));
		json_array_append(w, e);
		json_array_append_new(w, e);
	}
	json_object_set_new(root, "value", w);
	assert_int_equal(json_dump_file(root, vpn, JSON_INDENT(2)), 0);
	json_decref(root);
	b = diagnose(NULL, vpn, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    json_object_get(b, "captures"), 1), "duplicates")), n);
	s1 = json_dumps(json_object_get(a, "best"), JSON_SORT_KEYS);
	s2 = json_dumps(json_object_get(b, "best"), JSON_SORT_KEYS);
	assert_string_equal(s1, s2);
	free(s1);
	free(s2);
	s1 = json_dumps(json_object_get(a, "others"), JSON_SORT_KEYS);
	s2 = json_dumps(json_object_get(b, "others"), JSON_SORT_KEYS);
	assert_string_equal(s1, s2);
	free(s1);
	free(s2);
	json_decref(a);
	json_decref(b);
	unlink(vpn);
	free(vpn);
}

/* One unexplained observation: the rule, and the JSON path and line
   of what it points at. */
static void
finding(const char *drop, const char *add, const char *rule,
    const char *path)
{
	json_t	*root, *f;
	char	*vpn;
	int	 rc;

	vpn = vpn_variant(drop, add);
	root = diagnose(NULL, vpn, &rc);
	f = json_object_get(root, "findings");
	if (json_array_size(f) != 1)
		fail_msg("%s: %zu findings", rule, json_array_size(f));
	f = json_array_get(f, 0);
	assert_string_equal(json_string_value(json_object_get(f, "rule")),
	    rule);
	assert_string_equal(json_string_value(json_object_get(f, "path")),
	    path);
	assert_true(json_integer_value(json_object_get(f, "line")) > 1);
	assert_int_equal(rc, 1);
	json_decref(root);
	unlink(vpn);
	free(vpn);
}

#define ROUTE(net, path, local, peer, origin) \
	"{\"asPath\": \"" path "\", \"localAddress\": \"" local "\", " \
	"\"network\": \"" net "\", \"nextHop\": \"" peer "\", " \
	"\"origin\": \"" origin "\", \"sourcePeer\": \"" peer "\", " \
	"\"weight\": 32768}"

static void
unexplained(void **state)
{
	(void)state;
	/* Appended last: entry 12 of the baseline's 12. */
	finding(NULL, ROUTE("10.99.0.0/16", "65099", "10.1.255.4",
	    "10.100.255.9", "EBgp"), "HD901", "$.value[12].sourcePeer");
	finding(NULL, ROUTE("10.100.7.0/24", "65010-65010-65010",
	    "10.1.255.4", "10.100.255.1", "EBgp"), "HD902",
	    "$.value[12].network");
	/* Instance 0's copy without the prepends. */
	finding("\"asPath\":\"65010-65010-65010\",\"localAddress\":"
	    "\"10.1.255.4\",\"network\":\"10.100.0.0/16\",\"nextHop\":"
	    "\"10.100.255.1\"", ROUTE("10.100.0.0/16", "65010", "10.1.255.4",
	    "10.100.255.1", "EBgp"), "HD903", "$.value[11].asPath");
	finding(NULL, ROUTE("192.0.2.0/24", "65010-65010-65010",
	    "10.1.255.4", "10.100.255.1", "EBgp"), "HD904",
	    "$.value[12].network");
	finding(NULL, ROUTE("10.250.0.0/16", "", "10.1.255.4", "10.1.255.4",
	    "Network"), "HD905", "$.value[12].network");
	finding(NULL, ROUTE("10.1.0.0/16", "", "10.1.255.9", "10.1.255.9",
	    "Network"), "HD906", "$.value[12].localAddress");
}

/*
 * The report links into the runbook through view_refs.h, which answers
 * from the simulation and the procedures without the runbook's view:
 * for every shipped design and scenario, its matrix title and its test
 * (number, procedure id, title) must be what the runbook's view says,
 * so that a link cannot point at a heading the runbook does not have.
 */
static void
refs_match_runbook(void **state)
{
	const char *const files[] = { "designs/contoso-eastus.yaml",
		"designs/fabrikam-max-resiliency.yaml",
		"designs/northwind-branches.yaml" };
	struct analysis	 a;
	struct diags	 d;
	struct view_opts o;
	struct value	*v, *l, *e;
	struct view_test_ref t;
	struct buf	 title = BUF_INIT;
	size_t		 f, i, k, j, ntests = 0, nmatrix = 0;
	const char	*id;

	(void)state;
	memset(&o, 0, sizeof(o));
	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		diags_init(&d);
		if (!analysis_run(&a, files[f], 0, &d))
			fail_msg("%s does not load", files[f]);
		diags_release(&d);
		v = view_runbook(&a, &o);
		for (i = 0; i < a.sim->nscenarios; i++) {
			const struct value *want = NULL, *tw = NULL;

			id = a.sim->scenarios[i].id;
			l = value_map_get(v, "scenarios");
			for (k = 0; k < l->n; k++) {
				e = l->items[k];
				if (strcmp(value_map_cstr(e, "id"), id) == 0 &&
				    value_truthy(value_map_get(e, "differs")))
					want = e;
			}
			buf_truncate(&title, 0);
			assert_int_equal(view_matrix_title(&a, id, &title),
			    want != NULL);
			if (want != NULL) {
				assert_string_equal(buf_cstr(&title),
				    value_map_cstr(want, "title"));
				nmatrix++;
			}
			l = value_map_get(v, "tests");
			for (k = 0; k < l->n && tw == NULL; k++) {
				const struct value *sl = value_map_get(
				    l->items[k], "scenarios");

				for (j = 0; j < sl->n; j++)
					if (strcmp(sl->items[j]->str, id) == 0)
						tw = l->items[k];
			}
			assert_int_equal(view_test_of(&a, id, &t), tw != NULL);
			if (tw == NULL)
				continue;
			assert_int_equal(t.number, (size_t)value_map_get(tw,
			    "number")->num);
			assert_string_equal(t.id, value_map_cstr(tw, "id"));
			assert_string_equal(t.title,
			    value_map_cstr(tw, "title"));
			view_test_ref_release(&t);
			ntests++;
		}
		value_free(v);
		analysis_release(&a);
	}
	/* Each design has scenarios with a section and with a test. */
	assert_true(nmatrix >= 3);
	assert_true(ntests >= 3);
	buf_release(&title);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_design_every_single_failure),
		cmocka_unit_test(silent_instance),
		cmocka_unit_test(silent_er_gateway),
		cmocka_unit_test(order_weights_duplicates),
		cmocka_unit_test(unexplained),
		cmocka_unit_test(refs_match_runbook),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * Unit tests for the importer: the YAML scalars import writes read back
 * through the loader as the same strings (plain when that is safe,
 * quoted otherwise); the ARM reader accepts each shape of input (one
 * resource, an array, {"value"}, {"data"}, a REST example, a template)
 * and places what it reads; references between resources become names;
 * a shared key is only "set"; and what cannot be placed is a note with
 * the file and JSON path.
 */
#include "testutil.h"

#include "hybridoc/buf.h"
#include "hybridoc/deployed.h"
#include "hybridoc/diag.h"
#include "hybridoc/import.h"
#include "hybridoc/jsonin.h"
#include "hybridoc/load.h"
#include "hybridoc/value.h"

/* s written as a YAML value reads back as the string s. */
static void
round_trip(const char *s, int want_plain)
{
	struct buf	 b = BUF_INIT;
	struct diags	 d;
	struct value	*root = NULL;
	const struct value *v;

	buf_puts(&b, "k: ");
	import_yaml_scalar(&b, s, 0);
	buf_puts(&b, "\nl: [");
	import_yaml_scalar(&b, s, 1);
	buf_puts(&b, ", x]\n");
	diags_init(&d);
	if (!load_yaml("t.yaml", b.ptr, b.len, &root, &d)) {
		diags_print(&d, stderr, 0);
		fail_msg("does not load: %s", b.ptr);
	}
	v = value_map_get(root, "k");
	assert_non_null(v);
	if (v->kind != VALUE_STR || strcmp(v->str, s) != 0)
		fail_msg("'%s' reads back as '%s' (%s)", s, v->str ? v->str : "",
		    b.ptr);
	v = value_map_get(root, "l");
	assert_int_equal(v->n, 2);
	if (v->items[0]->kind != VALUE_STR || strcmp(v->items[0]->str, s))
		fail_msg("'%s' in a flow list reads back as '%s' (%s)", s,
		    v->items[0]->str ? v->items[0]->str : "", b.ptr);
	if (want_plain >= 0 && (b.ptr[3] != '"') != want_plain)
		fail_msg("'%s' written as %s", s, b.ptr);
	value_free(root);
	diags_release(&d);
	buf_release(&b);
}

static void
scalars(void **state)
{
	static const char *const plain[] = { "vnet-hub-eus", "10.1.0.0/16",
		"20.62.10.4", "2001:db8::/32", "Washington DC",
		"https://kv.vault.azure.net/secrets/s2s", "ErGw1AZ",
		"netops@contoso.example", "a,b", "Équinix Zürich", NULL };
	static const char *const quoted[] = { "", "yes", "no", "true",
		"False", "null", "~", "1", "1e3", "0x1F", "0o17", ".5", "-1",
		"+1", ".inf", "a: b", "a #b", "#x", "- a", "-", "?x", ":x",
		"[x]", "{x}", "*x", "&x", "!x", "|x", ">x", "'x", "\"x",
		"%x", "@x", "`x", " lead", "trail ", "tab\there", "multi\nline",
		"bell\a", NULL };
	size_t	 i;

	(void)state;
	for (i = 0; plain[i] != NULL; i++)
		round_trip(plain[i], 1);
	for (i = 0; quoted[i] != NULL; i++)
		round_trip(quoted[i], 0);
	round_trip("a, b", -1);
	round_trip("x]", -1);
	round_trip("back\\slash", -1);
}

/* Reads text as ARM JSON into dp; returns the number of notes. */
static size_t
read_arm(struct deployed *dp, const char *text, struct diags *d)
{
	json_t	*j;

	diags_init(d);
	deployed_init(dp);
	j = jsonin_parse("in.json", text, strlen(text), d);
	assert_non_null(j);
	assert_true(deployed_from_arm_json(dp, "in.json", j, d));
	json_decref(j);
	deployed_finish(dp, d);
	assert_int_equal(diags_errors(d), 0);
	return d->n;
}

#define LNG(name) "{\"type\": \"Microsoft.Network/localNetworkGateways\", " \
	"\"name\": \"" name "\", \"id\": \"/subscriptions/s/resourceGroups/r/" \
	"providers/Microsoft.Network/localNetworkGateways/" name "\", " \
	"\"properties\": {\"gatewayIpAddress\": \"198.51.100.1\", " \
	"\"localNetworkAddressSpace\": {\"addressPrefixes\": [\"10.9.0.0/16\"]}}}"

static void
shapes(void **state)
{
	static const char *const texts[] = {
		LNG("a"),
		"[" LNG("a") "]",
		"{\"value\": [" LNG("a") "], \"nextLink\": null}",
		"{\"count\": 1, \"data\": [" LNG("a") "]}",
		"{\"parameters\": {}, \"responses\": {\"200\": {\"body\": "
		    LNG("a") "}}}",
		"{\"$schema\": \"https://schema.management.azure.com/schemas/"
		    "2019-04-01/deploymentTemplate.json#\", \"resources\": ["
		    LNG("a") "]}",
		NULL
	};
	struct deployed	 dp;
	struct diags	 d;
	size_t		 i;

	(void)state;
	for (i = 0; texts[i] != NULL; i++) {
		read_arm(&dp, texts[i], &d);
		if (dp.nlngs != 1)
			fail_msg("shape %zu: %zu LNGs", i, dp.nlngs);
		assert_string_equal(dp.lngs[0].name, "a");
		assert_string_equal(dp.lngs[0].gateway_ip, "198.51.100.1");
		assert_int_equal(dp.lngs[0].nprefixes, 1);
		deployed_release(&dp);
		diags_release(&d);
	}
}

static void
references_and_key(void **state)
{
	static const char text[] = "[{\"type\": \"Microsoft.Network/"
	    "connections\", \"name\": \"cn\", \"properties\": {"
	    "\"connectionType\": \"IPsec\", \"virtualNetworkGateway1\": "
	    "{\"id\": \"/subscriptions/s/resourceGroups/r/providers/"
	    "Microsoft.Network/virtualNetworkGateways/gw\"}, "
	    "\"localNetworkGateway2\": {\"id\": \"/x/localNetworkGateways/"
	    "lng1\"}, \"sharedKey\": \"TOP-SECRET\", \"routingWeight\": 7, "
	    "\"connectionProtocol\": \"IKEv1\"}},"
	    "{\"type\": \"Microsoft.Network/connections\", \"name\": \"cn2\", "
	    "\"properties\": {\"sharedKey\": \"\"}},"
	    "{\"type\": \"Microsoft.Network/connections\", \"name\": \"cn3\", "
	    "\"properties\": {}}]";
	struct deployed	 dp;
	struct diags	 d;

	(void)state;
	read_arm(&dp, text, &d);
	assert_int_equal(dp.nconns, 3);
	assert_string_equal(dp.conns[0].gateway, "gw");
	assert_string_equal(dp.conns[0].lng, "lng1");
	assert_int_equal(dp.conns[0].routing_weight, 7);
	assert_int_equal(dp.conns[0].ike_version, 1);
	assert_int_equal(dp.conns[0].shared_key, 1);
	assert_int_equal(dp.conns[1].shared_key, 0);
	assert_int_equal(dp.conns[2].shared_key, -1);
	assert_int_equal(dp.conns[2].routing_weight, -1);
	deployed_release(&dp);
	diags_release(&d);
}

static void
notes_name_path(void **state)
{
	static const char text[] = "{\"value\": [" LNG("a") ", {\"type\": "
	    "\"Microsoft.Compute/virtualMachines\", \"name\": \"vm\"}, "
	    "{\"type\": \"Microsoft.Network/localNetworkGateways\", \"name\": "
	    "\"b\", \"properties\": {\"bgpSettings\": {\"asn\": \"many\"}}}]}";
	struct deployed	 dp;
	struct diags	 d;
	size_t		 i;
	int		 vm = 0, asn = 0;

	(void)state;
	read_arm(&dp, text, &d);
	for (i = 0; i < d.n; i++) {
		assert_int_equal(d.v[i].level, DIAG_NOTE);
		assert_string_equal(d.v[i].file, "in.json");
		if (strstr(d.v[i].msg, "$.value[1]: resource type "
		    "Microsoft.Compute/virtualMachines is not part"))
			vm = 1;
		if (strstr(d.v[i].msg, "$.value[2]: properties.bgpSettings.asn:"
		    " expected a whole number"))
			asn = 1;
	}
	assert_true(vm);
	assert_true(asn);
	assert_int_equal(dp.nlngs, 2);
	assert_int_equal(dp.lngs[1].asn, -1);
	deployed_release(&dp);
	diags_release(&d);
}

static void
duplicates_merged(void **state)
{
	struct deployed	 dp;
	struct diags	 d;

	(void)state;
	read_arm(&dp, "[" LNG("a") ", " LNG("A") "]", &d);
	assert_int_equal(dp.nlngs, 1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "already read"));
	deployed_release(&dp);
	diags_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scalars),
		cmocka_unit_test(shapes),
		cmocka_unit_test(references_and_key),
		cmocka_unit_test(notes_name_path),
		cmocka_unit_test(duplicates_merged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

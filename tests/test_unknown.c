/*
 * Unit tests for values not known yet (docs/format.md): the binder's
 * plain-word marker and which fields take it (schema_unknowable), the
 * design's list of unknowns with their paths, marks and placeholders,
 * the typed fields they leave (zero numbers and addresses, placeholder
 * text), the placeholder formatters, and shell_guard_unknown(), which
 * turns every command that holds a placeholder into comment lines.
 */
#include "testutil.h"

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/schema.h"
#include "hybridoc/shell.h"
#include "hybridoc/value.h"

static const char base[] =
    "hybridoc: 1\n"
    "name: t\n"
    "azure:\n"
    "  resource_group: rg\n"
    "  region: eastus\n"
    "  vnet:\n"
    "    name: vnet\n"
    "    address_space: [10.1.0.0/16]\n"
    "    subnets: [{name: GatewaySubnet, prefix: 10.1.255.0/27}]\n"
    "  expressroute_gateway: {name: ergw, sku: ErGw1AZ}\n"
    "circuits:\n"
    "  - name: er1\n"
    "    provider: %s\n"
    "    peering_location: Amsterdam\n"
    "    bandwidth_mbps: %s\n"
    "    private_peering:\n"
    "      peer_asn: 65010\n"
    "      primary_subnet: %s\n"
    "      secondary_subnet: 192.168.0.4/30\n"
    "      vlan_id: %s\n"
    "sites:\n"
    "  - name: S1\n"
    "    location: %s\n"
    "    address_prefixes: [10.100.0.0/16]\n"
    "    expressroute: {circuit: er1}\n";

static struct design *
load(const char *prov, const char *bw, const char *pri, const char *vlan,
    const char *loc, struct diags *d)
{
	char	 text[2048];

	snprintf(text, sizeof(text), base, prov, bw, pri, vlan, loc);
	diags_init(d);
	return design_load_mem("t.yaml", text, strlen(text), d);
}

static void
test_marker(void **state)
{
	struct value	 v;

	(void)state;
	memset(&v, 0, sizeof(v));
	v.kind = VALUE_STR;
	v.str = (char *)"unknown";
	v.len = 7;
	assert_true(value_is_unknown(&v));
	v.quoted = 1;
	assert_false(value_is_unknown(&v));
	v.quoted = 0;
	v.str = (char *)"Unknown";
	assert_false(value_is_unknown(&v));
	assert_false(value_is_unknown(NULL));
}

static void
test_unknowable(void **state)
{
	(void)state;
	assert_true(schema_unknowable("private_peering", "vlan_id"));
	assert_true(schema_unknowable("circuit", "bandwidth_mbps"));
	assert_true(schema_unknowable("vpn", "public_ip"));
	assert_true(schema_unknowable("bgp", "asn"));
	assert_false(schema_unknowable("circuit", "name"));
	assert_false(schema_unknowable("vpn_gateway", "asn"));
	assert_false(schema_unknowable("vpn_gateway", "sku"));
	assert_false(schema_unknowable("vnet", "address_space"));
}

static void
test_design_unknowns(void **state)
{
	struct diags	 d;
	struct design	*dsn;
	const struct unknown *u;
	char		 t[PREFIX_STRLEN];

	(void)state;
	dsn = load("unknown", "unknown", "unknown", "unknown", "unknown", &d);
	if (dsn == NULL)
		diags_print(&d, stderr, 0);
	assert_non_null(dsn);
	assert_int_equal(dsn->nunknowns, 5);
	/* In document order, with the value's own line and column. */
	assert_string_equal(dsn->unknowns[0].path, "circuits.er1.provider");
	assert_int_equal(dsn->unknowns[0].mark.line, 13);
	assert_int_equal(dsn->unknowns[0].mark.col, 15);
	assert_string_equal(dsn->unknowns[1].path,
	    "circuits.er1.bandwidth_mbps");
	assert_string_equal(dsn->unknowns[2].path,
	    "circuits.er1.private_peering.primary_subnet");
	assert_string_equal(dsn->unknowns[3].path,
	    "circuits.er1.private_peering.vlan_id");
	assert_string_equal(dsn->unknowns[4].path, "sites.S1.location");
	/* Text holds the placeholder; numbers and addresses stay zero. */
	assert_string_equal(dsn->circuits[0].provider,
	    "<unknown: circuits.er1.provider>");
	assert_string_equal(dsn->sites[0].location,
	    "<unknown: sites.S1.location>");
	assert_int_equal(dsn->circuits[0].bandwidth_mbps, 0);
	assert_int_equal(dsn->circuits[0].peering.vlan_id, 0);
	assert_int_equal(dsn->circuits[0].peering.primary_subnet.family, 0);
	u = design_unknown_at(dsn, dsn->circuits[0].peering.node, "vlan_id");
	assert_non_null(u);
	assert_string_equal(u->placeholder,
	    "<unknown: circuits.er1.private_peering.vlan_id>");
	assert_string_equal(design_num(dsn, dsn->circuits[0].peering.node,
	    "vlan_id", 0, t), "<unknown: circuits.er1.private_peering.vlan_id>");
	assert_string_equal(design_num(dsn, dsn->circuits[0].peering.node,
	    "peer_asn", 65010, t), "65010");
	assert_string_equal(design_addr(dsn, dsn->circuits[0].peering.node,
	    "secondary_subnet", &dsn->circuits[0].peering.secondary_subnet, 1,
	    t), "192.168.0.4/30");
	assert_null(design_unknown(dsn, dsn->circuits[0].node, "name"));
	assert_null(design_unknown(dsn, NULL, "name"));
	design_free(dsn);
	diags_release(&d);

	/* Quoted, the word is text: a provider called "unknown". */
	dsn = load("\"unknown\"", "1000", "192.168.0.0/30", "100", "x", &d);
	assert_non_null(dsn);
	assert_int_equal(dsn->nunknowns, 0);
	assert_string_equal(dsn->circuits[0].provider, "unknown");
	design_free(dsn);
	diags_release(&d);
}

static void
test_not_unknowable(void **state)
{
	struct diags	 d;
	struct design	*dsn;
	char		 text[2048];
	const char	*p;
	struct buf	 b = BUF_INIT;

	(void)state;
	/* The circuit's name may not be unknown: an input error there. */
	snprintf(text, sizeof(text), base, "X", "1000", "192.168.0.0/30",
	    "\"unknown\"", "x");
	diags_init(&d);
	dsn = design_load_mem("t.yaml", text, strlen(text), &d);
	assert_null(dsn);
	assert_true(diags_errors(&d) > 0);
	diags_release(&d);
	p = strstr(base, "  - name: er1");
	assert_non_null(p);
	buf_put(&b, base, (size_t)(p - base));
	buf_puts(&b, "  - name: unknown");
	buf_puts(&b, p + strlen("  - name: er1"));
	snprintf(text, sizeof(text), buf_cstr(&b), "X", "1000",
	    "192.168.0.0/30", "100", "x");
	buf_release(&b);
	diags_init(&d);
	dsn = design_load_mem("t.yaml", text, strlen(text), &d);
	assert_null(dsn);
	assert_int_equal(d.n > 0, 1);
	assert_non_null(strstr(d.v[0].msg, "may not be unknown"));
	assert_int_equal(d.v[0].mark.line, 12);
	diags_release(&d);
}

static void
guard(const char *in, const char *want, size_t n)
{
	struct buf	 b = BUF_INIT;

	buf_puts(&b, in);
	assert_int_equal(shell_guard_unknown(&b), n);
	assert_string_equal(buf_cstr(&b), want);
	buf_release(&b);
}

static void
test_guard(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	guard("", "", 0);
	guard("az a -n x\naz b\n", "az a -n x\naz b\n", 0);
	/* The whole command, its continuation lines too. */
	guard("az a \\\n    --vlan-id <unknown: c.v> \\\n    -o table\naz b\n",
	    "# az a \\\n#     --vlan-id <unknown: c.v> \\\n#     -o table\naz b\n",
	    1);
	/* PowerShell's backtick continues too; no final newline kept. */
	guard("New-X `\n  -Peer <unknown: p>\nGet-Y",
	    "# New-X `\n#   -Peer <unknown: p>\nGet-Y", 1);
	guard("a <unknown: x>\nb <unknown: y>\n",
	    "# a <unknown: x>\n# b <unknown: y>\n", 2);
	/* A placeholder is written as it is, any other word quoted. */
	shell_word(&b, SHELL_SH, "<unknown: circuits.a.vlan_id>");
	assert_string_equal(buf_cstr(&b), "<unknown: circuits.a.vlan_id>");
	buf_truncate(&b, 0);
	shell_word(&b, SHELL_SH, "<unknown: x> y");
	assert_string_equal(buf_cstr(&b), "'<unknown: x> y'");
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marker),
		cmocka_unit_test(test_unknowable),
		cmocka_unit_test(test_design_unknowns),
		cmocka_unit_test(test_not_unknowable),
		cmocka_unit_test(test_guard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

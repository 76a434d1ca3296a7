/*
 * Unit tests for the schema binder (gen/2-model/schema.c) and the typed model's
 * cross-object checks (gen/2-model/design.c), through design_load_mem() on small
 * designs: each test is the base design below with one change.  They
 * cover the defaults, the one-or-many forms of expressroute and vpn,
 * every kind of input error with its message and position (did-you-mean
 * for keys, enum values and references; the corrected prefix for host
 * bits), that one run reports all errors sorted by line, and the shipped
 * designs.  Paths are relative to the repository root, where `make test`
 * runs.
 */
#include "testutil.h"

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/prefix.h"
#include "hybridoc/schema.h"
#include "hybridoc/xalloc.h"

/* Line numbers below refer to this text. */
static const char base[] =
    "hybridoc: 1\n"						/*  1 */
    "name: unit\n"						/*  2 */
    "azure:\n"							/*  3 */
    "  resource_group: rg-hub\n"				/*  4 */
    "  region: eastus\n"					/*  5 */
    "  vnet:\n"							/*  6 */
    "    name: vnet-hub\n"					/*  7 */
    "    address_space: [10.1.0.0/16]\n"			/*  8 */
    "    subnets:\n"						/*  9 */
    "      - {name: GatewaySubnet, prefix: 10.1.255.0/27}\n"	/* 10 */
    "  expressroute_gateway: {name: ergw, sku: ErGw1AZ}\n"	/* 11 */
    "  vpn_gateway:\n"						/* 12 */
    "    name: vpngw\n"					/* 13 */
    "    sku: VpnGw2AZ\n"					/* 14 */
    "    instances:\n"					/* 15 */
    "      - {public_ip: 20.62.10.4}\n"			/* 16 */
    "circuits:\n"						/* 17 */
    "  - name: er-equinix-dc\n"				/* 18 */
    "    provider: Equinix\n"					/* 19 */
    "    peering_location: Washington DC\n"			/* 20 */
    "    bandwidth_mbps: 1000\n"				/* 21 */
    "    private_peering:\n"					/* 22 */
    "      peer_asn: 65010\n"					/* 23 */
    "      primary_subnet: 192.168.100.128/30\n"		/* 24 */
    "      secondary_subnet: 192.168.100.132/30\n"		/* 25 */
    "      vlan_id: 100\n"					/* 26 */
    "sites:\n"							/* 27 */
    "  - name: HQ\n"						/* 28 */
    "    address_prefixes: [10.100.0.0/16, 10.110.0.0/16]\n"	/* 29 */
    "    expressroute: {circuit: er-equinix-dc}\n"		/* 30 */
    "    vpn:\n"						/* 31 */
    "      public_ip: 131.107.72.22\n"			/* 32 */
    "      bgp: {asn: 65010, peer_ip: 10.100.255.1}\n"	/* 33 */
    "  - name: Branch1\n"					/* 34 */
    "    address_prefixes: [10.101.0.0/24]\n"		/* 35 */
    "    vpn: {public_ip: 131.107.72.23, static: true}\n"	/* 36 */
    "traffic:\n"						/* 37 */
    "  - {site: HQ, peak_mbps: 100}\n";			/* 38 */

/* text with the first old replaced by new (caller frees). */
static char *
subst(const char *text, const char *old, const char *new)
{
	const char	*at = strstr(text, old);
	struct buf	 b = BUF_INIT;

	if (at == NULL)
		fail_msg("test bug: \"%s\" is not in the text", old);
	buf_put(&b, text, (size_t)(at - text));
	buf_puts(&b, new);
	buf_puts(&b, at + strlen(old));
	return buf_detach(&b, NULL);
}

static char *
with(const char *old, const char *new)
{
	return subst(base, old, new);
}

/* Loads text that must be well-formed. */
static struct design *
load_ok(const char *text)
{
	struct diags	 d;
	struct design	*dsn;

	diags_init(&d);
	dsn = design_load_mem("t.yaml", text, strlen(text), &d);
	if (dsn == NULL) {
		diags_print(&d, stderr, 0);
		fail_msg("the design does not load");
	}
	assert_int_equal(diags_errors(&d), 0);
	diags_release(&d);
	return dsn;
}

/* Loads text that must fail; d holds the messages (caller releases). */
static void
load_bad(const char *text, struct diags *d)
{
	struct design	*dsn;

	diags_init(d);
	dsn = design_load_mem("t.yaml", text, strlen(text), d);
	if (dsn != NULL) {
		design_free(dsn);
		fail_msg("the design loads but should not");
	}
	assert_true(diags_errors(d) > 0);
}

/* text must fail with exactly one error, at line:col, containing want. */
static void
expect_error(const char *text, unsigned line, unsigned col,
    const char *want)
{
	struct diags	 d;

	load_bad(text, &d);
	if (d.n != 1) {
		diags_print(&d, stderr, 0);
		fail_msg("%zu messages, want 1", d.n);
	}
	assert_string_equal(d.v[0].file, "t.yaml");
	if (strstr(d.v[0].msg, want) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", d.v[0].msg, want);
	if (d.v[0].mark.line != line || d.v[0].mark.col != col)
		fail_msg("\"%s\" at %u:%u, want %u:%u", d.v[0].msg,
		    d.v[0].mark.line, d.v[0].mark.col, line, col);
	diags_release(&d);
}

/* The same for the base with one substitution. */
static void
expect_with(const char *old, const char *new, unsigned line, unsigned col,
    const char *want)
{
	char	*text = with(old, new);

	expect_error(text, line, col, want);
	free(text);
}

static const char *
P(const struct prefix *p, char *out)
{
	return prefix_format(p, out, 1);
}

/* ---- a well-formed design ---- */

static void
base_loads(void **state)
{
	struct design	*dsn = load_ok(base);

	(void)state;
	assert_string_equal(dsn->name, "unit");
	assert_string_equal(dsn->file, "t.yaml");
	assert_int_equal(dsn->version, 1);
	assert_int_equal(dsn->nsites, 2);
	assert_int_equal(dsn->ncircuits, 1);
	assert_true(design_coexist(dsn));
	assert_string_equal(dsn->er_gateway.sku_name, "ErGw1AZ");
	assert_string_equal(dsn->vpn_gateway.sku_name, "VpnGw2AZ");
	assert_int_equal(dsn->vpn_gateway.sku, VPN_SKU_VPNGW2AZ);
	assert_int_equal(dsn->circuits[0].peering.vlan_id, 100);
	assert_int_equal(dsn->circuits[0].peering.peer_asn, 65010);
	design_free(dsn);
}

static void
references_resolved(void **state)
{
	struct design	*dsn = load_ok(base);

	(void)state;
	assert_ptr_equal(dsn->sites[0].er[0].circuit, &dsn->circuits[0]);
	assert_ptr_equal(dsn->traffic[0].site, &dsn->sites[0]);
	assert_null(dsn->traffic[0].to);
	assert_ptr_equal(design_site(dsn, "Branch1"), &dsn->sites[1]);
	assert_null(design_site(dsn, "branch1"));
	assert_ptr_equal(design_circuit(dsn, "er-equinix-dc"),
	    &dsn->circuits[0]);
	assert_string_equal(design_gateway_subnet(dsn)->name, "GatewaySubnet");
	design_free(dsn);
}

/* design_mark: a key's value position, else the node's, else 0:0. */
static void
marks_of_keys(void **state)
{
	struct design	*dsn = load_ok(base);
	struct mark	 m;

	(void)state;
	m = design_mark(dsn->circuits[0].node, "bandwidth_mbps");
	assert_int_equal(m.line, 21);
	assert_int_equal(m.col, 21);
	m = design_mark(dsn->circuits[0].node, "no_such_key");
	assert_int_equal(m.line, 18);
	assert_int_equal(m.col, 5);
	m = design_mark(dsn->sites[1].devices[0].node, NULL);
	assert_int_equal(m.line, 36);
	assert_int_equal(m.col, 10);
	m = design_mark(NULL, "name");
	assert_int_equal(m.line, 0);
	design_free(dsn);
}

static void
hash_follows_bytes(void **state)
{
	char		*other = with("name: unit", "name: unit2");
	struct design	*a = load_ok(base), *b = load_ok(base);
	struct design	*c = load_ok(other);

	(void)state;
	assert_int_equal(strlen(a->hash), 16);
	assert_string_equal(a->hash, b->hash);
	assert_string_not_equal(a->hash, c->hash);
	design_free(a);
	design_free(b);
	design_free(c);
	free(other);
}

/* ---- defaults ---- */

static void
defaults_vpn_gateway(void **state)
{
	struct design	*dsn = load_ok(base);

	(void)state;
	assert_int_equal(dsn->vpn_gateway.generation, 1);
	assert_int_equal(dsn->vpn_gateway.asn, 65515);
	assert_int_equal(dsn->vpn_gateway.vpn_type, VPN_ROUTE_BASED);
	assert_false(dsn->vpn_gateway.active_active);
	assert_true(dsn->vpn_gateway.bgp);
	assert_false(dsn->vpn_gateway.instances[0].has_bgp_ip);
	assert_int_equal(design_tunnels_per_device(dsn), 1);
	design_free(dsn);
}

static void
defaults_er_gateway(void **state)
{
	struct design	*dsn = load_ok(base);

	(void)state;
	assert_int_equal(dsn->er_gateway.scale_units, 1);
	assert_false(dsn->er_gateway.fastpath);
	design_free(dsn);
}

static void
defaults_circuit(void **state)
{
	struct design	*dsn = load_ok(base);

	(void)state;
	assert_int_equal(dsn->circuits[0].sku, CIRCUIT_STANDARD);
	assert_int_equal(dsn->circuits[0].routing_weight, 0);
	assert_false(dsn->circuits[0].fastpath);
	assert_false(dsn->circuits[0].peering.bfd);
	design_free(dsn);
}

static void
defaults_design(void **state)
{
	struct design	*dsn = load_ok(base);

	(void)state;
	assert_int_equal(dsn->failover.depth, 1);
	assert_int_equal(dsn->failover.ntests, 0);
	assert_null(dsn->failover.node);
	assert_false(dsn->route_server.enabled);
	assert_false(dsn->route_server.branch_to_branch);
	assert_int_equal(dsn->nsuppress, 0);
	assert_int_equal(dsn->napprovers, 0);
	design_free(dsn);
}

/* A device inside the sites list with no ike: still gets its defaults. */
static void
defaults_ike_absent(void **state)
{
	struct design	*dsn = load_ok(base);
	const struct vpn_device *hq = &dsn->sites[0].devices[0];
	const struct vpn_device *br = &dsn->sites[1].devices[0];

	(void)state;
	assert_int_equal(hq->ike.version, 2);
	assert_int_equal(hq->ike.dpd_timeout_s, 45);
	assert_false(hq->ike.has_sa_lifetime_s);
	assert_int_equal(br->ike.version, 2);
	assert_int_equal(br->ike.dpd_timeout_s, 45);
	design_free(dsn);
}

static void
defaults_ike_partial(void **state)
{
	char		*text = with("      public_ip: 131.107.72.22\n",
	    "      public_ip: 131.107.72.22\n      ike: {version: 1}\n");
	struct design	*dsn = load_ok(text);

	(void)state;
	assert_int_equal(dsn->sites[0].devices[0].ike.version, 1);
	assert_int_equal(dsn->sites[0].devices[0].ike.dpd_timeout_s, 45);
	design_free(dsn);
	free(text);
}

static void
defaults_device(void **state)
{
	struct design	*dsn = load_ok(base);
	const struct vpn_device *hq = &dsn->sites[0].devices[0];

	(void)state;
	assert_string_equal(hq->name, "vpn1");
	assert_true(hq->has_bgp);
	assert_false(hq->is_static);
	assert_int_equal(hq->as_path_prepend, 0);
	assert_false(hq->has_local_preference);
	assert_null(hq->vendor);
	assert_null(hq->shared_key_ref);
	design_free(dsn);
}

static void
defaults_device_names(void **state)
{
	char		*text = with(
	    "    vpn: {public_ip: 131.107.72.23, static: true}\n",
	    "    vpn:\n"
	    "      - {public_ip: 131.107.72.23, bgp: {asn: 65020, "
	    "peer_ip: 10.101.0.1}}\n"
	    "      - {public_ip: 131.107.72.24, bgp: {asn: 65020, "
	    "peer_ip: 10.101.0.2}}\n"
	    "      - {name: edge, public_ip: 131.107.72.25, bgp: {asn: 65020, "
	    "peer_ip: 10.101.0.3}}\n"
	    "      - {public_ip: 131.107.72.26, bgp: {asn: 65020, "
	    "peer_ip: 10.101.0.4}}\n");
	struct design	*dsn = load_ok(text);
	const struct site *s = &dsn->sites[1];

	(void)state;
	assert_int_equal(s->ndevices, 4);
	assert_string_equal(s->devices[0].name, "vpn1");
	assert_string_equal(s->devices[1].name, "vpn2");
	assert_string_equal(s->devices[2].name, "edge");
	assert_string_equal(s->devices[3].name, "vpn4");
	design_free(dsn);
	free(text);
}

static void
defaults_advertise_expressroute(void **state)
{
	struct design	*dsn = load_ok(base);
	const struct site_er *er = &dsn->sites[0].er[0];
	char		 t[PREFIX_STRLEN];

	(void)state;
	assert_int_equal(er->nadvertise, 2);
	assert_string_equal(P(&er->advertise[0], t), "10.100.0.0/16");
	assert_string_equal(P(&er->advertise[1], t), "10.110.0.0/16");
	assert_int_equal(er->as_path_prepend, 0);
	assert_false(er->has_local_preference);
	design_free(dsn);
}

static void
defaults_advertise_bgp(void **state)
{
	struct design	*dsn = load_ok(base);
	const struct vpn_device *hq = &dsn->sites[0].devices[0];
	char		 t[PREFIX_STRLEN];

	(void)state;
	assert_int_equal(hq->nadvertise, 2);
	assert_string_equal(P(&hq->advertise[1], t), "10.110.0.0/16");
	/* A static device advertises nothing: Azure routes to its prefixes. */
	assert_int_equal(dsn->sites[1].devices[0].nadvertise, 0);
	design_free(dsn);
}

static void
advertise_given_is_kept(void **state)
{
	char		*text = with("expressroute: {circuit: er-equinix-dc}",
	    "expressroute: {circuit: er-equinix-dc, advertise: "
	    "[10.100.0.0/17]}");
	struct design	*dsn = load_ok(text);
	const struct site_er *er = &dsn->sites[0].er[0];
	char		 t[PREFIX_STRLEN];

	(void)state;
	assert_int_equal(er->nadvertise, 1);
	assert_string_equal(P(&er->advertise[0], t), "10.100.0.0/17");
	design_free(dsn);
	free(text);
}

/* An empty advertise list is kept empty, not defaulted. */
static void
advertise_empty_is_kept(void **state)
{
	char		*text = with("expressroute: {circuit: er-equinix-dc}",
	    "expressroute: {circuit: er-equinix-dc, advertise: []}");
	struct design	*dsn = load_ok(text);

	(void)state;
	assert_int_equal(dsn->sites[0].er[0].nadvertise, 0);
	design_free(dsn);
	free(text);
}

static void
given_values_override_defaults(void **state)
{
	char		*a = with("    sku: VpnGw2AZ\n", "    sku: VpnGw2AZ\n"
	    "    generation: 2\n    asn: 65515\n    active_active: true\n"
	    "    vpn_type: PolicyBased\n    bgp: false\n");
	char		*b = subst(a, "      - {public_ip: 20.62.10.4}\n",
	    "      - {public_ip: 20.62.10.4, bgp_ip: 10.1.255.4}\n"
	    "      - {public_ip: 20.62.10.5, bgp_ip: 10.1.255.5}\n");
	struct design	*dsn = load_ok(b);

	(void)state;
	assert_int_equal(dsn->vpn_gateway.generation, 2);
	assert_true(dsn->vpn_gateway.active_active);
	assert_int_equal(dsn->vpn_gateway.vpn_type, VPN_POLICY_BASED);
	assert_false(dsn->vpn_gateway.bgp);
	assert_int_equal(dsn->vpn_gateway.ninstances, 2);
	assert_true(dsn->vpn_gateway.instances[1].has_bgp_ip);
	assert_int_equal(design_tunnels_per_device(dsn), 2);
	design_free(dsn);
	free(a);
	free(b);
}

/* ---- one or many ---- */

static void
expressroute_one_mapping(void **state)
{
	struct design	*dsn = load_ok(base);

	(void)state;
	assert_int_equal(dsn->sites[0].ner, 1);
	assert_string_equal(dsn->sites[0].er[0].circuit_name, "er-equinix-dc");
	assert_int_equal(dsn->sites[1].ner, 0);
	design_free(dsn);
}

static void
expressroute_list(void **state)
{
	char		*a = with("    private_peering:\n",
	    "    private_peering: &pp\n");
	char		*b = subst(a, "sites:\n",
	    "  - name: er-second\n"
	    "    provider: Megaport\n"
	    "    peering_location: Chicago\n"
	    "    bandwidth_mbps: 500\n"
	    "    private_peering: *pp\n"
	    "sites:\n");
	char		*c = subst(b, "expressroute: {circuit: er-equinix-dc}",
	    "expressroute:\n"
	    "      - {circuit: er-equinix-dc, local_preference: 200}\n"
	    "      - {circuit: er-second, local_preference: 150}");
	struct design	*dsn = load_ok(c);
	const struct site *s = &dsn->sites[0];

	(void)state;
	assert_int_equal(s->ner, 2);
	assert_ptr_equal(s->er[0].circuit, &dsn->circuits[0]);
	assert_ptr_equal(s->er[1].circuit, &dsn->circuits[1]);
	assert_true(s->er[1].has_local_preference);
	assert_int_equal(s->er[1].local_preference, 150);
	/* The alias gave the second circuit a copy of the first's peering. */
	assert_int_equal(dsn->circuits[1].peering.vlan_id, 100);
	design_free(dsn);
	free(a);
	free(b);
	free(c);
}

static void
vpn_one_mapping(void **state)
{
	struct design	*dsn = load_ok(base);

	(void)state;
	assert_int_equal(dsn->sites[1].ndevices, 1);
	assert_true(dsn->sites[1].devices[0].is_static);
	design_free(dsn);
}

static void
vpn_list(void **state)
{
	char		*text = with(
	    "    vpn: {public_ip: 131.107.72.23, static: true}\n",
	    "    vpn:\n"
	    "      - {name: fw-a, public_ip: 131.107.72.23, bgp: {asn: 65020, "
	    "peer_ip: 10.101.0.1}}\n"
	    "      - {name: fw-b, public_ip: 131.107.72.24, bgp: {asn: 65020, "
	    "peer_ip: 10.101.0.2}}\n");
	struct design	*dsn = load_ok(text);
	char		 t[PREFIX_STRLEN];

	(void)state;
	assert_int_equal(dsn->sites[1].ndevices, 2);
	assert_string_equal(dsn->sites[1].devices[1].name, "fw-b");
	assert_string_equal(P(&dsn->sites[1].devices[1].bgp_peer_ip, t),
	    "10.101.0.2/32");
	design_free(dsn);
	free(text);
}

static void
one_or_many_wrong_type(void **state)
{
	(void)state;
	expect_with("expressroute: {circuit: er-equinix-dc}",
	    "expressroute: er-equinix-dc", 30, 19, "sites.HQ.expressroute: "
	    "expected a list or a mapping, got a string");
}

/* ---- did you mean ---- */

static void
suggest_key_top(void **state)
{
	(void)state;
	expect_with("name: unit\n", "name: unit\ntitel: x\n", 3, 1,
	    "design: unknown key 'titel'; did you mean 'title'?");
}

static void
suggest_key_case(void **state)
{
	(void)state;
	expect_with("name: unit\n", "name: unit\nTitle: x\n", 3, 1,
	    "unknown key 'Title'; did you mean 'title'?");
}

static void
suggest_key_nested(void **state)
{
	(void)state;
	expect_with("  - name: Branch1\n", "  - name: Branch1\n"
	    "    locaton: Bellevue\n", 35, 5,
	    "sites.Branch1: unknown key 'locaton'; did you mean 'location'?");
}

static void
suggest_key_snake_case(void **state)
{
	(void)state;
	expect_with("    bandwidth_mbps: 1000\n", "    bandwidthMbps: 1000\n"
	    "    bandwidth_mbps: 1000\n", 21, 5, "circuits.er-equinix-dc: unknown key "
	    "'bandwidthMbps'; did you mean 'bandwidth_mbps'?");
}

static void
unknown_key_lists_keys(void **state)
{
	(void)state;
	expect_with("      vlan_id: 100\n", "      vlan_id: 100\n"
	    "      colour: blue\n", 27, 7, "circuits.er-equinix-dc.private_peering: "
	    "unknown key 'colour'; expected one of peer_asn, primary_subnet, "
	    "secondary_subnet, vlan_id, bfd");
}

static void
suggest_enum_case(void **state)
{
	(void)state;
	expect_with("sku: VpnGw2AZ", "sku: vpngw2az", 14, 10,
	    "azure.vpn_gateway.sku: 'vpngw2az' is not allowed; expected one "
	    "of Basic, VpnGw1, VpnGw2, VpnGw3, VpnGw4, VpnGw5, VpnGw1AZ, "
	    "VpnGw2AZ, VpnGw3AZ, VpnGw4AZ, VpnGw5AZ, Standard, "
	    "HighPerformance (did you mean 'VpnGw2AZ'?)");
}

static void
suggest_enum_typo(void **state)
{
	(void)state;
	expect_with("    bandwidth_mbps: 1000\n", "    bandwidth_mbps: 1000\n"
	    "    sku: Premum\n", 22, 10, "circuits.er-equinix-dc.sku: 'Premum' is not "
	    "allowed; expected one of Local, Standard, Premium (did you mean "
	    "'Premium'?)");
}

static void
enum_without_suggestion(void **state)
{
	struct diags	 d;
	char		*text = with("    sku: VpnGw2AZ\n",
	    "    sku: VpnGw2AZ\n    vpn_type: Dynamic\n");

	(void)state;
	load_bad(text, &d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].msg, "azure.vpn_gateway.vpn_type: "
	    "'Dynamic' is not allowed; expected one of RouteBased, "
	    "PolicyBased");
	diags_release(&d);
	free(text);
}

static void
suggest_circuit(void **state)
{
	(void)state;
	expect_with("circuit: er-equinix-dc}", "circuit: er-equinx-dc}", 30,
	    29, "sites.HQ.expressroute: no circuit named 'er-equinx-dc'; did "
	    "you mean 'er-equinix-dc'?");
}

static void
circuit_without_suggestion(void **state)
{
	struct diags	 d;
	char		*text = with("circuit: er-equinix-dc}", "circuit: "
	    "primary}");

	(void)state;
	load_bad(text, &d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].msg, "sites.HQ.expressroute: no circuit "
	    "named 'primary'");
	diags_release(&d);
	free(text);
}

static void
circuit_in_design_without_circuits(void **state)
{
	char	*a = with("circuits:\n", "unused:\n");
	char	*b = subst(a, "unused:\n  - name: er-equinix-dc\n"
	    "    provider: Equinix\n"
	    "    peering_location: Washington DC\n"
	    "    bandwidth_mbps: 1000\n"
	    "    private_peering:\n"
	    "      peer_asn: 65010\n"
	    "      primary_subnet: 192.168.100.128/30\n"
	    "      secondary_subnet: 192.168.100.132/30\n"
	    "      vlan_id: 100\n", "");

	(void)state;
	expect_error(b, 20, 29, "no circuit named 'er-equinix-dc'; the "
	    "design has no circuits");
	free(a);
	free(b);
}

static void
suggest_traffic_site(void **state)
{
	(void)state;
	expect_with("{site: HQ,", "{site: hq,", 38, 12,
	    "traffic[0]: no site named 'hq'; did you mean 'HQ'?");
}

static void
suggest_traffic_to(void **state)
{
	(void)state;
	expect_with("{site: HQ,", "{site: HQ, to: Brnach1,", 38, 20,
	    "traffic[0].to: no site named 'Brnach1'; did you mean "
	    "'Branch1'?");
}

static void
schema_suggest_rules(void **state)
{
	static const char *const c[] = { "title", "name", "owner", "sites" };

	(void)state;
	assert_string_equal(schema_suggest("TITLE", c, 4), "title");
	assert_string_equal(schema_suggest("titel", c, 4), "title");
	assert_string_equal(schema_suggest("site", c, 4), "sites");
	assert_string_equal(schema_suggest("nme", c, 4), "name");
	/* Short words get one edit at most. */
	assert_null(schema_suggest("nm", c, 4));
	assert_null(schema_suggest("colour", c, 4));
	assert_null(schema_suggest("x", c, 0));
}

/* ---- prefixes and addresses ---- */

static void
host_bits_corrected(void **state)
{
	(void)state;
	expect_with("[10.100.0.0/16,", "[10.100.1.0/16,", 29, 24,
	    "sites.HQ.address_prefixes[0]: 10.100.1.0/16 has host bits set; "
	    "did you mean 10.100.0.0/16?");
}

static void
host_bits_corrected_link(void **state)
{
	(void)state;
	expect_with("192.168.100.132/30", "192.168.100.134/30", 25, 25,
	    "192.168.100.134/30 has host bits set; did you mean "
	    "192.168.100.132/30?");
}

static void
host_bits_corrected_ipv6(void **state)
{
	(void)state;
	expect_with("[10.101.0.0/24]", "[\"2001:db8:0:1::1/64\"]", 35, 24,
	    "2001:db8:0:1::1/64 has host bits set; did you mean "
	    "2001:db8:0:1::/64?");
}

static void
prefix_syntax(void **state)
{
	(void)state;
	expect_with("[10.1.0.0/16]", "[10.256.0.0/16]", 8, 21,
	    "azure.vnet.address_space[0]: '10.256.0.0/16' is not an IP "
	    "prefix such as 10.1.0.0/16");
}

static void
prefix_without_length(void **state)
{
	(void)state;
	expect_with("[10.101.0.0/24]", "[10.101.0.0]", 35, 24,
	    "'10.101.0.0' is not an IP prefix such as 10.1.0.0/16 (missing "
	    "\"/length\")");
}

static void
address_with_length(void **state)
{
	(void)state;
	expect_with("{public_ip: 131.107.72.23,", "{public_ip: "
	    "131.107.72.23/32,", 36, 22, "sites.Branch1.vpn.vpn1.public_ip: "
	    "'131.107.72.23/32' is not an IP address such as 131.107.72.22");
}

static void
prefix_given_as_number(void **state)
{
	(void)state;
	expect_with("[10.101.0.0/24]", "[10]", 35, 24, "expected an IP prefix "
	    "such as 10.1.0.0/16, got a number '10'");
}

/* ---- types and ranges ---- */

static void
int_wrong_type(void **state)
{
	(void)state;
	expect_with("bandwidth_mbps: 1000", "bandwidth_mbps: fast", 21, 21,
	    "circuits.er-equinix-dc.bandwidth_mbps: expected an integer, got a string "
	    "'fast'");
}

static void
int_given_float(void **state)
{
	(void)state;
	expect_with("bandwidth_mbps: 1000", "bandwidth_mbps: 1000.5", 21, 21,
	    "expected an integer, got a number '1000.5'");
}

static void
int_given_nan(void **state)
{
	(void)state;
	expect_with("vlan_id: 100", "vlan_id: nan", 26, 16,
	    "circuits.er-equinix-dc.private_peering.vlan_id: expected an integer, got a "
	    "string 'nan'");
}

static void
int_given_hex(void **state)
{
	char		*text = with("vlan_id: 100", "vlan_id: 0x64");
	struct design	*dsn = load_ok(text);

	(void)state;
	assert_int_equal(dsn->circuits[0].peering.vlan_id, 100);
	design_free(dsn);
	free(text);
}

static void
int_out_of_range(void **state)
{
	(void)state;
	expect_with("vlan_id: 100", "vlan_id: 4095", 26, 16,
	    "circuits.er-equinix-dc.private_peering.vlan_id: 4095 is out of range; "
	    "expected an integer from 1 to 4094");
}

static void
int_huge(void **state)
{
	(void)state;
	expect_with("peer_asn: 65010", "peer_asn: 99999999999999999999999",
	    23, 17, "99999999999999999999999 is out of range; expected an "
	    "integer from 1 to 4294967295");
}

static void
int_negative(void **state)
{
	(void)state;
	expect_with("    bandwidth_mbps: 1000\n", "    bandwidth_mbps: 1000\n"
	    "    routing_weight: -1\n", 22, 21, "circuits.er-equinix-dc.routing_weight: "
	    "-1 is out of range; expected an integer from 0 to 32000");
}

static void
version_unsupported(void **state)
{
	(void)state;
	expect_with("hybridoc: 1", "hybridoc: 2", 1, 11,
	    "hybridoc: 2 is not supported; expected 1");
}

static void
version_quoted(void **state)
{
	(void)state;
	expect_with("hybridoc: 1", "hybridoc: \"1\"", 1, 11,
	    "hybridoc: expected an integer, got a string '1'");
}

static void
bool_wrong_type(void **state)
{
	(void)state;
	expect_with("      vlan_id: 100\n", "      vlan_id: 100\n"
	    "      bfd: yes\n", 27, 12, "circuits.er-equinix-dc.private_peering.bfd: "
	    "expected true or false, got a string 'yes'");
}

static void
list_wrong_type(void **state)
{
	(void)state;
	expect_with("address_space: [10.1.0.0/16]",
	    "address_space: 10.1.0.0/16", 8, 20,
	    "azure.vnet.address_space: expected a list, got a string");
}

static void
list_empty(void **state)
{
	(void)state;
	expect_with("address_space: [10.1.0.0/16]", "address_space: []", 8, 20,
	    "azure.vnet.address_space: expected at least one entry");
}

static void
list_too_long(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*text;
	int		 i;

	(void)state;
	buf_puts(&b, "name: unit\napprovers: [a");
	for (i = 1; i < 20001; i++)
		buf_puts(&b, ", a");
	buf_puts(&b, "]\n");
	text = with("name: unit\n", buf_cstr(&b));
	expect_error(text, 3, 12, "approvers: 20001 entries is more than the "
	    "limit of 20000");
	free(text);
	buf_release(&b);
}

static void
mapping_wrong_type(void **state)
{
	(void)state;
	expect_with("  expressroute_gateway: {name: ergw, sku: ErGw1AZ}",
	    "  expressroute_gateway: ergw", 11, 25,
	    "azure.expressroute_gateway: expected a mapping "
	    "(expressroute_gateway), got a string");
}

static void
scalar_given_mapping(void **state)
{
	(void)state;
	expect_with("region: eastus", "region: {name: eastus}", 5, 11,
	    "azure.region: expected a name (letters, digits, '_', '.', '-'), "
	    "got a mapping");
}

static void
scalar_given_null(void **state)
{
	(void)state;
	expect_with("region: eastus", "region:", 5, 10,
	    "azure.region: expected a name (letters, digits, '_', '.', '-'), "
	    "got nothing (null)");
}

static void
name_bad_characters(void **state)
{
	(void)state;
	expect_with("  - name: Branch1", "  - name: Branch 1", 34, 11,
	    "sites[1].name: 'Branch 1' is not a name (letters, digits, '_', "
	    "'.', '-') of at most 80 characters");
}

static void
slug_bad(void **state)
{
	(void)state;
	expect_with("name: unit", "name: Unit_1", 2, 7,
	    "name: 'Unit_1' is not a slug (lower-case letters, digits and "
	    "'-') of at most 80 characters");
}

static void
name_given_number(void **state)
{
	char		*text = with("  - name: Branch1", "  - name: 42");
	struct design	*dsn = load_ok(text);

	(void)state;
	assert_string_equal(dsn->sites[1].name, "42");
	design_free(dsn);
	free(text);
}

static void
string_given_number_or_null(void **state)
{
	char		*text = with("name: unit\n", "name: unit\ntitle: 2024\n"
	    "owner:\n");
	struct design	*dsn = load_ok(text);

	(void)state;
	assert_string_equal(dsn->title, "2024");
	assert_string_equal(dsn->owner, "");
	assert_null(dsn->description);
	design_free(dsn);
	free(text);
}

/* ---- required keys and document shape ---- */

static void
missing_required_top(void **state)
{
	(void)state;
	expect_with("name: unit\n", "", 1, 1,
	    "design: missing required key 'name' (a slug");
}

static void
missing_required_nested(void **state)
{
	(void)state;
	expect_with("      peer_asn: 65010\n", "", 23, 7,
	    "circuits.er-equinix-dc.private_peering: missing required key 'peer_asn' "
	    "(an integer)");
}

static void
missing_required_in_list_item(void **state)
{
	(void)state;
	expect_with("{public_ip: 131.107.72.23, static: true}",
	    "{static: true}", 36, 10, "sites.Branch1.vpn.vpn1: missing required key "
	    "'public_ip' (an IP address such as 131.107.72.22)");
}

static void
root_not_mapping(void **state)
{
	(void)state;
	expect_error("- hybridoc: 1\n", 1, 1,
	    "design: expected a mapping (design), got a list");
}

static void
root_empty(void **state)
{
	(void)state;
	expect_error("", 1, 1, "the file is empty; expected a design mapping "
	    "starting with 'hybridoc: 1'");
}

static void
yaml_error_stops_binding(void **state)
{
	(void)state;
	expect_with("name: unit\n", "name: unit\ntitle: [x\n", 4, 6,
	    "YAML: did not find expected ',' or ']'");
}

/* ---- cross-object checks ---- */

static void
duplicate_site(void **state)
{
	(void)state;
	expect_with("  - name: Branch1", "  - name: HQ", 34, 11,
	    "duplicate site name 'HQ' (also at line 28); names must be "
	    "unique");
}

static void
duplicate_subnet(void **state)
{
	(void)state;
	expect_with("    subnets:\n", "    subnets:\n"
	    "      - {name: GatewaySubnet, prefix: 10.1.254.0/27}\n", 11, 16,
	    "duplicate subnet name 'GatewaySubnet' (also at line 10)");
}

static void
duplicate_device(void **state)
{
	(void)state;
	expect_with("    vpn: {public_ip: 131.107.72.23, static: true}\n",
	    "    vpn:\n"
	    "      - {name: vpn2, public_ip: 131.107.72.23, static: true}\n"
	    "      - {public_ip: 131.107.72.24, static: true}\n", 38, 9,
	    "sites.Branch1.vpn: duplicate device name 'vpn2'");
}

static void
circuit_attached_twice(void **state)
{
	(void)state;
	expect_with("expressroute: {circuit: er-equinix-dc}",
	    "expressroute: [{circuit: er-equinix-dc}, "
	    "{circuit: er-equinix-dc}]", 30, 56,
	    "sites.HQ.expressroute: circuit 'er-equinix-dc' is attached "
	    "twice");
}

static void
site_without_connection(void **state)
{
	(void)state;
	expect_with("    vpn: {public_ip: 131.107.72.23, static: true}\n", "",
	    34, 11, "sites.Branch1: the site has neither 'expressroute' nor "
	    "'vpn'");
}

static void
vpn_neither(void **state)
{
	(void)state;
	expect_with("{public_ip: 131.107.72.23, static: true}",
	    "{public_ip: 131.107.72.23}", 36, 10,
	    "sites.Branch1.vpn.vpn1: expected 'bgp: {asn, peer_ip}' or "
	    "'static: true'");
}

/* Exactly one message: not also "'advertise' needs BGP". */
static void
vpn_both(void **state)
{
	(void)state;
	expect_with("static: true}", "static: true, bgp: {asn: 65020, "
	    "peer_ip: 10.101.0.1}}", 36, 45, "sites.Branch1.vpn.vpn1: both "
	    "'bgp' and 'static: true' are given; choose one");
}

static void
static_with_advertise(void **state)
{
	(void)state;
	expect_with("static: true}", "static: true, advertise: "
	    "[10.101.0.0/24]}", 36, 62, "'advertise' needs BGP");
}

/* Exactly one message for a list item that is not a mapping. */
static void
vpn_item_not_mapping(void **state)
{
	(void)state;
	expect_with("    vpn: {public_ip: 131.107.72.23, static: true}\n",
	    "    vpn: [fw]\n", 36, 11, "sites.Branch1.vpn.vpn1: expected a mapping "
	    "(vpn), got a string");
}

static void
too_many_instances(void **state)
{
	(void)state;
	expect_with("      - {public_ip: 20.62.10.4}\n",
	    "      - {public_ip: 20.62.10.4}\n      - {public_ip: 20.62.10.5}\n"
	    "      - {public_ip: 20.62.10.6}\n", 16, 7,
	    "azure.vpn_gateway.instances: 3 instances given");
}

static void
er_without_gateway(void **state)
{
	(void)state;
	expect_with("  expressroute_gateway: {name: ergw, sku: ErGw1AZ}\n", "",
	    29, 19, "sites.HQ: the site uses ExpressRoute but azure has no "
	    "'expressroute_gateway'");
}

static void
suppress_unknown_rule(void **state)
{
	char	*text = with("traffic:\n", "suppress:\n"
	    "  - {rule: HD999, object: sites.HQ, reason: test}\ntraffic:\n");

	(void)state;
	expect_error(text, 38, 12, "suppress[0].rule: 'HD999' is not a rule "
	    "id of the catalog");
	free(text);
}

static void
suppress_known_rule(void **state)
{
	char		*text = with("traffic:\n", "suppress:\n"
	    "  - {rule: HD207, object: azure.vpn_gateway, reason: test}\n"
	    "traffic:\n");
	struct design	*dsn = load_ok(text);

	(void)state;
	assert_int_equal(dsn->nsuppress, 1);
	assert_string_equal(dsn->suppress[0].rule, "HD207");
	assert_string_equal(dsn->suppress[0].reason, "test");
	design_free(dsn);
	free(text);
}

/* An invalid circuit name and a reference to it: errors, no crash. */
static void
invalid_circuit_name_referenced(void **state)
{
	struct diags	 d;
	char		*text = with("  - name: er-equinix-dc", "  - name: "
	    "\"er equinix\"");

	(void)state;
	load_bad(text, &d);
	assert_int_equal(d.n, 2);
	assert_non_null(strstr(d.v[0].msg, "'er equinix' is not a name"));
	assert_non_null(strstr(d.v[1].msg, "no circuit named "
	    "'er-equinix-dc'"));
	diags_release(&d);
	free(text);
}

/* Likewise for an invalid site name that traffic refers to. */
static void
invalid_site_name_referenced(void **state)
{
	struct diags	 d;
	char		*text = with("  - name: HQ\n", "  - name: \"H Q\"\n");

	(void)state;
	load_bad(text, &d);
	assert_int_equal(d.n, 2);
	assert_non_null(strstr(d.v[1].msg, "traffic[0]: no site named 'HQ'"));
	diags_release(&d);
	free(text);
}

/* ---- one run reports all, in line order ---- */

static void
all_errors_one_run(void **state)
{
	struct diags	 d;
	char		*a = with("  - name: Branch1", "  - name: HQ");
	char		*b = subst(a, "vlan_id: 100", "vlan_id: 5000");
	char		*c = subst(b, "circuit: er-equinix-dc}",
	    "circuit: er-equinx-dc}");
	char		*e = subst(c, "[10.1.0.0/16]", "[10.1.0.1/16]");
	char		*f = subst(e, "name: unit\n", "name: unit\ntitel: x\n");
	size_t		 i;

	(void)state;
	load_bad(f, &d);
	assert_int_equal(diags_errors(&d), 5);
	assert_int_equal(d.n, 5);
	assert_int_equal(d.v[0].mark.line, 3);		/* unknown key */
	assert_int_equal(d.v[1].mark.line, 9);		/* host bits */
	assert_int_equal(d.v[2].mark.line, 27);	/* vlan range */
	assert_int_equal(d.v[3].mark.line, 31);	/* circuit ref */
	assert_int_equal(d.v[4].mark.line, 35);	/* duplicate site */
	for (i = 1; i < d.n; i++)
		assert_true(d.v[i - 1].mark.line <= d.v[i].mark.line);
	diags_release(&d);
	free(a);
	free(b);
	free(c);
	free(e);
	free(f);
}

/* Binder errors and cross-checks interleave by line, not by stage. */
static void
errors_sorted_across_stages(void **state)
{
	struct diags	 d;
	char		*a = with("{site: HQ,", "{site: Nowhere,");
	char		*b = subst(a, "name: unit\n",
	    "name: unit\ncolour: x\n");
	char		*c = subst(b, "  - name: Branch1", "  - name: HQ");

	(void)state;
	load_bad(c, &d);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.v[0].mark.line, 3);
	assert_int_equal(d.v[1].mark.line, 35);
	assert_int_equal(d.v[2].mark.line, 39);
	diags_release(&d);
	free(a);
	free(b);
	free(c);
}

/*
 * A diags already full (its limit reached) drops new messages; the
 * design must still be refused, not returned half-bound.
 */
static void
errors_when_diags_full(void **state)
{
	struct diags	 d;
	struct design	*dsn;
	struct mark	 none = { 0, 0 };
	char		*text = with("address_space: [10.1.0.0/16]",
	    "address_space: 10.1.0.0/16");

	(void)state;
	diags_init(&d);
	d.limit = 1;
	diags_error(&d, "other.yaml", none, "an earlier error");
	dsn = design_load_mem("t.yaml", text, strlen(text), &d);
	assert_null(dsn);
	assert_int_equal(d.n, 1);
	assert_true(d.dropped > 0);
	diags_release(&d);
	free(text);
}

/* ---- the shipped designs ---- */

static void
seed_design_loads(void **state)
{
	struct diags	 d;
	struct design	*dsn;

	(void)state;
	diags_init(&d);
	dsn = design_load("designs/contoso-eastus.yaml", &d);
	if (dsn == NULL) {
		diags_print(&d, stderr, 0);
		fail_msg("designs/contoso-eastus.yaml does not load (run from "
		    "the repository root)");
	}
	assert_string_equal(dsn->name, "contoso-eastus");
	assert_string_equal(dsn->sites[0].devices[0].name, "hq-asr");
	assert_int_equal(dsn->sites[1].devices[0].ike.dpd_timeout_s, 45);
	design_free(dsn);
	diags_release(&d);
}

static struct design *
load_path(const char *path)
{
	struct diags	 d;
	struct design	*dsn;

	diags_init(&d);
	dsn = design_load(path, &d);
	if (dsn == NULL) {
		diags_print(&d, stderr, 0);
		fail_msg("%s does not load (run from the repository root)",
		    path);
	}
	diags_release(&d);
	return dsn;
}

static void
fabrikam_is_max_resiliency(void **state)
{
	struct design	*dsn;
	const struct vpn_gateway *gw;
	size_t		 i;

	(void)state;
	dsn = load_path("designs/fabrikam-max-resiliency.yaml");
	gw = &dsn->vpn_gateway;
	assert_int_equal(gw->sku, VPN_SKU_VPNGW3AZ);
	assert_int_equal(gw->generation, 2);
	assert_true(gw->active_active);
	assert_int_equal(gw->ninstances, 2);
	assert_int_equal(gw->asn, AZURE_VPN_ASN);
	assert_true(dsn->er_gateway.sku == ER_SKU_ERGW2AZ ||
	    dsn->er_gateway.sku == ER_SKU_ERGW3AZ);
	assert_int_equal(dsn->ncircuits, 2);
	assert_string_not_equal(dsn->circuits[0].peering_location,
	    dsn->circuits[1].peering_location);
	assert_string_not_equal(dsn->circuits[0].provider,
	    dsn->circuits[1].provider);
	assert_true(dsn->circuits[0].routing_weight !=
	    dsn->circuits[1].routing_weight);
	assert_int_equal(dsn->failover.depth, 2);
	for (i = 0; i < dsn->ncircuits; i++)
		assert_true(dsn->circuits[i].peering.bfd);
	for (i = 0; i < dsn->nsites; i++) {
		const struct site *s = &dsn->sites[i];

		assert_int_equal(s->ner, 2);
		assert_int_equal(s->ndevices, 2);
		assert_true(s->er[0].has_local_preference);
		assert_true(s->er[0].local_preference >= 150);
		assert_true(s->er[1].local_preference >= 150);
		assert_int_equal(s->devices[0].local_preference, 100);
		assert_int_equal(s->devices[1].local_preference, 100);
	}
	design_free(dsn);
}

static void
northwind_is_branch_heavy(void **state)
{
	struct design	*dsn = load_path("designs/northwind-branches.yaml");
	size_t		 i, j, vpn_only = 0, bgp = 0, stat = 0, tunnels = 0;
	char		 a[PREFIX_STRLEN], b[PREFIX_STRLEN];

	(void)state;
	assert_true(dsn->vpn_gateway.active_active);
	assert_int_equal(dsn->vpn_gateway.generation, 2);
	assert_true(dsn->vpn_gateway.sku >= VPN_SKU_VPNGW2AZ &&
	    dsn->vpn_gateway.sku <= VPN_SKU_VPNGW5AZ);
	for (i = 0; i < dsn->nsites; i++) {
		const struct site *s = &dsn->sites[i];

		tunnels += s->ndevices * design_tunnels_per_device(dsn);
		if (s->ner == 0)
			vpn_only++;
		for (j = 0; j < s->ndevices; j++) {
			if (s->ner == 0 && s->devices[j].has_bgp)
				bgp++;
			if (s->devices[j].is_static)
				stat++;
		}
	}
	assert_true(vpn_only >= 12);
	assert_true(bgp > 0 && stat > 0);
	assert_true(tunnels <= (size_t)vpn_sku_tunnels(dsn->vpn_gateway.sku));
	/* Device public IPs and BGP ASNs are unique across sites. */
	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < i; j++) {
			const struct vpn_device *x = &dsn->sites[i].devices[0];
			const struct vpn_device *y = &dsn->sites[j].devices[0];

			if (prefix_cmp(&x->public_ip, &y->public_ip) == 0)
				fail_msg("public IP %s used twice",
				    P(&x->public_ip, a));
			if (x->has_bgp && y->has_bgp)
				assert_true(x->bgp_asn != y->bgp_asn);
			if (prefix_overlap(&dsn->sites[i].address_prefixes[0],
			    &dsn->sites[j].address_prefixes[0]))
				fail_msg("%s overlaps %s", P(&dsn->sites[i].
				    address_prefixes[0], a), P(&dsn->sites[j].
				    address_prefixes[0], b));
		}
	design_free(dsn);
}

static void
missing_file(void **state)
{
	struct diags	 d;

	(void)state;
	diags_init(&d);
	assert_null(design_load("tests/no-such-design.yaml", &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].msg, "cannot open: No such file or "
	    "directory");
	diags_release(&d);
}

/* Every field of every object declares what a change to it means. */
static size_t
check_sems(const struct schema_obj *o, int depth)
{
	const struct schema_field *f;
	size_t		 n = 0;

	assert_true(depth < 10);
	for (f = o->fields; f->key; f++, n++) {
		if (schema_sem(o, f) == SEM_UNSET)
			fail_msg("%s.%s declares no meaning (schema.c, sems[])",
			    o->name, f->key);
		assert_string_not_equal(schema_sem_name(schema_sem(o, f)),
		    "unset");
		if (f->obj != NULL)
			n += check_sems(f->obj, depth + 1);
	}
	return n;
}

/* How far a change of that meaning reaches, for comparing meanings. */
static int
sem_rank(enum schema_sem s)
{
	static const enum schema_sem order[] = { SEM_DOC, SEM_DEMAND,
	    SEM_IDENTITY, SEM_SETTING, SEM_POLICY, SEM_CAPACITY, SEM_SKU,
	    SEM_ADDRESS, SEM_CONN };
	size_t	 i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (order[i] == s)
			return (int)i;
	return -1;
}

/*
 * A sub-object that can come or go as a whole (private_peering, bgp,
 * ike, device) means what its strongest field means: removing a
 * private peering is a connectivity change, never "other setting".
 * Returns how many sub-objects were checked.
 */
static size_t
check_object_sems(const struct schema_obj *o, int depth)
{
	const struct schema_field *f, *k;
	size_t		 n = 0;
	int		 top;

	assert_true(depth < 10);
	for (f = o->fields; f->key; f++) {
		if (f->obj == NULL)
			continue;
		n += check_object_sems(f->obj, depth + 1);
		if (f->type != ST_OBJ || schema_sem(o, f) == SEM_OBJECT)
			continue;
		top = -1;
		for (k = f->obj->fields; k->key; k++)
			if (sem_rank(schema_sem(f->obj, k)) > top)
				top = sem_rank(schema_sem(f->obj, k));
		if (sem_rank(schema_sem(o, f)) != top)
			fail_msg("%s.%s is %s as a whole, but its strongest "
			    "field means more or less", o->name, f->key,
			    schema_sem_name(schema_sem(o, f)));
		n++;
	}
	return n;
}

static const struct schema_field *
field_of(const struct schema_obj *o, const char *key)
{
	const struct schema_field *f;

	for (f = o->fields; f->key; f++)
		if (strcmp(f->key, key) == 0)
			return f;
	fail_msg("%s has no field %s", o->name, key);
	return NULL;
}

static void
sub_objects_mean_their_contents(void **state)
{
	const struct schema_obj *circuit, *site, *vpn;

	(void)state;
	/* private_peering, device, bgp, ike at least */
	assert_true(check_object_sems(&schema_design, 0) >= 4);
	circuit = field_of(&schema_design, "circuits")->obj;
	assert_int_equal(schema_sem(circuit, field_of(circuit,
	    "private_peering")), SEM_CONN);
	site = field_of(&schema_design, "sites")->obj;
	vpn = field_of(site, "vpn")->obj;
	assert_int_equal(schema_sem(vpn, field_of(vpn, "ike")), SEM_CONN);
	assert_int_equal(schema_sem(vpn, field_of(vpn, "device")), SEM_DOC);
}

static void
every_field_has_a_meaning(void **state)
{
	static const struct schema_field bogus = { "no_such_key", ST_STR,
	    ST_STR, 0, 0, 0, SCHEMA_NOOFF, SCHEMA_NOOFF, NULL, NULL, 0, 0,
	    NULL, NULL };

	(void)state;
	assert_true(check_sems(&schema_design, 0) > 80);
	/* the check can fail: a field nobody declared */
	assert_int_equal(schema_sem(&schema_design, &bogus), SEM_UNSET);
	assert_string_equal(schema_sem_name(SEM_POLICY), "policy");
}

/* The identity table names real objects, their key fields and each kind once. */
static void
idents_name_real_objects(void **state)
{
	const struct schema_obj *stack[64];
	const struct schema_field *f;
	const struct schema_ident *k;
	size_t		 n = 0, top = 0, i, found = 0;
	int		 kinds;

	(void)state;
	stack[top++] = &schema_design;
	while (top > 0 && n < 64) {
		const struct schema_obj *o = stack[--top];

		n++;
		if ((k = schema_ident(o)) != NULL) {
			found++;
			assert_string_equal(k->obj, o->name);
			assert_ptr_equal(schema_ident_kind(k->kind), k);
			for (i = 0; i < 2; i++) {
				const char *key = i ? k->key2 : k->key1;

				if (key == NULL)
					continue;
				for (f = o->fields; f->key; f++)
					if (strcmp(f->key, key) == 0)
						break;
				if (f->key == NULL)
					fail_msg("%s: no key field %s", o->name,
					    key);
			}
		}
		for (f = o->fields; f->key; f++)
			if (f->obj != NULL && top < 64)
				stack[top++] = f->obj;
	}
	assert_int_equal(found, SK_NKINDS);
	for (kinds = 0; kinds < SK_NKINDS; kinds++)
		assert_non_null(schema_ident_kind((enum schema_kind)kinds));
	assert_null(schema_ident_kind(SK_NKINDS));
	assert_string_equal(schema_ident_kind(SK_ER_GATEWAY)->words,
	    "ExpressRoute gateway");
}

/* format.md prints each field's class and each class's words. */
static void
markdown_prints_meanings(void **state)
{
	struct buf	 b = BUF_INIT;
	int		 sem;

	(void)state;
	schema_markdown(&b);
	for (sem = SEM_DOC; sem <= SEM_OBJECT; sem++) {
		char	 row[256];

		assert_string_not_equal(schema_sem_words((enum schema_sem)sem),
		    schema_sem_words(SEM_UNSET));
		snprintf(row, sizeof(row), "| %s | %s |\n",
		    schema_sem_name((enum schema_sem)sem),
		    schema_sem_words((enum schema_sem)sem));
		assert_non_null(strstr(buf_cstr(&b), row));
	}
	assert_non_null(strstr(buf_cstr(&b), "| `routing_weight` | integer, "
	    "0 to 32000 |  | `0` | policy | "));
	assert_non_null(strstr(buf_cstr(&b), "against the circuit, matched "
	    "between versions by `name`."));
	assert_non_null(strstr(buf_cstr(&b), "matched between versions by "
	    "`site` and `to`."));
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_field_has_a_meaning),
		cmocka_unit_test(idents_name_real_objects),
		cmocka_unit_test(markdown_prints_meanings),
		cmocka_unit_test(sub_objects_mean_their_contents),
		cmocka_unit_test(base_loads),
		cmocka_unit_test(references_resolved),
		cmocka_unit_test(marks_of_keys),
		cmocka_unit_test(hash_follows_bytes),
		cmocka_unit_test(defaults_vpn_gateway),
		cmocka_unit_test(defaults_er_gateway),
		cmocka_unit_test(defaults_circuit),
		cmocka_unit_test(defaults_design),
		cmocka_unit_test(defaults_ike_absent),
		cmocka_unit_test(defaults_ike_partial),
		cmocka_unit_test(defaults_device),
		cmocka_unit_test(defaults_device_names),
		cmocka_unit_test(defaults_advertise_expressroute),
		cmocka_unit_test(defaults_advertise_bgp),
		cmocka_unit_test(advertise_given_is_kept),
		cmocka_unit_test(advertise_empty_is_kept),
		cmocka_unit_test(given_values_override_defaults),
		cmocka_unit_test(expressroute_one_mapping),
		cmocka_unit_test(expressroute_list),
		cmocka_unit_test(vpn_one_mapping),
		cmocka_unit_test(vpn_list),
		cmocka_unit_test(one_or_many_wrong_type),
		cmocka_unit_test(suggest_key_top),
		cmocka_unit_test(suggest_key_case),
		cmocka_unit_test(suggest_key_nested),
		cmocka_unit_test(suggest_key_snake_case),
		cmocka_unit_test(unknown_key_lists_keys),
		cmocka_unit_test(suggest_enum_case),
		cmocka_unit_test(suggest_enum_typo),
		cmocka_unit_test(enum_without_suggestion),
		cmocka_unit_test(suggest_circuit),
		cmocka_unit_test(circuit_without_suggestion),
		cmocka_unit_test(circuit_in_design_without_circuits),
		cmocka_unit_test(suggest_traffic_site),
		cmocka_unit_test(suggest_traffic_to),
		cmocka_unit_test(schema_suggest_rules),
		cmocka_unit_test(host_bits_corrected),
		cmocka_unit_test(host_bits_corrected_link),
		cmocka_unit_test(host_bits_corrected_ipv6),
		cmocka_unit_test(prefix_syntax),
		cmocka_unit_test(prefix_without_length),
		cmocka_unit_test(address_with_length),
		cmocka_unit_test(prefix_given_as_number),
		cmocka_unit_test(int_wrong_type),
		cmocka_unit_test(int_given_float),
		cmocka_unit_test(int_given_nan),
		cmocka_unit_test(int_given_hex),
		cmocka_unit_test(int_out_of_range),
		cmocka_unit_test(int_huge),
		cmocka_unit_test(int_negative),
		cmocka_unit_test(version_unsupported),
		cmocka_unit_test(version_quoted),
		cmocka_unit_test(bool_wrong_type),
		cmocka_unit_test(list_wrong_type),
		cmocka_unit_test(list_empty),
		cmocka_unit_test(list_too_long),
		cmocka_unit_test(mapping_wrong_type),
		cmocka_unit_test(scalar_given_mapping),
		cmocka_unit_test(scalar_given_null),
		cmocka_unit_test(name_bad_characters),
		cmocka_unit_test(slug_bad),
		cmocka_unit_test(name_given_number),
		cmocka_unit_test(string_given_number_or_null),
		cmocka_unit_test(missing_required_top),
		cmocka_unit_test(missing_required_nested),
		cmocka_unit_test(missing_required_in_list_item),
		cmocka_unit_test(root_not_mapping),
		cmocka_unit_test(root_empty),
		cmocka_unit_test(yaml_error_stops_binding),
		cmocka_unit_test(duplicate_site),
		cmocka_unit_test(duplicate_subnet),
		cmocka_unit_test(duplicate_device),
		cmocka_unit_test(circuit_attached_twice),
		cmocka_unit_test(site_without_connection),
		cmocka_unit_test(vpn_neither),
		cmocka_unit_test(vpn_both),
		cmocka_unit_test(static_with_advertise),
		cmocka_unit_test(vpn_item_not_mapping),
		cmocka_unit_test(too_many_instances),
		cmocka_unit_test(er_without_gateway),
		cmocka_unit_test(suppress_unknown_rule),
		cmocka_unit_test(suppress_known_rule),
		cmocka_unit_test(invalid_circuit_name_referenced),
		cmocka_unit_test(invalid_site_name_referenced),
		cmocka_unit_test(all_errors_one_run),
		cmocka_unit_test(errors_sorted_across_stages),
		cmocka_unit_test(errors_when_diags_full),
		cmocka_unit_test(seed_design_loads),
		cmocka_unit_test(fabrikam_is_max_resiliency),
		cmocka_unit_test(northwind_is_branch_heavy),
		cmocka_unit_test(missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

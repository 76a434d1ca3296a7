/*
 * Unit tests for gen/6-change/diff.c, the semantic diff of two designs: objects
 * matched by name (or key, or position), field-level before and after
 * values, lists of prefixes as sets, defaults that make absent and
 * explicit values equal, optional sub-objects, and the order of the
 * changes.  Each test loads a small base design and a variant made
 * from it by replacing one piece of text.
 */
#include "testutil.h"

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diff.h"
#include "hybridoc/xalloc.h"

static const char base_yaml[] =
    "hybridoc: 1\n"
    "name: t\n"
    "title: Test hub\n"
    "azure:\n"
    "  resource_group: rg\n"
    "  region: eastus\n"
    "  vnet:\n"
    "    name: vnet\n"
    "    address_space: [10.1.0.0/16]\n"
    "    subnets:\n"
    "      - {name: GatewaySubnet, prefix: 10.1.255.0/27}\n"
    "      - {name: snet-app, prefix: 10.1.1.0/24}\n"
    "  expressroute_gateway: {name: ergw, sku: ErGw1AZ}\n"
    "  vpn_gateway:\n"
    "    name: vpngw\n"
    "    sku: VpnGw2AZ\n"
    "    generation: 2\n"
    "    active_active: true\n"
    "    instances:\n"
    "      - {public_ip: 20.0.0.4, bgp_ip: 10.1.255.4}\n"
    "      - {public_ip: 20.0.0.5, bgp_ip: 10.1.255.5}\n"
    "circuits:\n"
    "  - name: er1\n"
    "    provider: Equinix\n"
    "    peering_location: Washington DC\n"
    "    bandwidth_mbps: 1000\n"
    "    private_peering: {peer_asn: 65010, primary_subnet: "
    "192.168.0.0/30, secondary_subnet: 192.168.0.4/30, vlan_id: 100}\n"
    "sites:\n"
    "  - name: HQ\n"
    "    address_prefixes: [10.100.0.0/16, 10.99.0.0/16]\n"
    "    expressroute: {circuit: er1}\n"
    "    vpn: {name: asr, public_ip: 131.107.0.1, "
    "bgp: {asn: 65010, peer_ip: 10.100.255.1}}\n"
    "  - name: B2\n"
    "    address_prefixes: [10.101.0.0/16]\n"
    "    vpn: {public_ip: 131.107.0.2, static: true}\n"
    "traffic:\n"
    "  - {site: HQ, peak_mbps: 300}\n";

/* The base with the first occurrence of from replaced by to. */
static char *
variant(const char *from, const char *to)
{
	const char	*p = strstr(base_yaml, from);
	struct buf	 b = BUF_INIT;

	if (p == NULL)
		fail_msg("'%s' is not in the base design", from);
	buf_put(&b, base_yaml, (size_t)(p - base_yaml));
	buf_puts(&b, to);
	buf_puts(&b, p + strlen(from));
	return buf_detach(&b, NULL);
}

static struct design *
load(const char *name, const char *text)
{
	struct diags	 d;
	struct design	*dsn;

	diags_init(&d);
	dsn = design_load_mem(name, text, strlen(text), &d);
	if (dsn == NULL) {
		diags_print(&d, stderr, 0);
		fail_msg("%s does not load", name);
	}
	diags_release(&d);
	return dsn;
}

/* The diff from the base to the variant (from -> to). */
struct fx {
	struct design	*a, *b;
	struct diff	 df;
};

static void
run(struct fx *x, const char *from, const char *to)
{
	char	*text = variant(from, to);

	x->a = load("base.yaml", base_yaml);
	x->b = load("head.yaml", text);
	free(text);
	diff_designs(&x->df, x->a, x->b);
}

static void
done(struct fx *x)
{
	diff_release(&x->df);
	design_free(x->a);
	design_free(x->b);
}

static const struct diff_change *
need(const struct fx *x, const char *object, const char *field)
{
	const struct diff_change *c = diff_find(&x->df, object, field);

	if (c == NULL) {
		size_t	 i;

		for (i = 0; i < x->df.n; i++)
			fprintf(stderr, "  have %s %s %s\n",
			    diff_op_name(x->df.v[i].op), x->df.v[i].object,
			    x->df.v[i].field ? x->df.v[i].field : "-");
		fail_msg("no change of %s %s", object, field ? field : "-");
	}
	return c;
}

/* A change's field, whole or by prefix; a whole object's has none. */
static void
test_field_is_and_in(void **state)
{
	struct diff_change c;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.field = (char *)"ike.encryption";
	assert_true(diff_field_is(&c, "ike.encryption"));
	assert_false(diff_field_is(&c, "ike"));
	assert_false(diff_field_is(&c, "ike.encryption.x"));
	assert_true(diff_field_in(&c, "ike."));
	assert_true(diff_field_in(&c, ""));
	assert_false(diff_field_in(&c, "ipsec."));
	c.field = NULL;
	assert_false(diff_field_is(&c, ""));
	assert_false(diff_field_in(&c, ""));
}

static void
test_identical(void **state)
{
	struct fx	 x;

	(void)state;
	run(&x, "title: Test hub", "title: Test hub");
	assert_int_equal(x.df.n, 0);
	done(&x);
}

static void
test_formatting_does_not_count(void **state)
{
	struct fx	 x;

	(void)state;
	/* Flow to block style, a comment, quoting: the same design. */
	run(&x, "  expressroute_gateway: {name: ergw, sku: ErGw1AZ}\n",
	    "  # the ER gateway\n  expressroute_gateway:\n"
	    "    name: \"ergw\"\n    sku: ErGw1AZ\n");
	assert_int_equal(x.df.n, 0);
	done(&x);
}

static void
test_scalar_field(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	run(&x, "bandwidth_mbps: 1000", "bandwidth_mbps: 2000");
	assert_int_equal(x.df.n, 1);
	c = need(&x, "circuits.er1", "bandwidth_mbps");
	assert_int_equal(c->op, DIFF_CHANGED);
	assert_int_equal(c->kind, DIFF_CIRCUIT);
	assert_string_equal(c->before, "1000");
	assert_string_equal(c->after, "2000");
	assert_ptr_equal(c->old_obj, &x.a->circuits[0]);
	assert_ptr_equal(c->new_obj, &x.b->circuits[0]);
	/* The mark points at the key in the head. */
	assert_int_equal(c->mark.line, 26);
	done(&x);
}

static void
test_enum_field(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	run(&x, "sku: VpnGw2AZ", "sku: VpnGw3AZ");
	c = need(&x, "azure.vpn_gateway", "sku");
	assert_int_equal(c->kind, DIFF_VPN_GATEWAY);
	assert_string_equal(c->before, "VpnGw2AZ");
	assert_string_equal(c->after, "VpnGw3AZ");
	/* A top-level object's parent is the design. */
	assert_ptr_equal(c->old_parent, x.a);
	assert_ptr_equal(c->new_parent, x.b);
	done(&x);
}

static void
test_design_field(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	run(&x, "title: Test hub", "title: Test hub (new)");
	c = need(&x, "", "title");
	assert_int_equal(c->kind, DIFF_DESIGN);
	assert_ptr_equal(c->new_obj, x.b);
	done(&x);
}

static void
test_match_by_name_not_order(void **state)
{
	struct fx	 x;

	(void)state;
	/* B2 moved before HQ. */
	run(&x, "  - name: HQ\n"
	    "    address_prefixes: [10.100.0.0/16, 10.99.0.0/16]\n"
	    "    expressroute: {circuit: er1}\n"
	    "    vpn: {name: asr, public_ip: 131.107.0.1, "
	    "bgp: {asn: 65010, peer_ip: 10.100.255.1}}\n"
	    "  - name: B2\n"
	    "    address_prefixes: [10.101.0.0/16]\n"
	    "    vpn: {public_ip: 131.107.0.2, static: true}\n",
	    "  - name: B2\n"
	    "    address_prefixes: [10.101.0.0/16]\n"
	    "    vpn: {public_ip: 131.107.0.2, static: true}\n"
	    "  - name: HQ\n"
	    "    address_prefixes: [10.100.0.0/16, 10.99.0.0/16]\n"
	    "    expressroute: {circuit: er1}\n"
	    "    vpn: {name: asr, public_ip: 131.107.0.1, "
	    "bgp: {asn: 65010, peer_ip: 10.100.255.1}}\n");
	assert_int_equal(x.df.n, 0);
	done(&x);
}

static void
test_object_added(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	run(&x, "traffic:\n", "  - name: B3\n    address_prefixes: "
	    "[10.102.0.0/16]\n    vpn: {public_ip: 131.107.0.3, static: "
	    "true}\ntraffic:\n");
	assert_int_equal(x.df.n, 1);
	c = need(&x, "sites.B3", NULL);
	assert_int_equal(c->op, DIFF_ADDED);
	assert_int_equal(c->kind, DIFF_SITE);
	assert_null(c->old_obj);
	assert_ptr_equal(c->new_obj, &x.b->sites[2]);
	assert_null(c->before);
	assert_null(c->after);
	assert_int_equal(c->mark.line, 36);
	done(&x);
}

static void
test_object_removed(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	run(&x, "  - name: B2\n    address_prefixes: [10.101.0.0/16]\n"
	    "    vpn: {public_ip: 131.107.0.2, static: true}\n", "");
	assert_int_equal(x.df.n, 1);
	c = need(&x, "sites.B2", NULL);
	assert_int_equal(c->op, DIFF_REMOVED);
	assert_ptr_equal(c->old_obj, &x.a->sites[1]);
	assert_null(c->new_obj);
	/* A removed object's mark is in the base. */
	assert_int_equal(c->mark.line, 33);
	done(&x);
}

static void
test_rename_is_remove_and_add(void **state)
{
	struct fx	 x;

	(void)state;
	run(&x, "name: B2", "name: Branch2");
	assert_int_equal(x.df.n, 2);
	assert_int_equal(need(&x, "sites.Branch2", NULL)->op, DIFF_ADDED);
	assert_int_equal(need(&x, "sites.B2", NULL)->op, DIFF_REMOVED);
	/* The head's objects first, then what it removed. */
	assert_string_equal(x.df.v[0].object, "sites.Branch2");
	done(&x);
}

static void
test_device_matched_by_default_name(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	/* B2's device has no name: vpn1 on both sides. */
	run(&x, "public_ip: 131.107.0.2", "public_ip: 131.107.0.9");
	c = need(&x, "sites.B2.vpn.vpn1", "public_ip");
	assert_int_equal(c->kind, DIFF_DEVICE);
	assert_string_equal(c->before, "131.107.0.2");
	assert_string_equal(c->after, "131.107.0.9");
	/* The parent is the site. */
	assert_ptr_equal(c->old_parent, &x.a->sites[1]);
	assert_ptr_equal(c->new_parent, &x.b->sites[1]);
	done(&x);
}

static void
test_nested_inline_field(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	run(&x, "vlan_id: 100}", "vlan_id: 100, bfd: true}");
	c = need(&x, "circuits.er1", "private_peering.bfd");
	assert_string_equal(c->before, "false");
	assert_string_equal(c->after, "true");
	done(&x);
}

static void
test_bgp_field(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	run(&x, "asn: 65010, peer_ip", "asn: 65020, peer_ip");
	c = need(&x, "sites.HQ.vpn.asr", "bgp.asn");
	assert_string_equal(c->before, "65010");
	assert_string_equal(c->after, "65020");
	done(&x);
}

static void
test_optional_object_added(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	/* B2 moves from static routing to BGP. */
	run(&x, "vpn: {public_ip: 131.107.0.2, static: true}",
	    "vpn: {public_ip: 131.107.0.2, bgp: {asn: 65030, "
	    "peer_ip: 10.101.255.1}}");
	c = need(&x, "sites.B2.vpn.vpn1", "bgp");
	assert_int_equal(c->op, DIFF_ADDED);
	assert_null(c->before);
	assert_string_equal(c->after, "{asn: 65030, peer_ip: 10.101.255.1}");
	c = need(&x, "sites.B2.vpn.vpn1", "static");
	assert_string_equal(c->before, "true");
	assert_string_equal(c->after, "false");
	/* With BGP the device advertises the site's prefixes. */
	c = need(&x, "sites.B2.vpn.vpn1", "advertise");
	assert_int_equal(c->op, DIFF_ADDED);
	assert_string_equal(c->after, "10.101.0.0/16");
	done(&x);
}

static void
test_prefix_list_added_and_removed(void **state)
{
	struct fx	 x;
	const struct diff_change *c;
	size_t		 i, n = 0;

	(void)state;
	run(&x, "[10.100.0.0/16, 10.99.0.0/16]",
	    "[10.100.0.0/16, 10.98.0.0/16]");
	for (i = 0; i < x.df.n; i++)
		if (strcmp(x.df.v[i].object, "sites.HQ") == 0)
			n++;
	assert_int_equal(n, 2);
	/* Removed first, then added, each one element. */
	c = &x.df.v[0];
	assert_string_equal(c->object, "sites.HQ");
	assert_string_equal(c->field, "address_prefixes");
	assert_int_equal(c->op, DIFF_REMOVED);
	assert_string_equal(c->before, "10.99.0.0/16");
	assert_null(c->after);
	c = &x.df.v[1];
	assert_int_equal(c->op, DIFF_ADDED);
	assert_null(c->before);
	assert_string_equal(c->after, "10.98.0.0/16");
	done(&x);
}

static void
test_prefix_list_order_and_repeats(void **state)
{
	struct fx	 x;

	(void)state;
	/* Another order is the same set; a repeat adds nothing new. */
	run(&x, "[10.100.0.0/16, 10.99.0.0/16]",
	    "[10.99.0.0/16, 10.100.0.0/16]");
	assert_int_equal(x.df.n, 0);
	done(&x);
	run(&x, "address_space: [10.1.0.0/16]",
	    "address_space: [10.1.0.0/16, 10.3.0.0/16, 10.3.0.0/16]");
	assert_int_equal(x.df.n, 1);
	assert_string_equal(need(&x, "azure.vnet", "address_space")->after,
	    "10.3.0.0/16");
	done(&x);
}

static void
test_prefix_canonical(void **state)
{
	struct fx	 x;

	(void)state;
	/* The same prefix, written differently (IPv6 zero runs). */
	{
		char	*a = variant("address_space: [10.1.0.0/16]",
		    "address_space: [10.1.0.0/16, fd00::/48]");
		char	*b = variant("address_space: [10.1.0.0/16]",
		    "address_space: [10.1.0.0/16, fd00:0:0::/48]");

		x.a = load("a.yaml", a);
		x.b = load("b.yaml", b);
		diff_designs(&x.df, x.a, x.b);
		assert_int_equal(x.df.n, 0);
		done(&x);
		free(a);
		free(b);
	}
}

static void
test_default_equals_explicit(void **state)
{
	struct fx	 x;

	(void)state;
	/* routing_weight 0, ike version 2 and DPD 45 s are the defaults. */
	run(&x, "bandwidth_mbps: 1000\n",
	    "bandwidth_mbps: 1000\n    routing_weight: 0\n");
	assert_int_equal(x.df.n, 0);
	done(&x);
	run(&x, "vpn: {public_ip: 131.107.0.2, static: true}",
	    "vpn: {public_ip: 131.107.0.2, static: true, "
	    "ike: {version: 2, dpd_timeout_s: 45}}");
	assert_int_equal(x.df.n, 0);
	done(&x);
}

static void
test_optional_int_set(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	/* local_preference has no default: "not set" is NULL. */
	run(&x, "expressroute: {circuit: er1}",
	    "expressroute: {circuit: er1, local_preference: 150}");
	c = need(&x, "sites.HQ.expressroute.er1", "local_preference");
	assert_int_equal(c->kind, DIFF_SITE_ER);
	assert_int_equal(c->op, DIFF_CHANGED);
	assert_null(c->before);
	assert_string_equal(c->after, "150");
	done(&x);
}

static void
test_gateway_removed(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	/* Without its ExpressRoute sites and circuit, the ER gateway can
	 * go; the attachment goes with HQ's ExpressRoute. */
	{
		char	*t1 = variant("    expressroute: {circuit: er1}\n",
		    "");
		struct buf b = BUF_INIT;
		const char *p = strstr(t1,
		    "  expressroute_gateway: {name: ergw, sku: ErGw1AZ}\n");

		assert_non_null(p);
		buf_put(&b, t1, (size_t)(p - t1));
		buf_puts(&b, p + strlen("  expressroute_gateway: {name: ergw, "
		    "sku: ErGw1AZ}\n"));
		x.a = load("base.yaml", base_yaml);
		x.b = load("head.yaml", buf_cstr(&b));
		diff_designs(&x.df, x.a, x.b);
		c = need(&x, "azure.expressroute_gateway", NULL);
		assert_int_equal(c->op, DIFF_REMOVED);
		assert_int_equal(c->kind, DIFF_ER_GATEWAY);
		c = need(&x, "sites.HQ.expressroute.er1", NULL);
		assert_int_equal(c->op, DIFF_REMOVED);
		assert_ptr_equal(c->old_parent, &x.a->sites[0]);
		done(&x);
		buf_release(&b);
		free(t1);
	}
}

static void
test_instance_by_position(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	run(&x, "public_ip: 20.0.0.5", "public_ip: 20.0.0.6");
	c = need(&x, "azure.vpn_gateway.instances.1", "public_ip");
	assert_int_equal(c->kind, DIFF_INSTANCE);
	assert_ptr_equal(c->new_parent, &x.b->vpn_gateway);
	done(&x);
}

static void
test_traffic_key(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	run(&x, "  - {site: HQ, peak_mbps: 300}\n",
	    "  - {site: HQ, peak_mbps: 400}\n  - {site: HQ, to: B2, "
	    "peak_mbps: 10}\n");
	c = need(&x, "traffic.HQ", "peak_mbps");
	assert_string_equal(c->before, "300");
	assert_string_equal(c->after, "400");
	c = need(&x, "traffic.HQ->B2", NULL);
	assert_int_equal(c->op, DIFF_ADDED);
	assert_int_equal(c->kind, DIFF_TRAFFIC);
	done(&x);
}

static void
test_multiline_text(void **state)
{
	struct fx	 x;
	const struct diff_change *c;

	(void)state;
	run(&x, "title: Test hub\n", "title: Test hub\ndescription: |\n"
	    "  Line one.\n  Line two.\n");
	c = need(&x, "", "description");
	assert_null(c->before);
	assert_string_equal(c->after, "Line one.\nLine two.\n");
	done(&x);
}

static void
test_schema_order(void **state)
{
	struct fx	 x;
	char		*t1, *t2;

	(void)state;
	/* Changes in the design's own keys, a gateway, a circuit and a
	 * site come out in schema order, whatever the text order. */
	t1 = variant("peak_mbps: 300", "peak_mbps: 301");
	t2 = xstrdup(t1);
	free(t1);
	t1 = t2;
	{
		char	*p;

		p = strstr(t1, "bandwidth_mbps: 1000");
		memcpy(p, "bandwidth_mbps: 2000", 20);
		p = strstr(t1, "sku: VpnGw2AZ");
		memcpy(p, "sku: VpnGw3AZ", 13);
		p = strstr(t1, "title: Test hub");
		memcpy(p, "title: Test huB", 15);
	}
	x.a = load("base.yaml", base_yaml);
	x.b = load("head.yaml", t1);
	diff_designs(&x.df, x.a, x.b);
	assert_int_equal(x.df.n, 4);
	assert_string_equal(x.df.v[0].field, "title");
	assert_string_equal(x.df.v[1].object, "azure.vpn_gateway");
	assert_string_equal(x.df.v[2].object, "circuits.er1");
	assert_string_equal(x.df.v[3].object, "traffic.HQ");
	done(&x);
	free(t1);
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(diff_op_name(DIFF_ADDED), "added");
	assert_string_equal(diff_op_name(DIFF_REMOVED), "removed");
	assert_string_equal(diff_op_name(DIFF_CHANGED), "changed");
	assert_string_equal(diff_kind_name(DIFF_DEVICE), "VPN device");
	assert_string_equal(diff_kind_id(DIFF_DEVICE), "device");
	assert_string_equal(diff_kind_id(DIFF_SITE_ER), "site_er");
	assert_string_equal(diff_kind_name(DIFF_ER_GATEWAY),
	    "ExpressRoute gateway");
}

static void
test_release_reuse(void **state)
{
	struct diff	 df;

	(void)state;
	memset(&df, 0, sizeof(df));
	diff_release(&df);
	assert_int_equal(df.n, 0);
	assert_null(diff_find(&df, "sites.HQ", NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_is_and_in),
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_formatting_does_not_count),
		cmocka_unit_test(test_scalar_field),
		cmocka_unit_test(test_enum_field),
		cmocka_unit_test(test_design_field),
		cmocka_unit_test(test_match_by_name_not_order),
		cmocka_unit_test(test_object_added),
		cmocka_unit_test(test_object_removed),
		cmocka_unit_test(test_rename_is_remove_and_add),
		cmocka_unit_test(test_device_matched_by_default_name),
		cmocka_unit_test(test_nested_inline_field),
		cmocka_unit_test(test_bgp_field),
		cmocka_unit_test(test_optional_object_added),
		cmocka_unit_test(test_prefix_list_added_and_removed),
		cmocka_unit_test(test_prefix_list_order_and_repeats),
		cmocka_unit_test(test_prefix_canonical),
		cmocka_unit_test(test_default_equals_explicit),
		cmocka_unit_test(test_optional_int_set),
		cmocka_unit_test(test_gateway_removed),
		cmocka_unit_test(test_instance_by_position),
		cmocka_unit_test(test_traffic_key),
		cmocka_unit_test(test_multiline_text),
		cmocka_unit_test(test_schema_order),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_release_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

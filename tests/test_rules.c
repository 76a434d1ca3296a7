/*
 * Unit tests for gen/3-check/rules.c: the catalog table itself, the valid base
 * design (tests/rules/base.yaml, free of findings), and for every rule
 * with a check a design that breaks it.  Those designs are the files
 * tests/rules/HDxxx[-variant].yaml, each the base with one change; the
 * "# expect: RULE LINE OBJECT" lines at the top list exactly the
 * findings the file must produce, no more and no fewer.  The route
 * limits (HD701-HD703) need thousands of prefixes, so their designs are
 * made here from the base text, with the boundary case beside each.
 * Paths are relative to the repository root, where `make test` runs.
 */
#include "testutil.h"

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/findings.h"
#include "hybridoc/rules.h"
#include "hybridoc/xalloc.h"

#define FIXTURES	"tests/rules/"
#define LEARN		"https://learn.microsoft.com/en-us/azure/"

/* The whole file as a NUL-terminated string; fails the test if absent. */
static char *
slurp(const char *path, size_t *lenp)
{
	FILE	*fp;
	char	*s;
	long	 n;

	if ((fp = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s (run from the repository root)", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	s = xmalloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, fp) != (size_t)n)
		fail_msg("cannot read %s", path);
	s[n] = '\0';
	fclose(fp);
	if (lenp)
		*lenp = (size_t)n;
	return s;
}

/* Loads YAML text; fails the test with the input errors if it is bad. */
static struct design *
load_text(const char *name, const char *text)
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

/* Runs every check and the suppression pass. */
static void
run_rules(const struct design *dsn, struct findings *f)
{
	struct diags	 d;

	diags_init(&d);
	findings_init(f);
	rules_check(dsn, f);
	findings_finish(f, dsn, &d);
	diags_release(&d);
}

static void
print_findings(const struct design *dsn, const struct findings *f)
{
	struct findings_set set;

	set.dsn = dsn;
	set.f = f;
	findings_text(stderr, &set, 1, 0);
}

/* The unsuppressed finding with that rule and line, or NULL. */
static const struct finding *
find(const struct findings *f, const char *id, unsigned line)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (!f->v[i].suppressed && strcmp(f->v[i].rule->id, id) == 0 &&
		    f->v[i].mark.line == line)
			return &f->v[i];
	return NULL;
}

struct expect {
	char		 id[16];
	unsigned	 line;
	char		 object[128];
	int		 seen;
};

/* Reads the "# expect: RULE LINE OBJECT" lines of a fixture. */
static size_t
parse_expects(const char *text, struct expect *ex, size_t max)
{
	const char	*p = text;
	size_t		 n = 0;

	while ((p = strstr(p, "# expect: ")) != NULL) {
		if (n == max)
			fail_msg("too many expect lines");
		memset(&ex[n], 0, sizeof(ex[n]));
		if (sscanf(p, "# expect: %15s %u %127s", ex[n].id,
		    &ex[n].line, ex[n].object) != 3)
			fail_msg("bad expect line: %.60s", p);
		n++;
		p++;
	}
	return n;
}

/*
 * Loads tests/rules/NAME.yaml and checks that its findings are exactly
 * its expect lines: same rule, line and object path.
 */
static void
check_fixture(const char *name)
{
	char		 path[256];
	char		*text;
	struct design	*dsn;
	struct findings	 f;
	struct expect	 ex[8];
	size_t		 nex, i, j;
	int		 bad = 0;

	snprintf(path, sizeof(path), FIXTURES "%s.yaml", name);
	text = slurp(path, NULL);
	nex = parse_expects(text, ex, 8);
	assert_true(nex > 0);
	dsn = load_text(path, text);
	run_rules(dsn, &f);
	for (i = 0; i < f.n; i++) {
		for (j = 0; j < nex; j++)
			if (!ex[j].seen &&
			    strcmp(f.v[i].rule->id, ex[j].id) == 0 &&
			    f.v[i].mark.line == ex[j].line &&
			    strcmp(f.v[i].object, ex[j].object) == 0)
				break;
		if (j == nex) {
			fprintf(stderr, "unexpected: %s line %u %s\n",
			    f.v[i].rule->id, f.v[i].mark.line, f.v[i].object);
			bad = 1;
		} else
			ex[j].seen = 1;
	}
	for (j = 0; j < nex; j++)
		if (!ex[j].seen) {
			fprintf(stderr, "missing: %s line %u %s\n", ex[j].id,
			    ex[j].line, ex[j].object);
			bad = 1;
		}
	if (bad) {
		print_findings(dsn, &f);
		fail_msg("%s: findings differ from its expect lines", path);
	}
	findings_release(&f);
	design_free(dsn);
	free(text);
}

#define FIXTURE_TEST(fn, name)						\
	static void fn(void **state)					\
	{								\
		(void)state;						\
		check_fixture(name);					\
	}

FIXTURE_TEST(hd101, "HD101")
FIXTURE_TEST(hd801, "HD801")
FIXTURE_TEST(hd802, "HD802")
FIXTURE_TEST(hd802_peer, "HD802-peer")
FIXTURE_TEST(hd101_case, "HD101-case")
FIXTURE_TEST(hd102, "HD102")
FIXTURE_TEST(hd103, "HD103")
FIXTURE_TEST(hd104, "HD104")
FIXTURE_TEST(hd104_overlap, "HD104-overlap")
FIXTURE_TEST(hd105, "HD105")
FIXTURE_TEST(hd105_spoke, "HD105-spoke")
FIXTURE_TEST(hd106, "HD106")
FIXTURE_TEST(hd110, "HD110")
FIXTURE_TEST(hd110_equal, "HD110-equal")
FIXTURE_TEST(hd107, "HD107")
FIXTURE_TEST(hd107_onprem, "HD107-onprem")
FIXTURE_TEST(hd108, "HD108")
FIXTURE_TEST(hd109, "HD109")
FIXTURE_TEST(hd201, "HD201")
FIXTURE_TEST(hd202, "HD202")
FIXTURE_TEST(hd203, "HD203")
FIXTURE_TEST(hd203_default, "HD203-default")
FIXTURE_TEST(hd204, "HD204")
FIXTURE_TEST(hd205, "HD205")
FIXTURE_TEST(hd206, "HD206")
FIXTURE_TEST(hd206_standby, "HD206-standby")
FIXTURE_TEST(hd206_basic, "HD206-basic")
FIXTURE_TEST(hd207, "HD207")
FIXTURE_TEST(hd208, "HD208")
FIXTURE_TEST(hd209, "HD209")
FIXTURE_TEST(hd209_gateway, "HD209-gateway")
FIXTURE_TEST(hd210, "HD210")
FIXTURE_TEST(hd301, "HD301")
FIXTURE_TEST(hd302, "HD302")
FIXTURE_TEST(hd302_circuit, "HD302-circuit")
FIXTURE_TEST(hd303, "HD303")
FIXTURE_TEST(hd304, "HD304")
FIXTURE_TEST(hd304_reserved, "HD304-reserved")
FIXTURE_TEST(hd304_apipa, "HD304-apipa")
FIXTURE_TEST(hd305, "HD305")
FIXTURE_TEST(hd305_public, "HD305-public")
FIXTURE_TEST(hd306, "HD306")
FIXTURE_TEST(hd307, "HD307")
FIXTURE_TEST(hd308, "HD308")
FIXTURE_TEST(hd308_explicit, "HD308-explicit")
FIXTURE_TEST(hd309, "HD309")
FIXTURE_TEST(hd302_vpn_65516, "HD302-vpn-65516")
FIXTURE_TEST(hd401, "HD401")
FIXTURE_TEST(hd401_overlap, "HD401-overlap")
FIXTURE_TEST(hd402, "HD402")
FIXTURE_TEST(hd402_circuit, "HD402-circuit")
FIXTURE_TEST(hd403, "HD403")
FIXTURE_TEST(hd403_location, "HD403-location")
FIXTURE_TEST(hd404, "HD404")
FIXTURE_TEST(hd404_direct, "HD404-direct")
FIXTURE_TEST(hd405, "HD405")
FIXTURE_TEST(hd405_local, "HD405-local")
FIXTURE_TEST(hd501, "HD501")
FIXTURE_TEST(hd502, "HD502")
FIXTURE_TEST(hd502_lifetime, "HD502-lifetime")
FIXTURE_TEST(hd503, "HD503")
FIXTURE_TEST(hd503_shared, "HD503-shared")
FIXTURE_TEST(hd503_same_site, "HD503-same-site")
FIXTURE_TEST(hd503_bgp_peer, "HD503-bgp-peer")
FIXTURE_TEST(hd504, "HD504")

/* ---- the base design ---- */

static void
base_has_no_findings(void **state)
{
	char		*text;
	struct design	*dsn;
	struct findings	 f;

	(void)state;
	text = slurp(FIXTURES "base.yaml", NULL);
	dsn = load_text(FIXTURES "base.yaml", text);
	run_rules(dsn, &f);
	if (f.n) {
		print_findings(dsn, &f);
		fail_msg("base.yaml has %zu findings", f.n);
	}
	assert_int_equal(findings_count(&f, DIAG_ERROR), 0);
	findings_release(&f);
	design_free(dsn);
	free(text);
}

/* ---- messages ---- */

/* The example message of the brief, word for word. */
static void
hd102_message(void **state)
{
	char		*text;
	struct design	*dsn;
	struct findings	 f;
	const struct finding *g;

	(void)state;
	text = slurp(FIXTURES "HD102.yaml", NULL);
	dsn = load_text("HD102.yaml", text);
	run_rules(dsn, &f);
	assert_int_equal(f.n, 1);
	g = &f.v[0];
	assert_string_equal(g->msg, "GatewaySubnet 10.1.255.0/28 is smaller "
	    "than /27, which coexisting ExpressRoute and VPN gateways need; "
	    "widen it to a /27 (e.g. 10.1.255.0/27)");
	/* The mark is the prefix value, not the subnet entry. */
	assert_int_equal(g->mark.col, 39);
	findings_release(&f);
	design_free(dsn);
	free(text);
}

/* HD304 suggests the usable range, from the fifth address to the last. */
static void
hd304_reserved_range(void **state)
{
	char		*text;
	struct design	*dsn;
	struct findings	 f;

	(void)state;
	text = slurp(FIXTURES "HD304-reserved.yaml", NULL);
	dsn = load_text("HD304-reserved.yaml", text);
	run_rules(dsn, &f);
	assert_int_equal(f.n, 1);
	assert_non_null(strstr(f.v[0].msg, "10.1.255.1 is one of the five"));
	assert_non_null(strstr(f.v[0].msg,
	    "use one from 10.1.255.4 to 10.1.255.30"));
	findings_release(&f);
	design_free(dsn);
	free(text);
}

/* ---- the route limits, from generated designs ---- */

/* text with the first occurrence of old replaced; caller frees. */
static char *
replace(const char *text, const char *old, const char *new)
{
	const char	*p = strstr(text, old);
	struct buf	 b = BUF_INIT;

	if (p == NULL)
		fail_msg("'%s' is not in the base design", old);
	buf_put(&b, text, (size_t)(p - text));
	buf_puts(&b, new);
	buf_puts(&b, p + strlen(old));
	return buf_detach(&b, NULL);
}

/* The 1-based line of the first occurrence of s in text. */
static unsigned
line_of(const char *text, const char *s)
{
	const char	*p = strstr(text, s), *q;
	unsigned	 line = 1;

	if (p == NULL)
		fail_msg("'%s' not found", s);
	for (q = text; q < p; q++)
		if (*q == '\n')
			line++;
	return line;
}

/* "[a, b, ...]" of n /24 prefixes counting up from first.0.0/24. */
static void
put_prefix_list(struct buf *b, unsigned first, size_t n)
{
	size_t	 i;

	buf_putc(b, '[');
	for (i = 0; i < n; i++)
		buf_printf(b, "%s10.%zu.%zu.0/24", i ? ", " : "",
		    first + i / 256, i % 256);
	buf_putc(b, ']');
}

/*
 * The base with HQ owning 10.128.0.0/9 and advertising n /24s of it
 * over the VPN (vpn != 0) or over its circuit; edit (old -> new) is a
 * further change.  Returns the YAML text; caller frees.
 */
static char *
design_with_advertise(int vpn, size_t n, const char *old, const char *new)
{
	char		*base, *a, *b, *c;
	struct buf	 list = BUF_INIT;

	base = slurp(FIXTURES "base.yaml", NULL);
	a = replace(base, "address_prefixes: [10.100.0.0/16]",
	    "address_prefixes: [10.128.0.0/9]");
	buf_puts(&list, vpn ? "      local_preference: 100\n      advertise: " :
	    "      local_preference: 150\n      advertise: ");
	put_prefix_list(&list, 128, n);
	buf_putc(&list, '\n');
	b = replace(a, vpn ? "      local_preference: 100\n" :
	    "      local_preference: 150\n", buf_cstr(&list));
	c = old ? replace(b, old, new) : xstrdup(b);
	buf_release(&list);
	free(base);
	free(a);
	free(b);
	return c;
}

/* Checks that text yields exactly one finding, id at line (0: none). */
static void
check_only(const char *text, const char *id, unsigned line,
    const char *object)
{
	struct design	*dsn;
	struct findings	 f;
	const struct finding *g;

	dsn = load_text("generated.yaml", text);
	run_rules(dsn, &f);
	if (f.n != (id ? 1u : 0u)) {
		print_findings(dsn, &f);
		fail_msg("%zu findings, want %d", f.n, id ? 1 : 0);
	}
	if (id != NULL) {
		g = find(&f, id, line);
		if (g == NULL) {
			print_findings(dsn, &f);
			fail_msg("no %s at line %u", id, line);
		}
		assert_string_equal(g->object, object);
	}
	findings_release(&f);
	design_free(dsn);
}

/*
 * The VPN limit is 4000 per BGP peer (VPN-FAQ): 4001 from HQ's device
 * is HD701 at its advertise key; 4000 from it plus the static branch's
 * prefix is none (0.1.0 added every site's prefixes, static ones
 * included, against 4000).
 */
static void
hd701_vpn(void **state)
{
	char	*text;

	(void)state;
	text = design_with_advertise(1, 4001, NULL, NULL);
	check_only(text, "HD701", line_of(text, "      advertise: ["),
	    "sites.HQ.vpn.vpn1");
	free(text);
}

static void
hd701_vpn_at_limit(void **state)
{
	char	*text;

	(void)state;
	text = design_with_advertise(1, 4000, NULL, NULL);
	check_only(text, NULL, 0, NULL);
	free(text);
}

/* 4001 over a Standard circuit; ErGw2AZ learns 9500, so no HD703. */
static void
hd701_circuit(void **state)
{
	char	*text;

	(void)state;
	text = design_with_advertise(0, 4001, "sku: ErGw1AZ", "sku: ErGw2AZ");
	check_only(text, "HD701", line_of(text, "    sku: Standard"),
	    "circuits.er-dc");
	free(text);
}

static void
hd701_circuit_at_limit(void **state)
{
	char	*text;

	(void)state;
	text = design_with_advertise(0, 4000, "sku: ErGw1AZ", "sku: ErGw2AZ");
	check_only(text, NULL, 0, NULL);
	free(text);
}

/* A Premium circuit takes 10000. */
static void
hd701_premium(void **state)
{
	char	*text, *t2;

	(void)state;
	text = design_with_advertise(0, 4001, "sku: ErGw1AZ", "sku: ErGw2AZ");
	t2 = replace(text, "    sku: Standard", "    sku: Premium");
	check_only(t2, NULL, 0, NULL);
	free(t2);
	free(text);
	text = design_with_advertise(0, 10001, "sku: ErGw1AZ",
	    "sku: ErGw2AZ");
	t2 = replace(text, "    sku: Standard", "    sku: Premium");
	/* 10001 also exceeds ErGw2AZ's 9500 routes learned. */
	{
		struct design	*dsn = load_text("premium.yaml", t2);
		struct findings	 f;

		run_rules(dsn, &f);
		assert_non_null(find(&f, "HD701", line_of(t2,
		    "    sku: Premium")));
		assert_non_null(find(&f, "HD703", line_of(t2,
		    "sku: ErGw2AZ")));
		assert_int_equal(f.n, 2);
		findings_release(&f);
		design_free(dsn);
	}
	free(t2);
	free(text);
}

/* The hub's one prefix and n in one spoke. */
static char *
design_with_spoke_prefixes(size_t n)
{
	char		*base, *text;
	struct buf	 b = BUF_INIT;

	base = slurp(FIXTURES "base.yaml", NULL);
	buf_puts(&b, "{name: vnet-spoke, address_space: ");
	put_prefix_list(&b, 64, n);
	buf_putc(&b, '}');
	text = replace(base, "{name: vnet-spoke, address_space: "
	    "[10.2.0.0/16]}", buf_cstr(&b));
	buf_release(&b);
	free(base);
	return text;
}

static void
hd702(void **state)
{
	char	*text;

	(void)state;
	text = design_with_spoke_prefixes(1000);
	check_only(text, "HD702", line_of(text, "address_space: [10.1.0.0/16]"),
	    "azure.vnet");
	free(text);
}

static void
hd702_at_limit(void **state)
{
	char	*text;

	(void)state;
	text = design_with_spoke_prefixes(999);
	check_only(text, NULL, 0, NULL);
	free(text);
}

/* 4001 over a Premium circuit into an ErGw1AZ (4000 routes). */
static void
hd703(void **state)
{
	char	*text, *t2;

	(void)state;
	text = design_with_advertise(0, 4001, NULL, NULL);
	t2 = replace(text, "    sku: Standard", "    sku: Premium");
	check_only(t2, "HD703", line_of(t2, "sku: ErGw1AZ"),
	    "azure.expressroute_gateway");
	free(t2);
	free(text);
}

static void
hd703_at_limit(void **state)
{
	char	*text, *t2;

	(void)state;
	text = design_with_advertise(0, 4000, NULL, NULL);
	t2 = replace(text, "    sku: Standard", "    sku: Premium");
	check_only(t2, NULL, 0, NULL);
	free(t2);
	free(text);
}

/*
 * ErGwScale learns 60,000 routes per gateway (ERGW performance table;
 * 0.1.0 said 9500): 9501 over a Premium circuit is no HD703.
 */
static void
hd703_ergwscale(void **state)
{
	char	*text, *t2;

	(void)state;
	text = design_with_advertise(0, 9501, "sku: ErGw1AZ",
	    "sku: ErGwScale");
	t2 = replace(text, "    sku: Standard", "    sku: Premium");
	check_only(t2, NULL, 0, NULL);
	free(t2);
	free(text);
}

/* /26 is needed at 16 circuits (ERGW), not from 9 on as in 0.1.0. */
static void
hd103_nine_circuits(void **state)
{
	char	*text, *nine;
	const char *cut;

	(void)state;
	text = slurp(FIXTURES "HD103.yaml", NULL);
	/* HD103.yaml's circuits er-10 to er-16 come last: drop them. */
	cut = strstr(text, "  - name: er-10\n");
	assert_non_null(cut);
	nine = replace(text, cut, strstr(cut, "sites:\n"));
	check_only(nine, NULL, 0, NULL);
	free(nine);
	free(text);
}

/* A 40 Gbps circuit on a 100 Gbps ExpressRoute Direct port is sold. */
static void
hd404_direct_40g(void **state)
{
	char	*base, *a, *b;

	(void)state;
	base = slurp(FIXTURES "base.yaml", NULL);
	a = replace(base, "    bandwidth_mbps: 1000\n",
	    "    bandwidth_mbps: 40000\n    direct_port_gbps: 100\n");
	b = replace(a, "{name: ergw-hub, sku: ErGw1AZ}",
	    "{name: ergw-hub, sku: ErGwScale, scale_units: 40}");
	check_only(b, NULL, 0, NULL);
	free(b);
	free(a);
	free(base);
}

/* A Local circuit at Washington DC reaches eastus; Premium anywhere. */
static void
hd405_local_ok(void **state)
{
	char	*base, *a, *b;

	(void)state;
	base = slurp(FIXTURES "base.yaml", NULL);
	a = replace(base, "    sku: Standard", "    sku: Local");
	check_only(a, NULL, 0, NULL);
	b = replace(base, "peering_location: Washington DC",
	    "peering_location: Amsterdam");
	free(a);
	a = replace(b, "    sku: Standard", "    sku: Premium");
	check_only(a, NULL, 0, NULL);
	free(a);
	free(b);
	free(base);
}

/* HD501 states no invented figure (0.1.0 said "up to 5 s"). */
static void
hd501_no_figure(void **state)
{
	char		*text;
	struct design	*dsn;
	struct findings	 f;

	(void)state;
	text = slurp(FIXTURES "HD501.yaml", NULL);
	dsn = load_text("HD501.yaml", text);
	run_rules(dsn, &f);
	assert_int_equal(f.n, 1);
	assert_null(strstr(f.v[0].msg, "5 s"));
	assert_non_null(strstr(f.v[0].msg, "no duration"));
	findings_release(&f);
	design_free(dsn);
	free(text);
}

/* HD402's fix names the peering reset older circuits need. */
static void
hd402_reset(void **state)
{
	char		*text;
	struct design	*dsn;
	struct findings	 f;

	(void)state;
	text = slurp(FIXTURES "HD402-circuit.yaml", NULL);
	dsn = load_text("HD402-circuit.yaml", text);
	run_rules(dsn, &f);
	assert_int_equal(f.n, 1);
	assert_non_null(strstr(f.v[0].msg, "backs up with another circuit"));
	assert_non_null(strstr(f.v[0].msg, "before August 1, 2018"));
	assert_non_null(strstr(f.v[0].msg, "reset"));
	findings_release(&f);
	design_free(dsn);
	free(text);
}

/* ---- the catalog table ---- */

/* The check of catalog row r, or NULL. */
static const struct rule_check *
rule_check_of(const struct rule *r)
{
	const struct rule_check *c;

	for (c = rule_checks; c->check != NULL; c++)
		if (&rules[c->id] == r)
			return c;
	return NULL;
}

/* The enum names the row of the same id, and checks run in id order. */
static void
catalog_enum_matches_rows(void **state)
{
	const struct rule_check *c;

	(void)state;
	assert_string_equal(rules[HD101].id, "HD101");
	assert_string_equal(rules[HD209].id, "HD209");
	assert_string_equal(rules[HD308].id, "HD308");
	assert_string_equal(rules[HD504].id, "HD504");
	assert_string_equal(rules[HD601].id, "HD601");
	assert_string_equal(rules[HD703].id, "HD703");
	assert_null(rules[RULE_COUNT].id);
	for (c = rule_checks; c->check != NULL; c++)
		if (c != rule_checks)
			assert_true(c[-1].id < c->id);
}

static void
catalog_ids_in_order(void **state)
{
	const struct rule *r;
	size_t		 n = 0;

	(void)state;
	for (r = rules; r->id != NULL; r++, n++) {
		assert_int_equal(strlen(r->id), 5);
		assert_memory_equal(r->id, "HD", 2);
		if (r != rules)
			assert_true(strcmp(r[-1].id, r->id) < 0);
	}
	/* 10 + 10 + 9 + 5 + 4 + 8 + 3 rows (HD110, HD210, HD309, HD405
	 * added to azure-rules.md's), the three of unknown values
	 * (HD801-HD803), the eight drift rules HD811-HD818 and the six of
	 * diagnose (HD901-HD906). */
	assert_int_equal(n, 66);
}

/*
 * A row's why: one or two sentences (a third only where a
 * hybridoc policy is split from the fact), other than the
 * description, that either name the page the fact is on, in
 * parentheses, or say the rule is a hybridoc policy.
 */
static void
why_complete(const struct rule *r)
{
	const char	*p;
	size_t		 n, sentences = 0;

	if (r->why == NULL)
		fail_msg("%s has no why (gen/2-model/catalog.c)", r->id);
	n = strlen(r->why);
	if (n < 40 || r->why[n - 1] != '.')
		fail_msg("%s: the why is not a sentence: %s", r->id, r->why);
	if (strcmp(r->why, r->description) == 0)
		fail_msg("%s: the why repeats the description", r->id);
	for (p = r->why; (p = strstr(p, ". ")) != NULL; p++)
		sentences++;
	if (sentences > 2)
		fail_msg("%s: the why has more than three sentences", r->id);
	if (strstr(r->why, "hybridoc") == NULL && strchr(r->why, '(') == NULL)
		fail_msg("%s: the why names no source page and is not marked "
		    "a hybridoc policy: %s", r->id, r->why);
}

/* Every input error has a why too (most are hybridoc policy). */
static void
input_rows_have_why(void **state)
{
	const struct rule *r;
	size_t		 n = 0;

	(void)state;
	for (r = input_rules; r->id != NULL; r++, n++)
		why_complete(r);
	assert_int_equal(n, INPUT_COUNT);
}

static void
catalog_rows_complete(void **state)
{
	const struct rule *r;

	(void)state;
	for (r = rules; r->id != NULL; r++) {
		assert_non_null(r->title);
		assert_true(strlen(r->title) > 10);
		assert_true(r->title[strlen(r->title) - 1] != '.');
		assert_non_null(r->help);
		if (strncmp(r->help, LEARN, strlen(LEARN)) != 0)
			fail_msg("%s help %s is not a Learn page", r->id,
			    r->help);
		assert_true(r->level == DIAG_ERROR ||
		    r->level == DIAG_WARNING || r->level == DIAG_NOTE);
		assert_non_null(r->description);
		assert_non_null(r->fix);
		assert_true(strlen(r->description) > 10);
		assert_true(strlen(r->fix) > 10);
		assert_true(r->description[strlen(r->description) - 1] == '.');
		assert_true(r->fix[strlen(r->fix) - 1] == '.');
		why_complete(r);
		/* The simulation owns HD6xx, drift HD8xx and diagnose
		 * HD9xx; every other rule has a check, and so has HD801
		 * (HD802 comes from the checks and the simulation). */
		if (strcmp(r->id, "HD801") == 0)
			assert_non_null(rule_check_of(r));
		else if (r->id[2] == '6' || r->id[2] == '8' ||
		    r->id[2] == '9')
			assert_null(rule_check_of(r));
		else
			assert_non_null(rule_check_of(r));
	}
}

/* Severities of the catalog (E/W/I), spot-checked across groups. */
static void
catalog_levels(void **state)
{
	(void)state;
	assert_int_equal(rule_find("HD101")->level, DIAG_ERROR);
	assert_int_equal(rule_find("HD108")->level, DIAG_WARNING);
	/* Dual-stack coexistence is allowed (ER-IPV6): a note. */
	assert_int_equal(rule_find("HD109")->level, DIAG_NOTE);
	assert_int_equal(rule_find("HD106")->level, DIAG_ERROR);
	assert_int_equal(rule_find("HD110")->level, DIAG_WARNING);
	assert_int_equal(rule_find("HD309")->level, DIAG_ERROR);
	assert_int_equal(rule_find("HD204")->level, DIAG_WARNING);
	assert_int_equal(rule_find("HD306")->level, DIAG_WARNING);
	assert_int_equal(rule_find("HD402")->level, DIAG_WARNING);
	assert_int_equal(rule_find("HD501")->level, DIAG_WARNING);
	assert_int_equal(rule_find("HD606")->level, DIAG_ERROR);
	assert_int_equal(rule_find("HD608")->level, DIAG_NOTE);
	assert_int_equal(rule_find("HD703")->level, DIAG_WARNING);
	assert_string_equal(rule_find("HD102")->help, LEARN
	    "expressroute/expressroute-howto-coexist-resource-manager");
}

static void
rule_find_unknown(void **state)
{
	(void)state;
	assert_null(rule_find("HD999"));
	assert_null(rule_find("hd101"));
	assert_null(rule_find(""));
	assert_null(rule_find(NULL));
	assert_ptr_equal(rule_find("HD101"), &rules[0]);
}

/* Every rule with a check has a fixture here or a generated test. */
static void
every_checked_rule_is_tested(void **state)
{
	const struct rule *r;
	char		 path[64];
	FILE		*fp;

	(void)state;
	for (r = rules; r->id != NULL; r++) {
		if (rule_check_of(r) == NULL || strncmp(r->id, "HD70", 4) == 0)
			continue;
		snprintf(path, sizeof(path), FIXTURES "%s.yaml", r->id);
		if ((fp = fopen(path, "r")) == NULL)
			fail_msg("no fixture %s", path);
		fclose(fp);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(base_has_no_findings),
		cmocka_unit_test(hd101),
		cmocka_unit_test(hd801),
		cmocka_unit_test(hd802),
		cmocka_unit_test(hd802_peer),
		cmocka_unit_test(hd101_case),
		cmocka_unit_test(hd102),
		cmocka_unit_test(hd103),
		cmocka_unit_test(hd103_nine_circuits),
		cmocka_unit_test(hd104),
		cmocka_unit_test(hd104_overlap),
		cmocka_unit_test(hd105),
		cmocka_unit_test(hd105_spoke),
		cmocka_unit_test(hd106),
		cmocka_unit_test(hd110),
		cmocka_unit_test(hd110_equal),
		cmocka_unit_test(hd107),
		cmocka_unit_test(hd107_onprem),
		cmocka_unit_test(hd108),
		cmocka_unit_test(hd109),
		cmocka_unit_test(hd201),
		cmocka_unit_test(hd202),
		cmocka_unit_test(hd203),
		cmocka_unit_test(hd203_default),
		cmocka_unit_test(hd204),
		cmocka_unit_test(hd205),
		cmocka_unit_test(hd206),
		cmocka_unit_test(hd206_standby),
		cmocka_unit_test(hd206_basic),
		cmocka_unit_test(hd207),
		cmocka_unit_test(hd208),
		cmocka_unit_test(hd209),
		cmocka_unit_test(hd209_gateway),
		cmocka_unit_test(hd210),
		cmocka_unit_test(hd301),
		cmocka_unit_test(hd302),
		cmocka_unit_test(hd302_circuit),
		cmocka_unit_test(hd303),
		cmocka_unit_test(hd304),
		cmocka_unit_test(hd304_reserved),
		cmocka_unit_test(hd304_apipa),
		cmocka_unit_test(hd305),
		cmocka_unit_test(hd305_public),
		cmocka_unit_test(hd306),
		cmocka_unit_test(hd307),
		cmocka_unit_test(hd308),
		cmocka_unit_test(hd308_explicit),
		cmocka_unit_test(hd309),
		cmocka_unit_test(hd302_vpn_65516),
		cmocka_unit_test(hd401),
		cmocka_unit_test(hd401_overlap),
		cmocka_unit_test(hd402),
		cmocka_unit_test(hd402_circuit),
		cmocka_unit_test(hd402_reset),
		cmocka_unit_test(hd501_no_figure),
		cmocka_unit_test(hd403),
		cmocka_unit_test(hd403_location),
		cmocka_unit_test(hd404),
		cmocka_unit_test(hd404_direct),
		cmocka_unit_test(hd405),
		cmocka_unit_test(hd405_local),
		cmocka_unit_test(hd405_local_ok),
		cmocka_unit_test(hd404_direct_40g),
		cmocka_unit_test(hd501),
		cmocka_unit_test(hd502),
		cmocka_unit_test(hd502_lifetime),
		cmocka_unit_test(hd503),
		cmocka_unit_test(hd503_shared),
		cmocka_unit_test(hd503_same_site),
		cmocka_unit_test(hd503_bgp_peer),
		cmocka_unit_test(hd504),
		cmocka_unit_test(hd701_vpn),
		cmocka_unit_test(hd701_vpn_at_limit),
		cmocka_unit_test(hd701_circuit),
		cmocka_unit_test(hd701_circuit_at_limit),
		cmocka_unit_test(hd701_premium),
		cmocka_unit_test(hd702),
		cmocka_unit_test(hd702_at_limit),
		cmocka_unit_test(hd703),
		cmocka_unit_test(hd703_at_limit),
		cmocka_unit_test(hd703_ergwscale),
		cmocka_unit_test(hd102_message),
		cmocka_unit_test(hd304_reserved_range),
		cmocka_unit_test(catalog_ids_in_order),
		cmocka_unit_test(catalog_enum_matches_rows),
		cmocka_unit_test(catalog_rows_complete),
		cmocka_unit_test(input_rows_have_why),
		cmocka_unit_test(catalog_levels),
		cmocka_unit_test(rule_find_unknown),
		cmocka_unit_test(every_checked_rule_is_tested),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

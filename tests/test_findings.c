/*
 * Unit tests for gen/3-check/findings.c: adding findings, suppression (an exact
 * object, a parent path, a near miss that is not a parent, an entry
 * that matches nothing and becomes a note), the stable order, and the
 * three writers.  The text and JSON shapes are pinned byte for byte;
 * JSON and SARIF are read back through the YAML loader (JSON is YAML)
 * to check their structure and that escaped strings survive the round
 * trip; and the SARIF log is validated against the official SARIF 2.1.0
 * schema by tests/sarif/validate.sh when node is available (skipped
 * otherwise).  Paths are relative to the repository root.
 */
#include "testutil.h"

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hybridoc/buf.h"
#include "hybridoc/cli.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/findings.h"
#include "hybridoc/load.h"
#include "hybridoc/rules.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

/*
 * A small well-formed design; only its file name, name and suppress
 * entries matter here (findings are added by hand).  Line numbers of
 * the suppress entries are used below: 17, 18, 19.
 */
static const char design_yaml[] =
    "hybridoc: 1\n"					/* 1 */
    "name: findings-test\n"				/* 2 */
    "azure:\n"						/* 3 */
    "  resource_group: rg\n"				/* 4 */
    "  region: eastus\n"				/* 5 */
    "  vnet: {name: vnet-hub, address_space: [10.1.0.0/16]}\n"	/* 6 */
    "  vpn_gateway:\n"					/* 7 */
    "    name: vpngw\n"					/* 8 */
    "    sku: VpnGw1AZ\n"				/* 9 */
    "    instances:\n"					/* 10 */
    "      - {public_ip: 20.62.10.4}\n"		/* 11 */
    "sites:\n"						/* 12 */
    "  - name: HQ\n"					/* 13 */
    "    address_prefixes: [10.100.0.0/16]\n"		/* 14 */
    "    vpn: {public_ip: 131.107.72.22, static: true}\n"	/* 15 */
    "suppress:\n"					/* 16 */
    "  - {rule: HD207, object: azure.vpn_gateway, reason: accepted}\n"
    "  - {rule: HD302, object: sites.HQ, reason: \"provider's ASN\"}\n"
    "  - {rule: HD501, object: sites.H, reason: never matches}\n";

static struct design *
load_as(const char *name, const char *yaml)
{
	struct diags	 d;
	struct design	*dsn;

	diags_init(&d);
	dsn = design_load_mem(name, yaml, strlen(yaml), &d);
	if (dsn == NULL) {
		diags_print(&d, stderr, 0);
		fail_msg("test design does not load");
	}
	diags_release(&d);
	return dsn;
}

static struct design *
load_design(void)
{
	return load_as("designs/findings-test.yaml", design_yaml);
}

static struct mark
M(unsigned line, unsigned col)
{
	struct mark	 m;

	m.line = line;
	m.col = col;
	return m;
}

/* The findings_text output as a heap string. */
static char *
text_of(const struct findings_set *sets, size_t n, int colour)
{
	FILE		*fp = tmpfile();
	struct buf	 b = BUF_INIT;
	char		 chunk[512];
	size_t		 got;

	assert_non_null(fp);
	findings_text(fp, sets, n, colour);
	rewind(fp);
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(&b, chunk, got);
	fclose(fp);
	return buf_detach(&b, NULL);
}

/* Parses JSON output back into a value tree (JSON is YAML). */
static struct value *
parse(const struct buf *b)
{
	struct diags	 d;
	struct value	*v;

	diags_init(&d);
	if (!load_yaml("output.json", buf_cstr(b), b->len, &v, &d)) {
		diags_print(&d, stderr, 0);
		fprintf(stderr, "%s\n", buf_cstr(b));
		fail_msg("writer output does not parse");
	}
	diags_release(&d);
	return v;
}

/* Walks a path of keys and list indexes ("runs", "0", "tool", ...). */
static const struct value *
at(const struct value *v, const char *path)
{
	char		*copy = xstrdup(path), *p, *save = NULL;

	for (p = strtok_r(copy, "/", &save); p && v;
	    p = strtok_r(NULL, "/", &save)) {
		if (v->kind == VALUE_LIST) {
			size_t	 i = (size_t)strtoul(p, NULL, 10);

			v = i < v->n ? v->items[i] : NULL;
		} else
			v = value_map_get(v, p);
	}
	free(copy);
	if (v == NULL)
		fail_msg("no %s in the output", path);
	return v;
}

static const char *
str_at(const struct value *v, const char *path)
{
	const struct value *s = at(v, path);

	return s->str ? s->str : "";
}

/* ---- adding and suppressing ---- */

static void
add_keeps_fields(void **state)
{
	struct findings	 f;

	(void)state;
	findings_init(&f);
	findings_add(&f, HD204, "azure.vpn_gateway", M(9, 10),
	    "gateway %s uses %d", "vpngw", 42);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.v[0].rule->id, "HD204");
	assert_string_equal(f.v[0].object, "azure.vpn_gateway");
	assert_string_equal(f.v[0].msg, "gateway vpngw uses 42");
	assert_int_equal(f.v[0].mark.line, 9);
	assert_int_equal(f.v[0].mark.col, 10);
	assert_false(f.v[0].suppressed);
	assert_int_equal(finding_level(&f.v[0]), DIAG_WARNING);
	findings_release(&f);
	assert_int_equal(f.n, 0);
	findings_release(&f);	/* twice is fine */
}

static void
unknown_rule_aborts(void **state)
{
	pid_t	 pid;
	int	 status;

	(void)state;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct findings	 f;

		/* Keep the child's abort message out of the test log. */
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(3);
		findings_init(&f);
		findings_add(&f, (enum rule_id)999, "x", M(1, 1), "no such rule");
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

static void
suppress_exact_object(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct diags	 d;

	(void)state;
	diags_init(&d);
	findings_init(&f);
	findings_add(&f, HD207, "azure.vpn_gateway", M(7, 3), "standby");
	findings_finish(&f, dsn, &d);
	assert_true(f.v[0].suppressed);
	assert_string_equal(f.v[0].reason, "accepted");
	assert_int_equal(findings_count(&f, DIAG_WARNING), 0);
	findings_release(&f);
	diags_release(&d);
	design_free(dsn);
}

static void
suppress_parent_path(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct diags	 d;

	(void)state;
	diags_init(&d);
	findings_init(&f);
	findings_add(&f, HD302, "sites.HQ.vpn.vpn1", M(15, 9), "asn");
	findings_finish(&f, dsn, &d);
	assert_true(f.v[0].suppressed);
	assert_string_equal(f.v[0].reason, "provider's ASN");
	findings_release(&f);
	diags_release(&d);
	design_free(dsn);
}

/* "sites.HQ" is not a parent of "sites.HQX", only a string prefix. */
static void
suppress_not_a_parent(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct diags	 d;

	(void)state;
	diags_init(&d);
	findings_init(&f);
	findings_add(&f, HD302, "sites.HQX.vpn.vpn1", M(15, 9), "asn");
	findings_add(&f, HD302, "sites", M(12, 1), "asn");
	findings_finish(&f, dsn, &d);
	assert_false(f.v[0].suppressed);
	assert_false(f.v[1].suppressed);
	assert_int_equal(findings_count(&f, DIAG_ERROR), 2);
	findings_release(&f);
	diags_release(&d);
	design_free(dsn);
}

/* An entry suppresses its own rule only. */
static void
suppress_other_rule(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct diags	 d;

	(void)state;
	diags_init(&d);
	findings_init(&f);
	findings_add(&f, HD204, "azure.vpn_gateway", M(9, 10), "non-AZ");
	findings_finish(&f, dsn, &d);
	assert_false(f.v[0].suppressed);
	assert_int_equal(findings_count(&f, DIAG_WARNING), 1);
	findings_release(&f);
	diags_release(&d);
	design_free(dsn);
}

/* Entries that match nothing become notes at their own line. */
static void
suppress_unmatched_note(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct diags	 d;
	size_t		 i, notes = 0;

	(void)state;
	diags_init(&d);
	findings_init(&f);
	/* HD501 on sites.HQ...: the entry says sites.H, which is no parent. */
	findings_add(&f, HD501, "sites.HQ.vpn.vpn1", M(15, 9), "ikev1");
	findings_finish(&f, dsn, &d);
	assert_false(f.v[0].suppressed);
	/* HD207, HD302 and HD501 entries all matched nothing. */
	for (i = 0; i < d.n; i++) {
		assert_int_equal(d.v[i].level, DIAG_NOTE);
		assert_string_equal(d.v[i].file, "designs/findings-test.yaml");
		assert_non_null(strstr(d.v[i].msg, "matches no finding"));
		notes++;
	}
	assert_int_equal(notes, 3);
	assert_int_equal(d.v[0].mark.line, 17);
	assert_non_null(strstr(d.v[0].msg, "HD207 on azure.vpn_gateway"));
	assert_null(d.v[0].id);
	assert_int_equal(d.v[2].mark.line, 19);
	assert_non_null(strstr(d.v[2].msg, "sites.H "));
	assert_int_equal(diags_errors(&d), 0);
	findings_release(&f);
	diags_release(&d);
	design_free(dsn);
}

static void
count_by_level(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct diags	 d;

	(void)state;
	diags_init(&d);
	findings_init(&f);
	findings_add(&f, HD101, "azure.vnet", M(6, 3), "e1");
	findings_add(&f, HD302, "sites.HQ.vpn.vpn1", M(15, 9), "e2 (gone)");
	findings_add(&f, HD204, "azure.vpn_gateway", M(9, 10), "w1");
	findings_add(&f, HD207, "azure.vpn_gateway", M(7, 3), "w2 (gone)");
	findings_add(&f, HD608, "sites.HQ", M(13, 5), "n1");
	findings_finish(&f, dsn, &d);
	assert_int_equal(findings_count(&f, DIAG_ERROR), 1);
	assert_int_equal(findings_count(&f, DIAG_WARNING), 1);
	assert_int_equal(findings_count(&f, DIAG_NOTE), 1);
	findings_release(&f);
	diags_release(&d);
	design_free(dsn);
}

/* Sorted by line, column, rule id, message, whatever the add order. */
static void
stable_order(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 a, b;
	struct findings_set sa, sb;
	struct buf	 ja = BUF_INIT, jb = BUF_INIT;
	struct diags	 d;

	(void)state;
	diags_init(&d);
	findings_init(&a);
	findings_init(&b);
	findings_add(&a, HD204, "azure.vpn_gateway", M(9, 10), "z");
	findings_add(&a, HD101, "azure.vnet", M(9, 10), "y");
	findings_add(&a, HD101, "azure.vnet", M(9, 10), "x");
	findings_add(&a, HD302, "sites.HQ", M(9, 2), "w");
	findings_add(&a, HD404, "circuits.c", M(3, 40), "v");
	/* The same, added the other way round. */
	findings_add(&b, HD404, "circuits.c", M(3, 40), "v");
	findings_add(&b, HD302, "sites.HQ", M(9, 2), "w");
	findings_add(&b, HD101, "azure.vnet", M(9, 10), "x");
	findings_add(&b, HD101, "azure.vnet", M(9, 10), "y");
	findings_add(&b, HD204, "azure.vpn_gateway", M(9, 10), "z");
	findings_finish(&a, dsn, &d);
	findings_finish(&b, dsn, &d);
	assert_string_equal(a.v[0].msg, "v");
	assert_string_equal(a.v[1].msg, "w");
	assert_string_equal(a.v[2].msg, "x");
	assert_string_equal(a.v[3].msg, "y");
	assert_string_equal(a.v[4].msg, "z");
	sa.dsn = sb.dsn = dsn;
	sa.f = &a;
	sb.f = &b;
	findings_json(&ja, &sa, 1);
	findings_json(&jb, &sb, 1);
	assert_string_equal(buf_cstr(&ja), buf_cstr(&jb));
	buf_truncate(&ja, 0);
	buf_truncate(&jb, 0);
	findings_sarif(&ja, &sa, 1);
	findings_sarif(&jb, &sb, 1);
	assert_string_equal(buf_cstr(&ja), buf_cstr(&jb));
	buf_release(&ja);
	buf_release(&jb);
	findings_release(&a);
	findings_release(&b);
	diags_release(&d);
	design_free(dsn);
}

/* ---- text ---- */

/* Two findings and one suppressed one, the suppressed listed last. */
static void
make_small(struct findings *f, struct design *dsn)
{
	struct diags	 d;

	diags_init(&d);
	findings_init(f);
	findings_add(f, HD207, "azure.vpn_gateway", M(7, 3),
	    "VPN gateway vpngw is active-standby");
	findings_add(f, HD204, "azure.vpn_gateway", M(9, 10),
	    "VPN gateway vpngw uses non-AZ SKU VpnGw1");
	findings_add(f, HD101, "azure.vnet", M(6, 9),
	    "VNet vnet-hub has no subnet named GatewaySubnet");
	findings_finish(f, dsn, &d);
	diags_release(&d);
}

static void
text_plain(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct findings_set set;
	char		*s;

	(void)state;
	make_small(&f, dsn);
	set.dsn = dsn;
	set.f = &f;
	s = text_of(&set, 1, 0);
	assert_string_equal(s,
	    "designs/findings-test.yaml:6:9: error: VNet vnet-hub has no "
	    "subnet named GatewaySubnet (object azure.vnet) [HD101]\n"
	    "designs/findings-test.yaml:9:10: warning: VPN gateway vpngw "
	    "uses non-AZ SKU VpnGw1 (object azure.vpn_gateway) [HD204]\n"
	    "designs/findings-test.yaml:7:3: note: suppressed HD207 "
	    "(accepted): VPN gateway vpngw is active-standby (object "
	    "azure.vpn_gateway) [HD207]\n");
	free(s);
	findings_release(&f);
	design_free(dsn);
}

/*
 * The format table: validate's and drift's --format names are
 * findings_formats[] in order (their dispatch indexes the table by them), and each writer
 * writes what the function it stands for writes.
 */
static void
format_table(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct findings_set set;
	struct findings_opts o = { 0, 0, NULL, NULL };
	struct diags	 none;
	struct buf	 got = BUF_INIT, want = BUF_INIT;
	char		*s;
	size_t		 i, c;
	const struct cmd *const cmds[] = { &validate_cmd, &drift_cmd };

	(void)state;
	diags_init(&none);
	for (c = 0; c < 2; c++) {
		for (i = 0; findings_formats[i].name != NULL; i++) {
			assert_non_null(cmds[c]->fmts[i].name);
			assert_string_equal(cmds[c]->fmts[i].name,
			    findings_formats[i].name);
			assert_int_equal(cmds[c]->fmts[i].id, (int)i);
		}
		assert_null(cmds[c]->fmts[i].name);
		assert_true(i >= 3);
	}
	make_small(&f, dsn);
	set.dsn = dsn;
	set.f = &f;
	findings_formats[0].write(&got, &set, 1, &o, &none);
	s = text_of(&set, 1, 0);
	assert_string_equal(buf_cstr(&got), s);
	free(s);
	buf_truncate(&got, 0);
	findings_formats[2].write(&got, &set, 1, &o, &none);
	findings_sarif_inputs(&want, &set, 1, &none);
	assert_string_equal(buf_cstr(&got), buf_cstr(&want));
	/* drift's SARIF run is named after drift, not validate. */
	assert_non_null(strstr(buf_cstr(&got), "\"automationDetails\": "
	    "{\"id\": \"hybridoc/validate/\"}"));
	buf_truncate(&got, 0);
	o.command = "drift";
	findings_formats[2].write(&got, &set, 1, &o, &none);
	assert_non_null(strstr(buf_cstr(&got), "\"automationDetails\": "
	    "{\"id\": \"hybridoc/drift/\"}"));
	assert_null(strstr(buf_cstr(&got), "hybridoc/validate/"));
	buf_release(&got);
	buf_release(&want);
	diags_release(&none);
	findings_release(&f);
	design_free(dsn);
}

static void
text_colour(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct findings_set set;
	char		*s;

	(void)state;
	make_small(&f, dsn);
	set.dsn = dsn;
	set.f = &f;
	s = text_of(&set, 1, 1);
	assert_non_null(strstr(s, "\033[1;31merror:\033[0m VNet"));
	assert_non_null(strstr(s, "\033[1;35mwarning:\033[0m VPN"));
	assert_non_null(strstr(s, "(object azure.vpn_gateway) [HD204]\n"));
	free(s);
	s = text_of(&set, 1, 0);
	assert_null(strchr(s, '\033'));
	free(s);
	findings_release(&f);
	design_free(dsn);
}

/* A finding without a position prints the file alone. */
static void
text_no_position(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct findings_set set;
	char		*s;

	(void)state;
	findings_init(&f);
	findings_add(&f, HD702, "azure.vnet", M(0, 0), "too many");
	set.dsn = dsn;
	set.f = &f;
	s = text_of(&set, 1, 0);
	assert_string_equal(s, "designs/findings-test.yaml: error: too many "
	    "(object azure.vnet) [HD702]\n");
	free(s);
	findings_release(&f);
	design_free(dsn);
}

/* ---- JSON ---- */

static void
json_shape(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct findings_set set;
	struct buf	 b = BUF_INIT;

	(void)state;
	make_small(&f, dsn);
	set.dsn = dsn;
	set.f = &f;
	findings_json(&b, &set, 1);
	assert_string_equal(buf_cstr(&b),
	    "{\n"
	    "  \"designs\": [\n"
	    "    {\n"
	    "      \"file\": \"designs/findings-test.yaml\",\n"
	    "      \"name\": \"findings-test\",\n"
	    "      \"errors\": 1,\n"
	    "      \"warnings\": 1,\n"
	    "      \"findings\": [\n"
	    "        {\"rule\": \"HD101\", \"severity\": \"error\", "
	    "\"object\": \"azure.vnet\", \"line\": 6, \"column\": 9, "
	    "\"message\": \"VNet vnet-hub has no subnet named GatewaySubnet\", "
	    "\"help\": \"https://learn.microsoft.com/en-us/azure/expressroute/"
	    "expressroute-about-virtual-network-gateways\", "
	    "\"suppressed\": false},\n"
	    "        {\"rule\": \"HD207\", \"severity\": \"warning\", "
	    "\"object\": \"azure.vpn_gateway\", \"line\": 7, \"column\": 3, "
	    "\"message\": \"VPN gateway vpngw is active-standby\", "
	    "\"help\": \"https://learn.microsoft.com/en-us/azure/vpn-gateway/"
	    "vpn-gateway-highlyavailable\", \"suppressed\": true, "
	    "\"reason\": \"accepted\"},\n"
	    "        {\"rule\": \"HD204\", \"severity\": \"warning\", "
	    "\"object\": \"azure.vpn_gateway\", \"line\": 9, \"column\": 10, "
	    "\"message\": \"VPN gateway vpngw uses non-AZ SKU VpnGw1\", "
	    "\"help\": \"https://learn.microsoft.com/en-us/azure/vpn-gateway/"
	    "about-gateway-skus\", \"suppressed\": false}\n"
	    "      ]\n"
	    "    }\n"
	    "  ],\n"
	    "  \"input_errors\": [],\n"
	    "  \"summary\": {\"designs\": 1, \"checked\": 1, "
	    "\"not_checked\": 0, \"input_errors\": 0, \"errors\": 1, "
	    "\"warnings\": 1, \"suppressed\": 1}\n"
	    "}\n");
	buf_release(&b);
	findings_release(&f);
	design_free(dsn);
}

static void
json_empty(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct findings_set set;
	struct buf	 b = BUF_INIT;
	struct value	*v;

	(void)state;
	findings_init(&f);
	set.dsn = dsn;
	set.f = &f;
	findings_json(&b, &set, 1);
	v = parse(&b);
	assert_int_equal(at(v, "designs/0/findings")->kind, VALUE_LIST);
	assert_int_equal(at(v, "designs/0/findings")->n, 0);
	assert_int_equal((int)at(v, "summary/errors")->num, 0);
	value_free(v);
	buf_truncate(&b, 0);
	findings_json(&b, NULL, 0);
	v = parse(&b);
	assert_int_equal(at(v, "designs")->n, 0);
	value_free(v);
	buf_release(&b);
	findings_release(&f);
	design_free(dsn);
}

static const char nasty[] = "say \"hi\" to C:\\temp\nthen <b>&</b>";

static void
json_escaping(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct findings_set set;
	struct buf	 b = BUF_INIT;
	struct value	*v;

	(void)state;
	findings_init(&f);
	findings_add(&f, HD404, "circuits.c", M(3, 4), "%s", nasty);
	set.dsn = dsn;
	set.f = &f;
	findings_json(&b, &set, 1);
	assert_non_null(strstr(buf_cstr(&b), "\"say \\\"hi\\\" to C:\\\\temp"
	    "\\nthen \\u003cb\\u003e\\u0026\\u003c/b\\u003e\""));
	assert_null(strchr(buf_cstr(&b), '<'));
	v = parse(&b);
	assert_string_equal(str_at(v, "designs/0/findings/0/message"), nasty);
	value_free(v);
	buf_release(&b);
	findings_release(&f);
	design_free(dsn);
}

/* Two designs: one entry each, and the summary adds them up. */
static void
json_two_designs(void **state)
{
	struct design	*d1 = load_design();
	struct design	*d2 = load_as("other.yaml", design_yaml);
	struct findings	 f1, f2;
	struct findings_set sets[2];
	struct buf	 b = BUF_INIT;
	struct value	*v;

	(void)state;
	make_small(&f1, d1);
	findings_init(&f2);
	findings_add(&f2, HD303, "sites.HQ", M(14, 5), "same asn");
	sets[0].dsn = d1;
	sets[0].f = &f1;
	sets[1].dsn = d2;
	sets[1].f = &f2;
	findings_json(&b, sets, 2);
	v = parse(&b);
	assert_string_equal(str_at(v, "designs/1/file"), "other.yaml");
	assert_int_equal((int)at(v, "designs/1/errors")->num, 1);
	assert_int_equal((int)at(v, "summary/designs")->num, 2);
	assert_int_equal((int)at(v, "summary/errors")->num, 2);
	assert_int_equal((int)at(v, "summary/warnings")->num, 1);
	assert_int_equal((int)at(v, "summary/suppressed")->num, 1);
	assert_int_equal(at(v, "designs/0/findings/1/suppressed")->b, 1);
	assert_string_equal(str_at(v, "designs/0/findings/1/reason"),
	    "accepted");
	value_free(v);
	buf_release(&b);
	findings_release(&f1);
	findings_release(&f2);
	design_free(d1);
	design_free(d2);
}

/* ---- SARIF ---- */

static void
sarif_driver(void **state)
{
	struct findings	 f;
	struct buf	 b = BUF_INIT;
	struct value	*v;
	const struct value *rl;
	const struct rule *r;
	char		 path[64];
	size_t		 i;

	(void)state;
	findings_init(&f);
	findings_sarif(&b, NULL, 0);
	v = parse(&b);
	assert_string_equal(str_at(v, "$schema"),
	    "https://json.schemastore.org/sarif-2.1.0.json");
	assert_string_equal(str_at(v, "version"), "2.1.0");
	assert_int_equal(at(v, "runs")->n, 1);
	assert_string_equal(str_at(v, "runs/0/tool/driver/name"), "hybridoc");
	assert_true(strlen(str_at(v, "runs/0/tool/driver/version")) > 0);
	assert_memory_equal(str_at(v, "runs/0/tool/driver/informationUri"),
	    "https://", 8);
	assert_int_equal(at(v, "runs/0/results")->n, 0);
	/* Every catalog rule, in catalog order, HD6xx included. */
	rl = at(v, "runs/0/tool/driver/rules");
	for (r = rules, i = 0; r->id != NULL; r++, i++) {
		snprintf(path, sizeof(path), "%zu/id", i);
		assert_string_equal(str_at(rl, path), r->id);
		snprintf(path, sizeof(path), "%zu/shortDescription/text", i);
		assert_string_equal(str_at(rl, path), r->title);
		snprintf(path, sizeof(path), "%zu/helpUri", i);
		assert_string_equal(str_at(rl, path), r->help);
		snprintf(path, sizeof(path), "%zu/defaultConfiguration/level",
		    i);
		assert_string_equal(str_at(rl, path), r->level == DIAG_ERROR ?
		    "error" : r->level == DIAG_WARNING ? "warning" : "note");
		snprintf(path, sizeof(path), "%zu/name", i);
		assert_true(strlen(str_at(rl, path)) > 0);
		assert_null(strchr(str_at(rl, path), ' '));
	}
	/* Then the input errors, HD001 up. */
	for (r = input_rules; r->id != NULL; r++, i++) {
		snprintf(path, sizeof(path), "%zu/id", i);
		assert_string_equal(str_at(rl, path), r->id);
		snprintf(path, sizeof(path), "%zu/defaultConfiguration/level",
		    i);
		assert_string_equal(str_at(rl, path), "error");
	}
	assert_int_equal(rl->n, i);
	assert_int_equal(i, RULE_COUNT + INPUT_COUNT);
	/* What GitHub and Azure DevOps want of each rule and the run. */
	for (i = 0; i < rl->n; i++) {
		r = i < RULE_COUNT ? &rules[i] : &input_rules[i - RULE_COUNT];
		snprintf(path, sizeof(path), "%zu/fullDescription/text", i);
		assert_string_equal(str_at(rl, path), r->description);
		snprintf(path, sizeof(path), "%zu/help/text", i);
		assert_non_null(strstr(str_at(rl, path), r->fix));
		assert_non_null(r->why);
		assert_non_null(strstr(str_at(rl, path), r->why));
		snprintf(path, sizeof(path), "%zu/help/markdown", i);
		assert_non_null(strstr(str_at(rl, path), r->fix));
		assert_non_null(strstr(str_at(rl, path), r->why));
		/* Input errors and diagnose's findings (about the live
		 * network) cannot be suppressed; the help says so. */
		if (i < RULE_COUNT && rule_suppressible(r)) {
			assert_non_null(strstr(str_at(rl, path), "suppress:"));
			assert_null(strstr(str_at(rl, path), "cannot be "
			    "suppressed"));
		} else {
			assert_non_null(strstr(str_at(rl, path), "cannot be "
			    "suppressed"));
			assert_null(strstr(str_at(rl, path), "suppress:"));
		}
		assert_int_equal(rule_suppressible(r) || i >= RULE_COUNT,
		    strncmp(r->id, "HD9", 3) != 0);
	}
	assert_string_equal(str_at(rl, "0/name"),
	    "NoSubnetIsNamedExactlyGatewaySubnet");
	assert_memory_equal(str_at(v, "runs/0/tool/driver/fullName"),
	    "hybridoc ", 9);
	assert_string_equal(str_at(v, "runs/0/automationDetails/id"),
	    "hybridoc/validate/");
	assert_int_equal(at(v, "runs/0/invocations/0/executionSuccessful")->kind,
	    VALUE_BOOL);
	assert_true(at(v, "runs/0/invocations/0/executionSuccessful")->b);
	value_free(v);
	buf_release(&b);
	findings_release(&f);
}

static void
sarif_results(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct findings_set set;
	struct buf	 b = BUF_INIT;
	struct value	*v;
	const struct value *res;

	(void)state;
	make_small(&f, dsn);
	set.dsn = dsn;
	set.f = &f;
	findings_sarif(&b, &set, 1);
	v = parse(&b);
	res = at(v, "runs/0/results");
	assert_int_equal(res->n, 3);
	assert_string_equal(str_at(res, "0/ruleId"), "HD101");
	assert_int_equal((int)at(res, "0/ruleIndex")->num, 0);
	assert_string_equal(str_at(res, "0/level"), "error");
	assert_string_equal(str_at(res, "0/message/text"),
	    "VNet vnet-hub has no subnet named GatewaySubnet");
	assert_string_equal(str_at(res,
	    "0/locations/0/physicalLocation/artifactLocation/uri"),
	    "designs/findings-test.yaml");
	assert_int_equal((int)at(res,
	    "0/locations/0/physicalLocation/region/startLine")->num, 6);
	assert_int_equal((int)at(res,
	    "0/locations/0/physicalLocation/region/startColumn")->num, 9);
	assert_string_equal(str_at(res,
	    "0/locations/0/logicalLocations/0/fullyQualifiedName"),
	    "azure.vnet");
	assert_null(value_map_get(at(res, "0"), "suppressions"));
	/* The suppressed one keeps its place and says why. */
	assert_string_equal(str_at(res, "1/ruleId"), "HD207");
	assert_ptr_equal(&rules[(size_t)at(res, "1/ruleIndex")->num],
	    rule_find("HD207"));
	assert_string_equal(str_at(res, "1/suppressions/0/kind"), "inSource");
	assert_string_equal(str_at(res, "1/suppressions/0/justification"),
	    "accepted");
	assert_string_equal(str_at(res, "2/level"), "warning");
	value_free(v);
	buf_release(&b);
	findings_release(&f);
	design_free(dsn);
}

static void
sarif_escaping(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct findings_set set;
	struct buf	 b = BUF_INIT;
	struct value	*v;

	(void)state;
	findings_init(&f);
	findings_add(&f, HD404, "circuits.c", M(3, 4), "%s", nasty);
	set.dsn = dsn;
	set.f = &f;
	findings_sarif(&b, &set, 1);
	assert_non_null(strstr(buf_cstr(&b), "\"say \\\"hi\\\" to C:\\\\temp"
	    "\\nthen \\u003cb\\u003e"));
	assert_null(strchr(buf_cstr(&b), '<'));
	v = parse(&b);
	assert_string_equal(str_at(v, "runs/0/results/0/message/text"),
	    nasty);
	value_free(v);
	buf_release(&b);
	findings_release(&f);
	design_free(dsn);
}

/* The artifact URI of a design loaded under name. */
static char *
uri_for(const char *name)
{
	struct design	*dsn = load_as(name, design_yaml);
	struct findings	 f;
	struct findings_set set;
	struct buf	 b = BUF_INIT;
	struct value	*v;
	char		*uri;

	findings_init(&f);
	findings_add(&f, HD404, "circuits.c", M(3, 4), "x");
	set.dsn = dsn;
	set.f = &f;
	findings_sarif(&b, &set, 1);
	v = parse(&b);
	uri = xstrdup(str_at(v, "runs/0/results/0/locations/0/"
	    "physicalLocation/artifactLocation/uri"));
	value_free(v);
	buf_release(&b);
	findings_release(&f);
	design_free(dsn);
	return uri;
}

#define URI_TEST(fn, name, want)					\
	static void fn(void **state)					\
	{								\
		char	*u = uri_for(name);				\
									\
		(void)state;						\
		assert_string_equal(u, want);				\
		free(u);						\
	}

URI_TEST(sarif_uri_plain, "designs/a.yaml", "designs/a.yaml")
URI_TEST(sarif_uri_dot_slash, "./designs/a.yaml", "designs/a.yaml")
URI_TEST(sarif_uri_dot_slashes, "././/designs/a.yaml", "designs/a.yaml")
URI_TEST(sarif_uri_backslash, ".\\designs\\a.yaml", "designs/a.yaml")
URI_TEST(sarif_uri_space, "my designs/a b.yaml", "my%20designs/a%20b.yaml")
URI_TEST(sarif_uri_percent, "a%b.yaml", "a%25b.yaml")
URI_TEST(sarif_uri_stdin, "<stdin>", "%3Cstdin%3E")
URI_TEST(sarif_uri_parent, "../x/a.yaml", "../x/a.yaml")

/*
 * Validates a SARIF log with suppressed, escaped, position-less and
 * multi-design results against the official schema (and GitHub's
 * extra expectations) through tests/sarif/validate.sh.
 */
static void
sarif_schema_valid(void **state)
{
	struct design	*d1 = load_design();
	struct design	*d2 = load_as("./other dir\\b.yaml", design_yaml);
	struct findings	 f1, f2;
	struct findings_set sets[2];
	struct buf	 b = BUF_INIT;
	char		 tmp[] = "/tmp/hybridoc-sarif-XXXXXX";
	char		 cmd[256];
	int		 fd, rc;
	FILE		*fp;

	(void)state;
	if ((fp = fopen("tests/sarif/validate.sh", "r")) == NULL)
		skip();
	fclose(fp);
	make_small(&f1, d1);
	findings_add(&f1, HD702, "azure.vnet", M(0, 0), "no position");
	findings_init(&f2);
	findings_add(&f2, HD404, "circuits.c", M(3, 4), "%s", nasty);
	findings_add(&f2, HD608, "sites.HQ", M(13, 5), "note level");
	sets[0].dsn = d1;
	sets[0].f = &f1;
	sets[1].dsn = d2;
	sets[1].f = &f2;
	findings_sarif(&b, sets, 2);
	fd = mkstemp(tmp);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, b.ptr, b.len), (ssize_t)b.len);
	close(fd);
	snprintf(cmd, sizeof(cmd), "sh tests/sarif/validate.sh %s", tmp);
	rc = system(cmd);
	unlink(tmp);
	buf_release(&b);
	findings_release(&f1);
	findings_release(&f2);
	design_free(d1);
	design_free(d2);
	if (WIFEXITED(rc) && WEXITSTATUS(rc) == 77)
		skip();
	assert_true(WIFEXITED(rc));
	assert_int_equal(WEXITSTATUS(rc), 0);
}

/* A validator that rejects nothing would prove nothing. */
static void
sarif_schema_rejects_bad(void **state)
{
	static const char bad[] = "{\"version\": \"2.1.0\", \"runs\": "
	    "[{\"tool\": {\"driver\": {\"name\": \"x\"}}, \"results\": "
	    "[{\"ruleId\": \"HD101\", \"level\": \"fatal\", "
	    "\"message\": {\"text\": \"m\"}}]}]}\n";
	char		 tmp[] = "/tmp/hybridoc-sarif-XXXXXX";
	char		 cmd[256];
	int		 fd, rc;
	FILE		*fp;

	(void)state;
	if ((fp = fopen("tests/sarif/validate.sh", "r")) == NULL)
		skip();
	fclose(fp);
	fd = mkstemp(tmp);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bad, sizeof(bad) - 1),
	    (ssize_t)(sizeof(bad) - 1));
	close(fd);
	snprintf(cmd, sizeof(cmd), "sh tests/sarif/validate.sh %s "
	    "2>/dev/null", tmp);
	rc = system(cmd);
	unlink(tmp);
	if (WIFEXITED(rc) && WEXITSTATUS(rc) == 77)
		skip();
	assert_true(WIFEXITED(rc));
	assert_int_equal(WEXITSTATUS(rc), 1);
}

static void
sarif_deterministic(void **state)
{
	struct design	*dsn = load_design();
	struct findings	 f;
	struct findings_set set;
	struct buf	 a = BUF_INIT, b = BUF_INIT;

	(void)state;
	make_small(&f, dsn);
	set.dsn = dsn;
	set.f = &f;
	findings_sarif(&a, &set, 1);
	findings_sarif(&b, &set, 1);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	assert_int_equal(a.ptr[a.len - 1], '\n');
	buf_release(&a);
	buf_release(&b);
	findings_release(&f);
	design_free(dsn);
}

/* ---- the Azure Pipelines identity of a SARIF run ---- */

/* The environment of an Azure Pipelines job, one "NAME=value" each. */
static const char *const *fake_env;

static char *
fake_get(const char *name)
{
	const char *const *e;
	size_t		 n = strlen(name);

	for (e = fake_env; e != NULL && *e != NULL; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return (char *)(*e + n + 1);
	return NULL;
}

#define ADO_VARS \
	"SYSTEM_COLLECTIONURI=https://dev.azure.com/contoso/", \
	"SYSTEM_TEAMPROJECTID=AAAAAAAA-1111-2222-3333-444444444444", \
	"SYSTEM_DEFINITIONID=42", "BUILD_DEFINITIONNAME=designs \"nightly\"", \
	"BUILD_BUILDID=98765", \
	"SYSTEM_JOBID=12f1170f-54f2-53f3-20dd-22fc7dff55f9", \
	"SYSTEM_JOBNAME=__default", \
	"SYSTEM_PHASEID=3a3a2a60-14c7-570b-14a4-fa42ad92f52a", \
	"SYSTEM_PHASENAME=Job", "BUILD_SOURCEBRANCH=refs/heads/main"

static void
sarif_ado_pipeline(void **state)
{
	static const char *const full[] = { "TF_BUILD=True", ADO_VARS, NULL };
	struct sarif_ado a = SARIF_ADO_INIT;
	struct buf	 err = BUF_INIT, b = BUF_INIT;
	struct value	*v;

	(void)state;
	fake_env = full;
	assert_int_equal(sarif_ado_detect(&a, fake_get, &err), 1);
	assert_int_equal(err.len, 0);
	/* The phase, not the job, when both are set; GUIDs lower case. */
	assert_string_equal(a.id, "azuredevops/pipeline/build/contoso/"
	    "aaaaaaaa-1111-2222-3333-444444444444/42/"
	    "3a3a2a60-14c7-570b-14a4-fa42ad92f52a/refs/heads/main/98765");
	assert_string_equal(a.definition_id, "42");
	assert_string_equal(a.phase_id,
	    "3a3a2a60-14c7-570b-14a4-fa42ad92f52a");
	assert_string_equal(a.phase_name, "Job");
	findings_sarif_ado(&b, NULL, 0, NULL, &a);
	v = parse(&b);
	assert_non_null(v);
	assert_string_equal(str_at(v, "runs/0/automationDetails/id"), a.id);
	{
		const struct value *p = at(v, "runs/0/automationDetails/"
		    "properties");
		static const char *const keys[][2] = {
			{ "buildDefinitionId", "42" },
			{ "buildDefinitionName", "designs \"nightly\"" },
			{ "phaseId", "3a3a2a60-14c7-570b-14a4-fa42ad92f52a" },
			{ "phaseName", "Job" },
		};
		char		 k[80];
		size_t		 i;

		for (i = 0; i < 4; i++) {
			snprintf(k, sizeof(k), "azuredevops/pipeline/build/%s",
			    keys[i][0]);
			assert_non_null(value_map_get(p, k));
			assert_string_equal(value_map_get(p, k)->str,
			    keys[i][1]);
		}
	}
	value_free(v);
	buf_release(&b);
	sarif_ado_release(&a);
	buf_release(&err);
}

static void
sarif_ado_outside(void **state)
{
	static const char *const none[] = { NULL };
	static const char *const no_tf[] = { ADO_VARS, NULL };
	static const char *const tf_only[] = { "TF_BUILD=True", NULL };
	static const char *const tf_false[] = { "TF_BUILD=False", ADO_VARS,
	    NULL };
	const char *const *envs[] = { none, no_tf, tf_only, tf_false };
	struct sarif_ado a = SARIF_ADO_INIT;
	struct buf	 err = BUF_INIT, b = BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(envs) / sizeof(envs[0]); i++) {
		fake_env = envs[i];
		assert_int_equal(sarif_ado_detect(&a, fake_get, &err), 0);
		assert_null(a.id);
		assert_int_equal(err.len, 0);
	}
	/* Outside a pipeline the run keeps hybridoc's own id. */
	findings_sarif_ado(&b, NULL, 0, NULL, NULL);
	assert_non_null(strstr(buf_cstr(&b), "\"automationDetails\": "
	    "{\"id\": \"hybridoc/validate/\"}"));
	buf_release(&b);
}

static void
sarif_ado_incomplete(void **state)
{
	static const char *const part[] = { "TF_BUILD=True",
	    "SYSTEM_COLLECTIONURI=https://contoso.visualstudio.com/",
	    "SYSTEM_TEAMPROJECTID=00000000-0000-0000-0000-000000000000",
	    "BUILD_DEFINITIONID=7", "SYSTEM_DEFINITIONID=8",
	    "BUILD_BUILDID=0", "SYSTEM_JOBID=not-a-guid", NULL };
	static const char *const badorg[] = { "TF_BUILD=true",
	    "SYSTEM_COLLECTIONURI=https://example.org/contoso/",
	    "SYSTEM_TEAMPROJECTID=aaaaaaaa-1111-2222-3333-444444444444",
	    "SYSTEM_DEFINITIONID=42", "BUILD_DEFINITIONNAME=d",
	    "BUILD_BUILDID=1", "SYSTEM_JOBID=12f1170f-54f2-53f3-20dd-"
	    "22fc7dff55f9", "SYSTEM_JOBNAME=j",
	    "BUILD_SOURCEBRANCH=refs/heads/x", NULL };
	struct sarif_ado a = SARIF_ADO_INIT;
	struct buf	 err = BUF_INIT;
	const char	*e;

	(void)state;
	fake_env = part;
	assert_int_equal(sarif_ado_detect(&a, fake_get, &err), -1);
	assert_null(a.id);
	e = buf_cstr(&err);
	assert_non_null(strstr(e, "SYSTEM_TEAMPROJECTID='00000000-0000-"
	    "0000-0000-000000000000' is not a GUID"));
	assert_non_null(strstr(e, "BUILD_DEFINITIONID and "
	    "SYSTEM_DEFINITIONID disagree"));
	assert_non_null(strstr(e, "BUILD_DEFINITIONNAME is not set"));
	assert_non_null(strstr(e, "BUILD_BUILDID='0' is not a positive"));
	assert_non_null(strstr(e, "SYSTEM_JOBID='not-a-guid' is not a "
	    "GUID"));
	assert_non_null(strstr(e, "SYSTEM_PHASENAME (or SYSTEM_JOBNAME) is "
	    "not set"));
	assert_non_null(strstr(e, "BUILD_SOURCEBRANCH is not set"));
	assert_null(strstr(e, "SYSTEM_COLLECTIONURI"));
	buf_truncate(&err, 0);
	fake_env = badorg;
	assert_int_equal(sarif_ado_detect(&a, fake_get, &err), -1);
	assert_non_null(strstr(buf_cstr(&err), "SYSTEM_COLLECTIONURI="
	    "'https://example.org/contoso/' names no Azure DevOps "
	    "organization"));
	buf_release(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(add_keeps_fields),
		cmocka_unit_test(format_table),
		cmocka_unit_test(unknown_rule_aborts),
		cmocka_unit_test(suppress_exact_object),
		cmocka_unit_test(suppress_parent_path),
		cmocka_unit_test(suppress_not_a_parent),
		cmocka_unit_test(suppress_other_rule),
		cmocka_unit_test(suppress_unmatched_note),
		cmocka_unit_test(count_by_level),
		cmocka_unit_test(stable_order),
		cmocka_unit_test(text_plain),
		cmocka_unit_test(text_colour),
		cmocka_unit_test(text_no_position),
		cmocka_unit_test(json_shape),
		cmocka_unit_test(json_empty),
		cmocka_unit_test(json_escaping),
		cmocka_unit_test(json_two_designs),
		cmocka_unit_test(sarif_driver),
		cmocka_unit_test(sarif_ado_pipeline),
		cmocka_unit_test(sarif_ado_outside),
		cmocka_unit_test(sarif_ado_incomplete),
		cmocka_unit_test(sarif_results),
		cmocka_unit_test(sarif_escaping),
		cmocka_unit_test(sarif_uri_plain),
		cmocka_unit_test(sarif_uri_dot_slash),
		cmocka_unit_test(sarif_uri_dot_slashes),
		cmocka_unit_test(sarif_uri_backslash),
		cmocka_unit_test(sarif_uri_space),
		cmocka_unit_test(sarif_uri_percent),
		cmocka_unit_test(sarif_uri_stdin),
		cmocka_unit_test(sarif_uri_parent),
		cmocka_unit_test(sarif_deterministic),
		cmocka_unit_test(sarif_schema_valid),
		cmocka_unit_test(sarif_schema_rejects_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

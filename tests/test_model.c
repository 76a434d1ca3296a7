/*
 * docs/model.md stays true: the parts of it that can be generated are,
 * here, and compared with the page.  Between "<!-- generated: NAME -->"
 * and "<!-- end: NAME -->" the page holds the SKU tables of sku.h (with
 * each row's source) and the simulation of designs/contoso-eastus.yaml
 * used as the worked example.  A change to a SKU figure or to the
 * simulation fails this test until the page is regenerated with
 * REGEN=1 (make regen-model), after reading the difference.  Paths are
 * relative to the repository root, where `make test` runs.
 */
#include "testutil.h"

#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/sim.h"
#include "hybridoc/sku.h"
#include "hybridoc/xalloc.h"

#define MODEL		"docs/model.md"
#define EXAMPLE		"designs/contoso-eastus.yaml"
#define EXAMPLE_SCEN	"circuit-down:er-eus-equinix-dc"

static char *
slurp(const char *path)
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
	return s;
}

static void
mbps(struct buf *b, long v)
{
	if (v == 0)
		buf_puts(b, "—");
	else
		buf_printf(b, "%ld", v);
}

/* The two SKU tables, one row per SKU with its source. */
static void
sku_tables(struct buf *b)
{
	size_t	 i;

	buf_puts(b, "| ExpressRoute gateway SKU | Mbps | routes learned | "
	    "circuits | FastPath | zone-redundant | legacy | source |\n"
	    "|---|---|---|---|---|---|---|---|\n");
	for (i = 0; er_sku_names[i] != NULL; i++) {
		const struct er_sku_row *r = &er_sku_rows[i];
		int	 scale = i == ER_SKU_ERGWSCALE;

		buf_printf(b, "| %s | %ld%s | %ld%s | %s | %s | %s | %s | "
		    "<%s> |\n", r->name, r->mbps, scale ? " per scale unit "
		    "(1-40)" : "", r->routes, scale ? " per gateway" : "",
		    scale ? "4; 8 from 2 units; 16 from 10 units" :
		    (r->circuits == 4 ? "4" : r->circuits == 8 ? "8" : "16"),
		    scale ? "from 10 units" : r->fastpath ? "yes" : "no",
		    r->zone_redundant ? "yes" : "no",
		    r->legacy ? "yes" : "no", r->source);
	}
	buf_puts(b, "\n| VPN gateway SKU | Mbps, generation 1 | Mbps, "
	    "generation 2 | S2S tunnels | zone-redundant | legacy | source |\n"
	    "|---|---|---|---|---|---|---|\n");
	for (i = 0; vpn_sku_names[i] != NULL; i++) {
		const struct vpn_sku_row *r = &vpn_sku_rows[i];

		buf_printf(b, "| %s | ", r->name);
		mbps(b, r->mbps_gen1);
		buf_puts(b, " | ");
		mbps(b, r->legacy ? 0 : r->mbps_gen2);
		buf_printf(b, " | %ld | %s | %s | <%s> |\n", r->tunnels,
		    r->zone_redundant ? "yes" : "no", r->legacy ? "yes" : "no",
		    r->source);
	}
}

/* The worked example: simulate's text for one scenario of EXAMPLE. */
static void
example(struct buf *b)
{
	struct diags	 d;
	struct design	*dsn;
	struct sim	*s;

	diags_init(&d);
	dsn = design_load(EXAMPLE, &d);
	if (dsn == NULL)
		fail_msg("%s does not load", EXAMPLE);
	diags_release(&d);
	s = sim_run(dsn, 0);
	buf_puts(b, "```\n$ hybridoc simulate " EXAMPLE " --scenario "
	    EXAMPLE_SCEN "\n");
	sim_text(b, s, EXAMPLE_SCEN, 0);
	buf_puts(b, "```\n");
	sim_free(s);
	design_free(dsn);
}

/*
 * Checks (or with REGEN set rewrites) the block NAME of text against
 * want; returns the text, possibly rewritten (caller frees).
 */
static char *
block(char *text, const char *name, const char *want, int *changed)
{
	char		 open[64], close[64];
	char		*a, *z;
	struct buf	 out = BUF_INIT;

	snprintf(open, sizeof(open), "<!-- generated: %s -->\n", name);
	snprintf(close, sizeof(close), "<!-- end: %s -->", name);
	if ((a = strstr(text, open)) == NULL ||
	    (z = strstr(a, close)) == NULL) {
		fail_msg(MODEL " has no block %s", name);
		return text;	/* not reached: fail_msg does not return */
	}
	a += strlen(open);
	if ((size_t)(z - a) == strlen(want) &&
	    memcmp(a, want, strlen(want)) == 0)
		return text;
	if (getenv("REGEN") == NULL || *getenv("REGEN") == '\0')
		fail_msg(MODEL ": block %s is stale; rerun with REGEN=1 "
		    "(make regen-model) after reading the difference", name);
	buf_put(&out, text, (size_t)(a - text));
	buf_puts(&out, want);
	buf_puts(&out, z);
	free(text);
	*changed = 1;
	return buf_detach(&out, NULL);
}

static void
model_is_current(void **state)
{
	struct buf	 skus = BUF_INIT, ex = BUF_INIT;
	char		*text;
	int		 changed = 0;
	FILE		*fp;

	(void)state;
	sku_tables(&skus);
	example(&ex);
	text = slurp(MODEL);
	text = block(text, "sku-tables", buf_cstr(&skus), &changed);
	text = block(text, "example", buf_cstr(&ex), &changed);
	if (changed) {
		if ((fp = fopen(MODEL, "wb")) == NULL ||
		    fputs(text, fp) == EOF || fclose(fp) != 0)
			fail_msg("cannot write " MODEL);
	}
	free(text);
	buf_release(&skus);
	buf_release(&ex);
}

/* The numbers the audit corrected stay corrected. */
static void
sku_facts(void **state)
{
	(void)state;
	assert_int_equal(er_sku_rows[ER_SKU_ERGWSCALE].routes, 60000);
	assert_int_equal(er_sku_rows[ER_SKU_ERGW2AZ].routes, 9500);
	assert_int_equal(er_sku_rows[ER_SKU_ERGW1AZ].routes, 4000);
	assert_int_equal(vpn_sku_rows[VPN_SKU_VPNGW2AZ].mbps_gen2, 1250);
	assert_string_equal(er_sku_names[ER_SKU_ERGWSCALE], "ErGwScale");
	assert_null(er_sku_names[ER_SKU_ERGWSCALE + 1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sku_facts),
		cmocka_unit_test(model_is_current),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

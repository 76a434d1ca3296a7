/*
 * libFuzzer harness for the importer: the input is read as JSON
 * (jsonin_parse, with its limits), then as ARM resources and as
 * `terraform show -json` output into one model of what is deployed,
 * which import_design turns into a design.  Laws: a parse that fails
 * leaves an error; whatever import_design accepts loads as a design
 * (it checks so itself, and a second load here must agree); the output
 * never holds the marker of a shared key planted in the dictionary;
 * the same input gives the same bytes twice.  A broken law traps.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/deployed.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/import.h"
#include "hybridoc/jsonin.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)	do { if (!(c)) __builtin_trap(); } while (0)

/* One import of data; the design's text in out, or nothing. */
static int
run(const uint8_t *data, size_t size, struct buf *out)
{
	struct diags	 d;
	struct deployed	 dp;
	json_t		*j;
	int		 ok = 0;

	diags_init(&d);
	deployed_init(&dp);
	j = jsonin_parse("fuzz.json", (const char *)data, size, &d);
	if (j == NULL) {
		CHECK(diags_errors(&d) > 0);
		goto out;
	}
	(void)deployed_from_arm_json(&dp, "fuzz.json", j, &d);
	(void)deployed_from_terraform_json(&dp, "fuzz.json", j, &d);
	json_decref(j);
	deployed_finish(&dp, &d);
	if (diags_errors(&d) > 0)
		goto out;
	ok = import_design(&dp, NULL, NULL, "arm", out, &d);
out:
	deployed_release(&dp);
	diags_release(&d);
	return ok;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	struct diags	 d;
	struct design	*dsn;
	int		 ok;

	ok = run(data, size, &a);
	if (ok) {
		CHECK(strstr(buf_cstr(&a), "FUZZ-SHARED-KEY") == NULL);
		diags_init(&d);
		dsn = design_load_mem("again.yaml", buf_cstr(&a), a.len, &d);
		CHECK(dsn != NULL);
		design_free(dsn);
		diags_release(&d);
		CHECK(run(data, size, &b) == 1);
		CHECK(a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
	}
	buf_release(&a);
	buf_release(&b);
	return 0;
}

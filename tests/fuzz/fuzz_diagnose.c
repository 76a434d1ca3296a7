/*
 * libFuzzer harness for diagnose's capture reader and ranking.  The
 * input is the VPN gateway's learned routes of designs/contoso-eastus.
 * yaml; up to its first NUL byte when there is one, and what follows
 * is the ExpressRoute gateway's (a capture is JSON text, which cannot
 * hold a NUL).  The design is analysed once.  Laws: the exit status is
 * 0, 1 or 2; on 2 nothing is written and an error explains why; else
 * the report is JSON that parses, names at least one best match, and
 * its status is the one returned.  Seeds: the captures and bad inputs
 * of tests/diagnose.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagnose.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)	do { if (!(c)) __builtin_trap(); } while (0)

static struct analysis	 a;
static int		 ready;
static char		 vpn[] = "/tmp/fuzz-diagnose-vpn-XXXXXX";
static char		 er[] = "/tmp/fuzz-diagnose-er-XXXXXX";

static void
put(const char *path, const uint8_t *p, size_t n)
{
	FILE	*fp = fopen(path, "wb");

	CHECK(fp != NULL);
	CHECK(fwrite(p, 1, n, fp) == n || n == 0);
	fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 d;
	struct dx_input	 in[2];
	struct buf	 out = BUF_INIT;
	const uint8_t	*nul = memchr(data, '\0', size);
	size_t		 nin = 1;
	json_t		*root;
	int		 rc, fd;

	if (!ready) {
		diags_init(&d);
		CHECK(analysis_run(&a, "designs/contoso-eastus.yaml", 1, &d));
		diags_release(&d);
		CHECK((fd = mkstemp(vpn)) >= 0);
		close(fd);
		CHECK((fd = mkstemp(er)) >= 0);
		close(fd);
		ready = 1;
	}
	put(vpn, data, nul ? (size_t)(nul - data) : size);
	in[0].kind = DX_LEARNED;
	in[0].gateway = "vpngw-hub-eus";
	in[0].file = vpn;
	if (nul != NULL) {
		put(er, nul + 1, size - (size_t)(nul - data) - 1);
		in[1].kind = DX_LEARNED;
		in[1].gateway = "ergw-hub-eus";
		in[1].file = er;
		nin = 2;
	}
	diags_init(&d);
	rc = dx_diagnose(&a, in, nin, "json", &out, &d);
	CHECK(rc >= 0 && rc <= 2);
	if (rc == 2) {
		CHECK(out.len == 0);
		CHECK(diags_errors(&d) > 0);
	} else {
		root = json_loadb(out.ptr, out.len, 0, NULL);
		CHECK(root != NULL);
		CHECK(json_array_size(json_object_get(root, "best")) > 0);
		CHECK(json_integer_value(json_object_get(root, "status")) ==
		    rc);
		json_decref(root);
		/* The other formats from the same captures. */
		buf_release(&out);
		CHECK(dx_diagnose(&a, in, nin, "md", &out, &d) == rc);
		buf_release(&out);
		CHECK(dx_diagnose(&a, in, nin, "text", &out, &d) == rc);
	}
	buf_release(&out);
	diags_release(&d);
	return 0;
}

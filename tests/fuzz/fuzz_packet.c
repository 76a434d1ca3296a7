/*
 * libFuzzer harness for the first stage of the packet pipeline, the
 * semantic diff of two designs.  The input is split at its first NUL
 * byte into BASE and HEAD (no NUL: HEAD is BASE; YAML itself may not
 * hold a NUL, so the split costs no input); each is loaded and bound,
 * and when both load the diff is taken both ways.  Laws: a design has
 * no changes against itself; every change can be found again by its
 * object and field; the two directions see the same number of changes
 * and every "added" one way is a "removed" the other.  Seeds: the
 * BASE/HEAD pairs of tests/packet and each design of designs/ against
 * itself.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diff.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)	do { if (!(c)) __builtin_trap(); } while (0)

static size_t
count(const struct diff *df, enum diff_op op)
{
	size_t		 i, n = 0;

	for (i = 0; i < df->n; i++)
		if (df->v[i].op == op && df->v[i].field == NULL)
			n++;
	return n;
}

static void
walk(const struct diff *df)
{
	const struct diff_change *c;
	size_t		 i;

	for (i = 0; i < df->n; i++) {
		c = &df->v[i];
		CHECK(c->object != NULL);
		CHECK(c->kind < DIFF_NKINDS);
		CHECK(diff_op_name(c->op) != NULL);
		CHECK(diff_kind_name(c->kind) != NULL);
		CHECK(diff_kind_id(c->kind) != NULL);
		CHECK(diff_find(df, c->object, c->field) != NULL);
		if (c->field == NULL)
			CHECK(c->op != DIFF_CHANGED);
		if (c->op == DIFF_ADDED && c->field == NULL)
			CHECK(c->new_obj != NULL && c->old_obj == NULL);
		if (c->op == DIFF_REMOVED && c->field == NULL)
			CHECK(c->old_obj != NULL && c->new_obj == NULL);
		(void)strlen(c->object);
		if (c->field)
			(void)strlen(c->field);
		if (c->before)
			(void)strlen(c->before);
		if (c->after)
			(void)strlen(c->after);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*text = (const char *)data, *nul;
	struct design	*base, *head;
	struct diff	 fw, bw, self;
	struct diags	 d;
	size_t		 blen = size;

	nul = memchr(text, '\0', size);
	if (nul)
		blen = (size_t)(nul - text);
	diags_init(&d);
	base = design_load_mem("base.yaml", text, blen, &d);
	head = nul ? design_load_mem("head.yaml", nul + 1, size - blen - 1,
	    &d) : NULL;
	memset(&fw, 0, sizeof(fw));
	memset(&bw, 0, sizeof(bw));
	memset(&self, 0, sizeof(self));
	if (base) {
		diff_designs(&self, base, base);
		CHECK(self.n == 0);
	}
	if (base && head) {
		diff_designs(&fw, base, head);
		diff_designs(&bw, head, base);
		walk(&fw);
		walk(&bw);
		CHECK(fw.n == bw.n);
		CHECK(count(&fw, DIFF_ADDED) == count(&bw, DIFF_REMOVED));
		CHECK(count(&fw, DIFF_REMOVED) == count(&bw, DIFF_ADDED));
	}
	diff_release(&self);
	diff_release(&fw);
	diff_release(&bw);
	design_free(base);
	design_free(head);
	diags_release(&d);
	return 0;
}

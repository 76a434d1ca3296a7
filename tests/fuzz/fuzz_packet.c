/*
 * libFuzzer harness for the packet pipeline: the semantic diff of two
 * designs, then the packet built from it.  The input is split at its
 * first NUL byte into BASE and HEAD (no NUL: HEAD is BASE; YAML itself
 * may not hold a NUL, so the split costs no input); each is analysed
 * (analysis_run_mem: loader, schema, rules, simulation), and when both
 * are well-formed the diff is taken both ways and the packet's view,
 * JSON and Markdown are rendered (the HTML and diagrams need Graphviz
 * layouts, too slow to fuzz).  Laws: a design has no changes against
 * itself; every change can be found again by its object and field; the
 * two directions see the same number of changes and every "added" one
 * way is a "removed" the other.  Seeds: the BASE/HEAD pairs of
 * tests/packet and the designs of designs/ against themselves and each
 * other.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/diff.h"
#include "hybridoc/mustache.h"
#include "hybridoc/packet.h"
#include "hybridoc/runbook.h"
#include "hybridoc/value.h"

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

static struct tmpl_set *templates;

static void
render(const struct analysis *base, const struct analysis *head,
    const struct diff *df, struct diags *d)
{
	struct value	*view;
	struct buf	 out = BUF_INIT;

	if (templates == NULL)
		templates = runbook_templates(NULL);
	view = packet_view(base, head, df);
	packet_json(view, &out);
	buf_truncate(&out, 0);
	packet_markdown(view, templates, &out, d);
	(void)packet_exit_status(view);
	value_free(view);
	buf_release(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*text = (const char *)data, *nul;
	struct analysis	 base, head;
	struct diff	 fw, bw, self;
	struct diags	 d;
	size_t		 blen = size;
	int		 okb, okh = 0;

	nul = memchr(text, '\0', size);
	if (nul)
		blen = (size_t)(nul - text);
	diags_init(&d);
	memset(&head, 0, sizeof(head));
	okb = analysis_run_mem(&base, "base.yaml", text, blen, 0, &d);
	if (nul)
		okh = analysis_run_mem(&head, "head.yaml", nul + 1,
		    size - blen - 1, 0, &d);
	memset(&fw, 0, sizeof(fw));
	memset(&bw, 0, sizeof(bw));
	memset(&self, 0, sizeof(self));
	if (okb) {
		diff_designs(&self, base.dsn, base.dsn);
		CHECK(self.n == 0);
	}
	if (okb && okh) {
		diff_designs(&fw, base.dsn, head.dsn);
		diff_designs(&bw, head.dsn, base.dsn);
		walk(&fw);
		walk(&bw);
		CHECK(fw.n == bw.n);
		CHECK(count(&fw, DIFF_ADDED) == count(&bw, DIFF_REMOVED));
		CHECK(count(&fw, DIFF_REMOVED) == count(&bw, DIFF_ADDED));
		render(&base, &head, &fw, &d);
	}
	diff_release(&self);
	diff_release(&fw);
	diff_release(&bw);
	if (okb)
		analysis_release(&base);
	if (okh)
		analysis_release(&head);
	diags_release(&d);
	return 0;
}

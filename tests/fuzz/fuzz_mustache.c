/*
 * libFuzzer harness for the template engine: the input is compiled as
 * a template and rendered with each escape mode against a fixed value
 * tree that has every kind of value (strings carrying markup, numbers,
 * booleans, nulls, empty and nested lists, maps).  Partials: ">self"
 * is the input itself (so recursion meets TMPL_MAX_PARTIAL_DEPTH), a
 * few names map to fixed templates, and the rest render as nothing.
 * Seeds: templates/ and every template of the Mustache specification.
 *
 * Sections nested in sections over the same list multiply: k levels
 * over a list of 3 run 3^k times, as Mustache means them to (templates
 * are the tool's own or the user's, not design input).  So that the
 * fuzzer does not spend itself on that, an input with more than
 * MAX_SECTION_CHARS '#' and '^' bytes (every section tag has one,
 * whatever the delimiters) is compiled but not rendered.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/load.h"
#include "hybridoc/mustache.h"
#include "hybridoc/value.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_SECTION_CHARS	12

static const char data_yaml[] =
    "name: contoso-eastus\n"
    "title: \"<script>alert(1)</script> & 'q' \\\"dq\\\" | `tick` *em*\"\n"
    "empty: \"\"\n"
    "zero: 0\n"
    "num: 1.5\n"
    "big: 18446744073709551616\n"
    "yes: true\n"
    "no: false\n"
    "nothing: null\n"
    "none: []\n"
    "list: [a, b, c]\n"
    "sites:\n"
    "  - {name: HQ, prefixes: [10.0.0.0/8, 10.1.0.0/16], ok: true,\n"
    "     sub: {deep: {deeper: x}}}\n"
    "  - {name: Branch, prefixes: [], ok: false}\n"
    "a: {b: {c: {d: nested}}}\n"
    "nl: \"line1\\nline2\\r\\nline3\"\n";

static const struct {
	const char	*name;
	const char	*text;
} partials[] = {
	{ "p", "[{{name}}]" },
	{ "list", "{{#list}}{{.}},{{/list}}" },
	{ "indented", "  {{title}}\n  {{>p}}\n" },
	{ "loop", "{{>loop}}" },
	{ "bad", "{{#open}}" },
};

struct input {
	const char	*data;
	size_t		 size;
};

static struct value *tree;

static int
lookup(void *arg, const char *name, struct buf *text, struct buf *file,
    struct diags *d)
{
	const struct input *in = arg;
	size_t		 i;

	(void)d;
	if (strcmp(name, "self") == 0) {
		buf_put(text, in->data, in->size);
		buf_puts(file, "self.mustache");
		return 1;
	}
	for (i = 0; i < sizeof(partials) / sizeof(partials[0]); i++)
		if (strcmp(name, partials[i].name) == 0) {
			buf_puts(text, partials[i].text);
			buf_printf(file, "%s.mustache", name);
			return 1;
		}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum tmpl_escape esc[] = {
		TMPL_ESC_NONE, TMPL_ESC_HTML, TMPL_ESC_MARKDOWN
	};
	struct input	 in;
	struct diags	 d;
	struct tmpl	*t;
	struct tmpl_set	*ts;
	struct buf	 out = BUF_INIT;
	size_t		 i, nsec = 0;

	for (i = 0; i < size; i++)
		if (data[i] == '#' || data[i] == '^')
			nsec++;
	diags_init(&d);
	if (tree == NULL && !load_yaml("data.yaml", data_yaml,
	    sizeof(data_yaml) - 1, &tree, &d))
		__builtin_trap();
	in.data = (const char *)data;
	in.size = size;
	t = tmpl_compile("fuzz.mustache", in.data, size, &d);
	if (t != NULL && nsec <= MAX_SECTION_CHARS) {
		ts = tmpl_set_new(lookup, &in);
		for (i = 0; i < sizeof(esc) / sizeof(esc[0]); i++) {
			buf_truncate(&out, 0);
			tmpl_render(t, ts, tree, esc[i], &out, &d);
		}
		tmpl_set_free(ts);
	}
	tmpl_free(t);
	/* The escapers alone, on raw bytes, at a line start and inside. */
	for (i = 0; i < sizeof(esc) / sizeof(esc[0]); i++) {
		buf_truncate(&out, 0);
		tmpl_escape(&out, in.data, size, esc[i]);
		buf_puts(&out, "x ");
		tmpl_escape(&out, in.data, size, esc[i]);
	}
	buf_release(&out);
	diags_release(&d);
	return 0;
}

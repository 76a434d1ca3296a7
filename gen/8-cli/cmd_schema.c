/*
 * `hybridoc schema`: the design format as JSON Schema (for editors) or
 * as the Markdown reference, both printed from the schema table.
 */
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/cli.h"
#include "hybridoc/diag.h"
#include "hybridoc/fsout.h"
#include "hybridoc/schema.h"

enum { O_FORMAT, O_OUTPUT };
enum { F_JSON, F_MARKDOWN };

static const struct opt opts[] = {
	[O_FORMAT] = { "format", 'f', "FORMAT", NULL },
	[O_OUTPUT] = { "output", 'o', "FILE", "write to FILE (default: -)" },
	{ NULL, 0, NULL, NULL }
};
static const struct fmt fmts[] = {
	{ "json", F_JSON, NULL, NULL },
	{ "markdown", F_MARKDOWN, "md", NULL },
	{ NULL, 0, NULL, NULL }
};

static int
cmd_schema(int argc, char **argv)
{
	struct optstate	 st;
	struct diags	 d;
	struct buf	 out = BUF_INIT;
	const char	*format = NULL, *output = "-";
	int		 k, rc = EXIT_OK, fmt;

	opt_init(&st, &schema_cmd, argc, argv);
	while ((k = opt_next(&st)) != -1) {
		if (k == O_FORMAT)
			format = st.arg;
		else if (k == O_OUTPUT)
			output = st.arg;
		else {
			opt_free(&st);
			return EXIT_INPUT;
		}
	}
	if (st.npos != 0) {
		opt_free(&st);
		return cmd_usage(st.cmd, "takes no arguments");
	}
	if ((fmt = cmd_format(st.cmd, format, output)) < 0) {
		opt_free(&st);
		return EXIT_INPUT;
	}
	if (fmt == F_JSON)
		schema_json(&out);
	else
		schema_markdown(&out);
	diags_init(&d);
	if (!fsout_write(output, out.ptr ? out.ptr : "", out.len, &d)) {
		diags_print(&d, stderr, 0);
		rc = EXIT_INPUT;
	}
	diags_release(&d);
	buf_release(&out);
	opt_free(&st);
	return rc;
}

const struct cmd schema_cmd = {
	"schema", cmd_schema, "[options]",
	"print the JSON Schema of the design format", opts, fmts, 0, 0
};

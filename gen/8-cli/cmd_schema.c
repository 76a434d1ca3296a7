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

int
cmd_schema(int argc, char **argv)
{
	struct optstate	 st;
	struct diags	 d;
	struct buf	 out = BUF_INIT;
	const char	*format = "json", *output = "-";
	int		 k, rc = EXIT_OK;

	opt_init(&st, cmd_find("schema"), argc, argv);
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
	if (strcmp(format, "json") == 0)
		schema_json(&out);
	else if (strcmp(format, "markdown") == 0 || strcmp(format, "md") == 0)
		schema_markdown(&out);
	else {
		opt_free(&st);
		return cmd_usage(st.cmd, "--format takes json or markdown, "
		    "not '%s'", format);
	}
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

/*
 * `hybridoc import --from arm|terraform FILE... [--overlay ONPREM.yaml]
 * [-o DESIGN.yaml]`: a design from what is deployed.  Every export is
 * read (all JSON errors reported), the overlay is loaded as a partial
 * design, the writer builds and checks the design, and only then is
 * anything written.  Notes (what could not be placed) go to standard
 * error.  Exit 0, or 2 on any input error with nothing written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/cli.h"
#include "hybridoc/deployed.h"
#include "hybridoc/diag.h"
#include "hybridoc/fsout.h"
#include "hybridoc/import.h"
#include "hybridoc/load.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

enum { O_FROM, O_OVERLAY, O_OUTPUT, O_ROUTES };

static const struct opt opts[] = {
	[O_FROM] = { "from", 0, "KIND", "arm (Azure Resource Manager JSON) "
	    "or terraform (terraform show -json)" },
	[O_OVERLAY] = { "overlay", 0, "FILE", "a partial design with what "
	    "Azure does not know (sites, devices, traffic)" },
	[O_OUTPUT] = { "output", 'o', "FILE",
	    "write the design to FILE (default: -)" },
	[O_ROUTES] = { "routes", 0, "CIRCUIT=FILE", "the circuit's route "
	    "table (az network express-route list-route-tables): the "
	    "prefixes of the site behind it (repeatable)" },
	{ NULL, 0, NULL, NULL }
};

/* Reads every export of kind from (arm, terraform) into dp. */
int
cmd_read_exports(const char *from, char **files, int n,
    struct deployed *dp, struct diags *d)
{
	int	 k, ok = 1;

	for (k = 0; k < n; k++) {
		if (strcmp(from, "arm") == 0) {
			if (!deployed_read_arm(dp, files[k], d))
				ok = 0;
		} else if (!deployed_read_terraform(dp, files[k], d))
			ok = 0;
	}
	deployed_finish(dp, d);
	return ok && diags_errors(d) == 0;
}

static int
cmd_import(int argc, char **argv)
{
	struct optstate	 st;
	struct diags	 d;
	struct deployed	 dp;
	struct value	*overlay = NULL;
	struct buf	 out = BUF_INIT;
	const char	*from = NULL, *ofile = NULL, *output = "-";
	char		*data = NULL;
	size_t		 len;
	int		 k, rc = EXIT_INPUT, nroutes = 0;
	char		**routes = NULL;

	opt_init(&st, &import_cmd, argc, argv);
	while ((k = opt_next(&st)) != -1) {
		switch (k) {
		case O_FROM:
			from = st.arg;
			break;
		case O_OVERLAY:
			ofile = st.arg;
			break;
		case O_OUTPUT:
			output = st.arg;
			break;
		case O_ROUTES:
			if (strchr(st.arg, '=') == NULL || st.arg[0] == '=' ||
			    strchr(st.arg, '=')[1] == '\0') {
				free(routes);
				opt_free(&st);
				return cmd_usage(st.cmd, "--routes takes "
				    "CIRCUIT=FILE, not '%s'", st.arg);
			}
			routes = xreallocarray(routes, (size_t)nroutes + 1,
			    sizeof(*routes));
			routes[nroutes++] = (char *)st.arg;
			break;
		default:
			free(routes);
			opt_free(&st);
			return EXIT_INPUT;
		}
	}
	if (from == NULL || (strcmp(from, "arm") != 0 &&
	    strcmp(from, "terraform") != 0)) {
		opt_free(&st);
		return cmd_usage(st.cmd, from ? "--from takes arm or "
		    "terraform, not '%s'" : "--from is required: arm (Azure "
		    "Resource Manager JSON) or terraform (terraform show "
		    "-json)%s", from ? from : "");
	}
	if (st.npos == 0) {
		opt_free(&st);
		return cmd_usage(st.cmd, "no export file given");
	}
	diags_init(&d);
	deployed_init(&dp);
	if (!cmd_read_exports(from, st.pos, st.npos, &dp, &d))
		goto out;
	for (k = 0; k < nroutes; k++) {
		char	*circuit = xstrndup(routes[k], (size_t)(strchr(
		    routes[k], '=') - routes[k]));
		int	 ok = deployed_read_routes(&dp, circuit,
		    strchr(routes[k], '=') + 1, &d);

		free(circuit);
		if (!ok)
			goto out;
	}
	if (ofile != NULL) {
		if (!load_file(ofile, &data, &len, &d) ||
		    !load_yaml(ofile, data, len, &overlay, &d))
			goto out;
	}
	if (!import_design(&dp, overlay, ofile, from, &out, &d))
		goto out;
	if (!fsout_write(output, out.ptr, out.len, &d))
		goto out;
	rc = EXIT_OK;
out:
	free(routes);
	diags_print(&d, stderr, diag_use_colour(stderr));
	if (rc != EXIT_OK)
		fprintf(stderr, "hybridoc: import failed; nothing written\n");
	free(data);
	value_free(overlay);
	buf_release(&out);
	deployed_release(&dp);
	diags_release(&d);
	opt_free(&st);
	return rc;
}

const struct cmd import_cmd = {
	"import", cmd_import, "--from KIND [options] FILE...",
	"start a design from an Azure or Terraform export", opts, NULL, 0, 0
};

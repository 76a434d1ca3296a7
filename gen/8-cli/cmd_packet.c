/*
 * `hybridoc packet BASE HEAD -o DIR`, `hybridoc packet --git REV
 * DESIGN -o DIR` and `hybridoc packet --from KIND --deployed FILE
 * DESIGN -o DIR`: the change-approval packet for going from BASE (or
 * DESIGN as of git revision REV, or what an export says is deployed) to
 * HEAD (or DESIGN as it is now).
 * Reads and checks both versions, computes the packet, draws the two
 * topology diagrams, then writes packet.md, packet.html, packet.json
 * and the diagrams' SVG into DIR.  Exit status: 2 when either version
 * has input errors (nothing is written), 1 when the head has error
 * findings (the packet is written: it shows them), else 0.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/cli.h"
#include "hybridoc/deployed.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/diff.h"
#include "hybridoc/findings.h"
#include "hybridoc/fsout.h"
#include "hybridoc/import.h"
#include "hybridoc/load.h"
#include "hybridoc/mustache.h"
#include "hybridoc/packet.h"
#include "hybridoc/prefix.h"
#include "hybridoc/proc.h"
#include "hybridoc/runbook.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

enum { O_OUTPUT, O_GIT, O_FROM, O_DEPLOYED };

static const struct opt opts[] = {
	[O_OUTPUT] = { "output", 'o', "DIR", "output folder" },
	[O_GIT] = { "git", 0, "REV", "take BASE from git revision REV of "
	    "DESIGN" },
	[O_FROM] = { "from", 0, "KIND", "with --deployed: arm or terraform" },
	[O_DEPLOYED] = { "deployed", 0, "FILE", "take BASE from what the "
	    "export FILE says is deployed (repeatable)" },
	{ NULL, 0, NULL, NULL }
};

/*
 * BASE from exports: what is deployed, described with DESIGN's own
 * on-premises facts (import with DESIGN as the overlay, keeping only
 * what the exports hold), so the packet shows what making the
 * deployment match DESIGN changes.  Returns non-zero on success.
 */
static int
deployed_base(struct analysis *base, const char *from, char **files, int n,
    const char *design, struct diags *d)
{
	struct deployed	 dp;
	struct value	*overlay = NULL;
	struct buf	 text = BUF_INIT;
	struct diags	 id;
	char		*data = NULL, *name;
	size_t		 len, i;
	int		 ok = 0;

	/* The import's notes (what the design has and the export lacks)
	 * are what the packet shows; only its errors are reported. */
	diags_init(&id);
	deployed_init(&dp);
	if (!cmd_read_exports(from, files, n, &dp, &id) ||
	    !load_file(design, &data, &len, &id) ||
	    !load_yaml(design, data, len, &overlay, &id))
		goto out;
	if (!import_design_flags(&dp, overlay, design, from,
	    IMPORT_DEPLOYED_ONLY, &text, &id))
		goto out;
	name = xasprintf("%s (deployed)", design);
	ok = analysis_run_mem(base, name, buf_cstr(&text), text.len, 0, d);
	free(name);
out:
	for (i = 0; i < id.n; i++)
		if (id.v[i].level == DIAG_ERROR)
			diags_add(d, id.v[i].level, id.v[i].file, id.v[i].mark,
			    id.v[i].id, "%s", id.v[i].msg);
	diags_release(&id);
	free(data);
	value_free(overlay);
	buf_release(&text);
	deployed_release(&dp);
	return ok;
}

/*
 * Draws the topology before and after the change as SVG, from one
 * layout with what the change adds, removes and alters marked
 * (diagram_new_change), into bsvg and asvg.
 */
static int
draw(const struct analysis *base, const struct analysis *head,
    struct buf *bsvg, struct buf *asvg, struct diags *d)
{
	struct diagram	*dg = diagram_new_change(base->dsn, base->sim,
			    head->dsn, head->sim, DIAGRAM_SUMMARY);
	int		 ok;

	ok = diagram_render(dg, DIAGRAM_BEFORE, DIAGRAM_SVG, bsvg, d) &&
	    diagram_render(dg, DIAGRAM_AFTER, DIAGRAM_SVG, asvg, d);
	diagram_free(dg);
	/* The command draws nothing more; Graphviz cannot lay out again
	 * after this. */
	diagram_cleanup();
	return ok;
}

static int
write_all(const char *dir, const struct value *view, struct tmpl_set *ts,
    const struct analysis *base, const struct analysis *head,
    struct diags *d)
{
	struct buf	 md = BUF_INIT, html = BUF_INIT, json = BUF_INIT,
			 bsvg = BUF_INIT, asvg = BUF_INIT;
	int		 ok;

	ok = packet_markdown(view, ts, &md, d) &&
	    draw(base, head, &bsvg, &asvg, d) && packet_html(view, ts,
	    buf_cstr(&bsvg), bsvg.len, buf_cstr(&asvg), asvg.len, &html, d);
	if (ok) {
		packet_json(view, &json);
		ok = fsout_mkdirs(dir, d) &&
		    fsout_write_below(dir, PACKET_BEFORE_SVG, buf_cstr(&bsvg),
		    bsvg.len, d) &&
		    fsout_write_below(dir, PACKET_AFTER_SVG, buf_cstr(&asvg),
		    asvg.len, d) &&
		    fsout_write_below(dir, "packet.json", buf_cstr(&json),
		    json.len, d) &&
		    fsout_write_below(dir, "packet.html", buf_cstr(&html),
		    html.len, d) &&
		    fsout_write_below(dir, "packet.md", buf_cstr(&md), md.len,
		    d);
	}
	buf_release(&md);
	buf_release(&html);
	buf_release(&json);
	buf_release(&bsvg);
	buf_release(&asvg);
	return ok;
}

/* The YAML of the empty base of a new design (see cmd_packet). */
static char *
empty_base(const struct design *h, size_t *len)
{
	struct buf	 b = BUF_INIT;
	char		 t[PREFIX_STRLEN];
	size_t		 i;

	/* Names and regions are letters, digits, '_', '.', '-' only. */
	buf_printf(&b, "hybridoc: 1\nname: \"%s\"\nazure:\n"
	    "  resource_group: \"%s\"\n  region: \"%s\"\n  vnet:\n"
	    "    name: \"%s\"\n    address_space:\n", h->name,
	    h->resource_group, h->region, h->vnet.name);
	for (i = 0; i < h->vnet.naddress_space; i++)
		buf_printf(&b, "      - %s\n",
		    prefix_format(&h->vnet.address_space[i], t, 1));
	return buf_detach(&b, len);
}

static int
cmd_packet(int argc, char **argv)
{
	struct optstate	 st;
	struct diags	 d;
	struct analysis	 base, head;
	struct diff	 df;
	struct tmpl_set	*ts;
	struct value	*view;
	const char	*output = NULL, *rev = NULL, *from = NULL;
	char		*data = NULL, *name = NULL, **deployed = NULL;
	char		*base_name;
	size_t		 len;
	int		 k, rc, okb, okh, ndeployed = 0, gs = 1;

	opt_init(&st, &packet_cmd, argc, argv);
	while ((k = opt_next(&st)) != -1) {
		switch (k) {
		case O_OUTPUT:
			output = st.arg;
			break;
		case O_GIT:
			rev = st.arg;
			break;
		case O_FROM:
			from = st.arg;
			break;
		case O_DEPLOYED:
			deployed = xreallocarray(deployed, (size_t)ndeployed +
			    1, sizeof(*deployed));
			deployed[ndeployed++] = (char *)st.arg;
			break;
		default:
			free(deployed);
			opt_free(&st);
			return EXIT_INPUT;
		}
	}
	if (ndeployed > 0 && (from == NULL || (strcmp(from, "arm") != 0 &&
	    strcmp(from, "terraform") != 0) || rev != NULL)) {
		free(deployed);
		opt_free(&st);
		return cmd_usage(st.cmd, rev ? "--deployed and --git both give "
		    "BASE: choose one" : "--deployed needs --from arm or "
		    "--from terraform");
	}
	if (from != NULL && ndeployed == 0) {
		opt_free(&st);
		return cmd_usage(st.cmd, "--from goes with --deployed FILE");
	}
	if (st.npos != (rev || ndeployed ? 1 : 2) || output == NULL) {
		free(deployed);
		opt_free(&st);
		return cmd_usage(st.cmd, output == NULL ? "no output folder "
		    "given (-o DIR)" : rev ? "with --git, expected one design" :
		    ndeployed ? "with --deployed, expected one design" :
		    "expected two designs: BASE HEAD");
	}
	if (strcmp(output, "-") == 0) {
		opt_free(&st);
		return cmd_usage(st.cmd, "-o takes a folder: the packet is "
		    "several files");
	}
	diags_init(&d);
	memset(&base, 0, sizeof(base));
	memset(&head, 0, sizeof(head));
	if (rev && access(st.pos[0], F_OK) != 0 && errno == ENOENT) {
		fprintf(stderr, "hybridoc packet: %s is not in the working "
		    "tree: the change deletes it (or the path is wrong).  A "
		    "packet compares a design before and after a change, so a "
		    "deleted design has none; its last version is `git show "
		    "%s:%s`.\n", st.pos[0], rev, st.pos[0]);
		diags_release(&d);
		free(deployed);
		opt_free(&st);
		return EXIT_INPUT;
	}
	if (rev) {
		gs = proc_git_show(rev, st.pos[0], &data, &len, &name, &d);
		okb = gs > 0 && analysis_run_mem(&base, name, data, len, 0,
		    &d);
	} else if (ndeployed)
		okb = deployed_base(&base, from, deployed, ndeployed, st.pos[0],
		    &d);
	else
		okb = analysis_run(&base, st.pos[0], 0, &d);
	free(deployed);
	/* Both versions are read, so one run reports every input error. */
	okh = analysis_run(&head, st.pos[rev || ndeployed ? 0 : 1], 0, &d);
	if (gs < 0 && okh) {
		/*
		 * New since rev: the base is the least design with the
		 * head's identity (name, resource group, region, VNet), so
		 * every subnet, spoke, gateway, circuit, site and setting is
		 * an addition.
		 */
		free(data);
		data = empty_base(head.dsn, &len);
		base_name = xasprintf("%s (new design: empty base)", name);
		free(name);
		name = base_name;
		okb = analysis_run_mem(&base, name, data, len, 0, &d);
		fprintf(stderr, "hybridoc packet: %s is new since %s; the "
		    "packet compares it with an empty design (its name, "
		    "resource group, region and VNet only), so everything "
		    "else is an addition\n", st.pos[0], rev);
	}
	if (!okb || !okh) {
		diags_print(&d, stderr, diag_use_colour(stderr));
		if (okb)
			analysis_release(&base);
		if (okh)
			analysis_release(&head);
		diags_release(&d);
		free(data);
		free(name);
		opt_free(&st);
		return EXIT_INPUT;
	}
	diff_designs(&df, base.dsn, head.dsn);
	view = packet_view(&base, &head, &df);
	ts = runbook_templates(NULL);
	rc = write_all(output, view, ts, &base, &head, &d) ?
	    packet_exit_status(view) : EXIT_INPUT;
	diags_print(&d, stderr, diag_use_colour(stderr));
	if (rc == EXIT_FINDINGS)
		fprintf(stderr, "hybridoc packet: %s has %zu error "
		    "finding%s; see the packet\n", head.dsn->file,
		    findings_count(&head.findings, DIAG_ERROR),
		    findings_count(&head.findings, DIAG_ERROR) == 1 ? "" : "s");
	tmpl_set_free(ts);
	value_free(view);
	diff_release(&df);
	analysis_release(&base);
	analysis_release(&head);
	diags_release(&d);
	free(data);
	free(name);
	opt_free(&st);
	return rc;
}

const struct cmd packet_cmd = {
	"packet", cmd_packet, "[options] BASE HEAD -o DIR",
	"write a change-approval packet", opts, NULL, 0, 0
};

/*
 * `hybridoc packet BASE HEAD -o DIR` and `hybridoc packet --git REV
 * DESIGN -o DIR`: the change-approval packet for going from BASE (or
 * DESIGN as of git revision REV) to HEAD (or DESIGN as it is now).
 * Reads and checks both versions, computes the packet, draws the two
 * topology diagrams, then writes packet.md, packet.html, packet.json
 * and the diagrams' SVG into DIR.  Exit status: 2 when either version
 * has input errors (nothing is written), 1 when the head has error
 * findings (the packet is written: it shows them), else 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/cli.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/diff.h"
#include "hybridoc/findings.h"
#include "hybridoc/fsout.h"
#include "hybridoc/mustache.h"
#include "hybridoc/packet.h"
#include "hybridoc/proc.h"
#include "hybridoc/runbook.h"
#include "hybridoc/value.h"

enum { O_OUTPUT, O_GIT };

static const struct opt opts[] = {
	[O_OUTPUT] = { "output", 'o', "DIR", "output folder" },
	[O_GIT] = { "git", 0, "REV", "take BASE from git revision REV of "
	    "DESIGN" },
	{ NULL, 0, NULL, NULL }
};

/*
 * Draws both topologies as SVG, with what the change adds, removes
 * and alters marked, into bsvg and asvg.
 */
static int
draw(const struct analysis *base, const struct analysis *head,
    struct buf *bsvg, struct buf *asvg, struct diags *d)
{
	struct diagram	*bd = diagram_new(base->dsn, base->sim,
			    DIAGRAM_SUMMARY);
	struct diagram	*hd = diagram_new(head->dsn, head->sim,
			    DIAGRAM_SUMMARY);
	struct buf	 b = BUF_INIT, a = BUF_INIT;
	int		 ok;

	ok = diagram_render(bd, NULL, DIAGRAM_SVG, &b, d) &&
	    diagram_render(hd, NULL, DIAGRAM_SVG, &a, d);
	if (ok)
		packet_mark_svgs(diagram_model(bd), buf_cstr(&b), b.len,
		    diagram_model(hd), buf_cstr(&a), a.len, bsvg, asvg);
	buf_release(&b);
	buf_release(&a);
	diagram_free(bd);
	diagram_free(hd);
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

static int
cmd_packet(int argc, char **argv)
{
	struct optstate	 st;
	struct diags	 d;
	struct analysis	 base, head;
	struct diff	 df;
	struct tmpl_set	*ts;
	struct value	*view;
	const char	*output = NULL, *rev = NULL;
	char		*data = NULL, *name = NULL;
	size_t		 len;
	int		 k, rc, okb, okh;

	opt_init(&st, &packet_cmd, argc, argv);
	while ((k = opt_next(&st)) != -1) {
		switch (k) {
		case O_OUTPUT:
			output = st.arg;
			break;
		case O_GIT:
			rev = st.arg;
			break;
		default:
			opt_free(&st);
			return EXIT_INPUT;
		}
	}
	if (st.npos != (rev ? 1 : 2) || output == NULL) {
		opt_free(&st);
		return cmd_usage(st.cmd, output == NULL ? "no output folder "
		    "given (-o DIR)" : rev ? "with --git, expected one design" :
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
	if (rev)
		okb = proc_git_show(rev, st.pos[0], &data, &len, &name, &d) &&
		    analysis_run_mem(&base, name, data, len, 0, &d);
	else
		okb = analysis_run(&base, st.pos[0], 0, &d);
	/* Both versions are read, so one run reports every input error. */
	okh = analysis_run(&head, st.pos[rev ? 0 : 1], 0, &d);
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

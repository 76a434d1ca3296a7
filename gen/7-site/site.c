/*
 * The wiki: the last stage for a whole folder of designs.  Each design
 * goes through the same pipeline as `hybridoc runbook` (analysis, view,
 * templates, cmark-gfm, Graphviz) into its own folder of the output,
 * and leaves behind a summary (status, counts, inventory rows); the
 * index, the inventory across designs and the search index are built
 * from the summaries alone.  The manifest keeps every design's inputs
 * and summary, so a rebuild renders only what changed.
 *
 * Every design is rendered in a fork()ed worker, --jobs of them at
 * once, even with one job: Graphviz is not thread-safe, and it keeps
 * state from one layout to the next within a process, so that the
 * same design laid out after others can come out with its clusters in
 * another order.  A fresh worker per design makes each page the same
 * bytes whatever was rendered before it, in what order or with how
 * many jobs.  A worker hands its record back in a file.  --check builds
 * the whole site into a temporary folder and compares it with the
 * output, file by file, with diff -u.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/findings.h"
#include "hybridoc/fsout.h"
#include "hybridoc/hash.h"
#include "hybridoc/inventory.h"
#include "hybridoc/load.h"
#include "hybridoc/mustache.h"
#include "hybridoc/proc.h"
#include "hybridoc/runbook.h"
#include "hybridoc/sim.h"
#include "hybridoc/site.h"
#include "hybridoc/templates.h"
#include "hybridoc/value.h"
#include "hybridoc/version.h"
#include "hybridoc/xalloc.h"

static const struct mark nomark = { 0, 0 };

/* The site's own files beside the design folders, sorted. */
static const char *const site_files[] = {
	"hybridoc.css", "index.html", "inventory.html", "search-index.js",
	"site.js", NULL
};

/* A design's files beside its index.html. */
enum {
	DL_MD,
	DL_SVG,
	DL_DOT,
	DL_MMD,
	DL_FINDINGS,
	DL_SARIF,
	DL_SIM,
	DL_YAML,
	NDL
};

static const struct {
	const char	*file;
	const char	*what;
} downloads[NDL] = {
	{ "runbook.md", "the runbook in Markdown, diagrams in Mermaid" },
	{ "topology.svg", "topology diagram (SVG)" },
	{ "topology.dot", "topology diagram (Graphviz DOT)" },
	{ "topology.mmd", "topology diagram (Mermaid)" },
	{ "findings.json", "findings (JSON)" },
	{ "findings.sarif", "findings (SARIF 2.1.0)" },
	{ "simulation.json", "routing and failover simulation (JSON)" },
	{ "design.yaml", "the design file" }
};

/* One design file of the folder. */
struct entry {
	char		*file;		/* name in the folder */
	char		*data;		/* its bytes; NULL when unreadable */
	size_t		 len;
	char		 hash[17];
	struct diags	 rd;		/* read errors */
	char		*name;		/* its name: key when a slug, or NULL */
	struct mark	 name_mark;
	char		*slug;		/* its folder in the output */
	const char	*dup;		/* the file that has the name first */
	int		 render;	/* inputs changed: render it */
	struct value	*rec;		/* its manifest record */
};

struct ctx {
	const struct site_opts *o;
	struct site_stats *st;
	const char	*out;		/* where files go */
	char		 th[17];	/* template set hash */
	const char	*epoch;		/* SOURCE_DATE_EPOCH, or NULL */
	struct value	*old;		/* the previous manifest, or NULL */
	struct entry	*v;
	size_t		 n;
	int		 worker;	/* this process is a worker: exit */
	int		 worker_ok;	/* its result was written */
};

/* ---- Small helpers ---- */


static int
streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_slug(const char *s)
{
	size_t	 n = 0;

	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return n > 0 && n <= 128;
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t	 a = strlen(s), b = strlen(suffix);

	return a > b && strcmp(s + a - b, suffix) == 0;
}

/* A slug from a file name: "My Design.yaml" -> "my-design". */
static char *
slug_from_file(const char *file)
{
	struct buf	 b = BUF_INIT;
	const char	*s, *end = strrchr(file, '.');
	int		 dash = 0;

	if (end == NULL || end == file)
		end = file + strlen(file);
	for (s = file; s < end && b.len < 100; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    (*s >= 'A' && *s <= 'Z')) {
			if (dash && b.len > 0)
				buf_putc(&b, '-');
			dash = 0;
			buf_putc(&b, *s >= 'A' && *s <= 'Z' ?
			    *s + ('a' - 'A') : *s);
		} else
			dash = 1;
	}
	if (b.len == 0)
		buf_puts(&b, "design");
	return buf_detach(&b, NULL);
}

/*
 * JSON of v.  U+0085 (NEL) is written as an escape: the manifest is
 * read back by the YAML loader, for which a raw NEL is a line break.
 */
static void
json_dump(struct buf *out, const struct value *v)
{
	struct buf	 t = BUF_INIT;
	const char	*s, *e, *p;

	value_to_json(&t, v, 0);
	s = buf_cstr(&t);
	e = s + t.len;
	while ((p = memchr(s, 0xc2, (size_t)(e - s))) != NULL) {
		if (p + 1 < e && (unsigned char)p[1] == 0x85) {
			buf_put(out, s, (size_t)(p - s));
			buf_puts(out, "\\u0085");
			s = p + 2;
		} else {
			buf_put(out, s, (size_t)(p + 1 - s));
			s = p + 1;
		}
	}
	buf_put(out, s, (size_t)(e - s));
	buf_release(&t);
}

/* A template or asset: from dir when it has one, else built in. */
static int
asset_load(const char *dir, const char *name, struct buf *out,
    struct diags *d)
{
	const struct template_file *t;
	struct buf	 path = BUF_INIT;
	struct stat	 sb;
	char		*data;
	size_t		 len;
	int		 ok = 0;

	if (dir != NULL) {
		buf_printf(&path, "%s/%s", dir, name);
		if (stat(buf_cstr(&path), &sb) == 0 && S_ISREG(sb.st_mode)) {
			if (load_file(buf_cstr(&path), &data, &len, d)) {
				buf_put(out, data, len);
				free(data);
				ok = 1;
			}
			buf_release(&path);
			return ok;
		}
		buf_release(&path);
	}
	if ((t = template_find(name)) == NULL) {
		diags_error(d, name, nomark, "no such template or asset");
		return 0;
	}
	buf_put(out, t->data, t->len);
	return 1;
}

/* Non-zero when s is valid UTF-8 without control characters. */
static int
clean_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int		 n;

	while (*p) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 :
		    (*p & 0xf0) == 0xe0 ? 2 : (*p & 0xf8) == 0xf0 ? 3 : -1;
		if (n < 0 || (n == 1 && *p < 0xc2))
			return 0;
		for (p++; n > 0; n--, p++)
			if ((*p & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

/*
 * The regular files of dir (not hidden), sorted: with designs, those
 * ending in .yaml or .yml, and a name that is not clean UTF-8 (it
 * would land in pages and JSON) is an error.
 */
static int
list_dir(const char *dir, int designs, char ***names, size_t *n,
    struct diags *d)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 sb;
	struct buf	 path = BUF_INIT;
	size_t		 cap = 0;

	*names = NULL;
	*n = 0;
	if ((dp = opendir(dir)) == NULL) {
		diags_error(d, dir, nomark, "cannot read folder: %s",
		    strerror(errno));
		return 0;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (designs && !has_suffix(de->d_name, ".yaml") &&
		    !has_suffix(de->d_name, ".yml"))
			continue;
		if (designs && !clean_utf8(de->d_name)) {
			diags_error(d, dir, nomark, "skipping a design file "
			    "whose name is not UTF-8 text; rename it");
			continue;
		}
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%s", dir, de->d_name);
		if (stat(buf_cstr(&path), &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		xgrow(names, &cap, *n + 1, sizeof(**names));
		(*names)[(*n)++] = xstrdup(de->d_name);
	}
	closedir(dp);
	buf_release(&path);
	if (*n > 1)
		qsort(*names, *n, sizeof(**names), strp_cmp);
	return 1;
}

static void
strv_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
site_templates_hash(const char *dir, char out[17])
{
	const struct template_file *t;
	unsigned long long h = HASH_INIT;
	struct diags	 d;
	struct buf	 b = BUF_INIT;
	char		**names;
	size_t		 n = 0, i;

	diags_init(&d);
	for (t = template_files; t->name != NULL; t++) {
		buf_truncate(&b, 0);
		asset_load(dir, t->name, &b, &d);
		h = hash_bytes(h, t->name, strlen(t->name) + 1);
		h = hash_bytes(h, buf_cstr(&b), b.len);
		h = hash_bytes(h, "", 1);
	}
	/* Partials a custom template may pull in from dir. */
	if (dir != NULL && list_dir(dir, 0, &names, &n, &d)) {
		for (i = 0; i < n; i++) {
			if (template_find(names[i]) != NULL)
				continue;
			buf_truncate(&b, 0);
			asset_load(dir, names[i], &b, &d);
			h = hash_bytes(h, names[i], strlen(names[i]) + 1);
			h = hash_bytes(h, buf_cstr(&b), b.len);
			h = hash_bytes(h, "", 1);
		}
		strv_free(names, n);
	}
	snprintf(out, 17, "%016llx", h);
	buf_release(&b);
	diags_release(&d);
}

/*
 * Non-zero when every folder of rel below out is a real folder, not a
 * symbolic link, so that out/rel names something inside out.
 */
static int
inside(const char *out, const char *rel)
{
	struct buf	 path = BUF_INIT;
	struct stat	 sb;
	const char	*s;
	int		 ok = fsout_safe_relpath(rel);

	for (s = rel; ok && (s = strchr(s, '/')) != NULL; s++) {
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%.*s", out, (int)(s - rel), rel);
		ok = lstat(buf_cstr(&path), &sb) == 0 && S_ISDIR(sb.st_mode);
	}
	buf_release(&path);
	return ok;
}

/*
 * Writes data to out/rel unless the file holds exactly those bytes, so
 * an unchanged page keeps its time.  Returns non-zero on success.
 */
static int
put_file(const char *out, const char *rel, const char *data, size_t len,
    size_t *written, struct diags *d)
{
	struct buf	 path = BUF_INIT;
	struct stat	 sb;
	FILE		*fp;
	char		*old;
	int		 same = 0;

	buf_printf(&path, "%s/%s", out, rel);
	if (inside(out, rel) &&
	    lstat(buf_cstr(&path), &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (size_t)sb.st_size == len &&
	    (fp = fopen(buf_cstr(&path), "rb")) != NULL) {
		old = xmalloc(len + 1);
		same = fread(old, 1, len, fp) == len &&
		    memcmp(old, data, len) == 0 && fgetc(fp) == EOF;
		free(old);
		fclose(fp);
	}
	buf_release(&path);
	if (same)
		return 1;
	if (!fsout_write_below(out, rel, data, len, d))
		return 0;
	(*written)++;
	return 1;
}

static void
status_text(struct buf *b, const char *status, long errors, long warnings)
{
	if (strcmp(status, "input-errors") == 0)
		buf_puts(b, "input errors");
	else if (strcmp(status, "clean") == 0)
		buf_puts(b, "clean");
	else if (errors > 0)
		buf_printf(b, "%ld error%s%s", errors, errors == 1 ? "" : "s",
		    warnings > 0 ? ", " : "");
	if (warnings > 0 && strcmp(status, "input-errors") != 0)
		buf_printf(b, "%ld warning%s", warnings,
		    warnings == 1 ? "" : "s");
}

/* "file:line:col: level: message [id]", as diags_print() writes it. */
static void
diag_line(struct buf *b, const struct diag *g)
{
	if (g->file)
		buf_printf(b, "%s:", g->file);
	if (g->mark.line)
		buf_printf(b, "%u:%u:", g->mark.line, g->mark.col);
	if (g->file || g->mark.line)
		buf_putc(b, ' ');
	buf_printf(b, "%s: %s", diag_level_str(g->level), g->msg);
	if (g->id)
		buf_printf(b, " [%s]", g->id);
}

/* The page frame every template reads (site-head, site-foot). */
static struct value *
page_new(const char *root, const char *title, int nav)
{
	struct value	*p = value_new_map();
	struct buf	 b = BUF_INIT;

	buf_printf(&b, "%s - hybrid network wiki", title);
	value_map_str(p, "version", HYBRIDOC_VERSION);
	value_map_str(p, "root", root);
	value_map_str(p, "page_title", buf_cstr(&b));
	value_map_bool(p, "nav_index", nav == 1);
	value_map_bool(p, "nav_inventory", nav == 2);
	buf_release(&b);
	return p;
}

static int
render_page(const char *tdir, const char *name, const struct value *view,
    struct buf *out, struct diags *d)
{
	struct tmpl_set	*ts = runbook_templates(tdir);
	const struct tmpl *t;
	int		 ok;

	t = tmpl_set_get(ts, name, d);
	ok = t != NULL && tmpl_render(t, ts, view, TMPL_ESC_HTML, out, d);
	tmpl_set_free(ts);
	return ok;
}

/* ---- One design ---- */

static void
end_with_newline(struct buf *b)
{
	if (b->len == 0 || b->ptr[b->len - 1] != '\n')
		buf_putc(b, '\n');
}

/* Renders every output of an analysed design; non-zero on success. */
static int
render_outputs(const struct ctx *c, const struct analysis *a,
    struct buf *dl, struct buf *body, struct diags *d)
{
	struct tmpl_set	*ts;
	struct diagram	*dg;
	struct findings_set set;
	int		 ok;

	ts = runbook_templates(c->o->templates);
	dg = diagram_new(a->dsn, a->sim, DIAGRAM_SUMMARY);
	ok = runbook_render(a, dg, 0, ts, &dl[DL_MD], d) &&
	    runbook_html_body(a, dg, ts, body, d) &&
	    diagram_render(dg, NULL, DIAGRAM_SVG, &dl[DL_SVG], d) &&
	    diagram_render(dg, NULL, DIAGRAM_DOT, &dl[DL_DOT], d) &&
	    diagram_render(dg, NULL, DIAGRAM_MERMAID, &dl[DL_MMD], d);
	diagram_free(dg);
	tmpl_set_free(ts);
	if (!ok)
		return 0;
	set.dsn = a->dsn;
	set.f = &a->findings;
	findings_json(&dl[DL_FINDINGS], &set, 1);
	findings_sarif(&dl[DL_SARIF], &set, 1);
	sim_json(&dl[DL_SIM], a->sim, NULL);
	end_with_newline(&dl[DL_MD]);
	end_with_newline(&dl[DL_SVG]);
	end_with_newline(&dl[DL_DOT]);
	end_with_newline(&dl[DL_MMD]);
	end_with_newline(&dl[DL_FINDINGS]);
	end_with_newline(&dl[DL_SARIF]);
	end_with_newline(&dl[DL_SIM]);
	return 1;
}

static struct value *
rec_new(const struct ctx *c, const struct entry *e)
{
	struct value	*rec = value_new_map();

	value_map_str(rec, "file", e->file);
	value_map_str(rec, "slug", e->slug);
	value_map_str(rec, "hash", e->hash);
	if (e->dup)
		value_map_str(rec, "dup", e->dup);
	value_map_str(rec, "hybridoc", HYBRIDOC_VERSION);
	value_map_str(rec, "templates", c->th);
	if (c->epoch)
		value_map_str(rec, "epoch", c->epoch);
	return rec;
}

/* Pushes each message of d onto list, as the design's summary has them. */
static void
put_messages(struct value *list, const struct diags *d)
{
	struct value	*item;
	size_t		 i;

	for (i = 0; i < d->n; i++) {
		item = value_list_map(list);
		value_map_str(item, "level", diag_level_str(d->v[i].level));
		if (d->v[i].file)
			value_map_str(item, "file", d->v[i].file);
		value_map_int(item, "line", d->v[i].mark.line);
		value_map_int(item, "col", d->v[i].mark.col);
		value_map_str(item, "msg", d->v[i].msg);
		if (d->v[i].id)
			value_map_str(item, "id", d->v[i].id);
	}
}

/*
 * Renders design e into its folder and returns its manifest record
 * (inputs, files, summary).  Problems are shown on the page and kept
 * in the summary's messages; an output that cannot be written is one
 * of them.
 */
static struct value *
render_design(const struct ctx *c, const struct entry *e, size_t *written)
{
	struct diags	 dd, wd;
	struct analysis	 a;
	struct buf	 dl[NDL], body = BUF_INIT, page = BUF_INIT;
	struct buf	 b = BUF_INIT;
	struct value	*rec, *sum, *view, *list, *item, *files;
	const char	*names[NDL + 1];
	size_t		 i, nnames = 0;
	long		 errors = 0, warnings = 0;
	int		 analysed = 0, ok = 0;
	const char	*status, *title;

	diags_init(&dd);
	diags_init(&wd);
	for (i = 0; i < NDL; i++)
		buf_init(&dl[i]);
	for (i = 0; i < e->rd.n; i++)
		diags_add(&dd, e->rd.v[i].level, e->rd.v[i].file,
		    e->rd.v[i].mark, e->rd.v[i].id, "%s", e->rd.v[i].msg);
	if (e->dup != NULL)
		diags_add(&dd, DIAG_ERROR, e->file, e->name_mark, NULL,
		    "design name '%s' is already used by %s; every design in "
		    "a site needs a name of its own", e->name, e->dup);
	else if (e->data != NULL)
		analysed = analysis_run_mem(&a, e->file, e->data, e->len, 0,
		    &dd);
	if (analysed)
		ok = render_outputs(c, &a, dl, &body, &dd);
	if (ok && diags_errors(&dd) > 0)
		ok = 0;
	if (ok) {
		errors = (long)findings_count(&a.findings, DIAG_ERROR);
		warnings = (long)findings_count(&a.findings, DIAG_WARNING);
		status = errors ? "errors" : warnings ? "warnings" : "clean";
	} else
		status = "input-errors";
	title = analysed && a.dsn->title ? a.dsn->title : analysed ?
	    a.dsn->name : e->name ? e->name : e->file;

	/* The summary: what the index, inventory and search need. */
	sum = value_new_map();
	value_map_str(sum, "name", e->slug);
	value_map_str(sum, "title", title);
	value_map_str(sum, "file", e->file);
	value_map_str(sum, "region", analysed && a.dsn->region ?
	    a.dsn->region : "");
	value_map_str(sum, "status", status);
	status_text(&b, status, errors, warnings);
	value_map_str(sum, "status_text", buf_cstr(&b));
	value_map_int(sum, "errors", errors);
	value_map_int(sum, "warnings", warnings);
	value_map_bool(sum, "ok", ok);
	if (ok) {
		value_map_int(sum, "nsites", (long long)a.dsn->nsites);
		value_map_int(sum, "ncircuits", (long long)a.dsn->ncircuits);
	}
	put_messages(value_map_list(sum, "messages"), &dd);
	if (ok)
		inventory_summary(&a, sum);

	/* The page. */
	view = page_new("../", title, 0);
	value_map_str(view, "name", e->slug);
	value_map_str(view, "title", title);
	value_map_str(view, "file", e->file);
	value_map_str(view, "status", status);
	value_map_str(view, "status_text", buf_cstr(&b));
	value_map_bool(view, "ok", ok);
	list = value_map_list(view, "downloads");
	for (i = 0; i < NDL; i++) {
		if ((!ok && i != DL_YAML) || e->data == NULL)
			continue;
		item = value_list_map(list);
		value_map_str(item, "href", downloads[i].file);
		value_map_str(item, "what", downloads[i].what);
	}
	list = value_map_list(view, "messages");
	for (i = 0; i < dd.n; i++) {
		item = value_list_map(list);
		value_map_str(item, "level", diag_level_str(dd.v[i].level));
		buf_truncate(&b, 0);
		diag_line(&b, &dd.v[i]);
		value_map_str(item, "text", buf_cstr(&b));
	}
	if (dd.dropped) {
		item = value_list_map(list);
		value_map_str(item, "level", "note");
		buf_truncate(&b, 0);
		buf_printf(&b, "%zu more messages not shown", dd.dropped);
		value_map_str(item, "text", buf_cstr(&b));
	}
	value_map_put(view, "runbook", value_new_strn(buf_cstr(&body),
	    body.len));
	if (!render_page(c->o->templates, "site-design.html.mustache", view,
	    &page, &wd))
		buf_truncate(&page, 0);
	value_free(view);

	/* The files. */
	names[nnames++] = "index.html";
	if (e->data != NULL)
		names[nnames++] = downloads[DL_YAML].file;
	if (ok)
		for (i = 0; i < DL_YAML; i++)
			names[nnames++] = downloads[i].file;
	qsort(names, nnames, sizeof(*names), strp_cmp);
	files = value_new_list();
	for (i = 0; i < nnames; i++) {
		const char	*data;
		size_t		 len, k;

		if (strcmp(names[i], "index.html") == 0) {
			data = buf_cstr(&page);
			len = page.len;
		} else if (strcmp(names[i], "design.yaml") == 0) {
			data = e->data;
			len = e->len;
		} else {
			for (k = 0; k < DL_YAML; k++)
				if (strcmp(names[i], downloads[k].file) == 0)
					break;
			data = buf_cstr(&dl[k]);
			len = dl[k].len;
		}
		buf_truncate(&b, 0);
		buf_printf(&b, "%s/%s", e->slug, names[i]);
		if (put_file(c->out, buf_cstr(&b), data, len, written, &wd))
			value_list_push(files, value_new_str(buf_cstr(&b)));
	}
	/* Template and write errors belong to the design's messages too. */
	put_messages(value_map_get(sum, "messages"), &wd);
	if (diags_errors(&wd) > 0) {
		/* The page or a download is missing: the design failed. */
		value_free(sum->items[value_map_index(sum, "status")]);
		sum->items[value_map_index(sum, "status")] =
		    value_new_str("input-errors");
		value_free(sum->items[value_map_index(sum, "status_text")]);
		sum->items[value_map_index(sum, "status_text")] =
		    value_new_str("input errors");
	}

	rec = rec_new(c, e);
	value_map_put(rec, "files", files);
	/* A page or download that could not be written: render it again. */
	if (diags_errors(&wd) > 0)
		value_map_bool(rec, "incomplete", 1);
	value_map_put(rec, "summary", sum);
	if (analysed)
		analysis_release(&a);
	for (i = 0; i < NDL; i++)
		buf_release(&dl[i]);
	buf_release(&body);
	buf_release(&page);
	buf_release(&b);
	diags_release(&dd);
	diags_release(&wd);
	return rec;
}

/* ---- Rendering many designs ---- */

static void
progress(const struct ctx *c, size_t done, size_t n)
{
	if (!c->o->progress || n == 0)
		return;
	fprintf(stderr, "\rhybridoc site: %zu/%zu designs rendered", done, n);
	if (done == n)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/*
 * A worker: renders one design and leaves {"written", "rec"} in path.
 * Returns non-zero when it did.  The worker then unwinds through
 * site_build()'s clean-up and exits, so that it frees what it holds.
 */
static int
worker(const struct ctx *c, const struct entry *e, const char *path)
{
	struct value	*res;
	struct buf	 b = BUF_INIT;
	struct diags	 d;
	size_t		 written = 0;
	int		 ok;

	diags_init(&d);
	res = value_new_map();
	value_map_put(res, "rec", render_design(c, e, &written));
	value_map_int(res, "written", (long long)written);
	json_dump(&b, res);
	buf_putc(&b, '\n');
	ok = fsout_write(path, buf_cstr(&b), b.len, &d);
	value_free(res);
	buf_release(&b);
	diags_release(&d);
	diagram_cleanup();
	return ok;
}

/* A record for a design whose worker died. */
static struct value *
crashed(const struct ctx *c, const struct entry *e, const char *why)
{
	struct value	*rec = rec_new(c, e), *sum, *m;

	/* No files: the next build renders it again. */
	value_map_list(rec, "files");
	sum = value_map_put(rec, "summary", value_new_map());
	value_map_str(sum, "name", e->slug);
	value_map_str(sum, "title", e->name ? e->name : e->file);
	value_map_str(sum, "file", e->file);
	value_map_str(sum, "status", "input-errors");
	value_map_str(sum, "status_text", "input errors");
	value_map_bool(sum, "ok", 0);
	m = value_list_push(value_map_list(sum, "messages"),
	    value_new_map());
	value_map_str(m, "level", "error");
	value_map_str(m, "file", e->file);
	value_map_int(m, "line", 0);
	value_map_int(m, "col", 0);
	value_map_str(m, "msg", why);
	return rec;
}

/*
 * Reads a worker's result: its record, and adds its written count.
 * The file appears (by rename) only once the worker rendered it all,
 * so it is trusted whatever the exit status: under valgrind a worker
 * exits 99 for Graphviz's own leaks.
 */
static struct value *
collect(const struct ctx *c, const struct entry *e, const char *path,
    int status)
{
	struct diags	 d;
	struct value	*root = NULL, *rec = NULL, *w;
	char		*data, *why;
	size_t		 len;
	long		 k;

	diags_init(&d);
	if (access(path, F_OK) == 0 && load_file(path, &data, &len, &d)) {
		if (load_yaml(path, data, len, &root, &d) &&
		    root->kind == VALUE_MAP &&
		    (k = value_map_index(root, "rec")) >= 0) {
			rec = root->items[k];
			root->items[k] = value_new_null();
			if ((w = value_map_get(root, "written")) != NULL &&
			    w->kind == VALUE_NUM)
				c->st->written += (size_t)w->num;
		}
		free(data);
		value_free(root);
		unlink(path);
	}
	diags_release(&d);
	if (rec != NULL && rec->kind == VALUE_MAP)
		return rec;
	value_free(rec);
	why = WIFSIGNALED(status) ? xasprintf("rendering stopped by signal "
	    "%d", WTERMSIG(status)) : xasprintf("rendering failed (worker "
	    "exit status %d)", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	rec = crashed(c, e, why);
	free(why);
	return rec;
}

/* Largest design first, so that no worker is left with a big one last. */
struct job {
	size_t		 entry;
	size_t		 len;
};

static int
job_cmp(const void *a, const void *b)
{
	const struct job *x = a, *y = b;

	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static int
render_all(struct ctx *c, struct diags *d)
{
	size_t		*todo, n = 0, next = 0, done = 0, running = 0, i;
	pid_t		*pids;
	size_t		*slot_entry;
	long		 jobs = c->o->jobs;
	struct buf	 tmp = BUF_INIT, path = BUF_INIT;
	const char	*tdir;
	char		*workdir = NULL;
	int		 ok = 1, status;
	pid_t		 pid;

	todo = xcalloc(c->n + 1, sizeof(*todo));
	for (i = 0; i < c->n; i++)
		if (c->v[i].render)
			todo[n++] = i;
	if (n == 0) {
		free(todo);
		return 1;
	}
	if (jobs > (long)n)
		jobs = (long)n;
	{
		struct job	*jv = xcalloc(n, sizeof(*jv));

		for (i = 0; i < n; i++) {
			jv[i].entry = todo[i];
			jv[i].len = c->v[todo[i]].len;
		}
		qsort(jv, n, sizeof(*jv), job_cmp);
		for (i = 0; i < n; i++)
			todo[i] = jv[i].entry;
		free(jv);
	}
	tdir = getenv("TMPDIR");
	buf_printf(&tmp, "%s/hybridoc-jobs.XXXXXX", tdir && *tdir ? tdir :
	    "/tmp");
	workdir = buf_detach(&tmp, NULL);
	if (mkdtemp(workdir) == NULL) {
		diags_error(d, workdir, nomark, "cannot create a temporary "
		    "folder: %s", strerror(errno));
		free(workdir);
		free(todo);
		return 0;
	}
	pids = xcalloc((size_t)jobs, sizeof(*pids));
	slot_entry = xcalloc((size_t)jobs, sizeof(*slot_entry));
	progress(c, 0, n);
	while (done < n) {
		while (running < (size_t)jobs && next < n) {
			for (i = 0; i < (size_t)jobs && pids[i] != 0; i++)
				;
			buf_truncate(&path, 0);
			buf_printf(&path, "%s/%zu.json", workdir, todo[next]);
			pid = proc_fork();
			if (pid == 0) {
				c->worker = 1;
				c->worker_ok = worker(c, &c->v[todo[next]],
				    buf_cstr(&path));
				goto out;
			}
			if (pid < 0) {
				if (running > 0)
					break;
				/* No process to spare: render it here. */
				c->v[todo[next]].rec = render_design(c,
				    &c->v[todo[next]], &c->st->written);
				next++;
				done++;
				continue;
			}
			pids[i] = pid;
			slot_entry[i] = todo[next];
			next++;
			running++;
		}
		if (running == 0)
			continue;
		pid = proc_wait(-1, &status);
		if (pid < 0) {
			diags_error(d, NULL, nomark, "waiting for workers: %s",
			    strerror(errno));
			ok = 0;
			break;
		}
		for (i = 0; i < (size_t)jobs && pids[i] != pid; i++)
			;
		if (i == (size_t)jobs)
			continue;
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%zu.json", workdir, slot_entry[i]);
		c->v[slot_entry[i]].rec = collect(c, &c->v[slot_entry[i]],
		    buf_cstr(&path), status);
		pids[i] = 0;
		running--;
		done++;
		progress(c, done, n);
	}
	rmdir(workdir);
out:
	free(workdir);
	free(pids);
	free(slot_entry);
	free(todo);
	buf_release(&path);
	return ok;
}

/* ---- Reading the folder ---- */

static void
read_name(struct entry *e)
{
	struct diags	 tmp;
	struct value	*root = NULL;
	const struct value *v;

	diags_init(&tmp);
	if (load_yaml(e->file, e->data, e->len, &root, &tmp) &&
	    root->kind == VALUE_MAP &&
	    (v = value_map_get(root, "name")) != NULL &&
	    v->kind == VALUE_STR && strlen(v->str) == v->len &&
	    is_slug(v->str)) {
		e->name = xstrdup(v->str);
		e->name_mark = v->mark;
	}
	value_free(root);
	diags_release(&tmp);
}

static int
slug_used(const struct ctx *c, const char *slug)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (c->v[i].slug != NULL && strcmp(c->v[i].slug, slug) == 0)
			return 1;
	return 0;
}

/*
 * Folders: a design's name, unless an earlier file (by name) has it;
 * then, and for designs without a readable name, one from the file
 * name that no other design uses.
 */
static void
assign_slugs(struct ctx *c)
{
	struct entry	*e;
	char		*base, *s;
	size_t		 i, j, k;

	for (i = 0; i < c->n; i++) {
		e = &c->v[i];
		if (e->name == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (c->v[j].slug != NULL &&
			    strcmp(c->v[j].slug, e->name) == 0 &&
			    c->v[j].dup == NULL && c->v[j].name != NULL)
				break;
		if (j < i)
			e->dup = c->v[j].file;
		else
			e->slug = xstrdup(e->name);
	}
	for (i = 0; i < c->n; i++) {
		e = &c->v[i];
		if (e->slug != NULL)
			continue;
		base = slug_from_file(e->file);
		s = xstrdup(base);
		for (k = 2; slug_used(c, s); k++) {
			free(s);
			s = xasprintf("%s-%zu", base, k);
		}
		free(base);
		e->slug = s;
	}
}

static int
read_designs(struct ctx *c, struct diags *d)
{
	char		**names;
	struct buf	 path = BUF_INIT;
	struct entry	*e;
	size_t		 n, i;

	if (!list_dir(c->o->dir, 1, &names, &n, d))
		return 0;
	c->v = xcalloc(n + 1, sizeof(*c->v));
	c->n = n;
	for (i = 0; i < n; i++) {
		e = &c->v[i];
		e->file = names[i];
		diags_init(&e->rd);
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%s", c->o->dir, e->file);
		if (!load_file(buf_cstr(&path), &e->data, &e->len, &e->rd)) {
			e->data = NULL;
			/* Messages name the file as the pages do. */
			free(e->rd.v[e->rd.n - 1].file);
			e->rd.v[e->rd.n - 1].file = xstrdup(e->file);
		}
		snprintf(e->hash, sizeof(e->hash), "%016llx", e->data ?
		    hash_bytes(HASH_INIT, e->data, e->len) : 0ULL);
		if (e->data)
			read_name(e);
	}
	free(names);
	buf_release(&path);
	assign_slugs(c);
	return 1;
}

/* ---- The manifest ---- */

static struct value *
manifest_read(const char *out)
{
	struct buf	 path = BUF_INIT;
	struct diags	 d;
	struct value	*root = NULL;
	struct stat	 sb;
	char		*data;
	size_t		 len;

	diags_init(&d);
	buf_printf(&path, "%s/%s", out, SITE_MANIFEST);
	if (lstat(buf_cstr(&path), &sb) == 0 && S_ISREG(sb.st_mode) &&
	    load_file(buf_cstr(&path), &data, &len, &d)) {
		if (!load_yaml(SITE_MANIFEST, data, len, &root, &d) ||
		    root->kind != VALUE_MAP ||
		    value_map_get(root, "designs") == NULL ||
		    value_map_get(root, "designs")->kind != VALUE_LIST) {
			value_free(root);
			root = NULL;
		}
		free(data);
	}
	buf_release(&path);
	diags_release(&d);
	return root;
}

static const struct value *
manifest_find(const struct value *m, const char *file)
{
	const struct value *list, *r;
	size_t		 i;

	if (m == NULL)
		return NULL;
	list = value_map_get(m, "designs");
	for (i = 0; i < list->n; i++) {
		r = list->items[i];
		if (r->kind == VALUE_MAP &&
		    streq(value_map_cstr(r, "file"), file))
			return r;
	}
	return NULL;
}

static int
reusable(const struct ctx *c, const struct entry *e, const struct value *r)
{
	const struct value *files, *sum;
	struct buf	 path = BUF_INIT;
	struct stat	 sb;
	size_t		 i;
	int		 ok;

	files = value_map_get(r, "files");
	sum = value_map_get(r, "summary");
	if (!streq(value_map_cstr(r, "hash"), e->hash) ||
	    !streq(value_map_cstr(r, "slug"), e->slug) ||
	    !streq(value_map_cstr(r, "dup"), e->dup) ||
	    !streq(value_map_cstr(r, "hybridoc"), HYBRIDOC_VERSION) ||
	    !streq(value_map_cstr(r, "templates"), c->th) ||
	    !streq(value_map_cstr(r, "epoch"), c->epoch) ||
	    files == NULL || files->kind != VALUE_LIST || files->n == 0 ||
	    sum == NULL || sum->kind != VALUE_MAP ||
	    value_truthy(value_map_get(r, "incomplete")))
		return 0;
	ok = 1;
	for (i = 0; i < files->n && ok; i++) {
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%s", c->out, files->items[i]->str ?
		    files->items[i]->str : "");
		ok = files->items[i]->kind == VALUE_STR &&
		    lstat(buf_cstr(&path), &sb) == 0 && S_ISREG(sb.st_mode);
	}
	buf_release(&path);
	return ok;
}

static void
manifest_text(const struct ctx *c, struct buf *out)
{
	size_t	 i;

	buf_puts(out, "{\"hybridoc\":");
	json_put_string(out, HYBRIDOC_VERSION, strlen(HYBRIDOC_VERSION));
	buf_puts(out, ",\"templates\":");
	json_put_string(out, c->th, strlen(c->th));
	buf_puts(out, ",\"site\":[");
	for (i = 0; site_files[i] != NULL; i++) {
		if (i)
			buf_putc(out, ',');
		json_put_string(out, site_files[i], strlen(site_files[i]));
	}
	buf_puts(out, "],\"designs\":[");
	for (i = 0; i < c->n; i++) {
		buf_puts(out, i ? ",\n" : "\n");
		json_dump(out, c->v[i].rec);
	}
	buf_puts(out, "\n]}\n");
}

/* Deletes out/rel when it is a file, then its folder when empty. */
static void
remove_file(const char *out, const char *rel)
{
	struct buf	 path = BUF_INIT;
	struct stat	 sb;
	const char	*slash;

	if (!inside(out, rel))
		return;
	buf_printf(&path, "%s/%s", out, rel);
	if (lstat(buf_cstr(&path), &sb) == 0 && S_ISREG(sb.st_mode))
		unlink(buf_cstr(&path));
	if ((slash = strrchr(rel, '/')) != NULL) {
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%.*s", out, (int)(slash - rel), rel);
		if (lstat(buf_cstr(&path), &sb) == 0 && S_ISDIR(sb.st_mode))
			rmdir(buf_cstr(&path));
	}
	buf_release(&path);
}

/*
 * Deletes what the previous build wrote and this one did not: the
 * pages of deleted or renamed designs, downloads a design no longer
 * has.  Only files the manifest lists are touched.
 */
static void
remove_stale(struct ctx *c)
{
	const struct value *list, *r, *files;
	const char	**keep;
	const char	*rel;
	size_t		 nkeep = 0, cap = 0, i, j;

	if (c->old == NULL)
		return;
	keep = NULL;
	for (i = 0; i < c->n; i++) {
		files = value_map_get(c->v[i].rec, "files");
		for (j = 0; files != NULL && j < files->n; j++) {
			xgrow(&keep, &cap, nkeep + 1, sizeof(*keep));
			keep[nkeep++] = files->items[j]->str;
		}
	}
	for (i = 0; site_files[i] != NULL; i++) {
		xgrow(&keep, &cap, nkeep + 1, sizeof(*keep));
		keep[nkeep++] = site_files[i];
	}
	if (nkeep > 1)
		qsort(keep, nkeep, sizeof(*keep), strp_cmp);
	list = value_map_get(c->old, "designs");
	for (i = 0; i < list->n; i++) {
		r = list->items[i];
		if (r->kind != VALUE_MAP)
			continue;
		if (manifest_find(c->old, value_map_cstr(r, "file")) == r) {
			for (j = 0; j < c->n; j++)
				if (streq(c->v[j].file,
				    value_map_cstr(r, "file")))
					break;
			if (j == c->n)
				c->st->removed++;
		}
		files = value_map_get(r, "files");
		if (files == NULL || files->kind != VALUE_LIST)
			continue;
		for (j = 0; j < files->n; j++) {
			rel = files->items[j]->kind == VALUE_STR ?
			    files->items[j]->str : NULL;
			if (rel != NULL && (nkeep == 0 || bsearch(&rel, keep,
			    nkeep, sizeof(*keep), strp_cmp) == NULL))
				remove_file(c->out, rel);
		}
	}
	free(keep);
}

/* ---- The index, the inventory, the search index ---- */

static const struct value *
rec_summary(const struct entry *e)
{
	return value_map_get(e->rec, "summary");
}

static int
entry_slug_cmp(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;

	return strcmp(x->slug, y->slug);
}

static void
copy_key(struct value *to, const struct value *from, const char *key)
{
	const struct value *v = value_map_get(from, key);

	if (v != NULL)
		value_map_put(to, key, value_copy(v));
}

static struct value *
index_view(const struct inventory *inv)
{
	struct value	*v, *list, *row;
	const struct value *s;
	const char	*st;
	size_t		 i, nclean = 0, nwarn = 0, nerr = 0, ninput = 0;

	v = page_new("", "Designs", 1);
	list = value_map_list(v, "designs");
	for (i = 0; i < inv->nsums; i++) {
		s = inv->sums[i];
		row = value_list_map(list);
		copy_key(row, s, "name");
		copy_key(row, s, "title");
		copy_key(row, s, "file");
		copy_key(row, s, "region");
		copy_key(row, s, "nsites");
		copy_key(row, s, "ncircuits");
		copy_key(row, s, "status");
		copy_key(row, s, "status_text");
		copy_key(row, s, "ok");
		value_map_bool(row, "has_flagged", inv->flagged[i] > 0);
		value_map_int(row, "flagged", (long long)inv->flagged[i]);
		st = value_map_cstr(s, "status");
		if (streq(st, "clean"))
			nclean++;
		else if (streq(st, "warnings"))
			nwarn++;
		else if (streq(st, "errors"))
			nerr++;
		else
			ninput++;
	}
	value_map_int(v, "ndesigns", (long long)inv->nsums);
	value_map_bool(v, "one", inv->nsums == 1);
	value_map_int(v, "nclean", (long long)nclean);
	value_map_int(v, "nwarnings", (long long)nwarn);
	value_map_int(v, "nerrors", (long long)nerr);
	value_map_int(v, "ninput", (long long)ninput);
	value_map_bool(v, "has_input", ninput > 0);
	value_map_int(v, "nconflicts", (long long)inv->nconflicts_total);
	value_map_bool(v, "has_conflicts", inv->nconflicts_total > 0);
	value_map_bool(v, "one_conflict", inv->nconflicts_total == 1);
	row = value_list_push(value_map_list(v, "scripts"),
	    value_new_map());
	value_map_str(row, "src", "search-index.js");
	row = value_list_push(value_map_get(v, "scripts"), value_new_map());
	value_map_str(row, "src", "site.js");
	return v;
}

static void
search_entry(struct buf *out, const char *kind, const char *text,
    const char *detail, const char *url)
{
	struct value	*e = value_new_map();

	value_map_str(e, "k", kind);
	value_map_str(e, "t", text);
	value_map_str(e, "d", detail);
	value_map_str(e, "u", url);
	buf_puts(out, out->len ? ",\n" : "\n");
	json_dump(out, e);
	value_free(e);
}

/*
 * The search index: designs, sites, then every inventory row, one
 * entry per line so that a change reads well in a diff.
 */
static void
search_index(const struct inventory *inv, struct buf *out)
{
	struct buf	 list = BUF_INIT, d = BUF_INIT, u = BUF_INIT;
	const struct value *s, *sites, *site;
	const struct inv_row *r;
	const char	*name, *title, *loc;
	size_t		 i, j;
	int		 k;

	for (i = 0; i < inv->nsums; i++) {
		s = inv->sums[i];
		name = value_map_cstr(s, "name");
		title = value_map_cstr(s, "title");
		buf_truncate(&d, 0);
		buf_printf(&d, "%s, %s%s%s, %s", name, value_map_cstr(s,
		    "file"), *value_map_cstr(s, "region") ? ", " : "",
		    value_map_cstr(s, "region"), value_map_cstr(s,
		    "status_text"));
		buf_truncate(&u, 0);
		buf_printf(&u, "%s/index.html", name);
		search_entry(&list, "design", title, buf_cstr(&d),
		    buf_cstr(&u));
	}
	for (i = 0; i < inv->nsums; i++) {
		s = inv->sums[i];
		name = value_map_cstr(s, "name");
		sites = value_map_get(s, "sites");
		buf_truncate(&u, 0);
		buf_printf(&u, "%s/index.html", name);
		for (j = 0; sites != NULL && j < sites->n; j++) {
			site = sites->items[j];
			if (value_map_cstr(site, "name") == NULL)
				continue;
			loc = value_map_cstr(site, "location");
			buf_truncate(&d, 0);
			buf_printf(&d, "%s%sin %s", loc ? loc : "",
			    loc ? ", " : "", name);
			search_entry(&list, "site", value_map_cstr(site,
			    "name"), buf_cstr(&d), buf_cstr(&u));
		}
	}
	for (k = 0; k < INV_NKINDS; k++)
		for (i = 0; i < inv->nrows[k]; i++) {
			r = &inv->rows[k][i];
			buf_truncate(&d, 0);
			buf_printf(&d, "%s%s%s in %s%s", r->object,
			    *r->object ? ", " : "", r->role, r->dname,
			    r->nwith_total ? " (shared with another design)" :
			    "");
			buf_truncate(&u, 0);
			buf_printf(&u, "inventory.html#%s", r->id);
			search_entry(&list, inventory_kind_name(
			    (enum inv_kind)k), r->key, buf_cstr(&d),
			    buf_cstr(&u));
		}
	buf_puts(out, "/* Generated by hybridoc " HYBRIDOC_VERSION ": the "
	    "wiki's search index (read by site.js). */\n"
	    "window.HYBRIDOC_SEARCH = [");
	buf_put(out, buf_cstr(&list), list.len);
	buf_puts(out, "\n];\n");
	buf_release(&list);
	buf_release(&d);
	buf_release(&u);
}

static int
write_site(struct ctx *c, struct diags *d)
{
	const struct entry **sorted;
	const struct value **sums;
	struct inventory *inv;
	struct value	*view;
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 ok = 1;

	sorted = xcalloc(c->n + 1, sizeof(*sorted));
	sums = xcalloc(c->n + 1, sizeof(*sums));
	for (i = 0; i < c->n; i++)
		sorted[i] = &c->v[i];
	if (c->n > 1)
		qsort(sorted, c->n, sizeof(*sorted), entry_slug_cmp);
	for (i = 0; i < c->n; i++)
		sums[i] = rec_summary(sorted[i]);
	inv = inventory_new(sums, c->n);

	view = index_view(inv);
	ok = render_page(c->o->templates, "site-index.html.mustache", view,
	    &b, d) && put_file(c->out, "index.html", buf_cstr(&b), b.len,
	    &c->st->written, d);
	value_free(view);

	buf_truncate(&b, 0);
	view = inventory_view(inv);
	{
		struct value *p = page_new("", "Inventory", 2);
		size_t	 k;

		for (k = 0; k < p->n; k++)
			value_map_put(view, p->keys[k], value_copy(p->items[k]));
		value_free(p);
	}
	value_map_bool(view, "one", c->n == 1);
	value_map_bool(view, "one_conflict", inv->nconflicts_total == 1);
	ok = ok && render_page(c->o->templates,
	    "site-inventory.html.mustache", view, &b, d) &&
	    put_file(c->out, "inventory.html", buf_cstr(&b), b.len,
	    &c->st->written, d);
	value_free(view);

	buf_truncate(&b, 0);
	search_index(inv, &b);
	ok = ok && put_file(c->out, "search-index.js", buf_cstr(&b), b.len,
	    &c->st->written, d);
	for (i = 0; ok && i < 2; i++) {
		const char *asset = i == 0 ? "site.js" : "hybridoc.css";

		buf_truncate(&b, 0);
		ok = asset_load(c->o->templates, asset, &b, d) &&
		    put_file(c->out, asset, buf_cstr(&b), b.len,
		    &c->st->written, d);
	}

	buf_truncate(&b, 0);
	manifest_text(c, &b);
	ok = ok && put_file(c->out, SITE_MANIFEST, buf_cstr(&b), b.len,
	    &c->st->written, d);
	inventory_free(inv);
	free(sums);
	free(sorted);
	buf_release(&b);
	return ok;
}

/* ---- --check ---- */

struct tree {
	char		**files;
	size_t		 nfiles, capf;
	char		**dirs;
	size_t		 ndirs, capd;
};

static int
depth_of(const char *rel)
{
	int	 n = 1;

	for (; *rel; rel++)
		n += *rel == '/';
	return n;
}

/* Every file and folder below root, relative, sorted; no links followed. */
static int
tree_walk(const char *root, struct tree *t, struct diags *d)
{
	char		**stack = NULL, *rel, *sub;
	size_t		 ns = 0, caps = 0;
	struct buf	 path = BUF_INIT;
	DIR		*dp;
	struct dirent	*de;
	struct stat	 sb;
	int		 ok = 1;

	memset(t, 0, sizeof(*t));
	xgrow(&stack, &caps, 1, sizeof(*stack));
	stack[ns++] = xstrdup("");
	while (ns > 0) {
		rel = stack[--ns];
		buf_truncate(&path, 0);
		buf_printf(&path, "%s%s%s", root, *rel ? "/" : "", rel);
		if ((dp = opendir(buf_cstr(&path))) == NULL) {
			diags_error(d, buf_cstr(&path), nomark, "cannot read "
			    "folder: %s", strerror(errno));
			ok = 0;
			free(rel);
			continue;
		}
		while ((de = readdir(dp)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			sub = *rel ? xasprintf("%s/%s", rel, de->d_name) :
			    xstrdup(de->d_name);
			buf_truncate(&path, 0);
			buf_printf(&path, "%s/%s", root, sub);
			if (lstat(buf_cstr(&path), &sb) == 0 &&
			    S_ISDIR(sb.st_mode) &&
			    depth_of(sub) < SITE_MAX_DEPTH) {
				xgrow(&stack, &caps, ns + 1, sizeof(*stack));
				stack[ns++] = xstrdup(sub);
				xgrow(&t->dirs, &t->capd, t->ndirs + 1,
				    sizeof(*t->dirs));
				t->dirs[t->ndirs++] = sub;
			} else {
				xgrow(&t->files, &t->capf, t->nfiles + 1,
				    sizeof(*t->files));
				t->files[t->nfiles++] = sub;
			}
		}
		closedir(dp);
		free(rel);
	}
	free(stack);
	buf_release(&path);
	if (t->nfiles > 1)
		qsort(t->files, t->nfiles, sizeof(*t->files), strp_cmp);
	if (t->ndirs > 1)
		qsort(t->dirs, t->ndirs, sizeof(*t->dirs), strp_cmp);
	return ok;
}

static void
tree_release(struct tree *t)
{
	strv_free(t->files, t->nfiles);
	strv_free(t->dirs, t->ndirs);
	memset(t, 0, sizeof(*t));
}

static int
same_file(const char *a, const char *b)
{
	struct stat	 sa, sb;
	FILE		*fa, *fb;
	char		 ba[8192], bb[8192];
	size_t		 na, nb;
	int		 same;

	if (lstat(a, &sa) != 0 || lstat(b, &sb) != 0 || !S_ISREG(sa.st_mode) ||
	    !S_ISREG(sb.st_mode) || sa.st_size != sb.st_size)
		return 0;
	if ((fa = fopen(a, "rb")) == NULL)
		return 0;
	if ((fb = fopen(b, "rb")) == NULL) {
		fclose(fa);
		return 0;
	}
	do {
		na = fread(ba, 1, sizeof(ba), fa);
		nb = fread(bb, 1, sizeof(bb), fb);
		same = na == nb && memcmp(ba, bb, na) == 0;
	} while (same && na > 0);
	fclose(fa);
	fclose(fb);
	return same;
}

/* diff -u of a (the output as it is) and b (as it should be). */
static void
run_diff(FILE *fp, const char *rel, const char *a, const char *b)
{
	char		*la = xasprintf("a/%s", rel), *lb = xasprintf("b/%s", rel);
	char		*argv[] = { (char *)(uintptr_t)"diff",
			    (char *)(uintptr_t)"-u",
			    (char *)(uintptr_t)"--label", la,
			    (char *)(uintptr_t)"--label", lb,
			    (char *)(uintptr_t)a, (char *)(uintptr_t)b, NULL };
	struct stat	 sb;
	int		 rc;

	fflush(fp);
	if (lstat(a, &sb) == 0 && !S_ISREG(sb.st_mode) &&
	    !S_ISCHR(sb.st_mode)) {
		fprintf(fp, "hybridoc: %s is not a regular file\n", la);
		goto out;
	}
	/* Without diff, say which file differs. */
	if ((rc = proc_run_to(fp, argv)) < 0 || rc == 127)
		fprintf(fp, "Files %s and %s differ\n", la, lb);
out:
	free(la);
	free(lb);
}

/* Compares the site built in tmp with o->out; counts stale files. */
static int
compare(struct ctx *c, const char *tmp, struct diags *d)
{
	struct tree	 want, have;
	struct stat	 sb;
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	size_t		 i = 0, j = 0;
	int		 cmp, ok;
	FILE		*fp = c->o->diff ? c->o->diff : stdout;

	ok = tree_walk(tmp, &want, d);
	if (stat(c->o->out, &sb) == 0)
		ok = tree_walk(c->o->out, &have, d) && ok;
	else
		memset(&have, 0, sizeof(have));
	while (ok && (i < have.nfiles || j < want.nfiles)) {
		cmp = i == have.nfiles ? 1 : j == want.nfiles ? -1 :
		    strcmp(have.files[i], want.files[j]);
		buf_truncate(&a, 0);
		buf_truncate(&b, 0);
		if (cmp <= 0)
			buf_printf(&a, "%s/%s", c->o->out, have.files[i]);
		else
			buf_puts(&a, "/dev/null");
		if (cmp >= 0)
			buf_printf(&b, "%s/%s", tmp, want.files[j]);
		else
			buf_puts(&b, "/dev/null");
		if (cmp != 0 || !same_file(buf_cstr(&a), buf_cstr(&b))) {
			c->st->stale++;
			run_diff(fp, cmp <= 0 ? have.files[i] : want.files[j],
			    buf_cstr(&a), buf_cstr(&b));
		}
		if (cmp <= 0)
			i++;
		if (cmp >= 0)
			j++;
	}
	fflush(fp);
	tree_release(&want);
	tree_release(&have);
	buf_release(&a);
	buf_release(&b);
	return ok;
}

/* Removes the temporary site (only what the walk finds: our files). */
static void
remove_tree(const char *root)
{
	struct tree	 t;
	struct diags	 d;
	struct buf	 path = BUF_INIT;
	size_t		 i;

	diags_init(&d);
	tree_walk(root, &t, &d);
	for (i = 0; i < t.nfiles; i++) {
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%s", root, t.files[i]);
		unlink(buf_cstr(&path));
	}
	for (i = t.ndirs; i-- > 0; ) {
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%s", root, t.dirs[i]);
		rmdir(buf_cstr(&path));
	}
	rmdir(root);
	tree_release(&t);
	buf_release(&path);
	diags_release(&d);
}

/* ---- The whole site ---- */

int
site_build(const struct site_opts *o, struct site_stats *st, struct diags *d)
{
	struct ctx	 c;
	struct buf	 tmp = BUF_INIT;
	const struct value *list, *m, *old;
	char		*tmpdir = NULL;
	const char	*t;
	size_t		 i, j;
	int		 ok = 0;

	memset(st, 0, sizeof(*st));
	memset(&c, 0, sizeof(c));
	c.o = o;
	c.st = st;
	c.out = o->out;
	t = getenv("SOURCE_DATE_EPOCH");
	c.epoch = t != NULL && *t != '\0' ? t : NULL;
	if (!read_designs(&c, d))
		goto out;
	st->designs = c.n;
	site_templates_hash(o->templates, c.th);
	if (o->check) {
		t = getenv("TMPDIR");
		buf_printf(&tmp, "%s/hybridoc-check.XXXXXX", t && *t ? t :
		    "/tmp");
		tmpdir = buf_detach(&tmp, NULL);
		if (mkdtemp(tmpdir) == NULL) {
			diags_error(d, tmpdir, nomark, "cannot create a "
			    "temporary folder: %s", strerror(errno));
			free(tmpdir);
			tmpdir = NULL;
			goto out;
		}
		c.out = tmpdir;
	} else {
		if (!fsout_mkdirs(o->out, d))
			goto out;
		if (!o->cold)
			c.old = manifest_read(o->out);
	}
	for (i = 0; i < c.n; i++) {
		old = manifest_find(c.old, c.v[i].file);
		if (old != NULL && reusable(&c, &c.v[i], old)) {
			c.v[i].rec = value_copy(old);
			st->reused++;
		} else {
			c.v[i].render = 1;
			st->rendered++;
		}
	}
	if (!render_all(&c, d) || c.worker)
		goto out;
	if (!o->check)
		remove_stale(&c);
	if (!write_site(&c, d))
		goto out;
	for (i = 0; i < c.n; i++) {
		const struct value *s = rec_summary(&c.v[i]);

		if (streq(value_map_cstr(s, "status"), "input-errors"))
			st->input_errors++;
		else if (streq(value_map_cstr(s, "status"), "errors"))
			st->error_designs++;
		list = value_map_get(s, "messages");
		for (j = 0; list != NULL && j < list->n; j++) {
			struct mark mk;
			const char *lv;

			m = list->items[j];
			lv = value_map_cstr(m, "level");
			mk.line = (unsigned)(value_map_get(m, "line") ?
			    value_map_get(m, "line")->num : 0);
			mk.col = (unsigned)(value_map_get(m, "col") ?
			    value_map_get(m, "col")->num : 0);
			diags_add(d, streq(lv, "error") ? DIAG_ERROR :
			    streq(lv, "warning") ? DIAG_WARNING : DIAG_NOTE,
			    value_map_cstr(m, "file"), mk,
			    value_map_cstr(m, "id"), "%s",
			    value_map_cstr(m, "msg") ?
			    value_map_cstr(m, "msg") : "");
		}
	}
	ok = 1;
	if (o->check)
		ok = compare(&c, tmpdir, d);
out:
	if (tmpdir != NULL) {
		if (!c.worker)
			remove_tree(tmpdir);
		free(tmpdir);
	}
	for (i = 0; i < c.n; i++) {
		free(c.v[i].file);
		free(c.v[i].data);
		free(c.v[i].name);
		free(c.v[i].slug);
		diags_release(&c.v[i].rd);
		value_free(c.v[i].rec);
	}
	free(c.v);
	value_free(c.old);
	if (c.worker) {
		/* A worker ends here, its memory freed, with its verdict. */
		fflush(stdout);
		fflush(stderr);
		_exit(c.worker_ok ? 0 : 1);
	}
	return ok;
}

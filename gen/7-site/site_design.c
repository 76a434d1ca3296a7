/*
 * One design of the site (site_int.h): its pages and downloads from
 * the same pipeline as `hybridoc runbook`, and the manifest record that
 * summarises it; with the small helpers the rest of the site shares.
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
#include <time.h>
#include <unistd.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagram.h"
#include "hybridoc/drift.h"
#include "hybridoc/findings.h"
#include "hybridoc/fsout.h"
#include "hybridoc/hash.h"
#include "hybridoc/inventory.h"
#include "hybridoc/load.h"
#include "hybridoc/markdown.h"
#include "hybridoc/prefix.h"
#include "hybridoc/mustache.h"
#include "hybridoc/proc.h"
#include "hybridoc/runbook.h"
#include "hybridoc/sim.h"
#include "hybridoc/site.h"
#include "hybridoc/templates.h"
#include "hybridoc/value.h"
#include "hybridoc/version.h"
#include "hybridoc/view_summary.h"
#include "hybridoc/xalloc.h"

#include "site_int.h"

static const struct mark nomark = { 0, 0 };

/* The site's own files beside the design folders, sorted. */
const char *const site_own_files[] = {
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

/* ---- Small helpers ---- */


int
site_streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int
site_strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
site_has_suffix(const char *s, const char *suffix)
{
	size_t	 a = strlen(s), b = strlen(suffix);

	return a > b && strcmp(s + a - b, suffix) == 0;
}

/* A slug from a file name: "My Design.yaml" -> "my-design". */
char *
site_slug_from_file(const char *file)
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
void
site_json_dump(struct buf *out, const struct value *v)
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
int
site_asset_load(const char *dir, const char *name, struct buf *out,
    struct diags *d)
{
	int	 r = template_load(dir, name, out, NULL, d);

	if (r == 0)
		diags_error(d, name, nomark, "no such template or asset");
	return r > 0;
}

/* Non-zero when s is valid UTF-8 without control characters. */
static int
site_clean_utf8(const char *s)
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
int
site_list_dir(const char *dir, int designs, char ***names, size_t *n,
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
		if (designs && !site_has_suffix(de->d_name, ".yaml") &&
		    !site_has_suffix(de->d_name, ".yml"))
			continue;
		if (designs && !site_clean_utf8(de->d_name)) {
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
		qsort(*names, *n, sizeof(**names), site_strp_cmp);
	return 1;
}

void
site_strv_free(char **v, size_t n)
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
		site_asset_load(dir, t->name, &b, &d);
		h = hash_bytes(h, t->name, strlen(t->name) + 1);
		h = hash_bytes(h, buf_cstr(&b), b.len);
		h = hash_bytes(h, "", 1);
	}
	/* Partials a custom template may pull in from dir. */
	if (dir != NULL && site_list_dir(dir, 0, &names, &n, &d)) {
		for (i = 0; i < n; i++) {
			if (template_find(names[i]) != NULL)
				continue;
			buf_truncate(&b, 0);
			site_asset_load(dir, names[i], &b, &d);
			h = hash_bytes(h, names[i], strlen(names[i]) + 1);
			h = hash_bytes(h, buf_cstr(&b), b.len);
			h = hash_bytes(h, "", 1);
		}
		site_strv_free(names, n);
	}
	snprintf(out, 17, "%016llx", h);
	buf_release(&b);
	diags_release(&d);
}

/*
 * The design compared with its exports (site --from): the summary's
 * drift fields for the index, and the page's drift section, with each
 * finding as `hybridoc drift` prints it.  Notes (HD803: a value the
 * design gives as unknown) are listed but are no difference.
 */
static void
site_drift(const struct entry *e, const struct analysis *a,
    struct view_summary *sum, struct value *view)
{
	struct findings	 f;
	struct diags	 sd;
	struct buf	 b = BUF_INIT;
	struct value	*list, *item;
	size_t		 i, n = 0;

	findings_init(&f);
	drift_check(a->dsn, e->dp, &f);
	diags_init(&sd);
	findings_finish(&f, a->dsn, &sd);
	diags_release(&sd);
	list = value_map_list(view, "drift_findings");
	for (i = 0; i < f.n; i++) {
		const struct finding *g = &f.v[i];

		if (g->suppressed)
			continue;
		if (g->rule->level != DIAG_NOTE)
			n++;
		item = value_list_map(list);
		value_map_str(item, "level", diag_level_str(g->rule->level));
		buf_truncate(&b, 0);
		buf_printf(&b, "%s:%u:%u: %s: %s [%s]", e->file, g->mark.line,
		    g->mark.col, diag_level_str(g->rule->level), g->msg,
		    g->rule->id);
		value_map_str(item, "text", buf_cstr(&b));
	}
	sum->drift = n ? VIEW_DRIFT_DRIFTED : VIEW_DRIFT_IN_SYNC;
	sum->drift_n = n;
	buf_truncate(&b, 0);
	view_drift_text(sum, &b);
	value_map_str(view, "drift", view_drift_name(sum->drift));
	value_map_str(view, "drift_text", buf_cstr(&b));
	value_map_str(view, "drift_exports", e->xnames ? e->xnames : "");
	value_map_bool(view, "has_drift", 1);
	findings_release(&f);
	buf_release(&b);
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
/*
 * When and from which commit the site was built, for every page's
 * footer: set by site_build() only when SOURCE_DATE_EPOCH is (the time
 * is that, the commit git's HEAD of the designs' folder), so that a
 * build without it stays the same from one commit to the next.  The
 * workers are forked after it is set.
 */
char	 site_built_at[32];
char	 site_built_commit[48];

void
site_build_stamp(const char *epoch, const char *dir)
{
	char		*end;
	long long	 e;
	time_t		 t;
	struct tm	 tm;

	site_built_at[0] = site_built_commit[0] = '\0';
	if (epoch == NULL)
		return;
	e = strtoll(epoch, &end, 10);
	if (*end != '\0' || e < 0)
		return;
	t = (time_t)e;
	if (gmtime_r(&t, &tm) == NULL)
		return;
	strftime(site_built_at, sizeof(site_built_at), "%Y-%m-%d %H:%M UTC", &tm);
	if (!proc_git_head(dir, site_built_commit, sizeof(site_built_commit)))
		site_built_commit[0] = '\0';
}

struct value *
site_page_new(const char *root, const char *title, int nav)
{
	struct value	*p = value_new_map();
	struct buf	 b = BUF_INIT;

	buf_printf(&b, "%s - hybrid network wiki", title);
	value_map_str(p, "version", HYBRIDOC_VERSION);
	if (site_built_at[0] != '\0')
		value_map_str(p, "built", site_built_at);
	if (site_built_commit[0] != '\0')
		value_map_str(p, "commit", site_built_commit);
	value_map_str(p, "root", root);
	value_map_str(p, "page_title", buf_cstr(&b));
	value_map_bool(p, "nav_index", nav == 1);
	value_map_bool(p, "nav_inventory", nav == 2);
	buf_release(&b);
	return p;
}

int
site_render_page(const char *tdir, const char *name, const struct value *view,
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
	if (c->o->fence == DIAGRAM_FENCE_AZURE_DEVOPS)
		diagram_set_fence(dg, DIAGRAM_FENCE_AZURE_DEVOPS);
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

void
site_rec_init(struct site_rec *r)
{
	memset(r, 0, sizeof(*r));
	view_summary_init(&r->sum);
}

void
site_rec_release(struct site_rec *r)
{
	size_t	 i;

	free(r->file);
	free(r->slug);
	free(r->hash);
	free(r->dup);
	free(r->hybridoc);
	free(r->templates);
	free(r->exports);
	free(r->epoch);
	free(r->commit);
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	view_summary_release(&r->sum);
	site_rec_init(r);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
rec_add_file(struct site_rec *r, const char *rel)
{
	r->files = xreallocarray(r->files, r->nfiles + 1, sizeof(*r->files));
	r->files[r->nfiles++] = xstrdup(rel);
}

void
site_rec_new(struct site_rec *r, const struct ctx *c, const struct entry *e)
{
	r->file = xstrdup(e->file);
	r->slug = xstrdup(e->slug);
	r->hash = xstrdup(e->hash);
	r->dup = dup_or_null(e->dup);
	r->hybridoc = xstrdup(HYBRIDOC_VERSION);
	r->templates = xstrdup(c->th);
	r->exports = e->xhash[0] != '\0' ? xstrdup(e->xhash) : NULL;
	r->epoch = dup_or_null(c->epoch);
	r->commit = site_built_commit[0] != '\0' ?
	    xstrdup(site_built_commit) : NULL;
	r->files_ok = 1;
	r->has_summary = 1;
}

void
site_rec_copy(struct site_rec *to, const struct site_rec *from)
{
	struct value	*v = site_rec_value(from);

	(void)site_rec_read(to, v);
	to->files_ok = from->files_ok;
	to->has_summary = from->has_summary;
	value_free(v);
}

static void
put_opt(struct value *v, const char *key, const char *s)
{
	if (s != NULL)
		value_map_str(v, key, s);
}

struct value *
site_rec_value(const struct site_rec *r)
{
	struct value	*v = value_new_map(), *files;
	size_t		 i;

	put_opt(v, "file", r->file);
	put_opt(v, "slug", r->slug);
	put_opt(v, "hash", r->hash);
	put_opt(v, "dup", r->dup);
	put_opt(v, "hybridoc", r->hybridoc);
	put_opt(v, "templates", r->templates);
	put_opt(v, "exports", r->exports);
	put_opt(v, "epoch", r->epoch);
	put_opt(v, "commit", r->commit);
	files = value_map_list(v, "files");
	for (i = 0; i < r->nfiles; i++)
		value_list_push(files, value_new_str(r->files[i]));
	/* A page or download that could not be written: render it again. */
	if (r->incomplete)
		value_map_bool(v, "incomplete", 1);
	value_map_put(v, "summary", view_summary_value(&r->sum));
	return v;
}

int
site_rec_read(struct site_rec *r, const struct value *v)
{
	const struct value *files, *x;
	size_t		 i;

	site_rec_init(r);
	if (v == NULL || v->kind != VALUE_MAP)
		return 0;
	r->file = dup_or_null(value_map_cstr(v, "file"));
	r->slug = dup_or_null(value_map_cstr(v, "slug"));
	r->hash = dup_or_null(value_map_cstr(v, "hash"));
	r->dup = dup_or_null(value_map_cstr(v, "dup"));
	r->hybridoc = dup_or_null(value_map_cstr(v, "hybridoc"));
	r->templates = dup_or_null(value_map_cstr(v, "templates"));
	r->exports = dup_or_null(value_map_cstr(v, "exports"));
	r->epoch = dup_or_null(value_map_cstr(v, "epoch"));
	r->commit = dup_or_null(value_map_cstr(v, "commit"));
	files = value_map_get(v, "files");
	r->files_ok = files != NULL && files->kind == VALUE_LIST;
	for (i = 0; r->files_ok && i < files->n; i++) {
		x = files->items[i];
		if (x->kind == VALUE_STR && x->str != NULL)
			rec_add_file(r, x->str);
		else
			r->files_ok = 0;
	}
	r->incomplete = value_truthy(value_map_get(v, "incomplete"));
	x = value_map_get(v, "summary");
	r->has_summary = x != NULL && x->kind == VALUE_MAP;
	(void)view_summary_read(&r->sum, x);
	return 1;
}

/*
 * The design's searchable terms beyond the inventory: device models,
 * gateway SKUs, subnets, the circuits' /30 link subnets, the rule ids
 * of its findings and its scenario ids.  Each lands on the section of
 * the design page that shows it: the first of its anchors the page
 * really has (heading ids come from the runbook's text), else the page
 * itself.
 */
static const char *
page_anchor(const char *page, const char *const *cand, size_t n,
    struct buf *tmp)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (cand[i] == NULL)
			continue;
		buf_truncate(tmp, 0);
		buf_printf(tmp, "id=\"%s\"", cand[i]);
		if (strstr(page, buf_cstr(tmp)) != NULL)
			return cand[i];
	}
	return "";
}

static void
search_terms(const struct analysis *a, const char *page,
    struct view_summary *list)
{
	const struct design *dsn = a->dsn;
	struct buf	 t = BUF_INIT, d = BUF_INIT, slug = BUF_INIT;
	struct buf	 tmp = BUF_INIT, h = BUF_INIT;
	char		 s[PREFIX_STRLEN];
	const char	*cand[3], *anc;
	size_t		 i, k, l;

	for (i = 0; i < dsn->nsites; i++) {
		const struct site *st = &dsn->sites[i];

		buf_truncate(&h, 0);
		buf_printf(&h, "Site %s", st->name);
		buf_truncate(&slug, 0);
		md_slug(buf_cstr(&h), &slug);
		cand[0] = buf_cstr(&slug);
		cand[1] = "on-premises-sites";
		anc = page_anchor(page, cand, 2, &tmp);
		view_summary_add_term(list, "site", st->name, st->location ?
		    st->location : "site", anc);
		for (k = 0; k < st->ndevices; k++) {
			const struct vpn_device *dv = &st->devices[k];

			if (dv->vendor == NULL && dv->model == NULL)
				continue;
			buf_truncate(&t, 0);
			buf_printf(&t, "%s%s%s", dv->vendor ? dv->vendor : "",
			    dv->vendor && dv->model ? " " : "",
			    dv->model ? dv->model : "");
			buf_truncate(&d, 0);
			buf_printf(&d, "VPN device %s at %s", dv->name,
			    st->name);
			view_summary_add_term(list, "device", buf_cstr(&t),
			    buf_cstr(&d), anc);
		}
	}
	cand[0] = "gateways";
	cand[1] = "components";
	anc = page_anchor(page, cand, 2, &tmp);
	if (dsn->er_gateway.node != NULL)
		view_summary_add_term(list, "sku", dsn->er_gateway.sku_name ?
		    dsn->er_gateway.sku_name :
		    er_sku_name(dsn->er_gateway.sku), "ExpressRoute gateway "
		    "SKU", anc);
	if (dsn->vpn_gateway.node != NULL)
		view_summary_add_term(list, "sku", dsn->vpn_gateway.sku_name ?
		    dsn->vpn_gateway.sku_name :
		    vpn_sku_name(dsn->vpn_gateway.sku), "VPN gateway SKU",
		    anc);
	cand[0] = "virtual-network";
	cand[1] = "components";
	anc = page_anchor(page, cand, 2, &tmp);
	for (i = 0; i < dsn->vnet.nsubnets; i++) {
		buf_truncate(&d, 0);
		buf_printf(&d, "subnet %s of %s", prefix_format(
		    &dsn->vnet.subnets[i].prefix, s, 1), dsn->vnet.name ?
		    dsn->vnet.name : "the VNet");
		view_summary_add_term(list, "subnet", dsn->vnet.subnets[i].name,
		    buf_cstr(&d), anc);
	}
	cand[0] = "expressroute-circuits";
	cand[1] = "components";
	anc = page_anchor(page, cand, 2, &tmp);
	for (i = 0; i < dsn->ncircuits; i++) {
		const struct circuit *c = &dsn->circuits[i];

		for (l = 0; l < 2; l++) {
			buf_truncate(&d, 0);
			if (design_unknown(dsn, c->peering.node, l == 0 ?
			    "primary_subnet" : "secondary_subnet"))
				continue;	/* no address to find */
			buf_printf(&d, "%s link of circuit %s, VLAN %s",
			    l == 0 ? "primary" : "secondary", c->name,
			    design_num(dsn, c->peering.node, "vlan_id",
			    c->peering.vlan_id, s));
			view_summary_add_term(list, "link", prefix_format(l == 0 ?
			    &c->peering.primary_subnet :
			    &c->peering.secondary_subnet, s, 1), buf_cstr(&d),
			    anc);
		}
	}
	cand[0] = "findings";
	anc = page_anchor(page, cand, 1, &tmp);
	for (i = 0; i < a->findings.n; i++) {
		const struct finding *f = &a->findings.v[i];

		for (k = 0; k < i; k++)
			if (a->findings.v[k].rule == f->rule)
				break;
		if (k < i)
			continue;
		buf_truncate(&d, 0);
		buf_printf(&d, "%s%s", f->rule->title, f->suppressed ?
		    " (suppressed)" : "");
		view_summary_add_term(list, "rule", f->rule->id,
		    buf_cstr(&d), anc);
	}
	cand[0] = "failover-matrix";
	anc = page_anchor(page, cand, 1, &tmp);
	for (i = 1; a->sim != NULL && i < a->sim->nscenarios; i++)
		view_summary_add_term(list, "scenario", a->sim->scenarios[i].id,
		    "failover scenario", anc);
	buf_release(&t);
	buf_release(&d);
	buf_release(&slug);
	buf_release(&tmp);
	buf_release(&h);
}

/*
 * Renders design e into its folder and makes its manifest record in rec
 * (inputs, files, summary).  Problems are shown on the page and kept
 * in the summary's messages; an output that cannot be written is one
 * of them.
 */
void
site_render_design(const struct ctx *c, const struct entry *e,
    size_t *written, struct site_rec *rec)
{
	struct diags	 dd, wd;
	struct analysis	 a;
	struct buf	 dl[NDL], body = BUF_INIT, page = BUF_INIT;
	struct buf	 b = BUF_INIT;
	struct value	*view, *list, *item;
	struct view_summary *sum = &rec->sum;
	const char	*names[NDL + 1];
	size_t		 i, nnames = 0;
	int		 analysed = 0, ok = 0;
	const char	*title;

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

	/* The summary: what the index, inventory and search need. */
	site_rec_init(rec);
	site_rec_new(rec, c, e);
	view_summary_set(sum, analysed ? &a : NULL, e->slug, e->file,
	    e->name ? e->name : e->file, ok);
	title = sum->title;
	view_summary_add_messages(sum, &dd);
	if (ok) {
		sum->inventory = value_new_map();
		inventory_summary(&a, sum->inventory);
	}
	view_status_text(sum, &b);

	/* The page. */
	view = site_page_new("../", title, 0);
	/* copy buttons, folded groups that open on a link, diagrams */
	item = value_list_push(value_map_list(view, "scripts"),
	    value_new_map());
	value_map_str(item, "src", "site.js");
	value_map_str(view, "name", e->slug);
	value_map_str(view, "title", title);
	value_map_str(view, "file", e->file);
	value_map_str(view, "status", view_status_name(sum->status));
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
	if (ok && e->dp != NULL)
		site_drift(e, &a, sum, view);
	else if (e->dp != NULL)		/* not read: nothing to compare */
		sum->drift = VIEW_DRIFT_UNKNOWN;
	if (!site_render_page(c->o->templates, "site-design.html.mustache", view,
	    &page, &wd))
		buf_truncate(&page, 0);
	value_free(view);
	if (ok)
		search_terms(&a, buf_cstr(&page), sum);

	/* The files. */
	names[nnames++] = "index.html";
	if (e->data != NULL)
		names[nnames++] = downloads[DL_YAML].file;
	if (ok)
		for (i = 0; i < DL_YAML; i++)
			names[nnames++] = downloads[i].file;
	qsort(names, nnames, sizeof(*names), site_strp_cmp);
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
		if (fsout_put_changed(c->out, buf_cstr(&b), data, len, written, &wd))
			rec_add_file(rec, buf_cstr(&b));
	}
	/* Template and write errors belong to the design's messages too. */
	view_summary_add_messages(sum, &wd);
	/* The page or a download is missing: the design failed. */
	if (diags_errors(&wd) > 0)
		sum->status = VIEW_INPUT_ERRORS;

	rec->incomplete = diags_errors(&wd) > 0;
	if (analysed)
		analysis_release(&a);
	for (i = 0; i < NDL; i++)
		buf_release(&dl[i]);
	buf_release(&body);
	buf_release(&page);
	buf_release(&b);
	diags_release(&dd);
	diags_release(&wd);
}


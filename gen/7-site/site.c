/*
 * The wiki: the last stage for a whole folder of designs.  Each design
 * goes through the same pipeline as `hybridoc runbook` (analysis, view,
 * templates, cmark-gfm, Graphviz) into its own folder of the output,
 * and leaves behind a summary (view_summary.h: status, counts,
 * inventory rows); the index, the inventory across designs and the
 * search index are built from the summaries alone.  The manifest keeps
 * every design's record (site_int.h's struct site_rec: inputs, files,
 * summary), so a rebuild renders only what changed.
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
 *
 * The site is four files behind site_int.h: this one (reading the
 * folder, the manifest, the index, inventory and search pages, and the
 * whole build), site_design.c (one design, and the shared helpers),
 * site_jobs.c (the worker pool) and site_check.c (--check).
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
#include "hybridoc/deployed.h"
#include "hybridoc/hash.h"
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

#include "site_int.h"

static const struct mark nomark = { 0, 0 };

/* ---- Reading the folder ---- */

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
		base = site_slug_from_file(e->file);
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
	struct design_id id;
	size_t		 n, i;

	if (!site_list_dir(c->o->dir, 1, &names, &n, d))
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
		/* The loader's own name and hash, not a parse of ours. */
		design_identify(e->file, e->data, e->len, &id);
		memcpy(e->hash, id.hash, sizeof(e->hash));
		e->name = id.name;
		e->name_mark = id.name_mark;
	}
	free(names);
	buf_release(&path);
	assign_slugs(c);
	return 1;
}

/* ---- The manifest ---- */

/* The previous build's records, into c->old (none when unreadable). */
static void
manifest_read(struct ctx *c, const char *out)
{
	struct buf	 path = BUF_INIT;
	struct diags	 d;
	struct value	*root = NULL;
	const struct value *list;
	struct stat	 sb;
	char		*data;
	size_t		 len, i;

	diags_init(&d);
	buf_printf(&path, "%s/%s", out, SITE_MANIFEST);
	if (lstat(buf_cstr(&path), &sb) == 0 && S_ISREG(sb.st_mode) &&
	    load_file(buf_cstr(&path), &data, &len, &d)) {
		if (load_yaml(SITE_MANIFEST, data, len, &root, &d) &&
		    root->kind == VALUE_MAP &&
		    (list = value_map_get(root, "designs")) != NULL &&
		    list->kind == VALUE_LIST) {
			c->old = xcalloc(list->n + 1, sizeof(*c->old));
			for (i = 0; i < list->n; i++)
				if (site_rec_read(&c->old[c->nold],
				    list->items[i]))
					c->nold++;
		}
		value_free(root);
		free(data);
	}
	buf_release(&path);
	diags_release(&d);
}

/* The previous build's first record of file, or NULL. */
static const struct site_rec *
manifest_find(const struct ctx *c, const char *file)
{
	size_t	 i;

	for (i = 0; i < c->nold; i++)
		if (site_streq(c->old[i].file, file))
			return &c->old[i];
	return NULL;
}

static int
reusable(const struct ctx *c, const struct entry *e, const struct site_rec *r)
{
	struct buf	 path = BUF_INIT;
	struct stat	 sb;
	size_t		 i;
	int		 ok;

	if (!site_streq(r->hash, e->hash) ||
	    !site_streq(r->slug, e->slug) ||
	    !site_streq(r->dup, e->dup) ||
	    !site_streq(r->hybridoc, HYBRIDOC_VERSION) ||
	    !site_streq(r->templates, c->th) ||
	    !site_streq(r->exports, e->xhash[0] ? e->xhash : NULL) ||
	    !site_streq(r->epoch, c->epoch) ||
	    !site_streq(r->commit, site_built_commit[0] ?
	    site_built_commit : NULL) ||
	    !r->files_ok || r->nfiles == 0 || !r->has_summary ||
	    r->incomplete)
		return 0;
	ok = 1;
	for (i = 0; i < r->nfiles && ok; i++) {
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%s", c->out, r->files[i]);
		ok = lstat(buf_cstr(&path), &sb) == 0 && S_ISREG(sb.st_mode);
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
	for (i = 0; site_own_files[i] != NULL; i++) {
		if (i)
			buf_putc(out, ',');
		json_put_string(out, site_own_files[i], strlen(site_own_files[i]));
	}
	buf_puts(out, "],\"designs\":[");
	for (i = 0; i < c->n; i++) {
		struct value	*v = site_rec_value(&c->v[i].rec);

		buf_puts(out, i ? ",\n" : "\n");
		site_json_dump(out, v);
		value_free(v);
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

	if (!fsout_inside(out, rel))
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
	const struct site_rec *r;
	const char	**keep;
	const char	*rel;
	size_t		 nkeep = 0, cap = 0, i, j;

	if (c->old == NULL)
		return;
	keep = NULL;
	for (i = 0; i < c->n; i++)
		for (j = 0; j < c->v[i].rec.nfiles; j++) {
			xgrow(&keep, &cap, nkeep + 1, sizeof(*keep));
			keep[nkeep++] = c->v[i].rec.files[j];
		}
	for (i = 0; site_own_files[i] != NULL; i++) {
		xgrow(&keep, &cap, nkeep + 1, sizeof(*keep));
		keep[nkeep++] = site_own_files[i];
	}
	if (nkeep > 1)
		qsort(keep, nkeep, sizeof(*keep), site_strp_cmp);
	for (i = 0; i < c->nold; i++) {
		r = &c->old[i];
		if (manifest_find(c, r->file) == r) {
			for (j = 0; j < c->n; j++)
				if (site_streq(c->v[j].file, r->file))
					break;
			if (j == c->n)
				c->st->removed++;
		}
		for (j = 0; j < r->nfiles; j++) {
			rel = r->files[j];
			if (nkeep == 0 || bsearch(&rel, keep, nkeep,
			    sizeof(*keep), site_strp_cmp) == NULL)
				remove_file(c->out, rel);
		}
	}
	free(keep);
}

/* ---- The index, the inventory, the search index ---- */

static int
entry_slug_cmp(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;

	return strcmp(x->slug, y->slug);
}

/*
 * The listed conflicts design d is part of, counted as the index's
 * sentence counts them: a design with two rows in one conflict is in 1.
 */
static size_t
conflicts_of(const struct inventory *inv, size_t d)
{
	const struct inv_conflict *c;
	size_t	 i, r, n = 0;

	for (i = 0; i < inv->nconflicts; i++) {
		c = &inv->conflicts[i];
		if (c->kind == INV_PREFIX) {
			n += inv->rows[c->kind][c->first].design == d ||
			    inv->rows[c->kind][c->last].design == d;
			continue;
		}
		for (r = c->first; r <= c->last; r++)
			if (inv->rows[c->kind][r].design == d)
				break;
		n += r <= c->last;
	}
	return n;
}

static struct value *
index_view(const struct inventory *inv)
{
	struct value	*v, *list, *row;
	const struct view_summary *s;
	struct buf	 b = BUF_INIT;
	size_t		 i, nclean = 0, nwarn = 0, nerr = 0, ninput = 0;
	size_t		 ndrift = 0, nsync = 0, nnone = 0;

	v = site_page_new("", "Designs", 1);
	list = value_map_list(v, "designs");
	for (i = 0; i < inv->nsums; i++) {
		s = inv->sums[i];
		row = value_list_map(list);
		value_map_str(row, "name", s->name);
		value_map_str(row, "title", s->title);
		value_map_str(row, "file", s->file);
		value_map_str(row, "region", s->region);
		if (s->ok) {
			value_map_int(row, "nsites", (long long)s->nsites);
			value_map_int(row, "ncircuits",
			    (long long)s->ncircuits);
		}
		value_map_str(row, "status", view_status_name(s->status));
		buf_truncate(&b, 0);
		view_status_text(s, &b);
		value_map_str(row, "status_text", buf_cstr(&b));
		value_map_bool(row, "ok", s->ok);
		value_map_bool(row, "has_flagged", inv->flagged[i] > 0);
		value_map_int(row, "flagged", (long long)inv->flagged[i]);
		value_map_int(row, "nconflicts", (long long)conflicts_of(inv,
		    i));
		value_map_bool(row, "one_conflict", conflicts_of(inv, i) == 1);
		value_map_bool(row, "one_entry", inv->flagged[i] == 1);
		/* Drift status, when the site was given exports. */
		value_map_str(row, "drift", view_drift_name(s->drift));
		buf_truncate(&b, 0);
		view_drift_text(s, &b);
		value_map_str(row, "drift_text", buf_cstr(&b));
		value_map_bool(row, "drifted", s->drift == VIEW_DRIFT_DRIFTED);
		value_map_bool(row, "compared", s->drift == VIEW_DRIFT_DRIFTED ||
		    s->drift == VIEW_DRIFT_IN_SYNC);
		switch (s->drift) {
		case VIEW_DRIFT_DRIFTED:
			ndrift++;
			break;
		case VIEW_DRIFT_IN_SYNC:
			nsync++;
			break;
		default:
			nnone++;
			break;
		}
		switch (s->status) {
		case VIEW_CLEAN:
			nclean++;
			break;
		case VIEW_WARNINGS:
			nwarn++;
			break;
		case VIEW_ERRORS:
			nerr++;
			break;
		default:
			ninput++;
			break;
		}
	}
	buf_release(&b);
	value_map_int(v, "ndesigns", (long long)inv->nsums);
	value_map_bool(v, "one", inv->nsums == 1);
	value_map_int(v, "nclean", (long long)nclean);
	value_map_int(v, "nwarnings", (long long)nwarn);
	value_map_int(v, "nerrors", (long long)nerr);
	value_map_int(v, "ninput", (long long)ninput);
	value_map_bool(v, "has_input", ninput > 0);
	value_map_bool(v, "has_drift", ndrift + nsync > 0);
	value_map_int(v, "ndrifted", (long long)ndrift);
	value_map_int(v, "nsync", (long long)nsync);
	value_map_int(v, "nnoexport", (long long)nnone);
	value_map_bool(v, "has_noexport", nnone > 0);
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
	site_json_dump(out, e);
	value_free(e);
}

/*
 * The search index: designs, then each design's terms (its sites, device
 * models, SKUs, subnets, /30s, rule ids and scenario ids, each with the
 * anchor it lands on), then every inventory row, one entry per line so
 * that a change reads well in a diff.
 */
static void
search_index(const struct inventory *inv, struct buf *out)
{
	struct buf	 list = BUF_INIT, d = BUF_INIT, u = BUF_INIT;
	const struct view_summary *s;
	const struct inv_row *r;
	size_t		 i, j;
	int		 k;

	for (i = 0; i < inv->nsums; i++) {
		s = inv->sums[i];
		buf_truncate(&d, 0);
		buf_printf(&d, "%s, %s%s%s, ", s->name, s->file,
		    *s->region ? ", " : "", s->region);
		view_status_text(s, &d);
		buf_truncate(&u, 0);
		buf_printf(&u, "%s/index.html", s->name);
		search_entry(&list, "design", s->title, buf_cstr(&d),
		    buf_cstr(&u));
	}
	for (i = 0; i < inv->nsums; i++) {
		s = inv->sums[i];
		for (j = 0; j < s->nterms; j++) {
			const struct view_term *t = &s->terms[j];

			buf_truncate(&d, 0);
			buf_printf(&d, "%s, in %s", t->detail, s->name);
			buf_truncate(&u, 0);
			buf_printf(&u, "%s/index.html%s%s", s->name,
			    *t->anchor ? "#" : "", t->anchor);
			search_entry(&list, t->kind, t->text, buf_cstr(&d),
			    buf_cstr(&u));
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
	const struct view_summary **sums;
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
		sums[i] = &sorted[i]->rec.sum;
	inv = inventory_new(sums, c->n);

	view = index_view(inv);
	ok = site_render_page(c->o->templates, "site-index.html.mustache", view,
	    &b, d) && fsout_put_changed(c->out, "index.html", buf_cstr(&b), b.len,
	    &c->st->written, d);
	value_free(view);

	buf_truncate(&b, 0);
	view = inventory_view(inv);
	{
		struct value *p = site_page_new("", "Inventory", 2);
		size_t	 k;

		for (k = 0; k < p->n; k++)
			value_map_put(view, p->keys[k], value_copy(p->items[k]));
		value_free(p);
	}
	value_map_bool(view, "one", c->n == 1);
	value_map_bool(view, "one_conflict", inv->nconflicts_total == 1);
	ok = ok && site_render_page(c->o->templates,
	    "site-inventory.html.mustache", view, &b, d) &&
	    fsout_put_changed(c->out, "inventory.html", buf_cstr(&b), b.len,
	    &c->st->written, d);
	value_free(view);

	buf_truncate(&b, 0);
	search_index(inv, &b);
	ok = ok && fsout_put_changed(c->out, "search-index.js", buf_cstr(&b), b.len,
	    &c->st->written, d);
	for (i = 0; ok && i < 2; i++) {
		const char *asset = i == 0 ? "site.js" : "hybridoc.css";

		buf_truncate(&b, 0);
		ok = site_asset_load(c->o->templates, asset, &b, d) &&
		    fsout_put_changed(c->out, asset, buf_cstr(&b), b.len,
		    &c->st->written, d);
	}

	buf_truncate(&b, 0);
	manifest_text(c, &b);
	ok = ok && fsout_put_changed(c->out, SITE_MANIFEST, buf_cstr(&b), b.len,
	    &c->st->written, d);
	inventory_free(inv);
	free(sums);
	free(sorted);
	buf_release(&b);
	return ok;
}

/* ---- Exports of what is deployed (site --from) ---- */

/* The design name an export file name belongs to: NAME.anything. */
static struct entry *
export_owner(struct ctx *c, const char *path)
{
	const char	*base = strrchr(path, '/');
	size_t		 i, k;
	struct entry	*best = NULL;

	base = base ? base + 1 : path;
	/* The longest name that fits, so "hub" does not take "hub-2.json". */
	for (i = 0; i < c->n; i++) {
		const char *nm = c->v[i].dup == NULL && c->v[i].slug ?
		    c->v[i].slug : NULL;

		if (nm == NULL)
			continue;
		k = strlen(nm);
		if (strncmp(base, nm, k) == 0 && base[k] == '.' &&
		    (best == NULL || k > strlen(best->slug)))
			best = &c->v[i];
	}
	return best;
}

/*
 * Gives each design its exports (site_opts.exports), read into its own
 * model of what is deployed, and hashes their bytes for the manifest.
 * An export that belongs to no design, or that cannot be read, is an
 * error: nothing is built (exit status 2), as for `drift`.
 */
static int
read_exports(struct ctx *c, struct diags *d)
{
	const struct site_opts *o = c->o;
	struct entry	*e;
	struct buf	 names = BUF_INIT;
	size_t		 i, k, nerr = diags_errors(d);
	uint64_t	 h;
	int		 ok = 1;

	for (k = 0; k < o->nexports; k++) {
		if (export_owner(c, o->exports[k]) != NULL)
			continue;
		diags_error(d, o->exports[k], nomark, "this export belongs to "
		    "no design of %s: name it after the design it describes, "
		    "NAME.json or NAME.KIND.json", o->dir);
		ok = 0;
	}
	if (!ok)
		return 0;
	for (i = 0; i < c->n; i++) {
		e = &c->v[i];
		h = HASH_INIT;
		buf_truncate(&names, 0);
		for (k = 0; k < o->nexports; k++) {
			char	*data;
			size_t	 len;
			const char *b;

			if (export_owner(c, o->exports[k]) != e)
				continue;
			if (e->dp == NULL) {
				e->dp = xcalloc(1, sizeof(*e->dp));
				deployed_init(e->dp);
			}
			if (strcmp(o->from, "arm") == 0)
				ok = deployed_read_arm(e->dp, o->exports[k],
				    d) && ok;
			else
				ok = deployed_read_terraform(e->dp,
				    o->exports[k], d) && ok;
			if (load_file(o->exports[k], &data, &len, d)) {
				h = hash_bytes(h, data, len);
				free(data);
			}
			b = strrchr(o->exports[k], '/');
			buf_printf(&names, "%s%s", names.len ? ", " : "",
			    b ? b + 1 : o->exports[k]);
			h = hash_str(h, b ? b + 1 : o->exports[k]);
		}
		if (e->dp == NULL)
			continue;
		deployed_finish(e->dp, d);
		h = hash_str(h, o->from);
		snprintf(e->xhash, sizeof(e->xhash), "%016llx",
		    (unsigned long long)h);
		e->xnames = xstrdup(buf_cstr(&names));
	}
	buf_release(&names);
	return ok && diags_errors(d) == nerr;
}

/* ---- The whole site ---- */

int
site_build(const struct site_opts *o, struct site_stats *st, struct diags *d)
{
	struct ctx	 c;
	struct buf	 tmp = BUF_INIT;
	const struct site_rec *old;
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
	site_build_stamp(c.epoch, o->dir);
	if (!read_designs(&c, d))
		goto out;
	st->designs = c.n;
	if (o->nexports > 0 && !read_exports(&c, d))
		goto out;
	site_templates_hash(o->templates, c.th);
	if (o->fence == DIAGRAM_FENCE_AZURE_DEVOPS)
		/* runbook.md differs: pages of the other fence are stale */
		snprintf(c.th, sizeof(c.th), "%016llx", (unsigned long long)
		    hash_str(strtoull(c.th, NULL, 16), "fence azure-devops"));
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
			manifest_read(&c, o->out);
	}
	for (i = 0; i < c.n; i++) {
		old = manifest_find(&c, c.v[i].file);
		if (old != NULL && reusable(&c, &c.v[i], old)) {
			site_rec_copy(&c.v[i].rec, old);
			st->reused++;
		} else {
			c.v[i].render = 1;
			st->rendered++;
		}
	}
	if (!site_render_all(&c, d) || c.worker)
		goto out;
	if (!o->check)
		remove_stale(&c);
	if (!write_site(&c, d))
		goto out;
	for (i = 0; i < c.n; i++) {
		const struct view_summary *s = &c.v[i].rec.sum;

		if (s->drift == VIEW_DRIFT_DRIFTED)
			st->drifted++;
		if (s->status == VIEW_INPUT_ERRORS)
			st->input_errors++;
		else if (s->status == VIEW_ERRORS)
			st->error_designs++;
		for (j = 0; j < s->messages.n; j++) {
			const struct diag *m = &s->messages.v[j];
			/* On the terminal a design is DIR/FILE, the path as
			 * the user typed it, so an editor can open it; the
			 * pages keep the name within the folder. */
			char	*f = m->file != NULL && c.v[i].file != NULL &&
			    strcmp(m->file, c.v[i].file) == 0 ? xasprintf(
			    "%s%s%s", o->dir, o->dir[0] != '\0' &&
			    o->dir[strlen(o->dir) - 1] != '/' ? "/" : "",
			    m->file) : NULL;

			diags_add(d, m->level, f != NULL ? f : m->file,
			    m->mark, m->id, "%s", m->msg);
			free(f);
		}
	}
	ok = 1;
	if (o->check)
		ok = site_compare(&c, tmpdir, d);
out:
	if (tmpdir != NULL) {
		if (!c.worker)
			site_remove_tree(tmpdir);
		free(tmpdir);
	}
	for (i = 0; i < c.n; i++) {
		free(c.v[i].file);
		free(c.v[i].data);
		free(c.v[i].name);
		free(c.v[i].slug);
		diags_release(&c.v[i].rd);
		site_rec_release(&c.v[i].rec);
		if (c.v[i].dp != NULL)
			deployed_release(c.v[i].dp);
		free(c.v[i].dp);
		free(c.v[i].xnames);
	}
	free(c.v);
	for (i = 0; i < c.nold; i++)
		site_rec_release(&c.old[i]);
	free(c.old);
	if (c.worker) {
		/* A worker ends here, its memory freed, with its verdict. */
		fflush(stdout);
		fflush(stderr);
		_exit(c.worker_ok ? 0 : 1);
	}
	return ok;
}

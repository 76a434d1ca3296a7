/*
 * The site's private header, shared by site.c (reading the folder, one
 * design, the manifest, the index and the whole build), site_jobs.c
 * (the worker pool) and site_check.c (--check), and nothing else.
 */
#ifndef HYBRIDOC_SITE_INT_H
#define HYBRIDOC_SITE_INT_H

#include <stddef.h>

#include "hybridoc/diag.h"
#include "hybridoc/view_summary.h"

struct buf;
struct deployed;
struct site_opts;
struct site_stats;
struct value;

/*
 * A design's record in the site's manifest: the inputs it was rendered
 * from, the files it wrote and its summary.  site_rec_value() and
 * site_rec_read() are the only code naming its keys.  Strings are NULL
 * when absent.
 */
struct site_rec {
	char		*file;		/* the design's file name */
	char		*slug;
	char		*hash;		/* of its bytes */
	char		*dup;		/* the file that has its name first */
	char		*hybridoc;	/* the version that rendered it */
	char		*templates;	/* the template set's hash */
	char		*exports;	/* its exports' hash */
	char		*epoch;		/* SOURCE_DATE_EPOCH */
	char		*commit;	/* git's HEAD of the designs */
	char		**files;	/* written, relative to the site */
	size_t		 nfiles;
	int		 files_ok;	/* read: a list of strings only */
	int		 incomplete;	/* a file could not be written */
	int		 has_summary;	/* read: it had one */
	struct view_summary sum;
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
	struct site_rec	 rec;		/* its manifest record */
	/* Its exports (site_opts.exports), read; NULL: none given. */
	struct deployed	*dp;
	char		 xhash[17];	/* their bytes' hash, "" when none */
	char		*xnames;	/* their file names, for the page */
};

struct ctx {
	const struct site_opts *o;
	struct site_stats *st;
	const char	*out;		/* where files go */
	char		 th[17];	/* template set hash */
	const char	*epoch;		/* SOURCE_DATE_EPOCH, or NULL */
	struct site_rec	*old;		/* the previous manifest's records */
	size_t		 nold;
	struct entry	*v;
	size_t		 n;
	int		 worker;	/* this process is a worker: exit */
	int		 worker_ok;	/* its result was written */
};


/* site_design.c: one design, and helpers the other files share */

/* The site's own files beside the design folders, sorted, NULL-ended. */
extern const char *const site_own_files[];

int	 site_streq(const char *a, const char *b);	/* NULL-safe */
int	 site_has_suffix(const char *s, const char *suffix);
/* The slug of a design file name ("a b.yaml": "a-b"); caller frees. */
char	*site_slug_from_file(const char *file);
/* Reads asset name from dir, else the built-in copy, into out. */
int	 site_asset_load(const char *dir, const char *name, struct buf *out,
	    struct diags *d);
/*
 * The regular files of dir (not hidden), sorted: with designs, those
 * ending in .yaml or .yml.  Caller frees with site_strv_free().
 */
int	 site_list_dir(const char *dir, int designs, char ***names,
	    size_t *n, struct diags *d);
/* The view every page starts from: root, title, navigation. */
struct value *site_page_new(const char *root, const char *title, int nav);
/* Renders template name over view into out (templates from tdir). */
int	 site_render_page(const char *tdir, const char *name,
	    const struct value *view, struct buf *out, struct diags *d);
int	 site_strp_cmp(const void *a, const void *b);	/* qsort of char * */
void	 site_strv_free(char **v, size_t n);
/* Appends the JSON of v; U+0085 escaped (the YAML loader reads it back). */
void	 site_json_dump(struct buf *out, const struct value *v);
void	 site_rec_init(struct site_rec *r);
void	 site_rec_release(struct site_rec *r);
/* r (initialised) as a new record of entry e: file, hash, inputs. */
void	 site_rec_new(struct site_rec *r, const struct ctx *c,
	    const struct entry *e);
/* to (holding nothing) as a copy of from. */
void	 site_rec_copy(struct site_rec *to, const struct site_rec *from);
/* r as the manifest keeps it; the caller frees it. */
struct value *site_rec_value(const struct site_rec *r);
/* Reads a record the manifest kept into r (initialised first); 0 when v
 * is not one. */
int	 site_rec_read(struct site_rec *r, const struct value *v);
/*
 * Renders design e into c->out and makes its manifest record in rec
 * (initialised), counting files written in *written.
 */
void	 site_render_design(const struct ctx *c, const struct entry *e,
	    size_t *written, struct site_rec *rec);

/* site_jobs.c: renders every entry marked render, in workers. */
int	 site_render_all(struct ctx *c, struct diags *d);

/* site_check.c */
/* Compares the site built in tmp with c->out; counts stale files. */
int	 site_compare(struct ctx *c, const char *tmp, struct diags *d);
/* Removes the temporary site (only what the walk finds: our files). */
void	 site_remove_tree(const char *root);

/*
 * When and from which commit the site was built (site_design.c): set by
 * site_build_stamp() from SOURCE_DATE_EPOCH and git's HEAD of dir, empty
 * without SOURCE_DATE_EPOCH; every page's footer shows them.
 */
extern char	 site_built_at[32];
extern char	 site_built_commit[48];
void	site_build_stamp(const char *epoch, const char *dir);

#endif

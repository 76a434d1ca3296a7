/*
 * A design's summary: what the wiki's index, inventory and search pages
 * and `site`'s own counts need of one design, as a C struct with its
 * statuses as enums.  The view module builds it once per design
 * (view_summary_set); the site keeps it in its manifest as a value tree
 * (view_summary_value, view_summary_read: the only code that names its
 * keys), so that an unchanged design is not analysed again.  Pages
 * read the struct; only Mustache templates read value trees.
 */
#ifndef HYBRIDOC_VIEW_SUMMARY_H
#define HYBRIDOC_VIEW_SUMMARY_H

#include <stddef.h>

#include "hybridoc/diag.h"

struct analysis;
struct buf;
struct value;

/* How a design fared: its findings, or that it could not be checked. */
enum view_status {
	VIEW_CLEAN,		/* no error or warning finding */
	VIEW_WARNINGS,		/* warnings, no error */
	VIEW_ERRORS,		/* error findings */
	VIEW_INPUT_ERRORS	/* not read, not analysed, or not written */
};

/* The design against its exports of what is deployed (site --from). */
enum view_drift {
	VIEW_DRIFT_NONE,	/* no export given */
	VIEW_DRIFT_IN_SYNC,
	VIEW_DRIFT_DRIFTED,
	VIEW_DRIFT_UNKNOWN	/* exports given, design not read */
};

/* A search term of the design, and the anchor of its page it lands on
 * ("" for the page itself). */
struct view_term {
	char		*kind;		/* "site", "device", "sku", ... */
	char		*text;
	char		*detail;
	char		*anchor;
};

struct view_summary {
	char		*name;		/* the design's slug */
	char		*title;
	char		*file;		/* its file in the designs' folder */
	char		*region;	/* "" when not known */
	enum view_status status;
	long		 errors;	/* unsuppressed error findings */
	long		 warnings;
	int		 ok;		/* analysed and rendered */
	size_t		 nsites;	/* when ok */
	size_t		 ncircuits;
	struct diags	 messages;	/* every one: no limit */
	enum view_drift	 drift;
	size_t		 drift_n;	/* differences, when VIEW_DRIFT_DRIFTED */
	struct view_term *terms;
	size_t		 nterms;
	/*
	 * The inventory's lists (inventory.h), which inventory.c writes
	 * and reads itself: a map, or NULL.
	 */
	struct value	*inventory;
};

void	view_summary_init(struct view_summary *s);
void	view_summary_release(struct view_summary *s);
/*
 * Fills s for the design of file, whose folder is slug: from a when it
 * was analysed (a not NULL), else with title as its title (the name the
 * file gives, or the file).  ok says whether every output was rendered;
 * status, errors and warnings come from a's findings when it was, else
 * VIEW_INPUT_ERRORS.
 */
void	view_summary_set(struct view_summary *s, const struct analysis *a,
	    const char *slug, const char *file, const char *title, int ok);
/* Appends every message of d to s's. */
void	view_summary_add_messages(struct view_summary *s,
	    const struct diags *d);
void	view_summary_add_term(struct view_summary *s, const char *kind,
	    const char *text, const char *detail, const char *anchor);

/* "clean", "warnings", "errors", "input-errors": class names, too. */
const char *view_status_name(enum view_status st);
/* "1 error, 2 warnings", "clean", "input errors". */
void	view_status_text(const struct view_summary *s, struct buf *out);
/* "none", "in-sync", "drifted", "unknown". */
const char *view_drift_name(enum view_drift d);
/* "no export given", "in sync", "drifted: 2 differences", "not
 * compared (input errors)". */
void	view_drift_text(const struct view_summary *s, struct buf *out);

/* s as the manifest keeps it; the caller frees it. */
struct value *view_summary_value(const struct view_summary *s);
/*
 * Reads a summary the manifest kept (view_summary_value) into s, which
 * is initialised first.  Returns 0 when v is not one (s then holds
 * what could be read); a missing manifest entry reads as input errors.
 */
int	view_summary_read(struct view_summary *s, const struct value *v);

#endif

/*
 * The default templates and site assets, compiled into the binary from
 * templates/ by the build (tests/embed.sh).  The table ends with a
 * NULL name.
 */
#ifndef HYBRIDOC_TEMPLATES_H
#define HYBRIDOC_TEMPLATES_H

#include <stddef.h>

struct buf;
struct diags;

struct template_file {
	const char	*name;	/* file name, e.g. "runbook.md.mustache" */
	const char	*data;	/* NUL-terminated */
	size_t		 len;
};

extern const struct template_file template_files[];

/* The built-in file called name, or NULL. */
const struct template_file *template_find(const char *name);

/*
 * The one lookup of a template or site asset, for the runbook, the
 * packet and the site alike: the regular file dir/name when dir is not
 * NULL and name has no '/', else the built-in copy.  Appends its bytes
 * to text and, when file is not NULL, the name messages give it
 * ("dir/name", or "templates/name" for a built-in one).  Returns 1;
 * 0 when neither exists (nothing added to d); -1 when the file in dir
 * cannot be read (an error added to d).
 */
int	template_load(const char *dir, const char *name, struct buf *text,
	    struct buf *file, struct diags *d);

#endif

/*
 * The default templates and site assets, compiled into the binary from
 * templates/ by the build (tests/embed.sh).  The table ends with a
 * NULL name.
 */
#ifndef HYBRIDOC_TEMPLATES_H
#define HYBRIDOC_TEMPLATES_H

#include <stddef.h>

struct template_file {
	const char	*name;	/* file name, e.g. "runbook.md.mustache" */
	const char	*data;	/* NUL-terminated */
	size_t		 len;
};

extern const struct template_file template_files[];

/* The built-in file called name, or NULL. */
const struct template_file *template_find(const char *name);

#endif

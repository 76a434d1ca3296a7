/*
 * Lookup in the table of built-in templates and site assets that the
 * build generates from templates/.
 */
#include <string.h>

#include "hybridoc/templates.h"

const struct template_file *
template_find(const char *name)
{
	const struct template_file *t;

	for (t = template_files; t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

/*
 * Lookup in the table of built-in templates and site assets that the
 * build generates from templates/, and the one lookup that prefers a
 * user's folder of templates over it (template_load: the runbook, the
 * packet and the site all go through it).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/load.h"
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

int
template_load(const char *dir, const char *name, struct buf *text,
    struct buf *file, struct diags *d)
{
	const struct template_file *t;
	struct buf	 path = BUF_INIT;
	struct stat	 sb;
	char		*data;
	size_t		 len;
	int		 r = -1;

	if (dir != NULL && strchr(name, '/') == NULL) {
		buf_printf(&path, "%s/%s", dir, name);
		if (stat(buf_cstr(&path), &sb) == 0 && S_ISREG(sb.st_mode)) {
			if (load_file(buf_cstr(&path), &data, &len, d)) {
				buf_put(text, data, len);
				if (file != NULL)
					buf_puts(file, buf_cstr(&path));
				free(data);
				r = 1;
			}
			buf_release(&path);
			return r;
		}
		buf_release(&path);
	}
	if ((t = template_find(name)) == NULL)
		return 0;
	buf_put(text, t->data, t->len);
	if (file != NULL)
		buf_printf(file, "templates/%s", name);
	return 1;
}

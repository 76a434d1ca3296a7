/*
 * `hybridoc site --check` (site_int.h): the site built into a temporary
 * folder is compared with the output, file by file; each stale, missing
 * or extra file is counted and shown as `diff -u` (proc.h).
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
#include "hybridoc/fsout.h"
#include "hybridoc/proc.h"
#include "hybridoc/site.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

#include "site_int.h"

static const struct mark nomark = { 0, 0 };

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
		qsort(t->files, t->nfiles, sizeof(*t->files), site_strp_cmp);
	if (t->ndirs > 1)
		qsort(t->dirs, t->ndirs, sizeof(*t->dirs), site_strp_cmp);
	return ok;
}

static void
tree_release(struct tree *t)
{
	site_strv_free(t->files, t->nfiles);
	site_strv_free(t->dirs, t->ndirs);
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
int
site_compare(struct ctx *c, const char *tmp, struct diags *d)
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
void
site_remove_tree(const char *root)
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


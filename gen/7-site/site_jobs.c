/*
 * The site's worker pool (site_int.h): every design rendered in a
 * fork()ed worker, --jobs of them at once, each handing its record back
 * in a file; a worker that crashes leaves a record that says so.
 * Why a fresh process per design: site.c's opening comment.
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
#include "hybridoc/diagram.h"
#include "hybridoc/diag.h"
#include "hybridoc/fsout.h"
#include "hybridoc/load.h"
#include "hybridoc/proc.h"
#include "hybridoc/site.h"
#include "hybridoc/value.h"
#include "hybridoc/view_summary.h"
#include "hybridoc/xalloc.h"

#include "site_int.h"

static const struct mark nomark = { 0, 0 };

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
	struct site_rec	 rec;
	struct buf	 b = BUF_INIT;
	struct diags	 d;
	size_t		 written = 0;
	int		 ok;

	diags_init(&d);
	site_rec_init(&rec);
	site_render_design(c, e, &written, &rec);
	res = value_new_map();
	value_map_put(res, "rec", site_rec_value(&rec));
	site_rec_release(&rec);
	value_map_int(res, "written", (long long)written);
	site_json_dump(&b, res);
	buf_putc(&b, '\n');
	ok = fsout_write(path, buf_cstr(&b), b.len, &d);
	value_free(res);
	buf_release(&b);
	diags_release(&d);
	diagram_cleanup();
	return ok;
}

/* The record of a design whose worker died, into rec: no files, so
 * that the next build renders it again. */
static void
crashed(const struct ctx *c, const struct entry *e, const char *why,
    struct site_rec *rec)
{
	site_rec_new(rec, c, e);
	view_summary_set(&rec->sum, NULL, e->slug, e->file, e->name ?
	    e->name : e->file, 0);
	diags_add(&rec->sum.messages, DIAG_ERROR, e->file, nomark, NULL,
	    "%s", why);
}

/*
 * Reads a worker's result: its record into rec (initialised), and adds
 * its written count.
 * The file appears (by rename) only once the worker rendered it all,
 * so it is trusted whatever the exit status: under valgrind a worker
 * exits 99 for Graphviz's own leaks.
 */
static void
collect(const struct ctx *c, const struct entry *e, const char *path,
    int status, struct site_rec *rec)
{
	struct diags	 d;
	struct value	*root = NULL, *w;
	char		*data, *why;
	size_t		 len;
	int		 got = 0;

	diags_init(&d);
	if (access(path, F_OK) == 0 && load_file(path, &data, &len, &d)) {
		if (load_yaml(path, data, len, &root, &d) &&
		    root->kind == VALUE_MAP &&
		    site_rec_read(rec, value_map_get(root, "rec"))) {
			got = 1;
			if ((w = value_map_get(root, "written")) != NULL &&
			    w->kind == VALUE_NUM)
				c->st->written += (size_t)w->num;
		}
		free(data);
		value_free(root);
		unlink(path);
	}
	diags_release(&d);
	if (got)
		return;
	site_rec_release(rec);
	why = WIFSIGNALED(status) ? xasprintf("rendering stopped by signal "
	    "%d", WTERMSIG(status)) : xasprintf("rendering failed (worker "
	    "exit status %d)", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	crashed(c, e, why, rec);
	free(why);
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

int
site_render_all(struct ctx *c, struct diags *d)
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
				site_render_design(c, &c->v[todo[next]],
				    &c->st->written, &c->v[todo[next]].rec);
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
		collect(c, &c->v[slot_entry[i]], buf_cstr(&path), status,
		    &c->v[slot_entry[i]].rec);
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


/*
 * Child processes (proc.h): fork and wait for the site's workers, a
 * program writing to a stream for the site's `diff -u`, and git for
 * the packet's base version, all without a shell.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/load.h"
#include "hybridoc/proc.h"
#include "hybridoc/xalloc.h"

/*
 * The children this process made and has not waited for, so that a
 * signal that ends it can end them too (proc_kill_children): a site
 * killed with SIGTERM used to leave its workers writing pages.  A slot
 * is 0 when free; a child past the table (never, with --jobs bounded)
 * is simply not tracked.
 */
#define KIDS_MAX	256
static volatile pid_t	 kids[KIDS_MAX];

pid_t
proc_fork(void)
{
	sigset_t	 block, old;
	pid_t		 pid;
	size_t		 i;

	/* The ending signals wait until the child is in the table (and,
	 * in the child, until the table is empty): a kill between fork()
	 * and that would miss the child. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < KIDS_MAX; i++)
			kids[i] = 0;	/* a child has none yet */
	} else if (pid > 0) {
		for (i = 0; i < KIDS_MAX && kids[i] != 0; i++)
			;
		if (i < KIDS_MAX)
			kids[i] = pid;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return pid;
}

pid_t
proc_wait(pid_t pid, int *status)
{
	pid_t	 r;
	size_t	 i;

	while ((r = waitpid(pid, status, 0)) < 0 && errno == EINTR)
		;
	if (r > 0)
		for (i = 0; i < KIDS_MAX; i++)
			if (kids[i] == r)
				kids[i] = 0;
	return r;
}

void
proc_kill_children(int sig)
{
	size_t	 i;
	pid_t	 p;

	for (i = 0; i < KIDS_MAX; i++)
		if ((p = kids[i]) > 0)
			kill(p, sig);
}

int
proc_run_to(FILE *fp, char *const argv[])
{
	pid_t	 pid;
	int	 status = 0;

	if ((pid = proc_fork()) < 0)
		return -1;
	if (pid == 0) {
		if (fileno(fp) != STDOUT_FILENO &&
		    dup2(fileno(fp), STDOUT_FILENO) < 0)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (proc_wait(pid, &status) < 0 || !WIFEXITED(status))
		return 127;
	return WEXITSTATUS(status);
}

/* ---- git ---- */

/*
 * Runs git with argv (no shell), collecting standard output in out (at
 * most LOAD_MAX_BYTES) and standard error in err.  Returns non-zero
 * when git ran and exited with status 0.
 */
static int
git_run(char *const argv[], struct buf *out, struct buf *err)
{
	FILE		*ef;
	char		 tmp[8192];
	ssize_t		 n;
	size_t		 r;
	pid_t		 pid;
	int		 pfd[2], st = 0, ok = 0, big = 0;

	if ((ef = tmpfile()) == NULL) {
		buf_printf(err, "cannot make a temporary file: %s",
		    strerror(errno));
		return 0;
	}
	if (pipe(pfd) < 0) {
		buf_printf(err, "cannot make a pipe: %s", strerror(errno));
		fclose(ef);
		return 0;
	}
	if ((pid = proc_fork()) < 0) {
		buf_printf(err, "cannot start git: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		fclose(ef);
		return 0;
	}
	if (pid == 0) {
		if (dup2(pfd[1], STDOUT_FILENO) < 0 ||
		    dup2(fileno(ef), STDERR_FILENO) < 0)
			_exit(126);
		close(pfd[0]);
		close(pfd[1]);
		execvp("git", argv);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		n = read(pfd[0], tmp, sizeof(tmp));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (out->len + (size_t)n > LOAD_MAX_BYTES) {
			big = 1;
			break;
		}
		buf_put(out, tmp, (size_t)n);
	}
	close(pfd[0]);
	proc_wait(pid, &st);
	rewind(ef);
	while ((r = fread(tmp, 1, sizeof(tmp), ef)) > 0)
		buf_put(err, tmp, r);
	fclose(ef);
	/* git's message: its first line, without the trailing newline. */
	if (err->len) {
		const char *nl = strchr(buf_cstr(err), '\n');

		if (nl)
			buf_truncate(err, (size_t)(nl - buf_cstr(err)));
	}
	if (big) {
		buf_truncate(err, 0);
		buf_printf(err, "the file is larger than %u bytes",
		    LOAD_MAX_BYTES);
	} else if (WIFEXITED(st) && WEXITSTATUS(st) == 127 && err->len == 0)
		buf_puts(err, "cannot run git (is it installed?)");
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		ok = 1;
	else if (err->len == 0)
		buf_puts(err, "git failed");
	return ok;
}

int
proc_git_show(const char *rev, const char *path, char **data, size_t *len,
    char **name, struct diags *d)
{
	static const struct mark nomark = { 0, 0 };
	struct buf	 out = BUF_INIT, err = BUF_INIT, spec = BUF_INIT;
	const char	*slash = strrchr(path, '/');
	char		*dir, *argv[7];
	const char	*file = slash ? slash + 1 : path;
	int		 ok = 0;

	*data = NULL;
	*len = 0;
	*name = NULL;
	if (*rev == '\0' || *rev == '-') {
		diags_error(d, path, nomark, "--git: '%s' is not a revision",
		    rev);
		return 0;
	}
	if (*file == '\0') {
		diags_error(d, path, nomark, "--git: expected a design file, "
		    "not a folder");
		return 0;
	}
	dir = slash ? xstrndup(path, slash == path ? 1 :
	    (size_t)(slash - path)) : xstrdup(".");
	argv[0] = (char *)(uintptr_t)"git";
	argv[1] = (char *)(uintptr_t)"-C";
	argv[2] = dir;
	argv[3] = (char *)(uintptr_t)"rev-parse";
	argv[4] = (char *)(uintptr_t)"--show-prefix";
	argv[5] = NULL;
	if (!git_run(argv, &out, &err)) {
		diags_error(d, path, nomark, "--git: cannot find the file in a "
		    "git repository: %s", buf_cstr(&err));
		goto out;
	}
	while (out.len && (out.ptr[out.len - 1] == '\n' ||
	    out.ptr[out.len - 1] == '\r'))
		buf_truncate(&out, out.len - 1);
	buf_printf(&spec, "%s:%s%s", rev, buf_cstr(&out), file);
	buf_truncate(&out, 0);
	buf_truncate(&err, 0);
	argv[3] = (char *)(uintptr_t)"show";
	argv[4] = spec.ptr;
	if (!git_run(argv, &out, &err)) {
		/* git's words for a path the revision does not have */
		if (strstr(buf_cstr(&err), "does not exist in") != NULL ||
		    strstr(buf_cstr(&err), "exists on disk, but not in") !=
		    NULL) {
			*name = buf_detach(&spec, NULL);
			ok = -1;
			goto out;
		}
		diags_error(d, buf_cstr(&spec), nomark, "--git: cannot read "
		    "the base version: %s", buf_cstr(&err));
		goto out;
	}
	*len = out.len;
	*data = buf_detach(&out, NULL);
	*name = buf_detach(&spec, NULL);
	ok = 1;
out:
	free(dir);
	buf_release(&out);
	buf_release(&err);
	buf_release(&spec);
	return ok;
}

int
proc_git_head(const char *dir, char *out, size_t n)
{
	struct buf	 o = BUF_INIT, e = BUF_INIT;
	char		*argv[] = { (char *)(uintptr_t)"git",
			    (char *)(uintptr_t)"-C", (char *)(uintptr_t)dir,
			    (char *)(uintptr_t)"rev-parse",
			    (char *)(uintptr_t)"--short=12",
			    (char *)(uintptr_t)"HEAD", NULL };
	int		 ok;
	size_t		 i;

	ok = n > 0 && git_run(argv, &o, &e) && o.len > 0;
	if (ok) {
		for (i = 0; i < o.len && i + 1 < n; i++) {
			char	 ch = buf_cstr(&o)[i];

			if (!((ch >= '0' && ch <= '9') ||
			    (ch >= 'a' && ch <= 'f')))
				break;
			out[i] = ch;
		}
		out[i] = '\0';
		ok = i > 0;
	}
	buf_release(&o);
	buf_release(&e);
	return ok;
}

/*
 * Child processes, in one place: a forked worker (the site's pool), a
 * program whose standard output goes to a stream (the site's `diff -u`),
 * and git (the packet's base version).  Programs run without a shell.
 */
#ifndef HYBRIDOC_PROC_H
#define HYBRIDOC_PROC_H

#include <sys/types.h>

#include <stddef.h>
#include <stdio.h>

struct diags;

/*
 * fork() after flushing every stdio stream, so that nothing buffered is
 * written twice: the child's pid in the parent, 0 in the child, -1 (with
 * errno) when no process could be made.  A child leaves with _exit().
 */
pid_t	proc_fork(void);
/*
 * waitpid(pid, status, 0), again while a signal interrupts it: the pid
 * that ended (pid -1: any child), or -1 with errno.
 */
pid_t	proc_wait(pid_t pid, int *status);
/*
 * Sends sig to every child made by proc_fork() and not yet waited for.
 * Async-signal-safe: for a handler of a signal that ends the program.
 */
void	proc_kill_children(int sig);
/*
 * Runs argv[0] (looked up in PATH) with argv, its standard output going
 * to fp, and waits for it: its exit status, 127 when it could not be
 * run, or -1 when no process could be made.
 */
int	proc_run_to(FILE *fp, char *const argv[]);
/*
 * Reads the version of the file at path as of git revision rev, with
 * `git -C DIR rev-parse --show-prefix` and `git -C DIR show
 * REV:PREFIXFILE` (DIR the file's folder), run without a shell.  On
 * success sets *data (NUL-terminated, caller frees), *len and *name
 * ("REV:path-in-repo", caller frees) and returns non-zero; on failure
 * adds an error naming rev and path (with git's own message) to d.  A
 * rev that starts with '-' is refused.  Returns -1, with *name set and
 * nothing added to d, when git says the revision has no such file (a
 * design new since rev).
 */
int	proc_git_show(const char *rev, const char *path, char **data,
	    size_t *len, char **name, struct diags *d);

/*
 * The abbreviated commit of HEAD in the git work tree that holds dir
 * (`git -C DIR rev-parse --short=12 HEAD`, git's messages discarded),
 * into out (n bytes).  Returns non-zero when there is one.
 */
int	proc_git_head(const char *dir, char *out, size_t n);

#endif

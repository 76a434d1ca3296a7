/*
 * The last stage of every command: putting bytes on disk.  Files are
 * written to a temporary name beside the target and renamed into place,
 * so readers (a web server, a CI diff) see the old file or the new one
 * and nothing in between.  Paths built from design names go through
 * fsout_write_below(), which refuses to leave the output folder.
 */
#define _XOPEN_SOURCE 700	/* realpath() */

#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/fsout.h"
#include "hybridoc/xalloc.h"

static const struct mark nomark = { 0, 0 };
static unsigned	 tmpseq;	/* temporary names: one process, many files */

/*
 * The temporary files being written, for fsout_abandon() in a handler
 * of a signal that ends the program: the name is copied before its
 * slot is marked used, and a slot is freed only after the rename or
 * the unlink, so a handler never removes a finished file (a renamed
 * temporary name no longer exists).  A name too long for a slot, or a
 * ninth file at once (never: a command writes one at a time), is only
 * not cleaned up.
 */
#define PENDING_MAX	8
#define PENDING_LEN	1024
static char			 pending[PENDING_MAX][PENDING_LEN];
static volatile sig_atomic_t	 pending_used[PENDING_MAX];

static void
pending_add(const char *tmp)
{
	size_t	 i, n = strlen(tmp);

	if (n >= PENDING_LEN)
		return;
	for (i = 0; i < PENDING_MAX; i++)
		if (!pending_used[i]) {
			memcpy(pending[i], tmp, n + 1);
			atomic_signal_fence(memory_order_seq_cst);
			pending_used[i] = 1;
			return;
		}
}

static void
pending_del(const char *tmp)
{
	size_t	 i;

	for (i = 0; i < PENDING_MAX; i++)
		if (pending_used[i] && strcmp(pending[i], tmp) == 0) {
			pending_used[i] = 0;
			return;
		}
}

void
fsout_abandon(void)
{
	size_t	 i;

	for (i = 0; i < PENDING_MAX; i++)
		if (pending_used[i])
			unlink(pending[i]);
}

/* Writes all of data to fd; 0 with errno set on failure. */
static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t		 n;
	size_t		 off = 0;

	while (off < len) {
		n = write(fd, p + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		off += (size_t)n;
	}
	return 1;
}

/*
 * Into an existing path that is not a regular file (a device such as
 * /dev/null, a FIFO): the bytes go through it.  Renaming over it would
 * replace the device node itself -- run as root, `-o /dev/null` used
 * to turn /dev/null into a regular file.
 */
static int
write_through(const char *path, const void *data, size_t len,
    struct diags *d)
{
	int		 fd, ok;

	fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0) {
		diags_error(d, path, nomark, "cannot write: %s",
		    strerror(errno));
		return 0;
	}
	ok = write_all(fd, data, len);
	if (!ok)
		diags_error(d, path, nomark, "cannot write: %s",
		    strerror(errno));
	if (close(fd) != 0 && ok) {
		diags_error(d, path, nomark, "cannot write: %s",
		    strerror(errno));
		ok = 0;
	}
	return ok;
}

static int	write_atomic(const char *, const void *, size_t,
		    struct diags *);

int
fsout_write(const char *path, const void *data, size_t len, struct diags *d)
{
	struct stat	 st;
	char		*real;
	int		 ok;

	if (strcmp(path, "-") == 0) {
		if (len && fwrite(data, 1, len, stdout) != len) {
			diags_error(d, "<stdout>", nomark, "cannot write: %s",
			    strerror(errno));
			return 0;
		}
		return fflush(stdout) == 0;
	}
	if (lstat(path, &st) != 0 || S_ISREG(st.st_mode))
		return write_atomic(path, data, len, d);
	/*
	 * A symbolic link the user named (fsout_write_below() refuses
	 * links before it gets here): replace its target, keep the link;
	 * /dev/stdout and the like resolve to what they stand for.
	 */
	if (S_ISLNK(st.st_mode) && (real = realpath(path, NULL)) != NULL) {
		if (stat(real, &st) == 0 && S_ISREG(st.st_mode))
			ok = write_atomic(real, data, len, d);
		else
			ok = write_through(real, data, len, d);
		free(real);
		return ok;
	}
	return write_through(path, data, len, d);
}

static int
write_atomic(const char *path, const void *data, size_t len, struct diags *d)
{
	struct buf	 tmp = BUF_INIT;
	const char	*slash;
	int		 fd, ok = 0;

	slash = strrchr(path, '/');
	if (slash)
		buf_printf(&tmp, "%.*s/", (int)(slash - path), path);
	buf_printf(&tmp, ".%s.tmp%ld.%u", slash ? slash + 1 : path,
	    (long)getpid(), tmpseq++);
	fd = open(buf_cstr(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
	    0644);
	if (fd < 0) {
		diags_error(d, path, nomark, "cannot write: %s",
		    strerror(errno));
		goto out;
	}
	pending_add(buf_cstr(&tmp));
	if (!write_all(fd, data, len)) {
		diags_error(d, path, nomark, "cannot write: %s",
		    strerror(errno));
		close(fd);
		unlink(buf_cstr(&tmp));
		goto out;
	}
	if (close(fd) != 0) {
		diags_error(d, path, nomark, "cannot write: %s",
		    strerror(errno));
		unlink(buf_cstr(&tmp));
		goto out;
	}
	if (rename(buf_cstr(&tmp), path) != 0) {
		diags_error(d, path, nomark, "cannot write: %s",
		    strerror(errno));
		unlink(buf_cstr(&tmp));
		goto out;
	}
	ok = 1;
out:
	pending_del(buf_cstr(&tmp));
	buf_release(&tmp);
	return ok;
}

/*
 * A file written a piece at a time.  A regular file (or a new one, or
 * one behind a link the user named) is written to a temporary name
 * beside it and renamed over it at the commit; anything else (standard
 * output, a device, a FIFO) gets the pieces gathered in memory and
 * written through fsout_write() at the commit, so that a failure
 * leaves nothing written there either.
 */
struct fsout {
	char		*path;		/* the target */
	char		*tmp;		/* the temporary file, or NULL */
	int		 fd;
	int		 err;		/* errno of the first failed write */
	struct buf	 mem;		/* without a temporary file */
};

struct fsout *
fsout_open(const char *path, struct diags *d)
{
	struct fsout	*f = xcalloc(1, sizeof(*f));
	struct buf	 tmp = BUF_INIT;
	struct stat	 st;
	const char	*slash;
	char		*real = NULL;

	f->fd = -1;
	buf_init(&f->mem);
	if (strcmp(path, "-") != 0 && lstat(path, &st) == 0 &&
	    S_ISLNK(st.st_mode) && (real = realpath(path, NULL)) != NULL &&
	    stat(real, &st) == 0 && S_ISREG(st.st_mode))
		path = real;		/* as fsout_write() does */
	else if (strcmp(path, "-") == 0 || (lstat(path, &st) == 0 &&
	    !S_ISREG(st.st_mode))) {
		f->path = xstrdup(path);
		free(real);
		return f;
	}
	f->path = xstrdup(path);
	free(real);
	slash = strrchr(f->path, '/');
	if (slash)
		buf_printf(&tmp, "%.*s/", (int)(slash - f->path), f->path);
	buf_printf(&tmp, ".%s.tmp%ld.%u", slash ? slash + 1 : f->path,
	    (long)getpid(), tmpseq++);
	f->fd = open(buf_cstr(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
	    0644);
	if (f->fd < 0) {
		diags_error(d, f->path, nomark, "cannot write: %s",
		    strerror(errno));
		buf_release(&tmp);
		free(f->path);
		free(f);
		return NULL;
	}
	f->tmp = buf_detach(&tmp, NULL);
	pending_add(f->tmp);
	return f;
}

int
fsout_put(struct fsout *f, const void *data, size_t len)
{
	if (f->err != 0)
		return 0;
	if (f->tmp == NULL) {
		buf_put(&f->mem, data, len);
		return 1;
	}
	if (!write_all(f->fd, data, len)) {
		f->err = errno ? errno : EIO;
		return 0;
	}
	return 1;
}

int
fsout_take(void *arg, struct buf *b)
{
	int	 ok = fsout_put(arg, b->ptr ? b->ptr : "", b->len);

	buf_truncate(b, 0);
	return ok;
}

int
fsout_rewind(void *arg)
{
	struct fsout	*f = arg;

	buf_truncate(&f->mem, 0);
	if (f->tmp == NULL || f->err != 0)
		return f->err == 0;
	if (ftruncate(f->fd, 0) != 0 || lseek(f->fd, 0, SEEK_SET) != 0) {
		f->err = errno;
		return 0;
	}
	return 1;
}

int
fsout_close(struct fsout *f, int commit, struct diags *d)
{
	int	 ok = 0;

	if (f == NULL)
		return 0;
	if (f->tmp == NULL) {
		ok = commit && fsout_write(f->path, f->mem.ptr ? f->mem.ptr :
		    "", f->mem.len, d);
		goto out;
	}
	if (close(f->fd) != 0 && f->err == 0)
		f->err = errno;
	/* a write error is why the run stopped, commit or not */
	if (f->err != 0)
		diags_error(d, f->path, nomark, "cannot write: %s",
		    strerror(f->err));
	else if (commit && rename(f->tmp, f->path) != 0)
		diags_error(d, f->path, nomark, "cannot write: %s",
		    strerror(errno));
	else if (commit)
		ok = 1;
	if (!ok)
		unlink(f->tmp);
	pending_del(f->tmp);
out:
	buf_release(&f->mem);
	free(f->tmp);
	free(f->path);
	free(f);
	return ok;
}

int
fsout_mkdirs(const char *path, struct diags *d)
{
	char		*p = xstrdup(path);
	char		*s;
	struct stat	 st;
	int		 ok = 0;

	for (s = p + (p[0] == '/'); ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		{
			char	 c = *s;

			*s = '\0';
			if (p[0] != '\0' && lstat(p, &st) != 0) {
				if (mkdir(p, 0755) != 0 && errno != EEXIST) {
					diags_error(d, p, nomark, "cannot "
					    "create folder: %s",
					    strerror(errno));
					goto out;
				}
			} else if (p[0] != '\0' && S_ISLNK(st.st_mode) &&
			    c != '\0' && stat(p, &st) == 0 &&
			    !S_ISDIR(st.st_mode)) {
				diags_error(d, p, nomark, "not a folder");
				goto out;
			} else if (p[0] != '\0' && !S_ISLNK(st.st_mode) &&
			    !S_ISDIR(st.st_mode)) {
				diags_error(d, p, nomark, "not a folder");
				goto out;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	ok = 1;
out:
	free(p);
	return ok;
}

int
fsout_safe_relpath(const char *rel)
{
	const char	*s = rel, *e;

	if (rel == NULL || rel[0] == '\0' || rel[0] == '/')
		return 0;
	if (strchr(rel, '\\') != NULL)
		return 0;
	for (;;) {
		e = strchr(s, '/');
		if (e == NULL)
			e = s + strlen(s);
		if (e == s || (e - s == 1 && s[0] == '.') ||
		    (e - s == 2 && s[0] == '.' && s[1] == '.'))
			return 0;
		if (*e == '\0')
			return 1;
		s = e + 1;
	}
}

int
fsout_write_below(const char *dir, const char *rel, const void *data,
    size_t len, struct diags *d)
{
	struct buf	 path = BUF_INIT;
	struct stat	 st;
	const char	*s;
	int		 ok = 0;

	if (!fsout_safe_relpath(rel)) {
		diags_error(d, rel, nomark, "refusing to write outside the "
		    "output folder");
		return 0;
	}
	/* Every folder below dir must be a real folder, not a link. */
	for (s = rel; (s = strchr(s, '/')) != NULL; s++) {
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%.*s", dir, (int)(s - rel), rel);
		if (lstat(buf_cstr(&path), &st) == 0) {
			if (!S_ISDIR(st.st_mode)) {
				diags_error(d, buf_cstr(&path), nomark,
				    "refusing to write through a symbolic "
				    "link or a file in the output folder");
				goto out;
			}
		} else if (mkdir(buf_cstr(&path), 0755) != 0 &&
		    errno != EEXIST) {
			diags_error(d, buf_cstr(&path), nomark, "cannot create "
			    "folder: %s", strerror(errno));
			goto out;
		}
	}
	buf_truncate(&path, 0);
	buf_printf(&path, "%s/%s", dir, rel);
	if (lstat(buf_cstr(&path), &st) == 0 && S_ISLNK(st.st_mode)) {
		diags_error(d, buf_cstr(&path), nomark, "refusing to write "
		    "through a symbolic link in the output folder");
		goto out;
	}
	ok = fsout_write(buf_cstr(&path), data, len, d);
out:
	buf_release(&path);
	return ok;
}

/*
 * Non-zero when every folder of rel below out is a real folder, not a
 * symbolic link, so that out/rel names something inside out.
 */
int
fsout_inside(const char *out, const char *rel)
{
	struct buf	 path = BUF_INIT;
	struct stat	 sb;
	const char	*s;
	int		 ok = fsout_safe_relpath(rel);

	for (s = rel; ok && (s = strchr(s, '/')) != NULL; s++) {
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%.*s", out, (int)(s - rel), rel);
		ok = lstat(buf_cstr(&path), &sb) == 0 && S_ISDIR(sb.st_mode);
	}
	buf_release(&path);
	return ok;
}

/*
 * Writes data to out/rel unless the file holds exactly those bytes, so
 * an unchanged page keeps its time.  Returns non-zero on success.
 */
int
fsout_put_changed(const char *out, const char *rel, const char *data, size_t len,
    size_t *written, struct diags *d)
{
	struct buf	 path = BUF_INIT;
	struct stat	 sb;
	FILE		*fp;
	char		*old;
	int		 same = 0;

	buf_printf(&path, "%s/%s", out, rel);
	if (fsout_inside(out, rel) &&
	    lstat(buf_cstr(&path), &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (size_t)sb.st_size == len &&
	    (fp = fopen(buf_cstr(&path), "rb")) != NULL) {
		old = xmalloc(len + 1);
		same = fread(old, 1, len, fp) == len &&
		    memcmp(old, data, len) == 0 && fgetc(fp) == EOF;
		free(old);
		fclose(fp);
	}
	buf_release(&path);
	if (same)
		return 1;
	if (!fsout_write_below(out, rel, data, len, d))
		return 0;
	(*written)++;
	return 1;
}

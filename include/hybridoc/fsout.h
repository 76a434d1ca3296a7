/*
 * Output files, written safely: every file goes to a temporary name in
 * its destination folder and is renamed over the target only when it
 * is complete, so a run that fails or is killed midway leaves the old
 * file (or nothing), never half a file.  "-" is standard output.
 */
#ifndef HYBRIDOC_FSOUT_H
#define HYBRIDOC_FSOUT_H

#include <stddef.h>

struct diags;

/*
 * Writes len bytes to path atomically (mode 0644).  Returns non-zero
 * on success; on failure adds an error naming path to d.
 */
int	fsout_write(const char *path, const void *data, size_t len,
	    struct diags *d);
/*
 * A file written a piece at a time, as fsout_write() writes it whole:
 * the pieces go to a temporary name beside path (standard output, a
 * device or a FIFO gather them in memory instead), and only
 * fsout_close() with commit set puts them in place, so an output too
 * long to hold in memory is still never seen half-written.
 * fsout_open() returns NULL after adding an error to d.
 */
struct fsout;
struct buf;
struct fsout	*fsout_open(const char *path, struct diags *d);
/* Appends len bytes; 0 after a write error (fsout_close reports it). */
int	fsout_put(struct fsout *f, const void *data, size_t len);
/* fsout_put() of a buffer's bytes, which it empties (value_flush_fn). */
int	fsout_take(void *f, struct buf *b);
/* Drops every byte put so far, to start over; 0 on an error. */
int	fsout_rewind(void *f);
/*
 * With commit, puts the file in place (or writes what was gathered);
 * without, or after an error, removes the temporary file.  Frees f.
 * Returns non-zero when the file was committed.
 */
int	fsout_close(struct fsout *f, int commit, struct diags *d);
/*
 * Removes every temporary file still being written (by fsout_write()
 * or between fsout_open() and fsout_close()), for a handler of a
 * signal that ends the program.  Async-signal-safe.
 */
void	fsout_abandon(void);

/*
 * Creates the directory path and its parents (mode 0755).  Refuses a
 * path component that is a symbolic link.  Returns non-zero on success.
 */
int	fsout_mkdirs(const char *path, struct diags *d);
/*
 * Non-zero when rel is a safe relative path below a folder: not empty,
 * not absolute, no "." or ".." component, no backslash, no NUL.
 */
int	fsout_safe_relpath(const char *rel);
/*
 * Writes data to dir/rel atomically, creating folders below dir; rel
 * must pass fsout_safe_relpath() and no component below dir may be a
 * symbolic link.  Returns non-zero on success.
 */
int	fsout_write_below(const char *dir, const char *rel, const void *data,
	    size_t len, struct diags *d);

/*
 * Non-zero when rel is a safe relative path and every folder of it
 * below out is a real folder, not a symbolic link, so that out/rel
 * names something inside out.
 */
int	fsout_inside(const char *out, const char *rel);
/*
 * Writes data to out/rel (fsout_write_below) unless the file holds
 * exactly those bytes, so an unchanged page keeps its time; counts a
 * write in *written.  Returns non-zero on success.
 */
int	fsout_put_changed(const char *out, const char *rel, const char *data,
	    size_t len, size_t *written, struct diags *d);
#endif

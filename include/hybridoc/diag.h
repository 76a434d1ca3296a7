/*
 * Diagnostics: every input problem, and every finding printed as text,
 * has the form "file:line:col: severity: message [ID]".  A struct diags
 * collects them so that one run reports all, and remembers the worst
 * level seen.  Messages are printed in the order they were added.
 */
#ifndef HYBRIDOC_DIAG_H
#define HYBRIDOC_DIAG_H

#include <stddef.h>
#include <stdio.h>

#include "hybridoc/value.h"

enum diag_level {
	DIAG_NOTE = 0,
	DIAG_WARNING,
	DIAG_ERROR
};

struct diag {
	enum diag_level	 level;
	char		*file;
	struct mark	 mark;
	char		*msg;
	char		*id;	/* rule or error id, or NULL */
};

struct diags {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	int		 worst;	/* highest level added; -1 when empty */
	size_t		 limit;	/* stop recording after this many (0: 100) */
	size_t		 dropped;
};

void	diags_init(struct diags *d);
void	diags_release(struct diags *d);
/* Adds a message; file may be NULL, mark.line 0 for "no position". */
void	diags_add(struct diags *d, enum diag_level level, const char *file,
	    struct mark mark, const char *id, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
/* Shorthand for an error. */
void	diags_error(struct diags *d, const char *file, struct mark mark,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/*
 * Sorts the messages from index first on by file, line and column,
 * keeping the order of equal positions, so a file's messages read in
 * document order.
 */
void	diags_sort(struct diags *d, size_t first);
/* Number of errors recorded. */
size_t	diags_errors(const struct diags *d);
/*
 * Non-zero when d holds its limit of messages, so the next one is only
 * counted: a caller can skip the work of composing it (a suggestion, a
 * list of choices), which a hostile input could ask for a million times.
 */
int	diags_full(const struct diags *d);
/*
 * Prints every message to fp, "file:line:col: level: msg [id]", with
 * colour when colour is non-zero.
 */
void	diags_print(const struct diags *d, FILE *fp, int colour);
/*
 * Prints s to fp on one line: a control character (newline, tab, ESC
 * ...) as a C escape ("\n", "\t", "\x1b").  A string from a design
 * (a key, a value, a suppress reason, a file name) cannot then begin a
 * line that reads as a diagnostic of its own, nor send terminal escapes.
 */
void	diag_put_line(FILE *fp, const char *s);
/* The level's word: "note", "warning", "error". */
const char *diag_level_str(enum diag_level level);
/*
 * Non-zero when output to fp may use colour: fp is a terminal, NO_COLOR
 * is unset or empty, and TERM is not "dumb".
 */
int	diag_use_colour(FILE *fp);

#endif

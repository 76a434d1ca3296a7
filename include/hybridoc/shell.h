/*
 * Command text for the two shells hybridoc prints commands for: the
 * Azure CLI in a POSIX shell and Az PowerShell.  Every value that goes
 * into a printed command passes through shell_word(), the one quoting
 * function for both shells, so a name from a design can never end a
 * command early, start a second one or expand a variable.  Used by the
 * procedures (procedure.h) and the change plan (plan.h).
 */
#ifndef HYBRIDOC_SHELL_H
#define HYBRIDOC_SHELL_H

struct buf;

enum shell {
	SHELL_SH,	/* az in bash/zsh/sh */
	SHELL_PS	/* Az PowerShell */
};

/*
 * Appends s as one word of the shell: as is when every character is
 * plainly safe there, else in single quotes (POSIX: ' becomes '\'';
 * PowerShell: ' becomes '').  A value with control characters (a
 * newline would end the command and the Markdown code block) is
 * replaced by a quoted placeholder; returns 0 then, else non-zero.
 */
int	shell_word(struct buf *b, enum shell sh, const char *s);
/*
 * The same, always in single quotes: a string literal where a bare word
 * would be read as a command (a PowerShell hashtable value).
 */
int	shell_string(struct buf *b, enum shell sh, const char *s);
/* Appends " OPT WORD" (WORD quoted by shell_word); OPT is trusted. */
void	shell_opt(struct buf *b, enum shell sh, const char *opt,
	    const char *value);
/*
 * The head of an Azure CLI command, the one way every printed az command
 * starts: "az VERB -g RG", plus " --subscription SUB" when sub is not
 * NULL (a circuit in another subscription).  rg and sub are quoted.
 */
void	shell_az(struct buf *b, const char *verb, const char *rg,
	    const char *sub);
/*
 * The PowerShell counterpart: "Set-AzContext -Subscription SUB |
 * Out-Null; " before a cmdlet, when sub is not NULL; nothing otherwise.
 */
void	shell_ps_context(struct buf *b, const char *sub);
/* Appends " OPT N". */
void	shell_opt_long(struct buf *b, const char *opt, long n);

/*
 * A value the design gives as unknown reaches a command as its
 * placeholder, "<unknown: PATH>" (design.h), written as it is, never
 * quoted.  shell_guard_unknown() then turns every command of b (a line
 * and the lines it continues onto with a trailing \ or `) that holds
 * a placeholder into comment lines ("# ..."), in both shells, so that
 * it shows where the value goes but cannot run with a made-up or empty
 * argument.  Returns the number of commands it commented out.
 */
#define SHELL_UNKNOWN	"<unknown: "
size_t	shell_guard_unknown(struct buf *b);
/*
 * A placeholder for the reader to fill in, "<word>" (lower-case words
 * and dashes, e.g. <nic-of-a-test-vm-in-snet-app>), is a redirection
 * when bare in sh and a parse error in PowerShell: shell_quote_holes()
 * puts every one of b outside quotes and comment lines in single quotes
 * (new user 19 items 1 and 10).  Returns how many it quoted.
 */
size_t	shell_quote_holes(struct buf *b);
/*
 * The same for every command string (a map's "az" or "ps") of a view
 * tree, such as a procedure's (procedure.h); lazy lists are filled.
 */
struct value;
void	shell_quote_holes_tree(struct value *v);

#endif

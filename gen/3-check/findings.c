/*
 * Findings: what the rules stage (rules.c) and the simulation (sim.c)
 * say about a bound design, collected here, matched against the
 * design's suppress: entries once every check has run, sorted so that
 * output does not depend on the order of the checks, and written for
 * people (gcc-style text), for tools (JSON) and for code scanning
 * (SARIF 2.1.0).  The writers append to a caller's buffer (or stream)
 * and are byte-for-byte deterministic: no time, no locale, no
 * addresses, every string through json_put_string().
 *
 * JSON shape (stable; documented in findings.h):
 *   {"designs": [{"file", "name", "errors", "warnings",
 *     "findings": [{"rule", "severity", "object", "line", "column",
 *                   "message", "help", "suppressed", "reason"?}]}],
 *    "summary": {"designs", "errors", "warnings", "suppressed"}}
 * errors and warnings count unsuppressed findings; "reason" is present
 * only on suppressed findings.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/buf.h"
#include "hybridoc/catalog.h"
#include "hybridoc/design.h"
#include "hybridoc/findings.h"
#include "hybridoc/value.h"
#include "hybridoc/xalloc.h"

#ifndef HYBRIDOC_VERSION
#define HYBRIDOC_VERSION	"0.1.0"
#endif
/*
 * SARIF's driver.informationUri must be an absolute URI.  Until the
 * build defines the project's home, point at the pattern the tool
 * checks designs against.
 */
#ifndef HYBRIDOC_URL
#define HYBRIDOC_URL	"https://learn.microsoft.com/en-us/azure/" \
	"expressroute/use-s2s-vpn-as-backup-for-expressroute-privatepeering"
#endif

void
findings_init(struct findings *f)
{
	memset(f, 0, sizeof(*f));
}

void
findings_release(struct findings *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		free(f->v[i].object);
		free(f->v[i].msg);
	}
	free(f->v);
	findings_init(f);
}

void
findings_add(struct findings *f, enum rule_id id, const char *object,
    struct mark mark, const char *fmt, ...)
{
	const struct rule *r;
	struct finding	*g;
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	if ((unsigned)id >= RULE_COUNT) {
		fprintf(stderr, "hybridoc: internal error: finding for unknown "
		    "rule %d\n", (int)id);
		abort();
	}
	r = &rules[id];
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	xgrow(&f->v, &f->cap, f->n + 1, sizeof(*f->v));
	g = &f->v[f->n++];
	memset(g, 0, sizeof(*g));
	g->rule = r;
	g->object = xstrdup(object ? object : "");
	g->mark = mark;
	g->msg = buf_detach(&b, NULL);
}

/* Non-zero when path is entry or lies below it ("sites.HQ.vpn.x"). */
static int
path_matches(const char *entry, const char *path)
{
	size_t	 n = strlen(entry);

	if (strncmp(entry, path, n) != 0)
		return 0;
	return path[n] == '\0' || path[n] == '.';
}

static int
finding_cmp(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int		 c;

	if (a->mark.line != b->mark.line)
		return a->mark.line < b->mark.line ? -1 : 1;
	if (a->mark.col != b->mark.col)
		return a->mark.col < b->mark.col ? -1 : 1;
	if ((c = strcmp(a->rule->id, b->rule->id)) != 0)
		return c;
	if ((c = strcmp(a->msg, b->msg)) != 0)
		return c;
	return strcmp(a->object, b->object);
}

void
findings_finish(struct findings *f, const struct design *dsn,
    struct diags *d)
{
	const struct suppress *sp;
	struct finding	*g;
	size_t		 i, j, matched;

	for (i = 0; dsn != NULL && i < dsn->nsuppress; i++) {
		sp = &dsn->suppress[i];
		matched = 0;
		for (j = 0; j < f->n; j++) {
			g = &f->v[j];
			if (sp->rule == NULL || strcmp(g->rule->id, sp->rule) ||
			    (sp->object != NULL &&
			    !path_matches(sp->object, g->object)))
				continue;
			/* The first matching entry gives the reason. */
			if (!g->suppressed) {
				g->suppressed = 1;
				g->reason = sp->reason;
			}
			matched++;
		}
		if (matched == 0 && d != NULL)
			diags_add(d, DIAG_NOTE, dsn->file, design_mark(sp->node,
			    NULL), NULL, "suppress entry for %s on %s "
			    "matches no finding; remove it",
			    sp->rule ? sp->rule : "?",
			    sp->object ? sp->object : "any object");
	}
	if (f->n > 1)
		qsort(f->v, f->n, sizeof(*f->v), finding_cmp);
}

enum diag_level
finding_level(const struct finding *g)
{
	return g->rule->level;
}

size_t
findings_count(const struct findings *f, enum diag_level level)
{
	size_t	 i, n = 0;

	for (i = 0; i < f->n; i++)
		if (!f->v[i].suppressed && finding_level(&f->v[i]) == level)
			n++;
	return n;
}

static size_t
findings_nsuppressed(const struct findings *f)
{
	size_t	 i, n = 0;

	for (i = 0; i < f->n; i++)
		if (f->v[i].suppressed)
			n++;
	return n;
}

static const char *
set_file(const struct findings_set *s)
{
	return s->dsn != NULL && s->dsn->file != NULL ? s->dsn->file : "-";
}

/* ---- text ---- */

static void
text_position(FILE *fp, const char *file, const struct finding *g,
    int colour)
{
	if (colour)
		fputs("\033[1m", fp);
	diag_put_line(fp, file);
	fputc(':', fp);
	if (g->mark.line)
		fprintf(fp, "%u:%u:", g->mark.line, g->mark.col);
	fputc(' ', fp);
	if (colour)
		fputs("\033[0m", fp);
}

/*
 * The object path and the rule, which is what a suppress: entry names
 * ({rule: HD602, object: sites.HQ}): " (object sites.HQ) [HD602]"; the
 * rule stays last, in brackets, for whatever matches on it.
 */
static void
text_rule(FILE *fp, const struct finding *g)
{
	if (g->object != NULL && g->object[0] != '\0') {
		fputs(" (object ", fp);
		diag_put_line(fp, g->object);
		fputc(')', fp);
	}
	fprintf(fp, " [%s]\n", g->rule->id);
}

void
findings_text(FILE *fp, const struct findings_set *sets, size_t n,
    int colour)
{
	findings_text_verbose(fp, sets, n, colour, 0);
}

void
findings_text_verbose(FILE *fp, const struct findings_set *sets, size_t n,
    int colour, int verbose)
{
	static const char *const col[] = { "\033[1;36m", "\033[1;35m",
	    "\033[1;31m" };
	const struct finding *g;
	const char	*file;
	enum diag_level	 lv;
	size_t		 i, j;

	for (i = 0; i < n; i++) {
		file = set_file(&sets[i]);
		for (j = 0; j < sets[i].f->n; j++) {
			g = &sets[i].f->v[j];
			if (g->suppressed)
				continue;
			lv = finding_level(g);
			text_position(fp, file, g, colour);
			if (colour)
				fprintf(fp, "%s%s:\033[0m ", col[lv],
				    diag_level_str(lv));
			else
				fprintf(fp, "%s: ", diag_level_str(lv));
			diag_put_line(fp, g->msg);
			text_rule(fp, g);
			if (verbose && g->rule->help != NULL) {
				/* gcc's form for a note that goes with it */
				text_position(fp, file, g, colour);
				if (colour)
					fprintf(fp, "%snote:\033[0m ",
					    col[DIAG_NOTE]);
				else
					fputs("note: ", fp);
				fprintf(fp, "%s: %s\n", g->rule->title,
				    g->rule->help);
			}
		}
		for (j = 0; j < sets[i].f->n; j++) {
			g = &sets[i].f->v[j];
			if (!g->suppressed)
				continue;
			text_position(fp, file, g, colour);
			if (colour)
				fprintf(fp, "%snote:\033[0m ", col[DIAG_NOTE]);
			else
				fputs("note: ", fp);
			fprintf(fp, "suppressed %s (", g->rule->id);
			diag_put_line(fp, g->reason ? g->reason :
			    "no reason given");
			fputs("): ", fp);
			diag_put_line(fp, g->msg);
			text_rule(fp, g);
		}
	}
}

/* ---- JSON ---- */

static void
put_str(struct buf *out, const char *s)
{
	json_put_string(out, s ? s : "", s ? strlen(s) : 0);
}

/* Input errors: the diagnostics of d that have an id of input_rules[]. */
static int
is_input_error(const struct diag *g)
{
	return g->level == DIAG_ERROR && input_rule_find(g->id) != NULL;
}

/* Distinct files among the input errors of d. */
static size_t
input_files(const struct diags *d)
{
	size_t	 i, j, n = 0;

	for (i = 0; d != NULL && i < d->n; i++) {
		if (!is_input_error(&d->v[i]))
			continue;
		for (j = 0; j < i; j++)
			if (is_input_error(&d->v[j]) &&
			    strcmp(d->v[j].file ? d->v[j].file : "",
			    d->v[i].file ? d->v[i].file : "") == 0)
				break;
		if (j == i)
			n++;
	}
	return n;
}

size_t
findings_input_files(const struct diags *d)
{
	return input_files(d);
}

void
findings_json(struct buf *out, const struct findings_set *sets, size_t n)
{
	findings_json_inputs(out, sets, n, NULL);
}

void
findings_json_inputs(struct buf *out, const struct findings_set *sets,
    size_t n, const struct diags *input)
{
	const struct diag *e0;
	size_t		 ninput = 0, nfiles = input_files(input);

	const struct findings *f;
	const struct finding *g;
	size_t		 i, j, errs = 0, warns = 0, supp = 0, e, w;

	buf_puts(out, "{\n  \"designs\": [");
	for (i = 0; i < n; i++) {
		f = sets[i].f;
		e = findings_count(f, DIAG_ERROR);
		w = findings_count(f, DIAG_WARNING);
		errs += e;
		warns += w;
		supp += findings_nsuppressed(f);
		buf_puts(out, i ? ",\n    {\n" : "\n    {\n");
		buf_puts(out, "      \"file\": ");
		put_str(out, set_file(&sets[i]));
		buf_puts(out, ",\n      \"name\": ");
		put_str(out, sets[i].dsn ? sets[i].dsn->name : NULL);
		buf_printf(out, ",\n      \"errors\": %zu,\n      \"warnings\": "
		    "%zu,\n      \"findings\": [", e, w);
		for (j = 0; j < f->n; j++) {
			g = &f->v[j];
			buf_puts(out, j ? ",\n        {" : "\n        {");
			buf_puts(out, "\"rule\": ");
			put_str(out, g->rule->id);
			buf_puts(out, ", \"severity\": ");
			put_str(out, diag_level_str(finding_level(g)));
			buf_puts(out, ", \"object\": ");
			put_str(out, g->object);
			buf_printf(out, ", \"line\": %u, \"column\": %u",
			    g->mark.line, g->mark.col);
			buf_puts(out, ", \"message\": ");
			put_str(out, g->msg);
			buf_puts(out, ", \"help\": ");
			put_str(out, g->rule->help);
			buf_printf(out, ", \"suppressed\": %s",
			    g->suppressed ? "true" : "false");
			if (g->suppressed) {
				buf_puts(out, ", \"reason\": ");
				put_str(out, g->reason);
			}
			buf_putc(out, '}');
		}
		buf_puts(out, f->n ? "\n      ]\n    }" : "]\n    }");
	}
	buf_printf(out, "%s],\n  \"input_errors\": [", n ? "\n  " : "");
	for (i = 0; input != NULL && i < input->n; i++) {
		e0 = &input->v[i];
		if (!is_input_error(e0))
			continue;
		buf_puts(out, ninput++ ? ",\n    {" : "\n    {");
		buf_puts(out, "\"id\": ");
		put_str(out, e0->id);
		buf_puts(out, ", \"file\": ");
		put_str(out, e0->file ? e0->file : "-");
		buf_printf(out, ", \"line\": %u, \"column\": %u",
		    e0->mark.line, e0->mark.col);
		buf_puts(out, ", \"message\": ");
		put_str(out, e0->msg);
		buf_putc(out, '}');
	}
	/* designs: read = checked + could not be checked. */
	buf_printf(out, "%s],\n  \"summary\": {\"designs\": %zu, "
	    "\"checked\": %zu, \"not_checked\": %zu, \"input_errors\": %zu, "
	    "\"errors\": %zu, \"warnings\": %zu, \"suppressed\": %zu}\n}\n",
	    ninput ? "\n  " : "", n + nfiles, n, nfiles, ninput, errs, warns,
	    supp);
}

/* ---- SARIF 2.1.0 ---- */

static const char *
sarif_level(enum diag_level lv)
{
	switch (lv) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	default:
		return "note";
	}
}

/* A rule's name for SARIF: its title in UpperCamelCase, letters/digits. */
static void
put_rule_name(struct buf *out, const char *title)
{
	struct buf	 b = BUF_INIT;
	int		 start = 1;
	unsigned char	 c;

	for (; *title != '\0'; title++) {
		c = (unsigned char)*title;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9')) {
			if (start && c >= 'a' && c <= 'z')
				c = (unsigned char)(c - 'a' + 'A');
			buf_putc(&b, c);
			start = 0;
		} else
			start = 1;
	}
	put_str(out, buf_cstr(&b));
	buf_release(&b);
}

/*
 * A file name as given on the command line, as a relative URI
 * reference: forward slashes, no leading "./", and everything outside
 * RFC 3986's unreserved, sub-delims, ':', '@' and '/' percent-encoded.
 */
static void
put_uri(struct buf *out, const char *file)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char ok[] = "-._~!$&'()*+,;=:@/";
	struct buf	 b = BUF_INIT;
	unsigned char	 c;

	for (;;) {
		if (file[0] == '.' && (file[1] == '/' || file[1] == '\\'))
			file += 2;
		else
			break;
		while (*file == '/' || *file == '\\')
			file++;
	}
	for (; *file != '\0'; file++) {
		c = (unsigned char)*file;
		if (c == '\\')
			c = '/';
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || (c != '\0' && strchr(ok, c)))
			buf_putc(&b, c);
		else {
			buf_putc(&b, '%');
			buf_putc(&b, hex[c >> 4]);
			buf_putc(&b, hex[c & 15]);
		}
	}
	put_str(out, buf_cstr(&b));
	buf_release(&b);
}

/* Text put as a JSON string, from several parts (NULLs skipped). */
static void
put_strs(struct buf *out, const char *const *v, size_t n)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < n; i++)
		if (v[i] != NULL)
			buf_puts(&b, v[i]);
	put_str(out, buf_cstr(&b));
	buf_release(&b);
}

/*
 * One rule entry: what GitHub code scanning and Azure DevOps Advanced
 * Security show on an alert.  fullDescription is the row's description;
 * help says what fires it, why (the Azure fact, or that it is a
 * hybridoc policy), how to fix it, how to suppress it and where the
 * fact comes from, as text and as Markdown.
 */
static void
sarif_rule(struct buf *out, const struct rule *r, int input)
{
	/* Not suppressible: an input error, or a diagnose finding. */
	int		 fixed = input || !rule_suppressible(r);
	const char	*supp = input ? "An input error cannot be suppressed: "
			    "the design is not checked until it is fixed." :
			    fixed ? RULE_NOT_SUPPRESSIBLE :
			    "To accept the finding, add to the design: "
			    "suppress: [{rule: ";
	const char	*text[] = { r->description, r->why ? "\n\nWhy: " :
			    NULL, r->why, "\n\nHow to fix: ",
			    r->fix, "\n\n", supp, fixed ? NULL : r->id,
			    fixed ? NULL : ", object: <path from the "
			    "finding>, reason: <why>}]", r->help ?
			    "\n\nSource: " : NULL, r->help };
	const char	*md[] = { r->description, r->why ? "\n\n**Why:** " :
			    NULL, r->why, "\n\n**How to fix:** ",
			    r->fix, "\n\n", fixed ? supp : "To accept the "
			    "finding, add to the design:\n\n```yaml\n"
			    "suppress:\n  - rule: ", fixed ? NULL : r->id,
			    fixed ? NULL : "\n    object: PATH  # the object path the "
			    "finding names\n    reason: why it is "
			    "accepted\n```", r->help ? "\n\nSource: [Microsoft "
			    "Learn](" : NULL, r->help, r->help ? ")" : NULL };

	buf_puts(out, "            {\n              \"id\": ");
	put_str(out, r->id);
	buf_puts(out, ",\n              \"name\": ");
	put_rule_name(out, r->title);
	buf_puts(out, ",\n              \"shortDescription\": {\"text\": ");
	put_str(out, r->title);
	buf_puts(out, "},\n              \"fullDescription\": {\"text\": ");
	put_str(out, r->description);
	buf_puts(out, "},\n              \"help\": {\"text\": ");
	put_strs(out, text, sizeof(text) / sizeof(text[0]));
	buf_puts(out, ", \"markdown\": ");
	put_strs(out, md, sizeof(md) / sizeof(md[0]));
	buf_putc(out, '}');
	if (r->help != NULL) {
		buf_puts(out, ",\n              \"helpUri\": ");
		put_str(out, r->help);
	}
	buf_puts(out, ",\n              \"defaultConfiguration\": "
	    "{\"level\": ");
	put_str(out, sarif_level(r->level));
	buf_puts(out, "},\n              \"properties\": {\"tags\": [");
	put_str(out, input ? "input-error" : "azure");
	buf_puts(out, "]}\n            }");
}

/* The catalog's rules, then the input errors (ruleIndex RULE_COUNT on). */
static void
sarif_rules(struct buf *out)
{
	const struct rule *r;

	buf_puts(out, "          \"rules\": [");
	for (r = rules; r->id != NULL; r++) {
		buf_puts(out, r == rules ? "\n" : ",\n");
		sarif_rule(out, r, 0);
	}
	for (r = input_rules; r->id != NULL; r++) {
		buf_puts(out, ",\n");
		sarif_rule(out, r, 1);
	}
	buf_puts(out, "\n          ]\n");
}

/*
 * A fingerprint that does not move with the line: FNV-1a (64 bits) of
 * the rule, the file, the object path (or, for an input error, the
 * message without its digits, which may be line numbers) and how many
 * results before it in the file had the same, as 16 hex digits.
 */
static unsigned long long
fnv(unsigned long long h, const char *s, int skip_digits)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (skip_digits && *s >= '0' && *s <= '9')
			continue;
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	h ^= 0xff;	/* field separator */
	h *= 1099511628211ULL;
	return h;
}

static void
put_fingerprint(struct buf *out, const char *rule, const char *file,
    const char *what, int skip_digits, unsigned occurrence)
{
	unsigned long long h = 14695981039346656037ULL;
	char		 n[16];

	h = fnv(h, rule, 0);
	h = fnv(h, file, 0);
	h = fnv(h, what, skip_digits);
	snprintf(n, sizeof(n), "%u", occurrence);
	h = fnv(h, n, 0);
	buf_printf(out, ",\n          \"partialFingerprints\": "
	    "{\"hybridocObject/v1\": \"%016llx\"}", h);
}

static void
sarif_result(struct buf *out, const char *file, const struct finding *g,
    unsigned occurrence)
{
	buf_puts(out, "        {\n          \"ruleId\": ");
	put_str(out, g->rule->id);
	buf_printf(out, ",\n          \"ruleIndex\": %ld",
	    (long)(g->rule - rules));
	buf_puts(out, ",\n          \"level\": ");
	put_str(out, sarif_level(finding_level(g)));
	buf_puts(out, ",\n          \"message\": {\"text\": ");
	put_str(out, g->msg);
	buf_puts(out, "},\n          \"locations\": [\n            {\n"
	    "              \"physicalLocation\": {\n"
	    "                \"artifactLocation\": {\"uri\": ");
	put_uri(out, file);
	buf_putc(out, '}');
	if (g->mark.line)
		buf_printf(out, ",\n                \"region\": {\"startLine\": "
		    "%u, \"startColumn\": %u}", g->mark.line,
		    g->mark.col ? g->mark.col : 1);
	buf_puts(out, "\n              },\n"
	    "              \"logicalLocations\": [{\"fullyQualifiedName\": ");
	put_str(out, g->object);
	buf_puts(out, "}]\n            }\n          ]");
	put_fingerprint(out, g->rule->id, file, g->object, 0, occurrence);
	if (g->suppressed) {
		buf_puts(out, ",\n          \"suppressions\": [{\"kind\": "
		    "\"inSource\"");
		if (g->reason != NULL) {
			buf_puts(out, ", \"justification\": ");
			put_str(out, g->reason);
		}
		buf_puts(out, "}]");
	}
	buf_puts(out, "\n        }");
}

/* How many of the first j findings of f have g's rule and object. */
static unsigned
occurrence(const struct findings *f, size_t j)
{
	const struct finding *g = &f->v[j];
	unsigned	 k = 0;
	size_t		 i;

	for (i = 0; i < j; i++)
		if (f->v[i].rule == g->rule &&
		    strcmp(f->v[i].object, g->object) == 0)
			k++;
	return k;
}

/* An input error as a result, at its file, line and column. */
static void
sarif_input_result(struct buf *out, const struct diags *d, size_t i)
{
	const struct diag *g = &d->v[i];
	const struct rule *r = input_rule_find(g->id);
	const char	*file = g->file ? g->file : "-";
	unsigned	 k = 0;
	size_t		 j;

	for (j = 0; j < i; j++)
		if (is_input_error(&d->v[j]) && strcmp(d->v[j].id, g->id) == 0 &&
		    strcmp(d->v[j].file ? d->v[j].file : "-", file) == 0)
			k++;
	buf_puts(out, "        {\n          \"ruleId\": ");
	put_str(out, r->id);
	buf_printf(out, ",\n          \"ruleIndex\": %ld",
	    (long)RULE_COUNT + (long)(r - input_rules));
	buf_puts(out, ",\n          \"level\": \"error\",\n"
	    "          \"message\": {\"text\": ");
	put_str(out, g->msg);
	buf_puts(out, "},\n          \"locations\": [\n            {\n"
	    "              \"physicalLocation\": {\n"
	    "                \"artifactLocation\": {\"uri\": ");
	put_uri(out, file);
	buf_putc(out, '}');
	if (g->mark.line)
		buf_printf(out, ",\n                \"region\": {\"startLine\": "
		    "%u, \"startColumn\": %u}", g->mark.line,
		    g->mark.col ? g->mark.col : 1);
	buf_puts(out, "\n              }\n            }\n          ]");
	put_fingerprint(out, r->id, file, g->msg, 1, k);
	buf_puts(out, "\n        }");
}

void
findings_sarif(struct buf *out, const struct findings_set *sets, size_t n)
{
	findings_sarif_inputs(out, sets, n, NULL);
}

void
findings_sarif_inputs(struct buf *out, const struct findings_set *sets,
    size_t n, const struct diags *input)
{
	findings_sarif_ado(out, sets, n, input, NULL);
}

/*
 * The run's automationDetails: the pipeline's, or hybridoc's own,
 * "hybridoc/COMMAND/".
 */
static void
sarif_automation(struct buf *out, const struct sarif_ado *ado,
    const char *command)
{
	if (ado == NULL) {
		buf_printf(out, "      \"automationDetails\": {\"id\": "
		    "\"hybridoc/%s/\"},\n", command);
		return;
	}
	buf_puts(out, "      \"automationDetails\": {\n        \"id\": ");
	put_str(out, ado->id);
	buf_puts(out, ",\n        \"properties\": {\n"
	    "          \"azuredevops/pipeline/build/buildDefinitionId\": ");
	put_str(out, ado->definition_id);
	buf_puts(out, ",\n"
	    "          \"azuredevops/pipeline/build/buildDefinitionName\": ");
	put_str(out, ado->definition_name);
	buf_puts(out, ",\n          \"azuredevops/pipeline/build/phaseId\": ");
	put_str(out, ado->phase_id);
	buf_puts(out, ",\n          \"azuredevops/pipeline/build/phaseName\": ");
	put_str(out, ado->phase_name);
	buf_puts(out, "\n        }\n      },\n");
}

void
findings_sarif_ado(struct buf *out, const struct findings_set *sets,
    size_t n, const struct diags *input, const struct sarif_ado *ado)
{
	findings_sarif_run(out, sets, n, input, ado, NULL);
}

void
findings_sarif_run(struct buf *out, const struct findings_set *sets,
    size_t n, const struct diags *input, const struct sarif_ado *ado,
    const char *command)
{
	size_t		 i, j, k = 0;
	int		 failed = input_files(input) > 0;

	buf_puts(out, "{\n  \"$schema\": "
	    "\"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	    "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
	    "      \"tool\": {\n        \"driver\": {\n"
	    "          \"name\": \"hybridoc\",\n"
	    "          \"fullName\": \"hybridoc " HYBRIDOC_VERSION
	    ": Azure hybrid network design checks\",\n"
	    "          \"informationUri\": ");
	put_str(out, HYBRIDOC_URL);
	buf_puts(out, ",\n          \"version\": ");
	put_str(out, HYBRIDOC_VERSION);
	buf_puts(out, ",\n");
	sarif_rules(out);
	buf_puts(out, "        }\n      },\n");
	sarif_automation(out, ado, command ? command : "validate");
	buf_printf(out, "      \"invocations\": [{\"executionSuccessful\": %s",
	    failed ? "false" : "true");
	if (failed)
		buf_puts(out, ", \"exitCode\": 2, \"exitCodeDescription\": "
		    "\"input errors: some designs could not be checked\"");
	buf_puts(out, "}],\n"
	    "      \"columnKind\": \"unicodeCodePoints\",\n"
	    "      \"results\": [");
	for (i = 0; input != NULL && i < input->n; i++) {
		if (!is_input_error(&input->v[i]))
			continue;
		buf_puts(out, k++ ? ",\n" : "\n");
		sarif_input_result(out, input, i);
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < sets[i].f->n; j++) {
			buf_puts(out, k++ ? ",\n" : "\n");
			sarif_result(out, set_file(&sets[i]),
			    &sets[i].f->v[j], occurrence(sets[i].f, j));
		}
	buf_puts(out, k ? "\n      ]\n    }\n  ]\n}\n" : "]\n    }\n  ]\n}\n");
}

/* ---- The format table of validate (findings.h) ---- */

/* Text into a buffer: findings_text_verbose through a memory stream. */
static void
write_text(struct buf *out, const struct findings_set *sets, size_t n,
    const struct findings_opts *o, const struct diags *input)
{
	char		*mem = NULL;
	size_t		 len = 0;
	FILE		*fp;

	(void)input;
	if ((fp = open_memstream(&mem, &len)) == NULL) {
		perror("hybridoc: open_memstream");
		abort();
	}
	findings_text_verbose(fp, sets, n, o->colour, o->verbose);
	fclose(fp);
	buf_put(out, mem, len);
	free(mem);
}

static void
write_json(struct buf *out, const struct findings_set *sets, size_t n,
    const struct findings_opts *o, const struct diags *input)
{
	(void)o;
	findings_json_inputs(out, sets, n, input);
}

static void
write_sarif(struct buf *out, const struct findings_set *sets, size_t n,
    const struct findings_opts *o, const struct diags *input)
{
	findings_sarif_run(out, sets, n, input, o->ado, o->command);
}

const struct findings_format findings_formats[] = {
	{ "text", write_text },
	{ "json", write_json },
	{ "sarif", write_sarif },
	{ NULL, NULL }
};

/*
 * The change-approval packet (`hybridoc packet`): two analysed versions
 * of one design (base, the state today; head, the proposed state) and
 * their semantic diff (diff.h) turned into what a change advisory
 * board reads and signs.  packet_view() derives everything once, in C,
 * into one value tree; packet_markdown() renders it through the
 * packet templates, packet_html() makes that Markdown one
 * self-contained page, and packet_json() prints the tree for
 * change-management systems.  The packet module draws nothing: the
 * caller renders the two topology diagrams and hands over their SVG.
 *
 * packet.json (format 1; keys in this order; design strings as they
 * are, JSON-escaped):
 *
 *	packet		1
 *	generator	"hybridoc VERSION"
 *	design, title	the head's name and title
 *	base, head	{file, name, hash, errors, warnings, notes}
 *	changed		false when the two versions describe the same
 *			design (formatting and comments do not count)
 *	counts		{added, removed, changed}: objects
 *	summary		one entry per changed object, schema order:
 *			{op, kind, kind_words, object, details, fields:
 *			[{field, op, before, after}]}
 *	changes		the diff, one entry per change: {op, kind, object
 *			(null for the design's own keys), field (null for
 *			a whole object), path, before, after, line}
 *	risk		{level: "none"|"low"|"medium"|"high", reasons:
 *			[{level, reason}]}, highest first
 *	findings	{new, resolved, removed_with_object, superseded,
 *			unchanged, suppressed}: lists of {id, severity,
 *			object, message, line}, matched by rule and object.
 *			A base finding the head lacks is "resolved" only
 *			when the change removed its cause; it is
 *			"removed_with_object" when its object is gone, and
 *			"superseded" (with "instead" and "instead_message":
 *			the rule and message that took its place, or "lost
 *			path") when something worse replaced it on the same
 *			object or it was measured in a scenario where the
 *			change leaves a prefix without a path.
 *			"suppressed" are base findings that the head
 *			suppresses (with its "reason")
 *	routing		per scenario id (head order, then ids only the
 *			base has), only scenarios with rows: {scenario,
 *			title, status: "changed"|"new"|"removed", rows:
 *			[{prefix, site, before, after, baseline, changes,
 *			what}]}; before and after are {path, via, route,
 *			capacity_mbps, text} or null when the prefix is
 *			not in that version; changes lists "path",
 *			"capacity", "reachability", and what says it in
 *			words.  Prefixes are matched exactly, else through
 *			the most specific atom of the other version that
 *			contains them.  A prefix only one version has
 *			shows in the baseline, and in a failure scenario
 *			only when the failure moves it: then "baseline"
 *			(present only then) is its route with nothing
 *			failed, the reference for changes.  A new
 *			scenario's "before" is the base's baseline, a
 *			removed one's "after" the head's baseline.  At
 *			most IMPACT_MAX_ROWS rows in all; a top-level
 *			"truncated": true says when rows were left out
 *	diagrams	{before, after: file names, elements: [{op, kind,
 *			kind_words, object}]}
 *	implementation	[{number, title, text, commands, powershell,
 *			downtime, interruption, object, gate}]: commands are sh
 *			lines for the Azure CLI, powershell the same for Az
 *			PowerShell; text, commands, powershell and downtime
 *			are null when there is none; interruption is
 *			"none", "reset", "reroute" or "outage" (plan.h);
 *			gate is the go/no-go of a step whose downtime is
 *			not "None" (checks with commands and expected
 *			results from the simulation, capacity, window,
 *			stop_if, irreversible; plan.h), else null
 *	verification	{check: the observation-only procedure record
 *			(procedure.h), failover_tests: the runbook's test
 *			procedures of the affected scenarios, each with
 *			runbook_test (its number) and, when the proposed
 *			design leaves a site without a path in it, outage
 *			(in words), untested: [{scenario, title}],
 *			capacity_only: [{scenario, title}]}
 *	rollback	as implementation: the inverse steps, last first
 *	approvals	[{role, name, decision, date}] (name, decision and
 *			date empty, to fill in)
 *	exit_status	1 when the head has error findings, else 0
 */
#ifndef HYBRIDOC_PACKET_H
#define HYBRIDOC_PACKET_H

#include <stddef.h>

struct analysis;
struct buf;
struct diags;
struct diff;
struct diff_change;
struct prefix;
struct tmpl_set;
struct value;
struct vpn_device;

/* The names the Markdown uses for the two diagrams. */
#define PACKET_BEFORE_SVG	"before.svg"
#define PACKET_AFTER_SVG	"after.svg"

/*
 * The packet's value tree for base -> head with diff df (from
 * diff_designs() of the two designs).  The caller owns the tree
 * (value_free); it does not point into the analyses.  Never fails.
 * The tree holds, beside the keys of packet.json, a "display" map
 * that only the templates read.
 */
struct value	*packet_view(const struct analysis *base,
		    const struct analysis *head, const struct diff *df);
/*
 * Renders packet.md from the view through packet.md.mustache in ts.
 * Returns non-zero on success; template errors go to d.
 */
int		 packet_markdown(const struct value *view, struct tmpl_set *ts,
		    struct buf *out, struct diags *d);
/*
 * Renders packet.html: the Markdown through cmark-gfm, the two
 * diagrams (before_svg, after_svg: SVG documents, may be NULL) inline
 * in place of their images, the stylesheet inline, through
 * packet.html.mustache.  Returns non-zero on success.
 */
int		 packet_html(const struct value *view, struct tmpl_set *ts,
		    const char *before_svg, size_t before_len,
		    const char *after_svg, size_t after_len, struct buf *out,
		    struct diags *d);
/* packet.json: the view without "display", indented, ending in LF. */
void		 packet_json(const struct value *view, struct buf *out);
/* The exit status the view asks for: 1 with head errors, else 0. */
int		 packet_exit_status(const struct value *view);
/*
 * The risk one change carries on its own in the packet's risk table,
 * from what its field means (schema.h): "low", "medium" or "high".  A
 * field or sub-object of connectivity or addressing that is removed is
 * "high".
 */
const char	*packet_change_risk(const struct diff_change *c);

#endif

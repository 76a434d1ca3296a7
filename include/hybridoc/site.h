/*
 * The wiki (`hybridoc site DIR -o OUT`): every design in a folder
 * rendered into a static site that works from file:// -- an index of
 * the designs with their status, a page per design (the runbook with
 * its diagrams inline) with its downloads beside it, an inventory
 * across designs with the conflicts between them, and an offline
 * search index.
 *
 * Layout of OUT (every link relative):
 *
 *	index.html inventory.html hybridoc.css site.js search-index.js
 *	.hybridoc-manifest
 *	NAME/index.html NAME/design.yaml NAME/runbook.md NAME/topology.svg
 *	NAME/topology.dot NAME/topology.mmd NAME/findings.json
 *	NAME/findings.sarif NAME/simulation.json
 *
 * NAME is the design's name (a slug).  A design with input errors gets
 * only NAME/index.html, which shows them, and NAME/design.yaml; when its
 * name cannot be read, or another design (earlier by file name) has the
 * same name, NAME comes from its file name.
 *
 * Incremental: the manifest records for each design its file, content
 * hash, template set hash, hybridoc version, the files written and a
 * summary (status, counts, inventory rows: view_summary.h), so a rebuild
 * renders only designs whose inputs changed, deletes the files of
 * designs that are gone, and rebuilds the index, inventory and search
 * index from the summaries.  A file is rewritten only when its bytes
 * change.  With jobs > 1, designs are rendered by up to that many
 * fork()ed worker processes (Graphviz is not thread-safe); each writes
 * its own folder and hands its summary back in a file.
 *
 * Output is deterministic: same designs, templates and version, same
 * bytes, whatever the number of jobs.
 */
#ifndef HYBRIDOC_SITE_H
#define HYBRIDOC_SITE_H

#include <stddef.h>
#include <stdio.h>

struct diags;

/* The manifest's name in OUT. */
#define SITE_MANIFEST	".hybridoc-manifest"
/* Designs rendered at once at most. */
#define SITE_MAX_JOBS	64
/* Folder depth --check looks into below OUT. */
#define SITE_MAX_DEPTH	16

struct site_opts {
	const char	*dir;		/* folder of designs (*.yaml, *.yml) */
	const char	*out;		/* output folder */
	const char	*templates;	/* override folder, or NULL */
	long		 jobs;		/* 1..SITE_MAX_JOBS */
	int		 check;		/* compare only; write nothing in out */
	int		 progress;	/* a progress line on stderr */
	int		 cold;		/* ignore the manifest: render all */
	/*
	 * How each design's runbook.md holds its Mermaid diagrams (an enum
	 * diagram_fence): DIAGRAM_FENCE_AZURE_DEVOPS for an Azure DevOps
	 * wiki's ::: mermaid blocks; anything else is the ```mermaid fence
	 * GitHub and GitLab read.
	 */
	int		 fence;
	FILE		*diff;		/* check: the unified diff goes here */
	/*
	 * Exports of what is deployed (`site --from KIND FILE...`): each
	 * file belongs to the design whose name its file name starts
	 * with, followed by a dot ("contoso-eastus.json",
	 * "contoso-eastus.arm.json"); the index and each design's page
	 * then show its drift status (hybridoc drift).  from is "arm" or
	 * "terraform"; NULL: no exports.
	 */
	const char	*from;
	char *const	*exports;
	size_t		 nexports;
};

struct site_stats {
	size_t		 designs;	/* design files found */
	size_t		 rendered;	/* designs rendered this run */
	size_t		 reused;	/* designs the manifest kept */
	size_t		 removed;	/* designs whose pages were deleted */
	size_t		 input_errors;	/* designs with input errors */
	size_t		 error_designs;	/* designs with error findings */
	size_t		 written;	/* files written (changed bytes) */
	size_t		 stale;		/* check: files that differ */
	size_t		 drifted;	/* designs that differ from their
					   exports */
};

/*
 * Builds the site described by o, or with o->check compares what it
 * would build with o->out and prints a unified diff of every stale,
 * missing or extra file to o->diff.  Input errors of a design do not
 * stop the build: they are shown on its page, added to d (in design
 * order) and counted in st->input_errors; so are a second design with
 * a name already taken and a design whose files could not be written.
 * Other problems that concern no single design (a design file name
 * that is not UTF-8) are errors in d too.  Returns non-zero when the
 * site was built (or checked); 0 after adding an error to d when it
 * could not be: the design folder unreadable, the index or manifest
 * not writable, a broken site template.
 */
int	site_build(const struct site_opts *o, struct site_stats *st,
	    struct diags *d);

/*
 * The hash of the template set: every built-in template and asset by
 * name, each from dir when dir (may be NULL) has a file of that name,
 * and every other file in dir.  16 hex digits and a NUL into out.
 */
void	site_templates_hash(const char *dir, char out[17]);

#endif

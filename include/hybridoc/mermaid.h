/*
 * The Mermaid writer of the diagram model (diagram.h): a `flowchart
 * LR` that GitHub and Azure DevOps wikis render natively, with the same
 * clusters, labels and colours as the Graphviz picture.
 */
#ifndef HYBRIDOC_MERMAID_H
#define HYBRIDOC_MERMAID_H

struct buf;
struct dg_model;
struct dg_view;

/*
 * Appends the flowchart of model m in view v to out.  Every label is
 * quoted and its special characters written as Mermaid entity codes
 * (#quot; #35; #lt; ...), so design strings cannot break out of it.
 * Same model and view, same bytes; ends with a newline.
 */
void	mermaid_write(struct buf *out, const struct dg_model *m,
	    const struct dg_view *v);

#endif

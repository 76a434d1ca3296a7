/*
 * A program that leaks on purpose: a lost list head (a definite leak)
 * and the node only it points to (an indirect leak).  It links with
 * Graphviz and lays out a graph first, so the leak sits among the
 * suppressed ones of the font stack.  tests/leakcheck.test.sh runs it
 * under the leak checker of the current suite run and expects it to
 * fail: proof that the suppressions do not hide hybridoc's own leaks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

struct node {
	struct node	*next;
	char		 name[24];
};

static struct node *
make_list(void)
{
	struct node	*head = calloc(1, sizeof(*head));

	if (head == NULL)
		return NULL;
	head->next = calloc(1, sizeof(*head->next));
	strcpy(head->name, "lost head");
	return head;
}

int
main(void)
{
	GVC_t		*gvc = gvContext();
	Agraph_t	*g;
	struct node	*volatile list;

	g = agmemread("digraph { a -> b }");
	if (g != NULL) {
		gvLayout(gvc, g, "dot");
		gvFreeLayout(gvc, g);
		agclose(g);
	}
	gvFreeContext(gvc);
	list = make_list();
	if (list != NULL)
		printf("%s\n", list->name);
	list = NULL;
	return 0;
}

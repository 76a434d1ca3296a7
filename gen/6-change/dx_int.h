/*
 * diagnose's private header, shared by diagnose_input.c (reading the
 * captures), diagnose.c (the model and the comparison) and
 * diagnose_report.c (the report and dx_diagnose()), and nothing else.
 */
#ifndef HYBRIDOC_DX_INT_H
#define HYBRIDOC_DX_INT_H

#include <stddef.h>

#include "hybridoc/catalog.h"
#include "hybridoc/diag.h"
#include "hybridoc/diagnose.h"
#include "hybridoc/prefix.h"

struct analysis;
struct buf;
struct design;
struct sim_scenario;
struct vpn_device;

/* Distinct BGP peers counted per ExpressRoute route, at most. */
#define DX_MAX_PEERS		64
/* Input errors per file before giving up on it. */
#define DX_MAX_ERRORS		20
/* Findings of one rule listed one by one; the rest are counted. */
#define DX_MAX_NOTES		50
/* Items in an "explains"/"contradicts" list before "and N more". */
#define DX_LIST_MAX		8
/* Other candidates shown in text and Markdown after the best. */
#define DX_SHOW_OTHERS		5

enum dx_origin {
	DX_OR_NETWORK,
	DX_OR_EBGP,
	DX_OR_IBGP,
	DX_OR_OTHER
};

struct dx_route {
	size_t		 index;		/* in the file's array */
	struct prefix	 network;
	enum dx_origin	 origin;
	int		 has_peer;
	struct prefix	 peer;		/* sourcePeer */
	int		 has_local;
	struct prefix	 local;		/* localAddress */
	char		*as_path;	/* normalized: digits joined by '-' */
};

struct dx_peer {
	size_t		 index;
	struct prefix	 neighbor;
	int		 has_local;
	struct prefix	 local;
	int		 connected;
};

/* One capture as read. */
struct dx_file {
	const struct dx_input *in;
	enum dx_gw	 gw;
	char		*text;		/* for positions */
	size_t		 len;
	const char	*array_key;	/* "value", its spelling, or NULL */
	struct dx_route	*routes;
	size_t		 nroutes, routes_cap;
	struct dx_peer	*peers;
	size_t		 npeers, peers_cap;
	size_t		 entries;
	size_t		 duplicates;
	size_t		 ibgp;
	size_t		 other;
};

/* A finding: an observation no scenario explains. */
struct dx_note {
	enum rule_id	 rule;
	const struct dx_file *file;
	size_t		 index;
	const char	*key;		/* the field it points at */
	char		*msg;
};

struct dx_peerset {
	struct prefix	 v[DX_MAX_PEERS];
	size_t		 n;
};

struct dx_run {
	const struct analysis *a;
	struct dx_model	 m;
	struct dx_file	*files;
	size_t		 nfiles;
	int		*obs;		/* per fact; -1 not compared */
	struct dx_peerset *peers;	/* per fact (ER routes) */
	struct dx_note	*notes;
	size_t		 nnotes;
	size_t		 notes_dropped;
	size_t		 rule_count[RULE_COUNT];	/* listed per rule */
	/* Per scenario, in simulation order. */
	size_t		*contra;
	size_t		*order;		/* ranking */
	int		 have[2];	/* learned routes given per gateway */
	int		 have_peers;
};

/* diagnose_input.c */

/* Reads f->in into f; input errors go to d.  Returns 0 on any. */
int	 dx_read_file(struct dx_file *f, struct diags *d);
void	 dx_file_release(struct dx_file *f);
/* Where entry i of the file (its member key, or the entry) is. */
struct mark dx_entry_mark(const struct dx_file *f, size_t i, const char *key);
/* "value[i].key" as the user would look it up. */
void	 dx_entry_path(const struct dx_file *f, size_t i, const char *key,
	    struct buf *path);

/* diagnose.c */

/* The observations of r->files, each scenario's contradictions, the ranking. */
void	 dx_compare(struct dx_run *r);
/* Non-zero when a and b make the same slug (names of sites, devices). */
int	 dx_same_slug(const char *a, const char *b);
/* Whether the device speaks BGP (not static, has a bgp block). */
int	 dx_device_bgp(const struct vpn_device *d);
/* The name of the design's gateway gw. */
const char *dx_gw_name(const struct design *dsn, enum dx_gw gw);
/* Same expectation on every fact compared: the captures cannot tell. */
int	 dx_indistinguishable(const struct dx_run *r,
	    const struct sim_scenario *a, const struct sim_scenario *b);

#endif

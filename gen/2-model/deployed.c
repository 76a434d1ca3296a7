/*
 * The model of what is deployed (deployed.h), shared by the ARM and
 * Terraform readers (deployed_arm.c, deployed_tf.c) and read by import
 * and drift: ownership, lookups by name, and the sort that makes every
 * later output independent of the order of resources in the input.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hybridoc/deployed.h"
#include "hybridoc/xalloc.h"

void
deployed_init(struct deployed *dp)
{
	memset(dp, 0, sizeof(*dp));
}

int
deployed_count(struct deployed *dp, const char *file, struct diags *d)
{
	struct mark	 none = { 0, 0 };

	if (dp->nresources >= DEPLOYED_MAX_RESOURCES) {
		if (!dp->full)
			diags_error(d, file, none, "more than %d resources in "
			    "the input; expected at most that many (a design's "
			    "lists hold at most 20000 entries): export one "
			    "resource group or subscription at a time",
			    DEPLOYED_MAX_RESOURCES);
		dp->full = 1;
		return 0;
	}
	dp->nresources++;
	return 1;
}

static void
src_release(struct dep_src *s)
{
	free(s->file);
	free(s->path);
	free(s->id);
}

static int
eq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

#define FIND(arr, n, name)					\
	do {							\
		size_t	 i_;					\
		for (i_ = 0; i_ < (n); i_++)			\
			if (eq((arr)[i_].name, name))		\
				return &(arr)[i_];		\
		return NULL;					\
	} while (0)

struct dep_vnet *
deployed_vnet(const struct deployed *dp, const char *name)
{
	FIND(dp->vnets, dp->nvnets, name);
}

struct dep_pip *
deployed_pip(const struct deployed *dp, const char *name)
{
	FIND(dp->pips, dp->npips, name);
}

struct dep_lng *
deployed_lng(const struct deployed *dp, const char *name)
{
	FIND(dp->lngs, dp->nlngs, name);
}

struct dep_circuit *
deployed_circuit(const struct deployed *dp, const char *name)
{
	FIND(dp->circuits, dp->ncircuits, name);
}

struct dep_conn *
deployed_conn(const struct deployed *dp, const char *name)
{
	FIND(dp->conns, dp->nconns, name);
}

struct dep_gateway *
deployed_gateway(const struct deployed *dp, const char *vnet,
    enum dep_gw_type type)
{
	size_t	 i;

	for (i = 0; i < dp->ngateways; i++)
		if (dp->gateways[i].type == type && (vnet == NULL ||
		    eq(dp->gateways[i].vnet, vnet)))
			return &dp->gateways[i];
	return NULL;
}

struct dep_conn *
deployed_conn_to(const struct deployed *dp, const char *gw, const char *peer)
{
	size_t	 i;

	for (i = 0; i < dp->nconns; i++)
		if (eq(dp->conns[i].gateway, gw) && (eq(dp->conns[i].lng,
		    peer) || eq(dp->conns[i].circuit, peer)))
			return &dp->conns[i];
	return NULL;
}

struct dep_vnet *
deployed_hub(const struct deployed *dp)
{
	size_t		 i;
	struct dep_vnet	*v;

	for (i = 0; i < dp->ngateways; i++)
		if ((v = deployed_vnet(dp, dp->gateways[i].vnet)) != NULL)
			return v;
	return dp->nvnets == 1 ? &dp->vnets[0] : NULL;
}

const char *
deployed_gwip_address(const struct deployed *dp, const struct dep_gwip *ip)
{
	const struct dep_pip *p;

	if (ip->pip != NULL && (p = deployed_pip(dp, ip->pip)) != NULL &&
	    p->address != NULL)
		return p->address;
	return ip->public_ip;
}

/* ---- sorting ---- */

static int
namecmp(const char *a, const char *b)
{
	int	 c;

	c = strcasecmp(a ? a : "", b ? b : "");
	return c != 0 ? c : strcmp(a ? a : "", b ? b : "");
}

#define CMP_BY_NAME(fn, type)						\
static int								\
fn(const void *a, const void *b)					\
{									\
	int	 c = namecmp(((const type *)a)->name,			\
	    ((const type *)b)->name);					\
	if (c != 0)							\
		return c;						\
	c = namecmp(((const type *)a)->src.file,			\
	    ((const type *)b)->src.file);				\
	return c != 0 ? c : namecmp(((const type *)a)->src.path,	\
	    ((const type *)b)->src.path);				\
}

CMP_BY_NAME(cmp_vnet, struct dep_vnet)
CMP_BY_NAME(cmp_pip, struct dep_pip)
CMP_BY_NAME(cmp_gateway, struct dep_gateway)
CMP_BY_NAME(cmp_circuit, struct dep_circuit)
CMP_BY_NAME(cmp_lng, struct dep_lng)
CMP_BY_NAME(cmp_conn, struct dep_conn)
CMP_BY_NAME(cmp_rs, struct dep_route_server)

/* Subnets keep their VNet's order (the first subnet's position), then
 * the order they were read in: Azure lists them in creation order. */
static int
cmp_subnet(const void *a, const void *b)
{
	const struct dep_subnet *x = a, *y = b;

	return namecmp(x->vnet, y->vnet);
}

/*
 * Drops the later of two entries with the same name (case-insensitive)
 * from an array already sorted by name, with a note naming both places.
 */
#define DEDUP(arr, n, type, freefn, what, d)				\
	do {								\
		size_t	 i_, k_ = 0;					\
		for (i_ = 0; i_ < (n); i_++) {				\
			if (k_ > 0 && eq((arr)[k_ - 1].name,		\
			    (arr)[i_].name)) {				\
				struct mark none_ = { 0, 0 };		\
				diags_add(d, DIAG_NOTE,			\
				    (arr)[i_].src.file, none_, NULL,	\
				    "%s: %s '%s' was already read at "	\
				    "%s %s; this copy is ignored",	\
				    (arr)[i_].src.path, what,		\
				    (arr)[i_].name,			\
				    (arr)[k_ - 1].src.file,		\
				    (arr)[k_ - 1].src.path);		\
				freefn(&(arr)[i_]);			\
				continue;				\
			}						\
			(arr)[k_++] = (arr)[i_];			\
		}							\
		(n) = k_;						\
	} while (0)

static void
free_vnet(struct dep_vnet *v)
{
	src_release(&v->src);
	free(v->name);
	free(v->subscription);
	free(v->resource_group);
	free(v->location);
	strv_free(v->space, v->nspace);
	strv_free(v->peers, v->npeers);
}

static void
free_pip(struct dep_pip *p)
{
	src_release(&p->src);
	free(p->name);
	free(p->address);
}

static void
free_gateway(struct dep_gateway *g)
{
	size_t	 j;

	src_release(&g->src);
	free(g->name);
	free(g->subscription);
	free(g->resource_group);
	free(g->location);
	free(g->vnet);
	free(g->sku);
	free(g->vpn_type);
	for (j = 0; j < g->nips; j++) {
		free(g->ips[j].name);
		free(g->ips[j].pip);
		free(g->ips[j].public_ip);
		free(g->ips[j].bgp_ip);
		free(g->ips[j].apipa_ip);
	}
	free(g->ips);
}

static void
free_circuit(struct dep_circuit *c)
{
	src_release(&c->src);
	src_release(&c->peering_src);
	free(c->name);
	free(c->subscription);
	free(c->resource_group);
	free(c->provider);
	free(c->peering_location);
	free(c->sku);
	free(c->primary_subnet);
	free(c->secondary_subnet);
}

static void
free_lng(struct dep_lng *l)
{
	src_release(&l->src);
	free(l->name);
	free(l->gateway_ip);
	free(l->fqdn);
	strv_free(l->prefixes, l->nprefixes);
	free(l->bgp_peer_ip);
}

static void
free_conn(struct dep_conn *c)
{
	src_release(&c->src);
	free(c->name);
	free(c->type);
	free(c->gateway);
	free(c->lng);
	free(c->circuit);
}

static void
free_rs(struct dep_route_server *r)
{
	src_release(&r->src);
	free(r->name);
}

void
deployed_release(struct deployed *dp)
{
	size_t	 i;

	if (dp == NULL)
		return;
	for (i = 0; i < dp->nvnets; i++)
		free_vnet(&dp->vnets[i]);
	free(dp->vnets);
	for (i = 0; i < dp->nsubnets; i++) {
		src_release(&dp->subnets[i].src);
		free(dp->subnets[i].name);
		free(dp->subnets[i].vnet);
		free(dp->subnets[i].prefix);
	}
	free(dp->subnets);
	for (i = 0; i < dp->npips; i++)
		free_pip(&dp->pips[i]);
	free(dp->pips);
	for (i = 0; i < dp->ngateways; i++)
		free_gateway(&dp->gateways[i]);
	free(dp->gateways);
	for (i = 0; i < dp->ncircuits; i++)
		free_circuit(&dp->circuits[i]);
	free(dp->circuits);
	for (i = 0; i < dp->nlngs; i++)
		free_lng(&dp->lngs[i]);
	free(dp->lngs);
	for (i = 0; i < dp->nconns; i++)
		free_conn(&dp->conns[i]);
	free(dp->conns);
	for (i = 0; i < dp->nroute_servers; i++)
		free_rs(&dp->route_servers[i]);
	free(dp->route_servers);
	for (i = 0; i < dp->nroutes; i++) {
		src_release(&dp->routes[i].src);
		free(dp->routes[i].circuit);
		strv_free(dp->routes[i].networks, dp->routes[i].n);
		strv_free(dp->routes[i].paths, dp->routes[i].n);
	}
	free(dp->routes);
	deployed_init(dp);
}

static void
stable_subnets(struct dep_subnet *v, size_t n)
{
	size_t	 i, j;

	/* Insertion sort: subnets are few and must keep their order. */
	for (i = 1; i < n; i++) {
		struct dep_subnet t = v[i];

		for (j = i; j > 0 && cmp_subnet(&v[j - 1], &t) > 0; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

/* Drops entries without a name (a reader could not read one). */
#define DROP_NONAME(arr, n, freefn, what, d)				\
	do {								\
		size_t	 i_, k_ = 0;					\
		for (i_ = 0; i_ < (n); i_++) {				\
			if ((arr)[i_].name == NULL) {			\
				struct mark none_ = { 0, 0 };		\
				diags_add(d, DIAG_NOTE,			\
				    (arr)[i_].src.file, none_, NULL,	\
				    "%s: a %s without a name; left "	\
				    "out", (arr)[i_].src.path, what);	\
				freefn(&(arr)[i_]);			\
				continue;				\
			}						\
			(arr)[k_++] = (arr)[i_];			\
		}							\
		(n) = k_;						\
	} while (0)

static void
free_subnet(struct dep_subnet *s)
{
	src_release(&s->src);
	free(s->name);
	free(s->vnet);
	free(s->prefix);
}

/* qsort, which may not be given a NULL array even when empty. */
static void
sort_n(void *base, size_t n, size_t size, int (*cmp)(const void *,
    const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

void
deployed_finish(struct deployed *dp, struct diags *d)
{
	size_t	 i, k;

	DROP_NONAME(dp->vnets, dp->nvnets, free_vnet, "virtual network", d);
	DROP_NONAME(dp->pips, dp->npips, free_pip, "public IP", d);
	DROP_NONAME(dp->gateways, dp->ngateways, free_gateway, "gateway", d);
	DROP_NONAME(dp->circuits, dp->ncircuits, free_circuit, "circuit", d);
	DROP_NONAME(dp->lngs, dp->nlngs, free_lng, "local network gateway",
	    d);
	DROP_NONAME(dp->conns, dp->nconns, free_conn, "connection", d);
	DROP_NONAME(dp->route_servers, dp->nroute_servers, free_rs,
	    "Route Server", d);
	DROP_NONAME(dp->subnets, dp->nsubnets, free_subnet, "subnet", d);
	k = 0;
	for (i = 0; i < dp->nsubnets; i++) {
		if (dp->subnets[i].vnet == NULL) {
			free_subnet(&dp->subnets[i]);
			continue;
		}
		dp->subnets[k++] = dp->subnets[i];
	}
	dp->nsubnets = k;

	sort_n(dp->vnets, dp->nvnets, sizeof(*dp->vnets), cmp_vnet);
	DEDUP(dp->vnets, dp->nvnets, struct dep_vnet, free_vnet,
	    "virtual network", d);
	sort_n(dp->pips, dp->npips, sizeof(*dp->pips), cmp_pip);
	DEDUP(dp->pips, dp->npips, struct dep_pip, free_pip, "public IP", d);
	sort_n(dp->gateways, dp->ngateways, sizeof(*dp->gateways),
	    cmp_gateway);
	DEDUP(dp->gateways, dp->ngateways, struct dep_gateway, free_gateway,
	    "virtual network gateway", d);
	sort_n(dp->circuits, dp->ncircuits, sizeof(*dp->circuits),
	    cmp_circuit);
	DEDUP(dp->circuits, dp->ncircuits, struct dep_circuit, free_circuit,
	    "circuit", d);
	sort_n(dp->lngs, dp->nlngs, sizeof(*dp->lngs), cmp_lng);
	DEDUP(dp->lngs, dp->nlngs, struct dep_lng, free_lng,
	    "local network gateway", d);
	sort_n(dp->conns, dp->nconns, sizeof(*dp->conns), cmp_conn);
	DEDUP(dp->conns, dp->nconns, struct dep_conn, free_conn,
	    "connection", d);
	sort_n(dp->route_servers, dp->nroute_servers,
	    sizeof(*dp->route_servers), cmp_rs);
	DEDUP(dp->route_servers, dp->nroute_servers, struct dep_route_server,
	    free_rs, "Route Server", d);
	stable_subnets(dp->subnets, dp->nsubnets);
	/* The same subnet from the VNet and as its own resource: one. */
	k = 0;
	for (i = 0; i < dp->nsubnets; i++) {
		size_t	 j;
		int	 dup = 0;

		for (j = 0; j < k; j++)
			if (eq(dp->subnets[j].vnet, dp->subnets[i].vnet) &&
			    eq(dp->subnets[j].name, dp->subnets[i].name))
				dup = 1;
		if (dup) {
			free_subnet(&dp->subnets[i]);
			continue;
		}
		dp->subnets[k++] = dp->subnets[i];
	}
	dp->nsubnets = k;
}

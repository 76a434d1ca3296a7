/*
 * The implementation plan's private header, shared by plan.c (the walk
 * of the diff and the output), plan_step.c (the steps per kind of
 * change), plan_gw.c (gateway steps), plan_gate.c (go/no-go gates),
 * plan_rec.c (a gateway's record and inventory), plan_stop.c (the stops
 * a block makes before it acts) and plan_cmd.c (the command
 * vocabulary), and nothing else.  Calls go one way: plan.c ->
 * plan_step.c -> plan_gw.c -> plan_gate.c -> plan_rec.c -> plan_cmd.c,
 * and plan_step.c -> plan_stop.c -> plan_cmd.c.
 * Buffers passed in are appended to; nothing returned needs freeing
 * unless its comment says so.
 */
#ifndef HYBRIDOC_PLAN_INT_H
#define HYBRIDOC_PLAN_INT_H

#include <stddef.h>

#include "hybridoc/buf.h"
#include "hybridoc/plan.h"
#include "hybridoc/prefix.h"
#include "hybridoc/sim.h"

struct circuit;
struct design;
struct diff_change;
struct site;
struct site_er;
struct spoke;
struct value;
struct vpn_device;

#define PFX(p, b)	prefix_format((p), (b), 1)
#define ADDR(p, b)	prefix_format((p), (b), 0)
/*
 * The same for a value the design may give as unknown: its placeholder
 * then, which shell_guard_unknown() finds in a command (design.h).
 */
#define U_ADDR(o, k, p, b)	design_addr(dsn, (o), (k), (p), 0, (b))
#define U_PFX(o, k, p, b)	design_addr(dsn, (o), (k), (p), 1, (b))
#define U_NUM(o, k, v, b)	design_num(dsn, (o), (k), (v), (b))
#define BGPN(v)			value_map_get((v)->node, "bgp")

/*
 * Where a circuit lives: the resource group and subscription the design
 * gives it.  Without circuits[].resource_group the commands carry a
 * placeholder rather than the hub's group, since a circuit often lives
 * elsewhere (a connectivity subscription); plan_build() tells the
 * reader to fill it in.
 */
#define CKT_RG_HOLE	"<resource-group-of-"

/* Phases order the plan: the riskiest infrastructure first, checks last. */
enum phase {
	PH_PREPARE,
	PH_GWSUBNET,
	PH_GATEWAY,
	PH_VNET,
	PH_CIRCUIT,
	PH_SITE,
	PH_REMOVE,
	PH_OTHER,
	PH_VERIFY
};

/*
 * One action and its inverse (has_inv 0: nothing to undo).  cmds holds
 * Azure CLI lines, ps the same steps in Az PowerShell; outage is how
 * much traffic the action stops (enum plan_outage, plan.h).
 */
struct act {
	enum phase	 phase;
	size_t		 seq;
	char		*object;
	struct buf	 title, text, cmds, ps, down;
	enum plan_outage outage;
	int		 has_inv;
	struct buf	 ititle, itext, icmds, ips, idown;
	enum plan_outage ioutage;
	/* The gate records the gateways the step (inverse) deletes. */
	int		 record, irecord;
	/* The step only creates what is missing: it takes no path away,
	 * so it never waits on the owners' agreement. */
	int		 restore;
	/* A site's BGP policy change: the site, whose routes move. */
	char		*policy_site;
};

/* What a step's gate is computed from (plan_gate.c). */
struct gate_in {
	const struct sim *s;		/* the design the step starts from */
	const struct design *dsn;
	const struct sim *hs;		/* the design it leads to */
	const struct design *hd;
	int		 record;	/* act.record or act.irecord */
	const char	*policy_site;	/* act.policy_site */
	int		 rollback;	/* a rollback step: s is the proposed
					 * design, hs the current one */
	int		 restore;	/* act.restore */
};

struct plan {
	struct act	**v;
	size_t		 n, cap;
	const struct design *base, *head;
	const struct sim *bsim, *hsim;	/* their simulations, or NULL */
};

/* The changes of one object: v[0..n) share object and kind. */
struct group {
	const struct diff_change *v;
	size_t		 n;
	unsigned char	*used;		/* parallel to v */
};

/* The command vocabulary (plan_cmd.c). */
void	 pc_arg(struct buf *c, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
void	 pc_opt(struct buf *c, const char *o, const char *value);
void	 pc_pso(struct buf *p, const char *o, const char *value);
void	 pc_endl(struct buf *c);
void	 pc_az0(struct buf *c, const char *what, const struct design *dsn);
void	 pc_az(struct buf *c, const char *what, const struct design *dsn,
		    const char *name);
void	 pc_ps0(struct buf *p, const char *cmdlet, const struct design *dsn);
char	*pc_ckt_rg(const struct circuit *ci);
const char	*pc_ckt_sub(const struct design *dsn, const struct circuit *ci);
int	 pc_ckt_foreign(const struct design *dsn, const struct circuit *ci);
void	 pc_azc0(struct buf *c, const char *what, const struct design *dsn,
		    const struct circuit *ci);
void	 pc_azc(struct buf *c, const char *what, const struct design *dsn,
		    const struct circuit *ci);
void	 pc_ps_ckt(struct buf *p, const struct design *dsn,
		    const struct circuit *ci);
void	 pc_ps_none(struct buf *p, const char *why);
void	 pc_lng_create(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct site *s, const struct vpn_device *v);
void	 pc_lng_delete(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct vpn_device *v);
void	 pc_ps_gw(struct buf *p, const struct design *dsn, const char *gw);
void	 pc_ps_conn(struct buf *p, const struct design *dsn, const char *conn);
void	 pc_conn_create(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct vpn_device *v);
void	 pc_conn_delete(struct buf *c, struct buf *p, const struct design *dsn,
		    const char *conn);
void	 pc_device_config(struct buf *b, const struct design *dsn,
		    const struct vpn_device *v);
void	 pc_wrap_put(struct buf *c, const struct buf *t);
void	 pc_cmd_end(struct buf *c, struct buf *p);
void	 pc_obs_learned(struct buf *c, struct buf *p, const struct design *dsn,
		    const char *gw);
void	 pc_obs_bgp_peers(struct buf *c, struct buf *p,
		    const struct design *dsn);
void	 pc_obs_tunnels(struct buf *c, struct buf *p, const struct design *dsn,
		    const char *conn);
void	 pc_device_verify(struct buf *c, struct buf *p, struct buf *text,
		    const struct design *dsn, const struct site *s,
		    const struct vpn_device *v);
const char	*pc_circuit_connection(const struct design *dsn,
		    const struct circuit *c);
void	 pc_er_config(struct buf *b, const struct design *dsn,
		    const struct site *s, const struct site_er *er);
void	 pc_er_verify(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct circuit *ci);
void	 pc_circuit_create(struct buf *c, struct buf *p,
		    const struct design *dsn, const struct circuit *ci);
void	 pc_circuit_delete(struct buf *c, struct buf *p,
		    const struct design *dsn, const struct circuit *ci);
void	 pc_ps_peering_args(struct buf *p, const struct circuit *ci);
void	 pc_er_sessions(struct buf *c, struct buf *p,
		    const struct design *dsn, const struct circuit *ci);
void	 pc_peering_create(struct buf *c, struct buf *p,
		    const struct design *dsn, const struct circuit *ci);
void	 pc_peering_delete(struct buf *c, struct buf *p,
		    const struct design *dsn, const struct circuit *ci);
void	 pc_er_conn_create(struct buf *c, struct buf *p,
		    const struct design *dsn, const struct circuit *ci,
		    const char *conn);
void	 pc_subnet_cmd(struct buf *c, struct buf *p, const struct design *dsn,
		    const char *name, const struct prefix *px,
		    const char *verb);
void	 pc_lng_update(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct site *s, const struct vpn_device *from,
		    const struct vpn_device *to);
void	 pc_ike_update(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct vpn_device *from, const struct vpn_device *to);
void	 pc_key_update(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct vpn_device *v);
void	 pc_lng_prefixes(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct vpn_device *v, const struct site *s);
void	 pc_vnet_space(struct buf *c, struct buf *p, const struct design *from,
		    const struct design *to);
void	 pc_peering_cmds(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct spoke *s, int create);
void	 pc_peering_sync(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct spoke *s);
void	 pc_peering_sync_spoke(struct buf *c, struct buf *p,
		    const struct design *dsn, const struct spoke *s);
void	 pc_spoke_space(struct buf *c, struct buf *p,
		    const struct design *dsn, const struct spoke *from,
		    const struct spoke *to);
void	 pc_observe(struct buf *c, struct buf *p, const struct design *dsn);
/* The stops' words (plan_cmd.c): echo ... >&2; exit 1 / throw ... */
void	 pc_stop_sh(struct buf *c, const char *msg);
void	 pc_stop_ps(struct buf *p, const char *msg);
void	 pc_no_key(struct buf *c, struct buf *p, const struct vpn_device *v);
int	 pc_kv_split(const char *ref, char **vault, char **name);

/* Stops before an action (plan_stop.c; review 19, new user 19). */
void	 pc_conn_guard(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct vpn_device *v);
void	 pc_key_check(struct buf *c, struct buf *p,
		    const struct vpn_device *v);
void	 pc_keys_first(struct buf *c, struct buf *p,
		    const struct design *dsn);
/* The same checks put first in c and p for the connections that the
 * block from creates (a part that deletes, before the part that
 * recreates). */
void	 pc_keys_first_for(struct buf *c, struct buf *p,
		    const struct buf *from, const struct design *dsn);
/* The circuits from reads, read at the top of c and p (review 19 P3). */
void	 pc_circuits_first_for(struct buf *c, struct buf *p,
		    const struct buf *from, const struct design *dsn);
/* The go/no-go records c reads, checked at the top of c and p. */
void	 pc_records_first(struct buf *c, struct buf *p);
void	 pc_records_first_for(struct buf *c, struct buf *p,
		    const struct buf *fc, const struct buf *fp);
/* What part 1 of a move checks for a later part (lc, lp). */
void	 pc_first_part_checks(struct buf *c, struct buf *p,
		    const struct buf *lc, const struct buf *lp,
		    const struct design *dsn, int keys);
/*
 * Review 20 Q1: a block made of independent parts, each run under its
 * own set -e / $ErrorActionPreference so a stop in one never holds back
 * the next.  pc_split_part appends part c/p (what: its name in the
 * text, gw: its gateway) to cmds/ps; pc_split_end closes the block;
 * pc_is_split tells such a block (it is wrapped already).
 */
#define PC_SPLIT_MARK	"# independent parts:"
void	 pc_split_part(struct buf *cmds, struct buf *ps, const struct buf *c,
		    const struct buf *p, const char *what, const char *gw);
void	 pc_split_end(struct buf *cmds, struct buf *ps);
int	 pc_is_split(const struct buf *b);
void	 pc_name_free(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct circuit *ci, const char *list_what,
		    const char *opt, const char *val, const char *ps_get,
		    const char *ps_opt, const char *ps_val,
		    const char *ps_tail, const char *name);
void	 pc_skip_if_exists(struct buf *c, struct buf *p,
		    const struct design *dsn, const char *list_what,
		    const char *opt, const char *val, const char *ps_get,
		    const char *ps_opt, const char *ps_val,
		    const char *ps_tail, const char *name, const char *why);
/* Review 20 Q7: the live list at the target (tp) skips the command,
 * which the caller follows with pc_guard_end() (c) and, for the local
 * network gateway, "}\n" (p); tp NULL: the start or a stop, nothing
 * to close. */
void	 pc_space_guard(struct buf *c, const struct design *dsn,
		    const char *vnet, const struct prefix *fp, size_t fn,
		    const struct prefix *tp, size_t tn);
void	 pc_lng_guard(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct vpn_device *v, const struct site *from,
		    const struct site *to);
void	 pc_lng_guard_list(struct buf *c, struct buf *p,
		    const struct design *dsn, const char *lng,
		    const struct prefix *px, size_t n,
		    const struct prefix *tp, size_t tn);
void	 pc_guard_end(struct buf *c);
void	 pc_guard_end2(struct buf *c, struct buf *p);	/* and "}" in p */
/* Subnet a recreated by a rollback, only if it is missing (review 20
 * Q6), with the words of itext. */
void	 pc_subnet_recreate(struct buf *itext, struct buf *c, struct buf *p,
		    const struct design *dsn, const struct subnet *a);
/* Review 19 P8: a rollback deletes only what the change created. */
/* Review 20 Q12: how to tell, in words that cannot be read either way. */
#define CREATED_ONLY "Only if this change created it: skip this delete if " \
	"the step's block stopped with \"... already exists\" (the name was " \
	"taken before the change: it is someone else's) or was never run; " \
	"delete only what the step's block created, which its output shows " \
	"(a create that ran after the name check found the name free)."


void	 pc_lng_mode_guard(struct buf *c, struct buf *p,
		    const struct design *dsn, const struct site *s,
		    const struct vpn_device *from, const struct vpn_device *to);
void	 pc_peerings_free(struct buf *c, struct buf *p,
		    const struct design *dsn, const struct spoke *s);
void	 pc_subnet_record(struct buf *c, struct buf *p,
		    const struct design *dsn, const char *name);
/* Opens an if that pc_guard_end() (c) and "}\n" (p) close after the
 * bandwidth update (review 20 Q7). */
void	 pc_ckt_expect(struct buf *c, struct buf *p, const struct design *dsn,
		    const struct circuit *ci, const struct circuit *to);
const char	*pc_block(struct buf *b);


/* A gateway's record and inventory (plan_rec.c). */
void	 rec_gateway(struct buf *c, struct buf *p, const struct design *dsn,
		    const char *gw);
void	 rec_compare(struct buf *c, struct buf *p, const struct design *dsn,
		    const char *gw, int vpn);
/* After rec_compare of a VPN gateway: where its BGP addresses changed,
 * stop unless HYBRIDOC_ACCEPT_BGP names the new ones (review 20 Q4:
 * put before the first BGP connection, after the static ones). */
void	 rec_accept(struct buf *c, struct buf *p, const char *gw);
/* Review 20 Q2: the go/no-go check of how the next Key Vault (after
 * device *k, not in seen) of the keys cmds reads is reached. */
int	 rec_vault_check(struct buf *w, struct buf *c, struct buf *p,
		    struct buf *x, struct buf *seen, size_t *k,
		    const struct design *dsn, const char *cmds);
void	 rec_public_ips(struct buf *c, const char *gw);
void	 rec_ps_config(struct buf *p, const struct design *dsn,
		    const char *gw);
void	 rec_gateway_users(struct buf *c, struct buf *p,
		    const struct design *dsn, const char *gw);
void	 rec_connection(struct buf *c, struct buf *p, const struct design *dsn,
		    const char *conn);
void	 rec_lng(struct buf *c, struct buf *p, const struct design *dsn,
		    const char *lng);
void	 rec_gw_settings(struct buf *c, struct buf *p,
		    const struct design *dsn, const char *gw, int vpn);
void	 rec_subnet_attached(struct buf *c, struct buf *p,
	    const struct design *dsn, const char *subnet, int after);
void	 rec_transit_peerings(struct buf *c, struct buf *p,
		    const struct design *dsn);

/* Go/no-go gates (plan_gate.c). */
void	 gate_outage_words(struct buf *down, const struct sim *s,
		    const struct design *dsn, enum sim_path lost);
void	 gate_value(struct value *e, const struct gate_in *in,
		    const char *object, const struct buf *cmds,
		    const struct buf *down, enum plan_outage outage);

/* Gateway steps (plan_gw.c). */
void	 gw_vpn_create(struct buf *c, struct buf *p, const struct design *dsn,
		    int reuse);
void	 gw_er_create(struct buf *c, struct buf *p, const struct design *dsn,
		    int reuse);
void	 gw_delete(struct buf *c, struct buf *p, const struct design *dsn,
		    const char *gw);
enum plan_outage gw_vpn_sku_step(struct buf *title, struct buf *text,
		    struct buf *cmds, struct buf *ps, struct buf *down,
		    const struct design *from, const struct design *to,
		    const struct design *conns, const struct sim *fsim,
		    int *recreated);
enum plan_outage gw_er_sku_step(struct buf *title, struct buf *text,
		    struct buf *cmds, struct buf *ps, struct buf *down,
		    const struct design *from, const struct design *to,
		    const struct design *conns, const struct sim *fsim,
		    int *recreated);
enum plan_outage gw_undo_recreate(struct buf *title, struct buf *text,
		    struct buf *cmds, struct buf *ps, struct buf *down,
		    const struct design *head, const struct design *base,
		    int vpn);
enum plan_outage gw_subnet_undo(struct buf *title, struct buf *text,
		    struct buf *cmds, struct buf *ps, struct buf *down,
		    const struct design *from, const struct design *to,
		    const struct design *objs);
/*
 * A GatewaySubnet change in gw_subnet_parts() parts, part 0 first: a
 * move deletes and changes the prefix (0), then recreates the
 * ExpressRoute gateway and the VPN gateway, each in a part of its own
 * that can be run again; a create or delete is one part.
 */
int	 gw_subnet_parts(const struct design *from, const struct design *to,
		    const struct design *objs);
enum plan_outage gw_subnet_step(struct buf *title, struct buf *text,
		    struct buf *cmds, struct buf *ps, struct buf *down,
		    const struct design *from, const struct design *to,
		    const struct design *objs, int part);

/* Steps per kind of change (plan_step.c). */
struct act	*plan_act_new(struct plan *pl, enum phase ph,
		    const char *object);
void	 plan_act_free(struct act *a);
void	 plan_group(struct plan *pl, struct group *g, int *gwsubnet_done);

#endif

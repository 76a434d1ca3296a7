/*
 * The procedure module's private header, shared by procedure.c (each
 * element's action and blast radius, the sets), procedure_step.c (the
 * records: their pieces, a set's life, the notes every finished record
 * gets), procedure_cmd.c (where objects live; the exact
 * command text) and procedure_check.c (observation, go/no-go,
 * expectations and abort conditions from the simulation), and
 * procedure_doc.c (a record as a document shows it), and nothing
 * else.  Calls go one way: procedure_doc.c -> procedure.c ->
 * procedure_check.c ->
 * procedure_cmd.c -> procedure_step.c.  Functions follow
 * the rules of procedure.h: steps and records are owned by their
 * procedure; buffers passed in are appended to.
 */
#ifndef HYBRIDOC_PROCEDURE_INT_H
#define HYBRIDOC_PROCEDURE_INT_H

#include <stddef.h>

#include "hybridoc/prefix.h"
#include "hybridoc/procedure.h"
#include "hybridoc/procedure_cmd.h"

struct analysis;
struct buf;
struct circuit;
struct design;
struct site;
struct sim_element;
struct sim_route;
struct sim_scenario;

#define PFX(p, b)	prefix_format((p), (b), 1)
#define ADDR(p, b)	prefix_format((p), (b), 0)

/* Reference keys; docs/model.md lists each with its page. */
#define SRC_RESVAL	"RESVAL"
#define SRC_ERRESET	"ERRESET"
#define SRC_S2SBK	"S2SBK"
#define SRC_LINKFO	"LINKFO"
#define SRC_ERBFD	"ERBFD"
#define SRC_VPNRESET	"VPNRESET"
#define SRC_VPNHA	"VPNHA"
#define SRC_VPNDPD	"VPNDPD"
#define SRC_MODEL	"docs/model.md"
#define SRC_ESTIMATE	"estimate"
#define SRC_DESIGN	"design"	/* a figure the design itself sets */

/*
 * Seconds (docs/model.md, "Time bounds the procedures use").  Only
 * SITEFO_BOUND_S is a documented bound; the others are estimates, and
 * every step that uses one says so with its reasoning.  No abort
 * condition depends on them: a test aborts on what is observed (a
 * prefix missing on its backup, a session not Connected), never on the
 * clock alone.
 */
#define SITEFO_BOUND_S	15	/* RESVAL: "typically completes within 15 s":
				   typical, not a bound */
#define PEERING_EST_S	10	/* estimate: S2SBK's one lab measurement */
#define HOLD_S		180	/* ERBFD, VPNBGPTS: BGP hold time */

/*
 * Values (procedure.c): a string list, a step list as the JSON has it,
 * and the fields every record's value starts with (id to notes), which
 * procedure_value() and procedure_value_doc() (procedure_doc.c) share.
 */
struct value	*proc_strv_value(char **v, size_t n);
struct value	*proc_steps_value(const struct proc_steps *s);
struct value	*proc_value_head(const struct procedure *p);

/* Records (procedure_step.c). */
void	 proc_strv_add(char ***v, size_t *n, const char *s);
void	 proc_strv_addf(char ***v, size_t *n, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
void	 proc_strv_free(char **v, size_t n);
void	 proc_step_target(struct proc_step *p, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
struct proc_step *proc_step_add(struct proc_steps *s, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
int	 proc_step_has(const struct proc_steps *s, const char *text);
void	 proc_set_str(char **dst, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
void	 proc_step_cmds(struct proc_step *p, struct buf *az, struct buf *ps);
void	 proc_step_within(struct proc_step *p, long s, const char *source,
		    const char *why);
void	 proc_step_typical(struct proc_step *p, long s, const char *source,
		    const char *why);
void	 proc_step_estimate(struct proc_step *p, long s, const char *why);
void	 proc_step_back_estimate(struct proc_step *p);
void	 proc_step_tunnel_back_estimate(struct proc_step *p);

/* Sets of records (procedure_step.c). */
struct procedure *proc_procset_add(struct procset *set, const char *id);
struct procedure *proc_procset_find(const struct procset *set,
		    const char *id);
void	 proc_steps_dedupe(struct proc_steps *s);
/* The notes of every finished record (placeholders, sources); set. */
struct procset	*proc_procset_finish(struct procset *set);

/* Where things live and what the design says (procedure_cmd.c). */
#define PROC_RG_HOLE	"<resource-group-of-"
const char	*proc_circuit_rg(const struct circuit *c, struct buf *hole);
void	 proc_instance_words(struct buf *b, const struct design *dsn, size_t i);
int	 proc_site_static(const struct site *s);
int	 proc_sitefo_available(const struct design *dsn);
int	 proc_at_location(const struct circuit *c, const char *slug);
const char	*proc_elem_sitefo_location(const struct design *dsn,
		    const struct sim_element *e);

/* The commands, each checked against its reference (procedure_cmd.c). */
void	 proc_cmd_advertised(struct buf *az, struct buf *ps,
		    const struct design *dsn, const char *peer);
/* Which public IP (tunnel IP) of the VPN gateway holds which BGP address. */
void	 proc_cmd_bgp_addresses(struct buf *az, struct buf *ps,
		    const struct design *dsn);
void	 proc_cmd_link_table(struct buf *az, struct buf *ps,
		    const struct design *dsn, const struct circuit *c,
		    int secondary, int arp);
void	 proc_cmd_linkfo(struct buf *az, const struct design *dsn,
		    const struct circuit *c, int link, int stop);
void	 proc_cmd_linkfo_status(struct buf *az, const struct design *dsn,
		    const struct circuit *c);
void	 proc_cmd_peering_state(struct buf *ps, const struct design *dsn,
		    const struct circuit *c, int enable);
void	 proc_cmd_reset(struct buf *az, struct buf *ps,
		    const struct design *dsn, size_t inst);
void	 proc_cmd_routes_information(struct buf *az, struct buf *ps,
		    const struct design *dsn);
void	 proc_cmd_sitefo(struct buf *az, struct buf *ps,
		    const struct design *dsn, const char *location, int stop);
void	 proc_cmd_sitefo_status(struct buf *az, struct buf *ps,
		    const struct design *dsn);

/* Observation, checks, expectations (procedure_check.c). */
void	 proc_touched(const struct analysis *a, const struct sim_scenario *sc,
		    unsigned char *site_on, unsigned char *circuit_on);
void	 proc_observe_steps(const struct design *dsn,
		    const unsigned char *site_on,
		    const unsigned char *circuit_on, struct proc_steps *steps);
void	 proc_prefix_site(struct buf *b, const struct sim_route *r);
void	 proc_go_no_go(const struct analysis *a, const struct sim_scenario *sc,
		    const unsigned char *site_on, struct procedure *p);
void	 proc_expectations(const struct analysis *a,
		    const struct sim_scenario *sc, struct procedure *p,
		    int planned, const char *at);
void	 proc_expectations_end(const struct analysis *a, struct procedure *p);

/* The objects a scenario is about, and what else an action affects. */
#define scope_add(p, ...)	proc_strv_addf(&(p)->scope, &(p)->nscope, __VA_ARGS__)
#define blast_add(p, ...)	proc_strv_addf(&(p)->blast_objects, \
	    &(p)->nblast_objects, __VA_ARGS__)

#endif

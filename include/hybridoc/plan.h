/*
 * The implementation plan and its rollback, the packet stage after the
 * routing impact (impact.h): the semantic diff (diff.h) of base and
 * head turned into numbered steps with Azure CLI and Az PowerShell
 * commands (every design value quoted by shell.h), the work on the
 * on-premises devices in words, and the downtime to expect with its
 * source or labelled an estimate.  Each step
 * has its inverse where there is something to undo; the rollback is
 * those inverses, last first, then a check of the routes.  The steps
 * are the "implementation" and "rollback" lists of packet.json
 * (packet.h).
 */
#ifndef HYBRIDOC_PLAN_H
#define HYBRIDOC_PLAN_H

#include <stddef.h>

struct design;
struct diff;
struct diff_change;
struct sim;
struct value;

/* How much traffic a step stops while it runs. */
enum plan_outage {
	PLAN_OUT_NONE,		/* nothing expected */
	PLAN_OUT_RESET,		/* tunnels or BGP sessions restart */
	PLAN_OUT_REROUTE,	/* a path goes away: its traffic moves to
				   the others (the routing impact) */
	PLAN_OUT_FULL		/* a gateway is deleted and recreated: every
				   connection of that kind is down */
};

/*
 * One step of the plan or of its rollback.  text, commands, powershell
 * and downtime are NULL when there is none; commands are sh lines and
 * powershell Az PowerShell lines, each block without its last newline.
 */
struct plan_step {
	size_t		 number;	/* 1-based, in its list */
	char		*title;
	char		*text;
	char		*commands;
	char		*powershell;
	char		*downtime;	/* "None", "None: <source>", words */
	enum plan_outage interruption;
	char		*object;	/* the design path; "" for the check */
	/*
	 * The step's go/no-go gate (below) as the templates and
	 * packet.json show it, a value tree no stage reads; a null value
	 * when the step has none.
	 */
	struct value	*gate;
};

struct plan_out {
	struct plan_step *impl;		/* the implementation, in order */
	size_t		 nimpl;
	struct plan_step *back;		/* the rollback, in order */
	size_t		 nback;
};

/*
 * Fills out (need not be initialised; release it with
 * plan_out_release()) with the plan for diff df (diff_designs() of
 * base and head) and its rollback.  The order: recording the routes
 * first, then the gateway subnet, gateways, VNet, circuits, sites,
 * removals, other changes and the check of the routes last.  No step
 * when no change needs one.  The steps hold copies: nothing points into
 * the designs or df.  Never fails.
 *
 * bsim and hsim are the simulations of base and head (NULL: none).  A
 * step whose downtime is not "None" (a rollback step: head's), and a
 * site's BGP policy change, gets a gate, computed from the simulation of
 * the design it starts from (keys in this order): {go_no_go: [{check,
 * commands, powershell, expect}], none: why go_no_go is empty (present
 * only then), capacity: [{text}], scenario: what the step stands for
 * ("every VPN path down", "scenario circuit-down:NAME", "HQ's routes
 * compared before and after its BGP policy change ...") or null,
 * no_path: the sites and
 * prefixes left without a path or null, window, stop_if, irreversible:
 * the rollback of a step that
 * deletes, or null}; every other step's gate is null.  A gateway's
 * delete-and-recreate names in its downtime the prefixes left without
 * a path and those that keep theirs without a backup; its gate records
 * the gateway (files named after it, which the create reads) and lists
 * every connection on it, each one's settings and what else depends on
 * it; it recreates the connections of base, and its rollback recreates
 * the gateway as it was from the record.  A step that drops a circuit's
 * peering lists the circuit's other users in its gate.
 */
void		 plan_steps(const struct design *base,
		    const struct design *head, const struct sim *bsim,
		    const struct sim *hsim, const struct diff *df,
		    struct plan_out *out);
void		 plan_out_release(struct plan_out *out);
/*
 * The n steps v as packet.json's "implementation" or "rollback" list:
 * maps {number, title, text, commands, powershell, downtime,
 * interruption (plan_outage_name()), object, gate}.  The only code that
 * names a step's keys; owned by the caller.
 */
struct value	*plan_steps_value(const struct plan_step *v, size_t n);
/*
 * Non-zero when the plan takes no action for change c: text that
 * documents the design (title, description, owner, approvers, name, a
 * site's location, a VPN device's vendor and model) and the declared
 * traffic, failover tests and suppressed findings.  The risk
 * assessment counts these as no network change.
 */
int		 plan_is_doc(const struct diff_change *c);
/* "none", "reset", "reroute", "outage". */
const char	*plan_outage_name(enum plan_outage o);
/*
 * The steps of a rollback list (plan_out's back) that delete and
 * recreate -- interruption "outage" and a delete among their commands,
 * such as an upgrade's way back -- each appended to out as a map
 * {number, title, downtime, reason}, reason the packet's risk line
 * (new user 19 item 2).  Returns how many.
 */
size_t		 plan_destructive_rollbacks(const struct plan_step *back,
		    size_t nback, struct value *out);

#endif

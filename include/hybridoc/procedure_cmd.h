/*
 * The observation commands of the procedure module (procedure_cmd.c)
 * that the packet's implementation plan prints too, so both print the
 * same text from one builder: each appends one Azure CLI command to az
 * and the same in Az PowerShell to ps, on one line each, without the
 * last newline.  The hub's commands run in the design's resource group
 * and subscription, a circuit's where the circuit lives (with the
 * placeholder "<resource-group-of-CIRCUIT>" when the design does not
 * say).  Each was checked against its reference: docs/model.md,
 * "Commands the procedures print".
 */
#ifndef HYBRIDOC_PROCEDURE_CMD_H
#define HYBRIDOC_PROCEDURE_CMD_H

struct buf;
struct circuit;
struct design;

/* The routes gateway gw has learned. */
void	 proc_cmd_learned(struct buf *az, struct buf *ps,
		    const struct design *dsn, const char *gw);
/* The BGP peers of the VPN gateway and their state. */
void	 proc_cmd_gateway_state(struct buf *az, struct buf *ps,
		    const struct design *dsn, const char *gw);
void	 proc_cmd_bgp_peers(struct buf *az, struct buf *ps,
		    const struct design *dsn);
/* Connection conn's per-tunnel state (tunnelConnectionStatus). */
void	 proc_cmd_tunnels(struct buf *az, struct buf *ps,
		    const struct design *dsn, const char *conn);
/* The effective routes of a test VM's NIC in the hub. */
void	 proc_cmd_effective(struct buf *az, struct buf *ps,
		    const struct design *dsn);
/* Circuit c as JSON: authorizations, peerings and their Global Reach
 * connections, service key, provisioning states. */
void	 proc_cmd_circuit_show(struct buf *az, struct buf *ps,
		    const struct design *dsn, const struct circuit *c);
/*
 * The BGP neighbour of one link (the secondary when secondary is
 * non-zero) of circuit c's private peering: its state and the prefixes
 * it received (list-route-tables-summary).
 */
void	 proc_cmd_route_summary(struct buf *az, struct buf *ps,
		    const struct design *dsn, const struct circuit *c,
		    int secondary);
/*
 * The start of a read of circuit c where it lives, for a caller that
 * ends the command itself: "az VERB -g RG [--subscription SUB] -n NAME"
 * to az and "CMDLET -ResourceGroupName RG -ExpressRouteCircuitName NAME"
 * to ps (either may be NULL), RG being circuits[].resource_group or the
 * quoted placeholder.  The PowerShell text sets no context (it may sit
 * inside a pipeline's parentheses): returns the subscription it must
 * run in, for the caller's shell_ps_context(), or NULL when the design
 * names none.
 */
const char *proc_cmd_circuit_read(struct buf *az, struct buf *ps,
		    const struct design *dsn, const struct circuit *c,
		    const char *verb, const char *cmdlet);
/*
 * Every gateway connection whose peer is circuit c, and every Virtual
 * WAN hub linked to it, in any subscription the operator can read
 * (Azure Resource Graph): the virtual networks the circuit serves.
 */
void	 proc_cmd_circuit_links(struct buf *az, struct buf *ps,
		    const struct design *dsn, const struct circuit *c);
/*
 * Every connection on gateway gw (of the hub's resource group), in any
 * subscription the operator can read (Azure Resource Graph).
 */
void	 proc_cmd_gateway_users(struct buf *az, struct buf *ps,
		    const struct design *dsn, const char *gw);

#endif

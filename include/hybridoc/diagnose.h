/*
 * `hybridoc diagnose`: from what Azure reports back to the failure.
 * The simulation says, for every scenario, which routes each gateway
 * should learn; diagnose reads what the gateways did learn (the JSON
 * of `az network vnet-gateway list-learned-routes` and
 * `list-bgp-peer-status`) and ranks the scenarios by how many of those
 * observations each contradicts.
 *
 * The observations are facts, each with one value per scenario:
 *   - a gateway, or a VPN gateway instance, reports anything at all;
 *   - over ExpressRoute, a prefix with an AS path is learned from N BGP
 *     peers (one per live link of each live circuit that carries it);
 *   - over the VPN, a prefix is learned from a device's BGP peer on an
 *     instance (or on the gateway, when instances cannot be told apart);
 *   - with --bgp-peers, a device's BGP session on an instance is
 *     Connected.
 * What carries no meaning is dropped before comparing: order,
 * weights, duplicate entries of one gateway instance, iBGP copies
 * between instances.  A gateway or instance that reports nothing is one
 * observation (it may have failed), not the loss of every route on it:
 * the route facts on it are then not compared.  What no scenario can
 * explain (an unknown peer, a more specific prefix, an AS path the
 * design's prepends do not give) is a finding HD901-HD906.
 */
#ifndef HYBRIDOC_DIAGNOSE_H
#define HYBRIDOC_DIAGNOSE_H

#include <stddef.h>

#include "hybridoc/prefix.h"

struct analysis;
struct buf;
struct diags;
struct sim_scenario;
struct vpn_device;

enum dx_capture {
	DX_LEARNED,		/* list-learned-routes */
	DX_BGP_PEERS		/* list-bgp-peer-status */
};

/* One file given on the command line: GATEWAY=FILE. */
struct dx_input {
	enum dx_capture	 kind;
	const char	*gateway;	/* the gateway's name in the design */
	const char	*file;
};

enum dx_fact_kind {
	DX_GATEWAY_UP,		/* the gateway (or instance) reports */
	DX_ER_ROUTE,		/* value: BGP peers carrying it */
	DX_VPN_ROUTE,		/* value: 1 learned, 0 not */
	DX_BGP_PEER		/* value: 1 Connected, 0 not */
};

enum dx_gw {
	DX_GW_ER,
	DX_GW_VPN
};

/*
 * One observable fact.  ER routes are keyed by prefix and AS path;
 * VPN routes and BGP peers by device and instance (-1: any instance
 * of the gateway).
 */
struct dx_fact {
	enum dx_fact_kind kind;
	enum dx_gw	 gw;
	long		 instance;
	struct prefix	 pfx;
	char		*as_path;	/* "12076-65010", "65010-65010" */
	size_t		 site;		/* VPN: the device's site index */
	const struct vpn_device *dev;	/* VPN route, BGP peer */
	/* ER route: the (circuit, site) pairs that carry it. */
	size_t		*circuits;
	size_t		*sites;
	size_t		 ncontrib;
};

/* The facts a design can show, in a fixed order. */
struct dx_model {
	const struct analysis *a;
	struct dx_fact	*facts;
	size_t		 nfacts;
	int		 vpn_keyed;	/* VPN facts per instance */
	size_t		 vpn_units;	/* instances, or 1 when not keyed */
};

/* Builds the model of a; release with dx_model_release(). */
void	dx_model_init(struct dx_model *m, const struct analysis *a);
void	dx_model_release(struct dx_model *m);
/* Fact f's value in scenario sc. */
int	dx_expect(const struct dx_model *m, const struct sim_scenario *sc,
	    size_t f);
/* The AS path a VPN device's advertisements arrive with (an unknown ASN as
   its placeholder). Caller frees. */
char	*dx_vpn_as_path(const struct design *dsn,
	    const struct vpn_device *d);

/*
 * Reads the captures, compares them with every scenario and writes the
 * report to out in format "text", "json" or "md".  Input errors (bad
 * JSON, a gateway the design does not name, a file that is not the
 * capture it should be) go to d and return 2 with out empty.
 * Otherwise returns 0 when the baseline explains every observation and
 * nothing is unexplained, 1 otherwise.
 */
int	dx_diagnose(const struct analysis *a, const struct dx_input *in,
	    size_t nin, const char *format, struct buf *out,
	    struct diags *d);

/*
 * The read-only capture script for the design: shell "az" (POSIX sh
 * with the Azure CLI) or "powershell" (Az PowerShell).  design_path is
 * the design as named on the command line, for the closing diagnose
 * command.
 */
void	dx_commands(const struct analysis *a, const char *design_path,
	    const char *shell, struct buf *out);

#endif

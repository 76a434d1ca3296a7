/*
 * What is deployed: the resources of a hybrid network as Azure Resource
 * Manager or Terraform reports them, read into one model that `import`
 * turns into a design and `drift` compares with one.  Readers: ARM
 * resource JSON in every shape engineers get it in (one resource, an
 * array, {"value": [...]}, Resource Graph's {"data": [...]}, an exported
 * template) and `terraform show -json` (state or plan).
 *
 * References between resources (a connection's gateway, a gateway's
 * public IP) are kept as the referenced resource's name, the last
 * segment of its id (or, in a Terraform plan, of the address it refers
 * to).  Numbers absent from the input are -1 and flags -1, so that a
 * missing fact is never taken for a value.  A shared key is never
 * kept: only whether one is set (1), explicitly empty (0) or not
 * reported (-1).
 *
 * Whatever cannot be placed (an unknown resource type, an unresolvable
 * template expression, a value of the wrong type) becomes a note in the
 * caller's diags, naming the input file and the JSON path.
 */
#ifndef HYBRIDOC_DEPLOYED_H
#define HYBRIDOC_DEPLOYED_H

#include <stddef.h>

#include "hybridoc/diag.h"

/*
 * Resources read from all inputs of one run, at most: a design's lists
 * hold at most 20000 entries, and the lookups between resources stay
 * cheap on hostile input.  More is an error.
 */
#define DEPLOYED_MAX_RESOURCES	20000

/* Where an object came from. */
struct dep_src {
	char		*file;	/* the input file */
	char		*path;	/* JSON path in it */
	char		*id;	/* resource id or Terraform address */
};

struct dep_subnet {
	struct dep_src	 src;
	char		*name;
	char		*vnet;		/* the VNet's name */
	char		*prefix;
};

struct dep_vnet {
	struct dep_src	 src;
	char		*name;
	char		*subscription;
	char		*resource_group;
	char		*location;
	char		**space;	/* address space */
	size_t		 nspace;
	char		**peers;	/* names of peered VNets */
	size_t		 npeers;
};

struct dep_pip {
	struct dep_src	 src;
	char		*name;
	char		*address;	/* NULL until assigned */
};

/* One IP configuration of a gateway. */
struct dep_gwip {
	char		*name;		/* ip configuration name */
	char		*pip;		/* public IP resource name */
	char		*public_ip;	/* the tunnel address, if reported */
	char		*bgp_ip;	/* default BGP address */
	char		*apipa_ip;	/* first custom (APIPA) BGP address */
};

enum dep_gw_type {
	DEP_GW_UNKNOWN,
	DEP_GW_VPN,
	DEP_GW_ER
};

struct dep_gateway {
	struct dep_src	 src;
	char		*name;
	char		*subscription;
	char		*resource_group;
	char		*location;
	char		*vnet;		/* from the ip configuration's subnet */
	enum dep_gw_type type;
	char		*sku;
	long		 generation;	/* 1, 2, or -1 */
	char		*vpn_type;
	int		 active_active;	/* -1: not reported */
	int		 bgp;
	long		 asn;
	struct dep_gwip	*ips;
	size_t		 nips;
};

struct dep_circuit {
	struct dep_src	 src;
	char		*name;
	char		*subscription;	/* from the id, or NULL */
	char		*resource_group;
	char		*provider;
	char		*peering_location;
	long		 bandwidth_mbps;
	char		*sku;		/* tier: Local, Standard, Premium */
	/* The Azure private peering, when present. */
	int		 has_peering;
	struct dep_src	 peering_src;
	long		 peer_asn;
	char		*primary_subnet;
	char		*secondary_subnet;
	long		 vlan_id;
};

struct dep_lng {
	struct dep_src	 src;
	char		*name;
	char		*gateway_ip;
	char		*fqdn;
	char		**prefixes;
	size_t		 nprefixes;
	long		 asn;		/* BGP, or -1 */
	char		*bgp_peer_ip;
};

struct dep_conn {
	struct dep_src	 src;
	char		*name;
	char		*type;		/* IPsec, ExpressRoute, Vnet2Vnet */
	char		*gateway;	/* virtual network gateway name */
	char		*lng;		/* local network gateway name */
	char		*circuit;	/* ExpressRoute circuit name */
	long		 routing_weight;
	int		 fastpath;	/* expressRouteGatewayBypass */
	int		 bgp;
	int		 shared_key;	/* set 1, empty 0, unreported -1 */
	long		 ike_version;	/* 1, 2, or -1 */
	long		 dpd_timeout_s;
	long		 sa_lifetime_s;
};

struct dep_route_server {
	struct dep_src	 src;
	char		*name;
	int		 branch_to_branch;
};

/* A circuit's route table (az network express-route list-route-tables):
 * the networks it holds and the AS path of each. */
struct dep_routes {
	struct dep_src	 src;
	char		*circuit;	/* named by the user */
	char		**networks;
	char		**paths;	/* "65010 65020", or "" */
	size_t		 n;
};

struct deployed {
	struct dep_vnet	*vnets;
	size_t		 nvnets;
	struct dep_subnet *subnets;
	size_t		 nsubnets;
	struct dep_pip	*pips;
	size_t		 npips;
	struct dep_gateway *gateways;
	size_t		 ngateways;
	struct dep_circuit *circuits;
	size_t		 ncircuits;
	struct dep_lng	*lngs;
	size_t		 nlngs;
	struct dep_conn	*conns;
	size_t		 nconns;
	struct dep_route_server *route_servers;
	size_t		 nroute_servers;
	struct dep_routes *routes;
	size_t		 nroutes;
	size_t		 nresources;	/* resources read, placed or not */
	int		 full;		/* DEPLOYED_MAX_RESOURCES reached */
};

/* Counts one more resource; at the limit, adds the error once and
 * returns 0 (the reader stops). */
int	deployed_count(struct deployed *dp, const char *file,
	    struct diags *d);

void	deployed_init(struct deployed *dp);
void	deployed_release(struct deployed *dp);

/*
 * Reads one ARM export file into dp (which may already hold others).
 * Bad JSON is an error in d (file:line:col); what cannot be placed is a
 * note.  Returns non-zero unless the file could not be read as JSON or
 * has no shape of resources.
 */
int	deployed_read_arm(struct deployed *dp, const char *file,
	    struct diags *d);
/*
 * Reads the route table of circuit from file: the output of `az network
 * express-route list-route-tables` ({"value": [...]} or an array of
 * {"network", "nextHop", "locPrf", "weight", "path"}).  Returns non-zero
 * on success; bad JSON or another shape is an error in d.
 */
int	deployed_read_routes(struct deployed *dp, const char *circuit,
	    const char *file, struct diags *d);
/* The same for `terraform show -json` output (state or plan). */
int	deployed_read_terraform(struct deployed *dp, const char *file,
	    struct diags *d);
/* The same from parsed JSON; name is used in messages. */
struct json_t;
int	deployed_from_arm_json(struct deployed *dp, const char *name,
	    struct json_t *root, struct diags *d);
int	deployed_from_terraform_json(struct deployed *dp, const char *name,
	    struct json_t *root, struct diags *d);

/*
 * Sorts every list by name (subnets by VNet, then name), so that the
 * order of resources in the input does not change any output, and
 * merges duplicates of one resource (the same id read twice) with a
 * note.
 */
void	deployed_finish(struct deployed *dp, struct diags *d);

/* Lookups by name (case-insensitive, as Azure names are); NULL when
 * absent. */
struct dep_vnet	*deployed_vnet(const struct deployed *dp, const char *name);
struct dep_pip	*deployed_pip(const struct deployed *dp, const char *name);
struct dep_lng	*deployed_lng(const struct deployed *dp, const char *name);
struct dep_circuit *deployed_circuit(const struct deployed *dp,
		    const char *name);
struct dep_conn	*deployed_conn(const struct deployed *dp, const char *name);
/* The gateway of type in the VNet vnet (any VNet when NULL). */
struct dep_gateway *deployed_gateway(const struct deployed *dp,
		    const char *vnet, enum dep_gw_type type);
/* The connection of the gateway gw to the circuit or LNG named peer. */
struct dep_conn	*deployed_conn_to(const struct deployed *dp, const char *gw,
		    const char *peer);
/* The VNet that holds the gateways: the first gateway's, by name. */
struct dep_vnet	*deployed_hub(const struct deployed *dp);
/* The public IP address of a gateway ip configuration, or NULL. */
const char	*deployed_gwip_address(const struct deployed *dp,
		    const struct dep_gwip *ip);

#endif

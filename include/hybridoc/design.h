/*
 * The typed model of a design (format version 1): what the schema
 * binder produces from a value tree and every later stage reads.
 *
 * Every object struct starts with node, the value it was bound from
 * (NULL when the object is absent from the design), so a stage can
 * point a message at the object's line, or at one of its keys with
 * design_mark().  Strings are owned by the design; references between
 * objects (a site's circuit, a traffic entry's site) are resolved
 * pointers into the same design.  Optional scalars that must be told
 * apart from a default have a has_ flag.  design_free() frees it all,
 * including the value tree.
 */
#ifndef HYBRIDOC_DESIGN_H
#define HYBRIDOC_DESIGN_H

#include <stddef.h>

#include "hybridoc/diag.h"
#include "hybridoc/prefix.h"
#include "hybridoc/sku.h"
#include "hybridoc/value.h"

#define AZURE_VPN_ASN	65515L
#define AZURE_ER_ASN	12076L

struct subnet {
	const struct value *node;
	char		*name;
	struct prefix	 prefix;
};

struct vnet {
	const struct value *node;
	char		*name;
	struct prefix	*address_space;
	size_t		 naddress_space;
	struct subnet	*subnets;
	size_t		 nsubnets;
};

struct spoke {
	const struct value *node;
	char		*name;
	struct prefix	*address_space;
	size_t		 naddress_space;
};

/* The SKUs, in the order of the table in sku.h. */
#define SKU_ENUM_ER(e, ...)	ER_SKU_##e,
enum er_sku {
	ER_SKUS(SKU_ENUM_ER)
};

struct er_gateway {
	const struct value *node;	/* NULL: no ExpressRoute gateway */
	char		*name;
	enum er_sku	 sku;
	char		*sku_name;	/* as written */
	long		 scale_units;	/* ErGwScale only; default 1 */
	int		 fastpath;	/* FastPath asked for */
};

#define SKU_ENUM_VPN(e, ...)	VPN_SKU_##e,
enum vpn_sku {
	VPN_SKUS(SKU_ENUM_VPN)
};

enum vpn_type {
	VPN_ROUTE_BASED,
	VPN_POLICY_BASED
};

struct gw_instance {
	const struct value *node;
	struct prefix	 public_ip;
	int		 has_bgp_ip;
	struct prefix	 bgp_ip;	/* in GatewaySubnet */
	int		 has_apipa_bgp_ip;
	struct prefix	 apipa_bgp_ip;	/* custom 169.254.21/22 address */
};

struct vpn_gateway {
	const struct value *node;	/* NULL: no VPN gateway */
	char		*name;
	enum vpn_sku	 sku;
	char		*sku_name;
	long		 generation;	/* 1 or 2 */
	enum vpn_type	 vpn_type;
	long		 asn;		/* default 65515 */
	int		 active_active;
	int		 bgp;		/* BGP enabled (default: true) */
	struct gw_instance *instances;
	size_t		 ninstances;
};

#define SKU_ENUM_CIRCUIT(e, ...)	CIRCUIT_##e,
enum circuit_sku {
	CIRCUIT_SKUS(SKU_ENUM_CIRCUIT)
};

struct private_peering {
	const struct value *node;
	long		 peer_asn;
	struct prefix	 primary_subnet;
	struct prefix	 secondary_subnet;
	long		 vlan_id;
	int		 bfd;
};

struct circuit {
	const struct value *node;
	char		*name;
	char		*provider;
	char		*peering_location;
	long		 bandwidth_mbps;
	enum circuit_sku sku;
	long		 routing_weight;	/* on the gateway connection */
	int		 fastpath;		/* on the gateway connection */
	long		 direct_port_gbps;	/* 10, 100; 0: from a provider */
	struct private_peering peering;
	char		*resource_group;	/* NULL: azure.resource_group */
	char		*subscription;		/* NULL: the hub's */
	char		**shared_with;		/* other users of the circuit */
	size_t		 nshared_with;
	char		*service_key;		/* outage facts, optional */
	char		*provider_noc;
	char		*escalation;
};

/* A site's attachment to one circuit. */
struct site_er {
	const struct value *node;
	char		*circuit_name;
	struct circuit	*circuit;	/* resolved */
	struct prefix	*advertise;	/* default: the site's prefixes */
	size_t		 nadvertise;
	long		 as_path_prepend;
	int		 has_local_preference;
	long		 local_preference;
	char		*connection;	/* Azure connection name */
};

struct ike {
	long		 version;	/* 1 or 2; default 2 */
	/*
	 * The connection's DPD timeout; 45 s, Azure's default (VPNDPD in
	 * docs/model.md), when the design sets none.  has_dpd_timeout_s
	 * tells the figure the design sets from that default.
	 */
	int		 has_dpd_timeout_s;
	long		 dpd_timeout_s;
	int		 has_sa_lifetime_s;
	long		 sa_lifetime_s;	/* custom phase 2 lifetime */
};

/* One on-premises VPN device and its connection to the VPN gateway. */
struct vpn_device {
	const struct value *node;
	char		*name;		/* default "vpn1", "vpn2", ... */
	char		*vendor;
	char		*model;
	struct prefix	 public_ip;
	int		 is_static;	/* no BGP: routes to the site's prefixes */
	int		 has_bgp;
	long		 bgp_asn;
	struct prefix	 bgp_peer_ip;
	struct prefix	*advertise;	/* BGP: default the site's prefixes */
	size_t		 nadvertise;
	long		 as_path_prepend;
	int		 has_local_preference;
	long		 local_preference;
	struct ike	 ike;
	char		*shared_key_ref;	/* Key Vault secret reference */
	char		*connection;	/* Azure connection name */
	char		*local_network_gateway;	/* its Azure resource name */
};

struct site {
	const struct value *node;
	char		*name;
	char		*location;
	struct prefix	*address_prefixes;
	size_t		 naddress_prefixes;
	struct site_er	*er;		/* ExpressRoute attachments */
	size_t		 ner;
	struct vpn_device *devices;	/* VPN devices */
	size_t		 ndevices;
};

struct traffic {
	const struct value *node;
	char		*site_name;
	struct site	*site;
	long		 peak_mbps;
	char		*to_name;	/* transit to another site, or NULL */
	struct site	*to;
};

/* Route Server routing preference (ARS-PREF), as HubRoutingPreference. */
enum rs_preference {
	RS_PREF_EXPRESSROUTE,	/* the default */
	RS_PREF_VPNGATEWAY,
	RS_PREF_ASPATH
};

struct route_server {
	const struct value *node;
	int		 enabled;
	int		 branch_to_branch;
	enum rs_preference routing_preference;
};

struct failover {
	const struct value *node;
	long		 depth;		/* 1 or 2 */
	char		**tests;	/* scenario ids; none: all of depth 1 */
	size_t		 ntests;
	char		*maintenance_window;	/* words, or NULL */
};

struct suppress {
	const struct value *node;
	char		*rule;
	char		*object;
	char		*reason;
};

/*
 * A value the design gives as `unknown` (docs/format.md): the object it
 * belongs to, its key, its object path ("circuits.er-ams.
 * private_peering.vlan_id") and the placeholder renderers print in its
 * place ("<unknown: PATH>").  The typed field is left zero (numbers,
 * addresses) or holds the placeholder (text).
 */
struct unknown {
	const struct value *obj;
	const char	*key;
	char		*path;
	char		*placeholder;
	struct mark	 mark;
};

struct design {
	char		*file;		/* as given on the command line */
	struct value	*root;		/* the value tree; owned */
	char		*source;	/* the file's bytes; owned */
	size_t		 source_len;
	char		 hash[17];	/* FNV-1a 64 of source, hex */

	long		 version;
	char		*name;
	char		*title;
	char		*description;
	char		*owner;
	char		**approvers;
	size_t		 napprovers;

	const struct value *azure_node;
	char		*subscription;
	char		*resource_group;
	char		*region;
	struct vnet	 vnet;
	struct spoke	*spokes;
	size_t		 nspokes;
	struct er_gateway er_gateway;
	struct vpn_gateway vpn_gateway;

	struct circuit	*circuits;
	size_t		 ncircuits;
	struct site	*sites;
	size_t		 nsites;
	struct traffic	*traffic;
	size_t		 ntraffic;
	struct route_server route_server;
	struct failover	 failover;
	struct suppress	*suppress;
	size_t		 nsuppress;
	struct unknown	*unknowns;	/* in document order */
	size_t		 nunknowns;
};

/*
 * Loads and binds the design in path ("-" for standard input): reads
 * the file, parses YAML, checks it against the schema and binds it.
 * Every input error is added to d (all of them, not just the first).
 * Returns the design, or NULL when there was any input error.  The
 * caller frees with design_free().
 */
struct design	*design_load(const char *path, struct diags *d);
/* The same from bytes in memory; name is used in messages. */
struct design	*design_load_mem(const char *name, const char *data,
		    size_t len, struct diags *d);
void		 design_free(struct design *dsn);

/*
 * What names a design file before, or without, loading it: for tools
 * that list a folder of designs (the site) and must name the ones that
 * do not load too.  name is the top-level "name" when the bytes parse
 * as YAML and it is a valid slug (schema_slug_ok()), else NULL; hash is
 * the same hash of the bytes as struct design's (zeros when data is
 * NULL).  Release with design_id_release().
 */
struct design_id {
	char		*name;
	struct mark	 name_mark;
	char		 hash[17];
};
void		 design_identify(const char *file, const char *data,
		    size_t len, struct design_id *id);
void		 design_id_release(struct design_id *id);

/*
 * The position of key inside the object node, or of the node itself
 * when key is NULL or absent; {0,0} when node is NULL.
 */
struct mark	 design_mark(const struct value *node, const char *key);

/*
 * The placeholder of obj's key when the design gives it as unknown,
 * else NULL.  obj may be NULL (absent object: NULL).
 */
const char	*design_unknown(const struct design *dsn,
		    const struct value *obj, const char *key);
/*
 * A number or an address of obj's key as text for a document: the
 * placeholder when unknown, else v (or p) formatted into buf (at least
 * PREFIX_STRLEN bytes).
 */
const char	*design_num(const struct design *dsn, const struct value *obj,
		    const char *key, long v, char *buf);
const char	*design_addr(const struct design *dsn,
		    const struct value *obj, const char *key,
		    const struct prefix *p, int with_len, char *buf);
/*
 * The same copied into out (n bytes; DESIGN_TEXTLEN holds any
 * placeholder, names being at most 80 characters).
 */
#define DESIGN_TEXTLEN	256
void		 design_addr_copy(const struct design *dsn,
		    const struct value *obj, const char *key,
		    const struct prefix *p, int with_len, char *out, size_t n);
/* The unknown's entry itself, or NULL. */
const struct unknown *design_unknown_at(const struct design *dsn,
		    const struct value *obj, const char *key);

/* Lookups by name; NULL when absent. */
struct site	*design_site(const struct design *dsn, const char *name);
struct circuit	*design_circuit(const struct design *dsn, const char *name);
/* The subnet named exactly "GatewaySubnet", or NULL. */
const struct subnet *design_gateway_subnet(const struct design *dsn);

/* Both gateways present: the coexistence configuration. */
int		 design_coexist(const struct design *dsn);

/* SKU facts from the table in sku.h (sku.c), for rules, simulation
 * and views. */
const char	*er_sku_name(enum er_sku sku);
long		 er_sku_mbps(const struct er_gateway *gw);
long		 er_sku_routes(const struct er_gateway *gw);
int		 er_sku_fastpath(const struct er_gateway *gw);
long		 er_sku_max_circuits(const struct er_gateway *gw);
int		 er_sku_zone_redundant(enum er_sku sku);
/* The docs/model.md key of the row's source page: "ERGW", "VPN-SKU". */
const char	*er_sku_source_key(enum er_sku sku);
const char	*vpn_sku_source_key(enum vpn_sku sku);
const char	*vpn_sku_name(enum vpn_sku sku);
/* 0 when the SKU does not exist in that generation. */
long		 vpn_sku_mbps(enum vpn_sku sku, long generation);
long		 vpn_sku_tunnels(enum vpn_sku sku);
int		 vpn_sku_zone_redundant(enum vpn_sku sku);
/* Non-zero for a VpnGw1-5 SKU without AZ. */
int		 vpn_sku_non_az(enum vpn_sku sku);
/* Non-zero for the retired Standard/HighPerformance SKUs. */
int		 vpn_sku_legacy(enum vpn_sku sku);
const char	*circuit_sku_name(enum circuit_sku sku);

/* Tunnels a device has to the gateway: 2 on active-active, else 1. */
size_t		 design_tunnels_per_device(const struct design *dsn);

#endif

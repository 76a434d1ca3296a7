/*
 * The semantic diff of two versions of a design, first stage of the
 * packet pipeline.  It compares the bound models (design.h), not the
 * YAML text: defaults are applied, prefixes are canonical, and
 * formatting, comments and key order do not count.  The walk is driven
 * by the schema table (schema.h), so every key of the format is
 * compared and a new key needs no code here.
 *
 * Objects in lists are matched by name: subnets, spokes, circuits,
 * sites and VPN devices by their name, a site's ExpressRoute
 * attachments by circuit, traffic entries by site (and "to"),
 * suppress entries by rule and object, gateway instances by position.
 * The gateways, the VNet, route_server and failover are singletons.
 * A matched object that differs gives one change per field, with the
 * old and new values as text; an object on one side only gives one
 * "added" or "removed" change for the whole object.  Lists of scalars
 * (prefixes, approvers, failover tests) are compared as sets: one
 * change per element added or removed.
 *
 * Object paths are the findings' ("sites.HQ", "sites.HQ.vpn.hq-asr",
 * "azure.vpn_gateway", "azure.vnet.subnets.GatewaySubnet"); the design
 * itself is "".  Field names are dotted below the object, as in the
 * YAML: "bandwidth_mbps", "private_peering.bfd", "bgp.asn".
 */
#ifndef HYBRIDOC_DIFF_H
#define HYBRIDOC_DIFF_H

#include <stddef.h>

#include "hybridoc/schema.h"
#include "hybridoc/value.h"

struct design;

enum diff_op {
	DIFF_ADDED,
	DIFF_REMOVED,
	DIFF_CHANGED
};

/*
 * What the changed object is: one per schema object that has identity,
 * with the values of the schema's enum schema_kind (schema.c, idents[]
 * is the table).
 */
enum diff_kind {
	DIFF_DESIGN = SK_DESIGN,	/* top-level keys and azure.* scalars */
	DIFF_VNET = SK_VNET,
	DIFF_SUBNET = SK_SUBNET,
	DIFF_SPOKE = SK_SPOKE,
	DIFF_ER_GATEWAY = SK_ER_GATEWAY,
	DIFF_VPN_GATEWAY = SK_VPN_GATEWAY,
	DIFF_INSTANCE = SK_INSTANCE,	/* a VPN gateway instance */
	DIFF_CIRCUIT = SK_CIRCUIT,
	DIFF_SITE = SK_SITE,
	DIFF_SITE_ER = SK_SITE_ER,	/* a site's ExpressRoute attachment */
	DIFF_DEVICE = SK_DEVICE,	/* a site's VPN device and its
					   connection */
	DIFF_TRAFFIC = SK_TRAFFIC,
	DIFF_ROUTE_SERVER = SK_ROUTE_SERVER,
	DIFF_FAILOVER = SK_FAILOVER,
	DIFF_SUPPRESS = SK_SUPPRESS,
	DIFF_NKINDS = SK_NKINDS
};

/*
 * One change.  field is NULL when a whole object was added or removed;
 * otherwise the change is to that field of the object (for a list of
 * scalars, op says whether the element in before/after was added or
 * removed; for an optional sub-object such as bgp, op says whether it
 * appeared or went away).  before and after are the values as text,
 * NULL when absent ("not set").  old_obj and new_obj point at the
 * object's struct in each design (struct site *, struct circuit *,
 * struct design * for DIFF_DESIGN ...), NULL on the side where it does
 * not exist; old_parent and new_parent at the object that holds it (the
 * site of a device or attachment, the VNet of a subnet, the VPN
 * gateway of an instance, the design of a site or gateway; NULL for
 * the design itself).  mark is the object's (or the
 * field's) position in the head design, or in the base design when it
 * was removed.
 */
struct diff_change {
	enum diff_op	 op;
	enum diff_kind	 kind;
	char		*object;
	char		*field;
	enum schema_sem	 sem;		/* the field's meaning; SEM_UNSET
					   for a whole object */
	char		*before;
	char		*after;
	const void	*old_obj;
	const void	*new_obj;
	const void	*old_parent;
	const void	*new_parent;
	struct mark	 mark;
};

struct diff {
	struct diff_change *v;
	size_t		 n;
	size_t		 cap;
};

/*
 * Fills df (which the caller has zeroed or released) with the changes
 * from base to head, in schema order: the design's own keys, azure
 * (VNet, subnets, spokes, gateways), circuits, sites, traffic,
 * route_server, failover, suppress; within a list, the head's objects
 * in their order, then the ones the head removed in base order.  Both
 * designs must outlive df.  Never fails.
 */
void		 diff_designs(struct diff *df, const struct design *base,
		    const struct design *head);
/* Frees the changes; df is empty and reusable afterwards. */
void		 diff_release(struct diff *df);
/*
 * Non-zero when change c is to field f (diff_field_is) or to a field
 * whose name starts with prefix, such as "ike." (diff_field_in); 0 for
 * the change of a whole object.
 */
int		 diff_field_is(const struct diff_change *c, const char *f);
int		 diff_field_in(const struct diff_change *c, const char *prefix);
/* "added", "removed", "changed". */
const char	*diff_op_name(enum diff_op op);
/* Human words for a kind: "site", "VPN device", "ExpressRoute gateway". */
const char	*diff_kind_name(enum diff_kind kind);
/* A short machine name for a kind: "site", "device", "er_gateway". */
const char	*diff_kind_id(enum diff_kind kind);
/*
 * The first change of object (exact path) and field (NULL: a change of
 * the whole object), or NULL.
 */
const struct diff_change *diff_find(const struct diff *df,
		    const char *object, const char *field);

#endif

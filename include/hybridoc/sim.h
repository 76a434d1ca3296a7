/*
 * The routing and failover simulation (design.md, "The simulation
 * model").  From a bound design it enumerates failure elements, builds
 * the scenarios (baseline, every single failure, and with depth 2 every
 * pair), and for each scenario and each atom of the on-premises address
 * plan computes Azure's route choice, its capacity and its failure
 * detection time, plus each site's return path.  The results feed the
 * HD6xx findings, `hybridoc simulate`, the diagrams' scenario views,
 * the runbook and the packet.  A struct sim is owned by the caller and
 * freed with sim_free(); it points into the design, which must outlive
 * it.
 */
#ifndef HYBRIDOC_SIM_H
#define HYBRIDOC_SIM_H

#include <stddef.h>

#include "hybridoc/prefix.h"

struct buf;
struct circuit;
struct design;
struct diags;
struct findings;
struct site;
struct vpn_device;

enum sim_path {
	SIM_NONE,
	SIM_EXPRESSROUTE,
	SIM_VPN
};

enum sim_elem_kind {
	SIM_EL_CIRCUIT,		/* circuit-down:NAME */
	SIM_EL_LINK,		/* link-down:NAME:primary|secondary */
	SIM_EL_ER_GATEWAY,	/* er-gateway-down */
	SIM_EL_VPN_INSTANCE,	/* vpn-instance-down:N */
	SIM_EL_TUNNEL,		/* tunnel-down:SITE:DEVICE:N */
	SIM_EL_DEVICE,		/* device-down:SITE:DEVICE */
	SIM_EL_SITE,		/* site-down:NAME */
	SIM_EL_LOCATION		/* location-down:PEERING-LOCATION-SLUG */
};

struct sim_element {
	enum sim_elem_kind kind;
	char		*id;		/* "circuit:NAME", as in "failed" */
	char		*scenario;	/* "circuit-down:NAME" */
	char		*label;		/* human words: "circuit er-x" */
	const struct circuit *circuit;	/* CIRCUIT, LINK */
	int		 link;		/* LINK: 0 primary, 1 secondary */
	size_t		 instance;	/* VPN_INSTANCE, TUNNEL */
	const struct site *site;	/* TUNNEL, DEVICE, SITE */
	const struct vpn_device *device; /* TUNNEL, DEVICE */
	const char	*location;	/* LOCATION: peering location */
};

/* One tunnel: a device to one gateway instance. */
struct sim_tunnel {
	const struct site *site;
	const struct vpn_device *device;
	size_t		 instance;
};

struct sim_route {
	struct prefix	 atom;
	const struct site *site;	/* the site the atom belongs to */
	enum sim_path	 path;
	struct prefix	 matched;	/* the route used (longest match) */
	/* ExpressRoute: the circuits used (ECMP when several) and links. */
	const struct circuit **circuits;
	size_t		 ncircuits;
	int		 links;		/* bit 0 primary, bit 1 secondary up */
	/* VPN: the tunnels used (ECMP when several). */
	struct sim_tunnel *tunnels;
	size_t		 ntunnels;
	char		*via;		/* short text: circuit or tunnels */
	long		 capacity_mbps;	/* 0 when unreachable */
	double		 detect_s;	/* detection of this scenario's failure */
	/* The same atom's next choice if this path failed (baseline). */
	enum sim_path	 backup;
	char		*backup_via;
};

struct sim_return {
	const struct site *site;
	enum sim_path	 path;		/* SIM_NONE when undetermined */
	int		 undetermined;
	long		 er_local_preference;	/* -1 when not set */
	long		 vpn_local_preference;	/* -1 when not set */
};

struct sim_scenario {
	char		*id;		/* "baseline", "circuit-down:NAME" */
	size_t		*failed;	/* indices into sim.elems */
	size_t		 nfailed;
	struct sim_route *routes;	/* one per atom, in sim.atoms order */
	size_t		 nroutes;
	struct sim_return *ret;		/* one per site, in design order */
	size_t		 nret;
	int		 differs;	/* a route differs from the baseline */
};

struct sim {
	const struct design *dsn;
	struct prefix	*atoms;		/* sorted */
	size_t		 natoms;
	struct sim_element *elems;
	size_t		 nelems;
	struct sim_scenario *scenarios;	/* [0] is the baseline */
	size_t		 nscenarios;
	long		 depth;
};

/*
 * Runs the simulation at depth 1 or 2 (0: the design's failover.depth).
 * Never fails on a bound design.  The caller frees with sim_free().
 */
struct sim	*sim_run(const struct design *dsn, long depth);
void		 sim_free(struct sim *s);
/* The scenario with that id, or NULL. */
const struct sim_scenario *sim_scenario(const struct sim *s, const char *id);
/* Non-zero when element index e failed in the scenario. */
int		 sim_failed(const struct sim_scenario *sc, size_t e);
const char	*sim_path_name(enum sim_path p);	/* "expressroute" */
/* Adds the HD6xx findings. */
void		 sim_findings(const struct sim *s, struct findings *f);
/*
 * JSON in the shape of design.md; only one scenario when id is not
 * NULL.  Sorted and stable.
 */
void		 sim_json(struct buf *out, const struct sim *s, const char *id);
/* The readable matrix for `hybridoc simulate`. */
void		 sim_text(struct buf *out, const struct sim *s, const char *id,
		    int colour);

#endif

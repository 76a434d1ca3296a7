/*
 * The last expectations of a planned test (procedure_int.h,
 * proc_expectations_end): what proves, after the rollback or once a
 * reset instance is back, that the paths the test touched are back --
 * for ExpressRoute the circuits' BGP sessions and the gateway's learned
 * routes, for the VPN its BGP peers and every tunnel in scope.  These
 * rows are marked "after" (proc_step.after): documents print them
 * below the rollback, where they are read.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/findings.h"
#include "hybridoc/prefix.h"
#include "hybridoc/procedure.h"
#include "hybridoc/rules.h"
#include "hybridoc/shell.h"
#include "hybridoc/sim.h"
#include "hybridoc/value.h"
#include "hybridoc/words.h"
#include "hybridoc/xalloc.h"

#include "procedure_int.h"

/* path is root or lies below it. */
static int
has_prefix_path(const char *path, const char *root)
{
	size_t	 n = strlen(root);

	return strncmp(path, root, n) == 0 && (path[n] == '\0' ||
	    path[n] == '.');
}

/* The circuits a procedure is about (its scope). */
static int
circuit_in_scope(const struct procedure *p, const struct circuit *c)
{
	struct buf	 b = BUF_INIT;
	int		 r;

	size_t		 i;

	buf_printf(&b, "circuits.%s", c->name);
	r = procedure_in_scope(p, buf_cstr(&b));
	/* Or a part of it: one link. */
	buf_putc(&b, '.');
	for (i = 0; i < p->nscope; i++)
		r = r || strncmp(p->scope[i], buf_cstr(&b), b.len) == 0;
	buf_truncate(&b, 0);
	buf_printf(&b, "er_gateway.connections.%s", c->name);
	r = r || procedure_in_scope(p, buf_cstr(&b)) ||
	    procedure_in_scope(p, "er_gateway");
	buf_release(&b);
	return r;
}

/* Whether a procedure's action reaches device v's tunnels. */
static int
device_in_scope(const struct procedure *p, const struct site *si,
    const struct vpn_device *v)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 r = 0;

	buf_printf(&b, "sites.%s.devices.%s", si->name, v->name);
	for (i = 0; i < p->nscope; i++)
		r = r || strncmp(p->scope[i], buf_cstr(&b), b.len) == 0 ||
		    has_prefix_path(p->scope[i], "vpn_gateway") ||
		    procedure_in_scope(p, buf_cstr(&b));
	buf_release(&b);
	return r;
}

/*
 * The last expectations of a planned test: what proves the paths it
 * touched are back.  ExpressRoute: the gateway's learned routes and
 * both BGP sessions of every circuit in scope; VPN: the BGP peers and
 * the tunnels.
 */
void
proc_expectations_end(const struct analysis *a, struct procedure *p)
{
	const struct design *dsn = a->dsn;
	struct buf	 az = BUF_INIT, ps = BUF_INIT, sp = BUF_INIT;
	struct proc_step *st;
	char		 pf[PREFIX_STRLEN];
	size_t		 i, j, n0 = p->expect.n;
	int		 er = 0, sitefo = 0, reset = 0;
	const char	*back;

	for (i = 0; i < p->actions.n; i++) {
		sitefo = sitefo || (p->actions.v[i].az &&
		    strstr(p->actions.v[i].az, "start-site-failover-test"));
		reset = reset || (p->actions.v[i].source &&
		    strcmp(p->actions.v[i].source, SRC_VPNRESET) == 0);
	}
	/* A reset has no rollback: the instance comes back alone (#16). */
	back = reset ? "After the reset, once the instance is back" :
	    "After the rollback";
	for (j = 0; j < dsn->vnet.naddress_space; j++)
		buf_printf(&sp, "%s%s", j ? ", " : "",
		    PFX(&dsn->vnet.address_space[j], pf));
	if (sitefo) {
		/*
		 * The simulation leaves the circuits' BGP sessions up: what
		 * proves it ended is its status and the virtual network
		 * back in the circuits' route tables (review 17 #6).
		 */
		st = proc_step_add(&p->expect, "%s: the site "
		    "failover test reports that it ended", back);
		proc_cmd_sitefo_status(&az, &ps, dsn);
		proc_step_cmds(st, &az, &ps);
		proc_set_str(&st->expect, "The latest test has status Completed "
		    "(not Stopping, StopFailed or Running)");
		proc_set_str(&st->source, SRC_RESVAL);
		proc_step_back_estimate(st);
	}
	for (i = 0; i < dsn->ncircuits; i++) {
		const struct circuit *c = &dsn->circuits[i];

		if (!circuit_in_scope(p, c))
			continue;
		er = 1;
		if (sitefo) {
			st = proc_step_add(&p->expect, "%s: the "
			    "virtual network is back in the route table of "
			    "circuit %s (primary shown; repeat with --path "
			    "secondary / -DevicePath Secondary)", back,
			    c->name);
			proc_cmd_link_table(&az, &ps, dsn, c, 0, 0);
			proc_step_cmds(st, &az, &ps);
			proc_set_str(&st->expect, "%s listed again, as in the "
			    "baseline: on-premises learns Azure over the "
			    "circuit again", buf_cstr(&sp));
			proc_step_back_estimate(st);
			continue;
		}
		st = proc_step_add(&p->expect, "%s: both BGP "
		    "sessions of circuit %s are up again (primary shown; "
		    "repeat with --path secondary / -DevicePath Secondary)",
		    back, c->name);
		proc_cmd_route_summary(&az, &ps, dsn, c, 0);
		proc_step_cmds(st, &az, &ps);
		proc_set_str(&st->expect, "The neighbour is up (Up/Down shows a "
		    "duration, not Idle, Active or Connect) and StatePfxRcd "
		    "is the count it had in the baseline");
		proc_step_back_estimate(st);
	}
	if (er && dsn->er_gateway.node) {
		st = proc_step_add(&p->expect, "%s: the "
		    "ExpressRoute gateway %s has learned every prefix from "
		    "the same circuits as in the baseline", back,
		    dsn->er_gateway.name);
		proc_cmd_learned(&az, &ps, dsn, dsn->er_gateway.name);
		proc_step_cmds(st, &az, &ps);
		proc_set_str(&st->expect, "Every prefix recorded before the "
		    "test is listed again with origin EBgp, from the same "
		    "peers (the circuits' edge routers) as in that record");
		proc_step_back_estimate(st);
	}
	if (!er && dsn->vpn_gateway.node) {
		int	 bgp = 0;

		for (i = 0; i < dsn->nsites; i++)
			for (j = 0; j < dsn->sites[i].ndevices; j++)
				bgp = bgp || dsn->sites[i].devices[j].has_bgp;
		if (bgp) {
			st = proc_step_add(&p->expect, "%s: "
			    "every BGP peer of the VPN gateway %s is "
			    "Connected, as in the baseline", back,
			    dsn->vpn_gateway.name);
			proc_cmd_bgp_peers(&az, &ps, dsn);
			proc_step_cmds(st, &az, &ps);
			proc_set_str(&st->expect, "Every row the record made "
			    "before the test shows State Connected again, on "
			    "every instance");
			proc_step_back_estimate(st);
		}
		/* Every tunnel the test touched, read per tunnel (#10). */
		for (i = 0; i < dsn->nsites; i++)
			for (j = 0; j < dsn->sites[i].ndevices; j++) {
				const struct site *si = &dsn->sites[i];
				const struct vpn_device *v = &si->devices[j];

				if (!device_in_scope(p, si, v))
					continue;
				st = proc_step_add(&p->expect, "%s: "
				    "every tunnel of %s/%s is "
				    "Connected again", back, si->name,
				    v->name);
				proc_cmd_tunnels(&az, &ps, dsn, v->connection);
				proc_step_cmds(st, &az, &ps);
				proc_set_str(&st->expect, "Each entry of "
				    "tunnelConnectionStatus has connectionStatus "
				    "Connected, as in the baseline");
				if (v->has_bgp)
					proc_step_back_estimate(st);
				else
					proc_step_tunnel_back_estimate(st);
			}
	}
	for (i = n0; i < p->expect.n; i++)
		p->expect.v[i].after = 1;
	buf_release(&az);
	buf_release(&ps);
	buf_release(&sp);
}

/*
 * The runbook's chapter "When something fails unplanned" (procedure.h,
 * procset_outage): per circuit, per gateway (the ExpressRoute gateway,
 * each VPN gateway instance) and per site VPN device, what to check
 * first, who to call and what the simulation says happens; and the
 * steps that accepted findings promise.  Everything here observes: no
 * record has an action that changes Azure.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/design.h"
#include "hybridoc/findings.h"
#include "hybridoc/procedure.h"
#include "hybridoc/procedure_cmd.h"
#include "hybridoc/rules.h"
#include "hybridoc/sim.h"
#include "hybridoc/xalloc.h"

#include "procedure_int.h"


static void
outage_circuit(const struct analysis *a, const struct circuit *c,
    struct procset *set, unsigned char *site_on, unsigned char *circuit_on)
{
	const struct design *dsn = a->dsn;
	struct buf	 b = BUF_INIT, az = BUF_INIT, ps = BUF_INIT;
	struct buf	 hole = BUF_INIT;
	struct procedure *p;
	struct proc_step *s;
	const struct sim_scenario *sc;
	size_t		 i;

	buf_printf(&b, "outage:circuit:%s", c->name);
	p = proc_procset_add(set, buf_cstr(&b));
	buf_truncate(&b, 0);
	buf_printf(&b, "circuit-down:%s", c->name);
	sc = sim_scenario(a->sim, buf_cstr(&b));
	proc_strv_add(&p->scenarios, &p->nscenarios, buf_cstr(&b));
	proc_set_str(&p->title, "Circuit %s is down (unplanned)", c->name);
	proc_set_str(&p->blast_radius, "Nothing: this section only observes and "
	    "calls.");
	scope_add(p, "circuits.%s", c->name);
	buf_truncate(&b, 0);
	if (c->service_key)
		buf_printf(&b, "Service key: %s (quote it to the provider).",
		    c->service_key);
	else
		buf_puts(&b, "Service key: not recorded in the design "
		    "(circuits[].service_key); the show command below "
		    "prints it as serviceKey.");
	proc_strv_add(&p->notes, &p->nnotes, buf_cstr(&b));
	buf_truncate(&b, 0);
	buf_printf(&b, "Provider %s NOC: %s.", c->provider, c->provider_noc ?
	    c->provider_noc : "not recorded in the design "
	    "(circuits[].provider_noc)");
	proc_strv_add(&p->notes, &p->nnotes, buf_cstr(&b));
	buf_truncate(&b, 0);
	buf_printf(&b, "Escalation: %s.", c->escalation ? c->escalation :
	    "not recorded in the design (circuits[].escalation)");
	proc_strv_add(&p->notes, &p->nnotes, buf_cstr(&b));
	buf_truncate(&b, 0);
	buf_printf(&b, "Peering location %s, resource group %s%s%s.",
	    c->peering_location, proc_circuit_rg(c, &hole), c->subscription ?
	    ", subscription " : "", c->subscription ? c->subscription : "");
	proc_strv_add(&p->notes, &p->nnotes, buf_cstr(&b));
	s = proc_step_add(&p->observe, "Check first: the circuit's provisioning "
	    "states (circuitProvisioningState and "
	    "serviceProviderProvisioningState both Provisioned/Enabled?) "
	    "and its service key");
	proc_cmd_circuit_show(&az, &ps, dsn, c);
	proc_step_cmds(s, &az, &ps);
	for (i = 0; i < 2; i++) {
		s = proc_step_add(&p->observe, "Layer 2 on the %s link: an empty "
		    "ARP table means the link or the provider is down",
		    i ? "secondary" : "primary");
		proc_cmd_link_table(&az, &ps, dsn, c, (int)i, 1);
		proc_step_cmds(s, &az, &ps);
	}
	memset(site_on, 0, dsn->nsites + 1);
	memset(circuit_on, 0, dsn->ncircuits + 1);
	circuit_on[(size_t)(c - dsn->circuits)] = 1;
	if (sc != NULL)
		proc_touched(a, sc, site_on, circuit_on);
	proc_observe_steps(dsn, site_on, circuit_on, &p->observe);
	if (sc != NULL)
		proc_expectations(a, sc, p, 0, NULL);
	buf_release(&b);
	buf_release(&az);
	buf_release(&ps);
	buf_release(&hole);
}

/*
 * An unplanned failure of a gateway or of a site's VPN device: what the
 * simulation says happens, and the commands that show what it touches.
 * Observation only, like a circuit's; who to call is the design's owner
 * (sites have no contact field) or, for a gateway, Azure support.
 */
static void
outage_other(const struct analysis *a, struct procset *set, const char *scen,
    const char *object, const char *gw, const char *call,
    unsigned char *site_on, unsigned char *circuit_on, const char *fmt, ...)
{
	const struct sim_scenario *sc = sim_scenario(a->sim, scen);
	const struct design *dsn = a->dsn;
	struct procedure *p;
	struct proc_step *s;
	struct buf	 b = BUF_INIT, az = BUF_INIT, ps = BUF_INIT;
	size_t		 i;
	va_list		 ap;

	if (sc == NULL)
		return;
	buf_printf(&b, "outage:%s", scen);
	p = proc_procset_add(set, buf_cstr(&b));
	buf_truncate(&b, 0);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	proc_set_str(&p->title, "%s", buf_cstr(&b));
	proc_strv_add(&p->scenarios, &p->nscenarios, scen);
	proc_set_str(&p->blast_radius, "Nothing: this section only observes "
	    "and calls.");
	scope_add(p, "%s", object);
	proc_strv_add(&p->notes, &p->nnotes, call);
	if (gw != NULL) {
		/* The gateway itself first, as a circuit's section reads
		 * the circuit (review 20 Q13). */
		s = proc_step_add(&p->observe, "Check first: gateway %s's "
		    "provisioning state (Succeeded?) and SKU; its Resource "
		    "health page in the Azure portal says whether Azure knows "
		    "of a problem, and support asks for it", gw);
		proc_cmd_gateway_state(&az, &ps, dsn, gw);
		proc_step_cmds(s, &az, &ps);
	}
	proc_touched(a, sc, site_on, circuit_on);
	/* An instance carries a tunnel of every VPN device, whether its
	 * routes move or not: read them all. */
	if (strncmp(scen, "vpn-instance-down:", 18) == 0)
		for (i = 0; i < dsn->nsites; i++)
			if (dsn->sites[i].ndevices > 0)
				site_on[i] = 1;
	proc_observe_steps(dsn, site_on, circuit_on, &p->observe);
	proc_expectations(a, sc, p, 0, NULL);
	buf_release(&b);
	buf_release(&az);
	buf_release(&ps);
}

/* The gateways and every site's VPN devices, after the circuits. */
static void
outage_others(const struct analysis *a, struct procset *set,
    unsigned char *site_on, unsigned char *circuit_on)
{
	const struct design *dsn = a->dsn;
	struct buf	 id = BUF_INIT, call = BUF_INIT;
	char		*inst;
	size_t		 i, j;
	int		 n;

	if (dsn->er_gateway.node)
		outage_other(a, set, "er-gateway-down", "azure.expressroute_gateway",
		    dsn->er_gateway.name, "Who to call: Azure support (a gateway is Microsoft's to "
		    "restore); open a case against the gateway's resource.",
		    site_on, circuit_on, "ExpressRoute gateway %s is down "
		    "(unplanned)", dsn->er_gateway.name);
	for (n = 0; dsn->vpn_gateway.node && n < 2; n++) {
		buf_truncate(&id, 0);
		buf_printf(&id, "vpn-instance-down:%d", n);
		buf_truncate(&call, 0);
		proc_instance_words(&call, dsn, (size_t)n);
		inst = buf_detach(&call, NULL);
		outage_other(a, set, buf_cstr(&id), "azure.vpn_gateway",
		    dsn->vpn_gateway.name, "Who to call: Azure support (a gateway instance is "
		    "Microsoft's to restore); open a case against the "
		    "gateway's resource.", site_on, circuit_on,
		    "VPN gateway %s, instance %s, is down (unplanned)",
		    dsn->vpn_gateway.name, inst);
		free(inst);
	}
	for (i = 0; i < dsn->nsites; i++)
		for (j = 0; j < dsn->sites[i].ndevices; j++) {
			const struct site *st = &dsn->sites[i];

			buf_truncate(&id, 0);
			buf_printf(&id, "device-down:%s:%s", st->name,
			    st->devices[j].name);
			buf_truncate(&call, 0);
			buf_printf(&call, "Who to call: the team that runs %s's "
			    "device %s (the design records no site contact; "
			    "its owner is %s).", st->name, st->devices[j].name,
			    dsn->owner ? dsn->owner : "not recorded either");
			outage_other(a, set, buf_cstr(&id), "sites", NULL,
			    buf_cstr(&call),
			    site_on, circuit_on, "Site %s: the tunnels of "
			    "device %s are down (unplanned)", st->name,
			    st->devices[j].name);
		}
	buf_release(&id);
	buf_release(&call);
}

/* Suppressed findings whose reason promises a runbook step get one. */
static void
outage_promises(const struct analysis *a, struct procset *set)
{
	const struct findings *f = &a->findings;
	struct procedure *p = NULL;
	struct proc_step *s;
	size_t		 i;

	for (i = 0; i < f->n; i++) {
		const struct finding *g = &f->v[i];

		if (!g->suppressed || g->reason == NULL ||
		    strstr(g->reason, "runbook") == NULL)
			continue;
		if (p == NULL) {
			p = proc_procset_add(set, "outage:accepted-findings");
			proc_set_str(&p->title, "Steps promised by accepted "
			    "findings");
			proc_set_str(&p->blast_radius, "What each step's reason "
			    "says; hybridoc prints no command for it.");
			proc_strv_add(&p->notes, &p->nnotes, "These findings were "
			    "accepted (suppress:) on the promise of a runbook "
			    "step. Carry each out when the failure its "
			    "finding names happens.");
		}
		s = proc_step_add(&p->actions, "%s on %s: %s", g->rule->id,
		    g->object, g->reason);
		proc_set_str(&s->no_command, "An operational step the design "
		    "describes in words (suppress[].reason)");
		proc_set_str(&s->expect, "As the finding says: %s", g->msg);
		proc_step_target(s, "%s", g->object);
		scope_add(p, "%s", g->object);
	}
}

struct procset *
procset_outage(const struct analysis *a)
{
	struct procset	*set = xcalloc(1, sizeof(*set));
	unsigned char	*site_on, *circuit_on;
	size_t		 i;

	site_on = xcalloc(a->dsn->nsites + 1, 1);
	circuit_on = xcalloc(a->dsn->ncircuits + 1, 1);
	for (i = 0; i < a->dsn->ncircuits; i++)
		outage_circuit(a, &a->dsn->circuits[i], set, site_on,
		    circuit_on);
	outage_others(a, set, site_on, circuit_on);
	outage_promises(a, set);
	free(site_on);
	free(circuit_on);
	return proc_procset_finish(set);
}


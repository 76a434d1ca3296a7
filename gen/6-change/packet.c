/*
 * The packet stage: base and head, each through the checking pipeline
 * (analysis.h), and the semantic diff between them (diff.c) become one
 * value tree -- change summary, risk, findings before and after,
 * routing impact per scenario (impact.c), implementation plan and
 * rollback (plan*.c), verification and sign-off -- which the packet
 * templates render to Markdown, cmark-gfm to HTML, and the JSON writer
 * prints as is.  This file runs the other stages, derives the rest and
 * assembles the tree; every fact comes from the diff, the two
 * simulations and the two finding lists, and the templates only place
 * values.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hybridoc/analysis.h"
#include "hybridoc/buf.h"
#include "hybridoc/catalog.h"
#include "hybridoc/design.h"
#include "hybridoc/diag.h"
#include "hybridoc/diff.h"
#include "hybridoc/findings.h"
#include "hybridoc/impact.h"
#include "hybridoc/markdown.h"
#include "hybridoc/mustache.h"
#include "hybridoc/packet.h"
#include "hybridoc/plan.h"
#include "hybridoc/prefix.h"
#include "hybridoc/procedure.h"
#include "hybridoc/shell.h"
#include "hybridoc/runbook.h"
#include "hybridoc/sim.h"
#include "hybridoc/templates.h"
#include "hybridoc/value.h"
#include "hybridoc/version.h"
#include "hybridoc/view.h"
#include "hybridoc/words.h"
#include "hybridoc/xalloc.h"

#define PFX(p, b)	prefix_format((p), (b), 1)
#define ADDR(p, b)	prefix_format((p), (b), 0)

enum risk {
	RISK_NONE,
	RISK_LOW,
	RISK_MEDIUM,
	RISK_HIGH
};

static const char *const risk_names[] = { "none", "low", "medium", "high" };

/* ---- small builders ---- */

static void
put_opt(struct value *map, const char *key, const char *s)
{
	value_map_put(map, key, s ? value_new_str(s) : value_new_null());
}

/* ---- findings before and after ---- */

static struct value *
finding_value(struct value *list, const struct finding *g)
{
	struct value	*e = value_list_map(list);

	value_map_str(e, "id", g->rule->id);
	value_map_str(e, "severity", diag_level_str(finding_level(g)));
	value_map_str(e, "object", g->object);
	value_map_str(e, "message", g->msg);
	value_map_int(e, "line", g->mark.line);
	if (g->suppressed)
		value_map_str(e, "reason", g->reason ? g->reason : "");
	return e;
}

static int
same_finding(const struct finding *a, const struct finding *b)
{
	return a->rule == b->rule && strcmp(a->object, b->object) == 0;
}

struct fcounts {
	size_t	 new_errors, new_warnings;
	size_t	 resolved, nnew;
	struct buf new_err_ids, new_warn_ids;
};

static void
ids_add(struct buf *b, const char *id)
{
	const char	*p = buf_cstr(b);
	size_t		 n = strlen(id);

	/* Each id once, in order of appearance. */
	while ((p = strstr(p, id)) != NULL) {
		if ((p == buf_cstr(b) || p[-1] == ' ') &&
		    (p[n] == ',' || p[n] == '\0'))
			return;
		p += n;
	}
	buf_printf(b, "%s%s", b->len ? ", " : "", id);
}

/*
 * The object a finding is about still exists in the design ("sites.X",
 * "circuits.X"; anything else is taken to exist).
 */
static int
object_exists(const struct design *dsn, const char *object)
{
	const char	*rest;
	char		*name;
	size_t		 n;
	int		 r = 1;

	if (strncmp(object, "sites.", 6) == 0)
		rest = object + 6;
	else if (strncmp(object, "circuits.", 9) == 0)
		rest = object + 9;
	else
		return 1;
	n = strcspn(rest, ".");
	name = xstrndup(rest, n);
	r = object[0] == 's' ? design_site(dsn, name) != NULL :
	    design_circuit(dsn, name) != NULL;
	free(name);
	return r;
}

/*
 * A new, unsuppressed finding of the head on the same object at least
 * as severe as g: g did not go away because its cause was removed (a
 * capacity warning disappears when the path it measured is gone).
 * Returns its index, or hf->n.
 */
static size_t
worse_on_object(const struct findings *bf, const struct findings *hf,
    const struct finding *g)
{
	size_t	 i, j;

	for (i = 0; i < hf->n; i++) {
		if (hf->v[i].suppressed || strcmp(hf->v[i].object,
		    g->object) != 0 || finding_level(&hf->v[i]) <
		    finding_level(g) || hf->v[i].rule == g->rule)
			continue;
		for (j = 0; j < bf->n; j++)
			if (same_finding(&bf->v[j], &hf->v[i]))
				break;
		if (j == bf->n)
			return i;
	}
	return hf->n;
}

/* Non-zero when msg names scenario id as a whole word. */
static int
names_scenario(const char *msg, const char *id)
{
	const char	*p = msg;
	size_t		 n = strlen(id);

	while ((p = strstr(p, id)) != NULL) {
		char	 a = p == msg ? ' ' : p[-1], z = p[n];

		if (strchr(":_.-", a) == NULL && !isalnum((unsigned char)a) &&
		    strchr(":_.-", z) == NULL && !isalnum((unsigned char)z))
			return 1;
		p += n;
	}
	return 0;
}

/*
 * A failure scenario named in msg in which the change leaves a prefix
 * the base reached without any path, or NULL.  A finding measured in
 * such a scenario (a capacity warning on the backup, say) goes away
 * because the traffic it measured has nowhere to go, not because its
 * cause was removed.
 */
static const char *
lost_scenario_in(const struct impact *im, const char *msg)
{
	size_t	 i;

	for (i = 0; i < im->nsc; i++)
		if (im->sc[i].lost_existing > 0 && im->sc[i].in_head &&
		    strcmp(im->sc[i].id, "baseline") != 0 &&
		    names_scenario(msg, im->sc[i].id))
			return im->sc[i].id;
	return NULL;
}

static void
findings_compare(const struct analysis *ba, const struct analysis *ha,
    const struct impact *im, struct value *m, struct fcounts *fc)
{
	const char	*sid;
	const struct findings *bf = &ba->findings, *hf = &ha->findings;
	unsigned char	*used = xcalloc(bf->n + 1, 1);
	struct value	*ln, *lr, *lu, *ls, *lg, *lw;
	size_t		 i, j, k;

	ln = value_map_list(m, "new");
	lr = value_map_list(m, "resolved");
	lg = value_map_list(m, "removed_with_object");
	lw = value_map_list(m, "superseded");
	lu = value_map_list(m, "unchanged");
	ls = value_map_list(m, "suppressed");
	for (i = 0; i < hf->n; i++) {
		const struct finding *g = &hf->v[i];

		if (g->suppressed)
			continue;
		for (j = 0; j < bf->n; j++)
			if (!used[j] && !bf->v[j].suppressed &&
			    same_finding(&bf->v[j], g))
				break;
		if (j < bf->n) {
			used[j] = 1;
			finding_value(lu, g);
			continue;
		}
		finding_value(ln, g);
		fc->nnew++;
		if (finding_level(g) == DIAG_ERROR) {
			fc->new_errors++;
			ids_add(&fc->new_err_ids, g->rule->id);
		} else if (finding_level(g) == DIAG_WARNING) {
			fc->new_warnings++;
			ids_add(&fc->new_warn_ids, g->rule->id);
		}
	}
	for (j = 0; j < bf->n; j++) {
		const struct finding *g = &bf->v[j];

		if (used[j] || g->suppressed)
			continue;
		for (i = 0; i < hf->n; i++)
			if (hf->v[i].suppressed && same_finding(&hf->v[i], g))
				break;
		if (i < hf->n)
			finding_value(ls, &hf->v[i]);
		else if (!object_exists(ha->dsn, g->object))
			finding_value(lg, g);
		else if ((sid = lost_scenario_in(im, g->msg)) != NULL) {
			struct value *e = finding_value(lw, g);

			/* What took its place: a new finding that names the
			 * same scenario, else the lost path itself. */
			for (k = 0; k < hf->n; k++)
				if (!hf->v[k].suppressed &&
				    names_scenario(hf->v[k].msg, sid) &&
				    finding_level(&hf->v[k]) >= finding_level(g))
					break;
			for (i = 0; k < hf->n && i < bf->n; i++)
				if (same_finding(&bf->v[i], &hf->v[k]))
					k = hf->n;
			if (k < hf->n) {
				value_map_str(e, "instead", hf->v[k].rule->id);
				value_map_str(e, "instead_message",
				    hf->v[k].msg);
			} else {
				struct buf t = BUF_INIT;

				buf_printf(&t, "in %s the traffic it measured has "
				    "no path any more (routing impact)", sid);
				value_map_str(e, "instead", "lost path");
				value_map_str(e, "instead_message", buf_cstr(&t));
				buf_release(&t);
			}
		} else if ((k = worse_on_object(bf, hf, g)) < hf->n) {
			struct value *e = finding_value(lw, g);

			value_map_str(e, "instead", hf->v[k].rule->id);
			value_map_str(e, "instead_message", hf->v[k].msg);
		} else {
			finding_value(lr, g);
			fc->resolved++;
		}
	}
	free(used);
}

/* ---- summary ---- */

static void
describe_device(struct buf *b, const struct vpn_device *v)
{
	char	 t[PREFIX_STRLEN];

	words_device(b, v);
	buf_printf(b, " at %s, ", ADDR(&v->public_ip, t));
	if (v->has_bgp)
		buf_printf(b, "BGP AS %ld", v->bgp_asn);
	else
		buf_puts(b, "static");
}

/* One line on an object that was added or removed. */
static void
describe(struct buf *b, const struct diff_change *c)
{
	const void	*o = c->op == DIFF_ADDED ? c->new_obj : c->old_obj;
	char		 t[PREFIX_STRLEN];
	size_t		 j;

	switch (c->kind) {
	case DIFF_SITE: {
		const struct site *s = o;

		words_prefixes(b, s->address_prefixes,
		    s->naddress_prefixes, ", ");
		for (j = 0; j < s->ner; j++)
			buf_printf(b, "; ExpressRoute over %s",
			    s->er[j].circuit_name);
		for (j = 0; j < s->ndevices; j++) {
			buf_printf(b, "; VPN device %s (", s->devices[j].name);
			describe_device(b, &s->devices[j]);
			buf_putc(b, ')');
		}
		break;
	}
	case DIFF_DEVICE:
		describe_device(b, o);
		break;
	case DIFF_SITE_ER: {
		const struct site_er *er = o;

		buf_printf(b, "circuit %s, advertising ", er->circuit_name);
		words_prefixes(b, er->advertise, er->nadvertise, ", ");
		break;
	}
	case DIFF_CIRCUIT: {
		const struct circuit *ci = o;

		buf_printf(b, "%s at %s, ", ci->provider, ci->peering_location);
		words_mbps(b, ci->bandwidth_mbps);
		buf_printf(b, ", %s", circuit_sku_name(ci->sku));
		break;
	}
	case DIFF_SUBNET:
		buf_puts(b, PFX(&((const struct subnet *)o)->prefix, t));
		break;
	case DIFF_SPOKE:
		words_prefixes(b,
		    ((const struct spoke *)o)->address_space,
		    ((const struct spoke *)o)->naddress_space, ", ");
		break;
	case DIFF_VPN_GATEWAY: {
		const struct vpn_gateway *g = o;

		buf_printf(b, "%s %s, generation %ld", g->name,
		    vpn_sku_name(g->sku), g->generation);
		break;
	}
	case DIFF_ER_GATEWAY:
		buf_printf(b, "%s %s", ((const struct er_gateway *)o)->name,
		    er_sku_name(((const struct er_gateway *)o)->sku));
		break;
	case DIFF_INSTANCE:
		buf_printf(b, "public IP %s", ADDR(&((const struct gw_instance *)
		    o)->public_ip, t));
		break;
	case DIFF_TRAFFIC:
		buf_printf(b, "peak %ld Mbps", ((const struct traffic *)o)->
		    peak_mbps);
		break;
	case DIFF_SUPPRESS:
		words_show_value(b, ((const struct suppress *)o)->reason);
		break;
	default:
		break;
	}
}

/* Non-zero when a value does not fit a cell: several lines, or long. */
static int
long_value(const char *s)
{
	const char	*nl;

	if (s == NULL)
		return 0;
	nl = strchr(s, '\n');
	if (nl && nl[1] != '\0')
		return 1;
	return strlen(s) > WORDS_SHOW_MAX;
}

/* One line of s (from p to its end of line) shown as a cell value. */
static void
show_line(struct buf *b, const char *p)
{
	const char	*nl = strchr(p, '\n');
	char		*l = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);

	words_show_value(b, *l ? l : "(empty line)");
	free(l);
}

/*
 * Long text that changed (a description): the first line that differs,
 * before and after, rather than two cut-off openings that look alike.
 */
static void
text_change(struct buf *b, const char *x, const char *y)
{
	const char	*p = x, *q = y;
	size_t		 line = 1;

	for (;;) {
		const char *pe = strchr(p, '\n'), *qe = strchr(q, '\n');
		size_t	 pl = pe ? (size_t)(pe - p) : strlen(p);
		size_t	 ql = qe ? (size_t)(qe - q) : strlen(q);

		if (pl != ql || strncmp(p, q, pl) != 0 || !pe || !qe)
			break;
		p = pe + 1;
		q = qe + 1;
		line++;
	}
	buf_printf(b, "line %zu ", line);
	if (*p)
		show_line(b, p);
	else
		buf_puts(b, "(none)");
	buf_puts(b, " → ");
	if (*q)
		show_line(b, q);
	else
		buf_puts(b, "(none)");
}

static void
field_change_text(struct buf *b, const struct diff_change *c)
{
	buf_printf(b, "%s: ", c->field);
	if (c->op == DIFF_CHANGED && c->before && c->after &&
	    (long_value(c->before) || long_value(c->after))) {
		text_change(b, c->before, c->after);
		return;
	}
	if (c->op == DIFF_ADDED) {
		buf_puts(b, "+ ");
		words_show_value(b, c->after);
	} else if (c->op == DIFF_REMOVED) {
		buf_puts(b, "− ");
		words_show_value(b, c->before);
	} else {
		words_show_value(b, c->before);
		buf_puts(b, " → ");
		words_show_value(b, c->after);
	}
}

struct counts {
	size_t	 added, removed, changed;
};

static void
summary_build(const struct diff *df, struct value *summary,
    struct value *elements, struct counts *n)
{
	struct value	*e, *fl, *f, *el;
	struct buf	 d = BUF_INIT;
	size_t		 i, j, k;

	for (i = 0; i < df->n; i = j) {
		const struct diff_change *c = &df->v[i];
		const char	*op;

		for (j = i + 1; j < df->n; j++)
			if (df->v[j].kind != c->kind ||
			    strcmp(df->v[j].object, c->object) != 0 ||
			    (df->v[j].field == NULL) != (c->field == NULL))
				break;
		op = c->field ? "changed" : diff_op_name(c->op);
		e = value_list_map(summary);
		value_map_str(e, "op", op);
		value_map_str(e, "kind", diff_kind_id(c->kind));
		value_map_str(e, "kind_words", diff_kind_name(c->kind));
		value_map_str(e, "object", *c->object ? c->object : "design");
		buf_truncate(&d, 0);
		fl = value_new_list();
		if (c->field == NULL)
			describe(&d, c);
		for (k = i; k < j && c->field; k++) {
			f = value_list_map(fl);
			value_map_str(f, "field", df->v[k].field);
			value_map_str(f, "op", diff_op_name(df->v[k].op));
			put_opt(f, "before", df->v[k].before);
			put_opt(f, "after", df->v[k].after);
			if (d.len)
				buf_puts(&d, "; ");
			field_change_text(&d, &df->v[k]);
		}
		value_map_str(e, "details", buf_cstr(&d));
		value_map_put(e, "fields", fl);
		el = value_list_map(elements);
		value_map_str(el, "op", op);
		value_map_str(el, "kind", diff_kind_id(c->kind));
		value_map_str(el, "kind_words", diff_kind_name(c->kind));
		value_map_str(el, "object", *c->object ? c->object : "design");
		if (c->field)
			n->changed++;
		else if (c->op == DIFF_ADDED)
			n->added++;
		else
			n->removed++;
	}
	buf_release(&d);
}

/* ---- risk ---- */

enum cls {
	CL_DOC,
	CL_DEMAND,
	CL_ADD,
	CL_REMOVE,
	CL_SKU,
	CL_GWSUBNET,
	CL_CAPACITY,
	CL_REPLACE,
	CL_CONN,
	CL_POLICY,
	CL_OTHER,
	CL_N
};

static const struct cls_info {
	enum risk	 level;
	const char	*words;
} cls_info[CL_N] = {
	{ RISK_LOW, "Descriptive text" },
	{ RISK_LOW, "Declared traffic, failover tests or accepted findings "
	    "(no network change)" },
	{ RISK_LOW, "New objects" },
	{ RISK_HIGH, "Connectivity removed" },
	{ RISK_MEDIUM, "SKU change" },
	{ RISK_HIGH, "GatewaySubnet change: both gateways are deleted and "
	    "recreated, a full outage: ExpressRoute is back after 45 minutes "
	    "or more (ERGWCREATE), the VPN, whose gateway is created after, "
	    "after 90 minutes or more (VPNGWCREATE); the default BGP addresses "
	    "come from GatewaySubnet and may change, and the VPN gateway's "
	    "more likely so, since the ExpressRoute gateway is created first "
	    "in the empty subnet (estimate: Azure documents no order in which "
	    "it assigns them); a change of the VPN gateway's stops the part "
	    "that recreates it until the on-premises VPN devices have the new "
	    "BGP neighbors and the new addresses are accepted by name "
	    "(HYBRIDOC_ACCEPT_BGP)" },
	{ RISK_MEDIUM, "Capacity change" },
	{ RISK_HIGH, "Circuit replaced: ExpressRoute cannot lower a "
	    "circuit's bandwidth without disruption (ERCKT), so a new circuit "
	    "is ordered, connected and the BGP sessions moved to it before the "
	    "old one is deleted" },
	{ RISK_MEDIUM, "Connection settings change; tunnels or BGP sessions "
	    "reset" },
	{ RISK_MEDIUM, "Routing policy change (advertisements, preferences, "
	    "weights, BFD, FastPath)" },
	{ RISK_LOW, "Other configuration change" },
};

static enum cls
classify(const struct diff_change *c)
{
	if (c->kind == DIFF_SUBNET &&
	    strcmp(c->object, "azure.vnet.subnets.GatewaySubnet") == 0)
		return CL_GWSUBNET;
	if (plan_is_doc(c))
		return c->kind == DIFF_TRAFFIC || c->kind == DIFF_FAILOVER ||
		    c->kind == DIFF_SUPPRESS ? CL_DEMAND : CL_DOC;
	if (c->field == NULL)
		return c->op == DIFF_ADDED ? CL_ADD : CL_REMOVE;
	/* An address, or a connectivity setting as a whole (bgp, ike,
	 * private_peering), that goes away removes connectivity. */
	if (c->op == DIFF_REMOVED && (c->sem == SEM_ADDRESS ||
	    c->sem == SEM_CONN))
		return CL_REMOVE;
	/* What the field means is declared in the schema (schema_sem). */
	switch (c->sem) {
	case SEM_SKU:
		return CL_SKU;
	case SEM_CAPACITY:
		/* New user 19 item 2: a lower circuit bandwidth is a new
		 * circuit (plan_step.c). */
		if (c->kind == DIFF_CIRCUIT && c->op == DIFF_CHANGED &&
		    c->before && c->after && strcmp(c->field,
		    "bandwidth_mbps") == 0 && strtol(c->after, NULL, 10) <
		    strtol(c->before, NULL, 10))
			return CL_REPLACE;
		return CL_CAPACITY;
	case SEM_POLICY:
		return CL_POLICY;
	case SEM_CONN:
		return CL_CONN;
	case SEM_UNSET:
		/* Never "low risk" by default: tests/test_schema.c fails. */
		fprintf(stderr, "hybridoc: internal error: %s.%s has no "
		    "meaning in the schema\n", c->object, c->field);
		abort();
	default:
		break;
	}
	if (c->kind == DIFF_INSTANCE)
		return CL_CONN;
	return CL_OTHER;
}

const char *
packet_change_risk(const struct diff_change *c)
{
	return risk_names[cls_info[classify(c)].level];
}

struct reason {
	enum risk	 level;
	size_t		 seq;
	char		*text;
};

struct reasons {
	struct reason	*v;
	size_t		 n, cap;
};

static void
reason_add(struct reasons *r, enum risk level, struct buf *text)
{
	xgrow(&r->v, &r->cap, r->n + 1, sizeof(*r->v));
	r->v[r->n].level = level;
	r->v[r->n].seq = r->n;
	r->v[r->n].text = buf_detach(text, NULL);
	r->n++;
}

/* Appends item to a list of at most 4, then counts the rest. */
static void
items_add(struct buf *b, size_t *n, const char *item)
{
	if (*n < 4)
		buf_printf(b, "%s%s", *n ? "; " : "", item);
	(*n)++;
}

static void
items_end(struct buf *b, size_t n)
{
	if (n > 4)
		buf_printf(b, "; and %zu more", n - 4);
	buf_putc(b, '.');
}

static void
risk_from_diff(const struct diff *df, struct reasons *r, int *docs_only)
{
	struct buf	 b[CL_N], item = BUF_INIT;
	size_t		 n[CL_N], i, k;

	memset(n, 0, sizeof(n));
	for (k = 0; k < CL_N; k++)
		buf_init(&b[k]);
	*docs_only = df->n > 0;
	for (i = 0; i < df->n; i++) {
		const struct diff_change *c = &df->v[i];
		enum cls	 cl = classify(c);

		if (cl != CL_DOC && cl != CL_DEMAND)
			*docs_only = 0;
		buf_truncate(&item, 0);
		if (c->field == NULL)
			buf_puts(&item, c->object);
		else {
			if (*c->object)
				buf_printf(&item, "%s ", c->object);
			field_change_text(&item, c);
		}
		/* A GatewaySubnet change is one reason, however told. */
		if (cl == CL_GWSUBNET && n[cl])
			continue;
		items_add(&b[cl], &n[cl], buf_cstr(&item));
	}
	for (k = 0; k < CL_N; k++) {
		struct buf	 t = BUF_INIT;

		if (n[k] == 0)
			continue;
		if (k == CL_DOC && *docs_only)
			buf_puts(&t, "Descriptions only, no network change");
		else
			buf_puts(&t, cls_info[k].words);
		if (k != CL_GWSUBNET) {
			buf_printf(&t, ": %s", buf_cstr(&b[k]));
			items_end(&t, n[k]);
		} else
			buf_putc(&t, '.');
		reason_add(r, cls_info[k].level, &t);
	}
	for (k = 0; k < CL_N; k++)
		buf_release(&b[k]);
	buf_release(&item);
}

/* A side of a routing row in words: its route, or that it is not in
 * that version. */
static void
row_text(struct buf *b, const struct impact_row *row,
    const struct sim_route *r)
{
	if (r == NULL)
		buf_puts(b, "not in the design");
	else
		impact_route_text(b, r, &row->prefix);
}

static int
row_reachable(const struct sim_route *r)
{
	return r != NULL && r->path != SIM_NONE;
}

static void
risk_from_routing(const struct impact *im, struct reasons *r)
{
	struct buf	 path = BUF_INIT, lost = BUF_INIT, gain = BUF_INIT,
			 cap = BUF_INIT, fo = BUF_INIT, fc = BUF_INIT,
			 item = BUF_INIT, t = BUF_INIT;
	char		 p[PREFIX_STRLEN];
	size_t		 np = 0, nl = 0, ng = 0, nc = 0, nfo = 0, nfc = 0,
			 nlost = 0, nreg = 0, i, k;

	for (i = 0; i < im->nsc; i++) {
		const struct impact_scenario *x = &im->sc[i];

		if (x->nrows == 0)
			continue;
		if (strcmp(x->id, "baseline") != 0) {
			if (x->pathreach) {
				items_add(&fo, &nfo, x->id);
				nlost += x->lost > 0;
				nreg += x->lost_existing > 0;
			} else if (x->capacity)
				items_add(&fc, &nfc, x->id);
			continue;
		}
		for (k = 0; k < x->nkept; k++) {
			const struct impact_row *row = &x->rows[k];
			int	 rb = row_reachable(row->before);
			int	 ra = row_reachable(row->after);

			buf_truncate(&item, 0);
			buf_printf(&item, "%s (%s) ", PFX(&row->prefix, p),
			    impact_row_site(row));
			row_text(&item, row, row->before);
			buf_puts(&item, " → ");
			row_text(&item, row, row->after);
			if (rb && !ra)
				items_add(&lost, &nl, buf_cstr(&item));
			else if (!rb && ra)
				items_add(&gain, &ng, p);
			else if (row->changes & IMPACT_PATH)
				items_add(&path, &np, buf_cstr(&item));
			else if (row->changes & IMPACT_CAPACITY)
				items_add(&cap, &nc, buf_cstr(&item));
		}
	}
#define EMIT(n, b, lv, words) do { \
	if (n) { \
		buf_truncate(&t, 0); \
		buf_printf(&t, "%s: %s", words, buf_cstr(&b)); \
		items_end(&t, n); \
		reason_add(r, lv, &t); \
	} \
} while (0)
	EMIT(np, path, RISK_HIGH, "The baseline path changes");
	EMIT(nl, lost, RISK_HIGH, "Connectivity removed in the baseline");
	EMIT(nc, cap, RISK_MEDIUM, "Baseline capacity changes");
	if (nfo) {
		buf_truncate(&t, 0);
		buf_printf(&t, "Failover behaviour changes in %zu scenario%s",
		    nfo, nfo == 1 ? "" : "s");
		if (nlost)
			buf_printf(&t, " (%zu with prefixes that lose their "
			    "last path)", nlost);
		buf_printf(&t, ": %s", buf_cstr(&fo));
		items_end(&t, nfo);
		/* A prefix the base reached that the change leaves without
		 * any path under a failure: HIGH. */
		reason_add(r, nreg ? RISK_HIGH : RISK_MEDIUM, &t);
	}
	EMIT(nfc, fc, RISK_MEDIUM, "Capacity changes under failure in these "
	    "scenarios");
	EMIT(ng, gain, RISK_LOW, "New prefixes reachable from Azure");
#undef EMIT
	buf_release(&path);
	buf_release(&lost);
	buf_release(&gain);
	buf_release(&cap);
	buf_release(&fo);
	buf_release(&fc);
	buf_release(&item);
	buf_release(&t);
}

/*
 * The scenario that stands for a step's interruption: a circuit's
 * sessions restarting are its circuit-down, a device's tunnels its
 * device-down, the ExpressRoute gateway's resize er-gateway-down.
 * Returns the scenario id (the caller frees) or NULL.
 */
static char *
step_scenario(const char *object)
{
	const char	*v;

	if (strcmp(object, "azure.expressroute_gateway") == 0)
		return xstrdup("er-gateway-down");
	if (strncmp(object, "circuits.", 9) == 0 &&
	    strchr(object + 9, '.') == NULL)
		return xasprintf("circuit-down:%s", object + 9);
	if (strncmp(object, "sites.", 6) == 0 &&
	    (v = strstr(object + 6, ".vpn.")) != NULL &&
	    strchr(v + 5, '.') == NULL)
		return xasprintf("device-down:%.*s:%s",
		    (int)(v - object - 6), object + 6, v + 5);
	return NULL;
}

/*
 * Risk from the implementation steps themselves.  A step that deletes
 * and recreates a gateway (or the GatewaySubnet under both) stops every
 * connection of that kind for as long as creation takes: HIGH.  A step
 * that resets a circuit's or a device's sessions, where the proposed
 * design has no other path for some prefix (its circuit-down or
 * device-down scenario loses it), is an outage of that prefix while it
 * runs: HIGH as well.  One line per step.
 */
static void
risk_from_plan(const struct plan_out *po, const struct sim *hs,
    struct reasons *r)
{
	struct buf	 t = BUF_INIT, lost = BUF_INIT;
	char		 p[PREFIX_STRLEN];
	size_t		 i, j, k;

	for (i = 0; i < po->nimpl; i++) {
		const struct plan_step *e = &po->impl[i];
		const char *obj = e->object;
		const struct sim_scenario *sc = NULL;
		char	*id;

		if (e->interruption == PLAN_OUT_NONE)
			continue;
		if (e->interruption == PLAN_OUT_FULL) {
			/* The GatewaySubnet has its own reason (cls_info). */
			if (strcmp(obj, "azure.vnet.subnets.GatewaySubnet") ==
			    0)
				continue;
			buf_printf(&t, "Step %zu, %s: %s.", e->number,
			    e->title, e->downtime);
			reason_add(r, RISK_HIGH, &t);
			continue;
		}
		if ((id = step_scenario(obj)) == NULL)
			continue;
		for (j = 1; j < hs->nscenarios && sc == NULL; j++)
			if (strcmp(hs->scenarios[j].id, id) == 0)
				sc = &hs->scenarios[j];
		buf_truncate(&lost, 0);
		for (k = 0; sc != NULL && k < hs->natoms; k++) {
			const struct sim_route *b = sim_route_at(hs,
			    &hs->scenarios[0], k);

			if (b->path == SIM_NONE ||
			    sim_route_at(hs, sc, k)->path != SIM_NONE)
				continue;
			buf_printf(&lost, "%s%s (%s)", lost.len ? ", " : "",
			    prefix_format(&hs->atoms[k], p, 1),
			    b->site ? b->site->name : "no site");
		}
		if (lost.len) {
			buf_printf(&t, "Step %zu, %s, interrupts the only "
			    "path of %s while it runs (%s).", e->number,
			    e->title, buf_cstr(&lost), id);
			reason_add(r, RISK_HIGH, &t);
		}
		free(id);
	}
	buf_release(&t);
	buf_release(&lost);
}

static int
reason_cmp(const void *x, const void *y)
{
	const struct reason *a = x, *b = y;

	if (a->level != b->level)
		return a->level > b->level ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The index of the atom equal to p in s, or s->natoms. */
static size_t
atom_index(const struct sim *s, const struct prefix *p)
{
	size_t	 lo = 0, hi = s->natoms, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = prefix_cmp(&s->atoms[mid], p);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return s->natoms;
}

/*
 * Any prefix that had a backup before the change and has none after it
 * makes the packet HIGH: one line per prefix, naming the lost backup
 * and the scenarios in which the prefix now has no path at all.
 */
static void
risk_from_backups(const struct analysis *ba, const struct analysis *ha,
    struct reasons *r, struct value *exposure)
{
	const struct sim *bs = ba->sim, *hs = ha->sim;
	struct buf	 t = BUF_INIT;
	char		 p[PREFIX_STRLEN];
	size_t		 i, k, n;

	for (i = 0; i < hs->natoms; i++) {
		size_t	 bi = atom_index(bs, &hs->atoms[i]);
		const struct sim_route *h = sim_route_at(hs, &hs->scenarios[0],
		    i), *b;

		if (bi == bs->natoms)
			continue;
		b = sim_route_at(bs, &bs->scenarios[0], bi);
		if (h->path == SIM_NONE || h->backup != SIM_NONE ||
		    b->path == SIM_NONE || b->backup == SIM_NONE)
			continue;
		buf_truncate(&t, 0);
		buf_printf(&t, "Backup lost: %s (%s) loses its only backup "
		    "(%s via %s)", prefix_format(&hs->atoms[i], p, 1),
		    h->site ? h->site->name : "no site",
		    sim_path_name(b->backup), b->backup_via ? b->backup_via :
		    "");
		for (k = 1, n = 0; k < hs->nscenarios; k++) {
			const struct sim_route *x = sim_route_at(hs,
			    &hs->scenarios[k], i);

			const struct sim_scenario *bsc;

			if (x->path != SIM_NONE || hs->scenarios[k].nfailed != 1)
				continue;
			bsc = sim_scenario(bs, hs->scenarios[k].id);
			if (bsc == NULL || sim_route_at(bs, bsc, bi)->path ==
			    SIM_NONE)
				continue;
			buf_printf(&t, "%s%s", n ? ", " : "; it then has no "
			    "path in ", hs->scenarios[k].id);
			n++;
		}
		buf_putc(&t, '.');
		if (exposure != NULL)
			value_list_push(exposure, value_new_str(buf_cstr(&t)));
		if (r != NULL)
			reason_add(r, RISK_HIGH, &t);
		buf_truncate(&t, 0);
	}
	buf_release(&t);
}

static void
risk_build(const struct analysis *ba, const struct analysis *ha,
    const struct diff *df, const struct impact *im,
    const struct fcounts *fc, const struct plan_out *po, struct value *m,
    enum risk *levelp, int *docs_only)
{
	struct reasons	 r = { NULL, 0, 0 };
	struct value	*l, *e;
	struct buf	 t = BUF_INIT;
	enum risk	 level = RISK_NONE;
	size_t		 i;

	if (fc->new_errors) {
		buf_printf(&t, "New error findings: %s.",
		    buf_cstr(&fc->new_err_ids));
		reason_add(&r, RISK_HIGH, &t);
	}
	risk_from_backups(ba, ha, &r, NULL);
	risk_from_routing(im, &r);
	risk_from_plan(po, ha->sim, &r);
	/* A rollback that deletes and recreates (plan.h): HIGH too. */
	l = value_new_list();
	plan_destructive_rollbacks(po->back, po->nback, l);
	for (i = 0; i < l->n; i++) {
		buf_puts(&t, value_map_cstr(l->items[i], "reason"));
		reason_add(&r, RISK_HIGH, &t);
	}
	value_free(l);
	risk_from_diff(df, &r, docs_only);
	if (fc->new_warnings) {
		buf_printf(&t, "New warnings: %s.",
		    buf_cstr(&fc->new_warn_ids));
		reason_add(&r, RISK_MEDIUM, &t);
	}
	/* qsort is not stable; the sequence number makes it so. */
	if (r.n > 1)
		qsort(r.v, r.n, sizeof(*r.v), reason_cmp);
	if (r.n == 0) {
		buf_puts(&t, "No change: the two versions describe the same "
		    "design.");
		reason_add(&r, RISK_NONE, &t);
	}
	for (i = 0; i < r.n; i++)
		if (r.v[i].level > level)
			level = r.v[i].level;
	value_map_str(m, "level", risk_names[level]);
	l = value_map_list(m, "reasons");
	for (i = 0; i < r.n; i++) {
		e = value_list_map(l);
		value_map_str(e, "level", risk_names[r.v[i].level]);
		value_map_str(e, "reason", r.v[i].text);
		free(r.v[i].text);
	}
	free(r.v);
	*levelp = level;
	buf_release(&t);
}

/* ---- verification ---- */

static int
affected(const struct impact *im, const char *id, int *capacity_only)
{
	size_t	 i;

	*capacity_only = 0;
	for (i = 0; i < im->nsc; i++) {
		const struct impact_scenario *x = &im->sc[i];

		if (!x->in_head || strcmp(x->id, id) != 0)
			continue;
		if (x->status == IMPACT_NEW || x->pathreach)
			return 1;
		*capacity_only = x->capacity > 0;
		return 0;
	}
	return 0;
}


static int
test_covers(const struct view_tests *tests, const char *id)
{
	const struct procedure *p;
	size_t	 i, k;

	for (i = 0; i < tests->n; i++) {
		p = tests->v[i].proc;
		for (k = 0; k < p->nscenarios; k++)
			if (strcmp(p->scenarios[k], id) == 0)
				return 1;
	}
	return 0;
}

/*
 * What a failover test does once the change is made: the sites that
 * any of its scenarios leaves without a path in the proposed design's
 * simulation.  Appends one sentence to out ("this test cuts HQ off from
 * Azure completely: ...") and returns non-zero when there is a loss.
 */
static int
test_outage(const struct sim *s, const struct procedure *p, struct buf *out)
{
	const struct design *dsn = s->dsn;
	unsigned char	*lost = xcalloc(s->natoms + 1, 1);
	struct buf	 ids = BUF_INIT, pfx = BUF_INIT;
	char		 t[PREFIX_STRLEN];
	size_t		 i, j, k, nsite = 0;
	int		 any;

	for (k = 0; k < p->nscenarios; k++) {
		const struct sim_scenario *sc = NULL;

		for (j = 1; j < s->nscenarios; j++)
			if (strcmp(s->scenarios[j].id, p->scenarios[k]) == 0)
				sc = &s->scenarios[j];
		if (sc == NULL)
			continue;
		any = 0;
		for (i = 0; i < s->natoms; i++)
			if (sim_route_at(s, &s->scenarios[0], i)->path !=
			    SIM_NONE && sim_route_at(s, sc, i)->path ==
			    SIM_NONE) {
				lost[i] = 1;
				any = 1;
			}
		if (any)
			buf_printf(&ids, "%s%s", ids.len ? ", " : "", sc->id);
	}
	for (j = 0; j < dsn->nsites; j++) {
		size_t	 have = 0, gone = 0, n = 0;

		buf_truncate(&pfx, 0);
		for (i = 0; i < s->natoms; i++) {
			const struct sim_route *r = sim_route_at(s,
			    &s->scenarios[0], i);

			if (r->site != &dsn->sites[j] || r->path == SIM_NONE)
				continue;
			have++;
			if (lost[i]) {
				gone++;
				n++;
				buf_printf(&pfx, "%s%s", pfx.len ? ", " : "",
				    prefix_format(&s->atoms[i], t, 1));
			}
		}
		if (gone == 0)
			continue;
		buf_printf(out, "%s", nsite++ ? "; " : "this test ");
		if (gone == have) {
			buf_printf(out, "cuts %s off from Azure completely (%s "
			    "%s no path left, no backup)", dsn->sites[j].name,
			    buf_cstr(&pfx), n == 1 ? "has" : "have");
		} else
			buf_printf(out, "leaves %s of %s without a path",
			    buf_cstr(&pfx), dsn->sites[j].name);
	}
	if (nsite)
		buf_printf(out, ", in %s. It tests nothing the simulation "
		    "does not already say; run it only if that outage is "
		    "accepted for the window.", buf_cstr(&ids));
	free(lost);
	buf_release(&ids);
	buf_release(&pfx);
	return nsite > 0;
}

/*
 * Post-change verification: observation only -- BGP status, learned
 * and advertised routes, effective routes -- against the proposed
 * design's baseline (procset_verify).  The runbook's failover tests of
 * the scenarios the change affects come separately, as an optional,
 * disruptive section for a maintenance window; they are the head's
 * runbook procedures, so the two documents agree.
 */
static void
verification_build(const struct analysis *ha, const struct impact *im,
    struct value *m, struct value **doc)
{
	struct procset	*vs;
	struct view_tests *tests;
	struct value	*l, *u, *co, *e, *ob;
	const char	**ids;
	struct buf	 out = BUF_INIT;
	size_t		 i, nids = 0;
	int		 cap;

	vs = procset_verify(ha);
	value_map_put(m, "check", procedure_value(vs->v[0]));
	/* the packet's text prints each read-only command once */
	*doc = procedure_value_doc(vs->v[0]);
	shell_quote_holes_tree(value_map_get(m, "check"));
	shell_quote_holes_tree(*doc);
	procset_free(vs);
	/* The runbook's tests of the scenarios the change affects. */
	ids = xcalloc(im->nsc + 1, sizeof(*ids));
	for (i = 0; i < im->nsc; i++)
		if (affected(im, im->sc[i].id, &cap))
			ids[nids++] = im->sc[i].id;
	tests = view_tests_of(ha, ids, nids);
	free(ids);
	l = value_new_list();
	ob = value_map_list(m, "observed");
	for (i = 0; i < tests->n; i++) {
		const struct view_test *t = &tests->v[i];

		/*
		 * A test that causes no failure cutting a prefix off is
		 * observed only: named, so the packet does not say nothing
		 * changes behaviour.
		 */
		e = value_list_push(t->proc->disruptive ? l : ob,
		    view_test_value(tests, i));
		value_map_int(e, "runbook_test", (long long)t->number);
		if (!t->proc->disruptive)
			continue;
		buf_truncate(&out, 0);
		if (test_outage(ha->sim, t->proc, &out))
			value_map_str(e, "outage", buf_cstr(&out));
	}
	value_map_put(m, "failover_tests", l);
	u = value_map_list(m, "untested");
	co = value_map_list(m, "capacity_only");
	for (i = 0; i < im->nsc; i++) {
		const struct impact_scenario *x = &im->sc[i];

		if (!x->in_head || strcmp(x->id, "baseline") == 0)
			continue;
		if (affected(im, x->id, &cap) && !test_covers(tests, x->id)) {
			e = value_list_map(u);
			value_map_str(e, "scenario", x->id);
			value_map_str(e, "title", x->title);
		} else if (cap) {
			e = value_list_map(co);
			value_map_str(e, "scenario", x->id);
			value_map_str(e, "title", x->title);
		}
	}
	view_tests_free(tests);
	buf_release(&out);
}

/* ---- the view ---- */

static void
version_value(struct value *m, const struct analysis *a)
{
	const struct findings *f = &a->findings;

	value_map_str(m, "file", a->dsn->file);
	value_map_str(m, "name", a->dsn->name);
	value_map_str(m, "hash", a->dsn->hash);
	value_map_int(m, "errors", (long long)findings_count(f, DIAG_ERROR));
	value_map_int(m, "warnings", (long long)findings_count(f,
	    DIAG_WARNING));
	value_map_int(m, "notes", (long long)findings_count(f, DIAG_NOTE));
}

static void
changes_value(const struct diff *df, struct value *l)
{
	struct value	*e;
	struct buf	 p = BUF_INIT;
	size_t		 i;

	for (i = 0; i < df->n; i++) {
		const struct diff_change *c = &df->v[i];

		e = value_list_map(l);
		value_map_str(e, "op", diff_op_name(c->op));
		value_map_str(e, "kind", diff_kind_id(c->kind));
		put_opt(e, "object", *c->object ? c->object : NULL);
		put_opt(e, "field", c->field);
		buf_truncate(&p, 0);
		buf_printf(&p, "%s%s%s", c->object, *c->object && c->field ?
		    "." : "", c->field ? c->field : "");
		value_map_str(e, "path", buf_cstr(&p));
		put_opt(e, "before", c->before);
		put_opt(e, "after", c->after);
		value_map_int(e, "line", c->mark.line);
	}
	buf_release(&p);
}

struct value *
packet_view(const struct analysis *ba, const struct analysis *ha,
    const struct diff *df)
{
	struct value	*v = value_new_map(), *m, *disp, *l, *e, *fm, *check;
	struct impact	 im;
	struct plan_out	 po;
	struct fcounts	 fc;
	struct counts	 n = { 0, 0, 0 };
	struct buf	 t = BUF_INIT;
	enum risk	 level;
	int		 docs_only;
	size_t		 i;
	const struct design *h = ha->dsn;

	memset(&fc, 0, sizeof(fc));

	value_map_int(v, "packet", 1);
	value_map_str(v, "generator", "hybridoc " HYBRIDOC_VERSION);
	value_map_str(v, "design", h->name);
	value_map_str(v, "title", h->title ? h->title : h->name);
	version_value(value_map_put(v, "base", value_new_map()), ba);
	version_value(value_map_put(v, "head", value_new_map()), ha);
	value_map_bool(v, "changed", df->n > 0);
	m = value_map_put(v, "counts", value_new_map());
	l = value_map_list(v, "summary");
	e = value_new_list();
	summary_build(df, l, e, &n);
	value_map_int(m, "added", (long long)n.added);
	value_map_int(m, "removed", (long long)n.removed);
	value_map_int(m, "changed", (long long)n.changed);
	changes_value(df, value_map_list(v, "changes"));

	/* Risk needs the findings and the routing impact; both come
	 * after it in the document. */
	m = value_map_put(v, "risk", value_new_map());
	/* Which findings were resolved depends on the routing impact. */
	fm = value_map_put(v, "findings", value_new_map());
	impact_run(&im, ba, ha);
	impact_routing(&im, value_map_list(v, "routing"));
	findings_compare(ba, ha, &im, fm, &fc);
	if (im.truncated)
		value_map_bool(v, "truncated", 1);
	/* The risk reads the plan's interruptions; the plan keeps its
	 * place after the diagrams in the document. */
	plan_steps(ba->dsn, h, ba->sim, ha->sim, df, &po);
	risk_build(ba, ha, df, &im, &fc, &po, m, &level, &docs_only);

	m = value_map_put(v, "diagrams", value_new_map());
	value_map_str(m, "before", PACKET_BEFORE_SVG);
	value_map_str(m, "after", PACKET_AFTER_SVG);
	value_map_put(m, "elements", e);

	value_map_put(v, "implementation", plan_steps_value(po.impl,
	    po.nimpl));
	verification_build(ha, &im, value_map_put(v, "verification",
	    value_new_map()), &check);
	value_map_put(v, "rollback", plan_steps_value(po.back, po.nback));
	m = value_map_list(v, "approvals");
	for (i = 0; i < h->napprovers; i++) {
		e = value_list_map(m);
		value_map_str(e, "role", h->approvers[i]);
		value_map_str(e, "name", "");
		value_map_str(e, "decision", "");
		value_map_str(e, "date", "");
	}
	value_map_int(v, "exit_status", findings_count(&ha->findings,
	    DIAG_ERROR) ? 1 : 0);

	disp = value_map_put(v, "display", value_new_map());
	value_map_put(disp, "check", check);
	buf_puts(&t, risk_names[level]);
	for (i = 0; i < t.len; i++)
		t.ptr[i] = (char)(t.ptr[i] - 'a' + 'A');
	value_map_str(disp, "level", buf_cstr(&t));
	value_map_bool(disp, "docs_only", docs_only);
	impact_groups(&im, value_map_list(disp, "routing_groups"));
	/* No step may interrupt traffic, yet the result be exposed. */
	risk_from_backups(ba, ha, NULL, value_map_list(disp, "exposure"));
	l = value_map_list(disp, "downtime");
	for (i = 0; i < po.nimpl; i++) {
		const struct plan_step *st = &po.impl[i];

		/* "None", or "None: <its source>". */
		if (st->downtime == NULL || strncmp(st->downtime, "None", 4) ==
		    0)
			continue;
		e = value_list_map(l);
		value_map_int(e, "number", (long long)st->number);
		value_map_str(e, "title", st->title);
		value_map_str(e, "downtime", st->downtime);
	}
	/* A rollback that deletes and recreates is named too. */
	plan_destructive_rollbacks(po.back, po.nback,
	    value_map_list(disp, "rollback_downtime"));
	/* New user 19 item 3: a proposed design with errors is not to be
	 * implemented, and the packet says so at its top. */
	value_map_bool(disp, "head_errors", findings_count(&ha->findings,
	    DIAG_ERROR) > 0);
	plan_out_release(&po);
	impact_release(&im);
	buf_release(&fc.new_err_ids);
	buf_release(&fc.new_warn_ids);
	buf_release(&t);
	return v;
}

/* ---- writers ---- */

int
packet_markdown(const struct value *view, struct tmpl_set *ts,
    struct buf *out, struct diags *d)
{
	const struct tmpl *t = tmpl_set_get(ts, "packet.md.mustache", d);

	return t != NULL && tmpl_render(t, ts, view, TMPL_ESC_MARKDOWN, out,
	    d);
}

int
packet_html(const struct value *view, struct tmpl_set *ts,
    const char *before_svg, size_t before_len, const char *after_svg,
    size_t after_len, struct buf *out, struct diags *d)
{
	struct buf	 md = BUF_INIT, body = BUF_INIT, bsvg = BUF_INIT,
			 asvg = BUF_INIT;
	struct md_embed	 emb[2];
	struct value	*page;
	const struct tmpl *t;
	const struct template_file *css;
	size_t		 nemb = 0;
	int		 ok;

	if (!packet_markdown(view, ts, &md, d)) {
		buf_release(&md);
		return 0;
	}
	if (before_svg) {
		runbook_inline_svg_ids(before_svg, before_len, "before-", &bsvg);
		emb[nemb].url = PACKET_BEFORE_SVG;
		emb[nemb].html = buf_cstr(&bsvg);
		emb[nemb].len = bsvg.len;
		nemb++;
	}
	if (after_svg) {
		runbook_inline_svg_ids(after_svg, after_len, "after-", &asvg);
		emb[nemb].url = PACKET_AFTER_SVG;
		emb[nemb].html = buf_cstr(&asvg);
		emb[nemb].len = asvg.len;
		nemb++;
	}
	md_html(buf_cstr(&md), md.len, emb, nemb, &body);
	page = value_new_map();
	value_map_str(page, "title", value_map_cstr(view, "title"));
	value_map_str(page, "design", value_map_cstr(view, "design"));
	value_map_put(page, "risk", value_copy(value_map_get(view, "risk")));
	css = template_find("hybridoc.css");
	value_map_put(page, "css", css ? value_new_strn(css->data, css->len) :
	    value_new_str(""));
	value_map_put(page, "body", value_new_strn(buf_cstr(&body),
	    body.len));
	t = tmpl_set_get(ts, "packet.html.mustache", d);
	ok = t != NULL && tmpl_render(t, ts, page, TMPL_ESC_HTML, out, d);
	value_free(page);
	buf_release(&md);
	buf_release(&body);
	buf_release(&bsvg);
	buf_release(&asvg);
	return ok;
}

void
packet_json(const struct value *view, struct buf *out)
{
	struct value	*copy = value_new_map();
	size_t		 i;

	/* A shallow view of the keys without "display"; the items stay
	 * owned by view, so the copy's arrays are released by hand. */
	for (i = 0; i < view->n; i++)
		if (strcmp(view->keys[i], "display") != 0)
			value_map_put(copy, view->keys[i], view->items[i]);
	value_to_json(out, copy, 2);
	buf_putc(out, '\n');
	for (i = 0; i < copy->n; i++) {
		free(copy->keys[i]);
		copy->items[i] = NULL;
	}
	copy->n = 0;
	value_free(copy);
}

int
packet_exit_status(const struct value *view)
{
	const struct value *v = value_map_get(view, "exit_status");

	return v && v->kind == VALUE_NUM && v->num != 0 ? 1 : 0;
}

/*
 * The wiki (site.h, inventory.h, `hybridoc site`): real designs copied
 * into a temporary folder, the real pipeline (Graphviz included), real
 * files on disk.  The shipped designs/ plus the fixtures in tests/site/
 * (two designs with input errors, one that overlaps contoso-eastus)
 * make the site; the tests then read what was written: pages, the
 * manifest, file times, the --check diff, every link and anchor, and
 * tidy's verdict on every page.  Run from the top of the source tree.
 */
#include "testutil.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "hybridoc/buf.h"
#include "hybridoc/cli.h"	/* exit statuses */
#include "hybridoc/diag.h"
#include "hybridoc/inventory.h"
#include "hybridoc/load.h"
#include "hybridoc/site.h"
#include "hybridoc/value.h"
#include "hybridoc/view_summary.h"
#include "hybridoc/xalloc.h"

/* Designs the fixtures need, from designs/ and tests/site/. */
#define ALL_DESIGNS	6
#define INPUT_ERRORS	2

struct fx {
	char	 root[256];
	char	 designs[300];
	char	 out[300];
};

/* ---- Helpers ---- */

static char *
slurp(const char *path)
{
	struct diags	 d;
	char		*data = NULL;
	size_t		 len;

	diags_init(&d);
	if (!load_file(path, &data, &len, &d))
		data = NULL;
	diags_release(&d);
	return data;
}

static char *
slurpf(const struct fx *f, const char *rel)
{
	char	*p = xasprintf("%s/%s", f->out, rel), *s = slurp(p);

	free(p);
	return s;
}

static void
spit(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "wb");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void
copy_file(const char *from, const char *to)
{
	char	*s = slurp(from);

	assert_non_null(s);
	spit(to, s);
	free(s);
}

/* Copies NAME.yaml from dir into the fixture's design folder. */
static void
add_design(const struct fx *f, const char *dir, const char *name)
{
	char	*from = xasprintf("%s/%s", dir, name);
	char	*to = xasprintf("%s/%s", f->designs, name);

	copy_file(from, to);
	free(from);
	free(to);
}

static void
add_all(const struct fx *f, const char *dir)
{
	DIR		*dp = opendir(dir);
	struct dirent	*de;
	size_t		 n;

	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL) {
		n = strlen(de->d_name);
		if (n > 5 && strcmp(de->d_name + n - 5, ".yaml") == 0)
			add_design(f, dir, de->d_name);
	}
	closedir(dp);
}

static int
exists(const struct fx *f, const char *rel)
{
	char		*p = xasprintf("%s/%s", f->out, rel);
	struct stat	 sb;
	int		 ok = lstat(p, &sb) == 0;

	free(p);
	return ok;
}

static time_t
mtime_of(const struct fx *f, const char *rel)
{
	char		*p = xasprintf("%s/%s", f->out, rel);
	struct stat	 sb;

	assert_int_equal(lstat(p, &sb), 0);
	free(p);
	return sb.st_mtime;
}

static void
rm_rf(const char *path)
{
	char	*cmd = xasprintf("rm -rf '%s'", path);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static int
setup(void **state)
{
	struct fx	*f = xcalloc(1, sizeof(*f));
	const char	*t = getenv("TMPDIR");

	snprintf(f->root, sizeof(f->root), "%s/hybridoc-test-site.XXXXXX",
	    t && *t ? t : "/tmp");
	if (mkdtemp(f->root) == NULL)
		return -1;
	snprintf(f->designs, sizeof(f->designs), "%s/designs", f->root);
	snprintf(f->out, sizeof(f->out), "%s/site", f->root);
	if (mkdir(f->designs, 0755) != 0)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;

	rm_rf(f->root);
	free(f);
	return 0;
}

/* The fixture set most tests use: small and with every kind of design. */
static void
add_small(const struct fx *f)
{
	add_design(f, "designs", "contoso-eastus.yaml");
	add_all(f, "tests/site");
}

static int
build(const struct fx *f, long jobs, int check, FILE *diff,
    struct site_stats *st, const char *templates)
{
	struct site_opts o;
	struct diags	 d;
	int		 ok;

	memset(&o, 0, sizeof(o));
	o.dir = f->designs;
	o.out = f->out;
	o.jobs = jobs;
	o.check = check;
	o.diff = diff;
	o.templates = templates;
	diags_init(&d);
	ok = site_build(&o, st, &d);
	if (!ok)
		diags_print(&d, stderr, 0);
	diags_release(&d);
	return ok;
}

/* Sets every file below dir to an old time, so a rewrite shows. */
static void
age(const char *dir)
{
	DIR		*dp = opendir(dir);
	struct dirent	*de;
	struct stat	 sb;
	struct timespec	 ts[2];
	char		*p;

	assert_non_null(dp);
	ts[0].tv_sec = ts[1].tv_sec = 1000000000;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		assert_int_equal(lstat(p, &sb), 0);
		if (S_ISDIR(sb.st_mode))
			age(p);
		else
			assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
		free(p);
	}
	closedir(dp);
}

/*
 * Runs `hybridoc site ARGS` (the binary in $HYBRIDOC, else ./hybridoc,
 * as the golden tests do); its output goes to errpath.
 */
static int
run_site(const char *errpath, const char *const *args)
{
	const char	*bin = getenv("HYBRIDOC");
	char		*argv[16];
	int		 argc = 0, status, fd;
	pid_t		 pid;

	if (bin == NULL || *bin == '\0')
		bin = "./hybridoc";
	if (access(bin, X_OK) != 0) {
		fprintf(stderr, "%s: not built (run make first)\n", bin);
		fail();
	}
	argv[argc++] = (char *)bin;
	argv[argc++] = (char *)"site";
	while (*args && argc < 15)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, STDERR_FILENO);
		dup2(fd, STDOUT_FILENO);
		execv(bin, argv);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* The text of the whole --check diff. */
static char *
read_stream(FILE *fp)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[4096];
	size_t		 n;

	fflush(fp);
	rewind(fp);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(&b, chunk, n);
	return buf_detach(&b, NULL);
}

/* Every .html file below out (relative), up to two folders deep. */
static size_t
html_files(const char *out, const char *rel, char **v, size_t max)
{
	char		*dir = *rel ? xasprintf("%s/%s", out, rel) :
			    xstrdup(out);
	DIR		*dp = opendir(dir);
	struct dirent	*de;
	struct stat	 sb;
	size_t		 n = 0, len;
	char		*sub, *p;

	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL && n < max) {
		if (de->d_name[0] == '.')
			continue;
		sub = *rel ? xasprintf("%s/%s", rel, de->d_name) :
		    xstrdup(de->d_name);
		p = xasprintf("%s/%s", out, sub);
		assert_int_equal(lstat(p, &sb), 0);
		len = strlen(sub);
		if (S_ISDIR(sb.st_mode) && *rel == '\0')
			n += html_files(out, sub, v + n, max - n);
		else if (len > 5 && strcmp(sub + len - 5, ".html") == 0) {
			v[n++] = sub;
			sub = NULL;
		}
		free(sub);
		free(p);
	}
	closedir(dp);
	free(dir);
	return n;
}

/* ---- The build ---- */

static void
test_build_designs_and_errors(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	static const char *const slugs[] = { "contoso-eastus",
	    "fabrikam-max-resiliency", "northwind-branches", "overlap-westus",
	    NULL };
	static const char *const dl[] = { "index.html", "design.yaml",
	    "runbook.md", "topology.svg", "topology.dot", "topology.mmd",
	    "findings.json", "findings.sarif", "simulation.json", NULL };
	char		*rel, *s;
	size_t		 i, k;

	add_all(f, "designs");
	add_all(f, "tests/site");
	assert_true(build(f, 2, 0, NULL, &st, NULL));
	assert_int_equal(st.designs, ALL_DESIGNS);
	assert_int_equal(st.rendered, ALL_DESIGNS);
	assert_int_equal(st.input_errors, INPUT_ERRORS);
	for (i = 0; slugs[i]; i++)
		for (k = 0; dl[k]; k++) {
			rel = xasprintf("%s/%s", slugs[i], dl[k]);
			assert_true(exists(f, rel));
			free(rel);
		}
	assert_true(exists(f, "index.html"));
	assert_true(exists(f, "inventory.html"));
	assert_true(exists(f, "search-index.js"));
	assert_true(exists(f, "site.js"));
	assert_true(exists(f, "hybridoc.css"));
	assert_true(exists(f, SITE_MANIFEST));

	/* The designs with input errors: a page with the messages only. */
	assert_true(exists(f, "bad-schema/index.html"));
	assert_true(exists(f, "bad-schema/design.yaml"));
	assert_false(exists(f, "bad-schema/runbook.md"));
	assert_false(exists(f, "bad-schema/topology.svg"));
	s = slurpf(f, "bad-schema/index.html");
	assert_non_null(strstr(s, "bad-schema.yaml:16:3: error: azure: "
	    "unknown key &#39;vpn_gatway&#39;; did you mean "
	    "&#39;vpn_gateway&#39;?"));
	assert_non_null(strstr(s, "bad-schema.yaml:18:11: error: "
	    "sites[0].name: &#39;&lt;b&gt;HQ&lt;/b&gt;&#39;"));
	assert_non_null(strstr(s, "bad-schema.yaml:19:24:"));
	assert_null(strstr(s, "<b>HQ"));
	free(s);
	/* Its name unreadable, the folder comes from the file name. */
	s = slurpf(f, "broken-syntax/index.html");
	assert_non_null(s);
	assert_non_null(strstr(s, "broken-syntax.yaml:7:1: error: YAML:"));
	free(s);

	/* The index lists every design with its status. */
	s = slurpf(f, "index.html");
	for (i = 0; slugs[i]; i++) {
		rel = xasprintf("<a href=\"%s/index.html\">", slugs[i]);
		assert_non_null(strstr(s, rel));
		free(rel);
	}
	assert_non_null(strstr(s, "<a href=\"bad-schema/index.html\">"));
	assert_non_null(strstr(s, "<a href=\"broken-syntax/index.html\">"));
	assert_non_null(strstr(s, "status-input-errors\">input errors<"));
	assert_non_null(strstr(s, "2 with input errors"));
	assert_non_null(strstr(s, "<td class=\"num\">17</td>"));
	assert_non_null(strstr(s, "<td>westeurope</td>"));
	free(s);

	/* A design's page: the runbook with its diagrams inline. */
	s = slurpf(f, "contoso-eastus/index.html");
	assert_non_null(strstr(s, "<svg"));
	assert_null(strstr(s, "<?xml"));
	assert_non_null(strstr(s, "<table tabindex=\"0\">"));
	assert_non_null(strstr(s, "href=\"../hybridoc.css\""));
	assert_non_null(strstr(s, "<a href=\"runbook.md\""));
	assert_non_null(strstr(s, "class=\"anchor\" href=\"#topology\""));
	free(s);
}

static void
test_cmd_exit_input_errors(void **state)
{
	struct fx	*f = *state;
	char		*err = xasprintf("%s/err", f->root), *s;
	const char	*args[] = { f->designs, "-o", f->out, "--jobs", "3",
	    NULL };

	add_small(f);
	assert_int_equal(run_site(err, args), EXIT_INPUT);
	s = slurp(err);
	assert_non_null(strstr(s, "bad-schema.yaml:16:3: error: azure: "
	    "unknown key 'vpn_gatway'"));
	assert_non_null(strstr(s, "2 designs with input errors"));
	/* The rest of the site is built all the same. */
	assert_true(exists(f, "contoso-eastus/index.html"));
	assert_true(exists(f, "index.html"));
	free(s);
	free(err);
}

static void
test_cmd_exit_clean(void **state)
{
	struct fx	*f = *state;
	char		*err = xasprintf("%s/err", f->root), *s;
	const char	*args[] = { f->designs, "-o", f->out, NULL };
	const char	*check[] = { f->designs, "-o", f->out, "--check",
	    NULL };

	add_design(f, "designs", "contoso-eastus.yaml");
	add_design(f, "tests/site", "overlap-westus.yaml");
	assert_int_equal(run_site(err, args), EXIT_OK);
	assert_int_equal(run_site(err, check), EXIT_OK);
	s = slurp(err);
	assert_non_null(strstr(s, "is up to date (2 designs)"));
	free(s);
	free(err);
}

static void
test_cmd_usage(void **state)
{
	struct fx	*f = *state;
	char		*err = xasprintf("%s/err", f->root);
	const char	*jobs0[] = { f->designs, "-o", f->out, "--jobs", "0",
	    NULL };
	const char	*noout[] = { f->designs, NULL };
	const char	*two[] = { f->designs, f->designs, "-o", f->out,
	    NULL };
	const char	*nodir[] = { "/nonexistent/designs", "-o", f->out,
	    NULL };

	assert_int_equal(run_site(err, jobs0), EXIT_INPUT);
	assert_int_equal(run_site(err, noout), EXIT_INPUT);
	assert_int_equal(run_site(err, two), EXIT_INPUT);
	assert_int_equal(run_site(err, nodir), EXIT_INPUT);
	assert_false(exists(f, "index.html"));
	free(err);
}

/* ---- The inventory ---- */

static void
test_inventory_cross_design(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*s;

	add_small(f);
	assert_true(build(f, 2, 0, NULL, &st, NULL));
	s = slurpf(f, "inventory.html");
	assert_non_null(strstr(s, "10.100.0.0/16 overlaps 10.100.64.0/18"));
	assert_non_null(strstr(s, "Public IP 131.107.72.23 is used in 2 "
	    "designs"));
	assert_non_null(strstr(s, "ASN 65010 is used in 2 designs"));
	assert_non_null(strstr(s, "class=\"flagged\""));
	/* Two designs' VPN gateways on ASN 65515 are no conflict. */
	assert_null(strstr(s, "ASN 65515 is used"));
	/* Every prefix is listed, with its design. */
	assert_non_null(strstr(s, "<code>10.101.0.0/16</code>"));
	assert_non_null(strstr(s, "<code>10.5.0.0/16</code>"));
	free(s);
	s = slurpf(f, "index.html");
	/* the index counts conflicts as its sentence does, entries beside */
	assert_non_null(strstr(s, "<a href=\"inventory.html#conflicts\">in 3 "
	    "conflicts ("));
	assert_non_null(strstr(s, "flags 3 conflicts between designs."));
	free(s);
}

/* A summary as the site keeps it: name and lists of rows. */
static struct view_summary *
sum_new(const char *name)
{
	struct view_summary *s = calloc(1, sizeof(*s));

	assert_non_null(s);
	view_summary_init(s);
	view_summary_set(s, NULL, name, "x.yaml", name, 0);
	s->inventory = value_new_map();
	return s;
}

static void
sum_row(struct view_summary *s, const char *list, const char *key,
    const char *text, long long asn, int azure)
{
	struct value	*l = value_map_get(s->inventory, list), *r;

	if (l == NULL)
		l = value_map_put(s->inventory, list, value_new_list());
	r = value_list_push(l, value_new_map());
	if (text)
		value_map_str(r, key, text);
	else
		value_map_int(r, key, asn);
	value_map_str(r, "object", "obj");
	value_map_str(r, "role", "role");
	value_map_bool(r, "azure", azure);
}

static void
sums_free(struct view_summary **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		view_summary_release(v[i]);
		free(v[i]);
	}
}

static void
test_inventory_nested_prefixes(void **state)
{
	struct view_summary *v[3];
	struct inventory *inv;

	(void)state;
	v[0] = sum_new("a");
	v[1] = sum_new("b");
	v[2] = sum_new("c");
	sum_row(v[0], "prefixes", "prefix", "10.0.0.0/8", 0, 0);
	sum_row(v[1], "prefixes", "prefix", "10.1.2.0/24", 0, 0);
	sum_row(v[2], "prefixes", "prefix", "192.168.0.0/16", 0, 0);
	sum_row(v[2], "prefixes", "prefix", "10.2.0.0/16", 0, 0);
	inv = inventory_new((const struct view_summary *const *)v, 3);
	assert_int_equal(inv->nrows[INV_PREFIX], 4);
	/* 10/8 holds both others: two conflicts, 192.168/16 none. */
	assert_int_equal(inv->nconflicts_total, 2);
	assert_string_equal(inv->rows[INV_PREFIX][0].key, "10.0.0.0/8");
	assert_int_equal(inv->rows[INV_PREFIX][0].nwith_total, 2);
	assert_int_equal(inv->rows[INV_PREFIX][3].nwith_total, 0);
	assert_string_equal(inv->rows[INV_PREFIX][3].key, "192.168.0.0/16");
	assert_int_equal(inv->flagged[0], 1);
	assert_int_equal(inv->flagged[1], 1);
	assert_int_equal(inv->flagged[2], 1);
	inventory_free(inv);
	sums_free(v, 3);
}

static void
test_inventory_same_design_no_conflict(void **state)
{
	struct view_summary *v[2];
	struct inventory *inv;

	(void)state;
	v[0] = sum_new("a");
	v[1] = sum_new("b");
	sum_row(v[0], "prefixes", "prefix", "10.0.0.0/16", 0, 0);
	sum_row(v[0], "prefixes", "prefix", "10.0.1.0/24", 0, 0);
	sum_row(v[0], "asns", "asn", NULL, 65001, 0);
	sum_row(v[0], "asns", "asn", NULL, 65001, 0);
	sum_row(v[1], "prefixes", "prefix", "10.1.0.0/16", 0, 0);
	sum_row(v[1], "asns", "asn", NULL, 65002, 0);
	inv = inventory_new((const struct view_summary *const *)v, 2);
	assert_int_equal(inv->nconflicts_total, 0);
	assert_int_equal(inv->flagged[0], 0);
	assert_int_equal(inv->flagged[1], 0);
	inventory_free(inv);
	sums_free(v, 2);
}

static void
test_inventory_azure_asn(void **state)
{
	struct view_summary *v[3];
	struct inventory *inv;

	(void)state;
	v[0] = sum_new("a");
	v[1] = sum_new("b");
	v[2] = sum_new("c");
	sum_row(v[0], "asns", "asn", NULL, 65515, 1);
	sum_row(v[1], "asns", "asn", NULL, 65515, 1);
	inv = inventory_new((const struct view_summary *const *)v, 3);
	assert_int_equal(inv->nconflicts_total, 0);
	inventory_free(inv);
	/* An on-premises router on 65515 clashes with every gateway. */
	sum_row(v[2], "asns", "asn", NULL, 65515, 0);
	inv = inventory_new((const struct view_summary *const *)v, 3);
	assert_int_equal(inv->nconflicts_total, 1);
	assert_int_equal(inv->flagged[0], 1);
	assert_int_equal(inv->flagged[2], 1);
	inventory_free(inv);
	sums_free(v, 3);
}

static void
test_inventory_shared_ip_and_circuit(void **state)
{
	struct view_summary *v[2];
	struct value	*c, *r;
	struct inventory *inv;
	size_t		 i;

	(void)state;
	v[0] = sum_new("a");
	v[1] = sum_new("b");
	sum_row(v[0], "ips", "ip", "203.0.113.7", 0, 0);
	sum_row(v[1], "ips", "ip", "203.0.113.7", 0, 0);
	sum_row(v[1], "ips", "ip", "203.0.113.70", 0, 0);
	for (i = 0; i < 2; i++) {
		c = value_map_put(v[i]->inventory, "circuits",
		    value_new_list());
		r = value_list_push(c, value_new_map());
		value_map_str(r, "name", "er-shared");
		value_map_str(r, "provider", "Equinix");
		value_map_str(r, "location", "Amsterdam");
		value_map_int(r, "mbps", 1000);
		value_map_str(r, "sku", "Standard");
	}
	inv = inventory_new((const struct view_summary *const *)v, 2);
	assert_int_equal(inv->nconflicts_total, 2);
	assert_int_equal(inv->rows[INV_IP][0].nwith_total, 1);
	assert_int_equal(inv->rows[INV_IP][2].nwith_total, 0);
	assert_string_equal(inv->rows[INV_CIRCUIT][0].object,
	    "Equinix, Amsterdam");
	assert_string_equal(inv->rows[INV_CIRCUIT][0].role,
	    "1000 Mbps, Standard");
	inventory_free(inv);
	sums_free(v, 2);
}

static void
test_inventory_sorted_by_value(void **state)
{
	struct view_summary *v[1];
	struct value	*view;
	struct inventory *inv;
	struct buf	 b = BUF_INIT;

	(void)state;
	v[0] = sum_new("a");
	sum_row(v[0], "prefixes", "prefix", "10.10.0.0/16", 0, 0);
	sum_row(v[0], "prefixes", "prefix", "10.9.0.0/16", 0, 0);
	sum_row(v[0], "prefixes", "prefix", "not a prefix", 0, 0);
	sum_row(v[0], "asns", "asn", NULL, 4200000000LL, 0);
	sum_row(v[0], "asns", "asn", NULL, 65001, 0);
	inv = inventory_new((const struct view_summary *const *)v, 1);
	assert_string_equal(inv->rows[INV_PREFIX][0].key, "10.9.0.0/16");
	assert_string_equal(inv->rows[INV_PREFIX][1].key, "10.10.0.0/16");
	assert_string_equal(inv->rows[INV_PREFIX][2].key, "not a prefix");
	assert_string_equal(inv->rows[INV_PREFIX][0].id, "prefix-1");
	assert_string_equal(inv->rows[INV_ASN][0].key, "65001");
	assert_string_equal(inv->rows[INV_ASN][1].key, "4200000000");
	view = inventory_view(inv);
	value_to_json(&b, view, 0);
	assert_non_null(strstr(buf_cstr(&b), "\"id\":\"asn-2\""));
	value_free(view);
	buf_release(&b);
	inventory_free(inv);
	sums_free(v, 1);
}

/*
 * The summary as the manifest keeps it reads back into the same struct:
 * statuses and drift as enums, messages, terms and the inventory's lists
 * kept, and the texts derived from the numbers.
 */
static void
test_summary_round_trip(void **state)
{
	struct view_summary s, r;
	struct value	*v, *w;
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	struct mark	 m = { 3, 7 };

	(void)state;
	view_summary_init(&s);
	view_summary_set(&s, NULL, "hub", "hub.yaml", "hub", 0);
	s.ok = 1;
	s.status = VIEW_ERRORS;
	s.errors = 1;
	s.warnings = 2;
	s.nsites = 4;
	s.ncircuits = 2;
	s.drift = VIEW_DRIFT_DRIFTED;
	s.drift_n = 3;
	diags_add(&s.messages, DIAG_WARNING, "hub.yaml", m, "HD001", "%s",
	    "careful");
	view_summary_add_term(&s, "site", "HQ", "Redmond", "site-hq");
	s.inventory = value_new_map();
	value_map_list(s.inventory, "prefixes");
	v = view_summary_value(&s);
	value_to_json(&a, v, 0);
	assert_non_null(strstr(buf_cstr(&a), "\"status\":\"errors\","
	    "\"status_text\":\"1 error, 2 warnings\""));
	assert_non_null(strstr(buf_cstr(&a), "\"drift\":\"drifted\","
	    "\"drift_text\":\"drifted: 3 differences\",\"drift_n\":3"));
	assert_true(view_summary_read(&r, v));
	assert_int_equal(r.status, VIEW_ERRORS);
	assert_int_equal(r.drift, VIEW_DRIFT_DRIFTED);
	assert_int_equal(r.drift_n, 3);
	assert_int_equal(r.nsites, 4);
	assert_int_equal(r.messages.n, 1);
	assert_int_equal(r.messages.v[0].level, DIAG_WARNING);
	assert_int_equal(r.messages.v[0].mark.col, 7);
	assert_string_equal(r.messages.v[0].id, "HD001");
	assert_int_equal(r.nterms, 1);
	assert_string_equal(r.terms[0].anchor, "site-hq");
	assert_non_null(value_map_get(r.inventory, "prefixes"));
	assert_null(value_map_get(r.inventory, "terms"));
	w = view_summary_value(&r);
	value_to_json(&b, w, 0);
	assert_string_equal(buf_cstr(&a), buf_cstr(&b));
	value_free(w);
	view_summary_release(&r);

	/* A status the struct has no value for is not a summary. */
	value_free(v->items[value_map_index(v, "status")]);
	v->items[value_map_index(v, "status")] = value_new_str("fine");
	assert_false(view_summary_read(&r, v));
	assert_int_equal(r.status, VIEW_INPUT_ERRORS);
	view_summary_release(&r);
	/* Not analysed: input errors, no counts, no terms. */
	view_summary_release(&s);
	view_summary_set(&s, NULL, "x", "x.yaml", "x", 1);
	assert_int_equal(s.status, VIEW_INPUT_ERRORS);
	assert_false(s.ok);
	buf_truncate(&b, 0);
	view_status_text(&s, &b);
	assert_string_equal(buf_cstr(&b), "input errors");
	buf_truncate(&b, 0);
	view_drift_text(&s, &b);
	assert_string_equal(buf_cstr(&b), "no export given");
	value_free(v);
	view_summary_release(&s);
	buf_release(&a);
	buf_release(&b);
}

/* ---- Incremental builds ---- */

static void
test_incremental_one_design(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*path, *man0, *man1, *before;
	FILE		*fp;

	add_small(f);
	assert_true(build(f, 2, 0, NULL, &st, NULL));
	man0 = slurpf(f, SITE_MANIFEST);
	before = slurpf(f, "overlap-westus/design.yaml");
	age(f->out);
	path = xasprintf("%s/overlap-westus.yaml", f->designs);
	fp = fopen(path, "a");
	assert_non_null(fp);
	fputs("# edited\n", fp);
	fclose(fp);
	assert_true(build(f, 2, 0, NULL, &st, NULL));
	assert_int_equal(st.rendered, 1);
	assert_int_equal(st.reused, 3);
	/* The changed design was written again, the others not at all. */
	assert_true(mtime_of(f, "overlap-westus/design.yaml") != 1000000000);
	assert_true(mtime_of(f, "contoso-eastus/index.html") == 1000000000);
	assert_true(mtime_of(f, "contoso-eastus/topology.svg") ==
	    1000000000);
	assert_true(mtime_of(f, "bad-schema/index.html") == 1000000000);
	/* The manifest records the new content hash. */
	man1 = slurpf(f, SITE_MANIFEST);
	assert_string_not_equal(man0, man1);
	assert_true(mtime_of(f, SITE_MANIFEST) != 1000000000);
	free(man0);
	free(man1);
	free(before);
	free(path);
}

static void
test_incremental_nothing_changed(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;

	add_small(f);
	assert_true(build(f, 1, 0, NULL, &st, NULL));
	age(f->out);
	assert_true(build(f, 1, 0, NULL, &st, NULL));
	assert_int_equal(st.rendered, 0);
	assert_int_equal(st.reused, 4);
	assert_int_equal(st.written, 0);
	assert_true(mtime_of(f, "index.html") == 1000000000);
	/* Input errors are still counted from the manifest. */
	assert_int_equal(st.input_errors, INPUT_ERRORS);
}

static void
test_incremental_deleted_design(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*path, *s;

	add_small(f);
	assert_true(build(f, 2, 0, NULL, &st, NULL));
	/* A file the site did not write survives the clean-up. */
	path = xasprintf("%s/overlap-westus/notes.txt", f->out);
	spit(path, "mine\n");
	free(path);
	path = xasprintf("%s/overlap-westus.yaml", f->designs);
	assert_int_equal(unlink(path), 0);
	assert_true(build(f, 2, 0, NULL, &st, NULL));
	assert_int_equal(st.removed, 1);
	assert_int_equal(st.rendered, 0);
	assert_false(exists(f, "overlap-westus/index.html"));
	assert_false(exists(f, "overlap-westus/topology.svg"));
	assert_true(exists(f, "overlap-westus/notes.txt"));
	s = slurpf(f, "index.html");
	assert_null(strstr(s, "overlap-westus"));
	free(s);
	s = slurpf(f, "inventory.html");
	assert_null(strstr(s, "10.100.64.0/18"));
	assert_null(strstr(s, "overlaps"));
	free(s);
	s = slurpf(f, "search-index.js");
	assert_null(strstr(s, "overlap-westus"));
	free(s);
	free(path);
}

static void
test_incremental_downloads_removed_on_error(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*path;

	add_design(f, "designs", "contoso-eastus.yaml");
	assert_true(build(f, 1, 0, NULL, &st, NULL));
	assert_true(exists(f, "contoso-eastus/runbook.md"));
	/* The design breaks: its downloads go, its page shows why. */
	path = xasprintf("%s/contoso-eastus.yaml", f->designs);
	spit(path, "hybridoc: 1\nname: contoso-eastus\nbogus: [\n");
	assert_true(build(f, 1, 0, NULL, &st, NULL));
	assert_int_equal(st.input_errors, 1);
	assert_true(exists(f, "contoso-eastus/index.html"));
	assert_false(exists(f, "contoso-eastus/runbook.md"));
	assert_false(exists(f, "contoso-eastus/topology.svg"));
	free(path);
}

static void
test_incremental_templates_changed(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*tdir = xasprintf("%s/templates", f->root), *p, *s;
	char		 h0[17], h1[17];

	add_small(f);
	assert_true(build(f, 2, 0, NULL, &st, NULL));
	assert_int_equal(mkdir(tdir, 0755), 0);
	site_templates_hash(NULL, h0);
	site_templates_hash(tdir, h1);
	assert_string_equal(h0, h1);	/* an empty folder changes nothing */
	p = xasprintf("%s/site-foot.html.mustache", tdir);
	spit(p, "<footer>CUSTOM FOOTER</footer>\n</body>\n</html>\n");
	site_templates_hash(tdir, h1);
	assert_string_not_equal(h0, h1);
	assert_true(build(f, 2, 0, NULL, &st, tdir));
	assert_int_equal(st.rendered, 4);
	s = slurpf(f, "contoso-eastus/index.html");
	assert_non_null(strstr(s, "CUSTOM FOOTER"));
	free(s);
	s = slurpf(f, "index.html");
	assert_non_null(strstr(s, "CUSTOM FOOTER"));
	free(s);
	free(p);
	free(tdir);
}

static void
test_corrupt_manifest(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*path;

	add_design(f, "designs", "contoso-eastus.yaml");
	assert_true(build(f, 1, 0, NULL, &st, NULL));
	path = xasprintf("%s/%s", f->out, SITE_MANIFEST);
	spit(path, "{\"designs\": [ {\"file\": 7, \"files\": \"x\"}, 3,\n");
	assert_true(build(f, 1, 0, NULL, &st, NULL));
	assert_int_equal(st.rendered, 1);
	spit(path, "{\"designs\": [ {\"file\": \"contoso-eastus.yaml\", "
	    "\"files\": [\"../../etc/passwd\", 5]}, 3]}\n");
	assert_true(build(f, 1, 0, NULL, &st, NULL));
	assert_int_equal(st.rendered, 1);
	assert_true(exists(f, "contoso-eastus/index.html"));
	free(path);
}

/* ---- --check ---- */

static void
test_check_fresh(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	FILE		*diff = tmpfile();
	char		*s;

	add_small(f);
	assert_true(build(f, 2, 0, NULL, &st, NULL));
	age(f->out);
	assert_true(build(f, 2, 1, diff, &st, NULL));
	assert_int_equal(st.stale, 0);
	s = read_stream(diff);
	assert_string_equal(s, "");
	/* Nothing was written. */
	assert_true(mtime_of(f, "index.html") == 1000000000);
	free(s);
	fclose(diff);
}

static void
test_check_after_edit(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	FILE		*diff = tmpfile(), *fp;
	char		*s, *path, *before, *after;

	add_small(f);
	assert_true(build(f, 2, 0, NULL, &st, NULL));
	before = slurpf(f, "overlap-westus/design.yaml");
	path = xasprintf("%s/overlap-westus.yaml", f->designs);
	fp = fopen(path, "a");
	fputs("# edited for the check\n", fp);
	fclose(fp);
	assert_true(build(f, 2, 1, diff, &st, NULL));
	assert_true(st.stale >= 2);	/* design.yaml, the manifest, ... */
	s = read_stream(diff);
	assert_non_null(strstr(s, "--- a/overlap-westus/design.yaml\n"
	    "+++ b/overlap-westus/design.yaml\n@@ "));
	assert_non_null(strstr(s, "\n+# edited for the check\n"));
	/* A summary first: the manifest is listed, not diffed. */
	assert_true(s[0] >= '1' && s[0] <= '9');
	assert_non_null(strstr(s, " files are out of date ("));
	assert_non_null(strstr(s, "\n  M .hybridoc-manifest ("));
	assert_non_null(strstr(s, "\n  M overlap-westus/design.yaml "
	    "(diff below)\n"));
	assert_null(strstr(s, "--- a/.hybridoc-manifest\n"));
	assert_null(strstr(s, "a/contoso-eastus/"));
	/* Pages and pictures are listed with their sizes, never diffed. */
	assert_null(strstr(s, "--- a/overlap-westus/index.html"));
	assert_null(strstr(s, "--- a/overlap-westus/topology.svg"));
	/* The design's diff comes before any other. */
	assert_true(strstr(s, "--- a/") == strstr(s,
	    "--- a/overlap-westus/design.yaml"));
	/* --check writes nothing. */
	after = slurpf(f, "overlap-westus/design.yaml");
	assert_string_equal(before, after);
	free(s);
	free(before);
	free(after);
	free(path);
	fclose(diff);
}

static void
test_check_extra_and_missing(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	FILE		*diff = tmpfile();
	char		*s, *path;

	add_design(f, "designs", "contoso-eastus.yaml");
	assert_true(build(f, 1, 0, NULL, &st, NULL));
	path = xasprintf("%s/extra.txt", f->out);
	spit(path, "not from hybridoc\n");
	free(path);
	path = xasprintf("%s/contoso-eastus/topology.dot", f->out);
	assert_int_equal(unlink(path), 0);
	free(path);
	assert_true(build(f, 1, 1, diff, &st, NULL));
	assert_int_equal(st.stale, 2);
	s = read_stream(diff);
	assert_non_null(strstr(s, "2 files are out of date"));
	assert_non_null(strstr(s, "\n  A contoso-eastus/topology.dot\n"));
	assert_non_null(strstr(s, "\n  D extra.txt\n"));
	assert_null(strstr(s, "\n+digraph"));
	free(s);
	fclose(diff);
}

static void
test_check_no_output_yet(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	FILE		*diff = tmpfile();
	char		*s;

	add_design(f, "designs", "contoso-eastus.yaml");
	assert_true(build(f, 1, 1, diff, &st, NULL));
	/* 9 design files, 5 site files, the manifest. */
	assert_int_equal(st.stale, 15);
	assert_false(exists(f, "."));
	s = read_stream(diff);
	assert_non_null(strstr(s, "15 files are out of date"));
	assert_non_null(strstr(s, "\n  A index.html\n"));
	assert_non_null(strstr(s, "+++ b/contoso-eastus/design.yaml"));
	assert_null(strstr(s, "+++ b/index.html"));
	free(s);
	fclose(diff);
}

/* ---- Determinism ---- */

static void
test_jobs_same_bytes(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*cmd;

	add_all(f, "designs");
	add_all(f, "tests/site");
	assert_true(build(f, 1, 0, NULL, &st, NULL));
	snprintf(f->out, sizeof(f->out), "%s/site4", f->root);
	assert_true(build(f, 4, 0, NULL, &st, NULL));
	cmd = xasprintf("diff -r '%s/site' '%s/site4' >/dev/null", f->root,
	    f->root);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	/* And a rebuild of one into the other finds nothing to do. */
	snprintf(f->out, sizeof(f->out), "%s/site", f->root);
	assert_true(build(f, 3, 0, NULL, &st, NULL));
	assert_int_equal(st.written, 0);
}

/* ---- Names ---- */

static void
test_duplicate_name(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*from, *to, *s;

	add_design(f, "designs", "contoso-eastus.yaml");
	from = xasprintf("%s/contoso-eastus.yaml", f->designs);
	to = xasprintf("%s/zz-copy.yml", f->designs);
	copy_file(from, to);
	assert_true(build(f, 2, 0, NULL, &st, NULL));
	assert_int_equal(st.designs, 2);
	assert_int_equal(st.input_errors, 1);
	/* The first by file name keeps the name; the other is an error. */
	assert_true(exists(f, "contoso-eastus/runbook.md"));
	assert_true(exists(f, "zz-copy/index.html"));
	assert_false(exists(f, "zz-copy/runbook.md"));
	s = slurpf(f, "zz-copy/index.html");
	assert_non_null(strstr(s, "zz-copy.yml:7:7: error: design name "
	    "&#39;contoso-eastus&#39; is already used by "
	    "contoso-eastus.yaml"));
	free(s);
	free(from);
	free(to);
}

static void
test_escaping(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*s;

	add_design(f, "tests/site", "overlap-westus.yaml");
	add_design(f, "tests/site", "bad-schema.yaml");
	assert_true(build(f, 2, 0, NULL, &st, NULL));
	s = slurpf(f, "index.html");
	assert_non_null(strstr(s, "Overlap &lt;West&gt; &amp; &quot;US&quot;"));
	assert_null(strstr(s, "<West>"));
	free(s);
	s = slurpf(f, "overlap-westus/index.html");
	assert_non_null(strstr(s, "<title>Overlap &lt;West&gt; &amp; "
	    "&quot;US&quot; test hub - hybrid network wiki</title>"));
	assert_null(strstr(s, "<script>alert"));
	assert_null(strstr(s, "<West>"));
	free(s);
	s = slurpf(f, "bad-schema/index.html");
	assert_null(strstr(s, "<schema>"));
	free(s);
	s = slurpf(f, "search-index.js");
	assert_non_null(strstr(s, "Overlap \\u003cWest\\u003e \\u0026 "
	    "\\\"US\\\""));
	free(s);
}

/*
 * Every search hit that names an anchor ("page#id") lands on an element
 * of that page with that id.
 */
static void
search_anchors_exist(const struct fx *f, const char *index)
{
	const char	*p = index, *q, *hash, *end;
	char		*page, *html, *id;
	size_t		 n = 0;

	while ((q = strstr(p, "\"u\":\"")) != NULL) {
		q += 5;
		end = strchr(q, '"');
		assert_non_null(end);
		hash = memchr(q, '#', (size_t)(end - q));
		p = end;
		if (hash == NULL)
			continue;
		page = xasprintf("%.*s", (int)(hash - q), q);
		id = xasprintf("id=\"%.*s\"", (int)(end - hash - 1), hash + 1);
		html = slurpf(f, page);
		if (strstr(html, id) == NULL)
			fail_msg("search hit %s#%s: no such anchor", page,
			    id);
		free(html);
		free(page);
		free(id);
		n++;
	}
	assert_true(n > 20);
}

static void
test_search_index(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*s;

	add_small(f);
	assert_true(build(f, 2, 0, NULL, &st, NULL));
	s = slurpf(f, "search-index.js");
	assert_non_null(strstr(s, "window.HYBRIDOC_SEARCH = [\n"));
	assert_non_null(strstr(s, "{\"k\":\"prefix\",\"t\":\"10.100.0.0/16\""));
	assert_non_null(strstr(s, "{\"k\":\"asn\",\"t\":\"65010\""));
	assert_non_null(strstr(s, "{\"k\":\"site\",\"t\":\"LocalSite2\""));
	assert_non_null(strstr(s, "\"u\":\"contoso-eastus/index.html\""));
	assert_non_null(strstr(s, "\"u\":\"contoso-eastus/index.html"
	    "#site-localsite2\""));
	/* Device models, SKUs, subnets, /30s, rule and scenario ids. */
	assert_non_null(strstr(s, "{\"k\":\"device\",\"t\":"
	    "\"Cisco ASR 1001-X\""));
	assert_non_null(strstr(s, "{\"k\":\"sku\",\"t\":\"ErGw1AZ\""));
	assert_non_null(strstr(s, "{\"k\":\"subnet\",\"t\":\"snet-app\""));
	assert_non_null(strstr(s, "{\"k\":\"link\",\"t\":"
	    "\"192.168.100.128/30\""));
	assert_non_null(strstr(s, "{\"k\":\"rule\",\"t\":\"HD608\""));
	assert_non_null(strstr(s, "{\"k\":\"scenario\",\"t\":"
	    "\"circuit-down:er-eus-equinix-dc\""));
	search_anchors_exist(f, s);
	assert_non_null(strstr(s, "{\"k\":\"ip\",\"t\":\"131.107.72.23\""));
	assert_non_null(strstr(s, "\n];\n"));
	free(s);
	/* Only the index loads the search; every page can submit to it. */
	s = slurpf(f, "index.html");
	assert_non_null(strstr(s, "<script src=\"search-index.js\"></script>"
	    "\n<script src=\"site.js\"></script>"));
	free(s);
	/* a design's page: site.js (copy buttons, folded groups), no index */
	s = slurpf(f, "contoso-eastus/index.html");
	assert_non_null(strstr(s, "action=\"../index.html\""));
	assert_int_equal(count(s, "<script"), 1);
	assert_non_null(strstr(s, "<script src=\"../site.js\"></script>"));
	assert_null(strstr(s, "search-index.js"));
	free(s);
}

/*
 * With SOURCE_DATE_EPOCH every page's footer says when it was built and,
 * in a git work tree, from which commit; a commit re-renders the pages.
 * Without it (every other test) the footer has neither.
 */
static void
test_built_when_and_from_which_commit(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*s, *cmd, *parent;
	const char	*slash;

	add_design(f, "designs", "contoso-eastus.yaml");
	assert_true(build(f, 1, 0, NULL, &st, NULL));
	s = slurpf(f, "contoso-eastus/index.html");
	assert_null(strstr(s, ", built "));
	free(s);

	/* git reads no configuration of this machine, and stops at root. */
	slash = strrchr(f->root, '/');
	parent = xasprintf("%.*s", (int)(slash - f->root), f->root);
	setenv("GIT_CEILING_DIRECTORIES", parent, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	setenv("SOURCE_DATE_EPOCH", "86400", 1);
	assert_true(build(f, 1, 0, NULL, &st, NULL));
	s = slurpf(f, "contoso-eastus/index.html");
	assert_non_null(strstr(s, ", built 1970-01-02 00:00 UTC; edit"));
	free(s);
	s = slurpf(f, "index.html");
	assert_non_null(strstr(s, ", built 1970-01-02 00:00 UTC; edit"));
	free(s);

	cmd = xasprintf("cd '%s' && git init -q && git add . && "
	    "git -c user.name=t -c user.email=t@example.invalid commit -qm t "
	    "&& git rev-parse --short=12 HEAD > '%s/head'", f->designs,
	    f->root);
	if (system(cmd) == 0) {
		char	*head = xasprintf("%s/head", f->root), *h, *want;

		h = slurp(head);
		h[strcspn(h, "\n")] = '\0';
		want = xasprintf(", built 1970-01-02 00:00 UTC from commit "
		    "<code>%s</code>; edit", h);
		assert_true(build(f, 1, 0, NULL, &st, NULL));
		assert_int_equal(st.reused, 0);
		s = slurpf(f, "contoso-eastus/index.html");
		assert_non_null(strstr(s, want));
		free(s);
		free(want);
		free(h);
		free(head);
	}
	free(cmd);
	unsetenv("SOURCE_DATE_EPOCH");
	unsetenv("GIT_CEILING_DIRECTORIES");
	unsetenv("GIT_CONFIG_NOSYSTEM");
	unsetenv("GIT_CONFIG_GLOBAL");
	free(parent);
}

static void
test_empty_folder(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*s;

	assert_true(build(f, 2, 0, NULL, &st, NULL));
	assert_int_equal(st.designs, 0);
	s = slurpf(f, "index.html");
	assert_non_null(strstr(s, "No design files"));
	free(s);
}

static void
test_file_name_not_utf8(void **state)
{
	struct fx	*f = *state;
	struct site_opts o;
	struct site_stats st;
	struct diags	 d;
	char		*from = xasprintf("designs/contoso-eastus.yaml");
	char		*to = xasprintf("%s/bad\xff.yaml", f->designs);

	copy_file(from, to);
	add_design(f, "tests/site", "overlap-westus.yaml");
	memset(&o, 0, sizeof(o));
	o.dir = f->designs;
	o.out = f->out;
	o.jobs = 1;
	diags_init(&d);
	assert_true(site_build(&o, &st, &d));
	assert_int_equal(st.designs, 1);
	assert_int_equal(diags_errors(&d), 1);
	assert_non_null(strstr(d.v[0].msg, "not UTF-8"));
	assert_true(exists(f, "overlap-westus/index.html"));
	diags_release(&d);
	free(from);
	free(to);
}

static void
test_symlink_in_output_refused(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*elsewhere = xasprintf("%s/elsewhere", f->root);
	char		*link = xasprintf("%s/contoso-eastus", f->out);
	char		*victim = xasprintf("%s/index.html", elsewhere);
	struct stat	 sb;

	add_design(f, "designs", "contoso-eastus.yaml");
	assert_int_equal(mkdir(elsewhere, 0755), 0);
	assert_int_equal(mkdir(f->out, 0755), 0);
	assert_int_equal(symlink(elsewhere, link), 0);
	assert_true(build(f, 1, 0, NULL, &st, NULL));
	/* The design's files are refused; nothing lands outside. */
	assert_int_equal(st.input_errors, 1);
	assert_int_not_equal(lstat(victim, &sb), 0);
	/* Once the link is gone, the next build renders it again. */
	assert_int_equal(unlink(link), 0);
	assert_true(build(f, 1, 0, NULL, &st, NULL));
	assert_int_equal(st.rendered, 1);
	assert_int_equal(st.input_errors, 0);
	assert_true(exists(f, "contoso-eastus/index.html"));
	free(elsewhere);
	free(link);
	free(victim);
}

/* ---- Links and HTML ---- */

/* Every id="..." of the page at path (relative to out), NUL-separated. */
static int
has_id(const char *html, const char *id, size_t idlen)
{
	const char	*p = html;

	while ((p = strstr(p, " id=\"")) != NULL) {
		p += 5;
		if (strncmp(p, id, idlen) == 0 && p[idlen] == '"')
			return 1;
	}
	return 0;
}

/*
 * The path below the site's top of link (k bytes) on page: "." and ".."
 * resolved against the page's folder.  0 when it leaves the site.
 */
static int
resolve(const char *page, const char *link, size_t k, struct buf *out)
{
	struct buf	 all = BUF_INIT;
	char		*parts[64], *s, *save = NULL;
	size_t		 n = 0, i;
	const char	*slash = strrchr(page, '/');
	int		 ok = 1;

	if (slash)
		buf_printf(&all, "%.*s/", (int)(slash - page), page);
	buf_put(&all, link, k);
	for (s = strtok_r(all.ptr, "/", &save); s && ok;
	    s = strtok_r(NULL, "/", &save)) {
		if (strcmp(s, ".") == 0)
			continue;
		if (strcmp(s, "..") == 0)
			ok = n-- > 0;
		else if (n < 64)
			parts[n++] = s;
	}
	for (i = 0; ok && i < n; i++)
		buf_printf(out, "%s%s", i ? "/" : "", parts[i]);
	buf_release(&all);
	return ok && n > 0;
}

/*
 * The link checker: in every page, every href and src is relative
 * (external hyperlinks to documentation are allowed in <a> only, never
 * as a resource), names a file below out and, with #fragment, an id in
 * it.  Returns the number of broken links (and prints them).
 */
static size_t
check_links(const char *out, const char *page, size_t *nlinks)
{
	char		*path = xasprintf("%s/%s", out, page);
	char		*html = slurp(path), *target, *text;
	const char	*p, *v, *e, *hash, *q, *attr;
	struct buf	 url = BUF_INIT, rel = BUF_INIT;
	struct stat	 sb;
	size_t		 broken = 0, k;
	int		 resource;

	assert_non_null(html);
	for (p = html; (p = strpbrk(p, " ")) != NULL; p++) {
		if (strncmp(p, " href=\"", 7) == 0)
			attr = "href";
		else if (strncmp(p, " src=\"", 6) == 0)
			attr = "src";
		else
			continue;
		v = p + strlen(attr) + 3;
		e = strchr(v, '"');
		assert_non_null(e);
		/* Resources: src, and <link href>. */
		for (q = p; q > html && *q != '<'; q--)
			;
		resource = attr[0] == 's' || strncmp(q, "<link", 5) == 0;
		buf_truncate(&url, 0);
		for (q = v; q < e; q++) {
			if (strncmp(q, "&amp;", 5) == 0) {
				buf_putc(&url, '&');
				q += 4;
			} else
				buf_putc(&url, *q);
		}
		(*nlinks)++;
		if (strncmp(buf_cstr(&url), "https://", 8) == 0 ||
		    strncmp(buf_cstr(&url), "mailto:", 7) == 0) {
			if (resource) {
				fprintf(stderr, "%s: external resource %s\n",
				    page, buf_cstr(&url));
				broken++;
			}
			continue;
		}
		if (buf_cstr(&url)[0] == '/' || strchr(buf_cstr(&url), ':') !=
		    NULL) {
			fprintf(stderr, "%s: not a relative link: %s\n", page,
			    buf_cstr(&url));
			broken++;
			continue;
		}
		hash = strchr(buf_cstr(&url), '#');
		q = strchr(buf_cstr(&url), '?');
		k = (size_t)((q && (!hash || q < hash)) ? q - buf_cstr(&url) :
		    hash ? hash - buf_cstr(&url) : (long)url.len);
		buf_truncate(&rel, 0);
		if (k == 0)
			buf_puts(&rel, page);
		else if (!resolve(page, buf_cstr(&url), k, &rel)) {
			fprintf(stderr, "%s: leaves the site: %s\n", page,
			    buf_cstr(&url));
			broken++;
			continue;
		}
		target = xasprintf("%s/%s", out, buf_cstr(&rel));
		if (stat(target, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			fprintf(stderr, "%s: broken link %s\n", page,
			    buf_cstr(&url));
			broken++;
		} else if (hash != NULL && hash[1] != '\0') {
			text = slurp(target);
			if (!has_id(text, hash + 1, strlen(hash + 1))) {
				fprintf(stderr, "%s: no anchor for %s\n", page,
				    buf_cstr(&url));
				broken++;
			}
			free(text);
		}
		free(target);
	}
	free(html);
	free(path);
	buf_release(&url);
	buf_release(&rel);
	return broken;
}

static void
test_links_resolve(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	char		*pages[64], *s;
	size_t		 n, i, broken = 0, nlinks = 0;

	add_all(f, "designs");
	add_all(f, "tests/site");
	assert_true(build(f, 3, 0, NULL, &st, NULL));
	n = html_files(f->out, "", pages, 64);
	assert_int_equal(n, 2 + ALL_DESIGNS);
	for (i = 0; i < n; i++) {
		broken += check_links(f->out, pages[i], &nlinks);
		free(pages[i]);
	}
	assert_int_equal(broken, 0);
	assert_true(nlinks > 500);
	/* No resource from elsewhere in the stylesheet or the script. */
	s = slurpf(f, "hybridoc.css");
	assert_null(strstr(s, "url("));
	assert_null(strstr(s, "@import"));
	free(s);
	s = slurpf(f, "site.js");
	assert_null(strstr(s, "fetch("));
	assert_null(strstr(s, "XMLHttpRequest"));
	assert_null(strstr(s, "innerHTML"));
	free(s);
}

/* The link checker must catch a broken link and a missing anchor. */
static void
test_link_checker_catches(void **state)
{
	struct fx	*f = *state;
	size_t		 nlinks = 0;
	char		*p;

	assert_int_equal(mkdir(f->out, 0755), 0);
	p = xasprintf("%s/a.html", f->out);
	spit(p, "<p id=\"here\"><a href=\"#here\">ok</a> <a href=\"b.html\">"
	    "gone</a> <a href=\"a.html#nowhere\">x</a> "
	    "<img src=\"https://example.com/x.png\"> "
	    "<a href=\"https://learn.microsoft.com/\">docs</a> "
	    "<a href=\"/etc/passwd\">abs</a></p>\n");
	assert_int_equal(check_links(f->out, "a.html", &nlinks), 4);
	assert_int_equal(nlinks, 6);
	free(p);
}

/* tidy's exit status: 0 clean, 1 warnings, 2 errors; -1 without tidy. */
static int
tidy(const char *path, struct buf *msgs)
{
	char		 tmpl[] = "/tmp/hybridoc-tidy.XXXXXX";
	int		 fd = mkstemp(tmpl), status;
	pid_t		 pid;
	char		*s;

	assert_true(fd >= 0);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		execlp("tidy", "tidy", "-q", "-e", path, (char *)NULL);
		_exit(127);
	}
	close(fd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if ((s = slurp(tmpl)) != NULL) {
		buf_puts(msgs, s);
		free(s);
	}
	unlink(tmpl);
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 127)
		return -1;
	return WEXITSTATUS(status);
}

static void
test_tidy_no_errors(void **state)
{
	struct fx	*f = *state;
	struct site_stats st;
	struct buf	 msgs = BUF_INIT;
	char		*pages[64], *p;
	size_t		 n, i;
	int		 rc;

	add_all(f, "designs");
	add_all(f, "tests/site");
	assert_true(build(f, 3, 0, NULL, &st, NULL));
	n = html_files(f->out, "", pages, 64);
	for (i = 0; i < n; i++) {
		p = xasprintf("%s/%s", f->out, pages[i]);
		buf_truncate(&msgs, 0);
		rc = tidy(p, &msgs);
		if (rc < 0) {
			free(p);
			for (; i < n; i++)
				free(pages[i]);
			buf_release(&msgs);
			skip();
		}
		if (rc >= 2)
			fprintf(stderr, "tidy %s:\n%s", pages[i],
			    buf_cstr(&msgs));
		assert_true(rc < 2);
		/* Our own markup is warning-free too (SVG sizes aside). */
		if (strchr(pages[i], '/') == NULL)
			assert_int_equal(rc, 0);
		free(p);
		free(pages[i]);
	}
	buf_release(&msgs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_build_designs_and_errors,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_cmd_exit_input_errors,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_cmd_exit_clean, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cmd_usage, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_inventory_cross_design,
		    setup, teardown),
		cmocka_unit_test(test_inventory_nested_prefixes),
		cmocka_unit_test(test_inventory_same_design_no_conflict),
		cmocka_unit_test(test_inventory_azure_asn),
		cmocka_unit_test(test_inventory_shared_ip_and_circuit),
		cmocka_unit_test(test_inventory_sorted_by_value),
		cmocka_unit_test(test_summary_round_trip),
		cmocka_unit_test_setup_teardown(test_incremental_one_design,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_incremental_nothing_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_incremental_deleted_design, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_incremental_downloads_removed_on_error, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_incremental_templates_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_manifest, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_check_fresh, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_check_after_edit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_check_extra_and_missing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_no_output_yet,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_jobs_same_bytes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_name, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_escaping, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_built_when_and_from_which_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_index, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_empty_folder, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_file_name_not_utf8, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_symlink_in_output_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_resolve, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_link_checker_catches,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_tidy_no_errors, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

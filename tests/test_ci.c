/*
 * The CI recipes in tests/ci/ are YAML that engineers copy into their
 * repositories, so they are checked like code: each loads with
 * hybridoc's own loader (load_file + load_yaml, YAML 1.2 core, which
 * reads GitHub's "on:" as the string it is), has the top-level keys its
 * service needs (on/jobs for GitHub Actions; trigger, pool and steps or
 * stages for Azure Pipelines), steps of a well-formed shape, and the
 * steps the recipes promise: validate as SARIF and its upload, `site
 * --check`, a packet for pull requests published as an artifact, and an
 * install from source that names every Debian package of the Makefile's
 * DEBS.  The shape checks are also run on small broken documents so
 * that they are seen to fail.  Paths are relative to the repository
 * root, where `make test` runs.
 */
#include "testutil.h"

#include "hybridoc/buf.h"
#include "hybridoc/diag.h"
#include "hybridoc/load.h"
#include "hybridoc/value.h"

#define GITHUB	"tests/ci/github-actions.yml"
#define AZURE	"tests/ci/azure-pipelines.yml"
#define DRIFT	"tests/ci/drift-schedule.yml"

/* Loads path; fails the test with the loader's messages if it cannot. */
static struct value *
load(const char *path)
{
	struct diags	 d;
	struct value	*root = NULL;
	char		*data = NULL;
	size_t		 len = 0;

	diags_init(&d);
	if (!load_file(path, &data, &len, &d) ||
	    !load_yaml(path, data, len, &root, &d)) {
		diags_print(&d, stderr, 0);
		free(data);
		diags_release(&d);
		fail_msg("%s does not load", path);
	}
	free(data);
	diags_release(&d);
	return root;
}

/* Parses YAML text; NULL when it does not parse. */
static struct value *
parse(const char *text)
{
	struct diags	 d;
	struct value	*root = NULL;

	diags_init(&d);
	if (!load_yaml("test.yml", text, strlen(text), &root, &d))
		root = NULL;
	diags_release(&d);
	return root;
}

static int
is_map(const struct value *v)
{
	return v != NULL && v->kind == VALUE_MAP;
}

static int
is_str(const struct value *v)
{
	return v != NULL && v->kind == VALUE_STR;
}

/* A map child's text, or "" when absent or not a string. */
static const char *
text(const struct value *map, const char *key)
{
	const struct value *v = value_map_get(map, key);

	return is_str(v) ? v->str : "";
}

/*
 * GitHub Actions: "on" and "jobs"; every job has runs-on and a
 * non-empty list of steps, and each step is a mapping with exactly one
 * of "uses" and "run".  Returns non-zero when the shape is right.
 */
static int
github_shape_ok(const struct value *root)
{
	const struct value *jobs, *job, *steps, *st;
	size_t		 i, j;

	if (!is_map(root) || value_map_get(root, "on") == NULL)
		return 0;
	jobs = value_map_get(root, "jobs");
	if (!is_map(jobs) || jobs->n == 0)
		return 0;
	for (i = 0; i < jobs->n; i++) {
		job = jobs->items[i];
		if (!is_map(job) || !is_str(value_map_get(job, "runs-on")))
			return 0;
		steps = value_map_get(job, "steps");
		if (steps == NULL || steps->kind != VALUE_LIST ||
		    steps->n == 0)
			return 0;
		for (j = 0; j < steps->n; j++) {
			st = steps->items[j];
			if (!is_map(st) ||
			    (value_map_get(st, "uses") != NULL) ==
			    (value_map_get(st, "run") != NULL))
				return 0;
		}
	}
	return 1;
}

/* The top-level steps of an Azure pipeline (the recipe has no stages),
 * or NULL. */
static const struct value *
azure_steps(const struct value *root)
{
	const struct value *steps = value_map_get(root, "steps");

	return steps != NULL && steps->kind == VALUE_LIST ? steps : NULL;
}

/*
 * Azure Pipelines: trigger, pool (with a vmImage) and steps or stages;
 * each step is a mapping with exactly one of script, bash, task and
 * checkout.  Returns non-zero when the shape is right.
 */
static int
azure_shape_ok(const struct value *root)
{
	static const char *const kinds[] = { "script", "bash", "task",
	    "checkout", NULL };
	const struct value *steps, *pool, *st;
	size_t		 i, k, n;

	if (!is_map(root) || value_map_get(root, "trigger") == NULL)
		return 0;
	pool = value_map_get(root, "pool");
	if (!is_map(pool) || !is_str(value_map_get(pool, "vmImage")))
		return 0;
	if (value_map_get(root, "stages") != NULL)
		return 1;
	if ((steps = azure_steps(root)) == NULL || steps->n == 0)
		return 0;
	for (i = 0; i < steps->n; i++) {
		st = steps->items[i];
		if (!is_map(st))
			return 0;
		for (n = 0, k = 0; kinds[k]; k++)
			n += value_map_get(st, kinds[k]) != NULL;
		if (n != 1)
			return 0;
	}
	return 1;
}

/* The GitHub job's step whose key ("uses" or "run") contains needle. */
static const struct value *
github_step(const struct value *root, const char *key, const char *needle)
{
	const struct value *jobs, *steps;
	size_t		 i, j;

	jobs = value_map_get(root, "jobs");
	for (i = 0; is_map(jobs) && i < jobs->n; i++) {
		steps = value_map_get(jobs->items[i], "steps");
		for (j = 0; steps != NULL && steps->kind == VALUE_LIST &&
		    j < steps->n; j++)
			if (strstr(text(steps->items[j], key), needle))
				return steps->items[j];
	}
	return NULL;
}

/* The Azure step whose key ("script", "task") contains needle. */
static const struct value *
azure_step(const struct value *root, const char *key, const char *needle)
{
	const struct value *steps = azure_steps(root);
	size_t		 i;

	for (i = 0; steps != NULL && i < steps->n; i++)
		if (strstr(text(steps->items[i], key), needle))
			return steps->items[i];
	return NULL;
}

/*
 * The Debian packages of the Makefile's DEBS variable (continued over
 * backslash-newlines), as one space-separated string.
 */
static void
makefile_debs(struct buf *out)
{
	struct diags	 d;
	char		*data = NULL, *p, *tok;
	size_t		 len;
	int		 in = 0;

	diags_init(&d);
	if (!load_file("Makefile", &data, &len, &d))
		fail_msg("cannot read the Makefile");
	diags_release(&d);
	for (p = strtok(data, "\n"); p; p = strtok(NULL, "\n")) {
		if (!in && strncmp(p, "DEBS", 4) == 0 &&
		    (p = strchr(p, '=')) != NULL) {
			in = 1;
			p++;
		} else if (!in)
			continue;
		in = strlen(p) > 0 && p[strlen(p) - 1] == '\\';
		buf_puts(out, p);
		if (in)
			out->ptr[out->len - 1] = ' ';
		buf_putc(out, ' ');
		if (!in)
			break;
	}
	free(data);
	for (tok = out->ptr; tok && *tok; tok++)
		if (*tok == '\t')
			*tok = ' ';
}

/* Non-zero when w appears in script as a whole word. */
static int
has_word(const char *script, const char *w)
{
	const char	*p;
	size_t		 n = strlen(w);

	for (p = strstr(script, w); p; p = strstr(p + 1, w))
		if ((p == script || p[-1] == ' ' || p[-1] == '\n') &&
		    (p[n] == ' ' || p[n] == '\n' || p[n] == '\\' ||
		    p[n] == '\0'))
			return 1;
	return 0;
}

/*
 * The packages of the Makefile's DEBS missing from script, appended to
 * missing; returns how many.
 */
static size_t
debs_missing(const char *script, struct buf *missing)
{
	struct buf	 debs = BUF_INIT;
	char		*w, *save = NULL;
	size_t		 n = 0;

	makefile_debs(&debs);
	assert_non_null(debs.ptr);
	for (w = strtok_r(debs.ptr, " ", &save); w;
	    w = strtok_r(NULL, " ", &save))
		if (!has_word(script, w)) {
			buf_printf(missing, " %s", w);
			n++;
		}
	buf_release(&debs);
	return n;
}

/* Every package of DEBS appears, as a word, in script. */
static void
check_debs(const char *file, const char *script)
{
	struct buf	 missing = BUF_INIT;

	if (debs_missing(script, &missing) != 0)
		fail_msg("%s: the install step lacks the Debian package(s)%s "
		    "of the Makefile's DEBS", file, buf_cstr(&missing));
	buf_release(&missing);
}

/* ---- drift on a schedule ---- */

static void
test_drift_recipe(void **state)
{
	struct value	*root = load(DRIFT);
	const struct value *on, *st;

	(void)state;
	assert_true(github_shape_ok(root));
	on = value_map_get(root, "on");
	assert_true(is_map(on));
	assert_true(value_map_index(on, "schedule") >= 0);
	st = github_step(root, "run", "apt-get install");
	assert_non_null(st);
	check_debs(DRIFT, text(st, "run"));
	assert_non_null(github_step(root, "uses", "azure/login"));
	assert_non_null(github_step(root, "run", "az graph query"));
	st = github_step(root, "run", "hybridoc drift --from arm");
	assert_non_null(st);
	assert_non_null(strstr(text(st, "run"), "--format sarif"));
	assert_non_null(strstr(text(st, "run"), "exit $status"));
	assert_non_null(github_step(root, "uses", "upload-sarif"));
	value_free(root);
}

/* ---- GitHub Actions ---- */

static void
test_github_loads(void **state)
{
	struct value	*root = load(GITHUB);

	(void)state;
	assert_true(is_map(root));
	assert_non_null(value_map_get(root, "on"));
	assert_non_null(value_map_get(root, "jobs"));
	value_free(root);
}

static void
test_github_shape(void **state)
{
	struct value	*root = load(GITHUB);

	(void)state;
	assert_true(github_shape_ok(root));
	value_free(root);
}

static void
test_github_triggers(void **state)
{
	struct value	*root = load(GITHUB);
	const struct value *on = value_map_get(root, "on");

	(void)state;
	assert_true(is_map(on));
	assert_true(value_map_index(on, "push") >= 0);
	assert_true(value_map_index(on, "pull_request") >= 0);
	value_free(root);
}

static void
test_github_install(void **state)
{
	struct value	*root = load(GITHUB);
	const struct value *st;

	(void)state;
	st = github_step(root, "run", "apt-get install");
	assert_non_null(st);
	assert_non_null(strstr(text(st, "run"), "make -C"));
	assert_non_null(strstr(text(st, "run"), " install PREFIX="));
	check_debs(GITHUB, text(st, "run"));
	value_free(root);
}

static void
test_github_sarif(void **state)
{
	struct value	*root = load(GITHUB);
	const struct value *st, *with, *job, *perm;

	(void)state;
	assert_non_null(github_step(root, "run",
	    "hybridoc validate --format sarif -o hybridoc.sarif"));
	st = github_step(root, "uses", "github/codeql-action/upload-sarif@");
	assert_non_null(st);
	with = value_map_get(st, "with");
	assert_string_equal(text(with, "sarif_file"), "hybridoc.sarif");
	/* Uploaded even when the validation step failed. */
	assert_non_null(strstr(text(st, "if"), "!cancelled()"));
	job = value_map_get(root, "jobs")->items[0];
	perm = value_map_get(job, "permissions");
	assert_string_equal(text(perm, "security-events"), "write");
	value_free(root);
}

static void
test_github_site_check(void **state)
{
	struct value	*root = load(GITHUB);

	(void)state;
	assert_non_null(github_step(root, "run",
	    "hybridoc site designs -o site --check"));
	value_free(root);
}

/*
 * The packet loop runs under `bash -e` (GitHub) or `set -e` (Azure):
 * packet exits 1 for a design with errors, which must not end the loop
 * before the designs after it get their packets.  Each packet command
 * ends in "|| rc=1" and the script ends with "exit $rc".
 */
static void
loop_goes_on(const char *script)
{
	const char	*p = strstr(script, "hybridoc packet --git");
	const char	*eol, *end;

	assert_non_null(p);
	eol = strchr(p, '\n');
	assert_non_null(eol);
	if (eol - p < 7 || strncmp(eol - 7, "|| rc=1", 7) != 0)
		fail_msg("the packet command does not end in '|| rc=1': %.*s",
		    (int)(eol - p), p);
	assert_non_null(strstr(script, "rc=0\n"));
	end = script + strlen(script);
	while (end > script && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	if (end - script < 8 || strncmp(end - 8, "exit $rc", 8) != 0)
		fail_msg("the packet step does not end with 'exit $rc'");
}

static void
test_github_packet(void **state)
{
	struct value	*root = load(GITHUB);
	const struct value *st, *up;

	(void)state;
	st = github_step(root, "run", "hybridoc packet --git \"$BASE\"");
	assert_non_null(st);
	assert_non_null(strstr(text(st, "if"),
	    "github.event_name == 'pull_request'"));
	assert_string_equal(text(value_map_get(st, "env"), "BASE"),
	    "${{ github.event.pull_request.base.sha }}");
	loop_goes_on(text(st, "run"));
	up = github_step(root, "uses", "actions/upload-artifact@");
	assert_non_null(up);
	assert_string_equal(text(value_map_get(up, "with"), "path"),
	    "packet/");
	assert_non_null(strstr(text(up, "if"), "pull_request"));
	value_free(root);
}

/* ---- Azure Pipelines ---- */

static void
test_azure_loads(void **state)
{
	struct value	*root = load(AZURE);

	(void)state;
	assert_true(is_map(root));
	assert_non_null(value_map_get(root, "trigger"));
	assert_non_null(value_map_get(root, "pool"));
	assert_true(value_map_get(root, "steps") != NULL ||
	    value_map_get(root, "stages") != NULL);
	value_free(root);
}

static void
test_azure_shape(void **state)
{
	struct value	*root = load(AZURE);

	(void)state;
	assert_true(azure_shape_ok(root));
	assert_non_null(value_map_get(root, "pr"));
	value_free(root);
}

static void
test_azure_install(void **state)
{
	struct value	*root = load(AZURE);
	const struct value *st;

	(void)state;
	st = azure_step(root, "script", "apt-get install");
	assert_non_null(st);
	assert_non_null(strstr(text(st, "script"), " install PREFIX="));
	check_debs(AZURE, text(st, "script"));
	value_free(root);
}

static void
test_azure_sarif(void **state)
{
	struct value	*root = load(AZURE);
	const struct value *st, *in;

	(void)state;
	assert_non_null(azure_step(root, "script",
	    "hybridoc validate --format sarif"));
	st = azure_step(root, "task", "PublishBuildArtifacts@");
	assert_non_null(st);
	in = value_map_get(st, "inputs");
	assert_string_equal(text(in, "ArtifactName"), "CodeAnalysisLogs");
	assert_non_null(strstr(text(st, "condition"), "succeededOrFailed()"));
	value_free(root);
}

static void
test_azure_site_check(void **state)
{
	struct value	*root = load(AZURE);

	(void)state;
	assert_non_null(azure_step(root, "script",
	    "hybridoc site designs -o site --check"));
	value_free(root);
}

static void
test_azure_packet(void **state)
{
	struct value	*root = load(AZURE);
	const struct value *st;

	(void)state;
	st = azure_step(root, "script", "hybridoc packet --git \"$base\"");
	assert_non_null(st);
	assert_non_null(strstr(text(st, "condition"), "'PullRequest'"));
	loop_goes_on(text(st, "script"));
	st = azure_step(root, "task", "PublishPipelineArtifact@");
	assert_non_null(st);
	assert_non_null(strstr(text(value_map_get(st, "inputs"),
	    "targetPath"), "/packet"));
	value_free(root);
}

/* ---- the checks fail where they should ---- */

static void
test_broken_yaml_does_not_load(void **state)
{
	(void)state;
	assert_null(parse("on:\n\tpush:\n"));
	assert_null(parse("jobs: {a: [\n"));
	assert_null(parse("on: push\non: pull_request\n"));
}

static void
test_github_shape_rejects(void **state)
{
	static const char *const bad[] = {
		"on: push\n",
		"jobs: {a: {runs-on: x, steps: [{run: y}]}}\n",
		"on: push\njobs: {}\n",
		"on: push\njobs: {a: {steps: [{run: y}]}}\n",
		"on: push\njobs: {a: {runs-on: x, steps: []}}\n",
		"on: push\njobs: {a: {runs-on: x, steps: [{run: y, uses: z}]}}\n",
		"on: push\njobs: {a: {runs-on: x, steps: [{name: y}]}}\n",
		"- on\n",
		NULL
	};
	struct value	*v;
	size_t		 i;

	(void)state;
	v = parse("on: push\njobs: {a: {runs-on: x, steps: [{run: y}]}}\n");
	assert_non_null(v);
	assert_true(github_shape_ok(v));
	value_free(v);
	for (i = 0; bad[i]; i++) {
		v = parse(bad[i]);
		assert_non_null(v);
		if (github_shape_ok(v))
			fail_msg("accepted: %s", bad[i]);
		value_free(v);
	}
}

static void
test_azure_shape_rejects(void **state)
{
	static const char *const bad[] = {
		"pool: {vmImage: x}\nsteps: [{script: y}]\n",
		"trigger: [main]\nsteps: [{script: y}]\n",
		"trigger: [main]\npool: {name: x}\nsteps: [{script: y}]\n",
		"trigger: [main]\npool: {vmImage: x}\n",
		"trigger: [main]\npool: {vmImage: x}\nsteps: []\n",
		"trigger: [main]\npool: {vmImage: x}\n"
		    "steps: [{script: y, task: z}]\n",
		"trigger: [main]\npool: {vmImage: x}\n"
		    "steps: [{displayName: y}]\n",
		NULL
	};
	struct value	*v;
	size_t		 i;

	(void)state;
	v = parse("trigger: [main]\npool: {vmImage: x}\n"
	    "steps: [{script: y}, {task: z}]\n");
	assert_non_null(v);
	assert_true(azure_shape_ok(v));
	value_free(v);
	for (i = 0; bad[i]; i++) {
		v = parse(bad[i]);
		assert_non_null(v);
		if (azure_shape_ok(v))
			fail_msg("accepted: %s", bad[i]);
		value_free(v);
	}
}

static void
test_debs_check_rejects(void **state)
{
	struct buf	 missing = BUF_INIT;

	(void)state;
	/* A prefix of a package name is not the package. */
	assert_false(has_word("apt-get install libyaml-dev-extra",
	    "libyaml-dev"));
	assert_true(has_word("apt-get install libyaml-dev \\\n",
	    "libyaml-dev"));
	assert_true(debs_missing("sudo apt-get install -y graphviz",
	    &missing) > 1);
	assert_non_null(strstr(buf_cstr(&missing), " libyaml-dev"));
	assert_false(has_word(buf_cstr(&missing), "graphviz"));
	buf_release(&missing);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_github_loads),
		cmocka_unit_test(test_github_shape),
		cmocka_unit_test(test_github_triggers),
		cmocka_unit_test(test_github_install),
		cmocka_unit_test(test_github_sarif),
		cmocka_unit_test(test_github_site_check),
		cmocka_unit_test(test_github_packet),
		cmocka_unit_test(test_azure_loads),
		cmocka_unit_test(test_azure_shape),
		cmocka_unit_test(test_azure_install),
		cmocka_unit_test(test_azure_sarif),
		cmocka_unit_test(test_azure_site_check),
		cmocka_unit_test(test_azure_packet),
		cmocka_unit_test(test_broken_yaml_does_not_load),
		cmocka_unit_test(test_github_shape_rejects),
		cmocka_unit_test(test_azure_shape_rejects),
		cmocka_unit_test(test_debs_check_rejects),
		cmocka_unit_test(test_drift_recipe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

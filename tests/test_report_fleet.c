/*
 * Fleet mode in the reporters: a report of three hosts (web02 with input
 * errors, web03 without findings, the same rule and key on web01 and
 * web02) built by hand, rendered as text, JSON and SARIF, and read back
 * as a baseline.  The diagnostics' hosts are copies, never the hosts[]
 * pointers, so grouping must compare names.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "report.h"
#include "rule.h"
#include "unit.h"
#include "util.h"

/* CU_ASSERT_STRING_EQUAL that fails, rather than crashes, when got is NULL (a member left out). */
#define ASSERT_STR(got, want) \
	do { \
		const char *got_ = (got); \
		CU_ASSERT_PTR_NOT_NULL(got_); \
		if (got_) \
			CU_ASSERT_STRING_EQUAL(got_, (want)); \
	} while (0)

static const struct rule *const rules[] = { &unit_rule_ctl, &unit_rule_disagree, &unit_rule_run };

#define W1_NETSH "fleet/web01/netsh.txt"
#define W1_REG "fleet/web01/schannel.reg"
#define W2_NETSH "fleet/web02/netsh.txt"
#define W3_NETSH "fleet/web03/netsh.txt"

static const struct report_host hosts[] = {
	{ "web01", "fleet/web01", 0, 2, 1, 10 },
	{ "web02", "fleet/web02", 1, 1, 0, 5 },
	{ "web03", "fleet/web03", 0, 0, 0, 0 },
};

static const struct input_file files[] = {
	{ W1_NETSH, INPUT_NETSH, "utf-16le", 2048, 0, 0, "web01" },
	{ W1_REG, INPUT_REG, "utf-16le", 512, 0, 0, "web01" },
	{ "fleet/web02/notes.txt", INPUT_UNKNOWN, NULL, 17, 1, 0, "web02" },
	{ W2_NETSH, INPUT_NETSH, "utf-8", 100, 0, 0, "web02" },
	{ W3_NETSH, INPUT_NETSH, "utf-8", 90, 0, 0, "web03" },
};

#define REASON "needs a registry export of HTTP\\Parameters"
static const struct not_run not_run[] = {
	{ "SCL004", "reg-only-rule", REASON, "web01" },
	{ "SCL004", "reg-only-rule", REASON, "web02" },
	{ "SCL005", "iis-only-rule", REASON, "web02" },
};

#define KEY "hostnameport:pki.example.org:443"
#define MSG "client certificate logon to pki.example.org:443 will fail with HTTP 403.7"
#define FIX "netsh http update sslcert hostnameport=pki.example.org:443 sslctlstorename=ClientAuthIssuer"
/* FNV-1a 64, computed independently (Python), of: */
#define FP_NO_HOST "5198cf6a0edf5405"   /* "SCL001\n" KEY */
#define FP_W1 "2463d1883291b508"        /* "SCL001\nweb01\n" KEY */
#define FP_W2 "80643b4feb398a5b"        /* "SCL001\nweb02\n" KEY */
#define FP_W2_RUN "09ba9f7378a9bf96"    /* "SCL003\nweb02\n" */

struct fleet {
	struct diag_list findings, inputs;
	struct report r;
};

static struct diag *emit(struct diag_list *list, const struct rule *rule, const char *host,
			 enum severity level, const char *file, uint32_t line,
			 const char *key, const char *msg)
{
	struct srcloc loc = { file, line, 0, NULL };

	list->rule = rule;
	struct diag *d = diag_emit(list, level, file ? &loc : NULL, key, "%s", msg);
	list->rule = NULL;
	d->host = arena_strdup(&list->arena, host);
	return d;
}

static void input(struct diag_list *list, const char *id, const char *host,
		  enum severity level, const struct srcloc *loc, const char *msg)
{
	struct diag *d = diag_input(list, id, level, loc, "%s", msg);
	d->host = host ? arena_strdup(&list->arena, host) : NULL;
}

/* Findings and input diagnostics added out of order: the sort must group them by host. */
static void fleet_init(struct fleet *f)
{
	struct srcloc loc;

	diag_list_init(&f->findings);
	diag_list_init(&f->inputs);
	memset(&f->r, 0, sizeof(f->r));
	f->r.tool_version = "0.1.0";
	f->r.rules = rules;
	f->r.nr_rules = sizeof(rules) / sizeof(*rules);
	f->r.findings = &f->findings;
	f->r.inputs = &f->inputs;
	f->r.now_source = "--now";
	f->r.now = 1767225600;          /* 2026-01-01 00:00:00 UTC */
	f->r.files = files;
	f->r.nr_files = sizeof(files) / sizeof(*files);
	f->r.not_run = not_run;
	f->r.nr_not_run = sizeof(not_run) / sizeof(*not_run);
	f->r.nr_bindings = 3;
	f->r.nr_sites = 1;
	f->r.nr_certs = 15;
	f->r.fleet = 1;
	f->r.hosts = hosts;
	f->r.nr_hosts = sizeof(hosts) / sizeof(*hosts);

	loc = (struct srcloc){ W2_NETSH, 3, 1, NULL };
	input(&f->inputs, "parse.netsh", "web02", SEV_ERROR, &loc, "unknown field 'Bogus'");
	loc = (struct srcloc){ ".sslcertlint.json", 2, 0, NULL };
	input(&f->inputs, "config", NULL, SEV_WARNING, &loc, "unknown rule 'SCL999'");

	struct diag *d = emit(&f->findings, &unit_rule_ctl, "web02", SEV_ERROR, W2_NETSH, 5, KEY, MSG);
	diag_set_fix(&f->findings, d, FIX_SHELL_ANY, "%s", FIX);
	emit(&f->findings, &unit_rule_run, "web02", SEV_NOTE, NULL, 0, NULL, "no certificate inventory was given");
	emit(&f->findings, &unit_rule_disagree, "web01", SEV_WARNING, W1_REG, 9, "ipport:0.0.0.0:443",
	     "netsh and the registry disagree");
	d = emit(&f->findings, &unit_rule_ctl, "web01", SEV_ERROR, W1_NETSH, 5, KEY, MSG);
	diag_set_fix(&f->findings, d, FIX_SHELL_ANY, "%s", FIX);

	diag_list_sort(&f->inputs);
	diag_list_sort(&f->findings);
}

static void fleet_release(struct fleet *f)
{
	diag_list_release(&f->findings);
	diag_list_release(&f->inputs);
}

static char *render(report_fn fn, const struct report *r)
{
	int ret = -2;
	char *s = unit_render(fn, r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	return s;
}

/* The finding of rule id on host, or NULL. */
static struct diag *finding_of(struct fleet *f, const char *id, const char *host)
{
	for (size_t i = 0; i < f->findings.nr; i++) {
		struct diag *d = f->findings.items[i];
		if (!strcmp(d->rule_id, id) && d->host && !strcmp(d->host, host))
			return d;
	}
	return NULL;
}

/* ---- sorting and fingerprints ----------------------------------------- */

static void test_sort_by_host(void)
{
	struct diag_list l = DIAG_LIST_INIT;
	struct srcloc a = { "a.txt", 1, 0, NULL }, m = { "m.txt", 1, 0, NULL },
		      b = { "b.txt", 1, 0, NULL }, z = { "z.txt", 1, 0, NULL };

	input(&l, "input", "web02", SEV_ERROR, &a, "4");
	input(&l, "input", NULL, SEV_ERROR, &z, "1");
	input(&l, "input", "web01", SEV_ERROR, &m, "3");
	input(&l, "input", "web01", SEV_ERROR, &b, "2");
	diag_list_sort(&l);
	CU_ASSERT_EQUAL_FATAL(l.nr, 4);
	for (size_t i = 0; i < l.nr; i++) {
		char want[2] = { (char)('1' + i), '\0' };
		ASSERT_STR(l.items[i]->message, want);
	}
	diag_list_release(&l);
}

/* FNV-1a 64 of a whole string as 16 hex digits: an implementation independent of report.c. */
static void fnv1a_hex(const char *s, char out[17])
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		h = (h ^ *p) * UINT64_C(1099511628211);
	snprintf(out, 17, "%016" PRIx64, h);
}

static void test_fingerprint_host(void)
{
	struct diag d = { 0 };
	char none[17], w1[17], w2[17], want[17];

	d.rule_id = "SCL001";
	d.key = KEY;
	report_fingerprint(&d, none);
	fnv1a_hex("SCL001\n" KEY, want);
	ASSERT_STR(none, want);
	ASSERT_STR(none, FP_NO_HOST);   /* unchanged outside fleet mode */

	d.host = "web01";
	report_fingerprint(&d, w1);
	fnv1a_hex("SCL001\nweb01\n" KEY, want);
	ASSERT_STR(w1, want);
	ASSERT_STR(w1, FP_W1);

	d.host = "web02";
	report_fingerprint(&d, w2);
	ASSERT_STR(w2, FP_W2);
	CU_ASSERT_STRING_NOT_EQUAL(w1, w2);
	CU_ASSERT_STRING_NOT_EQUAL(w1, none);

	d.rule_id = "SCL003";
	d.key = NULL;
	report_fingerprint(&d, w2);
	ASSERT_STR(w2, FP_W2_RUN);
}

/* ---- grouping ------------------------------------------------------------ */

static void assert_group(const struct report_group *g, const struct report_host *host,
			 size_t findings, size_t inputs, size_t files, size_t not_run_entries)
{
	CU_ASSERT_PTR_EQUAL(g->host, host);
	CU_ASSERT_EQUAL(g->nr_findings, findings);
	CU_ASSERT_EQUAL(g->nr_inputs, inputs);
	CU_ASSERT_EQUAL(g->nr_files, files);
	CU_ASSERT_EQUAL(g->nr_not_run, not_run_entries);
}

static void test_groups(void)
{
	struct report_groups groups;
	struct fleet f;

	fleet_init(&f);
	report_groups_init(&groups, &f.r);
	CU_ASSERT_EQUAL_FATAL(groups.nr, 4);
	assert_group(&groups.group[0], NULL, 0, 1, 0, 0);
	assert_group(&groups.group[1], &hosts[0], 2, 0, 2, 1);
	assert_group(&groups.group[2], &hosts[1], 2, 1, 2, 2);
	assert_group(&groups.group[3], &hosts[2], 0, 0, 1, 0);
	ASSERT_STR(groups.group[0].inputs[0]->rule_id, "config");
	/* the report's order within a group */
	CU_ASSERT_PTR_EQUAL(groups.group[2].files[0], &files[2]);
	CU_ASSERT_PTR_EQUAL(groups.group[2].files[1], &files[3]);
	ASSERT_STR(groups.group[2].findings[0]->rule_id, "SCL003");
	ASSERT_STR(groups.group[2].findings[1]->rule_id, "SCL001");
	CU_ASSERT_PTR_EQUAL(groups.group[2].not_run[1], &not_run[2]);

	CU_ASSERT_PTR_EQUAL(report_groups_find(&groups, NULL), &groups.group[0]);
	CU_ASSERT_PTR_EQUAL(report_groups_find(&groups, "web02"), &groups.group[2]);
	CU_ASSERT_PTR_NULL(report_groups_find(&groups, "web09"));
	report_groups_release(&groups);

	/* outside fleet mode one group holds everything */
	f.r.fleet = 0;
	report_groups_init(&groups, &f.r);
	CU_ASSERT_EQUAL_FATAL(groups.nr, 1);
	assert_group(&groups.group[0], NULL, 4, 2, 5, 3);
	CU_ASSERT_PTR_EQUAL(report_groups_find(&groups, "web09"), &groups.group[0]);
	report_groups_release(&groups);
	fleet_release(&f);
}

/* Two hosts of one name (which fleet.c avoids) both show every entry of that name. */
static void test_groups_repeated_name(void)
{
	static const struct report_host twins[] = {
		{ "web01", "fleet/a", 0, 0, 0, 0 },
		{ "web01", "fleet/b", 0, 0, 0, 0 },
	};
	struct report_groups groups;
	struct fleet f;

	fleet_init(&f);
	f.r.hosts = twins;
	f.r.nr_hosts = 2;
	report_groups_init(&groups, &f.r);
	CU_ASSERT_EQUAL_FATAL(groups.nr, 3);
	assert_group(&groups.group[0], NULL, 2, 2, 3, 2);   /* web02 and web03 are not listed */
	assert_group(&groups.group[1], &twins[0], 2, 0, 2, 1);
	assert_group(&groups.group[2], &twins[1], 2, 0, 2, 1);
	CU_ASSERT_PTR_EQUAL(groups.group[2].findings[0], groups.group[1].findings[0]);
	report_groups_release(&groups);
	fleet_release(&f);
}

/* ---- text --------------------------------------------------------------- */

static const char fleet_text[] =
	".sslcertlint.json:2: warning: unknown rule 'SCL999' [config]\n"
	"== web01 (fleet/web01) ==\n"
	W1_NETSH ":5: error: " MSG " [SCL001 ctl-store-missing]\n"
	"  fix (cmd or PowerShell): " FIX "\n"
	W1_REG ":9: warning: netsh and the registry disagree [SCL002 sources-disagree]\n"
	"1 error, 1 warning, 0 notes \xe2\x80\x94 2 inputs, 2 bindings, 1 site, 10 certificates\n"
	"note: SCL004 reg-only-rule did not run: " REASON "\n"
	"== web02 (fleet/web02) ==\n"
	W2_NETSH ":3:1: error: unknown field 'Bogus' [parse.netsh]\n"
	"sslcertlint: note: no certificate inventory was given [SCL003 run-level]\n"
	W2_NETSH ":5: error: " MSG " [SCL001 ctl-store-missing]\n"
	"  fix (cmd or PowerShell): " FIX "\n"
	"fleet/web02/notes.txt: note: skipped: not a netsh, reg, appconfig, certjson or manifest input\n"
	"1 error, 0 warnings, 1 note \xe2\x80\x94 1 input, 1 binding, 0 sites, 5 certificates; 1 input error\n"
	"note: SCL004, SCL005 did not run: " REASON "\n"
	"== web03 (fleet/web03) ==\n"
	"no findings\n"
	"0 errors, 0 warnings, 0 notes \xe2\x80\x94 1 input, 0 bindings, 0 sites, 0 certificates\n"
	"3 hosts (1 with input errors): "
	"2 errors, 1 warning, 1 note \xe2\x80\x94 4 inputs, 3 bindings, 1 site, 15 certificates; 1 input error; "
	"1 input warning; dates as of 2026-01-01 00:00:00 UTC (--now)\n";

static void test_text_grouped(void)
{
	struct fleet f;

	fleet_init(&f);
	char *s = render(report_text, &f.r);
	ASSERT_STR(s, fleet_text);
	if (strcmp(s, fleet_text))
		fprintf(stderr, "\n--- got:\n%s--- want:\n%s", s, fleet_text);
	free(s);

	/* the same report outside fleet mode: no headings, one summary */
	f.r.fleet = 0;
	s = render(report_text, &f.r);
	CU_ASSERT_PTR_NULL(strstr(s, "=="));
	const char *last = strstr(s, "\n2 errors");
	CU_ASSERT_PTR_NOT_NULL_FATAL(last);
	ASSERT_STR(last + 1, strstr(fleet_text, "2 errors"));
	free(s);
	fleet_release(&f);
}

static void test_text_color(void)
{
	struct fleet f;

	fleet_init(&f);
	f.r.color = 1;
	char *s = render(report_text, &f.r);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\n== web01 (fleet/web01) ==\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, W2_NETSH ":3:1: \033[1;31merror\033[0m: unknown field"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\n\033[1;36mnote\033[0m: SCL004, SCL005 did not run"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\n3 hosts (1 with input errors): 2 errors, 1 warning"));
	/* each level word once: 2 input diagnostics, 4 findings, 1 skipped, 2 not-run lines */
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, "\033[0m")); p++)
		n++;
	CU_ASSERT_EQUAL(n, 9);
	free(s);
	fleet_release(&f);
}

/* Rules not run for interleaved reasons: one line per reason, at its first rule, rules in order. */
static void test_text_not_run_lines(void)
{
	static const struct not_run interleaved[] = {
		{ "SCL004", "four", "reason a", "web01" },
		{ "SCL005", "five", "reason b", "web01" },
		{ "SCL006", "six", "reason a", "web01" },
		{ "SCL007", "seven", "reason c", "web01" },
		{ "SCL008", "eight", "reason a", "web02" },
		{ "SCL009", "nine", "reason b", "web01" },
	};
	struct fleet f;

	fleet_init(&f);
	f.r.not_run = interleaved;
	f.r.nr_not_run = sizeof(interleaved) / sizeof(*interleaved);
	char *s = render(report_text, &f.r);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "10 certificates\n"
				      "note: SCL004, SCL006 did not run: reason a\n"
				      "note: SCL005, SCL009 did not run: reason b\n"
				      "note: SCL007 seven did not run: reason c\n"
				      "== web02 (fleet/web02) ==\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "; 1 input error\nnote: SCL008 eight did not run: reason a\n== web03"));
	free(s);
	fleet_release(&f);
}

/* Position of needle in s, or -1 (and a failed assertion). */
static long pos(const char *s, const char *needle)
{
	const char *p = strstr(s, needle);
	CU_ASSERT_PTR_NOT_NULL(p);
	if (!p)
		fprintf(stderr, "\nnot found: %s\n", needle);
	return p ? p - s : -1;
}

static void test_text_baseline(void)
{
	struct fleet f;

	fleet_init(&f);
	f.r.baseline = 1;
	for (size_t i = 0; i < f.findings.nr; i++)
		f.findings.items[i]->baseline = BASELINE_UNCHANGED;
	finding_of(&f, "SCL002", "web01")->baseline = BASELINE_ABSENT;
	finding_of(&f, "SCL001", "web02")->baseline = BASELINE_NEW;
	/* gone from a host that is no longer in the fleet: shown before the hosts */
	struct diag *d = emit(&f.findings, &unit_rule_ctl, "web09", SEV_ERROR, "fleet/web09/netsh.txt", 5, KEY, MSG);
	d->baseline = BASELINE_ABSENT;
	diag_list_sort(&f.findings);

	char *s = render(report_text, &f.r);
	long web09 = pos(s, "gone since the baseline: fleet/web09/netsh.txt:5: " MSG " [SCL001 ctl-store-missing]\n");
	long web01 = pos(s, "== web01 (fleet/web01) ==\n");
	long gone01 = pos(s, "\ngone since the baseline: " W1_REG ":9: netsh and the registry disagree [SCL002 sources-disagree]\n");
	long sum01 = pos(s, "\n1 error, 0 warnings, 0 notes \xe2\x80\x94 2 inputs, 2 bindings, 1 site, 10 certificates"
			 "; 0 new, 1 gone since the baseline\n");
	long web02 = pos(s, "== web02 (fleet/web02) ==\n");
	long new02 = pos(s, W2_NETSH ":5: error: " MSG " [SCL001 ctl-store-missing] (new)\n");
	long sum02 = pos(s, "; 1 input error; 1 new, 0 gone since the baseline\n");
	long total = pos(s, "\n3 hosts (1 with input errors): 2 errors, 0 warnings, 1 note \xe2\x80\x94 4 inputs, "
			 "3 bindings, 1 site, 15 certificates; 1 input error; 1 input warning; 1 new, 2 gone since the baseline; "
			 "dates as of 2026-01-01 00:00:00 UTC (--now)\n");
	CU_ASSERT(web09 >= 0 && web09 < web01);
	CU_ASSERT(web01 < gone01 && gone01 < sum01 && sum01 < web02);
	CU_ASSERT(web02 < new02 && new02 < sum02 && sum02 < total);
	free(s);
	fleet_release(&f);
}

/* ---- JSON --------------------------------------------------------------- */

static const char *str_or_empty(json_t *obj, const char *key)
{
	const char *s = unit_json_str(obj, key);
	return s ? s : "";
}

/* The first key of obj (the "host" member comes first). */
static const char *first_key(json_t *obj)
{
	void *it = json_object_iter(obj);
	return it ? json_object_iter_key(it) : "";
}

/* summary has the counts error, warning, note, inputErrors, inputs, bindings, sites, certificates. */
static void assert_summary(json_t *summary, const json_int_t want[8])
{
	static const char *const keys[] = {
		"error", "warning", "note", "inputErrors", "inputs", "bindings", "sites", "certificates",
	};
	for (size_t i = 0; i < 8; i++)
		CU_ASSERT_EQUAL(unit_json_int(summary, keys[i]), want[i]);
	CU_ASSERT_EQUAL(unit_json_int(summary, "suppressed"), 0);
}

static void test_json(void)
{
	struct fleet f;

	fleet_init(&f);
	char *s = render(report_json, &f.r);
	json_t *doc = unit_parse_json(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);

	json_t *inputs = json_object_get(doc, "inputs");
	CU_ASSERT_EQUAL_FATAL(json_array_size(inputs), 5);
	for (size_t i = 0; i < 5; i++) {
		ASSERT_STR(first_key(json_array_get(inputs, i)), "host");
		ASSERT_STR(unit_json_str(json_array_get(inputs, i), "host"), files[i].host);
	}

	/* sorted by host: web01's two, then web02's run-level note before its netsh finding */
	static const char *const order[][3] = {
		{ "web01", "SCL001", FP_W1 }, { "web01", "SCL002", NULL },
		{ "web02", "SCL003", FP_W2_RUN }, { "web02", "SCL001", FP_W2 },
	};
	json_t *findings = json_object_get(doc, "findings");
	CU_ASSERT_EQUAL_FATAL(json_array_size(findings), 4);
	for (size_t i = 0; i < 4; i++) {
		json_t *fi = json_array_get(findings, i);
		ASSERT_STR(first_key(fi), "host");
		ASSERT_STR(unit_json_str(fi, "host"), order[i][0]);
		ASSERT_STR(unit_json_str(fi, "ruleId"), order[i][1]);
		if (order[i][2])
			ASSERT_STR(unit_json_str(fi, "fingerprint"), order[i][2]);
	}
	ASSERT_STR(unit_json_str(json_array_get(findings, 0), "key"),
			       unit_json_str(json_array_get(findings, 3), "key"));

	/* the run-level configuration warning has no host */
	json_t *errors = json_object_get(doc, "errors");
	CU_ASSERT_EQUAL_FATAL(json_array_size(errors), 2);
	ASSERT_STR(unit_json_str(json_array_get(errors, 0), "id"), "config");
	CU_ASSERT_PTR_NULL(json_object_get(json_array_get(errors, 0), "host"));
	ASSERT_STR(unit_json_str(json_array_get(errors, 1), "host"), "web02");

	json_t *nr = json_object_get(doc, "notRun");
	CU_ASSERT_EQUAL_FATAL(json_array_size(nr), 3);
	for (size_t i = 0; i < 3; i++)
		ASSERT_STR(unit_json_str(json_array_get(nr, i), "host"), not_run[i].host);

	static const json_int_t total[8] = { 2, 1, 1, 1, 4, 3, 1, 15 };
	assert_summary(json_object_get(doc, "summary"), total);

	static const json_int_t per_host[3][8] = {
		{ 1, 1, 0, 0, 2, 2, 1, 10 },
		{ 1, 0, 1, 1, 1, 1, 0, 5 },
		{ 0, 0, 0, 0, 1, 0, 0, 0 },
	};
	json_t *hs = json_object_get(doc, "hosts");
	CU_ASSERT_EQUAL_FATAL(json_array_size(hs), 3);
	for (size_t i = 0; i < 3; i++) {
		json_t *h = json_array_get(hs, i);
		ASSERT_STR(unit_json_str(h, "name"), hosts[i].name);
		ASSERT_STR(unit_json_str(h, "path"), hosts[i].path);
		CU_ASSERT(json_is_boolean(json_object_get(h, "failed")));
		CU_ASSERT_EQUAL(json_is_true(json_object_get(h, "failed")), hosts[i].failed);
		assert_summary(json_object_get(h, "summary"), per_host[i]);
		/* the same keys, in the same order, as the report's summary */
		json_t *a = json_object_get(h, "summary"), *b = json_object_get(doc, "summary");
		void *ia = json_object_iter(a), *ib = json_object_iter(b);
		for (; ia && ib; ia = json_object_iter_next(a, ia), ib = json_object_iter_next(b, ib))
			ASSERT_STR(json_object_iter_key(ia), json_object_iter_key(ib));
		CU_ASSERT(!ia && !ib);
	}
	json_decref(doc);
	unit_assert_report_schema(s);
	free(s);

	/* outside fleet mode neither "host" nor "hosts" is written */
	f.r.fleet = 0;
	s = render(report_json, &f.r);
	CU_ASSERT_PTR_NULL(strstr(s, "\"host\""));
	CU_ASSERT_PTR_NULL(strstr(s, "\"hosts\""));
	unit_assert_report_schema(s);
	free(s);
	fleet_release(&f);
}

/* The schema accepts "host" and "hosts" but still checks them. */
static void test_json_schema_rejects(void)
{
	struct fleet f;

	fleet_init(&f);
	char *s = render(report_json, &f.r);
	json_t *doc = unit_parse_json(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	json_object_set_new(json_array_get(json_object_get(doc, "hosts"), 1), "failed", json_integer(1));
	char *bad = json_dumps(doc, JSON_INDENT(2));
	int rc = unit_report_schema_check(bad, 1);
	CU_ASSERT(rc != 0);   /* 1: invalid, -1: no jsonschema here */
	free(bad);
	json_decref(doc);
	free(s);
	fleet_release(&f);
}

/* ---- SARIF -------------------------------------------------------------- */

static json_t *sarif_result(json_t *results, const char *id, const char *host)
{
	size_t i;
	json_t *res;
	json_array_foreach(results, i, res)
		if (!strcmp(unit_json_str(res, "ruleId"), id) &&
		    !strcmp(str_or_empty(json_object_get(res, "properties"), "host"), host))
			return res;
	return NULL;
}

/* logicalLocations[i] of a result's first location */
static json_t *logical(json_t *res, size_t i)
{
	json_t *loc = json_array_get(json_object_get(res, "locations"), 0);
	return json_array_get(json_object_get(loc, "logicalLocations"), i);
}

static void assert_module(json_t *l, const char *host)
{
	ASSERT_STR(unit_json_str(l, "name"), host);
	ASSERT_STR(unit_json_str(l, "fullyQualifiedName"), host);
	ASSERT_STR(unit_json_str(l, "kind"), "module");
}

static void test_sarif(void)
{
	struct fleet f;

	fleet_init(&f);
	char *s = render(report_sarif, &f.r);
	json_t *doc = unit_parse_json(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL_FATAL(json_array_size(json_object_get(doc, "runs")), 1);
	json_t *run = json_array_get(json_object_get(doc, "runs"), 0);

	json_t *names = json_object_get(json_object_get(run, "properties"), "hosts");
	CU_ASSERT_EQUAL_FATAL(json_array_size(names), 3);
	for (size_t i = 0; i < 3; i++)
		ASSERT_STR(json_string_value(json_array_get(names, i)), hosts[i].name);

	/* every host's file that was read is an artifact */
	json_t *artifacts = json_object_get(run, "artifacts");
	CU_ASSERT_EQUAL(json_array_size(artifacts), 4);

	json_t *results = json_object_get(run, "results");
	CU_ASSERT_EQUAL_FATAL(json_array_size(results), 4);
	json_t *c1 = sarif_result(results, "SCL001", "web01"), *c2 = sarif_result(results, "SCL001", "web02");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c2);
	const char *fp1 = unit_json_str(json_object_get(c1, "partialFingerprints"), "sslcertlintFingerprint/v1");
	const char *fp2 = unit_json_str(json_object_get(c2, "partialFingerprints"), "sslcertlintFingerprint/v1");
	ASSERT_STR(fp1, FP_W1);
	ASSERT_STR(fp2, FP_W2);
	ASSERT_STR(unit_json_str(json_object_get(c1, "properties"), "fix"), FIX);

	/* the key stays first, the host follows */
	ASSERT_STR(unit_json_str(logical(c1, 0), "fullyQualifiedName"), KEY);
	ASSERT_STR(unit_json_str(logical(c1, 0), "kind"), "resource");
	assert_module(logical(c1, 1), "web01");
	assert_module(logical(c2, 1), "web02");
	CU_ASSERT_PTR_NULL(logical(c1, 2));

	/* no key: the host alone; no file: line 1 of its own host's first input */
	json_t *note = sarif_result(results, "SCL003", "web02");
	CU_ASSERT_PTR_NOT_NULL_FATAL(note);
	assert_module(logical(note, 0), "web02");
	CU_ASSERT_PTR_NULL(logical(note, 1));
	json_t *phys = json_object_get(json_array_get(json_object_get(note, "locations"), 0), "physicalLocation");
	ASSERT_STR(unit_json_str(json_object_get(phys, "artifactLocation"), "uri"), W2_NETSH);
	CU_ASSERT_EQUAL(unit_json_int(json_object_get(phys, "region"), "startLine"), 1);

	json_t *inv = json_array_get(json_object_get(run, "invocations"), 0);
	CU_ASSERT(json_is_false(json_object_get(inv, "executionSuccessful")));
	json_t *notes = json_object_get(inv, "toolExecutionNotifications");
	CU_ASSERT_EQUAL_FATAL(json_array_size(notes), 5);   /* 2 input diagnostics, 3 not run */
	ASSERT_STR(unit_json_str(json_object_get(json_array_get(notes, 0), "descriptor"), "id"), "config");
	CU_ASSERT_PTR_NULL(json_object_get(json_array_get(notes, 0), "properties"));
	ASSERT_STR(unit_json_str(json_object_get(json_array_get(notes, 1), "properties"), "host"), "web02");
	for (size_t i = 0; i < 3; i++)
		ASSERT_STR(unit_json_str(json_object_get(json_array_get(notes, 2 + i), "properties"), "host"),
				       not_run[i].host);
	json_decref(doc);
	free(s);

	/* outside fleet mode: no host anywhere */
	f.r.fleet = 0;
	s = render(report_sarif, &f.r);
	CU_ASSERT_PTR_NULL(strstr(s, "\"host\""));
	CU_ASSERT_PTR_NULL(strstr(s, "\"hosts\""));
	CU_ASSERT_PTR_NULL(strstr(s, "module"));
	free(s);
	fleet_release(&f);
}

static void test_check_sarif(void)
{
	struct fleet f;

	fleet_init(&f);
	f.r.rules = rule_table;
	f.r.nr_rules = rule_table_size;
	unit_assert_check_sarif(&f.r);
	fleet_release(&f);
}

/* ---- baseline ------------------------------------------------------------ */

/* r rendered by fn into a temporary file, loaded as the baseline b. */
static void load_baseline(struct baseline *b, report_fn fn, const struct report *r)
{
	char path[] = "/tmp/sslcertlint-fleet-baseline-XXXXXX";
	struct diag_list problems = DIAG_LIST_INIT;
	char *s = render(fn, r);
	int fd = mkstemp(path);

	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_FATAL(write(fd, s, strlen(s)) == (ssize_t)strlen(s));
	close(fd);
	baseline_init(b);
	CU_ASSERT_EQUAL(baseline_load(b, path, &problems), 0);
	CU_ASSERT_EQUAL(problems.nr, 0);
	diag_list_release(&problems);
	unlink(path);
	free(s);
}

static void drop(struct diag_list *l, const struct diag *d)
{
	for (size_t i = 0; i < l->nr; i++)
		if (l->items[i] == d) {
			memmove(&l->items[i], &l->items[i + 1], (l->nr - i - 1) * sizeof(*l->items));
			l->nr--;
			return;
		}
	CU_FAIL("drop: no such diagnostic");
}

/*
 * A fleet report as the baseline of the same fleet: everything
 * unchanged; with one host's finding gone, exactly that one is absent,
 * with its host, key and fingerprint.
 */
static void check_baseline(report_fn fn, const char *gone_id, const char *gone_fp)
{
	struct fleet old, now;
	struct baseline b;
	char fp[17];

	fleet_init(&old);
	load_baseline(&b, fn, &old.r);
	fleet_init(&now);
	baseline_apply(&b, &now.findings);
	CU_ASSERT_EQUAL(now.findings.nr, 4);
	for (size_t i = 0; i < now.findings.nr; i++)
		CU_ASSERT_EQUAL(now.findings.items[i]->baseline, BASELINE_UNCHANGED);
	fleet_release(&now);
	baseline_release(&b);

	load_baseline(&b, fn, &old.r);
	fleet_init(&now);
	const struct diag *was = finding_of(&now, gone_id, "web02");
	const char *key = was->key;
	drop(&now.findings, was);
	baseline_apply(&b, &now.findings);
	CU_ASSERT_EQUAL_FATAL(now.findings.nr, 4);
	struct diag *absent = now.findings.items[3];
	CU_ASSERT_EQUAL(absent->baseline, BASELINE_ABSENT);
	ASSERT_STR(absent->rule_id, gone_id);
	CU_ASSERT_PTR_NOT_NULL_FATAL(absent->host);
	ASSERT_STR(absent->host, "web02");
	CU_ASSERT((!key && !absent->key) || (key && absent->key && !strcmp(key, absent->key)));
	report_fingerprint(absent, fp);
	ASSERT_STR(fp, gone_fp);
	for (size_t i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(now.findings.items[i]->baseline, BASELINE_UNCHANGED);
	fleet_release(&now);
	baseline_release(&b);
	fleet_release(&old);
}

static void test_baseline_json(void)
{
	check_baseline(report_json, "SCL001", FP_W2);
	check_baseline(report_json, "SCL003", FP_W2_RUN);
}

/* In SARIF the host's logical location must not be taken for a missing key. */
static void test_baseline_sarif(void)
{
	check_baseline(report_sarif, "SCL001", FP_W2);
	check_baseline(report_sarif, "SCL003", FP_W2_RUN);
}

void suite_report_fleet(void);
void suite_report_fleet(void)
{
	ADD_SUITE("report_fleet",
		  { "diag_list_sort groups by host, NULL first", test_sort_by_host },
		  { "fingerprint: host-aware, unchanged without host", test_fingerprint_host },
		  { "groups: by host, in order, one outside fleet mode", test_groups },
		  { "groups: hosts of one name share their entries", test_groups_repeated_name },
		  { "text: headings, groups, summaries, order", test_text_grouped },
		  { "text: rules not run, one line per reason", test_text_not_run_lines },
		  { "text: colours in fleet mode", test_text_color },
		  { "text: baseline per host, gone from an unlisted host", test_text_baseline },
		  { "json: host members, hosts array, schema", test_json },
		  { "json: schema still checks hosts", test_json_schema_rejects },
		  { "sarif: host property, module location, fingerprints", test_sarif },
		  { "sarif: check-sarif passes a fleet report", test_check_sarif },
		  { "baseline: fleet JSON report", test_baseline_json },
		  { "baseline: fleet SARIF report", test_baseline_sarif });
}

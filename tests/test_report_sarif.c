/*
 * The SARIF reporter (linter/report_sarif.c): a report built by hand,
 * rendered into memory, parsed back with Jansson and checked field by
 * field; then written to a file and validated by ../shared/tools/check-sarif
 * (schema, SARIF Multitool, GitHub rules).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "rule.h"
#include "rule_docs.h"
#include "sarif_text.h"
#include "unit.h"
#include "util.h"

#define INFO_URI "https://github.com/sslcertlint/sslcertlint"
#define FP_KEY "sslcertlintFingerprint/v1"

static const struct rule rule_ctl = {
	.id = "SCL001", .name = "ctl-store-missing",
	.summary = "client certificate logon fails without a ctl store",
	.level = SEV_ERROR, .needs = NEED_SCHANNEL | NEED_BINDINGS,
};
static const struct rule rule_disagree = {
	.id = "SCL014", .name = "sources-disagree",
	.summary = "netsh and the registry describe a binding differently",
	.level = SEV_WARNING, .needs = NEED_NETSH | NEED_REG_BINDINGS,
};
static const struct rule rule_root = {
	.id = "SCL003", .name = "root-store-not-self-signed",
	.summary = "a root store certificate is not self-signed",
	.level = SEV_ERROR, .needs = NEED_ROOT_STORE,
};
static const struct rule rule_run = {   /* no doc in rules/ */
	.id = "SCL099", .name = "run-level",
	.summary = "a finding about the whole snapshot",
	.level = SEV_NOTE, .needs = NEED_IIS,
};
/* not in id order, so ruleIndex cannot be the id's number by accident */
static const struct rule *const rules[] = { &rule_disagree, &rule_ctl, &rule_run, &rule_root };
#define NR_RULES (sizeof(rules) / sizeof(*rules))

static const char NETSH[] = "snap/netsh-sslcert.txt";
static const char REG[] = "./snap/schannel.reg";
static const char APPCONFIG[] = "snap/applicationHost.config";

static const struct input_file files[] = {
	{ "snap/notes.txt", INPUT_UNKNOWN, NULL, 17, 1, 0, NULL },   /* skipped: no artifact */
	{ NETSH, INPUT_NETSH, "utf-16le", 2048, 0, 0, NULL },
	{ REG, INPUT_REG, "utf-16le", 512, 0, 0, NULL },
	{ APPCONFIG, INPUT_APPCONFIG, "utf-8", 40960, 0, 0, NULL },
};

static const struct not_run not_run[] = {
	{ "SCL003", "root-store-not-self-signed", "needs a dump of the Root store", NULL },
};

#define KEY "hostnameport:pki.example.org:443"
#define KEY_FP "5198cf6a0edf5405"   /* FNV-1a 64 of "SCL001\n" KEY (tests/test_report.c) */
#define FIX "netsh http update sslcert hostnameport=pki.example.org:443 sslctlstorename=ClientAuthIssuer"

struct fixture {
	struct diag_list findings, inputs;
	struct report r;
};

static void fixture_init(struct fixture *f)
{
	diag_list_init(&f->findings);
	diag_list_init(&f->inputs);
	memset(&f->r, 0, sizeof(f->r));
	f->r.tool_version = "0.1.0";
	f->r.rules = rules;
	f->r.nr_rules = NR_RULES;
	f->r.findings = &f->findings;
	f->r.inputs = &f->inputs;
	f->r.now_source = "--now";
	f->r.now = 1767225600;          /* 2026-01-01 00:00:00 UTC */
}

static void fixture_release(struct fixture *f)
{
	diag_list_release(&f->findings);
	diag_list_release(&f->inputs);
}

/* The SCL001 finding of DESIGN.md at `line`, with three related lines and the fix. */
static struct diag *add_ctl(struct fixture *f, uint32_t line)
{
	struct srcloc loc = { NETSH, line, 0, "/bindings/" KEY };
	struct diag *d;

	f->findings.rule = &rule_ctl;
	d = diag_emit(&f->findings, SEV_ERROR, &loc, KEY,
		      "client certificate logon to %s will fail with HTTP 403.7", "pki.example.org:443");
	loc = (struct srcloc){ REG, 4, 0, NULL };
	diag_add_related(&f->findings, d, &loc, "SendTrustedIssuerList=1 is set here");
	loc = (struct srcloc){ REG, 0, 0, NULL };
	diag_add_related(&f->findings, d, &loc, "the SCHANNEL key, line unknown");
	loc = (struct srcloc){ APPCONFIG, 31, 7, NULL };
	diag_add_related(&f->findings, d, &loc, "site \xe2\x80\x9cPKI\xe2\x80\x9d requires client certificates");
	diag_set_fix(&f->findings, d, FIX_SHELL_ANY, "%s", FIX);
	f->findings.rule = NULL;
	return d;
}

/* One of everything: inputs, findings of three rules, input problems, a rule not run. */
static void fixture_full(struct fixture *f)
{
	struct srcloc loc;
	struct diag *d;

	fixture_init(f);
	f->r.files = files;
	f->r.nr_files = sizeof(files) / sizeof(*files);
	f->r.not_run = not_run;
	f->r.nr_not_run = sizeof(not_run) / sizeof(*not_run);

	loc = (struct srcloc){ NETSH, 7, 3, NULL };
	diag_input(&f->inputs, "parse.netsh", SEV_ERROR, &loc, "unknown field '%s'", "Foo Bar");
	loc = (struct srcloc){ REG, 0, 0, NULL };
	diag_input(&f->inputs, "parse.reg", SEV_WARNING, &loc, "no 'Windows Registry Editor' header");
	diag_list_sort(&f->inputs);

	add_ctl(f, 5);
	f->findings.rule = &rule_disagree;
	loc = (struct srcloc){ REG, 9, 12, NULL };
	d = diag_emit(&f->findings, SEV_WARNING, &loc, "ipport:0.0.0.0:443",
		      "netsh and the registry disagree");
	loc = (struct srcloc)SRCLOC_INIT;
	diag_add_related(&f->findings, d, &loc, "no file for this one");
	f->findings.rule = &rule_run;
	diag_emit(&f->findings, SEV_NOTE, NULL, NULL, "no certificate inventory was given");
	f->findings.rule = NULL;
	diag_list_sort(&f->findings);
}

/* Renders and parses; *text gets the rendering (free it) when not NULL. */
static json_t *render_doc(const struct report *r, char **text)
{
	int ret = -2;
	char *s = unit_render(report_sarif, r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	json_t *doc = unit_parse_json(s);
	if (text)
		*text = s;
	else
		free(s);
	return doc;
}

static json_t *get(json_t *obj, const char *key)
{
	return json_object_get(obj, key);
}

static json_t *run_of(json_t *doc)
{
	return json_array_get(get(doc, "runs"), 0);
}

/* The result whose ruleId is id, or NULL. */
static json_t *result_of(json_t *run, const char *id)
{
	size_t i;
	json_t *res;
	json_array_foreach(get(run, "results"), i, res)
		if (!strcmp(unit_json_str(res, "ruleId"), id))
			return res;
	return NULL;
}

static int array_has(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), s))
			return 1;
	return 0;
}

/*
 * Walks the whole document: every region has an integer startLine >= 1,
 * every startColumn is >= 1; counts the regions and columns seen.
 */
static void check_regions(json_t *v, size_t *regions, size_t *columns)
{
	const char *k;
	json_t *child;
	size_t i;

	if (json_is_object(v)) {
		json_object_foreach(v, k, child) {
			if (!strcmp(k, "region")) {
				(*regions)++;
				json_t *line = get(child, "startLine");
				CU_ASSERT(json_is_integer(line) && json_integer_value(line) >= 1);
			}
			if (!strcmp(k, "startColumn")) {
				(*columns)++;
				CU_ASSERT(json_is_integer(child) && json_integer_value(child) >= 1);
			}
			if (!strcmp(k, "startLine"))
				CU_ASSERT(json_is_integer(child) && json_integer_value(child) >= 1);
			check_regions(child, regions, columns);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, child)
			check_regions(child, regions, columns);
	}
}

/* ---- tool and rules ---------------------------------------------------- */

static void test_driver_and_rules(void)
{
	struct fixture f;
	char *s;

	fixture_full(&f);
	json_t *doc = render_doc(&f.r, &s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	size_t len = strlen(s);
	CU_ASSERT(len > 2 && !strcmp(s + len - 2, "}\n"));

	CU_ASSERT_STRING_EQUAL(unit_json_str(doc, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
	CU_ASSERT_STRING_EQUAL(unit_json_str(doc, "version"), "2.1.0");
	CU_ASSERT_EQUAL(json_array_size(get(doc, "runs")), 1);
	json_t *run = run_of(doc);
	json_t *driver = get(get(run, "tool"), "driver");
	CU_ASSERT_STRING_EQUAL(unit_json_str(driver, "name"), "sslcertlint");
	CU_ASSERT_STRING_EQUAL(unit_json_str(driver, "version"), "0.1.0");
	CU_ASSERT_STRING_EQUAL(unit_json_str(driver, "semanticVersion"), "0.1.0");
	CU_ASSERT_STRING_EQUAL(unit_json_str(driver, "informationUri"), INFO_URI);
	CU_ASSERT_STRING_EQUAL(unit_json_str(run, "columnKind"), "unicodeCodePoints");

	/* the full rule table, in its order */
	json_t *jrules = get(driver, "rules");
	CU_ASSERT_EQUAL_FATAL(json_array_size(jrules), NR_RULES);
	for (size_t i = 0; i < NR_RULES; i++) {
		json_t *jr = json_array_get(jrules, i);
		CU_ASSERT_STRING_EQUAL(unit_json_str(jr, "id"), rules[i]->id);
		CU_ASSERT_STRING_EQUAL(unit_json_str(jr, "name"), rules[i]->name);
		CU_ASSERT_STRING_EQUAL(unit_json_str(get(jr, "shortDescription"), "text"), rules[i]->summary);
		CU_ASSERT_STRING_EQUAL(unit_json_str(get(jr, "defaultConfiguration"), "level"),
				       severity_name(rules[i]->level));
		json_t *props = get(jr, "properties");
		CU_ASSERT(array_has(get(props, "tags"), "security"));
		CU_ASSERT(array_has(get(props, "tags"), "tls"));
		/* a numeric string, as GitHub reads it */
		CU_ASSERT(json_is_string(get(props, "security-severity")));
	}

	/* SCL001 (index 1): the doc as help, its "## What" paragraph as full description */
	json_t *ctl = json_array_get(jrules, 1);
	const char *doc_md = rule_doc("ctl_store_missing");
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc_md);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(ctl, "help"), "text"), doc_md);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(ctl, "help"), "markdown"), doc_md);
	CU_ASSERT_STRING_EQUAL(unit_json_str(ctl, "helpUri"), INFO_URI "/blob/main/rules/ctl_store_missing.md");
	const char *full = unit_json_str(get(ctl, "fullDescription"), "text");
	const char *full_md = unit_json_str(get(ctl, "fullDescription"), "markdown");
	CU_ASSERT_PTR_NOT_NULL_FATAL(full);
	CU_ASSERT_PTR_NOT_NULL_FATAL(full_md);
	CU_ASSERT(!strncmp(full, "SCHANNEL is set to send the list of trusted issuers to clients "
			   "(SendTrustedIssuerList=1)", 84));
	CU_ASSERT_PTR_NULL(strchr(full, '\n'));   /* one paragraph, lines joined */
	CU_ASSERT_PTR_NULL(strchr(full, '`'));    /* plain text */
	CU_ASSERT_PTR_NULL(strstr(full, "**"));
	CU_ASSERT_PTR_NULL(strstr(full, "Why"));  /* stops at the paragraph's end */
	CU_ASSERT_PTR_NOT_NULL(strstr(full_md, "(`SendTrustedIssuerList=1`, or the value absent"));
	char *joined = xstrdup(doc_md);   /* the doc with its lines joined holds it */
	for (char *p = joined; *p; p++)
		if (*p == '\n')
			*p = ' ';
	CU_ASSERT_PTR_NOT_NULL(strstr(joined, full_md));
	free(joined);
	json_t *props = get(ctl, "properties");
	CU_ASSERT_STRING_EQUAL(unit_json_str(props, "security-severity"), "8.0");
	CU_ASSERT_STRING_EQUAL(unit_json_str(props, "precision"), "high");
	CU_ASSERT(array_has(get(props, "tags"), "schannel"));
	CU_ASSERT(array_has(get(props, "tags"), "http.sys"));
	CU_ASSERT(!array_has(get(props, "tags"), "iis"));

	props = get(json_array_get(jrules, 0), "properties");
	CU_ASSERT_STRING_EQUAL(unit_json_str(props, "security-severity"), "5.0");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(json_array_get(jrules, 0), "defaultConfiguration"), "level"),
			       "warning");

	/* a rule without a doc: the summary as full description, no help */
	json_t *runlevel = json_array_get(jrules, 2);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(runlevel, "fullDescription"), "text"), rule_run.summary);
	CU_ASSERT_PTR_NULL(get(runlevel, "help"));
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(runlevel, "properties"), "security-severity"), "2.0");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(runlevel, "defaultConfiguration"), "level"), "note");
	CU_ASSERT(array_has(get(get(runlevel, "properties"), "tags"), "iis"));

	/* SCL003 infers self-signedness from names when it must: medium precision */
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(json_array_get(jrules, 3), "properties"), "precision"), "medium");

	/* deterministic: byte-identical on a second run, no clock anywhere */
	int ret;
	char *again = unit_render(report_sarif, &f.r, &ret);
	CU_ASSERT_STRING_EQUAL(again, s);
	CU_ASSERT_PTR_NULL(strstr(s, "TimeUtc"));
	free(again);
	free(s);
	json_decref(doc);
	fixture_release(&f);
}

/* ---- results ----------------------------------------------------------- */

static void test_results(void)
{
	struct fixture f;

	fixture_full(&f);
	json_t *doc = render_doc(&f.r, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	json_t *run = run_of(doc);
	json_t *results = get(run, "results");
	json_t *jrules = get(get(get(run, "tool"), "driver"), "rules");
	json_t *artifacts = get(run, "artifacts");
	CU_ASSERT_EQUAL_FATAL(json_array_size(results), 3);

	/* every ruleIndex names the rule of its ruleId; every location resolves */
	size_t i;
	json_t *res;
	json_array_foreach(results, i, res) {
		json_int_t idx = unit_json_int(res, "ruleIndex");
		CU_ASSERT_FATAL(idx >= 0 && (size_t)idx < json_array_size(jrules));
		CU_ASSERT_STRING_EQUAL(unit_json_str(json_array_get(jrules, (size_t)idx), "id"), unit_json_str(res, "ruleId"));
		CU_ASSERT_STRING_EQUAL(unit_json_str(res, "level"), severity_name(f.findings.items[i]->level));
		CU_ASSERT_STRING_EQUAL(unit_json_str(get(res, "message"), "text"), f.findings.items[i]->message);
		CU_ASSERT_EQUAL(json_array_size(get(res, "locations")), 1);
		json_t *al = get(get(json_array_get(get(res, "locations"), 0), "physicalLocation"),
				 "artifactLocation");
		json_int_t ai = unit_json_int(al, "index");
		CU_ASSERT_FATAL(ai >= 0 && (size_t)ai < json_array_size(artifacts));
		CU_ASSERT_STRING_EQUAL(unit_json_str(get(json_array_get(artifacts, (size_t)ai), "location"), "uri"),
				       unit_json_str(al, "uri"));
		CU_ASSERT_STRING_EQUAL(unit_json_str(al, "uriBaseId"), "%SRCROOT%");
		CU_ASSERT_EQUAL(json_string_length(get(get(res, "partialFingerprints"), FP_KEY)), 16);
		CU_ASSERT_PTR_NULL(get(get(res, "partialFingerprints"), "primaryLocationLineHash"));
		/* neither set in this fixture */
		CU_ASSERT_PTR_NULL(get(res, "suppressions"));
		CU_ASSERT_PTR_NULL(get(res, "baselineState"));
		CU_ASSERT_PTR_NULL(get(res, "fixes"));
	}

	size_t regions = 0, columns = 0;
	check_regions(doc, &regions, &columns);
	/* 3 primary + 3 related + 1 notification with a line; 3 columns */
	CU_ASSERT_EQUAL(regions, 7);
	CU_ASSERT_EQUAL(columns, 3);

	json_t *ctl = result_of(run, "SCL001");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ctl);
	CU_ASSERT_EQUAL(unit_json_int(ctl, "ruleIndex"), 1);
	json_t *loc = json_array_get(get(ctl, "locations"), 0);
	json_t *phys = get(loc, "physicalLocation");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(phys, "artifactLocation"), "uri"), NETSH);
	CU_ASSERT_EQUAL(unit_json_int(get(phys, "artifactLocation"), "index"), 0);   /* notes.txt skipped */
	CU_ASSERT_EQUAL(unit_json_int(get(phys, "region"), "startLine"), 5);
	CU_ASSERT_PTR_NULL(get(get(phys, "region"), "startColumn"));
	json_t *logical = json_array_get(get(loc, "logicalLocations"), 0);
	CU_ASSERT_STRING_EQUAL(unit_json_str(logical, "fullyQualifiedName"), KEY);
	CU_ASSERT_STRING_EQUAL(unit_json_str(logical, "kind"), "resource");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(ctl, "partialFingerprints"), FP_KEY), KEY_FP);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(ctl, "properties"), "fix"), FIX);
	CU_ASSERT_EQUAL(json_array_size(get(get(ctl, "properties"), "fixShells")), 2);
	CU_ASSERT_PTR_NULL(strstr(unit_json_str(get(ctl, "message"), "text"), "netsh http"));

	json_t *related = get(ctl, "relatedLocations");
	CU_ASSERT_EQUAL_FATAL(json_array_size(related), 3);
	json_t *r0 = json_array_get(related, 0), *r1 = json_array_get(related, 1),
	       *r2 = json_array_get(related, 2);
	CU_ASSERT_EQUAL(unit_json_int(r0, "id"), 1);
	CU_ASSERT_EQUAL(unit_json_int(r2, "id"), 3);
	/* "./snap/schannel.reg" as given: no "./" in the URI */
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(get(r0, "physicalLocation"), "artifactLocation"), "uri"),
			       "snap/schannel.reg");
	CU_ASSERT_EQUAL(unit_json_int(get(get(r0, "physicalLocation"), "region"), "startLine"), 4);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(r0, "message"), "text"), "SendTrustedIssuerList=1 is set here");
	/* an unknown line is line 1 on a result's location, never 0 or absent */
	CU_ASSERT_EQUAL(unit_json_int(get(get(r1, "physicalLocation"), "region"), "startLine"), 1);
	CU_ASSERT_EQUAL(unit_json_int(get(get(r2, "physicalLocation"), "region"), "startLine"), 31);
	CU_ASSERT_EQUAL(unit_json_int(get(get(r2, "physicalLocation"), "region"), "startColumn"), 7);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(get(r2, "physicalLocation"), "artifactLocation"), "uri"),
			       APPCONFIG);

	/* a related note without a file is no location, but is kept */
	json_t *dis = result_of(run, "SCL014");
	CU_ASSERT_PTR_NOT_NULL_FATAL(dis);
	CU_ASSERT_EQUAL(unit_json_int(dis, "ruleIndex"), 0);
	CU_ASSERT_PTR_NULL(get(dis, "relatedLocations"));
	json_t *msgs = get(get(dis, "properties"), "relatedMessages");
	CU_ASSERT_EQUAL(json_array_size(msgs), 1);
	CU_ASSERT(array_has(msgs, "no file for this one"));
	CU_ASSERT_PTR_NULL(get(get(dis, "properties"), "fix"));
	phys = get(json_array_get(get(dis, "locations"), 0), "physicalLocation");
	CU_ASSERT_EQUAL(unit_json_int(get(phys, "region"), "startLine"), 9);
	CU_ASSERT_EQUAL(unit_json_int(get(phys, "region"), "startColumn"), 12);

	/* a finding about the whole snapshot points at line 1 of the first input read */
	json_t *note = result_of(run, "SCL099");
	CU_ASSERT_PTR_NOT_NULL_FATAL(note);
	CU_ASSERT_STRING_EQUAL(unit_json_str(note, "level"), "note");
	loc = json_array_get(get(note, "locations"), 0);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(get(loc, "physicalLocation"), "artifactLocation"), "uri"), NETSH);
	CU_ASSERT_EQUAL(unit_json_int(get(get(loc, "physicalLocation"), "region"), "startLine"), 1);
	CU_ASSERT_PTR_NULL(get(loc, "logicalLocations"));
	CU_ASSERT_PTR_NULL(get(note, "properties"));

	json_decref(doc);
	fixture_release(&f);
}

/* A re-export that moves the finding keeps its fingerprint; another key changes it. */
static void test_fingerprint_stable(void)
{
	struct fixture a, b, c;
	const char *fa, *fb, *fc;

	fixture_init(&a);
	add_ctl(&a, 5);
	fixture_init(&b);
	add_ctl(&b, 500);
	fixture_init(&c);
	c.findings.rule = &rule_ctl;
	struct srcloc loc = { NETSH, 5, 0, NULL };
	diag_emit(&c.findings, SEV_ERROR, &loc, "hostnameport:other.example.org:443", "x");
	c.findings.rule = NULL;

	json_t *da = render_doc(&a.r, NULL), *db = render_doc(&b.r, NULL), *dc = render_doc(&c.r, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(da);
	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dc);
	json_t *ra = json_array_get(get(run_of(da), "results"), 0);
	json_t *rb = json_array_get(get(run_of(db), "results"), 0);
	json_t *rc = json_array_get(get(run_of(dc), "results"), 0);
	/* the lines differ ... */
	CU_ASSERT_EQUAL(unit_json_int(get(get(json_array_get(get(rb, "locations"), 0), "physicalLocation"), "region"),
			       "startLine"), 500);
	/* ... the fingerprints do not */
	fa = unit_json_str(get(ra, "partialFingerprints"), FP_KEY);
	fb = unit_json_str(get(rb, "partialFingerprints"), FP_KEY);
	fc = unit_json_str(get(rc, "partialFingerprints"), FP_KEY);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fa);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fb);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fc);
	CU_ASSERT_STRING_EQUAL(fa, KEY_FP);
	CU_ASSERT_STRING_EQUAL(fa, fb);
	CU_ASSERT_STRING_NOT_EQUAL(fa, fc);
	/* the only entry: nothing derived from lines */
	CU_ASSERT_EQUAL(json_object_size(get(ra, "partialFingerprints")), 1);

	json_decref(da);
	json_decref(db);
	json_decref(dc);
	fixture_release(&a);
	fixture_release(&b);
	fixture_release(&c);
}

static void test_suppressions_and_baseline(void)
{
	static const char *const states[] = { NULL, "new", "unchanged", "updated", "absent" };
	struct fixture f;

	for (int b = BASELINE_NONE; b <= BASELINE_ABSENT; b++) {
		fixture_init(&f);
		struct diag *d = add_ctl(&f, 5);
		d->baseline = (enum baseline_state)b;
		if (b == BASELINE_UNCHANGED)
			d->suppressed = "accepted until the CA moves (ticket 42)";
		json_t *doc = render_doc(&f.r, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
		json_t *res = json_array_get(get(run_of(doc), "results"), 0);
		if (states[b]) {
			CU_ASSERT_STRING_EQUAL(unit_json_str(res, "baselineState"), states[b]);
		} else {
			CU_ASSERT_PTR_NULL(get(res, "baselineState"));
		}
		json_t *sup = get(res, "suppressions");
		if (b == BASELINE_UNCHANGED) {
			CU_ASSERT_EQUAL_FATAL(json_array_size(sup), 1);
			CU_ASSERT_STRING_EQUAL(unit_json_str(json_array_get(sup, 0), "kind"), "external");
			CU_ASSERT_STRING_EQUAL(unit_json_str(json_array_get(sup, 0), "justification"),
					       "accepted until the CA moves (ticket 42)");
		} else {
			CU_ASSERT_PTR_NULL(sup);
		}
		json_decref(doc);
		fixture_release(&f);
	}
}

/* ---- the run ----------------------------------------------------------- */

static void test_invocation(void)
{
	struct fixture f;

	fixture_full(&f);
	json_t *doc = render_doc(&f.r, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	json_t *inv = json_array_get(get(run_of(doc), "invocations"), 0);
	CU_ASSERT_EQUAL(json_array_size(get(run_of(doc), "invocations")), 1);
	CU_ASSERT(json_is_false(get(inv, "executionSuccessful")));
	json_t *notes = get(inv, "toolExecutionNotifications");
	CU_ASSERT_EQUAL_FATAL(json_array_size(notes), 3);

	/* sorted input diagnostics first: the .reg warning (no line), the netsh error */
	json_t *w = json_array_get(notes, 0), *e = json_array_get(notes, 1), *nr = json_array_get(notes, 2);
	CU_ASSERT_STRING_EQUAL(unit_json_str(e, "level"), "error");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(e, "descriptor"), "id"), "parse.netsh");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(e, "message"), "text"), "unknown field 'Foo Bar'");
	json_t *phys = get(json_array_get(get(e, "locations"), 0), "physicalLocation");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(phys, "artifactLocation"), "uri"), NETSH);
	CU_ASSERT_EQUAL(unit_json_int(get(phys, "region"), "startLine"), 7);
	CU_ASSERT_EQUAL(unit_json_int(get(phys, "region"), "startColumn"), 3);

	CU_ASSERT_STRING_EQUAL(unit_json_str(w, "level"), "warning");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(w, "descriptor"), "id"), "parse.reg");
	phys = get(json_array_get(get(w, "locations"), 0), "physicalLocation");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(phys, "artifactLocation"), "uri"), "snap/schannel.reg");
	CU_ASSERT_PTR_NULL(get(phys, "region"));   /* line unknown: no region, never line 0 */

	/* a rule that did not run: a note naming it */
	CU_ASSERT_STRING_EQUAL(unit_json_str(nr, "level"), "note");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(nr, "descriptor"), "id"), "SCL003");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(nr, "associatedRule"), "id"), "SCL003");
	CU_ASSERT_EQUAL(unit_json_int(get(nr, "associatedRule"), "index"), 3);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(nr, "message"), "text"), "needs a dump of the Root store");
	CU_ASSERT_PTR_NULL(get(nr, "locations"));
	json_decref(doc);

	/* warnings alone do not make the execution unsuccessful */
	fixture_release(&f);
	fixture_init(&f);
	struct srcloc loc = { NETSH, 2, 0, NULL };
	diag_input(&f.inputs, "parse.netsh", SEV_WARNING, &loc, "odd");
	doc = render_doc(&f.r, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	inv = json_array_get(get(run_of(doc), "invocations"), 0);
	CU_ASSERT(json_is_true(get(inv, "executionSuccessful")));
	CU_ASSERT_EQUAL(json_array_size(get(inv, "toolExecutionNotifications")), 1);
	json_decref(doc);

	/* nothing to say: no notifications array at all */
	fixture_release(&f);
	fixture_init(&f);
	f.r.findings = f.r.inputs = NULL;
	doc = render_doc(&f.r, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	inv = json_array_get(get(run_of(doc), "invocations"), 0);
	CU_ASSERT(json_is_true(get(inv, "executionSuccessful")));
	CU_ASSERT_PTR_NULL(get(inv, "toolExecutionNotifications"));
	CU_ASSERT_EQUAL(json_array_size(get(run_of(doc), "results")), 0);
	json_decref(doc);
	fixture_release(&f);
}

static void test_artifacts_and_bases(void)
{
	struct fixture f;

	fixture_full(&f);
	json_t *doc = render_doc(&f.r, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	json_t *run = run_of(doc);

	/* the three inputs read; the skipped notes.txt is no artifact */
	json_t *artifacts = get(run, "artifacts");
	CU_ASSERT_EQUAL_FATAL(json_array_size(artifacts), 3);
	json_t *a0 = json_array_get(artifacts, 0), *a1 = json_array_get(artifacts, 1);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(a0, "location"), "uri"), NETSH);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(a0, "location"), "uriBaseId"), "%SRCROOT%");
	CU_ASSERT_EQUAL(unit_json_int(a0, "length"), 2048);
	CU_ASSERT_STRING_EQUAL(unit_json_str(a0, "encoding"), "utf-16le");
	CU_ASSERT(array_has(get(a0, "roles"), "analysisTarget"));
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(a1, "location"), "uri"), "snap/schannel.reg");
	CU_ASSERT_STRING_EQUAL(unit_json_str(json_array_get(artifacts, 2), "encoding"), "utf-8");
	char *dump = json_dumps(artifacts, 0);
	CU_ASSERT_PTR_NULL(strstr(dump, "notes.txt"));
	free(dump);

	/* without a root, %SRCROOT% is described, without an absolute uri */
	json_t *srcroot = get(get(run, "originalUriBaseIds"), "%SRCROOT%");
	CU_ASSERT_PTR_NOT_NULL(srcroot);
	CU_ASSERT_PTR_NULL(get(srcroot, "uri"));
	CU_ASSERT_PTR_NOT_NULL(unit_json_str(get(srcroot, "description"), "text"));

	/* automationDetails only when asked for */
	CU_ASSERT_PTR_NULL(get(run, "automationDetails"));
	json_decref(doc);
	f.r.automation_id = "web01/2026-01";
	doc = render_doc(&f.r, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(run_of(doc), "automationDetails"), "id"), "web01/2026-01");
	json_decref(doc);
	fixture_release(&f);
}

/* Relative paths stay relative, absolute ones become file:// URIs; both percent-encoded. */
static void test_uris(void)
{
	static const struct input_file odd[] = {
		{ "./a dir/x#1.reg", INPUT_REG, "utf-8", 1, 0, 0, NULL },
		{ "/srv/exports/web01.txt", INPUT_NETSH, "utf-8", 1, 0, 0, NULL },
		{ "c:notes.reg", INPUT_REG, "utf-8", 1, 0, 0, NULL },
		{ "caf\xc3\xa9/w\xe9.reg", INPUT_REG, "windows-1252", 1, 0, 0, NULL },
	};
	static const char *const want[] = {
		"a%20dir/x%231.reg",
		"file:///srv/exports/web01.txt",
		"c%3Anotes.reg",                 /* never read as a scheme */
		"caf%C3%A9/w%E9.reg",            /* UTF-8 byte by byte; a stray byte too */
	};
	struct fixture f;

	fixture_init(&f);
	f.r.files = odd;
	f.r.nr_files = sizeof(odd) / sizeof(*odd);
	json_t *doc = render_doc(&f.r, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	json_t *artifacts = get(run_of(doc), "artifacts");
	CU_ASSERT_EQUAL_FATAL(json_array_size(artifacts), 4);
	for (size_t i = 0; i < 4; i++) {
		json_t *loc = get(json_array_get(artifacts, i), "location");
		CU_ASSERT_STRING_EQUAL(unit_json_str(loc, "uri"), want[i]);
		if (i == 1) {
			CU_ASSERT_PTR_NULL(get(loc, "uriBaseId"));
		} else {
			CU_ASSERT_STRING_EQUAL(unit_json_str(loc, "uriBaseId"), "%SRCROOT%");
		}
	}
	json_decref(doc);

	/* a message that is not UTF-8 still gives valid JSON */
	f.findings.rule = &rule_disagree;
	struct srcloc loc = { odd[0].path, 3, 0, NULL };
	diag_emit(&f.findings, SEV_WARNING, &loc, NULL, "value 'caf\xe9' differs");
	f.findings.rule = NULL;
	doc = render_doc(&f.r, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	json_t *res = json_array_get(get(run_of(doc), "results"), 0);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(res, "message"), "text"), "value 'caf\xef\xbf\xbd' differs");
	json_decref(doc);
	fixture_release(&f);
}

/*
 * With a root: one file named four ways is one relative URI; a file
 * outside the root, by an absolute or a "../" path, an absolute file://
 * URI without uriBaseId; the root itself a file:// URI ending in '/'.
 */
static void test_uris_under_root(void)
{
	static const struct input_file named[] = {
		{ "snap/a.reg", INPUT_REG, "utf-8", 1, 0, 0, NULL },
		{ "./snap/b.reg", INPUT_REG, "utf-8", 1, 0, 0, NULL },
		{ "x/../snap//c.reg", INPUT_REG, "utf-8", 1, 0, 0, NULL },
		{ "/home/ci/repo/snap/./d.reg", INPUT_REG, "utf-8", 1, 0, 0, NULL },
		{ "/home/ci/other/e.reg", INPUT_REG, "utf-8", 1, 0, 0, NULL },
		{ "../other/f.reg", INPUT_REG, "utf-8", 1, 0, 0, NULL },
		{ "/home/ci/repository/g.reg", INPUT_REG, "utf-8", 1, 0, 0, NULL },
	};
	static const char *const want[] = {
		"snap/a.reg", "snap/b.reg", "snap/c.reg", "snap/d.reg",
		"file:///home/ci/other/e.reg", "file:///home/ci/other/f.reg",
		"file:///home/ci/repository/g.reg",   /* a sibling whose name starts like the root's */
	};
	struct fixture f;

	fixture_init(&f);
	f.r.files = named;
	f.r.nr_files = sizeof(named) / sizeof(*named);
	f.r.sarif_root = "/home/ci/repo";
	f.r.cwd = "/home/ci/repo";
	json_t *doc = render_doc(&f.r, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	json_t *artifacts = get(run_of(doc), "artifacts");
	CU_ASSERT_EQUAL_FATAL(json_array_size(artifacts), 7);
	for (size_t i = 0; i < 7; i++) {
		json_t *loc = get(json_array_get(artifacts, i), "location");
		CU_ASSERT_STRING_EQUAL(unit_json_str(loc, "uri"), want[i]);
		if (i < 4) {
			CU_ASSERT_STRING_EQUAL(unit_json_str(loc, "uriBaseId"), "%SRCROOT%");
		} else {
			CU_ASSERT_PTR_NULL(get(loc, "uriBaseId"));
		}
	}
	json_t *srcroot = get(get(run_of(doc), "originalUriBaseIds"), "%SRCROOT%");
	CU_ASSERT_STRING_EQUAL(unit_json_str(srcroot, "uri"), "file:///home/ci/repo/");
	json_decref(doc);

	/* a root elsewhere (--sarif-root): paths relative to the working directory still resolve */
	f.r.sarif_root = "/home/ci";
	f.r.cwd = "/home/ci/repo";
	doc = render_doc(&f.r, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	artifacts = get(run_of(doc), "artifacts");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(json_array_get(artifacts, 1), "location"), "uri"),
			       "repo/snap/b.reg");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(json_array_get(artifacts, 5), "location"), "uri"),
			       "other/f.reg");
	json_decref(doc);

	/* a root with a space and a non-ASCII letter is percent-encoded, and "/" is "file:///" */
	f.r.sarif_root = "/srv/caf\xc3\xa9 x";
	f.r.cwd = NULL;
	doc = render_doc(&f.r, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(get(run_of(doc), "originalUriBaseIds"), "%SRCROOT%"), "uri"),
			       "file:///srv/caf%C3%A9%20x/");
	json_decref(doc);
	f.r.sarif_root = "/";
	doc = render_doc(&f.r, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(get(run_of(doc), "originalUriBaseIds"), "%SRCROOT%"), "uri"),
			       "file:///");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(json_array_get(get(run_of(doc), "artifacts"), 4), "location"), "uri"),
			       "home/ci/other/e.reg");
	json_decref(doc);
	fixture_release(&f);
}

/* escaping is undone exactly, whatever the backslashes before a bracket (merge and --baseline read messages back) */
static void test_text_unescape(void)
{
	static const char *const texts[] = {
		"", "plain", "[x](https://evil)", "\\[", "\\\\[", "\\\\\\]", "\\", "a\\b",
		"\\]\\", "[[]]", "\\x[", "end\\",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		char *e = sarif_text_escape(texts[i]);
		char *back = sarif_text_unescape(e);
		CU_ASSERT_STRING_EQUAL(back, texts[i]);
		/* no bracket is left unescaped: none can open a link */
		for (const char *p = e; *p; p++)
			if (*p == '[' || *p == ']')
				CU_ASSERT(p > e && p[-1] == '\\');
		free(back);
		free(e);
	}
	char *e = sarif_text_escape("\\[");
	CU_ASSERT_STRING_EQUAL(e, "\\\\\\[");   /* the backslash doubled, then the bracket's */
	free(e);
}

static void test_message_links_escaped(void)
{
	/* an input cannot make a finding's message an embedded link (SARIF 3.11.6) */
	struct fixture f;
	fixture_init(&f);
	struct srcloc loc = { NETSH, 5, 0, NULL };
	f.findings.rule = &rule_ctl;
	struct diag *d = diag_emit(&f.findings, SEV_ERROR, &loc, KEY,
				   "site \"[click](https://evil.example)\" on [::]:443, a\\[b");
	diag_add_related(&f.findings, d, &loc, "store '[x](1)' is here");
	f.findings.rule = NULL;
	char *text;
	json_t *doc = render_doc(&f.r, &text);
	json_t *res = result_of(run_of(doc), "SCL001");
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(res, "message"), "text"),
			       "site \"\\[click\\](https://evil.example)\" on \\[::\\]:443, a\\\\\\[b");
	json_t *rel = json_array_get(get(res, "relatedLocations"), 0);
	CU_ASSERT_STRING_EQUAL(unit_json_str(get(rel, "message"), "text"), "store '\\[x\\](1)' is here");
	json_decref(doc);
	free(text);
	fixture_release(&f);
}

static void test_write_error(void)
{
	struct fixture f;
	FILE *full = fopen("/dev/full", "w");

	if (!full) {
		fprintf(stderr, "\nsarif: no /dev/full; write-error test skipped\n");
		CU_PASS("no /dev/full");
		return;
	}
	fixture_full(&f);
	CU_ASSERT_EQUAL(report_sarif(&f.r, full), -1);
	fclose(full);
	fixture_release(&f);
}

static void test_find(void)
{
	CU_ASSERT(report_find("sarif") == report_sarif);
	CU_ASSERT_PTR_NOT_NULL(strstr(report_format_names(), ", sarif"));
}

/* ---- check-sarif ------------------------------------------------------- */

static void test_check_sarif(void)
{
	struct fixture f;

	fixture_full(&f);
	/* with the real rule table, its docs included */
	f.r.rules = rule_table;
	f.r.nr_rules = rule_table_size;
	f.r.automation_id = "unit/";
	f.r.sarif_root = "/home/ci/repo";   /* the inputs are below it */
	f.r.cwd = "/home/ci/repo";
	struct diag *d = f.findings.items[f.findings.nr - 1];
	d->suppressed = "accepted";
	d->baseline = BASELINE_UPDATED;

	unit_assert_check_sarif(&f.r);
	fixture_release(&f);
}

void suite_report_sarif(void);
void suite_report_sarif(void)
{
	ADD_SUITE("report_sarif",
		  { "tool, full rule table, determinism", test_driver_and_rules },
		  { "results: rule index, locations, regions, related", test_results },
		  { "fingerprint: stable when only the line moves", test_fingerprint_stable },
		  { "suppressions and baselineState", test_suppressions_and_baseline },
		  { "invocation: notifications, executionSuccessful", test_invocation },
		  { "artifacts, %SRCROOT%, automationDetails", test_artifacts_and_bases },
		  { "URIs: relative, absolute, percent-encoded", test_uris },
		  { "URIs below a root, and outside it", test_uris_under_root },
		  { "input text makes no embedded link", test_message_links_escaped },
		  { "escaped text reads back exactly", test_text_unescape },
		  { "write error returns -1", test_write_error },
		  { "report_find", test_find },
		  { "check-sarif passes (schema, multitool, GitHub)", test_check_sarif });
}

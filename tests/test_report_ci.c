/*
 * The CI formats (linter/report_github.c, report_gitlab.c,
 * report_junit.c, workflow_command.c), the text report's -q, and
 * report_fails(): reports built by hand, rendered into memory, and read
 * back the way the consumer reads them (the runner's unescaping, Jansson,
 * libxml2).
 */
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "rule.h"
#include "unit.h"
#include "workflow_command.h"

static const struct rule *const rules[] = { &unit_rule_ctl, &unit_rule_disagree, &unit_rule_run };

struct fixture {
	struct diag_list findings, inputs;
	struct report r;
};

static const struct input_file files[] = {
	{ "snap/netsh-sslcert.txt", INPUT_NETSH, "utf-16le", 2048, 0, 0, NULL },
	{ "snap/schannel.reg", INPUT_REG, "utf-16le", 512, 0, 0, NULL },
};

static void fixture_init(struct fixture *f)
{
	diag_list_init(&f->findings);
	diag_list_init(&f->inputs);
	memset(&f->r, 0, sizeof(f->r));
	f->r.tool_version = "0.1.0";
	f->r.rules = rules;
	f->r.nr_rules = sizeof(rules) / sizeof(*rules);
	f->r.findings = &f->findings;
	f->r.inputs = &f->inputs;
	f->r.files = files;
	f->r.nr_files = sizeof(files) / sizeof(*files);
	f->r.fail_on = SEV_ERROR;
}

static void fixture_release(struct fixture *f)
{
	diag_list_release(&f->findings);
	diag_list_release(&f->inputs);
}

static struct diag *emit(struct fixture *f, const struct rule *rule, enum severity level,
			 const char *file, unsigned line, unsigned col, const char *key,
			 const char *message)
{
	struct srcloc loc = { file, line, col, NULL };
	f->findings.rule = rule;
	struct diag *d = diag_emit(&f->findings, level, file ? &loc : NULL, key, "%s", message);
	f->findings.rule = NULL;
	return d;
}

static char *escaped(void (*put)(const char *, FILE *), const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	put(s, out);
	fclose(out);
	return buf;
}

/* ---- workflow command escaping ------------------------------------------ */

static void test_workflow_escape(void)
{
	/* GitHub's toolkit: data escapes %, CR, LF; properties also ':' and ',' */
	char *s = escaped(workflow_command_put_data, "50% done\r\n::warning::x, y");
	CU_ASSERT_STRING_EQUAL(s, "50%25 done%0D%0A::warning::x, y");
	free(s);
	s = escaped(workflow_command_put_property, "a:b,c%d\ne");
	CU_ASSERT_STRING_EQUAL(s, "a%3Ab%2Cc%25d%0Ae");
	free(s);
	/* beyond the toolkit: every other C0 control and DEL, never raw */
	s = escaped(workflow_command_put_data, "\x1b[2J\x07\x7f\t\x0b\x0c");
	CU_ASSERT_STRING_EQUAL(s, "%1B[2J%07%7F%09%0B%0C");
	free(s);
	/* UTF-8 and backslashes pass */
	s = escaped(workflow_command_put_property, "C:\\snap\\caf\xc3\xa9.txt");
	CU_ASSERT_STRING_EQUAL(s, "C%3A\\snap\\caf\xc3\xa9.txt");
	free(s);
}

/* ---- github ---------------------------------------------------------------- */

static void github_fixture(struct fixture *f)
{
	struct srcloc loc;

	fixture_init(f);
	loc = (struct srcloc){ "snap/schannel.reg", 3, 0, NULL };
	diag_input(&f->inputs, "parse.reg", SEV_ERROR, &loc, "unknown value type 'REG_QWORDX'");
	diag_input(&f->inputs, "parse.reg", SEV_NOTE, &loc, "a note about the input");
	diag_input(&f->inputs, "config", SEV_WARNING, NULL, "a warning of the run");

	struct diag *d = emit(f, &unit_rule_ctl, SEV_ERROR, "snap/a,b:c.txt", 5, 36, "k1",
			      "site \"x\n::warning::pwned\r\" fails, 100%");
	loc = (struct srcloc){ "snap/schannel.reg", 4, 0, NULL };
	diag_add_related(&f->findings, d, &loc, "SendTrustedIssuerList=1 is set here");
	loc = (struct srcloc)SRCLOC_INIT;
	diag_add_related(&f->findings, d, &loc, "no file for this one");
	diag_set_fix(&f->findings, d, FIX_SHELL_ANY, "netsh http update sslcert x=%d", 1);
	emit(f, &unit_rule_disagree, SEV_WARNING, "snap/schannel.reg", 9, 0, "k2", "disagree");
	emit(f, &unit_rule_run, SEV_NOTE, NULL, 0, 0, "k3", "whole snapshot");
	d = emit(f, &unit_rule_ctl, SEV_ERROR, "snap/schannel.reg", 1, 0, "k4", "suppressed one");
	d->suppressed = "reason";
	d = emit(f, &unit_rule_ctl, SEV_ERROR, "snap/schannel.reg", 2, 0, "k5", "gone one");
	d->baseline = BASELINE_ABSENT;
	diag_list_sort(&f->findings);
	diag_list_sort(&f->inputs);
}

static const char github_want[] =
	"::warning title=config::a warning of the run\n"
	"::error file=snap/schannel.reg,line=3,title=parse.reg::unknown value type 'REG_QWORDX'\n"
	"::notice title=SCL003 run-level::whole snapshot\n"
	"::error file=snap/a%2Cb%3Ac.txt,line=5,col=36,title=SCL001 ctl-store-missing::"
	"site \"x\\n::warning::pwned\\r\" fails, 100%25"
	"%0Asnap/schannel.reg:4: SendTrustedIssuerList=1 is set here"
	"%0Ano file for this one"
	"%0Afix (cmd or PowerShell): netsh http update sslcert x=1\n"
	"::warning file=snap/schannel.reg,line=9,title=SCL002 sources-disagree::disagree\n"
	"::notice title=sslcertlint::1 error, 1 warning, 1 note \xe2\x80\x94 2 inputs, 0 bindings, "
	"0 sites, 0 certificates; 1 input error; 1 input warning; 1 suppressed\n";

static void test_github(void)
{
	struct fixture f;
	int ret;

	github_fixture(&f);
	char *s = unit_render(report_github, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	CU_ASSERT_STRING_EQUAL(s, github_want);
	if (strcmp(s, github_want))
		fprintf(stderr, "\n--- got:\n%s--- want:\n%s", s, github_want);
	CU_ASSERT_PTR_NULL(strchr(s, '\r'));
	for (const char *line = s; *line; line = strchr(line, '\n') + 1)
		CU_ASSERT_EQUAL(strncmp(line, "::", 2), 0);
	free(s);

	/* fleet mode: the host in the title; baseline states as in the text report */
	f.r.fleet = 1;
	for (size_t i = 0; i < f.findings.nr; i++) {
		f.findings.items[i]->host = "WEB01";
		if (f.findings.items[i]->baseline == BASELINE_NONE)
			f.findings.items[i]->baseline = BASELINE_NEW;
	}
	f.r.baseline = 1;
	s = unit_render(report_github, &f.r, &ret);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, ",title=SCL002 sources-disagree on WEB01 (new)::disagree\n"));
	free(s);
	fixture_release(&f);
}

/* ---- gitlab ---------------------------------------------------------------- */

static void test_gitlab(void)
{
	struct fixture f;
	char fp[17];
	int ret;

	fixture_init(&f);
	struct diag *d = emit(&f, &unit_rule_ctl, SEV_ERROR, "./snap/netsh-sslcert.txt", 5, 36,
			      "hostnameport:pki.example.org:443", "first");
	diag_set_fix(&f.findings, d, FIX_SHELL_POWERSHELL, "Set-Thing %d", 1);
	emit(&f, &unit_rule_ctl, SEV_ERROR, "snap/netsh-sslcert.txt", 9, 0,
	     "hostnameport:pki.example.org:443", "second, same key");
	emit(&f, &unit_rule_disagree, SEV_WARNING, "snap/schannel.reg", 0, 0, "k2", "no line");
	emit(&f, &unit_rule_run, SEV_NOTE, NULL, 0, 0, "k3", "no file");
	d = emit(&f, &unit_rule_run, SEV_NOTE, "snap/schannel.reg", 1, 0, "k4", "suppressed");
	d->suppressed = "reason";

	char *s = unit_render(report_gitlab, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	json_t *doc = unit_parse_json(s);
	CU_ASSERT_FATAL(json_is_array(doc));
	CU_ASSERT_EQUAL_FATAL(json_array_size(doc), 4);

	json_t *a = json_array_get(doc, 0), *b = json_array_get(doc, 1);
	json_t *c = json_array_get(doc, 2), *e = json_array_get(doc, 3);
	/* the fingerprint of the JSON report, SARIF and baselines (FNV-1a, test_report.c) */
	CU_ASSERT_STRING_EQUAL(unit_json_str(a, "fingerprint"), "5198cf6a0edf5405");
	report_fingerprint(d = f.findings.items[0], fp);
	CU_ASSERT_STRING_EQUAL(unit_json_str(a, "fingerprint"), fp);
	/* a second finding of one fingerprint: unique in the report */
	CU_ASSERT_STRING_EQUAL(unit_json_str(b, "fingerprint"), "5198cf6a0edf5405-2");
	CU_ASSERT_STRING_EQUAL(unit_json_str(a, "check_name"), "SCL001 ctl-store-missing");
	CU_ASSERT_STRING_EQUAL(unit_json_str(a, "description"), "first");
	CU_ASSERT_STRING_EQUAL(unit_json_str(a, "severity"), "critical");
	CU_ASSERT_STRING_EQUAL(unit_json_str(c, "severity"), "major");
	CU_ASSERT_STRING_EQUAL(unit_json_str(e, "severity"), "info");
	json_t *loc = json_object_get(a, "location");
	CU_ASSERT_STRING_EQUAL(unit_json_str(loc, "path"), "snap/netsh-sslcert.txt");
	CU_ASSERT_EQUAL(unit_json_int(json_object_get(loc, "lines"), "begin"), 5);
	CU_ASSERT_STRING_EQUAL(unit_json_str(json_object_get(a, "content"), "body"),
			       "fix (PowerShell): Set-Thing 1\n");
	/* an unknown line is line 1; a finding without a file is at the first input */
	CU_ASSERT_EQUAL(unit_json_int(json_object_get(json_object_get(c, "location"), "lines"), "begin"), 1);
	loc = json_object_get(e, "location");
	CU_ASSERT_STRING_EQUAL(unit_json_str(loc, "path"), "snap/netsh-sslcert.txt");
	CU_ASSERT_EQUAL(unit_json_int(json_object_get(loc, "lines"), "begin"), 1);
	CU_ASSERT_PTR_NULL(json_object_get(c, "content"));
	json_decref(doc);
	free(s);

	/* nothing: an empty array */
	struct fixture empty;
	fixture_init(&empty);
	s = unit_render(report_gitlab, &empty.r, &ret);
	CU_ASSERT_STRING_EQUAL(s, "[]\n");
	free(s);
	fixture_release(&empty);
	fixture_release(&f);
}

/* ---- junit ----------------------------------------------------------------- */

/* The attribute of n as an integer, -1 when missing. */
static long attr_int(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	long i = v ? strtol((const char *)v, NULL, 10) : -1;
	xmlFree(v);
	return i;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return c;
	return NULL;
}

/* The testcase named name in suite, or NULL. */
static xmlNodePtr testcase(xmlNodePtr suite, const char *name)
{
	for (xmlNodePtr c = suite->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "testcase"))
			continue;
		xmlChar *v = xmlGetProp(c, (const xmlChar *)"name");
		int same = v && !strcmp((const char *)v, name);
		xmlFree(v);
		if (same)
			return c;
	}
	return NULL;
}

/* Parses s as XML (a failed assertion when it is not well-formed). */
static xmlDocPtr parse_xml(const char *s)
{
	xmlDocPtr doc = xmlReadMemory(s, (int)strlen(s), "junit.xml", NULL, XML_PARSE_NONET);
	CU_ASSERT_PTR_NOT_NULL(doc);
	return doc;
}

static const struct not_run junit_not_run[] = {
	{ "SCL003", "run-level", "needs a dump of the Root store", NULL },
	{ "SCL001", "ctl-store-missing", "binding 1.2.3.4:443: store 'Foo' not dumped", NULL },
};

static void test_junit(void)
{
	struct fixture f;
	struct srcloc loc = { "snap/schannel.reg", 3, 0, NULL };
	int ret;

	fixture_init(&f);
	f.r.not_run = junit_not_run;
	f.r.nr_not_run = 2;
	diag_input(&f.inputs, "parse.reg", SEV_ERROR, &loc, "bad value \xef\xbf\xbf here");
	emit(&f, &unit_rule_ctl, SEV_ERROR, "snap/netsh-sslcert.txt", 5, 0, "k1",
	     "a <b> & \"c\" \x1b]0;x\x07 \xef\xbf\xbe");
	emit(&f, &unit_rule_disagree, SEV_WARNING, "snap/schannel.reg", 9, 0, "k2", "disagree");
	diag_list_sort(&f.findings);

	char *s = unit_render(report_junit, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	/* what XML 1.0 does not allow is escaped, visibly */
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\\uffff"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\\ufffe"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\\x1b]0;x\\x07"));
	CU_ASSERT_PTR_NULL(strstr(s, "\xef\xbf\xbf"));
	xmlDocPtr doc = parse_xml(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	CU_ASSERT_STRING_EQUAL((const char *)root->name, "testsuites");
	/* inputs + 3 rules; SCL001 fails (error), SCL002 passes (a warning under --fail-on error) */
	CU_ASSERT_EQUAL(attr_int(root, "tests"), 4);
	CU_ASSERT_EQUAL(attr_int(root, "failures"), 1);
	CU_ASSERT_EQUAL(attr_int(root, "errors"), 1);
	CU_ASSERT_EQUAL(attr_int(root, "skipped"), 1);
	xmlNodePtr suite = child(root, "testsuite");
	CU_ASSERT_PTR_NOT_NULL_FATAL(suite);
	xmlChar *name = xmlGetProp(suite, (const xmlChar *)"name");
	CU_ASSERT_STRING_EQUAL((const char *)name, "snapshot");
	xmlFree(name);
	CU_ASSERT_PTR_NOT_NULL(child(testcase(suite, "inputs"), "error"));
	xmlNodePtr ctl = testcase(suite, "SCL001 ctl-store-missing");
	CU_ASSERT_PTR_NOT_NULL_FATAL(child(ctl, "failure"));
	xmlChar *text = xmlNodeGetContent(child(ctl, "failure"));
	CU_ASSERT_PTR_NOT_NULL(strstr((const char *)text, "error: a <b> & \"c\""));
	xmlFree(text);
	/* it failed, and did not run for a part: a failure, not skipped, the part in its output */
	CU_ASSERT_PTR_NULL(child(ctl, "skipped"));
	text = xmlNodeGetContent(child(ctl, "system-out"));
	CU_ASSERT_STRING_EQUAL((const char *)text,
			       "did not run for a part: binding 1.2.3.4:443: store 'Foo' not dumped\n");
	xmlFree(text);
	xmlNodePtr dis = testcase(suite, "SCL002 sources-disagree");
	CU_ASSERT_PTR_NULL(child(dis, "failure"));
	CU_ASSERT_PTR_NOT_NULL(child(dis, "system-out"));
	CU_ASSERT_PTR_NOT_NULL(child(testcase(suite, "SCL003 run-level"), "skipped"));
	xmlFreeDoc(doc);
	free(s);

	/* --fail-on warning: SCL002 fails too; none: nothing fails */
	f.r.fail_on = SEV_WARNING;
	s = unit_render(report_junit, &f.r, &ret);
	doc = parse_xml(s);
	CU_ASSERT_EQUAL(attr_int(xmlDocGetRootElement(doc), "failures"), 2);
	xmlFreeDoc(doc);
	free(s);
	f.r.fail_on = SEV_NONE;
	s = unit_render(report_junit, &f.r, &ret);
	doc = parse_xml(s);
	CU_ASSERT_EQUAL(attr_int(xmlDocGetRootElement(doc), "failures"), 0);
	xmlFreeDoc(doc);
	free(s);

	/* with a baseline only new findings fail */
	f.r.fail_on = SEV_WARNING;
	f.r.baseline = 1;
	for (size_t i = 0; i < f.findings.nr; i++)
		f.findings.items[i]->baseline = !strcmp(f.findings.items[i]->rule_id, "SCL002") ?
			BASELINE_NEW : BASELINE_UNCHANGED;
	s = unit_render(report_junit, &f.r, &ret);
	doc = parse_xml(s);
	suite = child(xmlDocGetRootElement(doc), "testsuite");
	CU_ASSERT_PTR_NULL(child(testcase(suite, "SCL001 ctl-store-missing"), "failure"));
	CU_ASSERT_PTR_NOT_NULL(child(testcase(suite, "SCL002 sources-disagree"), "failure"));
	xmlFreeDoc(doc);
	free(s);
	fixture_release(&f);
}

/* ---- report_fails and -q ------------------------------------------------ */

static void test_fails(void)
{
	struct fixture f;

	fixture_init(&f);
	struct diag *e = emit(&f, &unit_rule_ctl, SEV_ERROR, "a", 1, 0, NULL, "e");
	struct diag *w = emit(&f, &unit_rule_disagree, SEV_WARNING, "a", 2, 0, NULL, "w");
	CU_ASSERT(report_fails(&f.r, e));
	CU_ASSERT(!report_fails(&f.r, w));
	f.r.fail_on = SEV_NOTE;
	CU_ASSERT(report_fails(&f.r, w));
	f.r.fail_on = SEV_NONE;
	CU_ASSERT(!report_fails(&f.r, e));
	f.r.fail_on = SEV_ERROR;
	e->suppressed = "why";
	CU_ASSERT(!report_fails(&f.r, e));
	e->suppressed = NULL;
	f.r.baseline = 1;
	e->baseline = BASELINE_UNCHANGED;
	CU_ASSERT(!report_fails(&f.r, e));
	e->baseline = BASELINE_NEW;
	CU_ASSERT(report_fails(&f.r, e));
	e->baseline = BASELINE_ABSENT;
	CU_ASSERT(!report_fails(&f.r, e));
	fixture_release(&f);
}

static const struct not_run quiet_not_run[] = {
	{ "SCL003", "run-level", "needs a dump of the Root store", NULL },
};

static void test_text_quiet(void)
{
	struct fixture f;
	struct srcloc loc = { "snap/schannel.reg", 3, 0, NULL };
	int ret;

	fixture_init(&f);
	f.r.not_run = quiet_not_run;
	f.r.nr_not_run = 1;
	diag_input(&f.inputs, "parse.reg", SEV_WARNING, &loc, "odd value");
	diag_input(&f.inputs, "parse.reg", SEV_NOTE, &loc, "a placeholder");
	emit(&f, &unit_rule_ctl, SEV_ERROR, "snap/netsh-sslcert.txt", 5, 0, "k1", "an error");
	emit(&f, &unit_rule_run, SEV_NOTE, "snap/netsh-sslcert.txt", 6, 0, "k3", "a note");
	diag_list_sort(&f.inputs);
	diag_list_sort(&f.findings);
	f.r.quiet = 1;

	char *s = unit_render(report_text, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	CU_ASSERT_STRING_EQUAL(s,
		"snap/schannel.reg:3: warning: odd value [parse.reg]\n"
		"snap/netsh-sslcert.txt:5: error: an error [SCL001 ctl-store-missing]\n"
		"1 error, 0 warnings, 1 note \xe2\x80\x94 2 inputs, 0 bindings, 0 sites, 0 certificates; "
		"1 input warning\n");
	free(s);

	/* without -q the notes and the rule not run are there */
	f.r.quiet = 0;
	s = unit_render(report_text, &f.r, &ret);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "note: a placeholder [parse.reg]\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "note: a note [SCL003 run-level]\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "note: SCL003 run-level did not run: needs a dump"));
	free(s);
	fixture_release(&f);
}

static void test_ci_write_error(void)
{
	struct fixture f;
	static const report_fn fns[] = { report_github, report_gitlab, report_junit };

	github_fixture(&f);
	for (size_t i = 0; i < sizeof(fns) / sizeof(*fns); i++) {
		FILE *full = fopen("/dev/full", "w");
		if (!full) {
			CU_PASS("no /dev/full");
			break;
		}
		CU_ASSERT_EQUAL(fns[i](&f.r, full), -1);
		fclose(full);
	}
	fixture_release(&f);
}

void suite_report_ci(void);
void suite_report_ci(void)
{
	ADD_SUITE("report_ci",
		  { "workflow commands: GitHub's escaping, and every control", test_workflow_escape },
		  { "github: one command a line, input text escaped", test_github },
		  { "gitlab: required fields, fingerprints unique", test_gitlab },
		  { "junit: counts, failures by --fail-on, XML 1.0", test_junit },
		  { "report_fails: --fail-on, suppressed, baseline", test_fails },
		  { "text -q: no notes, no rules not run", test_text_quiet },
		  { "write error returns -1", test_ci_write_error });
}

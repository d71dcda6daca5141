/*
 * The reporters (linter/report*.c): a report built by hand, rendered
 * into memory, compared as a whole (text) or field by field after
 * parsing it back (JSON), and validated against the JSON Schema.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "rule.h"
#include "unit.h"
#include "util.h"


static const char NETSH[] = "snap/netsh-sslcert.txt";
static const char REG[] = "snap/schannel.reg";
static const char APPCONFIG[] = "snap/applicationHost.config";

static const struct input_file files[] = {
	{ NETSH, INPUT_NETSH, "utf-16le", 2048, 0, 0, NULL },
	{ REG, INPUT_REG, "utf-16le", 512, 0, 0, NULL },
	{ APPCONFIG, INPUT_APPCONFIG, "utf-8", 40960, 0, 0, NULL },
	{ "snap/notes.txt", INPUT_UNKNOWN, NULL, 17, SKIP_UNKNOWN_KIND, 0, NULL },
};

static const struct not_run not_run[] = {
	{ "SCL004", "reg-only-rule", "needs a registry export of HTTP\\Parameters (reg export ...)", NULL },
};

#define KEY "hostnameport:pki.example.org:443"
#define KEY_FP "5198cf6a0edf5405"   /* FNV-1a 64 of "SCL001\n" KEY, computed independently */
#define EMPTY_KEY_FP "10c67c4f90b2c83d"   /* of "SCL002\n" */

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

/* The DESIGN.md example plus one of everything else the text format has. */
static void fixture_full(struct fixture *f)
{
	struct srcloc loc;
	struct diag *d;

	fixture_init(f);
	f->r.files = files;
	f->r.nr_files = sizeof(files) / sizeof(*files);
	f->r.not_run = not_run;
	f->r.nr_not_run = sizeof(not_run) / sizeof(*not_run);
	f->r.nr_bindings = 3;
	f->r.nr_sites = 2;
	f->r.nr_certs = 41;

	loc = (struct srcloc){ NETSH, 7, 3, NULL };
	diag_input(&f->inputs, "parse.netsh", SEV_ERROR, &loc, "unknown field '%s'", "Foo Bar");
	loc = (struct srcloc){ REG, 0, 0, NULL };
	diag_input(&f->inputs, "parse.reg", SEV_WARNING, &loc, "no 'Windows Registry Editor' header");
	diag_list_sort(&f->inputs);

	f->findings.rule = &unit_rule_ctl;
	loc = (struct srcloc){ NETSH, 5, 0, "/bindings/hostnameport:pki.example.org:443" };
	d = diag_emit(&f->findings, SEV_ERROR, &loc, KEY,
		      "client certificate logon to %s will fail with HTTP 403.7",
		      "pki.example.org:443");
	loc = (struct srcloc){ REG, 4, 0, NULL };
	diag_add_related(&f->findings, d, &loc, "SendTrustedIssuerList=1 is set here");
	loc = (struct srcloc){ REG, 5, 0, NULL };
	diag_add_related(&f->findings, d, &loc, "ClientAuthTrustMode=2 is set here");
	loc = (struct srcloc){ APPCONFIG, 31, 7, NULL };
	diag_add_related(&f->findings, d, &loc, "site \xe2\x80\x9cPKI\xe2\x80\x9d requires client certificates");
	diag_set_fix(&f->findings, d, FIX_SHELL_ANY, "netsh http update sslcert hostnameport=%s sslctlstorename=ClientAuthIssuer",
		     "pki.example.org:443");

	f->findings.rule = &unit_rule_disagree;
	loc = (struct srcloc){ REG, 9, 12, NULL };
	d = diag_emit(&f->findings, SEV_WARNING, &loc, NULL, "netsh and the registry disagree");
	loc = (struct srcloc)SRCLOC_INIT;
	diag_add_related(&f->findings, d, &loc, "no file for this one");

	f->findings.rule = &unit_rule_run;
	diag_emit(&f->findings, SEV_NOTE, NULL, NULL, "no certificate inventory was given");
	f->findings.rule = NULL;
	diag_list_sort(&f->findings);
}

/* ---- text ------------------------------------------------------------ */

static const char full_text[] =
	"snap/netsh-sslcert.txt:7:3: error: unknown field 'Foo Bar' [parse.netsh]\n"
	"snap/schannel.reg: warning: no 'Windows Registry Editor' header [parse.reg]\n"
	"sslcertlint: note: no certificate inventory was given [SCL003 run-level]\n"
	"snap/netsh-sslcert.txt:5: error: client certificate logon to pki.example.org:443 will fail with HTTP 403.7 [SCL001 ctl-store-missing]\n"
	"  snap/schannel.reg:4: SendTrustedIssuerList=1 is set here\n"
	"  snap/schannel.reg:5: ClientAuthTrustMode=2 is set here\n"
	"  snap/applicationHost.config:31:7: site \xe2\x80\x9cPKI\xe2\x80\x9d requires client certificates\n"
	"  fix (cmd or PowerShell): netsh http update sslcert hostnameport=pki.example.org:443 sslctlstorename=ClientAuthIssuer\n"
	"snap/schannel.reg:9:12: warning: netsh and the registry disagree [SCL002 sources-disagree]\n"
	"  no file for this one\n"
	"snap/notes.txt: note: skipped: not a netsh, reg, appconfig, certjson or manifest input\n"
	"note: SCL004 reg-only-rule did not run: needs a registry export of HTTP\\Parameters (reg export ...)\n"
	"1 error, 1 warning, 1 note \xe2\x80\x94 3 inputs, 3 bindings, 2 sites, 41 certificates; 1 input error; "
	"1 input warning; dates as of 2026-01-01 00:00:00 UTC (--now)\n";

static void test_text_full(void)
{
	struct fixture f;
	int ret;

	fixture_full(&f);
	char *s = unit_render(report_text, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	CU_ASSERT_STRING_EQUAL(s, full_text);
	if (strcmp(s, full_text))
		fprintf(stderr, "\n--- got:\n%s--- want:\n%s", s, full_text);
	free(s);
	fixture_release(&f);
}

static void test_text_color(void)
{
	struct fixture f;
	int ret;

	fixture_full(&f);
	f.r.color = 1;
	char *s = unit_render(report_text, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(s,
		"snap/netsh-sslcert.txt:7:3: \033[1;31merror\033[0m: unknown field 'Foo Bar' [parse.netsh]\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s,
		"snap/schannel.reg: \033[1;33mwarning\033[0m: no 'Windows Registry Editor'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s,
		"sslcertlint: \033[1;36mnote\033[0m: no certificate inventory"));
	/* related lines, the fix and the summary stay plain */
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\n  snap/schannel.reg:4: SendTrustedIssuerList=1 is set here\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\n1 error, 1 warning, 1 note \xe2\x80\x94 3 inputs"));
	/* each level word coloured and reset once: 2 inputs, 3 findings, 1 skipped, 1 not run */
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, "\033[0m")); p++)
		n++;
	CU_ASSERT_EQUAL(n, 7);
	free(s);
	fixture_release(&f);
}

static void test_text_locations(void)
{
	struct fixture f;
	struct srcloc loc;
	struct diag *d;
	int ret;

	fixture_init(&f);
	f.findings.rule = &unit_rule_ctl;
	loc = (struct srcloc){ "a.txt", 0, 5, NULL };   /* a column without a line is dropped too */
	d = diag_emit(&f.findings, SEV_ERROR, &loc, NULL, "no line");
	loc = (struct srcloc){ "b.reg", 0, 0, NULL };
	diag_add_related(&f.findings, d, &loc, "related without line");
	loc = (struct srcloc){ "b.reg", 2, 0, NULL };
	diag_add_related(&f.findings, d, &loc, "related without column");
	loc = (struct srcloc){ "b.reg", 2, 9, NULL };
	diag_add_related(&f.findings, d, &loc, "related with column");
	loc = (struct srcloc){ "c.txt", 12, 0, NULL };
	diag_emit(&f.findings, SEV_ERROR, &loc, NULL, "no column");
	loc = (struct srcloc){ "c.txt", 12, 1, NULL };
	diag_emit(&f.findings, SEV_ERROR, &loc, NULL, "column 1");
	f.findings.rule = NULL;

	char *s = unit_render(report_text, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	CU_ASSERT_STRING_EQUAL(s,
		"a.txt: error: no line [SCL001 ctl-store-missing]\n"
		"  b.reg: related without line\n"
		"  b.reg:2: related without column\n"
		"  b.reg:2:9: related with column\n"
		"c.txt:12: error: no column [SCL001 ctl-store-missing]\n"
		"c.txt:12:1: error: column 1 [SCL001 ctl-store-missing]\n"
		"3 errors, 0 warnings, 0 notes \xe2\x80\x94 0 inputs, 0 bindings, 0 sites, 0 certificates\n");
	CU_ASSERT_PTR_NULL(strstr(s, ":0"));
	free(s);
	fixture_release(&f);
}

static void test_text_summary_plurals(void)
{
	struct fixture f;
	struct srcloc loc = { "x.reg", 1, 0, NULL };
	int ret;

	fixture_init(&f);
	f.r.files = files;
	f.r.nr_files = 1;
	f.r.nr_bindings = 1;
	f.r.nr_sites = 1;
	f.r.nr_certs = 1;
	f.findings.rule = &unit_rule_disagree;
	diag_emit(&f.findings, SEV_WARNING, &loc, NULL, "one");
	diag_emit(&f.findings, SEV_WARNING, &loc, NULL, "two");
	diag_emit(&f.findings, SEV_NOTE, &loc, NULL, "three");
	f.findings.rule = NULL;
	diag_input(&f.inputs, "parse.reg", SEV_ERROR, &loc, "bad");
	diag_input(&f.inputs, "parse.reg", SEV_ERROR, &loc, "worse");
	diag_input(&f.inputs, "parse.reg", SEV_WARNING, &loc, "odd");   /* an input warning */

	char *s = unit_render(report_text, &f.r, &ret);
	const char *last = strstr(s, "0 errors");
	CU_ASSERT_PTR_NOT_NULL_FATAL(last);
	CU_ASSERT_STRING_EQUAL(last,
		"0 errors, 2 warnings, 1 note \xe2\x80\x94 1 input, 1 binding, 1 site, 1 certificate; 2 input errors; "
		"1 input warning; dates as of 2026-01-01 00:00:00 UTC (--now)\n");
	free(s);
	fixture_release(&f);
}

static const char empty_text[] =
	"0 errors, 0 warnings, 0 notes \xe2\x80\x94 0 inputs, 0 bindings, 0 sites, 0 certificates\n";

static void test_text_empty(void)
{
	struct fixture f;
	int ret;

	fixture_init(&f);
	char *s = unit_render(report_text, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	CU_ASSERT_STRING_EQUAL(s, empty_text);
	free(s);

	/* NULL lists are an empty report too */
	f.r.findings = f.r.inputs = NULL;
	s = unit_render(report_text, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	CU_ASSERT_STRING_EQUAL(s, empty_text);
	free(s);
	fixture_release(&f);
}

/* ---- JSON ------------------------------------------------------------ */

static void test_json_full(void)
{
	struct fixture f;
	int ret;

	fixture_full(&f);
	char *s = unit_render(report_json, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	size_t len = strlen(s);
	CU_ASSERT(len > 2 && !strcmp(s + len - 2, "}\n"));
	CU_ASSERT(!strncmp(s, "{\n  \"version\": 1,\n  \"tool\": {\n", 30));

	json_t *doc = unit_parse_json(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);

	/* top-level keys in the documented order */
	static const char *const keys[] = {
		"version", "tool", "timeReference", "timeReferenceAt", "inputs", "findings", "errors",
		"notRun", "summary",
	};
	size_t i = 0;
	const char *k;
	json_t *v;
	json_object_foreach(doc, k, v) {
		CU_ASSERT(i < 9 && !strcmp(k, keys[i]));
		i++;
	}
	CU_ASSERT_EQUAL(i, 9);
	CU_ASSERT_STRING_EQUAL(unit_json_str(doc, "timeReferenceAt"), "2026-01-01T00:00:00Z");

	CU_ASSERT_EQUAL(unit_json_int(doc, "version"), 1);
	CU_ASSERT_STRING_EQUAL(unit_json_str(json_object_get(doc, "tool"), "name"), "sslcertlint");
	CU_ASSERT_STRING_EQUAL(unit_json_str(json_object_get(doc, "tool"), "version"), "0.1.0");
	CU_ASSERT_STRING_EQUAL(unit_json_str(doc, "timeReference"), "--now");

	json_t *inputs = json_object_get(doc, "inputs");
	CU_ASSERT_EQUAL_FATAL(json_array_size(inputs), 4);
	json_t *in0 = json_array_get(inputs, 0), *in3 = json_array_get(inputs, 3);
	CU_ASSERT_STRING_EQUAL(unit_json_str(in0, "path"), NETSH);
	CU_ASSERT_STRING_EQUAL(unit_json_str(in0, "kind"), "netsh");
	CU_ASSERT_STRING_EQUAL(unit_json_str(in0, "encoding"), "utf-16le");
	CU_ASSERT_EQUAL(unit_json_int(in0, "bytes"), 2048);
	CU_ASSERT_PTR_NULL(json_object_get(in0, "skipped"));
	CU_ASSERT_STRING_EQUAL(unit_json_str(json_array_get(inputs, 2), "kind"), "appconfig");
	CU_ASSERT_STRING_EQUAL(unit_json_str(in3, "kind"), "unknown");
	CU_ASSERT_PTR_NULL(json_object_get(in3, "encoding"));
	CU_ASSERT(json_is_true(json_object_get(in3, "skipped")));
	CU_ASSERT_STRING_EQUAL(unit_json_str(in3, "skipReason"), "unknown-kind");
	CU_ASSERT_PTR_NULL(json_object_get(in0, "skipReason"));

	json_t *findings = json_object_get(doc, "findings");
	CU_ASSERT_EQUAL_FATAL(json_array_size(findings), 3);

	/* sorted: the run-level note (no file) first */
	json_t *note = json_array_get(findings, 0);
	CU_ASSERT_STRING_EQUAL(unit_json_str(note, "ruleId"), "SCL003");
	CU_ASSERT_STRING_EQUAL(unit_json_str(note, "level"), "note");
	CU_ASSERT_PTR_NULL(json_object_get(note, "location"));
	CU_ASSERT_PTR_NULL(json_object_get(note, "key"));
	CU_ASSERT_PTR_NULL(json_object_get(note, "fix"));
	CU_ASSERT(json_is_array(json_object_get(note, "related")));
	CU_ASSERT_EQUAL(json_array_size(json_object_get(note, "related")), 0);

	json_t *ctl = json_array_get(findings, 1);
	CU_ASSERT_STRING_EQUAL(unit_json_str(ctl, "ruleId"), "SCL001");
	CU_ASSERT_STRING_EQUAL(unit_json_str(ctl, "rule"), "ctl-store-missing");
	CU_ASSERT_STRING_EQUAL(unit_json_str(ctl, "level"), "error");
	CU_ASSERT_STRING_EQUAL(unit_json_str(ctl, "message"),
		"client certificate logon to pki.example.org:443 will fail with HTTP 403.7");
	json_t *loc = json_object_get(ctl, "location");
	CU_ASSERT_STRING_EQUAL(unit_json_str(loc, "path"), NETSH);
	CU_ASSERT_EQUAL(unit_json_int(loc, "line"), 5);
	CU_ASSERT_PTR_NULL(json_object_get(loc, "column"));
	CU_ASSERT_STRING_EQUAL(unit_json_str(loc, "logicalPath"), "/bindings/hostnameport:pki.example.org:443");
	json_t *related = json_object_get(ctl, "related");
	CU_ASSERT_EQUAL_FATAL(json_array_size(related), 3);
	CU_ASSERT_STRING_EQUAL(unit_json_str(json_array_get(related, 0), "path"), REG);
	CU_ASSERT_EQUAL(unit_json_int(json_array_get(related, 0), "line"), 4);
	CU_ASSERT_PTR_NULL(json_object_get(json_array_get(related, 0), "column"));
	CU_ASSERT_STRING_EQUAL(unit_json_str(json_array_get(related, 0), "message"),
			       "SendTrustedIssuerList=1 is set here");
	CU_ASSERT_EQUAL(unit_json_int(json_array_get(related, 2), "column"), 7);
	CU_ASSERT_STRING_EQUAL(unit_json_str(json_array_get(related, 2), "message"),
			       "site \xe2\x80\x9cPKI\xe2\x80\x9d requires client certificates");
	CU_ASSERT_STRING_EQUAL(unit_json_str(ctl, "key"), KEY);
	CU_ASSERT_STRING_EQUAL(unit_json_str(ctl, "fingerprint"), KEY_FP);
	CU_ASSERT_STRING_EQUAL(unit_json_str(ctl, "fix"),
		"netsh http update sslcert hostnameport=pki.example.org:443 sslctlstorename=ClientAuthIssuer");
	json_t *shells = json_object_get(ctl, "fixShells");
	CU_ASSERT_EQUAL(json_array_size(shells), 2);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(shells, 0)), "cmd");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(shells, 1)), "powershell");

	json_t *dis = json_array_get(findings, 2);
	CU_ASSERT_STRING_EQUAL(unit_json_str(dis, "fingerprint"), EMPTY_KEY_FP);
	CU_ASSERT_EQUAL(unit_json_int(json_object_get(dis, "location"), "column"), 12);
	json_t *nofile = json_array_get(json_object_get(dis, "related"), 0);
	CU_ASSERT_EQUAL(json_object_size(nofile), 1);   /* message only */

	json_t *errors = json_object_get(doc, "errors");
	CU_ASSERT_EQUAL_FATAL(json_array_size(errors), 2);
	json_t *e0 = json_array_get(errors, 0), *e1 = json_array_get(errors, 1);
	CU_ASSERT_STRING_EQUAL(unit_json_str(e0, "level"), "error");
	CU_ASSERT_STRING_EQUAL(unit_json_str(e0, "id"), "parse.netsh");
	CU_ASSERT_STRING_EQUAL(unit_json_str(e0, "message"), "unknown field 'Foo Bar'");
	CU_ASSERT_STRING_EQUAL(unit_json_str(e0, "path"), NETSH);
	CU_ASSERT_EQUAL(unit_json_int(e0, "line"), 7);
	CU_ASSERT_EQUAL(unit_json_int(e0, "column"), 3);
	CU_ASSERT_STRING_EQUAL(unit_json_str(e1, "level"), "warning");
	CU_ASSERT_STRING_EQUAL(unit_json_str(e1, "path"), REG);
	CU_ASSERT_PTR_NULL(json_object_get(e1, "line"));
	CU_ASSERT_PTR_NULL(json_object_get(e1, "column"));

	json_t *nr = json_array_get(json_object_get(doc, "notRun"), 0);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(doc, "notRun")), 1);
	CU_ASSERT_STRING_EQUAL(unit_json_str(nr, "ruleId"), "SCL004");
	CU_ASSERT_STRING_EQUAL(unit_json_str(nr, "rule"), "reg-only-rule");
	CU_ASSERT_STRING_EQUAL(unit_json_str(nr, "reason"), not_run[0].reason);

	json_t *sum = json_object_get(doc, "summary");
	CU_ASSERT_EQUAL(unit_json_int(sum, "error"), 1);
	CU_ASSERT_EQUAL(unit_json_int(sum, "warning"), 1);
	CU_ASSERT_EQUAL(unit_json_int(sum, "note"), 1);
	CU_ASSERT_EQUAL(unit_json_int(sum, "inputErrors"), 1);
	CU_ASSERT_EQUAL(unit_json_int(sum, "inputs"), 3);
	CU_ASSERT_EQUAL(unit_json_int(sum, "bindings"), 3);
	CU_ASSERT_EQUAL(unit_json_int(sum, "sites"), 2);
	CU_ASSERT_EQUAL(unit_json_int(sum, "certificates"), 41);

	json_decref(doc);
	unit_assert_report_schema(s);

	/* byte-identical on a second run */
	char *again = unit_render(report_json, &f.r, &ret);
	CU_ASSERT_STRING_EQUAL(again, s);
	free(again);
	free(s);
	fixture_release(&f);
}

static void test_json_empty(void)
{
	struct fixture f;
	int ret;

	fixture_init(&f);
	f.r.now_source = "clock";
	char *s = unit_render(report_json, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	CU_ASSERT_STRING_EQUAL(s,
		"{\n"
		"  \"version\": 1,\n"
		"  \"tool\": {\n"
		"    \"name\": \"sslcertlint\",\n"
		"    \"version\": \"0.1.0\"\n"
		"  },\n"
		"  \"timeReference\": \"clock\",\n"
		"  \"inputs\": [],\n"
		"  \"findings\": [],\n"
		"  \"errors\": [],\n"
		"  \"notRun\": [],\n"
		"  \"summary\": {\n"
		"    \"error\": 0,\n"
		"    \"warning\": 0,\n"
		"    \"note\": 0,\n"
		"    \"suppressed\": 0,\n"
		"    \"inputErrors\": 0,\n"
		"    \"inputs\": 0,\n"
		"    \"bindings\": 0,\n"
		"    \"sites\": 0,\n"
		"    \"certificates\": 0\n"
		"  }\n"
		"}\n");
	unit_assert_report_schema(s);
	free(s);
	fixture_release(&f);
}

/* A file name that is not UTF-8 still gives valid JSON (U+FFFD for the bad byte). */
static void test_json_invalid_utf8(void)
{
	static const struct input_file latin1[] = {
		{ "caf\xe9.reg", INPUT_REG, "windows-1252", 3, 0, 0, NULL },
	};
	struct fixture f;
	int ret;

	fixture_init(&f);
	f.r.files = latin1;
	f.r.nr_files = 1;
	char *s = unit_render(report_json, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	json_t *doc = unit_parse_json(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(unit_json_str(json_array_get(json_object_get(doc, "inputs"), 0), "path"),
			       "caf\xef\xbf\xbd.reg");
	json_decref(doc);
	free(s);
	fixture_release(&f);
}

/* Each reason a file found in a snapshot directory is skipped, in text and JSON. */
static void test_skip_reasons(void)
{
	static const struct input_file skipped[] = {
		{ "snap/a", INPUT_UNKNOWN, "utf-8", 5, SKIP_UNKNOWN_KIND, 0, NULL },
		{ "snap/b", INPUT_UNKNOWN, NULL, 0, SKIP_SYMLINK, 0, NULL },
		{ "snap/c", INPUT_UNKNOWN, NULL, 0, SKIP_FIFO, 0, NULL },
		{ "snap/d", INPUT_UNKNOWN, NULL, 0, SKIP_SOCKET, 0, NULL },
		{ "snap/e", INPUT_UNKNOWN, NULL, 0, SKIP_CHAR_DEVICE, 0, NULL },
		{ "snap/f", INPUT_UNKNOWN, NULL, 0, SKIP_BLOCK_DEVICE, 0, NULL },
		{ "snap/g", INPUT_UNKNOWN, NULL, 0, SKIP_OTHER, 0, NULL },
	};
	static const char *const names[] = {
		"unknown-kind", "symlink", "fifo", "socket", "character-device", "block-device", "other",
	};
	struct fixture f;
	int ret;

	fixture_init(&f);
	f.r.files = skipped;
	f.r.nr_files = sizeof(skipped) / sizeof(*skipped);
	char *s = unit_render(report_text, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	CU_ASSERT_STRING_EQUAL(s,
		"snap/a: note: skipped: not a netsh, reg, appconfig, certjson or manifest input\n"
		"snap/b: note: skipped: a symbolic link, not followed\n"
		"snap/c: note: skipped: a FIFO, not a regular file\n"
		"snap/d: note: skipped: a socket, not a regular file\n"
		"snap/e: note: skipped: a character device, not a regular file\n"
		"snap/f: note: skipped: a block device, not a regular file\n"
		"snap/g: note: skipped: not a regular file\n"
		"0 errors, 0 warnings, 0 notes \xe2\x80\x94 0 inputs, 0 bindings, 0 sites, 0 certificates\n");
	free(s);

	s = unit_render(report_json, &f.r, &ret);
	CU_ASSERT_EQUAL(ret, 0);
	unit_assert_report_schema(s);
	json_t *doc = unit_parse_json(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	json_t *inputs = json_object_get(doc, "inputs");
	CU_ASSERT_EQUAL_FATAL(json_array_size(inputs), sizeof(names) / sizeof(*names));
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		json_t *in = json_array_get(inputs, i);
		CU_ASSERT(json_is_true(json_object_get(in, "skipped")));
		CU_ASSERT_STRING_EQUAL(unit_json_str(in, "skipReason"), names[i]);
	}
	json_decref(doc);
	free(s);
	fixture_release(&f);
}

/* ---- shared ---------------------------------------------------------- */

static void test_fingerprint(void)
{
	struct diag a = { 0 }, b = { 0 };
	char fa[17], fb[17];

	a.rule_id = "SCL001";
	a.key = KEY;
	a.loc = (struct srcloc){ NETSH, 5, 0, NULL };
	report_fingerprint(&a, fa);
	CU_ASSERT_STRING_EQUAL(fa, KEY_FP);

	/* a re-export that moves lines, files or wording keeps it */
	b = a;
	b.loc = (struct srcloc){ "other.txt", 500, 3, "/x" };
	b.message = "reworded";
	report_fingerprint(&b, fb);
	CU_ASSERT_STRING_EQUAL(fa, fb);

	/* another key or rule changes it */
	b.key = "hostnameport:pki.example.org:444";
	report_fingerprint(&b, fb);
	CU_ASSERT_STRING_NOT_EQUAL(fa, fb);
	b.key = KEY;
	b.rule_id = "SCL002";
	report_fingerprint(&b, fb);
	CU_ASSERT_STRING_NOT_EQUAL(fa, fb);

	/* NULL key hashes as "" */
	b.key = NULL;
	report_fingerprint(&b, fb);
	CU_ASSERT_STRING_EQUAL(fb, EMPTY_KEY_FP);
	b.key = "";
	report_fingerprint(&b, fb);
	CU_ASSERT_STRING_EQUAL(fb, EMPTY_KEY_FP);
	CU_ASSERT_EQUAL(strlen(fb), 16);
}

static void test_write_error(void)
{
	struct fixture f;
	FILE *full = fopen("/dev/full", "w");

	if (!full) {
		fprintf(stderr, "\nreport: no /dev/full; write-error test skipped\n");
		CU_PASS("no /dev/full");
		return;
	}
	setvbuf(full, NULL, _IONBF, 0);
	fixture_full(&f);
	CU_ASSERT_EQUAL(report_text(&f.r, full), -1);
	clearerr(full);
	CU_ASSERT_EQUAL(report_json(&f.r, full), -1);
	fclose(full);

	/* buffered: the error shows only when the reporter flushes */
	full = fopen("/dev/full", "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(full);
	CU_ASSERT_EQUAL(report_text(&f.r, full), -1);
	fclose(full);
	full = fopen("/dev/full", "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(full);
	CU_ASSERT_EQUAL(report_json(&f.r, full), -1);
	fclose(full);
	fixture_release(&f);
}

static void test_find(void)
{
	CU_ASSERT(report_find("text") == report_text);
	CU_ASSERT(report_find("json") == report_json);
	CU_ASSERT(report_find("github") == report_github);
	CU_ASSERT(report_find("gitlab") == report_gitlab);
	CU_ASSERT(report_find("junit") == report_junit);
	CU_ASSERT_PTR_NULL(report_find("xml"));
	CU_ASSERT_PTR_NULL(report_find(""));
	CU_ASSERT_PTR_NULL(report_find("TEXT"));
	CU_ASSERT_STRING_EQUAL(report_format_names(), "text, json, sarif, github, gitlab, junit");
	CU_ASSERT_STRING_EQUAL(report_format_names(), "text, json, sarif, github, gitlab, junit");
}

void suite_report(void);
void suite_report(void)
{
	ADD_SUITE("report",
		  { "text: every kind of line", test_text_full },
		  { "text: colour on the level word only", test_text_color },
		  { "text: unknown line and column left out", test_text_locations },
		  { "text: summary singular and plural", test_text_summary_plurals },
		  { "text: empty report", test_text_empty },
		  { "json: fields, order, schema, determinism", test_json_full },
		  { "json: empty report", test_json_empty },
		  { "json: invalid UTF-8 replaced", test_json_invalid_utf8 },
		  { "text and json: why a file is skipped", test_skip_reasons },
		  { "fingerprint: rule id and key, not lines", test_fingerprint },
		  { "write error returns -1", test_write_error },
		  { "report_find and format names", test_find });
}

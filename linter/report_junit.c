/*
 * The JUnit XML report, for the test tabs of CI systems (GitLab's
 * artifacts:reports:junit, Jenkins, Azure Pipelines, GitHub actions that
 * publish test results): every rule is a test case on every host.
 *
 *   <testsuites name="sslcertlint" tests= failures= errors= skipped=>
 *     <testsuite name=HOST tests= failures= errors= skipped=>   one per host
 *       <testcase classname=HOST name="inputs">                  its inputs
 *         [<error message="N input errors">text lines</error>]
 *         [<system-out>input warnings and notes</system-out>]
 *       </testcase>
 *       <testcase classname=HOST name="SCL001 ctl-store-missing">  one per rule
 *         <failure message="N findings" type=LEVEL>text lines</failure>
 *           when findings of the rule fail the run (report_fails(): at or
 *           above --fail-on, not suppressed, new with --baseline);
 *           type is the highest level among them
 *         | <skipped message=REASON>reasons</skipped>
 *           else, when the rule did not run (or not on every part of the
 *           snapshot: a binding whose CTL store was not dumped); the text
 *           lists every reason when there are several
 *         [<system-out>the rule's other findings, and with a failure the
 *           reasons it did not run for a part</system-out>]
 *       </testcase>
 *     </testsuite>
 *   </testsuites>
 *
 * HOST is report_group_host_name(): the fleet's host names, else the
 * snapshot's manifest host, else "snapshot".  In fleet mode, problems of
 * the run itself (the configuration, the fleet folder) make a first
 * testsuite "sslcertlint" holding only its "inputs" case.  Each suite's
 * and the root's tests, failures, errors and skipped attributes count
 * its test cases.  "Text lines" are the text report's lines of each
 * diagnostic (report_text_diag()).  No timestamps or durations: the
 * report is the same for the same inputs.
 *
 * Written with libxml2's xmlTextWriter, which escapes markup.  Every
 * string from an input has been through text_escape_put() (no control
 * characters, line breaks or bidirectional controls) and then xml_text(),
 * which replaces what XML 1.0 does not allow (U+FFFE, U+FFFF, and as a
 * safeguard any other control but tab and line feed) by a visible
 * escape, so the document is always well-formed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlversion.h>
#include <libxml/xmlwriter.h>

#include "report.h"
#include "rule.h"
#include "strmap.h"
#include "text_escape.h"
#include "util.h"

/* ---- text ----------------------------------------------------------------- */

/*
 * s with what XML 1.0 does not allow replaced (malloc'd): U+FFFE and
 * U+FFFF as "\ufffe", "\uffff"; control characters but tab and line feed,
 * and bytes that are not UTF-8, as "\xNN".  (After text_escape_put() only
 * U+FFFE and U+FFFF can be left.)
 */
static char *xml_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct mem m;

	mem_open(&m);
	while (*p) {
		unsigned char c = *p;
		size_t n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
			   c >= 0xf0 && c <= 0xf4 ? 4 : 0;
		for (size_t i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				n = 0;
		if (n == 1 && (c >= 0x20 || c == '\t' || c == '\n') && c != 0x7f) {
			fputc(c, m.fp);
		} else if (n == 3 && c == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)) {
			fprintf(m.fp, "\\u%s", p[2] == 0xbe ? "fffe" : "ffff");
		} else if (n > 1 && !(c == 0xe0 && p[1] < 0xa0) && !(c == 0xed && p[1] >= 0xa0) &&
			   !(c == 0xf0 && p[1] < 0x90) && !(c == 0xf4 && p[1] >= 0x90)) {
			/* a well-formed sequence: not overlong, no surrogate, not past U+10FFFF */
			fwrite(p, 1, n, m.fp);
		} else {
			fprintf(m.fp, "\\x%02x", c);
			n = 1;
		}
		p += n;
	}
	return mem_take(&m);
}

/* s from an input, for the document: escaped as in the text report, then xml_text() (malloc'd). */
static char *input_text(const char *s)
{
	struct mem m;

	mem_open(&m);
	text_escape_put(s ? s : "", m.fp);
	char *escaped = mem_take(&m);
	char *clean = xml_text(escaped);
	free(escaped);
	return clean;
}

/* ---- writing -------------------------------------------------------------- */

struct junit {
	const struct report *r;       /* with colour off */
	xmlTextWriterPtr w;
	int failed;                   /* a writer call failed */
};

static void check(struct junit *j, int rc)
{
	if (rc < 0)
		j->failed = 1;
}

static void start(struct junit *j, const char *element)
{
	check(j, xmlTextWriterStartElement(j->w, (const xmlChar *)element));
}

static void end(struct junit *j)
{
	check(j, xmlTextWriterEndElement(j->w));
}

/* An attribute whose value is the tool's own text (no input in it). */
static void attr(struct junit *j, const char *name, const char *value)
{
	char *clean = xml_text(value);
	check(j, xmlTextWriterWriteAttribute(j->w, (const xmlChar *)name, (const xmlChar *)clean));
	free(clean);
}

static void attr_input(struct junit *j, const char *name, const char *value)
{
	char *clean = input_text(value);
	check(j, xmlTextWriterWriteAttribute(j->w, (const xmlChar *)name, (const xmlChar *)clean));
	free(clean);
}

static void attr_count(struct junit *j, const char *name, size_t n)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%zu", n);
	attr(j, name, buf);
}

/* Text content already escaped by the text report (report_text_diag()). */
static void text(struct junit *j, const char *s)
{
	char *clean = xml_text(s);
	check(j, xmlTextWriterWriteString(j->w, (const xmlChar *)clean));
	free(clean);
}

/* The text report's lines of the diagnostics (malloc'd). */
static char *diag_lines(const struct junit *j, const struct diag *const *list, size_t nr)
{
	struct mem m;

	mem_open(&m);
	for (size_t i = 0; i < nr; i++)
		report_text_diag(j->r, list[i], m.fp);
	return mem_take(&m);
}

/* ---- counting ------------------------------------------------------------- */

/* What one test case holds: a rule's findings and reasons not run on one host. */
struct bucket {
	const struct diag **failing, **other;
	size_t nr_failing, alloc_failing, nr_other, alloc_other;
	const struct not_run **not_run;
	size_t nr_not_run, alloc_not_run;
};

/* A suite: its buckets (one per rule) and its input diagnostics. */
struct suite {
	const char *name;
	const struct report_group *g;
	struct bucket *buckets;       /* r->nr_rules */
	const struct diag **input_errors, **input_other;
	size_t nr_input_errors, nr_input_other, alloc_errors, alloc_other;
	size_t tests, failures, errors, skipped;
	int rules;                    /* has a case per rule (group[0] of a fleet has none) */
};

/* A finding the text report would list (so the test's output does too). */
static int listed(const struct report *r, const struct diag *d)
{
	return d->baseline != BASELINE_ABSENT && (!d->suppressed || r->show_suppressed);
}

static void suite_fill(struct suite *s, const struct report *r, const struct strmap *rule_index)
{
	const struct report_group *g = s->g;

	s->buckets = xcalloc(r->nr_rules ? r->nr_rules : 1, sizeof(*s->buckets));
	for (size_t i = 0; s->rules && i < g->nr_findings; i++) {
		const struct diag *d = g->findings[i];
		uintptr_t k = d->rule_id ? (uintptr_t)strmap_get(rule_index, d->rule_id) : 0;
		if (!k)
			continue;     /* not a rule of this table: a reporter test's own */
		struct bucket *b = &s->buckets[k - 1];
		if (report_fails(r, d)) {
			ALLOC_GROW(b->failing, b->nr_failing + 1, b->alloc_failing);
			b->failing[b->nr_failing++] = d;
		} else if (listed(r, d)) {
			ALLOC_GROW(b->other, b->nr_other + 1, b->alloc_other);
			b->other[b->nr_other++] = d;
		}
	}
	for (size_t i = 0; s->rules && i < g->nr_not_run; i++) {
		const struct not_run *nr = g->not_run[i];
		uintptr_t k = (uintptr_t)strmap_get(rule_index, nr->rule_id);
		if (!k)
			continue;
		struct bucket *b = &s->buckets[k - 1];
		ALLOC_GROW(b->not_run, b->nr_not_run + 1, b->alloc_not_run);
		b->not_run[b->nr_not_run++] = nr;
	}
	for (size_t i = 0; i < g->nr_inputs; i++) {
		const struct diag *d = g->inputs[i];
		if (d->level == SEV_ERROR) {
			ALLOC_GROW(s->input_errors, s->nr_input_errors + 1, s->alloc_errors);
			s->input_errors[s->nr_input_errors++] = d;
		} else {
			ALLOC_GROW(s->input_other, s->nr_input_other + 1, s->alloc_other);
			s->input_other[s->nr_input_other++] = d;
		}
	}

	s->tests = 1 + (s->rules ? r->nr_rules : 0);
	s->errors = s->nr_input_errors > 0;
	for (size_t k = 0; s->rules && k < r->nr_rules; k++) {
		s->failures += s->buckets[k].nr_failing > 0;
		s->skipped += !s->buckets[k].nr_failing && s->buckets[k].nr_not_run > 0;
	}
}

static void suite_release(struct suite *s, const struct report *r)
{
	for (size_t k = 0; s->buckets && k < r->nr_rules; k++) {
		free(s->buckets[k].failing);
		free(s->buckets[k].other);
		free(s->buckets[k].not_run);
	}
	free(s->buckets);
	free(s->input_errors);
	free(s->input_other);
}

/* ---- the document ------------------------------------------------------- */

static void counts(struct junit *j, size_t tests, size_t failures, size_t errors, size_t skipped)
{
	attr_count(j, "tests", tests);
	attr_count(j, "failures", failures);
	attr_count(j, "errors", errors);
	attr_count(j, "skipped", skipped);
}

static void system_out(struct junit *j, const char *s)
{
	if (!s || !*s)
		return;
	start(j, "system-out");
	text(j, s);
	end(j);
}

static void inputs_case(struct junit *j, const struct suite *s)
{
	start(j, "testcase");
	attr_input(j, "classname", s->name);
	attr(j, "name", "inputs");
	if (s->nr_input_errors) {
		char msg[64];
		snprintf(msg, sizeof(msg), "%zu input error%s", s->nr_input_errors,
			 s->nr_input_errors == 1 ? "" : "s");
		char *lines = diag_lines(j, s->input_errors, s->nr_input_errors);
		start(j, "error");
		attr(j, "message", msg);
		attr(j, "type", "input");
		text(j, lines);
		end(j);
		free(lines);
	}
	char *other = diag_lines(j, s->input_other, s->nr_input_other);
	system_out(j, other);
	free(other);
	end(j);
}

/* "did not run: REASON" lines of a bucket (malloc'd). */
static char *not_run_lines(const struct bucket *b, const char *prefix)
{
	struct mem m;

	mem_open(&m);
	for (size_t i = 0; i < b->nr_not_run; i++) {
		fputs(prefix, m.fp);
		text_escape_put(b->not_run[i]->reason, m.fp);
		fputc('\n', m.fp);
	}
	return mem_take(&m);
}

static enum severity highest(const struct bucket *b)
{
	enum severity level = SEV_NONE;
	for (size_t i = 0; i < b->nr_failing; i++)
		if (b->failing[i]->level > level)
			level = b->failing[i]->level;
	return level;
}

static void failure(struct junit *j, const struct bucket *b)
{
	char msg[64];

	snprintf(msg, sizeof(msg), "%zu %sfinding%s", b->nr_failing, j->r->baseline ? "new " : "",
		 b->nr_failing == 1 ? "" : "s");
	char *lines = diag_lines(j, b->failing, b->nr_failing);
	start(j, "failure");
	attr(j, "message", msg);
	attr(j, "type", severity_name(highest(b)));
	text(j, lines);
	end(j);
	free(lines);
}

static void skipped(struct junit *j, const struct bucket *b)
{
	start(j, "skipped");
	attr_input(j, "message", b->not_run[0]->reason);
	if (b->nr_not_run > 1) {
		char *reasons = not_run_lines(b, "");
		text(j, reasons);
		free(reasons);
	}
	end(j);
}

static void rule_case(struct junit *j, const struct suite *s, const struct rule *rule,
		      const struct bucket *b)
{
	char name[128];

	snprintf(name, sizeof(name), "%s %s", rule->id, rule->name);
	start(j, "testcase");
	attr_input(j, "classname", s->name);
	attr(j, "name", name);
	if (b->nr_failing)
		failure(j, b);
	else if (b->nr_not_run)
		skipped(j, b);

	struct mem m;
	mem_open(&m);
	for (size_t i = 0; i < b->nr_other; i++)
		report_text_diag(j->r, b->other[i], m.fp);
	if (b->nr_failing) {
		char *reasons = not_run_lines(b, "did not run for a part: ");
		fputs(reasons, m.fp);
		free(reasons);
	}
	char *out = mem_take(&m);
	system_out(j, out);
	free(out);
	end(j);
}

static void write_suite(struct junit *j, const struct suite *s)
{
	const struct report *r = j->r;

	start(j, "testsuite");
	attr_input(j, "name", s->name);
	counts(j, s->tests, s->failures, s->errors, s->skipped);
	inputs_case(j, s);
	for (size_t k = 0; s->rules && k < r->nr_rules; k++)
		rule_case(j, s, r->rules[k], &s->buckets[k]);
	end(j);
}

/* The suites: one per host, and in a fleet a first one for the run's own problems when it has any. */
static size_t make_suites(const struct report *r, const struct report_groups *groups,
			  const struct strmap *rule_index, struct suite *suites)
{
	size_t n = 0;

	for (size_t k = 0; k < groups->nr; k++) {
		const struct report_group *g = &groups->group[k];
		if (r->fleet && !k && !g->nr_inputs)
			continue;
		struct suite *s = &suites[n++];
		memset(s, 0, sizeof(*s));
		s->g = g;
		s->name = report_group_host_name(r, g);
		s->rules = !r->fleet || k > 0;
		suite_fill(s, r, rule_index);
	}
	return n;
}

/*
 * libxml2 prints its own errors (a failed write: "I/O error : No space
 * left on device"); the reporter returns -1 instead and main.c says what
 * failed, once.  Per thread, as libxml2 keeps these handlers.
 */
#if LIBXML_VERSION >= 21200
#define XML_ERROR_CONST const
#else
#define XML_ERROR_CONST
#endif

static void quiet_error(void *ctx, XML_ERROR_CONST xmlError *err)
{
	(void)ctx;
	(void)err;
}

int report_junit(const struct report *report, FILE *out)
{
	struct report r = *report;
	struct report_groups groups;
	struct strmap rule_index = STRMAP_INIT;
	struct junit j = { &r, NULL, 0 };
	size_t tests = 0, failures = 0, errors = 0, nr_skipped = 0;

	r.color = 0;
	for (size_t k = 0; k < r.nr_rules; k++)
		strmap_put(&rule_index, r.rules[k]->id, (void *)(uintptr_t)(k + 1));
	report_groups_init(&groups, &r);
	struct suite *suites = xcalloc(groups.nr, sizeof(*suites));
	size_t nr_suites = make_suites(&r, &groups, &rule_index, suites);
	for (size_t i = 0; i < nr_suites; i++) {
		tests += suites[i].tests;
		failures += suites[i].failures;
		errors += suites[i].errors;
		nr_skipped += suites[i].skipped;
	}

	xmlStructuredErrorFunc old_fn = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(NULL, quiet_error);
	xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(out, NULL);
	if (!buf)
		BUG("xmlOutputBufferCreateFile failed");
	j.w = xmlNewTextWriter(buf);   /* owns buf from here */
	if (!j.w)
		BUG("xmlNewTextWriter failed");
	check(&j, xmlTextWriterSetIndent(j.w, 1));
	check(&j, xmlTextWriterSetIndentString(j.w, (const xmlChar *)"  "));
	check(&j, xmlTextWriterStartDocument(j.w, "1.0", "UTF-8", NULL));
	start(&j, "testsuites");
	attr(&j, "name", "sslcertlint");
	counts(&j, tests, failures, errors, nr_skipped);
	for (size_t i = 0; i < nr_suites; i++)
		write_suite(&j, &suites[i]);
	end(&j);
	check(&j, xmlTextWriterEndDocument(j.w));
	xmlFreeTextWriter(j.w);
	xmlSetStructuredErrorFunc(old_ctx, old_fn);

	for (size_t i = 0; i < nr_suites; i++)
		suite_release(&suites[i], &r);
	free(suites);
	report_groups_release(&groups);
	strmap_release(&rule_index);
	if (j.failed || fflush(out) || ferror(out))
		return -1;
	return 0;
}

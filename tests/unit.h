#ifndef UNIT_H
#define UNIT_H

/*
 * Helpers shared by the CUnit suites.  Each suite file defines
 * `void suite_<name>(void)` that adds a CU suite and its tests, and is
 * listed once in tests/suites.def.
 */
#include <CUnit/CUnit.h>
#include <jansson.h>
#include <stddef.h>

#include "decode.h"
#include "diag.h"
#include "model_build.h"
#include "parse.h"
#include "report.h"

/* Adds a suite with the given tests: ADD_SUITE("decode", { "name", fn }, ...). */
struct unit_test {
	const char *name;
	CU_TestFunc fn;
};
void unit_add_suite(const char *name, const struct unit_test *tests, size_t n);
#define ADD_SUITE(name, ...) \
	do { \
		static const struct unit_test tests_[] = { __VA_ARGS__ }; \
		unit_add_suite((name), tests_, sizeof(tests_) / sizeof(*tests_)); \
	} while (0)

/*
 * A parsed snapshot for tests: decodes `len` bytes of `bytes` as the
 * file `name`, runs `parse` on it, and checks the model's invariants
 * (model_check must find nothing).  Release with unit_snapshot_release().
 */
struct unit_snapshot {
	struct model m;
	struct diag_list diags;
	struct text text;
	int errors;              /* the parser's return value */
};
typedef int (*unit_parse_fn)(struct model *, const char *, const struct text *,
			     struct diag_list *);
void unit_parse(struct unit_snapshot *s, unit_parse_fn parse, const char *name,
		const void *bytes, size_t len);
/* Same, for a NUL-terminated UTF-8 string. */
void unit_parse_str(struct unit_snapshot *s, unit_parse_fn parse, const char *name,
		    const char *str);
void unit_snapshot_release(struct unit_snapshot *s);

/* Number of diagnostics at exactly `level` whose message contains `needle` (NULL: any). */
size_t unit_count_diags(const struct diag_list *d, enum severity level, const char *needle);

/*
 * Whether relpath ("../shared/corpus/netsh", beside the source tree, as
 * CI lays it) is there.  A clone of the project alone has no ../shared:
 * then the test says "skipped: ... not present" and returns 0; with
 * SSLCERTLINT_REQUIRE_SHARED=1 (.ci/run) that is a failure instead.
 */
int unit_have_shared(const char *relpath);

/* Reads a whole file (relative to the source tree) into a malloc'd buffer; NULL on error. */
unsigned char *unit_read_file(const char *relpath, size_t *len);

/* UTF-8 -> UTF-16LE with BOM (malloc'd), for encoding tests. */
unsigned char *unit_utf16le(const char *utf8, size_t *len);

/* ---- reporters ---- */

/* r rendered by fn into a malloc'd string; *ret gets fn's return value. */
char *unit_render(report_fn fn, const struct report *r, int *ret);

/* s parsed with Jansson (decref it); NULL, with the error on stderr, when it is no JSON. */
json_t *unit_parse_json(const char *s);

/* Three rules for reporter tests (test_report.c, test_report_fleet.c): not the real table. */
struct rule;
extern const struct rule unit_rule_ctl, unit_rule_disagree, unit_rule_run;

/* obj[key] as a string, or NULL. */
const char *unit_json_str(json_t *obj, const char *key);

/* obj[key] as an integer; -1 (and a failed assertion) when it is not one. */
json_int_t unit_json_int(json_t *obj, const char *key);

/*
 * Validates the JSON report json against schemas/report.schema.json:
 * 0 when valid, 1 when not (the errors on stderr unless quiet), -1 when
 * /usr/bin/python3 has no jsonschema module.
 */
int unit_report_schema_check(const char *json, int quiet);

/* Asserts unit_report_schema_check(json, 0) is 0; passes with a note on stderr when it cannot run. */
void unit_assert_report_schema(const char *json);

/*
 * Asserts that ../shared/tools/check-sarif passes r's SARIF (schema,
 * SARIF Multitool, GitHub rules), printing its output on failure; passes
 * with a note when it cannot run here (outside CI).
 */
void unit_assert_check_sarif(const struct report *r);

#endif

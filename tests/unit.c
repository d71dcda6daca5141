#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rule.h"
#include "unit.h"
#include "util.h"

void unit_add_suite(const char *name, const struct unit_test *tests, size_t n)
{
	CU_pSuite s = CU_add_suite(name, NULL, NULL);
	if (!s)
		BUG("CU_add_suite failed");
	for (size_t i = 0; i < n; i++)
		if (!CU_add_test(s, tests[i].name, tests[i].fn))
			BUG("CU_add_test failed");
}

void unit_parse(struct unit_snapshot *s, unit_parse_fn parse, const char *name,
		const void *bytes, size_t len)
{
	struct decode_result res;
	model_init(&s->m);
	diag_list_init(&s->diags);
	text_decode(bytes, len, &s->text, &res);
	const char *file = model_intern_file(&s->m, name);
	s->errors = parse(&s->m, file, &s->text, &s->diags);
	if (model_check(&s->m, stderr))
		CU_FAIL("model_check found broken invariants (see stderr)");
}

void unit_parse_str(struct unit_snapshot *s, unit_parse_fn parse, const char *name,
		    const char *str)
{
	unit_parse(s, parse, name, str, strlen(str));
}

void unit_snapshot_release(struct unit_snapshot *s)
{
	text_release(&s->text);
	diag_list_release(&s->diags);
	model_release(&s->m);
}

size_t unit_count_diags(const struct diag_list *d, enum severity level, const char *needle)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nr; i++)
		if (d->items[i]->level == level &&
		    (!needle || strstr(d->items[i]->message, needle)))
			n++;
	return n;
}

unsigned char *unit_read_file(const char *relpath, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", SRCDIR, relpath);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	unsigned char *buf = xmalloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	*len = n;
	return buf;
}

unsigned char *unit_utf16le(const char *utf8, size_t *len)
{
	size_t n = strlen(utf8);
	unsigned char *out = xmalloc(2 + 4 * n + 2);
	size_t o = 0;
	out[o++] = 0xFF;
	out[o++] = 0xFE;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)utf8[i];
		unsigned cp;
		if (c < 0x80) {
			cp = c; i += 1;
		} else if ((c & 0xE0) == 0xC0) {
			cp = (c & 0x1Fu) << 6 | (utf8[i + 1] & 0x3Fu); i += 2;
		} else if ((c & 0xF0) == 0xE0) {
			cp = (c & 0x0Fu) << 12 | (utf8[i + 1] & 0x3Fu) << 6 | (utf8[i + 2] & 0x3Fu); i += 3;
		} else {
			cp = (c & 0x07u) << 18 | (utf8[i + 1] & 0x3Fu) << 12 |
			     (utf8[i + 2] & 0x3Fu) << 6 | (utf8[i + 3] & 0x3Fu); i += 4;
		}
		if (cp >= 0x10000) {
			cp -= 0x10000;
			unsigned hi = 0xD800 + (cp >> 10), lo = 0xDC00 + (cp & 0x3FF);
			out[o++] = hi & 0xFF; out[o++] = (unsigned char)(hi >> 8);
			out[o++] = lo & 0xFF; out[o++] = (unsigned char)(lo >> 8);
		} else {
			out[o++] = cp & 0xFF; out[o++] = (unsigned char)(cp >> 8);
		}
	}
	*len = o;
	return out;
}

int unit_have_shared(const char *relpath)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", SRCDIR, relpath);
	if (!access(path, F_OK))
		return 1;
	const char *required = getenv("SSLCERTLINT_REQUIRE_SHARED");
	if (required && !strcmp(required, "1")) {
		fprintf(stderr, "\n%s is required (SSLCERTLINT_REQUIRE_SHARED=1) but not present\n", relpath);
		CU_FAIL("../shared is required but not present");
	} else {
		printf("\n  skipped: %s not present\n", relpath);
	}
	return 0;
}

/* ---- reporters ---- */

#define PYTHON "/usr/bin/python3"
#define CHECK_SARIF "../shared/tools/check-sarif"

char *unit_render(report_fn fn, const struct report *r, int *ret)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (!out) {
		CU_FAIL_FATAL("open_memstream failed");
		return NULL;
	}
	*ret = fn(r, out);
	fclose(out);
	return buf;
}

json_t *unit_parse_json(const char *s)
{
	json_error_t err;
	json_t *doc = json_loads(s, 0, &err);
	if (!doc)
		fprintf(stderr, "\nJSON does not parse: %d:%d: %s\n", err.line, err.column, err.text);
	return doc;
}

static int have_jsonschema(void)
{
	static int have = -1;
	if (have < 0)
		have = system(PYTHON " -c 'import jsonschema' 2>/dev/null") == 0;
	return have;
}

int unit_report_schema_check(const char *json, int quiet)
{
	char path[] = "/tmp/sslcertlint-report-XXXXXX";
	char cmd[8192];

	if (!have_jsonschema())
		return -1;
	int fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	size_t len = strlen(json);
	CU_ASSERT_FATAL(write(fd, json, len) == (ssize_t)len);
	close(fd);
	snprintf(cmd, sizeof(cmd), PYTHON " -m jsonschema -i '%s' '%s/schemas/report.schema.json'%s",
		 path, SRCDIR, quiet ? " >/dev/null 2>&1" : "");
	int rc = system(cmd);
	unlink(path);
	return rc != 0;
}

void unit_assert_report_schema(const char *json)
{
	int rc = unit_report_schema_check(json, 0);
	if (rc < 0) {
		fprintf(stderr, "\nreport: " PYTHON " has no jsonschema module; schema check skipped\n");
		CU_PASS("schema check skipped: no jsonschema");
		return;
	}
	CU_ASSERT_EQUAL(rc, 0);
	if (rc)
		fprintf(stderr, "\nreport: schema validation failed for:\n%s", json);
}

/*
 * Runs check-sarif from the source tree on a rendering of r; returns its
 * exit status, or -1 when it cannot run here.  Its output goes to stderr
 * only on failure.
 */
static int check_sarif(const struct report *r)
{
	char path[] = "/tmp/sslcertlint-sarif-XXXXXX";
	char log[] = "/tmp/sslcertlint-sarif-log-XXXXXX";
	char cmd[8192];
	int ret;

	int fd = mkstemp(path);
	int lfd = mkstemp(log);
	CU_ASSERT_FATAL(fd >= 0 && lfd >= 0);
	close(lfd);
	FILE *out = fdopen(fd, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_EQUAL(report_sarif(r, out), 0);
	fclose(out);
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s" CHECK_SARIF " '%s' > '%s' 2>&1",
		 SRCDIR, getenv("CI") ? "SARIF_REQUIRE_MULTITOOL=1 " : "", path, log);
	int rc = system(cmd);
	rc = rc == -1 || !WIFEXITED(rc) ? -1 : WEXITSTATUS(rc);
	if (rc != 0) {
		snprintf(cmd, sizeof(cmd), "cat '%s' >&2", log);
		ret = system(cmd);
		(void)ret;
	}
	unlink(path);
	unlink(log);
	return rc;
}

void unit_assert_check_sarif(const struct report *r)
{
	if (!unit_have_shared(CHECK_SARIF))
		return;
	int rc = check_sarif(r);
	if (rc < 0 || (rc == 2 && !getenv("CI"))) {
		fprintf(stderr, "\nsarif: " CHECK_SARIF " cannot run here (exit %d); check skipped\n", rc);
		CU_PASS("check-sarif cannot run: skipped");
	} else {
		CU_ASSERT_EQUAL(rc, 0);
	}
}

const char *unit_json_str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

json_int_t unit_json_int(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	CU_ASSERT(json_is_integer(v));
	return json_is_integer(v) ? json_integer_value(v) : -1;
}

const struct rule unit_rule_ctl = {
	.id = "SCL001", .name = "ctl-store-missing",
	.summary = "client certificate logon fails without a ctl store",
	.level = SEV_ERROR,
};
const struct rule unit_rule_disagree = {
	.id = "SCL002", .name = "sources-disagree",
	.summary = "netsh and the registry describe a binding differently",
	.level = SEV_WARNING,
};
const struct rule unit_rule_run = {
	.id = "SCL003", .name = "run-level",
	.summary = "a finding about the whole snapshot",
	.level = SEV_NOTE,
};

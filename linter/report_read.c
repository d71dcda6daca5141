/*
 * Reading a report back (report_read.h): the file, its format (SARIF
 * has "runs", the JSON report "findings"), and what both readers share.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "readfile.h"
#include "report_read.h"
#include "timeutil.h"
#include "util.h"

#define REPORT_MAX_BYTES ((size_t)2 * 1024 * 1024 * 1024)

void report_doc_init(struct report_doc *d)
{
	memset(d, 0, sizeof(*d));
	arena_init(&d->arena);
	diag_list_init(&d->findings);
	diag_list_init(&d->inputs);
}

void report_doc_release(struct report_doc *d)
{
	diag_list_release(&d->findings);
	diag_list_release(&d->inputs);
	free(d->files);
	free(d->not_run);
	free(d->hosts);
	arena_release(&d->arena);
	memset(d, 0, sizeof(*d));
}

int report_doc_fail(struct report_doc *d, const char **why, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	*why = arena_vstrfmt(&d->arena, fmt, ap);
	va_end(ap);
	return -1;
}

const char *report_doc_str(struct report_doc *d, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_string(v) ? arena_strdup(&d->arena, json_string_value(v)) : NULL;
}

int report_doc_check_fingerprint(struct report_doc *d, const char **why, const struct diag *f,
				 const char *fp, const char *what, size_t n)
{
	char want[17];
	report_fingerprint(f, want);
	if (!fp || strcmp(fp, want))
		return report_doc_fail(d, why, "%s %zu: its fingerprint is not the one of its rule, "
				       "host and key: not a report as sslcertlint wrote it", what, n);
	return 0;
}

int report_doc_count(json_t *obj, const char *key, uint64_t max, uint64_t *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		return 1;
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    (uint64_t)json_integer_value(v) > max)
		return -1;
	*out = (uint64_t)json_integer_value(v);
	return 0;
}

int report_doc_level(const char *name, enum severity *out)
{
	int level = name ? severity_parse(name) : -1;
	if (level <= SEV_NONE)
		return -1;
	*out = (enum severity)level;
	return 0;
}

int report_doc_baseline_state(const char *name, enum baseline_state *out)
{
	static const char *const names[] = {
		[BASELINE_NEW] = "new", [BASELINE_UNCHANGED] = "unchanged",
		[BASELINE_UPDATED] = "updated", [BASELINE_ABSENT] = "absent",
	};
	*out = BASELINE_NONE;
	if (!name)
		return 0;
	for (size_t i = BASELINE_NEW; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(name, names[i])) {
			*out = (enum baseline_state)i;
			return 0;
		}
	return -1;
}

int report_doc_fix_shell(json_t *arr, enum fix_shell *out)
{
	static const enum fix_shell shells[] = { FIX_SHELL_ANY, FIX_SHELL_POWERSHELL };
	for (size_t i = 0; i < sizeof(shells) / sizeof(*shells); i++) {
		const char *names[2];
		size_t n = fix_shell_names(shells[i], names), j;
		if (json_array_size(arr) != n)
			continue;
		for (j = 0; j < n; j++)
			if (!json_is_string(json_array_get(arr, j)) ||
			    strcmp(json_string_value(json_array_get(arr, j)), names[j]))
				break;
		if (j == n) {
			*out = shells[i];
			return 0;
		}
	}
	return -1;
}

int report_doc_time(struct report_doc *d, json_t *obj, const char **why)
{
	static const char *const sources[] = { "--now", "manifest", "clock", "mixed" };
	const char *src = report_doc_str(d, obj, "timeReference");
	const char *at = report_doc_str(d, obj, "timeReferenceAt");

	if (src) {
		size_t i = 0;
		while (i < sizeof(sources) / sizeof(*sources) && strcmp(src, sources[i]))
			i++;
		if (i == sizeof(sources) / sizeof(*sources))
			return report_doc_fail(d, why, "unknown timeReference '%s'", src);
		d->now_source = sources[i];
	}
	if (at) {
		if (iso8601_parse(at, &d->now))
			return report_doc_fail(d, why, "malformed timeReferenceAt '%s'", at);
		d->has_now = 1;
	}
	return 0;
}

int report_doc_load(struct report_doc *d, const char *path, const char **why)
{
	unsigned char *buf;
	size_t n;
	const char *err = NULL;

	d->path = arena_strdup(&d->arena, path);
	int rc = read_whole_file(path, 0, REPORT_MAX_BYTES, &buf, &n, &err);
	if (rc == -1)
		return report_doc_fail(d, why, "cannot read it: %s", err ? err : strerror(errno));
	if (rc)
		return report_doc_fail(d, why, "larger than 2 GiB");

	struct text t;
	struct decode_result res;
	text_decode(buf, n, &t, &res);
	free(buf);
	json_error_t jerr;
	json_t *doc = json_loadb(t.buf, t.len, 0, &jerr);
	text_release(&t);
	if (!doc)
		return report_doc_fail(d, why, "malformed JSON at line %d: %s", jerr.line, jerr.text);
	if (json_is_array(json_object_get(doc, "runs"))) {
		d->format = "sarif";
		rc = report_doc_read_sarif(d, doc, why);
	} else if (json_is_array(json_object_get(doc, "findings"))) {
		d->format = "json";
		rc = report_doc_read_json(d, doc, why);
	} else {
		rc = report_doc_fail(d, why, "not a report of sslcertlint: expected its JSON report "
				     "(\"findings\") or SARIF (\"runs\")");
	}
	json_decref(doc);
	return rc;
}

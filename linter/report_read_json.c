/*
 * The JSON report (report_json.c, docs/report-json.md) read back into
 * the pieces of struct report: every member its reporter writes, and
 * nothing guessed.
 */
#include <stdlib.h>
#include <string.h>

#include "report_read.h"
#include "util.h"

#define MAX_LINE UINT32_MAX

/* path, line and column of obj (report_json.c's set_where) into loc. */
static int read_where(struct report_doc *d, json_t *obj, struct srcloc *loc)
{
	uint64_t v;
	int rc;

	loc->file = report_doc_str(d, obj, "path");
	if ((rc = report_doc_count(obj, "line", MAX_LINE, &v)) < 0)
		return -1;
	loc->line = rc ? 0 : (uint32_t)v;
	if ((rc = report_doc_count(obj, "column", MAX_LINE, &v)) < 0)
		return -1;
	loc->col = rc ? 0 : (uint32_t)v;
	return 0;
}

static int read_inputs(struct report_doc *d, json_t *arr, const char **why)
{
	size_t i;
	json_t *o;

	d->files = xcalloc(json_array_size(arr) + 1, sizeof(*d->files));
	json_array_foreach(arr, i, o) {
		struct input_file *f = &d->files[d->nr_files++];
		const char *kind = report_doc_str(d, o, "kind");
		const char *skip = report_doc_str(d, o, "skipReason");
		uint64_t bytes = 0;

		f->host = report_doc_str(d, o, "host");
		f->path = report_doc_str(d, o, "path");
		f->encoding = report_doc_str(d, o, "encoding");
		if (!f->path || !kind || report_doc_count(o, "bytes", SIZE_MAX, &bytes))
			return report_doc_fail(d, why, "input %zu: no path, kind or byte count", i + 1);
		f->bytes = (size_t)bytes;
		int k = INPUT_UNKNOWN;
		while (k < INPUT_KINDS_NR && strcmp(input_kind_name((enum input_kind)k), kind))
			k++;
		if (k == INPUT_KINDS_NR)
			return report_doc_fail(d, why, "input %zu: unknown kind '%s'", i + 1, kind);
		f->kind = (enum input_kind)k;
		if (skip) {
			int s = SKIP_UNKNOWN_KIND;
			while (s <= SKIP_OTHER && strcmp(skip_reason_name((enum skip_reason)s), skip))
				s++;
			if (s > SKIP_OTHER)
				return report_doc_fail(d, why, "input %zu: unknown skipReason '%s'", i + 1, skip);
			f->skipped = (enum skip_reason)s;
		}
	}
	return 0;
}

static int read_finding(struct report_doc *d, json_t *o, size_t i, const char **why)
{
	struct srcloc loc = SRCLOC_INIT;
	enum severity level;
	json_t *where = json_object_get(o, "location");
	const char *id = report_doc_str(d, o, "ruleId");
	const char *message = report_doc_str(d, o, "message");

	if (!id || !message || report_doc_level(json_string_value(json_object_get(o, "level")), &level))
		return report_doc_fail(d, why, "finding %zu: no ruleId, message or level", i + 1);
	if (where && (read_where(d, where, &loc) || !loc.file))
		return report_doc_fail(d, why, "finding %zu: malformed location", i + 1);
	loc.path = report_doc_str(d, where, "logicalPath");

	struct diag *f = diag_input(&d->findings, id, level, where ? &loc : NULL, "%s", message);
	f->rule_name = report_doc_str(d, o, "rule");
	f->key = report_doc_str(d, o, "key");
	f->host = report_doc_str(d, o, "host");
	f->fix = report_doc_str(d, o, "fix");
	if (f->fix && report_doc_fix_shell(json_object_get(o, "fixShells"), &f->fix_shell))
		return report_doc_fail(d, why, "finding %zu: unknown fixShells", i + 1);
	f->suppressed = report_doc_str(d, json_object_get(o, "suppressed"), "reason");
	if (report_doc_baseline_state(json_string_value(json_object_get(o, "baselineState")), &f->baseline))
		return report_doc_fail(d, why, "finding %zu: unknown baselineState", i + 1);

	size_t j;
	json_t *rel;
	json_array_foreach(json_object_get(o, "related"), j, rel) {
		struct srcloc rloc = SRCLOC_INIT;
		const char *msg = report_doc_str(d, rel, "message");
		if (read_where(d, rel, &rloc) || !msg)
			return report_doc_fail(d, why, "finding %zu: malformed related location %zu", i + 1, j + 1);
		diag_add_related(&d->findings, f, &rloc, "%s", msg);
	}

	return report_doc_check_fingerprint(d, why, f, json_string_value(json_object_get(o, "fingerprint")),
					    "finding", i + 1);
}

static int read_errors(struct report_doc *d, json_t *arr, const char **why)
{
	size_t i;
	json_t *o;

	json_array_foreach(arr, i, o) {
		struct srcloc loc = SRCLOC_INIT;
		enum severity level;
		const char *id = report_doc_str(d, o, "id");
		const char *message = report_doc_str(d, o, "message");
		if (!id || !message || read_where(d, o, &loc) ||
		    report_doc_level(json_string_value(json_object_get(o, "level")), &level))
			return report_doc_fail(d, why, "error %zu: malformed", i + 1);
		struct diag *e = diag_input(&d->inputs, id, level, &loc, "%s", message);
		e->host = report_doc_str(d, o, "host");
	}
	return 0;
}

static int read_not_run(struct report_doc *d, json_t *arr, const char **why)
{
	size_t i;
	json_t *o;

	d->not_run = xcalloc(json_array_size(arr) + 1, sizeof(*d->not_run));
	json_array_foreach(arr, i, o) {
		struct not_run *nr = &d->not_run[d->nr_not_run++];
		nr->rule_id = report_doc_str(d, o, "ruleId");
		nr->rule_name = report_doc_str(d, o, "rule");
		nr->reason = report_doc_str(d, o, "reason");
		nr->host = report_doc_str(d, o, "host");
		if (!nr->rule_id || !nr->reason)
			return report_doc_fail(d, why, "notRun %zu: malformed", i + 1);
	}
	return 0;
}

static int read_hosts(struct report_doc *d, json_t *arr, const char **why)
{
	size_t i;
	json_t *o;

	d->hosts = xcalloc(json_array_size(arr) + 1, sizeof(*d->hosts));
	json_array_foreach(arr, i, o) {
		struct report_host *h = &d->hosts[d->nr_hosts++];
		json_t *sum = json_object_get(o, "summary");
		uint64_t b, s, c;
		h->name = report_doc_str(d, o, "name");
		h->path = report_doc_str(d, o, "path");
		h->failed = json_is_true(json_object_get(o, "failed"));
		if (!h->name || report_doc_count(sum, "bindings", SIZE_MAX, &b) ||
		    report_doc_count(sum, "sites", SIZE_MAX, &s) ||
		    report_doc_count(sum, "certificates", SIZE_MAX, &c))
			return report_doc_fail(d, why, "host %zu: malformed", i + 1);
		h->nr_bindings = (size_t)b;
		h->nr_sites = (size_t)s;
		h->nr_certs = (size_t)c;
	}
	return 0;
}

int report_doc_read_json(struct report_doc *d, json_t *doc, const char **why)
{
	json_t *tool = json_object_get(doc, "tool");
	const char *name = json_string_value(json_object_get(tool, "name"));

	if (!json_is_integer(json_object_get(doc, "version")) ||
	    json_integer_value(json_object_get(doc, "version")) != 1 || !name || strcmp(name, "sslcertlint"))
		return report_doc_fail(d, why, "not a JSON report of sslcertlint (version 1)");
	d->tool_version = report_doc_str(d, tool, "version");
	d->config_path = report_doc_str(d, doc, "configuration");
	d->fail_on = report_doc_str(d, doc, "failOn");
	d->shard = report_doc_str(d, doc, "shard");
	if (report_doc_time(d, doc, why))
		return -1;
	d->baseline = json_object_get(json_object_get(doc, "summary"), "new") != NULL;
	d->fleet = json_is_array(json_object_get(doc, "hosts"));
	if (read_inputs(d, json_object_get(doc, "inputs"), why))
		return -1;
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(doc, "findings"), i, o)
		if (read_finding(d, o, i, why))
			return -1;
	if (read_errors(d, json_object_get(doc, "errors"), why) ||
	    read_not_run(d, json_object_get(doc, "notRun"), why) ||
	    read_hosts(d, json_object_get(doc, "hosts"), why))
		return -1;
	return 0;
}

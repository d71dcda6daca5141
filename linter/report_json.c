/*
 * The JSON report (docs/report-json.md; schemas/report.schema.json).
 *
 * The document is built with Jansson and dumped with two-space indent.
 * Keys keep insertion order (Jansson 2.14; JSON_PRESERVE_ORDER for older
 * ones), so the output is byte-identical for identical input.  Unknown
 * values are left out, never written as 0 or null (STYLE R3): "line"
 * when 0, "column" when 0 or when the line is unknown, "path" when the
 * location has no file, "key", "fix", "encoding", "logicalPath" when NULL.
 *
 * "failOn" records --fail-on and "shard" a --shard run's K/N, for
 * `sslcertlint merge` (merge.c), which reads the report back.
 *
 * In fleet mode every input, finding, error and notRun entry of a host
 * has a "host" member, and "hosts" lists the hosts with a summary each.
 *
 * Jansson accepts only valid UTF-8; a path or message that is not (a
 * file name from the command line, say) is written with each bad byte
 * replaced by U+FFFD rather than dropped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_out.h"
#include "report.h"
#include "timeutil.h"
#include "util.h"

/* path, line, column of loc into obj, leaving out what is unknown */
static void set_where(json_t *obj, const struct srcloc *loc)
{
	json_set_str(obj, "path", loc->file);
	if (loc->line) {
		json_set_count(obj, "line", loc->line);
		if (loc->col)
			json_set_count(obj, "column", loc->col);
	}
}

/* obj["host"] = host in fleet mode (left out for a run-level entry) */
static void set_host(json_t *obj, const struct report *r, const char *host)
{
	if (r->fleet)
		json_set_str(obj, "host", host);
}

static json_t *tool_json(const struct report *r)
{
	json_t *tool = json_must(json_object());
	json_set_str(tool, "name", "sslcertlint");
	json_set_str(tool, "version", r->tool_version ? r->tool_version : "unknown");
	return tool;
}

static json_t *inputs_json(const struct report *r)
{
	json_t *arr = json_must(json_array());
	for (size_t i = 0; i < r->nr_files; i++) {
		const struct input_file *f = &r->files[i];
		json_t *o = json_must(json_object());
		set_host(o, r, f->host);
		json_set_str(o, "path", f->path);
		json_set_str(o, "kind", input_kind_name(f->kind));
		json_set_str(o, "encoding", f->encoding);
		json_set_count(o, "bytes", f->bytes);
		if (f->skipped) {
			json_set(o, "skipped", json_true());
			json_set_str(o, "skipReason", skip_reason_name(f->skipped));
		}
		json_append(arr, o);
	}
	return arr;
}

static json_t *finding_json(const struct report *r, const struct diag *d)
{
	json_t *o = json_must(json_object());
	char fp[17];

	set_host(o, r, d->host);
	json_set_str(o, "ruleId", d->rule_id);
	json_set_str(o, "rule", d->rule_name);
	json_set_str(o, "level", severity_name(d->level));
	json_set_str(o, "message", d->message);
	if (d->loc.file) {
		json_t *loc = json_must(json_object());
		set_where(loc, &d->loc);
		json_set_str(loc, "logicalPath", d->loc.path);
		json_set(o, "location", loc);
	}

	json_t *related = json_must(json_array());
	for (size_t i = 0; i < d->nr_related; i++) {
		json_t *rel = json_must(json_object());
		set_where(rel, &d->related[i].loc);
		json_set_str(rel, "message", d->related[i].message);
		json_append(related, rel);
	}
	json_set(o, "related", related);

	json_set_str(o, "key", d->key);
	report_fingerprint(d, fp);
	json_set_str(o, "fingerprint", fp);
	json_set_str(o, "fix", d->fix);
	json_set_fix_shells(o, d);
	if (d->suppressed) {
		json_t *sup = json_must(json_object());
		json_set_str(sup, "reason", d->suppressed);
		json_set(o, "suppressed", sup);
	}
	static const char *const states[] = {
		[BASELINE_NEW] = "new", [BASELINE_UNCHANGED] = "unchanged",
		[BASELINE_UPDATED] = "updated", [BASELINE_ABSENT] = "absent",
	};
	if (d->baseline != BASELINE_NONE)
		json_set_str(o, "baselineState", states[d->baseline]);
	return o;
}

static json_t *findings_json(const struct report *r)
{
	json_t *arr = json_must(json_array());
	if (r->findings)
		for (size_t i = 0; i < r->findings->nr; i++)
			json_append(arr, finding_json(r, r->findings->items[i]));
	return arr;
}

static json_t *errors_json(const struct report *r)
{
	json_t *arr = json_must(json_array());
	if (!r->inputs)
		return arr;
	for (size_t i = 0; i < r->inputs->nr; i++) {
		const struct diag *d = r->inputs->items[i];
		json_t *o = json_must(json_object());
		set_host(o, r, d->host);
		json_set_str(o, "level", severity_name(d->level));
		json_set_str(o, "id", d->rule_id);
		json_set_str(o, "message", d->message);
		set_where(o, &d->loc);
		json_append(arr, o);
	}
	return arr;
}

static json_t *not_run_json(const struct report *r)
{
	json_t *arr = json_must(json_array());
	for (size_t i = 0; i < r->nr_not_run; i++) {
		json_t *o = json_must(json_object());
		set_host(o, r, r->not_run[i].host);
		json_set_str(o, "ruleId", r->not_run[i].rule_id);
		json_set_str(o, "rule", r->not_run[i].rule_name);
		json_set_str(o, "reason", r->not_run[i].reason);
		json_append(arr, o);
	}
	return arr;
}

/* The summary of group g (see report.h; NULL: the whole report). */
static json_t *summary_json(const struct report *r, const struct report_group *g)
{
	json_t *o = json_must(json_object());
	struct report_summary s;

	report_summarize(r, g, &s);
	json_set_count(o, "error", s.error);
	json_set_count(o, "warning", s.warning);
	json_set_count(o, "note", s.note);
	json_set_count(o, "suppressed", s.suppressed);
	if (r->baseline) {
		json_set_count(o, "new", s.new);
		json_set_count(o, "absent", s.absent);
	}
	json_set_count(o, "inputErrors", s.input_errors);
	json_set_count(o, "inputs", s.inputs);
	json_set_count(o, "bindings", s.bindings);
	json_set_count(o, "sites", s.sites);
	json_set_count(o, "certificates", s.certs);
	return o;
}

/* The hosts, each with the summary of its group. */
static json_t *hosts_json(const struct report *r)
{
	json_t *arr = json_must(json_array());
	struct report_groups groups;

	report_groups_init(&groups, r);
	for (size_t k = 1; k < groups.nr; k++) {
		const struct report_host *h = groups.group[k].host;
		json_t *o = json_must(json_object());
		json_set_str(o, "name", h->name);
		json_set_str(o, "path", h->path);
		json_set(o, "failed", json_boolean(h->failed));
		json_set(o, "summary", summary_json(r, &groups.group[k]));
		json_append(arr, o);
	}
	report_groups_release(&groups);
	return arr;
}

int report_json(const struct report *r, FILE *out)
{
	json_t *doc = json_must(json_object());
	int ret = 0;

	json_set_count(doc, "version", 1);
	json_set(doc, "tool", tool_json(r));
	json_set_str(doc, "configuration", r->config_path);
	json_set_str(doc, "failOn", r->fail_on_name);
	json_set_str(doc, "shard", r->shard);
	report_set_time_reference(doc, r);
	json_set(doc, "inputs", inputs_json(r));
	json_set(doc, "findings", findings_json(r));
	json_set(doc, "errors", errors_json(r));
	json_set(doc, "notRun", not_run_json(r));
	json_set(doc, "summary", summary_json(r, NULL));
	if (r->fleet)
		json_set(doc, "hosts", hosts_json(r));

	if (json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER))
		ret = -1;
	json_decref(doc);
	fputc('\n', out);
	if (fflush(out) || ferror(out))
		ret = -1;
	return ret;
}

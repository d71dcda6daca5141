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
		json_set_str(o, "path", f->path);
		json_set_str(o, "kind", input_kind_name(f->kind));
		json_set_str(o, "encoding", f->encoding);
		json_set_count(o, "bytes", f->bytes);
		if (f->skipped)
			json_set(o, "skipped", json_true());
		json_append(arr, o);
	}
	return arr;
}

static json_t *finding_json(const struct diag *d)
{
	json_t *o = json_must(json_object());
	char fp[17];

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
			json_append(arr, finding_json(r->findings->items[i]));
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
		json_set_str(o, "ruleId", r->not_run[i].rule_id);
		json_set_str(o, "rule", r->not_run[i].rule_name);
		json_set_str(o, "reason", r->not_run[i].reason);
		json_append(arr, o);
	}
	return arr;
}

static size_t count(const struct diag_list *list, enum severity level)
{
	return list ? diag_list_count(list, level) : 0;
}

/*
 * Findings that count, as in the text report: at `level`, not
 * suppressed, not gone since the baseline.  With level SEV_NONE: the
 * suppressed ones (suppressed = 1) or those in baseline state `state`.
 */
static size_t count_findings(const struct diag_list *list, enum severity level,
			     int suppressed, enum baseline_state state)
{
	size_t n = 0;
	for (size_t i = 0; list && i < list->nr; i++) {
		const struct diag *d = list->items[i];
		if (level != SEV_NONE)
			n += d->level == level && !d->suppressed && d->baseline != BASELINE_ABSENT;
		else if (suppressed)
			n += d->suppressed != NULL;
		else
			n += d->baseline == state && !d->suppressed;
	}
	return n;
}

static json_t *summary_json(const struct report *r)
{
	json_t *o = json_must(json_object());
	size_t nr_read = 0;

	for (size_t i = 0; i < r->nr_files; i++)
		nr_read += !r->files[i].skipped;
	json_set_count(o, "error", count_findings(r->findings, SEV_ERROR, 0, BASELINE_NONE));
	json_set_count(o, "warning", count_findings(r->findings, SEV_WARNING, 0, BASELINE_NONE));
	json_set_count(o, "note", count_findings(r->findings, SEV_NOTE, 0, BASELINE_NONE));
	json_set_count(o, "suppressed", count_findings(r->findings, SEV_NONE, 1, BASELINE_NONE));
	if (r->baseline) {
		json_set_count(o, "new", count_findings(r->findings, SEV_NONE, 0, BASELINE_NEW));
		json_set_count(o, "absent", count_findings(r->findings, SEV_NONE, 0, BASELINE_ABSENT));
	}
	json_set_count(o, "inputErrors", count(r->inputs, SEV_ERROR));
	json_set_count(o, "inputs", nr_read);
	json_set_count(o, "bindings", r->nr_bindings);
	json_set_count(o, "sites", r->nr_sites);
	json_set_count(o, "certificates", r->nr_certs);
	return o;
}

int report_json(const struct report *r, FILE *out)
{
	json_t *doc = json_must(json_object());
	int ret = 0;

	json_set_count(doc, "version", 1);
	json_set(doc, "tool", tool_json(r));
	json_set_str(doc, "timeReference", r->now_source ? r->now_source : "clock");
	json_set(doc, "inputs", inputs_json(r));
	json_set(doc, "findings", findings_json(r));
	json_set(doc, "errors", errors_json(r));
	json_set(doc, "notRun", not_run_json(r));
	json_set(doc, "summary", summary_json(r));

	if (json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER))
		ret = -1;
	json_decref(doc);
	fputc('\n', out);
	if (fflush(out) || ferror(out))
		ret = -1;
	return ret;
}

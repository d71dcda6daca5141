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

#include "report.h"
#include "util.h"

static json_t *must(json_t *v)
{
	if (!v)
		BUG("jansson: out of memory");
	return v;
}

static void set(json_t *obj, const char *key, json_t *v)
{
	if (json_object_set_new(obj, key, must(v)))
		BUG("jansson: json_object_set_new failed");
}

static void append(json_t *arr, json_t *v)
{
	if (json_array_append_new(arr, must(v)))
		BUG("jansson: json_array_append_new failed");
}

/* Length of the valid UTF-8 sequence at s (as Jansson checks it), or 0. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/* A JSON string of s, with invalid UTF-8 bytes replaced by U+FFFD. */
static json_t *jstr(const char *s)
{
	json_t *v = json_string(s);
	if (v)
		return v;

	const unsigned char *p = (const unsigned char *)s;
	char *buf = xmalloc(strlen(s) * 3 + 1), *q = buf;
	while (*p) {
		size_t n = utf8_len(p);
		if (n) {
			memcpy(q, p, n);
			q += n;
			p += n;
		} else {
			memcpy(q, "\xef\xbf\xbd", 3);
			q += 3;
			p++;
		}
	}
	*q = '\0';
	v = json_string(buf);
	free(buf);
	return v;
}

static void set_str(json_t *obj, const char *key, const char *s)
{
	if (s)
		set(obj, key, jstr(s));
}

static void set_count(json_t *obj, const char *key, size_t n)
{
	set(obj, key, json_integer((json_int_t)n));
}

/* path, line, column of loc into obj, leaving out what is unknown */
static void set_where(json_t *obj, const struct srcloc *loc)
{
	set_str(obj, "path", loc->file);
	if (loc->line) {
		set_count(obj, "line", loc->line);
		if (loc->col)
			set_count(obj, "column", loc->col);
	}
}

static json_t *tool_json(const struct report *r)
{
	json_t *tool = must(json_object());
	set_str(tool, "name", "sslcertlint");
	set_str(tool, "version", r->tool_version ? r->tool_version : "unknown");
	return tool;
}

static json_t *inputs_json(const struct report *r)
{
	json_t *arr = must(json_array());
	for (size_t i = 0; i < r->nr_files; i++) {
		const struct input_file *f = &r->files[i];
		json_t *o = must(json_object());
		set_str(o, "path", f->path);
		set_str(o, "kind", input_kind_name(f->kind));
		set_str(o, "encoding", f->encoding);
		set_count(o, "bytes", f->bytes);
		if (f->skipped)
			set(o, "skipped", json_true());
		append(arr, o);
	}
	return arr;
}

static json_t *finding_json(const struct diag *d)
{
	json_t *o = must(json_object());
	char fp[17];

	set_str(o, "ruleId", d->rule_id);
	set_str(o, "rule", d->rule_name);
	set_str(o, "level", severity_name(d->level));
	set_str(o, "message", d->message);
	if (d->loc.file) {
		json_t *loc = must(json_object());
		set_where(loc, &d->loc);
		set_str(loc, "logicalPath", d->loc.path);
		set(o, "location", loc);
	}

	json_t *related = must(json_array());
	for (size_t i = 0; i < d->nr_related; i++) {
		json_t *rel = must(json_object());
		set_where(rel, &d->related[i].loc);
		set_str(rel, "message", d->related[i].message);
		append(related, rel);
	}
	set(o, "related", related);

	set_str(o, "key", d->key);
	report_fingerprint(d, fp);
	set_str(o, "fingerprint", fp);
	set_str(o, "fix", d->fix);
	if (d->suppressed) {
		json_t *sup = must(json_object());
		set_str(sup, "reason", d->suppressed);
		set(o, "suppressed", sup);
	}
	static const char *const states[] = {
		[BASELINE_NEW] = "new", [BASELINE_UNCHANGED] = "unchanged",
		[BASELINE_UPDATED] = "updated", [BASELINE_ABSENT] = "absent",
	};
	if (d->baseline != BASELINE_NONE)
		set_str(o, "baselineState", states[d->baseline]);
	return o;
}

static json_t *findings_json(const struct report *r)
{
	json_t *arr = must(json_array());
	if (r->findings)
		for (size_t i = 0; i < r->findings->nr; i++)
			append(arr, finding_json(r->findings->items[i]));
	return arr;
}

static json_t *errors_json(const struct report *r)
{
	json_t *arr = must(json_array());
	if (!r->inputs)
		return arr;
	for (size_t i = 0; i < r->inputs->nr; i++) {
		const struct diag *d = r->inputs->items[i];
		json_t *o = must(json_object());
		set_str(o, "level", severity_name(d->level));
		set_str(o, "id", d->rule_id);
		set_str(o, "message", d->message);
		set_where(o, &d->loc);
		append(arr, o);
	}
	return arr;
}

static json_t *not_run_json(const struct report *r)
{
	json_t *arr = must(json_array());
	for (size_t i = 0; i < r->nr_not_run; i++) {
		json_t *o = must(json_object());
		set_str(o, "ruleId", r->not_run[i].rule_id);
		set_str(o, "rule", r->not_run[i].rule_name);
		set_str(o, "reason", r->not_run[i].reason);
		append(arr, o);
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
	json_t *o = must(json_object());
	size_t nr_read = 0;

	for (size_t i = 0; i < r->nr_files; i++)
		nr_read += !r->files[i].skipped;
	set_count(o, "error", count_findings(r->findings, SEV_ERROR, 0, BASELINE_NONE));
	set_count(o, "warning", count_findings(r->findings, SEV_WARNING, 0, BASELINE_NONE));
	set_count(o, "note", count_findings(r->findings, SEV_NOTE, 0, BASELINE_NONE));
	set_count(o, "suppressed", count_findings(r->findings, SEV_NONE, 1, BASELINE_NONE));
	if (r->baseline) {
		set_count(o, "new", count_findings(r->findings, SEV_NONE, 0, BASELINE_NEW));
		set_count(o, "absent", count_findings(r->findings, SEV_NONE, 0, BASELINE_ABSENT));
	}
	set_count(o, "inputErrors", count(r->inputs, SEV_ERROR));
	set_count(o, "inputs", nr_read);
	set_count(o, "bindings", r->nr_bindings);
	set_count(o, "sites", r->nr_sites);
	set_count(o, "certificates", r->nr_certs);
	return o;
}

int report_json(const struct report *r, FILE *out)
{
	json_t *doc = must(json_object());
	int ret = 0;

	set_count(doc, "version", 1);
	set(doc, "tool", tool_json(r));
	set_str(doc, "timeReference", r->now_source ? r->now_source : "clock");
	set(doc, "inputs", inputs_json(r));
	set(doc, "findings", findings_json(r));
	set(doc, "errors", errors_json(r));
	set(doc, "notRun", not_run_json(r));
	set(doc, "summary", summary_json(r));

	if (json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER))
		ret = -1;
	json_decref(doc);
	fputc('\n', out);
	if (fflush(out) || ferror(out))
		ret = -1;
	return ret;
}

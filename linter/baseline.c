#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "decode.h"
#include "readfile.h"
#include "report.h"
#include "rule.h"
#include "sarif_text.h"
#include "util.h"

#define BASELINE_ID "baseline"
#define BASELINE_MAX_BYTES ((size_t)512 * 1024 * 1024)
#define BASELINE_MAX_TEXT "512 MiB"
#define SARIF_FINGERPRINT "sslcertlintFingerprint/v1"

void baseline_init(struct baseline *b)
{
	memset(b, 0, sizeof(*b));
	arena_init(&b->arena);
	strmap_init(&b->by_fingerprint);
}

void baseline_release(struct baseline *b)
{
	strmap_release(&b->by_fingerprint);
	free(b->entries);
	arena_release(&b->arena);
}

static const char *str_or_null(struct arena *a, json_t *v)
{
	return json_is_string(v) ? arena_strdup(a, json_string_value(v)) : NULL;
}

/* The longest line an input may have a finding on; a larger one is the baseline's invention. */
#define BASELINE_MAX_LINE 100000000u
/* Longer texts are cut: a baseline's message, key or host is printed again. */
#define BASELINE_MAX_TEXT_BYTES 4096

/* What a hostile or broken baseline had that was not kept, for one warning each. */
struct dropped {
	size_t entries;          /* unknown rule, malformed fingerprint */
	size_t locations;        /* a path outside the snapshot, a line out of range */
};

static int fingerprint_ok(const char *fp)
{
	if (strlen(fp) != 16)
		return 0;
	for (const char *p = fp; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	return 1;
}

/*
 * Whether a path from a baseline may stand in a report: relative, no
 * ".." segment, no URI scheme or drive, no control character.  A report
 * of sslcertlint holds the paths it was given, so an absolute one is
 * possible; it is dropped all the same, as a baseline must not lead the
 * reader (or a SARIF viewer) to a file outside the snapshot.
 */
static int path_ok(const char *path)
{
	if (!*path || path[0] == '/' || path[0] == '\\' || strchr(path, ':'))
		return 0;
	for (const char *p = path; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
		if ((p == path || p[-1] == '/' || p[-1] == '\\') && p[0] == '.' && p[1] == '.' &&
		    (!p[2] || p[2] == '/' || p[2] == '\\'))
			return 0;
	}
	return 1;
}

static const char *cut(struct arena *a, const char *s)
{
	if (!s || strlen(s) <= BASELINE_MAX_TEXT_BYTES)
		return s;
	size_t n = BASELINE_MAX_TEXT_BYTES;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;            /* at a UTF-8 character boundary */
	return arena_strfmt(a, "%.*s...", (int)n, s);
}

/*
 * Keeps entry e when it is one sslcertlint could have written: a known
 * rule and a fingerprint of 16 hex digits; a path or line that could not
 * be is dropped from it.  Texts are cut to BASELINE_MAX_TEXT_BYTES.
 */
static void add(struct baseline *b, size_t *alloc, struct baseline_entry *e, struct dropped *dr)
{
	const struct rule *rule = rule_find(e->rule_id);
	if (!rule || strcmp(rule->id, e->rule_id) || !fingerprint_ok(e->fingerprint)) {
		dr->entries++;
		return;
	}
	e->rule_name = rule->name;
	if ((e->path && !path_ok(e->path)) || e->line > BASELINE_MAX_LINE) {
		dr->locations++;
		e->path = NULL;
		e->line = 0;
	}
	e->message = cut(&b->arena, e->message);
	e->key = cut(&b->arena, e->key);
	e->host = cut(&b->arena, e->host);
	ALLOC_GROW(b->entries, b->nr + 1, *alloc);
	b->entries[b->nr++] = *e;
}

/* A SARIF message's text as sslcertlint's report_sarif.c escaped it, back to the finding's message. */
static const char *sarif_unescape(struct arena *a, json_t *v)
{
	if (!json_is_string(v))
		return NULL;
	char *s = sarif_text_unescape(json_string_value(v));
	const char *out = arena_strdup(a, s);
	free(s);
	return out;
}

/*
 * A line number from a report: 0 when there is none; UINT32_MAX, which
 * add() drops, for anything but an integer from 1 to UINT32_MAX.
 */
static uint32_t line_of(json_t *v)
{
	if (!v || json_is_null(v))
		return 0;
	json_int_t n = json_is_integer(v) ? json_integer_value(v) : 0;
	return n >= 1 && n <= (json_int_t)UINT32_MAX ? (uint32_t)n : UINT32_MAX;
}

/* A SARIF artifact URI back to the path the report was made from: %XX decoded, file:// dropped. */
static const char *uri_to_path(struct arena *a, json_t *v)
{
	if (!json_is_string(v))
		return NULL;
	const char *u = json_string_value(v);
	if (!strncmp(u, "file://", 7))
		u += 7;
	char *p = arena_strdup(a, u), *o = p;
	for (const char *s = u; *s; s++) {
		int hi, lo;
		if (*s == '%' && (hi = hex_digit(s[1])) >= 0 && (lo = hex_digit(s[2])) >= 0) {
			*o++ = (char)(hi << 4 | lo);
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return p;
}

/* One of this tool's JSON reports: {"findings": [{"fingerprint", "ruleId", ...}]} */
static int read_json_report(struct baseline *b, json_t *doc, size_t *alloc, struct dropped *dr)
{
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(doc, "findings"), i, f) {
		struct baseline_entry e = { 0 };
		e.fingerprint = str_or_null(&b->arena, json_object_get(f, "fingerprint"));
		e.rule_id = str_or_null(&b->arena, json_object_get(f, "ruleId"));
		e.rule_name = str_or_null(&b->arena, json_object_get(f, "rule"));
		e.message = str_or_null(&b->arena, json_object_get(f, "message"));
		e.key = str_or_null(&b->arena, json_object_get(f, "key"));
		e.host = str_or_null(&b->arena, json_object_get(f, "host"));
		json_t *state = json_object_get(f, "baselineState");
		if (!e.fingerprint || !e.rule_id ||
		    (json_is_string(state) && !strcmp(json_string_value(state), "absent")))
			continue;
		int level = severity_parse(json_string_value(json_object_get(f, "level")) ?
					   json_string_value(json_object_get(f, "level")) : "");
		e.level = level > 0 ? (enum severity)level : SEV_WARNING;
		json_t *loc = json_object_get(f, "location");
		e.path = str_or_null(&b->arena, json_object_get(loc, "path"));
		e.line = line_of(json_object_get(loc, "line"));
		add(b, alloc, &e, dr);
	}
	return 0;
}

/* The logicalLocation of a result's key: not the "module" a fleet report adds for the host. */
static json_t *sarif_key_location(json_t *location)
{
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(location, "logicalLocations"), i, l) {
		const char *kind = json_string_value(json_object_get(l, "kind"));
		if (!kind || strcmp(kind, "module"))
			return l;
	}
	return NULL;
}

/* A SARIF log of this tool: runs[0].results[] with our partialFingerprints entry. */
static int read_sarif(struct baseline *b, json_t *doc, size_t *alloc, struct dropped *dr)
{
	json_t *run = json_array_get(json_object_get(doc, "runs"), 0);
	json_t *rules = json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules");
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(run, "results"), i, r) {
		struct baseline_entry e = { 0 };
		e.fingerprint = str_or_null(&b->arena, json_object_get(json_object_get(r, "partialFingerprints"),
									   SARIF_FINGERPRINT));
		e.rule_id = str_or_null(&b->arena, json_object_get(r, "ruleId"));
		e.message = sarif_unescape(&b->arena, json_object_get(json_object_get(r, "message"), "text"));
		json_t *loc0 = json_array_get(json_object_get(r, "locations"), 0);
		e.key = str_or_null(&b->arena, json_object_get(sarif_key_location(loc0), "fullyQualifiedName"));
		e.host = str_or_null(&b->arena, json_object_get(json_object_get(r, "properties"), "host"));
		json_t *state = json_object_get(r, "baselineState");
		if (!e.fingerprint || !e.rule_id ||
		    (json_is_string(state) && !strcmp(json_string_value(state), "absent")))
			continue;
		json_t *idx = json_object_get(r, "ruleIndex");
		if (json_is_integer(idx))
			e.rule_name = str_or_null(&b->arena, json_object_get(
				json_array_get(rules, (size_t)json_integer_value(idx)), "name"));
		const char *lv = json_string_value(json_object_get(r, "level"));
		int level = lv ? severity_parse(lv) : -1;
		e.level = level > 0 ? (enum severity)level : SEV_WARNING;
		json_t *pl = json_object_get(json_array_get(json_object_get(r, "locations"), 0),
					     "physicalLocation");
		e.path = uri_to_path(&b->arena, json_object_get(json_object_get(pl, "artifactLocation"), "uri"));
		e.line = line_of(json_object_get(json_object_get(pl, "region"), "startLine"));
		add(b, alloc, &e, dr);
	}
	return 0;
}

int baseline_load(struct baseline *b, const char *path, struct diag_list *inputs)
{
	const char *file = arena_strdup(&b->arena, path);
	struct srcloc loc = { file, 0, 0, NULL };
	unsigned char *buf;
	size_t n;
	const char *why = NULL;
	int rc = read_whole_file(path, 0, BASELINE_MAX_BYTES, &buf, &n, &why);
	if (rc == -1 && errno == ENOENT) {
		/* the first run of a pipeline: there is no earlier report yet */
		diag_input(inputs, BASELINE_ID, SEV_WARNING, &loc,
			   "no baseline yet: every finding counts as new");
		return 0;
	}
	if (rc) {
		diag_input(inputs, BASELINE_ID, SEV_ERROR, &loc, "cannot read the baseline: %s",
			   why ? why : "larger than " BASELINE_MAX_TEXT);
		return 1;
	}
	struct text t;
	struct decode_result res;
	text_decode(buf, n, &t, &res);
	free(buf);

	json_error_t err;
	json_t *doc = json_loadb(t.buf, t.len, 0, &err);
	text_release(&t);
	if (!doc) {
		loc.line = err.line > 0 ? (uint32_t)err.line : 1;
		diag_input(inputs, BASELINE_ID, SEV_ERROR, &loc, "malformed JSON in the baseline: %s", err.text);
		return 1;
	}
	size_t alloc = 0;
	rc = 0;
	struct dropped dr = { 0, 0 };
	if (json_is_array(json_object_get(doc, "runs"))) {
		read_sarif(b, doc, &alloc, &dr);
	} else if (json_is_array(json_object_get(doc, "findings"))) {
		read_json_report(b, doc, &alloc, &dr);
	} else {
		loc.line = 1;
		diag_input(inputs, BASELINE_ID, SEV_ERROR, &loc,
			   "not a report of sslcertlint: expected its JSON report (\"findings\") or SARIF (\"runs\")");
		rc = 1;
	}
	json_decref(doc);
	if (dr.entries)
		diag_input(inputs, BASELINE_ID, SEV_WARNING, &loc,
			   "%zu baseline entr%s ignored: not a rule of sslcertlint, or no fingerprint of "
			   "16 hex digits", dr.entries, dr.entries == 1 ? "y" : "ies");
	if (dr.locations)
		diag_input(inputs, BASELINE_ID, SEV_WARNING, &loc,
			   "%zu baseline location%s dropped: a path outside the snapshot (absolute, "
			   "\"..\", a URI) or a line out of range", dr.locations,
			   dr.locations == 1 ? "" : "s");
	/* chain entries of one fingerprint: a rule may report one key more than once */
	for (size_t i = b->nr; i-- > 0;) {
		struct baseline_entry *e = &b->entries[i];
		e->next = strmap_put(&b->by_fingerprint, e->fingerprint, e);
	}
	return rc;
}

void baseline_apply(struct baseline *b, struct diag_list *findings)
{
	size_t nr = findings->nr;
	for (size_t i = 0; i < nr; i++) {
		struct diag *d = findings->items[i];
		char fp[17];
		report_fingerprint(d, fp);
		struct baseline_entry *e = strmap_get(&b->by_fingerprint, fp);
		while (e && e->matched)
			e = e->next;
		if (!e) {
			d->baseline = BASELINE_NEW;
			continue;
		}
		e->matched = 1;
		d->baseline = e->level == d->level && e->message && !strcmp(e->message, d->message)
			? BASELINE_UNCHANGED : BASELINE_UPDATED;
	}
	for (size_t i = 0; i < b->nr; i++) {
		const struct baseline_entry *e = &b->entries[i];
		if (e->matched)
			continue;
		struct srcloc loc = { e->path, e->line, 0, NULL };
		struct diag *d = diag_input(findings, e->rule_id, e->level, e->path ? &loc : NULL,
					    "%s", e->message ? e->message : "");
		const struct rule *rule = rule_find(e->rule_id);
		d->rule_name = e->rule_name ? e->rule_name : rule ? rule->name : NULL;
		d->key = e->key;
		d->host = e->host;
		d->baseline = BASELINE_ABSENT;
	}
}

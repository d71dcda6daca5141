/*
 * The SARIF 2.1.0 report, for GitHub code scanning and SARIF viewers;
 * `../shared/tools/check-sarif` (the OASIS schema plus the Microsoft
 * SARIF Multitool with the GitHub rules) passes it without errors.
 *
 * One run:
 *
 *   tool.driver        name, version, informationUri, and the whole rule
 *                      table: descriptions, the rule's Markdown doc as
 *                      help, helpUri, default level, tags, precision,
 *                      security-severity
 *   results            one per finding, in the report's (sorted) order:
 *                      ruleId + ruleIndex, level, message, one location,
 *                      relatedLocations, partialFingerprints, and when
 *                      set: properties.fix, suppressions, baselineState
 *   artifacts          every input that was read (skipped files are not
 *                      analysis targets and are left out); in fleet mode
 *                      each with its host in properties.host
 *   invocations[0]     executionSuccessful (no input error), a
 *                      toolExecutionNotification per input diagnostic and
 *                      per rule that did not run, and in properties the
 *                      configuration, failOn, baseline, timeReference(At)
 *                      (what `sslcertlint merge` checks shards agree on)
 *   originalUriBaseIds %SRCROOT%: the root (r->sarif_root: the working
 *                      directory, or --sarif-root) as a file:// URI
 *                      ending in '/' (SARIF 3.14.14)
 *   automationDetails  when r->automation_id is set
 *   columnKind         unicodeCodePoints (srcloc.h)
 *   properties.hosts   fleet mode: the host names, in order; and
 *                      properties.shard, a --shard run's "K/N"
 *
 * Fleet mode keeps one run, over every host's files: each result and
 * each notification of a host has properties.host, and a result has its
 * host as a logicalLocation of kind "module" after its key's "resource";
 * its fingerprint includes the host (report_fingerprint()), so the same
 * problem on two servers is two results to code scanning.  A finding
 * without a file points at its host's first input.
 *
 * Locations: a path below the root (made absolute against the working
 * directory, then "." and ".." folded lexically, pathname.h) is written
 * as a URI relative to it with uriBaseId %SRCROOT% (forward slashes,
 * percent-encoded where a URI needs it), so "./x", "d/../x" and
 * "$PWD/x" are one URI; any other path as an absolute file:// URI
 * without a uriBaseId.  GitHub code scanning reads relative URIs as
 * relative to the repository's root, and turns absolute ones below its
 * checkout path into relative ones; others it keeps as they are, in no
 * file of the repository (the Multitool's GH1006 rejects a result
 * there): lint from the checkout, or give --sarif-root.  A result's
 * region always has startLine (1 when the line is unknown: GitHub
 * rejects a result without it) and startColumn only when the column is
 * known (STYLE R3: never 0).
 * A notification's region is left out when the line is unknown.  GitHub
 * needs a file on every result location, so a finding without a file (one
 * about the whole snapshot) points at line 1 of the first input, and
 * related notes without a file go to properties.relatedMessages.
 *
 * A finding's fix is a shell command, not an edit of the input, so it
 * cannot be a SARIF `fix` (which needs artifactChanges with replaced
 * regions); it goes to result.properties.fix.
 *
 * Output is deterministic: no timestamps, nothing from the environment
 * (the root and working directory come in the report), keys in
 * insertion order.  Strings that are not valid UTF-8 are written
 * with each bad byte replaced by U+FFFD, as in the JSON report.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_out.h"
#include "pathname.h"
#include "sarif_text.h"
#include "report.h"
#include "rule.h"
#include "rule_docs.h"
#include "strmap.h"
#include "util.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_VERSION "2.1.0"
/* the project's home; rule docs are at <this>/blob/main/rules/<stem>.md */
#define SSLCERTLINT_INFORMATION_URI "https://github.com/sslcertlint/sslcertlint"
#define SARIF_FINGERPRINT "sslcertlintFingerprint/v1"
#define SARIF_SRCROOT "%SRCROOT%"

/* {"text": s}: SARIF's message and multiformatMessageString */
static json_t *text_obj(const char *s)
{
	json_t *o = json_must(json_object());
	json_set_str(o, "text", s);
	return o;
}

/* {"text": s} for a message that quotes input text: no embedded link (sarif_text.h). */
static json_t *message_obj(const char *s)
{
	char *escaped = sarif_text_escape(s);
	json_t *o = text_obj(escaped);
	free(escaped);
	return o;
}

/* ---- URIs -------------------------------------------------------------- */

/* Characters a URI path may hold as they are (RFC 3986 pchar less ':', plus '/'). */
static int uri_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("-._~!$&'()*+,;=@/", c);
}

/* Appends the bytes of s to q, percent-encoding those outside uri_plain(); returns the end. */
static char *uri_encode(char *q, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (uri_plain(*p)) {
			*q++ = (char)*p;
		} else {
			*q++ = '%';
			*q++ = hex[*p >> 4];
			*q++ = hex[*p & 0xf];
		}
	}
	*q = '\0';
	return q;
}

/*
 * "file://" and the absolute path abs, percent-encoded, with a trailing
 * '/' when dir_slash (a uriBaseId's URI must end in one, SARIF 3.14.14);
 * malloc'd.
 */
static char *file_uri(const char *abs, int dir_slash)
{
	char *uri = xmalloc(strlen(abs) * 3 + sizeof("file:///"));
	char *q = uri_encode(uri + 7, abs);

	memcpy(uri, "file://", 7);
	if (dir_slash && q[-1] != '/') {
		*q++ = '/';
		*q = '\0';
	}
	return uri;
}

/*
 * The URI of a file path, malloc'd.  With r->sarif_root: relative to it
 * (*relative set) when the path, made absolute against r->cwd, is below
 * it, else an absolute file:// URI.  Without: a relative path stays
 * relative (cleaned), an absolute one becomes a file:// URI.  Every byte
 * outside uri_plain() is percent-encoded, ':' too, so a relative path's
 * first segment can never read as a scheme; UTF-8 is encoded byte by
 * byte, as RFC 3986 asks.
 */
static char *path_uri(const struct report *r, const char *path, int *relative)
{
	char *abs = NULL, *uri;
	const char *rel;

	if (r->sarif_root) {
		abs = path_absolute(path, r->cwd ? r->cwd : r->sarif_root);
		rel = path_below(abs, r->sarif_root);
	} else {
		abs = path_clean(path);
		rel = abs[0] == '/' ? NULL : abs;
	}
	*relative = rel != NULL;
	if (rel) {
		uri = xmalloc(strlen(rel) * 3 + 1);
		uri_encode(uri, rel);
	} else {
		uri = file_uri(abs, 0);
	}
	free(abs);
	return uri;
}

/*
 * artifactLocation of path: uri, uriBaseId when relative, and the index
 * into run.artifacts when the file is one (artifact_index: path -> index + 1).
 */
static json_t *artifact_location(const struct report *r, const char *path,
				 const struct strmap *artifact_index)
{
	json_t *o = json_must(json_object());
	int relative;
	char *uri = path_uri(r, path, &relative);

	json_set_str(o, "uri", uri);
	free(uri);
	if (relative)
		json_set_str(o, "uriBaseId", SARIF_SRCROOT);
	if (artifact_index) {
		uintptr_t i = (uintptr_t)strmap_get(artifact_index, path);
		if (i)
			json_set_count(o, "index", i - 1);
	}
	return o;
}

/*
 * physicalLocation of loc (which has a file).  A region with startLine
 * always when need_line (1 for an unknown line), else only when the line
 * is known; startColumn only with a known line and column.
 */
static json_t *physical_location(const struct report *r, const struct srcloc *loc,
				 const struct strmap *artifact_index, int need_line)
{
	json_t *o = json_must(json_object());

	json_set(o, "artifactLocation", artifact_location(r, loc->file, artifact_index));
	if (loc->line || need_line) {
		json_t *region = json_must(json_object());
		json_set_count(region, "startLine", loc->line ? loc->line : 1);
		if (loc->line && loc->col)
			json_set_count(region, "startColumn", loc->col);
		json_set(o, "region", region);
	}
	return o;
}

/* ---- rules ------------------------------------------------------------- */

static const char *sarif_level(enum severity level)
{
	switch (level) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	case SEV_NOTE:
		return "note";
	default:
		return "none";
	}
}

/*
 * GitHub's security-severity (0.0-10.0, as a string) for a default level.
 * Every rule checks TLS configuration, so every rule is tagged "security"
 * and gets one: error 8.0 (high), warning 5.0 (medium), note 2.0 (low).
 */
static const char *security_severity(enum severity level)
{
	switch (level) {
	case SEV_ERROR:
		return "8.0";
	case SEV_WARNING:
		return "5.0";
	default:
		return "2.0";
	}
}

/*
 * Rules whose findings may rest on an inference rather than a proof
 * (SCL003 judges "self-signed" from the names when a dump has no
 * RawData): precision "medium".  Every other rule is "high".
 *
 * NEEDSWORK: a precision field in struct rule would keep this with the
 * rule instead of here.
 */
static const char *const inferring_rules[] = {
	"root-store-not-self-signed",
};

static const char *rule_precision(const struct rule *rule)
{
	for (size_t i = 0; i < sizeof(inferring_rules) / sizeof(*inferring_rules); i++)
		if (!strcmp(rule->name, inferring_rules[i]))
			return "medium";
	return "high";
}

/* The rule's file stem: its name with '_' for '-' (malloc'd). */
static char *rule_stem(const char *name)
{
	char *stem = xstrdup(name);
	for (char *p = stem; *p; p++)
		if (*p == '-')
			*p = '_';
	return stem;
}

/*
 * The first paragraph under the doc's "## What" heading, its lines joined
 * by spaces (malloc'd); NULL when there is none.
 */
static char *doc_what(const char *doc)
{
	static const char heading[] = "## What\n";
	const char *p;

	if (!doc)
		return NULL;
	if (!strncmp(doc, heading, sizeof(heading) - 1))
		p = doc;
	else if ((p = strstr(doc, "\n" "## What\n")))
		p++;
	else
		return NULL;
	p += sizeof(heading) - 1;
	while (*p == '\n')
		p++;

	char *out = xmalloc(strlen(p) + 1), *q = out;
	while (*p && *p != '\n' && *p != '#') {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		if (q != out)
			*q++ = ' ';
		memcpy(q, p, n);
		q += n;
		p += n;
		if (*p)
			p++;
	}
	*q = '\0';
	if (q == out) {
		free(out);
		return NULL;
	}
	return out;
}

/* Markdown's emphasis and code marks (`**`, `` ` ``) dropped, for a plain-text copy. */
static char *markdown_plain(const char *md)
{
	char *out = xmalloc(strlen(md) + 1), *q = out;
	for (const char *p = md; *p; p++) {
		if (*p == '`' || (p[0] == '*' && p[1] == '*') || (p[0] == '*' && p > md && p[-1] == '*'))
			continue;
		*q++ = *p;
	}
	*q = '\0';
	return out;
}

static json_t *rule_tags(const struct rule *rule)
{
	json_t *tags = json_must(json_array());

	json_append(tags, json_string("security"));
	json_append(tags, json_string("tls"));
	json_append(tags, json_string("windows"));
	/* each need's tag (inputs.def) once, in the order of the needs */
	static const char *const need_tags[NEED_BITS_NR] = {
#define NEED(ID, tag, have, reason) [NEED_BIT_##ID] = tag,
#include "inputs.def"
	};
	for (unsigned i = 0; i < NEED_BITS_NR; i++) {
		int seen = 0;
		if (!(rule->needs & (1u << i)))
			continue;
		for (unsigned j = 0; j < i; j++)
			seen |= (rule->needs & (1u << j)) && !strcmp(need_tags[j], need_tags[i]);
		if (!seen)
			json_append(tags, json_string(need_tags[i]));
	}
	return tags;
}

static json_t *rule_json(const struct rule *rule)
{
	json_t *o = json_must(json_object());
	char *stem = rule_stem(rule->name);
	const char *doc = rule_doc(stem);
	char *what = doc_what(doc);

	json_set_str(o, "id", rule->id);
	json_set_str(o, "name", rule->name);
	json_set(o, "shortDescription", text_obj(rule->summary));

	json_t *full = json_must(json_object());
	if (what) {
		char *plain = markdown_plain(what);
		json_set_str(full, "text", plain);
		json_set_str(full, "markdown", what);
		free(plain);
	} else {
		json_set_str(full, "text", rule->summary);
	}
	json_set(o, "fullDescription", full);

	if (doc) {
		json_t *help = json_must(json_object());
		json_set_str(help, "text", doc);
		json_set_str(help, "markdown", doc);
		json_set(o, "help", help);
	}

	size_t len = strlen(SSLCERTLINT_INFORMATION_URI "/blob/main/rules/.md") + strlen(stem) + 1;
	char *uri = xmalloc(len);
	snprintf(uri, len, "%s/blob/main/rules/%s.md", SSLCERTLINT_INFORMATION_URI, stem);
	json_set_str(o, "helpUri", uri);
	free(uri);

	json_t *config = json_must(json_object());
	json_set_str(config, "level", sarif_level(rule->level));
	json_set(o, "defaultConfiguration", config);

	json_t *props = json_must(json_object());
	json_set(props, "tags", rule_tags(rule));
	json_set_str(props, "precision", rule_precision(rule));
	json_set_str(props, "security-severity", security_severity(rule->level));
	json_set(o, "properties", props);

	free(what);
	free(stem);
	return o;
}

static json_t *driver_json(const struct report *r)
{
	json_t *driver = json_must(json_object());

	json_set_str(driver, "name", "sslcertlint");
	json_set_str(driver, "version", r->tool_version ? r->tool_version : "unknown");
	if (r->tool_version)
		json_set_str(driver, "semanticVersion", r->tool_version);
	json_set_str(driver, "informationUri", SSLCERTLINT_INFORMATION_URI);
	json_t *rules = json_must(json_array());
	for (size_t i = 0; i < r->nr_rules; i++)
		json_append(rules, rule_json(r->rules[i]));
	json_set(driver, "rules", rules);
	return driver;
}

/* Index of rule id in r->rules, or -1. */
static long rule_index(const struct report *r, const char *id)
{
	if (id)
		for (size_t i = 0; i < r->nr_rules; i++)
			if (!strcmp(r->rules[i]->id, id))
				return (long)i;
	return -1;
}

/* ---- results ----------------------------------------------------------- */

/* report_first_input() of each group, found once (malloc'd). */
static const char **first_inputs(const struct report *r, const struct report_groups *groups)
{
	const char **first = xcalloc(groups->nr, sizeof(*first));

	for (size_t k = 0; k < groups->nr; k++)
		first[k] = report_first_input(r, &groups->group[k]);
	return first;
}

/* Where a finding of host without a file points (first: from first_inputs()). */
static const char *host_input(const struct report *r, const struct report_groups *groups,
			      const char *const *first, const char *host)
{
	const struct report_group *g = report_groups_find(groups, host);
	return g ? first[g - groups->group] : report_first_input(r, NULL);
}

static const char *baseline_name(enum baseline_state b)
{
	switch (b) {
	case BASELINE_NEW:
		return "new";
	case BASELINE_UNCHANGED:
		return "unchanged";
	case BASELINE_UPDATED:
		return "updated";
	case BASELINE_ABSENT:
		return "absent";
	default:
		return NULL;
	}
}

static json_t *logical_location(const char *name, const char *fqn, const char *kind)
{
	json_t *o = json_must(json_object());
	json_set_str(o, "name", name);
	json_set_str(o, "fullyQualifiedName", fqn);
	json_set_str(o, "kind", kind);
	return o;
}

/*
 * The finding's logical key (a "resource", first: baselines read it
 * there), then in fleet mode its host (a "module"); NULL when neither.
 */
static json_t *logical_locations(const struct report *r, const struct diag *d)
{
	const char *host = r->fleet ? d->host : NULL;
	if (!d->key && !host)
		return NULL;
	json_t *arr = json_must(json_array());
	if (d->key)
		json_append(arr, logical_location(NULL, d->key, "resource"));
	if (host)
		json_append(arr, logical_location(host, host, "module"));
	return arr;
}

/* obj.properties.host = host in fleet mode (a run-level entry has none). */
static void set_host_property(const struct report *r, json_t *obj, const char *host)
{
	if (!r->fleet || !host)
		return;
	json_t *props = json_object_get(obj, "properties");
	if (!props) {
		props = json_must(json_object());
		json_set(obj, "properties", props);
	}
	json_set_str(props, "host", host);
}

/* A finding; a finding without a file points at line 1 of input (see host_input()). */
static json_t *result_json(const struct report *r, const struct diag *d, const char *input,
			   const struct strmap *artifact_index)
{
	json_t *o = json_must(json_object());
	long idx = rule_index(r, d->rule_id);
	char fp[17];

	json_set_str(o, "ruleId", d->rule_id);
	if (idx >= 0)
		json_set_count(o, "ruleIndex", (size_t)idx);
	json_set_str(o, "level", sarif_level(d->level));
	json_set(o, "message", message_obj(d->message));

	/*
	 * GitHub rejects a result without a file location (GH1001, GH1015),
	 * so a finding about the whole snapshot points at its first input.
	 */
	struct srcloc where = d->loc;
	if (!where.file && input)
		where = (struct srcloc){ input, 1, 0, NULL };
	json_t *locations = json_must(json_array());
	json_t *logicals = logical_locations(r, d);
	if (where.file || logicals) {
		json_t *loc = json_must(json_object());
		if (where.file)
			json_set(loc, "physicalLocation", physical_location(r, &where, artifact_index, 1));
		if (logicals)
			json_set(loc, "logicalLocations", logicals);
		json_append(locations, loc);
	}
	json_set(o, "locations", locations);

	/*
	 * Related notes without a file are no SARIF location (GitHub wants
	 * an artifact URI on each, GH1001): they go to properties.relatedMessages.
	 */
	json_t *related = json_must(json_array()), *unlocated = json_must(json_array());
	for (size_t i = 0; i < d->nr_related; i++) {
		const struct diag_related *rel = &d->related[i];
		if (!rel->loc.file) {
			json_append(unlocated, json_str(rel->message));
			continue;
		}
		json_t *loc = json_must(json_object());
		json_set_count(loc, "id", json_array_size(related) + 1);
		json_set(loc, "physicalLocation", physical_location(r, &rel->loc, artifact_index, 1));
		json_set(loc, "message", message_obj(rel->message));
		json_append(related, loc);
	}
	if (json_array_size(related))
		json_set(o, "relatedLocations", related);
	else
		json_decref(related);

	json_t *fps = json_must(json_object());
	report_fingerprint(d, fp);
	json_set_str(fps, SARIF_FINGERPRINT, fp);
	json_set(o, "partialFingerprints", fps);

	if (d->suppressed) {
		json_t *sup = json_must(json_object());
		json_set_str(sup, "kind", "external");
		json_set_str(sup, "justification", d->suppressed);
		json_t *arr = json_must(json_array());
		json_append(arr, sup);
		json_set(o, "suppressions", arr);
	}
	json_set_str(o, "baselineState", baseline_name(d->baseline));

	if (d->fix || json_array_size(unlocated)) {
		json_t *props = json_must(json_object());
		json_set_str(props, "fix", d->fix);
		json_set_fix_shells(props, d);
		if (json_array_size(unlocated))
			json_set(props, "relatedMessages", json_incref(unlocated));
		json_set(o, "properties", props);
	}
	json_decref(unlocated);
	set_host_property(r, o, d->host);
	return o;
}

/* One result per finding, in the report's order. */
static json_t *results_json(const struct report *r, const struct strmap *artifact_index)
{
	json_t *results = json_must(json_array());
	struct report_groups groups;

	report_groups_init(&groups, r);
	const char **first = first_inputs(r, &groups);
	for (size_t i = 0; r->findings && i < r->findings->nr; i++) {
		const struct diag *d = r->findings->items[i];
		const char *input = host_input(r, &groups, first, d->host);
		json_append(results, result_json(r, d, input, artifact_index));
	}
	free(first);
	report_groups_release(&groups);
	return results;
}

/* ---- the run ----------------------------------------------------------- */

static json_t *artifacts_json(const struct report *r, struct strmap *artifact_index)
{
	json_t *arr = json_must(json_array());
	size_t n = 0;

	for (size_t i = 0; i < r->nr_files; i++) {
		const struct input_file *f = &r->files[i];
		if (f->skipped || strmap_get(artifact_index, f->path))
			continue;
		json_t *o = json_must(json_object());
		json_set(o, "location", artifact_location(r, f->path, NULL));
		json_set_count(o, "length", f->bytes);
		json_set_str(o, "encoding", f->encoding);
		json_t *roles = json_must(json_array());
		json_append(roles, json_string("analysisTarget"));
		json_set(o, "roles", roles);
		set_host_property(r, o, f->host);
		json_append(arr, o);
		strmap_put(artifact_index, f->path, (void *)(uintptr_t)++n);
	}
	return arr;
}

static json_t *notification_json(const struct report *r, enum severity level, const char *id,
				 const char *message, const struct srcloc *loc,
				 const struct strmap *artifact_index)
{
	json_t *o = json_must(json_object());
	json_t *desc = json_must(json_object());

	json_set_str(desc, "id", id);
	json_set(o, "descriptor", desc);
	json_set_str(o, "level", sarif_level(level));
	json_set(o, "message", message_obj(message));
	if (loc && loc->file) {
		json_t *l = json_must(json_object());
		json_set(l, "physicalLocation", physical_location(r, loc, artifact_index, 0));
		json_t *arr = json_must(json_array());
		json_append(arr, l);
		json_set(o, "locations", arr);
	}
	return o;
}

static json_t *invocation_json(const struct report *r, const struct strmap *artifact_index)
{
	json_t *inv = json_must(json_object());
	json_t *notes = json_must(json_array());
	int ok = 1;

	if (r->inputs)
		for (size_t i = 0; i < r->inputs->nr; i++) {
			const struct diag *d = r->inputs->items[i];
			if (d->level == SEV_ERROR)
				ok = 0;
			json_t *n = notification_json(r, d->level, d->rule_id, d->message,
						      &d->loc, artifact_index);
			set_host_property(r, n, d->host);
			json_append(notes, n);
		}
	for (size_t i = 0; i < r->nr_not_run; i++) {
		const struct not_run *nr = &r->not_run[i];
		json_t *n = notification_json(r, SEV_NOTE, nr->rule_id, nr->reason, NULL, NULL);
		long idx = rule_index(r, nr->rule_id);
		json_t *assoc = json_must(json_object());
		json_set_str(assoc, "id", nr->rule_id);
		if (idx >= 0)
			json_set_count(assoc, "index", (size_t)idx);
		json_set(n, "associatedRule", assoc);
		set_host_property(r, n, nr->host);
		json_append(notes, n);
	}

	json_set(inv, "executionSuccessful", json_boolean(ok));
	/*
	 * which configuration turned rules off or changed their level (its
	 * notes say how), and the options `sslcertlint merge` checks shards
	 * agree on
	 */
	json_t *props = json_must(json_object());
	json_set_str(props, "configuration", r->config_path);
	json_set_str(props, "failOn", r->fail_on_name);
	if (r->baseline)
		json_set(props, "baseline", json_true());
	if (r->now_source)
		report_set_time_reference(props, r);
	if (json_object_size(props))
		json_set(inv, "properties", props);
	else
		json_decref(props);
	if (json_array_size(notes))
		json_set(inv, "toolExecutionNotifications", notes);
	else
		json_decref(notes);
	return inv;
}

/* {"hosts": [name, ...], "shard": "K/N"}: the fleet's hosts, in order, and a --shard run's shard */
static json_t *hosts_property(const struct report *r)
{
	json_t *props = json_must(json_object());
	json_t *names = json_must(json_array());
	for (size_t i = 0; i < r->nr_hosts; i++)
		json_append(names, json_str(r->hosts[i].name));
	json_set(props, "hosts", names);
	json_set_str(props, "shard", r->shard);
	return props;
}

static json_t *run_json(const struct report *r)
{
	json_t *run = json_must(json_object());
	struct strmap artifact_index = STRMAP_INIT;

	json_t *tool = json_must(json_object());
	json_set(tool, "driver", driver_json(r));
	json_set(run, "tool", tool);

	if (r->automation_id) {
		json_t *auto_details = json_must(json_object());
		json_set_str(auto_details, "id", r->automation_id);
		json_set(run, "automationDetails", auto_details);
	}

	json_t *artifacts = artifacts_json(r, &artifact_index);

	json_t *invocations = json_must(json_array());
	json_append(invocations, invocation_json(r, &artifact_index));
	json_set(run, "invocations", invocations);

	json_t *bases = json_must(json_object());
	json_t *srcroot = json_must(json_object());
	if (r->sarif_root) {
		char *uri = file_uri(r->sarif_root, 1);
		json_set_str(srcroot, "uri", uri);
		free(uri);
	}
	json_set(srcroot, "description", text_obj("The root of the files linted (the working "
					      "directory, or --sarif-root): relative URIs are "
					      "relative to it."));
	json_set(bases, SARIF_SRCROOT, srcroot);
	json_set(run, "originalUriBaseIds", bases);

	json_set(run, "artifacts", artifacts);

	json_set(run, "results", results_json(r, &artifact_index));

	json_set_str(run, "columnKind", "unicodeCodePoints");
	if (r->fleet)
		json_set(run, "properties", hosts_property(r));
	strmap_release(&artifact_index);
	return run;
}

int report_sarif(const struct report *r, FILE *out)
{
	json_t *doc = json_must(json_object());
	int ret = 0;

	json_set_str(doc, "$schema", SARIF_SCHEMA);
	json_set_str(doc, "version", SARIF_VERSION);
	json_t *runs = json_must(json_array());
	json_append(runs, run_json(r));
	json_set(doc, "runs", runs);

	if (json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER))
		ret = -1;
	json_decref(doc);
	fputc('\n', out);
	if (fflush(out) || ferror(out))
		ret = -1;
	return ret;
}

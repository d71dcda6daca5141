/*
 * The SARIF report (report_sarif.c) read back into the pieces of struct
 * report, as far as SARIF keeps them (report_read.h): a URI relative to
 * %SRCROOT% back to the relative path, a file:// URI to its absolute
 * path, a message's escapes undone (sarif_text.h).
 */
#include <stdlib.h>
#include <string.h>

#include "pathname.h"
#include "report_read.h"
#include "rule.h"
#include "sarif_text.h"
#include "util.h"

#define SARIF_SRCROOT "%SRCROOT%"
#define SARIF_FINGERPRINT "sslcertlintFingerprint/v1"

/* s with %XX decoded, in d's arena; NULL when a '%' is not followed by two hex digits or decodes to NUL. */
static const char *uri_decode(struct report_doc *d, const char *s)
{
	char *out = arena_strdup(&d->arena, s), *w = out;
	for (; *s; s++) {
		int hi, lo;
		if (*s != '%') {
			*w++ = *s;
			continue;
		}
		if ((hi = hex_digit(s[1])) < 0 || (lo = hex_digit(s[2])) < 0 || !(hi | lo))
			return NULL;
		*w++ = (char)(hi << 4 | lo);
		s += 2;
	}
	*w = '\0';
	return out;
}

/* The path of an artifactLocation: relative to %SRCROOT%, or a file:// URI's; NULL when neither. */
static const char *location_path(struct report_doc *d, json_t *al)
{
	const char *uri = json_string_value(json_object_get(al, "uri"));
	const char *base = json_string_value(json_object_get(al, "uriBaseId"));

	if (!uri)
		return NULL;
	if (base)
		return strcmp(base, SARIF_SRCROOT) ? NULL : uri_decode(d, uri);
	if (!strncmp(uri, "file:///", 8))
		return uri_decode(d, uri + 7);
	/* a report written without a root: relative paths were relative URIs */
	return strchr(uri, ':') ? NULL : uri_decode(d, uri);
}

/* A physicalLocation into loc: 0, or -1 when malformed. */
static int read_physical(struct report_doc *d, json_t *pl, struct srcloc *loc)
{
	json_t *region = json_object_get(pl, "region");
	uint64_t v;
	int rc;

	*loc = (struct srcloc)SRCLOC_INIT;
	if (!(loc->file = location_path(d, json_object_get(pl, "artifactLocation"))))
		return -1;
	if ((rc = report_doc_count(region, "startLine", UINT32_MAX, &v)) < 0)
		return -1;
	loc->line = rc ? 0 : (uint32_t)v;
	if ((rc = report_doc_count(region, "startColumn", UINT32_MAX, &v)) < 0)
		return -1;
	loc->col = rc ? 0 : (uint32_t)v;
	return 0;
}

/* A message object's text, its escapes undone, in d's arena; NULL when there is none. */
static const char *message_text(struct report_doc *d, json_t *message)
{
	const char *s = json_string_value(json_object_get(message, "text"));
	if (!s)
		return NULL;
	char *plain = sarif_text_unescape(s);
	const char *out = arena_strdup(&d->arena, plain);
	free(plain);
	return out;
}

static const char *host_of(struct report_doc *d, json_t *obj)
{
	return report_doc_str(d, json_object_get(obj, "properties"), "host");
}

static int read_result(struct report_doc *d, json_t *o, size_t i, const char **why)
{
	const char *id = report_doc_str(d, o, "ruleId");
	const char *message = message_text(d, json_object_get(o, "message"));
	json_t *loc0 = json_array_get(json_object_get(o, "locations"), 0);
	json_t *pl = json_object_get(loc0, "physicalLocation");
	json_t *props = json_object_get(o, "properties");
	struct srcloc loc = SRCLOC_INIT;
	enum severity level;

	if (!id || !message || report_doc_level(json_string_value(json_object_get(o, "level")), &level))
		return report_doc_fail(d, why, "result %zu: no ruleId, message or level", i + 1);
	if (pl && read_physical(d, pl, &loc))
		return report_doc_fail(d, why, "result %zu: malformed location", i + 1);

	struct diag *f = diag_input(&d->findings, id, level, pl ? &loc : NULL, "%s", message);
	const struct rule *rule = rule_find(id);
	f->rule_name = rule ? rule->name : NULL;
	f->host = host_of(d, o);
	size_t j;
	json_t *l;
	json_array_foreach(json_object_get(loc0, "logicalLocations"), j, l) {
		const char *kind = json_string_value(json_object_get(l, "kind"));
		if (kind && !strcmp(kind, "resource"))
			f->key = report_doc_str(d, l, "fullyQualifiedName");
	}
	f->fix = report_doc_str(d, props, "fix");
	if (f->fix && report_doc_fix_shell(json_object_get(props, "fixShells"), &f->fix_shell))
		return report_doc_fail(d, why, "result %zu: unknown fixShells", i + 1);
	f->suppressed = report_doc_str(d, json_array_get(json_object_get(o, "suppressions"), 0),
				       "justification");
	if (report_doc_baseline_state(json_string_value(json_object_get(o, "baselineState")), &f->baseline))
		return report_doc_fail(d, why, "result %zu: unknown baselineState", i + 1);

	/* the related notes with a file, then those without (the reporter keeps them apart) */
	json_array_foreach(json_object_get(o, "relatedLocations"), j, l) {
		struct srcloc rloc;
		const char *msg = message_text(d, json_object_get(l, "message"));
		if (!msg || read_physical(d, json_object_get(l, "physicalLocation"), &rloc))
			return report_doc_fail(d, why, "result %zu: malformed related location %zu", i + 1, j + 1);
		diag_add_related(&d->findings, f, &rloc, "%s", msg);
	}
	json_array_foreach(json_object_get(props, "relatedMessages"), j, l) {
		struct srcloc none = SRCLOC_INIT;
		if (!json_is_string(l))
			return report_doc_fail(d, why, "result %zu: malformed related message %zu", i + 1, j + 1);
		char *plain = sarif_text_unescape(json_string_value(l));
		diag_add_related(&d->findings, f, &none, "%s", plain);
		free(plain);
	}

	const char *fp = json_string_value(json_object_get(json_object_get(o, "partialFingerprints"),
							   SARIF_FINGERPRINT));
	return report_doc_check_fingerprint(d, why, f, fp, "result", i + 1);
}

static int read_notifications(struct report_doc *d, json_t *arr, const char **why)
{
	size_t i;
	json_t *o;

	d->not_run = xcalloc(json_array_size(arr) + 1, sizeof(*d->not_run));
	json_array_foreach(arr, i, o) {
		const char *message = message_text(d, json_object_get(o, "message"));
		json_t *assoc = json_object_get(o, "associatedRule");
		if (!message)
			return report_doc_fail(d, why, "notification %zu: no message", i + 1);
		if (assoc) {
			struct not_run *nr = &d->not_run[d->nr_not_run++];
			const struct rule *rule;
			nr->rule_id = report_doc_str(d, assoc, "id");
			if (!nr->rule_id)
				return report_doc_fail(d, why, "notification %zu: no rule id", i + 1);
			rule = rule_find(nr->rule_id);
			nr->rule_name = rule ? rule->name : NULL;
			nr->reason = message;
			nr->host = host_of(d, o);
			continue;
		}
		const char *id = report_doc_str(d, json_object_get(o, "descriptor"), "id");
		json_t *pl = json_object_get(json_array_get(json_object_get(o, "locations"), 0),
					     "physicalLocation");
		struct srcloc loc = SRCLOC_INIT;
		enum severity level;
		if (!id || report_doc_level(json_string_value(json_object_get(o, "level")), &level) ||
		    (pl && read_physical(d, pl, &loc)))
			return report_doc_fail(d, why, "notification %zu: malformed", i + 1);
		struct diag *e = diag_input(&d->inputs, id, level, &loc, "%s", message);
		e->host = host_of(d, o);
	}
	return 0;
}

static int read_artifacts(struct report_doc *d, json_t *arr, const char **why)
{
	size_t i;
	json_t *o;

	d->files = xcalloc(json_array_size(arr) + 1, sizeof(*d->files));
	json_array_foreach(arr, i, o) {
		struct input_file *f = &d->files[d->nr_files++];
		uint64_t bytes = 0;
		f->path = location_path(d, json_object_get(o, "location"));
		if (!f->path || report_doc_count(o, "length", SIZE_MAX, &bytes) < 0)
			return report_doc_fail(d, why, "artifact %zu: malformed", i + 1);
		f->bytes = (size_t)bytes;
		f->encoding = report_doc_str(d, o, "encoding");
		f->host = host_of(d, o);
	}
	return 0;
}

/* %SRCROOT%'s file:///.../ URI back to the folder. */
static int read_root(struct report_doc *d, json_t *run, const char **why)
{
	json_t *root = json_object_get(json_object_get(run, "originalUriBaseIds"), SARIF_SRCROOT);
	const char *uri = json_string_value(json_object_get(root, "uri"));
	const char *path;

	if (!uri)
		return 0;
	if (strncmp(uri, "file:///", 8) || !(path = uri_decode(d, uri + 7)))
		return report_doc_fail(d, why, "%s is not a file:/// URI", SARIF_SRCROOT);
	char *clean = path_clean(path);
	d->sarif_root = arena_strdup(&d->arena, clean);
	free(clean);
	return 0;
}

int report_doc_read_sarif(struct report_doc *d, json_t *doc, const char **why)
{
	json_t *runs = json_object_get(doc, "runs");
	json_t *run = json_array_get(runs, 0);
	json_t *driver = json_object_get(json_object_get(run, "tool"), "driver");
	const char *name = json_string_value(json_object_get(driver, "name"));
	json_t *inv = json_array_get(json_object_get(run, "invocations"), 0);
	json_t *inv_props = json_object_get(inv, "properties");
	json_t *props = json_object_get(run, "properties");

	if (json_array_size(runs) != 1 || !name || strcmp(name, "sslcertlint"))
		return report_doc_fail(d, why, "not a SARIF report of sslcertlint (one run of its own)");
	d->tool_version = report_doc_str(d, driver, "version");
	d->automation_id = report_doc_str(d, json_object_get(run, "automationDetails"), "id");
	d->config_path = report_doc_str(d, inv_props, "configuration");
	d->fail_on = report_doc_str(d, inv_props, "failOn");
	d->baseline = json_is_true(json_object_get(inv_props, "baseline"));
	d->shard = report_doc_str(d, props, "shard");
	if (report_doc_time(d, inv_props, why) || read_root(d, run, why) ||
	    read_artifacts(d, json_object_get(run, "artifacts"), why) ||
	    read_notifications(d, json_object_get(inv, "toolExecutionNotifications"), why))
		return -1;

	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(run, "results"), i, o)
		if (read_result(d, o, i, why))
			return -1;

	json_t *hosts = json_object_get(props, "hosts");
	d->fleet = json_is_array(hosts);
	d->hosts = xcalloc(json_array_size(hosts) + 1, sizeof(*d->hosts));
	json_array_foreach(hosts, i, o) {
		if (!json_is_string(o))
			return report_doc_fail(d, why, "host %zu: not a name", i + 1);
		d->hosts[d->nr_hosts++].name = arena_strdup(&d->arena, json_string_value(o));
	}
	return 0;
}

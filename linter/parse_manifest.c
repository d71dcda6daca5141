/*
 * parse_manifest: the optional snapshot.json that says which server the
 * exports come from and when they were taken, into m->manifest.
 *
 *   manifest = "{" [ member { "," member } ] "}"
 *   member   = "host"  ":" string            host name
 *            | "os"    ":" string            "Windows Server 2022"
 *            | "build" ":" ( integer | digits | "10.0.20348" [ ".n" ] )
 *                                            OS build number
 *            | "taken" ":" date              when the exports were taken
 *            | "exportedBy" ":" string       what wrote the snapshot
 *                                            (tools/Export-SslSnapshot.ps1)
 *            | "secretsRemoved" ":" boolean  whether applicationHost.config's
 *                                            secrets were taken out; false
 *                                            is a note
 *            | "stores" ":" "[" string, ... "]"
 *                                            the certificate stores dumped;
 *                                            one no dump holds is a warning
 *                                            (manifest_check_stores())
 *            | "warnings" ":" "[" string, ... "]"
 *                                            what the exporter warned of:
 *                                            each a warning
 *   date     = ISO 8601 ("2026-01-15T10:00:00Z", an offset, a fraction;
 *              no offset = UTC), "/Date(ms)/" (PowerShell 5.1), an object
 *              {"value": date, ...}, or digits: seconds since the epoch
 *
 * Member names are matched ignoring ASCII case; every member is optional
 * and null counts as absent.  The manifest's location is the "taken"
 * member's line (the time reference the date rules use), else the line
 * of its '{'.
 *
 * Recovery: malformed JSON is one error at Jansson's line and column,
 * and the file gives no manifest.  A member of the wrong type or an
 * unreadable value is an error and that value stays unknown (build 0,
 * has_taken 0); an unknown member is a warning; the rest is read.  A
 * second manifest in one snapshot is an error and is not read.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "psjson.h"
#include "util.h"

#define DIAG_ID "parse.manifest"
#define KEY_MAX 64

struct member_line {
	char key[KEY_MAX];
	uint32_t line;
};

struct manifest_parser {
	struct model *m;
	const char *file;
	struct diag_list *diags;
	int errors;
	struct member_line *lines;
	size_t nr, alloc;
	uint32_t object_line;
};

/* Sets *loc's line and path to member `key`'s, when the scan found its line. */
static void member_loc(struct manifest_parser *p, const char *key, const char *path,
		       struct srcloc *loc)
{
	for (size_t i = 0; i < p->nr; i++)
		if (!strcmp(p->lines[i].key, key)) {
			loc->line = p->lines[i].line;
			loc->path = arena_strdup(&p->m->arena, path);
			return;
		}
}

__attribute__((format(printf, 4, 5)))
static void report(struct manifest_parser *p, enum severity level, const char *key,
		   const char *fmt, ...)
{
	struct srcloc loc = { p->file, p->object_line ? p->object_line : 1, 0, NULL };
	char *msg;
	va_list ap;

	if (key) {
		for (size_t i = 0; i < p->nr; i++)
			if (!strcmp(p->lines[i].key, key)) {
				loc.line = p->lines[i].line;
				break;
			}
	}
	va_start(ap, fmt);
	msg = arena_vstrfmt(&p->m->arena, fmt, ap);
	va_end(ap);
	diag_input(p->diags, DIAG_ID, level, &loc, "%s", msg);
	if (level == SEV_ERROR)
		p->errors++;
}

/* The line of each top-level member, by its name as written. */
static void scan_members(struct manifest_parser *p, const struct text *t)
{
	struct json_scan s;
	int first = 1;

	json_scan_init(&s, t->buf, t->len);
	json_scan_peek(&s);
	p->object_line = s.line;
	if (!json_scan_open(&s, '{'))
		return;
	while (json_scan_next(&s, &first, '}')) {
		ALLOC_GROW(p->lines, p->nr + 1, p->alloc);
		struct member_line *ml = &p->lines[p->nr];
		if (json_scan_key(&s, ml->key, sizeof(ml->key), &ml->line))
			return;
		p->nr++;
		json_scan_skip(&s);
	}
}

/* Any JSON value, compact, for a message (in the model arena). */
static const char *show_json(struct manifest_parser *p, const json_t *v)
{
	char *d = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	if (!d)
		return "?";
	if (strlen(d) > 64) {
		size_t cut = 61;
		while (cut && ((unsigned char)d[cut] & 0xC0) == 0x80)
			cut--;          /* not inside a UTF-8 sequence */
		memcpy(d + cut, "...", 4);
	}
	const char *s = arena_strdup(&p->m->arena, d);
	free(d);
	return s;
}

/* "20348", or the third field of a version "10.0.20348[.n]". */
static int parse_build(const char *s, uint32_t *out)
{
	const char *field = s;
	int dots = 0;
	for (const char *q = s; *q; q++) {
		if (*q == '.') {
			if (++dots == 2)
				field = q + 1;
		} else if (!isdigit((unsigned char)*q)) {
			return -1;
		}
	}
	if (dots == 1 || dots > 3)
		return -1;
	uint64_t v = 0;
	int n = 0;
	for (; isdigit((unsigned char)*field); field++, n++) {
		v = v * 10 + (uint64_t)(*field - '0');
		if (v > UINT32_MAX)
			return -1;
	}
	if (!n || (*field && *field != '.'))
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static void read_string(struct manifest_parser *p, const char *key, json_t *v, const char **out);

/* Longest exporter warning repeated in a report. */
#define WARNING_MAX 512

/* An array of strings (NULL and *n = 0 when v is not one: an error). */
static const char **read_strings(struct manifest_parser *p, const char *key, json_t *v, size_t *n)
{
	size_t i;
	json_t *x;

	*n = 0;
	if (!json_is_array(v)) {
		report(p, SEV_ERROR, key, "invalid '%s' %s: expected an array of strings", key,
		       show_json(p, v));
		return NULL;
	}
	const char **list = arena_alloc(&p->m->arena, (json_array_size(v) + 1) * sizeof(*list));
	json_array_foreach(v, i, x) {
		if (!json_is_string(x)) {
			report(p, SEV_ERROR, key, "invalid entry %s in '%s': expected a string",
			       show_json(p, x), key);
			continue;
		}
		list[(*n)++] = arena_strdup(&p->m->arena, json_string_value(x));
	}
	return list;
}

static void read_export_members(struct manifest_parser *p, struct host_manifest *mf,
				const char *key, json_t *v)
{
	if (str_ieq(key, "exportedBy")) {
		if (!json_is_null(v))
			read_string(p, key, v, &mf->exported_by);
	} else if (str_ieq(key, "secretsRemoved")) {
		if (!json_is_boolean(v)) {
			report(p, SEV_ERROR, key, "invalid '%s' %s: expected true or false", key,
			       show_json(p, v));
			return;
		}
		mf->secrets_removed = json_is_true(v);
		if (!mf->secrets_removed)
			report(p, SEV_NOTE, key, "the exports kept applicationHost.config's secrets "
			       "(-KeepSecrets): keep this snapshot out of shared repositories");
	} else if (str_ieq(key, "stores")) {
		mf->stores_loc = mf->loc;
		member_loc(p, key, "/stores", &mf->stores_loc);
		mf->stores = read_strings(p, key, v, &mf->nr_stores);
	} else {
		size_t n;
		const char **list = read_strings(p, key, v, &n);
		for (size_t i = 0; i < n; i++) {
			size_t len = strlen(list[i]);
			report(p, SEV_WARNING, key, "the exporter warned: %.*s%s",
			       (int)(len > WARNING_MAX ? WARNING_MAX : len), list[i],
			       len > WARNING_MAX ? "..." : "");
		}
	}
}

void manifest_check_stores(const struct model *m, struct diag_list *diags)
{
	const struct host_manifest *mf = &m->manifest;
	for (size_t i = 0; i < mf->nr_stores; i++)
		if (!model_find_store(m, mf->stores[i]))
			diag_input(diags, DIAG_ID, SEV_WARNING, &mf->stores_loc,
				   "store '%s' was dumped, but no dump of it was read: "
				   "a file of the snapshot is missing", mf->stores[i]);
}

static void read_string(struct manifest_parser *p, const char *key, json_t *v, const char **out)
{
	if (json_is_string(v)) {
		*out = *json_string_value(v) ? arena_strdup(&p->m->arena, json_string_value(v)) : NULL;
		return;
	}
	report(p, SEV_ERROR, key, "invalid '%s' %s: expected a string", key, show_json(p, v));
}

int parse_manifest(struct model *m, const char *file, const struct text *t,
		   struct diag_list *diags)
{
	struct manifest_parser p = { m, file, diags, 0, NULL, 0, 0, 1 };
	struct host_manifest *mf = &m->manifest;
	json_error_t err;
	const char *key;
	json_t *v;

	if (mf->present) {
		report(&p, SEV_ERROR, NULL, "second manifest ignored; the first, '%s', is used",
		       mf->loc.file);
		return p.errors;
	}
	json_t *doc = json_loadb(t->buf, t->len, JSON_DECODE_ANY, &err);
	if (!doc) {
		psjson_malformed(diags, DIAG_ID, file, &err);
		return 1;
	}
	if (!json_is_object(doc)) {
		report(&p, SEV_ERROR, NULL,
		       "expected an object with \"host\", \"os\", \"build\" and \"taken\"");
		json_decref(doc);
		return p.errors;
	}
	scan_members(&p, t);

	mf->present = 1;
	mf->loc.file = file;
	mf->loc.line = p.object_line;
	mf->loc.col = 0;
	mf->loc.path = arena_strdup(&m->arena, "");
	mf->build_loc = mf->loc;
	mf->secrets_removed = -1;
	json_object_foreach(doc, key, v) {
		if (json_is_null(v) && (str_ieq(key, "host") || str_ieq(key, "os") ||
					str_ieq(key, "build") || str_ieq(key, "taken")))
			continue;
		if (str_ieq(key, "host")) {
			read_string(&p, key, v, &mf->name);
		} else if (str_ieq(key, "os")) {
			read_string(&p, key, v, &mf->os);
		} else if (str_ieq(key, "build")) {
			member_loc(&p, key, "/build", &mf->build_loc);
			json_int_t n = json_is_integer(v) ? json_integer_value(v) : -1;
			if (json_is_integer(v) && n >= 0 && n <= (json_int_t)UINT32_MAX)
				mf->build = (uint32_t)n;
			else if (!json_is_string(v) || parse_build(json_string_value(v), &mf->build))
				report(&p, SEV_ERROR, key,
				       "invalid 'build' %s: expected an OS build number such as 20348",
				       show_json(&p, v));
		} else if (str_ieq(key, "taken")) {
			member_loc(&p, key, "/taken", &mf->loc);
			if (psjson_date(v, &mf->taken))
				report(&p, SEV_ERROR, key,
				       "invalid 'taken' %s: expected an ISO 8601 date such as 2026-01-15T10:00:00Z",
				       show_json(&p, v));
			else
				mf->has_taken = 1;
		} else if (str_ieq(key, "exportedBy") || str_ieq(key, "secretsRemoved") ||
			   str_ieq(key, "stores") || str_ieq(key, "warnings")) {
			read_export_members(&p, mf, key, v);
		} else {
			report(&p, SEV_WARNING, key, "unknown member '%s' ignored", key);
		}
	}
	json_decref(doc);
	free(p.lines);
	return p.errors;
}

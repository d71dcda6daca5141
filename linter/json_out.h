#ifndef JSON_OUT_H
#define JSON_OUT_H

#include <stddef.h>

#include <jansson.h>

struct diag;

/*
 * Building JSON documents with Jansson for the reporters: every helper
 * aborts on Jansson's out-of-memory (the only abort, STYLE R4), and
 * strings that are not valid UTF-8 (a path in another encoding) are
 * written with U+FFFD instead of making Jansson refuse them.
 */

/* v, or BUG() when Jansson could not allocate it. */
json_t *json_must(json_t *v);

/* obj[key] = v (v's reference is taken). */
void json_set(json_t *obj, const char *key, json_t *v);

/* arr += v (v's reference is taken). */
void json_append(json_t *arr, json_t *v);

/* A JSON string of s, invalid UTF-8 bytes replaced by U+FFFD. */
json_t *json_str(const char *s);

/* obj[key] = s, left out when s is NULL. */
void json_set_str(json_t *obj, const char *key, const char *s);

/* obj["fixShells"] = the shells d's fix is written for; nothing when d has no fix. */
void json_set_fix_shells(json_t *obj, const struct diag *d);

struct report;

/*
 * obj["timeReference"] = where r's time reference came from ("clock"
 * when unknown), and obj["timeReferenceAt"] = the time, ISO 8601 UTC,
 * only when --now or a manifest gave it: the report stays the same
 * whenever it runs.
 */
void report_set_time_reference(json_t *obj, const struct report *r);

/* obj[key] = n. */
void json_set_count(json_t *obj, const char *key, size_t n);

#endif

#ifndef PSJSON_H
#define PSJSON_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/*
 * Helpers shared by the parsers of JSON inputs (parse_certjson.c,
 * parse_manifest.c): what PowerShell's ConvertTo-Json writes, and the
 * line numbers Jansson does not keep.  Only parsers include this header;
 * rules never see Jansson.
 */

struct diag_list;

/*
 * Jansson's parse error as the input error of a JSON input: "malformed
 * JSON: <Jansson's text>" with id diag_id at its line (1 when it has
 * none) and column (0 when none) in file.
 */
void psjson_malformed(struct diag_list *diags, const char *diag_id, const char *file,
		      const json_error_t *err);

/*
 * The member of obj whose name equals name ignoring ASCII case (an exact
 * match first), or NULL.  A borrowed reference, like json_object_get().
 */
json_t *psjson_get(json_t *obj, const char *name);

/* Removes the member psjson_get(obj, name) finds, if any. */
void psjson_del(json_t *obj, const char *name);

/*
 * Reads a date as PowerShell and its users write one, into seconds since
 * the epoch (UTC):
 *   "/Date(1700000000000)/"        Windows PowerShell 5.1 (milliseconds,
 *   "/Date(1700000000000+0100)/"   UTC; a trailing offset only marks a
 *                                   local time and is ignored, as .NET does)
 *   "2026-01-15T10:00:00.1234567+01:00"   PowerShell 7, ISO 8601
 *   {"value": ..., "DateTime": ...}       5.1 with extended properties
 *   "2190214308", 2190214308        digits only: seconds since the epoch
 * Returns 0, or -1 when v is none of these.
 */
int psjson_date(json_t *v, int64_t *out);

/*
 * A forward scanner over JSON text that Jansson has accepted, counting
 * lines, so a parser can find where a decoded value stands: Jansson's
 * json_t keeps no position (STYLE R3).  Lines are 1-based, counted by
 * '\n' (decoded text, decode.h).  On text that is not JSON the scanner
 * stops at the end without reading out of bounds; the lines it gives are
 * then meaningless but never used, as the parsers scan only what
 * json_loadb() accepted.
 */
struct json_scan {
	const char *p, *end;
	uint32_t line;
	int closed;              /* the last json_scan_next() consumed its closing bracket */
};

void json_scan_init(struct json_scan *s, const char *buf, size_t len);

/* Skips white space; the next byte, or -1 at the end. */
int json_scan_peek(struct json_scan *s);

/* Skips one whole value: a scalar, or an object or array of any depth. */
void json_scan_skip(struct json_scan *s);

/*
 * Iterates an object or array: call with *first = 1 right after the
 * opening '{' or '[' (consume it with json_scan_open()).  Returns 1 when
 * another member or element follows (its ',' consumed), 0 after the
 * closing bracket `close` (s->closed is then 1), or when something else
 * stands there (s->closed is 0).
 */
int json_scan_open(struct json_scan *s, int open);
int json_scan_next(struct json_scan *s, int *first, int close);

/*
 * Reads a member name and its ':'.  The name as written (escapes not
 * decoded) goes to key when shorter than cap, else key is ""; *line gets
 * the line the name stands on.  Returns 0, or -1 when no name is there.
 */
int json_scan_key(struct json_scan *s, char *key, size_t cap, uint32_t *line);

#endif

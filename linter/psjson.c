/*
 * JSON helpers shared by the certjson and manifest parsers: case-blind
 * member lookup, PowerShell's date forms, and a line-counting scanner
 * (see psjson.h).
 */
#include <ctype.h>
#include <string.h>

#include "diag.h"
#include "psjson.h"
#include "timeutil.h"
#include "util.h"

json_t *psjson_get(json_t *obj, const char *name)
{
	const char *key;
	json_t *v;

	if (!json_is_object(obj))
		return NULL;
	if ((v = json_object_get(obj, name)))
		return v;
	json_object_foreach(obj, key, v)
		if (str_ieq(key, name))
			return v;
	return NULL;
}

void psjson_del(json_t *obj, const char *name)
{
	const char *key, *found = NULL;
	json_t *v;

	if (!json_is_object(obj))
		return;
	if (json_object_get(obj, name)) {
		json_object_del(obj, name);
		return;
	}
	json_object_foreach(obj, key, v)
		if (str_ieq(key, name)) {
			found = key;
			break;
		}
	if (found)
		json_object_del(obj, found);
}

/* Up to 18 decimal digits (no sign) into *out; the end in *end. */
static int read_digits(const char *s, int64_t *out, const char **end)
{
	int64_t v = 0;
	int n = 0;
	while (isdigit((unsigned char)*s)) {
		if (++n > 18)
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	if (!n)
		return -1;
	*out = v;
	*end = s;
	return 0;
}

/*
 * "/Date(ms)/" or "/Date(ms+hhmm)/"; a stray '\' before each '/' is
 * allowed.  Windows PowerShell 5.1's ConvertTo-Json (JavaScriptSerializer)
 * writes "\/Date(ms)\/", which Jansson unescapes to "/Date(ms)/";
 * DataContractJsonSerializer and Json.NET add "+hhmm" for a local time.
 * Microsoft's "Stand-Alone JSON Serialization" (Dates/Times and JSON):
 * the first number is milliseconds since 1970-01-01 in GMT and may be
 * negative; "+0500" only marks the time as of the Local kind, and "the
 * actual number and its sign are ignored".  So the instant is the
 * milliseconds alone: Json.NET's documented example writes 2012-12-21
 * 00:00 at +01:00 as "\/Date(1356044400000+0100)\/", 23:00 UTC the day
 * before.
 */
static int ms_date(const char *s, int64_t *out)
{
	int64_t ms;
	int neg = 0;

	if (*s == '\\')
		s++;
	if (!str_istarts(s, "/Date("))
		return -1;
	s += 6;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (read_digits(s, &ms, &s))
		return -1;
	if (*s == '+' || *s == '-') {
		s++;
		for (int i = 0; i < 4; i++)
			if (!isdigit((unsigned char)*s++))
				return -1;
	}
	if (*s++ != ')')
		return -1;
	if (*s == '\\')
		s++;
	if (strcmp(s, "/"))
		return -1;
	if (neg)
		ms = -ms;
	/* floor, so dates before 1970 stay in their second */
	*out = ms / 1000 - (ms % 1000 < 0);
	return 0;
}

int psjson_date(json_t *v, int64_t *out)
{
	if (json_is_object(v)) {
		json_t *inner = psjson_get(v, "value");
		if (!inner || json_is_object(inner))
			return -1;
		return psjson_date(inner, out);
	}
	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return 0;
	}
	if (!json_is_string(v))
		return -1;
	const char *s = json_string_value(v), *end;
	int64_t secs;
	if (!read_digits(s, &secs, &end) && !*end) {
		*out = secs;
		return 0;
	}
	if (!ms_date(s, out))
		return 0;
	return iso8601_parse(s, out);
}

/* ---- the scanner ---- */

void json_scan_init(struct json_scan *s, const char *buf, size_t len)
{
	s->p = buf;
	s->end = buf + len;
	s->line = 1;
	s->closed = 0;
}

int json_scan_peek(struct json_scan *s)
{
	while (s->p < s->end) {
		char c = *s->p;
		if (c == '\n')
			s->line++;
		else if (c != ' ' && c != '\t' && c != '\r')
			return (unsigned char)c;
		s->p++;
	}
	return -1;
}

/*
 * The bytes the skipping loops stop at; they step over everything else
 * without a test per kind (a PowerShell 5.1 dump is mostly indentation
 * and digits).
 */
static const unsigned char in_string_stop[256] = { ['"'] = 1, ['\\'] = 1, ['\n'] = 1 };
static const unsigned char in_value_stop[256] = {
	['"'] = 1, ['\n'] = 1, ['{'] = 1, ['['] = 1, ['}'] = 1, [']'] = 1,
};

static void skip_until(struct json_scan *s, const unsigned char stop[256])
{
	while (s->p < s->end && !stop[(unsigned char)*s->p])
		s->p++;
}

/* At the opening '"': to just after the closing one. */
static void skip_string(struct json_scan *s)
{
	s->p++;
	while (s->p < s->end) {
		skip_until(s, in_string_stop);
		if (s->p >= s->end)
			return;
		char c = *s->p++;
		if (c == '"')
			return;
		if (c == '\n')
			s->line++;
		else if (c == '\\' && s->p < s->end) {
			if (*s->p == '\n')
				s->line++;
			s->p++;
		}
	}
}

void json_scan_skip(struct json_scan *s)
{
	int c = json_scan_peek(s);
	size_t depth = 0;

	if (c < 0)
		return;
	if (c == '"') {
		skip_string(s);
		return;
	}
	if (c != '{' && c != '[') {
		/* a number, true, false or null */
		while (s->p < s->end && !strchr(",]} \t\r\n", *s->p))
			s->p++;
		return;
	}
	while (s->p < s->end) {
		skip_until(s, in_value_stop);
		if (s->p >= s->end)
			return;
		c = *s->p;
		if (c == '"') {
			skip_string(s);
			continue;
		}
		s->p++;
		if (c == '\n')
			s->line++;
		else if (c == '{' || c == '[')
			depth++;
		else if ((c == '}' || c == ']') && --depth == 0)
			return;
	}
}

int json_scan_open(struct json_scan *s, int open)
{
	if (json_scan_peek(s) != open)
		return 0;
	s->p++;
	return 1;
}

int json_scan_next(struct json_scan *s, int *first, int close)
{
	int c = json_scan_peek(s);
	s->closed = 0;
	if (c < 0)
		return 0;
	if (c == close) {
		s->p++;
		s->closed = 1;
		return 0;
	}
	if (!*first) {
		if (c != ',')
			return 0;
		s->p++;
		if (json_scan_peek(s) < 0)
			return 0;
	}
	*first = 0;
	return 1;
}

int json_scan_key(struct json_scan *s, char *key, size_t cap, uint32_t *line)
{
	if (json_scan_peek(s) != '"')
		return -1;
	*line = s->line;
	const char *start = s->p + 1;
	skip_string(s);
	size_t n = (size_t)(s->p - start);
	if (n)
		n--;            /* the closing '"' */
	if (n < cap) {
		memcpy(key, start, n);
		key[n] = '\0';
	} else if (cap) {
		key[0] = '\0';
	}
	if (json_scan_peek(s) != ':')
		return -1;
	s->p++;
	return 0;
}

void psjson_malformed(struct diag_list *diags, const char *diag_id, const char *file,
		      const json_error_t *err)
{
	struct srcloc loc = { file, err->line > 0 ? (uint32_t)err->line : 1,
			      err->column > 0 ? (uint32_t)err->column : 0, NULL };
	diag_input(diags, diag_id, SEV_ERROR, &loc, "malformed JSON: %s", err->text);
}

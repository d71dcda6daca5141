#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "json_out.h"
#include "report.h"
#include "timeutil.h"
#include "util.h"

json_t *json_must(json_t *v)
{
	if (!v)
		BUG("jansson: out of memory");
	return v;
}

void json_set(json_t *obj, const char *key, json_t *v)
{
	if (json_object_set_new(obj, key, json_must(v)))
		BUG("jansson: json_object_set_new failed");
}

void json_append(json_t *arr, json_t *v)
{
	if (json_array_append_new(arr, json_must(v)))
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
json_t *json_str(const char *s)
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

void json_set_str(json_t *obj, const char *key, const char *s)
{
	if (s)
		json_set(obj, key, json_str(s));
}

void json_set_count(json_t *obj, const char *key, size_t n)
{
	json_set(obj, key, json_integer((json_int_t)n));
}

void json_set_fix_shells(json_t *obj, const struct diag *d)
{
	const char *names[2];
	if (!d->fix)
		return;
	json_t *arr = json_must(json_array());
	size_t n = fix_shell_names(d->fix_shell, names);
	for (size_t i = 0; i < n; i++)
		json_append(arr, json_str(names[i]));
	json_set(obj, "fixShells", arr);
}

void report_set_time_reference(json_t *obj, const struct report *r)
{
	json_set_str(obj, "timeReference", r->now_source ? r->now_source : "clock");
	if (r->now_source && (!strcmp(r->now_source, "--now") || !strcmp(r->now_source, "manifest"))) {
		char when[64];
		utc_format(r->now, when);
		when[10] = 'T';
		json_set(obj, "timeReferenceAt", json_must(json_sprintf("%sZ", when)));
	}
}

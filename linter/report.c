/*
 * The reporters, picked by --format name from a static table (git's
 * commands[] shape), and the finding fingerprint they share.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "util.h"

static const struct {
	const char *name;
	report_fn fn;
} reporters[] = {
	{ "text", report_text },
	{ "json", report_json },
	{ "sarif", report_sarif },
};

report_fn report_find(const char *format)
{
	for (size_t i = 0; i < sizeof(reporters) / sizeof(*reporters); i++)
		if (!strcmp(format, reporters[i].name))
			return reporters[i].fn;
	return NULL;
}

/* Built from the table on first use, so a new reporter is listed by itself. */
const char *report_format_names(void)
{
	static char names[64];
	size_t len = 0;

	if (names[0])
		return names;
	for (size_t i = 0; i < sizeof(reporters) / sizeof(*reporters); i++) {
		int n = snprintf(names + len, sizeof(names) - len, "%s%s",
				 i ? ", " : "", reporters[i].name);
		if (n < 0 || (size_t)n >= sizeof(names) - len)
			BUG("report_format_names: buffer too small");
		len += (size_t)n;
	}
	return names;
}

/* 64-bit FNV-1a */
#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME UINT64_C(0x100000001b3)

static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= FNV_PRIME;
	}
	return h;
}

void report_fingerprint(const struct diag *d, char out[17])
{
	static const char hex[] = "0123456789abcdef";
	uint64_t h = FNV_OFFSET;

	h = fnv1a(h, d->rule_id ? d->rule_id : "");
	h = fnv1a(h, "\n");
	h = fnv1a(h, d->key ? d->key : "");
	for (int i = 15; i >= 0; i--) {
		out[i] = hex[h & 0xf];
		h >>= 4;
	}
	out[16] = '\0';
}

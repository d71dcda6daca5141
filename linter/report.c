/*
 * The reporters, picked by --format name from a static table (git's
 * commands[] shape), and what they share: the finding fingerprint, the
 * summary counts, and the grouping of a fleet report by host.
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
	if (d->host) {
		h = fnv1a(h, d->host);
		h = fnv1a(h, "\n");
	}
	h = fnv1a(h, d->key ? d->key : "");
	for (int i = 15; i >= 0; i--) {
		out[i] = hex[h & 0xf];
		h >>= 4;
	}
	out[16] = '\0';
}

static int same_host(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

int report_in_group(const struct report *r, const struct report_host *h, const char *host)
{
	if (!h)
		return 1;
	if (h->name)
		return same_host(h->name, host);
	for (size_t i = 0; host && i < r->nr_hosts; i++)
		if (same_host(r->hosts[i].name, host))
			return 0;
	return 1;
}

static void count_finding(const struct diag *d, struct report_summary *s)
{
	if (d->suppressed) {
		s->suppressed++;
		return;
	}
	if (d->baseline == BASELINE_ABSENT) {
		s->absent++;
		return;
	}
	s->new += d->baseline == BASELINE_NEW;
	s->error += d->level == SEV_ERROR;
	s->warning += d->level == SEV_WARNING;
	s->note += d->level == SEV_NOTE;
}

void report_summarize(const struct report *r, const struct report_host *h,
		      struct report_summary *s)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; r->findings && i < r->findings->nr; i++)
		if (report_in_group(r, h, r->findings->items[i]->host))
			count_finding(r->findings->items[i], s);
	for (size_t i = 0; r->inputs && i < r->inputs->nr; i++) {
		const struct diag *d = r->inputs->items[i];
		s->input_errors += d->level == SEV_ERROR && report_in_group(r, h, d->host);
	}
	for (size_t i = 0; i < r->nr_files; i++)
		s->inputs += !r->files[i].skipped && report_in_group(r, h, r->files[i].host);
	s->bindings = h ? h->nr_bindings : r->nr_bindings;
	s->sites = h ? h->nr_sites : r->nr_sites;
	s->certs = h ? h->nr_certs : r->nr_certs;
}

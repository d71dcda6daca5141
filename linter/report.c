/*
 * The reporters, picked by --format name from a static table (git's
 * commands[] shape), and what they share: the finding fingerprint, the
 * summary counts, and the grouping of a fleet report by host.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
	{ "github", report_github },
	{ "gitlab", report_gitlab },
	{ "junit", report_junit },
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

int report_fails(const struct report *r, const struct diag *d)
{
	return r->fail_on != SEV_NONE && d->level >= r->fail_on && !d->suppressed &&
	       d->baseline != BASELINE_ABSENT && (!r->baseline || d->baseline == BASELINE_NEW);
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

/* ---- grouping by host ---------------------------------------------------- */

/* The index of the group holding the entries of host (see report.h). */
static size_t group_index(const struct report_groups *groups, const char *host)
{
	uintptr_t i = host ? (uintptr_t)strmap_get(&groups->by_host, host) : 0;
	return i ? i - 1 : 0;
}

/* by_host: each host name to its group's index + 1; a repeated name keeps the first. */
static void map_hosts(struct report_groups *groups, const struct report *r)
{
	for (size_t k = 0; k < r->nr_hosts; k++) {
		groups->group[k + 1].host = &r->hosts[k];
		if (!strmap_get(&groups->by_host, r->hosts[k].name))
			strmap_put(&groups->by_host, r->hosts[k].name, (void *)(uintptr_t)(k + 2));
	}
}

/* The counting pass: how many entries of each kind each group gets. */
static void count_entries(struct report_groups *groups, const struct report *r)
{
	for (size_t i = 0; r->findings && i < r->findings->nr; i++)
		groups->group[group_index(groups, r->findings->items[i]->host)].nr_findings++;
	for (size_t i = 0; r->inputs && i < r->inputs->nr; i++)
		groups->group[group_index(groups, r->inputs->items[i]->host)].nr_inputs++;
	for (size_t i = 0; i < r->nr_files; i++)
		groups->group[group_index(groups, r->files[i].host)].nr_files++;
	for (size_t i = 0; i < r->nr_not_run; i++)
		groups->group[group_index(groups, r->not_run[i].host)].nr_not_run++;
}

/* Each group's arrays: consecutive slices of the storage, emptied for the filling pass. */
static void place_groups(struct report_groups *groups, const struct report *r)
{
	size_t findings = 0, inputs = 0, files = 0, not_run = 0;

	groups->findings = xcalloc(r->findings ? r->findings->nr : 0, sizeof(*groups->findings));
	groups->inputs = xcalloc(r->inputs ? r->inputs->nr : 0, sizeof(*groups->inputs));
	groups->files = xcalloc(r->nr_files, sizeof(*groups->files));
	groups->not_run = xcalloc(r->nr_not_run, sizeof(*groups->not_run));
	for (size_t k = 0; k < groups->nr; k++) {
		struct report_group *g = &groups->group[k];
		g->findings = groups->findings + findings;
		findings += g->nr_findings;
		g->inputs = groups->inputs + inputs;
		inputs += g->nr_inputs;
		g->files = groups->files + files;
		files += g->nr_files;
		g->not_run = groups->not_run + not_run;
		not_run += g->nr_not_run;
		g->nr_findings = g->nr_inputs = g->nr_files = g->nr_not_run = 0;
	}
}

/* The filling pass, in the report's order. */
static void fill_groups(struct report_groups *groups, const struct report *r)
{
	for (size_t i = 0; r->findings && i < r->findings->nr; i++) {
		const struct diag *d = r->findings->items[i];
		struct report_group *g = &groups->group[group_index(groups, d->host)];
		g->findings[g->nr_findings++] = d;
	}
	for (size_t i = 0; r->inputs && i < r->inputs->nr; i++) {
		const struct diag *d = r->inputs->items[i];
		struct report_group *g = &groups->group[group_index(groups, d->host)];
		g->inputs[g->nr_inputs++] = d;
	}
	for (size_t i = 0; i < r->nr_files; i++) {
		struct report_group *g = &groups->group[group_index(groups, r->files[i].host)];
		g->files[g->nr_files++] = &r->files[i];
	}
	for (size_t i = 0; i < r->nr_not_run; i++) {
		struct report_group *g = &groups->group[group_index(groups, r->not_run[i].host)];
		g->not_run[g->nr_not_run++] = &r->not_run[i];
	}
}

/* A host whose name an earlier host has too shows that one's entries (each has all of them). */
static void share_repeated_names(struct report_groups *groups)
{
	for (size_t k = 1; k < groups->nr; k++) {
		const struct report_host *host = groups->group[k].host;
		size_t owner = group_index(groups, host->name);
		if (owner != k) {
			groups->group[k] = groups->group[owner];
			groups->group[k].host = host;
		}
	}
}

void report_groups_init(struct report_groups *groups, const struct report *r)
{
	memset(groups, 0, sizeof(*groups));   /* by_host: STRMAP_INIT */
	groups->fleet = r->fleet;
	groups->nr = 1 + (r->fleet ? r->nr_hosts : 0);
	groups->group = xcalloc(groups->nr, sizeof(*groups->group));
	if (r->fleet)
		map_hosts(groups, r);
	count_entries(groups, r);
	place_groups(groups, r);
	fill_groups(groups, r);
	share_repeated_names(groups);
}

void report_groups_release(struct report_groups *groups)
{
	free(groups->group);
	strmap_release(&groups->by_host);
	free(groups->findings);
	free(groups->inputs);
	free(groups->files);
	free(groups->not_run);
	memset(groups, 0, sizeof(*groups));
}

const struct report_group *report_groups_find(const struct report_groups *groups,
					      const char *host)
{
	if (!host || !groups->fleet)
		return &groups->group[0];
	uintptr_t i = (uintptr_t)strmap_get(&groups->by_host, host);
	return i ? &groups->group[i - 1] : NULL;
}

const char *report_group_host_name(const struct report *r, const struct report_group *g)
{
	if (g->host && g->host->name)
		return g->host->name;
	if (r->fleet)
		return "sslcertlint";
	if (r->nr_hosts && r->hosts[0].name)
		return r->hosts[0].name;
	return "snapshot";
}

const char *report_first_input(const struct report *r, const struct report_group *g)
{
	for (size_t i = 0; g && i < g->nr_files; i++)
		if (!g->files[i]->skipped)
			return g->files[i]->path;
	if (g && g->nr_files)
		return g->files[0]->path;
	return r->nr_files ? r->files[0].path : NULL;
}

/* ---- summaries ------------------------------------------------------------ */

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

static void summarize_report(const struct report *r, struct report_summary *s)
{
	for (size_t i = 0; r->findings && i < r->findings->nr; i++)
		count_finding(r->findings->items[i], s);
	for (size_t i = 0; r->inputs && i < r->inputs->nr; i++) {
		s->input_errors += r->inputs->items[i]->level == SEV_ERROR;
		s->input_warnings += r->inputs->items[i]->level == SEV_WARNING;
	}
	for (size_t i = 0; i < r->nr_files; i++)
		s->inputs += !r->files[i].skipped;
	s->bindings = r->nr_bindings;
	s->sites = r->nr_sites;
	s->certs = r->nr_certs;
}

static void summarize_group(const struct report *r, const struct report_group *g,
			    struct report_summary *s)
{
	for (size_t i = 0; i < g->nr_findings; i++)
		count_finding(g->findings[i], s);
	for (size_t i = 0; i < g->nr_inputs; i++) {
		s->input_errors += g->inputs[i]->level == SEV_ERROR;
		s->input_warnings += g->inputs[i]->level == SEV_WARNING;
	}
	for (size_t i = 0; i < g->nr_files; i++)
		s->inputs += !g->files[i]->skipped;
	if (g->host) {
		s->bindings = g->host->nr_bindings;
		s->sites = g->host->nr_sites;
		s->certs = g->host->nr_certs;
	} else if (!r->fleet) {
		s->bindings = r->nr_bindings;
		s->sites = r->nr_sites;
		s->certs = r->nr_certs;
	}
}

void report_summarize(const struct report *r, const struct report_group *g,
		      struct report_summary *s)
{
	memset(s, 0, sizeof(*s));
	if (g)
		summarize_group(r, g, s);
	else
		summarize_report(r, s);
}

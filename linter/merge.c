#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "rule.h"
#include "strmap.h"
#include "util.h"
#include "version.h"

void merge_init(struct merge *m)
{
	memset(m, 0, sizeof(*m));
	diag_list_init(&m->findings);
	diag_list_init(&m->inputs);
	arena_init(&m->arena);
}

void merge_release(struct merge *m)
{
	for (size_t i = 0; i < m->nr_docs; i++)
		report_doc_release(&m->docs[i]);
	free(m->docs);
	diag_list_release(&m->findings);   /* views: frees the arrays only */
	diag_list_release(&m->inputs);
	free(m->files);
	free(m->not_run);
	free(m->hosts);
	arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}

static int fail(struct merge *m, const char **why, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct merge *m, const char **why, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	*why = arena_vstrfmt(&m->arena, fmt, ap);
	va_end(ap);
	return -1;
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

/* "K/N" as --shard writes it: 0, or -1. */
static int parse_shard(const char *s, unsigned long *k, unsigned long *n)
{
	char *end;
	if (!s || *s < '1' || *s > '9')
		return -1;
	*k = strtoul(s, &end, 10);
	if (*end != '/' || end[1] < '1' || end[1] > '9')
		return -1;
	*n = strtoul(end + 1, &end, 10);
	return *end || *k > *n ? -1 : 0;
}

/* Every shard of one fleet, once each. */
static int check_shards(struct merge *m, const char **why)
{
	unsigned long k = 0, n = 0, n0 = 0;
	const char **seen = NULL;
	int rc = 0;

	for (size_t i = 0; i < m->nr_docs && !rc; i++) {
		const struct report_doc *d = &m->docs[i];
		if (!d->fleet) {
			rc = fail(m, why, "'%s' is not a report of --fleet: merge joins the reports of "
				  "the shards of one fleet", d->path);
		} else if (parse_shard(d->shard, &k, &n)) {
			rc = fail(m, why, "'%s' is not a shard's report: lint with --fleet DIR --shard K/N",
				  d->path);
		} else if (!i) {
			n0 = n;
			seen = xcalloc(n + 1, sizeof(*seen));
		} else if (n != n0) {
			rc = fail(m, why, "'%s' is shard %s and '%s' shard %s: shards of one fleet have one N",
				  m->docs[0].path, m->docs[0].shard, d->path, d->shard);
		}
		if (!rc && seen[k])
			rc = fail(m, why, "shard %lu/%lu is given twice: '%s' and '%s'", k, n, seen[k], d->path);
		else if (!rc)
			seen[k] = d->path;
	}
	for (unsigned long j = 1; !rc && j <= n0; j++)
		if (!seen[j])
			rc = fail(m, why, "shard %lu/%lu is missing: merge needs all %lu shards' reports",
				  j, n0, n0);
	free(seen);
	return rc;
}

/* What the reports record of the options of their runs agrees (merge.h). */
static int check_options(struct merge *m, const char **why)
{
	const struct report_doc *a = &m->docs[0], *timed = NULL;

	for (size_t i = 0; i < m->nr_docs; i++) {
		const struct report_doc *b = &m->docs[i];
		if (strcmp(b->format, a->format))
			return fail(m, why, "'%s' is a %s report and '%s' a %s one: merge reports of one "
				    "format", a->path, a->format, b->path, b->format);
		if (!same_str(b->tool_version, SSLCERTLINT_VERSION))
			return fail(m, why, "'%s' was written by sslcertlint %s, this is %s: merge with the "
				    "version that wrote the reports", b->path, or_none(b->tool_version),
				    SSLCERTLINT_VERSION);
		if (!b->fail_on)
			return fail(m, why, "'%s' does not record its --fail-on: not a report of this "
				    "version", b->path);
	}
	if (check_shards(m, why))
		return -1;
	for (size_t i = 1; i < m->nr_docs; i++) {
		const struct report_doc *b = &m->docs[i];
		const char *what = !same_str(a->fail_on, b->fail_on) ? "--fail-on" :
			!same_str(a->config_path, b->config_path) ? "configuration" :
			a->baseline != b->baseline ? "--baseline" :
			!same_str(a->automation_id, b->automation_id) ? "--sarif-automation-id" :
			!same_str(a->sarif_root, b->sarif_root) ? "SARIF root (working directory or --sarif-root)" :
			NULL;
		if (what)
			return fail(m, why, "'%s' and '%s' were made with another %s: shards of one run "
				    "share their options", a->path, b->path, what);
	}
	/* --now: every shard with hosts has it, the same, or none has */
	for (size_t i = 0; i < m->nr_docs; i++) {
		const struct report_doc *b = &m->docs[i];
		if (!b->nr_hosts)
			continue;        /* a shard of no host has no time reference */
		if (!timed) {
			timed = b;
			continue;
		}
		int now_a = same_str(timed->now_source, "--now"), now_b = same_str(b->now_source, "--now");
		if ((now_a || now_b) && (now_a != now_b || timed->now != b->now))
			return fail(m, why, "'%s' and '%s' were made with another --now: shards of one "
				    "run share their options", timed->path, b->path);
	}
	return 0;
}

static int cmp_hosts(const void *pa, const void *pb)
{
	const struct report_host *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->path ? a->path : "", b->path ? b->path : "");
}

/*
 * The name a host claims, lower-cased: without the " (folder)" the fleet
 * adds when two folders claim one name (fleet.c), as the fleet compares
 * names without case.
 */
static const char *claimed(struct arena *a, const char *s)
{
	char *l = arena_strdup(a, s);
	size_t n = strlen(l);
	char *open = NULL;
	if (n && l[n - 1] == ')')
		for (char *p = strstr(l, " ("); p; p = strstr(p + 1, " ("))
			open = p;        /* the last one: a folder's name may hold " (" */
	if (open && open > l)
		*open = '\0';
	for (char *p = l; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return l;
}

/*
 * The hosts of every shard, in name order; owners: each host's name to
 * its shard's index + 1.  A name claimed in two shards (claimed()) is
 * refused: the whole run would name each claimant by its folder.
 */
static int merge_hosts(struct merge *m, struct strmap *owners, const char **why)
{
	struct strmap seen = STRMAP_INIT;
	size_t nr = 0;

	for (size_t i = 0; i < m->nr_docs; i++)
		nr += m->docs[i].nr_hosts;
	m->hosts = xcalloc(nr + 1, sizeof(*m->hosts));
	for (size_t i = 0; i < m->nr_docs; i++) {
		const struct report_doc *d = &m->docs[i];
		for (size_t j = 0; j < d->nr_hosts; j++) {
			const char *key = claimed(&m->arena, d->hosts[j].name);
			uintptr_t other = (uintptr_t)strmap_get(&seen, key);
			if (other && other - 1 != i) {
				strmap_release(&seen);
				return fail(m, why, "host '%s' is in '%s' and in '%s': two folders claim one "
					    "host name; lint the whole fleet to see which",
					    d->hosts[j].name, m->docs[other - 1].path, d->path);
			}
			strmap_put(&seen, key, (void *)(i + 1));
			strmap_put(owners, d->hosts[j].name, (void *)(i + 1));
			m->hosts[m->r.nr_hosts++] = d->hosts[j];
			m->host_failed |= d->hosts[j].failed;
		}
	}
	strmap_release(&seen);
	qsort(m->hosts, m->r.nr_hosts, sizeof(*m->hosts), cmp_hosts);
	return 0;
}

/*
 * Where the entries go: owners maps each host of the fleet to its
 * shard's report (index + 1); slots each host name an entry carries to
 * its place in name order + 1 (0: no host), the order the run sorts
 * hosts in.
 */
struct plan {
	struct strmap owners, slots;
	size_t nr_slots;         /* 1 + the names in slots */
};

/*
 * Whether report i's copy of an entry of host is the one kept: a host
 * of the fleet's from its shard; none, or one in no shard (a finding
 * gone since the baseline), from the first report, as every report has it.
 */
static int kept(const struct plan *p, size_t i, const char *host)
{
	uintptr_t owner = host ? (uintptr_t)strmap_get(&p->owners, host) : 0;
	return owner ? owner - 1 == i : i == 0;
}

static size_t slot_of(const struct plan *p, const char *host)
{
	return host ? (size_t)(uintptr_t)strmap_get(&p->slots, host) : 0;
}

/* One kind of entry of a report: how many, and the host of entry j. */
struct kind {
	size_t (*count)(const struct report_doc *d);
	const char *(*host)(const struct report_doc *d, size_t j);
};

static size_t count_findings(const struct report_doc *d) { return d->findings.nr; }
static const char *host_finding(const struct report_doc *d, size_t j) { return d->findings.items[j]->host; }
static size_t count_inputs(const struct report_doc *d) { return d->inputs.nr; }
static const char *host_input(const struct report_doc *d, size_t j) { return d->inputs.items[j]->host; }
static size_t count_files(const struct report_doc *d) { return d->nr_files; }
static const char *host_file(const struct report_doc *d, size_t j) { return d->files[j].host; }
static size_t count_not_run(const struct report_doc *d) { return d->nr_not_run; }
static const char *host_not_run(const struct report_doc *d, size_t j) { return d->not_run[j].host; }

static const struct kind findings_kind = { count_findings, host_finding };
static const struct kind inputs_kind = { count_inputs, host_input };
static const struct kind files_kind = { count_files, host_file };
static const struct kind not_run_kind = { count_not_run, host_not_run };
static const struct kind *const kinds[] = { &findings_kind, &inputs_kind, &files_kind, &not_run_kind };

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* p->slots: every host name a kept entry carries, in name order. */
static void plan_slots(const struct merge *m, struct plan *p)
{
	const char **names = NULL;
	size_t nr = 0, alloc = 0;

	for (size_t k = 0; k < sizeof(kinds) / sizeof(*kinds); k++)
		for (size_t i = 0; i < m->nr_docs; i++)
			for (size_t j = 0; j < kinds[k]->count(&m->docs[i]); j++) {
				const char *h = kinds[k]->host(&m->docs[i], j);
				if (!h || !kept(p, i, h) || strmap_get(&p->slots, h))
					continue;
				strmap_put(&p->slots, h, (void *)1);
				ALLOC_GROW(names, nr + 1, alloc);
				names[nr++] = h;
			}
	if (nr)
		qsort(names, nr, sizeof(*names), cmp_names);
	for (size_t k = 0; k < nr; k++)
		strmap_put(&p->slots, names[k], (void *)(uintptr_t)(k + 1));
	p->nr_slots = nr + 1;
	free(names);
}

/* Entry j of report doc. */
struct pick {
	size_t doc, j;
};

/*
 * The kept entries of one kind, from every report, by slot in slot
 * order, each slot's in its report's order (a counting sort, so the
 * order within a report stays); *nr gets their number.  malloc'd.
 */
static struct pick *gather(const struct merge *m, const struct plan *p, const struct kind *kind,
			   size_t *nr)
{
	size_t *at = xcalloc(p->nr_slots + 1, sizeof(*at));

	for (size_t i = 0; i < m->nr_docs; i++)
		for (size_t j = 0; j < kind->count(&m->docs[i]); j++)
			if (kept(p, i, kind->host(&m->docs[i], j)))
				at[slot_of(p, kind->host(&m->docs[i], j)) + 1]++;
	for (size_t s = 1; s <= p->nr_slots; s++)
		at[s] += at[s - 1];
	*nr = at[p->nr_slots];
	struct pick *out = xcalloc(*nr + 1, sizeof(*out));
	for (size_t i = 0; i < m->nr_docs; i++)
		for (size_t j = 0; j < kind->count(&m->docs[i]); j++)
			if (kept(p, i, kind->host(&m->docs[i], j)))
				out[at[slot_of(p, kind->host(&m->docs[i], j))]++] = (struct pick){ i, j };
	free(at);
	return out;
}

static int same_input(const struct diag *a, const struct diag *b)
{
	return a->level == b->level && same_str(a->rule_id, b->rule_id) &&
	       same_str(a->message, b->message) && same_str(a->loc.file, b->loc.file) &&
	       a->loc.line == b->loc.line && a->loc.col == b->loc.col;
}

/*
 * Input diagnostics: the run-level ones (no host) of every report, each
 * distinct one once, sorted as the run sorts them; then the hosts'.
 */
static void merge_inputs(struct merge *m, const struct plan *p)
{
	struct diag_list run = DIAG_LIST_INIT;
	size_t nr_run = 0, nr;

	for (size_t i = 0; i < m->nr_docs; i++)
		for (size_t j = 0; j < m->docs[i].inputs.nr; j++)
			if (!m->docs[i].inputs.items[j]->host) {
				ALLOC_GROW(run.items, run.nr + 1, run.alloc);
				run.items[run.nr++] = m->docs[i].inputs.items[j];
			}
	diag_list_sort(&run);
	for (size_t j = 0; j < run.nr; j++)
		if (!nr_run || !same_input(run.items[nr_run - 1], run.items[j]))
			run.items[nr_run++] = run.items[j];

	struct pick *hosts = gather(m, p, &inputs_kind, &nr);
	ALLOC_GROW(m->inputs.items, nr_run + nr, m->inputs.alloc);
	for (size_t j = 0; j < nr_run; j++)
		m->inputs.items[m->inputs.nr++] = run.items[j];
	for (size_t k = 0; k < nr; k++) {
		struct diag *d = m->docs[hosts[k].doc].inputs.items[hosts[k].j];
		if (d->host)             /* the run-level ones are above */
			m->inputs.items[m->inputs.nr++] = d;
	}
	free(hosts);
	diag_list_release(&run);
}

static void merge_entries(struct merge *m, const struct plan *p)
{
	size_t nr;
	struct pick *picks = gather(m, p, &findings_kind, &nr);

	ALLOC_GROW(m->findings.items, nr, m->findings.alloc);
	for (size_t k = 0; k < nr; k++)
		m->findings.items[m->findings.nr++] = m->docs[picks[k].doc].findings.items[picks[k].j];
	free(picks);

	merge_inputs(m, p);

	picks = gather(m, p, &files_kind, &nr);
	m->files = xcalloc(nr + 1, sizeof(*m->files));
	for (size_t k = 0; k < nr; k++)
		m->files[k] = m->docs[picks[k].doc].files[picks[k].j];
	m->r.nr_files = nr;
	free(picks);

	picks = gather(m, p, &not_run_kind, &nr);
	m->not_run = xcalloc(nr + 1, sizeof(*m->not_run));
	for (size_t k = 0; k < nr; k++)
		m->not_run[k] = m->docs[picks[k].doc].not_run[picks[k].j];
	m->r.nr_not_run = nr;
	free(picks);
}

/* The time reference of the shards that have hosts, as the fleet takes it from its hosts. */
static void merge_time(struct merge *m)
{
	for (size_t i = 0; i < m->nr_docs; i++) {
		const struct report_doc *d = &m->docs[i];
		if (!d->nr_hosts)
			continue;
		if (!m->r.now_source)
			m->r.now_source = d->now_source;
		else if (!same_str(m->r.now_source, d->now_source))
			m->r.now_source = "mixed";
		if (d->has_now && d->now > m->r.now)
			m->r.now = d->now;
	}
}

int merge_reports(struct merge *m, const char *const *paths, size_t nr, const char **why)
{
	struct plan p = { STRMAP_INIT, STRMAP_INIT, 0 };

	m->docs = xcalloc(nr ? nr : 1, sizeof(*m->docs));
	for (; m->nr_docs < nr; m->nr_docs++) {
		struct report_doc *d = &m->docs[m->nr_docs];
		const char *w;
		report_doc_init(d);
		if (report_doc_load(d, paths[m->nr_docs], &w)) {
			m->nr_docs++;
			return fail(m, why, "'%s': %s", paths[m->nr_docs - 1], w);
		}
	}
	if (!nr)
		return fail(m, why, "no report to merge");
	if (check_options(m, why) || merge_hosts(m, &p.owners, why)) {
		strmap_release(&p.owners);
		return -1;
	}
	plan_slots(m, &p);
	merge_entries(m, &p);
	strmap_release(&p.owners);
	strmap_release(&p.slots);

	const struct report_doc *first = &m->docs[0];
	for (size_t k = 0; k < m->r.nr_hosts; k++) {
		m->r.nr_bindings += m->hosts[k].nr_bindings;
		m->r.nr_sites += m->hosts[k].nr_sites;
		m->r.nr_certs += m->hosts[k].nr_certs;
	}
	merge_time(m);
	m->r.tool_version = SSLCERTLINT_VERSION;
	m->r.rules = rule_table;
	m->r.nr_rules = rule_table_size;
	m->r.automation_id = first->automation_id;
	m->r.sarif_root = first->sarif_root;
	m->r.cwd = first->sarif_root;
	m->r.files = m->files;
	m->r.findings = &m->findings;
	m->r.inputs = &m->inputs;
	m->r.not_run = m->not_run;
	m->r.config_path = first->config_path;
	m->r.fail_on_name = first->fail_on;
	int fail_on = first->fail_on ? severity_parse(first->fail_on) : -1;
	m->r.fail_on = fail_on < 0 ? SEV_ERROR : (enum severity)fail_on;
	m->r.baseline = first->baseline;
	m->r.fleet = 1;
	m->r.hosts = m->hosts;
	return 0;
}

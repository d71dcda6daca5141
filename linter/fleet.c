#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fleet.h"
#include "snapshot.h"
#include "strmap.h"
#include "util.h"
#include "workers.h"

void fleet_lint_one(struct fleet *f, const char *const *paths, size_t nr_paths,
		    const struct lint_settings *s)
{
	memset(f, 0, sizeof(*f));
	arena_init(&f->arena);
	f->hosts = xcalloc(1, sizeof(*f->hosts));
	f->nr = 1;
	lint_snapshot(paths, nr_paths, s, &f->hosts[0].result);
}

unsigned fleet_shard_of(const char *folder, unsigned n)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (const unsigned char *p = (const unsigned char *)folder; *p; p++) {
		h ^= *p;
		h *= UINT64_C(0x100000001b3);
	}
	return (unsigned)(h % n) + 1;
}

struct fleet_job {
	struct fleet *f;
	const struct lint_settings *s;
};

static void lint_host(void *ctx, size_t i)
{
	struct fleet_job *job = ctx;
	const char *path = job->f->hosts[i].dir;
	lint_snapshot(&path, 1, job->s, &job->f->hosts[i].result);
}

static int cmp_hosts(const void *a, const void *b)
{
	const struct fleet_host *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->dir, y->dir);
}

/* s with ASCII letters lower-cased, in the arena. */
static const char *lower(struct arena *a, const char *s)
{
	char *l = arena_strdup(a, s);
	for (char *p = l; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return l;
}

/*
 * Host names: the manifest's, else the folder's.  Two folders claiming
 * one name (compared without case, as Windows compares host names) would
 * mix their findings, and a folder added later could take over a
 * server's name, and with it its baseline: each later claim is an input
 * error naming both folders, and every folder claiming the name is told
 * apart by its folder ("WEB01 (web01)"), none taking it alone.  A name
 * still taken after that gets a number ("WEB01 (web01 2)").  Returns the
 * number of errors.
 */
static int name_hosts(struct fleet *f, char **folders, struct diag_list *inputs)
{
	struct strmap first = STRMAP_INIT, seen = STRMAP_INIT;
	const char **base = xcalloc(f->nr, sizeof(*base));
	char *clash = xcalloc(f->nr, 1);
	int errors = 0;

	for (size_t i = 0; i < f->nr; i++) {
		struct fleet_host *h = &f->hosts[i];
		base[i] = h->result.manifest_host ? h->result.manifest_host : folders[i];
		const char *key = lower(&f->arena, base[i]);
		struct fleet_host *other = strmap_get(&first, key);
		if (!other) {
			strmap_put(&first, key, h);
			continue;
		}
		size_t j = (size_t)(other - f->hosts);
		struct srcloc loc = { arena_strdup(&f->arena, h->dir), 0, 0, NULL };
		diag_input(inputs, "input", SEV_ERROR, &loc,
			   "host name '%s' of '%s' is also that of '%s'%s%s%s: two snapshots of one "
			   "server, or a folder claiming another's name; each is reported under its "
			   "folder (give each server its own host name in snapshot.json)",
			   base[i], h->dir, other->dir,
			   strcmp(base[i], base[j]) ? " (as '" : "",
			   strcmp(base[i], base[j]) ? base[j] : "",
			   strcmp(base[i], base[j]) ? "')" : "");
		clash[i] = clash[j] = 1;
		errors++;
	}
	for (size_t i = 0; i < f->nr; i++) {
		struct fleet_host *h = &f->hosts[i];
		const char *name = clash[i] ? arena_strfmt(&f->arena, "%s (%s)", base[i], folders[i])
					    : base[i];
		for (unsigned n = 2; strmap_get(&seen, name); n++)
			name = arena_strfmt(&f->arena, "%s (%s %u)", base[i], folders[i], n);
		h->name = arena_strdup(&f->arena, name);
		strmap_put(&seen, h->name, h);
	}
	strmap_release(&first);
	strmap_release(&seen);
	free(base);
	free(clash);
	qsort(f->hosts, f->nr, sizeof(*f->hosts), cmp_hosts);
	return errors;
}

int fleet_lint_dir(struct fleet *f, const char *dir, const struct lint_settings *s, int jobs,
		   const struct fleet_shard *shard, struct diag_list *inputs)
{
	struct srcloc loc = { dir, 0, 0, NULL };
	char **names, **folders;
	size_t nr, alloc = 0, nr_folders = 0;

	memset(f, 0, sizeof(*f));
	arena_init(&f->arena);
	loc.file = arena_strdup(&f->arena, dir);
	if (snapshot_dir_names(dir, 0, &names, &nr)) {
		diag_input(inputs, "input", SEV_ERROR, &loc, "cannot read fleet directory: %s",
			   strerror(errno));
		return 1;
	}
	folders = xcalloc(nr ? nr : 1, sizeof(*folders));
	for (size_t i = 0; i < nr; i++) {
		char *path = snapshot_join_path(dir, names[i]);
		struct stat st;
		int is_link = 0;
		if (!lstat(path, &st)) {
			if (S_ISDIR(st.st_mode)) {
				nr_folders++;
				if (shard && fleet_shard_of(names[i], shard->n) != shard->k) {
					/* another shard's host */
					free(path);
					free(names[i]);
					continue;
				}
				ALLOC_GROW(f->hosts, f->nr + 1, alloc);
				memset(&f->hosts[f->nr], 0, sizeof(*f->hosts));
				f->hosts[f->nr].dir = path;
				folders[f->nr++] = names[i];
				continue;
			}
			is_link = S_ISLNK(st.st_mode);
		}
		struct srcloc file = { arena_strdup(&f->arena, path), 0, 0, NULL };
		diag_input(inputs, "input", SEV_NOTE, &file, is_link ?
			   "a symbolic link, not followed: not linted as a host folder" :
			   "not in a host folder: left out (with --fleet, each subdirectory is one server's snapshot)");
		free(path);
		free(names[i]);
	}
	free(names);
	if (!nr_folders) {
		diag_input(inputs, "input", SEV_ERROR, &loc,
			   "no host folders in fleet directory: expected one subdirectory per server");
		free(folders);
		return 1;
	}

	if (!f->nr) {
		/* every host is in other shards: an empty report, for merge */
		free(folders);
		return 0;
	}
	/* a host folder swapped for a link since the lstat() is not followed either */
	struct lint_settings hs = *s;
	hs.snap.no_links = 1;
	struct fleet_job job = { f, &hs };
	workers_run(f->nr, jobs, lint_host, &job);
	int errors = name_hosts(f, folders, inputs);
	for (size_t i = 0; i < f->nr; i++)
		free(folders[i]);
	free(folders);
	return errors;
}

/* Appends the diagnostics of from to the view to, stamped with host. */
static void add_view(struct diag_list *to, const struct diag_list *from, const char *host)
{
	ALLOC_GROW(to->items, to->nr + from->nr, to->alloc);
	for (size_t i = 0; i < from->nr; i++) {
		from->items[i]->host = host;
		to->items[to->nr++] = from->items[i];
	}
}

void fleet_report_build(const struct fleet *f, const struct diag_list *run_inputs,
			struct fleet_report *out)
{
	size_t nr_files = 0, nr_not_run = 0;

	memset(out, 0, sizeof(*out));
	diag_list_init(&out->findings);
	diag_list_init(&out->inputs);
	add_view(&out->inputs, run_inputs, NULL);
	for (size_t i = 0; i < f->nr; i++) {
		nr_files += f->hosts[i].result.nr_files;
		nr_not_run += f->hosts[i].result.nr_not_run;
	}
	out->files = xcalloc(nr_files ? nr_files : 1, sizeof(*out->files));
	out->not_run = xcalloc(nr_not_run ? nr_not_run : 1, sizeof(*out->not_run));
	out->hosts = xcalloc(f->nr ? f->nr : 1, sizeof(*out->hosts));
	out->nr_hosts = f->nr;

	for (size_t i = 0; i < f->nr; i++) {
		const struct fleet_host *h = &f->hosts[i];
		const struct lint_result *r = &h->result;
		add_view(&out->findings, &r->findings, h->name);
		add_view(&out->inputs, &r->inputs, h->name);
		for (size_t j = 0; j < r->nr_files; j++) {
			out->files[out->nr_files] = r->files[j];
			out->files[out->nr_files++].host = h->name;
		}
		for (size_t j = 0; j < r->nr_not_run; j++) {
			out->not_run[out->nr_not_run] = r->not_run[j];
			out->not_run[out->nr_not_run++].host = h->name;
		}
		/* a single snapshot's host is named by its manifest, when it has one */
		out->hosts[i].name = h->name ? h->name : r->manifest_host;
		out->hosts[i].path = h->dir;
		out->hosts[i].failed = r->input_errors > 0 ||
			diag_list_count(&r->inputs, SEV_ERROR) > 0;
		out->hosts[i].nr_bindings = r->nr_bindings;
		out->hosts[i].nr_sites = r->nr_sites;
		out->hosts[i].nr_certs = r->nr_certs;
		out->nr_bindings += r->nr_bindings;
		out->nr_sites += r->nr_sites;
		out->nr_certs += r->nr_certs;
		out->input_errors += r->input_errors;
		if (!i || r->now > out->now)
			out->now = r->now;
		if (!i)
			out->now_source = r->now_source;
		else if (strcmp(out->now_source, r->now_source))
			out->now_source = "mixed";
	}
}

void fleet_report_release(struct fleet_report *r)
{
	/* frees the views' arrays, and what was added to the views themselves */
	diag_list_release(&r->findings);
	diag_list_release(&r->inputs);
	free(r->files);
	free(r->not_run);
	free(r->hosts);
}

void fleet_release(struct fleet *f)
{
	for (size_t i = 0; i < f->nr; i++) {
		lint_result_release(&f->hosts[i].result);
		free(f->hosts[i].dir);
	}
	free(f->hosts);
	arena_release(&f->arena);
}

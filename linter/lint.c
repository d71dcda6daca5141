#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "lint.h"
#include "model_build.h"
#include "runner.h"
#include "strmap.h"
#include "timeutil.h"
#include "timing.h"
#include "util.h"

/* 2000-01-01T00:00:00Z: no export is older; a "taken" before it is a mistake or a trick. */
#define TAKEN_EARLIEST INT64_C(946684800)
/* A day of clock skew between the server and the machine that lints. */
#define TAKEN_SKEW INT64_C(86400)

/*
 * --now, else the manifest's "taken", else the clock.  A "taken" before
 * 2000 or after the clock is an input error and not used: a snapshot
 * could otherwise set the time back to silence the expiry rules.
 * Returns the number of input errors (0 or 1).
 */
static int set_time_reference(struct model *m, const struct lint_settings *s,
			      struct diag_list *inputs)
{
	int64_t clock = (int64_t)time(NULL);
	int errors = 0;
	if (m->manifest.has_taken &&
	    (m->manifest.taken < TAKEN_EARLIEST || m->manifest.taken > clock + TAKEN_SKEW)) {
		char when[64];
		utc_format(m->manifest.taken, when);
		diag_input(inputs, "parse.manifest", SEV_ERROR, &m->manifest.loc,
			   "implausible 'taken' %s UTC: %s; dates are judged by %s instead",
			   when, m->manifest.taken < TAKEN_EARLIEST ? "before 2000" : "after the clock",
			   s->now_source ? "--now" : "the clock");
		m->manifest.has_taken = 0;
		errors = 1;
	}
	if (s->now_source) {
		m->host.now = s->now;
		m->host.now_source = s->now_source;
	} else if (m->manifest.has_taken) {
		m->host.now = m->manifest.taken;
		m->host.now_source = "manifest";
	} else {
		m->host.now = clock;
		m->host.now_source = "clock";
	}
	return errors;
}

/*
 * Copies of the model's strings that diagnostics and the file table point
 * to, one per distinct string: reporters compare file paths by pointer.
 */
struct keeper {
	struct arena *arena;
	struct strmap copies;    /* string -> its copy */
};

static const char *keep(struct keeper *k, const char *s)
{
	if (!s)
		return NULL;
	char *copy = strmap_get(&k->copies, s);
	if (!copy) {
		copy = arena_strdup(k->arena, s);
		strmap_put(&k->copies, copy, copy);
	}
	return copy;
}

static void keep_loc(struct keeper *k, struct srcloc *loc)
{
	loc->file = keep(k, loc->file);
	loc->path = keep(k, loc->path);
}

static void keep_diags(struct keeper *k, struct diag_list *list)
{
	for (size_t i = 0; i < list->nr; i++) {
		struct diag *d = list->items[i];
		keep_loc(k, &d->loc);
		for (size_t j = 0; j < d->nr_related; j++)
			keep_loc(k, &d->related[j].loc);
	}
}

/* What the report needs of the model, owned by the result. */
static void detach(struct lint_result *r, const struct model *m)
{
	struct keeper k = { &r->arena, STRMAP_INIT };

	r->nr_files = m->nr_files;
	r->files = xcalloc(m->nr_files ? m->nr_files : 1, sizeof(*r->files));
	for (size_t i = 0; i < m->nr_files; i++) {
		r->files[i] = m->files[i];
		r->files[i].path = keep(&k, m->files[i].path);
	}
	keep_diags(&k, &r->findings);
	keep_diags(&k, &r->inputs);
	r->manifest_host = keep(&k, m->manifest.name);
	r->nr_bindings = m->nr_bindings;
	r->nr_sites = m->nr_sites;
	r->nr_certs = m->nr_certs;
	r->now = m->host.now;
	r->now_source = m->host.now_source;
	strmap_release(&k.copies);
}

void lint_snapshot(const char *const *paths, size_t nr_paths, const struct lint_settings *s,
		   struct lint_result *out)
{
	struct model m;
	struct timings *tm = s->snap.timings;

	memset(out, 0, sizeof(*out));
	diag_list_init(&out->findings);
	diag_list_init(&out->inputs);
	arena_init(&out->arena);
	model_init(&m);
	config_set_params(s->cfg, &m);
	out->input_errors = snapshot_load(&m, paths, nr_paths, &s->snap, &out->inputs);
	out->input_errors += set_time_reference(&m, s, &out->inputs);

	if (s->dump_model) {
		model_dump(&m, s->dump_model);
	} else {
		out->input_errors += runner_run_timed(&m, s->cfg, &out->findings, &out->inputs,
						      &out->not_run, &out->nr_not_run,
						      tm ? tm->rules : NULL);
		double t0 = timing_now();
		/* suppressions expire by --now or the clock, never by the snapshot's "taken" */
		config_apply(s->cfg, &out->findings, s->now_source ? s->now : (int64_t)time(NULL));
		if (tm)
			tm->post += timing_now() - t0;
	}
	detach(out, &m);
	model_release(&m);
}

void lint_result_release(struct lint_result *r)
{
	free(r->files);
	free(r->not_run);
	diag_list_release(&r->findings);
	diag_list_release(&r->inputs);
	arena_release(&r->arena);
}

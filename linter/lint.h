#ifndef LINT_H
#define LINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "report.h"
#include "snapshot.h"

struct lint_config;

/*
 * Linting one server's snapshot: its inputs read into a model, the time
 * reference set, the rules run, configured levels and suppressions
 * applied.  The result owns every string it points to, so the model is
 * gone before the report is written (a fleet holds hundreds of results
 * at once), and nothing is shared between two calls but the read-only
 * settings: fleet.c lints several snapshots at once on worker threads.
 */
struct lint_settings {
	const struct lint_config *cfg;   /* rules enabled, levels, parameters, suppressions */
	struct snapshot_options snap;
	int64_t now;                     /* the --now time, when now_source is set */
	const char *now_source;          /* "--now", or NULL: the manifest's "taken", else the clock */
	FILE *dump_model;                /* --dump-model: print the model here and run no rule */
};

struct lint_result {
	struct diag_list findings;       /* unsorted */
	struct diag_list inputs;         /* the snapshot's input diagnostics, unsorted */
	struct input_file *files;        /* in the order read */
	size_t nr_files;
	struct not_run *not_run;
	size_t nr_not_run;
	size_t nr_bindings, nr_sites, nr_certs;
	const char *manifest_host;       /* the manifest's host name, or NULL */
	int64_t now;                     /* the time reference used, and where it came from */
	const char *now_source;
	int input_errors;                /* input errors, and rules that failed internally */
	struct arena arena;              /* paths and names copied out of the model */
};

void lint_snapshot(const char *const *paths, size_t nr_paths, const struct lint_settings *s,
		   struct lint_result *out);

void lint_result_release(struct lint_result *r);

#endif

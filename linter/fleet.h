#ifndef FLEET_H
#define FLEET_H

#include <stddef.h>

#include "diag.h"
#include "lint.h"
#include "report.h"

/*
 * The hosts of one run.  --fleet DIR: every subdirectory of DIR is one
 * server's snapshot, named by its manifest's host, else by the folder
 * (a name claimed twice is an input error, and each claimant is named
 * by its folder too);
 * the hosts are linted alone (lint.h), several at once on worker
 * threads, and listed by name, so the report is the same for any
 * --jobs.  Without --fleet, the paths on the command line are a fleet
 * of one host without a name.
 */
struct fleet_host {
	char *dir;               /* DIR/<folder>; NULL for the single unnamed host */
	const char *name;        /* NULL for the single unnamed host */
	struct lint_result result;
};

struct fleet {
	struct fleet_host *hosts;
	size_t nr;
	struct arena arena;      /* host names */
};

/* Lints the paths as one unnamed host. */
void fleet_lint_one(struct fleet *f, const char *const *paths, size_t nr_paths,
		    const struct lint_settings *s);

/*
 * Lints each subdirectory of dir as a host, up to jobs at a time.  Problems
 * with dir itself (unreadable, no host folder in it, two folders claiming
 * one host name) go to inputs; returns their number of errors.  Files beside the host folders are left out,
 * with a note, and so are symbolic links, even to a folder: they are not
 * followed (dir itself may be one).
 */
int fleet_lint_dir(struct fleet *f, const char *dir, const struct lint_settings *s, int jobs,
		   struct diag_list *inputs);

/*
 * Everything the hosts found, for the report: views (the diagnostics
 * stay owned by the hosts, so release the fleet after the report), each
 * diagnostic, input and rule not run stamped with its host.  run_inputs
 * (the configuration's and baseline's problems) come first.
 */
struct fleet_report {
	struct diag_list findings;
	struct diag_list inputs;
	struct input_file *files;
	size_t nr_files;
	struct not_run *not_run;
	size_t nr_not_run;
	struct report_host *hosts;
	size_t nr_hosts;
	size_t nr_bindings, nr_sites, nr_certs;
	int64_t now;             /* the newest time reference of the hosts */
	const char *now_source;  /* the hosts' one, or "mixed" */
	int input_errors;        /* over all hosts */
};

void fleet_report_build(const struct fleet *f, const struct diag_list *run_inputs,
			struct fleet_report *out);
void fleet_report_release(struct fleet_report *r);

void fleet_release(struct fleet *f);

#endif

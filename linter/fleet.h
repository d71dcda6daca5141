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

/*
 * --shard K/N: of the fleet's host folders, only those whose folder name
 * falls in shard K are linted.  A folder's shard is
 *
 *     FNV-1a 64 (offset 0xcbf29ce484222325, prime 0x100000001b3) of the
 *     bytes of its name (UTF-8 on any system that names files in it),
 *     modulo N, plus 1
 *
 * so it depends on nothing but the name and N: not the directory's
 * order, the machine or the other folders.  The folder's name, not the
 * host name a snapshot.json may give: it is known without reading the
 * exports, so a shard reads only its own hosts.
 */
struct fleet_shard {
	unsigned k, n;           /* 1 <= k <= n */
};

#define FLEET_SHARD_MAX 10000

/* The shard (1 to n) of the host folder named folder. */
unsigned fleet_shard_of(const char *folder, unsigned n);

/* Lints the paths as one unnamed host. */
void fleet_lint_one(struct fleet *f, const char *const *paths, size_t nr_paths,
		    const struct lint_settings *s);

/*
 * Lints each subdirectory of dir as a host (with shard, those of shard
 * shard->k only), up to jobs at a time.  Problems
 * with dir itself (unreadable, no host folder in it, two folders claiming
 * one host name) go to inputs; returns their number of errors.  Files beside the host folders are left out,
 * with a note, and so are symbolic links, even to a folder: they are not
 * followed (dir itself may be one).
 */
int fleet_lint_dir(struct fleet *f, const char *dir, const struct lint_settings *s, int jobs,
		   const struct fleet_shard *shard, struct diag_list *inputs);

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

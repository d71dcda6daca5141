#ifndef MERGE_H
#define MERGE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "report.h"
#include "report_read.h"

/*
 * `sslcertlint merge REPORT...`: the reports of the N shards of one
 * fleet (--fleet DIR --shard K/N, one each), read back (report_read.h)
 * into one struct report, which the format's own reporter writes: the
 * bytes `sslcertlint --fleet DIR` with the same options writes.
 *
 * Refused, with why: a report that is not a shard's, reports of two
 * formats or of another version of sslcertlint, a shard missing or given
 * twice, options the reports record and do not agree on (--fail-on,
 * --now, --config, --baseline, --sarif-automation-id, the SARIF root),
 * and a host in two shards (two folders claiming one host name: only a
 * run over the whole fleet can name them apart).
 *
 * How the entries come together, so their order is the whole run's: a
 * host's entries are all in one shard, already in the order the whole
 * run gives them, and the run sorts by host first; so each host's entries
 * are taken from its shard and the hosts put in name order.  Run-level
 * input diagnostics (configuration, baseline, files beside the host
 * folders) are in every shard: each distinct one is kept once, sorted as
 * the run sorts them.  A finding gone since the baseline whose host is in
 * no shard (a server removed since), or that has none, is in every
 * shard: it is taken from the first.
 */
struct merge {
	struct report_doc *docs;
	size_t nr_docs;
	struct report r;         /* the merged report, pointing into docs and below */
	struct diag_list findings, inputs;   /* views: the diagnostics stay the docs' */
	struct input_file *files;
	struct not_run *not_run;
	struct report_host *hosts;
	int host_failed;         /* a host's snapshot had input errors (JSON) */
	struct arena arena;
};

void merge_init(struct merge *m);
void merge_release(struct merge *m);

/*
 * Reads the reports at paths and merges them into m->r.  Returns 0, or
 * -1 with *why saying what is refused (in m's arena).
 */
int merge_reports(struct merge *m, const char *const *paths, size_t nr, const char **why);

#endif

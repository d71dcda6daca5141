#ifndef REPORT_READ_H
#define REPORT_READ_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "report.h"

/*
 * A JSON or SARIF report of sslcertlint read back into the pieces of
 * struct report (report.h) it was written from, for `sslcertlint merge`
 * (merge.h): what the format keeps, as the reporter wrote it.  The JSON
 * report keeps everything its reporter prints; the SARIF report what
 * its reporter prints: no input kinds, no skipped inputs, no host paths
 * or counts, and a finding without a file or line at the place the
 * reporter put it (its host's first input, line 1).
 *
 * Everything from the file is untrusted: a string is copied as Jansson
 * read it (valid UTF-8), a number out of range, an unknown level or a
 * missing member makes the report refused, never guessed.
 */
struct report_doc {
	const char *path;        /* as given */
	const char *format;      /* "json" or "sarif" */
	const char *tool_version;
	const char *config_path, *fail_on, *shard, *automation_id;
	const char *now_source;  /* "timeReference"; NULL when not recorded */
	int64_t now;
	int has_now;             /* "timeReferenceAt" was there */
	const char *sarif_root;  /* SARIF: %SRCROOT%'s folder, absolute and clean; else NULL */
	int fleet;               /* a --fleet report ("hosts") */
	int baseline;            /* compared with a baseline */
	struct diag_list findings, inputs;   /* in the report's order */
	struct input_file *files;
	size_t nr_files;
	struct not_run *not_run;
	size_t nr_not_run;
	struct report_host *hosts;
	size_t nr_hosts;
	struct arena arena;      /* every string above */
};

void report_doc_init(struct report_doc *d);
void report_doc_release(struct report_doc *d);

/*
 * Reads the report at path.  Returns 0, or -1 with *why saying what is
 * wrong (in d's arena).
 */
int report_doc_load(struct report_doc *d, const char *path, const char **why);

/* ---- for report_read_json.c and report_read_sarif.c ---- */

/* Returns -1 after setting *why from fmt (in d's arena). */
int report_doc_fail(struct report_doc *d, const char **why, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* obj[key] copied into d's arena when it is a string, else NULL. */
const char *report_doc_str(struct report_doc *d, json_t *obj, const char *key);

/*
 * Checks that fp, as a report states it for the finding f (its `what`,
 * "finding" or "result", number n from 1), is the fingerprint of f's rule,
 * host and key: 0, or -1 with *why set (an edited report).
 */
int report_doc_check_fingerprint(struct report_doc *d, const char **why, const struct diag *f,
				 const char *fp, const char *what, size_t n);

/* obj[key] as a count (an integer from 0 to max) into *out: 0; -1 when it is not one; 1 when absent. */
int report_doc_count(json_t *obj, const char *key, uint64_t max, uint64_t *out);

/* A level name ("error", "warning", "note") to *out: 0, or -1. */
int report_doc_level(const char *name, enum severity *out);

/* A baselineState name to *out: 0, or -1 (NULL is BASELINE_NONE). */
int report_doc_baseline_state(const char *name, enum baseline_state *out);

/* A fixShells array to *out: 0, or -1 when it is none the reporters write. */
int report_doc_fix_shell(json_t *arr, enum fix_shell *out);

/* The time reference: timeReference and timeReferenceAt of obj. 0, or -1. */
int report_doc_time(struct report_doc *d, json_t *obj, const char **why);

/* The readers of each format: doc is the parsed file. 0, or -1 with *why. */
int report_doc_read_json(struct report_doc *d, json_t *doc, const char **why);
int report_doc_read_sarif(struct report_doc *d, json_t *doc, const char **why);

#endif

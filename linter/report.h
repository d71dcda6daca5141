#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "model.h"

/*
 * What a reporter sees: the diagnostics and the file table, nothing of
 * the model's insides (STYLE R1).  Everything is sorted and final; a
 * reporter only formats it.
 */
struct not_run {
	const char *rule_id;     /* "SCL001" */
	const char *rule_name;   /* "ctl-store-missing" */
	const char *reason;      /* what is missing and the export that would enable it */
};

struct rule;

struct report {
	const char *tool_version;
	const struct rule *const *rules;    /* the rule table, for formats that describe rules */
	size_t nr_rules;
	const char *automation_id;          /* SARIF automationDetails.id, or NULL */
	const struct input_file *files;     /* in the order read; skipped ones included */
	size_t nr_files;
	const struct diag_list *findings;   /* sorted (diag_list_sort) */
	const struct diag_list *inputs;     /* input diagnostics, sorted */
	const struct not_run *not_run;
	size_t nr_not_run;
	size_t nr_bindings, nr_sites, nr_certs;
	const char *now_source;  /* "--now", "manifest", "clock" */
	int show_suppressed;     /* text: list suppressed findings too */
	int baseline;            /* compared with a baseline: findings carry a baseline state */
	int color;               /* text: ANSI colours (only when writing to a terminal) */
};

/*
 * A reporter writes the whole report to out.  It returns 0, or -1 when
 * writing failed (ferror); it never exits.
 */
typedef int (*report_fn)(const struct report *r, FILE *out);

int report_text(const struct report *r, FILE *out);
int report_json(const struct report *r, FILE *out);
int report_sarif(const struct report *r, FILE *out);

/* The reporter for a --format name ("text", "json", "sarif"), or NULL. */
report_fn report_find(const char *format);

/* The --format names, for --help: "text, json, sarif". */
const char *report_format_names(void);

/*
 * A stable fingerprint of a finding: 16 lower-case hex digits of the
 * 64-bit FNV-1a hash of "<rule id>\n<logical key>" (never line numbers),
 * so a re-export that only moves lines keeps it.  out has 17 bytes.
 */
void report_fingerprint(const struct diag *d, char out[17]);

#endif

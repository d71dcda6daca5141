#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "model.h"
#include "strmap.h"

/*
 * What a reporter sees: the diagnostics and the file table, nothing of
 * the model's insides (STYLE R1).  Everything is sorted and final; a
 * reporter only formats it.
 */
struct not_run {
	const char *rule_id;     /* "SCL001" */
	const char *rule_name;   /* "ctl-store-missing" */
	const char *reason;      /* what is missing and the export that would enable it */
	const char *host;        /* fleet mode: the server it did not run for; else NULL */
};

/*
 * Fleet mode (--fleet DIR): one server's snapshot.  Its files, findings,
 * input diagnostics and rules not run are those whose host equals name.
 */
struct report_host {
	const char *name;        /* the host: its manifest's name, else its folder's (fleet.h);
				    outside fleet mode the one host: its manifest's name or NULL */
	const char *path;        /* the snapshot directory, as given (NULL outside fleet mode) */
	int failed;              /* its snapshot had input errors */
	size_t nr_bindings, nr_sites, nr_certs;   /* of its model, for its summary */
};

struct rule;

struct report {
	const char *tool_version;
	const struct rule *const *rules;    /* the rule table, for formats that describe rules */
	size_t nr_rules;
	const char *automation_id;          /* SARIF automationDetails.id, or NULL */
	/*
	 * SARIF: the folder relative URIs are relative to (%SRCROOT%, its
	 * file:// URI in originalUriBaseIds), and the folder relative input
	 * paths are relative to; both absolute and clean (pathname.h).  A
	 * path below sarif_root becomes a relative URI, any other an
	 * absolute file:// URI.  NULL sarif_root: paths stay as given
	 * (cleaned), relative ones relative to an undescribed %SRCROOT%.
	 */
	const char *sarif_root;
	const char *cwd;                    /* NULL: sarif_root */
	const struct input_file *files;     /* in the order read; skipped ones included */
	size_t nr_files;
	const struct diag_list *findings;   /* sorted (diag_list_sort) */
	const struct diag_list *inputs;     /* input diagnostics, sorted */
	const struct not_run *not_run;
	size_t nr_not_run;
	size_t nr_bindings, nr_sites, nr_certs;
	const char *now_source;  /* "--now", "manifest", "clock", "mixed" */
	int64_t now;             /* the time reference (the latest host's in a fleet) */
	const char *config_path; /* the configuration file read, or NULL */
	const char *fail_on_name; /* JSON, SARIF: the --fail-on level's name, recorded; NULL: left out */
	const char *shard;       /* JSON, SARIF: "K/N" of a --shard run (merge reads it); else NULL */
	int show_suppressed;     /* text: list suppressed findings too */
	int quiet;               /* text (-q): no notes, no rules not run; warnings and errors stay */
	enum severity fail_on;   /* --fail-on: what fails the run (report_fails()); SEV_NONE: nothing */
	int baseline;            /* compared with a baseline: findings carry a baseline state */
	int color;               /* text: ANSI colours (only when writing to a terminal) */
	/*
	 * Fleet mode: files, findings, inputs and not_run hold every host's
	 * entries, each carrying its host (NULL for a run-level one such as
	 * a configuration error); only a finding gone since the baseline may
	 * carry a host that is not in hosts.  nr_bindings, nr_sites, nr_certs
	 * are totals.
	 */
	int fleet;
	const struct report_host *hosts;    /* sorted by name */
	size_t nr_hosts;
};

/*
 * A reporter writes the whole report to out.  It returns 0, or -1 when
 * writing failed (ferror); it never exits.
 */
typedef int (*report_fn)(const struct report *r, FILE *out);

int report_text(const struct report *r, FILE *out);

/*
 * The input errors and the summary line of the text report, for standard
 * error when the report itself goes to a file (-o): a CI log then shows
 * why a job failed, whatever the report's format.
 */
int report_text_brief(const struct report *r, FILE *out);

/*
 * Parts of the text report, for formats that carry its lines (JUnit
 * bodies, GitHub annotation messages).  report_text_diag() writes one
 * diagnostic as the text report does: its line, suppression, related
 * lines and fix, each ending in a newline, every input string escaped
 * (text_escape.h).  report_text_total() writes the whole report's
 * summary line, without the newline.
 */
void report_text_diag(const struct report *r, const struct diag *d, FILE *out);
void report_text_total(const struct report *r, FILE *out);

int report_json(const struct report *r, FILE *out);
int report_sarif(const struct report *r, FILE *out);
int report_github(const struct report *r, FILE *out);
int report_gitlab(const struct report *r, FILE *out);
int report_junit(const struct report *r, FILE *out);

/* The reporter for a --format name ("text", "json", "sarif", ...), or NULL. */
report_fn report_find(const char *format);

/* The --format names, for --help and errors: "text, json, sarif, github, gitlab, junit". */
const char *report_format_names(void);

/*
 * Whether finding d makes the run fail (exit 1): at or above
 * r->fail_on, not suppressed, not gone, and new when compared with a
 * baseline.
 */
int report_fails(const struct report *r, const struct diag *d);

/*
 * A stable fingerprint of a finding: 16 lower-case hex digits of the
 * 64-bit FNV-1a hash of "<rule id>\n<logical key>", or in fleet mode
 * (d->host set) of "<rule id>\n<host>\n<logical key>" (never line
 * numbers), so a re-export that only moves lines keeps it and the same
 * problem on two servers gets two.  out has 17 bytes.
 */
void report_fingerprint(const struct diag *d, char out[17]);

/*
 * A report's entries grouped by host, built once per report in
 * O(entries + hosts) (a strmap from host name to group, then a counting
 * pass), so a reporter walks each host's own entries instead of the
 * whole report per host.
 *
 * group[0] holds the entries of no host in r->hosts: run-level ones
 * (host NULL), and findings gone since the baseline from a host no
 * longer in the fleet; group[k + 1] those of r->hosts[k] (hosts of one
 * name share their entries).  Outside fleet mode group[0] is the only
 * group and holds every entry.  Each group's arrays keep the report's
 * order; they point into the report, which must outlive the groups.
 */
struct report_group {
	const struct report_host *host;     /* NULL for group[0] */
	const struct diag **findings;
	size_t nr_findings;
	const struct diag **inputs;
	size_t nr_inputs;
	const struct input_file **files;
	size_t nr_files;
	const struct not_run **not_run;
	size_t nr_not_run;
};

struct report_groups {
	struct report_group *group;         /* nr of them */
	size_t nr;                          /* 1 + r->nr_hosts in fleet mode, else 1 */
	int fleet;                          /* r->fleet */
	struct strmap by_host;              /* host name -> its group index + 1 */
	/* the storage the groups' arrays point into */
	const struct diag **findings, **inputs;
	const struct input_file **files;
	const struct not_run **not_run;
};

#define REPORT_GROUPS_INIT { NULL, 0, 0, STRMAP_INIT, NULL, NULL, NULL, NULL }

/* Groups the entries of r; report_groups_release() frees them. */
void report_groups_init(struct report_groups *groups, const struct report *r);

void report_groups_release(struct report_groups *groups);

/*
 * The group of the entries of host: group[0] for NULL (and for any host
 * outside fleet mode), NULL for a host not in r->hosts.
 */
const struct report_group *report_groups_find(const struct report_groups *groups,
					      const char *host);

/*
 * The host name shown for group g: its host's name; outside fleet mode
 * the snapshot's (its manifest's host), else "snapshot"; for a fleet's
 * run-level group[0], "sslcertlint".
 */
const char *report_group_host_name(const struct report *r, const struct report_group *g);

/*
 * The input a finding of group g without a file points at, for formats
 * that need a file on every result (SARIF, GitLab): the group's first
 * input that was read, else its first listed, else the report's first
 * (g NULL: a host no longer in the fleet); NULL when there is none.
 */
const char *report_first_input(const struct report *r, const struct report_group *g);

/* The counts of a summary, for the whole report or one group. */
struct report_summary {
	size_t error, warning, note;   /* findings that count: not suppressed, not absent */
	size_t suppressed;             /* findings a suppression hides */
	size_t new, absent;            /* not suppressed, in that baseline state */
	size_t input_errors;           /* input diagnostics at level error */
	size_t input_warnings;         /* input diagnostics at level warning */
	size_t inputs;                 /* files read (not skipped) */
	size_t bindings, sites, certs;
};

/*
 * The summary of group g: bindings, sites and certificates are its
 * host's (none for the run-level group[0] of a fleet).  With g NULL, the
 * summary of the whole report, with the report's totals.
 */
void report_summarize(const struct report *r, const struct report_group *g,
		      struct report_summary *s);

#endif

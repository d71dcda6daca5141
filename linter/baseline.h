#ifndef BASELINE_H
#define BASELINE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "strmap.h"

/*
 * --baseline PREVIOUS: an earlier JSON or SARIF report of this tool.
 * Findings are matched by fingerprint (rule id + logical key, and the
 * host in fleet mode; never line numbers, see report_fingerprint()), so
 * a re-export that only moves lines changes nothing.
 */
struct baseline_entry {
	const char *fingerprint, *rule_id, *rule_name, *message, *path, *key;
	const char *host;                /* a fleet report's "host"; else NULL */
	enum severity level;
	uint32_t line;
	int matched;
	struct baseline_entry *next;     /* next with the same fingerprint */
};

struct baseline {
	struct arena arena;
	struct baseline_entry *entries;
	size_t nr;
	struct strmap by_fingerprint;    /* -> first entry of that fingerprint */
};

void baseline_init(struct baseline *b);
void baseline_release(struct baseline *b);

/* Reads the report at path; problems go to inputs (id "baseline"); returns the number of errors. */
int baseline_load(struct baseline *b, const char *path, struct diag_list *inputs);

/*
 * Sets every finding's baseline state: new, unchanged, or updated (same
 * fingerprint, another message or level); then appends one finding with
 * state absent for every baseline entry nothing matched, with the
 * entry's host.  In fleet mode call it once, on every host's findings
 * with their hosts set, so an entry is absent only when no host has it.
 */
void baseline_apply(struct baseline *b, struct diag_list *findings);

#endif

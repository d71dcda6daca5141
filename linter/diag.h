#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>

#include "arena.h"
#include "srcloc.h"

/*
 * Diagnostics: the findings rules emit and the problems parsers find in
 * their inputs.  Both are the same record; an input diagnostic carries a
 * reserved id such as "parse.reg" and no rule name.
 */
enum severity {
	SEV_NONE = 0,       /* only as a --fail-on level: nothing fails */
	SEV_NOTE,
	SEV_WARNING,
	SEV_ERROR,
};

/* How a finding compares with a --baseline report (SARIF baselineState). */
enum baseline_state {
	BASELINE_NONE = 0,       /* no baseline given */
	BASELINE_NEW,
	BASELINE_UNCHANGED,
	BASELINE_UPDATED,        /* same fingerprint, another message or level */
	BASELINE_ABSENT,         /* in the baseline, gone now (listed, never counted) */
};

struct diag_related {
	struct srcloc loc;
	const char *message;
};

struct diag {
	const char *rule_id;     /* "SCL001", or "parse.netsh" etc. for input diagnostics */
	const char *rule_name;   /* "ctl-store-missing"; NULL for input diagnostics */
	enum severity level;
	struct srcloc loc;       /* primary location; loc.file may be NULL for run-level problems */
	const char *message;     /* one or two sentences, no trailing newline */
	const char *key;         /* logical key, e.g. "hostnameport:pki.example.org:443"; may be NULL */
	const char *fix;         /* a command that can be pasted as is; may be NULL */
	struct diag_related *related;
	size_t nr_related, alloc_related;
	const char *suppressed;  /* the suppression's reason when a configured suppression applies, else NULL */
	enum baseline_state baseline;
	const char *host;        /* fleet mode: the server it belongs to (not owned); else NULL */
};

struct rule;

/*
 * A growable list of diagnostics; every string and the related arrays
 * live in its own arena.  `rule` is set by the rule runner while a rule's
 * check() runs, so diag_emit() can stamp the rule's id and name.
 */
struct diag_list {
	struct arena arena;
	struct diag **items;
	size_t nr, alloc;
	const struct rule *rule;
};

#define DIAG_LIST_INIT { ARENA_INIT, NULL, 0, 0, NULL }

void diag_list_init(struct diag_list *list);
void diag_list_release(struct diag_list *list);

/*
 * Appends a finding of the rule that is running (see rule.h) and returns
 * it, owned by the list, so the caller can add related locations and a
 * fix.  key may be NULL.  The message is printf-formatted.  Its host is
 * NULL; a fleet driver sets it.
 */
struct diag *diag_emit(struct diag_list *list, enum severity level,
		       const struct srcloc *loc, const char *key,
		       const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/*
 * Appends an input diagnostic: id is the reserved id of the producer
 * ("parse.netsh", "parse.reg", "input").  Messages follow git's style:
 * lower case, no full stop, the subject in quotes.
 */
struct diag *diag_input(struct diag_list *list, const char *id,
			enum severity level, const struct srcloc *loc,
			const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Adds one related location with a printf-formatted message. */
void diag_add_related(struct diag_list *list, struct diag *d,
		      const struct srcloc *loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Sets the fix command (printf-formatted). */
void diag_set_fix(struct diag_list *list, struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Sorts by (host, file, line, col, rule id, key, message), a NULL host
 * first, so output is the same whatever order inputs were read and rules
 * ran in, and a fleet's diagnostics are grouped by host.
 */
void diag_list_sort(struct diag_list *list);

/* How many diagnostics are at or above level. */
size_t diag_list_count_at_least(const struct diag_list *list, enum severity level);
size_t diag_list_count(const struct diag_list *list, enum severity level);

/* "error", "warning", "note" ("none" for SEV_NONE). */
const char *severity_name(enum severity level);

/* Parses "error", "warning", "note", "none"; returns -1 on anything else. */
int severity_parse(const char *name);

#endif

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

/*
 * The shells a fix command is written for.  FIX_SHELL_ANY: the same line
 * works pasted into cmd.exe and into PowerShell (5.1 and 7), which the
 * fix builders make sure of by quoting (appid="{...}").
 */
enum fix_shell {
	FIX_SHELL_ANY = 0,
	FIX_SHELL_POWERSHELL,
};

/* "cmd or PowerShell", "PowerShell": the words the text report uses. */
const char *fix_shell_words(enum fix_shell shell);

/* The shells' names for JSON and SARIF ("cmd", "powershell") into names; returns how many. */
size_t fix_shell_names(enum fix_shell shell, const char *names[2]);

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
	enum fix_shell fix_shell;   /* where fix can be pasted */
	struct diag_related *related;
	size_t nr_related, alloc_related;
	const char *suppressed;  /* the suppression's reason when a configured suppression applies, else NULL */
	enum baseline_state baseline;
	const char *host;        /* fleet mode: the server it belongs to (not owned); else NULL */
};

struct rule;

/*
 * A part of the snapshot a rule could not check (a binding whose CTL
 * store was not dumped): the runner lists it with the rules that did
 * not run, not as a finding.
 */
struct diag_skip {
	const struct rule *rule;
	const char *reason;      /* in the list's arena */
};

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
	struct diag_skip *skips;
	size_t nr_skips, alloc_skips;
};

#define DIAG_LIST_INIT { ARENA_INIT, NULL, 0, 0, NULL, NULL, 0, 0 }

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

/*
 * Sets the fix command (printf-formatted) and the shell it is written
 * for.  Every value from an input that goes into fmt's arguments must
 * have passed a fix_arg() check (rule.h): a fix never carries shell
 * syntax from an input.
 */
void diag_set_fix(struct diag_list *list, struct diag *d, enum fix_shell shell,
		  const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Records that the running rule could not check one part of the
 * snapshot, and why (printf-formatted; say what to export).  The runner
 * lists it under the rules that did not run.
 */
void diag_skip(struct diag_list *list, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

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

#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "srcloc.h"

/*
 * The configuration file: --config FILE, else $SSLCERTLINT_CONFIG, else
 * the .sslcertlint.json found above the inputs (config_load_for()):
 *
 *   {
 *     "rules": {
 *       "SCL007": {"level": "error", "days": 45},
 *       "sni-only-port": {"enabled": false}
 *     },
 *     "suppressions": [
 *       {"rule": "SCL011", "key": "ipport:0.0.0.0:9443",
 *        "reason": "the backup agent's endpoint", "expires": "2026-06-30"}
 *     ]
 *   }
 *
 * Rules are named by id or name.  A suppression matches findings of its
 * rule whose logical key matches "key" (a shell pattern: * and ?; absent
 * = every key); "reason" is required; after "expires" (a date, compared
 * with the time reference) it no longer applies, and that is reported.
 * Unknown members, unknown rules and bad values are input errors with
 * the line they stand on.
 */
struct rule_setting {
	int enabled;             /* -1 not configured, 0, 1 */
	int level;               /* -1 not configured, else enum severity */
	struct srcloc loc;       /* where the configuration names the rule, when configured */
	const char *disabled_at; /* "FILE:LINE" when enabled is 0 */
};

struct suppression {
	const char *rule_id;     /* resolved to the rule's id */
	const char *key;         /* pattern; NULL matches every key */
	const char *reason;
	int64_t expires;
	int has_expires;
	struct srcloc loc;       /* the suppression's "rule" line */
};

struct rule_param {
	const char *rule_id, *name;
	long value;
};

struct lint_config {
	struct arena arena;
	const char *path;                /* NULL when no file was read */
	struct rule_setting *settings;   /* one per rule_table entry */
	struct suppression *suppressions;
	size_t nr_suppressions;
	struct rule_param *params;
	size_t nr_params;
};

void config_init(struct lint_config *c);
void config_release(struct lint_config *c);

/* config_load() flags */
#define CONFIG_EXPLICIT 1        /* the file must be there: a missing one is an error */
#define CONFIG_NOFOLLOW 2        /* a symbolic link is refused (an error), not followed */

/*
 * Reads the configuration at path.  Without CONFIG_EXPLICIT a missing
 * file is no configuration, and no error.  Problems go to inputs (id
 * "config"); returns the number of errors.
 */
int config_load(struct lint_config *c, const char *path, unsigned flags,
		struct diag_list *inputs);

/* The name of the configuration file looked for above the inputs. */
#define CONFIG_FILE_NAME ".sslcertlint.json"

/*
 * Finds and reads the run's configuration (config_find.c): `option`
 * (--config) when not NULL, else `env` ($SSLCERTLINT_CONFIG) when not
 * NULL or empty, both read as the command line's paths are (a link is
 * followed); else the first CONFIG_FILE_NAME found by looking in the
 * directory of each of the nr `starts` (the inputs, or the --fleet
 * folder; a directory is its own) and then in each directory above it,
 * up to and including the first that holds ".git" (the repository's
 * root), or the file system's root.  A directory anyone may write to
 * (/tmp) ends the search unread: anyone could have put a configuration
 * there; a warning says so when it holds one.  What is found is read
 * with CONFIG_NOFOLLOW.  One configuration applies to the whole run:
 * an input whose search finds another file gets a note naming both.
 * Paths are as found from the inputs' paths ("snapshots/.sslcertlint.json",
 * "../.sslcertlint.json"), never made absolute.  Returns the number of
 * errors, as config_load().
 */
int config_load_for(struct lint_config *c, const char *option, const char *env,
		    const char *const *starts, size_t nr_starts, struct diag_list *inputs);

/* Copies the rule parameters into the model, where rules read them (model_rule_param()). */
void config_set_params(const struct lint_config *c, struct model *m);

/* Whether rule number i of rule_table is enabled. */
int config_rule_enabled(const struct lint_config *c, size_t i);

/*
 * Where the configuration turns rule number i off: "FILE:LINE" (lives as
 * long as c; made when the file is read, so threads may ask); NULL when
 * it does not.
 */
const char *config_rule_disabled_at(const struct lint_config *c, size_t i);

/*
 * After the rules ran: applies configured levels, then suppressions
 * (d->suppressed = reason).  A suppression that expired before `now`
 * (the snapshot's time reference) does not apply.
 */
void config_apply(const struct lint_config *c, struct diag_list *findings, int64_t now);

/* A warning in inputs for each suppression that expired before now: once per run. */
void config_report_expired(const struct lint_config *c, int64_t now, struct diag_list *inputs);

/*
 * A note in inputs, at its line, for each suppression that suppressed
 * none of findings (the whole run's, after config_apply()); one that
 * expired before now is left to config_report_expired().  A finding's
 * d->suppressed is the reason string of the suppression that took it,
 * the configuration's own copy, so its address tells which.
 */
void config_report_unmatched(const struct lint_config *c, const struct diag_list *findings,
			     int64_t now, struct diag_list *inputs);

#endif

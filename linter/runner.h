#ifndef RUNNER_H
#define RUNNER_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "report.h"

struct lint_config;

/*
 * Runs every rule of rule_table over the model, but those the
 * configuration disables (cfg may be NULL: every rule), which are listed
 * in *not_run as "disabled by FILE:LINE".  A rule whose inputs the
 * snapshot lacks (struct rule.needs) does not run; it is appended to
 * *not_run (a malloc'd array the caller frees) with the export that
 * would enable it.  Findings go to `findings`; a rule's internal failure
 * becomes an input diagnostic (id "internal") in `inputs`.
 * Returns the number of rules that failed internally.
 */
int runner_run(const struct model *m, const struct lint_config *cfg,
	       struct diag_list *findings, struct diag_list *inputs,
	       struct not_run **not_run, size_t *nr_not_run);

/* The same, adding each rule's wall-clock seconds to rule_seconds[i] (one per rule_table entry). */
int runner_run_timed(const struct model *m, const struct lint_config *cfg,
		     struct diag_list *findings, struct diag_list *inputs,
		     struct not_run **not_run, size_t *nr_not_run, double *rule_seconds);

/* Whether the snapshot has everything `needs` asks for. */
int runner_has_inputs(const struct model *m, unsigned needs);

#endif

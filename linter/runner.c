#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "rule.h"
#include "runner.h"
#include "timing.h"
#include "util.h"

/* What each input need means, and the Windows command that exports it (inputs.def). */
static const char *const need_reasons[NEED_BITS_NR] = {
#define NEED(ID, tag, have, reason) [NEED_BIT_##ID] = reason,
#include "inputs.def"
};

static int has_need(const struct model *m, unsigned need)
{
	switch (need) {
#define NEED(ID, tag, have, reason) case NEED_##ID: return have;
#include "inputs.def"
	}
	BUG("unknown rule need");
}

int runner_has_inputs(const struct model *m, unsigned needs)
{
	for (unsigned bit = 1; bit && bit <= needs; bit <<= 1)
		if ((needs & bit) && !has_need(m, bit))
			return 0;
	return 1;
}

/* The reasons for every missing need, joined with "; ". */
static const char *missing_reasons(const struct model *m, unsigned needs,
				   struct diag_list *arena_owner)
{
	const char *out = NULL;
	for (unsigned i = 0; i < NEED_BITS_NR; i++) {
		if (!(needs & (1u << i)) || has_need(m, 1u << i))
			continue;
		out = out ? arena_strfmt(&arena_owner->arena, "%s; %s", out, need_reasons[i])
			  : need_reasons[i];
	}
	return out;
}

static void add_not_run(struct not_run **not_run, size_t *nr, size_t *alloc,
			const struct rule *r, const char *reason)
{
	ALLOC_GROW(*not_run, *nr + 1, *alloc);
	struct not_run *n = &(*not_run)[(*nr)++];
	n->rule_id = r->id;
	n->rule_name = r->name;
	n->reason = reason;
	n->host = NULL;
}

int runner_run(const struct model *m, const struct lint_config *cfg,
	       struct diag_list *findings, struct diag_list *inputs,
	       struct not_run **not_run, size_t *nr_not_run)
{
	return runner_run_timed(m, cfg, findings, inputs, not_run, nr_not_run, NULL);
}

int runner_run_timed(const struct model *m, const struct lint_config *cfg,
		     struct diag_list *findings, struct diag_list *inputs,
		     struct not_run **not_run, size_t *nr_not_run, double *rule_seconds)
{
	size_t alloc = 0;
	int failed = 0;

	*not_run = NULL;
	*nr_not_run = 0;
	for (size_t i = 0; i < rule_table_size; i++) {
		const struct rule *r = rule_table[i];
		if (cfg && !config_rule_enabled(cfg, i)) {
			/* never silently off: the report says who turned it off */
			add_not_run(not_run, nr_not_run, &alloc, r,
				    arena_strfmt(&findings->arena, "disabled by %s",
						 config_rule_disabled_at(cfg, i)));
			continue;
		}
		if (!runner_has_inputs(m, r->needs)) {
			add_not_run(not_run, nr_not_run, &alloc, r,
				    missing_reasons(m, r->needs, findings));
			continue;
		}
		findings->rule = r;
		size_t first_skip = findings->nr_skips;
		double t0 = rule_seconds ? timing_now() : 0;
		int rc = r->check(m, findings);
		if (rule_seconds)
			rule_seconds[i] += timing_now() - t0;
		if (rc < 0) {
			diag_input(inputs, "internal", SEV_ERROR, NULL,
				   "rule %s %s failed internally; its findings may be incomplete",
				   r->id, r->name);
			failed++;
		}
		/* the parts of the snapshot it could not check */
		for (size_t k = first_skip; k < findings->nr_skips; k++)
			add_not_run(not_run, nr_not_run, &alloc, r, findings->skips[k].reason);
		findings->rule = NULL;
	}
	return failed;
}

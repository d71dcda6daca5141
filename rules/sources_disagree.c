#include "rule.h"

static int check_sources_disagree(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_sources_disagree = {
	.id = "SCL014", .name = "sources-disagree", .summary = "stub", .level = SEV_ERROR,
	.check = check_sources_disagree,
};

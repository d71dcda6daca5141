#include "rule.h"

static int check_ctl_store_missing(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_ctl_store_missing = {
	.id = "SCL001", .name = "ctl-store-missing", .summary = "stub", .level = SEV_ERROR,
	.check = check_ctl_store_missing,
};

#include "rule.h"

/* NEEDSWORK: placeholder, replaced by the real rule */
static int check_ctl_store_not_in_snapshot(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_ctl_store_not_in_snapshot = {
	.id = "SCL015", .name = "ctl-store-not-in-snapshot", .summary = "placeholder", .level = SEV_WARNING,
	.check = check_ctl_store_not_in_snapshot,
};

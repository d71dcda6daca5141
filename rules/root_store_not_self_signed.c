#include "rule.h"

/* NEEDSWORK: placeholder, replaced by the real rule */
static int check_root_store_not_self_signed(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_root_store_not_self_signed = {
	.id = "SCL003", .name = "root-store-not-self-signed", .summary = "placeholder", .level = SEV_ERROR,
	.check = check_root_store_not_self_signed,
};

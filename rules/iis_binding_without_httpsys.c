#include "rule.h"

/* NEEDSWORK: placeholder, replaced by the real rule */
static int check_iis_binding_without_httpsys(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_iis_binding_without_httpsys = {
	.id = "SCL010", .name = "iis-binding-without-httpsys", .summary = "placeholder", .level = SEV_ERROR,
	.check = check_iis_binding_without_httpsys,
};

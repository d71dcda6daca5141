#include "rule.h"

/* NEEDSWORK: placeholder, replaced by the real rule */
static int check_cert_expiring(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_cert_expiring = {
	.id = "SCL007", .name = "cert-expiring", .summary = "placeholder", .level = SEV_WARNING,
	.check = check_cert_expiring,
};

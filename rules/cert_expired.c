#include "rule.h"

/* NEEDSWORK: placeholder, replaced by the real rule */
static int check_cert_expired(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_cert_expired = {
	.id = "SCL006", .name = "cert-expired", .summary = "placeholder", .level = SEV_ERROR,
	.check = check_cert_expired,
};

#include "rule.h"

/* NEEDSWORK: placeholder, replaced by the real rule */
static int check_cert_no_private_key(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_cert_no_private_key = {
	.id = "SCL008", .name = "cert-no-private-key", .summary = "placeholder", .level = SEV_ERROR,
	.check = check_cert_no_private_key,
};

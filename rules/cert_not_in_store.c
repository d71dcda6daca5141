#include "rule.h"

/* NEEDSWORK: placeholder, replaced by the real rule */
static int check_cert_not_in_store(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_cert_not_in_store = {
	.id = "SCL005", .name = "cert-not-in-store", .summary = "placeholder", .level = SEV_ERROR,
	.check = check_cert_not_in_store,
};

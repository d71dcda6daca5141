#include "rule.h"

/* NEEDSWORK: placeholder, replaced by the real rule */
static int check_trusted_issuer_list_too_large(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_trusted_issuer_list_too_large = {
	.id = "SCL004", .name = "trusted-issuer-list-too-large", .summary = "placeholder", .level = SEV_WARNING,
	.check = check_trusted_issuer_list_too_large,
};

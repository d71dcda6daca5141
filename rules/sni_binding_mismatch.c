#include "rule.h"

/* NEEDSWORK: placeholder, replaced by the real rule */
static int check_sni_binding_mismatch(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_sni_binding_mismatch = {
	.id = "SCL002", .name = "sni-binding-mismatch", .summary = "placeholder", .level = SEV_ERROR,
	.check = check_sni_binding_mismatch,
};

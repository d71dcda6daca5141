#include "rule.h"

/* NEEDSWORK: placeholder, replaced by the real rule */
static int check_sni_only_port(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_sni_only_port = {
	.id = "SCL013", .name = "sni-only-port", .summary = "placeholder", .level = SEV_WARNING,
	.check = check_sni_only_port,
};

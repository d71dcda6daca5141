#include "rule.h"

/* NEEDSWORK: placeholder, replaced by the real rule */
static int check_httpsys_binding_orphan(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_httpsys_binding_orphan = {
	.id = "SCL011", .name = "httpsys-binding-orphan", .summary = "placeholder", .level = SEV_NOTE,
	.check = check_httpsys_binding_orphan,
};

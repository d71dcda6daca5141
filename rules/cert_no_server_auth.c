#include "rule.h"

/* NEEDSWORK: placeholder, replaced by the real rule */
static int check_cert_no_server_auth(const struct model *m, struct diag_list *out)
{
	(void)m; (void)out;
	return 0;
}

const struct rule rule_cert_no_server_auth = {
	.id = "SCL009", .name = "cert-no-server-auth", .summary = "placeholder", .level = SEV_WARNING,
	.check = check_cert_no_server_auth,
};

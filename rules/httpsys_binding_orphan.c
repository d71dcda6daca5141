/*
 * SCL011 httpsys-binding-orphan: an HTTP.sys SSL binding registered by IIS
 * (its AppId) that no IIS https binding uses any more: left behind when a
 * site or binding was removed, it keeps a certificate in use and confuses
 * the next renewal.
 *
 * An IP:port binding on a port where IIS has https bindings is not an
 * orphan even when every one of them has its own hostname:port entry:
 * HTTP.sys answers clients that send no SNI with it (the fallback binding
 * Microsoft's AD FS documentation adds on purpose), so deleting it would
 * reset their connections.
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"

static int check_httpsys_binding_orphan(const struct model *m, struct diag_list *out)
{
	unsigned char *https_port = calloc(65536, 1);
	if (!https_port)
		return -1;
	for (const struct iis_site *s = m->sites; s; s = s->next)
		for (const struct iis_binding *b = s->bindings; b; b = b->next)
			if (!strcmp(b->protocol, "https"))
				https_port[b->port] = 1;

	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		if (b->nr_users || !binding_has_appid(b, IIS_APPID))
			continue;
		if (b->kind == EP_IPPORT && https_port[b->port])
			continue;       /* the certificate for clients without SNI */
		struct diag *d = diag_emit(out, SEV_NOTE, &b->loc, b->key,
			"the HTTP.sys binding %s belongs to IIS (AppId %s) but no IIS https binding uses it",
			b->endpoint, IIS_APPID);
		diag_set_fix(out, d, FIX_SHELL_ANY, "netsh http delete sslcert %s",
			     fix_endpoint(out, d, b));
	}
	free(https_port);
	return 0;
}
const struct rule rule_httpsys_binding_orphan = {
	.id = "SCL011",
	.name = "httpsys-binding-orphan",
	.summary = "an HTTP.sys binding owned by IIS matches no IIS binding",
	.level = SEV_NOTE,
	.needs = NEED_IIS | NEED_BINDINGS,
	.check = check_httpsys_binding_orphan,
};

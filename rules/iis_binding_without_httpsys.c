/*
 * SCL010 iis-binding-without-httpsys: an IIS https binding has no HTTP.sys
 * SSL binding that HTTP.sys would use for it, so the TLS handshake on it
 * fails (the client sees a connection reset) and the site cannot serve
 * https there.
 */
#include <string.h>

#include "rule.h"

static int check_iis_binding_without_httpsys(const struct model *m, struct diag_list *out)
{
	for (const struct iis_site *s = m->sites; s; s = s->next) {
		for (const struct iis_binding *b = s->bindings; b; b = b->next) {
			char keys[2][IIS_KEY_MAX];
			if (strcmp(b->protocol, "https") || b->httpsys)
				continue;
			size_t n = iis_binding_httpsys_keys(b, keys);
			if (!n)
				continue;       /* no port, or SNI without a host: SCL012 */
			/* the first key is the endpoint in netsh's words after its "kind:" */
			const char *ep = strchr(keys[0], ':') + 1;
			const char *param = (b->ssl_flags & IIS_SSL_CCS) ? "ccs" :
					    (b->ssl_flags & IIS_SSL_SNI) ? "hostnameport" : "ipport";
			const char *key = arena_strfmt(&out->arena, "site:%s/binding:%s", s->name,
						       b->information);
			struct diag *d = diag_emit(out, SEV_ERROR, &b->loc, key,
				"https on '%s' of site \"%s\" fails at the TLS handshake: "
				"HTTP.sys has no SSL binding for it (looked for %s%s%s)",
				b->information, s->name, keys[0], n > 1 ? " and " : "",
				n > 1 ? keys[1] : "");
			if (b->ssl_flags & IIS_SSL_CCS)
				diag_set_fix(out, d, "netsh http add sslcert ccs=%u appid=%s",
					     (unsigned)b->port, IIS_APPID);
			else
				diag_set_fix(out, d,
					     "netsh http add sslcert %s=%s certhash=<certhash> appid=%s certstorename=MY",
					     param, ep, IIS_APPID);
		}
	}
	return 0;
}

const struct rule rule_iis_binding_without_httpsys = {
	.id = "SCL010",
	.name = "iis-binding-without-httpsys",
	.summary = "an IIS https binding has no HTTP.sys SSL binding it would use",
	.level = SEV_ERROR,
	.needs = NEED_IIS | NEED_BINDINGS,
	.check = check_iis_binding_without_httpsys,
};

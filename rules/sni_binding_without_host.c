/*
 * SCL012 sni-binding-without-host: an IIS https binding asks for Server
 * Name Indication (sslFlags bit 1) but has no host name, so HTTP.sys has
 * no hostname:port entry to look up and IIS cannot start the binding.
 */
#include <string.h>

#include "rule.h"

static int check_sni_binding_without_host(const struct model *m, struct diag_list *out)
{
	for (const struct iis_site *s = m->sites; s; s = s->next) {
		for (const struct iis_binding *b = s->bindings; b; b = b->next) {
			if (strcmp(b->protocol, "https") || !(b->ssl_flags & IIS_SSL_SNI) || *b->host)
				continue;
			const char *key = arena_strfmt(&out->arena, "site:%s/binding:%s", s->name,
						       b->information);
			struct diag *d = diag_emit(out, SEV_ERROR, &b->loc, key,
				"https binding '%s' of site \"%s\" cannot serve any client: "
				"it requires Server Name Indication (sslFlags=%u) but names no host name",
				b->information, s->name, (unsigned)b->ssl_flags);
			diag_set_fix(out, d, FIX_SHELL_POWERSHELL,
				"Set-WebBinding -Name '%s' -BindingInformation '%s' "
				"-PropertyName HostHeader -Value <host name>",
				fix_raw(out, d, FIXARG_SITE, s->name, &s->loc),
				fix_raw(out, d, FIXARG_BINDING_INFO, b->information, &b->loc));
		}
	}
	return 0;
}

const struct rule rule_sni_binding_without_host = {
	.id = "SCL012",
	.name = "sni-binding-without-host",
	.summary = "an IIS https binding requires SNI but names no host name",
	.level = SEV_ERROR,
	.needs = NEED_IIS,
	.check = check_sni_binding_without_host,
};

/*
 * SCL009 cert-no-server-auth: the certificate an HTTP.sys binding serves
 * has an Enhanced Key Usage extension without Server Authentication
 * (1.3.6.1.5.5.7.3.1) or anyExtendedKeyUsage, so clients that validate
 * it (browsers, .NET, SChannel clients) refuse it as a server
 * certificate.  Silent when the dump does not list the EKUs.
 *
 * netsh's Usage Check (DefaultCertCheckMode 0x10000) does not enter:
 * HTTP_SERVICE_CONFIG_SSL_PARAM documents DefaultCertCheckMode as how
 * CLIENT certificates are checked, and turning it off neither helps here
 * nor is safe, so the fix never suggests usagecheck=disable.  The fix
 * binds a certificate of the same subject that allows Server
 * Authentication when the store holds one.
 */
#include <string.h>

#include "rule.h"

/* "Client Authentication (1.3.6.1.5.5.7.3.2), 1.2.3.4": the certificate's EKUs. */
static const char *eku_list(struct diag_list *out, const struct cert *c)
{
	const char *list = NULL;
	for (size_t i = 0; i < c->nr_ekus; i++) {
		const char *name = eku_name(c->ekus[i]);
		const char *one = name ? arena_strfmt(&out->arena, "%s (%s)", name, c->ekus[i])
				       : c->ekus[i];
		list = list ? arena_strfmt(&out->arena, "%s, %s", list, one) : one;
	}
	return list ? list : "(none)";
}

static int check_cert_no_server_auth(const struct model *m, struct diag_list *out)
{
	struct cert_replacements repl = { .m = m };
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		if (b->kind == EP_CCS)
			continue;       /* the certificate comes from the central store */
		const struct cert_store *s;
		const struct cert *c = binding_cert(m, b, &s);
		if (!c || cert_allows_server_auth(c) != 0)
			continue;       /* not found, allowed, or unknown */

		const struct cert *r = cert_find_replacement(&repl, s, c, m->host.now);
		const char *other = !r ? "" : arena_strfmt(&out->arena,
			"; certificate %s in the same store has the same subject and allows it",
			r->thumbprint);
		struct diag *d = diag_emit(out, SEV_WARNING, &binding_get(b, BF_CERT_HASH)->loc, b->key,
			"HTTPS clients of %s reject the server certificate: '%s' (thumbprint %s) "
			"is not valid for Server Authentication (1.3.6.1.5.5.7.3.1); "
			"its enhanced key usages are %s%s",
			b->endpoint, cert_subject_text(c), c->thumbprint, eku_list(out, c), other);
		diag_add_related(out, d, &c->loc, "certificate '%s' is listed here", cert_subject_text(c));
		if (r)
			diag_add_related(out, d, &r->loc,
					 "certificate '%s' with Server Authentication is listed here",
					 cert_subject_text(r));
		fix_binding_update1(out, d, b, BF_CERT_HASH, r ? r->thumbprint : "<server-auth-certhash>");
	}
	cert_replacements_release(&repl);
	return 0;
}

const struct rule rule_cert_no_server_auth = {
	.id = "SCL009",
	.name = "cert-no-server-auth",
	.summary = "a bound certificate's enhanced key usages exclude Server Authentication",
	.level = SEV_WARNING,
	.needs = NEED_BINDINGS | NEED_CERTS,
	.check = check_cert_no_server_auth,
};

/*
 * SCL005 cert-not-in-store: a binding names a certificate that the store
 * it names (Certificate Store Name, MY when (null)) does not hold,
 * although that store was dumped.  HTTP.sys cannot load the certificate
 * and resets every TLS connection to the endpoint.  Silent when the store
 * was not dumped: the snapshot then knows nothing of it.
 */
#include "rule.h"

/* The first dumped store other than `not` that holds thumbprint, and the certificate. */
static const struct cert *find_elsewhere(const struct model *m, const struct cert_store *not,
					 const char *thumbprint)
{
	for (const struct cert_store *s = m->stores; s; s = s->next) {
		const struct cert *c = s != not ? store_find_cert(s, thumbprint) : NULL;
		if (c)
			return c;
	}
	return NULL;
}

static int check_cert_not_in_store(const struct model *m, struct diag_list *out)
{
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		if (b->kind == EP_CCS)
			continue;       /* the certificate comes from the central store */
		const struct bfield *h = binding_get(b, BF_CERT_HASH);
		if (!h || !h->valid || !h->str)
			continue;
		const struct cert_store *s = model_find_store(m, binding_effective_store(b));
		if (!s || store_find_cert(s, h->str))
			continue;       /* not dumped, or there */

		const struct cert *other = find_elsewhere(m, s, h->str);
		struct diag *d;
		if (other)
			d = diag_emit(out, SEV_ERROR, &h->loc, b->key,
				"HTTPS connections to %s are reset: HTTP.sys looks for certificate %s "
				"in store '%s', which does not hold it; it is in store '%s' ('%s')",
				b->endpoint, h->str, s->name, other->store, cert_subject_text(other));
		else
			d = diag_emit(out, SEV_ERROR, &h->loc, b->key,
				"HTTPS connections to %s are reset: HTTP.sys looks for certificate %s "
				"in store '%s', which does not hold it, and no other dumped store does",
				b->endpoint, h->str, s->name);

		const struct bfield *named = binding_get(b, BF_CERT_STORE);
		if (named && (named->loc.line != h->loc.line || named->loc.file != h->loc.file))
			diag_add_related(out, d, &named->loc, "Certificate Store Name is %s here%s",
					 named->text ? named->text : named->str ? named->str : "(null)",
					 named->str ? "" : ": HTTP.sys uses MY");
		diag_add_related(out, d, &s->loc, "store '%s' is dumped here, without the certificate",
				 s->name);
		if (other) {
			diag_add_related(out, d, &other->loc, "certificate '%s' is listed here, in store '%s'",
					 cert_subject_text(other), other->store);
			fix_binding_update1(out, d, b, BF_CERT_STORE, other->store);
		} else {
			diag_set_fix(out, d, FIX_SHELL_POWERSHELL,
				"Import-PfxCertificate -FilePath <file.pfx> -CertStoreLocation "
				"'Cert:\\LocalMachine\\%s' "
				"-Password (Read-Host -AsSecureString -Prompt 'PFX password')",
				fix_raw(out, d, FIXARG_STORE, s->name, &s->loc));
		}
	}
	return 0;
}

const struct rule rule_cert_not_in_store = {
	.id = "SCL005",
	.name = "cert-not-in-store",
	.summary = "a binding's certificate is not in the dumped store the binding names",
	.level = SEV_ERROR,
	.needs = NEED_BINDINGS | NEED_CERTS,
	.check = check_cert_not_in_store,
};

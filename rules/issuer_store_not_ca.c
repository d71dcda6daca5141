/*
 * SCL023 issuer-store-not-ca: a store SCHANNEL takes client-certificate
 * issuers from — a binding's Ctl Store Name, or ClientAuthIssuer — holds
 * a certificate that is not a CA certificate: its basicConstraints
 * extension does not say cA, and it is not self-signed.  SCHANNEL puts
 * every certificate of the store in the trusted issuer list it sends
 * (clients then offer certificates for an issuer that issues none) and
 * treats it as a trusted issuer when it checks client certificates under
 * the exclusive trust modes.  Usually an end-entity certificate imported
 * into the wrong store.
 *
 * One note per certificate and store, at the certificate; silent for
 * certificates without RawData (whether they are CAs is unknown).
 */
#include <string.h>

#include "rule.h"

static void check_store(struct diag_list *out, const struct cert_store *s, const char *why,
			const struct srcloc *named_at)
{
	for (const struct cert *c = s->certs; c; c = c->next) {
		if (!c->has_der || c->is_ca != 0 || c->self_signed != 0)
			continue;
		struct diag *d = diag_emit(out, SEV_NOTE, &c->loc,
			arena_strfmt(&out->arena, "store:%s/%s", s->name, c->thumbprint),
			"store '%s' (%s) holds '%s' (thumbprint %s), which is not a CA certificate "
			"(basicConstraints does not say cA, and it is not self-signed): SCHANNEL "
			"sends it in the trusted issuer list, and may use it to build the chains of "
			"client certificates",
			s->name, why, cert_subject_text(c), c->thumbprint);
		if (named_at)
			diag_add_related(out, d, named_at, "the binding names store '%s' here", s->name);
		diag_set_fix(out, d, FIX_SHELL_POWERSHELL, "Remove-Item 'Cert:\\LocalMachine\\%s\\%s'",
			     fix_raw(out, d, FIXARG_STORE, s->name, &s->loc),
			     fix_raw(out, d, FIXARG_HASH, c->thumbprint, &c->loc));
	}
}

static int check_issuer_store_not_ca(const struct model *m, struct diag_list *out)
{
	struct strmap seen = STRMAP_INIT;
	const struct cert_store *cai = model_find_store(m, "ClientAuthIssuer");

	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		const struct bfield *ctl = binding_get(b, BF_CTL_STORE);
		if (!ctl || !ctl->valid || !ctl->str)
			continue;
		const struct cert_store *s = model_find_store(m, ctl->str);
		if (!s || s == cai || strmap_get(&seen, s->name))
			continue;
		strmap_put(&seen, s->name, (void *)s);
		check_store(out, s, arena_strfmt(&out->arena, "the Ctl Store Name of %s", b->endpoint),
			    &ctl->loc);
	}
	if (cai)
		check_store(out, cai, "Client Authentication Issuers", NULL);
	strmap_release(&seen);
	return 0;
}

const struct rule rule_issuer_store_not_ca = {
	.id = "SCL023",
	.name = "issuer-store-not-ca",
	.summary = "a CTL or ClientAuthIssuer store holds a certificate that is not a CA",
	.level = SEV_NOTE,
	.needs = NEED_CERTS,
	.check = check_issuer_store_not_ca,
};

/*
 * SCL008 cert-no-private-key: the certificate an HTTP.sys binding serves
 * has no private key in its store (HasPrivateKey false), so SCHANNEL
 * cannot acquire its credentials and HTTP.sys resets every TLS
 * connection to the endpoint.  Silent when the dump does not tell.
 * The fix binds a certificate of the same subject that has a key when
 * the store holds one, else repairs the key link with certutil.
 */
#include "rule.h"

static int check_cert_no_private_key(const struct model *m, struct diag_list *out)
{
	struct cert_replacements repl = { .m = m };
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		if (b->kind == EP_CCS)
			continue;       /* the certificate comes from the central store */
		const struct cert_store *s;
		const struct cert *c = binding_cert(m, b, &s);
		if (!c || c->has_private_key != 0)
			continue;       /* not found, has a key, or unknown */

		const struct cert *r = cert_find_replacement(&repl, s, c, m->host.now);
		const char *other = !r ? "" : arena_strfmt(&out->arena,
			"; certificate %s in the same store has the same subject and a private key",
			r->thumbprint);
		struct diag *d = diag_emit(out, SEV_ERROR, &binding_get(b, BF_CERT_HASH)->loc, b->key,
			"HTTPS connections to %s are reset: the bound certificate '%s' (thumbprint %s) "
			"has no private key in store '%s', so SCHANNEL cannot use it for the TLS handshake%s",
			b->endpoint, cert_subject_text(c), c->thumbprint, s->name, other);
		diag_add_related(out, d, &c->loc, "certificate '%s' is listed here, without a private key",
				 cert_subject_text(c));
		if (r) {
			diag_add_related(out, d, &r->loc, "certificate '%s' with a private key is listed here",
					 cert_subject_text(r));
			fix_binding_update1(out, d, b, BF_CERT_HASH, r->thumbprint);
		} else {
			diag_set_fix(out, d, FIX_SHELL_ANY, "certutil -repairstore %s %s",
				     fix_arg(out, d, FIXARG_STORE, s->name, &s->loc),
				     fix_arg(out, d, FIXARG_HASH, c->thumbprint, &c->loc));
		}
	}
	cert_replacements_release(&repl);
	return 0;
}

const struct rule rule_cert_no_private_key = {
	.id = "SCL008",
	.name = "cert-no-private-key",
	.summary = "a bound certificate has no private key",
	.level = SEV_ERROR,
	.needs = NEED_BINDINGS | NEED_CERTS,
	.check = check_cert_no_private_key,
};

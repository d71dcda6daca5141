/*
 * SCL022 weak-certificate-key: the certificate an HTTP.sys binding serves
 * has a key or a signature that Windows and browsers no longer accept, or
 * that is below today's minimum.
 *
 * - RSA key under 1024 bits: error (Windows blocks such certificates
 *   since KB 2661254); under 2048: warning.
 * - EC key under 256 bits: warning.
 * - Signed with MD2, MD4, MD5 or SHA-1: warning; a self-signed
 *   certificate's own signature is exempt (a trust anchor is trusted as
 *   it is, its signature is not checked).
 * One finding per binding and problem, at the binding's certificate hash.
 * Silent when the dump has no RawData; CCS bindings are not checked.
 */
#include <string.h>

#include "rule.h"

static int is_weak_hash(const char *h)
{
	static const char *const weak[] = { "MD2", "MD4", "MD5", "SHA1" };
	for (size_t i = 0; h && i < sizeof(weak) / sizeof(*weak); i++)
		if (!strcmp(h, weak[i]))
			return 1;
	return 0;
}

static void check_key(struct diag_list *out, const struct httpsys_binding *b,
		      const struct cert *c, const struct srcloc *loc)
{
	enum severity level;
	const char *why;

	if (!c->key_type || c->key_bits <= 0)
		return;
	if (!strcmp(c->key_type, "RSA") || !strcmp(c->key_type, "RSA-PSS")) {
		if (c->key_bits >= 2048)
			return;
		level = c->key_bits < 1024 ? SEV_ERROR : SEV_WARNING;
		why = c->key_bits < 1024 ?
			"Windows blocks RSA keys shorter than 1024 bits, and clients refuse them" :
			"RSA keys shorter than 2048 bits are below the minimum of current TLS "
			"certificates";
	} else if (!strcmp(c->key_type, "EC")) {
		if (c->key_bits >= 256)
			return;
		level = SEV_WARNING;
		why = "elliptic-curve keys shorter than 256 bits are below the curves TLS clients offer";
	} else {
		return;
	}
	struct diag *d = diag_emit(out, level, loc, arena_strfmt(&out->arena, "%s/key", b->key),
		"the certificate of %s, '%s' (thumbprint %s), has a %d-bit %s key: %s",
		b->endpoint, cert_subject_text(c), c->thumbprint, c->key_bits, c->key_type, why);
	diag_add_related(out, d, &c->loc, "certificate '%s' is listed here", cert_subject_text(c));
	fix_binding_update1(out, d, b, BF_CERT_HASH, "<new-certhash>");
}

static void check_signature(struct diag_list *out, const struct httpsys_binding *b,
			    const struct cert *c, const struct srcloc *loc)
{
	if (!is_weak_hash(c->sig_hash) || c->self_signed == 1)
		return;
	struct diag *d = diag_emit(out, SEV_WARNING, loc,
		arena_strfmt(&out->arena, "%s/signature", b->key),
		"the certificate of %s, '%s' (thumbprint %s), is signed with %s (%s): browsers "
		"and Windows reject %s-signed TLS server certificates",
		b->endpoint, cert_subject_text(c), c->thumbprint, c->sig_hash,
		c->sig_alg ? c->sig_alg : "?", !strcmp(c->sig_hash, "SHA1") ? "SHA-1" : c->sig_hash);
	diag_add_related(out, d, &c->loc, "certificate '%s' is listed here", cert_subject_text(c));
	fix_binding_update1(out, d, b, BF_CERT_HASH, "<new-certhash>");
}

static int check_weak_certificate_key(const struct model *m, struct diag_list *out)
{
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		if (b->kind == EP_CCS)
			continue;
		const struct cert *c = binding_cert(m, b, NULL);
		if (!c || !c->has_der)
			continue;
		const struct srcloc *loc = &binding_get(b, BF_CERT_HASH)->loc;
		check_key(out, b, c, loc);
		check_signature(out, b, c, loc);
	}
	return 0;
}

const struct rule rule_weak_certificate_key = {
	.id = "SCL022",
	.name = "weak-certificate-key",
	.summary = "a bound certificate has a short RSA or EC key, or an MD5 or SHA-1 signature",
	.level = SEV_WARNING,
	.needs = NEED_BINDINGS | NEED_CERTS,
	.check = check_weak_certificate_key,
};

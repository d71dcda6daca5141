/*
 * SCL001 ctl-store-missing: SCHANNEL sends the trusted issuer list under
 * exclusive trust, and a binding names no CTL store, so the client is
 * offered no issuer it can answer with and every client-certificate
 * logon ends in HTTP 403.7 (the IIS Manager renewal story in DESIGN.md).
 */
#include "rule.h"

/* Where client certificates would come from, in the message's words. */
static const char *trust_mode_words(uint64_t mode)
{
	return mode == 1 ? "exclusive root trust" : "exclusive CA trust";
}

/* An SCHANNEL DWORD that is present and readable, or NULL. */
static const struct reg_value *schannel_dword(const struct model *m, const char *name)
{
	const struct reg_value *v = model_schannel_get(m, "", name);
	return v && v->valid && v->type == REGT_DWORD ? v : NULL;
}

static void add_binding_lines(struct diag_list *out, struct diag *d,
			      const struct httpsys_binding *b)
{
	const struct binding_view *views[] = { b->netsh, b->reg };
	for (size_t i = 0; i < 2; i++) {
		const struct binding_view *v = views[i];
		if (!v)
			continue;
		const struct bfield *f = &v->f[BF_CTL_STORE];
		if (f->stated && f != binding_get(b, BF_CTL_STORE))
			diag_add_related(out, d, &f->loc, "%s names no Ctl Store Name either",
					 v->origin == ORIGIN_REG ? "the registry key" : "the netsh record");
	}
}

static int check_ctl_store_missing(const struct model *m, struct diag_list *out)
{
	const struct reg_value *sti = schannel_dword(m, "SendTrustedIssuerList");
	const struct reg_value *mode = schannel_dword(m, "ClientAuthTrustMode");

	/*
	 * Absent values are the OS default: SendTrustedIssuerList is 0 since
	 * Windows Server 2012 and ClientAuthTrustMode 0 (machine trust), so
	 * neither absent value makes the list exclusive.
	 */
	if (!sti || sti->num != 1 || !mode || (mode->num != 1 && mode->num != 2))
		return 0;

	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		const struct bfield *ctl = binding_get(b, BF_CTL_STORE);
		if (!ctl || !ctl->valid || ctl->str)
			continue;       /* unknown, unreadable, or set */

		const struct bfield *neg = binding_get(b, BF_NEGOTIATE_CLIENT_CERT);
		int negotiates = neg && neg->valid && neg->num;
		struct diag *d;
		if (negotiates)
			d = diag_emit(out, SEV_ERROR, &b->loc, b->key,
				      "client certificate logon to %s will fail with HTTP 403.7: "
				      "SCHANNEL sends the trusted issuer list under %s "
				      "(ClientAuthTrustMode=%u), but this binding names no Ctl Store Name",
				      b->endpoint, trust_mode_words(mode->num), (unsigned)mode->num);
		else
			d = diag_emit(out, SEV_WARNING, &b->loc, b->key,
				      "client certificate logon to %s will fail with HTTP 403.7 "
				      "if a site on it asks for client certificates: "
				      "SCHANNEL sends the trusted issuer list under %s "
				      "(ClientAuthTrustMode=%u), but this binding names no Ctl Store Name",
				      b->endpoint, trust_mode_words(mode->num), (unsigned)mode->num);
		diag_add_related(out, d, &sti->loc, "SendTrustedIssuerList=1 is set here");
		diag_add_related(out, d, &mode->loc, "ClientAuthTrustMode=%u is set here",
				 (unsigned)mode->num);
		if (ctl->loc.line != b->loc.line || ctl->loc.file != b->loc.file)
			diag_add_related(out, d, &ctl->loc, "Ctl Store Name is %s here",
					 ctl->text ? ctl->text : "(null)");
		add_binding_lines(out, d, b);
		if (negotiates)
			diag_add_related(out, d, &neg->loc,
					 "the binding negotiates client certificates (Negotiate Client Certificate)");
		diag_set_fix(out, d, "%s",
			     binding_update_command(out, b, BF_CTL_STORE, "ClientAuthIssuer"));
	}
	return 0;
}

const struct rule rule_ctl_store_missing = {
	.id = "SCL001",
	.name = "ctl-store-missing",
	.summary = "client certificate logon fails with HTTP 403.7: the trusted issuer list is sent under exclusive trust but the binding names no CTL store",
	.level = SEV_ERROR,
	.needs = NEED_SCHANNEL | NEED_BINDINGS,
	.check = check_ctl_store_missing,
};

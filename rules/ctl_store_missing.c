/*
 * SCL001 ctl-store-missing: SCHANNEL sends the trusted issuer list under
 * exclusive trust, and a binding names no CTL store, so the client is
 * offered no issuer it can answer with and every client-certificate
 * logon ends in HTTP 403.7 (the IIS Manager renewal story in DESIGN.md).
 *
 * Level: error when the binding negotiates client certificates itself or
 * an IIS site it serves asks for them; warning when nothing in the
 * snapshot tells; silent when the IIS configuration shows that no site on
 * the binding uses client certificates.
 */
#include "rule.h"

/* Where client certificates would come from, in the message's words. */
static const char *trust_mode_words(uint32_t mode)
{
	return mode == 1 ? "exclusive root trust" : "exclusive CA trust";
}

static const char *cert_flag_words(uint32_t flags)
{
	return flags & ACCESS_SSL_REQUIRE_CERT ? "requires client certificates (SslRequireCert)"
					      : "negotiates client certificates (SslNegotiateCert)";
}

/*
 * The first IIS site served by b that asks for client certificates, and
 * the <access> that asks; whether every site served by b is known not to.
 */
static const struct iis_site *site_asking(const struct httpsys_binding *b,
					  const struct iis_access **access, int *all_quiet)
{
	*all_quiet = b->nr_users > 0;
	for (size_t i = 0; i < b->nr_users; i++) {
		const struct iis_site *s = b->users[i]->site;
		int flags = site_client_cert_flags(s, access);
		if (flags > 0)
			return s;
		if (flags < 0)
			*all_quiet = 0;
	}
	return NULL;
}

static void add_other_view(struct diag_list *out, struct diag *d,
			   const struct httpsys_binding *b, const struct bfield *used)
{
	const struct binding_view *views[] = { b->netsh, b->reg };
	for (size_t i = 0; i < 2; i++) {
		const struct binding_view *v = views[i];
		if (v && v->f[BF_CTL_STORE].stated && &v->f[BF_CTL_STORE] != used)
			diag_add_related(out, d, &v->f[BF_CTL_STORE].loc,
					 "%s names no Ctl Store Name either",
					 v->origin == ORIGIN_REG ? "the registry key" : "the netsh record");
	}
}

static int check_ctl_store_missing(const struct model *m, struct diag_list *out)
{
	const struct reg_value *sti, *mode_at;
	uint32_t mode = schannel_client_auth_trust_mode(m, &mode_at);

	/*
	 * An absent ClientAuthTrustMode is 0 (machine trust), which never
	 * makes the list exclusive; an absent SendTrustedIssuerList is the OS
	 * default, which only sends the list up to 2008 R2.
	 */
	if (!schannel_sends_issuer_list(m, &sti) || (mode != 1 && mode != 2))
		return 0;

	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		const struct bfield *ctl = binding_get(b, BF_CTL_STORE);
		if (!ctl || !ctl->valid || ctl->str)
			continue;       /* unknown, unreadable, or set */

		const struct bfield *neg = binding_get(b, BF_NEGOTIATE_CLIENT_CERT);
		int negotiates = neg && neg->valid && neg->num;
		const struct iis_access *access = NULL;
		int all_quiet;
		const struct iis_site *site = site_asking(b, &access, &all_quiet);
		if (!negotiates && !site && all_quiet)
			continue;       /* IIS shows no client-certificate use on it */

		struct diag *d;
		if (negotiates || site)
			d = diag_emit(out, SEV_ERROR, &b->loc, b->key,
				      "client certificate logon to %s will fail with HTTP 403.7: "
				      "SCHANNEL sends the trusted issuer list under %s "
				      "(ClientAuthTrustMode=%u), but this binding names no Ctl Store Name",
				      b->endpoint, trust_mode_words(mode), (unsigned)mode);
		else
			d = diag_emit(out, SEV_WARNING, &b->loc, b->key,
				      "client certificate logon to %s will fail with HTTP 403.7 "
				      "if a site on it asks for client certificates: "
				      "SCHANNEL sends the trusted issuer list under %s "
				      "(ClientAuthTrustMode=%u), but this binding names no Ctl Store Name",
				      b->endpoint, trust_mode_words(mode), (unsigned)mode);
		if (sti)
			diag_add_related(out, d, &sti->loc, "SendTrustedIssuerList=1 is set here");
		else
			diag_add_related(out, d, &m->manifest.loc,
					 "SendTrustedIssuerList is absent: build %u sends the list by default",
					 (unsigned)m->manifest.build);
		diag_add_related(out, d, &mode_at->loc, "ClientAuthTrustMode=%u is set here",
				 (unsigned)mode);
		if (ctl->loc.line != b->loc.line || ctl->loc.file != b->loc.file)
			diag_add_related(out, d, &ctl->loc, "Ctl Store Name is %s here",
					 ctl->text ? ctl->text : "(null)");
		add_other_view(out, d, b, ctl);
		if (site)
			diag_add_related(out, d, &access->loc, "site \"%s\" %s",
					 site->name, cert_flag_words(access->flags));
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
	.summary = "trusted issuer list sent under exclusive trust, but the binding names no CTL store: client certificate logon fails with HTTP 403.7",
	.level = SEV_ERROR,
	.needs = NEED_SCHANNEL | NEED_BINDINGS,
	.check = check_ctl_store_missing,
};

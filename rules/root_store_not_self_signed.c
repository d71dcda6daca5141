/*
 * SCL003 root-store-not-self-signed: SCHANNEL sends the trusted issuer
 * list under machine trust (ClientAuthTrustMode 0, or absent), so it
 * builds the list from the Trusted Root store, and that store holds a
 * certificate that is not self-signed.  Such a certificate breaks
 * client-certificate authentication (HTTP 403.7 / 403.16): one finding
 * per certificate, at its line in the Root dump.
 */
#include <ctype.h>
#include <string.h>

#include "rule.h"

static const char *upper(struct diag_list *out, const char *s)
{
	char *u = arena_strdup(&out->arena, s);
	for (char *p = u; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

/* Why the certificate is not self-signed, in the message's words. */
static const char *issuer_words(struct diag_list *out, const struct cert *c)
{
	if (!c->issuer || !*c->issuer)
		return "its issuer is another certificate";
	if (c->subject && !strcmp(c->subject, c->issuer))
		return "its issuer has the same name, but its own key does not verify its signature";
	return arena_strfmt(&out->arena, "issued by '%s'", c->issuer);
}

static int check_root_store_not_self_signed(const struct model *m, struct diag_list *out)
{
	const struct reg_value *sti, *mode_at;
	uint32_t mode = schannel_client_auth_trust_mode(m, &mode_at);

	if (!schannel_sends_issuer_list(m, &sti) || mode != 0)
		return 0;
	const struct cert_store *root = model_find_store(m, "Root");
	if (!root)
		return 0;

	const char *mode_words = mode_at ? "(ClientAuthTrustMode=0)"
					 : "(ClientAuthTrustMode is not set, which means 0)";
	for (const struct cert *c = root->certs; c; c = c->next) {
		if (c->self_signed != 0)
			continue;       /* self-signed, or unknown */
		const char *key = arena_strfmt(&out->arena, "store:Root/%s", c->thumbprint);
		struct diag *d = diag_emit(out, SEV_ERROR, &c->loc, key,
			"client certificate logon to the sites of this server fails with HTTP 403.7 or 403.16: "
			"the Trusted Root store holds '%s' (thumbprint %s), which is not self-signed "
			"(%s%s), and SCHANNEL builds the trusted issuer list from Trusted Root "
			"under machine trust %s",
			cert_subject_text(c), c->thumbprint, issuer_words(out, c),
			c->self_signed_inferred ?
				"; judged from the subject and issuer names, as the dump has no RawData" : "",
			mode_words);
		if (sti)
			diag_add_related(out, d, &sti->loc, "SendTrustedIssuerList=1 is set here");
		else
			diag_add_related(out, d, &m->manifest.loc,
					 "SendTrustedIssuerList is absent: build %u sends the list by default",
					 (unsigned)m->manifest.build);
		if (mode_at)
			diag_add_related(out, d, &mode_at->loc, "ClientAuthTrustMode=0 is set here");
		diag_set_fix(out, d,
			     "Move-Item -Path Cert:\\LocalMachine\\Root\\%s -Destination Cert:\\LocalMachine\\CA",
			     upper(out, c->thumbprint));
	}
	return 0;
}

const struct rule rule_root_store_not_self_signed = {
	.id = "SCL003",
	.name = "root-store-not-self-signed",
	.summary = "the trusted issuer list is sent under machine trust and the Trusted Root store holds a certificate that is not self-signed",
	.level = SEV_ERROR,
	.needs = NEED_SCHANNEL | NEED_ROOT_STORE,
	.check = check_root_store_not_self_signed,
};

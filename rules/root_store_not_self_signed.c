/*
 * SCL003 root-store-not-self-signed: under machine trust
 * (ClientAuthTrustMode 0, or absent) the Trusted Root store holds a
 * certificate that is not self-signed.  Since Windows Server 2012 that
 * breaks client-certificate authentication whatever
 * SendTrustedIssuerList says (KB 2802568): HTTP 403.16 when the list is
 * not sent (the default), 403.7 when it is.  One finding per
 * certificate, at its line in the Root dump.
 *
 * Level: follows the server's client-certificate use (error when a site
 * or binding asks for client certificates, warning when nothing tells,
 * note when IIS shows none); at most a note before build 9200 (Windows
 * Server 2012).  A snapshot without a build is taken as 2012 or later.
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

/* The level: follows client-certificate use on 2012 and later, at most a note before. */
static enum severity level_of(const struct model *m)
{
	if (!schannel_has_trust_modes(m))
		return SEV_NOTE;
	switch (m->client_certs.use) {
	case CERT_USE_REQUIRE:
	case CERT_USE_NEGOTIATE:
		return SEV_ERROR;
	case CERT_USE_UNKNOWN:
		return SEV_WARNING;
	case CERT_USE_NONE:
		break;
	}
	return SEV_NOTE;
}

/* Who is hit and how, in the message's words; sends: the issuer list is sent. */
static const char *outcome_words(const struct model *m, enum severity level, int sends)
{
	if (!schannel_has_trust_modes(m))
		return "a Trusted Root store should hold only self-signed certificates (from Windows "
		       "Server 2012 on, client certificate logon fails with HTTP 403.7 or 403.16 "
		       "otherwise; this server is an older build)";
	if (level == SEV_ERROR)
		return sends ? "client certificate logon to the sites of this server fails with HTTP 403.7" :
			       "client certificate logon to the sites of this server fails with HTTP 403.16 "
			       "(CERT_E_UNTRUSTEDROOT, sc-win32-status 2148204809)";
	if (level == SEV_WARNING)
		return sends ? "client certificate logon to any site of this server that asks for one "
			       "fails with HTTP 403.7 (nothing in the snapshot tells whether one does)" :
			       "client certificate logon to any site of this server that asks for one "
			       "fails with HTTP 403.16 (nothing in the snapshot tells whether one does)";
	return sends ? "no IIS site of this server uses client certificates today, but once one "
		       "does, its logon fails with HTTP 403.7" :
		       "no IIS site of this server uses client certificates today, but once one "
		       "does, its logon fails with HTTP 403.16";
}

/* Why, after the Root store's certificate is named: ", and under machine trust ..." or "". */
static const char *why_words(struct diag_list *out, const struct model *m, int sends,
			     const char *mode_words)
{
	if (!schannel_has_trust_modes(m))
		return "";
	return arena_strfmt(&out->arena, ", and under machine trust %s %s", mode_words,
			    sends ? "the trusted issuer list SCHANNEL sends then lacks the issuers of "
				    "the clients' certificates, so browsers offer none" :
				    "SCHANNEL then holds every client certificate untrusted");
}

static int check_root_store_not_self_signed(const struct model *m, struct diag_list *out)
{
	const struct reg_value *sti, *mode_at;
	uint32_t mode = schannel_client_auth_trust_mode(m, &mode_at);

	/*
	 * Under machine trust (ClientAuthTrustMode 0, the default) SCHANNEL
	 * validates client certificates against Trusted Root, whatever
	 * SendTrustedIssuerList says: without the list the logon ends in
	 * 403.16, with it in 403.7 (KB 2802568).
	 */
	if (mode != 0)
		return 0;
	const struct cert_store *root = model_find_store(m, "Root");
	if (!root)
		return 0;
	int sends = schannel_sends_issuer_list(m, &sti);
	enum severity level = level_of(m);
	const struct client_cert_use *u = &m->client_certs;

	const char *mode_words = mode_at ? "(ClientAuthTrustMode=0)"
					 : "(ClientAuthTrustMode is not set, which means 0)";
	for (const struct cert *c = root->certs; c; c = c->next) {
		if (c->self_signed != 0)
			continue;       /* self-signed, or unknown */
		const char *key = arena_strfmt(&out->arena, "store:Root/%s", c->thumbprint);
		struct diag *d = diag_emit(out, level, &c->loc, key,
			"%s: the Trusted Root store holds '%s' (thumbprint %s), which is not self-signed "
			"(%s%s)%s",
			outcome_words(m, level, sends), cert_subject_text(c), c->thumbprint,
			issuer_words(out, c),
			c->self_signed_inferred ?
				"; judged from the subject and issuer names, as the dump has no RawData" : "",
			why_words(out, m, sends, mode_words));
		if (sti)
			diag_add_related(out, d, &sti->loc, "SendTrustedIssuerList=%u is set here",
					 sends ? 1u : 0u);
		else if (sends)
			diag_add_related(out, d, &m->manifest.build_loc,
					 "SendTrustedIssuerList is absent: build %u sends the list by default",
					 (unsigned)m->manifest.build);
		if (mode_at)
			diag_add_related(out, d, &mode_at->loc, "ClientAuthTrustMode=0 is set here");
		if (u->site && level == SEV_ERROR)
			diag_add_related(out, d, &u->access->loc, "%s", cert_use_words(out, u));
		else if (u->negotiate && level == SEV_ERROR)
			diag_add_related(out, d, &u->negotiate->loc,
					 "a binding negotiates client certificates (Negotiate Client Certificate)");
		diag_set_fix(out, d, FIX_SHELL_POWERSHELL,
			     "Move-Item -Path Cert:\\LocalMachine\\Root\\%s -Destination Cert:\\LocalMachine\\CA",
			     fix_raw(out, d, FIXARG_HASH, upper(out, c->thumbprint), &c->loc));
	}
	return 0;
}

const struct rule rule_root_store_not_self_signed = {
	.id = "SCL003",
	.name = "root-store-not-self-signed",
	.summary = "under machine trust the Trusted Root store holds a certificate that is not self-signed: client certificate logon fails with HTTP 403.16 or 403.7",
	.level = SEV_ERROR,
	.needs = NEED_SCHANNEL | NEED_ROOT_STORE,
	.check = check_root_store_not_self_signed,
};

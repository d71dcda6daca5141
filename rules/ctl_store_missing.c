/*
 * SCL001 ctl-store-missing: SCHANNEL sends the trusted issuer list under
 * exclusive trust, and a binding names no CTL store, so the client is
 * offered no issuer it can answer with: a browser offers no certificate,
 * and a site that requires one answers HTTP 403.7 (the IIS Manager
 * renewal story in DESIGN.md).
 *
 * Level (the binding's client_certs, model_client_certs.c): error when
 * the binding or a site it serves asks for client certificates; warning
 * when nothing in the snapshot tells; silent when IIS shows none.
 *
 * The fix names a CTL store only when the snapshot does not show it
 * empty or missing.  AD FS's certificate-authentication binding (AppId
 * 5d89a20c-..., port 49443 or host certauth.*) must keep its Ctl Store
 * Name null (AD FS FAQ): for it, the fix stops sending the list instead.
 */
#include <string.h>

#include "rule.h"

#define ADFS_APPID "{5d89a20c-beab-4389-9447-324788eb944a}"
#define ADFS_CERTAUTH_PORT 49443

/* Where client certificates would come from, in the message's words. */
static const char *trust_mode_words(uint32_t mode)
{
	return mode == 1 ? "exclusive root trust" : "exclusive CA trust";
}

static int is_adfs(const struct httpsys_binding *b)
{
	return binding_has_appid(b, ADFS_APPID);
}

/* AD FS's user certificate authentication endpoint: fs:49443, or certauth.fs:443. */
static int is_adfs_certauth(const struct httpsys_binding *b)
{
	return is_adfs(b) && (b->port == ADFS_CERTAUTH_PORT ||
			      (b->address && !strncmp(b->address, "certauth.", 9)));
}

/*
 * What the client sees, in the message's words, after "client certificate
 * logon to X "; IIS's 403.7 only for IIS's bindings.
 */
static const char *outcome_words(const struct httpsys_binding *b)
{
	int iis = binding_has_appid(b, IIS_APPID);
	switch (b->client_certs.use) {
	case CERT_USE_REQUIRE:
		return "fails with HTTP 403.7 (client certificate required)";
	case CERT_USE_NEGOTIATE:
		return iis ? "fails: browsers offer no certificate, so the site sees an anonymous "
			     "client (a site that requires one answers HTTP 403.7)" :
			     "fails: browsers offer no certificate, so the application gets none";
	default:
		return iis ? "will fail if a site on it asks for client certificates: browsers offer "
			     "none (a site that requires one answers HTTP 403.7)" :
			     "will fail if the application on it asks for client certificates: "
			     "browsers offer none";
	}
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

static void add_cert_use(struct diag_list *out, struct diag *d, const struct client_cert_use *u)
{
	if (u->site)
		diag_add_related(out, d, &u->access->loc, "%s", cert_use_words(out, u));
	if (u->negotiate)
		diag_add_related(out, d, &u->negotiate->loc,
				 "the binding negotiates client certificates (Negotiate Client Certificate)");
	if (u->ds_mapper)
		diag_add_related(out, d, &u->ds_mapper->loc,
				 "the binding maps client certificates to accounts (DS Mapper Usage)");
}

/*
 * The CTL store to name in the fix: AD FS's device store for its other
 * bindings, else ClientAuthIssuer; a <placeholder> when the store dumps
 * show it empty or lack it (with a related location saying so).
 */
static const char *ctl_store_for_fix(const struct model *m, struct diag_list *out,
				     struct diag *d, const struct httpsys_binding *b)
{
	const char *name = is_adfs(b) ? "AdfsTrustedDevices" : "ClientAuthIssuer";
	const struct cert_store *s = model_find_store(m, name);
	if (s && s->nr_certs)
		return name;
	if (s) {
		diag_add_related(out, d, &s->loc,
				 "store '%s' is dumped here, empty: import the CA certificates that issue "
				 "your client certificates into a store, then name that store",
				 s->name);
		return "<issuer-store>";
	}
	if (m->stores) {
		diag_add_related(out, d, &b->loc,
				 "the store dumps hold no store '%s': put the CA certificates that issue "
				 "your client certificates into a store, then name that store", name);
		return "<issuer-store>";
	}
	diag_add_related(out, d, &b->loc,
			 "the snapshot has no certificate store dumps: make sure store '%s' holds "
			 "the CA certificates that issue your client certificates", name);
	return name;
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
	if (!schannel_sends_issuer_list(m, &sti) || (mode != 1 && mode != 2) ||
	    !schannel_has_trust_modes(m))
		return 0;       /* before 2012 Windows has no trust modes and ignores the value */

	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		const struct bfield *ctl = binding_get(b, BF_CTL_STORE);
		if (!ctl || !ctl->valid || ctl->str)
			continue;       /* unknown, unreadable, or set */
		const struct client_cert_use *u = &b->client_certs;
		if (u->use == CERT_USE_NONE)
			continue;       /* IIS shows no client-certificate use on it */

		struct diag *d = diag_emit(out, u->use == CERT_USE_UNKNOWN ? SEV_WARNING : SEV_ERROR,
			&b->loc, b->key,
			"client certificate logon to %s %s: SCHANNEL sends the trusted issuer list "
			"under %s (ClientAuthTrustMode=%u), but this binding names no Ctl Store Name",
			b->endpoint, outcome_words(b), trust_mode_words(mode), (unsigned)mode);
		if (sti)
			diag_add_related(out, d, &sti->loc, "SendTrustedIssuerList=1 is set here");
		else
			diag_add_related(out, d, &m->manifest.build_loc,
					 "SendTrustedIssuerList is absent: build %u sends the list by default",
					 (unsigned)m->manifest.build);
		diag_add_related(out, d, &mode_at->loc, "ClientAuthTrustMode=%u is set here",
				 (unsigned)mode);
		if (ctl->loc.line != b->loc.line || ctl->loc.file != b->loc.file)
			diag_add_related(out, d, &ctl->loc, "Ctl Store Name is %s here",
					 ctl->text ? ctl->text : "(null)");
		add_other_view(out, d, b, ctl);
		add_cert_use(out, d, u);

		if (is_adfs_certauth(b)) {
			diag_add_related(out, d, &b->loc,
					 "this is AD FS's certificate authentication binding, whose Ctl Store "
					 "Name must stay (null): stop sending the list instead");
			diag_set_fix(out, d, FIX_SHELL_ANY,
				     "reg add \"%s\" /v SendTrustedIssuerList /t REG_DWORD /d 0 /f",
				     SCHANNEL_KEY);
			continue;
		}
		fix_binding_update1(out, d, b, BF_CTL_STORE, ctl_store_for_fix(m, out, d, b));
	}
	return 0;
}

const struct rule rule_ctl_store_missing = {
	.id = "SCL001",
	.name = "ctl-store-missing",
	.summary = "trusted issuer list sent under exclusive trust, but the binding names no CTL store: client certificate logon fails",
	.level = SEV_ERROR,
	.needs = NEED_SCHANNEL | NEED_BINDINGS,
	.check = check_ctl_store_missing,
};

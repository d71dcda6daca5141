/*
 * SCL015 ctl-store-not-in-snapshot: a binding names a CTL store (Ctl
 * Store Name) that the snapshot's certificate dumps show empty.
 *
 * What Windows does with an empty CTL store depends on the trust mode
 * ("What's New in TLS/SSL (Schannel SSP)", Windows Server 2012):
 * - for the issuer list, SCHANNEL falls back to ClientAuthIssuer, then
 *   to Trusted Root, so under machine trust (0) and exclusive root trust
 *   (1) the binding still works, with another store's list: a note that
 *   says which store is sent;
 * - under exclusive CA trust (2) a client certificate must chain to a
 *   certificate in the binding's own store, and an empty one trusts none:
 *   client certificate logon fails (a warning; an error where a site or
 *   the binding asks for client certificates).
 * A binding whose CTL store the dumps lack is not a finding: the rule
 * lists it as not run for that binding, with the command that exports the
 * store.  Bindings on which IIS shows no client-certificate use are left
 * alone.
 */
#include "rule.h"

/* The not-run reason for a binding whose CTL store was not dumped. */
static void skip_not_dumped(struct diag_list *out, const struct httpsys_binding *b,
			    const char *store)
{
	/* values from the input appear in the reason only when they are plain names */
	const char *ep = fix_arg_ok(FIXARG_ENDPOINT_IPPORT, b->endpoint) ||
			 fix_arg_ok(FIXARG_ENDPOINT_HOSTNAMEPORT, b->endpoint) ||
			 fix_arg_ok(FIXARG_ENDPOINT_CCS, b->endpoint) ? b->endpoint : "a binding";
	if (!fix_arg_ok(FIXARG_STORE, store)) {
		diag_skip(out, "for %s: its CTL store is not in the snapshot's store dumps", ep);
		return;
	}
	/* the wrapper keeps the store's name when it is empty, where a bare ConvertTo-Json writes nothing */
	diag_skip(out, "for %s: its CTL store '%s' is not in the snapshot's store dumps; export it: "
		  "@{ store = '%s'; certificates = @(Get-ChildItem 'Cert:\\LocalMachine\\%s' | "
		  "Select-Object Thumbprint, Subject, Issuer, NotBefore, NotAfter, "
		  "@{ n = 'RawData'; e = { [Convert]::ToBase64String($_.RawData) } }) } | "
		  "ConvertTo-Json -Depth 4 > '%s.json'",
		  ep, store, store, store, store);
}

static int check_ctl_store_not_in_snapshot(const struct model *m, struct diag_list *out)
{
	const struct reg_value *mode_at;
	uint32_t mode = schannel_client_auth_trust_mode(m, &mode_at);
	int have_mode = model_reg_key(m, SCHANNEL_KEY) != NULL;

	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		struct issuer_source src;
		binding_issuer_source(m, b, &src);
		if (!src.ctl)
			continue;       /* unknown, unreadable, or none named */
		if (src.not_dumped) {
			skip_not_dumped(out, b, src.ctl->str);
			continue;
		}
		if (!src.fell_back || b->client_certs.use == CERT_USE_NONE)
			continue;       /* the store holds certificates, or nothing asks */

		const struct cert_store *s = src.ctl_store;
		struct diag *d;
		if (have_mode && mode == 2 && schannel_has_trust_modes(m)) {
			d = diag_emit(out, b->client_certs.use == CERT_USE_UNKNOWN ? SEV_WARNING : SEV_ERROR,
				&src.ctl->loc, b->key,
				"client certificate logon to %s will fail: under exclusive CA trust "
				"(ClientAuthTrustMode=2) a client certificate must chain to a certificate "
				"in the binding's CTL store '%s', which is empty",
				b->endpoint, src.ctl->str);
			diag_add_related(out, d, &mode_at->loc, "ClientAuthTrustMode=2 is set here");
		} else {
			const char *sent = src.store ?
				arena_strfmt(&out->arena, "store '%s'", src.store->name) :
				"the Trusted Root store (not in the snapshot's dumps)";
			d = diag_emit(out, SEV_NOTE, &src.ctl->loc, b->key,
				"the CTL store '%s' of %s is empty, so SCHANNEL falls back and takes the "
				"trusted issuer list from %s%s",
				src.ctl->str, b->endpoint, sent,
				have_mode ? "" : " (the trust mode is not in the snapshot; under exclusive "
				"CA trust, ClientAuthTrustMode=2, the logon would fail)");
			if (src.store)
				diag_add_related(out, d, &src.store->loc, "store '%s' is dumped here",
						 src.store->name);
		}
		diag_add_related(out, d, &s->loc, "store '%s' is dumped here, with no certificate",
				 s->name);
		diag_set_fix(out, d, FIX_SHELL_POWERSHELL,
			     "Import-Certificate -FilePath <issuing-ca.cer> -CertStoreLocation "
			     "'Cert:\\LocalMachine\\%s'",
			     fix_raw(out, d, FIXARG_STORE, s->name, &s->loc));
	}
	return 0;
}

const struct rule rule_ctl_store_not_in_snapshot = {
	.id = "SCL015",
	.name = "ctl-store-not-in-snapshot",
	.summary = "a binding names a CTL store that the snapshot's store dumps show empty",
	.level = SEV_WARNING,
	.needs = NEED_BINDINGS | NEED_CERTS,
	.check = check_ctl_store_not_in_snapshot,
};

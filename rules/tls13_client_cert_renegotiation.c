/*
 * SCL017 tls13-client-cert-renegotiation: an IIS site or application
 * asks for client certificates (SslNegotiateCert, SslRequireCert), and
 * the HTTP.sys binding serving it does not negotiate them in the first
 * handshake (Negotiate Client Certificate disabled).  IIS then asks for
 * the certificate after the handshake, by TLS renegotiation, which
 *   - TLS 1.3 does not have: on build 20348 (Windows Server 2022) and
 *     later, with TLS 1.3 enabled in SCHANNEL and not disabled on the
 *     binding, clients get a connection reset (2022) or HTTP 500 with
 *     0x80070032 ERROR_NOT_SUPPORTED (Windows Server 2025, build 26100);
 *   - SCHANNEL refuses on any build with DisableRenegoOnServer=1.
 * One finding per binding, at its Negotiate Client Certificate line.
 * Without a build the TLS 1.3 case cannot be judged: the rule lists the
 * bindings it would check as not run ("needs snapshot.json build").
 */
#include "rule.h"

/* The first build whose HTTP.sys answers HTTP 500 instead of resetting the connection. */
#define FIRST_BUILD_HTTP_500 26100

static const struct bfield *flag_set(const struct httpsys_binding *b, enum bfield_id id)
{
	const struct bfield *f = binding_get(b, id);
	return f && f->valid && f->num ? f : NULL;
}

/* An IIS binding on b that disables TLS 1.3 over TCP (sslFlags 32), or NULL. */
static const struct iis_binding *iis_tls13_off(const struct httpsys_binding *b)
{
	for (size_t i = 0; i < b->nr_users; i++)
		if (b->users[i]->ssl_flags & IIS_SSL_DISABLE_TLS13_OVER_TCP)
			return b->users[i];
	return NULL;
}

static int check_tls13_client_cert_renegotiation(const struct model *m, struct diag_list *out)
{
	uint32_t build = model_os_build(m);
	const struct os_release *rel = os_release_for_build(build);
	const struct reg_value *no_reneg = schannel_dword(m, "DisableRenegoOnServer");
	struct proto_server_state st13;
	int tls13 = rel && rel->tls13 &&
		    schannel_protocol_server(m, PROTO_TLS13, &st13) == PSTATE_ENABLED;
	int skipped = 0;

	if (no_reneg && !no_reneg->num)
		no_reneg = NULL;
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		const struct client_cert_use *u = &b->client_certs;
		if (!u->site || u->negotiate)
			continue;       /* no site asks, or the first handshake asks already */
		const struct bfield *neg = binding_get(b, BF_NEGOTIATE_CLIENT_CERT);
		if (neg && !neg->valid)
			continue;
		int by_tls13 = tls13 && !flag_set(b, BF_DISABLE_TLS13) && !iis_tls13_off(b);
		if (!by_tls13 && !no_reneg) {
			if (!build && !skipped++)
				diag_skip(out, "needs snapshot.json build (whether TLS 1.3 is on for the "
					  "bindings whose sites ask for client certificates after the handshake)");
			continue;
		}
		const struct srcloc *at = neg ? &neg->loc : &b->loc;
		struct diag *d;
		if (by_tls13)
			d = diag_emit(out, SEV_ERROR, at, b->key,
				"client certificate logon to %s fails: %s, but binding %s does not negotiate "
				"client certificates in the handshake, so IIS asks for one afterwards by TLS "
				"renegotiation, which TLS 1.3 does not have; clients that connect with TLS 1.3 "
				"(on by default on %s) get %s",
				u->app ? u->app : u->site->name, cert_use_words(out, u), b->endpoint,
				rel->name, build >= FIRST_BUILD_HTTP_500 ?
				"HTTP 500 with error 0x80070032 (ERROR_NOT_SUPPORTED)" :
				"a reset connection (ERR_CONNECTION_RESET)");
		else
			d = diag_emit(out, SEV_WARNING, at, b->key,
				"client certificate logon to %s most likely fails: %s, but binding %s does not "
				"negotiate client certificates in the handshake, so IIS asks for one afterwards "
				"by TLS renegotiation, which SCHANNEL refuses on the server "
				"(DisableRenegoOnServer=%llu)",
				u->app ? u->app : u->site->name, cert_use_words(out, u), b->endpoint,
				(unsigned long long)no_reneg->num);
		diag_add_related(out, d, &u->access->loc, "%s", cert_use_words(out, u));
		if (by_tls13 && !st13.by_default && st13.decider)
			diag_add_related(out, d, &st13.loc, "TLS 1.3 is enabled for the server here");
		else if (by_tls13)
			diag_add_related(out, d, &m->manifest.build_loc,
					 "build %u: TLS 1.3 is on by default", (unsigned)build);
		if (no_reneg)
			diag_add_related(out, d, &no_reneg->loc, "DisableRenegoOnServer=%llu is set here",
					 (unsigned long long)no_reneg->num);
		fix_binding_update1(out, d, b, BF_NEGOTIATE_CLIENT_CERT, "enable");
	}
	return 0;
}

const struct rule rule_tls13_client_cert_renegotiation = {
	.id = "SCL017",
	.name = "tls13-client-cert-renegotiation",
	.summary = "a site asks for client certificates after the handshake, on a binding without Negotiate Client Certificate, where TLS 1.3 or DisableRenegoOnServer rules out renegotiation",
	.level = SEV_ERROR,
	.needs = NEED_IIS | NEED_BINDINGS,
	.check = check_tls13_client_cert_renegotiation,
};

/*
 * SCL006 cert-expired: the certificate an HTTP.sys binding serves has
 * expired at the snapshot's time reference (--now, the manifest's
 * "taken", or the clock), so every client that validates it refuses the
 * connection.  SCL007 reports certificates that are about to expire;
 * a certificate gets one of the two, never both.  When the binding's
 * store holds a renewed certificate (same subject, private key, valid),
 * the fix binds it.
 */
#include <string.h>

#include "rule.h"

static const char *days_ago(struct diag_list *out, int64_t secs)
{
	int64_t days = secs / 86400;
	if (!days)
		return "less than a day ago";
	return arena_strfmt(&out->arena, "%lld day%s ago", (long long)days, days == 1 ? "" : "s");
}

static int check_cert_expired(const struct model *m, struct diag_list *out)
{
	int64_t now = m->host.now;
	if (now == MODEL_INIT_NOW_UNSET)
		return 0;

	struct cert_replacements repl = { .m = m };
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		if (b->kind == EP_CCS)
			continue;       /* the certificate comes from the central store */
		const struct cert_store *s;
		const struct cert *c = binding_cert(m, b, &s);
		if (!c || !c->has_not_after || c->not_after >= now)
			continue;

		const struct cert *r = cert_find_replacement(&repl, s, c, now);
		const char *renewed = !r ? "" : arena_strfmt(&out->arena,
			"; the renewed certificate %s in store '%s', valid until %s UTC, is not bound",
			r->thumbprint, s->name, utc_text(out, r->not_after));
		struct diag *d = diag_emit(out, SEV_ERROR, &binding_get(b, BF_CERT_HASH)->loc, b->key,
			"HTTPS clients of %s reject the server certificate: '%s' (thumbprint %s) "
			"expired on %s UTC, %s%s%s",
			b->endpoint, cert_subject_text(c), c->thumbprint, utc_text(out, c->not_after),
			days_ago(out, now - c->not_after), time_reference_words(m), renewed);
		diag_add_related(out, d, &c->loc, "certificate '%s' is listed here", cert_subject_text(c));
		if (r)
			diag_add_related(out, d, &r->loc, "renewed certificate '%s' is listed here",
					 cert_subject_text(r));
		fix_binding_update1(out, d, b, BF_CERT_HASH, r ? r->thumbprint : "<renewed-certhash>");
	}
	cert_replacements_release(&repl);
	return 0;
}

const struct rule rule_cert_expired = {
	.id = "SCL006",
	.name = "cert-expired",
	.summary = "a bound certificate expired before the snapshot time",
	.level = SEV_ERROR,
	.needs = NEED_BINDINGS | NEED_CERTS,
	.check = check_cert_expired,
};

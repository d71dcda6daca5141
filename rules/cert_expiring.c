/*
 * SCL007 cert-expiring: the certificate an HTTP.sys binding serves is
 * still valid at the snapshot's time reference but expires within
 * DEFAULT_EXPIRING_DAYS (or the "days" the configuration sets), after
 * which every client that validates it refuses the connection.  An expired certificate is SCL006's, never
 * this rule's.  When the binding's store holds a renewed certificate
 * (same subject, private key, valid past the window), the fix binds it:
 * the renewal that was done but never bound.
 */
#include <string.h>

#include "rule.h"

/* the window when the configuration sets no "days" for SCL007 */
#define DEFAULT_EXPIRING_DAYS 30

static const char *days_ahead(struct diag_list *out, int64_t secs)
{
	int64_t days = secs / 86400;
	if (!days)
		return "less than a day";
	return arena_strfmt(&out->arena, "%lld day%s", (long long)days, days == 1 ? "" : "s");
}

static int check_cert_expiring(const struct model *m, struct diag_list *out)
{
	int64_t now = m->host.now;
	if (now == MODEL_INIT_NOW_UNSET)
		return 0;
	int64_t horizon = now + (int64_t)model_rule_param(m, "SCL007", "days",
							  DEFAULT_EXPIRING_DAYS) * 86400;

	struct cert_replacements repl = { .m = m };
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		if (b->kind == EP_CCS)
			continue;       /* the certificate comes from the central store */
		const struct cert_store *s;
		const struct cert *c = binding_cert(m, b, &s);
		if (!c || !c->has_not_after || c->not_after < now || c->not_after >= horizon)
			continue;       /* unknown, expired (SCL006), or far enough */

		const struct cert *r = cert_find_replacement(&repl, s, c, horizon);
		const char *renewed = !r ? "" : arena_strfmt(&out->arena,
			"; the renewed certificate %s in store '%s', valid until %s UTC, is not bound",
			r->thumbprint, s->name, utc_text(out, r->not_after));
		struct diag *d = diag_emit(out, SEV_WARNING, &binding_get(b, BF_CERT_HASH)->loc, b->key,
			"HTTPS clients of %s will reject the server certificate in %s%s: "
			"'%s' (thumbprint %s) expires on %s UTC%s",
			b->endpoint, days_ahead(out, c->not_after - now), time_reference_words(m),
			cert_subject_text(c), c->thumbprint, utc_text(out, c->not_after), renewed);
		diag_add_related(out, d, &c->loc, "certificate '%s' is listed here", cert_subject_text(c));
		if (r)
			diag_add_related(out, d, &r->loc, "renewed certificate '%s' is listed here",
					 cert_subject_text(r));
		fix_binding_update1(out, d, b, BF_CERT_HASH, r ? r->thumbprint : "<renewed-certhash>");
	}
	cert_replacements_release(&repl);
	return 0;
}

const struct rule rule_cert_expiring = {
	.id = "SCL007",
	.name = "cert-expiring",
	.summary = "a bound certificate expires within 30 days (configurable) of the snapshot time",
	.level = SEV_WARNING,
	.needs = NEED_BINDINGS | NEED_CERTS,
	.check = check_cert_expiring,
};

/*
 * SCL007 cert-expiring: the certificate an HTTP.sys binding serves is
 * still valid at the snapshot's time reference but expires within
 * DEFAULT_EXPIRING_DAYS, after which every client that validates it
 * refuses the connection.  An expired certificate is SCL006's, never
 * this rule's.  When the binding's store holds a renewed certificate
 * (same subject, private key, valid past the window), the fix binds it:
 * the renewal that was done but never bound.
 */
#include <string.h>

#include "rule.h"

/* NEEDSWORK: configurable once the configuration file exists */
#define DEFAULT_EXPIRING_DAYS 30

static const char *subject_of(const struct cert *c)
{
	return c->subject && *c->subject ? c->subject : "(empty subject)";
}

/* "YYYY-MM-DD HH:MM:SS" of t (UTC), in out's arena: H. Hinnant's civil_from_days. */
static const char *utc_text(struct diag_list *out, int64_t t)
{
	int64_t days = t / 86400, secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t day = doy - (153 * mp + 2) / 5 + 1;
	int64_t month = mp < 10 ? mp + 3 : mp - 9;
	int64_t year = yoe + era * 400 + (month <= 2);
	return arena_strfmt(&out->arena, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld",
			    (long long)year, (long long)month, (long long)day,
			    (long long)(secs / 3600), (long long)(secs / 60 % 60), (long long)(secs % 60));
}

/* Which time reference the dates are compared with, when it is worth saying. */
static const char *time_reference(const struct model *m)
{
	const char *src = m->host.now_source;
	if (src && !strcmp(src, "manifest"))
		return " (as of the snapshot time in the manifest)";
	if (src && !strcmp(src, "--now"))
		return " (as of --now)";
	return "";
}

/*
 * Certificates that could be bound instead: in the same store, with the
 * same subject, a private key, Server Authentication (or EKUs unknown)
 * and a validity that has begun.  Per store, the one of each subject that
 * expires last; each store's map is built on first use.
 */
#define REPLACEMENT_STORES 8

struct replacements {
	const struct model *m;
	const struct cert_store *store[REPLACEMENT_STORES];
	struct strmap by_subject[REPLACEMENT_STORES];
	size_t nr;
};

static struct strmap *replacement_map(struct replacements *r, const struct cert_store *s)
{
	for (size_t i = 0; i < r->nr; i++)
		if (r->store[i] == s)
			return &r->by_subject[i];
	if (r->nr == REPLACEMENT_STORES)
		return NULL;    /* bindings spread over this many stores: no suggestion */
	struct strmap *map = &r->by_subject[r->nr];
	r->store[r->nr++] = s;
	strmap_init(map);
	for (const struct cert *c = s->certs; c; c = c->next) {
		if (!c->subject || !*c->subject || c->has_private_key != 1 || !c->has_not_after ||
		    cert_allows_server_auth(c) == 0 ||
		    (c->has_not_before && c->not_before > r->m->host.now))
			continue;
		const struct cert *best = strmap_get(map, c->subject);
		if (!best || c->not_after > best->not_after)
			strmap_put(map, c->subject, (void *)c);
	}
	return map;
}

/* A certificate of store s to bind instead of c, valid after `until`; or NULL. */
static const struct cert *find_replacement(struct replacements *r, const struct cert_store *s,
					   const struct cert *c, int64_t until)
{
	if (r->m->host.now == MODEL_INIT_NOW_UNSET || !c->subject || !*c->subject)
		return NULL;
	struct strmap *map = replacement_map(r, s);
	const struct cert *best = map ? strmap_get(map, c->subject) : NULL;
	return best && best != c && best->not_after > until ? best : NULL;
}

static void replacements_release(struct replacements *r)
{
	for (size_t i = 0; i < r->nr; i++)
		strmap_release(&r->by_subject[i]);
}

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
	int64_t horizon = now + (int64_t)DEFAULT_EXPIRING_DAYS * 86400;

	struct replacements repl = { .m = m };
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		if (b->kind == EP_CCS)
			continue;       /* the certificate comes from the central store */
		const struct cert_store *s;
		const struct cert *c = binding_cert(m, b, &s);
		if (!c || !c->has_not_after || c->not_after < now || c->not_after >= horizon)
			continue;       /* unknown, expired (SCL006), or far enough */

		const struct cert *r = find_replacement(&repl, s, c, horizon);
		const char *renewed = !r ? "" : arena_strfmt(&out->arena,
			"; the renewed certificate %s in store '%s', valid until %s UTC, is not bound",
			r->thumbprint, s->name, utc_text(out, r->not_after));
		struct diag *d = diag_emit(out, SEV_WARNING, &binding_get(b, BF_CERT_HASH)->loc, b->key,
			"HTTPS clients of %s will reject the server certificate in %s%s: "
			"'%s' (thumbprint %s) expires on %s UTC%s",
			b->endpoint, days_ahead(out, c->not_after - now), time_reference(m),
			subject_of(c), c->thumbprint, utc_text(out, c->not_after), renewed);
		diag_add_related(out, d, &c->loc, "certificate '%s' is listed here", subject_of(c));
		if (r)
			diag_add_related(out, d, &r->loc, "renewed certificate '%s' is listed here",
					 subject_of(r));
		diag_set_fix(out, d, "%s", binding_update_command(out, b, BF_CERT_HASH,
			     r ? r->thumbprint : "<renewed-certhash>"));
	}
	replacements_release(&repl);
	return 0;
}

const struct rule rule_cert_expiring = {
	.id = "SCL007",
	.name = "cert-expiring",
	.summary = "a bound certificate expires within 30 days of the snapshot time",
	.level = SEV_WARNING,
	.needs = NEED_BINDINGS | NEED_CERTS,
	.check = check_cert_expiring,
};

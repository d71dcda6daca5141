/*
 * Questions several rules ask of the model, answered once: the
 * certificate a binding names, and what SCHANNEL does with the trusted
 * issuer list.
 */
#include <string.h>

#include "rule.h"
#include "timeutil.h"

const struct cert *binding_cert(const struct model *m, const struct httpsys_binding *b,
				const struct cert_store **store)
{
	const struct bfield *h = binding_get(b, BF_CERT_HASH);
	const struct cert_store *s = model_find_store(m, binding_effective_store(b));
	if (store)
		*store = s;
	if (!h || !h->valid || !h->str || !s)
		return NULL;
	return store_find_cert(s, h->str);
}

const struct reg_value *schannel_dword(const struct model *m, const char *name)
{
	const struct reg_value *v = model_schannel_get(m, "", name);
	return v && v->valid && v->type == REGT_DWORD ? v : NULL;
}

/* Windows Server 2008 R2 SP1 is build 7601; later versions stopped sending the list. */
#define LAST_BUILD_SENDING_ISSUER_LIST 7601

int schannel_sends_issuer_list(const struct model *m, const struct reg_value **where)
{
	const struct reg_value *v = schannel_dword(m, "SendTrustedIssuerList");
	*where = v;
	if (v)
		return v->num != 0;
	return m->manifest.build && m->manifest.build <= LAST_BUILD_SENDING_ISSUER_LIST;
}

int schannel_has_trust_modes(const struct model *m)
{
	return !m->manifest.build || m->manifest.build >= FIRST_BUILD_WITH_TRUST_MODES;
}

uint32_t schannel_client_auth_trust_mode(const struct model *m, const struct reg_value **where)
{
	const struct reg_value *v = schannel_dword(m, "ClientAuthTrustMode");
	*where = v;
	return v ? (uint32_t)v->num : 0;
}

const struct cert_store *binding_issuer_source(const struct model *m,
					       const struct httpsys_binding *b,
					       struct issuer_source *src)
{
	const struct bfield *ctl = binding_get(b, BF_CTL_STORE);
	memset(src, 0, sizeof(*src));
	if (ctl && !ctl->valid)
		return NULL;    /* unreadable: nothing to say */
	if (ctl && ctl->str) {
		src->ctl = ctl;
		src->ctl_store = model_find_store(m, ctl->str);
		if (!src->ctl_store) {
			src->not_dumped = 1;
			return NULL;
		}
		if (src->ctl_store->nr_certs)
			return src->store = src->ctl_store;
		src->fell_back = 1;
	}
	/*
	 * A ClientAuthIssuer store the dumps lack counts as empty: the
	 * README's export skips a store that does not exist, and an empty
	 * one writes an empty file.
	 */
	const struct cert_store *cai = model_find_store(m, "ClientAuthIssuer");
	if (cai && cai->nr_certs && schannel_has_trust_modes(m))
		return src->store = cai;
	return src->store = model_find_store(m, "Root");
}

const char *cert_use_words(struct diag_list *out, const struct client_cert_use *u)
{
	const char *what = u->access->flags & ACCESS_SSL_REQUIRE_CERT ?
		"requires client certificates (SslRequireCert)" :
		"negotiates client certificates (SslNegotiateCert)";
	if (u->app)
		return arena_strfmt(&out->arena, "application \"%s\" of site \"%s\" %s",
				    u->app, u->site->name, what);
	return arena_strfmt(&out->arena, "site \"%s\" %s", u->site->name, what);
}

const char *cert_subject_text(const struct cert *c)
{
	return c->subject && *c->subject ? c->subject : "(empty subject)";
}

/* "YYYY-MM-DD HH:MM:SS" of t (UTC), in out's arena. */
const char *utc_text(struct diag_list *out, int64_t t)
{
	char buf[64];
	utc_format(t, buf);
	return arena_strdup(&out->arena, buf);
}

/* Which time reference the dates are compared with, when it is worth saying. */
const char *time_reference_words(const struct model *m)
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
static struct strmap *replacement_map(struct cert_replacements *r, const struct cert_store *s)
{
	for (size_t i = 0; i < r->nr; i++)
		if (r->store[i] == s)
			return &r->by_subject[i];
	if (r->nr == CERT_REPLACEMENT_STORES)
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
const struct cert *cert_find_replacement(struct cert_replacements *r, const struct cert_store *s,
					   const struct cert *c, int64_t until)
{
	if (r->m->host.now == MODEL_INIT_NOW_UNSET || !c->subject || !*c->subject)
		return NULL;
	struct strmap *map = replacement_map(r, s);
	const struct cert *best = map ? strmap_get(map, c->subject) : NULL;
	return best && best != c && best->not_after > until ? best : NULL;
}

void cert_replacements_release(struct cert_replacements *r)
{
	for (size_t i = 0; i < r->nr; i++)
		strmap_release(&r->by_subject[i]);
}

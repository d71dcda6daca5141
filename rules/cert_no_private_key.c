/*
 * SCL008 cert-no-private-key: the certificate an HTTP.sys binding serves
 * has no private key in its store (HasPrivateKey false), so SCHANNEL
 * cannot acquire its credentials and HTTP.sys resets every TLS
 * connection to the endpoint.  Silent when the dump does not tell.
 * The fix binds a certificate of the same subject that has a key when
 * the store holds one, else repairs the key link with certutil.
 */
#include <string.h>

#include "rule.h"

static const char *subject_of(const struct cert *c)
{
	return c->subject && *c->subject ? c->subject : "(empty subject)";
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

/* A certutil argument, quoted when it holds a space. */
static const char *cmd_arg(struct diag_list *out, const char *s)
{
	return strchr(s, ' ') ? arena_strfmt(&out->arena, "\"%s\"", s) : s;
}

static int check_cert_no_private_key(const struct model *m, struct diag_list *out)
{
	struct replacements repl = { .m = m };
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		if (b->kind == EP_CCS)
			continue;       /* the certificate comes from the central store */
		const struct cert_store *s;
		const struct cert *c = binding_cert(m, b, &s);
		if (!c || c->has_private_key != 0)
			continue;       /* not found, has a key, or unknown */

		const struct cert *r = find_replacement(&repl, s, c, m->host.now);
		const char *other = !r ? "" : arena_strfmt(&out->arena,
			"; certificate %s in the same store has the same subject and a private key",
			r->thumbprint);
		struct diag *d = diag_emit(out, SEV_ERROR, &binding_get(b, BF_CERT_HASH)->loc, b->key,
			"HTTPS connections to %s are reset: the bound certificate '%s' (thumbprint %s) "
			"has no private key in store '%s', so SCHANNEL cannot use it for the TLS handshake%s",
			b->endpoint, subject_of(c), c->thumbprint, s->name, other);
		diag_add_related(out, d, &c->loc, "certificate '%s' is listed here, without a private key",
				 subject_of(c));
		if (r) {
			diag_add_related(out, d, &r->loc, "certificate '%s' with a private key is listed here",
					 subject_of(r));
			diag_set_fix(out, d, "%s",
				     binding_update_command(out, b, BF_CERT_HASH, r->thumbprint));
		} else {
			diag_set_fix(out, d, "certutil -repairstore %s %s",
				     cmd_arg(out, s->name), c->thumbprint);
		}
	}
	replacements_release(&repl);
	return 0;
}

const struct rule rule_cert_no_private_key = {
	.id = "SCL008",
	.name = "cert-no-private-key",
	.summary = "a bound certificate has no private key",
	.level = SEV_ERROR,
	.needs = NEED_BINDINGS | NEED_CERTS,
	.check = check_cert_no_private_key,
};

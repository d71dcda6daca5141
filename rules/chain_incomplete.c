/*
 * SCL021 chain-incomplete: the issuer of a bound certificate is in
 * neither the Intermediate Certification Authorities (CA) store nor the
 * Trusted Root store of the server.  SCHANNEL builds the chain it sends
 * from the local stores, so the server sends the certificate alone, and
 * clients that cannot fetch the missing intermediate themselves (through
 * the certificate's AIA URL: many non-browser clients, and any client
 * without Internet access) fail to build a chain to a trusted root.
 *
 * Runs only when both stores are dumped (NEED_CA_STORE, NEED_ROOT_STORE);
 * a store missing from the snapshot proves nothing.  A CA matches when
 * its subject name (DER) is the certificate's issuer name and, when both
 * carry one, its subject key identifier is the certificate's authority
 * key identifier (cert_issued_by()).  A CA certificate in the
 * certificate's own store, My or WebHosting counts too: Microsoft does not
 * say whether the chain engine looks there, and the quieter reading is
 * that it does.  Self-signed certificates have no
 * issuer to find; certificates without RawData are not checked; CCS
 * bindings are not checked.
 */
#include <stdio.h>
#include <stdlib.h>

#include "rule.h"
#include "util.h"  /* hex_encode */

/* CAs by "hex(subject DER)" and "hex(subject DER)/ski" ("/-" for a CA without SKI). */
struct ca_index {
	struct strmap by_key;
};

static char *hexdup(const unsigned char *b, size_t n)
{
	char *s = malloc(2 * n + 1);
	if (!s)
		return NULL;
	hex_encode(b, n, s);
	return s;
}

static int add_key(struct diag_list *out, struct ca_index *ix, const char *subj, const char *ski,
		   const struct cert *c)
{
	const char *key = ski ? arena_strfmt(&out->arena, "%s/%s", subj, ski) : subj;
	if (!strmap_get(&ix->by_key, key))
		strmap_put(&ix->by_key, key, (void *)c);
	return 0;
}

static int index_store(struct diag_list *out, struct ca_index *ix, const struct cert_store *s)
{
	for (const struct cert *c = s ? s->certs : NULL; c; c = c->next) {
		if (!c->has_der || !c->subject_der_len)
			continue;
		char *subj = hexdup(c->subject_der, c->subject_der_len);
		if (!subj)
			return -1;
		const char *a = arena_strfmt(&out->arena, "%s", subj);
		free(subj);
		add_key(out, ix, a, NULL, c);
		add_key(out, ix, a, c->ski ? c->ski : "-", c);
	}
	return 0;
}

/* A dumped CA that could have issued c, or NULL. */
static const struct cert *find_issuer(struct diag_list *out, const struct ca_index *ix,
				      const struct cert *c)
{
	char *iss = hexdup(c->issuer_der, c->issuer_der_len);
	if (!iss)
		return NULL;
	const struct cert *ca;
	if (!c->aki)
		ca = strmap_get(&ix->by_key, iss);
	else {
		ca = strmap_get(&ix->by_key, arena_strfmt(&out->arena, "%s/%s", iss, c->aki));
		if (!ca)
			ca = strmap_get(&ix->by_key, arena_strfmt(&out->arena, "%s/-", iss));
	}
	free(iss);
	return ca && cert_issued_by(c, ca) == 1 ? ca : NULL;
}

static int check_chain_incomplete(const struct model *m, struct diag_list *out)
{
	struct ca_index ix = { STRMAP_INIT };
	const struct cert_store *ca = model_find_store(m, "CA"), *root = model_find_store(m, "Root");
	const struct cert_store *my = model_find_store(m, "My"), *wh = model_find_store(m, "WebHosting");
	int rc = index_store(out, &ix, ca) || index_store(out, &ix, root) ||
		 index_store(out, &ix, my) || index_store(out, &ix, wh) ? -1 : 0;

	for (const struct httpsys_binding *b = m->bindings; b && !rc; b = b->next) {
		if (b->kind == EP_CCS)
			continue;
		const struct cert_store *own;
		const struct cert *c = binding_cert(m, b, &own);
		if (!c || !c->has_der || c->self_signed != 0 || !c->issuer_der_len ||
		    find_issuer(out, &ix, c))
			continue;
		/* a store of another name (a binding's own "MyStore") */
		if (own && own != my && own != wh) {
			struct ca_index mine = { STRMAP_INIT };
			int found = !index_store(out, &mine, own) && find_issuer(out, &mine, c);
			strmap_release(&mine.by_key);
			if (found)
				continue;
		}
		struct diag *d = diag_emit(out, SEV_WARNING, &binding_get(b, BF_CERT_HASH)->loc,
			b->key,
			"HTTPS clients of %s that do not download missing intermediate certificates "
			"cannot build a chain to a trusted root: the issuer of '%s' (thumbprint %s), "
			"'%s', is in neither the Intermediate Certification Authorities (CA) nor the "
			"Trusted Root store of the server (nor in My or WebHosting), so the server sends "
			"the certificate without its chain",
			b->endpoint, cert_subject_text(c), c->thumbprint,
			c->issuer ? c->issuer : "(empty issuer)");
		diag_add_related(out, d, &c->loc, "certificate '%s' is listed here", cert_subject_text(c));
		diag_add_related(out, d, &ca->loc, "the CA store dump is here");
		diag_add_related(out, d, &root->loc, "the Root store dump is here");
		diag_set_fix(out, d, FIX_SHELL_POWERSHELL,
			     "Import-Certificate -FilePath <issuing-ca.cer> -CertStoreLocation "
			     "Cert:\\LocalMachine\\CA");
	}
	strmap_release(&ix.by_key);
	return rc;
}

const struct rule rule_chain_incomplete = {
	.id = "SCL021",
	.name = "chain-incomplete",
	.summary = "a bound certificate's issuer is in neither the dumped CA nor Root store",
	.level = SEV_WARNING,
	.needs = NEED_BINDINGS | NEED_CERTS | NEED_CA_STORE | NEED_ROOT_STORE,
	.check = check_chain_incomplete,
};

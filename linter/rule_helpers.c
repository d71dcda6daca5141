/*
 * Questions several rules ask of the model, answered once: the
 * certificate a binding names, and what SCHANNEL does with the trusted
 * issuer list.
 */
#include "rule.h"

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

uint32_t schannel_client_auth_trust_mode(const struct model *m, const struct reg_value **where)
{
	const struct reg_value *v = schannel_dword(m, "ClientAuthTrustMode");
	*where = v;
	return v ? (uint32_t)v->num : 0;
}

/*
 * SCL010 iis-binding-without-httpsys: an IIS https binding has no HTTP.sys
 * SSL binding of its own.
 *
 * - No binding HTTP.sys would use at all (no hostname:port for an SNI
 *   binding, no IP:port or 0.0.0.0:port fallback): the TLS handshake
 *   fails, the client sees a connection reset.  Error.
 * - An SNI binding without a hostname:port entry, on a port with an
 *   IP:port binding: HTTP.sys answers with that binding's certificate.
 *   A warning naming the certificate clients get; an error when the dump
 *   shows that certificate does not cover the host name (browsers reject
 *   it).  Microsoft documents the IP:port fallback for clients that send
 *   no SNI; for a host name without an SNI binding it is silent, and
 *   either way the site does not get its own certificate.
 *
 * The fix adds the missing binding with a certificate from the My or
 * WebHosting dump that covers the host name, has a private key and is
 * valid, when there is one; else with placeholders.
 */
#include <stdio.h>
#include <string.h>

#include "rule.h"

/* Best certificates by DNS name ("host" or "*.rest"), built on first use. */
struct name_index {
	const struct model *m;
	int built;
	struct strmap by_name;
};

static void index_store(struct name_index *ix, const struct cert_store *s)
{
	for (const struct cert *c = s ? s->certs : NULL; c; c = c->next) {
		if (c->has_private_key != 1 || !c->has_not_after || c->not_after <= ix->m->host.now ||
		    (c->has_not_before && c->not_before > ix->m->host.now) ||
		    cert_allows_server_auth(c) == 0)
			continue;
		for (size_t i = 0; i < c->nr_dns_names; i++) {
			const struct cert *best = strmap_get(&ix->by_name, c->dns_names[i]);
			if (!best || c->not_after > best->not_after)
				strmap_put(&ix->by_name, c->dns_names[i], (void *)c);
		}
	}
}

/* A certificate to bind for host: its exact name, else a wildcard one label up; or NULL. */
static const struct cert *cert_for_host(struct name_index *ix, const char *host)
{
	if (!ix->built) {
		ix->built = 1;
		index_store(ix, model_find_store(ix->m, "WebHosting"));
		index_store(ix, model_find_store(ix->m, "My"));
	}
	if (!*host)
		return NULL;
	const struct cert *c = strmap_get(&ix->by_name, host);
	const char *dot = strchr(host, '.');
	if (c || !dot || dot == host)
		return c;
	char wild[IIS_KEY_MAX];
	snprintf(wild, sizeof(wild), "*%s", dot);
	return strmap_get(&ix->by_name, wild);
}

/* Sets the fix: `netsh http add sslcert` for the endpoint HTTP.sys lacks. */
static void add_fix(struct diag_list *out, struct diag *d, struct name_index *ix,
		    const struct iis_binding *b, const char *param, const char *ep,
		    const struct cert *shown)
{
	enum fix_arg_kind ep_kind = !strcmp(param, "ccs") ? FIXARG_ENDPOINT_CCS :
				    !strcmp(param, "hostnameport") ? FIXARG_ENDPOINT_HOSTNAMEPORT :
				    FIXARG_ENDPOINT_IPPORT;
	const char *endpoint = fix_arg(out, d, ep_kind, ep, &b->loc);
	const char *appid = fix_arg(out, d, FIXARG_GUID, IIS_APPID, NULL);
	if (ep_kind == FIXARG_ENDPOINT_CCS) {
		diag_set_fix(out, d, FIX_SHELL_ANY, "netsh http add sslcert ccs=%s appid=%s",
			     endpoint, appid);
		return;
	}
	const struct cert *c = cert_for_host(ix, b->host);
	if (c) {
		if (c != shown)
			diag_add_related(out, d, &c->loc,
					 "certificate '%s' in store '%s' covers %s and can be bound",
					 cert_subject_text(c), c->store, b->host);
		diag_set_fix(out, d, FIX_SHELL_ANY,
			     "netsh http add sslcert %s=%s certhash=%s appid=%s certstorename=%s",
			     param, endpoint, fix_arg(out, d, FIXARG_HASH, c->thumbprint, &c->loc),
			     appid, fix_arg(out, d, FIXARG_STORE, c->store, &c->loc));
		return;
	}
	diag_set_fix(out, d, FIX_SHELL_ANY,
		     "netsh http add sslcert %s=%s certhash=<certhash> appid=%s certstorename=<store>",
		     param, endpoint, appid);
}

/* An SNI binding answered by an IP:port binding: which certificate clients get. */
static void report_fallback(const struct model *m, struct diag_list *out, struct name_index *ix,
			    const struct iis_site *s, const struct iis_binding *b,
			    const char *key, const char *sni_key)
{
	const struct httpsys_binding *h = b->httpsys;
	const struct cert *c = binding_cert(m, h, NULL);
	int covers = c ? cert_covers_host(c, b->host) : -1;
	const char *cert_words = c ?
		arena_strfmt(&out->arena, ", '%s' (thumbprint %s)", cert_subject_text(c), c->thumbprint) :
		"";
	struct diag *d;

	if (covers == 0)
		d = diag_emit(out, SEV_ERROR, &b->loc, key,
			"HTTPS clients of %s on '%s' of site \"%s\" reject the server certificate: "
			"HTTP.sys has no SSL binding for that host name (looked for %s), so it "
			"answers with the certificate of %s%s, which does not cover %s",
			b->host, b->information, s->name, sni_key, h->endpoint, cert_words, b->host);
	else
		d = diag_emit(out, SEV_WARNING, &b->loc, key,
			"https on '%s' of site \"%s\" is served by another binding's certificate: "
			"HTTP.sys has no SSL binding for that host name (looked for %s), so clients "
			"get the certificate of %s%s%s",
			b->information, s->name, sni_key, h->endpoint, cert_words,
			covers == 1 ? ", which covers the host name" :
			"; check that it covers the host name");
	diag_add_related(out, d, &h->loc, "HTTP.sys binding %s is here", h->endpoint);
	if (c)
		diag_add_related(out, d, &c->loc, "certificate '%s' is listed here",
				 cert_subject_text(c));
	char ep[IIS_KEY_MAX];
	snprintf(ep, sizeof(ep), "%s:%u", b->host, (unsigned)b->port);
	add_fix(out, d, ix, b, "hostnameport", ep, c);
}

static int check_iis_binding_without_httpsys(const struct model *m, struct diag_list *out)
{
	struct name_index ix = { m, 0, STRMAP_INIT };
	for (const struct iis_site *s = m->sites; s; s = s->next) {
		for (const struct iis_binding *b = s->bindings; b; b = b->next) {
			char keys[IIS_KEYS][IIS_KEY_MAX];
			if (strcmp(b->protocol, "https") || (b->httpsys && !b->httpsys_fallback))
				continue;
			size_t n = iis_binding_httpsys_keys(b, keys);
			if (!n)
				continue;       /* no port, or SNI without a host: SCL012 */
			const char *key = arena_strfmt(&out->arena, "site:%s/binding:%s", s->name,
						       b->information);
			if (b->httpsys) {
				report_fallback(m, out, &ix, s, b, key, keys[0]);
				continue;
			}
			const char *looked = keys[0];
			for (size_t i = 1; i < n; i++)
				looked = arena_strfmt(&out->arena, "%s%s%s", looked,
						      i + 1 < n ? ", " : " and ", keys[i]);
			struct diag *d = diag_emit(out, SEV_ERROR, &b->loc, key,
				"https on '%s' of site \"%s\" fails at the TLS handshake: "
				"HTTP.sys has no SSL binding for it (looked for %s)",
				b->information, s->name, looked);
			/* the first key is the endpoint in netsh's words after its "kind:" */
			const char *param = (b->ssl_flags & IIS_SSL_CCS) ? "ccs" :
					    (b->ssl_flags & IIS_SSL_SNI) ? "hostnameport" : "ipport";
			add_fix(out, d, &ix, b, param, strchr(keys[0], ':') + 1, NULL);
		}
	}
	strmap_release(&ix.by_name);
	return 0;
}

const struct rule rule_iis_binding_without_httpsys = {
	.id = "SCL010",
	.name = "iis-binding-without-httpsys",
	.summary = "an IIS https binding has no HTTP.sys SSL binding of its own",
	.level = SEV_ERROR,
	.needs = NEED_IIS | NEED_BINDINGS,
	.check = check_iis_binding_without_httpsys,
};

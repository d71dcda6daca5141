/*
 * The certificate-store part of the model: stores by canonical name,
 * certificates by thumbprint.
 */
#include <ctype.h>
#include <string.h>

#include "diag.h"
#include "model_build.h"
#include "util.h"
#include "x509.h"

/* Windows' store names, and what PowerShell and people call them. */
static const struct {
	const char *alias, *canonical;
} store_names[] = {
	{ "my", "My" },
	{ "personal", "My" },
	{ "root", "Root" },
	{ "trusted root certification authorities", "Root" },
	{ "ca", "CA" },
	{ "intermediate certification authorities", "CA" },
	{ "webhosting", "WebHosting" },
	{ "web hosting", "WebHosting" },
	{ "clientauthissuer", "ClientAuthIssuer" },
	{ "client authentication issuers", "ClientAuthIssuer" },
	{ "authroot", "AuthRoot" },
	{ "trustedpeople", "TrustedPeople" },
	{ "trustedpublisher", "TrustedPublisher" },
	{ "disallowed", "Disallowed" },
	{ "remote desktop", "Remote Desktop" },
};

const char *store_canonical_name(struct model *m, const char *name)
{
	for (size_t i = 0; i < sizeof(store_names) / sizeof(*store_names); i++)
		if (str_ieq(name, store_names[i].alias))
			return store_names[i].canonical;
	return arena_strdup(&m->arena, name);
}

const char *store_name_in_path(const char *path, size_t *len)
{
	const char *base = path, *end, *name;
	for (const char *q = path; *q; q++)
		if (*q == '/' || *q == '\\')
			base = q + 1;
	end = strrchr(base, '.');
	if (!end || end == base)
		end = base + strlen(base);
	name = base;
	for (const char *q = base; q + 1 < end; q++)
		if (*q == '-' || *q == '_')
			name = q + 1;
	*len = (size_t)(end - name);
	return name;
}

int store_name_known(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(store_names) / sizeof(*store_names); i++)
		if (strlen(store_names[i].alias) == len && str_nieq(name, store_names[i].alias, len))
			return 1;
	return 0;
}

static const char *lower_key(struct arena *a, const char *s)
{
	char *q = arena_strdup(a, s);
	for (char *p = q; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return q;
}

struct cert_store *model_cert_store(struct model *m, const char *name,
				    const struct srcloc *loc)
{
	const char *canon = store_canonical_name(m, name);
	const char *key = lower_key(&m->arena, canon);
	struct cert_store *s = strmap_get(&m->store_by_name, key);
	if (s)
		return s;
	s = arena_alloc(&m->arena, sizeof(*s));
	s->name = canon;
	s->loc = *loc;
	s->certs_tail = &s->certs;
	strmap_init(&s->by_thumbprint);
	strmap_put(&m->store_by_name, key, s);
	*m->stores_tail = s;
	m->stores_tail = &s->next;
	return s;
}

static const char *dup_opt(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static const char **dup_list(struct arena *a, const char *const *list, size_t n)
{
	const char **copy = arena_alloc(a, n * sizeof(*copy));
	for (size_t i = 0; i < n; i++)
		copy[i] = arena_strdup(a, list[i]);
	return copy;
}

struct cert *model_add_cert(struct model *m, struct cert_store *s, const struct cert *c,
			    struct diag_list *diags, const char *diag_id)
{
	const struct cert *old = strmap_get(&s->by_thumbprint, c->thumbprint);
	if (old) {
		diag_input(diags, diag_id, SEV_WARNING, &c->loc,
			   "certificate '%s' is listed twice in store '%s'; the first, at line %u, is used",
			   c->thumbprint, s->name, (unsigned)old->loc.line);
		return NULL;
	}
	struct cert *n = arena_alloc(&m->arena, sizeof(*n));
	*n = *c;
	n->thumbprint = arena_strdup(&m->arena, c->thumbprint);
	n->store = s->name;
	n->subject = dup_opt(&m->arena, c->subject);
	n->issuer = dup_opt(&m->arena, c->issuer);
	n->friendly_name = dup_opt(&m->arena, c->friendly_name);
	n->key_type = dup_opt(&m->arena, c->key_type);
	n->sig_alg = dup_opt(&m->arena, c->sig_alg);
	n->sig_hash = dup_opt(&m->arena, c->sig_hash);
	n->subject_der = c->subject_der_len ?
		arena_memdup(&m->arena, c->subject_der, c->subject_der_len) : NULL;
	n->issuer_der = c->issuer_der_len ?
		arena_memdup(&m->arena, c->issuer_der, c->issuer_der_len) : NULL;
	n->ski = dup_opt(&m->arena, c->ski);
	n->aki = dup_opt(&m->arena, c->aki);
	n->ekus = c->nr_ekus ? dup_list(&m->arena, c->ekus, c->nr_ekus) : NULL;
	n->dns_names = c->nr_dns_names ? dup_list(&m->arena, c->dns_names, c->nr_dns_names) : NULL;
	n->common_name = dup_opt(&m->arena, c->common_name);
	if (c->loc.path)
		n->loc.path = arena_strdup(&m->arena, c->loc.path);
	n->next = NULL;
	strmap_put(&s->by_thumbprint, n->thumbprint, n);
	*s->certs_tail = n;
	s->certs_tail = &n->next;
	s->nr_certs++;
	m->nr_certs++;
	return n;
}

const struct cert_store *model_find_store(const struct model *m, const char *name)
{
	for (size_t i = 0; i < sizeof(store_names) / sizeof(*store_names); i++)
		if (str_ieq(name, store_names[i].alias)) {
			name = store_names[i].canonical;
			break;
		}
	return strmap_get_lower(&m->store_by_name, name);
}

const struct cert *store_find_cert(const struct cert_store *s, const char *thumbprint)
{
	return strmap_get(&s->by_thumbprint, thumbprint);
}

/*
 * Whether DNS name `pattern` from a certificate matches host: equal
 * (ASCII case-insensitive), or "*.rest" where host is one label followed
 * by ".rest" (a wildcard covers one label, RFC 6125 6.4.3).
 */
static int name_matches(const char *pattern, const char *host)
{
	if (!strncmp(pattern, "*.", 2)) {
		const char *dot = strchr(host, '.');
		return dot && dot != host && str_ieq(pattern + 1, dot);
	}
	return str_ieq(pattern, host);
}

int cert_covers_host(const struct cert *c, const char *host)
{
	if (!c->has_der)
		return -1;
	for (size_t i = 0; i < c->nr_dns_names; i++)
		if (name_matches(c->dns_names[i], host))
			return 1;
	/* without subjectAltName, clients that still read the subject's CN */
	if (!c->nr_dns_names && c->common_name)
		return name_matches(c->common_name, host);
	return 0;
}

int cert_allows_server_auth(const struct cert *c)
{
	if (!c->ekus_known)
		return -1;
	if (!c->nr_ekus)
		return 1;
	for (size_t i = 0; i < c->nr_ekus; i++)
		if (!strcmp(c->ekus[i], EKU_SERVER_AUTH) || !strcmp(c->ekus[i], EKU_ANY_PURPOSE))
			return 1;
	return 0;
}

int cert_issued_by(const struct cert *c, const struct cert *ca)
{
	if (!c->has_der || !ca->has_der)
		return -1;
	return x509_issued_by(c->issuer_der, c->issuer_der_len, c->aki,
			      ca->subject_der, ca->subject_der_len, ca->ski);
}

/* The names Windows gives the common EKUs (certutil, the MMC, PowerShell's EnhancedKeyUsageList). */
static const struct {
	const char *oid, *name;
} eku_names[] = {
	{ EKU_SERVER_AUTH, "Server Authentication" },
	{ "1.3.6.1.5.5.7.3.2", "Client Authentication" },
	{ "1.3.6.1.5.5.7.3.3", "Code Signing" },
	{ "1.3.6.1.5.5.7.3.4", "Secure Email" },
	{ "1.3.6.1.5.5.7.3.5", "IP security end system" },
	{ "1.3.6.1.5.5.7.3.6", "IP security tunnel termination" },
	{ "1.3.6.1.5.5.7.3.7", "IP security user" },
	{ "1.3.6.1.5.5.7.3.8", "Time Stamping" },
	{ "1.3.6.1.5.5.7.3.9", "OCSP Signing" },
	{ EKU_ANY_PURPOSE, "Any Purpose" },
	{ "1.3.6.1.5.2.3.5", "KDC Authentication" },
	{ "1.3.6.1.4.1.311.20.2.2", "Smart Card Logon" },
	{ "1.3.6.1.4.1.311.10.3.4", "Encrypting File System" },
	{ "1.3.6.1.4.1.311.10.3.12", "Document Signing" },
	{ "1.3.6.1.5.5.8.2.2", "IP security IKE intermediate" },
};

const char *eku_name(const char *oid)
{
	for (size_t i = 0; i < sizeof(eku_names) / sizeof(*eku_names); i++)
		if (!strcmp(oid, eku_names[i].oid))
			return eku_names[i].name;
	return NULL;
}

const char *eku_oid(const char *name)
{
	for (size_t i = 0; i < sizeof(eku_names) / sizeof(*eku_names); i++)
		if (str_ieq(name, eku_names[i].name))
			return eku_names[i].oid;
	return NULL;
}

/*
 * The certificate facts the linter needs, read from DER with OpenSSL 3's
 * libcrypto (see x509.h).  No deprecated API: EVP_PKEY_get_*, X509_get0_*.
 */
#include <limits.h>
#include <string.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "model_build.h"
#include "timeutil.h"
#include "strbuf.h"
#include "x509.h"
#include "util.h"

/* ---- names, the way Windows' CertNameToStr() writes them ---- */

/* The X.500 keys Windows prints (CERT_X500_NAME_STR); others are "OID.n.n.n". */
static const struct {
	int nid;
	const char *key;
} name_keys[] = {
	{ NID_commonName, "CN" },
	{ NID_organizationName, "O" },
	{ NID_organizationalUnitName, "OU" },
	{ NID_localityName, "L" },
	{ NID_stateOrProvinceName, "S" },
	{ NID_countryName, "C" },
	{ NID_pkcs9_emailAddress, "E" },
	{ NID_domainComponent, "DC" },
	{ NID_streetAddress, "STREET" },
	{ NID_serialNumber, "SERIALNUMBER" },
	{ NID_givenName, "G" },
	{ NID_surname, "SN" },
	{ NID_title, "T" },
	{ NID_initials, "I" },
	{ NID_postalCode, "PostalCode" },
	{ NID_description, "Description" },
};

/* Windows quotes a value holding one of these, or a leading or trailing space. */
static int needs_quotes(const char *v, size_t n)
{
	if (!n)
		return 0;
	if (v[0] == ' ' || v[n - 1] == ' ')
		return 1;
	for (size_t i = 0; i < n; i++)
		if (v[i] && strchr(",+=\"\n<>#;", v[i]))
			return 1;
	return 0;
}

static void put_value(struct strbuf *b, const X509_NAME_ENTRY *e)
{
	unsigned char *u = NULL;
	int n = ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(e));
	if (n < 0) {
		strbuf_addstr(b, "?");
		return;
	}
	/* a NUL inside a name would cut the C string short: drop it */
	size_t len = 0;
	for (int i = 0; i < n; i++)
		if (u[i])
			u[len++] = u[i];
	const char *v = (const char *)u;
	if (!needs_quotes(v, len)) {
		strbuf_add(b, v, len);
	} else {
		strbuf_addstr(b, "\"");
		for (size_t i = 0; i < len; i++)
			strbuf_add(b, v[i] == '"' ? "\"\"" : v + i, v[i] == '"' ? 2 : 1);
		strbuf_addstr(b, "\"");
	}
	OPENSSL_free(u);
}

/* Most specific RDN first, ", " between RDNs, " + " inside a multi-valued one. */
static const char *win_name(struct arena *a, const X509_NAME *nm)
{
	struct strbuf b = STRBUF_INIT;
	int count = X509_NAME_entry_count(nm), prev_set = -1;

	strbuf_addstr(&b, "");
	for (int i = count - 1; i >= 0; i--) {
		const X509_NAME_ENTRY *e = X509_NAME_get_entry(nm, i);
		int set = X509_NAME_ENTRY_set(e);
		if (i != count - 1)
			strbuf_addstr(&b, set == prev_set ? " + " : ", ");
		prev_set = set;

		const ASN1_OBJECT *o = X509_NAME_ENTRY_get_object(e);
		int nid = OBJ_obj2nid(o);
		const char *key = NULL;
		for (size_t k = 0; k < sizeof(name_keys) / sizeof(*name_keys); k++)
			if (name_keys[k].nid == nid)
				key = name_keys[k].key;
		if (key) {
			strbuf_addstr(&b, key);
		} else {
			char oid[256];
			OBJ_obj2txt(oid, sizeof(oid), o, 1);
			strbuf_addstr(&b, "OID.");
			strbuf_addstr(&b, oid);
		}
		strbuf_addstr(&b, "=");
		put_value(&b, e);
	}
	const char *s = arena_strndup(a, b.buf, b.len);
	strbuf_release(&b);
	return s;
}

/* ---- the rest of the facts ---- */

static int asn1_time(const ASN1_TIME *t, int64_t *out)
{
	struct tm tm;
	if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
		return 0;
	*out = civil_to_epoch(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			      tm.tm_hour, tm.tm_min, tm.tm_sec);
	return 1;
}

static void read_ekus(struct arena *a, const X509 *x, struct x509_facts *out)
{
	int crit = -1;
	EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i(x, NID_ext_key_usage, &crit, NULL);

	if (!eku) {
		/* -1: no extension, so every purpose; else present but unreadable */
		out->ekus_known = crit == -1;
		return;
	}
	int n = sk_ASN1_OBJECT_num(eku);
	const char **list = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof(*list));
	for (int i = 0; i < n; i++) {
		char oid[256];
		OBJ_obj2txt(oid, sizeof(oid), sk_ASN1_OBJECT_value(eku, i), 1);
		list[i] = arena_strdup(a, oid);
	}
	out->ekus = list;
	out->nr_ekus = (size_t)(n > 0 ? n : 0);
	out->ekus_known = 1;
	sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
}

/* The subjectAltName DNS names, lower case (IA5 strings: ASCII, IDN in xn-- form). */
static void read_dns_names(struct arena *a, const X509 *x, struct x509_facts *out)
{
	GENERAL_NAMES *names = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	if (!names)
		return;
	int n = sk_GENERAL_NAME_num(names);
	const char **list = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof(*list));
	size_t k = 0;
	for (int i = 0; i < n; i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(names, i);
		if (g->type != GEN_DNS)
			continue;
		const ASN1_IA5STRING *s = g->d.dNSName;
		char *v = arena_strndup(a, (const char *)ASN1_STRING_get0_data(s),
					(size_t)ASN1_STRING_length(s));
		for (char *p = v; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		list[k++] = v;
	}
	out->dns_names = list;
	out->nr_dns_names = k;
	GENERAL_NAMES_free(names);
}

static const char *common_name(struct arena *a, const X509_NAME *name)
{
	int i = -1, last = -1;
	while ((i = X509_NAME_get_index_by_NID(name, NID_commonName, i)) >= 0)
		last = i;
	if (last < 0)
		return NULL;
	const ASN1_STRING *s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, last));
	unsigned char *utf8 = NULL;
	int len = ASN1_STRING_to_UTF8(&utf8, s);
	if (len < 0)
		return NULL;
	const char *cn = arena_strndup(a, (const char *)utf8, (size_t)len);
	OPENSSL_free(utf8);
	return cn;
}

static const char *hex_of(struct arena *a, const ASN1_OCTET_STRING *o)
{
	if (!o || ASN1_STRING_length(o) <= 0)
		return NULL;
	size_t n = (size_t)ASN1_STRING_length(o);
	char *s = arena_alloc(a, 2 * n + 1);
	hex_encode(ASN1_STRING_get0_data(o), n, s);
	return s;
}

/* The key identifiers that tie a certificate to its issuer (RFC 5280 4.2.1.1-2). */
static void read_key_ids(struct arena *a, X509 *x, struct x509_facts *out)
{
	out->ski = hex_of(a, X509_get0_subject_key_id(x));
	out->aki = hex_of(a, X509_get0_authority_key_id(x));
}

static const char *key_type_name(int id)
{
	switch (id) {
	case EVP_PKEY_RSA: return "RSA";
	case EVP_PKEY_RSA_PSS: return "RSA-PSS";
	case EVP_PKEY_EC: return "EC";
	case EVP_PKEY_DSA: return "DSA";
	case EVP_PKEY_ED25519: return "Ed25519";
	case EVP_PKEY_ED448: return "Ed448";
	}
	const char *sn = OBJ_nid2sn(id);
	return sn ? sn : "unknown";
}

static const char *sig_alg_name(struct arena *a, const X509 *x)
{
	int nid = X509_get_signature_nid(x);
	if (nid != NID_undef && OBJ_nid2ln(nid))
		return arena_strdup(a, OBJ_nid2ln(nid));
	const X509_ALGOR *alg = NULL;
	const ASN1_OBJECT *obj = NULL;
	X509_get0_signature(NULL, &alg, x);
	if (!alg)
		return NULL;
	X509_ALGOR_get0(&obj, NULL, NULL, alg);
	if (!obj)
		return NULL;
	char oid[256];
	OBJ_obj2txt(oid, sizeof(oid), obj, 1);
	return arena_strdup(a, oid);
}

int x509_decode(struct arena *a, const unsigned char *der, size_t len,
		struct x509_facts *out, const char **why)
{
	const unsigned char *p = der;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	memset(out, 0, sizeof(*out));
	if (!len || len > LONG_MAX) {
		*why = "empty";
		return -1;
	}
	X509 *x = d2i_X509(NULL, &p, (long)len);
	if (!x) {
		unsigned long e = ERR_peek_last_error();
		const char *r = e ? ERR_reason_error_string(e) : NULL;
		*why = r ? r : "not DER";
		ERR_clear_error();
		return -1;
	}
	size_t used = (size_t)(p - der);
	out->trailing = len - used;
	if (!EVP_Digest(der, used, md, &mdlen, EVP_sha1(), NULL) || mdlen != 20) {
		*why = "SHA-1 is not available";
		X509_free(x);
		ERR_clear_error();
		return -1;
	}
	hex_encode(md, 20, out->sha1);

	const X509_NAME *subj = X509_get_subject_name(x), *iss = X509_get_issuer_name(x);
	out->subject = win_name(a, subj);
	out->issuer = win_name(a, iss);
	unsigned char *d = NULL;
	int dl = i2d_X509_NAME(subj, &d);
	if (dl > 0) {
		out->subject_der = arena_memdup(a, d, (size_t)dl);
		out->subject_der_len = (size_t)dl;
	}
	OPENSSL_free(d);
	d = NULL;
	dl = i2d_X509_NAME(iss, &d);
	if (dl > 0) {
		out->issuer_der = arena_memdup(a, d, (size_t)dl);
		out->issuer_der_len = (size_t)dl;
	}
	OPENSSL_free(d);

	out->has_not_before = asn1_time(X509_get0_notBefore(x), &out->not_before);
	out->has_not_after = asn1_time(X509_get0_notAfter(x), &out->not_after);
	out->is_ca = (X509_get_extension_flags(x) & EXFLAG_CA) != 0;
	read_ekus(a, x, out);
	read_dns_names(a, x, out);
	out->common_name = common_name(a, subj);
	read_key_ids(a, x, out);

	EVP_PKEY *k = X509_get0_pubkey(x);
	if (k) {
		out->key_type = key_type_name(EVP_PKEY_get_base_id(k));
		out->key_bits = EVP_PKEY_get_bits(k);
	}
	out->sig_alg = sig_alg_name(a, x);
	int md_nid = NID_undef, pk_nid = NID_undef;
	if (OBJ_find_sigid_algs(X509_get_signature_nid(x), &md_nid, &pk_nid) &&
	    md_nid != NID_undef && OBJ_nid2sn(md_nid))
		out->sig_hash = arena_strdup(a, OBJ_nid2sn(md_nid));

	/* self-signed: the names match AND its own key verifies its signature */
	if (X509_NAME_cmp(subj, iss) != 0) {
		out->self_signed = 0;
	} else {
		int r = k ? X509_verify(x, k) : -1;
		out->self_signed = r != 0;
		out->self_signed_inferred = r < 0;
	}
	ERR_clear_error();
	X509_free(x);
	return 0;
}

int x509_issued_by(const unsigned char *issuer_der, size_t issuer_der_len, const char *aki,
		   const unsigned char *ca_subject_der, size_t ca_subject_der_len,
		   const char *ca_ski)
{
	if (!issuer_der || !ca_subject_der || issuer_der_len != ca_subject_der_len ||
	    memcmp(issuer_der, ca_subject_der, issuer_der_len))
		return 0;
	return !aki || !ca_ski || !strcmp(aki, ca_ski);
}

int x509_base64_decode(struct arena *a, const char *s, size_t n,
		       unsigned char **out, size_t *outlen)
{
	int l1 = 0, l2 = 0, ok;

	if (!n || n > INT_MAX / 2)
		return -1;
	EVP_ENCODE_CTX *ctx = EVP_ENCODE_CTX_new();
	if (!ctx)
		BUG("out of memory");
	/* 3 bytes per 4 characters, and room for a partial group */
	unsigned char *buf = arena_alloc(a, n / 4 * 3 + 16);
	EVP_DecodeInit(ctx);
	ok = EVP_DecodeUpdate(ctx, buf, &l1, (const unsigned char *)s, (int)n) >= 0 &&
	     EVP_DecodeFinal(ctx, buf + l1, &l2) == 1;
	EVP_ENCODE_CTX_free(ctx);
	ERR_clear_error();
	if (!ok || l1 + l2 <= 0)
		return -1;
	*out = buf;
	*outlen = (size_t)(l1 + l2);
	return 0;
}

/*
 * x509.c: the facts the certificate rules read (key, signature hash, key
 * identifiers, issuer name) and x509_issued_by(), on the certificates of
 * tools/fixture-gen/rulecerts/ (made by tools/make-rule-certs.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "util.h"
#include "x509.h"

#define CERTS "tools/fixture-gen/rulecerts/"

/* Decodes CERTS NAME.pem into *f (strings in a); 0 or -1. */
static int load(struct arena *a, const char *name, struct x509_facts *f)
{
	char path[128];
	size_t len;
	snprintf(path, sizeof(path), CERTS "%s.pem", name);
	unsigned char *pem = unit_read_file(path, &len);
	if (!pem)
		return -1;
	/* the Base64 between the BEGIN and END lines */
	char *text = xmalloc(len + 1);
	memcpy(text, pem, len);
	text[len] = '\0';
	free(pem);
	char *begin = strstr(text, "-----\n"), *end = strstr(text, "\n-----END");
	unsigned char *der;
	size_t derlen;
	const char *why;
	int rc = -1;
	if (begin && end && end > begin &&
	    !x509_base64_decode(a, begin + 6, (size_t)(end - begin - 6), &der, &derlen))
		rc = x509_decode(a, der, derlen, f, &why);
	free(text);
	return rc;
}

static int issued_by(const struct x509_facts *c, const struct x509_facts *ca)
{
	return x509_issued_by(c->issuer_der, c->issuer_der_len, c->aki,
			      ca->subject_der, ca->subject_der_len, ca->ski);
}

static void test_key_ids_and_issuer(void)
{
	struct arena a;
	struct x509_facts shop, inter, twin, root;
	arena_init(&a);
	CU_ASSERT_FATAL(!load(&a, "shop", &shop) && !load(&a, "rinter", &inter) &&
			!load(&a, "rtwin", &twin) && !load(&a, "rroot", &root));
	CU_ASSERT_PTR_NOT_NULL_FATAL(shop.aki);
	CU_ASSERT_PTR_NOT_NULL_FATAL(inter.ski);
	CU_ASSERT_STRING_EQUAL(shop.aki, inter.ski);
	CU_ASSERT_EQUAL(strlen(inter.ski), 40);
	CU_ASSERT_EQUAL(shop.issuer_der_len, inter.subject_der_len);
	CU_ASSERT_EQUAL(issued_by(&shop, &inter), 1);
	/* the same name, another key: the key identifiers tell them apart */
	CU_ASSERT_EQUAL(shop.issuer_der_len, twin.subject_der_len);
	CU_ASSERT_STRING_NOT_EQUAL(shop.aki, twin.ski);
	CU_ASSERT_EQUAL(issued_by(&shop, &twin), 0);
	/* without an AKI the names decide */
	CU_ASSERT_EQUAL(x509_issued_by(shop.issuer_der, shop.issuer_der_len, NULL,
				       twin.subject_der, twin.subject_der_len, twin.ski), 1);
	/* another name */
	CU_ASSERT_EQUAL(issued_by(&shop, &root), 0);
	CU_ASSERT_EQUAL(issued_by(&inter, &root), 1);
	CU_ASSERT_EQUAL(x509_issued_by(NULL, 0, NULL, root.subject_der, root.subject_der_len, NULL), 0);
	CU_ASSERT_EQUAL(root.self_signed, 1);
	CU_ASSERT_EQUAL(root.is_ca, 1);
	CU_ASSERT_EQUAL(shop.is_ca, 0);
	arena_release(&a);
}

static void test_keys_and_signatures(void)
{
	static const struct {
		const char *name, *key_type;
		int bits;
		const char *sig_hash;
	} want[] = {
		{ "rsa768", "RSA", 768, "SHA256" },
		{ "rsa1024", "RSA", 1024, "SHA256" },
		{ "sha1", "RSA", 2048, "SHA1" },
		{ "selfsha1", "RSA", 2048, "SHA1" },
		{ "ec224", "EC", 224, "SHA256" },
		{ "shop", "EC", 256, "SHA256" },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		struct arena a;
		struct x509_facts f;
		arena_init(&a);
		CU_ASSERT_FATAL(!load(&a, want[i].name, &f));
		CU_ASSERT_STRING_EQUAL(f.key_type, want[i].key_type);
		CU_ASSERT_EQUAL(f.key_bits, want[i].bits);
		CU_ASSERT_PTR_NOT_NULL_FATAL(f.sig_hash);
		CU_ASSERT_STRING_EQUAL(f.sig_hash, want[i].sig_hash);
		arena_release(&a);
	}
}

static void test_names(void)
{
	struct arena a;
	struct x509_facts f;
	arena_init(&a);
	CU_ASSERT_FATAL(!load(&a, "cnonly", &f));
	CU_ASSERT_EQUAL(f.nr_dns_names, 0);
	CU_ASSERT_STRING_EQUAL(f.common_name, "legacy.example.org");
	CU_ASSERT_FATAL(!load(&a, "shop", &f));
	CU_ASSERT_EQUAL_FATAL(f.nr_dns_names, 2);
	CU_ASSERT_STRING_EQUAL(f.dns_names[1], "*.shop.example.org");
	arena_release(&a);
}

/* cert_issued_by(): unknown (-1) when either dump has no RawData. */
static void test_cert_issued_by(void)
{
	struct arena a;
	struct x509_facts shop, inter;
	arena_init(&a);
	CU_ASSERT_FATAL(!load(&a, "shop", &shop) && !load(&a, "rinter", &inter));
	struct cert c = { .has_der = 1, .issuer_der = shop.issuer_der,
			  .issuer_der_len = shop.issuer_der_len, .aki = shop.aki };
	struct cert ca = { .has_der = 1, .subject_der = inter.subject_der,
			   .subject_der_len = inter.subject_der_len, .ski = inter.ski };
	CU_ASSERT_EQUAL(cert_issued_by(&c, &ca), 1);
	ca.ski = "00";
	CU_ASSERT_EQUAL(cert_issued_by(&c, &ca), 0);
	ca.has_der = 0;
	CU_ASSERT_EQUAL(cert_issued_by(&c, &ca), -1);
	arena_release(&a);
}

void suite_x509(void);
void suite_x509(void)
{
	ADD_SUITE("x509",
		  { "key identifiers and issuer", test_key_ids_and_issuer },
		  { "keys and signature hashes", test_keys_and_signatures },
		  { "DNS names and CN", test_names },
		  { "cert_issued_by", test_cert_issued_by });
}

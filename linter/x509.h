#ifndef X509_H
#define X509_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/*
 * What the linter reads from a DER certificate, through OpenSSL's
 * libcrypto; OpenSSL stays behind this header (parsers see plain C, rules
 * only the model).
 */
struct x509_facts {
	const char *subject;     /* as Windows prints it: "CN=x, O=y, C=US" (most specific first) */
	const char *issuer;
	int64_t not_before, not_after;      /* seconds since the epoch */
	int has_not_before, has_not_after;
	int is_ca;               /* basicConstraints cA: 1 or 0 */
	int self_signed;         /* 1: issuer name == subject name and the signature verifies
				    with the certificate's own key; 0: not */
	int self_signed_inferred;   /* 1: the names match but the signature could not be
				       checked (unsupported key or algorithm); self_signed is 1 */
	int ekus_known;          /* 0: the EKU extension is there but unreadable */
	const char **ekus;       /* dotted OIDs; none (with ekus_known) = no EKU extension */
	size_t nr_ekus;
	const char **dns_names;  /* subjectAltName dNSName entries, lower case; none without the extension */
	size_t nr_dns_names;
	const char *common_name; /* the subject's last CN, or NULL */
	const unsigned char *subject_der;   /* DER of the subject name */
	size_t subject_der_len;
	const unsigned char *issuer_der;    /* DER of the issuer name */
	size_t issuer_der_len;
	const char *ski;         /* subjectKeyIdentifier, lower-case hex; NULL without one */
	const char *aki;         /* authorityKeyIdentifier keyIdentifier, lower-case hex; NULL without one */
	const char *key_type;    /* "RSA", "EC", "Ed25519", ...; NULL when OpenSSL cannot read the key */
	int key_bits;            /* 0 when unknown */
	const char *sig_alg;     /* "sha256WithRSAEncryption", "ecdsa-with-SHA256", or a dotted OID */
	const char *sig_hash;    /* the signature's digest as OpenSSL names it ("SHA256", "SHA1",
				    "MD5"); NULL when the algorithm names none (RSA-PSS, Ed25519) or is unknown */
	char sha1[41];           /* lower-case hex SHA-1 of the certificate's DER: the thumbprint */
	size_t trailing;         /* bytes after the certificate in the input */
};

/*
 * Decodes the DER certificate der[0..len) into *out; every string and
 * array of *out is allocated from a (the caller's scratch arena).
 * Returns 0, or -1 with *why set to a short static reason ("not a DER
 * certificate: wrong tag").  OpenSSL's error queue is left empty.
 */
int x509_decode(struct arena *a, const unsigned char *der, size_t len,
		struct x509_facts *out, const char **why);

/*
 * Whether a certificate issued by `issuer` could be issued by `ca`, the
 * way CryptoAPI chains them: the DER names (issuer name of the one,
 * subject name of the other) are equal, and, when the certificate has an
 * authority key identifier and the CA a subject key identifier, those are
 * equal too.  NULL key identifiers are not compared.  1 or 0.
 */
int x509_issued_by(const unsigned char *issuer_der, size_t issuer_der_len, const char *aki,
		   const unsigned char *ca_subject_der, size_t ca_subject_der_len,
		   const char *ca_ski);

/*
 * Decodes Base64 text (white space between groups allowed, '='
 * padding) into bytes allocated from a.  Returns 0, or -1 when s is not
 * Base64.
 */
int x509_base64_decode(struct arena *a, const char *s, size_t n,
		       unsigned char **out, size_t *outlen);

#endif

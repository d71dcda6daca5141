/*
 * parse_ciphersuites(): Get-TlsCipherSuite | ConvertTo-Json in its
 * shapes (an array, one object, PowerShell 5.1's {"value": [...]}), each
 * suite's line, the input errors, and detection.
 */
#include <string.h>

#include "unit.h"

static void parse(struct unit_snapshot *s, const char *text)
{
	unit_parse_str(s, parse_ciphersuites, "ciphersuites.json", text);
}

static const struct cipher_suite *nth(const struct model *m, size_t n)
{
	const struct cipher_suite *cs = m->suites;
	while (cs && n--)
		cs = cs->next;
	return cs;
}

static void test_array(void)
{
	struct unit_snapshot s;
	parse(&s, "[\n"
	      "    {\n"
	      "        \"KeyType\": 0,\n"
	      "        \"Certificate\": \"RSA\",\n"
	      "        \"Exchange\": \"ECDH\",\n"
	      "        \"Hash\": \"\",\n"
	      "        \"CipherSuite\": 49200,\n"
	      "        \"Cipher\": \"AES\",\n"
	      "        \"Name\": \"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\",\n"
	      "        \"Protocols\": [771]\n"
	      "    },\n"
	      "    {\n"
	      "        \"name\": \"TLS_RSA_WITH_RC4_128_SHA\",\n"
	      "        \"cipher\": \"RC4\",\n"
	      "        \"ciphersuite\": 5\n"
	      "    }\n"
	      "]\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.suites_read, 1);
	CU_ASSERT_EQUAL(s.m.nr_suites, 2);
	const struct cipher_suite *a = nth(&s.m, 0), *b = nth(&s.m, 1);
	CU_ASSERT_STRING_EQUAL(a->name, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
	CU_ASSERT_EQUAL(a->number, 49200);
	CU_ASSERT_STRING_EQUAL(a->cipher, "AES");
	CU_ASSERT_STRING_EQUAL(a->exchange, "ECDH");
	CU_ASSERT_STRING_EQUAL(a->hash, "");
	CU_ASSERT_EQUAL(a->loc.line, 9);
	CU_ASSERT_STRING_EQUAL(a->loc.path, "/0");
	CU_ASSERT_PTR_EQUAL(a->loc.file, model_intern_file(&s.m, "ciphersuites.json"));
	CU_ASSERT(arena_owns(&s.m.arena, a->name));
	CU_ASSERT_STRING_EQUAL(b->name, "TLS_RSA_WITH_RC4_128_SHA");
	CU_ASSERT_EQUAL(b->number, 5);
	CU_ASSERT_STRING_EQUAL(b->cipher, "RC4");
	CU_ASSERT_PTR_NULL(b->exchange);
	CU_ASSERT_EQUAL(b->loc.line, 13);
	CU_ASSERT_STRING_EQUAL(b->loc.path, "/1");
	CU_ASSERT_PTR_NULL(b->next);
	unit_snapshot_release(&s);
}

static void test_shapes(void)
{
	struct unit_snapshot s;

	/* one suite: ConvertTo-Json writes the object itself */
	parse(&s, "{\n  \"Cipher\": \"3DES\",\n  \"Name\": \"TLS_RSA_WITH_3DES_EDE_CBC_SHA\"\n}\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.m.nr_suites, 1);
	CU_ASSERT_EQUAL(s.m.suites->loc.line, 3);
	CU_ASSERT_STRING_EQUAL(s.m.suites->loc.path, "");
	CU_ASSERT_EQUAL(s.m.suites->number, -1);
	unit_snapshot_release(&s);

	/* PowerShell 5.1's wrapper of a collection */
	parse(&s, "{\n  \"value\": [\n    {\"Name\": \"TLS_RSA_WITH_AES_128_CBC_SHA\"},\n"
	      "    {\"Name\": \"TLS_RSA_WITH_NULL_SHA256\"}\n  ],\n  \"Count\": 2\n}\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.m.nr_suites, 2);
	CU_ASSERT_EQUAL(nth(&s.m, 1)->loc.line, 4);
	CU_ASSERT_STRING_EQUAL(nth(&s.m, 1)->loc.path, "/value/1");
	unit_snapshot_release(&s);

	/* an empty list: read, no suite */
	parse(&s, "[]");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.m.suites_read, 1);
	CU_ASSERT_EQUAL(s.m.nr_suites, 0);
	unit_snapshot_release(&s);

	/* UTF-16LE with a BOM, as PowerShell 5.1's '>' writes */
	static const char utf16[] = "\xff\xfe[\0{\0\"\0N\0a\0m\0e\0\"\0:\0\"\0X\0\"\0}\0]\0";
	unit_parse(&s, parse_ciphersuites, "ciphersuites.json", utf16, sizeof(utf16) - 1);
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.m.nr_suites, 1);
	CU_ASSERT_STRING_EQUAL(s.m.suites->name, "X");
	unit_snapshot_release(&s);
}

static void test_errors(void)
{
	struct unit_snapshot s;

	parse(&s, "[\n  {\"Name\": \"A\"},\n  42,\n  {\"Cipher\": \"RC4\"},\n  {\"Name\": 7}\n]\n");
	CU_ASSERT_EQUAL(s.errors, 3);
	CU_ASSERT_EQUAL(s.m.nr_suites, 1);
	CU_ASSERT_EQUAL(unit_count_diags(&s.diags, SEV_ERROR, "cipher suite 2 is not an object"), 1);
	CU_ASSERT_EQUAL(unit_count_diags(&s.diags, SEV_ERROR, "cipher suite 3 has no \"Name\""), 1);
	CU_ASSERT_EQUAL(unit_count_diags(&s.diags, SEV_ERROR, "cipher suite 4 has no \"Name\""), 1);
	for (size_t i = 0; i < s.diags.nr; i++)
		CU_ASSERT_STRING_EQUAL(s.diags.items[i]->rule_id, "parse.ciphersuites");
	CU_ASSERT_EQUAL(s.diags.items[0]->loc.line, 3);
	unit_snapshot_release(&s);

	parse(&s, "[\n{\"Name\": \"A\",\n]");
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_EQUAL(unit_count_diags(&s.diags, SEV_ERROR, "malformed JSON"), 1);
	CU_ASSERT_EQUAL(s.m.suites_read, 0);
	unit_snapshot_release(&s);

	parse(&s, "\"TLS_RSA_WITH_RC4_128_SHA\"");
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_EQUAL(unit_count_diags(&s.diags, SEV_ERROR, "expected the cipher suites"), 1);
	unit_snapshot_release(&s);
}

static void test_second_dump(void)
{
	struct unit_snapshot s;
	struct text t = TEXT_INIT;
	struct decode_result res;
	static const char second[] = "[{\"Name\": \"TLS_RSA_WITH_RC4_128_MD5\"}]";

	parse(&s, "[{\"Name\": \"TLS_RSA_WITH_AES_128_CBC_SHA\"}]");
	text_decode((const unsigned char *)second, sizeof(second) - 1, &t, &res);
	int errors = parse_ciphersuites(&s.m, model_intern_file(&s.m, "b.json"), &t, &s.diags);
	CU_ASSERT_EQUAL(errors, 1);
	CU_ASSERT_EQUAL(unit_count_diags(&s.diags, SEV_ERROR, "second cipher suite list ignored"), 1);
	CU_ASSERT_EQUAL(s.m.nr_suites, 1);
	text_release(&t);
	unit_snapshot_release(&s);
}

static void test_detect(void)
{
	static const struct {
		const char *text;
		enum input_kind kind;
	} cases[] = {
		{ "[\n {\"CipherSuite\": 5, \"Cipher\": \"RC4\", \"Name\": \"TLS_RSA_WITH_RC4_128_SHA\"}\n]",
		  INPUT_CIPHERSUITES },
		{ "{\"Name\": \"SSL_CK_RC4_128_WITH_MD5\", \"Cipher\": \"RC4\", \"CipherSuite\": 65664}",
		  INPUT_CIPHERSUITES },
		/* a certificate dump that mentions a suite stays certjson (asked first) */
		{ "[{\"Thumbprint\": \"AB\", \"CipherSuite\": 5, \"Cipher\": \"x\", \"Name\": \"TLS_X\"}]",
		  INPUT_CERTJSON },
		{ "[{\"Name\": \"TLS_RSA_WITH_RC4_128_SHA\"}]", INPUT_UNKNOWN },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct text t = TEXT_INIT;
		struct decode_result res;
		text_decode((const unsigned char *)cases[i].text, strlen(cases[i].text), &t, &res);
		CU_ASSERT_EQUAL(detect_kind(&t), cases[i].kind);
		text_release(&t);
	}
	CU_ASSERT_STRING_EQUAL(input_kind_name(INPUT_CIPHERSUITES), "ciphersuites");
}

void suite_parse_ciphersuites(void);
void suite_parse_ciphersuites(void)
{
	ADD_SUITE("parse_ciphersuites",
		  { "an array of suites", test_array },
		  { "one suite, the 5.1 wrapper, empty, UTF-16", test_shapes },
		  { "input errors", test_errors },
		  { "a second dump", test_second_dump },
		  { "detection", test_detect });
}

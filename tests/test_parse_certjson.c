/*
 * parse_certjson(): PowerShell 5.1 and 7 dumps of real certificates made
 * by tools/make-cert-fixtures.sh (fixtures/parse/certjson/), the facts
 * only the DER can give (self-signed checked by signature, CA flag,
 * EKUs, validity), the line of every certificate, every input error with
 * its line, and the one real dump in ../shared/corpus/certjson.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeutil.h"
#include "unit.h"
#include "util.h"

#define FIX "fixtures/parse/certjson/"
#define CENTREON "../shared/corpus/certjson/centreon_plugins_localmachine_certs_compressed_select.json"

#define SERVER_AUTH "1.3.6.1.5.5.7.3.1"
#define CLIENT_AUTH "1.3.6.1.5.5.7.3.2"

/* ---- helpers ---------------------------------------------------------- */

/* One line of certs.expect: what openssl said of a fixture certificate. */
struct expect {
	char name[16];
	char sha1[41];
	long long not_before, not_after;
};

static const struct expect *expect(const char *name)
{
	static struct expect table[16];
	static size_t n;
	if (!n) {
		size_t len;
		unsigned char *buf = unit_read_file(FIX "certs.expect", &len);
		if (!buf)
			return NULL;
		char *text = xmalloc(len + 1);
		memcpy(text, buf, len);
		text[len] = '\0';
		free(buf);
		for (char *line = text; *line && n < 16;) {
			char *nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			struct expect *e = &table[n];
			if (sscanf(line, "%15s %40s %lld %lld", e->name, e->sha1,
				   &e->not_before, &e->not_after) == 4)
				n++;
			if (!nl)
				break;
			line = nl + 1;
		}
		free(text);
	}
	for (size_t i = 0; i < n; i++)
		if (!strcmp(table[i].name, name))
			return &table[i];
	fprintf(stderr, "no certificate '%s' in certs.expect\n", name);
	return NULL;
}

/* The SHA-1 of a fixture certificate; "" when certs.expect lacks it. */
static const char *sha1_of(const char *name)
{
	const struct expect *e = expect(name);
	return e ? e->sha1 : "";
}

/* NAME.b64 without its line end (malloc'd). */
static char *b64_of(const char *name)
{
	char path[128];
	size_t len;
	snprintf(path, sizeof(path), FIX "%s.b64", name);
	unsigned char *buf = unit_read_file(path, &len);
	char *s = xmalloc(len + 1);
	if (buf)
		memcpy(s, buf, len);
	else
		len = 0;
	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	s[len] = '\0';
	free(buf);
	return s;
}

__attribute__((format(printf, 1, 2)))
static char *fmt(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	int n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	char *s = xmalloc((size_t)n + 1);
	va_start(ap, f);
	vsnprintf(s, (size_t)n + 1, f, ap);
	va_end(ap);
	return s;
}

static void parse(struct unit_snapshot *s, const char *name, const char *text)
{
	unit_parse_str(s, parse_certjson, name, text);
}

/* Parses fixtures/parse/certjson/NAME as the file NAME; *text gets its bytes (NUL-terminated). */
static void parse_fixture(struct unit_snapshot *s, const char *name, char **text)
{
	char path[128];
	size_t len;
	snprintf(path, sizeof(path), FIX "%s", name);
	unsigned char *buf = unit_read_file(path, &len);
	if (!buf) {
		CU_FAIL("fixture missing (run tools/make-cert-fixtures.sh)");
		len = 0;
	}
	*text = xmalloc(len + 1);
	if (len)
		memcpy(*text, buf, len);
	(*text)[len] = '\0';
	free(buf);
	unit_parse(s, parse_certjson, name, *text, len);
}

/* The 1-based line of the nth (0-based) occurrence of needle in text; 0 when none. */
static uint32_t line_of(const char *text, const char *needle, int nth)
{
	const char *p = text;
	for (int i = 0; (p = strstr(p, needle)); i++, p++)
		if (i == nth) {
			uint32_t line = 1;
			for (const char *q = text; q < p; q++)
				line += *q == '\n';
			return line;
		}
	return 0;
}

static const struct cert *cert_in(const struct unit_snapshot *s, const char *store,
				  const char *thumbprint)
{
	const struct cert_store *st = model_find_store(&s->m, store);
	if (!st) {
		fprintf(stderr, "no store '%s'\n", store);
		return NULL;
	}
	const struct cert *c = store_find_cert(st, thumbprint);
	if (!c)
		fprintf(stderr, "no certificate '%s' in store '%s'\n", thumbprint, store);
	return c;
}

static const struct diag *diag_at(const struct unit_snapshot *s, enum severity level,
				  uint32_t line, const char *needle)
{
	for (size_t i = 0; i < s->diags.nr; i++) {
		const struct diag *d = s->diags.items[i];
		if (d->level == level && d->loc.line == line &&
		    (!needle || strstr(d->message, needle)))
			return d;
	}
	return NULL;
}

static size_t count(const struct unit_snapshot *s, enum severity level)
{
	return unit_count_diags(&s->diags, level, NULL);
}

/* Every diagnostic is "parse.certjson" with a line, and the return value counts errors. */
static void check_diags(const struct unit_snapshot *s)
{
	for (size_t i = 0; i < s->diags.nr; i++) {
		const struct diag *d = s->diags.items[i];
		CU_ASSERT_STRING_EQUAL(d->rule_id, "parse.certjson");
		CU_ASSERT_PTR_NOT_NULL(d->loc.file);
		CU_ASSERT(d->loc.line >= 1);
	}
	CU_ASSERT_EQUAL((size_t)s->errors, count(s, SEV_ERROR));
}

static int has_eku(const struct cert *c, const char *oid)
{
	for (size_t i = 0; c && i < c->nr_ekus; i++)
		if (!strcmp(c->ekus[i], oid))
			return 1;
	return 0;
}

static void check_validity(const struct cert *c, const char *name)
{
	const struct expect *e = expect(name);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(c->has_not_before, 1);
	CU_ASSERT_EQUAL(c->has_not_after, 1);
	CU_ASSERT_EQUAL(c->not_before, e->not_before);
	CU_ASSERT_EQUAL(c->not_after, e->not_after);
}

/* ---- the generated fixtures -------------------------------------------- */

/* What Windows PowerShell 5.1 prints for a certificate (corpus notes/propnames_ps51_*). */
static const char *const ps51_names[] = {
	"PSPath", "PSParentPath", "PSChildName", "PSDrive", "PSProvider", "PSIsContainer",
	"EnhancedKeyUsageList", "DnsNameList", "SendAsTrustedIssuer", "EnrollmentPolicyEndPoint",
	"EnrollmentServerEndPoint", "PolicyId", "Archived", "Extensions", "FriendlyName",
	"IssuerName", "NotAfter", "NotBefore", "HasPrivateKey", "PrivateKey", "PublicKey",
	"RawData", "SerialNumber", "SubjectName", "SignatureAlgorithm", "Thumbprint", "Version",
	"Handle", "Issuer", "Subject",
};

static void test_ps51_root_store(void)
{
	struct unit_snapshot s;
	char *text;
	parse_fixture(&s, "ps51-root.json", &text);
	check_diags(&s);
	/* the fixture really is the full 5.1 object */
	for (size_t i = 0; i < sizeof(ps51_names) / sizeof(*ps51_names); i++) {
		char *key = fmt("\n        \"%s\":  ", ps51_names[i]);
		CU_ASSERT_PTR_NOT_NULL(strstr(text, key));
		free(key);
	}
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.nr_certs, 4);

	const struct cert_store *st = model_find_store(&s.m, "ROOT");
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_STRING_EQUAL(st->name, "Root");
	CU_ASSERT_EQUAL(st->nr_certs, 4);
	/* where the store is first named: the first PSParentPath */
	CU_ASSERT_EQUAL(st->loc.line, line_of(text, "\"PSParentPath\"", 0));

	static const char *const order[] = { "root", "inter", "twinca", "twin" };
	const struct cert *c = st->certs;
	for (int i = 0; i < 4; i++, c = c->next) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_STRING_EQUAL(c->thumbprint, sha1_of(order[i]));
		CU_ASSERT_STRING_EQUAL(c->store, "Root");
		/* the line of its "Thumbprint" member, near the end of a 5.1 object */
		CU_ASSERT_EQUAL(c->loc.line, line_of(text, "\"Thumbprint\"", i));
		CU_ASSERT(c->loc.line > 1000u * (unsigned)i);
		char ptr[8];
		snprintf(ptr, sizeof(ptr), "/%d", i);
		CU_ASSERT_STRING_EQUAL(c->loc.path, ptr);
		CU_ASSERT_EQUAL(c->has_der, 1);
		CU_ASSERT_EQUAL(c->has_private_key, 0);
		CU_ASSERT_EQUAL(c->self_signed_inferred, 0);
		CU_ASSERT(c->subject_der_len > 0);
		CU_ASSERT_PTR_NOT_NULL(c->subject_der);
		CU_ASSERT_STRING_EQUAL(c->sig_alg, "sha256WithRSAEncryption");
		CU_ASSERT_STRING_EQUAL(c->key_type, "RSA");
		/* CA certificates without an EKU extension: every purpose */
		CU_ASSERT_EQUAL(c->ekus_known, 1);
		CU_ASSERT_EQUAL(c->nr_ekus, 0);
		CU_ASSERT_EQUAL(cert_allows_server_auth(c), 1);
		check_validity(c, order[i]);
	}

	const struct cert *root = store_find_cert(st, sha1_of("root"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT_EQUAL(root->self_signed, 1);
	CU_ASSERT_EQUAL(root->is_ca, 1);
	CU_ASSERT_EQUAL(root->key_bits, 3072);
	CU_ASSERT_STRING_EQUAL(root->subject, "CN=Example Root CA, O=Example, C=US");
	CU_ASSERT_STRING_EQUAL(root->issuer, "CN=Example Root CA, O=Example, C=US");
	CU_ASSERT_STRING_EQUAL(root->friendly_name, "Example Root CA");
	/* "\/Date(1704067200000)\/" and the DER agree */
	CU_ASSERT_EQUAL(root->not_before, 1704067200);

	const struct cert *inter = store_find_cert(st, sha1_of("inter"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(inter);
	CU_ASSERT_EQUAL(inter->self_signed, 0);
	CU_ASSERT_EQUAL(inter->is_ca, 1);
	CU_ASSERT_EQUAL(inter->key_bits, 2048);
	CU_ASSERT_STRING_EQUAL(inter->issuer, "CN=Example Root CA, O=Example, C=US");
	CU_ASSERT_PTR_NULL(inter->friendly_name);      /* "" */

	/* twinca and twin: the same subject and issuer text; only the signature tells */
	const struct cert *twinca = store_find_cert(st, sha1_of("twinca"));
	const struct cert *twin = store_find_cert(st, sha1_of("twin"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(twinca);
	CU_ASSERT_PTR_NOT_NULL_FATAL(twin);
	CU_ASSERT_STRING_EQUAL(twin->subject, "CN=Example Twin, O=Example");
	CU_ASSERT_STRING_EQUAL(twin->issuer, "CN=Example Twin, O=Example");
	CU_ASSERT_STRING_EQUAL(twinca->subject, twin->subject);
	CU_ASSERT_EQUAL(twinca->self_signed, 1);
	CU_ASSERT_EQUAL(twin->self_signed, 0);
	CU_ASSERT_EQUAL(twin->self_signed_inferred, 0);
	CU_ASSERT_EQUAL(twin->has_der, 1);
	/* 5.1 writes ' < > as \u0027 \u003c \u003e */
	CU_ASSERT_STRING_EQUAL(twin->friendly_name, "Twin 'B' <not self-signed>");
	unit_snapshot_release(&s);
	free(text);
}

static void test_ps51_single_object(void)
{
	struct unit_snapshot s;
	char *text;
	parse_fixture(&s, "ps51-my-single.json", &text);
	check_diags(&s);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(text[0], '{');
	CU_ASSERT_EQUAL(s.m.nr_certs, 1);
	const struct cert *c = cert_in(&s, "my", sha1_of("server"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->store, "My");
	CU_ASSERT_STRING_EQUAL(c->loc.path, "");
	CU_ASSERT_EQUAL(c->loc.line, line_of(text, "\"Thumbprint\"", 0));
	CU_ASSERT_EQUAL(c->has_private_key, 1);
	CU_ASSERT_EQUAL(c->is_ca, 0);
	CU_ASSERT_EQUAL(c->self_signed, 0);
	CU_ASSERT_STRING_EQUAL(c->key_type, "EC");
	CU_ASSERT_EQUAL(c->key_bits, 256);
	CU_ASSERT_STRING_EQUAL(c->friendly_name, "www.example.org 2025");
	CU_ASSERT_EQUAL(c->ekus_known, 1);
	CU_ASSERT_EQUAL(c->nr_ekus, 2);
	CU_ASSERT(has_eku(c, SERVER_AUTH));
	CU_ASSERT(has_eku(c, CLIENT_AUTH));
	CU_ASSERT_EQUAL(cert_allows_server_auth(c), 1);
	/* openssl printed notBefore=Jun  1 12:30:45 2025 GMT */
	CU_ASSERT_EQUAL(c->not_before, 1748781045);
	check_validity(c, "server");
	unit_snapshot_release(&s);
	free(text);
}

static void test_ps7_subset(void)
{
	struct unit_snapshot s;
	char *text;
	parse_fixture(&s, "ps7-my.json", &text);
	check_diags(&s);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.nr_certs, 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"NotAfter\": \"2021-01-01T01:00:00+01:00\""));

	const struct cert *server = cert_in(&s, "My", sha1_of("server"));
	const struct cert *client = cert_in(&s, "My", sha1_of("client"));
	const struct cert *expired = cert_in(&s, "My", sha1_of("expired"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(server);
	CU_ASSERT_PTR_NOT_NULL_FATAL(client);
	CU_ASSERT_PTR_NOT_NULL_FATAL(expired);
	const struct cert *all[] = { server, client, expired };
	for (int i = 0; i < 3; i++) {
		char ptr[8];
		snprintf(ptr, sizeof(ptr), "/%d", i);
		CU_ASSERT_STRING_EQUAL(all[i]->loc.path, ptr);
		CU_ASSERT_EQUAL(all[i]->loc.line, line_of(text, "\"Thumbprint\"", i));
		CU_ASSERT_EQUAL(all[i]->has_der, 1);
		CU_ASSERT_EQUAL(all[i]->is_ca, 0);
		CU_ASSERT_EQUAL(all[i]->self_signed, 0);
		CU_ASSERT(all[i]->subject_der_len > 0);
	}
	CU_ASSERT_EQUAL(server->loc.line, 3);
	check_validity(server, "server");
	check_validity(client, "client");
	check_validity(expired, "expired");
	CU_ASSERT_EQUAL(expired->not_after, 1609459200);   /* Jan  1 00:00:00 2021 GMT */

	CU_ASSERT_EQUAL(cert_allows_server_auth(server), 1);
	CU_ASSERT_EQUAL(cert_allows_server_auth(client), 0);
	CU_ASSERT_EQUAL(client->nr_ekus, 1);
	CU_ASSERT_STRING_EQUAL(client->ekus[0], CLIENT_AUTH);
	CU_ASSERT_EQUAL(cert_allows_server_auth(expired), 1);
	CU_ASSERT_EQUAL(server->has_private_key, 1);
	CU_ASSERT_EQUAL(expired->has_private_key, 0);
	CU_ASSERT_PTR_NULL(server->friendly_name);
	CU_ASSERT_STRING_EQUAL(client->friendly_name, "client 01");
	CU_ASSERT_STRING_EQUAL(client->subject,
			       "E=client01@example.org, CN=Client 01, O=\"Example, Inc.\", S=Washington, C=US");
	CU_ASSERT_STRING_EQUAL(client->key_type, "EC");
	CU_ASSERT_EQUAL(client->key_bits, 384);
	unit_snapshot_release(&s);
	free(text);
}

/* Without Subject and Issuer in the JSON, the DER's are printed the way Windows does. */
static void test_names_from_der(void)
{
	static const struct {
		const char *name, *subject, *issuer;
	} cases[] = {
		{ "root", "CN=Example Root CA, O=Example, C=US", "CN=Example Root CA, O=Example, C=US" },
		{ "server", "CN=www.example.org, O=Example, C=US", "CN=Example Issuing CA 1, O=Example, C=US" },
		{ "client", "E=client01@example.org, CN=Client 01, O=\"Example, Inc.\", S=Washington, C=US",
		  "CN=Example Issuing CA 1, O=Example, C=US" },
		{ "twin", "CN=Example Twin, O=Example", "CN=Example Twin, O=Example" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct unit_snapshot s;
		char *b64 = b64_of(cases[i].name);
		char *json = fmt("{\"Thumbprint\": \"%s\", \"RawData\": \"%s\"}", sha1_of(cases[i].name), b64);
		parse(&s, "My.json", json);
		CU_ASSERT_EQUAL(s.errors, 0);
		const struct cert *c = cert_in(&s, "My", sha1_of(cases[i].name));
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_STRING_EQUAL(c->subject, cases[i].subject);
		CU_ASSERT_STRING_EQUAL(c->issuer, cases[i].issuer);
		CU_ASSERT_EQUAL(c->has_private_key, -1);
		CU_ASSERT_PTR_NULL(c->friendly_name);
		check_validity(c, cases[i].name);
		unit_snapshot_release(&s);
		free(json);
		free(b64);
	}
}

/* The twin again, without RawData: only the names are left, and they say self-signed. */
static void test_store_from_file_name(void)
{
	struct unit_snapshot s;
	char *text;
	parse_fixture(&s, "LocalMachine-WebHosting.json", &text);
	check_diags(&s);
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 1, "store taken from the file name: 'WebHosting'"));
	const struct cert_store *st = model_find_store(&s.m, "webhosting");
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_STRING_EQUAL(st->name, "WebHosting");
	CU_ASSERT_EQUAL(st->loc.line, 1);
	const struct cert *c = store_find_cert(st, sha1_of("twin"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->loc.line, 2);
	CU_ASSERT_EQUAL(c->has_der, 0);
	CU_ASSERT_EQUAL(c->self_signed, 1);
	CU_ASSERT_EQUAL(c->self_signed_inferred, 1);
	CU_ASSERT_EQUAL(c->is_ca, -1);
	CU_ASSERT_EQUAL(c->ekus_known, 0);
	CU_ASSERT_EQUAL(cert_allows_server_auth(c), -1);
	CU_ASSERT_EQUAL(c->has_not_before, 0);
	CU_ASSERT_EQUAL(c->has_not_after, 1);
	CU_ASSERT_EQUAL(c->not_after, expect("twin") ? expect("twin")->not_after : -1);
	CU_ASSERT_EQUAL(c->subject_der_len, 0);
	CU_ASSERT_PTR_NULL(c->key_type);
	unit_snapshot_release(&s);
	free(text);

	/* other stems; one note per file however many certificates */
	static const struct {
		const char *file, *store;
	} names[] = {
		{ "Root.json", "Root" }, { "exports/web01/webhosting.json", "WebHosting" },
		{ "LocalMachine_CA.json", "CA" }, { "C:\\dumps\\web01-my.json", "My" },
		{ "clientauthissuer", "ClientAuthIssuer" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		parse(&s, names[i].file,
		      "[{\"Thumbprint\": \"1111111111111111111111111111111111111111\"},\n"
		      " {\"Thumbprint\": \"2222222222222222222222222222222222222222\"}]");
		CU_ASSERT_EQUAL(s.errors, 0);
		CU_ASSERT_EQUAL(unit_count_diags(&s.diags, SEV_NOTE, "store taken from the file name"), 1);
		const struct cert_store *f = model_find_store(&s.m, names[i].store);
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT_STRING_EQUAL(f->name, names[i].store);
		CU_ASSERT_EQUAL(f->nr_certs, 2);
		unit_snapshot_release(&s);
	}

	/* an empty dump still shows the store, empty */
	parse(&s, "ClientAuthIssuer.json", "[]\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(model_find_store(&s.m, "ClientAuthIssuer"));
	CU_ASSERT_EQUAL(model_find_store(&s.m, "ClientAuthIssuer")->nr_certs, 0);
	unit_snapshot_release(&s);
}

static void test_wrapper(void)
{
	struct unit_snapshot s;
	char *text;
	parse_fixture(&s, "wrapper-clientauthissuer.json", &text);
	check_diags(&s);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	const struct cert_store *st = model_find_store(&s.m, "ClientAuthIssuer");
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(st->loc.line, line_of(text, "\"store\"", 0));
	CU_ASSERT_EQUAL(st->loc.line, 2);
	const struct cert *c = store_find_cert(st, sha1_of("inter"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->loc.path, "/certificates/0");
	CU_ASSERT_EQUAL(c->loc.line, 5);
	CU_ASSERT_EQUAL(c->has_private_key, -1);
	CU_ASSERT_EQUAL(c->is_ca, 1);
	check_validity(c, "inter");
	unit_snapshot_release(&s);
	free(text);

	/* dates as {"value", "DateTime"} objects, without RawData to override them */
	parse(&s, "x.json",
	      "{\n"
	      "  \"Store\": \"root\",\n"
	      "  \"Certificates\": {\n"
	      "    \"Subject\": \"CN=a\", \"Issuer\": \"CN=b\",\n"
	      "    \"NotAfter\": {\"value\": \"\\/Date(1861920000000)\\/\", \"DateTime\": \"Monday, January 1, 2029 12:00:00 AM\"},\n"
	      "    \"Thumbprint\": \"3333333333333333333333333333333333333333\"\n"
	      "  }\n"
	      "}\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	const struct cert *one = cert_in(&s, "Root", "3333333333333333333333333333333333333333");
	CU_ASSERT_PTR_NOT_NULL_FATAL(one);
	CU_ASSERT_STRING_EQUAL(one->loc.path, "/certificates");
	CU_ASSERT_EQUAL(one->loc.line, 6);
	CU_ASSERT_EQUAL(one->not_after, 1861920000);
	CU_ASSERT_EQUAL(one->self_signed, 0);
	CU_ASSERT_EQUAL(one->self_signed_inferred, 1);
	unit_snapshot_release(&s);

	/* an empty wrapper names an empty store; a bad "store" falls back to the file name */
	parse(&s, "x.json", "{\"store\": \"ClientAuthIssuer\", \"certificates\": []}");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_PTR_NOT_NULL(model_find_store(&s.m, "ClientAuthIssuer"));
	unit_snapshot_release(&s);
	parse(&s, "My.json", "{\n\"store\": 7,\n\"certificates\": [{\"Thumbprint\": \"3333333333333333333333333333333333333333\"}]}");
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 2, "invalid \"store\" 7"));
	CU_ASSERT_PTR_NOT_NULL(cert_in(&s, "My", "3333333333333333333333333333333333333333"));
	unit_snapshot_release(&s);
}

/*
 * What PowerShell writes for an empty store: nothing (Get-ChildItem piped
 * into ConvertTo-Json and Out-File writes a bare BOM, or 0 bytes), "[]"
 * (ConvertTo-Json -InputObject @()) or "null".  Each is read as the empty
 * store the file name names, with the usual note; and it is detected as
 * a dump only when the name is a store's and ends in ".json".
 */
static void test_empty_store_files(void)
{
	static const struct {
		const char *bytes;
		size_t len;
	} empties[] = {
		{ "", 0 },
		{ "\xEF\xBB\xBF", 3 },
		{ "\xFF\xFE", 2 },               /* UTF-16LE BOM only (5.1's '>') */
		{ "\r\n  \n", 5 },
		{ "\xEF\xBB\xBF\r\n", 5 },
		{ "[]", 2 },
		{ " [ \r\n ]\r\n", 9 },
		{ "\xEF\xBB\xBFnull\r\n", 9 },
	};
	for (size_t i = 0; i < sizeof(empties) / sizeof(*empties); i++) {
		struct unit_snapshot s;
		unit_parse(&s, parse_certjson, "snap/ClientAuthIssuer.json", empties[i].bytes, empties[i].len);
		check_diags(&s);
		CU_ASSERT_EQUAL(s.errors, 0);
		CU_ASSERT_EQUAL(s.diags.nr, 1);
		CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 1, "store taken from the file name: 'ClientAuthIssuer'"));
		const struct cert_store *st = model_find_store(&s.m, "ClientAuthIssuer");
		CU_ASSERT_PTR_NOT_NULL(st);
		if (st) {
			CU_ASSERT_EQUAL(st->nr_certs, 0);
			CU_ASSERT_PTR_NULL(st->certs);
		}
		CU_ASSERT_EQUAL(s.m.nr_certs, 0);
		CU_ASSERT_EQUAL(detect_kind(&s.text), INPUT_UNKNOWN);
		CU_ASSERT_EQUAL(detect_kind_named(&s.text, "snap/ClientAuthIssuer.json"), INPUT_CERTJSON);
		CU_ASSERT_EQUAL(detect_kind_named(&s.text, "LocalMachine-root.JSON"), INPUT_CERTJSON);
		CU_ASSERT_EQUAL(detect_kind_named(&s.text, "C:\\dumps\\web01_My.json"), INPUT_CERTJSON);
		/* not a store's name, or not .json: still nothing */
		CU_ASSERT_EQUAL(detect_kind_named(&s.text, "snap/notes.json"), INPUT_UNKNOWN);
		CU_ASSERT_EQUAL(detect_kind_named(&s.text, "snap/ClientAuthIssuer.txt"), INPUT_UNKNOWN);
		CU_ASSERT_EQUAL(detect_kind_named(&s.text, "snap/ClientAuthIssuer"), INPUT_UNKNOWN);
		CU_ASSERT_EQUAL(detect_kind_named(&s.text, "snap/snapshot.json"), INPUT_UNKNOWN);
		CU_ASSERT_EQUAL(detect_kind_named(&s.text, "ClientAuthIssuer.json/x.json"), INPUT_UNKNOWN);
		unit_snapshot_release(&s);
	}

	/* content that is not empty keeps its own kind, or none, whatever the name */
	static const char *const not_empty[] = {
		"[1]", "{}", "[] []", "nullx", "[", "hello", "[{}]",
	};
	for (size_t i = 0; i < sizeof(not_empty) / sizeof(*not_empty); i++) {
		struct unit_snapshot s;
		unit_parse_str(&s, parse_certjson, "Root.json", not_empty[i]);
		CU_ASSERT_EQUAL(detect_kind_named(&s.text, "Root.json"), INPUT_UNKNOWN);
		unit_snapshot_release(&s);
	}

	/* a real dump named like another store keeps its own kind and store */
	struct unit_snapshot s;
	unit_parse_str(&s, parse_certjson, "Root.json",
		       "[{\"Thumbprint\": \"1111111111111111111111111111111111111111\", "
		       "\"PSParentPath\": \"Microsoft.PowerShell.Security\\\\Certificate::LocalMachine\\\\CA\"}]");
	CU_ASSERT_EQUAL(detect_kind_named(&s.text, "Root.json"), INPUT_CERTJSON);
	CU_ASSERT_PTR_NOT_NULL(cert_in(&s, "CA", "1111111111111111111111111111111111111111"));
	CU_ASSERT_PTR_NULL(model_find_store(&s.m, "Root"));
	unit_snapshot_release(&s);
}

/* ---- thumbprints and lines ---------------------------------------------- */

static void test_thumbprints(void)
{
	struct unit_snapshot s;
	parse(&s, "Root.json",
	      "[\n"
	      "  {\"Thumbprint\": \"84 67 62 72 4F 99 A5 30 CA E2 57 C8 D1 8C EA FB 46 72 3C D2\"},\n"
	      "  {\"Thumbprint\": \"\xE2\x80\x8E" "d0013e91aab93f437a4443b13e6d18bd60f0279c\"},\n"
	      "  {\"thumbprint\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"},\n"
	      "  {\"Thumbprint\": \"<hash>\"},\n"
	      "  {\"Subject\": \"CN=no thumbprint\"},\n"
	      "  {\"Thumbprint\": 12},\n"
	      "  \"just a string\",\n"
	      "  {\"Thumbprint\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}\n"
	      "]\n");
	check_diags(&s);
	CU_ASSERT_EQUAL(s.m.nr_certs, 3);
	CU_ASSERT_PTR_NOT_NULL(cert_in(&s, "Root", "846762724f99a530cae257c8d18ceafb46723cd2"));
	CU_ASSERT_PTR_NOT_NULL(cert_in(&s, "Root", "d0013e91aab93f437a4443b13e6d18bd60f0279c"));
	CU_ASSERT_PTR_NOT_NULL(cert_in(&s, "Root", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
	/* spaces and U+200E are noted, lower case is not */
	CU_ASSERT_EQUAL(unit_count_diags(&s.diags, SEV_NOTE, "normalised to"), 2);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 2,
				       "thumbprint '84 67 62 72 4F 99 A5 30 CA E2 57 C8 D1 8C EA FB 46 72 3C D2' "
				       "normalised to '846762724f99a530cae257c8d18ceafb46723cd2'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 3,
				       "thumbprint '<U+200E>d0013e91aab93f437a4443b13e6d18bd60f0279c' normalised"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 5, "invalid thumbprint '<hash>'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 6, "no 'Thumbprint' member"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 7, "invalid thumbprint 12"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 8, "is not a certificate object"));
	/* the upper-case twin of line 4: listed twice */
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_WARNING, 9, "listed twice"));
	CU_ASSERT_EQUAL(s.errors, 4);
	const struct diag *d = diag_at(&s, SEV_ERROR, 6, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_STRING_EQUAL(d->loc.path, "/4");
	unit_snapshot_release(&s);

	/* a long value is cut in the message, never inside a UTF-8 character */
	parse(&s, "Root.json",
	      "{\"Thumbprint\": \"0123456789012345678901234567890123456789012345678901234567890\u00e9\u00e9\u00e9\u00e9 and more\"}");
	CU_ASSERT_EQUAL(s.errors, 1);
	d = diag_at(&s, SEV_ERROR, 1, "invalid thumbprint '0123456789012345678901234567890123456789012345678901234567890\xC3\xA9\xC3\xA9\xC3\xA9...': expected 40 hex digits");
	CU_ASSERT_PTR_NOT_NULL(d);
	unit_snapshot_release(&s);
}

/* The scanner is not fooled by strings, escapes, nesting or member order. */
static void test_lines(void)
{
	struct unit_snapshot s;
	parse(&s, "My.json",
	      "\n"
	      "[\n"
	      "  {\n"
	      "    \"Subject\": \"CN=a \\\"}]{[\\\" b\",\n"
	      "    \"Note\": \"\\\"Thumbprint\\\": \\\"x\\\"\",\n"
	      "    \"Extensions\": [{\"Thumbprint\": \"nested\"}, [[], {}]],\n"
	      "    \"THUMBPRINT\": \"1111111111111111111111111111111111111111\"\n"
	      "  },\n"
	      "  {\"Thumbprint\": \"2222222222222222222222222222222222222222\", \"a\": \"\\\\\"}, {\"Thumbprint\":\n"
	      "\"3333333333333333333333333333333333333333\"},\n"
	      "  {\n"
	      "    \"Subject\": \"CN=no thumbprint member\"\n"
	      "  },\n"
	      "  {\"Thumbprint\": \"4444444444444444444444444444444444444444\"}\n"
	      "]\n");
	check_diags(&s);
	static const struct {
		const char *tp;
		uint32_t line;
		const char *path;
	} want[] = {
		{ "1111111111111111111111111111111111111111", 7, "/0" },
		{ "2222222222222222222222222222222222222222", 9, "/1" },
		{ "3333333333333333333333333333333333333333", 9, "/2" },
		{ "4444444444444444444444444444444444444444", 14, "/4" },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		const struct cert *c = cert_in(&s, "My", want[i].tp);
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_EQUAL(c->loc.line, want[i].line);
		CU_ASSERT_STRING_EQUAL(c->loc.path, want[i].path);
		CU_ASSERT_PTR_EQUAL(c->loc.file, model_intern_file(&s.m, "My.json"));
	}
	/* no Thumbprint member: the line of its '{' */
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 11, "no 'Thumbprint' member"));
	CU_ASSERT_EQUAL(s.errors, 1);
	unit_snapshot_release(&s);

	/* a UTF-16LE file (what PowerShell 5.1 '>' writes): same lines */
	size_t len;
	unsigned char *u16 = unit_utf16le("[\r\n  {\r\n    \"Thumbprint\":  \"5555555555555555555555555555555555555555\"\r\n  }\r\n]\r\n", &len);
	unit_parse(&s, parse_certjson, "Root.json", u16, len);
	const struct cert *c = cert_in(&s, "Root", "5555555555555555555555555555555555555555");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->loc.line, 3);
	unit_snapshot_release(&s);
	free(u16);
}

/* ---- RawData ------------------------------------------------------------ */

static void test_thumbprint_mismatch(void)
{
	struct unit_snapshot s;
	char *b64 = b64_of("server");
	/* the client's thumbprint over the server's DER */
	char *json = fmt("[\n  {\n    \"Thumbprint\": \"%s\",\n    \"Subject\": \"CN=x\",\n    \"Issuer\": \"CN=x\",\n"
			 "    \"RawData\": \"%s\"\n  }\n]\n", sha1_of("client"), b64);
	parse(&s, "My.json", json);
	check_diags(&s);
	CU_ASSERT_EQUAL(s.errors, 1);
	const struct diag *d = diag_at(&s, SEV_ERROR, 3, "is not the SHA-1 of RawData");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, sha1_of("client")));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, sha1_of("server")));
	CU_ASSERT_STRING_EQUAL(d->loc.path, "/0");
	/* kept under the JSON thumbprint, with the DER's facts */
	const struct cert *c = cert_in(&s, "My", sha1_of("client"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->has_der, 1);
	CU_ASSERT_EQUAL(c->self_signed, 0);     /* the DER decides, not "CN=x" == "CN=x" */
	CU_ASSERT_EQUAL(c->self_signed_inferred, 0);
	CU_ASSERT_STRING_EQUAL(c->subject, "CN=x");
	unit_snapshot_release(&s);
	free(json);
	free(b64);
}

static void test_rawdata_forms(void)
{
	struct unit_snapshot s;
	char *b64 = b64_of("root");

	/* Base64 broken over lines with white space, as some serialisers write it */
	size_t n = strlen(b64);
	char *wrapped = xmalloc(n * 2 + 1), *q = wrapped;
	for (size_t i = 0; i < n; i++) {
		if (i && i % 64 == 0) {
			*q++ = '\\';
			*q++ = 'n';
		}
		*q++ = b64[i];
	}
	*q = '\0';
	char *json = fmt("{\"Thumbprint\": \"%s\", \"RawData\": \"%s\"}", sha1_of("root"), wrapped);
	parse(&s, "Root.json", json);
	CU_ASSERT_EQUAL(s.errors, 0);
	const struct cert *c = cert_in(&s, "Root", sha1_of("root"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->has_der, 1);
	CU_ASSERT_EQUAL(c->self_signed, 1);
	unit_snapshot_release(&s);
	free(json);
	free(wrapped);
	free(b64);

	/* the twin without RawData is inferred self-signed; with it, it is not */
	b64 = b64_of("twin");
	json = fmt("[{\"Thumbprint\": \"%s\", \"Subject\": \"CN=Example Twin, O=Example\","
		   " \"Issuer\": \"cn=example  twin,o=Example\"},\n"
		   " {\"Thumbprint\": \"%s\", \"Subject\": \"CN=Example Twin, O=Example\","
		   " \"Issuer\": \"CN=Example Twin, O=Example\", \"RawData\": \"%s\"}]",
		   sha1_of("twin"), sha1_of("twin"), b64);
	parse(&s, "Root.json", json);
	CU_ASSERT_EQUAL(s.errors, 0);
	c = cert_in(&s, "Root", sha1_of("twin"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->self_signed, 1);
	CU_ASSERT_EQUAL(c->self_signed_inferred, 1);
	unit_snapshot_release(&s);
	free(json);
	json = fmt("{\"Thumbprint\": \"%s\", \"RawData\": \"%s\"}", sha1_of("twin"), b64);
	parse(&s, "Root.json", json);
	c = cert_in(&s, "Root", sha1_of("twin"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->self_signed, 0);
	CU_ASSERT_EQUAL(c->self_signed_inferred, 0);
	CU_ASSERT_EQUAL(c->has_der, 1);
	unit_snapshot_release(&s);
	free(json);
	free(b64);

	/* unreadable RawData: an error on the certificate's line, the JSON fields used */
	static const struct {
		const char *raw, *msg;
	} bad[] = {
		{ "[48, 130, 300]", "invalid 'RawData' of certificate '6666666666666666666666666666666666666666': element 2 is not a byte" },
		{ "[48, \"x\"]", "element 1 is not a byte" },
		{ "[]", "no bytes" },
		{ "\"not base64!\"", "not Base64" },
		{ "true", "not a byte array or a Base64 string" },
		{ "\"AAAAAAAA\"", "undecodable 'RawData' of certificate '6666666666666666666666666666666666666666': not a DER certificate" },
		{ "\"3082000130\"", "not a DER certificate" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		json = fmt("[\n{\n\"Subject\": \"CN=r\", \"Issuer\": \"CN=R\",\n"
			   "\"Thumbprint\": \"6666666666666666666666666666666666666666\", \"RawData\": %s}]", bad[i].raw);
		parse(&s, "Root.json", json);
		check_diags(&s);
		CU_ASSERT_EQUAL(s.errors, 1);
		if (!diag_at(&s, SEV_ERROR, 4, bad[i].msg))
			fprintf(stderr, "RawData %s: no error '%s'\n", bad[i].raw, bad[i].msg);
		CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 4, bad[i].msg));
		c = cert_in(&s, "Root", "6666666666666666666666666666666666666666");
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_EQUAL(c->has_der, 0);
		CU_ASSERT_EQUAL(c->self_signed, 1);
		CU_ASSERT_EQUAL(c->self_signed_inferred, 1);
		CU_ASSERT_EQUAL(c->subject_der_len, 0);
		unit_snapshot_release(&s);
		free(json);
	}
}

/* The byte-array form is decoded the same as Base64, and hex is accepted. */
static void test_rawdata_bytes_and_hex(void)
{
	static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *b64 = b64_of("client");
	size_t n = strlen(b64), nb = 0;
	unsigned char *der = xmalloc(n);
	unsigned acc = 0;
	int bits = 0;
	for (size_t i = 0; i < n && b64[i] != '='; i++) {
		const char *p = strchr(b64chars, b64[i]);
		acc = (acc << 6) | (unsigned)(p - b64chars);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			der[nb++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	char *arr = xmalloc(nb * 5 + 3), *hex = xmalloc(nb * 2 + 1);
	size_t o = 0;
	arr[o++] = '[';
	for (size_t i = 0; i < nb; i++) {
		if (i)
			arr[o++] = ',';
		o += (size_t)snprintf(arr + o, nb * 5 + 3 - o, "%u", der[i]);
		snprintf(hex + 2 * i, 3, "%02X", der[i]);
	}
	arr[o++] = ']';
	arr[o] = '\0';

	const char *forms[] = { arr, NULL };
	char *hexq = fmt("\"%s\"", hex);
	forms[1] = hexq;
	for (int i = 0; i < 2; i++) {
		struct unit_snapshot s;
		char *json = fmt("{\"Thumbprint\": \"%s\", \"RawData\": %s}", sha1_of("client"), forms[i]);
		parse(&s, "My.json", json);
		CU_ASSERT_EQUAL(s.errors, 0);
		const struct cert *c = cert_in(&s, "My", sha1_of("client"));
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_EQUAL(c->has_der, 1);
		CU_ASSERT_EQUAL(cert_allows_server_auth(c), 0);
		check_validity(c, "client");
		unit_snapshot_release(&s);
		free(json);
	}
	free(hexq);

	/* bytes after the certificate: a warning, the certificate is still read */
	struct unit_snapshot s;
	char *json = fmt("{\"Thumbprint\": \"%s\",\n\"RawData\": \"%s0000\"}", sha1_of("client"), hex);
	parse(&s, "My.json", json);
	check_diags(&s);
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_WARNING, 1, "2 bytes after the certificate in 'RawData'"));
	const struct cert *c = cert_in(&s, "My", sha1_of("client"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->has_der, 1);
	unit_snapshot_release(&s);
	free(json);
	free(arr);
	free(hex);
	free(der);
	free(b64);
}

/* ---- dates, EKU lists, stores --------------------------------------------- */

static void test_dates(void)
{
	static const struct {
		const char *json;
		long long secs;
	} good[] = {
		{ "\"\\/Date(1700000000000)\\/\"", 1700000000 },
		{ "\"/Date(1700000000999)/\"", 1700000000 },
		{ "\"\\/Date(1700000000000+0100)\\/\"", 1700000000 },
		{ "\"\\/Date(-1500)\\/\"", -2 },
		{ "\"2026-01-15T10:00:00Z\"", 1768471200 },
		{ "\"2026-01-15T11:00:00.1234567+01:00\"", 1768471200 },
		{ "\"2190214308\"", 2190214308LL },
		{ "2190214308", 2190214308LL },
		{ "{\"value\": \"\\/Date(1768471200000)\\/\", \"DisplayHint\": 2, \"DateTime\": \"Thursday, January 15, 2026 10:00:00 AM\"}", 1768471200 },
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
		struct unit_snapshot s;
		char *json = fmt("{\"Thumbprint\": \"7777777777777777777777777777777777777777\", \"NotAfter\": %s}", good[i].json);
		parse(&s, "My.json", json);
		CU_ASSERT_EQUAL(s.errors, 0);
		const struct cert *c = cert_in(&s, "My", "7777777777777777777777777777777777777777");
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_EQUAL(c->has_not_after, 1);
		if (c->not_after != good[i].secs)
			fprintf(stderr, "date %s: %lld\n", good[i].json, (long long)c->not_after);
		CU_ASSERT_EQUAL(c->not_after, good[i].secs);
		unit_snapshot_release(&s);
		free(json);
	}
	static const char *const bad[] = {
		"\"4/25/2027 7:36:58 PM\"", "\"/Date(abc)/\"", "\"2026-02-30T00:00:00Z\"",
		"true", "1.5", "{\"DateTime\": \"Monday\"}", "[]", "\"\"",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct unit_snapshot s;
		char *json = fmt("[\n{\"Thumbprint\": \"7777777777777777777777777777777777777777\",\n\"NotBefore\": %s}]", bad[i]);
		parse(&s, "My.json", json);
		check_diags(&s);
		CU_ASSERT_EQUAL(s.errors, 1);
		CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 2, "invalid date"));
		CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 2, "in 'NotBefore' of certificate '7777777777777777777777777777777777777777'"));
		const struct cert *c = cert_in(&s, "My", "7777777777777777777777777777777777777777");
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_EQUAL(c->has_not_before, 0);
		unit_snapshot_release(&s);
		free(json);
	}
}

#define T7 "7777777777777777777777777777777777777777"

/* Errors and warnings (My.json also gets the note naming its store). */
static size_t problems(const struct unit_snapshot *s)
{
	return count(s, SEV_ERROR) + count(s, SEV_WARNING);
}

/* {Thumbprint, <json members>} in My.json, parsed; the one certificate, or NULL (a failure). */
static const struct cert *parse_one(struct unit_snapshot *s, const char *members)
{
	char *json = fmt("[\n{\"Thumbprint\": \"" T7 "\",\n%s}]", members);
	parse(s, "My.json", json);
	free(json);
	check_diags(s);
	const struct cert *c = cert_in(s, "My", T7);
	CU_ASSERT_PTR_NOT_NULL(c);
	return c;
}

/* The validity under each spelling PowerShell and other tools give it, in any case. */
static void test_date_spellings(void)
{
	static const struct {
		const char *before, *after;
	} names[] = {
		{ "NotBefore", "NotAfter" },            /* ConvertTo-Json */
		{ "notbefore", "notafter" },
		{ "NOTBEFORE", "NOTAFTER" },
		{ "notBefore", "notAfter" },            /* OpenSSL's and Go's camel case */
		{ "not_before", "not_after" },          /* certigo, crt.sh */
		{ "Not_Before", "NOT_AFTER" },
	};
	const int64_t before = civil_to_epoch(2025, 1, 1, 0, 0, 0);
	const int64_t after = civil_to_epoch(2027, 6, 30, 12, 0, 0);
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		struct unit_snapshot s;
		char *members = fmt("\"%s\": \"2025-01-01T00:00:00Z\", \"%s\": \"2027-06-30T14:00:00+02:00\"",
				    names[i].before, names[i].after);
		const struct cert *c = parse_one(&s, members);
		CU_ASSERT_EQUAL(problems(&s), 0);
		if (c) {
			CU_ASSERT_EQUAL(c->has_not_before, 1);
			CU_ASSERT_EQUAL(c->not_before, before);
			CU_ASSERT_EQUAL(c->has_not_after, 1);
			CU_ASSERT_EQUAL(c->not_after, after);
			if (c->not_after != after)
				fprintf(stderr, "\nspelling %s: %lld\n", names[i].after, (long long)c->not_after);
		}
		unit_snapshot_release(&s);
		free(members);
	}

	/* PowerShell's spelling first; a null member counts as absent */
	struct unit_snapshot s;
	const struct cert *c = parse_one(&s, "\"not_after\": \"2030-01-01T00:00:00Z\", "
					     "\"NotAfter\": \"2027-06-30T12:00:00Z\"");
	CU_ASSERT_EQUAL(problems(&s), 0);
	if (c)
		CU_ASSERT_EQUAL(c->not_after, after);
	unit_snapshot_release(&s);
	c = parse_one(&s, "\"NotAfter\": null, \"not_after\": \"2027-06-30T12:00:00Z\"");
	CU_ASSERT_EQUAL(problems(&s), 0);
	if (c) {
		CU_ASSERT_EQUAL(c->has_not_after, 1);
		CU_ASSERT_EQUAL(c->not_after, after);
	}
	unit_snapshot_release(&s);

	/* an unreadable date names its member as written, at the certificate's line */
	c = parse_one(&s, "\"not_after\": \"soon\", \"NotBefore\": \"2025-01-01T00:00:00Z\"");
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_EQUAL(problems(&s), 1);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 2, "invalid date \"soon\" in 'not_after' of certificate '" T7 "'"));
	if (c) {
		CU_ASSERT_EQUAL(c->has_not_after, 0);
		CU_ASSERT_EQUAL(c->has_not_before, 1);
	}
	unit_snapshot_release(&s);

	/* a spelling no exporter writes is not guessed: the certificate is undated */
	c = parse_one(&s, "\"ValidFrom\": \"2025-01-01T00:00:00Z\", \"ValidTo\": \"2027-06-30T12:00:00Z\"");
	CU_ASSERT_EQUAL(problems(&s), 1);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_WARNING, 2, "has no NotBefore/NotAfter"));
	if (c)
		CU_ASSERT_EQUAL(c->has_not_after, 0);
	unit_snapshot_release(&s);
}

/*
 * Windows PowerShell 5.1's dates ("\/Date(ms)\/", JSON-escaped slashes)
 * give the exact UTC instant: the milliseconds count from the epoch in
 * UTC, and an offset after them only marks a local time (it is not
 * applied).  Json.NET's documented example: 2012-12-21 00:00 at +01:00
 * is "\/Date(1356044400000+0100)\/".
 */
static void test_date_instants(void)
{
	const int64_t mayan = civil_to_epoch(2012, 12, 20, 23, 0, 0);   /* 2012-12-21T00:00:00+01:00 */
	const struct {
		const char *json;
		int64_t secs;
	} good[] = {
		{ "\"\\/Date(1356044400000)\\/\"", mayan },
		{ "\"\\/Date(1356044400000+0100)\\/\"", mayan },
		{ "\"\\/Date(1356044400000-0500)\\/\"", mayan },
		{ "\"/Date(1356044400000+0100)/\"", mayan },
		{ "\"2012-12-21T00:00:00+01:00\"", mayan },
		{ "{\"value\": \"\\/Date(1356044400000+0100)\\/\", \"DisplayHint\": 2, "
		  "\"DateTime\": \"Friday, December 21, 2012 12:00:00 AM\"}", mayan },
		{ "\"\\/Date(-86400000)\\/\"", civil_to_epoch(1969, 12, 31, 0, 0, 0) },
		{ "\"\\/Date(-86400000+0100)\\/\"", civil_to_epoch(1969, 12, 31, 0, 0, 0) },
		/* before 1970 a part second belongs to the earlier second */
		{ "\"\\/Date(-1)\\/\"", -1 },
		{ "\"\\/Date(0)\\/\"", 0 },
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
		struct unit_snapshot s;
		char *members = fmt("\"NotAfter\": %s", good[i].json);
		const struct cert *c = parse_one(&s, members);
		CU_ASSERT_EQUAL(problems(&s), 0);
		if (c) {
			CU_ASSERT_EQUAL(c->has_not_after, 1);
			CU_ASSERT_EQUAL(c->not_after, good[i].secs);
			if (c->not_after != good[i].secs)
				fprintf(stderr, "\ndate %s: %lld, wanted %lld\n", good[i].json,
					(long long)c->not_after, (long long)good[i].secs);
		}
		unit_snapshot_release(&s);
		free(members);
	}

	/* malformed: an input error at the certificate's line, the date unknown, no second word */
	static const char *const bad[] = {
		"\"\\/Date(abc)\\/\"", "\"/Date()/\"", "\"/Date(1356044400000+01)/\"",
		"\"/Date(1356044400000+0100\"", "\"/Date(1356044400000)/x\"", "\"Date(1356044400000)\"",
		"\"/Date(1356044400000000000000)/\"", "\"/Date(--5)/\"", "\"/Date(+5)/\"",
		"{\"value\": \"\\/Date(abc)\\/\", \"DisplayHint\": 2}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct unit_snapshot s;
		char *members = fmt("\"NotAfter\": %s", bad[i]);
		const struct cert *c = parse_one(&s, members);
		CU_ASSERT_EQUAL(s.errors, 1);
		CU_ASSERT_EQUAL(problems(&s), 1);
		CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 2, "in 'NotAfter' of certificate '" T7 "'"));
		if (c)
			CU_ASSERT_EQUAL(c->has_not_after, 0);
		unit_snapshot_release(&s);
		free(members);
	}
}

/* A certificate whose validity is unknown is named, once, at its line; the DER's dates count. */
static void test_undated_warning(void)
{
	struct unit_snapshot s;
	char *b64 = b64_of("server");
	char *json = fmt("[\n"
			 "{\"Thumbprint\": \"1111111111111111111111111111111111111111\"},\n"        /* 2 */
			 "{\"Thumbprint\": \"2222222222222222222222222222222222222222\",\n"         /* 3 */
			 " \"NotAfter\": \"2027-01-01T00:00:00Z\"},\n"
			 "{\"Thumbprint\": \"3333333333333333333333333333333333333333\",\n"         /* 5 */
			 " \"not_before\": \"2025-01-01T00:00:00Z\"},\n"
			 "{\"Subject\": \"CN=x\",\n"
			 " \"Thumbprint\": \"4444444444444444444444444444444444444444\",\n"         /* 8 */
			 " \"NotBefore\": null, \"NotAfter\": null},\n"
			 "{\"Thumbprint\": \"%s\", \"RawData\": \"%s\"}\n"                          /* 10 */
			 "]\n", sha1_of("server"), b64);
	parse(&s, "My.json", json);
	check_diags(&s);
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(problems(&s), 2);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_WARNING, 2,
		"certificate '1111111111111111111111111111111111111111' has no NotBefore/NotAfter: "
		"expiry rules cannot check it"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_WARNING, 8,
		"certificate '4444444444444444444444444444444444444444' has no NotBefore/NotAfter"));
	check_validity(cert_in(&s, "My", sha1_of("server")), "server");
	unit_snapshot_release(&s);
	free(json);
	free(b64);
}

static void test_eku_lists_and_private_key(void)
{
	static const struct {
		const char *json;
		int server_auth;
		size_t nr;
	} cases[] = {
		{ "[{\"FriendlyName\": \"Server Authentication\", \"ObjectId\": \"1.3.6.1.5.5.7.3.1\"}]", 1, 1 },
		{ "[{\"FriendlyName\": \"Client Authentication\", \"ObjectId\": \"1.3.6.1.5.5.7.3.2\"}]", 0, 1 },
		{ "[\"Client Authentication (1.3.6.1.5.5.7.3.2)\", \"Server Authentication (1.3.6.1.5.5.7.3.1)\"]", 1, 2 },
		{ "[\"Client Authentication\"]", 0, 1 },
		{ "[\"1.3.6.1.5.5.7.3.1\"]", 1, 1 },
		{ "[\"Any Purpose\"]", 1, 1 },
		{ "[\"Some Vendor Purpose\"]", 0, 1 },
		{ "[]", 1, 0 },
		{ "{\"FriendlyName\": \"Code Signing\", \"ObjectId\": \"1.3.6.1.5.5.7.3.3\"}", 0, 1 },
		{ "null", -1, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct unit_snapshot s;
		char *json = fmt("{\"Thumbprint\": \"8888888888888888888888888888888888888888\", "
				 "\"EnhancedKeyUsageList\": %s}", cases[i].json);
		parse(&s, "My.json", json);
		CU_ASSERT_EQUAL(s.errors, 0);
		const struct cert *c = cert_in(&s, "My", "8888888888888888888888888888888888888888");
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_EQUAL(cert_allows_server_auth(c), cases[i].server_auth);
		CU_ASSERT_EQUAL(c->nr_ekus, cases[i].nr);
		unit_snapshot_release(&s);
		free(json);
	}

	static const struct {
		const char *json;
		int has;
	} keys[] = {
		{ "true", 1 }, { "false", 0 }, { "\"True\"", 1 }, { "\"False\"", 0 }, { "null", -1 },
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		struct unit_snapshot s;
		char *json = fmt("{\"Thumbprint\": \"8888888888888888888888888888888888888888\", "
				 "\"HasPrivateKey\": %s}", keys[i].json);
		parse(&s, "My.json", json);
		CU_ASSERT_EQUAL(s.errors, 0);
		const struct cert *c = cert_in(&s, "My", "8888888888888888888888888888888888888888");
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_EQUAL(c->has_private_key, keys[i].has);
		unit_snapshot_release(&s);
		free(json);
	}
	struct unit_snapshot s;
	parse(&s, "My.json", "{\n\"Thumbprint\": \"8888888888888888888888888888888888888888\",\n"
	      "\"HasPrivateKey\": \"yes\", \"EnhancedKeyUsageList\": 5}");
	CU_ASSERT_EQUAL(s.errors, 2);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 2, "invalid 'HasPrivateKey' \"yes\""));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 2, "invalid 'EnhancedKeyUsageList' 5"));
	const struct cert *c = cert_in(&s, "My", "8888888888888888888888888888888888888888");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->has_private_key, -1);
	CU_ASSERT_EQUAL(c->ekus_known, 0);
	unit_snapshot_release(&s);
}

static void test_psparentpath(void)
{
	struct unit_snapshot s;
	parse(&s, "dump.json",
	      "[\n"
	      " {\"PSParentPath\": \"Microsoft.PowerShell.Security\\\\Certificate::CurrentUser\\\\My\",\n"
	      "  \"Thumbprint\": \"1111111111111111111111111111111111111111\"},\n"
	      " {\"PSParentPath\": \"Microsoft.PowerShell.SecurityCertificate::LocalMachineRoot\",\n"
	      "  \"Thumbprint\": \"2222222222222222222222222222222222222222\"},\n"
	      " {\"PSParentPath\": \"Microsoft.PowerShell.Security\\\\Certificate::LocalMachine\\\\Remote Desktop\",\n"
	      "  \"Thumbprint\": \"3333333333333333333333333333333333333333\"},\n"
	      " {\"Name\": \"CA\", \"PSIsContainer\": true, \"PSParentPath\": \"Microsoft.PowerShell.Security\\\\Certificate::LocalMachine\"},\n"
	      " {\"PSParentPath\": \"Microsoft.PowerShell.Security\\\\Certificate::LocalMachine\\\\My\",\n"
	      "  \"Thumbprint\": \"4444444444444444444444444444444444444444\"}\n"
	      "]\n");
	check_diags(&s);
	/* only the undated-certificate warnings: one per certificate, none for the store entry */
	CU_ASSERT_EQUAL(s.diags.nr, 4);
	CU_ASSERT_EQUAL(unit_count_diags(&s.diags, SEV_WARNING, "has no NotBefore/NotAfter"), 4);
	CU_ASSERT_EQUAL(s.m.nr_certs, 4);
	/* CurrentUser\My and LocalMachine\My are one store name to the model */
	const struct cert_store *my = model_find_store(&s.m, "My");
	CU_ASSERT_PTR_NOT_NULL_FATAL(my);
	CU_ASSERT_EQUAL(my->nr_certs, 2);
	CU_ASSERT_EQUAL(my->loc.line, 2);
	CU_ASSERT_PTR_NOT_NULL(cert_in(&s, "Root", "2222222222222222222222222222222222222222"));
	CU_ASSERT_PTR_NOT_NULL(cert_in(&s, "Remote Desktop", "3333333333333333333333333333333333333333"));
	CU_ASSERT_PTR_NULL(model_find_store(&s.m, "dump"));
	unit_snapshot_release(&s);
}

/* ---- broken files ------------------------------------------------------- */

static void test_malformed(void)
{
	struct unit_snapshot s;
	parse(&s, "My.json",
	      "[\n"
	      "  {\"Thumbprint\": \"1111111111111111111111111111111111111111\"},\n"
	      "  {\"Thumbprint\": \"2222222222222222222222222222222222222222\" \"Subject\": \"x\"}\n"
	      "]\n");
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	const struct diag *d = diag_at(&s, SEV_ERROR, 3, "malformed JSON: ");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	/* Jansson's column: the last character of the token it stumbled on, "Subject" */
	CU_ASSERT_EQUAL(d->loc.col, 69);
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "near '\"Subject\"'"));
	CU_ASSERT_EQUAL(s.m.nr_certs, 0);
	CU_ASSERT_PTR_NULL(s.m.stores);
	unit_snapshot_release(&s);

	static const char *const broken[] = {
		"[", "[\n{\"Thumbprint\": \"11\"\n", "{\"Thumbprint\": \"1111111111111111111111111111111111111111\",}",
		"[1, 2] x", "\xEF\xBB\xBF[", "\"unterminated",
		/* arrays whose elements each parse alone (certjson_prepare()'s fast path) */
		"[[1]", "[1 2]", "[1,]", "[,1]", "[{}, {}] {}", "[\"a\"\n\"b\"]", "[{}]]",
	};
	for (size_t i = 0; i < sizeof(broken) / sizeof(*broken); i++) {
		parse(&s, "My.json", broken[i]);
		CU_ASSERT_EQUAL(s.errors, 1);
		CU_ASSERT_EQUAL(unit_count_diags(&s.diags, SEV_ERROR, "malformed JSON: "), 1);
		CU_ASSERT_EQUAL(s.m.nr_certs, 0);
		unit_snapshot_release(&s);
	}

	static const char *const shapes[] = {
		"42", "\"Thumbprint\"", "{\"thumb\": \"1111111111111111111111111111111111111111\"}",
		"{\"store\": \"Root\", \"certificates\": 5}",
	};
	/* "", "null": an empty store (test_empty_store_files) */
	for (size_t i = 0; i < sizeof(shapes) / sizeof(*shapes); i++) {
		parse(&s, "My.json", shapes[i]);
		CU_ASSERT_EQUAL(s.errors, 1);
		CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 1,
			"expected a certificate object, an array of them, or {\"store\", \"certificates\"}"));
		CU_ASSERT_EQUAL(s.m.nr_certs, 0);
		unit_snapshot_release(&s);
	}
}

/* The one real dump: a literal "..." line makes it invalid JSON. */
static void test_corpus_centreon(void)
{
	if (!unit_have_shared(CENTREON))
		return;
	struct unit_snapshot s;
	size_t len;
	unsigned char *buf = unit_read_file(CENTREON, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	char *text = xmalloc(len + 1);
	memcpy(text, buf, len);
	text[len] = '\0';
	free(buf);
	uint32_t dots = line_of(text, "  ...", 0);
	CU_ASSERT_EQUAL(dots, 4);

	unit_parse(&s, parse_certjson, "centreon.json", text, len);
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	const struct diag *d = diag_at(&s, SEV_ERROR, dots, "malformed JSON: ");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 3);
	CU_ASSERT_EQUAL(s.m.nr_certs, 0);
	CU_ASSERT_PTR_NULL(s.m.stores);
	unit_snapshot_release(&s);

	/* without the elision it is a clean read: lower-case names, epoch strings */
	char *cut = strstr(text, "  ...\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(cut);
	memmove(cut, cut + 6, strlen(cut + 6) + 1);
	parse(&s, "centreon.json", text);
	check_diags(&s);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.nr_certs, 2);
	const struct cert *c = cert_in(&s, "FlightRoot", "f8db7e1c16f1ffd4aaad4aad8dff0f2445184aeb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->loc.line, 2);
	CU_ASSERT_STRING_EQUAL(c->subject,
			       "CN=Microsoft Development Root Certificate Authority 2014, O=Microsoft Corporation, L=Redmond, S=Washington, C=US");
	CU_ASSERT_PTR_NULL(c->issuer);
	CU_ASSERT_EQUAL(c->self_signed, -1);
	CU_ASSERT_EQUAL(c->has_not_after, 1);
	CU_ASSERT_EQUAL(c->not_after, 2190214308LL);
	c = cert_in(&s, "FlightRoot", "6ca22e5501cc80885ff281dd8b3338e89398ee18");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->loc.line, 3);
	CU_ASSERT_EQUAL(c->not_after, 2308682336LL);
	unit_snapshot_release(&s);
	free(text);
}

void suite_parse_certjson(void);
void suite_parse_certjson(void)
{
	ADD_SUITE("parse_certjson",
		  { "PowerShell 5.1 Root store, full objects", test_ps51_root_store },
		  { "PowerShell 5.1 one certificate: an object", test_ps51_single_object },
		  { "PowerShell 7 Select-Object subset, Base64 RawData", test_ps7_subset },
		  { "subject and issuer from the DER, as Windows prints them", test_names_from_der },
		  { "store from the file name, inferred self-signed", test_store_from_file_name },
		  { "{store, certificates} wrapper", test_wrapper },
		  { "empty store files: nothing, [], null", test_empty_store_files },
		  { "thumbprints: normalised, invalid, missing, twice", test_thumbprints },
		  { "line of every certificate", test_lines },
		  { "thumbprint is not the SHA-1 of RawData", test_thumbprint_mismatch },
		  { "RawData forms and errors", test_rawdata_forms },
		  { "RawData as bytes and hex", test_rawdata_bytes_and_hex },
		  { "dates", test_dates },
		  { "dates: NotBefore/NotAfter spellings", test_date_spellings },
		  { "dates: exact instants of \\/Date(ms)\\/", test_date_instants },
		  { "dates: undated certificate warning", test_undated_warning },
		  { "EKU lists and HasPrivateKey", test_eku_lists_and_private_key },
		  { "store from PSParentPath", test_psparentpath },
		  { "malformed JSON and unknown shapes", test_malformed },
		  { "corpus: centreon dump with an elision", test_corpus_centreon });
}

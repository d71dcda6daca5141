/*
 * parse_appconfig: IIS applicationHost.config into the model.  Every test
 * checks exact values and lines, and the diagnostics by level, line and
 * text; the refused documents are also checked for what must NOT reach
 * the model or the diagnostics.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit.h"
#include "util.h"

#define CORPUS_DIR SRCDIR "/../shared/corpus/appconfig"
#define FIXTURES "fixtures/parse/appconfig/"
#define SECRET_MARKER "SECRET-MARKER-7f3a9c"

/* CU_ASSERT_STRING_EQUAL that fails, rather than crashes, on NULL */
#define ASSERT_STR(actual, expected) \
	do { \
		const char *actual_ = (actual); \
		CU_ASSERT_PTR_NOT_NULL(actual_); \
		if (actual_) \
			CU_ASSERT_STRING_EQUAL(actual_, (expected)); \
	} while (0)

static void parse(struct unit_snapshot *s, const char *str)
{
	unit_parse_str(s, parse_appconfig, "applicationHost.config", str);
}

static void dump_diags(const struct unit_snapshot *s)
{
	for (size_t i = 0; i < s->diags.nr; i++)
		fprintf(stderr, "  %u %s: %s\n", (unsigned)s->diags.items[i]->loc.line,
			severity_name(s->diags.items[i]->level), s->diags.items[i]->message);
}

/* The only diagnostic at `level` whose message holds `needle`, or NULL (and a failure). */
static const struct diag *one_diag(const struct unit_snapshot *s, enum severity level,
				   const char *needle)
{
	const struct diag *found = NULL;
	size_t n = 0;
	for (size_t i = 0; i < s->diags.nr; i++) {
		const struct diag *d = s->diags.items[i];
		if (d->level == level && strstr(d->message, needle)) {
			found = d;
			n++;
		}
	}
	CU_ASSERT_EQUAL(n, 1);
	if (n != 1) {
		fprintf(stderr, "\nwanted one diagnostic with '%s'; have:\n", needle);
		dump_diags(s);
		return NULL;
	}
	ASSERT_STR(found->rule_id, "parse.appconfig");
	CU_ASSERT_PTR_NULL(found->rule_name);
	CU_ASSERT_EQUAL(found->loc.col, 0);
	return found;
}

/* Asserts the one diagnostic's line and, when path is not NULL, its XPath. */
static void diag_at(const struct unit_snapshot *s, enum severity level, const char *needle,
		    unsigned line, const char *path)
{
	const struct diag *d = one_diag(s, level, needle);
	if (!d)
		return;
	CU_ASSERT_EQUAL(d->loc.line, line);
	ASSERT_STR(d->loc.file, "applicationHost.config");
	if (path)
		ASSERT_STR(d->loc.path, path);
}

static void no_diags(const struct unit_snapshot *s)
{
	CU_ASSERT_EQUAL(s->diags.nr, 0);
	CU_ASSERT_EQUAL(s->errors, 0);
	if (s->diags.nr) {
		fprintf(stderr, "\nunexpected diagnostics:\n");
		dump_diags(s);
	}
}

/* The parser's return value is the number of errors it appended. */
static void errors_counted(const struct unit_snapshot *s)
{
	CU_ASSERT_EQUAL((size_t)s->errors, diag_list_count(&s->diags, SEV_ERROR));
}

static const struct iis_binding *nth_binding(const struct iis_site *site, size_t i)
{
	const struct iis_binding *b = site ? site->bindings : NULL;
	while (b && i--)
		b = b->next;
	CU_ASSERT_PTR_NOT_NULL(b);
	return b;
}

static size_t count_bindings(const struct iis_site *site)
{
	size_t n = 0;
	for (const struct iis_binding *b = site ? site->bindings : NULL; b; b = b->next)
		n++;
	return n;
}

static void check_binding(const struct iis_binding *b, const char *protocol,
			  const char *info, const char *ip, unsigned port, const char *host,
			  unsigned ssl_flags, unsigned line)
{
	if (!b)
		return;
	ASSERT_STR(b->protocol, protocol);
	ASSERT_STR(b->information, info);
	ASSERT_STR(b->ip, ip);
	CU_ASSERT_EQUAL(b->port, port);
	ASSERT_STR(b->host, host);
	CU_ASSERT_EQUAL(b->ssl_flags, ssl_flags);
	CU_ASSERT_EQUAL(b->loc.line, line);
	CU_ASSERT_EQUAL(b->loc.col, 0);
	ASSERT_STR(b->loc.file, "applicationHost.config");
	CU_ASSERT_PTR_NULL(b->httpsys);
}

static void parse_fixture(struct unit_snapshot *s, const char *name)
{
	size_t len = 0;
	char path[256];
	snprintf(path, sizeof(path), FIXTURES "%s", name);
	unsigned char *buf = unit_read_file(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	unit_parse(s, parse_appconfig, "applicationHost.config", buf, len);
	free(buf);
}

/* ---- a whole document ------------------------------------------------- */

static void test_two_sites(void)
{
	struct unit_snapshot s;
	parse_fixture(&s, "two_sites.config");
	no_diags(&s);
	CU_ASSERT_EQUAL(s.m.iis_read, 1);
	CU_ASSERT_EQUAL(s.m.nr_sites, 2);

	const struct iis_site *shop = model_find_site(&s.m, "shop");
	const struct iis_site *api = model_find_site(&s.m, "Api");
	CU_ASSERT_PTR_NOT_NULL_FATAL(shop);
	CU_ASSERT_PTR_NOT_NULL_FATAL(api);
	CU_ASSERT_PTR_EQUAL(s.m.sites, shop);
	CU_ASSERT_PTR_EQUAL(shop->next, api);
	ASSERT_STR(shop->name, "Shop");
	ASSERT_STR(shop->id, "1");
	CU_ASSERT_EQUAL(shop->loc.line, 5);
	ASSERT_STR(shop->loc.path, "/configuration/system.applicationHost/sites/site[1]");
	ASSERT_STR(api->id, "2");
	CU_ASSERT_EQUAL(api->loc.line, 19);
	ASSERT_STR(api->loc.path, "/configuration/system.applicationHost/sites/site[2]");

	/* siteDefaults' binding is not a site's */
	CU_ASSERT_EQUAL(count_bindings(shop), 7);
	CU_ASSERT_EQUAL(count_bindings(api), 1);
	check_binding(nth_binding(shop, 0), "https", "*:443:", "*", 443, "", 0, 10);
	check_binding(nth_binding(shop, 1), "https", "10.0.0.5:443:Shop.Example.ORG",
		      "10.0.0.5", 443, "shop.example.org", 0, 11);
	check_binding(nth_binding(shop, 2), "https", "[::1]:443:", "[::1]", 443, "", 0, 12);
	check_binding(nth_binding(shop, 3), "http", ":5000:localhost", "", 5000, "localhost", 0, 13);
	check_binding(nth_binding(shop, 4), "https", "*:443:www.example.org", "*", 443,
		      "www.example.org", IIS_SSL_SNI, 14);
	check_binding(nth_binding(shop, 5), "https", "*:8443:ccs.example.org", "*", 8443,
		      "ccs.example.org", IIS_SSL_SNI | IIS_SSL_CCS, 15);
	check_binding(nth_binding(shop, 6), "net.tcp", "808:*", "", 0, "", 0, 16);
	check_binding(nth_binding(api, 0), "https", "*:4443:", "*", 4443, "", 0, 21);
	const struct iis_binding *b = nth_binding(shop, 4);
	if (b) {
		CU_ASSERT_PTR_EQUAL(b->site, shop);
		ASSERT_STR(b->loc.path, "/configuration/system.applicationHost/sites/site[1]"
			   "/bindings/binding[5]");
	}
	b = nth_binding(api, 0);
	if (b)
		ASSERT_STR(b->loc.path, "/configuration/system.applicationHost/sites/site[2]"
			   "/bindings/binding");

	/* the accesses as written */
	CU_ASSERT_EQUAL(s.m.global_access.stated, 1);
	CU_ASSERT_EQUAL(s.m.global_access.valid, 1);
	CU_ASSERT_EQUAL(s.m.global_access.flags, ACCESS_SSL);
	ASSERT_STR(s.m.global_access.text, "Ssl");
	CU_ASSERT_EQUAL(s.m.global_access.loc.line, 35);
	ASSERT_STR(s.m.global_access.loc.path,
		   "/configuration/system.webServer/security/access");
	size_t nloc = 0;
	for (const struct iis_location *l = s.m.locations; l; l = l->next)
		nloc++;
	CU_ASSERT_EQUAL(nloc, 2);     /* Api/docs states nothing */

	model_finish(&s.m);
	CU_ASSERT_EQUAL(shop->access.stated, 1);
	CU_ASSERT_EQUAL(shop->access.valid, 1);
	CU_ASSERT_EQUAL(shop->access.flags, ACCESS_SSL | ACCESS_SSL_NEGOTIATE_CERT);
	ASSERT_STR(shop->access.text, "Ssl, SslNegotiateCert");
	CU_ASSERT_EQUAL(shop->access.loc.line, 41);
	ASSERT_STR(shop->access.loc.path, "/configuration/location[1]/system.webServer"
		   "/security/access");
	CU_ASSERT_PTR_NOT_NULL_FATAL(shop->apps);
	ASSERT_STR(shop->apps->path, "Shop/admin");
	CU_ASSERT_EQUAL(shop->apps->access.flags,
			ACCESS_SSL | ACCESS_SSL_REQUIRE_CERT | ACCESS_SSL_NEGOTIATE_CERT);
	CU_ASSERT_EQUAL(shop->apps->access.valid, 1);
	CU_ASSERT_EQUAL(shop->apps->access.loc.line, 46);
	ASSERT_STR(shop->apps->access.text, "ssl,sslrequirecert SslNegotiateCert");
	CU_ASSERT_PTR_NULL(shop->apps->next);

	const struct iis_access *where = NULL;
	CU_ASSERT_EQUAL(site_client_cert_flags(shop, &where),
			ACCESS_SSL_NEGOTIATE_CERT | ACCESS_SSL_REQUIRE_CERT);
	CU_ASSERT_PTR_EQUAL(where, &shop->apps->access);

	/* Api: the global one; its app's <access> without sslFlags is nothing */
	CU_ASSERT_EQUAL(api->access.stated, 1);
	CU_ASSERT_EQUAL(api->access.flags, ACCESS_SSL);
	CU_ASSERT_EQUAL(api->access.loc.line, 35);
	CU_ASSERT_PTR_NULL(api->apps);
	CU_ASSERT_EQUAL(site_client_cert_flags(api, &where), 0);
	CU_ASSERT_PTR_NULL(where);
	unit_snapshot_release(&s);
}

static void test_global_locations(void)
{
	struct unit_snapshot s;
	/* no global <access>: a site's access is not stated */
	parse(&s, "<configuration>\n"
		  "  <system.applicationHost><sites>\n"
		  "    <site name=\"A\" id=\"1\" />\n"
		  "    <site name=\"B\" id=\"2\"><bindings/></site>\n"
		  "  </sites></system.applicationHost>\n"
		  "  <system.webServer><security><access /></security></system.webServer>\n"
		  "  <location path=\"B\"><system.webServer><security>\n"
		  "    <access sslFlags=\"None\" />\n"
		  "  </security></system.webServer></location>\n"
		  "</configuration>\n");
	no_diags(&s);
	CU_ASSERT_EQUAL(s.m.global_access.stated, 0);
	model_finish(&s.m);
	const struct iis_site *a = model_find_site(&s.m, "A"), *b = model_find_site(&s.m, "B");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	ASSERT_STR(a->id, "1");
	CU_ASSERT_EQUAL(a->access.stated, 0);
	CU_ASSERT_EQUAL(b->access.stated, 1);
	CU_ASSERT_EQUAL(b->access.valid, 1);
	CU_ASSERT_EQUAL(b->access.flags, 0);
	CU_ASSERT_EQUAL(b->access.loc.line, 8);
	CU_ASSERT_EQUAL(count_bindings(b), 0);
	CU_ASSERT_EQUAL(site_client_cert_flags(a, NULL), 0);
	unit_snapshot_release(&s);

	/* <location path=""> and path="." are global; the later one wins */
	parse(&s, "<configuration>\n"
		  "  <location path=\"\" overrideMode=\"Allow\"><system.webServer><security>\n"
		  "    <access sslFlags=\"SslRequireCert\" />\n"
		  "  </security></system.webServer></location>\n"
		  "  <system.applicationHost><sites><site name=\"A\" id=\"1\"/></sites>"
		  "</system.applicationHost>\n"
		  "</configuration>\n");
	no_diags(&s);
	CU_ASSERT_EQUAL(s.m.global_access.stated, 1);
	CU_ASSERT_EQUAL(s.m.global_access.flags, ACCESS_SSL_REQUIRE_CERT);
	CU_ASSERT_EQUAL(s.m.global_access.loc.line, 3);
	CU_ASSERT_PTR_NULL(s.m.locations);
	model_finish(&s.m);
	CU_ASSERT_EQUAL(site_client_cert_flags(s.m.sites, NULL), ACCESS_SSL_REQUIRE_CERT);
	unit_snapshot_release(&s);

	/* two global <location>s, with or without a site list after them */
#define TWO_GLOBAL_LOCATIONS \
	"<configuration>\n" \
	"  <location path=\".\"><system.webServer><security>\n" \
	"    <access sslFlags=\"Ssl,SslNegotiateCert\" />\n" \
	"  </security></system.webServer></location>\n" \
	"  <location><system.webServer><security>\n" \
	"    <access sslFlags=\"Ssl128\" />\n" \
	"  </security></system.webServer></location>\n"
	parse(&s, TWO_GLOBAL_LOCATIONS "</configuration>\n");
	/* without the site list (a web.config): a note, and nothing applied */
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	diag_at(&s, SEV_NOTE, "no <system.applicationHost><sites> in this <configuration>", 1,
		"/configuration");
	CU_ASSERT_EQUAL(s.m.iis_read, 0);
	CU_ASSERT_EQUAL(s.m.global_access.stated, 0);
	CU_ASSERT_PTR_NULL(s.m.locations);
	unit_snapshot_release(&s);

	/* the same with a site list: the later global one wins */
	parse(&s, TWO_GLOBAL_LOCATIONS
		  "  <system.applicationHost><sites/></system.applicationHost>\n"
		  "</configuration>\n");
#undef TWO_GLOBAL_LOCATIONS
	no_diags(&s);
	CU_ASSERT_EQUAL(s.m.global_access.flags, ACCESS_SSL128);
	CU_ASSERT_EQUAL(s.m.global_access.loc.line, 6);
	ASSERT_STR(s.m.global_access.loc.path,
		   "/configuration/location[2]/system.webServer/security/access");
	CU_ASSERT_PTR_NULL(s.m.locations);
	unit_snapshot_release(&s);
}

/* ---- bindings and sslFlags -------------------------------------------- */

static void test_binding_forms(void)
{
	struct unit_snapshot s;
	parse(&s, "<configuration><system.applicationHost><sites>\n"
		  "<site name=\"W\" id=\"7\"><bindings>\n"
		  "<binding protocol=\"net.pipe\" bindingInformation=\"*\" />\n"
		  "<binding protocol=\"msmq.formatname\" bindingInformation=\"localhost\" />\n"
		  "<binding protocol=\"net.msmq\" bindingInformation=\"localhost\" />\n"
		  "<binding protocol=\"ftp\" bindingInformation=\"*:21:\" />\n"
		  "<binding protocol=\"https\" bindingInformation=\"[fe80::1%4]:8443:Host\"\n"
		  "sslFlags=\"65\" />\n"
		  "<binding protocol=\"http\" bindingInformation=\"192.168.1.10:65535:a.b\" />\n"
		  "<binding protocol=\"https\" bindingInformation=\"*:443:host:with:colons\" />\n"
		  "</bindings></site>\n"
		  "</sites></system.applicationHost></configuration>\n");
	no_diags(&s);
	const struct iis_site *w = s.m.sites;
	CU_ASSERT_EQUAL(count_bindings(w), 7);
	check_binding(nth_binding(w, 0), "net.pipe", "*", "", 0, "", 0, 3);
	check_binding(nth_binding(w, 1), "msmq.formatname", "localhost", "", 0, "", 0, 4);
	check_binding(nth_binding(w, 2), "net.msmq", "localhost", "", 0, "", 0, 5);
	check_binding(nth_binding(w, 3), "ftp", "*:21:", "*", 21, "", 0, 6);
	check_binding(nth_binding(w, 4), "https", "[fe80::1%4]:8443:Host", "[fe80::1%4]", 8443,
		      "host", IIS_SSL_SNI | IIS_SSL_DISABLE_LEGACY_TLS, 7);
	check_binding(nth_binding(w, 5), "http", "192.168.1.10:65535:a.b", "192.168.1.10", 65535,
		      "a.b", 0, 9);
	check_binding(nth_binding(w, 6), "https", "*:443:host:with:colons", "*", 443,
		      "host:with:colons", 0, 10);
	unit_snapshot_release(&s);
}

static void test_binding_errors(void)
{
	struct unit_snapshot s;
	parse(&s, "<configuration><system.applicationHost><sites>\n"
		  "<site name=\"E\" id=\"1\"><bindings>\n"
		  "<binding protocol=\"https\" bindingInformation=\"*:443\" />\n"
		  "<binding protocol=\"https\" bindingInformation=\"*:0:\" />\n"
		  "<binding protocol=\"https\" bindingInformation=\"*:65536:\" />\n"
		  "<binding protocol=\"http\" bindingInformation=\"*:8o:\" />\n"
		  "<binding protocol=\"https\" bindingInformation=\"[::1:443:\" />\n"
		  "<binding protocol=\"https\" bindingInformation=\"*::\" />\n"
		  "<binding protocol=\"https\" bindingInformation=\"*:+443:\" />\n"
		  "<binding protocol=\"https\" />\n"
		  "<binding bindingInformation=\"*:443:\" />\n"
		  "<binding protocol=\"https\" bindingInformation=\"*:443:a\" sslFlags=\"abc\" />\n"
		  "<binding protocol=\"https\" bindingInformation=\"*:443:b\" sslFlags=\"-1\" />\n"
		  "<binding protocol=\"https\" bindingInformation=\"*:443:c\" sslFlags=\"4294967296\" />\n"
		  "<binding protocol=\"https\" bindingInformation=\"*:443:d\" sslFlags=\"129\" />\n"
		  "<binding protocol=\"https\" bindingInformation=\"*:443:e\" sslFlags=\"\" />\n"
		  "</bindings></site>\n"
		  "<site id=\"2\"><bindings><binding protocol=\"http\" bindingInformation=\"*:80:\"/>"
		  "</bindings></site>\n"
		  "<site name=\"e\" id=\"3\" />\n"
		  "</sites></system.applicationHost></configuration>\n");
	errors_counted(&s);
	CU_ASSERT_EQUAL(s.errors, 15);
	CU_ASSERT_EQUAL(diag_list_count(&s.diags, SEV_WARNING), 1);
	CU_ASSERT_EQUAL(s.diags.nr, 16);
	diag_at(&s, SEV_ERROR, "malformed bindingInformation '*:443': expected 'address:port:host'",
		3, "/configuration/system.applicationHost/sites/site[1]/bindings/binding[1]");
	diag_at(&s, SEV_ERROR, "malformed bindingInformation '*:0:'", 4, NULL);
	diag_at(&s, SEV_ERROR, "malformed bindingInformation '*:65536:'", 5, NULL);
	diag_at(&s, SEV_ERROR, "malformed bindingInformation '*:8o:'", 6, NULL);
	diag_at(&s, SEV_ERROR, "malformed bindingInformation '[::1:443:'", 7, NULL);
	diag_at(&s, SEV_ERROR, "malformed bindingInformation '*::'", 8, NULL);
	diag_at(&s, SEV_ERROR, "malformed bindingInformation '*:+443:'", 9, NULL);
	diag_at(&s, SEV_ERROR, "missing attribute 'bindingInformation' in <binding protocol=\"https\">",
		10, NULL);
	diag_at(&s, SEV_ERROR, "missing attribute 'protocol' in <binding>", 11, NULL);
	diag_at(&s, SEV_ERROR, "malformed sslFlags 'abc': expected a decimal number", 12, NULL);
	diag_at(&s, SEV_ERROR, "malformed sslFlags '-1'", 13, NULL);
	diag_at(&s, SEV_ERROR, "malformed sslFlags '4294967296'", 14, NULL);
	diag_at(&s, SEV_WARNING, "unknown bits 0x80 in sslFlags '129'", 15, NULL);
	diag_at(&s, SEV_ERROR, "malformed sslFlags ''", 16, NULL);
	diag_at(&s, SEV_ERROR, "missing attribute 'name' in <site>", 18,
		"/configuration/system.applicationHost/sites/site[2]");
	diag_at(&s, SEV_ERROR, "duplicate site name 'e'", 19, NULL);

	/* every binding is kept: rules see it, but it joins nothing */
	CU_ASSERT_EQUAL(s.m.nr_sites, 1);
	const struct iis_site *e = s.m.sites;
	CU_ASSERT_EQUAL(count_bindings(e), 14);
	for (size_t i = 0; i < 8; i++) {
		const struct iis_binding *b = nth_binding(e, i);
		if (b) {
			CU_ASSERT_EQUAL(b->port, 0);
			ASSERT_STR(b->ip, "");
			ASSERT_STR(b->host, "");
			CU_ASSERT_EQUAL(b->loc.line, 3 + i);
		}
	}
	check_binding(nth_binding(e, 0), "https", "*:443", "", 0, "", 0, 3);
	check_binding(nth_binding(e, 7), "https", "", "", 0, "", 0, 10);
	check_binding(nth_binding(e, 8), "", "*:443:", "", 0, "", 0, 11);
	check_binding(nth_binding(e, 9), "https", "*:443:a", "*", 443, "a", 0, 12);
	check_binding(nth_binding(e, 10), "https", "*:443:b", "*", 443, "b", 0, 13);
	check_binding(nth_binding(e, 11), "https", "*:443:c", "*", 443, "c", 0, 14);
	check_binding(nth_binding(e, 12), "https", "*:443:d", "*", 443, "d", 129, 15);
	check_binding(nth_binding(e, 13), "https", "*:443:e", "*", 443, "e", 0, 16);
	model_finish(&s.m);
	unit_snapshot_release(&s);
}

static void test_access_flags(void)
{
	struct unit_snapshot s;
	parse(&s, "<configuration>\n"
		  "<system.applicationHost><sites>\n"
		  "<site name=\"A\" id=\"1\"/><site name=\"B\" id=\"2\"/><site name=\"C\" id=\"3\"/>\n"
		  "</sites></system.applicationHost>\n"
		  "<location path=\"A\"><system.webServer><security>\n"
		  "<access sslFlags=\"Ssl, SslRequireCerts\" />\n"
		  "</security></system.webServer></location>\n"
		  "<location path=\"B\"><system.webServer><security>\n"
		  "<access sslFlags=\"96\" />\n"
		  "</security></system.webServer></location>\n"
		  "<location path=\"C\"><system.webServer><security>\n"
		  "<access sslFlags=\"  SSL ,, SSLNEGOTIATECERT\t512 \" />\n"
		  "</security></system.webServer></location>\n"
		  "<location path=\"C/x\"><system.webServer><security>\n"
		  "<access sslFlags=\"Ssl|SslRequireCert\" />\n"
		  "</security></system.webServer></location>\n"
		  "</configuration>\n");
	errors_counted(&s);
	CU_ASSERT_EQUAL(s.errors, 2);
	CU_ASSERT_EQUAL(s.diags.nr, 3);
	diag_at(&s, SEV_ERROR, "unknown flag 'SslRequireCerts' in sslFlags 'Ssl, SslRequireCerts': "
		"expected Ssl, SslNegotiateCert, SslRequireCert, Ssl128 or None", 6,
		"/configuration/location[1]/system.webServer/security/access");
	/* XML normalises the tab in an attribute value to a space */
	diag_at(&s, SEV_WARNING, "unknown bits 0x200 in sslFlags '  SSL ,, SSLNEGOTIATECERT 512 '",
		12, NULL);
	diag_at(&s, SEV_ERROR, "unknown flag 'Ssl|SslRequireCert' in sslFlags 'Ssl|SslRequireCert'",
		15, NULL);
	model_finish(&s.m);
	const struct iis_site *a = model_find_site(&s.m, "A"), *b = model_find_site(&s.m, "B"),
			      *c = model_find_site(&s.m, "C");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(a->access.stated, 1);
	CU_ASSERT_EQUAL(a->access.valid, 0);
	ASSERT_STR(a->access.text, "Ssl, SslRequireCerts");
	CU_ASSERT_EQUAL(site_client_cert_flags(a, NULL), -1);
	CU_ASSERT_EQUAL(b->access.valid, 1);
	CU_ASSERT_EQUAL(b->access.flags, ACCESS_SSL_NEGOTIATE_CERT | ACCESS_SSL_REQUIRE_CERT);
	CU_ASSERT_EQUAL(c->access.valid, 1);
	CU_ASSERT_EQUAL(c->access.flags, ACCESS_SSL | ACCESS_SSL_NEGOTIATE_CERT | 512);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c->apps);
	CU_ASSERT_EQUAL(c->apps->access.valid, 0);
	/* the root negotiates; the app's unreadable flags do not hide that */
	CU_ASSERT_EQUAL(site_client_cert_flags(c, NULL), ACCESS_SSL_NEGOTIATE_CERT);
	unit_snapshot_release(&s);
}

/* A name longer than any lookup buffer is still a name (found by fuzzing). */
static void test_long_site_name(void)
{
	char name[601], upper[601];
	memset(name, 'a', 600);
	name[600] = '\0';
	memset(upper, 'A', 600);
	upper[600] = '\0';
	size_t cap = 2 * sizeof(name) + 512;
	char *doc = xmalloc(cap);
	snprintf(doc, cap, "<configuration><system.applicationHost><sites>\n"
		"<site name=\"%s\" id=\"1\"><bindings>"
		"<binding protocol=\"https\" bindingInformation=\"*:443:\"/></bindings></site>\n"
		"</sites></system.applicationHost>\n"
		"<location path=\"%s\"><system.webServer><security>"
		"<access sslFlags=\"Ssl, SslRequireCert\"/></security></system.webServer></location>\n"
		"</configuration>\n", name, upper);

	struct unit_snapshot s;
	parse(&s, doc);
	free(doc);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(model_check(&s.m, stderr), 0);
	model_finish(&s.m);
	const struct iis_site *site = model_find_site(&s.m, upper);
	CU_ASSERT_PTR_NOT_NULL_FATAL(site);
	CU_ASSERT_EQUAL(site->loc.line, 2);
	CU_ASSERT_EQUAL(site_client_cert_flags(site, NULL), ACCESS_SSL_REQUIRE_CERT);
	unit_snapshot_release(&s);
}

/* ---- encodings and line numbers --------------------------------------- */

static void test_utf16le(void)
{
	struct unit_snapshot s;
	size_t len;
	unsigned char *bytes = unit_utf16le(
		"<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n"
		"<configuration>\r\n"
		"  <system.applicationHost>\r\n"
		"    <sites>\r\n"
		"      <site name=\"Caf\xc3\xa9 \xe2\x82\xac\" id=\"1\">\r\n"
		"        <bindings>\r\n"
		"          <binding protocol=\"https\" bindingInformation=\"*:443:b\xc3\xbc"
		"cher.example\" sslFlags=\"1\" />\r\n"
		"        </bindings>\r\n"
		"      </site>\r\n"
		"    </sites>\r\n"
		"  </system.applicationHost>\r\n"
		"</configuration>\r\n", &len);
	unit_parse(&s, parse_appconfig, "applicationHost.config", bytes, len);
	free(bytes);
	ASSERT_STR(s.text.encoding, "utf-16le");
	CU_ASSERT_EQUAL(detect_kind(&s.text), INPUT_APPCONFIG);
	no_diags(&s);
	CU_ASSERT_EQUAL(s.m.iis_read, 1);
	const struct iis_site *site = s.m.sites;
	CU_ASSERT_PTR_NOT_NULL_FATAL(site);
	ASSERT_STR(site->name, "Caf\xc3\xa9 \xe2\x82\xac");
	CU_ASSERT_EQUAL(site->loc.line, 5);
	check_binding(site->bindings, "https", "*:443:b\xc3\xbc" "cher.example", "*", 443,
		      "b\xc3\xbc" "cher.example", IIS_SSL_SNI, 7);
	unit_snapshot_release(&s);

	/* a declaration naming another encoding: the text is UTF-8 already */
	parse(&s, "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n"
		  "<configuration><system.applicationHost><sites>\n"
		  "<site name=\"K\xc3\xb6ln\" id=\"1\"/>\n"
		  "</sites></system.applicationHost></configuration>\n");
	no_diags(&s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s.m.sites);
	ASSERT_STR(s.m.sites->name, "K\xc3\xb6ln");
	CU_ASSERT_EQUAL(s.m.sites->loc.line, 3);
	unit_snapshot_release(&s);

	/* UTF-8 BOM (stripped by the decoder) */
	parse(&s, "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n"
		  "<system.applicationHost><sites><site name=\"S\" id=\"1\"/></sites>"
		  "</system.applicationHost></configuration>\n");
	no_diags(&s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s.m.sites);
	CU_ASSERT_EQUAL(s.m.sites->loc.line, 3);
	unit_snapshot_release(&s);
}

static void test_big_line_numbers(void)
{
	/* xmlNode.line is 16 bits: lines past 65535 must still be right */
	const size_t blank = 70000;
	const char *head = "<configuration>\n";
	const char *tail = "<system.applicationHost><sites>\n"
			   "<site name=\"Far\" id=\"1\">\n"
			   "<bindings><binding protocol=\"https\" bindingInformation=\"*:443:\"/>"
			   "<binding protocol=\"https\" bindingInformation=\"*:444:\"/>"
			   "</bindings>\n"
			   "</site>\n"
			   "<site name=\"Far2\" id=\"2\"/>"
			   "</sites></system.applicationHost>\n"
			   "<location path=\"Far\"><system.webServer><security><access sslFlags=\"x\"/>"
			   "</security></system.webServer></location>\n"
			   "</configuration>\n";
	size_t n = strlen(head) + blank + strlen(tail);
	char *doc = xmalloc(n + 1);
	size_t o = 0;
	memcpy(doc, head, strlen(head));
	o += strlen(head);
	memset(doc + o, '\n', blank);
	o += blank;
	memcpy(doc + o, tail, strlen(tail) + 1);

	struct unit_snapshot s;
	parse(&s, doc);
	free(doc);
	const uint32_t base = 2 + (uint32_t)blank;   /* the line of "<system.applicationHost>" */
	diag_at(&s, SEV_ERROR, "unknown flag 'x'", base + 5, NULL);
	const struct iis_site *far = model_find_site(&s.m, "Far");
	CU_ASSERT_PTR_NOT_NULL_FATAL(far);
	CU_ASSERT_EQUAL(far->loc.line, base + 1);
	CU_ASSERT_EQUAL(count_bindings(far), 2);
	const struct iis_binding *b1 = nth_binding(far, 0), *b2 = nth_binding(far, 1);
	if (b1 && b2) {
		CU_ASSERT_EQUAL(b1->loc.line, base + 2);
		CU_ASSERT_EQUAL(b2->loc.line, base + 2);
	}
	const struct iis_site *far2 = model_find_site(&s.m, "Far2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(far2);
	CU_ASSERT_EQUAL(far2->loc.line, base + 4);
	unit_snapshot_release(&s);
}

/* ---- refused and broken documents ------------------------------------- */

static void test_malformed(void)
{
	struct unit_snapshot s;
	parse(&s, "<?xml version=\"1.0\"?>\n"
		  "<configuration>\n"
		  "  <system.applicationHost>\n"
		  "    <sites>\n"
		  "      <site name=\"A\" id=\"1\">\n"
		  "    </sites>\n"
		  "  </system.applicationHost>\n"
		  "</configuration>\n");
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	diag_at(&s, SEV_ERROR, "malformed XML: Opening and ending tag mismatch: site line 5 and sites",
		6, NULL);
	if (s.diags.nr) {
		const char *msg = s.diags.items[0]->message;
		CU_ASSERT(msg[strlen(msg) - 1] != '\n');
		CU_ASSERT_PTR_NULL(s.diags.items[0]->loc.path);
	}
	CU_ASSERT_EQUAL(s.m.nr_sites, 0);
	CU_ASSERT_EQUAL(s.m.iis_read, 0);
	unit_snapshot_release(&s);

	/* cut short */
	parse(&s, "<configuration>\n  <system.applicationHost>\n    <sites>\n"
		  "      <site name=\"A\" id=\"1\" ");
	CU_ASSERT_EQUAL(s.errors, 1);
	diag_at(&s, SEV_ERROR, "malformed XML: ", 4, NULL);
	CU_ASSERT_EQUAL(s.m.nr_sites, 0);
	unit_snapshot_release(&s);

	/* attribute without quotes; an undefined entity */
	parse(&s, "<configuration>\n<system.webServer>\n<security>\n<access sslFlags=Ssl/>\n");
	diag_at(&s, SEV_ERROR, "malformed XML: AttValue: \" or ' expected", 4, NULL);
	unit_snapshot_release(&s);
	parse(&s, "<configuration>\n\n<site name=\"&x;\"/>\n</configuration>\n");
	diag_at(&s, SEV_ERROR, "malformed XML: Entity 'x' not defined", 3, NULL);
	CU_ASSERT_EQUAL(s.m.nr_sites, 0);
	unit_snapshot_release(&s);

	/* not XML at all; nothing at all */
	parse(&s, "hello\n");
	CU_ASSERT_EQUAL(s.errors, 1);
	diag_at(&s, SEV_ERROR, "malformed XML: Start tag expected", 1, NULL);
	unit_snapshot_release(&s);
	parse(&s, "");
	CU_ASSERT_EQUAL(s.errors, 1);
	diag_at(&s, SEV_ERROR, "malformed XML: ", 1, NULL);
	unit_snapshot_release(&s);

	/* deeper than libxml2's limit: an error, no crash, nothing read */
	const int depth = 3000;
	char *doc = xmalloc((size_t)depth * 7 + 64);
	size_t o = 0;
	o += (size_t)snprintf(doc, 64, "<configuration>\n");
	for (int i = 0; i < depth; i++) {
		memcpy(doc + o, "<a>", 3);
		o += 3;
	}
	for (int i = 0; i < depth; i++) {
		memcpy(doc + o, "</a>", 4);
		o += 4;
	}
	memcpy(doc + o, "</configuration>\n", sizeof("</configuration>\n"));
	parse(&s, doc);
	free(doc);
	CU_ASSERT_EQUAL(s.errors, 1);
	diag_at(&s, SEV_ERROR, "malformed XML: Excessive depth in document", 2, NULL);
	unit_snapshot_release(&s);
}

static int any_string_has(const struct unit_snapshot *s, const char *needle)
{
	for (size_t i = 0; i < s->diags.nr; i++) {
		const struct diag *d = s->diags.items[i];
		if (strstr(d->message, needle) || (d->loc.path && strstr(d->loc.path, needle)))
			return 1;
	}
	for (const struct iis_site *site = s->m.sites; site; site = site->next) {
		if (strstr(site->name, needle) || (site->id && strstr(site->id, needle)))
			return 1;
		for (const struct iis_binding *b = site->bindings; b; b = b->next)
			if (strstr(b->information, needle) || strstr(b->host, needle))
				return 1;
	}
	if (s->m.global_access.text && strstr(s->m.global_access.text, needle))
		return 1;
	return 0;
}

static void refused(struct unit_snapshot *s, const char *doc, unsigned line)
{
	clock_t start = clock();
	parse(s, doc);
	CU_ASSERT((double)(clock() - start) / CLOCKS_PER_SEC < 2.0);
	CU_ASSERT_EQUAL(s->errors, 1);
	CU_ASSERT_EQUAL(s->diags.nr, 1);
	diag_at(s, SEV_ERROR, "document type declarations are not allowed in applicationHost.config: "
		"entities and external references are refused", line, NULL);
	CU_ASSERT_EQUAL(s->m.nr_sites, 0);
	CU_ASSERT_PTR_NULL(s->m.sites);
	CU_ASSERT_EQUAL(s->m.global_access.stated, 0);
	CU_ASSERT_PTR_NULL(s->m.locations);
	CU_ASSERT_EQUAL(s->m.iis_read, 0);
}

static void test_doctype_billion_laughs(void)
{
	struct unit_snapshot s;
	refused(&s, "<?xml version=\"1.0\"?>\n"
		    "<!DOCTYPE configuration [\n"
		    " <!ENTITY lol \"lol\">\n"
		    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
		    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
		    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
		    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
		    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
		    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
		    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
		    "]>\n"
		    "<configuration><system.applicationHost><sites>\n"
		    "<site name=\"&lol9;\" id=\"1\"><bindings>"
		    "<binding protocol=\"https\" bindingInformation=\"*:443:&lol9;\"/>"
		    "</bindings></site>\n"
		    "</sites></system.applicationHost></configuration>\n", 2);
	CU_ASSERT(!any_string_has(&s, "lollol"));
	unit_snapshot_release(&s);

	/* an internal subset without entities is refused all the same */
	refused(&s, "<!DOCTYPE configuration []>\n<configuration/>\n", 1);
	unit_snapshot_release(&s);
}

/* Three ways to pull in a file: an entity in attributes and text, an external DTD, a parameter entity. */
static void external_entity_doc(char *doc, size_t size, int form, const char *target)
{
	switch (form) {
	case 0:
		snprintf(doc, size,
			 "<?xml version=\"1.0\"?>\n"
			 "<!DOCTYPE configuration [ <!ENTITY x SYSTEM \"file://%s\"> ]>\n"
			 "<configuration><system.applicationHost><sites>\n"
			 "<site name=\"&x;\" id=\"1\"><bindings>"
			 "<binding protocol=\"https\" bindingInformation=\"*:443:&x;\"/></bindings></site>\n"
			 "</sites></system.applicationHost><x>&x;</x></configuration>\n", target);
		break;
	case 1:
		snprintf(doc, size,
			 "<?xml version=\"1.0\"?>\n"
			 "<!DOCTYPE configuration SYSTEM \"file://%s\">\n"
			 "<configuration/>\n", target);
		break;
	default:
		snprintf(doc, size,
			 "<?xml version=\"1.0\"?>\n"
			 "<!DOCTYPE configuration [ <!ENTITY %% p SYSTEM \"file://%s\"> %%p; ]>\n"
			 "<configuration/>\n", target);
		break;
	}
}

static void test_doctype_external_entities(void)
{
	const char *targets[] = { SRCDIR "/" FIXTURES "secret.txt", "/etc/passwd" };
	size_t len = 0;
	unsigned char *secret = unit_read_file(FIXTURES "secret.txt", &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(secret);
	CU_ASSERT(len > strlen(SECRET_MARKER) && !memcmp(secret, SECRET_MARKER, strlen(SECRET_MARKER)));
	free(secret);

	for (size_t t = 0; t < sizeof(targets) / sizeof(*targets); t++) {
		for (int form = 0; form < 3; form++) {
			char doc[2048];
			struct unit_snapshot s;
			external_entity_doc(doc, sizeof(doc), form, targets[t]);
			refused(&s, doc, 2);
			CU_ASSERT(!any_string_has(&s, SECRET_MARKER));
			CU_ASSERT(!any_string_has(&s, "root:"));
			CU_ASSERT(!any_string_has(&s, "/bin/"));
			unit_snapshot_release(&s);
		}
	}
}

static void test_too_large(void)
{
	/* not allocated: the parser must refuse by length before reading */
	struct unit_snapshot s;
	struct text t = { (char *)"<configuration/>", (size_t)INT_MAX + 1, "utf-8", 1 };
	model_init(&s.m);
	diag_list_init(&s.diags);
	s.errors = parse_appconfig(&s.m, model_intern_file(&s.m, "big.config"), &t, &s.diags);
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	if (s.diags.nr)
		CU_ASSERT_PTR_NOT_NULL(strstr(s.diags.items[0]->message, "document too large"));
	CU_ASSERT_EQUAL(s.m.iis_read, 0);
	diag_list_release(&s.diags);
	model_release(&s.m);
}

/* How crowded_doc() writes each extra attribute: sep, "aN", eq, value in quote. */
struct attr_style {
	const char *sep, *eq, *value;
	char quote;
};

/*
 * A one-site document whose binding (on line 6 after `before`) has n
 * attributes: its two own and n - 2 more in style st.  malloc'd.
 */
static char *crowded_doc(size_t n, const char *before, const struct attr_style *st)
{
	const char *head = "<configuration>\n"
			   "<system.applicationHost>\n"
			   "<sites>\n"
			   "<site name=\"A\" id=\"1\">\n"
			   "<bindings>\n"
			   "<binding protocol=\"https\" bindingInformation=\"*:443:a.example\"";
	const char *tail = " />\n</bindings>\n</site>\n</sites>\n</system.applicationHost>\n"
			   "</configuration>\n";
	size_t cap = strlen(head) + strlen(tail) + (before ? strlen(before) : 0) +
		     n * (strlen(st->sep) + strlen(st->eq) + strlen(st->value) + 24) + 1;
	char *doc = xmalloc(cap);
	size_t o = (size_t)snprintf(doc, cap, "%s%s", before ? before : "", head);
	for (size_t i = 2; i < n; i++)
		o += (size_t)snprintf(doc + o, cap - o, "%sa%zu%s%c%s%c", st->sep, i, st->eq,
				      st->quote, st->value, st->quote);
	snprintf(doc + o, cap - o, "%s", tail);
	return doc;
}

/* doc (freed) is refused with one error at line, and nothing is read. */
static void crowded(struct unit_snapshot *s, char *doc, const char *message, unsigned line)
{
	parse(s, doc);
	free(doc);
	CU_ASSERT_EQUAL(s->errors, 1);
	CU_ASSERT_EQUAL(s->diags.nr, 1);
	diag_at(s, SEV_ERROR, message, line, NULL);
	if (s->diags.nr)
		CU_ASSERT_PTR_NULL(s->diags.items[0]->loc.path);
	CU_ASSERT_EQUAL(s->m.nr_sites, 0);
	CU_ASSERT_PTR_NULL(s->m.sites);
	CU_ASSERT_EQUAL(s->m.iis_read, 0);
}

static void test_too_many_attributes(void)
{
	static const struct attr_style plain = { " ", "=", "1", '"' };
	static const struct attr_style odd = { "\n  ", "=", "x>y=z '/>", '"' };
	static const struct attr_style single = { "\t", " = ", "x\" >", '\'' };
	static const struct attr_style lt = { " ", "=", "<a b=\"1\"", '\'' };
	struct unit_snapshot s;

	/* 1,000 are read, with '>', '=', quotes and "/>" in the values */
	char *doc = crowded_doc(1000, NULL, &odd);
	parse(&s, doc);
	free(doc);
	no_diags(&s);
	CU_ASSERT_EQUAL(s.m.iis_read, 1);
	CU_ASSERT_EQUAL(s.m.nr_sites, 1);
	check_binding(nth_binding(s.m.sites, 0), "https", "*:443:a.example", "*", 443,
		      "a.example", 0, 6);
	unit_snapshot_release(&s);

	/* 1,001 and 20,000 are refused at the line of the tag's '<', and nothing is read */
	crowded(&s, crowded_doc(1001, NULL, &plain),
		"element <binding> has 1001 attributes: more than 1000, refused", 6);
	unit_snapshot_release(&s);
	crowded(&s, crowded_doc(20000, NULL, &odd),
		"element <binding> has 20000 attributes: more than 1000, refused", 6);
	unit_snapshot_release(&s);

	/* single quotes, blanks around '=' */
	crowded(&s, crowded_doc(1001, NULL, &single), "element <binding> has 1001 attributes", 6);
	unit_snapshot_release(&s);

	/*
	 * A '<' ends a value (libxml2 stops the tag there with an error) and
	 * starts a tag: here each has one or two attributes, so libxml2 reads
	 * the document and reports it
	 */
	doc = crowded_doc(5000, NULL, &lt);
	parse(&s, doc);
	free(doc);
	CU_ASSERT_EQUAL(s.errors, 1);
	diag_at(&s, SEV_ERROR, "malformed XML: Unescaped '<' not allowed in attributes values", 6, NULL);
	unit_snapshot_release(&s);

	/* after a comment, a processing instruction and CDATA with stray quotes */
	crowded(&s, crowded_doc(5000, "<?xml version=\"1.0\"?>\n<!-- it's \"odd -->\n"
				"<?pi a=\"1\" b='?>\n", &plain),
		"element <binding> has 5000 attributes", 9);
	unit_snapshot_release(&s);

	/*
	 * libxml2 goes on after many errors, so a tag is counted wherever a
	 * '<' stands: after an unclosed value (the '<' ends it), and in a
	 * comment
	 */
	crowded(&s, crowded_doc(1002, "<x v=\"\n", &plain), "element <binding> has 1002 attributes", 7);
	unit_snapshot_release(&s);
	crowded(&s, crowded_doc(3000, "<!-- old:\n", &plain), "element <binding> has 3000 attributes", 7);
	unit_snapshot_release(&s);
}

/* ---- fragments -------------------------------------------------------- */

static void test_fragments(void)
{
	struct unit_snapshot s;
	parse(&s, "<site name=\"Default Web Site\" id=\"1\" serverAutoStart=\"true\">\n"
		  "  <bindings>\n"
		  "    <binding protocol=\"http\" bindingInformation=\"*:80:\" />\n"
		  "    <binding protocol=\"net.tcp\" bindingInformation=\"808:*\" />\n"
		  "  </bindings>\n"
		  "</site>\n");
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	diag_at(&s, SEV_ERROR, "root element '<site>' is not '<configuration>': "
		"this is a fragment of applicationHost.config", 1, "/site");
	CU_ASSERT_EQUAL(s.m.iis_read, 0);
	CU_ASSERT_EQUAL(s.m.nr_sites, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s.m.sites);
	ASSERT_STR(s.m.sites->name, "Default Web Site");
	ASSERT_STR(s.m.sites->loc.path, "/site");
	check_binding(nth_binding(s.m.sites, 0), "http", "*:80:", "*", 80, "", 0, 3);
	check_binding(nth_binding(s.m.sites, 1), "net.tcp", "808:*", "", 0, "", 0, 4);
	unit_snapshot_release(&s);

	parse(&s, "<!-- sites only -->\n<sites>\n<site name=\"A\" id=\"1\"/>\n"
		  "<site name=\"B\" id=\"2\"/>\n</sites>\n");
	CU_ASSERT_EQUAL(s.errors, 1);
	diag_at(&s, SEV_ERROR, "root element '<sites>' is not '<configuration>'", 2, "/sites");
	CU_ASSERT_EQUAL(s.m.nr_sites, 2);
	CU_ASSERT_EQUAL(s.m.iis_read, 0);
	if (s.m.sites)
		ASSERT_STR(s.m.sites->loc.path, "/sites/site[1]");
	unit_snapshot_release(&s);

	parse(&s, "<system.applicationHost><sites><site name=\"A\" id=\"1\"/></sites>"
		  "</system.applicationHost>");
	CU_ASSERT_EQUAL(s.errors, 1);
	diag_at(&s, SEV_ERROR, "root element '<system.applicationHost>' is not '<configuration>'",
		1, NULL);
	CU_ASSERT_EQUAL(s.m.nr_sites, 1);
	unit_snapshot_release(&s);

	/* another root: nothing read */
	parse(&s, "<?xml version=\"1.0\"?>\n<html><site name=\"A\" id=\"1\"/></html>\n");
	CU_ASSERT_EQUAL(s.errors, 1);
	diag_at(&s, SEV_ERROR, "root element '<html>' is not '<configuration>': "
		"this is not an applicationHost.config document", 2, NULL);
	CU_ASSERT_EQUAL(s.m.nr_sites, 0);
	unit_snapshot_release(&s);

	/*
	 * <configuration> without the site list (a web.config) is a note,
	 * not an error, and is not read: the sites stay unknown, not zero
	 */
	parse(&s, "<configuration>\n  <system.webServer>\n    <httpErrors errorMode=\"Detailed\" />\n"
		  "  </system.webServer>\n</configuration>\n");
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	diag_at(&s, SEV_NOTE, "(a web.config, or part of applicationHost.config): not read, "
		"since its settings apply to no site the snapshot knows of", 1, "/configuration");
	CU_ASSERT_EQUAL(s.m.iis_read, 0);
	CU_ASSERT_EQUAL(s.m.nr_sites, 0);
	unit_snapshot_release(&s);
	parse(&s, "<configuration><system.applicationHost/></configuration>");
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	CU_ASSERT_EQUAL(s.m.iis_read, 0);
	unit_snapshot_release(&s);
	/* an empty site list is a site list */
	parse(&s, "<configuration><system.applicationHost><sites/></system.applicationHost>"
		  "</configuration>");
	no_diags(&s);
	CU_ASSERT_EQUAL(s.m.iis_read, 1);
	unit_snapshot_release(&s);
}

/* ---- the real-world corpus ---------------------------------------------- */

static int has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static void parse_corpus_file(struct unit_snapshot *s, const char *name)
{
	char rel[1024];
	size_t len = 0;
	snprintf(rel, sizeof(rel), "../shared/corpus/appconfig/%s", name);
	unsigned char *buf = unit_read_file(rel, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	unit_parse(s, parse_appconfig, name, buf, len);
	free(buf);
}

static void test_corpus_clean(void)
{
	if (!unit_have_shared("../shared/corpus/appconfig"))
		return;
	DIR *dir = opendir(CORPUS_DIR);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	size_t files = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		struct unit_snapshot s;
		parse_corpus_file(&s, e->d_name);
		files++;
		CU_ASSERT_EQUAL(detect_kind(&s.text), INPUT_APPCONFIG);
		errors_counted(&s);
		if (has_prefix(e->d_name, "fragment_gustavoesteves_")) {
			CU_ASSERT_EQUAL(s.errors, 1);
			CU_ASSERT_EQUAL(s.diags.nr, 1);
			if (s.diags.nr) {
				CU_ASSERT_EQUAL(s.diags.items[0]->loc.line, 1);
				CU_ASSERT_STRING_EQUAL(s.diags.items[0]->message,
						       "root element '<site>' is not '<configuration>': "
						       "this is a fragment of applicationHost.config");
			}
			CU_ASSERT_EQUAL(s.m.iis_read, 0);
		} else if (has_prefix(e->d_name, "fragment_amundead_")) {
			/* <configuration><system.webServer> only: a note, sites unknown */
			CU_ASSERT_EQUAL(s.errors, 0);
			CU_ASSERT_EQUAL(s.diags.nr, 1);
			const struct diag *d = one_diag(&s, SEV_NOTE, "no <system.applicationHost><sites>");
			if (d)
				CU_ASSERT_EQUAL(d->loc.line, 2);
			CU_ASSERT_EQUAL(s.m.iis_read, 0);
		} else {
			CU_ASSERT_EQUAL(s.errors, 0);
			CU_ASSERT_EQUAL(s.m.iis_read, 1);
			if (s.diags.nr) {
				fprintf(stderr, "\n%s:\n", e->d_name);
				dump_diags(&s);
			}
			CU_ASSERT_EQUAL(s.diags.nr, 0);
		}
		model_finish(&s.m);
		unit_snapshot_release(&s);
	}
	closedir(dir);
	CU_ASSERT(files >= 20);
}

/* The first corpus file whose name starts with prefix, parsed into s; 0 when none. */
static int parse_corpus_prefix(struct unit_snapshot *s, const char *prefix)
{
	DIR *dir = opendir(CORPUS_DIR);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	struct dirent *e;
	char name[512] = "";
	while ((e = readdir(dir)))
		if (has_prefix(e->d_name, prefix) && (!*name || strcmp(e->d_name, name) < 0))
			snprintf(name, sizeof(name), "%s", e->d_name);
	closedir(dir);
	CU_ASSERT(*name != '\0');
	if (!*name)
		return 0;
	parse_corpus_file(s, name);
	model_finish(&s->m);
	return 1;
}

static const struct iis_binding *find_binding(const struct model *m, const char *protocol,
					      const char *info)
{
	for (const struct iis_site *site = m->sites; site; site = site->next)
		for (const struct iis_binding *b = site->bindings; b; b = b->next)
			if (!strcmp(b->protocol, protocol) && !strcmp(b->information, info))
				return b;
	return NULL;
}

static void test_corpus_values(void)
{
	if (!unit_have_shared("../shared/corpus/appconfig"))
		return;
	struct unit_snapshot s;
	const struct iis_binding *b;

	if (parse_corpus_prefix(&s, "full_dorik84_")) {
		CU_ASSERT_EQUAL(s.m.nr_sites, 2);
		b = find_binding(&s.m, "https", "*:443:mysite.tbd");
		CU_ASSERT_PTR_NOT_NULL(b);
		if (b) {
			ASSERT_STR(b->site->name, "mysite.tbd");
			ASSERT_STR(b->ip, "*");
			CU_ASSERT_EQUAL(b->port, 443);
			ASSERT_STR(b->host, "mysite.tbd");
			CU_ASSERT_EQUAL(b->ssl_flags, 0);
			CU_ASSERT_EQUAL(b->loc.line, 186);
		}
		/* <access sslFlags="None"> in the global system.webServer */
		CU_ASSERT_EQUAL(s.m.global_access.stated, 1);
		CU_ASSERT_EQUAL(s.m.global_access.valid, 1);
		CU_ASSERT_EQUAL(s.m.global_access.flags, 0);
		CU_ASSERT_EQUAL(s.m.global_access.loc.line, 314);
		unit_snapshot_release(&s);
	}
	if (parse_corpus_prefix(&s, "iisexpress_davidastephensonlmtom_")) {
		CU_ASSERT_EQUAL(s.m.global_access.stated, 1);
		CU_ASSERT_EQUAL(s.m.global_access.valid, 1);
		CU_ASSERT_EQUAL(s.m.global_access.flags, ACCESS_SSL | ACCESS_SSL_NEGOTIATE_CERT |
							 ACCESS_SSL_REQUIRE_CERT);
		CU_ASSERT_EQUAL(s.m.global_access.loc.line, 296);
		CU_ASSERT_PTR_NOT_NULL(s.m.sites);
		for (const struct iis_site *site = s.m.sites; site; site = site->next)
			CU_ASSERT_EQUAL(site_client_cert_flags(site, NULL),
					ACCESS_SSL_NEGOTIATE_CERT | ACCESS_SSL_REQUIRE_CERT);
		unit_snapshot_release(&s);
	}
	if (parse_corpus_prefix(&s, "hwc_shirhatti_")) {
		b = find_binding(&s.m, "http", ":5000:localhost");
		CU_ASSERT_PTR_NOT_NULL(b);
		if (b) {
			ASSERT_STR(b->ip, "");
			CU_ASSERT_EQUAL(b->port, 5000);
			ASSERT_STR(b->host, "localhost");
			CU_ASSERT_EQUAL(b->loc.line, 56);
		}
		b = find_binding(&s.m, "http", ":5000:127.0.0.1");
		CU_ASSERT_PTR_NOT_NULL(b);
		if (b)
			ASSERT_STR(b->host, "127.0.0.1");
		unit_snapshot_release(&s);
	}
	if (parse_corpus_prefix(&s, "iisexpress_Waldovdb_")) {
		b = find_binding(&s.m, "https", "*:8081:localhost");
		CU_ASSERT_PTR_NOT_NULL(b);
		if (b) {
			ASSERT_STR(b->ip, "*");
			CU_ASSERT_EQUAL(b->port, 8081);
			ASSERT_STR(b->host, "localhost");
		}
		unit_snapshot_release(&s);
	}
	if (parse_corpus_prefix(&s, "full_mlbakerak_")) {
		/* three <location path="Default Web Site/..."> */
		const struct iis_site *site = model_find_site(&s.m, "Default Web Site");
		CU_ASSERT_PTR_NOT_NULL(site);
		CU_ASSERT_EQUAL(s.m.global_access.loc.line, 308);
		unit_snapshot_release(&s);
	}
	if (parse_corpus_prefix(&s, "fragment_gustavoesteves_")) {
		CU_ASSERT_EQUAL(s.m.nr_sites, 1);
		b = find_binding(&s.m, "net.tcp", "808:*");
		CU_ASSERT_PTR_NOT_NULL(b);
		if (b) {
			CU_ASSERT_EQUAL(b->port, 0);
			CU_ASSERT_EQUAL(b->loc.line, 343);
		}
		unit_snapshot_release(&s);
	}
	if (parse_corpus_prefix(&s, "fragment_karthickvkumar_")) {
		CU_ASSERT_EQUAL(s.m.nr_sites, 1);
		b = find_binding(&s.m, "http", "*:8085:");
		CU_ASSERT_PTR_NOT_NULL(b);
		if (b)
			CU_ASSERT_EQUAL(b->loc.line, 9);
		unit_snapshot_release(&s);
	}
}

void suite_parse_appconfig(void);
void suite_parse_appconfig(void)
{
	ADD_SUITE("parse_appconfig",
		  { "two sites, every binding form, accesses", test_two_sites },
		  { "global and location accesses", test_global_locations },
		  { "bindingInformation of every protocol", test_binding_forms },
		  { "binding and site errors", test_binding_errors },
		  { "access sslFlags", test_access_flags },
		  { "a 600-character site name", test_long_site_name },
		  { "UTF-16LE, other declared encodings, BOM", test_utf16le },
		  { "line numbers past 65535", test_big_line_numbers },
		  { "malformed XML", test_malformed },
		  { "DOCTYPE: billion laughs refused", test_doctype_billion_laughs },
		  { "DOCTYPE: external entities refused", test_doctype_external_entities },
		  { "too large", test_too_large },
		  { "too many attributes in a tag", test_too_many_attributes },
		  { "fragments", test_fragments },
		  { "corpus: no input errors", test_corpus_clean },
		  { "corpus: values and lines", test_corpus_values });
}

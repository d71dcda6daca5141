/*
 * parse_netsh(): the records of every Windows generation, the ways people
 * paste them, every input error with its line, and the real-world corpus
 * in ../shared/corpus/netsh.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "util.h"

#define CORPUS_DIR SRCDIR "/../shared/corpus/netsh"

/* ---- helpers ---------------------------------------------------------- */

static void parse(struct unit_snapshot *s, const char *text)
{
	unit_parse_str(s, parse_netsh, "netsh.txt", text);
}

static const struct binding_view *view(const struct unit_snapshot *s, const char *key)
{
	const struct httpsys_binding *b = model_find_binding(&s->m, key);
	if (!b || !b->netsh) {
		fprintf(stderr, "no netsh binding '%s'\n", key);
		return NULL;
	}
	return b->netsh;
}

/* Whether the field is stated, valid, and holds str (NULL: none). */
static int has_str(const struct binding_view *v, enum bfield_id id, const char *str)
{
	if (!v)
		return 0;
	const struct bfield *f = &v->f[id];
	if (!f->stated || !f->valid)
		return 0;
	if (!str || !f->str)
		return str == f->str;
	return !strcmp(str, f->str);
}

static int has_num(const struct binding_view *v, enum bfield_id id, uint32_t num)
{
	if (!v)
		return 0;
	const struct bfield *f = &v->f[id];
	return f->stated && f->valid && f->num == num;
}

/* Stated but not valid, with this text. */
static int is_invalid(const struct binding_view *v, enum bfield_id id, const char *text)
{
	if (!v)
		return 0;
	const struct bfield *f = &v->f[id];
	return f->stated && !f->valid && !f->str && f->text && !strcmp(f->text, text);
}

static int unstated(const struct binding_view *v, enum bfield_id id)
{
	return v && !v->f[id].stated;
}

/* The diagnostic at exactly (level, line) whose message contains needle. */
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

/* Every input diagnostic is "parse.netsh" at the file, and the return value counts errors. */
static void check_diags(const struct unit_snapshot *s)
{
	for (size_t i = 0; i < s->diags.nr; i++) {
		const struct diag *d = s->diags.items[i];
		CU_ASSERT_STRING_EQUAL(d->rule_id, "parse.netsh");
		CU_ASSERT_PTR_NULL(d->rule_name);
		CU_ASSERT_PTR_NOT_NULL(d->loc.file);
		CU_ASSERT(d->loc.line >= 1);
		CU_ASSERT_PTR_NULL(d->loc.path);
	}
	CU_ASSERT_EQUAL((size_t)s->errors, count(s, SEV_ERROR));
}

static const struct extra_field *extra(const struct binding_view *v, const char *label)
{
	for (const struct extra_field *e = v ? v->extra : NULL; e; e = e->next)
		if (!strcmp(e->label, label))
			return e;
	return NULL;
}

static size_t nr_extras(const struct binding_view *v)
{
	size_t n = 0;
	for (const struct extra_field *e = v ? v->extra : NULL; e; e = e->next)
		n++;
	return n;
}

/* ---- records of each Windows generation -------------------------------- */

#define REC13_BODY \
	"    Certificate Hash             : D0013E91AAB93F437A4443B13E6D18BD60F0279C\n" \
	"    Application ID               : {00112233-4455-6677-8899-AABBCCDDEEFF}\n" \
	"    Certificate Store Name       : (null)\n" \
	"    Verify Client Certificate Revocation : Enabled\n" \
	"    Verify Revocation Using Cached Client Certificate Only : Disabled\n" \
	"    Usage Check                  : Enabled\n" \
	"    Revocation Freshness Time    : 3600\n" \
	"    URL Retrieval Timeout        : 15000\n" \
	"    Ctl Identifier               : (null)\n" \
	"    Ctl Store Name               : ClientAuthIssuer\n" \
	"    DS Mapper Usage              : Disabled\n" \
	"    Negotiate Client Certificate : Enabled\n"

static void test_gen_2008r2(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "\n"
	      "SSL Certificate bindings:\n"
	      "-------------------------\n"
	      "\n"
	      "    IP:port                      : 0.0.0.0:443\n"
	      REC13_BODY
	      "\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 1);
	CU_ASSERT(s.m.origins & ORIGIN_NETSH);

	const struct httpsys_binding *b = model_find_binding(&s.m, "ipport:0.0.0.0:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(b->kind, EP_IPPORT);
	CU_ASSERT_STRING_EQUAL(b->address, "0.0.0.0");
	CU_ASSERT_EQUAL(b->port, 443);
	CU_ASSERT_PTR_NULL(b->reg);
	const struct binding_view *v = b->netsh;
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->origin, ORIGIN_NETSH);
	CU_ASSERT_EQUAL(v->loc.line, 5);
	CU_ASSERT_EQUAL(v->loc.col, 36);
	CU_ASSERT_STRING_EQUAL(v->loc.file, "netsh.txt");

	CU_ASSERT(has_str(v, BF_CERT_HASH, "d0013e91aab93f437a4443b13e6d18bd60f0279c"));
	CU_ASSERT_STRING_EQUAL(v->f[BF_CERT_HASH].text, "D0013E91AAB93F437A4443B13E6D18BD60F0279C");
	CU_ASSERT_EQUAL(v->f[BF_CERT_HASH].loc.line, 6);
	CU_ASSERT_EQUAL(v->f[BF_CERT_HASH].loc.col, 36);
	CU_ASSERT(has_str(v, BF_APPID, "{00112233-4455-6677-8899-aabbccddeeff}"));
	CU_ASSERT(has_str(v, BF_CERT_STORE, NULL));
	CU_ASSERT_STRING_EQUAL(v->f[BF_CERT_STORE].text, "(null)");
	CU_ASSERT(has_num(v, BF_VERIFY_REVOCATION, 1));
	CU_ASSERT(has_num(v, BF_REVOCATION_CACHED_ONLY, 0));
	CU_ASSERT_EQUAL(v->f[BF_REVOCATION_CACHED_ONLY].loc.line, 10);
	CU_ASSERT_EQUAL(v->f[BF_REVOCATION_CACHED_ONLY].loc.col, 62);
	CU_ASSERT(has_num(v, BF_USAGE_CHECK, 1));
	CU_ASSERT(has_num(v, BF_REVOCATION_FRESHNESS, 3600));
	CU_ASSERT(has_num(v, BF_URL_TIMEOUT, 15000));
	CU_ASSERT(has_str(v, BF_CTL_ID, NULL));
	CU_ASSERT(has_str(v, BF_CTL_STORE, "ClientAuthIssuer"));
	CU_ASSERT(has_num(v, BF_DS_MAPPER, 0));
	CU_ASSERT(has_num(v, BF_NEGOTIATE_CLIENT_CERT, 1));
	CU_ASSERT_EQUAL(v->f[BF_NEGOTIATE_CLIENT_CERT].loc.line, 17);
	/* a 2008 R2 record says nothing of the later settings */
	CU_ASSERT(unstated(v, BF_REJECT_CONNECTIONS));
	CU_ASSERT(unstated(v, BF_DISABLE_HTTP2));
	CU_ASSERT(unstated(v, BF_ENABLE_CACHE_CLIENT_HELLO));
	CU_ASSERT_PTR_NULL(v->extra);
	check_diags(&s);
	unit_snapshot_release(&s);
}

static void test_gen_reject_connections(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "SSL Certificate bindings:\n"
	      "-------------------------\n"
	      "\n"
	      "    IP:port                      : 10.1.2.3:8443\n"
	      REC13_BODY
	      "    Reject Connections           : Enabled\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	const struct binding_view *v = view(&s, "ipport:10.1.2.3:8443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT(has_num(v, BF_REJECT_CONNECTIONS, 1));
	CU_ASSERT_EQUAL(v->f[BF_REJECT_CONNECTIONS].loc.line, 17);
	CU_ASSERT(has_num(v, BF_NEGOTIATE_CLIENT_CERT, 1));
	CU_ASSERT(unstated(v, BF_DISABLE_HTTP2));
	unit_snapshot_release(&s);
}

static void test_gen_disable_http2(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "    IP:port                      : 0.0.0.0:443\n"
	      REC13_BODY
	      "    Reject Connections           : Disabled\n"
	      "    Disable HTTP2                : Set\n"
	      "\n"
	      "    IP:port                      : 0.0.0.0:444\n"
	      REC13_BODY
	      "    Reject Connections           : Disabled\n"
	      "    Disable HTTP2                : Not Set\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 2);
	const struct binding_view *a = view(&s, "ipport:0.0.0.0:443");
	const struct binding_view *b = view(&s, "ipport:0.0.0.0:444");
	CU_ASSERT(has_num(a, BF_REJECT_CONNECTIONS, 0));
	CU_ASSERT(has_num(a, BF_DISABLE_HTTP2, 1));
	CU_ASSERT(has_num(b, BF_DISABLE_HTTP2, 0));
	CU_ASSERT(b && b->f[BF_DISABLE_HTTP2].text &&
		  !strcmp(b->f[BF_DISABLE_HTTP2].text, "Not Set"));
	CU_ASSERT(b && b->f[BF_DISABLE_HTTP2].loc.line == 31);
	unit_snapshot_release(&s);
}

static void test_gen_newest(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "SSL Certificate bindings:\n"
	      "-------------------------\n"
	      "\n"
	      "    Hostname:port                : WWW.Example.ORG:443\n"
	      REC13_BODY
	      "    Reject Connections           : Disabled\n"
	      "    Disable HTTP2                : Not Set\n"
	      "    Disable QUIC                 : Set\n"
	      "    Disable TLS1.2               : Not Set\n"
	      "    Disable TLS1.3               : Set\n"
	      "    Disable OCSP Stapling        : Set\n"
	      "    Enable Token Binding         : Not Set\n"
	      "    Log Extended Events          : Set\n"
	      "    Disable Legacy TLS Versions  : Set\n"
	      "    Enable Session Ticket        : Not Set\n"
	      "    Disable Session ID           : Set\n"
	      "    Enable Caching Client Hello  : Set\n"
	      " Extended Properties:\n"
	      "    PropertyId                   : 0\n"
	      "    Receive Window               : 1048576\n"
	      " Extended Properties:\n"
	      "    PropertyId                   : 1\n"
	      "    Max Settings Per Frame       : 2796202\n"
	      "    Max Settings Per Minute      : 4294967295\n"
	      " Extended Properties:\n"
	      "    PropertyId                   : 2\n"
	      "\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.errors, 0);
	const struct httpsys_binding *b = model_find_binding(&s.m, "hostnameport:www.example.org:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(b->kind, EP_HOSTNAMEPORT);
	CU_ASSERT_STRING_EQUAL(b->address, "www.example.org");
	const struct binding_view *v = b->netsh;
	CU_ASSERT(has_num(v, BF_REJECT_CONNECTIONS, 0));
	CU_ASSERT(has_num(v, BF_DISABLE_HTTP2, 0));
	CU_ASSERT(has_num(v, BF_DISABLE_QUIC, 1));
	CU_ASSERT(has_num(v, BF_DISABLE_TLS12, 0));
	CU_ASSERT(has_num(v, BF_DISABLE_TLS13, 1));
	CU_ASSERT(has_num(v, BF_DISABLE_OCSP_STAPLING, 1));
	CU_ASSERT(has_num(v, BF_ENABLE_TOKEN_BINDING, 0));
	CU_ASSERT(has_num(v, BF_LOG_EXTENDED_EVENTS, 1));
	CU_ASSERT(has_num(v, BF_DISABLE_LEGACY_TLS, 1));
	CU_ASSERT(has_num(v, BF_ENABLE_SESSION_TICKET, 0));
	CU_ASSERT(has_num(v, BF_DISABLE_SESSION_ID, 1));
	CU_ASSERT(has_num(v, BF_ENABLE_CACHE_CLIENT_HELLO, 1));
	CU_ASSERT_EQUAL(v->f[BF_ENABLE_CACHE_CLIENT_HELLO].loc.line, 28);

	/* extended properties are extras, labelled by their PropertyId, in order */
	CU_ASSERT_EQUAL(nr_extras(v), 6);
	const struct extra_field *e = extra(v, "Extended Properties[0] Receive Window");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_STRING_EQUAL(e->value, "1048576");
	CU_ASSERT_EQUAL(e->loc.line, 31);
	e = extra(v, "Extended Properties[1] Max Settings Per Minute");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_STRING_EQUAL(e->value, "4294967295");
	CU_ASSERT_PTR_NOT_NULL(extra(v, "Extended Properties[1] Max Settings Per Frame"));
	CU_ASSERT_PTR_NOT_NULL(extra(v, "Extended Properties[2] PropertyId"));
	CU_ASSERT_STRING_EQUAL(v->extra->label, "Extended Properties[0] PropertyId");
	unit_snapshot_release(&s);
}

/* ---- endpoints ---------------------------------------------------------- */

static void test_keys(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "    IP:port                      : [::]:443\n"
	      "    Certificate Hash             : 2d125f4d735def823178e8f17e6579d04fb97b7a\n"
	      "\n"
	      "    IP:port                      : [fe80::1]:8443\n"
	      "    Certificate Hash             : 2d125f4d735def823178e8f17e6579d04fb97b7b\n"
	      "\n"
	      "    Hostname:port                : sts.margiestravel.com:49443\n"
	      "    Certificate Hash             : 2d125f4d735def823178e8f17e6579d04fb97b7c\n"
	      "\n"
	      "    Central Certificate Store    : 443\n"
	      "    Certificate Hash             : 2d125f4d735def823178e8f17e6579d04fb97b7d\n"
	      "\n"
	      "    ip:PORT : 127.0.0.1:80\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 5);
	CU_ASSERT(has_str(view(&s, "ipport:[::]:443"), BF_CERT_HASH,
			  "2d125f4d735def823178e8f17e6579d04fb97b7a"));
	CU_ASSERT(has_str(view(&s, "ipport:[fe80::1]:8443"), BF_CERT_HASH,
			  "2d125f4d735def823178e8f17e6579d04fb97b7b"));
	CU_ASSERT(has_str(view(&s, "hostnameport:sts.margiestravel.com:49443"), BF_CERT_HASH,
			  "2d125f4d735def823178e8f17e6579d04fb97b7c"));
	const struct httpsys_binding *ccs = model_find_binding(&s.m, "ccs:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ccs);
	CU_ASSERT_EQUAL(ccs->kind, EP_CCS);
	CU_ASSERT_EQUAL(ccs->port, 443);
	CU_ASSERT(has_str(ccs->netsh, BF_CERT_HASH, "2d125f4d735def823178e8f17e6579d04fb97b7d"));
	CU_ASSERT_PTR_NOT_NULL(view(&s, "ipport:127.0.0.1:80"));
	/* bindings keep the order of the records */
	CU_ASSERT_STRING_EQUAL(s.m.bindings->key, "ipport:[::]:443");
	unit_snapshot_release(&s);
}

/* ---- how people paste it ------------------------------------------------ */

static void test_several_records_and_concatenated_outputs(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "C:\\Windows\\system32>netsh http show sslcert\n"
	      "\n"
	      "SSL Certificate bindings:\n"
	      "-------------------------\n"
	      "\n"
	      "    IP:port                      : 0.0.0.0:443\n"
	      "    Certificate Hash             : 1111111111111111111111111111111111111111\n"
	      "    Ctl Store Name               : (null)\n"
	      "\n"
	      "    IP:port                      : 0.0.0.0:444\n"
	      "    Certificate Hash             : 2222222222222222222222222222222222222222\n"
	      "\n"
	      "\n"
	      "PS C:\\Users\\admin> netsh http show sslcert hostnameport=a.example:443\n"
	      "\n"
	      "SSL Certificate bindings:\n"
	      "-------------------------\n"
	      "\n"
	      "    Hostname:port                : a.example:443\n"
	      "    Certificate Hash             : 3333333333333333333333333333333333333333\n"
	      "    Ctl Store Name               : ClientAuthIssuer\n"
	      "netsh http show ssl\n"
	      "The system cannot find the file specified.\n"
	      "\n"
	      "$ netsh http show sslcert ccs=443\n"
	      "SSL Certificate bindings:\n"
	      "-------------------------\n"
	      "    Central Certificate Store    : 443\n"
	      "    Certificate Hash             : 4444444444444444444444444444444444444444\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 4);
	CU_ASSERT(has_str(view(&s, "ipport:0.0.0.0:443"), BF_CERT_HASH,
			  "1111111111111111111111111111111111111111"));
	CU_ASSERT(has_str(view(&s, "ipport:0.0.0.0:443"), BF_CTL_STORE, NULL));
	CU_ASSERT(has_str(view(&s, "ipport:0.0.0.0:444"), BF_CERT_HASH,
			  "2222222222222222222222222222222222222222"));
	CU_ASSERT(unstated(view(&s, "ipport:0.0.0.0:444"), BF_CTL_STORE));
	CU_ASSERT(has_str(view(&s, "hostnameport:a.example:443"), BF_CTL_STORE,
			  "ClientAuthIssuer"));
	CU_ASSERT(has_str(view(&s, "ccs:443"), BF_CERT_HASH,
			  "4444444444444444444444444444444444444444"));
	unit_snapshot_release(&s);
}

static void test_unindented_irregular_padding(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "Hostname:port               : localhost:443   \n"
	      "Certificate Hash : 47b90e1e818ba8cf431d404fff232f1ba17bf078\n"
	      "\n"
	      "Application ID: {5d89a20c-beab-4389-9447-324788eb944a}\n"
	      "Certificate Store Name\t\t: MY\n"
	      "\tUsage Check     :    Enabled  \n"
	      "          Revocation Freshness Time   : 0\n"
	      "\n"
	      "\n"
	      "ctl store name : AdfsTrustedDevices\n"
	      "Negotiate Client Certificate :enabled\n"
	      "Disable HTTP2 : not  set\n"
	      "URL Retrieval Timeout        :\n"
	      "DS Mapper Usage:Enabled\n"
	      "Reject Connections:   Disabled\n");
	CU_ASSERT_EQUAL(s.m.nr_bindings, 1);
	const struct binding_view *v = view(&s, "hostnameport:localhost:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT(has_str(v, BF_CERT_HASH, "47b90e1e818ba8cf431d404fff232f1ba17bf078"));
	CU_ASSERT(has_str(v, BF_APPID, "{5d89a20c-beab-4389-9447-324788eb944a}"));
	CU_ASSERT(has_str(v, BF_CERT_STORE, "MY"));
	CU_ASSERT(has_num(v, BF_USAGE_CHECK, 1));
	CU_ASSERT_EQUAL(v->f[BF_USAGE_CHECK].loc.line, 6);
	CU_ASSERT_EQUAL(v->f[BF_USAGE_CHECK].loc.col, 23);
	CU_ASSERT(has_num(v, BF_REVOCATION_FRESHNESS, 0));
	CU_ASSERT(has_str(v, BF_CTL_STORE, "AdfsTrustedDevices"));
	CU_ASSERT(has_num(v, BF_NEGOTIATE_CLIENT_CERT, 1));
	CU_ASSERT(has_num(v, BF_DISABLE_HTTP2, 0));
	CU_ASSERT(has_num(v, BF_DS_MAPPER, 1));
	CU_ASSERT(has_num(v, BF_REJECT_CONNECTIONS, 0));
	/* an empty number is malformed */
	CU_ASSERT(is_invalid(v, BF_URL_TIMEOUT, ""));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 13,
				       "malformed value '' for 'URL Retrieval Timeout'"));
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	check_diags(&s);
	unit_snapshot_release(&s);
}

static void test_backtick_wrapped(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "```\n"
	      "`C:\\certs>``netsh http show sslcert ipport=0.0.0.0:7048`\n"
	      "\n"
	      "`SSL Certificate bindings:`\n"
	      "`-------------------------`\n"
	      "\n"
	      "`    IP:port                      : 0.0.0.0:7048`\n"
	      "`    Certificate Hash             : 2f74ed7ce04e3315c2a634c9dfb83278132fb51e`\n"
	      "`    Certificate Store Name       : (null)`\n"
	      "`    Disable HTTP2                : Not Set`\n"
	      "` Extended Properties:`\n"
	      "`    PropertyId                   : 0`\n"
	      "`    Receive Window               : 1048576`\n"
	      "```\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:7048");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT(has_str(v, BF_CERT_HASH, "2f74ed7ce04e3315c2a634c9dfb83278132fb51e"));
	CU_ASSERT_EQUAL(v->f[BF_CERT_HASH].loc.col, 37);
	CU_ASSERT(has_str(v, BF_CERT_STORE, NULL));
	CU_ASSERT(has_num(v, BF_DISABLE_HTTP2, 0));
	const struct extra_field *e = extra(v, "Extended Properties[0] Receive Window");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_STRING_EQUAL(e->value, "1048576");
	unit_snapshot_release(&s);
}

static const char utf16_sample[] =
	"SSL Certificate bindings:\r\n"
	"-------------------------\r\n"
	"\r\n"
	"    IP:port                      : 0.0.0.0:443\r\n"
	"    Certificate Hash             : 5226dc6c54559761cd471b86eb51c096252c90f2\r\n"
	"    Certificate Store Name       : My\r\n"
	"    Ctl Store Name               : Zertifikatsspeicher\xC3\xA4\r\n"
	"    Disable HTTP2                : Set\r\n"
	"    Revocation Freshness Time    : oops\r\n";

static void check_utf16_sample(struct unit_snapshot *s)
{
	const struct binding_view *v = view(s, "ipport:0.0.0.0:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT(has_str(v, BF_CERT_HASH, "5226dc6c54559761cd471b86eb51c096252c90f2"));
	CU_ASSERT(has_str(v, BF_CERT_STORE, "My"));
	CU_ASSERT(has_str(v, BF_CTL_STORE, "Zertifikatsspeicher\xC3\xA4"));
	CU_ASSERT(has_num(v, BF_DISABLE_HTTP2, 1));
	CU_ASSERT_EQUAL(v->f[BF_DISABLE_HTTP2].loc.line, 8);
	/* no '\r' left in any value, and the line numbers are the file's */
	CU_ASSERT(is_invalid(v, BF_REVOCATION_FRESHNESS, "oops"));
	CU_ASSERT_EQUAL(s->errors, 1);
	const struct diag *d = diag_at(s, SEV_ERROR, 9,
				       "malformed value 'oops' for 'Revocation Freshness Time': expected a number");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 36);
}

static void test_utf16le_bom(void)
{
	struct unit_snapshot s;
	size_t len;
	unsigned char *bytes = unit_utf16le(utf16_sample, &len);
	unit_parse(&s, parse_netsh, "netsh-utf16.txt", bytes, len);
	CU_ASSERT_STRING_EQUAL(s.text.encoding, "utf-16le");
	check_utf16_sample(&s);
	unit_snapshot_release(&s);
	free(bytes);
}

static void test_crlf(void)
{
	struct unit_snapshot s;
	parse(&s, utf16_sample);
	check_utf16_sample(&s);
	unit_snapshot_release(&s);
}

static void test_noise_is_silent(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "Here is what the server shows (see below):\n"
	      "Some text: with a colon in it\n"
	      "RESULTS:\n"
	      "========================================\n"
	      "             Example of output:\n"
	      "             -----------------\n"
	      "    IP:port                      : 0.0.0.0:443\n"
	      "...\n"
	      "    Certificate Hash             : d0013e91aab93f437a4443b13e6d18bd60f0279c\n"
	      "[...]\n"
	      "\xE2\x80\xA6\n"
	      "-----\n"
	      "RESULTS:\n"
	      "    Usage Check                  : Enabled\n"
	      "```text\n"
	      "```\n"
	      "   \t  \n"
	      "PS> netsh http show sslcert\n"
	      "> netsh http show sslcert\n"
	      "The system cannot find the file specified.\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT(has_str(v, BF_CERT_HASH, "d0013e91aab93f437a4443b13e6d18bd60f0279c"));
	CU_ASSERT(has_num(v, BF_USAGE_CHECK, 1));
	unit_snapshot_release(&s);
}

static void test_quoted_and_commented(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "> C:\\>netsh http show sslcert\n"
	      "> \n"
	      ">     IP:port                      : 0.0.0.0:443\n"
	      ">     Certificate Hash             : d0013e91aab93f437a4443b13e6d18bd60f0279c\n"
	      ">> Usage Check                  : Disabled\n"
	      "\n"
	      "#    Hostname:port                : a.example:443\n"
	      "#    Ctl Store Name               : ClientAuthIssuer\n"
	      "//   Central Certificate Store    : 443\n"
	      "//   DS Mapper Usage              : Enabled\n"
	      "#\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 3);
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT(has_str(v, BF_CERT_HASH, "d0013e91aab93f437a4443b13e6d18bd60f0279c"));
	CU_ASSERT(has_num(v, BF_USAGE_CHECK, 0));
	CU_ASSERT(has_str(view(&s, "hostnameport:a.example:443"), BF_CTL_STORE, "ClientAuthIssuer"));
	CU_ASSERT(has_num(view(&s, "ccs:443"), BF_DS_MAPPER, 1));
	unit_snapshot_release(&s);
}

static void test_empty_query(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "C:\\>netsh http show sslcert ipport=0.0.0.0:443\n"
	      "\n"
	      "The system cannot find the file specified.\n"
	      "\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 0);
	CU_ASSERT(s.m.origins & ORIGIN_NETSH);
	unit_snapshot_release(&s);

	parse(&s, "");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 0);
	CU_ASSERT(s.m.origins & ORIGIN_NETSH);
	unit_snapshot_release(&s);
}

/* ---- values ------------------------------------------------------------- */

static void test_placeholders_are_notes(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "    IP:port                      : <ip:port>\n"
	      "    Certificate Hash             : <hash>\n"
	      "    Extended Properties:\n"
	      "    PropertyId                   : 0\n"
	      "\n"
	      "    IP:port                      : 0.0.0.0:443\n"
	      "    Certificate Hash             : <hash>\n"
	      "    Application ID               : {<guid>}\n"
	      "    Certificate Store Name       : <store-name>\n"
	      "    Revocation Freshness Time    : <seconds>\n"
	      "    Usage Check                  : <Enabled|Disabled>\n"
	      "    Ctl Identifier               : ...\n"
	      "\n"
	      "Hostname:port : www.example.org:443\n"
	      "Certificate Hash : <\xE6\x97\xA2\xE5\xAD\x98\xE3\x81\xAE\xE8\xA8\xBC\xE6\x98\x8E\xE6\x9B\xB8\xE3\x81\xAE\xE6\x8B\x87\xE5\x8D\xB0>\n"
	      "Application ID : {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}\n"
	      "Ctl Store Name : <CTL-STORE>\n"
	      "\n"
	      "Hostname:port : xxxx:443\n"
	      "Hostname:port : <server>:443\n"
	      "IP:port : 0.0.0.0:<port>\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(count(&s, SEV_ERROR), 0);
	CU_ASSERT_EQUAL(count(&s, SEV_WARNING), 0);
	/* no binding for the placeholder key, nor for the record it heads */
	CU_ASSERT_EQUAL(s.m.nr_bindings, 2);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 1,
				       "placeholder value '<ip:port>' for 'IP:port'"));
	CU_ASSERT_PTR_NULL(diag_at(&s, SEV_NOTE, 2, NULL));

	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT(is_invalid(v, BF_CERT_HASH, "<hash>"));
	CU_ASSERT(is_invalid(v, BF_APPID, "{<guid>}"));
	CU_ASSERT(is_invalid(v, BF_CERT_STORE, "<store-name>"));
	CU_ASSERT(is_invalid(v, BF_REVOCATION_FRESHNESS, "<seconds>"));
	CU_ASSERT(is_invalid(v, BF_USAGE_CHECK, "<Enabled|Disabled>"));
	CU_ASSERT(is_invalid(v, BF_CTL_ID, "..."));
	const struct diag *d = diag_at(&s, SEV_NOTE, 7,
				       "placeholder value '<hash>' for 'Certificate Hash'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 36);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 8, "'{<guid>}' for 'Application ID'"));

	v = view(&s, "hostnameport:www.example.org:443");
	CU_ASSERT(v && !v->f[BF_CERT_HASH].valid && v->f[BF_CERT_HASH].stated);
	CU_ASSERT(is_invalid(v, BF_APPID, "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}"));
	CU_ASSERT(is_invalid(v, BF_CTL_STORE, "<CTL-STORE>"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 15, "placeholder value '<\xE6\x97\xA2"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 19, "placeholder value 'xxxx:443'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 20, "placeholder value '<server>:443'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 21, "placeholder value '0.0.0.0:<port>'"));
	check_diags(&s);
	unit_snapshot_release(&s);
}

static void test_annotations(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "Hostname:port               : sts.test.com:49443 \xE2\x98\x85<<< port 49443\n"
	      "Certificate Hash             : 47b90e1e818ba8cf431d404fff232f1ba17bf078 \xE2\x98\x85 <<< SSL\n"
	      "Application ID               : {5d89a20c-beab-4389-9447-324788eb944a} \xE2\x98\x85 <<< AD FS\n"
	      "Certificate Store Name       : MY <<< the personal store\n"
	      "Ctl Identifier               : (null) see below\n"
	      "Ctl Store Name               : (null) \xE2\x98\x85<<< \xE6\x97\xA2\xE5\xAE\x9A null\n"
	      "Usage Check                  : Enabled   <-- on\n"
	      "Disable HTTP2                : Not Set \xE2\x98\x85\n"
	      "Revocation Freshness Time    : 0 (seconds)\n"
	      "Negotiate Client Certificate : Enabled\n"
	      "\n"
	      "Hostname:port               : other.test.com:443\n"
	      "Ctl Store Name               : My Store Name\n"
	      "Ctl Identifier               : adfsclient \xE2\x98\x85<<< x\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(count(&s, SEV_ERROR), 0);
	const struct binding_view *v = view(&s, "hostnameport:sts.test.com:49443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT(has_str(v, BF_CERT_HASH, "47b90e1e818ba8cf431d404fff232f1ba17bf078"));
	CU_ASSERT_STRING_EQUAL(v->f[BF_CERT_HASH].text, "47b90e1e818ba8cf431d404fff232f1ba17bf078");
	CU_ASSERT(has_str(v, BF_APPID, "{5d89a20c-beab-4389-9447-324788eb944a}"));
	CU_ASSERT(has_str(v, BF_CERT_STORE, "MY"));
	CU_ASSERT(has_str(v, BF_CTL_ID, NULL));
	CU_ASSERT(has_str(v, BF_CTL_STORE, NULL));
	CU_ASSERT(has_num(v, BF_USAGE_CHECK, 1));
	CU_ASSERT(has_num(v, BF_DISABLE_HTTP2, 0));
	CU_ASSERT_STRING_EQUAL(v->f[BF_DISABLE_HTTP2].text, "Not Set");
	CU_ASSERT(has_num(v, BF_REVOCATION_FRESHNESS, 0));
	CU_ASSERT(has_num(v, BF_NEGOTIATE_CLIENT_CERT, 1));
	const struct diag *d = diag_at(&s, SEV_NOTE, 2, "after the value of 'Certificate Hash' ignored");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 73);

	/* a name with ASCII words after it is a name with spaces */
	v = view(&s, "hostnameport:other.test.com:443");
	CU_ASSERT(has_str(v, BF_CTL_STORE, "My Store Name"));
	CU_ASSERT(has_str(v, BF_CTL_ID, "adfsclient"));
	check_diags(&s);
	unit_snapshot_release(&s);
}

static void test_truncated_boolean(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "    Hostname:port                : sts.margiestravel.com:49443\n"
	      "    Verify Client Certificate Revocation : Enabled\n"
	      "    DS Mapper Usage              : Disa\n"
	      "    Disable HTTP2                : Not S\n"
	      "    Usage Check                  : Enable");
	CU_ASSERT_EQUAL(s.errors, 0);
	const struct binding_view *v = view(&s, "hostnameport:sts.margiestravel.com:49443");
	CU_ASSERT(has_num(v, BF_USAGE_CHECK, 1));
	CU_ASSERT_STRING_EQUAL(v->f[BF_USAGE_CHECK].text, "Enable");
	CU_ASSERT(has_num(v, BF_DS_MAPPER, 0));
	CU_ASSERT(has_num(v, BF_DISABLE_HTTP2, 0));
	const struct diag *d = diag_at(&s, SEV_NOTE, 5, "'Enable' for 'Usage Check' read as 'Enabled'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 36);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 3, "read as 'Disabled'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 4, "read as 'Not Set'"));
	CU_ASSERT_EQUAL(s.diags.nr, 3);
	unit_snapshot_release(&s);
}

static void test_hash_forms(void)
{
	struct unit_snapshot s;
	/* spaces between the digits (certificate dialog) and a U+200E mark */
	parse(&s,
	      "IP:port : 0.0.0.0:443\n"
	      "Certificate Hash : \xE2\x80\x8E" "d0 01 3e 91 aa b9 3f 43 7a 44 43 b1 3e 6d 18 bd 60 f0 27 9c\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT(has_str(view(&s, "ipport:0.0.0.0:443"), BF_CERT_HASH,
			  "d0013e91aab93f437a4443b13e6d18bd60f0279c"));
	unit_snapshot_release(&s);
}

static void test_ccs_null_hash(void)
{
	/* a Central Certificate Store binding names no certificate: netsh prints (null) */
	struct unit_snapshot s;
	parse(&s,
	      "    Central Certificate Store    : 443\n"
	      "    Certificate Hash             : (null)\n"
	      "    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\n"
	      "    Certificate Store Name       : (null)\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	const struct httpsys_binding *ccs = model_find_binding(&s.m, "ccs:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ccs);
	const struct bfield *h = &ccs->netsh->f[BF_CERT_HASH];
	CU_ASSERT_TRUE(h->stated);
	CU_ASSERT_TRUE(h->valid);
	CU_ASSERT_PTR_NULL(h->str);
	CU_ASSERT_STRING_EQUAL(h->text, "(null)");
	unit_snapshot_release(&s);
}

/* ---- errors and recovery -------------------------------------------------- */

static void test_malformed_values(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "SSL Certificate bindings:\n"
	      "-------------------------\n"
	      "\n"
	      "    IP:port                      : 0.0.0.0:443\n"
	      "    Certificate Hash             : d0013e91aab93f437a4443b13e6d18bd60f0279\n"
	      "    Application ID               : {00112233-4455-6677-8899-aabbccddeeZZ}\n"
	      "    Certificate Store Name       : MY\n"
	      "    Verify Client Certificate Revocation : Maybe\n"
	      "    Revocation Freshness Time    : 12x\n"
	      "    URL Retrieval Timeout        : 4294967296\n"
	      "    Usage Check                  : E\n"
	      "    Negotiate Client Certificate : Enabled\n"
	      "\n"
	      "    IP:port                      : 0.0.0.0:444\n"
	      "    Certificate Hash             : d0013e91aab93f437a4443b13e6d18bd60f0279c\n");
	CU_ASSERT_EQUAL(s.errors, 6);
	CU_ASSERT_EQUAL(count(&s, SEV_ERROR), 6);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 2);
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);

	const struct diag *d = diag_at(&s, SEV_ERROR, 5,
		"malformed value 'd0013e91aab93f437a4443b13e6d18bd60f0279' for 'Certificate Hash': expected 40 hex digits");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 36);
	CU_ASSERT_PTR_EQUAL(d->loc.file, v->loc.file);
	CU_ASSERT(is_invalid(v, BF_CERT_HASH, "d0013e91aab93f437a4443b13e6d18bd60f0279"));
	CU_ASSERT_EQUAL(v->f[BF_CERT_HASH].loc.line, 5);

	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 6, "for 'Application ID': expected a GUID"));
	CU_ASSERT(is_invalid(v, BF_APPID, "{00112233-4455-6677-8899-aabbccddeeZZ}"));
	CU_ASSERT(has_str(v, BF_CERT_STORE, "MY"));

	d = diag_at(&s, SEV_ERROR, 8,
		    "malformed value 'Maybe' for 'Verify Client Certificate Revocation': "
		    "expected 'Enabled', 'Disabled', 'Set' or 'Not Set'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 44);
	CU_ASSERT(is_invalid(v, BF_VERIFY_REVOCATION, "Maybe"));

	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 9,
				       "malformed value '12x' for 'Revocation Freshness Time'"));
	CU_ASSERT(is_invalid(v, BF_REVOCATION_FRESHNESS, "12x"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 10, "'4294967296' for 'URL Retrieval Timeout'"));
	/* one letter is too short to be read as a truncated word */
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 11, "malformed value 'E' for 'Usage Check'"));
	/* the rest of the record is still read */
	CU_ASSERT(has_num(v, BF_NEGOTIATE_CLIENT_CERT, 1));
	CU_ASSERT(has_str(view(&s, "ipport:0.0.0.0:444"), BF_CERT_HASH,
			  "d0013e91aab93f437a4443b13e6d18bd60f0279c"));
	check_diags(&s);
	unit_snapshot_release(&s);
}

static void test_bad_lines(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "    IP:port                      : 0.0.0.0:443\n"
	      "    Certificate Hash             : d0013e91aab93f437a4443b13e6d18bd60f0279c\n"
	      "    this line is not a field\n"
	      "    Usage Check                  : Enabled\n"
	      "    and neither is this one\n"
	      "    IP:port                      : 0.0.0.0:444\n"
	      "    Usage Check                  : Disabled\n"
	      "trailing text after the records\n");
	CU_ASSERT_EQUAL(s.errors, 3);
	const struct diag *d = diag_at(&s, SEV_ERROR, 3,
				       "expected 'Label : value', found 'this line is not a field'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 5);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 5, "expected 'Label : value'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 8, "expected 'Label : value'"));
	/* the record goes on after a bad line, and the next one is read */
	CU_ASSERT(has_num(view(&s, "ipport:0.0.0.0:443"), BF_USAGE_CHECK, 1));
	CU_ASSERT(has_num(view(&s, "ipport:0.0.0.0:444"), BF_USAGE_CHECK, 0));
	check_diags(&s);
	unit_snapshot_release(&s);
}

static void test_fields_without_key(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "some garbage before anything\n"
	      "    Certificate Hash             : d0013e91aab93f437a4443b13e6d18bd60f0279c\n"
	      "    Application ID               : {00112233-4455-6677-8899-aabbccddeeff}\n"
	      "    Usage Check                  : Enabled\n"
	      "\n"
	      "    IP:port                      : 0.0.0.0:443\n"
	      "    Usage Check                  : Disabled\n");
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	const struct diag *d = diag_at(&s, SEV_ERROR, 2,
		"field 'Certificate Hash' outside a binding record: expected 'IP:port', "
		"'Hostname:port' or 'Central Certificate Store' first");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 5);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 1);
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT(has_num(v, BF_USAGE_CHECK, 0));
	CU_ASSERT(unstated(v, BF_CERT_HASH));
	unit_snapshot_release(&s);
}

static void test_record_with_lost_key_line(void)
{
	/* the second record's key line is lost: its fields must not overwrite the first */
	struct unit_snapshot s;
	parse(&s,
	      "    IP:port                      : 0.0.0.0:443\n"
	      "    Certificate Hash             : 1111111111111111111111111111111111111111\n"
	      "    Usage Check                  : Enabled\n"
	      "\n"
	      "    Certificate Hash             : 2222222222222222222222222222222222222222\n"
	      "    Usage Check                  : Disabled\n"
	      "\n"
	      "    Hostname:port                : b.example:443\n"
	      "    Usage Check                  : Disabled\n");
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 5,
				       "field 'Certificate Hash' outside a binding record"));
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT(has_str(v, BF_CERT_HASH, "1111111111111111111111111111111111111111"));
	CU_ASSERT(has_num(v, BF_USAGE_CHECK, 1));
	CU_ASSERT(has_num(view(&s, "hostnameport:b.example:443"), BF_USAGE_CHECK, 0));
	unit_snapshot_release(&s);
}

static void test_malformed_endpoint(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "    IP:port                      : 0.0.0.0:99999\n"
	      "    Certificate Hash             : not even a hash\n"
	      "    Usage Check                  : Enabled\n"
	      "    Extended Properties:\n"
	      "    PropertyId                   : 0\n"
	      "\n"
	      "    Hostname:port                : host name:443\n"
	      "    Usage Check                  : Enabled\n"
	      "    IP:port                      : 0.0.0.0:443 <-- the default <ip:port>\n"
	      "    Usage Check                  : Disabled\n");
	/* the endpoints are the only errors: a skipped record's fields are not looked at */
	CU_ASSERT_EQUAL(s.errors, 2);
	CU_ASSERT_EQUAL(count(&s, SEV_ERROR), 2);
	CU_ASSERT_EQUAL(s.diags.nr, 3);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 9, "annotation '<-- the default <ip:port>'"));
	const struct diag *d = diag_at(&s, SEV_ERROR, 1, "malformed endpoint '0.0.0.0:99999'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 36);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 7, "malformed endpoint 'host name:443'"));
	CU_ASSERT_EQUAL(s.m.nr_bindings, 1);
	CU_ASSERT(has_num(view(&s, "ipport:0.0.0.0:443"), BF_USAGE_CHECK, 0));
	check_diags(&s);
	unit_snapshot_release(&s);
}

static void test_unknown_labels_kept(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "    IP:port                      : 0.0.0.0:443\n"
	      "    Certificate Hash             : d0013e91aab93f437a4443b13e6d18bd60f0279c\n"
	      "    Zertifikatspeichername       : MY\n"
	      "    Some Future Setting          : Enabled\n"
	      "    Usage Check                  : Enabled\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(count(&s, SEV_ERROR), 0);
	CU_ASSERT_EQUAL(count(&s, SEV_NOTE), 2);
	const struct diag *d = diag_at(&s, SEV_NOTE, 3, "unknown field 'Zertifikatspeichername' kept");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 4, "unknown field 'Some Future Setting' kept"));
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT_EQUAL(nr_extras(v), 2);
	const struct extra_field *e = extra(v, "Some Future Setting");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_STRING_EQUAL(e->value, "Enabled");
	CU_ASSERT_EQUAL(e->loc.line, 4);
	CU_ASSERT_STRING_EQUAL(v->extra->label, "Zertifikatspeichername");
	CU_ASSERT(has_num(v, BF_USAGE_CHECK, 1));
	unit_snapshot_release(&s);
}

static void test_wrapped_label(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "IP:port : 0.0.0.0:443\n"
	      "Verify Revocation Using Cached Client\n"
	      "Certificate Only : Enabled\n"
	      "Verify Client Certificate\n"
	      "Revocation : Disabled\n"
	      "Central Certificate\n"
	      "Store : 8443\n"
	      "Usage Check : Enabled\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT(has_num(v, BF_REVOCATION_CACHED_ONLY, 1));
	CU_ASSERT_EQUAL(v->f[BF_REVOCATION_CACHED_ONLY].loc.line, 3);
	CU_ASSERT(has_num(v, BF_VERIFY_REVOCATION, 0));
	CU_ASSERT(has_num(view(&s, "ccs:8443"), BF_USAGE_CHECK, 1));
	unit_snapshot_release(&s);
}

static void test_duplicate_record_is_not_an_input_error(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "IP:port : 0.0.0.0:443\n"
	      "Usage Check : Enabled\n"
	      "IP:port : 0.0.0.0:443\n"
	      "Usage Check : Disabled\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(count(&s, SEV_WARNING), 1);
	CU_ASSERT(has_num(view(&s, "ipport:0.0.0.0:443"), BF_USAGE_CHECK, 1));
	unit_snapshot_release(&s);
}

/* ---- robustness ----------------------------------------------------------- */

static void test_huge_lines(void)
{
	size_t big = 10 * 1024 * 1024;
	const char *head = "IP:port : 0.0.0.0:443\nCertificate Hash : ";
	const char *mid = "\nUsage Check : Enabled\n";
	size_t hl = strlen(head), ml = strlen(mid);
	char *buf = xmalloc(hl + big + ml + big + 64);
	char *p = buf;
	memcpy(p, head, hl);
	p += hl;
	memset(p, 'a', big);            /* a 10 MB "hash" */
	p += big;
	memcpy(p, mid, ml);
	p += ml;
	for (size_t i = 0; i < big; i++)        /* a 10 MB line of "x : " and ":" */
		*p++ = ":x :"[i % 4];
	memcpy(p, "\nDS Mapper Usage : Enabled\n", strlen("\nDS Mapper Usage : Enabled\n") + 1);

	struct unit_snapshot s;
	parse(&s, buf);
	CU_ASSERT_EQUAL(s.errors, 1);
	const struct diag *d = diag_at(&s, SEV_ERROR, 2, "malformed value 'aaaa");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT(strlen(d->message) < 300);
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT(has_num(v, BF_USAGE_CHECK, 1));
	CU_ASSERT(has_num(v, BF_DS_MAPPER, 1));
	CU_ASSERT_EQUAL(nr_extras(v), 1);       /* the long line splits at its first " : " */
	unit_snapshot_release(&s);

	/* one 10 MB line without a colon, inside a record */
	memcpy(buf, "IP:port : 0.0.0.0:443\n", 22);
	memset(buf + 22, 'z', big);
	buf[22 + big] = '\0';
	parse(&s, buf);
	CU_ASSERT_EQUAL(s.errors, 1);
	d = diag_at(&s, SEV_ERROR, 2, "expected 'Label : value'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT(strlen(d->message) < 300);
	unit_snapshot_release(&s);
	free(buf);
}

static void test_many_records(void)
{
	size_t n = 20000, cap = n * 128, len = 0;
	char *buf = xmalloc(cap);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len,
					"IP:port : 10.%zu.%zu.1:443\nUsage Check : Enabled\n\n",
					i / 256, i % 256);
	struct unit_snapshot s;
	parse(&s, buf);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.nr_bindings, n);
	CU_ASSERT(has_num(view(&s, "ipport:10.78.31.1:443"), BF_USAGE_CHECK, 1));
	unit_snapshot_release(&s);
	free(buf);
}

static void test_arbitrary_bytes(void)
{
	/* every byte value, and lines cut everywhere: no crash, a consistent model */
	unsigned char bytes[4096];
	unsigned x = 12345;
	for (size_t round = 0; round < 64; round++) {
		for (size_t i = 0; i < sizeof(bytes); i++) {
			x = x * 1103515245u + 12345u;
			bytes[i] = (unsigned char)(x >> 16);
			if ((x >> 8) % 7 == 0)
				bytes[i] = ':';
			else if ((x >> 8) % 11 == 0)
				bytes[i] = '\n';
		}
		struct unit_snapshot s;
		unit_parse(&s, parse_netsh, "noise.bin", bytes, sizeof(bytes));
		check_diags(&s);
		unit_snapshot_release(&s);
	}
	static const char *const odd[] = {
		"IP:port", "IP:port :", "IP:port : ", ":", " : ", "`", "``", "```", "`:`",
		"IP:port : 0.0.0.0:443\nExtended Properties:\nPropertyId :\n : x\nfoo :\n",
		"IP:port : 0.0.0.0:443\nCertificate Hash :\nApplication ID : {\n",
		"IP:port : 0.0.0.0:443\n\xE2\x80\n\xC2\nX\xE3\x80",
		"Central Certificate Store : 0\nHostname:port : :443\nIP:port : [:443\n",
	};
	for (size_t i = 0; i < sizeof(odd) / sizeof(*odd); i++) {
		struct unit_snapshot s;
		parse(&s, odd[i]);
		check_diags(&s);
		unit_snapshot_release(&s);
	}
}

/* ---- the real-world corpus ------------------------------------------------ */

static struct unit_snapshot *corpus_parse(const char *name)
{
	static struct unit_snapshot s;
	char rel[512];
	size_t len;
	snprintf(rel, sizeof(rel), "../shared/corpus/netsh/%s", name);
	unsigned char *bytes = unit_read_file(rel, &len);
	if (!bytes) {
		fprintf(stderr, "cannot read corpus file '%s'\n", rel);
		return NULL;
	}
	unit_parse(&s, parse_netsh, name, bytes, len);
	free(bytes);
	return &s;
}

static void test_corpus_all_clean(void)
{
	if (!unit_have_shared("../shared/corpus/netsh"))
		return;
	DIR *dir = opendir(CORPUS_DIR);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	size_t files = 0;
	struct dirent *de;
	while ((de = readdir(dir))) {
		size_t n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".txt"))
			continue;
		struct unit_snapshot *s = corpus_parse(de->d_name);
		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		files++;
		size_t errors = count(s, SEV_ERROR);
		if (errors || s->errors)
			for (size_t i = 0; i < s->diags.nr; i++)
				fprintf(stderr, "%s:%u: %s\n", de->d_name,
					(unsigned)s->diags.items[i]->loc.line,
					s->diags.items[i]->message);
		CU_ASSERT_EQUAL(errors, 0);
		CU_ASSERT_EQUAL(s->errors, 0);
		CU_ASSERT_EQUAL(count(s, SEV_WARNING), 0);
		CU_ASSERT(s->m.origins & ORIGIN_NETSH);
		/* the only record of the aspnet sample has a placeholder key */
		if (strstr(de->d_name, "placeholders") && strstr(de->d_name, "aspnet")) {
			CU_ASSERT_EQUAL(s->m.nr_bindings, 0);
		} else {
			CU_ASSERT(s->m.nr_bindings >= 1);
		}
		check_diags(s);
		unit_snapshot_release(s);
	}
	closedir(dir);
	CU_ASSERT(files >= 14);
}

static void test_corpus_values(void)
{
	if (!unit_have_shared("../shared/corpus/netsh"))
		return;
	struct unit_snapshot *s = corpus_parse("adfsanalyzer_issue41_sni_adfstrusteddevices_truncated.txt");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(s->m.nr_bindings, 2);
	const struct binding_view *v = view(s, "hostnameport:sts.margiestravel.com:443");
	CU_ASSERT(has_str(v, BF_CTL_STORE, "adfstrusteddevices"));
	CU_ASSERT(has_str(v, BF_CERT_STORE, "my"));
	CU_ASSERT(has_num(v, BF_NEGOTIATE_CLIENT_CERT, 0));
	CU_ASSERT_EQUAL(v->f[BF_CTL_STORE].loc.line, 17);
	v = view(s, "hostnameport:sts.margiestravel.com:49443");
	CU_ASSERT(has_num(v, BF_USAGE_CHECK, 1));         /* "Enable", cut off */
	CU_ASSERT(unstated(v, BF_CTL_STORE));
	CU_ASSERT_PTR_NOT_NULL(diag_at(s, SEV_NOTE, 27, "read as 'Enabled'"));
	unit_snapshot_release(s);

	s = corpus_parse("jpazureid_adfs_cba_49443_ctl_null_annotated_ja.txt");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	v = view(s, "hostnameport:sts.test.com:49443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT(has_str(v, BF_CTL_STORE, NULL));
	CU_ASSERT(has_num(v, BF_NEGOTIATE_CLIENT_CERT, 1));
	CU_ASSERT(has_str(v, BF_CERT_HASH, "47b90e1e818ba8cf431d404fff232f1ba17bf078"));
	CU_ASSERT(has_str(v, BF_APPID, "{5d89a20c-beab-4389-9447-324788eb944a}"));
	unit_snapshot_release(s);

	s = corpus_parse("jpazureid_adfs_cba_49443_ctlstore_adfsclient_annotated_ja.txt");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT(has_str(view(s, "hostnameport:sts.test.com:49443"), BF_CTL_STORE, "adfsclient"));
	unit_snapshot_release(s);

	s = corpus_parse("tokentimer_ws2025_26100_flags_set_excerpt_crlf.txt");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(s->m.nr_bindings, 1);
	CU_ASSERT_EQUAL(s->diags.nr, 0);
	v = view(s, "ipport:0.0.0.0:21443");
	CU_ASSERT(has_str(v, BF_CERT_STORE, "My"));
	CU_ASSERT(unstated(v, BF_CERT_HASH));
	CU_ASSERT(has_num(v, BF_DISABLE_HTTP2, 1));
	CU_ASSERT(has_num(v, BF_DISABLE_TLS13, 0));
	CU_ASSERT(has_num(v, BF_DISABLE_SESSION_ID, 1));
	CU_ASSERT(has_num(v, BF_ENABLE_CACHE_CLIENT_HELLO, 0));
	unit_snapshot_release(s);

	s = corpus_parse("bc_onprem_7048_backtick_wrapped.txt");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	v = view(s, "ipport:0.0.0.0:7048");
	CU_ASSERT(is_invalid(v, BF_CERT_HASH, "<CERTIFICATE-THUMBPRINT>"));
	CU_ASSERT(is_invalid(v, BF_APPID, "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}"));
	CU_ASSERT(has_num(v, BF_ENABLE_CACHE_CLIENT_HELLO, 0));
	CU_ASSERT(unstated(v, BF_DISABLE_SESSION_ID));
	CU_ASSERT_PTR_NOT_NULL(extra(v, "Extended Properties[4] PropertyId"));
	CU_ASSERT_EQUAL(unit_count_diags(&s->diags, SEV_NOTE, "placeholder"), 2);
	unit_snapshot_release(s);

	s = corpus_parse("nbstrat_dotfiles_cac_44304_negotiate_enabled_transcript.txt");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(s->diags.nr, 0);
	v = view(s, "ipport:0.0.0.0:44304");
	CU_ASSERT(has_num(v, BF_NEGOTIATE_CLIENT_CERT, 1));
	CU_ASSERT(has_num(v, BF_VERIFY_REVOCATION, 0));
	CU_ASSERT_EQUAL(v->loc.line, 12);
	unit_snapshot_release(s);

	s = corpus_parse("exchange2013_backend_444_elided.txt");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(s->diags.nr, 0);
	CU_ASSERT(has_str(view(s, "ipport:0.0.0.0:444"), BF_CERT_HASH,
			  "2f74ed7ce04e3315c2a634c9dfb83278132fb51e"));
	unit_snapshot_release(s);

	s = corpus_parse("aspnet_benchmarks_netshwrapper_comment_newest_fields_placeholders.txt");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(s->m.nr_bindings, 0);
	CU_ASSERT_EQUAL(s->diags.nr, 1);
	CU_ASSERT_PTR_NOT_NULL(diag_at(s, SEV_NOTE, 3, "placeholder value '<ip:port>'"));
	unit_snapshot_release(s);
}


/* ---- pasted from web pages, and other languages ------------------------- */

#define NBSP "\xC2\xA0"

/* U+00A0 as padding, as a rendered web page copies it: read as white space, one note. */
static void test_nbsp_padding(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "SSL Certificate bindings:\n"
	      "\n"
	      NBSP NBSP NBSP NBSP "IP:port" NBSP NBSP NBSP NBSP ": 0.0.0.0:443\n"
	      NBSP NBSP NBSP NBSP "Certificate Hash" NBSP NBSP ":" NBSP "d0013e91aab93f437a4443b13e6d18bd60f0279c\n"
	      NBSP NBSP NBSP NBSP "Certificate" NBSP "Store" NBSP NBSP "Name" NBSP ": MY\n"
	      "    Negotiate Client Certificate" NBSP NBSP NBSP ": Enabled\n"
	      "\n"
	      NBSP "Hostname:port" NBSP ": www.example.com:443\n"
	      NBSP "Certificate Hash" NBSP ": d0013e91aab93f437a4443b13e6d18bd60f0279c\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(count(&s, SEV_WARNING), 0);
	CU_ASSERT_EQUAL(count(&s, SEV_NOTE), 1);
	const struct diag *d = diag_at(&s, SEV_NOTE, 3, "Unicode spaces");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 1);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 2);
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT(has_str(v, BF_CERT_HASH, "d0013e91aab93f437a4443b13e6d18bd60f0279c"));
	CU_ASSERT_EQUAL(v->f[BF_CERT_HASH].loc.line, 4);
	CU_ASSERT_EQUAL(v->f[BF_CERT_HASH].loc.col, 25);
	CU_ASSERT(has_str(v, BF_CERT_STORE, "MY"));
	CU_ASSERT(has_num(v, BF_NEGOTIATE_CLIENT_CERT, 1));
	CU_ASSERT_PTR_NOT_NULL(view(&s, "hostnameport:www.example.com:443"));
	check_diags(&s);
	unit_snapshot_release(&s);
}

/* Placeholders people write in other shapes: notes, the field stated but not valid. */
static void test_placeholder_shapes(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "    IP:port                      : 0.0.0.0:443\n"
	      "    Certificate Hash             : {HASH YOU ARE LOOKING FOR}\n"
	      "    Application ID               : {GUID of your application}\n"
	      "    Certificate Store Name       : redacted\n"
	      "    Ctl Store Name               : [REDACTED]\n"
	      "[rest of the entry]\n"
	      "\n"
	      "    IP:port                      : 0.0.0.0:444\n"
	      "    Certificate Hash             : xxxx\xE2\x80\xA6\n"
	      "    Application ID               : {thumbprint}\n"
	      "\n"
	      "    IP:port                      : 0.0.0.0:445\n"
	      "    Certificate Hash             : d0013e91aab9...\n"
	      "    Application ID               : (redacted)\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(count(&s, SEV_ERROR), 0);
	CU_ASSERT_EQUAL(count(&s, SEV_WARNING), 0);
	CU_ASSERT_EQUAL(count(&s, SEV_NOTE), 8);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 2, "placeholder value '{HASH YOU ARE LOOKING FOR}' for 'Certificate Hash'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 3, "placeholder value '{GUID of your application}'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 4, "placeholder value 'redacted'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 5, "placeholder value '[REDACTED]'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 9, "placeholder value 'xxxx\xE2\x80\xA6'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 10, "placeholder value '{thumbprint}'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 13, "placeholder value 'd0013e91aab9...'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 14, "placeholder value '(redacted)'"));
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT(is_invalid(v, BF_CERT_HASH, "{HASH YOU ARE LOOKING FOR}"));
	CU_ASSERT(is_invalid(v, BF_CERT_STORE, "redacted"));
	CU_ASSERT(is_invalid(view(&s, "ipport:0.0.0.0:445"), BF_APPID, "(redacted)"));
	CU_ASSERT_EQUAL(s.m.nr_bindings, 3);
	check_diags(&s);
	unit_snapshot_release(&s);
}

#define DE_REC13(port) \
	"    IP:Port                      : 0.0.0.0:" port "\n" \
	"    Zertifikathash               : d0013e91aab93f437a4443b13e6d18bd60f0279c\n" \
	"    Anwendungs-ID                : {4dc3e181-e14b-4a21-b022-59fc669b0914}\n" \
	"    Zertifikatspeichername       : My\n" \
	"    Clientzertifikatsperrung \xC3\xBC" "berpr\xC3\xBC" "fen : Aktiviert\n" \
	"    Nur zwischengespeicherte Sperrung : Deaktiviert\n" \
	"    Verwendungs\xC3\xBC" "berpr\xC3\xBC" "fung       : Aktiviert\n" \
	"    Aktualit\xC3\xA4tszeit f\xC3\xBCr Sperrung : 0\n" \
	"    Timeout f\xC3\xBCr URL-Abruf        : 15000\n" \
	"    Ctl-ID                       : (null)\n" \
	"    Ctl-Speichername             : ClientAuthIssuer\n" \
	"    DS-Zuordnung                 : Deaktiviert\n" \
	"    Clientzertifikat aushandeln  : Aktiviert\n"

/*
 * German: the header, IP:Port and Zertifikathash are in the table; the
 * other labels are read by the 13-field order; yes/no words in German
 * are left unread, with one note.
 */
static void test_german_labels(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "SSL-Zertifikatbindungen:\n"
	      "-------------------------\n"
	      "\n"
	      DE_REC13("443"));
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(count(&s, SEV_WARNING), 0);
	CU_ASSERT_EQUAL(count(&s, SEV_NOTE), 3);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 5, "labels in German read"));
	const struct diag *d = diag_at(&s, SEV_NOTE, 6,
		"labels in an unknown language: read by the field order of netsh's 13 fields");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 5);
	d = diag_at(&s, SEV_NOTE, 8, "5 yes/no values in an unknown language (such as 'Aktiviert') not read");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 43);

	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT_EQUAL(v->loc.line, 4);
	CU_ASSERT(has_str(v, BF_CERT_HASH, "d0013e91aab93f437a4443b13e6d18bd60f0279c"));
	CU_ASSERT(has_str(v, BF_APPID, "{4dc3e181-e14b-4a21-b022-59fc669b0914}"));
	CU_ASSERT_EQUAL(v->f[BF_APPID].loc.line, 6);
	CU_ASSERT_EQUAL(v->f[BF_APPID].loc.col, 36);
	CU_ASSERT(has_str(v, BF_CERT_STORE, "My"));
	CU_ASSERT(has_num(v, BF_URL_TIMEOUT, 15000));
	CU_ASSERT(has_str(v, BF_CTL_ID, NULL));
	CU_ASSERT(has_str(v, BF_CTL_STORE, "ClientAuthIssuer"));
	CU_ASSERT_EQUAL(v->f[BF_CTL_STORE].loc.line, 14);
	CU_ASSERT(is_invalid(v, BF_NEGOTIATE_CLIENT_CERT, "Aktiviert"));
	CU_ASSERT(is_invalid(v, BF_DS_MAPPER, "Deaktiviert"));
	CU_ASSERT_EQUAL(nr_extras(v), 0);
	check_diags(&s);
	unit_snapshot_release(&s);
}

/*
 * A language without a table: the key line is known by its value's shape,
 * English yes/no words are read, and each record by its own field count.
 */
static void test_unknown_language_by_field_order(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "Liaisons de certificat SSL :\n"
	      "\n"
	      "    Adresse IP:port              : 0.0.0.0:443\n"
	      "    Hachage du certificat        : d0013e91aab93f437a4443b13e6d18bd60f0279c\n"
	      "    ID de l'application          : {4dc3e181-e14b-4a21-b022-59fc669b0914}\n"
	      "    Nom du magasin               : My\n"
	      "    V\xC3\xA9rifier la r\xC3\xA9vocation       : Enabled\n"
	      "    R\xC3\xA9vocation en cache         : Disabled\n"
	      "    Contr\xC3\xB4le d'utilisation       : Enabled\n"
	      "    Fra\xC3\xAE" "cheur                    : 0\n"
	      "    D\xC3\xA9lai URL                    : 0\n"
	      "    Identificateur CTL           : (null)\n"
	      "    Magasin CTL                  : (null)\n"
	      "    Mappeur DS                   : Disabled\n"
	      "    N\xC3\xA9gocier le certificat client : Enabled\n"
	      "    Rejeter les connexions       : Disabled\n"
	      "    D\xC3\xA9sactiver HTTP2             : Not Set\n"
	      "\n"
	      "    Nom d'h\xC3\xB4te:port              : www.example.com:443\n"
	      "    Hachage du certificat        : d0013e91aab93f437a4443b13e6d18bd60f0279c\n"
	      "    ID de l'application          : {4dc3e181-e14b-4a21-b022-59fc669b0914}\n"
	      "    Nom du magasin               : WebHosting\n"
	      "    V\xC3\xA9rifier la r\xC3\xA9vocation       : Enabled\n"
	      "    R\xC3\xA9vocation en cache         : Disabled\n"
	      "    Contr\xC3\xB4le d'utilisation       : Enabled\n"
	      "    Fra\xC3\xAE" "cheur                    : 0\n"
	      "    D\xC3\xA9lai URL                    : 0\n"
	      "    Identificateur CTL           : (null)\n"
	      "    Magasin CTL                  : (null)\n"
	      "    Mappeur DS                   : Disabled\n"
	      "    N\xC3\xA9gocier le certificat client : Disabled\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(count(&s, SEV_WARNING), 0);
	CU_ASSERT_EQUAL(count(&s, SEV_NOTE), 2);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 3, "label 'Adresse IP:port' in an unknown language read as 'IP:port'"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 4, "read by the field order of netsh's 15 fields"));
	CU_ASSERT_EQUAL(s.m.nr_bindings, 2);
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT(has_num(v, BF_NEGOTIATE_CLIENT_CERT, 1));
	CU_ASSERT_EQUAL(v->f[BF_NEGOTIATE_CLIENT_CERT].loc.line, 15);
	CU_ASSERT(has_num(v, BF_DISABLE_HTTP2, 0));
	CU_ASSERT(has_num(v, BF_REJECT_CONNECTIONS, 0));
	v = view(&s, "hostnameport:www.example.com:443");
	CU_ASSERT(has_str(v, BF_CERT_STORE, "WebHosting"));
	CU_ASSERT(has_num(v, BF_NEGOTIATE_CLIENT_CERT, 0));
	CU_ASSERT(unstated(v, BF_DISABLE_HTTP2));
	check_diags(&s);
	unit_snapshot_release(&s);
}

/* A 23-field record and its "Extended Properties:" banner in an unknown language. */
static void test_unknown_language_extended_properties(void)
{
	struct unit_snapshot s;
	parse(&s,
	      DE_REC13("443")
	      "    Verbindungen ablehnen        : Deaktiviert\n"
	      "    HTTP2 deaktivieren           : Nicht festgelegt\n"
	      "    QUIC deaktivieren            : Nicht festgelegt\n"
	      "    TLS1.2 deaktivieren          : Nicht festgelegt\n"
	      "    TLS1.3 deaktivieren          : Festgelegt\n"
	      "    OCSP-Stapling deaktivieren   : Nicht festgelegt\n"
	      "    Tokenbindung aktivieren      : Nicht festgelegt\n"
	      "    Erweiterte Ereignisse protokollieren : Nicht festgelegt\n"
	      "    Legacy-TLS-Versionen deaktivieren : Nicht festgelegt\n"
	      "    Sitzungsticket aktivieren    : Nicht festgelegt\n"
	      " Erweiterte Eigenschaften:\n"
	      "    PropertyId                   : 0\n"
	      "    Empfangsfenster              : 1048576\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(count(&s, SEV_WARNING), 0);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 3, "read by the field order of netsh's 23 fields"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 5, "15 yes/no values in an unknown language"));
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT(is_invalid(v, BF_DISABLE_TLS13, "Festgelegt"));
	CU_ASSERT_EQUAL(v->f[BF_ENABLE_SESSION_TICKET].loc.line, 23);
	const struct extra_field *e = extra(v, "Extended Properties[0] Empfangsfenster");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_STRING_EQUAL(e->value, "1048576");
	check_diags(&s);
	unit_snapshot_release(&s);
}

/* A record in an unknown language that fits no field order: a warning at the first line that does not fit. */
static void test_unknown_language_no_fit(void)
{
	struct unit_snapshot s;
	parse(&s,
	      /* 13 fields, but the 8th is no number */
	      "    IP:Port                      : 0.0.0.0:443\n"
	      "    Zertifikathash               : d0013e91aab93f437a4443b13e6d18bd60f0279c\n"
	      "    Anwendungs-ID                : {4dc3e181-e14b-4a21-b022-59fc669b0914}\n"
	      "    Zertifikatspeichername       : My\n"
	      "    A                            : Aktiviert\n"
	      "    B                            : Deaktiviert\n"
	      "    C                            : Aktiviert\n"
	      "    D                            : null\n"
	      "    E                            : 0\n"
	      "    F                            : (null)\n"
	      "    G                            : (null)\n"
	      "    H                            : Deaktiviert\n"
	      "    I                            : Aktiviert\n"
	      "\n"
	      /* 5 fields: no Windows prints so few */
	      "    IP:Port                      : 0.0.0.0:444\n"
	      "    Zertifikathash               : d0013e91aab93f437a4443b13e6d18bd60f0279c\n"
	      "    Anwendungs-ID                : {4dc3e181-e14b-4a21-b022-59fc669b0914}\n"
	      "    Zertifikatspeichername       : My\n"
	      "    A                            : Aktiviert\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(count(&s, SEV_WARNING), 2);
	const struct diag *d = diag_at(&s, SEV_WARNING, 8,
		"line 8 ('D                            : null') is field 8, where netsh prints "
		"'Revocation Freshness Time' (a number from 0 to 4294967295)");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 5);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_WARNING, 19, "it ends at line 19 after 5 fields"));
	const struct binding_view *v = view(&s, "ipport:0.0.0.0:443");
	CU_ASSERT(unstated(v, BF_NEGOTIATE_CLIENT_CERT));
	CU_ASSERT_EQUAL(nr_extras(v), 11);
	CU_ASSERT_PTR_NOT_NULL(extra(v, "Anwendungs-ID"));
	check_diags(&s);
	unit_snapshot_release(&s);
}

/* Label : value lines but no record: a warning, not a quiet success. */
static void test_no_binding_is_a_warning(void)
{
	struct unit_snapshot s;
	parse(&s,
	      "Some output:\n"
	      "    Adresse          : 0.0.0.0:443\n"
	      "    Hachage          : not a hash\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 0);
	const struct diag *d = diag_at(&s, SEV_WARNING, 2, "no binding read");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.col, 5);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	unit_snapshot_release(&s);

	/* a file of placeholder records read nothing, and says so in notes: no warning */
	parse(&s, "    IP:port : <ip:port>\n    Certificate Hash : <hash>\n");
	CU_ASSERT_EQUAL(count(&s, SEV_WARNING), 0);
	unit_snapshot_release(&s);
}

void suite_parse_netsh(void);
void suite_parse_netsh(void)
{
	ADD_SUITE("parse_netsh",
		  { "2008 R2 / 2012: 13 fields", test_gen_2008r2 },
		  { "+ Reject Connections", test_gen_reject_connections },
		  { "+ Disable HTTP2 (Set / Not Set)", test_gen_disable_http2 },
		  { "newest fields and Extended Properties", test_gen_newest },
		  { "IPv4, IPv6, hostname and CCS keys", test_keys },
		  { "several records, concatenated outputs", test_several_records_and_concatenated_outputs },
		  { "unindented paste, irregular padding", test_unindented_irregular_padding },
		  { "Markdown backticks", test_backtick_wrapped },
		  { "UTF-16LE with BOM", test_utf16le_bom },
		  { "CRLF", test_crlf },
		  { "noise lines are silent", test_noise_is_silent },
		  { "Markdown quotes and comment marks", test_quoted_and_commented },
		  { "empty query output", test_empty_query },
		  { "placeholders are notes", test_placeholders_are_notes },
		  { "annotations after values", test_annotations },
		  { "truncated booleans", test_truncated_boolean },
		  { "hash with spaces and U+200E", test_hash_forms },
		  { "CCS binding with a (null) hash", test_ccs_null_hash },
		  { "malformed values", test_malformed_values },
		  { "bad lines, recovery", test_bad_lines },
		  { "fields without a key line", test_fields_without_key },
		  { "record with a lost key line", test_record_with_lost_key_line },
		  { "malformed endpoint skips its record", test_malformed_endpoint },
		  { "unknown labels kept as extras", test_unknown_labels_kept },
		  { "label wrapped by a narrow console", test_wrapped_label },
		  { "duplicate record", test_duplicate_record_is_not_an_input_error },
		  { "10 MB lines", test_huge_lines },
		  { "20000 records", test_many_records },
		  { "arbitrary bytes", test_arbitrary_bytes },
		  { "U+00A0 padding", test_nbsp_padding },
		  { "placeholder shapes", test_placeholder_shapes },
		  { "German labels", test_german_labels },
		  { "unknown language: read by field order", test_unknown_language_by_field_order },
		  { "unknown language: Extended Properties", test_unknown_language_extended_properties },
		  { "unknown language: no field order fits", test_unknown_language_no_fit },
		  { "no binding read is a warning", test_no_binding_is_a_warning },
		  { "corpus: no input error", test_corpus_all_clean },
		  { "corpus: values", test_corpus_values });
}

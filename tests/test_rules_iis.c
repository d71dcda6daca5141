/*
 * The rules that join IIS and HTTP.sys (SCL001 with IIS, SCL002, SCL010 to
 * SCL013) on models built by hand, through model_finish()'s join.
 */
#include <string.h>

#include "rule.h"
#include "runner.h"
#include "unit.h"

void suite_rules_iis(void);

struct fx {
	struct model m;
	struct diag_list out, inputs;
	const char *cfg, *netsh, *reg;
};

static void fx_init(struct fx *f)
{
	model_init(&f->m);
	diag_list_init(&f->out);
	diag_list_init(&f->inputs);
	f->cfg = model_intern_file(&f->m, "applicationHost.config");
	f->netsh = model_intern_file(&f->m, "netsh.txt");
	f->reg = model_intern_file(&f->m, "schannel.reg");
	f->m.iis_read = 1;
	f->m.origins |= ORIGIN_NETSH;
}

static void fx_release(struct fx *f)
{
	diag_list_release(&f->out);
	diag_list_release(&f->inputs);
	model_release(&f->m);
}

static struct iis_site *site(struct fx *f, const char *name, uint32_t line)
{
	struct srcloc l = { f->cfg, line, 0, NULL };
	return model_add_site(&f->m, name, "1", &l, &f->inputs, "t");
}

static void iis_binding(struct fx *f, struct iis_site *s, const char *proto, const char *ip,
			uint16_t port, const char *host, uint32_t flags, uint32_t line)
{
	struct iis_binding b = { 0 };
	b.protocol = proto;
	b.ip = ip;
	b.port = port;
	b.host = host;
	b.ssl_flags = flags;
	b.information = arena_strfmt(&f->m.arena, "%s:%u:%s", ip, (unsigned)port, host);
	b.loc.file = f->cfg;
	b.loc.line = line;
	model_add_iis_binding(&f->m, s, &b);
}

static void access_at(struct fx *f, const char *path, uint32_t flags, uint32_t line)
{
	struct iis_access a = { 0 };
	a.flags = flags;
	a.stated = 1;
	a.valid = 1;
	a.text = "Ssl, SslRequireCert";
	a.loc.file = f->cfg;
	a.loc.line = line;
	model_add_access(&f->m, path, &a);
}

static struct binding_view *httpsys(struct fx *f, enum endpoint_kind kind, const char *ep,
				    uint32_t line, const char *ctl, int negotiate)
{
	struct srcloc l = { f->netsh, line, 0, NULL };
	struct binding_view *v = model_add_binding_view(&f->m, kind, ep, ORIGIN_NETSH, &l, &f->inputs, "t");
	l.line = line + 1;
	binding_view_set(&f->m, v, BF_CERT_HASH, &l, NULL, "846762724f99a530cae257c8d18ceafb46723cd2", 0, 1);
	l.line = line + 2;
	binding_view_set(&f->m, v, BF_APPID, &l, NULL, IIS_APPID, 0, 1);
	l.line = line + 10;
	binding_view_set(&f->m, v, BF_CTL_STORE, &l, ctl ? ctl : "(null)", ctl, 0, 1);
	l.line = line + 12;
	binding_view_set(&f->m, v, BF_NEGOTIATE_CLIENT_CERT, &l, negotiate ? "Enabled" : "Disabled",
			 NULL, (uint32_t)negotiate, 1);
	return v;
}

static void schannel(struct fx *f, uint32_t mode)
{
	struct srcloc k = { f->reg, 3, 0, NULL };
	model_add_reg_key(&f->m, SCHANNEL_KEY, &k);
	struct reg_value v = { 0 };
	v.key = SCHANNEL_KEY;
	v.type = REGT_DWORD;
	v.valid = 1;
	v.loc.file = f->reg;
	v.name = "SendTrustedIssuerList";
	v.num = 1;
	v.loc.line = 4;
	model_add_reg_value(&f->m, &v);
	v.name = "ClientAuthTrustMode";
	v.num = mode;
	v.loc.line = 5;
	model_add_reg_value(&f->m, &v);
}

static size_t run(struct fx *f, const char *id)
{
	const struct rule *r = rule_find(id);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(runner_has_inputs(&f->m, r->needs));
	f->out.rule = r;
	CU_ASSERT_EQUAL(r->check(&f->m, &f->out), 0);
	f->out.rule = NULL;
	diag_list_sort(&f->out);
	return f->out.nr;
}

static void test_join(void)
{
	struct fx f;
	fx_init(&f);
	struct iis_site *s = site(&f, "PKI", 10);
	iis_binding(&f, s, "https", "*", 443, "pki.example.org", IIS_SSL_SNI, 12);
	iis_binding(&f, s, "https", "10.0.0.5", 443, "", 0, 13);
	iis_binding(&f, s, "https", "[::1]", 8443, "", 0, 14);
	iis_binding(&f, s, "http", "*", 80, "", 0, 15);
	httpsys(&f, EP_HOSTNAMEPORT, "pki.example.org:443", 1, NULL, 0);
	httpsys(&f, EP_IPPORT, "0.0.0.0:443", 20, NULL, 0);
	httpsys(&f, EP_IPPORT, "[::]:8443", 40, NULL, 0);
	model_finish(&f.m);
	const struct iis_binding *b = s->bindings;
	CU_ASSERT_STRING_EQUAL(b->httpsys->key, "hostnameport:pki.example.org:443");
	CU_ASSERT_STRING_EQUAL(b->next->httpsys->key, "ipport:0.0.0.0:443");   /* fallback */
	CU_ASSERT_STRING_EQUAL(b->next->next->httpsys->key, "ipport:[::]:8443");
	CU_ASSERT_PTR_NULL(b->next->next->next->httpsys);                       /* http */
	CU_ASSERT_EQUAL(model_find_binding(&f.m, "ipport:0.0.0.0:443")->nr_users, 1);
	fx_release(&f);
}

static void test_effective_access(void)
{
	struct fx f;
	fx_init(&f);
	struct iis_site *a = site(&f, "A", 10), *b = site(&f, "B", 20);
	access_at(&f, "", ACCESS_SSL, 3);
	access_at(&f, "A/api", ACCESS_SSL | ACCESS_SSL_REQUIRE_CERT, 40);
	access_at(&f, "B", ACCESS_SSL | ACCESS_SSL_NEGOTIATE_CERT, 50);
	model_finish(&f.m);
	const struct iis_access *w;
	CU_ASSERT_EQUAL(a->access.loc.line, 3);
	CU_ASSERT_EQUAL(site_client_cert_flags(a, &w), ACCESS_SSL_REQUIRE_CERT);
	CU_ASSERT_EQUAL(w->loc.line, 40);
	CU_ASSERT_EQUAL(site_client_cert_flags(b, &w), ACCESS_SSL_NEGOTIATE_CERT);
	CU_ASSERT_EQUAL(w->loc.line, 50);
	CU_ASSERT_PTR_NULL(b->apps);
	fx_release(&f);
}

static void test_scl001_with_iis(void)
{
	/* the site requires client certificates: error, with the <access> line */
	struct fx f;
	fx_init(&f);
	schannel(&f, 2);
	struct iis_site *s = site(&f, "PKI", 10);
	iis_binding(&f, s, "https", "*", 443, "pki.example.org", IIS_SSL_SNI, 12);
	access_at(&f, "PKI", ACCESS_SSL | ACCESS_SSL_REQUIRE_CERT, 31);
	httpsys(&f, EP_HOSTNAMEPORT, "pki.example.org:443", 5, NULL, 0);
	model_finish(&f.m);
	CU_ASSERT_EQUAL_FATAL(run(&f, "SCL001"), 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_EQUAL(d->level, SEV_ERROR);
	CU_ASSERT_EQUAL(d->loc.line, 5);
	int found = 0;
	for (size_t i = 0; i < d->nr_related; i++)
		if (d->related[i].loc.line == 31 && d->related[i].loc.file == f.cfg &&
		    strstr(d->related[i].message, "site \"PKI\" requires client certificates (SslRequireCert)"))
			found = 1;
	CU_ASSERT_TRUE(found);
	fx_release(&f);

	/* the IIS configuration shows no client-certificate use: silent */
	fx_init(&f);
	schannel(&f, 2);
	s = site(&f, "WWW", 10);
	iis_binding(&f, s, "https", "*", 443, "www.example.org", IIS_SSL_SNI, 12);
	access_at(&f, "", ACCESS_SSL, 3);
	httpsys(&f, EP_HOSTNAMEPORT, "www.example.org:443", 5, NULL, 0);
	model_finish(&f.m);
	CU_ASSERT_EQUAL(run(&f, "SCL001"), 0);
	fx_release(&f);
}

static void test_scl002(void)
{
	struct fx f;
	fx_init(&f);
	struct iis_site *s = site(&f, "PKI", 10);
	iis_binding(&f, s, "https", "*", 443, "", 0, 12);
	iis_binding(&f, s, "https", "*", 443, "pki.example.org", IIS_SSL_SNI, 13);
	httpsys(&f, EP_IPPORT, "0.0.0.0:443", 1, NULL, 0);
	httpsys(&f, EP_HOSTNAMEPORT, "pki.example.org:443", 20, "ClientAuthIssuer", 1);
	model_finish(&f.m);
	CU_ASSERT_EQUAL_FATAL(run(&f, "SCL002"), 1);
	const struct diag *d = f.out.items[0];
	/* the binding without the CTL store is the one that differs */
	CU_ASSERT_EQUAL(d->loc.line, 1);
	CU_ASSERT_STRING_EQUAL(d->key, "site:PKI/ipport:0.0.0.0:443");
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "Ctl Store Name ('(null)' here, 'ClientAuthIssuer' there)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "Negotiate Client Certificate ('Disabled' here, 'Enabled' there)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->fix, "ipport=0.0.0.0:443"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->fix, "sslctlstorename=ClientAuthIssuer"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->fix, "clientcertnegotiation=enable"));
	fx_release(&f);

	/* equal settings: quiet */
	fx_init(&f);
	s = site(&f, "PKI", 10);
	iis_binding(&f, s, "https", "*", 443, "", 0, 12);
	iis_binding(&f, s, "https", "*", 443, "pki.example.org", IIS_SSL_SNI, 13);
	httpsys(&f, EP_IPPORT, "0.0.0.0:443", 1, "clientauthissuer", 1);
	httpsys(&f, EP_HOSTNAMEPORT, "pki.example.org:443", 20, "ClientAuthIssuer", 1);
	model_finish(&f.m);
	CU_ASSERT_EQUAL(run(&f, "SCL002"), 0);
	fx_release(&f);
}

static void test_scl010_to_scl013(void)
{
	struct fx f;
	fx_init(&f);
	struct iis_site *s = site(&f, "Shop", 10);
	iis_binding(&f, s, "https", "*", 443, "shop.example.org", IIS_SSL_SNI, 12);   /* no entry */
	iis_binding(&f, s, "https", "*", 8443, "", IIS_SSL_SNI, 13);                  /* SCL012 */
	iis_binding(&f, s, "net.tcp", "", 0, "", 0, 14);
	httpsys(&f, EP_IPPORT, "0.0.0.0:9443", 1, NULL, 0);                            /* orphan */
	model_finish(&f.m);

	CU_ASSERT_EQUAL_FATAL(run(&f, "SCL010"), 1);
	CU_ASSERT_EQUAL(f.out.items[0]->loc.line, 12);
	CU_ASSERT_PTR_NOT_NULL(strstr(f.out.items[0]->message, "hostnameport:shop.example.org:443"));
	CU_ASSERT_STRING_EQUAL(f.out.items[0]->fix,
		"netsh http add sslcert hostnameport=shop.example.org:443 certhash=<certhash> "
		"appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename=MY");
	diag_list_release(&f.out);
	diag_list_init(&f.out);

	CU_ASSERT_EQUAL_FATAL(run(&f, "SCL011"), 1);
	CU_ASSERT_EQUAL(f.out.items[0]->level, SEV_NOTE);
	CU_ASSERT_STRING_EQUAL(f.out.items[0]->fix, "netsh http delete sslcert ipport=0.0.0.0:9443");
	diag_list_release(&f.out);
	diag_list_init(&f.out);

	CU_ASSERT_EQUAL_FATAL(run(&f, "SCL012"), 1);
	CU_ASSERT_EQUAL(f.out.items[0]->loc.line, 13);
	diag_list_release(&f.out);
	diag_list_init(&f.out);

	/* 443 is SNI only; 8443's SNI binding has no host: SCL012's finding, not SCL013's */
	CU_ASSERT_EQUAL_FATAL(run(&f, "SCL013"), 1);
	CU_ASSERT_EQUAL(f.out.items[0]->loc.line, 12);
	CU_ASSERT_STRING_EQUAL(f.out.items[0]->key, "port:443");
	fx_release(&f);

	/* an IP:port binding on the port is the fallback */
	fx_init(&f);
	s = site(&f, "Shop", 10);
	iis_binding(&f, s, "https", "*", 443, "shop.example.org", IIS_SSL_SNI, 12);
	httpsys(&f, EP_IPPORT, "0.0.0.0:443", 1, NULL, 0);
	httpsys(&f, EP_HOSTNAMEPORT, "shop.example.org:443", 20, NULL, 0);
	model_finish(&f.m);
	CU_ASSERT_EQUAL(run(&f, "SCL013"), 0);
	CU_ASSERT_EQUAL(run(&f, "SCL010"), 0);
	/* 0.0.0.0:443 has the IIS AppId and no IIS binding uses it */
	CU_ASSERT_EQUAL(run(&f, "SCL011"), 1);
	fx_release(&f);
}

void suite_rules_iis(void)
{
	ADD_SUITE("rules joining IIS and HTTP.sys",
		  { "IIS binding to HTTP.sys binding", test_join },
		  { "effective <access> per site", test_effective_access },
		  { "SCL001 with the IIS configuration", test_scl001_with_iis },
		  { "SCL002 sni-binding-mismatch", test_scl002 },
		  { "SCL010 to SCL013", test_scl010_to_scl013 });
}

/*
 * The rules that join IIS and HTTP.sys (SCL001 with IIS, SCL002, SCL010 to
 * SCL013) on models built by hand, through model_finish()'s join.
 */
#include <stdio.h>
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
	CU_ASSERT_FALSE(b->httpsys_fallback);
	CU_ASSERT_STRING_EQUAL(b->next->httpsys->key, "ipport:0.0.0.0:443");   /* wildcard */
	CU_ASSERT_FALSE(b->next->httpsys_fallback);
	CU_ASSERT_STRING_EQUAL(b->next->next->httpsys->key, "ipport:[::]:8443");
	CU_ASSERT_PTR_NULL(b->next->next->next->httpsys);                       /* http */
	CU_ASSERT_EQUAL(model_find_binding(&f.m, "ipport:0.0.0.0:443")->nr_users, 1);
	fx_release(&f);
}

static void test_sni_fallback_join(void)
{
	/* an SNI binding without its hostname:port entry is served by the IP:port binding */
	struct fx f;
	fx_init(&f);
	struct iis_site *s = site(&f, "Shop", 10);
	iis_binding(&f, s, "https", "*", 443, "shop.example.org", IIS_SSL_SNI, 12);
	iis_binding(&f, s, "https", "*", 443, "", IIS_SSL_CCS, 13);
	httpsys(&f, EP_IPPORT, "0.0.0.0:443", 1, NULL, 0);
	model_finish(&f.m);
	const struct iis_binding *b = s->bindings;
	CU_ASSERT_STRING_EQUAL(b->httpsys->key, "ipport:0.0.0.0:443");
	CU_ASSERT_TRUE(b->httpsys_fallback);
	CU_ASSERT_PTR_NULL(b->next->httpsys);           /* CCS has no IP fallback */
	CU_ASSERT_EQUAL(model_find_binding(&f.m, "ipport:0.0.0.0:443")->nr_users, 1);
	fx_release(&f);
}

static void test_client_cert_use(void)
{
	struct fx f;
	fx_init(&f);
	struct iis_site *pki = site(&f, "PKI", 10), *www = site(&f, "WWW", 20);
	iis_binding(&f, pki, "https", "*", 443, "pki.example.org", IIS_SSL_SNI, 12);
	iis_binding(&f, www, "https", "*", 443, "www.example.org", IIS_SSL_SNI, 22);
	access_at(&f, "PKI/api", ACCESS_SSL | ACCESS_SSL_REQUIRE_CERT, 40);
	httpsys(&f, EP_HOSTNAMEPORT, "pki.example.org:443", 1, NULL, 0);
	httpsys(&f, EP_HOSTNAMEPORT, "www.example.org:443", 20, NULL, 0);
	httpsys(&f, EP_IPPORT, "0.0.0.0:9443", 40, NULL, 0);           /* IIS's, unused */
	struct binding_view *adfs = httpsys(&f, EP_HOSTNAMEPORT, "sts.example.org:443", 60, NULL, 0);
	struct srcloc l = { f.netsh, 62, 0, NULL };
	binding_view_set(&f.m, adfs, BF_APPID, &l, NULL, "{5d89a20c-beab-4389-9447-324788eb944a}", 0, 1);
	struct binding_view *mapper = httpsys(&f, EP_HOSTNAMEPORT, "map.example.org:443", 80, NULL, 0);
	l.line = 90;
	binding_view_set(&f.m, mapper, BF_DS_MAPPER, &l, "Enabled", NULL, 1, 1);
	model_finish(&f.m);

	const struct httpsys_binding *b = model_find_binding(&f.m, "hostnameport:pki.example.org:443");
	CU_ASSERT_EQUAL(b->client_certs.use, CERT_USE_REQUIRE);      /* through <location PKI/api> */
	CU_ASSERT_PTR_EQUAL(b->client_certs.site, pki);
	CU_ASSERT_EQUAL(b->client_certs.access->loc.line, 40);
	CU_ASSERT_STRING_EQUAL(b->client_certs.app, "PKI/api");
	b = model_find_binding(&f.m, "hostnameport:www.example.org:443");
	CU_ASSERT_EQUAL(b->client_certs.use, CERT_USE_NONE);
	b = model_find_binding(&f.m, "ipport:0.0.0.0:9443");
	CU_ASSERT_EQUAL(b->client_certs.use, CERT_USE_NONE);         /* IIS owns it and uses none */
	b = model_find_binding(&f.m, "hostnameport:sts.example.org:443");
	CU_ASSERT_EQUAL(b->client_certs.use, CERT_USE_UNKNOWN);      /* another application */
	b = model_find_binding(&f.m, "hostnameport:map.example.org:443");
	CU_ASSERT_EQUAL(b->client_certs.use, CERT_USE_NEGOTIATE);    /* DS mapper */
	CU_ASSERT_EQUAL(b->client_certs.ds_mapper->loc.line, 90);
	CU_ASSERT_EQUAL(f.m.client_certs.use, CERT_USE_REQUIRE);
	CU_ASSERT_PTR_EQUAL(f.m.client_certs.site, pki);
	fx_release(&f);

	/* without an applicationHost.config nothing tells */
	fx_init(&f);
	f.m.iis_read = 0;
	httpsys(&f, EP_HOSTNAMEPORT, "www.example.org:443", 20, NULL, 0);
	model_finish(&f.m);
	CU_ASSERT_EQUAL(f.m.bindings->client_certs.use, CERT_USE_UNKNOWN);
	CU_ASSERT_EQUAL(f.m.client_certs.use, CERT_USE_UNKNOWN);
	fx_release(&f);

	/* IIS read, no site asks, every binding IIS's: none */
	fx_init(&f);
	www = site(&f, "WWW", 20);
	iis_binding(&f, www, "https", "*", 443, "www.example.org", IIS_SSL_SNI, 22);
	httpsys(&f, EP_HOSTNAMEPORT, "www.example.org:443", 20, NULL, 0);
	model_finish(&f.m);
	CU_ASSERT_EQUAL(f.m.client_certs.use, CERT_USE_NONE);
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
	CU_ASSERT_EQUAL(d->level, SEV_ERROR);       /* a binding negotiates client certificates */
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message,
		"Ctl Store Name ('(null)' here, 'ClientAuthIssuer' on pki.example.org:443)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message,
		"Negotiate Client Certificate ('Disabled' here, 'Enabled' on pki.example.org:443)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->fix, "ipport=0.0.0.0:443"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->fix, "sslctlstorename=ClientAuthIssuer"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->fix, "clientcertnegotiation=enable"));
	fx_release(&f);

	/*
	 * Each binding is weaker in one setting: each gets a finding that
	 * raises it; revocation checking is never turned off.  The site uses
	 * no client certificates: notes.
	 */
	fx_init(&f);
	s = site(&f, "PKI", 10);
	iis_binding(&f, s, "https", "*", 443, "", 0, 12);
	iis_binding(&f, s, "https", "*", 443, "pki.example.org", IIS_SSL_SNI, 13);
	struct binding_view *ip = httpsys(&f, EP_IPPORT, "0.0.0.0:443", 1, "ClientAuthIssuer", 0);
	struct binding_view *sn = httpsys(&f, EP_HOSTNAMEPORT, "pki.example.org:443", 20, NULL, 0);
	struct srcloc l = { f.netsh, 4, 0, NULL };
	binding_view_set(&f.m, ip, BF_VERIFY_REVOCATION, &l, "Disabled", NULL, 0, 1);
	l.line = 23;
	binding_view_set(&f.m, sn, BF_VERIFY_REVOCATION, &l, "Enabled", NULL, 1, 1);
	model_finish(&f.m);
	CU_ASSERT_EQUAL_FATAL(run(&f, "SCL002"), 2);
	for (size_t i = 0; i < 2; i++) {
		d = f.out.items[i];
		CU_ASSERT_EQUAL(d->level, SEV_NOTE);
		CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "uses no client certificates today"));
		CU_ASSERT_PTR_NULL(strstr(d->fix, "=disable"));
	}
	CU_ASSERT_STRING_EQUAL(f.out.items[0]->key, "site:PKI/ipport:0.0.0.0:443");
	CU_ASSERT_PTR_NOT_NULL(strstr(f.out.items[0]->fix, "verifyclientcertrevocation=enable"));
	/* its own CTL store is carried over, not dropped */
	CU_ASSERT_PTR_NOT_NULL(strstr(f.out.items[0]->fix, "sslctlstorename=ClientAuthIssuer"));
	CU_ASSERT_PTR_NULL(strstr(f.out.items[0]->message, "Ctl Store Name"));
	CU_ASSERT_STRING_EQUAL(f.out.items[1]->key, "site:PKI/hostnameport:pki.example.org:443");
	CU_ASSERT_PTR_NOT_NULL(strstr(f.out.items[1]->fix, "sslctlstorename=ClientAuthIssuer"));
	CU_ASSERT_PTR_NULL(strstr(f.out.items[1]->fix, "verifyclientcertrevocation"));
	fx_release(&f);

	/* DS Mapper Usage on one binding only */
	fx_init(&f);
	s = site(&f, "PKI", 10);
	iis_binding(&f, s, "https", "*", 443, "", 0, 12);
	iis_binding(&f, s, "https", "*", 443, "pki.example.org", IIS_SSL_SNI, 13);
	access_at(&f, "PKI", ACCESS_SSL | ACCESS_SSL_REQUIRE_CERT, 31);
	ip = httpsys(&f, EP_IPPORT, "0.0.0.0:443", 1, NULL, 0);
	sn = httpsys(&f, EP_HOSTNAMEPORT, "pki.example.org:443", 20, NULL, 0);
	l.line = 11;
	binding_view_set(&f.m, ip, BF_DS_MAPPER, &l, "Enabled", NULL, 1, 1);
	l.line = 30;
	binding_view_set(&f.m, sn, BF_DS_MAPPER, &l, "Disabled", NULL, 0, 1);
	model_finish(&f.m);
	CU_ASSERT_EQUAL_FATAL(run(&f, "SCL002"), 1);
	d = f.out.items[0];
	CU_ASSERT_EQUAL(d->level, SEV_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "DS Mapper Usage ('Disabled' here, 'Enabled' on 0.0.0.0:443)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->fix, "dsmapperusage=enable"));
	fx_release(&f);

	/* a site with many host names: the last of twenty SNI bindings is the weaker one */
	fx_init(&f);
	s = site(&f, "Hosting", 10);
	access_at(&f, "Hosting", ACCESS_SSL | ACCESS_SSL_REQUIRE_CERT, 31);
	for (int i = 0; i < 20; i++) {
		char host[32], ep[40];
		snprintf(host, sizeof(host), "h%02d.example.org", i);
		snprintf(ep, sizeof(ep), "%s:443", host);
		iis_binding(&f, s, "https", "*", 443, arena_strdup(&f.m.arena, host), IIS_SSL_SNI,
			    (uint32_t)(100 + i));
		httpsys(&f, EP_HOSTNAMEPORT, ep, (uint32_t)(200 + 20 * i), i < 19 ? "ClientAuthIssuer" : NULL, 1);
	}
	model_finish(&f.m);
	CU_ASSERT_EQUAL_FATAL(run(&f, "SCL002"), 1);
	CU_ASSERT_STRING_EQUAL(f.out.items[0]->key, "site:Hosting/hostnameport:h19.example.org:443");
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
		"appid=\"{4dc3e181-e14b-4a21-b022-59fc669b0914}\" certstorename=<store>");
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
	/*
	 * 0.0.0.0:443 has the IIS AppId and no IIS binding uses it, but it is
	 * what clients without SNI get on 443: not an orphan to delete
	 */
	CU_ASSERT_EQUAL(run(&f, "SCL011"), 0);
	fx_release(&f);
}

/* A certificate in store `name` (dumped with RawData) for the DNS names given. */
static const struct cert *san_cert(struct fx *f, const char *name, const char *thumbprint,
				   const char **names, size_t n, uint32_t line)
{
	struct srcloc l = { model_intern_file(&f->m, "My.json"), line, 0, NULL };
	struct cert_store *s = model_cert_store(&f->m, name, &l);
	struct cert c = { 0 };
	c.thumbprint = thumbprint;
	c.subject = "CN=shop";
	c.has_der = 1;
	c.dns_names = names;
	c.nr_dns_names = n;
	c.has_private_key = 1;
	c.has_not_after = 1;
	c.not_after = f->m.host.now + 86400 * 90;
	c.self_signed = -1;
	c.is_ca = -1;
	c.loc = l;
	return model_add_cert(&f->m, s, &c, &f->inputs, "t");
}

static void test_scl010_fallback(void)
{
	static const char *other[] = { "www.example.org" };
	static const char *wild[] = { "*.example.org" };
	/* the 0.0.0.0:443 certificate covers the host (a wildcard): a warning */
	for (int covers = 0; covers < 2; covers++) {
		struct fx f;
		fx_init(&f);
		f.m.host.now = 1767225600;
		struct iis_site *s = site(&f, "Shop", 10);
		iis_binding(&f, s, "https", "*", 443, "shop.example.org", IIS_SSL_SNI, 12);
		httpsys(&f, EP_IPPORT, "0.0.0.0:443", 1, NULL, 0);
		san_cert(&f, "My", "846762724f99a530cae257c8d18ceafb46723cd2",
			 covers ? wild : other, 1, 5);
		model_finish(&f.m);
		CU_ASSERT_EQUAL_FATAL(run(&f, "SCL010"), 1);
		const struct diag *d = f.out.items[0];
		CU_ASSERT_EQUAL(d->loc.line, 12);
		if (covers) {
			CU_ASSERT_EQUAL(d->level, SEV_WARNING);
			CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "clients get the certificate of 0.0.0.0:443, "
						      "'CN=shop' (thumbprint 846762724f99a530cae257c8d18ceafb46723cd2), "
						      "which covers the host name"));
			/* the fix binds the covering certificate to the host name */
			CU_ASSERT_STRING_EQUAL(d->fix,
				"netsh http add sslcert hostnameport=shop.example.org:443 "
				"certhash=846762724f99a530cae257c8d18ceafb46723cd2 "
				"appid=\"{4dc3e181-e14b-4a21-b022-59fc669b0914}\" certstorename=My");
		} else {
			CU_ASSERT_EQUAL(d->level, SEV_ERROR);
			CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "which does not cover shop.example.org"));
			CU_ASSERT_PTR_NOT_NULL(strstr(d->fix, "certhash=<certhash>"));
		}
		fx_release(&f);
	}
}

static void test_scl013_ccs(void)
{
	/* only CCS bindings on the port, and HTTP.sys's CCS entry: no fallback for clients without SNI */
	struct fx f;
	fx_init(&f);
	struct iis_site *s = site(&f, "A", 10), *t = site(&f, "B", 20);
	iis_binding(&f, s, "https", "*", 443, "a.example.org", IIS_SSL_CCS | IIS_SSL_SNI, 12);
	iis_binding(&f, t, "https", "*", 443, "", IIS_SSL_CCS, 22);
	httpsys(&f, EP_CCS, "443", 1, NULL, 0);
	model_finish(&f.m);
	CU_ASSERT_EQUAL_FATAL(run(&f, "SCL013"), 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_EQUAL(d->loc.line, 12);
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "by host name (SNI or the Central Certificate Store)"));
	CU_ASSERT_STRING_EQUAL(d->fix,
		"netsh http add sslcert ipport=0.0.0.0:443 certhash=<certhash> "
		"appid=\"{4dc3e181-e14b-4a21-b022-59fc669b0914}\" certstorename=<store>");
	fx_release(&f);

	/* with an IP:port binding beside them: quiet */
	fx_init(&f);
	s = site(&f, "A", 10);
	iis_binding(&f, s, "https", "*", 443, "a.example.org", IIS_SSL_CCS | IIS_SSL_SNI, 12);
	httpsys(&f, EP_CCS, "443", 1, NULL, 0);
	httpsys(&f, EP_IPPORT, "0.0.0.0:443", 20, NULL, 0);
	model_finish(&f.m);
	CU_ASSERT_EQUAL(run(&f, "SCL013"), 0);
	fx_release(&f);
}

void suite_rules_iis(void)
{
	ADD_SUITE("rules joining IIS and HTTP.sys",
		  { "IIS binding to HTTP.sys binding", test_join },
		  { "SNI binding served by the IP:port binding", test_sni_fallback_join },
		  { "client-certificate use", test_client_cert_use },
		  { "effective <access> per site", test_effective_access },
		  { "SCL001 with the IIS configuration", test_scl001_with_iis },
		  { "SCL002 sni-binding-mismatch", test_scl002 },
		  { "SCL010 to SCL013", test_scl010_to_scl013 },
		  { "SCL010 SNI fallback to the IP:port certificate", test_scl010_fallback },
		  { "SCL013 Central Certificate Store is no fallback", test_scl013_ccs });
}

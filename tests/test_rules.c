/*
 * The rules on models built by hand, independent of the parsers: each
 * rule fires where it must, at the right level and line, with the right
 * related lines and fix, and stays quiet where it must.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "runner.h"
#include "unit.h"

void suite_rules(void);

struct fixture {
	struct model m;
	struct diag_list out, inputs;
	const char *netsh, *reg;
};

static void fx_init(struct fixture *f)
{
	model_init(&f->m);
	diag_list_init(&f->out);
	diag_list_init(&f->inputs);
	f->netsh = model_intern_file(&f->m, "netsh.txt");
	f->reg = model_intern_file(&f->m, "schannel.reg");
}

static void fx_release(struct fixture *f)
{
	diag_list_release(&f->out);
	diag_list_release(&f->inputs);
	model_release(&f->m);
}

static void set_schannel(struct fixture *f, const char *name, uint32_t value, uint32_t line)
{
	struct srcloc k = { f->reg, 3, 0, NULL };
	model_add_reg_key(&f->m, SCHANNEL_KEY, &k);
	struct reg_value v = { 0 };
	v.key = SCHANNEL_KEY;
	v.name = name;
	v.type = REGT_DWORD;
	v.valid = 1;
	v.num = value;
	v.loc.file = f->reg;
	v.loc.line = line;
	model_add_reg_value(&f->m, &v);
}

/* A netsh record at `line`: hash, appid, store (null), ctl store, negotiate. */
static struct binding_view *add_netsh(struct fixture *f, enum endpoint_kind kind,
				      const char *ep, uint32_t line, const char *ctl,
				      int negotiate)
{
	struct srcloc l = { f->netsh, line, 0, NULL };
	struct binding_view *v = model_add_binding_view(&f->m, kind, ep, ORIGIN_NETSH, &l, &f->inputs, "t");
	f->m.origins |= ORIGIN_NETSH;
	l.line = line + 1;
	binding_view_set(&f->m, v, BF_CERT_HASH, &l, NULL, "846762724f99a530cae257c8d18ceafb46723cd2", 0, 1);
	l.line = line + 2;
	binding_view_set(&f->m, v, BF_APPID, &l, NULL, "{4dc3e181-e14b-4a21-b022-59fc669b0914}", 0, 1);
	l.line = line + 3;
	binding_view_set(&f->m, v, BF_CERT_STORE, &l, "(null)", NULL, 0, 1);
	l.line = line + 10;
	binding_view_set(&f->m, v, BF_CTL_STORE, &l, ctl ? ctl : "(null)", ctl, 0, 1);
	l.line = line + 12;
	binding_view_set(&f->m, v, BF_NEGOTIATE_CLIENT_CERT, &l,
			 negotiate ? "Enabled" : "Disabled", NULL, (uint32_t)negotiate, 1);
	return v;
}

static int run_rule(struct fixture *f, const char *id)
{
	const struct rule *r = rule_find(id);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	if (!runner_has_inputs(&f->m, r->needs))
		return -2;
	model_compute_client_certs(&f->m);      /* as model_finish() does */
	f->out.rule = r;
	int rc = r->check(&f->m, &f->out);
	f->out.rule = NULL;
	diag_list_sort(&f->out);
	return rc;
}

static void test_scl001_error_when_negotiating(void)
{
	struct fixture f;
	fx_init(&f);
	set_schannel(&f, "SendTrustedIssuerList", 1, 4);
	set_schannel(&f, "ClientAuthTrustMode", 2, 5);
	add_netsh(&f, EP_HOSTNAMEPORT, "pki.example.org:443", 6, NULL, 1);
	CU_ASSERT_EQUAL(run_rule(&f, "SCL001"), 0);
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_EQUAL(d->level, SEV_ERROR);
	CU_ASSERT_PTR_EQUAL(d->loc.file, f.netsh);
	CU_ASSERT_EQUAL(d->loc.line, 6);
	CU_ASSERT_STRING_EQUAL(d->rule_id, "SCL001");
	CU_ASSERT_STRING_EQUAL(d->key, "hostnameport:pki.example.org:443");
	/* only negotiated, not required: no 403.7 promised for this site */
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "pki.example.org:443 fails: browsers offer no certificate"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "exclusive CA trust (ClientAuthTrustMode=2)"));
	CU_ASSERT_STRING_EQUAL(d->fix,
		"netsh http update sslcert hostnameport=pki.example.org:443 certstorename=MY "
		"certhash=846762724f99a530cae257c8d18ceafb46723cd2 "
		"appid=\"{4dc3e181-e14b-4a21-b022-59fc669b0914}\" sslctlstorename=ClientAuthIssuer "
		"clientcertnegotiation=enable");
	CU_ASSERT_EQUAL(d->fix_shell, FIX_SHELL_ANY);
	/* the SCHANNEL lines, the Ctl Store Name line, the negotiate line, the store caveat */
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 5);
	CU_ASSERT_EQUAL(d->related[0].loc.line, 4);
	CU_ASSERT_PTR_EQUAL(d->related[0].loc.file, f.reg);
	CU_ASSERT_STRING_EQUAL(d->related[0].message, "SendTrustedIssuerList=1 is set here");
	CU_ASSERT_EQUAL(d->related[1].loc.line, 5);
	CU_ASSERT_EQUAL(d->related[2].loc.line, 16);
	CU_ASSERT_EQUAL(d->related[3].loc.line, 18);
	CU_ASSERT_PTR_NOT_NULL(strstr(d->related[4].message, "no certificate store dumps"));
	fx_release(&f);
}

static void test_scl001_warning_without_negotiation(void)
{
	struct fixture f;
	fx_init(&f);
	set_schannel(&f, "SendTrustedIssuerList", 1, 4);
	set_schannel(&f, "ClientAuthTrustMode", 1, 5);
	add_netsh(&f, EP_IPPORT, "0.0.0.0:443", 10, NULL, 0);
	run_rule(&f, "SCL001");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	CU_ASSERT_EQUAL(f.out.items[0]->level, SEV_WARNING);
	CU_ASSERT_PTR_NOT_NULL(strstr(f.out.items[0]->message, "exclusive root trust (ClientAuthTrustMode=1)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.out.items[0]->fix, "ipport=0.0.0.0:443"));
	fx_release(&f);
}

/* A dump of store `name` with n certificates (0: dumped empty). */
static void add_store(struct fixture *f, const char *name, size_t n)
{
	struct srcloc l = { model_intern_file(&f->m, "store.json"), 1, 0, NULL };
	struct cert_store *s = model_cert_store(&f->m, name, &l);
	for (size_t i = 0; i < n; i++) {
		struct cert c = { 0 };
		char tp[41];
		snprintf(tp, sizeof(tp), "%040zx", i + 1);
		c.thumbprint = tp;
		c.subject = "CN=Issuing CA";
		c.loc = l;
		model_add_cert(&f->m, s, &c, &f->inputs, "t");
	}
}

static void test_scl001_fix_store(void)
{
	/* ClientAuthIssuer dumped with certificates: named */
	struct fixture f;
	fx_init(&f);
	set_schannel(&f, "SendTrustedIssuerList", 1, 4);
	set_schannel(&f, "ClientAuthTrustMode", 2, 5);
	add_netsh(&f, EP_HOSTNAMEPORT, "pki.example.org:443", 6, NULL, 1);
	add_store(&f, "ClientAuthIssuer", 2);
	run_rule(&f, "SCL001");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(f.out.items[0]->fix, " sslctlstorename=ClientAuthIssuer "));
	CU_ASSERT_EQUAL(f.out.items[0]->nr_related, 4);
	fx_release(&f);

	/* dumped empty, or not among the dumps: never named */
	for (int empty = 0; empty < 2; empty++) {
		fx_init(&f);
		set_schannel(&f, "SendTrustedIssuerList", 1, 4);
		set_schannel(&f, "ClientAuthTrustMode", 2, 5);
		add_netsh(&f, EP_HOSTNAMEPORT, "pki.example.org:443", 6, NULL, 1);
		add_store(&f, empty ? "ClientAuthIssuer" : "My", empty ? 0 : 1);
		run_rule(&f, "SCL001");
		CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
		const struct diag *d = f.out.items[0];
		CU_ASSERT_PTR_NULL(strstr(d->fix, "ClientAuthIssuer"));
		CU_ASSERT_PTR_NOT_NULL(strstr(d->fix, " sslctlstorename=<issuer-store> "));
		CU_ASSERT_PTR_NOT_NULL(strstr(d->related[d->nr_related - 1].message,
					      empty ? "is dumped here, empty" : "hold no store 'ClientAuthIssuer'"));
		fx_release(&f);
	}
}

static void test_scl001_adfs(void)
{
	/* AD FS's certificate authentication binding keeps Ctl Store Name (null) */
	struct fixture f;
	fx_init(&f);
	set_schannel(&f, "SendTrustedIssuerList", 1, 4);
	set_schannel(&f, "ClientAuthTrustMode", 2, 5);
	struct binding_view *v = add_netsh(&f, EP_HOSTNAMEPORT, "sts.example.org:49443", 6, NULL, 1);
	struct srcloc l = { f.netsh, 8, 0, NULL };
	binding_view_set(&f.m, v, BF_APPID, &l, NULL, "{5d89a20c-beab-4389-9447-324788eb944a}", 0, 1);
	run_rule(&f, "SCL001");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_EQUAL(d->level, SEV_ERROR);
	CU_ASSERT_STRING_EQUAL(d->fix, "reg add \"" SCHANNEL_KEY "\" /v SendTrustedIssuerList "
			       "/t REG_DWORD /d 0 /f");
	CU_ASSERT_PTR_NOT_NULL(strstr(d->related[d->nr_related - 1].message,
				      "AD FS's certificate authentication binding"));
	fx_release(&f);
}

static void test_scl001_quiet(void)
{
	/* each case: sti, mode (0 = absent), ctl store, whether the binding states it */
	static const struct {
		int sti, mode;
		const char *ctl;
	} cases[] = {
		{ 1, 2, "ClientAuthIssuer" },   /* the store is named */
		{ 1, 0, NULL },                 /* ClientAuthTrustMode absent: machine trust */
		{ 0, 2, NULL },                 /* SendTrustedIssuerList absent: not sent */
		{ -1, 2, NULL },                /* SendTrustedIssuerList=0 */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct fixture f;
		fx_init(&f);
		if (cases[i].sti)
			set_schannel(&f, "SendTrustedIssuerList", cases[i].sti > 0, 4);
		if (cases[i].mode)
			set_schannel(&f, "ClientAuthTrustMode", (uint32_t)cases[i].mode, 5);
		else
			set_schannel(&f, "EventLogging", 1, 5);
		add_netsh(&f, EP_HOSTNAMEPORT, "pki.example.org:443", 6, cases[i].ctl, 1);
		CU_ASSERT_EQUAL(run_rule(&f, "SCL001"), 0);
		CU_ASSERT_EQUAL(f.out.nr, 0);
		fx_release(&f);
	}
}

static void test_scl001_unknown_ctl_store_is_not_missing(void)
{
	struct fixture f;
	fx_init(&f);
	set_schannel(&f, "SendTrustedIssuerList", 1, 4);
	set_schannel(&f, "ClientAuthTrustMode", 2, 5);
	/* a truncated record that never states Ctl Store Name */
	struct srcloc l = { f.netsh, 1, 0, NULL };
	model_add_binding_view(&f.m, EP_IPPORT, "0.0.0.0:443", ORIGIN_NETSH, &l, &f.inputs, "t");
	f.m.origins |= ORIGIN_NETSH;
	run_rule(&f, "SCL001");
	CU_ASSERT_EQUAL(f.out.nr, 0);
	fx_release(&f);
}

static void test_scl001_needs_schannel(void)
{
	struct fixture f;
	fx_init(&f);
	add_netsh(&f, EP_HOSTNAMEPORT, "pki.example.org:443", 6, NULL, 1);
	struct not_run *nr;
	size_t n;
	runner_run(&f.m, NULL, &f.out, &f.inputs, &nr, &n);
	CU_ASSERT_EQUAL(f.out.nr, 0);
	int found = 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(nr[i].rule_id, "SCL001")) {
			found = 1;
			CU_ASSERT_PTR_NOT_NULL(strstr(nr[i].reason, "reg export"));
			CU_ASSERT_PTR_NOT_NULL(strstr(nr[i].reason, "SCHANNEL"));
		}
	CU_ASSERT_TRUE(found);
	free(nr);
	fx_release(&f);
}

static void test_scl014_disagreement(void)
{
	struct fixture f;
	fx_init(&f);
	const char *regfile = model_intern_file(&f.m, "http.reg");
	add_netsh(&f, EP_HOSTNAMEPORT, "pki.example.org:443", 6, "ClientAuthIssuer", 1);
	struct srcloc k = { regfile, 20, 0, NULL };
	struct binding_view *r = model_add_binding_view(&f.m, EP_HOSTNAMEPORT, "pki.example.org:443",
							ORIGIN_REG, &k, &f.inputs, "t");
	f.m.origins |= ORIGIN_REG;
	k.line = 21;
	binding_view_set(&f.m, r, BF_CERT_HASH, &k, "hex:52,26", "5226dc6c54559761cd471b86eb51c096252c90f2", 0, 1);
	k.line = 22;
	binding_view_set(&f.m, r, BF_CTL_STORE, &k, "clientauthissuer", "clientauthissuer", 0, 1);
	k.line = 23;
	binding_view_set(&f.m, r, BF_NEGOTIATE_CLIENT_CERT, &k, "dword:00000002", NULL, 1, 1);
	run_rule(&f, "SCL014");
	/* the hash differs; the store name differs only in case; negotiate agrees */
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_EQUAL(d->level, SEV_WARNING);
	CU_ASSERT_EQUAL(d->loc.line, 7);
	CU_ASSERT_STRING_EQUAL(d->key, "hostnameport:pki.example.org:443/Certificate Hash");
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 1);
	CU_ASSERT_PTR_EQUAL(d->related[0].loc.file, regfile);
	CU_ASSERT_EQUAL(d->related[0].loc.line, 21);
	fx_release(&f);
}

static void test_scl014_one_sided(void)
{
	struct fixture f;
	fx_init(&f);
	add_netsh(&f, EP_IPPORT, "0.0.0.0:443", 6, NULL, 0);
	f.m.origins |= ORIGIN_REG;          /* a registry export with no binding keys */
	run_rule(&f, "SCL014");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(f.out.items[0]->message, "registry export has no key"));
	CU_ASSERT_EQUAL(f.out.items[0]->loc.line, 6);
	fx_release(&f);
}

static void test_scl014_needs_both(void)
{
	struct fixture f;
	fx_init(&f);
	add_netsh(&f, EP_IPPORT, "0.0.0.0:443", 6, NULL, 0);
	CU_ASSERT_EQUAL(run_rule(&f, "SCL014"), -2);
	fx_release(&f);
}

static void test_rule_table(void)
{
	CU_ASSERT_TRUE(rule_table_size >= 2);
	for (size_t i = 0; i < rule_table_size; i++) {
		const struct rule *r = rule_table[i];
		CU_ASSERT_EQUAL(strlen(r->id), 6);
		CU_ASSERT_PTR_EQUAL(rule_find(r->id), r);
		CU_ASSERT_PTR_EQUAL(rule_find(r->name), r);
		if (i)
			CU_ASSERT_TRUE(strcmp(rule_table[i - 1]->id, r->id) < 0);
	}
	CU_ASSERT_PTR_NULL(rule_find("SCL999"));
	CU_ASSERT_PTR_EQUAL(rule_find("scl001"), rule_find("ctl-store-missing"));
}

static void add_suite(struct fixture *f, const char *name, uint32_t line)
{
	struct cipher_suite cs = { 0 };
	cs.name = name;
	cs.number = -1;
	cs.loc.file = f->reg;
	cs.loc.line = line;
	model_add_cipher_suite(&f->m, &cs);
	f->m.suites_read = 1;
}

static void test_scl025_classes(void)
{
	struct fixture f;
	fx_init(&f);
	add_suite(&f, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 2);
	add_suite(&f, "TLS_RSA_WITH_NULL_SHA256", 3);
	add_suite(&f, "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA", 4);
	add_suite(&f, "TLS_RSA_WITH_DES_CBC_SHA", 5);
	add_suite(&f, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", 6);
	add_suite(&f, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA; calc", 7);   /* not a suite name */
	CU_ASSERT_EQUAL(run_rule(&f, "SCL025"), 0);
	CU_ASSERT_EQUAL(f.out.nr, 4);
	CU_ASSERT_EQUAL(unit_count_diags(&f.out, SEV_WARNING, "no encryption at all"), 1);
	CU_ASSERT_EQUAL(unit_count_diags(&f.out, SEV_WARNING, "export-grade"), 1);
	CU_ASSERT_EQUAL(unit_count_diags(&f.out, SEV_WARNING, "single DES"), 1);
	CU_ASSERT_EQUAL(unit_count_diags(&f.out, SEV_NOTE, "Sweet32"), 1);
	for (size_t i = 0; i < f.out.nr; i++)
		CU_ASSERT_PTR_NOT_NULL(strstr(f.out.items[i]->fix, "Disable-TlsCipherSuite -Name TLS_"));
	fx_release(&f);

	/* the order policy as REG_MULTI_SZ; RC4 128/128 switched off in SCHANNEL */
	fx_init(&f);
	set_schannel(&f, "EventLogging", 1, 2);
	struct reg_value v = { 0 };
	v.key = CIPHER_POLICY_KEY;
	v.name = "Functions";
	v.type = REGT_MULTI_SZ;
	v.valid = 1;
	v.str = "TLS_RSA_WITH_RC4_128_SHA\nTLS_RSA_WITH_RC4_128_MD5\nTLS_RSA_EXPORT_WITH_RC4_40_MD5";
	v.loc.file = f.reg;
	v.loc.line = 9;
	model_add_reg_value(&f.m, &v);
	struct reg_value off = { 0 };
	off.key = SCHANNEL_KEY "\\Ciphers\\RC4 128/128";
	off.name = "Enabled";
	off.type = REGT_DWORD;
	off.valid = 1;
	off.loc.file = f.reg;
	off.loc.line = 12;
	model_add_reg_value(&f.m, &off);
	CU_ASSERT_EQUAL(run_rule(&f, "SCL025"), 0);
	CU_ASSERT_EQUAL(f.out.nr, 1);
	CU_ASSERT_EQUAL(unit_count_diags(&f.out, SEV_WARNING, "TLS_RSA_EXPORT_WITH_RC4_40_MD5 is enabled by the SSL cipher suite order policy"), 1);
	fx_release(&f);

	CU_ASSERT(fix_arg_ok(FIXARG_CIPHER_SUITE, "TLS_RSA_WITH_RC4_128_SHA"));
	CU_ASSERT_FALSE(fix_arg_ok(FIXARG_CIPHER_SUITE, "TLS_RSA;calc"));
	CU_ASSERT_FALSE(fix_arg_ok(FIXARG_CIPHER_SUITE, "tls_rsa"));
	CU_ASSERT_FALSE(fix_arg_ok(FIXARG_CIPHER_SUITE, ""));
}

void suite_rules(void)
{
	ADD_SUITE("rules",
		  { "SCL025 weak suite classes, the policy, the Ciphers override", test_scl025_classes },
		  { "SCL001 fix names no empty or missing store", test_scl001_fix_store },
		  { "SCL001 AD FS certificate authentication", test_scl001_adfs },
		  { "SCL001 error when the binding negotiates", test_scl001_error_when_negotiating },
		  { "SCL001 warning otherwise", test_scl001_warning_without_negotiation },
		  { "SCL001 quiet cases", test_scl001_quiet },
		  { "SCL001 unknown Ctl Store Name", test_scl001_unknown_ctl_store_is_not_missing },
		  { "SCL001 needs SCHANNEL", test_scl001_needs_schannel },
		  { "SCL014 disagreement", test_scl014_disagreement },
		  { "SCL014 one-sided binding", test_scl014_one_sided },
		  { "SCL014 needs both sources", test_scl014_needs_both },
		  { "rule table", test_rule_table });
}

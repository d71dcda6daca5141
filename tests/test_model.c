#include <string.h>

#include "rule.h"
#include "unit.h"

void suite_model(void);

static struct srcloc loc_at(struct model *m, uint32_t line)
{
	struct srcloc l = { model_intern_file(m, "t.txt"), line, 0, NULL };
	return l;
}

static void test_endpoints(void)
{
	struct model m;
	struct diag_list d;
	model_init(&m);
	diag_list_init(&d);
	struct srcloc l = loc_at(&m, 3);

	CU_ASSERT_PTR_NOT_NULL(model_add_binding_view(&m, EP_IPPORT, "0.0.0.0:443", ORIGIN_NETSH, &l, &d, "t"));
	CU_ASSERT_PTR_NOT_NULL(model_add_binding_view(&m, EP_IPPORT, "[::]:8443", ORIGIN_NETSH, &l, &d, "t"));
	CU_ASSERT_PTR_NOT_NULL(model_add_binding_view(&m, EP_HOSTNAMEPORT, "PKI.Example.org:443", ORIGIN_NETSH, &l, &d, "t"));
	CU_ASSERT_PTR_NOT_NULL(model_add_binding_view(&m, EP_CCS, "443", ORIGIN_NETSH, &l, &d, "t"));
	CU_ASSERT_EQUAL(d.nr, 0);
	CU_ASSERT_EQUAL(m.nr_bindings, 4);

	const struct httpsys_binding *b = model_find_binding(&m, "ipport:[::]:8443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(b->port, 8443);
	CU_ASSERT_STRING_EQUAL(b->endpoint, "[::]:8443");
	b = model_find_binding(&m, "hostnameport:pki.example.org:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_STRING_EQUAL(b->endpoint, "pki.example.org:443");
	b = model_find_binding(&m, "ccs:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_STRING_EQUAL(b->endpoint, "443");

	/* malformed endpoints are input errors, and no binding */
	static const char *const bad[] = { "0.0.0.0", "0.0.0.0:0", "0.0.0.0:70000", ":443", "a b:443", "host:443x" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		CU_ASSERT_PTR_NULL(model_add_binding_view(&m, EP_IPPORT, bad[i], ORIGIN_NETSH, &l, &d, "t"));
	CU_ASSERT_EQUAL(diag_list_count(&d, SEV_ERROR), sizeof(bad) / sizeof(*bad));
	CU_ASSERT_EQUAL(m.nr_bindings, 4);

	/* host names by DNS rules: shell syntax never becomes a binding */
	static const char *const bad_hosts[] = {
		"a&calc.exe&rem:443", "x|y:443", "x;y:443", "$(calc):443", "a`b:443", "\"q\":443",
		"-x.example:443", "x-.example:443", "a..b:443", "a.*.b:443", "a\nb:443",
	};
	size_t errors = diag_list_count(&d, SEV_ERROR);
	for (size_t i = 0; i < sizeof(bad_hosts) / sizeof(*bad_hosts); i++)
		if (model_add_binding_view(&m, EP_HOSTNAMEPORT, bad_hosts[i], ORIGIN_NETSH, &l, &d, "t"))
			CU_FAIL(bad_hosts[i]);
	CU_ASSERT_EQUAL(diag_list_count(&d, SEV_ERROR), errors + sizeof(bad_hosts) / sizeof(*bad_hosts));
	static const char *const good_hosts[] = {
		"*:443", "*.example.org:443", "b\303\274cher.example:443", "xn--bcher-kva.example:443",
		"under_score.example:443", "localhost:44300",
	};
	for (size_t i = 0; i < sizeof(good_hosts) / sizeof(*good_hosts); i++)
		if (!model_add_binding_view(&m, EP_HOSTNAMEPORT, good_hosts[i], ORIGIN_NETSH, &l, &d, "t"))
			CU_FAIL(good_hosts[i]);
	/* the message quotes an excerpt of a long value, not all of it */
	char longhost[400];
	memset(longhost, 'a', sizeof(longhost));
	memcpy(longhost + 300, "&x:443", 7);
	CU_ASSERT_PTR_NULL(model_add_binding_view(&m, EP_HOSTNAMEPORT, longhost, ORIGIN_NETSH, &l, &d, "t"));
	const char *msg = d.items[d.nr - 1]->message;
	CU_ASSERT_TRUE(strlen(msg) < 200);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "...': expected a host name"));
	CU_ASSERT_EQUAL(model_check(&m, stderr), 0);
	diag_list_release(&d);
	model_release(&m);
}

static void test_two_origins_merge(void)
{
	struct model m;
	struct diag_list d;
	model_init(&m);
	diag_list_init(&d);
	struct srcloc l5 = loc_at(&m, 5), l9 = loc_at(&m, 9);
	struct srcloc r = { model_intern_file(&m, "b.reg"), 12, 0, NULL };

	struct binding_view *n = model_add_binding_view(&m, EP_IPPORT, "0.0.0.0:443", ORIGIN_NETSH, &l5, &d, "t");
	struct binding_view *g = model_add_binding_view(&m, EP_IPPORT, "0.0.0.0:443", ORIGIN_REG, &r, &d, "t");
	CU_ASSERT_EQUAL(m.nr_bindings, 1);
	binding_view_set(&m, g, BF_CTL_STORE, &r, "ClientAuthIssuer", "ClientAuthIssuer", 0, 1);
	const struct httpsys_binding *b = model_find_binding(&m, "ipport:0.0.0.0:443");
	/* netsh unstated: the registry's value is used */
	CU_ASSERT_STRING_EQUAL(binding_get(b, BF_CTL_STORE)->str, "ClientAuthIssuer");
	binding_view_set(&m, n, BF_CTL_STORE, &l9, "(null)", NULL, 0, 1);
	/* netsh stated: it wins */
	CU_ASSERT_PTR_NULL(binding_get(b, BF_CTL_STORE)->str);
	CU_ASSERT_EQUAL(binding_get(b, BF_CTL_STORE)->loc.line, 9);
	CU_ASSERT_PTR_NULL(binding_get(b, BF_CERT_HASH));
	CU_ASSERT_STRING_EQUAL(binding_effective_store(b), "MY");
	CU_ASSERT_EQUAL(b->loc.line, 5);

	/* the same source twice: a warning, the first record stays */
	struct binding_view *dup = model_add_binding_view(&m, EP_IPPORT, "0.0.0.0:443", ORIGIN_NETSH, &l9, &d, "t");
	CU_ASSERT_PTR_NOT_NULL(dup);
	CU_ASSERT_PTR_NOT_EQUAL(dup, b->netsh);
	CU_ASSERT_EQUAL(unit_count_diags(&d, SEV_WARNING, "described twice"), 1);
	CU_ASSERT_EQUAL(model_check(&m, stderr), 0);
	diag_list_release(&d);
	model_release(&m);
}

static void test_value_helpers(void)
{
	char h[41], g[39];
	CU_ASSERT_EQUAL(hash_normalize("84 67 62 72 4F 99 A5 30 CA E2 57 C8 D1 8C EA FB 46 72 3C D2", h), 0);
	CU_ASSERT_STRING_EQUAL(h, "846762724f99a530cae257c8d18ceafb46723cd2");
	/* the invisible U+200E the certificate dialog copies along */
	CU_ASSERT_EQUAL(hash_normalize("\xE2\x80\x8E" "846762724f99a530cae257c8d18ceafb46723cd2", h), 0);
	CU_ASSERT_EQUAL(hash_normalize("846762724f99a530cae257c8d18ceafb46723cd", h), -1);
	CU_ASSERT_EQUAL(hash_normalize("846762724f99a530cae257c8d18ceafb46723cd2a", h), -1);
	CU_ASSERT_EQUAL(hash_normalize("<hash>", h), -1);

	CU_ASSERT_EQUAL(guid_normalize("{4DC3E181-E14B-4A21-B022-59FC669B0914}", g), 0);
	CU_ASSERT_STRING_EQUAL(g, "{4dc3e181-e14b-4a21-b022-59fc669b0914}");
	CU_ASSERT_EQUAL(guid_normalize("4dc3e181-e14b-4a21-b022-59fc669b0914", g), 0);
	CU_ASSERT_EQUAL(guid_normalize("{4dc3e181-e14b-4a21-b022-59fc669b091}", g), -1);
	CU_ASSERT_EQUAL(guid_normalize("{<guid>}", g), -1);

	const unsigned char bytes[16] = { 0x81, 0xe1, 0xc3, 0x4d, 0x4b, 0xe1, 0x21, 0x4a,
					  0xb0, 0x22, 0x59, 0xfc, 0x66, 0x9b, 0x09, 0x14 };
	guid_from_bytes(bytes, g);
	CU_ASSERT_STRING_EQUAL(g, "{4dc3e181-e14b-4a21-b022-59fc669b0914}");
}

static void test_registry(void)
{
	struct model m;
	model_init(&m);
	CU_ASSERT_STRING_EQUAL(reg_canonical_key(&m, "HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\"),
			       "HKLM\\SYSTEM\\CurrentControlSet\\Control");
	CU_ASSERT_STRING_EQUAL(reg_canonical_key(&m, "HKEY_CURRENT_USER\\Software"), "HKCU\\Software");
	CU_ASSERT_STRING_EQUAL(reg_canonical_key(&m, "HKLM\\X"), "HKLM\\X");

	struct srcloc l = { model_intern_file(&m, "s.reg"), 4, 0, NULL };
	struct reg_value v = { 0 };
	v.key = SCHANNEL_KEY;
	v.name = "SendTrustedIssuerList";
	v.type = REGT_DWORD;
	v.valid = 1;
	v.num = 1;
	v.loc = l;
	model_add_reg_value(&m, &v);
	const struct reg_value *got = model_schannel_get(&m, "", "sendtrustedissuerlist");
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_EQUAL(got->num, 1);
	CU_ASSERT_EQUAL(got->loc.line, 4);
	CU_ASSERT_PTR_NULL(model_schannel_get(&m, "", "ClientAuthTrustMode"));
	/* a deletion reads as absent */
	v.deleted = 1;
	v.loc.line = 7;
	model_add_reg_value(&m, &v);
	CU_ASSERT_PTR_NULL(model_schannel_get(&m, "", "SendTrustedIssuerList"));
	CU_ASSERT_EQUAL(model_check(&m, stderr), 0);
	model_release(&m);
}

void suite_model(void)
{
	ADD_SUITE("model",
		  { "endpoints and keys", test_endpoints },
		  { "netsh and registry views merge", test_two_origins_merge },
		  { "hash and GUID helpers", test_value_helpers },
		  { "registry values", test_registry });
}

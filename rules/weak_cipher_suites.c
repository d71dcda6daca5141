/*
 * SCL025 weak-cipher-suites: Schannel offers a cipher suite with RC4,
 * DES, NULL (no encryption) or an export-grade key (warning), or 3DES,
 * whose 64-bit blocks Sweet32 attacks (note).
 *
 * What is offered, most authoritative first:
 *   1. the Get-TlsCipherSuite dump (m->suites): one finding per weak
 *      suite, at its "Name" line;
 *   2. else the cipher suite order policy, HKLM\SOFTWARE\Policies\
 *      Microsoft\Cryptography\Configuration\SSL\00010002 "Functions"
 *      (REG_SZ comma list or REG_MULTI_SZ): a finding per weak suite, at
 *      the value's line;
 *   3. else, with a SCHANNEL export only, the OS default order: before
 *      Windows Server 2016 (build 14393) one note says no policy orders
 *      the suites; from 2016 on the default list holds no RC4, DES, NULL
 *      or export suite, and with no build known the rule stays quiet
 *      (rules/weak_cipher_suites.md says why).
 * The SCHANNEL Ciphers\<name> "Enabled" values override the list: a suite
 * whose cipher has Enabled=0 there is not offered and is not reported.
 */
#include <string.h>

#include "rule.h"

#define FIRST_BUILD_WITHOUT_WEAK_DEFAULTS 14393   /* Windows Server 2016 */

enum weakness { WEAK_NONE, WEAK_RC4, WEAK_DES, WEAK_NULL, WEAK_EXPORT, WEAK_3DES };

static const char *const weakness_text[] = {
	[WEAK_RC4] = "RC4, whose keystream biases let an attacker recover plaintext",
	[WEAK_DES] = "single DES, whose 56-bit key is searched exhaustively",
	[WEAK_NULL] = "no encryption at all (NULL)",
	[WEAK_EXPORT] = "an export-grade key of 40 or 56 bits",
	[WEAK_3DES] = "3DES, whose 64-bit blocks the Sweet32 attack exploits on long connections",
};

/* Whether the name holds word as one '_'-separated part (or parts). */
static int has_part(const char *name, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = name; (p = strstr(p, word)); p++)
		if ((p == name || p[-1] == '_') && (p[n] == '_' || !p[n]))
			return 1;
	return 0;
}

/* The weakness of a suite, from its IANA/Windows name (and its Cipher when given). */
static enum weakness classify(const char *name, const char *cipher)
{
	if (has_part(name, "NULL") || (cipher && !strcmp(cipher, "NULL")))
		return WEAK_NULL;
	if (strstr(name, "EXPORT"))
		return WEAK_EXPORT;
	if (strstr(name, "RC4") || (cipher && !strcmp(cipher, "RC4")))
		return WEAK_RC4;
	if (strstr(name, "3DES") || strstr(name, "DES_EDE") || (cipher && !strcmp(cipher, "3DES")))
		return WEAK_3DES;
	if (has_part(name, "DES") || strstr(name, "DES_CBC") || strstr(name, "DES40") ||
	    (cipher && !strcmp(cipher, "DES")))
		return WEAK_DES;
	return WEAK_NONE;
}

/*
 * The SCHANNEL Ciphers subkey that switches the suite's cipher off
 * (KB245030), or NULL when none does.
 */
static const char *cipher_key(const char *name, enum weakness w)
{
	switch (w) {
	case WEAK_RC4:
		return strstr(name, "RC4_128") ? "Ciphers\\RC4 128/128" :
		       strstr(name, "RC4_56") ? "Ciphers\\RC4 56/128" : "Ciphers\\RC4 40/128";
	case WEAK_DES:
		return strstr(name, "DES40") ? NULL : "Ciphers\\DES 56/56";
	case WEAK_3DES:
		return "Ciphers\\Triple DES 168";
	case WEAK_NULL:
		return "Ciphers\\NULL";
	case WEAK_EXPORT:
		return strstr(name, "RC4_40") ? "Ciphers\\RC4 40/128" :
		       strstr(name, "RC2") ? "Ciphers\\RC2 40/128" : NULL;
	case WEAK_NONE:
		break;
	}
	return NULL;
}

/* The Ciphers\<name> Enabled=0 that turns the suite off, or NULL. */
static const struct reg_value *cipher_disabled(const struct model *m, const char *name,
					       enum weakness w)
{
	const char *key = cipher_key(name, w);
	const struct reg_value *v = key ? model_schannel_get(m, key, "Enabled") : NULL;
	return v && v->valid && v->type == REGT_DWORD && v->num == 0 ? v : NULL;
}

static void report_suite(const struct model *m, struct diag_list *out, const char *name,
			 const char *cipher, const struct srcloc *loc, int from_policy)
{
	enum weakness w = classify(name, cipher);
	if (w == WEAK_NONE || cipher_disabled(m, name, w))
		return;
	if (from_policy) {
		/* Disable-TlsCipherSuite changes the local list, which the policy overrides */
		diag_emit(out, w == WEAK_3DES ? SEV_NOTE : SEV_WARNING, loc, name,
			  "cipher suite %s is enabled by the SSL cipher suite order policy: it uses %s; "
			  "remove it from the Group Policy setting 'SSL Cipher Suite Order' (Computer "
			  "Configuration > Administrative Templates > Network > SSL Configuration Settings)",
			  name, weakness_text[w]);
	} else {
		struct diag *d = diag_emit(out, w == WEAK_3DES ? SEV_NOTE : SEV_WARNING, loc, name,
			"cipher suite %s is enabled: it uses %s", name, weakness_text[w]);
		diag_set_fix(out, d, FIX_SHELL_POWERSHELL, "Disable-TlsCipherSuite -Name %s",
			     fix_arg(out, d, FIXARG_CIPHER_SUITE, name, loc));
	}
}

/* The policy's "Functions": a comma list (REG_SZ) or one suite a line (REG_MULTI_SZ). */
static void check_policy(const struct model *m, struct diag_list *out, const struct reg_value *v)
{
	const char *s = v->str;
	while (*s) {
		size_t n = strcspn(s, ",\n");
		char name[128];
		size_t b = 0, e = n;
		while (b < e && (s[b] == ' ' || s[b] == '\t'))
			b++;
		while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
			e--;
		if (e > b && e - b < sizeof(name)) {
			memcpy(name, s + b, e - b);
			name[e - b] = '\0';
			report_suite(m, out, arena_strdup(&out->arena, name), NULL, &v->loc, 1);
		}
		s += n;
		if (*s)
			s++;
	}
}

static int check_weak_cipher_suites(const struct model *m, struct diag_list *out)
{
	if (m->suites_read) {
		for (const struct cipher_suite *cs = m->suites; cs; cs = cs->next)
			report_suite(m, out, cs->name, cs->cipher, &cs->loc, 0);
		return 0;
	}
	const struct reg_value *v = model_reg_get(m, CIPHER_POLICY_KEY, "Functions");
	if (v && !v->deleted && v->valid && v->str &&
	    (v->type == REGT_SZ || v->type == REGT_EXPAND_SZ || v->type == REGT_MULTI_SZ)) {
		check_policy(m, out, v);
		return 0;
	}
	const struct reg_key *k = model_reg_key(m, SCHANNEL_KEY);
	if (k && m->manifest.build && m->manifest.build < FIRST_BUILD_WITHOUT_WEAK_DEFAULTS) {
		struct diag *d = diag_emit(out, SEV_NOTE, &k->loc, "default-order",
			"no cipher suite order policy: the OS default order applies, and before "
			"Windows Server 2016 (build %u here) Schannel filters RC4 out only for "
			"applications that ask for strong cryptography; list strong suites in the "
			"Group Policy setting 'SSL Cipher Suite Order'",
			(unsigned)m->manifest.build);
		diag_add_related(out, d, &m->manifest.build_loc, "the manifest gives the build");
	}
	return 0;
}

const struct rule rule_weak_cipher_suites = {
	.id = "SCL025",
	.name = "weak-cipher-suites",
	.summary = "a cipher suite with RC4, DES, NULL, an export key or 3DES is enabled",
	.level = SEV_WARNING,
	.needs = NEED_CIPHERS,
	.check = check_weak_cipher_suites,
};

/*
 * SCL019 trust-mode-unsupported: ClientAuthTrustMode is set where it
 * means nothing: on a build without client authentication trust modes
 * (before Windows Server 2012, build 9200), or with a value other than
 * 0 (Machine Trust), 1 (Exclusive Root Trust) or 2 (Exclusive CA Trust).
 * Either way the administrator believes in a trust mode SCHANNEL does
 * not apply.  At the value's line.
 */
#include "rule.h"

#define SCHANNEL_REG "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"

static int check_trust_mode_unsupported(const struct model *m, struct diag_list *out)
{
	const struct reg_value *v = schannel_dword(m, "ClientAuthTrustMode");
	if (!v)
		return 0;
	uint32_t build = model_os_build(m);
	const struct os_release *rel = os_release_for_build(build);

	if (build && build < FIRST_BUILD_WITH_TRUST_MODES) {
		struct diag *d = diag_emit(out, SEV_WARNING, &v->loc, "schannel:ClientAuthTrustMode",
			"ClientAuthTrustMode=%llu has no effect on build %u (%s): client authentication "
			"trust modes and the ClientAuthIssuer store start with Windows Server 2012, so "
			"SCHANNEL checks client certificates against Trusted Root as before",
			(unsigned long long)v->num, (unsigned)build,
			rel ? rel->name : "older than Windows Server 2008 R2");
		diag_add_related(out, d, &m->manifest.build_loc, "build %u is given here", (unsigned)build);
		diag_set_fix(out, d, FIX_SHELL_ANY,
			     "reg delete \"" SCHANNEL_REG "\" /v ClientAuthTrustMode /f");
		return 0;
	}
	if (v->num > 2)
		diag_emit(out, SEV_WARNING, &v->loc, "schannel:ClientAuthTrustMode",
			  "ClientAuthTrustMode=%llu is not a trust mode: Microsoft documents 0 (Machine "
			  "Trust), 1 (Exclusive Root Trust) and 2 (Exclusive CA Trust) only, so which "
			  "store SCHANNEL trusts for client certificates is undefined; set the mode you mean",
			  (unsigned long long)v->num);
	return 0;
}

const struct rule rule_trust_mode_unsupported = {
	.id = "SCL019",
	.name = "trust-mode-unsupported",
	.summary = "ClientAuthTrustMode set on a build without trust modes (before Windows Server 2012), or to a value other than 0, 1 or 2",
	.level = SEV_WARNING,
	.needs = NEED_SCHANNEL,
	.check = check_trust_mode_unsupported,
};

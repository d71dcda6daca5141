/*
 * SCL018 ocsp-stapling-off-for-sni: SCHANNEL's EnableOcspStaplingForSni
 * is set to a value other than 1 while the snapshot has SNI
 * (hostname:port) or Central Certificate Store bindings: those bindings
 * staple no OCSP response, so each client asks the CA's OCSP responder
 * itself.  One note per snapshot, at the first such binding.
 *
 * When the value is absent the rule is silent: Microsoft leaves stapling
 * off for SNI and CCS by default on purpose (they let one server carry
 * thousands of certificates, and stapling for all of them "may cause
 * performance issues"), so a note on every SNI snapshot would be noise.
 * A value written and not 1 is somebody's decision the note makes
 * visible.  Bindings that turn stapling off themselves (Disable OCSP
 * Stapling) do not count.
 */
#include "rule.h"

static int check_ocsp_stapling_off_for_sni(const struct model *m, struct diag_list *out)
{
	const struct reg_value *v = schannel_dword(m, "EnableOcspStaplingForSni");
	if (!v || v->num == 1)
		return 0;       /* Microsoft's default, or on */

	const struct httpsys_binding *first = NULL;
	size_t nr = 0;
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		const struct bfield *off = binding_get(b, BF_DISABLE_OCSP_STAPLING);
		if (b->kind == EP_IPPORT || (off && off->valid && off->num))
			continue;
		if (!first)
			first = b;
		nr++;
	}
	if (!first)
		return 0;

	struct diag *d = diag_emit(out, SEV_NOTE, &first->loc, "schannel:EnableOcspStaplingForSni",
		"OCSP stapling is off for the %zu SNI or Central Certificate Store binding%s (first %s): "
		"SCHANNEL staples OCSP responses for them only with EnableOcspStaplingForSni=1, and it "
		"is set to %llu, so every client checks the certificate's revocation with the CA itself",
		nr, nr == 1 ? "" : "s", first->endpoint, (unsigned long long)v->num);
	diag_add_related(out, d, &v->loc, "EnableOcspStaplingForSni=%llu is set here",
			 (unsigned long long)v->num);
	diag_set_fix(out, d, FIX_SHELL_ANY,
		     "reg add \"HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\" "
		     "/v EnableOcspStaplingForSni /t REG_DWORD /d 1 /f");
	return 0;
}

const struct rule rule_ocsp_stapling_off_for_sni = {
	.id = "SCL018",
	.name = "ocsp-stapling-off-for-sni",
	.summary = "EnableOcspStaplingForSni is set to a value other than 1: SNI and Central Certificate Store bindings staple no OCSP response",
	.level = SEV_NOTE,
	.needs = NEED_SCHANNEL | NEED_BINDINGS,
	.check = check_ocsp_stapling_off_for_sni,
};

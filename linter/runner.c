#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "rule.h"
#include "runner.h"
#include "timing.h"
#include "util.h"

/* What each input need means, and the Windows command that exports it. */
static const struct {
	unsigned need;
	const char *reason;
} need_reasons[] = {
	{ NEED_SCHANNEL,
	  "needs the SCHANNEL settings: reg export "
	  "\"HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\" schannel.reg" },
	{ NEED_BINDINGS,
	  "needs the HTTP.sys bindings: netsh http show sslcert > netsh-sslcert.txt" },
	{ NEED_NETSH,
	  "needs the netsh view of the bindings: netsh http show sslcert > netsh-sslcert.txt" },
	{ NEED_REG_BINDINGS,
	  "needs the registry view of the bindings: reg export "
	  "\"HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\" http-parameters.reg" },
	{ NEED_IIS,
	  "needs the IIS configuration: copy %windir%\\System32\\inetsrv\\config\\applicationHost.config" },
	{ NEED_CERTS,
	  "needs certificate store dumps: Get-ChildItem Cert:\\LocalMachine\\My | ConvertTo-Json > My.json "
	  "(see the README for the full recipe)" },
	{ NEED_ROOT_STORE,
	  "needs a dump of the Root store: Get-ChildItem Cert:\\LocalMachine\\Root | ConvertTo-Json > Root.json" },
	{ NEED_OS_BUILD,
	  "needs snapshot.json build" },
	{ NEED_CA_STORE,
	  "needs a dump of the Intermediate Certification Authorities store: "
	  "Get-ChildItem Cert:\\LocalMachine\\CA | ConvertTo-Json > CA.json" },
};

static int has_need(const struct model *m, unsigned need)
{
	switch (need) {
	case NEED_SCHANNEL:
		return model_reg_key(m, SCHANNEL_KEY) != NULL;
	case NEED_BINDINGS:
		return m->origins != 0;
	case NEED_NETSH:
		return (m->origins & ORIGIN_NETSH) != 0;
	case NEED_REG_BINDINGS:
		return (m->origins & ORIGIN_REG) != 0;
	case NEED_IIS:
		return m->iis_read;
	case NEED_CERTS:
		return m->stores != NULL;
	case NEED_ROOT_STORE:
		return model_find_store(m, "Root") != NULL;
	case NEED_OS_BUILD:
		return model_os_build(m) != 0;
	case NEED_CA_STORE:
		return model_find_store(m, "CA") != NULL;
	}
	BUG("unknown rule need");
}

int runner_has_inputs(const struct model *m, unsigned needs)
{
	for (unsigned bit = 1; bit && bit <= needs; bit <<= 1)
		if ((needs & bit) && !has_need(m, bit))
			return 0;
	return 1;
}

/* The reasons for every missing need, joined with "; ". */
static const char *missing_reasons(const struct model *m, unsigned needs,
				   struct diag_list *arena_owner)
{
	const char *out = NULL;
	for (size_t i = 0; i < sizeof(need_reasons) / sizeof(*need_reasons); i++) {
		if (!(needs & need_reasons[i].need) || has_need(m, need_reasons[i].need))
			continue;
		out = out ? arena_strfmt(&arena_owner->arena, "%s; %s", out, need_reasons[i].reason)
			  : need_reasons[i].reason;
	}
	return out;
}

static void add_not_run(struct not_run **not_run, size_t *nr, size_t *alloc,
			const struct rule *r, const char *reason)
{
	ALLOC_GROW(*not_run, *nr + 1, *alloc);
	struct not_run *n = &(*not_run)[(*nr)++];
	n->rule_id = r->id;
	n->rule_name = r->name;
	n->reason = reason;
	n->host = NULL;
}

int runner_run(const struct model *m, const struct lint_config *cfg,
	       struct diag_list *findings, struct diag_list *inputs,
	       struct not_run **not_run, size_t *nr_not_run)
{
	return runner_run_timed(m, cfg, findings, inputs, not_run, nr_not_run, NULL);
}

int runner_run_timed(const struct model *m, const struct lint_config *cfg,
		     struct diag_list *findings, struct diag_list *inputs,
		     struct not_run **not_run, size_t *nr_not_run, double *rule_seconds)
{
	size_t alloc = 0;
	int failed = 0;

	*not_run = NULL;
	*nr_not_run = 0;
	for (size_t i = 0; i < rule_table_size; i++) {
		const struct rule *r = rule_table[i];
		if (cfg && !config_rule_enabled(cfg, i)) {
			/* never silently off: the report says who turned it off */
			add_not_run(not_run, nr_not_run, &alloc, r,
				    arena_strfmt(&findings->arena, "disabled by %s",
						 config_rule_disabled_at(cfg, i)));
			continue;
		}
		if (!runner_has_inputs(m, r->needs)) {
			add_not_run(not_run, nr_not_run, &alloc, r,
				    missing_reasons(m, r->needs, findings));
			continue;
		}
		findings->rule = r;
		size_t first_skip = findings->nr_skips;
		double t0 = rule_seconds ? timing_now() : 0;
		int rc = r->check(m, findings);
		if (rule_seconds)
			rule_seconds[i] += timing_now() - t0;
		if (rc < 0) {
			diag_input(inputs, "internal", SEV_ERROR, NULL,
				   "rule %s %s failed internally; its findings may be incomplete",
				   r->id, r->name);
			failed++;
		}
		/* the parts of the snapshot it could not check */
		for (size_t k = first_skip; k < findings->nr_skips; k++)
			add_not_run(not_run, nr_not_run, &alloc, r, findings->skips[k].reason);
		findings->rule = NULL;
	}
	return failed;
}

/*
 * SCL015 ctl-store-not-in-snapshot: a binding names a CTL store (Ctl
 * Store Name) that the snapshot's certificate dumps show empty, or do not
 * hold at all.  An empty CTL store trusts no client certificate issuer,
 * so client certificate logon through the binding fails; a store that
 * was not dumped cannot be checked, and the finding says how to export
 * it.  Two messages, one finding per binding, at its Ctl Store Name line.
 */
#include <string.h>

#include "rule.h"

/* s in PowerShell single quotes ('' for a quote inside). */
static const char *sq(struct diag_list *out, const char *s)
{
	char *q = arena_alloc(&out->arena, 2 * strlen(s) + 1), *w = q;
	for (const char *p = s; *p; p++) {
		if (*p == '\'')
			*w++ = '\'';
		*w++ = *p;
	}
	return arena_strfmt(&out->arena, "'%s'", q);
}

/* s as one PowerShell argument: bare when it can be, else single-quoted. */
static const char *ps_quote(struct diag_list *out, const char *s)
{
	return strpbrk(s, " '\"$`;&|<>(){}@#,") ? sq(out, s) : s;
}

static int check_ctl_store_not_in_snapshot(const struct model *m, struct diag_list *out)
{
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		const struct bfield *ctl = binding_get(b, BF_CTL_STORE);
		if (!ctl || !ctl->valid || !ctl->str)
			continue;       /* unknown, unreadable, or none named */
		const struct cert_store *s = model_find_store(m, ctl->str);
		if (s && s->nr_certs)
			continue;

		struct diag *d;
		if (s) {
			d = diag_emit(out, SEV_WARNING, &ctl->loc, b->key,
				"client certificate logon to %s will fail: its CTL store '%s' is empty, "
				"so no client certificate issuer is trusted or offered",
				b->endpoint, ctl->str);
			diag_add_related(out, d, &s->loc, "store '%s' is dumped here, with no certificate",
					 s->name);
			diag_set_fix(out, d,
				"Import-Certificate -FilePath <issuing-ca.cer> -CertStoreLocation %s",
				ps_quote(out, arena_strfmt(&out->arena, "Cert:\\LocalMachine\\%s", s->name)));
		} else {
			d = diag_emit(out, SEV_WARNING, &ctl->loc, b->key,
				"client certificate logon to %s cannot be checked: its CTL store '%s' "
				"is not in the snapshot's store dumps; if it is empty or missing on the server, "
				"no client certificate issuer is trusted and the logon fails",
				b->endpoint, ctl->str);
			/*
			 * The wrapper keeps the store's name when it is empty,
			 * where a bare ConvertTo-Json would write nothing.
			 */
			diag_set_fix(out, d,
				"@{ store = %s; certificates = @(Get-ChildItem %s | "
				"Select-Object Thumbprint, Subject, Issuer, NotBefore, NotAfter, "
				"@{ n = 'RawData'; e = { [Convert]::ToBase64String($_.RawData) } }) } | "
				"ConvertTo-Json -Depth 4 > %s",
				sq(out, ctl->str),
				ps_quote(out, arena_strfmt(&out->arena, "Cert:\\LocalMachine\\%s", ctl->str)),
				ps_quote(out, arena_strfmt(&out->arena, "%s.json", ctl->str)));
		}
	}
	return 0;
}

const struct rule rule_ctl_store_not_in_snapshot = {
	.id = "SCL015",
	.name = "ctl-store-not-in-snapshot",
	.summary = "a binding names a CTL store that the snapshot's store dumps show empty or do not hold",
	.level = SEV_WARNING,
	.needs = NEED_BINDINGS | NEED_CERTS,
	.check = check_ctl_store_not_in_snapshot,
};

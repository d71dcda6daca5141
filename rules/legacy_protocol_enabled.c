/*
 * SCL016 legacy-protocol-enabled: SCHANNEL's server side offers SSL 2.0
 * or 3.0 (error) or TLS 1.0 or 1.1 (warning), or does not offer TLS 1.2
 * (error; "disabled by default" a warning), set in the registry or left
 * to the build's default (the message says which).  One finding per
 * protocol, at the registry value that decides, or at snapshot.json's
 * "build" line when the default does.
 *
 * Per-binding flags: an HTTP.sys binding with "Disable Legacy TLS
 * Versions" set does not serve TLS 1.0/1.1, so those are reported only
 * when some binding serves them (or no binding is in the snapshot); a
 * binding with "Disable TLS1.2" set and no TLS 1.3 to fall back on is an
 * error at that binding.
 *
 * Needs the SCHANNEL export and the build (snapshot.json): without the
 * build, an absent value means nothing the rule can judge.
 */
#include <string.h>

#include "rule.h"

#define PROTOCOLS_KEY "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols"

static int flag_set(const struct httpsys_binding *b, enum bfield_id id, const struct bfield **where)
{
	const struct bfield *f = binding_get(b, id);
	*where = f;
	return f && f->valid && f->num;
}

/* A DWORD as regedit users read it: small ones in decimal, 0xffffffff and the like in hex. */
static const char *num_text(struct diag_list *out, uint64_t v)
{
	return v < 10 ? arena_strfmt(&out->arena, "%llu", (unsigned long long)v)
		      : arena_strfmt(&out->arena, "0x%llx", (unsigned long long)v);
}

/* How the state came about, for the message. */
static const char *how_words(struct diag_list *out, const struct model *m,
			     const struct proto_server_state *st, enum tls_proto p)
{
	if (st->by_default) {
		const struct os_release *r = os_release_for_build(model_os_build(m));
		return arena_strfmt(&out->arena,
				    "by the %s default (build %u; no Enabled or DisabledByDefault value "
				    "under SCHANNEL\\Protocols\\%s\\Server)",
				    r ? r->name : "Windows", (unsigned)model_os_build(m), tls_proto_name(p));
	}
	if (st->enabled && st->disabled_by_default)
		return arena_strfmt(&out->arena, "explicitly (Enabled=%s, DisabledByDefault=%s)",
				    num_text(out, st->enabled->num),
				    num_text(out, st->disabled_by_default->num));
	return arena_strfmt(&out->arena, "explicitly (%s=%s)", st->decider->name,
			    num_text(out, st->decider->num));
}

static void related_values(struct diag_list *out, struct diag *d, const struct proto_server_state *st)
{
	const struct reg_value *v[2] = { st->enabled, st->disabled_by_default };
	for (int i = 0; i < 2; i++)
		if (v[i] && v[i] != st->decider)
			diag_add_related(out, d, &v[i]->loc, "%s=%s is set here", v[i]->name,
					 num_text(out, v[i]->num));
}

/*
 * Whether every IIS binding served by b sets sslFlags 64 (disable legacy
 * TLS): IIS writes that into the HTTP.sys binding, so a netsh text too
 * old to print the field still tells through applicationHost.config.
 */
static int iis_legacy_off(const struct httpsys_binding *b)
{
	for (size_t i = 0; i < b->nr_users; i++)
		if (!(b->users[i]->ssl_flags & IIS_SSL_DISABLE_LEGACY_TLS))
			return 0;
	return b->nr_users > 0;
}

/* Bindings that still serve TLS 1.0/1.1: those without Disable Legacy TLS Versions. */
static size_t legacy_serving(const struct model *m, const struct bfield **first_off)
{
	size_t n = 0;
	*first_off = NULL;
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		const struct bfield *f;
		if (flag_set(b, BF_DISABLE_LEGACY_TLS, &f)) {
			if (!*first_off)
				*first_off = f;
		} else if (!iis_legacy_off(b)) {
			n++;
		}
	}
	return n;
}

static void check_legacy(const struct model *m, struct diag_list *out, enum tls_proto p)
{
	struct proto_server_state st;
	if (schannel_protocol_server(m, p, &st) != PSTATE_ENABLED)
		return;
	int tls = p == PROTO_TLS10 || p == PROTO_TLS11;
	const struct bfield *off = NULL;
	size_t serving = m->nr_bindings;
	if (tls) {
		serving = legacy_serving(m, &off);
		if (m->nr_bindings && !serving)
			return;     /* every binding sets Disable Legacy TLS Versions */
	}
	const char *name = tls_proto_name(p);
	const char *who = "";
	if (tls && off)
		who = arena_strfmt(&out->arena, " to %zu of the %zu HTTP.sys bindings (%zu set "
				   "Disable Legacy TLS Versions)", serving, m->nr_bindings,
				   m->nr_bindings - serving);
	struct diag *d = diag_emit(out, tls ? SEV_WARNING : SEV_ERROR, &st.loc,
		arena_strfmt(&out->arena, "schannel:Protocols/%s/Server", name),
		"%s is enabled for the server %s: clients can still connect%s with a protocol version "
		"that %s",
		name, how_words(out, m, &st, p), who,
		tls ? "is deprecated (RFC 8996) and that new Windows releases disable by default; "
		      "turn it off once no client needs it" :
		      "is broken (SSL 3.0: POODLE; SSL 2.0: prohibited by RFC 6176)");
	related_values(out, d, &st);
	if (off)
		diag_add_related(out, d, &off->loc, "this binding sets Disable Legacy TLS Versions");
	diag_set_fix(out, d, FIX_SHELL_ANY,
		     "reg add \"" PROTOCOLS_KEY "\\%s\\Server\" /v Enabled /t REG_DWORD /d 0 /f", name);
}

static int tls13_on(const struct model *m)
{
	struct proto_server_state st;
	return schannel_protocol_server(m, PROTO_TLS13, &st) == PSTATE_ENABLED;
}

static void check_tls12(const struct model *m, struct diag_list *out)
{
	struct proto_server_state st;
	enum proto_state s = schannel_protocol_server(m, PROTO_TLS12, &st);
	if (s != PSTATE_DISABLED && s != PSTATE_DISABLED_BY_DEFAULT)
		return;
	struct diag *d = diag_emit(out, s == PSTATE_DISABLED ? SEV_ERROR : SEV_WARNING, &st.loc,
		"schannel:Protocols/TLS 1.2/Server",
		s == PSTATE_DISABLED ?
		"TLS 1.2 is disabled for the server %s: clients that do not offer a legacy protocol "
		"version (every current browser) cannot connect to HTTPS on this server%s" :
		"TLS 1.2 is disabled by default for the server %s: Schannel offers it only to an "
		"application that asks for it by name, so HTTP.sys, which takes the system's "
		"defaults, most likely does not offer it%s",
		how_words(out, m, &st, PROTO_TLS12), tls13_on(m) ? " except over TLS 1.3" : "");
	related_values(out, d, &st);
	if (st.os_default == OSD_ENABLED && !st.by_default)
		diag_set_fix(out, d, FIX_SHELL_ANY,
			     "reg delete \"" PROTOCOLS_KEY "\\TLS 1.2\\Server\" /f");
	else
		diag_set_fix(out, d, FIX_SHELL_POWERSHELL,
			     "New-Item -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders"
			     "\\SCHANNEL\\Protocols\\TLS 1.2\\Server' -Force | Out-Null; "
			     "New-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders"
			     "\\SCHANNEL\\Protocols\\TLS 1.2\\Server' -Name Enabled -Value 1 -PropertyType DWord "
			     "-Force | Out-Null; "
			     "New-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders"
			     "\\SCHANNEL\\Protocols\\TLS 1.2\\Server' -Name DisabledByDefault -Value 0 "
			     "-PropertyType DWord -Force | Out-Null");
}

/* A binding that disables TLS 1.2 and has no TLS 1.3 to serve instead. */
static void check_binding_tls12(const struct model *m, struct diag_list *out)
{
	int tls13 = tls13_on(m);
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		const struct bfield *f12, *f13;
		if (!flag_set(b, BF_DISABLE_TLS12, &f12))
			continue;
		if (tls13 && !flag_set(b, BF_DISABLE_TLS13, &f13))
			continue;       /* a TLS 1.3-only binding: a choice, not a fault */
		struct diag *d = diag_emit(out, SEV_ERROR, &f12->loc,
			arena_strfmt(&out->arena, "%s/disabletls12", b->key),
			"binding %s sets Disable TLS1.2 and %s: clients can reach it only with a legacy "
			"protocol version, or not at all",
			b->endpoint,
			tls13 ? "also Disable TLS1.3" : "this server offers no TLS 1.3");
		if (tls13)
			diag_add_related(out, d, &f13->loc, "Disable TLS1.3 is set here");
		fix_binding_update1(out, d, b, BF_DISABLE_TLS12, "disable");
	}
}

static int check_legacy_protocol_enabled(const struct model *m, struct diag_list *out)
{
	check_legacy(m, out, PROTO_SSL2);
	check_legacy(m, out, PROTO_SSL3);
	check_legacy(m, out, PROTO_TLS10);
	check_legacy(m, out, PROTO_TLS11);
	check_tls12(m, out);
	check_binding_tls12(m, out);
	return 0;
}

const struct rule rule_legacy_protocol_enabled = {
	.id = "SCL016",
	.name = "legacy-protocol-enabled",
	.summary = "SSL 2.0/3.0 or TLS 1.0/1.1 enabled for the server, or TLS 1.2 disabled, in the registry or by the OS default",
	.level = SEV_ERROR,
	.needs = NEED_SCHANNEL | NEED_OS_BUILD,
	.check = check_legacy_protocol_enabled,
};

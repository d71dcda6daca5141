/*
 * SCHANNEL's server-side protocol versions: the registry over the OS
 * defaults.  Semantics from learn.microsoft.com "Transport Layer Security
 * (TLS) registry settings", section "TLS, DTLS and SSL Protocol Version
 * Settings": Enabled nonzero and DisabledByDefault 0 is Enabled; both
 * nonzero is Disabled by default; Enabled 0 is Disabled.
 */
#include <stdio.h>
#include <string.h>

#include "schannel_protocols.h"

uint32_t model_os_build(const struct model *m)
{
	return m->manifest.present ? m->manifest.build : 0;
}

/* A value under Protocols\<p>\Server: *v NULL when absent; -1 when present but unreadable. */
static int server_value(const struct model *m, enum tls_proto p, const char *name,
			const struct reg_value **v)
{
	char sub[64];
	snprintf(sub, sizeof(sub), "Protocols\\%s\\Server", tls_proto_name(p));
	*v = model_schannel_get(m, sub, name);
	if (*v && (!(*v)->valid || (*v)->type != REGT_DWORD))
		return -1;
	return 0;
}

static enum proto_state decided(struct proto_server_state *st, enum proto_state s,
				const struct reg_value *by)
{
	st->state = s;
	st->decider = by;
	if (by)
		st->loc = by->loc;
	return s;
}

/* The build's default decides. */
static enum proto_state by_default(const struct model *m, struct proto_server_state *st)
{
	st->by_default = 1;
	if (st->os_default != OSD_UNKNOWN)
		st->loc = m->manifest.build_loc;
	switch (st->os_default) {
	case OSD_ENABLED:
		return decided(st, PSTATE_ENABLED, NULL);
	case OSD_DISABLED:
		return decided(st, PSTATE_DISABLED, NULL);
	case OSD_NOT_SUPPORTED:
		return decided(st, PSTATE_NOT_SUPPORTED, NULL);
	case OSD_UNKNOWN:
		break;
	}
	return decided(st, PSTATE_UNKNOWN, NULL);
}

enum proto_state schannel_protocol_server(const struct model *m, enum tls_proto p,
					  struct proto_server_state *st)
{
	const struct reg_value *e, *d;
	int bad_e = server_value(m, p, "Enabled", &e);
	int bad_d = server_value(m, p, "DisabledByDefault", &d);

	memset(st, 0, sizeof(*st));
	st->os_default = os_default_server(model_os_build(m), p);
	st->enabled = e;
	st->disabled_by_default = d;
	if (st->os_default == OSD_NOT_SUPPORTED)
		return by_default(m, st);
	if (bad_e)
		return decided(st, PSTATE_UNKNOWN, e);
	if (e && e->num == 0)
		return decided(st, PSTATE_DISABLED, e);
	if (bad_d)
		return decided(st, PSTATE_UNKNOWN, d);
	if (d && d->num != 0)
		return decided(st, PSTATE_DISABLED_BY_DEFAULT, d);
	if (e && d)
		return decided(st, PSTATE_ENABLED, e);
	if (e || d)
		return decided(st, st->os_default == OSD_ENABLED ? PSTATE_ENABLED : PSTATE_UNKNOWN,
			       e ? e : d);
	return by_default(m, st);
}

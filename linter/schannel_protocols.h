#ifndef SCHANNEL_PROTOCOLS_H
#define SCHANNEL_PROTOCOLS_H

#include "model.h"
#include "os_defaults.h"

/*
 * The effective state of one protocol for SCHANNEL's server side: the
 * registry's Protocols\<name>\Server values "Enabled" and
 * "DisabledByDefault" over the defaults table of the snapshot's build.
 */
enum proto_state {
	PSTATE_UNKNOWN = 0,          /* the snapshot cannot tell (no build, a value that cannot be read,
					a combination Microsoft does not describe) */
	PSTATE_ENABLED,              /* Schannel may negotiate it */
	PSTATE_DISABLED_BY_DEFAULT,  /* only a caller that asks for it by name (SCHANNEL_CRED) gets it */
	PSTATE_DISABLED,             /* never negotiated (Enabled=0, or off by the OS default) */
	PSTATE_NOT_SUPPORTED,        /* the build has no such protocol: the registry cannot turn it on */
};

struct proto_server_state {
	enum proto_state state;
	int by_default;                       /* the OS default decided: no registry value did */
	enum os_default os_default;           /* the build's default (OSD_UNKNOWN without a build) */
	const struct reg_value *enabled;      /* "Enabled" as exported, or NULL when absent */
	const struct reg_value *disabled_by_default;   /* "DisabledByDefault", or NULL */
	const struct reg_value *decider;      /* the value that decided, NULL when the default did */
	struct srcloc loc;                    /* the decider's line; the manifest's "build" line when
						 the default decided; all 0 when unknown and nothing tells */
};

/*
 * Fills *st with protocol p's server state (see "TLS registry settings"):
 * - Enabled=0: disabled, whatever DisabledByDefault says;
 * - DisabledByDefault nonzero (Enabled absent or nonzero): disabled by default;
 * - Enabled nonzero and DisabledByDefault=0: enabled;
 * - one of them alone (Enabled nonzero, or DisabledByDefault=0): enabled
 *   when the build enables it by default, else unknown (Microsoft
 *   describes setting both to turn a protocol on);
 * - neither: the build's default, "Disabled" in Microsoft's table being
 *   PSTATE_DISABLED.
 * A protocol the build does not support is PSTATE_NOT_SUPPORTED whatever
 * the registry says.  A value present but not a readable REG_DWORD makes
 * the state unknown (loc at it).  Returns st->state.
 */
enum proto_state schannel_protocol_server(const struct model *m, enum tls_proto p,
					  struct proto_server_state *st);

/* The build the manifest gives (0 when none). */
uint32_t model_os_build(const struct model *m);

#endif

#ifndef OS_DEFAULTS_H
#define OS_DEFAULTS_H

#include <stdint.h>

/*
 * What a Windows Server build does when the registry says nothing: which
 * SSL/TLS versions the server side of SCHANNEL offers, whether the
 * client authentication trust modes exist, whether TLS 1.3 exists.
 *
 * One row per server release (os_defaults.c, with the Microsoft pages it
 * comes from).  A build between rows uses the row at or below it (a
 * Windows 10 build 10586 takes 2012 R2's row); a build below the first
 * row (7601) has no row and every answer is unknown.
 */

enum tls_proto {
	PROTO_SSL2,
	PROTO_SSL3,
	PROTO_TLS10,
	PROTO_TLS11,
	PROTO_TLS12,
	PROTO_TLS13,
	PROTO__COUNT
};

/* "SSL 2.0", "SSL 3.0", "TLS 1.0", ...: the SCHANNEL\Protocols subkey name, which is also the message text. */
const char *tls_proto_name(enum tls_proto p);

/* The server side's default for a protocol on one release. */
enum os_default {
	OSD_UNKNOWN = 0,        /* no row, or Microsoft's pages disagree: rules stay silent */
	OSD_ENABLED,            /* on unless the registry turns it off */
	OSD_DISABLED,           /* "Disabled" in Microsoft's table: off unless the registry turns it on */
	OSD_NOT_SUPPORTED,      /* the release has no such protocol: the registry cannot turn it on */
};

/* "enabled", "disabled", "not supported", "unknown". */
const char *os_default_name(enum os_default d);

struct os_release {
	uint32_t build;          /* first build of the release: 7601, 9200, ... */
	const char *name;        /* "Windows Server 2012 R2" */
	enum os_default server[PROTO__COUNT];
	int trust_modes;         /* ClientAuthTrustMode exists (Windows Server 2012 and later) */
	int tls13;               /* TLS 1.3 exists (Windows Server 2022, build 20348, and later) */
};

/* The row for build (the row at or below it), or NULL when build is 0 or below the first row. */
const struct os_release *os_release_for_build(uint32_t build);

/* The server default of p on build: OSD_UNKNOWN when os_release_for_build() gives no row. */
enum os_default os_default_server(uint32_t build, enum tls_proto p);

#endif

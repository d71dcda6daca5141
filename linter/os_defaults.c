/*
 * The defaults table: what each Windows Server release does with a
 * protocol when SCHANNEL\Protocols says nothing.
 *
 * Source: learn.microsoft.com "Protocols in TLS/SSL (Schannel SSP)"
 * (https://learn.microsoft.com/en-us/windows/win32/secauthn/protocols-in-tls-ssl--schannel-ssp-),
 * its tables "TLS protocol version support" and "Pre-TLS standard
 * protocols support", server columns:
 *
 *   release (build)            SSL2   SSL3   TLS1.0 TLS1.1 TLS1.2 TLS1.3
 *   2008 R2 (7601)             on     on     on     off    off    n/s
 *   2012 (9200), 2012 R2 (9600) off   on     on     on     on     n/s
 *   2016 (14393), 2019 (17763) n/s    off    on     on     on     n/s
 *   2022 (20348)               n/s    off    on     on     on     on
 *
 * "Beginning with Windows 10, version 1607 and Windows Server 2016, SSL
 * 2.0 has been removed and is no longer supported."
 *
 * Windows Server 2025 (26100) has no row in that table.  "TLS 1.0 and
 * TLS 1.1 deprecation in Windows" says they are "disabled by default"
 * "starting in Windows 11 Insider Preview builds for September 2023 and
 * continuing in future Windows OS releases", and the announcement says
 * the change "will not impact any in-market OS versions"; no Microsoft
 * page names Windows Server 2025's defaults for them.  So TLS 1.0 and
 * 1.1 are unknown on 2025 (a rule says nothing of the default), and the
 * other protocols keep 2022's values, which nothing contradicts.
 *
 * Trust modes (ClientAuthTrustMode): Windows Server 2012 and later
 * ("What's New in TLS/SSL (Schannel SSP)").  TLS 1.3: Windows Server
 * 2022 and later (the table above).
 */
#include <stddef.h>

#include "os_defaults.h"

#define ON OSD_ENABLED
#define OFF OSD_DISABLED
#define NS OSD_NOT_SUPPORTED
#define UNK OSD_UNKNOWN

/* Sorted by build.  Columns: SSL 2.0, SSL 3.0, TLS 1.0, 1.1, 1.2, 1.3. */
static const struct os_release releases[] = {
	{ 7601, "Windows Server 2008 R2", { ON, ON, ON, OFF, OFF, NS }, 0, 0 },
	{ 9200, "Windows Server 2012", { OFF, ON, ON, ON, ON, NS }, 1, 0 },
	{ 9600, "Windows Server 2012 R2", { OFF, ON, ON, ON, ON, NS }, 1, 0 },
	{ 14393, "Windows Server 2016", { NS, OFF, ON, ON, ON, NS }, 1, 0 },
	{ 17763, "Windows Server 2019", { NS, OFF, ON, ON, ON, NS }, 1, 0 },
	{ 20348, "Windows Server 2022", { NS, OFF, ON, ON, ON, ON }, 1, 1 },
	{ 26100, "Windows Server 2025", { NS, OFF, UNK, UNK, ON, ON }, 1, 1 },
};

static const char *const proto_names[PROTO__COUNT] = {
	"SSL 2.0", "SSL 3.0", "TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3",
};

const char *tls_proto_name(enum tls_proto p)
{
	return (unsigned)p < PROTO__COUNT ? proto_names[p] : "?";
}

const char *os_default_name(enum os_default d)
{
	switch (d) {
	case OSD_ENABLED:
		return "enabled";
	case OSD_DISABLED:
		return "disabled";
	case OSD_NOT_SUPPORTED:
		return "not supported";
	case OSD_UNKNOWN:
		break;
	}
	return "unknown";
}

const struct os_release *os_release_for_build(uint32_t build)
{
	const struct os_release *r = NULL;
	for (size_t i = 0; i < sizeof(releases) / sizeof(*releases); i++)
		if (releases[i].build <= build)
			r = &releases[i];
	return r;
}

enum os_default os_default_server(uint32_t build, enum tls_proto p)
{
	const struct os_release *r = os_release_for_build(build);
	return r && (unsigned)p < PROTO__COUNT ? r->server[p] : OSD_UNKNOWN;
}

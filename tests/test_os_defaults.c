/*
 * os_defaults: the table by build (rows at or below a build, no row
 * before 7601), and schannel_protocols: the registry's Enabled /
 * DisabledByDefault over those defaults, with the deciding location.
 */
#include <string.h>

#include "schannel_protocols.h"
#include "unit.h"

static void test_rows(void)
{
	CU_ASSERT_PTR_NULL(os_release_for_build(0));
	CU_ASSERT_PTR_NULL(os_release_for_build(7600));
	CU_ASSERT_STRING_EQUAL(os_release_for_build(7601)->name, "Windows Server 2008 R2");
	CU_ASSERT_STRING_EQUAL(os_release_for_build(9200)->name, "Windows Server 2012");
	CU_ASSERT_STRING_EQUAL(os_release_for_build(9599)->name, "Windows Server 2012");
	CU_ASSERT_STRING_EQUAL(os_release_for_build(9600)->name, "Windows Server 2012 R2");
	/* a Windows 10 build between rows takes the row below it */
	CU_ASSERT_STRING_EQUAL(os_release_for_build(10586)->name, "Windows Server 2012 R2");
	CU_ASSERT_STRING_EQUAL(os_release_for_build(14393)->name, "Windows Server 2016");
	CU_ASSERT_STRING_EQUAL(os_release_for_build(17763)->name, "Windows Server 2019");
	CU_ASSERT_STRING_EQUAL(os_release_for_build(20348)->name, "Windows Server 2022");
	CU_ASSERT_STRING_EQUAL(os_release_for_build(26100)->name, "Windows Server 2025");
	CU_ASSERT_STRING_EQUAL(os_release_for_build(99999)->name, "Windows Server 2025");

	CU_ASSERT_EQUAL(os_release_for_build(7601)->trust_modes, 0);
	CU_ASSERT_EQUAL(os_release_for_build(9200)->trust_modes, 1);
	CU_ASSERT_EQUAL(os_release_for_build(17763)->tls13, 0);
	CU_ASSERT_EQUAL(os_release_for_build(20348)->tls13, 1);
}

static void test_defaults(void)
{
	/* Microsoft's "Protocols in TLS/SSL (Schannel SSP)", server columns */
	CU_ASSERT_EQUAL(os_default_server(7601, PROTO_SSL2), OSD_ENABLED);
	CU_ASSERT_EQUAL(os_default_server(7601, PROTO_TLS11), OSD_DISABLED);
	CU_ASSERT_EQUAL(os_default_server(7601, PROTO_TLS12), OSD_DISABLED);
	CU_ASSERT_EQUAL(os_default_server(9600, PROTO_SSL2), OSD_DISABLED);
	CU_ASSERT_EQUAL(os_default_server(9600, PROTO_SSL3), OSD_ENABLED);
	CU_ASSERT_EQUAL(os_default_server(9600, PROTO_TLS10), OSD_ENABLED);
	CU_ASSERT_EQUAL(os_default_server(9600, PROTO_TLS13), OSD_NOT_SUPPORTED);
	CU_ASSERT_EQUAL(os_default_server(14393, PROTO_SSL2), OSD_NOT_SUPPORTED);
	CU_ASSERT_EQUAL(os_default_server(14393, PROTO_SSL3), OSD_DISABLED);
	CU_ASSERT_EQUAL(os_default_server(20348, PROTO_TLS13), OSD_ENABLED);
	/* 2025: Microsoft's pages do not agree on TLS 1.0/1.1 */
	CU_ASSERT_EQUAL(os_default_server(26100, PROTO_TLS10), OSD_UNKNOWN);
	CU_ASSERT_EQUAL(os_default_server(26100, PROTO_TLS11), OSD_UNKNOWN);
	CU_ASSERT_EQUAL(os_default_server(26100, PROTO_TLS12), OSD_ENABLED);
	/* no build, no answer */
	CU_ASSERT_EQUAL(os_default_server(0, PROTO_TLS12), OSD_UNKNOWN);
	CU_ASSERT_STRING_EQUAL(tls_proto_name(PROTO_TLS11), "TLS 1.1");
	CU_ASSERT_STRING_EQUAL(os_default_name(OSD_NOT_SUPPORTED), "not supported");
}

#define SCH "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"

static void parse(struct unit_snapshot *s, const char *reg, uint32_t build)
{
	unit_parse_str(s, parse_reg, "schannel.reg", reg);
	CU_ASSERT_EQUAL(s->errors, 0);
	if (build) {
		s->m.manifest.present = 1;
		s->m.manifest.build = build;
		s->m.manifest.build_loc.file = model_intern_file(&s->m, "snapshot.json");
		s->m.manifest.build_loc.line = 4;
	}
}

static void test_state(void)
{
	struct unit_snapshot s;
	struct proto_server_state st;

	parse(&s, "Windows Registry Editor Version 5.00\n\n"
	      SCH "\\Protocols\\SSL 3.0\\Server]\n"                          /* 3 */
	      "\"DisabledByDefault\"=dword:00000000\n"
	      "\"Enabled\"=dword:ffffffff\n"                                 /* 5 */
	      "\n" SCH "\\Protocols\\TLS 1.0\\Server]\n"                     /* 7 */
	      "\"DisabledByDefault\"=dword:00000001\n"                       /* 8 */
	      "\"Enabled\"=dword:00000000\n"                                 /* 9 */
	      "\n" SCH "\\Protocols\\TLS 1.1\\Server]\n"                     /* 11 */
	      "\"DisabledByDefault\"=dword:00000001\n"                       /* 12 */
	      "\n" SCH "\\Protocols\\TLS 1.2\\Server]\n"                     /* 14 */
	      "\"Enabled\"=dword:00000001\n"                                 /* 15 */
	      "\n" SCH "\\Protocols\\SSL 2.0\\Server]\n"                     /* 17 */
	      "\"Enabled\"=dword:00000001\n"                                 /* 18 */
	      "\"DisabledByDefault\"=dword:00000000\n"
	      "\n" SCH "\\Protocols\\TLS 1.3\\Server]\n"                     /* 21 */
	      "\"Enabled\"=\"1\"\n",                                          /* 22 */
	      14393);

	/* both values: enabled, at Enabled */
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_SSL3, &st), PSTATE_ENABLED);
	CU_ASSERT_EQUAL(st.by_default, 0);
	CU_ASSERT_EQUAL(st.loc.line, 5);
	CU_ASSERT_EQUAL(st.os_default, OSD_DISABLED);
	/* Enabled=0 wins over DisabledByDefault */
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_TLS10, &st), PSTATE_DISABLED);
	CU_ASSERT_EQUAL(st.loc.line, 9);
	/* DisabledByDefault alone */
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_TLS11, &st), PSTATE_DISABLED_BY_DEFAULT);
	CU_ASSERT_EQUAL(st.loc.line, 12);
	/* Enabled alone, the build enables it anyway */
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_TLS12, &st), PSTATE_ENABLED);
	CU_ASSERT_EQUAL(st.loc.line, 15);
	/* 2016 has no SSL 2.0: the registry cannot turn it on */
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_SSL2, &st), PSTATE_NOT_SUPPORTED);
	CU_ASSERT_EQUAL(st.by_default, 1);
	CU_ASSERT_EQUAL(st.loc.line, 4);
	/* not supported by the build comes first, whatever the registry says */
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_TLS13, &st), PSTATE_NOT_SUPPORTED);
	unit_snapshot_release(&s);

	/* the same export on 2022: TLS 1.3's REG_SZ cannot be read */
	parse(&s, "Windows Registry Editor Version 5.00\n\n"
	      SCH "\\Protocols\\TLS 1.3\\Server]\n"
	      "\"Enabled\"=\"1\"\n", 20348);
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_TLS13, &st), PSTATE_UNKNOWN);
	CU_ASSERT_EQUAL(st.loc.line, 4);
	/* nothing written: the default, at the build line */
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_TLS10, &st), PSTATE_ENABLED);
	CU_ASSERT_EQUAL(st.by_default, 1);
	CU_ASSERT_PTR_NULL(st.decider);
	CU_ASSERT_STRING_EQUAL(st.loc.file, "snapshot.json");
	CU_ASSERT_EQUAL(st.loc.line, 4);
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_SSL3, &st), PSTATE_DISABLED);
	CU_ASSERT_EQUAL(st.by_default, 1);
	unit_snapshot_release(&s);
}

static void test_no_build(void)
{
	struct unit_snapshot s;
	struct proto_server_state st;

	parse(&s, "Windows Registry Editor Version 5.00\n\n"
	      SCH "\\Protocols\\TLS 1.0\\Server]\n"
	      "\"Enabled\"=dword:00000000\n"
	      "\n" SCH "\\Protocols\\TLS 1.1\\Server]\n"
	      "\"Enabled\"=dword:00000001\n"
	      "\n" SCH "\\Protocols\\TLS 1.1\\Client]\n"
	      "\"Enabled\"=dword:00000000\n"
	      "\"DisabledByDefault\"=dword:00000001\n", 0);
	/* an explicit Enabled=0 needs no build */
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_TLS10, &st), PSTATE_DISABLED);
	CU_ASSERT_EQUAL(st.loc.line, 4);
	/* Enabled alone, no build to say what DisabledByDefault would be; Client is not Server */
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_TLS11, &st), PSTATE_UNKNOWN);
	/* nothing at all: unknown, and no location */
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_TLS12, &st), PSTATE_UNKNOWN);
	CU_ASSERT_EQUAL(st.loc.line, 0);
	CU_ASSERT_PTR_NULL(st.loc.file);
	unit_snapshot_release(&s);

	/* 2008 R2: TLS 1.2 off by default; DisabledByDefault=0 alone is not enough to say */
	parse(&s, "Windows Registry Editor Version 5.00\n\n"
	      SCH "\\Protocols\\TLS 1.2\\Server]\n"
	      "\"DisabledByDefault\"=dword:00000000\n", 7601);
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_TLS12, &st), PSTATE_UNKNOWN);
	CU_ASSERT_EQUAL(schannel_protocol_server(&s.m, PROTO_TLS11, &st), PSTATE_DISABLED);
	CU_ASSERT_EQUAL(st.by_default, 1);
	unit_snapshot_release(&s);
}

void suite_os_defaults(void);
void suite_os_defaults(void)
{
	ADD_SUITE("os_defaults",
		  { "rows by build", test_rows },
		  { "server defaults", test_defaults },
		  { "registry over defaults", test_state },
		  { "without a build", test_no_build });
}

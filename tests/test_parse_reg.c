/*
 * parse_reg: registry exports into the model.  Every test checks exact
 * values and line numbers, and the diagnostics by level, line and text.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit.h"
#include "util.h"

#define HDR "Windows Registry Editor Version 5.00\n"
#define SCH "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"
#define HTTP "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"
#define HTTP_SHORT "HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"

/* CU_ASSERT_STRING_EQUAL that fails, rather than crashes, on NULL */
#define ASSERT_STR(actual, expected) \
	do { \
		const char *actual_ = (actual); \
		CU_ASSERT_PTR_NOT_NULL(actual_); \
		if (actual_) \
			CU_ASSERT_STRING_EQUAL(actual_, (expected)); \
	} while (0)

static void parse(struct unit_snapshot *s, const char *str)
{
	unit_parse_str(s, parse_reg, "t.reg", str);
}

/* The only diagnostic at `level` whose message holds `needle`, or NULL (and a failure). */
static const struct diag *one_diag(const struct unit_snapshot *s, enum severity level,
				   const char *needle)
{
	const struct diag *found = NULL;
	size_t n = 0;
	for (size_t i = 0; i < s->diags.nr; i++) {
		const struct diag *d = s->diags.items[i];
		if (d->level == level && strstr(d->message, needle)) {
			found = d;
			n++;
		}
	}
	CU_ASSERT_EQUAL(n, 1);
	if (n != 1) {
		fprintf(stderr, "\nwanted one diagnostic with '%s'; have:\n", needle);
		for (size_t i = 0; i < s->diags.nr; i++)
			fprintf(stderr, "  %u:%u %s: %s\n", (unsigned)s->diags.items[i]->loc.line,
				(unsigned)s->diags.items[i]->loc.col,
				severity_name(s->diags.items[i]->level), s->diags.items[i]->message);
		return NULL;
	}
	ASSERT_STR(found->rule_id, "parse.reg");
	return found;
}

/* Asserts a diagnostic's line (and column when col is not 0). */
static void diag_at(const struct unit_snapshot *s, enum severity level, const char *needle,
		    unsigned line, unsigned col)
{
	const struct diag *d = one_diag(s, level, needle);
	if (!d)
		return;
	CU_ASSERT_EQUAL(d->loc.line, line);
	if (col)
		CU_ASSERT_EQUAL(d->loc.col, col);
	if (d->loc.line != line || (col && d->loc.col != col))
		fprintf(stderr, "\n%s: at %u:%u, wanted %u:%u\n", d->message,
			(unsigned)d->loc.line, (unsigned)d->loc.col, line, col);
	CU_ASSERT_PTR_NOT_NULL(d->loc.file);
	if (d->loc.file)
		ASSERT_STR(d->loc.file, "t.reg");
}

static size_t nr_values(const struct model *m)
{
	size_t n = 0;
	for (const struct reg_value *v = m->reg_values; v; v = v->next)
		n++;
	return n;
}

static const struct reg_value *get(const struct unit_snapshot *s, const char *key, const char *name)
{
	const struct reg_value *v = model_reg_get(&s->m, key, name);
	CU_ASSERT_PTR_NOT_NULL(v);
	return v;
}

/* A DWORD value with its number and line. */
static void dword_at(const struct unit_snapshot *s, const char *key, const char *name,
		     uint64_t num, unsigned line)
{
	const struct reg_value *v = get(s, key, name);
	if (!v)
		return;
	CU_ASSERT_EQUAL(v->type, REGT_DWORD);
	CU_ASSERT_EQUAL(v->valid, 1);
	CU_ASSERT_EQUAL(v->deleted, 0);
	CU_ASSERT_EQUAL(v->num, num);
	CU_ASSERT_EQUAL(v->loc.line, line);
}

/* ---- headers ---- */

static void test_header_v5(void)
{
	struct unit_snapshot s;
	parse(&s, HDR
	      "\n"
	      "[" SCH "]\n"
	      "\"SendTrustedIssuerList\"=dword:00000001\n"
	      "\"ClientAuthTrustMode\"=dword:00000002\n"
	      "\n"
	      "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server]\n"
	      "\"Enabled\"=dword:00000000\n"
	      "\"DisabledByDefault\"=dword:00000001\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);

	const struct reg_value *v = model_schannel_get(&s.m, "", "SendTrustedIssuerList");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->num, 1);
	CU_ASSERT_EQUAL(v->type, REGT_DWORD);
	CU_ASSERT_EQUAL(v->loc.line, 4);
	CU_ASSERT_EQUAL(v->loc.col, 0);
	ASSERT_STR(v->key, SCHANNEL_KEY);
	ASSERT_STR(v->loc.path, SCHANNEL_KEY);
	ASSERT_STR(v->loc.file, "t.reg");
	CU_ASSERT_PTR_EQUAL(v->loc.file, model_intern_file(&s.m, "t.reg"));

	v = model_schannel_get(&s.m, "", "ClientAuthTrustMode");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->num, 2);
	CU_ASSERT_EQUAL(v->loc.line, 5);

	/* ControlSet001 and HKEY_LOCAL_MACHINE are canonicalised */
	v = model_schannel_get(&s.m, "Protocols\\TLS 1.0\\Server", "Enabled");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->num, 0);
	CU_ASSERT_EQUAL(v->loc.line, 8);
	ASSERT_STR(v->key, SCHANNEL_KEY "\\Protocols\\TLS 1.0\\Server");
	v = model_schannel_get(&s.m, "Protocols\\TLS 1.0\\Server", "DisabledByDefault");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->num, 1);
	CU_ASSERT_EQUAL(v->loc.line, 9);

	const struct reg_key *k = model_reg_key(&s.m, SCHANNEL_KEY "\\Protocols\\TLS 1.0\\Server");
	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	CU_ASSERT_EQUAL(k->loc.line, 7);
	ASSERT_STR(k->path, SCHANNEL_KEY "\\Protocols\\TLS 1.0\\Server");
	CU_ASSERT_EQUAL(nr_values(&s.m), 4);
	CU_ASSERT_EQUAL(s.m.origins, 0);
	unit_snapshot_release(&s);
}

static void test_header_regedit4(void)
{
	struct unit_snapshot s;
	/* REGEDIT4: hex(2) and hex(7) are 8-bit (Windows-1252) strings */
	parse(&s, "REGEDIT4\n"
	      "\n"
	      "[HKEY_CURRENT_USER\\Software\\Test]\n"
	      "\"Path\"=hex(2):25,53,79,73,25,80,00\n"
	      "\"Multi\"=hex(7):61,00,62,63,00,00\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	const struct reg_value *v = get(&s, "HKCU\\Software\\Test", "Path");
	if (v) {
		CU_ASSERT_EQUAL(v->type, REGT_EXPAND_SZ);
		ASSERT_STR(v->str, "%Sys%\xe2\x82\xac");
		CU_ASSERT_EQUAL(v->len, 7);
		ASSERT_STR(v->key, "HKCU\\Software\\Test");
	}
	v = get(&s, "HKCU\\Software\\Test", "Multi");
	if (v) {
		CU_ASSERT_EQUAL(v->type, REGT_MULTI_SZ);
		ASSERT_STR(v->str, "a\nbc");
		CU_ASSERT_EQUAL(v->loc.line, 5);
	}
	unit_snapshot_release(&s);
}

static void test_header_missing(void)
{
	struct unit_snapshot s;
	parse(&s, "\n"
	      "[HKLM\\SOFTWARE\\Test]\n"
	      "\"A\"=dword:1\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	diag_at(&s, SEV_WARNING,
		"missing header 'Windows Registry Editor Version 5.00'; read as a registry snippet", 1, 0);
	dword_at(&s, "HKLM\\SOFTWARE\\Test", "A", 1, 3);
	unit_snapshot_release(&s);

	/* indented header (the azure_sf corpus file), and one repeated later */
	parse(&s, "    " HDR
	      "[HKLM\\SOFTWARE\\A]\n"
	      "\"A\"=dword:1\n"
	      HDR
	      "[HKLM\\SOFTWARE\\B]\n"
	      "\"B\"=dword:2\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	dword_at(&s, "HKLM\\SOFTWARE\\B", "B", 2, 6);
	unit_snapshot_release(&s);

	/* a header of another version: read as 5.00, with a warning */
	parse(&s, "Windows Registry Editor Version 6.00\n"
	      "[HKLM\\SOFTWARE\\A]\n"
	      "\"A\"=dword:1\n");
	CU_ASSERT_EQUAL(s.errors, 0);
	diag_at(&s, SEV_WARNING, "unknown header 'Windows Registry Editor Version 6.00'", 1, 1);
	dword_at(&s, "HKLM\\SOFTWARE\\A", "A", 1, 3);
	unit_snapshot_release(&s);
}

static void test_not_a_registry_export(void)
{
	struct unit_snapshot s;
	parse(&s, "hello\n");
	CU_ASSERT_EQUAL(s.errors, 2);
	diag_at(&s, SEV_ERROR, "unexpected line 'hello': expected '[key]', '\"name\"=value' or a comment", 1, 1);
	diag_at(&s, SEV_ERROR, "missing header 'Windows Registry Editor Version 5.00' and no '[key]' line: "
		"not a registry export", 1, 0);
	unit_snapshot_release(&s);

	parse(&s, "");
	CU_ASSERT_EQUAL(s.errors, 1);
	diag_at(&s, SEV_ERROR, "not a registry export", 1, 0);
	unit_snapshot_release(&s);

	/* the header alone is a valid, empty export */
	parse(&s, HDR);
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(nr_values(&s.m), 0);
	unit_snapshot_release(&s);
}

/* ---- values ---- */

#define TK "HKLM\\SOFTWARE\\Types"

static void test_value_types(void)
{
	struct unit_snapshot s;
	parse(&s, HDR                                                     /* 1 */
	      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Types]\n"                   /* 2 */
	      "@=\"default\"\n"                                           /* 3 */
	      "\"Sz\"=\"C:\\\\Program Files\\\\\\\"x\\\"\"\n"             /* 4 */
	      "\"Dw\"=dword:DeadBeef\n"                                   /* 5 */
	      "\"Dw1\"=dword:a\n"                                         /* 6 */
	      "\"Bin\"=hex:00,01,fe,FF\n"                                 /* 7 */
	      "\"Empty\"=hex:\n"                                          /* 8 */
	      "\"Exp\"=hex(2):25,00,53,00,79,00,73,00,74,00,65,00,6d,00,52,00,6f,00,6f,00,"
	      "74,00,25,00,5c,00,e9,00,00,00\n"                           /* 9 */
	      "\"Multi\"=hex(7):61,00,62,00,00,00,63,00,00,00,00,00\n"    /* 10 */
	      "\"Q\"=hex(b):08,07,06,05,04,03,02,01\n"                    /* 11 */
	      "\"D4\"=hex(4):02,01,00,00\n"                               /* 12 */
	      "\"DBE\"=hex(5):00,00,01,02\n"                              /* 13 */
	      "\"None\"=hex(0):\n"                                        /* 14 */
	      "\"Odd\"=HEX(20):aa\n"                                      /* 15 */
	      "\"Del\"=-\n"                                               /* 16 */
	      "\"Sz1\"=hex(1):41,00,3d,d8,00,de,00,00\n"                  /* 17 */
	      "\"Esc\\\"Name\\\\\"=\"v\"\n"                               /* 18 */
	      "\"Empty str\"=\"\"\n"                                      /* 19 */
	      "\"Spaced\" = dword:00000010\n"                             /* 20 */
	      "\"Short\"=hex:1,2\n");                                     /* 21 */
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(nr_values(&s.m), 19);

	const struct reg_value *v;
	if ((v = get(&s, TK, ""))) {
		ASSERT_STR(v->name, "");
		CU_ASSERT_EQUAL(v->type, REGT_SZ);
		ASSERT_STR(v->str, "default");
		CU_ASSERT_EQUAL(v->loc.line, 3);
	}
	if ((v = get(&s, TK, "Sz"))) {
		CU_ASSERT_EQUAL(v->type, REGT_SZ);
		ASSERT_STR(v->str, "C:\\Program Files\\\"x\"");
		CU_ASSERT_PTR_NULL(v->bytes);
	}
	dword_at(&s, TK, "Dw", 0xdeadbeef, 5);
	dword_at(&s, TK, "Dw1", 10, 6);
	if ((v = get(&s, TK, "Bin"))) {
		CU_ASSERT_EQUAL(v->type, REGT_BINARY);
		CU_ASSERT_EQUAL_FATAL(v->len, 4);
		CU_ASSERT(!memcmp(v->bytes, "\x00\x01\xfe\xff", 4));
		CU_ASSERT_PTR_NULL(v->str);
		CU_ASSERT_EQUAL(v->loc.line, 7);
	}
	if ((v = get(&s, TK, "Empty"))) {
		CU_ASSERT_EQUAL(v->type, REGT_BINARY);
		CU_ASSERT_EQUAL(v->len, 0);
		CU_ASSERT_EQUAL(v->valid, 1);
	}
	if ((v = get(&s, TK, "Exp"))) {
		CU_ASSERT_EQUAL(v->type, REGT_EXPAND_SZ);
		ASSERT_STR(v->str, "%SystemRoot%\\\xc3\xa9");
		CU_ASSERT_EQUAL(v->len, 30);
		CU_ASSERT_EQUAL(v->loc.line, 9);
	}
	if ((v = get(&s, TK, "Multi"))) {
		CU_ASSERT_EQUAL(v->type, REGT_MULTI_SZ);
		ASSERT_STR(v->str, "ab\nc");
		CU_ASSERT_EQUAL(v->len, 12);
	}
	if ((v = get(&s, TK, "Q"))) {
		CU_ASSERT_EQUAL(v->type, REGT_QWORD);
		CU_ASSERT_EQUAL(v->num, 0x0102030405060708ULL);
		CU_ASSERT_EQUAL(v->len, 8);
	}
	if ((v = get(&s, TK, "D4"))) {
		CU_ASSERT_EQUAL(v->type, REGT_DWORD);
		CU_ASSERT_EQUAL(v->num, 0x102);
	}
	if ((v = get(&s, TK, "DBE"))) {
		CU_ASSERT_EQUAL(v->type, REGT_DWORD_BIG_ENDIAN);
		CU_ASSERT_EQUAL(v->num, 0x102);
	}
	if ((v = get(&s, TK, "None"))) {
		CU_ASSERT_EQUAL(v->type, REGT_NONE);
		CU_ASSERT_EQUAL(v->len, 0);
		CU_ASSERT_EQUAL(v->deleted, 0);
	}
	if ((v = get(&s, TK, "Odd"))) {
		CU_ASSERT_EQUAL(v->type, 0x20);
		CU_ASSERT_EQUAL_FATAL(v->len, 1);
		CU_ASSERT_EQUAL(v->bytes[0], 0xaa);
	}
	if ((v = get(&s, TK, "Del"))) {
		CU_ASSERT_EQUAL(v->deleted, 1);
		CU_ASSERT_EQUAL(v->valid, 1);
		CU_ASSERT_EQUAL(v->loc.line, 16);
	}
	if ((v = get(&s, TK, "Sz1"))) {
		CU_ASSERT_EQUAL(v->type, REGT_SZ);
		ASSERT_STR(v->str, "A\xf0\x9f\x98\x80");   /* a surrogate pair */
	}
	if ((v = get(&s, TK, "Esc\"Name\\"))) {
		ASSERT_STR(v->name, "Esc\"Name\\");
		ASSERT_STR(v->str, "v");
		CU_ASSERT_EQUAL(v->loc.line, 18);
	}
	if ((v = get(&s, TK, "Empty str"))) {
		CU_ASSERT_EQUAL(v->type, REGT_SZ);
		ASSERT_STR(v->str, "");
	}
	dword_at(&s, TK, "Spaced", 16, 20);
	if ((v = get(&s, TK, "Short"))) {
		CU_ASSERT_EQUAL_FATAL(v->len, 2);
		CU_ASSERT(!memcmp(v->bytes, "\x01\x02", 2));
	}
	unit_snapshot_release(&s);
}

static void test_continuation(void)
{
	struct unit_snapshot s;
	parse(&s, HDR                                  /* 1 */
	      "\n"                                     /* 2 */
	      "[HKLM\\SOFTWARE\\Cont]\n"               /* 3 */
	      "\"Long\"=hex:01,02,\\\n"                /* 4 */
	      "  03,04,\\\n"                           /* 5 */
	      "\n"                                     /* 6 */
	      "\t    05\n"                             /* 7 */
	      "\"After\"=dword:00000007\n"             /* 8 */
	      "\"Multi\"=hex(7):61,00,00,\\\n"         /* 9 */
	      "  00 \\  \n"                            /* 10 */
	      "  00\n"                                 /* 11 */
	      "\"Last\"=hex:0a\n");                    /* 12 */
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	const struct reg_value *v;
	if ((v = get(&s, "HKLM\\SOFTWARE\\Cont", "Long"))) {
		CU_ASSERT_EQUAL_FATAL(v->len, 5);
		CU_ASSERT(!memcmp(v->bytes, "\x01\x02\x03\x04\x05", 5));
		CU_ASSERT_EQUAL(v->loc.line, 4);
	}
	dword_at(&s, "HKLM\\SOFTWARE\\Cont", "After", 7, 8);
	if ((v = get(&s, "HKLM\\SOFTWARE\\Cont", "Multi"))) {
		ASSERT_STR(v->str, "a");
		CU_ASSERT_EQUAL(v->len, 5);
		CU_ASSERT_EQUAL(v->loc.line, 9);
	}
	if ((v = get(&s, "HKLM\\SOFTWARE\\Cont", "Last")))
		CU_ASSERT_EQUAL(v->loc.line, 12);
	unit_snapshot_release(&s);
}

static void test_comments(void)
{
	struct unit_snapshot s;
	parse(&s, HDR                                                  /* 1 */
	      "; full-line comment\n"                                  /* 2 */
	      "[HKLM\\SOFTWARE\\C] ; key comment [1]\n"                /* 3 */
	      "   ; indented comment\n"                                /* 4 */
	      "\"A\"=dword:00000A00  ; TLS1.1+1.2\n"                   /* 5 */
	      "\"B\"=\"x;y\" ; comment with \"quotes\"\n"              /* 6 */
	      "\"C\"=dword:00000001   \n"                              /* 7 */
	      "\"D\"=hex:01,02 ; bytes\n"                              /* 8 */
	      "\"E\"=-  ; gone\n"                                      /* 9 */
	      "\"F\"=dword:00000003;tight\n");                         /* 10 */
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_PTR_NOT_NULL(model_reg_key(&s.m, "HKLM\\SOFTWARE\\C"));
	dword_at(&s, "HKLM\\SOFTWARE\\C", "A", 0xA00, 5);
	const struct reg_value *v;
	if ((v = get(&s, "HKLM\\SOFTWARE\\C", "B")))
		ASSERT_STR(v->str, "x;y");
	dword_at(&s, "HKLM\\SOFTWARE\\C", "C", 1, 7);
	if ((v = get(&s, "HKLM\\SOFTWARE\\C", "D")))
		CU_ASSERT_EQUAL(v->len, 2);
	if ((v = get(&s, "HKLM\\SOFTWARE\\C", "E")))
		CU_ASSERT_EQUAL(v->deleted, 1);
	dword_at(&s, "HKLM\\SOFTWARE\\C", "F", 3, 10);
	unit_snapshot_release(&s);
}

static void test_value_deletion(void)
{
	struct unit_snapshot s;
	parse(&s, HDR
	      "[" SCH "\\Ciphers\\NULL]\n"
	      "\"Enabled\"=-\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	/* a deleted value counts as absent for the SCHANNEL lookups */
	CU_ASSERT_PTR_NULL(model_schannel_get(&s.m, "Ciphers\\NULL", "Enabled"));
	const struct reg_value *v = get(&s, SCHANNEL_KEY "\\Ciphers\\NULL", "Enabled");
	if (v) {
		CU_ASSERT_EQUAL(v->deleted, 1);
		CU_ASSERT_EQUAL(v->loc.line, 3);
	}
	unit_snapshot_release(&s);
}

static void test_key_deletion(void)
{
	struct unit_snapshot s;
	parse(&s, HDR                                          /* 1 */
	      "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Gone]\n"         /* 2 */
	      "\"A\"=dword:1\n"                                /* 3 */
	      "\"B\"=garbage\n"                                /* 4 */
	      "\"C\"=hex:01,\\\n"                              /* 5 */
	      "  02\n"                                         /* 6 */
	      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Kept]\n"         /* 7 */
	      "\"A\"=dword:2\n");                              /* 8 */
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	diag_at(&s, SEV_NOTE, "key deletion '[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Gone]' ignored: "
		"a snapshot describes existing keys", 2, 1);
	CU_ASSERT_PTR_NULL(model_reg_key(&s.m, "HKLM\\SOFTWARE\\Gone"));
	CU_ASSERT_PTR_NULL(model_reg_get(&s.m, "HKLM\\SOFTWARE\\Gone", "A"));
	dword_at(&s, "HKLM\\SOFTWARE\\Kept", "A", 2, 8);
	CU_ASSERT_EQUAL(nr_values(&s.m), 1);
	unit_snapshot_release(&s);
}

/* ---- HTTP.sys bindings ---- */

#define SNI_KEY "[" HTTP "\\SslSniBindingInfo\\pki.example.org:443]\n"

static void test_binding_sni(void)
{
	struct unit_snapshot s;
	parse(&s, HDR                                                                        /* 1 */
	      "\n"                                                                           /* 2 */
	      SNI_KEY                                                                        /* 3 */
	      "\"SslCertHash\"=hex:84,67,62,72,4f,99,a5,30,ca,e2,57,c8,d1,8c,ea,fb,46,72,3c,d2\n" /* 4 */
	      "\"AppId\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\n"              /* 5 */
	      "\"DefaultSslCtlStoreName\"=\"ClientAuthIssuer\"\n"                            /* 6 */
	      "\"DefaultFlags\"=dword:00000002\n"                                            /* 7 */
	      "\"DefaultSslCertCheckMode\"=dword:00000001\n"                                 /* 8 */
	      "\"SslCertStoreName\"=\"MY\"\n"                                                /* 9 */
	      "\"Timestamp\"=hex(b):00,00,00,00,00,00,00,00\n"                               /* 10 */
	      "\"DefaultSslCtlIdentifier\"=\"\"\n"                                           /* 11 */
	      "\n"                                                                           /* 12 */
	      "[" SCH "]\n"                                                                  /* 13 */
	      "\"SendTrustedIssuerList\"=dword:00000001\n");                                 /* 14 */
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT(s.m.origins & ORIGIN_REG);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 1);

	const struct httpsys_binding *b = model_find_binding(&s.m, "hostnameport:pki.example.org:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(b->kind, EP_HOSTNAMEPORT);
	CU_ASSERT_PTR_NULL(b->netsh);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b->reg);
	const struct binding_view *r = b->reg;
	CU_ASSERT_EQUAL(r->origin, ORIGIN_REG);
	CU_ASSERT_EQUAL(r->loc.line, 3);

	ASSERT_STR(r->f[BF_CERT_HASH].str, "846762724f99a530cae257c8d18ceafb46723cd2");
	CU_ASSERT_EQUAL(r->f[BF_CERT_HASH].loc.line, 4);
	CU_ASSERT_EQUAL(r->f[BF_CERT_HASH].valid, 1);
	ASSERT_STR(r->f[BF_APPID].str, "{4dc3e181-e14b-4a21-b022-59fc669b0914}");
	CU_ASSERT_EQUAL(r->f[BF_APPID].loc.line, 5);
	ASSERT_STR(r->f[BF_CTL_STORE].str, "ClientAuthIssuer");
	ASSERT_STR(r->f[BF_CTL_STORE].text, "ClientAuthIssuer");
	CU_ASSERT_EQUAL(r->f[BF_CTL_STORE].loc.line, 6);
	ASSERT_STR(r->f[BF_CERT_STORE].str, "MY");
	CU_ASSERT_EQUAL(r->f[BF_CERT_STORE].loc.line, 9);
	ASSERT_STR(binding_effective_store(b), "MY");

	/* DefaultFlags 0x2: Negotiate Client Certificate on, DS mapper off */
	CU_ASSERT_EQUAL(r->f[BF_NEGOTIATE_CLIENT_CERT].num, 1);
	CU_ASSERT_EQUAL(r->f[BF_NEGOTIATE_CLIENT_CERT].loc.line, 7);
	ASSERT_STR(r->f[BF_NEGOTIATE_CLIENT_CERT].text, "dword:00000002");
	CU_ASSERT_EQUAL(r->f[BF_DS_MAPPER].num, 0);
	CU_ASSERT_EQUAL(r->f[BF_DS_MAPPER].stated, 1);
	CU_ASSERT_EQUAL(r->f[BF_DS_MAPPER].loc.line, 7);
	CU_ASSERT_EQUAL(r->f[BF_DISABLE_HTTP2].num, 0);
	CU_ASSERT_EQUAL(r->f[BF_DISABLE_HTTP2].loc.line, 7);

	/* DefaultSslCertCheckMode 0x1: no revocation check; usage check (inverted 0x10000) on */
	CU_ASSERT_EQUAL(r->f[BF_VERIFY_REVOCATION].num, 0);
	CU_ASSERT_EQUAL(r->f[BF_VERIFY_REVOCATION].loc.line, 8);
	CU_ASSERT_EQUAL(r->f[BF_REVOCATION_CACHED_ONLY].num, 0);
	CU_ASSERT_EQUAL(r->f[BF_USAGE_CHECK].num, 1);
	CU_ASSERT_EQUAL(r->f[BF_USAGE_CHECK].loc.line, 8);

	/* an empty string is no CTL identifier */
	CU_ASSERT_PTR_NULL(r->f[BF_CTL_ID].str);
	CU_ASSERT_EQUAL(r->f[BF_CTL_ID].stated, 1);
	CU_ASSERT_EQUAL(r->f[BF_CTL_ID].loc.line, 11);

	/* absent values are stated at the key line */
	const struct bfield *f = &r->f[BF_REVOCATION_FRESHNESS];
	CU_ASSERT_EQUAL(f->stated, 1);
	CU_ASSERT_EQUAL(f->valid, 1);
	CU_ASSERT_EQUAL(f->num, 0);
	CU_ASSERT_PTR_NULL(f->str);
	ASSERT_STR(f->text, "(absent)");
	CU_ASSERT_EQUAL(f->loc.line, 3);
	CU_ASSERT_EQUAL(r->f[BF_URL_TIMEOUT].loc.line, 3);

	/* every field is stated */
	for (int i = 0; i < BF__COUNT; i++)
		CU_ASSERT_EQUAL(r->f[i].stated, 1);

	/* unknown values are kept */
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->extra);
	ASSERT_STR(r->extra->label, "Timestamp");
	ASSERT_STR(r->extra->value, "hex(b):00,00,00,00,00,00,00,00");
	CU_ASSERT_EQUAL(r->extra->loc.line, 10);
	CU_ASSERT_PTR_NULL(r->extra->next);

	/* binding values are not ordinary registry values; later keys are */
	CU_ASSERT_PTR_NULL(model_reg_get(&s.m, HTTP_SHORT "\\SslSniBindingInfo\\pki.example.org:443",
					 "SslCertHash"));
	CU_ASSERT_PTR_NOT_NULL(model_reg_key(&s.m, HTTP_SHORT "\\SslSniBindingInfo\\pki.example.org:443"));
	CU_ASSERT_EQUAL(nr_values(&s.m), 1);
	const struct reg_value *v = model_schannel_get(&s.m, "", "SendTrustedIssuerList");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->loc.line, 14);
	unit_snapshot_release(&s);
}

static void test_binding_absent(void)
{
	struct unit_snapshot s;
	/* a binding key without values: the registry's defaults, all at the key line */
	parse(&s, HDR "[" HTTP "\\SslBindingInfo\\0.0.0.0:443]\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	const struct httpsys_binding *b = model_find_binding(&s.m, "ipport:0.0.0.0:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b->reg);
	for (int i = 0; i < BF__COUNT; i++) {
		const struct bfield *f = &b->reg->f[i];
		CU_ASSERT_EQUAL(f->stated, 1);
		CU_ASSERT_EQUAL(f->valid, 1);
		CU_ASSERT_EQUAL(f->loc.line, 2);
		CU_ASSERT_PTR_NULL(f->str);
		ASSERT_STR(f->text, "(absent)");
		CU_ASSERT_EQUAL(f->num, bfield_table[i].kind == BFK_BOOL && bfield_table[i].inverted);
	}
	CU_ASSERT_EQUAL(b->reg->f[BF_VERIFY_REVOCATION].num, 1);
	CU_ASSERT_EQUAL(b->reg->f[BF_USAGE_CHECK].num, 1);
	CU_ASSERT_EQUAL(b->reg->f[BF_NEGOTIATE_CLIENT_CERT].num, 0);
	unit_snapshot_release(&s);
}

static void test_binding_kinds(void)
{
	struct unit_snapshot s;
	parse(&s, HDR                                                                           /* 1 */
	      "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\HTTP\\Parameters\\SslBindingInfo\\[::]:443]\n" /* 2 */
	      "\"DefaultFlags\"=dword:00000001\n"                                               /* 3 */
	      "[hklm\\system\\currentcontrolset\\services\\http\\parameters\\sslccsbindinginfo\\0.0.0.0:8443]\n" /* 4 */
	      "\"DefaultSslRevocationFreshnessTime\"=dword:00000e10\n"                          /* 5 */
	      "[" HTTP "\\SslBindingInfo]\n"                                                    /* 6 */
	      "[" HTTP "\\SslBindingInfo\\10.0.0.1:443\\Sub]\n"                                 /* 7 */
	      "\"X\"=dword:1\n"                                                                 /* 8 */
	      "[" HTTP "\\SslCcsBindingInfo\\8443]\n");                                         /* 9 */
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	/* "8443": the port-only form of the CCS key above; the model warns, the first counts */
	diag_at(&s, SEV_WARNING, "binding '8443' is described twice", 9, 0);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 2);
	const struct httpsys_binding *b = model_find_binding(&s.m, "ipport:[::]:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(b->kind, EP_IPPORT);
	CU_ASSERT_EQUAL(b->reg->f[BF_DS_MAPPER].num, 1);
	CU_ASSERT_EQUAL(b->reg->f[BF_DS_MAPPER].loc.line, 3);
	CU_ASSERT_EQUAL(b->reg->f[BF_NEGOTIATE_CLIENT_CERT].num, 0);

	b = model_find_binding(&s.m, "ccs:8443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(b->kind, EP_CCS);
	CU_ASSERT_EQUAL(b->reg->loc.line, 4);
	CU_ASSERT_EQUAL(b->reg->f[BF_REVOCATION_FRESHNESS].num, 3600);
	ASSERT_STR(b->reg->f[BF_REVOCATION_FRESHNESS].text, "dword:00000e10");

	/* a key below an endpoint key is an ordinary key */
	dword_at(&s, HTTP_SHORT "\\SslBindingInfo\\10.0.0.1:443\\Sub", "X", 1, 8);
	unit_snapshot_release(&s);

	/* HTTP\Parameters without bindings: the export still holds them (none) */
	parse(&s, HDR "[" HTTP "]\n\"EnableHttp2Tls\"=dword:00000001\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.origins, ORIGIN_REG);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 0);
	dword_at(&s, HTTP_SHORT, "EnableHttp2Tls", 1, 3);
	unit_snapshot_release(&s);

	/* HTTP itself is not HTTP\Parameters; nor is HTTP\ParametersX */
	parse(&s, HDR "[HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP]\n"
	      "[HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\ParametersX]\n");
	CU_ASSERT_EQUAL(s.m.origins, 0);
	unit_snapshot_release(&s);
}

static void test_binding_errors(void)
{
	struct unit_snapshot s;
	parse(&s, HDR                                                   /* 1 */
	      "[" HTTP "\\SslBindingInfo\\0.0.0.0:443]\n"               /* 2 */
	      "\"SslCertHash\"=hex:01,02\n"                             /* 3 */
	      "\"AppId\"=\"{4dc3e181-e14b-4a21-b022-59fc669b0914}\"\n"  /* 4 */
	      "\"DefaultFlags\"=\"2\"\n"                                /* 5 */
	      "\"DefaultSslCtlStoreName\"=dword:00000001\n"             /* 6 */
	      "\"DefaultSslCertCheckMode\"=dword:123456789\n"           /* 7 */
	      "[" HTTP "\\SslBindingInfo\\not-an-ip:443]\n"             /* 8 */
	      "\"SslCertHash\"=hex:zz\n"                                /* 9 */
	      "[" HTTP "\\SslBindingInfo\\0.0.0.0:8443]\n"              /* 10 */
	      "\"DefaultFlags\"=dword:00000002\n");                     /* 11 */
	CU_ASSERT_EQUAL(s.errors, 6);
	CU_ASSERT_EQUAL(unit_count_diags(&s.diags, SEV_ERROR, NULL), 6);
	diag_at(&s, SEV_ERROR, "wrong length of 'SslCertHash': expected REG_BINARY ('hex:') of 20 bytes, "
		"got 2 bytes", 3, 15);
	diag_at(&s, SEV_ERROR, "wrong type of 'AppId': expected REG_BINARY ('hex:') of 16 bytes, got REG_SZ",
		4, 9);
	/* one error for the value, though it holds many fields */
	diag_at(&s, SEV_ERROR, "wrong type of 'DefaultFlags': expected REG_DWORD ('dword:'), got REG_SZ", 5, 0);
	diag_at(&s, SEV_ERROR, "wrong type of 'DefaultSslCtlStoreName': expected REG_SZ", 6, 0);
	diag_at(&s, SEV_ERROR, "malformed dword '123456789': expected 1 to 8 hex digits", 7, 33);
	diag_at(&s, SEV_ERROR, "malformed endpoint 'not-an-ip:443'", 8, 0);

	const struct httpsys_binding *b = model_find_binding(&s.m, "ipport:0.0.0.0:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	const struct binding_view *r = b->reg;
	CU_ASSERT_EQUAL(r->f[BF_CERT_HASH].stated, 1);
	CU_ASSERT_EQUAL(r->f[BF_CERT_HASH].valid, 0);
	CU_ASSERT_PTR_NULL(r->f[BF_CERT_HASH].str);
	ASSERT_STR(r->f[BF_CERT_HASH].text, "hex:01,02");
	CU_ASSERT_EQUAL(r->f[BF_CERT_HASH].loc.line, 3);
	CU_ASSERT_EQUAL(r->f[BF_APPID].valid, 0);
	CU_ASSERT_EQUAL(r->f[BF_DS_MAPPER].valid, 0);
	CU_ASSERT_EQUAL(r->f[BF_NEGOTIATE_CLIENT_CERT].valid, 0);
	ASSERT_STR(r->f[BF_NEGOTIATE_CLIENT_CERT].text, "\"2\"");
	CU_ASSERT_EQUAL(r->f[BF_NEGOTIATE_CLIENT_CERT].loc.line, 5);
	CU_ASSERT_EQUAL(r->f[BF_CTL_STORE].valid, 0);
	CU_ASSERT_EQUAL(r->f[BF_VERIFY_REVOCATION].valid, 0);
	CU_ASSERT_EQUAL(r->f[BF_VERIFY_REVOCATION].loc.line, 7);
	ASSERT_STR(r->f[BF_VERIFY_REVOCATION].text, "dword:123456789");
	/* not stated by the key: absent, and readable */
	CU_ASSERT_EQUAL(r->f[BF_CERT_STORE].valid, 1);
	CU_ASSERT_EQUAL(r->f[BF_CERT_STORE].loc.line, 2);

	/* the malformed endpoint's values are skipped without more errors; the next key is read */
	CU_ASSERT_EQUAL(s.m.nr_bindings, 2);
	b = model_find_binding(&s.m, "ipport:0.0.0.0:8443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(b->reg->f[BF_NEGOTIATE_CLIENT_CERT].num, 1);
	CU_ASSERT_EQUAL(b->reg->f[BF_NEGOTIATE_CLIENT_CERT].valid, 1);
	unit_snapshot_release(&s);

	/* one endpoint twice in a file: the model warns, the first key counts */
	parse(&s, HDR                                                   /* 1 */
	      "[" HTTP "\\SslBindingInfo\\0.0.0.0:443]\n"               /* 2 */
	      "\"DefaultFlags\"=dword:00000002\n"                       /* 3 */
	      "[" HTTP "\\SslBindingInfo\\0.0.0.0:443]\n"               /* 4 */
	      "\"DefaultFlags\"=dword:00000000\n");                     /* 5 */
	CU_ASSERT_EQUAL(s.errors, 0);
	diag_at(&s, SEV_WARNING, "described twice", 4, 0);
	b = model_find_binding(&s.m, "ipport:0.0.0.0:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(b->reg->f[BF_NEGOTIATE_CLIENT_CERT].num, 1);
	unit_snapshot_release(&s);
}

static void test_binding_fixture(void)
{
	struct unit_snapshot s;
	size_t len;
	unsigned char *buf = unit_read_file("fixtures/parse/reg/httpsys_sslbindings.reg", &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	unit_parse(&s, parse_reg, "t.reg", buf, len);
	free(buf);
	ASSERT_STR(s.text.encoding, "utf-16le");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_EQUAL(s.m.nr_bindings, 2);
	CU_ASSERT(s.m.origins & ORIGIN_REG);
	dword_at(&s, HTTP_SHORT, "EnableHttp2Tls", 1, 4);

	const struct httpsys_binding *b = model_find_binding(&s.m, "ipport:0.0.0.0:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	const struct binding_view *r = b->reg;
	CU_ASSERT_EQUAL(r->loc.line, 8);
	ASSERT_STR(r->f[BF_CERT_HASH].str, "846762724f99a530cae257c8d18ceafb46723cd2");
	CU_ASSERT_EQUAL(r->f[BF_CERT_HASH].loc.line, 9);
	CU_ASSERT_EQUAL(r->f[BF_NEGOTIATE_CLIENT_CERT].num, 0);
	CU_ASSERT_EQUAL(r->f[BF_VERIFY_REVOCATION].num, 1);
	CU_ASSERT_EQUAL(r->f[BF_VERIFY_REVOCATION].loc.line, 11);
	CU_ASSERT_PTR_NULL(r->f[BF_CTL_STORE].str);
	CU_ASSERT_EQUAL(r->f[BF_CTL_STORE].loc.line, 8);
	ASSERT_STR(r->f[BF_CTL_STORE].text, "(absent)");
	ASSERT_STR(r->f[BF_CERT_STORE].str, "MY");

	b = model_find_binding(&s.m, "hostnameport:pki.example.org:443");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	r = b->reg;
	CU_ASSERT_EQUAL(r->loc.line, 19);
	/* continued over lines 20-21: the value keeps line 20 */
	ASSERT_STR(r->f[BF_CERT_HASH].str, "846762724f99a530cae257c8d18ceafb46723cd2");
	CU_ASSERT_EQUAL(r->f[BF_CERT_HASH].loc.line, 20);
	ASSERT_STR(r->f[BF_APPID].str, "{4dc3e181-e14b-4a21-b022-59fc669b0914}");
	CU_ASSERT_EQUAL(r->f[BF_APPID].loc.line, 22);
	ASSERT_STR(r->f[BF_CTL_STORE].str, "ClientAuthIssuer");
	CU_ASSERT_EQUAL(r->f[BF_CTL_STORE].loc.line, 26);
	CU_ASSERT_EQUAL(r->f[BF_NEGOTIATE_CLIENT_CERT].num, 1);
	CU_ASSERT_EQUAL(r->f[BF_NEGOTIATE_CLIENT_CERT].loc.line, 27);
	ASSERT_STR(binding_effective_store(b), "WebHosting");
	unit_snapshot_release(&s);
}

/* ---- encodings ---- */

static void test_utf16le_crlf(void)
{
	struct unit_snapshot s;
	size_t len;
	unsigned char *buf = unit_utf16le(
		"Windows Registry Editor Version 5.00\r\n"                          /* 1 */
		"\r\n"                                                              /* 2 */
		"[" SCH "]\r\n"                                                     /* 3 */
		"\"ClientAuthTrustMode\"=dword:00000002\r\n"                        /* 4 */
		"\r\n"                                                              /* 5 */
		"[HKEY_LOCAL_MACHINE\\SOFTWARE\\Caf\xc3\xa9]\r\n"                   /* 6 */
		"\"Name\xc3\xa9\"=\"Gr\xc3\xbc\xc3\x9f\"\r\n"                       /* 7 */
		"\"Exp\"=hex(2):25,00,54,00,45,00,4d,00,50,00,25,00,\\\r\n"         /* 8 */
		"  00,00\r\n"                                                       /* 9 */
		"\"Z\"=dword:00000003\r\n", &len);                                  /* 10 */
	unit_parse(&s, parse_reg, "t.reg", buf, len);
	free(buf);
	ASSERT_STR(s.text.encoding, "utf-16le");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	const struct reg_value *v = model_schannel_get(&s.m, "", "ClientAuthTrustMode");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->num, 2);
	CU_ASSERT_EQUAL(v->loc.line, 4);
	if ((v = get(&s, "HKLM\\SOFTWARE\\Caf\xc3\xa9", "Name\xc3\xa9"))) {
		ASSERT_STR(v->str, "Gr\xc3\xbc\xc3\x9f");
		CU_ASSERT_EQUAL(v->loc.line, 7);
	}
	if ((v = get(&s, "HKLM\\SOFTWARE\\Caf\xc3\xa9", "Exp"))) {
		ASSERT_STR(v->str, "%TEMP%");
		CU_ASSERT_EQUAL(v->loc.line, 8);
	}
	dword_at(&s, "HKLM\\SOFTWARE\\Caf\xc3\xa9", "Z", 3, 10);
	unit_snapshot_release(&s);
}

/* ---- errors and recovery ---- */

#define EK "HKLM\\SOFTWARE\\Err"

static void test_value_errors(void)
{
	struct unit_snapshot s;
	parse(&s, HDR                                          /* 1 */
	      "\"Early\"=dword:00000001\n"                     /* 2 */
	      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Err]\n"          /* 3 */
	      "\"BadDword\"=dword:123456789\n"                 /* 4 */
	      "\"Good1\"=dword:00000001\n"                     /* 5 */
	      "this is not a registry line\n"                  /* 6 */
	      "\"Unterm\"=\"abc\n"                             /* 7 */
	      "\"Good2\"=dword:00000002\n"                     /* 8 */
	      "\"BadByte\"=hex:01,zz,\\\n"                     /* 9 */
	      "  03,04\n"                                      /* 10 */
	      "\"Good3\"=dword:00000003\n"                     /* 11 */
	      "\"Broken\"=hex:01,\\\n"                         /* 12 */
	      "\"Good4\"=dword:00000004\n"                     /* 13 */
	      "\"Type\"=qword:1\n"                             /* 14 */
	      "\"NoEq\" dword:1\n"                             /* 15 */
	      "\"Junk\"=dword:1 x\n"                           /* 16 */
	      "\"Good5\"=dword:00000005\n"                     /* 17 */
	      "\"Hex\"=dword:0x10\n"                           /* 18 */
	      "\"Name\n"                                       /* 19 */
	      "\"NoData\"=\n"                                  /* 20 */
	      "\"BadType\"=hex(zz):01\n"                       /* 21 */
	      "\"D4\"=hex(4):01,02\n"                          /* 22 */
	      "\"Sp\"=hex:01 02\n"                             /* 23 */
	      "\"Good6\"=dword:00000006\n");                   /* 24 */
	diag_at(&s, SEV_ERROR, "value 'Early' outside a key: expected a '[key]' line before it", 2, 1);
	diag_at(&s, SEV_ERROR, "malformed dword '123456789': expected 1 to 8 hex digits", 4, 18);
	diag_at(&s, SEV_ERROR, "unexpected line 'this is not a registry line': expected '[key]', "
		"'\"name\"=value' or a comment", 6, 1);
	diag_at(&s, SEV_ERROR, "unterminated string in value 'Unterm'", 7, 10);
	diag_at(&s, SEV_ERROR, "malformed byte 'zz' in value 'BadByte': expected two hex digits", 9, 18);
	diag_at(&s, SEV_ERROR, "unterminated value 'Broken': its data ends with '\\' but line 13 "
		"does not continue it", 12, 0);
	diag_at(&s, SEV_ERROR, "unknown value type 'qword' of value 'Type'", 14, 8);
	diag_at(&s, SEV_ERROR, "missing '=' after value name 'NoEq'", 15, 8);
	diag_at(&s, SEV_ERROR, "unexpected text 'x' after the data of value 'Junk'", 16, 16);
	diag_at(&s, SEV_ERROR, "malformed dword '0x10'", 18, 13);
	diag_at(&s, SEV_ERROR, "unterminated value name '\"Name'", 19, 1);
	diag_at(&s, SEV_ERROR, "missing data of value 'NoData'", 20, 10);
	diag_at(&s, SEV_ERROR, "malformed type 'hex(zz)' of value 'BadType'", 21, 11);
	diag_at(&s, SEV_ERROR, "wrong length of REG_DWORD value 'D4': expected 4 bytes, got 2", 22, 0);
	diag_at(&s, SEV_ERROR, "missing ',' before '02' in value 'Sp'", 23, 13);
	CU_ASSERT_EQUAL(s.errors, 15);
	CU_ASSERT_EQUAL(s.diags.nr, 15);

	/* every good value after an error is read, with its own line */
	dword_at(&s, EK, "Good1", 1, 5);
	dword_at(&s, EK, "Good2", 2, 8);
	dword_at(&s, EK, "Good3", 3, 11);
	dword_at(&s, EK, "Good4", 4, 13);
	dword_at(&s, EK, "Good5", 5, 17);
	dword_at(&s, EK, "Good6", 6, 24);

	/* the broken ones are there, unreadable */
	static const char *const broken[] = {
		"BadDword", "Unterm", "BadByte", "Broken", "Type", "Junk", "Hex", "NoData",
		"BadType", "D4", "Sp",
	};
	for (size_t i = 0; i < sizeof(broken) / sizeof(*broken); i++) {
		const struct reg_value *v = get(&s, EK, broken[i]);
		if (v) {
			CU_ASSERT_EQUAL(v->valid, 0);
			CU_ASSERT_PTR_NULL(v->str);
			CU_ASSERT_EQUAL(v->len, 0);
		}
	}
	const struct reg_value *v = get(&s, EK, "BadDword");
	if (v) {
		CU_ASSERT_EQUAL(v->type, REGT_DWORD);
		CU_ASSERT_EQUAL(v->loc.line, 4);
	}
	CU_ASSERT_EQUAL(nr_values(&s.m), 17);
	CU_ASSERT_PTR_NULL(model_reg_get(&s.m, EK, "NoEq"));
	unit_snapshot_release(&s);
}

static void test_truncated(void)
{
	struct unit_snapshot s;
	parse(&s, HDR
	      "[HKLM\\SOFTWARE\\T]\n"
	      "\"A\"=hex:01,\\\n"
	      "\n");
	CU_ASSERT_EQUAL(s.errors, 1);
	diag_at(&s, SEV_ERROR, "unterminated value 'A': the file ends after its '\\' continuation", 3, 0);
	const struct reg_value *v = get(&s, "HKLM\\SOFTWARE\\T", "A");
	if (v)
		CU_ASSERT_EQUAL(v->valid, 0);
	unit_snapshot_release(&s);

	/* cut in a string, without a final newline */
	parse(&s, HDR
	      "[HKLM\\SOFTWARE\\T]\n"
	      "\"A\"=dword:00000001\n"
	      "\"Functions\"=\"TLS_ECDHE_RSA_WITH_AES_256");
	CU_ASSERT_EQUAL(s.errors, 1);
	diag_at(&s, SEV_ERROR, "unterminated string in value 'Functions'", 4, 13);
	dword_at(&s, "HKLM\\SOFTWARE\\T", "A", 1, 3);
	unit_snapshot_release(&s);
}

static void test_key_errors(void)
{
	struct unit_snapshot s;
	parse(&s, HDR                                             /* 1 */
	      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\NoClose\n"          /* 2 */
	      "\"A\"=dword:1\n"                                   /* 3 */
	      "\"B\"=dword:zz\n"                                  /* 4 */
	      "[HKEY_BOGUS\\Foo]\n"                               /* 5 */
	      "\"C\"=dword:3\n"                                   /* 6 */
	      "[HKLM\\SOFTWARE\\X] junk\n"                        /* 7 */
	      "\"D\"=dword:4\n"                                   /* 8 */
	      "[]\n"                                              /* 9 */
	      "  [HKLM\\SOFTWARE\\Ok]\n"                          /* 10 */
	      "  \"E\"=dword:5\n");                               /* 11 */
	CU_ASSERT_EQUAL(s.errors, 4);
	CU_ASSERT_EQUAL(s.diags.nr, 4);
	diag_at(&s, SEV_ERROR, "unterminated key '[HKEY_LOCAL_MACHINE\\SOFTWARE\\NoClose': "
		"expected ']' at the end of the line", 2, 37);
	diag_at(&s, SEV_ERROR, "unknown root 'HKEY_BOGUS' of key '[HKEY_BOGUS\\Foo]'", 5, 2);
	diag_at(&s, SEV_ERROR, "unexpected text 'junk' after key '[HKLM\\SOFTWARE\\X]'", 7, 19);
	diag_at(&s, SEV_ERROR, "empty key '[]'", 9, 1);
	dword_at(&s, "HKLM\\SOFTWARE\\Ok", "E", 5, 11);
	CU_ASSERT_EQUAL(nr_values(&s.m), 1);
	unit_snapshot_release(&s);
}

static void test_powershell_drive(void)
{
	struct unit_snapshot s;
	parse(&s, HDR                                                              /* 1 */
	      "[HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\n"   /* 2 */
	      "\"EventLogging\"=dword:00000001\n"                                  /* 3 */
	      "[HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server]\n" /* 4 */
	      "\"Enabled\"=dword:00000000\n"                                       /* 5 */
	      "[HKCU:\\Software\\X]\n");                                           /* 6 */
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	diag_at(&s, SEV_WARNING, "key written in PowerShell drive form 'HKLM:\\'; "
		"read as 'HKEY_LOCAL_MACHINE\\'", 2, 2);
	const struct reg_value *v = model_schannel_get(&s.m, "", "EventLogging");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->loc.line, 3);
	v = model_schannel_get(&s.m, "Protocols\\TLS 1.0\\Server", "Enabled");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->num, 0);
	CU_ASSERT_EQUAL(v->loc.line, 5);
	CU_ASSERT_PTR_NOT_NULL(model_reg_key(&s.m, "HKCU\\Software\\X"));
	unit_snapshot_release(&s);
}

/* ---- typographic quotes (text pasted from blogs) ---- */

#define LQ "\xE2\x80\x9C"        /* U+201C, left double quotation mark */
#define RQ "\xE2\x80\x9D"        /* U+201D, right double quotation mark */
#define LOWQ "\xE2\x80\x9E"      /* U+201E, double low-9 quotation mark */
#define DPRIME "\xE2\x80\xB3"    /* U+2033, double prime */
#define TYPO_WARNING "read as '\"' (here and in the rest of this file); regedit itself would refuse this file"
#define TLS10 "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server"

/* An SZ value with its string. */
static void sz_is(const struct unit_snapshot *s, const char *key, const char *name, const char *str)
{
	const struct reg_value *v = get(s, key, name);
	if (!v)
		return;
	CU_ASSERT_EQUAL(v->type, REGT_SZ);
	CU_ASSERT_EQUAL(v->valid, 1);
	ASSERT_STR(v->str, str);
}

static void test_typographic_quotes(void)
{
	struct unit_snapshot s;

	/* the snippet as a blog shows it: no header, curly quotes; detected and read */
	parse(&s, "[HKEY_LOCAL_MACHINE\\" TLS10 "]\n"             /* 1 */
	      LQ "Enabled" RQ "=dword:00000000\n"                 /* 2 */
	      LQ "DisabledByDefault" RQ "=dword:00000001\n");     /* 3 */
	CU_ASSERT_EQUAL(detect_kind(&s.text), INPUT_REG);
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 2);
	diag_at(&s, SEV_WARNING, "missing header", 1, 0);
	diag_at(&s, SEV_WARNING, "typographic quote '" LQ "' " TYPO_WARNING, 2, 1);
	one_diag(&s, SEV_WARNING, "reg import needs ASCII quotes");
	dword_at(&s, "HKLM\\" TLS10, "Enabled", 0, 2);
	dword_at(&s, "HKLM\\" TLS10, "DisabledByDefault", 1, 3);
	unit_snapshot_release(&s);

	/*
	 * every kind, mixed with ASCII quotes on one line, in names and string
	 * data; one warning, at the first typographic quote (a code-point
	 * column: the E before it is two bytes)
	 */
	parse(&s, HDR                                                           /* 1 */
	      "[HKLM\\SOFTWARE\\Types]\n"                                       /* 2 */
	      "\"\xC3\x89nabled" RQ "=dword:1\n"                                /* 3 */
	      LOWQ "ClientAuthTrustMode" LQ "=dword:2\n"                        /* 4 */
	      DPRIME "Prime" DPRIME " = dword:3 ; a comment\n"                  /* 5 */
	      LQ "Mixed\"=\"text" RQ "\n"                                       /* 6 */
	      "\"x\"=" LQ "curly data" RQ "\n"                                  /* 7 */
	      "@=" LOWQ "default" LQ "\n"                                       /* 8 */
	      LQ "Path" RQ "=" LQ "\\" RQ "C:\\\\Program Files\\\\x.exe\\" RQ " -k" RQ "\n" /* 9 */
	      LQ "Semi" RQ "=" LQ "a;b" RQ " ; comment " LQ "c" RQ "\n");    /* 10 */
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	diag_at(&s, SEV_WARNING, "typographic quote '" RQ "' " TYPO_WARNING, 3, 9);
	dword_at(&s, TK, "\xC3\x89nabled", 1, 3);
	dword_at(&s, TK, "ClientAuthTrustMode", 2, 4);
	dword_at(&s, TK, "Prime", 3, 5);
	sz_is(&s, TK, "Mixed", "text");
	sz_is(&s, TK, "x", "curly data");
	sz_is(&s, TK, "", "default");
	sz_is(&s, TK, "Path", "\"C:\\Program Files\\x.exe\" -k");
	sz_is(&s, TK, "Semi", "a;b");
	CU_ASSERT_EQUAL(nr_values(&s.m), 8);
	unit_snapshot_release(&s);

	/* the warning's column when the data's quote is the first typographic one */
	parse(&s, HDR "[HKLM\\SOFTWARE\\Types]\n\"x\"=" LQ "text" RQ "\n");
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	diag_at(&s, SEV_WARNING, "typographic quote '" LQ "'", 3, 5);
	sz_is(&s, TK, "x", "text");
	unit_snapshot_release(&s);

	/*
	 * a line regedit reads as is keeps its meaning: typographic quotes
	 * inside ASCII-quoted text are part of it, and no warning
	 */
	parse(&s, HDR "[HKLM\\SOFTWARE\\Types]\n"
	      "\"Desc\"=\"He said " LQ "hi" RQ "\"\n"
	      "\"a" RQ "b\"=dword:1\n");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	sz_is(&s, TK, "Desc", "He said " LQ "hi" RQ);
	dword_at(&s, TK, "a" RQ "b", 1, 4);
	unit_snapshot_release(&s);

	/*
	 * errors still point at their spot; the warning stays silent in a
	 * skipped key (a deletion) and comes at the first line read
	 */
	parse(&s, HDR                                                      /* 1 */
	      "[-HKLM\\SOFTWARE\\Gone]\n"                                  /* 2 */
	      LQ "Skipped" RQ "=dword:1\n"                                 /* 3 */
	      "[HKLM\\SOFTWARE\\Types]\n"                                  /* 4 */
	      LQ "NoEquals" RQ "dword:1\n"                                 /* 5 */
	      LQ "Open=dword:1\n"                                          /* 6 */
	      LQ "Str" RQ "=" LQ "never closed\n"                          /* 7 */
	      LQ "Bin" RQ "=hex:01,\\\n"                                   /* 8 */
	      LQ "Next" RQ "=dword:7\n");                                  /* 9 */
	CU_ASSERT_EQUAL(s.errors, 4);
	diag_at(&s, SEV_WARNING, "typographic quote '" LQ "'", 5, 1);
	CU_ASSERT_EQUAL(unit_count_diags(&s.diags, SEV_WARNING, "typographic"), 1);
	diag_at(&s, SEV_ERROR, "missing '=' after value name 'NoEquals'", 5, 11);
	diag_at(&s, SEV_ERROR, "unterminated value name '" LQ "Open=dword:1'", 6, 1);
	diag_at(&s, SEV_ERROR, "unterminated string in value 'Str'", 7, 7);
	diag_at(&s, SEV_ERROR, "unterminated value 'Bin'", 8, 0);
	CU_ASSERT_PTR_NULL(model_reg_get(&s.m, "HKLM\\SOFTWARE\\Gone", "Skipped"));
	dword_at(&s, TK, "Next", 7, 9);
	unit_snapshot_release(&s);

	/* Windows-1252 bytes 0x93/0x94 (a file saved by an old editor) are U+201C/U+201D */
	static const char cp1252[] = "[HKLM\\SOFTWARE\\Types]\r\n\x93" "Enabled\x94=dword:0\r\n";
	unit_parse(&s, parse_reg, "t.reg", cp1252, sizeof(cp1252) - 1);
	CU_ASSERT_EQUAL(detect_kind(&s.text), INPUT_REG);
	CU_ASSERT_EQUAL(s.errors, 0);
	diag_at(&s, SEV_WARNING, "typographic quote '" LQ "'", 2, 1);
	dword_at(&s, TK, "Enabled", 0, 2);
	unit_snapshot_release(&s);
}

/* Detection of a header-less snippet: a key line and a value line, whatever its quote. */
static void test_typographic_detect(void)
{
	static const struct {
		const char *text;
		enum input_kind kind;
	} cases[] = {
		{ "[HKLM\\X]\n" LQ "a" RQ "=dword:1\n", INPUT_REG },
		{ "[HKEY_LOCAL_MACHINE\\X]\n" RQ "a" RQ "=dword:1\n", INPUT_REG },
		{ "  [HKEY_LOCAL_MACHINE\\X]\n  " LOWQ "a" LQ "=dword:1\n", INPUT_REG },
		{ "[HKLM\\X]\n" DPRIME "a" DPRIME "=dword:1\n", INPUT_REG },
		/* a value line alone, or prose quoting something, is no snippet */
		{ LQ "a" RQ "=dword:1\n", INPUT_UNKNOWN },
		{ "He wrote " LQ "x" RQ " = y\n", INPUT_UNKNOWN },
		/* a key line with a line that holds no '=' */
		{ "[HKLM\\X]\n" LQ "just a quote" RQ "\n", INPUT_UNKNOWN },
		/* other quotation marks are not double quotes: U+2018, U+00AB */
		{ "[HKLM\\X]\n\xE2\x80\x98" "a\xE2\x80\x99=dword:1\n", INPUT_UNKNOWN },
		{ "[HKLM\\X]\n\xC2\xAB" "a\xC2\xBB=dword:1\n", INPUT_UNKNOWN },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct text t;
		struct decode_result r;
		text_decode((const unsigned char *)cases[i].text, strlen(cases[i].text), &t, &r);
		if (detect_kind(&t) != cases[i].kind)
			fprintf(stderr, "\ndetect case %zu: got %d\n", i, (int)detect_kind(&t));
		CU_ASSERT_EQUAL(detect_kind(&t), cases[i].kind);
		text_release(&t);
	}
}

/* Long lines are read whole and in linear time; messages stay short. */
static void test_long_lines(void)
{
	enum { NBYTES = 2000000 };
	size_t cap = 200 + 3 * (size_t)NBYTES + 2 * (size_t)NBYTES;
	char *in = xmalloc(cap);
	size_t n = 0;
	n += (size_t)snprintf(in + n, cap - n, HDR "[HKLM\\SOFTWARE\\Big]\n\"Big\"=hex:");
	for (size_t i = 0; i < NBYTES; i++) {
		memcpy(in + n, "ab,", 3);
		n += 3;
	}
	n += (size_t)snprintf(in + n, cap - n, "\n\"");
	memset(in + n, 'x', NBYTES);         /* a 2 MB unterminated name */
	n += NBYTES;
	n += (size_t)snprintf(in + n, cap - n, "\n\"After\"=dword:00000001\n");

	struct unit_snapshot s;
	clock_t t0 = clock();
	unit_parse(&s, parse_reg, "t.reg", in, n);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	free(in);
	CU_ASSERT(secs < 5.0);
	const struct reg_value *v = get(&s, "HKLM\\SOFTWARE\\Big", "Big");
	if (v) {
		CU_ASSERT_EQUAL(v->len, NBYTES);
		CU_ASSERT_EQUAL(v->bytes[NBYTES - 1], 0xab);
	}
	dword_at(&s, "HKLM\\SOFTWARE\\Big", "After", 1, 5);
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_EQUAL_FATAL(s.diags.nr, 1);
	CU_ASSERT(strlen(s.diags.items[0]->message) < 200);
	CU_ASSERT_PTR_NOT_NULL(strstr(s.diags.items[0]->message, "xxx...'"));
	CU_ASSERT_EQUAL(s.diags.items[0]->loc.line, 4);
	unit_snapshot_release(&s);
}

/* ---- the real-world corpus ---- */

#define CORPUS "../shared/corpus/reg"

static void parse_corpus(struct unit_snapshot *s, const char *name)
{
	char rel[512];
	size_t len;
	snprintf(rel, sizeof(rel), "%s/%s", CORPUS, name);
	unsigned char *buf = unit_read_file(rel, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	unit_parse(s, parse_reg, name, buf, len);
	free(buf);
}

static void test_corpus_clean(void)
{
	if (!unit_have_shared(CORPUS))
		return;
	DIR *d = opendir(SRCDIR "/" CORPUS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	struct dirent *e;
	int files = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		struct unit_snapshot s;
		parse_corpus(&s, e->d_name);
		size_t errs = unit_count_diags(&s.diags, SEV_ERROR, NULL);
		char msg[600];
		snprintf(msg, sizeof(msg), "corpus file %s: %zu input errors", e->d_name, errs);
		CU_assertImplementation(errs == 0 && s.errors == 0, __LINE__, msg, __FILE__, "", CU_FALSE);
		for (size_t i = 0; i < s.diags.nr; i++)
			if (s.diags.items[i]->level == SEV_ERROR)
				fprintf(stderr, "\n%s:%u: %s", e->d_name,
					(unsigned)s.diags.items[i]->loc.line, s.diags.items[i]->message);
		CU_ASSERT(nr_values(&s.m) > 0);
		unit_snapshot_release(&s);
		files++;
	}
	closedir(d);
	CU_ASSERT(files >= 13);
}

static void test_corpus_values(void)
{
	if (!unit_have_shared(CORPUS))
		return;
	struct unit_snapshot s;
	const struct reg_value *v;

	parse_corpus(&s, "fsackur_PsSsl_schannel_export_utf16le.reg");
	ASSERT_STR(s.text.encoding, "utf-16le");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	v = model_schannel_get(&s.m, "", "EventLogging");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->num, 1);
	CU_ASSERT_EQUAL(v->loc.line, 4);
	v = model_schannel_get(&s.m, "Protocols\\SSL 2.0\\Client", "DisabledByDefault");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->num, 1);
	CU_ASSERT_EQUAL(v->loc.line, 19);
	unit_snapshot_release(&s);

	parse_corpus(&s, "btyalalt_NovaQ_Desk_enable-tls12_inline_comment.reg");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	dword_at(&s, "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp",
		 "DefaultSecureProtocols", 0xA00, 8);
	/* the last line has no newline */
	dword_at(&s, "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings",
		 "SecureProtocols", 0xA00, 11);
	unit_snapshot_release(&s);

	parse_corpus(&s, "azure_sf_troubleshooting_vmss-cse-tls_help_block_HKLM_colon_indented.reg");
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	CU_ASSERT_EQUAL(unit_count_diags(&s.diags, SEV_WARNING, "PowerShell drive form 'HKLM:\\'"), 1);
	CU_ASSERT_EQUAL(s.diags.items[0]->loc.line, 3);
	v = model_schannel_get(&s.m, "", "EventLogging");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->loc.line, 4);
	v = model_schannel_get(&s.m, "Ciphers\\RC4 128/128", "Enabled");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->num, 0);
	CU_ASSERT_EQUAL(v->loc.line, 9);
	unit_snapshot_release(&s);

	parse_corpus(&s, "iis_hardening_ps1_embedded_adjustCiphers_trailing_space.reg");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	v = model_schannel_get(&s.m, "", "DisableRenegoOnClient");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->num, 1);
	CU_ASSERT_EQUAL(v->loc.line, 4);
	v = model_schannel_get(&s.m, "Ciphers\\RC4 128/128", "Enabled");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->num, 0xffffffff);
	v = get(&s, "HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002",
		"Functions");
	if (v) {
		CU_ASSERT_EQUAL(v->type, REGT_SZ);
		CU_ASSERT(!strncmp(v->str, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P521,", 43));
		size_t n = strlen(v->str);
		CU_ASSERT(n > 29 && !strcmp(v->str + n - 29, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"));
	}
	unit_snapshot_release(&s);

	parse_corpus(&s, "racetracks_windows_crypto_defaults.reg");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_PTR_NULL(model_schannel_get(&s.m, "Ciphers\\NULL", "Enabled"));
	v = get(&s, SCHANNEL_KEY "\\Ciphers\\NULL", "Enabled");
	if (v) {
		CU_ASSERT_EQUAL(v->deleted, 1);
		CU_ASSERT_EQUAL(v->loc.line, 4);
	}
	unit_snapshot_release(&s);

	parse_corpus(&s, "keyvault_tls10_demo_readme_regedit_style_string_enabled.reg");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	v = model_schannel_get(&s.m, "Ciphers\\RC4 128/128", "Enabled");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->type, REGT_SZ);
	ASSERT_STR(v->str, "0");
	CU_ASSERT_EQUAL(v->loc.line, 9);
	unit_snapshot_release(&s);

	parse_corpus(&s, "skype_sfb_docs_ko-KR_TLSPreReq_blank_line_between_every_line.reg");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	v = model_schannel_get(&s.m, "Protocols\\TLS 1.2\\Server", "Enabled");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->num, 1);
	CU_ASSERT_EQUAL(v->loc.line, 39);
	unit_snapshot_release(&s);
}

void suite_parse_reg(void);
void suite_parse_reg(void)
{
	ADD_SUITE("parse_reg",
		  { "header version 5.00", test_header_v5 },
		  { "header REGEDIT4: 8-bit strings", test_header_regedit4 },
		  { "header missing, indented, repeated, unknown", test_header_missing },
		  { "not a registry export", test_not_a_registry_export },
		  { "every value type", test_value_types },
		  { "continuation lines", test_continuation },
		  { "comments and trailing spaces", test_comments },
		  { "value deletion", test_value_deletion },
		  { "key deletion", test_key_deletion },
		  { "binding: SNI key, every field", test_binding_sni },
		  { "binding: absent values", test_binding_absent },
		  { "binding: ip, ccs, HTTP\\Parameters", test_binding_kinds },
		  { "binding: errors", test_binding_errors },
		  { "binding: regedit export fixture", test_binding_fixture },
		  { "UTF-16LE with BOM and CRLF", test_utf16le_crlf },
		  { "value errors and recovery", test_value_errors },
		  { "truncated file", test_truncated },
		  { "key errors and recovery", test_key_errors },
		  { "PowerShell drive form", test_powershell_drive },
		  { "typographic quotes read as '\"', one warning", test_typographic_quotes },
		  { "typographic quotes: snippet detection", test_typographic_detect },
		  { "long lines", test_long_lines },
		  { "corpus: no input errors", test_corpus_clean },
		  { "corpus: values and lines", test_corpus_values });
}

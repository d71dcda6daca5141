#include <stdlib.h>
#include <string.h>

#include "unit.h"

void suite_decode(void);

static void decode(const void *bytes, size_t len, struct text *t, struct decode_result *r)
{
	text_decode(bytes, len, t, r);
}

static void test_utf8_plain(void)
{
	struct text t;
	struct decode_result r;
	decode("a\nb\n", 4, &t, &r);
	CU_ASSERT_STRING_EQUAL(t.encoding, "utf-8");
	CU_ASSERT_STRING_EQUAL(t.buf, "a\nb\n");
	CU_ASSERT_EQUAL(t.lines, 2);
	CU_ASSERT_EQUAL(r.nr_total, 0);
	text_release(&t);
}

static void test_utf8_bom(void)
{
	struct text t;
	struct decode_result r;
	decode("\xEF\xBB\xBFx\xC3\xA9", 6, &t, &r);
	CU_ASSERT_STRING_EQUAL(t.encoding, "utf-8-bom");
	CU_ASSERT_STRING_EQUAL(t.buf, "x\xC3\xA9");
	CU_ASSERT_EQUAL(t.lines, 1);
	text_release(&t);
}

static void test_line_ends(void)
{
	struct text t;
	struct decode_result r;
	/* CRLF, lone CR and LF each end exactly one line */
	decode("a\r\nb\rc\nd", 8, &t, &r);
	CU_ASSERT_STRING_EQUAL(t.buf, "a\nb\nc\nd");
	CU_ASSERT_EQUAL(t.lines, 4);
	text_release(&t);
	/* CR CR LF is two lines, not one */
	decode("a\r\r\nb", 5, &t, &r);
	CU_ASSERT_STRING_EQUAL(t.buf, "a\n\nb");
	CU_ASSERT_EQUAL(t.lines, 3);
	text_release(&t);
}

static void test_utf16le_bom(void)
{
	size_t n;
	unsigned char *b = unit_utf16le("IP:port : 0.0.0.0:443\r\nx \xE2\x98\x85 \xF0\x9F\x98\x80\r\n", &n);
	struct text t;
	struct decode_result r;
	decode(b, n, &t, &r);
	CU_ASSERT_STRING_EQUAL(t.encoding, "utf-16le");
	CU_ASSERT_STRING_EQUAL(t.buf, "IP:port : 0.0.0.0:443\nx \xE2\x98\x85 \xF0\x9F\x98\x80\n");
	CU_ASSERT_EQUAL(r.nr_total, 0);
	text_release(&t);
	free(b);
}

static void test_utf16le_nobom(void)
{
	size_t n;
	unsigned char *b = unit_utf16le("Windows Registry Editor Version 5.00\r\n", &n);
	struct text t;
	struct decode_result r;
	decode(b + 2, n - 2, &t, &r);
	CU_ASSERT_STRING_EQUAL(t.encoding, "utf-16le-nobom");
	CU_ASSERT_STRING_EQUAL(t.buf, "Windows Registry Editor Version 5.00\n");
	text_release(&t);
	free(b);
}

static void test_utf16be_bom(void)
{
	const unsigned char b[] = { 0xFE, 0xFF, 0, 'h', 0, 'i', 0, '\n' };
	struct text t;
	struct decode_result r;
	decode(b, sizeof(b), &t, &r);
	CU_ASSERT_STRING_EQUAL(t.encoding, "utf-16be");
	CU_ASSERT_STRING_EQUAL(t.buf, "hi\n");
	text_release(&t);
}

static void test_utf16_odd_length(void)
{
	const unsigned char b[] = { 0xFF, 0xFE, 'a', 0, '\n', 0, 'b', 0, 'c' };
	struct text t;
	struct decode_result r;
	decode(b, sizeof(b), &t, &r);
	CU_ASSERT_EQUAL(r.nr_total, 1);
	CU_ASSERT_EQUAL(r.problems[0].line, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.problems[0].message, "odd number of bytes"));
	CU_ASSERT_STRING_EQUAL(t.buf, "a\nb\xEF\xBF\xBD");
	text_release(&t);
}

static void test_utf16_unpaired_surrogate(void)
{
	const unsigned char b[] = { 0xFF, 0xFE, 'a', 0, 0x00, 0xD8, 'b', 0 };
	struct text t;
	struct decode_result r;
	decode(b, sizeof(b), &t, &r);
	CU_ASSERT_EQUAL(r.nr_total, 1);
	CU_ASSERT_STRING_EQUAL(t.buf, "a\xEF\xBF\xBD" "b");
	text_release(&t);
}

static void test_cp1252(void)
{
	/* 0x80 is the euro sign, 0xE9 e-acute; not valid UTF-8 */
	struct text t;
	struct decode_result r;
	decode("caf\xE9 \x80", 6, &t, &r);
	CU_ASSERT_STRING_EQUAL(t.encoding, "windows-1252");
	CU_ASSERT_STRING_EQUAL(t.buf, "caf\xC3\xA9 \xE2\x82\xAC");
	CU_ASSERT_EQUAL(r.nr_total, 0);
	text_release(&t);
}

static void test_nul_byte(void)
{
	struct text t;
	struct decode_result r;
	decode("a\nb\0c\n", 6, &t, &r);
	CU_ASSERT_EQUAL(r.nr_total, 1);
	CU_ASSERT_EQUAL(r.problems[0].line, 2);
	CU_ASSERT_STRING_EQUAL(r.problems[0].message, "NUL byte in text");
	text_release(&t);
}

static void test_nul_first_cp1252(void)
{
	/* the problem comes before anything is written (a fuzzer found it) */
	struct text t;
	struct decode_result r;
	decode("\0a\xF3\n", 4, &t, &r);
	CU_ASSERT_STRING_EQUAL(t.encoding, "windows-1252");
	CU_ASSERT_EQUAL(r.nr_total, 1);
	CU_ASSERT_EQUAL(r.problems[0].line, 1);
	CU_ASSERT_STRING_EQUAL(t.buf, "\xEF\xBF\xBD" "a\xC3\xB3\n");
	text_release(&t);
}

/*
 * Long runs of plain ASCII go through the eight-at-a-time path: the text
 * must come out the same and problem lines must still be right.
 */
static void test_long_runs(void)
{
	char in[4096], want[4096];
	size_t n = 0, w = 0;
	struct text t;
	struct decode_result r;

	for (int line = 1; line <= 60; line++) {
		for (int i = 0; i < 40 + line % 9; i++)
			in[n++] = want[w++] = (char)('a' + (i + line) % 26);
		if (line == 50) {
			in[n++] = '\r';           /* a lone CR ends a line too */
		} else {
			in[n++] = '\r';
			in[n++] = '\n';
		}
		want[w++] = '\n';
	}
	memcpy(in + n, "x\xC3(y", 4);       /* invalid UTF-8 on line 61 */
	n += 4;
	memcpy(want + w, "x\xEF\xBF\xBD(y", 6);
	w += 6;
	want[w] = '\0';

	decode(in, n, &t, &r);
	CU_ASSERT_STRING_EQUAL(t.encoding, "windows-1252");
	text_release(&t);

	/* the same after a BOM, where invalid UTF-8 is a problem, not cp1252 */
	char bom[4096 + 3] = "\xEF\xBB\xBF";
	memcpy(bom + 3, in, n);
	decode(bom, n + 3, &t, &r);
	CU_ASSERT_EQUAL(t.len, w);
	CU_ASSERT_STRING_EQUAL(t.buf, want);
	CU_ASSERT_EQUAL(t.lines, 61);
	CU_ASSERT_EQUAL(r.nr_total, 1);
	CU_ASSERT_EQUAL(r.problems[0].line, 61);
	text_release(&t);
}

static void test_bad_utf8_after_bom(void)
{
	struct text t;
	struct decode_result r;
	decode("\xEF\xBB\xBF" "a\n\xC3(\n", 8, &t, &r);
	CU_ASSERT_EQUAL(r.nr_total, 1);
	CU_ASSERT_EQUAL(r.problems[0].line, 2);
	text_release(&t);
}

static void test_empty(void)
{
	struct text t;
	struct decode_result r;
	decode("", 0, &t, &r);
	CU_ASSERT_EQUAL(t.len, 0);
	CU_ASSERT_EQUAL(t.lines, 0);
	CU_ASSERT_STRING_EQUAL(t.buf, "");
	text_release(&t);
}

static void test_lines_and_columns(void)
{
	struct text t;
	struct decode_result r;
	struct line l = { NULL, 0, 0 };
	size_t pos = 0;
	decode("ab\n\nc", 5, &t, &r);
	CU_ASSERT_TRUE(text_next_line(&t, &pos, &l));
	CU_ASSERT_EQUAL(l.no, 1);
	CU_ASSERT_EQUAL(l.len, 2);
	CU_ASSERT_TRUE(text_next_line(&t, &pos, &l));
	CU_ASSERT_EQUAL(l.no, 2);
	CU_ASSERT_EQUAL(l.len, 0);
	CU_ASSERT_TRUE(text_next_line(&t, &pos, &l));
	CU_ASSERT_EQUAL(l.no, 3);
	CU_ASSERT_EQUAL(l.s[0], 'c');
	CU_ASSERT_FALSE(text_next_line(&t, &pos, &l));
	text_release(&t);
	/* columns count code points: the star is one column */
	const char *line = "\xE2\x98\x85x";
	CU_ASSERT_EQUAL(text_col(line, line + 3), 2);
}

static void test_detect(void)
{
	static const struct {
		const char *text;
		enum input_kind kind;
	} cases[] = {
		{ "\nSSL Certificate bindings:\n-----\n", INPUT_NETSH },
		{ "    IP:port                      : 0.0.0.0:443\n", INPUT_NETSH },
		{ "Hostname:port : a:443\n", INPUT_NETSH },
		{ "`    Central Certificate Store    : 443`\n", INPUT_NETSH },
		{ "Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\X]\n", INPUT_REG },
		{ "  REGEDIT4\n", INPUT_REG },
		{ "[HKEY_LOCAL_MACHINE\\X]\n\"a\"=dword:1\n", INPUT_REG },
		{ "<?xml version=\"1.0\"?>\n<configuration>\n<system.applicationHost>\n", INPUT_APPCONFIG },
		{ "[{\"Thumbprint\": \"AB\"}]", INPUT_CERTJSON },
		{ "{\"store\": \"ClientAuthIssuer\", \"certificates\": []}", INPUT_CERTJSON },
		{ "{\"host\": \"web01\", \"taken\": \"2026-01-01T00:00:00Z\"}", INPUT_MANIFEST },
		{ "hello world\n", INPUT_UNKNOWN },
		{ "", INPUT_UNKNOWN },
		{ "<sites><site name=\"a\"/></sites>", INPUT_APPCONFIG },
		{ "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- IIS -->\n<configuration>\n"
		  "  <system.webServer>\n", INPUT_APPCONFIG },
		{ "\n  <site name=\"Default Web Site\" id=\"1\">\n", INPUT_APPCONFIG },
		{ "<system.applicationHost>\n", INPUT_APPCONFIG },
		{ "<!DOCTYPE configuration [<!ENTITY x \"]>\">]>\n<configuration/>", INPUT_APPCONFIG },
		{ "<?xml version=\"1.0\"?>\n<html><body/></html>", INPUT_UNKNOWN },
		{ "<siteMap/>", INPUT_UNKNOWN },
		{ "<!-- unclosed comment <configuration>", INPUT_UNKNOWN },
		/* netsh pasted from a web page: U+00A0 padding, no header */
		{ "\xC2\xA0\xC2\xA0IP:port\xC2\xA0\xC2\xA0: 0.0.0.0:443\n", INPUT_NETSH },
		/* German: the header and the key line of the label table */
		{ "SSL-Zertifikatbindungen:\n", INPUT_NETSH },
		/* a language without a table: an endpoint, then a hash, as every record starts */
		{ "    Adresse IP:port   : 0.0.0.0:443\n\n"
		  "    Hachage           : d0013e91aab93f437a4443b13e6d18bd60f0279c\n", INPUT_NETSH },
		/* ... but an endpoint alone, or followed by something else, is not */
		{ "    Adresse IP:port   : 0.0.0.0:443\n", INPUT_UNKNOWN },
		{ "    Server : web01:443\n    Owner : someone\n", INPUT_UNKNOWN },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct text t;
		struct decode_result r;
		decode(cases[i].text, strlen(cases[i].text), &t, &r);
		CU_ASSERT_EQUAL(detect_kind(&t), cases[i].kind);
		text_release(&t);
	}
}

void suite_decode(void)
{
	ADD_SUITE("decode",
		  { "utf-8", test_utf8_plain },
		  { "utf-8 with BOM", test_utf8_bom },
		  { "CRLF, CR and LF", test_line_ends },
		  { "utf-16le with BOM", test_utf16le_bom },
		  { "utf-16le without BOM", test_utf16le_nobom },
		  { "utf-16be with BOM", test_utf16be_bom },
		  { "utf-16 odd length", test_utf16_odd_length },
		  { "utf-16 unpaired surrogate", test_utf16_unpaired_surrogate },
		  { "windows-1252", test_cp1252 },
		  { "NUL byte", test_nul_byte },
		  { "NUL first in windows-1252", test_nul_first_cp1252 },
		  { "long ASCII runs", test_long_runs },
		  { "bad UTF-8 after BOM", test_bad_utf8_after_bom },
		  { "empty input", test_empty },
		  { "lines and columns", test_lines_and_columns },
		  { "kind detection", test_detect });
}

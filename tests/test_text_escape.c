/*
 * Text from the inputs on a terminal or in a CI log (linter/text_escape.c):
 * control characters, bidirectional controls and bytes that are not UTF-8
 * come out as visible escapes; everything else, backslashes and UTF-8
 * letters included, as it is.
 */
#include <stdlib.h>
#include <string.h>

#include "text_escape.h"
#include "unit.h"

void suite_text_escape(void);

static char *escaped(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	text_escape_put(s, out);
	fclose(out);
	return buf;
}

#define ASSERT_ESCAPED(in, want) \
	do { \
		char *got_ = escaped(in); \
		CU_ASSERT_STRING_EQUAL(got_, want); \
		free(got_); \
	} while (0)

static void test_controls(void)
{
	/* a site name that would start a GitHub workflow command on a line of its own */
	ASSERT_ESCAPED("x\n::error file=README.md,line=1::forged", "x\\n::error file=README.md,line=1::forged");
	ASSERT_ESCAPED("a\r\tb", "a\\r\\tb");
	/* OSC (set the window title) and CSI (clear the screen) */
	ASSERT_ESCAPED("\x1b]0;owned\x07\x1b[2J", "\\x1b]0;owned\\x07\\x1b[2J");
	ASSERT_ESCAPED("del\x7f", "del\\x7f");
	/* C1 controls: U+009B is a CSI on some terminals */
	ASSERT_ESCAPED("c1\xc2\x9b" "2J", "c1\\u009b2J");
	ASSERT_ESCAPED("nel\xc2\x85", "nel\\u0085");
}

static void test_bidi_and_separators(void)
{
	ASSERT_ESCAPED("abc\xe2\x80\xae" "fed", "abc\\u202efed");          /* RIGHT-TO-LEFT OVERRIDE */
	ASSERT_ESCAPED("\xe2\x81\xa6x\xe2\x81\xa9", "\\u2066x\\u2069");    /* isolates */
	ASSERT_ESCAPED("\xe2\x80\x8e" "d0", "\\u200ed0");                  /* LEFT-TO-RIGHT MARK */
	ASSERT_ESCAPED("a\xe2\x80\xa8" "b", "a\\u2028b");                  /* LINE SEPARATOR */
}

static void test_kept(void)
{
	ASSERT_ESCAPED("HKLM\\SYSTEM\\CurrentControlSet", "HKLM\\SYSTEM\\CurrentControlSet");
	ASSERT_ESCAPED("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x94\x92", "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x94\x92");
	ASSERT_ESCAPED("\xe2\x80\x94 em dash", "\xe2\x80\x94 em dash");
	ASSERT_ESCAPED("", "");
	CU_ASSERT_EQUAL(text_escape_clean_prefix("abc\x1b" "d"), 3);
}

static void test_not_utf8(void)
{
	ASSERT_ESCAPED("a\xff" "b", "a\\xffb");
	ASSERT_ESCAPED("\xc3", "\\xc3");                 /* cut short */
	ASSERT_ESCAPED("\xc0\xaf", "\\xc0\\xaf");        /* overlong '/' */
	ASSERT_ESCAPED("\xed\xa0\x80", "\\xed\\xa0\\x80");   /* a surrogate */
}

void suite_text_escape(void)
{
	ADD_SUITE("text_escape",
		  { "control characters", test_controls },
		  { "bidirectional controls and separators", test_bidi_and_separators },
		  { "what is kept", test_kept },
		  { "bytes that are not UTF-8", test_not_utf8 });
}

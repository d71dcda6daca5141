#include "text_escape.h"

/* The length of the UTF-8 sequence at s and its code point, or 0 when it is not one. */
static size_t utf8_at(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0];
	size_t n;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		*cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		*cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		*cp = c & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, past U+10FFFF */
	if ((n == 3 && *cp < 0x800) || (n == 4 && (*cp < 0x10000 || *cp > 0x10ffff)) ||
	    (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return n;
}

/* Code points escaped as \uXXXX: C1 controls, line separators, bidirectional controls. */
static int hidden(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || cp == 0x061c ||
	       cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* The length of the run at s that is written as it is; 0 when s starts with something to escape. */
static size_t clean_run(const unsigned char *s)
{
	size_t len = 0;
	for (;;) {
		unsigned cp;
		size_t n = s[len] ? utf8_at(s + len, &cp) : 0;
		if (!n || cp < 0x20 || cp == 0x7f || hidden(cp))
			return len;
		len += n;
	}
}

size_t text_escape_clean_prefix(const char *s)
{
	return clean_run((const unsigned char *)s);
}

void text_escape_put(const char *s, FILE *out)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t run = clean_run(p);
		fwrite(p, 1, run, out);
		p += run;
		if (!*p)
			break;
		unsigned cp;
		size_t n = utf8_at(p, &cp);
		if (n == 1 && cp == '\n')
			fputs("\\n", out);
		else if (n == 1 && cp == '\r')
			fputs("\\r", out);
		else if (n == 1 && cp == '\t')
			fputs("\\t", out);
		else if (n == 1 || n == 0)
			fprintf(out, "\\x%02x", *p);
		else
			fprintf(out, "\\u%04x", cp);
		p += n ? n : 1;
	}
}

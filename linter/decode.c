#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "strbuf.h"
#include "util.h"

/* Windows-1252 0x80..0x9F; the five undefined bytes map to U+FFFD. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/*
 * The output.  Every line end of the input is one '\n' in buf, so the line
 * being written is 1 + the '\n's in buf; they are counted only when a
 * problem needs the line, and at the end.
 */
struct sink {
	struct strbuf sb;        /* the fast paths store past sb.len and set it themselves */
	size_t counted;          /* buf[0..counted) holds line - 1 '\n's */
	uint32_t line;
	int pending_cr;
	struct decode_result *res;
};

static uint32_t current_line(struct sink *s)
{
	if (!s->sb.alloc)
		return s->line;
	const char *p = s->sb.buf + s->counted, *end = s->sb.buf + s->sb.len;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
		s->line++;
		p++;
	}
	s->counted = s->sb.len;
	return s->line;
}

static void problem(struct sink *s, const char *message)
{
	struct decode_result *r = s->res;
	uint32_t line = current_line(s);
	/* one report per line and kind is enough */
	if (r->nr_problems && r->problems[r->nr_problems - 1].line == line &&
	    r->problems[r->nr_problems - 1].message == message)
		return;
	if (r->nr_problems < DECODE_MAX_PROBLEMS) {
		r->problems[r->nr_problems].line = line;
		r->problems[r->nr_problems].message = message;
		r->nr_problems++;
	}
	r->nr_total++;
}

static void put_byte(struct sink *s, char c)
{
	strbuf_grow(&s->sb, 1);
	s->sb.buf[s->sb.len++] = c;
}

/*
 * Makes room for at least want more bytes plus the final NUL, so that the
 * fast paths below can store without checking.  Only the slow path (a
 * non-ASCII character, a line end, a problem) can write more than the
 * fast paths' budget, so they call this again after each slow step; it
 * costs a comparison when there is room.
 */
static void reserve(struct sink *s, size_t want)
{
	strbuf_grow(&s->sb, want);
}

/* A byte the fast paths copy as it is: ASCII other than NUL and CR. */
static int plain_ascii(uint32_t c)
{
	return c < 0x80 && c != 0 && c != '\r';
}

/*
 * Length of the run of such bytes at p.  Eight at a time: a word has a
 * zero byte when (w - 0x01..01) & ~w & 0x80..80 is not 0 (CR is found as
 * a zero of w ^ 0x0D..0D), and a byte >= 0x80 when w & 0x80..80 is not 0.
 */
static size_t plain_run(const unsigned char *p, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w, cr;
		memcpy(&w, p + i, 8);
		cr = w ^ (ones * '\r');
		if ((w & highs) | ((w - ones) & ~w & highs) | ((cr - ones) & ~cr & highs))
			break;
	}
	while (i < n && plain_ascii(p[i]))
		i++;
	return i;
}

static void put_cp(struct sink *s, uint32_t cp)
{
	if (s->pending_cr) {
		s->pending_cr = 0;
		if (cp == '\n')
			return;         /* CRLF: the '\n' was already written for the CR */
	}
	if (cp == '\r') {
		put_byte(s, '\n');
		s->pending_cr = 1;
		return;
	}
	if (cp == '\n') {
		put_byte(s, '\n');
		return;
	}
	if (cp == 0) {
		problem(s, "NUL byte in text");
		cp = 0xFFFD;
	}
	if (cp < 0x80) {
		put_byte(s, (char)cp);
	} else if (cp < 0x800) {
		put_byte(s, (char)(0xC0 | (cp >> 6)));
		put_byte(s, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		put_byte(s, (char)(0xE0 | (cp >> 12)));
		put_byte(s, (char)(0x80 | ((cp >> 6) & 0x3F)));
		put_byte(s, (char)(0x80 | (cp & 0x3F)));
	} else {
		put_byte(s, (char)(0xF0 | (cp >> 18)));
		put_byte(s, (char)(0x80 | ((cp >> 12) & 0x3F)));
		put_byte(s, (char)(0x80 | ((cp >> 6) & 0x3F)));
		put_byte(s, (char)(0x80 | (cp & 0x3F)));
	}
}

/*
 * Length of the valid UTF-8 sequence at p (1..4), or 0 when it is not one
 * (overlong forms, surrogates and code points past U+10FFFF included).
 */
static size_t utf8_seq(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char c = p[0];
	size_t len;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2; v = c & 0x1F; min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3; v = c & 0x0F; min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

static int valid_utf8(const unsigned char *p, size_t n)
{
	uint32_t cp;
	for (size_t i = 0; i < n;) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t l = utf8_seq(p + i, n - i, &cp);
		if (!l)
			return 0;
		i += l;
	}
	return 1;
}

/*
 * Valid UTF-8 is copied as it is, except for CR line ends and NULs: the
 * output is never longer than the input unless there are problems.
 */
static void decode_utf8(struct sink *s, const unsigned char *p, size_t n)
{
	uint32_t cp;
	reserve(s, n);
	for (size_t i = 0; i < n;) {
		if (!s->pending_cr) {
			size_t run = plain_run(p + i, n - i);
			memcpy(s->sb.buf + s->sb.len, p + i, run);
			s->sb.len += run;
			i += run;
			if (i == n)
				break;
		}
		size_t l = utf8_seq(p + i, n - i, &cp);
		if (!l) {
			problem(s, "invalid UTF-8 sequence");
			put_cp(s, 0xFFFD);
			i++;
		} else {
			put_cp(s, cp);
			i += l;
		}
		reserve(s, n - i);
	}
}

static void decode_cp1252(struct sink *s, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		put_cp(s, c >= 0x80 && c < 0xA0 ? cp1252_high[c - 0x80] : c);
	}
}

/* Budget of the UTF-16 fast path: an ASCII unit (2 bytes) writes 1 byte. */
static void decode_utf16(struct sink *s, const unsigned char *p, size_t n, int be)
{
	size_t i;
	reserve(s, n / 2);
	for (i = 0; i + 1 < n; i += 2) {
		uint32_t u = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
		if (plain_ascii(u) && !s->pending_cr) {
			s->sb.buf[s->sb.len++] = (char)u;
			continue;
		}
		reserve(s, (n - i) / 2 + 4);
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
			uint32_t lo = be ? (uint32_t)(p[i + 2] << 8 | p[i + 3])
					 : (uint32_t)(p[i + 3] << 8 | p[i + 2]);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				put_cp(s, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
				i += 2;
				continue;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF) {
			problem(s, "unpaired UTF-16 surrogate");
			u = 0xFFFD;
		}
		put_cp(s, u);
	}
	if (i < n) {
		problem(s, "odd number of bytes in UTF-16 text: the file is cut in the middle of a character");
		put_cp(s, 0xFFFD);
	}
}

/*
 * UTF-16 without a BOM: in text that is mostly ASCII, every other byte is
 * NUL.  Look at the first 1 KiB; demand a clear majority so that binary
 * data with a few NULs is not taken for text.
 */
static int looks_utf16(const unsigned char *p, size_t n, int *be)
{
	size_t pairs = 0, zero_odd = 0, zero_even = 0;
	if (n < 4)
		return 0;
	if (n > 1024)
		n = 1024;
	for (size_t i = 0; i + 1 < n; i += 2) {
		pairs++;
		zero_even += p[i] == 0;
		zero_odd += p[i + 1] == 0;
	}
	if (zero_odd * 10 >= pairs * 7 && zero_even * 10 <= pairs) {
		*be = 0;
		return 1;
	}
	if (zero_even * 10 >= pairs * 7 && zero_odd * 10 <= pairs) {
		*be = 1;
		return 1;
	}
	return 0;
}

void text_decode(const unsigned char *in, size_t len, struct text *out,
		 struct decode_result *res)
{
	struct sink s = { STRBUF_INIT, 0, 1, 0, res };
	int be;

	memset(res, 0, sizeof(*res));
	if (len >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF) {
		out->encoding = "utf-8-bom";
		decode_utf8(&s, in + 3, len - 3);
	} else if (len >= 2 && in[0] == 0xFF && in[1] == 0xFE) {
		out->encoding = "utf-16le";
		decode_utf16(&s, in + 2, len - 2, 0);
	} else if (len >= 2 && in[0] == 0xFE && in[1] == 0xFF) {
		out->encoding = "utf-16be";
		decode_utf16(&s, in + 2, len - 2, 1);
	} else if (looks_utf16(in, len, &be)) {
		out->encoding = be ? "utf-16be-nobom" : "utf-16le-nobom";
		decode_utf16(&s, in, len, be);
	} else if (valid_utf8(in, len)) {
		out->encoding = "utf-8";
		decode_utf8(&s, in, len);
	} else {
		out->encoding = "windows-1252";
		decode_cp1252(&s, in, len);
	}
	strbuf_setlen(&s.sb, s.sb.len);
	/* a final line without a line end still counts */
	out->lines = s.sb.len ? current_line(&s) - (s.sb.buf[s.sb.len - 1] == '\n') : 0;
	out->buf = strbuf_detach(&s.sb, &out->len);
}

void text_release(struct text *t)
{
	free(t->buf);
	t->buf = NULL;
	t->len = 0;
	t->lines = 0;
}

int text_next_line(const struct text *t, size_t *pos, struct line *line)
{
	if (*pos >= t->len)
		return 0;
	const char *start = t->buf + *pos;
	const char *nl = memchr(start, '\n', t->len - *pos);
	size_t n = nl ? (size_t)(nl - start) : t->len - *pos;
	line->s = start;
	line->len = n;
	line->no++;
	*pos += n + (nl ? 1 : 0);
	return 1;
}

uint32_t text_col(const char *line_start, const char *p)
{
	uint32_t col = 1;
	for (const char *q = line_start; q < p; q++)
		col += ((unsigned char)*q & 0xC0) != 0x80;
	return col;
}

int text_blank(const struct text *t)
{
	for (size_t i = 0; i < t->len; i++) {
		char c = t->buf[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (t->len - i >= 3 && !memcmp(t->buf + i, "\xEF\xBB\xBF", 3)) {
			i += 2;
			continue;
		}
		return 0;
	}
	return 1;
}

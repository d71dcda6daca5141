#ifndef DECODE_H
#define DECODE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Input decoding shared by every parser: bytes in any of the encodings
 * Windows tools write, out as UTF-8 with '\n' line ends.
 *
 * Detection, in this order:
 *   EF BB BF                      "utf-8-bom"
 *   FF FE                         "utf-16le" (PowerShell 5.1 '>', regedit)
 *   FE FF                         "utf-16be"
 *   no BOM, NUL in most odd bytes "utf-16le-nobom" (and "utf-16be-nobom")
 *   valid UTF-8 (or ASCII)        "utf-8"
 *   anything else                 "windows-1252"
 * CRLF, LF and a lone CR each end one line, so line N of the decoded text
 * is line N of the original file.  Undecodable bytes (a broken UTF-8
 * sequence after a BOM, an unpaired surrogate, a NUL, a dangling odd byte
 * of UTF-16) become U+FFFD and are reported as problems with their line.
 */
struct text {
	char *buf;               /* UTF-8, NUL-terminated; owned, see text_release() */
	size_t len;              /* bytes in buf, without the NUL */
	const char *encoding;    /* static string, see above */
	uint32_t lines;          /* number of lines (a final line without '\n' counts) */
};

#define TEXT_INIT { NULL, 0, NULL, 0 }

#define DECODE_MAX_PROBLEMS 8

struct decode_problem {
	uint32_t line;           /* 1-based line of the original file */
	const char *message;     /* static string, git style: "NUL byte in text" */
};

struct decode_result {
	struct decode_problem problems[DECODE_MAX_PROBLEMS];
	size_t nr_problems;      /* stored */
	size_t nr_total;         /* found, including those not stored */
};

/*
 * Decodes len bytes of in into out (which the caller releases with
 * text_release()).  Never fails: problems go to res.
 */
void text_decode(const unsigned char *in, size_t len, struct text *out,
		 struct decode_result *res);

void text_release(struct text *t);

/* Whether t holds nothing but white space (and stray U+FEFF): an empty file. */
int text_blank(const struct text *t);

/* One line of decoded text, without its '\n'. */
struct line {
	const char *s;
	size_t len;
	uint32_t no;             /* 1-based */
};

/*
 * Iterates lines: *pos starts at 0, line->no must start at 0.  Returns 1
 * with the next line in *line, or 0 at the end.
 */
int text_next_line(const struct text *t, size_t *pos, struct line *line);

/* 1-based column of p in the line starting at line_start, in code points. */
uint32_t text_col(const char *line_start, const char *p);

#endif

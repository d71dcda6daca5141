#ifndef SRCLOC_H
#define SRCLOC_H

#include <stdint.h>

/*
 * Where a model element or a finding comes from.
 *
 * - file: the input's path as the user gave it (relative stays relative),
 *   interned once per input in the model arena, so two locations in one
 *   file compare equal by pointer.  Never NULL on a model node.
 * - line: 1-based line of the ORIGINAL file (a UTF-16 file's lines count
 *   the same as after decoding; CRLF, LF and lone CR each end one line);
 *   0 = unknown.
 * - col: 1-based column counted in Unicode code points of that line (the
 *   SARIF "unicodeCodePoints" column kind; for ASCII text it is the byte
 *   column); 0 = unknown.  Reporters leave unknown fields out, never
 *   printing 0.
 * - path: optional logical location: a registry key, an XPath, or a JSON
 *   Pointer; NULL when there is none.
 */
struct srcloc {
	const char *file;
	uint32_t line;
	uint32_t col;
	const char *path;
};

#define SRCLOC_INIT { NULL, 0, 0, NULL }

#endif

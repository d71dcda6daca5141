#ifndef TEXT_ESCAPE_H
#define TEXT_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/*
 * Text from the inputs on a terminal or in a CI log.  Every string the text
 * report prints that came from an input (file and host names, messages
 * that quote values, fixes, reasons) goes through text_escape_put(), so an
 * export cannot move the cursor, set the window title, hide text behind
 * bidirectional overrides, or start a line of its own (a GitHub
 * "::error file=..." workflow command, a forged diagnostic).
 *
 * Escaped, visibly:
 *   - C0 controls and DEL: \n, \r, \t, else \xNN ("\x1b" for ESC);
 *   - C1 controls (U+0080..U+009F), line and paragraph separators (U+2028,
 *     U+2029) and the bidirectional controls (U+061C, U+200E, U+200F,
 *     U+202A..U+202E, U+2066..U+2069): \uXXXX;
 *   - bytes that are not UTF-8: \xNN.
 * Everything else, backslashes included (Windows paths and registry keys
 * are full of them), is written as it is.
 */

/* Writes s escaped to out. */
void text_escape_put(const char *s, FILE *out);

/* How many bytes of s text_escape_put() writes as they are, from the start: the rest needs escaping. */
size_t text_escape_clean_prefix(const char *s);

#endif

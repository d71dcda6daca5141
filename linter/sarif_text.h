#ifndef SARIF_TEXT_H
#define SARIF_TEXT_H

/*
 * SARIF plain-text messages carry embedded links, "[text](target)"
 * (SARIF 2.1.0 3.11.6), which viewers and GitHub code scanning render:
 * text from an input must not become one.  Literal brackets are escaped
 * as the standard says: "\[" and "\]", and a backslash just before a
 * bracket doubled.
 */

/* s escaped, malloc'd. */
char *sarif_text_escape(const char *s);

/*
 * The text sarif_text_escape() was given, from what it returned (a run
 * of m backslashes before a bracket was m - 2 of them, a lone one none;
 * elsewhere backslashes are as they were), malloc'd.
 */
char *sarif_text_unescape(const char *s);

#endif

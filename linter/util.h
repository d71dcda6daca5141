#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>
#include <stdio.h>

/*
 * Allocation that never fails: out of memory is the one condition the
 * linter aborts on (STYLE R4).  Everything else is reported as a
 * diagnostic and the caller goes on.
 */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Abort with file:line on a broken internal invariant. */
#define BUG(msg) bug_fl(__FILE__, __LINE__, (msg))
void bug_fl(const char *file, int line, const char *msg)
	__attribute__((noreturn));

/* Grow *alloc to at least nr elements (amortised doubling), like git's ALLOC_GROW. */
#define ALLOC_GROW(ptr, nr, alloc) \
	do { \
		if ((nr) > (alloc)) { \
			size_t alloc_grow_n_ = (alloc) ? (alloc) * 2 : 16; \
			while (alloc_grow_n_ < (nr)) \
				alloc_grow_n_ *= 2; \
			(ptr) = xrealloc((ptr), alloc_grow_n_ * sizeof(*(ptr))); \
			(alloc) = alloc_grow_n_; \
		} \
	} while (0)

/*
 * A short excerpt of a value from an input, for a message: at most
 * EXCERPT_MAX bytes, cut at a UTF-8 character boundary, "..." when cut.
 * printf arguments for "'%.*s%s'": EXCERPT(s).  (Control characters are
 * escaped where the text is printed, text_escape.h.)
 */
#define EXCERPT_MAX 64
int excerpt_len(const char *s);
const char *excerpt_more(const char *s);
#define EXCERPT(s) excerpt_len(s), (s), excerpt_more(s)

/*
 * A memory stream (open_memstream()) to print text into: mem_open()
 * opens fp, mem_take() closes it and hands over the text, malloc'd, for
 * the caller to free().  Out of memory aborts.
 */
struct mem {
	char *buf;
	size_t len;
	FILE *fp;
};

void mem_open(struct mem *m);
char *mem_take(struct mem *m);

/* The value of the hex digit c (either case), or -1. */
int hex_digit(int c);

/* Lower-case hex of n bytes into out (2n + 1 bytes). */
void hex_encode(const unsigned char *b, size_t n, char *out);

/* ASCII case-insensitive comparisons; the inputs' labels are ASCII. */
int str_ieq(const char *a, const char *b);
int str_nieq(const char *a, const char *b, size_t n);
int str_istarts(const char *s, const char *prefix);

/*
 * Bytes of the white-space character at p (before e), or 0: ASCII blanks
 * and the Unicode spaces text copied from a web page or a word processor
 * carries as padding (U+00A0, U+2000-U+200A, U+202F, U+205F, U+3000) and
 * U+FEFF.  uspace_before(): of the one that ends just before e.
 */
size_t uspace_at(const char *p, const char *e);
size_t uspace_before(const char *s, const char *e);

#include "banned.h"

#endif

#ifndef STRBUF_H
#define STRBUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable string (git's strbuf): buf holds len bytes and a NUL after
 * them, always, so buf is a C string from STRBUF_INIT on (an empty one
 * points at a shared static ""; never write to it before growing).  The
 * buffer is malloc'd and owned by the strbuf: strbuf_release() frees it,
 * strbuf_detach() hands it over.  It grows by doubling (ALLOC_GROW), so
 * appending is amortised O(1); out of memory aborts (xrealloc).
 */
struct strbuf {
	size_t alloc;            /* 0: buf is the shared empty string */
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }

void strbuf_init(struct strbuf *sb);

/* Frees the buffer; sb is empty (STRBUF_INIT) again. */
void strbuf_release(struct strbuf *sb);

/*
 * The buffer, now the caller's to free(), malloc'd even when empty; *len
 * (when len is not NULL) gets its length.  sb is empty again.
 */
char *strbuf_detach(struct strbuf *sb, size_t *len);

/*
 * Room for extra more bytes and the NUL: the caller may then write up to
 * buf[len + extra] directly and set the length with strbuf_setlen().
 */
void strbuf_grow_slow(struct strbuf *sb, size_t extra);
static inline void strbuf_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 > sb->alloc)
		strbuf_grow_slow(sb, extra);
}

/* Sets the length (at most what the buffer holds) and writes the NUL. */
void strbuf_setlen(struct strbuf *sb, size_t len);

static inline void strbuf_reset(struct strbuf *sb)
{
	strbuf_setlen(sb, 0);
}

static inline void strbuf_addch(struct strbuf *sb, char c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);

/* Replaces the contents with n bytes of data; returns sb->buf. */
const char *strbuf_set(struct strbuf *sb, const void *data, size_t n);

__attribute__((format(printf, 2, 3)))
void strbuf_addf(struct strbuf *sb, const char *fmt, ...);
__attribute__((format(printf, 2, 0)))
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

#endif

#ifndef ARENA_H
#define ARENA_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A bump allocator that owns every node and string of one snapshot model
 * (or one diagnostic list).  Nothing allocated from it is freed alone:
 * arena_release() frees everything at once (after git's mem-pool.h).
 */
struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total;            /* bytes handed out, for --timings and tests */
};

#define ARENA_INIT { NULL, 0 }

void arena_init(struct arena *a);

/* Zeroed memory, aligned for any type; never NULL (aborts on OOM). */
void *arena_alloc(struct arena *a, size_t n);

/* Copies owned by the arena.  arena_strndup copies n bytes and adds a NUL. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void *arena_memdup(struct arena *a, const void *p, size_t n);

/* printf into the arena. */
char *arena_strfmt(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vstrfmt(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Whether p points into memory this arena handed out (for model_check). */
int arena_owns(const struct arena *a, const void *p);

/* Frees every block; the arena is left empty and reusable. */
void arena_release(struct arena *a);

#endif

#ifndef STRMAP_H
#define STRMAP_H

#include <stddef.h>

/*
 * A hash map from NUL-terminated strings to pointers (open addressing,
 * FNV-1a).  The map does not copy keys: the caller keeps each key alive
 * as long as the map (the model's keys live in its arena).  Every join in
 * the linter goes through one of these, never a nested scan.
 */
struct strmap_entry {
	const char *key;
	void *value;
};

struct strmap {
	struct strmap_entry *slots;
	size_t nr, cap;          /* cap is 0 or a power of two */
};

#define STRMAP_INIT { NULL, 0, 0 }

void strmap_init(struct strmap *map);

/* The value stored under key, or NULL. */
void *strmap_get(const struct strmap *map, const char *key);

/*
 * strmap_get() of key with ASCII letters lower-cased, for maps whose keys
 * are stored lower-cased (names Windows compares without case).  Any
 * length: a name is never "not found" for being long.
 */
void *strmap_get_lower(const struct strmap *map, const char *key);

/*
 * Stores value under key.  Returns the value that was there before, or
 * NULL; the new value replaces it.
 */
void *strmap_put(struct strmap *map, const char *key, void *value);

/* Frees the table, not the keys or values. */
void strmap_release(struct strmap *map);

#endif

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

void strmap_init(struct strmap *map)
{
	map->slots = NULL;
	map->nr = map->cap = 0;
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static struct strmap_entry *find_slot(struct strmap_entry *slots, size_t cap,
				      const char *key)
{
	size_t mask = cap - 1;
	size_t i = (size_t)hash_str(key) & mask;
	while (slots[i].key && strcmp(slots[i].key, key))
		i = (i + 1) & mask;
	return &slots[i];
}

static void grow(struct strmap *map)
{
	size_t cap = map->cap ? map->cap * 2 : 64;
	struct strmap_entry *slots = xcalloc(cap, sizeof(*slots));
	for (size_t i = 0; i < map->cap; i++)
		if (map->slots[i].key)
			*find_slot(slots, cap, map->slots[i].key) = map->slots[i];
	free(map->slots);
	map->slots = slots;
	map->cap = cap;
}

void *strmap_get(const struct strmap *map, const char *key)
{
	if (!map->cap)
		return NULL;
	return find_slot(map->slots, map->cap, key)->value;
}

void *strmap_get_lower(const struct strmap *map, const char *key)
{
	char small[256];
	size_t n = strlen(key);
	char *buf = n < sizeof(small) ? small : xmalloc(n + 1);
	for (size_t i = 0; i <= n; i++)
		buf[i] = (char)tolower((unsigned char)key[i]);
	void *v = strmap_get(map, buf);
	if (buf != small)
		free(buf);
	return v;
}

void *strmap_put(struct strmap *map, const char *key, void *value)
{
	/* keep the load factor under 3/4 */
	if ((map->nr + 1) * 4 > map->cap * 3)
		grow(map);
	struct strmap_entry *e = find_slot(map->slots, map->cap, key);
	void *old = e->value;
	if (!e->key) {
		e->key = key;
		map->nr++;
	}
	e->value = value;
	return old;
}

void strmap_release(struct strmap *map)
{
	free(map->slots);
	strmap_init(map);
}

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "strmap.h"
#include "timeutil.h"
#include "unit.h"

void suite_arena(void);

static void test_alloc_zeroed_aligned(void)
{
	struct arena a = ARENA_INIT;
	for (int i = 1; i < 200; i++) {
		unsigned char *p = arena_alloc(&a, (size_t)i * 97);
		CU_ASSERT_EQUAL((uintptr_t)p % _Alignof(max_align_t), 0);
		for (int j = 0; j < i * 97; j++)
			if (p[j]) {
				CU_FAIL("arena memory not zeroed");
				break;
			}
		memset(p, 0xAB, (size_t)i * 97);
		CU_ASSERT_TRUE(arena_owns(&a, p));
	}
	int local;
	CU_ASSERT_FALSE(arena_owns(&a, &local));
	arena_release(&a);
	CU_ASSERT_PTR_NULL(a.head);
}

static void test_strings(void)
{
	struct arena a = ARENA_INIT;
	CU_ASSERT_STRING_EQUAL(arena_strdup(&a, "abc"), "abc");
	CU_ASSERT_STRING_EQUAL(arena_strndup(&a, "abcdef", 3), "abc");
	CU_ASSERT_STRING_EQUAL(arena_strfmt(&a, "%s:%u", "x", 443u), "x:443");
	/* a string larger than a block */
	char big[100000];
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CU_ASSERT_EQUAL(strlen(arena_strdup(&a, big)), sizeof(big) - 1);
	arena_release(&a);
}

static void test_strmap(void)
{
	struct strmap map = STRMAP_INIT;
	struct arena a = ARENA_INIT;
	static int values[5000];
	for (int i = 0; i < 5000; i++)
		CU_ASSERT_PTR_NULL(strmap_put(&map, arena_strfmt(&a, "k%d", i), &values[i]));
	CU_ASSERT_EQUAL(map.nr, 5000);
	for (int i = 0; i < 5000; i += 7) {
		char key[16];
		snprintf(key, sizeof(key), "k%d", i);
		CU_ASSERT_PTR_EQUAL(strmap_get(&map, key), &values[i]);
	}
	CU_ASSERT_PTR_NULL(strmap_get(&map, "k5000"));
	CU_ASSERT_PTR_EQUAL(strmap_put(&map, "k1", &values[2]), &values[1]);
	CU_ASSERT_EQUAL(map.nr, 5000);
	strmap_release(&map);
	arena_release(&a);
}

static void test_iso8601(void)
{
	int64_t t;
	CU_ASSERT_EQUAL(iso8601_parse("1970-01-01T00:00:00Z", &t), 0);
	CU_ASSERT_EQUAL(t, 0);
	CU_ASSERT_EQUAL(iso8601_parse("2023-11-14T22:13:20Z", &t), 0);
	CU_ASSERT_EQUAL(t, 1700000000);
	CU_ASSERT_EQUAL(iso8601_parse("2023-11-15T00:13:20+02:00", &t), 0);
	CU_ASSERT_EQUAL(t, 1700000000);
	CU_ASSERT_EQUAL(iso8601_parse("2023-11-14T22:13:20.1234567Z", &t), 0);
	CU_ASSERT_EQUAL(t, 1700000000);
	CU_ASSERT_EQUAL(iso8601_parse("2024-02-29", &t), 0);
	CU_ASSERT_EQUAL(iso8601_parse("2023-02-29", &t), -1);
	CU_ASSERT_EQUAL(iso8601_parse("2023-13-01", &t), -1);
	CU_ASSERT_EQUAL(iso8601_parse("yesterday", &t), -1);
	CU_ASSERT_EQUAL(iso8601_parse("2023-11-14T22:13:20Zjunk", &t), -1);
}

void suite_arena(void)
{
	ADD_SUITE("arena, strmap, time",
		  { "allocations are zeroed and aligned", test_alloc_zeroed_aligned },
		  { "strings", test_strings },
		  { "strmap", test_strmap },
		  { "iso8601", test_iso8601 });
}

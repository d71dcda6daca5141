/*
 * Paths taken apart lexically (linter/pathname.c), for SARIF URIs: every
 * spelling of one file cleans to one path, and "below the root" is by
 * whole segments.
 */
#include <stdlib.h>

#include "pathname.h"
#include "unit.h"

void suite_pathname(void);

#define ASSERT_CLEAN(in, want) \
	do { \
		char *got_ = path_clean(in); \
		CU_ASSERT_STRING_EQUAL(got_, want); \
		free(got_); \
	} while (0)

static void test_clean(void)
{
	ASSERT_CLEAN("a/b", "a/b");
	ASSERT_CLEAN("./a/b", "a/b");
	ASSERT_CLEAN("././a//b/", "a/b");
	ASSERT_CLEAN("x/../a/b", "a/b");
	ASSERT_CLEAN("a/x/y/../../b", "a/b");
	ASSERT_CLEAN("a/..", ".");
	ASSERT_CLEAN("", ".");
	ASSERT_CLEAN(".", ".");
	ASSERT_CLEAN("./", ".");
	/* a relative path keeps the ".." it cannot fold */
	ASSERT_CLEAN("../a", "../a");
	ASSERT_CLEAN("../../a/..", "../..");
	ASSERT_CLEAN("a/../../b", "../b");
	/* an absolute one cannot climb above "/" */
	ASSERT_CLEAN("/", "/");
	ASSERT_CLEAN("//", "/");
	ASSERT_CLEAN("/..", "/");
	ASSERT_CLEAN("/../a/./b/..", "/a");
	ASSERT_CLEAN("/a/b/", "/a/b");
	/* names that only look like "." and ".." */
	ASSERT_CLEAN("a/.../b", "a/.../b");
	ASSERT_CLEAN("a/..b/.c", "a/..b/.c");
}

static void test_absolute(void)
{
	char *p = path_absolute("./x/../y", "/srv/repo");
	CU_ASSERT_STRING_EQUAL(p, "/srv/repo/y");
	free(p);
	p = path_absolute("../other/z", "/srv/repo");
	CU_ASSERT_STRING_EQUAL(p, "/srv/other/z");
	free(p);
	p = path_absolute("/etc//hosts", "/srv/repo");
	CU_ASSERT_STRING_EQUAL(p, "/etc/hosts");
	free(p);
	p = path_absolute("a", "/");
	CU_ASSERT_STRING_EQUAL(p, "/a");
	free(p);
}

static void test_below(void)
{
	CU_ASSERT_STRING_EQUAL(path_below("/srv/repo/a/b", "/srv/repo"), "a/b");
	CU_ASSERT_PTR_NULL(path_below("/srv/repo", "/srv/repo"));
	/* by whole segments: a sibling whose name starts with the root's is not below it */
	CU_ASSERT_PTR_NULL(path_below("/srv/repository/a", "/srv/repo"));
	CU_ASSERT_PTR_NULL(path_below("/srv/a", "/srv/repo"));
	CU_ASSERT_STRING_EQUAL(path_below("/srv/a", "/"), "srv/a");
	CU_ASSERT_PTR_NULL(path_below("/", "/"));
}

void suite_pathname(void)
{
	ADD_SUITE("pathname",
		  { "path_clean: '.', '..', '//' folded lexically", test_clean },
		  { "path_absolute", test_absolute },
		  { "path_below: by whole segments", test_below });
}

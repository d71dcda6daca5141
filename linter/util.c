#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void bug_fl(const char *file, int line, const char *msg)
{
	fprintf(stderr, "BUG: %s:%d: %s\n", file, line, msg);
	abort();
}

static void *die_oom(size_t n)
{
	fprintf(stderr, "fatal: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : die_oom(n);
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	return p ? p : die_oom(nmemb * size);
}

void *xrealloc(void *ptr, size_t n)
{
	void *p = realloc(ptr, n ? n : 1);
	return p ? p : die_oom(n);
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

int str_nieq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
		if (!a[i])
			return 1;
	}
	return 1;
}

int str_ieq(const char *a, const char *b)
{
	size_t la = strlen(a);
	return la == strlen(b) && str_nieq(a, b, la);
}

int str_istarts(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strlen(s) >= n && str_nieq(s, prefix, n);
}

int excerpt_len(const char *s)
{
	size_t n = strnlen(s, EXCERPT_MAX + 1);
	if (n <= EXCERPT_MAX)
		return (int)n;
	n = EXCERPT_MAX;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

const char *excerpt_more(const char *s)
{
	return strnlen(s, EXCERPT_MAX + 1) > EXCERPT_MAX ? "..." : "";
}

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

size_t uspace_at(const char *p, const char *e)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t n = (size_t)(e - p);
	if (!n)
		return 0;
	if (u[0] == ' ' || u[0] == '\t' || u[0] == '\r' || u[0] == '\f' || u[0] == '\v')
		return 1;
	if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (n < 3)
		return 0;
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] <= 0x8A || u[2] == 0xAF))
		return u[2] >= 0x80 ? 3 : 0;         /* U+2000-U+200A, U+202F */
	if (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F)
		return 3;                            /* U+205F */
	if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;                            /* U+3000 */
	if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return 3;                            /* U+FEFF */
	return 0;
}

size_t uspace_before(const char *s, const char *e)
{
	for (size_t k = 1; k <= 3 && k <= (size_t)(e - s); k++)
		if (uspace_at(e - k, e) == k)
			return k;
	return 0;
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

int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void hex_encode(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

void mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->fp = open_memstream(&m->buf, &m->len);
	if (!m->fp)
		BUG("open_memstream failed");   /* only when out of memory */
}

char *mem_take(struct mem *m)
{
	if (fclose(m->fp))
		BUG("open_memstream: cannot close");
	return m->buf;
}

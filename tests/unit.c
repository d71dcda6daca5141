#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "util.h"

void unit_add_suite(const char *name, const struct unit_test *tests, size_t n)
{
	CU_pSuite s = CU_add_suite(name, NULL, NULL);
	if (!s)
		BUG("CU_add_suite failed");
	for (size_t i = 0; i < n; i++)
		if (!CU_add_test(s, tests[i].name, tests[i].fn))
			BUG("CU_add_test failed");
}

void unit_parse(struct unit_snapshot *s, unit_parse_fn parse, const char *name,
		const void *bytes, size_t len)
{
	struct decode_result res;
	model_init(&s->m);
	diag_list_init(&s->diags);
	text_decode(bytes, len, &s->text, &res);
	const char *file = model_intern_file(&s->m, name);
	s->errors = parse(&s->m, file, &s->text, &s->diags);
	if (model_check(&s->m, stderr))
		CU_FAIL("model_check found broken invariants (see stderr)");
}

void unit_parse_str(struct unit_snapshot *s, unit_parse_fn parse, const char *name,
		    const char *str)
{
	unit_parse(s, parse, name, str, strlen(str));
}

void unit_snapshot_release(struct unit_snapshot *s)
{
	text_release(&s->text);
	diag_list_release(&s->diags);
	model_release(&s->m);
}

size_t unit_count_diags(const struct diag_list *d, enum severity level, const char *needle)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nr; i++)
		if (d->items[i]->level == level &&
		    (!needle || strstr(d->items[i]->message, needle)))
			n++;
	return n;
}

unsigned char *unit_read_file(const char *relpath, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", SRCDIR, relpath);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	unsigned char *buf = xmalloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	*len = n;
	return buf;
}

unsigned char *unit_utf16le(const char *utf8, size_t *len)
{
	size_t n = strlen(utf8);
	unsigned char *out = xmalloc(2 + 4 * n + 2);
	size_t o = 0;
	out[o++] = 0xFF;
	out[o++] = 0xFE;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)utf8[i];
		unsigned cp;
		if (c < 0x80) {
			cp = c; i += 1;
		} else if ((c & 0xE0) == 0xC0) {
			cp = (c & 0x1Fu) << 6 | (utf8[i + 1] & 0x3Fu); i += 2;
		} else if ((c & 0xF0) == 0xE0) {
			cp = (c & 0x0Fu) << 12 | (utf8[i + 1] & 0x3Fu) << 6 | (utf8[i + 2] & 0x3Fu); i += 3;
		} else {
			cp = (c & 0x07u) << 18 | (utf8[i + 1] & 0x3Fu) << 12 |
			     (utf8[i + 2] & 0x3Fu) << 6 | (utf8[i + 3] & 0x3Fu); i += 4;
		}
		if (cp >= 0x10000) {
			cp -= 0x10000;
			unsigned hi = 0xD800 + (cp >> 10), lo = 0xDC00 + (cp & 0x3FF);
			out[o++] = hi & 0xFF; out[o++] = (unsigned char)(hi >> 8);
			out[o++] = lo & 0xFF; out[o++] = (unsigned char)(lo >> 8);
		} else {
			out[o++] = cp & 0xFF; out[o++] = (unsigned char)(cp >> 8);
		}
	}
	*len = o;
	return out;
}

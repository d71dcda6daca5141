#include <stdlib.h>
#include <string.h>

#include "sarif_text.h"
#include "util.h"

static int is_bracket(char c)
{
	return c == '[' || c == ']';
}

char *sarif_text_escape(const char *s)
{
	char *buf = xmalloc(strlen(s) * 2 + 1), *w = buf;

	for (const char *p = s; *p; p++) {
		if (is_bracket(*p) || (*p == '\\' && is_bracket(p[1])))
			*w++ = '\\';
		*w++ = *p;
	}
	*w = '\0';
	return buf;
}

char *sarif_text_unescape(const char *s)
{
	char *buf = xmalloc(strlen(s) + 1), *w = buf;
	const char *p = s;

	while (*p) {
		if (*p != '\\') {
			*w++ = *p++;
			continue;
		}
		size_t m = strspn(p, "\\");
		/*
		 * k backslashes before a bracket were escaped to k + 2 (the
		 * last one doubled, then the bracket's own), a bracket alone
		 * to one; a run not before a bracket was left as it was
		 */
		size_t keep = !is_bracket(p[m]) ? m : m >= 3 ? m - 2 : 0;
		memset(w, '\\', keep);
		w += keep;
		p += m;
	}
	*w = '\0';
	return buf;
}

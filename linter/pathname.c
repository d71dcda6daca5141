#include <stdlib.h>
#include <string.h>

#include "pathname.h"
#include "util.h"

char *path_clean(const char *path)
{
	size_t len = strlen(path);
	char *out = xmalloc(len + 2), *w = out;
	int absolute = path[0] == '/';
	size_t kept = 0;         /* segments written that a ".." may fold away */
	const char *p = path;

	if (absolute)
		*w++ = '/';
	while (*p) {
		while (*p == '/')
			p++;
		const char *seg = p;
		while (*p && *p != '/')
			p++;
		size_t n = (size_t)(p - seg);
		if (!n || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			if (kept) {
				/* back to the '/' before the last segment, or the start */
				while (w > out + absolute && w[-1] != '/')
					w--;
				if (w > out + absolute)
					w--;
				kept--;
				continue;
			}
			if (absolute)
				continue;        /* "/.." is "/" */
		} else {
			kept++;
		}
		if (w > out + absolute)
			*w++ = '/';
		memcpy(w, seg, n);
		w += n;
	}
	if (w == out)
		*w++ = '.';
	*w = '\0';
	return out;
}

char *path_absolute(const char *path, const char *base)
{
	if (path[0] == '/')
		return path_clean(path);
	size_t nb = strlen(base), np = strlen(path);
	char *joined = xmalloc(nb + np + 2);
	memcpy(joined, base, nb);
	joined[nb] = '/';
	memcpy(joined + nb + 1, path, np + 1);
	char *clean = path_clean(joined);
	free(joined);
	return clean;
}

const char *path_below(const char *abs, const char *root)
{
	size_t n = strlen(root);
	if (n == 1 && root[0] == '/')
		return abs[0] == '/' && abs[1] ? abs + 1 : NULL;
	if (strncmp(abs, root, n) || abs[n] != '/' || !abs[n + 1])
		return NULL;
	return abs + n + 1;
}

#ifndef READFILE_H
#define READFILE_H

#include <stddef.h>

/*
 * Reads the whole regular file at path, opened read-only (inputs are
 * never changed), into a malloc'd *buf of *len bytes that the caller
 * frees.  Returns 0; -1 when it cannot be read (*why: a static reason,
 * e.g. strerror's); -2 when it is larger than max bytes (nothing read).
 */
int read_whole_file(const char *path, size_t max, unsigned char **buf, size_t *len,
		    const char **why);

#endif

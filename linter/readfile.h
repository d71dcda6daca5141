#ifndef READFILE_H
#define READFILE_H

#include <stddef.h>
#include <sys/types.h>

/* read_whole_file() flags */
#define READ_NOFOLLOW 1          /* a symbolic link is refused, not followed */

/*
 * Reads the whole regular file at path, opened read-only (inputs are
 * never changed), into a malloc'd *buf of *len bytes that the caller
 * frees.  Returns 0; -1 when it cannot be read (*why: a static reason,
 * e.g. strerror's, or "a FIFO, not a regular file"); -2 when it is
 * larger than max bytes (nothing read).
 *
 * Never blocks on what is not a regular file: the file is opened with
 * O_NONBLOCK, so opening a FIFO without a writer returns at once, and
 * anything but a regular file (FIFO, socket, device, directory) is
 * refused after fstat(), unread.  O_NONBLOCK stays set: regular files
 * ignore it, and a pseudo-file that would block (/proc/kmsg) fails with
 * EAGAIN instead of hanging the run.
 */
int read_whole_file(const char *path, unsigned flags, size_t max, unsigned char **buf,
		    size_t *len, const char **why);

/*
 * Reads fd (standard input, a pipe) to its end into a malloc'd *buf of
 * *len bytes that the caller frees; fd is left open.  Blocks until the
 * writer closes it.  Returns 0; -1 on a read error (*why, static); -2
 * as soon as more than max bytes came (the rest is left unread).
 */
int read_whole_stream(int fd, size_t max, unsigned char **buf, size_t *len, const char **why);

/*
 * What a file that is not a regular one is, for messages: "a FIFO, not
 * a regular file", "a socket, not a regular file", ...  (static).
 */
const char *file_not_regular(mode_t mode);

#endif

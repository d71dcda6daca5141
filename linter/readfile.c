#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "readfile.h"
#include "util.h"

const char *file_not_regular(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a FIFO, not a regular file";
	if (S_ISSOCK(mode))
		return "a socket, not a regular file";
	if (S_ISCHR(mode))
		return "a character device, not a regular file";
	if (S_ISBLK(mode))
		return "a block device, not a regular file";
	if (S_ISDIR(mode))
		return "a directory, not a regular file";
	if (S_ISLNK(mode))
		return "a symbolic link, not followed";
	return "not a regular file";
}

/* Waits until fd can be read (or is at its end); 0 when poll() fails. */
static int wait_readable(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int rc;
	do
		rc = poll(&pfd, 1, -1);
	while (rc < 0 && errno == EINTR);
	return rc > 0;
}

/*
 * Reads fd to its end into a malloc'd *buf (starting with cap bytes),
 * and stops as soon as more than max bytes came: -2.  With wait, a
 * descriptor that would block (a pipe left non-blocking by whoever
 * opened it) is waited on with poll(); without, it fails with EAGAIN, as
 * a pseudo-file opened with O_NONBLOCK should rather than hang the run.
 */
static int read_fd(int fd, int wait, size_t cap, size_t max, unsigned char **buf, size_t *len,
		   const char **why)
{
	size_t n = 0;
	unsigned char *p = xmalloc(cap);
	for (;;) {
		if (n == cap)
			p = xrealloc(p, cap *= 2);
		ssize_t got = read(fd, p + n, cap - n);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			if ((errno == EAGAIN || errno == EWOULDBLOCK) && wait && wait_readable(fd))
				continue;
			*why = strerror(errno);
			free(p);
			return -1;
		}
		if (!got)
			break;
		n += (size_t)got;
		if (n > max) {
			*why = NULL;
			free(p);
			return -2;      /* grew while being read, or a stream over the limit */
		}
	}
	*buf = p;
	*len = n;
	return 0;
}

int read_whole_file(const char *path, unsigned flags, size_t max, unsigned char **buf,
		    size_t *len, const char **why)
{
	int oflags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
	if (flags & READ_NOFOLLOW)
		oflags |= O_NOFOLLOW;
	int fd = open(path, oflags);
	struct stat st;
	if (fd < 0) {
		int e = errno;
		*why = e == ELOOP && (flags & READ_NOFOLLOW) ? file_not_regular(S_IFLNK) : strerror(e);
		errno = e;
		return -1;
	}
	if (fstat(fd, &st)) {
		*why = strerror(errno);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = file_not_regular(st.st_mode);
		close(fd);
		errno = EINVAL;
		return -1;
	}
	if ((uintmax_t)st.st_size > max) {
		*why = NULL;     /* too large: the caller says so */
		close(fd);
		return -2;
	}
	int rc = read_fd(fd, 0, (size_t)st.st_size + 1, max, buf, len, why);
	close(fd);
	return rc;
}

int read_whole_stream(int fd, size_t max, unsigned char **buf, size_t *len, const char **why)
{
	return read_fd(fd, 1, 64 * 1024, max, buf, len, why);
}

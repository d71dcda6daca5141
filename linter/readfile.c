#include <errno.h>
#include <fcntl.h>
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
	size_t cap = (size_t)st.st_size + 1, n = 0;
	unsigned char *p = xmalloc(cap);
	for (;;) {
		if (n == cap)
			p = xrealloc(p, cap *= 2);
		ssize_t got = read(fd, p + n, cap - n);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			*why = strerror(errno);
			free(p);
			close(fd);
			return -1;
		}
		if (!got)
			break;
		n += (size_t)got;
		if (n > max) {
			free(p);
			close(fd);
			return -2;      /* grew while being read */
		}
	}
	close(fd);
	*buf = p;
	*len = n;
	return 0;
}

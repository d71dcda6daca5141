#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "readfile.h"
#include "util.h"

int read_whole_file(const char *path, size_t max, unsigned char **buf, size_t *len,
		    const char **why)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0) {
		*why = strerror(errno);
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		close(fd);
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

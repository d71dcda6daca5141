#define _DEFAULT_SOURCE   /* realpath() */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "readfile.h"
#include "util.h"

/*
 * The temporary file being written, for the signal handler: an
 * interrupted run (Ctrl-C, a CI job's timeout) removes it, so it leaves
 * neither half a report nor a stray temporary file.  SIGKILL cannot be
 * caught; the target is still never half-written, as it is only renamed
 * over once complete.
 */
static const char *volatile tmp_in_progress;
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

static void remove_tmp_and_die(int sig)
{
	const char *tmp = tmp_in_progress;
	if (tmp)
		unlink(tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void guard(const char *tmp)
{
	tmp_in_progress = tmp;
	for (size_t i = 0; i < sizeof(cleanup_signals) / sizeof(*cleanup_signals); i++)
		signal(cleanup_signals[i], tmp ? remove_tmp_and_die : SIG_DFL);
}

/*
 * A symbolic link the system keeps, /dev/stdout, /dev/fd/1 or
 * /proc/self/fd/1: one standing in /dev or /proc (by its directory's
 * real path).  A repository cannot put a link there.
 */
static int system_link(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrdup(path) : xstrdup(".");
	if (slash)
		dir[slash == path ? 1 : slash - path] = '\0';
	char *real = realpath(dir, NULL);
	int yes = real && (!strcmp(real, "/dev") || !strncmp(real, "/dev/", 5) ||
			   !strncmp(real, "/proc/", 6));
	free(real);
	free(dir);
	return yes;
}

/*
 * Writes in place: a device or a FIFO is never replaced.  O_APPEND, for
 * /dev/stdout when it is a file: the report goes after what the shell
 * has written there, as it would on standard output.
 */
static int open_in_place(struct output_file *of)
{
	int fd = open(of->path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	of->fp = fdopen(fd, "a");
	if (!of->fp) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return 0;
}

int output_file_open(struct output_file *of, const char *path)
{
	struct stat st, target;
	int exists = !lstat(path, &st);

	of->path = path;
	of->fp = NULL;
	of->tmp_path = NULL;
	of->why = NULL;
	if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)))
		return open_in_place(of);
	if (exists && S_ISLNK(st.st_mode) && system_link(path) && !stat(path, &target) &&
	    (S_ISCHR(target.st_mode) || S_ISFIFO(target.st_mode) || S_ISREG(target.st_mode)))
		return open_in_place(of);
	if (exists && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
		of->why = file_not_regular(st.st_mode);
		errno = EINVAL;
		return -1;
	}

	/* a regular file, a new one, or a link (replaced, never followed) */
	size_t n = strlen(path);
	of->tmp_path = xmalloc(n + sizeof(".tmp.XXXXXX"));
	memcpy(of->tmp_path, path, n);
	memcpy(of->tmp_path + n, ".tmp.XXXXXX", sizeof(".tmp.XXXXXX"));
	int fd = mkstemp(of->tmp_path);
	if (fd < 0) {
		int e = errno;
		free(of->tmp_path);
		of->tmp_path = NULL;
		errno = e;
		return -1;
	}
	/*
	 * mkstemp makes it 0600: a replaced report keeps its permission bits
	 * (not set-id ones), a new one is an ordinary file
	 */
	mode_t mode;
	if (exists && S_ISREG(st.st_mode)) {
		mode = st.st_mode & 0777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	fchmod(fd, mode);
	guard(of->tmp_path);
	of->fp = fdopen(fd, "w");
	if (!of->fp) {
		guard(NULL);
		int e = errno;
		close(fd);
		unlink(of->tmp_path);
		free(of->tmp_path);
		of->tmp_path = NULL;
		errno = e;
		return -1;
	}
	return 0;
}

int output_file_commit(struct output_file *of)
{
	if (!of->tmp_path) {
		/* no fsync: a FIFO or a device cannot, and has nothing to keep */
		int failed = fflush(of->fp) != 0 || ferror(of->fp);
		int e = errno;
		if (fclose(of->fp)) {
			failed = 1;
			e = errno;
		}
		of->fp = NULL;
		errno = e;
		return failed ? -1 : 0;
	}
	int failed = fflush(of->fp) != 0 || ferror(of->fp) || fsync(fileno(of->fp)) != 0;
	int e = errno;
	failed |= fclose(of->fp) != 0;
	of->fp = NULL;
	if (!failed && rename(of->tmp_path, of->path) == 0) {
		guard(NULL);
		free(of->tmp_path);
		of->tmp_path = NULL;
		return 0;
	}
	e = errno ? errno : e;
	unlink(of->tmp_path);
	guard(NULL);
	free(of->tmp_path);
	of->tmp_path = NULL;
	errno = e;
	return -1;
}

void output_file_abort(struct output_file *of)
{
	if (of->fp)
		fclose(of->fp);
	of->fp = NULL;
	if (of->tmp_path) {
		unlink(of->tmp_path);
		guard(NULL);
		free(of->tmp_path);
		of->tmp_path = NULL;
	}
}

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
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

int atomic_file_open(struct atomic_file *af, const char *path)
{
	size_t n = strlen(path);
	af->path = path;
	af->tmp_path = xmalloc(n + sizeof(".tmp.XXXXXX"));
	memcpy(af->tmp_path, path, n);
	memcpy(af->tmp_path + n, ".tmp.XXXXXX", sizeof(".tmp.XXXXXX"));
	int fd = mkstemp(af->tmp_path);
	if (fd < 0) {
		int e = errno;
		free(af->tmp_path);
		af->tmp_path = NULL;
		errno = e;
		return -1;
	}
	/* mkstemp makes it 0600; a report is an ordinary file */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	guard(af->tmp_path);
	af->fp = fdopen(fd, "w");
	if (!af->fp) {
		guard(NULL);
		int e = errno;
		close(fd);
		unlink(af->tmp_path);
		free(af->tmp_path);
		af->tmp_path = NULL;
		errno = e;
		return -1;
	}
	return 0;
}

int atomic_file_commit(struct atomic_file *af)
{
	int failed = fflush(af->fp) != 0 || ferror(af->fp) || fsync(fileno(af->fp)) != 0;
	int e = errno;
	failed |= fclose(af->fp) != 0;
	af->fp = NULL;
	if (!failed && rename(af->tmp_path, af->path) == 0) {
		guard(NULL);
		free(af->tmp_path);
		af->tmp_path = NULL;
		return 0;
	}
	e = errno ? errno : e;
	unlink(af->tmp_path);
	guard(NULL);
	free(af->tmp_path);
	af->tmp_path = NULL;
	errno = e;
	return -1;
}

void atomic_file_abort(struct atomic_file *af)
{
	if (af->fp)
		fclose(af->fp);
	af->fp = NULL;
	if (af->tmp_path) {
		unlink(af->tmp_path);
		guard(NULL);
		free(af->tmp_path);
		af->tmp_path = NULL;
	}
}

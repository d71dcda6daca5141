#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdio.h>

/*
 * Writing the report to -o FILE.  A regular file, or a path that does
 * not exist yet, is written atomically: the report goes to a temporary
 * file in the target's directory, which is renamed over the target only
 * when every byte was written and flushed to disk, so an interrupted or
 * failed run leaves the previous report as it was; a replaced file keeps
 * its permission bits.
 *
 * A character device (/dev/null) or a FIFO is opened and written in
 * place: a rename would replace the device node or the pipe with a
 * regular file.  A symbolic link is replaced like a file, never
 * followed: one planted where the report goes (in a checkout) cannot
 * send it onto a device or over a file elsewhere.  The system's own
 * links, in /dev or /proc (/dev/stdout, /dev/fd/1), are followed and
 * written in place.  Anything else (a directory, a block device, a
 * socket) is refused.
 */
struct output_file {
	FILE *fp;
	char *tmp_path;          /* malloc'd; NULL when written in place */
	const char *path;
	const char *why;         /* when output_file_open() refused the target: why (static) */
};

/*
 * Opens the temporary file, or the target itself; 0, or -1 with of->why
 * set, or else errno.
 */
int output_file_open(struct output_file *of, const char *path);

/*
 * Flushes, syncs and renames into place (or flushes and closes the
 * target written in place); 0, or -1 (a target written atomically is
 * untouched).
 */
int output_file_commit(struct output_file *of);

/* Removes the temporary file (after a failure); closes the target written in place. */
void output_file_abort(struct output_file *of);

#endif

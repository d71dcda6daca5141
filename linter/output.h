#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdio.h>

/*
 * Writing a report file atomically: the report goes to a temporary file
 * in the target's directory, which is renamed over the target only when
 * every byte was written and flushed to disk.  An interrupted or failed
 * run leaves the previous report as it was.
 */
struct atomic_file {
	FILE *fp;
	char *tmp_path;          /* malloc'd */
	const char *path;
};

/* Opens the temporary file; 0, or -1 with errno set. */
int atomic_file_open(struct atomic_file *af, const char *path);

/* Flushes, syncs and renames into place; 0, or -1 (the target is untouched). */
int atomic_file_commit(struct atomic_file *af);

/* Removes the temporary file (after a failure). */
void atomic_file_abort(struct atomic_file *af);

#endif

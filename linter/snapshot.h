#ifndef SNAPSHOT_H
#define SNAPSHOT_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/*
 * Loading a snapshot: the paths given on the command line (files, or
 * directories searched recursively) are read, decoded, recognised from
 * their content and parsed into one model.
 */
struct timings;

/*
 * A path "-" is standard input: one input, read whole (up to
 * max_input_bytes) and recognised from its content as a file is, and
 * named SNAPSHOT_STDIN_NAME in the model and every report.  That name
 * stays unique only if the caller refuses it as a path of its own (a
 * file of that name is "./<stdin>"), and "-" given twice (standard input
 * cannot be read twice); main.c does both.
 */
#define SNAPSHOT_STDIN_ARG "-"
#define SNAPSHOT_STDIN_NAME "<stdin>"

struct snapshot_options {
	size_t max_input_bytes;  /* larger files are an input error, not read */
	int jobs;                /* threads reading and decoding ahead (--jobs); <= 1: none */
	struct timings *timings; /* --timings: where the time goes; NULL when not asked */
	int no_links;            /* the paths themselves may not be symbolic links (--fleet's host folders) */
};

/*
 * Sets up the parsing libraries' global state (libxml2's) once, on the
 * main thread, before any thread parses: call it first.
 */
void snapshot_init(void);

#define SNAPSHOT_DEFAULT_MAX_INPUT ((size_t)512 * 1024 * 1024)

/*
 * Reads every input under paths into m, appending input diagnostics to
 * inputs.  With opt->jobs > 1, files are read, decoded and (for the
 * parsers that can) partly parsed on worker threads, ahead of the main
 * thread, which parses them into m in input order: m is the same for
 * any number of jobs.  A directory's entries are read in byte order of their names;
 * names starting with '.' are left out.  A file of unknown kind found in
 * a directory is listed as skipped; one named explicitly is an input
 * error.  Symbolic links and files that are not regular (FIFOs,
 * sockets, devices) found in a directory are listed as skipped, never
 * followed or opened; paths named explicitly may be links.  Inputs are
 * opened read-only and never changed.  A path "-" is standard input
 * (SNAPSHOT_STDIN_ARG).
 * Returns the number of input errors (SEV_ERROR) appended.
 */
int snapshot_load(struct model *m, const char *const *paths, size_t nr_paths,
		  const struct snapshot_options *opt, struct diag_list *inputs);

/*
 * The names in dir, sorted by byte value, without those starting with
 * '.'; *names and each name are malloc'd.  With nofollow, dir itself may
 * not be a symbolic link.  Returns 0, or -1 (errno) when dir cannot be
 * read.
 */
int snapshot_dir_names(const char *dir, int nofollow, char ***names, size_t *nr);

/* "dir/name", malloc'd. */
char *snapshot_join_path(const char *dir, const char *name);

#endif

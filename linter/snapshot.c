#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "parse.h"
#include "readfile.h"
#include "snapshot.h"
#include "timing.h"
#include "util.h"
#include "workers.h"

typedef int (*parse_fn)(struct model *, const char *, const struct text *, struct diag_list *);

/*
 * The parser of each input kind; steps: its two-step form (parse.h), used
 * instead of parse when there is one.
 */
static const struct parser {
	enum input_kind kind;
	parse_fn parse;
	const struct parser_steps *steps;
} parsers[INPUT_KINDS_NR] = {
#define INPUT(ID, stem, rank, steps) [INPUT_##ID] = { INPUT_##ID, parse_##stem, INPUT_STEPS_##steps(stem) },
#include "inputs.def"
};

/* A file found while walking a directory. */
struct found {
	char *path;              /* malloc'd */
	enum skip_reason skip;   /* SKIP_NONE: a regular file, to read; else not opened */
};

struct path_list {
	struct found *items;
	size_t nr, alloc;
};

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int snapshot_dir_names(const char *dir, int nofollow, char ***names, size_t *nr)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;
	size_t alloc = 0;

	*names = NULL;
	*nr = 0;
	if (!d) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		errno = err;
		return -1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		ALLOC_GROW(*names, *nr + 1, alloc);
		(*names)[(*nr)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*nr)
		qsort(*names, *nr, sizeof(**names), cmp_names);
	return 0;
}

char *snapshot_join_path(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	int slash = dl && dir[dl - 1] == '/';
	char *p = xmalloc(dl + nl + 2);
	memcpy(p, dir, dl);
	if (!slash)
		p[dl++] = '/';
	memcpy(p + dl, name, nl + 1);
	return p;
}

/* Why an entry of this type, found in a directory, is not read. */
static enum skip_reason skip_reason_of(mode_t mode)
{
	if (S_ISREG(mode))
		return SKIP_NONE;
	if (S_ISLNK(mode))
		return SKIP_SYMLINK;
	if (S_ISFIFO(mode))
		return SKIP_FIFO;
	if (S_ISSOCK(mode))
		return SKIP_SOCKET;
	if (S_ISCHR(mode))
		return SKIP_CHAR_DEVICE;
	if (S_ISBLK(mode))
		return SKIP_BLOCK_DEVICE;
	return SKIP_OTHER;
}

/* How deep walk_dir() goes: dir's subdirectories are level 1. */
#define WALK_MAX_DEPTH 32

/*
 * Appends the files under dir, sorted, recursing into subdirectories
 * down to WALK_MAX_DEPTH levels (a deeper one gets a note, not a walk).  Symbolic links are never followed, to a file or a
 * directory: the snapshot is what is under dir, and a link could lead
 * to /etc, to /proc/kmsg (whose read blocks) or round in a loop.  Links
 * and other files that are not regular (FIFOs, sockets, devices) are
 * listed with the reason they are skipped, and never opened; the
 * subdirectories and files are opened with O_NOFOLLOW, so one swapped
 * for a link after it was looked at is not followed either.  dir itself
 * (a path named on the command line) may be a link unless nofollow.
 */
static int walk_dir(const char *dir, int nofollow, int depth, struct path_list *out,
		    struct model *m, struct diag_list *inputs)
{
	char **names;
	size_t nr;

	if (snapshot_dir_names(dir, nofollow, &names, &nr)) {
		struct srcloc loc = { model_intern_file(m, dir), 0, 0, NULL };
		diag_input(inputs, "input", SEV_ERROR, &loc, "cannot read directory: %s",
			   strerror(errno));
		return 1;
	}
	int errors = 0;
	for (size_t i = 0; i < nr; i++) {
		char *path = snapshot_join_path(dir, names[i]);
		struct stat st;
		free(names[i]);
		if (lstat(path, &st)) {
			free(path);
			continue;       /* vanished */
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth < WALK_MAX_DEPTH) {
				errors += walk_dir(path, 1, depth + 1, out, m, inputs);
			} else {
				struct srcloc loc = { model_intern_file(m, path), 0, 0, NULL };
				diag_input(inputs, "input", SEV_NOTE, &loc,
					   "directory nested deeper than %d levels: not searched",
					   WALK_MAX_DEPTH);
			}
			free(path);
		} else {
			ALLOC_GROW(out->items, out->nr + 1, out->alloc);
			out->items[out->nr++] = (struct found){ path, skip_reason_of(st.st_mode) };
		}
	}
	free(names);
	return errors;
}

static const struct parser *parser_for(enum input_kind kind)
{
	if (kind <= INPUT_UNKNOWN || kind >= INPUT_KINDS_NR)
		BUG("no parser for an input kind");
	return &parsers[kind];
}

/* The two-step form of kind's parser, or NULL (also for INPUT_UNKNOWN). */
static const struct parser_steps *steps_for(enum input_kind kind)
{
	return kind == INPUT_UNKNOWN ? NULL : parser_for(kind)->steps;
}

/*
 * One input file.  prepare_file() reads, decodes and recognises it, and
 * runs its parser's model-free step, on a worker thread; apply_file()
 * then parses it into the model on the main thread, in input order, so
 * the model is the same for any --jobs.
 */
struct pending {
	const char *path;
	int explicit;            /* named on the command line, not found in a directory */
	int from_stdin;          /* "-": standard input, path is SNAPSHOT_STDIN_NAME */
	enum skip_reason skip;   /* found in a directory and not to be opened: why */
	int rc;                  /* read_whole_file(): 0, -1 (why), -2 (too large) */
	const char *why;
	size_t len;
	struct text text;
	struct decode_result res;
	enum input_kind kind;
	void *prepared;          /* steps_for(kind)->prepare(), or NULL */
	double read_s, decode_s, prepare_s;
};

struct pipeline {
	struct pending *items;
	size_t nr, alloc;
	const struct snapshot_options *opt;
};

static void prepare_file(void *ctx, size_t i)
{
	struct pipeline *pl = ctx;
	struct pending *f = &pl->items[i];
	unsigned char *buf;
	double t0 = timing_now();

	if (f->skip)
		return;
	unsigned flags = f->explicit && !pl->opt->no_links ? 0 : READ_NOFOLLOW;
	if (f->from_stdin)
		f->rc = read_whole_stream(STDIN_FILENO, pl->opt->max_input_bytes, &buf, &f->len, &f->why);
	else
		f->rc = read_whole_file(f->path, flags, pl->opt->max_input_bytes, &buf, &f->len, &f->why);
	double t1 = timing_now();
	f->read_s = t1 - t0;
	if (f->rc)
		return;
	text_decode(buf, f->len, &f->text, &f->res);
	free(buf);
	f->kind = detect_kind_named(&f->text, f->path);
	double t2 = timing_now();
	f->decode_s = t2 - t1;
	const struct parser_steps *st = steps_for(f->kind);
	if (st) {
		f->prepared = st->prepare(&f->text, pl->opt->jobs);
		f->prepare_s = timing_now() - t2;
	}
}

/* The input diagnostics of a file that could not be read or decoded cleanly. */
static int read_problems(const struct pending *f, struct srcloc loc, size_t max,
			 struct diag_list *inputs)
{
	int errors = 0;

	if (f->rc == -2) {
		diag_input(inputs, "input", SEV_ERROR, &loc,
			   "%s is larger than the input limit of %zu bytes; not read (see --max-input-size)",
			   f->from_stdin ? "standard input" : "file", max);
		return 1;
	}
	if (f->rc) {
		diag_input(inputs, "input", SEV_ERROR, &loc, "cannot read file: %s", f->why);
		return 1;
	}
	for (size_t i = 0; i < f->res.nr_problems; i++) {
		loc.line = f->res.problems[i].line;
		diag_input(inputs, "input", SEV_ERROR, &loc, "%s (%s)",
			   f->res.problems[i].message, f->text.encoding);
		errors++;
	}
	if (f->res.nr_total > f->res.nr_problems) {
		loc.line = 0;
		diag_input(inputs, "input", SEV_ERROR, &loc,
			   "%zu more undecodable bytes or characters not listed",
			   f->res.nr_total - f->res.nr_problems);
		errors++;
	}
	return errors;
}

static int apply_file(struct model *m, struct pending *f, const struct snapshot_options *opt,
		      struct diag_list *inputs)
{
	const char *file = model_intern_file(m, f->path);
	struct srcloc loc = { file, 0, 0, NULL };
	struct timings *tm = opt->timings;
	int errors = 0;

	if (tm) {
		tm->read += f->read_s;
		tm->decode += f->decode_s;
	}
	if (f->skip) {
		model_add_input(m, file, INPUT_UNKNOWN)->skipped = f->skip;
		return 0;
	}
	if (f->rc) {
		model_add_input(m, file, INPUT_UNKNOWN)->failed = 1;
		return read_problems(f, loc, opt->max_input_bytes, inputs);
	}

	struct input_file *in = model_add_input(m, file, f->kind);
	in->bytes = f->len;
	in->encoding = f->text.encoding;
	if (f->kind == INPUT_UNKNOWN) {
		if (f->explicit) {
			loc.line = f->len ? 1 : 0;
			diag_input(inputs, "input", SEV_ERROR, &loc, f->len ?
				   "not a recognised input: expected netsh http show sslcert output, "
				   "a .reg export, an IIS applicationHost.config, a certificate store "
				   "JSON dump or a snapshot.json manifest" :
				   "file is empty: expected netsh http show sslcert output or a .reg export "
				   "(an empty certificate store dump is read when its name is the "
				   "store's: ClientAuthIssuer.json)");
			in->failed = 1;
			errors++;
		} else {
			in->skipped = SKIP_UNKNOWN_KIND;
		}
		return errors;
	}
	errors += read_problems(f, loc, opt->max_input_bytes, inputs);

	m->kinds_read |= 1u << f->kind;
	double t0 = timing_now();
	const struct parser_steps *st = steps_for(f->kind);
	if (st) {
		errors += st->parse_prepared(m, file, &f->text, f->prepared, opt->jobs, inputs);
	} else {
		errors += parser_for(f->kind)->parse(m, file, &f->text, inputs);
	}
	if (tm) {
		tm->parse[f->kind] += f->prepare_s + timing_now() - t0;
		tm->files[f->kind]++;
	}
#ifdef SSLCERTLINT_DEVELOPER
	if (model_check(m, stderr))
		BUG("model_check failed after a parse");
#endif
	return errors;
}

static void release_pending(struct pending *f)
{
	const struct parser_steps *st = steps_for(f->kind);
	if (st && f->prepared)
		st->release(f->prepared);
	f->prepared = NULL;
	text_release(&f->text);
}

static struct pending *add_pending(struct pipeline *pl, const char *path, int explicit,
				   enum skip_reason skip)
{
	ALLOC_GROW(pl->items, pl->nr + 1, pl->alloc);
	struct pending *f = &pl->items[pl->nr++];
	memset(f, 0, sizeof(*f));
	f->path = path;
	f->explicit = explicit;
	f->skip = skip;
	return f;
}

/* A command-line argument: one file, or a directory's files items[first..first+nr). */
struct argument {
	const char *path;
	int is_dir;
	size_t first, nr;
};

void snapshot_init(void)
{
	/* libxml2 sets up its globals lazily, which is not safe with threads */
	xmlInitParser();
}

int snapshot_load(struct model *m, const char *const *paths, size_t nr_paths,
		  const struct snapshot_options *opt, struct diag_list *inputs)
{
	struct pipeline pl = { NULL, 0, 0, opt };
	struct argument *args = xcalloc(nr_paths ? nr_paths : 1, sizeof(*args));
	size_t nr_args = 0;
	char **owned = NULL;     /* paths found in directories */
	size_t nr_owned = 0, alloc_owned = 0;
	int errors = 0;

	/* what to read, in order: the arguments, each directory walked and sorted */
	for (size_t i = 0; i < nr_paths; i++) {
		struct stat st;
		if (!strcmp(paths[i], SNAPSHOT_STDIN_ARG)) {
			/* read on a worker like a file; the caller refuses "-" twice */
			args[nr_args++] = (struct argument){ SNAPSHOT_STDIN_NAME, 0, pl.nr, 1 };
			add_pending(&pl, SNAPSHOT_STDIN_NAME, 1, SKIP_NONE)->from_stdin = 1;
			continue;
		}
		if (opt->no_links ? lstat(paths[i], &st) : stat(paths[i], &st)) {
			struct srcloc loc = { model_intern_file(m, paths[i]), 0, 0, NULL };
			diag_input(inputs, "input", SEV_ERROR, &loc, "cannot read: %s", strerror(errno));
			errors++;
			continue;
		}
		struct argument *a = &args[nr_args++];
		a->path = paths[i];
		a->is_dir = S_ISDIR(st.st_mode);
		a->first = pl.nr;
		if (!a->is_dir) {
			add_pending(&pl, paths[i], 1, SKIP_NONE);
		} else {
			struct path_list files = { NULL, 0, 0 };
			errors += walk_dir(paths[i], opt->no_links, 0, &files, m, inputs);
			for (size_t j = 0; j < files.nr; j++) {
				add_pending(&pl, files.items[j].path, 0, files.items[j].skip);
				ALLOC_GROW(owned, nr_owned + 1, alloc_owned);
				owned[nr_owned++] = files.items[j].path;
			}
			free(files.items);
		}
		a->nr = pl.nr - a->first;
	}

	/* read and decode ahead on the workers; parse in order here */
	int jobs = opt->jobs;
	struct workers *w = workers_start(pl.nr, jobs, jobs > 1 ? 2 * (size_t)jobs : 1,
					  prepare_file, &pl);
	for (size_t i = 0; i < nr_args; i++) {
		const struct argument *a = &args[i];
		size_t before = m->nr_files;
		for (size_t j = a->first; j < a->first + a->nr; j++) {
			workers_wait(w, j);
			errors += apply_file(m, &pl.items[j], opt, inputs);
			release_pending(&pl.items[j]);
		}
		if (!a->is_dir)
			continue;
		int found = 0;
		for (size_t j = before; j < m->nr_files; j++)
			found |= !m->files[j].skipped;
		if (!found) {
			struct srcloc loc = { model_intern_file(m, a->path), 0, 0, NULL };
			diag_input(inputs, "input", SEV_ERROR, &loc,
				   "no inputs found in directory: expected netsh output or .reg exports");
			errors++;
		}
	}
	workers_finish(w);
	for (size_t i = 0; i < nr_owned; i++)
		free(owned[i]);
	free(owned);
	free(pl.items);
	free(args);

	double t0 = opt->timings ? timing_now() : 0;
	model_finish(m);
	manifest_check_stores(m, inputs);
	if (opt->timings)
		opt->timings->joins += timing_now() - t0;
	return errors;
}

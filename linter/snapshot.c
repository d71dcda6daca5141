#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse.h"
#include "readfile.h"
#include "snapshot.h"
#include "timing.h"
#include "util.h"

typedef int (*parse_fn)(struct model *, const char *, const struct text *, struct diag_list *);

/* The parser of each input kind. */
static const struct {
	enum input_kind kind;
	parse_fn parse;
} parsers[] = {
	{ INPUT_NETSH, parse_netsh },
	{ INPUT_REG, parse_reg },
	{ INPUT_APPCONFIG, parse_appconfig },
	{ INPUT_CERTJSON, parse_certjson },
	{ INPUT_MANIFEST, parse_manifest },
};

struct path_list {
	char **items;
	size_t nr, alloc;
};

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *dir, const char *name)
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

/*
 * Appends the regular files under dir, sorted, recursing into
 * subdirectories (depth-limited, and never through symbolic links to
 * directories, so a link loop cannot hang the walk).
 */
static int walk_dir(const char *dir, int depth, struct path_list *out,
		    struct model *m, struct diag_list *inputs)
{
	DIR *d = opendir(dir);
	struct path_list names = { NULL, 0, 0 };
	struct dirent *e;
	int errors = 0;

	if (!d) {
		struct srcloc loc = { model_intern_file(m, dir), 0, 0, NULL };
		diag_input(inputs, "input", SEV_ERROR, &loc, "cannot read directory: %s",
			   strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		ALLOC_GROW(names.items, names.nr + 1, names.alloc);
		names.items[names.nr++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names.items, names.nr, sizeof(*names.items), cmp_names);

	for (size_t i = 0; i < names.nr; i++) {
		char *path = join_path(dir, names.items[i]);
		struct stat st, lst;
		free(names.items[i]);
		if (stat(path, &st) || lstat(path, &lst)) {
			free(path);
			continue;       /* vanished, or a dangling link */
		}
		if (S_ISDIR(st.st_mode)) {
			if (!S_ISLNK(lst.st_mode) && depth < 32)
				errors += walk_dir(path, depth + 1, out, m, inputs);
			free(path);
		} else if (S_ISREG(st.st_mode)) {
			ALLOC_GROW(out->items, out->nr + 1, out->alloc);
			out->items[out->nr++] = path;
		} else {
			free(path);
		}
	}
	free(names.items);
	return errors;
}

static parse_fn parser_for(enum input_kind kind)
{
	for (size_t i = 0; i < sizeof(parsers) / sizeof(*parsers); i++)
		if (parsers[i].kind == kind)
			return parsers[i].parse;
	BUG("no parser for an input kind");
}

static int load_file(struct model *m, const char *path, int explicit,
		     const struct snapshot_options *opt, struct diag_list *inputs)
{
	const char *file = model_intern_file(m, path);
	struct srcloc loc = { file, 0, 0, NULL };
	unsigned char *buf;
	size_t len;
	const char *why;
	int errors = 0;

	struct timings *tm = opt->timings;
	double t0 = tm ? timing_now() : 0;
	int rc = read_whole_file(path, opt->max_input_bytes, &buf, &len, &why);
	if (tm)
		tm->read += timing_now() - t0;
	if (rc) {
		struct input_file *f = model_add_input(m, file, INPUT_UNKNOWN);
		f->failed = 1;
		if (rc == -2)
			diag_input(inputs, "input", SEV_ERROR, &loc,
				   "file is larger than the input limit of %zu bytes; not read (see --max-input-size)",
				   opt->max_input_bytes);
		else
			diag_input(inputs, "input", SEV_ERROR, &loc, "cannot read file: %s", why);
		return 1;
	}

	struct text t;
	struct decode_result res;
	if (tm)
		t0 = timing_now();
	text_decode(buf, len, &t, &res);
	free(buf);

	enum input_kind kind = detect_kind(&t);
	if (tm)
		tm->decode += timing_now() - t0;
	struct input_file *f = model_add_input(m, file, kind);
	f->bytes = len;
	f->encoding = t.encoding;

	if (kind == INPUT_UNKNOWN) {
		if (explicit) {
			loc.line = len ? 1 : 0;
			diag_input(inputs, "input", SEV_ERROR, &loc, len ?
				   "not a recognised input: expected netsh http show sslcert output, "
				   "a .reg export, an IIS applicationHost.config, a certificate store "
				   "JSON dump or a snapshot.json manifest" :
				   "file is empty: expected netsh http show sslcert output or a .reg export");
			f->failed = 1;
			errors++;
		} else {
			f->skipped = 1;
		}
		text_release(&t);
		return errors;
	}

	for (size_t i = 0; i < res.nr_problems; i++) {
		loc.line = res.problems[i].line;
		diag_input(inputs, "input", SEV_ERROR, &loc, "%s (%s)",
			   res.problems[i].message, t.encoding);
		errors++;
	}
	if (res.nr_total > res.nr_problems) {
		loc.line = 0;
		diag_input(inputs, "input", SEV_ERROR, &loc,
			   "%zu more undecodable bytes or characters not listed",
			   res.nr_total - res.nr_problems);
		errors++;
	}

	m->kinds_read |= 1u << kind;
	if (tm)
		t0 = timing_now();
	errors += parser_for(kind)(m, file, &t, inputs);
	if (tm) {
		tm->parse[kind] += timing_now() - t0;
		tm->files[kind]++;
	}
#ifdef SSLCERTLINT_DEVELOPER
	if (model_check(m, stderr))
		BUG("model_check failed after a parse");
#endif
	text_release(&t);
	return errors;
}

int snapshot_load(struct model *m, const char *const *paths, size_t nr_paths,
		  const struct snapshot_options *opt, struct diag_list *inputs)
{
	int errors = 0;

	for (size_t i = 0; i < nr_paths; i++) {
		struct stat st;
		if (stat(paths[i], &st)) {
			struct srcloc loc = { model_intern_file(m, paths[i]), 0, 0, NULL };
			diag_input(inputs, "input", SEV_ERROR, &loc, "cannot read: %s", strerror(errno));
			errors++;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			errors += load_file(m, paths[i], 1, opt, inputs);
			continue;
		}
		struct path_list files = { NULL, 0, 0 };
		size_t before = m->nr_files;
		errors += walk_dir(paths[i], 0, &files, m, inputs);
		for (size_t j = 0; j < files.nr; j++) {
			errors += load_file(m, files.items[j], 0, opt, inputs);
			free(files.items[j]);
		}
		free(files.items);

		int found = 0;
		for (size_t j = before; j < m->nr_files; j++)
			found |= !m->files[j].skipped;
		if (!found) {
			struct srcloc loc = { model_intern_file(m, paths[i]), 0, 0, NULL };
			diag_input(inputs, "input", SEV_ERROR, &loc,
				   "no inputs found in directory: expected netsh output or .reg exports");
			errors++;
		}
	}
	double t0 = opt->timings ? timing_now() : 0;
	model_finish(m);
	if (opt->timings)
		opt->timings->joins += timing_now() - t0;
	return errors;
}

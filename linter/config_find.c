/*
 * Which configuration a run reads (config_load_for() in config.h):
 * --config, else $SSLCERTLINT_CONFIG, else the .sslcertlint.json found
 * above the inputs.
 *
 * The search goes up the inputs' paths as written, a component at a
 * time ("snapshots/web01" -> "snapshots" -> "" (the working directory)
 * -> ".." -> "../.."), so the path it finds reads like the inputs' and
 * no absolute path reaches a report.  It stops after the repository's
 * root (a directory holding ".git", a folder or a worktree's file) or
 * the file system's root (a directory that is its own "..").  A
 * directory anyone may write to ends the search before it is looked in:
 * in /tmp another user could have left a configuration that turns every
 * rule off.  A configuration found is never followed when it is a link:
 * reading it fails, visibly, instead (the repository under lint is
 * untrusted, and a link could lead anywhere).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "util.h"

#define CONFIG_ID "config"
/* A path deeper than this many directories is not searched any higher. */
#define SEARCH_MAX_LEVELS 256

/* A directory as the search walks it: its path's components. */
struct search_dir {
	int absolute;
	char **parts;            /* malloc'd, each malloc'd; never "." or "" */
	size_t nr, alloc;
};

static void search_dir_release(struct search_dir *d)
{
	for (size_t i = 0; i < d->nr; i++)
		free(d->parts[i]);
	free(d->parts);
	memset(d, 0, sizeof(*d));
}

static void push_part(struct search_dir *d, const char *s, size_t n)
{
	if (!n || (n == 1 && s[0] == '.'))
		return;
	char *part = xmalloc(n + 1);
	memcpy(part, s, n);
	part[n] = '\0';
	ALLOC_GROW(d->parts, d->nr + 1, d->alloc);
	d->parts[d->nr++] = part;
}

/* The directory a start stands for: a directory itself, a file its folder. */
static void search_dir_init(struct search_dir *d, const char *start)
{
	struct stat st;
	memset(d, 0, sizeof(*d));
	d->absolute = start[0] == '/';
	for (const char *p = start; *p;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		push_part(d, p, n);
		p += n;
		while (*p == '/')
			p++;
	}
	if (d->nr && (stat(start, &st) || !S_ISDIR(st.st_mode))) {
		free(d->parts[--d->nr]);     /* a file (or nothing): its folder */
	}
}

/* The path of the directory plus name (NULL: the directory), malloc'd; "" stands for ".". */
static char *search_path(const struct search_dir *d, const char *name)
{
	size_t len = 2 + (name ? strlen(name) : 0);
	for (size_t i = 0; i < d->nr; i++)
		len += strlen(d->parts[i]) + 1;
	char *p = xmalloc(len), *q = p;
	if (d->absolute)
		*q++ = '/';
	for (size_t i = 0; i < d->nr; i++) {
		size_t n = strlen(d->parts[i]);
		memcpy(q, d->parts[i], n);
		q += n;
		if (i + 1 < d->nr || name)
			*q++ = '/';
	}
	if (name) {
		memcpy(q, name, strlen(name));
		q += strlen(name);
	} else if (q == p) {
		*q++ = '.';
	}
	*q = '\0';
	return p;
}

/* Up one level; 0 when there is none (the root of an absolute path). */
static int search_dir_up(struct search_dir *d)
{
	if (d->nr && strcmp(d->parts[d->nr - 1], "..")) {
		free(d->parts[--d->nr]);
		return 1;
	}
	if (d->absolute)
		return 0;
	push_part(d, "..", 2);
	return 1;
}

static int exists(const struct search_dir *d, const char *name, struct stat *st)
{
	char *path = search_path(d, name);
	int rc = lstat(path, st);
	free(path);
	return rc == 0;
}

/*
 * The configuration found from start (malloc'd path, *st its lstat), or
 * NULL.  A world-writable directory holding one gets a warning in inputs
 * (once per directory: warned keeps the last one said).
 */
static char *search_from(const char *start, struct stat *st, struct diag_list *inputs,
			 struct arena *a, const char **warned)
{
	struct search_dir d;
	char *found = NULL;

	search_dir_init(&d, start);
	for (int level = 0; level < SEARCH_MAX_LEVELS; level++) {
		struct stat self, parent;
		if (!exists(&d, NULL, &self) || !S_ISDIR(self.st_mode))
			break;
		if (self.st_mode & S_IWOTH) {
			char *dir = search_path(&d, NULL);
			if (exists(&d, CONFIG_FILE_NAME, st) && (!*warned || strcmp(*warned, dir))) {
				char *path = search_path(&d, CONFIG_FILE_NAME);
				struct srcloc loc = { arena_strdup(a, path), 0, 0, NULL };
				diag_input(inputs, CONFIG_ID, SEV_WARNING, &loc,
					   "not read: anyone may write to the directory '%s'; "
					   "name it with --config to use it", dir);
				*warned = arena_strdup(a, dir);
				free(path);
			}
			free(dir);
			break;
		}
		if (exists(&d, CONFIG_FILE_NAME, st)) {
			found = search_path(&d, CONFIG_FILE_NAME);
			break;
		}
		if (exists(&d, ".git", &parent))
			break;       /* the repository's root */
		char *up = search_path(&d, "..");
		int top = stat(up, &parent) || (parent.st_dev == self.st_dev && parent.st_ino == self.st_ino);
		free(up);
		if (top || !search_dir_up(&d))
			break;
	}
	search_dir_release(&d);
	return found;
}

int config_load_for(struct lint_config *c, const char *option, const char *env,
		    const char *const *starts, size_t nr_starts, struct diag_list *inputs)
{
	struct stat chosen_st, st;
	char *chosen = NULL;
	size_t chosen_from = 0;
	const char *warned = NULL;
	int errors;

	if (option)
		return config_load(c, option, CONFIG_EXPLICIT, inputs);
	if (env && *env)
		return config_load(c, env, CONFIG_EXPLICIT, inputs);
	for (size_t i = 0; i < nr_starts; i++) {
		char *found = search_from(starts[i], &st, inputs, &c->arena, &warned);
		if (!found)
			continue;
		if (!chosen) {
			chosen = found;
			chosen_st = st;
			chosen_from = i;
			continue;
		}
		if (st.st_dev != chosen_st.st_dev || st.st_ino != chosen_st.st_ino) {
			struct srcloc loc = { arena_strdup(&c->arena, found), 0, 0, NULL };
			diag_input(inputs, CONFIG_ID, SEV_NOTE, &loc,
				   "not read, though nearest to the input '%s': one configuration "
				   "applies to the whole run, '%s', found first (from '%s')",
				   starts[i], chosen, starts[chosen_from]);
		}
		free(found);
	}
	if (!chosen)
		return 0;
	errors = config_load(c, chosen, CONFIG_EXPLICIT | CONFIG_NOFOLLOW, inputs);
	free(chosen);
	return errors;
}

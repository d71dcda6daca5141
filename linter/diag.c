#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "rule.h"
#include "util.h"

void diag_list_init(struct diag_list *list)
{
	arena_init(&list->arena);
	list->items = NULL;
	list->nr = list->alloc = 0;
	list->rule = NULL;
	list->skips = NULL;
	list->nr_skips = list->alloc_skips = 0;
}

void diag_list_release(struct diag_list *list)
{
	arena_release(&list->arena);
	free(list->items);
	free(list->skips);
	diag_list_init(list);
}

static struct diag *append(struct diag_list *list, enum severity level,
			   const struct srcloc *loc, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static struct diag *append(struct diag_list *list, enum severity level,
			   const struct srcloc *loc, const char *fmt, va_list ap)
{
	struct diag *d = arena_alloc(&list->arena, sizeof(*d));
	d->level = level;
	if (loc) {
		d->loc = *loc;
		if (loc->path)
			d->loc.path = arena_strdup(&list->arena, loc->path);
	}
	d->message = arena_vstrfmt(&list->arena, fmt, ap);
	ALLOC_GROW(list->items, list->nr + 1, list->alloc);
	list->items[list->nr++] = d;
	return d;
}

struct diag *diag_emit(struct diag_list *list, enum severity level,
		       const struct srcloc *loc, const char *key,
		       const char *fmt, ...)
{
	va_list ap;
	if (!list->rule)
		BUG("diag_emit outside a rule's check()");
	va_start(ap, fmt);
	struct diag *d = append(list, level, loc, fmt, ap);
	va_end(ap);
	d->rule_id = list->rule->id;
	d->rule_name = list->rule->name;
	d->key = key ? arena_strdup(&list->arena, key) : NULL;
	return d;
}

struct diag *diag_input(struct diag_list *list, const char *id,
			enum severity level, const struct srcloc *loc,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct diag *d = append(list, level, loc, fmt, ap);
	va_end(ap);
	d->rule_id = id;
	return d;
}

void diag_add_related(struct diag_list *list, struct diag *d,
		      const struct srcloc *loc, const char *fmt, ...)
{
	va_list ap;
	if (d->nr_related == d->alloc_related) {
		size_t n = d->alloc_related ? d->alloc_related * 2 : 4;
		struct diag_related *r = arena_alloc(&list->arena, n * sizeof(*r));
		if (d->nr_related)
			memcpy(r, d->related, d->nr_related * sizeof(*r));
		d->related = r;
		d->alloc_related = n;
	}
	struct diag_related *r = &d->related[d->nr_related++];
	r->loc = *loc;
	va_start(ap, fmt);
	r->message = arena_vstrfmt(&list->arena, fmt, ap);
	va_end(ap);
}

void diag_set_fix(struct diag_list *list, struct diag *d, enum fix_shell shell,
		  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	d->fix = arena_vstrfmt(&list->arena, fmt, ap);
	va_end(ap);
	d->fix_shell = shell;
}

const char *fix_shell_words(enum fix_shell shell)
{
	return shell == FIX_SHELL_POWERSHELL ? "PowerShell" : "cmd or PowerShell";
}

size_t fix_shell_names(enum fix_shell shell, const char *names[2])
{
	if (shell == FIX_SHELL_POWERSHELL) {
		names[0] = "powershell";
		return 1;
	}
	names[0] = "cmd";
	names[1] = "powershell";
	return 2;
}

void diag_skip(struct diag_list *list, const char *fmt, ...)
{
	va_list ap;
	if (!list->rule)
		BUG("diag_skip outside a rule's check()");
	ALLOC_GROW(list->skips, list->nr_skips + 1, list->alloc_skips);
	struct diag_skip *s = &list->skips[list->nr_skips++];
	s->rule = list->rule;
	va_start(ap, fmt);
	s->reason = arena_vstrfmt(&list->arena, fmt, ap);
	va_end(ap);
}

static int cmp_str(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (!a)
		return -1;
	if (!b)
		return 1;
	return strcmp(a, b);
}

static int cmp_diag(const void *pa, const void *pb)
{
	const struct diag *a = *(const struct diag *const *)pa;
	const struct diag *b = *(const struct diag *const *)pb;
	int c;

	if ((c = cmp_str(a->host, b->host)))
		return c;
	if ((c = cmp_str(a->loc.file, b->loc.file)))
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	if ((c = cmp_str(a->rule_id, b->rule_id)))
		return c;
	if ((c = cmp_str(a->key, b->key)))
		return c;
	return cmp_str(a->message, b->message);
}

void diag_list_sort(struct diag_list *list)
{
	if (list->nr > 1)
		qsort(list->items, list->nr, sizeof(*list->items), cmp_diag);
}

size_t diag_list_count(const struct diag_list *list, enum severity level)
{
	size_t n = 0;
	for (size_t i = 0; i < list->nr; i++)
		n += list->items[i]->level == level;
	return n;
}

size_t diag_list_count_at_least(const struct diag_list *list, enum severity level)
{
	size_t n = 0;
	if (level == SEV_NONE)
		return 0;
	for (size_t i = 0; i < list->nr; i++)
		n += list->items[i]->level >= level;
	return n;
}

static const char *const severity_names[] = {
	[SEV_NONE] = "none",
	[SEV_NOTE] = "note",
	[SEV_WARNING] = "warning",
	[SEV_ERROR] = "error",
};

const char *severity_name(enum severity level)
{
	return severity_names[level];
}

int severity_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(severity_names) / sizeof(*severity_names); i++)
		if (!strcmp(name, severity_names[i]))
			return (int)i;
	return -1;
}

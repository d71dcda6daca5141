/*
 * The text report, one line per diagnostic in the compiler's shape:
 *
 *   report    = input-diag* finding* skipped* not-run* gone* summary
 *   input-diag= where ": " level ": " message " [" id "]" LF
 *   finding   = where ": " level ": " message " [" id " " name "]"
 *               [" (new)" | " (updated)"] LF             with --baseline
 *               ["  suppressed: " reason LF]             with --show-suppressed
 *               ("  " where ": " message LF)*          related locations
 *               ["  fix (" shell "): " command LF]
 *   where     = path [":" line [":" col]]   (unknown parts left out)
 *             | "sslcertlint"               (no file: a run-level problem)
 *   skipped   = path ": note: skipped: " why LF
 *   why       = "not a netsh, reg, appconfig, certjson or manifest input"
 *             | "a symbolic link, not followed"
 *             | "a " ("FIFO" | "socket" | "character device" | "block device")
 *               ", not a regular file"
 *             | "not a regular file"
 *   not-run   = "note: " id " " name " did not run: " reason LF
 *             | "note: " id (", " id)+ " did not run: " reason LF
 *               (the rules that did not run for one reason, on one line)
 *   gone      = "gone since the baseline: " where ": " message " [" id " " name "]" LF
 *   summary   = N " error(s), " N " warning(s), " N " note(s) \u2014 "
 *               N " input(s), " N " binding(s), " N " site(s), "
 *               N " certificate(s)" ["; " N " input error(s)"]
 *               ["; " N " input warning(s)"]
 *               ["; " N " suppressed"] ["; " N " new, " N " gone since the baseline"]
 *               ["; dates as of " time-reference]           with certificates
 *               ["; configuration " path]                   when one was read
 *               LF
 *
 * The summary counts findings only; input diagnostics are counted by the
 * "input error" and "input warning" tails.  With r->color the level
 * word alone is coloured.
 *
 * With r->quiet (-q) nothing at level note is printed: no note findings
 * or input notes, no skipped files, no rules not run, no note gone since
 * the baseline.  Warnings, errors and the summary (which still counts
 * the notes) stay; a host group whose findings are all notes says
 * "no findings at warning or above".
 *
 * In fleet mode the report is grouped by host (r->hosts, in order):
 *
 *   fleet     = input-diag* finding* skipped* not-run* gone*   (run-level: no host)
 *               host-group* fleet-sum
 *   host-group= "== " host " (" path ") ==" LF
 *               input-diag* (finding+ | "no findings" LF
 *                            | "no findings at warning or above" LF) skipped* gone*
 *               summary not-run*                   (all of that host only)
 *   fleet-sum = N " host(s) (" N " with input errors): " summary
 *
 * where fleet-sum's summary counts every host (and the run-level entries).
 *
 * Every string that may come from an input (paths, host names, messages,
 * reasons, fixes, rule ids of a baseline) is written through put(): no
 * control character, line break or bidirectional control of an input
 * reaches the terminal or the CI log (text_escape.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "strmap.h"
#include "text_escape.h"
#include "timeutil.h"
#include "util.h"

#define COLOR_RESET "\033[0m"
#define EM_DASH "\xe2\x80\x94"   /* U+2014 in UTF-8, whatever the execution charset */

static const char *level_color(enum severity level)
{
	switch (level) {
	case SEV_ERROR:
		return "\033[1;31m";
	case SEV_WARNING:
		return "\033[1;33m";
	case SEV_NOTE:
		return "\033[1;36m";
	default:
		return NULL;
	}
}

static void print_level(const struct report *r, enum severity level, FILE *out)
{
	const char *color = r->color ? level_color(level) : NULL;

	if (color)
		fprintf(out, "%s%s%s", color, severity_name(level), COLOR_RESET);
	else
		fputs(severity_name(level), out);
}

/* s from an input, escaped. */
static void put(const char *s, FILE *out)
{
	text_escape_put(s, out);
}

/*
 * A path at the start of a line: escaped, and never starting with "::",
 * which a CI log would read as a workflow command ("::error file=...").
 */
static void put_path(const char *path, FILE *out)
{
	if (path[0] == ':' && path[1] == ':') {
		fputs("\\x3a", out);
		path++;
	}
	put(path, out);
}

/* "path:line:col", leaving out unknown parts; returns 0 when there is no file. */
static int print_where(const struct srcloc *loc, FILE *out)
{
	if (!loc->file)
		return 0;
	put_path(loc->file, out);
	if (loc->line) {
		fprintf(out, ":%lu", (unsigned long)loc->line);
		if (loc->col)
			fprintf(out, ":%lu", (unsigned long)loc->col);
	}
	return 1;
}

/* "message [SCL001 ctl-store-missing]" (an input diagnostic has no rule name). */
static void print_message(const struct diag *d, FILE *out)
{
	put(d->message, out);
	fputs(" [", out);
	put(d->rule_id, out);
	if (d->rule_name) {
		fputc(' ', out);
		put(d->rule_name, out);
	}
	fputc(']', out);
}

static void print_diag(const struct report *r, const struct diag *d, FILE *out)
{
	if (!print_where(&d->loc, out))
		fputs("sslcertlint", out);
	fputs(": ", out);
	print_level(r, d->level, out);
	fputs(": ", out);
	print_message(d, out);
	if (d->baseline == BASELINE_NEW)
		fputs(" (new)", out);
	else if (d->baseline == BASELINE_UPDATED)
		fputs(" (updated)", out);
	fputc('\n', out);
	if (d->suppressed) {
		fputs("  suppressed: ", out);
		put(d->suppressed, out);
		fputc('\n', out);
	}

	for (size_t i = 0; i < d->nr_related; i++) {
		const struct diag_related *rel = &d->related[i];
		fputs("  ", out);
		if (print_where(&rel->loc, out))
			fputs(": ", out);
		put(rel->message, out);
		fputc('\n', out);
	}
	if (d->fix) {
		fprintf(out, "  fix (%s): ", fix_shell_words(d->fix_shell));
		put(d->fix, out);
		fputc('\n', out);
	}
}

/* Left out by -q: everything at level note. */
static int quieted(const struct report *r, enum severity level)
{
	return r->quiet && level == SEV_NOTE;
}

/*
 * Findings still reported: neither suppressed (unless asked for) nor gone
 * since the baseline, nor a note under -q.
 */
static int shown(const struct report *r, const struct diag *d)
{
	return d->baseline != BASELINE_ABSENT && (!d->suppressed || r->show_suppressed) &&
	       !quieted(r, d->level);
}

/* The diagnostics still reported; returns how many were printed. */
static size_t print_list(const struct report *r, const struct diag *const *list, size_t nr,
			 FILE *out)
{
	size_t n = 0;

	for (size_t i = 0; i < nr; i++) {
		if (!shown(r, list[i]))
			continue;
		print_diag(r, list[i], out);
		n++;
	}
	return n;
}

static const char *const skip_texts[] = {
	[SKIP_NONE] = "",
	[SKIP_UNKNOWN_KIND] = "not a netsh, reg, appconfig, certjson or manifest input",
	[SKIP_SYMLINK] = "a symbolic link, not followed",
	[SKIP_FIFO] = "a FIFO, not a regular file",
	[SKIP_SOCKET] = "a socket, not a regular file",
	[SKIP_CHAR_DEVICE] = "a character device, not a regular file",
	[SKIP_BLOCK_DEVICE] = "a block device, not a regular file",
	[SKIP_OTHER] = "not a regular file",
};

static void print_skipped(const struct report *r, const struct report_group *g, FILE *out)
{
	if (quieted(r, SEV_NOTE))
		return;
	for (size_t i = 0; i < g->nr_files; i++) {
		if (!g->files[i]->skipped)
			continue;
		put_path(g->files[i]->path, out);
		fputs(": ", out);
		print_level(r, SEV_NOTE, out);
		fprintf(out, ": skipped: %s\n", skip_texts[g->files[i]->skipped]);
	}
}

#define NO_NEXT SIZE_MAX

/*
 * For each not_run entry of g, the index of the next one with the same
 * reason, or NO_NEXT (malloc'd); first[i] says whether entry i is the
 * first of its reason.  One pass, with a strmap of reason -> last index + 1.
 */
static size_t *link_same_reason(const struct report_group *g, char *first)
{
	struct strmap last = STRMAP_INIT;
	size_t *next = xcalloc(g->nr_not_run, sizeof(*next));

	for (size_t i = 0; i < g->nr_not_run; i++) {
		const char *reason = g->not_run[i]->reason;
		uintptr_t prev = (uintptr_t)strmap_put(&last, reason, (void *)(uintptr_t)(i + 1));
		next[i] = NO_NEXT;
		first[i] = !prev;
		if (prev)
			next[prev - 1] = i;
	}
	strmap_release(&last);
	return next;
}

/* The not_run entries from i on that share its reason, on one line. */
static void print_not_run_line(const struct report *r, const struct report_group *g,
			       const size_t *next, size_t i, FILE *out)
{
	const struct not_run *nr = g->not_run[i];

	print_level(r, SEV_NOTE, out);
	if (next[i] == NO_NEXT) {
		fprintf(out, ": %s %s did not run: ", nr->rule_id, nr->rule_name);
	} else {
		fprintf(out, ": %s", nr->rule_id);
		for (size_t j = next[i]; j != NO_NEXT; j = next[j])
			fprintf(out, ", %s", g->not_run[j]->rule_id);
		fputs(" did not run: ", out);
	}
	put(nr->reason, out);
	fputc('\n', out);
}

/* The rules of group g that did not run; those for the same reason share one line. */
static void print_not_run(const struct report *r, const struct report_group *g, FILE *out)
{
	if (!g->nr_not_run || quieted(r, SEV_NOTE))
		return;
	char *first = xcalloc(g->nr_not_run, 1);
	size_t *next = link_same_reason(g, first);

	for (size_t i = 0; i < g->nr_not_run; i++)
		if (first[i])
			print_not_run_line(r, g, next, i, out);
	free(next);
	free(first);
}

/* What went away since the baseline. */
static void print_gone(const struct report *r, const struct report_group *g, FILE *out)
{
	for (size_t i = 0; i < g->nr_findings; i++) {
		const struct diag *d = g->findings[i];
		if (d->baseline != BASELINE_ABSENT || quieted(r, d->level))
			continue;
		fputs("gone since the baseline: ", out);
		if (print_where(&d->loc, out))
			fputs(": ", out);
		print_message(d, out);
		fputc('\n', out);
	}
}

/* ", " between counts; "1 error", "2 errors" */
static void print_count(FILE *out, const char *sep, size_t n, const char *noun)
{
	fprintf(out, "%s%zu %s%s", sep, n, noun, n == 1 ? "" : "s");
}

/*
 * What the certificates' dates were compared with, after the whole
 * report's summary when it has certificates: "; dates as of 2026-01-01
 * 00:00:00 UTC (--now)".  The clock's time is not printed: the report
 * stays the same whenever it runs.
 */
static void print_time_reference(const struct report *r, const struct report_summary *s,
				 FILE *out)
{
	const char *src = r->now_source;
	char when[64];
	if (!s->certs || !src)
		return;
	if (!strcmp(src, "clock")) {
		fputs("; dates as of the clock", out);
	} else if (!strcmp(src, "mixed")) {
		fputs("; dates as of each host's time reference", out);
	} else {
		utc_format(r->now, when);
		fprintf(out, "; dates as of %s UTC (%s)", when,
			!strcmp(src, "manifest") ? "snapshot.json \"taken\"" : src);
	}
}

/* The summary line of group g (NULL: the whole report), without the newline. */
static void print_summary(const struct report *r, const struct report_group *g, FILE *out)
{
	struct report_summary s;

	report_summarize(r, g, &s);
	print_count(out, "", s.error, "error");
	print_count(out, ", ", s.warning, "warning");
	print_count(out, ", ", s.note, "note");
	print_count(out, " " EM_DASH " ", s.inputs, "input");
	print_count(out, ", ", s.bindings, "binding");
	print_count(out, ", ", s.sites, "site");
	print_count(out, ", ", s.certs, "certificate");
	if (s.input_errors)
		print_count(out, "; ", s.input_errors, "input error");
	if (s.input_warnings)
		print_count(out, "; ", s.input_warnings, "input warning");
	if (s.suppressed)
		fprintf(out, "; %zu suppressed", s.suppressed);
	if (r->baseline)
		fprintf(out, "; %zu new, %zu gone since the baseline", s.new, s.absent);
	if (!g || !r->fleet) {
		print_time_reference(r, &s, out);
		if (r->config_path) {
			fputs("; configuration ", out);
			put(r->config_path, out);
		}
	}
}

/* Everything of group g but its summary, in the order of a single snapshot's report. */
static void print_body(const struct report *r, const struct report_group *g, FILE *out)
{
	print_list(r, g->inputs, g->nr_inputs, out);
	print_list(r, g->findings, g->nr_findings, out);
	print_skipped(r, g, out);
	print_not_run(r, g, out);
	print_gone(r, g, out);
}

/* Whether -q hid findings of group g that would otherwise be listed. */
static int has_quieted(const struct report *r, const struct report_group *g)
{
	struct report quiet_off = *r;

	quiet_off.quiet = 0;
	for (size_t i = 0; r->quiet && i < g->nr_findings; i++)
		if (shown(&quiet_off, g->findings[i]))
			return 1;
	return 0;
}

static void print_host(const struct report *r, const struct report_group *g, FILE *out)
{
	fputs("== ", out);
	put(g->host->name, out);
	fputs(" (", out);
	put(g->host->path, out);
	fputs(") ==\n", out);
	print_list(r, g->inputs, g->nr_inputs, out);
	if (!print_list(r, g->findings, g->nr_findings, out))
		fputs(has_quieted(r, g) ? "no findings at warning or above\n" : "no findings\n", out);
	print_skipped(r, g, out);
	print_gone(r, g, out);
	print_summary(r, g, out);
	fputc('\n', out);
	print_not_run(r, g, out);
}

/* The whole report's summary line, without its newline; a fleet's starts with its hosts. */
static void print_total_line(const struct report *r, FILE *out)
{
	if (r->fleet) {
		size_t failed = 0;
		for (size_t k = 0; k < r->nr_hosts; k++)
			failed += r->hosts[k].failed != 0;
		print_count(out, "", r->nr_hosts, "host");
		fprintf(out, " (%zu with input errors): ", failed);
	}
	print_summary(r, NULL, out);
}

static void print_total(const struct report *r, FILE *out)
{
	print_total_line(r, out);
	fputc('\n', out);
}

/* The run-level entries (group[0]) first, then each host's group, then the totals. */
static void print_fleet(const struct report *r, const struct report_groups *groups, FILE *out)
{
	print_body(r, &groups->group[0], out);
	for (size_t k = 1; k < groups->nr; k++)
		print_host(r, &groups->group[k], out);
	print_total(r, out);
}

void report_text_diag(const struct report *r, const struct diag *d, FILE *out)
{
	print_diag(r, d, out);
}

void report_text_total(const struct report *r, FILE *out)
{
	print_total_line(r, out);
}

int report_text_brief(const struct report *r, FILE *out)
{
	if (r->inputs)
		for (size_t i = 0; i < r->inputs->nr; i++)
			if (r->inputs->items[i]->level == SEV_ERROR)
				print_diag(r, r->inputs->items[i], out);
	print_total(r, out);
	return fflush(out) || ferror(out) ? -1 : 0;
}

int report_text(const struct report *r, FILE *out)
{
	struct report_groups groups;

	report_groups_init(&groups, r);
	if (r->fleet) {
		print_fleet(r, &groups, out);
	} else {
		print_body(r, &groups.group[0], out);
		print_total(r, out);
	}
	report_groups_release(&groups);
	if (fflush(out) || ferror(out))
		return -1;
	return 0;
}

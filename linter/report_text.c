/*
 * The text report, one line per diagnostic in the compiler's shape:
 *
 *   report    = input-diag* finding* skipped* not-run* gone* summary
 *   input-diag= where ": " level ": " message " [" id "]" LF
 *   finding   = where ": " level ": " message " [" id " " name "]"
 *               [" (new)" | " (updated)"] LF             with --baseline
 *               ["  suppressed: " reason LF]             with --show-suppressed
 *               ("  " where ": " message LF)*          related locations
 *               ["  fix: " command LF]
 *   where     = path [":" line [":" col]]   (unknown parts left out)
 *             | "sslcertlint"               (no file: a run-level problem)
 *   skipped   = path ": note: skipped: not a netsh, reg, appconfig,
 *               certjson or manifest input" LF
 *   not-run   = "note: " id " " name " did not run: " reason LF
 *             | "note: " id (", " id)+ " did not run: " reason LF
 *               (the rules that did not run for one reason, on one line)
 *   gone      = "gone since the baseline: " where ": " message " [" id " " name "]" LF
 *   summary   = N " error(s), " N " warning(s), " N " note(s) \u2014 "
 *               N " input(s), " N " binding(s), " N " site(s), "
 *               N " certificate(s)" ["; " N " input error(s)"]
 *               ["; " N " suppressed"] ["; " N " new, " N " gone since the baseline"] LF
 *
 * The summary counts findings only; input diagnostics are counted by the
 * "input error" tail (those at level error).  With r->color the level
 * word alone is coloured.
 *
 * In fleet mode the report is grouped by host (r->hosts, in order):
 *
 *   fleet     = input-diag* finding* skipped* not-run* gone*   (run-level: no host)
 *               host-group* fleet-sum
 *   host-group= "== " host " (" path ") ==" LF
 *               input-diag* (finding+ | "no findings" LF) skipped* gone*
 *               summary not-run*                   (all of that host only)
 *   fleet-sum = N " host(s) (" N " with input errors): " summary
 *
 * where fleet-sum's summary counts every host (and the run-level entries).
 */
#include <stdio.h>
#include <string.h>

#include "report.h"
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

/* "path:line:col", leaving out unknown parts; returns 0 when there is no file. */
static int print_where(const struct srcloc *loc, FILE *out)
{
	if (!loc->file)
		return 0;
	fputs(loc->file, out);
	if (loc->line) {
		fprintf(out, ":%lu", (unsigned long)loc->line);
		if (loc->col)
			fprintf(out, ":%lu", (unsigned long)loc->col);
	}
	return 1;
}

static void print_diag(const struct report *r, const struct diag *d, FILE *out)
{
	if (!print_where(&d->loc, out))
		fputs("sslcertlint", out);
	fputs(": ", out);
	print_level(r, d->level, out);
	fprintf(out, ": %s [%s", d->message, d->rule_id);
	if (d->rule_name)
		fprintf(out, " %s", d->rule_name);
	fputc(']', out);
	if (d->baseline == BASELINE_NEW)
		fputs(" (new)", out);
	else if (d->baseline == BASELINE_UPDATED)
		fputs(" (updated)", out);
	fputc('\n', out);
	if (d->suppressed)
		fprintf(out, "  suppressed: %s\n", d->suppressed);

	for (size_t i = 0; i < d->nr_related; i++) {
		const struct diag_related *rel = &d->related[i];
		fputs("  ", out);
		if (print_where(&rel->loc, out))
			fputs(": ", out);
		fprintf(out, "%s\n", rel->message);
	}
	if (d->fix)
		fprintf(out, "  fix: %s\n", d->fix);
}

/* Findings still reported: neither suppressed (unless asked for) nor gone since the baseline. */
static int shown(const struct report *r, const struct diag *d)
{
	return d->baseline != BASELINE_ABSENT && (!d->suppressed || r->show_suppressed);
}

/* The diagnostics of group h still reported; returns how many were printed. */
static size_t print_list(const struct report *r, const struct report_host *h,
			 const struct diag_list *list, FILE *out)
{
	size_t n = 0;

	for (size_t i = 0; list && i < list->nr; i++) {
		const struct diag *d = list->items[i];
		if (!report_in_group(r, h, d->host) || !shown(r, d))
			continue;
		print_diag(r, d, out);
		n++;
	}
	return n;
}

static void print_skipped(const struct report *r, const struct report_host *h, FILE *out)
{
	for (size_t i = 0; i < r->nr_files; i++) {
		if (!r->files[i].skipped || !report_in_group(r, h, r->files[i].host))
			continue;
		fprintf(out, "%s: ", r->files[i].path);
		print_level(r, SEV_NOTE, out);
		fputs(": skipped: not a netsh, reg, appconfig, certjson or manifest input\n", out);
	}
}

/* Whether not_run entries i and j are of group h and did not run for one reason. */
static int same_reason(const struct report *r, const struct report_host *h, size_t i, size_t j)
{
	return report_in_group(r, h, r->not_run[j].host) &&
	       !strcmp(r->not_run[j].reason, r->not_run[i].reason);
}

/* The rules of group h that did not run; those for the same reason share one line. */
static void print_not_run(const struct report *r, const struct report_host *h, FILE *out)
{
	for (size_t i = 0; i < r->nr_not_run; i++) {
		const struct not_run *nr = &r->not_run[i];
		size_t same = 0;
		if (!report_in_group(r, h, nr->host))
			continue;
		for (size_t j = 0; j < i && !same; j++)
			same = same_reason(r, h, i, j);
		if (same)
			continue;
		for (size_t j = i + 1; j < r->nr_not_run; j++)
			same += same_reason(r, h, i, j);
		print_level(r, SEV_NOTE, out);
		if (!same) {
			fprintf(out, ": %s %s did not run: %s\n", nr->rule_id, nr->rule_name, nr->reason);
			continue;
		}
		fprintf(out, ": %s", nr->rule_id);
		for (size_t j = i + 1; j < r->nr_not_run; j++)
			if (same_reason(r, h, i, j))
				fprintf(out, ", %s", r->not_run[j].rule_id);
		fprintf(out, " did not run: %s\n", nr->reason);
	}
}

/* What went away since the baseline. */
static void print_gone(const struct report *r, const struct report_host *h, FILE *out)
{
	for (size_t i = 0; r->findings && i < r->findings->nr; i++) {
		const struct diag *d = r->findings->items[i];
		if (d->baseline != BASELINE_ABSENT || !report_in_group(r, h, d->host))
			continue;
		fputs("gone since the baseline: ", out);
		if (print_where(&d->loc, out))
			fputs(": ", out);
		fprintf(out, "%s [%s%s%s]\n", d->message, d->rule_id,
			d->rule_name ? " " : "", d->rule_name ? d->rule_name : "");
	}
}

/* ", " between counts; "1 error", "2 errors" */
static void print_count(FILE *out, const char *sep, size_t n, const char *noun)
{
	fprintf(out, "%s%zu %s%s", sep, n, noun, n == 1 ? "" : "s");
}

/* The summary line of group h (NULL: the whole report), without the newline. */
static void print_summary(const struct report *r, const struct report_host *h, FILE *out)
{
	struct report_summary s;

	report_summarize(r, h, &s);
	print_count(out, "", s.error, "error");
	print_count(out, ", ", s.warning, "warning");
	print_count(out, ", ", s.note, "note");
	print_count(out, " " EM_DASH " ", s.inputs, "input");
	print_count(out, ", ", s.bindings, "binding");
	print_count(out, ", ", s.sites, "site");
	print_count(out, ", ", s.certs, "certificate");
	if (s.input_errors)
		print_count(out, "; ", s.input_errors, "input error");
	if (s.suppressed)
		fprintf(out, "; %zu suppressed", s.suppressed);
	if (r->baseline)
		fprintf(out, "; %zu new, %zu gone since the baseline", s.new, s.absent);
}

/* Everything of group h but its summary, in the order of a single snapshot's report. */
static void print_body(const struct report *r, const struct report_host *h, FILE *out)
{
	print_list(r, h, r->inputs, out);
	print_list(r, h, r->findings, out);
	print_skipped(r, h, out);
	print_not_run(r, h, out);
	print_gone(r, h, out);
}

static void print_host(const struct report *r, const struct report_host *h, FILE *out)
{
	fprintf(out, "== %s (%s) ==\n", h->name, h->path);
	print_list(r, h, r->inputs, out);
	if (!print_list(r, h, r->findings, out))
		fputs("no findings\n", out);
	print_skipped(r, h, out);
	print_gone(r, h, out);
	print_summary(r, h, out);
	fputc('\n', out);
	print_not_run(r, h, out);
}

/* The run-level entries (no host) first, then each host's group, then the totals. */
static void print_fleet(const struct report *r, FILE *out)
{
	static const struct report_host run_level = { NULL, NULL, 0, 0, 0, 0 };
	size_t failed = 0;

	print_body(r, &run_level, out);
	for (size_t i = 0; i < r->nr_hosts; i++) {
		print_host(r, &r->hosts[i], out);
		failed += r->hosts[i].failed != 0;
	}
	print_count(out, "", r->nr_hosts, "host");
	fprintf(out, " (%zu with input errors): ", failed);
	print_summary(r, NULL, out);
	fputc('\n', out);
}

int report_text(const struct report *r, FILE *out)
{
	if (r->fleet) {
		print_fleet(r, out);
	} else {
		print_body(r, NULL, out);
		print_summary(r, NULL, out);
		fputc('\n', out);
	}
	if (fflush(out) || ferror(out))
		return -1;
	return 0;
}

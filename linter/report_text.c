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

static void print_list(const struct report *r, const struct diag_list *list, FILE *out)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->nr; i++)
		if (shown(r, list->items[i]))
			print_diag(r, list->items[i], out);
}

/* ", " between counts; "1 error", "2 errors" */
static void print_count(FILE *out, const char *sep, size_t n, const char *noun)
{
	fprintf(out, "%s%zu %s%s", sep, n, noun, n == 1 ? "" : "s");
}

static size_t count(const struct diag_list *list, enum severity level)
{
	return list ? diag_list_count(list, level) : 0;
}

/* Findings that count: at `level`, not suppressed, not gone since the baseline. */
static size_t count_live(const struct diag_list *list, enum severity level)
{
	size_t n = 0;
	for (size_t i = 0; list && i < list->nr; i++) {
		const struct diag *d = list->items[i];
		n += d->level == level && !d->suppressed && d->baseline != BASELINE_ABSENT;
	}
	return n;
}

static size_t count_if(const struct diag_list *list, int suppressed, enum baseline_state state)
{
	size_t n = 0;
	for (size_t i = 0; list && i < list->nr; i++) {
		const struct diag *d = list->items[i];
		n += suppressed ? d->suppressed != NULL : (d->baseline == state && !d->suppressed);
	}
	return n;
}

int report_text(const struct report *r, FILE *out)
{
	size_t nr_read = 0;

	print_list(r, r->inputs, out);
	print_list(r, r->findings, out);

	for (size_t i = 0; i < r->nr_files; i++) {
		if (!r->files[i].skipped) {
			nr_read++;
			continue;
		}
		fprintf(out, "%s: ", r->files[i].path);
		print_level(r, SEV_NOTE, out);
		fputs(": skipped: not a netsh, reg, appconfig, certjson or manifest input\n", out);
	}

	/* rules that did not run for the same reason share one line */
	for (size_t i = 0; i < r->nr_not_run; i++) {
		const struct not_run *nr = &r->not_run[i];
		size_t same = 0;
		for (size_t j = 0; j < i && !same; j++)
			same = !strcmp(r->not_run[j].reason, nr->reason);
		if (same)
			continue;
		for (size_t j = i + 1; j < r->nr_not_run; j++)
			same += !strcmp(r->not_run[j].reason, nr->reason);
		print_level(r, SEV_NOTE, out);
		if (!same) {
			fprintf(out, ": %s %s did not run: %s\n", nr->rule_id, nr->rule_name, nr->reason);
			continue;
		}
		fprintf(out, ": %s", nr->rule_id);
		for (size_t j = i + 1; j < r->nr_not_run; j++)
			if (!strcmp(r->not_run[j].reason, nr->reason))
				fprintf(out, ", %s", r->not_run[j].rule_id);
		fprintf(out, " did not run: %s\n", nr->reason);
	}

	/* what went away since the baseline, after everything else */
	for (size_t i = 0; r->findings && i < r->findings->nr; i++) {
		const struct diag *d = r->findings->items[i];
		if (d->baseline != BASELINE_ABSENT)
			continue;
		fputs("gone since the baseline: ", out);
		if (print_where(&d->loc, out))
			fputs(": ", out);
		fprintf(out, "%s [%s%s%s]\n", d->message, d->rule_id,
			d->rule_name ? " " : "", d->rule_name ? d->rule_name : "");
	}

	print_count(out, "", count_live(r->findings, SEV_ERROR), "error");
	print_count(out, ", ", count_live(r->findings, SEV_WARNING), "warning");
	print_count(out, ", ", count_live(r->findings, SEV_NOTE), "note");
	print_count(out, " " EM_DASH " ", nr_read, "input");
	print_count(out, ", ", r->nr_bindings, "binding");
	print_count(out, ", ", r->nr_sites, "site");
	print_count(out, ", ", r->nr_certs, "certificate");
	size_t input_errors = count(r->inputs, SEV_ERROR);
	if (input_errors)
		print_count(out, "; ", input_errors, "input error");
	size_t suppressed = count_if(r->findings, 1, BASELINE_NONE);
	if (suppressed)
		fprintf(out, "; %zu suppressed", suppressed);
	if (r->baseline)
		fprintf(out, "; %zu new, %zu gone since the baseline",
			count_if(r->findings, 0, BASELINE_NEW), count_if(r->findings, 0, BASELINE_ABSENT));
	fputc('\n', out);

	if (fflush(out) || ferror(out))
		return -1;
	return 0;
}

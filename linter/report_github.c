/*
 * The GitHub Actions report: one workflow command a line, which the
 * runner turns into annotations on the files and lines of a pull request
 * and in the run's summary (workflow_command.h):
 *
 *   report    = input-diag* finding* summary
 *   input-diag= command " " where "title=" id [" on " host] "::" message LF
 *               (input diagnostics at level warning or error)
 *   finding   = command " " where "title=" id " " name [" on " host]
 *               [" (new)" | " (updated)"] "::" message related* [fix] LF
 *               (findings still reported: not suppressed, not gone since
 *               the baseline)
 *   summary   = "::notice title=sslcertlint::" total LF
 *   command   = "::error" | "::warning" | "::notice"
 *               (the diagnostic's level: error, warning, note)
 *   where     = ["file=" path "," ["line=" N "," ["col=" N ","]]]
 *               (unknown parts left out, as in the text report)
 *   related   = "%0A" [path [":" N [":" N]] ": "] message
 *   fix       = "%0A" "fix (" shell "): " command
 *   total     = the text report's last line (its summary)
 *
 * " on " host only in fleet mode.  "%0A" is an escaped line break: an
 * annotation shows the related lines and the fix on lines of their own,
 * below the message.  Input notes, skipped files and rules that did not
 * run are left out (the text report lists them).  The summary is a
 * notice, so every line of the report is a workflow command; it comes
 * last, as in the text report.
 *
 * Every string from an input goes through text_escape_put() (its control
 * characters, line breaks and bidirectional controls become visible
 * escapes) and then through the workflow command escaping, so nothing of
 * an input can end an annotation or start a command of its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "text_escape.h"
#include "util.h"
#include "workflow_command.h"

static const char *command_name(enum severity level)
{
	switch (level) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	default:
		return "notice";
	}
}

/*
 * s from an input at the start of one of an annotation's lines: escaped,
 * and never starting with "::" (as in the text report), so not even a
 * log viewer that splits the message could take it for a command.
 */
static void put_line_start(const char *s, FILE *out)
{
	if (s[0] == ':' && s[1] == ':') {
		fputs("\\x3a", out);
		s++;
	}
	text_escape_put(s, out);
}

/* "path:line:col" of loc into out, escaped as the text report does; 0 when it has no file. */
static int put_where(const struct srcloc *loc, FILE *out)
{
	if (!loc->file)
		return 0;
	put_line_start(loc->file, out);
	if (loc->line) {
		fprintf(out, ":%lu", (unsigned long)loc->line);
		if (loc->col)
			fprintf(out, ":%lu", (unsigned long)loc->col);
	}
	return 1;
}

/* "file=F,line=L,col=C," for what is known of loc. */
static void put_location_properties(const struct srcloc *loc, FILE *out)
{
	struct mem file;

	if (!loc->file)
		return;
	mem_open(&file);
	text_escape_put(loc->file, file.fp);
	char *path = mem_take(&file);
	fputs("file=", out);
	workflow_command_put_property(path, out);
	fputc(',', out);
	free(path);
	if (loc->line) {
		fprintf(out, "line=%lu,", (unsigned long)loc->line);
		if (loc->col)
			fprintf(out, "col=%lu,", (unsigned long)loc->col);
	}
}

/* The title: "SCL001 ctl-store-missing on WEB01 (new)" (parts as known). */
static char *title_text(const struct report *r, const struct diag *d)
{
	struct mem t;

	mem_open(&t);
	text_escape_put(d->rule_id ? d->rule_id : "sslcertlint", t.fp);
	if (d->rule_name) {
		fputc(' ', t.fp);
		text_escape_put(d->rule_name, t.fp);
	}
	if (r->fleet && d->host) {
		fputs(" on ", t.fp);
		text_escape_put(d->host, t.fp);
	}
	if (d->baseline == BASELINE_NEW)
		fputs(" (new)", t.fp);
	else if (d->baseline == BASELINE_UPDATED)
		fputs(" (updated)", t.fp);
	return mem_take(&t);
}

/* The message, then the related lines and the fix, each on a line of its own. */
static char *message_text(const struct diag *d)
{
	struct mem m;

	mem_open(&m);
	text_escape_put(d->message ? d->message : "", m.fp);
	for (size_t i = 0; i < d->nr_related; i++) {
		const struct diag_related *rel = &d->related[i];
		fputc('\n', m.fp);
		if (put_where(&rel->loc, m.fp)) {
			fputs(": ", m.fp);
			text_escape_put(rel->message, m.fp);
		} else {
			put_line_start(rel->message, m.fp);
		}
	}
	if (d->fix) {
		fprintf(m.fp, "\nfix (%s): ", fix_shell_words(d->fix_shell));
		text_escape_put(d->fix, m.fp);
	}
	return mem_take(&m);
}

static void put_command(const struct report *r, const struct diag *d, FILE *out)
{
	char *title = title_text(r, d), *message = message_text(d);

	fprintf(out, "::%s ", command_name(d->level));
	put_location_properties(&d->loc, out);
	fputs("title=", out);
	workflow_command_put_property(title, out);
	fputs("::", out);
	workflow_command_put_data(message, out);
	fputc('\n', out);
	free(title);
	free(message);
}

static void put_summary(const struct report *r, FILE *out)
{
	struct mem m;
	struct report plain = *r;

	plain.color = 0;
	mem_open(&m);
	report_text_total(&plain, m.fp);
	char *total = mem_take(&m);
	fputs("::notice title=sslcertlint::", out);
	workflow_command_put_data(total, out);
	fputc('\n', out);
	free(total);
}

int report_github(const struct report *r, FILE *out)
{
	for (size_t i = 0; r->inputs && i < r->inputs->nr; i++)
		if (r->inputs->items[i]->level >= SEV_WARNING)
			put_command(r, r->inputs->items[i], out);
	for (size_t i = 0; r->findings && i < r->findings->nr; i++) {
		const struct diag *d = r->findings->items[i];
		if (!d->suppressed && d->baseline != BASELINE_ABSENT)
			put_command(r, d, out);
	}
	put_summary(r, out);
	return fflush(out) || ferror(out) ? -1 : 0;
}

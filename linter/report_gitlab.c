/*
 * The GitLab Code Quality report (artifacts:reports:codequality), which
 * GitLab shows in merge requests and the pipeline's Code Quality tab: a
 * JSON array with one object per finding, in the report's (sorted) order.
 * GitLab's documentation ("Code Quality report format") requires, of each:
 *
 *   description            the finding's message
 *   check_name             "SCL001 ctl-store-missing"
 *   fingerprint            report_fingerprint() (rule id + logical key,
 *                          and the host in fleet mode), the one the JSON
 *                          report, SARIF and --baseline use; the second
 *                          finding with a fingerprint gets "-2" after it,
 *                          the third "-3": GitLab shows only the first
 *                          issue of a fingerprint
 *   severity               error: "critical", warning: "major", note: "info"
 *   location.path          the file, as given (a leading "./" dropped)
 *   location.lines.begin   the line, an integer (1 when unknown)
 *
 * and, from the Code Climate spec GitLab's format is a subset of (GitLab
 * ignores them; other Code Climate readers show them): "type": "issue",
 * "categories": ["Security"], "content.body" with the related lines and
 * the fix in the text report's shape, and location.lines.end (= begin).
 *
 * Findings suppressed or gone since the baseline are left out; so are
 * input diagnostics and rules that did not run (GitLab has no place for
 * them: the exit code, and the summary on standard error with -o, say
 * so).  A finding without a file points at line 1 of its host's first
 * input, as in SARIF.
 *
 * Built with Jansson, dumped with two-space indent, keys in insertion
 * order; a string that is not valid UTF-8 gets U+FFFD for each bad byte.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_out.h"
#include "report.h"
#include "strmap.h"
#include "util.h"

static const char *gitlab_severity(enum severity level)
{
	switch (level) {
	case SEV_ERROR:
		return "critical";
	case SEV_WARNING:
		return "major";
	default:
		return "info";
	}
}

/* path without a leading "./" (GitLab matches paths from the repository's root). */
static const char *gitlab_path(const char *path)
{
	while (path[0] == '.' && path[1] == '/') {
		path += 2;
		while (*path == '/')
			path++;
	}
	return path;
}

/* "SCL001 ctl-store-missing" (malloc'd). */
static char *check_name(const struct diag *d)
{
	const char *id = d->rule_id ? d->rule_id : "", *name = d->rule_name ? d->rule_name : "";
	size_t len = strlen(id) + 1 + strlen(name) + 1;
	char *s = xmalloc(len);
	snprintf(s, len, "%s%s%s", id, *name ? " " : "", name);
	return s;
}

/* The related lines and the fix, one a line, as the text report writes them; NULL when none. */
static char *content_body(const struct diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out;

	if (!d->nr_related && !d->fix)
		return NULL;
	out = open_memstream(&buf, &len);
	if (!out)
		BUG("open_memstream failed");
	for (size_t i = 0; i < d->nr_related; i++) {
		const struct srcloc *loc = &d->related[i].loc;
		if (loc->file) {
			fputs(loc->file, out);
			if (loc->line)
				fprintf(out, ":%lu", (unsigned long)loc->line);
			if (loc->line && loc->col)
				fprintf(out, ":%lu", (unsigned long)loc->col);
			fputs(": ", out);
		}
		fprintf(out, "%s\n", d->related[i].message);
	}
	if (d->fix)
		fprintf(out, "fix (%s): %s\n", fix_shell_words(d->fix_shell), d->fix);
	if (fclose(out))
		BUG("open_memstream: cannot close");
	return buf;
}

static json_t *location_json(const struct diag *d, const char *input)
{
	json_t *loc = json_must(json_object()), *lines = json_must(json_object());
	const char *path = d->loc.file ? d->loc.file : input;
	size_t line = d->loc.file && d->loc.line ? d->loc.line : 1;

	json_set(loc, "path", json_str(gitlab_path(path ? path : ".")));
	json_set_count(lines, "begin", line);
	json_set_count(lines, "end", line);
	json_set(loc, "lines", lines);
	return loc;
}

/*
 * fp, or fp "-N" for its Nth finding in this report (seen: fingerprint ->
 * how many so far; fp must outlive seen, which keeps it as its key).
 */
static json_t *unique_fingerprint(const char *fp, struct strmap *seen)
{
	uintptr_t n = (uintptr_t)strmap_get(seen, fp) + 1;

	strmap_put(seen, fp, (void *)n);
	if (n == 1)
		return json_must(json_string(fp));
	return json_must(json_sprintf("%s-%lu", fp, (unsigned long)n));
}

static json_t *issue_json(const struct diag *d, const char *input, const char *fp,
			  struct strmap *seen)
{
	json_t *o = json_must(json_object());
	char *name = check_name(d), *body = content_body(d);

	json_set_str(o, "type", "issue");
	json_set_str(o, "check_name", name);
	json_set_str(o, "description", d->message);
	if (body) {
		json_t *content = json_must(json_object());
		json_set_str(content, "body", body);
		json_set(o, "content", content);
	}
	json_t *categories = json_must(json_array());
	json_append(categories, json_string("Security"));
	json_set(o, "categories", categories);
	json_set(o, "location", location_json(d, input));
	json_set_str(o, "severity", gitlab_severity(d->level));
	json_set(o, "fingerprint", unique_fingerprint(fp, seen));
	free(name);
	free(body);
	return o;
}

int report_gitlab(const struct report *r, FILE *out)
{
	json_t *issues = json_must(json_array());
	struct report_groups groups;
	struct strmap seen = STRMAP_INIT;
	size_t nr = r->findings ? r->findings->nr : 0;
	char (*fps)[17] = xcalloc(nr ? nr : 1, sizeof(*fps));
	int ret = 0;

	report_groups_init(&groups, r);
	for (size_t i = 0; i < nr; i++) {
		const struct diag *d = r->findings->items[i];
		if (d->suppressed || d->baseline == BASELINE_ABSENT)
			continue;
		const struct report_group *g = report_groups_find(&groups, d->host);
		report_fingerprint(d, fps[i]);
		const char *input = d->loc.file ? NULL : report_first_input(r, g);
		json_append(issues, issue_json(d, input, fps[i], &seen));
	}
	report_groups_release(&groups);

	if (json_dumpf(issues, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER))
		ret = -1;
	json_decref(issues);
	strmap_release(&seen);
	free(fps);
	fputc('\n', out);
	if (fflush(out) || ferror(out))
		ret = -1;
	return ret;
}

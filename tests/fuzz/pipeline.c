#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "report.h"
#include "runner.h"

/*
 * What no input may do to a report: put a control character other than
 * the line end into the text report (a terminal escape, a line of its
 * own in a CI log), or shell syntax into a fix (every value in a fix
 * passed a whitelist: no fix has &, |, ;, a backtick, $ or a control
 * character, whatever the input).
 */
static void check_text(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		if ((c < 0x20 && c != '\n') || c == 0x7f) {
			fprintf(stderr, "raw control character 0x%02x at byte %zu of the text report\n",
				c, i);
			abort();
		}
	}
}

/*
 * The GitHub report: every line a workflow command of ours (no input can
 * start a line or break one), nothing raw but the line ends.
 */
static void check_github(const char *buf, size_t len)
{
	static const char *const commands[] = { "::error ", "::warning ", "::notice " };

	check_text(buf, len);
	for (size_t i = 0; i < len; i = (size_t)((const char *)memchr(buf + i, '\n', len - i) - buf) + 1) {
		int known = 0;
		for (size_t k = 0; k < sizeof(commands) / sizeof(*commands); k++)
			known |= !strncmp(buf + i, commands[k], strlen(commands[k]));
		if (!known || !memchr(buf + i, '\n', len - i)) {
			fprintf(stderr, "a line of the GitHub report that is no command of ours, at byte %zu\n", i);
			abort();
		}
	}
}

static void check_fixes(const struct diag_list *findings)
{
	for (size_t i = 0; i < findings->nr; i++) {
		const char *fix = findings->items[i]->fix;
		for (const unsigned char *p = (const unsigned char *)fix; p && *p; p++)
			if (*p < 0x20 || *p == 0x7f || strchr("&|;`$", *p)) {
				fprintf(stderr, "shell syntax in the fix of %s: %s\n",
					findings->items[i]->rule_id, fix);
				abort();
			}
	}
}

void fuzz_pipeline(fuzz_parse_fn parse, const uint8_t *data, size_t size)
{
	static const char *const formats[] = { "text", "json", "sarif", "github", "gitlab", "junit" };
	struct model m;
	struct diag_list findings, inputs;
	struct not_run *not_run;
	size_t nr_not_run;
	struct text t;
	struct decode_result res;

	model_init(&m);
	diag_list_init(&findings);
	diag_list_init(&inputs);
	m.host.now = 1767225600;        /* 2026-01-01 */
	m.host.now_source = "--now";
	text_decode(data, size, &t, &res);
	parse(&m, model_intern_file(&m, "fuzz-input"), &t, &inputs);
	if (model_check(&m, stderr))
		abort();
	model_finish(&m);
	runner_run(&m, NULL, &findings, &inputs, &not_run, &nr_not_run);
	diag_list_sort(&findings);
	diag_list_sort(&inputs);
	check_fixes(&findings);

	struct report r = {
		.tool_version = "fuzz", .files = m.files, .nr_files = m.nr_files,
		.findings = &findings, .inputs = &inputs,
		.not_run = not_run, .nr_not_run = nr_not_run,
		.nr_bindings = m.nr_bindings, .now_source = m.host.now_source,
	};
	for (size_t i = 0; i < sizeof(formats) / sizeof(*formats); i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&buf, &len);
		if (!out)
			abort();
		report_find(formats[i])(&r, out);
		fclose(out);
		if (i == 0)
			check_text(buf, len);
		else if (!strcmp(formats[i], "github"))
			check_github(buf, len);
		free(buf);
	}
	free(not_run);
	text_release(&t);
	diag_list_release(&inputs);
	diag_list_release(&findings);
	model_release(&m);
}

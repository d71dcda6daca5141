#include <stdlib.h>
#include <time.h>

#include "rule.h"
#include "timing.h"
#include "util.h"

double timing_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void timings_init(struct timings *t)
{
	*t = (struct timings){ 0 };
	t->rules = xcalloc(rule_table_size, sizeof(*t->rules));
	t->start = timing_now();
}

void timings_release(struct timings *t)
{
	free(t->rules);
	t->rules = NULL;
}

void timings_print(const struct timings *t, FILE *out)
{
	fprintf(out, "timings (wall-clock seconds):\n");
	fprintf(out, "  %-42s %9.4f\n", "configuration and baseline", t->config);
	fprintf(out, "  %-42s %9.4f\n", "read files", t->read);
	fprintf(out, "  %-42s %9.4f\n", "decode and detect", t->decode);
	for (int k = 1; k < TIMING_KINDS; k++) {
		if (!t->files[k])
			continue;
		char what[64];
		snprintf(what, sizeof(what), "parse %s (%zu file%s)", input_kind_name((enum input_kind)k),
			 t->files[k], t->files[k] == 1 ? "" : "s");
		fprintf(out, "  %-42s %9.4f\n", what, t->parse[k]);
	}
	fprintf(out, "  %-42s %9.4f\n", "joins", t->joins);
	for (size_t i = 0; i < rule_table_size; i++) {
		char what[64];
		snprintf(what, sizeof(what), "rule %s %s", rule_table[i]->id, rule_table[i]->name);
		fprintf(out, "  %-42s %9.4f\n", what, t->rules[i]);
	}
	fprintf(out, "  %-42s %9.4f\n", "suppressions, baseline, sort", t->post);
	fprintf(out, "  %-42s %9.4f\n", "report", t->report);
	fprintf(out, "  %-42s %9.4f\n", "total", timing_now() - t->start);
}

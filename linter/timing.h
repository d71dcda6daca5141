#ifndef TIMING_H
#define TIMING_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"

/*
 * --timings: where a run's time went, in wall-clock seconds of the
 * monotonic clock.  Every stage adds to its own counter; nothing here
 * changes what the linter does.
 */
#define TIMING_KINDS INPUT_KINDS_NR

struct timings {
	double read;                 /* open and read the files */
	double decode;               /* decode and detect the kind */
	double parse[TIMING_KINDS];  /* each parser, by input kind */
	size_t files[TIMING_KINDS];
	double joins;                /* model_finish() */
	double *rules;               /* one per rule_table entry */
	double config;               /* configuration and baseline */
	double post;                 /* levels, suppressions, baseline states, sorting */
	double report;
	double start;
};

/* Seconds on the monotonic clock. */
double timing_now(void);

/* Sets up t for the rule table's size (t->rules malloc'd) and starts the clock. */
void timings_init(struct timings *t);
void timings_release(struct timings *t);

/* Prints the table to out (the total is measured from timings_init()). */
void timings_print(const struct timings *t, FILE *out);

#endif

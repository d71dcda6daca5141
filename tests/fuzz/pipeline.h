#ifndef FUZZ_PIPELINE_H
#define FUZZ_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "parse.h"

/*
 * Runs the whole pipeline on one fuzz input, as cmark's fuzzer does:
 * decode, parse with `parse`, check the model's invariants (abort when
 * broken), run every rule, render every report format into memory, and
 * release everything.
 */
typedef int (*fuzz_parse_fn)(struct model *, const char *, const struct text *,
			     struct diag_list *);
void fuzz_pipeline(fuzz_parse_fn parse, const uint8_t *data, size_t size);

#endif

#ifndef PARSE_H
#define PARSE_H

#include "decode.h"
#include "diag.h"
#include "model_build.h"

/*
 * The parsers.  Each reads one decoded input into the model and appends
 * its problems to diags as input diagnostics (id "parse.<kind>") with
 * file and line; it never exits or prints, and it recovers at the next
 * line or record.  `file` is the input's path interned in the model
 * (model_intern_file()).  Each returns the number of input errors
 * (diagnostics at SEV_ERROR) it appended; warnings and notes do not count.
 */
#define INPUT(ID, stem, rank, steps) \
	int parse_##stem(struct model *m, const char *file, const struct text *t, \
			 struct diag_list *diags);
#include "inputs.def"

/*
 * After every input is parsed: a warning at the manifest's "stores" for
 * each store it says was dumped that no dump in the snapshot holds.
 */
void manifest_check_stores(const struct model *m, struct diag_list *diags);

/*
 * Parsing in two steps, for a parser with a costly part that needs no
 * model (decoding a big JSON document): prepare() runs on a worker
 * thread, with up to `jobs` threads of its own, and must touch nothing
 * shared; parse_prepared() then runs on
 * the main thread in input order, with up to `jobs` threads of its own,
 * and takes the prepared result, which release() frees afterwards.
 * The one-step parse_<kind>() above does the same on one thread.
 */
struct parser_steps {
	void *(*prepare)(const struct text *t, int jobs);
	int (*parse_prepared)(struct model *m, const char *file, const struct text *t,
			      void *prepared, int jobs, struct diag_list *diags);
	void (*release)(void *prepared);
};

/* <stem>_steps of every kind inputs.def marks TWO_STEP; NULL for ONE_STEP */
#define INPUT_STEPS_ONE_STEP(stem) NULL
#define INPUT_STEPS_TWO_STEP(stem) (&stem##_steps)
#define INPUT_DECLARE_ONE_STEP(stem)
#define INPUT_DECLARE_TWO_STEP(stem) extern const struct parser_steps stem##_steps;
#define INPUT(ID, stem, rank, steps) INPUT_DECLARE_##steps(stem)
#include "inputs.def"

/*
 * What a detector looks at: the first DETECT_WINDOW bytes of the decoded
 * text, and its first non-blank character (netsh's blanks: white space,
 * U+00A0 and the like, and Markdown backticks), NULL when there is none.
 */
#define DETECT_WINDOW (64 * 1024)

struct detect_window {
	const char *buf, *end;
	const char *first;
};

/*
 * Whether the window holds an input of the kind: detect_<stem>() of each
 * kind in inputs.def, asked in the order of their rank until one says yes.
 */
#define INPUT(ID, stem, rank, steps) int detect_##stem(const struct detect_window *w);
#include "inputs.def"

/*
 * Bytes of a double quote at s (before e): 1 for '"', 3 for the
 * typographic ones that take its place in pasted text (U+201C, U+201D,
 * U+201E, U+2033), 0 for anything else.  What parse_reg reads as a quote,
 * and so what its detector looks for.
 */
size_t reg_quote_at(const char *s, const char *e);

/* Whether s starts with prefix, in any ASCII case: for the detectors. */
int detect_starts_ci(const char *s, const char *end, const char *prefix);

/* The first occurrence of needle in hay[0..n), in any ASCII case, or NULL. */
const char *detect_find_ci(const char *hay, size_t n, const char *needle);

/*
 * The kind of an input, from its decoded content alone (never its name).
 * See detect.c for the signatures.
 */
enum input_kind detect_kind(const struct text *t);

/*
 * detect_kind(), and for content that names no kind (an empty file, "[]"
 * or "null"), a certificate store dump when path ends in ".json" and its
 * stem names a Windows store ("ClientAuthIssuer.json"): what PowerShell
 * writes for an empty store.  See detect.c.
 */
enum input_kind detect_kind_named(const struct text *t, const char *path);

#endif

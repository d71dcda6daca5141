#ifndef PARSE_H
#define PARSE_H

#include "decode.h"
#include "diag.h"
#include "model.h"

/*
 * The parsers.  Each reads one decoded input into the model and appends
 * its problems to diags as input diagnostics (id "parse.<kind>") with
 * file and line; it never exits or prints, and it recovers at the next
 * line or record.  `file` is the input's path interned in the model
 * (model_intern_file()).  Each returns the number of input errors
 * (diagnostics at SEV_ERROR) it appended; warnings and notes do not count.
 */
int parse_netsh(struct model *m, const char *file, const struct text *t,
		struct diag_list *diags);
int parse_reg(struct model *m, const char *file, const struct text *t,
	      struct diag_list *diags);
int parse_appconfig(struct model *m, const char *file, const struct text *t,
		    struct diag_list *diags);
int parse_certjson(struct model *m, const char *file, const struct text *t,
		   struct diag_list *diags);
int parse_manifest(struct model *m, const char *file, const struct text *t,
		   struct diag_list *diags);

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

extern const struct parser_steps certjson_steps;

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

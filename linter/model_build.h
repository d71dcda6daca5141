#ifndef MODEL_BUILD_H
#define MODEL_BUILD_H

#include "model.h"

/*
 * Building the model (model.h): its lifecycle, and what the parsers and
 * the joins use to fill it: adders, setters and the arena-owning
 * constructors.  The owner of a snapshot (lint.c, the tests, the fuzzers)
 * and the parsers include this; rules never do (rule.h gives them the
 * read-only model, and tests/check-headers.sh fails a rule that includes
 * this header or parse.h).
 */

void model_init(struct model *m);
void model_release(struct model *m);

/* Interns a file name in the arena: the same path returns the same pointer. */
const char *model_intern_file(struct model *m, const char *path);

/* Appends an entry to the file table; the returned pointer is valid until the next call. */
struct input_file *model_add_input(struct model *m, const char *path, enum input_kind kind);

/* ---- filling the model (parsers) ------------------------------------ */

/*
 * Starts what one source says of the binding at `endpoint`, written as
 * netsh writes it ("0.0.0.0:443", "[::]:443", "host:443", or "443" for
 * a CCS binding; the registry key names use the same forms, and a CCS
 * key may also be "0.0.0.0:443").  Returns the view to fill, owned by
 * the model.
 *
 * A malformed endpoint gives an input error (id `diag_id`, at loc) and
 * NULL: the caller skips the record.  When the same source already
 * described this endpoint, a warning names the first record, and a
 * detached view is returned so the caller can go on parsing; only the
 * first record counts.
 */
struct binding_view *model_add_binding_view(struct model *m,
					    enum endpoint_kind kind,
					    const char *endpoint,
					    enum origin origin,
					    const struct srcloc *loc,
					    struct diag_list *diags,
					    const char *diag_id);

/*
 * Records one field of a view.  text and str are copied into the arena
 * (either may be NULL).  A later call for the same field replaces it.
 */
void binding_view_set(struct model *m, struct binding_view *v,
		      enum bfield_id id, const struct srcloc *loc,
		      const char *text, const char *str, uint32_t num, int valid);

/* Keeps a label the field table does not know (copied into the arena). */
void binding_view_add_extra(struct model *m, struct binding_view *v,
			    const char *label, const char *value,
			    const struct srcloc *loc);

/* The field whose netsh label is `label` (ASCII case-insensitive), or -1. */
int bfield_by_label(const char *label);

/* The field whose registry value name is `name` (case-insensitive), or -1. */
int bfield_by_regname(const char *name);

/*
 * Records that a registry key was seen (its [key] line).  key must be
 * canonical (see reg_canonical_key()).  The first location is kept.
 */
void model_add_reg_key(struct model *m, const char *key, const struct srcloc *loc);

/*
 * Records a registry value; the model copies v (and every string and
 * byte it points to) into its arena.  A later value with the same key and
 * name replaces the earlier one in lookups.
 */
void model_add_reg_value(struct model *m, const struct reg_value *v);

/* The registry roots: HKEY_LOCAL_MACHINE and its abbreviation HKLM, ... */
#define REG_ROOTS_NR 5
struct reg_root {
	const char *longname, *shortname;
};
extern const struct reg_root reg_roots[REG_ROOTS_NR];

/*
 * The canonical form of a registry key path, in a buffer from the arena:
 * root abbreviated (HKEY_LOCAL_MACHINE -> HKLM, HKEY_CURRENT_USER -> HKCU,
 * HKEY_CLASSES_ROOT -> HKCR, HKEY_USERS -> HKU, HKEY_CURRENT_CONFIG ->
 * HKCC), "ControlSet001".."ControlSet999" -> "CurrentControlSet", no
 * trailing backslash; case is kept.
 */
const char *reg_canonical_key(struct model *m, const char *key);

/* ---- IIS and certificate stores (parsers) ----------------------------- */

/*
 * Adds a site; name and id are copied.  A second site with the same name
 * (case-insensitive) is an input error at loc and returns NULL.
 */
struct iis_site *model_add_site(struct model *m, const char *name, const char *id,
				const struct srcloc *loc, struct diag_list *diags,
				const char *diag_id);

/* Appends a copy of *b (strings copied) to site s; returns it. */
struct iis_binding *model_add_iis_binding(struct model *m, struct iis_site *s,
					  const struct iis_binding *b);

/*
 * Records an <access sslFlags> that applies at `path`: "" for the global
 * one, else the <location path> as written ("Site", "Site/app").
 */
void model_add_access(struct model *m, const char *path, const struct iis_access *a);

/*
 * The store with this name, created on first use; names are
 * canonicalised (store_canonical_name()).  loc is where it is first named.
 */
struct cert_store *model_cert_store(struct model *m, const char *name,
				    const struct srcloc *loc);

/*
 * Adds a copy of *c (strings, EKU list and DER copied) to store s.  A
 * thumbprint already in the store gives a warning and is not added;
 * returns the stored certificate, or NULL for such a duplicate.
 */
struct cert *model_add_cert(struct model *m, struct cert_store *s, const struct cert *c,
			    struct diag_list *diags, const char *diag_id);

/* "My" for "MY"/"my"/"Personal", "Root", "CA", "WebHosting"...: the canonical spelling, static or interned. */
const char *store_canonical_name(struct model *m, const char *name);

/*
 * The store a dump's file name names: the base name without its last
 * extension, or the part of it after its last '-' or '_'
 * ("exports/LocalMachine-Root.json" -> "Root").  Returns a pointer into
 * path and the length in *len (0 when the name holds nothing).
 */
const char *store_name_in_path(const char *path, size_t *len);

/* Whether name (len bytes) is a Windows store name or alias store_canonical_name() knows. */
int store_name_known(const char *name, size_t len);

/*
 * After every input is parsed: computes each site's effective <access>
 * (global, then <location path="Site">, then "Site/app" for its apps),
 * joins every IIS https binding to the HTTP.sys binding it uses
 * (iis_binding.httpsys, httpsys_binding.users), and computes client
 * certificate use (httpsys_binding.client_certs, model.client_certs).
 * Call once.
 */
void model_finish(struct model *m);

/* The client-certificate part of model_finish(), after the join (model_client_certs.c). */
void model_compute_client_certs(struct model *m);

/* Appends a copy of *cs (strings copied) to the cipher suites; next is set here. */
void model_add_cipher_suite(struct model *m, const struct cipher_suite *cs);

/* ---- value helpers shared by the parsers ------------------------------ */

/*
 * Normalises a certificate hash: 40 hex digits, any case, spaces and the
 * U+200E mark allowed between them.  Writes 40 lower-case digits and a
 * NUL to out; returns 0, or -1 when s is not a hash.
 */
int hash_normalize(const char *s, char out[41]);

/* Normalises "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" (braces optional); 0 or -1. */
int guid_normalize(const char *s, char out[39]);

/* Formats a GUID from its 16-byte memory layout (first three fields little-endian). */
void guid_from_bytes(const unsigned char b[16], char out[39]);

/* Sets a rule's parameter (the configuration; model_rule_param() reads it). */
void model_set_rule_param(struct model *m, const char *rule_id, const char *name, long value);

#endif

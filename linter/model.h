#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "srcloc.h"
#include "strmap.h"

struct diag_list;

/*
 * The snapshot model: everything the parsers read from one server's
 * exports, joined, with the source location of every element.  Parsers
 * fill it through the model_add_* / *_set functions below; rules read it
 * through rule.h and never change it.  Every node and string lives in
 * m->arena and is freed by model_release() at once.
 */

enum input_kind {
	INPUT_UNKNOWN = 0,
	INPUT_NETSH,
	INPUT_REG,
	INPUT_APPCONFIG,
	INPUT_CERTJSON,
	INPUT_MANIFEST,
};

/* "netsh", "reg", ... "unknown": the names the JSON report uses. */
const char *input_kind_name(enum input_kind kind);

/* One file of the snapshot, in the order the inputs were read. */
struct input_file {
	const char *path;        /* as given (relative stays relative); interned */
	enum input_kind kind;
	const char *encoding;    /* "utf-8", "utf-16le", ...; NULL when unread */
	size_t bytes;
	int skipped;             /* found in a directory, not an input kind: listed, not read */
	int failed;              /* could not be read or decoded */
};

/* ---- registry values ------------------------------------------------ */

/* Windows value types; the numbers are the REG_* constants. */
enum reg_type {
	REGT_NONE = 0,
	REGT_SZ = 1,
	REGT_EXPAND_SZ = 2,
	REGT_BINARY = 3,
	REGT_DWORD = 4,
	REGT_DWORD_BIG_ENDIAN = 5,
	REGT_LINK = 6,
	REGT_MULTI_SZ = 7,
	REGT_QWORD = 11,
};

struct reg_value {
	const char *key;         /* canonical key path, e.g. "HKLM\SYSTEM\CurrentControlSet\..." */
	const char *name;        /* value name; "" for the default value (@) */
	int type;                /* enum reg_type, or another hex(n) type number */
	int deleted;             /* written as "name"=- : the value is removed */
	int valid;               /* 0: the data could not be read (rules treat it as unknown) */
	uint64_t num;            /* REGT_DWORD / REGT_QWORD / DWORD_BIG_ENDIAN value */
	const char *str;         /* REGT_SZ / EXPAND_SZ as UTF-8; MULTI_SZ items joined by '\n' */
	const unsigned char *bytes;  /* raw data for hex types */
	size_t len;
	struct srcloc loc;       /* the "name"= line */
	struct reg_value *next;  /* next value of the model, in input order */
};

struct reg_key {
	const char *path;        /* canonical, see reg_value.key */
	struct srcloc loc;       /* the [key] line (first one seen) */
};

/* The key under which SCHANNEL keeps its settings, in canonical form. */
#define SCHANNEL_KEY "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"

/* ---- HTTP.sys bindings ------------------------------------------------ */

enum endpoint_kind {
	EP_IPPORT,               /* IP:port, SslBindingInfo */
	EP_HOSTNAMEPORT,         /* Hostname:port (SNI), SslSniBindingInfo */
	EP_CCS,                  /* Central Certificate Store port, SslCcsBindingInfo */
};

/* Which sources describe a binding (bit set). */
enum origin {
	ORIGIN_NETSH = 1,
	ORIGIN_REG = 2,
};

enum bfield_kind { BFK_HASH, BFK_GUID, BFK_STR, BFK_U32, BFK_BOOL };

enum bfield_id {
#define BFIELD(id, label, kind, regname, mask, inverted, param) BF_##id,
#include "binding_fields.def"
#undef BFIELD
	BF__COUNT
};

/* The table behind binding_fields.def. */
struct bfield_info {
	const char *label;       /* netsh label */
	enum bfield_kind kind;
	const char *regname;     /* registry value name */
	uint32_t mask;           /* BFK_BOOL: bit in the registry value */
	int inverted;            /* BFK_BOOL: bit set means the setting is off */
	const char *netsh_param; /* netsh add/update sslcert parameter, or NULL */
};
extern const struct bfield_info bfield_table[BF__COUNT];

/*
 * One setting of a binding as one source states it.
 * - stated: the source says something about it (loc is then set);
 *   a truncated netsh record leaves later fields unstated.
 * - valid: 0 when stated but unreadable (a placeholder such as <hash>,
 *   a malformed number): rules treat the value as unknown.
 * - str: BFK_HASH (40 lower-case hex digits), BFK_GUID (lower case, with
 *   braces), BFK_STR (as written); NULL for "(null)" or an absent value.
 * - num: BFK_U32 value, or BFK_BOOL 1 (Enabled/Set) / 0.
 * - text: the value as the source wrote it, for messages.
 */
struct bfield {
	struct srcloc loc;
	const char *text;
	const char *str;
	uint32_t num;
	unsigned char stated;
	unsigned char valid;
};

/* A setting a source states that binding_fields.def does not know. */
struct extra_field {
	const char *label;
	const char *value;
	struct srcloc loc;
	struct extra_field *next;
};

/* What one source (a netsh record or a registry key) says of a binding. */
struct binding_view {
	enum origin origin;
	struct srcloc loc;       /* the record's first line, or the [key] line */
	struct bfield f[BF__COUNT];
	struct extra_field *extra, **extra_tail;
};

struct httpsys_binding {
	enum endpoint_kind kind;
	const char *address;     /* IP ("0.0.0.0", "[::]"), host name (lower case), or NULL for CCS */
	uint16_t port;
	const char *key;         /* logical key: "ipport:0.0.0.0:443", "hostnameport:host:443", "ccs:443" */
	const char *endpoint;    /* as netsh writes it: "0.0.0.0:443", "host:443", "443" */
	struct binding_view *netsh, *reg;   /* at least one is set */
	struct srcloc loc;       /* primary: the netsh record when there is one, else the key */
	struct httpsys_binding *next;       /* in the order first seen */
};

/* ---- the snapshot --------------------------------------------------- */

struct host_info {
	int64_t now;             /* time reference for date checks, seconds since the epoch */
	const char *now_source;  /* "--now", "manifest", "clock" */
};

struct model {
	struct arena arena;

	struct input_file *files;
	size_t nr_files, alloc_files;
	struct strmap file_by_path;         /* interned path -> itself */

	struct host_info host;

	struct httpsys_binding *bindings, **bindings_tail;
	size_t nr_bindings;
	struct strmap binding_by_key;

	struct reg_value *reg_values, **reg_values_tail;
	struct strmap reg_value_by_name;    /* "lower(key)\nlower(name)" -> reg_value */
	struct strmap reg_key_by_path;      /* lower(key) -> reg_key */

	size_t nr_sites, nr_certs;          /* filled by later parsers */
	unsigned origins;                   /* enum origin bits: a netsh file was read, or a registry
					       export holding HTTP\Parameters (set by the parsers even
					       when they find no binding) */
	unsigned kinds_read;                /* 1 << enum input_kind of every input read */
};

#define MODEL_INIT_NOW_UNSET INT64_MIN

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

/*
 * The canonical form of a registry key path, in a buffer from the arena:
 * root abbreviated (HKEY_LOCAL_MACHINE -> HKLM, HKEY_CURRENT_USER -> HKCU,
 * HKEY_CLASSES_ROOT -> HKCR, HKEY_USERS -> HKU, HKEY_CURRENT_CONFIG ->
 * HKCC), "ControlSet001".."ControlSet999" -> "CurrentControlSet", no
 * trailing backslash; case is kept.
 */
const char *reg_canonical_key(struct model *m, const char *key);

/* ---- reading the model (rules, reporters, tests) -------------------- */

/* The binding with this logical key ("ipport:0.0.0.0:443"...), or NULL. */
const struct httpsys_binding *model_find_binding(const struct model *m, const char *key);

/*
 * What the snapshot says of a binding's field: the netsh record's value
 * when it states the field, else the registry's, else NULL (unknown).
 */
const struct bfield *binding_get(const struct httpsys_binding *b, enum bfield_id id);

/* The certificate store the binding uses: its Certificate Store Name, "MY" when (null). */
const char *binding_effective_store(const struct httpsys_binding *b);

/* "ipport", "hostnameport", "ccs": netsh's parameter names for the endpoint. */
const char *endpoint_kind_param(enum endpoint_kind kind);

/* A registry value (case-insensitive key and name), or NULL when the snapshot has none. */
const struct reg_value *model_reg_get(const struct model *m, const char *key, const char *name);

/* A registry key seen in an export, or NULL. */
const struct reg_key *model_reg_key(const struct model *m, const char *key);

/*
 * The SCHANNEL value `name` under SCHANNEL_KEY (subkey "" for the key
 * itself), or NULL when absent.  A deleted value counts as absent.
 */
const struct reg_value *model_schannel_get(const struct model *m,
					   const char *subkey, const char *name);

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

/* Lower-case hex of n bytes into out (2n + 1 bytes). */
void hex_encode(const unsigned char *b, size_t n, char *out);

/* ---- debugging and tests -------------------------------------------- */

/*
 * Writes a deterministic, indented dump of the model, every node with its
 * file:line (the --dump-model format, compared with fixtures/parse/<fmt>/
 * <case>.model by the tests).
 */
void model_dump(const struct model *m, FILE *out);

/*
 * Checks the model's invariants (STYLE R12): every node has a file that
 * is interned in the arena, a line, and consistent links.  Prints each
 * violation to out and returns their number.
 */
int model_check(const struct model *m, FILE *out);

#endif

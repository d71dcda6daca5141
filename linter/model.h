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
 * exports, joined, with the source location of every element.  This
 * header is what rules (through rule.h) and reporters see: the model and
 * its const lookups.  Parsers fill it through model_build.h, which rules
 * cannot include (tests/check-headers.sh); rules never change it.  Every node and string lives in
 * m->arena and is freed by model_release() at once.
 */

/* The kinds are listed in inputs.def. */
enum input_kind {
	INPUT_UNKNOWN = 0,
#define INPUT(ID, stem, rank, steps) INPUT_##ID,
#include "inputs.def"
	INPUT_KINDS_NR           /* not a kind: how many there are, with INPUT_UNKNOWN */
};

/* "netsh", "reg", ... "unknown": the names the JSON report uses. */
const char *input_kind_name(enum input_kind kind);

/*
 * Why a file found in a snapshot directory is listed but not linted.
 * Only SKIP_UNKNOWN_KIND was read; the others were never opened.
 */
enum skip_reason {
	SKIP_NONE = 0,           /* linted */
	SKIP_UNKNOWN_KIND = 1,   /* read: not an input kind */
	SKIP_SYMLINK,            /* a symbolic link: not followed */
	SKIP_FIFO,
	SKIP_SOCKET,
	SKIP_CHAR_DEVICE,
	SKIP_BLOCK_DEVICE,
	SKIP_OTHER,              /* any other file that is not a regular one */
};

/* "unknown-kind", "symlink", "fifo", ...: the names the JSON report uses. */
const char *skip_reason_name(enum skip_reason reason);

/* One file of the snapshot, in the order the inputs were read. */
struct input_file {
	const char *path;        /* as given (relative stays relative); interned */
	enum input_kind kind;
	const char *encoding;    /* "utf-8", "utf-16le", ...; NULL when unread */
	size_t bytes;            /* 0 when not read */
	enum skip_reason skipped;   /* found in a directory: listed, not linted (why), or SKIP_NONE */
	int failed;              /* could not be read or decoded */
	const char *host;        /* fleet mode: the server whose snapshot holds it; else NULL */
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

/* The cipher suite order policy (Group Policy "SSL Cipher Suite Order"): its value "Functions". */
#define CIPHER_POLICY_KEY "HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002"

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

/*
 * Whether client certificates are used: one fact, computed once by
 * model_finish() for each HTTP.sys binding and for the whole server, that
 * every client-certificate rule gates on.  Sources: the binding's
 * Negotiate Client Certificate and DS Mapper Usage, and the effective
 * <access sslFlags> (SslNegotiateCert, SslRequireCert) of the IIS sites
 * and applications it serves, <location> included.
 */
enum cert_use {
	CERT_USE_UNKNOWN = 0,    /* nothing in the snapshot tells (no IIS configuration, another application) */
	CERT_USE_NONE,           /* IIS shows no site asking, and the binding neither negotiates nor maps */
	CERT_USE_NEGOTIATE,      /* asked for, not required: SslNegotiateCert, Negotiate Client
				    Certificate, DS Mapper Usage */
	CERT_USE_REQUIRE,        /* a site requires one (SslRequireCert) */
};

struct iis_site;
struct iis_access;

struct client_cert_use {
	enum cert_use use;
	const struct iis_site *site;        /* the site asking for the most, or NULL */
	const struct iis_access *access;    /* that site's <access> that asks */
	const char *app;                    /* the <location path> ("Site/app") when an
					       application asks, not the site's root; else NULL */
	const struct bfield *negotiate;     /* Negotiate Client Certificate, when Enabled */
	const struct bfield *ds_mapper;     /* DS Mapper Usage, when Enabled */
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
	const struct iis_binding **users;   /* IIS https bindings served by it (model_finish) */
	size_t nr_users, alloc_users;
	struct client_cert_use client_certs;   /* set by model_finish() */
};

/* ---- IIS (applicationHost.config) ------------------------------------- */

/* The AppId IIS registers its HTTP.sys bindings with. */
#define IIS_APPID "{4dc3e181-e14b-4a21-b022-59fc669b0914}"

/* <binding sslFlags> bits. */
enum iis_ssl_flag {
	IIS_SSL_SNI = 1,
	IIS_SSL_CCS = 2,
	IIS_SSL_DISABLE_HTTP2 = 4,
	IIS_SSL_DISABLE_OCSP_STAPLING = 8,
	IIS_SSL_DISABLE_QUIC = 16,
	IIS_SSL_DISABLE_TLS13_OVER_TCP = 32,
	IIS_SSL_DISABLE_LEGACY_TLS = 64,
	IIS_SSL_KNOWN_BITS = 127,
};

/* <access sslFlags> bits (system.webServer/security/access). */
enum access_flag {
	ACCESS_SSL = 8,
	ACCESS_SSL_NEGOTIATE_CERT = 32,
	ACCESS_SSL_REQUIRE_CERT = 64,
	ACCESS_SSL128 = 256,
};

/* One <access sslFlags="..."> as written, or the effective one of a path. */
struct iis_access {
	uint32_t flags;          /* enum access_flag bits */
	int stated;              /* an <access sslFlags> applies (else flags is 0, IIS's default "None") */
	int valid;               /* 0: the sslFlags text could not be read; rules treat it as unknown */
	const char *text;        /* sslFlags as written */
	struct srcloc loc;       /* the <access> element */
};

struct iis_site;

struct iis_binding {
	struct iis_site *site;
	const char *protocol;    /* lower case: "https", "http", "net.tcp", ... */
	const char *information; /* bindingInformation as written */
	const char *ip;          /* "*", "" (unspecified) or an address ("[::1]" keeps its brackets) */
	uint16_t port;           /* 0 when bindingInformation is not ip:port:host (non-HTTP protocols) */
	const char *host;        /* host name, lower case; "" when none */
	uint32_t ssl_flags;      /* enum iis_ssl_flag bits */
	struct srcloc loc;       /* the <binding> element */
	struct iis_binding *next;            /* next binding of the site */
	const struct httpsys_binding *httpsys;  /* https only: the HTTP.sys binding it uses (model_finish), or NULL */
	int httpsys_fallback;    /* an SNI binding served by an IP:port binding: no hostname:port one exists */
};

/* An application path of a site with an <access> of its own: <location path="Site/app">. */
struct iis_location {
	const char *path;        /* the location path as written, "Site/app" */
	struct iis_access access;
	struct iis_location *next;
};

struct iis_site {
	const char *name;
	const char *id;          /* as written; NULL when absent */
	struct srcloc loc;       /* the <site> element */
	struct iis_binding *bindings, **bindings_tail;
	struct iis_access access;   /* effective at the site's root: <location path="Site">, else global */
	struct iis_location *apps, **apps_tail;   /* set by model_finish() */
	struct iis_site *next;
};

/* ---- certificate stores (PowerShell JSON dumps) ------------------------ */

struct cert {
	const char *thumbprint;  /* 40 lower-case hex digits */
	const char *store;       /* canonical store name (the store it was dumped from) */
	const char *subject;     /* as PowerShell prints it ("CN=x, O=y"), or from the DER */
	const char *issuer;
	const char *friendly_name;          /* NULL when absent */
	int64_t not_before, not_after;      /* seconds since the epoch */
	int has_not_before, has_not_after;
	int has_private_key;     /* 1, 0, or -1 unknown */
	int is_ca;               /* basicConstraints CA: 1, 0, or -1 unknown */
	int self_signed;         /* 1, 0, or -1 unknown */
	int self_signed_inferred;   /* 1: decided from subject == issuer text, no signature checked */
	int ekus_known;          /* the EKU list below is known */
	const char **ekus;       /* EKU OIDs ("1.3.6.1.5.5.7.3.1"); none with ekus_known = no EKU extension */
	size_t nr_ekus;
	int has_der;             /* RawData was present and decoded */
	const char **dns_names;  /* with has_der: subjectAltName DNS names, lower case (none: no SAN) */
	size_t nr_dns_names;
	const char *common_name; /* with has_der: the subject's CN, or NULL */
	const unsigned char *subject_der;   /* DER of the subject name (for issuer-list sizes) */
	size_t subject_der_len;
	const unsigned char *issuer_der;    /* with has_der: DER of the issuer name */
	size_t issuer_der_len;
	const char *ski;         /* with has_der: subjectKeyIdentifier (lower-case hex), or NULL */
	const char *aki;         /* with has_der: authorityKeyIdentifier keyIdentifier, or NULL */
	const char *key_type;    /* "RSA", "EC", ...; NULL when unknown */
	int key_bits;            /* 0 when unknown */
	const char *sig_alg;     /* "sha256WithRSAEncryption", ...; NULL when unknown */
	const char *sig_hash;    /* its digest: "SHA256", "SHA1", "MD5"...; NULL when unknown or none */
	struct srcloc loc;       /* the line where the certificate's object starts (its Thumbprint line) */
	struct cert *next;       /* next certificate of the store, in input order */
};

struct cert_store {
	const char *name;        /* canonical: "My", "Root", "CA", "WebHosting", "ClientAuthIssuer", ... */
	struct srcloc loc;       /* the first dump that holds it (line 1, or where the store is named) */
	struct cert *certs, **certs_tail;
	size_t nr_certs;
	struct strmap by_thumbprint;
	struct cert_store *next;
};

/* ---- the manifest (snapshot.json) --------------------------------------- */

struct host_manifest {
	int present;
	const char *name;        /* host name, or NULL */
	const char *os;          /* "Windows Server 2022", or NULL */
	uint32_t build;          /* OS build number, 0 when unknown */
	int64_t taken;           /* when the snapshot was taken; valid when has_taken */
	int has_taken;
	struct srcloc loc;       /* the "taken" member, else the object's '{' */
	struct srcloc build_loc; /* the "build" member, else loc */
	/* what tools/Export-SslSnapshot.ps1 adds about itself */
	const char *exported_by; /* "Export-SslSnapshot.ps1 1", or NULL */
	int secrets_removed;     /* applicationHost.config's secrets taken out: 1, 0, -1 unknown */
	const char **stores;     /* the certificate stores it dumped, as written */
	size_t nr_stores;
	struct srcloc stores_loc; /* the "stores" member */
};

/* ---- cipher suites (Get-TlsCipherSuite | ConvertTo-Json) -------------- */

struct cipher_suite {
	const char *name;        /* "TLS_RSA_WITH_RC4_128_SHA", as written */
	long number;             /* its CipherSuite number (0x0005 as 5), -1 when not given */
	const char *cipher;      /* "RC4", "3DES", "AES", ...; NULL when not given */
	const char *exchange;    /* "RSA", "ECDH", ...; NULL when not given */
	const char *hash;        /* "SHA1", "" (AEAD), ...; NULL when not given */
	struct srcloc loc;       /* its "Name" member's line; path its JSON Pointer */
	struct cipher_suite *next;  /* the next suite, in the server's priority order */
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

	struct host_manifest manifest;

	struct iis_site *sites, **sites_tail;
	size_t nr_sites;
	struct strmap site_by_name;         /* lower(name) -> iis_site */
	struct iis_access global_access;    /* <system.webServer><security><access> outside any location */
	struct iis_location *locations, **locations_tail;  /* every <location path> with an <access> */
	int iis_read;                       /* an applicationHost.config was read */
	struct client_cert_use client_certs;   /* the whole server's, strongest first (model_finish) */

	struct cert_store *stores, **stores_tail;
	struct strmap store_by_name;        /* lower(canonical name) -> cert_store */
	size_t nr_certs;
	unsigned origins;                   /* enum origin bits: a netsh file was read, or a registry
					       export holding HTTP\Parameters (set by the parsers even
					       when they find no binding) */
	struct cipher_suite *suites, **suites_tail;   /* Get-TlsCipherSuite's list, in order */
	size_t nr_suites;
	int suites_read;                    /* a cipher suite dump was read (even an empty one) */
	struct srcloc suites_loc;           /* that dump */
	unsigned kinds_read;                /* 1 << enum input_kind of every input read */
	struct strmap rule_params;          /* "SCL007.days" -> long, from the configuration */
};

#define MODEL_INIT_NOW_UNSET INT64_MIN

/* ---- IIS and certificate stores (rules) -------------------------------- */

/* The site with this name (case-insensitive), or NULL. */
const struct iis_site *model_find_site(const struct model *m, const char *name);

/*
 * The client-certificate flags (ACCESS_SSL_NEGOTIATE_CERT,
 * ACCESS_SSL_REQUIRE_CERT) a site uses at its root or any application;
 * *where, when not NULL, gets the <access> that asks for the strongest.
 * Returns -1 when an <access sslFlags> that applies could not be read.
 */
int site_client_cert_flags(const struct iis_site *s, const struct iis_access **where);

/*
 * The logical keys of the HTTP.sys bindings that HTTP.sys would use for
 * an IIS https binding, in lookup order: CCS -> "ccs:port"; an address ->
 * "ipport:ip:port", then "ipport:0.0.0.0:port" (or "ipport:[::]:port" for
 * an IPv6 address); "*" or no address -> "ipport:0.0.0.0:port" alone.  An
 * SNI binding looks up "hostnameport:host:port" first and falls back to
 * the IP:port keys when HTTP.sys has no binding for its host name.
 * Writes them into keys and returns their number (0 when the binding has
 * no port, is SNI without a host, or has a host longer than any DNS name).
 */
#define IIS_KEY_MAX 320
#define IIS_KEYS 3
size_t iis_binding_httpsys_keys(const struct iis_binding *b, char keys[IIS_KEYS][IIS_KEY_MAX]);

/* The store with this name (any case or alias), or NULL when no dump holds it. */
const struct cert_store *model_find_store(const struct model *m, const char *name);

/* The certificate with this thumbprint (40 lower-case hex) in s, or NULL. */
const struct cert *store_find_cert(const struct cert_store *s, const char *thumbprint);

/*
 * Whether the certificate's subjectAltName DNS names cover host (lower
 * case), a wildcard one label deep; without the extension, its CN.
 * -1 when the dump has no RawData to tell.
 */
int cert_covers_host(const struct cert *c, const char *host);

/*
 * Whether ca could have issued c, as CryptoAPI chains them: c's issuer
 * name equals ca's subject name (DER), and c's authority key identifier
 * equals ca's subject key identifier when both have one.  -1 when either
 * dump has no RawData to tell.
 */
int cert_issued_by(const struct cert *c, const struct cert *ca);

#define EKU_SERVER_AUTH "1.3.6.1.5.5.7.3.1"
#define EKU_ANY_PURPOSE "2.5.29.37.0"      /* anyExtendedKeyUsage */

/* The name Windows gives an EKU OID ("Server Authentication"), or NULL. */
const char *eku_name(const char *oid);

/* The OID of an EKU name eku_name() gives (ASCII case-insensitive), or NULL. */
const char *eku_oid(const char *name);

/* Whether the certificate allows Server Authentication (EKU 1.3.6.1.5.5.7.3.1, or no EKU extension); -1 unknown. */
int cert_allows_server_auth(const struct cert *c);

/* ---- reading the model (rules, reporters, tests) -------------------- */

/* The binding with this logical key ("ipport:0.0.0.0:443"...), or NULL. */
const struct httpsys_binding *model_find_binding(const struct model *m, const char *key);

/*
 * What the snapshot says of a binding's field: the netsh record's value
 * when it states the field, else the registry's, else NULL (unknown).
 */
const struct bfield *binding_get(const struct httpsys_binding *b, enum bfield_id id);

/* Whether the binding's AppId is known and is appid ("{...}", lower case): IIS_APPID... */
int binding_has_appid(const struct httpsys_binding *b, const char *appid);

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

/*
 * A rule's configured parameter (e.g. SCL007's "days"), or dflt when the
 * configuration does not set it.
 */
long model_rule_param(const struct model *m, const char *rule_id, const char *name, long dflt);

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

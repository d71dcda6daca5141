#ifndef RULE_H
#define RULE_H

/*
 * The one header a rule includes: the read-only model API, source
 * locations, diag_emit() and struct rule.
 *
 * Adding a rule touches exactly two places (like git's builtin.h):
 *   1. rules/<name>.c defining `const struct rule rule_<name>` (the name
 *      in snake_case: rules/ctl_store_missing.c, rule_ctl_store_missing,
 *      "ctl-store-missing"), and its doc rules/<name>.md;
 *   2. one RULE(<name>) line in rules/registry.def, sorted by id.
 * Then add fixtures/rules/<SCLnnn>/{fires,quiet}/ snapshots with their
 * expected.txt.  `make check` fails when a rule file, its doc, its
 * fixtures and its registry line disagree.
 *
 * Rules see the model only through model.h's const API and never keep
 * pointers into it past check().  Findings go to `out` via diag_emit();
 * the return value only reports internal failure.
 */
#include "diag.h"
#include "model.h"
#include "schannel_protocols.h"
#include "srcloc.h"

/*
 * Inputs a rule needs.  When the snapshot lacks one, the rule does not
 * run, and the report lists it under notRun with the export that would
 * enable it (see runner.c).
 */
enum rule_need_bit {
#define NEED(ID, tag, have, reason) NEED_BIT_##ID,
#include "inputs.def"
	NEED_BITS_NR
};

/* The needs are listed, with what each means, in inputs.def. */
enum rule_need {
#define NEED(ID, tag, have, reason) NEED_##ID = 1 << NEED_BIT_##ID,
#include "inputs.def"
};


struct rule {
	const char *id;        /* stable "SCLnnn"; the SARIF ruleId */
	const char *name;      /* kebab-case; the file stem with '-' for '_' */
	const char *summary;   /* one line, lower case, no full stop */
	enum severity level;   /* default level */
	unsigned needs;        /* enum rule_need bits */
	int (*check)(const struct model *m, struct diag_list *out); /* 0, or -1 on internal failure */
};

/*
 * Values from the inputs in fix commands.  Each kind has a whitelist;
 * nothing else from an input may go into a fix (diag_set_fix()).
 */
enum fix_arg_kind {
	FIXARG_HOST,             /* a DNS host name, optionally "*." first */
	FIXARG_STORE,            /* a certificate store name: letters, digits, space, '.', '_', '-' */
	FIXARG_SITE,             /* an IIS site name, the same characters */
	FIXARG_BINDING_INFO,     /* an IIS bindingInformation "ip:port:host" */
	FIXARG_HASH,             /* 40 hex digits */
	FIXARG_GUID,             /* "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" */
	FIXARG_NUMBER,           /* decimal digits */
	FIXARG_SWITCH,           /* "enable" or "disable" */
	FIXARG_ENDPOINT_IPPORT,  /* "0.0.0.0:443", "[::]:443" */
	FIXARG_ENDPOINT_HOSTNAMEPORT,  /* "host:443" */
	FIXARG_ENDPOINT_CCS,     /* "443" */
	FIXARG_CIPHER_SUITE,     /* a cipher suite name: [A-Z0-9_]+ ("TLS_RSA_WITH_RC4_128_SHA") */
};

/* Whether s (NULL: no) passes the whitelist of kind. */
int fix_arg_ok(enum fix_arg_kind kind, const char *s);

/*
 * s as one argument of a cmd/PowerShell command line: as it is, or
 * double-quoted when it holds a space (a GUID always: appid="{...}"),
 * when it passes the whitelist of kind; else a <placeholder>, and d gets
 * a related location at loc (when s and loc are set) saying what to fill
 * in.  The result lives in out's arena.
 */
const char *fix_arg(struct diag_list *out, struct diag *d, enum fix_arg_kind kind,
		    const char *s, const struct srcloc *loc);

/*
 * The same without quotes, for a value the rule writes inside a quoted
 * string of its own ('Cert:\LocalMachine\<store>'): whitelisted values
 * hold no quote of either shell.
 */
const char *fix_raw(struct diag_list *out, struct diag *d, enum fix_arg_kind kind,
		    const char *s, const struct srcloc *loc);

/* "hostnameport=host:443", "ipport=0.0.0.0:443", "ccs=443": b's endpoint, checked. */
const char *fix_endpoint(struct diag_list *out, struct diag *d, const struct httpsys_binding *b);

/*
 * Sets d's fix to the `netsh http update sslcert` command that rewrites
 * binding b with every setting it has now, except those values[id]
 * overrides (a netsh parameter value: "ClientAuthIssuer", "enable"...).
 * netsh sets every parameter the command leaves out to its default, so
 * the command carries over each setting that differs from it.  Settings
 * netsh cannot set (Enable Caching Client Hello, unknown labels) get a
 * related location saying they may be lost; values that fail their
 * whitelist become <placeholders> (fix_arg()).
 */
void fix_binding_update(struct diag_list *out, struct diag *d,
			const struct httpsys_binding *b, const char *const values[BF__COUNT]);

/* The same with one setting changed. */
void fix_binding_update1(struct diag_list *out, struct diag *d, const struct httpsys_binding *b,
			 enum bfield_id set, const char *value);

/*
 * The certificate a binding names, found in the dump of the store it
 * names (effective store, "MY" when (null)); NULL when the hash is
 * unknown, the store was not dumped, or the store lacks it.  *store, when
 * not NULL, gets the dumped store (or NULL).
 */
const struct cert *binding_cert(const struct model *m, const struct httpsys_binding *b,
				const struct cert_store **store);

/*
 * An SCHANNEL value at the SCHANNEL key itself that is present, readable
 * and a REG_DWORD, or NULL (absent: the OS default applies).
 */
const struct reg_value *schannel_dword(const struct model *m, const char *name);

/*
 * Whether SCHANNEL sends the trusted issuer list: SendTrustedIssuerList
 * when set, else the OS default (1 up to Windows Server 2008 R2, build
 * 7601, as the manifest tells; 0 after, and when no manifest tells).
 * *where gets the value's location holder, or NULL when the default applies.
 */
int schannel_sends_issuer_list(const struct model *m, const struct reg_value **where);

/*
 * Whether the server has SCHANNEL's client authentication trust modes and
 * the ClientAuthIssuer store: Windows Server 2012 (build 9200) and later,
 * or a snapshot whose manifest gives no build (taken as a current server).
 */
#define FIRST_BUILD_WITH_TRUST_MODES 9200
int schannel_has_trust_modes(const struct model *m);

/*
 * ClientAuthTrustMode (0 machine trust, 1 exclusive root, 2 exclusive CA);
 * 0 when absent.  *where as above.
 */
uint32_t schannel_client_auth_trust_mode(const struct model *m, const struct reg_value **where);

/*
 * Where SCHANNEL takes a binding's trusted issuer list from (Windows
 * Server 2012 and later, "What's New in TLS/SSL (Schannel SSP)"): the
 * store its Ctl Store Name names when that store holds certificates;
 * else ClientAuthIssuer when it holds certificates; else Trusted Root
 * (the only source before 2012, with no ClientAuthIssuer step).
 */
struct issuer_source {
	const struct cert_store *store;  /* the store the list comes from; NULL when the snapshot cannot tell */
	const struct bfield *ctl;        /* the binding's Ctl Store Name when it names a store, else NULL */
	const struct cert_store *ctl_store;   /* that store's dump; NULL when not dumped */
	int fell_back;                   /* the named CTL store is dumped empty: SCHANNEL fell back */
	int not_dumped;                  /* ctl names a store the dumps lack: store is NULL */
};

/* Fills *src for binding b; returns src->store. */
const struct cert_store *binding_issuer_source(const struct model *m,
					       const struct httpsys_binding *b,
					       struct issuer_source *src);

/*
 * Who asks for client certificates, as a related message for u->access:
 * 'site "PKI" requires client certificates (SslRequireCert)', or
 * 'application "PKI/secure" of site "PKI" negotiates ...'.  In out's arena.
 */
const char *cert_use_words(struct diag_list *out, const struct client_cert_use *u);

/* A certificate's subject for messages ("(empty subject)" when it has none). */
const char *cert_subject_text(const struct cert *c);

/* "YYYY-MM-DD HH:MM:SS" of t (seconds since the epoch, UTC), in out's arena. */
const char *utc_text(struct diag_list *out, int64_t t);

/* " (as of --now)", " (as of the snapshot time in the manifest)" or "": which time dates are compared with. */
const char *time_reference_words(const struct model *m);

/*
 * Certificates that could be bound instead of a failing one: in the same
 * store, with the same subject, a private key, Server Authentication (or
 * EKUs unknown) and a validity that has begun; per store, the one of each
 * subject that expires last.  Each store's map is built on first use.
 * Start with `struct cert_replacements r = { .m = m };`, release with
 * cert_replacements_release().
 */
#define CERT_REPLACEMENT_STORES 8
struct cert_replacements {
	const struct model *m;
	const struct cert_store *store[CERT_REPLACEMENT_STORES];
	struct strmap by_subject[CERT_REPLACEMENT_STORES];
	size_t nr;
};

/* A certificate of store s to bind instead of c, valid after `until`; or NULL. */
const struct cert *cert_find_replacement(struct cert_replacements *r, const struct cert_store *s,
					 const struct cert *c, int64_t until);
void cert_replacements_release(struct cert_replacements *r);

/* Every rule, in registry.def order (sorted by id). */
extern const struct rule *const rule_table[];
extern const size_t rule_table_size;

/* The rule with this id ("SCL001") or name ("ctl-store-missing"), or NULL. */
const struct rule *rule_find(const char *id_or_name);

#endif

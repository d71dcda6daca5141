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
#include "srcloc.h"

/*
 * Inputs a rule needs.  When the snapshot lacks one, the rule does not
 * run, and the report lists it under notRun with the export that would
 * enable it (see runner.c).
 */
enum rule_need {
	NEED_SCHANNEL = 1 << 0,        /* a registry export of the SCHANNEL key itself */
	NEED_BINDINGS = 1 << 1,        /* netsh text or a registry export of HTTP\Parameters */
	NEED_NETSH = 1 << 2,           /* netsh http show sslcert text */
	NEED_REG_BINDINGS = 1 << 3,    /* a registry export of HTTP\Parameters */
	NEED_IIS = 1 << 4,             /* an applicationHost.config */
	NEED_CERTS = 1 << 5,           /* at least one certificate store dump */
	NEED_ROOT_STORE = 1 << 6,      /* a dump of the Root store */
};

/* The AppId IIS registers its HTTP.sys bindings with. */
#define IIS_APPID "{4dc3e181-e14b-4a21-b022-59fc669b0914}"

struct rule {
	const char *id;        /* stable "SCLnnn"; the SARIF ruleId */
	const char *name;      /* kebab-case; the file stem with '-' for '_' */
	const char *summary;   /* one line, lower case, no full stop */
	enum severity level;   /* default level */
	unsigned needs;        /* enum rule_need bits */
	int (*check)(const struct model *m, struct diag_list *out); /* 0, or -1 on internal failure */
};

/*
 * The `netsh http update sslcert` command that rewrites binding b with
 * every setting it has now, except field `set`, which gets `value`
 * (a netsh parameter value: "ClientAuthIssuer", "enable"...).  netsh
 * resets every parameter the command leaves out to its default, so the
 * command carries over each setting that differs from the default.
 * Values netsh cannot take (unknown hash) appear as <placeholders>.
 * The string lives in out's arena.
 */
const char *binding_update_command(struct diag_list *out,
				   const struct httpsys_binding *b,
				   enum bfield_id set, const char *value);

/* The same with several settings changed: values[id] non-NULL overrides field id. */
const char *binding_update_command_n(struct diag_list *out,
				     const struct httpsys_binding *b,
				     const char *const values[BF__COUNT]);

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
 * ClientAuthTrustMode (0 machine trust, 1 exclusive root, 2 exclusive CA);
 * 0 when absent.  *where as above.
 */
uint32_t schannel_client_auth_trust_mode(const struct model *m, const struct reg_value **where);

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

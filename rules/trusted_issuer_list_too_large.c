/*
 * SCL004 trusted-issuer-list-too-large: the trusted issuer list SCHANNEL
 * would send for a binding is more than 16 KB of encoded subject names:
 * SCHANNEL truncates it (event 36885), and clients whose issuer is cut
 * off offer no certificate (KB 2801679: Windows Server 2008, 2008 R2 and
 * 2012).
 *
 * The list comes from the store Windows really uses (binding_issuer_source):
 * the binding's CTL store when it holds certificates, else
 * ClientAuthIssuer when it does, else Trusted Root; from a Root store
 * that mixes self-signed and CA certificates only the self-signed ones
 * count ("What's New in TLS/SSL (Schannel SSP)"; that page's sentence is
 * ambiguous, and counting only the roots gives the smaller size).
 *
 * It matters when the list is sent (SendTrustedIssuerList), and on
 * Windows Server 2012 itself (build 9200) for a Root list whatever
 * SendTrustedIssuerList says (KB 2880390).  Only bindings that ask for
 * client certificates count (a warning), or where nothing tells (a
 * note); a binding whose CTL store was not dumped is left to SCL015.
 * One finding per store used, with the bindings that send it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rule.h"

/* The most SCHANNEL sends; a longer list is truncated (SCHANNEL event 36885). */
#define ISSUER_LIST_LIMIT 16384
/* Bindings listed as related locations of one finding. */
#define MAX_RELATED_BINDINGS 10

/* Windows Server 2012 (KB 2880390: the Root list breaks even when it is not sent). */
#define BUILD_2012 9200

struct list_use {
	const struct cert_store *store;
	size_t size, nr_estimated, nr_counted;
	size_t nr_bindings;
	enum severity level;     /* the highest of its bindings */
	const struct httpsys_binding *bindings[MAX_RELATED_BINDINGS + 1];
	struct issuer_source src[MAX_RELATED_BINDINGS + 1];
};

/*
 * Bytes a subject name takes in the list: its DER and a two-byte length.
 * Without the DER, estimated from the text: per RDN about 11 bytes of
 * tags, lengths and attribute OID around the value.
 */
static size_t subject_size(const struct cert *c, int *estimated)
{
	if (c->subject_der_len) {
		*estimated = 0;
		return c->subject_der_len + 2;
	}
	*estimated = 1;
	const char *s = c->subject ? c->subject : "";
	size_t rdns = *s ? 1 : 0;
	int quoted = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == ',' && !quoted)
			rdns++;
	}
	return strlen(s) + 11 * rdns + 2 + 2;
}

/* Whether c goes into a list from store s: from a mixed Root store only the self-signed ones. */
static int in_list(const struct cert_store *s, const struct cert *c, int root_mixed)
{
	return !root_mixed || strcmp(s->name, "Root") || c->self_signed != 0;
}

static int root_is_mixed(const struct cert_store *s)
{
	int roots = 0, others = 0;
	if (strcmp(s->name, "Root"))
		return 0;
	for (const struct cert *c = s->certs; c; c = c->next) {
		roots |= c->self_signed != 0;
		others |= c->self_signed == 0;
	}
	return roots && others;
}

/* Counts binding b as sending store src->store's list; -1 when out of memory. */
static int use_store(struct list_use **uses, size_t *nr, size_t *alloc,
		     const struct issuer_source *src, const struct httpsys_binding *b,
		     enum severity level)
{
	const struct cert_store *s = src->store;
	struct list_use *u = NULL;
	for (size_t i = 0; i < *nr; i++)
		if ((*uses)[i].store == s)
			u = &(*uses)[i];
	if (!u) {
		if (*nr == *alloc) {
			size_t n = *alloc ? 2 * *alloc : 4;
			struct list_use *grown = realloc(*uses, n * sizeof(*grown));
			if (!grown)
				return -1;
			*uses = grown;
			*alloc = n;
		}
		u = &(*uses)[(*nr)++];
		memset(u, 0, sizeof(*u));
		u->store = s;
		int mixed = root_is_mixed(s);
		for (const struct cert *c = s->certs; c; c = c->next) {
			int estimated;
			if (!in_list(s, c, mixed))
				continue;
			u->size += subject_size(c, &estimated);
			u->nr_estimated += (size_t)estimated;
			u->nr_counted++;
		}
	}
	if (u->nr_bindings <= MAX_RELATED_BINDINGS) {
		u->bindings[u->nr_bindings] = b;
		u->src[u->nr_bindings] = *src;
	}
	if (level > u->level)
		u->level = level;
	u->nr_bindings++;
	return 0;
}

/* Why binding b sends store s, as a related message. */
static void add_binding(const struct model *m, struct diag_list *out, struct diag *d,
			const struct httpsys_binding *b, const struct issuer_source *src)
{
	const char *s = src->store->name;
	const struct cert_store *cai = model_find_store(m, "ClientAuthIssuer");
	int ctl_is_cai = src->ctl && !strcasecmp(src->ctl->str, "ClientAuthIssuer");
	const char *cai_words = !strcmp(s, "ClientAuthIssuer") || ctl_is_cai ? "" :
		cai ? ", ClientAuthIssuer is empty" : ", the dumps hold no ClientAuthIssuer store";
	if (src->ctl && !src->fell_back)
		diag_add_related(out, d, &src->ctl->loc, "%s names it as its Ctl Store Name",
				 b->endpoint);
	else if (src->ctl)
		diag_add_related(out, d, &src->ctl->loc,
				 "%s names CTL store '%s', which is empty%s, so SCHANNEL sends store '%s'",
				 b->endpoint, src->ctl->str, cai_words, s);
	else
		diag_add_related(out, d, &b->loc,
				 "%s names no Ctl Store Name%s, so SCHANNEL sends store '%s'",
				 b->endpoint, cai_words, s);
}

static void report(const struct model *m, struct diag_list *out, const struct list_use *u,
		   const struct reg_value *sti, int sends)
{
	const struct cert_store *s = u->store;
	const char *more = u->nr_bindings == 1 ? "" :
		arena_strfmt(&out->arena, " and %zu more binding%s", u->nr_bindings - 1,
			     u->nr_bindings == 2 ? "" : "s");
	const char *counted = u->nr_counted == s->nr_certs ? "" :
		arena_strfmt(&out->arena, " of %zu; the store mixes self-signed and CA "
			     "certificates, and only the self-signed ones are sent", s->nr_certs);
	const char *size = u->nr_estimated ?
		arena_strfmt(&out->arena, "an estimated %zu bytes (%zu certificates%s; "
			     "%zu without RawData, sized from their subject text)",
			     u->size, u->nr_counted, counted, u->nr_estimated) :
		arena_strfmt(&out->arena, "%zu bytes (%zu certificates%s)", u->size, u->nr_counted,
			     counted);
	const char *key = arena_strfmt(&out->arena, "store:%s", s->name);
	struct diag *d;
	if (sends)
		d = diag_emit(out, u->level, &s->loc, key,
			"client certificate logon to %s%s can fail: "
			"the trusted issuer list SCHANNEL sends from store '%s' is %s, over its %d-byte "
			"limit, so SCHANNEL cuts the list short (event 36885) and clients whose issuer "
			"is cut off offer no certificate",
			u->bindings[0]->endpoint, more, s->name, size, ISSUER_LIST_LIMIT);
	else
		d = diag_emit(out, u->level, &s->loc, key,
			"client certificate logon to %s%s fails on Windows Server 2012: "
			"the trusted issuer list from store '%s' is %s, over the %d-byte limit, and "
			"on this build that breaks client authentication even though the list is "
			"not sent (KB 2880390)",
			u->bindings[0]->endpoint, more, s->name, size, ISSUER_LIST_LIMIT);
	if (sti)
		diag_add_related(out, d, &sti->loc, "SendTrustedIssuerList=%u is set here",
				 sends ? 1u : 0u);
	else if (sends)
		diag_add_related(out, d, &m->manifest.build_loc,
				 "SendTrustedIssuerList is absent: build %u sends the list by default",
				 (unsigned)m->manifest.build);
	else
		diag_add_related(out, d, &m->manifest.build_loc, "the server is build %u",
				 (unsigned)m->manifest.build);
	size_t shown = u->nr_bindings < MAX_RELATED_BINDINGS ? u->nr_bindings : MAX_RELATED_BINDINGS;
	for (size_t i = 0; i < shown; i++)
		add_binding(m, out, d, u->bindings[i], &u->src[i]);
	if (u->nr_bindings > shown) {
		const struct httpsys_binding *b = u->bindings[shown];
		diag_add_related(out, d, &b->loc, "and %zu more binding%s, starting with %s",
				 u->nr_bindings - shown, u->nr_bindings - shown == 1 ? "" : "s",
				 b->endpoint);
	}
	if (sends)
		diag_set_fix(out, d, FIX_SHELL_ANY,
			     "reg add \"%s\" /v SendTrustedIssuerList /t REG_DWORD /d 0 /f",
			     SCHANNEL_KEY);
	else
		/* a ClientAuthIssuer store with certificates replaces Root as the source */
		diag_set_fix(out, d, FIX_SHELL_POWERSHELL,
			     "Import-Certificate -FilePath <issuing-ca.cer> "
			     "-CertStoreLocation Cert:\\LocalMachine\\ClientAuthIssuer");
}

static int check_trusted_issuer_list_too_large(const struct model *m, struct diag_list *out)
{
	const struct reg_value *sti;
	int sends = schannel_sends_issuer_list(m, &sti);
	if (!sends && m->manifest.build != BUILD_2012)
		return 0;

	struct list_use *uses = NULL;
	size_t nr = 0, alloc = 0;
	int rc = 0;
	for (const struct httpsys_binding *b = m->bindings; b && !rc; b = b->next) {
		struct issuer_source src;
		enum cert_use use = b->client_certs.use;
		if (use == CERT_USE_NONE || !binding_issuer_source(m, b, &src))
			continue;       /* nothing asks, or the snapshot cannot tell */
		if (!sends && strcmp(src.store->name, "Root"))
			continue;       /* KB 2880390 concerns the Root list */
		rc = use_store(&uses, &nr, &alloc, &src, b,
			       use == CERT_USE_UNKNOWN ? SEV_NOTE : SEV_WARNING);
	}
	for (size_t i = 0; i < nr && !rc; i++)
		if (uses[i].size > ISSUER_LIST_LIMIT)
			report(m, out, &uses[i], sti, sends);
	free(uses);
	return rc;
}

const struct rule rule_trusted_issuer_list_too_large = {
	.id = "SCL004",
	.name = "trusted-issuer-list-too-large",
	.summary = "the trusted issuer list SCHANNEL would send is more than 16 KB of encoded subject names",
	.level = SEV_WARNING,
	.needs = NEED_SCHANNEL | NEED_CERTS | NEED_BINDINGS,
	.check = check_trusted_issuer_list_too_large,
};

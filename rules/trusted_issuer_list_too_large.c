/*
 * SCL004 trusted-issuer-list-too-large: SCHANNEL sends the trusted issuer
 * list, and the list it would send for a binding is more than 16 KB of
 * encoded subject names: SCHANNEL truncates it, and clients whose issuer
 * is cut off offer no certificate.
 *
 * The list a binding sends (the order SCHANNEL follows since Windows
 * Server 2012): the store its Ctl Store Name names; else the
 * ClientAuthIssuer store when it holds certificates; else Trusted Root.
 * A binding whose CTL store was not dumped is skipped (SCL015 reports
 * it), and so is one whose list would come from a store the snapshot
 * lacks.  One finding per store used, with the bindings that send it.
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"

/* The most SCHANNEL sends; a longer list is truncated (SCHANNEL event 36885). */
#define ISSUER_LIST_LIMIT 16384
/* Bindings listed as related locations of one finding. */
#define MAX_RELATED_BINDINGS 10

struct list_use {
	const struct cert_store *store;
	size_t size, nr_estimated;
	size_t nr_bindings;
	const struct httpsys_binding *bindings[MAX_RELATED_BINDINGS + 1];
	const struct bfield *ctl[MAX_RELATED_BINDINGS + 1];   /* the Ctl Store Name, or NULL */
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

/* The store whose certificates binding b sends, or NULL when the snapshot cannot tell. */
static const struct cert_store *list_store(const struct model *m, const struct httpsys_binding *b,
					   const struct bfield **ctl_used)
{
	const struct bfield *ctl = binding_get(b, BF_CTL_STORE);
	*ctl_used = NULL;
	if (ctl && !ctl->valid)
		return NULL;
	if (ctl && ctl->str) {
		*ctl_used = ctl;
		return model_find_store(m, ctl->str);
	}
	const struct cert_store *cai = model_find_store(m, "ClientAuthIssuer");
	if (cai && cai->nr_certs)
		return cai;
	return model_find_store(m, "Root");
}

/* Counts binding b as sending store s's list; -1 when out of memory. */
static int use_store(struct list_use **uses, size_t *nr, size_t *alloc,
		     const struct cert_store *s, const struct httpsys_binding *b,
		     const struct bfield *ctl)
{
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
		for (const struct cert *c = s->certs; c; c = c->next) {
			int estimated;
			u->size += subject_size(c, &estimated);
			u->nr_estimated += (size_t)estimated;
		}
	}
	if (u->nr_bindings <= MAX_RELATED_BINDINGS) {
		u->bindings[u->nr_bindings] = b;
		u->ctl[u->nr_bindings] = ctl;
	}
	u->nr_bindings++;
	return 0;
}

static void report(const struct model *m, struct diag_list *out, const struct list_use *u,
		   const struct reg_value *sti)
{
	const struct cert_store *s = u->store;
	const char *more = u->nr_bindings == 1 ? "" :
		arena_strfmt(&out->arena, " and %zu more binding%s", u->nr_bindings - 1,
			     u->nr_bindings == 2 ? "" : "s");
	const char *size = u->nr_estimated ?
		arena_strfmt(&out->arena, "an estimated %zu bytes (%zu certificates; "
			     "%zu without RawData, sized from their subject text)",
			     u->size, s->nr_certs, u->nr_estimated) :
		arena_strfmt(&out->arena, "%zu bytes (%zu certificates)", u->size, s->nr_certs);
	const char *key = arena_strfmt(&out->arena, "store:%s", s->name);
	struct diag *d = diag_emit(out, SEV_WARNING, &s->loc, key,
		"client certificate logon to %s%s can fail: "
		"the trusted issuer list SCHANNEL sends from store '%s' is %s, over its %d-byte limit, "
		"so SCHANNEL cuts the list short (event 36885) and clients whose issuer is cut off "
		"offer no certificate",
		u->bindings[0]->endpoint, more, s->name, size, ISSUER_LIST_LIMIT);
	if (sti)
		diag_add_related(out, d, &sti->loc, "SendTrustedIssuerList=1 is set here");
	else
		diag_add_related(out, d, &m->manifest.loc,
				 "SendTrustedIssuerList is absent: build %u sends the list by default",
				 (unsigned)m->manifest.build);
	size_t shown = u->nr_bindings < MAX_RELATED_BINDINGS ? u->nr_bindings : MAX_RELATED_BINDINGS;
	for (size_t i = 0; i < shown; i++) {
		const struct httpsys_binding *b = u->bindings[i];
		if (u->ctl[i])
			diag_add_related(out, d, &u->ctl[i]->loc,
					 "%s names it as its Ctl Store Name", b->endpoint);
		else
			diag_add_related(out, d, &b->loc,
					 "%s names no Ctl Store Name, so SCHANNEL sends store '%s'",
					 b->endpoint, s->name);
	}
	if (u->nr_bindings > shown) {
		const struct httpsys_binding *b = u->bindings[shown];
		diag_add_related(out, d, &b->loc, "and %zu more binding%s, starting with %s",
				 u->nr_bindings - shown, u->nr_bindings - shown == 1 ? "" : "s",
				 b->endpoint);
	}
	diag_set_fix(out, d, "reg add \"%s\" /v SendTrustedIssuerList /t REG_DWORD /d 0 /f",
		     SCHANNEL_KEY);
}

static int check_trusted_issuer_list_too_large(const struct model *m, struct diag_list *out)
{
	const struct reg_value *sti;
	if (!schannel_sends_issuer_list(m, &sti))
		return 0;

	struct list_use *uses = NULL;
	size_t nr = 0, alloc = 0;
	int rc = 0;
	for (const struct httpsys_binding *b = m->bindings; b && !rc; b = b->next) {
		const struct bfield *ctl;
		const struct cert_store *s = list_store(m, b, &ctl);
		if (s)
			rc = use_store(&uses, &nr, &alloc, s, b, ctl);
	}
	for (size_t i = 0; i < nr && !rc; i++)
		if (uses[i].size > ISSUER_LIST_LIMIT)
			report(m, out, &uses[i], sti);
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

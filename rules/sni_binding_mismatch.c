/*
 * SCL002 sni-binding-mismatch: one IIS site is reached through several
 * HTTP.sys bindings (an SNI hostname:port and an IP:port one, or a
 * specific IP and 0.0.0.0) whose client-certificate settings differ, so
 * client certificate logon works on one address and fails on the other —
 * typically when the Ctl Store Name was set on one binding only.
 *
 * For each setting the stricter value among the site's bindings is the
 * target (a CTL store over none, negotiation and revocation checking
 * over none, online over cached-only revocation...), and every binding
 * that falls short gets a finding whose fix raises it to the target:
 * the fix never copies the weaker setting (never
 * verifyclientcertrevocation=disable).
 *
 * Level: error when the site uses client certificates (its <access
 * sslFlags>, or a binding that negotiates or maps them); warning when
 * its <access> could not be read; note when it uses none, as the
 * difference then changes nothing until client certificates are turned on.
 */
#include <stdlib.h>
#include <strings.h>

#include "rule.h"

/* The settings that decide how a client certificate is asked for and checked. */
static const enum bfield_id compared[] = {
	BF_CTL_STORE, BF_CTL_ID, BF_NEGOTIATE_CLIENT_CERT, BF_DS_MAPPER, BF_VERIFY_REVOCATION,
	BF_REVOCATION_CACHED_ONLY, BF_REVOCATION_FRESHNESS, BF_URL_TIMEOUT,
};
#define NR_COMPARED (sizeof(compared) / sizeof(*compared))

static const struct bfield *usable(const struct httpsys_binding *b, enum bfield_id id)
{
	const struct bfield *f = binding_get(b, id);
	return f && f->valid ? f : NULL;
}

static int same(enum bfield_id id, const struct bfield *a, const struct bfield *b)
{
	switch (bfield_table[id].kind) {
	case BFK_U32:
	case BFK_BOOL:
		return a->num == b->num;
	default:
		if (!a->str || !b->str)
			return a->str == b->str;
		return strcasecmp(a->str, b->str) == 0;
	}
}

/*
 * Whether a is stricter than b: names a CTL store (identifier) where b
 * names none; negotiates, maps or checks revocation where b does not;
 * checks revocation online where b uses the cache only; fetches a fresh
 * CRL sooner (0 means only when the old one expires); waits longer for a
 * CRL download.  Two different store names are equally strict.
 */
static int stricter(enum bfield_id id, const struct bfield *a, const struct bfield *b)
{
	switch (id) {
	case BF_CTL_STORE:
	case BF_CTL_ID:
		return a->str && !b->str;
	case BF_REVOCATION_CACHED_ONLY:
		return !a->num && b->num;
	case BF_REVOCATION_FRESHNESS:
		return a->num && (!b->num || a->num < b->num);
	default:
		return a->num > b->num;
	}
}

static const char *shown(const struct bfield *f)
{
	return f->text ? f->text : f->str ? f->str : "(null)";
}

/* The netsh parameter value that gives a field the target's value. */
static const char *param_value(struct diag_list *out, enum bfield_id id, const struct bfield *f)
{
	switch (bfield_table[id].kind) {
	case BFK_BOOL:
		return f->num ? "enable" : "disable";
	case BFK_U32:
		return arena_strfmt(&out->arena, "%u", (unsigned)f->num);
	default:
		return f->str;
	}
}

struct site_bindings {
	const struct iis_binding **via;     /* the IIS binding that first reaches each */
	size_t nr, alloc;
	struct strmap seen;                 /* HTTP.sys binding key -> itself */
	/* per compared setting: the binding holding the strictest value, or none */
	const struct iis_binding *target[NR_COMPARED];
};

/* The distinct HTTP.sys bindings serving s, in IIS's order; -1 when out of memory. */
static int collect(const struct iis_site *s, struct site_bindings *sb)
{
	sb->nr = 0;
	strmap_release(&sb->seen);     /* _release leaves it empty and usable */
	for (const struct iis_binding *ib = s->bindings; ib; ib = ib->next) {
		if (!ib->httpsys || strmap_get(&sb->seen, ib->httpsys->key))
			continue;
		strmap_put(&sb->seen, ib->httpsys->key, (void *)ib->httpsys);
		if (sb->nr == sb->alloc) {
			size_t n = sb->alloc ? 2 * sb->alloc : 8;
			const struct iis_binding **grown = realloc(sb->via, n * sizeof(*grown));
			if (!grown)
				return -1;
			sb->via = grown;
			sb->alloc = n;
		}
		sb->via[sb->nr++] = ib;
	}
	for (size_t i = 0; i < NR_COMPARED; i++) {
		sb->target[i] = NULL;
		for (size_t k = 0; k < sb->nr; k++) {
			const struct bfield *f = usable(sb->via[k]->httpsys, compared[i]);
			const struct bfield *t = sb->target[i] ?
				usable(sb->target[i]->httpsys, compared[i]) : NULL;
			if (f && (!t || stricter(compared[i], f, t)))
				sb->target[i] = sb->via[k];
		}
	}
	return 0;
}

/* How the site uses client certificates, with its bindings' own settings. */
static enum severity level_of(const struct iis_site *s, const struct site_bindings *sb)
{
	int flags = site_client_cert_flags(s, NULL);
	if (flags > 0)
		return SEV_ERROR;
	for (size_t k = 0; k < sb->nr; k++) {
		const struct client_cert_use *u = &sb->via[k]->httpsys->client_certs;
		if (u->negotiate || u->ds_mapper)
			return SEV_ERROR;
	}
	return flags < 0 ? SEV_WARNING : SEV_NOTE;
}

/* What the difference means for site s, in the message's words. */
static const char *consequence(struct diag_list *out, enum severity level, const struct iis_site *s)
{
	if (level == SEV_ERROR)
		return arena_strfmt(&out->arena, "client certificate logon to site \"%s\" depends "
				    "on which binding the client reaches (by the host name it sends "
				    "with SNI, or by address)", s->name);
	if (level == SEV_WARNING)
		return arena_strfmt(&out->arena, "client certificate logon to site \"%s\" may "
				    "depend on which binding the client reaches (by the host name it "
				    "sends with SNI, or by address)", s->name);
	return arena_strfmt(&out->arena, "site \"%s\" uses no client certificates today, but "
			    "its bindings would treat them differently", s->name);
}

static void check_binding(const struct iis_site *s, const struct site_bindings *sb, size_t k,
			  enum severity level, struct diag_list *out)
{
	const struct iis_binding *ib = sb->via[k];
	const struct httpsys_binding *b = ib->httpsys;
	const char *values[BF__COUNT] = { 0 };
	const char *what = NULL;
	const struct iis_binding *there = NULL;

	for (size_t i = 0; i < NR_COMPARED; i++) {
		enum bfield_id id = compared[i];
		const struct iis_binding *t = sb->target[i];
		const struct bfield *mine = usable(b, id);
		if (!t || t == ib || !mine)
			continue;
		const struct bfield *theirs = usable(t->httpsys, id);
		/* two different CTL stores are equally strict: the first one is the target */
		if (same(id, mine, theirs) || stricter(id, mine, theirs))
			continue;
		values[id] = param_value(out, id, theirs);
		if (!there)
			there = t;
		what = arena_strfmt(&out->arena, "%s%s%s ('%s' here, '%s' on %s)",
				    what ? what : "", what ? ", " : "",
				    bfield_table[id].label, shown(mine), shown(theirs),
				    t->httpsys->endpoint);
	}
	if (!what)
		return;
	const char *key = arena_strfmt(&out->arena, "site:%s/%s", s->name, b->key);
	struct diag *d = diag_emit(out, level, &b->loc, key,
		"%s: HTTP.sys binding %s differs from %s, which serves the same site, in %s",
		consequence(out, level, s), b->endpoint, there->httpsys->endpoint, what);
	diag_add_related(out, d, &ib->loc, "IIS binding '%s' of site \"%s\" uses %s",
			 ib->information, s->name, b->endpoint);
	diag_add_related(out, d, &there->loc, "IIS binding '%s' of site \"%s\" uses %s",
			 there->information, s->name, there->httpsys->endpoint);
	for (size_t i = 0; i < NR_COMPARED; i++) {
		enum bfield_id id = compared[i];
		if (values[id])
			diag_add_related(out, d, &usable(sb->target[i]->httpsys, id)->loc,
					 "%s is '%s' on %s", bfield_table[id].label,
					 shown(usable(sb->target[i]->httpsys, id)),
					 sb->target[i]->httpsys->endpoint);
	}
	fix_binding_update(out, d, b, values);
}

static int check_sni_binding_mismatch(const struct model *m, struct diag_list *out)
{
	struct site_bindings sb = { .seen = STRMAP_INIT };
	int rc = 0;
	for (const struct iis_site *s = m->sites; s && !rc; s = s->next) {
		rc = collect(s, &sb);
		if (rc || sb.nr < 2)
			continue;
		enum severity level = level_of(s, &sb);
		for (size_t k = 0; k < sb.nr; k++)
			check_binding(s, &sb, k, level, out);
	}
	free(sb.via);
	strmap_release(&sb.seen);
	return rc;
}

const struct rule rule_sni_binding_mismatch = {
	.id = "SCL002",
	.name = "sni-binding-mismatch",
	.summary = "HTTP.sys bindings serving one IIS site differ in client-certificate settings",
	.level = SEV_ERROR,
	.needs = NEED_IIS | NEED_BINDINGS,
	.check = check_sni_binding_mismatch,
};

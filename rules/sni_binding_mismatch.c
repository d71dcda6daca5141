/*
 * SCL002 sni-binding-mismatch: one IIS site is reached through several
 * HTTP.sys bindings (an SNI hostname:port and an IP:port one, or a
 * specific IP and 0.0.0.0) whose client-certificate settings differ, so
 * client certificate logon works on one address and fails on the other —
 * typically when the Ctl Store Name was set on one binding only.
 */
#include <strings.h>

#include "rule.h"

/* The settings that decide how a client certificate is asked for and checked. */
static const enum bfield_id compared[] = {
	BF_CTL_STORE, BF_CTL_ID, BF_NEGOTIATE_CLIENT_CERT, BF_VERIFY_REVOCATION,
	BF_REVOCATION_CACHED_ONLY, BF_REVOCATION_FRESHNESS, BF_URL_TIMEOUT,
};
#define NR_COMPARED (sizeof(compared) / sizeof(*compared))

static const struct bfield *usable(const struct httpsys_binding *b, enum bfield_id id)
{
	const struct bfield *f = binding_get(b, id);
	return f && f->valid ? f : NULL;
}

static int differ(enum bfield_id id, const struct bfield *a, const struct bfield *b)
{
	switch (bfield_table[id].kind) {
	case BFK_U32:
	case BFK_BOOL:
		return a->num != b->num;
	default:
		if (!a->str || !b->str)
			return a->str != b->str;
		return strcasecmp(a->str, b->str) != 0;
	}
}

static const char *shown(const struct bfield *f)
{
	return f->text ? f->text : f->str ? f->str : "(null)";
}

/* The netsh parameter value that gives field id the reference's value. */
static const char *param_value(struct diag_list *out, enum bfield_id id, const struct bfield *f)
{
	switch (bfield_table[id].kind) {
	case BFK_BOOL:
		return f->num ? "enable" : "disable";
	case BFK_U32:
		return arena_strfmt(&out->arena, "%u", (unsigned)f->num);
	default:
		return f->str ? f->str : "";
	}
}

/* The binding the others are compared with: one that names a CTL store, else the first. */
static const struct iis_binding *reference_of(const struct iis_site *s)
{
	const struct iis_binding *first = NULL;
	for (const struct iis_binding *b = s->bindings; b; b = b->next) {
		if (!b->httpsys)
			continue;
		const struct bfield *ctl = usable(b->httpsys, BF_CTL_STORE);
		if (ctl && ctl->str)
			return b;
		if (!first)
			first = b;
	}
	return first;
}

static void check_site(const struct iis_site *s, struct diag_list *out)
{
	const struct iis_binding *ref = reference_of(s);
	struct strmap seen = STRMAP_INIT;
	if (!ref)
		return;
	strmap_put(&seen, ref->httpsys->key, (void *)ref);

	for (const struct iis_binding *ib = s->bindings; ib; ib = ib->next) {
		const struct httpsys_binding *b = ib->httpsys;
		if (!b || strmap_get(&seen, b->key))
			continue;
		strmap_put(&seen, b->key, (void *)ib);

		const char *values[BF__COUNT] = { 0 };
		const char *what = NULL;
		for (size_t i = 0; i < NR_COMPARED; i++) {
			enum bfield_id id = compared[i];
			const struct bfield *mine = usable(b, id), *theirs = usable(ref->httpsys, id);
			if (!mine || !theirs || !differ(id, mine, theirs))
				continue;
			values[id] = param_value(out, id, theirs);
			what = arena_strfmt(&out->arena, "%s%s%s ('%s' here, '%s' there)",
					    what ? what : "", what ? ", " : "",
					    bfield_table[id].label, shown(mine), shown(theirs));
		}
		if (!what)
			continue;
		const char *key = arena_strfmt(&out->arena, "site:%s/%s", s->name, b->key);
		struct diag *d = diag_emit(out, SEV_ERROR, &b->loc, key,
			"client certificate logon to site \"%s\" depends on the address the client uses: "
			"HTTP.sys binding %s differs from %s, which serves the same site, in %s",
			s->name, b->endpoint, ref->httpsys->endpoint, what);
		diag_add_related(out, d, &ib->loc, "IIS binding '%s' of site \"%s\" uses %s",
				 ib->information, s->name, b->endpoint);
		diag_add_related(out, d, &ref->loc, "IIS binding '%s' of site \"%s\" uses %s",
				 ref->information, s->name, ref->httpsys->endpoint);
		for (size_t i = 0; i < NR_COMPARED; i++) {
			enum bfield_id id = compared[i];
			if (values[id])
				diag_add_related(out, d, &usable(ref->httpsys, id)->loc,
						 "%s is '%s' on %s", bfield_table[id].label,
						 shown(usable(ref->httpsys, id)), ref->httpsys->endpoint);
		}
		diag_set_fix(out, d, "%s", binding_update_command_n(out, b, values));
	}
	strmap_release(&seen);
}

static int check_sni_binding_mismatch(const struct model *m, struct diag_list *out)
{
	for (const struct iis_site *s = m->sites; s; s = s->next)
		check_site(s, out);
	return 0;
}

const struct rule rule_sni_binding_mismatch = {
	.id = "SCL002",
	.name = "sni-binding-mismatch",
	.summary = "HTTP.sys bindings serving one IIS site differ in client-certificate settings",
	.level = SEV_ERROR,
	.needs = NEED_IIS | NEED_BINDINGS,
	.check = check_sni_binding_mismatch,
};

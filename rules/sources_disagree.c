/*
 * SCL014 sources-disagree: the netsh text and the registry export of one
 * server describe one HTTP.sys binding differently.  The two were taken
 * at different times, or one was edited by hand: either way the snapshot
 * does not show one state, and findings drawn from it may not hold.
 */
#include <strings.h>

#include "rule.h"

static int same_value(enum bfield_kind kind, const struct bfield *a, const struct bfield *b)
{
	switch (kind) {
	case BFK_U32:
	case BFK_BOOL:
		return a->num == b->num;
	default:
		if (!a->str || !b->str)
			return a->str == b->str;
		return !strcasecmp(a->str, b->str);
	}
}

/* A field's value in netsh's words, whichever source stated it. */
static const char *shown(struct diag_list *out, enum bfield_kind kind, const struct bfield *f)
{
	switch (kind) {
	case BFK_BOOL:
		return f->num ? "Enabled" : "Disabled";
	case BFK_U32:
		return arena_strfmt(&out->arena, "%u", (unsigned)f->num);
	default:
		return f->str ? f->str : "(null)";
	}
}

static void compare_views(const struct httpsys_binding *b, struct diag_list *out)
{
	for (int id = 0; id < BF__COUNT; id++) {
		const struct bfield *n = &b->netsh->f[id], *r = &b->reg->f[id];
		const struct bfield_info *info = &bfield_table[id];
		if (!n->stated || !r->stated || !n->valid || !r->valid ||
		    same_value(info->kind, n, r))
			continue;
		const char *key = arena_strfmt(&out->arena, "%s/%s", b->key, info->label);
		struct diag *d = diag_emit(out, SEV_WARNING, &n->loc, key,
					   "the netsh output and the registry export disagree on %s of %s: "
					   "netsh shows '%s', the registry has '%s'; "
					   "export both again at the same time",
					   info->label, b->endpoint, shown(out, info->kind, n),
					   shown(out, info->kind, r));
		diag_add_related(out, d, &r->loc, "the registry export has %s %s here",
				 info->regname, r->text ? r->text : "");
	}
}

static int check_sources_disagree(const struct model *m, struct diag_list *out)
{
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		if (b->netsh && b->reg) {
			compare_views(b, out);
		} else if (b->netsh) {
			diag_emit(out, SEV_WARNING, &b->netsh->loc, b->key,
				  "the netsh output lists %s, but the registry export has no key for it; "
				  "export both again at the same time",
				  b->endpoint);
		} else {
			diag_emit(out, SEV_WARNING, &b->reg->loc, b->key,
				  "the registry export has a key for %s, but the netsh output does not list it; "
				  "export both again at the same time",
				  b->endpoint);
		}
	}
	return 0;
}

const struct rule rule_sources_disagree = {
	.id = "SCL014",
	.name = "sources-disagree",
	.summary = "the netsh text and the registry export describe one binding differently",
	.level = SEV_WARNING,
	.needs = NEED_NETSH | NEED_REG_BINDINGS,
	.check = check_sources_disagree,
};

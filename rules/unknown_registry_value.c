/*
 * SCL024 unknown-registry-value: a value under SCHANNEL or under an
 * HTTP.sys binding key whose name Windows does not read — a typo such as
 * SendTrusterIssuerList, which Windows ignores without a word, so the
 * setting the administrator meant is not in force.
 *
 * Keys checked: SCHANNEL itself, Protocols\<P>\Server|Client, Ciphers\<C>,
 * Hashes\<H>, KeyExchangeAlgorithms\<K> (names in
 * unknown_registry_value.def), and SslBindingInfo\*, SslSniBindingInfo\*,
 * SslCcsBindingInfo\* (names in binding_fields.def, which the registry
 * parser keeps the others of as unknown fields).  Names compare
 * case-insensitively, as the registry does.  The closest known name within
 * an edit distance of 2 (a transposition counts 1) makes a warning that
 * names it; a name close to none is a note, since Windows may read values
 * Microsoft does not document.  Deleted values ("name"=-) are not checked.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "rule.h"

enum scope { SCOPE_ROOT, SCOPE_PROTOCOL, SCOPE_CIPHER, SCOPE_HASH, SCOPE_KEYEX, SCOPE_BINDING };

static const struct {
	enum scope scope;
	const char *name;
} known[] = {
#define KNOWN(scope, name, source) { scope, name },
#include "unknown_registry_value.def"
#undef KNOWN
};

#define NAME_MAX_CMP 64

/* Optimal string alignment distance, ASCII case-insensitive; more than 3 is 3. */
static size_t distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	size_t d[NAME_MAX_CMP + 1][NAME_MAX_CMP + 1];

	if (n > NAME_MAX_CMP || m > NAME_MAX_CMP)
		return 3;
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
			size_t best = d[i - 1][j - 1] + !same;
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 &&
			    tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m] > 3 ? 3 : d[n][m];
}

/* Whether name is known in scope (0 distance); else *closest gets the nearest name. */
static int lookup(enum scope scope, const char *name, const char **closest, size_t *dist)
{
	*closest = NULL;
	*dist = 3;
	if (scope == SCOPE_BINDING) {
		for (size_t i = 0; i < BF__COUNT; i++) {
			size_t k = distance(name, bfield_table[i].regname);
			if (k < *dist) {
				*dist = k;
				*closest = bfield_table[i].regname;
			}
		}
	} else {
		for (size_t i = 0; i < sizeof(known) / sizeof(*known); i++) {
			if (known[i].scope != scope)
				continue;
			size_t k = distance(name, known[i].name);
			if (k < *dist) {
				*dist = k;
				*closest = known[i].name;
			}
		}
	}
	return *dist == 0;
}

/* The scope of a key under SCHANNEL ("" for the key itself), or -1 for one not checked. */
static int schannel_scope(const char *rest)
{
	static const struct {
		const char *prefix;
		enum scope scope;
	} subkeys[] = {
		{ "\\Ciphers\\", SCOPE_CIPHER },
		{ "\\Hashes\\", SCOPE_HASH },
		{ "\\KeyExchangeAlgorithms\\", SCOPE_KEYEX },
		{ "\\Protocols\\", SCOPE_PROTOCOL },
	};
	if (!*rest)
		return SCOPE_ROOT;
	for (size_t i = 0; i < sizeof(subkeys) / sizeof(*subkeys); i++) {
		size_t n = strlen(subkeys[i].prefix);
		if (strncasecmp(rest, subkeys[i].prefix, n))
			continue;
		const char *leaf = rest + n, *sep = strchr(leaf, '\\');
		if (!*leaf)
			return -1;
		if (subkeys[i].scope != SCOPE_PROTOCOL)
			return sep ? -1 : (int)subkeys[i].scope;
		/* Protocols\<P>\Server or \Client */
		if (!sep || (strcasecmp(sep, "\\Server") && strcasecmp(sep, "\\Client")))
			return -1;
		return SCOPE_PROTOCOL;
	}
	return -1;
}

static void report(struct diag_list *out, const struct srcloc *loc, const char *key,
		   const char *name, const char *where, enum scope scope)
{
	const char *closest;
	size_t dist;
	if (lookup(scope, name, &closest, &dist))
		return;
	if (closest && dist <= 2)
		diag_emit(out, SEV_WARNING, loc, key,
			  "Windows ignores value \"%s\" under %s: it reads no value of that name, "
			  "so the setting is not in force; did you mean \"%s\"?", name, where, closest);
	else
		diag_emit(out, SEV_NOTE, loc, key,
			  "value \"%s\" under %s is not one Microsoft documents for this key; "
			  "Windows likely ignores it", name, where);
}

static int check_unknown_registry_value(const struct model *m, struct diag_list *out)
{
	size_t root_len = strlen(SCHANNEL_KEY);

	for (const struct reg_value *v = m->reg_values; v; v = v->next) {
		if (v->deleted || !*v->name || strncasecmp(v->key, SCHANNEL_KEY, root_len) ||
		    (v->key[root_len] && v->key[root_len] != '\\'))
			continue;
		int scope = schannel_scope(v->key + root_len);
		if (scope < 0)
			continue;
		const char *where = scope == SCOPE_ROOT ? "SCHANNEL" :
			arena_strfmt(&out->arena, "SCHANNEL%s", v->key + root_len);
		report(out, &v->loc, arena_strfmt(&out->arena, "%s\\%s", v->key, v->name),
		       v->name, where, (enum scope)scope);
	}
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		if (!b->reg)
			continue;
		for (const struct extra_field *x = b->reg->extra; x; x = x->next) {
			if (!strcmp(x->label, "@"))
				continue;
			report(out, &x->loc, arena_strfmt(&out->arena, "%s/value:%s", b->key, x->label),
			       x->label, arena_strfmt(&out->arena, "the HTTP.sys binding key of %s",
						      b->endpoint), SCOPE_BINDING);
		}
	}
	return 0;
}

const struct rule rule_unknown_registry_value = {
	.id = "SCL024",
	.name = "unknown-registry-value",
	.summary = "a value under SCHANNEL or an HTTP.sys binding key has a name Windows does not read",
	.level = SEV_WARNING,
	.needs = 0,
	.check = check_unknown_registry_value,
};

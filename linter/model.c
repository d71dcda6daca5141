#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model_build.h"
#include "util.h"

const struct bfield_info bfield_table[BF__COUNT] = {
#define BFIELD(id, label, kind, regname, mask, inverted, param) \
	[BF_##id] = { label, kind, regname, mask, inverted, param },
#include "binding_fields.def"
#undef BFIELD
};

static const char *const input_kind_names[] = {
	[INPUT_UNKNOWN] = "unknown",
#define INPUT(ID, stem, rank, steps) [INPUT_##ID] = #stem,
#include "inputs.def"
};

const char *input_kind_name(enum input_kind kind)
{
	return input_kind_names[kind];
}

static const char *const skip_reason_names[] = {
	[SKIP_NONE] = "none",
	[SKIP_UNKNOWN_KIND] = "unknown-kind",
	[SKIP_SYMLINK] = "symlink",
	[SKIP_FIFO] = "fifo",
	[SKIP_SOCKET] = "socket",
	[SKIP_CHAR_DEVICE] = "character-device",
	[SKIP_BLOCK_DEVICE] = "block-device",
	[SKIP_OTHER] = "other",
};

const char *skip_reason_name(enum skip_reason reason)
{
	return skip_reason_names[reason];
}

void model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
	arena_init(&m->arena);
	m->bindings_tail = &m->bindings;
	m->reg_values_tail = &m->reg_values;
	m->sites_tail = &m->sites;
	m->locations_tail = &m->locations;
	m->stores_tail = &m->stores;
	m->suites_tail = &m->suites;
	strmap_init(&m->site_by_name);
	strmap_init(&m->store_by_name);
	strmap_init(&m->rule_params);
	strmap_init(&m->file_by_path);
	strmap_init(&m->binding_by_key);
	strmap_init(&m->reg_value_by_name);
	strmap_init(&m->reg_key_by_path);
	m->host.now = MODEL_INIT_NOW_UNSET;
}

void model_release(struct model *m)
{
	for (struct cert_store *s = m->stores; s; s = s->next)
		strmap_release(&s->by_thumbprint);
	strmap_release(&m->site_by_name);
	strmap_release(&m->store_by_name);
	strmap_release(&m->rule_params);
	strmap_release(&m->file_by_path);
	strmap_release(&m->binding_by_key);
	strmap_release(&m->reg_value_by_name);
	strmap_release(&m->reg_key_by_path);
	free(m->files);
	arena_release(&m->arena);
	model_init(m);
}

const char *model_intern_file(struct model *m, const char *path)
{
	const char *p = strmap_get(&m->file_by_path, path);
	if (!p) {
		p = arena_strdup(&m->arena, path);
		strmap_put(&m->file_by_path, p, (void *)p);
	}
	return p;
}

struct input_file *model_add_input(struct model *m, const char *path, enum input_kind kind)
{
	ALLOC_GROW(m->files, m->nr_files + 1, m->alloc_files);
	struct input_file *f = &m->files[m->nr_files++];
	memset(f, 0, sizeof(*f));
	f->path = model_intern_file(m, path);
	f->kind = kind;
	return f;
}

/* ---- endpoints ---- */

static int parse_port(const char *s, uint16_t *port)
{
	unsigned long v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 65535)
			return -1;
	}
	if (!v)
		return -1;
	*port = (uint16_t)v;
	return 0;
}

static char *lower_dup(struct arena *a, const char *s, size_t n)
{
	char *q = arena_strndup(a, s, n);
	for (char *p = q; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return q;
}

/*
 * A DNS host name as HTTP.sys keeps SNI bindings: labels of 1 to 63
 * letters, digits, '-' (not first or last) and '_', or UTF-8 (an IDN in
 * its Unicode form), separated by dots; "*" alone or as the first label
 * (wildcard and central certificate store bindings).  Nothing a shell
 * reads as syntax gets through.
 */
static int valid_host(const char *s, size_t n)
{
	size_t label = 0, total = 0;
	if (n == 1 && s[0] == '*')
		return 1;
	if (n > 2 && s[0] == '*' && s[1] == '.') {
		s += 2;
		n -= 2;
	}
	for (size_t i = 0; i <= n; i++, total++) {
		unsigned char c = i < n ? (unsigned char)s[i] : '.';
		if (c == '.') {
			if (!label || s[i - 1] == '-')
				return 0;
			label = 0;
		} else if (isalnum(c) || c == '_' || c >= 0x80 || (c == '-' && label)) {
			if (++label > 63 * 4)   /* 63 characters, each up to 4 UTF-8 bytes */
				return 0;
		} else {
			return 0;
		}
	}
	return total <= 253 * 4;
}

static int valid_address(enum endpoint_kind kind, const char *s, size_t n)
{
	if (!n)
		return 0;
	if (kind == EP_HOSTNAMEPORT)
		return valid_host(s, n);
	if (s[0] == '[') {
		/* hex digits and colons, an embedded IPv4, a zone id ("%12", "%eth0") */
		if (n < 3 || s[n - 1] != ']')
			return 0;
		for (size_t i = 1; i < n - 1; i++)
			if (!isxdigit((unsigned char)s[i]) && s[i] != ':' && s[i] != '.' && s[i] != '%' &&
			    !(memchr(s, '%', i) && isalnum((unsigned char)s[i])))
				return 0;
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != '.')
			return 0;
	return 1;
}

const char *endpoint_kind_param(enum endpoint_kind kind)
{
	switch (kind) {
	case EP_IPPORT:
		return "ipport";
	case EP_HOSTNAMEPORT:
		return "hostnameport";
	case EP_CCS:
		return "ccs";
	}
	BUG("bad endpoint kind");
}

static const char *endpoint_expected(enum endpoint_kind kind)
{
	switch (kind) {
	case EP_IPPORT:
		return "an address and port such as '0.0.0.0:443' or '[::]:443'";
	case EP_HOSTNAMEPORT:
		return "a host name and port such as 'www.example.org:443'";
	case EP_CCS:
		return "a port such as '443'";
	}
	BUG("bad endpoint kind");
}

static struct binding_view *new_view(struct model *m, enum origin origin,
				     const struct srcloc *loc)
{
	struct binding_view *v = arena_alloc(&m->arena, sizeof(*v));
	v->origin = origin;
	v->loc = *loc;
	v->extra_tail = &v->extra;
	return v;
}

struct binding_view *model_add_binding_view(struct model *m,
					    enum endpoint_kind kind,
					    const char *endpoint,
					    enum origin origin,
					    const struct srcloc *loc,
					    struct diag_list *diags,
					    const char *diag_id)
{
	const char *colon = strrchr(endpoint, ':');
	const char *portstr = colon ? colon + 1 : endpoint;
	size_t addrlen = colon ? (size_t)(colon - endpoint) : 0;
	uint16_t port;

	if (parse_port(portstr, &port) ||
	    (kind != EP_CCS && !valid_address(kind, endpoint, addrlen)) ||
	    (kind == EP_CCS && colon && !valid_address(EP_IPPORT, endpoint, addrlen))) {
		/* an excerpt: the value may be anything an attacker wrote */
		diag_input(diags, diag_id, SEV_ERROR, loc,
			   "malformed endpoint '%.*s%s': expected %s",
			   EXCERPT(endpoint), endpoint_expected(kind));
		return NULL;
	}

	const char *addr = kind == EP_CCS ? NULL : lower_dup(&m->arena, endpoint, addrlen);
	const char *key, *shown;
	if (kind == EP_CCS) {
		key = arena_strfmt(&m->arena, "ccs:%u", (unsigned)port);
		shown = arena_strfmt(&m->arena, "%u", (unsigned)port);
	} else {
		key = arena_strfmt(&m->arena, "%s:%s:%u", endpoint_kind_param(kind),
				   addr, (unsigned)port);
		shown = arena_strfmt(&m->arena, "%s:%u", addr, (unsigned)port);
	}

	struct httpsys_binding *b = strmap_get(&m->binding_by_key, key);
	if (!b) {
		b = arena_alloc(&m->arena, sizeof(*b));
		b->kind = kind;
		b->address = addr;
		b->port = port;
		b->key = key;
		b->endpoint = shown;
		b->loc = *loc;
		*m->bindings_tail = b;
		m->bindings_tail = &b->next;
		m->nr_bindings++;
		strmap_put(&m->binding_by_key, key, b);
	}

	struct binding_view **slot = origin == ORIGIN_NETSH ? &b->netsh : &b->reg;
	struct binding_view *v = new_view(m, origin, loc);
	if (*slot) {
		diag_input(diags, diag_id, SEV_WARNING, loc,
			   "binding '%s' is described twice; the first description, at line %u, is used",
			   shown, (unsigned)(*slot)->loc.line);
		return v;       /* detached: parsed, then dropped */
	}
	*slot = v;
	m->origins |= origin;
	if (origin == ORIGIN_NETSH)
		b->loc = *loc;
	return v;
}

void binding_view_set(struct model *m, struct binding_view *v,
		      enum bfield_id id, const struct srcloc *loc,
		      const char *text, const char *str, uint32_t num, int valid)
{
	struct bfield *f = &v->f[id];
	f->loc = *loc;
	f->text = text ? arena_strdup(&m->arena, text) : NULL;
	f->str = str ? arena_strdup(&m->arena, str) : NULL;
	f->num = num;
	f->stated = 1;
	f->valid = valid ? 1 : 0;
}

void binding_view_add_extra(struct model *m, struct binding_view *v,
			    const char *label, const char *value,
			    const struct srcloc *loc)
{
	struct extra_field *e = arena_alloc(&m->arena, sizeof(*e));
	e->label = arena_strdup(&m->arena, label);
	e->value = arena_strdup(&m->arena, value ? value : "");
	e->loc = *loc;
	*v->extra_tail = e;
	v->extra_tail = &e->next;
}

int bfield_by_label(const char *label)
{
	for (int i = 0; i < BF__COUNT; i++)
		if (str_ieq(label, bfield_table[i].label))
			return i;
	return -1;
}

int bfield_by_regname(const char *name)
{
	for (int i = 0; i < BF__COUNT; i++)
		if (str_ieq(name, bfield_table[i].regname))
			return i;
	return -1;
}

const struct httpsys_binding *model_find_binding(const struct model *m, const char *key)
{
	return strmap_get(&m->binding_by_key, key);
}

const struct bfield *binding_get(const struct httpsys_binding *b, enum bfield_id id)
{
	if (b->netsh && b->netsh->f[id].stated)
		return &b->netsh->f[id];
	if (b->reg && b->reg->f[id].stated)
		return &b->reg->f[id];
	return NULL;
}

int binding_has_appid(const struct httpsys_binding *b, const char *appid)
{
	const struct bfield *f = binding_get(b, BF_APPID);
	return f && f->valid && f->str && !strcmp(f->str, appid);
}

const char *binding_effective_store(const struct httpsys_binding *b)
{
	const struct bfield *f = binding_get(b, BF_CERT_STORE);
	return f && f->str ? f->str : "MY";
}

/* ---- registry ---- */

const struct reg_root reg_roots[REG_ROOTS_NR] = {
	{ "HKEY_LOCAL_MACHINE", "HKLM" },
	{ "HKEY_CURRENT_USER", "HKCU" },
	{ "HKEY_CLASSES_ROOT", "HKCR" },
	{ "HKEY_USERS", "HKU" },
	{ "HKEY_CURRENT_CONFIG", "HKCC" },
};

const char *reg_canonical_key(struct model *m, const char *key)
{
	size_t n = strlen(key);
	while (n && key[n - 1] == '\\')
		n--;
	char *buf = arena_alloc(&m->arena, n + sizeof("CurrentControlSet"));
	size_t o = 0, i = 0;

	for (size_t r = 0; r < REG_ROOTS_NR; r++) {
		size_t ln = strlen(reg_roots[r].longname);
		if (n >= ln && str_nieq(key, reg_roots[r].longname, ln) &&
		    (n == ln || key[ln] == '\\')) {
			o = strlen(reg_roots[r].shortname);
			memcpy(buf, reg_roots[r].shortname, o);
			i = ln;
			break;
		}
	}
	while (i < n) {
		/* one path component */
		size_t j = i;
		while (j < n && key[j] != '\\')
			j++;
		size_t len = j - i;
		if (len == 13 && str_nieq(key + i, "ControlSet", 10) &&
		    isdigit((unsigned char)key[i + 10]) &&
		    isdigit((unsigned char)key[i + 11]) &&
		    isdigit((unsigned char)key[i + 12])) {
			memcpy(buf + o, "CurrentControlSet", 17);
			o += 17;
		} else {
			memcpy(buf + o, key + i, len);
			o += len;
		}
		if (j < n)
			buf[o++] = '\\';
		i = j + 1;
	}
	buf[o] = '\0';
	return buf;
}

static const char *value_map_key(struct arena *a, const char *key, const char *name)
{
	char *k = arena_strfmt(a, "%s\n%s", key, name);
	for (char *p = k; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return k;
}

void model_add_reg_key(struct model *m, const char *key, const struct srcloc *loc)
{
	const char *k = lower_dup(&m->arena, key, strlen(key));
	if (strmap_get(&m->reg_key_by_path, k))
		return;
	struct reg_key *rk = arena_alloc(&m->arena, sizeof(*rk));
	rk->path = arena_strdup(&m->arena, key);
	rk->loc = *loc;
	strmap_put(&m->reg_key_by_path, k, rk);
}

void model_add_reg_value(struct model *m, const struct reg_value *v)
{
	struct reg_value *c = arena_alloc(&m->arena, sizeof(*c));
	*c = *v;
	c->key = arena_strdup(&m->arena, v->key);
	c->name = arena_strdup(&m->arena, v->name ? v->name : "");
	c->str = v->str ? arena_strdup(&m->arena, v->str) : NULL;
	c->bytes = v->len ? arena_memdup(&m->arena, v->bytes, v->len) : NULL;
	if (v->loc.path)
		c->loc.path = arena_strdup(&m->arena, v->loc.path);
	c->next = NULL;
	*m->reg_values_tail = c;
	m->reg_values_tail = &c->next;
	strmap_put(&m->reg_value_by_name, value_map_key(&m->arena, c->key, c->name), c);
}

/* Lower-cased "key\nname" (name NULL: "key"), malloc'd; the map keys' form. */
static char *lookup_key(const char *key, const char *name)
{
	size_t kl = strlen(key), nl = name ? strlen(name) : 0;
	char *buf = xmalloc(kl + nl + 2);
	for (size_t i = 0; i < kl; i++)
		buf[i] = (char)tolower((unsigned char)key[i]);
	if (!name) {
		buf[kl] = '\0';
		return buf;
	}
	buf[kl] = '\n';
	for (size_t i = 0; i <= nl; i++)
		buf[kl + 1 + i] = (char)tolower((unsigned char)name[i]);
	return buf;
}

const struct reg_value *model_reg_get(const struct model *m, const char *key, const char *name)
{
	char *k = lookup_key(key, name);
	const struct reg_value *v = strmap_get(&m->reg_value_by_name, k);
	free(k);
	return v;
}

const struct reg_key *model_reg_key(const struct model *m, const char *key)
{
	char *k = lookup_key(key, NULL);
	const struct reg_key *rk = strmap_get(&m->reg_key_by_path, k);
	free(k);
	return rk;
}

const struct reg_value *model_schannel_get(const struct model *m,
					   const char *subkey, const char *name)
{
	const struct reg_value *v;
	if (*subkey) {
		size_t n = strlen(SCHANNEL_KEY) + 1 + strlen(subkey) + 1;
		char *key = xmalloc(n);
		snprintf(key, n, "%s\\%s", SCHANNEL_KEY, subkey);
		v = model_reg_get(m, key, name);
		free(key);
	} else {
		v = model_reg_get(m, SCHANNEL_KEY, name);
	}
	return v && !v->deleted ? v : NULL;
}

/* ---- value helpers ---- */

int hash_normalize(const char *s, char out[41])
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p == ' ' || *p == '\t') {
			p++;
		} else if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x8E) {
			p += 3;         /* U+200E LEFT-TO-RIGHT MARK */
		} else if (hex_digit(*p) >= 0 && n < 40) {
			out[n++] = (char)tolower(*p++);
		} else {
			return -1;
		}
	}
	out[n] = '\0';
	return n == 40 ? 0 : -1;
}

int guid_normalize(const char *s, char out[39])
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
	size_t n = strlen(s);
	if (n == 38 && s[0] == '{' && s[37] == '}') {
		s++;
		n = 36;
	}
	if (n != 36)
		return -1;
	out[0] = '{';
	for (size_t i = 0; i < 36; i++) {
		if (shape[i] == '-' ? s[i] != '-' : hex_digit((unsigned char)s[i]) < 0)
			return -1;
		out[1 + i] = (char)tolower((unsigned char)s[i]);
	}
	out[37] = '}';
	out[38] = '\0';
	return 0;
}

void guid_from_bytes(const unsigned char b[16], char out[39])
{
	/* Data1 (4 bytes), Data2, Data3 little-endian; Data4 as stored */
	const unsigned char order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
	unsigned char be[16];
	char hex[33];
	for (int i = 0; i < 16; i++)
		be[i] = b[order[i]];
	hex_encode(be, 16, hex);
	snprintf(out, 39, "{%.8s-%.4s-%.4s-%.4s-%.12s}",
		 hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

long model_rule_param(const struct model *m, const char *rule_id, const char *name, long dflt)
{
	char key[128];
	snprintf(key, sizeof(key), "%s.%s", rule_id, name);
	const long *v = strmap_get(&m->rule_params, key);
	return v ? *v : dflt;
}

void model_set_rule_param(struct model *m, const char *rule_id, const char *name, long value)
{
	long *v = arena_alloc(&m->arena, sizeof(*v));
	*v = value;
	strmap_put(&m->rule_params, arena_strfmt(&m->arena, "%s.%s", rule_id, name), v);
}

void model_add_cipher_suite(struct model *m, const struct cipher_suite *cs)
{
	struct cipher_suite *n = arena_alloc(&m->arena, sizeof(*n));
	*n = *cs;
	n->name = arena_strdup(&m->arena, cs->name);
	n->cipher = cs->cipher ? arena_strdup(&m->arena, cs->cipher) : NULL;
	n->exchange = cs->exchange ? arena_strdup(&m->arena, cs->exchange) : NULL;
	n->hash = cs->hash ? arena_strdup(&m->arena, cs->hash) : NULL;
	n->loc.path = cs->loc.path ? arena_strdup(&m->arena, cs->loc.path) : NULL;
	n->next = NULL;
	*m->suites_tail = n;
	m->suites_tail = &n->next;
	m->nr_suites++;
}

/*
 * Fix commands: the exact line a finding tells the user to paste, with the
 * snapshot's real values filled in, and nothing from an input that could
 * be shell syntax.
 *
 * Every value that comes from an input passes a whitelist for its kind
 * (fix_arg_ok) before it is written into a command; a value that fails
 * becomes a <placeholder>, and a related location at the value says why.
 * Admins paste these lines into elevated shells on production servers, and
 * a snapshot may come from anyone (a pull request to an exports
 * repository): a host name "a&calc.exe&rem" must never reach a fix.
 *
 * The netsh lines work in cmd.exe and in PowerShell alike: the AppId is
 * written appid="{GUID}" (PowerShell reads a bare {...} as a script block,
 * and netsh then answers "The parameter is incorrect"), and a value with
 * a space is double-quoted; whitelisted values hold no character that
 * either shell expands inside double quotes.
 */
#include <string.h>

#include "rule.h"
#include "util.h"

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Only characters of `extra` besides ASCII letters and digits, 1..max of them. */
static int only(const char *s, const char *extra, size_t max)
{
	size_t n = strlen(s);
	if (!n || n > max)
		return 0;
	for (const char *p = s; *p; p++)
		if (!is_alnum(*p) && !strchr(extra, *p))
			return 0;
	return 1;
}

/*
 * A DNS host name (RFC 1123 labels of letters, digits and '-', not at a
 * label's ends; '_' tolerated as Windows does; at most 253 characters),
 * optionally "*." first.  IDN names are in their xn-- form here.
 */
static int host_ok(const char *s)
{
	if (!strcmp(s, "*"))
		return 1;       /* every host name: the IIS 8 central certificate store binding */
	if (!strncmp(s, "*.", 2))
		s += 2;
	size_t n = strlen(s), label = 0;
	if (!n || n > 253)
		return 0;
	for (const char *p = s; ; p++) {
		if (*p == '.' || !*p) {
			if (!label || p[-1] == '-')
				return 0;
			if (!*p)
				return 1;
			label = 0;
		} else if (is_alnum(*p) || *p == '_' || (*p == '-' && label)) {
			if (++label > 63)
				return 0;
		} else {
			return 0;
		}
	}
}

static int digits_ok(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (!n || n > max)
		return 0;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

static int hex_run(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_hex(s[i]))
			return 0;
	return 1;
}

static int guid_ok(const char *s)
{
	static const size_t runs[] = { 8, 4, 4, 4, 12 };
	if (strlen(s) != 38 || s[0] != '{' || s[37] != '}')
		return 0;
	s++;
	for (size_t i = 0; i < 5; i++) {
		if (!hex_run(s, runs[i]))
			return 0;
		s += runs[i];
		if (*s != (i < 4 ? '-' : '}'))
			return 0;
		s++;
	}
	return 1;
}

/* An IPv4 address, or an IPv6 one in brackets: "0.0.0.0", "[::]", "[fe80::1%12]". */
static int address_ok(const char *s)
{
	if (s[0] == '[') {
		size_t n = strlen(s);
		return n > 2 && n <= 64 && s[n - 1] == ']' &&
		       strspn(s + 1, "0123456789abcdefABCDEF:.%") == n - 2;
	}
	return strspn(s, "0123456789.") == strlen(s) && *s && strlen(s) <= 15;
}

/* "address:port", "host:port" or "port" as the endpoint kind wants. */
static int endpoint_ok(enum endpoint_kind kind, const char *s)
{
	const char *colon = strrchr(s, ':');
	if (kind == EP_CCS)
		return digits_ok(s, 5) || (colon && digits_ok(colon + 1, 5));
	if (!colon || !digits_ok(colon + 1, 5))
		return 0;
	char addr[300];
	size_t n = (size_t)(colon - s);
	if (n >= sizeof(addr))
		return 0;
	memcpy(addr, s, n);
	addr[n] = '\0';
	return kind == EP_IPPORT ? address_ok(addr) : host_ok(addr);
}

int fix_arg_ok(enum fix_arg_kind kind, const char *s)
{
	if (!s)
		return 0;
	switch (kind) {
	case FIXARG_HOST:
		return host_ok(s);
	case FIXARG_STORE:
		/* store names are short words: "My", "WebHosting", "ClientAuthIssuer", "Remote Desktop" */
		return only(s, " ._-", 64) && s[0] != ' ' && s[strlen(s) - 1] != ' ';
	case FIXARG_SITE:
		return only(s, " ._-", 128) && s[0] != ' ' && s[strlen(s) - 1] != ' ';
	case FIXARG_BINDING_INFO:
		return only(s, ".:*[]_-", 300);
	case FIXARG_HASH:
		return strlen(s) == 40 && hex_run(s, 40);
	case FIXARG_GUID:
		return guid_ok(s);
	case FIXARG_NUMBER:
		return digits_ok(s, 10);
	case FIXARG_SWITCH:
		return !strcmp(s, "enable") || !strcmp(s, "disable");
	case FIXARG_ENDPOINT_IPPORT:
		return endpoint_ok(EP_IPPORT, s);
	case FIXARG_ENDPOINT_HOSTNAMEPORT:
		return endpoint_ok(EP_HOSTNAMEPORT, s);
	case FIXARG_ENDPOINT_CCS:
		return endpoint_ok(EP_CCS, s);
	case FIXARG_CIPHER_SUITE:
		return *s && strlen(s) <= 128 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == strlen(s);
	}
	return 0;
}

static const struct {
	const char *placeholder, *what;
} arg_words[] = {
	[FIXARG_HOST] = { "<host name>", "a DNS host name" },
	[FIXARG_STORE] = { "<store>", "a certificate store name" },
	[FIXARG_SITE] = { "<site name>", "a plain site name (letters, digits, space, '.', '_', '-')" },
	[FIXARG_BINDING_INFO] = { "<binding information>", "an ip:port:host binding" },
	[FIXARG_HASH] = { "<certhash>", "a certificate hash" },
	[FIXARG_GUID] = { "\"{<appid>}\"", "a GUID" },     /* quoted for PowerShell, as the GUID */
	[FIXARG_NUMBER] = { "<number>", "a number" },
	[FIXARG_SWITCH] = { "<enable|disable>", "enable or disable" },
	[FIXARG_ENDPOINT_IPPORT] = { "<ip:port>", "an address:port endpoint" },
	[FIXARG_ENDPOINT_HOSTNAMEPORT] = { "<host:port>", "a host:port endpoint" },
	[FIXARG_ENDPOINT_CCS] = { "<port>", "a port" },
	[FIXARG_CIPHER_SUITE] = { "<cipher suite>", "a cipher suite name (A-Z, 0-9, '_')" },
};

const char *fix_raw(struct diag_list *out, struct diag *d, enum fix_arg_kind kind,
		    const char *s, const struct srcloc *loc)
{
	if (fix_arg_ok(kind, s))
		return s;
	/*
	 * The value itself is not repeated here: it failed the check, and a
	 * related message is printed to terminals and CI logs.
	 */
	if (s && loc && loc->file)
		diag_add_related(out, d, loc,
				 "the value here is not %s, so the fix shows %s: fill it in",
				 arg_words[kind].what, arg_words[kind].placeholder);
	return arg_words[kind].placeholder;
}

const char *fix_arg(struct diag_list *out, struct diag *d, enum fix_arg_kind kind,
		    const char *s, const struct srcloc *loc)
{
	const char *v = fix_raw(out, d, kind, s, loc);
	if (v != s)
		return v;       /* a placeholder */
	if (kind == FIXARG_GUID || strchr(s, ' '))
		return arena_strfmt(&out->arena, "\"%s\"", s);
	return s;
}

const char *fix_endpoint(struct diag_list *out, struct diag *d, const struct httpsys_binding *b)
{
	static const enum fix_arg_kind kinds[] = {
		[EP_IPPORT] = FIXARG_ENDPOINT_IPPORT,
		[EP_HOSTNAMEPORT] = FIXARG_ENDPOINT_HOSTNAMEPORT,
		[EP_CCS] = FIXARG_ENDPOINT_CCS,
	};
	return arena_strfmt(&out->arena, "%s=%s", endpoint_kind_param(b->kind),
			    fix_arg(out, d, kinds[b->kind], b->endpoint, &b->loc));
}

/* The whitelist a field's netsh value passes. */
static enum fix_arg_kind field_arg_kind(enum bfield_id id)
{
	switch (bfield_table[id].kind) {
	case BFK_HASH:
		return FIXARG_HASH;
	case BFK_GUID:
		return FIXARG_GUID;
	case BFK_U32:
		return FIXARG_NUMBER;
	case BFK_BOOL:
		return FIXARG_SWITCH;
	case BFK_STR:
		break;
	}
	return FIXARG_STORE;    /* certificate store, CTL store, CTL identifier */
}

/* netsh's default for a field: what `add sslcert` sets when the parameter is left out. */
static int is_default(enum bfield_id id, const struct bfield *f)
{
	const struct bfield_info *info = &bfield_table[id];
	switch (info->kind) {
	case BFK_BOOL:
		return f->num == (uint32_t)info->inverted;
	case BFK_U32:
		return f->num == 0;
	default:
		return f->str == NULL;
	}
}

/* A field's value in netsh's parameter words, before the whitelist. */
static const char *param_text(struct diag_list *out, enum bfield_id id, const struct bfield *f)
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

/* "<renewed-certhash>": a placeholder a rule passes in values[], written as it is. */
static int is_placeholder(const char *v)
{
	size_t n = strlen(v);
	return n > 2 && v[0] == '<' && v[n - 1] == '>' &&
	       strspn(v + 1, "abcdefghijklmnopqrstuvwxyz-|") == n - 2;
}

/* What the command cannot carry over: fields netsh has no parameter for, unknown ones. */
static void note_lost(struct diag_list *out, struct diag *d, const struct httpsys_binding *b)
{
	for (int id = 0; id < BF__COUNT; id++) {
		const struct bfield_info *info = &bfield_table[id];
		const struct bfield *f = binding_get(b, (enum bfield_id)id);
		if (info->netsh_param || !f || !f->valid || is_default((enum bfield_id)id, f))
			continue;
		diag_add_related(out, d, &f->loc,
				 "%s is %s here, and netsh has no parameter for it: the command may "
				 "turn it off; set bit 0x%x of %s under the binding's registry key "
				 "again afterwards",
				 info->label, f->num ? "Enabled" : "Disabled", (unsigned)info->mask,
				 info->regname);
	}
	const struct binding_view *views[] = { b->netsh, b->reg };
	for (size_t i = 0; i < 2; i++) {
		if (!views[i])
			continue;
		for (const struct extra_field *x = views[i]->extra; x; x = x->next)
			diag_add_related(out, d, &x->loc,
					 "a setting sslcertlint does not know is here: the command "
					 "does not carry it over; check it afterwards");
	}
}

void fix_binding_update(struct diag_list *out, struct diag *d,
			const struct httpsys_binding *b, const char *const values[BF__COUNT])
{
	const char *cmd = arena_strfmt(&out->arena, "netsh http update sslcert %s",
				       fix_endpoint(out, d, b));
	static const enum bfield_id first[] = { BF_CERT_STORE, BF_CERT_HASH, BF_APPID };

	for (size_t i = 0; i < sizeof(first) / sizeof(*first); i++) {
		enum bfield_id id = first[i];
		const struct bfield *f = binding_get(b, id);
		const struct srcloc *loc = f ? &f->loc : NULL;
		const char *v;
		if (values[id] && is_placeholder(values[id])) {
			cmd = arena_strfmt(&out->arena, "%s %s=%s", cmd, bfield_table[id].netsh_param,
					   values[id]);
			continue;
		}
		if (values[id])
			v = values[id];
		else if (b->kind == EP_CCS && id != BF_APPID)
			continue;       /* a CCS binding takes its certificate from the store */
		else if (id == BF_CERT_STORE)
			v = binding_effective_store(b);
		else
			v = f && f->valid ? f->str : NULL;
		cmd = arena_strfmt(&out->arena, "%s %s=%s", cmd, bfield_table[id].netsh_param,
				   fix_arg(out, d, field_arg_kind(id), v, loc));
	}
	for (int id = 0; id < BF__COUNT; id++) {
		const struct bfield_info *info = &bfield_table[id];
		const struct bfield *f = binding_get(b, (enum bfield_id)id);
		const char *v;
		if (id == BF_CERT_STORE || id == BF_CERT_HASH || id == BF_APPID || !info->netsh_param)
			continue;
		if (values[id] && is_placeholder(values[id]))
			v = NULL;
		else if (values[id])
			v = values[id];
		else if (f && f->valid && !is_default((enum bfield_id)id, f))
			v = param_text(out, (enum bfield_id)id, f);
		else
			continue;
		cmd = arena_strfmt(&out->arena, "%s %s=%s", cmd, info->netsh_param,
				   v ? fix_arg(out, d, field_arg_kind((enum bfield_id)id), v,
					       f ? &f->loc : NULL) : values[id]);
	}
	note_lost(out, d, b);
	diag_set_fix(out, d, FIX_SHELL_ANY, "%s", cmd);
}

void fix_binding_update1(struct diag_list *out, struct diag *d, const struct httpsys_binding *b,
			 enum bfield_id set, const char *value)
{
	const char *values[BF__COUNT] = { 0 };
	values[set] = value;
	fix_binding_update(out, d, b, values);
}

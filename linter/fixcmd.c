/*
 * Fix commands: the exact `netsh http update sslcert` line a finding
 * tells the user to run, with the binding's real values filled in.
 */
#include <string.h>

#include "rule.h"
#include "util.h"

/* A netsh parameter value, quoted when it holds a space. */
static const char *quote(struct diag_list *out, const char *v)
{
	return strchr(v, ' ') ? arena_strfmt(&out->arena, "\"%s\"", v) : v;
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

static const char *param_value(struct diag_list *out, enum bfield_id id,
			       const struct bfield *f)
{
	switch (bfield_table[id].kind) {
	case BFK_BOOL:
		return f->num ? "enable" : "disable";
	case BFK_U32:
		return arena_strfmt(&out->arena, "%u", (unsigned)f->num);
	default:
		return f->str ? quote(out, f->str) : "";
	}
}

const char *binding_update_command_n(struct diag_list *out,
				     const struct httpsys_binding *b,
				     const char *const values[BF__COUNT])
{
	const char *cmd = arena_strfmt(&out->arena, "netsh http update sslcert %s=%s",
				       endpoint_kind_param(b->kind), b->endpoint);
	static const enum bfield_id first[] = { BF_CERT_STORE, BF_CERT_HASH, BF_APPID };

	for (size_t i = 0; i < sizeof(first) / sizeof(*first); i++) {
		enum bfield_id id = first[i];
		const struct bfield *f = binding_get(b, id);
		const char *v;
		if (values[id])
			v = quote(out, values[id]);
		else if (b->kind == EP_CCS && id != BF_APPID)
			continue;       /* a CCS binding takes its certificate from the store */
		else if (id == BF_CERT_STORE)
			v = quote(out, binding_effective_store(b));
		else if (f && f->valid && f->str)
			v = f->str;
		else
			v = id == BF_CERT_HASH ? "<certhash>" : "{<appid>}";
		cmd = arena_strfmt(&out->arena, "%s %s=%s", cmd, bfield_table[id].netsh_param, v);
	}
	for (int id = 0; id < BF__COUNT; id++) {
		const struct bfield_info *info = &bfield_table[id];
		const struct bfield *f = binding_get(b, (enum bfield_id)id);
		const char *v;
		if (id == BF_CERT_STORE || id == BF_CERT_HASH || id == BF_APPID || !info->netsh_param)
			continue;
		if (values[id])
			v = quote(out, values[id]);
		else if (f && f->valid && !is_default((enum bfield_id)id, f))
			v = param_value(out, (enum bfield_id)id, f);
		else
			continue;
		cmd = arena_strfmt(&out->arena, "%s %s=%s", cmd, info->netsh_param, v);
	}
	return cmd;
}

const char *binding_update_command(struct diag_list *out,
				   const struct httpsys_binding *b,
				   enum bfield_id set, const char *value)
{
	const char *values[BF__COUNT] = { 0 };
	values[set] = value;
	return binding_update_command_n(out, b, values);
}

/*
 * --dump-model and model_check(): the deterministic text form of the
 * model that parser tests compare with golden files, and the invariant
 * checker that tests and DEVELOPER builds run after every parse.
 */
#include <inttypes.h>
#include <string.h>

#include "model.h"
#include "util.h"

static void put_loc(FILE *out, const struct srcloc *loc)
{
	fprintf(out, " @%s:%u", loc->file ? loc->file : "?", (unsigned)loc->line);
	if (loc->col)
		fprintf(out, ":%u", (unsigned)loc->col);
	if (loc->path)
		fprintf(out, " [%s]", loc->path);
}

/* Strings are printed in double quotes with \, " and control bytes escaped. */
static void put_str(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static void dump_view(const struct binding_view *v, FILE *out)
{
	fprintf(out, "  %s", v->origin == ORIGIN_NETSH ? "netsh" : "reg");
	put_loc(out, &v->loc);
	fputc('\n', out);
	for (int i = 0; i < BF__COUNT; i++) {
		const struct bfield *f = &v->f[i];
		if (!f->stated)
			continue;
		fprintf(out, "    %s =", bfield_table[i].label);
		switch (bfield_table[i].kind) {
		case BFK_U32:
		case BFK_BOOL:
			fprintf(out, " %" PRIu32, f->num);
			break;
		default:
			fputc(' ', out);
			put_str(out, f->str);
			break;
		}
		if (!f->valid)
			fputs(" invalid", out);
		fputs(" text=", out);
		put_str(out, f->text);
		put_loc(out, &f->loc);
		fputc('\n', out);
	}
	for (const struct extra_field *e = v->extra; e; e = e->next) {
		fputs("    extra ", out);
		put_str(out, e->label);
		fputs(" = ", out);
		put_str(out, e->value);
		put_loc(out, &e->loc);
		fputc('\n', out);
	}
}

static void dump_reg_value(const struct reg_value *v, FILE *out)
{
	fputs("regvalue ", out);
	put_str(out, v->key);
	fputc(' ', out);
	put_str(out, v->name);
	if (v->deleted) {
		fputs(" deleted", out);
	} else {
		fprintf(out, " type=%d", v->type);
		if (!v->valid)
			fputs(" invalid", out);
		else if (v->type == REGT_DWORD || v->type == REGT_QWORD ||
			 v->type == REGT_DWORD_BIG_ENDIAN)
			fprintf(out, " num=%" PRIu64, v->num);
		if (v->str) {
			fputs(" str=", out);
			put_str(out, v->str);
		}
		if (v->len) {
			fputs(" bytes=", out);
			for (size_t i = 0; i < v->len; i++)
				fprintf(out, "%02x", v->bytes[i]);
		}
	}
	put_loc(out, &v->loc);
	fputc('\n', out);
}

static void dump_access(const char *what, const struct iis_access *a, FILE *out)
{
	if (!a->stated)
		return;
	fprintf(out, "  %s flags=%u", what, (unsigned)a->flags);
	if (!a->valid)
		fputs(" invalid", out);
	fputs(" text=", out);
	put_str(out, a->text);
	put_loc(out, &a->loc);
	fputc('\n', out);
}

static void dump_sites(const struct model *m, FILE *out)
{
	for (const struct iis_site *s = m->sites; s; s = s->next) {
		fputs("site ", out);
		put_str(out, s->name);
		fputs(" id=", out);
		put_str(out, s->id);
		put_loc(out, &s->loc);
		fputc('\n', out);
		for (const struct iis_binding *b = s->bindings; b; b = b->next) {
			fprintf(out, "  binding %s ", b->protocol);
			put_str(out, b->information);
			fprintf(out, " ip=");
			put_str(out, b->ip);
			fprintf(out, " port=%u host=", (unsigned)b->port);
			put_str(out, b->host);
			fprintf(out, " sslFlags=%u", (unsigned)b->ssl_flags);
			if (b->httpsys)
				fprintf(out, " -> %s", b->httpsys->key);
			put_loc(out, &b->loc);
			fputc('\n', out);
		}
		dump_access("access", &s->access, out);
		for (const struct iis_location *l = s->apps; l; l = l->next)
			dump_access(l->path, &l->access, out);
	}
}

static void dump_certs(const struct model *m, FILE *out)
{
	for (const struct cert_store *s = m->stores; s; s = s->next) {
		fputs("store ", out);
		put_str(out, s->name);
		fprintf(out, " certificates=%zu", s->nr_certs);
		put_loc(out, &s->loc);
		fputc('\n', out);
		for (const struct cert *c = s->certs; c; c = c->next) {
			fprintf(out, "  cert %s subject=", c->thumbprint);
			put_str(out, c->subject);
			fputs(" issuer=", out);
			put_str(out, c->issuer);
			if (c->has_not_after)
				fprintf(out, " notAfter=%" PRId64, c->not_after);
			fprintf(out, " key=%d ca=%d selfSigned=%d%s der=%d ekus=",
				c->has_private_key, c->is_ca, c->self_signed,
				c->self_signed_inferred ? "(inferred)" : "", c->has_der);
			if (!c->ekus_known)
				fputs("?", out);
			for (size_t i = 0; i < c->nr_ekus; i++)
				fprintf(out, "%s%s", i ? "," : "", c->ekus[i]);
			if (c->nr_dns_names)
				fputs(" dns=", out);
			for (size_t i = 0; i < c->nr_dns_names; i++) {
				if (i)
					fputc(',', out);
				put_str(out, c->dns_names[i]);
			}
			put_loc(out, &c->loc);
			fputc('\n', out);
		}
	}
}

void model_dump(const struct model *m, FILE *out)
{
	if (m->manifest.present) {
		fputs("manifest host=", out);
		put_str(out, m->manifest.name);
		fputs(" os=", out);
		put_str(out, m->manifest.os);
		fprintf(out, " build=%u", (unsigned)m->manifest.build);
		if (m->manifest.has_taken)
			fprintf(out, " taken=%" PRId64, m->manifest.taken);
		if (m->manifest.exported_by) {
			fputs(" exportedBy=", out);
			put_str(out, m->manifest.exported_by);
		}
		if (m->manifest.secrets_removed >= 0)
			fprintf(out, " secretsRemoved=%s", m->manifest.secrets_removed ? "true" : "false");
		if (m->manifest.stores) {
			fputs(" stores=[", out);
			for (size_t i = 0; i < m->manifest.nr_stores; i++) {
				if (i)
					fputc(',', out);
				put_str(out, m->manifest.stores[i]);
			}
			fputc(']', out);
		}
		put_loc(out, &m->manifest.loc);
		fputc('\n', out);
	}
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		fprintf(out, "binding %s", b->key);
		put_loc(out, &b->loc);
		fputc('\n', out);
		if (b->netsh)
			dump_view(b->netsh, out);
		if (b->reg)
			dump_view(b->reg, out);
	}
	for (const struct reg_value *v = m->reg_values; v; v = v->next)
		dump_reg_value(v, out);
	dump_sites(m, out);
	dump_certs(m, out);
	for (const struct cipher_suite *cs = m->suites; cs; cs = cs->next) {
		fputs("ciphersuite ", out);
		put_str(out, cs->name);
		fprintf(out, " number=%ld cipher=", cs->number);
		put_str(out, cs->cipher);
		put_loc(out, &cs->loc);
		fputc('\n', out);
	}
}

static int check_loc(const struct model *m, const struct srcloc *loc,
		     const char *what, FILE *out)
{
	int bad = 0;
	if (!loc->file) {
		fprintf(out, "model_check: %s has no file\n", what);
		return 1;
	}
	if (!arena_owns(&m->arena, loc->file)) {
		fprintf(out, "model_check: %s: file name not interned in the model arena\n", what);
		bad++;
	}
	/* every format read so far gives lines */
	if (!loc->line) {
		fprintf(out, "model_check: %s (%s) has line 0\n", what, loc->file);
		bad++;
	}
	return bad;
}

static int check_view(const struct model *m, const struct httpsys_binding *b,
		      const struct binding_view *v, enum origin origin, FILE *out)
{
	int bad = 0;
	if (v->origin != origin) {
		fprintf(out, "model_check: binding %s: view in the wrong slot\n", b->key);
		bad++;
	}
	bad += check_loc(m, &v->loc, b->key, out);
	for (int i = 0; i < BF__COUNT; i++) {
		const struct bfield *f = &v->f[i];
		if (!f->stated)
			continue;
		bad += check_loc(m, &f->loc, bfield_table[i].label, out);
		if (f->str && !arena_owns(&m->arena, f->str)) {
			fprintf(out, "model_check: %s %s: string outside the arena\n",
				b->key, bfield_table[i].label);
			bad++;
		}
		if (bfield_table[i].kind == BFK_BOOL && f->num > 1) {
			fprintf(out, "model_check: %s %s: boolean is %u\n",
				b->key, bfield_table[i].label, (unsigned)f->num);
			bad++;
		}
	}
	for (const struct extra_field *e = v->extra; e; e = e->next)
		bad += check_loc(m, &e->loc, e->label, out);
	return bad;
}

int model_check(const struct model *m, FILE *out)
{
	int bad = 0;
	size_t n = 0;

	for (const struct httpsys_binding *b = m->bindings; b; b = b->next, n++) {
		if (!b->netsh && !b->reg) {
			fprintf(out, "model_check: binding %s has no source\n", b->key);
			bad++;
		}
		if (model_find_binding(m, b->key) != b) {
			fprintf(out, "model_check: binding %s is not in the key map\n", b->key);
			bad++;
		}
		bad += check_loc(m, &b->loc, b->key, out);
		if (b->netsh)
			bad += check_view(m, b, b->netsh, ORIGIN_NETSH, out);
		if (b->reg)
			bad += check_view(m, b, b->reg, ORIGIN_REG, out);
	}
	if (n != m->nr_bindings) {
		fprintf(out, "model_check: %zu bindings listed, %zu counted\n", n, m->nr_bindings);
		bad++;
	}
	size_t nsites = 0, ncerts = 0;
	for (const struct iis_site *s = m->sites; s; s = s->next, nsites++) {
		bad += check_loc(m, &s->loc, s->name, out);
		if (model_find_site(m, s->name) != s) {
			fprintf(out, "model_check: site %s is not in the name map\n", s->name);
			bad++;
		}
		for (const struct iis_binding *b = s->bindings; b; b = b->next) {
			bad += check_loc(m, &b->loc, b->information, out);
			if (b->site != s) {
				fprintf(out, "model_check: binding %s of site %s points at another site\n",
					b->information, s->name);
				bad++;
			}
		}
	}
	if (nsites != m->nr_sites) {
		fprintf(out, "model_check: %zu sites listed, %zu counted\n", nsites, m->nr_sites);
		bad++;
	}
	for (const struct cert_store *s = m->stores; s; s = s->next) {
		size_t n = 0;
		for (const struct cert *c = s->certs; c; c = c->next, n++) {
			bad += check_loc(m, &c->loc, c->thumbprint, out);
			if (store_find_cert(s, c->thumbprint) != c) {
				fprintf(out, "model_check: certificate %s is not in its store's map\n",
					c->thumbprint);
				bad++;
			}
		}
		if (n != s->nr_certs) {
			fprintf(out, "model_check: store %s lists %zu certificates, counts %zu\n",
				s->name, n, s->nr_certs);
			bad++;
		}
		ncerts += n;
	}
	if (ncerts != m->nr_certs) {
		fprintf(out, "model_check: %zu certificates listed, %zu counted\n", ncerts, m->nr_certs);
		bad++;
	}
	size_t nsuites = 0;
	for (const struct cipher_suite *cs = m->suites; cs; cs = cs->next, nsuites++) {
		bad += check_loc(m, &cs->loc, cs->name, out);
		if (!arena_owns(&m->arena, cs->name)) {
			fprintf(out, "model_check: cipher suite %s: name outside the arena\n", cs->name);
			bad++;
		}
	}
	if (nsuites != m->nr_suites) {
		fprintf(out, "model_check: %zu cipher suites listed, %zu counted\n", nsuites, m->nr_suites);
		bad++;
	}
	for (const struct reg_value *v = m->reg_values; v; v = v->next) {
		bad += check_loc(m, &v->loc, v->name, out);
		if (!arena_owns(&m->arena, v->key)) {
			fprintf(out, "model_check: value %s: key outside the arena\n", v->name);
			bad++;
		}
	}
	return bad;
}

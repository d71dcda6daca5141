/*
 * Client-certificate use, computed once (model_finish) so that every
 * client-certificate rule gates on the same fact.
 *
 * A binding asks for client certificates when it negotiates them itself
 * (Negotiate Client Certificate, DefaultFlags 0x2), maps them to accounts
 * (DS Mapper Usage, 0x1), or serves an IIS site or application whose
 * effective <access sslFlags> has SslNegotiateCert or SslRequireCert.
 * When none of that holds, IIS's configuration tells "none" only for the
 * bindings IIS uses or owns (IIS's AppId); another application's binding
 * (AD FS, WinRM, a self-hosted service) may ask at run time, so it stays
 * unknown, and so does everything when no applicationHost.config was read.
 */
#include <string.h>

#include "model_build.h"

static const struct bfield *enabled(const struct httpsys_binding *b, enum bfield_id id)
{
	const struct bfield *f = binding_get(b, id);
	return f && f->valid && f->num ? f : NULL;
}

/* The <location path> of the application whose <access> is `access`, or NULL for the site's root. */
static const char *app_path(const struct iis_site *s, const struct iis_access *access)
{
	for (const struct iis_location *l = s->apps; l && access; l = l->next)
		if (&l->access == access)
			return l->path;
	return NULL;
}

/* What site s asks for, as a cert_use; -1 when its <access> could not be read. */
static int site_use(const struct iis_site *s, const struct iis_access **access)
{
	int flags = site_client_cert_flags(s, access);
	if (flags < 0)
		return -1;
	if (flags & ACCESS_SSL_REQUIRE_CERT)
		return CERT_USE_REQUIRE;
	return flags & ACCESS_SSL_NEGOTIATE_CERT ? CERT_USE_NEGOTIATE : CERT_USE_NONE;
}

static void binding_use(const struct model *m, struct httpsys_binding *b)
{
	struct client_cert_use *u = &b->client_certs;
	int unknown = !m->iis_read;

	memset(u, 0, sizeof(*u));
	u->negotiate = enabled(b, BF_NEGOTIATE_CLIENT_CERT);
	u->ds_mapper = enabled(b, BF_DS_MAPPER);
	u->use = u->negotiate || u->ds_mapper ? CERT_USE_NEGOTIATE : CERT_USE_NONE;
	for (size_t i = 0; i < b->nr_users; i++) {
		const struct iis_site *s = b->users[i]->site;
		const struct iis_access *access;
		int use = site_use(s, &access);
		if (use < 0) {
			unknown = 1;
		} else if (use > (int)u->use || (use == (int)u->use && use > CERT_USE_NONE && !u->site)) {
			u->use = (enum cert_use)use;
			u->site = s;
			u->access = access;
			u->app = app_path(s, access);
		}
	}
	if (u->use == CERT_USE_NONE && (unknown || (!b->nr_users && !binding_has_appid(b, IIS_APPID))))
		u->use = CERT_USE_UNKNOWN;
}

/* For the whole server: none < unknown < negotiate < require. */
static int rank(enum cert_use use)
{
	return use == CERT_USE_NONE ? 0 : use == CERT_USE_UNKNOWN ? 1 : (int)use;
}

/* Keeps in *best the stronger of two uses, the first one seen on a tie. */
static void stronger(struct client_cert_use *best, const struct client_cert_use *u)
{
	if (rank(u->use) > rank(best->use))
		*best = *u;
}

void model_compute_client_certs(struct model *m)
{
	struct client_cert_use *all = &m->client_certs;

	memset(all, 0, sizeof(*all));
	all->use = m->iis_read ? CERT_USE_NONE : CERT_USE_UNKNOWN;
	for (struct httpsys_binding *b = m->bindings; b; b = b->next) {
		binding_use(m, b);
		stronger(all, &b->client_certs);
	}
	/* a site that asks on a binding HTTP.sys has no entry for still asks */
	for (const struct iis_site *s = m->sites; s; s = s->next) {
		struct client_cert_use u = { 0 };
		int use = site_use(s, &u.access);
		if (use < 0) {
			u.use = CERT_USE_UNKNOWN;
		} else {
			u.use = (enum cert_use)use;
			u.site = use > CERT_USE_NONE ? s : NULL;
			if (!u.site)
				u.access = NULL;
			u.app = u.site ? app_path(s, u.access) : NULL;
		}
		stronger(all, &u);
	}
}

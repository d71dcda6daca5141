/*
 * The IIS part of the model: sites, their bindings, the effective
 * <access sslFlags> of each site and application, and the join from an
 * IIS https binding to the HTTP.sys binding that serves it.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "model_build.h"
#include "util.h"

static char *lower_copy(struct arena *a, const char *s)
{
	char *q = arena_strdup(a, s);
	for (char *p = q; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return q;
}

struct iis_site *model_add_site(struct model *m, const char *name, const char *id,
				const struct srcloc *loc, struct diag_list *diags,
				const char *diag_id)
{
	const char *key = lower_copy(&m->arena, name);
	const struct iis_site *old = strmap_get(&m->site_by_name, key);
	if (old) {
		if (old->loc.file == loc->file)
			diag_input(diags, diag_id, SEV_ERROR, loc,
				   "duplicate site name '%s': the first is at line %u", name,
				   (unsigned)old->loc.line);
		else
			diag_input(diags, diag_id, SEV_ERROR, loc,
				   "duplicate site name '%s': the first is in '%s' at line %u; "
				   "a snapshot holds one server's applicationHost.config",
				   name, old->loc.file, (unsigned)old->loc.line);
		return NULL;
	}
	struct iis_site *s = arena_alloc(&m->arena, sizeof(*s));
	s->name = arena_strdup(&m->arena, name);
	s->id = id ? arena_strdup(&m->arena, id) : NULL;
	s->loc = *loc;
	s->bindings_tail = &s->bindings;
	s->apps_tail = &s->apps;
	strmap_put(&m->site_by_name, key, s);
	*m->sites_tail = s;
	m->sites_tail = &s->next;
	m->nr_sites++;
	return s;
}

static const char *dup_or_empty(struct arena *a, const char *s)
{
	return arena_strdup(a, s ? s : "");
}

struct iis_binding *model_add_iis_binding(struct model *m, struct iis_site *s,
					  const struct iis_binding *b)
{
	struct iis_binding *c = arena_alloc(&m->arena, sizeof(*c));
	*c = *b;
	c->site = s;
	c->protocol = lower_copy(&m->arena, b->protocol ? b->protocol : "");
	c->information = dup_or_empty(&m->arena, b->information);
	c->ip = dup_or_empty(&m->arena, b->ip);
	c->host = lower_copy(&m->arena, b->host ? b->host : "");
	c->httpsys = NULL;
	c->next = NULL;
	*s->bindings_tail = c;
	s->bindings_tail = &c->next;
	return c;
}

static void copy_access(struct model *m, struct iis_access *dst, const struct iis_access *src)
{
	*dst = *src;
	dst->text = src->text ? arena_strdup(&m->arena, src->text) : NULL;
}

void model_add_access(struct model *m, const char *path, const struct iis_access *a)
{
	if (!*path || !strcmp(path, ".")) {
		copy_access(m, &m->global_access, a);
		return;
	}
	struct iis_location *l = arena_alloc(&m->arena, sizeof(*l));
	l->path = arena_strdup(&m->arena, path);
	copy_access(m, &l->access, a);
	*m->locations_tail = l;
	m->locations_tail = &l->next;
}

const struct iis_site *model_find_site(const struct model *m, const char *name)
{
	return strmap_get_lower(&m->site_by_name, name);
}

int site_client_cert_flags(const struct iis_site *s, const struct iis_access **where)
{
	const struct iis_access *best = NULL;
	uint32_t flags = 0;
	int unknown = 0;
	const uint32_t cert = ACCESS_SSL_NEGOTIATE_CERT | ACCESS_SSL_REQUIRE_CERT;

	if (s->access.stated && !s->access.valid)
		unknown = 1;
	else if (s->access.flags & cert)
		best = &s->access;
	flags |= s->access.valid ? s->access.flags & cert : 0;
	for (const struct iis_location *l = s->apps; l; l = l->next) {
		if (l->access.stated && !l->access.valid) {
			unknown = 1;
			continue;
		}
		if ((l->access.flags & cert) &&
		    (!best || ((l->access.flags & ACCESS_SSL_REQUIRE_CERT) &&
			       !(best->flags & ACCESS_SSL_REQUIRE_CERT))))
			best = &l->access;
		flags |= l->access.flags & cert;
	}
	if (where)
		*where = best;
	if (!flags && unknown)
		return -1;
	return (int)flags;
}

/* "Site" or "Site/app..." -> length of the site part. */
static size_t site_part(const char *path)
{
	const char *slash = strchr(path, '/');
	return slash ? (size_t)(slash - path) : strlen(path);
}

static int is_ipv6(const char *ip)
{
	return ip[0] == '[' || strchr(ip, ':') != NULL;
}

/* The IP:port keys of b from keys[0] on: its address, then the wildcard. */
static size_t ip_keys(const struct iis_binding *b, char (*keys)[IIS_KEY_MAX])
{
	if (!*b->ip || !strcmp(b->ip, "*")) {
		snprintf(keys[0], IIS_KEY_MAX, "ipport:0.0.0.0:%u", (unsigned)b->port);
		return 1;
	}
	int v6 = is_ipv6(b->ip);
	const char *open = v6 && b->ip[0] != '[' ? "[" : "", *close = *open ? "]" : "";
	int n = snprintf(keys[0], IIS_KEY_MAX, "ipport:%s%s%s:%u", open, b->ip, close, (unsigned)b->port);
	if (n < 0 || n >= IIS_KEY_MAX)
		return 0;
	for (char *p = keys[0]; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	snprintf(keys[1], IIS_KEY_MAX, "ipport:%s:%u", v6 ? "[::]" : "0.0.0.0", (unsigned)b->port);
	return 2;
}

size_t iis_binding_httpsys_keys(const struct iis_binding *b, char keys[IIS_KEYS][IIS_KEY_MAX])
{
	if (!b->port)
		return 0;
	if (b->ssl_flags & IIS_SSL_CCS) {
		snprintf(keys[0], IIS_KEY_MAX, "ccs:%u", (unsigned)b->port);
		return 1;
	}
	if (!(b->ssl_flags & IIS_SSL_SNI))
		return ip_keys(b, keys);
	if (!*b->host)
		return 0;
	/* longer than any DNS name: no HTTP.sys binding can carry it */
	int n = snprintf(keys[0], IIS_KEY_MAX, "hostnameport:%s:%u", b->host, (unsigned)b->port);
	if (n <= 0 || n >= IIS_KEY_MAX)
		return 0;
	return 1 + ip_keys(b, keys + 1);
}

static void add_user(struct model *m, struct httpsys_binding *h, const struct iis_binding *b)
{
	if (h->nr_users == h->alloc_users) {
		size_t n = h->alloc_users ? h->alloc_users * 2 : 4;
		const struct iis_binding **u = arena_alloc(&m->arena, n * sizeof(*u));
		if (h->nr_users)
			memcpy(u, h->users, h->nr_users * sizeof(*u));
		h->users = u;
		h->alloc_users = n;
	}
	h->users[h->nr_users++] = b;
}

void model_finish(struct model *m)
{
	/* effective <access>: <location path="Site"> over the global one */
	for (struct iis_site *s = m->sites; s; s = s->next)
		s->access = m->global_access;
	for (const struct iis_location *l = m->locations; l; l = l->next) {
		size_t n = site_part(l->path);
		char *site = arena_strndup(&m->arena, l->path, n);
		struct iis_site *s = (struct iis_site *)model_find_site(m, site);
		if (!s)
			continue;
		if (!l->path[n] || !l->path[n + 1]) {
			s->access = l->access;
		} else {
			struct iis_location *app = arena_alloc(&m->arena, sizeof(*app));
			*app = *l;
			app->next = NULL;
			*s->apps_tail = app;
			s->apps_tail = &app->next;
		}
	}

	/* IIS https binding -> HTTP.sys binding, by key lookups */
	for (struct iis_site *s = m->sites; s; s = s->next) {
		for (struct iis_binding *b = s->bindings; b; b = b->next) {
			char keys[IIS_KEYS][IIS_KEY_MAX];
			if (strcmp(b->protocol, "https"))
				continue;
			size_t n = iis_binding_httpsys_keys(b, keys);
			for (size_t i = 0; i < n && !b->httpsys; i++) {
				struct httpsys_binding *h = strmap_get(&m->binding_by_key, keys[i]);
				if (h) {
					b->httpsys = h;
					b->httpsys_fallback = (b->ssl_flags & IIS_SSL_SNI) &&
							      !(b->ssl_flags & IIS_SSL_CCS) && i > 0;
					add_user(m, h, b);
				}
			}
		}
	}
	model_compute_client_certs(m);
}

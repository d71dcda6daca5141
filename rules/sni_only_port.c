/*
 * SCL013 sni-only-port: every https binding IIS has on a port picks its
 * certificate by host name (SNI, or the Central Certificate Store), and
 * HTTP.sys has no IP:port binding on it either, so a client that sends no
 * Server Name Indication (old clients, some scanners and load-balancer
 * health checks) gets no certificate: HTTP.sys resets the connection.
 * A CCS binding is no fallback: it needs the host name to find the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"

struct port_use {
	const struct iis_binding *first_sni;
	int has_fallback;
};

/*
 * Bindings that pick their certificate by host name: SNI (sslFlags 1) and
 * the Central Certificate Store (2, 3), which looks the certificate up by
 * the name the client asks for.  An SNI binding without a host serves
 * nobody (SCL012's finding).
 */
static int by_name(const struct iis_binding *b)
{
	return (b->ssl_flags & IIS_SSL_CCS) || ((b->ssl_flags & IIS_SSL_SNI) && *b->host);
}

/*
 * The fix: an IP:port binding on the port, with the certificate the
 * first SNI binding serves when the snapshot knows it.
 */
static void add_fix(struct diag_list *out, struct diag *d, const struct iis_binding *b)
{
	const char *hash = "<certhash>", *store = "<store>";
	const struct httpsys_binding *h = b->httpsys;
	const struct bfield *f = h && h->kind != EP_CCS ? binding_get(h, BF_CERT_HASH) : NULL;
	if (f && f->valid && f->str) {
		hash = fix_arg(out, d, FIXARG_HASH, f->str, &f->loc);
		store = fix_arg(out, d, FIXARG_STORE, binding_effective_store(h), &h->loc);
	}
	diag_set_fix(out, d, FIX_SHELL_ANY,
		     "netsh http add sslcert ipport=0.0.0.0:%u certhash=%s appid=%s certstorename=%s",
		     (unsigned)b->port, hash, fix_arg(out, d, FIXARG_GUID, IIS_APPID, NULL), store);
}

static int check_sni_only_port(const struct model *m, struct diag_list *out)
{
	struct port_use *ports = calloc(65536, sizeof(*ports));
	if (!ports)
		return -1;

	for (const struct iis_site *s = m->sites; s; s = s->next) {
		for (const struct iis_binding *b = s->bindings; b; b = b->next) {
			if (strcmp(b->protocol, "https") || !b->port)
				continue;
			if (by_name(b)) {
				if (!ports[b->port].first_sni)
					ports[b->port].first_sni = b;
			} else if (!m->origins && !(b->ssl_flags & IIS_SSL_SNI)) {
				/* without the HTTP.sys bindings: an IP-based IIS binding needs one */
				ports[b->port].has_fallback = 1;
			}
		}
	}
	for (const struct httpsys_binding *h = m->bindings; h; h = h->next)
		if (h->kind == EP_IPPORT)
			ports[h->port].has_fallback = 1;

	/* in the order IIS lists the bindings */
	for (const struct iis_site *s = m->sites; s; s = s->next) {
		for (const struct iis_binding *b = s->bindings; b; b = b->next) {
			struct port_use *p = &ports[b->port];
			if (!b->port || p->first_sni != b || p->has_fallback)
				continue;
			char key[32];
			snprintf(key, sizeof(key), "port:%u", (unsigned)b->port);
			struct diag *d = diag_emit(out, SEV_WARNING, &b->loc, key,
				"clients that send no SNI get no certificate on port %u: "
				"every https binding on it (first '%s' of site \"%s\") picks its certificate "
				"by host name (SNI or the Central Certificate Store), "
				"and there is no IP:port fallback binding",
				(unsigned)b->port, b->information, s->name);
			add_fix(out, d, b);
		}
	}
	free(ports);
	return 0;
}

const struct rule rule_sni_only_port = {
	.id = "SCL013",
	.name = "sni-only-port",
	.summary = "a port is served only by bindings that pick the certificate by host name (SNI, CCS), with no IP:port fallback",
	.level = SEV_WARNING,
	.needs = NEED_IIS,
	.check = check_sni_only_port,
};

/*
 * SCL013 sni-only-port: every https binding IIS has on a port uses SNI, and
 * HTTP.sys has no IP:port binding on it either, so a client that sends no
 * Server Name Indication (old clients, some scanners and load-balancer
 * health checks) gets no certificate and its handshake fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"

struct port_use {
	const struct iis_binding *first_sni;
	int has_fallback;
};

static int check_sni_only_port(const struct model *m, struct diag_list *out)
{
	struct port_use *ports = calloc(65536, sizeof(*ports));
	if (!ports)
		return -1;

	for (const struct iis_site *s = m->sites; s; s = s->next) {
		for (const struct iis_binding *b = s->bindings; b; b = b->next) {
			if (strcmp(b->protocol, "https") || !b->port)
				continue;
			if ((b->ssl_flags & IIS_SSL_SNI) && !(b->ssl_flags & IIS_SSL_CCS)) {
				/* an SNI binding without a host serves nobody: SCL012's finding */
				if (!*b->host)
					continue;
				if (!ports[b->port].first_sni)
					ports[b->port].first_sni = b;
			} else {
				ports[b->port].has_fallback = 1;
			}
		}
	}
	for (const struct httpsys_binding *h = m->bindings; h; h = h->next)
		if (h->kind == EP_IPPORT || h->kind == EP_CCS)
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
				"every https binding on it (first '%s' of site \"%s\") requires Server Name Indication, "
				"and there is no IP:port fallback binding",
				(unsigned)b->port, b->information, s->name);
			diag_set_fix(out, d,
				"netsh http add sslcert ipport=0.0.0.0:%u certhash=<certhash> appid=%s certstorename=MY",
				(unsigned)b->port, IIS_APPID);
		}
	}
	free(ports);
	return 0;
}

const struct rule rule_sni_only_port = {
	.id = "SCL013",
	.name = "sni-only-port",
	.summary = "a port is served only by SNI bindings, with no non-SNI fallback",
	.level = SEV_WARNING,
	.needs = NEED_IIS,
	.check = check_sni_only_port,
};

/*
 * SCL020 cert-name-mismatch: the host name a client asks for is not
 * among the DNS names of the certificate HTTP.sys answers with, so
 * browsers and other TLS clients reject the certificate.
 *
 * Host names come from two places:
 * - an HTTP.sys hostname:port (SNI) binding: its host name, checked
 *   against the certificate it names; the finding is at the binding;
 * - an IIS https binding with a host header that HTTP.sys serves from an
 *   IP:port (or CCS) binding: the host header, checked against that
 *   binding's certificate; the finding is at the IIS binding.  An IIS
 *   binding answered by its own hostname:port binding is the first case;
 *   an SNI binding that falls back to an IP:port binding is SCL010's
 *   (iis-binding-without-httpsys), which already says whether the
 *   certificate covers the name; a binding without a host name
 *   accepts any name and is not checked.
 *
 * A certificate without a subjectAltName whose subject CN matches is a
 * note (browsers ignore the CN); a certificate the dump has no RawData of
 * is not checked.  CCS bindings take the certificate from the central
 * store by host name and are not checked.
 */
#include <string.h>

#include "rule.h"

/* Up to 4 of the certificate's DNS names, for the message. */
static const char *names_text(struct diag_list *out, const struct cert *c)
{
	if (!c->nr_dns_names)
		return c->common_name ?
			arena_strfmt(&out->arena, "no subjectAltName; its subject CN is '%s'",
				     c->common_name) :
			"no subjectAltName and no subject CN";
	const char *s = NULL;
	size_t shown = c->nr_dns_names > 4 ? 4 : c->nr_dns_names;
	for (size_t i = 0; i < shown; i++)
		s = arena_strfmt(&out->arena, "%s%s%s", s ? s : "", s ? ", " : "", c->dns_names[i]);
	if (shown < c->nr_dns_names)
		s = arena_strfmt(&out->arena, "%s and %zu more", s, c->nr_dns_names - shown);
	return arena_strfmt(&out->arena, "its DNS names are %s", s);
}

/*
 * Reports host against the certificate of binding b at loc; `where`
 * names the place in the message ("HTTP.sys binding x" / "IIS binding
 * y of site z"); `also` is one more related location, or NULL.
 */
static void check_host(const struct model *m, struct diag_list *out,
		       const struct httpsys_binding *b, const char *host,
		       const struct srcloc *loc, const char *key, const char *where,
		       const struct srcloc *also, const char *also_text)
{
	const struct cert *c = binding_cert(m, b, NULL);
	if (!c || !*host)
		return;
	int covers = cert_covers_host(c, host);
	struct diag *d;

	if (covers < 0)
		return;
	if (covers == 1 && c->nr_dns_names)
		return;
	if (covers == 1)
		d = diag_emit(out, SEV_NOTE, loc, key,
			"the certificate of %s, '%s' (thumbprint %s), names %s only in its subject "
			"CN and has no subjectAltName: browsers ignore the CN and reject it",
			where, cert_subject_text(c), c->thumbprint, host);
	else
		d = diag_emit(out, SEV_WARNING, loc, key,
			"HTTPS clients of %s reject the server certificate: '%s' (thumbprint %s) "
			"served by %s does not cover that name; %s",
			host, cert_subject_text(c), c->thumbprint, where, names_text(out, c));
	diag_add_related(out, d, &c->loc, "certificate '%s' is listed here", cert_subject_text(c));
	if (also)
		diag_add_related(out, d, also, "%s", also_text);
}

static int check_cert_name_mismatch(const struct model *m, struct diag_list *out)
{
	/* HTTP.sys SNI bindings */
	for (const struct httpsys_binding *b = m->bindings; b; b = b->next) {
		if (b->kind != EP_HOSTNAMEPORT || !b->address)
			continue;
		const char *where = arena_strfmt(&out->arena, "HTTP.sys binding %s", b->endpoint);
		const struct iis_binding *ib = b->nr_users ? b->users[0] : NULL;
		check_host(m, out, b, b->address, &b->loc, b->key, where,
			   ib ? &ib->loc : NULL,
			   ib ? arena_strfmt(&out->arena, "IIS binding '%s' of site \"%s\" uses it",
					     ib->information, ib->site->name) : NULL);
	}
	/* IIS host headers answered by an IP:port or CCS binding */
	for (const struct iis_site *s = m->sites; s; s = s->next) {
		for (const struct iis_binding *ib = s->bindings; ib; ib = ib->next) {
			const struct httpsys_binding *b = ib->httpsys;
			if (strcmp(ib->protocol, "https") || !b || !*ib->host ||
			    ib->httpsys_fallback || b->kind != EP_IPPORT)
				continue;
			const char *key = arena_strfmt(&out->arena, "site:%s/binding:%s", s->name,
						       ib->information);
			const char *where = arena_strfmt(&out->arena,
				"HTTP.sys binding %s for IIS binding '%s' of site \"%s\"",
				b->endpoint, ib->information, s->name);
			check_host(m, out, b, ib->host, &ib->loc, key, where, &b->loc,
				   arena_strfmt(&out->arena, "HTTP.sys binding %s is here", b->endpoint));
		}
	}
	return 0;
}

const struct rule rule_cert_name_mismatch = {
	.id = "SCL020",
	.name = "cert-name-mismatch",
	.summary = "a host name served over https is not among the bound certificate's DNS names",
	.level = SEV_WARNING,
	.needs = NEED_BINDINGS | NEED_CERTS,
	.check = check_cert_name_mismatch,
};

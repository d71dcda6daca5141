/*
 * parse_appconfig: IIS configuration files (applicationHost.config of
 * IIS, IIS Express and the Hostable Web Core) into the model.
 *
 * The input is already decoded to UTF-8 (decode.h); libxml2 reads it as
 * UTF-8 whatever its XML declaration says (XML_PARSE_IGNORE_ENC), with
 * no network access, no DTD loading, no entity substitution and its
 * default depth and size limits.  Element and attribute names are
 * case-sensitive, as IIS reads them; every element and attribute not
 * listed here is ignored, and nothing deeper than listed is visited:
 *
 *   configuration                                   root; read only with
 *     system.applicationHost                        a <sites>, which sets
 *       sites                                       m->iis_read (siteDefaults etc.
 *                                                   ignored)
 *         site name id                              model_add_site()
 *           bindings
 *             binding protocol bindingInformation sslFlags
 *                                                   model_add_iis_binding()
 *     system.webServer
 *       security
 *         access sslFlags                           model_add_access(""): global
 *     location path
 *       system.webServer
 *         security
 *           access sslFlags                         model_add_access(path)
 *
 *   bindingInformation, for http, https and ftp (ASCII case-insensitive):
 *     info     = address ":" port ":" host
 *     address  = "" | "*" | IPv4 | "[" IPv6 "]"    kept as written, brackets too
 *     port     = digit{1,5}, 1..65535
 *     host     = any text, may be empty            lower-cased by the model
 *   other protocols ("808:*" net.tcp, "*" net.pipe, "localhost"
 *   msmq.formatname, ...) are kept as written, with port 0.
 *
 *   binding sslFlags = digit+ (a uint32)            enum iis_ssl_flag bits
 *   access sslFlags  = item { ( "," | ws ) item }   ASCII case-insensitive
 *     item     = "None" (0) | "Ssl" (8) | "SslNegotiateCert" (32)
 *              | "SslRequireCert" (64) | "Ssl128" (256) | digit+
 *
 * <location path=""> (or "." or no path) is the global level, like
 * <system.webServer> directly under <configuration>; other paths are kept
 * as written ("Site", "Site/app") and resolved by model_finish(), which
 * the loader calls after every input.  An <access> without sslFlags
 * states nothing.  Locations are taken after the direct
 * <system.webServer>, so <location path=""> wins over it.
 *
 * Every model node gets the line of its element's '<' (a startElementNs
 * hook sets it; xmlGetLineNo() reads it; past line 65534 it is kept in
 * the element's psvi) and, as path, an
 * XPath in xmlGetNodePath()'s form ("/configuration/location[3]/...",
 * an index only where siblings share the name), built while walking so
 * that tens of thousands of sites stay linear.
 *
 * Refused, with one error and nothing read:
 *   - a start tag with more than MAX_ATTRIBUTES (1,000) attributes, at
 *     the line of its '<'.  IIS elements have a few dozen at most; libxml2
 *     2.9 compares each attribute of a tag with every earlier one, so one
 *     tag with 200,000 of them takes minutes.  A linear pre-scan counts
 *     them before libxml2 sees the text.  It never counts fewer than
 *     libxml2 would read, whatever errors libxml2 goes on after: every '<'
 *     starts a tag for it (in comments, CDATA sections and processing
 *     instructions too), an attribute is name, '=' and a quoted value
 *     (blanks optional), a value ends at its quote or at a '<' (where
 *     libxml2 ends it too), and a tag at anything else.  The number of
 *     child elements is not limited: libxml2 and the walk below are
 *     linear in it (200,000 children of one element take 0.1 s), and a
 *     hosting server may have 100,000 sites;
 *   - a DOCTYPE (internal subset, entity declarations or an external
 *     DTD): the parser stops at it, so no entity is ever expanded and
 *     no file is ever opened;
 *   - malformed XML: the first fatal libxml2 error, with its line;
 *   - more than INT_MAX bytes.
 * A root other than <configuration> is one error at its line; when it is
 * <system.applicationHost>, <sites> or <site> (a fragment), the sites in
 * it are read all the same, and m->iis_read stays 0 since the global
 * settings are not known.  A <configuration> without
 * <system.applicationHost><sites> (a web.config, or a part of the file)
 * is a note and is not read: the rules that need the site list must not
 * take it for a server without sites, and a web.config's <access> is
 * its own site's, not the global one.
 * Recovery inside a document: a <site> without a name is an error and is
 * skipped with its bindings (so is a duplicate name, by the model); a
 * binding with a missing or malformed bindingInformation is an error and
 * is kept with port 0; a malformed sslFlags is an error (binding: read
 * as 0; access: kept with valid = 0); unknown sslFlags bits are a
 * warning and kept.  Quoted subjects are cut after SHOW_MAX bytes.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "parse.h"
#include "util.h"

#define DIAG_ID "parse.appconfig"
#define SHOW_MAX 80
#define MAX_ATTRIBUTES 1000
#define XML_MESSAGE_MAX 200
#define ACCESS_KNOWN_BITS (ACCESS_SSL | ACCESS_SSL_NEGOTIATE_CERT | \
			   ACCESS_SSL_REQUIRE_CERT | ACCESS_SSL128)

/* How many of the bytes of s to show: at most max, cut on a character boundary. */
static int show_len(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return (int)n;
	while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return (int)max;
}

/* "%.*s%s" arguments: the subject, cut with "..." when long. */
#define SHOW(s) show_len((s), SHOW_MAX), (s), (strlen(s) > SHOW_MAX ? "..." : "")

struct appconfig_parser {
	struct model *m;
	const char *file;
	struct diag_list *diags;
};

/* ---- the attribute pre-scan ------------------------------------------ */

/* A start tag with more than MAX_ATTRIBUTES attributes, as the pre-scan found it. */
struct crowded_tag {
	size_t at;               /* offset of its '<' */
	const char *name;        /* not NUL-terminated */
	size_t name_len;
	size_t attributes;
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A byte that cannot stand in a name: it ends an element's or an attribute's. */
static int ends_name(char c)
{
	return is_blank(c) || c == '=' || c == '>' || c == '/' || c == '<' || c == '"' ||
	       c == '\'';
}

/*
 * The first tag of buf with more than MAX_ATTRIBUTES attributes, counted
 * as the top comment says, in one pass: 1 and *out, or 0.
 */
static int find_crowded_tag(const char *buf, size_t len, struct crowded_tag *out)
{
	size_t i = 0;
	while (i < len) {
		if (buf[i] != '<') {
			i++;
			continue;
		}
		size_t at = i++, name = i, n = 0;
		while (i < len && !ends_name(buf[i]))
			i++;
		size_t name_len = i - name;
		for (;;) {
			while (i < len && is_blank(buf[i]))
				i++;
			if (i >= len || ends_name(buf[i]))
				break;
			while (i < len && !ends_name(buf[i]))
				i++;
			while (i < len && is_blank(buf[i]))
				i++;
			if (i >= len || buf[i] != '=')
				break;
			i++;
			while (i < len && is_blank(buf[i]))
				i++;
			if (i >= len || (buf[i] != '"' && buf[i] != '\''))
				break;
			char quote = buf[i++];
			while (i < len && buf[i] != quote && buf[i] != '<')
				i++;
			n++;
			if (i < len && buf[i] == quote)
				i++;
		}
		/* i is at the byte that ended the tag: a '<' there starts the next one */
		if (n > MAX_ATTRIBUTES) {
			out->at = at;
			out->name = buf + name;
			out->name_len = name_len;
			out->attributes = n;
			return 1;
		}
	}
	return 0;
}

static uint32_t line_at(const char *buf, size_t at)
{
	uint32_t line = 1;
	for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + at - p))); p++)
		line++;
	return line;
}

/* ---- libxml2 ---------------------------------------------------------- */

/* What the libxml2 callbacks saw during one parse. */
struct xml_state {
	int fatal_line;          /* line of the first fatal error */
	char *fatal_message;     /* its message (malloc'd), or NULL when none */
	int doctype;             /* a <!DOCTYPE> was met: the parser was stopped there */
	int doctype_line;
};

#if LIBXML_VERSION >= 21200
#define XML_ERROR_CONST const
#else
#define XML_ERROR_CONST
#endif

static void on_xml_error(void *data, XML_ERROR_CONST xmlError *err)
{
	struct xml_state *st = data;
	if (!st || !err || err->level != XML_ERR_FATAL || st->fatal_message)
		return;
	st->fatal_line = err->line;
	st->fatal_message = xstrdup(err->message ? err->message : "unknown error");
}

/*
 * The internalSubset SAX callback: called at "<!DOCTYPE name ids", before
 * any declaration of the internal subset is read.  Stopping here means
 * no entity declaration is ever parsed.
 */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
		       const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_state *st = ctxt->_private;
	(void)name; (void)external_id; (void)system_id;
	if (st && !st->doctype) {
		st->doctype = 1;
		st->doctype_line = ctxt->input ? ctxt->input->line : 0;
	}
	xmlStopParser(ctxt);
}

/*
 * The line of an element's '<': libxml2 gives the line where its start
 * tag ends (the SAX callback runs after the attributes), and keeps it in
 * an unsigned short (XML_PARSE_BIG_LINES helps text nodes only).  At the
 * callback, input->cur is at the tag's closing '>' or "/>"; '<' cannot
 * appear inside an attribute value, so the last '<' before it opens the
 * tag.  Lines up to 65534 go to node->line, bigger ones to the element's
 * (otherwise unused) psvi field, with node->line 65535.
 */
static void on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
			     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlNodePtr parent = ctxt->node;
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
			      nb_attributes, nb_defaulted, attributes);
	xmlNodePtr n = ctxt->node;
	xmlParserInputPtr in = ctxt->input;
	if (!n || n == parent || n->type != XML_ELEMENT_NODE || !in || in->line <= 0)
		return;
	long line = in->line;
	if (in->base && in->cur && in->cur >= in->base) {
		const xmlChar *p = in->cur;
		long newlines = 0;
		while (p > in->base && *p != '<')
			if (*--p == '\n')
				newlines++;
		if (*p == '<' && newlines < line)
			line -= newlines;
	}
	if (line < USHRT_MAX) {
		n->line = (unsigned short)line;
	} else {
		n->line = USHRT_MAX;
		n->psvi = (void *)(uintptr_t)line;
	}
}

static uint32_t node_line(xmlNodePtr n)
{
	if (n->type == XML_ELEMENT_NODE && n->line == USHRT_MAX && n->psvi)
		return (uint32_t)(uintptr_t)n->psvi;
	long line = xmlGetLineNo(n);
	return line > 0 && line <= (long)UINT32_MAX ? (uint32_t)line : 0;
}

/* An attribute without namespace, or NULL; free with xmlFree(). */
static char *prop(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

static int is_element(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/*
 * The element children of a parent with one name, in order, with their
 * 1-based index among them and their number (for the XPath).
 */
struct elem_iter {
	xmlNodePtr next;
	const char *name;
	size_t index, total;
};

static xmlNodePtr find_from(xmlNodePtr n, const char *name)
{
	while (n && !is_element(n, name))
		n = n->next;
	return n;
}

static void elem_iter_init(struct elem_iter *it, xmlNodePtr parent, const char *name)
{
	it->name = name;
	it->index = 0;
	it->total = 0;
	it->next = find_from(parent->children, name);
	for (xmlNodePtr n = it->next; n; n = find_from(n->next, name))
		it->total++;
}

static xmlNodePtr elem_iter_next(struct elem_iter *it)
{
	xmlNodePtr n = it->next;
	if (n) {
		it->index++;
		it->next = find_from(n->next, it->name);
	}
	return n;
}

/* parent + "/name" or "/name[i]", in the model's arena. */
static const char *child_path(struct appconfig_parser *p, const char *parent,
			      const struct elem_iter *it)
{
	if (it->total > 1)
		return arena_strfmt(&p->m->arena, "%s/%s[%zu]", parent, it->name, it->index);
	return arena_strfmt(&p->m->arena, "%s/%s", parent, it->name);
}

static struct srcloc node_loc(struct appconfig_parser *p, xmlNodePtr n, const char *path)
{
	struct srcloc loc = { p->file, node_line(n), 0, path };
	return loc;
}

/* ---- values ----------------------------------------------------------- */

/* digit+ fitting a uint32; 0 or -1. */
static int parse_u32(const char *s, size_t n, uint32_t *out)
{
	uint64_t v = 0;
	if (!n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > UINT32_MAX)
			return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

/*
 * Splits bindingInformation "address:port:host" (s is a scratch copy,
 * cut in place).  Returns 0, or -1 when it is not of that form.
 */
static int split_binding_info(char *s, const char **ip, uint16_t *port, const char **host)
{
	char *colon;
	if (s[0] == '[') {
		char *close = strchr(s, ']');
		if (!close || close[1] != ':')
			return -1;
		colon = close + 1;
	} else {
		colon = strchr(s, ':');
		if (!colon)
			return -1;
	}
	char *port_s = colon + 1;
	char *colon2 = strchr(port_s, ':');
	if (!colon2)
		return -1;
	uint32_t v;
	if ((size_t)(colon2 - port_s) > 5 ||
	    parse_u32(port_s, (size_t)(colon2 - port_s), &v) || v < 1 || v > 65535)
		return -1;
	*colon = '\0';
	*colon2 = '\0';
	*ip = s;
	*port = (uint16_t)v;
	*host = colon2 + 1;
	return 0;
}

static int parses_address(const char *protocol)
{
	return str_ieq(protocol, "http") || str_ieq(protocol, "https") ||
	       str_ieq(protocol, "ftp");
}

static uint32_t binding_ssl_flags(struct appconfig_parser *p, const char *text,
				  const struct srcloc *loc)
{
	uint32_t v;
	if (parse_u32(text, strlen(text), &v)) {
		diag_input(p->diags, DIAG_ID, SEV_ERROR, loc,
			   "malformed sslFlags '%.*s%s': expected a decimal number; read as 0",
			   SHOW(text));
		return 0;
	}
	if (v & ~(uint32_t)IIS_SSL_KNOWN_BITS)
		diag_input(p->diags, DIAG_ID, SEV_WARNING, loc,
			   "unknown bits 0x%x in sslFlags '%s'",
			   (unsigned)(v & ~(uint32_t)IIS_SSL_KNOWN_BITS), text);
	return v;
}

static const struct {
	const char *name;
	uint32_t bit;
} access_flag_names[] = {
	{ "None", 0 },
	{ "Ssl", ACCESS_SSL },
	{ "SslNegotiateCert", ACCESS_SSL_NEGOTIATE_CERT },
	{ "SslRequireCert", ACCESS_SSL_REQUIRE_CERT },
	{ "Ssl128", ACCESS_SSL128 },
};

static int is_flag_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* <access sslFlags>: fills a->flags and a->valid, with a diagnostic per bad item. */
static void access_ssl_flags(struct appconfig_parser *p, const char *text,
			     struct iis_access *a)
{
	a->flags = 0;
	a->valid = 1;
	for (const char *s = text; *s;) {
		while (*s && is_flag_sep(*s))
			s++;
		const char *start = s;
		while (*s && !is_flag_sep(*s))
			s++;
		size_t n = (size_t)(s - start);
		if (!n)
			continue;
		uint32_t v;
		if (!parse_u32(start, n, &v)) {
			if (v & ~(uint32_t)ACCESS_KNOWN_BITS)
				diag_input(p->diags, DIAG_ID, SEV_WARNING, &a->loc,
					   "unknown bits 0x%x in sslFlags '%.*s%s'",
					   (unsigned)(v & ~(uint32_t)ACCESS_KNOWN_BITS),
					   SHOW(text));
			a->flags |= v;
			continue;
		}
		size_t i;
		for (i = 0; i < sizeof(access_flag_names) / sizeof(*access_flag_names); i++)
			if (strlen(access_flag_names[i].name) == n &&
			    str_nieq(start, access_flag_names[i].name, n))
				break;
		if (i < sizeof(access_flag_names) / sizeof(*access_flag_names)) {
			a->flags |= access_flag_names[i].bit;
			continue;
		}
		int shown = n > SHOW_MAX ? show_len(start, SHOW_MAX) : (int)n;
		diag_input(p->diags, DIAG_ID, SEV_ERROR, &a->loc,
			   "unknown flag '%.*s%s' in sslFlags '%.*s%s': expected Ssl, "
			   "SslNegotiateCert, SslRequireCert, Ssl128 or None",
			   shown, start, n > SHOW_MAX ? "..." : "", SHOW(text));
		a->valid = 0;
	}
	if (!a->valid)
		a->flags = 0;
}

/* ---- the walk ---------------------------------------------------------- */

static void read_binding(struct appconfig_parser *p, struct iis_site *s, xmlNodePtr n,
			 const char *path)
{
	char *protocol = prop(n, "protocol");
	char *info = prop(n, "bindingInformation");
	char *flags = prop(n, "sslFlags");
	char *scratch = NULL;
	struct iis_binding b;

	memset(&b, 0, sizeof(b));
	b.loc = node_loc(p, n, path);
	b.protocol = protocol ? protocol : "";
	b.information = info ? info : "";
	b.ip = "";
	b.host = "";
	if (!protocol)
		diag_input(p->diags, DIAG_ID, SEV_ERROR, &b.loc,
			   "missing attribute 'protocol' in <binding>");
	else if (parses_address(protocol) && !info)
		diag_input(p->diags, DIAG_ID, SEV_ERROR, &b.loc,
			   "missing attribute 'bindingInformation' in <binding protocol=\"%.*s%s\">",
			   SHOW(protocol));
	else if (parses_address(protocol)) {
		scratch = xstrdup(info);
		if (split_binding_info(scratch, &b.ip, &b.port, &b.host)) {
			diag_input(p->diags, DIAG_ID, SEV_ERROR, &b.loc,
				   "malformed bindingInformation '%.*s%s': expected 'address:port:host'",
				   SHOW(info));
			b.ip = "";
			b.host = "";
			b.port = 0;
		}
	}
	if (flags)
		b.ssl_flags = binding_ssl_flags(p, flags, &b.loc);
	model_add_iis_binding(p->m, s, &b);
	free(scratch);
	xmlFree(protocol);
	xmlFree(info);
	xmlFree(flags);
}

static void read_site(struct appconfig_parser *p, xmlNodePtr n, const char *path)
{
	char *name = prop(n, "name");
	char *id = prop(n, "id");
	struct srcloc loc = node_loc(p, n, path);
	struct iis_site *s = NULL;

	if (!name)
		diag_input(p->diags, DIAG_ID, SEV_ERROR, &loc,
			   "missing attribute 'name' in <site>: the site is skipped");
	else
		s = model_add_site(p->m, name, id, &loc, p->diags, DIAG_ID);
	xmlFree(name);
	xmlFree(id);
	if (!s)
		return;

	struct elem_iter bi, bj;
	xmlNodePtr bindings, binding;
	elem_iter_init(&bi, n, "bindings");
	while ((bindings = elem_iter_next(&bi))) {
		const char *bpath = child_path(p, path, &bi);
		elem_iter_init(&bj, bindings, "binding");
		while ((binding = elem_iter_next(&bj)))
			read_binding(p, s, binding, child_path(p, bpath, &bj));
	}
}

static void read_sites(struct appconfig_parser *p, xmlNodePtr n, const char *path)
{
	struct elem_iter it;
	xmlNodePtr site;
	elem_iter_init(&it, n, "site");
	while ((site = elem_iter_next(&it)))
		read_site(p, site, child_path(p, path, &it));
}

static void read_apphost(struct appconfig_parser *p, xmlNodePtr n, const char *path)
{
	struct elem_iter it;
	xmlNodePtr sites;
	elem_iter_init(&it, n, "sites");
	while ((sites = elem_iter_next(&it)))
		read_sites(p, sites, child_path(p, path, &it));
}

static void read_access(struct appconfig_parser *p, xmlNodePtr n, const char *path,
			const char *location)
{
	char *flags = prop(n, "sslFlags");
	struct iis_access a;

	if (!flags)
		return;
	memset(&a, 0, sizeof(a));
	a.stated = 1;
	a.text = flags;
	a.loc = node_loc(p, n, path);
	access_ssl_flags(p, flags, &a);
	model_add_access(p->m, location, &a);
	xmlFree(flags);
}

/* <system.webServer>: its security/access, for the location path given ("" global). */
static void read_webserver(struct appconfig_parser *p, xmlNodePtr n, const char *path,
			   const char *location)
{
	struct elem_iter si, ai;
	xmlNodePtr security, access;
	elem_iter_init(&si, n, "security");
	while ((security = elem_iter_next(&si))) {
		const char *spath = child_path(p, path, &si);
		elem_iter_init(&ai, security, "access");
		while ((access = elem_iter_next(&ai)))
			read_access(p, access, child_path(p, spath, &ai), location);
	}
}

/* Whether a <configuration> holds <system.applicationHost><sites>. */
static int has_site_list(xmlNodePtr root)
{
	struct elem_iter it, si;
	xmlNodePtr n;

	elem_iter_init(&it, root, "system.applicationHost");
	while ((n = elem_iter_next(&it))) {
		elem_iter_init(&si, n, "sites");
		if (elem_iter_next(&si))
			return 1;
	}
	return 0;
}

static void read_configuration(struct appconfig_parser *p, xmlNodePtr root)
{
	const char *path = "/configuration";
	struct elem_iter it, wi;
	xmlNodePtr n, ws;

	elem_iter_init(&it, root, "system.applicationHost");
	while ((n = elem_iter_next(&it)))
		read_apphost(p, n, child_path(p, path, &it));
	elem_iter_init(&it, root, "system.webServer");
	while ((n = elem_iter_next(&it)))
		read_webserver(p, n, child_path(p, path, &it), "");
	elem_iter_init(&it, root, "location");
	while ((n = elem_iter_next(&it))) {
		const char *lpath = child_path(p, path, &it);
		char *location = prop(n, "path");
		elem_iter_init(&wi, n, "system.webServer");
		while ((ws = elem_iter_next(&wi)))
			read_webserver(p, ws, child_path(p, lpath, &wi),
				       location ? location : "");
		xmlFree(location);
	}
}

/* A root other than <configuration>: one error; the sites of a fragment are read. */
static void read_fragment(struct appconfig_parser *p, xmlNodePtr root)
{
	const char *name = (const char *)root->name;
	const char *path = arena_strfmt(&p->m->arena, "/%s", name);
	struct srcloc loc = node_loc(p, root, path);
	int fragment = root->type == XML_ELEMENT_NODE &&
		       (!strcmp(name, "system.applicationHost") || !strcmp(name, "sites") ||
			!strcmp(name, "site"));

	diag_input(p->diags, DIAG_ID, SEV_ERROR, &loc,
		   "root element '<%.*s%s>' is not '<configuration>': %s", SHOW(name),
		   fragment ? "this is a fragment of applicationHost.config"
			    : "this is not an applicationHost.config document");
	if (!fragment)
		return;
	if (!strcmp(name, "system.applicationHost"))
		read_apphost(p, root, path);
	else if (!strcmp(name, "sites"))
		read_sites(p, root, path);
	else
		read_site(p, root, path);
}

/* Trims a libxml2 message: no trailing blanks, at most XML_MESSAGE_MAX bytes. */
static void trim_message(char *msg)
{
	size_t n = strlen(msg);
	if (n > XML_MESSAGE_MAX)
		n = (size_t)show_len(msg, XML_MESSAGE_MAX);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r' || msg[n - 1] == ' ' ||
		     msg[n - 1] == '\t'))
		n--;
	msg[n] = '\0';
}

int parse_appconfig(struct model *m, const char *file, const struct text *t,
		    struct diag_list *diags)
{
	struct appconfig_parser p = { m, file, diags };
	size_t errors = diag_list_count(diags, SEV_ERROR);
	struct xml_state st;
	struct srcloc loc = { file, 0, 0, NULL };
	const int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
			    XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC;

	if (t->len > INT_MAX) {
		diag_input(diags, DIAG_ID, SEV_ERROR, &loc,
			   "document too large: %zu bytes, the XML parser reads at most %d",
			   t->len, INT_MAX);
		return (int)(diag_list_count(diags, SEV_ERROR) - errors);
	}

	struct crowded_tag crowded;
	if (t->buf && find_crowded_tag(t->buf, t->len, &crowded)) {
		const char *name = arena_strndup(&m->arena, crowded.name,
						 crowded.name_len < 4 * SHOW_MAX ? crowded.name_len
										  : 4 * SHOW_MAX);
		loc.line = line_at(t->buf, crowded.at);
		diag_input(diags, DIAG_ID, SEV_ERROR, &loc,
			   "element <%.*s%s> has %zu attributes: more than %d, refused",
			   SHOW(name), crowded.attributes, MAX_ATTRIBUTES);
		return (int)(diag_list_count(diags, SEV_ERROR) - errors);
	}

	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt || !ctxt->sax)
		BUG("xmlNewParserCtxt failed");
	memset(&st, 0, sizeof(st));
	ctxt->_private = &st;
	ctxt->sax->internalSubset = on_doctype;
	ctxt->sax->startElementNs = on_start_element;

	xmlStructuredErrorFunc old_fn = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&st, on_xml_error);
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, t->buf ? t->buf : "", (int)t->len, file,
					  "UTF-8", options);
	int well_formed = ctxt->wellFormed;
	xmlSetStructuredErrorFunc(old_ctx, old_fn);

	if (st.doctype || (doc && (doc->intSubset || doc->extSubset))) {
		loc.line = st.doctype_line > 0 ? (uint32_t)st.doctype_line : 1;
		diag_input(diags, DIAG_ID, SEV_ERROR, &loc,
			   "document type declarations are not allowed in applicationHost.config: "
			   "entities and external references are refused");
	} else if (!doc || !well_formed || st.fatal_message) {
		loc.line = st.fatal_line > 0 ? (uint32_t)st.fatal_line : 1;
		if (st.fatal_message)
			trim_message(st.fatal_message);
		diag_input(diags, DIAG_ID, SEV_ERROR, &loc, "malformed XML: %s",
			   st.fatal_message ? st.fatal_message : "the document could not be read");
	} else {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		if (!root) {
			loc.line = 1;
			diag_input(diags, DIAG_ID, SEV_ERROR, &loc,
				   "malformed XML: no root element");
		} else if (!strcmp((const char *)root->name, "configuration")) {
			if (has_site_list(root)) {
				m->iis_read = 1;
				read_configuration(&p, root);
			} else {
				/*
				 * A web.config, say.  Zero sites from it would make
				 * every HTTP.sys binding look unused (SCL011), and its
				 * <access> belongs to its own site, not to all.
				 */
				loc = node_loc(&p, root, "/configuration");
				diag_input(diags, DIAG_ID, SEV_NOTE, &loc,
					   "no <system.applicationHost><sites> in this <configuration> "
					   "(a web.config, or part of applicationHost.config): not read, "
					   "since its settings apply to no site the snapshot knows of");
			}
		} else {
			read_fragment(&p, root);
		}
	}

	free(st.fatal_message);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return (int)(diag_list_count(diags, SEV_ERROR) - errors);
}

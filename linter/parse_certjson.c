/*
 * parse_certjson: certificate-store dumps, as PowerShell writes them with
 *
 *   Get-ChildItem Cert:\LocalMachine\<Store> | ConvertTo-Json
 *
 * (Windows PowerShell 5.1 or PowerShell 7; full objects or Select-Object
 * subsets), into the model's certificate stores.
 *
 * The input is JSON (json_loadb(), any top-level value), one of:
 *
 *   document  = cert                        one certificate: an object
 *             | "null" | ""                 an empty store (nothing but
 *                                           white space); the file name
 *                                           names it
 *             | "[" [ cert { "," cert } ] "]"                  several
 *             | "{" "store": string, "certificates": ( cert | "[" ... "]" ) "}"
 *   cert      = an object with a "Thumbprint" member
 *
 * Member names are matched ignoring ASCII case ("thumbprint", "notAfter").
 * Members read from a cert, every other one ignored:
 *
 *   Thumbprint      required; 40 hex digits, any case; spaces and U+200E
 *                   (what the certificate dialog copies) are dropped with
 *                   a note
 *   Subject, Issuer, FriendlyName       strings ("" friendly name = none)
 *   NotBefore, NotAfter   "/Date(ms)/" or "/Date(ms+hhmm)/" (5.1; ms UTC),
 *                   ISO 8601 with offset and fraction (7), {"value": one
 *                   of these, "DateTime": ...}, or digits only: seconds
 *                   since the epoch (a string or a number); also spelt
 *                   not_before, not_after (see date_names below)
 *   HasPrivateKey   true/false (or the strings "True"/"False")
 *   EnhancedKeyUsageList  [{"FriendlyName", "ObjectId"}...] or strings
 *                   ("1.3.6.1.5.5.7.3.1", "Server Authentication
 *                   (1.3.6.1.5.5.7.3.1)", "Server Authentication")
 *   PSParentPath    "Microsoft.PowerShell.Security\Certificate::LocalMachine\Root"
 *                   gives the store (CurrentUser too)
 *   PSIsContainer   true: a store listed by Get-ChildItem Cert:\LocalMachine,
 *                   not a certificate; skipped without a word
 *   RawData         the DER certificate: an array of byte values (5.1), a
 *                   Base64 string (7, or a calculated property
 *                   [Convert]::ToBase64String($_.RawData)), or hex
 *
 * The store of a certificate: its PSParentPath, else the wrapper's
 * "store", else the file name's stem or, when that holds '-' or '_', the
 * part after the last of them ("LocalMachine-My.json" -> "My"; one note
 * per file).  Names are canonicalised by model_cert_store().
 *
 * A certificate whose validity is unknown (no date member, in none of its
 * spellings, and no readable RawData) gets a warning: the expiry rules
 * (SCL006, SCL007) skip a certificate without NotAfter, and no rule
 * takes it for a renewal, so it would otherwise pass in silence.
 *
 * RawData, when present and readable, is decoded (x509.h): it gives the
 * validity, basicConstraints, EKUs, key, signature algorithm and subject
 * DER, and decides self-signed cryptographically (the names match and
 * the certificate's own key verifies its signature); the subject and
 * issuer text come from JSON when it has them.  The thumbprint must be
 * the SHA-1 of the DER.  Without RawData, self-signed is inferred from
 * Subject == Issuer (ignoring case and white space) and flagged so.
 *
 * Lines: json_t has none (STYLE R3).  A scanner (psjson.h) walks the
 * text and records, for each certificate object in order, the line of
 * its "Thumbprint" member (else its '{'), and its bytes; loc.path is the
 * JSON Pointer ("/0", "/certificates/3", "").  The elements of a
 * top-level array are then decoded one by one, on several threads
 * (certjson_prepare()), else the whole text at once.
 *
 * Recovery: malformed JSON is one error at Jansson's line and column,
 * and nothing of the file is read.  Otherwise each certificate stands
 * alone: without a readable thumbprint it is skipped (one error); an
 * unreadable date, HasPrivateKey or RawData is an error and the value is
 * unknown (RawData: the JSON members are used instead); a thumbprint
 * that is not the SHA-1 of RawData is an error, and the certificate is
 * kept under the JSON thumbprint.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "psjson.h"
#include "util.h"
#include "workers.h"
#include "x509.h"

#define DIAG_ID "parse.certjson"
#define SHOW_MAX 64

/* Where one certificate object stands in the text. */
struct elem_pos {
	size_t start, end;       /* its bytes in the text (elements of an array) */
	uint32_t line;           /* its first character ('{' for an object) */
	uint32_t thumb_line;     /* its "Thumbprint" member, 0 when none */
	uint32_t parent_line;    /* its "PSParentPath" member, 0 when none */
};

struct layout {
	struct elem_pos root;    /* the top-level value */
	uint32_t store_line;     /* the wrapper's "store" member */
	struct elem_pos *items;  /* elements of the top-level array, or of "certificates" */
	size_t nr, alloc;
	struct elem_pos single;  /* "certificates" holding one object */
	int array_ok;            /* the text is one array, well formed between its elements */
};

struct certjson {
	struct model *m;
	const char *file;
	struct diag_list *diags;
	struct arena scratch;    /* temporaries, released at the end */
	int errors;
	const char *wrapper_store;
	uint32_t wrapper_line;
	struct cert_store *stem_store;   /* from the file name, made on first use */
};

/* ---- diagnostics ---- */

__attribute__((format(printf, 5, 6)))
static void report(struct certjson *p, enum severity level, uint32_t line,
		   const char *path, const char *fmt, ...)
{
	struct srcloc loc = { p->file, line ? line : 1, 0, path };
	va_list ap;
	va_start(ap, fmt);
	char *msg = arena_vstrfmt(&p->scratch, fmt, ap);
	va_end(ap);
	diag_input(p->diags, DIAG_ID, level, &loc, "%s", msg);
	if (level == SEV_ERROR)
		p->errors++;
}

/*
 * A string for a message: control bytes as '?', U+200E made visible, cut
 * after SHOW_MAX characters (never inside a UTF-8 sequence).
 */
static const char *show(struct certjson *p, const char *s)
{
	size_t n = strlen(s);
	char *out = arena_alloc(&p->scratch, n * 3 + 8);
	char *q = out;
	for (size_t shown = 0; *s;) {
		int lead = ((unsigned char)*s & 0xC0) != 0x80;
		if (lead && shown++ == SHOW_MAX) {
			memcpy(q, "...", 3);
			q += 3;
			break;
		}
		if (!strncmp(s, "\xE2\x80\x8E", 3)) {
			memcpy(q, "<U+200E>", 8);
			q += 8;
			s += 3;
		} else {
			*q++ = (unsigned char)*s < 0x20 ? '?' : *s;
			s++;
		}
	}
	*q = '\0';
	return out;
}

/* Any JSON value, compact, for a message. */
static const char *show_json(struct certjson *p, const json_t *v)
{
	char *d = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	if (!d)
		return "?";
	const char *s = show(p, d);
	free(d);
	return s;
}

/* ---- where each certificate stands ---- */

static void scan_object(struct json_scan *s, struct elem_pos *e)
{
	char key[16];
	uint32_t line;
	int first = 1;

	e->line = s->line;
	if (!json_scan_open(s, '{'))
		return;
	while (json_scan_next(s, &first, '}')) {
		if (json_scan_key(s, key, sizeof(key), &line))
			return;
		if (!e->thumb_line && str_ieq(key, "Thumbprint"))
			e->thumb_line = line;
		else if (!e->parent_line && str_ieq(key, "PSParentPath"))
			e->parent_line = line;
		json_scan_skip(s);
	}
}

/* Returns whether the array was closed by its ']'. */
static int scan_array(struct json_scan *s, struct layout *lay, const char *buf)
{
	int first = 1;

	json_scan_open(s, '[');
	while (json_scan_next(s, &first, ']')) {
		ALLOC_GROW(lay->items, lay->nr + 1, lay->alloc);
		struct elem_pos *e = &lay->items[lay->nr++];
		memset(e, 0, sizeof(*e));
		int c = json_scan_peek(s);
		e->line = s->line;
		e->start = (size_t)(s->p - buf);
		if (c == '{')
			scan_object(s, e);
		else
			json_scan_skip(s);
		e->end = (size_t)(s->p - buf);
	}
	return s->closed;
}

/* The same walk as the decoding below, on the text: see the top comment. */
static void scan_layout(const struct text *t, struct layout *lay)
{
	struct json_scan s;
	char key[16];
	uint32_t line;
	int first = 1, seen_certs = 0;

	memset(lay, 0, sizeof(*lay));
	json_scan_init(&s, t->buf, t->len);
	int c = json_scan_peek(&s);
	lay->root.line = s.line;
	if (c == '[') {
		lay->array_ok = scan_array(&s, lay, t->buf) && json_scan_peek(&s) < 0;
		return;
	}
	if (!json_scan_open(&s, '{'))
		return;
	while (json_scan_next(&s, &first, '}')) {
		if (json_scan_key(&s, key, sizeof(key), &line))
			return;
		if (!lay->root.thumb_line && str_ieq(key, "Thumbprint")) {
			lay->root.thumb_line = line;
		} else if (!lay->root.parent_line && str_ieq(key, "PSParentPath")) {
			lay->root.parent_line = line;
		} else if (!lay->store_line && str_ieq(key, "store")) {
			lay->store_line = line;
		} else if (!seen_certs && str_ieq(key, "certificates")) {
			seen_certs = 1;
			c = json_scan_peek(&s);
			if (c == '[') {
				scan_array(&s, lay, t->buf);
				continue;
			}
			if (c == '{') {
				scan_object(&s, &lay->single);
				continue;
			}
		}
		json_scan_skip(&s);
	}
}

/* ---- stores ---- */

/* "Microsoft.PowerShell.Security\Certificate::LocalMachine\Root" -> "Root"; NULL if none. */
static const char *store_from_parent(struct certjson *p, const char *pp)
{
	const char *s = strstr(pp, "::");
	s = s ? s + 2 : pp;
	char *name = arena_strdup(&p->scratch, s);
	size_t n = strlen(name);
	while (n && name[n - 1] == '\\')
		name[--n] = '\0';
	const char *bs = strrchr(name, '\\');
	if (bs)
		return bs[1] ? bs + 1 : NULL;
	/* backslashes lost on the way (a blog's Markdown): "LocalMachineMy" */
	if (str_istarts(name, "LocalMachine") && name[12])
		return name + 12;
	if (str_istarts(name, "CurrentUser") && name[11])
		return name + 11;
	return NULL;
}

/* The store named by the file: the stem, or its part after the last '-' or '_'. */
static struct cert_store *stem_store(struct certjson *p)
{
	if (p->stem_store)
		return p->stem_store;
	size_t len;
	const char *stem = store_name_in_path(p->file, &len);
	const char *name = len ? arena_strndup(&p->scratch, stem, len) : "unknown";
	struct srcloc loc = { p->file, 1, 0, NULL };
	p->stem_store = model_cert_store(p->m, name, &loc);
	report(p, SEV_NOTE, 1, NULL, "store taken from the file name: '%s'", p->stem_store->name);
	return p->stem_store;
}

static struct cert_store *default_store(struct certjson *p)
{
	if (p->wrapper_store) {
		struct srcloc loc = { p->file, p->wrapper_line ? p->wrapper_line : 1, 0,
				      arena_strdup(&p->m->arena, "/store") };
		return model_cert_store(p->m, p->wrapper_store, &loc);
	}
	return stem_store(p);
}

/* ---- members of a certificate ---- */

static const char *opt_string(json_t *o, const char *name)
{
	json_t *v = psjson_get(o, name);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/*
 * The spellings of the validity members, each matched ignoring ASCII
 * case (so "notafter", "NOTAFTER" and "notAfter" too), the first one
 * present and not null counting:
 *   NotBefore, NotAfter     the X509Certificate2 properties, as
 *                           PowerShell's ConvertTo-Json and Format-List
 *                           write them (5.1 and 7)
 *   not_before, not_after   snake case, as other certificate tools
 *                           write them: certigo dump --json, crt.sh's
 *                           JSON output; hand-made exports copy them
 * "Valid from" and "Valid to" are only labels of the Windows
 * certificate dialog, not names any exporter writes, so they are not
 * read: a made-up spelling would only hide a missing date.
 */
static const char *const not_before_names[] = { "NotBefore", "not_before", NULL };
static const char *const not_after_names[] = { "NotAfter", "not_after", NULL };

/* The first member of o with one of the names (ignoring ASCII case) that is not null; *key its name as written. */
static json_t *date_member(json_t *o, const char *const *names, const char **key)
{
	for (; *names; names++) {
		const char *k;
		json_t *v;
		json_object_foreach(o, k, v) {
			if (str_ieq(k, *names) && !json_is_null(v)) {
				*key = k;
				return v;
			}
		}
	}
	return NULL;
}

/*
 * One validity date into *out (*has = 1 when read).  Returns 1 when the
 * certificate has the member, readable or not (an unreadable one is an
 * error), 0 when it has none.
 */
static int read_date(struct certjson *p, json_t *o, const char *const *names, const struct cert *c,
		     int64_t *out, int *has)
{
	const char *key = NULL;
	json_t *v = date_member(o, names, &key);
	*has = 0;
	if (!v)
		return 0;
	if (psjson_date(v, out)) {
		report(p, SEV_ERROR, c->loc.line, c->loc.path,
		       "invalid date %s in '%s' of certificate '%s'",
		       show_json(p, v), show(p, key), c->thumbprint);
		return 1;
	}
	*has = 1;
	return 1;
}

static void read_private_key(struct certjson *p, json_t *o, struct cert *c)
{
	json_t *v = psjson_get(o, "HasPrivateKey");
	c->has_private_key = -1;
	if (!v || json_is_null(v))
		return;
	if (json_is_boolean(v))
		c->has_private_key = json_is_true(v);
	else if (json_is_string(v) && str_ieq(json_string_value(v), "true"))
		c->has_private_key = 1;
	else if (json_is_string(v) && str_ieq(json_string_value(v), "false"))
		c->has_private_key = 0;
	else
		report(p, SEV_ERROR, c->loc.line, c->loc.path,
		       "invalid 'HasPrivateKey' %s of certificate '%s': expected true or false",
		       show_json(p, v), c->thumbprint);
}

static int is_oid(const char *s, size_t n)
{
	if (!n || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && s[i] != '.')
			return 0;
	return 1;
}

/*
 * An EKU as a list writes it: an OID, "Name (OID)", or a name Windows
 * gives one; anything else is kept as written (it then matches no OID).
 */
static const char *eku_from_text(struct certjson *p, const char *s)
{
	size_t n = strlen(s);
	if (is_oid(s, n))
		return s;
	const char *open = strrchr(s, '(');
	if (open && n && s[n - 1] == ')' && is_oid(open + 1, (size_t)(s + n - 1 - (open + 1))))
		return arena_strndup(&p->scratch, open + 1, (size_t)(s + n - 1 - (open + 1)));
	const char *oid = eku_oid(s);
	return oid ? oid : s;
}

static const char *eku_from_json(struct certjson *p, json_t *e)
{
	if (json_is_string(e))
		return eku_from_text(p, json_string_value(e));
	if (!json_is_object(e))
		return NULL;
	const char *s = opt_string(e, "ObjectId");
	if (!s)
		s = opt_string(e, "Value");
	if (!s)
		s = opt_string(e, "FriendlyName");
	return s ? eku_from_text(p, s) : NULL;
}

static void read_ekus(struct certjson *p, json_t *o, struct cert *c)
{
	json_t *v = psjson_get(o, "EnhancedKeyUsageList");
	if (!v || json_is_null(v))
		return;
	if (json_is_object(v) || json_is_string(v)) {
		/* one entry, not wrapped in an array */
		const char *e = eku_from_json(p, v);
		if (e) {
			const char **list = arena_alloc(&p->scratch, sizeof(*list));
			list[0] = e;
			c->ekus = list;
			c->nr_ekus = 1;
			c->ekus_known = 1;
			return;
		}
	}
	if (!json_is_array(v)) {
		report(p, SEV_ERROR, c->loc.line, c->loc.path,
		       "invalid 'EnhancedKeyUsageList' %s of certificate '%s': expected a list of OIDs",
		       show_json(p, v), c->thumbprint);
		return;
	}
	size_t n = json_array_size(v), k = 0;
	const char **list = arena_alloc(&p->scratch, (n ? n : 1) * sizeof(*list));
	for (size_t i = 0; i < n; i++) {
		const char *e = eku_from_json(p, json_array_get(v, i));
		if (!e) {
			report(p, SEV_ERROR, c->loc.line, c->loc.path,
			       "invalid entry %s in 'EnhancedKeyUsageList' of certificate '%s'",
			       show_json(p, json_array_get(v, i)), c->thumbprint);
			return;
		}
		list[k++] = e;
	}
	c->ekus = list;
	c->nr_ekus = k;
	c->ekus_known = 1;
}

/*
 * RawData's bytes: an array of numbers, Base64, or hex ("3082...": a
 * DER certificate in hex starts with the SEQUENCE tag, which Base64
 * never does).  0, or -1 with *why set.
 */
static int raw_bytes(struct arena *a, json_t *v, unsigned char **der, size_t *len,
		     const char **why)
{
	if (json_is_array(v)) {
		size_t n = json_array_size(v);
		unsigned char *b = arena_alloc(a, n ? n : 1);
		for (size_t i = 0; i < n; i++) {
			json_t *e = json_array_get(v, i);
			json_int_t x = json_is_integer(e) ? json_integer_value(e) : -1;
			if (x < 0 || x > 255) {
				*why = arena_strfmt(a, "element %zu is not a byte", i);
				return -1;
			}
			b[i] = (unsigned char)x;
		}
		if (!n) {
			*why = "no bytes";
			return -1;
		}
		*der = b;
		*len = n;
		return 0;
	}
	if (!json_is_string(v)) {
		*why = "not a byte array or a Base64 string";
		return -1;
	}
	const char *s = json_string_value(v);
	size_t n = json_string_length(v), i;
	for (i = 0; i < n && hex_digit((unsigned char)s[i]) >= 0; i++)
		;
	if (i == n && n >= 4 && n % 2 == 0 && s[0] == '3' && s[1] == '0') {
		unsigned char *b = arena_alloc(a, n / 2);
		for (i = 0; i < n / 2; i++)
			b[i] = (unsigned char)(hex_digit((unsigned char)s[2 * i]) << 4 |
					       hex_digit((unsigned char)s[2 * i + 1]));
		*der = b;
		*len = n / 2;
		return 0;
	}
	if (x509_base64_decode(a, s, n, der, len)) {
		*why = "not Base64";
		return -1;
	}
	return 0;
}

/* Subject and issuer text equal, ignoring case and white space around separators. */
static const char *name_key(struct certjson *p, const char *s)
{
	char *out = arena_alloc(&p->scratch, strlen(s) + 1), *q = out;
	int space = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = 1;
			continue;
		}
		int sep = *s == ',' || *s == '+' || *s == '=';
		if (space && q != out && !sep && !strchr(",+=", q[-1]))
			*q++ = ' ';
		space = 0;
		*q++ = *s;
	}
	*q = '\0';
	return out;
}

/*
 * A certificate's RawData, decoded.  decode_raw() touches nothing but its
 * arena and *r, so a big dump's certificates are decoded on several
 * threads (read_list()); read_raw() then reports and uses the result in
 * input order.
 */
enum raw_state { RAW_NONE, RAW_BAD_BYTES, RAW_BAD_DER, RAW_OK };

struct raw_cert {
	enum raw_state state;
	const char *why;
	struct x509_facts f;
};

static void decode_raw(struct arena *a, json_t *o, struct raw_cert *r)
{
	json_t *v = json_is_object(o) ? psjson_get(o, "RawData") : NULL;
	unsigned char *der;
	size_t len;

	memset(r, 0, sizeof(*r));
	if (!v || json_is_null(v))
		r->state = RAW_NONE;
	else if (raw_bytes(a, v, &der, &len, &r->why))
		r->state = RAW_BAD_BYTES;
	else if (x509_decode(a, der, len, &r->f, &r->why))
		r->state = RAW_BAD_DER;
	else
		r->state = RAW_OK;
}

static void read_raw(struct certjson *p, const struct raw_cert *r, struct cert *c)
{
	const struct x509_facts *f = &r->f;

	if (r->state == RAW_NONE)
		return;
	if (r->state == RAW_BAD_BYTES) {
		report(p, SEV_ERROR, c->loc.line, c->loc.path,
		       "invalid 'RawData' of certificate '%s': %s", c->thumbprint, r->why);
		return;
	}
	if (r->state == RAW_BAD_DER) {
		report(p, SEV_ERROR, c->loc.line, c->loc.path,
		       "undecodable 'RawData' of certificate '%s': not a DER certificate (%s)",
		       c->thumbprint, r->why);
		return;
	}
	if (strcmp(f->sha1, c->thumbprint))
		report(p, SEV_ERROR, c->loc.line, c->loc.path,
		       "thumbprint '%s' is not the SHA-1 of RawData (which is '%s')",
		       c->thumbprint, f->sha1);
	if (f->trailing)
		report(p, SEV_WARNING, c->loc.line, c->loc.path,
		       "%zu bytes after the certificate in 'RawData' of certificate '%s' ignored",
		       f->trailing, c->thumbprint);
	c->has_der = 1;
	if (!c->subject)
		c->subject = f->subject;
	if (!c->issuer)
		c->issuer = f->issuer;
	if (f->has_not_before) {
		c->not_before = f->not_before;
		c->has_not_before = 1;
	}
	if (f->has_not_after) {
		c->not_after = f->not_after;
		c->has_not_after = 1;
	}
	c->is_ca = f->is_ca;
	c->self_signed = f->self_signed;
	c->self_signed_inferred = f->self_signed_inferred;
	if (f->ekus_known) {
		c->ekus_known = 1;
		c->ekus = f->ekus;
		c->nr_ekus = f->nr_ekus;
	}
	c->dns_names = f->dns_names;
	c->nr_dns_names = f->nr_dns_names;
	c->common_name = f->common_name;
	c->subject_der = f->subject_der;
	c->subject_der_len = f->subject_der_len;
	c->issuer_der = f->issuer_der;
	c->issuer_der_len = f->issuer_der_len;
	c->ski = f->ski;
	c->aki = f->aki;
	c->key_type = f->key_type;
	c->key_bits = f->key_bits;
	c->sig_alg = f->sig_alg;
	c->sig_hash = f->sig_hash;
}

/* ---- one certificate ---- */

static void read_cert(struct certjson *p, json_t *o, const struct elem_pos *pos, const char *ptr,
		      const struct raw_cert *der)
{
	uint32_t line = pos ? (pos->thumb_line ? pos->thumb_line : pos->line) : 1;
	struct cert c;
	char hash[41];

	if (!json_is_object(o)) {
		report(p, SEV_ERROR, pos ? pos->line : 1, ptr,
		       "%s at '%s' is not a certificate object", show_json(p, o), ptr);
		return;
	}
	json_t *v = psjson_get(o, "PSIsContainer");
	if (json_is_true(v))
		return;

	memset(&c, 0, sizeof(c));
	c.loc.file = p->file;
	c.loc.line = line ? line : 1;
	c.loc.path = ptr;
	c.has_private_key = -1;
	c.is_ca = -1;
	c.self_signed = -1;

	v = psjson_get(o, "Thumbprint");
	if (!v || json_is_null(v)) {
		report(p, SEV_ERROR, c.loc.line, ptr, "no 'Thumbprint' member; certificate skipped");
		return;
	}
	if (!json_is_string(v)) {
		report(p, SEV_ERROR, c.loc.line, ptr,
		       "invalid thumbprint %s: expected a string of 40 hex digits; certificate skipped",
		       show_json(p, v));
		return;
	}
	const char *raw = json_string_value(v);
	if (hash_normalize(raw, hash)) {
		report(p, SEV_ERROR, c.loc.line, ptr,
		       "invalid thumbprint '%s': expected 40 hex digits; certificate skipped",
		       show(p, raw));
		return;
	}
	if (strpbrk(raw, " \t") || strstr(raw, "\xE2\x80\x8E"))
		report(p, SEV_NOTE, c.loc.line, ptr, "thumbprint '%s' normalised to '%s'",
		       show(p, raw), hash);
	c.thumbprint = hash;

	c.subject = opt_string(o, "Subject");
	c.issuer = opt_string(o, "Issuer");
	c.friendly_name = opt_string(o, "FriendlyName");
	if (c.friendly_name && !*c.friendly_name)
		c.friendly_name = NULL;
	read_private_key(p, o, &c);
	int dated = read_date(p, o, not_before_names, &c, &c.not_before, &c.has_not_before);
	dated += read_date(p, o, not_after_names, &c, &c.not_after, &c.has_not_after);
	read_ekus(p, o, &c);
	read_raw(p, der, &c);
	/* an unreadable date already had its error */
	if (!dated && !c.has_not_before && !c.has_not_after)
		report(p, SEV_WARNING, c.loc.line, ptr,
		       "certificate '%s' has no NotBefore/NotAfter: expiry rules cannot check it",
		       c.thumbprint);
	if (!c.has_der && c.subject && c.issuer) {
		c.self_signed = str_ieq(name_key(p, c.subject), name_key(p, c.issuer));
		c.self_signed_inferred = 1;
	}

	struct cert_store *s = NULL;
	const char *pp = opt_string(o, "PSParentPath");
	const char *name = pp ? store_from_parent(p, pp) : NULL;
	if (name) {
		struct srcloc loc = { p->file, pos && pos->parent_line ? pos->parent_line : 1, 0, NULL };
		s = model_cert_store(p->m, name, &loc);
	} else {
		s = default_store(p);
	}
	model_add_cert(p->m, s, &c, p->diags, DIAG_ID);
}

/*
 * Certificates are decoded in chunks of CHUNK, each chunk with its own
 * scratch arena, on several threads.
 */
#define CHUNK 64

static size_t nr_chunks(size_t n)
{
	return (n + CHUNK - 1) / CHUNK;
}

/* One past the last item of chunk `chunk` of n items. */
static size_t chunk_end(size_t chunk, size_t n)
{
	return (chunk + 1) * CHUNK < n ? (chunk + 1) * CHUNK : n;
}

struct raw_batch {
	json_t *arr;
	struct raw_cert *raw;
	struct arena *arenas;
	size_t n;
};

static void decode_chunk(void *ctx, size_t chunk)
{
	struct raw_batch *b = ctx;
	for (size_t i = chunk * CHUNK; i < chunk_end(chunk, b->n); i++)
		decode_raw(&b->arenas[chunk], json_array_get(b->arr, i), &b->raw[i]);
}

static void raw_batch_init(struct raw_batch *b, json_t *arr, size_t n)
{
	size_t chunks = nr_chunks(n);
	b->arr = arr;
	b->n = n;
	b->raw = xcalloc(n ? n : 1, sizeof(*b->raw));
	b->arenas = xcalloc(chunks ? chunks : 1, sizeof(*b->arenas));
	for (size_t c = 0; c < chunks; c++)
		arena_init(&b->arenas[c]);
}

static void raw_batch_release(struct raw_batch *b)
{
	for (size_t c = 0; c < nr_chunks(b->n); c++)
		arena_release(&b->arenas[c]);
	free(b->arenas);
	free(b->raw);
	memset(b, 0, sizeof(*b));
}

/*
 * The certificates of an array.  pre: their RawData already decoded
 * (certjson_prepare()), else it is decoded here on up to jobs threads.
 */
static void read_list(struct certjson *p, json_t *arr, const struct layout *lay, const char *prefix,
		      int jobs, const struct raw_batch *pre)
{
	size_t n = json_array_size(arr);
	struct raw_batch b = { 0 };
	/* the scanner and Jansson agree on valid JSON; if not, lines fall back to 1 */
	int lines_ok = lay->nr == n;

	if (!pre) {
		raw_batch_init(&b, arr, n);
		workers_run(nr_chunks(n), jobs, decode_chunk, &b);
		pre = &b;
	}
	for (size_t i = 0; i < n; i++) {
		const char *ptr = arena_strfmt(&p->scratch, "%s/%zu", prefix, i);
		read_cert(p, json_array_get(arr, i), lines_ok ? &lay->items[i] : NULL, ptr, &pre->raw[i]);
	}
	if (!n)
		default_store(p);    /* an empty dump still says the store is empty */
	if (pre == &b)
		raw_batch_release(&b);
}

/* A single certificate object (the top-level value, or "certificates"). */
static void read_one(struct certjson *p, json_t *o, const struct elem_pos *pos, const char *ptr)
{
	struct raw_cert raw;
	decode_raw(&p->scratch, o, &raw);
	read_cert(p, o, pos, ptr, &raw);
}

/* What runs off the main thread (parser_steps): JSON decoding and the line scan. */
struct certjson_doc {
	json_t *doc;
	json_error_t err;
	struct layout lay;
	struct raw_batch raw;    /* a top-level array's RawData, decoded; raw.raw NULL if not */
};

/*
 * A top-level array (what ConvertTo-Json writes) is decoded element by
 * element, on up to `jobs` threads: the scanner has found each element's
 * bytes and that only ',' and white space stand between them, so when
 * Jansson accepts every element alone it would accept the whole text,
 * and the result is the same array.  On any doubt the whole text goes to
 * json_loadb(), whose message and position are the ones reported.
 */
struct element_load {
	const struct text *t;
	const struct layout *lay;
	struct raw_batch *b;
	json_t **items;
	int failed;              /* set by any thread; only ever 0 -> 1 */
};

/*
 * Each element is decoded, its RawData read into b->raw[i] and dropped
 * from the tree: as a PowerShell 5.1 byte array it is most of the tree,
 * and nothing else reads it.
 */
static void load_chunk(void *ctx, size_t chunk)
{
	struct element_load *l = ctx;
	for (size_t i = chunk * CHUNK; i < chunk_end(chunk, l->lay->nr); i++) {
		const struct elem_pos *e = &l->lay->items[i];
		json_t *o = json_loadb(l->t->buf + e->start, e->end - e->start, JSON_DECODE_ANY, NULL);
		l->items[i] = o;
		if (!o) {
			__atomic_store_n(&l->failed, 1, __ATOMIC_RELAXED);
			continue;
		}
		decode_raw(&l->b->arenas[chunk], o, &l->b->raw[i]);
		psjson_del(o, "RawData");
	}
}

static json_t *load_elements(const struct text *t, const struct layout *lay, int jobs,
			     struct raw_batch *b)
{
	struct element_load l = { t, lay, b, xcalloc(lay->nr ? lay->nr : 1, sizeof(json_t *)), 0 };
	json_t *arr = NULL;

	raw_batch_init(b, NULL, lay->nr);
	workers_run(nr_chunks(lay->nr), jobs, load_chunk, &l);
	if (!l.failed) {
		arr = json_array();
		for (size_t i = 0; i < lay->nr; i++)
			json_array_append_new(arr, l.items[i]);
		b->arr = arr;
	} else {
		for (size_t i = 0; i < lay->nr; i++)
			json_decref(l.items[i]);
		raw_batch_release(b);
	}
	free(l.items);
	return arr;
}

static void *certjson_prepare(const struct text *t, int jobs)
{
	struct certjson_doc *d = xcalloc(1, sizeof(*d));
	scan_layout(t, &d->lay);
	if (d->lay.array_ok && d->lay.nr)
		d->doc = load_elements(t, &d->lay, jobs, &d->raw);
	if (!d->doc)
		d->doc = json_loadb(t->buf, t->len, JSON_DECODE_ANY, &d->err);
	return d;
}

static void certjson_release(void *prepared)
{
	struct certjson_doc *d = prepared;
	json_decref(d->doc);
	if (d->raw.raw)
		raw_batch_release(&d->raw);
	free(d->lay.items);
	free(d);
}

static int parse_certjson_prepared(struct model *m, const char *file, const struct text *t,
				   void *prepared, int jobs, struct diag_list *diags)
{
	struct certjson p = { m, file, diags, ARENA_INIT, 0, NULL, 0, NULL };
	struct certjson_doc *d = prepared;
	const struct layout *lay = &d->lay;
	json_t *doc = d->doc, *certs;

	if (!doc && text_blank(t)) {
		/* PowerShell's dump of an empty store: the file names the store */
		arena_init(&p.scratch);
		default_store(&p);
		arena_release(&p.scratch);
		return p.errors;
	}
	if (!doc) {
		psjson_malformed(diags, DIAG_ID, file, &d->err);
		return 1;
	}
	arena_init(&p.scratch);

	if (json_is_null(doc)) {
		default_store(&p);       /* ConvertTo-Json of $null: an empty store */
	} else if (json_is_array(doc)) {
		read_list(&p, doc, lay, "", jobs, d->raw.raw ? &d->raw : NULL);
	} else if (json_is_object(doc) && psjson_get(doc, "Thumbprint")) {
		read_one(&p, doc, &lay->root, "");
	} else if (json_is_object(doc) && (certs = psjson_get(doc, "certificates")) &&
		   (json_is_array(certs) || json_is_object(certs) || json_is_null(certs))) {
		json_t *store = psjson_get(doc, "store");
		if (json_is_string(store) && *json_string_value(store)) {
			p.wrapper_store = json_string_value(store);
			p.wrapper_line = lay->store_line;
		} else if (store && !json_is_null(store)) {
			report(&p, SEV_ERROR, lay->store_line, "/store",
			       "invalid \"store\" %s: expected a store name", show_json(&p, store));
		}
		if (json_is_array(certs))
			read_list(&p, certs, lay, "/certificates", jobs, NULL);
		else if (json_is_object(certs))
			read_one(&p, certs, &lay->single, "/certificates");
		else
			default_store(&p);
	} else {
		report(&p, SEV_ERROR, 1, NULL,
		       "expected a certificate object, an array of them, or {\"store\", \"certificates\"}");
	}

	arena_release(&p.scratch);
	return p.errors;
}

const struct parser_steps certjson_steps = {
	certjson_prepare, parse_certjson_prepared, certjson_release,
};

int parse_certjson(struct model *m, const char *file, const struct text *t,
		   struct diag_list *diags)
{
	void *d = certjson_prepare(t, 1);
	int errors = parse_certjson_prepared(m, file, t, d, 1, diags);
	certjson_release(d);
	return errors;
}

/*
 * parse_ciphersuites: the cipher suites Schannel offers, in their order,
 * as `Get-TlsCipherSuite | ConvertTo-Json` writes them (PowerShell 5.1
 * and 7), into m->suites.
 *
 *   dump    = "[" suite { "," suite } "]"     several suites
 *           | suite                           one suite: ConvertTo-Json
 *                                             writes an object, not an array
 *           | "{" "value" ":" "[" suite ... "]" [ "," "Count" ":" n ] "}"
 *                                             PowerShell 5.1's wrapper of a
 *                                             collection with extra members
 *   suite   = "{" member { "," member } "}"
 *   member  = "Name" ":" string               "TLS_RSA_WITH_RC4_128_SHA"
 *           | "CipherSuite" ":" integer       0x0005 as 5
 *           | "Cipher" ":" string             "RC4", "3DES", "DES", "AES", ...
 *           | "Exchange" | "Hash" | "Certificate" ":" string
 *           | "Protocols" ":" "[" integer ... "]"   0x0303 (771) = TLS 1.2
 *           | any other member (KeyType, CipherLength, BaseCipherSuite ...)
 * Property names are those of learn.microsoft.com's Get-TlsCipherSuite
 * examples, matched ignoring ASCII case; unknown members are ignored.
 * A UTF-8 or UTF-16 BOM is gone after decoding (decode.h).
 *
 * The list is what the server offers, in priority order: the first
 * suite is the one Schannel prefers.  Each suite's location is the line
 * of its "Name" member (else its '{'), with the JSON Pointer as path.
 *
 * Recovery: malformed JSON is one error at Jansson's line and column;
 * an element that is not an object or has no string "Name" is an error
 * and is skipped; a second dump in one snapshot is an error and is not
 * read (two lists cannot both be the server's order).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "psjson.h"
#include "util.h"

#define DIAG_ID "parse.ciphersuites"
#define KEY_MAX 64

struct suites_parser {
	struct model *m;
	const char *file;
	struct diag_list *diags;
	int errors;
	uint32_t *name_lines;    /* per element: its "Name" line, else its '{' line */
	size_t nr_lines, alloc_lines;
	uint32_t doc_line;
};

__attribute__((format(printf, 4, 5)))
static void report(struct suites_parser *p, enum severity level, uint32_t line,
		   const char *fmt, ...)
{
	struct srcloc loc = { p->file, line ? line : 1, 0, NULL };
	va_list ap;
	va_start(ap, fmt);
	const char *msg = arena_vstrfmt(&p->m->arena, fmt, ap);
	va_end(ap);
	diag_input(p->diags, DIAG_ID, level, &loc, "%s", msg);
	if (level == SEV_ERROR)
		p->errors++;
}

/* One element: the line of its "Name" member, or of its '{'. */
static void scan_suite(struct suites_parser *p, struct json_scan *s)
{
	uint32_t line;
	int first = 1;
	char key[KEY_MAX];

	json_scan_peek(s);
	line = s->line;
	if (json_scan_peek(s) != '{' || !json_scan_open(s, '{')) {
		json_scan_skip(s);
	} else {
		uint32_t name_line = 0, kl;
		while (json_scan_next(s, &first, '}')) {
			if (json_scan_key(s, key, sizeof(key), &kl))
				break;
			if (!name_line && str_ieq(key, "Name"))
				name_line = kl;
			json_scan_skip(s);
		}
		if (name_line)
			line = name_line;
	}
	ALLOC_GROW(p->name_lines, p->nr_lines + 1, p->alloc_lines);
	p->name_lines[p->nr_lines++] = line;
}

static void scan_array(struct suites_parser *p, struct json_scan *s)
{
	int first = 1;
	if (!json_scan_open(s, '['))
		return;
	while (json_scan_next(s, &first, ']'))
		scan_suite(p, s);
}

/*
 * The line of every suite, in the order the JSON holds them: the text's
 * own structure, which Jansson does not keep (psjson.h).  wrapped: the
 * document is PowerShell 5.1's {"value": [...]}.
 */
static void scan_lines(struct suites_parser *p, const struct text *t, int wrapped)
{
	struct json_scan s;
	int c, first = 1;
	char key[KEY_MAX];
	uint32_t kl;

	json_scan_init(&s, t->buf, t->len);
	c = json_scan_peek(&s);
	p->doc_line = s.line;
	if (c == '[') {
		scan_array(p, &s);
	} else if (!wrapped) {
		scan_suite(p, &s);
	} else if (json_scan_open(&s, '{')) {
		while (json_scan_next(&s, &first, '}')) {
			if (json_scan_key(&s, key, sizeof(key), &kl))
				return;
			if (str_ieq(key, "value") && json_scan_peek(&s) == '[')
				scan_array(p, &s);
			else
				json_scan_skip(&s);
		}
	}
}

/* A string member, borrowed from the document (model_add_cipher_suite() copies it). */
static const char *opt_str(json_t *o, const char *name)
{
	json_t *v = psjson_get(o, name);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Where the suites stand: their JSON Pointers. */
enum suites_shape { SHAPE_ARRAY, SHAPE_WRAPPED, SHAPE_ONE };

static void read_suite(struct suites_parser *p, json_t *o, size_t i, enum suites_shape shape)
{
	uint32_t line = i < p->nr_lines ? p->name_lines[i] : p->doc_line;
	struct cipher_suite cs = { 0 };
	char path[48];

	if (!json_is_object(o)) {
		report(p, SEV_ERROR, line, "cipher suite %zu is not an object: skipped", i + 1);
		return;
	}
	json_t *name = psjson_get(o, "Name");
	if (!json_is_string(name) || !*json_string_value(name)) {
		report(p, SEV_ERROR, line, "cipher suite %zu has no \"Name\": skipped", i + 1);
		return;
	}
	cs.name = json_string_value(name);
	json_t *num = psjson_get(o, "CipherSuite");
	cs.number = json_is_integer(num) && json_integer_value(num) >= 0 &&
		    json_integer_value(num) <= 0xFFFFFF ? (long)json_integer_value(num) : -1;
	cs.cipher = opt_str(o, "Cipher");
	cs.exchange = opt_str(o, "Exchange");
	cs.hash = opt_str(o, "Hash");
	cs.loc.file = p->file;
	cs.loc.line = line ? line : 1;
	if (shape == SHAPE_ONE)
		path[0] = '\0';
	else
		snprintf(path, sizeof(path), shape == SHAPE_WRAPPED ? "/value/%zu" : "/%zu", i);
	cs.loc.path = path;
	model_add_cipher_suite(p->m, &cs);
}

int parse_ciphersuites(struct model *m, const char *file, const struct text *t,
		       struct diag_list *diags)
{
	struct suites_parser p = { m, file, diags, 0, NULL, 0, 0, 1 };
	json_error_t err;
	int wrapped = 0;

	if (m->suites_read) {
		report(&p, SEV_ERROR, 1, "second cipher suite list ignored; the first, '%s', is used",
		       m->suites_loc.file);
		return p.errors;
	}
	json_t *doc = json_loadb(t->buf, t->len, JSON_DECODE_ANY, &err);
	if (!doc) {
		psjson_malformed(diags, DIAG_ID, file, &err);
		return 1;
	}
	json_t *list = doc;
	if (json_is_object(doc) && !psjson_get(doc, "Name") && json_is_array(psjson_get(doc, "value"))) {
		list = psjson_get(doc, "value");
		wrapped = 1;
	}
	scan_lines(&p, t, wrapped);
	m->suites_read = 1;
	m->suites_loc.file = file;
	m->suites_loc.line = p.doc_line ? p.doc_line : 1;
	if (json_is_array(list)) {
		for (size_t i = 0; i < json_array_size(list); i++)
			read_suite(&p, json_array_get(list, i), i, wrapped ? SHAPE_WRAPPED : SHAPE_ARRAY);
	} else if (json_is_object(list)) {
		read_suite(&p, list, 0, SHAPE_ONE);   /* one suite: an object, not an array */
	} else {
		report(&p, SEV_ERROR, p.doc_line,
		       "expected the cipher suites of Get-TlsCipherSuite: an array of objects with \"Name\"");
	}
	json_decref(doc);
	free(p.name_lines);
	return p.errors;
}

/*
 * JSON holding the members every Get-TlsCipherSuite object has: "Name"
 * with a cipher suite name (TLS_ or SSL_), "CipherSuite" and "Cipher".
 * Asked after certjson and manifest.
 */
int detect_ciphersuites(const struct detect_window *w)
{
	if (!w->first || (*w->first != '{' && *w->first != '['))
		return 0;
	size_t n = (size_t)(w->end - w->first);
	return detect_find_ci(w->first, n, "\"CipherSuite\"") &&
	       detect_find_ci(w->first, n, "\"Cipher\"") &&
	       (detect_find_ci(w->first, n, "\"TLS_") || detect_find_ci(w->first, n, "\"SSL_"));
}

/*
 * Input kind detection, from content only (DESIGN.md "Inputs").  The
 * first 64 KiB are enough for every kind: each shows its signature near
 * the top.
 *
 *   reg        first non-blank line "Windows Registry Editor Version 5.00"
 *              or "REGEDIT4"; or, for snippets copied from documentation,
 *              a "[HKEY_..." / "[HKLM..." key line and a "name"= line
 *              (its quote may be a typographic one a blog put there:
 *              U+201C, U+201D, U+201E or U+2033)
 *   netsh      a "SSL Certificate bindings:" line, or a record line
 *              "IP:port", "Hostname:port" or "Central Certificate Store"
 *              followed by ':' (indentation and Markdown backticks allowed),
 *              in any language of netsh_labels.def; or, in another
 *              language, a "label : endpoint" line followed by a
 *              "label : <40 hex digits>" line, as every record starts
 *   appconfig  XML (first non-blank character '<') whose root element,
 *              after the XML declaration, comments, processing
 *              instructions and a DOCTYPE, is <configuration> (with or
 *              without <system.applicationHost>: partial files are read),
 *              or a fragment of one: <system.applicationHost>, <sites>
 *              or <site> (the parser reads it and says it is a fragment)
 *   certjson   JSON (object or array) with a "Thumbprint" member, or the
 *              wrapper {"store": ..., "certificates": [...]} (even empty)
 *   manifest   JSON object with "host" and "taken" members
 *
 * Content that says nothing of its kind, an empty file (only white space
 * or a BOM) or a bare JSON "[]" or "null", is what PowerShell writes for
 * an empty certificate store (Get-ChildItem of an empty store piped to
 * ConvertTo-Json and Out-File, or ConvertTo-Json of @()).  Such a file is
 * certjson when its name says so: it ends in ".json" and names a Windows
 * store that model_cert_store() knows ("ClientAuthIssuer.json",
 * "LocalMachine-Root.json"; store_name_in_path()).  Any other empty or
 * "[]" file stays unknown: a name alone never makes a kind.
 */
#include <ctype.h>
#include <string.h>

#include "model.h"
#include "netsh_labels.h"
#include "parse.h"
#include "util.h"

#define DETECT_WINDOW (64 * 1024)

static const char *skip_blank(const char *s, const char *end)
{
	size_t k;
	while (s < end && (*s == '`' || (k = uspace_at(s, end)))) {
		if (*s == '`')
			s++;
		else
			s += k;
	}
	return s;
}

static int starts_ci(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(end - s) >= n && str_nieq(s, prefix, n);
}

/* A netsh header or record key line at s, in a language the tables know. */
static int netsh_known_line(const char *s, const char *end)
{
	int slot;
	const char *e = end;
	while (e > s && (e[-1] == '\r' || e[-1] == '`' || e[-1] == ' '))
		e--;
	return netsh_label_slot(s, (size_t)(e - s), NULL) == NS_HEADER ||
	       netsh_match_key(s, end, &slot) != NULL;
}

/*
 * The first word of the value of a "label : value" line at s, or an
 * empty span when the line has no " : " or ": ".
 */
static void netsh_value_word(const char *s, const char *end, const char **ws, const char **we)
{
	const char *p = s;
	*ws = *we = NULL;
	for (; p + 1 < end; p++)
		if (*p == ':' && (p[1] == ' ' || uspace_at(p + 1, end)))
			break;
	if (p + 1 >= end)
		return;
	p = skip_blank(p + 1, end);
	const char *q = p;
	while (q < end && !uspace_at(q, end) && *q != '`' && *q != '\n')
		q++;
	*ws = p;
	*we = q;
}

/*
 * A netsh record in a language the tables do not know: "label : endpoint"
 * with the next non-blank line "label : 40 hex digits", as every record
 * starts (netsh_labels.h).  line is the start of the first, end the end
 * of the window.
 */
static int netsh_record_shape(const char *line, const char *eol, const char *end)
{
	const char *ws, *we;
	netsh_value_word(skip_blank(line, eol), eol, &ws, &we);
	if (!ws || netsh_endpoint_shape(ws, we) < 0)
		return 0;
	for (const char *next = eol + 1; next < end;) {
		const char *neol = memchr(next, '\n', (size_t)(end - next));
		if (!neol)
			neol = end;
		const char *s = skip_blank(next, neol);
		if (s < neol && *s != '\r') {
			netsh_value_word(s, neol, &ws, &we);
			return ws && netsh_hash_shape(ws, we);
		}
		next = neol + 1;
	}
	return 0;
}

static const char *memmem_ci(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (str_nieq(hay + i, needle, k))
			return hay + i;
	return NULL;
}

static enum input_kind detect_json(const char *s, size_t n)
{
	if (memmem_ci(s, n, "\"Thumbprint\""))
		return INPUT_CERTJSON;
	/* the documented wrapper, also when the store is empty */
	if (s[0] == '{' && memmem_ci(s, n, "\"certificates\"") && memmem_ci(s, n, "\"store\""))
		return INPUT_CERTJSON;
	if (s[0] == '{' && memmem_ci(s, n, "\"taken\"") && memmem_ci(s, n, "\"host\""))
		return INPUT_MANIFEST;
	return INPUT_UNKNOWN;
}

/* Whether s starts with '"' or a typographic double quote (what parse_reg reads as one). */
static int starts_quote(const char *s, const char *end)
{
	static const char *const typographic[] = {
		"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E", "\xE2\x80\xB3",
	};
	if (s < end && *s == '"')
		return 1;
	for (size_t i = 0; i < sizeof(typographic) / sizeof(*typographic); i++)
		if ((size_t)(end - s) >= 3 && !memcmp(s, typographic[i], 3))
			return 1;
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Past the first occurrence of the terminator at or after s, or NULL. */
static const char *skip_past(const char *s, const char *end, const char *term)
{
	size_t k = strlen(term);
	for (; s + k <= end; s++)
		if (!memcmp(s, term, k))
			return s + k;
	return NULL;
}

/* Past a "<!DOCTYPE ...>" at s (quotes and an internal subset "[...]" allowed), or NULL. */
static const char *skip_doctype(const char *s, const char *end)
{
	int depth = 0;
	char quote = 0;
	for (s += 2; s < end; s++) {
		if (quote) {
			if (*s == quote)
				quote = 0;
		} else if (*s == '"' || *s == '\'') {
			quote = *s;
		} else if (*s == '[') {
			depth++;
		} else if (*s == ']') {
			depth--;
		} else if (*s == '>' && depth <= 0) {
			return s + 1;
		}
	}
	return NULL;
}

/*
 * Whether the text is XML whose root element is one of applicationHost.
 * config's: <configuration>, or a fragment's <system.applicationHost>,
 * <sites> or <site>.  The prolog (XML declaration, comments, processing
 * instructions, a DOCTYPE) is skipped; a stray U+FEFF too.
 */
static int xml_is_appconfig(const char *s, const char *end)
{
	static const char *const roots[] = {
		"configuration", "system.applicationHost", "sites", "site",
	};
	while (s) {
		while (s < end && is_space(*s))
			s++;
		if ((size_t)(end - s) >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3;
			continue;
		}
		if (s >= end || *s != '<')
			return 0;
		if ((size_t)(end - s) >= 4 && !memcmp(s, "<!--", 4))
			s = skip_past(s + 4, end, "-->");
		else if ((size_t)(end - s) >= 2 && s[1] == '?')
			s = skip_past(s + 2, end, "?>");
		else if ((size_t)(end - s) >= 9 && !memcmp(s, "<!DOCTYPE", 9))
			s = skip_doctype(s, end);
		else
			break;
	}
	if (!s)
		return 0;
	s++;
	const char *name = s;
	while (s < end && !is_space(*s) && *s != '>' && *s != '/')
		s++;
	for (size_t i = 0; i < sizeof(roots) / sizeof(*roots); i++)
		if ((size_t)(s - name) == strlen(roots[i]) && !memcmp(name, roots[i], (size_t)(s - name)))
			return 1;
	return 0;
}

enum input_kind detect_kind(const struct text *t)
{
	size_t n = t->len < DETECT_WINDOW ? t->len : DETECT_WINDOW;
	const char *buf = t->buf, *end = buf + n;
	const char *first = NULL;
	int reg_key = 0, reg_value = 0;

	if (xml_is_appconfig(buf, end))
		return INPUT_APPCONFIG;
	for (const char *line = buf; line < end;) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol)
			eol = end;
		const char *s = skip_blank(line, eol);
		if (s < eol && !first)
			first = s;
		if (netsh_known_line(s, eol) || netsh_record_shape(line, eol, end))
			return INPUT_NETSH;
		if (s == first && (starts_ci(s, eol, "Windows Registry Editor Version 5.00") ||
				   starts_ci(s, eol, "REGEDIT4")))
			return INPUT_REG;
		if (starts_ci(s, eol, "[HKEY_") || starts_ci(s, eol, "[HKLM") ||
		    starts_ci(s, eol, "[HKCU") || starts_ci(s, eol, "[-HKEY_"))
			reg_key = 1;
		if ((starts_quote(s, eol) && memchr(s, '=', (size_t)(eol - s))) ||
		    starts_ci(s, eol, "@="))
			reg_value = 1;
		line = eol + 1;
	}
	if (reg_key && reg_value)
		return INPUT_REG;
	if (!first)
		return INPUT_UNKNOWN;
	if (*first == '{' || *first == '[')
		return detect_json(first, (size_t)(end - first));
	return INPUT_UNKNOWN;
}

/* "[]" or "null", with white space around, and nothing else. */
static int json_says_empty(const struct text *t)
{
	const char *s = t->buf, *end = t->buf + t->len;
	while (s < end && is_space(*s))
		s++;
	if ((size_t)(end - s) >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		s += 3;
	while (s < end && is_space(*s))
		s++;
	if (s < end && *s == '[') {
		for (s++; s < end && is_space(*s); s++)
			;
		if (s >= end || *s != ']')
			return 0;
		s++;
	} else if ((size_t)(end - s) >= 4 && !memcmp(s, "null", 4)) {
		s += 4;
	} else {
		return 0;
	}
	while (s < end && is_space(*s))
		s++;
	return s == end;
}

/* The file name ends in ".json" (any case) and its stem names a known store. */
static int named_like_store(const char *path)
{
	size_t n = strlen(path), len;
	if (n < 5 || !str_nieq(path + n - 5, ".json", 5))
		return 0;
	const char *name = store_name_in_path(path, &len);
	return store_name_known(name, len);
}

enum input_kind detect_kind_named(const struct text *t, const char *path)
{
	enum input_kind kind = detect_kind(t);
	if (kind == INPUT_UNKNOWN && named_like_store(path) && (text_blank(t) || json_says_empty(t)))
		return INPUT_CERTJSON;
	return kind;
}

/*
 * Input kind detection, from content only (DESIGN.md "Inputs").  The
 * first 64 KiB are enough for every kind: each shows its signature near
 * the top.  Each kind of inputs.def has a detector, detect_<stem>(),
 * asked in the order of its rank; these are the older kinds', in rank
 * order (appconfig first: XML may quote anything; netsh before the .reg
 * snippet without a header, as a netsh record may hold "name"= text):
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

#include "model_build.h"
#include "netsh_labels.h"
#include "parse.h"
#include "util.h"

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

int detect_starts_ci(const char *s, const char *end, const char *prefix)
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

const char *detect_find_ci(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (str_nieq(hay + i, needle, k))
			return hay + i;
	return NULL;
}

/* The JSON kinds: the text's first non-blank character opens an object or array. */
static int json_window(const struct detect_window *w, const char **s, size_t *n)
{
	if (!w->first || (*w->first != '{' && *w->first != '['))
		return 0;
	*s = w->first;
	*n = (size_t)(w->end - w->first);
	return 1;
}

int detect_certjson(const struct detect_window *w)
{
	const char *s;
	size_t n;
	if (!json_window(w, &s, &n))
		return 0;
	if (detect_find_ci(s, n, "\"Thumbprint\""))
		return 1;
	/* the documented wrapper, also when the store is empty */
	return s[0] == '{' && detect_find_ci(s, n, "\"certificates\"") && detect_find_ci(s, n, "\"store\"");
}

int detect_manifest(const struct detect_window *w)
{
	const char *s;
	size_t n;
	return json_window(w, &s, &n) && s[0] == '{' &&
	       detect_find_ci(s, n, "\"taken\"") && detect_find_ci(s, n, "\"host\"");
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

/* Whether the first non-blank line is a .reg header. */
static int reg_header_first(const struct detect_window *w)
{
	if (!w->first)
		return 0;
	const char *eol = memchr(w->first, '\n', (size_t)(w->end - w->first));
	if (!eol)
		eol = w->end;
	return detect_starts_ci(w->first, eol, "Windows Registry Editor Version 5.00") ||
	       detect_starts_ci(w->first, eol, "REGEDIT4");
}

/*
 * A netsh line anywhere in the window, unless the text starts as a .reg
 * export (whose values may read like netsh lines).
 */
int detect_netsh(const struct detect_window *w)
{
	if (reg_header_first(w))
		return 0;
	for (const char *line = w->buf; line < w->end;) {
		const char *eol = memchr(line, '\n', (size_t)(w->end - line));
		if (!eol)
			eol = w->end;
		if (netsh_known_line(skip_blank(line, eol), eol) || netsh_record_shape(line, eol, w->end))
			return 1;
		line = eol + 1;
	}
	return 0;
}

/* Asked after detect_netsh(): a header, or a key line and a value line. */
int detect_reg(const struct detect_window *w)
{
	int reg_key = 0, reg_value = 0;

	if (reg_header_first(w))
		return 1;
	for (const char *line = w->buf; line < w->end && !(reg_key && reg_value);) {
		const char *eol = memchr(line, '\n', (size_t)(w->end - line));
		if (!eol)
			eol = w->end;
		const char *s = skip_blank(line, eol);
		if (detect_starts_ci(s, eol, "[HKEY_") || detect_starts_ci(s, eol, "[HKLM") ||
		    detect_starts_ci(s, eol, "[HKCU") || detect_starts_ci(s, eol, "[-HKEY_"))
			reg_key = 1;
		if ((reg_quote_at(s, eol) && memchr(s, '=', (size_t)(eol - s))) ||
		    detect_starts_ci(s, eol, "@="))
			reg_value = 1;
		line = eol + 1;
	}
	return reg_key && reg_value;
}

int detect_appconfig(const struct detect_window *w)
{
	return xml_is_appconfig(w->buf, w->end);
}

/* The detectors of inputs.def, by rank. */
static const struct detector {
	enum input_kind kind;
	int rank;
	int (*detect)(const struct detect_window *w);
} detectors[] = {
#define INPUT(ID, stem, rank, steps) { INPUT_##ID, rank, detect_##stem },
#include "inputs.def"
};

enum input_kind detect_kind(const struct text *t)
{
	size_t n = t->len < DETECT_WINDOW ? t->len : DETECT_WINDOW;
	struct detect_window w = { t->buf, t->buf + n, NULL };
	const size_t nr = sizeof(detectors) / sizeof(*detectors);

	for (const char *line = w.buf; line < w.end && !w.first;) {
		const char *eol = memchr(line, '\n', (size_t)(w.end - line));
		if (!eol)
			eol = w.end;
		const char *s = skip_blank(line, eol);
		if (s < eol)
			w.first = s;
		line = eol + 1;
	}
	/* a handful of kinds: ranks are looked up, not sorted */
	for (int rank = 1; rank <= (int)nr; rank++)
		for (size_t i = 0; i < nr; i++)
			if (detectors[i].rank == rank && detectors[i].detect(&w))
				return detectors[i].kind;
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

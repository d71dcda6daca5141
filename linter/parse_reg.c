/*
 * parse_reg: registry exports (regedit's .reg files, and snippets of them
 * copied from documentation) into the model.
 *
 * The input is already decoded to UTF-8 with '\n' line ends (decode.h);
 * line numbers are those of the original file.  Grammar, one item per
 * line (ws is spaces, tabs, U+00A0 and a stray U+FEFF; ws around every
 * item below is allowed and ignored; names and roots are ASCII
 * case-insensitive):
 *
 *   file     = { blank | comment | header | key | value }
 *   blank    = ws*
 *   comment  = ";" any*
 *   header   = "Windows Registry Editor Version 5.00"          (hex(2)/(7) bytes are UTF-16LE)
 *            | "REGEDIT4"                                      (hex(2)/(7) bytes are 8-bit)
 *   key      = "[" [ "-" ] root [ ":" ] { "\" subkey } "]" [ comment ]
 *   root     = "HKEY_LOCAL_MACHINE" | "HKLM" | "HKEY_CURRENT_USER" | "HKCU"
 *            | "HKEY_CLASSES_ROOT" | "HKCR" | "HKEY_USERS" | "HKU"
 *            | "HKEY_CURRENT_CONFIG" | "HKCC"
 *   value    = ( quoted | "@" ) "=" data [ comment ]            ("@" is the default value, name "")
 *   quoted   = '"' { char | '\\' | '\"' } '"'                  (on one line; other '\' pairs are kept)
 *   '"'      = '"' | a typographic double quote: U+201C, U+201D,
 *              U+201E or U+2033 (text pasted from a blog; see below)
 *   data     = quoted                                          REG_SZ
 *            | "dword:" hexdigit{1,8}                          REG_DWORD
 *            | "hex" [ "(" hexdigit{1,8} ")" ] ":" bytes       REG_BINARY, or type n
 *            | "-"                                             the value is deleted
 *   bytes    = [ byte { [ "," ] cont byte | "," byte } [ "," ] [ cont ] ]
 *   cont     = "\" NL { blank }                               (a continuation line)
 *   byte     = hexdigit{1,2}
 *
 * A key ends at the first "]" followed by a comment, else at the last
 * "]" of the line, so "[...\[::]:443]" works.  A "\" at the end of a
 * byte list continues it on the next non-blank line; the value keeps the
 * line number of its first line.  hex(4), hex(5) and hex(b) must hold 4,
 * 4 and 8 bytes and give the number; hex(1), hex(2) and hex(6) give the
 * string up to its NUL, hex(7) the items up to the empty one, joined by
 * '\n'; the bytes are kept too.  The header may be missing (a snippet:
 * one warning) and may appear again later (concatenated exports).
 * "[HKLM:\...]" (PowerShell drive form) is read as
 * "[HKEY_LOCAL_MACHINE\...]" with one warning per file.
 *
 * Typographic quotes: a word processor or a blog turns '"' into the
 * quotes of its language (“Enabled”, „Enabled“, ″Enabled″), and admins
 * paste that.  regedit takes only '"', so reg import refuses such a
 * file; we read each as '"', with one warning per file at the first one
 * used, and say so.  A line that reads as regedit reads it (ASCII quotes
 * only, the closing one followed by what must follow) is read that way,
 * so a typographic quote inside a string stays part of it; otherwise
 * either kind opens, and the closing quote is the first of either kind
 * followed by '=' (a name) or by the end of the line or a comment (data),
 * else the first of either kind.  "\" before a typographic quote makes it
 * a '"' inside the string, as "\"" does.
 *
 * HTTP.sys keys: a key at or under
 * HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters marks the
 * export as holding the bindings (m->origins).  The values of ...\SslBindingInfo\<ip:port>,
 * ...\SslSniBindingInfo\<host:port> and ...\SslCcsBindingInfo\<port>
 * become a binding view, not registry values: one field per
 * binding_fields.def entry (every BFK_BOOL field of one value from its
 * bit), a value of the wrong type or length is an error and leaves the
 * field unreadable (valid = 0), "name"=- states the field absent, and an
 * unknown name is kept as an extra field.  When such a key ends, every
 * field it did not state is stated absent at its [key] line, with the
 * value the registry's absent 0 gives.  Every other value goes to
 * model_add_reg_value().
 *
 * Recovery: every problem is a diagnostic with its line (and column when
 * there is a spot to point at); parsing goes on at the next line.
 *   - a value whose data cannot be read is still recorded, with valid = 0;
 *     the rest of its continuation lines is skipped;
 *   - a continued value whose next non-blank line is a key, a value or a
 *     comment is unterminated (error at the value's line); that line is
 *     then read as usual; the same at the end of the file;
 *   - after a malformed key line (one error), a key deletion "[-...]" (a
 *     note) or a binding key with a malformed endpoint, the values up to
 *     the next key are skipped without further diagnostics;
 *   - a value before any key is an error and is skipped;
 *   - any other line is an error naming what was expected.
 * Quoted subjects in messages are cut after SHOW_MAX bytes ("...").
 * The parser never keeps more than the current value in memory besides
 * the model, and reads each byte a bounded number of times.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "strbuf.h"
#include "util.h"

#define DIAG_ID "parse.reg"
#define HEADER_5 "Windows Registry Editor Version 5.00"
#define HEADER_4 "REGEDIT4"
#define HTTP_PARAMS "HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"

/* ---- UTF-8 helpers ---- */

#define SHOW_MAX 60

/* How many of the n bytes at s to show: at most SHOW_MAX, cut on a character boundary. */
static int show_len(const char *s, size_t n)
{
	if (n <= SHOW_MAX)
		return (int)n;
	size_t k = SHOW_MAX;
	while (k && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return (int)k;
}

/* "%.*s%s" arguments: the subject, cut with "..." when long. */
#define SHOW(s, n) show_len((s), (n)), (s), ((size_t)(n) > SHOW_MAX ? "..." : "")
/* The same for a value's name. */
#define NAME(v) SHOW((v)->name, strlen((v)->name))

static void put_utf8(struct strbuf *b, uint32_t cp)
{
	char u[4];
	if (cp < 0x80) {
		u[0] = (char)cp;
		strbuf_add(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(b, u, 4);
	}
}

/* Windows-1252 0x80..0x9F (REGEDIT4 string bytes); undefined bytes map to U+FFFD. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/*
 * Decodes registry string data into out: UTF-16LE (wide) or 8-bit
 * Windows-1252.  A single string stops at its NUL; a multi-string's
 * items end at each NUL, the list at the first empty item, and are
 * joined by '\n'.  A dangling odd byte of UTF-16 is ignored.
 */
static void decode_string_data(struct strbuf *out, const unsigned char *b, size_t n,
			       int wide, int multi)
{
	size_t step = wide ? 2 : 1;
	size_t item_len = 0;
	int need_sep = 0;

	strbuf_reset(out);
	for (size_t i = 0; i + step <= n; i += step) {
		uint32_t cp;
		if (wide) {
			cp = (uint32_t)(b[i] | b[i + 1] << 8);
			if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < n) {
				uint32_t lo = (uint32_t)(b[i + 2] | b[i + 3] << 8);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					i += 2;
				} else {
					cp = 0xFFFD;
				}
			} else if (cp >= 0xD800 && cp <= 0xDFFF) {
				cp = 0xFFFD;
			}
		} else {
			cp = b[i];
			if (cp >= 0x80 && cp < 0xA0)
				cp = cp1252_high[cp - 0x80];
		}
		if (!cp) {
			if (!multi || !item_len)
				return;
			need_sep = 1;
			item_len = 0;
			continue;
		}
		if (need_sep) {
			strbuf_addch(out, '\n');
			need_sep = 0;
		}
		put_utf8(out, cp);
		item_len++;
	}
}

/* ---- the parser ---- */

enum key_state {
	KEY_NONE,                /* no key line yet: a value is an error */
	KEY_OK,                  /* values belong to p->key (and p->view) */
	KEY_SKIP,                /* values are skipped silently */
};

enum header_state {
	HDR_UNSEEN,
	HDR_SEEN,
	HDR_MISSING,
};

struct parser {
	struct model *m;
	const char *file;
	const struct text *t;
	struct diag_list *diags;

	size_t pos;
	struct line iter;        /* text_next_line()'s state */
	struct line pushed;      /* a line read ahead and given back */
	int has_pushed;

	int wide;                /* hex(2)/hex(7) bytes are UTF-16LE (version 5.00) */
	enum header_state header;
	int saw_key_line;
	int warned_drive;
	int warned_typographic;
	int quiet;               /* skipping: no diagnostics */

	enum key_state kstate;
	const char *key;         /* canonical, in the model arena */
	struct srcloc keyloc;
	struct binding_view *view;

	struct strbuf name, str, bytes, keybuf, msg, render;
};

/* A position in the current line; e is the end with trailing ws trimmed. */
struct cur {
	struct line line;
	const char *s, *e;
};

/* One value as read. */
struct pval {
	const char *name;        /* in p->name */
	int type;
	int deleted;
	int valid;
	int has_str;             /* str in p->str */
	int has_bytes;           /* bytes in p->bytes */
	uint64_t num;
	struct srcloc loc;       /* the value's first line */
	const char *raw;         /* its data as written on the first line */
	size_t raw_len;
	uint32_t data_col;
};

static int next_line(struct parser *p, struct line *l)
{
	if (p->has_pushed) {
		*l = p->pushed;
		p->has_pushed = 0;
		return 1;
	}
	if (!text_next_line(p->t, &p->pos, &p->iter))
		return 0;
	*l = p->iter;
	return 1;
}

static void push_back(struct parser *p, const struct line *l)
{
	p->pushed = *l;
	p->has_pushed = 1;
}

/* Bytes of whitespace at s (0 when none). */
static size_t ws_at(const char *s, const char *e)
{
	const unsigned char *u = (const unsigned char *)s;
	if (s >= e)
		return 0;
	if (*u == ' ' || *u == '\t' || *u == '\r' || *u == '\v' || *u == '\f')
		return 1;
	if (e - s >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;        /* U+00A0, pasted from web pages */
	if (e - s >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return 3;        /* U+FEFF, a stray BOM */
	return 0;
}

static const char *skip_ws(const char *s, const char *e)
{
	size_t n;
	while ((n = ws_at(s, e)))
		s += n;
	return s;
}

static const char *trim_end(const char *s, const char *e)
{
	while (e > s) {
		const unsigned char *u = (const unsigned char *)e;
		if (u[-1] == ' ' || u[-1] == '\t' || u[-1] == '\r' || u[-1] == '\v' || u[-1] == '\f')
			e--;
		else if (e - s >= 2 && u[-2] == 0xC2 && u[-1] == 0xA0)
			e -= 2;
		else
			break;
	}
	return e;
}

static int starts_ci(const char *s, const char *e, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(e - s) >= n && str_nieq(s, prefix, n);
}

size_t reg_quote_at(const char *s, const char *e)
{
	const unsigned char *u = (const unsigned char *)s;
	if (s >= e)
		return 0;
	if (*u == '"')
		return 1;
	if (e - s >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0x9C || u[2] == 0x9D || u[2] == 0x9E || u[2] == 0xB3))
		return 3;
	return 0;
}

/* Whether a line starting at s (past its white space) is a value line. */
static int value_start(const char *s, const char *e)
{
	return reg_quote_at(s, e) || (s < e && *s == '@');
}

static struct srcloc loc_at(const struct parser *p, const struct line *l,
			    const char *at, const char *path)
{
	struct srcloc loc = { p->file, l->no, at ? text_col(l->s, at) : 0, path };
	return loc;
}

__attribute__((format(printf, 4, 5)))
static void report(struct parser *p, enum severity level, const struct srcloc *loc,
		   const char *fmt, ...)
{
	va_list ap;
	if (p->quiet)
		return;
	strbuf_reset(&p->msg);
	va_start(ap, fmt);
	strbuf_vaddf(&p->msg, fmt, ap);
	va_end(ap);
	diag_input(p->diags, DIAG_ID, level, loc, "%s", p->msg.buf);
}

static const char *type_name(int type, char tmp[32])
{
	static const char *const names[] = {
		"REG_NONE", "REG_SZ", "REG_EXPAND_SZ", "REG_BINARY", "REG_DWORD",
		"REG_DWORD_BIG_ENDIAN", "REG_LINK", "REG_MULTI_SZ", "REG_RESOURCE_LIST",
		"REG_FULL_RESOURCE_DESCRIPTOR", "REG_RESOURCE_REQUIREMENTS_LIST", "REG_QWORD",
	};
	if (type >= 0 && (size_t)type < sizeof(names) / sizeof(*names))
		return names[type];
	snprintf(tmp, 32, "hex(%x)", (unsigned)type);
	return tmp;
}

/* ---- the header ---- */

/* 5 or 4 for a header line, -1 for an unknown "Windows Registry Editor" line, 0 otherwise. */
static int header_version(const char *s, const char *e)
{
	if ((size_t)(e - s) == strlen(HEADER_5) && starts_ci(s, e, HEADER_5))
		return 5;
	if ((size_t)(e - s) == strlen(HEADER_4) && starts_ci(s, e, HEADER_4))
		return 4;
	if (starts_ci(s, e, "Windows Registry Editor"))
		return -1;
	return 0;
}

/* ---- keys ---- */

static const struct {
	const char *name;
	enum endpoint_kind kind;
} binding_dirs[] = {
	{ "SslBindingInfo", EP_IPPORT },
	{ "SslSniBindingInfo", EP_HOSTNAMEPORT },
	{ "SslCcsBindingInfo", EP_CCS },
};

/* States every field the binding key did not state as absent, at the key line. */
static void finish_key(struct parser *p)
{
	if (p->view) {
		for (int i = 0; i < BF__COUNT; i++) {
			if (p->view->f[i].stated)
				continue;
			uint32_t num = bfield_table[i].kind == BFK_BOOL && bfield_table[i].inverted;
			binding_view_set(p->m, p->view, (enum bfield_id)i, &p->keyloc,
					 "(absent)", NULL, num, 1);
		}
	}
	p->view = NULL;
	p->key = NULL;
	p->kstate = KEY_NONE;
}

/* A key at or under HTTP\Parameters: note the origin, start a binding view for a binding key. */
static void http_key(struct parser *p, const char *key)
{
	size_t pl = strlen(HTTP_PARAMS);
	size_t kl = strlen(key);
	if (kl < pl || !str_nieq(key, HTTP_PARAMS, pl) || (key[pl] && key[pl] != '\\'))
		return;
	p->m->origins |= ORIGIN_REG;
	if (!key[pl])
		return;
	const char *rest = key + pl + 1;
	for (size_t i = 0; i < sizeof(binding_dirs) / sizeof(*binding_dirs); i++) {
		size_t dl = strlen(binding_dirs[i].name);
		if (strlen(rest) <= dl + 1 || !str_nieq(rest, binding_dirs[i].name, dl) ||
		    rest[dl] != '\\' || strchr(rest + dl + 1, '\\'))
			continue;
		p->view = model_add_binding_view(p->m, binding_dirs[i].kind, rest + dl + 1,
						 ORIGIN_REG, &p->keyloc, p->diags, DIAG_ID);
		if (!p->view)
			p->kstate = KEY_SKIP;
		return;
	}
}

static void key_line(struct parser *p, const struct line *l, const char *s, const char *e)
{
	const char *ks = s + 1, *ke = NULL;
	struct srcloc loc;

	finish_key(p);
	p->kstate = KEY_SKIP;

	/* the key ends at the first ']' followed by a comment, else at the last ']' */
	for (const char *q = ks; q < e && !ke; q++) {
		if (*q != ']')
			continue;
		const char *r = skip_ws(q + 1, e);
		if (r < e && *r == ';')
			ke = q;
	}
	if (!ke && e - s >= 2 && e[-1] == ']')
		ke = e - 1;
	if (!ke) {
		const char *last = NULL;
		for (const char *q = ks; q < e; q++)
			if (*q == ']')
				last = q;
		if (last) {
			const char *junk = skip_ws(last + 1, e);
			loc = loc_at(p, l, junk, NULL);
			report(p, SEV_ERROR, &loc,
			       "unexpected text '%.*s%s' after key '%.*s%s': expected the end of the line",
			       SHOW(junk, (size_t)(e - junk)), SHOW(s, (size_t)(last + 1 - s)));
		} else {
			loc = loc_at(p, l, e, NULL);
			report(p, SEV_ERROR, &loc,
			       "unterminated key '%.*s%s': expected ']' at the end of the line",
			       SHOW(s, (size_t)(e - s)));
		}
		return;
	}

	int deletion = ks < ke && *ks == '-';
	if (deletion)
		ks++;
	if (ks == ke) {
		loc = loc_at(p, l, s, NULL);
		report(p, SEV_ERROR, &loc, "empty key '%.*s': expected a key path such as "
		       "'[HKEY_LOCAL_MACHINE\\SYSTEM]'", (int)(ke + 1 - s), s);
		return;
	}
	if (deletion) {
		loc = loc_at(p, l, s, NULL);
		report(p, SEV_NOTE, &loc,
		       "key deletion '%.*s%s' ignored: a snapshot describes existing keys",
		       SHOW(s, (size_t)(ke + 1 - s)));
		return;
	}

	const char *re = ks;
	while (re < ke && *re != '\\')
		re++;
	size_t rl = (size_t)(re - ks);
	int drive = rl > 1 && ks[rl - 1] == ':';
	if (drive)
		rl--;
	size_t r;
	for (r = 0; r < REG_ROOTS_NR; r++)
		if ((rl == strlen(reg_roots[r].longname) && str_nieq(ks, reg_roots[r].longname, rl)) ||
		    (rl == strlen(reg_roots[r].shortname) && str_nieq(ks, reg_roots[r].shortname, rl)))
			break;
	if (r == REG_ROOTS_NR) {
		loc = loc_at(p, l, ks, NULL);
		report(p, SEV_ERROR, &loc,
		       "unknown root '%.*s%s' of key '%.*s%s': expected HKEY_LOCAL_MACHINE, "
		       "HKEY_CURRENT_USER, HKEY_CLASSES_ROOT, HKEY_USERS or HKEY_CURRENT_CONFIG",
		       SHOW(ks, (size_t)(re - ks)), SHOW(s, (size_t)(ke + 1 - s)));
		return;
	}
	if (drive && !p->warned_drive) {
		loc = loc_at(p, l, ks, NULL);
		report(p, SEV_WARNING, &loc,
		       "key written in PowerShell drive form '%.*s:\\'; read as '%s\\' "
		       "(here and in the later keys of this file)",
		       (int)rl, ks, reg_roots[r].longname);
		p->warned_drive = 1;
	}

	strbuf_reset(&p->keybuf);
	strbuf_addstr(&p->keybuf, reg_roots[r].shortname);
	strbuf_add(&p->keybuf, re, (size_t)(ke - re));
	const char *key = reg_canonical_key(p->m, p->keybuf.buf);

	p->keyloc = loc_at(p, l, NULL, key);
	model_add_reg_key(p->m, key, &p->keyloc);
	p->key = key;
	p->kstate = KEY_OK;
	http_key(p, key);
}

/* ---- values ---- */

/*
 * Reads a quoted string at c->s (the opening '"') as regedit does, into
 * out, undoing the \\ and \" escapes.  Returns 0 with c->s after the
 * closing quote, or -1 (c->s unchanged) when the line ends first.
 */
static int read_regedit_quoted(struct cur *c, struct strbuf *out)
{
	const char *q = c->s + 1, *run = q;
	strbuf_reset(out);
	while (q < c->e) {
		if (*q == '\\' && q + 1 < c->e && (q[1] == '\\' || q[1] == '"')) {
			strbuf_add(out, run, (size_t)(q - run));
			strbuf_addch(out, q[1]);
			q += 2;
			run = q;
		} else if (*q == '"') {
			strbuf_add(out, run, (size_t)(q - run));
			c->s = q + 1;
			return 0;
		} else {
			q++;
		}
	}
	return -1;
}

/*
 * Whether a closing quote ending at q is followed by what must follow
 * it: '=' after a value name; the end of the line or a comment after
 * string data.
 */
static int closes_here(const char *q, const char *e, int name)
{
	q = skip_ws(q, e);
	if (name)
		return q < e && *q == '=';
	return q == e || *q == ';';
}

static int has_typographic(const char *s, const char *e)
{
	for (; s < e; s++)
		if (reg_quote_at(s, e) > 1)
			return 1;
	return 0;
}

/* Bytes of the escape "\\" or "\" + a quote of either kind at q, 0 for none. */
static size_t escape_at(const char *q, const char *e)
{
	if (q >= e || *q != '\\' || q + 1 >= e)
		return 0;
	if (q[1] == '\\')
		return 2;
	size_t k = reg_quote_at(q + 1, e);
	return k ? 1 + k : 0;
}

/* The one warning per file for typographic quotes, at the first one read as '"'. */
static void warn_typographic(struct parser *p, const struct line *l, const char *at)
{
	if (p->warned_typographic || p->quiet)
		return;
	struct srcloc loc = loc_at(p, l, at, p->key);
	report(p, SEV_WARNING, &loc,
	       "typographic quote '%.3s' read as '\"' (here and in the rest of this file); "
	       "regedit itself would refuse this file: reg import needs ASCII quotes", at);
	p->warned_typographic = 1;
}

/*
 * Reads a quoted value name (name = 1) or string data (name = 0) at c->s
 * into out, undoing the escapes; typographic quotes count as '"' (see
 * the top comment).  Returns 0 with c->s after the closing quote, or -1
 * (c->s unchanged) when the line ends first.
 */
static int read_quoted(struct parser *p, struct cur *c, struct strbuf *out, int name)
{
	const char *open = c->s, *e = c->e;
	size_t open_len = reg_quote_at(open, e);

	if (open_len == 1) {
		struct cur strict = *c;
		int ret = read_regedit_quoted(&strict, out);
		if ((!ret && closes_here(strict.s, e, name)) || !has_typographic(open + 1, e)) {
			*c = strict;
			return ret;
		}
	}

	/* the closing quote: the first followed by what must follow, else the first */
	const char *q = open + open_len, *close = NULL, *first = NULL;
	size_t k, close_len = 0, first_len = 0;
	while (q < e) {
		if ((k = escape_at(q, e))) {
			q += k;
			continue;
		}
		if (!(k = reg_quote_at(q, e))) {
			q++;
			continue;
		}
		if (!first) {
			first = q;
			first_len = k;
		}
		if (closes_here(q + k, e, name)) {
			close = q;
			close_len = k;
			break;
		}
		q += k;
	}
	if (!close) {
		close = first;
		close_len = first_len;
	}
	if (!close)
		return -1;

	const char *typographic = open_len > 1 ? open : NULL, *run = open + open_len;
	strbuf_reset(out);
	for (q = run; q < close;) {
		if (!(k = escape_at(q, close))) {
			q++;
			continue;
		}
		strbuf_add(out, run, (size_t)(q - run));
		strbuf_addch(out, q[1] == '\\' ? '\\' : '"');
		if (k > 2 && !typographic)
			typographic = q + 1;
		q += k;
		run = q;
	}
	strbuf_add(out, run, (size_t)(close - run));
	if (close_len > 1 && !typographic)
		typographic = close;
	if (typographic)
		warn_typographic(p, &c->line, typographic);
	c->s = close + close_len;
	return 0;
}

/* After the data: nothing, or a comment.  Marks the value invalid otherwise. */
static int end_of_data(struct parser *p, struct cur *c, struct pval *v)
{
	c->s = skip_ws(c->s, c->e);
	if (c->s == c->e || *c->s == ';')
		return 0;
	struct srcloc loc = loc_at(p, &c->line, c->s, p->key);
	report(p, SEV_ERROR, &loc, "unexpected text '%.*s%s' after the data of value '%.*s%s'",
	       SHOW(c->s, (size_t)(c->e - c->s)), NAME(v));
	v->valid = 0;
	return -1;
}

/*
 * Moves to the line that continues a value: the next non-blank one.
 * Returns -1 (and gives the line back) when that line is a key, a value
 * or a comment, or when the file ends.
 */
static int next_continuation(struct parser *p, struct cur *c, struct pval *v)
{
	struct line l;
	while (next_line(p, &l)) {
		const char *s = skip_ws(l.s, l.s + l.len), *e = trim_end(s, l.s + l.len);
		if (s == e)
			continue;
		if (*s == '[' || *s == ';' || value_start(s, e)) {
			push_back(p, &l);
			report(p, SEV_ERROR, &v->loc,
			       "unterminated value '%.*s%s': its data ends with '\\' but line %u does not continue it",
			       NAME(v), (unsigned)l.no);
			return -1;
		}
		c->line = l;
		c->s = s;
		c->e = e;
		return 0;
	}
	report(p, SEV_ERROR, &v->loc,
	       "unterminated value '%.*s%s': the file ends after its '\\' continuation", NAME(v));
	return -1;
}

/* After a value that could not be read: skips the rest of its continuation lines. */
static void skip_continuation(struct parser *p, const struct cur *c)
{
	struct line l;
	if (c->e == c->line.s || c->e[-1] != '\\')
		return;
	while (next_line(p, &l)) {
		const char *s = skip_ws(l.s, l.s + l.len), *e = trim_end(s, l.s + l.len);
		if (s == e)
			continue;
		if (*s == '[' || *s == ';' || value_start(s, e)) {
			push_back(p, &l);
			return;
		}
		if (e[-1] != '\\')
			return;
	}
}

static int is_byte_end(char ch)
{
	return ch == ',' || ch == '\\' || ch == ';';
}

/* The comma-separated bytes of a hex value, over continuation lines, into p->bytes. */
static int read_bytes(struct parser *p, struct cur *c, struct pval *v)
{
	struct srcloc loc;
	strbuf_reset(&p->bytes);
	for (;;) {
		c->s = skip_ws(c->s, c->e);
		if (c->s == c->e || *c->s == ';')
			return 0;
		if (*c->s == '\\') {
			const char *after = skip_ws(c->s + 1, c->e);
			if (after != c->e) {
				loc = loc_at(p, &c->line, after, p->key);
				report(p, SEV_ERROR, &loc,
				       "unexpected text '%.*s%s' after '\\' in value '%.*s%s': "
				       "expected the end of the line",
				       SHOW(after, (size_t)(c->e - after)), NAME(v));
				return -1;
			}
			if (next_continuation(p, c, v))
				return -1;
			continue;
		}
		const char *b = c->s, *be = b;
		while (be < c->e && !is_byte_end(*be) && !ws_at(be, c->e))
			be++;
		size_t n = (size_t)(be - b);
		if (n < 1 || n > 2 || hex_digit((unsigned char)b[0]) < 0 ||
		    (n == 2 && hex_digit((unsigned char)b[1]) < 0)) {
			loc = loc_at(p, &c->line, b, p->key);
			if (n)
				report(p, SEV_ERROR, &loc,
				       "malformed byte '%.*s%s' in value '%.*s%s': expected two hex digits",
				       SHOW(b, n), NAME(v));
			else
				report(p, SEV_ERROR, &loc,
				       "missing byte before ',' in value '%.*s%s': expected two hex digits",
				       NAME(v));
			return -1;
		}
		int byte = n == 2 ? hex_digit((unsigned char)b[0]) << 4 | hex_digit((unsigned char)b[1])
				  : hex_digit((unsigned char)b[0]);
		strbuf_addch(&p->bytes, (char)byte);
		c->s = skip_ws(be, c->e);
		if (c->s < c->e && *c->s == ',') {
			c->s++;
			continue;
		}
		if (c->s < c->e && *c->s != ';' && *c->s != '\\') {
			loc = loc_at(p, &c->line, c->s, p->key);
			report(p, SEV_ERROR, &loc,
			       "missing ',' before '%.*s%s' in value '%.*s%s'",
			       SHOW(c->s, (size_t)(c->e - c->s)), NAME(v));
			return -1;
		}
	}
}

static uint64_t le_number(const unsigned char *b, size_t n)
{
	uint64_t x = 0;
	for (size_t i = n; i-- > 0;)
		x = x << 8 | b[i];
	return x;
}

/* Gives a hex value's number or string, from its bytes and type. */
static void decode_hex(struct parser *p, struct pval *v)
{
	const unsigned char *b = (const unsigned char *)p->bytes.buf;
	size_t n = p->bytes.len;
	size_t want = 0;
	char tmp[32];

	switch (v->type) {
	case REGT_SZ:
	case REGT_EXPAND_SZ:
	case REGT_LINK:
	case REGT_MULTI_SZ:
		decode_string_data(&p->str, b, n, p->wide, v->type == REGT_MULTI_SZ);
		v->has_str = 1;
		return;
	case REGT_DWORD:
	case REGT_DWORD_BIG_ENDIAN:
		want = 4;
		break;
	case REGT_QWORD:
		want = 8;
		break;
	default:
		return;
	}
	if (n != want) {
		report(p, SEV_ERROR, &v->loc,
		       "wrong length of %s value '%.*s%s': expected %zu bytes, got %zu",
		       type_name(v->type, tmp), NAME(v), want, n);
		v->valid = 0;
		return;
	}
	if (v->type == REGT_DWORD_BIG_ENDIAN)
		v->num = (uint64_t)b[0] << 24 | (uint64_t)b[1] << 16 | (uint64_t)b[2] << 8 | b[3];
	else
		v->num = le_number(b, n);
}

/* hex:... or hex(n):... at c->s. */
static int read_hex(struct parser *p, struct cur *c, struct pval *v)
{
	const char *q = c->s + 3;
	v->type = REGT_BINARY;
	if (q < c->e && *q == '(') {
		const char *ds = ++q;
		uint32_t type = 0;
		while (q < c->e && hex_digit((unsigned char)*q) >= 0)
			type = type << 4 | (uint32_t)hex_digit((unsigned char)*q++);
		if (q == ds || q - ds > 8 || q >= c->e || *q != ')' || q + 1 >= c->e || q[1] != ':') {
			const char *te = c->s;
			while (te < c->e && *te != ':' && !ws_at(te, c->e))
				te++;
			struct srcloc loc = loc_at(p, &c->line, c->s, p->key);
			report(p, SEV_ERROR, &loc,
			       "malformed type '%.*s%s' of value '%.*s%s': expected 'hex(n):' with n in hex",
			       SHOW(c->s, (size_t)(te - c->s)), NAME(v));
			v->type = REGT_NONE;
			return -1;
		}
		v->type = (int)(type & 0x7fffffff);
		q += 2;
	} else {
		q++;     /* the ':' checked by the caller */
	}
	c->s = q;
	if (read_bytes(p, c, v))
		return -1;
	v->has_bytes = 1;
	decode_hex(p, v);
	return 0;
}

static int read_dword(struct parser *p, struct cur *c, struct pval *v)
{
	const char *ds = c->s + 6, *de = ds;
	v->type = REGT_DWORD;
	while (de < c->e && *de != ';' && !ws_at(de, c->e))
		de++;
	size_t n = (size_t)(de - ds);
	int ok = n >= 1 && n <= 8;
	for (const char *q = ds; ok && q < de; q++)
		ok = hex_digit((unsigned char)*q) >= 0;
	if (!ok) {
		struct srcloc loc = loc_at(p, &c->line, ds, p->key);
		report(p, SEV_ERROR, &loc, "malformed dword '%.*s%s': expected 1 to 8 hex digits",
		       SHOW(ds, n));
		v->valid = 0;
		return -1;
	}
	for (const char *q = ds; q < de; q++)
		v->num = v->num << 4 | (uint64_t)hex_digit((unsigned char)*q);
	c->s = de;
	return end_of_data(p, c, v);
}

/*
 * The data after '=': fills v; returns -1 when it could not be read (then
 * v->valid is 0 and a diagnostic was given).
 */
static int read_data(struct parser *p, struct cur *c, struct pval *v)
{
	struct srcloc loc;
	const char *d = c->s;
	int ret;

	v->raw = d;
	v->raw_len = (size_t)(c->e - d);
	v->data_col = text_col(c->line.s, d);
	if (d == c->e || *d == ';') {
		loc = loc_at(p, &c->line, d, p->key);
		report(p, SEV_ERROR, &loc, "missing data of value '%.*s%s': expected '\"string\"', "
		       "'dword:', 'hex:', 'hex(n):' or '-'", NAME(v));
		ret = -1;
	} else if (reg_quote_at(d, c->e)) {
		v->type = REGT_SZ;
		if (read_quoted(p, c, &p->str, 0)) {
			loc = loc_at(p, &c->line, d, p->key);
			report(p, SEV_ERROR, &loc,
			       "unterminated string in value '%.*s%s': expected a closing '\"' on this line",
			       NAME(v));
			ret = -1;
		} else {
			v->has_str = 1;
			ret = end_of_data(p, c, v);
		}
	} else if (*d == '-') {
		v->deleted = 1;
		c->s++;
		ret = end_of_data(p, c, v);
	} else if (starts_ci(d, c->e, "dword:")) {
		ret = read_dword(p, c, v);
	} else if (starts_ci(d, c->e, "hex:") || starts_ci(d, c->e, "hex(")) {
		ret = read_hex(p, c, v);
	} else {
		const char *te = d;
		while (te < c->e && *te != ':' && *te != ';' && !ws_at(te, c->e))
			te++;
		loc = loc_at(p, &c->line, d, p->key);
		report(p, SEV_ERROR, &loc, "unknown value type '%.*s%s' of value '%.*s%s': expected "
		       "'\"string\"', 'dword:', 'hex:', 'hex(n):' or '-'",
		       SHOW(d, (size_t)(te - d)), NAME(v));
		ret = -1;
	}
	if (ret)
		v->valid = 0;
	return ret;
}

/* The value in registry syntax, for messages and unknown binding values. */
static const char *render_value(struct parser *p, const struct pval *v)
{
	struct strbuf *b = &p->render;
	strbuf_reset(b);
	if (v->deleted) {
		strbuf_addch(b, '-');
	} else if (!v->valid) {
		size_t n = (size_t)show_len(v->raw, v->raw_len);
		strbuf_add(b, v->raw, n);
		if (n < v->raw_len)
			strbuf_addstr(b, "...");
	} else if (v->has_bytes) {
		size_t n = p->bytes.len, shown = n > 256 ? 256 : n;
		if (v->type == REGT_BINARY)
			strbuf_addstr(b, "hex:");
		else
			strbuf_addf(b, "hex(%x):", (unsigned)v->type);
		for (size_t i = 0; i < shown; i++)
			strbuf_addf(b, "%s%02x", i ? "," : "", (unsigned char)p->bytes.buf[i]);
		if (shown < n)
			strbuf_addstr(b, ",...");
	} else if (v->type == REGT_SZ) {
		strbuf_addch(b, '"');
		for (const char *s = p->str.buf; *s; s++) {
			if (*s == '"' || *s == '\\')
				strbuf_addch(b, '\\');
			strbuf_addch(b, *s);
		}
		strbuf_addch(b, '"');
	} else {
		strbuf_addf(b, "dword:%08x", (unsigned)v->num);
	}
	return b->buf;
}

static const char *field_expects(enum bfield_kind kind)
{
	switch (kind) {
	case BFK_HASH:
		return "REG_BINARY ('hex:') of 20 bytes";
	case BFK_GUID:
		return "REG_BINARY ('hex:') of 16 bytes";
	case BFK_STR:
		return "REG_SZ ('\"...\"')";
	case BFK_U32:
	case BFK_BOOL:
		return "REG_DWORD ('dword:')";
	}
	BUG("bad field kind");
}

/* One binding field from a value of the binding key. */
static void binding_field(struct parser *p, const struct pval *v, enum bfield_id id,
			  const char *rendering, int *reported)
{
	const struct bfield_info *fi = &bfield_table[id];
	char tmp[32], text[48];
	size_t want = 0;
	int expected_type = REGT_DWORD;

	if (v->deleted) {
		uint32_t num = fi->kind == BFK_BOOL && fi->inverted;
		binding_view_set(p->m, p->view, id, &v->loc, "(deleted)", NULL, num, 1);
		return;
	}
	if (!v->valid) {
		binding_view_set(p->m, p->view, id, &v->loc, rendering, NULL, 0, 0);
		return;
	}
	switch (fi->kind) {
	case BFK_HASH:
		expected_type = REGT_BINARY;
		want = 20;
		break;
	case BFK_GUID:
		expected_type = REGT_BINARY;
		want = 16;
		break;
	case BFK_STR:
		expected_type = REGT_SZ;
		break;
	case BFK_U32:
	case BFK_BOOL:
		break;
	}
	if (v->type != expected_type || (want && p->bytes.len != want)) {
		if (!*reported) {
			struct srcloc loc = v->loc;
			loc.col = v->data_col;
			if (v->type != expected_type)
				report(p, SEV_ERROR, &loc, "wrong type of '%.*s%s': expected %s, got %s",
				       NAME(v), field_expects(fi->kind), type_name(v->type, tmp));
			else
				report(p, SEV_ERROR, &loc, "wrong length of '%.*s%s': expected %s, got %zu bytes",
				       NAME(v), field_expects(fi->kind), p->bytes.len);
			*reported = 1;
		}
		binding_view_set(p->m, p->view, id, &v->loc, rendering, NULL, 0, 0);
		return;
	}

	const unsigned char *b = (const unsigned char *)p->bytes.buf;
	char hex[41], guid[39];
	switch (fi->kind) {
	case BFK_HASH:
		hex_encode(b, 20, hex);
		binding_view_set(p->m, p->view, id, &v->loc, hex, hex, 0, 1);
		break;
	case BFK_GUID:
		guid_from_bytes(b, guid);
		binding_view_set(p->m, p->view, id, &v->loc, guid, guid, 0, 1);
		break;
	case BFK_STR: {
		const char *s = p->str.buf;
		binding_view_set(p->m, p->view, id, &v->loc, s, *s ? s : NULL, 0, 1);
		break;
	}
	case BFK_U32:
	case BFK_BOOL: {
		uint32_t x = (uint32_t)v->num;
		uint32_t num = fi->kind == BFK_U32 ? x : (uint32_t)(((x & fi->mask) != 0) ^ (fi->inverted != 0));
		snprintf(text, sizeof(text), "dword:%08x", (unsigned)x);
		binding_view_set(p->m, p->view, id, &v->loc, text, NULL, num, 1);
		break;
	}
	}
}

static void binding_value(struct parser *p, const struct pval *v)
{
	const char *rendering = render_value(p, v);
	int matched = 0, reported = 0;
	for (int i = 0; i < BF__COUNT; i++) {
		if (!str_ieq(v->name, bfield_table[i].regname))
			continue;
		matched = 1;
		binding_field(p, v, (enum bfield_id)i, rendering, &reported);
	}
	if (!matched)
		binding_view_add_extra(p->m, p->view, *v->name ? v->name : "@", rendering, &v->loc);
}

static void store_value(struct parser *p, const struct pval *v)
{
	if (p->view) {
		binding_value(p, v);
		return;
	}
	struct reg_value rv = {
		.key = p->key,
		.name = v->name,
		.type = v->type,
		.deleted = v->deleted,
		.valid = v->valid,
		.num = v->valid ? v->num : 0,
		.str = v->valid && v->has_str ? p->str.buf : NULL,
		.bytes = v->valid && v->has_bytes ? (const unsigned char *)p->bytes.buf : NULL,
		.len = v->valid && v->has_bytes ? p->bytes.len : 0,
		.loc = v->loc,
	};
	model_add_reg_value(p->m, &rv);
}

static void value_line(struct parser *p, const struct line *l, const char *s, const char *e)
{
	struct cur c = { *l, s, e };
	struct pval v = { .valid = 1 };
	struct srcloc loc;
	int saved_quiet = p->quiet;

	if (p->kstate == KEY_SKIP)
		p->quiet = 1;
	v.loc = loc_at(p, l, NULL, p->kstate == KEY_OK ? p->key : NULL);

	if (*s == '@') {
		strbuf_reset(&p->name);
		c.s = s + 1;
	} else if (read_quoted(p, &c, &p->name, 1)) {
		loc = loc_at(p, l, s, v.loc.path);
		report(p, SEV_ERROR, &loc,
		       "unterminated value name '%.*s%s': expected a closing '\"'",
		       SHOW(s, (size_t)(e - s)));
		goto skip;
	}
	v.name = p->name.buf;

	if (p->kstate == KEY_NONE) {
		loc = loc_at(p, l, s, NULL);
		report(p, SEV_ERROR, &loc,
		       "value '%.*s%s' outside a key: expected a '[key]' line before it", NAME(&v));
		p->quiet = 1;
	}

	c.s = skip_ws(c.s, c.e);
	if (c.s == c.e || *c.s != '=') {
		loc = loc_at(p, l, c.s, v.loc.path);
		report(p, SEV_ERROR, &loc, "missing '=' after value name '%.*s%s'", NAME(&v));
		goto skip;
	}
	c.s = skip_ws(c.s + 1, c.e);
	if (read_data(p, &c, &v))
		skip_continuation(p, &c);
	if (p->kstate == KEY_OK)
		store_value(p, &v);
	p->quiet = saved_quiet;
	return;

skip:
	skip_continuation(p, &c);
	p->quiet = saved_quiet;
}

int parse_reg(struct model *m, const char *file, const struct text *t,
	      struct diag_list *diags)
{
	struct parser p = {
		.m = m, .file = file, .t = t, .diags = diags,
		.wide = 1, .header = HDR_UNSEEN, .kstate = KEY_NONE,
		.name = STRBUF_INIT, .str = STRBUF_INIT, .bytes = STRBUF_INIT,
		.keybuf = STRBUF_INIT, .msg = STRBUF_INIT, .render = STRBUF_INIT,
	};
	size_t first = diags->nr;
	struct line l;
	struct srcloc loc;

	while (next_line(&p, &l)) {
		const char *s = skip_ws(l.s, l.s + l.len);
		const char *e = trim_end(s, l.s + l.len);
		if (s == e || *s == ';')
			continue;
		int version = header_version(s, e);
		if (version) {
			if (version < 0) {
				loc = loc_at(&p, &l, s, NULL);
				report(&p, SEV_WARNING, &loc,
				       "unknown header '%.*s%s'; read as '" HEADER_5 "'",
				       SHOW(s, (size_t)(e - s)));
			}
			p.wide = version != 4;
			if (!p.saw_key_line)
				p.header = HDR_SEEN;
			continue;
		}
		if (p.header == HDR_UNSEEN)
			p.header = HDR_MISSING;
		if (*s == '[') {
			if (p.header == HDR_MISSING && !p.saw_key_line) {
				struct srcloc top = { file, 1, 0, NULL };
				report(&p, SEV_WARNING, &top,
				       "missing header '" HEADER_5 "'; read as a registry snippet");
			}
			p.saw_key_line = 1;
			key_line(&p, &l, s, e);
		} else if (value_start(s, e)) {
			value_line(&p, &l, s, e);
		} else {
			loc = loc_at(&p, &l, s, NULL);
			report(&p, SEV_ERROR, &loc,
			       "unexpected line '%.*s%s': expected '[key]', '\"name\"=value' or a comment",
			       SHOW(s, (size_t)(e - s)));
		}
	}
	finish_key(&p);
	if (p.header != HDR_SEEN && !p.saw_key_line) {
		struct srcloc top = { file, 1, 0, NULL };
		report(&p, SEV_ERROR, &top,
		       "missing header '" HEADER_5 "' and no '[key]' line: not a registry export");
	}

	strbuf_release(&p.name);
	strbuf_release(&p.str);
	strbuf_release(&p.bytes);
	strbuf_release(&p.keybuf);
	strbuf_release(&p.msg);
	strbuf_release(&p.render);

	int errors = 0;
	for (size_t i = first; i < diags->nr; i++)
		if (diags->items[i]->level == SEV_ERROR)
			errors++;
	return errors;
}

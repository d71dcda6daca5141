/*
 * The text of `netsh http show sslcert`, as saved, pasted into a ticket or
 * copied out of documentation, read into the model's HTTP.sys bindings.
 *
 * Grammar.  The input is read one line at a time.  Each line is trimmed of
 * white space (also U+00A0 and the other Unicode spaces of uspace_at(),
 * anywhere SP stands below; one note per file says so), then of one leading and
 * one trailing Markdown backtick, then of leading quote and comment marks
 * ("> ", "# ", "// ", as in a Markdown quote or a script comment):
 *
 *   file      = { line }
 *   line      = blank | noise | reset | key | extended | field | other
 *   reset     = header                                 (netsh_labels.def, any case)
 *             | prompt                                 C:\...>..., PS ...>...,
 *                                                      [$] netsh ...
 *   noise     = rule                                   "-----", "=====", "___"
 *             | elision                                "...", "[...]", U+2026
 *             | fence                                  "```..." or "~~~..."
 *             | banner                                 text ":" (no blank before
 *                                                      the colon, nothing after,
 *                                                      text not a known label)
 *             | "The system cannot find the file specified."
 *   key       = key-label *SP ":" value
 *   key-label = "IP:port" | "Hostname:port" | "Central Certificate Store"
 *             | a key label of netsh_labels.def
 *             | any label, when the value is an endpoint and the next
 *               line's value a certificate hash (a language without a table)
 *   extended  = "Extended Properties" *SP ":"          starts a sub-block of
 *                                                      "PropertyId : N" and
 *                                                      property lines
 *   field     = label SP+ ":" SP+ value                split at the first " : ",
 *             | label ":" SP+ value                    else the first ": ",
 *             | label SP+ ":" value                    else the first " :",
 *             | known-label ":" value                  else the first ':' when
 *                                                      the label is a known one
 *   value     = text [ SP+ annotation ]
 *
 * Labels match case-insensitively; padding is free.  A record is a key
 * line and the field lines after it, up to the next key line or reset
 * line; blank and noise lines inside a record do not end it.  Field
 * values by kind (binding_fields.def): a hash of 40 hex digits, a GUID,
 * a name ("(null)" = none), a decimal number, or a boolean word
 * (Enabled/Disabled, Set/Not Set).  The field's text is the value as
 * written, without an annotation.
 *
 * Placeholders (a value wrapped in <...>, also inside {} or [], a run of
 * X's such as {XXXXXXXX-XXXX-...}, words in braces or brackets such as
 * {HASH YOU ARE LOOKING FOR}, "redacted", a value cut short with "..."
 * or U+2026, or "...") are notes; a line "[rest of the entry]" is an
 * elision.  For a placeholder the field is
 * stated but not valid, and a placeholder endpoint (also one with a <...>
 * part, as in "<server>:443") skips its record.
 * Annotations: for a hash, GUID, number or boolean, when the whole value
 * does not read but its first word does, the rest is an annotation; a
 * name is cut at its first word only when the rest starts with a
 * non-ASCII character, "<<<" or "<--", or the first word is "(null)"; an
 * endpoint is cut at its first word when that ends in ":port" (for a
 * CCS binding, is all digits) or the rest starts as a name's annotation
 * does.
 * An ignored annotation is a note.  A boolean cut short ("Enable") is
 * read as the word it starts, with a note.
 *
 * Labels in other languages.  Labels of netsh_labels.def are read as
 * their English ones (one note per file names the language).  A record
 * where more than half of the labels are unknown is in an unknown
 * language: it is read by the field order of the Windows generation that
 * prints exactly its number of fields (netsh_layout.def), when every
 * value has the shape that order expects (one note per file); yes/no
 * words of an unknown language stay unread (one note per record).  When
 * no order fits, a warning names the first line that does not, and the
 * unknown fields are kept as extras.  A file with "label : value" lines
 * but no record at all is a warning.
 *
 * Extended properties are kept as extra fields labelled
 * "Extended Properties[N] <label>", N being the block's PropertyId ("?"
 * before one); fields the table does not know are kept as extra fields
 * with a note.
 *
 * Recovery.  Nothing is fatal; each problem is reported at its line and
 * parsing goes on with the next line:
 * - before the first record (and after a reset line) free text is a
 *   preamble and ignored; a known field there is an error, and the lines
 *   up to the next key line are skipped;
 * - a field already stated in the current record means the key line of a
 *   second record is missing: the same error, the same skipping;
 * - a malformed endpoint (reported by the model) or a placeholder
 *   endpoint skips its record's fields up to the next key line;
 * - a malformed value is an error at the value's column, and the field is
 *   stated but not valid;
 * - any other line inside or after a record is an error.  A short such
 *   line whose text, joined with the label of the next line, makes a
 *   known label is the first half of a label wrapped by a narrow console,
 *   and is joined instead.
 *
 * Every line is looked at a bounded number of times, so time is linear in
 * the input; no line is copied into a fixed-size buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netsh_labels.h"
#include "parse.h"
#include "strbuf.h"
#include "util.h"

#define DIAG_ID "parse.netsh"
#define CLIP 60                 /* bytes of a quoted text shown in a message */
#define WRAP_MAX 100            /* longest line taken as half of a wrapped label */
#define LABEL_MAX 128           /* longer labels are never known ones */
#define ENDPOINT_MAX 512        /* longer endpoints are not looked at */

static const char expect_key[] =
	"expected 'IP:port', 'Hostname:port' or 'Central Certificate Store' first";

struct span {
	const char *s, *e;
};

enum line_kind {
	L_BLANK,
	L_NOISE,
	/*
	 * "Text:" or "Text:value": a field when Text is a known label; else
	 * "Text:" is a banner (noise) and "Text:value" another line
	 */
	L_TIGHT,
	L_RESET,
	L_KEY,
	L_EXT,
	L_FIELD,
	L_OTHER,
};

struct nline {
	const char *raw;        /* start of the line, for columns */
	uint32_t no;
	struct span text;       /* trimmed content */
	enum line_kind kind;
	enum endpoint_kind ep;  /* L_KEY */
	struct span label;      /* L_KEY, L_FIELD, L_TIGHT */
	const char *label_at;   /* where the label stands in the line (column) */
	struct span value;      /* L_KEY, L_FIELD */
};


enum state {
	ST_PREAMBLE,            /* no record yet, or after a reset line */
	ST_RECORD,              /* fields go to v */
	ST_SKIP,                /* fields are dropped up to the next key line */
};

/* A field line of the current record and the field its label names (-1: unknown). */
struct rec_line {
	struct nline l;
	int id;
};

struct netsh_parser {
	struct model *m;
	const char *file;
	struct diag_list *diags;
	enum state state;
	struct binding_view *v;
	int in_ext;             /* inside an "Extended Properties:" block */
	int has_ext_id;
	struct strbuf ext_id, label, value, tmp, extra, joined;
	int has_pending;        /* a short unrecognised line, see other_line() */
	int pending_report;     /* it is an error unless the next line joins it */
	struct nline pending;

	/* the current record's field lines, for reading it by field order */
	struct rec_line *rec;
	size_t nr_rec, alloc_rec;
	int positional;         /* set_field() reads a record by field order */
	size_t unread_words;    /* yes/no values in an unknown language, this record */
	struct nline first_unread;

	const struct text *t;   /* for looking one line ahead, see shape_key() */
	uint32_t line_no;       /* of the line being handled */
	size_t pos;             /* where the line after the current one starts */

	/* what the file-level notes and the warning at the end need */
	const char *language;   /* labels of a language other than English seen */
	uint32_t language_line;
	int noted_language, noted_spaces, noted_layout, noted_shape_key;
	size_t nr_keys;         /* key lines seen, placeholders included */
	int has_field_line;
	struct nline first_field;
};

/* ---- spans ---------------------------------------------------------- */

static size_t span_len(struct span sp)
{
	return (size_t)(sp.e - sp.s);
}

static int span_ieq(struct span sp, const char *lit)
{
	size_t n = strlen(lit);
	return span_len(sp) == n && str_nieq(sp.s, lit, n);
}

static int span_istarts(struct span sp, const char *lit)
{
	size_t n = strlen(lit);
	return span_len(sp) >= n && str_nieq(sp.s, lit, n);
}

static struct span trim(const char *s, const char *e)
{
	size_t k;
	while ((k = uspace_at(s, e)))
		s += k;
	while (e > s && (k = uspace_before(s, e)))
		e -= k;
	return (struct span){ s, e };
}

static int is_blank_char(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Splits v at its first white space: *tok is the first word, *rest what
 * follows the white space after it (empty when v is one word).
 */
static void split_word(struct span v, struct span *tok, struct span *rest)
{
	const char *p = v.s;
	while (p < v.e && !uspace_at(p, v.e))
		p++;
	tok->s = v.s;
	tok->e = p;
	*rest = trim(p, v.e);
}

/* Length of sp to quote in a message, cut at a character boundary. */
static int clip_len(struct span sp)
{
	size_t n = span_len(sp);
	if (n <= CLIP)
		return (int)n;
	n = CLIP;
	while (n && ((unsigned char)sp.s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static const char *clip_more(struct span sp)
{
	return span_len(sp) > CLIP ? "..." : "";
}

/* printf arguments for "'%.*s%s'" quoting a span. */
#define QUOTE(sp) clip_len(sp), (sp).s, clip_more(sp)

static const char *sbuf_span(struct strbuf *b, struct span sp)
{
	return strbuf_set(b, sp.s, span_len(sp));
}


/* ---- line classification ---------------------------------------------- */

static int is_prompt(struct span t)
{
	const char *s = t.s;
	size_t n = span_len(t);
	int has_gt = memchr(s, '>', n) != NULL;

	/* C:\Users\Administrator>netsh http show sslcert */
	if (n >= 3 && ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')) &&
	    s[1] == ':' && s[2] == '\\' && has_gt)
		return 1;
	/* PS C:\WINDOWS\system32> netsh ...  and  PS> netsh ... */
	if (n >= 3 && str_nieq(s, "PS", 2) && (s[2] == ' ' || s[2] == '>') && has_gt)
		return 1;
	/* netsh http show sslcert, also after "$ " ("> " and "# " are stripped before) */
	const char *p = s, *e = t.e;
	if (p < e && *p == '$') {
		p++;
		while (p < e && is_blank_char(*p))
			p++;
	}
	if (e - p >= 5 && str_nieq(p, "netsh", 5) &&
	    (e - p == 5 || is_blank_char(p[5]) || p[5] == '.'))
		return 1;
	return 0;
}

/* "-----", "=====", "_____" */
static int is_rule(struct span t)
{
	for (const char *p = t.s; p < t.e; p++)
		if (*p != '-' && *p != '=' && *p != '_' && !is_blank_char(*p))
			return 0;
	return 1;
}

/* "...", "[...]", "(...)", U+2026 */
static int is_elision(struct span t)
{
	size_t dots = 0;
	for (const char *p = t.s; p < t.e; p++) {
		if (*p == '.') {
			dots++;
		} else if (t.e - p >= 3 && !memcmp(p, "\xE2\x80\xA6", 3)) {
			dots += 3;
			p += 2;
		} else if (!is_blank_char(*p) && *p != '[' && *p != ']' &&
			   *p != '(' && *p != ')') {
			return 0;
		}
	}
	return dots >= 2;
}

enum sep {
	SEP_BOTH = 3,           /* "Label : value" */
	SEP_AFTER = 2,          /* "Label: value" */
	SEP_BEFORE = 1,         /* "Label :value" */
};

/* The first ':' with blanks where `sep` asks for them. */
static const char *find_sep(struct span t, enum sep sep)
{
	for (const char *p = t.s; p < t.e; p++) {
		if (*p != ':')
			continue;
		if ((sep & SEP_AFTER) && !uspace_at(p + 1, t.e))
			continue;
		if ((sep & SEP_BEFORE) && !uspace_before(t.s, p))
			continue;
		return p;
	}
	return NULL;
}

/*
 * key-label *SP ":" at the start of t: sets the label, and returns the
 * position after the colon, or NULL.
 */
static const char *match_label_colon(struct span t, const char *label)
{
	size_t n = strlen(label);
	if (span_len(t) < n || !str_nieq(t.s, label, n))
		return NULL;
	const char *p = t.s + n;
	size_t k;
	while ((k = uspace_at(p, t.e)))
		p += k;
	return p < t.e && *p == ':' ? p + 1 : NULL;
}

/* Leading Markdown quote and comment marks: "> ", "# ", "// ", repeated. */
static struct span strip_quote_marks(struct span t)
{
	for (;;) {
		size_t k = 0;
		if (span_istarts(t, "//"))
			k = 2;
		else if (span_istarts(t, ">") || span_istarts(t, "#"))
			k = 1;
		if (!k || (t.s + k < t.e && !is_blank_char(t.s[k]) && t.s[k] != '>'))
			return t;
		t = trim(t.s + k, t.e);
	}
}

static int is_bracketed_words(const char *s, size_t n);

static void classify(struct nline *l, const struct line *ln)
{
	const char *s = ln->s, *e = s + ln->len;
	struct span t = trim(s, e);

	memset(l, 0, sizeof(*l));
	l->raw = ln->s;
	l->no = ln->no;
	if (span_istarts(t, "```") || span_istarts(t, "~~~")) {
		l->text = t;
		l->kind = L_NOISE;
		return;
	}
	if (t.s < t.e && *t.s == '`')
		t.s++;
	if (t.e > t.s && t.e[-1] == '`')
		t.e--;
	t = trim(t.s, t.e);
	t = strip_quote_marks(t);
	l->text = t;

	if (t.s == t.e) {
		l->kind = L_BLANK;
		return;
	}
	if (netsh_label_slot(t.s, span_len(t), NULL) == NS_HEADER || is_prompt(t)) {
		l->kind = L_RESET;
		return;
	}
	if (is_rule(t) || is_elision(t) ||
	    (is_bracketed_words(t.s, span_len(t)) && *t.s == '[' && !memchr(t.s, ':', span_len(t))) ||
	    span_ieq(t, "The system cannot find the file specified.")) {
		l->kind = L_NOISE;
		return;
	}

	const char *after;
	int slot;
	if ((after = netsh_match_key(t.s, t.e, &slot))) {
		l->kind = L_KEY;
		l->ep = (enum endpoint_kind)(slot - NS_KEY_IPPORT);
		l->label = trim(t.s, after - 1);
		l->label_at = t.s;
		l->value = trim(after, t.e);
		return;
	}
	if ((after = match_label_colon(t, "Extended Properties")) && after == t.e) {
		l->kind = L_EXT;
		l->label = (struct span){ t.s, t.s + strlen("Extended Properties") };
		l->label_at = t.s;
		return;
	}

	const char *c = find_sep(t, SEP_BOTH);
	if (!c)
		c = find_sep(t, SEP_AFTER);
	if (!c)
		c = find_sep(t, SEP_BEFORE);
	if (c) {
		l->label = trim(t.s, c);
		l->label_at = t.s;
		l->value = trim(c + 1, t.e);
		l->kind = span_len(l->label) ? L_FIELD : L_OTHER;
		return;
	}
	if ((c = memchr(t.s, ':', span_len(t)))) {
		l->label = trim(t.s, c);
		l->label_at = t.s;
		l->value = trim(c + 1, t.e);
		l->kind = span_len(l->label) ? L_TIGHT : L_OTHER;
		return;
	}
	l->kind = L_OTHER;
}

/* ---- values ----------------------------------------------------------- */

/* A value ending in "..." or U+2026 after some text: "a1b2c3...", "xxxx…". */
static int is_cut_short(const char *s, size_t n)
{
	if (n >= 4 && !memcmp(s + n - 3, "...", 3))
		return 1;
	return n >= 4 && !memcmp(s + n - 3, "\xE2\x80\xA6", 3);
}

/* Words people put where they removed a value. */
static int is_redaction_word(const char *s, size_t n)
{
	static const char *const words[] = {
		"redacted", "removed", "omitted", "hidden", "snip", "snipped",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (n == strlen(words[i]) && str_nieq(s, words[i], n))
			return 1;
	return 0;
}

/*
 * Words in {} or []: a space inside, or letters only, as in "{HASH YOU
 * ARE LOOKING FOR}", "{GUID ...}", "[rest of the entry]", "{thumbprint}".
 * A mistyped GUID ("{0011...eeZZ}") is not one: it stays a malformed
 * value.
 */
static int is_bracketed_words(const char *s, size_t n)
{
	int letters_only = 1;
	if (n < 3 || !((s[0] == '{' && s[n - 1] == '}') || (s[0] == '[' && s[n - 1] == ']')))
		return 0;
	for (size_t i = 1; i + 1 < n; i++) {
		char c = s[i] | 0x20;
		if (s[i] == ' ')
			return 1;
		if (c < 'a' || c > 'z')
			letters_only = 0;
	}
	return letters_only;
}

/*
 * <...> (also inside {} or []), a run of four or more X's among hex
 * digits and separators ({XXXXXXXX-XXXX-...}, 0.0.0.0:XXXX), words in
 * braces or brackets ({HASH YOU ARE LOOKING FOR}), a redaction word
 * ("redacted", also wrapped), a value cut short with "..." or U+2026, or
 * an elision.
 */
static int is_placeholder(struct span v)
{
	const char *s = v.s;
	size_t n = span_len(v);

	if (is_bracketed_words(s, n) || is_cut_short(s, n))
		return 1;
	if (n >= 2 && ((s[0] == '{' && s[n - 1] == '}') || (s[0] == '[' && s[n - 1] == ']') ||
		       (s[0] == '(' && s[n - 1] == ')' && is_redaction_word(s + 1, n - 2)))) {
		s++;
		n -= 2;
	}
	if (n >= 2 && s[0] == '<' && s[n - 1] == '>')
		return 1;
	if (is_redaction_word(s, n))
		return 1;
	if (n && is_elision((struct span){ s, s + n }))
		return 1;

	size_t run = 0, longest = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == 'X' || c == 'x') {
			if (++run > longest)
				longest = run;
			continue;
		}
		run = 0;
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
		      c == '-' || c == ':' || c == '.' || c == '{' || c == '}' ||
		      c == '[' || c == ']'))
			return 0;
	}
	return longest >= 4;
}

/* Whether the text after a name's first word is an annotation. */
static int is_annotation(struct span rest)
{
	return span_len(rest) &&
	       ((unsigned char)rest.s[0] >= 0x80 ||
		span_istarts(rest, "<<<") || span_istarts(rest, "<--"));
}

static int read_u32(struct span v, uint32_t *num)
{
	uint64_t n = 0;
	if (!span_len(v))
		return -1;
	for (const char *p = v.s; p < v.e; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		n = n * 10 + (uint64_t)(*p - '0');
		if (n > UINT32_MAX)
			return -1;
	}
	*num = (uint32_t)n;
	return 0;
}

/* "Not" SP+ "Set" at the start of v, followed by the end or white space: its end, or NULL. */
static const char *not_set_end(struct span v)
{
	if (!span_istarts(v, "Not") || v.s + 3 >= v.e || !uspace_at(v.s + 3, v.e))
		return NULL;
	const char *p = v.s + 3;
	size_t k;
	while ((k = uspace_at(p, v.e)))
		p += k;
	struct span rest = { p, v.e };
	if (!span_istarts(rest, "Set"))
		return NULL;
	p += 3;
	return p == v.e || uspace_at(p, v.e) ? p : NULL;
}

static int read_bool(struct span v, uint32_t *num)
{
	if (span_ieq(v, "Enabled") || span_ieq(v, "Set")) {
		*num = 1;
		return 0;
	}
	if (span_ieq(v, "Disabled") || not_set_end(v) == v.e) {
		*num = 0;
		return 0;
	}
	return -1;
}

/* The boolean word that v is a proper prefix of (two or more letters), or NULL. */
static const char *bool_prefix(struct span v, uint32_t *num)
{
	static const struct {
		const char *word;
		uint32_t num;
	} words[] = {
		{ "Enabled", 1 }, { "Disabled", 0 }, { "Set", 1 }, { "Not Set", 0 },
	};
	size_t n = span_len(v);
	if (n < 2)
		return NULL;
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		if (n < strlen(words[i].word) && str_nieq(v.s, words[i].word, n)) {
			*num = words[i].num;
			return words[i].word;
		}
	}
	return NULL;
}

struct fval {
	const char *str;
	uint32_t num;
	char buf[41];
};

/* Reads v as a value of the kind; 0, or -1 when it is not one. */
static int read_value(struct netsh_parser *p, enum bfield_kind kind, struct span v,
		      struct fval *out)
{
	size_t n = span_len(v);
	out->str = NULL;
	out->num = 0;
	switch (kind) {
	case BFK_HASH:
		/* a Central Certificate Store binding has none: netsh prints (null) */
		if (span_ieq(v, "(null)"))
			return 0;
		/* 40 digits, each with at most a space and a U+200E mark (5 bytes) */
		if (!n || n > 40 * 5)
			return -1;
		if (hash_normalize(sbuf_span(&p->tmp, v), out->buf))
			return -1;
		out->str = out->buf;
		return 0;
	case BFK_GUID:
		if (n != 36 && n != 38)
			return -1;
		if (guid_normalize(sbuf_span(&p->tmp, v), out->buf))
			return -1;
		out->str = out->buf;
		return 0;
	case BFK_STR:
		if (n && !span_ieq(v, "(null)"))
			out->str = sbuf_span(&p->tmp, v);
		return 0;
	case BFK_U32:
		return read_u32(v, &out->num);
	case BFK_BOOL:
		return read_bool(v, &out->num);
	}
	return -1;
}

static const char *kind_expected(enum bfield_kind kind)
{
	switch (kind) {
	case BFK_HASH:
		return "40 hex digits";
	case BFK_GUID:
		return "a GUID such as '{00112233-4455-6677-8899-aabbccddeeff}'";
	case BFK_STR:
		return "a name or '(null)'";
	case BFK_U32:
		return "a number from 0 to 4294967295";
	case BFK_BOOL:
		return "'Enabled', 'Disabled', 'Set' or 'Not Set'";
	}
	return "a value";
}

/* ---- records -------------------------------------------------------- */

static struct srcloc loc_at(const struct netsh_parser *p, const struct nline *l,
			    const char *at)
{
	struct srcloc loc = { p->file, l->no, at ? text_col(l->raw, at) : 0, NULL };
	return loc;
}

static void finish_record(struct netsh_parser *p);

static void end_record(struct netsh_parser *p, enum state next)
{
	if (p->state == ST_RECORD)
		finish_record(p);
	p->nr_rec = 0;
	p->unread_words = 0;
	p->state = next;
	p->v = NULL;
	p->in_ext = 0;
	p->has_ext_id = 0;
}

/* A field with no key line before it: reported once, then skip to the next key line. */
static void orphan_field(struct netsh_parser *p, const struct nline *l, const char *label)
{
	struct srcloc loc = loc_at(p, l, l->label_at);
	diag_input(p->diags, DIAG_ID, SEV_ERROR, &loc,
		   "field '%s' outside a binding record: %s", label, expect_key);
	end_record(p, ST_SKIP);
}

static void note_annotation(struct netsh_parser *p, const struct nline *l,
			    const char *label, struct span rest)
{
	struct srcloc loc = loc_at(p, l, rest.s);
	diag_input(p->diags, DIAG_ID, SEV_NOTE, &loc,
		   "annotation '%.*s%s' after the value of '%s' ignored", QUOTE(rest), label);
}

/* A "<...>" part anywhere, as in "<server>:443" or "0.0.0.0:<port>". */
static int has_angle_part(struct span v)
{
	const char *lt = memchr(v.s, '<', span_len(v));
	return lt && memchr(lt, '>', (size_t)(v.e - lt)) != NULL;
}

/* "...:digits", or for a CCS binding also bare digits: worth handing to the model. */
static int looks_like_endpoint(enum endpoint_kind ep, struct span tok)
{
	const char *p = tok.e;
	while (p > tok.s && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (p == tok.e)
		return 0;
	return p == tok.s ? ep == EP_CCS : p[-1] == ':';
}

static void start_record(struct netsh_parser *p, const struct nline *l)
{
	const char *label = netsh_key_label(l->ep);
	struct span val = l->value, tok, rest;
	struct srcloc loc = loc_at(p, l, val.s);

	end_record(p, ST_SKIP);
	split_word(val, &tok, &rest);
	if (is_placeholder(val) || has_angle_part(tok)) {
		p->nr_keys++;
		diag_input(p->diags, DIAG_ID, SEV_NOTE, &loc,
			   "placeholder value '%.*s%s' for '%s': record skipped",
			   QUOTE(val), label);
		return;
	}
	/* an endpoint has no spaces: what follows an endpoint-like first word is an annotation */
	if (span_len(rest) && (is_annotation(rest) || looks_like_endpoint(l->ep, tok))) {
		note_annotation(p, l, label, rest);
		val = tok;
	}
	if (span_len(val) > ENDPOINT_MAX) {
		diag_input(p->diags, DIAG_ID, SEV_ERROR, &loc,
			   "malformed endpoint '%.*s%s': too long", QUOTE(val));
		return;
	}
	p->nr_keys++;
	p->v = model_add_binding_view(p->m, l->ep, sbuf_span(&p->value, val), ORIGIN_NETSH,
				      &loc, p->diags, DIAG_ID);
	if (p->v)
		p->state = ST_RECORD;
}

static void set_field(struct netsh_parser *p, const struct nline *l, enum bfield_id id)
{
	const char *label = bfield_table[id].label;
	enum bfield_kind kind = bfield_table[id].kind;
	struct span val = l->value, use = val, tok, rest;
	struct srcloc loc = loc_at(p, l, val.s);
	struct fval fv;
	const char *word = NULL;
	int annotated = 0;

	if (kind == BFK_BOOL && not_set_end(val)) {
		tok = (struct span){ val.s, not_set_end(val) };
		rest = trim(tok.e, val.e);
	} else {
		split_word(val, &tok, &rest);
	}

	if (is_placeholder(val))
		goto placeholder;
	if (kind == BFK_STR) {
		if (span_len(rest) && (is_annotation(rest) || span_ieq(tok, "(null)"))) {
			use = tok;
			annotated = 1;
			if (is_placeholder(use))
				goto placeholder;
		}
		read_value(p, kind, use, &fv);
	} else if (read_value(p, kind, val, &fv) == 0) {
		;
	} else if (span_len(rest) && is_placeholder(tok)) {
		use = tok;
		annotated = 1;
		goto placeholder;
	} else if (span_len(rest) && read_value(p, kind, tok, &fv) == 0) {
		use = tok;
		annotated = 1;
	} else if (kind == BFK_BOOL && (word = bool_prefix(val, &fv.num))) {
		;
	} else if (kind == BFK_BOOL && span_len(rest) && (word = bool_prefix(tok, &fv.num))) {
		use = tok;
		annotated = 1;
	} else if (p->positional && kind == BFK_BOOL) {
		/* a yes/no word in an unknown language: stated, but its meaning is not known */
		if (!p->unread_words++)
			p->first_unread = *l;
		binding_view_set(p->m, p->v, id, &loc, sbuf_span(&p->value, val), NULL, 0, 0);
		return;
	} else {
		diag_input(p->diags, DIAG_ID, SEV_ERROR, &loc,
			   "malformed value '%.*s%s' for '%s': expected %s",
			   QUOTE(val), label, kind_expected(kind));
		binding_view_set(p->m, p->v, id, &loc, sbuf_span(&p->value, val), NULL, 0, 0);
		return;
	}

	if (annotated)
		note_annotation(p, l, label, rest);
	if (word)
		diag_input(p->diags, DIAG_ID, SEV_NOTE, &loc,
			   "truncated value '%.*s%s' for '%s' read as '%s'",
			   QUOTE(use), label, word);
	binding_view_set(p->m, p->v, id, &loc, sbuf_span(&p->value, use), fv.str, fv.num, 1);
	return;

placeholder:
	diag_input(p->diags, DIAG_ID, SEV_NOTE, &loc,
		   "placeholder value '%.*s%s' for '%s'", QUOTE(use), label);
	if (annotated)
		note_annotation(p, l, label, rest);
	binding_view_set(p->m, p->v, id, &loc, sbuf_span(&p->value, use), NULL, 0, 0);
}

/* A property of an "Extended Properties:" block, kept as an extra field. */
static void ext_property(struct netsh_parser *p, const struct nline *l, struct span label)
{
	struct srcloc loc = loc_at(p, l, l->label_at);

	if (span_ieq(label, "PropertyId")) {
		sbuf_span(&p->ext_id, l->value);
		p->has_ext_id = 1;
	}
	strbuf_set(&p->extra, "Extended Properties[", strlen("Extended Properties["));
	if (p->has_ext_id)
		strbuf_add(&p->extra, p->ext_id.buf, p->ext_id.len);
	else
		strbuf_add(&p->extra, "?", 1);
	strbuf_add(&p->extra, "] ", 2);
	strbuf_add(&p->extra, label.s, span_len(label));
	binding_view_add_extra(p->m, p->v, p->extra.buf, sbuf_span(&p->value, l->value), &loc);
}

/* The field a label names, in any language the tables know, or -1. */
static int field_id(struct netsh_parser *p, struct span label)
{
	const char *language;
	if (span_len(label) > LABEL_MAX)
		return -1;
	int slot = netsh_label_slot(label.s, span_len(label), &language);
	if (slot < 0 || slot >= BF__COUNT)
		return -1;
	if (strcmp(language, "en") && !p->language) {
		p->language = language;
		p->language_line = p->line_no;
	}
	return slot;
}

static void handle_field(struct netsh_parser *p, const struct nline *l)
{
	int id = field_id(p, l->label);

	switch (p->state) {
	case ST_SKIP:
		return;
	case ST_PREAMBLE:
		if (id >= 0)
			orphan_field(p, l, bfield_table[id].label);
		return;         /* free text such as "Note: ..." */
	case ST_RECORD:
		break;
	}

	if (p->in_ext) {
		if (id < 0) {
			ext_property(p, l, l->label);
			return;
		}
		p->in_ext = 0;
	}
	if (id >= 0 && p->v->f[id].stated) {
		/* a second record whose key line is missing */
		orphan_field(p, l, bfield_table[id].label);
		return;
	}
	/* an unknown label waits for the record's end: it may be read by field order */
	ALLOC_GROW(p->rec, p->nr_rec + 1, p->alloc_rec);
	p->rec[p->nr_rec].l = *l;
	p->rec[p->nr_rec++].id = id;
	if (id >= 0)
		set_field(p, l, (enum bfield_id)id);
}

/* ---- labels in an unknown language ---------------------------------- */

static void keep_unknown(struct netsh_parser *p, const struct nline *l, int say)
{
	struct srcloc loc = loc_at(p, l, l->label_at);
	if (say)
		diag_input(p->diags, DIAG_ID, SEV_NOTE, &loc,
			   "unknown field '%.*s%s' kept", QUOTE(l->label));
	binding_view_add_extra(p->m, p->v, sbuf_span(&p->label, l->label),
			       sbuf_span(&p->value, l->value), &loc);
}

/* A word such as "Enabled" or "Aktiviert": letters and spaces, not "(null)". */
static int is_word_value(struct span v)
{
	int letter = 0;
	if (!span_len(v) || span_ieq(v, "(null)"))
		return 0;
	for (const char *q = v.s; q < v.e; q++) {
		unsigned char ch = (unsigned char)*q;
		if (ch >= 0x80 || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))
			letter = 1;
		else if (ch != ' ' && ch != '-' && ch != '.')
			return 0;
	}
	return letter;
}

/* Whether v has the shape of a value of the kind (an annotation after it allowed). */
static int value_fits(struct netsh_parser *p, enum bfield_kind kind, struct span v)
{
	struct span tok, rest;
	struct fval fv;
	uint32_t n;

	if (is_placeholder(v))
		return 1;
	split_word(v, &tok, &rest);
	switch (kind) {
	case BFK_HASH:
	case BFK_GUID:
	case BFK_U32:
		return read_value(p, kind, v, &fv) == 0 || read_value(p, kind, tok, &fv) == 0 ||
		       is_placeholder(tok);
	case BFK_STR:
		return span_len(v) && read_u32(tok, &n) != 0 && !netsh_hash_shape(tok.s, tok.e) &&
		       *v.s != '{';
	case BFK_BOOL:
		return read_bool(v, &n) == 0 || is_word_value(v) || is_word_value(tok);
	}
	return 0;
}

/*
 * Where the record stops fitting the layout: the index of its first line
 * that does not fit, nr_rec when it fits as far as it goes.
 */
static size_t layout_fit(struct netsh_parser *p, const struct netsh_layout *lay)
{
	for (size_t i = 0; i < p->nr_rec; i++) {
		const struct rec_line *r = &p->rec[i];
		if (i >= lay->nr_fields)
			return i;
		enum bfield_id want = lay->fields[i];
		if (r->id >= 0 ? r->id != (int)want : !value_fits(p, bfield_table[want].kind, r->l.value))
			return i;
	}
	return p->nr_rec;
}

/*
 * The record's fields are in, some with labels no table knows.  A few
 * unknown labels among known ones are fields of a newer Windows: kept,
 * with a note each.  When more than half are unknown, the labels are in
 * an unknown language: the record is read by the field order of the
 * Windows generation that printed exactly as many fields, when every
 * value has the shape that order expects; otherwise a warning names the
 * first line that does not fit.
 */
static void finish_record(struct netsh_parser *p)
{
	size_t unknown = 0;
	for (size_t i = 0; i < p->nr_rec; i++)
		unknown += p->rec[i].id < 0;
	if (!unknown || !p->v)
		return;
	if (unknown * 2 <= p->nr_rec) {
		for (size_t i = 0; i < p->nr_rec; i++)
			if (p->rec[i].id < 0)
				keep_unknown(p, &p->rec[i].l, 1);
		return;
	}

	const struct netsh_layout *lay = netsh_layout_by_count(p->nr_rec);
	if (lay && layout_fit(p, lay) == p->nr_rec) {
		const struct nline *first = NULL;
		p->positional = 1;
		for (size_t i = 0; i < p->nr_rec; i++) {
			if (p->rec[i].id >= 0)
				continue;
			if (!first)
				first = &p->rec[i].l;
			set_field(p, &p->rec[i].l, lay->fields[i]);
		}
		p->positional = 0;
		if (!p->noted_layout) {
			struct srcloc loc = loc_at(p, first, first->label_at);
			diag_input(p->diags, DIAG_ID, SEV_NOTE, &loc,
				   "labels in an unknown language: read by the field order of "
				   "netsh's %s; check the values against the registry export",
				   lay->name);
			p->noted_layout = 1;
		}
		if (p->unread_words) {
			const struct nline *l = &p->first_unread;
			struct srcloc loc = loc_at(p, l, l->value.s);
			diag_input(p->diags, DIAG_ID, SEV_NOTE, &loc,
				   "%zu yes/no value%s in an unknown language (such as '%.*s%s') "
				   "not read: these settings count as unknown; the registry "
				   "export of HTTP\\Parameters has them",
				   p->unread_words, p->unread_words == 1 ? "" : "s", QUOTE(l->value));
		}
		return;
	}

	/* the layout that fits longest names the line where the record stops fitting */
	size_t best = 0;
	const struct netsh_layout *best_lay = NULL;
	for (size_t i = 0; i < nr_netsh_layouts; i++) {
		size_t fit = layout_fit(p, &netsh_layouts[i]);
		if (!best_lay || fit > best) {
			best = fit;
			best_lay = &netsh_layouts[i];
		}
	}
	if (best < p->nr_rec) {
		const struct nline *l = &p->rec[best].l;
		enum bfield_id want = best < best_lay->nr_fields ? best_lay->fields[best] : BF__COUNT;
		struct srcloc loc = loc_at(p, l, l->label_at);
		if (want < BF__COUNT)
			diag_input(p->diags, DIAG_ID, SEV_WARNING, &loc,
				   "labels in an unknown language, and the record follows no "
				   "known netsh field order: line %u ('%.*s%s') is field %zu, where "
				   "netsh prints '%s' (%s); the record's unknown fields are kept unread",
				   l->no, QUOTE(l->text), best + 2, bfield_table[want].label,
				   kind_expected(bfield_table[want].kind));
		else
			diag_input(p->diags, DIAG_ID, SEV_WARNING, &loc,
				   "labels in an unknown language, and the record follows no "
				   "known netsh field order: line %u ('%.*s%s') is field %zu, one "
				   "more than netsh's %s prints; the record's unknown fields are kept unread",
				   l->no, QUOTE(l->text), best + 2, best_lay->name);
	} else {
		const struct nline *l = &p->rec[p->nr_rec - 1].l;
		struct srcloc loc = loc_at(p, l, l->label_at);
		diag_input(p->diags, DIAG_ID, SEV_WARNING, &loc,
			   "labels in an unknown language, and the record follows no known "
			   "netsh field order: it ends at line %u after %zu fields, and no "
			   "Windows generation prints %zu; the record's unknown fields are kept unread",
			   l->no, p->nr_rec + 1, p->nr_rec + 1);
	}
	for (size_t i = 0; i < p->nr_rec; i++)
		if (p->rec[i].id < 0)
			keep_unknown(p, &p->rec[i].l, 0);
}

static void bad_line(struct netsh_parser *p, const struct nline *l)
{
	struct srcloc loc = loc_at(p, l, l->text.s);
	diag_input(p->diags, DIAG_ID, SEV_ERROR, &loc,
		   "expected 'Label : value', found '%.*s%s'", QUOTE(l->text));
}

static void flush_pending(struct netsh_parser *p)
{
	if (p->has_pending && p->pending_report)
		bad_line(p, &p->pending);
	p->has_pending = 0;
}

/*
 * A label wrapped by a narrow console ("Verify Client Certificate" then
 * "Revocation : Enabled"): when the pending line joined with l's label
 * is a known label, l takes the joined label.  Returns 1 when joined.
 */
static int join_pending(struct netsh_parser *p, struct nline *l)
{
	if (l->kind != L_FIELD || field_id(p, l->label) >= 0)
		return 0;
	struct span head = p->pending.text;
	if (span_len(head) + span_len(l->label) > LABEL_MAX)
		return 0;
	sbuf_span(&p->joined, head);
	strbuf_add(&p->joined, " ", 1);
	strbuf_add(&p->joined, l->label.s, span_len(l->label));
	struct span joined = { p->joined.buf, p->joined.buf + p->joined.len };

	int slot = netsh_label_slot(joined.s, span_len(joined), NULL);
	if (slot >= NS_KEY_IPPORT && slot <= NS_KEY_CCS) {
		l->kind = L_KEY;
		l->ep = (enum endpoint_kind)(slot - NS_KEY_IPPORT);
		l->label = joined;
		return 1;
	}
	if (slot == NS_EXT && !span_len(l->value)) {
		l->kind = L_EXT;
		return 1;
	}
	if (slot >= 0 && slot < BF__COUNT) {
		l->label = joined;
		return 1;
	}
	return 0;
}

/*
 * A line that is none of the known forms: silent in a preamble, else an
 * error -- once the next line has shown it is not half of a wrapped label.
 */
static void other_line(struct netsh_parser *p, const struct nline *l)
{
	if (span_len(l->text) <= WRAP_MAX) {
		p->pending = *l;
		p->has_pending = 1;
		p->pending_report = p->state != ST_PREAMBLE;
	} else if (p->state != ST_PREAMBLE) {
		bad_line(p, l);
	}
}

/* Whether more than half of the current record's labels are unknown ones. */
static int record_mostly_unknown(const struct netsh_parser *p)
{
	size_t unknown = 0;
	for (size_t i = 0; i < p->nr_rec; i++)
		unknown += p->rec[i].id < 0;
	return unknown * 2 > p->nr_rec;
}

/* At the end of the file: the language note, and a warning when no record was found. */
static void end_notes(struct netsh_parser *p)
{
	if (p->language) {
		struct srcloc loc = { p->file, p->language_line, 0, NULL };
		diag_input(p->diags, DIAG_ID, SEV_NOTE, &loc,
			   "labels in %s read with sslcertlint's table of them "
			   "(netsh prints its labels in the system's language)",
			   netsh_language_name(p->language));
	}
	if (!p->nr_keys && p->has_field_line) {
		const struct nline *l = &p->first_field;
		struct srcloc loc = loc_at(p, l, l->label_at);
		diag_input(p->diags, DIAG_ID, SEV_WARNING, &loc,
			   "no binding read: the file has 'label : value' lines (the first "
			   "here) but no record that starts with 'IP:port', 'Hostname:port' or "
			   "'Central Certificate Store' in a language sslcertlint knows; the "
			   "registry export (reg export HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters) "
			   "has the same bindings in any language");
	}
}

/* Whether the value's first word is a certificate hash as a key line's next line has it. */
static int hash_like(struct span v)
{
	struct span tok, rest;
	split_word(v, &tok, &rest);
	return netsh_hash_shape(tok.s, tok.e) || span_ieq(tok, "(null)") || is_placeholder(tok);
}

/*
 * A key line whose label is in an unknown language ("Adresse IP:port :
 * 0.0.0.0:443"): a line with an unknown label and an endpoint for value,
 * followed by a line whose value is a certificate hash, as every netsh
 * record starts.  Turns l into a key line and returns 1.
 */
static int shape_key(struct netsh_parser *p, struct nline *l)
{
	struct span tok, rest;
	if (l->kind != L_FIELD || field_id(p, l->label) >= 0 || p->in_ext)
		return 0;
	split_word(l->value, &tok, &rest);
	int ep = netsh_endpoint_shape(tok.s, tok.e);
	if (ep < 0)
		return 0;

	size_t pos = p->pos;
	struct line ln = { NULL, 0, 0 };
	struct nline next;
	for (int looked = 0; looked < 3 && text_next_line(p->t, &pos, &ln); looked++) {
		classify(&next, &ln);
		if (next.kind == L_BLANK || next.kind == L_NOISE)
			continue;
		if (next.kind != L_FIELD || !hash_like(next.value))
			return 0;
		if (!p->noted_shape_key) {
			struct srcloc loc = loc_at(p, l, l->label_at);
			diag_input(p->diags, DIAG_ID, SEV_NOTE, &loc,
				   "label '%.*s%s' in an unknown language read as '%s': its value "
				   "is an endpoint and a certificate hash follows, as in every record",
				   QUOTE(l->label), netsh_key_label((enum endpoint_kind)ep));
			p->noted_shape_key = 1;
		}
		l->kind = L_KEY;
		l->ep = (enum endpoint_kind)ep;
		return 1;
	}
	return 0;
}

/* Unicode spaces (U+00A0 and the like) in the line, as a web page's padding has them. */
static const char *unicode_space(const struct nline *l)
{
	for (const char *q = l->raw; q < l->text.e; q++) {
		size_t k = (unsigned char)*q >= 0xC2 ? uspace_at(q, l->text.e) : 0;
		if (k > 1 && (unsigned char)*q != 0xEF)     /* U+FEFF is a BOM, not padding */
			return q;
	}
	return NULL;
}

/* The notes said once per file, and what the warning at the end needs. */
static void file_notes(struct netsh_parser *p, const struct nline *l)
{
	const char *q;
	if (!p->noted_spaces && (q = unicode_space(l))) {
		struct srcloc loc = loc_at(p, l, q);
		diag_input(p->diags, DIAG_ID, SEV_NOTE, &loc,
			   "non-breaking or other Unicode spaces (as text copied from a web "
			   "page has) read as white space in this file");
		p->noted_spaces = 1;
	}
	if ((l->kind == L_FIELD || l->kind == L_KEY) && !p->has_field_line) {
		p->first_field = *l;
		p->has_field_line = 1;
	}
}

static void handle_line(struct netsh_parser *p, struct nline *l)
{
	p->line_no = l->no;
	file_notes(p, l);
	if (p->has_pending) {
		if (join_pending(p, l))
			p->has_pending = 0;
		else
			flush_pending(p);
	}

	switch (l->kind) {
	case L_BLANK:
	case L_NOISE:
		return;
	case L_RESET:
		end_record(p, ST_PREAMBLE);
		return;
	case L_KEY:
		start_record(p, l);
		return;
	case L_EXT:
		if (p->state == ST_RECORD) {
			p->in_ext = 1;
			p->has_ext_id = 0;
		} else if (p->state == ST_PREAMBLE) {
			orphan_field(p, l, "Extended Properties");
		}
		return;
	case L_TIGHT:
		/* "Usage Check:Enabled" is a field, "RESULTS:" a banner */
		if (field_id(p, l->label) >= 0) {
			handle_field(p, l);
			return;
		}
		/*
		 * a banner right after as many fields as a Windows generation
		 * prints is "Extended Properties:" in an unknown language
		 */
		if (!span_len(l->value) && p->state == ST_RECORD && !p->in_ext &&
		    netsh_layout_by_count(p->nr_rec) && record_mostly_unknown(p)) {
			p->in_ext = 1;
			p->has_ext_id = 0;
			return;
		}
		if (span_len(l->value))
			other_line(p, l);
		return;
	case L_FIELD:
		if (shape_key(p, l))
			start_record(p, l);
		else
			handle_field(p, l);
		return;
	case L_OTHER:
		other_line(p, l);
		return;
	}
}

int parse_netsh(struct model *m, const char *file, const struct text *t,
		struct diag_list *diags)
{
	struct netsh_parser p;
	size_t errors = diag_list_count(diags, SEV_ERROR);
	size_t pos = 0;
	struct line ln = { NULL, 0, 0 };
	struct nline l;

	memset(&p, 0, sizeof(p));
	p.m = m;
	p.file = file;
	p.diags = diags;
	p.state = ST_PREAMBLE;
	m->origins |= ORIGIN_NETSH;

	p.t = t;
	while (text_next_line(t, &pos, &ln)) {
		p.pos = pos;
		classify(&l, &ln);
		handle_line(&p, &l);
	}
	flush_pending(&p);
	end_record(&p, ST_PREAMBLE);
	end_notes(&p);

	strbuf_release(&p.ext_id);
	strbuf_release(&p.label);
	strbuf_release(&p.value);
	strbuf_release(&p.tmp);
	strbuf_release(&p.extra);
	strbuf_release(&p.joined);
	free(p.rec);
	return (int)(diag_list_count(diags, SEV_ERROR) - errors);
}

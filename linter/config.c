/*
 * The configuration file (see config.h for its shape), read with Jansson.
 * Jansson keeps no positions, so a problem's line is where the member's
 * name first stands in the text, found through an index of the text made
 * in one pass (struct text_index): reading stays linear in the size of
 * the file, however many suppressions it holds.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <fnmatch.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "model_build.h"
#include "decode.h"
#include "readfile.h"
#include "rule.h"
#include "strmap.h"
#include "timeutil.h"
#include "util.h"

#define CONFIG_ID "config"
#define CONFIG_MAX_BYTES (16 * 1024 * 1024)
#define CONFIG_MAX_TEXT "16 MiB"

/* The rule parameters the configuration may set, and their ranges. */
static const struct {
	const char *rule_id, *name;
	long min, max;
} known_params[] = {
	{ "SCL007", "days", 1, 3650 },
};

void config_init(struct lint_config *c)
{
	memset(c, 0, sizeof(*c));
	arena_init(&c->arena);
	c->settings = arena_alloc(&c->arena, rule_table_size * sizeof(*c->settings));
	for (size_t i = 0; i < rule_table_size; i++)
		c->settings[i].enabled = c->settings[i].level = -1;
}

void config_release(struct lint_config *c)
{
	free(c->suppressions);
	free(c->params);
	arena_release(&c->arena);
	memset(c, 0, sizeof(*c));
}

/*
 * Where names stand in the text.  A problem's line is the line of the
 * first '"' that opens a run "name" in the text, wherever it stands (even
 * inside another string); a suppression's line is that of the nth "rule"
 * after the first "suppressions".  One pass over the text finds every
 * '"'.  The bytes between two consecutive ones are a gap; "name" starts
 * at a '"' exactly when the gaps from there on spell name, split at its
 * '"' (one gap when it has none).  The gaps are kept in text order with
 * their lines, each linked to the next gap of the same bytes, and a map
 * gives the first and last gap of each distinct content: a look-up costs
 * about the length of the name, not of the text.
 */
struct gap {
	const char *s;           /* the bytes between two '"', NUL-terminated; NULL when they hold a NUL */
	uint32_t line;           /* the line of the opening '"' */
	uint32_t next;           /* the next gap with the same bytes, or NO_GAP */
};

#define NO_GAP UINT32_MAX

struct gap_chain {
	uint32_t first, last;
};

struct text_index {
	char *copy;              /* the text with each '"' made a NUL: where the gaps live */
	struct gap *gaps;
	size_t nr, alloc;
	struct strmap chains;    /* gap bytes -> struct gap_chain */
	struct strmap found;     /* names with a '"' looked up so far -> 1 + line */
	struct arena arena;      /* the chains, and the names in found */
};

static void text_index_add(struct text_index *x, const char *s, size_t len, uint32_t line)
{
	ALLOC_GROW(x->gaps, x->nr + 1, x->alloc);
	uint32_t k = (uint32_t)x->nr++;
	struct gap *g = &x->gaps[k];
	g->s = strlen(s) == len ? s : NULL;
	g->line = line;
	g->next = NO_GAP;
	if (!g->s)
		return;
	struct gap_chain *c = strmap_get(&x->chains, s);
	if (c) {
		x->gaps[c->last].next = k;
		c->last = k;
	} else {
		c = arena_alloc(&x->arena, sizeof(*c));
		c->first = c->last = k;
		strmap_put(&x->chains, s, c);
	}
}

static void text_index_init(struct text_index *x, const struct text *t)
{
	size_t open = 0;
	uint32_t line = 1, open_line = 0;

	memset(x, 0, sizeof(*x));
	strmap_init(&x->chains);
	strmap_init(&x->found);
	arena_init(&x->arena);
	x->copy = xmalloc(t->len + 1);
	memcpy(x->copy, t->buf, t->len);
	x->copy[t->len] = '\0';
	for (size_t i = 0; i < t->len; i++) {
		if (x->copy[i] == '\n') {
			line++;
		} else if (x->copy[i] == '"') {
			x->copy[i] = '\0';
			if (open_line)
				text_index_add(x, x->copy + open + 1, i - open - 1, open_line);
			open = i;
			open_line = line;
		}
	}
}

static void text_index_release(struct text_index *x)
{
	free(x->copy);
	free(x->gaps);
	strmap_release(&x->chains);
	strmap_release(&x->found);
	arena_release(&x->arena);
}

static const struct gap_chain *chain_of(const struct text_index *x, const char *s)
{
	return strmap_get(&x->chains, s);
}

/* The line where "name" first stands, for a name with a '"' in it; 1 when nowhere. */
static uint32_t text_index_find_split(struct text_index *x, const char *name)
{
	uintptr_t memo = (uintptr_t)strmap_get(&x->found, name);
	if (memo)
		return (uint32_t)(memo - 1);

	char *segs = arena_strdup(&x->arena, name);
	size_t nr_segs = 1;
	for (char *p = segs; *p; p++)
		if (*p == '"') {
			*p = '\0';
			nr_segs++;
		}
	const struct gap_chain *c = chain_of(x, segs);
	uint32_t line = 1;
	for (uint32_t j = c ? c->first : NO_GAP; j != NO_GAP; j = x->gaps[j].next) {
		const char *seg = segs;
		size_t n;
		if (x->nr - j < nr_segs)
			break;
		for (n = 1; n < nr_segs; n++) {
			seg += strlen(seg) + 1;
			if (!x->gaps[j + n].s || strcmp(x->gaps[j + n].s, seg))
				break;
		}
		if (n == nr_segs) {
			line = x->gaps[j].line;
			break;
		}
	}
	strmap_put(&x->found, arena_strdup(&x->arena, name), (void *)((uintptr_t)line + 1));
	return line;
}

/* The line where "name" first stands in the text; 1 when it stands nowhere. */
static uint32_t text_index_find(struct text_index *x, const char *name)
{
	if (strchr(name, '"'))
		return text_index_find_split(x, name);
	const struct gap_chain *c = chain_of(x, name);
	return c ? x->gaps[c->first].line : 1;
}

/*
 * Walks the places where "name" stands after the first "anchor", in text
 * order: nth_line() gives the line of the nth of them (0-based; 1 when
 * there are fewer), for nth that never decrease.
 */
struct nth_cursor {
	const struct text_index *x;
	uint32_t at;             /* the gap of place number n, or NO_GAP */
	size_t n;
};

static void nth_cursor_init(struct nth_cursor *cur, const struct text_index *x,
			    const char *anchor, const char *name)
{
	const struct gap_chain *a = chain_of(x, anchor), *c = chain_of(x, name);
	cur->x = x;
	cur->n = 0;
	cur->at = a && c ? c->first : NO_GAP;
	while (cur->at != NO_GAP && cur->at <= a->first)
		cur->at = x->gaps[cur->at].next;
}

static uint32_t nth_line(struct nth_cursor *cur, size_t nth)
{
	if (nth < cur->n)
		BUG("nth_line() asked to go back");
	for (; cur->n < nth && cur->at != NO_GAP; cur->n++)
		cur->at = cur->x->gaps[cur->at].next;
	return cur->at != NO_GAP ? cur->x->gaps[cur->at].line : 1;
}

struct reader {
	struct lint_config *c;
	const struct text *t;
	struct diag_list *inputs;
	int errors;
	struct text_index index; /* built at the first look-up */
	int indexed;
};

static struct text_index *index_of(struct reader *r)
{
	if (!r->indexed) {
		text_index_init(&r->index, r->t);
		r->indexed = 1;
	}
	return &r->index;
}

static struct srcloc loc_of(struct reader *r, const char *name)
{
	struct srcloc loc = { r->c->path, name ? text_index_find(index_of(r), name) : 1, 0, NULL };
	return loc;
}

static void error(struct reader *r, const char *member, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void error(struct reader *r, const char *member, const char *fmt, ...)
{
	struct srcloc loc = loc_of(r, member);
	va_list ap;
	va_start(ap, fmt);
	char *msg = arena_vstrfmt(&r->c->arena, fmt, ap);
	va_end(ap);
	diag_input(r->inputs, CONFIG_ID, SEV_ERROR, &loc, "%s", msg);
	r->errors++;
}

static const struct rule *rule_index(const char *id_or_name, size_t *index)
{
	for (size_t i = 0; i < rule_table_size; i++)
		if (rule_table[i] == rule_find(id_or_name)) {
			*index = i;
			return rule_table[i];
		}
	return NULL;
}

static void read_param(struct reader *r, const struct rule *rule, const char *name, json_t *v)
{
	for (size_t i = 0; i < sizeof(known_params) / sizeof(*known_params); i++) {
		if (strcmp(known_params[i].rule_id, rule->id) || strcmp(known_params[i].name, name))
			continue;
		json_int_t n = json_is_integer(v) ? json_integer_value(v) : 0;
		if (!json_is_integer(v) || n < known_params[i].min || n > known_params[i].max) {
			char what[96];
			snprintf(what, sizeof(what), "%s of %s", name, rule->id);
			error(r, name, "bad value for '%s': expected a whole number in range", what);
			return;
		}
		r->c->params = xrealloc(r->c->params, (r->c->nr_params + 1) * sizeof(*r->c->params));
		r->c->params[r->c->nr_params++] = (struct rule_param){ rule->id, known_params[i].name, (long)n };
		return;
	}
	error(r, name, "unknown member '%s' in a rule's settings: expected \"enabled\", \"level\" "
	      "or a parameter of that rule (SCL007: \"days\")", name);
}

static void read_rules(struct reader *r, json_t *rules)
{
	const char *name;
	json_t *v;
	if (!json_is_object(rules)) {
		error(r, "rules", "bad value for '%s': expected an object of rule settings", "rules");
		return;
	}
	json_object_foreach(rules, name, v) {
		size_t i;
		const struct rule *rule = rule_index(name, &i);
		if (!rule) {
			error(r, name, "unknown rule '%s': see sslcertlint --list-rules", name);
			continue;
		}
		r->c->settings[i].loc = loc_of(r, name);
		if (!json_is_object(v)) {
			error(r, name, "bad settings for rule '%s': expected an object", name);
			continue;
		}
		const char *key;
		json_t *x;
		json_object_foreach(v, key, x) {
			if (!strcmp(key, "enabled")) {
				if (!json_is_boolean(x))
					error(r, key, "bad value for '%s': expected true or false", key);
				else
					r->c->settings[i].enabled = json_is_true(x);
				if (r->c->settings[i].enabled == 0)
					r->c->settings[i].disabled_at = arena_strfmt(&r->c->arena, "%s:%u",
						r->c->path, (unsigned)r->c->settings[i].loc.line);
			} else if (!strcmp(key, "level")) {
				int level = json_is_string(x) ? severity_parse(json_string_value(x)) : -1;
				if (level <= SEV_NONE)
					error(r, key, "bad value for '%s': expected \"error\", \"warning\" or \"note\"", key);
				else
					r->c->settings[i].level = level;
				/* a changed level is said in every report, at the rule's line */
				if (level > SEV_NONE && level != (int)rule->level)
					diag_input(r->inputs, CONFIG_ID, SEV_NOTE, &r->c->settings[i].loc,
						   "rule %s %s is reported at level %s instead of %s",
						   rule->id, rule->name, severity_name((enum severity)level),
						   severity_name(rule->level));
			} else {
				read_param(r, rule, key, x);
			}
		}
	}
}

static const char *string_member(struct reader *r, json_t *obj, const char *name, int required)
{
	json_t *v = json_object_get(obj, name);
	if (!v) {
		if (required)
			error(r, "suppressions", "a suppression lacks '%s'", name);
		return NULL;
	}
	if (!json_is_string(v) || !*json_string_value(v)) {
		error(r, name, "bad value for '%s': expected a non-empty string", name);
		return NULL;
	}
	return arena_strdup(&r->c->arena, json_string_value(v));
}

static void read_suppressions(struct reader *r, json_t *list)
{
	size_t i;
	json_t *s;
	struct nth_cursor rules;
	if (!json_is_array(list)) {
		error(r, "suppressions", "bad value for '%s': expected an array", "suppressions");
		return;
	}
	nth_cursor_init(&rules, index_of(r), "suppressions", "rule");
	r->c->suppressions = xcalloc(json_array_size(list) ? json_array_size(list) : 1,
				     sizeof(*r->c->suppressions));
	json_array_foreach(list, i, s) {
		if (!json_is_object(s)) {
			error(r, "suppressions", "bad entry in '%s': expected an object", "suppressions");
			continue;
		}
		const char *key;
		json_t *x;
		json_object_foreach(s, key, x)
			if (strcmp(key, "rule") && strcmp(key, "key") && strcmp(key, "reason") &&
			    strcmp(key, "expires"))
				error(r, key, "unknown member '%s' in a suppression: expected \"rule\", "
				      "\"key\", \"reason\" or \"expires\"", key);

		struct suppression sup = { 0 };
		const char *rule = string_member(r, s, "rule", 1);
		size_t idx = 0;
		sup.key = string_member(r, s, "key", 0);
		sup.reason = string_member(r, s, "reason", 1);
		const char *expires = string_member(r, s, "expires", 0);
		sup.loc = loc_of(r, "suppressions");
		sup.loc.line = nth_line(&rules, i);
		if (rule && !rule_index(rule, &idx)) {
			error(r, rule, "unknown rule '%s' in a suppression: see sslcertlint --list-rules", rule);
			continue;
		}
		if (expires) {
			if (iso8601_parse(expires, &sup.expires)) {
				error(r, expires, "bad date '%s' for 'expires': expected ISO 8601, e.g. 2026-06-30", expires);
				continue;
			}
			sup.has_expires = 1;
		}
		if (!rule || !sup.reason)
			continue;
		sup.rule_id = rule_table[idx]->id;
		r->c->suppressions[r->c->nr_suppressions++] = sup;
	}
}

int config_load(struct lint_config *c, const char *path, unsigned flags,
		struct diag_list *inputs)
{
	struct reader r = { .c = c, .inputs = inputs };
	unsigned char *buf;
	size_t n;
	const char *why = NULL;
	c->path = arena_strdup(&c->arena, path);
	int rc = read_whole_file(path, flags & CONFIG_NOFOLLOW ? READ_NOFOLLOW : 0,
				 CONFIG_MAX_BYTES, &buf, &n, &why);
	if (rc) {
		if (!(flags & CONFIG_EXPLICIT) && rc == -1 && errno == ENOENT) {
			c->path = NULL;
			return 0;
		}
		struct srcloc loc = { c->path, 0, 0, NULL };
		diag_input(inputs, CONFIG_ID, SEV_ERROR, &loc, "cannot read the configuration: %s",
			   why ? why : "larger than " CONFIG_MAX_TEXT);
		return 1;
	}

	struct text t;
	struct decode_result res;
	text_decode(buf, n, &t, &res);
	free(buf);
	r.t = &t;

	json_error_t jerr;
	json_t *doc = json_loadb(t.buf, t.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		struct srcloc loc = { c->path, jerr.line > 0 ? (uint32_t)jerr.line : 1,
				      jerr.column > 0 ? (uint32_t)jerr.column : 0, NULL };
		diag_input(inputs, CONFIG_ID, SEV_ERROR, &loc, "malformed JSON: %s", jerr.text);
		text_release(&t);
		return 1;
	}
	if (!json_is_object(doc)) {
		error(&r, NULL, "the configuration must be a JSON object with %s", "\"rules\" and \"suppressions\"");
	} else {
		const char *key;
		json_t *v;
		json_object_foreach(doc, key, v) {
			if (!strcmp(key, "rules"))
				read_rules(&r, v);
			else if (!strcmp(key, "suppressions"))
				read_suppressions(&r, v);
			else
				error(&r, key, "unknown member '%s': expected \"rules\" or \"suppressions\"", key);
		}
	}
	json_decref(doc);
	if (r.indexed)
		text_index_release(&r.index);
	text_release(&t);
	return r.errors;
}

void config_set_params(const struct lint_config *c, struct model *m)
{
	for (size_t i = 0; i < c->nr_params; i++)
		model_set_rule_param(m, c->params[i].rule_id, c->params[i].name, c->params[i].value);
}

int config_rule_enabled(const struct lint_config *c, size_t i)
{
	return c->settings[i].enabled != 0;
}

const char *config_rule_disabled_at(const struct lint_config *c, size_t i)
{
	return c->settings[i].enabled == 0 ? c->settings[i].disabled_at : NULL;
}


/*
 * The suppressions by what they match, built per config_apply() call (so
 * fleet threads share nothing): a key without a wildcard through a map
 * of "rule\nkey", the others (patterns, no key) in a list per rule.  A
 * finding then costs a look-up and its rule's patterns, not every
 * suppression: 40,000 suppressions and 100,000 findings stay linear.
 */
struct supp_index {
	struct arena arena;              /* the map's keys */
	struct strmap exact;             /* "rule\nkey" -> 1 + first suppression */
	size_t *next_exact;              /* the next suppression of the same rule and key, + 1 */
	size_t **patterns;               /* per rule of rule_table: suppression numbers, in order */
	size_t *nr_patterns;
};

static int has_wildcard(const char *key)
{
	return strpbrk(key, "*?[\\") != NULL;
}

static size_t rule_number(const char *rule_id)
{
	for (size_t i = 0; i < rule_table_size; i++)
		if (!strcmp(rule_table[i]->id, rule_id))
			return i;
	return rule_table_size;
}

static void supp_index_init(struct supp_index *x, const struct lint_config *c)
{
	arena_init(&x->arena);
	strmap_init(&x->exact);
	x->next_exact = xcalloc(c->nr_suppressions + 1, sizeof(*x->next_exact));
	x->patterns = xcalloc(rule_table_size, sizeof(*x->patterns));
	x->nr_patterns = xcalloc(rule_table_size, sizeof(*x->nr_patterns));
	size_t *last = xcalloc(c->nr_suppressions + 1, sizeof(*last));   /* chain tails */
	for (size_t k = 0; k < c->nr_suppressions; k++) {
		const struct suppression *s = &c->suppressions[k];
		size_t r = rule_number(s->rule_id);
		if (r == rule_table_size)
			continue;
		if (s->key && !has_wildcard(s->key)) {
			const char *key = arena_strfmt(&x->arena, "%s\n%s", s->rule_id, s->key);
			uintptr_t first = (uintptr_t)strmap_get(&x->exact, key);
			if (!first) {
				strmap_put(&x->exact, key, (void *)(uintptr_t)(k + 1));
				last[k] = k + 1;
			} else {
				x->next_exact[last[first - 1] - 1] = k + 1;
				last[first - 1] = k + 1;
			}
			continue;
		}
		x->patterns[r] = xrealloc(x->patterns[r], (x->nr_patterns[r] + 1) * sizeof(**x->patterns));
		x->patterns[r][x->nr_patterns[r]++] = k;
	}
	free(last);
}

static void supp_index_release(struct supp_index *x)
{
	for (size_t i = 0; i < rule_table_size; i++)
		free(x->patterns[i]);
	free(x->patterns);
	free(x->nr_patterns);
	free(x->next_exact);
	strmap_release(&x->exact);
	arena_release(&x->arena);
}

/* The first suppression in the file that applies to d, of rule number r, at `now`; or NULL. */
static const struct suppression *suppression_for(const struct lint_config *c,
						 const struct supp_index *x, const struct diag *d,
						 size_t r, int64_t now, struct arena *scratch)
{
	size_t best = c->nr_suppressions;
	if (d->key) {
		const char *key = arena_strfmt(scratch, "%s\n%s", d->rule_id, d->key);
		for (uintptr_t k = (uintptr_t)strmap_get(&x->exact, key); k; k = x->next_exact[k - 1]) {
			const struct suppression *s = &c->suppressions[k - 1];
			if (!s->has_expires || s->expires >= now) {
				best = k - 1;
				break;
			}
		}
	}
	for (size_t i = 0; i < x->nr_patterns[r] && x->patterns[r][i] < best; i++) {
		const struct suppression *s = &c->suppressions[x->patterns[r][i]];
		if (s->key && fnmatch(s->key, d->key ? d->key : "", 0))
			continue;
		if (s->has_expires && s->expires < now)
			continue;
		best = x->patterns[r][i];
		break;
	}
	return best < c->nr_suppressions ? &c->suppressions[best] : NULL;
}

void config_apply(const struct lint_config *c, struct diag_list *findings, int64_t now)
{
	struct supp_index x;
	struct arena scratch = ARENA_INIT;
	supp_index_init(&x, c);
	for (size_t i = 0; i < findings->nr; i++) {
		struct diag *d = findings->items[i];
		size_t r = rule_number(d->rule_id);
		if (r == rule_table_size)
			continue;
		if (c->settings[r].level > 0)
			d->level = (enum severity)c->settings[r].level;
		const struct suppression *s = suppression_for(c, &x, d, r, now, &scratch);
		if (s)
			d->suppressed = s->reason;
	}
	arena_release(&scratch);
	supp_index_release(&x);
}

void config_report_expired(const struct lint_config *c, int64_t now, struct diag_list *inputs)
{
	for (size_t k = 0; k < c->nr_suppressions; k++) {
		const struct suppression *s = &c->suppressions[k];
		if (s->has_expires && s->expires < now)
			diag_input(inputs, CONFIG_ID, SEV_WARNING, &s->loc,
				   "suppression of %s%s%s expired; it no longer applies (reason was: %s)",
				   s->rule_id, s->key ? " for " : "", s->key ? s->key : "", s->reason);
	}
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const void *const *)a, y = (uintptr_t)*(const void *const *)b;
	return x < y ? -1 : x > y;
}

void config_report_unmatched(const struct lint_config *c, const struct diag_list *findings,
			     int64_t now, struct diag_list *inputs)
{
	const void **used = xcalloc(findings->nr ? findings->nr : 1, sizeof(*used));
	size_t nr_used = 0;

	if (!c->nr_suppressions) {
		free(used);
		return;
	}
	for (size_t i = 0; i < findings->nr; i++)
		if (findings->items[i]->suppressed)
			used[nr_used++] = findings->items[i]->suppressed;
	qsort(used, nr_used, sizeof(*used), cmp_ptr);
	for (size_t k = 0; k < c->nr_suppressions; k++) {
		const struct suppression *s = &c->suppressions[k];
		const void *key = s->reason;
		if (s->has_expires && s->expires < now)
			continue;        /* config_report_expired() says so */
		if (bsearch(&key, used, nr_used, sizeof(*used), cmp_ptr))
			continue;
		size_t r = rule_number(s->rule_id);
		const char *off = r < rule_table_size ? config_rule_disabled_at(c, r) : NULL;
		diag_input(inputs, CONFIG_ID, SEV_NOTE, &s->loc,
			   "suppression of %s%s%s matched nothing%s%s (reason: %s)",
			   s->rule_id, s->key ? " for " : "", s->key ? s->key : "",
			   off ? ": the rule is turned off at " : "", off ? off : "", s->reason);
	}
	free(used);
}

/*
 * The configuration file (see config.h for its shape), read with Jansson.
 * Jansson keeps no positions, so a problem's line is where the member's
 * name first stands in the text: good enough to find it in a small file.
 */
#include <errno.h>
#include <stdarg.h>
#include <fnmatch.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "decode.h"
#include "readfile.h"
#include "rule.h"
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

struct reader {
	struct lint_config *c;
	const struct text *t;
	struct diag_list *inputs;
	int errors;
};

/*
 * The line where "name" stands for the nth time (0-based) after the first
 * "anchor" (NULL: from the start); 1 when it cannot be found.
 */
static uint32_t line_of_nth(const struct reader *r, const char *anchor, const char *name,
			    size_t nth)
{
	uint32_t line = 1;
	for (size_t i = 0; i < r->t->len; i++) {
		const char *want = anchor ? anchor : name;
		size_t n = strlen(want);
		if (r->t->buf[i] == '\n') {
			line++;
		} else if (r->t->buf[i] == '"' && i + n + 2 <= r->t->len &&
			   !strncmp(r->t->buf + i + 1, want, n) && r->t->buf[i + 1 + n] == '"') {
			if (anchor)
				anchor = NULL;
			else if (!nth--)
				return line;
		}
	}
	return 1;
}

static struct srcloc loc_of(const struct reader *r, const char *name)
{
	struct srcloc loc = { r->c->path, name ? line_of_nth(r, NULL, name, 0) : 1, 0, NULL };
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
			} else if (!strcmp(key, "level")) {
				int level = json_is_string(x) ? severity_parse(json_string_value(x)) : -1;
				if (level <= SEV_NONE)
					error(r, key, "bad value for '%s': expected \"error\", \"warning\" or \"note\"", key);
				else
					r->c->settings[i].level = level;
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
	if (!json_is_array(list)) {
		error(r, "suppressions", "bad value for '%s': expected an array", "suppressions");
		return;
	}
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
		sup.loc.line = line_of_nth(r, "suppressions", "rule", i);
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

int config_load(struct lint_config *c, const char *path, int explicit,
		struct diag_list *inputs)
{
	struct reader r = { c, NULL, inputs, 0 };
	unsigned char *buf;
	size_t n;
	const char *why = NULL;
	c->path = arena_strdup(&c->arena, path);
	int rc = read_whole_file(path, 0, CONFIG_MAX_BYTES, &buf, &n, &why);
	if (rc) {
		if (!explicit && rc == -1 && errno == ENOENT) {
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

static int level_of(const struct lint_config *c, const char *rule_id)
{
	for (size_t i = 0; i < rule_table_size; i++)
		if (!strcmp(rule_table[i]->id, rule_id))
			return c->settings[i].level;
	return -1;
}

void config_apply(const struct lint_config *c, struct diag_list *findings, int64_t now)
{
	for (size_t i = 0; i < findings->nr; i++) {
		struct diag *d = findings->items[i];
		int level = level_of(c, d->rule_id);
		if (level > 0)
			d->level = (enum severity)level;
		for (size_t k = 0; k < c->nr_suppressions; k++) {
			const struct suppression *s = &c->suppressions[k];
			if (strcmp(s->rule_id, d->rule_id) ||
			    (s->key && fnmatch(s->key, d->key ? d->key : "", 0)))
				continue;
			if (s->has_expires && s->expires < now)
				continue;
			d->suppressed = s->reason;
			break;
		}
	}
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

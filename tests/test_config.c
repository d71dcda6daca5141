/*
 * config_load(): the lines of suppressions and of problems in a
 * configuration with many suppressions, where each line used to be found
 * by a scan of the text from its start.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "rule.h"
#include "util.h"
#include "unit.h"

#define MANY 20000

/*
 * A configuration of MANY one-line suppressions of SCL011 (the nth on
 * line 4 + n), after a "rules" section that names a rule and "rule"
 * itself; then three suppressions over several lines.
 */
static void write_many(FILE *f)
{
	fprintf(f, "{\n"
		"  \"rules\": {\"SCL007\": {\"days\": 45}, \"sni-only-port\": {\"enabled\": true}},\n"
		"  \"suppressions\": [\n");
	for (int i = 0; i < MANY; i++)
		fprintf(f, "    {\"rule\": \"SCL011\", \"key\": \"ipport:10.%d.%d.%d:443\", "
			"\"reason\": \"endpoint %d\"},\n", i >> 16, (i >> 8) & 255, i & 255, i);
	/* line 4 + MANY */
	fprintf(f, "    {\n"
		"      \"rule\": \"SCL001\",\n"              /* MANY + 5 */
		"      \"reason\": \"being retired\",\n"
		"      \"expires\": \"2025-12-31\"\n"
		"    },\n"
		"    {\"reason\": \"unknown rule\",\n"
		"     \"rule\": \"SCL999\"},\n"              /* MANY + 10 */
		"    {\"rule\": \"SCL011\", \"reason\": \"typo\",\n"  /* MANY + 11 */
		"     \"kye\": \"ipport:*\"}\n"              /* MANY + 12 */
		"  ]\n"
		"}\n");
}

static int load(struct lint_config *c, struct diag_list *inputs)
{
	char path[] = "/tmp/sslcertlint-config-XXXXXX";
	int fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	FILE *f = fdopen(fd, "w");
	CU_ASSERT_FATAL(f != NULL);
	write_many(f);
	CU_ASSERT_FATAL(fclose(f) == 0);
	config_init(c);
	diag_list_init(inputs);
	int errors = config_load(c, path, 1, inputs);
	unlink(path);
	return errors;
}

static const struct diag *input_with(const struct diag_list *l, const char *needle)
{
	for (size_t i = 0; i < l->nr; i++)
		if (strstr(l->items[i]->message, needle))
			return l->items[i];
	return NULL;
}

static void test_many_suppressions(void)
{
	struct lint_config c;
	struct diag_list inputs;
	int errors = load(&c, &inputs);

	/* the suppression of SCL999 is dropped; the one with "kye" is kept */
	CU_ASSERT_EQUAL(errors, 2);
	CU_ASSERT_EQUAL_FATAL(c.nr_suppressions, MANY + 2);
	CU_ASSERT_EQUAL(c.suppressions[0].loc.line, 4);
	CU_ASSERT_STRING_EQUAL(c.suppressions[0].key, "ipport:10.0.0.0:443");
	for (size_t i = MANY - 3; i < MANY; i++) {
		CU_ASSERT_EQUAL(c.suppressions[i].loc.line, 4 + i);
		CU_ASSERT_STRING_EQUAL(c.suppressions[i].rule_id, "SCL011");
		CU_ASSERT_PTR_EQUAL(c.suppressions[i].loc.file, c.path);
	}
	CU_ASSERT_STRING_EQUAL(c.suppressions[MANY - 1].reason, "endpoint 19999");
	CU_ASSERT_EQUAL(c.suppressions[MANY].loc.line, MANY + 5);
	CU_ASSERT_STRING_EQUAL(c.suppressions[MANY].rule_id, "SCL001");
	CU_ASSERT_EQUAL(c.suppressions[MANY].has_expires, 1);
	CU_ASSERT_EQUAL(c.suppressions[MANY + 1].loc.line, MANY + 11);

	const struct diag *d = input_with(&inputs, "unknown rule 'SCL999' in a suppression");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.line, MANY + 10);
	CU_ASSERT_STRING_EQUAL(d->rule_id, "config");
	d = input_with(&inputs, "unknown member 'kye' in a suppression");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->loc.line, MANY + 12);
	CU_ASSERT_EQUAL(d->level, SEV_ERROR);

	/* expired on 2025-12-31: reported at its "rule" line */
	diag_list_release(&inputs);
	diag_list_init(&inputs);
	config_report_expired(&c, 1767225600, &inputs);   /* 2026-01-01 */
	CU_ASSERT_EQUAL_FATAL(inputs.nr, 1);
	CU_ASSERT_EQUAL(inputs.items[0]->loc.line, MANY + 5);
	CU_ASSERT_PTR_NOT_NULL(strstr(inputs.items[0]->message, "suppression of SCL001 expired"));

	diag_list_release(&inputs);
	config_release(&c);
}

/* A finding of rule id with key, in out. */
static struct diag *finding(struct diag_list *out, const char *id, const char *key)
{
	struct srcloc loc = { "netsh.txt", 1, 0, NULL };
	out->rule = rule_find(id);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out->rule);
	struct diag *d = diag_emit(out, SEV_ERROR, &loc, key, "x");
	out->rule = NULL;
	return d;
}

static void test_apply_first_match(void)
{
	/* the first suppression in the file that applies wins, exact keys and patterns alike */
	static const struct suppression supps[] = {
		{ "SCL011", "ipport:0.0.0.0:*", "pattern first", 0, 0, { 0 } },
		{ "SCL011", "ipport:0.0.0.0:443", "exact second", 0, 0, { 0 } },
		{ "SCL001", "hostnameport:a:443", "expired", 1735689600, 1, { 0 } },   /* 2025-01-01 */
		{ "SCL001", "hostnameport:a:443", "later duplicate", 0, 0, { 0 } },
		{ "SCL001", NULL, "every SCL001", 0, 0, { 0 } },
		{ "SCL006", "x", "x only", 0, 0, { 0 } },
	};
	struct lint_config c;
	struct diag_list out = DIAG_LIST_INIT;
	config_init(&c);
	c.nr_suppressions = sizeof(supps) / sizeof(*supps);
	c.suppressions = xmalloc(sizeof(supps));
	memcpy(c.suppressions, supps, sizeof(supps));
	struct diag *a = finding(&out, "SCL011", "ipport:0.0.0.0:443");
	struct diag *b = finding(&out, "SCL001", "hostnameport:a:443");
	struct diag *e = finding(&out, "SCL001", "hostnameport:b:443");
	struct diag *f = finding(&out, "SCL006", "y");
	struct diag *g = finding(&out, "SCL011", "ipport:10.0.0.1:443");
	config_apply(&c, &out, 1767225600);     /* 2026-01-01 */
	CU_ASSERT_STRING_EQUAL(a->suppressed, "pattern first");
	CU_ASSERT_STRING_EQUAL(b->suppressed, "later duplicate");
	CU_ASSERT_STRING_EQUAL(e->suppressed, "every SCL001");
	CU_ASSERT_PTR_NULL(f->suppressed);
	CU_ASSERT_PTR_NULL(g->suppressed);
	diag_list_release(&out);
	config_release(&c);
}

static void test_apply_many(void)
{
	/* MANY exact suppressions and MANY findings: each finding gets its own */
	struct lint_config c;
	struct diag_list inputs, out = DIAG_LIST_INIT;
	load(&c, &inputs);
	for (int i = 0; i < MANY; i++) {
		char key[64];
		snprintf(key, sizeof(key), "ipport:10.%d.%d.%d:443", i >> 16, (i >> 8) & 255, i & 255);
		finding(&out, "SCL011", key);
	}
	finding(&out, "SCL011", "ipport:192.0.2.1:443");
	config_apply(&c, &out, 1767225600);
	CU_ASSERT_STRING_EQUAL(out.items[0]->suppressed, "endpoint 0");
	CU_ASSERT_STRING_EQUAL(out.items[MANY - 1]->suppressed, "endpoint 19999");
	size_t suppressed = 0;
	for (size_t i = 0; i < out.nr; i++)
		suppressed += out.items[i]->suppressed != NULL;
	CU_ASSERT_EQUAL(suppressed, MANY + 1);
	/* the last one's "kye" left it without a key: it suppresses every other SCL011 finding */
	CU_ASSERT_STRING_EQUAL(out.items[MANY]->suppressed, "typo");
	/* every suppression took its finding (SCL001's expired): no note */
	struct diag_list notes = DIAG_LIST_INIT;
	config_report_unmatched(&c, &out, 1767225600, &notes);
	CU_ASSERT_EQUAL(notes.nr, 0);
	diag_list_release(&notes);
	diag_list_release(&out);
	diag_list_release(&inputs);
	config_release(&c);
}

/* Each suppression that took no finding is one note at its line; an expired one is left to its warning. */
static void test_unmatched(void)
{
	static const struct suppression supps[] = {
		{ "SCL011", "ipport:0.0.0.0:*", "pattern first", 0, 0, { "c.json", 2, 0, NULL } },
		{ "SCL011", "ipport:0.0.0.0:443", "shadowed by the pattern", 0, 0, { "c.json", 3, 0, NULL } },
		{ "SCL001", "hostnameport:a:443", "expired", 1735689600, 1, { "c.json", 4, 0, NULL } },
		{ "SCL001", NULL, "every SCL001", 0, 0, { "c.json", 5, 0, NULL } },
		{ "SCL006", "x", "x only", 0, 0, { "c.json", 6, 0, NULL } },
	};
	struct lint_config c;
	struct diag_list out = DIAG_LIST_INIT, notes = DIAG_LIST_INIT;
	config_init(&c);
	c.nr_suppressions = sizeof(supps) / sizeof(*supps);
	c.suppressions = xmalloc(sizeof(supps));
	memcpy(c.suppressions, supps, sizeof(supps));
	finding(&out, "SCL011", "ipport:0.0.0.0:443");
	finding(&out, "SCL001", "hostnameport:a:443");
	finding(&out, "SCL006", "y");
	config_apply(&c, &out, 1767225600);     /* 2026-01-01 */
	config_report_unmatched(&c, &out, 1767225600, &notes);
	CU_ASSERT_EQUAL_FATAL(notes.nr, 2);
	CU_ASSERT_EQUAL(notes.items[0]->loc.line, 3);
	CU_ASSERT_EQUAL(notes.items[0]->level, SEV_NOTE);
	CU_ASSERT_STRING_EQUAL(notes.items[0]->rule_id, "config");
	CU_ASSERT_STRING_EQUAL(notes.items[0]->message,
			       "suppression of SCL011 for ipport:0.0.0.0:443 matched nothing (reason: shadowed by the pattern)");
	CU_ASSERT_EQUAL(notes.items[1]->loc.line, 6);
	/* the expired one: only config_report_expired() speaks of it */
	diag_list_release(&notes);
	diag_list_init(&notes);
	config_report_expired(&c, 1767225600, &notes);
	CU_ASSERT_EQUAL_FATAL(notes.nr, 1);
	CU_ASSERT_EQUAL(notes.items[0]->loc.line, 4);
	diag_list_release(&notes);

	/* before it expired, the expired one matched and "every SCL001" did not */
	diag_list_release(&out);
	diag_list_init(&out);
	diag_list_init(&notes);
	finding(&out, "SCL011", "ipport:0.0.0.0:443");
	finding(&out, "SCL001", "hostnameport:a:443");
	config_apply(&c, &out, 1704067200);     /* 2024-01-01 */
	config_report_unmatched(&c, &out, 1704067200, &notes);
	CU_ASSERT_EQUAL_FATAL(notes.nr, 3);
	CU_ASSERT_EQUAL(notes.items[0]->loc.line, 3);
	CU_ASSERT_EQUAL(notes.items[1]->loc.line, 5);
	CU_ASSERT_EQUAL(notes.items[2]->loc.line, 6);
	diag_list_release(&notes);

	/* a rule turned off: the note says where */
	size_t r = 0;
	while (r < rule_table_size && strcmp(rule_table[r]->id, "SCL001"))
		r++;
	CU_ASSERT_FATAL(r < rule_table_size);
	c.settings[r].enabled = 0;
	c.settings[r].disabled_at = "c.json:9";
	diag_list_init(&notes);
	config_report_unmatched(&c, &out, 1704067200, &notes);
	CU_ASSERT_EQUAL_FATAL(notes.nr, 3);
	CU_ASSERT_PTR_NULL(strstr(notes.items[0]->message, "turned off"));
	CU_ASSERT_STRING_EQUAL(notes.items[1]->message,
			       "suppression of SCL001 matched nothing: the rule is turned off at c.json:9 (reason: every SCL001)");
	diag_list_release(&notes);
	diag_list_release(&out);
	config_release(&c);
}

void suite_config(void);
void suite_config(void)
{
	ADD_SUITE("config",
		  { "many suppressions, and the lines of the last", test_many_suppressions },
		  { "suppressions: the first that applies", test_apply_first_match },
		  { "suppressions: many, each to its finding", test_apply_many },
		  { "suppressions that matched nothing", test_unmatched });
}

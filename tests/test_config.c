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

void suite_config(void);
void suite_config(void)
{
	ADD_SUITE("config",
		  { "many suppressions, and the lines of the last", test_many_suppressions });
}

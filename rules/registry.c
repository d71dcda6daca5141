/*
 * The rule table, generated from registry.def (after jq's opcode_list.h):
 * one list, so adding a rule is one file and one line.
 */
#include <string.h>
#include <strings.h>

#include "rule.h"

#define RULE(stem) extern const struct rule rule_##stem;
#include "registry.def"
#undef RULE

const struct rule *const rule_table[] = {
#define RULE(stem) &rule_##stem,
#include "registry.def"
#undef RULE
};

const size_t rule_table_size = sizeof(rule_table) / sizeof(*rule_table);

const struct rule *rule_find(const char *id_or_name)
{
	for (size_t i = 0; i < rule_table_size; i++)
		if (!strcasecmp(rule_table[i]->id, id_or_name) ||
		    !strcmp(rule_table[i]->name, id_or_name))
			return rule_table[i];
	return NULL;
}

#include <jansson.h>
#include <string.h>

#include "rule.h"
#include "rule_docs.h"
#include "rule_list.h"
#include "util.h"

int rule_list_text(FILE *out)
{
	int width = 0;          /* the names' column is as wide as the longest name */
	for (size_t i = 0; i < rule_table_size; i++)
		if ((int)strlen(rule_table[i]->name) > width)
			width = (int)strlen(rule_table[i]->name);
	for (size_t i = 0; i < rule_table_size; i++) {
		const struct rule *r = rule_table[i];
		fprintf(out, "%s  %-7s  %-*s  %s\n", r->id, severity_name(r->level),
			width, r->name, r->summary);
	}
	return ferror(out) ? -1 : 0;
}

int rule_list_json(FILE *out)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < rule_table_size; i++) {
		const struct rule *r = rule_table[i];
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}",
						     "id", r->id, "name", r->name,
						     "level", severity_name(r->level),
						     "summary", r->summary));
	}
	int rc = json_dumpf(arr, out, JSON_INDENT(2));
	json_decref(arr);
	fputc('\n', out);
	return rc || ferror(out) ? -1 : 0;
}

int rule_explain(const char *id_or_name, FILE *out)
{
	const struct rule *r = rule_find(id_or_name);
	if (!r)
		return -1;
	char stem[128];
	size_t n = strlen(r->name);
	if (n >= sizeof(stem))
		BUG("rule name too long");
	for (size_t i = 0; i <= n; i++)
		stem[i] = r->name[i] == '-' ? '_' : r->name[i];
	const char *doc = rule_doc(stem);
	if (!doc)
		fprintf(out, "%s %s: %s\n(no documentation)\n", r->id, r->name, r->summary);
	else
		fputs(doc, out);
	return ferror(out) ? -1 : 0;
}

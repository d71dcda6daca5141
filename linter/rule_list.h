#ifndef RULE_LIST_H
#define RULE_LIST_H

#include <stdio.h>

/*
 * --list-rules: the rule table as aligned text (id, level, name,
 * summary) or as a JSON array.  Return 0, or -1 on a write error.
 */
int rule_list_text(FILE *out);
int rule_list_json(FILE *out);

/* --explain: the doc of the rule with this id or name; -1 when there is no such rule. */
int rule_explain(const char *id_or_name, FILE *out);

#endif

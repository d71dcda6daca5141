#ifndef RULE_DOCS_H
#define RULE_DOCS_H

/*
 * The Markdown doc of a rule (rules/<stem>.md), embedded at build time by
 * tools/embed-docs.sh; stem is the file stem, e.g. "ctl_store_missing".
 * NULL when there is none.  The string is static.
 */
const char *rule_doc(const char *stem);

#endif

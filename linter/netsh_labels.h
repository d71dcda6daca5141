#ifndef NETSH_LABELS_H
#define NETSH_LABELS_H

#include <stddef.h>

#include "model.h"

/*
 * The labels `netsh http show sslcert` prints, in every language the
 * tables know (netsh_labels.def, with binding_fields.def's English field
 * labels), and the field orders of its Windows generations
 * (netsh_layout.def).  Used by the netsh parser and the input detector.
 */

/* What a label stands for: a field (its enum bfield_id) or one of these. */
enum netsh_slot {
	NS_HEADER = BF__COUNT,  /* "SSL Certificate bindings:" */
	NS_KEY_IPPORT,          /* NS_KEY_IPPORT + enum endpoint_kind */
	NS_KEY_HOSTNAMEPORT,
	NS_KEY_CCS,
	NS_EXT,                 /* "Extended Properties" */
};
#define NS_FIELD(id) BF_##id

/*
 * The slot of the label s[0..n) in any language, or -1.  Case does not
 * matter, and a run of white space (U+00A0 too) matches one space.
 * *language (may be NULL) gets its ISO 639-1 code.
 */
int netsh_label_slot(const char *s, size_t n, const char **language);

/*
 * A key label of any language at the start of s[0..e), then optional
 * white space and ':': the position after the ':', with *slot set to its
 * NS_KEY_* slot; NULL when there is none.  (Key labels contain ':'
 * themselves, "IP:port", so a line cannot be split at its first colon.)
 */
const char *netsh_match_key(const char *s, const char *e, int *slot);

/*
 * Value shapes, for a record whose labels are in an unknown language:
 * netsh_endpoint_shape() tells whether s[0..e) is "IPv4:port",
 * "[IPv6]:port" (EP_IPPORT) or "host.name:port" (EP_HOSTNAMEPORT), else
 * -1; netsh_hash_shape() whether it is 40 hex digits.
 */
int netsh_endpoint_shape(const char *s, const char *e);
int netsh_hash_shape(const char *s, const char *e);

/* The English name of a language the tables have ("German" for "de"). */
const char *netsh_language_name(const char *code);

/* The label of a key slot (NS_KEY_*) in English, for messages. */
const char *netsh_key_label(enum endpoint_kind ep);

struct netsh_layout {
	const char *name;                   /* "13 fields (Windows Server 2008 R2 to 2012 R2)" */
	const enum bfield_id *fields;       /* after the key line, in order */
	size_t nr_fields;
};

extern const struct netsh_layout netsh_layouts[];
extern const size_t nr_netsh_layouts;

/* The layout with exactly nr_fields fields after the key line, or NULL. */
const struct netsh_layout *netsh_layout_by_count(size_t nr_fields);

#endif

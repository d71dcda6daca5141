/*
 * The label and layout tables of netsh_labels.def and netsh_layout.def.
 * The tables are small (a few dozen labels): a lookup scans them.
 */
#include <string.h>

#include "netsh_labels.h"
#include "util.h"

struct label_entry {
	int slot;
	const char *language;
	const char *label;
};

static const struct label_entry labels[] = {
#define NETSH_LABEL(slot, language, label, seen) { slot, language, label },
#include "netsh_labels.def"
#undef NETSH_LABEL
};

/* Compound literals at file scope have static storage. */
#define LAYOUT_FIELDS(...) ((const enum bfield_id[]){ __VA_ARGS__ })
const struct netsh_layout netsh_layouts[] = {
#define NETSH_LAYOUT(name, seen, ...) \
	{ name, LAYOUT_FIELDS(__VA_ARGS__), \
	  sizeof(LAYOUT_FIELDS(__VA_ARGS__)) / sizeof(enum bfield_id) },
#include "netsh_layout.def"
#undef NETSH_LAYOUT
};
const size_t nr_netsh_layouts = sizeof(netsh_layouts) / sizeof(*netsh_layouts);

/*
 * Where lit ends at the start of s[0..e), ignoring ASCII case, a run of
 * white space in s matching one space in lit; NULL when s does not start
 * with lit.
 */
static const char *label_prefix(const char *s, const char *e, const char *lit)
{
	while (*lit) {
		size_t k = uspace_at(s, e);
		if (k) {
			if (*lit != ' ')
				return NULL;
			while ((k = uspace_at(s, e)))
				s += k;
			lit++;
			continue;
		}
		if (s == e || !str_nieq(s, lit, 1))
			return NULL;
		s++;
		lit++;
	}
	return s;
}

static int label_eq(const char *s, size_t n, const char *lit)
{
	return label_prefix(s, s + n, lit) == s + n;
}

int netsh_label_slot(const char *s, size_t n, const char **language)
{
	for (int i = 0; i < BF__COUNT; i++) {
		if (label_eq(s, n, bfield_table[i].label)) {
			if (language)
				*language = "en";
			return i;
		}
	}
	for (size_t i = 0; i < sizeof(labels) / sizeof(*labels); i++) {
		if (label_eq(s, n, labels[i].label)) {
			if (language)
				*language = labels[i].language;
			return labels[i].slot;
		}
	}
	return -1;
}

const char *netsh_language_name(const char *code)
{
	static const char *const names[][2] = {
		{ "en", "English" },
		{ "de", "German" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(code, names[i][0]))
			return names[i][1];
	return code;
}

const char *netsh_key_label(enum endpoint_kind ep)
{
	for (size_t i = 0; i < sizeof(labels) / sizeof(*labels); i++)
		if (labels[i].slot == (int)(NS_KEY_IPPORT + ep) && !strcmp(labels[i].language, "en"))
			return labels[i].label;
	return "?";
}

const char *netsh_match_key(const char *s, const char *e, int *slot)
{
	for (size_t i = 0; i < sizeof(labels) / sizeof(*labels); i++) {
		if (labels[i].slot < NS_KEY_IPPORT || labels[i].slot > NS_KEY_CCS)
			continue;
		const char *p = label_prefix(s, e, labels[i].label);
		if (!p)
			continue;
		size_t k;
		while ((k = uspace_at(p, e)))
			p += k;
		if (p < e && *p == ':') {
			*slot = labels[i].slot;
			return p + 1;
		}
	}
	return NULL;
}

const struct netsh_layout *netsh_layout_by_count(size_t nr_fields)
{
	for (size_t i = 0; i < nr_netsh_layouts; i++)
		if (netsh_layouts[i].nr_fields == nr_fields)
			return &netsh_layouts[i];
	return NULL;
}

/* ---- value shapes ------------------------------------------------------ */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 1 to 5 digits filling [s, e). */
static int is_port(const char *s, const char *e)
{
	if (e - s < 1 || e - s > 5)
		return 0;
	for (; s < e; s++)
		if (!is_digit(*s))
			return 0;
	return 1;
}

int netsh_endpoint_shape(const char *s, const char *e)
{
	const char *colon = NULL;
	for (const char *p = s; p < e; p++)
		if (*p == ':')
			colon = p;
	if (!colon || colon == s || !is_port(colon + 1, e))
		return -1;
	/* [IPv6]:port */
	if (*s == '[')
		return colon[-1] == ']' ? (int)EP_IPPORT : -1;
	int digits_dots = 1, letters = 0;
	for (const char *p = s; p < colon; p++) {
		char c = *p;
		if (is_digit(c) || c == '.')
			continue;
		digits_dots = 0;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '*')
			letters = 1;
		else
			return -1;
	}
	if (digits_dots)
		return (int)EP_IPPORT;
	return letters ? (int)EP_HOSTNAMEPORT : -1;
}

int netsh_hash_shape(const char *s, const char *e)
{
	if (e - s != 40)
		return 0;
	for (; s < e; s++)
		if (!is_digit(*s) && !((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f'))
			return 0;
	return 1;
}

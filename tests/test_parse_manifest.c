/*
 * parse_manifest(): snapshot.json, its value forms, and every input
 * error with its line.
 */
#include <string.h>

#include "unit.h"

static void parse(struct unit_snapshot *s, const char *text)
{
	unit_parse_str(s, parse_manifest, "snapshot.json", text);
}

static const struct diag *diag_at(const struct unit_snapshot *s, enum severity level,
				  uint32_t line, const char *needle)
{
	for (size_t i = 0; i < s->diags.nr; i++) {
		const struct diag *d = s->diags.items[i];
		if (d->level == level && d->loc.line == line &&
		    (!needle || strstr(d->message, needle)))
			return d;
	}
	return NULL;
}

static void check_diags(const struct unit_snapshot *s)
{
	for (size_t i = 0; i < s->diags.nr; i++) {
		CU_ASSERT_STRING_EQUAL(s->diags.items[i]->rule_id, "parse.manifest");
		CU_ASSERT(s->diags.items[i]->loc.line >= 1);
	}
	CU_ASSERT_EQUAL((size_t)s->errors, unit_count_diags(&s->diags, SEV_ERROR, NULL));
}

static void test_manifest(void)
{
	struct unit_snapshot s;
	parse(&s, "{\"host\": \"web01\", \"os\": \"Windows Server 2022\", \"build\": 20348, "
	      "\"taken\": \"2026-01-15T10:00:00Z\"}\n");
	check_diags(&s);
	CU_ASSERT_EQUAL(s.errors, 0);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	const struct host_manifest *mf = &s.m.manifest;
	CU_ASSERT_EQUAL(mf->present, 1);
	CU_ASSERT_STRING_EQUAL(mf->name, "web01");
	CU_ASSERT_STRING_EQUAL(mf->os, "Windows Server 2022");
	CU_ASSERT_EQUAL(mf->build, 20348);
	CU_ASSERT_EQUAL(mf->has_taken, 1);
	CU_ASSERT_EQUAL(mf->taken, 1768471200);
	CU_ASSERT_EQUAL(mf->loc.line, 1);
	CU_ASSERT_PTR_EQUAL(mf->loc.file, model_intern_file(&s.m, "snapshot.json"));
	CU_ASSERT(arena_owns(&s.m.arena, mf->name));
	CU_ASSERT(arena_owns(&s.m.arena, mf->os));
	unit_snapshot_release(&s);

	/* pretty-printed, names in any case, the other value forms */
	parse(&s, "{\n"
	      "  \"Host\": \"WEB02\",\n"
	      "  \"OS\": \"Windows Server 2019\",\n"
	      "  \"Build\": \"17763\",\n"
	      "  \"Taken\": \"\\/Date(1768471200000)\\/\"\n"
	      "}\n");
	check_diags(&s);
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_STRING_EQUAL(s.m.manifest.name, "WEB02");
	CU_ASSERT_EQUAL(s.m.manifest.build, 17763);
	CU_ASSERT_EQUAL(s.m.manifest.taken, 1768471200);
	CU_ASSERT_EQUAL(s.m.manifest.loc.line, 5);     /* the "taken" line */
	CU_ASSERT_EQUAL(s.m.manifest.build_loc.line, 4);
	CU_ASSERT_STRING_EQUAL(s.m.manifest.build_loc.path, "/build");
	unit_snapshot_release(&s);

	static const struct {
		const char *build;
		uint32_t want;
	} builds[] = {
		{ "\"10.0.20348\"", 20348 }, { "\"10.0.20348.2113\"", 20348 }, { "9600", 9600 },
		{ "\"26100\"", 26100 }, { "null", 0 },
	};
	for (size_t i = 0; i < sizeof(builds) / sizeof(*builds); i++) {
		char text[128];
		snprintf(text, sizeof(text), "{\"host\": \"h\", \"build\": %s, \"taken\": \"2026-01-15\"}",
			 builds[i].build);
		parse(&s, text);
		CU_ASSERT_EQUAL(s.errors, 0);
		CU_ASSERT_EQUAL(s.m.manifest.build, builds[i].want);
		CU_ASSERT_EQUAL(s.m.manifest.taken, 1768435200);
		unit_snapshot_release(&s);
	}

	/* only some members */
	parse(&s, "{\"host\": \"web03\", \"taken\": \"2026-01-15T11:00:00+01:00\"}");
	CU_ASSERT_EQUAL(s.diags.nr, 0);
	CU_ASSERT_PTR_NULL(s.m.manifest.os);
	CU_ASSERT_EQUAL(s.m.manifest.build, 0);
	CU_ASSERT_EQUAL(s.m.manifest.taken, 1768471200);
	unit_snapshot_release(&s);
}

static void test_manifest_errors(void)
{
	struct unit_snapshot s;
	parse(&s, "{\n"
	      "  \"host\": 5,\n"
	      "  \"os\": \"Windows Server 2022\",\n"
	      "  \"build\": \"twenty\",\n"
	      "  \"taken\": \"yesterday\",\n"
	      "  \"owner\": \"ops\"\n"
	      "}\n");
	check_diags(&s);
	CU_ASSERT_EQUAL(s.errors, 3);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 2, "invalid 'host' 5: expected a string"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 4, "invalid 'build' \"twenty\""));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 5, "invalid 'taken' \"yesterday\""));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_WARNING, 6, "unknown member 'owner'"));
	CU_ASSERT_EQUAL(s.diags.nr, 4);
	/* the rest is read, the bad values stay unknown */
	CU_ASSERT_EQUAL(s.m.manifest.present, 1);
	CU_ASSERT_STRING_EQUAL(s.m.manifest.os, "Windows Server 2022");
	CU_ASSERT_PTR_NULL(s.m.manifest.name);
	CU_ASSERT_EQUAL(s.m.manifest.build, 0);
	CU_ASSERT_EQUAL(s.m.manifest.has_taken, 0);
	unit_snapshot_release(&s);

	static const char *const bad_builds[] = { "-1", "1.5", "\"10.0\"", "\"10.0.x\"", "4294967296", "true" };
	for (size_t i = 0; i < sizeof(bad_builds) / sizeof(*bad_builds); i++) {
		char text[128];
		snprintf(text, sizeof(text), "{\"host\": \"h\",\n\"build\": %s}", bad_builds[i]);
		parse(&s, text);
		CU_ASSERT_EQUAL(s.errors, 1);
		CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 2, "invalid 'build'"));
		CU_ASSERT_EQUAL(s.m.manifest.build, 0);
		unit_snapshot_release(&s);
	}

	/* malformed: no manifest at all */
	parse(&s, "{\n  \"host\": \"web01\",\n  \"taken\": 2026-01-15\n}\n");
	check_diags(&s);
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 3, "malformed JSON: "));
	CU_ASSERT_EQUAL(s.m.manifest.present, 0);
	unit_snapshot_release(&s);

	parse(&s, "[\"web01\"]");
	CU_ASSERT_EQUAL(s.errors, 1);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 1, "expected an object with \"host\""));
	CU_ASSERT_EQUAL(s.m.manifest.present, 0);
	unit_snapshot_release(&s);
}

/* Two manifests in one snapshot: the first wins. */
static void test_second_manifest(void)
{
	struct unit_snapshot s;
	struct text t;
	struct decode_result res;
	static const char second[] = "{\"host\": \"other\", \"taken\": \"2020-01-01T00:00:00Z\"}";

	parse(&s, "{\"host\": \"web01\", \"taken\": \"2026-01-15T10:00:00Z\"}");
	CU_ASSERT_EQUAL(s.errors, 0);
	text_decode((const unsigned char *)second, strlen(second), &t, &res);
	int errors = parse_manifest(&s.m, model_intern_file(&s.m, "b/snapshot.json"), &t, &s.diags);
	text_release(&t);
	CU_ASSERT_EQUAL(errors, 1);
	CU_ASSERT_EQUAL(s.diags.nr, 1);
	const struct diag *d = diag_at(&s, SEV_ERROR, 1,
				       "second manifest ignored; the first, 'snapshot.json', is used");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_STRING_EQUAL(d->loc.file, "b/snapshot.json");
	CU_ASSERT_STRING_EQUAL(s.m.manifest.name, "web01");
	CU_ASSERT_EQUAL(s.m.manifest.taken, 1768471200);
	CU_ASSERT_EQUAL(model_check(&s.m, stderr), 0);
	unit_snapshot_release(&s);
}

/* What tools/Export-SslSnapshot.ps1 adds: kept, checked, and its warnings repeated. */
static void test_export_members(void)
{
	struct unit_snapshot s;
	parse(&s, "{\n"
	      "  \"host\": \"web01\",\n"
	      "  \"taken\": \"2026-01-15T10:00:00Z\",\n"
	      "  \"exportedBy\": \"Export-SslSnapshot.ps1 1\",\n"
	      "  \"secretsRemoved\": true,\n"
	      "  \"stores\": [\"My\", \"Root\",\n"
	      "             \"ClientAuthIssuer\"],\n"
	      "  \"warnings\": [\"netsh output is not in English\", \"store 'X' does not exist\"]\n"
	      "}\n");
	check_diags(&s);
	CU_ASSERT_EQUAL(s.errors, 0);
	const struct host_manifest *mf = &s.m.manifest;
	CU_ASSERT_STRING_EQUAL(mf->exported_by, "Export-SslSnapshot.ps1 1");
	CU_ASSERT_EQUAL(mf->secrets_removed, 1);
	CU_ASSERT_EQUAL_FATAL(mf->nr_stores, 3);
	CU_ASSERT_STRING_EQUAL(mf->stores[0], "My");
	CU_ASSERT_STRING_EQUAL(mf->stores[2], "ClientAuthIssuer");
	CU_ASSERT_EQUAL(mf->stores_loc.line, 6);
	CU_ASSERT_EQUAL(s.diags.nr, 2);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_WARNING, 8, "the exporter warned: netsh output is not in English"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_WARNING, 8, "the exporter warned: store 'X' does not exist"));

	/* a dumped store that no dump holds: a warning at "stores" */
	struct diag_list more = DIAG_LIST_INIT;
	struct srcloc loc = { "Root.json", 1, 0, NULL };
	model_cert_store(&s.m, "root", &loc);
	model_cert_store(&s.m, "ClientAuthIssuer", &loc);
	manifest_check_stores(&s.m, &more);
	CU_ASSERT_EQUAL_FATAL(more.nr, 1);
	CU_ASSERT_EQUAL(more.items[0]->loc.line, 6);
	CU_ASSERT_PTR_NOT_NULL(strstr(more.items[0]->message, "store 'My' was dumped, but no dump of it was read"));
	diag_list_release(&more);
	unit_snapshot_release(&s);

	/* without them: unknown, and no check */
	parse(&s, "{\"host\": \"web01\", \"taken\": \"2026-01-15T10:00:00Z\"}");
	CU_ASSERT_EQUAL(s.m.manifest.secrets_removed, -1);
	CU_ASSERT_PTR_NULL(s.m.manifest.exported_by);
	CU_ASSERT_EQUAL(s.m.manifest.nr_stores, 0);
	unit_snapshot_release(&s);

	/* kept secrets: a note; wrong types: errors at their lines */
	parse(&s, "{\n"
	      "  \"host\": \"web01\",\n"
	      "  \"secretsRemoved\": false,\n"
	      "  \"stores\": \"My\",\n"
	      "  \"warnings\": [1]\n"
	      "}\n");
	check_diags(&s);
	CU_ASSERT_EQUAL(s.m.manifest.secrets_removed, 0);
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_NOTE, 3, "kept applicationHost.config's secrets"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 4, "invalid 'stores' \"My\": expected an array of strings"));
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 5, "invalid entry 1 in 'warnings'"));
	CU_ASSERT_EQUAL(s.errors, 2);
	unit_snapshot_release(&s);
	parse(&s, "{\"host\": \"web01\",\n\"secretsRemoved\": \"yes\"}");
	CU_ASSERT_PTR_NOT_NULL(diag_at(&s, SEV_ERROR, 2, "invalid 'secretsRemoved' \"yes\": expected true or false"));
	CU_ASSERT_EQUAL(s.m.manifest.secrets_removed, -1);
	unit_snapshot_release(&s);
}

void suite_parse_manifest(void);
void suite_parse_manifest(void)
{
	ADD_SUITE("parse_manifest",
		  { "snapshot.json", test_manifest },
		  { "errors and unknown members", test_manifest_errors },
		  { "a second manifest", test_second_manifest },
		  { "what the export script adds", test_export_members });
}

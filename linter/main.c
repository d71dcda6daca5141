/*
 * sslcertlint: argv, reading the snapshot, running the rules, writing
 * the report, and the exit code.  The only file that exits.
 *
 * Exit codes: 0 no finding at or above --fail-on; 1 findings at or above
 * it; 2 usage error, an input that could not be read or parsed, or a
 * report that could not be written.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "baseline.h"
#include "config.h"
#include "diag.h"
#include "fleet.h"
#include "lint.h"
#include "merge.h"
#include "model.h"
#include "output.h"
#include "pathname.h"
#include "report.h"
#include "rule.h"
#include "rule_list.h"
#include "runner.h"
#include "snapshot.h"
#include "timeutil.h"
#include "timing.h"
#include "util.h"
#include "version.h"
#include "workers.h"

enum {
	EXIT_CLEAN = 0,
	EXIT_FINDINGS = 1,
	EXIT_TROUBLE = 2,
};

enum {
	OPT_FAIL_ON = 256,
	OPT_NOW,
	OPT_COLOR,
	OPT_MAX_INPUT,
	OPT_DUMP_MODEL,
	OPT_LIST_RULES,
	OPT_EXPLAIN,
	OPT_VERSION,
	OPT_CONFIG,
	OPT_BASELINE,
	OPT_SHOW_SUPPRESSED,
	OPT_SARIF_AUTOMATION_ID,
	OPT_TIMINGS,
	OPT_FLEET,
	OPT_SARIF_ROOT,
	OPT_SHARD,
};

/*
 * The option lines are read by tools/gen-man.sh, which makes the man page
 * from them: an option starts a line with "  -x, --name ARG" or
 * "      --name ARG", then two spaces or more and its description; a
 * description goes on in lines indented by 26 spaces.  The exit codes
 * are "  N  meaning" lines, going on with 5 spaces.
 */
static const char usage_text[] =
	"usage: sslcertlint [options] PATH...\n"
	"       sslcertlint [options] --fleet DIR [--shard K/N]\n"
	"       sslcertlint merge [-o FILE] REPORT...\n"
	"\n"
	"Lints the TLS state of a Windows web server from its exports: netsh http show sslcert\n"
	"text, .reg exports (SCHANNEL, HTTP\\Parameters), IIS applicationHost.config,\n"
	"certificate store JSON dumps and a snapshot.json manifest. PATH is a file or a\n"
	"directory, searched recursively; each file's kind is found from its content.\n"
	"PATH - reads one input from standard input, named <stdin> in the report.\n"
	"With --fleet, each subdirectory of DIR is one server's snapshot.\n"
	"\n"
	"  -f, --format FORMAT     report format (default: text): text, json, sarif, or for CI\n"
	"                          github (workflow command annotations), gitlab (Code\n"
	"                          Quality JSON) or junit (JUnit XML test report)\n"
	"  -o, --output FILE       write the report to FILE, atomically (default, or -: stdout);\n"
	"                          the input errors and the summary also go to stderr\n"
	"      --fail-on LEVEL     exit 1 on findings at or above LEVEL: error, warning, note, none\n"
	"                          (default: error)\n"
	"      --now TIME          ISO 8601 time reference for date checks (default: the\n"
	"                          manifest's \"taken\", else the clock)\n"
	"      --color WHEN        colour the text report: auto, always, never (default: auto)\n"
	"      --max-input-size N  largest input file read, in bytes, or with K, M, G (default: 512M)\n"
	"      --config FILE       read rule settings and suppressions from FILE (default:\n"
	"                          $SSLCERTLINT_CONFIG, else the first .sslcertlint.json in\n"
	"                          the inputs' folders or above them, up to the repository root)\n"
	"      --baseline REPORT   compare with an earlier JSON or SARIF report: only new\n"
	"                          findings count for --fail-on\n"
	"      --show-suppressed   list suppressed findings in the text report too\n"
	"  -q, --quiet             text report: leave out notes and the rules that did not\n"
	"                          run; warnings, errors and the summary stay\n"
	"      --sarif-automation-id ID\n"
	"                          SARIF automationDetails.id: the run's category in GitHub\n"
	"                          code scanning (e.g. web01/)\n"
	"      --sarif-root DIR    SARIF: paths below DIR are written relative to it\n"
	"                          (%SRCROOT%), others as absolute file:// URIs (default:\n"
	"                          the working directory)\n"
	"      --fleet DIR         lint each subdirectory of DIR as one server (its host name:\n"
	"                          its snapshot.json, else the folder name), in one report\n"
	"      --shard K/N         with --fleet: lint only the host folders of shard K of N\n"
	"                          (FNV-1a 64 of the folder name, mod N, plus 1); join the\n"
	"                          N reports with 'sslcertlint merge'\n"
	"  -j, --jobs N            threads reading and parsing inputs, or linting hosts with\n"
	"                          --fleet (default: the number of processors); the report\n"
	"                          is the same for any N\n"
	"      --timings           print where the time went (to standard error)\n"
	"      --dump-model        print the parsed model instead of a report\n"
	"      --list-rules        list the rules (as JSON with --format json)\n"
	"      --explain RULE      print the documentation of RULE (id or name)\n"
	"      --version           print the version\n"
	"  -h, --help              print this help\n"
	"\n"
	"sslcertlint merge [-o FILE] REPORT... joins the JSON or SARIF reports of the N\n"
	"shards of one fleet (--fleet DIR --shard K/N, K = 1..N, same options) into the report\n"
	"of the whole fleet, byte for byte; its exit status is the whole run's.\n"
	"\n"
	"Exit status:\n"
	"  0  no finding at or above --fail-on (suppressed findings, and with --baseline\n"
	"     all but new ones, do not count)\n"
	"  1  findings at or above --fail-on\n"
	"  2  usage error, an input that could not be read or parsed, or a report not written\n";

static void usage(FILE *out)
{
	fputs(usage_text, out);
}

static int usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("sslcertlint: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\nTry 'sslcertlint --help'.\n", stderr);
	va_end(ap);
	return EXIT_TROUBLE;
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return -1;
	unsigned long long mult = 1;
	switch (*end) {
	case 'K': case 'k': mult = 1024ULL; end++; break;
	case 'M': case 'm': mult = 1024ULL * 1024; end++; break;
	case 'G': case 'g': mult = 1024ULL * 1024 * 1024; end++; break;
	}
	if (*end || !v || v > SIZE_MAX / mult)
		return -1;
	*out = (size_t)(v * mult);
	return 0;
}

#define MAX_JOBS 256

static int parse_jobs(const char *s, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > MAX_JOBS)
		return -1;
	*out = (int)v;
	return 0;
}

/* "K/N", digits only, 1 <= K <= N <= FLEET_SHARD_MAX */
static int parse_shard(const char *s, struct fleet_shard *out)
{
	unsigned long v[2];
	const char *p = s;

	for (int i = 0; i < 2; i++) {
		if (*p < '0' || *p > '9')
			return -1;
		v[i] = 0;
		while (*p >= '0' && *p <= '9') {
			v[i] = v[i] * 10 + (unsigned long)(*p++ - '0');
			if (v[i] > FLEET_SHARD_MAX)
				return -1;
		}
		if (*p++ != (i ? '\0' : '/'))
			return -1;
	}
	if (v[0] < 1 || v[1] < 1 || v[0] > v[1])
		return -1;
	out->k = (unsigned)v[0];
	out->n = (unsigned)v[1];
	return 0;
}

struct options {
	const char *format;
	const char *output;
	int fail_on;
	int64_t now;
	const char *now_source;
	int color;               /* -1 auto, 0 never, 1 always */
	int dump_model;
	int list_rules;
	const char *explain;
	const char *config;
	const char *baseline;
	int timings;
	int show_suppressed;
	int quiet;
	const char *automation_id;
	const char *fleet;       /* --fleet DIR */
	const char *sarif_root;  /* --sarif-root DIR, as given */
	const char *shard_arg;   /* --shard K/N, as given; NULL: every host */
	struct fleet_shard shard;
	struct snapshot_options snap;
};

/* Findings that make the run fail (report_fails()). */
static size_t failing(const struct report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->findings->nr; i++)
		n += report_fails(r, r->findings->items[i]) != 0;
	return n;
}

static int write_report(const struct options *o, report_fn fn, const struct report *r)
{
	if (o->output) {
		/* the report goes to a file: the CI log still says what failed */
		struct report brief = *r;
		brief.color = 0;
		report_text_brief(&brief, stderr);
	}
	if (!o->output) {
		int rc = fn(r, stdout);
		if (fflush(stdout) || ferror(stdout) || rc) {
			fprintf(stderr, "sslcertlint: cannot write the report to standard output: %s\n",
				strerror(errno));
			return -1;
		}
		return 0;
	}
	struct output_file of;
	if (output_file_open(&of, o->output)) {
		fprintf(stderr, "sslcertlint: cannot write '%s': %s\n", o->output,
			of.why ? of.why : strerror(errno));
		return -1;
	}
	const char *kept = of.tmp_path ? "; the previous report is left as it was" : "";
	if (fn(r, of.fp)) {
		int e = errno;
		output_file_abort(&of);
		fprintf(stderr, "sslcertlint: cannot write '%s': %s%s\n", o->output, strerror(e), kept);
		return -1;
	}
	if (output_file_commit(&of)) {
		fprintf(stderr, "sslcertlint: cannot write '%s': %s%s\n", o->output, strerror(errno), kept);
		return -1;
	}
	return 0;
}

/* path is the file st describes (by device and inode: a hard link or another spelling is). */
static int same_file(const struct stat *st, const char *path)
{
	struct stat other;
	return path && !stat(path, &other) && other.st_dev == st->st_dev && other.st_ino == st->st_ino;
}

/*
 * The input that -o names, or NULL: a path on the command line, a file
 * read from a snapshot directory (or skipped there), a host folder, the
 * configuration.  The baseline may be replaced: it was read whole, and
 * a report replacing the one it is compared with is how a baseline is
 * kept up to date.
 */
static const char *output_is_input(const char *output, const char *const *paths, size_t nr_paths,
				   const char *fleet, const struct fleet_report *fr,
				   const struct lint_config *cfg)
{
	struct stat st;

	if (stat(output, &st))
		return NULL;     /* a new file */
	/* standard input is no file of that name ("-", "<stdin>"): never compared */
	for (size_t i = 0; i < nr_paths; i++)
		if (strcmp(paths[i], SNAPSHOT_STDIN_ARG) && same_file(&st, paths[i]))
			return paths[i];
	if (same_file(&st, fleet))
		return fleet;
	for (size_t i = 0; i < fr->nr_hosts; i++)
		if (same_file(&st, fr->hosts[i].path))
			return fr->hosts[i].path;
	for (size_t i = 0; i < fr->nr_files; i++)
		if (strcmp(fr->files[i].path, SNAPSHOT_STDIN_NAME) && same_file(&st, fr->files[i].path))
			return fr->files[i].path;
	if (same_file(&st, cfg->path))
		return cfg->path;
	return NULL;
}

/*
 * The working directory as the shell spells it ($PWD, when it names the
 * working directory and has no "." or ".." in it), else getcwd()'s, with
 * links resolved; NULL when neither is known.  $PWD first, so a path the
 * user writes as "$PWD/x" is below it even where the checkout is reached
 * through a symbolic link.  malloc'd.
 */
static char *working_directory(void)
{
	const char *pwd = getenv("PWD");
	struct stat a, b;

	if (pwd && pwd[0] == '/' && !stat(pwd, &a) && !stat(".", &b) &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
		char *clean = path_clean(pwd);
		if (!strcmp(clean, pwd))
			return clean;
		free(clean);
	}
	for (size_t n = 256; n <= 65536; n *= 2) {
		char *buf = xmalloc(n);
		if (getcwd(buf, n))
			return buf;
		free(buf);
		if (errno != ERANGE)
			break;
	}
	return NULL;
}

/*
 * Why the paths cannot be read, or NULL: standard input given twice (it
 * can be read once), or a file named like standard input in reports.
 */
static const char *check_stdin_paths(const char *const *paths, size_t nr)
{
	int stdin_seen = 0;
	for (size_t i = 0; i < nr; i++) {
		if (!strcmp(paths[i], SNAPSHOT_STDIN_NAME))
			return "'" SNAPSHOT_STDIN_NAME "' names standard input in reports: write './"
			       SNAPSHOT_STDIN_NAME "' for a file of that name";
		if (!strcmp(paths[i], SNAPSHOT_STDIN_ARG) && stdin_seen++)
			return "'-' (standard input) is given twice: it can be read once";
	}
	return NULL;
}

static int lint(const struct options *o, const char *const *paths, size_t nr_paths)
{
	struct diag_list run_inputs;     /* the configuration's and baseline's problems */
	struct lint_config cfg;
	struct baseline base;
	struct timings tm;
	struct fleet fleet;
	struct fleet_report fr;
	report_fn fn = report_find(o->format);
	int status, input_errors;
	double t0;
	char *cwd = working_directory();
	char *sarif_root = NULL;

	if (o->sarif_root) {
		if (!cwd && o->sarif_root[0] != '/') {
			free(cwd);
			return usage_error("cannot make --sarif-root '%s' absolute: the working "
					   "directory is not known", o->sarif_root);
		}
		sarif_root = path_absolute(o->sarif_root, cwd ? cwd : "/");
	} else if (cwd) {
		sarif_root = xstrdup(cwd);
	}

	timings_init(&tm);
	diag_list_init(&run_inputs);
	config_init(&cfg);
	baseline_init(&base);
	t0 = timing_now();
	input_errors = config_load_for(&cfg, o->config, getenv("SSLCERTLINT_CONFIG"),
				       o->fleet ? &o->fleet : paths, o->fleet ? 1 : nr_paths,
				       &run_inputs);
	if (o->baseline)
		input_errors += baseline_load(&base, o->baseline, &run_inputs);
	tm.config = timing_now() - t0;

	struct lint_settings s = {
		.cfg = &cfg,
		.snap = o->snap,
		.now = o->now,
		.now_source = o->now_source,
		.dump_model = o->dump_model ? stdout : NULL,
	};
	if (o->fleet) {
		s.snap.jobs = 1;         /* the hosts run in parallel instead */
		input_errors += fleet_lint_dir(&fleet, o->fleet, &s, o->snap.jobs,
					       o->shard_arg ? &o->shard : NULL, &run_inputs);
	} else {
		if (o->timings)
			s.snap.timings = &tm;
		fleet_lint_one(&fleet, paths, nr_paths, &s);
	}
	fleet_report_build(&fleet, &run_inputs, &fr);
	input_errors += fr.input_errors;
	if (o->dump_model) {
		status = input_errors ? EXIT_TROUBLE : EXIT_CLEAN;
		goto out;
	}
	const char *clash = o->output ? output_is_input(o->output, paths, nr_paths, o->fleet,
							 &fr, &cfg) : NULL;
	if (clash) {
		status = usage_error("cannot write the report to '%s': it is the input '%s'",
				     o->output, clash);
		goto out;
	}

	t0 = timing_now();
	config_report_expired(&cfg, o->now_source ? o->now : (int64_t)time(NULL), &fr.inputs);
	config_report_unmatched(&cfg, &fr.findings, o->now_source ? o->now : (int64_t)time(NULL),
				&fr.inputs);
	if (o->baseline)
		baseline_apply(&base, &fr.findings);
	diag_list_sort(&fr.findings);
	diag_list_sort(&fr.inputs);
	tm.post += timing_now() - t0;

	struct report r = {
		.tool_version = SSLCERTLINT_VERSION,
		.rules = rule_table,
		.nr_rules = rule_table_size,
		.files = fr.files,
		.nr_files = fr.nr_files,
		.findings = &fr.findings,
		.inputs = &fr.inputs,
		.not_run = fr.not_run,
		.nr_not_run = fr.nr_not_run,
		.nr_bindings = fr.nr_bindings,
		.nr_sites = fr.nr_sites,
		.nr_certs = fr.nr_certs,
		.now_source = fr.now_source,
		.now = fr.now,
		.config_path = cfg.path,
		.fleet = o->fleet != NULL,
		.hosts = fr.hosts,
		.nr_hosts = fr.nr_hosts,
		.show_suppressed = o->show_suppressed,
		.quiet = o->quiet,
		.fail_on = (enum severity)o->fail_on,
		.baseline = o->baseline != NULL,
		.automation_id = o->automation_id,
		.sarif_root = sarif_root,
		.fail_on_name = severity_name((enum severity)o->fail_on),
		.shard = o->shard_arg,
		.cwd = cwd,
		.color = o->color > 0 || (o->color < 0 && !o->output && isatty(STDOUT_FILENO) &&
					  !getenv("NO_COLOR")),
	};
	t0 = timing_now();
	int written = write_report(o, fn, &r);
	tm.report = timing_now() - t0;
	if (o->timings) {
		if (o->fleet)
			fputs("timings: with --fleet, hosts are read, parsed and linted on threads; "
			      "only the whole run's stages are shown\n", stderr);
		timings_print(&tm, stderr);
	}
	if (written)
		status = EXIT_TROUBLE;
	else if (input_errors || diag_list_count(&fr.inputs, SEV_ERROR))
		status = EXIT_TROUBLE;
	else if (failing(&r))
		status = EXIT_FINDINGS;
	else
		status = EXIT_CLEAN;
out:
	fleet_report_release(&fr);
	fleet_release(&fleet);
	timings_release(&tm);
	baseline_release(&base);
	config_release(&cfg);
	diag_list_release(&run_inputs);
	free(sarif_root);
	free(cwd);
	return status;
}

static const char merge_usage_text[] =
	"usage: sslcertlint merge [-o FILE] REPORT...\n"
	"\n"
	"Joins the reports of the N shards of one fleet (sslcertlint --fleet DIR --shard K/N\n"
	"for K = 1..N, all JSON or all SARIF, with the same options) into one report: the\n"
	"bytes sslcertlint --fleet DIR writes with those options.\n"
	"\n"
	"  -o, --output FILE       write the report to FILE, atomically (default: stdout)\n"
	"  -h, --help              print this help\n"
	"\n"
	"Exit status: as the run over the whole fleet: 0 no finding at or above the --fail-on\n"
	"the reports record, 1 findings at or above it, 2 a report refused (another format,\n"
	"version, options or fleet; a shard missing or twice; a host in two shards), a host\n"
	"with input errors, or a report not written.\n";

static int merge_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct options o = { .format = "json" };
	struct merge m;
	const char *why;
	int c, status;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o.output = optarg;
			break;
		case 'h':
			fputs(merge_usage_text, stdout);
			return EXIT_CLEAN;
		case ':':
			return usage_error("merge: option '%s' needs a value", argv[optind - 1]);
		default:
			return usage_error("merge: unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		fputs(merge_usage_text, stderr);
		return EXIT_TROUBLE;
	}
	merge_init(&m);
	if (merge_reports(&m, (const char *const *)argv + optind, (size_t)(argc - optind), &why)) {
		fprintf(stderr, "sslcertlint merge: %s\n", why);
		merge_release(&m);
		return EXIT_TROUBLE;
	}
	if (write_report(&o, report_find(m.docs[0].format), &m.r))
		status = EXIT_TROUBLE;
	else if (m.host_failed || diag_list_count(m.r.inputs, SEV_ERROR))
		status = EXIT_TROUBLE;
	else if (failing(&m.r))
		status = EXIT_FINDINGS;
	else
		status = EXIT_CLEAN;
	merge_release(&m);
	return status;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "now", required_argument, NULL, OPT_NOW },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "colour", required_argument, NULL, OPT_COLOR },
		{ "max-input-size", required_argument, NULL, OPT_MAX_INPUT },
		{ "dump-model", no_argument, NULL, OPT_DUMP_MODEL },
		{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
		{ "explain", required_argument, NULL, OPT_EXPLAIN },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "baseline", required_argument, NULL, OPT_BASELINE },
		{ "show-suppressed", no_argument, NULL, OPT_SHOW_SUPPRESSED },
		{ "quiet", no_argument, NULL, 'q' },
		{ "timings", no_argument, NULL, OPT_TIMINGS },
		{ "jobs", required_argument, NULL, 'j' },
		{ "fleet", required_argument, NULL, OPT_FLEET },
		{ "sarif-automation-id", required_argument, NULL, OPT_SARIF_AUTOMATION_ID },
		{ "sarif-root", required_argument, NULL, OPT_SARIF_ROOT },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct options o = {
		.format = "text",
		.fail_on = SEV_ERROR,
		.now = MODEL_INIT_NOW_UNSET,
		.color = -1,
		.snap = { .max_input_bytes = SNAPSHOT_DEFAULT_MAX_INPUT,
			  .jobs = workers_default_jobs() },
	};
	int c;

	if (argc > 1 && !strcmp(argv[1], "merge"))
		return merge_main(argc - 1, argv + 1);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:o:j:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!report_find(optarg))
				return usage_error("unknown format '%s': expected one of %s", optarg,
						   report_format_names());
			o.format = optarg;
			break;
		case 'o':
			o.output = strcmp(optarg, "-") ? optarg : NULL;    /* "-o -": standard output */
			break;
		case 'q':
			o.quiet = 1;
			break;
		case OPT_FAIL_ON:
			if ((o.fail_on = severity_parse(optarg)) < 0)
				return usage_error("unknown level '%s' for --fail-on: expected error, warning, note or none", optarg);
			break;
		case OPT_NOW:
			if (iso8601_parse(optarg, &o.now))
				return usage_error("malformed time '%s' for --now: expected ISO 8601, e.g. 2026-01-31T12:00:00Z", optarg);
			o.now_source = "--now";
			break;
		case OPT_COLOR:
			if (!strcmp(optarg, "auto"))
				o.color = -1;
			else if (!strcmp(optarg, "always"))
				o.color = 1;
			else if (!strcmp(optarg, "never"))
				o.color = 0;
			else
				return usage_error("unknown value '%s' for --color: expected auto, always or never", optarg);
			break;
		case OPT_MAX_INPUT:
			if (parse_size(optarg, &o.snap.max_input_bytes))
				return usage_error("malformed size '%s' for --max-input-size: expected bytes, or a number with K, M or G", optarg);
			break;
		case OPT_DUMP_MODEL:
			o.dump_model = 1;
			break;
		case OPT_LIST_RULES:
			o.list_rules = 1;
			break;
		case OPT_EXPLAIN:
			o.explain = optarg;
			break;
		case OPT_CONFIG:
			o.config = optarg;
			break;
		case OPT_BASELINE:
			o.baseline = optarg;
			break;
		case OPT_SHOW_SUPPRESSED:
			o.show_suppressed = 1;
			break;
		case 'j':
			if (parse_jobs(optarg, &o.snap.jobs))
				return usage_error("malformed number '%s' for --jobs: expected 1 to %d", optarg, MAX_JOBS);
			break;
		case OPT_FLEET:
			o.fleet = optarg;
			break;
		case OPT_SHARD:
			if (parse_shard(optarg, &o.shard))
				return usage_error("malformed shard '%s' for --shard: expected K/N, "
						   "1 <= K <= N <= %d (e.g. 2/3)", optarg, FLEET_SHARD_MAX);
			o.shard_arg = optarg;
			break;
		case OPT_TIMINGS:
			o.timings = 1;
			break;
		case OPT_SARIF_AUTOMATION_ID:
			o.automation_id = optarg;
			break;
		case OPT_SARIF_ROOT: {
			struct stat st;
			if (stat(optarg, &st) || !S_ISDIR(st.st_mode))
				return usage_error("--sarif-root '%s' is not a directory: give the "
						   "folder SARIF paths are relative to (the checkout)",
						   optarg);
			o.sarif_root = optarg;
			break;
		}
		case OPT_VERSION:
			if (*sslcertlint_git_commit)
				printf("sslcertlint %s (git %s)\n", SSLCERTLINT_VERSION, sslcertlint_git_commit);
			else
				printf("sslcertlint %s\n", SSLCERTLINT_VERSION);
			return EXIT_CLEAN;
		case 'h':
			usage(stdout);
			return EXIT_CLEAN;
		case ':':
			return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}

	if (o.list_rules) {
		int rc = !strcmp(o.format, "json") ? rule_list_json(stdout) : rule_list_text(stdout);
		return rc || fflush(stdout) ? EXIT_TROUBLE : EXIT_CLEAN;
	}
	if (o.explain) {
		if (rule_explain(o.explain, stdout))
			return usage_error("unknown rule '%s': see --list-rules", o.explain);
		return fflush(stdout) ? EXIT_TROUBLE : EXIT_CLEAN;
	}
	if (o.fleet) {
		if (!strcmp(o.fleet, SNAPSHOT_STDIN_ARG))
			return usage_error("--fleet reads a directory of host folders, not standard input");
		if (optind < argc)
			return usage_error("--fleet takes its directory only, not '%s'", argv[optind]);
		if (o.dump_model)
			return usage_error("--dump-model shows one snapshot: give its paths instead of --fleet");
	} else if (o.shard_arg) {
		return usage_error("--shard splits a fleet: give --fleet DIR too");
	} else if (optind >= argc) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	const char *bad = check_stdin_paths((const char *const *)argv + optind, (size_t)(argc - optind));
	if (bad)
		return usage_error("%s", bad);
	snapshot_init();
	return lint(&o, (const char *const *)argv + optind, (size_t)(argc - optind));
}

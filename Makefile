# sslcertlint — plain GNU make (STYLE R11).
#   make            build ./sslcertlint
#   make check      every test (unit, golden, corpus, headers, registry, fuzz harnesses compile)
#   make demo       install build packages if missing, build, lint fixtures/demo/
#   make SANITIZE=address,undefined check
#   make DEVELOPER=1 ...   warnings are errors, model_check() after every parse
#   make CFLAGS=...  replaces the optimisation and debug flags (-O2 -g) only;
#                    EXTRA_CFLAGS=... adds flags

CC      ?= cc
PKGS     = jansson libxml-2.0 libcrypto
PKG_CONFIG ?= pkg-config
CPPFLAGS += -Ilinter
CFLAGS  ?= -O2 -g
# what every compile gets; CFLAGS on the command line only replaces -O2 -g
ALL_CFLAGS = $(CFLAGS) -std=c11 -pthread -D_POSIX_C_SOURCE=200809L $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -pthread
WARN     = -Wall -Wextra -pedantic -Wstrict-prototypes -Wmissing-prototypes \
           -Wold-style-definition -Wwrite-strings -Wpointer-arith -Wvla \
           -Wformat=2 -fno-common
ifdef DEVELOPER
WARN    += -Werror
CPPFLAGS += -DSSLCERTLINT_DEVELOPER=1
endif
ifdef SANITIZE
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif
ALL_CFLAGS += $(WARN) $(EXTRA_CFLAGS)

B        = build
LIB_SRC  = $(filter-out linter/main.c,$(wildcard linter/*.c)) $(wildcard rules/*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(B)/%.o) $(B)/rule_docs.o
RULE_DOCS = $(wildcard rules/*.md)
MAIN_OBJ = $(B)/linter/main.o
TEST_SRC = $(wildcard tests/test_*.c) tests/unit_main.c tests/unit.c
TEST_OBJ = $(TEST_SRC:%.c=$(B)/%.o)
HEADERS  = $(wildcard linter/*.h)

all: sslcertlint

sslcertlint: $(MAIN_OBJ) $(B)/libsslcertlint.a
	$(QECHO) "  LINK    $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/libsslcertlint.a: $(LIB_OBJ)
	$(Q)rm -f $@
	$(QECHO) "  AR      $@"
	$(Q)$(AR) rcs $@ $^

# quiet by default; make V=1 prints the commands
ifndef V
Q = @
QECHO = @echo
else
QECHO = @:
endif

# Everything is rebuilt when the compiler or its flags change (as git's
# GIT-CFLAGS): a DEVELOPER=1 or SANITIZE build never passes for a plain one.
BUILD_FLAGS := $(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) $(LDLIBS)
$(B)/FLAGS: FORCE
	@mkdir -p $(B)
	@if [ "$$(cat $@ 2>/dev/null)" != '$(BUILD_FLAGS)' ]; then echo '$(BUILD_FLAGS)' > $@; fi

$(B)/%.o: %.c $(B)/FLAGS
	@mkdir -p $(@D)
	$(QECHO) "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# --explain prints the rule docs, so the binary carries them
$(B)/rule_docs.c: $(RULE_DOCS) tools/embed-docs.sh
	@mkdir -p $(@D)
	$(QECHO) "  GEN     $@"
	$(Q)tools/embed-docs.sh $(RULE_DOCS) > $@.tmp && mv $@.tmp $@

# a doc with its sources is longer than the 4095 characters C11 promises for
# one string literal; gcc and clang take any length
$(B)/rule_docs.o: $(B)/rule_docs.c $(B)/FLAGS
	$(QECHO) "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-missing-prototypes -Wno-overlength-strings -c -o $@ $<

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# ---- tests ----
$(B)/tests/%.o: ALL_CFLAGS += $(shell $(PKG_CONFIG) --cflags cunit 2>/dev/null) -DSRCDIR='"$(CURDIR)"'

$(B)/unit-tests: $(TEST_OBJ) $(B)/libsslcertlint.a
	$(QECHO) "  LINK    $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(shell $(PKG_CONFIG) --libs cunit)

unit: $(B)/unit-tests
	$(B)/unit-tests

golden: sslcertlint
	LC_ALL=C tests/golden.sh --update

check-golden: sslcertlint
	LC_ALL=C tests/golden.sh

check-corpus: sslcertlint
	LC_ALL=C tests/corpus.sh

check-inputs: sslcertlint
	LC_ALL=C tests/inputs.sh

# valgrind over every fixture and corpus file (not part of check: slow)
leakcheck: sslcertlint
	LC_ALL=C tests/leakcheck.sh

check-fleet: sslcertlint
	LC_ALL=C tests/fleet.sh

check-jobs: sslcertlint
	LC_ALL=C tests/jobs.sh

check-workflow: sslcertlint
	LC_ALL=C tests/workflow.sh

# "-" reads standard input, "-o -" writes standard output
check-stdin: sslcertlint
	LC_ALL=C tests/stdin.sh

# what a hostile repository of exports cannot do (tests/<name>.sh each):
# shell syntax in fixes, control characters in the text report, an old
# "taken", a forged baseline, a rule turned off in silence, links, FIFOs,
# devices and clashing fleet folders
HOSTILE_CHECKS = hostile-fixes hostile-text time-reference hostile-baseline config-visible hostile-fs
$(HOSTILE_CHECKS:%=check-%): check-%: sslcertlint
	LC_ALL=C tests/$*.sh

check-json-schema: sslcertlint
	LC_ALL=C tests/json-schema.sh

# every fixture's SARIF report through ../shared/tools/check-sarif
check-sarif: sslcertlint
	LC_ALL=C tests/sarif.sh

# every header compiles on its own (git's hdr-check)
check-headers:
	@for h in $(HEADERS); do \
		printf '#include "%s"\nextern int hdr_check;\n' "$$h" | $(CC) $(CPPFLAGS) $(ALL_CFLAGS) -x c -fsyntax-only - || exit 1; \
	done; echo "headers: $(words $(HEADERS)) compile on their own"

# rules/*.c, rules/*.md, fixtures/rules/<id>/ and registry.def agree
check-registry:
	@tests/check-registry.sh

# the fuzz harnesses always compile, so they cannot rot (STYLE R10); with
# gcc they get standalone.c's main(), which replays files given as
# arguments: every input the fuzzers once crashed on is replayed here
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_COMMON = tests/fuzz/pipeline.c
check-fuzz-build: $(B)/libsslcertlint.a
	@for f in $(FUZZ_SRC); do \
		$(CC) $(CPPFLAGS) -Itests/fuzz $(ALL_CFLAGS) -o $(B)/$$(basename $$f .c) $$f $(FUZZ_COMMON) \
			tests/fuzz/standalone.c $(B)/libsslcertlint.a $(LDFLAGS) $(LDLIBS) || exit 1; \
	done; echo "fuzz harnesses: $(words $(FUZZ_SRC)) compile"
	@n=0; for d in tests/fuzz/regressions/*/; do \
		k=$$(basename $$d); \
		for f in $$d*; do \
			$(B)/fuzz_$$k "$$f" || { echo "fuzz regression fails: $$f"; exit 1; }; \
			n=$$((n + 1)); \
		done; \
	done; echo "fuzz regressions: $$n replayed"

# make fuzz [FUZZ_SECONDS=60] [FUZZERS="netsh reg"]: each harness under
# libFuzzer with ASan+UBSan, seeded with the fixtures and the real corpus,
# with a dictionary per format (tests/fuzz/dict/); findings land in
# build-fuzz/fuzz_<kind>-crash-* (minimise them and add them as fixtures)
FUZZ_SECONDS ?= 60
FUZZERS ?= $(patsubst tests/fuzz/fuzz_%.c,%,$(FUZZ_SRC))
FZ = build-fuzz
fuzz-build:
	$(MAKE) B=$(FZ) CC=clang SANITIZE=address,undefined EXTRA_CFLAGS="-fsanitize=fuzzer-no-link" $(FZ)/libsslcertlint.a
	@for k in $(FUZZERS); do \
		clang $(CPPFLAGS) -Itests/fuzz -O1 -g -fsanitize=fuzzer,address,undefined $(shell $(PKG_CONFIG) --cflags $(PKGS)) \
			-o $(FZ)/fuzz_$$k tests/fuzz/fuzz_$$k.c $(FUZZ_COMMON) $(FZ)/libsslcertlint.a $(LDLIBS) || exit 1; \
	done

fuzz: fuzz-build sslcertlint
	@for k in $(FUZZERS); do \
		mkdir -p $(FZ)/corpus-$$k; \
		tests/fuzz/seeds.sh $$k $(FZ)/corpus-$$k; \
		echo "fuzz: fuzz_$$k for $(FUZZ_SECONDS)s ($$(ls $(FZ)/corpus-$$k | wc -l) seeds)"; \
		$(FZ)/fuzz_$$k -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
			-dict=tests/fuzz/dict/$$k.dict -print_final_stats=1 \
			-artifact_prefix=$(FZ)/fuzz_$$k- $(FZ)/corpus-$$k > $(FZ)/fuzz_$$k.log 2>&1; \
		rc=$$?; grep -E 'stat::number_of_executed_units|ERROR|SUMMARY' $(FZ)/fuzz_$$k.log; \
		test $$rc = 0 || { tests/fuzz/show-finding.sh $(FZ)/fuzz_$$k; exit 1; }; \
	done

check: sslcertlint unit check-headers check-registry check-fuzz-build check-golden check-json-schema check-sarif check-corpus check-inputs check-workflow check-stdin check-hostile-fixes check-hostile-text check-time-reference check-hostile-baseline check-hostile-fs check-config-visible check-jobs check-fleet
	@echo "make check: all passed"

demo:
	@sh tests/demo.sh

# sslcertlint on generated 1k, 10k and 100k-site snapshots (and a configuration
# with 40000 suppressions) against xmllint/jq reading the same inputs
# (docs/performance.md); BENCH_SIZES="1000 10000" for fewer
bench: sslcertlint
	@tests/bench/run.sh

clean:
	rm -rf $(B) sslcertlint

FORCE:

.PHONY: FORCE check-stdin check-fleet check-jobs leakcheck fuzz fuzz-build all unit golden check-golden check-corpus check-inputs check-workflow check-hostile-fixes check-hostile-text check-time-reference check-hostile-baseline check-hostile-fs check-config-visible check-json-schema check-sarif check-headers check-registry check-fuzz-build check demo bench clean

# sslcertlint — plain GNU make (STYLE R11).
#   make            build ./sslcertlint
#   make check      every test (unit, golden, corpus, headers, registry, fuzz harnesses compile)
#   make demo       install build packages if missing, build, lint fixtures/demo/
#   make SANITIZE=address,undefined check
#   make DEVELOPER=1 ...   warnings are errors, model_check() after every parse

CC      ?= cc
PKGS     = jansson libxml-2.0 libcrypto
PKG_CONFIG ?= pkg-config
CPPFLAGS += -Ilinter
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_POSIX_C_SOURCE=200809L $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
WARN     = -Wall -Wextra -pedantic -Wstrict-prototypes -Wmissing-prototypes \
           -Wold-style-definition -Wwrite-strings -Wpointer-arith -Wvla \
           -Wformat=2 -fno-common
ifdef DEVELOPER
WARN    += -Werror
CPPFLAGS += -DSSLCERTLINT_DEVELOPER=1
endif
ifdef SANITIZE
CFLAGS  += -fsanitize=$(SANITIZE) -fno-sanitize-recover=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif
CFLAGS  += $(WARN)

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

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(QECHO) "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# --explain prints the rule docs, so the binary carries them
$(B)/rule_docs.c: $(RULE_DOCS) tools/embed-docs.sh
	@mkdir -p $(@D)
	$(QECHO) "  GEN     $@"
	$(Q)tools/embed-docs.sh $(RULE_DOCS) > $@.tmp && mv $@.tmp $@

$(B)/rule_docs.o: $(B)/rule_docs.c
	$(QECHO) "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes -c -o $@ $<

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# ---- tests ----
$(B)/tests/%.o: CFLAGS += $(shell $(PKG_CONFIG) --cflags cunit 2>/dev/null) -DSRCDIR='"$(CURDIR)"'

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

check-workflow: sslcertlint
	LC_ALL=C tests/workflow.sh

check-json-schema: sslcertlint
	LC_ALL=C tests/json-schema.sh

# every fixture's SARIF report through ../shared/tools/check-sarif
check-sarif: sslcertlint
	LC_ALL=C tests/sarif.sh

# every header compiles on its own (git's hdr-check)
check-headers:
	@for h in $(HEADERS); do \
		printf '#include "%s"\nextern int hdr_check;\n' "$$h" | $(CC) $(CPPFLAGS) $(CFLAGS) -x c -fsyntax-only - || exit 1; \
	done; echo "headers: $(words $(HEADERS)) compile on their own"

# rules/*.c, rules/*.md, fixtures/rules/<id>/ and registry.def agree
check-registry:
	@tests/check-registry.sh

# the fuzz harnesses always compile, so they cannot rot (STYLE R10); with
# gcc they get standalone.c's main(), which replays files given as arguments
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_COMMON = tests/fuzz/pipeline.c
check-fuzz-build: $(B)/libsslcertlint.a
	@for f in $(FUZZ_SRC); do \
		$(CC) $(CPPFLAGS) -Itests/fuzz $(CFLAGS) -o $(B)/$$(basename $$f .c) $$f $(FUZZ_COMMON) \
			tests/fuzz/standalone.c $(B)/libsslcertlint.a $(LDFLAGS) $(LDLIBS) || exit 1; \
	done; echo "fuzz harnesses: $(words $(FUZZ_SRC)) compile"

# make fuzz [FUZZ_SECONDS=60]: each harness under libFuzzer with ASan+UBSan,
# seeded with the fixtures and the real corpus
FUZZ_SECONDS ?= 60
FZ = build-fuzz
fuzz:
	$(MAKE) B=$(FZ) CC=clang SANITIZE=address,undefined CFLAGS="-O1 -g -fsanitize=fuzzer-no-link" $(FZ)/libsslcertlint.a
	@for f in $(FUZZ_SRC); do \
		h=$$(basename $$f .c); k=$${h#fuzz_}; \
		clang $(CPPFLAGS) -Itests/fuzz -O1 -g -fsanitize=fuzzer,address,undefined $(shell $(PKG_CONFIG) --cflags $(PKGS)) \
			-o $(FZ)/$$h $$f $(FUZZ_COMMON) $(FZ)/libsslcertlint.a $(LDLIBS) || exit 1; \
		mkdir -p $(FZ)/corpus-$$k; \
		find fixtures ../shared/corpus/$$k -type f 2>/dev/null | while read -r s; do cp "$$s" $(FZ)/corpus-$$k/; done; \
		echo "fuzz: $$h for $(FUZZ_SECONDS)s"; \
		$(FZ)/$$h -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix=$(FZ)/$$h- $(FZ)/corpus-$$k || exit 1; \
	done

check: sslcertlint unit check-headers check-registry check-fuzz-build check-golden check-json-schema check-sarif check-corpus check-inputs check-workflow
	@echo "make check: all passed"

demo:
	@sh tests/demo.sh

clean:
	rm -rf $(B) sslcertlint

.PHONY: fuzz all unit golden check-golden check-corpus check-inputs check-workflow check-json-schema check-sarif check-headers check-registry check-fuzz-build check demo clean

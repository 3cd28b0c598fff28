# fuzz.mk - libFuzzer targets, one per input surface (included by the
# Makefile).  They link the core's sources directly, built with clang,
# -fsanitize=fuzzer,address,undefined.
#
#   make fuzz FUZZ_SECONDS=N   run every target N seconds (default 60), one
#                              after another, on fuzz/corpus-NAME/ (seeded
#                              from the shipped data and tests/cases) and
#                              fuzz/seeds/NAME/ (committed, regressions)
#   make fuzzers               build them only (build/fuzz/fuzz_NAME)
#
# A crash or a hang leaves its input in build/fuzz/crash-NAME-*; reproduce
# it with build/fuzz/fuzz_NAME FILE.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD ?= build/fuzz
FUZZ_TARGETS = forecasts_json forecasts_csv records_csv questions_json lexicon_csv date cli \
               history_csv snapshot_json prob
FUZZ_BINS = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARNINGS) -g -O1 -Iinclude -Isrc -Isrc/cli \
              -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
              $(shell $(PKG_CONFIG) --cflags gsl jansson 2>/dev/null) \
              -DFUZZ_DATA_DIR='"$(CURDIR)/tests/data/basic"'
FUZZ_CORE_OBJ = $(CORE_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_CLI_OBJ = $(filter-out $(FUZZ_BUILD)/src/cli/main.o,$(CLI_SRC:%.c=$(FUZZ_BUILD)/%.o))

.PHONY: fuzz fuzzers

fuzzers: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
	  sh fuzz/run.sh $$t $(FUZZ_SECONDS) $(FUZZ_BUILD) || failed=1; \
	done; exit $${failed:-0}

$(FUZZ_BUILD)/src/%.o: src/%.c $(wildcard include/hindsight/*.h src/*.h src/cli/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_BUILD)/libcore.a: $(FUZZ_CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/libcli.a: $(FUZZ_CLI_OBJ)
	rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h $(FUZZ_BUILD)/libcli.a $(FUZZ_BUILD)/libcore.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
	    $(FUZZ_BUILD)/libcli.a $(FUZZ_BUILD)/libcore.a $(LIBS)

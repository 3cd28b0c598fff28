# hindsight - forecasting-accuracy scorer.
#
#   make run      install missing packages, build, score the shipped data and
#                 write its HTML report to build/report/
#   make check    install missing packages, build with ASan+UBSan, run every test
#   make install  PREFIX=/usr/local DESTDIR=
#   make regen    after a data change: rewrite the tests that pin the shipped data
#
# SANITIZE=address,undefined builds with sanitizers; CI=true adds -Werror.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/hindsight
DESTDIR ?=

CC ?= cc
BUILD ?= build
SANITIZE ?=
PKG_CONFIG ?= pkg-config

WARNINGS = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wwrite-strings -Wvla \
           -Wmissing-prototypes -Wpointer-arith -Wformat=2
ifeq ($(CI),true)
WARNINGS += -Werror
endif

CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -pthread $(WARNINGS) $(CFLAGS) -Iinclude \
             -DHS_DATADIR='"$(DATADIR)"' \
             $(shell $(PKG_CONFIG) --cflags gsl jansson libutf8proc icu-uc icu-i18n 2>/dev/null)
LIBS = $(shell $(PKG_CONFIG) --libs gsl jansson libutf8proc icu-uc icu-i18n 2>/dev/null) -lcsv -lm -pthread
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
endif

CORE_SRC = $(wildcard src/*.c)
CLI_SRC = $(wildcard src/cli/*.c)
UNIT_SRC = $(wildcard tests/unit/*.c)
CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_OBJ = $(UNIT_SRC:%.c=$(BUILD)/%.o)
LIB = $(BUILD)/libhindsight.a
BIN = $(BUILD)/hindsight
UNIT = $(BUILD)/unit-tests

# Debian packages the build needs (checked with dpkg, installed with apt-get).
# Names are chosen to exist on Debian 12 and 13 alike (libclang-rt-dev is
# the default clang's runtime there, whatever its version).
DEB_PACKAGES = build-essential pkg-config libgsl-dev libcsv-dev libjansson-dev libutf8proc-dev \
               libicu-dev
# What `make check` needs besides (never `make run`): a real spreadsheet to
# open the export in, and locale sources for the comma-decimal test; clang
# and its runtime for the fuzz targets, valgrind, groff and man-db for the
# manual-page tests, time, whose /usr/bin/time measures peak memory in
# tests/run-fifo.sh, and a real browser and Python (standard library only)
# for the HTML report's tests.
DEB_CHECK_PACKAGES = libreoffice-calc-nogui locales clang libclang-rt-dev valgrind groff man-db time \
                     chromium python3

.PHONY: all run check test regen deps install uninstall clean distclean bench valgrind

all: $(BIN)

$(BUILD)/%.o: %.c $(wildcard include/hindsight/*.h src/*.h src/cli/*.h tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LIBS)

$(UNIT): $(UNIT_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(UNIT_OBJ) $(LIB) $(LIBS)

# Install what is missing, in one round: as root directly, else through
# sudo, else print one command that installs everything and stop.
# Machines without dpkg are left to their owner.
deps:
	@sh tools/deps.sh $(DEB_PACKAGES)

run: deps
	@$(MAKE) --no-print-directory all
	$(BIN) score
	@$(BIN) report --out $(BUILD)/report

# Besides the tests under ASan+UBSan, check runs the golden cases under
# valgrind (a plain build) and every fuzz target CHECK_FUZZ_SECONDS seconds;
# tests/run-all.sh counts them all.
CHECK_FUZZ_SECONDS ?= 15
check:
	@sh tools/deps.sh $(DEB_PACKAGES) $(DEB_CHECK_PACKAGES)
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/valgrind all
	@$(MAKE) --no-print-directory fuzzers
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/check SANITIZE=address,undefined \
	    VALGRIND_BIN=$(BUILD)/valgrind/hindsight FUZZ_BIN_DIR=$(FUZZ_BUILD) \
	    FUZZ_SECONDS=$(CHECK_FUZZ_SECONDS) REQUIRE_BROWSER=1 test

test: $(BIN) $(UNIT)
	@BIN=$(BIN) UNIT=$(UNIT) sh tests/run-all.sh

# After a data change (a new article, a record, a correction): rewrite the
# expectations over the shipped data -- the seed-data-* golden cases and the
# README examples -- and nothing else (tools/regen.sh; docs/data.md).
regen: $(BIN)
	@sh tools/regen.sh $(BIN)

# The golden cases under valgrind, leaks as errors (a build without sanitizers).
valgrind:
	@sh tools/deps.sh valgrind
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/valgrind all
	@sh tests/run-valgrind.sh $(BUILD)/valgrind/hindsight

# hindsight against DuckDB on generated data (bench/run.sh says what is
# measured): BENCH_SIZES="100000" make bench for a quick run.  DuckDB's node
# client is installed with npm into $(BUILD)/bench when missing.  Then
# bench/press.sh: check, score, export, rescore and report on BENCH_ROWS and
# BENCH_EXPORT_ROWS generated press forecasts, and extract on BENCH_ARTICLES
# generated articles.
BENCH_ROWS ?= 1000000
BENCH_EXPORT_ROWS ?= 100000
BENCH_ARTICLES ?= 10000
BENCH_NODE = $(BUILD)/bench
$(BUILD)/bench/gen: bench/gen.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -o $@ bench/gen.c

bench: $(BIN) $(BUILD)/bench/gen
	@sh tools/deps.sh time
	@test -d $(BENCH_NODE)/node_modules/@duckdb/node-api || \
	    npm install --no-audit --no-fund --prefix $(BENCH_NODE) @duckdb/node-api
	@sh bench/run.sh $(BIN) $(BUILD)/bench/gen $(BENCH_NODE)
	@sh bench/press.sh $(BIN) $(BENCH_ROWS) $(BENCH_EXPORT_ROWS) $(BENCH_ARTICLES)

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/lexicons $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/hindsight
	install -m 644 lexicons/*.csv $(DESTDIR)$(DATADIR)/lexicons/
	install -m 644 docs/hindsight.1 $(DESTDIR)$(MANDIR)/man1/hindsight.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/hindsight
	rm -f $(DESTDIR)$(MANDIR)/man1/hindsight.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(BUILD)

include fuzz/fuzz.mk

# sheaf: plain GNU make.  `make release` and `make check` are the quick start.
#
# Knobs:  DEV=1 (or CI set)  add -Werror
#         SAN=1              ASan + UBSan build in build/san (tests use it)
#         VALGRIND=1         run the end-to-end tests under valgrind memcheck
#         FUZZ_SECONDS=N     `make fuzz`: how long each fuzz target runs
#         PREFIX, DESTDIR    for `make install`
#         UPDATE=1           `make check` rewrites golden files instead of comparing
#         TESTS="a b"        `make check` runs only those tests/cli scripts
#         CI_SKIP_OK="a b"   with CI set, those scripts may skip (tests/run)
#         DEPS_SH            the deps step (default tools/deps.sh)
#         EVAL=DIR           `make score`: the development set (../shared/eval)

-include config.mk

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
SHAREDIR ?= $(PREFIX)/share/sheaf
MANDIR	?= $(PREFIX)/share/man
PYTHON	?= /usr/bin/python3

CC	?= cc
CSTD	:= -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN	:= -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
	   -Wshadow -Wformat=2 -Wwrite-strings -Wpointer-arith -Wcast-qual \
	   -Wundef -Wvla -Wnull-dereference -Wimplicit-fallthrough
ifneq ($(DEV)$(CI),)
WARN	+= -Werror
endif
OPT	?= -O2 -g

ifeq ($(SAN),1)
B	:= build/san
OPT	:= -O1 -g -fno-omit-frame-pointer
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
else
B	:= build/rel
SANFLAGS :=
endif

# --- dependencies ----------------------------------------------------------
# Debian 12 packages, in three sets.  `make deps` (and make itself, before
# it compiles anything) installs what building and running need; the
# tests (`make check`, `make unit`) add theirs; the development tools come
# with `make dev-deps` or with the target that uses each (`make lint`,
# `make check VALGRIND=1`, `make fuzz`, `make bench`).  As root apt-get
# installs what is missing; otherwise tools/deps.sh prints the command.
DEB_build := build-essential pkg-config libcsv-dev zlib1g-dev \
	libarchive-dev libjansson-dev libssl-dev libutf8proc-dev libyaml-dev \
	libsqlite3-dev iso-codes
DEB_test := libcmocka-dev python3 python3-jsonschema python3-yaml python3-pyld unzip \
	libarchive-tools
DEB_valgrind := valgrind
DEB_lint := cppcheck clang-tidy
DEB_fuzz := clang libclang-rt-14-dev
DEB_bench := time
# pandas: tests/cli/release_pandas.sh; chromium: tests/cli/release_browser.sh
# (each skipped, by name, without it).
DEB_dev := $(DEB_valgrind) $(DEB_lint) $(DEB_fuzz) $(DEB_bench) \
	python3-pandas chromium
DEPS_SH	?= ./tools/deps.sh
# One stamp a set, made again when this Makefile changes.
DEPS_STAMP := build/.deps-build
TEST_STAMP := build/.deps-test

# pkg-config packages: the build's, and the unit tests' (cmocka).
PKG_CONFIG ?= pkg-config
PKGS	:= jansson libarchive libcrypto libutf8proc sqlite3 yaml-0.1 zlib
TEST_PKGS := cmocka
# The flags of PKGS (and TEST_PKGS) are computed into build/pkg.mk after
# the deps step has installed them: make makes the included file first,
# then reads itself again.  Goals that compile nothing do without it.
PKG_MK	:= build/pkg.mk
NOPKG_GOALS := clean uninstall deps test-deps dev-deps hdrcheck
WANT_TEST := $(filter check unit %/tests/%,$(MAKECMDGOALS))
ifneq ($(MAKECMDGOALS),)
ifeq ($(filter-out $(NOPKG_GOALS),$(MAKECMDGOALS)),)
NO_PKG_MK := 1
endif
endif
ifndef NO_PKG_MK
include $(PKG_MK)
endif

CFLAGS	?=
ALL_CFLAGS = $(CSTD) $(WARN) $(OPT) $(SANFLAGS) $(PKG_CFLAGS) \
	      -DSHEAF_SHAREDIR='"$(SHAREDIR)"' -MMD -MP $(CFLAGS)
ALL_LIBS = $(PKG_LIBS) -lcsv -lpthread
ALL_LDFLAGS := $(SANFLAGS) $(LDFLAGS)

SRCS	:= $(sort $(wildcard src/*/*.c))
LIBSRCS	:= $(filter-out src/cmd/main.c,$(SRCS))
LIBOBJS	:= $(LIBSRCS:src/%.c=$(B)/obj/%.o)
MAINOBJ	:= $(B)/obj/cmd/main.o
LIB	:= $(B)/libsheaf.a
SHEAF	:= $(if $(filter 1,$(SAN)),$(B)/bin/sheaf,bin/sheaf)

UNIT_SRCS := $(sort $(wildcard tests/unit/t_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/%)

# Benchmark (bench/run): sizes of `make bench`, generators (also tests/cli's).
BENCH_SIZES ?= 10M 100M 1G
BENCH_BASE := $(B)/bench/gencorpus $(B)/bench/gencsv $(B)/bench/bare_csv
# sheafstep drives the release code (bag, archive, digest) once it is there.
BENCH_STEP := $(if $(and $(wildcard src/bag/bag.h),$(wildcard src/bag/archive.h),\
	$(wildcard src/lib/digest.h)),$(B)/bench/sheafstep)
BENCH_TOOLS := $(BENCH_BASE) $(BENCH_STEP)

# Generated lexicon: countries from iso-codes joined to the COW state list.
ISO3166	?= /usr/share/iso-codes/json/iso_3166-1.json
GENLEX	:= build/lexicon/countries.tsv


# Fuzz harnesses (tests/fuzz/fuzz_TARGET.c): with libFuzzer for `make
# fuzz`, and with a replaying main() for the corpus run of `make check`.
FUZZ_TARGETS := $(sort $(patsubst tests/fuzz/fuzz_%.c,%,\
	$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_REPLAY := $(FUZZ_TARGETS:%=$(B)/fuzz/fuzz_%)
FUZZ_COMMON := tests/fuzz/fuzz.c tests/fuzz/fuzz.h

# The fault injection shim (tests/fault/), LD_PRELOADed by its tests.
FAULT_SHIM := $(B)/fault/faultinject.so

.PHONY: all deps test-deps dev-deps release check unit install uninstall \
	clean hdrcheck bench fuzz fuzz-build lint score

all: $(SHEAF) $(GENLEX)

# --- dependencies (the package sets are at the top) -------------------------
deps:
	@$(DEPS_SH) $(DEB_build)
	@mkdir -p build && touch $(DEPS_STAMP)

test-deps:
	@$(DEPS_SH) $(DEB_test)
	@mkdir -p build && touch $(TEST_STAMP)

dev-deps:
	@$(DEPS_SH) $(DEB_build) $(DEB_test) $(DEB_dev)
	@mkdir -p build && touch $(DEPS_STAMP) $(DEPS_SETS:%=build/.deps-%)

$(DEPS_STAMP): Makefile
	@$(DEPS_SH) $(DEB_build)
	@mkdir -p build && touch $@

# The other sets after the build's (apt also waits for its lock, should
# two deps steps of a -j run meet).
DEPS_SETS := test valgrind lint fuzz bench
$(DEPS_SETS:%=build/.deps-%): build/.deps-%: Makefile | $(DEPS_STAMP)
	@$(DEPS_SH) $(DEB_$*)
	@mkdir -p build && touch $@

# The flags, once the packages are there; a missing one is an error
# naming it.  With the tests' stamp, cmocka's flags too.
$(PKG_MK): $(DEPS_STAMP) tools/pkgflags.sh $(if $(WANT_TEST),$(TEST_STAMP))
	@mkdir -p $(@D)
	@PKG_CONFIG=$(PKG_CONFIG) CC="$(CC)" ./tools/pkgflags.sh $@ $(PKGS) \
	    $(if $(WANT_TEST)$(wildcard $(TEST_STAMP)),-- $(TEST_PKGS))

# --- the program -----------------------------------------------------------
$(B)/obj/%.o: src/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

$(LIB): $(LIBOBJS)
	@rm -f $@
	@$(AR) rcs $@ $^

$(SHEAF): $(MAINOBJ) $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(ALL_LDFLAGS) -o $@ $(MAINOBJ) $(LIB) $(ALL_LIBS)

$(GENLEX): tools/gencountries.c data/reference/cow-states2016.csv \
	   data/lexicon/country-cow.tsv $(ISO3166) | $(DEPS_STAMP)
	@mkdir -p build/lexicon build/tools
	$(CC) $(CSTD) $(WARN) -O2 $(PKG_CFLAGS) -o build/tools/gencountries \
	    tools/gencountries.c $(ALL_LIBS)
	build/tools/gencountries $(ISO3166) data/reference/cow-states2016.csv \
	    data/lexicon/country-cow.tsv > $@.tmp
	mv $@.tmp $@

# The NER tests read the generated lexicon.
$(B)/tests/t_ner: $(GENLEX)

# --- the main job ----------------------------------------------------------
# The release date is the date of the commit built (override with
# RELEASE_DATE=YYYY-MM-DD), so `make release` run again on the same
# commit reproduces the same bytes instead of clashing with itself.
RELEASE_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null)

release: all
	./$(SHEAF) build --unpacked --out out \
	    $(if $(RELEASE_DATE),--date $(RELEASE_DATE)) data/articles

# --- tests -------------------------------------------------------------------
$(B)/tests/%: tests/unit/%.c $(LIB) | $(TEST_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Isrc -o $@ $< $(LIB) \
	    $(or $(CMOCKA_LIBS),$(error cmocka's flags are not in $(PKG_MK))) \
	    $(ALL_LIBS) $(SANFLAGS)

check: all $(UNIT_BINS) $(BENCH_BASE) $(FUZZ_REPLAY) $(FAULT_SHIM) \
	    $(if $(filter 1,$(VALGRIND)),build/.deps-valgrind)
	@SHEAF=$(CURDIR)/$(SHEAF) B=$(CURDIR)/$(B) PYTHON=$(PYTHON) \
	    UPDATE=$(UPDATE) VALGRIND=$(VALGRIND) SAN=$(SAN) TESTS="$(TESTS)" \
	    CI_SKIP_OK="$(CI_SKIP_OK)" ./tests/run $(UNIT_BINS)

unit: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do $$t || exit 1; done

hdrcheck:
	@./tools/hdrcheck.sh

# The fuzz harnesses linked with replay.c: `make check` runs each over
# its corpus once (tests/cli/fuzz_corpus.sh).
$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_COMMON) \
	    $(LIB) $(GENLEX)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(filter-out -MMD -MP,$(ALL_CFLAGS)) -Isrc -o $@ $< \
	    tests/fuzz/replay.c tests/fuzz/fuzz.c $(LIB) $(ALL_LIBS) \
	    $(ALL_LDFLAGS)

$(FAULT_SHIM): tests/fault/faultinject.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CSTD) -D_GNU_SOURCE $(filter-out -Wpedantic,$(WARN)) -O2 -g \
	    -fPIC -shared -o $@ $< -ldl

# --- fuzzing (tests/fuzz; clang's libFuzzer) ---------------------------------
# `make fuzz` builds every harness with -fsanitize=fuzzer,address,undefined
# in build/fuzz and runs each for FUZZ_SECONDS; new inputs are kept in
# build/fuzz/corpus/TARGET, crashes in build/fuzz/crash/.
FUZZ_CC	?= clang
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
FB	:= build/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := $(CSTD) $(filter-out -Werror,$(WARN)) -O1 -g \
	-fno-omit-frame-pointer $(FUZZ_SAN) $(PKG_CFLAGS) \
	-DSHEAF_SHAREDIR='"$(SHAREDIR)"'
FUZZ_LIBOBJS := $(LIBSRCS:src/%.c=$(FB)/obj/%.o)
FUZZ_BINS := $(FUZZ_TARGETS:%=$(FB)/bin/fuzz_%)

$(FB)/obj/%.o: src/%.c | $(DEPS_STAMP) build/.deps-fuzz
	@mkdir -p $(@D)
	@echo "  CLANG   $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
	    -Isrc -c -o $@ $<

$(FB)/libsheaf.a: $(FUZZ_LIBOBJS)
	@rm -f $@
	@$(AR) rcs $@ $^

$(FB)/bin/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_COMMON) $(FB)/libsheaf.a \
	    $(GENLEX)
	@mkdir -p $(@D)
	@echo "  CLANG   $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Isrc -o $@ $< \
	    tests/fuzz/fuzz.c $(FB)/libsheaf.a $(ALL_LIBS)

fuzz-build: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	@FUZZ_BIN=$(CURDIR)/$(FB)/bin FUZZ_WORK=$(CURDIR)/$(FB) \
	    ./tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# --- static analysis ---------------------------------------------------------
# cppcheck and clang-tidy over src/, configured by .cppcheck/ and
# .clang-tidy; clean is exit 0.  LINT_JOBS files are checked at a time.
LINT_JOBS ?= 2
LINT_DEFS := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DSHEAF_SHAREDIR='"$(SHAREDIR)"'

lint: | $(DEPS_STAMP) build/.deps-lint
	@command -v cppcheck >/dev/null && command -v clang-tidy >/dev/null || \
	    { echo "lint: cppcheck and clang-tidy are needed" \
	    "(make dev-deps)"; exit 2; }
	@echo "  CPPCHECK src/"
	@cppcheck -q --std=c11 --enable=warning,style,performance,portability \
	    --inline-suppr --suppressions-list=.cppcheck/suppressions.txt \
	    --include=.cppcheck/macros.h --error-exitcode=1 $(LINT_DEFS) -Isrc \
	    -j $(LINT_JOBS) src/
	@echo "  TIDY    src/"
	@printf '%s\n' $(SRCS) | xargs -P $(LINT_JOBS) -I{} \
	    clang-tidy --quiet {} -- $(CSTD) $(LINT_DEFS) -Isrc $(PKG_CFLAGS) \
	    2>/dev/null | grep -E -A3 '(warning|error):' && exit 1 || exit 0

# --- benchmark (bench/run; not part of `make check`) -------------------------
# `make bench` runs the full benchmark; `make bench BENCH_SIZES=1M` is the
# smoke test CI may run.  The generators are also used by tests/cli.
BENCH_CFLAGS = $(filter-out -MMD -MP,$(ALL_CFLAGS)) -Isrc

$(B)/bench/%: bench/%.c bench/synth.c bench/synth.h $(LIB)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(BENCH_CFLAGS) -o $@ $< bench/synth.c $(LIB) $(ALL_LIBS) \
	    $(ALL_LDFLAGS)

$(B)/bench/bare_csv: bench/bare_csv.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(BENCH_CFLAGS) -o $@ $< -lcsv $(ALL_LDFLAGS)

# Optional: if the release API moved, the bench reports those rows n/a.
$(B)/bench/sheafstep: bench/sheafstep.c $(LIB)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	-@$(CC) $(BENCH_CFLAGS) -o $@ $< $(LIB) $(ALL_LIBS) $(ALL_LDFLAGS)

bench: all $(BENCH_TOOLS) | build/.deps-bench
	SHEAF=$(CURDIR)/$(SHEAF) BENCH_BIN=$(CURDIR)/$(B)/bench EVAL=$(EVAL) \
	    ./bench/run $(BENCH_SIZES)

# --- extraction quality (bench/score; not part of `make check`) -------------
# `make score` scores the extraction on the development set: EVAL/score.py
# (default ../shared/eval, beside the checkout) runs `sheaf build` on each
# article and prints precision, recall and F1.  Where EVAL is absent it
# says so and succeeds.  `make bench` records the same table.
EVAL	?= ../shared/eval

score: all
	@EVAL=$(EVAL) SHEAF=$(CURDIR)/$(SHEAF) PYTHON=$(PYTHON) ./bench/score

# --- install -----------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/schemas \
	    $(DESTDIR)$(SHAREDIR)/lexicon $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(SHEAF) $(DESTDIR)$(BINDIR)/sheaf
	install -m 0644 schemas/*.json $(DESTDIR)$(SHAREDIR)/schemas/
	cp -R data/lexicon/. $(DESTDIR)$(SHAREDIR)/lexicon/
	install -m 0644 $(GENLEX) $(DESTDIR)$(SHAREDIR)/lexicon/
	install -m 0644 doc/sheaf.1 $(DESTDIR)$(MANDIR)/man1/sheaf.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sheaf $(DESTDIR)$(MANDIR)/man1/sheaf.1
	rm -rf $(DESTDIR)$(SHAREDIR)

clean:
	rm -rf build bin

-include $(LIBOBJS:.o=.d) $(MAINOBJ:.o=.d)
-include $(wildcard $(FB)/obj/*/*.d)

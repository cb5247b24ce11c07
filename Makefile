# sheaf: plain GNU make.  `make release` and `make check` are the quick start.
#
# Knobs:  DEV=1 (or CI set)  add -Werror
#         SAN=1              ASan + UBSan build in build/san (tests use it)
#         VALGRIND=1         run the end-to-end tests under valgrind memcheck
#         FUZZ_SECONDS=N     `make fuzz`: how long each fuzz target runs
#         PREFIX, DESTDIR    for `make install`
#         UPDATE=1           `make check` rewrites golden files instead of comparing
#         TESTS="a b"        `make check` runs only those tests/cli scripts

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

PKGS	:= jansson libarchive libcrypto libutf8proc yaml-0.1 zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

CFLAGS	?=
ALL_CFLAGS := $(CSTD) $(WARN) $(OPT) $(SANFLAGS) $(PKG_CFLAGS) \
	      -DSHEAF_SHAREDIR='"$(SHAREDIR)"' -MMD -MP $(CFLAGS)
ALL_LDFLAGS := $(SANFLAGS) $(LDFLAGS)

SRCS	:= $(sort $(wildcard src/*.c))
LIBSRCS	:= $(filter-out src/main.c,$(SRCS))
LIBOBJS	:= $(LIBSRCS:src/%.c=$(B)/obj/%.o)
MAINOBJ	:= $(B)/obj/main.o
LIB	:= $(B)/libsheaf.a
SHEAF	:= $(if $(filter 1,$(SAN)),$(B)/bin/sheaf,bin/sheaf)

UNIT_SRCS := $(sort $(wildcard tests/unit/t_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/%)

# Benchmark (bench/run): sizes of `make bench`, generators (also tests/cli's).
BENCH_SIZES ?= 10M 100M 1G
BENCH_BASE := $(B)/bench/gencorpus $(B)/bench/gencsv $(B)/bench/bare_csv
# sheafstep drives the release code (bag, archive, digest) once it is there.
BENCH_STEP := $(if $(and $(wildcard src/bag.h),$(wildcard src/archive.h),\
	$(wildcard src/digest.h)),$(B)/bench/sheafstep)
BENCH_TOOLS := $(BENCH_BASE) $(BENCH_STEP)

# Generated lexicon: countries from iso-codes joined to the COW state list.
ISO3166	?= /usr/share/iso-codes/json/iso_3166-1.json
GENLEX	:= build/lexicon/countries.tsv

DEPS_STAMP := build/.deps-ok

# Fuzz harnesses (tests/fuzz/fuzz_TARGET.c): with libFuzzer for `make
# fuzz`, and with a replaying main() for the corpus run of `make check`.
FUZZ_TARGETS := $(sort $(patsubst tests/fuzz/fuzz_%.c,%,\
	$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_REPLAY := $(FUZZ_TARGETS:%=$(B)/fuzz/fuzz_%)
FUZZ_COMMON := tests/fuzz/fuzz.c tests/fuzz/fuzz.h

# The fault injection shim (tests/fault/), LD_PRELOADed by its tests.
FAULT_SHIM := $(B)/fault/faultinject.so

.PHONY: all deps release check unit install uninstall clean hdrcheck bench \
	fuzz fuzz-build lint

all: $(SHEAF) $(GENLEX)

# --- dependencies ----------------------------------------------------------
# Debian 12 packages the build and the tests need.
DEB_PKGS := build-essential pkg-config libcsv-dev zlib1g-dev libarchive-dev \
	libjansson-dev libssl-dev libutf8proc-dev libyaml-dev libcmocka-dev \
	iso-codes python3 python3-jsonschema python3-pandas unzip \
	libarchive-tools time clang libclang-rt-14-dev valgrind cppcheck \
	clang-tidy

deps:
	@./tools/deps.sh $(DEB_PKGS)
	@mkdir -p build && touch $(DEPS_STAMP)

$(DEPS_STAMP):
	@./tools/deps.sh $(DEB_PKGS)
	@mkdir -p build && touch $@

# --- the program -----------------------------------------------------------
$(B)/obj/%.o: src/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIBOBJS)
	@rm -f $@
	@$(AR) rcs $@ $^

$(SHEAF): $(MAINOBJ) $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(ALL_LDFLAGS) -o $@ $(MAINOBJ) $(LIB) $(PKG_LIBS)

$(GENLEX): tools/gencountries.c data/reference/cow-states2016.csv \
	   data/lexicon/country-cow.tsv $(ISO3166) | $(DEPS_STAMP)
	@mkdir -p build/lexicon build/tools
	$(CC) $(CSTD) $(WARN) -O2 $(PKG_CFLAGS) -o build/tools/gencountries \
	    tools/gencountries.c $(PKG_LIBS)
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
$(B)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB) $(CMOCKA_LIBS) $(PKG_LIBS) \
	    $(SANFLAGS)

check: all $(UNIT_BINS) $(BENCH_BASE) $(FUZZ_REPLAY) $(FAULT_SHIM)
	@SHEAF=$(CURDIR)/$(SHEAF) B=$(CURDIR)/$(B) PYTHON=$(PYTHON) \
	    UPDATE=$(UPDATE) VALGRIND=$(VALGRIND) SAN=$(SAN) TESTS="$(TESTS)" \
	    ./tests/run $(UNIT_BINS)

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
	    tests/fuzz/replay.c tests/fuzz/fuzz.c $(LIB) $(PKG_LIBS) \
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

$(FB)/obj/%.o: src/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  CLANG   $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
	    -c -o $@ $<

$(FB)/libsheaf.a: $(FUZZ_LIBOBJS)
	@rm -f $@
	@$(AR) rcs $@ $^

$(FB)/bin/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_COMMON) $(FB)/libsheaf.a \
	    $(GENLEX)
	@mkdir -p $(@D)
	@echo "  CLANG   $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Isrc -o $@ $< \
	    tests/fuzz/fuzz.c $(FB)/libsheaf.a $(PKG_LIBS)

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

lint: | $(DEPS_STAMP)
	@command -v cppcheck >/dev/null && command -v clang-tidy >/dev/null || \
	    { echo "lint: cppcheck and clang-tidy are needed (make deps)"; \
	    exit 2; }
	@echo "  CPPCHECK src/"
	@cppcheck -q --std=c11 --enable=warning,style,performance,portability \
	    --inline-suppr --suppressions-list=.cppcheck/suppressions.txt \
	    --include=.cppcheck/macros.h --error-exitcode=1 $(LINT_DEFS) \
	    -j $(LINT_JOBS) src/
	@echo "  TIDY    src/"
	@printf '%s\n' $(SRCS) | xargs -P $(LINT_JOBS) -I{} \
	    clang-tidy --quiet {} -- $(CSTD) $(LINT_DEFS) $(PKG_CFLAGS) \
	    2>/dev/null | grep -E -A3 '(warning|error):' && exit 1 || exit 0

# --- benchmark (bench/run; not part of `make check`) -------------------------
# `make bench` runs the full benchmark; `make bench BENCH_SIZES=1M` is the
# smoke test CI may run.  The generators are also used by tests/cli.
BENCH_CFLAGS = $(filter-out -MMD -MP,$(ALL_CFLAGS)) -Isrc

$(B)/bench/%: bench/%.c bench/synth.c bench/synth.h $(LIB)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(BENCH_CFLAGS) -o $@ $< bench/synth.c $(LIB) $(PKG_LIBS) \
	    $(ALL_LDFLAGS)

$(B)/bench/bare_csv: bench/bare_csv.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(BENCH_CFLAGS) -o $@ $< -lcsv $(ALL_LDFLAGS)

# Optional: if the release API moved, the bench reports those rows n/a.
$(B)/bench/sheafstep: bench/sheafstep.c $(LIB)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	-@$(CC) $(BENCH_CFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) $(ALL_LDFLAGS)

bench: all $(BENCH_TOOLS)
	SHEAF=$(CURDIR)/$(SHEAF) BENCH_BIN=$(CURDIR)/$(B)/bench \
	    ./bench/run $(BENCH_SIZES)

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
-include $(wildcard $(FB)/obj/*.d)

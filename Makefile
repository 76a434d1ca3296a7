# hybridoc -- GNU make.  `make` builds ./hybridoc, `make test` runs every
# test, `make site` renders designs/ into site/.  A deps step runs first:
# it checks the pkg-config modules and the dot binary and installs the
# Debian packages when run as root (or prints the apt-get command).

PREFIX	?= /usr/local
DESTDIR	?=
CC	?= cc
PKG_CONFIG ?= pkg-config

PKGS	 = yaml-0.1 libcgraph libgvc libcmark-gfm jansson
DEBS	 = build-essential pkg-config libyaml-dev libgraphviz-dev graphviz \
	   libcmark-gfm-dev libcmark-gfm-extensions-dev libcmocka-dev \
	   libjansson-dev

WARN	 = -std=c11 -Wall -Wextra -Wpedantic -Wmissing-prototypes \
	   -Wstrict-prototypes -Wshadow -Wwrite-strings
ifeq ($(CI),true)
WARN	+= -Werror
endif
OPT	?= -O2 -g
BUILD	?= build
CFLAGS	+= $(WARN) $(OPT) -D_POSIX_C_SOURCE=200809L -Iinclude -I$(BUILD)
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) \
	     -lcmark-gfm-extensions
TEST_LIBS  = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

# The sources sit in one folder per pipeline stage, numbered in the
# order data flows: gen/1-base (utilities and adapters), 2-model (schema
# and the typed design), 3-check (rules and findings), 4-sim (routing
# simulation and the analysis facade), 5-render (views, runbook,
# diagrams), 6-change (diff, impact, plan, packet), 7-site (the wiki)
# and 8-cli (main and one file per command).  A module calls only its
# own stage and earlier ones, and no cycle (tests/layers.test.sh checks
# both from nm of the objects, in make test).  Objects keep
# the folder, so build/4-sim/sim.o; base names stay unique all the same.
STAGES	 = $(sort $(wildcard gen/[1-9]-*))
SRCS	 = $(filter-out gen/8-cli/main.c,$(wildcard $(STAGES:%=%/*.c)))
HDRS	 = $(wildcard include/hybridoc/*.h $(STAGES:%=%/*.h))
OBJS	 = $(SRCS:gen/%.c=$(BUILD)/%.o) $(BUILD)/1-base/templates_data.o
# Objects come from the source list only.  One that no source makes any
# more (its source moved or went) is deleted on every run, before
# anything reads the build tree: a stale object would be linked into
# nothing, but tests/layers.test.sh and the tools that read nm of the
# objects would see its calls.  $(BUILD)/objects.list, rewritten only
# when the list changes, relinks the library when a source goes.
ALL_OBJS = $(sort $(OBJS) $(BUILD)/8-cli/main.o)
STALE_OBJS = $(filter-out $(ALL_OBJS),$(wildcard $(BUILD)/[1-9]-*/*.o))
ifneq ($(STALE_OBJS),)
$(info removing stale objects: $(STALE_OBJS))
$(shell rm -f $(STALE_OBJS))
endif
TEMPLATES = $(sort $(wildcard templates/*))
TESTS	 = $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
VALGRIND ?=
# The program.  The sanitizer and valgrind builds keep their own copy in
# their build folder, so they never replace ./hybridoc.
BIN	?= hybridoc

.PHONY: all deps test site check-site bench fuzz fuzz-build install clean \
	regen regen-model format asan valgrind validate FORCE

all: $(BUILD)/.deps $(BIN)

# The deps step.  A stamp file keeps it to one check per build tree.
$(BUILD)/.deps: tests/deps.sh
	@mkdir -p $(BUILD)
	@sh tests/deps.sh "$(PKGS) cmocka" "$(DEBS)"
	@touch $@

$(BIN): $(BUILD)/8-cli/main.o $(BUILD)/libhybridoc.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/objects.list: FORCE | $(BUILD)/.deps
	@printf '%s\n' $(ALL_OBJS) > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

FORCE:

$(BUILD)/libhybridoc.a: $(OBJS) $(BUILD)/objects.list
	@rm -f $@
	$(AR) rcs $@ $(OBJS)

$(BUILD)/%.o: gen/%.c $(HDRS) | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

# Templates are compiled into the binary: one C array per file.
$(BUILD)/templates_data.c: $(TEMPLATES) tests/embed.sh
	@mkdir -p $(BUILD)
	sh tests/embed.sh $(TEMPLATES) > $@.tmp && mv $@.tmp $@

$(BUILD)/1-base/templates_data.o: $(BUILD)/templates_data.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(BUILD)/libhybridoc.a tests/testutil.h
	@mkdir -p $(BUILD)/tests
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Itests -o $@ $< $(BUILD)/libhybridoc.a \
		$(PKG_LIBS) $(TEST_LIBS) -lm

$(BUILD)/.testdeps: tests/testdeps.sh
	@sh tests/testdeps.sh
	@touch $@

test: all $(BUILD)/.testdeps $(TESTS) $(BUILD)/docgen
	@VALGRIND="$(VALGRIND)" BUILD="$(BUILD)" HYBRIDOC="$(abspath $(BIN))" \
		CASE_SECONDS="$(CASE_SECONDS)" \
		sh tests/run.sh $(TESTS)

validate: all
	./hybridoc validate designs/*.yaml

# Timings against dot and mingrammer's diagrams (tests/bench/run.sh;
# hyperfine, python3-diagrams and time from Debian).  Not part of
# `make test` or CI: the numbers need a quiet machine.
bench: all
	@HYBRIDOC="$(abspath $(BIN))" sh tests/bench/run.sh

# The wiki of designs/, committed in site/; check-site fails (exit 1,
# with a diff) when site/ is stale.
SITE_JOBS ?= 2
site: all
	$(abspath $(BIN)) site designs -o site --jobs $(SITE_JOBS)

check-site: all
	$(abspath $(BIN)) site designs -o site --check --jobs $(SITE_JOBS)

regen: all
	@REGEN=1 BUILD="$(BUILD)" sh tests/golden.sh

# docs/model.md's generated blocks (SKU tables, worked example);
# test_model fails in `make test` while they are stale.
regen-model: all $(BUILD)/tests/test_model
	REGEN=1 $(BUILD)/tests/test_model

# The whole suite under ASan + UBSan (clang), and under valgrind.  Any
# report, or a leak at exit, fails the run: ASan and LSan exit 98 and
# valgrind 99, and a report on standard error also breaks the golden
# comparison.  Leaks inside Graphviz and its font stack (definite ones
# and the blocks only they point to) are suppressed by library, in
# tests/diagram/lsan.supp and graphviz.supp; `dot -Tsvg` leaks the same.
# Sanitized builds are slower, so each golden case gets CASE_SECONDS.
LSAN_SUPP = $(wildcard $(CURDIR)/tests/diagram/lsan.supp)
VG_SUPP	 = $(wildcard $(CURDIR)/tests/diagram/graphviz.supp)
SAN_ENV	 = ASAN_OPTIONS=detect_leaks=1:exitcode=98:strict_string_checks=1 \
	   LSAN_OPTIONS=print_suppressions=0$(if $(LSAN_SUPP),:suppressions=$(LSAN_SUPP)) \
	   UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
asan:
	$(SAN_ENV) $(MAKE) BUILD=build-asan BIN=build-asan/hybridoc CC=clang \
		CASE_SECONDS=60 \
		OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" test

valgrind:
	$(MAKE) BUILD=build-vg BIN=build-vg/hybridoc OPT="-O1 -g" \
		CASE_SECONDS=120 VALGRIND="$(VG)" test
VG = valgrind -q --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect \
	$(if $(VG_SUPP),--suppressions=$(VG_SUPP))

# libFuzzer harnesses (tests/fuzz/fuzz_*.c), built with clang into
# build-fuzz and run FUZZ_TIME seconds each on corpora seeded from the
# designs and tests (tests/fuzz/seeds.sh); `make fuzz FUZZ_TIME=10` for
# a smoke run.  FUZZERS=design picks harnesses.
FUZZ_TIME ?= 60
FUZZERS	?=
FUZZ_OPT = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	   -fno-omit-frame-pointer -fno-sanitize-recover=all
# The harnesses stay clear of Graphviz layouts, so LSan keeps its fast
# unwinder (the slow one costs the fuzzers eight times their speed).
FUZZ_ENV = ASAN_OPTIONS=detect_leaks=1:exitcode=98 \
	   LSAN_OPTIONS=print_suppressions=0$(if $(LSAN_SUPP),:suppressions=$(LSAN_SUPP)) \
	   UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
FUZZ_BINS = $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

fuzz:
	$(MAKE) BUILD=build-fuzz BIN=build-fuzz/hybridoc CC=clang \
		OPT="$(FUZZ_OPT)" fuzz-build
	sh tests/fuzz/seeds.sh build-fuzz
	$(FUZZ_ENV) FUZZ_TIME=$(FUZZ_TIME) sh tests/fuzz/run.sh build-fuzz $(FUZZERS)

fuzz-build: $(BUILD)/.deps $(FUZZ_BINS)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/libhybridoc.a
	@mkdir -p $(BUILD)/fuzz
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined \
		-o $@ $< $(BUILD)/libhybridoc.a $(PKG_LIBS) -lm

# `make install` puts the program, its manual and its bash completion
# under $(DESTDIR)$(PREFIX); `make uninstall` removes them.  `make docs`
# regenerates the format reference in docs/ from the schema table
# (tests/docs.test.sh fails when the committed copy is stale).
MANDIR	?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

.PHONY: uninstall docs

install: all
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(MANDIR)/man1" \
		"$(DESTDIR)$(BASHCOMPDIR)"
	install -m 755 $(BIN) "$(DESTDIR)$(PREFIX)/bin/hybridoc"
	install -m 644 docs/hybridoc.1 "$(DESTDIR)$(MANDIR)/man1/hybridoc.1"
	install -m 644 completion/hybridoc.bash \
		"$(DESTDIR)$(BASHCOMPDIR)/hybridoc"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/hybridoc" \
		"$(DESTDIR)$(MANDIR)/man1/hybridoc.1" \
		"$(DESTDIR)$(BASHCOMPDIR)/hybridoc"

# The generator of docs/rules.md and docs/scenarios.md (not a test).
$(BUILD)/docgen: tests/docgen.c $(BUILD)/libhybridoc.a
	@mkdir -p $(BUILD)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(BUILD)/libhybridoc.a \
		$(PKG_LIBS) -lm

docs: all $(BUILD)/docgen
	$(BUILD)/docgen rules > docs/rules.md.tmp && \
		mv docs/rules.md.tmp docs/rules.md
	$(BUILD)/docgen scenarios > docs/scenarios.md.tmp && \
		mv docs/scenarios.md.tmp docs/scenarios.md
	$(abspath $(BIN)) schema -o docs/design.schema.json
	$(abspath $(BIN)) schema --format markdown -o docs/format.md
	$(abspath $(BIN)) diagram designs/contoso-eastus.yaml \
		-o docs/contoso-eastus.svg
	$(abspath $(BIN)) diagram designs/contoso-eastus.yaml \
		--scenario circuit-down:er-eus-equinix-dc \
		-o docs/contoso-eastus-circuit-down.svg

format:
	clang-format -i $(SRCS) gen/8-cli/main.c $(HDRS) tests/*.c tests/*.h

clean:
	rm -rf $(BUILD) build-asan build-vg build-fuzz hybridoc

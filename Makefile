# hybridoc -- GNU make.  `make` builds ./hybridoc, `make test` runs every
# test, `make site` renders designs/ into site/.  A deps step runs first:
# it checks the pkg-config modules and the dot binary and installs the
# Debian packages when run as root (or prints the apt-get command).

PREFIX	?= /usr/local
DESTDIR	?=
CC	?= cc
PKG_CONFIG ?= pkg-config

PKGS	 = yaml-0.1 libcgraph libgvc libcmark-gfm
DEBS	 = build-essential pkg-config libyaml-dev libgraphviz-dev graphviz \
	   libcmark-gfm-dev libcmark-gfm-extensions-dev libcmocka-dev

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

SRCS	 = $(filter-out gen/main.c,$(wildcard gen/*.c))
OBJS	 = $(SRCS:gen/%.c=$(BUILD)/%.o) $(BUILD)/templates_data.o
TEMPLATES = $(sort $(wildcard templates/*))
TESTS	 = $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
VALGRIND ?=
# The program.  The sanitizer and valgrind builds keep their own copy in
# their build folder, so they never replace ./hybridoc.
BIN	?= hybridoc

.PHONY: all deps test site check-site bench fuzz install clean regen \
	format asan valgrind validate

all: $(BUILD)/.deps $(BIN)

# The deps step.  A stamp file keeps it to one check per build tree.
$(BUILD)/.deps: tests/deps.sh
	@mkdir -p $(BUILD)
	@sh tests/deps.sh "$(PKGS) cmocka" "$(DEBS)"
	@touch $@

$(BIN): $(BUILD)/main.o $(BUILD)/libhybridoc.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/libhybridoc.a: $(OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%.o: gen/%.c $(wildcard include/hybridoc/*.h) | $(BUILD)/.deps
	@mkdir -p $(BUILD)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

# Templates are compiled into the binary: one C array per file.
$(BUILD)/templates_data.c: $(TEMPLATES) tests/embed.sh
	@mkdir -p $(BUILD)
	sh tests/embed.sh $(TEMPLATES) > $@.tmp && mv $@.tmp $@

$(BUILD)/templates_data.o: $(BUILD)/templates_data.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(BUILD)/libhybridoc.a tests/testutil.h
	@mkdir -p $(BUILD)/tests
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Itests -o $@ $< $(BUILD)/libhybridoc.a \
		$(PKG_LIBS) $(TEST_LIBS) -lm

$(BUILD)/.testdeps: tests/testdeps.sh
	@sh tests/testdeps.sh
	@touch $@

test: all $(BUILD)/.testdeps $(TESTS)
	@VALGRIND="$(VALGRIND)" BUILD="$(BUILD)" HYBRIDOC="$(abspath $(BIN))" \
		sh tests/run.sh $(TESTS)

validate: all
	./hybridoc validate designs/*.yaml

regen: all
	@REGEN=1 BUILD="$(BUILD)" sh tests/golden.sh

# The whole suite under ASan + UBSan (clang), and under valgrind.  Any
# report, or a leak at exit, fails the run: ASan and LSan exit 98 and
# valgrind 99, and a report on standard error also breaks the golden
# comparison.
SAN_ENV	 = ASAN_OPTIONS=detect_leaks=1:exitcode=98:strict_string_checks=1 \
	   UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
asan:
	$(SAN_ENV) $(MAKE) BUILD=build-asan BIN=build-asan/hybridoc CC=clang \
		OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" test

valgrind:
	$(MAKE) BUILD=build-vg BIN=build-vg/hybridoc OPT="-O1 -g" \
		VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect" test

format:
	clang-format -i gen/*.c include/hybridoc/*.h tests/*.c tests/*.h

clean:
	rm -rf $(BUILD) build-asan build-vg hybridoc

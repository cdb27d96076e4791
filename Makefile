# Shouhu (守护) build.
#
# `make` builds build/shouhu with warnings as errors and hardening flags.
# `make run` installs missing packages, builds, creates demo.db and serves it.
# `make test` builds, runs the unit tests (also under ASan+UBSan), the
# end-to-end tests against the real binary and the web UI's tests in chromium.
# `make screenshots` refreshes docs/screenshots/ (the README shows them).
#
# Every .c file under src/ is compiled; adding a file needs no change here.
# src/main.c is the only file kept out of libshouhu.a, so unit tests link
# everything else.

CC      ?= cc
PKGS    := sqlite3 jansson libsodium libzip expat xlsxwriter libmicrohttpd
# monthly reports (issue #7): the town's PDF is drawn with cairo and pango
PKGS    += cairo pangocairo
BUILD   ?= build
OPT     ?= -O2 -g

WARN    := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
HARDEN  := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fstack-clash-protection -fPIE
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -lpthread

CFLAGS  ?= $(OPT)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(HARDEN) $(CFLAGS) $(PKG_CFLAGS) \
             -Isrc -I$(BUILD)/gen -MMD -MP
LDFLAGS_ALL = -pie -Wl,-z,relro,-z,now $(LDFLAGS)

SRCS    := $(shell find src -name '*.c' | sort)
LIBSRCS := $(filter-out src/main.c,$(SRCS))
OBJS    := $(LIBSRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
EMBED   := $(sort $(wildcard sql/*.sql) $(wildcard data/*.csv) api/openapi.json)

# The web UI: Vue sources in web/, built by Vite (npm packages pinned in
# package-lock.json) into WEB_OUT, whose every file is embedded as web/...
# `npm ci` runs when node_modules is missing or older than the lock file.
WEB_OUT  := build/web
WEB_SRCS := $(shell find web -type f 2>/dev/null) package.json package-lock.json
NPM_STAMP := node_modules/.package-lock.json

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))

.PHONY: all deps run test unit unit-asan e2e ui-test screenshots web bench clean

all: $(BUILD)/shouhu

deps:
	@sh mk/deps.sh
	@$(MAKE) --no-print-directory -s $(NPM_STAMP)

$(BUILD)/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror -o $@ $<

$(NPM_STAMP): package.json package-lock.json
	@echo "NPM ci"
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB_OUT)/.built: $(NPM_STAMP) $(WEB_SRCS)
	@echo "VITE $(WEB_OUT)"
	@npm run --silent build
	@touch $@

web: $(WEB_OUT)/.built

# The embedded files: migrations, area and code tables, the web UI and the
# OpenAPI description, compiled into the binary as one table (src/util/embedded.h).
$(BUILD)/gen/embedded.c: $(BUILD)/embed $(EMBED) $(WEB_OUT)/.built Makefile
	@mkdir -p $(@D)
	@echo "EMBED $(words $(EMBED)) files and the web UI"
	@$(BUILD)/embed $@ $(EMBED) $$(cd $(WEB_OUT) && find . -type f ! -name .built | sed 's|^\./||' | LC_ALL=C sort | sed 's|.*|web/&=$(WEB_OUT)/&|')

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	@$(CC) -std=c11 $(CFLAGS) -fPIE -Isrc -c -o $@ $<

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libshouhu.a: $(OBJS)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/shouhu: $(BUILD)/src/main.o $(BUILD)/libshouhu.a
	@echo "LINK $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/libshouhu.a
	@mkdir -p $(@D)
	@echo "LINK $@"
	@$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS_ALL) -o $@ $< $(BUILD)/libshouhu.a $(PKG_LIBS) -lcmocka

UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/unit/%)

run: deps
	@$(MAKE) --no-print-directory all
	@sh mk/run.sh $(BUILD)/shouhu demo.db

unit: $(UNIT_BINS)
	@sh tests/run-unit.sh $(UNIT_BINS)

# The same unit tests built with AddressSanitizer and UndefinedBehaviorSanitizer.
ASAN_OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -U_FORTIFY_SOURCE
unit-asan:
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="$(ASAN_OPT)" LDFLAGS="-fsanitize=address,undefined" unit

e2e: all
	@bash tests/e2e/run.sh $(BUILD)/shouhu

# The web UI in a real browser (Debian's chromium driven by playwright-core).
ui-test: all
	@bash tests/ui/run.sh $(BUILD)/shouhu

# Refreshes docs/screenshots/*.png of the main pages.
screenshots: deps
	@$(MAKE) --no-print-directory all
	@SHOUHU_SCREENSHOTS=docs/screenshots bash tests/ui/run.sh $(BUILD)/shouhu screenshots

test: deps
	@$(MAKE) --no-print-directory all
	@bash tests/run-all.sh

bench: deps
	@$(MAKE) --no-print-directory BUILD=build/bench OPT="-O2 -DNDEBUG" all
	@bash bench/run.sh build/bench/shouhu

# ---- fuzzing and soak tests (issue #9) ----
# libFuzzer targets tests/fuzz/fuzz_*.c, built with clang against the library
# compiled with ASan+UBSan and fuzzer coverage (in build/fuzz; the library
# without warnings there, -w: the gcc build above is the one that holds them
# to errors, and clang's differ; the targets themselves keep -Werror).
# `make fuzz-smoke` runs each for FUZZ_SMOKE_SECONDS on its corpus (part of
# `make test`); `make fuzz` for FUZZ_SECONDS (e.g. make fuzz FUZZ_SECONDS=3600).
# `make soak` runs the reliability tests (tests/e2e/reliability_*.sh) long:
# more rounds, bigger files.
FUZZ_SRCS   := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BUILD  := build/fuzz
FUZZ_OPT    := -O1 -g -fsanitize=address,undefined -fsanitize=fuzzer-no-link -fno-sanitize-recover=all \
               -fno-omit-frame-pointer -U_FORTIFY_SOURCE -w
FUZZ_SECONDS ?= 300
FUZZ_SMOKE_SECONDS ?= 3

.PHONY: fuzz fuzz-smoke fuzz-build soak

$(BUILD)/tests/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(BUILD)/libshouhu.a
	@mkdir -p $(@D)
	@echo "LINK $@"
	@$(CC) $(filter-out -w,$(ALL_CFLAGS)) -Itests/fuzz -fsanitize=fuzzer $(LDFLAGS_ALL) -o $@ $< $(BUILD)/libshouhu.a $(PKG_LIBS)

fuzz-build:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang OPT="$(FUZZ_OPT)" \
	  LDFLAGS="-fsanitize=address,undefined" $(FUZZ_SRCS:tests/fuzz/%.c=$(FUZZ_BUILD)/tests/fuzz/%)

fuzz-smoke: fuzz-build
	@bash tests/fuzz/run.sh $(FUZZ_SMOKE_SECONDS)

fuzz: deps fuzz-build
	@FUZZ_CORPUS_DIR=$(FUZZ_BUILD)/corpus bash tests/fuzz/run.sh $(FUZZ_SECONDS)

# `make soak` also runs the server under load (tests/soak/load.sh) for
# SOAK_SECONDS (an hour; e.g. make soak SOAK_SECONDS=600); `make soak-asan`
# (part of `make test`) runs that load test alone for SOAK_ASAN_SECONDS on
# an ASan+UBSan build of shouhu (build/asan, the objects unit-asan builds).
SOAK_SECONDS ?= 3600
SOAK_ASAN_SECONDS ?= 60

.PHONY: soak-asan

soak: deps
	@$(MAKE) --no-print-directory all
	@SOAK_SECONDS=$(SOAK_SECONDS) bash tests/soak/run.sh $(BUILD)/shouhu

soak-asan:
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="$(ASAN_OPT)" LDFLAGS="-fsanitize=address,undefined" all
	@SOAK_SECONDS=$(SOAK_ASAN_SECONDS) bash tests/soak/run.sh build/asan/shouhu tests/soak/load.sh

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

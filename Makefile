# oomcore build. `make` builds the CLI and the crash extension,
# `make check` runs every test, `make demo` runs the report on a bundled dump.
# Source files are found by wildcard: adding a file needs no edit here.

CC       ?= cc
BUILD    ?= build
PREFIX   ?= /usr/local
ARCH_DEF ?= -DX86_64
SAN      ?=

WARN     := -Wall -Wextra -Werror -Wno-unused-parameter \
	    -Wno-missing-field-initializers -Wshadow -Wstrict-prototypes \
	    -Wmissing-prototypes -Wformat=2
CFLAGS   ?= -O2 -g
override CFLAGS += -std=gnu11 $(WARN) -fPIC -Iinclude -Isrc -D_GNU_SOURCE $(SAN)
LDFLAGS  += $(SAN)

# Core: everything under src/ except the CLI and the standalone target,
# which are the only parts that link libkdumpfile and libdw.
sorted_src  := $(sort $(wildcard src/*/*.c))
CORE_SRCS   := $(filter-out src/cli/% src/target/%,$(sorted_src))
TARGET_SRCS := $(sort $(wildcard src/target/*.c))
CLI_SRCS    := $(sort $(wildcard src/cli/*.c))
EXT_SRCS    := $(sort $(wildcard ext/*.c))
UNIT_SRCS   := $(sort $(wildcard tests/unit/test_*.c))

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))

CORE_OBJS   := $(call obj,$(CORE_SRCS))
TARGET_OBJS := $(call obj,$(TARGET_SRCS))
CLI_OBJS    := $(call obj,$(CLI_SRCS))
EXT_OBJS    := $(call obj,$(EXT_SRCS))
UNIT_BINS   := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))

LIBS_STANDALONE := -lkdumpfile -laddrxlat -ldw -lelf -lz -lm

.PHONY: all clean check check-asan demo format distro-dumps

all: $(BUILD)/oomcore $(if $(EXT_SRCS),$(BUILD)/oomcore.so) $(UNIT_BINS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/liboomcore.a: $(CORE_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/oomcore: $(CLI_OBJS) $(TARGET_OBJS) $(BUILD)/liboomcore.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJS) $(TARGET_OBJS) $(BUILD)/liboomcore.a \
		$(LIBS_STANDALONE)

# The crash extension: crash's own memory and type access, no libkdumpfile.
$(BUILD)/ext/%.o: ext/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(ARCH_DEF) -I/usr/include/crash -Wno-error=shadow \
		-Wno-shadow -Wno-strict-prototypes -Wno-missing-prototypes \
		-MMD -MP -c -o $@ $<

$(BUILD)/oomcore.so: $(EXT_OBJS) $(BUILD)/liboomcore.a
	$(CC) $(LDFLAGS) -shared -nostartfiles -rdynamic -o $@ $(EXT_OBJS) \
		-Wl,--whole-archive $(BUILD)/liboomcore.a -Wl,--no-whole-archive -lm

$(BUILD)/tests/%: tests/unit/%.c $(TARGET_OBJS) $(BUILD)/liboomcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests -o $@ $< $(TARGET_OBJS) $(BUILD)/liboomcore.a \
		$(LDFLAGS) $(LIBS_STANDALONE)

# The end-to-end tests also run on the Debian distribution kernel's dumps,
# generated into ~/.cache/oomcore/distro on first use (about 3 minutes and
# a 900 MB download); OOMCORE_SKIP_DISTRO=1 leaves them out.
# The end-to-end tests run on the bundled kernels and the Debian 12 kernel
# that distro-dumps makes; OC_KERNELS (tests/e2e/lib/dumps.sh) names others.
OC_KERNELS ?= 6.1-tiny distro-6.1.*-amd64
export OC_KERNELS

check: all $(if $(OOMCORE_SKIP_DISTRO),,distro-dumps)
	BUILD=$(BUILD) tests/run-tests.sh

distro-dumps:
	dumps-samples/distro.sh >/dev/null

# The whole suite again under AddressSanitizer + UBSan, in its own tree.
# OC_SANITIZER_RUN tells tests that only check the dumps themselves (not
# our code) that the plain run did it already.
check-asan:
	OC_SANITIZER_RUN=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
		$(MAKE) BUILD=build-asan \
		SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		CFLAGS="-O1 -g" check

demo: all
	tools/demo.sh $(BUILD)/oomcore

format:
	clang-format -i $(sorted_src) $(EXT_SRCS) $(wildcard include/oomcore/*.h)

clean:
	rm -rf build build-asan

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Further targets, one concern per file (bench, fuzz, install, package).
-include $(sort $(wildcard mk/*.mk))

# libFuzzer harnesses (clang, libclang-rt-dev): tests/fuzz/fuzz_*.c.
#
#   make fuzz-build              builds $(FUZZ_BUILD)/fuzz_<name>
#   make fuzz FUZZ_SECONDS=1800  runs every fuzzer in parallel for that
#                                long, each from its corpus in the repo,
#                                then merges what it found into a
#                                minimized corpus in tests/fuzz/corpus-<name>
#   make fuzz FUZZERS=printk     only some of them
#
# Crashes are left in $(FUZZ_BUILD)/<name>/ (crash-*, timeout-*, oom-*),
# the fuzzers' output in $(FUZZ_BUILD)/<name>.log. The corpora are
# replayed by `make check` without clang (tests/unit/test_robust_fuzz_replay.c).

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 600
FUZZ_BUILD   ?= $(BUILD)/fuzz
FUZZERS      ?= $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CFLAGS  := -g -O1 -std=gnu11 -D_GNU_SOURCE -Iinclude -Isrc -Itests \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer
FUZZ_OPTS    ?= -max_len=65536 -timeout=10 -rss_limit_mb=2048
# Fork mode: a finding does not end the run; every one is kept.
FUZZ_MODE    ?= -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1

# Seed corpus of each fuzzer: its own, plus the log corpus for the log one.
fuzz_corpus = tests/fuzz/corpus-$(1)

.PHONY: fuzz fuzz-build fuzz-merge

fuzz-build: $(foreach f,$(FUZZERS),$(FUZZ_BUILD)/fuzz_$(f))

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(CORE_SRCS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(CORE_SRCS) -lm

# Runs all fuzzers at once (one process each), then merges the corpora.
fuzz: fuzz-build
	@pids=; for f in $(FUZZERS); do \
		mkdir -p $(FUZZ_BUILD)/$$f/work $(call fuzz_corpus,$$f); \
		seeds="$(CURDIR)/$(call fuzz_corpus,$$f)"; \
		[ $$f != log ] || [ ! -d tests/fuzz/corpus ] || \
			seeds="$$seeds $(CURDIR)/tests/fuzz/corpus"; \
		dict=; [ ! -f tests/fuzz/$$f.dict ] || \
			dict=-dict=$(CURDIR)/tests/fuzz/$$f.dict; \
		echo "fuzz_$$f: $(FUZZ_SECONDS)s, log $(FUZZ_BUILD)/$$f.log"; \
		( cd $(FUZZ_BUILD)/$$f && \
		  exec $(abspath $(FUZZ_BUILD))/fuzz_$$f $(FUZZ_OPTS) \
			$(FUZZ_MODE) $$dict \
			-max_total_time=$(FUZZ_SECONDS) work $$seeds ) \
			>$(FUZZ_BUILD)/$$f.log 2>&1 & pids="$$pids $$!"; \
	done; \
	rc=0; for j in $$pids; do wait $$j || rc=1; done; \
	for f in $(FUZZERS); do \
		grep -E "^#[0-9]+: |stat::number_of_executed_units|Done [0-9]+ runs" \
			$(FUZZ_BUILD)/$$f.log | tail -n 1 | sed "s/^/fuzz_$$f: /"; \
		ls $(FUZZ_BUILD)/$$f/crash-* $(FUZZ_BUILD)/$$f/timeout-* \
			$(FUZZ_BUILD)/$$f/oom-* 2>/dev/null && rc=1; \
	done; \
	[ $$rc = 0 ] || { echo "fuzz: findings, see $(FUZZ_BUILD)"; exit 1; }
	$(MAKE) --no-print-directory fuzz-merge

# Minimizes each corpus (the repo's plus the new finds) into the repo.
fuzz-merge: fuzz-build
	@for f in $(FUZZERS); do \
		c=$(call fuzz_corpus,$$f); rm -rf $$c.new; mkdir -p $$c.new; \
		extra=; [ $$f != log ] || [ ! -d tests/fuzz/corpus ] || \
			extra=tests/fuzz/corpus; \
		$(FUZZ_BUILD)/fuzz_$$f -merge=1 $(FUZZ_OPTS) $$c.new $$c \
			$(FUZZ_BUILD)/$$f/work $$extra \
			>$(FUZZ_BUILD)/$$f.merge.log 2>&1 || exit 1; \
		rm -rf $$c && mv $$c.new $$c; \
		echo "$$c: $$(ls $$c | wc -l) inputs"; \
	done

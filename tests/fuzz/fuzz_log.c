// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for log mode: feeds the input as lines (and, for odd
 * first bytes, as printk records), then analyses and renders every event
 * as text and JSON, so parser, analysis and reports are all exercised.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -std=gnu11 \
 *	-D_GNU_SOURCE -Iinclude -Isrc \
 *	tests/fuzz/fuzz_log.c src/oom/log_*.c src/oom/analysis*.c \
 *	src/oom/badness.c src/oom/gfp.c src/report/log_*.c src/report/json.c \
 *	src/core/error.c -o build/fuzz_log
 *   build/fuzz_log -max_len=65536 tests/fuzz/corpus
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "oomcore/log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oc_log_parser *p;
	struct oc_oom_event_vec v = { 0 };
	struct oc_log_stats st;
	struct oc_log_report_opts opts = { .input_name = "fuzz" };
	const char *s = (const char *)data, *end = s + size;
	bool records = size && (data[0] & 0x80);
	struct oc_error *err;
	FILE *null;

	if (oc_log_parser_new(&p))
		return 0;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((nl ? nl : end) - s);

		if (records)
			err = oc_log_parser_feed_record(
				p, s, n, (int64_t)(s - (const char *)data),
				n & 1 ? 42 : OC_LOG_NONE);
		else
			err = oc_log_parser_feed_line(p, s, n);
		if (err)
			break;
		s += n + 1;
	}
	if (!oc_log_parser_finish(p, &v)) {
		oc_log_parser_stats(p, &st);
		null = fopen("/dev/null", "w");
		if (null) {
			oc_log_report_text(null, &v, &st, &opts);
			oc_log_report_json(null, &v, &st, &opts);
			fclose(null);
		}
	}
	oc_log_parser_free(p);
	oc_oom_event_vec_release(&v);
	return 0;
}

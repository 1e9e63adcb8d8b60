// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel log reader on byte buffers laid out as each kernel era lays
 * them out: the 3.5-5.9 printk_log records (wrapped), the pre-3.5 plain
 * log_buf (wrapped) and the 5.10+ lockless ring buffer (wrapped text
 * block, a reserved descriptor, a data-less record).
 */
#include <stdlib.h>

#include "mock_target.h"
#include "printk_layouts.h"
#include "oc_test.h"
#include "oomcore/printk.h"

static char *print_log(const struct oc_printk_log *log, int flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	oc_printk_print(log, flags, f);
	fclose(f);
	return buf;
}

/* struct printk_log (4.x, CONFIG_PRINTK_CALLER=n): 16 bytes. */
static const struct mock_member printk_log_members[] = {
	{ "struct printk_log", NULL, 0, 16 },
	{ "struct printk_log", "ts_nsec", 0, 8 },
	{ "struct printk_log", "len", 8, 2 },
	{ "struct printk_log", "text_len", 10, 2 },
	{ "struct printk_log", "dict_len", 12, 2 },
	{ "struct printk_log", "facility", 14, 1 },
	{ "struct printk_log", "flags", 15, 1, 0, 5 },
	{ "struct printk_log", "level", 15, 1, 5, 3 },
	{},
};

#define LOG_BUF 0xffff880000100000ULL
#define VARS 0xffffffff81000000ULL

/* Writes one record at @idx, returns the next index (8-byte aligned). */
static size_t put_record(unsigned char *buf, size_t idx, uint64_t ts,
			 int level, const char *text)
{
	size_t tlen = strlen(text), len = (16 + tlen + 7) & ~7UL;

	put_le(buf + idx, ts, 8);
	put_le(buf + idx + 8, len, 2);
	put_le(buf + idx + 10, tlen, 2);
	put_le(buf + idx + 12, 0, 2);
	buf[idx + 14] = 0;
	buf[idx + 15] = level << 5;
	memcpy(buf + idx + 16, text, tlen);
	return idx + len;
}

static void test_structured(void)
{
	static const struct mock_symbol syms[] = {
		{ "log_buf", VARS },
		{ "log_buf_len", VARS + 8 },
		{ "log_first_idx", VARS + 12 },
		{ "log_next_idx", VARS + 16 },
		{ "log_first_seq", VARS + 24 },
		{},
	};
	static unsigned char buf[256], vars[32];
	struct mock_target m;
	struct oc_printk_log log = { 0 };
	size_t first = 192, idx, next;
	char *out;

	mock_init(&m, syms, printk_log_members);
	/* Oldest record near the end, then a wrap marker, then from 0. */
	idx = put_record(buf, first, 1500000000ULL, 6, "Linux version 4.19");
	put_le(buf + idx, 0, 16);	/* len 0: wrap */
	next = put_record(buf, 0, 2000001000ULL, 4,
			  "a invoked oom-killer: gfp_mask=0x6200ca");
	next = put_record(buf, next, 123456789012ULL, 3, "multi\nline\x01");
	put_le(vars, LOG_BUF, 8);
	put_le(vars + 8, sizeof(buf), 4);
	put_le(vars + 12, first, 4);
	put_le(vars + 16, next, 4);
	put_le(vars + 24, 41, 8);
	mock_add_region(&m, VARS, vars, sizeof(vars));
	mock_add_region(&m, LOG_BUF, buf, sizeof(buf));

	OC_CHECK_OK(oc_printk_read(&m.base, &log));
	OC_CHECK_INT(log.format, OC_PRINTK_STRUCTURED);
	OC_CHECK_INT(log.records.len, 3);
	if (log.records.len == 3) {
		OC_CHECK_INT(log.records.data[0].seq, 41);
		OC_CHECK_INT(log.records.data[2].seq, 43);
		OC_CHECK_INT(log.records.data[1].level, 4);
		OC_CHECK_INT(log.records.data[1].caller_id,
			     OC_PRINTK_NO_CALLER);
	}
	out = print_log(&log, OC_PRINTK_SHOW_LEVEL);
	OC_CHECK_STR(out, "[    1.500000] <6>Linux version 4.19\n"
			  "[    2.000001] <4>a invoked oom-killer: "
			  "gfp_mask=0x6200ca\n"
			  "[  123.456789] <3>multi\n"
			  "                  line.\n");
	free(out);
	oc_printk_log_free(&log);

	/* A corrupt index is an error, not a wild read. */
	put_le(vars + 12, 4096, 4);
	memset(&log, 0, sizeof(log));
	{
		struct oc_error *err = oc_printk_read(&m.base, &log);

		OC_CHECK(err && err->code == OC_ERR_CORRUPT);
		oc_error_free(err);
	}
	oc_printk_log_free(&log);
}

static void test_plain(void)
{
	static const struct mock_symbol syms[] = {
		{ "log_buf", VARS },
		{ "log_buf_len", VARS + 8 },
		{ "log_end", VARS + 12 },
		{},
	};
	static const char text[] =
		"<6>[    0.000000] Initializing cgroup subsys cpuset\n"
		"<4>[  100.250000] stress invoked oom-killer: gfp_mask=0x280da,"
		" order=0, oom_adj=0, oom_score_adj=0\n"
		"<3>Out of memory: Kill process 18906 (stress) score 457 or "
		"sacrifice child\n";
	static unsigned char buf[128], vars[16];
	struct mock_target m;
	struct oc_printk_log log = { 0 };
	size_t n = strlen(text), end = n + 1000 * sizeof(buf);
	char *out;

	mock_init(&m, syms, NULL);
	/* Write the text as the kernel does: at log_end % len, wrapping. */
	memset(buf, 'x', sizeof(buf));
	for (size_t i = 0; i < n; i++)
		buf[(end - n + i) % sizeof(buf)] = text[i];
	put_le(vars, LOG_BUF, 8);
	put_le(vars + 8, sizeof(buf), 4);
	put_le(vars + 12, end, 4);
	mock_add_region(&m, VARS, vars, sizeof(vars));
	mock_add_region(&m, LOG_BUF, buf, sizeof(buf));

	OC_CHECK_OK(oc_printk_read(&m.base, &log));
	OC_CHECK_INT(log.format, OC_PRINTK_PLAIN);
	/* Only the last 128 bytes survive; the partial line is dropped. */
	out = print_log(&log, 0);
	OC_CHECK_STR(out, "Out of memory: Kill process 18906 (stress) score "
			  "457 or sacrifice child\n");
	free(out);
	OC_CHECK_INT(log.records.len, 1);
	if (log.records.len)
		OC_CHECK_INT(log.records.data[0].level, 3);
	oc_printk_log_free(&log);

	/* Not wrapped yet: every line, with timestamps parsed. */
	memset(buf, 0, sizeof(buf));
	memcpy(buf, text, 105);
	put_le(vars + 12, 105, 4);
	memset(&log, 0, sizeof(log));
	OC_CHECK_OK(oc_printk_read(&m.base, &log));
	OC_CHECK_INT(log.records.len, 2);
	if (log.records.len == 2) {
		OC_CHECK(log.records.data[1].has_ts);
		OC_CHECK_INT(log.records.data[1].ts_nsec, 100250000000ULL);
		OC_CHECK_INT(log.records.data[1].level, 4);
	}
	oc_printk_log_free(&log);
}


#define PRB 0xffffffff82000000ULL
#define DESCS 0xffffffff82100000ULL
#define INFOS 0xffffffff82200000ULL
#define TEXT 0xffffffff82300000ULL
#define SV(state, id) (((uint64_t)(state) << 62) | (id))

static void set_desc(unsigned char *descs, unsigned char *infos,
		     uint64_t id, int state, uint64_t begin, uint64_t next,
		     uint64_t seq, uint64_t ts, unsigned tlen, uint32_t caller)
{
	unsigned char *d = descs + (id % 4) * 24, *i = infos + (id % 4) * 88;

	put_le(d, SV(state, id), 8);
	put_le(d + 8, begin, 8);
	put_le(d + 16, next, 8);
	put_le(i, seq, 8);
	put_le(i + 8, ts, 8);
	put_le(i + 16, tlen, 2);
	i[19] = 4 << 5;
	put_le(i + 20, caller, 4);
}

static void test_ringbuffer(void)
{
	static const struct mock_symbol syms[] = {
		{ "prb", VARS },
		{},
	};
	static unsigned char vars[8], prb[88], descs[4 * 24], infos[4 * 88],
		text[64];
	struct mock_target m;
	struct oc_printk_log log = { 0 };
	char *out;

	mock_init(&m, syms, prb_members_6_1);
	put_le(vars, PRB, 8);
	put_le(prb + 0, 2, 4);		/* 4 descriptors */
	put_le(prb + 8, DESCS, 8);
	put_le(prb + 16, INFOS, 8);
	put_le(prb + 24, 9, 8);		/* head_id */
	put_le(prb + 32, 6, 8);		/* tail_id */
	put_le(prb + 48, 6, 4);		/* 64 bytes of text */
	put_le(prb + 56, TEXT, 8);
	/* id 6: "first" at lpos 64+16 (second wrap of the ring) */
	put_le(text + 16, 6, 8);
	memcpy(text + 24, "first", 5);
	set_desc(descs, infos, 6, 2, 64 + 16, 64 + 32, 100, 5000000000ULL,
		 5, 1);
	/* id 7: reserved by a writer: skipped */
	set_desc(descs, infos, 7, 0, 64 + 32, 64 + 40, 101, 0, 0, 0);
	/* id 8: data-less (FAILED_LPOS) */
	set_desc(descs, infos, 8, 2, 1, 1, 102, 6000000000ULL, 0, 0);
	/* id 9: wraps: begins at lpos 64+56, data at lpos 128..: ring 0 */
	put_le(text + 0, 9, 8);
	memcpy(text + 8, "wrapped!", 8);
	set_desc(descs, infos, 9, 1, 64 + 56, 128 + 16, 103, 7000001000ULL,
		 8, 0x80000001);
	mock_add_region(&m, VARS, vars, sizeof(vars));
	mock_add_region(&m, PRB, prb, sizeof(prb));
	mock_add_region(&m, DESCS, descs, sizeof(descs));
	mock_add_region(&m, INFOS, infos, sizeof(infos));
	mock_add_region(&m, TEXT, text, sizeof(text));

	OC_CHECK_OK(oc_printk_read(&m.base, &log));
	OC_CHECK_INT(log.format, OC_PRINTK_RINGBUFFER);
	OC_CHECK_INT(log.records.len, 3);
	OC_CHECK_INT(log.skipped, 1);
	out = print_log(&log, OC_PRINTK_SHOW_CALLER);
	OC_CHECK_STR(out, "[    5.000000] [    T1] first\n"
			  "\n"
			  "[    7.000001] [    C1] wrapped!\n");
	free(out);
	if (log.records.len == 3) {
		OC_CHECK_INT(log.records.data[2].seq, 103);
		OC_CHECK_INT(log.records.data[2].level, 4);
		OC_CHECK(log.records.data[1].dataless);
	}
	oc_printk_log_free(&log);

	/* Garbage in the ring header: refused, not a huge allocation. */
	put_le(prb + 0, 60, 4);
	memset(&log, 0, sizeof(log));
	{
		struct oc_error *err = oc_printk_read(&m.base, &log);

		OC_CHECK(err && err->code == OC_ERR_CORRUPT);
		oc_error_free(err);
	}
	oc_printk_log_free(&log);
}

int main(void)
{
	test_structured();
	test_plain();
	test_ringbuffer();
	return oc_test_done();
}

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the kernel log readers (src/kernel/printk.c).
 *
 * The input is laid out, through the mock target of the unit tests, as
 * one of the three kernel log layouts: the 5.10+ printk_ringbuffer
 * (descriptor ring, info ring, text ring and the head/tail ids), the
 * 3.5-5.9 printk_log records (log_buf, first/next indexes) and the
 * pre-3.5 plain log_buf (log_end). The first bytes choose the layout,
 * the ring sizes and which pieces are missing from the "dump"; the rest
 * fills the buffers. The records read are printed as `oomcore dmesg`
 * prints them and fed to the log parser as the vmcore report does.
 *
 *   make fuzz FUZZ_SECONDS=600        (mk/fuzz.mk)
 * The corpus in tests/fuzz/corpus-printk is replayed by `make check`
 * (tests/unit/test_robust_fuzz_replay.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mock_target.h"
#include "printk_layouts.h"
#include "oomcore/log.h"
#include "oomcore/printk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Below 4 GiB so that 32-bit pointer reads reach them too. */
#define FP_VARS 0x81000000ULL
#define FP_PRB 0x82000000ULL
#define FP_DESCS 0x82100000ULL
#define FP_INFOS 0x82200000ULL
#define FP_TEXT 0x82300000ULL
#define FP_LOGBUF 0x83000000ULL

struct fp_input {
	const uint8_t *p;
	size_t left;
};

/* Fills @buf from the input; zeros once it is used up. */
static void fp_take(struct fp_input *in, void *buf, size_t len)
{
	size_t n = len < in->left ? len : in->left;

	memcpy(buf, in->p, n);
	memset((char *)buf + n, 0, len - n);
	in->p += n;
	in->left -= n;
}

static uint64_t fp_u(struct fp_input *in, size_t len)
{
	unsigned char b[8] = { 0 };
	uint64_t v = 0;

	fp_take(in, b, len);
	for (size_t i = 0; i < len; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return v;
}


/* struct printk_log: 16 bytes, or 24 with CONFIG_PRINTK_CALLER (5.1+). */
static const struct mock_member fp_log_members[] = {
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

static const struct mock_member fp_log_caller_members[] = {
	{ "struct log", NULL, 0, 24 },
	{ "struct log", "ts_nsec", 0, 8 },
	{ "struct log", "len", 8, 2 },
	{ "struct log", "text_len", 10, 2 },
	{ "struct log", "dict_len", 12, 2 },
	{ "struct log", "facility", 14, 1 },
	{ "struct log", "flags", 15, 1, 0, 5 },
	{ "struct log", "level", 15, 1, 5, 3 },
	{ "struct log", "caller_id", 16, 4 },
	{},
};

static const struct mock_symbol fp_prb_syms[] = {
	{ "prb", FP_VARS },
	{},
};

static const struct mock_symbol fp_structured_syms[] = {
	{ "log_buf", FP_VARS },
	{ "log_buf_len", FP_VARS + 8 },
	{ "log_first_idx", FP_VARS + 12 },
	{ "log_next_idx", FP_VARS + 16 },
	{ "log_first_seq", FP_VARS + 24 },
	{},
};

static const struct mock_symbol fp_plain_syms[] = {
	{ "log_buf", FP_VARS },
	{ "log_buf_len", FP_VARS + 8 },
	{ "log_end", FP_VARS + 12 },
	{},
};

/* Buffers of one run, freed at its end. */
struct fp_bufs {
	unsigned char vars[32], prb[88];
	unsigned char *descs, *infos, *text, *logbuf;
};

/*
 * Adds a region unless @drop (a page missing from the dump); @short_by
 * cuts its end (a partially filtered buffer).
 */
static void fp_region(struct mock_target *m, uint64_t addr, void *buf,
		      size_t len, bool drop, size_t short_by)
{
	if (drop)
		return;
	mock_add_region(m, addr, buf, short_by < len ? len - short_by : 0);
}

static void fp_ringbuffer(struct mock_target *m, struct fp_input *in,
			  struct fp_bufs *b, uint8_t flags)
{
	unsigned int count_bits = fp_u(in, 1), size_bits = fp_u(in, 1);
	size_t count, size;

	mock_init(m, fp_prb_syms, prb_members_6_1);
	/* Mostly small rings; now and then garbage sizes. */
	if (count_bits < 0xf0)
		count_bits %= 7;
	if (size_bits < 0xf0)
		size_bits = 3 + size_bits % 11;
	count = count_bits < 7 ? 1u << count_bits : 1;
	size = size_bits < 14 ? 1u << size_bits : 8;
	put_le(b->vars, FP_PRB, 8);
	fp_take(in, b->prb, sizeof(b->prb));
	put_le(b->prb + 0, count_bits, 4);
	put_le(b->prb + 48, size_bits, 4);
	if (!(flags & 0x10)) {
		/* Pointers as the kernel has them, ids near each other. */
		uint64_t tail = fp_u(in, 2);

		put_le(b->prb + 8, FP_DESCS, 8);
		put_le(b->prb + 16, FP_INFOS, 8);
		put_le(b->prb + 56, FP_TEXT, 8);
		put_le(b->prb + 32, tail, 8);
		put_le(b->prb + 24, tail + fp_u(in, 1) % (2 * count + 1), 8);
	}
	b->descs = calloc(count, 24);
	b->infos = calloc(count, 88);
	b->text = calloc(size, 1);
	if (!b->descs || !b->infos || !b->text)
		return;
	fp_take(in, b->descs, count * 24);
	fp_take(in, b->infos, count * 88);
	fp_take(in, b->text, size);
	fp_region(m, FP_VARS, b->vars, 8, flags & 0x20, 0);
	fp_region(m, FP_PRB, b->prb, sizeof(b->prb), false, 0);
	fp_region(m, FP_DESCS, b->descs, count * 24, flags & 0x40, 0);
	fp_region(m, FP_INFOS, b->infos, count * 88, false, 0);
	fp_region(m, FP_TEXT, b->text, size, flags & 0x80,
		  flags & 0x08 ? size / 2 : 0);
}

static void fp_structured(struct mock_target *m, struct fp_input *in,
			  struct fp_bufs *b, uint8_t flags)
{
	uint32_t len = fp_u(in, 2) % 4097;
	uint64_t first = fp_u(in, 2), next = fp_u(in, 2);

	mock_init(m, fp_structured_syms,
		  flags & 0x10 ? fp_log_caller_members : fp_log_members);
	if (!(flags & 0x20) && len) {
		first %= len;
		next %= len;
	}
	put_le(b->vars, FP_LOGBUF, 8);
	put_le(b->vars + 8, len, 4);
	put_le(b->vars + 12, first, 4);
	put_le(b->vars + 16, next, 4);
	put_le(b->vars + 24, fp_u(in, 8), 8);
	b->logbuf = calloc(len + 1, 1);
	if (!b->logbuf)
		return;
	fp_take(in, b->logbuf, len);
	fp_region(m, FP_VARS, b->vars, sizeof(b->vars), false, 0);
	fp_region(m, FP_LOGBUF, b->logbuf, len, flags & 0x40,
		  flags & 0x80 ? len / 3 : 0);
}

static void fp_plain(struct mock_target *m, struct fp_input *in,
		     struct fp_bufs *b, uint8_t flags)
{
	uint8_t bits = fp_u(in, 1);
	uint32_t len = bits < 0xf0 ? 1u << (bits % 13) : bits;
	uint64_t end = fp_u(in, 4);

	mock_init(m, fp_plain_syms, NULL);
	if (!(flags & 0x20))
		end %= 4 * (uint64_t)len + 1;
	put_le(b->vars, FP_LOGBUF, 8);
	put_le(b->vars + 8, len, 4);
	put_le(b->vars + 12, end, 4);
	b->logbuf = calloc(len + 1, 1);
	if (!b->logbuf)
		return;
	fp_take(in, b->logbuf, len);
	fp_region(m, FP_VARS, b->vars, 16, false, 0);
	fp_region(m, FP_LOGBUF, b->logbuf, len, flags & 0x40,
		  flags & 0x80 ? len / 2 : 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fp_input in = { data, size };
	struct fp_bufs b;
	struct mock_target m;
	struct oc_printk_log log = { 0 };
	struct oc_printk_record *r;
	struct oc_log_parser *p;
	struct oc_oom_event_vec v = { 0 };
	struct oc_error *err;
	uint8_t flags;
	FILE *null;

	if (size < 2)
		return 0;
	memset(&b, 0, sizeof(b));
	flags = fp_u(&in, 1);
	switch (flags % 3) {
	case 0:
		fp_ringbuffer(&m, &in, &b, flags);
		break;
	case 1:
		fp_structured(&m, &in, &b, flags);
		break;
	default:
		fp_plain(&m, &in, &b, flags);
		break;
	}
	/* A 32-bit kernel now and then (ring buffer state bits move). */
	if ((flags & 0x0c) == 0x04)
		m.base.ptr_size = 4;

	err = oc_printk_read(&m.base, &log);
	oc_error_free(err);
	null = fopen("/dev/null", "w");
	if (null) {
		oc_printk_print(&log, 0, null);
		oc_printk_print(&log, OC_PRINTK_SHOW_CALLER |
					      OC_PRINTK_SHOW_LEVEL,
				null);
	}
	/* The records as the report reads them. */
	oc_vec_for_each(&log.records, r) {
		if (r->text_off + r->text_len >= log.text_len + 1 ||
		    oc_printk_text(&log, r)[r->text_len] != '\0')
			__builtin_trap(); /* record outside the text */
	}
	if (!oc_log_parser_new(&p)) {
		oc_vec_for_each(&log.records, r) {
			if (oc_log_parser_feed_record(
				    p, oc_printk_text(&log, r), r->text_len,
				    (int64_t)(r->ts_nsec & INT64_MAX),
				    r->caller_id == OC_PRINTK_NO_CALLER ?
					    OC_LOG_NONE :
					    r->caller_id))
				break;
		}
		err = oc_log_parser_finish(p, &v);
		if (!err && null) {
			struct oc_log_stats st;
			struct oc_log_report_opts opts = { .input_name = "dump" };

			oc_log_parser_stats(p, &st);
			oc_error_free(oc_log_report_text(null, &v, &st, &opts));
		}
		oc_error_free(err);
		oc_log_parser_free(p);
		oc_oom_event_vec_release(&v);
	}
	if (null)
		fclose(null);
	oc_printk_log_free(&log);
	free(b.descs);
	free(b.infos);
	free(b.text);
	free(b.logbuf);
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The 5.10+ printk ring buffer laid out as 6.1 x86_64 lays it out, for the
 * mock target (tests/mock_target.h): shared by the unit test and the
 * printk fuzzer.
 */
#ifndef OC_PRINTK_LAYOUTS_H
#define OC_PRINTK_LAYOUTS_H

#include "mock_target.h"

/* 5.10+ layout, 64-bit: the 6.1 offsets. */
static const struct mock_member prb_members_6_1[] = {
	{ "struct printk_ringbuffer", NULL, 0, 88 },
	{ "struct printk_ringbuffer", "desc_ring.count_bits", 0, 4 },
	{ "struct printk_ringbuffer", "desc_ring.descs", 8, 8 },
	{ "struct printk_ringbuffer", "desc_ring.infos", 16, 8 },
	{ "struct printk_ringbuffer", "desc_ring.head_id.counter", 24, 8 },
	{ "struct printk_ringbuffer", "desc_ring.tail_id.counter", 32, 8 },
	{ "struct printk_ringbuffer", "text_data_ring.size_bits", 48, 4 },
	{ "struct printk_ringbuffer", "text_data_ring.data", 56, 8 },
	{ "struct prb_desc", NULL, 0, 24 },
	{ "struct prb_desc", "state_var.counter", 0, 8 },
	{ "struct prb_desc", "text_blk_lpos.begin", 8, 8 },
	{ "struct prb_desc", "text_blk_lpos.next", 16, 8 },
	{ "struct printk_info", NULL, 0, 88 },
	{ "struct printk_info", "seq", 0, 8 },
	{ "struct printk_info", "ts_nsec", 8, 8 },
	{ "struct printk_info", "text_len", 16, 2 },
	{ "struct printk_info", "facility", 18, 1 },
	{ "struct printk_info", "flags", 19, 1, 0, 5 },
	{ "struct printk_info", "level", 19, 1, 5, 3 },
	{ "struct printk_info", "caller_id", 20, 4 },
	{},
};

#endif /* OC_PRINTK_LAYOUTS_H */

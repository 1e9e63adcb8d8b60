/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * GFP masks: the allocation flags of the request that invoked the OOM
 * killer ("gfp_mask=0x14280ca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO)").
 *
 * The bit values changed several times (include/linux/gfp.h,
 * gfp_types.h from 6.0), so a numeric mask is decoded with the layout of
 * its kernel era; from about 4.9 the kernel prints the names itself
 * (%pGg, include/trace/events/mmflags.h) and those are authoritative.
 * Decoded masks become a layout-independent set of flags (struct oc_gfp)
 * that the analysis asks questions of (may it use highmem? reclaim?).
 *
 * Layouts, read from the trees named in brackets:
 *   OC_GFP_LAYOUT_WAIT   2.6.x-4.3, __GFP_WAIT era        [3.10]
 *   OC_GFP_LAYOUT_4_4    4.4-4.9, __GFP_DIRECT_RECLAIM    [4.9]
 *   OC_GFP_LAYOUT_4_10   4.10-4.14, no __GFP_OTHER_NODE   [0x14280ca of
 *                        a 4.10.14 log]
 *   OC_GFP_LAYOUT_4_15   4.15-4.20, no kmemcheck bits     [4.19]
 *   OC_GFP_LAYOUT_5      5.0-6.x, __GFP_ZERO = 0x100      [5.10, 6.1;
 *                        the 4.20/5.0 boundary is unverified]
 */
#ifndef OOMCORE_GFP_H
#define OOMCORE_GFP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum oc_gfp_layout {
	OC_GFP_LAYOUT_WAIT,
	OC_GFP_LAYOUT_4_4,
	OC_GFP_LAYOUT_4_10,
	OC_GFP_LAYOUT_4_15,
	OC_GFP_LAYOUT_5,
};

/* Layout-independent flags; bit n of struct oc_gfp.flags. */
enum oc_gfp_flag {
	OC_GFP_DMA,
	OC_GFP_HIGHMEM,
	OC_GFP_DMA32,
	OC_GFP_MOVABLE,
	OC_GFP_RECLAIMABLE,
	OC_GFP_HIGH,
	OC_GFP_IO,
	OC_GFP_FS,
	OC_GFP_ZERO,
	OC_GFP_ATOMIC,
	OC_GFP_DIRECT_RECLAIM,
	OC_GFP_KSWAPD_RECLAIM,
	OC_GFP_WAIT,
	OC_GFP_WRITE,
	OC_GFP_NOWARN,
	OC_GFP_RETRY_MAYFAIL,
	OC_GFP_NOFAIL,
	OC_GFP_NORETRY,
	OC_GFP_MEMALLOC,
	OC_GFP_COMP,
	OC_GFP_NOMEMALLOC,
	OC_GFP_HARDWALL,
	OC_GFP_THISNODE,
	OC_GFP_ACCOUNT,
	OC_GFP_COLD,
	OC_GFP_NOTRACK,
	OC_GFP_NO_KSWAPD,
	OC_GFP_OTHER_NODE,
	OC_GFP_KMEMCG,
	OC_GFP_NOLOCKDEP,
	OC_GFP_ZEROTAGS,
	OC_GFP_SKIP_ZERO,
	OC_GFP_SKIP_KASAN_UNPOISON,
	OC_GFP_SKIP_KASAN_POISON,
	OC_GFP_NR_FLAGS,
};

struct oc_gfp {
	uint64_t flags; /* 1 << enum oc_gfp_flag */
	bool complete;	/* every bit or name was understood */
};

/* Zone types in the kernel's order of enum zone_type. */
enum oc_zone_type {
	OC_ZONE_DMA,
	OC_ZONE_DMA32,
	OC_ZONE_NORMAL,
	OC_ZONE_HIGHMEM,
	OC_ZONE_MOVABLE,
	OC_ZONE_UNKNOWN,
};

/* The layout of kernel @major.@minor. */
enum oc_gfp_layout oc_gfp_layout_for_version(int major, int minor);
const char *oc_gfp_layout_name(enum oc_gfp_layout l);

/*
 * Formats @mask the way %pGg does ("GFP_KERNEL|__GFP_ZERO", leftover bits
 * as "0x..", "none" for 0) into @buf of @size bytes (always terminated).
 * Returns false if some bits have no name in @layout.
 */
bool oc_gfp_format(uint64_t mask, enum oc_gfp_layout layout, char *buf,
		   size_t size);

/* Decodes a numeric mask with @layout. */
void oc_gfp_from_mask(uint64_t mask, enum oc_gfp_layout layout,
		      struct oc_gfp *g);

/*
 * Decodes the symbolic form "GFP_HIGHUSER_MOVABLE|__GFP_ZERO" (with or
 * without the parentheses); unknown names clear ->complete.
 */
void oc_gfp_from_text(const char *text, struct oc_gfp *g);

static inline bool oc_gfp_test(const struct oc_gfp *g, enum oc_gfp_flag f)
{
	return g->flags & (1ULL << f);
}

/* gfp_zone(): the highest zone the request may use. */
enum oc_zone_type oc_gfp_highest_zone(const struct oc_gfp *g);

/* "DMA", "DMA32", "Normal", "HighMem", "Movable"; OC_ZONE_UNKNOWN for
 * other names ("Device"). */
enum oc_zone_type oc_zone_type_from_name(const char *name);
const char *oc_zone_type_name(enum oc_zone_type z);

/* May the request reclaim (direct reclaim / __GFP_WAIT)? */
bool oc_gfp_can_reclaim(const struct oc_gfp *g);

#endif /* OOMCORE_GFP_H */

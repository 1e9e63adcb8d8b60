/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Nodes, zones, free lists and the VM counters: everything the kernel
 * prints in the "Mem-Info:" block of an OOM report (lib/show_mem.c
 * __show_mem() and mm/page_alloc.c __show_free_areas() in 6.1), read from
 * a dump.
 *
 * Printed vs exact. The kernel prints the atomic part of each VM counter
 * only, clamped at 0 (global_node_page_state(), zone_page_state(),
 * node_page_state()). Those are the main values here (->stat[],
 * ->gstat_*[]), so that they equal the log. The ->*_exact[] twins add the
 * per-CPU deltas not yet folded in (zone_page_state_snapshot()), unclamped.
 *
 * Counters are in pages unless the name says kB; -1 means "this kernel
 * has no such counter / field". The *_B slab items are stored in pages by
 * the kernel already (mm/vmstat.c __mod_node_page_state shifts the byte
 * delta), so they are reported as is.
 *
 * Filtering. The OOM report prints only the nodes allowed to the
 * allocation (SHOW_MEM_FILTER_NODES) and, from 6.1, only zones up to
 * gfp_zone(gfp_mask); the dump holds them all. Every online node and
 * populated zone is reported here, and the global "free_pcp" the kernel
 * prints is the sum of ->free_pcp over the zones it printed.
 */
#ifndef OOMCORE_ZONES_H
#define OOMCORE_ZONES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "oomcore/error.h"
#include "oomcore/json.h"
#include "oomcore/kernel.h"
#include "oomcore/vector.h"

#define OC_ZONES_MAX_ORDERS 16
#define OC_ZONES_MAX_MT 8	/* MIGRATE_TYPES */
#define OC_ZONES_MAX_ZONES 8	/* MAX_NR_ZONES */
#define OC_ZONES_MAX_HSTATES 4	/* HUGE_MAX_HSTATE */

/* Node counters (enum node_stat_item, by enumerator name). */
enum oc_node_stat {
	OC_NS_INACTIVE_ANON,
	OC_NS_ACTIVE_ANON,
	OC_NS_INACTIVE_FILE,
	OC_NS_ACTIVE_FILE,
	OC_NS_UNEVICTABLE,
	OC_NS_SLAB_RECLAIMABLE,		/* NR_SLAB_RECLAIMABLE(_B) */
	OC_NS_SLAB_UNRECLAIMABLE,	/* NR_SLAB_UNRECLAIMABLE(_B) */
	OC_NS_ISOLATED_ANON,
	OC_NS_ISOLATED_FILE,
	OC_NS_ANON_MAPPED,
	OC_NS_FILE_MAPPED,
	OC_NS_FILE_PAGES,
	OC_NS_FILE_DIRTY,
	OC_NS_WRITEBACK,
	OC_NS_WRITEBACK_TEMP,
	OC_NS_SHMEM,
	OC_NS_SHMEM_THPS,
	OC_NS_SHMEM_PMDMAPPED,
	OC_NS_FILE_THPS,
	OC_NS_FILE_PMDMAPPED,
	OC_NS_ANON_THPS,
	OC_NS_UNSTABLE_NFS,
	OC_NS_KERNEL_MISC_RECLAIMABLE,
	OC_NS_KERNEL_STACK_KB,		/* in kB, not pages */
	OC_NS_KERNEL_SCS_KB,		/* in kB, not pages */
	OC_NS_PAGETABLE,
	OC_NS_SECONDARY_PAGETABLE,
	OC_NS_SWAPCACHE,
	OC_NS_NR,
};

/* Zone counters (enum zone_stat_item). */
enum oc_zone_stat {
	OC_ZS_FREE_PAGES,
	OC_ZS_INACTIVE_ANON,
	OC_ZS_ACTIVE_ANON,
	OC_ZS_INACTIVE_FILE,
	OC_ZS_ACTIVE_FILE,
	OC_ZS_UNEVICTABLE,
	OC_ZS_WRITE_PENDING,
	OC_ZS_MLOCK,
	OC_ZS_BOUNCE,
	OC_ZS_ZSPAGES,
	OC_ZS_FREE_CMA_PAGES,
	OC_ZS_NR,
};

/* Short names ("active_anon", "free", ...) used in text and JSON. */
extern const char *const oc_node_stat_names[OC_NS_NR];
extern const char *const oc_zone_stat_names[OC_ZS_NR];

enum { OC_WMARK_MIN, OC_WMARK_LOW, OC_WMARK_HIGH, OC_WMARK_NR };

struct oc_zone {
	uint64_t addr;			/* struct zone */
	int node;
	int idx;			/* zone_idx(): index in node_zones[] */
	char name[16];			/* zone->name: "DMA32", "Normal" */

	/* Watermarks as *_wmark_pages(): _watermark[] + watermark_boost. */
	int64_t wmark[OC_WMARK_NR];
	int64_t boost;			/* watermark_boost, 0 before 5.0 */
	int64_t reserved_highatomic;	/* nr_reserved_highatomic, -1 */
	int64_t managed, present, spanned, start_pfn;
	int nr_lowmem_reserve;		/* MAX_NR_ZONES */
	int64_t lowmem_reserve[OC_ZONES_MAX_ZONES];

	/* Pages on the per-CPU lists: Σ online CPUs, and each CPU's. */
	int64_t free_pcp;
	int64_t *pcp_count;		/* [nr_cpu_ids], -1 offline/unread */

	int64_t stat[OC_ZS_NR];		/* zone_page_state(): printed */
	int64_t stat_exact[OC_ZS_NR];	/* + Σ per-CPU vm_stat_diff */
	/*
	 * Σ of the CPUs' stat_threshold: no |vm_stat_diff| exceeds its CPU's
	 * threshold, so |stat - stat_exact| <= this (-1 when unknown).
	 */
	int64_t stat_threshold_sum;

	/* Buddy allocator free lists, as the buddy line shows them. */
	uint64_t nr_free[OC_ZONES_MAX_ORDERS];	/* blocks per order */
	uint8_t types[OC_ZONES_MAX_ORDERS];	/* bit mt: list non-empty */
	/*
	 * Blocks per order and migratetype, counted by walking the lists;
	 * -1 where the walk did not finish (see ->walk_complete and the
	 * notes of struct oc_zones).
	 */
	int64_t blocks[OC_ZONES_MAX_ORDERS][OC_ZONES_MAX_MT];
	bool walk_complete;		/* every list walked to its head */
	bool walk_mismatch;		/* Σ blocks[o][] != nr_free[o] */
	int64_t free_buddy_pages;	/* Σ nr_free[o] << o */
};

OC_DEFINE_VECTOR(oc_zone_vec, struct oc_zone)

struct oc_hugepages {
	int64_t total, free, surp;	/* nr/free/surplus_huge_pages_node */
};

struct oc_node {
	int id;
	uint64_t pgdat;
	int64_t stat[OC_NS_NR];		/* node_page_state(): printed */
	int64_t stat_exact[OC_NS_NR];	/* + Σ per-CPU vm_node_stat_diff */
	int64_t stat_threshold_sum;	/* as for struct oc_zone */
	int kswapd_failures;		/* -1 when the kernel has none */
	bool all_unreclaimable;		/* kswapd_failures >= 16 */
	int64_t present_pages, spanned_pages, start_pfn;
	struct oc_hugepages huge[OC_ZONES_MAX_HSTATES];
};

OC_DEFINE_VECTOR(oc_node_vec, struct oc_node)

struct oc_zones_note {
	char text[160];
};

OC_DEFINE_VECTOR(oc_zones_note_vec, struct oc_zones_note)

struct oc_hstate {
	unsigned int order;
	int64_t size_kb;		/* huge_page_size(h) / 1024 */
	char name[32];			/* "hugepages-2048kB" */
};

struct oc_zones {
	/* Layout facts. */
	bool numa;			/* node_data[] rather than contig */
	bool smp;			/* counters have per-CPU deltas */
	bool thp;			/* CONFIG_TRANSPARENT_HUGEPAGE */
	unsigned int page_kb;		/* PAGE_SIZE / 1024 */
	unsigned int nr_orders;		/* LENGTH(zone.free_area) */
	unsigned int nr_mt;		/* LENGTH(free_area.free_list) */
	char mt_letter[OC_ZONES_MAX_MT];	/* 'U', 'M', ... or 0 */
	char mt_name[OC_ZONES_MAX_MT][24];	/* "unmovable", ... */
	int max_nr_zones;
	int zone_highmem, zone_movable;	/* enum zone_type values, -1 */
	int panic_cpu;			/* -1 when not panicking */
	uint32_t nr_cpu_ids;		/* length of oc_zone.pcp_count */
	/*
	 * The CPUs whose per-CPU data is summed: the present ones. A panic
	 * stops the other CPUs and marks them offline (stop_this_cpu()), so
	 * the dump's online mask holds the panicking CPU only, while the
	 * report was printed with all of them online and their pcp lists and
	 * vm_stat_diff still hold pages.
	 */
	uint32_t nr_cpus;
	uint32_t *cpus;
	uint32_t nr_online;		/* online in the dump */

	struct oc_node_vec nodes;	/* online nodes, in id order */
	struct oc_zone_vec zones;	/* populated zones, node-major */

	/* Global counters: printed (atomic, clamped) and exact. */
	int64_t gnode[OC_NS_NR], gnode_exact[OC_NS_NR];
	int64_t gzone[OC_ZS_NR], gzone_exact[OC_ZS_NR];
	int64_t free_pcp;		/* Σ zones' free_pcp (unfiltered) */

	unsigned int nr_hstates;	/* hugetlb_max_hstate; 0 without */
	struct oc_hstate hstates[OC_ZONES_MAX_HSTATES];

	/* The tail of Mem-Info (all in pages, -1 when absent). */
	int64_t pagecache;		/* global NR_FILE_PAGES */
	int64_t swapcache;		/* total_swapcache_pages() */
	int64_t free_swap;		/* get_nr_swap_pages() */
	int64_t total_swap;		/* total_swap_pages */
	int64_t pages_ram;		/* Σ present_pages */
	int64_t pages_highmem;		/* Σ present of highmem zones */
	int64_t pages_reserved;		/* Σ present - managed */
	int64_t cma_reserved;		/* totalcma_pages */
	int64_t hwpoisoned;		/* num_poisoned_pages */
	int64_t totalreserve_pages;
	int64_t totalram_pages;

	/* What went wrong on the way; the rest is still valid. */
	struct oc_zones_note_vec notes;
};

/*
 * Reads nodes, zones, free lists and counters. Fails only when nothing can
 * be read (no pglist_data, unreadable zone layout); damage met later
 * (an unreadable node, a corrupt free list) is left in ->notes.
 * Free with oc_zones_free(), also after an error.
 */
struct oc_error *oc_zones_read(struct oc_kernel *k, struct oc_zones *out);
void oc_zones_free(struct oc_zones *z);

/* The zone of node @node with index @idx, or NULL when not populated. */
const struct oc_zone *oc_zones_find(const struct oc_zones *z, int node,
				    int idx);

/*
 * A Mem-Info-like text section (same figures and order as the kernel's,
 * all nodes and zones), followed by what the kernel does not print: exact
 * counters where they differ, blocks per migratetype, notes.
 */
void oc_zones_print_text(const struct oc_zones *z, FILE *out);

/* Writes one JSON object; the caller writes its key. */
void oc_zones_json(struct oc_json *j, const struct oc_zones *z);

/*
 * zone_watermark_ok() for an allocation of 2^@order pages whose highest
 * usable zone is @highest_zoneidx, mirroring 6.1 __zone_watermark_ok():
 *
 *   usable = free - ((1 << order) - 1) - nr_reserved_highatomic
 *                 - free_cma
 *   needed = mark + lowmem_reserve[highest_zoneidx]
 *   ok     = usable > needed, and for order > 0 some free list of order
 *            >= @order is non-empty for MIGRATE_UNMOVABLE, MOVABLE or
 *            RECLAIMABLE (the MIGRATE_PCPTYPES).
 *
 * mark is min_wmark_pages() when @alloc_flags_min_only is non-zero (the
 * slow path's ALLOC_WMARK_MIN, as get_page_from_freelist() uses it right
 * before the OOM killer), else low_wmark_pages() (the fast path).
 * Simplifications: no ALLOC_HIGH/ALLOC_HARDER/ALLOC_OOM reserve scaling
 * (a plain GFP_KERNEL/GFP_HIGHUSER request), no ALLOC_CMA (CMA pages are
 * unusable, as for non-movable requests), the zone's printed (atomic) free
 * count instead of the snapshot the allocator may take near the
 * percpu_drift_mark, and no zone_watermark_fast() order-0 shortcut.
 * @needed_free and @usable_free (either may be NULL) receive needed and
 * usable. Returns false for an out-of-range @highest_zoneidx.
 */
bool oc_zone_watermark_ok(const struct oc_zone *z, unsigned int order,
			  int highest_zoneidx, int alloc_flags_min_only,
			  int64_t *needed_free, int64_t *usable_free);

#endif /* OOMCORE_ZONES_H */

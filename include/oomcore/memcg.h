/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The memory cgroup hierarchy of a dump, with the numbers the kernel
 * prints: memory.current/max (the memcg OOM block's "memory: usage ...,
 * limit ..., failcnt ..."), swap or memsw and kmem counters, the
 * memory.events counters and the memory.stat statistics.
 *
 * oc_memcg_read() starts at root_mem_cgroup and walks css.children /
 * css.sibling depth-first, parents before children, each child list in
 * the kernel's order (so a group's index is larger than its parent's).
 * Dying (offlined, not yet released) groups stay on their parent's list
 * in the kernel and are reported with ->dying set.
 *
 * Statistics come in two flavours:
 *   ->stat[]       what memory.stat and the OOM report print: the value
 *                  the last rstat flush left in vmstats->state[] (6.0+,
 *                  5.13+ embedded), clamped at 0 and scaled to bytes by
 *                  memcg_page_state_unit();
 *   ->stat_exact[] the current value, derived from the per-CPU deltas
 *                  that no flush has folded in yet (see memcg.c).
 * Values are bytes (the OC_MEMCG_PG* and THP events: counts), -1 when
 * this kernel has no such item or keeps no statistics we can read.
 */
#ifndef OOMCORE_MEMCG_H
#define OOMCORE_MEMCG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "oomcore/error.h"
#include "oomcore/json.h"
#include "oomcore/kernel.h"
#include "oomcore/vector.h"

/* memory.stat keys, in the kernel's (6.1) print order. */
enum oc_memcg_stat {
	OC_MEMCG_ANON,
	OC_MEMCG_FILE,
	OC_MEMCG_KERNEL,
	OC_MEMCG_KERNEL_STACK,
	OC_MEMCG_PAGETABLES,
	OC_MEMCG_SEC_PAGETABLES,
	OC_MEMCG_PERCPU,
	OC_MEMCG_SOCK,
	OC_MEMCG_VMALLOC,
	OC_MEMCG_SHMEM,
	OC_MEMCG_ZSWAP,
	OC_MEMCG_ZSWAPPED,
	OC_MEMCG_FILE_MAPPED,
	OC_MEMCG_FILE_DIRTY,
	OC_MEMCG_FILE_WRITEBACK,
	OC_MEMCG_SWAPCACHED,
	OC_MEMCG_ANON_THP,
	OC_MEMCG_FILE_THP,
	OC_MEMCG_SHMEM_THP,
	OC_MEMCG_INACTIVE_ANON,
	OC_MEMCG_ACTIVE_ANON,
	OC_MEMCG_INACTIVE_FILE,
	OC_MEMCG_ACTIVE_FILE,
	OC_MEMCG_UNEVICTABLE,
	OC_MEMCG_SLAB_RECLAIMABLE,
	OC_MEMCG_SLAB_UNRECLAIMABLE,
	OC_MEMCG_SLAB, /* synthesized: reclaimable + unreclaimable */
	OC_MEMCG_WORKINGSET_REFAULT_ANON,
	OC_MEMCG_WORKINGSET_REFAULT_FILE,
	OC_MEMCG_WORKINGSET_ACTIVATE_ANON,
	OC_MEMCG_WORKINGSET_ACTIVATE_FILE,
	OC_MEMCG_WORKINGSET_RESTORE_ANON,
	OC_MEMCG_WORKINGSET_RESTORE_FILE,
	OC_MEMCG_WORKINGSET_NODERECLAIM,
	/* Event counts (vmstats->events[], 5.13+), printed as counts. */
	OC_MEMCG_PGSCAN,  /* synthesized: kswapd + direct */
	OC_MEMCG_PGSTEAL, /* synthesized: kswapd + direct */
	OC_MEMCG_PGSCAN_KSWAPD,
	OC_MEMCG_PGSCAN_DIRECT,
	OC_MEMCG_PGSTEAL_KSWAPD,
	OC_MEMCG_PGSTEAL_DIRECT,
	OC_MEMCG_PGFAULT,
	OC_MEMCG_PGMAJFAULT,
	OC_MEMCG_PGREFILL,
	OC_MEMCG_PGACTIVATE,
	OC_MEMCG_PGDEACTIVATE,
	OC_MEMCG_PGLAZYFREE,
	OC_MEMCG_PGLAZYFREED,
	OC_MEMCG_ZSWPIN,
	OC_MEMCG_ZSWPOUT,
	OC_MEMCG_THP_FAULT_ALLOC,
	OC_MEMCG_THP_COLLAPSE_ALLOC,
	OC_MEMCG_NR_STATS,
};

/* memory.events keys (enum memcg_memory_event, by enumerator name). */
enum oc_memcg_event {
	OC_MEMCG_EV_LOW,
	OC_MEMCG_EV_HIGH,
	OC_MEMCG_EV_MAX,
	OC_MEMCG_EV_OOM,
	OC_MEMCG_EV_OOM_KILL,
	OC_MEMCG_EV_OOM_GROUP_KILL,
	OC_MEMCG_EV_SWAP_HIGH,
	OC_MEMCG_EV_SWAP_MAX,
	OC_MEMCG_EV_SWAP_FAIL,
	OC_MEMCG_NR_EVENTS,
};

/* memory.stat key of @i ("anon", ...); event key ("oom_kill", ...). */
const char *oc_memcg_stat_name(enum oc_memcg_stat i);
const char *oc_memcg_event_name(enum oc_memcg_event i);

/* A page counter, in pages; -1 for a field this kernel lacks. */
struct oc_memcg_counter {
	int64_t usage; /* page_counter_read(): usage (count <4.16) */
	int64_t max;   /* max (limit <4.16); see oc_memcg_unlimited */
	int64_t high, low, min;
	int64_t watermark; /* peak usage */
	int64_t failcnt;
};

struct oc_memcg {
	uint64_t addr;	/* struct mem_cgroup (== its css) */
	int32_t id;	/* mem_cgroup.id.id, -1 if none */
	int32_t css_id; /* css.id */
	char *path;	/* "/" for the root, "/app/leaf" */
	int parent;	/* index in oc_memcgs.groups, -1 for root */
	int depth;	/* root 0 */
	uint32_t css_flags;
	bool online; /* CSS_ONLINE */
	bool dying;  /* CSS_DYING, or not online */

	struct oc_memcg_counter memory;
	struct oc_memcg_counter swap; /* v2 swap; memsw on v1 */
	struct oc_memcg_counter kmem; /* v1 only; usage -1 otherwise */
	int64_t memsw_max;   /* ≤5.9: memsw.max beside swap, else -1 */
	int64_t stock_pages; /* per-CPU pre-charged stock cached here */

	int64_t events[OC_MEMCG_NR_EVENTS];	  /* hierarchical; -1 n/a */
	int64_t events_local[OC_MEMCG_NR_EVENTS]; /* this group only */
	int oom_group;				  /* memory.oom.group, -1 n/a */
	int32_t nr_procs; /* see oc_memcg_count_tasks(); -1 unknown */
	int swappiness;	  /* mem_cgroup.swappiness, -1 n/a */

	int64_t stat[OC_MEMCG_NR_STATS];       /* last flushed, bytes */
	int64_t stat_exact[OC_MEMCG_NR_STATS]; /* derived, bytes */
};

OC_DEFINE_VECTOR(oc_memcg_vec, struct oc_memcg)

struct oc_memcgs {
	struct oc_memcg_vec groups; /* groups.data[0] is the root */
	bool v2;    /* memory_cgrp_subsys.root == &cgrp_dfl_root */
	bool memsw; /* v1 with swap accounting (do_memsw_account) */
	bool swap_memsw_separate; /* ≤5.9: swap and memsw both exist */
	bool stats;		  /* ->stat[] could be read */
	bool stats_exact;	  /* ->stat_exact[] could be derived */
	uint32_t page_size;
	uint32_t nr_cpus;	  /* CPUs whose per-CPU data was summed */
	int vm_swappiness;	  /* global, -1 if unknown */
	int64_t total_swap_pages; /* from oc_kernel, for oom_totalpages */
	int64_t unlimited;	  /* PAGE_COUNTER_MAX: a max >= this is "max" */
	/*
	 * Set when the walk stopped early somewhere (a cycle, a wild
	 * pointer, an unreadable group): what was read stays in ->groups.
	 */
	struct oc_error *partial;
};

/*
 * Reads the hierarchy. Fails when it cannot start (no root_mem_cgroup,
 * memcg disabled, layout unknown); later damage sets ->partial.
 * Free with oc_memcgs_free() in either case.
 */
struct oc_error *oc_memcg_read(struct oc_kernel *k, struct oc_memcgs *out);
void oc_memcgs_free(struct oc_memcgs *m);

/* Index of the group at @memcg_addr (a mem_cgroup or its css), or -1. */
int oc_memcg_find(const struct oc_memcgs *m, uint64_t memcg_addr);

/*
 * Fills ->nr_procs: the live processes (no exit_state) whose memcg is the
 * group, as its cgroup.procs lists them (kernel threads in the root).
 */
struct oc_tasks;
void oc_memcg_count_tasks(struct oc_memcgs *m, const struct oc_tasks *tasks);

/* True when @pages is the "max" (no limit) value. */
bool oc_memcg_is_unlimited(const struct oc_memcgs *m, int64_t pages);

/*
 * mem_cgroup_get_max(): the totalpages of an OOM in group @idx. memory.max
 * plus, when the group's effective swappiness is not 0, the swap it may
 * use: min(swap.max, total swap) on v2, min(memsw.max - memory.max, total
 * swap) on v1 (5.10+; ≤5.9 kernels: min(max + min(swap.max, total swap),
 * memsw.max)). @total_swap_pages < 0 counts as 0. The caller uses 1 when
 * this returns 0, as constrained_alloc() does.
 */
uint64_t oc_memcg_get_max(const struct oc_memcgs *m, int idx,
			  int64_t total_swap_pages);

/*
 * The group on the path from @idx up to (not including) the root whose
 * memory usage is closest to its limit (largest usage/max), or -1 when
 * no group on the path has a limit.
 */
int oc_memcg_limiting_ancestor(const struct oc_memcgs *m, int idx);

/* A tree with usage/limit per group. */
void oc_memcg_print_text(const struct oc_memcgs *m, FILE *out);

/*
 * One JSON value: {"hierarchy": "v2", ..., "groups": [{..., "parent": N}]}.
 * The caller writes the key, if any.
 */
void oc_memcg_json(struct oc_json *j, const struct oc_memcgs *m);

#endif /* OOMCORE_MEMCG_H */

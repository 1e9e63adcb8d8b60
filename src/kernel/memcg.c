// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Memory cgroup walker: see oomcore/memcg.h. Mirrors mm/memcontrol.c
 * (mem_cgroup_print_oom_meminfo, memory_stat_format, memcg_page_state,
 * mem_cgroup_css_rstat_flush, mem_cgroup_get_max) and the kernfs path
 * walk of kernfs_path_from_node(); layouts are chosen by the types in
 * DWARF, never by the version string.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomcore/memcg.h"
#include "oomcore/tasks.h"

#define CSS_ONLINE (1u << 1) /* include/linux/cgroup-defs.h, 3.x+ */
#define CSS_DYING (1u << 4)  /* 4.x+ */
#define MAX_GROUPS (1u << 20)
#define MAX_DEPTH 1024	  /* cgroup nesting we follow */
#define MAX_KN_DEPTH 4096 /* kernfs parents before we call it a loop */
#define MAX_PATH_LEN 4096
#define MAX_NAME_LEN 256

/* How one memory.stat key maps to the kernel's stat items. */
struct stat_def {
	const char *name;
	const char *items[2]; /* enumerator names, newest first */
};

static const struct stat_def stat_defs[OC_MEMCG_NR_STATS] = {
	[OC_MEMCG_ANON] = { "anon", { "NR_ANON_MAPPED" } },
	[OC_MEMCG_FILE] = { "file", { "NR_FILE_PAGES" } },
	[OC_MEMCG_KERNEL] = { "kernel", { "MEMCG_KMEM" } },
	[OC_MEMCG_KERNEL_STACK] = { "kernel_stack", { "NR_KERNEL_STACK_KB" } },
	[OC_MEMCG_PAGETABLES] = { "pagetables", { "NR_PAGETABLE" } },
	[OC_MEMCG_SEC_PAGETABLES] = { "sec_pagetables",
				      { "NR_SECONDARY_PAGETABLE" } },
	[OC_MEMCG_PERCPU] = { "percpu", { "MEMCG_PERCPU_B" } },
	[OC_MEMCG_SOCK] = { "sock", { "MEMCG_SOCK" } },
	[OC_MEMCG_VMALLOC] = { "vmalloc", { "MEMCG_VMALLOC" } },
	[OC_MEMCG_SHMEM] = { "shmem", { "NR_SHMEM" } },
	[OC_MEMCG_ZSWAP] = { "zswap", { "MEMCG_ZSWAP_B" } },
	[OC_MEMCG_ZSWAPPED] = { "zswapped", { "MEMCG_ZSWAPPED" } },
	[OC_MEMCG_FILE_MAPPED] = { "file_mapped", { "NR_FILE_MAPPED" } },
	[OC_MEMCG_FILE_DIRTY] = { "file_dirty", { "NR_FILE_DIRTY" } },
	[OC_MEMCG_FILE_WRITEBACK] = { "file_writeback", { "NR_WRITEBACK" } },
	[OC_MEMCG_SWAPCACHED] = { "swapcached", { "NR_SWAPCACHE" } },
	[OC_MEMCG_ANON_THP] = { "anon_thp", { "NR_ANON_THPS" } },
	[OC_MEMCG_FILE_THP] = { "file_thp", { "NR_FILE_THPS" } },
	[OC_MEMCG_SHMEM_THP] = { "shmem_thp", { "NR_SHMEM_THPS" } },
	[OC_MEMCG_INACTIVE_ANON] = { "inactive_anon", { "NR_INACTIVE_ANON" } },
	[OC_MEMCG_ACTIVE_ANON] = { "active_anon", { "NR_ACTIVE_ANON" } },
	[OC_MEMCG_INACTIVE_FILE] = { "inactive_file", { "NR_INACTIVE_FILE" } },
	[OC_MEMCG_ACTIVE_FILE] = { "active_file", { "NR_ACTIVE_FILE" } },
	[OC_MEMCG_UNEVICTABLE] = { "unevictable", { "NR_UNEVICTABLE" } },
	[OC_MEMCG_SLAB_RECLAIMABLE] = { "slab_reclaimable",
					{ "NR_SLAB_RECLAIMABLE_B",
					  "NR_SLAB_RECLAIMABLE" } },
	[OC_MEMCG_SLAB_UNRECLAIMABLE] = { "slab_unreclaimable",
					  { "NR_SLAB_UNRECLAIMABLE_B",
					    "NR_SLAB_UNRECLAIMABLE" } },
	[OC_MEMCG_SLAB] = { "slab", { NULL } },
	[OC_MEMCG_WORKINGSET_REFAULT_ANON] = { "workingset_refault_anon",
					       { "WORKINGSET_REFAULT_ANON" } },
	[OC_MEMCG_WORKINGSET_REFAULT_FILE] = { "workingset_refault_file",
					       { "WORKINGSET_REFAULT_FILE" } },
	[OC_MEMCG_WORKINGSET_ACTIVATE_ANON] = { "workingset_activate_anon",
						{ "WORKINGSET_ACTIVATE_ANON" } },
	[OC_MEMCG_WORKINGSET_ACTIVATE_FILE] = { "workingset_activate_file",
						{ "WORKINGSET_ACTIVATE_FILE" } },
	[OC_MEMCG_WORKINGSET_RESTORE_ANON] = { "workingset_restore_anon",
					       { "WORKINGSET_RESTORE_ANON" } },
	[OC_MEMCG_WORKINGSET_RESTORE_FILE] = { "workingset_restore_file",
					       { "WORKINGSET_RESTORE_FILE" } },
	[OC_MEMCG_WORKINGSET_NODERECLAIM] = { "workingset_nodereclaim",
					      { "WORKINGSET_NODERECLAIM" } },
	[OC_MEMCG_PGSCAN] = { "pgscan", { NULL } },
	[OC_MEMCG_PGSTEAL] = { "pgsteal", { NULL } },
	[OC_MEMCG_PGSCAN_KSWAPD] = { "pgscan_kswapd", { "PGSCAN_KSWAPD" } },
	[OC_MEMCG_PGSCAN_DIRECT] = { "pgscan_direct", { "PGSCAN_DIRECT" } },
	[OC_MEMCG_PGSTEAL_KSWAPD] = { "pgsteal_kswapd", { "PGSTEAL_KSWAPD" } },
	[OC_MEMCG_PGSTEAL_DIRECT] = { "pgsteal_direct", { "PGSTEAL_DIRECT" } },
	[OC_MEMCG_PGFAULT] = { "pgfault", { "PGFAULT" } },
	[OC_MEMCG_PGMAJFAULT] = { "pgmajfault", { "PGMAJFAULT" } },
	[OC_MEMCG_PGREFILL] = { "pgrefill", { "PGREFILL" } },
	[OC_MEMCG_PGACTIVATE] = { "pgactivate", { "PGACTIVATE" } },
	[OC_MEMCG_PGDEACTIVATE] = { "pgdeactivate", { "PGDEACTIVATE" } },
	[OC_MEMCG_PGLAZYFREE] = { "pglazyfree", { "PGLAZYFREE" } },
	[OC_MEMCG_PGLAZYFREED] = { "pglazyfreed", { "PGLAZYFREED" } },
	[OC_MEMCG_ZSWPIN] = { "zswpin", { "ZSWPIN" } },
	[OC_MEMCG_ZSWPOUT] = { "zswpout", { "ZSWPOUT" } },
	[OC_MEMCG_THP_FAULT_ALLOC] = { "thp_fault_alloc",
				       { "THP_FAULT_ALLOC" } },
	[OC_MEMCG_THP_COLLAPSE_ALLOC] = { "thp_collapse_alloc",
					  { "THP_COLLAPSE_ALLOC" } },
};

/* From here on stat_defs[] name vm_event_items (vmstats->events[]). */
#define FIRST_EVENT OC_MEMCG_PGSCAN

static const char *const event_defs[OC_MEMCG_NR_EVENTS][2] = {
	[OC_MEMCG_EV_LOW] = { "low", "MEMCG_LOW" },
	[OC_MEMCG_EV_HIGH] = { "high", "MEMCG_HIGH" },
	[OC_MEMCG_EV_MAX] = { "max", "MEMCG_MAX" },
	[OC_MEMCG_EV_OOM] = { "oom", "MEMCG_OOM" },
	[OC_MEMCG_EV_OOM_KILL] = { "oom_kill", "MEMCG_OOM_KILL" },
	[OC_MEMCG_EV_OOM_GROUP_KILL] = { "oom_group_kill",
					 "MEMCG_OOM_GROUP_KILL" },
	[OC_MEMCG_EV_SWAP_HIGH] = { "swap_high", "MEMCG_SWAP_HIGH" },
	[OC_MEMCG_EV_SWAP_MAX] = { "swap_max", "MEMCG_SWAP_MAX" },
	[OC_MEMCG_EV_SWAP_FAIL] = { "swap_fail", "MEMCG_SWAP_FAIL" },
};

const char *oc_memcg_stat_name(enum oc_memcg_stat i)
{
	return (unsigned int)i < OC_MEMCG_NR_STATS ? stat_defs[i].name : "?";
}

const char *oc_memcg_event_name(enum oc_memcg_event i)
{
	return (unsigned int)i < OC_MEMCG_NR_EVENTS ? event_defs[i][0] : "?";
}

/* Where the statistics live (include/linux/memcontrol.h per era). */
enum stats_mode {
	STATS_NONE,
	STATS_RSTAT_PTR,   /* 6.0+: struct memcg_vmstats *vmstats */
	STATS_RSTAT_EMBED, /* 5.13-5.19: struct memcg_vmstats vmstats */
	STATS_ATOMIC,	   /* 5.2-5.12: atomic_long_t vmstats[] */
};

struct pc_layout {
	struct oc_field usage, max, high, low, min, watermark, failcnt;
};

struct memcg_layout {
	uint64_t memcg_size, css_off;
	/* struct cgroup_subsys_state, relative to the css */
	struct oc_field css_cgroup, css_sibling, css_children, css_parent,
		css_id, css_flags;
	struct oc_field kn, kn_parent, kn_name; /* cgroup.kn, kernfs_node */
	struct oc_field id, memory, swap, memsw, kmem, oom_group, swappiness,
		high, low;
	struct oc_field events, events_local;
	uint64_t events_elem;
	struct pc_layout pc;
	bool swap_memsw_union; /* 5.10+ */

	enum stats_mode stats;
	struct oc_field vmstats, vmstats_percpu;
	uint64_t vs_size, vs_state, vs_pending; /* struct memcg_vmstats */
	bool vs_has_pending;
	uint64_t vp_size, vp_state, vp_prev; /* ..._percpu */
	bool vp_has_prev;
	uint64_t nr_state, state_elem;
	/*
	 * Events: vmstats->events[] after the state items in one raw index
	 * space (nr_state + i), with their pending and per-CPU twins.
	 */
	uint64_t nr_events, vs_events, vs_events_pending, vp_events,
		vp_events_prev;
	bool vs_has_events_pending, vp_has_events_prev;
	int64_t item[OC_MEMCG_NR_STATS][2]; /* index, unit; -1 */
	int64_t ev_idx[OC_MEMCG_NR_EVENTS]; /* -1 when absent */
};

/* Tests an optional lookup's result, freeing the error. */
static bool failed(struct oc_error *err)
{
	oc_error_free(err);
	return err != NULL;
}

static bool succeeded(struct oc_error *err)
{
	return !failed(err);
}

static struct oc_error *need(const struct oc_field *f, const char *what)
{
	if (f->ok)
		return NULL;
	return oc_error_create(OC_ERR_UNSUPPORTED,
			       "memcg walk: this kernel has no %s", what);
}

/* Stride of an array member: its element size, else a long. */
static uint64_t elem_of(struct oc_target *t, const char *type, const char *path,
			uint64_t *nr)
{
	struct oc_member_info info;
	struct oc_error *err = oc_target_member(t, type, path, &info);
	uint64_t elem;

	if (err) {
		oc_error_free(err);
		*nr = 0;
		return t->ptr_size;
	}
	elem = info.array_len && info.elem_size ? info.elem_size : t->ptr_size;
	*nr = info.array_len ? info.array_len : info.size / elem;
	return elem;
}

/*
 * memcg_page_state_unit() (6.1): byte counters (*_B) and the workingset
 * events are printed as they are, NR_KERNEL_STACK_KB in KiB, the rest in
 * pages. The rule follows the enumerator's name, so it holds for every
 * kernel that names its items this way.
 */
static int64_t item_unit(const char *item, uint32_t page_size)
{
	size_t n = strlen(item);

	if (n > 2 && !strcmp(item + n - 2, "_B"))
		return 1;
	if (!strncmp(item, "WORKINGSET_", 11))
		return 1;
	if (!strcmp(item, "NR_KERNEL_STACK_KB"))
		return 1024;
	return page_size;
}

static void resolve_stats(struct oc_kernel *k, struct memcg_layout *l)
{
	struct oc_target *t = k->t;
	const char *mc = "struct mem_cgroup";
	struct oc_member_info info;
	struct oc_error *err;

	l->stats = STATS_NONE;
	err = oc_target_member(t, mc, "vmstats", &info);
	if (err) {
		oc_error_free(err);
		return;
	}
	l->vmstats = (struct oc_field){ .off = info.offset,
					.size = info.size,
					.elem = info.size,
					.ok = true };
	oc_target_field(t, mc, "vmstats_percpu", &l->vmstats_percpu);
	if (oc_target_has_member(t, "struct memcg_vmstats", "state")) {
		/*
		 * A pointer (6.0+) or the struct itself (5.13+): the DWARF
		 * type name says which; without one, the size does.
		 */
		bool ptr = strchr(info.type_name, '*') ||
			   (!info.type_name[0] && info.size == t->ptr_size);

		l->stats = ptr ? STATS_RSTAT_PTR : STATS_RSTAT_EMBED;
		if (failed(oc_target_type_size(t, "struct memcg_vmstats",
					       &l->vs_size)) ||
		    failed(oc_target_offsetof(t, "struct memcg_vmstats",
					      "state", &l->vs_state))) {
			l->stats = STATS_NONE;
			return;
		}
		l->state_elem = elem_of(t, "struct memcg_vmstats", "state",
					&l->nr_state);
		l->vs_has_pending = succeeded(
			oc_target_offsetof(t, "struct memcg_vmstats",
					   "state_pending", &l->vs_pending));
		if (failed(oc_target_type_size(t, "struct memcg_vmstats_percpu",
					       &l->vp_size)) ||
		    failed(oc_target_offsetof(t, "struct memcg_vmstats_percpu",
					      "state", &l->vp_state)))
			l->vp_size = 0;
		if (succeeded(oc_target_offsetof(t, "struct memcg_vmstats",
						 "events", &l->vs_events)) &&
		    succeeded(oc_target_offsetof(t,
						 "struct memcg_vmstats_percpu",
						 "events", &l->vp_events))) {
			uint64_t ee = elem_of(t, "struct memcg_vmstats",
					      "events", &l->nr_events);

			if (ee != l->state_elem)
				l->nr_events = 0;
			l->vs_has_events_pending = succeeded(oc_target_offsetof(
				t, "struct memcg_vmstats", "events_pending",
				&l->vs_events_pending));
			l->vp_has_events_prev = succeeded(oc_target_offsetof(
				t, "struct memcg_vmstats_percpu", "events_prev",
				&l->vp_events_prev));
		}
		l->vp_has_prev = succeeded(
			oc_target_offsetof(t, "struct memcg_vmstats_percpu",
					   "state_prev", &l->vp_prev));
	} else {
		/* atomic_long_t vmstats[MEMCG_NR_STAT]: hierarchical. */
		l->stats = STATS_ATOMIC;
		l->vs_state = 0;
		l->state_elem = elem_of(t, mc, "vmstats", &l->nr_state);
		if (failed(oc_target_type_size(t, "struct memcg_vmstats_percpu",
					       &l->vp_size)) ||
		    failed(oc_target_offsetof(t, "struct memcg_vmstats_percpu",
					      "stat", &l->vp_state)))
			l->vp_size = 0;
	}
}

/*
 * Where vm_event_item @ev lives in vmstats->events[]: 6.1 compacts the
 * array to the events memcg counts, through mem_cgroup_events_index[]
 * (index + 1, 0 for events not counted); an int array in 6.1, u8 later:
 * the width is the one under which PGPGIN and PGPGOUT, the first two
 * counted events, read as 1 and 2. Without the map (5.13-5.19) events[]
 * is indexed by the vm_event_item itself. -1 when not counted.
 */
static int64_t event_slot(struct oc_kernel *k, const struct memcg_layout *l,
			  int64_t ev)
{
	static const size_t widths[] = { 4, 1 };
	struct oc_target *t = k->t;
	uint64_t map;
	int64_t in, out;
	uint64_t a, b, v;

	if (failed(oc_target_symbol(t, "mem_cgroup_events_index", &map)))
		return ev < (int64_t)l->nr_events ? ev : -1;
	if (failed(oc_target_enumerator(t, "PGPGIN", &in)) ||
	    failed(oc_target_enumerator(t, "PGPGOUT", &out)))
		return -1;
	for (size_t w = 0; w < 2; w++) {
		size_t sz = widths[w];

		if (failed(oc_target_read_int(t, map + in * sz, sz, &a)) ||
		    failed(oc_target_read_int(t, map + out * sz, sz, &b)) ||
		    a != 1 || b != 2)
			continue;
		if (failed(oc_target_read_int(t, map + ev * sz, sz, &v)) ||
		    v == 0 || v > l->nr_events)
			return -1;
		return (int64_t)v - 1;
	}
	return -1;
}

static void resolve_event(struct oc_kernel *k, struct memcg_layout *l, int i)
{
	int64_t v, slot;

	if (!stat_defs[i].items[0] || !l->nr_events ||
	    failed(oc_target_enumerator(k->t, stat_defs[i].items[0], &v)) ||
	    v < 0)
		return;
	slot = event_slot(k, l, v);
	if (slot < 0)
		return;
	l->item[i][0] = l->nr_state + slot;
	l->item[i][1] = 1;
}

static void resolve_items(struct oc_kernel *k, struct memcg_layout *l)
{
	struct oc_target *t = k->t;
	int64_t v;

	for (int i = 0; i < OC_MEMCG_NR_STATS; i++) {
		l->item[i][0] = l->item[i][1] = -1;
		if (i >= FIRST_EVENT) {
			resolve_event(k, l, i);
			continue;
		}
		for (int a = 0; a < 2 && stat_defs[i].items[a]; a++) {
			struct oc_error *err = oc_target_enumerator(
				t, stat_defs[i].items[a], &v);

			if (err) {
				oc_error_free(err);
				continue;
			}
			if (v >= 0 && (uint64_t)v < l->nr_state) {
				l->item[i][0] = v;
				l->item[i][1] = item_unit(stat_defs[i].items[a],
							  k->page_size);
			}
			break;
		}
	}
	for (int i = 0; i < OC_MEMCG_NR_EVENTS; i++) {
		struct oc_error *err =
			oc_target_enumerator(t, event_defs[i][1], &v);
		uint64_t nr = l->events.ok && l->events_elem ?
				      l->events.size / l->events_elem :
				      0;

		l->ev_idx[i] = !err && v >= 0 && (uint64_t)v < nr ? v : -1;
		oc_error_free(err);
	}
}

static void resolve_pc(struct oc_target *t, struct pc_layout *pc)
{
	const char *p = "struct page_counter";

	/* 4.16+ names first, then 3.19-4.15 ones. */
	oc_target_field(t, p, "usage", &pc->usage);
	if (!pc->usage.ok)
		oc_target_field(t, p, "count", &pc->usage);
	oc_target_field(t, p, "max", &pc->max);
	if (!pc->max.ok)
		oc_target_field(t, p, "limit", &pc->max);
	oc_target_field(t, p, "high", &pc->high);
	oc_target_field(t, p, "low", &pc->low);
	oc_target_field(t, p, "min", &pc->min);
	oc_target_field(t, p, "watermark", &pc->watermark);
	oc_target_field(t, p, "failcnt", &pc->failcnt);
}

static struct oc_error *resolve(struct oc_kernel *k, struct memcg_layout *l)
{
	struct oc_target *t = k->t;
	const char *mc = "struct mem_cgroup";
	const char *css = "struct cgroup_subsys_state";
	struct oc_error *err;
	uint64_t nr;

	memset(l, 0, sizeof(*l));
	if ((err = oc_target_type_size(t, mc, &l->memcg_size)) ||
	    (err = oc_target_offsetof(t, mc, "css", &l->css_off)))
		return err;
	oc_target_field(t, css, "cgroup", &l->css_cgroup);
	oc_target_field(t, css, "sibling", &l->css_sibling);
	oc_target_field(t, css, "children", &l->css_children);
	oc_target_field(t, css, "parent", &l->css_parent);
	oc_target_field(t, css, "id", &l->css_id);
	oc_target_field(t, css, "flags", &l->css_flags);
	oc_target_field(t, "struct cgroup", "kn", &l->kn);
	oc_target_field(t, "struct kernfs_node", "parent", &l->kn_parent);
	if (!l->kn_parent.ok) /* 6.15+: __rcu parent */
		oc_target_field(t, "struct kernfs_node", "__parent",
				&l->kn_parent);
	oc_target_field(t, "struct kernfs_node", "name", &l->kn_name);
	oc_target_field(t, mc, "id.id", &l->id);
	oc_target_field(t, mc, "memory", &l->memory);
	oc_target_field(t, mc, "swap", &l->swap);
	oc_target_field(t, mc, "memsw", &l->memsw);
	oc_target_field(t, mc, "kmem", &l->kmem);
	oc_target_field(t, mc, "oom_group", &l->oom_group);
	oc_target_field(t, mc, "swappiness", &l->swappiness);
	oc_target_field(t, mc, "high", &l->high);
	oc_target_field(t, mc, "low", &l->low);
	oc_target_field(t, mc, "memory_events", &l->events);
	oc_target_field(t, mc, "memory_events_local", &l->events_local);
	l->events_elem = elem_of(t, mc, "memory_events", &nr);
	if ((err = need(&l->css_sibling, "cgroup_subsys_state.sibling")) ||
	    (err = need(&l->css_children, "cgroup_subsys_state.children")) ||
	    (err = need(&l->css_parent, "cgroup_subsys_state.parent")) ||
	    (err = need(&l->css_cgroup, "cgroup_subsys_state.cgroup")) ||
	    (err = need(&l->memory, "mem_cgroup.memory")))
		return err;
	resolve_pc(t, &l->pc);
	if ((err = need(&l->pc.usage, "page_counter.usage")) ||
	    (err = need(&l->pc.max, "page_counter.max")))
		return err;
	l->swap_memsw_union =
		l->swap.ok && l->memsw.ok && l->swap.off == l->memsw.off;
	resolve_stats(k, l);
	resolve_items(k, l);
	return NULL;
}

/* A set of addresses, open addressing; for cycle detection. */
struct addr_set {
	uint64_t *slot;
	size_t cap, len;
};

static size_t addr_hash(uint64_t a, size_t cap)
{
	a ^= a >> 33;
	a *= 0xff51afd7ed558ccdULL;
	a ^= a >> 33;
	return a & (cap - 1);
}

/* Adds @a; returns 1 if new, 0 if present, -1 when out of memory. */
static int addr_set_add(struct addr_set *s, uint64_t a)
{
	size_t i;

	if (!a)
		return 0;
	if (2 * (s->len + 1) > s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		uint64_t *slot = calloc(cap, sizeof(*slot));

		if (!slot)
			return -1;
		for (size_t j = 0; j < s->cap; j++) {
			if (!s->slot[j])
				continue;
			for (i = addr_hash(s->slot[j], cap); slot[i];
			     i = (i + 1) & (cap - 1))
				;
			slot[i] = s->slot[j];
		}
		free(s->slot);
		s->slot = slot;
		s->cap = cap;
	}
	for (i = addr_hash(a, s->cap); s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == a)
			return 0;
	s->slot[i] = a;
	s->len++;
	return 1;
}

static uint64_t u(const struct oc_target *t, const char *buf,
		  const struct oc_field *f)
{
	return oc_field_uint(t, buf, f);
}

static int64_t s(const struct oc_target *t, const char *buf,
		 const struct oc_field *f)
{
	return f->ok ? oc_field_sint(t, buf, f) : -1;
}

/*
 * The path pr_cont_cgroup_path() prints: the kernfs names from the
 * cgroup's node up to (not including) the hierarchy's root node, whose
 * name is "". The root itself prints as "/".
 */
static struct oc_error *kernfs_path(struct oc_target *t,
				    const struct memcg_layout *l, uint64_t kn,
				    char **ret)
{
	char *path, name[MAX_NAME_LEN];
	size_t len = 0;
	struct oc_error *err;
	unsigned int depth;

	*ret = NULL;
	if (!l->kn_parent.ok || !l->kn_name.ok)
		return oc_error_create(OC_ERR_UNSUPPORTED,
				       "cgroup path: no kernfs_node layout");
	path = malloc(MAX_PATH_LEN);
	if (!path)
		return &oc_enomem;
	path[0] = '\0';
	/* Built backwards from the end of @path. */
	len = MAX_PATH_LEN - 1;
	path[len] = '\0';
	for (depth = 0; kn && depth < MAX_KN_DEPTH; depth++) {
		uint64_t parent, name_ptr;
		size_t n;

		err = oc_target_read_ptr(t, kn + l->kn_parent.off, &parent);
		if (!err)
			err = oc_target_read_ptr(t, kn + l->kn_name.off,
						 &name_ptr);
		if (err) {
			free(path);
			return oc_error_wrap(err, "kernfs_node 0x%" PRIx64, kn);
		}
		if (!parent)
			break; /* the root: its name is not printed */
		if (!name_ptr) {
			snprintf(name, sizeof(name), "?");
		} else {
			err = oc_target_read_cstr(t, name_ptr, name,
						  sizeof(name));
			if (err) {
				free(path);
				return oc_error_wrap(
					err, "name of kernfs_node 0x%" PRIx64,
					kn);
			}
		}
		n = strlen(name);
		if (n + 1 > len) {
			free(path);
			return oc_error_create(OC_ERR_CORRUPT,
					       "cgroup path longer than %d",
					       MAX_PATH_LEN);
		}
		len -= n;
		memcpy(path + len, name, n);
		path[--len] = '/';
		kn = parent;
	}
	if (depth >= MAX_KN_DEPTH) {
		free(path);
		return oc_error_create(OC_ERR_CORRUPT,
				       "kernfs parents do not end (a loop?)");
	}
	if (len == MAX_PATH_LEN - 1)
		path[--len] = '/';
	memmove(path, path + len, MAX_PATH_LEN - len);
	*ret = path;
	return NULL;
}

static void read_counter(const struct oc_target *t,
			 const struct memcg_layout *l, const char *buf,
			 const struct oc_field *f, struct oc_memcg_counter *c)
{
	const struct pc_layout *p = &l->pc;
	const char *b;

	c->usage = c->max = c->high = c->low = c->min = -1;
	c->watermark = c->failcnt = -1;
	if (!f->ok)
		return;
	b = buf + f->off;
	c->usage = s(t, b, &p->usage);
	/* page_counter_read() of a racing uncharge can be negative. */
	if (c->usage < 0 && p->usage.ok)
		c->usage = 0;
	c->max = s(t, b, &p->max);
	c->high = s(t, b, &p->high);
	c->low = s(t, b, &p->low);
	c->min = s(t, b, &p->min);
	c->watermark = s(t, b, &p->watermark);
	c->failcnt = s(t, b, &p->failcnt);
}

/* Raw statistic items of one group, before the hierarchy sums. */
struct raw_stats {
	int64_t *state;	  /* vmstats->state[] */
	int64_t *pending; /* vmstats->state_pending[] (rstat) */
	int64_t *cpu;	  /* Σcpu (percpu.state - state_prev) */
	bool ok, cpu_ok;
};

static struct oc_error *read_raw_stats(struct oc_kernel *k,
				       const struct memcg_layout *l,
				       const char *buf, uint64_t addr,
				       char *vsbuf, char *vpbuf,
				       struct raw_stats *r)
{
	struct oc_target *t = k->t;
	struct oc_error *err;
	uint64_t vs, pcpu, n = l->nr_state, e = l->state_elem;

	switch (l->stats) {
	case STATS_NONE:
		return NULL;
	case STATS_RSTAT_PTR:
		vs = u(t, buf, &l->vmstats);
		if (!vs)
			return oc_error_create(OC_ERR_CORRUPT,
					       "mem_cgroup 0x%" PRIx64
					       " has no vmstats",
					       addr);
		err = oc_target_read(t, vs, vsbuf, l->vs_size);
		if (err)
			return oc_error_wrap(err,
					     "vmstats of mem_cgroup "
					     "0x%" PRIx64,
					     addr);
		break;
	case STATS_RSTAT_EMBED:
		memcpy(vsbuf, buf + l->vmstats.off, l->vs_size);
		break;
	case STATS_ATOMIC:
		memcpy(vsbuf, buf + l->vmstats.off, l->vmstats.size);
		break;
	}
	for (uint64_t i = 0; i < n; i++) {
		r->state[i] = oc_target_decode_sint(
			t, vsbuf + l->vs_state + i * e, e);
		r->pending[i] = 0;
		if (l->stats != STATS_ATOMIC && l->vs_has_pending)
			r->pending[i] = oc_target_decode_sint(
				t, vsbuf + l->vs_pending + i * e, e);
		r->cpu[i] = 0;
	}
	for (uint64_t i = 0; i < l->nr_events; i++) {
		r->state[n + i] = oc_target_decode_sint(
			t, vsbuf + l->vs_events + i * e, e);
		r->pending[n + i] = 0;
		if (l->vs_has_events_pending)
			r->pending[n + i] = oc_target_decode_sint(
				t, vsbuf + l->vs_events_pending + i * e, e);
		r->cpu[n + i] = 0;
	}
	r->ok = true;
	pcpu = u(t, buf, &l->vmstats_percpu);
	if (!l->vp_size || !pcpu)
		return NULL;
	/*
	 * Every possible CPU: the rstat flush walks possible CPUs, and an
	 * offline CPU's deltas are still unflushed.
	 */
	for (uint32_t c = 0; c < k->nr_cpu_ids; c++) {
		err = oc_target_read(t, oc_kernel_per_cpu(k, pcpu, c), vpbuf,
				     l->vp_size);
		if (err) {
			oc_error_free(err);
			continue;
		}
		for (uint64_t i = 0; i < n; i++) {
			int64_t v = oc_target_decode_sint(
				t, vpbuf + l->vp_state + i * e, e);

			if (l->vp_has_prev)
				v -= oc_target_decode_sint(
					t, vpbuf + l->vp_prev + i * e, e);
			r->cpu[i] += v;
		}
		for (uint64_t i = 0; i < l->nr_events; i++) {
			int64_t v = oc_target_decode_sint(
				t, vpbuf + l->vp_events + i * e, e);

			if (l->vp_has_events_prev)
				v -= oc_target_decode_sint(
					t, vpbuf + l->vp_events_prev + i * e,
					e);
			r->cpu[n + i] += v;
		}
	}
	r->cpu_ok = true;
	return NULL;
}

static void read_group(struct oc_kernel *k, const struct memcg_layout *l,
		       const struct oc_memcgs *m, const char *buf,
		       struct oc_memcg *g)
{
	struct oc_target *t = k->t;
	const char *css = buf + l->css_off;

	g->id = l->id.ok ? (int32_t)s(t, buf, &l->id) : -1;
	g->css_id = l->css_id.ok ? (int32_t)s(t, css, &l->css_id) : -1;
	g->css_flags = u(t, css, &l->css_flags);
	g->online = !l->css_flags.ok || (g->css_flags & CSS_ONLINE);
	g->dying = l->css_flags.ok &&
		   ((g->css_flags & CSS_DYING) || !(g->css_flags & CSS_ONLINE));
	read_counter(t, l, buf, &l->memory, &g->memory);
	/*
	 * v2: swap; v1: memsw. The same storage from 5.10 (a union); two
	 * counters before, and mem_cgroup_get_max() then used both.
	 */
	read_counter(t, l, buf,
		     (m->v2 && l->swap.ok) || !l->memsw.ok ? &l->swap :
							     &l->memsw,
		     &g->swap);
	g->memsw_max = -1;
	if (!l->swap_memsw_union && l->memsw.ok && l->pc.max.ok)
		g->memsw_max = s(t, buf + l->memsw.off, &l->pc.max);
	read_counter(t, l, buf, &l->kmem, &g->kmem);
	/* Before 5.10, memory.high/low lived in the memcg itself. */
	if (g->memory.high < 0 && l->high.ok)
		g->memory.high = s(t, buf, &l->high);
	if (g->memory.low < 0 && l->low.ok)
		g->memory.low = s(t, buf, &l->low);
	g->oom_group = l->oom_group.ok ? (int)u(t, buf, &l->oom_group) : -1;
	g->swappiness = l->swappiness.ok ? (int)s(t, buf, &l->swappiness) : -1;
	for (int i = 0; i < OC_MEMCG_NR_EVENTS; i++) {
		int64_t idx = l->ev_idx[i];

		g->events[i] = g->events_local[i] = -1;
		if (idx < 0)
			continue;
		g->events[i] = oc_target_decode_sint(
			t, buf + l->events.off + idx * l->events_elem,
			l->events_elem);
		if (l->events_local.ok &&
		    (uint64_t)(idx + 1) * l->events_elem <=
			    l->events_local.size)
			g->events_local[i] = oc_target_decode_sint(
				t,
				buf + l->events_local.off +
					idx * l->events_elem,
				l->events_elem);
	}
	g->stock_pages = 0;
	g->nr_procs = -1;
	for (int i = 0; i < OC_MEMCG_NR_STATS; i++)
		g->stat[i] = g->stat_exact[i] = -1;
}

static struct oc_error *add_note(struct oc_memcgs *m, struct oc_error *err)
{
	if (!m->partial)
		m->partial = err;
	else
		oc_error_free(err);
	return NULL;
}

struct walk_frame {
	int idx;
	uint64_t head; /* &css.children of the group */
	uint64_t node; /* next list node to visit */
};

struct walk {
	struct oc_kernel *k;
	const struct memcg_layout *l;
	struct oc_memcgs *m;
	struct addr_set seen;
	struct raw_stats *raw; /* parallel to m->groups */
	size_t raw_cap;
	char *buf, *vsbuf, *vpbuf;
	int64_t *pool;
};

/* Reads the group at @addr (its mem_cgroup) and appends it. */
static struct oc_error *add_group(struct walk *w, uint64_t addr, int parent,
				  int depth, uint64_t *children_first,
				  uint64_t *sibling_next)
{
	struct oc_target *t = w->k->t;
	const struct memcg_layout *l = w->l;
	struct oc_memcgs *m = w->m;
	struct oc_memcg *g;
	struct raw_stats *r;
	struct oc_error *err;
	const char *css;
	uint64_t cgrp, kn;
	char *path = NULL;

	err = oc_target_read(t, addr, w->buf, l->memcg_size);
	if (err)
		return oc_error_wrap(err, "mem_cgroup at 0x%" PRIx64, addr);
	css = w->buf + l->css_off;
	if (parent >= 0) {
		uint64_t p = u(t, css, &l->css_parent);

		if (p != m->groups.data[parent].addr + l->css_off)
			return oc_error_create(
				OC_ERR_CORRUPT,
				"mem_cgroup 0x%" PRIx64 " on the children "
				"list of %s has parent 0x%" PRIx64,
				addr, m->groups.data[parent].path, p);
	}
	cgrp = u(t, css, &l->css_cgroup);
	if (!cgrp || !l->kn.ok ||
	    failed(oc_target_read_ptr(t, cgrp + l->kn.off, &kn)))
		kn = 0;
	if (kn)
		err = kernfs_path(t, l, kn, &path);
	else
		err = oc_error_create(OC_ERR_FAULT, "no cgroup/kernfs node");
	if (err) {
		/* A group without a name is still a group: note it. */
		add_note(m, oc_error_wrap(err, "path of mem_cgroup 0x%" PRIx64,
					  addr));
		path = strdup("?");
		if (!path)
			return &oc_enomem;
	}
	if (m->groups.len >= w->raw_cap) {
		size_t cap = w->raw_cap ? 2 * w->raw_cap : 64;
		struct raw_stats *raw = realloc(w->raw, cap * sizeof(*raw));

		if (!raw) {
			free(path);
			return &oc_enomem;
		}
		memset(raw + w->raw_cap, 0, (cap - w->raw_cap) * sizeof(*raw));
		w->raw = raw;
		w->raw_cap = cap;
	}
	g = oc_memcg_vec_push(&m->groups);
	if (!g) {
		free(path);
		return &oc_enomem;
	}
	g->addr = addr;
	g->path = path;
	g->parent = parent;
	g->depth = depth;
	read_group(w->k, l, m, w->buf, g);
	*children_first = u(t, css, &l->css_children);
	*sibling_next = u(t, css, &l->css_sibling);
	r = &w->raw[m->groups.len - 1];
	if (l->stats != STATS_NONE && l->nr_state) {
		size_t n = l->nr_state + l->nr_events;

		r->state = calloc(3 * n, sizeof(int64_t));
		if (!r->state)
			return &oc_enomem;
		r->pending = r->state + n;
		r->cpu = r->state + 2 * n;
		err = read_raw_stats(w->k, l, w->buf, addr, w->vsbuf, w->vpbuf,
				     r);
		if (err)
			add_note(m, err);
	}
	return NULL;
}

static struct oc_error *walk_tree(struct walk *w, uint64_t root)
{
	struct oc_target *t = w->k->t;
	const struct memcg_layout *l = w->l;
	struct oc_memcgs *m = w->m;
	struct walk_frame *stack;
	struct oc_error *err;
	uint64_t first, next;
	int sp = 0;

	stack = calloc(MAX_DEPTH + 1, sizeof(*stack));
	if (!stack)
		return &oc_enomem;
	if (addr_set_add(&w->seen, root) < 0) {
		free(stack);
		return &oc_enomem;
	}
	err = add_group(w, root, -1, 0, &first, &next);
	if (err) {
		free(stack);
		return oc_error_wrap(err, "root_mem_cgroup");
	}
	stack[0] =
		(struct walk_frame){ 0, root + l->css_off + l->css_children.off,
				     first };
	sp = 1;
	while (sp > 0) {
		struct walk_frame *f = &stack[sp - 1];
		uint64_t css, addr;
		int added;

		if (f->node == f->head) {
			sp--;
			continue;
		}
		if (m->groups.len >= MAX_GROUPS) {
			add_note(m, oc_error_create(OC_ERR_CORRUPT,
						    "more than %u memory "
						    "cgroups: walk stopped",
						    MAX_GROUPS));
			break;
		}
		css = f->node - l->css_sibling.off;
		addr = css - l->css_off;
		added = f->node ? addr_set_add(&w->seen, addr) : 0;
		if (added < 0) {
			err = &oc_enomem;
			break;
		}
		if (!added) {
			/* NULL, or a node met before: a cycle. */
			add_note(m,
				 oc_error_create(OC_ERR_CORRUPT,
						 "children list of %s loops or "
						 "breaks at 0x%" PRIx64
						 ": rest of the list skipped",
						 m->groups.data[f->idx].path,
						 f->node));
			sp--;
			continue;
		}
		err = add_group(w, addr, f->idx, sp, &first, &next);
		if (err) {
			if (err == &oc_enomem)
				break;
			add_note(m, oc_error_wrap(err, "children of %s",
						  m->groups.data[f->idx].path));
			err = NULL;
			sp--;
			continue;
		}
		f->node = next;
		if (sp >= MAX_DEPTH) {
			add_note(m, oc_error_create(OC_ERR_CORRUPT,
						    "memory cgroups nested "
						    "deeper than %d",
						    MAX_DEPTH));
			continue;
		}
		stack[sp++] =
			(struct walk_frame){ (int)m->groups.len - 1,
					     css + l->css_children.off, first };
	}
	free(stack);
	(void)t;
	return err;
}

/*
 * The statistics of every group, from the raw items.
 *
 * Flushed: memcg_page_state() = vmstats->state[i] clamped at 0 (5.13+),
 * or the hierarchical atomic vmstats[i] (5.2-5.12): what memory.stat and
 * the OOM report printed.
 *
 * Exact (derived): the rstat flush (mem_cgroup_css_rstat_flush, 6.1)
 * moves, per group and CPU, delta = state_pending[i] + (percpu.state[i] -
 * percpu.state_prev[i]) into state[i] and into the parent's
 * state_pending[i]. Everything not yet moved is thus either in some
 * group's pending (for groups below M, on its way up to M) or in some
 * per-CPU delta of M's subtree, so the current hierarchical value is
 *   M.state + M.pending + Σ_{d strictly below M} d.pending
 *           + Σ_{d in subtree(M)} Σ_cpu (d.pcpu.state - d.pcpu.state_prev)
 * (a flush racing with the crash can be counted twice; rare). For
 * 5.2-5.12 the per-CPU stat[] is the whole unflushed remainder, and
 * there is no pending. Children come after their parents in ->groups,
 * so one backwards pass sums the subtrees.
 */
/* v[dst] = v[a] + v[b] when both are known (memory.stat's pgscan). */
static void sum2(int64_t *v, int dst, int a, int b)
{
	if (v[a] >= 0 && v[b] >= 0)
		v[dst] = v[a] + v[b];
}

static void compute_stats(struct walk *w)
{
	const struct memcg_layout *l = w->l;
	struct oc_memcgs *m = w->m;
	size_t ng = m->groups.len, n = l->nr_state + l->nr_events;
	int64_t *below, *cpu;
	bool exact = true;

	if (l->stats == STATS_NONE || !n)
		return;
	for (size_t gi = 0; gi < ng; gi++) {
		if (!w->raw[gi].ok)
			return;
		exact = exact && w->raw[gi].cpu_ok;
	}
	below = calloc(ng * n, sizeof(int64_t));
	cpu = calloc(ng * n, sizeof(int64_t));
	if (!below || !cpu) {
		free(below);
		free(cpu);
		add_note(m, &oc_enomem);
		return;
	}
	for (size_t gi = 0; gi < ng; gi++)
		memcpy(cpu + gi * n, w->raw[gi].cpu, n * sizeof(int64_t));
	for (size_t gi = ng; gi-- > 1;) {
		int p = m->groups.data[gi].parent;

		for (size_t i = 0; i < n; i++) {
			below[p * n + i] +=
				w->raw[gi].pending[i] + below[gi * n + i];
			cpu[p * n + i] += cpu[gi * n + i];
		}
	}
	m->stats = true;
	m->stats_exact = exact;
	for (size_t gi = 0; gi < ng; gi++) {
		struct oc_memcg *g = &m->groups.data[gi];
		const struct raw_stats *r = &w->raw[gi];

		for (int si = 0; si < OC_MEMCG_NR_STATS; si++) {
			int64_t idx = l->item[si][0], unit = l->item[si][1];
			int64_t v, x;

			if (idx < 0)
				continue;
			v = r->state[idx];
			x = v + r->pending[idx] + below[gi * n + idx] +
			    cpu[gi * n + idx];
			g->stat[si] = (v < 0 ? 0 : v) * unit;
			if (exact)
				g->stat_exact[si] = (x < 0 ? 0 : x) * unit;
		}
		/* "slab" is printed after slab_unreclaimable as the sum. */
		if (g->stat[OC_MEMCG_SLAB_RECLAIMABLE] >= 0 &&
		    g->stat[OC_MEMCG_SLAB_UNRECLAIMABLE] >= 0) {
			g->stat[OC_MEMCG_SLAB] =
				g->stat[OC_MEMCG_SLAB_RECLAIMABLE] +
				g->stat[OC_MEMCG_SLAB_UNRECLAIMABLE];
			if (exact)
				g->stat_exact[OC_MEMCG_SLAB] =
					g->stat_exact
						[OC_MEMCG_SLAB_RECLAIMABLE] +
					g->stat_exact
						[OC_MEMCG_SLAB_UNRECLAIMABLE];
		}
	}
	for (size_t gi = 0; gi < ng; gi++) {
		struct oc_memcg *g = &m->groups.data[gi];

		sum2(g->stat, OC_MEMCG_PGSCAN, OC_MEMCG_PGSCAN_KSWAPD,
		     OC_MEMCG_PGSCAN_DIRECT);
		sum2(g->stat, OC_MEMCG_PGSTEAL, OC_MEMCG_PGSTEAL_KSWAPD,
		     OC_MEMCG_PGSTEAL_DIRECT);
		sum2(g->stat_exact, OC_MEMCG_PGSCAN, OC_MEMCG_PGSCAN_KSWAPD,
		     OC_MEMCG_PGSCAN_DIRECT);
		sum2(g->stat_exact, OC_MEMCG_PGSTEAL, OC_MEMCG_PGSTEAL_KSWAPD,
		     OC_MEMCG_PGSTEAL_DIRECT);
	}
	free(below);
	free(cpu);
}

/* v1 or v2: memory_cgrp_subsys.root == &cgrp_dfl_root. */
static void read_hierarchy(struct oc_kernel *k, struct oc_memcgs *m)
{
	struct oc_target *t = k->t;
	uint64_t ss, dfl, root_off, root;
	int64_t v;

	m->v2 = false;
	if (succeeded(oc_target_symbol(t, "memory_cgrp_subsys", &ss)) &&
	    succeeded(oc_target_symbol(t, "cgrp_dfl_root", &dfl)) &&
	    succeeded(oc_target_offsetof(t, "struct cgroup_subsys", "root",
					 &root_off)) &&
	    succeeded(oc_target_read_ptr(t, ss + root_off, &root)))
		m->v2 = root == dfl;
	/*
	 * do_memsw_account(): v1, unless swap accounting is off
	 * (cgroup_memory_noswap 5.8-6.0, do_swap_account before).
	 */
	m->memsw = !m->v2;
	if (m->memsw &&
	    succeeded(oc_kernel_read_global(k, "cgroup_memory_noswap", 1, &v)))
		m->memsw = !v;
	else if (m->memsw &&
		 succeeded(oc_kernel_read_global(k, "do_swap_account", 4, &v)))
		m->memsw = v != 0;
	if (failed(oc_kernel_read_global(k, "vm_swappiness", 4, &v)))
		v = -1;
	m->vm_swappiness = (int)v;
}

/* The per-CPU charge stock: memcg_stock.cached / nr_pages. */
static void read_stock(struct oc_kernel *k, struct oc_memcgs *m)
{
	struct oc_target *t = k->t;
	uint64_t base, cached_off, nr_off;

	if (failed(oc_target_symbol(t, "memcg_stock", &base)) ||
	    failed(oc_target_offsetof(t, "struct memcg_stock_pcp", "cached",
				      &cached_off)) ||
	    failed(oc_target_offsetof(t, "struct memcg_stock_pcp", "nr_pages",
				      &nr_off)))
		return;
	for (uint32_t c = 0; c < k->nr_cpu_ids; c++) {
		uint64_t pcp = oc_kernel_per_cpu(k, base, c), cached;
		uint32_t nr;
		int idx;

		if (failed(oc_target_read_ptr(t, pcp + cached_off, &cached)) ||
		    !cached || failed(oc_target_read_u32(t, pcp + nr_off, &nr)))
			continue;
		idx = oc_memcg_find(m, cached);
		if (idx >= 0)
			m->groups.data[idx].stock_pages += nr;
	}
}

/*
 * A usage larger than RAM + swap cannot be: a damaged counter. Noted (the
 * walk is partial) and dropped to "unknown" rather than reported.
 */
static void check_usage(struct oc_kernel *k, struct oc_memcgs *m)
{
	int64_t ram = k->totalram_pages, swap = k->total_swap_pages;
	int64_t limit = ram + (swap > 0 ? swap : 0);
	struct oc_memcg *g;

	if (ram <= 0)
		return;
	oc_vec_for_each(&m->groups, g) {
		struct oc_memcg_counter *c[] = { &g->memory, &g->swap };

		for (size_t i = 0; i < 2; i++) {
			if (c[i]->usage <= limit)
				continue;
			add_note(
				m,
				oc_error_create(
					OC_ERR_CORRUPT,
					"%s of %s at 0x%" PRIx64
					": usage %" PRId64
					" pages is more than RAM + swap (%" PRId64
					" pages): counter ignored",
					i ? "swap" : "memory", g->path, g->addr,
					c[i]->usage, limit));
			c[i]->usage = -1;
		}
	}
}

struct oc_error *oc_memcg_read(struct oc_kernel *k, struct oc_memcgs *out)
{
	struct oc_target *t = k->t;
	struct memcg_layout l;
	struct walk w = { 0 };
	struct oc_error *err;
	uint64_t sym, root;

	memset(out, 0, sizeof(*out));
	out->page_size = k->page_size;
	out->nr_cpus = k->nr_cpu_ids;
	out->total_swap_pages = k->total_swap_pages;
	/* PAGE_COUNTER_MAX: LONG_MAX / PAGE_SIZE on 64-bit, else LONG_MAX. */
	out->unlimited =
		t->ptr_size == 8 ? INT64_MAX / k->page_size : INT32_MAX;
	err = resolve(k, &l);
	if (err)
		return oc_error_wrap(err, "memcg");
	if ((err = oc_target_symbol(t, "root_mem_cgroup", &sym)))
		return oc_error_wrap(err, "memcg");
	if ((err = oc_target_read_ptr(t, sym, &root)))
		return oc_error_wrap(err, "root_mem_cgroup");
	if (!root)
		return oc_error_create(OC_ERR_NOT_FOUND,
				       "root_mem_cgroup is NULL: memory "
				       "cgroups are disabled");
	read_hierarchy(k, out);
	out->swap_memsw_separate =
		l.swap.ok && l.memsw.ok && !l.swap_memsw_union;
	w.k = k;
	w.l = &l;
	w.m = out;
	w.buf = malloc(l.memcg_size);
	w.vsbuf = malloc(l.vs_size > l.vmstats.size ? l.vs_size + 1 :
						      l.vmstats.size + 1);
	w.vpbuf = malloc(l.vp_size + 1);
	if (!w.buf || !w.vsbuf || !w.vpbuf) {
		err = &oc_enomem;
		goto out;
	}
	err = walk_tree(&w, root);
	if (err)
		goto out;
	compute_stats(&w);
	read_stock(k, out);
	check_usage(k, out);
out:
	for (size_t i = 0; i < w.raw_cap; i++)
		free(w.raw[i].state);
	free(w.raw);
	free(w.seen.slot);
	free(w.buf);
	free(w.vsbuf);
	free(w.vpbuf);
	return err;
}

void oc_memcgs_free(struct oc_memcgs *m)
{
	struct oc_memcg *g;

	if (!m)
		return;
	oc_vec_for_each(&m->groups, g)
		free(g->path);
	oc_memcg_vec_free(&m->groups);
	oc_error_free(m->partial);
	m->partial = NULL;
}

int oc_memcg_find(const struct oc_memcgs *m, uint64_t memcg_addr)
{
	/* css is at offset 0 of mem_cgroup in every kernel checked. */
	for (size_t i = 0; i < m->groups.len; i++)
		if (m->groups.data[i].addr == memcg_addr)
			return (int)i;
	return -1;
}

void oc_memcg_count_tasks(struct oc_memcgs *m, const struct oc_tasks *tasks)
{
	const struct oc_task *task;

	for (size_t i = 0; i < m->groups.len; i++)
		m->groups.data[i].nr_procs = 0;
	oc_vec_for_each(&tasks->tasks, task) {
		int idx;

		if (task->exit_state)
			continue;
		idx = oc_memcg_find(m, task->memcg);
		if (idx >= 0)
			m->groups.data[idx].nr_procs++;
	}
}

bool oc_memcg_is_unlimited(const struct oc_memcgs *m, int64_t pages)
{
	return pages < 0 || pages >= m->unlimited;
}

uint64_t oc_memcg_get_max(const struct oc_memcgs *m, int idx,
			  int64_t total_swap_pages)
{
	const struct oc_memcg *g;
	uint64_t max, swap_total;
	int swappiness;

	if (idx < 0 || (size_t)idx >= m->groups.len)
		return 0;
	g = &m->groups.data[idx];
	if (g->memory.max < 0)
		return 0;
	max = g->memory.max;
	swap_total = total_swap_pages > 0 ? total_swap_pages : 0;
	/*
	 * mem_cgroup_swappiness(): v2 and the root use vm_swappiness, a v1
	 * group its own.
	 */
	swappiness = m->v2 || g->parent < 0 || g->swappiness < 0 ?
			     m->vm_swappiness :
			     g->swappiness;
	if (!swappiness || g->swap.max < 0)
		return max;
	if (m->swap_memsw_separate && g->memsw_max >= 0) {
		/* 4.18-5.9: min(max + min(swap.max, swap), memsw.max). */
		uint64_t swap = m->v2 ? (uint64_t)g->swap.max : UINT64_MAX;

		max += swap < swap_total ? swap : swap_total;
		return max < (uint64_t)g->memsw_max ? max :
						      (uint64_t)g->memsw_max;
	}
	if (m->memsw) {
		/* memsw.max - memory.max: unsigned in the kernel. */
		uint64_t swap = (uint64_t)g->swap.max - max;

		return max + (swap < swap_total ? swap : swap_total);
	}
	if (m->v2) {
		uint64_t swap = g->swap.max;

		return max + (swap < swap_total ? swap : swap_total);
	}
	return max;
}

int oc_memcg_limiting_ancestor(const struct oc_memcgs *m, int idx)
{
	double best_ratio = -1;
	int best = -1, steps = 0;

	while (idx > 0 && (size_t)idx < m->groups.len &&
	       steps++ < MAX_DEPTH + 1) {
		const struct oc_memcg *g = &m->groups.data[idx];

		if (!oc_memcg_is_unlimited(m, g->memory.max) &&
		    g->memory.usage >= 0) {
			double r = g->memory.max ?
					   (double)g->memory.usage /
						   (double)g->memory.max :
					   1e300;

			if (r > best_ratio) {
				best_ratio = r;
				best = idx;
			}
		}
		if (g->parent >= idx) /* parents come first */
			break;
		idx = g->parent;
	}
	return best;
}

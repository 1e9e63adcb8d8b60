// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Nodes, zones and VM counters: see oomcore/zones.h. Mirrors 6.1
 * lib/show_mem.c __show_mem(), mm/page_alloc.c __show_free_areas() and
 * __zone_watermark_ok(), include/linux/vmstat.h; layouts are chosen by the
 * types in DWARF (per_cpu_pageset/per_cpu_zonestats from 5.14, pageset
 * before; _watermark + watermark_boost from 5.0, watermark before;
 * managed_pages atomic_long_t from 5.0).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "oomcore/zones.h"

#define MAX_RECLAIM_RETRIES 16
#define MIGRATE_PCPTYPES 3 /* the first three migratetypes, all eras */
#define MAX_NODES 4096
#define WALK_SLACK 64		    /* entries past nr_free before we give up */
#define WALK_MAX_TOTAL (1ull << 26) /* entries in one read, all zones */

const char *const oc_node_stat_names[OC_NS_NR] = {
	[OC_NS_INACTIVE_ANON] = "inactive_anon",
	[OC_NS_ACTIVE_ANON] = "active_anon",
	[OC_NS_INACTIVE_FILE] = "inactive_file",
	[OC_NS_ACTIVE_FILE] = "active_file",
	[OC_NS_UNEVICTABLE] = "unevictable",
	[OC_NS_SLAB_RECLAIMABLE] = "slab_reclaimable",
	[OC_NS_SLAB_UNRECLAIMABLE] = "slab_unreclaimable",
	[OC_NS_ISOLATED_ANON] = "isolated_anon",
	[OC_NS_ISOLATED_FILE] = "isolated_file",
	[OC_NS_ANON_MAPPED] = "anon_mapped",
	[OC_NS_FILE_MAPPED] = "mapped",
	[OC_NS_FILE_PAGES] = "file_pages",
	[OC_NS_FILE_DIRTY] = "dirty",
	[OC_NS_WRITEBACK] = "writeback",
	[OC_NS_WRITEBACK_TEMP] = "writeback_tmp",
	[OC_NS_SHMEM] = "shmem",
	[OC_NS_SHMEM_THPS] = "shmem_thp",
	[OC_NS_SHMEM_PMDMAPPED] = "shmem_pmdmapped",
	[OC_NS_FILE_THPS] = "file_thp",
	[OC_NS_FILE_PMDMAPPED] = "file_pmdmapped",
	[OC_NS_ANON_THPS] = "anon_thp",
	[OC_NS_UNSTABLE_NFS] = "unstable",
	[OC_NS_KERNEL_MISC_RECLAIMABLE] = "kernel_misc_reclaimable",
	[OC_NS_KERNEL_STACK_KB] = "kernel_stack_kb",
	[OC_NS_KERNEL_SCS_KB] = "shadow_call_stack_kb",
	[OC_NS_PAGETABLE] = "pagetables",
	[OC_NS_SECONDARY_PAGETABLE] = "sec_pagetables",
	[OC_NS_SWAPCACHE] = "swapcache",
};

/* Kernel enumerator names; a second name is the older spelling. */
static const char *const node_enum[OC_NS_NR][2] = {
	[OC_NS_INACTIVE_ANON] = { "NR_INACTIVE_ANON" },
	[OC_NS_ACTIVE_ANON] = { "NR_ACTIVE_ANON" },
	[OC_NS_INACTIVE_FILE] = { "NR_INACTIVE_FILE" },
	[OC_NS_ACTIVE_FILE] = { "NR_ACTIVE_FILE" },
	[OC_NS_UNEVICTABLE] = { "NR_UNEVICTABLE" },
	[OC_NS_SLAB_RECLAIMABLE] = { "NR_SLAB_RECLAIMABLE_B",
				     "NR_SLAB_RECLAIMABLE" },
	[OC_NS_SLAB_UNRECLAIMABLE] = { "NR_SLAB_UNRECLAIMABLE_B",
				       "NR_SLAB_UNRECLAIMABLE" },
	[OC_NS_ISOLATED_ANON] = { "NR_ISOLATED_ANON" },
	[OC_NS_ISOLATED_FILE] = { "NR_ISOLATED_FILE" },
	[OC_NS_ANON_MAPPED] = { "NR_ANON_MAPPED" },
	[OC_NS_FILE_MAPPED] = { "NR_FILE_MAPPED" },
	[OC_NS_FILE_PAGES] = { "NR_FILE_PAGES" },
	[OC_NS_FILE_DIRTY] = { "NR_FILE_DIRTY" },
	[OC_NS_WRITEBACK] = { "NR_WRITEBACK" },
	[OC_NS_WRITEBACK_TEMP] = { "NR_WRITEBACK_TEMP" },
	[OC_NS_SHMEM] = { "NR_SHMEM" },
	[OC_NS_SHMEM_THPS] = { "NR_SHMEM_THPS" },
	[OC_NS_SHMEM_PMDMAPPED] = { "NR_SHMEM_PMDMAPPED" },
	[OC_NS_FILE_THPS] = { "NR_FILE_THPS" },
	[OC_NS_FILE_PMDMAPPED] = { "NR_FILE_PMDMAPPED" },
	[OC_NS_ANON_THPS] = { "NR_ANON_THPS" },
	[OC_NS_UNSTABLE_NFS] = { "NR_UNSTABLE_NFS" },
	[OC_NS_KERNEL_MISC_RECLAIMABLE] = { "NR_KERNEL_MISC_RECLAIMABLE" },
	[OC_NS_KERNEL_STACK_KB] = { "NR_KERNEL_STACK_KB" },
	[OC_NS_KERNEL_SCS_KB] = { "NR_KERNEL_SCS_KB" },
	[OC_NS_PAGETABLE] = { "NR_PAGETABLE" },
	[OC_NS_SECONDARY_PAGETABLE] = { "NR_SECONDARY_PAGETABLE" },
	[OC_NS_SWAPCACHE] = { "NR_SWAPCACHE" },
};

const char *const oc_zone_stat_names[OC_ZS_NR] = {
	[OC_ZS_FREE_PAGES] = "free",
	[OC_ZS_INACTIVE_ANON] = "inactive_anon",
	[OC_ZS_ACTIVE_ANON] = "active_anon",
	[OC_ZS_INACTIVE_FILE] = "inactive_file",
	[OC_ZS_ACTIVE_FILE] = "active_file",
	[OC_ZS_UNEVICTABLE] = "unevictable",
	[OC_ZS_WRITE_PENDING] = "writepending",
	[OC_ZS_MLOCK] = "mlocked",
	[OC_ZS_BOUNCE] = "bounce",
	[OC_ZS_ZSPAGES] = "zspages",
	[OC_ZS_FREE_CMA_PAGES] = "free_cma",
};

static const char *const zone_enum[OC_ZS_NR] = {
	[OC_ZS_FREE_PAGES] = "NR_FREE_PAGES",
	[OC_ZS_INACTIVE_ANON] = "NR_ZONE_INACTIVE_ANON",
	[OC_ZS_ACTIVE_ANON] = "NR_ZONE_ACTIVE_ANON",
	[OC_ZS_INACTIVE_FILE] = "NR_ZONE_INACTIVE_FILE",
	[OC_ZS_ACTIVE_FILE] = "NR_ZONE_ACTIVE_FILE",
	[OC_ZS_UNEVICTABLE] = "NR_ZONE_UNEVICTABLE",
	[OC_ZS_WRITE_PENDING] = "NR_ZONE_WRITE_PENDING",
	[OC_ZS_MLOCK] = "NR_MLOCK",
	[OC_ZS_BOUNCE] = "NR_BOUNCE",
	[OC_ZS_ZSPAGES] = "NR_ZSPAGES",
	[OC_ZS_FREE_CMA_PAGES] = "NR_FREE_CMA_PAGES",
};

/* show_migration_types() letters, by enumerator name. */
static const struct {
	const char *name;
	char letter;
	const char *short_name;
} mt_table[] = {
	{ "MIGRATE_UNMOVABLE", 'U', "unmovable" },
	{ "MIGRATE_MOVABLE", 'M', "movable" },
	{ "MIGRATE_RECLAIMABLE", 'E', "reclaimable" },
	{ "MIGRATE_HIGHATOMIC", 'H', "highatomic" },
	{ "MIGRATE_RESERVE", 'R', "reserve" },
	{ "MIGRATE_CMA", 'C', "cma" },
	{ "MIGRATE_ISOLATE", 'I', "isolate" },
};

/* Everything resolved once from the types. */
struct layout {
	uint64_t zone_size, pgdat_size, area_size, page_size;
	unsigned int max_nr_zones;
	struct oc_field node_zones;
	/* struct zone */
	struct oc_field wmark, boost, highatomic, lowmem, managed, present,
		spanned, start_pfn, name, free_area, vm_stat;
	bool managed_atomic;
	struct oc_field pcp_ptr; /* per_cpu_pageset / pageset */
	uint64_t pcp_count_off, pcp_count_size;
	struct oc_field zstat_ptr;	  /* per_cpu_zonestats / pageset */
	struct oc_field zdiff;		  /* vm_stat_diff in that struct */
	struct oc_field zthresh, nthresh; /* stat_threshold */
	uint64_t zstat_size;
	/* struct free_area */
	struct oc_field free_list, nr_free;
	/* struct pglist_data */
	struct oc_field node_id, kswapd_failures, pg_vm_stat, nstat_ptr, ndiff,
		node_present, node_spanned, node_start;
	uint64_t nstat_size;
	/* struct page */
	uint64_t lru_off;
	/* enumerator values, -1 when absent */
	int node_idx[OC_NS_NR];
	int zone_idx[OC_ZS_NR];
};

struct reader {
	struct oc_kernel *k;
	struct oc_target *t;
	struct oc_zones *z;
	struct layout l;
	uint64_t walked;      /* free-list entries read so far */
	struct oc_error *oom; /* a note could not be stored */
};

static void note(struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct reader *r, const char *fmt, ...)
{
	struct oc_zones_note *n = oc_zones_note_vec_push(&r->z->notes);
	va_list ap;

	if (!n) {
		r->oom = &oc_enomem;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(n->text, sizeof(n->text), fmt, ap);
	va_end(ap);
}

/* Notes @err (prefixed) and frees it. */
static void note_err(struct reader *r, struct oc_error *err, const char *what)
{
	note(r, "%s: %s", what, err->message);
	oc_error_free(err);
}

/*
 * Wrapping arithmetic, as the kernel's unsigned long: a damaged dump's
 * counters must not make a signed overflow here.
 */
static int64_t wadd(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a + (uint64_t)b);
}

static int64_t wsub(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a - (uint64_t)b);
}

/* True when @err is NULL; frees it otherwise (feature tests). */
static bool ok(struct oc_error *err)
{
	if (!err)
		return true;
	oc_error_free(err);
	return false;
}

static struct oc_error *need(const struct oc_field *f, const char *what)
{
	if (f->ok)
		return NULL;
	return oc_error_create(OC_ERR_UNSUPPORTED,
			       "zones: this kernel has no %s", what);
}

static int enum_value(struct oc_target *t, const char *name)
{
	int64_t v;
	struct oc_error *err;

	if (!name)
		return -1;
	err = oc_target_enumerator(t, name, &v);
	if (err) {
		oc_error_free(err);
		return -1;
	}
	return v >= 0 && v < 4096 ? (int)v : -1;
}

/* A VMCOREINFO number ("LENGTH(zone.free_area)=11"), or @dflt. */
static uint64_t vmcoreinfo_num(struct oc_target *t, const char *key,
			       uint64_t dflt)
{
	const char *v = oc_target_vmcoreinfo(t, key);
	char *end;
	unsigned long long n;

	if (!v)
		return dflt;
	n = strtoull(v, &end, 10);
	return end != v ? n : dflt;
}

static struct oc_error *resolve(struct reader *r)
{
	struct oc_target *t = r->t;
	struct layout *l = &r->l;
	const char *zs = "struct zone", *pg = "struct pglist_data";
	struct oc_error *err;
	struct oc_field f;

	if ((err = oc_target_type_size(t, zs, &l->zone_size)) ||
	    (err = oc_target_type_size(t, pg, &l->pgdat_size)) ||
	    (err = oc_target_type_size(t, "struct free_area", &l->area_size)))
		return oc_error_wrap(err, "zones");
	oc_target_field(t, pg, "node_zones", &l->node_zones);
	if ((err = need(&l->node_zones, "pglist_data.node_zones")))
		return err;
	l->max_nr_zones = l->node_zones.len;
	if (!l->max_nr_zones || l->max_nr_zones > OC_ZONES_MAX_ZONES)
		return oc_error_create(OC_ERR_UNSUPPORTED,
				       "zones: %u zones per node",
				       l->max_nr_zones);

	oc_target_field(t, zs, "_watermark", &l->wmark);
	if (!l->wmark.ok)
		oc_target_field(t, zs, "watermark", &l->wmark);
	oc_target_field(t, zs, "watermark_boost", &l->boost);
	oc_target_field(t, zs, "nr_reserved_highatomic", &l->highatomic);
	oc_target_field(t, zs, "lowmem_reserve", &l->lowmem);
	oc_target_field(t, zs, "managed_pages", &l->managed);
	oc_target_field(t, zs, "present_pages", &l->present);
	oc_target_field(t, zs, "spanned_pages", &l->spanned);
	oc_target_field(t, zs, "zone_start_pfn", &l->start_pfn);
	oc_target_field(t, zs, "name", &l->name);
	oc_target_field(t, zs, "free_area", &l->free_area);
	oc_target_field(t, zs, "vm_stat", &l->vm_stat);
	if ((err = need(&l->wmark, "zone._watermark")) ||
	    (err = need(&l->present, "zone.present_pages")) ||
	    (err = need(&l->free_area, "zone.free_area")) ||
	    (err = need(&l->vm_stat, "zone.vm_stat")))
		return err;
	if (l->managed.ok) {
		struct oc_member_info info;

		if (ok(oc_target_member(t, zs, "managed_pages", &info)))
			l->managed_atomic = strstr(info.type_name, "atomic");
	}
	/* Per-CPU data: split in 5.14, one per_cpu_pageset before. */
	oc_target_field(t, zs, "per_cpu_pageset", &l->pcp_ptr);
	if (l->pcp_ptr.ok) {
		oc_target_field(t, "struct per_cpu_pages", "count", &f);
		l->pcp_count_off = f.off;
		l->pcp_count_size = f.size;
		oc_target_field(t, zs, "per_cpu_zonestats", &l->zstat_ptr);
		oc_target_field(t, "struct per_cpu_zonestat", "vm_stat_diff",
				&l->zdiff);
		oc_target_field(t, "struct per_cpu_zonestat", "stat_threshold",
				&l->zthresh);
		if (!ok(oc_target_type_size(t, "struct per_cpu_zonestat",
					    &l->zstat_size)))
			l->zstat_size = 0;
	} else {
		oc_target_field(t, zs, "pageset", &l->pcp_ptr);
		oc_target_field(t, "struct per_cpu_pageset", "pcp.count", &f);
		l->pcp_count_off = f.off;
		l->pcp_count_size = f.size;
		l->zstat_ptr = l->pcp_ptr;
		oc_target_field(t, "struct per_cpu_pageset", "vm_stat_diff",
				&l->zdiff);
		oc_target_field(t, "struct per_cpu_pageset", "stat_threshold",
				&l->zthresh);
		if (!ok(oc_target_type_size(t, "struct per_cpu_pageset",
					    &l->zstat_size)))
			l->zstat_size = 0;
	}
	if (!f.ok)
		l->pcp_ptr.ok = false;
	if (!l->zdiff.ok || !l->zstat_size)
		l->zstat_ptr.ok = false;

	oc_target_field(t, "struct free_area", "free_list", &l->free_list);
	oc_target_field(t, "struct free_area", "nr_free", &l->nr_free);
	if ((err = need(&l->free_list, "free_area.free_list")) ||
	    (err = need(&l->nr_free, "free_area.nr_free")))
		return err;

	oc_target_field(t, pg, "node_id", &l->node_id);
	oc_target_field(t, pg, "kswapd_failures", &l->kswapd_failures);
	oc_target_field(t, pg, "vm_stat", &l->pg_vm_stat);
	oc_target_field(t, pg, "per_cpu_nodestats", &l->nstat_ptr);
	oc_target_field(t, "struct per_cpu_nodestat", "vm_node_stat_diff",
			&l->ndiff);
	oc_target_field(t, "struct per_cpu_nodestat", "stat_threshold",
			&l->nthresh);
	if (!ok(oc_target_type_size(t, "struct per_cpu_nodestat",
				    &l->nstat_size)))
		l->nstat_size = 0;
	if (!l->ndiff.ok || !l->nstat_size)
		l->nstat_ptr.ok = false;
	oc_target_field(t, pg, "node_present_pages", &l->node_present);
	oc_target_field(t, pg, "node_spanned_pages", &l->node_spanned);
	oc_target_field(t, pg, "node_start_pfn", &l->node_start);

	if (!ok(oc_target_offsetof(t, "struct page", "lru", &l->lru_off)))
		l->lru_off = (uint64_t)-1;
	if (!ok(oc_target_type_size(t, "struct page", &l->page_size)))
		l->page_size = 0;

	for (int i = 0; i < OC_NS_NR; i++) {
		l->node_idx[i] = enum_value(t, node_enum[i][0]);
		if (l->node_idx[i] < 0)
			l->node_idx[i] = enum_value(t, node_enum[i][1]);
		/* A node item must fit pglist_data.vm_stat. */
		if (l->pg_vm_stat.ok &&
		    (uint64_t)l->node_idx[i] >= l->pg_vm_stat.len)
			l->node_idx[i] = -1;
	}
	for (int i = 0; i < OC_ZS_NR; i++) {
		l->zone_idx[i] = enum_value(t, zone_enum[i]);
		if ((uint64_t)l->zone_idx[i] >= l->vm_stat.len)
			l->zone_idx[i] = -1;
	}
	if (l->zone_idx[OC_ZS_FREE_PAGES] < 0)
		l->zone_idx[OC_ZS_FREE_PAGES] =
			vmcoreinfo_num(t, "NUMBER(NR_FREE_PAGES)", 0);
	return NULL;
}

/* Element @i of the array field @f in @buf, signed. */
static int64_t s_at(const struct oc_target *t, const char *buf,
		    const struct oc_field *f, uint64_t i)
{
	if (!f->ok || (f->len && i >= f->len))
		return 0;
	return oc_target_decode_sint(t, buf + f->off + i * f->elem, f->elem);
}

/* The kernel's atomic read, clamped at 0 on SMP (vmstat.h). */
static int64_t clamp_stat(const struct oc_zones *z, int64_t v)
{
	return z->smp && v < 0 ? 0 : v;
}

/* Bitmap of online nodes; NULL bits and *@nbits 1 on !NUMA kernels. */
static struct oc_error *online_nodes(struct reader *r, uint64_t **bits,
				     uint64_t *nbits)
{
	struct oc_target *t = r->t;
	struct oc_error *err;
	uint64_t addr, size = 0;
	struct oc_member_info info;
	int n_online;

	*bits = NULL;
	*nbits = 1;
	if (!r->z->numa)
		return NULL;
	/* node_online_map is node_states[N_ONLINE] from 2.6.23. */
	n_online = enum_value(t, "N_ONLINE");
	if (n_online >= 0 && ok(oc_target_symbol(t, "node_states", &addr)) &&
	    ok(oc_target_type_size(t, "nodemask_t", &size))) {
		addr += n_online * size;
	} else if (ok(oc_target_symbol(t, "node_online_map", &addr)) &&
		   ok(oc_target_type_size(t, "nodemask_t", &size))) {
	} else {
		note(r, "online node mask not found: node 0 only");
		return NULL;
	}
	if (ok(oc_target_member(t, "nodemask_t", "bits", &info)))
		size = info.size;
	if (!size || size > MAX_NODES / 8)
		return oc_error_create(OC_ERR_UNSUPPORTED,
				       "zones: nodemask_t of %" PRIu64 " bytes",
				       size);
	*bits = calloc(1, size);
	if (!*bits)
		return &oc_enomem;
	err = oc_target_read(t, addr, *bits, size);
	if (err) {
		free(*bits);
		*bits = NULL;
		return oc_error_wrap(err, "node_online_map");
	}
	if (t->big_endian)
		for (uint64_t w = 0; w < size / 8; w++)
			(*bits)[w] = __builtin_bswap64((*bits)[w]);
	*nbits = size * 8;
	return NULL;
}

/* Σ over online CPUs of the s8 deltas at @pcp_base + @diff_off + i. */
static void add_diffs(struct reader *r, uint64_t pcp_base, uint64_t size,
		      const struct oc_field *diff,
		      const struct oc_field *thresh, const int *idx, int nidx,
		      int64_t *exact, int64_t *thresh_sum)
{
	struct oc_kernel *k = r->k;
	char buf[512];

	*thresh_sum = -1;
	if (size > sizeof(buf) || diff->off + diff->size > size)
		return;
	if (thresh->ok)
		*thresh_sum = 0;
	for (uint32_t c = 0; c < r->z->nr_cpus; c++) {
		uint64_t a = oc_kernel_per_cpu(k, pcp_base, r->z->cpus[c]);
		struct oc_error *err = oc_target_read(r->t, a, buf, size);

		if (err) {
			note_err(r, err, "per-CPU vm stat deltas");
			return;
		}
		for (int i = 0; i < nidx; i++)
			if (idx[i] >= 0 && exact[i] != -1)
				exact[i] = wadd(exact[i],
						s_at(r->t, buf, diff, idx[i]));
		if (thresh->ok)
			*thresh_sum = wadd(*thresh_sum,
					   oc_field_sint(r->t, buf, thresh));
	}
}

/*
 * Walks one free list of order @order: counts entries until the head comes
 * back, at most @cap. Returns the count, or -1 when the list is broken
 * (unreadable, prev pointer mismatch, longer than @cap).
 */
static int64_t walk_list(struct reader *r, const struct oc_zone *zone,
			 uint64_t head, unsigned int order, int mt,
			 uint64_t cap)
{
	struct oc_target *t = r->t;
	uint64_t prev = head, node, next_prev[2];
	struct oc_error *err;
	int64_t n = 0;

	err = oc_target_read_ptr(t, head, &node);
	if (err) {
		note_err(r, err, "free list head");
		return -1;
	}
	while (node != head) {
		if ((uint64_t)n >= cap || r->walked >= WALK_MAX_TOTAL) {
			note(r,
			     "node %d %s order %u type %d: free list longer "
			     "than %" PRIu64 " entries, walk stopped",
			     zone->node, zone->name, order, mt, cap);
			return -1;
		}
		err = oc_target_read(t, node, next_prev, 2 * t->ptr_size);
		if (err) {
			note(r,
			     "node %d %s order %u type %d: entry %" PRId64
			     " at 0x%" PRIx64 " unreadable, walk stopped",
			     zone->node, zone->name, order, mt, n, node);
			oc_error_free(err);
			return -1;
		}
		if (oc_target_decode_uint(t, (char *)next_prev + t->ptr_size,
					  t->ptr_size) != prev) {
			note(r,
			     "node %d %s order %u type %d: entry %" PRId64
			     " at 0x%" PRIx64 " has a bad prev pointer, walk "
			     "stopped",
			     zone->node, zone->name, order, mt, n, node);
			return -1;
		}
		prev = node;
		node = oc_target_decode_uint(t, next_prev, t->ptr_size);
		n++;
		r->walked++;
	}
	return n;
}

static void read_free_area(struct reader *r, struct oc_zone *zone,
			   const char *zbuf)
{
	struct oc_target *t = r->t;
	const struct layout *l = &r->l;
	struct oc_zones *z = r->z;
	uint64_t list_size = 2 * t->ptr_size;

	zone->walk_complete = true;
	zone->free_buddy_pages = 0;
	for (unsigned int o = 0; o < z->nr_orders; o++) {
		const char *area = zbuf + l->free_area.off + o * l->area_size;
		uint64_t area_addr =
			zone->addr + l->free_area.off + o * l->area_size;
		int64_t sum = 0;
		bool complete = true;

		zone->nr_free[o] = oc_field_uint(t, area, &l->nr_free);
		zone->free_buddy_pages =
			wadd(zone->free_buddy_pages, zone->nr_free[o] << o);
		zone->types[o] = 0;
		for (unsigned int mt = 0; mt < z->nr_mt; mt++) {
			uint64_t off = l->free_list.off + mt * list_size;
			uint64_t head = area_addr + off;
			uint64_t next = oc_target_decode_uint(t, area + off,
							      t->ptr_size);
			uint64_t cap;
			int64_t n;

			zone->blocks[o][mt] = -1;
			if (next != head)
				zone->types[o] |= 1u << mt;
			if (!complete)
				continue;
			cap = zone->nr_free[o] + WALK_SLACK;
			cap = (uint64_t)sum < cap ? cap - sum : 0;
			n = next == head ? 0 :
					   walk_list(r, zone, head, o, mt, cap);
			if (n < 0) {
				complete = false;
				continue;
			}
			zone->blocks[o][mt] = n;
			sum += n;
		}
		if (!complete) {
			zone->walk_complete = false;
		} else if ((uint64_t)sum != zone->nr_free[o]) {
			zone->walk_mismatch = true;
			note(r,
			     "node %d %s order %u: %" PRId64 " blocks on "
			     "the free lists, nr_free says %" PRIu64,
			     zone->node, zone->name, o, sum, zone->nr_free[o]);
		}
	}
}

static void read_zone_pcp(struct reader *r, struct oc_zone *zone,
			  const char *zbuf)
{
	struct oc_kernel *k = r->k;
	const struct layout *l = &r->l;
	uint64_t base;

	zone->free_pcp = 0;
	zone->pcp_count = malloc(k->nr_cpu_ids * sizeof(int64_t));
	if (!zone->pcp_count) {
		r->oom = &oc_enomem;
		return;
	}
	for (uint32_t c = 0; c < k->nr_cpu_ids; c++)
		zone->pcp_count[c] = -1;
	if (!l->pcp_ptr.ok) {
		zone->free_pcp = -1;
		return;
	}
	base = oc_field_uint(r->t, zbuf, &l->pcp_ptr);
	for (uint32_t c = 0; c < r->z->nr_cpus; c++) {
		uint32_t cpu = r->z->cpus[c];
		int64_t v;
		struct oc_error *err = oc_target_read_sint(
			r->t,
			oc_kernel_per_cpu(k, base, cpu) + l->pcp_count_off,
			l->pcp_count_size, &v);

		if (err) {
			note_err(r, err, "per-CPU page count");
			continue;
		}
		zone->pcp_count[cpu] = v;
		zone->free_pcp = wadd(zone->free_pcp, v);
	}
}

static struct oc_error *read_zone(struct reader *r, struct oc_node *node,
				  uint64_t pgdat, int idx, char *zbuf)
{
	struct oc_target *t = r->t;
	const struct layout *l = &r->l;
	struct oc_zones *z = r->z;
	struct oc_zone *zone;
	struct oc_error *err;
	uint64_t addr = pgdat + l->node_zones.off + idx * l->zone_size;
	uint64_t name;

	err = oc_target_read(t, addr, zbuf, l->zone_size);
	if (err)
		return oc_error_wrap(err, "zone %d of node %d", idx, node->id);
	if (!oc_field_uint(t, zbuf, &l->present))
		return NULL; /* not populated */
	zone = oc_zone_vec_push(&z->zones);
	if (!zone)
		return &oc_enomem;
	zone->addr = addr;
	zone->node = node->id;
	zone->idx = idx;
	name = oc_field_uint(t, zbuf, &l->name);
	err = name ? oc_target_read_cstr(t, name, zone->name,
					 sizeof(zone->name)) :
		     oc_error_create(OC_ERR_FAULT, "NULL");
	if (err) {
		snprintf(zone->name, sizeof(zone->name), "zone%d", idx);
		note_err(r, err, "zone name");
	}
	zone->boost =
		l->boost.ok ? (int64_t)oc_field_uint(t, zbuf, &l->boost) : 0;
	for (int w = 0; w < OC_WMARK_NR; w++)
		zone->wmark[w] = wadd(s_at(t, zbuf, &l->wmark, w), zone->boost);
	zone->reserved_highatomic =
		l->highatomic.ok ?
			(int64_t)oc_field_uint(t, zbuf, &l->highatomic) :
			-1;
	zone->managed =
		l->managed.ok ? oc_field_sint(t, zbuf, &l->managed) : -1;
	zone->present = oc_field_uint(t, zbuf, &l->present);
	zone->spanned = l->spanned.ok ?
				(int64_t)oc_field_uint(t, zbuf, &l->spanned) :
				-1;
	zone->start_pfn =
		l->start_pfn.ok ?
			(int64_t)oc_field_uint(t, zbuf, &l->start_pfn) :
			-1;
	zone->nr_lowmem_reserve = l->lowmem.ok ? (int)l->lowmem.len : 0;
	if (zone->nr_lowmem_reserve > OC_ZONES_MAX_ZONES)
		zone->nr_lowmem_reserve = OC_ZONES_MAX_ZONES;
	for (int i = 0; i < zone->nr_lowmem_reserve; i++)
		zone->lowmem_reserve[i] = s_at(t, zbuf, &l->lowmem, i);

	for (int i = 0; i < OC_ZS_NR; i++) {
		int e = l->zone_idx[i];

		zone->stat[i] = zone->stat_exact[i] = -1;
		if (e < 0)
			continue;
		zone->stat_exact[i] = s_at(t, zbuf, &l->vm_stat, e);
		zone->stat[i] = clamp_stat(z, zone->stat_exact[i]);
	}
	zone->stat_threshold_sum = -1;
	if (z->smp && l->zstat_ptr.ok) {
		int64_t before[OC_ZS_NR];

		memcpy(before, zone->stat_exact, sizeof(before));
		add_diffs(r, oc_field_uint(t, zbuf, &l->zstat_ptr),
			  l->zstat_size, &l->zdiff, &l->zthresh, l->zone_idx,
			  OC_ZS_NR, zone->stat_exact,
			  &zone->stat_threshold_sum);
		for (int i = 0; i < OC_ZS_NR; i++)
			if (z->gzone_exact[i] != -1 && before[i] != -1)
				z->gzone_exact[i] = wadd(
					z->gzone_exact[i],
					wsub(zone->stat_exact[i], before[i]));
	}
	read_zone_pcp(r, zone, zbuf);
	read_free_area(r, zone, zbuf);
	return NULL;
}

static void read_hugepages(struct reader *r, struct oc_node *node)
{
	struct oc_target *t = r->t;
	struct oc_zones *z = r->z;
	static const char *const fields[3] = {
		"nr_huge_pages_node",
		"free_huge_pages_node",
		"surplus_huge_pages_node",
	};
	uint64_t hstates, hsize;

	for (unsigned int h = 0; h < OC_ZONES_MAX_HSTATES; h++)
		node->huge[h] = (struct oc_hugepages){ -1, -1, -1 };
	if (!z->nr_hstates || !ok(oc_target_symbol(t, "hstates", &hstates)) ||
	    !ok(oc_target_type_size(t, "struct hstate", &hsize)))
		return;
	for (unsigned int h = 0; h < z->nr_hstates; h++) {
		int64_t *out[3] = { &node->huge[h].total, &node->huge[h].free,
				    &node->huge[h].surp };

		for (int i = 0; i < 3; i++) {
			struct oc_field f;
			uint64_t v;
			struct oc_error *err;

			oc_target_field(t, "struct hstate", fields[i], &f);
			if (!f.ok || (uint64_t)node->id >= f.len)
				continue;
			err = oc_target_read_int(t,
						 hstates + h * hsize + f.off +
							 node->id * f.elem,
						 f.elem, &v);
			if (err) {
				note_err(r, err, "hstate");
				continue;
			}
			*out[i] = v;
		}
	}
}

static void read_hstates(struct reader *r)
{
	struct oc_target *t = r->t;
	struct oc_zones *z = r->z;
	uint64_t hstates, hsize, addr;
	struct oc_field order, name;
	uint64_t v;

	if (!ok(oc_target_symbol(t, "hstates", &hstates)) ||
	    !ok(oc_target_type_size(t, "struct hstate", &hsize)) ||
	    !ok(oc_target_symbol(t, "hugetlb_max_hstate", &addr)) ||
	    !ok(oc_target_read_int(t, addr, 4, &v)))
		return; /* !CONFIG_HUGETLB_PAGE: nothing printed */
	oc_target_field(t, "struct hstate", "order", &order);
	oc_target_field(t, "struct hstate", "name", &name);
	if (v > OC_ZONES_MAX_HSTATES || !order.ok) {
		note(r, "hugetlb_max_hstate %" PRIu64 " not understood", v);
		return;
	}
	z->nr_hstates = v;
	for (unsigned int h = 0; h < z->nr_hstates; h++) {
		struct oc_hstate *hs = &z->hstates[h];
		uint64_t o = 0;
		struct oc_error *err = oc_target_read_int(
			t, hstates + h * hsize + order.off, order.size, &o);

		if (err) {
			note_err(r, err, "hstate order");
			z->nr_hstates = h;
			return;
		}
		hs->order = o;
		hs->size_kb = (int64_t)z->page_kb << o;
		if (name.ok) {
			err = oc_target_read_cstr(
				t, hstates + h * hsize + name.off, hs->name,
				sizeof(hs->name));
			if (err)
				oc_error_free(err);
		}
	}
}

static struct oc_error *read_node(struct reader *r, int nid, uint64_t pgdat,
				  char *pbuf, char *zbuf)
{
	struct oc_target *t = r->t;
	const struct layout *l = &r->l;
	struct oc_zones *z = r->z;
	struct oc_node *node;
	struct oc_error *err;

	err = oc_target_read(t, pgdat, pbuf, l->pgdat_size);
	if (err)
		return oc_error_wrap(err, "pglist_data of node %d", nid);
	node = oc_node_vec_push(&z->nodes);
	if (!node)
		return &oc_enomem;
	node->id = nid;
	node->pgdat = pgdat;
	node->kswapd_failures =
		l->kswapd_failures.ok ?
			(int)oc_field_sint(t, pbuf, &l->kswapd_failures) :
			-1;
	node->all_unreclaimable = node->kswapd_failures >= MAX_RECLAIM_RETRIES;
	node->present_pages =
		l->node_present.ok ?
			(int64_t)oc_field_uint(t, pbuf, &l->node_present) :
			-1;
	node->spanned_pages =
		l->node_spanned.ok ?
			(int64_t)oc_field_uint(t, pbuf, &l->node_spanned) :
			-1;
	node->start_pfn =
		l->node_start.ok ?
			(int64_t)oc_field_uint(t, pbuf, &l->node_start) :
			-1;
	for (int i = 0; i < OC_NS_NR; i++) {
		int e = l->node_idx[i];

		node->stat[i] = node->stat_exact[i] = -1;
		if (e < 0 || !l->pg_vm_stat.ok)
			continue;
		node->stat_exact[i] = s_at(t, pbuf, &l->pg_vm_stat, e);
		node->stat[i] = clamp_stat(z, node->stat_exact[i]);
	}
	node->stat_threshold_sum = -1;
	if (z->smp && l->nstat_ptr.ok) {
		int64_t before[OC_NS_NR];

		memcpy(before, node->stat_exact, sizeof(before));
		add_diffs(r, oc_field_uint(t, pbuf, &l->nstat_ptr),
			  l->nstat_size, &l->ndiff, &l->nthresh, l->node_idx,
			  OC_NS_NR, node->stat_exact,
			  &node->stat_threshold_sum);
		for (int i = 0; i < OC_NS_NR; i++)
			if (z->gnode_exact[i] != -1 && before[i] != -1)
				z->gnode_exact[i] = wadd(
					z->gnode_exact[i],
					wsub(node->stat_exact[i], before[i]));
	}
	/*
	 * !NUMA: node_page_state() is global_node_page_state(), which reads
	 * vm_node_stat[] rather than the pgdat's own array.
	 */
	if (!z->numa)
		for (int i = 0; i < OC_NS_NR; i++)
			if (z->gnode[i] != -1)
				node->stat[i] = z->gnode[i];
	read_hugepages(r, node);

	for (unsigned int i = 0; i < l->max_nr_zones; i++) {
		err = read_zone(r, node, pgdat, i, zbuf);
		if (err == &oc_enomem)
			return err;
		if (err)
			note_err(r, err, "zone");
	}
	return NULL;
}

/* vm_zone_stat[] / vm_node_stat[] (4.8+), vm_stat[] before. */
static void read_globals(struct reader *r)
{
	struct oc_target *t = r->t;
	const struct layout *l = &r->l;
	struct oc_zones *z = r->z;
	uint64_t addr;
	int64_t v;

	for (int i = 0; i < OC_ZS_NR; i++)
		z->gzone[i] = z->gzone_exact[i] = -1;
	for (int i = 0; i < OC_NS_NR; i++)
		z->gnode[i] = z->gnode_exact[i] = -1;
	if (ok(oc_target_symbol(t, "vm_zone_stat", &addr)) ||
	    ok(oc_target_symbol(t, "vm_stat", &addr))) {
		for (int i = 0; i < OC_ZS_NR; i++) {
			struct oc_error *err;

			if (l->zone_idx[i] < 0)
				continue;
			err = oc_target_read_sint(
				t, addr + l->zone_idx[i] * t->ptr_size,
				t->ptr_size, &v);
			if (err) {
				note_err(r, err, "vm_zone_stat");
				break;
			}
			z->gzone_exact[i] = v;
			z->gzone[i] = clamp_stat(z, v);
		}
	}
	if (ok(oc_target_symbol(t, "vm_node_stat", &addr))) {
		for (int i = 0; i < OC_NS_NR; i++) {
			struct oc_error *err;

			if (l->node_idx[i] < 0)
				continue;
			err = oc_target_read_sint(
				t, addr + l->node_idx[i] * t->ptr_size,
				t->ptr_size, &v);
			if (err) {
				note_err(r, err, "vm_node_stat");
				break;
			}
			z->gnode_exact[i] = v;
			z->gnode[i] = clamp_stat(z, v);
		}
	}
}

static void read_tail(struct reader *r)
{
	struct oc_kernel *k = r->k;
	struct oc_zones *z = r->z;
	const struct oc_zone *zone;
	int64_t v, movable_zone = -1;
	struct oc_error *err;

	z->pagecache = z->gnode[OC_NS_FILE_PAGES];
	/* total_swapcache_pages(): NR_SWAPCACHE from 5.13; without swap 0. */
	z->swapcache = z->gnode[OC_NS_SWAPCACHE];
	z->free_swap = k->nr_swap_pages;
	z->total_swap = k->total_swap_pages;
	/* Without CONFIG_SWAP show_swap_cache_info() prints nothing. */
	if (!k->swap)
		z->swapcache = z->free_swap = z->total_swap = -1;
	z->totalreserve_pages = k->totalreserve_pages;
	z->totalram_pages = k->totalram_pages;
	z->pages_ram = z->pages_highmem = z->pages_reserved = 0;
	err = oc_kernel_read_global(k, "movable_zone", 4, &v);
	if (!err)
		movable_zone = v;
	oc_error_free(err);
	oc_vec_for_each(&z->zones, zone) {
		bool highmem =
			zone->idx == z->zone_highmem ||
			(zone->idx == z->zone_movable && z->zone_highmem >= 0 &&
			 movable_zone == z->zone_highmem);

		z->pages_ram = wadd(z->pages_ram, zone->present);
		z->pages_reserved = wadd(z->pages_reserved,
					 wsub(zone->present, zone->managed));
		if (highmem)
			z->pages_highmem =
				wadd(z->pages_highmem, zone->present);
	}
	/* totalcma_pages always exists; it is printed with CONFIG_CMA. */
	z->cma_reserved = -1;
	if (enum_value(r->t, "MIGRATE_CMA") >= 0) {
		err = oc_kernel_read_global(k, "totalcma_pages", 0, &v);
		if (!err)
			z->cma_reserved = v;
		oc_error_free(err);
	}
	z->hwpoisoned = -1;
	err = oc_kernel_read_global(k, "num_poisoned_pages", 0, &v);
	if (!err)
		z->hwpoisoned = v;
	oc_error_free(err);
}

/* The present CPUs (see oc_zones.cpus), or the online ones. */
static struct oc_error *read_cpus(struct reader *r)
{
	struct oc_kernel *k = r->k;
	struct oc_zones *z = r->z;
	uint64_t addr, word = 0;
	struct oc_error *err;

	z->nr_online = k->nr_online;
	z->cpus = calloc(k->nr_cpu_ids ? k->nr_cpu_ids : 1, sizeof(uint32_t));
	if (!z->cpus)
		return &oc_enomem;
	if (k->nr_cpus && k->cpus && k->nr_cpus <= k->nr_cpu_ids) {
		memcpy(z->cpus, k->cpus, k->nr_cpus * sizeof(uint32_t));
		z->nr_cpus = k->nr_cpus;
	} else if (ok(oc_target_symbol(r->t, "__cpu_present_mask", &addr)) ||
		   ok(oc_target_symbol(r->t, "cpu_present_bits", &addr))) {
		for (uint32_t cpu = 0; cpu < k->nr_cpu_ids; cpu++) {
			if (cpu % 64 == 0) {
				err = oc_target_read_u64(r->t, addr + cpu / 8,
							 &word);
				if (err)
					return oc_error_wrap(
						err, "cpu_present_mask");
			}
			if (word >> (cpu % 64) & 1)
				z->cpus[z->nr_cpus++] = cpu;
		}
	} else {
		memcpy(z->cpus, k->online, k->nr_online * sizeof(uint32_t));
		z->nr_cpus = k->nr_online;
	}
	return NULL;
}

/* Migratetype count, letters and names, from the enumerators. */
static void read_migratetypes(struct reader *r)
{
	struct oc_target *t = r->t;
	struct oc_zones *z = r->z;
	uint64_t list_size = 2 * t->ptr_size;

	z->nr_mt = vmcoreinfo_num(t, "LENGTH(free_area.free_list)",
				  r->l.free_list.len ?
					  r->l.free_list.len :
					  r->l.free_list.size / list_size);
	if (z->nr_mt > OC_ZONES_MAX_MT) {
		note(r, "%u migratetypes, only %d read", z->nr_mt,
		     OC_ZONES_MAX_MT);
		z->nr_mt = OC_ZONES_MAX_MT;
	}
	for (size_t i = 0; i < sizeof(mt_table) / sizeof(mt_table[0]); i++) {
		int v = enum_value(t, mt_table[i].name);

		if (v < 0 || (unsigned int)v >= z->nr_mt)
			continue;
		z->mt_letter[v] = mt_table[i].letter;
		snprintf(z->mt_name[v], sizeof(z->mt_name[v]), "%s",
			 mt_table[i].short_name);
	}
	for (unsigned int i = 0; i < z->nr_mt; i++)
		if (!z->mt_name[i][0])
			snprintf(z->mt_name[i], sizeof(z->mt_name[i]), "type%u",
				 i);
}

struct oc_error *oc_zones_read(struct oc_kernel *k, struct oc_zones *out)
{
	struct oc_target *t = k->t;
	struct reader r = { .k = k, .t = t, .z = out };
	struct oc_error *err;
	uint64_t *bits = NULL, nbits, node_data = 0, contig = 0;
	char *pbuf = NULL, *zbuf = NULL;
	int64_t v;

	memset(out, 0, sizeof(*out));
	out->panic_cpu = -1;
	out->nr_cpu_ids = k->nr_cpu_ids;
	out->page_kb = k->page_size / 1024;
	err = resolve(&r);
	if (err)
		return err;
	out->max_nr_zones = r.l.max_nr_zones;
	out->nr_orders =
		vmcoreinfo_num(t, "LENGTH(zone.free_area)", r.l.free_area.len);
	if (!out->nr_orders || out->nr_orders > OC_ZONES_MAX_ORDERS ||
	    (r.l.free_area.len && out->nr_orders > r.l.free_area.len))
		return oc_error_create(OC_ERR_UNSUPPORTED,
				       "zones: %u free_area orders",
				       out->nr_orders);
	err = read_cpus(&r);
	if (err)
		return err;
	read_migratetypes(&r);
	out->zone_highmem = enum_value(t, "ZONE_HIGHMEM");
	out->zone_movable = enum_value(t, "ZONE_MOVABLE");
	/* Per-CPU deltas exist on SMP only; UP reads never clamp. */
	out->smp = r.l.zdiff.ok || r.l.ndiff.ok;
	out->thp = oc_target_has_symbol(t, "transparent_hugepage_flags");
	if (ok(oc_kernel_read_global(k, "panic_cpu", 4, &v)))
		out->panic_cpu = v >= 0 && v < (int64_t)k->nr_cpu_ids ? v : -1;
	else
		out->panic_cpu = -1;

	if (ok(oc_target_symbol(t, "node_data", &node_data)))
		out->numa = true;
	else if (!ok(oc_target_symbol(t, "contig_page_data", &contig)))
		return oc_error_create(OC_ERR_NOT_FOUND,
				       "zones: neither node_data nor "
				       "contig_page_data");
	read_globals(&r);
	read_hstates(&r);
	err = online_nodes(&r, &bits, &nbits);
	if (err)
		return err;
	pbuf = malloc(r.l.pgdat_size);
	zbuf = malloc(r.l.zone_size);
	if (!pbuf || !zbuf) {
		err = &oc_enomem;
		goto out;
	}
	for (uint64_t nid = 0; nid < nbits && nid < MAX_NODES; nid++) {
		uint64_t pgdat = contig;

		if (bits && !(bits[nid / 64] >> (nid % 64) & 1))
			continue;
		if (out->numa) {
			err = oc_target_read_ptr(
				t, node_data + nid * t->ptr_size, &pgdat);
			if (err || !pgdat) {
				note(&r, "node %" PRIu64 ": no pglist_data",
				     nid);
				oc_error_free(err);
				err = NULL;
				continue;
			}
		}
		err = read_node(&r, nid, pgdat, pbuf, zbuf);
		if (err == &oc_enomem)
			goto out;
		if (err) {
			note_err(&r, err, "node");
			err = NULL;
		}
	}
	read_tail(&r);
	for (size_t i = 0; i < out->zones.len; i++)
		if (out->zones.data[i].free_pcp > 0)
			out->free_pcp = wadd(out->free_pcp,
					     out->zones.data[i].free_pcp);
	if (!out->nodes.len)
		err = oc_error_create(OC_ERR_CORRUPT,
				      "zones: no node could be read");
	else
		err = r.oom;
out:
	free(bits);
	free(pbuf);
	free(zbuf);
	return err;
}

void oc_zones_free(struct oc_zones *z)
{
	struct oc_zone *zone;

	oc_vec_for_each(&z->zones, zone)
		free(zone->pcp_count);
	oc_zone_vec_free(&z->zones);
	oc_node_vec_free(&z->nodes);
	oc_zones_note_vec_free(&z->notes);
	free(z->cpus);
	z->cpus = NULL;
}

const struct oc_zone *oc_zones_find(const struct oc_zones *z, int node, int idx)
{
	const struct oc_zone *zone;

	oc_vec_for_each(&z->zones, zone)
		if (zone->node == node && zone->idx == idx)
			return zone;
	return NULL;
}

bool oc_zone_watermark_ok(const struct oc_zone *z, unsigned int order,
			  int highest_zoneidx, int alloc_flags_min_only,
			  int64_t *needed_free, int64_t *usable_free)
{
	int64_t mark =
		z->wmark[alloc_flags_min_only ? OC_WMARK_MIN : OC_WMARK_LOW];
	int64_t free = z->stat[OC_ZS_FREE_PAGES];
	int64_t needed, usable;

	if (highest_zoneidx < 0 || highest_zoneidx >= z->nr_lowmem_reserve ||
	    order >= 63)
		return false;
	usable = wsub(free, ((int64_t)1 << order) - 1);
	if (z->reserved_highatomic > 0)
		usable = wsub(usable, z->reserved_highatomic);
	if (z->stat[OC_ZS_FREE_CMA_PAGES] > 0)
		usable = wsub(usable, z->stat[OC_ZS_FREE_CMA_PAGES]);
	needed = wadd(mark, z->lowmem_reserve[highest_zoneidx]);
	if (needed_free)
		*needed_free = needed;
	if (usable_free)
		*usable_free = usable;
	if (usable <= needed)
		return false;
	if (!order)
		return true;
	for (unsigned int o = order; o < OC_ZONES_MAX_ORDERS; o++) {
		if (!z->nr_free[o])
			continue;
		if (z->types[o] & ((1u << MIGRATE_PCPTYPES) - 1))
			return true;
	}
	return false;
}

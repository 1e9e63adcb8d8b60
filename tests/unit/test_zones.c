// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Zones walker on a mock kernel: one node (contig_page_data), two zones of
 * which one is populated, three migratetypes, three orders, one CPU. Free
 * lists are real list_heads in mock memory, so a corrupt list (a cycle,
 * a bad prev pointer, a wild pointer, a list longer than nr_free) can be
 * built and must end the walk with a note, never hang. Then
 * oc_zone_watermark_ok() on hand-made zones.
 */
#include "oc_test.h"
#include "mock_target.h"
#include "oomcore/zones.h"

/* Layout of the mock kernel. */
#define ZONE_SIZE 512
#define AREA_SIZE 56		/* free_list[3] + nr_free */
#define NR_ORDERS 3
#define NR_MT 3
#define Z_WMARK 0
#define Z_BOOST 24
#define Z_HIGHATOMIC 32
#define Z_LOWMEM 40		/* long[2] */
#define Z_PRESENT 56
#define Z_MANAGED 64
#define Z_SPANNED 72
#define Z_NAME 80
#define Z_FREE_AREA 96
#define Z_VM_STAT 272		/* atomic_long_t[4] */
#define Z_PCP 304
#define Z_ZSTATS 312
#define PG_NODE_ID 1024
#define PG_KSWAPD_FAILURES 1028
#define PG_VM_STAT 1032		/* atomic_long_t[4] */
#define PG_NSTATS 1064
#define PGDAT_SIZE 1088

#define PGDAT_ADDR 0xffff000000100000ull
#define NAME_ADDR 0xffff000000200000ull
#define PAGES_ADDR 0xffff000000300000ull	/* struct page[64], 64 B */
#define PERCPU_ADDR 0x1000ull			/* __percpu pointers */
#define PERCPU_OFF 0xffff000000400000ull	/* CPU 0's offset */
#define NR_PAGES 256

static const struct mock_symbol symbols[] = {
	{ "contig_page_data", PGDAT_ADDR },
	{ NULL, 0 },
};

static const struct mock_member members[] = {
	{ "struct zone", NULL, 0, ZONE_SIZE },
	{ "struct pglist_data", NULL, 0, PGDAT_SIZE },
	{ "struct free_area", NULL, 0, AREA_SIZE },
	{ "struct page", NULL, 0, 64 },
	{ "struct page", "lru", 8, 16 },
	{ "struct pglist_data", "node_zones", 0, 2 * ZONE_SIZE },
	{ "struct pglist_data", "node_id", PG_NODE_ID, 4 },
	{ "struct pglist_data", "kswapd_failures", PG_KSWAPD_FAILURES, 4 },
	{ "struct pglist_data", "vm_stat", PG_VM_STAT, 32 },
	{ "struct pglist_data", "per_cpu_nodestats", PG_NSTATS, 8 },
	{ "struct zone", "_watermark", Z_WMARK, 24 },
	{ "struct zone", "watermark_boost", Z_BOOST, 8 },
	{ "struct zone", "nr_reserved_highatomic", Z_HIGHATOMIC, 8 },
	{ "struct zone", "lowmem_reserve", Z_LOWMEM, 16 },
	{ "struct zone", "present_pages", Z_PRESENT, 8 },
	{ "struct zone", "managed_pages", Z_MANAGED, 8 },
	{ "struct zone", "spanned_pages", Z_SPANNED, 8 },
	{ "struct zone", "name", Z_NAME, 8 },
	{ "struct zone", "free_area", Z_FREE_AREA, NR_ORDERS * AREA_SIZE },
	{ "struct zone", "vm_stat", Z_VM_STAT, 32 },
	{ "struct zone", "per_cpu_pageset", Z_PCP, 8 },
	{ "struct zone", "per_cpu_zonestats", Z_ZSTATS, 8 },
	{ "struct free_area", "free_list", 0, NR_MT * 16 },
	{ "struct free_area", "nr_free", NR_MT * 16, 8 },
	{ "struct per_cpu_pages", "count", 4, 4 },
	{ "struct per_cpu_zonestat", NULL, 0, 16 },
	{ "struct per_cpu_zonestat", "vm_stat_diff", 0, 4 },
	{ "struct per_cpu_zonestat", "stat_threshold", 4, 1 },
	{ "struct per_cpu_nodestat", NULL, 0, 16 },
	{ "struct per_cpu_nodestat", "stat_threshold", 0, 1 },
	{ "struct per_cpu_nodestat", "vm_node_stat_diff", 1, 4 },
	{ NULL, NULL, 0, 0 },
};

/* Array lengths, which the generic mock does not know. */
static const struct {
	const char *type, *path;
	uint64_t len;
} arrays[] = {
	{ "struct pglist_data", "node_zones", 2 },
	{ "struct pglist_data", "vm_stat", 4 },
	{ "struct zone", "_watermark", 3 },
	{ "struct zone", "lowmem_reserve", 2 },
	{ "struct zone", "free_area", NR_ORDERS },
	{ "struct zone", "vm_stat", 4 },
	{ "struct free_area", "free_list", NR_MT },
	{ "struct per_cpu_zonestat", "vm_stat_diff", 4 },
	{ "struct per_cpu_nodestat", "vm_node_stat_diff", 4 },
};

static const struct {
	const char *name;
	int64_t value;
} enums[] = {
	{ "NR_FREE_PAGES", 0 },
	{ "NR_ZONE_ACTIVE_ANON", 1 },
	{ "NR_MLOCK", 2 },
	{ "NR_ACTIVE_ANON", 0 },
	{ "NR_FILE_PAGES", 1 },
	{ "NR_SLAB_RECLAIMABLE_B", 2 },
	{ "MIGRATE_UNMOVABLE", 0 },
	{ "MIGRATE_MOVABLE", 1 },
	{ "MIGRATE_RECLAIMABLE", 2 },
	{ "ZONE_DMA32", 0 },
	{ "ZONE_NORMAL", 1 },
};

static struct oc_error *zmock_member(struct oc_target *t, const char *type,
				     const char *path,
				     struct oc_member_info *info)
{
	struct oc_error *err = mock_ops.member(t, type, path, info);

	if (err)
		return err;
	for (size_t i = 0; i < sizeof(arrays) / sizeof(arrays[0]); i++) {
		if (!strcmp(arrays[i].type, type) &&
		    !strcmp(arrays[i].path, path)) {
			info->array_len = arrays[i].len;
			info->elem_size = info->size / arrays[i].len;
		}
	}
	if (!strcmp(path, "managed_pages"))
		strcpy(info->type_name, "atomic_long_t");
	return NULL;
}

static struct oc_error *zmock_enumerator(struct oc_target *t,
					 const char *name, int64_t *value)
{
	for (size_t i = 0; i < sizeof(enums) / sizeof(enums[0]); i++) {
		if (!strcmp(enums[i].name, name)) {
			*value = enums[i].value;
			return NULL;
		}
	}
	return mock_ops.enumerator(t, name, value);
}

static struct oc_target_ops zmock_ops;

/* The mock kernel's memory. */
static unsigned char pgdat[PGDAT_SIZE];
static char zone_name[16] = "DMA32";
static unsigned char pages[NR_PAGES * 64];
static unsigned char percpu[0x400];	/* pcp @0, zonestat @0x100, node @0x200 */

static struct mock_target mock;
static struct oc_kernel kern;
static uint32_t online[1] = { 0 };
static uint64_t offsets[1] = { PERCPU_OFF };

static uint64_t page_addr(int i)
{
	return PAGES_ADDR + 64 * (uint64_t)i;
}

static uint64_t lru(int i)
{
	return page_addr(i) + 8;
}

static uint64_t head_addr(unsigned int order, int mt)
{
	return PGDAT_ADDR + Z_FREE_AREA + order * AREA_SIZE + mt * 16;
}

static unsigned char *head_mem(unsigned int order, int mt)
{
	return pgdat + Z_FREE_AREA + order * AREA_SIZE + mt * 16;
}

static unsigned char *lru_mem(int i)
{
	return pages + 64 * i + 8;
}

/* Builds a consistent list of @n pages starting at page @first. */
static void make_list(unsigned int order, int mt, int first, int n)
{
	uint64_t head = head_addr(order, mt), prev = head;

	put_le(head_mem(order, mt), n ? lru(first) : head, 8);
	for (int i = 0; i < n; i++) {
		put_le(lru_mem(first + i) + 8, prev, 8);
		put_le(lru_mem(first + i),
		       i + 1 < n ? lru(first + i + 1) : head, 8);
		prev = lru(first + i);
	}
	put_le(head_mem(order, mt) + 8, prev, 8);
}

static void set_nr_free(unsigned int order, uint64_t n)
{
	put_le(pgdat + Z_FREE_AREA + order * AREA_SIZE + NR_MT * 16, n, 8);
}

static void setup(void)
{
	memset(pgdat, 0, sizeof(pgdat));
	memset(pages, 0, sizeof(pages));
	memset(percpu, 0, sizeof(percpu));
	mock_init(&mock, symbols, members);
	zmock_ops = mock_ops;
	zmock_ops.member = zmock_member;
	zmock_ops.enumerator = zmock_enumerator;
	mock.base.ops = &zmock_ops;
	mock_add_region(&mock, PGDAT_ADDR, pgdat, sizeof(pgdat));
	mock_add_region(&mock, NAME_ADDR, zone_name, sizeof(zone_name));
	mock_add_region(&mock, PAGES_ADDR, pages, sizeof(pages));
	mock_add_region(&mock, PERCPU_OFF + PERCPU_ADDR, percpu,
			sizeof(percpu));

	/* Zone 0: DMA32, populated. Zone 1 stays empty (present 0). */
	put_le(pgdat + Z_WMARK, 100, 8);
	put_le(pgdat + Z_WMARK + 8, 125, 8);
	put_le(pgdat + Z_WMARK + 16, 150, 8);
	put_le(pgdat + Z_BOOST, 10, 8);
	put_le(pgdat + Z_HIGHATOMIC, 0, 8);
	put_le(pgdat + Z_LOWMEM, 0, 8);
	put_le(pgdat + Z_LOWMEM + 8, 300, 8);
	put_le(pgdat + Z_PRESENT, 4096, 8);
	put_le(pgdat + Z_MANAGED, 4000, 8);
	put_le(pgdat + Z_SPANNED, 4096, 8);
	put_le(pgdat + Z_NAME, NAME_ADDR, 8);
	put_le(pgdat + Z_VM_STAT, 5, 8);		/* free */
	put_le(pgdat + Z_VM_STAT + 8, (uint64_t)-3, 8);	/* active_anon < 0 */
	put_le(pgdat + Z_VM_STAT + 16, 7, 8);		/* mlock */
	put_le(pgdat + Z_PCP, PERCPU_ADDR, 8);
	put_le(pgdat + Z_ZSTATS, PERCPU_ADDR + 0x100, 8);
	for (unsigned int o = 0; o < NR_ORDERS; o++)
		for (int mt = 0; mt < NR_MT; mt++)
			make_list(o, mt, 0, 0);
	/* Zone 1's lists are never read (not populated). */

	put_le(pgdat + PG_KSWAPD_FAILURES, 16, 4);
	put_le(pgdat + PG_VM_STAT, 40, 8);		/* active_anon */
	put_le(pgdat + PG_VM_STAT + 8, 12, 8);	/* file pages */
	put_le(pgdat + PG_VM_STAT + 16, 9, 8);	/* slab reclaimable */
	put_le(pgdat + PG_NSTATS, PERCPU_ADDR + 0x200, 8);

	/* CPU 0: 6 pages on the pcp list, deltas +2 free, -1 anon. */
	put_le(percpu + 4, 6, 4);
	percpu[0x100 + 0] = 2;
	percpu[0x100 + 1] = 0xff;
	percpu[0x100 + 4] = 32;		/* zone stat_threshold */
	percpu[0x200 + 0] = 8;		/* node stat_threshold */
	percpu[0x200 + 1] = 3;		/* active_anon +3 */

	/* Free lists: order 0 U x3, order 1 M x1, order 2 empty. */
	make_list(0, 0, 0, 3);
	set_nr_free(0, 3);
	make_list(1, 1, 250, 1);
	set_nr_free(1, 1);

	memset(&kern, 0, sizeof(kern));
	kern.t = &mock.base;
	kern.page_size = 4096;
	kern.page_shift = 12;
	kern.nr_cpu_ids = 1;
	kern.nr_online = 1;
	kern.online = online;
	kern.percpu_offset = offsets;
	kern.totalram_pages = 4000;
	kern.totalreserve_pages = 200;
	kern.total_swap_pages = -1;
	kern.nr_swap_pages = -1;
}

static bool has_note(const struct oc_zones *z, const char *needle)
{
	for (size_t i = 0; i < z->notes.len; i++)
		if (strstr(z->notes.data[i].text, needle))
			return true;
	return false;
}

static void test_read(void)
{
	struct oc_zones z;
	const struct oc_zone *zn;

	setup();
	OC_CHECK_OK(oc_zones_read(&kern, &z));
	OC_CHECK(!z.numa);
	OC_CHECK(z.smp);
	OC_CHECK_INT(z.nodes.len, 1);
	OC_CHECK_INT(z.zones.len, 1);
	OC_CHECK_INT(z.nr_orders, NR_ORDERS);
	OC_CHECK_INT(z.nr_mt, NR_MT);
	OC_CHECK_INT(z.mt_letter[0], 'U');
	OC_CHECK_INT(z.mt_letter[1], 'M');
	OC_CHECK_INT(z.mt_letter[2], 'E');
	zn = oc_zones_find(&z, 0, 0);
	OC_CHECK(zn != NULL);
	if (!zn) {
		oc_zones_free(&z);
		return;
	}
	OC_CHECK_STR(zn->name, "DMA32");
	OC_CHECK_INT(zn->wmark[OC_WMARK_MIN], 110);	/* + boost */
	OC_CHECK_INT(zn->wmark[OC_WMARK_LOW], 135);
	OC_CHECK_INT(zn->wmark[OC_WMARK_HIGH], 160);
	OC_CHECK_INT(zn->boost, 10);
	OC_CHECK_INT(zn->managed, 4000);
	OC_CHECK_INT(zn->present, 4096);
	OC_CHECK_INT(zn->nr_lowmem_reserve, 2);
	OC_CHECK_INT(zn->lowmem_reserve[1], 300);
	OC_CHECK_INT(zn->free_pcp, 6);
	OC_CHECK_INT(zn->pcp_count[0], 6);
	OC_CHECK_INT(zn->stat[OC_ZS_FREE_PAGES], 5);
	OC_CHECK_INT(zn->stat_exact[OC_ZS_FREE_PAGES], 7);
	OC_CHECK_INT(zn->stat[OC_ZS_ACTIVE_ANON], 0);	/* clamped */
	OC_CHECK_INT(zn->stat_exact[OC_ZS_ACTIVE_ANON], -4);
	OC_CHECK_INT(zn->stat[OC_ZS_MLOCK], 7);
	OC_CHECK_INT(zn->stat[OC_ZS_BOUNCE], -1);	/* absent */
	OC_CHECK_INT(zn->stat_threshold_sum, 32);
	OC_CHECK_INT(zn->nr_free[0], 3);
	OC_CHECK_INT(zn->nr_free[1], 1);
	OC_CHECK_INT(zn->types[0], 1);
	OC_CHECK_INT(zn->types[1], 2);
	OC_CHECK_INT(zn->types[2], 0);
	OC_CHECK_INT(zn->blocks[0][0], 3);
	OC_CHECK_INT(zn->blocks[1][1], 1);
	OC_CHECK_INT(zn->blocks[1][0], 0);
	OC_CHECK(zn->walk_complete);
	OC_CHECK(!zn->walk_mismatch);
	OC_CHECK_INT(zn->free_buddy_pages, 5);
	OC_CHECK_INT(z.nodes.data[0].stat[OC_NS_ACTIVE_ANON], 40);
	OC_CHECK_INT(z.nodes.data[0].stat_exact[OC_NS_ACTIVE_ANON], 43);
	OC_CHECK_INT(z.nodes.data[0].stat[OC_NS_SLAB_RECLAIMABLE], 9);
	OC_CHECK(z.nodes.data[0].all_unreclaimable);
	OC_CHECK_INT(z.pages_ram, 4096);
	OC_CHECK_INT(z.pages_reserved, 96);
	OC_CHECK_INT(z.pages_highmem, 0);
	OC_CHECK_INT(z.free_pcp, 6);
	OC_CHECK_INT(z.notes.len, 0);
	oc_zones_free(&z);
}

/* Each corruption ends the walk of its order with a note. */
static void check_broken(const char *what, const char *note)
{
	struct oc_zones z;
	const struct oc_zone *zn;

	OC_CHECK_OK(oc_zones_read(&kern, &z));
	zn = oc_zones_find(&z, 0, 0);
	OC_CHECK(zn != NULL);
	if (zn) {
		OC_CHECK(!zn->walk_complete);
		OC_CHECK_INT(zn->blocks[0][0], -1);
		/* The other orders are still walked. */
		OC_CHECK_INT(zn->blocks[1][1], 1);
		/* The printed figures do not depend on the walk. */
		OC_CHECK_INT(zn->nr_free[0], 3);
		OC_CHECK_INT(zn->types[0], 1);
	}
	if (!has_note(&z, note)) {
		fprintf(stderr, "%s: no note with \"%s\"\n", what, note);
		OC_CHECK(false);
	}
	oc_zones_free(&z);
}

static void test_corrupt_lists(void)
{
	struct oc_zones z;
	const struct oc_zone *zn;

	/* A cycle that never returns to the head: 0 -> 1 -> 2 -> 1. */
	setup();
	put_le(lru_mem(2), lru(1), 8);
	check_broken("cycle", "bad prev pointer");

	/* A self-loop. */
	setup();
	put_le(lru_mem(0), lru(0), 8);
	check_broken("self-loop", "bad prev pointer");

	/* A wild pointer. */
	setup();
	put_le(lru_mem(1), 0xdead000000000100ull, 8);
	check_broken("wild pointer", "unreadable");

	/* A consistent list far longer than nr_free says: stop at the cap. */
	setup();
	make_list(0, 0, 0, 200);
	check_broken("long list", "longer than");

	/* A list shorter than nr_free: complete, but flagged. */
	setup();
	set_nr_free(0, 4);
	OC_CHECK_OK(oc_zones_read(&kern, &z));
	zn = oc_zones_find(&z, 0, 0);
	OC_CHECK(zn && zn->walk_complete && zn->walk_mismatch);
	OC_CHECK(has_note(&z, "nr_free says 4"));
	oc_zones_free(&z);

	/* Wild per-CPU pointers: notes, the rest is read. */
	setup();
	put_le(pgdat + Z_PCP, 0x7000000, 8);
	put_le(pgdat + Z_ZSTATS, 0x7000000, 8);
	put_le(pgdat + PG_NSTATS, 0x7000000, 8);
	OC_CHECK_OK(oc_zones_read(&kern, &z));
	zn = oc_zones_find(&z, 0, 0);
	OC_CHECK(zn && zn->free_pcp == 0 && zn->pcp_count[0] == -1);
	OC_CHECK(zn && zn->stat[OC_ZS_FREE_PAGES] == 5 && zn->walk_complete);
	OC_CHECK(has_note(&z, "per-CPU page count"));
	OC_CHECK(has_note(&z, "per-CPU vm stat deltas"));
	oc_zones_free(&z);

	/* An unreadable zone name is a note, not a failure. */
	setup();
	put_le(pgdat + Z_NAME, 0x10, 8);
	OC_CHECK_OK(oc_zones_read(&kern, &z));
	OC_CHECK(z.zones.len == 1 && !strcmp(z.zones.data[0].name, "zone0"));
	OC_CHECK(has_note(&z, "zone name"));
	oc_zones_free(&z);
}

static void test_no_layout(void)
{
	static const struct mock_member none[] = { { NULL, NULL, 0, 0 } };
	struct oc_zones z;
	struct oc_error *err;

	setup();
	mock.members = none;
	err = oc_zones_read(&kern, &z);
	OC_CHECK(err != NULL);
	oc_error_free(err);
	oc_zones_free(&z);
}

static struct oc_zone wm_zone(int64_t free, int64_t min, int64_t low)
{
	struct oc_zone z;

	memset(&z, 0, sizeof(z));
	z.stat[OC_ZS_FREE_PAGES] = free;
	z.stat[OC_ZS_FREE_CMA_PAGES] = 0;
	z.wmark[OC_WMARK_MIN] = min;
	z.wmark[OC_WMARK_LOW] = low;
	z.wmark[OC_WMARK_HIGH] = low + 10;
	z.nr_lowmem_reserve = 3;
	z.lowmem_reserve[0] = 0;
	z.lowmem_reserve[1] = 30;
	z.lowmem_reserve[2] = 1000;
	return z;
}

static void test_watermark(void)
{
	struct oc_zone z = wm_zone(100, 50, 60);
	int64_t need = 0, usable = 0;

	/* Order 0: free > min + lowmem_reserve[highest]. */
	OC_CHECK(oc_zone_watermark_ok(&z, 0, 0, 1, &need, &usable));
	OC_CHECK_INT(need, 50);
	OC_CHECK_INT(usable, 100);
	OC_CHECK(oc_zone_watermark_ok(&z, 0, 1, 1, &need, &usable));
	OC_CHECK_INT(need, 80);
	OC_CHECK(!oc_zone_watermark_ok(&z, 0, 2, 1, &need, &usable));
	OC_CHECK_INT(need, 1050);
	/* The low watermark for the fast path. */
	OC_CHECK(oc_zone_watermark_ok(&z, 0, 1, 0, &need, NULL));
	OC_CHECK_INT(need, 90);
	/* Equal is not enough: free_pages <= min fails. */
	z.stat[OC_ZS_FREE_PAGES] = 90;
	OC_CHECK(!oc_zone_watermark_ok(&z, 0, 1, 0, NULL, &usable));
	OC_CHECK_INT(usable, 90);
	/* Highatomic reserves and free CMA are not usable. */
	z = wm_zone(100, 50, 60);
	z.reserved_highatomic = 15;
	z.stat[OC_ZS_FREE_CMA_PAGES] = 5;
	OC_CHECK(!oc_zone_watermark_ok(&z, 0, 1, 1, &need, &usable));
	OC_CHECK_INT(usable, 80);
	/* Order 2: 3 pages unusable, and a block of order >= 2 needed. */
	z = wm_zone(100, 50, 60);
	OC_CHECK(!oc_zone_watermark_ok(&z, 2, 0, 1, &need, &usable));
	OC_CHECK_INT(usable, 97);
	z.nr_free[1] = 20;
	z.types[1] = 1;
	OC_CHECK(!oc_zone_watermark_ok(&z, 2, 0, 1, NULL, NULL));
	z.nr_free[3] = 1;
	z.types[3] = 1 << 3;	/* only MIGRATE_HIGHATOMIC: not usable */
	OC_CHECK(!oc_zone_watermark_ok(&z, 2, 0, 1, NULL, NULL));
	z.types[3] |= 1 << 1;	/* MIGRATE_MOVABLE */
	OC_CHECK(oc_zone_watermark_ok(&z, 2, 0, 1, NULL, NULL));
	/* The order-0 check comes first. */
	z.stat[OC_ZS_FREE_PAGES] = 52;
	OC_CHECK(!oc_zone_watermark_ok(&z, 2, 0, 1, NULL, NULL));
	/* Out of range. */
	OC_CHECK(!oc_zone_watermark_ok(&z, 0, 3, 1, NULL, NULL));
	OC_CHECK(!oc_zone_watermark_ok(&z, 0, -1, 1, NULL, NULL));
}

int main(void)
{
	test_read();
	test_corrupt_lists();
	test_no_layout();
	test_watermark();
	return oc_test_done();
}

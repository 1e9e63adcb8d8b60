// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The memcg walker on a mock target laid out like 6.1 (offsets from its
 * DWARF): the css children walk, kernfs paths, counters, mem_cgroup_get_max
 * and the limiting ancestor; then damage: a cyclic children list, a
 * kernfs parent loop and a wild list pointer must end the walk with a
 * note, never hang or crash.
 */
#include "oc_test.h"
#include "mock_target.h"
#include "oomcore/memcg.h"

#define BASE 0x10000000ULL
#define MEMCG_SIZE 1792
#define SLOT 0x800     /* one memcg + its cgroup + kernfs node */
#define CGRP_OFF 0x700 /* struct cgroup inside the slot */
#define KN_OFF 0x740   /* struct kernfs_node inside the slot */
#define NAME_OFF 0x7c0
#define NSLOTS 8
#define GLOBALS (BASE + NSLOTS * SLOT)

/* 6.1 offsets (pahole of the 6.1-tiny vmlinux). */
enum {
	CSS_CGROUP = 0,
	CSS_SIBLING = 32,
	CSS_CHILDREN = 48,
	CSS_ID = 80,
	CSS_FLAGS = 84,
	CSS_PARENT = 192,
	MC_ID = 200,
	MC_MEMORY = 256,
	MC_SWAP = 448,
	MC_SWAPPINESS = 1192,
	MC_EVENTS = 1480,
	PC_USAGE = 0,
	PC_WATERMARK = 112,
	PC_FAILCNT = 120,
	PC_MAX = 152,
	CG_KN = 0x10,
	KN_PARENT = 8,
	KN_NAME = 16,
};

static const struct mock_member members[] = {
	{ "struct mem_cgroup", NULL, 0, MEMCG_SIZE },
	{ "struct mem_cgroup", "css", 0, 200 },
	{ "struct mem_cgroup", "id.id", MC_ID, 4 },
	{ "struct mem_cgroup", "memory", MC_MEMORY, 192 },
	{ "struct mem_cgroup", "swap", MC_SWAP, 192 },
	{ "struct mem_cgroup", "memsw", MC_SWAP, 192 },
	{ "struct mem_cgroup", "swappiness", MC_SWAPPINESS, 4 },
	{ "struct mem_cgroup", "memory_events", MC_EVENTS, 72 },
	{ "struct cgroup_subsys_state", "cgroup", CSS_CGROUP, 8 },
	{ "struct cgroup_subsys_state", "sibling", CSS_SIBLING, 16 },
	{ "struct cgroup_subsys_state", "children", CSS_CHILDREN, 16 },
	{ "struct cgroup_subsys_state", "id", CSS_ID, 4 },
	{ "struct cgroup_subsys_state", "flags", CSS_FLAGS, 4 },
	{ "struct cgroup_subsys_state", "parent", CSS_PARENT, 8 },
	{ "struct cgroup", "kn", CG_KN, 8 },
	{ "struct kernfs_node", "parent", KN_PARENT, 8 },
	{ "struct kernfs_node", "name", KN_NAME, 8 },
	{ "struct page_counter", "usage", PC_USAGE, 8 },
	{ "struct page_counter", "watermark", PC_WATERMARK, 8 },
	{ "struct page_counter", "failcnt", PC_FAILCNT, 8 },
	{ "struct page_counter", "max", PC_MAX, 8 },
	{ "struct cgroup_subsys", "root", 0x40, 8 },
	{},
};

/* The same plus 6.1's rstat statistics: two state items. */
enum { MC_VMSTATS = 1472, MC_VMSTATS_PERCPU = 1744 };

static const struct mock_member members_stats[] = {
	{ "struct mem_cgroup", "vmstats", MC_VMSTATS, 8 },
	{ "struct mem_cgroup", "vmstats_percpu", MC_VMSTATS_PERCPU, 8 },
	{ "struct memcg_vmstats", NULL, 0, 32 },
	{ "struct memcg_vmstats", "state", 0, 16 },
	{ "struct memcg_vmstats", "state_pending", 16, 16 },
	{ "struct memcg_vmstats_percpu", NULL, 0, 32 },
	{ "struct memcg_vmstats_percpu", "state", 0, 16 },
	{ "struct memcg_vmstats_percpu", "state_prev", 16, 16 },
	{},
};

static struct mock_member all_members[64];

static struct oc_error *stats_enumerator(struct oc_target *t, const char *name,
					 int64_t *value)
{
	if (!strcmp(name, "NR_ANON_MAPPED")) {
		*value = 0;
		return NULL;
	}
	if (!strcmp(name, "NR_SLAB_RECLAIMABLE_B")) {
		*value = 1;
		return NULL;
	}
	return oc_error_create(OC_ERR_NOT_FOUND, "mock: no %s", name);
}

static const struct mock_symbol symbols[] = {
	{ "root_mem_cgroup", GLOBALS },
	{ "memory_cgrp_subsys", GLOBALS + 0x100 },
	{ "cgrp_dfl_root", GLOBALS + 0x400 },
	{ "vm_swappiness", GLOBALS + 0x20 },
	{},
};

static unsigned char mem[NSLOTS * SLOT + 0x1000];
static struct mock_target mock;

static uint64_t slot(int i)
{
	return BASE + (uint64_t)i * SLOT;
}

static void put(uint64_t addr, uint64_t v, size_t size)
{
	put_le(mem + (addr - BASE), v, size);
}

/* A group in slot @i: name, parent slot (-1 root), usage, max. */
static void mk_group(int i, const char *name, int parent, uint64_t usage,
		     uint64_t max)
{
	uint64_t a = slot(i), css_children = a + CSS_CHILDREN;

	put(a + CSS_CGROUP, a + CGRP_OFF, 8);
	put(a + CSS_ID, i + 1, 4);
	put(a + CSS_FLAGS, 1u << 1, 4); /* CSS_ONLINE */
	put(a + MC_ID, 100 + i, 4);
	put(a + CSS_PARENT, parent < 0 ? 0 : slot(parent), 8);
	/* empty children list */
	put(css_children, css_children, 8);
	put(css_children + 8, css_children, 8);
	put(a + MC_MEMORY + PC_USAGE, usage, 8);
	put(a + MC_MEMORY + PC_MAX, max, 8);
	put(a + MC_MEMORY + PC_WATERMARK, usage + 1, 8);
	put(a + MC_MEMORY + PC_FAILCNT, i, 8);
	put(a + MC_SWAP + PC_MAX, 1000, 8);
	put(a + MC_SWAPPINESS, 60, 4);
	put(a + MC_EVENTS + 4 * 8, 7, 8);
	put(a + CGRP_OFF + CG_KN, a + KN_OFF, 8);
	put(a + KN_OFF + KN_PARENT, parent < 0 ? 0 : slot(parent) + KN_OFF, 8);
	put(a + KN_OFF + KN_NAME, a + NAME_OFF, 8);
	memcpy(mem + (a - BASE) + NAME_OFF, name, strlen(name) + 1);
}

/* Links the children (slots) of @parent in order. */
static void link_children(int parent, const int *kids, int n)
{
	uint64_t head = slot(parent) + CSS_CHILDREN;
	uint64_t prev = head;

	for (int c = 0; c < n; c++) {
		uint64_t node = slot(kids[c]) + CSS_SIBLING;

		put(prev, node, 8);	/* prev->next */
		put(node + 8, prev, 8); /* node->prev */
		prev = node;
	}
	put(prev, head, 8);
	put(head + 8, prev, 8);
}

static void setup(void)
{
	memset(mem, 0, sizeof(mem));
	mock_init(&mock, symbols, members);
	mock_add_region(&mock, BASE, mem, sizeof(mem));
	put(GLOBALS, slot(0), 8);			 /* root_mem_cgroup */
	put(GLOBALS + 0x100 + 0x40, GLOBALS + 0x400, 8); /* v2 */
	put(GLOBALS + 0x20, 60, 4);			 /* vm_swappiness */
	/* / { app { leaf, other }, sys } */
	mk_group(0, "", -1, 5000, INT64_MAX / 4096);
	mk_group(1, "app", 0, 3000, 4000);
	mk_group(2, "leaf", 1, 1000, 1024);
	mk_group(3, "other", 1, 2000, INT64_MAX / 4096);
	mk_group(4, "sys", 0, 100, INT64_MAX / 4096);
	link_children(0, (int[]){ 1, 4 }, 2);
	link_children(1, (int[]){ 2, 3 }, 2);
}

static void init_kernel(struct oc_kernel *k)
{
	memset(k, 0, sizeof(*k));
	k->t = &mock.base;
	k->page_size = 4096;
	k->page_shift = 12;
	k->nr_cpu_ids = 1;
	k->total_swap_pages = 500;
}

static void test_tree(void)
{
	struct oc_kernel k;
	struct oc_memcgs m;

	setup();
	init_kernel(&k);
	OC_CHECK_OK(oc_memcg_read(&k, &m));
	OC_CHECK(m.partial == NULL);
	OC_CHECK(m.v2);
	OC_CHECK_INT(m.groups.len, 5);
	if (m.groups.len == 5) {
		static const char *const paths[] = { "/", "/app", "/app/leaf",
						     "/app/other", "/sys" };
		static const int parents[] = { -1, 0, 1, 1, 0 };

		for (int i = 0; i < 5; i++) {
			OC_CHECK_STR(m.groups.data[i].path, paths[i]);
			OC_CHECK_INT(m.groups.data[i].parent, parents[i]);
		}
		OC_CHECK_INT(m.groups.data[2].memory.usage, 1000);
		OC_CHECK_INT(m.groups.data[2].memory.max, 1024);
		OC_CHECK_INT(m.groups.data[2].memory.failcnt, 2);
		OC_CHECK_INT(m.groups.data[2].memory.watermark, 1001);
		OC_CHECK_INT(m.groups.data[2].id, 102);
		OC_CHECK_INT(m.groups.data[2].css_id, 3);
		OC_CHECK(m.groups.data[2].online && !m.groups.data[2].dying);
		OC_CHECK(
			oc_memcg_is_unlimited(&m, m.groups.data[0].memory.max));
		/* leaf 1000/1024 beats app 3000/4000 */
		OC_CHECK_INT(oc_memcg_limiting_ancestor(&m, 2), 2);
		OC_CHECK_INT(oc_memcg_limiting_ancestor(&m, 3), 1);
		OC_CHECK_INT(oc_memcg_limiting_ancestor(&m, 4), -1);
		OC_CHECK_INT(oc_memcg_find(&m, slot(3)), 3);
		OC_CHECK_INT(oc_memcg_find(&m, 0x1234), -1);
		/* v2, swappiness 60: max + min(swap.max 1000, swap 500) */
		OC_CHECK_INT(oc_memcg_get_max(&m, 2, 500), 1524);
		OC_CHECK_INT(oc_memcg_get_max(&m, 2, -1), 1024);
		/* no MEMCG_* enumerators in the mock: no events, stats */
		OC_CHECK_INT(m.groups.data[2].events[OC_MEMCG_EV_OOM_KILL], -1);
		OC_CHECK(!m.stats);
	}
	oc_memcgs_free(&m);
	/* vm_swappiness 0: no swap in totalpages */
	put(GLOBALS + 0x20, 0, 4);
	OC_CHECK_OK(oc_memcg_read(&k, &m));
	OC_CHECK_INT(oc_memcg_get_max(&m, 2, 500), 1024);
	oc_memcgs_free(&m);
}

static void test_cycle(void)
{
	struct oc_kernel k;
	struct oc_memcgs m;

	setup();
	init_kernel(&k);
	/* app's children: leaf -> other -> leaf -> ... never the head */
	put(slot(3) + CSS_SIBLING, slot(2) + CSS_SIBLING, 8);
	OC_CHECK_OK(oc_memcg_read(&k, &m));
	OC_CHECK(m.partial != NULL);
	if (m.partial)
		OC_CHECK(strstr(m.partial->message, "/app") != NULL);
	/* the walk goes on after the broken list: sys is still found */
	OC_CHECK_INT(m.groups.len, 5);
	OC_CHECK_INT(oc_memcg_find(&m, slot(4)), 4);
	oc_memcgs_free(&m);

	/* a list that points at itself */
	setup();
	put(slot(2) + CSS_SIBLING, slot(2) + CSS_SIBLING, 8);
	OC_CHECK_OK(oc_memcg_read(&k, &m));
	OC_CHECK(m.partial != NULL);
	OC_CHECK_INT(m.groups.len, 4);
	oc_memcgs_free(&m);

	/* a wild pointer: the list of app ends, the rest is read */
	setup();
	put(slot(2) + CSS_SIBLING, 0xdead0000, 8);
	OC_CHECK_OK(oc_memcg_read(&k, &m));
	OC_CHECK(m.partial != NULL);
	OC_CHECK_INT(m.groups.len, 4);
	OC_CHECK_INT(oc_memcg_find(&m, slot(4)), 3);
	oc_memcgs_free(&m);

	/* a child whose css.parent disagrees with the list it is on */
	setup();
	put(slot(4) + CSS_PARENT, slot(1), 8);
	OC_CHECK_OK(oc_memcg_read(&k, &m));
	OC_CHECK(m.partial != NULL);
	OC_CHECK_INT(m.groups.len, 4);
	oc_memcgs_free(&m);
}

static void test_kernfs(void)
{
	struct oc_kernel k;
	struct oc_memcgs m;

	/* kernfs parents that loop: the path is "?" and a note is left */
	setup();
	init_kernel(&k);
	put(slot(2) + KN_OFF + KN_PARENT, slot(3) + KN_OFF, 8);
	put(slot(3) + KN_OFF + KN_PARENT, slot(2) + KN_OFF, 8);
	OC_CHECK_OK(oc_memcg_read(&k, &m));
	OC_CHECK(m.partial != NULL);
	OC_CHECK_INT(m.groups.len, 5);
	if (m.groups.len == 5) {
		OC_CHECK_STR(m.groups.data[2].path, "?");
		OC_CHECK_STR(m.groups.data[4].path, "/sys");
	}
	oc_memcgs_free(&m);

	/* an unreadable name */
	setup();
	put(slot(4) + KN_OFF + KN_NAME, 0xdead0000, 8);
	OC_CHECK_OK(oc_memcg_read(&k, &m));
	OC_CHECK(m.partial != NULL);
	if (m.groups.len == 5)
		OC_CHECK_STR(m.groups.data[4].path, "?");
	oc_memcgs_free(&m);

	/* root_mem_cgroup NULL: memcg disabled, an error */
	setup();
	put(GLOBALS, 0, 8);
	{
		struct oc_error *err = oc_memcg_read(&k, &m);

		OC_CHECK(err != NULL);
		oc_error_free(err);
		oc_memcgs_free(&m);
	}
}

/* vmstats of group @i: state, pending, percpu state, percpu prev (item 0) */
static void mk_stats(int i, int64_t st, int64_t pend, int64_t pc, int64_t prev)
{
	uint64_t vs = GLOBALS + 0x800 + i * 0x80, vp = vs + 0x40;

	put(slot(i) + MC_VMSTATS, vs, 8);
	put(slot(i) + MC_VMSTATS_PERCPU, vp, 8);
	put(vs, st, 8);
	put(vs + 8, 1000 + i, 8); /* slab_reclaimable_b, bytes */
	put(vs + 16, pend, 8);
	put(vp, pc, 8);
	put(vp + 16, prev, 8);
}

/*
 * The exact value: state + pending + pending of every group below +
 * every per-CPU delta of the subtree (the rstat flush, see memcg.c).
 */
static void test_stats(void)
{
	struct oc_target_ops ops = mock_ops;
	struct oc_kernel k;
	struct oc_memcgs m;
	int n = 0;

	for (const struct mock_member *e = members; e->type; e++)
		all_members[n++] = *e;
	for (const struct mock_member *e = members_stats; e->type; e++)
		all_members[n++] = *e;
	setup();
	mock.members = all_members;
	ops.enumerator = stats_enumerator;
	mock.base.ops = &ops;
	init_kernel(&k);
	mk_stats(0, 100, 5, 1, 0); /* / */
	mk_stats(1, 20, 2, 9, 9);  /* /app */
	mk_stats(2, 10, 1, 7, 4);  /* /app/leaf */
	mk_stats(3, 5, 0, 2, 0);   /* /app/other */
	mk_stats(4, -3, 0, 0, 0);  /* /sys: negative, clamped */
	OC_CHECK_OK(oc_memcg_read(&k, &m));
	OC_CHECK(m.stats && m.stats_exact);
	if (m.groups.len == 5 && m.stats_exact) {
		const struct oc_memcg *g = m.groups.data;

		OC_CHECK_INT(g[2].stat[OC_MEMCG_ANON], 10 * 4096);
		OC_CHECK_INT(g[2].stat_exact[OC_MEMCG_ANON], 14 * 4096);
		OC_CHECK_INT(g[3].stat_exact[OC_MEMCG_ANON], 7 * 4096);
		/* 20 + 2 + (1 + 0) + (0 + 3 + 2) */
		OC_CHECK_INT(g[1].stat_exact[OC_MEMCG_ANON], 28 * 4096);
		/* 100 + 5 + (2 + 1 + 0 + 0) + (1 + 0 + 3 + 2 + 0) */
		OC_CHECK_INT(g[0].stat_exact[OC_MEMCG_ANON], 114 * 4096);
		OC_CHECK_INT(g[4].stat[OC_MEMCG_ANON], 0);
		/* *_B items are bytes; slab = reclaimable + unreclaimable */
		OC_CHECK_INT(g[1].stat[OC_MEMCG_SLAB_RECLAIMABLE], 1001);
		OC_CHECK_INT(g[1].stat[OC_MEMCG_SLAB], -1);
		OC_CHECK_INT(g[1].stat[OC_MEMCG_FILE], -1);
	}
	oc_memcgs_free(&m);
}

int main(void)
{
	test_stats();
	test_tree();
	test_cycle();
	test_kernfs();
	return oc_test_done();
}

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Memory findings of the OOM analysis: what filled memory, whether the
 * failing request passed the zone watermarks (exhaustion or
 * fragmentation), swap, page tables, shmem, unreclaimable slab, hugetlb,
 * and for memcg OOMs what filled the cgroup.
 *
 * The watermark test mirrors mm/page_alloc.c __zone_watermark_ok() at
 * ALLOC_WMARK_MIN (what the allocator last tried before the OOM killer):
 * free - (2^order - 1) must exceed min + lowmem_reserve[classzone], and
 * for order > 0 a free block of at least that order must exist (the
 * migratetype letters are not weighed).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "oom/analysis_internal.h"
#include "oomcore/badness.h"
#include "oomcore/gfp.h"

#define UNLIMITED_KB \
	(1LL << 43) /* 8 PiB: "no limit" */ /* PAGE_COUNTER_MAX-like limits */

static int64_t kv(const struct oc_oom_kvset *s, const char *k)
{
	return oc_oom_kv_get(s, k);
}

static int64_t nz(int64_t v)
{
	return oc_oom_has(v) && v > 0 ? v : 0;
}

bool oc_analysis_event_gfp(const struct oc_oom_event *e, struct oc_gfp *g)
{
	int maj, min;

	if (e->trigger.gfp_text[0]) {
		oc_gfp_from_text(e->trigger.gfp_text, g);
		return true;
	}
	if (!oc_oom_has(e->trigger.gfp_mask))
		return false;
	if (!oc_badness_parse_version(e->kernel_version, &maj, &min)) {
		/* eras without names printed their masks before 4.9 */
		maj = 3;
		min = 10;
	}
	oc_gfp_from_mask((uint64_t)e->trigger.gfp_mask,
			 oc_gfp_layout_for_version(maj, min), g);
	return true;
}

static bool is_32bit(const struct oc_oom_event *e)
{
	const struct oc_oom_zone *z;

	if (!strcmp(e->arch, "i686") || !strcmp(e->arch, "i386") ||
	    !strcmp(e->arch, "arm"))
		return true;
	oc_vec_for_each(&e->zones, z) {
		if (!strcmp(z->name, "HighMem"))
			return true;
	}
	return false;
}

/* Index of zone type @t in lowmem_reserve[] (DMA, DMA32|Normal, ...). */
static int reserve_index(enum oc_zone_type t, bool bits32)
{
	if (bits32) {
		switch (t) {
		case OC_ZONE_DMA:
			return 0;
		case OC_ZONE_DMA32:
		case OC_ZONE_NORMAL:
			return 1;
		case OC_ZONE_HIGHMEM:
			return 2;
		default:
			return 3;
		}
	}
	switch (t) {
	case OC_ZONE_DMA:
		return 0;
	case OC_ZONE_DMA32:
		return 1;
	case OC_ZONE_NORMAL:
	case OC_ZONE_HIGHMEM:
		return 2;
	default:
		return 3;
	}
}

static void watermarks(const struct oc_oom_event *e, struct oc_oom_analysis *a)
{
	const struct oc_oom_zone *z;
	struct oc_gfp g;
	enum oc_zone_type hi = OC_ZONE_MOVABLE;
	bool gfp_known = oc_analysis_event_gfp(e, &g), bits32 = is_32bit(e);
	int64_t pk = oc_analysis_page_kb(a), order = e->trigger.order;
	int n_ok = 0, n_low = 0, n_frag = 0, n = 0, ridx;
	int64_t margin = 0, present = 0; /* kB */
	char detail[400] = "", one[200];
	size_t dl = 0;

	if (!e->zones.len)
		return;
	if (!oc_oom_has(order) || order < 0)
		order = 0;
	if (order >= OC_OOM_MAX_ORDER)
		order = OC_OOM_MAX_ORDER - 1;
	if (gfp_known)
		hi = oc_gfp_highest_zone(&g);
	ridx = reserve_index(hi, bits32);
	oc_vec_for_each(&e->zones, z) {
		enum oc_zone_type t = oc_zone_type_from_name(z->name);
		int64_t fr = kv(&z->fields, "free"), mn = kv(&z->fields, "min");
		int64_t res = 0, freep, o;
		bool block = order == 0;
		const char *state;

		if (!oc_oom_has(fr) || !oc_oom_has(mn))
			continue;
		if (t == OC_ZONE_UNKNOWN || t > hi)
			continue;
		if (ridx < z->n_lowmem_reserve)
			res = z->lowmem_reserve_pages[ridx];
		freep = fr / pk - ((1LL << order) - 1);
		for (o = order; o < z->n_orders; o++)
			block |= z->nr_free[o] > 0;
		if (!z->n_orders)
			block = true; /* no buddy line: cannot tell */
		n++;
		if (freep <= mn / pk + res) {
			n_low++;
			state = "below";
		} else if (!block) {
			n_frag++;
			state = "no free block of that order";
		} else {
			n_ok++;
			state = "ok";
			margin = oc_oom_sat_add(margin,
						(freep - mn / pk - res) * pk);
		}
		present =
			oc_oom_sat_add(present, nz(kv(&z->fields, "present")));
		snprintf(
			one, sizeof(one),
			"%s%s free %lld kB vs min %lld kB + reserve %lld pages: %s",
			dl ? "; " : "", z->name, (long long)fr, (long long)mn,
			(long long)res, state);
		if (dl + strlen(one) < sizeof(detail)) {
			memcpy(detail + dl, one, strlen(one) + 1);
			dl += strlen(one);
		}
	}
	if (!n)
		return;
	/* a few pages above the watermark are noise of the moment */
	if (n_ok && n_ok + n_low == n && margin < 4096 &&
	    margin * 200 < present) {
		oc_analysis_add(
			a, "watermark_exhausted", OC_OOM_WARN,
			"Memory exhausted: the zones the order-%lld request may use (up to %s) are at their min watermark, %lld kB above it in all (%s).",
			(long long)order, oc_zone_type_name(hi),
			(long long)margin, detail);
	} else if (n_low == n) {
		oc_analysis_add(
			a, "watermark_exhausted", OC_OOM_WARN,
			"Memory exhausted: every zone the order-%lld request may use (up to %s) is at or below its min watermark (%s).",
			(long long)order, oc_zone_type_name(hi), detail);
	} else if (n_ok == 0 && n_frag) {
		oc_analysis_add(
			a, "fragmentation", OC_OOM_WARN,
			"No free block of order %lld (%lld kB contiguous) although zones are above the watermark: fragmentation (%s).",
			(long long)order, (long long)(pk << order), detail);
	} else {
		oc_analysis_add(
			a, "watermark_ok", OC_OOM_NOTE,
			"At the time of the report %d of %d usable zones passed the min watermark for order %lld (%s): memory was freed meanwhile or the OOM was not caused by a shortage of free pages.",
			n_ok, n, (long long)order, detail);
	}
}

struct consumer {
	const char *what;
	int64_t kb;
};

static void add_consumer(struct consumer *c, int *n, const char *what,
			 int64_t kb)
{
	if (kb <= 0)
		return;
	c[*n].what = what;
	c[(*n)++].kb = kb;
}

/*
 * Writes "what size (pct%), ..." for the first @max of @c into @buf and
 * returns the length written; shares of @total_kb when it is known.
 */
static size_t list_consumers(char *buf, size_t size,
			     const struct consumer *c, int n, int max,
			     int64_t total_kb)
{
	char s1[32];
	size_t bl = 0;

	for (int i = 0; i < n && i < max; i++) {
		int k;

		if (total_kb)
			k = snprintf(buf + bl, size - bl, "%s%s %s (%lld%%)",
				     i ? ", " : "", c[i].what,
				     oc_fmt_kb(c[i].kb, s1, sizeof(s1)),
				     (long long)(c[i].kb * 100 / total_kb));
		else
			k = snprintf(buf + bl, size - bl, "%s%s %s",
				     i ? ", " : "", c[i].what,
				     oc_fmt_kb(c[i].kb, s1, sizeof(s1)));
		if (k < 0 || (size_t)k >= size - bl)
			break;
		bl += (size_t)k;
	}
	return bl;
}

static void sort_consumers(struct consumer *c, int n)
{
	int i, j;

	for (i = 1; i < n; i++) {
		for (j = i; j > 0 && c[j].kb > c[j - 1].kb; j--) {
			struct consumer t = c[j];

			c[j] = c[j - 1];
			c[j - 1] = t;
		}
	}
}

static void global_memory(const struct oc_oom_event *e,
			  struct oc_oom_analysis *a)
{
	const struct oc_oom_kvset *m = &e->meminfo;
	int64_t pk = oc_analysis_page_kb(a);
	int64_t ram = kv(&e->totals, "ram"), res = kv(&e->totals, "reserved");
	int64_t total_kb, anon, file, sum, huge;
	struct consumer c[12];
	int n = 0, i;
	char buf[512], s1[32], s2[32];
	size_t bl = 0;
	const struct oc_oom_node *nd;
	int64_t kstack = 0;

	if (!m->n)
		return;
	total_kb = oc_oom_has(ram) && ram > nz(res) ? (ram - nz(res)) * pk : 0;
	anon = nz(kv(m, "active_anon")) + nz(kv(m, "inactive_anon"));
	file = nz(kv(m, "active_file")) + nz(kv(m, "inactive_file"));
	oc_vec_for_each(&e->nodes, nd)
		kstack = oc_oom_sat_add(kstack,
					nz(kv(&nd->fields, "kernel_stack")));
	huge = nz(kv(&e->totals, "hugepages_total"));
	/* saturated sums: keep the products below in range */
	if (huge > OC_OOM_VALUE_MAX * 16)
		huge = OC_OOM_VALUE_MAX * 16;
	if (kstack > OC_OOM_VALUE_MAX * 16)
		kstack = OC_OOM_VALUE_MAX * 16;
	add_consumer(c, &n, "anon memory (with shmem)", anon * pk);
	add_consumer(c, &n, "page cache", file * pk);
	add_consumer(c, &n, "unevictable", nz(kv(m, "unevictable")) * pk);
	add_consumer(c, &n, "unreclaimable slab",
		     nz(kv(m, "slab_unreclaimable")) * pk);
	add_consumer(c, &n, "reclaimable slab",
		     nz(kv(m, "slab_reclaimable")) * pk);
	add_consumer(c, &n, "page tables", nz(kv(m, "pagetables")) * pk);
	add_consumer(c, &n, "kernel stacks", kstack);
	add_consumer(c, &n, "hugetlb pool", huge);
	add_consumer(c, &n, "free memory", nz(kv(m, "free")) * pk);
	sum = 0;
	for (i = 0; i < n; i++)
		sum += c[i].kb;
	if (total_kb > sum && total_kb - sum > total_kb / 10)
		add_consumer(c, &n,
			     "not in any counter (drivers, vmalloc, ...)",
			     total_kb - sum);
	sort_consumers(c, n);
	bl += list_consumers(buf + bl, sizeof(buf) - bl, c, n, 5, total_kb);
	/* the largest consumer, unless a specific finding covers it */
	if (total_kb && n && c[0].kb * 2 > total_kb &&
	    strcmp(c[0].what, "page tables") &&
	    strcmp(c[0].what, "unreclaimable slab") &&
	    strcmp(c[0].what, "hugetlb pool"))
		oc_analysis_add(a, "memory_top", OC_OOM_INFO,
				"%c%s %s %s (%lld%% of RAM).",
				c[0].what[0] - 'a' + 'A', c[0].what + 1,
				strcmp(c[0].what, "free memory") ? "holds" :
								   "was",
				oc_fmt_kb(c[0].kb, s1, sizeof(s1)),
				(long long)(c[0].kb * 100 / total_kb));
	if (total_kb)
		oc_analysis_add(a, "memory_use", OC_OOM_INFO,
				"Of %s usable RAM: %s.",
				oc_fmt_kb(total_kb, s2, sizeof(s2)), buf);
	else
		oc_analysis_add(a, "memory_use", OC_OOM_INFO,
				"Memory use (RAM size not printed): %s.", buf);
	if (!total_kb)
		return;
	if (nz(kv(m, "pagetables")) * pk * 10 > total_kb)
		oc_analysis_add(
			a, "pagetables", OC_OOM_WARN,
			"Page tables take %s (%lld%% of RAM): a process maps far more than it touches (huge sparse mappings) or very many processes map the same large area.",
			oc_fmt_kb(nz(kv(m, "pagetables")) * pk, s1, sizeof(s1)),
			(long long)(nz(kv(m, "pagetables")) * pk * 100 /
				    total_kb));
	if (nz(kv(m, "shmem")) * pk * 5 > total_kb)
		oc_analysis_add(
			a, "shmem", OC_OOM_WARN,
			"Shared memory/tmpfs holds %s (%lld%% of RAM); killing a process does not free it while the files or segments exist.",
			oc_fmt_kb(nz(kv(m, "shmem")) * pk, s1, sizeof(s1)),
			(long long)(nz(kv(m, "shmem")) * pk * 100 / total_kb));
	if (nz(kv(m, "slab_unreclaimable")) * pk * 5 > total_kb) {
		char top[160] = "";
		size_t tl = 0;
		const struct oc_oom_slab *sl;

		oc_vec_for_each(&e->slabs, sl) {
			int k = snprintf(
				top + tl, sizeof(top) - tl, "%s%s %s",
				tl ? ", " : "; largest: ", sl->name,
				oc_fmt_kb(sl->total_kb, s2, sizeof(s2)));

			if (k < 0 || (size_t)k >= sizeof(top) - tl)
				break;
			tl += (size_t)k;
		}
		oc_analysis_add(
			a, "slab_unreclaimable", OC_OOM_WARN,
			"Unreclaimable slab holds %s (%lld%% of RAM): a kernel memory leak or a runaway kernel cache%s.",
			oc_fmt_kb(nz(kv(m, "slab_unreclaimable")) * pk, s1,
				  sizeof(s1)),
			(long long)(nz(kv(m, "slab_unreclaimable")) * pk * 100 /
				    total_kb),
			top);
	}
	if (huge * 5 > total_kb)
		oc_analysis_add(
			a, "hugepages", OC_OOM_WARN,
			"The hugetlb pool reserves %s (%lld%% of RAM, %s of it free), which ordinary allocations cannot use.",
			oc_fmt_kb(huge, s1, sizeof(s1)),
			(long long)(huge * 100 / total_kb),
			oc_fmt_kb(nz(kv(&e->totals, "hugepages_free")), s2,
				  sizeof(s2)));
}

static void swap(const struct oc_oom_event *e, struct oc_oom_analysis *a)
{
	int64_t tot = kv(&e->totals, "total_swap");
	int64_t fr = kv(&e->totals, "free_swap");
	char s1[32];

	if (!oc_oom_has(tot))
		return;
	if (tot == 0) {
		oc_analysis_add(
			a, "swap_none", OC_OOM_NOTE,
			"No swap is configured: anonymous memory cannot be paged out.");
		return;
	}
	if (oc_oom_has(fr) && fr * 100 <= tot) {
		oc_analysis_add(a, "swap_exhausted", OC_OOM_WARN,
				"Swap is exhausted: %lld kB free of %s.",
				(long long)fr, oc_fmt_kb(tot, s1, sizeof(s1)));
		return;
	}
	if (oc_oom_has(fr)) {
		char s2[32];

		oc_analysis_add(a, "swap_free", OC_OOM_NOTE,
				"Swap was not exhausted: %s free of %s.",
				oc_fmt_kb(fr, s1, sizeof(s1)),
				oc_fmt_kb(tot, s2, sizeof(s2)));
	}
}

static void memcg(const struct oc_oom_event *e, struct oc_oom_analysis *a)
{
	const struct oc_oom_memcg *m = &e->memcg;
	char s1[32], s2[32], buf[400];
	struct consumer c[12];
	int n = 0;
	size_t bl = 0;
	int64_t base;

	if (oc_oom_has(m->memory.usage_kb) && oc_oom_has(m->memory.limit_kb)) {
		oc_analysis_add(a, "memcg_limit",
				m->memory.usage_kb * 100 >=
						m->memory.limit_kb * 98 ?
					OC_OOM_WARN :
					OC_OOM_NOTE,
				"Memory usage %s of limit %s (failcnt %lld).",
				oc_fmt_kb(m->memory.usage_kb, s1, sizeof(s1)),
				oc_fmt_kb(m->memory.limit_kb, s2, sizeof(s2)),
				(long long)nz(m->memory.failcnt));
	}
	if (oc_oom_has(m->memsw.limit_kb) && m->memsw.limit_kb < UNLIMITED_KB &&
	    oc_oom_has(m->memsw.usage_kb))
		oc_analysis_add(
			a, "memcg_memsw_limit",
			m->memsw.usage_kb >= m->memsw.limit_kb ? OC_OOM_WARN :
								 OC_OOM_NOTE,
			"memory+swap usage %s of its limit %s%s.",
			oc_fmt_kb(m->memsw.usage_kb, s1, sizeof(s1)),
			oc_fmt_kb(m->memsw.limit_kb, s2, sizeof(s2)),
			m->memsw.usage_kb >= m->memsw.limit_kb ?
				": the cgroup cannot swap out any more" :
				"");
	if (oc_oom_has(m->swap.limit_kb) && oc_oom_has(m->swap.usage_kb))
		oc_analysis_add(
			a, "memcg_swap",
			m->swap.limit_kb == 0		     ? OC_OOM_NOTE :
			m->swap.usage_kb >= m->swap.limit_kb ? OC_OOM_WARN :
							       OC_OOM_INFO,
			"cgroup swap usage %s of swap.max %s.",
			oc_fmt_kb(m->swap.usage_kb, s1, sizeof(s1)),
			m->swap.limit_kb >= UNLIMITED_KB ?
				"max" :
				oc_fmt_kb(m->swap.limit_kb, s2, sizeof(s2)));
	if (!m->stats.n)
		return;
	if (m->v1 && !m->v2) {
		add_consumer(c, &n, "rss (anon)", nz(kv(&m->stats, "rss")));
		add_consumer(c, &n, "cache", nz(kv(&m->stats, "cache")));
		add_consumer(c, &n, "swap", nz(kv(&m->stats, "swap")));
		add_consumer(c, &n, "shmem", nz(kv(&m->stats, "shmem")));
		add_consumer(c, &n, "mapped_file",
			     nz(kv(&m->stats, "mapped_file")));
	} else {
		add_consumer(c, &n, "anon", nz(kv(&m->stats, "anon")) / 1024);
		add_consumer(c, &n, "file", nz(kv(&m->stats, "file")) / 1024);
		add_consumer(c, &n, "kernel",
			     nz(kv(&m->stats, "kernel")) / 1024);
		add_consumer(c, &n, "shmem", nz(kv(&m->stats, "shmem")) / 1024);
		add_consumer(c, &n, "slab_unreclaimable",
			     nz(kv(&m->stats, "slab_unreclaimable")) / 1024);
		add_consumer(c, &n, "pagetables",
			     nz(kv(&m->stats, "pagetables")) / 1024);
		add_consumer(c, &n, "sock", nz(kv(&m->stats, "sock")) / 1024);
		add_consumer(c, &n, "percpu",
			     nz(kv(&m->stats, "percpu")) / 1024);
	}
	sort_consumers(c, n);
	base = nz(m->memory.usage_kb);
	if (m->v1 && !m->v2 && nz(m->memsw.usage_kb) > base)
		base = m->memsw.usage_kb; /* v1 swap is outside "memory" */
	bl += list_consumers(buf + bl, sizeof(buf) - bl, c, n, 4, base);
	if (n)
		oc_analysis_add(a, "memcg_use", OC_OOM_INFO,
				"The cgroup's memory is %s.", buf);
}

void oc_analysis_memory(const struct oc_oom_event *e, struct oc_oom_analysis *a)
{
	const struct oc_oom_node *nd;

	if (e->memcg_oom)
		memcg(e, a);
	else
		watermarks(e, a);
	global_memory(e, a);
	swap(e, a);
	oc_vec_for_each(&e->nodes, nd) {
		if (nd->all_unreclaimable == 1) {
			oc_analysis_add(
				a, "all_unreclaimable", OC_OOM_NOTE,
				"Node %lld: all_unreclaimable? yes (kswapd gave up reclaiming it).",
				(long long)nd->node);
			break;
		}
	}
}

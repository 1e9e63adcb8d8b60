// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Text section for nodes and zones: the kernel's Mem-Info layout (6.1
 * __show_free_areas()), unfiltered, then what the kernel does not print.
 */
#include <inttypes.h>

#include "oomcore/zones.h"

/* A counter in pages, or 0 when the kernel lacks it (as it prints none). */
/*
 * Pages to kB as the kernel's K() does, in unsigned arithmetic: a damaged
 * dump's counter near INT64_MAX wraps as in the kernel's own Mem-Info
 * instead of overflowing a signed multiplication.
 */
static int64_t kb(int64_t page_kb, int64_t pages)
{
	return (int64_t)((uint64_t)page_kb * (uint64_t)pages);
}

static int64_t pg(int64_t v)
{
	return v < 0 ? 0 : v;
}

static void print_global(const struct oc_zones *z, FILE *out)
{
	const int64_t *n = z->gnode, *g = z->gzone;

	fprintf(out,
		"active_anon:%" PRId64 " inactive_anon:%" PRId64
		" isolated_anon:%" PRId64 "\n"
		" active_file:%" PRId64 " inactive_file:%" PRId64
		" isolated_file:%" PRId64 "\n"
		" unevictable:%" PRId64 " dirty:%" PRId64
		" writeback:%" PRId64 "\n"
		" slab_reclaimable:%" PRId64 " slab_unreclaimable:%" PRId64 "\n"
		" mapped:%" PRId64 " shmem:%" PRId64 " pagetables:%" PRId64
		"\n"
		" sec_pagetables:%" PRId64 " bounce:%" PRId64 "\n"
		" kernel_misc_reclaimable:%" PRId64 "\n"
		" free:%" PRId64 " free_pcp:%" PRId64 " free_cma:%" PRId64 "\n",
		pg(n[OC_NS_ACTIVE_ANON]), pg(n[OC_NS_INACTIVE_ANON]),
		pg(n[OC_NS_ISOLATED_ANON]), pg(n[OC_NS_ACTIVE_FILE]),
		pg(n[OC_NS_INACTIVE_FILE]), pg(n[OC_NS_ISOLATED_FILE]),
		pg(n[OC_NS_UNEVICTABLE]), pg(n[OC_NS_FILE_DIRTY]),
		pg(n[OC_NS_WRITEBACK]), pg(n[OC_NS_SLAB_RECLAIMABLE]),
		pg(n[OC_NS_SLAB_UNRECLAIMABLE]), pg(n[OC_NS_FILE_MAPPED]),
		pg(n[OC_NS_SHMEM]), pg(n[OC_NS_PAGETABLE]),
		pg(n[OC_NS_SECONDARY_PAGETABLE]), pg(g[OC_ZS_BOUNCE]),
		pg(n[OC_NS_KERNEL_MISC_RECLAIMABLE]), pg(g[OC_ZS_FREE_PAGES]),
		z->free_pcp, pg(g[OC_ZS_FREE_CMA_PAGES]));
}

static void print_node(const struct oc_zones *z, const struct oc_node *nd,
		       FILE *out)
{
	const int64_t *s = nd->stat;
	int64_t k = z->page_kb;

	fprintf(out,
		"Node %d active_anon:%" PRId64 "kB inactive_anon:%" PRId64
		"kB active_file:%" PRId64 "kB inactive_file:%" PRId64
		"kB unevictable:%" PRId64 "kB isolated(anon):%" PRId64
		"kB isolated(file):%" PRId64 "kB mapped:%" PRId64
		"kB dirty:%" PRId64 "kB writeback:%" PRId64 "kB shmem:%" PRId64
		"kB",
		nd->id, kb(k, pg(s[OC_NS_ACTIVE_ANON])),
		kb(k, pg(s[OC_NS_INACTIVE_ANON])), kb(k, pg(s[OC_NS_ACTIVE_FILE])),
		kb(k, pg(s[OC_NS_INACTIVE_FILE])), kb(k, pg(s[OC_NS_UNEVICTABLE])),
		kb(k, pg(s[OC_NS_ISOLATED_ANON])), kb(k, pg(s[OC_NS_ISOLATED_FILE])),
		kb(k, pg(s[OC_NS_FILE_MAPPED])), kb(k, pg(s[OC_NS_FILE_DIRTY])),
		kb(k, pg(s[OC_NS_WRITEBACK])), kb(k, pg(s[OC_NS_SHMEM])));
	if (z->thp)
		fprintf(out,
			" shmem_thp: %" PRId64 "kB shmem_pmdmapped: %" PRId64
			"kB anon_thp: %" PRId64 "kB",
			kb(k, pg(s[OC_NS_SHMEM_THPS])),
			kb(k, pg(s[OC_NS_SHMEM_PMDMAPPED])),
			kb(k, pg(s[OC_NS_ANON_THPS])));
	fprintf(out, " writeback_tmp:%" PRId64 "kB kernel_stack:%" PRId64 "kB",
		kb(k, pg(s[OC_NS_WRITEBACK_TEMP])), pg(s[OC_NS_KERNEL_STACK_KB]));
	if (s[OC_NS_KERNEL_SCS_KB] >= 0)
		fprintf(out, " shadow_call_stack:%" PRId64 "kB",
			s[OC_NS_KERNEL_SCS_KB]);
	fprintf(out,
		" pagetables:%" PRId64 "kB sec_pagetables:%" PRId64
		"kB all_unreclaimable? %s\n",
		kb(k, pg(s[OC_NS_PAGETABLE])),
		kb(k, pg(s[OC_NS_SECONDARY_PAGETABLE])),
		nd->all_unreclaimable ? "yes" : "no");
}

static void print_zone(const struct oc_zones *z, const struct oc_zone *zn,
		       FILE *out)
{
	const int64_t *s = zn->stat;
	int64_t k = z->page_kb;
	int64_t local = -1;

	if (z->panic_cpu >= 0 && zn->pcp_count)
		local = zn->pcp_count[z->panic_cpu];
	if (z->numa)
		fprintf(out, "Node %d ", zn->node);
	fprintf(out,
		"%s free:%" PRId64 "kB boost:%" PRId64 "kB min:%" PRId64
		"kB low:%" PRId64 "kB high:%" PRId64
		"kB reserved_highatomic:%" PRId64 "KB active_anon:%" PRId64
		"kB inactive_anon:%" PRId64 "kB active_file:%" PRId64
		"kB inactive_file:%" PRId64 "kB unevictable:%" PRId64
		"kB writepending:%" PRId64 "kB present:%" PRId64
		"kB managed:%" PRId64 "kB mlocked:%" PRId64 "kB bounce:%" PRId64
		"kB free_pcp:%" PRId64 "kB local_pcp:%" PRId64
		"kB free_cma:%" PRId64 "kB\n",
		zn->name, kb(k, pg(s[OC_ZS_FREE_PAGES])), kb(k, zn->boost),
		kb(k, zn->wmark[OC_WMARK_MIN]), kb(k, zn->wmark[OC_WMARK_LOW]),
		kb(k, zn->wmark[OC_WMARK_HIGH]), kb(k, pg(zn->reserved_highatomic)),
		kb(k, pg(s[OC_ZS_ACTIVE_ANON])), kb(k, pg(s[OC_ZS_INACTIVE_ANON])),
		kb(k, pg(s[OC_ZS_ACTIVE_FILE])), kb(k, pg(s[OC_ZS_INACTIVE_FILE])),
		kb(k, pg(s[OC_ZS_UNEVICTABLE])), kb(k, pg(s[OC_ZS_WRITE_PENDING])),
		kb(k, zn->present), kb(k, pg(zn->managed)), kb(k, pg(s[OC_ZS_MLOCK])),
		kb(k, pg(s[OC_ZS_BOUNCE])), kb(k, pg(zn->free_pcp)), kb(k, pg(local)),
		kb(k, pg(s[OC_ZS_FREE_CMA_PAGES])));
	fprintf(out, "lowmem_reserve[]:");
	for (int i = 0; i < zn->nr_lowmem_reserve; i++)
		fprintf(out, " %" PRId64, zn->lowmem_reserve[i]);
	fprintf(out, "\n");
}

static void print_buddy(const struct oc_zones *z, const struct oc_zone *zn,
			FILE *out)
{
	if (z->numa)
		fprintf(out, "Node %d ", zn->node);
	fprintf(out, "%s: ", zn->name);
	for (unsigned int o = 0; o < z->nr_orders; o++) {
		fprintf(out, "%" PRIu64 "*%ukB ", zn->nr_free[o],
			z->page_kb << o);
		if (zn->nr_free[o]) {
			char tmp[OC_ZONES_MAX_MT + 1];
			int p = 0;

			/* A letter the kernel lacks ends its string, too. */
			for (unsigned int mt = 0; mt < z->nr_mt; mt++)
				if (zn->types[o] & (1u << mt))
					tmp[p++] = z->mt_letter[mt];
			tmp[p] = '\0';
			fprintf(out, "(%s) ", tmp);
		}
	}
	fprintf(out, "= %" PRId64 "kB\n", kb(z->page_kb, zn->free_buddy_pages));
}

/* The per-migratetype block counts of the free lists. */
static void print_blocks(const struct oc_zones *z, const struct oc_zone *zn,
			 FILE *out)
{
	fprintf(out, "Node %d, zone %8s, free blocks by type and order%s\n",
		zn->node, zn->name,
		zn->walk_complete ? "" : " (walk incomplete)");
	for (unsigned int mt = 0; mt < z->nr_mt; mt++) {
		fprintf(out, "  %-12s", z->mt_name[mt]);
		for (unsigned int o = 0; o < z->nr_orders; o++) {
			if (zn->blocks[o][mt] < 0)
				fprintf(out, " %6s", "?");
			else
				fprintf(out, " %6" PRId64, zn->blocks[o][mt]);
		}
		fprintf(out, "\n");
	}
}

static void print_exact(const char *what, const char *const *names,
			const int64_t *printed, const int64_t *exact, int n,
			FILE *out)
{
	bool any = false;

	for (int i = 0; i < n; i++) {
		if (printed[i] < 0 && exact[i] < 0)
			continue;
		if (printed[i] == exact[i])
			continue;
		if (!any)
			fprintf(out, "%s exact (with per-CPU deltas):", what);
		any = true;
		fprintf(out, " %s:%" PRId64, names[i], exact[i]);
	}
	if (any)
		fprintf(out, "\n");
}

void oc_zones_print_text(const struct oc_zones *z, FILE *out)
{
	const struct oc_node *nd;
	const struct oc_zone *zn;
	char what[48];

	fprintf(out, "Mem-Info (all nodes and zones, as the kernel prints "
		     "them):\n");
	print_global(z, out);
	oc_vec_for_each(&z->nodes, nd)
		print_node(z, nd, out);
	oc_vec_for_each(&z->zones, zn)
		print_zone(z, zn, out);
	oc_vec_for_each(&z->zones, zn)
		print_buddy(z, zn, out);
	oc_vec_for_each(&z->nodes, nd)
	{
		for (unsigned int h = 0; h < z->nr_hstates; h++)
			fprintf(out,
				"Node %d hugepages_total=%" PRId64
				" hugepages_free=%" PRId64
				" hugepages_surp=%" PRId64
				" hugepages_size=%" PRId64 "kB\n",
				nd->id, nd->huge[h].total, nd->huge[h].free,
				nd->huge[h].surp, z->hstates[h].size_kb);
	}
	fprintf(out, "%" PRId64 " total pagecache pages\n", pg(z->pagecache));
	if (z->total_swap >= 0) {
		fprintf(out, "%" PRId64 " pages in swap cache\n",
			pg(z->swapcache));
		fprintf(out, "Free swap  = %" PRId64 "kB\n",
			kb(z->page_kb, z->free_swap));
		fprintf(out, "Total swap = %" PRId64 "kB\n",
			kb(z->page_kb, z->total_swap));
	}
	fprintf(out, "%" PRId64 " pages RAM\n", z->pages_ram);
	fprintf(out, "%" PRId64 " pages HighMem/MovableOnly\n",
		z->pages_highmem);
	fprintf(out, "%" PRId64 " pages reserved\n", z->pages_reserved);
	if (z->cma_reserved >= 0)
		fprintf(out, "%" PRId64 " pages cma reserved\n",
			z->cma_reserved);
	if (z->hwpoisoned >= 0)
		fprintf(out, "%" PRId64 " pages hwpoisoned\n", z->hwpoisoned);

	fprintf(out, "\nNot in the kernel's report:\n");
	fprintf(out, "totalreserve_pages:%" PRId64 " totalram_pages:%" PRId64
		     " panic_cpu:%d\n",
		z->totalreserve_pages, z->totalram_pages, z->panic_cpu);
	fprintf(out, "per-CPU counts summed over %u present CPUs", z->nr_cpus);
	if (z->nr_cpus > z->nr_online)
		fprintf(out, " (%u offline in the dump: stopped by the panic)",
			z->nr_cpus - z->nr_online);
	fprintf(out, "\n");
	print_exact("global zone counters", oc_zone_stat_names, z->gzone,
		    z->gzone_exact, OC_ZS_NR, out);
	print_exact("global node counters", oc_node_stat_names, z->gnode,
		    z->gnode_exact, OC_NS_NR, out);
	oc_vec_for_each(&z->nodes, nd)
	{
		snprintf(what, sizeof(what), "node %d", nd->id);
		print_exact(what, oc_node_stat_names, nd->stat, nd->stat_exact,
			    OC_NS_NR, out);
	}
	oc_vec_for_each(&z->zones, zn)
	{
		snprintf(what, sizeof(what), "node %d %s", zn->node, zn->name);
		print_exact(what, oc_zone_stat_names, zn->stat, zn->stat_exact,
			    OC_ZS_NR, out);
	}
	oc_vec_for_each(&z->zones, zn)
		print_blocks(z, zn, out);
	for (size_t i = 0; i < z->notes.len; i++)
		fprintf(out, "note: %s\n", z->notes.data[i].text);
}

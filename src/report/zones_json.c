// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JSON for nodes and zones. Counts are in pages (kernel_stack_kb and
 * shadow_call_stack_kb in kB, *_kb keys in kB); a counter the kernel lacks
 * is null.
 */
#include <stdio.h>

#include "oomcore/zones.h"

static void kv_count(struct oc_json *j, const char *key, int64_t v)
{
	if (v < 0)
		oc_json_kv_null(j, key);
	else
		oc_json_kv_int(j, key, v);
}

/* A counter that may legitimately be negative (exact values). */
static void kv_signed(struct oc_json *j, const char *key, int64_t v, bool ok)
{
	if (ok)
		oc_json_kv_int(j, key, v);
	else
		oc_json_kv_null(j, key);
}

static void stats(struct oc_json *j, const char *key,
		  const char *const *names, const int64_t *v,
		  const int64_t *printed, int n)
{
	oc_json_key(j, key);
	oc_json_object_begin(j);
	for (int i = 0; i < n; i++) {
		/* Absent counters read as -1 in both arrays. */
		bool ok = !(printed[i] == -1 && v[i] == -1);

		kv_signed(j, names[i], v[i], ok);
	}
	oc_json_object_end(j);
}

static void zone_json(struct oc_json *j, const struct oc_zones *z,
		      const struct oc_zone *zn)
{
	char addr[32];

	oc_json_object_begin(j);
	oc_json_kv_int(j, "node", zn->node);
	oc_json_kv_int(j, "idx", zn->idx);
	oc_json_kv_str(j, "name", zn->name);
	snprintf(addr, sizeof(addr), "0x%llx", (unsigned long long)zn->addr);
	oc_json_kv_str(j, "addr", addr);
	kv_count(j, "free", zn->stat[OC_ZS_FREE_PAGES]);
	oc_json_kv_int(j, "boost", zn->boost);
	oc_json_kv_int(j, "min", zn->wmark[OC_WMARK_MIN]);
	oc_json_kv_int(j, "low", zn->wmark[OC_WMARK_LOW]);
	oc_json_kv_int(j, "high", zn->wmark[OC_WMARK_HIGH]);
	kv_count(j, "reserved_highatomic", zn->reserved_highatomic);
	kv_count(j, "managed", zn->managed);
	oc_json_kv_int(j, "present", zn->present);
	kv_count(j, "spanned", zn->spanned);
	kv_count(j, "start_pfn", zn->start_pfn);
	oc_json_key(j, "lowmem_reserve");
	oc_json_array_begin(j);
	for (int i = 0; i < zn->nr_lowmem_reserve; i++)
		oc_json_int(j, zn->lowmem_reserve[i]);
	oc_json_array_end(j);
	kv_count(j, "free_pcp", zn->free_pcp);
	kv_count(j, "local_pcp", z->panic_cpu >= 0 && zn->pcp_count ?
					 zn->pcp_count[z->panic_cpu] : -1);
	oc_json_key(j, "pcp_by_cpu");
	oc_json_object_begin(j);
	for (int c = 0; zn->pcp_count && c < OC_MAX_CPUS; c++) {
		char cpu[16];

		if (c >= (int)z->nr_cpu_ids)
			break;
		if (zn->pcp_count[c] < 0)
			continue;
		snprintf(cpu, sizeof(cpu), "%d", c);
		oc_json_kv_int(j, cpu, zn->pcp_count[c]);
	}
	oc_json_object_end(j);
	stats(j, "stat", oc_zone_stat_names, zn->stat, zn->stat, OC_ZS_NR);
	stats(j, "stat_exact", oc_zone_stat_names, zn->stat_exact, zn->stat,
	      OC_ZS_NR);
	kv_count(j, "stat_threshold_sum", zn->stat_threshold_sum);
	oc_json_kv_int(j, "free_buddy_pages", zn->free_buddy_pages);
	oc_json_kv_bool(j, "walk_complete", zn->walk_complete);
	oc_json_kv_bool(j, "walk_mismatch", zn->walk_mismatch);
	oc_json_key(j, "free_area");
	oc_json_array_begin(j);
	for (unsigned int o = 0; o < z->nr_orders; o++) {
		char letters[OC_ZONES_MAX_MT + 1];
		int p = 0;

		for (unsigned int mt = 0; mt < z->nr_mt; mt++)
			if (zn->types[o] & (1u << mt) && z->mt_letter[mt])
				letters[p++] = z->mt_letter[mt];
		letters[p] = '\0';
		oc_json_object_begin(j);
		oc_json_kv_int(j, "order", o);
		oc_json_kv_uint(j, "nr_free", zn->nr_free[o]);
		oc_json_kv_str(j, "types", letters);
		oc_json_key(j, "blocks");
		oc_json_object_begin(j);
		for (unsigned int mt = 0; mt < z->nr_mt; mt++)
			kv_count(j, z->mt_name[mt], zn->blocks[o][mt]);
		oc_json_object_end(j);
		oc_json_object_end(j);
	}
	oc_json_array_end(j);
	oc_json_object_end(j);
}

static void node_json(struct oc_json *j, const struct oc_zones *z,
		      const struct oc_node *nd)
{
	char addr[32];

	oc_json_object_begin(j);
	oc_json_kv_int(j, "id", nd->id);
	snprintf(addr, sizeof(addr), "0x%llx", (unsigned long long)nd->pgdat);
	oc_json_kv_str(j, "pgdat", addr);
	stats(j, "stat", oc_node_stat_names, nd->stat, nd->stat, OC_NS_NR);
	stats(j, "stat_exact", oc_node_stat_names, nd->stat_exact, nd->stat,
	      OC_NS_NR);
	kv_count(j, "stat_threshold_sum", nd->stat_threshold_sum);
	kv_count(j, "kswapd_failures", nd->kswapd_failures);
	oc_json_kv_bool(j, "all_unreclaimable", nd->all_unreclaimable);
	kv_count(j, "present_pages", nd->present_pages);
	kv_count(j, "spanned_pages", nd->spanned_pages);
	kv_count(j, "start_pfn", nd->start_pfn);
	oc_json_key(j, "hugepages");
	oc_json_array_begin(j);
	for (unsigned int h = 0; h < z->nr_hstates; h++) {
		oc_json_object_begin(j);
		oc_json_kv_int(j, "size_kb", z->hstates[h].size_kb);
		kv_count(j, "total", nd->huge[h].total);
		kv_count(j, "free", nd->huge[h].free);
		kv_count(j, "surp", nd->huge[h].surp);
		oc_json_object_end(j);
	}
	oc_json_array_end(j);
	oc_json_object_end(j);
}

void oc_zones_json(struct oc_json *j, const struct oc_zones *z)
{
	const struct oc_node *nd;
	const struct oc_zone *zn;

	oc_json_object_begin(j);
	oc_json_kv_bool(j, "numa", z->numa);
	oc_json_kv_bool(j, "smp", z->smp);
	oc_json_kv_bool(j, "thp", z->thp);
	oc_json_kv_int(j, "page_kb", z->page_kb);
	oc_json_kv_int(j, "nr_orders", z->nr_orders);
	oc_json_kv_int(j, "max_nr_zones", z->max_nr_zones);
	kv_count(j, "panic_cpu", z->panic_cpu);
	oc_json_kv_uint(j, "cpus_present", z->nr_cpus);
	oc_json_kv_uint(j, "cpus_online", z->nr_online);
	oc_json_key(j, "migratetypes");
	oc_json_array_begin(j);
	for (unsigned int mt = 0; mt < z->nr_mt; mt++) {
		char letter[2] = { z->mt_letter[mt], 0 };

		oc_json_object_begin(j);
		oc_json_kv_int(j, "index", mt);
		oc_json_kv_str(j, "name", z->mt_name[mt]);
		oc_json_kv_str(j, "letter", letter[0] ? letter : NULL);
		oc_json_object_end(j);
	}
	oc_json_array_end(j);

	oc_json_key(j, "global");
	oc_json_object_begin(j);
	stats(j, "node", oc_node_stat_names, z->gnode, z->gnode, OC_NS_NR);
	stats(j, "zone", oc_zone_stat_names, z->gzone, z->gzone, OC_ZS_NR);
	stats(j, "node_exact", oc_node_stat_names, z->gnode_exact, z->gnode,
	      OC_NS_NR);
	stats(j, "zone_exact", oc_zone_stat_names, z->gzone_exact, z->gzone,
	      OC_ZS_NR);
	oc_json_kv_int(j, "free_pcp", z->free_pcp);
	oc_json_object_end(j);

	oc_json_key(j, "nodes");
	oc_json_array_begin(j);
	oc_vec_for_each(&z->nodes, nd)
		node_json(j, z, nd);
	oc_json_array_end(j);
	oc_json_key(j, "zones");
	oc_json_array_begin(j);
	oc_vec_for_each(&z->zones, zn)
		zone_json(j, z, zn);
	oc_json_array_end(j);

	oc_json_key(j, "hstates");
	oc_json_array_begin(j);
	for (unsigned int h = 0; h < z->nr_hstates; h++) {
		oc_json_object_begin(j);
		oc_json_kv_str(j, "name", z->hstates[h].name);
		oc_json_kv_int(j, "order", z->hstates[h].order);
		oc_json_kv_int(j, "size_kb", z->hstates[h].size_kb);
		oc_json_object_end(j);
	}
	oc_json_array_end(j);
	kv_count(j, "pagecache", z->pagecache);
	kv_count(j, "swapcache", z->swapcache);
	kv_signed(j, "free_swap", z->free_swap, z->total_swap >= 0);
	kv_count(j, "total_swap", z->total_swap);
	kv_count(j, "pages_ram", z->pages_ram);
	kv_count(j, "pages_highmem", z->pages_highmem);
	kv_count(j, "pages_reserved", z->pages_reserved);
	kv_count(j, "cma_reserved", z->cma_reserved);
	kv_count(j, "hwpoisoned", z->hwpoisoned);
	kv_count(j, "totalreserve_pages", z->totalreserve_pages);
	kv_count(j, "totalram_pages", z->totalram_pages);
	oc_json_key(j, "notes");
	oc_json_array_begin(j);
	for (size_t i = 0; i < z->notes.len; i++)
		oc_json_string(j, z->notes.data[i].text);
	oc_json_array_end(j);
	oc_json_object_end(j);
}

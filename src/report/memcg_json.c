// SPDX-License-Identifier: GPL-2.0-or-later
/* The memory cgroup hierarchy as one JSON value: see oc_memcg_json(). */
#include <inttypes.h>
#include <stdio.h>

#include "oomcore/memcg.h"

static void kv_opt(struct oc_json *j, const char *key, int64_t v)
{
	if (v < 0)
		oc_json_kv_null(j, key);
	else
		oc_json_kv_int(j, key, v);
}

static void counter(struct oc_json *j, const struct oc_memcgs *m,
		    const char *key, const struct oc_memcg_counter *c)
{
	oc_json_key(j, key);
	if (c->usage < 0) {
		oc_json_null(j);
		return;
	}
	oc_json_object_begin(j);
	kv_opt(j, "usage_pages", c->usage);
	/* "max" is null when unlimited (PAGE_COUNTER_MAX). */
	if (oc_memcg_is_unlimited(m, c->max))
		oc_json_kv_null(j, "max_pages");
	else
		oc_json_kv_int(j, "max_pages", c->max);
	if (c->high >= 0 && !oc_memcg_is_unlimited(m, c->high))
		oc_json_kv_int(j, "high_pages", c->high);
	else
		oc_json_kv_null(j, "high_pages");
	kv_opt(j, "low_pages", c->low);
	kv_opt(j, "min_pages", c->min);
	kv_opt(j, "watermark_pages", c->watermark);
	kv_opt(j, "failcnt", c->failcnt);
	oc_json_object_end(j);
}

static void stats(struct oc_json *j, const char *key, const int64_t *v)
{
	oc_json_key(j, key);
	oc_json_object_begin(j);
	for (int i = 0; i < OC_MEMCG_NR_STATS; i++)
		if (v[i] >= 0)
			oc_json_kv_int(j, oc_memcg_stat_name(i), v[i]);
	oc_json_object_end(j);
}

static void events(struct oc_json *j, const char *key, const int64_t *v)
{
	oc_json_key(j, key);
	oc_json_object_begin(j);
	for (int i = 0; i < OC_MEMCG_NR_EVENTS; i++)
		if (v[i] >= 0)
			oc_json_kv_int(j, oc_memcg_event_name(i), v[i]);
	oc_json_object_end(j);
}

void oc_memcg_json(struct oc_json *j, const struct oc_memcgs *m)
{
	char addr[24];

	oc_json_object_begin(j);
	oc_json_kv_str(j, "hierarchy", m->v2 ? "v2" : "v1");
	oc_json_kv_bool(j, "memsw_accounting", m->memsw);
	oc_json_kv_uint(j, "page_size", m->page_size);
	oc_json_kv_uint(j, "nr_cpus", m->nr_cpus);
	kv_opt(j, "vm_swappiness", m->vm_swappiness);
	kv_opt(j, "total_swap_pages", m->total_swap_pages);
	oc_json_kv_bool(j, "stats", m->stats);
	oc_json_kv_bool(j, "stats_exact", m->stats_exact);
	oc_json_kv_str(j, "partial", m->partial ? m->partial->message : NULL);
	oc_json_key(j, "groups");
	oc_json_array_begin(j);
	for (size_t i = 0; i < m->groups.len; i++) {
		const struct oc_memcg *g = &m->groups.data[i];
		int lim = oc_memcg_limiting_ancestor(m, (int)i);

		oc_json_object_begin(j);
		oc_json_kv_int(j, "index", (int64_t)i);
		snprintf(addr, sizeof(addr), "0x%" PRIx64, g->addr);
		oc_json_kv_str(j, "address", addr);
		oc_json_kv_str(j, "path", g->path);
		if (g->parent < 0)
			oc_json_kv_null(j, "parent");
		else
			oc_json_kv_int(j, "parent", g->parent);
		kv_opt(j, "id", g->id);
		kv_opt(j, "css_id", g->css_id);
		oc_json_kv_bool(j, "online", g->online);
		oc_json_kv_bool(j, "dying", g->dying);
		counter(j, m, "memory", &g->memory);
		counter(j, m, m->v2 ? "swap" : "memsw", &g->swap);
		counter(j, m, "kmem", &g->kmem);
		oc_json_kv_int(j, "stock_pages", g->stock_pages);
		if (lim < 0)
			oc_json_kv_null(j, "limiting_ancestor");
		else
			oc_json_kv_int(j, "limiting_ancestor", lim);
		oc_json_kv_uint(
			j, "oom_totalpages",
			oc_memcg_get_max(m, (int)i, m->total_swap_pages));
		if (g->oom_group < 0)
			oc_json_kv_null(j, "oom_group");
		else
			oc_json_kv_bool(j, "oom_group", g->oom_group);
		kv_opt(j, "swappiness", g->swappiness);
		kv_opt(j, "nr_procs", g->nr_procs);
		events(j, "events", g->events);
		events(j, "events_local", g->events_local);
		if (m->stats)
			stats(j, "stat", g->stat);
		else
			oc_json_kv_null(j, "stat");
		if (m->stats_exact)
			stats(j, "stat_exact", g->stat_exact);
		else
			oc_json_kv_null(j, "stat_exact");
		oc_json_object_end(j);
	}
	oc_json_array_end(j);
	oc_json_object_end(j);
}

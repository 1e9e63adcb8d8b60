// SPDX-License-Identifier: GPL-2.0-or-later
/* The OOM event model: construction, release and small lookups. */
#include <string.h>

#include "oomcore/oom_event.h"

int64_t oc_oom_kv_get(const struct oc_oom_kvset *s, const char *key)
{
	int i;

	for (i = 0; i < s->n; i++) {
		if (!strcmp(s->kv[i].key, key))
			return s->kv[i].value;
	}
	return OC_OOM_NA;
}

void oc_oom_kv_set(struct oc_oom_kvset *s, const char *key, int64_t value,
		   enum oc_oom_unit unit)
{
	struct oc_oom_kv *kv = NULL;
	int i;

	for (i = 0; i < s->n; i++) {
		if (!strcmp(s->kv[i].key, key)) {
			kv = &s->kv[i];
			break;
		}
	}
	if (!kv) {
		if (s->n >= OC_OOM_KV_MAX)
			return;
		kv = &s->kv[s->n++];
		strncpy(kv->key, key, sizeof(kv->key) - 1);
		kv->key[sizeof(kv->key) - 1] = '\0';
	}
	kv->value = value;
	kv->unit = unit;
}

const char *oc_oom_constraint_name(enum oc_oom_constraint c)
{
	switch (c) {
	case OC_OOM_CONSTRAINT_NONE:
		return "CONSTRAINT_NONE";
	case OC_OOM_CONSTRAINT_CPUSET:
		return "CONSTRAINT_CPUSET";
	case OC_OOM_CONSTRAINT_MEMORY_POLICY:
		return "CONSTRAINT_MEMORY_POLICY";
	case OC_OOM_CONSTRAINT_MEMCG:
		return "CONSTRAINT_MEMCG";
	case OC_OOM_CONSTRAINT_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *oc_oom_col_name(enum oc_oom_col c)
{
	static const char *const names[OC_OOM_NR_COLS] = {
		[OC_OOM_COL_PID] = "pid",
		[OC_OOM_COL_UID] = "uid",
		[OC_OOM_COL_TGID] = "tgid",
		[OC_OOM_COL_TOTAL_VM] = "total_vm",
		[OC_OOM_COL_RSS] = "rss",
		[OC_OOM_COL_RSS_ANON] = "rss_anon",
		[OC_OOM_COL_RSS_FILE] = "rss_file",
		[OC_OOM_COL_RSS_SHMEM] = "rss_shmem",
		[OC_OOM_COL_NR_PTES] = "nr_ptes",
		[OC_OOM_COL_NR_PMDS] = "nr_pmds",
		[OC_OOM_COL_PGTABLES_BYTES] = "pgtables_bytes",
		[OC_OOM_COL_SWAPENTS] = "swapents",
		[OC_OOM_COL_CPU] = "cpu",
		[OC_OOM_COL_OOM_ADJ] = "oom_adj",
		[OC_OOM_COL_OOM_SCORE_ADJ] = "oom_score_adj",
		[OC_OOM_COL_NAME] = "name",
	};

	if ((unsigned int)c >= OC_OOM_NR_COLS)
		return "?";
	return names[c];
}

const char *oc_oom_match_name(enum oc_oom_match m)
{
	switch (m) {
	case OC_OOM_MATCH_YES:
		return "yes";
	case OC_OOM_MATCH_NO:
		return "no";
	case OC_OOM_MATCH_CANNOT:
		return "cannot_check";
	case OC_OOM_MATCH_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *oc_oom_victim_source_name(enum oc_oom_victim_source s)
{
	switch (s) {
	case OC_OOM_VICTIM_KILL_LINE:
		return "kill_line";
	case OC_OOM_VICTIM_EXITING:
		return "exiting";
	case OC_OOM_VICTIM_SELECTION:
		return "selection_line";
	case OC_OOM_VICTIM_SUMMARY:
		return "summary";
	case OC_OOM_VICTIM_REAPER:
		return "reaper";
	case OC_OOM_VICTIM_NONE:
		break;
	}
	return NULL;
}

static void counter_init(struct oc_oom_memcg_counter *c)
{
	c->usage_kb = c->limit_kb = c->failcnt = OC_OOM_NA;
}

void oc_oom_event_init(struct oc_oom_event *e)
{
	memset(e, 0, sizeof(*e));
	e->first_line = e->last_line = OC_OOM_NA;
	e->first_ts_ns = OC_OOM_NA;
	e->caller_id = OC_OOM_NA;
	e->trigger.pid = e->trigger.cpu = OC_OOM_NA;
	e->trigger.gfp_mask = e->trigger.order = OC_OOM_NA;
	e->trigger.oom_score_adj = e->trigger.oom_adj = OC_OOM_NA;
	e->constraint = OC_OOM_CONSTRAINT_UNKNOWN;
	counter_init(&e->memcg.memory);
	counter_init(&e->memcg.memsw);
	counter_init(&e->memcg.swap);
	counter_init(&e->memcg.kmem);
	e->memcg.min_protection_kb = e->memcg.low_protection_kb = OC_OOM_NA;
	e->page_size = OC_OOM_NA;
	e->summary.pid = e->summary.uid = OC_OOM_NA;
	e->victim.selected_pid = e->victim.score = OC_OOM_NA;
	e->victim.pid = e->victim.uid = OC_OOM_NA;
	e->victim.total_vm_kb = e->victim.anon_rss_kb = OC_OOM_NA;
	e->victim.file_rss_kb = e->victim.shmem_rss_kb = OC_OOM_NA;
	e->victim.pgtables_kb = e->victim.oom_score_adj = OC_OOM_NA;
}

void oc_oom_event_release(struct oc_oom_event *e)
{
	oc_oom_task_vec_free(&e->tasks);
	oc_oom_zone_vec_free(&e->zones);
	oc_oom_node_vec_free(&e->nodes);
	oc_oom_slab_vec_free(&e->slabs);
	oc_oom_extra_vec_free(&e->extra_kills);
	oc_oom_reap_vec_free(&e->reaps);
}

void oc_oom_event_vec_release(struct oc_oom_event_vec *v)
{
	struct oc_oom_event *e;

	oc_vec_for_each(v, e)
		oc_oom_event_release(e);
	oc_oom_event_vec_free(v);
}

bool oc_oom_event_has_col(const struct oc_oom_event *e, enum oc_oom_col c)
{
	int i;

	for (i = 0; i < e->n_cols; i++) {
		if (e->cols[i] == c)
			return true;
	}
	return false;
}

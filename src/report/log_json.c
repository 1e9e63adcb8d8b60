// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JSON report of log mode (docs/json-log-schema.md): every event with the
 * fields the log printed (null when absent) and its analysis. Units are
 * part of the member names (_pages, _kb, _bytes).
 */
#include <stdio.h>
#include <string.h>

#include "oomcore/badness.h"
#include "oomcore/gfp.h"
#include "oomcore/json.h"
#include "oomcore/log.h"

static void kv_i64(struct oc_json *j, const char *key, int64_t v)
{
	if (oc_oom_has(v))
		oc_json_kv_int(j, key, v);
	else
		oc_json_kv_null(j, key);
}

static void kv_str0(struct oc_json *j, const char *key, const char *s)
{
	oc_json_kv_str(j, key, s && s[0] ? s : NULL);
}

static const char *unit_suffix(enum oc_oom_unit u)
{
	switch (u) {
	case OC_OOM_UNIT_PAGES:
		return "_pages";
	case OC_OOM_UNIT_KB:
		return "_kb";
	case OC_OOM_UNIT_BYTES:
		return "_bytes";
	case OC_OOM_UNIT_COUNT:
		break;
	}
	return "";
}

static void kvset(struct oc_json *j, const char *key,
		  const struct oc_oom_kvset *s)
{
	int i;
	char name[64];

	oc_json_key(j, key);
	oc_json_object_begin(j);
	for (i = 0; i < s->n; i++) {
		snprintf(name, sizeof(name), "%s%s", s->kv[i].key,
			 unit_suffix(s->kv[i].unit));
		kv_i64(j, name, s->kv[i].value);
	}
	oc_json_object_end(j);
}

static void counter(struct oc_json *j, const char *key,
		    const struct oc_oom_memcg_counter *c)
{
	if (!oc_oom_has(c->usage_kb) && !oc_oom_has(c->limit_kb)) {
		oc_json_kv_null(j, key);
		return;
	}
	oc_json_key(j, key);
	oc_json_object_begin(j);
	kv_i64(j, "usage_kb", c->usage_kb);
	kv_i64(j, "limit_kb", c->limit_kb);
	/* PAGE_COUNTER_MAX ("max"): parsed values are clamped to 2^44 kB */
	oc_json_kv_bool(j, "limit_unlimited",
			oc_oom_has(c->limit_kb) && c->limit_kb >= (1LL << 43));
	kv_i64(j, "failcnt", c->failcnt);
	oc_json_object_end(j);
}

static void gfp_flags(struct oc_json *j, const struct oc_oom_event *e)
{
	char buf[512];
	const char *src = NULL, *p;
	int maj, min;

	if (e->trigger.gfp_text[0]) {
		snprintf(buf, sizeof(buf), "%s", e->trigger.gfp_text);
		src = "printed";
	} else if (oc_oom_has(e->trigger.gfp_mask)) {
		enum oc_gfp_layout l = OC_GFP_LAYOUT_WAIT;

		if (oc_badness_parse_version(e->kernel_version, &maj, &min))
			l = oc_gfp_layout_for_version(maj, min);
		oc_gfp_format((uint64_t)e->trigger.gfp_mask, l, buf,
			      sizeof(buf));
		src = "decoded";
		oc_json_kv_str(j, "gfp_layout", oc_gfp_layout_name(l));
	}
	oc_json_kv_str(j, "gfp_flags_source", src);
	oc_json_key(j, "gfp_flags");
	if (!src) {
		oc_json_null(j);
		return;
	}
	oc_json_array_begin(j);
	p = buf;
	while (*p) {
		const char *q = strchr(p, '|');
		size_t n = q ? (size_t)(q - p) : strlen(p);

		oc_json_string_len(j, p, n);
		if (!q)
			break;
		p = q + 1;
	}
	oc_json_array_end(j);
}

static void trigger(struct oc_json *j, const struct oc_oom_event *e)
{
	const struct oc_oom_trigger *t = &e->trigger;
	char hex[32];

	oc_json_key(j, "trigger");
	oc_json_object_begin(j);
	kv_str0(j, "comm", t->comm);
	kv_i64(j, "pid", t->pid);
	kv_i64(j, "cpu", t->cpu);
	kv_i64(j, "gfp_mask", t->gfp_mask);
	if (oc_oom_has(t->gfp_mask)) {
		snprintf(hex, sizeof(hex), "%#llx",
			 (unsigned long long)t->gfp_mask);
		oc_json_kv_str(j, "gfp_mask_hex", hex);
	} else {
		oc_json_kv_null(j, "gfp_mask_hex");
	}
	gfp_flags(j, e);
	kv_i64(j, "order", t->order);
	kv_i64(j, "oom_score_adj", t->oom_score_adj);
	kv_i64(j, "oom_adj", t->oom_adj);
	kv_str0(j, "nodemask",
		t->nodemask[0] ? t->nodemask : e->summary.nodemask);
	kv_str0(j, "cpuset", t->cpuset[0] ? t->cpuset : e->summary.cpuset);
	kv_str0(j, "mems_allowed",
		t->mems_allowed[0] ? t->mems_allowed : e->summary.mems_allowed);
	oc_json_object_end(j);
}

static void memcg(struct oc_json *j, const struct oc_oom_event *e)
{
	const struct oc_oom_memcg *m = &e->memcg;

	if (!(e->seen & OC_OOM_SEEN_MEMCG) && !e->summary.oom_memcg[0]) {
		oc_json_kv_null(j, "memcg");
		return;
	}
	oc_json_key(j, "memcg");
	oc_json_object_begin(j);
	kv_str0(j, "path", m->path[0] ? m->path : e->summary.oom_memcg);
	kv_str0(j, "task_path",
		m->task_path[0] ? m->task_path : e->summary.task_memcg);
	oc_json_kv_str(j, "version", m->v2 ? "v2" : m->v1 ? "v1" : NULL);
	counter(j, "memory", &m->memory);
	counter(j, "memsw", &m->memsw);
	counter(j, "swap", &m->swap);
	counter(j, "kmem", &m->kmem);
	kv_str0(j, "stats_path", m->stats_path);
	kvset(j, "stats", &m->stats);
	oc_json_kv_int(j, "stats_blocks", m->n_stats_blocks);
	kv_i64(j, "min_protection_kb", m->min_protection_kb);
	kv_i64(j, "low_protection_kb", m->low_protection_kb);
	oc_json_object_end(j);
}

static void zones(struct oc_json *j, const struct oc_oom_event *e)
{
	const struct oc_oom_zone *z;
	const struct oc_oom_node *n;
	const struct oc_oom_slab *s;
	int i;

	oc_json_key(j, "nodes");
	oc_json_array_begin(j);
	oc_vec_for_each(&e->nodes, n) {
		oc_json_object_begin(j);
		kv_i64(j, "node", n->node);
		if (oc_oom_has(n->all_unreclaimable))
			oc_json_kv_bool(j, "all_unreclaimable",
					n->all_unreclaimable == 1);
		else
			oc_json_kv_null(j, "all_unreclaimable");
		kvset(j, "fields", &n->fields);
		oc_json_object_end(j);
	}
	oc_json_array_end(j);
	oc_json_key(j, "zones");
	oc_json_array_begin(j);
	oc_vec_for_each(&e->zones, z) {
		oc_json_object_begin(j);
		kv_i64(j, "node", z->node);
		oc_json_kv_str(j, "name", z->name);
		kvset(j, "fields", &z->fields);
		oc_json_key(j, "lowmem_reserve_pages");
		oc_json_array_begin(j);
		for (i = 0; i < z->n_lowmem_reserve; i++)
			oc_json_int(j, z->lowmem_reserve_pages[i]);
		oc_json_array_end(j);
		oc_json_key(j, "free_area");
		oc_json_array_begin(j);
		for (i = 0; i < z->n_orders; i++) {
			oc_json_object_begin(j);
			oc_json_kv_int(j, "order", i);
			oc_json_kv_int(j, "nr_free", z->nr_free[i]);
			oc_json_kv_int(j, "block_kb", z->block_kb[i]);
			oc_json_kv_str(j, "migratetypes", z->migratetypes[i]);
			oc_json_object_end(j);
		}
		oc_json_array_end(j);
		kv_i64(j, "free_area_total_kb", z->free_area_total_kb);
		oc_json_object_end(j);
	}
	oc_json_array_end(j);
	oc_json_key(j, "unreclaimable_slab");
	oc_json_array_begin(j);
	oc_vec_for_each(&e->slabs, s) {
		oc_json_object_begin(j);
		oc_json_kv_str(j, "name", s->name);
		oc_json_kv_int(j, "used_kb", s->used_kb);
		oc_json_kv_int(j, "total_kb", s->total_kb);
		oc_json_object_end(j);
	}
	oc_json_array_end(j);
}

static const char *const task_keys[OC_OOM_NR_COLS] = {
	[OC_OOM_COL_PID] = "pid",
	[OC_OOM_COL_UID] = "uid",
	[OC_OOM_COL_TGID] = "tgid",
	[OC_OOM_COL_TOTAL_VM] = "total_vm_pages",
	[OC_OOM_COL_RSS] = "rss_pages",
	[OC_OOM_COL_RSS_ANON] = "rss_anon_pages",
	[OC_OOM_COL_RSS_FILE] = "rss_file_pages",
	[OC_OOM_COL_RSS_SHMEM] = "rss_shmem_pages",
	[OC_OOM_COL_NR_PTES] = "nr_ptes_pages",
	[OC_OOM_COL_NR_PMDS] = "nr_pmds_pages",
	[OC_OOM_COL_PGTABLES_BYTES] = "pgtables_bytes",
	[OC_OOM_COL_SWAPENTS] = "swapents_pages",
	[OC_OOM_COL_CPU] = "cpu",
	[OC_OOM_COL_OOM_ADJ] = "oom_adj",
	[OC_OOM_COL_OOM_SCORE_ADJ] = "oom_score_adj",
	[OC_OOM_COL_NAME] = "name",
};

static void tasks(struct oc_json *j, const struct oc_oom_event *e)
{
	const struct oc_oom_task *t;
	int i;

	oc_json_key(j, "task_columns");
	oc_json_array_begin(j);
	for (i = 0; i < e->n_cols; i++)
		oc_json_string(j, oc_oom_col_name(e->cols[i]));
	oc_json_array_end(j);
	oc_json_kv_bool(j, "task_columns_guessed", e->cols_guessed);
	oc_json_kv_bool(j, "tasks_state_line", e->tasks_state_line);
	oc_json_kv_int(j, "bad_task_rows", e->bad_task_rows);
	oc_json_key(j, "tasks");
	oc_json_array_begin(j);
	oc_vec_for_each(&e->tasks, t) {
		const int64_t v[OC_OOM_NR_COLS] = {
			t->pid,
			t->uid,
			t->tgid,
			t->total_vm,
			t->rss,
			t->rss_anon,
			t->rss_file,
			t->rss_shmem,
			t->nr_ptes,
			t->nr_pmds,
			t->pgtables_bytes,
			t->swapents,
			t->cpu,
			t->oom_adj,
			t->oom_score_adj,
			0,
		};

		oc_json_object_begin(j);
		for (i = 0; i < OC_OOM_NR_COLS; i++) {
			if (i == OC_OOM_COL_NAME)
				oc_json_kv_str(j, "name", t->name);
			else if (i == OC_OOM_COL_PID ||
				 oc_oom_event_has_col(e, (enum oc_oom_col)i))
				kv_i64(j, task_keys[i], v[i]);
		}
		oc_json_kv_int(j, "line", t->line);
		oc_json_object_end(j);
	}
	oc_json_array_end(j);
}

static void victim(struct oc_json *j, const struct oc_oom_event *e)
{
	const struct oc_oom_victim *v = &e->victim;
	const struct oc_oom_extra_kill *x;
	const struct oc_oom_reap *r;
	const struct oc_oom_summary *s = &e->summary;

	if (s->present) {
		oc_json_key(j, "summary");
		oc_json_object_begin(j);
		kv_str0(j, "constraint", s->constraint);
		kv_str0(j, "nodemask", s->nodemask);
		kv_str0(j, "cpuset", s->cpuset);
		kv_str0(j, "mems_allowed", s->mems_allowed);
		oc_json_kv_bool(j, "global_oom", s->global_oom);
		kv_str0(j, "oom_memcg", s->oom_memcg);
		kv_str0(j, "task_memcg", s->task_memcg);
		kv_str0(j, "task", s->task);
		kv_i64(j, "pid", s->pid);
		kv_i64(j, "uid", s->uid);
		oc_json_object_end(j);
	} else {
		oc_json_kv_null(j, "summary");
	}
	oc_json_key(j, "victim");
	oc_json_object_begin(j);
	kv_i64(j, "selected_pid", v->selected_pid);
	kv_str0(j, "selected_comm", v->selected_comm);
	kv_i64(j, "score", v->score);
	kv_str0(j, "prefix", v->prefix);
	kv_i64(j, "pid", v->pid);
	kv_str0(j, "comm", v->comm);
	kv_i64(j, "uid", oc_oom_has(v->uid) ? v->uid : s->uid);
	kv_i64(j, "total_vm_kb", v->total_vm_kb);
	kv_i64(j, "anon_rss_kb", v->anon_rss_kb);
	kv_i64(j, "file_rss_kb", v->file_rss_kb);
	kv_i64(j, "shmem_rss_kb", v->shmem_rss_kb);
	kv_i64(j, "pgtables_kb", v->pgtables_kb);
	kv_i64(j, "oom_score_adj", v->oom_score_adj);
	oc_json_kv_bool(j, "exiting", v->exiting);
	kv_str0(j, "source", oc_oom_victim_source_name(v->source));
	oc_json_object_end(j);
	oc_json_key(j, "extra_kills");
	oc_json_array_begin(j);
	oc_vec_for_each(&e->extra_kills, x) {
		oc_json_object_begin(j);
		oc_json_kv_str(j, "kind",
			       x->kind == OC_OOM_EXTRA_OOM_GROUP ?
				       "oom_group" :
				       "sharing_mm");
		kv_i64(j, "pid", x->pid);
		oc_json_kv_str(j, "comm", x->comm);
		oc_json_object_end(j);
	}
	oc_json_array_end(j);
	oc_json_key(j, "reaper");
	oc_json_array_begin(j);
	oc_vec_for_each(&e->reaps, r) {
		oc_json_object_begin(j);
		oc_json_kv_bool(j, "reaped", r->reaped);
		kv_i64(j, "pid", r->pid);
		oc_json_kv_str(j, "comm", r->comm);
		kv_i64(j, "anon_rss_kb", r->anon_rss_kb);
		kv_i64(j, "file_rss_kb", r->file_rss_kb);
		kv_i64(j, "shmem_rss_kb", r->shmem_rss_kb);
		kv_i64(j, "line", r->line);
		oc_json_object_end(j);
	}
	oc_json_array_end(j);
}

static void rank_obj(struct oc_json *j, const struct oc_oom_event *e,
		     const struct oc_oom_rank *r)
{
	const struct oc_oom_task *t = &e->tasks.data[r->task];

	oc_json_object_begin(j);
	kv_i64(j, "pid", t->pid);
	oc_json_kv_str(j, "name", t->name);
	oc_json_kv_bool(j, "eligible", r->eligible);
	oc_json_kv_int(j, "rss_pages", r->rss_pages);
	oc_json_kv_int(j, "swap_pages", r->swap_pages);
	oc_json_kv_int(j, "pgtables_pages", r->pgtables_pages);
	oc_json_kv_int(j, "root_bonus_pages", r->root_bonus_pages);
	oc_json_kv_int(j, "adj_pages", r->adj_pages);
	if (r->eligible)
		oc_json_kv_int(j, "points", r->points);
	else
		oc_json_kv_null(j, "points");
	kv_i64(j, "score", r->score);
	oc_json_object_end(j);
}

void oc_log_analysis_json(struct oc_json *j, const struct oc_oom_event *e,
			  const struct oc_oom_analysis *a)
{
	const struct oc_oom_finding *f;
	const struct oc_oom_rank *r;
	static const char *const sev[] = { "info", "note", "warning" };

	oc_json_object_begin(j);
	oc_json_kv_str(j, "verdict", a->verdict);
	oc_json_key(j, "constraint");
	oc_json_object_begin(j);
	oc_json_kv_str(j, "value", oc_oom_constraint_name(a->constraint));
	oc_json_kv_str(j, "source", a->constraint_source);
	oc_json_object_end(j);
	oc_json_kv_str(j, "era", a->era);
	oc_json_kv_str(j, "era_evidence", a->era_evidence);
	kv_i64(j, "totalpages_pages", a->totalpages);
	kv_str0(j, "totalpages_source", a->totalpages_source);
	oc_json_kv_bool(j, "totalpages_exact", a->totalpages_exact);
	oc_json_kv_int(j, "page_size_bytes", a->page_size);
	oc_json_kv_str(j, "victim_match", oc_oom_match_name(a->victim_match));
	oc_json_kv_str(j, "score_match", oc_oom_match_name(a->score_match));
	kv_str0(j, "match_text", a->match_text);
	kv_i64(j, "implied_missing_pages", a->implied_missing_pages);
	oc_json_key(j, "implied_totalpages_pages");
	if (oc_oom_has(a->implied_totalpages_lo)) {
		oc_json_array_begin(j);
		oc_json_int(j, a->implied_totalpages_lo);
		oc_json_int(j, a->implied_totalpages_hi);
		oc_json_array_end(j);
		oc_json_kv_bool(j, "implied_totalpages_consistent",
				a->implied_totalpages_consistent);
	} else {
		oc_json_null(j);
		oc_json_kv_null(j, "implied_totalpages_consistent");
	}
	oc_json_key(j, "recomputed_victim");
	if (a->top >= 0)
		rank_obj(j, e, &a->ranks.data[a->top]);
	else
		oc_json_null(j);
	oc_json_key(j, "runner_up");
	if (a->runner_up >= 0)
		rank_obj(j, e, &a->ranks.data[a->runner_up]);
	else
		oc_json_null(j);
	oc_json_key(j, "ranking");
	oc_json_array_begin(j);
	oc_vec_for_each(&a->ranks, r)
		rank_obj(j, e, r);
	oc_json_array_end(j);
	oc_json_key(j, "findings");
	oc_json_array_begin(j);
	oc_vec_for_each(&a->findings, f) {
		oc_json_object_begin(j);
		oc_json_kv_str(j, "id", f->id);
		oc_json_kv_str(j, "severity", sev[f->severity]);
		oc_json_kv_str(j, "text", f->text);
		oc_json_object_end(j);
	}
	oc_json_array_end(j);
	oc_json_object_end(j);
}

static void seen(struct oc_json *j, unsigned int s)
{
	static const char *const names[] = {
		"header", "cpuset", "stack", "meminfo", "zones",
		"totals", "memcg",  "tasks", "summary", "select",
		"kill",	  "reaper", "panic", "slab",
	};
	size_t i;

	oc_json_key(j, "sections");
	oc_json_array_begin(j);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (s & (1u << i))
			oc_json_string(j, names[i]);
	}
	oc_json_array_end(j);
}

void oc_log_event_json(struct oc_json *j, const struct oc_oom_event *e,
		       size_t idx, const struct oc_oom_analysis *a)
{
	oc_json_object_begin(j);
	oc_json_kv_uint(j, "index", idx);
	kv_i64(j, "first_line", e->first_line);
	kv_i64(j, "last_line", e->last_line);
	kv_i64(j, "timestamp_ns", e->first_ts_ns);
	kv_str0(j, "wallclock", e->wallclock);
	kv_i64(j, "caller_id", e->caller_id);
	oc_json_key(j, "kernel");
	oc_json_object_begin(j);
	kv_str0(j, "version", e->kernel_version);
	kv_str0(j, "arch", e->arch);
	kv_str0(j, "hardware", e->hardware);
	kv_str0(j, "tainted", e->tainted);
	oc_json_object_end(j);
	seen(j, e->seen);
	oc_json_kv_bool(j, "partial", e->partial);
	oc_json_kv_int(j, "repeated_lines", e->repeated_lines);
	kv_str0(j, "trace_memcg_function", e->trace_memcg_fn);
	oc_json_kv_bool(j, "memcg_oom", e->memcg_oom);
	oc_json_kv_bool(j, "sysrq", e->sysrq);
	oc_json_kv_bool(j, "allocating_task", e->allocating_task);
	oc_json_kv_bool(j, "no_killable", e->no_killable);
	oc_json_kv_bool(j, "compaction_disabled", e->compaction_disabled);
	kv_str0(j, "panic", e->panic);
	kv_str0(j, "oom_group_path", e->oom_group_path);
	trigger(j, e);
	memcg(j, e);
	kvset(j, "meminfo", &e->meminfo);
	kvset(j, "totals", &e->totals);
	zones(j, e);
	kv_i64(j, "page_size_bytes", e->page_size);
	tasks(j, e);
	victim(j, e);
	oc_json_kv_int(j, "dropped_markers", e->dropped_markers);
	oc_json_kv_int(j, "foreign_lines", e->foreign_lines);
	oc_json_kv_int(j, "items_not_kept", e->items_not_kept);
	oc_json_key(j, "analysis");
	oc_log_analysis_json(j, e, a);
	oc_json_object_end(j);
}

static struct oc_error *event(struct oc_json *j, const struct oc_oom_event *e,
			      size_t idx)
{
	struct oc_oom_analysis a;
	struct oc_error *err = oc_oom_analyze(e, &a);

	if (!err)
		oc_log_event_json(j, e, idx, &a);
	oc_oom_analysis_release(&a);
	return err;
}

struct oc_error *oc_log_report_json(FILE *out,
				    const struct oc_oom_event_vec *events,
				    const struct oc_log_stats *st,
				    const struct oc_log_report_opts *opts)
{
	struct oc_json j;
	struct oc_error *err;
	size_t i;

	oc_json_init(&j, out, opts->pretty);
	oc_json_object_begin(&j);
	oc_json_kv_int(&j, "schema_version", 1);
	oc_json_kv_str(&j, "input", opts->input_name);
	oc_json_key(&j, "stats");
	oc_json_object_begin(&j);
	oc_json_kv_int(&j, "lines", st->lines);
	oc_json_kv_int(&j, "long_lines", st->long_lines);
	oc_json_kv_int(&j, "non_oom_memdumps", st->non_oom_memdumps);
	oc_json_kv_int(&j, "dropped_markers", st->dropped_markers);
	oc_json_kv_int(&j, "events_not_kept", st->events_not_kept);
	kv_str0(&j, "kernel_version", st->kernel_version);
	oc_json_kv_uint(&j, "events", events->len);
	oc_json_object_end(&j);
	oc_json_key(&j, "events");
	oc_json_array_begin(&j);
	for (i = 0; i < events->len; i++) {
		if (opts->event && (int64_t)i + 1 != opts->event)
			continue;
		err = event(&j, &events->data[i], i + 1);
		if (err)
			return err;
	}
	oc_json_array_end(&j);
	oc_json_object_end(&j);
	oc_json_finish(&j);
	return NULL;
}

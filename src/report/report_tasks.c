// SPDX-License-Identifier: GPL-2.0-or-later
/* The task table of the vmcore report, as text and JSON. */
#include <inttypes.h>
#include <string.h>

#include "oomcore/report.h"

static const char *const counter_names[OC_MM_NR] = {
	"rss_file_pages",
	"rss_anon_pages",
	"swapents_pages",
	"rss_shmem_pages",
};

/* The path of a task's memcg, or NULL when unknown. */
static const char *memcg_path(const struct oc_report *r,
			      const struct oc_task *t)
{
	int idx;

	if (r->memcg_err || !t->memcg)
		return NULL;
	idx = oc_memcg_find(&r->memcgs, t->memcg);
	return idx < 0 ? NULL : r->memcgs.groups.data[idx].path;
}

static const struct oc_task_score *score_of(const struct oc_report *r, size_t i)
{
	return i < r->sel.scores.len ? &r->sel.scores.data[i] : NULL;
}

static const char *pid_role(const struct oc_report *r, size_t i)
{
	if ((int64_t)i == r->sel.victim)
		return "victim";
	if ((int64_t)i == r->sel.runner_up)
		return "runner-up";
	return NULL;
}

/*
 * Counters the kernel had not folded in yet (per-thread rss caches up to
 * 6.1, per-CPU percpu_counter parts from 6.2): what the exact totals are,
 * beside the values the kernel printed and scored.
 */
static void print_unfolded(const struct oc_report *r, FILE *out)
{
	static const char *const names[OC_MM_NR] = {
		"file",
		"anon",
		"swap",
		"shmem",
	};
	const struct oc_tasks *ts = &r->tasks;
	bool header = false;

	for (size_t i = 0; i < ts->tasks.len; i++) {
		const struct oc_task *t = &ts->tasks.data[i];
		bool any = false;
		int64_t delta;

		if (!t->mm)
			continue;
		for (int c = 0; c < OC_MM_NR; c++) {
			if (t->rss[c] < 0 || t->rss_exact[c] == t->rss[c])
				continue;
			if (!header)
				fprintf(out, "Not yet folded into the counters "
					     "above (exact = printed + "
					     "delta, pages):\n");
			header = true;
			if (!any)
				fprintf(out, "  pid %d (%s):", t->tgid,
					t->mm_comm);
			any = true;
			if (__builtin_sub_overflow(t->rss_exact[c], t->rss[c],
						   &delta))
				fprintf(out, " %s ?", names[c]);
			else
				fprintf(out, " %s %+" PRId64, names[c], delta);
		}
		if (any)
			fputc('\n', out);
	}
}

void oc_report_tasks_text(const struct oc_report *r, FILE *out)
{
	const struct oc_tasks *ts = &r->tasks;

	if (r->tasks_err) {
		fprintf(out, "Tasks: not available: %s\n\n",
			r->tasks_err->message);
		return;
	}
	fprintf(out,
		"Tasks (%zu processes; oom_badness() era %s against "
		"totalpages %" PRIu64 ")\n",
		ts->tasks.len, r->rules.name ? r->rules.name : "?",
		r->totalpages);
	fprintf(out, "  totalpages: %s\n  era evidence: %s\n",
		r->totalpages_source, r->rules_evidence);
	if (ts->partial)
		fprintf(out, "  PARTIAL: %s\n", ts->partial->message);
	fprintf(out, "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes "
		     "swapents oom_score_adj   points score oom_score name\n");
	for (size_t i = 0; i < ts->tasks.len; i++) {
		const struct oc_task *t = &ts->tasks.data[i];
		const struct oc_task_score *sc = score_of(r, i);
		const char *role = pid_role(r, i);

		if (t->kthread)
			continue;
		if (!t->mm) {
			fprintf(out,
				"[%7d]     -  %5d        -        -        "
				"      -        -         %5hd        -  "
				"   -         - %s (%s)\n",
				t->pid, t->tgid, t->oom_score_adj, t->comm,
				sc ? oc_skip_name(sc->skip) : "no mm");
			continue;
		}
		fprintf(out,
			"[%7d] %5u %5d %8" PRId64 " %8" PRId64 " %14" PRId64
			" %8" PRId64 "         %5hd",
			t->mm_pid, t->uid, t->tgid, t->total_vm,
			oc_task_rss(&ts->layout, t->rss), t->pgtables_bytes,
			t->rss[OC_MM_SWAPENTS] > 0 ? t->rss[OC_MM_SWAPENTS] : 0,
			t->oom_score_adj);
		if (sc && sc->skip == OC_SKIP_NONE)
			fprintf(out, " %8" PRId64 " %5" PRId64 " %9" PRId64,
				sc->terms.points, sc->score, sc->proc_score);
		else
			fprintf(out, "        -     - %9" PRId64,
				sc ? sc->proc_score : 0);
		fprintf(out, " %s", t->mm_comm);
		if (sc && sc->skip != OC_SKIP_NONE)
			fprintf(out, " (skipped: %s)", oc_skip_name(sc->skip));
		if (role)
			fprintf(out, " <- %s", role);
		fputc('\n', out);
	}
	print_unfolded(r, out);
	fputc('\n', out);
}

static void counters_json(struct oc_json *j, const int64_t *c)
{
	for (int i = 0; i < OC_MM_NR; i++) {
		if (c[i] < 0)
			oc_json_kv_null(j, counter_names[i]);
		else
			oc_json_kv_int(j, counter_names[i], c[i]);
	}
}

static void terms_json(struct oc_json *j, const struct oc_task_score *sc)
{
	oc_json_key(j, "badness");
	oc_json_object_begin(j);
	oc_json_kv_bool(j, "eligible", sc->skip == OC_SKIP_NONE);
	oc_json_kv_str(j, "skip_reason",
		       sc->skip == OC_SKIP_NONE ? NULL :
						  oc_skip_name(sc->skip));
	if (sc->skip == OC_SKIP_NONE) {
		oc_json_kv_int(j, "points", sc->terms.points);
		oc_json_kv_int(j, "rss_pages", sc->terms.rss_pages);
		oc_json_kv_int(j, "swap_pages", sc->terms.swap_pages);
		oc_json_kv_int(j, "pgtables_pages", sc->terms.pgtables_pages);
		oc_json_kv_int(j, "root_bonus_pages", sc->terms.root_bonus);
		oc_json_kv_int(j, "oom_score_adj_pages", sc->terms.adj);
		oc_json_kv_int(j, "score_1000", sc->score);
		oc_json_kv_bool(j, "oom_origin", sc->origin);
	}
	oc_json_kv_int(j, "proc_oom_score", sc->proc_score);
	oc_json_object_end(j);
}

void oc_report_tasks_json(const struct oc_report *r, struct oc_json *j)
{
	const struct oc_tasks *ts = &r->tasks;

	oc_json_object_begin(j);
	oc_json_kv_str(j, "error", r->tasks_err ? r->tasks_err->message : NULL);
	oc_json_kv_str(j, "partial",
		       ts->partial ? ts->partial->message :
		       r->sel_err  ? r->sel_err->message :
				     NULL);
	oc_json_kv_str(j, "badness_era", r->rules.name);
	oc_json_kv_str(j, "badness_era_evidence", r->rules_evidence);
	oc_json_kv_bool(j, "badness_signed", r->rules.signed_result);
	oc_json_kv_str(j, "constraint", oc_oom_constraint_name(r->constraint));
	oc_json_kv_str(j, "constraint_source", r->constraint_source);
	oc_json_kv_uint(j, "totalpages", r->totalpages);
	oc_json_kv_str(j, "totalpages_source", r->totalpages_source);
	oc_json_key(j, "victim_pid");
	if (r->sel.victim >= 0 && (size_t)r->sel.victim < r->sel.scores.len)
		oc_json_int(
			j,
			ts->tasks.data[r->sel.scores.data[r->sel.victim].task]
				.tgid);
	else
		oc_json_null(j);
	oc_json_key(j, "runner_up_pid");
	if (r->sel.runner_up >= 0 &&
	    (size_t)r->sel.runner_up < r->sel.scores.len)
		oc_json_int(
			j,
			ts->tasks
				.data[r->sel.scores.data[r->sel.runner_up].task]
				.tgid);
	else
		oc_json_null(j);
	oc_json_kv_bool(j, "scan_aborted_by_pending_victim", r->sel.aborted);
	oc_json_key(j, "list");
	oc_json_array_begin(j);
	for (size_t i = 0; i < ts->tasks.len; i++) {
		const struct oc_task *t = &ts->tasks.data[i];
		const struct oc_task_score *sc = score_of(r, i);

		oc_json_object_begin(j);
		oc_json_kv_int(j, "pid", t->pid);
		oc_json_kv_int(j, "tgid", t->tgid);
		oc_json_kv_str(j, "comm", t->comm);
		oc_json_kv_uint(j, "task_struct", t->addr);
		oc_json_kv_uint(j, "flags", t->flags);
		oc_json_kv_uint(j, "state", t->state);
		oc_json_kv_bool(j, "kthread", t->kthread);
		oc_json_kv_bool(j, "exiting", t->exiting);
		oc_json_kv_int(j, "threads", t->nr_threads);
		oc_json_kv_int(j, "oom_score_adj", t->oom_score_adj);
		oc_json_kv_bool(j, "oom_victim", t->oom_victim);
		if (t->mm) {
			oc_json_kv_int(j, "mm_pid", t->mm_pid);
			oc_json_kv_str(j, "mm_comm", t->mm_comm);
			oc_json_kv_uint(j, "uid", t->uid);
			oc_json_kv_uint(j, "mm_struct", t->mm);
			counters_json(j, t->rss);
			oc_json_kv_int(j, "rss_pages",
				       oc_task_rss(&ts->layout, t->rss));
			oc_json_key(j, "exact");
			oc_json_object_begin(j);
			counters_json(j, t->rss_exact);
			oc_json_object_end(j);
			oc_json_kv_int(j, "total_vm_pages", t->total_vm);
			oc_json_kv_int(j, "pgtables_bytes", t->pgtables_bytes);
			if (t->nr_ptes >= 0)
				oc_json_kv_int(j, "nr_ptes_pages", t->nr_ptes);
			if (t->nr_pmds >= 0)
				oc_json_kv_int(j, "nr_pmds_pages", t->nr_pmds);
			oc_json_kv_bool(j, "mmf_oom_skip", t->mmf_oom_skip);
			oc_json_kv_bool(j, "in_vfork", t->in_vfork);
		} else {
			oc_json_kv_null(j, "mm_pid");
		}
		if (t->memcg)
			oc_json_kv_uint(j, "mem_cgroup", t->memcg);
		else
			oc_json_kv_null(j, "mem_cgroup");
		oc_json_kv_str(j, "memcg_path", memcg_path(r, t));
		if (sc)
			terms_json(j, sc);
		oc_json_object_end(j);
	}
	oc_json_array_end(j);
	oc_json_object_end(j);
}

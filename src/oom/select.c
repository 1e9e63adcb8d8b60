// SPDX-License-Identifier: GPL-2.0-or-later
/* Victim selection over a dump's processes: see oomcore/select.h. */
#include <string.h>

#include "oomcore/select.h"

const char *oc_skip_name(enum oc_skip s)
{
	switch (s) {
	case OC_SKIP_NONE:
		return "";
	case OC_SKIP_KTHREAD:
		return "kernel thread";
	case OC_SKIP_INIT:
		return "global init";
	case OC_SKIP_NO_MM:
		return "no mm";
	case OC_SKIP_ADJ_MIN:
		return "oom_score_adj -1000";
	case OC_SKIP_OOM_SKIP:
		return "MMF_OOM_SKIP";
	case OC_SKIP_VFORK:
		return "in vfork";
	case OC_SKIP_OTHER_MEMCG:
		return "outside the OOM memcg";
	case OC_SKIP_VICTIM:
		return "OOM victim already";
	case OC_SKIP_CPUSET:
		return "no node in the OOM's cpuset";
	}
	return "?";
}

void oc_select_badness_task(const struct oc_tasks *tasks,
			    const struct oc_task *task,
			    struct oc_badness_task *bt)
{
	memset(bt, 0, sizeof(*bt));
	bt->rss_pages = oc_task_rss(&tasks->layout, task->rss);
	bt->swapents =
		task->rss[OC_MM_SWAPENTS] > 0 ? task->rss[OC_MM_SWAPENTS] : 0;
	bt->nr_ptes = task->nr_ptes;
	bt->nr_pmds = task->nr_pmds;
	bt->pgtables_bytes = task->pgtables_bytes;
	bt->oom_score_adj = task->oom_score_adj;
	/* CAP_SYS_ADMIN is not read from the dump; uid 0 stands for it. */
	bt->cap_sys_admin = task->uid == 0;
	bt->eligible = true;
}

/* oom_unkillable_task() and oom_badness()'s early returns. */
static enum oc_skip skip_reason(const struct oc_select_input *in,
				const struct oc_task *task)
{
	if (task->is_init)
		return OC_SKIP_INIT;
	if (task->kthread)
		return OC_SKIP_KTHREAD;
	if (in->in_scope && !in->in_scope(in->in_scope_arg, task))
		return OC_SKIP_OTHER_MEMCG;
	if (in->cpuset_mems && task->mems_allowed &&
	    !(in->cpuset_mems & task->mems_allowed))
		return OC_SKIP_CPUSET;
	if (task->oom_victim && !in->sysrq)
		return task->mmf_oom_skip ? OC_SKIP_OOM_SKIP : OC_SKIP_VICTIM;
	if (!task->mm)
		return OC_SKIP_NO_MM;
	if (task->oom_score_adj == -1000)
		return OC_SKIP_ADJ_MIN;
	if (task->mmf_oom_skip)
		return OC_SKIP_OOM_SKIP;
	if (task->in_vfork)
		return OC_SKIP_VFORK;
	return OC_SKIP_NONE;
}

struct oc_error *oc_select_victim(const struct oc_select_input *in,
				  const struct oc_tasks *tasks,
				  struct oc_selection *sel)
{
	const struct oc_badness_rules *r = in->rules;
	uint64_t proc_total =
		in->proc_totalpages ? in->proc_totalpages : in->totalpages;
	bool have_best = false;
	int64_t best = 0, best_origin = -1;

	memset(sel, 0, sizeof(*sel));
	sel->victim = sel->runner_up = sel->aborted_by = -1;
	for (size_t i = 0; i < tasks->tasks.len; i++) {
		const struct oc_task *task = &tasks->tasks.data[i];
		struct oc_task_score *sc = oc_task_score_vec_push(&sel->scores);
		struct oc_badness_task bt;
		int64_t proc_points;

		if (!sc)
			return &oc_enomem;
		sc->task = i;
		sc->skip = skip_reason(in, task);
		oc_select_badness_task(tasks, task, &bt);
		bt.eligible =
			sc->skip == OC_SKIP_NONE || sc->skip == OC_SKIP_VICTIM;
		oc_oom_badness(r, &bt, in->totalpages, in->page_size,
			       &sc->terms);
		sc->score =
			oc_badness_score(r, sc->terms.points, in->totalpages);
		/* /proc/PID/oom_score ignores memcg scope and victims. */
		bt.eligible = !task->is_init && !task->kthread && task->mm &&
			      !task->mmf_oom_skip && !task->in_vfork;
		proc_points =
			oc_oom_badness(r, &bt, proc_total, in->page_size, NULL);
		sc->proc_score =
			oc_badness_proc_oom_score(r, proc_points, proc_total);
		if (sc->skip == OC_SKIP_VICTIM) {
			if (!sel->aborted) {
				sel->aborted = true;
				sel->aborted_by = sel->scores.len - 1;
			}
			continue;
		}
		if (sc->skip != OC_SKIP_NONE)
			continue;
		if (task->oom_origin && best_origin < 0) {
			sc->origin = true;
			best_origin = sel->scores.len - 1;
		}
	}
	/*
	 * The kernel's scan keeps one best; the ranking below replays it in
	 * walk order so the tie-break is the kernel's, then finds the
	 * runner-up as the best of the others by the same rule.
	 */
	for (int pass = 0; pass < 2; pass++) {
		bool leader_best = false;

		have_best = false;
		best = 0;
		for (size_t i = 0; i < sel->scores.len; i++) {
			const struct oc_task_score *sc = &sel->scores.data[i];
			const struct oc_task *task =
				&tasks->tasks.data[sc->task];
			bool leader = task->mm_pid == task->tgid;

			if (sc->skip != OC_SKIP_NONE ||
			    (pass == 1 && (int64_t)i == sel->victim))
				continue;
			if (pass == 0 && best_origin >= 0) {
				sel->victim = best_origin;
				break;
			}
			if (oc_badness_replaces(r, sc->terms.points, leader,
						have_best, best, leader_best)) {
				have_best = true;
				best = sc->terms.points;
				leader_best = leader;
				if (pass == 0)
					sel->victim = i;
				else
					sel->runner_up = i;
			}
		}
	}
	return NULL;
}

void oc_selection_free(struct oc_selection *sel)
{
	oc_task_score_vec_free(&sel->scores);
}

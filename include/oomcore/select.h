/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The OOM killer's choice, recomputed from the processes of a dump.
 *
 * Mirrors mm/oom_kill.c select_bad_process() / oom_evaluate_task() over
 * the walker's processes (struct oc_task) with one era's oom_badness()
 * (oomcore/badness.h): which tasks are skipped and why, every eligible
 * task's points and the terms they are made of, the victim the kernel
 * picks with its tie-break, and the runner-up.
 */
#ifndef OOMCORE_SELECT_H
#define OOMCORE_SELECT_H

#include <stdbool.h>
#include <stdint.h>

#include "oomcore/badness.h"
#include "oomcore/error.h"
#include "oomcore/tasks.h"
#include "oomcore/vector.h"

/* Why oom_evaluate_task() passes over a process. */
enum oc_skip {
	OC_SKIP_NONE,	     /* scored */
	OC_SKIP_KTHREAD,     /* oom_unkillable_task(): PF_KTHREAD */
	OC_SKIP_INIT,	     /* oom_unkillable_task(): global init */
	OC_SKIP_NO_MM,	     /* no thread has an mm (exited) */
	OC_SKIP_ADJ_MIN,     /* oom_score_adj == -1000 */
	OC_SKIP_OOM_SKIP,    /* MMF_OOM_SKIP: already reaped */
	OC_SKIP_VFORK,	     /* in_vfork() */
	OC_SKIP_OTHER_MEMCG, /* not in the OOMing memcg's subtree */
	OC_SKIP_VICTIM,	     /* already an OOM victim: the scan aborts */
	OC_SKIP_CPUSET,	     /* !oom_cpuset_eligible(): no allowed node */
};

/* "kernel thread", ... for reports; "" for OC_SKIP_NONE. */
const char *oc_skip_name(enum oc_skip s);

struct oc_task_score {
	size_t task; /* index into the oc_tasks vector */
	enum oc_skip skip;
	struct oc_badness_terms terms; /* terms.points: oom_badness() */
	bool origin;		       /* oom_task_origin(): picked first */
	int64_t score;		       /* 0..1000 normalization of the points */
	int64_t proc_score; /* /proc/PID/oom_score for these points */
};

OC_DEFINE_VECTOR(oc_task_score_vec, struct oc_task_score)

struct oc_select_input {
	const struct oc_badness_rules *rules;
	uint64_t totalpages;
	uint32_t page_size;
	/*
	 * For a memcg OOM: keep only tasks for which @in_scope returns true
	 * (their memcg is in the OOMing memcg's subtree). NULL: all.
	 */
	bool (*in_scope)(void *arg, const struct oc_task *task);
	void *in_scope_arg;
	bool sysrq; /* order -1: victims do not abort the scan */
	/*
	 * oom_cpuset_eligible() for a global OOM on a NUMA kernel: tasks
	 * none of whose threads may use a node of @cpuset_mems (the
	 * allocating task's mems_allowed) are skipped. 0: no check.
	 */
	uint64_t cpuset_mems;
	/*
	 * Totalpages for /proc/PID/oom_score (totalram + swap); 0 to use
	 * ->totalpages.
	 */
	uint64_t proc_totalpages;
};

struct oc_selection {
	struct oc_task_score_vec scores; /* one per task, walk order */
	int64_t victim;			 /* index into ->scores, or -1 */
	int64_t runner_up;		 /* second best eligible, or -1 */
	/* The scan met a live OOM victim: the kernel kills nothing now. */
	bool aborted;
	int64_t aborted_by; /* index into ->scores, or -1 */
};

/* Scores every task and picks the victim. */
struct oc_error *oc_select_victim(const struct oc_select_input *in,
				  const struct oc_tasks *tasks,
				  struct oc_selection *sel);
void oc_selection_free(struct oc_selection *sel);

/* The oom_badness() inputs of a walker task (rss as the kernel read it). */
void oc_select_badness_task(const struct oc_tasks *tasks,
			    const struct oc_task *task,
			    struct oc_badness_task *bt);

#endif /* OOMCORE_SELECT_H */

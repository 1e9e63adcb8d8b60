/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Processes and their memory counters, as the OOM killer sees them.
 *
 * oc_tasks_read() walks init_task.tasks (for_each_process: thread-group
 * leaders, in the kernel's own order) and for each process finds the
 * first thread that still has an mm, as find_lock_task_mm() does: that
 * thread's pid, uid and comm are what dump_tasks() prints.
 *
 * Counters: ->rss[] is what get_mm_counter() returns at the moment of the
 * dump (the value the kernel printed and scored with); ->rss_exact[] adds
 * what the kernel had not folded in yet (per-thread task->rss_stat caches
 * up to 6.1, per-CPU percpu_counter deltas from 6.2).
 */
#ifndef OOMCORE_TASKS_H
#define OOMCORE_TASKS_H

#include <stdbool.h>
#include <stdint.h>

#include "oomcore/error.h"
#include "oomcore/kernel.h"
#include "oomcore/vector.h"

/* Indices of ->rss[]: the kernel's MM_* counters, by name. */
enum oc_mm_counter {
	OC_MM_FILEPAGES,
	OC_MM_ANONPAGES,
	OC_MM_SWAPENTS,
	OC_MM_SHMEMPAGES,
	OC_MM_NR,
};

struct oc_task {
	uint64_t addr;		/* task_struct of the leader */
	int32_t pid, tgid;	/* the leader's */
	char comm[17];		/* the leader's */
	uint32_t flags;		/* PF_* of the leader */
	uint64_t state;		/* __state / state */
	uint32_t exit_state;
	int32_t nr_threads;	/* threads walked */

	/* The thread find_lock_task_mm() returns; mm_pid 0 when none. */
	int32_t mm_pid;
	uint32_t uid;		/* task_uid() of that thread */
	char mm_comm[17];
	uint64_t mm;		/* mm_struct address, 0 without */

	int16_t oom_score_adj;
	bool oom_origin;	/* signal->oom_flag_origin */
	bool oom_victim;	/* signal->oom_mm set: already an OOM victim */
	bool kthread;		/* PF_KTHREAD */
	bool exiting;		/* PF_EXITING */
	bool is_init;		/* global init (pid 1) */
	bool in_vfork;
	bool mmf_oom_skip;	/* mm->flags has MMF_OOM_SKIP */

	/* mm counters in pages; -1 for a counter this kernel lacks. */
	int64_t rss[OC_MM_NR];
	int64_t rss_exact[OC_MM_NR];
	int64_t total_vm;
	int64_t pgtables_bytes;	/* for old kernels: (nr_ptes+nr_pmds)*PAGE */
	int64_t nr_ptes, nr_pmds;	/* -1 when the kernel lacks them */

	uint64_t memcg;		/* struct mem_cgroup of the task, 0 if none */
	/*
	 * cpuset mems_allowed of all threads OR-ed (nodes 0-63): the OOM
	 * killer's oom_cpuset_eligible() asks whether any thread's
	 * intersects the allocating task's. 0 when unknown.
	 */
	uint64_t mems_allowed;
};

OC_DEFINE_VECTOR(oc_task_vec, struct oc_task)

/* Which layouts the walk met (for reports and badness rules). */
struct oc_tasks_layout {
	bool rss_percpu;	/* 6.2+: struct percpu_counter rss_stat[] */
	bool rss_split;		/* <= 6.1: per-task rss_stat caches */
	bool has_shmem;		/* MM_SHMEMPAGES exists (4.5+) */
	bool has_pgtables_bytes;
	bool has_nr_pmds;
};

struct oc_tasks {
	struct oc_task_vec tasks;	/* for_each_process order */
	struct oc_tasks_layout layout;
	/*
	 * Set when the walk stopped early (a cycle, an unreadable or wild
	 * pointer): what was read before stays in ->tasks.
	 */
	struct oc_error *partial;
};

/*
 * Walks every process. Fails only when the walk cannot start (layout
 * missing, init_task unreadable); damage met later ends the walk with
 * ->partial set. Free with oc_tasks_free().
 */
struct oc_error *oc_tasks_read(struct oc_kernel *k, struct oc_tasks *out);
void oc_tasks_free(struct oc_tasks *tasks);

/* get_mm_rss(): file + anon (+ shmem from 4.5) of @c (rss or rss_exact). */
int64_t oc_task_rss(const struct oc_tasks_layout *l, const int64_t *c);

#endif /* OOMCORE_TASKS_H */

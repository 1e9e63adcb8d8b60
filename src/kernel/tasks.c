// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Process walker: see oomcore/tasks.h. Mirrors for_each_process(),
 * find_lock_task_mm() and get_mm_counter() (mm/oom_kill.c, include/linux/
 * mm.h); layouts are chosen by the types in DWARF.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomcore/tasks.h"

#define PF_EXITING 0x00000004
#define PF_KTHREAD 0x00200000
#define MMF_OOM_SKIP 21 /* include/linux/sched/coredump.h, 4.10+ */
#define MAX_PROCESSES (4u << 20)
#define MAX_THREADS (1u << 20)

enum rss_mode {
	RSS_ATOMIC, /* mm->rss_stat.count[i] (2.6.34-6.1) */
	RSS_PERCPU, /* mm->rss_stat[i] percpu_counter (6.2+) */
	RSS_OLD,    /* mm->_file_rss, _anon_rss (2.6.32) */
};

struct task_layout {
	uint64_t task_size, mm_size, signal_size;
	struct oc_field tasks, pid, tgid, comm, flags, state, exit_state, mm,
		signal, real_cred, cgroups, vfork_done, real_parent,
		thread_node, thread_group, task_rss, mems_allowed;
	struct oc_field sig_adj, sig_origin, sig_oom_mm, sig_thread_head;
	struct oc_field cred_uid;
	struct oc_field total_vm, pgtables_bytes, nr_ptes, nr_pmds, mm_flags;
	struct oc_field rss_base;	    /* rss_stat.count / rss_stat */
	uint64_t rss_elem;		    /* stride of one counter */
	uint64_t pc_count, pc_counters;	    /* in struct percpu_counter */
	struct oc_field file_rss, anon_rss; /* RSS_OLD */
	struct oc_field css_memcg;	    /* css_set.subsys[memory_cgrp_id] */
	enum rss_mode rss_mode;
	int mm_idx[OC_MM_NR]; /* MM_* enumerator values, -1 */
};

static struct oc_error *need(const struct oc_field *f, const char *what)
{
	if (f->ok)
		return NULL;
	return oc_error_create(OC_ERR_UNSUPPORTED,
			       "task walk: this kernel has no %s", what);
}

/* The end of the furthest of @n fields: how much of a struct to read. */
static uint64_t span(const struct oc_field *const *f, size_t n, uint64_t size)
{
	uint64_t end = 0;

	for (size_t i = 0; i < n; i++)
		if (f[i]->ok && f[i]->off + f[i]->size > end)
			end = f[i]->off + f[i]->size;
	return end < size ? end : size;
}

/*
 * Reads cover only the fields used: x86 allocates task_struct with the
 * FPU state cut to the CPU's size (arch_task_struct_size), so reading
 * sizeof(struct task_struct) runs past the object into other pages,
 * which a filtered dump may not have.
 */
static void shrink_reads(struct task_layout *l)
{
	const struct oc_field *task[] = {
		&l->tasks,	 &l->pid,	   &l->tgid,
		&l->comm,	 &l->flags,	   &l->state,
		&l->exit_state,	 &l->mm,	   &l->signal,
		&l->real_cred,	 &l->cgroups,	   &l->vfork_done,
		&l->real_parent, &l->thread_node,  &l->thread_group,
		&l->task_rss,	 &l->mems_allowed,
	};
	const struct oc_field *mm[] = {
		&l->total_vm, &l->pgtables_bytes, &l->nr_ptes,	&l->nr_pmds,
		&l->mm_flags, &l->rss_base,	  &l->file_rss, &l->anon_rss,
	};
	const struct oc_field *sig[] = {
		&l->sig_adj,
		&l->sig_origin,
		&l->sig_oom_mm,
		&l->sig_thread_head,
	};

	l->task_size = span(task, sizeof(task) / sizeof(task[0]), l->task_size);
	l->mm_size = span(mm, sizeof(mm) / sizeof(mm[0]), l->mm_size);
	l->signal_size =
		span(sig, sizeof(sig) / sizeof(sig[0]), l->signal_size);
}

static struct oc_error *resolve(struct oc_kernel *k, struct task_layout *l)
{
	static const char *const mm_names[OC_MM_NR] = {
		"MM_FILEPAGES",
		"MM_ANONPAGES",
		"MM_SWAPENTS",
		"MM_SHMEMPAGES",
	};
	struct oc_target *t = k->t;
	const char *ts = "struct task_struct", *mm = "struct mm_struct";
	struct oc_member_info info;
	struct oc_error *err;
	int64_t v;

	memset(l, 0, sizeof(*l));
	if ((err = oc_target_type_size(t, ts, &l->task_size)) ||
	    (err = oc_target_type_size(t, mm, &l->mm_size)) ||
	    (err = oc_target_type_size(t, "struct signal_struct",
				       &l->signal_size)))
		return err;
	oc_target_field(t, ts, "tasks", &l->tasks);
	oc_target_field(t, ts, "pid", &l->pid);
	oc_target_field(t, ts, "tgid", &l->tgid);
	oc_target_field(t, ts, "comm", &l->comm);
	oc_target_field(t, ts, "flags", &l->flags);
	oc_target_field(t, ts, "__state", &l->state);
	if (!l->state.ok)
		oc_target_field(t, ts, "state", &l->state);
	oc_target_field(t, ts, "exit_state", &l->exit_state);
	oc_target_field(t, ts, "mm", &l->mm);
	oc_target_field(t, ts, "signal", &l->signal);
	oc_target_field(t, ts, "real_cred", &l->real_cred);
	oc_target_field(t, ts, "cgroups", &l->cgroups);
	oc_target_field(t, ts, "vfork_done", &l->vfork_done);
	oc_target_field(t, ts, "real_parent", &l->real_parent);
	oc_target_field(t, ts, "thread_node", &l->thread_node);
	oc_target_field(t, ts, "thread_group", &l->thread_group);
	oc_target_field(t, ts, "rss_stat.count", &l->task_rss);
	oc_target_field(t, ts, "mems_allowed", &l->mems_allowed);
	oc_target_field(t, "struct signal_struct", "oom_score_adj",
			&l->sig_adj);
	oc_target_field(t, "struct signal_struct", "oom_flag_origin",
			&l->sig_origin);
	oc_target_field(t, "struct signal_struct", "oom_mm", &l->sig_oom_mm);
	oc_target_field(t, "struct signal_struct", "thread_head",
			&l->sig_thread_head);
	oc_target_field(t, "struct cred", "uid", &l->cred_uid);
	oc_target_field(t, mm, "total_vm", &l->total_vm);
	oc_target_field(t, mm, "pgtables_bytes", &l->pgtables_bytes);
	oc_target_field(t, mm, "nr_ptes", &l->nr_ptes);
	oc_target_field(t, mm, "nr_pmds", &l->nr_pmds);
	oc_target_field(t, mm, "flags", &l->mm_flags);
	if ((err = need(&l->tasks, "task_struct.tasks")) ||
	    (err = need(&l->pid, "task_struct.pid")) ||
	    (err = need(&l->tgid, "task_struct.tgid")) ||
	    (err = need(&l->comm, "task_struct.comm")) ||
	    (err = need(&l->flags, "task_struct.flags")) ||
	    (err = need(&l->mm, "task_struct.mm")) ||
	    (err = need(&l->signal, "task_struct.signal")) ||
	    (err = need(&l->sig_adj, "signal_struct.oom_score_adj")) ||
	    (err = need(&l->total_vm, "mm_struct.total_vm")))
		return err;
	if (!(l->thread_node.ok && l->sig_thread_head.ok) &&
	    !l->thread_group.ok)
		return need(&l->thread_group, "thread list");

	for (int i = 0; i < OC_MM_NR; i++) {
		l->mm_idx[i] = -1;
		err = oc_target_enumerator(t, mm_names[i], &v);
		if (!err && v >= 0 && v < 16)
			l->mm_idx[i] = v;
		oc_error_free(err);
	}
	/* Which rss_stat: decided by its type. */
	err = oc_target_member(t, mm, "rss_stat", &info);
	if (!err && strstr(info.type_name, "percpu_counter")) {
		l->rss_mode = RSS_PERCPU;
		l->rss_base = (struct oc_field){ .off = info.offset,
						 .size = info.size,
						 .elem = info.size,
						 .ok = true };
		l->rss_elem = info.elem_size;
		if ((err = oc_target_offsetof(t, "struct percpu_counter",
					      "count", &l->pc_count)) ||
		    (err = oc_target_offsetof(t, "struct percpu_counter",
					      "counters", &l->pc_counters)))
			return err;
	} else if (!err) {
		oc_error_free(err);
		l->rss_mode = RSS_ATOMIC;
		err = oc_target_member(t, mm, "rss_stat.count", &info);
		if (err)
			return err;
		l->rss_base = (struct oc_field){ .off = info.offset,
						 .size = info.size,
						 .elem = info.size,
						 .ok = true };
		l->rss_elem = info.elem_size;
	} else {
		oc_error_free(err);
		l->rss_mode = RSS_OLD;
		oc_target_field(t, mm, "_file_rss", &l->file_rss);
		oc_target_field(t, mm, "_anon_rss", &l->anon_rss);
		if ((err = need(&l->file_rss, "mm_struct rss counters")))
			return err;
		l->mm_idx[OC_MM_FILEPAGES] = 0;
		l->mm_idx[OC_MM_ANONPAGES] = 1;
	}
	if (l->rss_mode != RSS_OLD && l->mm_idx[OC_MM_FILEPAGES] < 0)
		return oc_error_create(OC_ERR_UNSUPPORTED,
				       "task walk: no MM_FILEPAGES enumerator");
	/* The task's memcg: css_set.subsys[memory_cgrp_id]. */
	if (l->cgroups.ok &&
	    oc_ok(oc_target_enumerator(t, "memory_cgrp_id", &v))) {
		char path[32];

		snprintf(path, sizeof(path), "subsys[%" PRId64 "]", v);
		oc_target_field(t, "struct css_set", path, &l->css_memcg);
	}
	shrink_reads(l);
	return NULL;
}

/* Reads the mm's counters and flags into @task. */
static struct oc_error *read_mm(struct oc_kernel *k,
				const struct task_layout *l, uint64_t mm,
				char *buf, struct oc_task *task)
{
	struct oc_target *t = k->t;
	struct oc_error *err;

	err = oc_target_read(t, mm, buf, l->mm_size);
	if (err)
		return oc_error_wrap(err, "mm_struct of pid %d", task->tgid);
	task->total_vm = oc_field_uint(t, buf, &l->total_vm);
	task->nr_ptes = l->nr_ptes.ok ? oc_field_sint(t, buf, &l->nr_ptes) : -1;
	task->nr_pmds = l->nr_pmds.ok ? oc_field_sint(t, buf, &l->nr_pmds) : -1;
	if (l->pgtables_bytes.ok)
		task->pgtables_bytes =
			oc_field_sint(t, buf, &l->pgtables_bytes);
	else
		task->pgtables_bytes =
			((task->nr_ptes > 0 ? task->nr_ptes : 0) +
			 (task->nr_pmds > 0 ? task->nr_pmds : 0)) *
			(int64_t)k->page_size;
	task->mmf_oom_skip =
		oc_field_uint(t, buf, &l->mm_flags) >> MMF_OOM_SKIP & 1;
	for (int i = 0; i < OC_MM_NR; i++) {
		int idx = l->mm_idx[i];
		int64_t v = 0;

		task->rss[i] = task->rss_exact[i] = -1;
		if (idx < 0)
			continue;
		switch (l->rss_mode) {
		case RSS_OLD: {
			const struct oc_field *f =
				idx == 0 ? &l->file_rss : &l->anon_rss;

			v = oc_field_sint(t, buf, f);
			break;
		}
		case RSS_ATOMIC:
			v = oc_target_decode_sint(
				t, buf + l->rss_base.off + idx * l->rss_elem,
				l->rss_elem);
			break;
		case RSS_PERCPU: {
			const char *pc =
				buf + l->rss_base.off + idx * l->rss_elem;
			uint64_t counters;
			int64_t sum;

			v = oc_target_decode_sint(t, pc + l->pc_count, 8);
			counters = oc_target_decode_uint(t, pc + l->pc_counters,
							 t->ptr_size);
			sum = v;
			for (uint32_t c = 0; c < k->nr_cpus; c++) {
				int64_t d;

				err = oc_target_read_sint(
					t,
					oc_kernel_per_cpu(k, counters,
							  k->cpus[c]),
					4, &d);
				if (err) {
					oc_error_free(err);
					continue;
				}
				sum += d;
			}
			task->rss_exact[i] = sum < 0 ? 0 : sum;
			break;
		}
		}
		/* get_mm_counter() clamps at 0 (SPLIT_RSS_COUNTING / 6.2+). */
		task->rss[i] = v < 0 ? 0 : v;
		if (l->rss_mode != RSS_PERCPU)
			task->rss_exact[i] = v;
	}
	return NULL;
}

/* Reads one thread's task_struct into @buf. */
static struct oc_error *read_task(struct oc_target *t,
				  const struct task_layout *l, uint64_t addr,
				  char *buf)
{
	struct oc_error *err = oc_target_read(t, addr, buf, l->task_size);

	if (err)
		return oc_error_wrap(err, "task_struct at 0x%" PRIx64, addr);
	return NULL;
}

static void copy_comm(char *dst, const char *src, size_t n)
{
	if (n > 16)
		n = 16;
	memcpy(dst, src, n);
	dst[n] = '\0';
	dst[strnlen(dst, n)] = '\0';
}

/*
 * Walks the threads of the process whose leader is in @lbuf: finds the
 * first thread with an mm (find_lock_task_mm) and sums the per-thread
 * rss caches of the threads that use that mm.
 */
static struct oc_error *
walk_threads(struct oc_kernel *k, const struct task_layout *l, uint64_t leader,
	     const char *lbuf, char *tbuf, struct oc_task *task, int64_t *cache)
{
	struct oc_target *t = k->t;
	struct oc_error *err;
	uint64_t head, node, link_off, first;
	bool use_head = l->thread_node.ok && l->sig_thread_head.ok;
	uint32_t n = 0;

	if (use_head) {
		head = oc_field_uint(t, lbuf, &l->signal) +
		       l->sig_thread_head.off;
		link_off = l->thread_node.off;
		err = oc_target_read_ptr(t, head, &first);
	} else {
		head = leader + l->thread_group.off;
		link_off = l->thread_group.off;
		first = head; /* the leader itself comes first */
		err = NULL;
	}
	if (err)
		return oc_error_wrap(err, "thread list of pid %d", task->tgid);
	for (node = first; n < MAX_THREADS; n++) {
		uint64_t addr = node - link_off, mm;
		const char *b;

		if (use_head && node == head)
			break;
		if (addr == leader) {
			b = lbuf;
		} else {
			err = read_task(t, l, addr, tbuf);
			if (err)
				return err;
			b = tbuf;
		}
		mm = oc_field_uint(t, b, &l->mm);
		if (l->mems_allowed.ok)
			task->mems_allowed |= oc_target_decode_uint(
				t, b + l->mems_allowed.off,
				l->mems_allowed.size < 8 ?
					l->mems_allowed.size :
					8);
		if (mm && !task->mm) {
			task->mm = mm;
			task->mm_pid = oc_field_sint(t, b, &l->pid);
			copy_comm(task->mm_comm, b + l->comm.off, l->comm.size);
			if (l->real_cred.ok && l->cred_uid.ok) {
				uint64_t cred =
					oc_field_uint(t, b, &l->real_cred);
				uint32_t uid;

				if (cred &&
				    oc_ok(oc_target_read_u32(
					    t, cred + l->cred_uid.off, &uid)))
					task->uid = uid;
			}
		}
		if (mm && mm == task->mm && l->task_rss.ok) {
			for (int i = 0; i < OC_MM_NR; i++)
				if (l->mm_idx[i] >= 0)
					cache[i] += oc_target_decode_sint(
						t,
						b + l->task_rss.off +
							l->mm_idx[i] * 4,
						4);
		}
		err = oc_target_read_ptr(t, addr + link_off, &node);
		if (err)
			return oc_error_wrap(err, "thread list of pid %d",
					     task->tgid);
		if (!use_head && node == first)
			break;
	}
	task->nr_threads = n ? n : 1;
	if (n >= MAX_THREADS)
		return oc_error_create(OC_ERR_CORRUPT,
				       "thread list of pid %d does not end",
				       task->tgid);
	return NULL;
}

static struct oc_error *read_process(struct oc_kernel *k,
				     const struct task_layout *l, uint64_t addr,
				     char *lbuf, char *tbuf, char *mmbuf,
				     char *sigbuf, struct oc_task *task)
{
	struct oc_target *t = k->t;
	struct oc_error *err;
	int64_t cache[OC_MM_NR] = { 0 };
	uint64_t signal;

	task->addr = addr;
	task->pid = oc_field_sint(t, lbuf, &l->pid);
	task->tgid = oc_field_sint(t, lbuf, &l->tgid);
	copy_comm(task->comm, lbuf + l->comm.off, l->comm.size);
	task->flags = oc_field_uint(t, lbuf, &l->flags);
	task->state = oc_field_uint(t, lbuf, &l->state);
	task->exit_state = oc_field_uint(t, lbuf, &l->exit_state);
	task->kthread = task->flags & PF_KTHREAD;
	task->exiting = task->flags & PF_EXITING;
	task->mems_allowed = 0;
	task->is_init = task->tgid == 1;
	signal = oc_field_uint(t, lbuf, &l->signal);
	if (signal) {
		err = oc_target_read(t, signal, sigbuf, l->signal_size);
		if (err)
			return oc_error_wrap(err, "signal_struct of pid %d",
					     task->pid);
		task->oom_score_adj = oc_field_sint(t, sigbuf, &l->sig_adj);
		task->oom_origin =
			oc_field_uint(t, sigbuf, &l->sig_origin) != 0;
		task->oom_victim =
			oc_field_uint(t, sigbuf, &l->sig_oom_mm) != 0;
	}
	if (l->cgroups.ok && l->css_memcg.ok) {
		uint64_t cset = oc_field_uint(t, lbuf, &l->cgroups), css;

		if (cset &&
		    oc_ok(oc_target_read_ptr(t, cset + l->css_memcg.off, &css)))
			task->memcg = css;
	}
	for (int i = 0; i < OC_MM_NR; i++)
		task->rss[i] = task->rss_exact[i] = -1;
	task->nr_ptes = task->nr_pmds = -1;
	if (signal) {
		err = walk_threads(k, l, addr, lbuf, tbuf, task, cache);
		if (err)
			return err;
	}
	if (!task->mm)
		return NULL;
	err = read_mm(k, l, task->mm, mmbuf, task);
	if (err)
		return err;
	if (l->rss_mode == RSS_ATOMIC && l->task_rss.ok)
		for (int i = 0; i < OC_MM_NR; i++)
			if (task->rss_exact[i] >= 0)
				task->rss_exact[i] += cache[i];
	/* in_vfork(): vfork_done set and sharing the parent's mm. */
	if (l->vfork_done.ok && l->real_parent.ok &&
	    oc_field_uint(t, lbuf, &l->vfork_done)) {
		uint64_t parent = oc_field_uint(t, lbuf, &l->real_parent), pmm;

		if (parent &&
		    oc_ok(oc_target_read_ptr(t, parent + l->mm.off, &pmm)))
			task->in_vfork = pmm == task->mm;
	}
	return NULL;
}

/*
 * An mm counter beyond RAM + swap (or as far below zero) cannot be: a
 * damaged mm_struct. The counter is dropped to 0 so that it does not win
 * the victim selection, and the walk is marked partial naming the task.
 */
static struct oc_error *check_counters(struct oc_kernel *k,
				       struct oc_task *task)
{
	static const char *const names[OC_MM_NR] = {
		"MM_FILEPAGES", "MM_ANONPAGES", "MM_SWAPENTS", "MM_SHMEMPAGES"
	};
	int64_t ram = k->totalram_pages, swap = k->total_swap_pages;
	int64_t limit = ram + (swap > 0 ? swap : 0);
	struct oc_error *err = NULL;

	if (ram <= 0)
		return NULL;
	for (int i = 0; i < OC_MM_NR; i++) {
		int64_t v = task->rss[i];

		if (v <= limit && v >= -limit)
			continue;
		if (!err)
			err = oc_error_create(
				OC_ERR_CORRUPT,
				"task_struct 0x%" PRIx64
				" (pid %d, %s): %s = %" PRId64
				" pages, beyond RAM + swap (%" PRId64
				" pages): counter ignored",
				task->addr, task->tgid, task->comm, names[i], v,
				limit);
		task->rss[i] = task->rss_exact[i] = 0;
	}
	return err;
}

/*
 * Brent's detection sees a loop of @lap processes up to one lap late:
 * cut the vector where it starts repeating itself @lap entries back, so
 * no process is listed (and scored) twice.
 */
static void drop_second_lap(struct oc_task_vec *v, uint32_t lap)
{
	if (!lap)
		return;
	for (size_t j = 0; j + lap < v->len; j++) {
		if (v->data[j].addr == v->data[j + lap].addr) {
			v->len = j + lap;
			return;
		}
	}
}

struct oc_error *oc_tasks_read(struct oc_kernel *k, struct oc_tasks *out)
{
	struct oc_target *t = k->t;
	struct task_layout l;
	struct oc_error *err;
	char *lbuf = NULL, *tbuf = NULL, *mmbuf = NULL, *sigbuf = NULL;
	uint64_t init_task, head, node, tortoise = 0;
	uint32_t n = 0, power = 1, lam = 0;

	memset(out, 0, sizeof(*out));
	err = resolve(k, &l);
	if (err)
		return oc_error_wrap(err, "tasks");
	out->layout.rss_percpu = l.rss_mode == RSS_PERCPU;
	out->layout.rss_split = l.rss_mode == RSS_ATOMIC && l.task_rss.ok;
	out->layout.has_shmem = l.mm_idx[OC_MM_SHMEMPAGES] >= 0;
	out->layout.has_pgtables_bytes = l.pgtables_bytes.ok;
	out->layout.has_nr_pmds = l.nr_pmds.ok;
	if ((err = oc_target_symbol(t, "init_task", &init_task)))
		return err;
	lbuf = malloc(l.task_size);
	tbuf = malloc(l.task_size);
	mmbuf = malloc(l.mm_size);
	sigbuf = malloc(l.signal_size);
	if (!lbuf || !tbuf || !mmbuf || !sigbuf) {
		err = &oc_enomem;
		goto out;
	}
	head = init_task + l.tasks.off;
	if ((err = oc_target_read_ptr(t, head, &node))) {
		err = oc_error_wrap(err, "init_task.tasks");
		goto out;
	}
	/* init_task itself (pid 0, the idle task) is not on its own list. */
	while (node != head) {
		uint64_t addr = node - l.tasks.off;
		struct oc_task *task;

		if (n >= MAX_PROCESSES) {
			out->partial =
				oc_error_create(OC_ERR_CORRUPT,
						"task list does not end after "
						"%u processes",
						n);
			break;
		}
		/*
		 * A cycle that misses init_task would loop forever: Brent's
		 * cycle detection, no memory per task.
		 */
		if (n && addr == tortoise) {
			out->partial = oc_error_create(
				OC_ERR_CORRUPT,
				"task list loops at task_struct 0x%" PRIx64
				" without returning to init_task",
				addr);
			drop_second_lap(&out->tasks, lam + 1);
			break;
		}
		if (++lam == power) {
			tortoise = addr;
			power *= 2;
			lam = 0;
		}
		n++;
		if ((err = read_task(t, &l, addr, lbuf))) {
			out->partial = oc_error_wrap(err, "task list stopped");
			err = NULL;
			break;
		}
		task = oc_task_vec_push(&out->tasks);
		if (!task) {
			err = &oc_enomem;
			goto out;
		}
		err = read_process(k, &l, addr, lbuf, tbuf, mmbuf, sigbuf,
				   task);
		if (!err)
			err = check_counters(k, task);
		if (err) {
			/* Keep the process with what was read; go on. */
			if (!out->partial)
				out->partial = err;
			else
				oc_error_free(err);
			err = NULL;
		}
		node = oc_target_decode_uint(t, lbuf + l.tasks.off,
					     t->ptr_size);
	}
out:
	free(lbuf);
	free(tbuf);
	free(mmbuf);
	free(sigbuf);
	return err;
}

void oc_tasks_free(struct oc_tasks *tasks)
{
	oc_task_vec_free(&tasks->tasks);
	oc_error_free(tasks->partial);
	tasks->partial = NULL;
}

int64_t oc_task_rss(const struct oc_tasks_layout *l, const int64_t *c)
{
	/* Saturates: a damaged dump's counters can hold anything. */
	int64_t rss = 0, max = INT64_MAX / 4;

	if (c[OC_MM_FILEPAGES] > 0)
		rss += c[OC_MM_FILEPAGES] < max ? c[OC_MM_FILEPAGES] : max;
	if (c[OC_MM_ANONPAGES] > 0)
		rss += c[OC_MM_ANONPAGES] < max ? c[OC_MM_ANONPAGES] : max;
	if (l->has_shmem && c[OC_MM_SHMEMPAGES] > 0)
		rss += c[OC_MM_SHMEMPAGES] < max ? c[OC_MM_SHMEMPAGES] : max;
	return rss;
}

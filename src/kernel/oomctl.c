// SPDX-License-Identifier: GPL-2.0-or-later
/* Recovering struct oom_control from a kernel stack: see oomcore/oomctl.h. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomcore/oomctl.h"

#define MAX_THREAD_SIZE (64 * 1024)

struct ctl_layout {
	uint64_t size;
	struct oc_member_info zonelist, nodemask, memcg, gfp_mask, order,
		totalpages, chosen, chosen_points, constraint;
	bool has_totalpages, has_chosen, has_constraint;
	/* for pointer checks */
	uint64_t zone_pgdat, pgdat_zonelists, pgdat_zonelists_size;
	uint64_t css_cgroup, cgroup_memcg;
	bool can_check_memcg;
};

static bool is_kaddr(const struct oc_target *t, uint64_t a)
{
	/* Kernel half of the address space, aligned. */
	if (t->ptr_size == 8)
		return a >= 0xffff800000000000ULL && !(a & 7);
	return a >= 0xc0000000ULL && !(a & 3);
}

/* An optional member: false (and *@info zeroed) when absent. */
static bool opt_member(struct oc_target *t, const char *type, const char *path,
		       struct oc_member_info *info)
{
	struct oc_error *err = oc_target_member(t, type, path, info);

	if (err)
		memset(info, 0, sizeof(*info));
	oc_error_free(err);
	return !err;
}

static struct oc_error *resolve(struct oc_target *t, struct ctl_layout *l)
{
	const char *oc = "struct oom_control";
	struct oc_error *err;
	struct oc_member_info info;
	int64_t id;

	memset(l, 0, sizeof(*l));
	if ((err = oc_target_type_size(t, oc, &l->size)) ||
	    (err = oc_target_member(t, oc, "zonelist", &l->zonelist)) ||
	    (err = oc_target_member(t, oc, "nodemask", &l->nodemask)) ||
	    (err = oc_target_member(t, oc, "gfp_mask", &l->gfp_mask)) ||
	    (err = oc_target_member(t, oc, "order", &l->order)))
		return err;
	/* memcg, totalpages, chosen: 4.9+; constraint: 5.0+ */
	opt_member(t, oc, "memcg", &l->memcg);
	l->has_totalpages = opt_member(t, oc, "totalpages", &l->totalpages);
	l->has_chosen = opt_member(t, oc, "chosen", &l->chosen) &&
			opt_member(t, oc, "chosen_points", &l->chosen_points);
	l->has_constraint = opt_member(t, oc, "constraint", &l->constraint);
	if ((err = oc_target_offsetof(t, "struct zone", "zone_pgdat",
				      &l->zone_pgdat)) ||
	    (err = oc_target_member(t, "struct pglist_data", "node_zonelists",
				    &info)))
		return err;
	l->pgdat_zonelists = info.offset;
	l->pgdat_zonelists_size = info.size;
	if (l->memcg.size &&
	    oc_ok(oc_target_enumerator(t, "memory_cgrp_id", &id))) {
		char path[32];

		snprintf(path, sizeof(path), "subsys[%" PRId64 "]", id);
		l->can_check_memcg =
			opt_member(t, "struct mem_cgroup", "css.cgroup", &info);
		l->css_cgroup = info.offset;
		l->can_check_memcg =
			l->can_check_memcg &&
			opt_member(t, "struct cgroup", path, &info);
		l->cgroup_memcg = info.offset;
	}
	return NULL;
}

static uint64_t get(const struct oc_target *t, const char *b,
		    const struct oc_member_info *m)
{
	return m->size ? oc_target_decode_uint(t, b + m->offset, m->size) : 0;
}

/*
 * Keeps the first read error met while checking a candidate that matches
 * the log's header (NULL @where: not such a candidate), frees the others.
 */
static void keep_first(struct oc_error **where, struct oc_error *err)
{
	if (where && !*where)
		*where = err;
	else
		oc_error_free(err);
}

/* A zonelist lives in some node's pglist_data.node_zonelists[]. */
static bool valid_zonelist(struct oc_target *t, const struct ctl_layout *l,
			   uint64_t zl, struct oc_error **unreadable)
{
	uint64_t zone, pgdat;
	struct oc_error *err;

	if ((err = oc_target_read_ptr(t, zl, &zone)) || !is_kaddr(t, zone) ||
	    (err = oc_target_read_ptr(t, zone + l->zone_pgdat, &pgdat))) {
		keep_first(unreadable, err);
		return false;
	}
	return zl >= pgdat + l->pgdat_zonelists &&
	       zl < pgdat + l->pgdat_zonelists + l->pgdat_zonelists_size;
}

/* A mem_cgroup's cgroup points back to it through subsys[]. */
static bool valid_memcg(struct oc_target *t, const struct ctl_layout *l,
			uint64_t memcg, struct oc_error **unreadable)
{
	uint64_t cgrp, back;
	struct oc_error *err;

	if (!l->can_check_memcg)
		return is_kaddr(t, memcg);
	if ((err = oc_target_read_ptr(t, memcg + l->css_cgroup, &cgrp)) ||
	    !is_kaddr(t, cgrp) ||
	    (err = oc_target_read_ptr(t, cgrp + l->cgroup_memcg, &back))) {
		keep_first(unreadable, err);
		return false;
	}
	return back == memcg;
}

static bool plausible(struct oc_kernel *k, const struct ctl_layout *l,
		      const char *b, const struct oc_oomctl_hint *hint,
		      struct oc_error **unreadable)
{
	struct oc_target *t = k->t;
	uint64_t zl = get(t, b, &l->zonelist), nm = get(t, b, &l->nodemask);
	uint64_t memcg = get(t, b, &l->memcg);
	uint64_t gfp = get(t, b, &l->gfp_mask);
	int64_t order =
		oc_target_decode_sint(t, b + l->order.offset, l->order.size);
	uint64_t limit = (k->totalram_pages > 0 ? k->totalram_pages : 0) +
			 (k->total_swap_pages > 0 ? k->total_swap_pages : 0);

	if (order < -1 || order > 16 || gfp >= (1u << 30))
		return false;
	if (hint->have_header &&
	    (gfp != hint->gfp_mask || order != hint->order))
		return false;
	/* Only a candidate matching the printed header is worth a word. */
	if (!hint->have_header)
		unreadable = NULL;
	if (nm && !is_kaddr(t, nm))
		return false;
	/* Global OOMs have a zonelist (not the sysrq/#PF ones), memcg not. */
	if (memcg) {
		if (zl || !valid_memcg(t, l, memcg, unreadable))
			return false;
	} else if (zl) {
		if (!valid_zonelist(t, l, zl, unreadable))
			return false;
	} else if (order != -1 && gfp) {
		return false;
	}
	if (l->has_totalpages) {
		uint64_t tp = get(t, b, &l->totalpages);

		/* 0 until constrained_alloc() ran */
		if (limit && tp > limit)
			return false;
	}
	if (l->has_chosen) {
		uint64_t ch = get(t, b, &l->chosen);

		if (ch && ch != ~0ULL >> (64 - 8 * t->ptr_size) &&
		    !is_kaddr(t, ch))
			return false;
	}
	if (l->has_constraint && get(t, b, &l->constraint) > 3)
		return false;
	return true;
}

static void fill(struct oc_kernel *k, const struct ctl_layout *l, const char *b,
		 struct oc_oomctl *out)
{
	struct oc_target *t = k->t;

	out->zonelist = get(t, b, &l->zonelist);
	out->nodemask_ptr = get(t, b, &l->nodemask);
	out->memcg = get(t, b, &l->memcg);
	out->gfp_mask = get(t, b, &l->gfp_mask);
	out->order =
		oc_target_decode_sint(t, b + l->order.offset, l->order.size);
	out->has_totalpages = l->has_totalpages;
	out->totalpages = get(t, b, &l->totalpages);
	if (l->has_chosen) {
		out->chosen = get(t, b, &l->chosen);
		out->chosen_points = oc_target_decode_sint(
			t, b + l->chosen_points.offset, l->chosen_points.size);
	}
	out->has_constraint = l->has_constraint;
	out->constraint = get(t, b, &l->constraint);
	if (out->nodemask_ptr) {
		struct oc_error *err = oc_target_read_u64(t, out->nodemask_ptr,
							  &out->nodemask);

		oc_error_free(err);
	}
}

/* Scans one task's stack; keeps the highest-address candidate. */
static struct oc_error *scan_task(struct oc_kernel *k,
				  const struct ctl_layout *l, uint64_t task,
				  const struct oc_oomctl_hint *hint,
				  struct oc_oomctl *out)
{
	struct oc_target *t = k->t;
	uint64_t stack_off, stack, thread_size = 16384, pid_off, comm_off;
	struct oc_error *err, *unreadable = NULL;
	char *buf;

	if ((err = oc_target_offsetof(t, "struct task_struct", "stack",
				      &stack_off)) ||
	    (err = oc_target_offsetof(t, "struct task_struct", "pid",
				      &pid_off)) ||
	    (err = oc_target_offsetof(t, "struct task_struct", "comm",
				      &comm_off)) ||
	    (err = oc_target_read_ptr(t, task + stack_off, &stack)))
		return err;
	/* THREAD_SIZE is the size of union thread_union. */
	oc_error_free(
		oc_target_type_size(t, "union thread_union", &thread_size));
	if (!thread_size || thread_size > MAX_THREAD_SIZE ||
	    thread_size < l->size)
		thread_size = 16384;
	buf = malloc(thread_size);
	if (!buf)
		return &oc_enomem;
	err = oc_target_read(t, stack, buf, thread_size);
	if (err) {
		free(buf);
		return oc_error_wrap(err, "kernel stack of task 0x%" PRIx64,
				     task);
	}
	for (uint64_t off = 0; off + l->size <= thread_size; off += 8) {
		if (!plausible(k, l, buf + off, hint, &unreadable))
			continue;
		out->candidates++;
		if (out->found && stack + off < out->addr)
			continue;
		out->found = true;
		out->addr = stack + off;
		out->task = task;
		out->matches_log = hint->have_header;
		fill(k, l, buf + off, out);
	}
	free(buf);
	/*
	 * A struct with the printed gfp_mask and order whose pointers point
	 * to memory missing from the dump: not "no OOM in progress".
	 */
	if (unreadable && !out->found)
		return oc_error_wrap(unreadable,
				     "a candidate on the kernel stack of task "
				     "0x%" PRIx64 " matches the log's OOM "
				     "header but could not be checked",
				     task);
	oc_error_free(unreadable);
	if (out->found && out->task == task) {
		struct oc_member_info mems;
		uint32_t pid = 0;

		if (oc_ok(oc_target_member(t, "struct task_struct",
					   "mems_allowed", &mems)))
			oc_error_free(oc_target_read_int(
				t, task + mems.offset,
				mems.size < 8 ? mems.size : 8,
				&out->mems_allowed));
		err = oc_target_read_u32(t, task + pid_off, &pid);
		oc_error_free(err);
		out->pid = pid;
		err = oc_target_read_cstr(t, task + comm_off, out->comm,
					  sizeof(out->comm));
		oc_error_free(err);
	}
	return NULL;
}

/* The task that was running on panic_cpu. */
static uint64_t panic_task(struct oc_kernel *k)
{
	struct oc_target *t = k->t;
	struct oc_error *err;
	uint64_t addr, task = 0, off = 0;
	int64_t cpu;

	if ((err = oc_kernel_read_global(k, "panic_cpu", 4, &cpu)) || cpu < 0) {
		oc_error_free(err);
		return 0;
	}
	/* 6.2+: pcpu_hot.current_task; before: the current_task variable */
	if (oc_ok(oc_target_symbol(t, "pcpu_hot", &addr))) {
		err = oc_target_offsetof(t, "struct pcpu_hot", "current_task",
					 &off);
		if (err) {
			oc_error_free(err);
			return 0;
		}
	} else if ((err = oc_target_symbol(t, "current_task", &addr))) {
		oc_error_free(err);
		return 0;
	}
	err = oc_target_read_ptr(t, oc_kernel_per_cpu(k, addr + off, cpu),
				 &task);
	oc_error_free(err);
	return err ? 0 : task;
}

struct oc_error *oc_oomctl_find(struct oc_kernel *k,
				const struct oc_oomctl_hint *hint,
				struct oc_oomctl *out)
{
	struct ctl_layout l;
	struct oc_error *err;
	uint64_t tasks[2];
	int n = 0;

	memset(out, 0, sizeof(*out));
	err = resolve(k->t, &l);
	if (err)
		return oc_error_wrap(err, "oom_control");
	tasks[n] = panic_task(k);
	if (tasks[n])
		n++;
	if (hint->task_addr && (!n || hint->task_addr != tasks[0]))
		tasks[n++] = hint->task_addr;
	for (int i = 0; i < n; i++) {
		err = scan_task(k, &l, tasks[i], hint, out);
		if (err)
			return err;
		if (out->found)
			break;
	}
	return NULL;
}

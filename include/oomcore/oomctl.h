/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The struct oom_control of the OOM in progress, recovered from a stack.
 *
 * out_of_memory()'s context is a local variable in the frame of its
 * caller (__alloc_pages_may_oom(), mem_cgroup_out_of_memory(), the sysrq
 * handler), on the kernel stack of the allocating task, which is the
 * task that panicked with panic_on_oom. Without unwinding, the stack is
 * scanned for a struct that only an oom_control can be: every pointer
 * checked against what it must point to (a zonelist inside a node's
 * pglist_data, a mem_cgroup whose cgroup points back to it), the order,
 * gfp mask, totalpages and constraint in range, and, when the log has the
 * event's header, its gfp_mask and order equal to the printed ones.
 */
#ifndef OOMCORE_OOMCTL_H
#define OOMCORE_OOMCTL_H

#include <stdbool.h>
#include <stdint.h>

#include "oomcore/error.h"
#include "oomcore/kernel.h"

/* What the log says about the event, to pick the right candidate. */
struct oc_oomctl_hint {
	bool have_header;
	uint64_t gfp_mask;
	int order;
	int32_t pid;	    /* from "CPU: N PID: P Comm:", or -1 */
	uint64_t task_addr; /* the task_struct of that pid, or 0 */
};

struct oc_oomctl {
	bool found;
	uint64_t addr; /* of the struct, on the stack */
	uint64_t task; /* whose stack */
	int32_t pid;
	char comm[17];
	uint64_t mems_allowed; /* that task's, nodes 0-63; 0 unknown */
	int candidates;	       /* plausible structs seen */
	bool matches_log;      /* gfp_mask and order as printed */

	uint64_t zonelist, nodemask_ptr, memcg;
	uint64_t nodemask; /* first 64 nodes, if nodemask_ptr */
	uint64_t gfp_mask;
	int order;
	bool has_totalpages; /* 4.9+ fields */
	uint64_t totalpages;
	uint64_t chosen;
	int64_t chosen_points;
	bool has_constraint; /* 5.0+ */
	int constraint;
};

/*
 * Looks for the oom_control on the stack of the panicking task
 * (panic_cpu's current task) and of @hint->task_addr. Not finding one is
 * not an error (->found false, e.g. the OOM was over before the crash);
 * errors are a kernel without struct oom_control or unreadable stacks.
 */
struct oc_error *oc_oomctl_find(struct oc_kernel *k,
				const struct oc_oomctl_hint *hint,
				struct oc_oomctl *out);

#endif /* OOMCORE_OOMCTL_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel-wide facts a walker needs, read once per target: per-CPU
 * offsets, online CPUs, RAM and swap totals, OOM sysctls, and the layout
 * features that decide how the other walkers read (detected from the
 * kernel's types, never from its version string).
 */
#ifndef OOMCORE_KERNEL_H
#define OOMCORE_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "oomcore/error.h"
#include "oomcore/target.h"

#define OC_MAX_CPUS 8192

struct oc_kernel {
	struct oc_target *t;
	char osrelease[65];
	uint32_t page_size;
	unsigned int page_shift;

	/*
	 * CPUs and their per-CPU area offsets. A panic stops the other CPUs
	 * and marks them offline, so per-CPU data is summed over the present
	 * CPUs (->cpus), not only the ones still online in the dump.
	 */
	uint32_t nr_cpu_ids;
	uint32_t nr_online;
	uint32_t *online;		/* ids of CPUs online in the dump */
	uint32_t nr_cpus;
	uint32_t *cpus;			/* ids of present CPUs */
	uint64_t *percpu_offset;	/* indexed by CPU id, nr_cpu_ids */

	/*
	 * Memory totals, in pages; -1 when unknown. A kernel built without
	 * swap has no swap variables: its swap totals are 0 and ->swap false.
	 */
	bool swap;
	int64_t totalram_pages;
	int64_t totalreserve_pages;
	int64_t total_swap_pages;
	int64_t nr_swap_pages;		/* free swap */

	/* OOM sysctls (-1 when the kernel has no such variable). */
	int panic_on_oom;
	int oom_kill_allocating_task;
	int oom_dump_tasks;
};

/* Reads the facts above. Missing optional pieces stay -1 / 0. */
struct oc_error *oc_kernel_read(struct oc_target *t, struct oc_kernel *k);
void oc_kernel_free(struct oc_kernel *k);

/* Address of @cpu's copy of the per-CPU variable at @addr. */
uint64_t oc_kernel_per_cpu(const struct oc_kernel *k, uint64_t addr,
			   uint32_t cpu);

/*
 * Reads an atomic_t/atomic_long_t/plain integer global @name of the size
 * its type has in DWARF (@size 0: read as pointer-sized). Signed.
 */
struct oc_error *oc_kernel_read_global(struct oc_kernel *k, const char *name,
				       size_t size, int64_t *v);

#endif /* OOMCORE_KERNEL_H */

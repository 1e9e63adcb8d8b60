// SPDX-License-Identifier: GPL-2.0-or-later
/* Kernel-wide facts: see oomcore/kernel.h. */
#include <stdlib.h>
#include <string.h>

#include "oomcore/kernel.h"

struct oc_error *oc_kernel_read_global(struct oc_kernel *k, const char *name,
				       size_t size, int64_t *v)
{
	struct oc_error *err;
	uint64_t addr;

	err = oc_target_symbol(k->t, name, &addr);
	if (err)
		return err;
	return oc_target_read_sint(k->t, addr, size ? size : k->t->ptr_size, v);
}

/* An optional global: -1 (or @dflt) when absent or unreadable. */
static int64_t optional_global(struct oc_kernel *k, const char *name,
			       size_t size, int64_t dflt)
{
	int64_t v;
	struct oc_error *err = oc_kernel_read_global(k, name, size, &v);

	if (err) {
		oc_error_free(err);
		return dflt;
	}
	return v;
}

uint64_t oc_kernel_per_cpu(const struct oc_kernel *k, uint64_t addr,
			   uint32_t cpu)
{
	if (!k->percpu_offset || cpu >= k->nr_cpu_ids)
		return addr;
	return addr + k->percpu_offset[cpu];
}

/*
 * Reads a CPU mask (@name from 4.5, @old_name before) into a list of CPU
 * ids. A kernel without the mask (UP) has CPU 0 only.
 */
static struct oc_error *read_mask(struct oc_kernel *k, const char *name,
				  const char *old_name, uint32_t *ids,
				  uint32_t *n)
{
	struct oc_target *t = k->t;
	struct oc_error *err;
	size_t words = (k->nr_cpu_ids + 63) / 64;
	uint64_t mask_addr, *bits;

	*n = 0;
	if (!oc_ok(oc_target_symbol(t, name, &mask_addr)) &&
	    !oc_ok(oc_target_symbol(t, old_name, &mask_addr))) {
		ids[(*n)++] = 0;
		return NULL;
	}
	bits = calloc(words, sizeof(uint64_t));
	if (!bits)
		return &oc_enomem;
	for (size_t w = 0; w < words; w++) {
		err = oc_target_read_u64(t, mask_addr + w * 8, &bits[w]);
		if (err) {
			free(bits);
			return oc_error_wrap(err, "%s", name);
		}
	}
	for (uint32_t cpu = 0; cpu < k->nr_cpu_ids; cpu++)
		if (bits[cpu / 64] & (1ULL << (cpu % 64)))
			ids[(*n)++] = cpu;
	free(bits);
	return NULL;
}

/* CPU ids, per-CPU offsets, online and present CPUs. */
static struct oc_error *read_cpus(struct oc_kernel *k)
{
	struct oc_target *t = k->t;
	struct oc_error *err;
	uint64_t addr;
	int64_t v;

	if (oc_ok(oc_target_symbol(t, "nr_cpu_ids", &addr)) &&
	    oc_ok(oc_target_read_sint(t, addr, 4, &v)) && v > 0 &&
	    v <= OC_MAX_CPUS)
		k->nr_cpu_ids = v;
	else
		k->nr_cpu_ids = 1;
	k->percpu_offset = calloc(k->nr_cpu_ids, sizeof(uint64_t));
	k->online = calloc(k->nr_cpu_ids, sizeof(uint32_t));
	k->cpus = calloc(k->nr_cpu_ids, sizeof(uint32_t));
	if (!k->percpu_offset || !k->online || !k->cpus)
		return &oc_enomem;
	if (oc_ok(oc_target_symbol(t, "__per_cpu_offset", &addr))) {
		for (uint32_t cpu = 0; cpu < k->nr_cpu_ids; cpu++) {
			err = oc_target_read_ptr(t, addr + cpu * t->ptr_size,
						 &k->percpu_offset[cpu]);
			if (err)
				return oc_error_wrap(err, "__per_cpu_offset");
		}
	}
	err = read_mask(k, "__cpu_online_mask", "cpu_online_bits", k->online,
			&k->nr_online);
	if (!err)
		err = read_mask(k, "__cpu_present_mask", "cpu_present_bits",
				k->cpus, &k->nr_cpus);
	return err;
}

struct oc_error *oc_kernel_read(struct oc_target *t, struct oc_kernel *k)
{
	struct oc_error *err;

	memset(k, 0, sizeof(*k));
	k->t = t;
	memcpy(k->osrelease, t->osrelease, sizeof(k->osrelease));
	k->page_size = t->page_size ? t->page_size : 4096;
	while ((1u << k->page_shift) < k->page_size)
		k->page_shift++;
	err = read_cpus(k);
	if (err)
		return err;
	/* _totalram_pages is an atomic_long_t from 5.0, before that a long. */
	k->totalram_pages = optional_global(k, "_totalram_pages", 0, -1);
	if (k->totalram_pages < 0)
		k->totalram_pages = optional_global(k, "totalram_pages", 0, -1);
	k->totalreserve_pages = optional_global(k, "totalreserve_pages", 0, -1);
	k->swap = oc_target_has_symbol(t, "total_swap_pages");
	k->total_swap_pages =
		k->swap ? optional_global(k, "total_swap_pages", 0, -1) : 0;
	k->nr_swap_pages =
		k->swap ? optional_global(k, "nr_swap_pages", 0, -1) : 0;
	k->panic_on_oom = optional_global(k, "sysctl_panic_on_oom", 4, -1);
	k->oom_kill_allocating_task =
		optional_global(k, "sysctl_oom_kill_allocating_task", 4, -1);
	k->oom_dump_tasks = optional_global(k, "sysctl_oom_dump_tasks", 4, -1);
	return NULL;
}

void oc_kernel_free(struct oc_kernel *k)
{
	free(k->percpu_offset);
	free(k->online);
	free(k->cpus);
	k->percpu_offset = NULL;
	k->online = NULL;
	k->cpus = NULL;
}

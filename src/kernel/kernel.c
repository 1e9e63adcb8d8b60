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

/* Online CPUs from __cpu_online_mask (4.5+) or cpu_online_bits. */
static struct oc_error *read_cpus(struct oc_kernel *k)
{
	struct oc_target *t = k->t;
	struct oc_error *err;
	uint64_t addr, mask_addr;
	int64_t v;
	size_t words;
	uint64_t *bits;

	if (oc_ok(oc_target_symbol(t, "nr_cpu_ids", &addr)) &&
	    oc_ok(oc_target_read_sint(t, addr, 4, &v)) && v > 0 &&
	    v <= OC_MAX_CPUS)
		k->nr_cpu_ids = v;
	else
		k->nr_cpu_ids = 1;
	k->percpu_offset = calloc(k->nr_cpu_ids, sizeof(uint64_t));
	k->online = calloc(k->nr_cpu_ids, sizeof(uint32_t));
	if (!k->percpu_offset || !k->online)
		return &oc_enomem;
	if (oc_ok(oc_target_symbol(t, "__per_cpu_offset", &addr))) {
		for (uint32_t cpu = 0; cpu < k->nr_cpu_ids; cpu++) {
			err = oc_target_read_ptr(t, addr + cpu * t->ptr_size,
						 &k->percpu_offset[cpu]);
			if (err)
				return oc_error_wrap(err, "__per_cpu_offset");
		}
	}
	if (!oc_ok(oc_target_symbol(t, "__cpu_online_mask", &mask_addr)) &&
	    !oc_ok(oc_target_symbol(t, "cpu_online_bits", &mask_addr))) {
		/* UP kernel, or a mask we do not know: CPU 0 only. */
		k->online[0] = 0;
		k->nr_online = 1;
		return NULL;
	}
	words = (k->nr_cpu_ids + 63) / 64;
	bits = calloc(words, sizeof(uint64_t));
	if (!bits)
		return &oc_enomem;
	for (size_t w = 0; w < words; w++) {
		err = oc_target_read_u64(t, mask_addr + w * 8, &bits[w]);
		if (err) {
			free(bits);
			return oc_error_wrap(err, "cpu_online_mask");
		}
	}
	for (uint32_t cpu = 0; cpu < k->nr_cpu_ids; cpu++)
		if (bits[cpu / 64] & (1ULL << (cpu % 64)))
			k->online[k->nr_online++] = cpu;
	free(bits);
	return NULL;
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
	k->total_swap_pages = optional_global(k, "total_swap_pages", 0, -1);
	k->nr_swap_pages = optional_global(k, "nr_swap_pages", 0, -1);
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
	k->percpu_offset = NULL;
	k->online = NULL;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers shared by src/oom/analysis*.c. */
#ifndef OOMCORE_ANALYSIS_INTERNAL_H
#define OOMCORE_ANALYSIS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "oomcore/gfp.h"
#include "oomcore/oom_event.h"

/* Appends a finding; ignores running out of memory (returns false). */
bool oc_analysis_add(struct oc_oom_analysis *a, const char *id,
		     enum oc_oom_severity sev, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "1.5 GiB", "640 KiB" for @kb kibibytes into @buf. */
const char *oc_fmt_kb(int64_t kb, char *buf, size_t size);

/* The request's gfp flags; false when neither text nor mask is known. */
bool oc_analysis_event_gfp(const struct oc_oom_event *e, struct oc_gfp *g);

/*
 * Parses a kernel node list ("0", "0-1,3", "0,2-3") into @mask (nodes
 * 0..63). Returns false for "(null)", an empty or malformed list.
 */
bool oc_analysis_nodelist(const char *s, uint64_t *mask);

/*
 * The constraint of @e when the kernel did not print it (constraint.c):
 * from a dump's oom_control, the 5.0+ summary, a memcg report or call
 * trace, the header's nodemask or the cpuset line against the NUMA
 * nodes Mem-Info shows. Writes what decided it into @src (@size bytes).
 */
enum oc_oom_constraint oc_analysis_constraint(const struct oc_oom_event *e,
					      char *src, size_t size);

/* Memory findings (analysis_memory.c): watermarks, consumers, swap. */
void oc_analysis_memory(const struct oc_oom_event *e,
			struct oc_oom_analysis *a);

/* Page size in kB used for the event (analysis.c decides it). */
static inline int64_t oc_analysis_page_kb(const struct oc_oom_analysis *a)
{
	return a->page_size > 0 ? a->page_size / 1024 : 4;
}

#endif /* OOMCORE_ANALYSIS_INTERNAL_H */

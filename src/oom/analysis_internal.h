/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers shared by src/oom/analysis*.c. */
#ifndef OOMCORE_ANALYSIS_INTERNAL_H
#define OOMCORE_ANALYSIS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "oomcore/oom_event.h"

/* Appends a finding; ignores running out of memory (returns false). */
bool oc_analysis_add(struct oc_oom_analysis *a, const char *id,
		     enum oc_oom_severity sev, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "1.5 GiB", "640 KiB" for @kb kibibytes into @buf. */
const char *oc_fmt_kb(int64_t kb, char *buf, size_t size);

/* Memory findings (analysis_memory.c): watermarks, consumers, swap. */
void oc_analysis_memory(const struct oc_oom_event *e,
			struct oc_oom_analysis *a);

/* Page size in kB used for the event (analysis.c decides it). */
static inline int64_t oc_analysis_page_kb(const struct oc_oom_analysis *a)
{
	return a->page_size > 0 ? a->page_size / 1024 : 4;
}

#endif /* OOMCORE_ANALYSIS_INTERNAL_H */

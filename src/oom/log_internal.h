/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internals of log mode shared by src/oom/log_*.c: the field parsers that
 * turn one normalized kernel line into fields of an event.
 */
#ifndef OOMCORE_LOG_INTERNAL_H
#define OOMCORE_LOG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomcore/oom_event.h"

/* What a line was; drives block detection in log_parser.c. */
enum oc_log_kind {
	OC_LK_NONE,   /* not part of an OOM report */
	OC_LK_HEADER, /* invoked oom-killer */
	OC_LK_CPUSET,
	OC_LK_STACK,	     /* CPU:/Pid: line, Hardware name, Call Trace */
	OC_LK_FRAME,	     /* stack frames and registers of dump_stack */
	OC_LK_MEMINFO_START, /* Mem-Info: */
	OC_LK_MEMINFO,	     /* global block tokens, per-cpu lines */
	OC_LK_NODE,
	OC_LK_ZONE,
	OC_LK_RESERVE,
	OC_LK_BUDDY,
	OC_LK_TOTALS, /* pagecache, swap, pages RAM, hugepages */
	OC_LK_SLAB_START,
	OC_LK_SLAB,
	OC_LK_MEMCG_TASK_IN,   /* Task in X killed as a result of limit of Y */
	OC_LK_MEMCG,	       /* memory:/memory+swap:/swap:/kmem: lines */
	OC_LK_MEMCG_STATS,     /* Memory cgroup stats for X: [...] */
	OC_LK_MEMCG_STAT_LINE, /* v2 "anon 1234" */
	OC_LK_TASKS_STATE,     /* Tasks state (memory values in pages): */
	OC_LK_TASK_HEADER,
	OC_LK_TASK_ROW,
	OC_LK_SUMMARY,	 /* oom-kill: */
	OC_LK_SELECT,	 /* Kill process .. score */
	OC_LK_KILLED,	 /* Killed process */
	OC_LK_SHARING,	 /* Kill process .. sharing same memory */
	OC_LK_OOM_GROUP, /* Tasks in .. memory.oom.group set */
	OC_LK_REAPER,
	OC_LK_NO_KILLABLE,
	OC_LK_PANIC,
	OC_LK_EXITING,	     /* OOM victim .. is already exiting */
	OC_LK_MISC,	     /* other OOM lines (COMPACTION disabled...) */
	OC_LK_SYSRQ,	     /* SysRq : Manual OOM execution */
	OC_LK_SYSRQ_IGNORED, /* OOM request ignored */
	OC_LK_NON_OOM_DUMP,  /* page allocation failure, sysrq show-mem */
	OC_LK_DROPPED,	     /* printk/journal dropped messages */
	OC_LK_BANNER,	     /* Linux version ... */
};

/* Parsed pieces of lines that the parser needs before choosing an event. */
struct oc_log_fields {
	int64_t pid; /* SELECT, KILLED, SHARING, REAPER: the pid */
	char comm[OC_OOM_COMM_LEN];
	char version[96]; /* BANNER, STACK */
	char arch[16];	  /* any line with an arch hint */
	int64_t dropped;  /* DROPPED: count if printed */
};

/*
 * Classifies @text (normalized, NUL-terminated). @in_slab and
 * @in_memcg_stats tell whether the previous lines opened a slab table or
 * a v2 memory.stat block, where rows have no marker of their own. @f
 * receives the pieces block detection needs (pids, versions).
 */
enum oc_log_kind oc_log_classify(const char *text, bool in_slab,
				 bool in_memcg_stats, struct oc_log_fields *f);

/*
 * Stores the fields of @text, classified as @kind, into @e; @lineno is
 * recorded with task rows and reaper lines. Applying a line twice (after
 * joining a wrapped continuation) overwrites, it does not duplicate,
 * except for task rows, which the caller removes first.
 */
void oc_log_apply(const char *text, enum oc_log_kind kind,
		  struct oc_oom_event *e, int64_t lineno);

/* Arch name hinted by a release string ("...el7.x86_64"), or NULL. */
const char *oc_log_arch_from_release(const char *release);

#endif /* OOMCORE_LOG_INTERNAL_H */

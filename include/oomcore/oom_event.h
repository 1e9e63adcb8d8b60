/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The plain-C model of one OOM event as a kernel log shows it.
 *
 * The log parser (oomcore/log.h) fills these from kernel log text; the
 * vmcore mode fills them from the dump's own printk records and from
 * kernel memory. Every field is optional: a log may have lost the header,
 * the task table or the kill line, and each kernel era printed different
 * columns. Integers that were not printed hold OC_OOM_NA; strings that were
 * not printed are empty. Units are part of the field names: _kb, _pages,
 * _bytes (as the kernel printed them; nothing is converted while parsing).
 *
 * oc_oom_analyze() (end of this file) turns an event into a verdict.
 */
#ifndef OOMCORE_OOM_EVENT_H
#define OOMCORE_OOM_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "oomcore/error.h"
#include "oomcore/vector.h"

/* "not printed / not known" for every integer of the model. */
#define OC_OOM_NA INT64_MIN

static inline bool oc_oom_has(int64_t v)
{
	return v != OC_OOM_NA;
}

/*
 * Largest magnitude the log parser stores (2^44: 16 PiB in kB, 64 PiB in
 * 4 kB pages); larger printed numbers are clamped so that the analysis can
 * add and scale them without overflow.
 */
#define OC_OOM_VALUE_MAX (1LL << 44)

/* Saturating arithmetic for sums over many rows. */
static inline int64_t oc_oom_sat_add(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return a < 0 ? INT64_MIN + 1 : INT64_MAX;
	return r;
}

static inline int64_t oc_oom_sat_mul(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_mul_overflow(a, b, &r))
		return (a < 0) != (b < 0) ? INT64_MIN + 1 : INT64_MAX;
	return r;
}

#define OC_OOM_COMM_LEN 64   /* task names (the kernel's comm is 16) */
#define OC_OOM_PATH_LEN 256  /* cgroup paths, truncated if longer */
#define OC_OOM_KV_MAX 64     /* key:value pairs kept per block */
#define OC_OOM_MAX_ORDER 16  /* buddy orders kept per zone */
#define OC_OOM_MAX_RESERVE 8 /* lowmem_reserve[] entries kept */

/* Units of a printed value. */
enum oc_oom_unit {
	OC_OOM_UNIT_PAGES,
	OC_OOM_UNIT_KB,
	OC_OOM_UNIT_BYTES,
	OC_OOM_UNIT_COUNT, /* events, flags: no unit */
};

/* One "key:value" as printed, e.g. "free:2712kB" -> {"free", 2712, KB}. */
struct oc_oom_kv {
	char key[40]; /* sanitized: "isolated(anon)" -> "isolated_anon" */
	int64_t value;
	enum oc_oom_unit unit;
};

/* A small ordered set of printed key:value pairs; later duplicates win. */
struct oc_oom_kvset {
	struct oc_oom_kv kv[OC_OOM_KV_MAX];
	int n;
};

/* Value of @key in @s, or OC_OOM_NA. */
int64_t oc_oom_kv_get(const struct oc_oom_kvset *s, const char *key);
/* Sets @key (replacing an earlier value); silently drops when full. */
void oc_oom_kv_set(struct oc_oom_kvset *s, const char *key, int64_t value,
		   enum oc_oom_unit unit);

/* Mirrors the kernel's enum oom_constraint for 0..3. */
enum oc_oom_constraint {
	OC_OOM_CONSTRAINT_NONE = 0,
	OC_OOM_CONSTRAINT_CPUSET = 1,
	OC_OOM_CONSTRAINT_MEMORY_POLICY = 2,
	OC_OOM_CONSTRAINT_MEMCG = 3,
	OC_OOM_CONSTRAINT_UNKNOWN = 4,
};

/* "CONSTRAINT_NONE", ... or "unknown". */
const char *oc_oom_constraint_name(enum oc_oom_constraint c);

/* The allocating task and its request: the "invoked oom-killer" header. */
struct oc_oom_trigger {
	char comm[OC_OOM_COMM_LEN];
	int64_t pid; /* from the dump_stack "CPU: .. PID:" line */
	int64_t cpu;
	int64_t gfp_mask;
	char gfp_text[256]; /* symbolic flags as printed, "(...)" removed */
	int64_t order;	    /* -1: sysrq-f manual OOM */
	int64_t oom_score_adj;
	int64_t oom_adj;   /* 2.6.x headers */
	char nodemask[64]; /* header (4.9-4.20) or summary line (5.0+) */
	char cpuset[OC_OOM_PATH_LEN];
	char mems_allowed[64];
};

/* One zone line of Mem-Info, its lowmem_reserve[] and its buddy line. */
struct oc_oom_zone {
	int64_t node;  /* OC_OOM_NA without "Node N" (!NUMA, 2.6) */
	char name[16]; /* "DMA", "DMA32", "Normal", "HighMem", ... */
	struct oc_oom_kvset fields; /* free_kb, min_kb, managed_kb, ... */
	int64_t lowmem_reserve_pages[OC_OOM_MAX_RESERVE];
	int n_lowmem_reserve;
	/* Buddy line: nr_free blocks per order and block sizes in kB. */
	int n_orders;
	int64_t nr_free[OC_OOM_MAX_ORDER];
	int64_t block_kb[OC_OOM_MAX_ORDER];
	char migratetypes[OC_OOM_MAX_ORDER][8]; /* "UME", "" */
	int64_t free_area_total_kb;
};

/* The per-node line of Mem-Info (4.8+). */
struct oc_oom_node {
	int64_t node;
	struct oc_oom_kvset fields; /* active_anon_kb, pagetables_kb ... */
	int64_t all_unreclaimable;  /* 0, 1 or NA */
};

struct oc_oom_slab {
	char name[40];
	int64_t used_kb, total_kb;
};

/* "memory: usage %llukB, limit %llukB, failcnt %llu" and friends. */
struct oc_oom_memcg_counter {
	int64_t usage_kb, limit_kb, failcnt;
};

struct oc_oom_memcg {
	char path[OC_OOM_PATH_LEN];	 /* the memcg at its limit */
	char task_path[OC_OOM_PATH_LEN]; /* the victim's memcg */
	struct oc_oom_memcg_counter memory, memsw, swap, kmem;
	bool v1; /* memory+swap / kmem lines, "cache:..KB" stats */
	bool v2; /* swap: line, memory.stat-style stats */
	char stats_path[OC_OOM_PATH_LEN];
	/* v1: " cache:64KB rss:..." (KB); v2: "anon 1234" (bytes/counts). */
	struct oc_oom_kvset stats;
	int n_stats_blocks; /* v1 prints one per memcg of the subtree */
	int64_t min_protection_kb, low_protection_kb; /* 6.19+ */
};

/* Columns of the task table, in the order a header listed them. */
enum oc_oom_col {
	OC_OOM_COL_PID,
	OC_OOM_COL_UID,
	OC_OOM_COL_TGID,
	OC_OOM_COL_TOTAL_VM,
	OC_OOM_COL_RSS,
	OC_OOM_COL_RSS_ANON,
	OC_OOM_COL_RSS_FILE,
	OC_OOM_COL_RSS_SHMEM,
	OC_OOM_COL_NR_PTES,
	OC_OOM_COL_NR_PMDS,
	OC_OOM_COL_PGTABLES_BYTES,
	OC_OOM_COL_SWAPENTS,
	OC_OOM_COL_CPU,
	OC_OOM_COL_OOM_ADJ,
	OC_OOM_COL_OOM_SCORE_ADJ,
	OC_OOM_COL_NAME,
	OC_OOM_NR_COLS,
};

/* Column name as the kernel printed it ("pgtables_bytes"). */
const char *oc_oom_col_name(enum oc_oom_col c);

/* One row of dump_tasks(); values are pages except pgtables_bytes. */
struct oc_oom_task {
	int64_t pid, uid, tgid, total_vm, rss, rss_anon, rss_file, rss_shmem;
	int64_t nr_ptes, nr_pmds, pgtables_bytes, swapents;
	int64_t cpu, oom_adj, oom_score_adj;
	char name[OC_OOM_COMM_LEN];
	int64_t line; /* input line number */
};

OC_DEFINE_VECTOR(oc_oom_task_vec, struct oc_oom_task)
OC_DEFINE_VECTOR(oc_oom_zone_vec, struct oc_oom_zone)
OC_DEFINE_VECTOR(oc_oom_node_vec, struct oc_oom_node)
OC_DEFINE_VECTOR(oc_oom_slab_vec, struct oc_oom_slab)

/* The 5.0+ "oom-kill:constraint=..." summary line. */
struct oc_oom_summary {
	bool present;
	char constraint[32];
	char nodemask[64];
	char cpuset[OC_OOM_PATH_LEN];
	char mems_allowed[64];
	bool global_oom;
	char oom_memcg[OC_OOM_PATH_LEN];
	char task_memcg[OC_OOM_PATH_LEN];
	char task[OC_OOM_COMM_LEN];
	int64_t pid, uid;
};

/* Which line of the report named the victim's pid. */
enum oc_oom_victim_source {
	OC_OOM_VICTIM_NONE,
	OC_OOM_VICTIM_KILL_LINE, /* "Killed process P" */
	OC_OOM_VICTIM_EXITING,	 /* "OOM victim P ... is already exiting" */
	OC_OOM_VICTIM_SELECTION, /* "Kill process P ... score" (<= 5.0) */
	OC_OOM_VICTIM_SUMMARY,	 /* 5.0+ "oom-kill:...,pid=P" */
	OC_OOM_VICTIM_REAPER,	 /* "oom_reaper: reaped process P" */
};

/* "kill_line", "exiting", "selection_line", "summary", "reaper" or NULL. */
const char *oc_oom_victim_source_name(enum oc_oom_victim_source s);

/* The task the kernel chose ("Kill process") and killed ("Killed process"). */
struct oc_oom_victim {
	/* Selection line, <= 5.0: "...: Kill process P (C) score S or ..." */
	int64_t selected_pid;
	char selected_comm[OC_OOM_COMM_LEN];
	int64_t score; /* printed score: 0..1000 */
	/* Kill line. */
	char prefix[64]; /* "Out of memory", "Memory cgroup out of memory" */
	int64_t pid;
	char comm[OC_OOM_COMM_LEN];
	int64_t uid;
	int64_t total_vm_kb, anon_rss_kb, file_rss_kb, shmem_rss_kb;
	int64_t pgtables_kb, oom_score_adj;
	bool exiting; /* "OOM victim ... is already exiting" */
	/*
	 * What named ->pid. When the kill line is missing (cut, filtered,
	 * lost to a gap), the log parser fills ->pid, ->comm and ->uid from
	 * the next best line: the selection line, the 5.0+ summary, or an
	 * oom_reaper line, in that order.
	 */
	enum oc_oom_victim_source source;
};

/* Other processes killed with the victim, and oom_reaper results. */
enum oc_oom_extra_kind {
	OC_OOM_EXTRA_SHARING_MM, /* "Kill process P (C) sharing same memory" */
	OC_OOM_EXTRA_OOM_GROUP,	 /* memory.oom.group member */
};

struct oc_oom_extra_kill {
	enum oc_oom_extra_kind kind;
	int64_t pid;
	char comm[OC_OOM_COMM_LEN];
};

struct oc_oom_reap {
	bool reaped; /* false: "unable to reap" */
	int64_t pid;
	char comm[OC_OOM_COMM_LEN];
	int64_t anon_rss_kb, file_rss_kb, shmem_rss_kb;
	int64_t line;
};

OC_DEFINE_VECTOR(oc_oom_extra_vec, struct oc_oom_extra_kill)
OC_DEFINE_VECTOR(oc_oom_reap_vec, struct oc_oom_reap)

/* What the event shows, for "say what is missing". */
enum oc_oom_seen {
	OC_OOM_SEEN_HEADER = 1 << 0, /* "invoked oom-killer" */
	OC_OOM_SEEN_CPUSET = 1 << 1,
	OC_OOM_SEEN_STACK = 1 << 2,   /* dump_stack lines */
	OC_OOM_SEEN_MEMINFO = 1 << 3, /* "Mem-Info:" */
	OC_OOM_SEEN_ZONES = 1 << 4,
	OC_OOM_SEEN_TOTALS = 1 << 5,  /* pages RAM / swap totals */
	OC_OOM_SEEN_MEMCG = 1 << 6,   /* memory: usage ... */
	OC_OOM_SEEN_TASKS = 1 << 7,   /* task table header */
	OC_OOM_SEEN_SUMMARY = 1 << 8, /* oom-kill: */
	OC_OOM_SEEN_SELECT = 1 << 9,  /* Kill process ... score */
	OC_OOM_SEEN_KILL = 1 << 10,   /* Killed process */
	OC_OOM_SEEN_REAPER = 1 << 11,
	OC_OOM_SEEN_PANIC = 1 << 12,
	OC_OOM_SEEN_SLAB = 1 << 13, /* Unreclaimable slab info */
};

struct oc_oom_event {
	/* Where it is in the input: 1-based line (or record) numbers. */
	int64_t first_line, last_line;
	int64_t first_ts_ns; /* printk time of the first line */
	char wallclock[64];  /* syslog/dmesg -T time, as printed */
	int64_t caller_id;   /* printk caller of the header, or NA */

	char kernel_version[96]; /* "4.10.14", "3.10.0-693.el7.x86_64" */
	char arch[16];		 /* "x86_64", "arm64", ... or "" */
	char hardware[128];
	char tainted[64];

	unsigned int seen; /* enum oc_oom_seen bits */
	struct oc_oom_trigger trigger;

	enum oc_oom_constraint constraint;
	bool constraint_printed; /* from the oom-kill: line */
	bool memcg_oom;
	bool sysrq;	      /* manual OOM: order=-1 / SysRq line */
	bool allocating_task; /* oom_kill_allocating_task */
	bool no_killable;     /* "no killable processes" */
	bool compaction_disabled;
	char panic[160]; /* "Kernel panic - not syncing: ..." */
	char oom_group_path[OC_OOM_PATH_LEN]; /* memory.oom.group */

	struct oc_oom_memcg memcg;

	struct oc_oom_kvset meminfo; /* global Mem-Info block, pages */
	struct oc_oom_kvset totals;  /* "N pages RAM", "Free swap", ... */
	struct oc_oom_node_vec nodes;
	struct oc_oom_zone_vec zones;
	struct oc_oom_slab_vec slabs; /* "Unreclaimable slab info" */
	int64_t page_size;	      /* bytes, from the buddy lines */

	bool tasks_state_line; /* "Tasks state (memory values ...)" */
	int n_cols;
	enum oc_oom_col cols[OC_OOM_NR_COLS];
	bool cols_guessed; /* no header line: from the row shape */
	struct oc_oom_task_vec tasks;
	int64_t bad_task_rows; /* rows that did not fit the header */

	struct oc_oom_summary summary;
	struct oc_oom_victim victim;
	struct oc_oom_extra_vec extra_kills;
	struct oc_oom_reap_vec reaps;

	/*
	 * What a dump's memory knows of this event (the vmcore mode fills it
	 * for the OOM still in progress, from its struct oom_control): the
	 * analysis takes it before anything the log only implies. Logs leave
	 * ->known false.
	 */
	struct oc_oom_memory_facts {
		bool known;
		bool constraint_known; /* 5.0+ oom_control, or a memcg */
		enum oc_oom_constraint constraint;
		int64_t totalpages; /* OC_OOM_NA when not known */
		char source[64];    /* "oom_control in the dump" */
	} memory;

	/*
	 * A fragment: only lines printed after the report (kill, summary,
	 * reaper) are in the input, the report itself is not (rate-limited
	 * by the kernel's oom_rs, cut or filtered).
	 */
	bool partial;
	/* Kill or selection lines repeated after the event's own (dupes). */
	int64_t repeated_lines;
	/*
	 * The first call-trace frame that only a memory cgroup charge path
	 * has ("mem_cgroup_oom_synchronize", "try_charge_memcg", ...): how a
	 * pre-5.0 report with no memcg block still shows a memcg OOM.
	 */
	char trace_memcg_fn[48];

	int64_t dropped_markers; /* "messages dropped" inside the event */
	int64_t foreign_lines;	 /* unrelated lines inside the event */
	int64_t items_not_kept;	 /* rows, zones ... over the memory caps */
};

OC_DEFINE_VECTOR(oc_oom_event_vec, struct oc_oom_event)

/* Zeroes @e and sets every integer to OC_OOM_NA. */
void oc_oom_event_init(struct oc_oom_event *e);
/* Frees what @e owns (not @e itself). */
void oc_oom_event_release(struct oc_oom_event *e);
/* Releases every event and the vector. */
void oc_oom_event_vec_release(struct oc_oom_event_vec *v);
/* Whether @e has column @c in its task table. */
bool oc_oom_event_has_col(const struct oc_oom_event *e, enum oc_oom_col c);

/* ------------------------------------------------------------------ */
/* Analysis: the verdict on one event (src/oom/analysis*.c).           */

enum oc_oom_severity {
	OC_OOM_INFO,
	OC_OOM_NOTE, /* worth knowing */
	OC_OOM_WARN, /* a cause or a problem */
};

/* One finding: a stable id ("swap_exhausted") and a sentence. */
struct oc_oom_finding {
	char id[32];
	enum oc_oom_severity severity;
	char text[512];
};

/* One task of the recomputed ranking, with the terms of its badness. */
struct oc_oom_rank {
	size_t task; /* index into event->tasks */
	bool eligible;
	int64_t rss_pages, swap_pages, pgtables_pages;
	int64_t root_bonus_pages; /* <= 0 */
	int64_t adj_pages;	  /* oom_score_adj * totalpages / 1000 */
	int64_t points;		  /* oom_badness() result */
	int64_t score;		  /* points normalized to 0..1000 */
};

OC_DEFINE_VECTOR(oc_oom_finding_vec, struct oc_oom_finding)
OC_DEFINE_VECTOR(oc_oom_rank_vec, struct oc_oom_rank)

enum oc_oom_match {
	OC_OOM_MATCH_UNKNOWN, /* nothing to compare with */
	OC_OOM_MATCH_YES,
	OC_OOM_MATCH_NO,
	OC_OOM_MATCH_CANNOT, /* the log lacks data to rebuild it */
};

const char *oc_oom_match_name(enum oc_oom_match m);

struct oc_oom_analysis {
	char verdict[1024]; /* one paragraph */
	enum oc_oom_constraint constraint;
	char constraint_source[160]; /* "printed", "memcg report", ... */
	char era[64];		    /* "3.14-4.16 (raw pages, 3% root bonus)" */
	char era_evidence[160];
	/* totalpages the kernel compared against, and how it was obtained. */
	int64_t totalpages;
	char totalpages_source[160];
	bool totalpages_exact;
	int64_t page_size;
	/* Ranking, best first; victim and runner-up by index into ->ranks. */
	struct oc_oom_rank_vec ranks;
	int64_t top, runner_up; /* indices into ranks, or -1 */
	enum oc_oom_match victim_match;
	enum oc_oom_match score_match;
	char match_text[512];
	int64_t implied_missing_pages; /* e.g. swap the printed score implies */
	/*
	 * When the printed score disagrees with the recomputation, or
	 * totalpages is not exact: every totalpages for which the victim's
	 * row scores what was printed, [lo, hi] (OC_OOM_NA when not solved
	 * or no value fits), and whether the victim then still ranks first.
	 */
	int64_t implied_totalpages_lo, implied_totalpages_hi;
	bool implied_totalpages_consistent;
	struct oc_oom_finding_vec findings;
};

/*
 * Analyses @e. @a must be zeroed or released; the caller releases it with
 * oc_oom_analysis_release(). Fails only when memory runs out.
 */
struct oc_error *oc_oom_analyze(const struct oc_oom_event *e,
				struct oc_oom_analysis *a);
void oc_oom_analysis_release(struct oc_oom_analysis *a);

#endif /* OOMCORE_OOM_EVENT_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * oom_badness() of every kernel era, on plain numbers.
 *
 * The kernel scores each eligible process and kills the highest score
 * (mm/oom_kill.c: badness() in 2.6.32, oom_badness() since 2.6.36). The
 * formula changed several times; struct oc_badness_rules describes one
 * era by its features, so the log mode can fill it from what a log shows
 * and the vmcore mode from DWARF (the type of oom_control.chosen_points,
 * the presence of mm->nr_pmds or mm->pgtables_bytes, ...).
 *
 * The eras (see also kernel-oom-reference.md section 1):
 *
 *   kernel        scale   points                         root bonus
 *   2.6.32        -       badness(): total_vm, cpu time, nice, caps
 *                         (not rebuildable from a log: OC_BADNESS_TOTAL_VM)
 *   2.6.36-3.7    0..1000 (rss [+ nr_ptes] + swap) * 1000 / totalpages
 *                                                        points -= 30
 *   3.8-3.13      pages   rss + nr_ptes + swapents       adj -= 30, i.e.
 *                                                        3% of totalpages
 *   3.14-3.19     pages   rss + nr_ptes + swapents       points -= points*3/100
 *   4.0-4.14      pages   rss + swapents + nr_ptes + nr_pmds       "
 *   4.15-4.16     pages   rss + swapents + pgtables_bytes/PAGE_SIZE
 *                                                        points -= points*3/100
 *   4.17-5.8      pages   as 4.15, no root bonus
 *   5.9-          pages   as 4.17, signed: LONG_MIN = ineligible, no clamp
 *
 * Then, in the pages scale: points += oom_score_adj * (totalpages / 1000)
 * (integer division first), and before 5.9 the result is clamped to >= 1
 * for an eligible task. In the 0..1000 scale: points += oom_score_adj,
 * clamped to 1..1000. The root bonus needs CAP_SYS_ADMIN, which a log does
 * not show: uid 0 is a hint only (containers drop the capability).
 * rss is get_mm_rss(): file + anon, plus shmem from 4.5.
 *
 * The "score" printed by "Kill process P (C) score S" (<= 5.0) is
 * points * 1000 / totalpages in the pages scale. /proc/PID/oom_score is
 * the same value up to 5.8 and (1000 + points * 1000 / totalpages) * 2 / 3
 * (0..2000 -> 0..1333) from 5.9.
 *
 * Tie-break in select_bad_process()/oom_evaluate_task(): up to 4.3 the
 * first task in for_each_process() order wins (points > best); 4.4-5.2
 * keep a thread-group leader on a tie and otherwise let the later task
 * win; from 5.3 the later task wins every tie.
 *
 * RHEL kernels carry backports: 2.6.32-*.el6 uses the 2.6.36 formula and
 * 3.10.0-*.el7 the 3.14 root bonus (verified against printed scores in
 * tests/log/fixtures). Release boundaries marked unverified in the
 * reference (3.8, 3.14, 4.17) are the best known.
 */
#ifndef OOMCORE_BADNESS_H
#define OOMCORE_BADNESS_H

#include <stdbool.h>
#include <stdint.h>

enum oc_badness_scale {
	OC_BADNESS_TOTAL_VM, /* 2.6.32 badness(): cannot be rebuilt */
	OC_BADNESS_1000,     /* 2.6.36-3.7: points already 0..1000 */
	OC_BADNESS_PAGES,    /* 3.8+: points in pages */
};

enum oc_root_bonus {
	OC_ROOT_BONUS_NONE,  /* 4.17+ */
	OC_ROOT_BONUS_ADJ30, /* 2.6.36-3.13: 30 of 1000 */
	OC_ROOT_BONUS_PCT3,  /* 3.14-4.16: points * 3 / 100 */
};

enum oc_pgtables_term {
	OC_PGTABLES_NONE,      /* 2.6.36 */
	OC_PGTABLES_NR_PTES,   /* 3.x */
	OC_PGTABLES_PTES_PMDS, /* 4.0-4.14 */
	OC_PGTABLES_BYTES,     /* 4.15+: pgtables_bytes / PAGE_SIZE */
};

enum oc_badness_tie {
	OC_TIE_FIRST_WINS,   /* <= 4.3: points > best */
	OC_TIE_LEADER_KEEPS, /* 4.4-5.2 */
	OC_TIE_LATER_WINS,   /* 5.3+ */
};

/* One era of oom_badness() and of the selection around it. */
struct oc_badness_rules {
	enum oc_badness_scale scale;
	enum oc_root_bonus root_bonus;
	enum oc_pgtables_term pgtables;
	bool rss_includes_shmem; /* get_mm_rss() adds MM_SHMEMPAGES */
	bool signed_result;	 /* 5.9+: long, LONG_MIN, no clamp */
	bool score_printed;	 /* <= 5.0 "Kill process ... score" */
	enum oc_badness_tie tie;
	const char *name; /* "4.0-4.14", for reports */
};

/* The inputs oom_badness() reads from one process. */
struct oc_badness_task {
	int64_t rss_pages;	  /* get_mm_rss() */
	int64_t swapents;	  /* MM_SWAPENTS */
	int64_t nr_ptes, nr_pmds; /* page-table pages (3.x, 4.0-4.14) */
	int64_t pgtables_bytes;	  /* 4.15+ */
	int64_t oom_score_adj;	  /* -1000..1000 */
	bool cap_sys_admin;
	/*
	 * false when the kernel skips the task before scoring: global init,
	 * kthread, no mm, MMF_OOM_SKIP, in_vfork, outside the memcg/cpuset.
	 */
	bool eligible;
};

/* How the result was made, for reports. */
struct oc_badness_terms {
	bool eligible;
	int64_t rss_pages, swap_pages, pgtables_pages;
	int64_t root_bonus; /* <= 0, in points */
	int64_t adj;	    /* oom_score_adj term, in points */
	int64_t points;	    /* the return value */
};

/* The kernel's own return value for "ineligible" in the signed era. */
#define OC_BADNESS_LONG_MIN INT64_MIN

/*
 * oom_badness() of era @r for @t against @totalpages (0 is taken as 1,
 * like the kernel) with @page_size bytes per page. Returns what that
 * kernel returns: 0 (<= 5.8) or OC_BADNESS_LONG_MIN (5.9+) for an
 * ineligible task, else the points. @terms may be NULL. For
 * OC_BADNESS_TOTAL_VM it returns 0 and terms->eligible is false.
 */
int64_t oc_oom_badness(const struct oc_badness_rules *r,
		       const struct oc_badness_task *t, uint64_t totalpages,
		       uint64_t page_size, struct oc_badness_terms *terms);

/*
 * The 0..1000 score the kernel prints and normalizes chosen_points to
 * (3.8-5.2: points * 1000 / totalpages; 2.6.36-3.7: points). 0 for an
 * ineligible task; can be negative in the signed era.
 */
int64_t oc_badness_score(const struct oc_badness_rules *r, int64_t points,
			 uint64_t totalpages);

/* /proc/PID/oom_score for @points: 0..1000, or 0..1333 from 5.9. */
int64_t oc_badness_proc_oom_score(const struct oc_badness_rules *r,
				  int64_t points, uint64_t totalpages);

/*
 * Whether a candidate with @points replaces the current choice @best in
 * the scan (@have_best false: nothing chosen yet). @leader tells whether a
 * task is a thread-group leader (pid == tgid). Ineligible points (0 or
 * LONG_MIN by era) never replace.
 */
bool oc_badness_replaces(const struct oc_badness_rules *r, int64_t points,
			 bool leader, bool have_best, int64_t best,
			 bool best_leader);

/*
 * Fills @r for kernel @major.@minor. @distro is the release string or
 * NULL: "el6"/"el7" select the RHEL backports described above.
 */
void oc_badness_rules_for_version(int major, int minor, const char *release,
				  struct oc_badness_rules *r);

/* Parses "4.19.91-xxx" into 4, 19; false if it does not start that way. */
bool oc_badness_parse_version(const char *release, int *major, int *minor);

#endif /* OOMCORE_BADNESS_H */

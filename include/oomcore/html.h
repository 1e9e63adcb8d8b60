/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The HTML report: one self-contained page (inline CSS and SVG drawn
 * here, no script, nothing loaded from the network) that a support
 * engineer can attach to a ticket. It shows the verdict and findings,
 * where memory went, the OOM badness of each task with the victim and
 * the runner-up and their score terms, zone free memory against the
 * min/low/high watermarks, and the memcg tree with usage against limits.
 *
 * The page is drawn from a neutral view (struct oc_html_event), filled
 * from the same model the JSON reports use: struct oc_report for a
 * vmcore (html_report.c), the log parser's events and oc_oom_analysis
 * for a log (html_log.c). Numbers are in the JSON's units: pages for
 * memory, points for badness. Every number a test may check is also in a
 * data- attribute of its element (data-pid, data-points, data-pages,
 * data-free-pages, ...), see html.c.
 */
#ifndef OOMCORE_HTML_H
#define OOMCORE_HTML_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "oomcore/error.h"
#include "oomcore/log.h"
#include "oomcore/oom_event.h"
#include "oomcore/report.h"
#include "oomcore/vector.h"

/* Where memory went, in pages. */
enum oc_html_mem {
	OC_HTML_MEM_ANON,	/* anon LRU without shmem */
	OC_HTML_MEM_PAGECACHE,	/* file LRU */
	OC_HTML_MEM_SHMEM,
	OC_HTML_MEM_SLAB,	/* reclaimable + unreclaimable */
	OC_HTML_MEM_PAGETABLES,
	OC_HTML_MEM_KERNEL,	/* kernel stacks + reserved (present-managed) */
	OC_HTML_MEM_FREE,
	OC_HTML_MEM_UNACCOUNTED, /* total - the others (unevictable, ...) */
	OC_HTML_MEM_NR,
};

/* Short name ("anon", "pagecache", ...) used in data-mem attributes. */
const char *oc_html_mem_key(enum oc_html_mem m);

enum oc_html_role {
	OC_HTML_ROLE_NONE,
	OC_HTML_ROLE_VICTIM,
	OC_HTML_ROLE_RUNNER_UP,
};

struct oc_html_task {
	int64_t pid;
	char comm[OC_OOM_COMM_LEN];
	bool eligible;
	const char *skip;	/* why not eligible, or NULL */
	int64_t oom_score_adj;	/* OC_OOM_NA when unknown */
	/* The oom_badness() terms, in points (pages); points = their sum. */
	int64_t rss, swap, pgtables, root_bonus, adj;
	int64_t points, score;
	enum oc_html_role role;
};

struct oc_html_zone {
	int64_t node;		/* OC_OOM_NA when the log did not say */
	char name[16];
	int64_t free, min, low, high;	/* pages; OC_OOM_NA unknown */
};

struct oc_html_memcg {
	const char *path;
	int depth;
	int64_t usage, limit;	/* pages; limit -1: no limit */
	bool oom;		/* the group that hit its limit */
};

struct oc_html_finding {
	const char *severity;	/* "info", "note", "warn" */
	const char *text;
};

OC_DEFINE_VECTOR(oc_html_task_vec, struct oc_html_task)
OC_DEFINE_VECTOR(oc_html_zone_vec, struct oc_html_zone)
OC_DEFINE_VECTOR(oc_html_memcg_vec, struct oc_html_memcg)
OC_DEFINE_VECTOR(oc_html_finding_vec, struct oc_html_finding)

/* One OOM event (or the vmcore's state) as the page shows it. */
struct oc_html_event {
	char heading[160];
	const char *verdict;		/* may be NULL */
	struct oc_html_finding_vec findings;
	char choice[512];		/* "The OOM killer picks ..." or "" */
	char choice_source[96];		/* "recomputed from memory", ... */
	int64_t page_kb;		/* KiB per page (4 on x86) */

	int64_t mem[OC_HTML_MEM_NR];	/* pages; OC_OOM_NA unknown */
	int64_t mem_total;		/* RAM pages, or OC_OOM_NA */
	char mem_source[96];

	struct oc_html_task_vec tasks;	/* victim and runner-up included */
	int64_t totalpages;
	char tasks_note[256];		/* era, or why there are none */

	struct oc_html_zone_vec zones;
	char zones_note[256];

	struct oc_html_memcg_vec memcgs;
	char memcg_note[256];
};

OC_DEFINE_VECTOR(oc_html_event_vec, struct oc_html_event)

/* The page: a title, facts about the input, and the events. */
struct oc_html_page {
	char title[256];
	char facts[4][256];		/* lines under the title */
	int n_facts;
	struct oc_html_event_vec events;
	char partial[1024];		/* what could not be read, or "" */
	int64_t victim_pid;		/* of the page's subject, or OC_OOM_NA */
};

/* Writes @p to @out. Fails on a write error. */
struct oc_error *oc_html_write(FILE *out, const struct oc_html_page *p);
void oc_html_page_release(struct oc_html_page *p);

/* The page of a vmcore report, built from what oc_report_json() prints. */
struct oc_error *oc_html_report(FILE *out, const struct oc_report *r);

/*
 * The page of a log report: every event of @events (or only the
 * @opts->event-th), analysed as oc_log_report_json() does.
 */
struct oc_error *oc_html_log(FILE *out, const struct oc_oom_event_vec *events,
			     const struct oc_log_stats *st,
			     const struct oc_log_report_opts *opts);

/*
 * The same into the file @path ("-": standard output), for the CLI's
 * --html FILE. Fail when the file cannot be written.
 */
struct oc_error *oc_html_report_file(const char *path,
				     const struct oc_report *r);
struct oc_error *oc_html_log_file(const char *path,
				  const struct oc_oom_event_vec *events,
				  const struct oc_log_stats *st,
				  const struct oc_log_report_opts *opts);

/* Opens @path ("-": stdout) for writing; oc_html_close() closes it. */
struct oc_error *oc_html_open(const char *path, FILE **ret);
struct oc_error *oc_html_close(const char *path, FILE *f,
			       struct oc_error *err);

#endif /* OOMCORE_HTML_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The vmcore report: every walker and the OOM logic run over one target,
 * then rendered as text or as one JSON document. Both front ends (the
 * oomcore CLI and the crash extension) call exactly this.
 *
 * Each section keeps the error that stopped it, so a damaged or filtered
 * dump gives a partial report that names what is missing and why.
 */
#ifndef OOMCORE_REPORT_H
#define OOMCORE_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "oomcore/badness.h"
#include "oomcore/error.h"
#include "oomcore/json.h"
#include "oomcore/kernel.h"
#include "oomcore/memcg.h"
#include "oomcore/oom_event.h"
#include "oomcore/oomctl.h"
#include "oomcore/printk.h"
#include "oomcore/select.h"
#include "oomcore/target.h"
#include "oomcore/tasks.h"
#include "oomcore/zones.h"

#define OC_REPORT_SCHEMA_VERSION 1

/* Sections, for building and printing only part of the report. */
enum {
	OC_SECTION_TASKS = 1 << 0,
	OC_SECTION_EVENTS = 1 << 1,
	OC_SECTION_OOMCTL = 1 << 2,
	OC_SECTION_MEMCG = 1 << 3,
	OC_SECTION_ZONES = 1 << 4,
	OC_SECTION_ALL = ~0,
};

struct oc_report {
	struct oc_target *t;
	const char *dump_path, *vmlinux_path, *dump_format; /* may be NULL */
	bool vmlinux_verified;
	const char *verified_by;
	char build_id[129];

	struct oc_kernel kernel;
	struct oc_error *kernel_err;

	struct oc_printk_log log;
	struct oc_error *log_err;
	struct oc_oom_event_vec events;	      /* OOM reports in the log */
	/* One analysis per event; the last event is the report's subject. */
	struct oc_oom_analysis *analyses;

	struct oc_tasks tasks;
	struct oc_error *tasks_err;

	struct oc_memcgs memcgs;
	struct oc_error *memcg_err;
	int oom_memcg;		/* index of the OOMing memcg, or -1 */

	struct oc_zones zones;
	struct oc_error *zones_err;

	/* The OOM killer's choice recomputed from memory. */
	struct oc_badness_rules rules;
	char rules_evidence[256];
	enum oc_oom_constraint constraint;
	char constraint_source[128];
	uint64_t totalpages;
	char totalpages_source[160];
	struct oc_selection sel;
	struct oc_error *sel_err;

	/* The struct oom_control of the OOM in progress, if any. */
	struct oc_oomctl oomctl;
	struct oc_error *oomctl_err;
};

/*
 * Runs the walkers and the analysis over @t. Only fails when memory runs
 * out; everything else ends up in the sections' errors. Release with
 * oc_report_release().
 */
struct oc_error *oc_report_build(struct oc_target *t, unsigned int sections,
				 struct oc_report *r);
void oc_report_release(struct oc_report *r);

/* True when some section could not be read (exit status "partial"). */
bool oc_report_partial(const struct oc_report *r);

/* True when some zone's free lists could not be walked to their end. */
bool oc_report_zones_incomplete(const struct oc_report *r);

void oc_report_print_text(const struct oc_report *r, unsigned int sections,
			  FILE *out);
void oc_report_json(const struct oc_report *r, unsigned int sections,
		    struct oc_json *j);

void oc_report_oomctl_text(const struct oc_report *r, FILE *out);
void oc_report_oomctl_json(const struct oc_report *r, struct oc_json *j);

/* The task table section alone (also used by the crash extension). */
void oc_report_tasks_text(const struct oc_report *r, FILE *out);
void oc_report_tasks_json(const struct oc_report *r, struct oc_json *j);

#endif /* OOMCORE_REPORT_H */

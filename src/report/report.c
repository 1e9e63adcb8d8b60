// SPDX-License-Identifier: GPL-2.0-or-later
/* Building the vmcore report: see oomcore/report.h. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "oomcore/log.h"
#include "oomcore/report.h"

/* Feeds the dump's own printk records to the log parser. */
static struct oc_error *parse_log(struct oc_report *r)
{
	struct oc_log_parser *p;
	struct oc_error *err;
	const struct oc_printk_record *rec;

	err = oc_log_parser_new(&p);
	if (err)
		return err;
	oc_vec_for_each(&r->log.records, rec) {
		if (rec->dataless)
			continue;
		err = oc_log_parser_feed_record(
			p, oc_printk_text(&r->log, rec), rec->text_len,
			rec->has_ts ? (int64_t)rec->ts_nsec : OC_LOG_NONE,
			rec->caller_id == OC_PRINTK_NO_CALLER
				? OC_LOG_NONE
				: (int64_t)rec->caller_id);
		if (err)
			break;
	}
	if (!err)
		err = oc_log_parser_finish(p, &r->events);
	oc_log_parser_free(p);
	return err;
}

/*
 * The oom_badness() era of this kernel: the version gives the defaults,
 * the types decide whatever they can tell (distro kernels backport).
 */
static void choose_rules(struct oc_report *r)
{
	struct oc_target *t = r->t;
	struct oc_member_info info;
	struct oc_error *err;
	int major = 0, minor = 0;
	size_t n = 0;

	oc_badness_parse_version(t->osrelease, &major, &minor);
	oc_badness_rules_for_version(major, minor, t->osrelease, &r->rules);
	n += snprintf(r->rules_evidence + n, sizeof(r->rules_evidence) - n,
		      "version %d.%d", major, minor);
	if (!r->tasks_err) {
		const struct oc_tasks_layout *l = &r->tasks.layout;

		r->rules.rss_includes_shmem = l->has_shmem;
		if (l->has_pgtables_bytes)
			r->rules.pgtables = OC_PGTABLES_BYTES;
		else if (l->has_nr_pmds)
			r->rules.pgtables = OC_PGTABLES_PTES_PMDS;
		n += snprintf(r->rules_evidence + n,
			      sizeof(r->rules_evidence) - n,
			      "; mm_struct has %s%s",
			      l->has_pgtables_bytes ? "pgtables_bytes"
			      : l->has_nr_pmds	    ? "nr_ptes, nr_pmds"
						    : "nr_ptes",
			      l->has_shmem ? ", MM_SHMEMPAGES" : "");
	}
	err = oc_target_member(t, "struct oom_control", "chosen_points", &info);
	if (!err) {
		r->rules.signed_result = !strstr(info.type_name, "unsigned");
		snprintf(r->rules_evidence + n, sizeof(r->rules_evidence) - n,
			 "; oom_control.chosen_points is %s", info.type_name);
	}
	oc_error_free(err);
}

/* The constraint and totalpages the kernel used, from the last event. */
static void choose_totalpages(struct oc_report *r)
{
	const struct oc_oom_event *e =
		r->events.len ? &r->events.data[r->events.len - 1] : NULL;
	const struct oc_kernel *k = &r->kernel;
	int64_t swap = k->total_swap_pages > 0 ? k->total_swap_pages : 0;

	r->constraint = OC_OOM_CONSTRAINT_NONE;
	snprintf(r->constraint_source, sizeof(r->constraint_source),
		 "no OOM report in the log: assumed");
	if (e) {
		r->constraint = e->memcg_oom ? OC_OOM_CONSTRAINT_MEMCG
				: e->constraint == OC_OOM_CONSTRAINT_UNKNOWN
					? OC_OOM_CONSTRAINT_NONE
					: e->constraint;
		snprintf(r->constraint_source, sizeof(r->constraint_source),
			 "the log's OOM report%s",
			 e->constraint_printed ? " (oom-kill: line)" : "");
	}
	if (r->constraint == OC_OOM_CONSTRAINT_MEMCG && e &&
	    oc_oom_has(e->memcg.memory.limit_kb) && k->page_size) {
		/* mem_cgroup_get_max() as printed; refined by the memcg walk */
		r->totalpages =
			e->memcg.memory.limit_kb / (k->page_size / 1024);
		snprintf(r->totalpages_source, sizeof(r->totalpages_source),
			 "memcg %.120s limit as printed", e->memcg.path);
		return;
	}
	r->totalpages = (k->totalram_pages > 0 ? k->totalram_pages : 0) + swap;
	snprintf(r->totalpages_source, sizeof(r->totalpages_source),
		 "totalram_pages %" PRId64 " + total_swap_pages %" PRId64,
		 k->totalram_pages, swap);
}

static bool scope_memcg(void *arg, const struct oc_task *task)
{
	/* Without the memcg walk only the printed table tells membership. */
	const struct oc_oom_event *e = arg;
	const struct oc_oom_task *row;

	oc_vec_for_each(&e->tasks, row)
		if (row->tgid == task->tgid)
			return true;
	return false;
}

/* Looks for the oom_control, guided by the last event's header. */
static void find_oomctl(struct oc_report *r)
{
	const struct oc_oom_event *e =
		r->events.len ? &r->events.data[r->events.len - 1] : NULL;
	struct oc_oomctl_hint hint = { .pid = -1 };

	if (e && oc_oom_has(e->trigger.gfp_mask) &&
	    oc_oom_has(e->trigger.order)) {
		hint.have_header = true;
		hint.gfp_mask = e->trigger.gfp_mask;
		hint.order = e->trigger.order;
	}
	if (e && oc_oom_has(e->trigger.pid)) {
		const struct oc_task *t;

		hint.pid = e->trigger.pid;
		oc_vec_for_each(&r->tasks.tasks, t)
			if (t->pid == hint.pid || t->mm_pid == hint.pid)
				hint.task_addr = t->addr;
	}
	r->oomctl_err = oc_oomctl_find(&r->kernel, &hint, &r->oomctl);
}

struct oc_error *oc_report_build(struct oc_target *t, unsigned int sections,
				 struct oc_report *r)
{
	const struct oc_target_info *si = &t->info;
	struct oc_error *err;

	memset(r, 0, sizeof(*r));
	r->t = t;
	{
		r->dump_path = si->vmcore_path;
		r->vmlinux_path = si->vmlinux_path;
		r->dump_format = si->format;
		r->vmlinux_verified = si->verified;
		r->verified_by = si->verified_by;
		snprintf(r->build_id, sizeof(r->build_id), "%s", si->build_id);
	}
	r->kernel_err = oc_kernel_read(t, &r->kernel);
	r->log_err = oc_printk_read(t, &r->log);
	if (!r->log_err) {
		err = parse_log(r);
		if (err == &oc_enomem)
			return err;
		r->log_err = err;
	}
	if (r->events.len) {
		r->analyses = calloc(r->events.len, sizeof(*r->analyses));
		if (!r->analyses)
			return &oc_enomem;
		for (size_t i = 0; i < r->events.len; i++) {
			err = oc_oom_analyze(&r->events.data[i],
					     &r->analyses[i]);
			if (err)
				return err;
		}
	}
	if (r->kernel_err) {
		r->tasks_err = oc_error_create(OC_ERR_OTHER,
					       "kernel facts unavailable");
		return NULL;
	}
	if (sections & OC_SECTION_TASKS) {
		r->tasks_err = oc_tasks_read(&r->kernel, &r->tasks);
		choose_rules(r);
		choose_totalpages(r);
		if (!r->tasks_err) {
			struct oc_select_input in = {
				.rules = &r->rules,
				.totalpages = r->totalpages,
				.page_size = r->kernel.page_size,
				.proc_totalpages =
					(r->kernel.totalram_pages > 0
						 ? r->kernel.totalram_pages
						 : 0) +
					(r->kernel.total_swap_pages > 0
						 ? r->kernel.total_swap_pages
						 : 0),
			};

			if (r->constraint == OC_OOM_CONSTRAINT_MEMCG &&
			    r->events.len) {
				in.in_scope = scope_memcg;
				in.in_scope_arg =
					&r->events.data[r->events.len - 1];
			}
			r->sel_err = oc_select_victim(&in, &r->tasks, &r->sel);
			if (r->sel_err == &oc_enomem)
				return &oc_enomem;
		}
	}
	if (sections & OC_SECTION_OOMCTL)
		find_oomctl(r);
	return NULL;
}

void oc_report_release(struct oc_report *r)
{
	oc_error_free(r->kernel_err);
	oc_error_free(r->log_err);
	oc_error_free(r->tasks_err);
	oc_error_free(r->sel_err);
	oc_error_free(r->oomctl_err);
	oc_kernel_free(&r->kernel);
	oc_printk_log_free(&r->log);
	oc_oom_event_vec_release(&r->events);
	for (size_t i = 0; r->analyses && i < r->events.len; i++)
		oc_oom_analysis_release(&r->analyses[i]);
	free(r->analyses);
	oc_tasks_free(&r->tasks);
	oc_selection_free(&r->sel);
}

bool oc_report_partial(const struct oc_report *r)
{
	return r->kernel_err || r->log_err || r->tasks_err || r->sel_err ||
	       r->tasks.partial;
}

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
			rec->caller_id == OC_PRINTK_NO_CALLER ?
				OC_LOG_NONE :
				(int64_t)rec->caller_id);
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
			      l->has_pgtables_bytes ? "pgtables_bytes" :
			      l->has_nr_pmds	    ? "nr_ptes, nr_pmds" :
						      "nr_ptes",
			      l->has_shmem ? ", MM_SHMEMPAGES" : "");
	}
	err = oc_target_member(t, "struct oom_control", "chosen_points", &info);
	if (!err) {
		r->rules.signed_result = !strstr(info.type_name, "unsigned");
		snprintf(r->rules_evidence + n, sizeof(r->rules_evidence) - n,
			 "; oom_control.chosen_points is %s",
			 r->rules.signed_result ? "signed" : "unsigned");
	}
	oc_error_free(err);
}

/* Index of the memcg with @path, or -1. */
static int memcg_by_path(const struct oc_memcgs *m, const char *path)
{
	for (size_t i = 0; path[0] && i < m->groups.len; i++)
		if (m->groups.data[i].path &&
		    !strcmp(m->groups.data[i].path, path))
			return i;
	return -1;
}

/*
 * The constraint and totalpages the kernel used: the oom_control on the
 * stack knows them (4.9+); else the log's event tells the constraint and
 * the walkers give totalpages as constrained_alloc() computes it.
 */
static void choose_totalpages(struct oc_report *r)
{
	const struct oc_oom_event *e =
		r->events.len ? &r->events.data[r->events.len - 1] : NULL;
	const struct oc_oomctl *c = &r->oomctl;
	const struct oc_kernel *k = &r->kernel;
	int64_t swap = k->total_swap_pages > 0 ? k->total_swap_pages : 0;

	r->oom_memcg = -1;
	r->constraint = OC_OOM_CONSTRAINT_NONE;
	snprintf(r->constraint_source, sizeof(r->constraint_source),
		 "no OOM in progress and none in the log: assumed");
	if (c->found && c->has_constraint && c->constraint <= 3) {
		r->constraint = c->constraint;
		snprintf(r->constraint_source, sizeof(r->constraint_source),
			 "oom_control.constraint");
	} else if (c->found && c->memcg) {
		r->constraint = OC_OOM_CONSTRAINT_MEMCG;
		snprintf(r->constraint_source, sizeof(r->constraint_source),
			 "oom_control.memcg is set");
	} else if (e) {
		r->constraint = e->memcg_oom ? OC_OOM_CONSTRAINT_MEMCG :
				e->constraint == OC_OOM_CONSTRAINT_UNKNOWN ?
					       OC_OOM_CONSTRAINT_NONE :
					       e->constraint;
		snprintf(r->constraint_source, sizeof(r->constraint_source),
			 "the log's last OOM report%s",
			 e->constraint_printed ? " (oom-kill: line)" : "");
	}
	if (r->constraint == OC_OOM_CONSTRAINT_MEMCG && !r->memcg_err) {
		if (c->found && c->memcg)
			r->oom_memcg = oc_memcg_find(&r->memcgs, c->memcg);
		if (r->oom_memcg < 0 && e)
			r->oom_memcg = memcg_by_path(
				&r->memcgs, e->summary.oom_memcg[0] ?
						    e->summary.oom_memcg :
						    e->memcg.path);
	}
	if (c->found && c->has_totalpages && c->totalpages) {
		r->totalpages = c->totalpages;
		snprintf(r->totalpages_source, sizeof(r->totalpages_source),
			 "oom_control.totalpages");
		return;
	}
	if (r->oom_memcg >= 0) {
		r->totalpages =
			oc_memcg_get_max(&r->memcgs, r->oom_memcg, swap);
		snprintf(r->totalpages_source, sizeof(r->totalpages_source),
			 "mem_cgroup_get_max(%.100s)",
			 r->memcgs.groups.data[r->oom_memcg].path);
		return;
	}
	if (r->constraint == OC_OOM_CONSTRAINT_MEMCG && e &&
	    oc_oom_has(e->memcg.memory.limit_kb) && k->page_size >= 1024) {
		r->totalpages =
			e->memcg.memory.limit_kb / (k->page_size / 1024);
		snprintf(r->totalpages_source, sizeof(r->totalpages_source),
			 "memcg %.100s limit as printed (memcg walk failed)",
			 e->memcg.path);
		return;
	}
	if (k->totalram_pages <= 0) {
		r->totalpages = 0;
		snprintf(r->totalpages_source, sizeof(r->totalpages_source),
			 "totalram_pages unreadable or absurd (%" PRId64 ")",
			 k->totalram_pages);
		return;
	}
	r->totalpages = k->totalram_pages + swap;
	snprintf(r->totalpages_source, sizeof(r->totalpages_source),
		 "totalram_pages %" PRId64 " + total_swap_pages %" PRId64,
		 k->totalram_pages, swap);
}

/* mem_cgroup_scan_tasks(): tasks in the OOMing memcg's subtree. */
static bool scope_memcg(void *arg, const struct oc_task *task)
{
	const struct oc_report *r = arg;
	int idx = oc_memcg_find(&r->memcgs, task->memcg);

	for (int depth = 0; idx >= 0 && depth < 4096; depth++) {
		if (idx == r->oom_memcg)
			return true;
		idx = r->memcgs.groups.data[idx].parent;
	}
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

/*
 * The OOM still in progress is the log's last event when its header is the
 * one the oom_control matched, or the event ended in the panic: what its
 * oom_control says (constraint, totalpages) goes to that event's analysis
 * before anything the log only implies.
 */
static void add_memory_facts(struct oc_report *r)
{
	const struct oc_oomctl *c = &r->oomctl;
	struct oc_oom_event *e;

	if (!c->found || !r->events.len)
		return;
	e = &r->events.data[r->events.len - 1];
	if (!c->matches_log && !e->panic[0])
		return;
	/* The constraint is in the struct from 5.0, totalpages from 4.9. */
	e->memory.constraint_known = c->has_constraint || c->memcg;
	e->memory.constraint = c->has_constraint ?
				       (enum oc_oom_constraint)c->constraint :
				       OC_OOM_CONSTRAINT_MEMCG;
	e->memory.totalpages = c->has_totalpages && c->totalpages ?
				       (int64_t)c->totalpages :
				       OC_OOM_NA;
	e->memory.known = e->memory.constraint_known ||
			  oc_oom_has(e->memory.totalpages);
	snprintf(e->memory.source, sizeof(e->memory.source),
		 "oom_control in the dump");
}

static struct oc_error *analyze_events(struct oc_report *r)
{
	struct oc_error *err;

	if (!r->events.len)
		return NULL;
	r->analyses = calloc(r->events.len, sizeof(*r->analyses));
	if (!r->analyses)
		return &oc_enomem;
	for (size_t i = 0; i < r->events.len; i++) {
		err = oc_oom_analyze(&r->events.data[i], &r->analyses[i]);
		if (err)
			return err;
	}
	return NULL;
}

static struct oc_error *select_victim(struct oc_report *r)
{
	const struct oc_kernel *k = &r->kernel;
	struct oc_select_input in = {
		.rules = &r->rules,
		.totalpages = r->totalpages,
		.page_size = k->page_size,
		.sysrq = r->oomctl.found && r->oomctl.order == -1,
		.proc_totalpages =
			(k->totalram_pages > 0 ? k->totalram_pages : 0) +
			(k->total_swap_pages > 0 ? k->total_swap_pages : 0),
	};

	if (r->constraint == OC_OOM_CONSTRAINT_MEMCG && r->oom_memcg >= 0) {
		in.in_scope = scope_memcg;
		in.in_scope_arg = r;
	} else if (oc_target_has_symbol(r->t, "node_data")) {
		/* NUMA: oom_cpuset_eligible() against current's nodes */
		in.cpuset_mems = r->oomctl.found ? r->oomctl.mems_allowed : 0;
	}
	r->sel_err = oc_select_victim(&in, &r->tasks, &r->sel);
	return r->sel_err == &oc_enomem ? &oc_enomem : NULL;
}

struct oc_error *oc_report_build(struct oc_target *t, unsigned int sections,
				 struct oc_report *r)
{
	const struct oc_target_info *si = &t->info;
	struct oc_error *err;

	memset(r, 0, sizeof(*r));
	r->t = t;
	r->oom_memcg = -1;
	/* No selection until one is made (tasks may be unreadable). */
	r->sel.victim = r->sel.runner_up = r->sel.aborted_by = -1;
	r->dump_path = si->vmcore_path;
	r->vmlinux_path = si->vmlinux_path;
	r->dump_format = si->format;
	r->vmlinux_verified = si->verified;
	r->verified_by = si->verified_by;
	snprintf(r->build_id, sizeof(r->build_id), "%s", si->build_id);

	r->kernel_err = oc_kernel_read(t, &r->kernel);
	r->log_err = oc_printk_read(t, &r->log);
	if (!r->log_err) {
		err = parse_log(r);
		if (err == &oc_enomem)
			return err;
		r->log_err = err;
	}
	if (r->kernel_err) {
		/*
		 * Every section that needs them says so: an empty memcg tree
		 * or "no oom_control found" would be a wrong answer.
		 */
		const char *why = "kernel facts unavailable";

		r->tasks_err = oc_error_create(OC_ERR_OTHER, "%s", why);
		if (sections & (OC_SECTION_TASKS | OC_SECTION_MEMCG))
			r->memcg_err = oc_error_create(OC_ERR_OTHER, "%s", why);
		if (sections & OC_SECTION_ZONES)
			r->zones_err = oc_error_create(OC_ERR_OTHER, "%s", why);
		if (sections & (OC_SECTION_TASKS | OC_SECTION_OOMCTL))
			r->oomctl_err =
				oc_error_create(OC_ERR_OTHER, "%s", why);
		return analyze_events(r);
	}
	/* The victim depends on tasks, memcgs and the oom_control. */
	if (sections & (OC_SECTION_TASKS | OC_SECTION_MEMCG))
		r->memcg_err = oc_memcg_read(&r->kernel, &r->memcgs);
	if (sections & OC_SECTION_ZONES)
		r->zones_err = oc_zones_read(&r->kernel, &r->zones);
	if (sections & (OC_SECTION_TASKS | OC_SECTION_OOMCTL)) {
		r->tasks_err = oc_tasks_read(&r->kernel, &r->tasks);
		find_oomctl(r);
	}
	if (sections & OC_SECTION_TASKS) {
		choose_rules(r);
		choose_totalpages(r);
		/* No oom_control and no RAM size: scores would mean nothing. */
		if (!r->totalpages)
			r->sel_err = oc_error_create(
				OC_ERR_CORRUPT,
				"no badness: totalpages unknown (%s)",
				r->totalpages_source);
		else if (!r->tasks_err && (err = select_victim(r)))
			return err;
	}
	add_memory_facts(r);
	return analyze_events(r);
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
	for (size_t i = 0; r->analyses && i < r->events.len; i++)
		oc_oom_analysis_release(&r->analyses[i]);
	free(r->analyses);
	oc_oom_event_vec_release(&r->events);
	oc_tasks_free(&r->tasks);
	oc_selection_free(&r->sel);
	oc_error_free(r->memcg_err);
	oc_memcgs_free(&r->memcgs);
	oc_error_free(r->zones_err);
	oc_zones_free(&r->zones);
}

/* A free list that could not be walked to its end (a loop, a wild
 * pointer): its block counts are unknown. */
bool oc_report_zones_incomplete(const struct oc_report *r)
{
	const struct oc_zone *z;

	if (r->zones_err)
		return false;
	oc_vec_for_each(&r->zones.zones, z)
		if (!z->walk_complete)
			return true;
	return false;
}

bool oc_report_partial(const struct oc_report *r)
{
	return r->kernel_err || r->log_err || r->tasks_err || r->sel_err ||
	       r->tasks.partial || r->memcg_err || r->memcgs.partial ||
	       r->zones_err || r->oomctl_err || oc_report_zones_incomplete(r);
}

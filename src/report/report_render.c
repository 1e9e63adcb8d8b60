// SPDX-License-Identifier: GPL-2.0-or-later
/* The vmcore report as text and as one JSON document. */
#include <inttypes.h>
#include <string.h>

#include "oomcore/log.h"
#include "oomcore/report.h"

#ifndef OOMCORE_VERSION
#define OOMCORE_VERSION "0.1"
#endif

static const char *severity_name(enum oc_oom_severity s)
{
	switch (s) {
	case OC_OOM_INFO:
		return "info";
	case OC_OOM_NOTE:
		return "note";
	case OC_OOM_WARN:
		return "warn";
	}
	return "?";
}

static const struct oc_task *victim_task(const struct oc_report *r, int64_t idx)
{
	if (idx < 0 || (size_t)idx >= r->sel.scores.len)
		return NULL;
	return &r->tasks.tasks.data[r->sel.scores.data[idx].task];
}

/* The OOM in progress as memory shows it: constraint, the memcg at limit. */
static void print_memory_context(const struct oc_report *r, FILE *out)
{
	const struct oc_oomctl *c = &r->oomctl;
	uint64_t kb = r->kernel.page_size / 1024;

	if (c->found) {
		fprintf(out,
			"In memory: an OOM in progress in pid %d (%s): %s, "
			"order %d, totalpages %" PRIu64 " (%s)",
			c->pid, c->comm, oc_oom_constraint_name(r->constraint),
			c->order, r->totalpages, r->constraint_source);
		if (r->constraint == OC_OOM_CONSTRAINT_CPUSET &&
		    c->mems_allowed) {
			fprintf(out, "; the task may use nodes");
			for (int n = 0; n < 64; n++)
				if (c->mems_allowed >> n & 1)
					fprintf(out, " %d", n);
		}
		fprintf(out, ".\n");
	}
	if (r->oom_memcg >= 0) {
		const struct oc_memcg *g = &r->memcgs.groups.data[r->oom_memcg];
		int lim = oc_memcg_limiting_ancestor(&r->memcgs, r->oom_memcg);

		fprintf(out, "The OOM memcg %s uses %" PRId64 " kB", g->path,
			g->memory.usage * kb);
		if (!oc_memcg_is_unlimited(&r->memcgs, g->memory.max))
			fprintf(out, " of its %" PRId64 " kB limit",
				g->memory.max * kb);
		if (lim >= 0 && lim != r->oom_memcg) {
			const struct oc_memcg *l = &r->memcgs.groups.data[lim];

			fprintf(out,
				"; the limit closest to being hit is %s's: %" PRId64
				" of %" PRId64 " kB",
				l->path, l->memory.usage * kb,
				l->memory.max * kb);
		}
		fprintf(out, ".\n");
	}
}

static void print_prediction(const struct oc_report *r, FILE *out)
{
	const struct oc_task *v = victim_task(r, r->sel.victim);
	const struct oc_task *ru = victim_task(r, r->sel.runner_up);
	const struct oc_task_score *vs, *rs;

	if (r->tasks_err)
		return;
	if (r->sel_err) {
		fprintf(out, "From memory: %s.\n", r->sel_err->message);
		return;
	}
	if (r->sel.aborted) {
		const struct oc_task *a = victim_task(r, r->sel.aborted_by);

		fprintf(out,
			"From memory: the OOM killer would kill nothing now: "
			"pid %d (%s) is an OOM victim still exiting.\n",
			a ? a->tgid : -1, a ? a->comm : "?");
	}
	if (!v) {
		fprintf(out, "From memory: no process is eligible for the OOM "
			     "killer.\n");
		return;
	}
	vs = &r->sel.scores.data[r->sel.victim];
	fprintf(out,
		"From memory: the OOM killer picks pid %d (%s): %" PRId64
		" points = rss %" PRId64 " + swap %" PRId64
		" + page tables %" PRId64,
		v->tgid, v->mm_comm, vs->terms.points, vs->terms.rss_pages,
		vs->terms.swap_pages, vs->terms.pgtables_pages);
	if (vs->terms.root_bonus)
		fprintf(out, " %" PRId64 " (root bonus)", vs->terms.root_bonus);
	fprintf(out, " %+" PRId64 " (oom_score_adj %hd)", vs->terms.adj,
		v->oom_score_adj);
	fprintf(out, ", score %" PRId64 "/1000 of %" PRIu64 " pages.\n",
		vs->score, r->totalpages);
	if (ru) {
		rs = &r->sel.scores.data[r->sel.runner_up];
		fprintf(out,
			"Runner-up: pid %d (%s): %" PRId64
			" points (rss %" PRId64 ", swap %" PRId64
			", page tables %" PRId64 ", adj %+" PRId64 ").\n",
			ru->tgid, ru->mm_comm, rs->terms.points,
			rs->terms.rss_pages, rs->terms.swap_pages,
			rs->terms.pgtables_pages, rs->terms.adj);
	}
}

static void print_events(const struct oc_report *r, FILE *out)
{
	fprintf(out, "OOM reports in the kernel log: %zu\n", r->events.len);
	for (size_t i = 0; i < r->events.len; i++) {
		const struct oc_oom_event *e = &r->events.data[i];

		fprintf(out, "  #%zu", i + 1);
		if (oc_oom_has(e->first_ts_ns))
			fprintf(out, " [%5" PRId64 ".%06" PRId64 "]",
				e->first_ts_ns / 1000000000,
				e->first_ts_ns % 1000000000 / 1000);
		if (e->trigger.comm[0])
			fprintf(out, " %s", e->trigger.comm);
		if (oc_oom_has(e->trigger.pid))
			fprintf(out, " (pid %" PRId64 ")", e->trigger.pid);
		if (oc_oom_has(e->trigger.gfp_mask))
			fprintf(out, " gfp_mask=%#" PRIx64,
				e->trigger.gfp_mask);
		if (oc_oom_has(e->trigger.order))
			fprintf(out, " order=%" PRId64, e->trigger.order);
		fprintf(out, " %s",
			oc_oom_constraint_name(r->analyses[i].constraint));
		if (e->victim.pid != OC_OOM_NA)
			fprintf(out, ", killed %" PRId64 " (%s)", e->victim.pid,
				e->victim.comm);
		if (e->panic[0])
			fprintf(out, ", panic: %s", e->panic);
		fputc('\n', out);
	}
	fputc('\n', out);
}

void oc_report_print_text(const struct oc_report *r, unsigned int sections,
			  FILE *out)
{
	const struct oc_kernel *k = &r->kernel;

	fprintf(out, "oomcore report");
	if (r->dump_path)
		fprintf(out, " of %s", r->dump_path);
	fprintf(out, "\nkernel %s %s", r->t->osrelease, r->t->arch);
	if (r->vmlinux_path)
		fprintf(out, ", vmlinux %s (%s)", r->vmlinux_path,
			r->vmlinux_verified ? r->verified_by :
					      "NOT VERIFIED: --force");
	fputc('\n', out);
	if (!r->kernel_err) {
		if (k->totalram_pages > 0)
			fprintf(out, "RAM %" PRId64 " pages, ",
				k->totalram_pages);
		else
			fprintf(out, "RAM unknown, ");
		if (!k->swap)
			fprintf(out, "no swap support");
		else
			fprintf(out,
				"swap %" PRId64 " pages (%" PRId64 " free)",
				k->total_swap_pages, k->nr_swap_pages);
		fprintf(out,
			", %u CPUs (%u online at the dump), "
			"panic_on_oom=%d\n",
			k->nr_cpus, k->nr_online, k->panic_on_oom);
	}
	fputc('\n', out);

	fprintf(out, "VERDICT\n");
	if (r->analyses) {
		const struct oc_oom_analysis *a =
			&r->analyses[r->events.len - 1];
		const struct oc_oom_finding *f;

		fprintf(out, "%s\n", a->verdict);
		oc_vec_for_each(&a->findings, f)
			fprintf(out, "  [%s] %s\n", severity_name(f->severity),
				f->text);
	} else {
		fprintf(out, "No OOM report in the kernel log%s%s.\n",
			r->log_err ? ": " : "",
			r->log_err ? r->log_err->message : "");
	}
	if (sections & OC_SECTION_TASKS) {
		print_memory_context(r, out);
		print_prediction(r, out);
	}
	fputc('\n', out);
	if (sections & OC_SECTION_EVENTS)
		print_events(r, out);
	if (sections & OC_SECTION_OOMCTL)
		oc_report_oomctl_text(r, out);
	if (sections & OC_SECTION_TASKS)
		oc_report_tasks_text(r, out);
	if (sections & OC_SECTION_MEMCG) {
		if (r->memcg_err)
			fprintf(out, "Memory cgroups: not available: %s\n\n",
				r->memcg_err->message);
		else
			oc_memcg_print_text(&r->memcgs, out);
	}
	if (sections & OC_SECTION_ZONES) {
		if (r->zones_err)
			fprintf(out, "Zones: not available: %s\n\n",
				r->zones_err->message);
		else
			oc_zones_print_text(&r->zones, out);
	}
	if (oc_report_partial(r)) {
		fprintf(out, "PARTIAL REPORT:\n");
		if (r->kernel_err)
			fprintf(out, "  kernel facts: %s\n",
				r->kernel_err->message);
		if (r->log_err)
			fprintf(out, "  kernel log: %s\n", r->log_err->message);
		if (r->tasks_err)
			fprintf(out, "  tasks: %s\n", r->tasks_err->message);
		else if (r->tasks.partial)
			fprintf(out, "  tasks: %s\n",
				r->tasks.partial->message);
		if (r->memcg_err)
			fprintf(out, "  memory cgroups: %s\n",
				r->memcg_err->message);
		else if (r->memcgs.partial)
			fprintf(out, "  memory cgroups: %s\n",
				r->memcgs.partial->message);
		if (r->sel_err)
			fprintf(out, "  badness: %s\n", r->sel_err->message);
		if (r->zones_err)
			fprintf(out, "  zones: %s\n", r->zones_err->message);
		else if (oc_report_zones_incomplete(r))
			fprintf(out, "  zones: %s\n",
				r->zones.notes.len ?
					r->zones.notes.data[0].text :
					"a free list could not be walked");
		if (r->oomctl_err)
			fprintf(out, "  oom_control: %s\n",
				r->oomctl_err->message);
	}
}

/* A section that could not be read: {"error": "..."}. */
static void error_json(struct oc_json *j, const struct oc_error *err)
{
	oc_json_object_begin(j);
	oc_json_kv_str(j, "error", err->message);
	oc_json_object_end(j);
}

/* The log's events, in the log JSON's schema, with their analyses. */
static void events_json(const struct oc_report *r, struct oc_json *j)
{
	oc_json_array_begin(j);
	for (size_t i = 0; i < r->events.len; i++)
		oc_log_event_json(j, &r->events.data[i], i + 1,
				  &r->analyses[i]);
	oc_json_array_end(j);
}

void oc_report_json(const struct oc_report *r, unsigned int sections,
		    struct oc_json *j)
{
	const struct oc_kernel *k = &r->kernel;

	oc_json_object_begin(j);
	oc_json_kv_int(j, "schema_version", OC_REPORT_SCHEMA_VERSION);
	oc_json_kv_str(j, "tool", "oomcore " OOMCORE_VERSION);
	oc_json_kv_bool(j, "partial", oc_report_partial(r));
	oc_json_key(j, "dump");
	oc_json_object_begin(j);
	oc_json_kv_str(j, "path", r->dump_path);
	oc_json_kv_str(j, "format", r->dump_format);
	oc_json_kv_str(j, "osrelease", r->t->osrelease);
	oc_json_kv_str(j, "arch", r->t->arch);
	oc_json_kv_str(j, "vmlinux", r->vmlinux_path);
	oc_json_kv_str(j, "build_id", r->build_id[0] ? r->build_id : NULL);
	oc_json_kv_bool(j, "vmlinux_verified", r->vmlinux_verified);
	oc_json_kv_str(j, "verified_by", r->verified_by);
	oc_json_object_end(j);

	oc_json_key(j, "kernel");
	if (r->kernel_err) {
		oc_json_object_begin(j);
		oc_json_kv_str(j, "error", r->kernel_err->message);
		oc_json_object_end(j);
	} else {
		oc_json_object_begin(j);
		oc_json_kv_uint(j, "page_size_bytes", k->page_size);
		oc_json_kv_uint(j, "cpus_online", k->nr_online);
		oc_json_kv_uint(j, "cpus_present", k->nr_cpus);
		oc_json_kv_bool(j, "swap_support", k->swap);
		oc_json_kv_int(j, "totalram_pages", k->totalram_pages);
		oc_json_kv_int(j, "totalreserve_pages", k->totalreserve_pages);
		oc_json_kv_int(j, "total_swap_pages", k->total_swap_pages);
		oc_json_kv_int(j, "free_swap_pages", k->nr_swap_pages);
		oc_json_kv_int(j, "panic_on_oom", k->panic_on_oom);
		oc_json_kv_int(j, "oom_kill_allocating_task",
			       k->oom_kill_allocating_task);
		oc_json_kv_int(j, "oom_dump_tasks", k->oom_dump_tasks);
		oc_json_object_end(j);
	}
	oc_json_key(j, "analysis");
	if (r->analyses)
		oc_log_analysis_json(j, &r->events.data[r->events.len - 1],
				     &r->analyses[r->events.len - 1]);
	else
		oc_json_null(j);
	oc_json_key(j, "log");
	oc_json_object_begin(j);
	oc_json_kv_str(j, "error", r->log_err ? r->log_err->message : NULL);
	oc_json_kv_str(j, "format",
		       r->log_err ? NULL :
				    oc_printk_format_name(r->log.format));
	oc_json_kv_uint(j, "records", r->log.records.len);
	oc_json_object_end(j);
	if (sections & OC_SECTION_EVENTS) {
		oc_json_key(j, "events");
		events_json(r, j);
	}
	if (sections & OC_SECTION_OOMCTL) {
		oc_json_key(j, "oom_control");
		oc_report_oomctl_json(r, j);
	}
	if (sections & OC_SECTION_TASKS) {
		oc_json_key(j, "tasks");
		oc_report_tasks_json(r, j);
	}
	if (sections & OC_SECTION_MEMCG) {
		oc_json_key(j, "memcg");
		if (r->memcg_err)
			error_json(j, r->memcg_err);
		else
			oc_memcg_json(j, &r->memcgs);
	}
	if (sections & OC_SECTION_ZONES) {
		oc_json_key(j, "zones");
		if (r->zones_err)
			error_json(j, r->zones_err);
		else
			oc_zones_json(j, &r->zones);
	}
	oc_json_object_end(j);
	oc_json_finish(j);
}

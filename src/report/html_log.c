// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The HTML page of a log report, from the log parser's events and their
 * oc_oom_analysis (oomcore/html.h). Sizes the log printed in kB are shown
 * in pages of the event's page size, like the vmcore page.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "oomcore/html.h"

static const char *severity_name(enum oc_oom_severity s)
{
	return s == OC_OOM_WARN ? "warn" : s == OC_OOM_NOTE ? "note" : "info";
}

static int64_t nz(int64_t v)
{
	return oc_oom_has(v) && v > 0 ? v : 0;
}

static int64_t kb_to_pages(int64_t kb, int64_t page_kb)
{
	return oc_oom_has(kb) ? kb / page_kb : OC_OOM_NA;
}

static void memory(const struct oc_oom_event *ev, struct oc_html_event *e)
{
	const struct oc_oom_kvset *m = &ev->meminfo;
	int64_t stack_kb = 0, sum = 0, ram, v;
	const struct oc_oom_node *n;
	const struct oc_oom_zone *z;
	int i;

	for (i = 0; i < OC_HTML_MEM_NR; i++)
		e->mem[i] = OC_OOM_NA;
	e->mem_total = OC_OOM_NA;
	if (!(ev->seen & OC_OOM_SEEN_MEMINFO) ||
	    !oc_oom_has(oc_oom_kv_get(m, "free"))) {
		snprintf(e->mem_source, sizeof(e->mem_source),
			 "the log has no Mem-Info block for this event");
		return;
	}
	v = nz(oc_oom_kv_get(m, "active_anon")) +
	    nz(oc_oom_kv_get(m, "inactive_anon")) -
	    nz(oc_oom_kv_get(m, "shmem"));
	e->mem[OC_HTML_MEM_ANON] = v > 0 ? v : 0;
	e->mem[OC_HTML_MEM_PAGECACHE] = nz(oc_oom_kv_get(m, "active_file")) +
					nz(oc_oom_kv_get(m, "inactive_file"));
	e->mem[OC_HTML_MEM_SHMEM] = nz(oc_oom_kv_get(m, "shmem"));
	e->mem[OC_HTML_MEM_SLAB] = nz(oc_oom_kv_get(m, "slab_reclaimable")) +
				   nz(oc_oom_kv_get(m, "slab_unreclaimable"));
	e->mem[OC_HTML_MEM_PAGETABLES] = nz(oc_oom_kv_get(m, "pagetables")) +
					 nz(oc_oom_kv_get(m, "sec_pagetables"));
	oc_vec_for_each(&ev->nodes, n)
		stack_kb += nz(oc_oom_kv_get(&n->fields, "kernel_stack"));
	if (!ev->nodes.len) {
		oc_vec_for_each(&ev->zones, z)
			stack_kb +=
				nz(oc_oom_kv_get(&z->fields, "kernel_stack"));
	}
	e->mem[OC_HTML_MEM_KERNEL] =
		nz(oc_oom_kv_get(&ev->totals, "reserved")) +
		stack_kb / e->page_kb;
	e->mem[OC_HTML_MEM_FREE] = nz(oc_oom_kv_get(m, "free"));
	for (i = 0; i < OC_HTML_MEM_UNACCOUNTED; i++)
		sum += e->mem[i];
	ram = oc_oom_kv_get(&ev->totals, "ram");
	if (oc_oom_has(ram) && ram > 0) {
		e->mem_total = ram;
		e->mem[OC_HTML_MEM_UNACCOUNTED] = ram > sum ? ram - sum : 0;
	}
	snprintf(e->mem_source, sizeof(e->mem_source),
		 "From the event's Mem-Info: anon = LRU anon - shmem, "
		 "kernel = stacks + reserved.");
}

static struct oc_error *tasks(const struct oc_oom_event *ev,
			      const struct oc_oom_analysis *a,
			      struct oc_html_event *e)
{
	const struct oc_oom_rank *rk;

	e->totalpages = a->totalpages;
	snprintf(e->tasks_note, sizeof(e->tasks_note),
		 "%zu task rows; oom_badness() era %.80s, totalpages "
		 "%" PRId64 " (%.100s).",
		 ev->tasks.len, a->era, a->totalpages, a->totalpages_source);
	if (!ev->tasks.len)
		snprintf(e->tasks_note, sizeof(e->tasks_note),
			 "The log has no task table for this event "
			 "(vm.oom_dump_tasks off, or lines lost).");
	oc_vec_for_each(&a->ranks, rk) {
		const struct oc_oom_task *t = &ev->tasks.data[rk->task];
		struct oc_html_task *h = oc_html_task_vec_push(&e->tasks);
		int64_t idx = rk - a->ranks.data;

		if (!h)
			return &oc_enomem;
		h->pid = t->pid;
		snprintf(h->comm, sizeof(h->comm), "%s", t->name);
		h->oom_score_adj = t->oom_score_adj;
		h->eligible = rk->eligible;
		h->skip = rk->eligible ? NULL : "skipped by the kernel";
		h->rss = rk->rss_pages;
		h->swap = rk->swap_pages;
		h->pgtables = rk->pgtables_pages;
		h->root_bonus = rk->root_bonus_pages;
		h->adj = rk->adj_pages;
		h->points = rk->points;
		h->score = rk->score;
		if (idx == a->top)
			h->role = OC_HTML_ROLE_VICTIM;
		else if (idx == a->runner_up)
			h->role = OC_HTML_ROLE_RUNNER_UP;
	}
	return NULL;
}

static struct oc_error *zones(const struct oc_oom_event *ev,
			      struct oc_html_event *e)
{
	const struct oc_oom_zone *z;

	if (!ev->zones.len)
		snprintf(e->zones_note, sizeof(e->zones_note),
			 "The log has no zone lines for this event.");
	oc_vec_for_each(&ev->zones, z) {
		struct oc_html_zone *h = oc_html_zone_vec_push(&e->zones);

		if (!h)
			return &oc_enomem;
		h->node = z->node;
		snprintf(h->name, sizeof(h->name), "%s", z->name);
		h->free = kb_to_pages(oc_oom_kv_get(&z->fields, "free"),
				      e->page_kb);
		h->min = kb_to_pages(oc_oom_kv_get(&z->fields, "min"),
				     e->page_kb);
		h->low = kb_to_pages(oc_oom_kv_get(&z->fields, "low"),
				     e->page_kb);
		h->high = kb_to_pages(oc_oom_kv_get(&z->fields, "high"),
				      e->page_kb);
	}
	return NULL;
}

/* A memcg OOM shows one group: the one at its limit. */
static struct oc_error *memcg(const struct oc_oom_event *ev,
			      struct oc_html_event *e)
{
	const struct oc_oom_memcg_counter *c = &ev->memcg.memory;
	struct oc_html_memcg *h;

	if (!ev->memcg_oom || !oc_oom_has(c->usage_kb))
		return NULL;
	snprintf(e->memcg_note, sizeof(e->memcg_note),
		 "The memcg OOM report shows the group at its limit only.");
	h = oc_html_memcg_vec_push(&e->memcgs);
	if (!h)
		return &oc_enomem;
	h->path = ev->memcg.path[0] ? ev->memcg.path : "?";
	h->usage = c->usage_kb / e->page_kb;
	h->limit = oc_oom_has(c->limit_kb) && c->limit_kb < (1LL << 50) ?
			   c->limit_kb / e->page_kb :
			   -1;
	h->oom = true;
	return NULL;
}

static void heading(const struct oc_oom_event *ev, size_t idx,
		    struct oc_html_event *e)
{
	size_t n;

	n = snprintf(e->heading, sizeof(e->heading), "Event %zu", idx + 1);
	if (oc_oom_has(ev->first_ts_ns) && n < sizeof(e->heading))
		n += snprintf(e->heading + n, sizeof(e->heading) - n,
			      " [%" PRId64 ".%06" PRId64 "]",
			      ev->first_ts_ns / 1000000000,
			      ev->first_ts_ns % 1000000000 / 1000);
	if (ev->trigger.comm[0] && n < sizeof(e->heading))
		n += snprintf(e->heading + n, sizeof(e->heading) - n,
			      ": %.64s", ev->trigger.comm);
	if (oc_oom_has(ev->trigger.pid) && n < sizeof(e->heading))
		snprintf(e->heading + n, sizeof(e->heading) - n,
			 " (pid %" PRId64 ")", ev->trigger.pid);
}

static struct oc_error *event(const struct oc_oom_event *ev, size_t idx,
			      const struct oc_oom_analysis *a,
			      struct oc_html_page *p)
{
	struct oc_html_event *e = oc_html_event_vec_push(&p->events);
	const struct oc_oom_finding *f;
	struct oc_error *err;

	if (!e)
		return &oc_enomem;
	e->page_kb = a->page_size >= 1024	? a->page_size / 1024 :
		     ev->page_size >= 1024 ? ev->page_size / 1024 :
					     4;
	heading(ev, idx, e);
	e->verdict = a->verdict;
	oc_vec_for_each(&a->findings, f) {
		struct oc_html_finding *h =
			oc_html_finding_vec_push(&e->findings);

		if (!h)
			return &oc_enomem;
		h->severity = severity_name(f->severity);
		h->text = f->text;
	}
	if (oc_oom_has(ev->victim.pid))
		snprintf(e->choice, sizeof(e->choice),
			 "The kernel killed pid %" PRId64 " (%s). %s",
			 ev->victim.pid, ev->victim.comm, a->match_text);
	else
		snprintf(e->choice, sizeof(e->choice), "%s", a->match_text);
	snprintf(e->choice_source, sizeof(e->choice_source),
		 "recomputed ranking: victim %s, score %s",
		 oc_oom_match_name(a->victim_match),
		 oc_oom_match_name(a->score_match));
	memory(ev, e);
	if ((err = tasks(ev, a, e)) || (err = zones(ev, e)) ||
	    (err = memcg(ev, e)))
		return err;
	return NULL;
}

struct oc_error *oc_html_log(FILE *out, const struct oc_oom_event_vec *events,
			     const struct oc_log_stats *st,
			     const struct oc_log_report_opts *opts)
{
	struct oc_oom_analysis *an;
	struct oc_error *err = NULL;
	struct oc_html_page p;
	size_t i, first = 0, last = events->len;

	if (opts->event > 0 && (size_t)opts->event <= events->len) {
		first = opts->event - 1;
		last = first + 1;
	}
	an = calloc(events->len ? events->len : 1, sizeof(*an));
	if (!an)
		return &oc_enomem;
	memset(&p, 0, sizeof(p));
	p.victim_pid = OC_OOM_NA;
	snprintf(p.title, sizeof(p.title), "OOM report: %.200s",
		 opts->input_name && strcmp(opts->input_name, "-") ?
			 opts->input_name :
			 "kernel log (standard input)");
	snprintf(p.facts[p.n_facts++], sizeof(p.facts[0]),
		 "%zu OOM event%s in %" PRId64 " lines%s%.96s", events->len,
		 events->len == 1 ? "" : "s", st ? st->lines : 0,
		 st && st->kernel_version[0] ? "; kernel " : "",
		 st ? st->kernel_version : "");
	if (last - first != events->len)
		snprintf(p.facts[p.n_facts++], sizeof(p.facts[0]),
			 "showing event %zu", first + 1);
	for (i = first; i < last && !err; i++) {
		err = oc_oom_analyze(&events->data[i], &an[i]);
		if (!err)
			err = event(&events->data[i], i, &an[i], &p);
	}
	if (!err)
		err = oc_html_write(out, &p);
	oc_html_page_release(&p);
	for (i = 0; i < events->len; i++)
		oc_oom_analysis_release(&an[i]);
	free(an);
	return err;
}

struct oc_error *oc_html_log_file(const char *path,
				  const struct oc_oom_event_vec *events,
				  const struct oc_log_stats *st,
				  const struct oc_log_report_opts *opts)
{
	struct oc_error *err;
	FILE *f;

	err = oc_html_open(path, &f);
	if (err)
		return err;
	return oc_html_close(path, f, oc_html_log(f, events, st, opts));
}

// SPDX-License-Identifier: GPL-2.0-or-later
/* The HTML page of a vmcore report, from struct oc_report (oomcore/html.h). */
#include <inttypes.h>
#include <string.h>

#include "oomcore/html.h"

static const char *severity_name(enum oc_oom_severity s)
{
	return s == OC_OOM_WARN ? "warn" : s == OC_OOM_NOTE ? "note" : "info";
}

static int64_t nz(int64_t v)
{
	return v > 0 ? v : 0;
}

/* Global counters as the kernel printed them (oc_zones' gnode/gzone). */
static void memory(const struct oc_report *r, struct oc_html_event *e)
{
	const struct oc_zones *z = &r->zones;
	const int64_t *g = z->gnode;
	int64_t sum = 0, reserved;
	int i;

	for (i = 0; i < OC_HTML_MEM_NR; i++)
		e->mem[i] = OC_OOM_NA;
	e->mem_total = OC_OOM_NA;
	if (r->zones_err) {
		snprintf(e->mem_source, sizeof(e->mem_source),
			 "zones not available: %.70s", r->zones_err->message);
		return;
	}
	e->mem[OC_HTML_MEM_ANON] = nz(nz(g[OC_NS_ACTIVE_ANON]) +
				      nz(g[OC_NS_INACTIVE_ANON]) -
				      nz(g[OC_NS_SHMEM]));
	e->mem[OC_HTML_MEM_PAGECACHE] =
		nz(g[OC_NS_ACTIVE_FILE]) + nz(g[OC_NS_INACTIVE_FILE]);
	e->mem[OC_HTML_MEM_SHMEM] = nz(g[OC_NS_SHMEM]);
	e->mem[OC_HTML_MEM_SLAB] = nz(g[OC_NS_SLAB_RECLAIMABLE]) +
				   nz(g[OC_NS_SLAB_UNRECLAIMABLE]);
	e->mem[OC_HTML_MEM_PAGETABLES] =
		nz(g[OC_NS_PAGETABLE]) + nz(g[OC_NS_SECONDARY_PAGETABLE]);
	reserved = nz(z->pages_reserved);
	e->mem[OC_HTML_MEM_KERNEL] =
		reserved + (z->page_kb ? nz(g[OC_NS_KERNEL_STACK_KB]) /
						 (int64_t)z->page_kb :
					 0);
	e->mem[OC_HTML_MEM_FREE] = nz(z->gzone[OC_ZS_FREE_PAGES]);
	for (i = 0; i < OC_HTML_MEM_UNACCOUNTED; i++)
		sum += e->mem[i];
	if (z->pages_ram > 0) {
		e->mem_total = z->pages_ram;
		e->mem[OC_HTML_MEM_UNACCOUNTED] = nz(z->pages_ram - sum);
	}
	snprintf(e->mem_source, sizeof(e->mem_source),
		 "From the dump's VM counters: anon = LRU anon - shmem, "
		 "kernel = stacks + reserved.");
}

static struct oc_error *tasks(const struct oc_report *r,
			      struct oc_html_event *e)
{
	const struct oc_tasks *ts = &r->tasks;

	e->totalpages = (int64_t)r->totalpages;
	if (r->tasks_err) {
		snprintf(e->tasks_note, sizeof(e->tasks_note),
			 "Tasks not available: %.200s", r->tasks_err->message);
		return NULL;
	}
	snprintf(e->tasks_note, sizeof(e->tasks_note),
		 "%zu processes; oom_badness() era %.80s, totalpages %" PRIu64
		 " (%.80s).",
		 ts->tasks.len, r->rules.name ? r->rules.name : "?",
		 r->totalpages, r->totalpages_source);
	for (size_t i = 0; i < ts->tasks.len && i < r->sel.scores.len; i++) {
		const struct oc_task *t = &ts->tasks.data[i];
		const struct oc_task_score *sc = &r->sel.scores.data[i];
		struct oc_html_task *h;

		if (t->kthread)
			continue;
		h = oc_html_task_vec_push(&e->tasks);
		if (!h)
			return &oc_enomem;
		h->pid = t->tgid;
		snprintf(h->comm, sizeof(h->comm), "%s",
			 t->mm ? t->mm_comm : t->comm);
		h->oom_score_adj = t->oom_score_adj;
		h->eligible = sc->skip == OC_SKIP_NONE;
		h->skip = h->eligible ? NULL : oc_skip_name(sc->skip);
		h->rss = sc->terms.rss_pages;
		h->swap = sc->terms.swap_pages;
		h->pgtables = sc->terms.pgtables_pages;
		h->root_bonus = sc->terms.root_bonus;
		h->adj = sc->terms.adj;
		h->points = sc->terms.points;
		h->score = sc->score;
		if ((int64_t)i == r->sel.victim)
			h->role = OC_HTML_ROLE_VICTIM;
		else if ((int64_t)i == r->sel.runner_up)
			h->role = OC_HTML_ROLE_RUNNER_UP;
	}
	return NULL;
}

static void choice(const struct oc_report *r, struct oc_html_event *e)
{
	const struct oc_task *v;
	const struct oc_task_score *vs;

	if (r->tasks_err)
		return;
	snprintf(e->choice_source, sizeof(e->choice_source),
		 "recomputed from the dump's processes");
	if (r->sel.victim < 0) {
		snprintf(e->choice, sizeof(e->choice),
			 "No process is eligible for the OOM killer.");
		return;
	}
	vs = &r->sel.scores.data[r->sel.victim];
	v = &r->tasks.tasks.data[vs->task];
	snprintf(e->choice, sizeof(e->choice),
		 "The OOM killer picks pid %d (%s): %" PRId64
		 " points, score %" PRId64 "/1000 of %" PRIu64 " pages.%s",
		 v->tgid, v->mm_comm, vs->terms.points, vs->score,
		 r->totalpages,
		 r->sel.aborted ? " (Now it would kill nothing: an OOM "
				  "victim is still exiting.)" :
				  "");
}

static struct oc_error *zones(const struct oc_report *r,
			      struct oc_html_event *e)
{
	const struct oc_zone *z;

	if (r->zones_err) {
		snprintf(e->zones_note, sizeof(e->zones_note),
			 "Zones not available: %.200s", r->zones_err->message);
		return NULL;
	}
	oc_vec_for_each(&r->zones.zones, z) {
		struct oc_html_zone *h = oc_html_zone_vec_push(&e->zones);

		if (!h)
			return &oc_enomem;
		h->node = z->node;
		snprintf(h->name, sizeof(h->name), "%s", z->name);
		h->free = z->stat[OC_ZS_FREE_PAGES];
		h->min = z->wmark[OC_WMARK_MIN];
		h->low = z->wmark[OC_WMARK_LOW];
		h->high = z->wmark[OC_WMARK_HIGH];
		if (h->free < 0)
			h->free = OC_OOM_NA;
	}
	return NULL;
}

static struct oc_error *memcgs(const struct oc_report *r,
			       struct oc_html_event *e)
{
	const struct oc_memcgs *m = &r->memcgs;

	if (r->memcg_err) {
		snprintf(e->memcg_note, sizeof(e->memcg_note),
			 "Memory cgroups not available: %.200s",
			 r->memcg_err->message);
		return NULL;
	}
	snprintf(e->memcg_note, sizeof(e->memcg_note),
		 "cgroup %s, %zu groups%s%.180s", m->v2 ? "v2" : "v1",
		 m->groups.len, m->partial ? "; walk incomplete: " : "",
		 m->partial ? m->partial->message : "");
	for (size_t i = 0; i < m->groups.len; i++) {
		const struct oc_memcg *g = &m->groups.data[i];
		struct oc_html_memcg *h = oc_html_memcg_vec_push(&e->memcgs);

		if (!h)
			return &oc_enomem;
		h->path = g->path ? g->path : "?";
		h->depth = g->depth;
		h->usage = g->memory.usage;
		h->limit = g->memory.max < 0 ||
					   oc_memcg_is_unlimited(m, g->memory.max) ?
				   -1 :
				   g->memory.max;
		h->oom = (int)i == r->oom_memcg;
	}
	return NULL;
}

static struct oc_error *build(const struct oc_report *r,
			      struct oc_html_page *p)
{
	const struct oc_kernel *k = &r->kernel;
	struct oc_html_event *e;
	struct oc_error *err;
	size_t n;

	snprintf(p->title, sizeof(p->title), "OOM report: %.200s",
		 r->dump_path ? r->dump_path : "vmcore");
	snprintf(p->facts[p->n_facts++], sizeof(p->facts[0]),
		 "kernel %.100s %.20s%s%.100s", r->t->osrelease, r->t->arch,
		 r->vmlinux_path ? ", vmlinux " : "",
		 r->vmlinux_path ? r->vmlinux_path : "");
	if (!r->kernel_err) {
		snprintf(p->facts[p->n_facts++], sizeof(p->facts[0]),
			 "RAM %" PRId64 " pages of %u KiB, swap %" PRId64
			 " pages (%" PRId64 " free), %u CPUs, "
			 "panic_on_oom=%d",
			 k->totalram_pages, k->page_size / 1024,
			 k->swap ? k->total_swap_pages : 0,
			 k->swap ? k->nr_swap_pages : 0, k->nr_cpus,
			 k->panic_on_oom);
	}
	snprintf(p->facts[p->n_facts++], sizeof(p->facts[0]),
		 "OOM reports in the dump's kernel log: %zu", r->events.len);

	e = oc_html_event_vec_push(&p->events);
	if (!e)
		return &oc_enomem;
	e->page_kb = k->page_size >= 1024 ? k->page_size / 1024 : 4;
	if (r->analyses) {
		const struct oc_oom_analysis *a =
			&r->analyses[r->events.len - 1];
		const struct oc_oom_finding *f;

		snprintf(e->heading, sizeof(e->heading), "Verdict");
		e->verdict = a->verdict;
		oc_vec_for_each(&a->findings, f) {
			struct oc_html_finding *h =
				oc_html_finding_vec_push(&e->findings);

			if (!h)
				return &oc_enomem;
			h->severity = severity_name(f->severity);
			h->text = f->text;
		}
	} else {
		snprintf(e->heading, sizeof(e->heading),
			 "No OOM report in the kernel log");
	}
	choice(r, e);
	memory(r, e);
	if ((err = tasks(r, e)) || (err = zones(r, e)) ||
	    (err = memcgs(r, e)))
		return err;

	p->victim_pid = OC_OOM_NA;
	if (r->sel.victim >= 0 && !r->tasks_err)
		p->victim_pid = r->tasks.tasks
					.data[r->sel.scores.data[r->sel.victim]
						      .task]
					.tgid;
	if (oc_report_partial(r)) {
		const struct oc_error *errs[] = {
			r->kernel_err,	r->log_err,    r->tasks_err,
			r->tasks.partial, r->memcg_err, r->memcgs.partial,
			r->zones_err,	r->oomctl_err,
		};

		n = 0;
		for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
			if (!errs[i] || n + 4 >= sizeof(p->partial))
				continue;
			n += snprintf(p->partial + n, sizeof(p->partial) - n,
				      "%s%s", n ? "; " : "", errs[i]->message);
		}
	}
	return NULL;
}

struct oc_error *oc_html_report(FILE *out, const struct oc_report *r)
{
	struct oc_html_page p;
	struct oc_error *err;

	memset(&p, 0, sizeof(p));
	err = build(r, &p);
	if (!err)
		err = oc_html_write(out, &p);
	oc_html_page_release(&p);
	return err;
}

struct oc_error *oc_html_report_file(const char *path,
				     const struct oc_report *r)
{
	struct oc_error *err;
	FILE *f;

	err = oc_html_open(path, &f);
	if (err)
		return err;
	return oc_html_close(path, f, oc_html_report(f, r));
}

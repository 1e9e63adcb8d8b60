// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The verdict on one OOM event: constraint, totalpages, the badness of
 * every task of the table recomputed with the era's formula
 * (oomcore/badness.h), the ranking, whether it reproduces the victim and
 * score the kernel printed (and why not), and the findings of
 * analysis_memory.c, summed up in one paragraph.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oom/analysis_internal.h"
#include "oomcore/badness.h"

#define UNLIMITED_KB (1LL << 43) /* 8 PiB: "no limit" */

bool oc_analysis_add(struct oc_oom_analysis *a, const char *id,
		     enum oc_oom_severity sev, const char *fmt, ...)
{
	struct oc_oom_finding *f = oc_oom_finding_vec_push(&a->findings);
	va_list ap;

	if (!f)
		return false;
	snprintf(f->id, sizeof(f->id), "%s", id);
	f->severity = sev;
	va_start(ap, fmt);
	vsnprintf(f->text, sizeof(f->text), fmt, ap);
	va_end(ap);
	return true;
}

const char *oc_fmt_kb(int64_t kb, char *buf, size_t size)
{
	double v = (double)kb;

	if (kb < 0)
		snprintf(buf, size, "%lld KiB", (long long)kb);
	else if (kb >= 1024LL * 1024 * 1024)
		snprintf(buf, size, "%.1f TiB", v / (1024.0 * 1024 * 1024));
	else if (kb >= 1024 * 1024)
		snprintf(buf, size, "%.1f GiB", v / (1024.0 * 1024));
	else if (kb >= 1024)
		snprintf(buf, size, "%.1f MiB", v / 1024.0);
	else
		snprintf(buf, size, "%lld KiB", (long long)kb);
	return buf;
}

static const struct oc_oom_finding *find(const struct oc_oom_analysis *a,
					 const char *id)
{
	const struct oc_oom_finding *f;

	oc_vec_for_each(&a->findings, f) {
		if (!strcmp(f->id, id))
			return f;
	}
	return NULL;
}

/* Era from the version, else from what the report looks like. */
static void choose_rules(const struct oc_oom_event *e,
			 struct oc_oom_analysis *a, struct oc_badness_rules *r)
{
	int maj, min;

	if (oc_badness_parse_version(e->kernel_version, &maj, &min)) {
		oc_badness_rules_for_version(maj, min, e->kernel_version, r);
		snprintf(a->era_evidence, sizeof(a->era_evidence),
			 "kernel release %s", e->kernel_version);
	} else if (oc_oom_event_has_col(e, OC_OOM_COL_RSS_ANON)) {
		oc_badness_rules_for_version(6, 8, NULL, r);
		snprintf(a->era_evidence, sizeof(a->era_evidence),
			 "task table with rss_anon/rss_file/rss_shmem (6.8+)");
	} else if (oc_oom_has(e->victim.pgtables_kb)) {
		oc_badness_rules_for_version(5, 9, NULL, r);
		snprintf(a->era_evidence, sizeof(a->era_evidence),
			 "kill line with UID and pgtables (5.4+)");
	} else if (e->summary.present) {
		oc_badness_rules_for_version(5, 0, NULL, r);
		snprintf(a->era_evidence, sizeof(a->era_evidence),
			 "oom-kill: summary line (5.0+)");
	} else if (e->tasks_state_line) {
		oc_badness_rules_for_version(4, 19, NULL, r);
		snprintf(a->era_evidence, sizeof(a->era_evidence),
			 "\"Tasks state\" line (4.19+)");
	} else if (oc_oom_event_has_col(e, OC_OOM_COL_PGTABLES_BYTES)) {
		oc_badness_rules_for_version(4, 15, NULL, r);
		snprintf(a->era_evidence, sizeof(a->era_evidence),
			 "pgtables_bytes column (4.15-4.18)");
	} else if (oc_oom_event_has_col(e, OC_OOM_COL_NR_PMDS)) {
		oc_badness_rules_for_version(4, 4, NULL, r);
		snprintf(a->era_evidence, sizeof(a->era_evidence),
			 "nr_pmds column (4.0-4.14)");
	} else if (oc_oom_event_has_col(e, OC_OOM_COL_NR_PTES)) {
		oc_badness_rules_for_version(3, 10, NULL, r);
		snprintf(a->era_evidence, sizeof(a->era_evidence),
			 "nr_ptes column without nr_pmds (3.x)");
	} else if (oc_oom_event_has_col(e, OC_OOM_COL_OOM_ADJ) ||
		   oc_oom_has(e->trigger.oom_adj)) {
		oc_badness_rules_for_version(
			2, 6,
			oc_oom_has(e->trigger.oom_score_adj) ? "2.6.36" :
							       "2.6.32",
			r);
		snprintf(a->era_evidence, sizeof(a->era_evidence),
			 "oom_adj in the header or table (2.6.x-3.x)");
	} else {
		oc_badness_rules_for_version(5, 9, NULL, r);
		snprintf(
			a->era_evidence, sizeof(a->era_evidence),
			"nothing era-specific printed: assuming current rules");
	}
	snprintf(a->era, sizeof(a->era), "%s", r->name);
}

static void page_size(const struct oc_oom_event *e, struct oc_oom_analysis *a)
{
	const struct oc_oom_task *t;

	a->page_size = 4096;
	if (e->page_size == 4096 || e->page_size == 8192 ||
	    e->page_size == 16384 || e->page_size == 65536 ||
	    e->page_size == 262144) {
		a->page_size = e->page_size;
		return;
	}
	/* total-vm:kB of the kill line against total_vm pages of its row */
	oc_vec_for_each(&e->tasks, t) {
		if (t->pid == e->victim.pid && oc_oom_has(t->total_vm) &&
		    t->total_vm > 0 && oc_oom_has(e->victim.total_vm_kb)) {
			int64_t ps = e->victim.total_vm_kb * 1024 / t->total_vm;

			if (ps == 4096 || ps == 16384 || ps == 65536 ||
			    ps == 8192)
				a->page_size = ps;
			return;
		}
	}
}

static void totalpages(const struct oc_oom_event *e, struct oc_oom_analysis *a,
		       enum oc_oom_constraint c)
{
	const struct oc_oom_memcg *m = &e->memcg;
	int64_t pk = oc_analysis_page_kb(a);
	int64_t ram = oc_oom_kv_get(&e->totals, "ram");
	int64_t res = oc_oom_kv_get(&e->totals, "reserved");
	int64_t swap_kb = oc_oom_kv_get(&e->totals, "total_swap");
	const struct oc_oom_zone *z;

	a->totalpages = OC_OOM_NA;
	if (e->memory.known && oc_oom_has(e->memory.totalpages)) {
		a->totalpages = e->memory.totalpages;
		a->totalpages_exact = true;
		snprintf(a->totalpages_source, sizeof(a->totalpages_source),
			 "%s", e->memory.source);
		return;
	}
	if (c == OC_OOM_CONSTRAINT_MEMCG) {
		int64_t mem = m->memory.limit_kb;

		if (!oc_oom_has(mem))
			return;
		if (oc_oom_has(m->memsw.limit_kb) &&
		    m->memsw.limit_kb < UNLIMITED_KB) {
			int64_t tp = m->memsw.limit_kb;

			if (oc_oom_has(swap_kb) && mem + swap_kb < tp)
				tp = mem + swap_kb;
			a->totalpages = tp / pk;
			a->totalpages_exact =
				oc_oom_has(swap_kb) || m->memsw.limit_kb == mem;
			snprintf(
				a->totalpages_source,
				sizeof(a->totalpages_source),
				"memcg memory+swap limit %lld kB%s",
				(long long)tp,
				a->totalpages_exact ?
					"" :
					" (assumes swap >= memsw - memory limit)");
			return;
		}
		if (oc_oom_has(m->swap.limit_kb)) {
			int64_t sw = m->swap.limit_kb;

			if (oc_oom_has(swap_kb) && swap_kb < sw)
				sw = swap_kb;
			if (sw >= UNLIMITED_KB)
				sw = 0;
			a->totalpages = (mem + sw) / pk;
			a->totalpages_exact =
				m->swap.limit_kb == 0 || oc_oom_has(swap_kb);
			snprintf(a->totalpages_source,
				 sizeof(a->totalpages_source),
				 "memory.max %lld kB + swap %lld kB%s",
				 (long long)mem, (long long)sw,
				 a->totalpages_exact ?
					 "" :
					 " (system swap size not printed)");
			return;
		}
		a->totalpages =
			(mem + (oc_oom_has(swap_kb) ? swap_kb : 0)) / pk;
		a->totalpages_exact = oc_oom_has(swap_kb);
		snprintf(a->totalpages_source, sizeof(a->totalpages_source),
			 "memcg limit %lld kB%s", (long long)mem,
			 oc_oom_has(swap_kb) ?
				 " + swap" :
				 " (swap not printed: a lower bound)");
		return;
	}
	if (c == OC_OOM_CONSTRAINT_CPUSET ||
	    c == OC_OOM_CONSTRAINT_MEMORY_POLICY) {
		/* constrained_alloc(): swap + the allowed nodes' present pages */
		int64_t present = 0;
		uint64_t nodes = ~0ULL;
		bool known = oc_analysis_nodelist(
			c == OC_OOM_CONSTRAINT_CPUSET ? e->trigger.mems_allowed :
							e->trigger.nodemask,
			&nodes);

		oc_vec_for_each(&e->zones, z) {
			int64_t p = oc_oom_kv_get(&z->fields, "present");

			if (known && oc_oom_has(z->node) &&
			    (z->node < 0 || z->node >= 64 ||
			     !(nodes & (1ULL << z->node))))
				continue;
			if (oc_oom_has(p))
				present = oc_oom_sat_add(present, p);
		}
		if (present) {
			a->totalpages = (present +
					 (oc_oom_has(swap_kb) ? swap_kb : 0)) /
					pk;
			a->totalpages_exact = false;
			snprintf(
				a->totalpages_source,
				sizeof(a->totalpages_source),
				known ? "present pages of the allowed nodes' printed zones + swap" :
					"present pages of the printed zones + swap (allowed nodes not printed)");
			return;
		}
	}
	if (oc_oom_has(ram)) {
		a->totalpages = ram - (oc_oom_has(res) ? res : 0) +
				(oc_oom_has(swap_kb) ? swap_kb / pk : 0);
		a->totalpages_exact = oc_oom_has(res) && oc_oom_has(swap_kb);
		snprintf(a->totalpages_source, sizeof(a->totalpages_source),
			 "pages RAM %lld - reserved %lld + swap %lld pages",
			 (long long)ram, (long long)(oc_oom_has(res) ? res : 0),
			 (long long)(oc_oom_has(swap_kb) ? swap_kb / pk : 0));
		return;
	}
	{
		int64_t managed = 0;

		oc_vec_for_each(&e->zones, z) {
			int64_t v = oc_oom_kv_get(&z->fields, "managed");

			if (!oc_oom_has(v))
				v = oc_oom_kv_get(&z->fields, "present");
			if (oc_oom_has(v))
				managed = oc_oom_sat_add(managed, v);
		}
		if (managed) {
			a->totalpages = (managed +
					 (oc_oom_has(swap_kb) ? swap_kb : 0)) /
					pk;
			snprintf(
				a->totalpages_source,
				sizeof(a->totalpages_source),
				"managed pages of the printed zones + swap (approximate)");
		}
	}
}

/* oom_score_adj of a row; 2.6.x tables only have oom_adj. */
static int64_t row_adj(const struct oc_oom_task *t)
{
	int64_t adj = 0;

	if (oc_oom_has(t->oom_score_adj))
		adj = t->oom_score_adj;
	else if (oc_oom_has(t->oom_adj))
		adj = t->oom_adj == -17 ? -1000 : t->oom_adj * 1000 / 17;
	/* OOM_SCORE_ADJ_MIN..OOM_SCORE_ADJ_MAX */
	return adj < -1000 ? -1000 : adj > 1000 ? 1000 : adj;
}

static int64_t row_rss(const struct oc_oom_task *t)
{
	if (oc_oom_has(t->rss))
		return t->rss;
	if (oc_oom_has(t->rss_anon) || oc_oom_has(t->rss_file))
		return (oc_oom_has(t->rss_anon) ? t->rss_anon : 0) +
		       (oc_oom_has(t->rss_file) ? t->rss_file : 0) +
		       (oc_oom_has(t->rss_shmem) ? t->rss_shmem : 0);
	return 0;
}

enum cap_model {
	CAP_UID0, /* uid 0 has CAP_SYS_ADMIN */
	CAP_NONE, /* nobody has it (containers) */
};

struct variant {
	struct oc_badness_rules r;
	enum cap_model cap;
};

static void task_input(const struct oc_oom_task *t, enum cap_model cap,
		       struct oc_badness_task *in)
{
	memset(in, 0, sizeof(*in));
	in->rss_pages = row_rss(t);
	in->swapents = oc_oom_has(t->swapents) ? t->swapents : 0;
	in->nr_ptes = oc_oom_has(t->nr_ptes) ? t->nr_ptes : 0;
	in->nr_pmds = oc_oom_has(t->nr_pmds) ? t->nr_pmds : 0;
	in->pgtables_bytes =
		oc_oom_has(t->pgtables_bytes) ? t->pgtables_bytes : 0;
	in->oom_score_adj = row_adj(t);
	in->cap_sys_admin = cap == CAP_UID0 && t->uid == 0;
	in->eligible = true;
}

/* Scores every row with @v; returns the index of the kernel's choice. */
static int64_t rank(const struct oc_oom_event *e, const struct variant *v,
		    uint64_t tp, uint64_t ps, struct oc_oom_rank_vec *out)
{
	int64_t chosen = -1, best = 0;
	bool best_leader = false;
	size_t i;

	out->len = 0;
	for (i = 0; i < e->tasks.len; i++) {
		const struct oc_oom_task *t = &e->tasks.data[i];
		struct oc_badness_task in;
		struct oc_badness_terms tm;
		struct oc_oom_rank *rk = oc_oom_rank_vec_push(out);
		bool leader = !oc_oom_has(t->tgid) || t->tgid == t->pid;

		if (!rk)
			return -1;
		task_input(t, v->cap, &in);
		rk->task = i;
		rk->points = oc_oom_badness(&v->r, &in, tp, ps, &tm);
		rk->eligible = tm.eligible;
		rk->rss_pages = tm.rss_pages;
		rk->swap_pages = tm.swap_pages;
		rk->pgtables_pages = tm.pgtables_pages;
		rk->root_bonus_pages = tm.root_bonus;
		rk->adj_pages = tm.adj;
		rk->score = tp > 1 ? oc_badness_score(&v->r, rk->points, tp) :
				     OC_OOM_NA;
		if (oc_badness_replaces(&v->r, rk->points, leader, chosen >= 0,
					best, best_leader)) {
			chosen = (int64_t)i;
			best = rk->points;
			best_leader = leader;
		}
	}
	return chosen;
}

static int64_t task_index(const struct oc_oom_event *e, int64_t pid)
{
	size_t i;

	if (!oc_oom_has(pid))
		return -1;
	for (i = 0; i < e->tasks.len; i++) {
		if (e->tasks.data[i].pid == pid)
			return (int64_t)i;
	}
	for (i = 0; i < e->tasks.len; i++) {
		if (e->tasks.data[i].tgid == pid)
			return (int64_t)i;
	}
	return -1;
}

/* Smallest raw (rss+swap+pgtables) whose score reaches @score. */
static int64_t raw_for_score(const struct oc_badness_rules *r, int64_t score,
			     int64_t adj, bool cap, uint64_t tp, uint64_t ps)
{
	int64_t lo = 0, hi = (int64_t)tp * 4 + 1000;
	struct oc_badness_task in;

	memset(&in, 0, sizeof(in));
	in.oom_score_adj = adj;
	in.cap_sys_admin = cap;
	in.eligible = true;
	while (lo < hi) {
		int64_t mid = lo + (hi - lo) / 2;

		in.rss_pages = mid;
		if (oc_badness_score(r, oc_oom_badness(r, &in, tp, ps, NULL),
				     tp) >= score)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* The score of row @t with @v against totalpages @tp. */
static int64_t score_at(const struct variant *v, const struct oc_oom_task *t,
			uint64_t tp, uint64_t ps)
{
	struct oc_badness_task in;

	task_input(t, v->cap, &in);
	return oc_badness_score(&v->r, oc_oom_badness(&v->r, &in, tp, ps, NULL),
				tp);
}

#define IMPLIED_TP_MAX (1LL << 40)

/*
 * Solves for totalpages: the interval where row @target scores @score
 * (the score falls as totalpages grows), and whether that row then
 * ranks first at both ends. Leaves the interval NA when none fits.
 */
static void implied_totalpages(const struct oc_oom_event *e,
			       const struct variant *v, int64_t target,
			       int64_t score, uint64_t ps,
			       struct oc_oom_analysis *a)
{
	const struct oc_oom_task *t = &e->tasks.data[target];
	struct oc_oom_rank_vec tmp = { 0 };
	int64_t lo = 1, hi = IMPLIED_TP_MAX, x, y;

	while (lo < hi) { /* the first totalpages scoring <= score */
		int64_t mid = lo + (hi - lo) / 2;

		if (score_at(v, t, (uint64_t)mid, ps) <= score)
			hi = mid;
		else
			lo = mid + 1;
	}
	x = lo;
	lo = 1;
	hi = IMPLIED_TP_MAX;
	while (lo < hi) { /* the last totalpages scoring >= score */
		int64_t mid = lo + (hi - lo + 1) / 2;

		if (score_at(v, t, (uint64_t)mid, ps) >= score)
			lo = mid;
		else
			hi = mid - 1;
	}
	y = lo;
	if (x > y || score_at(v, t, (uint64_t)x, ps) != score ||
	    score_at(v, t, (uint64_t)y, ps) != score)
		return;
	a->implied_totalpages_lo = x;
	a->implied_totalpages_hi = y;
	a->implied_totalpages_consistent =
		rank(e, v, (uint64_t)x, ps, &tmp) == target &&
		rank(e, v, (uint64_t)y, ps, &tmp) == target;
	oc_oom_rank_vec_free(&tmp);
}

/*
 * " The printed score 750 needs totalpages 38440-38491: ..." with what
 * that implies of the swap the log does not print.
 */
static void implied_text(const struct oc_oom_event *e,
			 const struct oc_oom_analysis *a, char *buf,
			 size_t size)
{
	int64_t pk = oc_analysis_page_kb(a), lo = a->implied_totalpages_lo;
	int64_t hi = a->implied_totalpages_hi, base = OC_OOM_NA;
	int64_t ram = oc_oom_kv_get(&e->totals, "ram");
	int64_t res = oc_oom_kv_get(&e->totals, "reserved");
	const char *what = NULL;
	size_t l;

	snprintf(buf, size,
		 " The printed score %lld needs totalpages %lld-%lld, not %lld%s.",
		 (long long)e->victim.score, (long long)lo, (long long)hi,
		 (long long)a->totalpages,
		 a->implied_totalpages_consistent ?
			 "; with it every other row still ranks below the victim" :
			 "; with it the victim no longer ranks first, so more than totalpages differs");
	if (a->constraint == OC_OOM_CONSTRAINT_MEMCG &&
	    oc_oom_has(e->memcg.memory.limit_kb)) {
		base = e->memcg.memory.limit_kb / pk;
		what = "the memcg limit";
	} else if (oc_oom_has(ram)) {
		base = ram - (oc_oom_has(res) ? res : 0);
		what = "RAM less reserved pages";
	}
	if (!what || hi < base)
		return;
	l = strlen(buf);
	if (lo < base)
		lo = base;
	snprintf(buf + l, size - l,
		 " Over %s (%lld pages) that is %lld-%lld kB of swap the log does not print.",
		 what, (long long)base, (long long)((lo - base) * pk),
		 (long long)((hi - base) * pk));
}

static int cmp_rank(const void *x, const void *y)
{
	const struct oc_oom_rank *a = x, *b = y;

	if (a->eligible != b->eligible)
		return a->eligible ? -1 : 1;
	if (a->points != b->points)
		return a->points > b->points ? -1 : 1;
	return (a->task > b->task) - (a->task < b->task);
}

static const char *row_name(const struct oc_oom_event *e, size_t i)
{
	return e->tasks.data[i].name[0] ? e->tasks.data[i].name : "?";
}

static void describe_terms(const struct oc_oom_rank *rk, char *buf, size_t size)
{
	size_t l;

	snprintf(buf, size,
		 "%lld points = rss %lld + swap %lld + page tables %lld",
		 (long long)rk->points, (long long)rk->rss_pages,
		 (long long)rk->swap_pages, (long long)rk->pgtables_pages);
	l = strlen(buf);
	if (rk->root_bonus_pages && l < size)
		snprintf(buf + l, size - l, " - root bonus %lld",
			 (long long)-rk->root_bonus_pages);
	l = strlen(buf);
	if (rk->adj_pages && l < size)
		snprintf(buf + l, size - l, " %s oom_score_adj term %lld",
			 rk->adj_pages < 0 ? "-" : "+",
			 (long long)(rk->adj_pages < 0 ? -rk->adj_pages :
							 rk->adj_pages));
}

static void scoring(const struct oc_oom_event *e, struct oc_oom_analysis *a,
		    const struct oc_badness_rules *base)
{
	struct variant vars[4];
	int nv = 0, i, used = 0;
	int64_t target_pid, target, chosen = -1;
	bool tie = false, tp_unknown = false;
	bool missing_swap = !oc_oom_event_has_col(e, OC_OOM_COL_SWAPENTS);
	bool missing_pgt = base->pgtables != OC_PGTABLES_NONE &&
			   !oc_oom_event_has_col(e, OC_OOM_COL_NR_PTES) &&
			   !oc_oom_event_has_col(e, OC_OOM_COL_PGTABLES_BYTES);
	uint64_t tp = oc_oom_has(a->totalpages) && a->totalpages > 0 ?
			      (uint64_t)a->totalpages :
			      1;
	uint64_t ps = (uint64_t)a->page_size;
	char terms[200];
	size_t k;

	a->top = a->runner_up = -1;
	target_pid = oc_oom_has(e->victim.selected_pid) ?
			     e->victim.selected_pid :
		     oc_oom_has(e->victim.pid) ? e->victim.pid :
						 e->summary.pid;
	vars[nv].r = *base;
	vars[nv++].cap = CAP_UID0;
	vars[nv].r = *base;
	vars[nv++].cap = CAP_NONE;
	if (base->root_bonus != OC_ROOT_BONUS_NONE &&
	    base->scale == OC_BADNESS_PAGES) {
		vars[nv].r = *base;
		vars[nv].r.root_bonus = base->root_bonus == OC_ROOT_BONUS_PCT3 ?
						OC_ROOT_BONUS_ADJ30 :
						OC_ROOT_BONUS_PCT3;
		vars[nv++].cap = CAP_UID0;
	}

	if (base->scale == OC_BADNESS_TOTAL_VM) {
		a->victim_match = a->score_match = OC_OOM_MATCH_CANNOT;
		snprintf(
			a->match_text, sizeof(a->match_text),
			"This kernel's badness() weighs total_vm, children, CPU time, run time, nice and capabilities, which the log does not show; the ranking cannot be rebuilt.");
		return;
	}
	if (!e->tasks.len) {
		a->victim_match = a->score_match = OC_OOM_MATCH_CANNOT;
		if (oc_oom_has(e->victim.score) && oc_oom_has(a->totalpages)) {
			int64_t lo = raw_for_score(base, e->victim.score, 0,
						   false, tp, ps);
			int64_t hi = raw_for_score(base, e->victim.score + 1, 0,
						   false, tp, ps) -
				     1;
			char s1[32], s2[32];

			a->implied_missing_pages = lo;
			snprintf(
				a->match_text, sizeof(a->match_text),
				"No task table (vm.oom_dump_tasks=0 or lost): the ranking cannot be rebuilt. Score %lld of totalpages %lld means the victim held %lld-%lld pages (%s-%s) of rss + swap + page tables (oom_score_adj 0, no root bonus).",
				(long long)e->victim.score,
				(long long)a->totalpages, (long long)lo,
				(long long)hi,
				oc_fmt_kb(lo * (int64_t)(ps / 1024), s1,
					  sizeof(s1)),
				oc_fmt_kb(hi * (int64_t)(ps / 1024), s2,
					  sizeof(s2)));
		} else {
			snprintf(
				a->match_text, sizeof(a->match_text),
				"No task table in the log: the ranking cannot be rebuilt.");
		}
		return;
	}
	if (!oc_oom_has(a->totalpages))
		tp_unknown = true;
	target = task_index(e, target_pid);

	/* The first variant that reproduces what was printed wins. */
	for (i = 0; i < nv; i++) {
		int64_t c = rank(e, &vars[i], tp, ps, &a->ranks);
		bool vm, sm;

		if (c < 0)
			continue;
		vm = target < 0 || c == target;
		sm = !oc_oom_has(e->victim.score) ||
		     a->ranks.data[c].score == e->victim.score;
		if (i == 0)
			chosen = c;
		if (vm && sm && !missing_swap && !missing_pgt) {
			used = i;
			chosen = c;
			break;
		}
	}
	if (i == nv)
		used = 0;
	chosen = rank(e, &vars[used], tp, ps, &a->ranks);
	if (chosen < 0)
		return;

	/* sort best first, remember where the choice and victim went */
	qsort(a->ranks.data, a->ranks.len, sizeof(a->ranks.data[0]), cmp_rank);
	for (k = 0; k < a->ranks.len; k++) {
		if ((int64_t)a->ranks.data[k].task == chosen)
			a->top = (int64_t)k;
	}
	for (k = 0; k < a->ranks.len; k++) {
		if ((int64_t)k != a->top && a->ranks.data[k].eligible) {
			a->runner_up = (int64_t)k;
			break;
		}
	}
	if (a->top < 0)
		return;
	describe_terms(&a->ranks.data[a->top], terms, sizeof(terms));

	if (missing_swap || missing_pgt) {
		const struct oc_oom_rank *vr = NULL;
		int64_t vi = target;

		a->victim_match = OC_OOM_MATCH_CANNOT;
		a->score_match = OC_OOM_MATCH_CANNOT;
		for (k = 0; vi >= 0 && k < a->ranks.len; k++) {
			if ((int64_t)a->ranks.data[k].task == vi)
				vr = &a->ranks.data[k];
		}
		if (vr && oc_oom_has(e->victim.score) && !tp_unknown) {
			const struct oc_oom_task *t = &e->tasks.data[vi];
			bool cap = t->uid == 0;
			int64_t lo = raw_for_score(&vars[0].r, e->victim.score,
						   row_adj(t), cap, tp, ps);
			int64_t hi =
				raw_for_score(&vars[0].r, e->victim.score + 1,
					      row_adj(t), cap, tp, ps) -
				1;
			int64_t known = row_rss(t);
			char s1[32], s2[32];

			if (lo < known)
				lo = known;
			a->implied_missing_pages = lo - known;
			snprintf(
				a->match_text, sizeof(a->match_text),
				"The table has no %s column, so the score cannot be rebuilt: with rss %lld pages alone pid %lld would score %lld, not %lld. The printed score %lld implies %lld-%lld pages (%s-%s) of %s%s on top of its rss (totalpages %lld%s).",
				missing_swap ? "swapents" : "page-table",
				(long long)known, (long long)t->pid,
				(long long)vr->score,
				(long long)e->victim.score,
				(long long)e->victim.score,
				(long long)(lo - known),
				(long long)(hi > known ? hi - known : 0),
				oc_fmt_kb((lo - known) * (int64_t)(ps / 1024),
					  s1, sizeof(s1)),
				oc_fmt_kb((hi > known ? hi - known : 0) *
						  (int64_t)(ps / 1024),
					  s2, sizeof(s2)),
				missing_swap ? "swap" : "page tables",
				missing_swap && missing_pgt ?
					" and page tables" :
					"",
				(long long)a->totalpages,
				cap ? ", root bonus assumed for uid 0" : "");
		} else {
			snprintf(
				a->match_text, sizeof(a->match_text),
				"The table has no %s column: the ranking by the columns present puts pid %lld (%s) first, but the kernel also counted %s.",
				missing_swap ? "swapents" : "page-table",
				(long long)e->tasks.data[chosen].pid,
				row_name(e, (size_t)chosen),
				missing_swap ? "swap entries" : "page tables");
		}
		return;
	}

	if (e->allocating_task) {
		a->victim_match = a->score_match = OC_OOM_MATCH_UNKNOWN;
		snprintf(
			a->match_text, sizeof(a->match_text),
			"vm.oom_kill_allocating_task is set: the kernel killed the allocating task without scoring. A scan would have chosen pid %lld (%s) with %s.",
			(long long)e->tasks.data[chosen].pid,
			row_name(e, (size_t)chosen), terms);
		return;
	}
	if (target < 0) {
		a->victim_match = oc_oom_has(target_pid) ? OC_OOM_MATCH_NO :
							   OC_OOM_MATCH_UNKNOWN;
		a->score_match = OC_OOM_MATCH_UNKNOWN;
		if (oc_oom_has(target_pid))
			snprintf(
				a->match_text, sizeof(a->match_text),
				"The printed victim pid %lld is not in the task table (a thread pid, or the table is truncated); the ranking puts pid %lld (%s) first with %s.",
				(long long)target_pid,
				(long long)e->tasks.data[chosen].pid,
				row_name(e, (size_t)chosen), terms);
		else
			snprintf(
				a->match_text, sizeof(a->match_text),
				"No victim was printed; the ranking puts pid %lld (%s) first with %s.",
				(long long)e->tasks.data[chosen].pid,
				row_name(e, (size_t)chosen), terms);
		if (oc_oom_has(target_pid) && oc_oom_has(e->victim.score)) {
			size_t l = strlen(a->match_text);
			int64_t lo = raw_for_score(base, e->victim.score, 0,
						   false, tp, ps);
			int64_t hi = raw_for_score(base, e->victim.score + 1, 0,
						   false, tp, ps) -
				     1;

			a->victim_match = OC_OOM_MATCH_CANNOT;
			a->score_match = OC_OOM_MATCH_CANNOT;
			snprintf(
				a->match_text + l, sizeof(a->match_text) - l,
				" Its printed score %lld means %lld-%lld pages of rss + swap + page tables (oom_score_adj 0, no root bonus).",
				(long long)e->victim.score, (long long)lo,
				(long long)hi);
		}
		return;
	}
	/*
	 * A tie: the kernel's scan order (for_each_process, or the cgroup's
	 * task list for a memcg OOM) decides, and dump_tasks() may print in
	 * another order. The printed victim is as good a choice.
	 */
	if (chosen != target) {
		size_t k2;
		int64_t tpts = OC_OOM_NA;

		for (k2 = 0; k2 < a->ranks.len; k2++) {
			if ((int64_t)a->ranks.data[k2].task == target &&
			    a->ranks.data[k2].eligible)
				tpts = a->ranks.data[k2].points;
		}
		if (tpts == a->ranks.data[a->top].points) {
			for (k2 = 0; k2 < a->ranks.len; k2++) {
				if ((int64_t)a->ranks.data[k2].task == target)
					a->top = (int64_t)k2;
			}
			chosen = target;
			tie = true;
		}
	}
	a->victim_match = chosen == target ? OC_OOM_MATCH_YES : OC_OOM_MATCH_NO;
	if (oc_oom_has(e->victim.score))
		a->score_match =
			a->ranks.data[a->top].score == e->victim.score &&
					chosen == target ?
				OC_OOM_MATCH_YES :
				OC_OOM_MATCH_NO;
	else
		a->score_match = OC_OOM_MATCH_UNKNOWN;
	if (oc_oom_has(e->victim.score) &&
	    (a->score_match != OC_OOM_MATCH_YES || !a->totalpages_exact))
		implied_totalpages(e, &vars[used], target, e->victim.score, ps,
				   a);

	if (tp_unknown) {
		/* points without the adj term's totalpages are still ranked */
		a->score_match = OC_OOM_MATCH_CANNOT;
		snprintf(
			a->match_text, sizeof(a->match_text),
			"totalpages is unknown (no RAM/swap totals or memcg limit printed): scores cannot be normalized. By points, pid %lld (%s) ranks first with %s; the kernel %s pid %lld.",
			(long long)e->tasks.data[chosen].pid,
			row_name(e, (size_t)chosen), terms,
			a->victim_match == OC_OOM_MATCH_YES ? "also chose" :
							      "chose",
			(long long)target_pid);
		return;
	}
	if (a->victim_match == OC_OOM_MATCH_YES) {
		size_t l;

		snprintf(
			a->match_text, sizeof(a->match_text),
			"Recomputed with the %s formula, pid %lld (%s) ranks first: %s, of totalpages %lld = score %lld%s.",
			vars[used].r.name, (long long)e->tasks.data[chosen].pid,
			row_name(e, (size_t)chosen), terms,
			(long long)a->totalpages,
			(long long)a->ranks.data[a->top].score,
			a->score_match == OC_OOM_MATCH_YES ?
				", as printed" :
			a->score_match == OC_OOM_MATCH_NO ?
				"" :
				" (this kernel prints no score)");
		l = strlen(a->match_text);
		if (a->score_match == OC_OOM_MATCH_NO &&
		    oc_oom_has(a->implied_totalpages_lo))
			implied_text(e, a, a->match_text + l,
				     sizeof(a->match_text) - l);
		else if (a->score_match == OC_OOM_MATCH_NO)
			snprintf(
				a->match_text + l, sizeof(a->match_text) - l,
				" The printed score is %lld: totalpages was probably different (%s).",
				(long long)e->victim.score,
				a->totalpages_exact ?
					"swap or reserved pages changed" :
					a->totalpages_source);
		else if (used == 1 && e->tasks.data[chosen].uid == 0)
			snprintf(
				a->match_text + l, sizeof(a->match_text) - l,
				" It matches only without the 3%% root bonus: the task runs as uid 0 but without CAP_SYS_ADMIN (typical in a container).");
		else if (used == 2)
			snprintf(
				a->match_text + l, sizeof(a->match_text) - l,
				" It matches with the other form of the root bonus, so this (vendor) kernel carries a backport.");
		l = strlen(a->match_text);
		if (tie)
			snprintf(
				a->match_text + l, sizeof(a->match_text) - l,
				" It ties with other tasks; the kernel's scan order, not the printed table order, decided.");
		l = strlen(a->match_text);
		if (a->ranks.data[a->top].score == 0 &&
		    a->ranks.data[a->top].points > 0) {
			int64_t swap_kb =
				oc_oom_kv_get(&e->totals, "total_swap");

			snprintf(
				a->match_text + l, sizeof(a->match_text) - l,
				" The score is 0 because %lld points are less than 1/1000 of totalpages%s.",
				(long long)a->ranks.data[a->top].points,
				oc_oom_has(swap_kb) && swap_kb > 0 ?
					", which counts all of swap" :
					"");
		}
		if (!oc_oom_has(e->victim.score) &&
		    vars[used].r.signed_result) {
			l = strlen(a->match_text);
			snprintf(a->match_text + l, sizeof(a->match_text) - l,
				 " /proc/%lld/oom_score would have read %lld.",
				 (long long)e->tasks.data[chosen].pid,
				 (long long)oc_badness_proc_oom_score(
					 &vars[used].r,
					 a->ranks.data[a->top].points, tp));
		}
	} else {
		const struct oc_oom_rank *vr = NULL;

		for (k = 0; k < a->ranks.len; k++) {
			if ((int64_t)a->ranks.data[k].task == target)
				vr = &a->ranks.data[k];
		}
		snprintf(
			a->match_text, sizeof(a->match_text),
			"The recomputed ranking puts pid %lld (%s, %lld points) first, but the kernel chose pid %lld (%s, %lld points recomputed). Possible reasons: the top task was already an OOM victim being reaped (MMF_OOM_SKIP) or exiting, it was outside the cpuset/memcg, a tie-break, or the table changed between scan and print.",
			(long long)e->tasks.data[chosen].pid,
			row_name(e, (size_t)chosen),
			(long long)a->ranks.data[a->top].points,
			(long long)e->tasks.data[target].pid,
			row_name(e, (size_t)target),
			(long long)(vr ? vr->points : 0));
	}
}

static void notes(const struct oc_oom_event *e, struct oc_oom_analysis *a)
{
	const struct oc_oom_task *t;
	char s1[32], list[300] = "";
	size_t ll = 0;
	int n = 0;
	int64_t pk = oc_analysis_page_kb(a), prot_kb = 0;
	char missing[200] = "";

	/* protected tasks */
	oc_vec_for_each(&e->tasks, t) {
		int64_t adj = row_adj(t), kb = row_rss(t) * pk;

		if (adj > -500 || kb < 1024)
			continue;
		prot_kb = oc_oom_sat_add(prot_kb, kb);
		if (n < 4) {
			int k = snprintf(list + ll, sizeof(list) - ll,
					 "%s%s (pid %lld, adj %lld, %s)",
					 n ? ", " : "", t->name,
					 (long long)t->pid, (long long)adj,
					 oc_fmt_kb(kb, s1, sizeof(s1)));

			if (k > 0 && (size_t)k < sizeof(list) - ll)
				ll += (size_t)k;
		}
		n++;
	}
	if (n)
		oc_analysis_add(
			a, "protected_tasks", OC_OOM_NOTE,
			"%d task%s with oom_score_adj <= -500 hold%s %s of rss and %s spared or heavily discounted: %s%s.",
			n, n > 1 ? "s" : "", n > 1 ? "" : "s",
			oc_fmt_kb(prot_kb, s1, sizeof(s1)),
			n > 1 ? "are" : "is", list, n > 4 ? ", ..." : "");

	/* the victim's page tables against its rss */
	oc_vec_for_each(&e->tasks, t) {
		if (t->pid != e->victim.pid || !oc_oom_has(t->pgtables_bytes) ||
		    row_rss(t) <= 0)
			continue;
		if (t->pgtables_bytes / 1024 > row_rss(t) * pk / 2)
			oc_analysis_add(
				a, "victim_pagetables", OC_OOM_WARN,
				"The victim's page tables (%s) are %lld%% of its rss: it maps a huge, sparsely used address space (total_vm %lld pages).",
				oc_fmt_kb(t->pgtables_bytes / 1024, s1,
					  sizeof(s1)),
				(long long)(t->pgtables_bytes / 1024 * 100 /
					    (row_rss(t) * pk)),
				(long long)t->total_vm);
	}
	if (oc_oom_has(e->victim.selected_pid) && oc_oom_has(e->victim.pid) &&
	    e->victim.selected_pid != e->victim.pid)
		oc_analysis_add(
			a, "sacrificed_child", OC_OOM_NOTE,
			"The kernel selected pid %lld (%s) but killed pid %lld (%s): \"sacrifice child\" (<= 5.0) kills a child with its own mm instead of the parent.",
			(long long)e->victim.selected_pid,
			e->victim.selected_comm, (long long)e->victim.pid,
			e->victim.comm);
	if (e->victim.source == OC_OOM_VICTIM_SUMMARY ||
	    e->victim.source == OC_OOM_VICTIM_REAPER ||
	    e->victim.source == OC_OOM_VICTIM_SELECTION)
		oc_analysis_add(
			a, "victim_source", OC_OOM_NOTE,
			"No \"Killed process\" line for this event: the victim pid %lld (%s) is named by %s.",
			(long long)e->victim.pid,
			e->victim.comm[0] ? e->victim.comm : "?",
			e->victim.source == OC_OOM_VICTIM_SUMMARY ?
				"the oom-kill: summary line" :
			e->victim.source == OC_OOM_VICTIM_REAPER ?
				"an oom_reaper line" :
				"the selection line (\"Kill process\"; with sacrifice child the kernel may have killed a child instead)");
	if (e->partial)
		oc_analysis_add(
			a, "partial", OC_OOM_NOTE,
			"Only the lines printed after the report are in the log (kill, summary or reaper lines): the kernel rate-limits the report (oom_rs) in a burst of OOMs, or the log was cut or filtered.");
	if (a->constraint == OC_OOM_CONSTRAINT_MEMCG && e->trace_memcg_fn[0] &&
	    !(e->seen & OC_OOM_SEEN_MEMCG) && !e->summary.present)
		oc_analysis_add(
			a, "memcg_no_block", OC_OOM_WARN,
			"A memory cgroup OOM (%s in the call trace) whose report has no memcg block: the system-wide Mem-Info and task table it shows are not the cgroup's (with vm.panic_on_oom=2, check_panic_on_oom() panics after printing them), so free system memory says nothing about the cause and the cgroup's limit and usage are not in the log.",
			e->trace_memcg_fn);
	if (e->reaps.len) {
		const struct oc_oom_reap *r = &e->reaps.data[0];

		if (r->reaped)
			oc_analysis_add(
				a, "reaped", OC_OOM_INFO,
				"oom_reaper reaped pid %lld (%s): now anon-rss %lld kB, file-rss %lld kB, shmem-rss %lld kB.",
				(long long)r->pid, r->comm,
				(long long)r->anon_rss_kb,
				(long long)r->file_rss_kb,
				(long long)r->shmem_rss_kb);
		else
			oc_analysis_add(
				a, "reap_failed", OC_OOM_WARN,
				"oom_reaper was unable to reap pid %lld (%s): its memory is freed only when the task exits (often blocked on a lock or in uninterruptible sleep).",
				(long long)r->pid, r->comm);
	}
	if (e->no_killable)
		oc_analysis_add(
			a, "no_killable", OC_OOM_WARN,
			"No killable process was left (all protected by oom_score_adj -1000, kernel threads, or already dying).");
	if (e->panic[0])
		oc_analysis_add(
			a, "panic", OC_OOM_WARN,
			"The kernel panicked: \"%s\"%s.", e->panic,
			strstr(e->panic, "panic_on_oom") ?
				" (vm.panic_on_oom is set: nothing was killed)" :
				"");
	if (e->allocating_task)
		oc_analysis_add(
			a, "allocating_task", OC_OOM_NOTE,
			"vm.oom_kill_allocating_task is set: the allocating task was killed without scoring.");
	if (e->oom_group_path[0])
		oc_analysis_add(
			a, "oom_group", OC_OOM_NOTE,
			"memory.oom.group is set on %s: all %zu other tasks of the group were killed with the victim.",
			e->oom_group_path, e->extra_kills.len);
	if (e->victim.exiting)
		oc_analysis_add(
			a, "victim_exiting", OC_OOM_NOTE,
			"The chosen victim was already exiting; nothing new was killed.");
	if (e->dropped_markers)
		oc_analysis_add(
			a, "dropped", OC_OOM_NOTE,
			"%lld \"messages dropped\" markers inside the report: lines may be missing.",
			(long long)e->dropped_markers);
	if (e->items_not_kept)
		oc_analysis_add(
			a, "not_kept", OC_OOM_WARN,
			"%lld lines of this report (task rows, zones, ...) were over oomcore's memory caps and not kept: the input is abnormally large.",
			(long long)e->items_not_kept);
	if (e->bad_task_rows)
		oc_analysis_add(
			a, "cut_rows", OC_OOM_NOTE,
			"%lld task row%s did not fit the table header (lines cut at terminal width or wrapped): missing values count as 0 in the ranking.",
			(long long)e->bad_task_rows,
			e->bad_task_rows > 1 ? "s" : "");
	if (e->cols_guessed)
		oc_analysis_add(
			a, "columns_guessed", OC_OOM_NOTE,
			"The task table header is missing; its columns were guessed from the rows.");
	if (!(e->seen & OC_OOM_SEEN_HEADER))
		strcat(missing, "header, ");
	if (!(e->seen & (OC_OOM_SEEN_MEMINFO | OC_OOM_SEEN_MEMCG)))
		strcat(missing, "memory state, ");
	if (!e->tasks.len)
		strcat(missing,
		       e->seen & OC_OOM_SEEN_TASKS ?
			       "task rows (cut after the table header), " :
			       "task table, ");
	if (!(e->seen & (OC_OOM_SEEN_KILL | OC_OOM_SEEN_SELECT)) &&
	    !e->panic[0] && !e->no_killable)
		strcat(missing, "kill line, ");
	if (missing[0]) {
		missing[strlen(missing) - 2] = '\0';
		oc_analysis_add(a, "missing", OC_OOM_NOTE,
				"Not in the log: %s.", missing);
	}
}

static const char *kind_name(const struct oc_oom_event *e,
			     enum oc_oom_constraint c)
{
	if (e->sysrq)
		return "Manual OOM (SysRq-f)";
	switch (c) {
	case OC_OOM_CONSTRAINT_MEMCG:
		return "Memory cgroup OOM";
	case OC_OOM_CONSTRAINT_CPUSET:
		return "Cpuset-constrained OOM";
	case OC_OOM_CONSTRAINT_MEMORY_POLICY:
		return "Mempolicy-constrained OOM";
	case OC_OOM_CONSTRAINT_NONE:
		return "Global OOM";
	case OC_OOM_CONSTRAINT_UNKNOWN:
		break;
	}
	return "OOM";
}

/*
 * Appends the first clause of a finding (up to ": ", "; " or ". "), or all
 * of it when @whole, as a sentence of the verdict. Returns 1.
 */
static int clause(char *v, size_t sz, const char *text, bool whole)
{
	size_t n = strlen(text), l = strlen(v);
	const char *cut[] = { ": ", "; ", ". " };
	size_t i;

	for (i = 0; i < sizeof(cut) / sizeof(cut[0]) && !whole; i++) {
		const char *p = strstr(text, cut[i]);

		if (p && (size_t)(p - text) < n)
			n = (size_t)(p - text);
	}
	if (n && text[n - 1] == '.')
		n--;
	if (l < sz)
		snprintf(v + l, sz - l, " %.*s.", (int)n, text);
	return 1;
}

static void verdict(const struct oc_oom_event *e, struct oc_oom_analysis *a,
		    enum oc_oom_constraint c)
{
	static const char *const causes[] = {
		"pagetables",
		"victim_pagetables",
		"slab_unreclaimable",
		"hugepages",
		"shmem",
		"fragmentation",
		"watermark_exhausted",
		"swap_exhausted",
	};
	char *v = a->verdict;
	size_t sz = sizeof(a->verdict), l;
	const struct oc_oom_finding *f;
	char s1[32];
	size_t i;
	int nc = 0;

	if (c == OC_OOM_CONSTRAINT_UNKNOWN && !e->memcg_oom &&
	    !(e->seen & OC_OOM_SEEN_SUMMARY)) {
		snprintf(
			v, sz,
			"Fragment of an OOM event whose report is not in the log:%s%s%s%s%s.",
			oc_oom_has(e->victim.pid) ? " " : "",
			oc_oom_has(e->victim.pid) ? e->victim.comm : "",
			oc_oom_has(e->victim.pid) ? " was killed" : "",
			e->reaps.len ? " and reaped by oom_reaper" : "",
			e->panic[0] ? " (the system panicked)" : "");
		return;
	}
	snprintf(v, sz, "%s", kind_name(e, c));
	l = strlen(v);
	if (e->kernel_version[0])
		snprintf(v + l, sz - l, " on %s%s%s", e->kernel_version,
			 e->arch[0] ? " " : "", e->arch);
	l = strlen(v);
	if (e->trigger.comm[0]) {
		char who[128];

		if (oc_oom_has(e->trigger.pid))
			snprintf(who, sizeof(who), "%s (pid %lld)",
				 e->trigger.comm, (long long)e->trigger.pid);
		else
			snprintf(who, sizeof(who), "%s", e->trigger.comm);
		if (e->sysrq)
			snprintf(v + l, sz - l, ": %s ran the SysRq-f handler",
				 who);
		else if (oc_oom_has(e->trigger.order))
			snprintf(v + l, sz - l,
				 ": %s could not get an order-%lld allocation",
				 who, (long long)e->trigger.order);
		else
			snprintf(v + l, sz - l, ": triggered by %s", who);
	}
	l = strlen(v);
	if (c == OC_OOM_CONSTRAINT_MEMCG &&
	    (e->memcg.path[0] || e->summary.oom_memcg[0]))
		snprintf(v + l, sz - l, " in cgroup %s",
			 e->memcg.path[0] ? e->memcg.path :
					    e->summary.oom_memcg);
	l = strlen(v);
	snprintf(v + l, sz - l, ".");
	if (c == OC_OOM_CONSTRAINT_MEMCG) {
		static const char *const mc[] = {
			"memcg_limit",
			"memcg_memsw_limit",
			"memcg_swap",
		};

		for (i = 0; i < sizeof(mc) / sizeof(mc[0]); i++) {
			f = find(a, mc[i]);
			if (f && (f->severity == OC_OOM_WARN || i == 0))
				clause(v, sz, f->text, false);
		}
		if ((f = find(a, "memcg_use")))
			clause(v, sz, f->text, true);
	} else {
		if ((f = find(a, "memory_top")))
			nc += clause(v, sz, f->text, false);
		for (i = 0; i < sizeof(causes) / sizeof(causes[0]) && nc < 3;
		     i++) {
			f = find(a, causes[i]);
			if (f && f->severity == OC_OOM_WARN)
				nc += clause(v, sz, f->text, false);
		}
	}
	l = strlen(v);
	if (oc_oom_has(e->victim.pid) && !e->victim.exiting) {
		snprintf(v + l, sz - l, " Killed %s (pid %lld)", e->victim.comm,
			 (long long)e->victim.pid);
		l = strlen(v);
		if (oc_oom_has(e->victim.anon_rss_kb))
			snprintf(v + l, sz - l, " holding %s anon",
				 oc_fmt_kb(e->victim.anon_rss_kb, s1,
					   sizeof(s1)));
		l = strlen(v);
		if (oc_oom_has(e->victim.score))
			snprintf(v + l, sz - l, ", score %lld",
				 (long long)e->victim.score);
		l = strlen(v);
		snprintf(v + l, sz - l, ".");
	} else if (oc_oom_has(e->victim.selected_pid)) {
		snprintf(
			v + l, sz - l,
			" Selected %s (pid %lld), score %lld; the kill line is not in the log.",
			e->victim.selected_comm,
			(long long)e->victim.selected_pid,
			(long long)e->victim.score);
	} else if (e->no_killable) {
		snprintf(v + l, sz - l, " No killable process was left.");
	} else if (!e->panic[0]) {
		snprintf(v + l, sz - l, " The victim is not in the log.");
	}
	l = strlen(v);
	if (e->panic[0])
		snprintf(
			v + l, sz - l, " The kernel panicked (%s)%s.", e->panic,
			strstr(e->panic, "panic_on_oom") ?
				": vm.panic_on_oom is set, nothing was killed" :
				"");
	l = strlen(v);
	if (!oc_oom_has(e->victim.pid) && !oc_oom_has(e->victim.selected_pid) &&
	    a->top >= 0 && a->ranks.data[a->top].eligible)
		snprintf(
			v + l, sz - l,
			" Of the %zu task rows in the log, the badness scan would have chosen %s (pid %lld, %lld points).",
			e->tasks.len, row_name(e, a->ranks.data[a->top].task),
			(long long)e->tasks.data[a->ranks.data[a->top].task]
				.pid,
			(long long)a->ranks.data[a->top].points);
	l = strlen(v);
	if (e->allocating_task)
		snprintf(
			v + l, sz - l,
			" vm.oom_kill_allocating_task is set: the allocating task was killed without scoring.");
	l = strlen(v);
	if (e->sysrq)
		snprintf(
			v + l, sz - l,
			" The kill was requested by hand (SysRq-f), not forced by a memory shortage.");
	else if (a->score_match == OC_OOM_MATCH_CANNOT &&
		 oc_oom_has(e->victim.score) && e->tasks.len)
		snprintf(
			v + l, sz - l,
			" The score cannot be rebuilt from the table (see below).");
	l = strlen(v);
	if (a->victim_match == OC_OOM_MATCH_YES)
		snprintf(v + l, sz - l,
			 " The recomputed badness ranking agrees%s.",
			 a->score_match == OC_OOM_MATCH_YES ?
				 ", score included" :
				 "");
	else if (a->victim_match == OC_OOM_MATCH_NO)
		snprintf(v + l, sz - l,
			 " The recomputed ranking disagrees (see below).");
}

struct oc_error *oc_oom_analyze(const struct oc_oom_event *e,
				struct oc_oom_analysis *a)
{
	struct oc_badness_rules r;
	enum oc_oom_constraint c;

	memset(a, 0, sizeof(*a));
	a->top = a->runner_up = -1;
	a->implied_missing_pages = OC_OOM_NA;
	a->implied_totalpages_lo = a->implied_totalpages_hi = OC_OOM_NA;
	choose_rules(e, a, &r);
	page_size(e, a);

	c = oc_analysis_constraint(e, a->constraint_source,
				   sizeof(a->constraint_source));
	a->constraint = c;
	totalpages(e, a, c);
	scoring(e, a, &r);
	oc_analysis_add(a, "constraint", OC_OOM_INFO, "%s (%s).",
			oc_oom_constraint_name(c), a->constraint_source);
	oc_analysis_memory(e, a);
	notes(e, a);
	verdict(e, a, c);
	if (a->findings.len && !a->findings.data)
		return &oc_enomem;
	return NULL;
}

void oc_oom_analysis_release(struct oc_oom_analysis *a)
{
	oc_oom_rank_vec_free(&a->ranks);
	oc_oom_finding_vec_free(&a->findings);
}

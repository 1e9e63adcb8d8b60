// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * oom_badness() per kernel era on plain numbers; mirrors mm/oom_kill.c
 * badness()/oom_badness(), select_bad_process()/oom_evaluate_task() and
 * fs/proc/base.c proc_oom_score(). The eras are described in badness.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomcore/badness.h"

#define OOM_SCORE_ADJ_MIN (-1000)

#define MAX_SANE_PAGES (1LL << 50)

static int64_t clamp_pages(int64_t n)
{
	return n < 0 ? 0 : n > MAX_SANE_PAGES ? MAX_SANE_PAGES : n;
}

static int64_t pgtable_pages(const struct oc_badness_rules *r,
			     const struct oc_badness_task *t,
			     uint64_t page_size)
{
	int64_t n = 0;

	switch (r->pgtables) {
	case OC_PGTABLES_NONE:
		return 0;
	case OC_PGTABLES_NR_PTES:
		return t->nr_ptes > 0 ? t->nr_ptes : 0;
	case OC_PGTABLES_PTES_PMDS:
		return clamp_pages(t->nr_ptes) + clamp_pages(t->nr_pmds);
	case OC_PGTABLES_BYTES:
		if (t->pgtables_bytes > 0 && page_size)
			n = t->pgtables_bytes / (int64_t)page_size;
		return n;
	}
	return 0;
}

int64_t oc_oom_badness(const struct oc_badness_rules *r,
		       const struct oc_badness_task *t, uint64_t totalpages,
		       uint64_t page_size, struct oc_badness_terms *terms)
{
	struct oc_badness_terms tm;
	int64_t ineligible = r->signed_result ? OC_BADNESS_LONG_MIN : 0;
	int64_t points, adj = t->oom_score_adj;

	memset(&tm, 0, sizeof(tm));
	/* The kernel keeps oom_score_adj in [-1000, 1000]; garbage too. */
	if (adj < OOM_SCORE_ADJ_MIN)
		adj = OOM_SCORE_ADJ_MIN;
	else if (adj > 1000)
		adj = 1000;
	if (!totalpages)
		totalpages = 1;
	if (totalpages > MAX_SANE_PAGES)
		totalpages = MAX_SANE_PAGES;
	/* OOM_SCORE_ADJ_MIN..OOM_SCORE_ADJ_MAX; -1000 is tested below */
	if (adj < OOM_SCORE_ADJ_MIN)
		adj = OOM_SCORE_ADJ_MIN;
	else if (adj > 1000)
		adj = 1000;
	if (r->scale == OC_BADNESS_TOTAL_VM || !t->eligible ||
	    adj == OOM_SCORE_ADJ_MIN) {
		tm.points = ineligible;
		if (terms)
			*terms = tm;
		return ineligible;
	}
	tm.eligible = true;
	/*
	 * Counters from a damaged dump can hold anything: each term is
	 * clamped to 2^50 pages (no machine has that much) so that the sums
	 * and products below cannot overflow.
	 */
	tm.rss_pages = clamp_pages(t->rss_pages);
	tm.swap_pages = clamp_pages(t->swapents);
	tm.pgtables_pages = clamp_pages(pgtable_pages(r, t, page_size));
	points = tm.rss_pages + tm.swap_pages + tm.pgtables_pages;

	if (r->scale == OC_BADNESS_1000) {
		/* 2.6.36-3.7: proportion of totalpages, then bonus and adj */
		points = points * 1000 / (int64_t)totalpages;
		if (t->cap_sys_admin && r->root_bonus != OC_ROOT_BONUS_NONE) {
			tm.root_bonus = -30;
			points -= 30;
		}
		tm.adj = adj;
		points += adj;
		if (points <= 0)
			points = 1;
		else if (points > 1000)
			points = 1000;
		tm.points = points;
		if (terms)
			*terms = tm;
		return points;
	}

	if (t->cap_sys_admin && r->root_bonus == OC_ROOT_BONUS_PCT3) {
		tm.root_bonus = -(points * 3 / 100);
		points += tm.root_bonus;
	} else if (t->cap_sys_admin && r->root_bonus == OC_ROOT_BONUS_ADJ30) {
		/* 3.8-3.13: adj -= 30 before adj *= totalpages / 1000 */
		tm.root_bonus = -30 * (int64_t)(totalpages / 1000);
		points += tm.root_bonus;
	}
	tm.adj = adj * (int64_t)(totalpages / 1000);
	points += tm.adj;
	if (!r->signed_result && points <= 0)
		points = 1;
	tm.points = points;
	if (terms)
		*terms = tm;
	return points;
}

int64_t oc_badness_score(const struct oc_badness_rules *r, int64_t points,
			 uint64_t totalpages)
{
	if (!totalpages)
		totalpages = 1;
	if (points == OC_BADNESS_LONG_MIN || r->scale == OC_BADNESS_TOTAL_VM)
		return 0;
	if (r->scale == OC_BADNESS_1000)
		return points;
	if (totalpages > INT64_MAX / 1000)
		totalpages = INT64_MAX / 1000;
	if (points > INT64_MAX / 1000)
		return INT64_MAX / (int64_t)totalpages;
	if (points < INT64_MIN / 1000)
		return INT64_MIN / (int64_t)totalpages;
	return points * 1000 / (int64_t)totalpages;
}

int64_t oc_badness_proc_oom_score(const struct oc_badness_rules *r,
				  int64_t points, uint64_t totalpages)
{
	if (!r->signed_result)
		return oc_badness_score(r, points, totalpages);
	if (points == OC_BADNESS_LONG_MIN)
		return 0;
	return (1000 + oc_badness_score(r, points, totalpages)) * 2 / 3;
}

bool oc_badness_replaces(const struct oc_badness_rules *r, int64_t points,
			 bool leader, bool have_best, int64_t best,
			 bool best_leader)
{
	(void)leader;
	if (r->signed_result ? points == OC_BADNESS_LONG_MIN : points == 0)
		return false;
	if (!have_best)
		return true;
	switch (r->tie) {
	case OC_TIE_FIRST_WINS:
		return points > best;
	case OC_TIE_LEADER_KEEPS:
		if (points < best)
			return false;
		return !(points == best && best_leader);
	case OC_TIE_LATER_WINS:
		return points >= best;
	}
	return false;
}

bool oc_badness_parse_version(const char *release, int *major, int *minor)
{
	char *end;
	long a, b;

	if (!release || release[0] < '0' || release[0] > '9')
		return false;
	a = strtol(release, &end, 10);
	if (*end != '.' || end[1] < '0' || end[1] > '9')
		return false;
	b = strtol(end + 1, &end, 10);
	if (a < 2 || a > 99 || b < 0 || b > 999)
		return false;
	*major = (int)a;
	*minor = (int)b;
	return true;
}

#define V(a, b) ((a)*1000 + (b))

void oc_badness_rules_for_version(int major, int minor, const char *release,
				  struct oc_badness_rules *r)
{
	int v = V(major, minor);
	bool el6 = release && strstr(release, ".el6");
	bool el7 = release && strstr(release, ".el7");

	memset(r, 0, sizeof(*r));
	r->scale = OC_BADNESS_PAGES;
	r->score_printed = v <= V(5, 0);
	r->rss_includes_shmem = v >= V(4, 5);
	r->tie = v >= V(5, 3) ? OC_TIE_LATER_WINS :
		 v >= V(4, 4) ? OC_TIE_LEADER_KEEPS :
				OC_TIE_FIRST_WINS;

	if (major == 2) {
		/* 2.6.x: the era depends on the third number */
		int sub = 0;

		if (release && sscanf(release, "2.6.%d", &sub) != 1)
			sub = 0;
		if (sub < 36 && !el6) {
			r->scale = OC_BADNESS_TOTAL_VM;
			r->root_bonus = OC_ROOT_BONUS_NONE;
			r->pgtables = OC_PGTABLES_NONE;
			r->name = "2.6.32 badness() (total_vm heuristic)";
			return;
		}
		r->scale = OC_BADNESS_1000;
		r->root_bonus = OC_ROOT_BONUS_ADJ30;
		r->pgtables = el6 ? OC_PGTABLES_NR_PTES : OC_PGTABLES_NONE;
		r->name = el6 ? "RHEL 6 (2.6.36 0..1000 formula)" :
				"2.6.36-2.6.39 (0..1000)";
		return;
	}
	if (v < V(3, 8)) {
		r->scale = OC_BADNESS_1000;
		r->root_bonus = OC_ROOT_BONUS_ADJ30;
		r->pgtables = OC_PGTABLES_NR_PTES;
		r->name = "3.0-3.7 (0..1000)";
		return;
	}
	if (v < V(3, 14) && !el7) {
		r->root_bonus = OC_ROOT_BONUS_ADJ30;
		r->pgtables = OC_PGTABLES_NR_PTES;
		r->name = "3.8-3.13 (pages, root adj -30)";
		return;
	}
	if (v < V(4, 0)) {
		r->root_bonus = OC_ROOT_BONUS_PCT3;
		r->pgtables = OC_PGTABLES_NR_PTES;
		r->name = el7 ? "RHEL 7 (pages, nr_ptes, 3% root bonus)" :
				"3.14-3.19 (pages, nr_ptes, 3% root bonus)";
		return;
	}
	if (v < V(4, 15)) {
		r->root_bonus = OC_ROOT_BONUS_PCT3;
		r->pgtables = OC_PGTABLES_PTES_PMDS;
		r->name = "4.0-4.14 (pages, nr_ptes+nr_pmds, 3% root bonus)";
		return;
	}
	r->pgtables = OC_PGTABLES_BYTES;
	if (v < V(4, 17)) {
		r->root_bonus = OC_ROOT_BONUS_PCT3;
		r->name = "4.15-4.16 (pages, pgtables_bytes, 3% root bonus)";
		return;
	}
	r->root_bonus = OC_ROOT_BONUS_NONE;
	if (v < V(5, 9)) {
		r->name = "4.17-5.8 (pages, pgtables_bytes, no root bonus)";
		return;
	}
	r->signed_result = true;
	r->name = "5.9+ (signed pages, pgtables_bytes, no root bonus)";
}

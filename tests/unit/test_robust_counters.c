// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Absurd counters from damaged dumps and logs through the OOM arithmetic:
 * no signed overflow (UBSan in make check-asan stops on one), results
 * clamped rather than wrapped, and the ordering of sane tasks unchanged.
 */
#include <stdint.h>

#include "oc_test.h"
#include "oomcore/badness.h"
#include "oomcore/tasks.h"

static void test_task_rss(void)
{
	struct oc_tasks_layout l = { .has_shmem = true };
	int64_t huge[OC_MM_NR] = { INT64_MAX, INT64_MAX, 0, INT64_MAX };
	int64_t neg[OC_MM_NR] = { INT64_MIN, -5, INT64_MIN, -1 };
	int64_t sane[OC_MM_NR] = { 10, 20, 5, 3 };

	OC_CHECK(oc_task_rss(&l, huge) > 0);
	OC_CHECK_INT(oc_task_rss(&l, neg), 0);
	OC_CHECK_INT(oc_task_rss(&l, sane), 33);
}

static void test_badness_extremes(void)
{
	static const int64_t values[] = { INT64_MIN, -1, 0, 1, 1LL << 40,
					  1LL << 55, INT64_MAX };
	static const int64_t adjs[] = { INT64_MIN, -1000, -999, 0, 1000,
					32767, INT64_MAX };
	static const uint64_t totals[] = { 0, 1, 60334, 1ULL << 62,
					   UINT64_MAX };
	int eras[][2] = { { 2, 6 }, { 3, 10 }, { 4, 10 }, { 4, 19 }, { 6, 1 } };

	for (size_t e = 0; e < sizeof(eras) / sizeof(eras[0]); e++) {
		struct oc_badness_rules r;

		oc_badness_rules_for_version(eras[e][0], eras[e][1], NULL, &r);
		for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++)
			for (size_t a = 0; a < sizeof(adjs) / sizeof(adjs[0]);
			     a++)
				for (size_t tp = 0;
				     tp < sizeof(totals) / sizeof(totals[0]);
				     tp++) {
					struct oc_badness_task t = {
						.rss_pages = values[v],
						.swapents = values[v],
						.nr_ptes = values[v],
						.nr_pmds = values[v],
						.pgtables_bytes = values[v],
						.oom_score_adj = adjs[a],
						.cap_sys_admin = a & 1,
						.eligible = true,
					};
					struct oc_badness_terms terms;
					int64_t p = oc_oom_badness(
						&r, &t, totals[tp], 4096,
						&terms);

					(void)oc_badness_score(&r, p,
							       totals[tp]);
					(void)oc_badness_proc_oom_score(
						&r, p, totals[tp]);
				}
	}
	OC_CHECK(1); /* reaching here without UBSan stopping is the test */
}

/* A garbage counter must not turn a sane ordering around by wrapping. */
static void test_badness_order(void)
{
	struct oc_badness_rules r;
	struct oc_badness_task small = { .rss_pages = 100, .eligible = true };
	struct oc_badness_task big = { .rss_pages = INT64_MAX,
				       .swapents = INT64_MAX,
				       .eligible = true };

	oc_badness_rules_for_version(6, 1, NULL, &r);
	OC_CHECK(oc_oom_badness(&r, &big, 60334, 4096, NULL) >
		 oc_oom_badness(&r, &small, 60334, 4096, NULL));
	OC_CHECK(oc_oom_badness(&r, &big, 60334, 4096, NULL) > 0);
}

int main(void)
{
	test_task_rss();
	test_badness_extremes();
	test_badness_order();
	return oc_test_done();
}

// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for oom_badness() per era and the gfp decoder. */
#include "oc_test.h"
#include "oomcore/badness.h"
#include "oomcore/gfp.h"

static struct oc_badness_task task(int64_t rss, int64_t swap, int64_t ptes,
				   int64_t pmds, int64_t pgb, int64_t adj,
				   bool cap)
{
	struct oc_badness_task t = {
		.rss_pages = rss,
		.swapents = swap,
		.nr_ptes = ptes,
		.nr_pmds = pmds,
		.pgtables_bytes = pgb,
		.oom_score_adj = adj,
		.cap_sys_admin = cap,
		.eligible = true,
	};
	return t;
}

static void versions(void)
{
	struct oc_badness_rules r;
	int maj = 0, min = 0;

	OC_CHECK(oc_badness_parse_version("4.19.91-xxx.x86_64", &maj, &min));
	OC_CHECK_INT(maj, 4);
	OC_CHECK_INT(min, 19);
	OC_CHECK(!oc_badness_parse_version("orbstack", &maj, &min));
	oc_badness_rules_for_version(2, 6, "2.6.32-358.6.1.el6.i686", &r);
	OC_CHECK_INT(r.scale, OC_BADNESS_1000);
	oc_badness_rules_for_version(2, 6, "2.6.32", &r);
	OC_CHECK_INT(r.scale, OC_BADNESS_TOTAL_VM);
	oc_badness_rules_for_version(3, 10, "3.10.0-693.el7.x86_64", &r);
	OC_CHECK_INT(r.root_bonus, OC_ROOT_BONUS_PCT3);
	oc_badness_rules_for_version(3, 10, "3.10.99", &r);
	OC_CHECK_INT(r.root_bonus, OC_ROOT_BONUS_ADJ30);
	oc_badness_rules_for_version(4, 10, NULL, &r);
	OC_CHECK_INT(r.pgtables, OC_PGTABLES_PTES_PMDS);
	OC_CHECK_INT(r.tie, OC_TIE_LEADER_KEEPS);
	oc_badness_rules_for_version(4, 18, NULL, &r);
	OC_CHECK_INT(r.root_bonus, OC_ROOT_BONUS_NONE);
	OC_CHECK(!r.signed_result);
	oc_badness_rules_for_version(6, 9, NULL, &r);
	OC_CHECK(r.signed_result);
	OC_CHECK(!r.score_printed);
	OC_CHECK_INT(r.tie, OC_TIE_LATER_WINS);
}

static void formulas(void)
{
	struct oc_badness_rules r;
	struct oc_badness_terms tm;
	struct oc_badness_task t;
	int64_t p;

	/* 4.10: 312881 + 155953 + 307 = 469141, -3% = 455067 -> 888 */
	oc_badness_rules_for_version(4, 10, NULL, &r);
	t = task(312881, 0, 155953, 307, 0, 0, true);
	p = oc_oom_badness(&r, &t, 512073, 4096, &tm);
	OC_CHECK_INT(p, 455067);
	OC_CHECK_INT(tm.root_bonus, -14074);
	OC_CHECK_INT(oc_badness_score(&r, p, 512073), 888);

	/* 3.10 memcg, memsw limit 51200 pages, no CAP_SYS_ADMIN: 750 */
	oc_badness_rules_for_version(3, 10, "3.10.0-693.el7", &r);
	t = task(6605, 31751, 83, 0, 0, 0, false);
	p = oc_oom_badness(&r, &t, 51200, 4096, NULL);
	OC_CHECK_INT(p, 38439);
	OC_CHECK_INT(oc_badness_score(&r, p, 51200), 750);
	t.cap_sys_admin = true; /* with the bonus it would be 728 */
	OC_CHECK_INT(oc_badness_score(&r,
				      oc_oom_badness(&r, &t, 51200, 4096, NULL),
				      51200),
		     728);
	/* mainline 3.10: adj -= 30 before scaling */
	oc_badness_rules_for_version(3, 10, "3.10.99", &r);
	p = oc_oom_badness(&r, &t, 51200, 4096, &tm);
	OC_CHECK_INT(tm.root_bonus, -30 * 51);
	OC_CHECK_INT(p, 38439 - 1530);

	/* 6.9: rss + swap + pgtables_bytes / 4096 of 16665816 -> 981 */
	oc_badness_rules_for_version(6, 9, NULL, &r);
	t = task(2461248, 8441856, 0, 0, 22374600704LL, 0, true);
	p = oc_oom_badness(&r, &t, 16665816, 4096, NULL);
	OC_CHECK_INT(p, 2461248 + 8441856 + 5462549);
	OC_CHECK_INT(oc_badness_score(&r, p, 16665816), 981);
	OC_CHECK_INT(oc_badness_proc_oom_score(&r, p, 16665816),
		     (1000 + 981) * 2 / 3);
	/* signed era: no clamp, LONG_MIN for -1000 */
	t = task(100, 0, 0, 0, 0, -500, false);
	OC_CHECK(oc_oom_badness(&r, &t, 100000, 4096, NULL) < 0);
	t.oom_score_adj = -1000;
	OC_CHECK_INT(oc_oom_badness(&r, &t, 100000, 4096, NULL) ==
			     OC_BADNESS_LONG_MIN,
		     1);
	OC_CHECK_INT(oc_badness_proc_oom_score(&r, OC_BADNESS_LONG_MIN, 1), 0);
	/* unsigned era: clamp to 1, 0 for ineligible */
	oc_badness_rules_for_version(4, 19, NULL, &r);
	t = task(100, 0, 0, 0, 0, -500, false);
	OC_CHECK_INT(oc_oom_badness(&r, &t, 100000, 4096, NULL), 1);
	t.eligible = false;
	OC_CHECK_INT(oc_oom_badness(&r, &t, 100000, 4096, NULL), 0);
	/* adj * (totalpages / 1000): integer division first */
	t = task(100, 0, 0, 0, 0, 500, false);
	OC_CHECK_INT(oc_oom_badness(&r, &t, 999, 4096, NULL), 100);

	/* 2.6.36 0..1000: (rss + swap) * 1000 / total - 30 + adj, 1..1000 */
	oc_badness_rules_for_version(2, 6, "2.6.36", &r);
	t = task(500, 0, 0, 0, 0, 0, true);
	OC_CHECK_INT(oc_oom_badness(&r, &t, 1000, 4096, NULL), 470);
	t = task(5000, 0, 0, 0, 0, 0, false);
	OC_CHECK_INT(oc_oom_badness(&r, &t, 1000, 4096, NULL), 1000);
	/* 2.6.32 badness() cannot be rebuilt */
	oc_badness_rules_for_version(2, 6, "2.6.32", &r);
	OC_CHECK_INT(oc_oom_badness(&r, &t, 1000, 4096, &tm), 0);
	OC_CHECK(!tm.eligible);
}

static void ties(void)
{
	struct oc_badness_rules r;

	oc_badness_rules_for_version(3, 10, NULL, &r);
	OC_CHECK(oc_badness_replaces(&r, 5, true, false, 0, false));
	OC_CHECK(!oc_badness_replaces(&r, 5, true, true, 5, true));
	OC_CHECK(!oc_badness_replaces(&r, 0, true, false, 0, false));
	oc_badness_rules_for_version(4, 19, NULL, &r);
	OC_CHECK(!oc_badness_replaces(&r, 5, true, true, 5, true));
	OC_CHECK(oc_badness_replaces(&r, 5, true, true, 5, false));
	oc_badness_rules_for_version(6, 1, NULL, &r);
	OC_CHECK(oc_badness_replaces(&r, 5, false, true, 5, true));
	OC_CHECK(oc_badness_replaces(&r, -5, false, true, -7, true));
	OC_CHECK(!oc_badness_replaces(&r, OC_BADNESS_LONG_MIN, false, false, 0,
				      false));
}

static void gfp(void)
{
	char buf[256];
	struct oc_gfp g;

	/* 2.6.32 RHEL 6 0x280da, 3.10 0xd0, 4.10 0x14280ca, 6.x 0xcc0 */
	oc_gfp_format(0x280da, OC_GFP_LAYOUT_WAIT, buf, sizeof(buf));
	OC_CHECK_STR(buf, "GFP_HIGHUSER_MOVABLE|__GFP_ZERO");
	oc_gfp_format(0xd0, OC_GFP_LAYOUT_WAIT, buf, sizeof(buf));
	OC_CHECK_STR(buf, "GFP_KERNEL");
	oc_gfp_format(0x14280ca, OC_GFP_LAYOUT_4_10, buf, sizeof(buf));
	OC_CHECK_STR(buf, "GFP_HIGHUSER_MOVABLE|__GFP_ZERO");
	oc_gfp_format(0x6200ca, OC_GFP_LAYOUT_4_15, buf, sizeof(buf));
	OC_CHECK_STR(buf, "GFP_HIGHUSER_MOVABLE");
	oc_gfp_format(0xcc0, OC_GFP_LAYOUT_5, buf, sizeof(buf));
	OC_CHECK_STR(buf, "GFP_KERNEL");
	oc_gfp_format(0x100cca, OC_GFP_LAYOUT_5, buf, sizeof(buf));
	OC_CHECK_STR(buf, "GFP_HIGHUSER_MOVABLE");
	oc_gfp_format(0x40000000, OC_GFP_LAYOUT_5, buf, sizeof(buf));
	OC_CHECK_STR(buf, "0x40000000");
	oc_gfp_format(0, OC_GFP_LAYOUT_5, buf, sizeof(buf));
	OC_CHECK_STR(buf, "none");
	OC_CHECK_INT(oc_gfp_layout_for_version(4, 9), OC_GFP_LAYOUT_4_4);
	OC_CHECK_INT(oc_gfp_layout_for_version(5, 10), OC_GFP_LAYOUT_5);

	oc_gfp_from_text("GFP_HIGHUSER_MOVABLE|__GFP_ZERO", &g);
	OC_CHECK(g.complete);
	OC_CHECK(oc_gfp_can_reclaim(&g));
	OC_CHECK_INT(oc_gfp_highest_zone(&g), OC_ZONE_MOVABLE);
	oc_gfp_from_text("(GFP_KERNEL)", &g);
	OC_CHECK_INT(oc_gfp_highest_zone(&g), OC_ZONE_NORMAL);
	oc_gfp_from_text("GFP_DMA32|__GFP_NOWARN|__GFP_BOGUS", &g);
	OC_CHECK(!g.complete);
	OC_CHECK_INT(oc_gfp_highest_zone(&g), OC_ZONE_DMA32);
	oc_gfp_from_mask(0xd0, OC_GFP_LAYOUT_WAIT, &g);
	OC_CHECK(oc_gfp_test(&g, OC_GFP_WAIT) && oc_gfp_can_reclaim(&g));
	OC_CHECK_INT(oc_zone_type_from_name("DMA32"), OC_ZONE_DMA32);
	OC_CHECK_STR(oc_zone_type_name(OC_ZONE_HIGHMEM), "HighMem");
}

int main(void)
{
	versions();
	formulas();
	ties();
	gfp();
	return oc_test_done();
}

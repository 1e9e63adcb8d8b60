// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for block detection (src/oom/log_parser.c): the record API
 * the vmcore mode uses, caller-id filtering, non-OOM memory dumps, several
 * events, reaper attribution, wrapped lines, rsyslog #012, garbage.
 */
#include <stdlib.h>
#include <string.h>

#include "oc_test.h"
#include "oomcore/log.h"

static struct oc_oom_event_vec parse_text(const char *text)
{
	struct oc_log_parser *p;
	struct oc_oom_event_vec v = { 0 };
	const char *s = text;

	OC_CHECK_OK(oc_log_parser_new(&p));
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);

		OC_CHECK_OK(oc_log_parser_feed_line(p, s, n));
		s += n + (nl ? 1 : 0);
	}
	OC_CHECK_OK(oc_log_parser_finish(p, &v));
	oc_log_parser_free(p);
	return v;
}

/* 6.1-style report as printk records, interleaved with another caller. */
static void records(void)
{
	static const struct {
		const char *text;
		int64_t caller;
	} recs[] = {
		{ "bash invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0",
		  500 },
		{ "CPU: 1 PID: 500 Comm: bash Not tainted 6.1.0-13-amd64 #1 Debian 6.1.55-1",
		  500 },
		{ "e1000e: eth0 NIC Link is Up", 0x80000002 },
		{ "Mem-Info:", 500 },
		{ "active_anon:100 inactive_anon:200 isolated_anon:0\n active_file:1 inactive_file:2 isolated_file:0\n free:300 free_pcp:1 free_cma:0",
		  500 },
		{ "Tasks state (memory values in pages):", 500 },
		{ "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
		  500 },
		{ "[    500]     0   500     2000      150    49152        0             0 bash",
		  500 },
		{ "[    501]  1000   501    90000    80000   700416        0           200 java",
		  500 },
		{ "Tasks state (memory values in pages):", 0x80000002 },
		{ "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0-1,oom_memcg=/app,task_memcg=/app,task=java,pid=501,uid=1000",
		  500 },
		{ "Memory cgroup out of memory: Killed process 501 (java) total-vm:360000kB, anon-rss:320000kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:684kB oom_score_adj:200",
		  500 },
		{ "oom_reaper: reaped process 501 (java), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB",
		  35 },
	};
	struct oc_log_parser *p;
	struct oc_oom_event_vec v = { 0 };
	struct oc_oom_event *e;
	size_t i;

	OC_CHECK_OK(oc_log_parser_new(&p));
	for (i = 0; i < sizeof(recs) / sizeof(recs[0]); i++)
		OC_CHECK_OK(oc_log_parser_feed_record(
			p, recs[i].text, strlen(recs[i].text),
			(int64_t)i * 1000, recs[i].caller));
	OC_CHECK_OK(oc_log_parser_finish(p, &v));
	oc_log_parser_free(p);
	OC_CHECK_INT(v.len, 1);
	if (v.len != 1)
		goto out;
	e = &v.data[0];
	OC_CHECK_STR(e->kernel_version, "6.1.0-13-amd64");
	OC_CHECK_STR(e->arch, "x86_64");
	OC_CHECK_INT(e->caller_id, 500);
	OC_CHECK_INT(e->trigger.gfp_mask, 0x140cca);
	OC_CHECK_STR(e->trigger.gfp_text, "GFP_HIGHUSER_MOVABLE|__GFP_COMP");
	OC_CHECK_INT(oc_oom_kv_get(&e->meminfo, "free"), 300);
	OC_CHECK_INT(oc_oom_kv_get(&e->meminfo, "inactive_file"), 2);
	OC_CHECK_INT(e->tasks.len, 2);
	OC_CHECK_INT(e->tasks.data[1].pgtables_bytes, 700416);
	OC_CHECK_STR(e->summary.oom_memcg, "/app");
	OC_CHECK_STR(e->summary.mems_allowed, "0-1");
	OC_CHECK(e->memcg_oom);
	OC_CHECK_INT(e->victim.pid, 501);
	OC_CHECK_INT(e->victim.uid, 1000);
	OC_CHECK_INT(e->victim.pgtables_kb, 684);
	OC_CHECK_INT(e->victim.oom_score_adj, 200);
	OC_CHECK_INT(e->reaps.len, 1);
	OC_CHECK_INT(e->foreign_lines, 2);
out:
	oc_oom_event_vec_release(&v);
}

static const char alloc_failure[] =
	"[  100.000001] kworker/0:1: page allocation failure: order:4, mode:0x40cc0(GFP_KERNEL|__GFP_COMP), nodemask=(null),cpuset=/,mems_allowed=0\n"
	"[  100.000002] CPU: 0 PID: 7 Comm: kworker/0:1 Not tainted 5.10.0 #1\n"
	"[  100.000003] Mem-Info:\n"
	"[  100.000004] active_anon:1 inactive_anon:2 isolated_anon:0\n"
	"[  100.000005] Node 0 DMA32 free:1000kB min:100kB low:200kB high:300kB present:2000kB managed:1900kB\n"
	"[  100.000006] lowmem_reserve[]: 0 0 0 0\n"
	"[  100.000007] Node 0 DMA32: 10*4kB 5*8kB = 80kB\n"
	"[  100.000008] 1000 pages RAM\n"
	"[  100.000009] SysRq : Show Memory\n"
	"[  100.000010] Mem-Info:\n"
	"[  100.000011] active_anon:1 inactive_anon:2 isolated_anon:0\n"
	"[  100.000012] 1000 pages RAM\n";

static void not_oom(void)
{
	struct oc_oom_event_vec v = parse_text(alloc_failure);

	OC_CHECK_INT(v.len, 0);
	oc_oom_event_vec_release(&v);
	/* a bare Mem-Info without any OOM line is not an event either */
	v = parse_text("Mem-Info:\nactive_anon:1 inactive_anon:2\n"
		       "Node 0 Normal free:1kB min:2kB low:3kB high:4kB\n"
		       "10 pages RAM\nrandom text\n");
	OC_CHECK_INT(v.len, 0);
	oc_oom_event_vec_release(&v);
}

static const char two[] =
	"Jan  1 00:00:01 h kernel: a invoked oom-killer: gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE), nodemask=(null), order=0, oom_score_adj=0\n"
	"Jan  1 00:00:01 h kernel: Out of memory: Kill process 10 (a) score 900 or sacrifice child\n"
	"Jan  1 00:00:01 h kernel: Killed process 11 (a-child) total-vm:100kB, anon-rss:90kB, file-rss:0kB, shmem-rss:0kB\n"
	"Jan  1 00:00:02 h sshd[99]: Accepted publickey\n"
	"Jan  1 00:00:03 h kernel: b invoked oom-killer: gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE), nodemask=(null), order=0, oom_score_adj=0\n"
	"Jan  1 00:00:03 h kernel: oom_reaper: reaped process 11 (a-child), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB\n"
	"Jan  1 00:00:03 h kernel: Out of memory: Kill process 20 (b) score 800 or sacrifice child\n"
	"Jan  1 00:00:03 h kernel: Killed process 20 (b) total-vm:100kB, anon-rss:90kB, file-rss:0kB,\n"
	"shmem-rss:4kB\n"
	"Jan  1 00:00:04 h kernel: Killed process 30 (c) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n"
	"Jan  1 00:00:05 h kernel: oom_reaper: reaped process 77 (gone), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB\n"
	"Jan  1 00:00:06 h kernel: x invoked oom-killer: gfp_mask=0x0, order=-1, oom_score_adj=0#012 Mem-Info:#012 active_anon:5 inactive_anon:6\n"
	"Jan  1 00:00:06 h kernel: Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled\n";

static void several(void)
{
	struct oc_oom_event_vec v = parse_text(two);

	OC_CHECK_INT(v.len, 5);
	if (v.len == 5) {
		OC_CHECK_INT(v.data[0].victim.selected_pid, 10);
		OC_CHECK_INT(v.data[0].victim.pid, 11);
		OC_CHECK_INT(v.data[0].reaps.len, 1);
		OC_CHECK_INT(v.data[1].victim.pid, 20);
		OC_CHECK_INT(v.data[1].victim.shmem_rss_kb, 4); /* wrapped */
		OC_CHECK_INT(v.data[1].reaps.len, 0);
		OC_CHECK_INT(v.data[2].victim.pid, 30); /* no header */
		OC_CHECK(!(v.data[2].seen & OC_OOM_SEEN_HEADER));
		OC_CHECK_INT(v.data[3].reaps.data[0].pid, 77); /* lone reaper */
		OC_CHECK(v.data[4].sysrq);
		OC_CHECK_INT(oc_oom_kv_get(&v.data[4].meminfo, "inactive_anon"),
			     6); /* #012 */
		OC_CHECK(strstr(v.data[4].panic, "panic_on_oom") != NULL);
	}
	oc_oom_event_vec_release(&v);
}

/* A task row and a kill line wrapped by a mailer. */
static void wrapped(void)
{
	struct oc_oom_event_vec v = parse_text(
		"a invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=0\n"
		"[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name\n"
		"[ 2001]  1000  2001  4000000   700000    1500   400000\n"
		"0 firefox\n"
		"[ 2002]  1000  2002  4000000   700000    1500   400000             0\n"
		"some console output\n"
		"Out of memory: Kill process 2001 (firefox) score 744 or sacrifice\n"
		"child\n");

	OC_CHECK_INT(v.len, 1);
	if (v.len == 1) {
		OC_CHECK_INT(v.data[0].tasks.len, 2);
		OC_CHECK_STR(v.data[0].tasks.data[0].name, "firefox");
		OC_CHECK_INT(v.data[0].tasks.data[0].swapents, 400000);
		OC_CHECK_INT(v.data[0].tasks.data[0].oom_score_adj, 0);
		/* the second row was cut: its last number is not trusted */
		OC_CHECK_INT(v.data[0].bad_task_rows, 1);
		OC_CHECK(!oc_oom_has(v.data[0].tasks.data[1].oom_score_adj));
		OC_CHECK_STR(v.data[0].tasks.data[1].name, "");
		OC_CHECK_INT(v.data[0].victim.score, 744);
	}
	oc_oom_event_vec_release(&v);
}

static bool has_finding(const struct oc_oom_analysis *a, const char *id)
{
	const struct oc_oom_finding *f;

	oc_vec_for_each(&a->findings, f) {
		if (!strcmp(f->id, id))
			return true;
	}
	return false;
}

/* Order-3 request on fragmented zones, slab leak, hugetlb pool. */
static void analysis(void)
{
	struct oc_oom_event_vec v = parse_text(
		"[ 1.0] sshd invoked oom-killer: gfp_mask=0x40cc0(GFP_KERNEL|__GFP_COMP), order=3, oom_score_adj=0\n"
		"[ 1.0] CPU: 0 PID: 9 Comm: sshd Not tainted 5.15.0 #1\n"
		"[ 1.0] Mem-Info:\n"
		"[ 1.0] active_anon:1000 inactive_anon:1000 isolated_anon:0\n"
		"[ 1.0]  slab_reclaimable:1000 slab_unreclaimable:300000\n"
		"[ 1.0]  mapped:0 shmem:0 pagetables:100\n"
		"[ 1.0]  free:20000 free_pcp:0 free_cma:0\n"
		"[ 1.0] Node 0 DMA32 free:80000kB boost:0kB min:20000kB low:25000kB high:30000kB present:4194304kB managed:4000000kB\n"
		"[ 1.0] lowmem_reserve[]: 0 0 0 0\n"
		"[ 1.0] Node 0 DMA32: 16000*4kB (UME) 2000*8kB (UM) 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 80000kB\n"
		"[ 1.0] Node 0 hugepages_total=200 hugepages_free=200 hugepages_surp=0 hugepages_size=2048kB\n"
		"[ 1.0] Free swap  = 0kB\n"
		"[ 1.0] Total swap = 0kB\n"
		"[ 1.0] 1048576 pages RAM\n"
		"[ 1.0] 48576 pages reserved\n"
		"[ 1.0] Memory cgroup min protection 0kB -- low protection 8kB\n"
		"[ 1.0] Unreclaimable slab info:\n"
		"[ 1.0] Name                      Used          Total\n"
		"[ 1.0] kmalloc-64            1100000KB    1150000KB\n"
		"[ 1.0] dentry                   1000KB       1200KB\n"
		"[ 1.0] Tasks state (memory values in pages):\n"
		"[ 1.0] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
		"[ 1.0] [      9]     0     9     3000      500    65536        0             0 sshd\n"
		"[ 1.0] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=sshd,pid=9,uid=0\n"
		"[ 1.0] Out of memory: Killed process 9 (sshd) total-vm:12000kB, anon-rss:2000kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:64kB oom_score_adj:0\n");
	struct oc_oom_analysis a;

	OC_CHECK_INT(v.len, 1);
	if (v.len != 1)
		goto out;
	OC_CHECK_INT(v.data[0].slabs.len, 2);
	/* 6.19 prints the protection line for global OOMs too */
	OC_CHECK(!v.data[0].memcg_oom);
	OC_CHECK_INT(v.data[0].memcg.low_protection_kb, 8);
	OC_CHECK_INT(oc_oom_kv_get(&v.data[0].totals, "hugepages_total"),
		     200 * 2048);
	OC_CHECK_OK(oc_oom_analyze(&v.data[0], &a));
	OC_CHECK(has_finding(&a, "fragmentation"));
	OC_CHECK(!has_finding(&a, "watermark_exhausted"));
	OC_CHECK(has_finding(&a, "slab_unreclaimable"));
	OC_CHECK(has_finding(&a, "swap_none"));
	OC_CHECK(strstr(a.verdict, "Unreclaimable slab holds") != NULL);
	OC_CHECK(strstr(a.verdict, "order-3") != NULL);
	OC_CHECK_INT(a.totalpages, 1000000);
	OC_CHECK_INT(a.victim_match, OC_OOM_MATCH_YES);
	oc_oom_analysis_release(&a);
out:
	oc_oom_event_vec_release(&v);
}

/* A storm of lone kill lines does not push out a full report. */
static void caps(void)
{
	struct oc_log_parser *p;
	struct oc_oom_event_vec v = { 0 };
	struct oc_log_stats st;
	char line[160];
	int i, n;

	OC_CHECK_OK(oc_log_parser_new(&p));
	for (i = 0; i < OC_LOG_MAX_EVENTS; i++) {
		n = snprintf(
			line, sizeof(line),
			"Out of memory: Killed process %d (x) total-vm:1kB, anon-rss:1kB, file-rss:0kB",
			i + 1);
		OC_CHECK_OK(oc_log_parser_feed_line(p, line, (size_t)n));
	}
	n = snprintf(
		line, sizeof(line),
		"y invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0");
	OC_CHECK_OK(oc_log_parser_feed_line(p, line, (size_t)n));
	OC_CHECK_OK(oc_log_parser_finish(p, &v));
	oc_log_parser_stats(p, &st);
	OC_CHECK_INT(v.len, OC_LOG_MAX_EVENTS / 2 + 1);
	OC_CHECK_INT(st.events_not_kept, OC_LOG_MAX_EVENTS / 2);
	OC_CHECK(v.len && (v.data[v.len - 1].seen & OC_OOM_SEEN_HEADER));
	oc_log_parser_free(p);
	oc_oom_event_vec_release(&v);
}

/* journalctl -o json and -o verbose */
static void journal_formats(void)
{
	struct oc_oom_event_vec v = parse_text(
		"{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":\"a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\",\"_TRANSPORT\":\"kernel\"}\n"
		"{\"MESSAGE\":\"Mem-Info:\"}\n"
		"{\"MESSAGE\":\"active_anon:1 inactive_anon:2 isolated_anon:0\\n free:7 free_pcp:0 free_cma:0\"}\n"
		"{\"MESSAGE\":[1,2,3]}\n"
		"    MESSAGE=Out of memory: Killed process 5 (b\\u0020c) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n");

	OC_CHECK_INT(v.len, 1);
	if (v.len == 1) {
		OC_CHECK_STR(v.data[0].trigger.comm, "a");
		OC_CHECK_INT(oc_oom_kv_get(&v.data[0].meminfo, "free"), 7);
		OC_CHECK_INT(v.data[0].victim.pid, 5);
	}
	oc_oom_event_vec_release(&v);
}

static void garbage(void)
{
	struct oc_log_parser *p;
	struct oc_oom_event_vec v = { 0 };
	struct oc_log_stats st;
	char *big = malloc(3 * OC_LOG_LINE_MAX);
	unsigned int seed = 1;
	size_t i;

	OC_CHECK_OK(oc_log_parser_new(&p));
	for (i = 0; i < 3 * OC_LOG_LINE_MAX; i++) {
		seed = seed * 1103515245 + 12345;
		big[i] = (char)(seed >> 16);
	}
	OC_CHECK_OK(oc_log_parser_feed_line(p, big, 3 * OC_LOG_LINE_MAX));
	memset(big, '[', 3 * OC_LOG_LINE_MAX);
	OC_CHECK_OK(oc_log_parser_feed_line(p, big, 3 * OC_LOG_LINE_MAX));
	OC_CHECK_OK(oc_log_parser_feed_line(p, "Killed process 5 (", 18));
	OC_CHECK_OK(oc_log_parser_feed_line(p, "[ 1]", 4));
	OC_CHECK_OK(oc_log_parser_feed_line(p, "Node 0 DMA: 1*", 14));
	OC_CHECK_OK(oc_log_parser_feed_line(p, "oom-kill:", 9));
	OC_CHECK_OK(oc_log_parser_feed_line(p, "", 0));
	OC_CHECK_OK(oc_log_parser_finish(p, &v));
	oc_log_parser_stats(p, &st);
	OC_CHECK_INT(st.long_lines, 2);
	OC_CHECK(v.len >= 1);
	oc_log_parser_free(p);
	oc_oom_event_vec_release(&v);
	free(big);
}

int main(void)
{
	records();
	not_oom();
	several();
	wrapped();
	analysis();
	caps();
	journal_formats();
	garbage();
	return oc_test_done();
}

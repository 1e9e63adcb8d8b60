#!/usr/bin/env bash
# The real OOM reports of tests/log/fixtures (copied from the shared set):
# victim, printed score, constraint, and the recomputed badness.
. "$(dirname "$0")/lib.bash"
rc=0

# 2.6.32 RHEL 6, syslog, global, swap exhausted, no swap column
check "$FIX/2.6.32-i686-syslog-score457.log" \
	'len(ev) == 1' \
	'e["victim"]["pid"] == 18906 and e["victim"]["score"] == 457' \
	'e["victim"]["uid"] == 0' \
	'a["constraint"]["value"] == "CONSTRAINT_NONE"' \
	'e["kernel"]["version"] == "2.6.32-358.6.1.el6.i686" and e["kernel"]["arch"] == "i686"' \
	'e["trigger"]["gfp_mask_hex"] == "0x280da" and e["trigger"]["gfp_flags"] == ["GFP_HIGHUSER_MOVABLE", "__GFP_ZERO"]' \
	'e["task_columns"][-3:] == ["oom_adj", "oom_score_adj", "name"] and len(e["tasks"]) == 28' \
	'a["score_match"] == "cannot_check" and a["totalpages_pages"] == 379627' \
	'128000 < a["implied_missing_pages"] < 128500' \
	'byid(a, "swap_exhausted")' || rc=1

# 3.10 RHEL 7 memcg with a memory+swap limit: 750 without the root bonus
check "$FIX/3.10-rhel7-memcg-docker-score750.log" \
	'len(ev) == 1 and e["memcg_oom"]' \
	'e["victim"]["selected_pid"] == 14728 and e["victim"]["pid"] == 14728 and e["victim"]["score"] == 750' \
	'a["constraint"]["value"] == "CONSTRAINT_MEMCG"' \
	'e["memcg"]["memsw"]["limit_kb"] == 204800 and e["memcg"]["version"] == "v1"' \
	'a["totalpages_pages"] == 51200' \
	'a["recomputed_victim"]["pid"] == 14728 and a["recomputed_victim"]["points"] == 38439 and a["recomputed_victim"]["score"] == 750' \
	'a["recomputed_victim"]["root_bonus_pages"] == 0' \
	'a["victim_match"] == "yes" and a["score_match"] == "yes"' \
	'"CAP_SYS_ADMIN" in a["match_text"]' \
	'a["runner_up"]["pid"] == 14727' || rc=1

# 3.10 memcg with vm.oom_dump_tasks=0
check "$FIX/3.10-rhel7-memcg-docker-no-dump-tasks.log" \
	'len(ev) == 1 and e["tasks"] == []' \
	'e["victim"]["pid"] == 14806 and e["victim"]["score"] == 634' \
	'a["constraint"]["value"] == "CONSTRAINT_MEMCG"' \
	'a["victim_match"] == "cannot_check"' \
	'32000 < a["implied_missing_pages"] < 33000' \
	'byid(a, "missing") and "task table" in byid(a, "missing")[0]["text"]' || rc=1

# 3.10 sysrq-f: tuned wins, score 0 because of 8 GB of free swap
check "$FIX/3.10-rhel7-sysrq-manual-oom.log" \
	'len(ev) == 1 and e["sysrq"]' \
	'e["victim"]["pid"] == 1065 and e["victim"]["comm"] == "tuned" and e["victim"]["score"] == 0' \
	'a["constraint"]["value"] == "CONSTRAINT_NONE"' \
	'a["totalpages_pages"] == 4180816 - 135272 + 8191996 // 4' \
	'a["recomputed_victim"]["pid"] == 1065 and a["recomputed_victim"]["rss_pages"] + a["recomputed_victim"]["pgtables_pages"] == 4162 + 91' \
	'a["victim_match"] == "yes" and a["score_match"] == "yes"' \
	'any(r["pid"] == 1067 and r["points"] == 1 for r in a["ranking"])' \
	'byid(a, "protected_tasks")' \
	'"SysRq" in a["verdict"]' || rc=1

# 4.10 global, no swap: 888 rebuilt from the table
check "$FIX/4.10-global-qemu-score888.log" \
	'len(ev) == 1' \
	'e["victim"]["selected_pid"] == 253 and e["victim"]["score"] == 888 and e["victim"]["pid"] == 253 and e["victim"]["source"] == "selection_line" and e["victim"]["total_vm_kb"] is None' \
	'a["constraint"]["value"] == "CONSTRAINT_NONE"' \
	'e["trigger"]["gfp_flags"] == ["GFP_HIGHUSER_MOVABLE", "__GFP_ZERO"] and e["trigger"]["gfp_flags_source"] == "printed"' \
	'a["totalpages_pages"] == 512073' \
	'a["recomputed_victim"]["points"] == 455067 and a["recomputed_victim"]["score"] == 888' \
	'a["recomputed_victim"]["root_bonus_pages"] == -14074' \
	'a["victim_match"] == "yes" and a["score_match"] == "yes"' \
	'byid(a, "watermark_exhausted") and byid(a, "pagetables") and byid(a, "swap_none")' || rc=1

# 4.19 memcg v1, header lost, cut after "Tasks state"
check "$FIX/4.19-memcg-v1-systemd-slice-truncated.log" \
	'len(ev) == 1 and e["memcg_oom"]' \
	'"header" not in e["sections"] and e["trigger"]["comm"] == "dnf" and e["trigger"]["pid"] == 95251' \
	'a["constraint"]["value"] == "CONSTRAINT_MEMCG"' \
	'e["memcg"]["path"] == "/infra.slice/kubeNodeAgent.service"' \
	'e["memcg"]["memory"]["usage_kb"] == e["memcg"]["memory"]["limit_kb"] == 1048576' \
	'e["memcg"]["stats"]["rss_kb"] == 1052304' \
	'e["victim"]["pid"] is None and e["tasks_state_line"]' \
	'"kill line" in byid(a, "missing")[0]["text"]' || rc=1

# 6.9 arm64 dmesg -T: an earlier event's reaper line, then kswapd's OOM
check "$FIX/6.9-arm64-kswapd-global-dmesg-T.log" \
	'len(ev) == 2' \
	'ev[0]["reaper"][0]["pid"] == 4959 and ev[0]["reaper"][0]["anon_rss_kb"] == 388' \
	'e["trigger"]["comm"] == "kswapd0" and e["kernel"]["arch"] == "arm64"' \
	'e["victim"]["pid"] == 5071 and e["victim"]["score"] is None' \
	'a["constraint"]["value"] == "CONSTRAINT_NONE" and a["constraint"]["source"] == "printed"' \
	'e["task_columns"][5:8] == ["rss_anon", "rss_file", "rss_shmem"]' \
	'a["totalpages_pages"] == 8388608 - 186771 + 33855916 // 4' \
	'a["recomputed_victim"]["pid"] == 5071 and a["recomputed_victim"]["score"] == 981' \
	'a["recomputed_victim"]["pgtables_pages"] == 22374600704 // 4096' \
	'a["victim_match"] == "yes"' \
	'byid(a, "pagetables") and byid(a, "swap_exhausted") and byid(a, "victim_pagetables")' || rc=1
exit $rc

#!/usr/bin/env bash
# Synthetic reports in the log styles and eras the shared set lacks (see
# fixtures/SOURCES.md): journalctl with a v2 memory.stat block and
# memory.oom.group, a hypervisor console prefix, /dev/kmsg with a
# panic_on_oom panic, HTML-escaped and email-wrapped 4.9 text after an
# allocation failure, and a bare mainline 2.6.32 report.
. "$(dirname "$0")/lib.bash"
rc=0

check "$FIX/synthetic-5.15-memcg-v2-oom-group-journal.log" \
	'len(ev) == 1 and e["first_line"] == 2' \
	'e["wallclock"] == "Mar 03 10:15:22.101010"' \
	'e["victim"]["pid"] == 41021 and e["victim"]["uid"] == 1000 and e["victim"]["pgtables_kb"] == 5176' \
	'a["constraint"] == {"value": "CONSTRAINT_MEMCG", "source": "printed"}' \
	'e["memcg"]["version"] == "v2" and e["memcg"]["stats"]["anon_bytes"] == 2123456512 and e["memcg"]["stats"]["pgfault"] == 1234567' \
	'e["memcg"]["swap"]["limit_kb"] == 0' \
	'[x["pid"] for x in e["extra_kills"]] == [40990, 41000, 41100] and all(x["kind"] == "oom_group" for x in e["extra_kills"])' \
	'e["reaper"][0]["pid"] == 41021' \
	'a["totalpages_pages"] == 524288 and a["totalpages_exact"]' \
	'a["recomputed_victim"]["pid"] == 41021 and a["recomputed_victim"]["points"] == 1040770 and a["recomputed_victim"]["score"] == 1985' \
	'a["recomputed_victim"]["adj_pages"] == 999 * 524' \
	'a["runner_up"]["pid"] == 41100 and a["victim_match"] == "yes"' \
	'[r["points"] for r in a["ranking"] if r["pid"] == 40990] == [-522944]' \
	'"oom_score would have read 1990" in a["match_text"]' \
	'byid(a, "oom_group")' || rc=1

check "$FIX/synthetic-4.19-memcg-v1-vmware-guest.log" \
	'len(ev) == 1 and e["timestamp_ns"] == 39291576990001000' \
	'e["kernel"]["version"] == "4.19.160-1.ph3"' \
	'e["trigger"]["comm"] == "node" and e["trigger"]["gfp_flags"] == ["GFP_KERNEL"]' \
	'e["memcg"]["memsw"]["limit_unlimited"] and not e["memcg"]["memory"]["limit_unlimited"]' \
	'[t["name"] for t in e["tasks"]] == ["pause", "npm start", "sh", "node"]' \
	'e["victim"]["selected_pid"] == 19388 and e["victim"]["score"] == 1906' \
	'a["totalpages_pages"] == 153600 and not a["totalpages_exact"]' \
	'a["recomputed_victim"]["score"] == 1906 and a["score_match"] == "yes"' \
	'[r["points"] for r in a["ranking"] if r["pid"] == 22921] == [1]' || rc=1

check "$FIX/synthetic-6.1-panic-on-oom-kmsg.log" \
	'len(ev) == 1 and e["timestamp_ns"] == 5000000100000' \
	'd["stats"]["kernel_version"] == "6.1.0-18-amd64"' \
	'"panic_on_oom" in e["panic"] and e["victim"]["pid"] is None' \
	'"kill" not in e["sections"] and byid(a, "panic")' \
	'a["totalpages_pages"] == 1048576 - 30000' \
	'a["recomputed_victim"]["pid"] == 2222 and a["recomputed_victim"]["score"] == 884' \
	'a["victim_match"] == "unknown"' \
	'e["nodes"][0]["all_unreclaimable"] is True and len(e["zones"]) == 3' || rc=1

check "$FIX/synthetic-4.9-html-email-wrapped.log" \
	'len(ev) == 2 and d["stats"]["non_oom_memdumps"] == 1' \
	'ev[0]["victim"]["selected_pid"] == 2001 and ev[0]["victim"]["score"] == 744' \
	'ev[0]["victim"]["pid"] == 2050 and ev[0]["victim"]["file_rss_kb"] == 2000' \
	'ev[0]["trigger"]["gfp_flags"] == ["GFP_HIGHUSER_MOVABLE", "__GFP_COLD"]' \
	'[z["fields"].get("managed_kb") for z in ev[0]["zones"]] == [15904, 3000000, 1003520]' \
	'ev[0]["meminfo"]["inactive_file_pages"] == 400' \
	'ev[0]["analysis"]["recomputed_victim"]["points"] == 1101510 and ev[0]["analysis"]["score_match"] == "yes"' \
	'[r["root_bonus_pages"] for r in ev[0]["analysis"]["ranking"] if r["pid"] == 900] == [-2103]' \
	'byid(ev[0]["analysis"], "sacrificed_child") and byid(ev[0]["analysis"], "swap_exhausted")' \
	'e["no_killable"] and e["panic"] == "System is deadlocked on memory"' \
	'e["kernel"]["version"] == "4.19.0-6-amd64"' || rc=1

check "$FIX/synthetic-2.6.32-mainline-bare.log" \
	'len(ev) == 1 and e["victim"]["pid"] == 4321 and e["victim"]["score"] == 2040321' \
	'e["trigger"]["oom_adj"] == 0 and e["trigger"]["oom_score_adj"] is None' \
	'e["trigger"]["gfp_flags"] == ["GFP_HIGHUSER_MOVABLE", "__GFP_COLD"] and e["trigger"]["gfp_flags_source"] == "decoded"' \
	'"2.6.32" in a["era"] and a["victim_match"] == "cannot_check"' \
	'byid(a, "watermark_exhausted")' || rc=1
# 5.10 NUMA: a cpuset-constrained OOM (totalpages = the allowed node),
# then vm.oom_kill_allocating_task, with dropped-message markers
check "$FIX/synthetic-5.10-cpuset-and-allocating-task.log" \
	'len(ev) == 2 and d["stats"]["dropped_markers"] == 2' \
	'ev[0]["analysis"]["constraint"] == {"value": "CONSTRAINT_CPUSET", "source": "printed"}' \
	'ev[0]["trigger"]["mems_allowed"] == "1" and ev[0]["trigger"]["cpuset"] == "batch"' \
	'ev[0]["analysis"]["totalpages_pages"] == 16777216 // 4' \
	'ev[0]["analysis"]["recomputed_victim"]["pid"] == 7001 and ev[0]["analysis"]["recomputed_victim"]["score"] == 931' \
	'ev[0]["analysis"]["victim_match"] == "yes"' \
	'byid(ev[0]["analysis"], "watermark_exhausted")' \
	'e["allocating_task"] and e["victim"]["pid"] == 8100 and e["victim"]["prefix"] == "Out of memory (oom_kill_allocating_task)"' \
	'a["victim_match"] == "unknown" and a["recomputed_victim"]["pid"] == 8000' \
	'byid(a, "allocating_task") and e["dropped_markers"] == 1 and byid(a, "dropped")' || rc=1

# the same reports cut at 80 columns must still name the victims
cut -c1-80 "$FIX/synthetic-5.10-cpuset-and-allocating-task.log" >"$TMPJ.cut"
check "$TMPJ.cut" \
	'len(ev) == 2 and ev[0]["victim"]["pid"] == 7001 and e["victim"]["pid"] == 8100' \
	'ev[0]["analysis"]["recomputed_victim"]["pid"] == 7001' \
	'ev[0]["bad_task_rows"] == 2 and byid(ev[0]["analysis"], "cut_rows")' || rc=1
rm -f "$TMPJ.cut"
exit $rc

"""Checks one dump's `oomcore report --json` against the kernel's log and
the guest's ORACLE lines. Prints ok/not ok lines; exits 1 on a failure.

usage: check_report.py NAME DMESG_TEXT REPORT_JSON CONSOLE_LOG
"""
import json
import os
import re
import sys

name, log_path, json_path, console_path = sys.argv[1:5]
fails = 0


def ok(msg):
    print(f"ok - {name}: {msg}")


def not_ok(msg):
    global fails
    fails += 1
    print(f"not ok - {name}: {msg}")


log = open(log_path, errors="replace").read().splitlines()
rep = json.load(open(json_path))
tasks = rep["tasks"]["list"]
events = rep.get("events", [])
panic = bool(events) and bool(events[-1].get("panic"))

STAMP = re.compile(r"^\[\s*\d+\.\d+\] ")
ROW = re.compile(r"^\[\s*(\d+)\]\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(-?\d+)"
                 r"\s+(\d+)\s+(-?\d+) (.*)$")


def last_table():
    """Rows of the last 6.1-style "Tasks state" table in the log."""
    start = None
    for i, line in enumerate(log):
        if line.endswith("Tasks state (memory values in pages):"):
            start = i
    if start is None:
        return None
    rows = {}
    for line in log[start + 2:]:
        m = ROW.match(STAMP.sub("", line))
        if not m:
            break
        pid = int(m.group(1))
        rows[pid] = dict(uid=int(m.group(2)), tgid=int(m.group(3)),
                         total_vm=int(m.group(4)), rss=int(m.group(5)),
                         pgtables_bytes=int(m.group(6)),
                         swapents=int(m.group(7)),
                         oom_score_adj=int(m.group(8)), name=m.group(9))
    return rows


def ours(t):
    return dict(uid=t["uid"], tgid=t["tgid"], total_vm=t["total_vm_pages"],
                rss=t["rss_pages"], pgtables_bytes=t["pgtables_bytes"],
                swapents=t["swapents_pages"] or 0,
                oom_score_adj=t["oom_score_adj"], name=t["mm_comm"])


def in_table_scope(t):
    """dump_tasks() skips init, kthreads and mm-less processes; a memcg
    OOM lists only the OOMing memcg's subtree (mem_cgroup_scan_tasks),
    a global one only tasks that may use the OOM's nodes
    (oom_cpuset_eligible)."""
    if t["kthread"] or t["tgid"] == 1 or t.get("mm_pid") is None:
        return False
    b = t.get("badness", {})
    return b.get("skip_reason") not in ("outside the OOM memcg",
                                        "no node in the OOM's cpuset")


# 1. The task table, on dumps taken at the panic of the OOM.
table = last_table()
if panic and table is not None:
    mine = {t["mm_pid"]: ours(t) for t in tasks if in_table_scope(t)}
    bad = 0
    for pid in sorted(set(table) | set(mine)):
        if table.get(pid) != mine.get(pid):
            bad += 1
            if bad <= 10:
                not_ok(f"task {pid}: kernel {table.get(pid)} != ours "
                       f"{mine.get(pid)}")
    if bad > 10:
        not_ok(f"... and {bad - 10} more rows differ")
    if not bad:
        ok(f"task table: {len(table)} rows equal the kernel's, "
           "every column")
elif panic:
    not_ok("no Tasks state table in the log of a panic_on_oom dump")

# 2. /proc/PID/oom_score printed by the guest before the eater.
oracle = {}
if os.path.exists(console_path):
    block = {}
    for line in open(console_path, errors="replace"):
        if line.startswith("ORACLE-BEGIN"):
            block = {}
        elif line.startswith("ORACLE task "):
            kv = dict(re.findall(r"(\w+)=(\S+)", line.split(" comm=")[0]))
            if kv.get("kthread") == "0":
                block[int(kv["pid"])] = kv
        elif line.startswith("ORACLE-END"):
            oracle = block
if panic and oracle:
    by_pid = {t["tgid"]: t for t in tasks}
    checked = 0
    for pid, kv in sorted(oracle.items()):
        t = by_pid.get(pid)
        if t is None:   # the oracle itself has exited
            continue
        checked += 1
        got = t["badness"]["proc_oom_score"]
        if got != int(kv["oom_score"]):
            not_ok(f"pid {pid} oom_score: guest {kv['oom_score']}, "
                   f"ours {got}")
    if checked:
        ok(f"/proc oom_score of {checked} processes equal the guest's")
    else:
        not_ok("no ORACLE process is left in the dump")

# 3. The oom_control of the OOM that panicked.
ctl = rep.get("oom_control", {})
if panic:
    ev = events[-1]
    if not ctl.get("found"):
        not_ok(f"oom_control not found: {ctl}")
    elif (ctl["gfp_mask"], ctl["order"]) != (ev["trigger"]["gfp_mask"],
                                             ev["trigger"]["order"]):
        not_ok(f"oom_control gfp/order {ctl['gfp_mask']:#x}/"
               f"{ctl['order']} != log {ev['trigger']['gfp_mask']}/"
               f"{ev['trigger']['order']}")
    else:
        want = {"memcg": "CONSTRAINT_MEMCG", "numa": "CONSTRAINT_CPUSET"}
        want = want.get(name.split("/")[-1], "CONSTRAINT_NONE")
        if ctl.get("constraint") != want:
            not_ok(f"oom_control constraint {ctl.get('constraint')} != "
                   f"{want}")
        elif ctl.get("totalpages") != rep["tasks"]["totalpages"]:
            not_ok("totalpages used for scoring is not oom_control's")
        else:
            ok(f"oom_control on pid {ctl['stack_of_pid']}'s stack: "
               f"gfp_mask {ctl['gfp_mask']:#x} order {ctl['order']} "
               f"{ctl['constraint']} totalpages {ctl['totalpages']}")

# 4. Completed kills: the recomputed victim is the one killed.
kills = [e for e in events if e["victim"]["pid"] is not None]
for i, e in enumerate(kills):
    a = e.get("analysis") or {}
    predicted = (a.get("recomputed_victim") or {}).get("pid")
    if predicted == e["victim"]["pid"]:
        ok(f"kill {i + 1}: predicted victim {e['victim']['pid']} "
           f"({e['victim']['comm']}) was killed")
    else:
        not_ok(f"kill {i + 1}: killed {e['victim']['pid']} "
               f"({e['victim']['comm']}), predicted {predicted}")
if not panic and not kills:
    not_ok("neither a panic nor a completed kill in the log")
sys.exit(1 if fails else 0)

#!/usr/bin/python3
# The walks `oomcore report` does, written with drgn 0.0.22 (Debian
# python3-drgn), for the benchmark: every task with its mm counters and
# oom_score_adj, every zone with its counters, watermarks and free lists,
# every memory cgroup with its usage and limit, and the kernel log.
#   drgn_report.py VMLINUX VMCORE   (prints a short summary)
import sys

import drgn
from drgn import container_of
from drgn.helpers.linux.cpumask import for_each_present_cpu
from drgn.helpers.linux.cgroup import css_for_each_descendant_pre
from drgn.helpers.linux.nodemask import for_each_online_node
from drgn.helpers.linux.percpu import per_cpu_ptr
from drgn.helpers.linux.pid import for_each_task
from drgn.helpers.linux.printk import get_dmesg

vmlinux, vmcore = sys.argv[1], sys.argv[2]
prog = drgn.Program()
prog.set_core_dump(vmcore)
prog.load_debug_info([vmlinux])

cpus = list(for_each_present_cpu(prog))

# Tasks: mm counters (atomic or per-CPU), page tables, swap, oom_score_adj.
tasks = []
for t in for_each_task(prog):
    rss = [0, 0, 0, 0]
    pgtables = 0
    mm = t.mm
    if mm:
        counts = mm.rss_stat.count
        for i in range(len(counts)):
            c = counts[i]
            if c.type_.type_name() == "struct percpu_counter":
                v = c.count.value_()
                for cpu in cpus:
                    v += per_cpu_ptr(c.counters, cpu)[0].value_()
            else:
                v = c.counter.value_()
            rss[i] = v
        pgtables = mm.pgtables_bytes.counter.value_()
    tasks.append((t.pid.value_(), t.comm.string_(), rss, pgtables,
                  t.signal.oom_score_adj.value_()))

# Zones: counters, watermarks, free lists per order and migrate type.
zones = []
for nid in for_each_online_node(prog):
    pgdat = prog["node_data"][nid]
    for z in pgdat.node_zones:
        if not z.present_pages:
            continue
        areas = []
        for order in range(len(z.free_area)):
            fa = z.free_area[order]
            areas.append(fa.nr_free.value_())
        zones.append((z.name.string_(), z.managed_pages.counter.value_(),
                      [w.value_() for w in z._watermark],
                      [s.counter.value_() for s in z.vm_stat], areas))

# Memory cgroups: usage, limit, swap, per-group counters.
memcgs = []
root = prog["root_mem_cgroup"]
if root:
    for css in css_for_each_descendant_pre(root.css.address_of_()):
        memcg = container_of(css, "struct mem_cgroup", "css")
        memcgs.append((css.cgroup.kn.name.string_(),
                       memcg.memory.usage.counter.value_(),
                       memcg.memory.max.value_(),
                       memcg.swap.usage.counter.value_(),
                       [s.value_() for s in memcg.vmstats.state]))

log = get_dmesg(prog)
print("tasks %d zones %d memcgs %d log %d bytes" %
      (len(tasks), len(zones), len(memcgs), len(log)))

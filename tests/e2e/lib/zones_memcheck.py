#!/usr/bin/env python3
"""Compares the LAST Mem-Info block of a dump's kernel log with
`oomcore zones --json` of the same dump.

usage: zones_memcheck.py DMESG_JSON ZONES_JSON [CONSOLE_LOG]
  DMESG_JSON  output of `oomcore dmesg --json -k VMLINUX VMCORE`
  ZONES_JSON  output of `oomcore zones --json -k VMLINUX VMCORE`
  CONSOLE_LOG the guest's serial console, "[ secs] text" lines: used when
              the dump's log buffer no longer holds a Mem-Info block (a
              long task list can overwrite it in the ring buffer)

Exit 0 when every printed figure matches (or moved as allowed below), 1
with one MISMATCH line per figure otherwise, 77 when the log has no
Mem-Info block (a memcg OOM prints none).

Only what the kernel printed is compared: the OOM Mem-Info filters nodes
(SHOW_MEM_FILTER_NODES) and, from 6.1, zones above gfp_zone(); the
global free_pcp is compared with the sum over the printed zones, as
__show_free_areas() sums it.

When the report was printed and when the dump was taken.
* OOM panic (panic_on_oom: the OOM block ends in "Kernel panic - not
  syncing: Out of memory"): the dump follows the printout by a few ms, but
  until panic()'s smp_send_stop() the other CPUs keep running. We saw
  them (6.1-tiny/global) fold vm_stat_diff deltas into the atomics, free
  pages onto their pcp lists, and kswapd fail its 16th run and shrink
  reclaimable slab. So, besides exact equality, exactly these relations
  are accepted, each one printed as "moved":
  R1 VM counter P (printed atomic) vs our exact E (atomic + all CPUs'
     vm_stat_diff at dump time): |P - E| <= sum of the CPUs'
     stat_threshold. Folding moves a delta between a CPU and the atomic
     and no |vm_stat_diff| exceeds its threshold, so this bound holds
     when only folding happened.
  R2 free pages: pages move between pcp lists and the buddy lists
     (drains, refills) and reclaimed slab pages land on a pcp list, so
     G = (E_free + pcp) - (P_free + P_pcp) + (E_slab_r - P_slab_r)
     is conserved: |G| <= the zone and node thresholds (global block; in
     the zone lines free and free_pcp use the zone's own E/P and the same
     slab term when the node has one zone). Used for free, free_pcp and
     slab_reclaimable, which must not have grown (reclaim only shrinks).
  R3 local_pcp is the panicking CPU's pcp count: it was printing, then
     panicking, so it must match EXACTLY.
  R4 all_unreclaimable? printed "no" and "yes" in the dump only when
     kswapd_failures == 16 (MAX_RECLAIM_RETRIES): kswapd failed its 16th
     run after the print, and a kswapd at 16 is never woken again.
  The buddy lines, watermarks, lowmem_reserve, sizes and the tail must
  match exactly.
* Any other panic (e.g. sysrq after the OOM killer killed its victims):
  the last Mem-Info was printed long before the dump, after which the
  victims freed their memory. Only the configuration figures (zone
  sizes, watermarks, lowmem_reserve, pages RAM/reserved/HighMem, total
  swap, hugepage sizes) are compared; the rest is counted as "not
  comparable".
"""
import json
import re
import sys

PAIR = re.compile(r'([A-Za-z_()]+):\s?(-?\d+)([kK]B)?')


def log_lines(dmesg):
    out = []
    for r in dmesg["records"]:
        t = r.get("text")
        if t is None:
            continue
        out.extend(t.split("\n"))
    return out


def parse_meminfo(lines):
    start = None
    for i, l in enumerate(lines):
        if l.strip() == "Mem-Info:":
            start = i
    if start is None:
        return None
    m = {"global": {}, "nodes": {}, "zones": [], "buddy": [], "huge": [],
         "tail": {}}
    i = start + 1
    state = "global"
    zone_re = re.compile(r'^(?:Node (\d+) )?(\w+) free:(\d+)kB boost:')
    zone_old_re = re.compile(r'^(?:Node (\d+) )?(\w+) free:(\d+)kB min:')
    buddy_re = re.compile(r'^(?:Node (\d+) )?(\w+): ((?:\d+\*\d+kB '
                          r'(?:\([A-Z]*\) )?)+)= (\d+)kB$')
    huge_re = re.compile(r'^Node (\d+) hugepages_total=(\d+) '
                         r'hugepages_free=(\d+) hugepages_surp=(\d+) '
                         r'hugepages_size=(\d+)kB$')
    tails = [
        ("pagecache", re.compile(r'^(\d+) total pagecache pages$')),
        ("swapcache", re.compile(r'^(\d+) pages in swap cache$')),
        ("free_swap_kb", re.compile(r'^Free swap  = (-?\d+)kB$')),
        ("total_swap_kb", re.compile(r'^Total swap = (\d+)kB$')),
        ("pages_ram", re.compile(r'^(\d+) pages RAM$')),
        ("pages_highmem", re.compile(r'^(\d+) pages HighMem/MovableOnly$')),
        ("pages_reserved", re.compile(r'^(\d+) pages reserved$')),
        ("cma_reserved", re.compile(r'^(\d+) pages cma reserved$')),
        ("hwpoisoned", re.compile(r'^(\d+) pages hwpoisoned$')),
    ]
    last_zone = None
    while i < len(lines):
        l = lines[i].strip()
        i += 1
        if not l:
            continue
        if state == "global" and not l.startswith("Node ") and \
                not zone_re.match(l):
            for k, v, _ in PAIR.findall(l):
                m["global"][k] = int(v)
            continue
        state = "rest"
        mm = re.match(r'^Node (\d+) active_anon:', l)
        if mm:
            d = {k: int(v) for k, v, _ in PAIR.findall(l)}
            au = re.search(r'all_unreclaimable\? (yes|no)', l)
            d["all_unreclaimable"] = au.group(1) == "yes" if au else None
            m["nodes"][int(mm.group(1))] = d
            continue
        mm = zone_re.match(l) or zone_old_re.match(l)
        if mm:
            d = {k: int(v) for k, v, _ in PAIR.findall(l[len(mm.group(2)) +
                                                           (l.find(mm.group(2))):])}
            last_zone = {"node": int(mm.group(1) or 0), "name": mm.group(2),
                         "f": d, "lowmem": None}
            m["zones"].append(last_zone)
            continue
        if l.startswith("lowmem_reserve[]:"):
            if last_zone is not None:
                last_zone["lowmem"] = [int(x) for x in l.split(":")[1].split()]
            continue
        mm = buddy_re.match(l)
        if mm:
            orders = re.findall(r'(\d+)\*(\d+)kB (?:\(([A-Z]*)\) )?',
                                mm.group(3))
            m["buddy"].append({"node": int(mm.group(1) or 0),
                               "name": mm.group(2),
                               "orders": [(int(a), int(b), c if a != "0"
                                           else None) for a, b, c in orders],
                               "total_kb": int(mm.group(4))})
            continue
        mm = huge_re.match(l)
        if mm:
            m["huge"].append(tuple(int(x) for x in mm.groups()))
            continue
        matched = False
        for key, rx in tails:
            mm = rx.match(l)
            if mm:
                m["tail"][key] = int(mm.group(1))
                matched = True
                break
        if matched:
            continue
        if l.startswith("Swap cache stats:"):
            continue
        if "pages_reserved" in m["tail"]:
            break   # past the end of the block
        # Another CPU's message interleaved: ignore it.
    return m


def oom_panic_after(lines):
    """True when the last Mem-Info's OOM block ends in an OOM panic."""
    start = max(i for i, l in enumerate(lines) if l.strip() == "Mem-Info:")
    for l in lines[start + 1:]:
        if "Killed process" in l or "invoked oom-killer" in l:
            return False
        if "Kernel panic - not syncing" in l:
            return "Out of memory" in l
    return False


class Checker:
    def __init__(self):
        self.fails = 0
        self.checks = 0
        self.moved = []
        self.skipped = 0

    def eq(self, what, printed, ours, relation=None):
        """relation: None, or (ok, text) when the figure may have moved."""
        self.checks += 1
        if printed == ours:
            return
        if relation is not None:
            ok, text = relation
            if ok:
                self.moved.append(f"{what}: printed {printed}, dump {ours}"
                                  f" ({text})")
                return
            print(f"MISMATCH {what}: printed {printed}, ours {ours}; "
                  f"relation fails: {text}")
        else:
            print(f"MISMATCH {what}: printed {printed}, ours {ours}")
        self.fails += 1


def kb(z, pages):
    return None if pages is None else pages * z["page_kb"]


def r1(printed_pages, exact_pages, thresh):
    """R1: folding alone moves a counter by at most the thresholds."""
    if exact_pages is None or thresh is None or thresh < 0:
        return (False, "no exact value/threshold")
    d = abs(printed_pages - exact_pages)
    return (d <= thresh, f"R1 |printed - exact {exact_pages}| = {d} <= "
            f"thresholds {thresh}")


def main():
    with open(sys.argv[1]) as f:
        dmesg = json.load(f)
    with open(sys.argv[2]) as f:
        z = json.load(f)
    lines = log_lines(dmesg)
    m = parse_meminfo(lines)
    if m is None and len(sys.argv) > 3:
        with open(sys.argv[3], errors="replace") as f:
            lines = [re.sub(r'^\[\s*\d+\.\d+\] ', '', l.rstrip("\r\n"))
                     for l in f]
        m = parse_meminfo(lines)
        if m is not None:
            print("Mem-Info no longer in the dump's log buffer: "
                  "compared with the console log")
    if m is None:
        print("no Mem-Info block in the log")
        return 77
    live = oom_panic_after(lines)
    c = Checker()
    gn, gz = z["global"]["node"], z["global"]["zone"]
    gne, gze = z["global"]["node_exact"], z["global"]["zone_exact"]
    zones_by = {(zz["node"], zz["name"]): zz for zz in z["zones"]}
    nodes_by = {n["id"]: n for n in z["nodes"]}
    printed_zones = [zones_by.get((pz["node"], pz["name"]))
                     for pz in m["zones"]]
    zthresh = sum(max(zz["stat_threshold_sum"] or 0, 0) for zz in z["zones"])
    nthresh = sum(max(n["stat_threshold_sum"] or 0, 0) for n in z["nodes"])

    def dyn(what, printed, ours, relation):
        """A figure that changes at run time: only for an OOM panic."""
        if live:
            c.eq(what, printed, ours, relation)
        else:
            c.skipped += 1

    # R2 at the global level.
    pz_ok = [pz for pz in printed_zones if pz]
    p_pcp = m["global"].get("free_pcp")
    p_free = m["global"].get("free")
    p_slab = m["global"].get("slab_reclaimable")
    d_slab = (gne["slab_reclaimable"] - p_slab
              if p_slab is not None and gne.get("slab_reclaimable")
              is not None else 0)
    r2 = (False, "R2 not computable")
    if None not in (p_pcp, p_free, gze.get("free")):
        g = (gze["free"] + sum(pz["free_pcp"] for pz in pz_ok)) - \
            (p_free + p_pcp) + d_slab
        r2 = (abs(g) <= zthresh + nthresh and d_slab <= nthresh,
              f"R2 free+pcp+slab_reclaimable conserved: G = {g}, |G| <= "
              f"{zthresh + nthresh}; slab_reclaimable moved {d_slab}")

    # Global block.
    for k, v in m["global"].items():
        key = {"isolated_anon": "isolated_anon"}.get(k, k)
        if k == "free_pcp":
            dyn("global free_pcp (sum over printed zones)", v,
                sum(pz["free_pcp"] for pz in pz_ok), r2)
        elif k == "free":
            dyn("global free", v, gz["free"], r2)
        elif k == "slab_reclaimable":
            dyn("global slab_reclaimable", v, gn.get(key), r2)
        elif k in ("bounce", "free_cma"):
            dyn(f"global {k}", v, gz.get(k), r1(v, gze.get(k), zthresh))
        elif key in gn:
            dyn(f"global {k}", v, gn[key], r1(v, gne.get(key), nthresh))
        else:
            c.eq(f"global {k}", v, "(unknown to us)")

    # Node lines.
    nmap = {"isolated(anon)": "isolated_anon",
            "isolated(file)": "isolated_file",
            "kernel_stack": "kernel_stack_kb",
            "shadow_call_stack": "shadow_call_stack_kb"}
    for nid, d in m["nodes"].items():
        n = nodes_by.get(nid)
        if n is None:
            c.eq(f"node {nid}", "printed", None)
            continue
        th = n["stat_threshold_sum"]
        for k, v in d.items():
            if k == "all_unreclaimable":
                dyn(f"node {nid} all_unreclaimable?", v,
                    n["all_unreclaimable"],
                    (v is False and n["kswapd_failures"] == 16,
                     f"R4 kswapd_failures {n['kswapd_failures']} == 16"))
                continue
            key = nmap.get(k, k)
            if key not in n["stat"]:
                c.eq(f"node {nid} {k}", v, "(unknown to us)")
                continue
            val, exact, t = n["stat"][key], n["stat_exact"][key], th
            if not key.endswith("_kb"):
                val, exact = kb(z, val), kb(z, exact)
                t = kb(z, th)
            if key == "slab_reclaimable":
                dyn(f"node {nid} {k} (kB)", v, val, r2)
            else:
                dyn(f"node {nid} {k} (kB)", v, val, r1(v, exact, t))

    # Zone lines and lowmem_reserve.
    static = {"boost": "boost", "min": "min", "low": "low", "high": "high",
              "present": "present", "managed": "managed",
              "spanned": "spanned"}
    for pz, oz in zip(m["zones"], printed_zones):
        name = f"node {pz['node']} {pz['name']}"
        if oz is None:
            c.eq(name, "printed", None)
            continue
        one_zone = sum(1 for zz in z["zones"]
                       if zz["node"] == oz["node"]) == 1
        zr2 = (False, "R2 not computable")
        pf, pp = pz["f"].get("free"), pz["f"].get("free_pcp")
        if not one_zone and pf is not None and pp is not None:
            # Reclaimed slab pages may land in any zone: the slab term
            # bounds the zone's share of it.
            g = (oz["stat_exact"]["free"] + oz["free_pcp"]) - \
                (pf + pp) // z["page_kb"]
            th = max(oz["stat_threshold_sum"], 0) + nthresh + abs(d_slab)
            zr2 = (abs(g) <= th, f"R2 zone free+pcp conserved: G = {g}, "
                   f"|G| <= thresholds + |slab_reclaimable moved| {th}")
        elif pf is not None and pp is not None:
            nd = nodes_by[oz["node"]]
            # 6.1 prints slab only in the global block: usable for the
            # zone when it is the only populated zone of the system.
            ds = d_slab if len(z["zones"]) == 1 else 0
            g = (oz["stat_exact"]["free"] + oz["free_pcp"]) - \
                (pf + pp) // z["page_kb"] + ds
            th = max(oz["stat_threshold_sum"], 0) + \
                max(nd["stat_threshold_sum"], 0)
            zr2 = (abs(g) <= th, f"R2 zone free+pcp conserved: G = {g}, "
                   f"|G| <= {th}")
        for k, v in pz["f"].items():
            if k in static:
                c.eq(f"{name} {k} (kB)", v, kb(z, oz[static[k]]))
            elif k == "reserved_highatomic":
                dyn(f"{name} {k} (kB)", v, kb(z, oz[k]), None)
            elif k in ("free", "free_pcp"):
                ours = oz["stat"]["free"] if k == "free" else oz["free_pcp"]
                dyn(f"{name} {k} (kB)", v, kb(z, ours), zr2)
            elif k == "local_pcp":
                dyn(f"{name} local_pcp (kB), CPU {z['panic_cpu']}", v,
                    kb(z, oz["local_pcp"]), None)
            elif k in oz["stat"]:
                dyn(f"{name} {k} (kB)", v, kb(z, oz["stat"][k]),
                    r1(v, kb(z, oz["stat_exact"][k]),
                       kb(z, oz["stat_threshold_sum"])))
            else:
                c.eq(f"{name} {k}", v, "(unknown to us)")
        c.eq(f"{name} lowmem_reserve", pz["lowmem"], oz["lowmem_reserve"])

    # Buddy lines: read under zone->lock by the kernel.
    for b in m["buddy"]:
        name = f"node {b['node']} {b['name']} buddy"
        oz = zones_by.get((b["node"], b["name"]))
        if oz is None:
            c.eq(name, "printed", None)
            continue
        c.eq(f"{name} orders", len(b["orders"]), z["nr_orders"])
        for o, (cnt, size, letters) in enumerate(b["orders"]):
            if o >= len(oz["free_area"]):
                break
            fa = oz["free_area"][o]
            c.eq(f"{name} order {o} size kB", size, z["page_kb"] << o)
            dyn(f"{name} order {o} count", cnt, fa["nr_free"], None)
            if letters is not None:
                dyn(f"{name} order {o} types", letters, fa["types"], None)
        dyn(f"{name} total kB", b["total_kb"],
            kb(z, oz["free_buddy_pages"]), None)

    # Hugepages, per printed node and hstate, in hstate order.
    per_node = {}
    for nid, tot, free, surp, size in m["huge"]:
        per_node.setdefault(nid, []).append((tot, free, surp, size))
    for nid, hs in per_node.items():
        n = nodes_by.get(nid)
        ohs = n["hugepages"] if n else []
        c.eq(f"node {nid} hstates", len(hs), len(ohs))
        for h, ((tot, free, surp, size), oh) in enumerate(zip(hs, ohs)):
            c.eq(f"node {nid} hstate {h} size kB", size, oh["size_kb"])
            dyn(f"node {nid} hstate {h} total", tot, oh["total"], None)
            dyn(f"node {nid} hstate {h} free", free, oh["free"], None)
            dyn(f"node {nid} hstate {h} surp", surp, oh["surp"], None)
    if not m["huge"]:
        c.eq("hstates (none printed)", 0, len(z["hstates"]))

    # The tail. A line the kernel did not print must be absent in ours.
    t = m["tail"]
    tmap = {"pagecache": ("pagecache", 1, "file_pages", True),
            "swapcache": ("swapcache", 1, "swapcache", True),
            "free_swap_kb": ("free_swap", z["page_kb"], None, True),
            "total_swap_kb": ("total_swap", z["page_kb"], None, False),
            "pages_ram": ("pages_ram", 1, None, False),
            "pages_highmem": ("pages_highmem", 1, None, False),
            "pages_reserved": ("pages_reserved", 1, None, False),
            "cma_reserved": ("cma_reserved", 1, None, False),
            "hwpoisoned": ("hwpoisoned", 1, None, True)}
    for key, (ok, mul, item, dynamic) in tmap.items():
        ours = z.get(ok)
        ours = None if ours is None else ours * mul
        if key not in t:
            c.eq(f"{key} (not printed)", None, ours)
            continue
        rel = r1(t[key], gne.get(item), nthresh) if item else None
        if dynamic:
            dyn(key, t[key], ours, rel)
        else:
            c.eq(key, t[key], ours)

    # Our own consistency: walked blocks add up to nr_free and a list is
    # non-empty exactly when it holds blocks.
    for oz in z["zones"]:
        name = f"node {oz['node']} {oz['name']}"
        if not oz["walk_complete"]:
            c.eq(f"{name} free-list walk complete", True, False)
            continue
        for fa in oz["free_area"]:
            blocks = fa["blocks"]
            c.eq(f"{name} order {fa['order']} sum of walked blocks",
                 fa["nr_free"], sum(blocks.values()))
            letters = "".join(mt["letter"] or "" for mt in z["migratetypes"]
                              if blocks[mt["name"]])
            c.eq(f"{name} order {fa['order']} walked types", fa["types"],
                 letters)

    print(f"{c.checks} figures compared, {c.fails} mismatches, "
          f"{len(c.moved)} moved, {c.skipped} not comparable"
          + ("" if live else " (report printed long before the panic)"))
    for mv in c.moved:
        print(f"  moved: {mv}")
    return 1 if c.fails else 0


if __name__ == "__main__":
    sys.exit(main())

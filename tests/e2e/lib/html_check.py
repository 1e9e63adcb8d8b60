#!/usr/bin/env python3
"""Checks an oomcore HTML report against the JSON of the same input.

  html_check.py report DOM.html REPORT.json [PAGE.html]
  html_check.py log    DOM.html LOG.json    [PAGE.html]
  html_check.py png    SCREENSHOT.png

DOM.html is what headless Chromium rendered (--dump-dom); PAGE.html, the
file oomcore wrote, is checked for self-containment (no script, nothing
fetched). The numbers on the page (data- attributes and cell text, see
src/report/html.c) must equal the JSON. Prints ok/not ok lines; exit 1
on any failure.
"""
import json
import re
import struct
import sys
import zlib
from html.parser import HTMLParser

FAILS = 0


def ok(cond, what):
    global FAILS
    if cond:
        print(f"ok - {what}")
    else:
        FAILS += 1
        print(f"not ok - {what}")


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.text = [], []

    def classes(self):
        return self.attrs.get("class", "").split()

    def all_text(self):
        out = list(self.text)
        for c in self.children:
            out.append(c.all_text())
        return "".join(out)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


VOID = {"meta", "link", "br", "img", "input", "hr", "col", "area", "base",
        "source", "wbr"}


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.text.append(data)


def parse(path):
    t = Tree()
    t.feed(open(path, encoding="utf-8").read())
    return t.root


def find(root, tag=None, cls=None):
    return [n for n in root.walk()
            if (tag is None or n.tag == tag) and
            (cls is None or cls in n.classes())]


def num(v):
    return None if v in (None, "") else int(v)


def self_contained(page, drawable=True):
    src = open(page, encoding="utf-8").read()
    ok("<script" not in src.lower(), "page has no script")
    ok(not re.search(r'(src|href)\s*=\s*"(https?:)?//', src, re.I),
       "page loads nothing from the network")
    ok("<link" not in src.lower(), "page links no stylesheet")
    # a log whose events have no task table, zones or memcg has no chart
    if drawable:
        ok("<svg" in src, "page draws SVG")


def cells(row):
    return [c.all_text().strip() for c in row.children if c.tag == "td"]


def check_tasks(root, ev, tasks_by_pid, victim, runner, totalpages, what):
    ok(num(ev.attrs.get("data-victim-pid")) == victim,
       f"{what}: victim pid {ev.attrs.get('data-victim-pid')} == {victim}")
    ok(num(ev.attrs.get("data-runner-up-pid")) == runner,
       f"{what}: runner-up pid {ev.attrs.get('data-runner-up-pid')} "
       f"== {runner}")
    ok(num(ev.attrs.get("data-totalpages")) == totalpages,
       f"{what}: totalpages {totalpages}")
    rows = find(ev, "tr", "task")
    eligible = [r for r in rows if r.attrs.get("data-eligible") == "1"]
    want = {p: t for p, t in tasks_by_pid.items() if t["eligible"]}
    ok(len(eligible) == len(want),
       f"{what}: {len(eligible)} eligible task rows == {len(want)} in JSON")
    bad = []
    for r in eligible:
        pid = int(r.attrs["data-pid"])
        t = want.get(pid)
        if t is None:
            bad.append(f"pid {pid} not in JSON")
            continue
        for attr, key in (("data-points", "points"), ("data-score", "score"),
                          ("data-rss", "rss"), ("data-swap", "swap"),
                          ("data-pgtables", "pgtables"),
                          ("data-root-bonus", "root_bonus"),
                          ("data-adj", "adj")):
            if num(r.attrs.get(attr)) != t[key]:
                bad.append(f"pid {pid} {attr} {r.attrs.get(attr)} != "
                           f"{t[key]}")
        c = cells(r)
        if str(t["points"]) not in c:
            bad.append(f"pid {pid}: points {t['points']} not shown: {c}")
        role = ("victim" if pid == victim else
                "runner-up" if pid == runner else "")
        if r.attrs.get("data-role") != role:
            bad.append(f"pid {pid} role {r.attrs.get('data-role')!r}")
    ok(not bad, f"{what}: every task's points and terms equal the JSON" +
       ("".join("\n    " + b for b in bad[:10])))
    bars = {int(g.attrs["data-pid"]): g for g in find(ev, "g", "bar")}
    if victim is not None:
        vb = bars.get(victim)
        ok(vb is not None and "VICTIM" in vb.all_text() and
           str(want[victim]["points"]) in vb.all_text(),
           f"{what}: the victim's bar is drawn and marked")
        ok(any(int(s.attrs.get("data-pid", -1)) == victim
               for s in find(ev, "svg", "terms-chart")),
           f"{what}: the victim's score terms are drawn")
    if runner is not None:
        rb = bars.get(runner)
        ok(rb is not None and "RUNNER-UP" in rb.all_text(),
           f"{what}: the runner-up's bar is drawn and marked")


def check_report(dom, js):
    d = json.load(open(js))
    root = parse(dom)
    evs = find(root, "section", "event")
    ok(len(evs) == 1, "one event section")
    ev = evs[0]
    verdict = find(root, "div", "verdict")
    if d["analysis"]:
        ok(verdict and verdict[0].all_text().strip() ==
           d["analysis"]["verdict"].strip(), "verdict equals the JSON")
        ok(len(find(ev, "li", "finding")) == len(d["analysis"]["findings"]),
           "every finding is shown")
    tj = d["tasks"]
    by_pid = {}
    for t in tj["list"]:
        b = t.get("badness") or {}
        if t["kthread"] or t.get("mm_pid") is None and not b:
            continue
        by_pid[t["tgid"]] = {
            "eligible": b.get("eligible", False),
            "points": b.get("points"), "score": b.get("score_1000"),
            "rss": b.get("rss_pages"), "swap": b.get("swap_pages"),
            "pgtables": b.get("pgtables_pages"),
            "root_bonus": b.get("root_bonus_pages"),
            "adj": b.get("oom_score_adj_pages"),
        }
    check_tasks(root, ev, by_pid, tj["victim_pid"], tj["runner_up_pid"],
                tj["totalpages"], "tasks")

    z = d["zones"]
    rows = find(ev, "tr", "zone")
    ok(len(rows) == len(z["zones"]),
       f"{len(rows)} zone rows == {len(z['zones'])} zones in JSON")
    for r, jz in zip(rows, z["zones"]):
        name = f"node {jz['node']} {jz['name']}"
        got = tuple(num(r.attrs.get(f"data-{k}-pages"))
                    for k in ("free", "min", "low", "high"))
        want = (jz["free"], jz["min"], jz["low"], jz["high"])
        ok(r.attrs.get("data-zone") == jz["name"] and
           num(r.attrs.get("data-node")) == jz["node"] and got == want,
           f"zone {name}: free/min/low/high {got} == {want}")
        ok(cells(r)[1:5] == [str(v) for v in want],
           f"zone {name}: the numbers shown are the JSON's")

    g, gz = z["global"]["node"], z["global"]["zone"]
    v = lambda x: x if isinstance(x, int) and x > 0 else 0
    mem = {
        "anon": max(0, v(g["active_anon"]) + v(g["inactive_anon"]) -
                    v(g["shmem"])),
        "pagecache": v(g["active_file"]) + v(g["inactive_file"]),
        "shmem": v(g["shmem"]),
        "slab": v(g["slab_reclaimable"]) + v(g["slab_unreclaimable"]),
        "pagetables": v(g["pagetables"]) + v(g.get("sec_pagetables")),
        "kernel": v(z["pages_reserved"]) +
        v(g["kernel_stack_kb"]) // z["page_kb"],
        "free": v(gz["free"]),
    }
    mem["unaccounted"] = max(0, z["pages_ram"] - sum(mem.values()))
    got = {r.attrs["data-mem"]: num(r.attrs.get("data-pages"))
           for r in find(ev, "tr", "mem")}
    ok(got == mem, f"where memory went {got} == JSON {mem}")
    ok(len(find(ev, "rect")) and
       {r.attrs["data-mem"] for r in find(ev, "rect")
        if "data-mem" in r.attrs} == {k for k, x in mem.items() if x > 0},
       "the memory chart has one segment per non-zero kind")

    m = d["memcg"]
    rows = find(ev, "tr", "memcg")
    ok(len(rows) == len(m["groups"]),
       f"{len(rows)} memcg rows == {len(m['groups'])} groups")
    bad = []
    for r, jg in zip(rows, m["groups"]):
        lim = jg["memory"]["max_pages"]
        if (r.attrs.get("data-path") != jg["path"] or
                num(r.attrs.get("data-usage-pages")) !=
                jg["memory"]["usage_pages"] or
                num(r.attrs.get("data-limit-pages")) !=
                (-1 if lim is None else lim)):
            bad.append(f"{jg['path']}: {r.attrs}")
    ok(not bad, "memcg paths, usage and limits equal the JSON" +
       "".join("\n    " + b for b in bad))


def check_log(dom, js):
    d = json.load(open(js))
    root = parse(dom)
    evs = find(root, "section", "event")
    ok(len(evs) == len(d["events"]),
       f"{len(evs)} event sections == {len(d['events'])} events")
    for i, (ev, je) in enumerate(zip(evs, d["events"])):
        a = je["analysis"]
        what = f"event {i + 1}"
        by_pid = {}
        for t in a["ranking"]:
            by_pid[t["pid"]] = {
                "eligible": t["eligible"], "points": t["points"],
                "score": t["score"], "rss": t["rss_pages"],
                "swap": t["swap_pages"], "pgtables": t["pgtables_pages"],
                "root_bonus": t["root_bonus_pages"], "adj": t["adj_pages"],
            }
        victim = (a.get("recomputed_victim") or {}).get("pid")
        runner = (a.get("runner_up") or {}).get("pid")
        check_tasks(root, ev, by_pid, victim, runner,
                    a["totalpages_pages"], what)
        vd = find(ev, "div", "verdict")
        ok(vd and vd[0].all_text().strip() == a["verdict"].strip(),
           f"{what}: verdict equals the JSON")
        pk = (je.get("page_size_bytes") or a.get("page_size_bytes") or
              4096) // 1024
        rows = find(ev, "tr", "zone")
        ok(len(rows) == len(je["zones"]), f"{what}: zone rows")
        for r, jz in zip(rows, je["zones"]):
            f = jz["fields"]
            want = tuple(f.get(f"{k}_kb") // pk if f.get(f"{k}_kb")
                         is not None else None
                         for k in ("free", "min", "low", "high"))
            got = tuple(num(r.attrs.get(f"data-{k}-pages"))
                        for k in ("free", "min", "low", "high"))
            ok(got == want,
               f"{what}: zone {jz['name']} free/min/low/high pages "
               f"{got} == {want}")


def check_png(path):
    """Decodes the screenshot (8-bit RGB/RGBA) and looks for the colours
    of the victim's bar and of the memory chart's anon segment."""
    data = open(path, "rb").read()
    ok(data[:8] == b"\x89PNG\r\n\x1a\n", "screenshot is a PNG")
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        ln, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + ln]
        if typ == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif typ == b"IDAT":
            idat += body
        pos += 12 + ln
    bpp = {2: 3, 6: 4}.get(ctype)
    ok(depth == 8 and bpp, f"PNG {w}x{h}, colour type {ctype}")
    if not (depth == 8 and bpp):
        return
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    counts = {}
    want = {(0xc0, 0x39, 0x2b): "victim red", (0xe1, 0x57, 0x59): "anon",
            (0xe6, 0x7e, 0x22): "runner-up orange"}
    i = 0
    for _ in range(h):
        ft = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ft == 1:
                line[x] = (line[x] + a) & 255
            elif ft == 2:
                line[x] = (line[x] + b) & 255
            elif ft == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pr) & 255
        for x in range(0, stride, bpp):
            px = (line[x], line[x + 1], line[x + 2])
            if px in want:
                counts[px] = counts.get(px, 0) + 1
        prev = line
    for px, name in want.items():
        ok(counts.get(px, 0) > 200,
           f"screenshot shows the {name} ({counts.get(px, 0)} pixels)")


def main():
    mode = sys.argv[1]
    if mode == "png":
        check_png(sys.argv[2])
    else:
        if len(sys.argv) > 4:
            drawable = True
            if mode == "log":
                evs = json.load(open(sys.argv[3]))["events"]
                drawable = any(e["tasks"] or e["zones"] or e["memcg"]
                               for e in evs)
            self_contained(sys.argv[4], drawable)
        (check_report if mode == "report" else check_log)(sys.argv[2],
                                                          sys.argv[3])
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()

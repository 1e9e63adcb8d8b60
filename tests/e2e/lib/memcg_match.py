#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks `oomcore memcg -j` of one dump against what the kernel printed
(the memcg OOM block in the dump's log) and what the guest printed before
the OOM (the ORACLE block of console.log).

usage: memcg_match.py MEMCG_JSON LOG_TEXT CONSOLE_LOG
Exit 0 when everything compared equal, 1 on a mismatch, 2 on bad input.
"""
import json
import os
import re
import sys

TS = re.compile(r'^\s*(?:\[\s*[0-9.]+\]\s?)?(?:\[[TC]\d+\]\s?)?')
MEM = re.compile(r'memory: usage (\d+)kB, limit (\d+)kB, failcnt (\d+)')
SWAP = re.compile(r'(swap|memory\+swap|kmem): usage (\d+)kB, limit (\d+)kB, '
                  r'failcnt (\d+)')
STATS = re.compile(r'Memory cgroup stats for (\S+?):?\s*$')
STAT_LINE = re.compile(r'^([a-z_]+) (\d+)$')

failures = []
notes = []


def fail(msg):
    failures.append(msg)
    print('FAIL: ' + msg)


def ok(msg):
    print('ok:   ' + msg)


def lines_of(path):
    with open(path, 'rb') as f:
        text = f.read().decode('utf-8', 'replace')
    return [TS.sub('', l.rstrip('\r')) for l in text.split('\n')]


def oom_blocks(lines):
    """Every memcg OOM block: counters, path, memory.stat, and whether it
    is the kernel's last words (an OOM panic follows, no kill between)."""
    blocks = []
    for i, l in enumerate(lines):
        m = STATS.search(l)
        if not m:
            continue
        b = {'path': m.group(1), 'stat': {}, 'counters': {}}
        for j in range(max(0, i - 6), i):
            mm = MEM.search(lines[j])
            if mm:
                b['counters']['memory'] = tuple(map(int, mm.groups()))
            ms = SWAP.search(lines[j])
            if ms:
                b['counters'][ms.group(1)] = tuple(map(int, ms.groups()[1:]))
        j = i + 1
        while j < len(lines) and STAT_LINE.match(lines[j].strip()):
            k, v = STAT_LINE.match(lines[j].strip()).groups()
            b['stat'][k] = int(v)
            j += 1
        last = False
        for k in range(j, len(lines)):
            if ('Killed process' in lines[k] or 'oom_reaper:' in lines[k]
                    or STATS.search(lines[k])):
                break
            if 'Kernel panic - not syncing: Out of memory' in lines[k]:
                last = True
                break
        b['last_words'] = last
        blocks.append(b)
    return blocks


def oracle(lines):
    """The last ORACLE block: release, cgroups {path: (current, max, procs)}."""
    cg, release = None, None
    for l in lines:
        if l.startswith('OOMCORE-SCENARIO'):
            m = re.search(r'release=(\S+)', l)
            release = m and m.group(1)
        if l.startswith('ORACLE-BEGIN'):
            cg = {}
        elif l.startswith('ORACLE cgroup ') and cg is not None:
            kv = dict(re.findall(r'(\S+?)=(\S*)', l[len('ORACLE cgroup '):]))
            cg[kv['path']] = (kv['memory.current'], kv['memory.max'],
                              int(kv['nr_procs']))
    return release, cg


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    with open(sys.argv[1]) as f:
        doc = json.load(f)['memcg']
    groups = doc['groups']
    page = doc['page_size']
    by_path = {g['path']: g for g in groups}
    log = lines_of(sys.argv[2]) if os.path.exists(sys.argv[2]) else []
    console = lines_of(sys.argv[3]) if os.path.exists(sys.argv[3]) else []
    kb = page // 1024

    def limit_kb(c):
        # The kernel prints K(PAGE_COUNTER_MAX) for no limit; we say null.
        if c['max_pages'] is None:
            return ((1 << 63) - 1) // page * kb
        return c['max_pages'] * kb

    # (a) the memcg OOM block(s) of the log against our numbers.
    blocks = oom_blocks(log)
    for b in blocks:
        g = by_path.get(b['path'])
        if not g:
            fail('OOM block names %s, which we did not find' % b['path'])
            continue
        names = {'memory': 'memory', 'swap': 'swap',
                 'memory+swap': 'memsw', 'kmem': 'kmem'}
        for key, printed in sorted(b['counters'].items()):
            c = g.get(names[key])
            if c is None:
                fail('%s: no %s counter' % (b['path'], key))
                continue
            ours = (c['usage_pages'] * kb, limit_kb(c), c['failcnt'])
            if not b['last_words']:
                # Printed before later kills: only the limit still holds.
                if ours[1] != printed[1]:
                    fail('%s %s limit: printed %dkB, ours %dkB' %
                         (b['path'], key, printed[1], ours[1]))
                else:
                    ok('%s %s limit %dkB (block before a kill: usage and '
                       'failcnt not compared)' % (b['path'], key, ours[1]))
                continue
            if ours != printed:
                fail('%s %s: printed usage/limit/failcnt %s, ours %s' %
                     (b['path'], key, printed, ours))
            else:
                ok('%s %s: usage %dkB limit %dkB failcnt %d' %
                   ((b['path'], key) + ours))
        if not b['last_words']:
            continue
        if 'memory' not in b['counters']:
            fail('%s: OOM block without a memory: line' % b['path'])
        if not doc['stats']:
            fail('%s: the kernel printed memory.stat, we read no stats' %
                 b['path'])
            continue
        same, diff, skipped = 0, 0, []
        for k, v in b['stat'].items():
            if k not in g['stat']:
                skipped.append(k)
                continue
            if g['stat'][k] != v:
                fail('%s memory.stat %s: printed %d, ours %d' %
                     (b['path'], k, v, g['stat'][k]))
                diff += 1
            else:
                same += 1
        if same < 15:
            fail('%s: only %d memory.stat keys compared' % (b['path'], same))
        ok('%s memory.stat: %d keys equal, %d differ; not modelled: %s' %
           (b['path'], same, diff, ' '.join(skipped) or '-'))
    if not blocks:
        print('note: no memcg OOM block in the log')

    # (b) + (c): the oracle's cgroups.
    release, cg = oracle(console)
    if not cg:
        print('note: no ORACLE cgroup lines in the console log')
        return 1 if failures else 0
    # MEMCG_CHARGE_BATCH (include/linux/memcontrol.h): 64 pages from 5.13
    # (32 before). Each CPU keeps at most one batch pre-charged to one
    # memcg (memcg_stock_pcp: the stock is in memory.current of that memcg
    # and its ancestors) plus less than a page of byte-sized kmem stock
    # (obj_stock) whose page is charged too. Between the oracle's read and
    # the dump every stock may have been refilled or drained, so
    # |current_then - usage_now| <= nr_cpus * (BATCH + 1) pages when the
    # group's tasks did not change.
    major = int(re.match(r'(\d+)', release or '6').group(1))
    minor = int((re.match(r'\d+\.(\d+)', release or '6.1') or
                 re.match(r'(1)', '1')).group(1))
    batch = 64 if (major, minor) >= (5, 13) else 32
    slack = doc['nr_cpus'] * (batch + 1) * page
    print('slack: %d CPUs x (MEMCG_CHARGE_BATCH %d + 1) pages x %d = %d '
          'bytes' % (doc['nr_cpus'], batch, page, slack))

    def subtree(path, items):
        pre = path.rstrip('/') + '/'
        return [p for p in items if p == path or p.startswith(pre)]

    live = {g['path'] for g in groups if not g['dying']}
    # (c) paths and the parent/child structure.
    if set(cg) != live:
        fail('cgroups: oracle %s, ours %s' % (sorted(cg), sorted(live)))
    else:
        ok('cgroups: the same %d paths' % len(cg))
    for g in groups:
        p = g['parent']
        want = None if g['path'] == '/' else \
            (os.path.dirname(g['path']) or '/')
        have = None if p is None else groups[p]['path']
        if want != have:
            fail('%s: parent %s, expected %s' % (g['path'], have, want))
    compared = 0
    for path, (cur, mx, procs) in sorted(cg.items()):
        g = by_path.get(path)
        if not g:
            continue
        c = g['memory']
        if mx != '-':
            ours = 'max' if c['max_pages'] is None else \
                str(c['max_pages'] * page)
            if ours != mx:
                fail('%s memory.max: oracle %s, ours %s' % (path, mx, ours))
            else:
                ok('%s memory.max %s' % (path, mx))
        if cur == '-':
            continue
        o_procs = sum(cg[p][2] for p in subtree(path, cg))
        our_procs = sum(by_path[p]['nr_procs'] or 0
                        for p in subtree(path, by_path))
        counts = g['nr_procs'] is not None
        if counts and o_procs != our_procs:
            print('skip: %s memory.current: %s processes in the subtree '
                  'then, %s at the dump (the workload moved on)' %
                  (path, o_procs, our_procs))
            continue
        ours = c['usage_pages'] * page
        d = ours - int(cur)
        if not counts and abs(d) > slack:
            # The task walk failed: we cannot tell whether a process
            # joined the group after the oracle, so no verdict.
            print('skip: %s memory.current: oracle %s, ours %d, and no '
                  'process counts to tell whether the workload moved' %
                  (path, cur, ours))
            continue
        compared += 1
        if abs(d) > slack:
            fail('%s memory.current: oracle %s, ours %d (diff %d > %d)' %
                 (path, cur, ours, d, slack))
        else:
            ok('%s memory.current: oracle %s, ours %d (diff %d pages, '
               'stock now %d pages)' % (path, cur, ours, d // page,
                                        g['stock_pages']))
    if compared == 0 and len(cg) > 1:
        fail('no cgroup memory.current could be compared')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

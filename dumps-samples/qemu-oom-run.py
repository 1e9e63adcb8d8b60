#!/usr/bin/env python3
"""Boot one oomcore scenario under QEMU, wait for the guest panic, dump memory.

usage: qemu-oom-run.py --kernel BZIMAGE --initrd INITRD --scenario NAME
                       --console LOG --elf OUT.elf [--mem 256] [--numa]
                       [--accel tcg|kvm] [--timeout 600] [--append EXTRA]

Exit 0 when the guest panicked (QMP GUEST_PANICKED, or a "Kernel panic"
console line as fallback) and the ELF dump (dump-guest-memory, paging=false)
was written.  QEMU is always killed before we exit.
"""
import argparse, json, os, socket, subprocess, sys, tempfile, time


def log(*a):
    print('[qemu-oom-run]', *a, file=sys.stderr, flush=True)


class QMP:
    def __init__(self, path, timeout):
        deadline = time.time() + timeout
        while True:
            try:
                self.s = socket.socket(socket.AF_UNIX)
                self.s.connect(path)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.1)
        self.buf = b''
        self.events = []
        self.recv(10)  # greeting
        self.cmd('qmp_capabilities')

    def recv(self, timeout):
        self.s.settimeout(timeout)
        while b'\n' not in self.buf:
            d = self.s.recv(65536)
            if not d:
                raise EOFError('QMP closed')
            self.buf += d
        line, self.buf = self.buf.split(b'\n', 1)
        return json.loads(line)

    def cmd(self, name, timeout=600, **args):
        msg = {'execute': name}
        if args:
            msg['arguments'] = args
        self.s.sendall(json.dumps(msg).encode() + b'\n')
        deadline = time.time() + timeout
        while True:
            r = self.recv(max(0.1, deadline - time.time()))
            if 'event' in r:
                self.events.append(r)
                continue
            if 'error' in r:
                raise RuntimeError('%s: %s' % (name, r['error']))
            return r.get('return')

    def poll_event(self, timeout):
        if self.events:
            return self.events.pop(0)
        try:
            r = self.recv(timeout)
        except socket.timeout:
            return None
        if 'event' in r:
            return r
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--initrd', required=True)
    ap.add_argument('--scenario', required=True)
    ap.add_argument('--console', required=True)
    ap.add_argument('--elf', required=True)
    ap.add_argument('--mem', type=int, default=256)
    ap.add_argument('--numa', action='store_true')
    ap.add_argument('--accel', default='tcg')
    ap.add_argument('--timeout', type=int, default=600)
    ap.add_argument('--append', default='')
    ap.add_argument('--qemu', default='qemu-system-x86_64')
    a = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix='oomcore-qemu-')
    qmp_path = os.path.join(tmp, 'qmp.sock')
    append = ('console=ttyS0,115200 panic=0 oomcore.scenario=%s %s'
              % (a.scenario, a.append)).strip()
    cmd = [a.qemu, '-machine', 'pc', '-accel', a.accel, '-smp', '2',
           '-m', '%dM' % a.mem, '-kernel', a.kernel, '-initrd', a.initrd,
           '-append', append, '-nographic', '-no-reboot', '-monitor', 'none',
           '-serial', 'file:' + a.console, '-qmp', 'unix:%s,server=on,wait=off' % qmp_path,
           '-vga', 'none', '-device', 'pvpanic', '-device', 'vmcoreinfo', '-action', 'panic=pause']
    if a.numa:
        half = a.mem // 2
        cmd += ['-object', 'memory-backend-ram,id=m0,size=%dM' % half,
                '-object', 'memory-backend-ram,id=m1,size=%dM' % (a.mem - half),
                '-numa', 'node,memdev=m0,cpus=0,nodeid=0',
                '-numa', 'node,memdev=m1,cpus=1,nodeid=1']
    log(' '.join(cmd))
    for p in (a.console, a.elf):
        if os.path.exists(p):
            os.unlink(p)
    qlog = open(a.console + '.qemu-stderr', 'w')
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=qlog, stderr=qlog)
    t0 = time.time()
    rc = 1
    try:
        q = QMP(qmp_path, 30)
        panicked = None
        fallback_since = None
        while time.time() - t0 < a.timeout:
            ev = q.poll_event(1.0)
            if ev:
                log('event', ev['event'], json.dumps(ev.get('data', {}))[:200])
                if ev['event'] == 'GUEST_PANICKED':
                    panicked = 'pvpanic'
                    break
                if ev['event'] in ('SHUTDOWN', 'POWERDOWN'):
                    break
            if proc.poll() is not None:
                break
            try:
                con = open(a.console, 'rb').read()
            except OSError:
                con = b''
            if b'OOMCORE-FAILED' in con:
                log('guest reported failure')
                break
            if b'Kernel panic - not syncing' in con:
                fallback_since = fallback_since or time.time()
                if time.time() - fallback_since > 15:
                    log('console shows a panic but no GUEST_PANICKED after 15s: stopping VM')
                    q.cmd('stop')
                    panicked = 'console'
                    break
        t_panic = time.time() - t0
        if not panicked:
            log('no guest panic after %.0fs' % t_panic)
            return 1
        log('guest panicked (%s) after %.1fs; dumping to %s' % (panicked, t_panic, a.elf))
        st = q.cmd('query-status')
        log('status', st)
        q.cmd('dump-guest-memory', timeout=600, paging=False,
              protocol='file:' + os.path.abspath(a.elf))
        log('dump done after %.1fs (%d bytes)' % (time.time() - t0, os.path.getsize(a.elf)))
        try:
            q.cmd('quit', timeout=10)
        except Exception:
            pass
        rc = 0
    except Exception as e:
        log('error:', repr(e))
        rc = 1
    finally:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        qlog.close()
        try:
            os.unlink(qmp_path)
            os.rmdir(tmp)
        except OSError:
            pass
    return rc


if __name__ == '__main__':
    sys.exit(main())

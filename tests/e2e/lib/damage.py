#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Edits kernel memory in a copy of a raw ELF (QEMU dump-guest-memory) dump.

The x86_64 kernel addresses of the dump are turned into file offsets:
kernel image addresses through phys_base (VMCOREINFO NUMBER(phys_base)),
direct-map addresses through the dump's own page_offset_base (KASLR), then
physical addresses through the PT_LOAD segments. Struct member offsets come
from gdb on the vmlinux, symbols from nm; nothing is hard-coded.

  damage.py layout VMLINUX EXPR...   print "EXPR=OFFSET" per member path,
                                     e.g. "task_struct.tasks"
  damage.py sym VMLINUX ELF NAME     runtime address of a symbol
  damage.py read ELF VMLINUX ADDR    the u64 at a kernel address
  damage.py write ELF VMLINUX ADDR VALUE   stores a u64, prints the old one

ADDR and VALUE take Python integer syntax (0x..., -1) or sums (A+B). Only ever run it on
a copy: it writes in place.
"""
import struct
import subprocess
import sys

START_KERNEL_MAP = 0xFFFFFFFF80000000
MASK = (1 << 64) - 1


class ElfDump:
    def __init__(self, path, vmlinux, writable=False):
        self.f = open(path, "r+b" if writable else "rb")
        self.vmlinux = vmlinux
        hdr = self.f.read(64)
        if hdr[:4] != b"\x7fELF" or hdr[4] != 2:
            raise SystemExit("%s: not an ELF64 dump" % path)
        phoff, = struct.unpack_from("<Q", hdr, 32)
        phentsize, phnum = struct.unpack_from("<HH", hdr, 54)
        self.loads = []
        self.vmcoreinfo = {}
        for i in range(phnum):
            self.f.seek(phoff + i * phentsize)
            p_type, _, off, _, paddr, filesz = struct.unpack(
                "<IIQQQQ", self.f.read(40))
            if p_type == 1:
                self.loads.append((paddr, filesz, off))
            elif p_type == 4:
                self.f.seek(off)
                self._notes(self.f.read(filesz))
        self.kaslr = int(self.vmcoreinfo.get("KERNELOFFSET", "0"), 16)
        self.phys_base = int(self.vmcoreinfo["NUMBER(phys_base)"]) & MASK
        addr = self.sym("page_offset_base")
        self.page_offset = self._read_phys(self.phys(addr), 8)
        self.page_offset, = struct.unpack("<Q", self.page_offset)

    def _notes(self, data):
        i = 0
        while i + 12 <= len(data):
            nsz, dsz, _ = struct.unpack_from("<III", data, i)
            name = data[i + 12:i + 12 + nsz].rstrip(b"\0")
            desc_at = i + 12 + ((nsz + 3) & ~3)
            desc = data[desc_at:desc_at + dsz]
            if name == b"VMCOREINFO":
                for line in desc.decode("ascii", "replace").splitlines():
                    if "=" in line:
                        k, v = line.split("=", 1)
                        self.vmcoreinfo[k] = v
            i = desc_at + ((dsz + 3) & ~3)

    def sym(self, name):
        out = subprocess.run(["nm", self.vmlinux], capture_output=True,
                             text=True, check=True).stdout
        for line in out.splitlines():
            f = line.split()
            if len(f) == 3 and f[2] == name:
                return (int(f[0], 16) + self.kaslr) & MASK
        raise SystemExit("no symbol %s" % name)

    def phys(self, va):
        if va >= START_KERNEL_MAP:
            return (va - START_KERNEL_MAP + self.phys_base) & MASK
        if hasattr(self, "page_offset") and va >= self.page_offset:
            return va - self.page_offset
        raise SystemExit("0x%x: not a kernel image or direct-map address" % va)

    def offset(self, pa, size):
        for paddr, filesz, off in self.loads:
            if paddr <= pa and pa + size <= paddr + filesz:
                return off + (pa - paddr)
        raise SystemExit("physical 0x%x is not in the dump" % pa)

    def _read_phys(self, pa, size):
        self.f.seek(self.offset(pa, size))
        return self.f.read(size)

    def read(self, va):
        return struct.unpack("<Q", self._read_phys(self.phys(va), 8))[0]

    def write(self, va, value):
        old = self.read(va)
        self.f.seek(self.offset(self.phys(va), 8))
        self.f.write(struct.pack("<Q", value & MASK))
        self.f.flush()
        return old


def layout(vmlinux, exprs):
    """Member offsets through gdb: "type.member.sub" -> offset."""
    args = ["gdb", "-batch", "-nx"]
    for e in exprs:
        t, path = e.split(".", 1)
        args += ["-ex", "print/d (long)&((struct %s *)0)->%s" % (t, path)]
    out = subprocess.run(args + [vmlinux], capture_output=True, text=True)
    vals = [l.split("=", 1)[1].strip() for l in out.stdout.splitlines()
            if l.startswith("$")]
    if len(vals) != len(exprs):
        raise SystemExit("gdb: %s" % out.stderr.strip()[:400])
    return dict(zip(exprs, (int(v) for v in vals)))


def num(s):
    """An integer, or a sum of them: "0xffff...+688"."""
    return sum(int(x, 0) for x in s.split("+")) & MASK


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    cmd = argv[1]
    if cmd == "layout":
        for k, v in layout(argv[2], argv[3:]).items():
            print("%s=%d" % (k, v))
    elif cmd == "sym":
        print("0x%x" % ElfDump(argv[3], argv[2]).sym(argv[4]))
    elif cmd == "read":
        print("0x%x" % ElfDump(argv[2], argv[3]).read(num(argv[4])))
    elif cmd == "write":
        d = ElfDump(argv[2], argv[3], writable=True)
        print("0x%x" % d.write(num(argv[4]), num(argv[5])))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)

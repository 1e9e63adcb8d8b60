#!/usr/bin/env python3
"""Make a QEMU (>= 7.2) dump-guest-memory ELF readable by makedumpfile 1.7.2.

QEMU 7.2 writes the section header table right after the ELF header and the
program headers after it (e_phoff = 64 + e_shnum*64).  makedumpfile 1.7.2
assumes the program headers directly follow the ELF header ("get_elf_info:
Can't get the number of PT_LOAD").  We move the program headers to offset 64
and drop the section headers (QEMU only uses them to carry a >65535 phnum).
In place when the program headers fit in front of the first note/segment,
otherwise by copying to a new file.

usage: fix-qemu-elf.py FILE.elf
"""
import os, struct, sys

EHDR = '<16sHHIQQQIHHHHHH'
PHDR = '<IIQQQQQQ'


def main(path):
    with open(path, 'r+b') as f:
        eh = list(struct.unpack(EHDR, f.read(64)))
        ident, phoff, shoff, phentsize, phnum, shnum = eh[0], eh[5], eh[6], eh[9], eh[10], eh[12]
        if ident[:4] != b'\x7fELF' or ident[4] != 2:
            sys.exit('%s: not an ELF64 file' % path)
        if phoff == 64:
            print('%s: program headers already follow the ELF header' % path)
            return
        if phnum == 0xffff:
            sys.exit('%s: PN_XNUM (>65534 segments) not supported' % path)
        f.seek(phoff)
        phdrs = [list(struct.unpack(PHDR, f.read(phentsize))) for _ in range(phnum)]
        data_start = min(p[2] for p in phdrs if p[5] or p[0] == 4)  # PT_NOTE or file data
        need = 64 + phnum * phentsize
        eh[5] = 64                      # e_phoff
        eh[6], eh[11], eh[12], eh[13] = 0, 0, 0, 0  # no section headers
        if need <= data_start:
            f.seek(0)
            f.write(struct.pack(EHDR, *eh))
            for p in phdrs:
                f.write(struct.pack(PHDR, *p))
            print('%s: moved %d program headers from %d to 64 (in place)' % (path, phnum, phoff))
            return
    # does not fit: copy with shifted offsets
    delta = need - data_start
    tmp = path + '.fixtmp'
    with open(path, 'rb') as src, open(tmp, 'wb') as dst:
        dst.write(struct.pack(EHDR, *eh))
        for p in phdrs:
            if p[2] >= data_start:
                p[2] += delta
            dst.write(struct.pack(PHDR, *p))
        src.seek(data_start)
        while True:
            b = src.read(1 << 22)
            if not b:
                break
            dst.write(b)
    os.replace(tmp, path)
    print('%s: rewrote with program headers at 64 (data shifted by %d)' % (path, delta))


if __name__ == '__main__':
    main(sys.argv[1])

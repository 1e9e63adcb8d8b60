#!/bin/sh
# Build the oomcore guest initramfs: busybox-static + our static workloads
# (dumps-samples/workload/*.c) + optional kernel modules.
#   mkinitramfs.sh OUT.cpio.gz [MODDIR]
# MODDIR (optional) holds *.ko plus load.list (module file names in insmod
# order, one per line, optional args after the name); init insmods them.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$1
MODDIR=${2:-}
BUSYBOX=${BUSYBOX:-/bin/busybox}
CC=${CC:-gcc}
file "$BUSYBOX" 2>/dev/null | grep -q 'statically linked' || {
    ldd "$BUSYBOX" 2>&1 | grep -q 'not a dynamic' || { echo "need a static busybox ($BUSYBOX); apt-get install busybox-static" >&2; exit 1; }
}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/bin" "$T/sbin" "$T/proc" "$T/sys" "$T/dev" "$T/tmp" "$T/etc" "$T/lib/modules"
cp "$BUSYBOX" "$T/bin/busybox"
ln -s busybox "$T/bin/sh"
for src in "$HERE"/workload/*.c; do
    p=$(basename "$src" .c)
    $CC -static -O2 -Wall -o "$T/bin/$p" "$src"
    strip "$T/bin/$p"
done
cp "$HERE/initramfs/init" "$T/init"
chmod 755 "$T/init"
if [ -n "$MODDIR" ]; then
    cp "$MODDIR"/*.ko "$T/lib/modules/"
    cp "$MODDIR/load.list" "$T/lib/modules/load.list"
fi
# device nodes needed before devtmpfs is mounted (cpio as non-root can't mknod:
# use the kernel's gen_init_cpio-free trick: a console node via cpio newc list)
mkdir -p "$(dirname "$OUT")"
( cd "$T" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --owner 0:0 --quiet ) > "$T.cpio"
# append /dev/console (char 5:1) so the kernel has a console for /init
python3 - "$T.cpio" <<'PY'
import sys
# minimal newc writer for one char device + trailer appended to an existing archive
p = sys.argv[1]
data = open(p, 'rb').read()
tr = data.rfind(b'070701')  # start of TRAILER!!! entry
assert data[tr+110:tr+110+10] == b'TRAILER!!!', 'unexpected cpio layout'
data = data[:tr]
def ent(name, mode, rmaj=0, rmin=0, ino=900000):
    n = name.encode() + b'\0'
    h = b'070701' + b''.join(b'%08X' % v for v in (ino, mode, 0, 0, 1, 0, 0, 0, 0, rmaj, rmin, len(n), 0))
    b = h + n
    b += b'\0' * ((4 - len(b) % 4) % 4)
    return b
out = data + ent('dev/console', 0o020600, 5, 1) + ent('TRAILER!!!', 0, ino=0)
out += b'\0' * ((512 - len(out) % 512) % 512)
open(p, 'wb').write(out)
PY
gzip -9n < "$T.cpio" > "$OUT"
rm -f "$T.cpio"
echo "initramfs: $OUT ($(stat -c %s "$OUT") bytes)"

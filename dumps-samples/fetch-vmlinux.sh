#!/bin/sh
# Decompress the bundled kernel's debug vmlinux (dumps-samples/6.1-tiny/vmlinux.xz)
# into the cache, verify its build-id against BUILD-INFO, print its path.
#   usage: dumps-samples/fetch-vmlinux.sh [KERNELDIR]   (default: 6.1-tiny)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
K=${1:-6.1-tiny}
SRC=$HERE/$K
DST=${XDG_CACHE_HOME:-$HOME/.cache}/oomcore/$K
want=$(sed -n 's/^BUILD_ID=//p' "$SRC/BUILD-INFO")
mkdir -p "$DST"
if [ ! -f "$DST/vmlinux" ] || [ "$SRC/vmlinux.xz" -nt "$DST/vmlinux" ]; then
    xz -dc "$SRC/vmlinux.xz" > "$DST/vmlinux.tmp"
    mv "$DST/vmlinux.tmp" "$DST/vmlinux"
fi
got=$(readelf -n "$DST/vmlinux" | awk '/Build ID/{print $3; exit}')
if [ "$got" != "$want" ]; then
    echo "fetch-vmlinux: build-id mismatch: $got != $want" >&2
    exit 1
fi
echo "$DST/vmlinux"

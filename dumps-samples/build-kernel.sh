#!/bin/sh
# Build the bundled oomcore test kernel (tinyconfig + kernel/config-fragment)
# from Debian's linux-source-6.1, outside the checkout, then produce a
# stripped-but-debuggable vmlinux.xz + bzImage for dumps-samples/6.1-tiny/.
#
# usage: dumps-samples/build-kernel.sh [--install]
#   env: SRC_TARBALL (default /usr/src/linux-source-6.1.tar.xz)
#        BUILD_ROOT  (default ${XDG_CACHE_HOME:-$HOME/.cache}/oomcore/build)
#        JOBS        (default nproc)
#   --install  copy vmlinux.xz, bzImage, BUILD-INFO into dumps-samples/6.1-tiny/
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SRC_TARBALL=${SRC_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/oomcore
BUILD_ROOT=${BUILD_ROOT:-$CACHE/build}
JOBS=${JOBS:-$(nproc)}
SRC=$BUILD_ROOT/linux-source-6.1
OUT=$BUILD_ROOT/linux-6.1-tiny

mkdir -p "$BUILD_ROOT"
if [ ! -f "$SRC/Makefile" ]; then
    echo "== extracting $SRC_TARBALL"
    tar -C "$BUILD_ROOT" -xf "$SRC_TARBALL"
fi
mkdir -p "$OUT"
echo "== configuring (tinyconfig + fragment) in $OUT"
make -s -C "$SRC" O="$OUT" ARCH=x86_64 tinyconfig >/dev/null
"$SRC/scripts/kconfig/merge_config.sh" -m -O "$OUT" "$OUT/.config" "$HERE/kernel/config-fragment" >/dev/null
make -s -C "$SRC" O="$OUT" ARCH=x86_64 olddefconfig >/dev/null
# verify every requested symbol survived dependency resolution
bad=0
while IFS= read -r l; do
    case "$l" in CONFIG_*=*) ;; *) continue ;; esac
    sym=${l%%=*}; val=${l#*=}
    if [ "$val" = n ]; then
        grep -q "^$sym=" "$OUT/.config" && { echo "WARN: $sym should be off"; bad=1; }
    else
        grep -qx "$l" "$OUT/.config" || { echo "WARN: $l not in final .config ($(grep "^$sym=\|$sym is not" "$OUT/.config"))"; bad=1; }
    fi
done < "$HERE/kernel/config-fragment"
[ $bad = 0 ] || echo "WARN: some fragment options did not apply (see above)"

echo "== building (make -j$JOBS)"
start=$(date +%s)
make -s -C "$SRC" O="$OUT" ARCH=x86_64 -j"$JOBS" bzImage vmlinux
echo "== build took $(( $(date +%s) - start )) s"

# Drop the .rela.debug* sections (crash 8.0.2 can't read compressed .debug
# sections while their relocations are present, and they are useless in a
# linked vmlinux).  Debug sections stay uncompressed: xz packs them better
# (76 MB -> ~17 MB) than zlib-compressed ones (52 MB -> ~28 MB).
objcopy --remove-relocations='.debug*' "$OUT/vmlinux" "$OUT/vmlinux.stripped"
rel=$(cat "$OUT/include/config/kernel.release")
bid=$(readelf -n "$OUT/vmlinux" | awk '/Build ID/{print $3; exit}')
printf 'OSRELEASE=%s\nBUILD_ID=%s\nSOURCE=%s\nCONFIG=tinyconfig+dumps-samples/kernel/config-fragment\n' \
    "$rel" "$bid" "$(basename "$SRC_TARBALL") $(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || true)" \
    > "$OUT/BUILD-INFO"
cat "$OUT/BUILD-INFO"

if [ "${1:-}" = --install ]; then
    D=$HERE/6.1-tiny
    mkdir -p "$D"
    xz -T0 -6 -c "$OUT/vmlinux.stripped" > "$D/vmlinux.xz"
    cp "$OUT/arch/x86/boot/bzImage" "$D/bzImage"
    cp "$OUT/BUILD-INFO" "$D/BUILD-INFO"
    cp "$OUT/.config" "$D/config"
    ls -l "$D"
fi

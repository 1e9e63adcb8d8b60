#!/bin/sh
# Run the oomcore dump scenarios on the current Debian distro kernel.
#
# usage: dumps-samples/distro.sh [--force] [scenario ...]
#   (default scenarios: global memcg kill numa manytasks)
# Output (last line of stdout = the directory):
#   ${XDG_CACHE_HOME:-$HOME/.cache}/oomcore/distro/<ABI>/   e.g. 6.1.0-56-amd64
#     RELEASE, vmlinuz, vmlinux (from the -dbg deb), modules/{*.ko,load.list},
#     dumps/<scenario>/{vmcore,console.log,README.md}, gen/global/vmcore.elf (raw)
# Idempotent: extraction and every scenario are skipped when their outputs exist.
# env: OOMCORE_DISTRO_ABI   kernel ABI to use (default: what linux-image-amd64
#                           depends on, else the newest cached deb)
#      OOMCORE_DL_DIR       extra directory searched for the debs
#                           (default /root/.cache/oomcore-dl)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
FORCE=
[ "${1:-}" = --force ] && { FORCE=--force; shift; }
SCENARIOS=${*:-global memcg kill numa manytasks}
BASE=${XDG_CACHE_HOME:-$HOME/.cache}/oomcore/distro
DL_DIR=${OOMCORE_DL_DIR:-/root/.cache/oomcore-dl}
MODULES_WANTED="qemu_fw_cfg pvpanic-mmio pvpanic-pci"
log() { echo "[distro] $*" >&2; }

ABI=${OOMCORE_DISTRO_ABI:-}
if [ -z "$ABI" ]; then
    ABI=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: linux-image-\([0-9].*-amd64\)$/\1/p' | head -1)
fi
if [ -z "$ABI" ]; then
    ABI=$(ls "$BASE"/*/debs/linux-image-*-amd64_*.deb "$DL_DIR"/linux-image-*-amd64_*.deb 2>/dev/null \
          | sed -n 's/.*linux-image-\([0-9][^_]*-amd64\)_.*/\1/p' | sort -V | tail -1)
fi
[ -n "$ABI" ] || { log "cannot determine the distro kernel ABI"; exit 1; }
D=$BASE/$ABI
mkdir -p "$D/debs" "$D/modules"
log "kernel ABI $ABI -> $D"

# (a) the debs: cache dir, then $DL_DIR, else apt-get download
find_deb() { # find_deb PACKAGE
    for f in "$D/debs/$1"_*_amd64.deb "$DL_DIR/$1"_*_amd64.deb; do
        [ -f "$f" ] && { echo "$f"; return 0; }
    done
    return 1
}
get_deb() {
    if ! find_deb "$1" >/dev/null; then
        log "apt-get download $1"
        (cd "$D/debs" && apt-get download "$1" >&2)
    fi
    find_deb "$1"
}

# (b) vmlinuz + modules from the image deb, vmlinux from the dbg deb
if [ ! -f "$D/vmlinuz" ] || [ ! -f "$D/modules/load.list" ]; then
    IMG=$(get_deb "linux-image-$ABI")
    log "extracting vmlinuz and modules from $IMG"
    T=$(mktemp -d)
    dpkg-deb -c "$IMG" | awk '{print $NF}' | grep '\.ko\(\.[xg]z\|\.zst\)\?$' > "$T/list"
    dpkg-deb --fsys-tarfile "$IMG" | tar -x -C "$T" "./boot/vmlinuz-$ABI"
    # resolve module dependencies with modinfo (modules.dep is not shipped)
    todo=$MODULES_WANTED order=
    while [ -n "$todo" ]; do
        set -- $todo; m=$1; shift; todo=$*
        case " $order " in *" $m "*) continue ;; esac
        pat=$(echo "$m" | sed 's/[-_]/[-_]/g')
        path=$(grep "/$pat\.ko" "$T/list" | head -1)
        if [ -z "$path" ]; then log "module $m not in the deb (built in?)"; continue; fi
        dpkg-deb --fsys-tarfile "$IMG" | tar -x -C "$T" "$path"
        deps=$(modinfo -F depends "$T/$path" | tr ',' ' ')
        missing=
        for dep in $deps; do case " $order " in *" $dep "*) ;; *) missing="$missing $dep" ;; esac; done
        if [ -n "$missing" ]; then todo="$missing $m $todo"; continue; fi
        order="$order $m"
        case "$path" in *.ko) cp "$T/$path" "$D/modules/" ;;
            *.xz) xz -dc "$T/$path" > "$D/modules/$(basename "$path" .xz)" ;;
            *.zst) zstd -qdc "$T/$path" > "$D/modules/$(basename "$path" .zst)" ;;
            *.gz) gzip -dc "$T/$path" > "$D/modules/$(basename "$path" .gz)" ;; esac
        echo "$(basename "${path%.ko*}").ko" >> "$T/load.list"
    done
    cp "$T/boot/vmlinuz-$ABI" "$D/vmlinuz"
    mv "$T/load.list" "$D/modules/load.list"
    rm -rf "$T"
    log "modules: $(tr '\n' ' ' < "$D/modules/load.list")"
fi
if [ ! -f "$D/vmlinux" ]; then
    DBG=$(get_deb "linux-image-$ABI-dbg")
    log "extracting vmlinux from $DBG (takes a minute or two)"
    dpkg-deb --fsys-tarfile "$DBG" | tar -xO "./usr/lib/debug/boot/vmlinux-$ABI" > "$D/vmlinux.tmp"
    mv "$D/vmlinux.tmp" "$D/vmlinux"
fi
echo "$ABI" > "$D/RELEASE"

# (c)+(d) initramfs with our workloads + the modules, same scenarios/scripts
"$HERE/gen-dumps.sh" $FORCE --kernel "$D/vmlinuz" --vmlinux "$D/vmlinux" --modules "$D/modules" \
    --out "$D/dumps" --cache "$D/gen" --keep-elf global $SCENARIOS >&2
echo "$D"

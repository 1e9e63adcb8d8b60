#!/bin/sh
# Generate real panic_on_oom crash dumps for one kernel.
#
# usage: gen-dumps.sh --kernel BZIMAGE --vmlinux VMLINUX --out OUTDIR
#                     [--modules MODDIR] [--cache CACHEDIR] [--force]
#                     [--keep-elf all|none|SCENARIO] [scenario ...]
#   scenarios: global memcg kill numa manytasks  (default: all five)
#   OUTDIR/<scenario>/{vmcore,console.log,README.md} are written; the raw QEMU
#   ELF dump is kept as CACHEDIR/<scenario>/vmcore.elf (CACHEDIR defaults to
#   ${XDG_CACHE_HOME:-$HOME/.cache}/oomcore/gen/<basename OUTDIR>).
#   A scenario whose OUTDIR/<scenario>/vmcore exists is skipped unless --force.
# env: OOMCORE_ACCEL=kvm|tcg (default: kvm if usable, else tcg)
#      OOMCORE_TIMEOUT=seconds per guest run (default 300)
#      MAKEDUMPFILE_X=1  always pass -x VMLINUX to makedumpfile (default: only
#                        when the ELF has no VMCOREINFO note; output is identical,
#                        but -x with a zlib-compressed vmlinux costs ~50 s)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
KERNEL= VMLINUX= OUT= MODDIR= CACHE= FORCE=0 KEEP_ELF=all
while [ $# -gt 0 ]; do
    case "$1" in
    --kernel) KERNEL=$2; shift 2 ;;
    --vmlinux) VMLINUX=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --modules) MODDIR=$2; shift 2 ;;
    --cache) CACHE=$2; shift 2 ;;
    --keep-elf) KEEP_ELF=$2; shift 2 ;;
    --force) FORCE=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
[ -n "$KERNEL" ] && [ -n "$VMLINUX" ] && [ -n "$OUT" ] || { sed -n '2,20p' "$0" >&2; exit 2; }
SCENARIOS=${*:-global memcg kill numa manytasks}
CACHE=${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/oomcore/gen/$(basename "$OUT")}
TIMEOUT=${OOMCORE_TIMEOUT:-300}
for t in qemu-system-x86_64 makedumpfile python3 gzip cpio gcc; do
    command -v $t >/dev/null || { echo "missing $t" >&2; exit 1; }
done
mkdir -p "$OUT" "$CACHE"

todo=
for sc in $SCENARIOS; do
    if [ -f "$OUT/$sc/vmcore" ] && [ $FORCE = 0 ]; then
        echo "== $sc: $OUT/$sc/vmcore exists, skipping"
    else
        todo="$todo $sc"
    fi
done
[ -n "$todo" ] || exit 0
SCENARIOS=$todo

INITRD=$CACHE/initramfs.cpio.gz
"$HERE/mkinitramfs.sh" "$INITRD" $MODDIR

if [ -z "${OOMCORE_ACCEL:-}" ]; then
    OOMCORE_ACCEL=tcg
    if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
        # /dev/kvm can exist and even open while nested KVM does not really run
        # a guest (seen on this CI host: the guest hangs in the BIOS).  So boot
        # the real kernel+initramfs with oomcore.scenario=probe, which prints
        # OOMCORE-PROBE-OK and powers off; use KVM only if that works in 30 s.
        probe=$CACHE/kvm-probe.log
        rm -f "$probe"
        timeout 30 qemu-system-x86_64 -machine pc -accel kvm -smp 2 -m 256M -kernel "$KERNEL" \
            -initrd "$INITRD" -append "console=ttyS0 oomcore.scenario=probe" -nographic -vga none \
            -no-reboot -monitor none -serial "file:$probe" </dev/null >/dev/null 2>&1 || true
        grep -q OOMCORE-PROBE-OK "$probe" 2>/dev/null && OOMCORE_ACCEL=kvm
    fi
fi
echo "== accel: $OOMCORE_ACCEL"

elf_has_vmcoreinfo() { readelf -n "$1" 2>/dev/null | grep -q VMCOREINFO; }

describe() {
    case "$1" in
    global) echo "Global OOM, vm.panic_on_oom=1: holders with oom_score_adj -1000/-500/0/+300/+500, a tmpfs/shmem holder, a forking holder (3 children), holders in cgroups grp_a and grp_b/sub; an anonymous eater in the root cgroup triggers a system-wide OOM, kernel panics (\"system-wide panic_on_oom\")." ;;
    memcg) echo "Memcg OOM, vm.panic_on_oom=2: cgroup v2 /app (memory.max=64M) with /app/leaf (32M) and /app/other (holder + shmem); an eater in /app/leaf hits the leaf limit, the kernel panics (\"compulsory panic_on_oom\")." ;;
    kill) echo "OOM killer kills, vm.panic_on_oom=0: eater1 (adj 500) and eater2 (adj 300) are killed by global OOMs, lim_eater by a memcg OOM (/lim, memory.max=24M); then echo c > /proc/sysrq-trigger (\"sysrq triggered crash\")." ;;
    numa) echo "2-node NUMA guest (2x128M): eaters in cgroup /n1 with cpuset.mems=1 cause CONSTRAINT_CPUSET OOMs; the first (vm.panic_on_oom=0) is killed, the second (vm.panic_on_oom=2) makes the kernel panic (\"compulsory panic_on_oom\")." ;;
    manytasks) echo "Global OOM with >= 2000 tasks (spawner children in /spawn), 512M guest, vm.panic_on_oom=1 (\"system-wide panic_on_oom\"); the Tasks state dump has >2000 lines." ;;
    *) echo "$1" ;;
    esac
}
expected_panic() {
    case "$1" in
    global|manytasks) echo "Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled" ;;
    memcg|numa) echo "Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled" ;;
    kill) echo "Kernel panic - not syncing: sysrq triggered crash" ;;
    esac
}

fails=0
for sc in $SCENARIOS; do
    D=$OUT/$sc C=$CACHE/$sc
    mkdir -p "$D" "$C"
    mem=256 numa= extra=
    # manytasks: >2000 "Tasks state" lines overflow a default 128 KiB printk
    # buffer (Debian kernel), which would lose the start of the OOM report.
    [ "$sc" = manytasks ] && mem=512 extra=log_buf_len=4M
    [ "$sc" = numa ] && numa=--numa
    echo "== $sc: booting ($OOMCORE_ACCEL, ${mem}M)"
    t0=$(date +%s)
    if ! timeout $((TIMEOUT + 120)) python3 "$HERE/qemu-oom-run.py" --kernel "$KERNEL" --initrd "$INITRD" \
            --scenario "$sc" --console "$C/console.log" --elf "$C/vmcore.elf" --mem $mem $numa \
            --accel "$OOMCORE_ACCEL" --timeout "$TIMEOUT" --append "$extra"; then
        echo "== $sc: FAILED (guest did not panic), console: $C/console.log" >&2
        tail -20 "$C/console.log" >&2 || true
        fails=$((fails + 1)); continue
    fi
    t1=$(date +%s)
    want=$(expected_panic "$sc")
    if ! grep -q "$want" "$C/console.log"; then
        echo "== $sc: WARNING: console lacks expected panic line: $want" >&2
        fails=$((fails + 1))
    fi
    python3 "$HERE/fix-qemu-elf.py" "$C/vmcore.elf"
    X=
    if [ "${MAKEDUMPFILE_X:-0}" = 1 ] || ! elf_has_vmcoreinfo "$C/vmcore.elf"; then X="-x $VMLINUX"; fi
    rm -f "$C/vmcore.kdump"
    timeout 600 makedumpfile -d 31 -c $X "$C/vmcore.elf" "$C/vmcore.kdump" > "$C/makedumpfile.log" 2>&1 || {
        echo "== $sc: makedumpfile failed:" >&2; cat "$C/makedumpfile.log" >&2; fails=$((fails + 1)); continue; }
    t2=$(date +%s)
    mv "$C/vmcore.kdump" "$D/vmcore"
    cp "$C/console.log" "$D/console.log"
    case "$KEEP_ELF" in all|"$sc") ;; *) rm -f "$C/vmcore.elf" ;; esac
    rel=$(sed -n 's/^OOMCORE-SCENARIO [^ ]* release=\([^ ]*\).*/\1/p' "$D/console.log" | tr -d '\r' | head -1)
    {
        echo "# $sc"
        echo
        describe "$sc"
        echo
        echo "- kernel release: \`$rel\`"
        echo "- panic line: \`$(grep -a -o 'Kernel panic - not syncing: .*' "$D/console.log" | tr -d '\r' | head -1)\`"
        echo "- OOM kills logged: $(grep -a -c 'Killed process' "$D/console.log" || true)"
        echo "- kernel command line: \`$(grep -a -m1 -o 'Command line: .*' "$D/console.log" | tr -d '\r' | sed 's/^Command line: //')\`"
        echo "- guest: ${mem}M RAM, 2 vCPUs$( [ -n "$numa" ] && echo ', 2 NUMA nodes'), accel $OOMCORE_ACCEL, qemu $(qemu-system-x86_64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p')"
        echo "- vmcore: makedumpfile -d 31 -c$( [ -n "$X" ] && echo " -x vmlinux") (kdump-compressed, $(stat -c %s "$D/vmcore") bytes), from QEMU dump-guest-memory (paging=false)"
        echo "- console.log: serial console of the whole run; the ground truth is between ORACLE-BEGIN and ORACLE-END (printed right before each eater starts)"
        echo "- generated: $(date -u +%Y-%m-%dT%H:%MZ), boot-to-panic+dump $((t1 - t0)) s, makedumpfile $((t2 - t1)) s"
        echo
        echo "Open with: \`crash VMLINUX vmcore\` (KASLR offset comes from VMCOREINFO)."
    } > "$D/README.md"
    echo "== $sc: ok ($((t1 - t0)) s to panic+dump, $((t2 - t1)) s makedumpfile, $(stat -c %s "$D/vmcore") bytes)"
done
[ $fails = 0 ] || { echo "== $fails scenario(s) failed" >&2; exit 1; }

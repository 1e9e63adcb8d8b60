#!/bin/sh
# Sanity check of the real panic_on_oom sample dumps (dumps-samples/):
# every dump of the bundled 6.1-tiny kernel (committed) and of the Debian
# distro kernel (generated into the cache by dumps-samples/distro.sh if
# missing) must open in the real crash utility, report the right RELEASE,
# and its log must show the OOM report and the scenario's panic line.
#
# exit 0: all ok; 77: a prerequisite package is missing; else: failure.
# env: OOMCORE_SKIP_DISTRO=1   only check the bundled kernel's dumps
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DS=$ROOT/dumps-samples

need() {
    for t in "$@"; do
        command -v "$t" >/dev/null 2>&1 || { echo "# SKIP: missing $t"; exit 77; }
    done
}
need crash xz readelf timeout
# This checks the dumps, not oomcore: the plain `make check` did it.
if [ "${OC_SANITIZER_RUN:-0}" = 1 ]; then
    echo "# SKIP: the dumps were checked by the plain make check"
    exit 77
fi
if [ "${OOMCORE_SKIP_DISTRO:-0}" != 1 ]; then
    need qemu-system-x86_64 makedumpfile dpkg-deb gcc python3 cpio gzip
    [ -x /bin/busybox ] && ldd /bin/busybox 2>&1 | grep -q 'not a dynamic' \
        || { echo "# SKIP: missing busybox-static"; exit 77; }
fi

fails=0 n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $*"; }
check() { # check DESC CMD...
    d=$1; shift
    if "$@"; then ok "$d"; else notok "$d"; fi
}

expected_panic() {
    case "$1" in
    global|manytasks) echo "Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled" ;;
    memcg|numa) echo "Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled" ;;
    kill) echo "Kernel panic - not syncing: sysrq triggered crash" ;;
    *) echo "Kernel panic - not syncing" ;;
    esac
}

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# check_dump LABEL VMLINUX RELEASE DIR   (DIR/<scenario>/vmcore)
check_dumps() {
    label=$1 vmlinux=$2 release=$3 dir=$4
    found=0
    for vmcore in "$dir"/*/vmcore; do
        [ -f "$vmcore" ] || continue
        found=1
        sc=$(basename "$(dirname "$vmcore")")
        out=$TMP/$label-$sc.crash
        rc=0
        printf 'sys\nlog\nq\n' | timeout 300 crash -s "$vmlinux" "$vmcore" > "$out" 2>&1 || rc=$?
        if [ $rc -ne 0 ] || ! grep -q '^ *PANIC:' "$out"; then
            notok "$label/$sc: crash opens the dump (rc=$rc: $(grep -m1 -i 'crash:\|error' "$out" || true))"
            continue
        fi
        ok "$label/$sc: crash opens the dump"
        got=$(sed -n 's/^ *RELEASE: *//p' "$out" | head -1)
        check "$label/$sc: sys RELEASE is $release (got '$got')" test "$got" = "$release"
        for pat in "invoked oom-killer" "Tasks state"; do
            check "$label/$sc: log has '$pat'" grep -q "$pat" "$out"
        done
        check "$label/$sc: log has 'Mem-Info' or 'Memory cgroup stats'" grep -q -e "Mem-Info" -e "Memory cgroup stats" "$out"
        want=$(expected_panic "$sc")
        check "$label/$sc: log has '$want'" grep -qF "$want" "$out"
        check "$label/$sc: sys PANIC matches" grep -qF "PANIC: \"$want" "$out"
        case "$sc" in
        kill) k=$(grep -c "Killed process" "$out" || true)
              check "$label/$sc: log has >= 2 'Killed process' (got $k)" test "$k" -ge 2 ;;
        numa) check "$label/$sc: log has CONSTRAINT_CPUSET" grep -q "constraint=CONSTRAINT_CPUSET" "$out" ;;
        esac
        check "$label/$sc: console.log has the ORACLE block" grep -q "^ORACLE-END" "$(dirname "$vmcore")/console.log"
    done
    [ $found = 1 ] || notok "$label: no dumps found under $dir"
}

# --- bundled kernel
for kdir in "$DS"/6.1-tiny; do
    label=$(basename "$kdir")
    if vml=$("$DS/fetch-vmlinux.sh" "$label" 2>"$TMP/fetch.err"); then
        ok "$label: vmlinux.xz decompressed, build-id matches BUILD-INFO"
    else
        notok "$label: fetch-vmlinux.sh: $(cat "$TMP/fetch.err")"
        continue
    fi
    rel=$(sed -n 's/^OSRELEASE=//p' "$kdir/BUILD-INFO")
    check_dumps "$label" "$vml" "$rel" "$kdir"
done

# --- Debian distro kernel (generated and cached by distro.sh)
if [ "${OOMCORE_SKIP_DISTRO:-0}" != 1 ]; then
    if ddir=$(timeout 3600 "$DS/distro.sh" 2>"$TMP/distro.err" | tail -1) && [ -d "$ddir" ]; then
        ok "distro: distro.sh produced $ddir"
        check_dumps "distro-$(cat "$ddir/RELEASE")" "$ddir/vmlinux" "$(cat "$ddir/RELEASE")" "$ddir/dumps"
    else
        notok "distro: distro.sh failed: $(tail -5 "$TMP/distro.err" | tr '\n' ' ')"
    fi
fi

echo "# $n checks, $fails failed"
[ $fails = 0 ]

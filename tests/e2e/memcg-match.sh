#!/usr/bin/env bash
# The memcg walker against the kernel's own words, on every dump we have
# (those of lib/dumps.sh's oc_dumps, which OC_KERNELS selects):
#  (a) a memcg OOM block that the kernel printed right before its OOM panic
#      ("memory: usage ..., limit ..., failcnt ...", "swap: ...",
#      "Memory cgroup stats for PATH:" + memory.stat) equals our
#      usage/limit/failcnt and our flushed statistics exactly; earlier
#      blocks (followed by kills) only their limit;
#  (b) the guest's ORACLE memory.max equals ours exactly, memory.current
#      within the per-CPU charge stock slack (see lib/memcg_match.py);
#  (c) the cgroup paths and the parent/child structure match the oracle.
# Exit 77 only when there is no dump at all.
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$TOP/tests/e2e/lib/dumps.sh"
OOMCORE=${OOMCORE:-$TOP/build/oomcore}
[ -x "$OOMCORE" ] || { echo "no $OOMCORE"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The vmlinux of a dump: next to it or in a parent directory, else the
# bundled kernel's (fetch-vmlinux.sh), else oomcore's own search.
vmlinux_for() {
	local d=$1 v
	while [ "$d" != / ] && [ "$d" != "$HOME" ]; do
		for v in "$d"/vmlinux "$d"/vmlinux-*; do
			case "$v" in *.xz|*.gz) continue ;; esac
			[ -f "$v" ] && { echo "$v"; return; }
		done
		if [ -f "$d/vmlinux.xz" ] && [ -f "$d/BUILD-INFO" ]; then
			"$TOP/dumps-samples/fetch-vmlinux.sh" "$(basename "$d")" \
				2>/dev/null && return
		fi
		d=$(dirname "$d")
	done
}

dumps=()
while read -r _ _ _ f; do dumps+=("$f"); done < <(oc_dumps)
[ ${#dumps[@]} -gt 0 ] || { echo "no dumps"; exit 77; }

rc=0 n=0
for core in "${dumps[@]}"; do
	dir=$(dirname "$core")
	name=${dir#"$TOP"/}
	echo "=== $name"
	v=$(vmlinux_for "$dir")
	kopt=()
	[ -n "$v" ] && kopt=(-k "$v")
	if ! "$OOMCORE" memcg -j "${kopt[@]}" "$core" >"$tmp/memcg.json" \
		2>"$tmp/err"; then
		echo "FAIL: oomcore memcg: $(cat "$tmp/err")"
		rc=1
		continue
	fi
	# The log as the dump holds it; the console as a fallback.
	if ! "$OOMCORE" dmesg "${kopt[@]}" "$core" >"$tmp/log" 2>/dev/null; then
		cp "$dir/console.log" "$tmp/log" 2>/dev/null || : >"$tmp/log"
	fi
	python3 "$TOP/tests/e2e/lib/memcg_match.py" "$tmp/memcg.json" \
		"$tmp/log" "$dir/console.log" || rc=1
	n=$((n + 1))
done
echo "$n dumps checked"
exit $rc

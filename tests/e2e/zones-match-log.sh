#!/usr/bin/env bash
# `oomcore zones --json` gives, for every sample dump, the figures the
# kernel printed in the LAST Mem-Info block of the same dump's log: global
# block, Node lines, zone lines, lowmem_reserve, buddy lines with their
# migratetype letters, hugepages, pagecache, swap, pages RAM/reserved.
# Only what the kernel printed is compared (it filters nodes and zones).
# The comparison, and what may differ between the printout and the dump
# and by how much, is in lib/zones_memcheck.py.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
# oc_dumps plus the distribution dumps as dumps-samples/distro.sh lays them
# out (<cache>/distro/<rel>/dumps/<scenario>/vmcore), each dump once.
zones_dumps() {
	local seen=" " k kdir d vmlinux
	while read -r k scenario vmlinux d; do
		seen="$seen$d "
		echo "$k $scenario $vmlinux $d"
	done < <(oc_dumps)
	for kdir in "$OC_CACHE"/distro/*/; do
		[ -f "$kdir/vmlinux" ] || continue
		oc_kernel_wanted "distro-$(basename "$kdir")" || continue
		for d in "$kdir"/dumps/*/vmcore; do
			[ -f "$d" ] || continue
			case "$seen" in *" $d "*) continue ;; esac
			echo "$(basename "$kdir") $(basename "$(dirname "$d")")" \
				"$kdir/vmlinux $d"
		done
	done
}

while read -r kernel scenario vmlinux vmcore; do
	n=$((n + 1))
	name="$kernel/$scenario"
	if ! "$OOMCORE" dmesg --json -k "$vmlinux" "$vmcore" >"$tmp/dmesg" \
		2>"$tmp/err"; then
		oc_not_ok "$name: oomcore dmesg failed: $(cat "$tmp/err")"
		continue
	fi
	"$OOMCORE" zones --json -k "$vmlinux" "$vmcore" >"$tmp/zones" \
		2>"$tmp/err"
	rc=$?
	# 3: read with notes (e.g. a corrupt free list); the rest is valid.
	if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
		oc_not_ok "$name: oomcore zones failed ($rc): $(cat "$tmp/err")"
		continue
	fi
	console=$(dirname "$vmcore")/console.log
	[ -f "$console" ] || console=
	python3 "$TOP/tests/e2e/lib/zones_memcheck.py" "$tmp/dmesg" \
		"$tmp/zones" $console >"$tmp/out" 2>&1
	rc=$?
	case $rc in
	0) oc_ok "$name: $(grep 'figures compared' "$tmp/out")"
	   grep 'console log' "$tmp/out"
	   grep '^  ' "$tmp/out"
	   # The comparison must be able to fail: one buddy count and one
	   # watermark off by one are two mismatches.
	   python3 - "$tmp/zones" >"$tmp/bad" <<'PY'
import json, sys
z = json.load(open(sys.argv[1]))
z["zones"][0]["free_area"][0]["nr_free"] += 1
z["zones"][0]["min"] += 1
json.dump(z, sys.stdout)
PY
	   python3 "$TOP/tests/e2e/lib/zones_memcheck.py" "$tmp/dmesg" \
		"$tmp/bad" $console >"$tmp/out" 2>&1
	   if [ $? -eq 1 ] && [ "$(grep -c '^MISMATCH' "$tmp/out")" -ge 1 ]
	   then
		oc_ok "$name: a perturbed zone is caught"
	   else
		oc_not_ok "$name: a perturbed zone is not caught"
		cat "$tmp/out"
	   fi ;;
	77) oc_ok "$name: no Mem-Info in the log (a memcg OOM prints none)" ;;
	*) oc_not_ok "$name: Mem-Info differs"; cat "$tmp/out" ;;
	esac
done < <(zones_dumps)
[ "$n" -gt 0 ] || { echo "no sample dumps"; exit 77; }
oc_finish

#!/usr/bin/env bash
# `oomcore dmesg` prints, byte for byte, what the real crash(8) prints for
# `log` on the same dump and vmlinux, for every sample dump.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
command -v crash >/dev/null || { echo "crash is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
while read -r kernel scenario vmlinux vmcore; do
	n=$((n + 1))
	name="$kernel/$scenario"
	oc_crash_cached "$vmlinux" "$vmcore" 'log\nq\n' >"$tmp/crash" ||
		{ oc_not_ok "$name: crash failed: $(tail -n 3 "$tmp/crash")"; continue; }
	if ! "$OOMCORE" dmesg -k "$vmlinux" "$vmcore" >"$tmp/ours" 2>"$tmp/err"
	then
		oc_not_ok "$name: oomcore dmesg failed: $(cat "$tmp/err")"
		continue
	fi
	# crash may open its session with warnings (e.g. "active task ...
	# not found in PID hash" on 6.1): drop them up to the first record.
	sed -n '/^\[/,$p' "$tmp/crash" >"$tmp/crash.log"
	if cmp -s "$tmp/crash.log" "$tmp/ours"; then
		oc_ok "$name: $(wc -l <"$tmp/ours") lines identical to crash's log"
	else
		oc_not_ok "$name: differs from crash's log"
		diff "$tmp/crash.log" "$tmp/ours" | head -n 20
	fi
done < <(oc_dumps)
[ "$n" -gt 0 ] || { echo "no sample dumps"; exit 77; }
oc_finish

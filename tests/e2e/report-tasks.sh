#!/usr/bin/env bash
# `oomcore report` against the kernel's own words, on every sample dump:
#  - the task table equals the kernel's "Tasks state" table (panic dumps:
#    nothing changed between the printout and the dump), every column;
#  - each process's /proc-scale score equals the oom_score the guest
#    printed (ORACLE lines in console.log) before the eater started;
#  - the oom_control recovered from the stack agrees with the header;
#  - on dumps with completed kills, each event's recomputed victim is the
#    process the kernel killed.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
while read -r kernel scenario vmlinux vmcore; do
	n=$((n + 1))
	"$OOMCORE" dmesg -k "$vmlinux" "$vmcore" >"$tmp/log" 2>/dev/null
	"$OOMCORE" report --json -k "$vmlinux" "$vmcore" >"$tmp/json" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
		oc_not_ok "$kernel/$scenario: report failed ($rc): $(cat "$tmp/err")"
		continue
	fi
	python3 "$TOP/tests/e2e/lib/check_report.py" "$kernel/$scenario" \
		"$tmp/log" "$tmp/json" "$(dirname "$vmcore")/console.log" ||
		OC_FAILS=$((OC_FAILS + 1))
done < <(oc_dumps)
[ "$n" -gt 0 ] || { echo "no sample dumps"; exit 77; }
oc_finish

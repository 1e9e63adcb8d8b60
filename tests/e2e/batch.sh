#!/usr/bin/env bash
# `oomcore batch`: one JSON line per dump, each the document `oomcore
# report --json` prints, one per log, the document `oomcore log --json`
# prints; {"input","error"} lines for inputs that are neither, and the
# batch goes on; text beside a dump in a directory is not read as a log;
# --jobs 1 and --jobs 2 give the same lines; a summary on stderr counts the
# OOM events by constraint and the victims.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache

n=0
while read -r kernel vmlinux; do
	n=$((n + 1))
	dir=$tmp/$kernel
	mkdir -p "$dir/sub"
	: >"$dir/list"
	while read -r k scenario v vmcore; do
		[ "$k" = "$kernel" ] || continue
		ln -s "$vmcore" "$dir/sub/$scenario.vmcore"
		echo "$vmcore" >>"$dir/list"
	done < <(oc_dumps)
	# Text beside dumps is skipped in directories, and so are binaries...
	echo "not a dump" >"$dir/sub/README"
	ln -s "$vmlinux" "$dir/sub/vmlinux"
	# ... but binary garbage is an error when named...
	printf 'garbage\0\1\2' >"$dir/garbage.vmcore"
	# ... and a log is analysed.
	cp "$TOP/tests/log/fixtures/4.10-global-qemu-score888.log" "$dir/kern.log"
	count=$(wc -l <"$dir/list")

	# Expected: each report alone.
	: >"$tmp/expected"
	while read -r vmcore; do
		"$OOMCORE" report --json -k "$vmlinux" \
			"$dir/sub/$(basename "$(dirname "$vmcore")").vmcore" \
			>>"$tmp/expected" 2>/dev/null
	done <"$dir/list"
	sort "$tmp/expected" >"$tmp/expected.sorted"

	for jobs in 1 2; do
		"$OOMCORE" batch -k "$vmlinux" --jobs $jobs "$dir/sub" \
			"$dir/garbage.vmcore" "$dir/missing" "$dir/kern.log" \
			>"$tmp/out" 2>"$tmp/err"
		rc=$?
		[ $rc -eq 1 ] && oc_ok "$kernel --jobs $jobs: exit 1 (failures)" ||
			oc_not_ok "$kernel --jobs $jobs: exit $rc"
		lines=$(wc -l <"$tmp/out")
		[ "$lines" -eq $((count + 3)) ] &&
			oc_ok "$kernel --jobs $jobs: $lines lines" ||
			oc_not_ok "$kernel --jobs $jobs: $lines lines, expected $((count + 3))"
		"$OOMCORE" log --json "$dir/kern.log" >"$tmp/log.json"
		grep -Fxq -f "$tmp/log.json" "$tmp/out" &&
			oc_ok "$kernel --jobs $jobs: the log's line is its log --json" ||
			oc_not_ok "$kernel --jobs $jobs: no log line"
		grep -v '^{"input":' "$tmp/out" | grep -v '"input":"[^"]*kern.log"' |
			sort >"$tmp/reports"
		cmp -s "$tmp/reports" "$tmp/expected.sorted" &&
			oc_ok "$kernel --jobs $jobs: lines equal the reports" ||
			oc_not_ok "$kernel --jobs $jobs: lines differ from the reports"
		python3 - "$tmp/out" "$dir" <<'PY' &&
import json, sys
out, d = sys.argv[1], sys.argv[2]
errs = {}
for line in open(out):
    doc = json.loads(line)
    if "error" in doc:
        errs[doc["input"]] = doc["error"]
assert set(errs) == {d + "/garbage.vmcore", d + "/missing"}, errs
assert all(errs.values()), errs
PY
			oc_ok "$kernel --jobs $jobs: error lines for the bad inputs" ||
			oc_not_ok "$kernel --jobs $jobs: error lines"
		grep -q "^oomcore batch: $((count + 3)) inputs ($count dumps, 1 logs): .* 2 failed" \
			"$tmp/err" &&
			oc_ok "$kernel --jobs $jobs: summary line" ||
			oc_not_ok "$kernel --jobs $jobs: summary: $(cat "$tmp/err")"
		# Events: every dump's and the log's, by the analyses' constraint.
		python3 - "$tmp/out" "$tmp/err" <<'PY' &&
import collections, json, re, sys
by = collections.Counter()
for line in open(sys.argv[1]):
    doc = json.loads(line)
    for e in doc.get("events", []):
        c = e["analysis"]["constraint"]
        c = c["value"] if isinstance(c, dict) else c
        by[c] += 1
err = open(sys.argv[2]).read()
m = re.search(r"^OOM events: (\d+)", err, re.M)
assert m and int(m.group(1)) == sum(by.values()), (err, by)
for c, n in by.items():
    assert f"{c} {n}" in err, (c, n, err)
assert "Top victims: " in err, err
PY
			oc_ok "$kernel --jobs $jobs: OOM events by constraint, victims" ||
			oc_not_ok "$kernel --jobs $jobs: event summary: $(tail -n 2 "$tmp/err")"
	done
	"$OOMCORE" batch -k "$vmlinux" "$dir/sub" >/dev/null 2>&1 &&
		oc_ok "$kernel: exit 0 when every dump reports" ||
		oc_not_ok "$kernel: exit $? on good dumps only"
done < <(oc_dumps | awk '!seen[$1]++ { print $1, $3 }')
[ "$n" -gt 0 ] || { echo "no sample dumps"; exit 77; }
"$OOMCORE" batch "$tmp/empty-$$" >/dev/null 2>&1
[ $? -eq 1 ] && oc_ok "missing input: exit 1" || oc_not_ok "missing input"
mkdir "$tmp/nodumps"
"$OOMCORE" batch "$tmp/nodumps" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "no crash dumps or logs" "$tmp/err" &&
	oc_ok "directory without dumps: exit 1" ||
	oc_not_ok "directory without dumps: $(cat "$tmp/err")"
"$OOMCORE" batch --jobs 0 x >/dev/null 2>&1
[ $? -eq 2 ] && oc_ok "--jobs 0: usage error" || oc_not_ok "--jobs 0"
oc_finish

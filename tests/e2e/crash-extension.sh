#!/usr/bin/env bash
# The crash extension inside the real crash(8), on every sample dump:
# `oom -j` gives the same document as `oomcore report --json` (only the
# dump's identity differs: crash opened it), `help oom` prints the help,
# loading twice is refused, `extend -u` unloads.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
command -v crash >/dev/null || { echo "crash is not installed"; exit 77; }
[ -f "$OOMCORE_SO" ] || { echo "no $OOMCORE_SO"; exit 1; }
# A sanitized extension needs the ASan runtime loaded first, and crash
# 8.0.2 itself does not run under ASan (a heap overflow in x86_64_init):
# the extension is tested by the plain make check.
if ldd "$OOMCORE_SO" | grep -q libasan; then
	echo "sanitized extension: crash cannot load it"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
while read -r kernel scenario vmlinux vmcore; do
	n=$((n + 1))
	name="$kernel/$scenario"
	"$OOMCORE" report --json -k "$vmlinux" "$vmcore" >"$tmp/cli.json" 2>/dev/null
	printf 'extend %s\noom -j\nhelp oom\nextend %s\nextend -u %s\noom\nq\n' \
		"$OOMCORE_SO" "$OOMCORE_SO" "$OOMCORE_SO" |
		oc_crash "$vmlinux" "$vmcore" >"$tmp/crash.out"
	grep '^{"schema_version"' "$tmp/crash.out" >"$tmp/crash.json"
	if python3 - "$tmp/cli.json" "$tmp/crash.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):	# who opened the dump, and how
    for k in ("path", "format", "vmlinux", "build_id", "verified_by"):
        d["dump"].pop(k, None)
if a != b:
    def diff(x, y, path=""):
        if type(x) != type(y) or not isinstance(x, (dict, list)):
            if x != y:
                print(f"  {path}: cli {str(x)[:80]} != crash {str(y)[:80]}")
            return
        keys = x.keys() | y.keys() if isinstance(x, dict) else range(max(len(x), len(y)))
        for k in keys:
            try:
                diff(x[k], y[k], f"{path}/{k}")
            except (KeyError, IndexError):
                print(f"  {path}/{k}: only on one side")
    diff(a, b)
    sys.exit(1)
PY
	then
		oc_ok "$name: oom -j equals oomcore report --json"
	else
		oc_not_ok "$name: oom -j differs from oomcore report --json"
	fi
	if grep -q "^NAME" "$tmp/crash.out" &&
		grep -q "oom - explain the out-of-memory event" "$tmp/crash.out" &&
		grep -q "^EXAMPLES" "$tmp/crash.out"; then
		oc_ok "$name: help oom"
	else
		oc_not_ok "$name: help oom missing"
	fi
	if grep -q "shared object already loaded" "$tmp/crash.out" &&
		grep -q "shared object unloaded" "$tmp/crash.out" &&
		grep -q 'command not found: oom' "$tmp/crash.out"; then
		oc_ok "$name: second load refused, unloads cleanly"
	else
		oc_not_ok "$name: load/unload: $(grep -i -e extend -e oom: "$tmp/crash.out" | head -n 5)"
	fi
done < <(oc_dumps)
[ "$n" -gt 0 ] || { echo "no sample dumps"; exit 77; }
oc_finish

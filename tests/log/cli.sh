#!/usr/bin/env bash
# `oomcore log` command line: exit codes, stdin, --event, no-OOM output.
. "$(dirname "$0")/lib.bash"
rc=0
fail() { echo "FAIL: $*"; rc=1; }

out=$(echo "just some text" | "$OOMCORE" log) || fail "no OOM: exit $?"
[[ $out == "No OOM event found in - (1 lines)." ]] || fail "no OOM text: $out"
out=$(printf 'a\nb\n' | "$OOMCORE" log --json -) || fail "no OOM json: exit $?"
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["schema_version"] == 1 and d["events"] == [] and d["stats"]["lines"] == 2' "$out" ||
	fail "no OOM json: $out"
"$OOMCORE" log "$FIX/does-not-exist.log" 2>/dev/null
[ $? -eq 1 ] || fail "missing file must exit 1"
"$OOMCORE" log --bogus 2>/dev/null
[ $? -eq 2 ] || fail "bad option must exit 2"
"$OOMCORE" log a b 2>/dev/null
[ $? -eq 2 ] || fail "two inputs must exit 2"
"$OOMCORE" log --event 0 "$FIX/4.10-global-qemu-score888.log" 2>/dev/null
[ $? -eq 2 ] || fail "--event 0 must exit 2"
"$OOMCORE" log --event 3 "$FIX/6.9-arm64-kswapd-global-dmesg-T.log" 2>/dev/null
[ $? -eq 2 ] || fail "--event beyond the events must exit 2"
"$OOMCORE" log --help | grep -q '^Usage: oomcore log' || fail "--help"
out=$("$OOMCORE" log --event 2 <"$FIX/6.9-arm64-kswapd-global-dmesg-T.log") ||
	fail "stdin: exit $?"
[[ $out == *"Event 2 of 2"* && $out != *"Event 1 of 2"* ]] || fail "--event 2 on stdin"
[[ $out == *"Killed a.out (pid 5071)"* ]] || fail "verdict names the victim"
check "$FIX/6.9-arm64-kswapd-global-dmesg-T.log" 'len(ev) == 2' || rc=1
"$OOMCORE" log -p --event=2 "$FIX/6.9-arm64-kswapd-global-dmesg-T.log" >"$TMPJ" ||
	fail "-p --event=2"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [e["index"] for e in d["events"]] == [2]' "$TMPJ" ||
	fail "--event=2 selects event 2 in JSON"
grep -q '^  "schema_version": 1,' "$TMPJ" || fail "-p indents"
exit $rc

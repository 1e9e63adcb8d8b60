#!/usr/bin/env bash
# Filtered dumps: makedumpfile -d 31 drops zero, page-cache, private-cache,
# user and free pages. Everything the report reads is kernel memory, so
# the filtered dump (kdump-compressed, and ELF with -E) must give exactly
# the report of the unfiltered raw dump: same sections, same numbers, exit
# 0 (a page the report needed and did not find would show as a partial
# report, exit 3, or as a difference here).
#
# Needs the raw ELF dump that dumps-samples/gen-dumps.sh leaves in the
# cache (~256 MB, not committed); oc_raw_elf makes one when it is missing.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
read -r kernel scenario vmlinux vmcore < <(oc_dumps | grep "^6.1-tiny global ")
[ -n "${vmcore:-}" ] || { echo "no 6.1-tiny global dump"; exit 77; }
elf=$(oc_raw_elf "$vmlinux" global) ||
	{ echo "no raw ELF dump and dumps-samples/gen-dumps.sh failed"; exit 1; }
command -v makedumpfile >/dev/null || { echo "no makedumpfile"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sums=$(sha256sum "$vmlinux" "$elf")

timeout 600 "$OOMCORE" --json report -k "$vmlinux" "$elf" >"$tmp/raw.json"
rc=$?
[ $rc -eq 0 ] || { oc_not_ok "raw dump: exit $rc"; oc_finish; }
for fmt in "-c" "-E"; do
	out=$tmp/filtered$fmt
	if ! makedumpfile -d 31 $fmt "$elf" "$out" >"$tmp/mk.log" 2>&1; then
		oc_not_ok "makedumpfile -d 31 $fmt failed: $(tail -n 3 "$tmp/mk.log")"
		continue
	fi
	timeout 600 "$OOMCORE" --json report -k "$vmlinux" "$out" >"$tmp/f.json" \
		2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		oc_not_ok "-d 31 $fmt: exit $rc: $(head -c 300 "$tmp/err")"
	elif python3 - "$tmp/raw.json" "$tmp/f.json" <<'PY'; then
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
diff = [k for k in a if k != "dump" and a[k] != b.get(k)]
print("same report" if not diff else "differs: " + ", ".join(diff))
sys.exit(1 if diff else 0)
PY
		oc_ok "makedumpfile -d 31 $fmt ($(($(stat -c %s "$out") >> 20)) MB of $(($(stat -c %s "$elf") >> 20))): the raw dump's report"
	else
		oc_not_ok "-d 31 $fmt: report differs from the raw dump's"
	fi
	# dmesg and zones verbs too: same output.
	for verb in dmesg zones memcg; do
		if cmp -s <("$OOMCORE" "$verb" -k "$vmlinux" "$elf" 2>&1) \
			<("$OOMCORE" "$verb" -k "$vmlinux" "$out" 2>&1); then
			oc_ok "-d 31 $fmt: $verb as on the raw dump"
		else
			oc_not_ok "-d 31 $fmt: $verb differs"
		fi
	done
	rm -f "$out"
done
[ "$sums" = "$(sha256sum "$vmlinux" "$elf")" ] &&
	oc_ok "raw dump and vmlinux unchanged" || oc_not_ok "inputs modified"
oc_finish

#!/usr/bin/env bash
# Bad inputs to the dump verbs: a clear one-line error and exit status 1,
# never a crash; the dump and vmlinux are never modified.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
read -r kernel scenario vmlinux vmcore < <(oc_dumps | head -n 1)
[ -n "${vmcore:-}" ] || { echo "no sample dumps"; exit 77; }
sum_before=$(sha256sum "$vmlinux" "$vmcore")

# expect NAME STATUS PATTERN -- ARGS: runs oomcore, checks status, one
# line on stderr matching PATTERN, nothing on stdout.
expect() {
	local name=$1 status=$2 pattern=$3 rc
	shift 4
	"$OOMCORE" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne "$status" ]; then
		oc_not_ok "$name: exit $rc, expected $status: $(cat "$tmp/err")"
	elif [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -Eq "$pattern" "$tmp/err"; then
		oc_not_ok "$name: message '$(cat "$tmp/err")' !~ /$pattern/"
	elif [ -s "$tmp/out" ]; then
		oc_not_ok "$name: printed to stdout"
	else
		oc_ok "$name: $(cat "$tmp/err")"
	fi
}

echo "hello" >"$tmp/text"
: >"$tmp/empty"
mkfifo "$tmp/fifo"
head -c 4096 "$vmcore" >"$tmp/truncated-header"
expect "not a dump" 1 "not a crash dump" -- dmesg -k "$vmlinux" "$tmp/text"
expect "empty file" 1 "empty file" -- dmesg -k "$vmlinux" "$tmp/empty"
expect "directory" 1 "is a directory" -- dmesg -k "$vmlinux" "$tmp"
expect "fifo" 1 "not a regular file" -- dmesg -k "$vmlinux" "$tmp/fifo"
expect "missing dump" 1 "No such file" -- dmesg -k "$vmlinux" "$tmp/nope"
expect "missing vmlinux" 1 "vmlinux .*No such file" -- \
	dmesg -k "$tmp/nope" "$vmcore"
expect "vmlinux not ELF" 1 "not an ELF file" -- dmesg -k "$tmp/text" "$vmcore"
expect "truncated header" 1 "dump .*truncated-header" -- \
	dmesg -k "$vmlinux" "$tmp/truncated-header"
# No -k: discovery looks in the usual places for this OSRELEASE.
rel=$(strings -n 8 "$vmcore" | sed -n 's/^OSRELEASE=//p' | head -n 1)
if [ ! -e "/usr/lib/debug/boot/vmlinux-$rel" ]; then
	expect "no vmlinux found" 1 "no vmlinux for $rel found \(tried /usr/lib/debug/boot/vmlinux-$rel" -- \
		dmesg "$vmcore"
fi
# Another build of the same kernel: the same file with its build-id
# changed. Refused with both identities, accepted with --force.
cp "$vmlinux" "$tmp/vmlinux-other"
python3 - "$tmp/vmlinux-other" <<'PY'
import subprocess, sys
path = sys.argv[1]
out = subprocess.run(["readelf", "-n", path], capture_output=True,
		     text=True).stdout
bid = bytes.fromhex(out.split("Build ID: ")[1].split()[0])
data = bytearray(open(path, "rb").read())
i = data.find(bid)
data[i] ^= 0xff
open(path, "wb").write(data)
PY
expect "other build" 1 "vmlinux .*build-id .* does not match dump .*build-id" -- \
	dmesg -k "$tmp/vmlinux-other" "$vmcore"
if "$OOMCORE" dmesg --force -k "$tmp/vmlinux-other" "$vmcore" >/dev/null \
	2>&1; then
	oc_ok "--force reads the dump anyway"
else
	oc_not_ok "--force failed"
fi

if [ "$sum_before" = "$(sha256sum "$vmlinux" "$vmcore")" ]; then
	oc_ok "dump and vmlinux unchanged"
else
	oc_not_ok "dump or vmlinux modified"
fi
oc_finish

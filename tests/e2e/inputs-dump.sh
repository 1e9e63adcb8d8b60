#!/usr/bin/env bash
# The dump verbs on wrong and odd inputs (tests/e2e/dump-errors.sh has the
# first set: text, empty, directory, FIFO, missing files, truncated header,
# another build of the same kernel):
#  - the vmlinux of another kernel: every verb refuses it, naming both
#    releases and both build-ids; --force proceeds and the report (text
#    and JSON) says the vmlinux is NOT verified, never a crash;
#  - another build of the same release with --force: marked unverified;
#  - a character device (/dev/null, /dev/zero), an unreadable dump;
#  - every file is opened read-only (strace) and the dump and vmlinux
#    hash the same after every command.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
read -r kernel scenario vmlinux vmcore < <(oc_dumps | head -n 1)
[ -n "${vmcore:-}" ] || { echo "no sample dumps"; exit 77; }
sums=$(sha256sum "$vmlinux" "$vmcore")
unchanged() {
	[ "$sums" = "$(sha256sum "$vmlinux" "$vmcore")" ] ||
		oc_not_ok "after $*: dump or vmlinux modified"
}

# oc NAME -- ARGS: runs oomcore (time limit), sets $rc, checks the hashes.
oc() {
	local name=$1
	shift 2
	timeout 300 "$OOMCORE" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -gt 3 ]; then
		oc_not_ok "$name: exit $rc (crash?): $(tail -n 3 "$tmp/err")"
	fi
	unchanged "$name"
}

json_ok() {
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1" \
		2>/dev/null
}

# The vmlinux of another kernel: the distribution kernel's, when cached.
other=$(ls "$OC_CACHE"/distro/*/vmlinux 2>/dev/null | grep -v "$kernel" |
	head -n 1)
if [ -z "$other" ]; then
	# Without it: the same file with another build-id and banner.
	other=$tmp/vmlinux-other
	cp "$vmlinux" "$other"
	python3 - "$other" <<'PY'
import subprocess, sys
p = sys.argv[1]
out = subprocess.run(["readelf", "-n", p], capture_output=True, text=True).stdout
bid = bytes.fromhex(out.split("Build ID: ")[1].split()[0])
d = bytearray(open(p, "rb").read())
i = d.find(bid); d[i] ^= 0xff
i = d.find(b"Linux version "); d[i + 14] = ord("9")
open(p, "wb").write(d)
PY
fi
dump_rel=$(strings -n 8 "$vmcore" | sed -n 's/^OSRELEASE=//p' | head -n 1)
dump_bid=$(strings -n 8 "$vmcore" | sed -n 's/^BUILD-ID=//p' | head -n 1)
other_bid=$(readelf -n "$other" | sed -n 's/.*Build ID: //p' | head -n 1)
echo "dump $dump_rel $dump_bid, other vmlinux $other $other_bid"
for verb in report dmesg zones memcg; do
	oc "$verb wrong kernel" -- "$verb" -k "$other" "$vmcore"
	if [ $rc -ne 1 ]; then
		oc_not_ok "$verb with another kernel's vmlinux: exit $rc"
	elif grep -q "$dump_rel" "$tmp/err" && grep -q "$dump_bid" "$tmp/err" &&
		grep -q "${other_bid:-@@}" "$tmp/err" &&
		grep -q "does not match" "$tmp/err"; then
		oc_ok "$verb refuses another kernel: $(cat "$tmp/err")"
	else
		oc_not_ok "$verb: both identities not named: $(cat "$tmp/err")"
	fi
	[ -s "$tmp/out" ] && oc_not_ok "$verb wrong kernel: printed a report"
	oc "$verb --force wrong kernel" -- "$verb" --force -k "$other" "$vmcore"
	[ $rc -le 3 ] && oc_ok "$verb --force with another kernel: exit $rc"
	oc "$verb --json --force" -- --json "$verb" --force -k "$other" "$vmcore"
	if [ $rc -le 3 ] && { [ ! -s "$tmp/out" ] || json_ok "$tmp/out"; }; then
		oc_ok "$verb --json --force: exit $rc, valid JSON or none"
	else
		oc_not_ok "$verb --json --force: exit $rc, invalid JSON"
	fi
done
oc "report --force" -- report --force -k "$other" "$vmcore"
grep -q "NOT VERIFIED" "$tmp/out" &&
	oc_ok "forced report marked NOT VERIFIED" ||
	oc_not_ok "forced report not marked: $(head -n 3 "$tmp/out")"
oc "report --json --force" -- --json report --force -k "$other" "$vmcore"
python3 - "$tmp/out" <<'PY' && oc_ok "JSON: vmlinux_verified false" ||
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if d["dump"]["vmlinux_verified"] is False else 1)
PY
	oc_not_ok "JSON does not say unverified"

# Another build of the same release, forced: unverified, report complete.
cp "$vmlinux" "$tmp/vmlinux-rebuilt"
python3 - "$tmp/vmlinux-rebuilt" <<'PY'
import subprocess, sys
p = sys.argv[1]
out = subprocess.run(["readelf", "-n", p], capture_output=True, text=True).stdout
bid = bytes.fromhex(out.split("Build ID: ")[1].split()[0])
d = bytearray(open(p, "rb").read())
i = d.find(bid); d[i] ^= 0xff
open(p, "wb").write(d)
PY
oc "rebuilt --force" -- report --force -k "$tmp/vmlinux-rebuilt" "$vmcore"
if [ $rc -le 3 ] && grep -q "NOT VERIFIED" "$tmp/out"; then
	oc_ok "same release, other build, --force: exit $rc, NOT VERIFIED"
else
	oc_not_ok "rebuilt --force: exit $rc: $(head -n 3 "$tmp/out")"
fi
oc "verified" -- --json report -k "$vmlinux" "$vmcore"
python3 - "$tmp/out" <<'PY' && oc_ok "the right vmlinux: verified" ||
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if d["dump"]["vmlinux_verified"] is True else 1)
PY
	oc_not_ok "the right vmlinux is not marked verified"

# Character devices and an unreadable dump: an error, never a hang.
for dev in /dev/null /dev/zero; do
	oc "$dev" -- dmesg -k "$vmlinux" "$dev"
	if [ $rc -eq 1 ] && grep -q "$dev" "$tmp/err"; then
		oc_ok "$dev: $(cat "$tmp/err")"
	else
		oc_not_ok "$dev: exit $rc: $(cat "$tmp/err")"
	fi
done
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	cp "$vmcore" "$tmp/vmcore-unreadable"
	chmod 000 "$tmp/vmcore-unreadable"
	chmod 755 "$tmp"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$OOMCORE" \
		dmesg -k "$vmlinux" "$tmp/vmcore-unreadable" >"$tmp/out" \
		2>"$tmp/err"
	rc=$?
	if [ $rc -eq 1 ] && grep -q "Permission denied" "$tmp/err"; then
		oc_ok "unreadable dump: $(cat "$tmp/err")"
	elif [ $rc -eq 126 ] || grep -q "vmlinux.*Permission" "$tmp/err"; then
		echo "note: nobody cannot run $OOMCORE or read $vmlinux: skipped"
	else
		oc_not_ok "unreadable dump: exit $rc: $(cat "$tmp/err")"
	fi
elif [ "$(id -u)" != 0 ]; then
	cp "$vmcore" "$tmp/vmcore-unreadable"
	chmod 000 "$tmp/vmcore-unreadable"
	oc "unreadable" -- dmesg -k "$vmlinux" "$tmp/vmcore-unreadable"
	[ $rc -eq 1 ] && oc_ok "unreadable dump refused" ||
		oc_not_ok "unreadable dump: exit $rc"
fi

# Every open of the inputs is read-only, for every verb.
if command -v strace >/dev/null; then
	for verb in report dmesg zones memcg; do
		strace -f -qq -e trace=open,openat,creat -o "$tmp/strace" \
			"$OOMCORE" "$verb" -k "$vmlinux" "$vmcore" \
			>/dev/null 2>&1
		w=$(grep -E "\"($vmlinux|$vmcore)\"" "$tmp/strace" |
			grep -E "O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|creat\(")
		n=$(grep -cE "\"($vmlinux|$vmcore)\"" "$tmp/strace")
		if [ -z "$w" ] && [ "$n" -gt 0 ]; then
			oc_ok "$verb opens the dump and vmlinux read-only ($n opens)"
		else
			oc_not_ok "$verb: $w (opens: $n)"
		fi
		unchanged "$verb"
	done
fi
unchanged "all" && oc_ok "dump and vmlinux unchanged after every command"
oc_finish

#!/usr/bin/env bash
# Log mode on the worst inputs: binary garbage, 1 GB of log without an
# OOM through a pipe (bounded memory: streaming), 1 MB lines, invalid
# UTF-8 (the JSON stays valid), empty file, directory, FIFO, unreadable
# and missing files. Never a crash or a hang; the inputs are not modified.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
OC_LOG_MB=${OC_LOG_MB:-1024}

# run NAME EXPECTED_STATUS -- ARGS: runs oomcore with a time limit.
run() {
	local name=$1 want=$2 rc
	shift 3
	timeout 300 "$OOMCORE" "$@" >out 2>err
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		oc_ok "$name: exit $rc"
	else
		oc_not_ok "$name: exit $rc, expected $want: $(head -c 300 err)"
	fi
}

json_ok() {
	python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8", errors="strict"))' "$1" 2>/dev/null
}

# Binary garbage, with a few OOM-looking fragments in it.
python3 - <<'PY'
import os, random
random.seed(8)
with open("garbage.bin", "wb") as f:
    for i in range(2000):
        f.write(os.urandom(random.randint(0, 600)))
        if i % 50 == 0:
            f.write(b"\n[ 1.0] a invoked oom-killer: gfp_mask=0x\xff\x00, order=99999999999999999999\n")
            f.write(b"Out of memory: Killed process \xff (\x00) total-vm:-5kB\n")
PY
sums=$(sha256sum garbage.bin)
run "binary garbage" 0 -- log garbage.bin
run "binary garbage --json" 0 -- --json log garbage.bin
json_ok out && oc_ok "garbage: valid JSON" || oc_not_ok "garbage: invalid JSON"

# Lines of 1 MB, one with an OOM header at its end; invalid UTF-8.
python3 - <<'PY'
with open("long.log", "wb") as f:
    f.write(b"x" * (1 << 20) + b"\n")
    f.write(b"y" * (1 << 20) + b" invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n")
    f.write(b"[   12.000000] \xff\xfe\xc3\x28\xed\xa0\x80 invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n")
    f.write(b"[   12.000100] CPU: 0 PID: 77 Comm: \xe2\x82 \xf0\x9f\x98 Not tainted 6.1.0 #1\n")
    f.write(b"[   12.000500] Out of memory: Killed process 77 (\xc0\xaf\xfe) total-vm:1000kB, anon-rss:900kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:40kB oom_score_adj:0\n")
    f.write(b"z" * (3 << 20))  # no final newline
PY
sums="$sums
$(sha256sum long.log)"
run "1 MB lines, invalid UTF-8" 0 -- log long.log
grep -q "1 OOM event" out && grep -q "pid 77" out &&
	oc_ok "the OOM in invalid UTF-8 is still reported" ||
	oc_not_ok "no OOM found among invalid UTF-8: $(head -c 300 out)"
run "1 MB lines --json" 0 -- --json log long.log
json_ok out && oc_ok "invalid UTF-8: valid UTF-8 JSON" ||
	oc_not_ok "invalid UTF-8: JSON not valid"

# Empty file, directory, FIFO, missing, unreadable.
: >empty
run "empty file" 0 -- log empty
mkdir dir
run "directory" 1 -- log dir
grep -q "dir" err && oc_ok "directory: named" || oc_not_ok "directory: $(cat err)"
run "missing file" 1 -- log nope
grep -q "nope" err && oc_ok "missing: named" || oc_not_ok "missing: $(cat err)"
mkfifo fifo
(printf '[ 1.0] hello\n' >fifo &)
run "FIFO" 0 -- log fifo
echo "secret" >unreadable
chmod 000 unreadable
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod 755 "$tmp"
	if setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$OOMCORE" log "$tmp/unreadable" >out 2>err; then
		oc_not_ok "unreadable: read anyway"
	elif grep -q "Permission denied" err; then
		oc_ok "unreadable: $(cat err)"
	elif grep -qi "permission\|denied" err || [ ! -x "$OOMCORE" ]; then
		oc_ok "unreadable: $(cat err)"
	else
		echo "note: as nobody: $(cat err)"
		oc_ok "unreadable: refused"
	fi
elif [ "$(id -u)" != 0 ]; then
	run "unreadable" 1 -- log unreadable
else
	echo "note: root without setpriv: unreadable file not tested"
fi

# 1 GB of log without an OOM through a pipe: streaming, bounded memory.
python3 - <<'PY'
with open("chunk.log", "w") as f:
    for i in range(10000):
        f.write("[%5d.%06d] e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps "
                "Full Duplex, Flow Control: Rx/Tx; filler %08d\n"
                % (i, (i * 7919) % 1000000, i * 31))
PY
chunk=$(stat -c %s chunk.log)
reps=$(((OC_LOG_MB << 20) / chunk + 1))
start=$(date +%s)
# shellcheck disable=SC2034
for ((i = 0; i < reps; i++)); do cat chunk.log; done |
	/usr/bin/time -f "%M" -o rss timeout 900 "$OOMCORE" log - >out 2>err
rc=$?
rss=$(tail -n 1 rss)
echo "$((reps * chunk >> 20)) MB in $(($(date +%s) - start)) s, max RSS ${rss} kB"
if [ $rc -eq 0 ] && grep -q "No OOM event" out; then
	oc_ok "${OC_LOG_MB} MB log without OOM: $(cat out)"
else
	oc_not_ok "big log: exit $rc: $(head -c 300 out err)"
fi
# ASan's shadow memory adds tens of MB; 1 GB read in memory would show.
if [ "${rss:-999999}" -lt 262144 ]; then
	oc_ok "bounded memory: ${rss} kB for ${OC_LOG_MB} MB"
else
	oc_not_ok "memory grows with the input: ${rss} kB"
fi

[ "$sums" = "$(sha256sum garbage.bin long.log)" ] &&
	oc_ok "inputs unchanged" || oc_not_ok "an input was modified"
oc_finish

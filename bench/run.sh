#!/usr/bin/env bash
# oomcore vs crash vs drgn on the same dumps, side by side (make bench).
#
# For each dump (the Debian distro kernel's global and manytasks dumps,
# filtered by makedumpfile, and the raw ELF of the global one), runs in
# rounds, alternating the commands within each round:
#   oomcore-cold   oomcore report --json, empty type cache
#   oomcore-warm   oomcore report --json, type profile cached
#   drgn           bench/drgn_report.py: the same walks in drgn
#   crash-open     crash opening the dump, then quit
#   crash-session  crash: log, kmem -i, kmem -z, list task_struct.tasks,
#                  ps (the nearest equivalent of the report)
# and prints, per dump and command, the median and range of wall time,
# CPU time (user + sys) and peak RSS from /usr/bin/time, with ratios to
# oomcore-cold, then the batch throughput (oomcore batch --jobs 2 over
# BATCH_N copies of the global dump). The table also goes to
# bench/results/<host>-<date>.md.
#
# Environment: BUILD (build dir, default build), REPS (rounds, default 5),
# CRASH_REPS (rounds that include crash, default 3), BATCH_N (default 100),
# DISTRO (kernel dir, default ~/.cache/oomcore/distro/6.1.0-56-amd64).
# Needs crash, python3-drgn and /usr/bin/time (apt-get install crash
# python3-drgn time); a missing tool's rows are left out.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
OOMCORE=$BUILD/oomcore
REPS=${REPS:-5}
CRASH_REPS=${CRASH_REPS:-3}
BATCH_N=${BATCH_N:-100}
DISTRO=${DISTRO:-${XDG_CACHE_HOME:-$HOME/.cache}/oomcore/distro/6.1.0-56-amd64}
vmlinux=$DISTRO/vmlinux

[ -x "$OOMCORE" ] || { echo "bench: no $OOMCORE (make first)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
[ -f "$vmlinux" ] || { echo "bench: no $vmlinux (make distro-dumps)" >&2; exit 1; }
have_crash=false have_drgn=false
command -v crash >/dev/null && have_crash=true
/usr/bin/python3 -c 'import drgn' 2>/dev/null && have_drgn=true

declare -A dumps=(
	[global]=$DISTRO/dumps/global/vmcore
	[manytasks]=$DISTRO/dumps/manytasks/vmcore
	[global-raw-elf]=$DISTRO/gen/global/vmcore.elf
)
order=(global manytasks global-raw-elf)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
warm=$tmp/warm-cache
samples=$tmp/samples	# dump command wall cpu rss_kb

# run DUMP CMD ARGV...: one timed run, appended to $samples.
run() {
	local dump=$1 cmd=$2
	shift 2
	/usr/bin/time -o "$tmp/t" -f "%e %U %S %M" "$@" >"$tmp/out" 2>&1 </dev/null
	local rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
		echo "bench: $cmd on $dump failed ($rc): $(tail -n 3 "$tmp/out")" >&2
		return
	fi
	awk -v d="$dump" -v c="$cmd" 'END { printf "%s %s %s %.2f %s\n", d, c, $1, $2 + $3, $4 }' \
		"$tmp/t" >>"$samples"
}

# crash with a command file on stdin: CMDFILE VMCORE.
crash_run=(sh -c 'exec crash -s --no_scroll "$0" "$1" <"$2"' "$vmlinux")
printf 'quit\n' >"$tmp/quit.cmds"

for name in "${order[@]}"; do
	vmcore=${dumps[$name]}
	[ -f "$vmcore" ] || { echo "bench: no $vmcore, skipped" >&2; continue; }
	echo "bench: $name ($vmcore)" >&2
	rm -rf "$warm"
	XDG_CACHE_HOME=$warm "$OOMCORE" report --json -k "$vmlinux" "$vmcore" >/dev/null 2>&1
	for r in $(seq 1 "$REPS"); do
		rm -rf "$tmp/cold"
		run "$name" oomcore-cold env XDG_CACHE_HOME="$tmp/cold" \
			"$OOMCORE" report --json -k "$vmlinux" "$vmcore"
		run "$name" oomcore-warm env XDG_CACHE_HOME="$warm" \
			"$OOMCORE" report --json -k "$vmlinux" "$vmcore"
		$have_drgn && run "$name" drgn /usr/bin/python3 \
			"$TOP/bench/drgn_report.py" "$vmlinux" "$vmcore"
		if $have_crash && [ "$r" -le "$CRASH_REPS" ]; then
			run "$name" crash-open "${crash_run[@]}" "$vmcore" \
				"$tmp/quit.cmds"
			run "$name" crash-session "${crash_run[@]}" "$vmcore" \
				"$TOP/bench/crash-session.cmds"
		fi
	done
done

# Batch: BATCH_N links to the global dump, cold cache, 2 jobs.
if [ -f "${dumps[global]}" ]; then
	mkdir -p "$tmp/batch"
	for i in $(seq 1 "$BATCH_N"); do
		ln -s "${dumps[global]}" "$tmp/batch/dump$i.vmcore"
	done
	rm -rf "$tmp/bcache"
	start=$(date +%s.%N)
	XDG_CACHE_HOME=$tmp/bcache "$OOMCORE" batch --jobs 2 -k "$vmlinux" \
		"$tmp/batch" >"$tmp/batch.out" 2>"$tmp/batch.err"
	end=$(date +%s.%N)
	batch_line=$(awk -v s="$start" -v e="$end" -v n="$BATCH_N" \
		'BEGIN { printf "%d dumps in %.2f s: %.0f dumps/min", n, e - s, n * 60 / (e - s) }')
	batch_lines=$(wc -l <"$tmp/batch.out")
fi

# The table: median [min-max] per dump and command, ratios to oomcore-cold.
result=$tmp/result.md
{
	echo "Machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
	echo "oomcore $(git -C "$TOP" describe --always --dirty 2>/dev/null), crash $(crash --version 2>/dev/null | awk '/^crash/ { print $2; exit }'), drgn $(/usr/bin/python3 -c 'import drgn; print(drgn.__version__)' 2>/dev/null)"
	echo "Rounds: $REPS ($CRASH_REPS with crash); median [min-max]; CPU = user + sys"
	echo
	python3 - "$samples" "${order[@]}" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    d, c, wall, cpu, rss = line.split()
    rows.setdefault((d, c), []).append((float(wall), float(cpu), int(rss) / 1024))
cmds = ["oomcore-cold", "oomcore-warm", "drgn", "crash-open", "crash-session"]
print("| dump | command | n | wall s | CPU s | peak RSS MB | wall / oomcore-cold | RSS / oomcore-cold |")
print("|---|---|---|---|---|---|---|---|")
def fmt(xs, f):
    return "%s [%s-%s]" % (f % statistics.median(xs), f % min(xs), f % max(xs))
for d in sys.argv[2:]:
    base = rows.get((d, "oomcore-cold"))
    for c in cmds:
        s = rows.get((d, c))
        if not s:
            continue
        w = [x[0] for x in s]; u = [x[1] for x in s]; r = [x[2] for x in s]
        if base:
            rw = "%.1fx" % (statistics.median(w) / max(statistics.median([x[0] for x in base]), 1e-3))
            rr = "%.1fx" % (statistics.median(r) / statistics.median([x[2] for x in base]))
        else:
            rw = rr = "-"
        print("| %s | %s | %d | %s | %s | %s | %s | %s |" % (
            d, c, len(s), fmt(w, "%.3f"), fmt(u, "%.3f"), fmt(r, "%.0f"), rw, rr))
PY
	echo
	[ -n "${batch_line:-}" ] &&
		echo "Batch: oomcore batch --jobs 2, cold type cache: $batch_line ($batch_lines JSON lines)."
} >"$result"
cat "$result"
mkdir -p "$TOP/bench/results"
cp "$result" "$TOP/bench/results/$(hostname)-$(date +%Y%m%d-%H%M).md"

#!/usr/bin/env bash
# Corrupted kernel data, made by editing a copy of the raw ELF dump of the
# global scenario (tests/e2e/lib/damage.py): cycles and wild pointers in
# the task list, the cgroup tree and a buddy free list; absurd counters
# (an mm counter and a memcg usage beyond RAM, a negative totalram).
# Each time the walker stops where the damage is, the report names it and
# exits 3 (partial), and every other section is exactly what the intact
# dump gives. The edits are undone after each case; the raw dump in the
# cache and the vmlinux are never modified.
#
# Needs the raw ELF dump that dumps-samples/gen-dumps.sh leaves in the
# cache (~256 MB, not committed); oc_raw_elf makes one when it is missing.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
read -r kernel scenario vmlinux vmcore < <(oc_dumps | grep "^6.1-tiny global ")
[ -n "${vmcore:-}" ] || { echo "no 6.1-tiny global dump"; exit 77; }
elf=$(oc_raw_elf "$vmlinux" global) ||
	{ echo "no raw ELF dump and dumps-samples/gen-dumps.sh failed"; exit 1; }
command -v gdb >/dev/null || { echo "gdb needed for struct offsets"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dmg="python3 $TOP/tests/e2e/lib/damage.py"
sums=$(sha256sum "$vmlinux" "$elf")
d=$tmp/vmcore.elf
cp "$elf" "$d" && chmod 600 "$d"

timeout 600 "$OOMCORE" --json report -k "$vmlinux" "$d" >"$tmp/base.json"
rc=$?
[ $rc -eq 0 ] || { oc_not_ok "intact copy: exit $rc"; oc_finish; }
eval "$($dmg layout "$vmlinux" task_struct.tasks \
	cgroup_subsys_state.sibling cgroup_subsys_state.children \
	mem_cgroup.css mm_struct.rss_stat.count mem_cgroup.memory.usage \
	zone.free_area | sed 's/^\([a-z_]*\)\.\([a-z_.]*\)=/off_\1_\2=/; s/\./_/g')"
# shellcheck disable=SC2154
echo "offsets: tasks $off_task_struct_tasks sibling $off_cgroup_subsys_state_sibling children $off_cgroup_subsys_state_children rss $off_mm_struct_rss_stat_count usage $off_mem_cgroup_memory_usage free_area $off_zone_free_area"
# Addresses from the intact report.
eval "$(python3 - "$tmp/base.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
t = d["tasks"]["list"]
g = {x["path"]: int(x["address"], 16) for x in d["memcg"]["groups"]}
z = max(d["zones"]["zones"], key=lambda z: z["managed"])
order = [a["order"] for a in z["free_area"] if a["nr_free"] >= 2][0]
print("task2=%d task5=%d" % (t[1]["task_struct"], t[4]["task_struct"]))
print("pid5=%d" % t[4]["pid"])
victim = [x for x in t if x["pid"] != d["tasks"]["victim_pid"] and x.get("mm_struct")][-1]
print("mm=%d mm_pid=%d" % (victim["mm_struct"], victim["pid"]))
print("grp_a=%d grp_b=%d" % (g["/grp_a"], g["/grp_b"]))
print("zone=%d zone_name=%s order=%d" % (int(z["addr"], 16), z["name"], order))
PY
)"
# The first free list of that order that has two entries (any migratetype).
for mt in 0 1 2 3; do
	head=$((zone + off_zone_free_area + order * 72 + mt * 16))
	first=$($dmg read "$d" "$vmlinux" "$(printf '0x%x' "$head")")
	[ "$((first))" != "$((head))" ] || continue
	second=$($dmg read "$d" "$vmlinux" "$first")
	[ "$((second))" != "$((head))" ] && break
done
hex() { printf '0x%x' "$1"; }

# damage NAME SECTION PATTERN -- ADDR VALUE [ADDR VALUE]: writes the
# values, runs the report (text and JSON), undoes the edits, checks.
damage() {
	local name=$1 section=$2 pattern=$3 rc jrc olds=() i
	shift 4
	while [ $# -ge 2 ]; do
		olds+=("$1" "$($dmg write "$d" "$vmlinux" "$1" "$2")")
		shift 2
	done
	timeout 600 "$OOMCORE" report -k "$vmlinux" "$d" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	timeout 600 "$OOMCORE" --json report -k "$vmlinux" "$d" \
		>"$tmp/cut.json" 2>>"$tmp/err"
	jrc=$?
	for ((i = ${#olds[@]} - 2; i >= 0; i -= 2)); do
		$dmg write "$d" "$vmlinux" "${olds[i]}" "${olds[i + 1]}" >/dev/null
	done
	if [ $rc -ne 3 ] || [ $jrc -ne 3 ]; then
		oc_not_ok "$name: exit $rc/$jrc, expected 3: $(tail -n 3 "$tmp/err")"
		return
	fi
	if ! sed -n '/^PARTIAL REPORT:/,$p' "$tmp/out" | grep -Eq "$pattern"; then
		oc_not_ok "$name: PARTIAL REPORT does not say /$pattern/:"
		sed -n '/^PARTIAL REPORT:/,$p' "$tmp/out"
		return
	fi
	if python3 - "$tmp/base.json" "$tmp/cut.json" "$section" <<'PY'; then
import json, sys
base = json.load(open(sys.argv[1]))
cut = json.load(open(sys.argv[2]))
damaged = sys.argv[3]
bad = []
for key in ("kernel", "log", "events", "memcg", "zones", "tasks"):
    if key == damaged:
        continue
    a, b = base[key], cut[key]
    if key == "tasks" and damaged in ("memcg", "kernel"):
        # Only the task table's memcg paths may change with the tree.
        for x in a["list"] + b["list"]:
            x.pop("memcg_path", None)
    if a != b:
        bad.append(key)
if bad:
    print("sections changed although intact: " + ", ".join(bad))
    sys.exit(1)
PY
		oc_ok "$name: $(sed -n '/^PARTIAL REPORT:/,$p' "$tmp/out" |
			grep -E "$pattern" | head -n 1 | sed 's/^ *//')"
	else
		oc_not_ok "$name: intact sections changed"
	fi
}

tl=$off_task_struct_tasks
damage "task list cycle" tasks "task list loops at task_struct" -- \
	"$(hex $((task5 + tl)))" "$(hex $((task2 + tl)))"
python3 -c 'import json,sys; p=[x["task_struct"] for x in json.load(open(sys.argv[1]))["tasks"]["list"]]; sys.exit(not (len(p) == len(set(p)) == 5))' "$tmp/cut.json" &&
	oc_ok "task list cycle: the 5 processes, none twice" ||
	oc_not_ok "task list cycle: processes missing or listed twice"
damage "task list wild pointer" tasks "task list stopped: task_struct at 0x" -- \
	"$(hex $((task5 + tl)))" 0xdead000000000100
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["tasks"]["list"]))' "$tmp/cut.json")
[ "$n" -eq 5 ] && oc_ok "wild pointer: the 5 processes before it kept" ||
	oc_not_ok "wild pointer: $n processes kept, expected 5"

sib=$off_cgroup_subsys_state_sibling
chl=$off_cgroup_subsys_state_children
damage "cgroup sibling cycle" memcg "children list of / loops" -- \
	"$(hex $((grp_a + sib)))" "$(hex $((grp_a + sib)))"
damage "cgroup wild pointer" memcg "children of /grp_b: .*cannot read" -- \
	"$(hex $((grp_b + chl)))" 0x4141414141414141
python3 -c 'import json,sys; g=[x["path"] for x in json.load(open(sys.argv[1]))["memcg"]["groups"]]; sys.exit(g != ["/", "/grp_a", "/grp_b"])' "$tmp/cut.json" &&
	oc_ok "wild pointer: the groups before it kept" ||
	oc_not_ok "wild pointer: groups kept wrong"

damage "free list cycle" zones "$zone_name order $order type [0-9]: entry" -- \
	"$second" "$first"
damage "free list wild pointer" zones "$zone_name order $order type [0-9]: entry [0-9]+ at 0xdead000000000122 unreadable" -- \
	"$first" 0xdead000000000122

damage "mm counter beyond RAM" tasks "pid $mm_pid.*MM_ANONPAGES = 1125899906842624 pages, beyond RAM" -- \
	"$(hex $((mm + off_mm_struct_rss_stat_count + 8)))" $((1 << 50))
python3 - "$tmp/base.json" "$tmp/cut.json" <<'PY' && oc_ok "the victim is not the damaged task" || oc_not_ok "absurd counter changed the victim"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
sys.exit(a["tasks"]["victim_pid"] != b["tasks"]["victim_pid"])
PY
damage "memcg usage beyond RAM" memcg "memory of /grp_a at .*usage 1125899906842624 pages is more than RAM" -- \
	"$(hex $((grp_a + off_mem_cgroup_memory_usage)))" $((1 << 50))

# A negative totalram_pages: shown as unknown, never as the garbage; the
# scores still use the oom_control's totalpages (the OOM in progress);
# no crash, whatever the exit status.
tr=$($dmg sym "$vmlinux" "$d" _totalram_pages)
old=$($dmg write "$d" "$vmlinux" "$tr" -5)
timeout 600 "$OOMCORE" report -k "$vmlinux" "$d" >"$tmp/out" 2>"$tmp/err"
rc=$?
$dmg write "$d" "$vmlinux" "$tr" "$old" >/dev/null
if [ $rc -le 3 ] && grep -q "^RAM unknown" "$tmp/out" &&
	grep -q "totalpages: oom_control.totalpages" "$tmp/out"; then
	oc_ok "negative totalram_pages: RAM unknown, exit $rc"
else
	oc_not_ok "negative totalram_pages: exit $rc: $(grep '^RAM' "$tmp/out")"
fi

# The edits were undone: the copy reads as the intact dump again.
timeout 600 "$OOMCORE" --json report -k "$vmlinux" "$d" >"$tmp/again.json"
cmp -s <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["dump"]["path"]=""; print(json.dumps(d, sort_keys=True))' "$tmp/base.json") \
	<(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["dump"]["path"]=""; print(json.dumps(d, sort_keys=True))' "$tmp/again.json") &&
	oc_ok "edits undone" || oc_not_ok "the copy differs after undoing the edits"
[ "$sums" = "$(sha256sum "$vmlinux" "$elf")" ] &&
	oc_ok "raw dump and vmlinux unchanged" || oc_not_ok "inputs modified"
oc_finish

# Helpers for tests/log/*.sh (sourced, not run): JSON assertions on
# `oomcore log --json`. Needs $OOMCORE and python3.
set -u
FIX=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/fixtures
command -v python3 >/dev/null || { echo "python3 missing"; exit 77; }
[ -x "$OOMCORE" ] || { echo "no $OOMCORE"; exit 77; }

# check FILE PYTHON-EXPRESSIONS...: runs `oomcore log --json FILE` and
# evaluates each expression with d = the document, ev = d["events"],
# e = the last event, a = its analysis; fails on the first false one.
check() {
	local file=$1
	shift
	"$OOMCORE" log --json "$file" >"$TMPJ" || {
		echo "FAIL: oomcore log --json $file exited $?"
		return 1
	}
	python3 - "$TMPJ" "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ev = d["events"]
e = ev[-1] if ev else None
a = e["analysis"] if e else None
def byid(a, i):
    return [f for f in a["findings"] if f["id"] == i]
bad = 0
for expr in sys.argv[2:]:
    try:
        ok = eval(expr)
    except Exception as x:
        ok = False
        expr += "  (" + repr(x) + ")"
    if not ok:
        print("FAIL:", expr)
        bad += 1
    else:
        print("ok:  ", expr)
sys.exit(1 if bad else 0)
PY
}
TMPJ=$(mktemp)
trap 'rm -f "$TMPJ"' EXIT

#!/usr/bin/env bash
# Runs every test of the suite and prints one line per test, then the
# summary line "N passed, N failed, N skipped".
#   unit tests:  $BUILD/tests/test_*   (compiled from tests/unit/test_*.c)
#   script tests: tests/log/*.sh, tests/e2e/*.sh
# A test passes with exit 0, is skipped with exit 77, fails otherwise.
# Environment: BUILD (build dir, default build), TESTS (glob filter),
# OOMCORE (the CLI under test, default $BUILD/oomcore).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BUILD
case "$BUILD" in /*) build_dir=$BUILD ;; *) build_dir=$PWD/$BUILD ;; esac
export OOMCORE=${OOMCORE:-$build_dir/oomcore}
export OOMCORE_SO=${OOMCORE_SO:-$build_dir/oomcore.so}
export TOP=$PWD
logdir=$BUILD/test-logs
mkdir -p "$logdir"

pass=0 fail=0 skip=0
failed=()
run_one() {
	local name=$1
	shift
	case "$name" in ${TESTS:-*}) ;; *) return ;; esac
	local log="$logdir/$(echo "$name" | tr / _).log" start end rc
	start=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	end=$(date +%s)
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1))
		echo "PASS: $name ($((end - start))s)"
	elif [ $rc -eq 77 ]; then
		skip=$((skip + 1))
		echo "SKIP: $name ($(tail -n 1 "$log"))"
	else
		fail=$((fail + 1))
		failed+=("$name")
		echo "FAIL: $name (exit $rc, log $log)"
		tail -n 30 "$log" | sed 's/^/    /'
	fi
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	run_one "unit/$(basename "$t")" "$t"
done
for t in tests/log/*.sh tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	run_one "${t#tests/}" bash "$t"
done

echo
[ ${#failed[@]} -eq 0 ] || echo "failed: ${failed[*]}"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ] && [ $pass -gt 0 ]

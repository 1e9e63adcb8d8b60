#!/usr/bin/env bash
# The type profile cache (src/target/type_cache.h), on each global dump:
#  - a cold run writes $XDG_CACHE_HOME/oomcore/types/<build-id>, a warm run
#    reads it without rewriting it, and both print the same JSON;
#  - truncated, corrupt, foreign (another build-id) and garbage cache files
#    are ignored (same JSON) and rewritten;
#  - a cache directory that cannot be written does not fail the run.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

report() { # CACHE_HOME VMLINUX VMCORE OUT
	XDG_CACHE_HOME=$1 "$OOMCORE" report --json -k "$2" "$3" >"$4" \
		2>"$4.err"
	local rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 3 ]
}

n=0
while read -r kernel scenario vmlinux vmcore; do
	# The global dump of each kernel.
	[ "$scenario" = global ] || continue
	n=$((n + 1))
	t="$kernel/$scenario"
	home=$tmp/$kernel
	mkdir -p "$home"
	if ! report "$home" "$vmlinux" "$vmcore" "$tmp/cold"; then
		oc_not_ok "$t: cold run failed: $(cat "$tmp/cold.err")"
		continue
	fi
	files=("$home"/oomcore/types/*)
	if [ ${#files[@]} -ne 1 ] || [ ! -s "${files[0]}" ]; then
		oc_not_ok "$t: no cache file after the cold run"
		continue
	fi
	cache=${files[0]}
	bid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["dump"]["build_id"])' "$tmp/cold")
	[ "$(basename "$cache")" = "$bid" ] &&
		oc_ok "$t: cache file named by the build-id" ||
		oc_not_ok "$t: cache file $(basename "$cache"), build-id $bid"
	cp "$cache" "$tmp/good"
	touch -d '2000-01-01' "$cache"
	report "$home" "$vmlinux" "$vmcore" "$tmp/warm" &&
		cmp -s "$tmp/cold" "$tmp/warm" &&
		oc_ok "$t: warm run, same JSON" ||
		oc_not_ok "$t: warm run differs from the cold one"
	[ "$(stat -c %Y "$cache")" -lt 1000000000 ] &&
		oc_ok "$t: warm run does not rewrite the cache" ||
		oc_not_ok "$t: warm run rewrote the cache"

	size=$(stat -c %s "$tmp/good")
	for bad in truncated-header truncated corrupt-byte foreign garbage \
		empty; do
		case $bad in
		truncated-header) head -c 50 "$tmp/good" >"$cache" ;;
		truncated) head -c $((size - 9)) "$tmp/good" >"$cache" ;;
		corrupt-byte)
			cp "$tmp/good" "$cache"
			printf '\377' | dd of="$cache" bs=1 seek=$((size / 2)) \
				conv=notrunc status=none ;;
		foreign) # another build-id in the header
			cp "$tmp/good" "$cache"
			printf '\125\125' | dd of="$cache" bs=1 seek=20 \
				conv=notrunc status=none ;;
		garbage) head -c 4096 /dev/urandom >"$cache" ;;
		empty) : >"$cache" ;;
		esac
		if report "$home" "$vmlinux" "$vmcore" "$tmp/out" &&
			cmp -s "$tmp/cold" "$tmp/out"; then
			oc_ok "$t: $bad cache ignored"
		else
			oc_not_ok "$t: $bad cache: $(head -c 300 "$tmp/out.err")"
		fi
		cmp -s "$cache" "$tmp/good" &&
			oc_ok "$t: $bad cache rewritten" ||
			oc_not_ok "$t: $bad cache not rewritten"
	done

	# A cache directory that cannot be written (a file in its place
	# stops root too): the run works, uncached.
	: >"$tmp/notadir"
	report "$tmp/notadir" "$vmlinux" "$vmcore" "$tmp/out" &&
		cmp -s "$tmp/cold" "$tmp/out" &&
		oc_ok "$t: unwritable cache directory" ||
		oc_not_ok "$t: unwritable cache directory: $(cat "$tmp/out.err")"
	mkdir -p "$tmp/ro/oomcore/types" && chmod 555 "$tmp/ro/oomcore/types"
	report "$tmp/ro" "$vmlinux" "$vmcore" "$tmp/out" &&
		cmp -s "$tmp/cold" "$tmp/out" &&
		oc_ok "$t: read-only cache directory" ||
		oc_not_ok "$t: read-only cache directory: $(cat "$tmp/out.err")"
	chmod 755 "$tmp/ro/oomcore/types"
done < <(oc_dumps)
[ "$n" -gt 0 ] || { echo "no sample dumps"; exit 77; }
oc_finish

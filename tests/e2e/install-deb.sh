#!/usr/bin/env bash
# The Debian package, end to end: `make deb` (dpkg-buildpackage -us -uc -b
# on `git archive HEAD`), lintian (errors and warnings fail), then
# `dpkg -i`, the installed `oomcore report` on the bundled global dump and
# `extend oomcore.so` + `oom -t` in crash without any path, `man oomcore`,
# and `dpkg -r`.
#
# It installs a package system-wide, so it only runs when asked to:
# OOMCORE_TEST_DEB=1 as root on a throwaway machine (CI). It never
# replaces an oomcore package that was installed before.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
[ "${OOMCORE_TEST_DEB:-0}" = 1 ] ||
	{ echo "set OOMCORE_TEST_DEB=1 (root, throwaway machine)"; exit 77; }
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
command -v dpkg-buildpackage >/dev/null && command -v dh >/dev/null ||
	{ echo "needs dpkg-dev and debhelper"; exit 77; }
if dpkg-query -W -f='${Status}' oomcore 2>/dev/null | grep -q installed; then
	echo "an oomcore package is already installed: not touching it"
	exit 77
fi
out=$(mktemp -d)
trap 'dpkg -r oomcore >/dev/null 2>&1; rm -rf "$out"' EXIT

# make deb empties DEB_OUT first: the build log goes beside it.
if make -s -C "$TOP" deb DEB_OUT="$out/deb" >"$out/build.log" 2>&1; then
	oc_ok "make deb"
else
	tail -n 30 "$out/build.log"
	oc_not_ok "make deb"
	oc_finish
fi
deb=$(ls "$out"/deb/oomcore_*_amd64.deb | head -n 1)
if command -v lintian >/dev/null; then
	lintian --fail-on error,warning "$deb" >"$out/lintian.log" 2>&1
	rc=$?
	cat "$out/lintian.log"
	[ $rc -eq 0 ] && oc_ok "lintian: no error or warning" ||
		oc_not_ok "lintian"
fi
if dpkg -i "$deb" >"$out/dpkg.log" 2>&1; then
	oc_ok "dpkg -i $(basename "$deb")"
else
	cat "$out/dpkg.log"
	oc_not_ok "dpkg -i"
	oc_finish
fi
[ "$(command -v oomcore)" = /usr/bin/oomcore ] && oc_ok "oomcore on PATH" ||
	oc_not_ok "oomcore is not /usr/bin/oomcore"
MANWIDTH=80 man oomcore 2>/dev/null | grep -q "EXIT STATUS" &&
	oc_ok "man oomcore" || oc_not_ok "man oomcore"

line=$(oc_dumps | awk '$1 == "6.1-tiny" && $2 == "global"' | head -n 1)
if [ -n "$line" ]; then
	read -r _ _ vmlinux vmcore <<<"$line"
	cp "$vmcore" "$out/vmcore"
	(cd "$out" && oomcore report -k "$vmlinux" vmcore >report.txt 2>&1)
	rc=$?
	[ $rc -eq 0 ] && grep -q "OOM killer picks pid" "$out/report.txt" &&
		oc_ok "oomcore report on the global dump" ||
		oc_not_ok "oomcore report: exit $rc"
	if command -v crash >/dev/null; then
		res=$(cd "$out" && printf 'extend oomcore.so\noom -t\nq\n' |
			env -u CRASH_EXTENSIONS timeout 600 crash -s \
				--no_scroll "$vmlinux" vmcore 2>&1)
		echo "$res" | grep -q \
			"/usr/lib/crash/extensions/oomcore.so: shared object loaded" &&
			echo "$res" | grep -q "<- victim" &&
			oc_ok "crash: extend oomcore.so (no path), oom -t" ||
			{ echo "$res" | tail -n 20
			  oc_not_ok "crash: extend oomcore.so"; }
	fi
fi
if dpkg -r oomcore >/dev/null 2>&1 && [ ! -e /usr/bin/oomcore ] &&
	[ ! -e /usr/lib/crash/extensions/oomcore.so ]; then
	oc_ok "dpkg -r oomcore"
else
	oc_not_ok "dpkg -r oomcore"
fi
oc_finish

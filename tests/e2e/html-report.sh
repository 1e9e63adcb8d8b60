#!/usr/bin/env bash
# The HTML report in a real browser: `oomcore report --html` of the bundled
# global dump and `oomcore log --html` of a log fixture are rendered by
# headless Chromium (Debian's chromium, installed with apt-get when
# missing and running as root). The rendered DOM must carry the numbers of
# the JSON report of the same input (victim, runner-up, every task's
# points and terms, zone free/min/low/high, where memory went, memcg
# usage and limits); the page must be self-contained; the screenshot must
# show the victim's bar and the memory chart. Artifacts stay in
# $BUILD/test-logs/html/ for a person to look at.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
lib=$TOP/tests/e2e/lib

chromium_find() {
	local c
	for c in chromium chromium-browser; do
		command -v "$c" >/dev/null && { command -v "$c"; return 0; }
	done
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "installing chromium with apt-get" >&2
		{ DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends chromium ||
			{ apt-get update -q &&
				DEBIAN_FRONTEND=noninteractive apt-get install \
					-y -q --no-install-recommends chromium; }
		} >&2
		command -v chromium && return 0
	fi
	return 1
}

# Headless, offline, with a throwaway profile.
chromium_run() {
	local profile rc
	profile=$(mktemp -d)
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--disable-sync --no-first-run --disable-extensions \
		--hide-scrollbars --user-data-dir="$profile" "$@" 2>/dev/null
	rc=$?
	rm -rf "$profile"
	return $rc
}

CHROMIUM=$(chromium_find) || { echo "no chromium"; exit 77; }
case ${BUILD:-build} in
/*) out=$BUILD/test-logs/html ;;
*) out=$TOP/${BUILD:-build}/test-logs/html ;;
esac
rm -rf "$out" && mkdir -p "$out"

# check NAME MODE PAGE JSON: render, dump the DOM, screenshot, compare.
check() {
	local name=$1 mode=$2 page=$3 json=$4
	if chromium_run --dump-dom "file://$page" >"$out/$name.dom.html" &&
		[ -s "$out/$name.dom.html" ]; then
		oc_ok "$name: chromium renders the page"
	else
		oc_not_ok "$name: chromium --dump-dom failed"
		return
	fi
	if python3 "$lib/html_check.py" "$mode" "$out/$name.dom.html" \
		"$json" "$page"; then
		oc_ok "$name: the page's numbers equal the JSON"
	else
		oc_not_ok "$name: the page differs from the JSON"
	fi
	if chromium_run --window-size=1100,2600 \
		--screenshot="$out/$name.png" "file://$page" >/dev/null &&
		python3 "$lib/html_check.py" png "$out/$name.png"; then
		oc_ok "$name: screenshot $out/$name.png"
	else
		oc_not_ok "$name: screenshot"
	fi
}

# The bundled global dump.
line=$(oc_dumps | awk '$1 == "6.1-tiny" && $2 == "global"' | head -n 1)
if [ -n "$line" ]; then
	read -r _ _ vmlinux vmcore <<<"$line"
	"$OOMCORE" report --json -k "$vmlinux" "$vmcore" >"$out/global.json"
	"$OOMCORE" report --html "$out/global.html" -k "$vmlinux" "$vmcore" \
		>"$out/global.txt"
	rc=$?
	if [ $rc -eq 0 ] && [ -s "$out/global.html" ]; then
		oc_ok "global: report --html writes the page (exit 0)"
		check global report "$out/global.html" "$out/global.json"
	else
		oc_not_ok "global: report --html exit $rc"
	fi
	"$OOMCORE" report --html - -k "$vmlinux" "$vmcore" >"$out/stdout.html"
	if cmp -s "$out/stdout.html" "$out/global.html"; then
		oc_ok "global: --html - writes the page alone on stdout"
	else
		oc_not_ok "global: --html - differs from --html FILE"
	fi
else
	echo "no bundled global dump: vmcore part skipped"
fi

# Every log fixture: the page has the JSON's numbers.
for f in "$TOP"/tests/log/fixtures/*.log; do
	name=log-$(basename "$f" .log)
	"$OOMCORE" log --json "$f" >"$out/$name.json"
	if ! "$OOMCORE" log --html "$out/$name.html" "$f" >/dev/null; then
		oc_not_ok "$name: log --html failed"
		continue
	fi
	if chromium_run --dump-dom "file://$out/$name.html" \
		>"$out/$name.dom.html" &&
		python3 "$lib/html_check.py" log "$out/$name.dom.html" \
			"$out/$name.json" "$out/$name.html"; then
		oc_ok "$name: the page's numbers equal the JSON"
	else
		oc_not_ok "$name: the page differs from the JSON"
	fi
done
# One log page also screenshotted.
f=$TOP/tests/log/fixtures/4.10-global-qemu-score888.log
[ -f "$f" ] && check log-4.10 log "$out/log-4.10-global-qemu-score888.html" \
	"$out/log-4.10-global-qemu-score888.json"

oc_finish

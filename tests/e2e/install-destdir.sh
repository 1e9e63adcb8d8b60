#!/usr/bin/env bash
# `make install` into a DESTDIR, and everything run from there: the CLI
# (--version, every verb's --help with usage, options, an example and the
# exit codes), `oomcore report` on the bundled global dump, the crash
# extension loaded by name only (`extend oomcore.so`, found through
# CRASH_EXTENSIONS as crash finds /usr/lib/crash/extensions), the man page
# through man(1), bash completion; then `make uninstall`.
set -u
. "$TOP/tests/e2e/lib/dumps.sh"
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
build=${BUILD:-build}

if make -s -C "$TOP" BUILD="$build" PREFIX=/usr DESTDIR="$dest" install \
	>"$dest.log" 2>&1; then
	oc_ok "make install DESTDIR PREFIX=/usr"
else
	cat "$dest.log"
	oc_not_ok "make install"
	oc_finish
fi
rm -f "$dest.log"
bin=$dest/usr/bin/oomcore
for f in usr/bin/oomcore usr/lib/crash/extensions/oomcore.so \
	usr/share/man/man1/oomcore.1 \
	usr/share/bash-completion/completions/oomcore; do
	if [ -f "$dest/$f" ]; then oc_ok "installed /$f"; else oc_not_ok "no /$f"; fi
done
[ -x "$bin" ] || oc_finish

"$bin" --version | grep -q '^oomcore ' && oc_ok "--version" ||
	oc_not_ok "--version"
out=$("$bin" --help)
echo "$out" | grep -q "Exit status: 0 ok, 1 error, 2 usage, 3 partial" &&
	oc_ok "--help documents the exit codes" ||
	oc_not_ok "--help lacks the exit codes"
"$bin" >/dev/null 2>&1
[ $? -eq 2 ] && oc_ok "no verb: exit 2" || oc_not_ok "no verb: not exit 2"
"$bin" nosuchverb >/dev/null 2>&1
[ $? -eq 2 ] && oc_ok "unknown verb: exit 2" || oc_not_ok "unknown verb"
for verb in report log dmesg zones memcg; do
	out=$("$bin" "$verb" --help)
	rc=$?
	missing=
	echo "$out" | grep -q "^Usage: oomcore $verb" || missing+=" usage"
	echo "$out" | grep -q "^Options:" || missing+=" options"
	echo "$out" | grep -q "^Example" || missing+=" example"
	echo "$out" | grep -q "^Exit status:" || missing+=" exit-status"
	if [ $rc -eq 0 ] && [ -z "$missing" ]; then
		oc_ok "$verb --help: usage, options, example, exit status"
	else
		oc_not_ok "$verb --help (exit $rc) lacks:$missing"
	fi
	"$bin" "$verb" --no-such-option >/dev/null 2>&1
	[ $? -eq 2 ] && oc_ok "$verb: bad option exit 2" ||
		oc_not_ok "$verb: bad option not exit 2"
done

# The man page through man(1).
if command -v man >/dev/null; then
	page=$(MANWIDTH=80 man -l "$dest/usr/share/man/man1/oomcore.1" 2>&1)
	if echo "$page" | grep -q "EXIT STATUS" &&
		echo "$page" | grep -q "extend oomcore.so"; then
		oc_ok "man renders oomcore(1)"
	else
		oc_not_ok "man oomcore(1)"
	fi
	warn=$(groff -man -ww -z "$dest/usr/share/man/man1/oomcore.1" 2>&1)
	[ -z "$warn" ] && oc_ok "groff: no warnings" ||
		oc_not_ok "groff warnings: $warn"
fi

# Bash completion, with the bash-completion package's helpers.
bc=/usr/share/bash-completion/bash_completion
if [ -f "$bc" ]; then
	got=$(bash -c '. "$1"; . "$2"; COMP_WORDS=(oomcore rep);
		COMP_CWORD=1; COMP_LINE="oomcore rep"; COMP_POINT=11;
		_oomcore; echo "${COMPREPLY[*]}";
		COMP_WORDS=(oomcore report --ht); COMP_CWORD=2;
		COMP_LINE="oomcore report --ht"; COMP_POINT=19;
		_oomcore; echo "${COMPREPLY[*]}"' _ "$bc" \
		"$dest/usr/share/bash-completion/completions/oomcore" 2>&1)
	[ "$got" = "report
--html" ] && oc_ok "bash completion: verbs and options" ||
		oc_not_ok "bash completion gave: $got"
fi

# The installed binary on the bundled global dump, and the extension.
line=$(oc_dumps | awk '$1 == "6.1-tiny" && $2 == "global"' | head -n 1)
if [ -n "$line" ]; then
	read -r _ _ vmlinux vmcore <<<"$line"
	out=$("$bin" report -k "$vmlinux" "$vmcore" 2>&1)
	rc=$?
	[ $rc -eq 0 ] && echo "$out" | grep -q "OOM killer picks pid" &&
		oc_ok "installed oomcore report on the global dump" ||
		oc_not_ok "installed oomcore report: exit $rc"
	# crash cannot load an ASan-built extension (see crash-extension.sh).
	if ldd "$dest/usr/lib/crash/extensions/oomcore.so" | grep -q libasan
	then
		echo "# the sanitized extension is not loaded into crash"
	elif command -v crash >/dev/null; then
		out=$(printf 'extend oomcore.so\noom -t\nq\n' |
			CRASH_EXTENSIONS=$dest/usr/lib/crash/extensions \
				oc_crash "$vmlinux" "$vmcore")
		echo "$out" | grep -q "oomcore.so: shared object loaded" &&
			echo "$out" | grep -q "<- victim" &&
			oc_ok "crash: extend oomcore.so by name, oom -t" ||
			oc_not_ok "crash: extend oomcore.so by name"
		strings "$(command -v crash)" |
			grep -qx '/usr/lib/crash/extensions/%s' &&
			oc_ok "crash looks in /usr/lib/crash/extensions" ||
			oc_not_ok "crash does not look in /usr/lib/crash/extensions"
	fi
fi

make -s -C "$TOP" BUILD="$build" PREFIX=/usr DESTDIR="$dest" uninstall
left=$(find "$dest" -type f)
[ -z "$left" ] && oc_ok "make uninstall removes every file" ||
	oc_not_ok "left after uninstall: $left"
oc_finish

#!/bin/sh
# apt-get and apt-cache on another Debian suite or architecture, through a
# private apt configuration: the machine's own sources are never changed.
#
# usage: dumps-samples/debian-apt.sh [--arch ARCH] SUITE apt-get|apt-cache ARGS...
#   e.g. debian-apt.sh trixie-security apt-get download linux-image-6.12.48+deb13-amd64
#        debian-apt.sh --arch arm64 bookworm-security apt-cache depends linux-image-arm64
#
# The archive URIs are taken at run time from the machine's deb822 sources
# (/etc/apt/sources.list.d/debian.sources): the first URI serves the plain
# suites (bookworm, trixie, sid, ...), the second the *-security suites.
# State (sources.list, package lists) lives in
#   ${XDG_CACHE_HOME:-$HOME/.cache}/oomcore/apt/SUITE-ARCH/
# and the lists are refreshed when older than a day. `apt-get download`
# writes into the current directory, as usual.
set -eu
ARCH=$(dpkg --print-architecture)
if [ "${1:-}" = --arch ]; then ARCH=$2; shift 2; fi
[ $# -ge 2 ] || { sed -n '4,6p' "$0" >&2; exit 2; }
SUITE=$1; shift
TOOL=$1; shift
case "$TOOL" in apt-get|apt-cache) ;; *) echo "debian-apt.sh: $TOOL: not apt-get or apt-cache" >&2; exit 2 ;; esac

SRC=${OOMCORE_APT_SOURCES:-/etc/apt/sources.list.d/debian.sources}
uris=$(sed -n 's/^URIs:[[:space:]]*//p' "$SRC" | tr ' ' '\n' | grep . || true)
main_uri=$(echo "$uris" | sed -n 1p)
sec_uri=$(echo "$uris" | sed -n 2p)
[ -n "$main_uri" ] || { echo "debian-apt.sh: no URIs in $SRC" >&2; exit 1; }
case "$SUITE" in
*-security)
	[ -n "$sec_uri" ] || { echo "debian-apt.sh: no security URI in $SRC" >&2; exit 1; }
	uri=$sec_uri ;;
*) uri=$main_uri ;;
esac
keyring=$(sed -n 's/^Signed-By:[[:space:]]*//p' "$SRC" | head -n 1)
[ -n "$keyring" ] || keyring=/usr/share/keyrings/debian-archive-keyring.gpg

D=${XDG_CACHE_HOME:-$HOME/.cache}/oomcore/apt/$SUITE-$ARCH
mkdir -p "$D/lists/partial" "$D/archives/partial"
echo "deb [arch=$ARCH signed-by=$keyring] $uri $SUITE main" > "$D/sources.list"
: > "$D/status"

apt_private() { # apt_private TOOL ARGS...: TOOL with the private configuration
	t=$1; shift
	"$t" -o Dir::Etc::SourceList="$D/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$D/lists" \
		-o Dir::State::status="$D/status" \
		-o Dir::Cache="$D" -o Dir::Cache::archives="$D/archives" \
		-o Dir::Cache::pkgcache="$D/pkgcache.bin" \
		-o Dir::Cache::srcpkgcache="$D/srcpkgcache.bin" \
		-o APT::Architecture="$ARCH" -o APT::Architectures="$ARCH" \
		-o Debug::NoLocking=1 -o APT::Sandbox::User=root "$@"
}

if [ -z "$(find "$D/lists" -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null)" ]; then
	apt_private apt-get -qq update >&2
fi
apt_private "$TOOL" "$@"

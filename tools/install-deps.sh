#!/usr/bin/env bash
# Installs what oomcore needs to build and test on Debian 12, with apt-get.
# Installs only what is missing; needs root (or sudo) when something is.
set -euo pipefail

pkgs=(
	build-essential pkg-config
	libkdumpfile-dev libdw-dev libelf-dev zlib1g-dev
	crash
	python3 xz-utils zstd cpio kmod				# tests
	qemu-system-x86 busybox-static makedumpfile		# sample dumps
	clang libclang-rt-14-dev				# fuzzing, sanitizers
	chromium man-db bash-completion				# html, man tests
	debhelper dpkg-dev fakeroot lintian			# .deb
)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

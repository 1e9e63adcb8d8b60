#!/usr/bin/env bash
# The main job on a bundled sample dump: `oomcore report` on the global
# panic_on_oom dump of the bundled 6.1 kernel (its vmlinux is unpacked
# from dumps-samples/6.1-tiny/vmlinux.xz into the cache on first use).
#   usage: tools/demo.sh OOMCORE [SCENARIO]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
oomcore=${1:-$top/build/oomcore}
scenario=${2:-global}
vmlinux=$("$top/dumps-samples/fetch-vmlinux.sh" 6.1-tiny)
set -x
"$oomcore" report -k "$vmlinux" "$top/dumps-samples/6.1-tiny/$scenario/vmcore"

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The standalone target: a crash dump read with libkdumpfile and its
 * vmlinux read with libelf/libdw. Opening checks that the vmlinux belongs
 * to the dump (build-id, else the linux_banner string) and finds the
 * vmlinux when none is given.
 */
#ifndef OOMCORE_STANDALONE_H
#define OOMCORE_STANDALONE_H

#include <stdbool.h>

#include "oomcore/target.h"

struct oc_standalone_options {
	const char *vmcore;	/* dump file (any format libkdumpfile reads) */
	const char *vmlinux;	/* NULL: discover it (see below) */
	bool force;		/* open even if the vmlinux does not match */
};

/*
 * Opens a dump and its vmlinux as a target. Without a vmlinux, tries the
 * usual debug-info paths for the dump's OSRELEASE
 * (/usr/lib/debug/boot/vmlinux-REL, /usr/lib/debug/lib/modules/REL/vmlinux,
 * /boot/vmlinux-REL, /lib/modules/REL/build/vmlinux), then debuginfod by
 * build-id when DEBUGINFOD_URLS is set. Errors name the dump, the vmlinux
 * and, for a mismatch, both identities (OC_ERR_MISMATCH).
 */
struct oc_error *oc_standalone_open(const struct oc_standalone_options *opts,
				    struct oc_target **ret);

#endif /* OOMCORE_STANDALONE_H */

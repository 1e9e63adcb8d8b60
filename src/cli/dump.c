// SPDX-License-Identifier: GPL-2.0-or-later
/* Options shared by the verbs that read a dump: -k/--vmlinux, --force. */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "oomcore/standalone.h"

struct oc_error *oc_cli_open_dump(const struct oc_cli_dump_opts *o,
				  struct oc_target **ret)
{
	struct oc_standalone_options opts = {
		.vmcore = o->vmcore,
		.vmlinux = o->vmlinux,
		.force = o->force,
	};

	return oc_standalone_open(&opts, ret);
}

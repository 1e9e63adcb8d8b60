// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What every verb that reads a dump shares: the options -k/--vmlinux,
 * --force, -j/--json, -p/--pretty, -h/--help, one VMCORE argument, and
 * opening the dump.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "oomcore/standalone.h"

static const struct option common_longopts[] = {
	{ "vmlinux", required_argument, NULL, 'k' },
	{ "force", no_argument, NULL, 'F' },
	{ "json", no_argument, NULL, 'j' },
	{ "pretty", no_argument, NULL, 'p' },
	{ "help", no_argument, NULL, 'h' },
};

#define NR_COMMON (sizeof(common_longopts) / sizeof(common_longopts[0]))

int oc_cli_parse_dump_verb(int argc, char **argv, const struct oc_cli_verb *v,
			   struct oc_cli_dump_opts *o)
{
	struct option longopts[NR_COMMON + 16];
	char shortopts[64];
	size_t n = 0;
	int c;

	memcpy(longopts, common_longopts, sizeof(common_longopts));
	n = NR_COMMON;
	for (const struct option *lo = v->longopts; lo && lo->name; lo++)
		if (n + 1 < sizeof(longopts) / sizeof(longopts[0]))
			longopts[n++] = *lo;
	memset(&longopts[n], 0, sizeof(longopts[n]));
	snprintf(shortopts, sizeof(shortopts), "k:jph%s",
		 v->shortopts ? v->shortopts : "");
	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			o->vmlinux = optarg;
			break;
		case 'F':
			o->force = true;
			break;
		case 'j':
			oc_cli.json = true;
			break;
		case 'p':
			oc_cli.json = oc_cli.pretty = true;
			break;
		case 'h':
			v->help(stdout);
			return OC_EXIT_OK;
		default:
			if (c != '?' && v->opt && !v->opt(c, optarg, v->ctx))
				break;
			return oc_cli_usage_error(v->name, "bad option");
		}
	}
	if (optind + 1 != argc)
		return oc_cli_usage_error(v->name, "expected one VMCORE");
	o->vmcore = argv[optind];
	return -1;
}

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

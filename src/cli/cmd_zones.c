// SPDX-License-Identifier: GPL-2.0-or-later
/* oomcore zones: nodes, zones, free lists and VM counters of a dump. */
#include <getopt.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "oomcore/json.h"
#include "oomcore/kernel.h"
#include "oomcore/target.h"
#include "oomcore/zones.h"

static void help(FILE *f)
{
	fprintf(f,
		"Usage: oomcore zones [OPTIONS] VMCORE\n"
		"\n"
		"Prints the memory state of a crash dump as the kernel's OOM "
		"report shows it\nin its Mem-Info block: global VM counters, "
		"one line per node and per\npopulated zone (free pages, "
		"watermarks, lowmem_reserve, per-CPU lists),\nthe buddy free "
		"lists per order with their migratetypes, hugepages,\n"
		"pagecache, swap and RAM totals. The kernel filters nodes and "
		"zones in an\nOOM report; this prints them all. Then what the "
		"kernel does not print:\nexact counters with the unfolded "
		"per-CPU deltas and the number of free\nblocks per order and "
		"migratetype, counted by walking the free lists.\n"
		"\n"
		"Options:\n"
		OC_CLI_DUMP_OPTIONS_HELP
		"  -j, --json          one JSON object (counts in pages)\n"
		"  -p, --pretty        indented JSON\n"
		"  -h, --help          this help\n"
		"\n"
		"Exit status: 0 ok, 1 error, 2 usage, 3 read with notes "
		"(e.g. a corrupt\nfree list).\n"
		"\n"
		"Example:\n"
		"  oomcore zones -k /usr/lib/debug/boot/vmlinux-6.1.0-26-amd64 "
		"vmcore\n");
}

int oc_cmd_zones(int argc, char **argv)
{
	static const struct oc_cli_verb verb = { "zones", help };
	struct oc_cli_dump_opts dopts;
	struct oc_kernel k = { 0 };
	struct oc_zones z = { 0 };
	struct oc_target *t;
	struct oc_error *err;
	int rc = oc_cli_parse_dump_verb(argc, argv, &verb, &dopts);

	if (rc >= 0)
		return rc;
	rc = OC_EXIT_OK;
	err = oc_cli_open_dump(&dopts, &t);
	if (err)
		return oc_cli_fail(err);
	err = oc_kernel_read(t, &k);
	if (!err)
		err = oc_zones_read(&k, &z);
	if (err) {
		oc_zones_free(&z);
		oc_kernel_free(&k);
		oc_target_destroy(t);
		return oc_cli_fail(err);
	}
	if (oc_cli.json) {
		struct oc_json j;

		oc_json_init(&j, stdout, oc_cli.pretty);
		oc_zones_json(&j, &z);
		oc_json_finish(&j);
	} else {
		oc_zones_print_text(&z, stdout);
	}
	if (z.notes.len) {
		if (!oc_cli.json)
			fprintf(stderr, "oomcore: zones read with %zu notes\n",
				z.notes.len);
		rc = OC_EXIT_PARTIAL;
	}
	oc_zones_free(&z);
	oc_kernel_free(&k);
	oc_target_destroy(t);
	return rc;
}

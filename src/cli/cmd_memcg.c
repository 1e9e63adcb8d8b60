// SPDX-License-Identifier: GPL-2.0-or-later
/* oomcore memcg: the memory cgroup hierarchy held in a dump. */
#include <getopt.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "oomcore/json.h"
#include "oomcore/kernel.h"
#include "oomcore/memcg.h"
#include "oomcore/target.h"
#include "oomcore/tasks.h"

static void help(FILE *f)
{
	fprintf(f,
		"Usage: oomcore memcg [OPTIONS] VMCORE\n"
		"\n"
		"Prints the memory cgroup hierarchy held in a crash dump: "
		"each group's\npath as the kernel prints it, memory usage, "
		"limit, peak and failcnt\n(the numbers of the memcg OOM "
		"report), swap or memsw, the OOM event\ncounters, and "
		"with --json the memory.stat statistics, both as last\n"
		"flushed (what memory.stat printed) and as derived exactly "
		"from the\nper-CPU data.\n"
		"\n"
		"Options:\n"
		OC_CLI_DUMP_OPTIONS_HELP
		"  -j, --json          the hierarchy as JSON\n"
		"  -p, --pretty        indented JSON\n"
		"  -h, --help          this help\n"
		"\n"
		"Exit status: 0 ok, 1 error, 2 usage, 3 the walk stopped early "
		"(corrupt\ndata; what was read is printed).\n"
		"\n"
		"Example:\n"
		"  oomcore memcg -k /usr/lib/debug/boot/vmlinux-6.1.0-26-amd64 "
		"vmcore\n");
}

int oc_cmd_memcg(int argc, char **argv)
{
	static const struct oc_cli_verb verb = { "memcg", help };
	struct oc_cli_dump_opts dopts;
	struct oc_memcgs m = { 0 };
	struct oc_tasks tasks;
	struct oc_kernel k;
	struct oc_target *t;
	struct oc_error *err;
	int rc = oc_cli_parse_dump_verb(argc, argv, &verb, &dopts);

	if (rc >= 0)
		return rc;
	err = oc_cli_open_dump(&dopts, &t);
	if (err)
		return oc_cli_fail(err);
	err = oc_kernel_read(t, &k);
	if (err) {
		oc_kernel_free(&k);
		oc_target_destroy(t);
		return oc_cli_fail(err);
	}
	err = oc_memcg_read(&k, &m);
	if (err) {
		oc_memcgs_free(&m);
		oc_kernel_free(&k);
		oc_target_destroy(t);
		return oc_cli_fail(err);
	}
	/* Processes per group: optional, a failed task walk leaves -1. */
	err = oc_tasks_read(&k, &tasks);
	if (!err && !tasks.partial)
		oc_memcg_count_tasks(&m, &tasks);
	else
		fprintf(stderr, "oomcore: note: no process counts: %s\n",
			err ? err->message : tasks.partial->message);
	oc_error_free(err);
	oc_tasks_free(&tasks);
	if (oc_cli.json) {
		struct oc_json j;

		oc_json_init(&j, stdout, oc_cli.pretty);
		oc_json_object_begin(&j);
		oc_json_kv_int(&j, "schema_version", 1);
		oc_json_key(&j, "memcg");
		oc_memcg_json(&j, &m);
		oc_json_object_end(&j);
		oc_json_finish(&j);
	} else {
		oc_memcg_print_text(&m, stdout);
	}
	rc = OC_EXIT_OK;
	if (m.partial) {
		fprintf(stderr, "oomcore: memcg walk incomplete: %s\n",
			m.partial->message);
		rc = OC_EXIT_PARTIAL;
	}
	oc_memcgs_free(&m);
	oc_kernel_free(&k);
	oc_target_destroy(t);
	return rc;
}

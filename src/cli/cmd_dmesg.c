// SPDX-License-Identifier: GPL-2.0-or-later
/* oomcore dmesg: the kernel log held in a dump, as crash's `log` prints it. */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "oomcore/json.h"
#include "oomcore/printk.h"
#include "oomcore/target.h"

static void help(FILE *f)
{
	fprintf(f,
		"Usage: oomcore dmesg [OPTIONS] VMCORE\n"
		"\n"
		"Prints the kernel log held in a crash dump, in the format of "
		"crash's\n`log` command: \"[seconds.micros] text\". Reads the "
		"5.10+ lockless\nprintk_ringbuffer, the 3.5-5.9 printk_log "
		"records and the older plain\nlog_buf, whichever the kernel "
		"has.\n"
		"\n"
		"Options:\n"
		OC_CLI_DUMP_OPTIONS_HELP
		"  -t, --caller        show the caller id: [T<pid>] or "
		"[C<cpu>]\n"
		"  -m, --level         show each record's log level as <N>\n"
		"  -j, --json          records as JSON "
		"(seq, ts_nsec, caller_id, level, text)\n"
		"  -p, --pretty        indented JSON\n"
		"  -h, --help          this help\n"
		"\n"
		"Exit status: 0 ok, 1 error (the dump or its log cannot be "
		"read), 2 usage.\n"
		"\n"
		"Example:\n"
		"  oomcore dmesg -k /usr/lib/debug/boot/vmlinux-6.1.0-26-amd64 "
		"vmcore\n");
}

static void print_json(const struct oc_printk_log *log, FILE *out)
{
	const struct oc_printk_record *r;
	struct oc_json j;

	oc_json_init(&j, out, oc_cli.pretty);
	oc_json_object_begin(&j);
	oc_json_kv_int(&j, "schema_version", 1);
	oc_json_kv_str(&j, "format", oc_printk_format_name(log->format));
	oc_json_kv_uint(&j, "skipped_records", log->skipped);
	oc_json_key(&j, "records");
	oc_json_array_begin(&j);
	oc_vec_for_each(&log->records, r) {
		oc_json_object_begin(&j);
		oc_json_kv_uint(&j, "seq", r->seq);
		if (r->has_ts)
			oc_json_kv_uint(&j, "ts_nsec", r->ts_nsec);
		else
			oc_json_kv_null(&j, "ts_nsec");
		if (r->caller_id != OC_PRINTK_NO_CALLER)
			oc_json_kv_uint(&j, "caller_id", r->caller_id);
		else
			oc_json_kv_null(&j, "caller_id");
		if (r->level != 0xff)
			oc_json_kv_uint(&j, "level", r->level);
		else
			oc_json_kv_null(&j, "level");
		oc_json_key(&j, "text");
		if (r->dataless)
			oc_json_null(&j);
		else
			oc_json_string_len(&j, oc_printk_text(log, r),
					   r->text_len);
		oc_json_object_end(&j);
	}
	oc_json_array_end(&j);
	oc_json_object_end(&j);
	oc_json_finish(&j);
}

static int dmesg_opt(int c, const char *arg, void *ctx)
{
	int *flags = ctx;

	if (c == 't')
		*flags |= OC_PRINTK_SHOW_CALLER;
	else if (c == 'm')
		*flags |= OC_PRINTK_SHOW_LEVEL;
	else
		return -1;
	return 0;
}

int oc_cmd_dmesg(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "caller", no_argument, NULL, 't' },
		{ "level", no_argument, NULL, 'm' },
		{},
	};
	int flags = 0;
	const struct oc_cli_verb verb = {
		"dmesg", help, "tm", longopts, dmesg_opt, &flags,
	};
	struct oc_cli_dump_opts dopts;
	struct oc_printk_log log = { 0 };
	struct oc_target *t;
	struct oc_error *err;
	int rc = oc_cli_parse_dump_verb(argc, argv, &verb, &dopts);

	if (rc >= 0)
		return rc;
	err = oc_cli_open_dump(&dopts, &t);
	if (err)
		return oc_cli_fail(err);
	err = oc_printk_read(t, &log);
	oc_target_destroy(t);
	if (err) {
		oc_printk_log_free(&log);
		return oc_cli_fail(err);
	}
	if (oc_cli.json)
		print_json(&log, stdout);
	else
		oc_printk_print(&log, flags, stdout);
	if (log.skipped && !oc_cli.json)
		fprintf(stderr,
			"oomcore: note: %" PRIu64 " log record(s) were being "
			"written or reused at the crash and are not shown\n",
			log.skipped);
	oc_printk_log_free(&log);
	return OC_EXIT_OK;
}

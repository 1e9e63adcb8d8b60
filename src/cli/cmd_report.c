// SPDX-License-Identifier: GPL-2.0-or-later
/* oomcore report: the whole OOM analysis of a vmcore. */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "oomcore/html.h"
#include "oomcore/report.h"

static void help(FILE *f)
{
	fprintf(f,
		"Usage: oomcore report [OPTIONS] VMCORE\n"
		"\n"
		"Explains the out-of-memory event held in a crash dump: the "
		"verdict, the\nOOM reports in the kernel log, and every "
		"process's OOM badness\nrecomputed from memory with this "
		"kernel's formula, the victim the\nOOM killer picks and the "
		"runner-up.\n"
		"\n"
		"Options:\n"
		OC_CLI_DUMP_OPTIONS_HELP
		"  -s, --section NAME  only one part: tasks, events, oomctl,\n"
		"                      memcg, zones (repeatable)\n"
		"  -j, --json          one JSON document (schema in "
		"docs/json-report-schema.md)\n"
		"  -p, --pretty        indented JSON\n"
		"      --html FILE     also write a self-contained HTML page to "
		"FILE\n"
		"                      ('-': the page alone on stdout)\n"
		"  -h, --help          this help\n"
		"\n"
		"Exit status: 0 ok, 1 error, 2 usage, 3 partial report (some "
		"section\ncould not be read; the report says which and why).\n"
		"\n"
		"Example:\n"
		"  oomcore report -k vmlinux-6.1.0-26-amd64 "
		"/var/crash/202611211200/dump.202611211200\n");
}

static int parse_section(const char *s, unsigned int *sections)
{
	static const struct {
		const char *name;
		unsigned int bit;
	} names[] = {
		{ "tasks", OC_SECTION_TASKS },
		{ "events", OC_SECTION_EVENTS },
		{ "oomctl", OC_SECTION_OOMCTL },
		{ "memcg", OC_SECTION_MEMCG },
		{ "zones", OC_SECTION_ZONES },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(s, names[i].name)) {
			*sections |= names[i].bit;
			return 0;
		}
	}
	return -1;
}

struct report_args {
	unsigned int sections;
	const char *html;
};

static int report_opt(int c, const char *arg, void *ctx)
{
	struct report_args *a = ctx;

	if (c == 'H') {
		a->html = arg;
		return 0;
	}
	if (c == 's' && !parse_section(arg, &a->sections))
		return 0;
	if (c == 's')
		fprintf(stderr, "oomcore report: unknown section '%s'\n", arg);
	return -1;
}

int oc_cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "section", required_argument, NULL, 's' },
		{ "html", required_argument, NULL, 'H' },
		{},
	};
	struct report_args args = { 0 };
	const struct oc_cli_verb verb = {
		"report", help, "s:", longopts, report_opt, &args,
	};
	struct oc_cli_dump_opts dopts;
	unsigned int sections;
	const char *html;
	struct oc_report r;
	struct oc_target *t;
	struct oc_error *err;
	int status = oc_cli_parse_dump_verb(argc, argv, &verb, &dopts);

	if (status >= 0)
		return status;
	sections = args.sections;
	html = args.html;
	if (!sections)
		sections = OC_SECTION_ALL;
	err = oc_cli_open_dump(&dopts, &t);
	if (err)
		return oc_cli_fail(err);
	err = oc_report_build(t, sections, &r);
	if (err) {
		oc_report_release(&r);
		oc_target_destroy(t);
		return oc_cli_fail(err);
	}
	if (html && (err = oc_html_report_file(html, &r))) {
		oc_report_release(&r);
		oc_target_destroy(t);
		return oc_cli_fail(err);
	}
	if (html && !strcmp(html, "-")) {
		/* the page alone */
	} else if (oc_cli.json) {
		struct oc_json j;

		oc_json_init(&j, stdout, oc_cli.pretty);
		oc_report_json(&r, sections, &j);
	} else {
		oc_report_print_text(&r, sections, stdout);
	}
	status = oc_report_partial(&r) ? OC_EXIT_PARTIAL : OC_EXIT_OK;
	oc_report_release(&r);
	oc_target_destroy(t);
	return status;
}

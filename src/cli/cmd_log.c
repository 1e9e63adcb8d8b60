// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `oomcore log [-j|--json] [-p|--pretty] [--event N] [FILE|-]`: finds
 * every OOM event in kernel log text (dmesg, journal, syslog, console)
 * and explains it. Exit 0 also when the log holds no OOM event (text
 * says so, JSON has an empty "events" list); 1 when the input cannot be
 * read; 2 on a usage error.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "oomcore/html.h"
#include "oomcore/log.h"

static void help(FILE *f)
{
	fprintf(f,
		"Usage: oomcore log [-j|--json] [-p|--pretty] [--event N] [--html FILE]\n"
		"                  [FILE|-]\n"
		"\n"
		"Finds every OOM-killer event in kernel log text and explains it:\n"
		"the trigger, constraint, memory state, the victim, the badness of\n"
		"every task recomputed with the kernel era's formula, and whether it\n"
		"matches what the kernel printed. Reads FILE, or standard input when\n"
		"FILE is '-' or missing. Any era (2.6.32 to 6.x) and any log style:\n"
		"dmesg, dmesg -T, journalctl, syslog, /dev/kmsg, console captures.\n"
		"\n"
		"Options:\n"
		"  -j, --json      one JSON document (docs/json-log-schema.md)\n"
		"  -p, --pretty    indented JSON (implies --json)\n"
		"  -e, --event N   only the Nth event (1-based)\n"
		"      --html FILE also write a self-contained HTML page to "
		"FILE\n"
		"                  ('-': the page alone on stdout)\n"
		"  -h, --help      this help\n"
		"\n"
		"Exit status: 0 ok (also when no OOM event is found), 1 the input\n"
		"cannot be read, 2 usage error.\n"
		"\n"
		"Examples:\n"
		"  oomcore log /var/log/messages\n"
		"  journalctl -k -b -1 | oomcore log\n"
		"  dmesg -T | oomcore log --json --event 2\n");
}

int oc_cmd_log(int argc, char **argv)
{
	struct oc_log_report_opts opts = { .input_name = "-" };
	struct oc_oom_event_vec events = { 0 };
	struct oc_log_stats st;
	struct oc_error *err;
	const char *path = NULL, *html = NULL;
	bool json = oc_cli.json;
	FILE *f = stdin;
	int i, ret = OC_EXIT_OK;

	opts.pretty = oc_cli.pretty;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			help(stdout);
			return OC_EXIT_OK;
		} else if (!strcmp(a, "-j") || !strcmp(a, "--json")) {
			json = true;
		} else if (!strcmp(a, "-p") || !strcmp(a, "--pretty")) {
			json = opts.pretty = true;
		} else if (!strcmp(a, "-e") || !strcmp(a, "--event") ||
			   !strncmp(a, "--event=", 8)) {
			const char *v = a[2] == 'e' && a[7] == '=' ? a + 8 :
					i + 1 < argc		   ? argv[++i] :
								     NULL;
			char *end;
			long n;

			if (!v)
				return oc_cli_usage_error(
					"log", "--event needs a number");
			errno = 0;
			n = strtol(v, &end, 10);
			if (errno || *end || n < 1)
				return oc_cli_usage_error(
					"log", "bad event number '%s'", v);
			opts.event = n;
		} else if (!strcmp(a, "--html") || !strncmp(a, "--html=", 7)) {
			html = a[6] == '='  ? a + 7 :
			       i + 1 < argc ? argv[++i] :
					      NULL;
			if (!html || !html[0])
				return oc_cli_usage_error(
					"log", "--html needs a file");
		} else if (!strcmp(a, "--")) {
			if (i + 1 < argc)
				path = argv[++i];
			break;
		} else if (a[0] == '-' && a[1]) {
			return oc_cli_usage_error("log", "unknown option '%s'",
						  a);
		} else if (path) {
			return oc_cli_usage_error("log", "more than one input");
		} else {
			path = a;
		}
	}
	if (path && strcmp(path, "-")) {
		f = fopen(path, "r");
		if (!f)
			return oc_cli_fail(oc_error_os(errno, "%s", path));
		opts.input_name = path;
	}
	memset(&st, 0, sizeof(st));
	err = oc_log_parse_file(f, &events, &st);
	if (f != stdin)
		fclose(f);
	if (err) {
		oc_oom_event_vec_release(&events);
		return oc_cli_fail(oc_error_wrap(err, "%s", opts.input_name));
	}
	if (opts.event && (size_t)opts.event > events.len) {
		ret = oc_cli_usage_error("log", "no event %lld: %s has %zu",
					 (long long)opts.event, opts.input_name,
					 events.len);
		goto out;
	}
	if (html && (err = oc_html_log_file(html, &events, &st, &opts))) {
		ret = oc_cli_fail(err);
		goto out;
	}
	if (html && !strcmp(html, "-"))
		err = NULL; /* the page alone */
	else if (json)
		err = oc_log_report_json(stdout, &events, &st, &opts);
	else
		err = oc_log_report_text(stdout, &events, &st, &opts);
	if (err)
		ret = oc_cli_fail(err);
	if (fflush(stdout) && !ret)
		ret = oc_cli_fail(oc_error_os(errno, "writing the report"));
out:
	oc_oom_event_vec_release(&events);
	return ret;
}

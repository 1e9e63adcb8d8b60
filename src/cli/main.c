// SPDX-License-Identifier: GPL-2.0-or-later
/* oomcore's main(): global options and the verb dispatch table. */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#ifndef OOMCORE_VERSION
#define OOMCORE_VERSION "0.1"
#endif

struct oc_cli_globals oc_cli;

static const struct oc_cmd commands[] = {
	{ "report", oc_cmd_report, "explain the OOM event in a vmcore" },
	{ "log", oc_cmd_log, "analyse OOM reports in kernel log text" },
	{ "dmesg", oc_cmd_dmesg, "print the kernel log held in a vmcore" },
	{ "zones", oc_cmd_zones, "nodes, zones and free lists of a vmcore" },
	{ "memcg", oc_cmd_memcg, "the memory cgroup hierarchy of a vmcore" },
	{ "batch", oc_cmd_batch, "report on many vmcores, one JSON line each" },
};

int oc_cli_fail(struct oc_error *err)
{
	fprintf(stderr, "oomcore: %s\n", err->message);
	oc_error_free(err);
	return OC_EXIT_ERROR;
}

int oc_cli_usage_error(const char *verb, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "oomcore %s: ", verb);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'oomcore %s --help'.\n", verb);
	return OC_EXIT_USAGE;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: oomcore [-j|--json] [-p|--pretty] VERB [ARGS...]\n"
		"       oomcore help | --help | --version\n"
		"\n"
		"Explains a Linux out-of-memory event from a crash dump or a "
		"kernel log.\n\nVerbs:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(f,
		"\nGlobal options:\n"
		"  -j, --json     one JSON document instead of text\n"
		"  -p, --pretty   indented JSON (implies --json)\n"
		"  -h, --help     this help; 'oomcore VERB --help' for a verb\n"
		"  -V, --version  print the version\n"
		"\nExit status: 0 ok, 1 error, 2 usage, 3 partial report.\n"
		"\nExamples:\n"
		"  oomcore report -k /usr/lib/debug/boot/vmlinux-$(uname -r) "
		"vmcore\n"
		"  journalctl -k | oomcore log -\n"
		"  oomcore batch --jobs 4 /var/crash > oom.jsonl\n");
}

int main(int argc, char **argv)
{
	int i;

	/* Global options before the verb; verbs parse their own. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-j") || !strcmp(a, "--json")) {
			oc_cli.json = true;
		} else if (!strcmp(a, "-p") || !strcmp(a, "--pretty")) {
			oc_cli.json = oc_cli.pretty = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return OC_EXIT_OK;
		} else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("oomcore %s\n", OOMCORE_VERSION);
			return OC_EXIT_OK;
		} else {
			fprintf(stderr, "oomcore: unknown option '%s'\n", a);
			usage(stderr);
			return OC_EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return OC_EXIT_USAGE;
	}
	if (!strcmp(argv[i], "help")) {
		usage(stdout);
		return OC_EXIT_OK;
	}
	for (size_t c = 0; c < sizeof(commands) / sizeof(commands[0]); c++) {
		if (!strcmp(argv[i], commands[c].name))
			return commands[c].fn(argc - i, argv + i);
	}
	fprintf(stderr, "oomcore: unknown verb '%s'\n", argv[i]);
	usage(stderr);
	return OC_EXIT_USAGE;
}

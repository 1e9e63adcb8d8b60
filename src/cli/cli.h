/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The oomcore command line: `oomcore [OPTIONS] VERB [ARGS]`, one source
 * file per verb (cmd_VERB.c), dispatched from the table in main.c.
 *
 * Exit codes: 0 ok, 1 error, 2 usage, 3 partial report.
 */
#ifndef OOMCORE_CLI_H
#define OOMCORE_CLI_H

#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>

#include "oomcore/error.h"

enum {
	OC_EXIT_OK = 0,
	OC_EXIT_ERROR = 1,
	OC_EXIT_USAGE = 2,
	OC_EXIT_PARTIAL = 3,
};

/* Options that every verb accepts before or after the verb. */
struct oc_cli_globals {
	bool json;	/* -j/--json */
	bool pretty;	/* -p/--pretty: indented JSON (implies --json) */
};

extern struct oc_cli_globals oc_cli;

/*
 * A verb's entry point: @argv[0] is the verb. Returns an exit code.
 * Every verb handles -h/--help itself by printing its help.
 */
typedef int oc_cmd_fn(int argc, char **argv);

struct oc_cmd {
	const char *name;
	oc_cmd_fn *fn;
	const char *summary;	/* one line for `oomcore help` */
};

/* Prints "oomcore: MESSAGE" on stderr, frees @err, returns OC_EXIT_ERROR. */
int oc_cli_fail(struct oc_error *err);

/* Prints "oomcore VERB: MESSAGE" + a --help hint; returns OC_EXIT_USAGE. */
int oc_cli_usage_error(const char *verb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* What the dump-reading verbs take: VMCORE [-k VMLINUX] [--force]. */
struct oc_cli_dump_opts {
	const char *vmcore;
	const char *vmlinux;
	bool force;
};

struct oc_target;

/* The help lines of the options oc_cli_parse_dump_verb() handles itself. */
#define OC_CLI_DUMP_OPTIONS_HELP                                              \
	"  -k, --vmlinux FILE  the dump's vmlinux with debug info (default: "  \
	"look\n"                                                             \
	"                      in /usr/lib/debug, /boot, debuginfod)\n"       \
	"      --force         use a vmlinux that does not match the dump\n"

/* A dump verb's own options, for oc_cli_parse_dump_verb(). */
struct oc_cli_verb {
	const char *name;
	void (*help)(FILE *f);
	const char *shortopts;		/* the verb's own, e.g. "tm", or NULL */
	const struct option *longopts;	/* the verb's own, {} ended, or NULL */
	/* Handles one of them: 0 ok, -1 a bad value (usage error). */
	int (*opt)(int c, const char *arg, void *ctx);
	void *ctx;
};

/*
 * Parses the options every dump verb takes (-k/--vmlinux, --force,
 * -j/--json, -p/--pretty, -h/--help) and the verb's own, then exactly one
 * VMCORE into @o. Returns -1 when the verb should go on, else the exit
 * status to return (help printed, or a usage error reported).
 */
int oc_cli_parse_dump_verb(int argc, char **argv, const struct oc_cli_verb *v,
			   struct oc_cli_dump_opts *o);

/* Opens the dump as a standalone target (see oomcore/standalone.h). */
struct oc_error *oc_cli_open_dump(const struct oc_cli_dump_opts *o,
				  struct oc_target **ret);

/* The verbs, one file each. */
int oc_cmd_log(int argc, char **argv);
int oc_cmd_dmesg(int argc, char **argv);
int oc_cmd_zones(int argc, char **argv);
int oc_cmd_memcg(int argc, char **argv);
int oc_cmd_report(int argc, char **argv);
int oc_cmd_batch(int argc, char **argv);

#endif /* OOMCORE_CLI_H */

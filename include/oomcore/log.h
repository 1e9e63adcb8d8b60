/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Log mode: finds OOM events in kernel log text and reports them.
 *
 * The parser is streaming and takes one line (or one printk record) at a
 * time, so it serves both `oomcore log FILE` and the vmcore mode, which
 * feeds the dump's own printk records:
 *
 *	struct oc_log_parser *p;
 *	struct oc_oom_event_vec events = {0};
 *
 *	err = oc_log_parser_new(&p);
 *	for each record:
 *		err = oc_log_parser_feed_record(p, text, len, ts_ns, caller);
 *	err = oc_log_parser_finish(p, &events);
 *	oc_log_parser_free(p);
 *	... oc_oom_analyze(&events.data[i], &analysis) ...
 *	oc_oom_event_vec_release(&events);
 *
 * Memory is bounded by what the OOM events themselves hold: text outside
 * an event is looked at and dropped, and every line is cut at
 * OC_LOG_LINE_MAX bytes. Any bytes are accepted (binary garbage, invalid
 * UTF-8, NULs): they simply match nothing.
 *
 * Events are returned in input order. A Mem-Info dump that belongs to no
 * OOM report (page allocation failure, sysrq-m show-memory) is not an
 * event; a lone "Killed process" or "oom_reaper" line is one (partial).
 */
#ifndef OOMCORE_LOG_H
#define OOMCORE_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "oomcore/error.h"
#include "oomcore/oom_event.h"

/* Longest line kept; the rest of a longer line is ignored. */
#define OC_LOG_LINE_MAX 8192

/*
 * Memory caps for hostile or pathological input: events beyond
 * OC_LOG_MAX_EVENTS are counted, not kept (events that are only a kill or
 * reaper line may use half of them, so that a storm of kills does not
 * push out the full reports); rows, zones, nodes, slab
 * lines, reaper lines and extra kills beyond these totals (over all
 * events of one input) are counted in oc_oom_event.items_not_kept.
 * Worst case about 300 MB; real logs stay far below.
 */
#define OC_LOG_MAX_EVENTS 2000
#define OC_LOG_MAX_TASKS 500000
#define OC_LOG_MAX_ZONES 8192
#define OC_LOG_MAX_NODES 4096
#define OC_LOG_MAX_ITEMS 100000 /* slab lines, reaper lines, extra kills */

/* "no timestamp" / "no caller id" for oc_log_parser_feed_record(). */
#define OC_LOG_NONE INT64_MIN

/* Caller ids are the kernel's: bit 31 set = CPU number, else a task id. */
#define OC_LOG_CALLER_CPU 0x80000000LL

struct oc_log_parser;

/* Counters over the whole input, for the report's footer. */
struct oc_log_stats {
	int64_t lines;		  /* lines or records fed */
	int64_t long_lines;	  /* lines cut at OC_LOG_LINE_MAX */
	int64_t non_oom_memdumps; /* Mem-Info dumps that are no OOM */
	int64_t dropped_markers;  /* "messages dropped" lines */
	int64_t events_not_kept;  /* events beyond OC_LOG_MAX_EVENTS */
	char kernel_version[96];  /* last "Linux version" banner */
};

/* Creates a parser. */
struct oc_error *oc_log_parser_new(struct oc_log_parser **ret);
void oc_log_parser_free(struct oc_log_parser *p);

/*
 * Feeds one line of log text as found in a file, without its newline
 * (a trailing "\r\n" or "\n" is tolerated). Syslog, journalctl (short
 * formats, -o json and -o verbose records), dmesg, dmesg -T/-x, /dev/kmsg,
 * console-server, printk caller id and "<N>" level prefixes are stripped
 * here, HTML escapes decoded and rsyslog "#012" split.
 */
struct oc_error *oc_log_parser_feed_line(struct oc_log_parser *p,
					 const char *line, size_t len);

/*
 * Feeds one printk record: its text without any prefix (it may contain
 * embedded newlines), its time in ns since boot and its caller id
 * (OC_LOG_NONE when unknown).
 */
struct oc_error *oc_log_parser_feed_record(struct oc_log_parser *p,
					   const char *text, size_t len,
					   int64_t ts_ns, int64_t caller_id);

/*
 * Ends the input: appends the events found to @out (the caller owns them)
 * and resets the parser for another input.
 */
struct oc_error *oc_log_parser_finish(struct oc_log_parser *p,
				      struct oc_oom_event_vec *out);

/* Counters so far (valid after finish too). */
void oc_log_parser_stats(const struct oc_log_parser *p,
			 struct oc_log_stats *st);

/*
 * Reads @f to its end in bounded memory and appends its events to @out;
 * @st may be NULL. Fails only on a read error or when memory runs out.
 */
struct oc_error *oc_log_parse_file(FILE *f, struct oc_oom_event_vec *out,
				   struct oc_log_stats *st);

/* One line with its prefixes removed (src/oom/log_line.c). */
struct oc_log_line {
	const char *text;   /* not NUL-terminated inside the buffer... */
	size_t len;	    /* ...but text[len] is '\0' */
	int64_t ts_ns;	    /* "[   12.345678]", kmsg usec; or OC_LOG_NONE */
	int64_t caller_id;  /* "[T1234]", "[C3]"; or OC_LOG_NONE */
	int level;	    /* "<4>", kmsg; or -1 */
	char wallclock[40]; /* syslog, journal, dmesg -T time as printed */
};

/*
 * Removes the prefixes of one physical line @in (@len bytes, no "#012"
 * splitting), decoding HTML escapes, into @buf (@size bytes, at least 2)
 * and describes the result in @out (which points into @buf).
 */
void oc_log_normalize(const char *in, size_t len, char *buf, size_t size,
		      struct oc_log_line *out);

/* Report options for oc_log_report_text()/_json(). */
struct oc_log_report_opts {
	const char *input_name; /* "-" for stdin */
	int64_t event;		/* 1-based event to show, or 0 for all */
	bool pretty;		/* JSON indentation */
};

/*
 * Writes the report on @events to @out: text for a person, or one JSON
 * document (docs/json-log-schema.md). Analyses each event itself.
 */
struct oc_error *oc_log_report_text(FILE *out,
				    const struct oc_oom_event_vec *events,
				    const struct oc_log_stats *st,
				    const struct oc_log_report_opts *opts);
struct oc_error *oc_log_report_json(FILE *out,
				    const struct oc_oom_event_vec *events,
				    const struct oc_log_stats *st,
				    const struct oc_log_report_opts *opts);

/*
 * One event as the log JSON writes it (index @idx, 1-based), with its
 * analysis @a; and the analysis object alone. Both write one JSON value,
 * for the vmcore report to embed the same schema.
 */
struct oc_json;
void oc_log_event_json(struct oc_json *j, const struct oc_oom_event *e,
		       size_t idx, const struct oc_oom_analysis *a);
void oc_log_analysis_json(struct oc_json *j, const struct oc_oom_event *e,
			  const struct oc_oom_analysis *a);

#endif /* OOMCORE_LOG_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel log held in a dump, as a list of records.
 *
 * Three layouts are read, chosen by what the kernel's symbols and types
 * describe (not by version number):
 *   - the lockless printk_ringbuffer (5.10+): symbol "prb";
 *   - structured "struct printk_log" / "struct log" records (3.5-5.9):
 *     symbols "log_first_idx" and "log_next_idx";
 *   - the plain character log_buf (before 3.5): symbol "log_end".
 */
#ifndef OOMCORE_PRINTK_H
#define OOMCORE_PRINTK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "oomcore/error.h"
#include "oomcore/target.h"
#include "oomcore/vector.h"

enum oc_printk_format {
	OC_PRINTK_RINGBUFFER,	/* lockless printk_ringbuffer, 5.10+ */
	OC_PRINTK_STRUCTURED,	/* struct printk_log records, 3.5-5.9 */
	OC_PRINTK_PLAIN,	/* plain log_buf text, before 3.5 */
};

#define OC_PRINTK_NO_CALLER UINT32_MAX

struct oc_printk_record {
	uint64_t seq;
	uint64_t ts_nsec;	/* local_clock() at the printk, ns */
	uint32_t caller_id;	/* pid, or 0x80000000|cpu; or NO_CALLER */
	uint8_t level;		/* 0-7, or 0xff when unknown */
	uint8_t facility;
	bool has_ts;		/* false for plain log_buf lines without one */
	bool dataless;		/* the kernel lost this record's text */
	size_t text_off;	/* into oc_printk_log.text */
	size_t text_len;	/* may contain '\n' and any byte */
};

OC_DEFINE_VECTOR(oc_printk_record_vec, struct oc_printk_record)

struct oc_printk_log {
	enum oc_printk_format format;
	struct oc_printk_record_vec records;	/* oldest first */
	char *text;				/* all record texts */
	size_t text_len, text_cap;
	uint64_t skipped;	/* records not readable (reserved, corrupt) */
};

/*
 * Reads every record of the kernel log in @t into @log (which the caller
 * zero-initialized and frees with oc_printk_log_free(), also on error).
 */
struct oc_error *oc_printk_read(struct oc_target *t, struct oc_printk_log *log);

void oc_printk_log_free(struct oc_printk_log *log);

static inline const char *oc_printk_text(const struct oc_printk_log *log,
					 const struct oc_printk_record *r)
{
	return log->text + r->text_off;
}

enum {
	OC_PRINTK_SHOW_CALLER = 1,	/* [T123] / [C1] after the stamp */
	OC_PRINTK_SHOW_LEVEL = 2,	/* <N> before the text */
};

/*
 * Prints the log as crash's `log` command does: "[%5llu.%06lu] text",
 * a record's embedded newlines followed by indentation to the text
 * column, unprintable bytes as '.'.
 */
void oc_printk_print(const struct oc_printk_log *log, int flags, FILE *out);

/* Human name of the layout ("printk_ringbuffer", ...). */
const char *oc_printk_format_name(enum oc_printk_format f);

#endif /* OOMCORE_PRINTK_H */

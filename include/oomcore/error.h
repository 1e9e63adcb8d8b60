/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Error objects.
 *
 * Every fallible function in oomcore returns a struct oc_error *: NULL on
 * success, otherwise an error the caller owns and must either pass up or
 * free with oc_error_free(). The message names what failed (a symbol, a
 * struct member, an address, a file) so that the CLI can print it as one
 * line. Library code never prints or exits.
 */
#ifndef OOMCORE_ERROR_H
#define OOMCORE_ERROR_H

#include <stdarg.h>
#include <stdbool.h>

enum oc_error_code {
	OC_ERR_OTHER = 1,
	OC_ERR_NOMEM,
	OC_ERR_OS,		/* errno-based failure; see ->errnum */
	OC_ERR_INVALID,		/* bad argument or bad input data */
	OC_ERR_FORMAT,		/* input is not in a format we read */
	OC_ERR_NOT_FOUND,	/* symbol, type, member or file missing */
	OC_ERR_FAULT,		/* kernel address could not be read */
	OC_ERR_MISMATCH,	/* vmlinux does not belong to the dump */
	OC_ERR_CORRUPT,		/* kernel data is inconsistent */
	OC_ERR_UNSUPPORTED,	/* layout this build does not handle */
};

struct oc_error {
	enum oc_error_code code;
	int errnum;		/* errno for OC_ERR_OS, else 0 */
	char *message;		/* never NULL */
};

/* Statically allocated out-of-memory error; oc_error_free() ignores it. */
extern struct oc_error oc_enomem;

/* Creates an error with a printf-style message. Never returns NULL. */
struct oc_error *oc_error_create(enum oc_error_code code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Like oc_error_create() with a va_list. */
struct oc_error *oc_error_vcreate(enum oc_error_code code, const char *fmt,
				  va_list ap) __attribute__((format(printf, 2, 0)));

/* OC_ERR_OS error: "@fmt...: strerror(errnum)". */
struct oc_error *oc_error_os(int errnum, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Prefixes @err's message with "@fmt...: " and returns @err, so context can
 * be added while an error travels up: return oc_error_wrap(err, "task %d", pid).
 */
struct oc_error *oc_error_wrap(struct oc_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void oc_error_free(struct oc_error *err);

/*
 * For optional lookups: true when @err is NULL, else frees it and returns
 * false. if (oc_ok(oc_target_symbol(t, "x", &addr))) ...
 */
static inline bool oc_ok(struct oc_error *err)
{
	if (!err)
		return true;
	oc_error_free(err);
	return false;
}

#endif /* OOMCORE_ERROR_H */
